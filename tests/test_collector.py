"""ingest.collector: the cycle collector is off while a pack renders or a document is read, and as
it was after."""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator

import pytest

from ingest import collector


@pytest.fixture
def collector_on() -> Iterator[None]:
    was = gc.isenabled()
    gc.enable()
    yield
    if not was:
        gc.disable()


def test_the_collector_is_off_inside_and_on_again_after(collector_on: None) -> None:
    with collector.paused():
        assert not gc.isenabled()
    assert gc.isenabled()


def test_a_collector_that_was_off_stays_off(collector_on: None) -> None:
    gc.disable()
    with collector.paused():
        pass
    assert not gc.isenabled()


def test_the_collector_stays_off_until_the_last_of_several_threads_ends(collector_on: None) -> None:
    inside, release = threading.Event(), threading.Event()

    def render() -> None:
        with collector.paused():
            inside.set()
            release.wait(5)

    other = threading.Thread(target=render)
    other.start()
    inside.wait(5)
    with collector.paused():
        pass
    assert not gc.isenabled()  # the other thread's render is still running
    release.set()
    other.join(5)
    assert gc.isenabled()


def test_the_collector_is_on_again_after_a_render_that_fails(collector_on: None) -> None:
    with pytest.raises(ValueError), collector.paused():
        raise ValueError
    assert gc.isenabled()


def test_a_document_is_read_with_the_collector_paused_and_it_is_on_again_after(
    collector_on: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    from extract import document as extract
    from ingest.inspect import inspect_file
    from tests.ingest_samples import text_pdf

    during: list[bool] = []
    read = extract.read_document

    def watched(*args: object) -> object:
        during.append(gc.isenabled())
        return read(*args)  # type: ignore[arg-type]

    monkeypatch.setattr(extract, "read_document", watched)
    data = text_pdf(["Placements budget £42,150 forecast £45,870"])
    assert extract.extract_document(inspect_file("a.pdf", data), data).passages
    assert during == [False]
    assert gc.isenabled()
