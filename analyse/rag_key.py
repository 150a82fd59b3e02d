"""A tracker's key to its ratings ("Red | Will not be delivered in year"), and a rating its own
forecast contradicts: rated red where the key says red is delivered not at all, yet forecast to
deliver part; rated green or blue where the key says delivery in full, yet forecast short. The
reviewers are asked which holds: the rating and the forecast cannot both be right.

What a rating cell is, and which words say a saving will not be delivered, are the extraction's own
(extract.tables.vocabulary: RATING_CELL, UNDELIVERABLE_WORDS); what "in full" means is decided here.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from analyse.wording import gbp
from extract.records import Provenance, Table
from extract.tables.rows import row_cited
from extract.tables.vocabulary import RATING_CELL, UNDELIVERABLE_WORDS

# A meaning that says all of it is, or will be ("Delivered", "On track to deliver in full").
IN_FULL = re.compile(r"\bin\s+full\b|^\s*(?:fully\s+)?(?:delivered|achieved)\b", re.I)


@dataclass(frozen=True)
class RagMeaning:
    """One rating of a tracker's key, as the key prints it."""

    rating: str
    meaning: str
    provenance: Sequence[Provenance]


RagKeys = dict[str, dict[str, RagMeaning]]  # file -> rating (lower case, spaced once) -> meaning


def _norm(word: str) -> str:
    return " ".join(word.split()).lower()


# A key written in one cell ("RAG key: B = delivered; G = on track; R = not deliverable in year"):
# its label, then two or more ratings each with its meaning after "=", ":" or a dash, split at ";".
INLINE_KEY = re.compile(r"^\s*(?:rag|rating|status)?\s*key\s*[:\-\u2013]\s*(?P<pairs>.+)$", re.I)
INLINE_PAIR = re.compile(
    r"^\s*(?P<rating>[^=:\u2013]+?)\s*(?:=|:|\s[\-\u2013]\s)\s*(?P<meaning>.+?)\s*\.?\s*$"
)


def _inline_key(cell: str) -> list[tuple[str, str]]:
    """The ratings and meanings of a key written in one cell; none unless every part is a rating
    with words beside it, two or more."""
    found = INLINE_KEY.match(cell)
    if found is None:
        return []
    pairs = [INLINE_PAIR.match(part) for part in found["pairs"].split(";") if part.strip()]
    if len(pairs) < 2 or not all(p and RATING_CELL.match(p["rating"]) for p in pairs):
        return []
    return [(p["rating"].strip(), " ".join(p["meaning"].split())) for p in pairs if p]


def rag_keys(tables: Sequence[Table]) -> RagKeys:
    """Each file's key to its ratings: a table of two columns or more whose first cells, below a
    header, are all ratings (two or more) each with words beside it; or a key written in one cell
    of a row, its only words (`INLINE_KEY`)."""
    keys: RagKeys = {}
    for table in tables:
        for index, row in enumerate(table.rows):
            filled = [cell for cell in row if cell.strip()]
            inline = _inline_key(filled[0]) if len(filled) == 1 else []
            for rating, meaning in inline:
                cited = [row_cited(table, index)]
                keys.setdefault(table.file, {})[_norm(rating)] = RagMeaning(rating, meaning, cited)
        body = [row for row in table.rows if row and RATING_CELL.match(row[0])]
        headed = table.rows[len(table.rows) - len(body) :] == body  # only a header above them
        if len(body) >= 2 and headed and all(len(row) >= 2 and row[1].strip() for row in body):
            mine = keys.setdefault(table.file, {})
            first = len(table.rows) - len(body)
            for index, row in enumerate(body, first):
                # each meaning cites its own row ("sheet RAG key!A6": Red), not the key's heading
                cited = [row_cited(table, index)]
                mine[_norm(row[0])] = RagMeaning(row[0].strip(), " ".join(row[1].split()), cited)
    return keys


def contradiction(
    meaning: RagMeaning | None, target: float | None, forecast: float | None, tolerance: float
) -> str | None:
    """The reviewers' question where the key's meaning of a saving's rating and its forecast
    cannot both hold, by more than `tolerance` (the savings checks' own); None where they can."""
    if meaning is None or forecast is None:
        return None
    said = f"the tracker's key says {meaning.rating} means \u201c{meaning.meaning}\u201d"
    if UNDELIVERABLE_WORDS.search(meaning.meaning) and forecast > tolerance:
        return f"{said}, yet it forecasts {gbp(forecast)} delivered: which holds?"
    if IN_FULL.search(meaning.meaning) and target is not None and target - forecast > tolerance:
        return f"{said}, yet it forecasts {gbp(forecast)} of {gbp(target)}: which holds?"
    return None
