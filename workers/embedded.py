"""Embedded mode: the same actors, run in this process on an in-process broker."""

from __future__ import annotations

import time
from pathlib import Path

from dramatiq import Worker
from dramatiq.brokers.stub import StubBroker
from rich.console import Console
from rich.progress import BarColumn, Progress, TaskID, TextColumn

from workers.actors import build_actors
from workers.outputs import write_outputs
from workers.progress import FileProgress, bundle_progress, is_complete
from workers.settings import Settings
from workers.stages import Context
from workers.store import Store
from workers.submit import submit_paths


def run_embedded(
    paths: list[Path], out: Path, council: str | None, settings: Settings, console: Console
) -> tuple[str, list[Path]]:
    """Run a bundle through every stage here and write its outputs to `out`."""
    store = Store.open(settings)
    broker = StubBroker()
    broker.emit_after("process_boot")
    build_actors(broker, Context(store, settings.benchmarks_path))
    worker = Worker(broker, worker_threads=1, worker_timeout=100)
    worker.start()
    try:
        bundle_id = submit_paths(store, broker, paths, council)
        _watch(store, bundle_id, console)
    finally:
        worker.stop()
        broker.close()
    return bundle_id, write_outputs(store, bundle_id, out)


def _watch(store: Store, bundle_id: str, console: Console) -> None:
    columns = (TextColumn("{task.description}"), BarColumn(), TextColumn("{task.fields[stage]}"))
    with Progress(*columns, console=console, transient=False) as progress:
        tasks: dict[int, TaskID] = {}
        while True:
            complete = is_complete(store, bundle_id)
            for item in bundle_progress(store, bundle_id):
                _show(progress, tasks, item)
            if complete:
                return
            time.sleep(0.1)


def _show(progress: Progress, tasks: dict[int, TaskID], item: FileProgress) -> None:
    if item.position not in tasks:
        label = item.name if len(item.name) <= 48 else "…" + item.name[-47:]
        tasks[item.position] = progress.add_task(label, total=len(item.runs), stage="")
    stopped = [r for r in item.errors if r.state in {"failed", "skipped"}]
    stage = f"{stopped[0].stage} {stopped[0].state}: {stopped[0].error_code}" if stopped else item.current
    progress.update(tasks[item.position], completed=item.finished, stage=stage)
