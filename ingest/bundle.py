"""Turn what a council uploaded (zips, folders, loose files) into a flat list of named files.

Nothing is lost silently: a zip we refuse (damaged, a zip bomb, too deeply nested) comes back
as one file carrying its error and its original bytes, so it is still stored and reported.
Members whose path would escape the bundle ("../x", "/etc/x") are refused the same way.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from ingest.checks import check_zip_expansion
from ingest.errors import BadInput, CorruptFile, NotFound, TooLarge
from ingest.limits import DEFAULT_LIMITS, Limits
from ingest.records import DocError
from ingest.sniff import ZIP_ERRORS, sniff

JUNK_NAMES = {"thumbs.db", "desktop.ini", ".ds_store", "__macosx"}


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
            for member in sorted(p for p in path.rglob("*") if p.is_file() and not p.is_symlink()):
                relative = member.relative_to(path).as_posix()
                if not is_junk(relative):
                    files.extend(unpack(relative, member.read_bytes(), budget, depth=0))
        elif path.is_file():
            files.extend(unpack(path.name, path.read_bytes(), budget, depth=0, top=True))
        else:
            raise NotFound(f"no such file or folder: {path}")
    return files


def refused(name: str, data: bytes, exc: BadInput) -> IncomingFile:
    return IncomingFile(name=name, data=data, error=DocError(code=exc.code, message=str(exc), page=exc.page))


def is_bundle_zip(name: str, data: bytes) -> bool:
    """A zip of files, not an Office file (which is a zip too); a damaged one counts if named .zip."""
    label = sniff(data).label if data[:4] in (b"PK\x03\x04", b"PK\x05\x06") else ""
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
                continue
            if is_junk(info.filename):
                continue
            yield from unpack(inner, archive.read(info), budget, depth + 1)


def is_junk(name: str) -> bool:
    """Operating-system clutter (macOS resource forks, thumbnails, Office lock files, hidden files)."""
    parts = PurePosixPath(name.replace("\\", "/")).parts
    return any(part.lower() in JUNK_NAMES or part.startswith((".", "~$")) for part in parts)


def is_safe(name: str) -> bool:
    """A member path that stays inside the bundle: relative, no "..", no drive letter."""
    path = PurePosixPath(name.replace("\\", "/"))
    return not path.is_absolute() and ".." not in path.parts and ":" not in name
