"""A rating on a scale of words points the way its column says.

"High" is on track in a column of delivery confidence and the worst rating in a column of risk;
"Low" the reverse. The direction is read once, from the rating's own words or its column's heading
(`extract.tables.vocabulary.high_is_good`); where neither says, a High or Low is kept in words and
given no colour. A "BRAG" column is a RAG whose blue is delivered.
"""

from __future__ import annotations

import re
from typing import Any

import pytest
from domain_tables import document, table

from extract.domain.from_tables import records_from_tables
from extract.records import Rag
from extract.tables.vocabulary import high_is_good


def _tracker(heading: str, ratings: list[str]) -> list[Any]:
    rows = [
        ["Ref", "Proposal", "Value £000", heading, "Comments"],
        *[[f"P{i}", f"Proposal {i}", "100", rating, "see notes"] for i, rating in enumerate(ratings, 1)],
    ]
    return records_from_tables([table(rows, title="Savings proposals 2026/27")], document()).savings


@pytest.mark.parametrize(
    "heading", ["Delivery confidence", "Achievability", "Likelihood of full delivery", "Deliverability"]
)
def test_in_a_column_of_confidence_high_is_on_track_and_low_is_red(heading: str) -> None:
    savings = _tracker(heading, ["High", "Medium", "Low"])
    assert [s.rag for s in savings] == [Rag.GREEN, Rag.AMBER, Rag.RED]
    assert [s.rag_text for s in savings] == ["High", "Medium", "Low"]
    assert [s.at_risk for s in savings] == [False, True, True]


@pytest.mark.parametrize("heading", ["Risk", "Delivery risk", "Deliverability risk"])
def test_in_a_column_of_risk_high_is_red_and_low_is_green(heading: str) -> None:
    savings = _tracker(heading, ["High", "Medium", "Low"])
    assert [s.rag for s in savings] == [Rag.RED, Rag.AMBER, Rag.GREEN]


def test_a_ratings_own_words_say_its_direction_before_the_heading() -> None:
    savings = _tracker("Status", ["High confidence", "Low confidence", "High risk"])
    assert [s.rag for s in savings] == [Rag.GREEN, Rag.RED, Rag.RED]


def test_high_or_low_under_a_heading_that_does_not_say_which_way_is_not_coloured() -> None:
    savings = _tracker("Status", ["High", "Low", "Medium", "Amber"])
    # kept as the tracker words them, coloured only where the colour does not hang on the direction
    assert [s.rag_text for s in savings] == ["High", "Low", "Medium", "Amber"]
    assert [s.rag for s in savings] == [None, None, Rag.AMBER, Rag.AMBER]
    assert [s.at_risk for s in savings] == [False, False, True, True]


def test_which_way_a_scale_points_is_read_from_the_first_words_that_say() -> None:
    assert high_is_good("Confidence of delivery") is True
    assert high_is_good("Chance of achieving the saving") is True
    assert high_is_good("Risk to delivery") is False
    assert high_is_good("High", "Delivery confidence") is True
    assert high_is_good("Low risk", "Delivery confidence") is False
    assert high_is_good("High", "RAG") is None
    assert high_is_good("Likelihood") is None  # of what, it does not say


def test_a_brag_column_gives_each_saving_its_rating_not_its_comment() -> None:
    rows = [
        ["Ref", "Proposal", "Value £000", "Forecast £000", "BRAG", "Comments"],
        ["P1", "Libraries", "200", "200", "Blue", "Done in April."],
        ["P2", "Transport", "300", "100", "Red", "On track for next year."],
        ["P3", "Fostering", "150", "150", "Green", ""],
    ]
    found = records_from_tables([table(rows, title="Savings 2025/26")], document()).savings
    assert [(s.rag, s.rag_text) for s in found] == [
        (Rag.BLUE, "Blue"),
        (Rag.RED, "Red"),
        (Rag.GREEN, "Green"),
    ]
    assert found[1].status_text == "On track for next year."


def test_marlowes_delivery_confidence_puts_low_and_undeliverable_at_risk_and_high_not(
    marlowe: tuple[Any, Any],
) -> None:
    review, extraction = marlowe
    cype = {s.ref: s for s in extraction.savings if s.ref and s.ref.startswith("CYPE")}
    by_rating = {s.rag_text: s.rag for s in cype.values()}
    assert by_rating == {"High": Rag.GREEN, "Medium": Rag.AMBER, "Low": Rag.RED, "Undeliverable": Rag.RED}
    assert not any(s.at_risk for s in cype.values() if s.rag_text == "High")
    red = sum(s.target_gbp for s in cype.values() if s.rag is Rag.RED)
    assert red == pytest.approx(3_050_000)  # Low 1,850 + Undeliverable 1,200 (£000)
    # Medium counts as amber, whole target with no forecast: 3,050 + 2,400 + 900
    assert review.savings_summary.at_risk_gbp == pytest.approx(6_350_000)
    flagged = {f.subject for f in review.flags}
    assert not any(s.title in flagged for s in cype.values() if s.rag_text == "High")
    from render.findings import savings_at_risk
    from render.refs import Figures

    card = savings_at_risk(review, Figures(review, extraction))
    said = "".join(str(p) for p in card.detail) if card else ""
    assert "£1.85m on 1 rated Low; £1.20m on 1 rated Undeliverable; £3.30m on 2 rated Medium" in said


def test_fernleighs_tracker_savings_carry_their_brag_rating(fernleigh: tuple[Any, Any]) -> None:
    review, extraction = fernleigh
    tracked = [s for s in extraction.savings if s.ref and re.fullmatch(r"[A-Z]{2}-2\d-\d\d", s.ref)]
    assert len(tracked) == 18
    assert all(s.rag_text in {"Blue", "Green", "Amber", "Red"} for s in tracked)
    assert {s.ref: s.rag for s in tracked}["CF-25-04"] is Rag.BLUE
    assert review.savings_summary.at_risk_gbp == pytest.approx(2_280_000)


def _card_for(lines: list[Any]) -> str:
    from analyse.flags import Context, assess_savings
    from analyse.summary import savings_summary
    from render.findings import savings_at_risk
    from render.refs import Figures
    from tests.render_samples import sample
    from tests.review_builders import YEAR, no_lines

    s = savings_summary(assess_savings(lines, Context(YEAR, [], [])), YEAR, [], [], no_lines())
    review, _ = sample()
    review = review.model_copy(update={"savings_summary": s})
    card = savings_at_risk(review, Figures(review))
    assert card is not None
    return "".join(str(p) for p in card.detail)


def test_the_savings_card_gives_the_money_at_risk_by_rating_where_the_plan_rates_in_words() -> None:
    from tests.review_builders import YEAR, saving

    def rated(title: str, amount: float, rag: Rag, words: str) -> Any:
        return saving(title, amount, rag=rag, rag_text=words, target_gbp=amount, period=YEAR)

    said = _card_for(
        [
            rated("Edge of care", 700_000.0, Rag.RED, "Low"),
            rated("Transport routes", 500_000.0, Rag.RED, "Not achievable"),
            rated("Fostering", 400_000.0, Rag.AMBER, "Medium"),
            rated("Libraries", 300_000.0, Rag.GREEN, "High"),
        ]
    )
    assert "£1.6m is at risk on 3 of 4 savings" in said
    assert (
        "Of those at risk, £0.70m on 1 rated Low; £0.50m on 1 rated Not achievable; £0.40m on 1 rated Medium."
        in said
    )


def test_the_savings_card_says_no_ratings_where_they_are_the_colours_alone() -> None:
    from tests.review_builders import YEAR, saving

    lines = [
        saving("Edge of care", 700_000.0, rag=Rag.RED, rag_text="Red", target_gbp=700_000.0, period=YEAR),
        saving("Fostering", 400_000.0, rag=Rag.AMBER, rag_text="A", target_gbp=400_000.0, period=YEAR),
    ]
    assert "Of those at risk" not in _card_for(lines)
