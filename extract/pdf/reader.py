"""The PDF reader: every page's tables (as their cells read) and prose passages.

All pages are read with pdfium (fast, C): words with their boxes, and the thin path objects
that draw ruling lines. Table analysis (extract.pdf.table_finding) only does real work on pages
where lines split into aligned chunks or rules draw boxes, so prose pages stay cheap.
pdfplumber/pdfminer was measured at 60-120 ms a page on the Kent bundle, pdfium at ~10 ms,
which is what makes the 40 pages/second target reachable.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import pypdfium2 as pdfium

from extract.pdf.captions import lines_above, lines_below, title_text, unit_note_above
from extract.pdf.page_breaks import Page, Printed, joined_across_pages
from extract.pdf.passages import Paragraph, paragraphs
from extract.pdf.table_finding import Grid, find_tables
from extract.pdf.words import Line, Word, mark_bold, page_graphics, page_transform, page_words, text_lines
from extract.reading import find_unit, provenance, rounded
from extract.records import Content, Passage, Table
from ingest.errors import NoTextLayer, PageFailure, TooLarge
from ingest.limits import DEFAULT_LIMITS, Limits
from ingest.pdf import PDFIUM_LOCK, open_pdf
from ingest.problems import PageStep, page_step, unreadable_page
from ingest.records import DocError, Document


@dataclass
class PageContent:
    tables: list[Table]
    prose: list[Printed]
    words: int

    @property
    def passages(self) -> list[Passage]:
        return [p.passage for p in self.prose]

    @property
    def page(self) -> Page:
        return Page(self.prose, self.tables)


def read_pdf(document: Document, data: bytes) -> Content:
    """Tables and passages of every page; a page that fails is recorded, not raised.

    pdfium is not thread-safe (not even across documents), and workers run actors in
    threads, so one lock serialises this reader's use of it.
    """
    with PDFIUM_LOCK:
        return _read_pdf(document, data)


def _read_pdf(document: Document, data: bytes) -> Content:
    pdf = open_pdf(document.file, data)
    tables: list[Table] = []
    pages: list[Page] = []
    errors: list[DocError] = []
    words = count = 0
    try:
        count = len(pdf)
        for index in range(count):
            try:
                found = read_page(document, pdf, index)
            except TooLarge as exc:
                errors.append(DocError(code=exc.code, message=exc.message, page=index + 1))
                continue
            except PageFailure as failure:  # one bad page must not lose the others
                errors.append(unreadable_page(document.file, index + 1, PageStep(failure.step), failure))
                continue
            tables += continued_names(inherit_units(found.tables, tables[-1] if tables else None), tables)
            pages.append(found.page)
            words += found.words
    finally:
        pdf.close()
    if count and not words and not errors:
        raise NoTextLayer("no text layer on any page (a scan?)", file=document.file)
    return Content(pages=count, tables=tables, passages=joined_across_pages(pages), errors=errors)


def inherit_units(tables: list[Table], before: Table | None) -> list[Table]:
    """A headerless table under (or continuing) another shares its unit: Kent's totals block
    under the savings lines, a table whose header is on the previous page."""
    out: list[Table] = []
    for table in tables:
        if table.unit is None and table.header_rows == 0 and before is not None and before.unit:
            continues = before.page == table.page or len(before.rows[0]) == len(table.rows[0])
            if continues:
                table = table.model_copy(update={"unit": before.unit})
        out.append(table)
        before = table
    return out


def continued_names(page: list[Table], before: list[Table]) -> list[Table]:
    """A page's first table, untitled, with the columns (and any heading row) of the last table
    before it, which was cited by its printed number, continues that table: "page 2, Table 1
    (continued)"."""
    last = before[-1] if before else None
    cited = CITED_NUMBER.search(last.locator) if last else None
    if not page or last is None or cited is None:
        return page
    first = page[0]
    same_heading = not first.header_rows or first.rows[0] == last.rows[0]
    if first.title or not same_heading or len(first.rows[0]) != len(last.rows[0]):
        return page
    locator = f"page {first.page}, Table {cited['n']} (continued)"
    provenance = [p.model_copy(update={"locator": locator}) for p in first.provenance]
    return [first.model_copy(update={"locator": locator, "provenance": provenance}), *page[1:]]


# "page 1, Table 2" or "page 2, Table 2 (continued)": a table cited by its printed number.
CITED_NUMBER = re.compile(r", Table (?P<n>\S+?)(?: \(continued\))?$")


def read_page(document: Document, pdf: pdfium.PdfDocument, index: int) -> PageContent:
    """One page's tables and passages; raises `PageFailure` naming the step that failed."""
    words, lines, grids = page_layout(pdf, index)
    number = index + 1
    taken = {i for grid in grids for i in grid.lines}
    with page_step(PageStep.LAYOUT):
        tables = named_as_printed(
            [page_table(document, number, k, grid, lines, taken) for k, grid in enumerate(grids, start=1)]
        )
        prose = paragraphs(lines, taken)
    return PageContent(tables, page_passages(document, number, prose), len(words))


def page_passages(document: Document, number: int, prose: list[Paragraph]) -> list[Printed]:
    """A page's paragraphs as passages, each cited by its place on the page."""
    return [
        Printed(
            Passage(
                text=p.text,
                provenance=[provenance(document, f"page {number}, paragraph {k}", p.text, number, p.bbox)],
            ),
            p.size,
            p.bold,
        )
        for k, p in enumerate(prose, start=1)
    ]


# "Table 1: Revenue forecast outturn ...", "Table 3.1": the number the document gives a table.
PRINTED_NUMBER = re.compile(r"^\s*table\s+(?P<n>\d+(?:\.\d+)*[a-z]?)\b", re.I)


def named_as_printed(tables: list[Table]) -> list[Table]:
    """Each table cited by the number its caption prints ("page 1, Table 1"), so a reviewer
    following a citation finds it. Where the page has such a table, the others are "unnamed
    table 1", "unnamed table 2", so that no citation points at a table the page numbers otherwise;
    where two tables would share a printed number, the page's tables keep their places."""
    printed = [PRINTED_NUMBER.match(t.title or "") for t in tables]
    names = [f"Table {m['n']}" if m else None for m in printed]
    named = [n for n in names if n]
    if not named or len(set(named)) < len(named):
        return tables
    out, unnamed = [], 0
    for table, name in zip(tables, names, strict=True):
        if name is None:
            unnamed += 1
        locator = f"page {table.page}, {name or f'unnamed table {unnamed}'}"
        cited = [p.model_copy(update={"locator": locator}) for p in table.provenance]
        out.append(table.model_copy(update={"locator": locator, "provenance": cited}))
    return out


def page_layout(pdf: pdfium.PdfDocument, index: int) -> tuple[list[Word], list[Line], list[Grid]]:
    """A page's words, lines and tables; the page is closed before returning, so memory does
    not grow with the page count."""
    with page_step(PageStep.TEXT):
        page = pdf[index]
    try:
        with page_step(PageStep.TEXT):
            transform = page_transform(page)
            textpage = page.get_textpage()
            try:
                check_page_chars(textpage.count_chars())
                words = page_words(textpage, transform)
                lines = text_lines(words)
                mark_bold(textpage, lines)
            finally:
                textpage.close()
            graphics = page_graphics(page, transform)
        with page_step(PageStep.LAYOUT):
            grids = find_tables(lines, graphics) if lines else []
    finally:
        page.close()
    return words, lines, grids


def check_page_chars(count: int, limits: Limits = DEFAULT_LIMITS) -> None:
    """Refuse a page's text before reading it character by character, where it is absurdly long."""
    if count > limits.max_page_chars:
        raise TooLarge(
            f"the page has {count:,} characters, over the limit of {limits.max_page_chars:,} a page, "
            "so it was not read; it may be a data dump rather than a page of a report"
        )


def page_table(
    document: Document, page: int, number: int, grid: Grid, lines: list[Line], taken: set[int]
) -> Table:
    """A Table record for one grid, with the caption above it as title and its stated unit."""
    x0, top, x1, bottom = grid.bbox
    above = lines_above(lines, top, x0, x1, taken)
    title = title_text(lines, above)
    heads = grid.rows[: grid.header_rows or 1]
    notes = [lines[i].text for i in [*above, *lines_below(lines, bottom, x0, x1, taken)]]
    unit = find_unit(*(" ".join(row) for row in heads), title, *notes, unit_note_above(lines, top, taken))
    locator = f"page {page}, table {number}"
    first = " | ".join(cell for cell in grid.rows[0] if cell)
    return Table(
        file=document.file,
        page=page,
        bbox=rounded(grid.bbox),
        rows=grid.rows,
        unit=unit,
        title=title,
        header_rows=grid.header_rows,
        locator=locator,
        provenance=[provenance(document, locator, first, page, grid.bbox)],
        row_boxes=[rounded(box) for box in grid.row_boxes],
    )
