"""Whether a plan's yearly gaps are incremental or cumulative, its total over the plan, and the
savings a year's plan counts that it has not yet identified (analyse.gap_basis, analyse.gap_savings).

The built tables follow the example council's MTFP (Table 3: "Budget gap – savings still to be
found | - | 14,880 | 7,500" and "Cumulative budget gap | - | 14,880 | 22,380") and Kent's appendix D
(the net budget moves each year by the net change and the year's whole unresolved balance)."""

from __future__ import annotations

import pytest

from analyse.records import Review
from analyse.review import build_review
from extract.records import Extraction, PeriodAmount, PlanLine, SavingsLine
from render import findings
from render.refs import Figures
from tests.review_builders import prov

YEARS = ["2025-26", "2026-27", "2027-28"]


def row(title: str, amounts: list[float | None], category: str, at: str) -> PlanLine:
    return PlanLine(
        title=title,
        category=category,
        planned=[
            PeriodAmount(period=y, amount_gbp=a) for y, a in zip(YEARS, amounts, strict=True) if a is not None
        ],
        provenance=[prov(title, "mtfp.pdf", at)],
    )


def gap(amounts: list[float | None], at: str = "Table 3, row 6") -> PlanLine:
    return row("Budget gap – savings still to be found", amounts, "mtfp_gap", at)


def cumulative(amounts: list[float | None]) -> PlanLine:
    return row("Cumulative budget gap", amounts, "mtfp_gap", "Table 3, row 7")


def review_of(**records: list[PlanLine] | list[SavingsLine]) -> Review:
    return build_review(Extraction(**records))  # type: ignore[arg-type]


def finding_of(review: Review) -> str:
    found = findings.mtfp_gap(review, Figures(review))
    assert found is not None
    return found.detail


def test_yearly_gaps_whose_running_sum_is_the_cumulative_row_are_incremental_and_total_the_documents() -> (
    None
):
    review = review_of(mtfp_gaps=[gap([0.0, 14.88e6, 7.5e6]), cumulative([0.0, 14.88e6, 22.38e6])])
    assert [g.basis for g in review.position.mtfp_gap] == ["incremental"] * 3
    total = review.position.mtfp_gap_total
    assert total is not None and total.stated and total.amount_gbp == pytest.approx(22.38e6)
    assert (total.first, total.last, total.label) == ("2025-26", "2027-28", "Cumulative budget gap")
    assert total.provenance[0].locator == "Table 3, row 7"
    # in the card's lead, after each year's gap, so a card cut to fit keeps it
    assert finding_of(review).startswith(
        "The MTFP states a council-wide gap of £22.4m over 2025-26 to 2027-28 (its own cumulative gap): "
        "no gap in 2025-26; £14.9m in 2026-27; £7.5m in 2027-28."
    )


def test_a_cumulative_row_that_is_not_the_running_sum_decides_nothing() -> None:
    review = review_of(mtfp_gaps=[gap([0.0, 14.88e6, 7.5e6]), cumulative([0.0, 14.88e6, 22.0e6])])
    assert [g.basis for g in review.position.mtfp_gap] == [None] * 3
    assert review.position.mtfp_gap_total is None
    assert "adding up to" not in finding_of(review) and "own cumulative gap" not in finding_of(review)


def test_gaps_printed_only_as_cumulative_are_never_added_together() -> None:
    review = review_of(mtfp_gaps=[cumulative([None, 14.88e6, 22.38e6])])
    assert [(g.period, g.basis) for g in review.position.mtfp_gap] == [
        ("2026-27", "cumulative"),
        ("2027-28", "cumulative"),
    ]
    total = review.position.mtfp_gap_total
    assert total is not None and total.stated and total.amount_gbp == pytest.approx(22.38e6)


def kent_like(net_budget_2027_28: float) -> Review:
    """Kent's appendix D, page 2, in £: the unresolved balances (negative, as its savings are) and
    the net change and net budget rows the chain is read from."""
    savings = row("TOTAL SAVINGS & INCOME", [-61.5761e6, -31.3387e6, -31.7931e6], "mtfp_total", "row 20")
    balances = [
        row("UNRESOLVED BALANCE / SURPLUS", [None, -3_108_000.0, 2_819_900.0], "mtfp_gap", "table 1, row 12"),
        row(
            "ADULT SOCIAL CARE FUNDING UNRESOLVED BALANCE",
            [None, -17e6, -18.4e6],
            "mtfp_gap",
            "table 1, row 13",
        ),
    ]
    change = row("NET CHANGE", [100_152_700.0, 94_352_600.0, 91_232_000.0], "mtfp_total", "table 1, row 11")
    budget = row("NET BUDGET", [1_529_659_500.0, 1_603_904_100.0, net_budget_2027_28], "mtfp_total", "row 14")
    return review_of(mtfp_gaps=balances, mtfp_totals=[savings, change, budget])


def test_a_net_budget_that_takes_in_each_years_whole_gap_makes_the_gaps_incremental_and_summed() -> None:
    review = kent_like(1_679_556_000.0)  # 1,603,904.1 + 91,232.0 - 2,819.9... less the year's 15,580.1
    assert [g.basis for g in review.position.mtfp_gap] == ["incremental", "incremental"]
    total = review.position.mtfp_gap_total
    assert total is not None and not total.stated and total.amount_gbp == pytest.approx(35_688_100.0)
    said = finding_of(review)
    assert said.startswith(
        "The MTFP states council-wide gaps adding up to £35.7m over 2026-27 to 2027-28 (derived): "
    )
    assert (
        "Each year's gap is new that year (the next year's budget assumes it closed), so the years' gaps"
        in said
    )


def test_a_net_budget_that_takes_in_only_the_change_in_the_gap_makes_the_gaps_cumulative() -> None:
    # 2027-28's gap (15,580.1) less 2026-27's (20,108.0) is -4,527.9: the budget moves by that.
    review = kent_like(1_603_904_100.0 + 91_232_000.0 + 4_527_900.0)
    assert [g.basis for g in review.position.mtfp_gap] == ["cumulative", "cumulative"]
    total = review.position.mtfp_gap_total
    assert total is not None and total.stated and total.amount_gbp == pytest.approx(15_580_100.0)


def test_a_net_budget_that_fits_neither_reading_decides_nothing() -> None:
    review = kent_like(1_679_556_000.0 + 1_000_000.0)
    assert [g.basis for g in review.position.mtfp_gap] == [None, None]
    assert review.position.mtfp_gap_total is None


def under_development(description: str, amounts: list[float], file: str = "appendixF.pdf") -> SavingsLine:
    return SavingsLine(
        title="Future savings under development",
        description=description,
        directorate="TBC",
        planned=[PeriodAmount(period=y, amount_gbp=a) for y, a in zip(YEARS, amounts, strict=True)],
        provenance=[prov(description, file, "page 18, table 1, row 9")],
    )


def test_a_year_with_a_gap_says_how_much_of_its_plan_is_savings_not_yet_identified() -> None:
    savings = [
        under_development("Review size & scope of services", [0.0, 900_000.0, 2_288_000.0]),
        under_development("Policy objectives yet to be determined", [0.0, 2_685_100.0, 0.0]),
        SavingsLine(
            title="Waste - Dunbrik",
            planned=[PeriodAmount(period="2026-27", amount_gbp=395_000.0)],
            provenance=[prov("Waste - Dunbrik", "appendixF.pdf")],
        ),
    ]
    review = review_of(mtfp_gaps=[gap([0.0, 14.88e6, 7.5e6])], savings=savings)
    years = {g.period: g.unidentified for g in review.position.mtfp_gap}
    assert years["2025-26"] is None
    found = years["2026-27"]
    assert found is not None and found.amount_gbp == pytest.approx(3_585_100.0) and not found.balances
    assert len(found.provenance) == 2
    stated, read = finding_of(review).split("as the pack reads them (not the MTFP's words): ")
    assert "£14.9m in 2026-27;" in stated and "not yet identified" not in stated
    assert read.startswith("savings labelled “Future savings under development”: £3.6m in 2026-27")
    assert "The total still to find is £18.5m in 2026-27 (derived: the gap £14.9m plus those £3.6m)" in read
    # the sum of the two stated figures, each cited; none where a year counts none (2025-26) or
    # balances on them
    to_find = {g.period: g.to_find_gbp for g in review.position.mtfp_gap}
    assert to_find == {
        "2025-26": None,
        "2026-27": pytest.approx(14.88e6 + 3_585_100.0),
        "2027-28": pytest.approx(7.5e6 + 2_288_000.0),
    }


def test_a_balanced_year_says_it_balances_only_by_counting_savings_not_yet_identified_once() -> None:
    # The example council's CYPE-07, in its savings plan and again in its MTFP: one saving of £1.5m.
    savings = [
        SavingsLine(
            title="Savings still to be identified – CYPE",
            ref="CYPE-07",
            planned=[PeriodAmount(period="2025-26", amount_gbp=1.5e6)],
            provenance=[prov("CYPE-07", file)],
        )
        for file in ("savings plan 2025-28.docx", "Wyvern MTFP 2025-28.pdf")
    ]
    review = review_of(mtfp_gaps=[gap([0.0, 14.88e6, 7.5e6])], savings=savings)
    found = review.position.mtfp_gap[0].unidentified
    assert found is not None and found.amount_gbp == pytest.approx(1.5e6) and found.balances
    assert len(found.provenance) == 2
    said = finding_of(review)
    assert "The MTFP states no gap in 2025-26; a gap of £14.9m" in said
    assert "as the pack reads them (not the MTFP's words): 2025-26 balances only by counting £1.5m" in said
