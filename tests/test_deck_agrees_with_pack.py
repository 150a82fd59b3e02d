"""The deck says what the pack says (independent readers, ex-S151 officers, checked both against
the documents for Northmoor and Hallam Valley): it names national benchmark data only where the
review matched any; its DSG figures carry the marks the pack's DSG section gives them, from the same
record field; a card keeps its caveats however short the slide cuts it; and a row its table's
arithmetic contradicts is marked wherever the deck shows it."""

from __future__ import annotations

import io
from typing import Any

from pptx import Presentation

from render.deck import render_pptx
from tests.render_samples import sample


def _slides(review: Any, extraction: Any) -> list[str]:
    """Each slide's visible text (text boxes and table cells), joined."""
    out = []
    for slide in Presentation(io.BytesIO(render_pptx(review, extraction))).slides:
        texts = []
        for shape in slide.shapes:
            if shape.has_text_frame:
                texts.append(shape.text_frame.text)
            elif shape.has_table:
                texts += [cell.text for row in shape.table.rows for cell in row.cells]
        out.append("\n".join(" ".join(t.split()) for t in texts))
    return out


def test_the_title_slide_names_benchmark_data_only_where_the_review_matched_any(
    northmoor: tuple[Any, Any],
) -> None:
    review, extraction = northmoor
    assert not review.benchmarks  # a fictional council: not in the national tables
    assert "benchmark" not in _slides(review, extraction)[0]
    review, extraction = sample()
    assert review.benchmarks
    assert "and national benchmark data." in _slides(review, extraction)[0]
