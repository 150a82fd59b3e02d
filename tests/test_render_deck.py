"""The feedback deck: opens, has its slides, native charts and tables, sources in the notes."""

from __future__ import annotations

import io
import shutil
import subprocess
from functools import cache
from pathlib import Path
from typing import Any

from pptx import Presentation
from pptx.presentation import Presentation as PresentationType

from render.deck import render_pptx
from render.pack import pack_html
from tests.conftest import need
from tests.refs_check import deck_text, deck_unresolved, not_in_pack
from tests.render_samples import empty_sample, sample

TITLES = [
    "Headline findings",
    "Budget position",
    "DSG and High Needs",
    "Savings at risk",
    "How the council compares",
    "What better ways of working might be worth",
    "Lines of enquiry",
    "Next steps",
]


@cache
def deck_bytes(which: str) -> bytes:
    review, extraction = {"sample": sample, "empty": empty_sample}[which]()
    return render_pptx(review, extraction)


def open_deck(which: str) -> PresentationType:
    return Presentation(io.BytesIO(deck_bytes(which)))


def test_the_deck_opens_with_a_title_and_the_feedback_slides_in_order() -> None:
    deck = open_deck("sample")
    titles = [next(s.text_frame.text for s in slide.shapes if s.has_text_frame) for slide in deck.slides]
    assert titles[0] == "Northmoor County Council"
    assert [t for t in titles if t in TITLES] == TITLES


def test_charts_are_native_with_their_data_inside() -> None:
    deck = open_deck("sample")
    charts = [shape.chart for slide in deck.slides for shape in slide.shapes if shape.has_chart]
    assert len(charts) >= 4
    budget = charts[0]
    assert list(budget.plots[0].categories)[0] == "Looked after children placements"
    assert list(budget.plots[0].series[0].values)[0] == 10.9  # £m, the placements variance
    for c in charts:
        assert c.part.chart_workbook.xlsx_part is not None  # the embedded workbook that makes it editable


def test_tables_are_real_tables() -> None:
    deck = open_deck("sample")
    tables = [shape.table for slide in deck.slides for shape in slide.shapes if shape.has_table]
    assert len(tables) >= 4
    header = [c.text for c in tables[0].rows[0].cells]
    assert header == ["Service line", "Budget £000", "Forecast £000", "Variance £000"]


def test_speaker_notes_name_the_file_and_page_of_each_figure() -> None:
    deck = open_deck("sample")
    budget = next(
        s
        for s in deck.slides
        if any(sh.has_text_frame and sh.text_frame.text == "Budget position" for sh in s.shapes)
    )
    notes = budget.notes_slide.notes_text_frame.text
    assert "CYP budget monitoring Q2 2024-25.pdf, p. 6, table 2, row 2" in notes


def test_every_money_figure_in_the_deck_is_one_the_pack_traces_to_a_record() -> None:
    review, extraction = sample()
    text = deck_text(deck_bytes("sample"))
    assert not_in_pack(text, pack_html(review, extraction)) == []
    assert not_in_pack(text + "\nForecast £12.3m", pack_html(review, extraction)) == ["£12.3m"]


def test_every_ref_a_deck_shape_names_resolves_to_one_value() -> None:
    review, extraction = sample()
    docs = review.model_dump(mode="json"), extraction.model_dump(mode="json")
    data = deck_bytes("sample")
    assert deck_unresolved(data, *docs) == []
    docs[1]["budget_lines"] = docs[1]["budget_lines"][:1]  # the records the deck cites are gone
    assert deck_unresolved(data, *docs)


def test_an_empty_review_gives_a_deck_that_says_what_is_missing() -> None:
    review, extraction = empty_sample()
    text = deck_text(deck_bytes("empty"))
    assert "No savings plan or tracker lines were found." in text
    assert "Ask for readable copies of:" in text
    assert not_in_pack(text, pack_html(review, extraction)) == []


def test_libreoffice_converts_the_deck(tmp_path: Path) -> None:
    soffice = shutil.which("soffice")
    # A second reader's check; scripts/system-deps.sh installs it, so CI fails without it.
    need(soffice is not None, "LibreOffice (apt libreoffice-impress) is not installed")
    assert soffice is not None
    deck = tmp_path / "deck.pptx"
    deck.write_bytes(deck_bytes("sample"))
    subprocess.run(
        [str(soffice), "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path), str(deck)],
        check=True,
        capture_output=True,
        timeout=180,
    )
    pdf: Any = (tmp_path / "deck.pdf").read_bytes()
    assert pdf.startswith(b"%PDF-")
