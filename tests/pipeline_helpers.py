"""Helpers for driving the whole pipeline in tests: embedded, and real worker processes."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from rich.console import Console

from workers.embedded import run_embedded
from workers.settings import Settings, load_settings
from workers.store import Store

ROOT = Path(__file__).resolve().parents[1]


def embedded_settings(home: Path, processes: int | None = None) -> Settings:
    """Embedded mode's settings: stage processes on every core unless `processes` says (1 runs the
    stages in this process, where a test's monkeypatch reaches them)."""
    env = {"REVIEWPACK_HOME": str(home)}
    if processes is not None:
        env["REVIEWPACK_PROCESSES"] = str(processes)
    return load_settings(env)


def run_bundle_embedded(
    paths: list[Path], home: Path, council: str | None = None, *, processes: int | None = None
) -> tuple[Store, str, Path]:
    settings = embedded_settings(home, processes)
    out = home / "out"
    with open(os.devnull, "w") as quiet:
        bundle_id, _ = run_embedded(paths, out, council, settings, Console(file=quiet))
    return Store.open(settings), bundle_id, out


def distributed_env(redis_url: str, database_url: str, home: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in {"REVIEWPACK_BLOB_DIR"}}
    env.update(
        REDIS_URL=redis_url,
        DATABASE_URL=database_url,
        REVIEWPACK_HOME=str(home),
        # A killed worker's messages are handed on after 5 s instead of a minute.
        REVIEWPACK_HEARTBEAT_MS="5000",
        REVIEWPACK_MAINTENANCE_CHANCE="1000000",
    )
    return env


def reviewpack(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    cmd = [str(Path(sys.executable).with_name("reviewpack")), *args]
    return subprocess.run(cmd, env=env, capture_output=True, text=True, cwd=ROOT, timeout=600)


def start_worker(env: dict[str, str], log: Path, stages: tuple[str, ...] = ()) -> subprocess.Popen[bytes]:
    """`reviewpack worker` with one process, for every stage or only `stages`."""
    only = [arg for name in stages for arg in ("--stage", name)]
    cmd = [str(Path(sys.executable).with_name("reviewpack")), "worker", "--processes", "1", *only]
    return subprocess.Popen(
        cmd, env=env, cwd=ROOT, stdout=log.open("wb"), stderr=subprocess.STDOUT, start_new_session=True
    )


def stop_worker(proc: subprocess.Popen[bytes], sig: int = signal.SIGTERM) -> None:
    if proc.poll() is None:
        os.killpg(proc.pid, sig)
    try:
        proc.wait(timeout=30)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()


def wait_complete(env: dict[str, str], bundle_id: str, timeout: float) -> dict[str, object]:
    deadline = time.monotonic() + timeout
    while True:
        status = json.loads(reviewpack("status", bundle_id, "--json", env=env).stdout)
        if status["complete"] or time.monotonic() > deadline:
            return status
        time.sleep(0.5)
