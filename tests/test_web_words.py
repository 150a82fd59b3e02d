"""Reviewers read plain words on the web pages: a figure's unit as "£", the stages as what they do,
every output with a label a reader knows, the JSON files for analysts."""

from __future__ import annotations

from extract.records import FigureUnit
from workers.pipeline import OUTPUTS
from workers.web.pages import cell
from workers.web.status import OUTPUT_LABELS, STAGE_WORDS


def test_a_figures_unit_is_shown_as_a_reader_says_it() -> None:
    assert cell("gbp", "unit") == "£" and cell("percent", "unit") == "%"
    assert all(cell(u.value, "unit") != u.value for u in FigureUnit)
    assert cell("gbp", "title") == "gbp"  # only the unit column


def test_every_output_has_a_plain_label_and_the_json_files_are_for_analysts() -> None:
    assert set(OUTPUT_LABELS) == set(OUTPUTS)
    assert all("json" not in label.split()[0].lower() for label, _ in OUTPUT_LABELS.values())
    assert {n for n, (_, who) in OUTPUT_LABELS.items() if who == "analysts"} == {
        n for n in OUTPUTS if n.endswith(".json")
    }


def test_every_stage_is_named_by_what_it_does() -> None:
    assert STAGE_WORDS == {
        "ingest": "Reading",
        "extract": "Finding figures",
        "analyse": "Reviewing",
        "render": "Making the pack",
    }
