"""Each worker process says it is alive: a heartbeat written to the store every few seconds,
and, in distributed workers, the sweeper run now and then from the same thread."""

from __future__ import annotations

import logging
import os
import socket
import threading
import time

import dramatiq

from workers.store import Store
from workers.sweep import SweepPolicy, sweep

WORKER_ID = f"{socket.gethostname()}:{os.getpid()}"
BEATS_PER_LAPSE = 4  # a worker misses this many heartbeats in a row before it counts as gone
log = logging.getLogger(__name__)


class Liveness(dramatiq.Middleware):
    def __init__(self, store: Store, sweep_policy: SweepPolicy | None = None) -> None:
        self.store = store
        self.sweep_policy = sweep_policy
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def after_worker_boot(self, broker: dramatiq.Broker, worker: dramatiq.Worker) -> None:
        if self._thread is not None and self._thread.is_alive():
            return
        self._stop.clear()
        self._thread = threading.Thread(
            target=self._run, args=(broker,), name="reviewpack-liveness", daemon=True
        )
        self._thread.start()

    def before_worker_shutdown(self, broker: dramatiq.Broker, worker: dramatiq.Worker) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout=10)

    def _run(self, broker: dramatiq.Broker) -> None:
        beat_every = max(self.store.heartbeat_lapse.total_seconds() / BEATS_PER_LAPSE, 0.2)
        policy = self.sweep_policy
        next_sweep = time.monotonic() + (policy.every.total_seconds() if policy else 0)
        while True:
            try:
                self.store.beat(WORKER_ID)
                if policy is not None and time.monotonic() >= next_sweep:
                    next_sweep = time.monotonic() + policy.every.total_seconds()
                    sweep(self.store, broker, policy)
            except Exception:  # storage down: the next beat tries again; the stages retry on their own
                log.warning("heartbeat or sweep failed", exc_info=True)
            if self._stop.wait(beat_every):
                return
