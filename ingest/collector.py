"""Python's cycle collector paused while WeasyPrint lays out and draws a pack.

WeasyPrint makes hundreds of thousands of objects (boxes, styles, layouts) that live until the
PDF is written; each full collection walks all of them and frees none, a tenth of the time to
render the pack. Paused, what a render leaves is collected once the last render running ends
(the Kent pack's peak memory rose from 171 to 178 MB). Renders in several threads share one pause.
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from contextlib import contextmanager

_lock = threading.Lock()
_running = 0  # renders inside `paused`, in any thread
_resume = False  # whether the first of them found the collector on


@contextmanager
def paused() -> Iterator[None]:
    """The collector off inside the block, and on again after the last such block in any thread
    ends, if it was on when the first began."""
    global _running, _resume
    with _lock:
        if _running == 0:
            _resume = gc.isenabled()
            gc.disable()
        _running += 1
    try:
        yield
    finally:
        with _lock:
            _running -= 1
            if _running == 0 and _resume:
                gc.enable()
