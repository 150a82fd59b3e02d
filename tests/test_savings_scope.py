"""Whose savings the children's figures hold: a children's directorate's total says what part is
for adults (its 18-25 services), and a council's savings of no directorate yet ("TBC") are the
council's, a question for the S151 officer, never children's savings at risk."""

from __future__ import annotations

import pytest

from analyse.records import Scope
from analyse.review import build_review
from extract.records import Extraction, PeriodAmount
from render import findings
from render.deck import savings_headline
from render.refs import Figures
from tests.review_builders import YEAR, saving

CYPE = "Children, Young People and Education"
LATER = "2025-26"


def plan() -> Extraction:
    unallocated = [
        PeriodAmount(period=YEAR, amount_gbp=0.0),
        PeriodAmount(period=LATER, amount_gbp=3_000_000.0),
    ]
    return Extraction(
        savings=[
            saving("Looked after children placements", 1_500_000.0, file="mtfp.pdf", directorate=CYPE),
            saving("Home to school transport", 400_000.0, file="mtfp.pdf", directorate=CYPE),
            saving("Young adults' supported living", 250_000.0, file="mtfp.pdf", directorate=CYPE),
            saving("Adult Social Care (aged 18-25) charging", 50_000.0, file="mtfp.pdf", directorate=CYPE),
            saving("Waste contract", 900_000.0, file="mtfp.pdf", directorate="Growth and Environment"),
            saving(
                "Future savings under development",
                file="mtfp.pdf",
                planned=unallocated,
                directorate="TBC",
                service_area="TBC",
            ),
        ]
    )


@pytest.fixture(scope="module")
def review():
    return build_review(plan())


def test_the_directorate_total_stands_with_its_adults_part_named(review) -> None:
    s = review.savings_summary
    assert s.target_gbp == pytest.approx(2_200_000.0)  # the directorate's, as its lines add up
    assert s.adults_gbp == pytest.approx(300_000.0)
    assert s.children_target_gbp == pytest.approx(1_900_000.0)


def test_savings_of_no_directorate_yet_are_not_childrens_savings_at_risk(review) -> None:
    s = review.savings_summary
    assert s.council_unallocated_gbp == pytest.approx(3_000_000.0)
    assert [(y.period, y.amount_gbp) for y in s.council_unallocated_by_year] == [(LATER, 3_000_000.0)]
    assert not s.unidentified_gbp and not review.derived.unidentified_later_gbp
    assert not s.at_risk_count
    flags = [f for f in review.flags if f.subject == "Future savings under development"]
    assert [(f.code, f.scope) for f in flags] == [("council_savings_unallocated", Scope.COUNCIL_WIDE)]
    shown = {s.title for s in review.selection.savings}
    assert "Looked after children placements" in shown and "Future savings under development" not in shown
    (question,) = [q for q in review.lines_of_enquiry if "Future savings" in q.question]
    assert "children's services" in question.question and "at risk" not in question.stake
    assert "at risk" not in question.because


def test_the_pack_and_deck_say_both_in_words(review) -> None:
    figs = Figures(review)
    card = findings.savings_planned(review, figs)
    assert card is not None
    words = "".join(str(p) for p in card.parts)
    deck = "".join(str(p) for p in savings_headline(review, figs))
    for text in (words, deck):
        assert "of the £2.2m, £0.3m is for adults aged 18-25" in text and "£1.9m for children" in text
        # the years they fall in, and none in the savings' own year
        assert (
            "£3.0m of council-wide savings labelled \u201cFuture savings under development\u201d, not yet allocated"
            f" to a directorate (£3.0m in {LATER}; nil in {YEAR})" in text
        )
    assert "Later years hold a further" not in words


def test_a_sum_is_labelled_in_the_plans_words_only_where_every_line_in_it_carries_them() -> None:
    """Kent's council-wide £22.8m holds lines labelled "Future savings under development" and
    £1.15m whose service area is "Unallocated": the sum is not all "labelled" so."""
    spans = saving(
        "Spans and layers",
        file="mtfp.pdf",
        planned=[PeriodAmount(period=YEAR, amount_gbp=1_000_000.0)],
        directorate="Chief Executive's Department",
        service_area="Unallocated",
    )
    both = build_review(plan().model_copy(update={"savings": [*plan().savings, spans]}))
    s = both.savings_summary
    assert s.council_unallocated_gbp == pytest.approx(4_000_000.0)
    assert s.council_unallocated_labels == []
    words = "".join(str(p) for p in findings.savings_planned(both, Figures(both)).parts)
    assert "£4.0m of council-wide savings not yet allocated to a directorate" in words
    assert "labelled" not in words
