"""The renderers on real reviews: the example bundle and Kent's papers run through ingest,
extract and analyse."""

from __future__ import annotations

import io
import json
import re
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
from openpyxl import load_workbook

from analyse.records import Review
from extract.records import Extraction
from render.data import render_xlsx
from render.deck import render_pptx
from render.pack import pack_html, render_pdf, stylesheet
from tests.pipeline_helpers import run_bundle_embedded
from tests.refs_check import (
    deck_problems,
    deck_text,
    past_the_margins,
    pdf_mismatches,
    pdf_text,
    problems,
    traced,
    workbook_problems,
)

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module", params=["example_bundle", "kent_dir"])
def outputs(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> tuple[dict[str, Any], dict[str, Any]]:
    bundle: Path = request.getfixturevalue(request.param)
    _, _, out = run_bundle_embedded([bundle], tmp_path_factory.mktemp(f"render-{request.param}"))
    return json.loads((out / "review.json").read_text()), json.loads((out / "extraction.json").read_text())


def records(outputs: tuple[dict[str, Any], dict[str, Any]]) -> tuple[Review, Extraction]:
    return Review.model_validate(outputs[0]), Extraction.model_validate(outputs[1])


def test_every_figure_the_pack_prints_is_traced_to_its_record(
    outputs: tuple[dict[str, Any], dict[str, Any]],
) -> None:
    html = pack_html(*records(outputs))
    text = pdf_text(render_pdf(*records(outputs)))
    assert "Savings and delivery" in text and "£" in text and len(traced(html)) > 100
    assert problems(html, *outputs) == []
    assert pdf_mismatches(text, html) == []


def test_no_text_or_table_of_the_pack_runs_past_the_pages_margins(
    outputs: tuple[dict[str, Any], dict[str, Any]],
) -> None:
    # Kent's plan-share table ran off the paper, its Source column cut off (third reading, p.17)
    assert past_the_margins(render_pdf(*records(outputs)), stylesheet()) == []


def test_every_deck_figure_is_traced_to_its_record_at_the_precision_printed(
    outputs: tuple[dict[str, Any], dict[str, Any]],
) -> None:
    found = deck_problems(render_pptx(*records(outputs)), *outputs)
    assert found == [], "\n".join(found)


def test_the_workbook_has_a_row_per_saving(outputs: tuple[dict[str, Any], dict[str, Any]]) -> None:
    review, extraction = records(outputs)
    data = render_xlsx(review, extraction)
    book = load_workbook(io.BytesIO(data))
    assert book["Savings"].max_row == len(extraction.savings) + 1 > 1
    assert workbook_problems(data, *outputs) == []


SNAKE_CASE = re.compile(r"\b[A-Za-z][A-Za-z0-9]*(?:_[A-Za-z0-9]+)+\b")


def readers_text(text: str, review: Review) -> str:
    """What a reader reads as the pack's own words: the text less the sources appendix and the
    speaker notes' source lines (they cite files, dataset measures and cells as the sources name
    them), and less the council's own file names (lines re-joined where a name wraps)."""
    appendix = re.search(r"Appendix: sources(?!\s*\.)", text)  # not the contents page's entry
    body = text[: appendix.start()] if appendix else text
    body = "\n".join(line for line in body.splitlines() if not re.match(r"\s*\[S\d+\]", line))
    joined = re.sub(r"\r?\n", "", body)
    for doc in review.documents:
        joined = joined.replace(doc.file, " ")
    return joined


def test_no_internal_name_reaches_the_pack_or_the_deck(
    outputs: tuple[dict[str, Any], dict[str, Any]],
) -> None:
    """The council's own file names are left out of the scan (Kent's have underscores)."""
    review, extraction = records(outputs)
    pack = readers_text(pdf_text(render_pdf(review, extraction)), review)
    deck = readers_text(deck_text(render_pptx(review, extraction)), review)
    assert internal_names(pack, review) == []
    assert internal_names(deck, review) == []


def internal_names(text: str, review: Review) -> list[str]:
    """snake_case words that are not pieces of the council's own file names (which wrap inside
    table cells, so a piece may be run into a neighbouring cell's word)."""
    files = [doc.file for doc in review.documents]

    def from_a_file(name: str) -> bool:
        parts = name.split("_")
        return any("_".join(parts[1:]) in f or "_".join(parts[:-1]) in f for f in files)

    return [name for name in SNAKE_CASE.findall(text) if not from_a_file(name)]


def test_the_internal_name_scan_catches_a_parameter_name_but_not_a_wrapped_file_name() -> None:
    review = SimpleNamespace(
        documents=[SimpleNamespace(file="kent_cabinet_appendixE_budget_by_directorate.pdf")]
    )
    text = "Read E_budget_by_directorate.pdf cabinet_appendixE; Target in house share current_ifa_share 0.8"
    assert internal_names(text, review) == ["current_ifa_share"]  # type: ignore[arg-type]


def test_stand_in_benchmarks_are_said_to_be_another_councils_wherever_they_are_shown(
    outputs: tuple[dict[str, Any], dict[str, Any]],
) -> None:
    review, extraction = records(outputs)
    text = re.sub(r"\s+", " ", pdf_text(render_pdf(review, extraction)))
    other = review.council.benchmarked_as
    deck = re.sub(r"\s+", " ", deck_text(render_pptx(review, extraction)))
    book = load_workbook(io.BytesIO(render_xlsx(review, extraction)))
    cells = " ".join(
        str(v) for s in book.worksheets for row in s.iter_rows(values_only=True) for v in row if v
    )
    if other:  # the example: fictional, benchmarked as West Sussex by the user
        said = f"These are {other}'s national figures, standing in for this council."
        assert "Stand-in figures." in text and said in text
        assert said in deck and said in cells
    else:  # Kent: its own figures
        assert "Stand-in figures." not in text and "standing in for this council" not in text
        assert "standing in for this council" not in deck + cells
