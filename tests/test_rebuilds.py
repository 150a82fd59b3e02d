"""Rebuilds after a reviewer's correction or finding, on real Redis and PostgreSQL: a bundle is
complete only once the last rebuild asked for has finished, however the rebuilds overlap.

The workers run in this process (dramatiq's Worker on the Redis broker), so that a test can hold
a message at a chosen point and make the overlap it needs happen every time."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import dramatiq
import pytest
from dramatiq import Worker
from dramatiq.broker import MessageProxy

from tests.pipeline_helpers import distributed_env
from workers.actors import build_actors, rerun_bundle_stages
from workers.broker import make_broker, queue_for, work_on_broker
from workers.pipeline import BUNDLE_POSITION, PIPELINE
from workers.progress import is_complete
from workers.settings import load_settings
from workers.stages import RUNNERS, Context
from workers.store import Store
from workers.submit import submit_paths

pytestmark = [pytest.mark.services, pytest.mark.slow]
WAIT_S = 300.0
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
    """Added before StageState, so its `before` hook runs before StageState marks a message
    running and its `after` hook after StageState has recorded the outcome (dramatiq calls `after`
    hooks last-added first). Records, after each bundle stage's message, whether the bundle then
    said it was complete; holds the n-th analyse message, before it is marked running, where asked."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self.seen: list[tuple[str, bool]] = []
        self.hold_before: dict[int, Held] = {}  # analyse messages counted from 1 -> where held
        self.rendered = threading.Event()
        self._analysed = 0

    def reset(self) -> None:
        self.seen.clear()
        self.rendered.clear()
        self._analysed = 0

    def before_process_message(self, broker: dramatiq.Broker, message: MessageProxy) -> None:
        if message.actor_name == "analyse":
            self._analysed += 1
            if self._analysed in self.hold_before:
                self.hold_before[self._analysed].hold()

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
            if message.actor_name == "render":
                self.rendered.set()


@contextmanager
def completed_bundle(
    tmp_path: Path, redis_url: str, postgres_url: str, monkeypatch: pytest.MonkeyPatch, *, split: bool
) -> Iterator[tuple[Store, dramatiq.Broker, str, Probe, Held, list[Worker]]]:
    """A bundle read and rendered by in-process workers on Redis and PostgreSQL: one worker thread
    for every stage, or (`split`) one for analyse and one for the other stages. Yields the store,
    the broker, the bundle's id, the probe (cleared) and where analyse's runner is held, once."""
    settings = load_settings(distributed_env(redis_url, postgres_url, tmp_path / "home"))
    store = Store.open(settings)
    broker = make_broker(settings)
    probe = Probe(store)
    broker.add_middleware(probe)
    in_runner = Held()
    armed = threading.Event()
    analyse = RUNNERS["analyse"]

    def held_analyse(ctx: Context, bundle_id: str, position: int):  # type: ignore[no-untyped-def]
        if armed.is_set() and not in_runner.started.is_set():
            in_runner.hold()  # marked running, not yet reading the corrections
        return analyse(ctx, bundle_id, position)

    monkeypatch.setitem(RUNNERS, "analyse", held_analyse)
    build_actors(broker, Context(store, settings.benchmarks_path))
    queues = {queue_for(s.name) for s in PIPELINE}
    if split:
        analysers = {queue_for("analyse")}
        workers = [Worker(broker, queues=analysers, worker_threads=1)]
        workers.append(Worker(broker, queues=queues - analysers, worker_threads=1))
    else:
        workers = [Worker(broker, worker_threads=1)]
    for worker in workers:
        worker.start()
    sheet = tmp_path / "budget.csv"
    sheet.write_text(SHEET)
    try:
        bundle_id = submit_paths(store, broker, [sheet], None)
        _drain(broker, workers)
        assert is_complete(store, bundle_id), store.runs(bundle_id)
        probe.reset()
        armed.set()
        yield store, broker, bundle_id, probe, in_runner, workers
    finally:
        in_runner.release.set()
        for held in probe.hold_before.values():
            held.release.set()
        for worker in workers:
            worker.stop()
        broker.close()


def _drain(broker: dramatiq.Broker, workers: list[Worker]) -> None:
    """Wait until the broker holds no work and the workers have finished what they took."""
    for _ in PIPELINE:  # each stage's message is sent as the one before it finishes
        for stage in PIPELINE:
            broker.join(queue_for(stage.name), timeout=int(WAIT_S * 1000))
        for worker in workers:
            worker.join()
    assert work_on_broker(broker) == set()


def _said_complete_only_at_the_end(probe: Probe) -> None:
    said = [complete for _, complete in probe.seen]
    assert [name for name, _ in probe.seen].count("analyse") == 2, probe.seen
    assert said == [False] * (len(said) - 1) + [True], probe.seen


def test_a_second_rebuild_asked_for_while_the_first_runs_keeps_the_bundle_rebuilding_until_it_finishes(
    redis_url: str, postgres_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with completed_bundle(tmp_path, redis_url, postgres_url, monkeypatch, split=False) as (
        store,
        broker,
        bundle_id,
        probe,
        in_runner,
        workers,
    ):
        assert rerun_bundle_stages(broker, store, bundle_id)
        assert in_runner.started.wait(WAIT_S), "the first rebuild's analyse did not start"
        # The first rebuild is running: a second correction asks for another, which must be sent.
        assert rerun_bundle_stages(broker, store, bundle_id), "the second rebuild was not sent"
        assert not is_complete(store, bundle_id)
        in_runner.release.set()
        _drain(broker, workers)
    _said_complete_only_at_the_end(probe)
    assert store.rebuilds(bundle_id) == (2, 2)


def test_the_first_rebuilds_pack_made_before_the_second_rebuild_starts_does_not_complete_the_bundle(
    redis_url: str, postgres_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with completed_bundle(tmp_path, redis_url, postgres_url, monkeypatch, split=True) as (
        store,
        broker,
        bundle_id,
        probe,
        in_runner,
        workers,
    ):
        second = probe.hold_before[2] = Held()
        assert rerun_bundle_stages(broker, store, bundle_id)
        assert in_runner.started.wait(WAIT_S), "the first rebuild's analyse did not start"
        assert rerun_bundle_stages(broker, store, bundle_id), "the second rebuild was not sent"
        in_runner.release.set()
        # The second analyse is taken but not started; the first rebuild's pack is made meanwhile.
        assert second.started.wait(WAIT_S) and probe.rendered.wait(WAIT_S)
        assert probe.seen == [("analyse", False), ("render", False)], "complete before the second rebuild"
        second.release.set()
        _drain(broker, workers)
    _said_complete_only_at_the_end(probe)
    assert store.rebuilds(bundle_id) == (2, 2)
