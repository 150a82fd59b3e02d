"""Read a web page (.html): its data tables, and its paragraphs, headings and list items as passages.

Council pages often lay out with tables, so only innermost tables are read as data; the prose
inside layout tables still reaches the passages. Cells spanning columns or rows are read once:
the columns and rows they cover are left empty, keeping every row on the same grid.
"""

from __future__ import annotations

import re
from typing import Any

from bs4 import BeautifulSoup, Tag

from extract.reading import find_unit, passage, pick_title, table
from extract.records import Content, Passage, Table
from ingest.checks import check_cells, check_table_depth
from ingest.errors import CorruptFile
from ingest.limits import DEFAULT_LIMITS, Limits
from ingest.records import Document
from ingest.sniff import decode_text

BLOCKS = ["h1", "h2", "h3", "h4", "h5", "h6", "p", "li", "blockquote", "caption"]
HEADINGS = ["h1", "h2", "h3", "h4", "h5", "h6"]


def read_html(document: Document, data: bytes) -> Content:
    """Innermost tables and block-level text, in document order."""
    text = decode_text(data)
    if text is None:
        raise CorruptFile("the web page is not text and cannot be read", file=document.file)
    check_table_depth(document.file, text, DEFAULT_LIMITS)
    soup = BeautifulSoup(text, "lxml")
    for junk in soup(["script", "style", "noscript", "template"]):
        junk.decompose()
    tables = [
        html_table(document, element, number)
        for number, element in enumerate((t for t in soup.find_all("table") if not t.find("table")), 1)
    ]
    return Content(
        pages=None, tables=[t for t in tables if t is not None], passages=page_passages(document, soup)
    )


def page_passages(document: Document, soup: BeautifulSoup) -> list[Passage]:
    found = []
    for number, element in enumerate(soup.find_all(BLOCKS), start=1):
        text = squash(element.get_text(" ", strip=True))
        if text and not element.find(BLOCKS):  # a list item holding paragraphs is read through them
            found.append(passage(document, text, f"paragraph {number}"))
    if found:
        return found
    body = soup.get_text("\n", strip=True)
    return [
        passage(document, chunk, f"paragraph {i}") for i, chunk in enumerate(body.split("\n"), 1) if chunk
    ]


def html_table(document: Document, element: Tag, number: int) -> Table | None:
    rows = [row for row in table_grid(element, document.file) if any(row)]
    if not rows:
        return None
    caption = element.find("caption")
    heading = element.find_previous(HEADINGS)
    before = element.find_previous(["p", *HEADINGS])
    near = squash(before.get_text(" ", strip=True)) if before is not None else ""
    title = squash(caption.get_text(" ", strip=True)) if caption is not None else ""
    title = title or pick_title(near, squash(heading.get_text(" ", strip=True)) if heading else "")
    return table(document, rows, f"table {number}", title=title, unit=find_unit(f"{title} {near}"))


def table_grid(element: Tag, file: str = "", limits: Limits = DEFAULT_LIMITS) -> list[list[str]]:
    """The table's rows on one grid: spanned-over positions empty, so each value appears once.
    Spans multiply cells, so reading stops at the cell limit."""
    grid: list[list[str]] = []
    cells = 0
    pending: dict[int, int] = {}  # column -> rows still covered by a rowspan from above
    for tr in element.find_all("tr"):
        row: list[str] = []
        for cell in tr.find_all(["td", "th"], recursive=False):
            while pending.get(len(row), 0) > 0:
                pending[len(row)] -= 1
                row.append("")
            span_rows, span_cols = span(cell, "rowspan"), span(cell, "colspan")
            for offset in range(span_cols):
                if span_rows > 1:
                    pending[len(row) + offset] = span_rows - 1
            row.extend([squash(cell.get_text(" ", strip=True))] + [""] * (span_cols - 1))
        while pending.get(len(row), 0) > 0:
            pending[len(row)] -= 1
            row.append("")
        cells += len(row)
        check_cells(file, cells, limits, what="web page's table")
        grid.append(row)
    width = max((len(r) for r in grid), default=0)
    check_cells(file, width * len(grid), limits, what="web page's table")  # once padded square
    return [r + [""] * (width - len(r)) for r in grid]


def span(cell: Any, attribute: str) -> int:
    try:
        return max(1, min(int(cell.get(attribute, 1)), 1000))
    except (TypeError, ValueError):
        return 1


def squash(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()
