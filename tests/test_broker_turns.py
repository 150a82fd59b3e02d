"""A worker process takes a stage's message only while it has a free work thread (real Redis), so
a busy process never holds work an idle one could run."""

from __future__ import annotations

import threading
from collections.abc import Iterator

import dramatiq
import pytest

from workers.broker import TurnBroker, stage_message


@pytest.fixture
def broker(redis_url: str) -> Iterator[TurnBroker]:
    broker = TurnBroker(url=redis_url, namespace="turns-test")
    for stage in ("extract", "render"):
        broker.declare_actor(
            dramatiq.Actor(
                lambda *a: None,
                broker=broker,
                actor_name=stage,
                queue_name=f"reviewpack-{stage}",
                priority=0,
                options={},
            )
        )
    yield broker
    broker.close()


def take(consumer: dramatiq.Consumer) -> dramatiq.MessageProxy | None:
    """The consumer's next message, looking a few times (a miss backs off a poll interval)."""
    for _ in range(5):
        message = next(consumer)
        if message is not None:
            return message
    return None


def test_a_process_busy_with_one_stage_takes_no_other_stages_message(
    broker: TurnBroker, redis_url: str
) -> None:
    broker.enqueue(stage_message("render", "b1", -1))
    broker.enqueue(stage_message("extract", "b2", 0))
    render = broker.consume("reviewpack-render", prefetch=1, timeout=100)
    extract = broker.consume("reviewpack-extract", prefetch=1, timeout=100)

    running = take(render)
    assert running is not None and running.actor_name == "render"
    # The process's one thread is rendering: the extract message stays on Redis for another.
    assert take(extract) is None
    other = TurnBroker(url=redis_url, namespace="turns-test")  # another worker process
    try:
        elsewhere = take(other.consume("reviewpack-extract", prefetch=1, timeout=100))
        assert elsewhere is not None and elsewhere.actor_name == "extract"
    finally:
        other.close()


def test_a_turn_comes_back_when_the_message_is_acked(broker: TurnBroker) -> None:
    broker.enqueue(stage_message("render", "b1", -1))
    broker.enqueue(stage_message("extract", "b2", 0))
    render = broker.consume("reviewpack-render", prefetch=1, timeout=100)
    extract = broker.consume("reviewpack-extract", prefetch=1, timeout=100)

    running = take(render)
    assert running is not None
    assert take(extract) is None
    render.ack(running)
    after = take(extract)
    assert after is not None and after.actor_name == "extract"


def test_an_empty_queue_looking_for_work_does_not_keep_the_turn_from_another(broker: TurnBroker) -> None:
    # The render queue's consumer looks again and again in its own thread, finding nothing; the
    # extract queue's message is still taken (a consumer sleeping on its turn would starve it).
    render = broker.consume("reviewpack-render", prefetch=1, timeout=100)
    extract = broker.consume("reviewpack-extract", prefetch=1, timeout=100)
    looking = threading.Event()
    looking.set()

    def look() -> None:
        while looking.is_set():
            next(render)

    thread = threading.Thread(target=look)
    thread.start()
    try:
        broker.enqueue(stage_message("extract", "b2", 0))
        taken = take(extract)
    finally:
        looking.clear()
        thread.join()
    assert taken is not None and taken.actor_name == "extract"


def test_a_worker_gets_a_turn_for_each_of_its_threads(broker: TurnBroker) -> None:
    # Two threads take two messages at once; the process's turns follow its worker's threads.
    worker = dramatiq.Worker(broker, worker_threads=2)
    broker.emit_before("worker_boot", worker)
    broker.enqueue(stage_message("render", "b1", -1))
    broker.enqueue(stage_message("extract", "b2", 0))
    render = broker.consume("reviewpack-render", prefetch=1, timeout=100)
    extract = broker.consume("reviewpack-extract", prefetch=1, timeout=100)
    assert take(render) is not None
    assert take(extract) is not None
