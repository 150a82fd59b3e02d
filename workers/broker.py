"""Brokers: Redis when REDIS_URL is set (many worker machines), else an in-process one."""

from __future__ import annotations

import dramatiq
from dramatiq.brokers.redis import RedisBroker
from dramatiq.brokers.stub import StubBroker

from workers.settings import Settings


def make_broker(settings: Settings) -> dramatiq.Broker:
    if settings.redis_url:
        return RedisBroker(
            url=settings.redis_url,
            namespace="reviewpack",
            heartbeat_timeout=settings.heartbeat_ms,
            maintenance_chance=settings.maintenance_chance,
        )
    broker = StubBroker()
    broker.emit_after("process_boot")
    return broker
