"""What ingest needs to know of a PDF: can it be opened, how many pages, is there text to read."""

from __future__ import annotations

import threading

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from ingest.errors import CorruptFile, EncryptedFile, NoTextLayer
from ingest.records import DocError
from ingest.sample import SAMPLE_CHARS, Sample

SAMPLE_PAGES = 3
# Pages probed for a text layer, spread through the document; a scan has none on any of them.
PROBE_PAGES = 12
MIN_TEXT_CHARS = 10
# A complete PDF ends with this marker; one missing from its last bytes was cut short (an
# interrupted download). pdfium rebuilds what it can of such a file, so it is read where it opens.
END_MARKER, END_WINDOW = b"%%EOF", 2048
CUT_SHORT = "the PDF is cut short (it has no end-of-file marker); download or export it again"
CUT_SHORT_CODE = "cut_short"
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
        pdf = open_pdf(name, data)
        try:
            return len(pdf)
        finally:
            pdf.close()


def cut_short(data: bytes) -> bool:
    return END_MARKER not in data[-END_WINDOW:]


def cut_short_notes(name: str, data: bytes) -> list[DocError]:
    """The warning on a PDF cut short that still opens, saying how many pages could be read;
    CorruptFile where none can. Nothing for a complete PDF."""
    if not cut_short(data):
        return []
    with PDFIUM_LOCK:
        pdf = open_pdf(name, data)
        try:
            found, read = len(pdf), pages_read(pdf)
        finally:
            pdf.close()
    if not read:
        raise CorruptFile(CUT_SHORT, file=name)
    pages = f"{read} of its {found} pages" if read < found else f"{read} page{'s' if read > 1 else ''}"
    message = (
        f"the PDF is cut short (no end-of-file marker): {pages} could be read; "
        "pages after that may be missing; ask for the file again"
    )
    return [DocError(code=CUT_SHORT_CODE, message=message)]


def pages_read(pdf: pdfium.PdfDocument) -> int:
    """The number of the last page that draws anything: in a file cut short, the pages after it
    lost their content (pdfium gives them empty, without an error)."""
    last = 0
    for index in range(len(pdf)):
        try:
            page = pdf[index]
        except pdfium.PdfiumError:
            continue
        try:
            if pdfium_c.FPDFPage_CountObjects(page.raw) > 0:
                last = index + 1
        finally:
            page.close()
    return last


def _sample_pdf(name: str, data: bytes) -> Sample:
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
        if cut_short(data):
            raise CorruptFile(CUT_SHORT, file=name) from exc
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
