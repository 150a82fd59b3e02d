"""The distributed pipeline: real Redis, real PostgreSQL, real worker processes."""

from __future__ import annotations

import json
import os
import signal
import time
from pathlib import Path

import pytest
import sqlalchemy as sa

from tests.pipeline_helpers import (
    distributed_env,
    reviewpack,
    run_bundle_embedded,
    start_worker,
    stop_worker,
    wait_complete,
)
from workers.db import make_engine, stage_runs
from workers.pipeline import PIPELINE, WORKER_GROUPS
from workers.settings import load_settings
from workers.store import Store

pytestmark = [pytest.mark.services, pytest.mark.slow]


def without_volatile(extraction: dict) -> dict:
    return json.loads(json.dumps(extraction, sort_keys=True))


def test_a_bundle_through_redis_and_two_workers_gives_the_same_extraction_as_embedded(
    example_bundle: Path, redis_url: str, postgres_url: str, tmp_path: Path
) -> None:
    env = distributed_env(redis_url, postgres_url, tmp_path / "home")
    workers = [start_worker(env, tmp_path / f"worker{i}.log") for i in range(2)]
    try:
        submitted = reviewpack("submit", str(example_bundle), env=env)
        assert submitted.returncode == 0, submitted.stderr
        bundle_id = submitted.stdout.strip()
        status = wait_complete(env, bundle_id, timeout=300)
        assert status["complete"], status
        fetched = reviewpack("fetch", bundle_id, "--out", str(tmp_path / "dist"), env=env)
        assert fetched.returncode == 0, fetched.stderr
    finally:
        for proc in workers:
            stop_worker(proc)
    _, _, embedded_out = run_bundle_embedded([example_bundle], tmp_path / "embedded")
    distributed = json.loads((tmp_path / "dist" / "extraction.json").read_text())
    embedded = json.loads((embedded_out / "extraction.json").read_text())
    assert distributed["documents"], "no documents extracted"
    assert without_volatile(distributed) == without_volatile(embedded)
    assert (tmp_path / "dist" / "pack.pdf").read_bytes().startswith(b"%PDF")


def test_a_worker_killed_mid_document_leaves_the_bundle_to_complete_with_each_result_stored_once(
    kent_dir: Path, redis_url: str, postgres_url: str, tmp_path: Path
) -> None:
    env = distributed_env(redis_url, postgres_url, tmp_path / "home")
    workers = [start_worker(env, tmp_path / f"worker{i}.log") for i in range(2)]
    engine = make_engine(load_settings(env).database_url)
    try:
        bundle_id = reviewpack("submit", str(kent_dir), env=env).stdout.strip()
        victim = _worker_running_extract(engine, bundle_id, timeout=120)
        os.kill(victim, signal.SIGKILL)
        status = wait_complete(env, bundle_id, timeout=400)
        assert status["complete"], status
    finally:
        for proc in workers:
            stop_worker(proc, signal.SIGKILL)
    store = Store.open(load_settings(env))
    for row in store.files(bundle_id):
        assert store.count_results(row.sha256, "extract") == 1, row.name
    runs = store.runs(bundle_id)
    assert all(r.state == "done" for r in runs if r.stage == "extract"), runs
    assert max(r.attempts for r in runs if r.stage == "extract") >= 2, "the killed document was not retried"


def _worker_running_extract(engine: sa.Engine, bundle_id: str, timeout: float) -> int:
    """The pid of a worker process that is extracting a document of this bundle right now."""
    query = sa.select(stage_runs.c.worker).where(
        stage_runs.c.bundle_id == bundle_id, stage_runs.c.stage == "extract", stage_runs.c.state == "running"
    )
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        with engine.connect() as conn:
            row = conn.execute(query).first()
        if row is not None and row.worker:
            return int(row.worker.rsplit(":", 1)[1])
        time.sleep(0.02)
    raise AssertionError("no document was seen being extracted")


def test_workers_started_for_some_stages_run_only_those_and_load_only_what_they_need(
    example_bundle: Path, redis_url: str, postgres_url: str, tmp_path: Path
) -> None:
    env = distributed_env(redis_url, postgres_url, tmp_path / "home")
    readers = start_worker(env, tmp_path / "readers.log", stages=("ingest", "extract"))
    packers = None
    try:
        bundle_id = reviewpack("submit", str(example_bundle), env=env).stdout.strip()
        store = Store.open(load_settings(env))
        deadline = time.monotonic() + 300
        while not _documents_read(store, bundle_id) and time.monotonic() < deadline:
            time.sleep(0.5)
        bundle_runs = {r.stage: r.state for r in store.runs(bundle_id) if r.position == -1}
        assert bundle_runs == {"analyse": "queued", "render": "pending"}, "no worker runs analyse yet"
        loaded = _libraries(readers.pid)
        assert "pypdfium2" in loaded and "spacy" in loaded, "the readers' own stages did not run"
        assert "/scipy/" not in loaded and "pango" not in loaded, "a reader loaded analyse or render"
        packers = start_worker(env, tmp_path / "packers.log", stages=("analyse", "render"))
        assert wait_complete(env, bundle_id, timeout=300)["complete"]
    finally:
        for proc in (readers, packers):
            if proc is not None:
                stop_worker(proc)


def test_workers_split_by_stage_group_each_run_only_their_group_s_stages_and_together_complete_a_bundle(
    example_bundle: Path, redis_url: str, postgres_url: str, tmp_path: Path
) -> None:
    """docker-compose.yml's workers, one process per group (workers.pipeline.WORKER_GROUPS): a
    stage no group takes would be left queued and the bundle would not complete."""
    env = distributed_env(redis_url, postgres_url, tmp_path / "home")
    groups = {
        name: start_worker(env, tmp_path / f"{name}.log", stages=stages)
        for name, stages in WORKER_GROUPS.items()
    }
    try:
        bundle_id = reviewpack("submit", str(example_bundle), env=env).stdout.strip()
        status = wait_complete(env, bundle_id, timeout=300)
        assert status["complete"], status
        ran = [r for r in Store.open(load_settings(env)).runs(bundle_id) if r.worker is not None]
        assert {r.stage for r in ran} == {s.name for s in PIPELINE}, ran
        for run in ran:  # while the processes are alive, to be traced to their group
            pid = int(run.worker.rsplit(":", 1)[1])
            (owner,) = [name for name, stages in WORKER_GROUPS.items() if run.stage in stages]
            assert _descends_from(pid, groups[owner].pid), f"{run.stage} ran outside the {owner} workers"
    finally:
        for proc in groups.values():
            stop_worker(proc)


def test_a_worker_for_a_stage_that_does_not_exist_is_refused(tmp_path: Path) -> None:
    result = reviewpack("worker", "--stage", "extract", "--stage", "typeset", env=dict(os.environ))
    assert result.returncode == 2
    assert "no stage typeset; the stages are ingest, extract, analyse, render" in result.stderr


def _documents_read(store: Store, bundle_id: str) -> bool:
    return all(r.state in {"done", "failed", "skipped"} for r in store.runs(bundle_id) if r.position >= 0)


def _libraries(worker_pid: int) -> str:
    """The shared libraries and extension modules mapped by the worker's dramatiq processes."""
    maps = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit() and _descends_from(int(entry.name), worker_pid):
            try:
                maps.append((entry / "maps").read_text())
            except OSError:
                continue
    return "\n".join(maps)


def _descends_from(pid: int, ancestor: int) -> bool:
    while pid > 1:
        if pid == ancestor:
            return True
        try:
            pid = int((Path("/proc") / str(pid) / "stat").read_text().rsplit(")", 1)[1].split()[1])
        except (OSError, ValueError):
            return False
    return False
