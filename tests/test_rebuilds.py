"""Rebuilds after a reviewer's correction or finding, on real Redis and PostgreSQL: a bundle is
complete only once the last rebuild asked for has finished, however the rebuilds overlap.

The workers run in this process (dramatiq's Worker on the Redis broker), so that a test can hold
a message at a chosen point and make the overlap it needs happen every time."""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import dramatiq
import pytest
from dramatiq import Worker
from dramatiq.broker import MessageProxy

from ingest.errors import BadInput
from tests.pipeline_helpers import distributed_env
from workers.account import bundle_state
from workers.actors import build_actors, rerun_bundle_stages
from workers.broker import make_broker, queue_for, work_on_broker
from workers.db import results
from workers.findings import add_finding
from workers.outputs import write_outputs
from workers.pipeline import BUNDLE_POSITION, PIPELINE
from workers.progress import is_complete
from workers.settings import load_settings
from workers.stages import RUNNERS, Context, outputs_manifest
from workers.store import Store
from workers.submit import submit_paths

pytestmark = [pytest.mark.services, pytest.mark.slow]
WAIT_S = 300.0
ANALYSE = next(s for s in PIPELINE if s.name == "analyse")
VERSION = {s.name: s.version for s in PIPELINE}
SHEET = "Service,Budget 2025/26 (£000)\nChildren's social care,1200\nAdult social care,3400\n"


class Held:
    """Where a test holds a message: `started` is set when it gets there, and it waits there until
    `release` is set."""

    def __init__(self) -> None:
        self.started = threading.Event()
        self.release = threading.Event()

    def hold(self) -> None:
        self.started.set()
        assert self.release.wait(WAIT_S), "never released"


class Probe(dramatiq.Middleware):
    """Added before StageState, so that its `after` hook runs after StageState has recorded the
    outcome (dramatiq calls `after` hooks last-added first): records, after each bundle stage's
    message, whether the bundle then said it was complete."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self.seen: list[tuple[str, bool]] = []

    def after_process_message(
        self,
        broker: dramatiq.Broker,
        message: MessageProxy,
        *,
        result: object = None,
        exception: BaseException | None = None,
    ) -> None:
        bundle_id, position = message.args
        if position == BUNDLE_POSITION:
            self.seen.append((message.actor_name, is_complete(self.store, bundle_id)))


@contextmanager
def completed_bundle(
    tmp_path: Path,
    redis_url: str,
    postgres_url: str,
    monkeypatch: pytest.MonkeyPatch,
    *,
    hold: str,
    threads: int = 1,
) -> Iterator[tuple[Store, dramatiq.Broker, str, Probe, Held, Worker]]:
    """A bundle read and rendered by `threads` worker threads in this process on Redis and
    PostgreSQL. Yields the store, the broker, the bundle's id, the probe (cleared), where the next
    run of the stage `hold` is held (marked running, its runner not yet started), and the worker."""
    settings = load_settings(distributed_env(redis_url, postgres_url, tmp_path / "home"))
    store = Store.open(settings)
    broker = make_broker(settings)
    probe = Probe(store)
    broker.add_middleware(probe)
    held = Held()
    armed = threading.Event()
    run = RUNNERS[hold]

    def held_run(ctx: Context, bundle_id: str, position: int):  # type: ignore[no-untyped-def]
        if armed.is_set() and not held.started.is_set():
            held.hold()
        return run(ctx, bundle_id, position)

    monkeypatch.setitem(RUNNERS, hold, held_run)
    build_actors(broker, Context(store, settings.benchmarks_path))
    worker = Worker(broker, worker_threads=threads)  # one thread: one message at a time
    worker.start()
    sheet = tmp_path / "budget.csv"
    sheet.write_text(SHEET)
    try:
        bundle_id = submit_paths(store, broker, [sheet], None)
        _drain(broker, worker)
        assert is_complete(store, bundle_id), store.runs(bundle_id)
        probe.seen.clear()
        armed.set()
        yield store, broker, bundle_id, probe, held, worker
    finally:
        held.release.set()
        worker.stop()
        broker.close()


def _drain(broker: dramatiq.Broker, worker: Worker) -> None:
    """Wait until the broker holds no work and the worker has finished what it took."""
    for _ in PIPELINE:  # each stage's message is sent as the one before it finishes
        for stage in PIPELINE:
            broker.join(queue_for(stage.name), timeout=int(WAIT_S * 1000))
        worker.join()
    deadline = time.monotonic() + WAIT_S
    while work_on_broker(broker):  # acknowledged by the consumer threads a moment after the work
        assert time.monotonic() < deadline, work_on_broker(broker)
        time.sleep(0.1)


def _said_complete_only_at_the_end(probe: Probe) -> None:
    said = [complete for _, complete in probe.seen]
    assert said == [False] * (len(said) - 1) + [True], probe.seen


def test_a_second_rebuild_asked_for_while_the_first_runs_keeps_the_bundle_rebuilding_until_it_finishes(
    redis_url: str, postgres_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with completed_bundle(tmp_path, redis_url, postgres_url, monkeypatch, hold="analyse") as (
        store,
        broker,
        bundle_id,
        probe,
        held,
        worker,
    ):
        assert rerun_bundle_stages(broker, store, bundle_id)
        assert held.started.wait(WAIT_S), "the first rebuild's analyse did not start"
        # The first rebuild is running: a second correction asks for another, which must be sent.
        assert rerun_bundle_stages(broker, store, bundle_id), "the second rebuild was not sent"
        assert not is_complete(store, bundle_id)
        held.release.set()
        _drain(broker, worker)
    assert [name for name, _ in probe.seen].count("analyse") == 2, probe.seen
    _said_complete_only_at_the_end(probe)
    assert store.rebuilds(bundle_id) == (2, 2)


def test_a_rebuild_asked_for_while_the_last_one_renders_is_run_and_the_bundle_completes_after_it(
    redis_url: str, postgres_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with completed_bundle(tmp_path, redis_url, postgres_url, monkeypatch, hold="render") as (
        store,
        broker,
        bundle_id,
        probe,
        held,
        worker,
    ):
        assert rerun_bundle_stages(broker, store, bundle_id)
        assert held.started.wait(WAIT_S), "the first rebuild's render did not start"
        assert rerun_bundle_stages(broker, store, bundle_id), "the second rebuild was not sent"
        held.release.set()
        _drain(broker, worker)
    assert [name for name, _ in probe.seen] == ["analyse", "render", "analyse", "render"], probe.seen
    _said_complete_only_at_the_end(probe)
    assert store.rebuilds(bundle_id) == (2, 2)


def _until(condition: Callable[[], bool], what: str) -> None:
    deadline = time.monotonic() + WAIT_S
    while not condition():
        assert time.monotonic() < deadline, what
        time.sleep(0.05)


def _state(store: Store, bundle_id: str, name: str) -> str:
    return next(r.state for r in store.runs(bundle_id) if r.stage == name)


def _finding_texts(payload: str | bytes) -> list[str]:
    return [f["text"] for f in json.loads(payload)["findings"]]


def test_an_older_analyse_finishing_after_a_newer_one_writes_over_neither_its_review_nor_the_pack(
    redis_url: str, postgres_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Two analyses of one bundle on two worker threads: the first, started for one finding, reads
    its inputs and is held; the second, for a later finding, finishes and its render is held at
    its start; then the first writes. The pack and the stored review carry the later finding."""
    import analyse.review

    first = Held()
    build_review = analyse.review.build_review

    def held_build(*args, **kwargs):  # type: ignore[no-untyped-def]
        if not first.started.is_set():
            first.hold()  # the first analyse has read the corrections and findings, not written
        return build_review(*args, **kwargs)

    with completed_bundle(tmp_path, redis_url, postgres_url, monkeypatch, hold="render", threads=2) as (
        store,
        broker,
        bundle_id,
        probe,
        render,
        worker,
    ):
        monkeypatch.setattr(analyse.review, "build_review", held_build)
        add_finding(store.engine, bundle_id, None, "reviewer", "key_message", "The first finding.")
        assert rerun_bundle_stages(broker, store, bundle_id)
        assert first.started.wait(WAIT_S), "the first rebuild's analyse did not start"
        add_finding(store.engine, bundle_id, None, "reviewer", "key_message", "The second finding.")
        assert rerun_bundle_stages(broker, store, bundle_id), "the second rebuild was not sent"
        assert render.started.wait(WAIT_S), "the second rebuild's render did not start"
        first.release.set()
        _until(lambda: len(probe.seen) == 2, f"the first analyse did not end: {probe.seen}")
        render.release.set()
        _drain(broker, worker)
        assert is_complete(store, bundle_id), store.runs(bundle_id)
        both = ["The first finding.", "The second finding."]
        review_json = store.blobs.get(outputs_manifest(store, bundle_id)["review.json"])
        assert _finding_texts(review_json) == both
        assert _finding_texts(store.load_result(bundle_id, "analyse", ANALYSE.version)) == both


def _shown(store: Store, bundle_id: str, capsys: pytest.CaptureFixture[str]) -> dict[str, str]:
    """What the status API (and so the web page), the list of bundles and `reviewpack status` say."""
    from workers.account import bundle_state
    from workers.cli import _print_status
    from workers.progress import bundle_progress
    from workers.web.access import BundleView
    from workers.web.status import bundle_outcome, bundle_status

    bundle = store.bundle(bundle_id)
    view = BundleView(bundle_id, bundle.label, None, bundle.created_at, None, None)
    status = bundle_status(store, view)
    capsys.readouterr()
    _print_status(bundle_progress(store, bundle_id), bundle_state(store, bundle_id), None)
    return {
        "percent": str(status["progress"]["percent"]),
        "overall": status["progress"]["words"],
        "bundle": status["bundle"][0]["words"],
        "headline": status["headline"],
        "list": bundle_outcome(store, bundle_id),
        "cli": capsys.readouterr().out,
    }


def test_a_bundle_is_told_as_rebuilding_until_the_last_rebuild_asked_for_has_finished(
    redis_url: str,
    postgres_url: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """A first rebuild's analyse ends while a second's runs (held) on the other worker thread: the
    bundle is not shown done, nor its pack ready, until the second has finished."""
    import analyse.review

    second = Held()
    build_review = analyse.review.build_review

    def held_build(*args, **kwargs):  # type: ignore[no-untyped-def]
        if not second.started.is_set():
            second.hold()  # the first to build a review is the second rebuild's analyse
        return build_review(*args, **kwargs)

    with completed_bundle(tmp_path, redis_url, postgres_url, monkeypatch, hold="analyse", threads=2) as (
        store,
        broker,
        bundle_id,
        probe,
        first,
        worker,
    ):
        try:
            assert _shown(store, bundle_id, capsys)["bundle"] == "done"
            monkeypatch.setattr(analyse.review, "build_review", held_build)
            assert rerun_bundle_stages(broker, store, bundle_id)
            assert first.started.wait(WAIT_S), "the first rebuild's analyse did not start"
            add_finding(store.engine, bundle_id, None, "reviewer", "key_message", "A finding.")
            assert rerun_bundle_stages(broker, store, bundle_id), "the second rebuild was not sent"
            assert second.started.wait(WAIT_S), "the second rebuild's analyse did not start"
            first.release.set()
            _until(lambda: len(probe.seen) == 1, f"the first analyse did not end: {probe.seen}")
            _until(
                lambda: _state(store, bundle_id, "render") not in ("queued", "running"),
                "a render sent by the first did not end",
            )
            shown = _shown(store, bundle_id, capsys)
            assert int(shown["percent"]) < 100, shown
            assert shown["overall"].endswith(", rebuilding with the latest changes"), shown
            assert shown["bundle"] == "rebuilding with the latest changes: analyse…", shown
            assert shown["headline"].startswith("Rebuilding the pack with the latest changes…"), shown
            assert shown["list"] == "rebuilding", shown
            assert (
                "· rebuilding" in shown["cli"] and "\nRebuilding the pack with the latest" in shown["cli"]
            ), shown
            assert not is_complete(store, bundle_id)
            second.release.set()
            _drain(broker, worker)
            shown = _shown(store, bundle_id, capsys)
            assert (shown["percent"], shown["bundle"], shown["list"]) == ("100", "done", "ready"), shown
            assert shown["headline"].startswith("The pack is ready"), shown
            assert is_complete(store, bundle_id)
        finally:
            second.release.set()  # where a check failed with it held


def _as_an_earlier_release_stored(store: Store) -> None:
    """Every stored result, as if a release whose stages' code differed from this one's made it."""
    with store.engine.begin() as conn:
        conn.execute(results.update().values(version=results.c.version - 1))


def test_after_an_upgrade_the_old_pack_stays_fetchable_and_a_rebuild_reads_the_documents_again(
    redis_url: str, postgres_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with completed_bundle(tmp_path, redis_url, postgres_url, monkeypatch, hold="analyse") as (
        store,
        broker,
        bundle_id,
        probe,
        held,
        worker,
    ):
        held.release.set()  # nothing is held here
        [row] = store.files(bundle_id)
        old_pack = store.blobs.get(outputs_manifest(store, bundle_id)["pack.pdf"])
        _as_an_earlier_release_stored(store)
        written = write_outputs(store, bundle_id, tmp_path / "old")
        assert (tmp_path / "old" / "pack.pdf").read_bytes() == old_pack, written
        assert bundle_state(store, bundle_id).ready

        extracted: list[str] = []
        extract = RUNNERS["extract"]

        def counted(ctx: Context, bundle_id: str, position: int):  # type: ignore[no-untyped-def]
            extracted.append(bundle_id)
            return extract(ctx, bundle_id, position)

        monkeypatch.setitem(RUNNERS, "extract", counted)
        assert rerun_bundle_stages(broker, store, bundle_id)
        _drain(broker, worker)
        assert is_complete(store, bundle_id), store.runs(bundle_id)
        assert extracted == [bundle_id], "the rebuild did not read the document with this release's code"
        for name in ("ingest", "extract"):
            store.load_result(row.sha256, name, VERSION[name])
        assert {r.stage: r.state for r in store.runs(bundle_id)} == dict.fromkeys(
            [s.name for s in PIPELINE], "done"
        )
        assert [name for name, _ in probe.seen] == ["analyse", "render"], probe.seen
        _said_complete_only_at_the_end(probe)
        manifest = json.loads(store.load_result(bundle_id, "render", VERSION["render"]))
        assert outputs_manifest(store, bundle_id) == manifest  # the new pack is the one fetched


def test_a_document_stage_that_failed_storing_nothing_runs_again_after_an_upgrade_and_only_then(
    redis_url: str, postgres_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A file whose extract failed without a result (bad input as this release reads it) is not
    read again by a rebuild of the same release, but is by the first rebuild after a release whose
    extract code differs, though its ingest code is the same."""
    extract = RUNNERS["extract"]
    extracted: list[str] = []
    failing = [True]

    def counted(ctx: Context, bundle_id: str, position: int):  # type: ignore[no-untyped-def]
        extracted.append(bundle_id)
        if failing[0]:
            raise BadInput("no table this release can read")
        return extract(ctx, bundle_id, position)

    monkeypatch.setitem(RUNNERS, "extract", counted)
    with completed_bundle(tmp_path, redis_url, postgres_url, monkeypatch, hold="analyse") as (
        store,
        broker,
        bundle_id,
        _probe,
        held,
        worker,
    ):
        held.release.set()  # nothing is held here
        [row] = store.files(bundle_id)

        def extract_state() -> str:
            return next(r.state for r in store.runs(bundle_id) if r.stage == "extract")

        assert extracted == [bundle_id] and extract_state() == "failed"
        assert not store.stored_versions([row.sha256], "extract")  # it stored nothing

        assert rerun_bundle_stages(broker, store, bundle_id)  # a reviewer's change: same release
        _drain(broker, worker)
        assert is_complete(store, bundle_id) and extracted == [bundle_id] and extract_state() == "failed"

        with store.engine.begin() as conn:  # a release whose extract code differs, not its ingest's
            conn.execute(
                results.update().where(results.c.stage != "ingest").values(version=results.c.version - 1)
            )
        failing[0] = False
        assert rerun_bundle_stages(broker, store, bundle_id)
        _drain(broker, worker)
        assert is_complete(store, bundle_id), store.runs(bundle_id)
        assert extracted == [bundle_id] * 2, "the upgrade did not read the failed document again"
        assert extract_state() == "done"
        store.load_result(row.sha256, "extract", VERSION["extract"])
