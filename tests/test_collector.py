"""render.collector: the cycle collector is off while a pack renders and as it was after."""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator

import pytest

from render import collector


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
