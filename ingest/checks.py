"""Checks run on every file before anything reads it. Each raises a `BadInput` child on failure.

The messages are for finance staff: they say what is wrong and what to do about it.
"""

from __future__ import annotations

import io
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
    advice = ADVICE.get(
        label, "send it as PDF, Word (.docx), Excel (.xlsx or .csv), PowerPoint (.pptx) or HTML"
    )
    raise UnsupportedFormat(
        f"the file is a {describe(label)}, a format reviewpack does not read; {advice}", file=name
    )


def describe(label: str) -> str:
    return {
        "odf": "OpenDocument file",
        "zip": "zip archive inside a zip",
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
            bad = archive.testzip()
    except ZIP_ERRORS as exc:
        raise CorruptFile(
            "the Office file is damaged and cannot be opened; save or export it again", file=name
        ) from exc
    if bad is not None:
        raise CorruptFile(
            f"the Office file is damaged (part {bad} is unreadable); save or export it again", file=name
        )
