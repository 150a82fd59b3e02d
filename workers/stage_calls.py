"""The analyse and render stages as a worker calls them: from the stored JSON to what is stored.

The large records are parsed where they are used, in the process that runs the stage, instead of
being parsed by the worker's own process and pickled across to it; the benchmark table is loaded
once per process (load_benchmark_table keeps it). Every import is inside its function, so this
module is cheap to load."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from workers.pool import Named

if TYPE_CHECKING:
    from analyse.records import ReviewerFinding


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


def render_outputs(kinds: Sequence[str], review_json: str, extraction_json: str) -> list[bytes]:
    """The pack's outputs named by `kinds` ("pdf", "pptx", "xlsx"), rendered from the stored
    review and extraction, parsed once for all of them."""
    from analyse.records import Review
    from extract.records import Extraction

    review = Review.model_validate_json(review_json)
    extraction = Extraction.model_validate_json(extraction_json)
    return [RENDERERS[kind](review, extraction) for kind in kinds]


RENDERERS = {
    "pdf": Named("render.pack:render_pdf"),
    "pptx": Named("render.deck:render_pptx"),
    "xlsx": Named("render.data:render_xlsx"),
}
