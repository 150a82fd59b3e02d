"""An amount that is not none is never written as none (Kent's adults' savings of £45k were shown
£0.0m): render.fmt chooses the unit or places that show it, and the deck's chart labels it so."""

from __future__ import annotations

import io

import pytest
from pptx import Presentation

from render import fmt
from render.deck import render_pptx
from render.refs import written
from tests.refs_check import deck_problems, own_label
from tests.render_samples import sample


@pytest.mark.parametrize(
    ("gbp", "shown"),
    [
        (45_000.0, "£45k"),
        (-30_000.0, "-£30k"),
        (400.0, "£400"),
        (49_999.0, "£50k"),
        (50_000.0, "£0.05m"),  # a half shows a second place (half_places)
        (1_250_000.0, "£1.25m"),
        (0.0, "£0.0m"),  # none is none
    ],
)
def test_money_in_millions_too_small_to_show_is_written_in_thousands(gbp: float, shown: str) -> None:
    assert fmt.money_m(gbp) == shown


def test_a_signed_amount_and_its_unit_follow_the_same_rule() -> None:
    assert fmt.signed_m(30_000.0) == "+£30k"
    assert written(45_000.0, "m") == ("£45k", "gbp_thousands")
    assert written(400.0, "m") == ("£400", "gbp")
    assert written(4_500_000.0, "m") == ("£4.5m", "gbp_m")


@pytest.mark.parametrize(
    ("gbp", "shown"), [(0.0037, "£0.004"), (0.1739, "£0.2"), (11_240.0, "£11,240"), (0.0, "£0")]
)
def test_pounds_under_half_a_pound_show_their_first_significant_place(gbp: float, shown: str) -> None:
    assert fmt.money(gbp) == shown


def test_the_decks_savings_chart_labels_adults_45k_as_45k() -> None:
    review, extraction = sample()
    planned = review.selection.planned
    adults = [800_000.0, 45_000.0, *planned.totals[2:]][: len(planned.totals)]
    chosen = review.selection.model_copy(
        update={"planned": planned.model_copy(update={"adults": adults}), "rag_groups": []}
    )
    review = review.model_copy(update={"selection": chosen})
    data = render_pptx(review, extraction)
    labels = [
        own_label(s, i)
        for slide in Presentation(io.BytesIO(data)).slides
        for shape in slide.shapes
        if shape.has_chart and "Savings planned" in shape.chart.chart_title.text_frame.text
        for s in shape.chart.plots[0].series
        for i in range(len(s.values))
    ]
    assert "£45k" in labels
    assert deck_problems(data, review.model_dump(mode="json"), extraction.model_dump(mode="json")) == []
