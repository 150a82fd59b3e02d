"""Where a sentence of a document's text ends: the one rule every stage splits prose by (the DSG,
the current year, transfers, targets, the documents the papers cite, the council's naming of
itself, whether a caption is prose). extract.prose's figures are read from spaCy's sentences
instead, and render cuts its own written sentences by render.refs.sentence_ends: each says why.
"""

from __future__ import annotations

import re
from functools import lru_cache

# Where a sentence (or a clause a semicolon closes) ends in prose as the analyses read it: a full
# stop, "!", "?" or ";" and a space (so not a decimal point) before a capital, figure, pound sign or
# bracket.
SENTENCE_END = re.compile(r"(?<=[.;!?])\s+(?=[A-Z0-9£(])")
SENTENCE_CACHE = 1 << 12  # texts and passages whose sentences are kept: analyses read them again


def sentence_start(text: str, at: int, since: int = 0) -> int:
    """Where the sentence that holds position `at` of `text` starts, by the same rule (`SENTENCE_END`),
    looking back no further than `since`: `since` itself where no sentence ends between."""
    return max((m.end() for m in SENTENCE_END.finditer(text, since, at + 1)), default=since)


@lru_cache(maxsize=SENTENCE_CACHE)
def split_sentences(text: str) -> tuple[str, ...]:
    """The sentences of a text as written, a wrapped line's break read as a space: the DSG reads a
    pressure's description and a risk register's cells with it. A passage's sentences are read with
    where each is printed (extract.prose.sentences_cited), split the same way."""
    return tuple(s for s in SENTENCE_END.split(" ".join(text.split())) if s)
