"""Helpers for the domain tests: small Tables built by hand, and the tables of a real PDF.

Real PDFs are read two ways: by `extract.pdf.reader.read_pdf` (the project's reader, what the pipeline
sees) and by pdfplumber's ruled-table finder (an independent reading), so that a defect in one
reader is not mistaken for one in the domain code.
"""

from __future__ import annotations

import hashlib
from functools import lru_cache
from pathlib import Path

from extract.records import Provenance, Table
from ingest.records import Document, DocumentKind, Format

DOC = Document(file="bundle/plan.xlsx", sha256="ab" * 32, size=1, format=Format.XLSX)


def document(kind: DocumentKind = DocumentKind.OTHER) -> Document:
    return DOC.model_copy(update={"kind": kind})


def table(
    rows: list[list[str]],
    *,
    page: int | None = 3,
    title: str = "",
    unit: str | None = None,
    header_rows: int = 0,
    locator: str = "",
) -> Table:
    prov = Provenance(
        file=DOC.file,
        sha256=DOC.sha256,
        page=page,
        bbox=(10.0, 20.0, 500.0, 300.0),
        locator=locator or "table",
        text="",
    )
    return Table(
        file=DOC.file,
        page=page,
        bbox=(10.0, 20.0, 500.0, 300.0),
        rows=rows,
        unit=unit,
        title=title,
        header_rows=header_rows,
        locator=locator,
        provenance=[prov],
    )


def pdf_document(path: Path) -> tuple[Document, bytes]:
    data = path.read_bytes()
    doc = Document(file=path.name, sha256=hashlib.sha256(data).hexdigest(), size=len(data), format=Format.PDF)
    return doc, data


@lru_cache(maxsize=4)  # each real PDF is read once per test session
def pipeline_tables(path: Path) -> tuple[Document, list[Table]]:
    """The tables the project's own PDF reader finds."""
    from extract.pdf.reader import read_pdf

    doc, data = pdf_document(path)
    return doc, read_pdf(doc, data).tables


@lru_cache(maxsize=4)
def ruled_tables(path: Path) -> tuple[Document, list[Table]]:
    """The tables pdfplumber finds from the ruling lines: an independent reading of the cells."""
    doc, _ = pdf_document(path)
    return doc, _pdfplumber_tables(doc, path)


def _pdfplumber_tables(doc: Document, path: Path) -> list[Table]:
    import pdfplumber

    found = []
    with pdfplumber.open(path) as pdf:
        for page in pdf.pages:
            lines = (page.extract_text() or "").splitlines()
            for k, grid in enumerate(page.find_tables(), 1):
                rows = [[cell or "" for cell in row] for row in grid.extract()]
                locator = f"page {page.page_number}, table {k}"
                prov = Provenance(
                    file=doc.file,
                    sha256=doc.sha256,
                    page=page.page_number,
                    bbox=grid.bbox,
                    locator=locator,
                    text="",
                )
                found.append(
                    Table(
                        file=doc.file,
                        page=page.page_number,
                        bbox=grid.bbox,
                        rows=rows,
                        title=lines[0] if lines else "",
                        locator=locator,
                        provenance=[prov],
                    )
                )
    return found


def word_plan(
    rows: list[tuple[str, list[str]]],
    header: list[str],
    note: str,
    heading: str = "Medium Term Financial Strategy",
) -> bytes:
    """A Word document holding one plan table: a heading, a note above the table (its caption or unit),
    the header row, then each row's label and figures."""
    import io

    import docx

    word = docx.Document()
    word.add_heading(heading, 1)
    word.add_paragraph(note)
    grid = word.add_table(rows=1, cols=len(header))
    for j, text in enumerate(header):
        grid.rows[0].cells[j].text = text
    for label, values in rows:
        cells = grid.add_row().cells
        cells[0].text = label
        for j, value in enumerate(values, start=1):
            cells[j].text = value
    out = io.BytesIO()
    word.save(out)
    return out.getvalue()
