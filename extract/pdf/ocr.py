"""A scanned PDF's tables and passages, from the words OCR read on its pages.

OCR gives words with boxes in PDF points, as pdfium does for a PDF with a text layer, so the
PDF reader's line, table and paragraph finding runs on them unchanged. A scan's ruling lines
are pixels, not drawn paths, so its tables are found from the alignment of words alone.
"""

from __future__ import annotations

import statistics

from extract.pdf.page_breaks import Page, joined_across_pages
from extract.pdf.passages import paragraphs
from extract.pdf.reader import PageContent, inherit_units, page_passages, page_table
from extract.pdf.table_finding import find_tables
from extract.pdf.words import Graphics, Rule, Word, text_lines
from extract.records import Content, Table
from ingest.errors import NoTextLayer, PageFailure
from ingest.ocr import OcrPage, available, ocr_pdf_words
from ingest.pdf import NO_TEXT_ADVICE
from ingest.problems import PageStep, page_step, unreadable_page
from ingest.records import DocError, Document

# About a second or two of OCR a page: this many pages stays well inside a worker's time limit.
OCR_PAGE_LIMIT = 200
# A page whose words average below this confidence (0-100) was hard to read: say so on the page.
LOW_CONFIDENCE = 70.0


def read_scanned_pdf(document: Document, data: bytes) -> Content:
    """Tables and passages of a PDF with no text layer, read by OCR; refused where OCR cannot run."""
    if not available():
        raise NoTextLayer(f"none of the PDF's pages has any text: {NO_TEXT_ADVICE}", file=document.file)
    pages = ocr_pdf_words(data, max_pages=OCR_PAGE_LIMIT)
    if not any(page.words for page in pages):
        raise NoTextLayer(f"OCR found no text on any page either: {NO_TEXT_ADVICE}", file=document.file)
    tables: list[Table] = []
    read: list[Page] = []
    errors = [error for page in pages if (error := page_problem(document.file, page)) is not None]
    for page in pages:
        try:
            found = page_content(document, page)
        except PageFailure as failure:  # one bad page must not lose the others
            errors.append(unreadable_page(document.file, page.number, PageStep(failure.step), failure))
            continue
        tables += inherit_units(found.tables, tables[-1] if tables else None)
        read.append(found.page)
    count = max(document.pages or 0, len(pages))
    if count > len(pages):
        errors.append(skipped_pages(len(pages), count))
    return Content(pages=count, tables=tables, passages=joined_across_pages(read), errors=errors)


def page_content(document: Document, page: OcrPage) -> PageContent:
    """One page's tables and passages, found as the PDF reader finds them in a text layer."""
    with page_step(PageStep.TEXT):
        words = [Word(w.text, w.x0, w.top, w.x1, w.bottom) for w in page.words]
        lines = text_lines(words)
        graphics = Graphics(rules=[Rule(*box) for box in page.rules])
    with page_step(PageStep.LAYOUT):
        grids = find_tables(lines, graphics) if lines else []
        taken = {i for grid in grids for i in grid.lines}
        number = page.number
        tables = [
            page_table(document, number, k, grid, lines, taken) for k, grid in enumerate(grids, start=1)
        ]
        prose = paragraphs(lines, taken)
    return PageContent(tables, page_passages(document, number, prose), len(words))


def page_problem(file: str, page: OcrPage) -> DocError | None:
    """What to tell the reader about one page: unreadable, or read with low confidence."""
    if page.error is not None:
        return unreadable_page(file, page.number, PageStep.OCR, page.error)
    if not page.words:
        return None
    confidence = statistics.fmean(w.confidence for w in page.words)
    if confidence >= LOW_CONFIDENCE:
        return None
    return DocError(
        code="ocr_low_confidence",
        message=f"the scan of this page is hard to read (OCR confidence {confidence:.0f}%); "
        "check its figures against the original",
        page=page.number,
    )


def skipped_pages(read: int, count: int) -> DocError:
    return DocError(
        code="ocr_pages_skipped",
        message=f"only the first {read} of {count} scanned pages were read by OCR; "
        "send the pages that matter as a text PDF (exported from the original) to have them all read",
    )
