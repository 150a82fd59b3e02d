"""What the stage pool's fork server imports (workers.pool): every stage module, loaded once for
all the processes it forks.

The imports make a third of a million objects, and the garbage collector would walk them all again
each time their number grew by a quarter: an eighth of the imports' CPU, on the way to the first
stage of every `reviewpack run`. So it is off while they are made, and they are then kept out of
every later collection (gc.freeze), here and in each process forked from here, where each of those
walks would also copy every page it touched. The few thousand objects that were garbage by then are
kept too: less than a megabyte, once."""

from __future__ import annotations

import gc
from importlib import import_module

from workers.pool import STAGE_MODULES


def load_stages() -> None:
    gc.disable()
    try:
        for name in STAGE_MODULES:
            import_module(name)
    finally:
        gc.freeze()
        gc.enable()


load_stages()
