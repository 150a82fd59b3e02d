"""A distributed worker hands the heap pages a stage freed back to the system after each message."""

from __future__ import annotations

import sys
from collections.abc import Iterator

import dramatiq
import pytest
from dramatiq import Worker
from dramatiq.brokers.stub import StubBroker

from workers.memory import ReturnFreed, libc_trim


@pytest.fixture
def broker() -> Iterator[StubBroker]:
    broker = StubBroker()
    broker.emit_after("process_boot")
    yield broker
    broker.close()


def test_the_heap_is_trimmed_after_each_message_failed_or_not(broker: StubBroker) -> None:
    trims: list[int] = []
    middleware = ReturnFreed()
    middleware.trim = trims.append
    broker.add_middleware(middleware)

    @dramatiq.actor(broker=broker, max_retries=0)
    def stage(fail: bool) -> None:
        if fail:
            raise ValueError("bad input")

    worker = Worker(broker, worker_threads=1, worker_timeout=100)
    worker.start()
    try:
        stage.send(False)
        stage.send(True)
        broker.join(stage.queue_name, fail_fast=False)
        worker.join()
    finally:
        worker.stop()
    assert trims == [0, 0]  # 0: keep no free pages at the top of the heap either


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the workers' image is Debian (glibc)")
def test_glibc_s_malloc_trim_is_found_and_callable() -> None:
    trim = libc_trim()
    assert trim is not None
    assert trim(0) in (0, 1)  # 1 where it returned memory, 0 where there was none to return
