"""Tell a file's format from its bytes, never from its name.

Councils rename files, export with the wrong extension and zip things up; the bytes are what we
read, so they decide. `sniff` only identifies: whether the format is readable is `checks`' call.
"""

from __future__ import annotations

import csv
import io
import re
import zipfile
import zlib
from dataclasses import dataclass

from ingest.records import Format

# Everything zipfile raises for a damaged or hostile archive (a bad CRC, a bad deflate stream,
# an unsupported compression method, a lying header, a member encrypted with ZipCrypto: RuntimeError).
ZIP_ERRORS = (
    RuntimeError,
    zipfile.BadZipFile,
    zipfile.LargeZipFile,
    zlib.error,
    KeyError,
    OSError,
    EOFError,
    ValueError,
    NotImplementedError,
)

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP_MAGIC = b"PK\x03\x04"

# The main part's content type in [Content_Types].xml names what an OOXML package is.
OOXML_MAIN = {
    "wordprocessingml.document.main": (Format.DOCX, "docx"),
    "ms-word.document.macroenabled.main": (Format.DOCX, "docm"),
    "spreadsheetml.sheet.main": (Format.XLSX, "xlsx"),
    "ms-excel.sheet.macroenabled.main": (Format.XLSX, "xlsm"),
    "presentationml.presentation.main": (Format.PPTX, "pptx"),
    "ms-powerpoint.presentation.macroenabled.main": (Format.PPTX, "pptm"),
}

# Binary formats we recognise only to explain why we do not read them.
BINARY_MAGIC = [
    (b"\x89PNG\r\n\x1a\n", "PNG image"),
    (b"\xff\xd8\xff", "JPEG image"),
    (b"GIF8", "GIF image"),
    (b"II*\x00", "TIFF image"),
    (b"MM\x00*", "TIFF image"),
    (b"BM", "bitmap image"),
    (b"MZ", "Windows program"),
    (b"\x7fELF", "program"),
    (b"{\\rtf", "RTF document"),
    (b"\x1f\x8b", "gzip archive"),
    (b"Rar!", "RAR archive"),
    (b"7z\xbc\xaf", "7-Zip archive"),
]

# Names of streams inside an OLE compound file, as they are stored (UTF-16LE).
OLE_STREAMS = [
    ("EncryptionInfo", "encrypted Office file"),
    ("WordDocument", "Word 97-2003 document (.doc)"),
    ("Workbook", "Excel 97-2003 workbook (.xls)"),
    ("Book", "Excel 95 workbook (.xls)"),
    ("PowerPoint Document", "PowerPoint 97-2003 presentation (.ppt)"),
]

HTML_START = re.compile(
    r"^\s*(<\?xml[^>]*>\s*)?(<!--.*?-->\s*)*<(!doctype\s+html|html[\s>]|head[\s>]|body[\s>]|table[\s>])",
    re.I | re.S,
)
DELIMITERS = ",;\t|"
SNIFF_CHARS = 65536


@dataclass(frozen=True)
class Sniffed:
    """What the bytes are: a format we may read, plus a label naming exactly what was seen."""

    format: Format
    label: str


def sniff(data: bytes) -> Sniffed:
    """Identify the format of `data` from its content."""
    # Containers first: a zip stored without compression shows its members' bytes (a PDF's
    # "%PDF-") near its start, and must still be read as the zip it is.
    if data.startswith(OLE_MAGIC):
        return Sniffed(Format.UNKNOWN, ole_label(data))
    if data.startswith(ZIP_MAGIC) or data.startswith(b"PK\x05\x06"):
        return sniff_zip(data)
    if b"%PDF-" in data[:1024]:
        return Sniffed(Format.PDF, "pdf")
    for magic, label in BINARY_MAGIC:
        if data.startswith(magic):
            return Sniffed(Format.UNKNOWN, label)
    text = decode_text(data[:SNIFF_CHARS])
    if text is None:
        return Sniffed(Format.UNKNOWN, "binary data")
    if HTML_START.match(text[:4096]):
        return Sniffed(Format.HTML, "html")
    if looks_like_csv(text):
        return Sniffed(Format.CSV, "csv")
    return Sniffed(Format.TEXT, "text")


def ole_label(data: bytes) -> str:
    for stream, label in OLE_STREAMS:
        if stream.encode("utf-16-le") in data:
            return label
    return "OLE compound file"


def sniff_zip(data: bytes) -> Sniffed:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(archive.namelist())
            if "[Content_Types].xml" not in names:
                return Sniffed(Format.UNKNOWN, "odf" if "mimetype" in names else "zip")
            types = archive.read("[Content_Types].xml").decode("utf-8", "replace").lower()
    except ZIP_ERRORS:
        return Sniffed(Format.UNKNOWN, "broken zip")
    for marker, (fmt, label) in OOXML_MAIN.items():
        if marker in types:
            return Sniffed(fmt, label)
    return Sniffed(Format.UNKNOWN, "ooxml")


def decode_text(data: bytes) -> str | None:
    """Decode bytes that look like text (UTF-8 with or without BOM, UTF-16 with BOM, or cp1252)."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16", errors="replace")  # a cut-off last character is not worth failing on
    if b"\x00" in data[:8192]:
        return None
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    # cp1252 leaves five bytes undefined; latin-1 maps them rather than failing a real CSV.
    return data.decode("latin-1")


def sniff_delimiter(text: str) -> str | None:
    """The delimiter that splits most lines into the same number (>1) of fields, if any does.

    Leading one-field lines (a title above the data) are not counted against it.
    """
    lines = [line for line in text[:65536].splitlines()[:200] if line.strip()]
    best: tuple[float, str] | None = None
    for delimiter in DELIMITERS:
        widths = [len(row) for row in csv.reader(lines, delimiter=delimiter)]
        while widths and widths[0] == 1:
            widths = widths[1:]
        if len(widths) < 2:
            continue
        common = max(set(widths), key=widths.count)
        share = widths.count(common) / len(widths)
        if common > 1 and share >= 0.8 and (best is None or share > best[0]):
            best = (share, delimiter)
    return best[1] if best else None


def looks_like_csv(text: str) -> bool:
    return sniff_delimiter(text) is not None
