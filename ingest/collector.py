"""Python's cycle collector paused while a stage makes many objects that it keeps a while.

Reading a PDF makes words, lines and chunks by the hundred thousand, each kept until its page is
read, and records kept until the document is; WeasyPrint makes boxes, styles and layouts kept
until the PDF is written. The collections that their number sets off walk them (and what the
imports made) and free almost none: a tenth of the time to render the pack, a twentieth of the
time to extract the Kent papers. Paused, what the block leaves as cyclic garbage is collected once
the last block running ends (the Kent pack's peak memory rose from 171 to 178 MB). Blocks in
several threads share one pause.
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from contextlib import contextmanager

_lock = threading.Lock()
_running = 0  # blocks inside `paused`, in any thread
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
