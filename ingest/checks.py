"""Checks run on every file before anything reads it. Each raises a `BadInput` child on failure.

The messages are for finance staff: they say what is wrong and what to do about it.
"""

from __future__ import annotations

import io
import re
import zipfile

from ingest.errors import CorruptFile, EmptyFile, EncryptedFile, TooLarge, UnsupportedFormat
from ingest.limits import Limits
from ingest.records import Format
from ingest.sniff import ZIP_ERRORS, Sniffed

MB = 1024 * 1024

# What to tell someone who sent a format we do not read.
ADVICE = {
    "Word 97-2003 document (.doc)": "open it in Word and save it as .docx (or PDF), then upload it again",
    "Excel 97-2003 workbook (.xls)": "open it in Excel and save it as .xlsx, then upload it again",
    "Excel 95 workbook (.xls)": "open it in Excel and save it as .xlsx, then upload it again",
    "PowerPoint 97-2003 presentation (.ppt)": "open it in PowerPoint and save it as .pptx (or PDF)",
    "RTF document": "open it in Word and save it as .docx or PDF",
    "odf": "save it from LibreOffice as .docx, .xlsx or PDF",
}
IMAGE_ADVICE = "send the original document (PDF, Word or Excel) instead of a picture of it"


def check_size(name: str, data: bytes, limits: Limits) -> None:
    if not data:
        raise EmptyFile("the file is empty (0 bytes); please upload it again", file=name)
    if len(data) > limits.max_bytes:
        raise TooLarge(
            f"the file is {len(data) / MB:.0f} MB, over the {limits.max_bytes / MB:.0f} MB limit; "
            "split it or send the relevant sections",
            file=name,
        )


def check_pages(name: str, pages: int, limits: Limits) -> None:
    if pages > limits.max_pages:
        raise TooLarge(
            f"the document has {pages} pages, over the {limits.max_pages}-page limit; "
            "send the relevant sections",
            file=name,
        )


def check_readable(name: str, sniffed: Sniffed) -> None:
    """Refuse formats we recognise but do not read, each with the reason and what to do."""
    if sniffed.format is not Format.UNKNOWN:
        return
    label = sniffed.label
    if label == "encrypted Office file":
        raise EncryptedFile(
            "the Office file is password-protected; remove the password (File > Info > Protect) "
            "and upload it again",
            file=name,
        )
    if label == "broken zip":
        raise CorruptFile(
            "the file is damaged or cut short (its zip container cannot be opened); "
            "export or download it again",
            file=name,
        )
    if label.endswith("image"):
        raise UnsupportedFormat(
            f"the file is a {label}, which has no text to read; {IMAGE_ADVICE}", file=name
        )
    if label == "zip":
        raise UnsupportedFormat(
            "the file is a zip archive; give it to `reviewpack run` or upload it as a bundle, "
            "which unpacks it, or unzip it and send the files inside",
            file=name,
        )
    advice = ADVICE.get(
        label, "send it as PDF, Word (.docx), Excel (.xlsx or .csv), PowerPoint (.pptx) or HTML"
    )
    raise UnsupportedFormat(
        f"the file is a {describe(label)}, a format reviewpack does not read; {advice}", file=name
    )


def describe(label: str) -> str:
    return {
        "odf": "OpenDocument file",
        "zip": "zip archive",
        "ooxml": "Office file of an unknown kind",
    }.get(label, label)


def check_zip_expansion(
    name: str, archive: zipfile.ZipFile, packed: int, limits: Limits, allowance: int | None = None
) -> int:
    """Refuse a zip bomb: too many members, or contents far larger than the zip itself or than
    `allowance` (what is left of the whole bundle's budget). Returns the bytes it will unpack."""
    members = archive.infolist()
    unpacked = sum(info.file_size for info in members)
    allowance = limits.max_unzipped_bytes if allowance is None else allowance
    if len(members) > limits.max_zip_members:
        raise TooLarge(
            f"the zip holds {len(members)} files, over the {limits.max_zip_members} limit", file=name
        )
    if unpacked > allowance or unpacked > limits.max_zip_ratio * max(packed, 1):
        raise TooLarge(
            f"the zip would expand to {unpacked / MB:.0f} MB from {packed / MB:.1f} MB, which looks like a "
            "zip bomb; send the files unzipped or in smaller zips",
            file=name,
        )
    return unpacked


def check_zip_intact(name: str, data: bytes, limits: Limits) -> None:
    """An Office file is a zip: a member failing its checksum means the file was damaged."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            check_zip_expansion(name, archive, len(data), limits)
            check_xml_parts(name, archive, limits)
            bad = archive.testzip()
    except ZIP_ERRORS as exc:
        raise CorruptFile(
            "the Office file is damaged and cannot be opened; save or export it again", file=name
        ) from exc
    if bad is not None:
        raise CorruptFile(
            f"the Office file is damaged (part {bad} is unreadable); save or export it again", file=name
        )


# Parts read as they stream (a workbook's sheets, in openpyxl's read-only mode), not held whole.
STREAMED_PARTS = ("xl/worksheets/",)


def check_xml_parts(name: str, archive: zipfile.ZipFile, limits: Limits) -> None:
    """Refuse an Office file whose text (XML) parts are too large to hold in memory whole."""
    held = sum(
        info.file_size
        for info in archive.infolist()
        if info.filename.endswith((".xml", ".rels")) and not info.filename.startswith(STREAMED_PARTS)
    )
    if held > limits.max_xml_bytes:
        raise TooLarge(
            f"the Office file's text unpacks to {held / MB:.0f} MB, over the {limits.max_xml_bytes / MB:.0f} MB "
            "limit; split it or send the relevant sections",
            file=name,
        )


def check_rows(name: str, rows: int, limits: Limits, what: str = "sheet") -> None:
    if rows > limits.max_rows:
        raise TooLarge(
            f"the {what} has more than {limits.max_rows:,} rows, the limit; "
            "send the relevant rows, or a summary",
            file=name,
        )


def check_cells(name: str, cells: int, limits: Limits, what: str = "workbook") -> None:
    if cells > limits.max_cells:
        raise TooLarge(
            f"the {what} has more than {limits.max_cells:,} cells (empty cells of its used range "
            "included), the limit; delete the empty rows and columns beyond the data, or send the "
            "relevant sheets",
            file=name,
        )


DIMENSION = re.compile(rb"<(?:\w+:)?dimension\s+ref=\"\$?([A-Z]{1,3})\$?(\d+)(?::\$?([A-Z]{1,3})\$?(\d+))?\"")
DIMENSION_BYTES = 4096  # <dimension> comes before the cells, near the start of a sheet's part


def check_workbook_size(name: str, data: bytes, limits: Limits) -> None:
    """Refuse a workbook whose sheets declare more rows or cells than the limits, before any cell
    is read. A sheet may declare no size, or a wrong one: the reader guards again as it reads."""
    cells = 0
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            for part in archive.namelist():
                if part.startswith("xl/worksheets/") and part.endswith(".xml"):
                    with archive.open(part) as stream:
                        found = DIMENSION.search(stream.read(DIMENSION_BYTES))
                    if found:
                        rows, columns = dimension_size(found)
                        declared = found.group(0).decode("ascii").split('"')[1]
                        check_rows(name, rows, limits, what=f"sheet ({part}, declared size {declared})")
                        cells += rows * columns
    except ZIP_ERRORS as exc:
        raise CorruptFile("the workbook is damaged and cannot be opened; save it again", file=name) from exc
    check_cells(name, cells, limits)


def dimension_size(found: re.Match[bytes]) -> tuple[int, int]:
    """Rows and columns of a range such as A1:XFD1048576 (or a single cell, B2)."""
    first_col, first_row = found.group(1), int(found.group(2))
    last_col, last_row = found.group(3) or first_col, int(found.group(4) or first_row)
    rows = abs(last_row - first_row) + 1
    return rows, abs(column_number(last_col) - column_number(first_col)) + 1


def column_number(letters: bytes) -> int:
    number = 0
    for letter in letters:
        number = number * 26 + letter - ord("A") + 1
    return number


TABLE_TAG = re.compile(r"<(/?)table\b", re.I)


def check_table_depth(name: str, text: str, limits: Limits) -> None:
    """Refuse a web page whose tables nest deeper than the limit, before it is parsed: each level
    multiplies the work of finding the innermost tables."""
    depth = 0
    for tag in TABLE_TAG.finditer(text):
        depth = max(depth - 1, 0) if tag.group(1) else depth + 1
        if depth > limits.max_table_depth:
            raise TooLarge(
                f"the web page's tables nest more than {limits.max_table_depth} deep, the limit; "
                "save the page's tables as a spreadsheet instead",
                file=name,
            )
