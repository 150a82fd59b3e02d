"""Read a Word document (.docx): its tables, and its paragraphs as passages, in document order.

Merged cells are read from the XML, not python-docx's grid view (which repeats a merged cell
in every column and row it covers): a cell spanning columns is followed by empty cells, and
the rows a vertically merged cell continues into are empty, so each value is read once.
"""

from __future__ import annotations

import io
import re
import warnings
from dataclasses import dataclass, field

import docx
from docx.oxml.ns import qn
from docx.oxml.table import CT_Row, CT_Tbl, CT_Tc
from docx.oxml.text.paragraph import CT_P
from docx.table import Table as DocxTable
from docx.table import _Cell
from docx.text.paragraph import Paragraph

from extract.reading import find_unit, passage, pick_title, table
from extract.records import Content
from ingest.errors import CorruptFile
from ingest.records import Document

# The document's own numbering, which a reader finds a citation by: a paragraph that opens "4.2 The
# directorate ..." is paragraph 4.2, a table captioned "Table 1: ..." is table 1. Word shows no
# count of paragraphs, so where the document does not number its paragraphs in order (at least two,
# each above the one before: "2.5 FTE posts ..." among unnumbered paragraphs is a figure, not a
# number) the count stands; a table it does not caption, in a document that captions others, is an
# uncaptioned table by count (never "table 1" beside its own Table 1).
OWN_PARAGRAPH = re.compile(r"^(\d+(?:\.\d+)+)\.?\s")
OWN_TABLE = re.compile(r"^table\s+(\d+[a-z]?)\b", re.I)


@dataclass
class Reading:
    """What has been read so far, and the last heading and paragraph (a table's title and unit)."""

    # each table's rows, title and unit, and each paragraph's text and count, made into records at
    # the end, when the document's own numbering is known (`table_locators`, `paragraph_locators`)
    tables: list[tuple[list[list[str]], str, str | None]] = field(default_factory=list)
    paragraph_texts: list[tuple[str, int]] = field(default_factory=list)
    paragraphs: int = 0
    heading: str = ""
    recent: list[str] = field(default_factory=list)


def paragraph_locators(texts: list[tuple[str, int]]) -> list[str]:
    """Each paragraph's locator, in order: its own number where the document numbers its paragraphs
    in order (each number above the last taken), else "paragraph N" by its count."""
    owns: list[str | None] = []
    last: tuple[int, ...] = ()
    for text, _ in texts:
        own = OWN_PARAGRAPH.match(text)
        number = tuple(int(n) for n in own.group(1).split(".")) if own else None
        taken = number is not None and number > last
        owns.append(own.group(1) if own and taken else None)
        last = number if number is not None and taken else last
    numbered = sum(o is not None for o in owns) >= 2
    return [
        f"paragraph {own}" if numbered and own else f"paragraph {count}"
        for own, (_, count) in zip(owns, texts, strict=True)
    ]


def table_locators(titles: list[str]) -> list[str]:
    """Each table's locator, in order: "table N" by its own caption where the document numbers its
    tables (each number once), by count where it numbers none."""
    owns = [m.group(1) if (m := OWN_TABLE.match(t)) else None for t in titles]
    if not any(owns):
        return [f"table {i}" for i in range(1, len(titles) + 1)]
    out: list[str] = []
    for i, own in enumerate(owns, 1):
        given = f"table {own}" if own else ""
        out.append(given if given and given not in out else f"uncaptioned table {i}")
    return out


def read_docx(document: Document, data: bytes) -> Content:
    """Tables and paragraphs, in the order they stand in the document's body."""
    word = open_docx(document, data)
    reading = Reading()
    for element in word.element.body.iterchildren():
        if isinstance(element, CT_P):
            read_paragraph(Paragraph(element, word), reading)
        elif isinstance(element, CT_Tbl):
            read_table(DocxTable(element, word), reading)
    located = table_locators([title for _, title, _ in reading.tables])
    tables = [
        table(document, rows, at, title=title, unit=unit)
        for (rows, title, unit), at in zip(reading.tables, located, strict=True)
    ]
    located = paragraph_locators(reading.paragraph_texts)
    passages = [
        passage(document, text, at) for (text, _), at in zip(reading.paragraph_texts, located, strict=True)
    ]
    return Content(pages=None, tables=tables, passages=passages)


def open_docx(document: Document, data: bytes) -> docx.document.Document:
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            return docx.Document(io.BytesIO(data))
    except Exception as exc:  # zipfile, KeyError, lxml: all mean a damaged file
        raise CorruptFile("the Word document is damaged and cannot be read", file=document.file) from exc


def read_paragraph(paragraph: Paragraph, reading: Reading) -> None:
    reading.paragraphs += 1
    text = paragraph.text.strip()
    if not text:
        return
    style = (paragraph.style.name if paragraph.style is not None else "") or ""
    if style.lower().startswith(("heading", "title")):
        reading.heading = text
    reading.recent = [*reading.recent[-1:], text]
    reading.paragraph_texts.append((text, reading.paragraphs))


def read_table(docx_table: DocxTable, reading: Reading) -> None:
    rows = [row_cells(tr, docx_table) for tr in docx_table._tbl.tr_lst]
    rows = [row for row in rows if any(cell for cell in row)]
    if not rows:
        return
    title = pick_title(reading.recent[-1] if reading.recent else "", reading.heading)
    unit = find_unit(" ".join(reading.recent))
    reading.tables.append((rows, title, unit))
    reading.recent = []


def row_cells(tr: CT_Row, parent: DocxTable) -> list[str]:
    """One row's cells on the table grid, each merged value once."""
    cells = [""] * tr.grid_before
    for tc in tr.tc_lst:
        cells.append("" if continues_merge(tc) else _Cell(tc, parent).text.strip())
        cells.extend([""] * (tc.grid_span - 1))
    return cells


def continues_merge(tc: CT_Tc) -> bool:
    """A cell continuing a vertical merge from the row above (w:vMerge without val="restart")."""
    tc_pr = tc.tcPr
    merge = tc_pr.find(qn("w:vMerge")) if tc_pr is not None else None
    return merge is not None and merge.get(qn("w:val")) != "restart"
