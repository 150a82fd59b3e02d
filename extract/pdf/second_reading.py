"""A second reading of the PDF pages whose tables fail their arithmetic, by pdfplumber.

The project's own reader (`extract.pdf.reader`) finds tables from pdfium's words and rules; pdfplumber
finds them another way (from ruling lines, or from the alignment of text). Where the first
reading of a page gives records that their own arithmetic contradicts, the page is read again
both ways, and a reading is kept only where it leaves fewer records contradicted and no fewer
verified. The cost is paid only on such pages, and at most on `MAX_PAGES` of a document.
A second reading is kept only where none of the page's records is contradicted any longer and
no fewer are verified; it takes the unit and caption the first reading found above each table,
which pdfplumber's cells do not hold.
"""

from __future__ import annotations

import io

import pdfplumber
from pdfplumber.utils.exceptions import PdfminerException

from extract.domain.from_tables import DomainRecords, records_from_tables
from extract.pdf.row_grouping import join_lines
from extract.reading import find_unit, provenance, rounded
from extract.records import MONEY_FIELDS, Table, Verification, money_records
from ingest.records import Document

MAX_PAGES = 5  # pages of one document read a second time, at most
# pdfplumber's table finders, by name: ruled tables, then tables aligned by their text alone.
STRATEGIES: dict[str, dict] = {
    "pdfplumber, ruling lines": {"vertical_strategy": "lines", "horizontal_strategy": "lines"},
    "pdfplumber, text alignment": {"vertical_strategy": "text", "horizontal_strategy": "text"},
}


def plumber_tables(document: Document, data: bytes, page: int, settings: dict) -> list[Table]:
    """The tables pdfplumber finds on one page (1-based), as Table records; none where pdfminer
    cannot open a file that pdfium could (one cut short), so the first reading stands."""
    try:
        opened = pdfplumber.open(io.BytesIO(data), pages=[page])
    except PdfminerException:
        return []
    with opened as pdf:
        found = pdf.pages[0].find_tables(table_settings=settings)
        tables = []
        for number, grid in enumerate(found, start=1):
            rows = [[join_lines((cell or "").split("\n")).strip() for cell in row] for row in grid.extract()]
            if len(rows) < 2:
                continue
            locator = f"page {page}, table {number} (second reading)"
            first = " | ".join(cell for cell in rows[0] if cell)
            tables.append(
                Table(
                    file=document.file,
                    page=page,
                    bbox=rounded(grid.bbox),
                    rows=rows,
                    unit=find_unit(*(" ".join(row) for row in rows[:3])),
                    locator=locator,
                    provenance=[provenance(document, locator, first, page, grid.bbox)],
                    row_boxes=[rounded(row.bbox) for row in grid.rows],
                )
            )
    return tables


def _score(found: DomainRecords, page: int) -> tuple[int, int]:
    """Records on the page contradicted, and verified."""
    on_page = [r for r in money_records(found) if r.provenance[0].page == page]
    contradicted = sum(1 for r in on_page if r.verification is Verification.CONTRADICTED)
    return contradicted, sum(1 for r in on_page if r.verification is Verification.VERIFIED)


def contradicted_pages(found: DomainRecords) -> list[int]:
    records = money_records(found)
    pages = {r.provenance[0].page for r in records if r.verification is Verification.CONTRADICTED}
    return sorted(p for p in pages if p is not None)[:MAX_PAGES]


def second_reading(
    document: Document, data: bytes, tables: list[Table], first: DomainRecords, year: str | None = None
) -> tuple[list[Table], DomainRecords, list[str]]:
    """The document's tables and records with each contradicted page read again where another
    reading does better; notes on what was kept."""
    notes: list[str] = []
    for page in contradicted_pages(first):
        before = _score(first, page)
        for name, settings in STRATEGIES.items():
            others = _captioned(
                plumber_tables(document, data, page, settings), [t for t in tables if t.page == page]
            )
            if not others:
                continue
            trial = sorted([*(t for t in tables if t.page != page), *others], key=lambda t: t.page or 0)
            again = records_from_tables(trial, document, year)
            after = _score(again, page)
            if after[0] == 0 and after[1] >= before[1]:
                note = (
                    f"page {page} read again ({name}): {before[0]} records contradicted by the "
                    f"first reading, {after[0]} by this one"
                )
                tables, first = trial, _noted(again, page, note)
                notes.append(note)
                break
    return tables, first, notes


def _captioned(second: list[Table], first: list[Table]) -> list[Table]:
    """Each second-reading table with the unit and title of the first reading's table it
    overlaps most (or the page's first), where it found none of its own."""

    def overlap(a: Table, b: Table) -> float:
        if a.bbox is None or b.bbox is None:
            return 0.0
        return max(0.0, min(a.bbox[3], b.bbox[3]) - max(a.bbox[1], b.bbox[1]))

    out = []
    for table in second:
        source = max(first, key=lambda t: overlap(table, t), default=None)
        if source is None:
            out.append(table)
            continue
        out.append(
            table.model_copy(update={"unit": table.unit or source.unit, "title": table.title or source.title})
        )
    return out


def _noted(found: DomainRecords, page: int, note: str) -> DomainRecords:
    """The records on the page with the reading they came from noted."""

    def note_on(records: list) -> list:
        return [
            r.model_copy(update={"reading": [*r.reading, note]}) if r.provenance[0].page == page else r
            for r in records
        ]

    return found.model_copy(update={key: note_on(getattr(found, key)) for key in MONEY_FIELDS})
