"""The executive summary's caveats and the data-quality section give one count of what the
documents' arithmetic was checked for and what held (analyse.reconcile.checks_count)."""

from __future__ import annotations

from lxml import html as lxml_html

from analyse.reconcile import budget_total_checks, checks_count
from analyse.records import Reconciliation, Review
from extract.records import BudgetLine, Extraction
from render.findings import data_quality
from render.pack import pack_html
from render.refs import Figures
from tests.render_samples import sample
from tests.review_builders import prov


def check(code: str, subject: str, stated: float, computed: float) -> Reconciliation:
    return Reconciliation(
        code=code,  # type: ignore[arg-type]
        subject=subject,
        stated_gbp=stated,
        computed_gbp=computed,
        difference_gbp=stated - computed,
        message=f"{subject}: stated {stated:,.0f}, found {computed:,.0f}",
        provenance=[prov(subject, "budget.pdf", f"table 1, {subject} row")],
    )


def checked(recs: list[Reconciliation]) -> tuple[Review, Extraction]:
    review, extraction = sample()
    return review.model_copy(update={"reconciliations": recs, "checks": checks_count(recs)}), extraction


def card(review: Review) -> str:
    found = data_quality(review, Figures(review))
    assert found is not None
    return "".join(str(p) for p in found.detail)


def caveats(review: Review, extraction: Extraction) -> str:
    section = lxml_html.fromstring(pack_html(review, extraction)).xpath("//section[@id='quality']")[0]
    return " ".join(" ".join(section.itertext()).split())


RESERVE = "general reserve flow"


def recs(second_total: str = "total_ok") -> list[Reconciliation]:
    return [
        check("total_ok", "CYPE net budget", 1_390_000_000.0, 1_390_000_000.0),
        check(second_total, "Council net budget", 2_600_000_000.0, 2_599_000_000.0),
        check("cross_document_mismatch", RESERVE, 16_300_000.0, 15_400_000.0),
    ]


def test_a_figure_stated_two_ways_is_not_called_a_total_that_does_not_reconcile() -> None:
    review, extraction = checked(recs())
    assert (review.checks.totals_checked, review.checks.totals_reconciled) == (2, 2)
    summary, quality = card(review), caveats(review, extraction)
    assert "did not reconcile" not in summary
    assert "The 2 totals checked all reconcile with their lines." in summary
    assert f"1 figure stated differently in two places ({RESERVE})" in summary
    assert "Every one of the 2 totals checked reconciles with its lines" in quality
    assert "Figures stated differently in two places" in quality and RESERVE in quality


def test_a_total_that_does_not_add_up_is_counted_the_same_in_both_places() -> None:
    review, extraction = checked(recs(second_total="total_mismatch"))
    assert (review.checks.totals_checked, review.checks.totals_not_reconciled) == (2, 1)
    summary, quality = card(review), caveats(review, extraction)
    assert "1 of 2 totals checked did not reconcile with its lines" in summary
    assert "column" not in summary  # one column failing needs no count of columns
    assert "Every one of" not in quality and "Council net budget" in quality


def row(name: str, level: str, at: str, budget: float, forecast: float, variance: float) -> BudgetLine:
    where = prov(name, "monitoring.pdf", f"page 1, table 1, {at}")
    return BudgetLine(
        name=name,
        level=level,  # type: ignore[arg-type]
        period="2025-26",
        budget_gbp=budget,
        forecast_gbp=forecast,
        variance_gbp=variance,
        provenance=[where.model_copy(update={"page": 1})],
    )


def test_a_total_row_failing_in_two_columns_is_one_total_that_does_not_reconcile() -> None:
    # The directorate total states a forecast and variance £0.25m above its lines' (Wyvern's case):
    # one row, failing in two columns, is one total not reconciled, not two.
    lines = [
        row("Total Children's", "total", "row 12", 100_000_000.0, 112_400_000.0, 12_400_000.0),
        row("Social care", "directorate", "row 3", 60_000_000.0, 66_000_000.0, 6_000_000.0),
        row("Education", "directorate", "row 4", 40_000_000.0, 46_150_000.0, 6_150_000.0),
    ]
    found = budget_total_checks(lines)
    assert [r.code for r in found].count("total_mismatch") == 2  # forecast and variance
    review, _ = checked(found)
    counted = review.checks
    assert (counted.totals_checked, counted.totals_not_reconciled) == (1, 1)
    assert counted.total_columns_not_reconciled == 2
    said = card(review)
    assert "1 of 1 total checked did not reconcile with its lines (in 2 columns of its row)" in said


def test_a_total_a_reviewer_confirmed_as_printed_is_not_called_unresolved_in_either_place() -> None:
    confirmed = [
        r.model_copy(update={"settled": "confirmed"}) if r.code == "total_mismatch" else r
        for r in recs(second_total="total_mismatch")
    ]
    review, extraction = checked(confirmed)
    assert (review.checks.totals_not_reconciled, review.checks.totals_confirmed) == (0, 1)
    summary, quality = card(review), caveats(review, extraction)
    assert "did not reconcile" not in summary and "all reconcile" not in summary
    assert "1 total that does not reconcile with its lines was confirmed as printed by a reviewer." in summary
    assert "Council net budget confirmed by a reviewer" in quality
