"""Print how long the distributed pipeline takes to recover from faults on real services.

    PYTHONPATH=. python scripts/recovery_times.py [--postgres URL] [--bundle DIR]

Runs the example bundle three times with two workers on a redis-server of its own (no
persistence, a spare port) and a fresh PostgreSQL schema: undisturbed; with Redis killed and
restarted while the bundle's messages are queued; with the workers' PostgreSQL connections cut
for 10 s mid-run. For each: seconds to a complete bundle, and seconds from the fault's end.
Figures, not assertions: tests/test_faults.py checks the outcomes.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
import uuid
from collections.abc import Callable
from pathlib import Path

import sqlalchemy as sa

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.fault_helpers import (  # noqa: E402
    OwnRedis,
    any_done,
    complete,
    cut_connections_for,
    fault_env,
    paused,
    start_worker,
    stop_worker,
    submit,
    wait_until,
)
from workers.db import make_engine  # noqa: E402
from workers.settings import load_settings  # noqa: E402
from workers.store import Store  # noqa: E402

Fault = Callable[[OwnRedis, list, Store, dict[str, str], Path], tuple[str, float | None]]


def undisturbed(
    redis: OwnRedis, workers: list, store: Store, env: dict[str, str], bundle: Path
) -> tuple[str, float | None]:
    return submit(env, bundle), None


def redis_lost(
    redis: OwnRedis, workers: list, store: Store, env: dict[str, str], bundle: Path
) -> tuple[str, float]:
    with paused(workers):
        bundle_id = submit(env, bundle)
        redis.kill()
        redis.start()
    return bundle_id, time.monotonic()


def postgres_cut(
    redis: OwnRedis, workers: list, store: Store, env: dict[str, str], bundle: Path
) -> tuple[str, float]:
    bundle_id = submit(env, bundle)
    wait_until(lambda: any_done(store, bundle_id), timeout=60)
    admin = make_engine(load_settings(env).database_url, "rp-recovery-admin")
    cut = cut_connections_for(admin, env["REVIEWPACK_DB_APPLICATION_NAME"], seconds=10)
    admin.dispose()
    print(f"    cut {cut} worker connections over 10 s")
    return bundle_id, time.monotonic()


def run_case(name: str, fault: Fault, postgres: str, bundle: Path, work: Path) -> None:
    schema = f"rp_{uuid.uuid4().hex[:12]}"
    admin = sa.create_engine(postgres)
    with admin.begin() as conn:
        conn.execute(sa.text(f"CREATE SCHEMA {schema}"))
    url = f"{postgres}?options=-csearch_path%3D{schema}"
    redis = OwnRedis(work / f"{name}-redis.log")
    redis.start()
    env = fault_env(redis.url, url, work / name, f"rp-recovery-{uuid.uuid4().hex[:8]}")
    store = Store.open(load_settings({**env, "REVIEWPACK_DB_APPLICATION_NAME": "rp-recovery-watch"}))
    workers = [start_worker(env, work / f"{name}-worker{i}.log") for i in range(2)]
    try:
        wait_until(lambda: len(store.live_workers()) >= 2, timeout=60)
        start = time.monotonic()
        bundle_id, fault_over = fault(redis, workers, store, env, bundle)
        took = wait_until(lambda: complete(store, bundle_id), timeout=300)
        end = time.monotonic()
        resent = sum(
            (work / f"{name}-worker{i}.log").read_text(errors="replace").count("re-sent") for i in range(2)
        )
        if took is None:
            print(f"{name:<12} did not complete within 300 s")
        else:
            after = f"{end - fault_over:6.1f} s after the fault" if fault_over else "no fault"
            print(f"{name:<12} complete {end - start:6.1f} s after submitting, {after}; {resent} re-sent")
    finally:
        for proc in workers:
            stop_worker(proc)
        redis.kill()
        store.engine.dispose()
        with admin.begin() as conn:
            conn.execute(sa.text(f"DROP SCHEMA {schema} CASCADE"))
        admin.dispose()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--postgres", default="postgresql+psycopg://postgres@127.0.0.1:5432/test")
    parser.add_argument("--bundle", type=Path, help="a bundle folder (default: the example bundle)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        bundle = args.bundle
        if bundle is None:
            from examples.generate import generate_bundle

            bundle = work / "bundle"
            bundle.mkdir()
            generate_bundle(bundle)
        for name, fault in (
            ("undisturbed", undisturbed),
            ("redis lost", redis_lost),
            ("postgres cut", postgres_cut),
        ):
            run_case(name.replace(" ", "-"), fault, args.postgres, bundle, work)


if __name__ == "__main__":
    main()
