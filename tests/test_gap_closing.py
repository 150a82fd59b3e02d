"""What a medium-term plan says of closing a year's gap: the savings it says are identified against
it and the gap it says remains, and whether the gap less the one is the other
(analyse.gap_savings.with_identified), on the gap's card (render.findings.mtfp_gap)."""

from __future__ import annotations

from typing import Any

from analyse.records import Review
from analyse.review import build_review
from analyse.stated import figure_flags
from extract.prose import figures_from_passages
from extract.records import Extraction, Passage, PeriodAmount, PlanLine
from render import findings
from render.refs import Figures
from tests.review_builders import no_lines, prov

FILE = "budget_strategy.pdf"


def gap_row(amounts: dict[str, float], file: str = FILE) -> PlanLine:
    return PlanLine(
        title="Budget shortfall before savings",
        category="mtfp_gap",
        planned=[PeriodAmount(period=y, amount_gbp=a) for y, a in amounts.items()],
        provenance=[prov("Budget gap", file, "p. 4, table 2, row 9")],
    )


def review_of(gaps: dict[str, float], *sentences: str, file: str = FILE) -> Review:
    passages = [
        Passage(text=t, provenance=[prov(t, file, f"p. 5, paragraph {i}")]) for i, t in enumerate(sentences)
    ]
    extraction = Extraction(mtfp_gaps=[gap_row(gaps)], figures=figures_from_passages(passages))
    return build_review(extraction)


def card(review: Review) -> str:
    found = findings.mtfp_gap(review, Figures(review))
    assert found is not None
    return "".join(str(p) for p in found.said)


YEARS = {"2026-27": 21.4e6, "2027-28": 8.0e6}


def test_savings_agreed_and_the_shortfall_left_are_read_and_their_arithmetic_holds() -> None:
    review = review_of(
        YEARS,
        "For 2026/27 the Council has agreed savings of £15.1m towards the budget shortfall.",
        "This leaves an outstanding shortfall of £6.3m in 2026/27 still to be closed.",
    )
    year: Any = review.position.mtfp_gap[0]
    assert year.identified.amount_gbp == 15.1e6 and year.remaining.amount_gbp == 6.3e6
    assert year.remaining_holds is True
    assert year.identified.provenance[0].locator == "p. 5, paragraph 0"
    said = card(review)
    assert "£15.1m of savings identified against 2026-27's gap and £6.3m remaining" in said
    assert "the arithmetic holds (£21.4m \u2212 £15.1m = £6.3m)" in said
    # the later year, with neither stated, has none
    assert review.position.mtfp_gap[1].identified is None


def test_a_remaining_gap_the_gap_less_the_savings_does_not_give_is_marked() -> None:
    review = review_of(
        YEARS,
        "Savings proposals of £15.1m in 2026/27 have been identified.",
        "A residual gap of £5.6m remains in 2026/27.",
    )
    year = review.position.mtfp_gap[0]
    assert year.remaining_holds is False and year.remaining_derived_gbp == 21.4e6 - 15.1e6
    assert "the arithmetic does not hold (£21.4m \u2212 £15.1m = £6.3m, not £5.6m): to be confirmed" in card(
        review
    )


def test_savings_not_yet_identified_another_documents_and_the_gap_restated_are_not_read() -> None:
    review = review_of(
        YEARS,
        "Savings of £15.1m in 2026/27 are yet to be identified.",  # not identified
        "The gap of £21.4m in 2026/27 remains the Council's greatest risk.",  # the gap itself
    )
    year = review.position.mtfp_gap[0]
    assert year.identified is None and year.remaining is None
    other = build_review(
        Extraction(
            mtfp_gaps=[gap_row(YEARS)],
            figures=figures_from_passages(
                [
                    Passage(text=t, provenance=[prov(t, "q2_monitoring.pdf", "p. 2")])
                    for t in ("Savings proposals of £15.1m in 2026/27 have been identified.",)
                ]
            ),
        )
    )
    assert other.position.mtfp_gap[0].identified is None


def test_northmoor_gap_card_shows_the_savings_identified_and_the_residual_gap(northmoor: Any) -> None:
    review, _ = northmoor
    year = next(g for g in review.position.mtfp_gap if g.period == "2026-27")
    assert (year.amount_gbp, year.identified.amount_gbp, year.remaining.amount_gbp) == (14.8e6, 9.2e6, 5.6e6)
    assert year.remaining_holds is True
    said = card(review)
    assert "£9.2m of savings identified against 2026-27's gap and £5.6m remaining" in said


def test_a_stated_gap_said_to_remain_is_what_remains_of_the_years_gap_not_a_second_gap() -> None:
    texts = [
        "A remaining funding gap of £3.2m in 2027/28 is still to be closed.",
        "The funding gap in 2027/28 is £8.0m.",
    ]
    passages = [Passage(text=t, provenance=[prov(t, FILE, "p. 6")]) for t in texts]
    (flag,) = figure_flags(figures_from_passages(passages), no_lines())
    assert flag.subject == "A budget gap of £8.0m (2027-28)"
    assert 'What remains after savings: "A remaining funding gap of £3.2m' in flag.message
    assert [p.text for p in flag.provenance] == [texts[1], texts[0]]


def test_northmoor_residual_gap_is_flagged_as_the_gap_remaining(northmoor: Any) -> None:
    review, _ = northmoor
    assert "A budget gap remaining of £5.6m (2026-27)" in [f.subject for f in review.flags]
