"""Extracting one document: its format's reader, then domain records and figures from what it read."""

from __future__ import annotations

import logging
from collections.abc import Callable

from extract.domain.from_tables import opening_year, records_from_tables
from extract.domain.risks import risks_from_tables
from extract.formats.csv import read_csv
from extract.formats.docx import read_docx
from extract.formats.html import read_html
from extract.formats.pptx import read_pptx
from extract.formats.text import read_text
from extract.formats.xlsx import read_xlsx
from extract.pdf.ocr import read_scanned_pdf
from extract.pdf.reader import read_pdf
from extract.pdf.second_reading import second_reading
from extract.prose import figures_from_passages
from extract.records import Content, Extraction, Passage
from ingest import collector
from ingest.errors import INTERNAL_ERROR, BadInput, TooLarge, fault_message
from ingest.inspect import inspect_file
from ingest.limits import DEFAULT_LIMITS, Limits
from ingest.records import DocError, Document, Format, Status
from ingest.scanned import read_by_ocr

Reader = Callable[[Document, bytes], Content]
log = logging.getLogger(__name__)

EXTRACTORS: dict[Format, Reader] = {
    Format.PDF: read_pdf,
    Format.DOCX: read_docx,
    Format.XLSX: read_xlsx,
    Format.CSV: read_csv,
    Format.PPTX: read_pptx,
    Format.HTML: read_html,
    Format.TEXT: read_text,
}


def extract_document(document: Document, data: bytes) -> Extraction:
    """Everything extraction finds in one checked document; problems are recorded, not raised."""
    reader = read_scanned_pdf if read_by_ocr(document.errors) else EXTRACTORS.get(document.format)
    if reader is None or document.status is Status.FAILED:
        return Extraction(documents=[document])
    try:
        with collector.paused():
            return read_document(document, data, reader)
    except BadInput as exc:
        return failed(document, DocError(code=exc.code, message=str(exc), page=exc.page))
    except Exception:  # a defect: this file fails with the reason, the bundle goes on
        log.warning("reading %s failed unexpectedly", document.file, exc_info=True)
        return failed(document, defect())


def read_document(document: Document, data: bytes, reader: Reader) -> Extraction:
    content = reader(document, data)
    year = opening_year(content.passages)
    found = records_from_tables(content.tables, document, year)
    tables = content.tables
    if reader is read_pdf:
        tables, found, _ = second_reading(document, data, tables, found, year)
    searched, unsearched = prose_within_limit(content.passages)
    errors = [*document.errors, *content.errors, *found.errors, *unsearched]
    status = Status.PARTIAL if len(errors) > len(document.errors) else document.status
    checked = document.model_copy(
        update={"pages": content.pages or document.pages, "errors": errors, "status": status}
    )
    return Extraction(
        documents=[checked],
        savings=found.savings,
        pressures=found.pressures,
        budget_lines=found.budget_lines,
        figures=figures_from_passages(searched),
        tables=tables,
        passages=content.passages,
        mtfp_gaps=found.mtfp_gaps,
        mtfp_totals=found.mtfp_totals,
        mtfp_memoranda=found.mtfp_memoranda,
        stated_totals=found.stated_totals,
        budget_builds=found.budget_builds,
        risks=risks_from_tables(tables, document),
    )


def prose_within_limit(
    passages: list[Passage], limits: Limits = DEFAULT_LIMITS
) -> tuple[list[Passage], list[DocError]]:
    """The passages whose text is searched for stated figures, up to the limit, and the record of
    any left unsearched (reading figures from prose costs about a minute a million characters)."""
    total = 0
    for index, passage in enumerate(passages):
        total += len(passage.text)
        if total > limits.max_prose_chars:
            note = DocError(
                code=TooLarge.code,
                message=f"the document has more than {limits.max_prose_chars:,} characters of text, the "
                "limit searched for stated figures; figures in the text after that were not read",
            )
            return passages[:index], [note]
    return passages, []


def failed(document: Document, error: DocError) -> Extraction:
    return Extraction(
        documents=[document.model_copy(update={"status": Status.FAILED, "errors": [*document.errors, error]})]
    )


def defect() -> DocError:
    """The record of an unexpected failure reading a file."""
    return DocError(code=INTERNAL_ERROR, message=fault_message())


def extract_file(name: str, data: bytes) -> Extraction:
    """Check and extract a single file outside any bundle (the `reviewpack extract` command)."""
    return extract_document(inspect_file(name, data), data)
