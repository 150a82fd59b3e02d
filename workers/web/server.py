"""`reviewpack serve`: the web application, with an in-process worker in embedded mode."""

from __future__ import annotations

import uvicorn
from dramatiq import Worker

from workers.actors import build_actors
from workers.broker import make_broker
from workers.settings import Settings
from workers.stages import Context
from workers.store import Store
from workers.web.app import create_app

# One thread: pdfium, which the stages use, is not thread-safe (two threads crash the process).
EMBEDDED_WORKER_THREADS = 1


def serve(settings: Settings, host: str, port: int) -> None:
    """Serve on host:port. Without REDIS_URL the stages run here, on an in-process broker, so one
    machine does everything; with it, uploads are only queued for `reviewpack worker` machines."""
    if settings.distributed and settings.database_url.startswith("sqlite"):
        # Workers on other machines could never read this machine's SQLite file.
        raise SystemExit("Set DATABASE_URL (PostgreSQL) as well as REDIS_URL for distributed mode.")
    store = Store.open(settings)
    broker = make_broker(settings)
    worker = None
    if not settings.distributed:
        build_actors(broker, Context(store, settings.benchmarks_path))
        worker = Worker(broker, worker_threads=EMBEDDED_WORKER_THREADS, worker_timeout=100)
        worker.start()
    try:
        # The app reads X-Forwarded-* itself, only from REVIEWPACK_TRUSTED_PROXIES
        # (workers.web.proxies); uvicorn's own reading would trust 127.0.0.1 by default.
        uvicorn.run(
            create_app(settings, store, broker), host=host, port=port, log_level="info", proxy_headers=False
        )
    finally:
        if worker is not None:
            worker.stop()
        broker.close()
