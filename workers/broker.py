"""Brokers: Redis when REDIS_URL is set (many worker machines), else an in-process one; and the
messages sent on them, which name a stage and carry (bundle id, file position), nothing more.

Each stage has its own queue, so a worker can be started for some stages only (`reviewpack
worker --stage extract`) and loads only what those stages need."""

from __future__ import annotations

import dramatiq
from dramatiq.brokers.redis import RedisBroker
from dramatiq.brokers.stub import StubBroker
from dramatiq.common import dq_name

from workers.pipeline import PIPELINE
from workers.settings import Settings

QUEUE = "reviewpack"  # each stage's queue is named from this: reviewpack-ingest, ...
NAMESPACE = "reviewpack"
# Messages a worker process takes from each queue ahead of running them. A stage runs for seconds
# to minutes, so a process holding a second message would keep it from an idle process (dramatiq's
# default is two per thread: with three packs to render, one process took two while the other
# waited); one at a time, every idle process gets the next message.
QUEUE_PREFETCH = 1

Work = tuple[str, str, int]  # (stage, bundle id, position): what one message asks for


def make_broker(settings: Settings) -> dramatiq.Broker:
    if settings.redis_url:
        return RedisBroker(
            url=settings.redis_url,
            namespace=NAMESPACE,
            heartbeat_timeout=settings.heartbeat_ms,
            maintenance_chance=settings.maintenance_chance,
        )
    broker = StubBroker()
    broker.emit_after("process_boot")
    return broker


def worker_env(env: dict[str, str]) -> dict[str, str]:
    """The environment of `dramatiq` worker processes: `env` with the prefetch above (dramatiq
    reads it from the environment when its worker module is imported)."""
    return env | {"dramatiq_queue_prefetch": str(QUEUE_PREFETCH)}


def queue_for(stage: str) -> str:
    return f"{QUEUE}-{stage}"


def stage_queues() -> list[str]:
    """Every stage's queue, and the queue of its messages delayed for a retry."""
    names = [queue_for(s.name) for s in PIPELINE]
    return [*names, *map(dq_name, names)]


def stage_message(stage: str, bundle_id: str, position: int) -> dramatiq.Message[None]:
    return dramatiq.Message(
        queue_name=queue_for(stage), actor_name=stage, args=(bundle_id, position), kwargs={}, options={}
    )


def work_on_broker(broker: dramatiq.Broker) -> set[Work] | None:
    """The work the broker holds a message for (queued, delayed for a retry, or being run), or
    None where this broker cannot tell."""
    if isinstance(broker, RedisBroker):
        # A message's body stays in its queue's `.msgs` hash until it is acknowledged.
        keys = [f"{broker.namespace}:{name}.msgs" for name in stage_queues()]
        bodies = [body for key in keys for body in broker.client.hvals(key)]
    elif isinstance(broker, StubBroker):
        # Only what waits in the queues: a message being run here is not seen.
        queues = [broker.queues[name] for name in stage_queues() if name in broker.queues]
        bodies = [body for queue in queues for body in list(queue.queue)]
    else:
        return None
    return {_work(dramatiq.Message.decode(body)) for body in bodies}


def _work(message: dramatiq.Message[object]) -> Work:
    bundle_id, position = message.args
    return (message.actor_name, str(bundle_id), int(position))
