"""Processes that run the stages' pure functions for embedded mode, on every core.

pdfium is not thread-safe, so a stage never runs in a second thread of one process: the actors'
threads hand their stage's function to one of these processes and wait. What one document does
cannot stop the bundle:

- a call that runs past the time budget is stopped (its process is killed) and fails with
  `TookTooLong`, a bad-input error, so it is recorded once and not retried;
- a process that dies (killed, out of its memory bound, a crash in a library) is replaced; the
  calls it took down are run again once in the new processes, and a call that takes a process
  down twice fails with `ProcessDied`;
- each process's address space is bounded (`memory_mb`), so a hostile file fails alone with a
  MemoryError, recorded on its document, instead of taking the machine's memory.
"""

from __future__ import annotations

import resource
import threading
from collections.abc import Sequence
from concurrent.futures import CancelledError, Future, ProcessPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from importlib import import_module
from multiprocessing import forkserver, get_context
from multiprocessing.context import BaseContext
from typing import Any

from ingest.errors import BadInput

# Imported once by the fork server (workers.preload), so each process starts with the stages loaded.
STAGE_MODULES = (
    "ingest.inspect",
    "extract.document",
    "analyse.review",
    "render.pack",
    "render.deck",
    "render.data",
    "workers.stage_calls",
)
Call = tuple[Any, ...]  # (function, *args)


@dataclass(frozen=True)
class Named:
    """A function named by its module and name ("render.pack:render_pdf"), imported where it is
    called. Handed to the pool it pickles as its name, so the process handing it on never imports
    the stage itself (spaCy, WeasyPrint: seconds of CPU the stages' processes could use)."""

    target: str

    def __call__(self, *args: Any) -> Any:
        module, _, name = self.target.partition(":")
        return getattr(import_module(module), name)(*args)


class TookTooLong(BadInput):
    code = "time_budget"


class ProcessDied(BadInput):
    code = "process_died"


class StagePool:
    """A process pool that outlives its processes; `run` calls functions in it."""

    def __init__(self, processes: int, budget_s: float, memory_mb: int) -> None:
        self.processes = processes
        self.budget_s = budget_s
        self.memory_mb = memory_mb
        self._lock = threading.Lock()
        self._pool = self._new_pool()

    def run(self, calls: Sequence[Call]) -> list[Any]:
        """Each call's result, in order; the calls run at once, each within the time budget."""
        submitted = [(self._submit(call), call) for call in calls]
        return [self._result(pool, future, call) for (pool, future), call in submitted]

    def shutdown(self) -> None:
        with self._lock:
            self._pool.shutdown(cancel_futures=True)

    def _submit(self, call: Call) -> tuple[ProcessPoolExecutor, Future[Any]]:
        function, *args = call
        with self._lock:
            pool = self._pool
        try:
            return pool, pool.submit(function, *args)
        except BrokenProcessPool:
            pool = self._replace(pool)
            return pool, pool.submit(function, *args)

    def _result(
        self, pool: ProcessPoolExecutor, future: Future[Any], call: Call, *, again: bool = False
    ) -> Any:
        try:
            return future.result(timeout=self.budget_s)
        except FutureTimeout:
            self._replace(pool, kill=True)
            raise TookTooLong(
                f"stopped after {self.budget_s:.0f} seconds, the time allowed for one file; "
                "the rest of the bundle was read"
            ) from None
        except (BrokenProcessPool, CancelledError) as exc:  # cancelled: queued when its pool broke
            if again:
                raise ProcessDied(
                    "the process reading this file stopped twice (out of memory, or a crash in a "
                    "library reading it); the rest of the bundle was read"
                ) from exc
            pool, future = self._submit_to(self._replace(pool), call)
            return self._result(pool, future, call, again=True)

    def _submit_to(self, pool: ProcessPoolExecutor, call: Call) -> tuple[ProcessPoolExecutor, Future[Any]]:
        function, *args = call
        return pool, pool.submit(function, *args)

    def _replace(self, broken: ProcessPoolExecutor, *, kill: bool = False) -> ProcessPoolExecutor:
        """A new pool in place of `broken` (once, however many threads saw it break)."""
        with self._lock:
            if self._pool is broken:
                if kill:
                    # The pool cannot stop one call; its processes are killed, and the calls the
                    # others were running break and are run again in the new pool.
                    for process in list(getattr(broken, "_processes", {}).values()):
                        process.kill()
                broken.shutdown(wait=False, cancel_futures=True)
                self._pool = self._new_pool()
            return self._pool

    def _new_pool(self) -> ProcessPoolExecutor:
        return ProcessPoolExecutor(
            self.processes, mp_context=_context(), initializer=bound_memory, initargs=(self.memory_mb,)
        )


def _context() -> BaseContext:
    context = get_context("forkserver")
    context.set_forkserver_preload(["workers.preload"])
    return context


def start_fork_server() -> None:
    """Start the fork server now, so that its imports of STAGE_MODULES (seconds: spaCy,
    pandas, WeasyPrint) run on another core while this process loads its own, instead of
    after them, when the first stage is sent and every stage would wait for them."""
    _context()
    forkserver.ensure_running()


def bound_memory(memory_mb: int) -> None:
    """Cap this process's address space: past it, allocation fails with a MemoryError."""
    limit = memory_mb * 1024 * 1024
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
