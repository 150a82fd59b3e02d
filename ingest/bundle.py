"""Turn what a council uploaded (zips, folders, loose files) into a flat list of named files.

Nothing is lost silently: every file comes back, read or with the reason it was not. A zip we
refuse (damaged, a zip bomb, too deeply nested) comes back as one file carrying its error and
its original bytes, so it is still stored and reported; a member we cannot unpack (password-
protected, an unknown compression method, a path escaping the bundle: "../x", "/etc/x") comes
back the same way, beside the members that could be. Clutter (Office lock files, hidden system
files) and links in folders are recorded as skipped, with why.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from ingest.checks import check_zip_expansion
from ingest.errors import BadInput, CorruptFile, EncryptedFile, NotFound, Skipped, TooLarge, UnsupportedFormat
from ingest.limits import DEFAULT_LIMITS, Limits
from ingest.records import DocError
from ingest.safe_text import readable_name
from ingest.sniff import ZIP_ERRORS, ZIP_MAGIC, sniff

SYSTEM_FILES = {"thumbs.db", "desktop.ini", ".ds_store"}
# Compression methods zipfile unpacks: stored, deflate, bzip2, lzma.
ZIP_METHODS = {zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED, zipfile.ZIP_BZIP2, zipfile.ZIP_LZMA}
ZIP_ENCRYPTED_FLAG = 0x1


@dataclass(frozen=True)
class IncomingFile:
    """One file of a bundle: its name (path inside the bundle) and bytes, or why it was refused."""

    name: str
    data: bytes
    error: DocError | None = None


@dataclass
class Unzipping:
    """Limits, and what is left of the bundle's unzipping budget, shared by every zip in it:
    zips nested inside zips must not multiply the allowance."""

    limits: Limits
    left: int


def read_bundle(paths: list[Path], limits: Limits = DEFAULT_LIMITS) -> list[IncomingFile]:
    """Every file in the given zips, folders (recursively) and files, zips inside zips unpacked."""
    files: list[IncomingFile] = []
    budget = Unzipping(limits, limits.max_unzipped_bytes)
    for path in paths:
        if path.is_dir():
            files.extend(folder_files(path, path, budget))
        elif path.is_file():
            files.extend(unpack(readable_name(path.name), path.read_bytes(), budget, depth=0, top=True))
        else:
            raise NotFound(f"no such file or folder: {readable_name(str(path))}")
    return files


def folder_files(root: Path, folder: Path, budget: Unzipping) -> Iterator[IncomingFile]:
    """A folder's files in name order, recursively; links are recorded, never followed, and a
    hidden folder (".git") is recorded once rather than walked."""
    for entry in sorted(folder.iterdir()):
        name = readable_name(entry.relative_to(root).as_posix())
        if entry.is_symlink():
            yield skipped(name, "not followed: it is a link (symlink), and links are not followed")
        elif (reason := skip_reason(entry.name)) is not None:
            yield skipped(name + ("/" if entry.is_dir() else ""), reason)
        elif entry.is_dir():
            yield from folder_files(root, entry, budget)
        elif entry.is_file():
            yield from unpack(name, entry.read_bytes(), budget, depth=0)
        else:
            yield skipped(name, "skipped: not a regular file (a pipe, socket or device)")


def refused(name: str, data: bytes, exc: BadInput) -> IncomingFile:
    return IncomingFile(name=name, data=data, error=DocError(code=exc.code, message=str(exc), page=exc.page))


def skipped(name: str, reason: str, data: bytes = b"") -> IncomingFile:
    return refused(name, data, Skipped(reason, file=name))


def is_bundle_zip(name: str, data: bytes) -> bool:
    """A zip of files, not an Office file (which is a zip too); a damaged one counts if named .zip."""
    label = sniff(data).label if data[:4] in (ZIP_MAGIC, b"PK\x05\x06") else ""
    return label == "zip" or (label == "broken zip" and name.lower().endswith(".zip"))


def unpack(name: str, data: bytes, budget: Unzipping, depth: int, *, top: bool = False) -> list[IncomingFile]:
    """The file itself, or a zip's members; `top` marks a zip given directly, whose name is not a prefix."""
    if not is_bundle_zip(name, data):
        return [IncomingFile(name=name, data=data)]
    try:
        if depth >= budget.limits.max_zip_depth:
            raise TooLarge(
                f"zips are nested more than {budget.limits.max_zip_depth} deep; unzip them first", file=name
            )
        return list(zip_members("" if top else name + "/", name, data, budget, depth))
    except BadInput as exc:
        return [refused(name, data, exc)]
    except ZIP_ERRORS as exc:
        damaged = CorruptFile(
            "the zip is damaged or cut short and cannot be opened; zip the files again", file=name
        )
        damaged.__cause__ = exc
        return [refused(name, data, damaged)]


def zip_members(prefix: str, name: str, data: bytes, budget: Unzipping, depth: int) -> Iterator[IncomingFile]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        budget.left -= check_zip_expansion(name, archive, len(data), budget.limits, budget.left)
        for info in archive.infolist():
            inner = prefix + info.filename
            if info.is_dir():
                continue
            if not is_safe(info.filename):
                unsafe = BadInput(
                    "the zip entry's path points outside the bundle, so it was not unpacked", file=inner
                )
                yield refused(inner, b"", unsafe)
            elif (reason := skip_reason(info.filename)) is not None:
                yield skipped(inner, reason)
            else:
                yield from member(archive, info, inner, budget, depth)


def member(
    archive: zipfile.ZipFile, info: zipfile.ZipInfo, inner: str, budget: Unzipping, depth: int
) -> list[IncomingFile]:
    """One zip member unpacked, or refused on its own with the reason; the others still come."""
    try:
        if info.flag_bits & ZIP_ENCRYPTED_FLAG:
            raise EncryptedFile(
                "the file is password-protected inside the zip, so it could not be unpacked; "
                "zip it again without a password",
                file=inner,
            )
        if info.compress_type not in ZIP_METHODS:
            raise UnsupportedFormat(
                f"the file is packed in the zip with a compression method reviewpack cannot unpack "
                f"(method {info.compress_type}); zip it again with ordinary (deflate) compression",
                file=inner,
            )
        return unpack(inner, archive.read(info), budget, depth + 1)
    except BadInput as exc:
        return [refused(inner, b"", exc)]
    except ZIP_ERRORS as exc:
        damaged = CorruptFile(
            "the file is damaged inside the zip and cannot be unpacked; zip it again", file=inner
        )
        damaged.__cause__ = exc
        return [refused(inner, b"", damaged)]


def skip_reason(name: str) -> str | None:
    """Why a file is not a council document (OS clutter, an Office lock file), or None."""
    for part in PurePosixPath(name.replace("\\", "/")).parts:
        lower = part.lower()
        if lower == "__macosx":
            return "skipped: a macOS resource fork (__MACOSX), which holds file metadata, not a document"
        if part.startswith("~$"):
            return "skipped: an Office lock file (~$), left while a document is open; it holds no content"
        if lower in SYSTEM_FILES or part.startswith("."):
            return "skipped: a hidden system file, not a document"
    return None


def is_safe(name: str) -> bool:
    """A member path that stays inside the bundle: relative, no "..", no drive letter."""
    path = PurePosixPath(name.replace("\\", "/"))
    return not path.is_absolute() and ".." not in path.parts and ":" not in name
