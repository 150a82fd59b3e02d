"""Faults on real services for tests and for scripts/recovery_times.py: a Redis of our own that
can be killed, and PostgreSQL connections of our own workers that can be cut."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import sqlalchemy as sa

from tests.pipeline_helpers import distributed_env, reviewpack, start_worker, stop_worker
from workers.progress import is_complete
from workers.store import Store

SWEEP_QUICKLY = {
    # Sweep every second for work queued two seconds with no message; a worker unseen for 5 s is gone.
    "REVIEWPACK_SWEEP_AFTER_S": "2",
    "REVIEWPACK_SWEEP_EVERY_S": "1",
}


class OwnRedis:
    """A redis-server with no persistence on a spare port: killing it loses every message."""

    def __init__(self, log: Path) -> None:
        self.port = spare_port()
        self.log = log
        self.proc: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self) -> None:
        cmd = [
            "redis-server",
            "--port",
            str(self.port),
            "--bind",
            "127.0.0.1",
            "--save",
            "",
            "--appendonly",
            "no",
        ]
        self.proc = subprocess.Popen(cmd, stdout=self.log.open("ab"), stderr=subprocess.STDOUT)
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            with socket.socket() as probe:
                if probe.connect_ex(("127.0.0.1", self.port)) == 0:
                    return
            time.sleep(0.05)
        raise RuntimeError(f"redis-server did not start on port {self.port}")

    def kill(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait(timeout=10)


@contextmanager
def paused(workers: list[subprocess.Popen[bytes]]) -> Iterator[None]:
    """Freeze the worker processes (and their children) for the duration."""
    for proc in workers:
        os.killpg(proc.pid, signal.SIGSTOP)
    try:
        yield
    finally:
        for proc in workers:
            os.killpg(proc.pid, signal.SIGCONT)


def spare_port(first: int = 6390, last: int = 6499) -> int:
    for port in range(first, last + 1):
        with socket.socket() as probe:
            if probe.connect_ex(("127.0.0.1", port)) != 0:
                return port
    raise RuntimeError("no spare port for a redis-server")


def fault_env(redis_url: str, postgres_url: str, home: Path, app_name: str) -> dict[str, str]:
    env = distributed_env(redis_url, postgres_url, home)
    env.update(SWEEP_QUICKLY, REVIEWPACK_DB_APPLICATION_NAME=app_name)
    return env


def submit(env: dict[str, str], bundle: Path) -> str:
    submitted = reviewpack("submit", str(bundle), env=env)
    assert submitted.returncode == 0, submitted.stderr
    return submitted.stdout.strip()


def wait_until(check: Callable[[], bool], timeout: float, every: float = 0.1) -> float | None:
    """Seconds until check() held, or None at the timeout; a failing check counts as not yet."""
    start = time.monotonic()
    while time.monotonic() - start < timeout:
        try:
            if check():
                return time.monotonic() - start
        except sa.exc.OperationalError:
            pass
        time.sleep(every)
    return None


def any_done(store: Store, bundle_id: str) -> bool:
    return any(r.state == "done" for r in store.runs(bundle_id))


def any_queued(store: Store, bundle_id: str) -> bool:
    return any(r.state == "queued" for r in store.runs(bundle_id))


def complete(store: Store, bundle_id: str) -> bool:
    return is_complete(store, bundle_id)


def terminate_connections(engine: sa.Engine, app_name: str) -> int:
    query = sa.text(
        "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity "
        "WHERE datname = current_database() AND pid <> pg_backend_pid() AND application_name = :name"
    )
    with engine.begin() as conn:
        return int(conn.execute(query, {"name": app_name}).scalar_one())


def cut_connections_for(engine: sa.Engine, app_name: str, seconds: float) -> int:
    """Terminate every connection of that name, again and again, for this long: an outage."""
    killed = 0
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        killed += terminate_connections(engine, app_name)
        time.sleep(0.05)
    return killed


__all__ = ["start_worker", "stop_worker"]
