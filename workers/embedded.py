"""Embedded mode: the same actors, run in this process on an in-process broker."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import dramatiq
from dramatiq import Worker
from dramatiq.brokers.stub import StubBroker
from rich.console import Console
from rich.progress import BarColumn, Progress, TaskID, TextColumn
from rich.table import Column

from ingest.language import use_model
from workers.actors import TIME_LIMIT_S, build_actors
from workers.outputs import write_outputs
from workers.pool import StagePool
from workers.progress import FileProgress, bundle_progress, in_words
from workers.settings import Settings
from workers.stages import Context
from workers.store import TERMINAL, Store
from workers.submit import submit_paths

# How often the progress display reads the store besides when a stage ends (StageEnded): often
# enough to show a stage running. Each read costs this process CPU (milliseconds of queries) that
# the stages' processes could use.
WATCH_EVERY_S = 0.5


def run_embedded(
    paths: list[Path], out: Path, council: str | None, settings: Settings, console: Console
) -> tuple[str, list[Path]]:
    """Run a bundle through every stage here and write its outputs to `out` (NotRendered, with
    what could still be written, when no pack was made)."""
    store = Store.open(settings)
    broker = StubBroker()
    broker.emit_after("process_boot")
    ended = StageEnded()
    broker.add_middleware(ended)  # before the actors' StageState: see StageEnded
    try:
        with embedded_worker(broker, store, settings):
            bundle_id = submit_paths(store, broker, paths, council)
            _watch(store, bundle_id, console, ended.event)
    finally:
        broker.close()
    return bundle_id, write_outputs(store, bundle_id, out)


@contextmanager
def embedded_worker(broker: dramatiq.Broker, store: Store, settings: Settings) -> Iterator[Worker]:
    """The actors on `broker`, run by a worker in this process with the stages' processes beside
    it (`reviewpack run`, and `reviewpack serve` without Redis): one actor thread per process."""
    use_model(settings.spacy_model)  # for the stages run here when there is no pool
    with stage_pool(settings) as pool:
        # With a pool, the pool stops a call at the budget (killing its process); the actors'
        # own limit is then only a backstop for a render waiting on its three outputs.
        budget = settings.document_budget_s
        limit = budget if pool is None else max(TIME_LIMIT_S, 4 * budget)
        build_actors(broker, Context(store, settings.benchmarks_path, pool), time_limit_s=limit)
        worker = Worker(broker, worker_threads=settings.processes, worker_timeout=100)
        worker.start()
        try:
            yield worker
        finally:
            worker.stop()


@contextmanager
def stage_pool(settings: Settings) -> Iterator[StagePool | None]:
    """Processes for the stages' pure functions, or None to run them here (one process)."""
    if settings.processes <= 1:
        yield None
        return
    pool = StagePool(settings.processes, settings.document_budget_s, settings.process_memory_mb)
    try:
        yield pool
    finally:
        pool.shutdown()


class StageEnded(dramatiq.Middleware):
    """Sets `event` as each stage message ends, once its outcome is recorded: added before
    workers.actors.StageState, whose `after_*` hooks dramatiq calls first (last-added first). The
    progress display then sees a stage's end, and the bundle's, at once rather than a poll later."""

    def __init__(self) -> None:
        self.event = threading.Event()

    def after_process_message(self, broker: dramatiq.Broker, message: object, **_: object) -> None:
        self.event.set()

    after_skip_message = after_process_message


def _watch(store: Store, bundle_id: str, console: Console, ended: threading.Event) -> None:
    columns = (
        TextColumn("{task.description}", table_column=Column(width=32, no_wrap=True)),
        TextColumn("{task.percentage:>3.0f}%"),
        BarColumn(bar_width=12),
        # What is left of the line, so a long reason is cut short instead of the bar and the percentage.
        TextColumn(
            "{task.fields[stage]}", table_column=Column(max_width=max(12, console.width - 54), no_wrap=True)
        ),
    )
    with Progress(*columns, console=console, transient=False) as progress:
        tasks: dict[int, TaskID] = {}
        while True:
            items = bundle_progress(store, bundle_id)  # one reading: what is shown is what is judged
            for item in items:
                _show(progress, tasks, item)
            if all(r.state in TERMINAL for item in items for r in item.runs.values()):
                return
            ended.wait(WATCH_EVERY_S)
            ended.clear()  # before the reading: an end recorded during it wakes the next wait


def _show(progress: Progress, tasks: dict[int, TaskID], item: FileProgress) -> None:
    if item.position not in tasks:
        label = item.name if len(item.name) <= 32 else "…" + item.name[-31:]
        tasks[item.position] = progress.add_task(label, total=len(item.runs), stage="")
    progress.update(tasks[item.position], completed=item.finished, stage=in_words(item))
