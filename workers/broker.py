"""Brokers: Redis when REDIS_URL is set (many worker machines), else an in-process one; and the
messages sent on them, which name a stage and carry (bundle id, file position), nothing more.

Each stage has its own queue, so a worker can be started for some stages only (`reviewpack
worker --stage extract`) and loads only what those stages need."""

from __future__ import annotations

import sys
import threading
import time
from collections.abc import Sequence
from typing import Any

import dramatiq
from dramatiq.brokers.redis import RedisBroker, _RedisConsumer
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
# Stage work threads per worker process: one, as PDFium is not thread-safe (scale out with processes).
THREADS = 1
# How long an idle queue's consumer waits between looks (dramatiq's default is a second): each
# stage a bundle passes through may wait this long before a worker notices it.
POLL_MS = 200

Work = tuple[str, str, int]  # (stage, bundle id, position): what one message asks for


class _OneAtATime(_RedisConsumer):  # type: ignore[misc]
    """A queue's consumer that takes a message only while its process has a free work thread.

    dramatiq prefetches per queue: a process running a pack's render would still hold the next
    message of each other stage's queue, keeping it from an idle process (with two processes, one
    often waited while the other held work). Here a process's consumers share its threads' turns:
    a message is taken only with a turn, given back when the message is acked or rejected. The
    queues of delayed retries are not gated (their messages wait for their time, not a thread)."""

    def __init__(self, broker: TurnBroker, queue_name: str, prefetch: int, timeout: int) -> None:
        super().__init__(broker, queue_name, prefetch, timeout)
        self.turns = broker.turns if not queue_name.endswith(".DQ") else None
        self.holding: set[str] = set()  # ids of the messages taken with a turn
        self.poll_s = timeout / 1000
        if self.turns is not None:
            # dramatiq's consumer sleeps after a miss; it would sleep holding the turn and, taking
            # it again at once, starve the other queues. Here it looks without sleeping, and the
            # sleep between looks is taken without the turn.
            self.timeout = 0

    def __next__(self) -> Any:
        if self.turns is None:
            return super().__next__()
        if not self.turns.acquire(timeout=self.poll_s):
            return None
        message = super().__next__()
        if message is None or "eta" in message.options:  # none, or one that waits for its time
            self.turns.release()
        else:
            self.holding.add(message.message_id)
        if message is None:
            time.sleep(self.poll_s)
        return message

    def ack(self, message: Any) -> None:
        try:
            super().ack(message)
        finally:
            self._done(message)

    def nack(self, message: Any) -> None:
        try:
            super().nack(message)
        finally:
            self._done(message)

    def requeue(self, messages: Any) -> None:
        messages = list(messages)
        super().requeue(messages)
        for message in messages:
            self._done(message)

    def _done(self, message: Any) -> None:
        if self.turns is not None and message.message_id in self.holding:
            self.holding.discard(message.message_id)
            self.turns.release()


class TurnBroker(RedisBroker):
    """Redis, with a process's queues taking messages only as its work threads come free."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.turns = threading.BoundedSemaphore(THREADS)  # until a worker boots (emit_before)

    def emit_before(self, signal: str, *args: Any, **kwargs: Any) -> None:
        # As a worker boots, before it makes its consumers: one turn per thread it will run.
        if signal == "worker_boot":
            self.turns = threading.BoundedSemaphore(args[0].worker_threads)
        super().emit_before(signal, *args, **kwargs)

    @property
    def consumer_class(self) -> type[_RedisConsumer]:
        return _OneAtATime


def make_broker(settings: Settings) -> dramatiq.Broker:
    if settings.redis_url:
        return TurnBroker(
            url=settings.redis_url,
            namespace=NAMESPACE,
            heartbeat_timeout=settings.heartbeat_ms,
            maintenance_chance=settings.maintenance_chance,
        )
    broker = StubBroker()
    broker.emit_after("process_boot")
    return broker


def worker_env(env: dict[str, str]) -> dict[str, str]:
    """The environment of `dramatiq` worker processes: `env` with the prefetch and the poll
    interval above (dramatiq reads them from the environment when its worker module is imported)."""
    return env | {"dramatiq_queue_prefetch": str(QUEUE_PREFETCH), "dramatiq_worker_timeout": str(POLL_MS)}


def worker_command(processes: int, stages: Sequence[str] = ()) -> list[str]:
    """The `dramatiq` command that starts `processes` worker processes taking the queues of
    `stages` (every stage's where none are named), run with `worker_env`'s environment."""
    queues = [queue_for(name) for name in stages or [s.name for s in PIPELINE]]
    return [
        sys.executable,
        "-m",
        "dramatiq",
        "workers.worker_entry",
        "--processes",
        str(processes),
        "--threads",
        str(THREADS),
        "--queues",
        *queues,
    ]


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
