"""Faults on real services: Redis restarted without its data, PostgreSQL connections cut mid-run.
Each bundle still completes, with each result stored once. Recovery times are printed by
scripts/recovery_times.py, not asserted here."""

from __future__ import annotations

import uuid
from pathlib import Path

import pytest

from tests.fault_helpers import (
    OwnRedis,
    any_done,
    any_queued,
    complete,
    cut_connections_for,
    fault_env,
    paused,
    start_worker,
    stop_worker,
    submit,
    wait_until,
)
from workers.db import make_engine
from workers.settings import load_settings
from workers.store import Store

pytestmark = [pytest.mark.services, pytest.mark.slow]


def each_result_stored_once(store: Store, bundle_id: str) -> None:
    for row in store.files(bundle_id):
        assert store.count_results(row.sha256, "ingest") == 1, row.name
        assert store.count_results(row.sha256, "extract") <= 1, row.name
    assert store.count_results(bundle_id, "render") == 1


def test_redis_restarted_without_its_data_while_messages_wait_still_lets_the_bundle_complete(
    example_bundle: Path, postgres_url: str, tmp_path: Path
) -> None:
    redis = OwnRedis(tmp_path / "redis.log")
    redis.start()
    env = fault_env(redis.url, postgres_url, tmp_path / "home", f"rp-fault-{uuid.uuid4().hex[:8]}")
    store = Store.open(load_settings({**env, "REVIEWPACK_DB_APPLICATION_NAME": "rp-fault-test"}))
    workers = [start_worker(env, tmp_path / f"worker{i}.log") for i in range(2)]
    try:
        assert wait_until(lambda: len(store.live_workers()) >= 2, timeout=60) is not None
        with paused(workers):  # connected to Redis, but fetching nothing while it goes
            bundle_id = submit(env, example_bundle)
            assert any_queued(store, bundle_id)
            redis.kill()  # the messages queued are gone for good
            redis.start()
        assert wait_until(lambda: complete(store, bundle_id), timeout=75) is not None, store.runs(bundle_id)
    finally:
        for proc in workers:
            stop_worker(proc)
        redis.kill()
    logs = "".join((tmp_path / f"worker{i}.log").read_text(errors="replace") for i in range(2))
    assert "re-sent" in logs, "the bundle completed without the sweeper: no message was lost"
    each_result_stored_once(store, bundle_id)
    assert not [r for r in store.runs(bundle_id) if r.error_code == "internal_error"], store.runs(bundle_id)
    store.engine.dispose()


def test_postgres_connections_cut_for_seconds_mid_run_still_let_the_bundle_complete(
    example_bundle: Path, postgres_url: str, tmp_path: Path
) -> None:
    redis = OwnRedis(tmp_path / "redis.log")
    redis.start()
    app_name = f"rp-fault-{uuid.uuid4().hex[:8]}"
    env = fault_env(redis.url, postgres_url, tmp_path / "home", app_name)
    store = Store.open(load_settings({**env, "REVIEWPACK_DB_APPLICATION_NAME": "rp-fault-test"}))
    admin = make_engine(load_settings(env).database_url, "rp-fault-admin")
    workers = [start_worker(env, tmp_path / f"worker{i}.log") for i in range(2)]
    try:
        bundle_id = submit(env, example_bundle)
        assert wait_until(lambda: any_done(store, bundle_id), timeout=60) is not None
        assert cut_connections_for(admin, app_name, seconds=5) > 0, "no worker connection was cut"
        assert wait_until(lambda: complete(store, bundle_id), timeout=75) is not None, store.runs(bundle_id)
    finally:
        for proc in workers:
            stop_worker(proc)
        redis.kill()
        admin.dispose()
    each_result_stored_once(store, bundle_id)
    assert not [r for r in store.runs(bundle_id) if r.error_code == "internal_error"], store.runs(bundle_id)
    store.engine.dispose()


def test_reviewpack_sweep_sends_again_a_stage_left_queued_with_no_message(
    postgres_url: str, tmp_path: Path
) -> None:
    from datetime import UTC, datetime

    from ingest.bundle import IncomingFile
    from tests.pipeline_helpers import reviewpack
    from workers.db import stage_runs

    redis = OwnRedis(tmp_path / "redis.log")
    redis.start()
    try:
        env = fault_env(redis.url, postgres_url, tmp_path / "home", "rp-fault-sweep")
        store = Store.open(load_settings(env))
        bundle_id = store.create_bundle("b", [IncomingFile("a.csv", b"x,y\n1,2\n")], None)
        assert store.claim(bundle_id, 0, "ingest", "pending", "queued")  # and then the process died
        with store.engine.begin() as conn:
            conn.execute(stage_runs.update().values(updated_at=datetime(2000, 1, 1, tzinfo=UTC)))
        swept = reviewpack("sweep", env=env)
        assert swept.returncode == 0, swept.stderr
        assert swept.stdout.split() == [bundle_id, "0", "ingest", "queued"]
        again = reviewpack("sweep", env=env)
        assert again.stdout == "", "the message sent is on Redis now: nothing more to send"
        store.engine.dispose()
    finally:
        redis.kill()
