"""The pipeline's order, declared once. Per-document stages run for each file; per-bundle
stages run once every document has finished its per-document stages.

A stage's version is drawn from its code: results are keyed by (key, stage, version), so a release
whose code for a stage differs stores that stage's results afresh rather than reusing the old
release's. Each stage is named after its package, and its results depend on its own package and
those upstream of it (whose records it reads), so its version covers all of them."""

from __future__ import annotations

import hashlib
import importlib.util
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Stage:
    name: str
    version: int
    per_document: bool


def code_version(*packages: str) -> int:
    """A number that changes whenever a file of these packages (code, templates, data) does.

    It fits the results table's 32-bit version column. The packages are found, not imported: a
    worker loads only what its stages need (workers.stages)."""
    digest = hashlib.sha256(b"".join(_package_digest(package) for package in packages))
    return int.from_bytes(digest.digest()[:4], "big") >> 1


def _package_digest(package: str) -> bytes:
    spec = importlib.util.find_spec(package)
    if spec is None or spec.origin is None:
        raise ModuleNotFoundError(f"no package {package} to version")
    root = Path(spec.origin).parent
    digest = hashlib.sha256()
    for path in sorted(p for p in root.rglob("*") if p.is_file() and _is_source(p.relative_to(root))):
        digest.update(f"{package}/{path.relative_to(root).as_posix()}\0".encode())
        digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.digest()


def _is_source(relative: Path) -> bool:
    """Not a compiled or hidden file: those change with the interpreter and the editor, not the code."""
    return relative.suffix != ".pyc" and not any(
        part == "__pycache__" or part.startswith(".") for part in relative.parts
    )


def _pipeline(*stages: tuple[str, bool]) -> tuple[Stage, ...]:
    names = [name for name, _ in stages]
    return tuple(
        Stage(name, code_version(*names[: index + 1]), per_document=per_document)
        for index, (name, per_document) in enumerate(stages)
    )


PIPELINE: tuple[Stage, ...] = _pipeline(
    ("ingest", True),
    ("extract", True),
    ("analyse", False),
    ("render", False),
)

BUNDLE_POSITION = -1  # stage_runs.position for per-bundle stages
OUTPUTS = ("extraction.json", "review.json", "pack.pdf", "pack.pptx", "data.xlsx")


def stage(name: str) -> Stage:
    return next(s for s in PIPELINE if s.name == name)


def next_stage(current: Stage) -> Stage | None:
    index = PIPELINE.index(current)
    return PIPELINE[index + 1] if index + 1 < len(PIPELINE) else None


def document_stages() -> tuple[Stage, ...]:
    return tuple(s for s in PIPELINE if s.per_document)


def bundle_stages() -> tuple[Stage, ...]:
    return tuple(s for s in PIPELINE if not s.per_document)
