"""Every page of every real PDF in ../shared/corpus is read without a page error.

About 240 pages (Kent's papers, the ICDAR EU set, two other councils' PDFs); the reader takes
about 6 seconds over them on a shared CPU.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from extract.pdf.reader import read_pdf
from ingest.records import Document, Format
from tests.conftest import need


@pytest.mark.shared
def test_every_page_of_every_shared_pdf_is_read_without_error(shared_dir: Path) -> None:
    corpus = shared_dir / "corpus"
    pdfs = sorted(corpus.rglob("*.pdf"))
    need(bool(pdfs), f"no PDFs under {corpus}")
    pages, problems = 0, []
    for path in pdfs:
        data = path.read_bytes()
        name = str(path.relative_to(corpus))
        document = Document(
            file=name, sha256=hashlib.sha256(data).hexdigest(), size=len(data), format=Format.PDF
        )
        content = read_pdf(document, data)
        pages += content.pages
        problems += [f"{e.code}: {e.message}" for e in content.errors]
    assert problems == []
    assert pages >= len(pdfs)
