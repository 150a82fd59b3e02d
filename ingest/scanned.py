"""A scanned PDF at ingest: its first pages read by OCR, so it can be classified like any other.

Only used where OCR can run (`ingest.ocr.available()`); elsewhere a scan stays refused as
`NoTextLayer` with advice. A document read this way carries an `ocr` error record, so it is
reported as `partial`: OCR can misread a figure, and the reader of the pack should know.
"""

from __future__ import annotations

import statistics
from dataclasses import dataclass

from ingest.errors import NoTextLayer
from ingest.ocr import available, ocr_pdf_words, page_text
from ingest.pdf import NO_TEXT_ADVICE, open_pdf
from ingest.records import DocError
from ingest.sample import Sample

OCR_CODE = "ocr"
# Pages read to classify a scan: fewer than a text PDF's sample, as OCR takes seconds a page.
SAMPLE_PAGES = 2


@dataclass(frozen=True)
class ScannedSample(Sample):
    """A sample read by OCR, with tesseract's mean word confidence (0-100)."""

    confidence: float = 0.0


def sample_scanned_pdf(name: str, data: bytes) -> ScannedSample:
    """The first pages of a PDF with no text layer, read by OCR; NoTextLayer if OCR finds nothing."""
    if not available():
        raise NoTextLayer(f"none of the PDF's pages has any text: {NO_TEXT_ADVICE}", file=name)
    pdf = open_pdf(name, data)
    try:
        pages = len(pdf)
    finally:
        pdf.close()
    read = ocr_pdf_words(data, max_pages=SAMPLE_PAGES)
    words = [word for page in read for word in page.words]
    if not words:
        raise NoTextLayer(
            f"none of the PDF's pages has any text, and OCR found none on its first pages: {NO_TEXT_ADVICE}",
            file=name,
        )
    text = "\n".join(page_text(page) for page in read)
    return ScannedSample(text=text, pages=pages, confidence=statistics.fmean(w.confidence for w in words))


def ocr_notes(sample: Sample) -> list[DocError]:
    """The `ocr` record for a sample read by OCR; none for a file with a text layer."""
    if not isinstance(sample, ScannedSample):
        return []
    return [
        DocError(
            code=OCR_CODE,
            message="the PDF has no text layer (it looks scanned), so its text was read by OCR "
            f"(mean confidence {sample.confidence:.0f}% on its first pages); OCR can misread "
            "characters, so check figures against the original, or export it again from the "
            "original (Word, Excel) as PDF for an exact reading",
        )
    ]


def read_by_ocr(errors: list[DocError]) -> bool:
    """Whether ingest read this document by OCR (so extraction must too)."""
    return any(error.code == OCR_CODE for error in errors)
