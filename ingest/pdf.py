"""What ingest needs to know of a PDF: can it be opened, how many pages, is there text to read."""

from __future__ import annotations

import threading

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from ingest.errors import CorruptFile, EncryptedFile, NoTextLayer
from ingest.sample import SAMPLE_CHARS, Sample

SAMPLE_PAGES = 3
# Pages probed for a text layer, spread through the document; a scan has none on any of them.
PROBE_PAGES = 12
MIN_TEXT_CHARS = 10
NO_TEXT_ADVICE = (
    "it looks scanned: its pages are pictures with no text layer. Export it again from the original "
    "(Word, Excel) as PDF, or run OCR on it (Adobe Acrobat's 'Recognize Text', or ocrmypdf) and upload it again"
)


# pdfium is not thread-safe, not even across documents: every user of it in the process holds
# this lock (the web app draws pages with poppler in a child process instead).
PDFIUM_LOCK = threading.RLock()


def sample_pdf(name: str, data: bytes) -> Sample:
    """Open the PDF, count pages, and read the first pages' text; raise BadInput if it cannot be read."""
    with PDFIUM_LOCK:
        return _sample_pdf(name, data)


def pdf_pages(name: str, data: bytes) -> int:
    """How many pages the PDF has; raise BadInput if it cannot be opened."""
    with PDFIUM_LOCK:
        check_complete(name, data)
        pdf = open_pdf(name, data)
        try:
            return len(pdf)
        finally:
            pdf.close()


def check_complete(name: str, data: bytes) -> None:
    if b"%%EOF" not in data[-2048:]:
        raise CorruptFile(
            "the PDF is cut short (it has no end-of-file marker); download or export it again", file=name
        )


def _sample_pdf(name: str, data: bytes) -> Sample:
    check_complete(name, data)
    pdf = open_pdf(name, data)
    try:
        pages = len(pdf)
        texts = [page_text(pdf, index) for index in range(min(pages, SAMPLE_PAGES))]
        if not has_text_layer(pdf, texts):
            raise NoTextLayer(f"none of the PDF's pages has any text: {NO_TEXT_ADVICE}", file=name)
    except pdfium.PdfiumError as exc:
        raise CorruptFile("the PDF is damaged: its pages cannot be read; export it again", file=name) from exc
    finally:
        pdf.close()
    return Sample(text="\n".join(texts), pages=pages)


def open_pdf(name: str, data: bytes) -> pdfium.PdfDocument:
    try:
        return pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        if getattr(exc, "err_code", None) in (pdfium_c.FPDF_ERR_PASSWORD, pdfium_c.FPDF_ERR_SECURITY):
            raise EncryptedFile(
                "the PDF is password-protected; save a copy without the password and upload that", file=name
            ) from exc
        raise CorruptFile(
            "the PDF is damaged and cannot be opened; download or export it again", file=name
        ) from exc


def page_text(pdf: pdfium.PdfDocument, index: int) -> str:
    page = pdf[index]
    try:
        textpage = page.get_textpage()
        try:
            # A page of millions of characters is sampled, not read whole.
            return str(textpage.get_text_range(count=min(textpage.count_chars(), SAMPLE_CHARS)))
        finally:
            textpage.close()
    finally:
        page.close()


def has_text_layer(pdf: pdfium.PdfDocument, first_texts: list[str]) -> bool:
    if sum(len(text.strip()) for text in first_texts) >= MIN_TEXT_CHARS:
        return True
    pages = len(pdf)
    step = max(1, pages // PROBE_PAGES)
    probed = range(len(first_texts), pages, step)
    return sum(len(page_text(pdf, index).strip()) for index in probed) >= MIN_TEXT_CHARS
