"""Check one incoming file and describe it as a `Document`: format, pages, kind, and what is wrong.

`inspect_file` never raises for bad input: a file we cannot read becomes a `failed` Document
whose error says why, in words a finance officer can act on.
"""

from __future__ import annotations

import hashlib

from ingest.bundle import IncomingFile
from ingest.checks import (
    check_pages,
    check_readable,
    check_size,
    check_table_depth,
    check_workbook_size,
    check_zip_intact,
)
from ingest.classify import classify
from ingest.errors import BadInput, CorruptFile, NoTextLayer
from ingest.limits import DEFAULT_LIMITS, Limits
from ingest.pdf import cut_short_notes, pdf_pages, sample_pdf
from ingest.records import DocError, Document, Format, Status, refused_document
from ingest.sample import (
    Sample,
    Sampler,
    sample_csv,
    sample_docx,
    sample_html,
    sample_pptx,
    sample_text,
    sample_xlsx,
)
from ingest.scanned import ocr_notes, sample_scanned_pdf
from ingest.sniff import Sniffed, decode_text, sniff

SAMPLERS: dict[Format, Sampler] = {
    Format.PDF: sample_pdf,
    Format.DOCX: sample_docx,
    Format.XLSX: sample_xlsx,
    Format.PPTX: sample_pptx,
    Format.CSV: sample_csv,
    Format.HTML: sample_html,
    Format.TEXT: sample_text,
}
OOXML = {Format.DOCX, Format.XLSX, Format.PPTX}
BINARY_EXTENSIONS = {
    "pdf",
    "docx",
    "docm",
    "xlsx",
    "xlsm",
    "xlsb",
    "pptx",
    "pptm",
    "doc",
    "xls",
    "ppt",
    "zip",
}

# Extensions each format may arrive under without comment.
EXTENSIONS = {
    Format.PDF: {"pdf"},
    Format.DOCX: {"docx", "docm"},
    Format.XLSX: {"xlsx", "xlsm"},
    Format.PPTX: {"pptx", "pptm"},
    Format.CSV: {"csv", "tsv", "txt"},
    Format.HTML: {"html", "htm", "xhtml"},
    Format.TEXT: {"txt", "text", "md"},
}


def inspect_file(name: str, data: bytes, limits: Limits = DEFAULT_LIMITS) -> Document:
    """Identify, check and classify one file. Bad input gives a failed Document, never an exception."""
    document = Document(
        file=name, sha256=hashlib.sha256(data).hexdigest(), size=len(data), format=Format.UNKNOWN
    )
    try:
        check_size(name, data, limits)  # before anything reads the bytes
        sniffed = sniff(data)
        document = document.model_copy(update={"format": sniffed.format})
        sample, notes = checked_sample(name, data, sniffed, limits)
    except BadInput as exc:
        error = DocError(code=exc.code, message=str(exc), page=exc.page)
        return document.model_copy(update={"status": Status.FAILED, "errors": [error]})
    kind, reasons = classify(name, sample.text, sample.headers)
    status = Status.PARTIAL if notes else document.status
    return document.model_copy(
        update={"kind": kind, "kind_reasons": reasons + format_notes(name, sniffed), "pages": sample.pages}
        | {"errors": notes, "status": status}
    )


def checked_sample(name: str, data: bytes, sniffed: Sniffed, limits: Limits) -> tuple[Sample, list[DocError]]:
    """The file's sample, and the notes that make it `partial`: a PDF cut short, a scan read by
    OCR (which can misread a figure)."""
    check_readable(name, sniffed)
    check_not_posing(name, sniffed)
    check_bounds(name, data, sniffed, limits)
    # before a missing text layer is blamed: the pages of a PDF cut short may be lost, not scanned
    notes = cut_short_notes(name, data) if sniffed.format is Format.PDF else []
    try:
        sample = SAMPLERS[sniffed.format](name, data)
    except NoTextLayer:
        sample = sample_scanned_pdf(name, data)  # refuses it again where OCR cannot run
    if sample.pages is not None:
        check_pages(name, sample.pages, limits)
    return sample, notes + ocr_notes(sample)


def check_bounds(name: str, data: bytes, sniffed: Sniffed, limits: Limits) -> None:
    """The limits that can be checked before the content is read: a zip bomb posing as an Office
    file, a workbook's declared size, a PDF's page count, a web page's table nesting."""
    if sniffed.format in OOXML:
        check_zip_intact(name, data, limits)
    if sniffed.format is Format.XLSX:
        check_workbook_size(name, data, limits)
    elif sniffed.format is Format.PDF:
        check_pages(name, pdf_pages(name, data), limits)  # before a missing text layer is blamed
    elif sniffed.format is Format.HTML:
        check_table_depth(name, decode_text(data) or "", limits)


def check_not_posing(name: str, sniffed: Sniffed) -> None:
    """Plain prose under a document's name (.pdf, .docx) is not that document: it was damaged or
    mis-saved. Tables are different: systems often export CSV or HTML under an Excel name."""
    claimed = extension_of(name)
    if sniffed.format is Format.TEXT and claimed in BINARY_EXTENSIONS:
        raise CorruptFile(
            f"the file is named .{claimed} but holds only plain text, not a real .{claimed} file; "
            "it may be damaged: save or export it again",
            file=name,
        )


def extension_of(name: str) -> str:
    base = name.rsplit("/", 1)[-1]
    return base.rsplit(".", 1)[-1].lower() if "." in base else ""


def format_notes(name: str, sniffed: Sniffed) -> list[str]:
    """Say so when the name's extension disagrees with the content; the content is what we read."""
    notes = []
    extension = extension_of(name)
    if extension not in EXTENSIONS[sniffed.format]:
        shown = f".{extension}" if extension else "no extension"
        notes.append(
            f"extension_mismatch: the name has {shown} but the content is {sniffed.label}; read as {sniffed.label}"
        )
    if sniffed.label in {"xlsm", "docm", "pptm"}:
        notes.append(f"macros: the {sniffed.label} file's macros were not run; only its data was read")
    return notes


def inspect_incoming(incoming: IncomingFile, limits: Limits = DEFAULT_LIMITS) -> Document:
    """Inspect a file from `read_bundle`; one the bundle already refused stays failed with its reason."""
    if incoming.error is None:
        return inspect_file(incoming.name, incoming.data, limits)
    data = incoming.data
    return refused_document(incoming.name, hashlib.sha256(data).hexdigest(), len(data), incoming.error)


def inspect_bundle(files: list[IncomingFile], limits: Limits = DEFAULT_LIMITS) -> list[Document]:
    """Inspect every file; a file whose bytes repeat an earlier one's is marked `duplicate_of` it."""
    first_by_hash: dict[str, str] = {}
    documents = []
    for incoming in files:
        document = inspect_incoming(incoming, limits)
        first = first_by_hash.setdefault(document.sha256, document.file)
        if first != document.file and document.size:
            document = document.model_copy(update={"duplicate_of": first})
        documents.append(document)
    return documents
