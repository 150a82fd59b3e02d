"""What the non-PDF readers share: provenance for a cell range or paragraph, units, header rows.

Readers keep cells as the text they read; turning text into numbers is `extract.numbers`' job.
Here numbers are only recognised, to tell a table's heading rows from its body.
"""

from __future__ import annotations

import datetime as dt
import re

from extract.numbers import parse_amount, unit_multiplier
from extract.records import BBox, Passage, Provenance, Table
from extract.sentences import split_sentences
from extract.tables.vocabulary import UNIT_NOTE
from ingest.records import Document

MAX_HEADER_ROWS = 4
TEXT_LIMIT = 2000
# A paragraph this short just above a table may be its caption.
CAPTION_CHARS = 160
YEAR = re.compile(r"^(?:19|20)\d\d$")
APOSTROPHE = re.compile(r"['’]")
CANONICAL_UNITS = {1e3: "£000", 1e6: "£m", 1e9: "£bn", 1.0: "£"}


def provenance(
    document: Document, locator: str, text: str, page: int | None = None, bbox: BBox | None = None
) -> Provenance:
    """Where a table or passage came from; only PDF pages (read or OCR'd) give a box."""
    return Provenance(
        file=document.file,
        sha256=document.sha256,
        page=page,
        bbox=rounded(bbox) if bbox else None,
        locator=locator,
        text=text[:TEXT_LIMIT],
    )


def rounded(bbox: BBox) -> BBox:
    """A box to the hundredth of a point: finer is noise, and it keeps the JSON short."""
    return (round(bbox[0], 2), round(bbox[1], 2), round(bbox[2], 2), round(bbox[3], 2))


def passage(document: Document, text: str, locator: str, page: int | None = None) -> Passage:
    return Passage(text=text, provenance=[provenance(document, locator, text, page)])


def table(
    document: Document,
    rows: list[list[str]],
    locator: str,
    *,
    title: str = "",
    unit: str | None = None,
    page: int | None = None,
) -> Table:
    """A Table whose header rows are counted from its cells and whose unit is read from its title or headers."""
    heads = header_row_count(rows)
    unit = unit or find_unit(" ".join([title, *(" ".join(row) for row in rows[: heads or 1])]))
    shown = title or " | ".join(cell for cell in (rows[0] if rows else []) if cell)
    return Table(
        file=document.file,
        page=page,
        bbox=None,
        rows=rows,
        unit=unit,
        title=title,
        header_rows=heads,
        locator=locator,
        provenance=[provenance(document, locator, shown, page)],
    )


def pick_title(near: str, heading: str) -> str:
    """A table's title: the short paragraph just above it when it says more than a unit and is
    no run of prose, else the heading."""
    unit_note = find_unit(near) is not None and len(near.split()) <= 5
    if near and len(near) <= CAPTION_CHARS and not unit_note and not (heading and is_prose(near)):
        return near
    return heading or near[:CAPTION_CHARS]


def is_prose(text: str) -> bool:
    """Sentences, not a caption: two of them, or one long one ending in a full stop. A caption
    names the table; a paragraph of prose ("... a minus sign shows income.") says other things
    whose words must not be read as the table's subject."""
    return len(split_sentences(text)) > 1 or (text.rstrip().endswith(".") and len(text.split()) > 12)


def find_unit(*texts: str) -> str | None:
    """The canonical unit ("£000", "£m", "£bn", "£") of the first text that states one: a title,
    caption, heading or cell of a table in any format ("£'000s" is "£000", "Kent £’m" "£m")."""
    for text in texts:
        for match in UNIT_NOTE.finditer(text or ""):
            # "£’m" is "£m" with the apostrophe some councils print; drop it before reading.
            multiplier = unit_multiplier(APOSTROPHE.sub("", match.group(0)))
            if multiplier in CANONICAL_UNITS:
                return CANONICAL_UNITS[multiplier]
    return None


def is_number(cell: str) -> bool:
    """A cell holding an amount: not a year heading ("2025"), not a unit note ("£000")."""
    text = cell.strip()
    if not text or YEAR.match(text) or find_unit(text):
        return False
    return parse_amount(text) is not None


def header_row_count(rows: list[list[str]]) -> int:
    """Leading rows with no amounts in them, when rows with amounts follow: the table's headings."""
    for index, row in enumerate(rows[: MAX_HEADER_ROWS + 1]):
        if any(is_number(cell) for cell in row):
            return index if index <= MAX_HEADER_ROWS else 0
    return 0


def filled(row: list[str]) -> list[str]:
    return [cell for cell in row if cell.strip()]


def cell_text(value: object, number_format: str = "General") -> str:
    """A cell's value as text, as Excel would show its kind: percentages as %, dates as ISO."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat(sep=" ")
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, float | int):
        if "%" in (number_format or ""):
            return f"{value * 100:.10g}%"
        if isinstance(value, float) and value.is_integer():
            return str(int(value))
        return repr(value) if isinstance(value, float) else str(value)
    return str(value).strip()
