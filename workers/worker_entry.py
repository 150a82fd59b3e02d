"""The module `dramatiq` imports in each worker process: it declares the actors on Redis, with
the heartbeat and the sweeper for lost messages running beside them. The process's address space
is bounded (REVIEWPACK_PROCESS_MEMORY_MB), so a file that would take more fails alone with a
MemoryError, recorded on it, instead of the machine's memory."""

from __future__ import annotations

import dramatiq

from ingest.language import use_model
from workers.actors import build_actors
from workers.broker import make_broker
from workers.memory import ReturnFreed
from workers.pool import bound_memory
from workers.settings import load_settings
from workers.stages import Context
from workers.store import Store
from workers.sweep import SweepPolicy

settings = load_settings()
use_model(settings.spacy_model)
bound_memory(settings.process_memory_mb)
broker = make_broker(settings)
broker.add_middleware(ReturnFreed())
dramatiq.set_broker(broker)
ACTORS = build_actors(
    broker,
    Context(Store.open(settings, migrate_schema=False), settings.benchmarks_path),
    sweep=SweepPolicy.from_settings(settings),
    time_limit_s=settings.document_budget_s,
)
