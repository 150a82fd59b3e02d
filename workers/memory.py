"""A worker process hands the heap pages a stage freed back to the system after each message.

glibc keeps freed heap pages for the process's next allocations: after a render's peak (the
PDF's layout and tags, about 100 MB) an idle worker would go on holding them until it exits.
`malloc_trim(0)` returns every free page (milliseconds); it lowers the memory a worker holds
between messages, not its peak, which is one stage's own (see README, Memory)."""

from __future__ import annotations

import ctypes
import ctypes.util
from collections.abc import Callable
from typing import Any

import dramatiq


def libc_trim() -> Callable[[int], object] | None:
    """glibc's malloc_trim, or None where the C library has none (musl, macOS)."""
    name = ctypes.util.find_library("c")
    return getattr(ctypes.CDLL(name), "malloc_trim", None) if name else None


class ReturnFreed(dramatiq.Middleware):
    def __init__(self) -> None:
        self.trim = libc_trim()

    def after_process_message(
        self,
        broker: dramatiq.Broker,
        message: Any,
        *,
        result: object = None,
        exception: BaseException | None = None,
    ) -> None:
        if self.trim is not None:
            self.trim(0)
