"""The medium-term gap's sign: positive is a gap, whatever sign convention the plan writes."""

from __future__ import annotations

import pytest

from analyse.position import mtfp_gap
from extract.records import Extraction, PeriodAmount, PlanLine, Provenance

PROV = Provenance(file="mtfp.pdf", sha256="ab" * 32, page=2, bbox=None, locator="row 12", text="row")


def plan(title: str, category: str, amounts: dict[str, float], file: str = "mtfp.pdf") -> PlanLine:
    planned = [PeriodAmount(period=p, amount_gbp=a) for p, a in amounts.items()]
    return PlanLine(
        title=title, category=category, planned=planned, provenance=[PROV.model_copy(update={"file": file})]
    )


SAVINGS_NEGATIVE = plan("TOTAL SAVINGS & INCOME", "mtfp_total", {"2025-26": -61.5e6, "2026-27": -31.3e6})


def test_an_unresolved_balance_in_a_plan_with_negative_savings_is_a_gap_when_negative() -> None:
    row = plan("UNRESOLVED BALANCE / SURPLUS", "mtfp_gap", {"2026-27": -3_108_000.0, "2027-28": 2_819_900.0})
    gaps = mtfp_gap(Extraction(mtfp_gaps=[row], mtfp_totals=[SAVINGS_NEGATIVE]))
    assert [(g.period, g.amount_gbp) for g in gaps] == [("2026-27", 3_108_000.0), ("2027-28", -2_819_900.0)]
    assert gaps[0].label == "UNRESOLVED BALANCE / SURPLUS"


def test_a_row_called_a_gap_keeps_its_sign() -> None:
    row = plan("Budget gap – savings still to be found", "mtfp_gap", {"2026-27": 14_880_000.0})
    gaps = mtfp_gap(Extraction(mtfp_gaps=[row], mtfp_totals=[SAVINGS_NEGATIVE]))
    assert gaps[0].amount_gbp == pytest.approx(14_880_000.0)


def test_savings_totals_of_another_document_do_not_decide_the_sign() -> None:
    row = plan("Unresolved balance", "mtfp_gap", {"2026-27": 2_000_000.0})
    other = SAVINGS_NEGATIVE.model_copy(
        update={"provenance": [PROV.model_copy(update={"file": "other.pdf"})]}
    )
    assert mtfp_gap(Extraction(mtfp_gaps=[row], mtfp_totals=[other]))[0].amount_gbp == pytest.approx(
        2_000_000.0
    )


def row_at(title: str, amounts: dict[str, float], row: int) -> PlanLine:
    line = plan(title, "mtfp_gap", amounts)
    where = PROV.model_copy(update={"locator": f"page 2, table 1, row {row}"})
    return line.model_copy(update={"provenance": [where]})


def test_two_unresolved_balances_of_one_table_are_parts_of_one_gap() -> None:
    rows = [
        row_at("UNRESOLVED BALANCE / SURPLUS", {"2026-27": -3_108_000.0}, 12),
        row_at("ADULT SOCIAL CARE FUNDING UNRESOLVED BALANCE", {"2026-27": -17_000_000.0}, 13),
    ]
    gaps = mtfp_gap(Extraction(mtfp_gaps=rows, mtfp_totals=[SAVINGS_NEGATIVE]))
    assert [(g.period, g.amount_gbp) for g in gaps] == [("2026-27", pytest.approx(20_108_000.0))]
    assert len(gaps[0].provenance) == 2


def test_a_cumulative_gap_is_not_added_to_the_years_gap() -> None:
    rows = [
        row_at("Budget gap - savings still to be found", {"2027-28": 7_500_000.0}, 6),
        row_at("Cumulative budget gap", {"2027-28": 22_380_000.0}, 7),
    ]
    gaps = mtfp_gap(Extraction(mtfp_gaps=rows))
    assert [(g.period, g.amount_gbp) for g in gaps] == [("2027-28", 7_500_000.0)]


def test_the_childrens_directorate_is_named_without_the_word_total() -> None:
    from review_builders import budget

    from analyse.position import budget_position

    line = budget("Total Children, Young People and Education", "directorate", 191e6, 203.4e6)
    position = budget_position(Extraction(budget_lines=[line]), "2024-25")
    assert position.children_services_name == "Children, Young People and Education"
    assert position.children_services.variance_gbp == pytest.approx(12.4e6)
