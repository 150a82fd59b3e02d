"""The analyse and render stages as a worker calls them: from the stored JSON to what is stored.

The large records are parsed where they are used, in the process that runs the stage, instead of
being parsed by the worker's own process and pickled across to it; the benchmark table is loaded
once per process (load_benchmark_table keeps it). Every import is inside its function, so this
module is cheap to load."""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from workers.pool import Named

if TYPE_CHECKING:
    from analyse.records import Review, ReviewerFinding
    from extract.records import Extraction


def review_json(
    extraction_json: str,
    benchmarks_path: Path | None,
    council_override: str | None,
    reviewers: Sequence[ReviewerFinding],
) -> str:
    """analyse.review.build_review of the stored extraction, as JSON."""
    from analyse.benchmarks import load_benchmark_table
    from analyse.review import build_review
    from extract.records import Extraction

    extraction = Extraction.model_validate_json(extraction_json)
    table = load_benchmark_table(benchmarks_path)
    return build_review(extraction, table, council_override, reviewers).model_dump_json()


def render_outputs(names: Sequence[str], review_json: str, extraction_json: str) -> list[bytes]:
    """The outputs named (workers.pipeline.OUTPUTS' names): the pack, deck and workbook rendered
    from the stored review and extraction, parsed once for all of them (and only where one is
    asked for), or the stored JSON laid out for people, not parsed into records."""
    stored = {"review.json": review_json, "extraction.json": extraction_json}
    records: tuple[Review, Extraction] | None = None
    out = []
    for name in names:
        if name in stored:
            out.append(contract_json(json.loads(stored[name])))
            continue
        if records is None:
            records = _records(review_json, extraction_json)
        out.append(RENDERERS[name](*records))
    return out


def _records(review_json: str, extraction_json: str) -> tuple[Review, Extraction]:
    from analyse.records import Review
    from extract.records import Extraction

    return Review.model_validate_json(review_json), Extraction.model_validate_json(extraction_json)


def contract_json(data: object) -> bytes:
    return json.dumps(data, indent=2, ensure_ascii=False).encode("utf-8")


RENDERERS = {
    "pack.pdf": Named("render.pack:render_pdf"),
    "pack.pptx": Named("render.deck:render_pptx"),
    "data.xlsx": Named("render.data:render_xlsx"),
}
# How a pack's outputs are shared between the processes: the pack on one, everything else (the
# deck, the workbook and the JSON laid out, seconds less work than the pack) on another.
RENDER_SHARES = (("pack.pdf",), ("pack.pptx", "data.xlsx", "extraction.json", "review.json"))
