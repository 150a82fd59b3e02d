"""Stated totals against their lines, and one figure across two documents."""

from __future__ import annotations

from analyse.reconcile import checks_count, reconciliation_flags, reconciliations
from analyse.records import Reconciliation
from analyse.reserves import reserves
from analyse.scope import scope_index
from extract.records import Extraction, PeriodAmount, Provenance, StatedTotal
from tests.review_builders import YEAR, budget, saving


def checked(extraction: Extraction) -> list[Reconciliation]:
    return reconciliations(extraction, reserves(extraction), scope_index(extraction))


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
    # The records' lines are those read, so nothing is said of lines a table may hold besides them.
    assert rec.message == "Stated £100.0m; its 2 lines sum to £95.0m: a difference of £5.0m."


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


def _plan(file: str, rows: list[tuple[str, str, float]], total: tuple[str, float]) -> Extraction:
    """A children's savings table of one document: its lines for YEAR, and its total row's figure."""
    lines = [
        saving(title, amount, file, directorate=directorate).model_copy(
            update={"provenance": [_where(file, f"table 1, row {n}", title)]}
        )
        for n, (title, directorate, amount) in enumerate(rows, start=2)
    ]
    label, stated = total
    row = _where(file, f"table 1, row {len(rows) + 2}", label)
    stated_total = StatedTotal(
        label=label,
        period=YEAR,
        stated_gbp=stated,
        half_unit_gbp=500.0,
        lines=[line.provenance[0].locator for line in lines],
        subtotals_agree=False,
        provenance=[row],
    )
    return Extraction(savings=lines, stated_totals=[stated_total])


def _where(file: str, locator: str, text: str) -> Provenance:
    return Provenance(file=file, sha256="ab" * 32, page=None, bbox=None, locator=locator, text=text)


CYPE = "Children, Young People and Education"
# Wyvern's savings plan totals its children's savings for 2025-26 at £6.4m, its MTFP at (£6.2m): each
# table's own lines (one saving is £1.1m in one and £0.9m in the other) and a total labelled its own way
PLAN = [("Edge of care support", CYPE, 1.25e6), ("Step down from residential to foster care", CYPE, 1.1e6)]
MTFP = [("Edge of care support", CYPE, 1.25e6), ("Step down from residential to foster care", CYPE, 0.9e6)]


def test_a_years_childrens_savings_total_stated_differently_in_two_documents_is_a_difference() -> None:
    plan = _plan("savings plan.docx", PLAN, ("Total", 6.4e6))
    mtfp = _plan("mtfp.pdf", PLAN, (f"Total {CYPE}", -6.2e6))  # the same lines: nothing explains it
    recs = [r for r in checked(Extraction.combine([plan, mtfp])) if r.code == "cross_document_mismatch"]
    total = [r for r in recs if r.subject == "Children's directorate savings"]
    assert [(r.stated_gbp, r.computed_gbp, r.scope) for r in total] == [
        (6.4e6, 6.2e6, "childrens_social_care")
    ]
    assert total[0].message == (
        f"The total for 'Children's directorate savings' ({YEAR}) is £6.4m in savings plan.docx but £6.2m in mtfp.pdf."
    )
    assert [p.locator for p in total[0].provenance] == ["table 1, row 4", "table 1, row 4"]
    assert checks_count(recs).figures_stated_differently == 1


def test_a_totals_difference_one_saving_explains_is_one_difference_the_savings() -> None:
    # one saving is £1.1m in one document and £0.9m in the other: the same £0.2m as the totals'
    plan = _plan("savings plan.docx", PLAN, ("Total", 6.4e6))
    mtfp = _plan("mtfp.pdf", MTFP, (f"Total {CYPE}", -6.2e6))
    recs = [r for r in checked(Extraction.combine([plan, mtfp])) if r.code == "cross_document_mismatch"]
    (line,) = recs
    assert line.subject == "Step down from residential to foster care"
    assert line.message.endswith(
        f"It explains the same £0.2m between the totals: the total for 'Children's directorate savings' ({YEAR})"
        " is £6.4m in savings plan.docx but £6.2m in mtfp.pdf."
    )
    assert checks_count(recs).figures_stated_differently == 1  # not the saving and the total as two


def test_a_total_of_some_childrens_savings_or_of_other_directorates_is_not_the_childrens_total() -> None:
    plan = _plan("savings plan.docx", PLAN, ("Total", 6.4e6))
    mtfp = _plan("mtfp.pdf", MTFP, ("Total placements", 1.25e6))
    (stated,) = mtfp.stated_totals
    part = mtfp.model_copy(update={"stated_totals": [stated.model_copy(update={"lines": stated.lines[:1]})]})
    adults = _plan("adults.pdf", [("Reablement", "Adult Social Care", 6.2e6)], ("Total", 6.2e6))
    for other in (part, adults):
        recs = checked(Extraction.combine([plan, other]))
        assert not [r for r in recs if r.subject == "Children's directorate savings"]
