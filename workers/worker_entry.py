"""The module `dramatiq` imports in each worker process: it declares the actors on Redis, with
the heartbeat and the sweeper for lost messages running beside them."""

from __future__ import annotations

import dramatiq

from workers.actors import build_actors
from workers.broker import make_broker
from workers.settings import load_settings
from workers.stages import Context
from workers.store import Store
from workers.sweep import SweepPolicy

settings = load_settings()
broker = make_broker(settings)
dramatiq.set_broker(broker)
ACTORS = build_actors(
    broker,
    Context(Store.open(settings, migrate_schema=False), settings.benchmarks_path),
    sweep=SweepPolicy.from_settings(settings),
)
