"""The render stage's calls: which process makes which output, and the JSON laid out for people."""

from __future__ import annotations

from workers.pipeline import OUTPUTS
from workers.stage_calls import RENDER_SHARES, render_outputs


def test_every_output_is_made_by_exactly_one_share_of_the_render() -> None:
    made = [name for share in RENDER_SHARES for name in share]
    assert sorted(made) == sorted(OUTPUTS)


def test_the_json_outputs_are_the_stored_json_laid_out_without_reading_the_records() -> None:
    # Neither is a Review or an Extraction: a share asking for the JSON alone parses no records.
    review, extraction = '{"b": "é"}', '{"a": [1]}'
    laid_out = render_outputs(["extraction.json", "review.json"], review, extraction)
    assert laid_out == [b'{\n  "a": [\n    1\n  ]\n}', '{\n  "b": "é"\n}'.encode()]
