"""Stated totals against their lines, and one figure across two documents."""

from __future__ import annotations

from analyse.reconcile import reconciliation_flags, reconciliations
from analyse.records import Reconciliation
from analyse.reserves import reserves
from extract.records import Extraction, PeriodAmount
from tests.review_builders import YEAR, budget, saving


def checked(extraction: Extraction) -> list[Reconciliation]:
    return reconciliations(extraction, reserves(extraction))


def test_a_directorate_whose_lines_do_not_add_up_is_a_mismatch_with_the_difference() -> None:
    lines = [
        budget("Children's Services", "directorate", 100e6),
        budget("Placements", "service_line", 60e6, directorate="Children's Services"),
        budget("Social work", "service_line", 35e6, directorate="Children's Services"),
    ]
    (rec,) = checked(Extraction(budget_lines=lines))
    assert rec.code == "total_mismatch" and rec.difference_gbp == 100e6 - (60e6 + 35e6)
    (flag,) = reconciliation_flags([rec])
    assert flag.provenance and flag.code == "total_mismatch"


def test_a_total_out_only_by_the_rounding_of_a_one_decimal_pound_million_table_is_ok() -> None:
    lines = [
        budget("Council total", "total", 150.1e6),
        budget("Children's Services", "directorate", 100.1e6),
        budget("Adults", "directorate", 50.1e6),
    ]
    recs = checked(Extraction(budget_lines=lines))
    assert [r.code for r in recs] == ["total_ok"]
    assert reconciliation_flags(recs) == []


def test_twenty_thousand_pounds_out_in_a_pound_thousand_table_is_a_mismatch() -> None:
    lines = [
        budget("Council total", "total", 150_000e3),
        budget("Children's Services", "directorate", 100_020e3),
        budget("Adults", "directorate", 50_000e3),
    ]
    (rec,) = checked(Extraction(budget_lines=lines))
    assert rec.code == "total_mismatch" and rec.difference_gbp == -20e3


def test_a_savings_category_total_is_checked_year_by_year_against_its_lines() -> None:
    def phased(a: float, b: float) -> list[PeriodAmount]:
        return [PeriodAmount(period=YEAR, amount_gbp=a), PeriodAmount(period="2025-26", amount_gbp=b)]

    rows = [
        saving("Route review", planned=phased(300e3, 200e3), category="Efficiency", file="f.pdf"),
        saving("Pension costs", planned=phased(91.5e3, 146.9e3), category="Efficiency", file="f.pdf"),
        saving("Fees uplift", planned=phased(40e3, 45e3), category="Income", file="f.pdf"),
        saving("TOTAL EFFICIENCY", planned=phased(391.5e3, 400e3), file="f.pdf"),
    ]
    recs = {r.subject: r for r in checked(Extraction(savings=rows))}
    assert recs[f"TOTAL EFFICIENCY ({YEAR})"].code == "total_ok"
    mismatch = recs["TOTAL EFFICIENCY (2025-26)"]
    assert mismatch.code == "total_mismatch" and mismatch.computed_gbp == 200e3 + 146.9e3


def test_the_same_line_with_different_budgets_in_two_documents_names_both_sources() -> None:
    lines = [
        budget("Children's Services", "directorate", 100e6, file="monitoring.pdf"),
        budget("Children's Services", "directorate", 104e6, file="mtfp.pdf"),
    ]
    (rec,) = [r for r in checked(Extraction(budget_lines=lines)) if r.code == "cross_document_mismatch"]
    assert {p.file for p in rec.provenance} == {"monitoring.pdf", "mtfp.pdf"}
    assert "monitoring.pdf" in rec.message and "mtfp.pdf" in rec.message


def test_a_directorate_forecast_that_does_not_add_up_is_caught_even_when_its_budget_does() -> None:
    lines = [
        budget("Children's Services", "directorate", 191e6, 203.4e6, variance_gbp=12.4e6),
        budget("Placements", "service_line", 100e6, 110e6, directorate="Children's Services"),
        budget("Social work", "service_line", 91e6, 93.15e6, directorate="Children's Services"),
    ]
    codes = {r.subject.split(" ")[-2]: r.code for r in checked(Extraction(budget_lines=lines))}
    assert codes == {"budget": "total_ok", "forecast": "total_mismatch", "variance": "total_mismatch"}


def test_a_trackers_target_disagreeing_with_the_plans_phasing_is_a_cross_document_mismatch() -> None:
    plan = saving("Step down from residential to foster care", 1_100e3, file="plan.docx", ref="CYPE-02")
    tracker = saving(
        "Step down from residential to foster care", target_gbp=900e3, period=YEAR, ref="CYPE-02"
    )
    (rec,) = checked(Extraction(savings=[plan, tracker]))
    assert rec.code == "cross_document_mismatch" and abs(rec.difference_gbp or 0) == 200e3


def test_a_saving_written_negative_in_one_document_is_not_a_disagreement() -> None:
    plan = saving("Reablement", 2_100e3, file="plan.docx", ref="ASCH-01")
    tracker = saving("Reablement", target_gbp=-2_100e3, period=YEAR, ref="ASCH-01")
    assert checked(Extraction(savings=[plan, tracker])) == []
