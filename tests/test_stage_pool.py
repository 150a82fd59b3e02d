"""The processes embedded mode runs stages in: one slow, dying or greedy call does not stop the rest."""

from __future__ import annotations

import gc
import os
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from workers.pool import ProcessDied, StagePool, TookTooLong


def dies_the_first_time(marker: str) -> str:
    if not Path(marker).exists():
        Path(marker).write_text("died once")
        os._exit(1)
    return "read"


def sleeps_then_says(seconds: float, text: str) -> str:
    time.sleep(seconds)
    return text


def always_dies() -> None:
    os._exit(1)


def allocates(megabytes: int) -> int:
    return len(bytearray(megabytes * 1024 * 1024))


@pytest.fixture
def pool() -> Iterator[StagePool]:
    stages = StagePool(2, budget_s=5.0, memory_mb=2048)
    yield stages
    stages.shutdown()


def test_calls_run_in_the_pool_in_order(pool: StagePool) -> None:
    assert pool.run([(pow, 2, 10), (divmod, 7, 2)]) == [1024, (3, 1)]


def test_a_call_past_the_time_budget_is_stopped_and_the_pool_goes_on(pool: StagePool) -> None:
    start = time.monotonic()
    with pytest.raises(TookTooLong, match="stopped after 5 seconds, the time allowed for one file"):
        pool.run([(time.sleep, 60)])
    assert time.monotonic() - start < 30
    assert pool.run([(pow, 3, 3)]) == [27]


def test_a_call_beside_a_stopped_one_is_run_again_and_finishes(pool: StagePool) -> None:
    # Two documents read at once: the slow one's process is killed at its budget, with the other's
    # half done; the other is handed on to a new process and finishes.
    with ThreadPoolExecutor(2) as threads:
        slow = threads.submit(pool.run, [(time.sleep, 60)])
        time.sleep(3.5)  # the other is still running when the slow one's 5 s run out
        other = threads.submit(pool.run, [(sleeps_then_says, 3, "read")])
        assert other.result(timeout=60) == ["read"]
        with pytest.raises(TookTooLong):
            slow.result(timeout=60)


def test_a_process_that_dies_is_replaced_and_its_work_handed_on(pool: StagePool, tmp_path: Path) -> None:
    assert pool.run([(dies_the_first_time, str(tmp_path / "marker"))]) == ["read"]
    assert pool.run([(pow, 2, 5)]) == [32]


def test_a_call_that_kills_its_process_twice_fails_with_the_reason(pool: StagePool) -> None:
    with pytest.raises(ProcessDied, match="stopped twice"):
        pool.run([(always_dies,)])
    assert pool.run([(pow, 2, 3)]) == [8]


def test_memory_past_the_bound_fails_that_call_alone(pool: StagePool) -> None:
    with pytest.raises(MemoryError):
        pool.run([(allocates, 4096)])
    assert pool.run([(allocates, 64)]) == [64 * 1024 * 1024]


def parent_and_loaded() -> tuple[int, list[str]]:
    """This process's parent, and which stage modules it holds before the call imports any."""
    import sys

    from workers.pool import STAGE_MODULES

    return os.getppid(), [name for name in STAGE_MODULES if name in sys.modules]


def test_the_fork_server_started_early_serves_the_pool_with_the_stages_loaded() -> None:
    """`reviewpack run` starts the fork server before its own imports; the pool made later forks
    from that server, and its processes start with every stage module loaded."""
    from multiprocessing import forkserver

    from workers.pool import STAGE_MODULES, start_fork_server

    start_fork_server()
    server = forkserver._forkserver._forkserver_pid  # type: ignore[attr-defined]
    assert server is not None
    stages = StagePool(1, budget_s=60.0, memory_mb=3072)
    try:
        parent, loaded = stages.run([(parent_and_loaded,)])[0]
    finally:
        stages.shutdown()
    assert parent == server
    assert loaded == list(STAGE_MODULES)


def forked_garbage_collection() -> tuple[int, bool]:
    return gc.get_freeze_count(), gc.isenabled()


def test_a_process_keeps_what_it_was_forked_with_out_of_its_garbage_collections(pool: StagePool) -> None:
    frozen, collecting = pool.run([(forked_garbage_collection,)])[0]
    assert frozen > 100_000  # the stages' modules, loaded by the fork server (workers.preload)
    assert collecting  # what the process makes itself is collected as usual


def built_before_the_first_call() -> tuple[bool, bool, list[str]]:
    """Whether this process holds the classifier's and prose reader's matchers, and the record
    classes whose validators are still to build, before it has read anything."""
    from pydantic import BaseModel

    from extract.prose import matcher
    from ingest.classify import matchers

    incomplete, classes = [], list(BaseModel.__subclasses__())
    while classes:
        cls = classes.pop()
        classes.extend(cls.__subclasses__())
        if (
            cls.__module__.partition(".")[0] in {"ingest", "extract", "analyse"}
            and not cls.__pydantic_complete__
        ):
            incomplete.append(cls.__qualname__)
    return matchers.cache_info().currsize == 1, matcher.cache_info().currsize == 1, incomplete


def test_a_process_starts_with_what_the_stages_build_on_first_use(pool: StagePool) -> None:
    """The fork server builds the matchers and finishes the records' validators once
    (workers.preload); without it each process built them again on its first file."""
    classifier, prose, incomplete = pool.run([(built_before_the_first_call,)])[0]
    assert classifier and prose
    assert incomplete == []
