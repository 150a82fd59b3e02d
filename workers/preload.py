"""What the stage pool's fork server imports (workers.pool): every stage module, loaded once for
all the processes it forks, and what those modules otherwise build on first use in every process
(the records' validators, the classifier's and the prose reader's matchers).

The imports make a third of a million objects, and the garbage collector would walk them all again
each time their number grew by a quarter: an eighth of the imports' CPU, on the way to the first
stage of every `reviewpack run`. So it is off while they are made, and they are then kept out of
every later collection (gc.freeze), here and in each process forked from here, where each of those
walks would also copy every page it touched. The few thousand objects that were garbage by then are
kept too: less than a megabyte, once."""

from __future__ import annotations

import gc
from importlib import import_module

from pydantic import BaseModel

from ingest.language import use_model
from workers.pool import STAGE_MODULES, Named
from workers.settings import load_settings

# Built on their first call and kept (lru_cache): called here, each forked process starts with them
# rather than building its own on its first document.
BUILT_ON_FIRST_USE = (Named("ingest.classify:matchers"), Named("extract.prose:matcher"))


def load_stages() -> None:
    use_model(load_settings().spacy_model)
    gc.disable()
    try:
        for name in STAGE_MODULES:
            import_module(name)
        complete_records()
        for build in BUILT_ON_FIRST_USE:
            build()
    finally:
        gc.freeze()
        gc.enable()


def complete_records() -> None:
    """Finish every record class whose validator pydantic left to its first use (a class naming a
    type defined after it): otherwise each process builds them again when it reads its first file."""
    ours = {name.partition(".")[0] for name in STAGE_MODULES}
    classes: list[type[BaseModel]] = [BaseModel]
    while classes:
        cls = classes.pop()
        classes.extend(cls.__subclasses__())
        if not cls.__pydantic_complete__ and cls.__module__.partition(".")[0] in ours:
            cls.model_rebuild()


load_stages()
