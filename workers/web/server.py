"""`reviewpack serve`: the web application, with an in-process worker in embedded mode."""

from __future__ import annotations

from contextlib import ExitStack

import uvicorn

from workers.broker import make_broker
from workers.embedded import embedded_worker
from workers.settings import Settings
from workers.store import Store
from workers.web.app import create_app


def serve(settings: Settings, host: str, port: int) -> None:
    """Serve on host:port. Without REDIS_URL the stages run here, on an in-process broker, so one
    machine does everything; with it, uploads are only queued for `reviewpack worker` machines."""
    if settings.distributed and settings.database_url.startswith("sqlite"):
        # Workers on other machines could never read this machine's SQLite file.
        raise SystemExit("Set DATABASE_URL (PostgreSQL) as well as REDIS_URL for distributed mode.")
    store = Store.open(settings)
    broker = make_broker(settings)
    try:
        with ExitStack() as stack:
            if not settings.distributed:  # the stages run here, in processes on every core
                stack.enter_context(embedded_worker(broker, store, settings))
            # The app reads X-Forwarded-* itself, only from REVIEWPACK_TRUSTED_PROXIES
            # (workers.web.proxies); uvicorn's own reading would trust 127.0.0.1 by default.
            uvicorn.run(
                create_app(settings, store, broker),
                host=host,
                port=port,
                log_level="info",
                proxy_headers=False,
            )
    finally:
        broker.close()
