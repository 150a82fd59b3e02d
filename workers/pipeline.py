"""The pipeline's order, declared once. Per-document stages run for each file; per-bundle
stages run once every document has finished its per-document stages.

A stage's version is drawn from its code: results are keyed by (key, stage, version), so a release
whose code for a stage differs stores that stage's results afresh rather than reusing the old
release's. Each stage is named after its package, and its results depend on its own package, the
workers modules its run calls that shape what it stores (its glue: the corrections applied before
analysis, the reviewers' findings it reads, the calls that parse and dump its records), and the
packages and glue of the stages upstream of it (whose records it reads), so its version covers all
of them. The workers modules that only move and store records (MECHANISM) are in no version."""

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
    glue: tuple[str, ...] = ()  # the workers modules its run calls to make what it stores


def code_version(*names: str) -> int:
    """A number that changes whenever a file of these packages (code, templates, data), or one of
    these modules, does.

    It fits the results table's 32-bit version column. They are found, not imported: a worker
    loads only what its stages need (workers.stages)."""
    digest = hashlib.sha256(b"".join(_code_digest(name) for name in names))
    return int.from_bytes(digest.digest()[:4], "big") >> 1


def _code_digest(name: str) -> bytes:
    """A package's files, or a module's one file, with their names."""
    spec = importlib.util.find_spec(name)
    if spec is None or spec.origin is None:
        raise ModuleNotFoundError(f"no package or module {name} to version")
    origin = Path(spec.origin)
    if spec.submodule_search_locations is None:  # a module: its file alone
        files, root = [origin], origin.parent
    else:
        root = origin.parent
        files = sorted(p for p in root.rglob("*") if p.is_file() and _is_source(p.relative_to(root)))
    digest = hashlib.sha256()
    for path in files:
        digest.update(f"{name}/{path.relative_to(root).as_posix()}\0".encode())
        digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.digest()


def _is_source(relative: Path) -> bool:
    """Not a compiled or hidden file: those change with the interpreter and the editor, not the code."""
    return relative.suffix != ".pyc" and not any(
        part == "__pycache__" or part.startswith(".") for part in relative.parts
    )


def _pipeline(*stages: tuple[str, bool, tuple[str, ...]]) -> tuple[Stage, ...]:
    """Each stage (its package, whether it runs per document, its glue) with its version: of its
    package and glue, and those of the stages before it."""
    code: list[str] = []
    out = []
    for name, per_document, glue in stages:
        code += [name, *glue]
        out.append(Stage(name, code_version(*dict.fromkeys(code)), per_document, glue))
    return tuple(out)


# A stage's glue: the workers modules whose code its run calls to make what it stores. Each run is
# workers.stages' (a document's: the stored record before it, under this bundle's name, to its
# package's function). Extract stores beside its result the summary the status reads
# (workers.account.extract_summary, which names records as corrections do: workers.corrections).
# Analyse stores the bundle's extraction with the reviewers' corrections applied
# (workers.corrections) and the review built from it and the reviewers' findings
# (workers.findings, workers.stage_calls); render, the outputs rendered from those
# (workers.stage_calls) and the JSON laid out for people.
PIPELINE: tuple[Stage, ...] = _pipeline(
    ("ingest", True, ("workers.stages",)),
    ("extract", True, ("workers.stages", "workers.account", "workers.corrections")),
    ("analyse", False, ("workers.stages", "workers.corrections", "workers.findings", "workers.stage_calls")),
    ("render", False, ("workers.stages", "workers.stage_calls")),
)
# The workers modules a stage's run calls that only find, move and store records (the store, its
# tables and files, the pool of processes running the stages, this declaration): in no version.
MECHANISM = ("workers.store", "workers.db", "workers.blobs", "workers.pool", "workers.pipeline")

# The stages each kind of worker takes where workers are split by what they hold in memory
# (docker-compose.yml's services, one per group; `reviewpack bench` drains with one process each).
# A worker for every stage peaks at 420-450 MB, every stage's imports and a pack's PDF together.
# Split here, neither holds both (Kent's papers: read 275-281 MB, render 322-328 MB at peak); with
# analyse beside render instead, the render worker peaked at 415 MB, analyse's imports (spaCy among
# them) and what it leaves behind under the pack's PDF.
WORKER_GROUPS: dict[str, tuple[str, ...]] = {"read": ("ingest", "extract", "analyse"), "render": ("render",)}

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
