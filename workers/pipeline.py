"""The pipeline's order, declared once. Per-document stages run for each file; per-bundle
stages run once every document has finished its per-document stages."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Stage:
    name: str
    version: int
    per_document: bool


PIPELINE: tuple[Stage, ...] = (
    Stage("ingest", 1, per_document=True),
    Stage("extract", 1, per_document=True),
    Stage("analyse", 1, per_document=False),
    Stage("render", 1, per_document=False),
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
