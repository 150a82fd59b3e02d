"""A sum whose words name the savings it is the undelivered part of, by their tracker references,
is checked against those savings' shortfalls in the tracker (analyse.reconcile.named_savings_checks):
one figure stated two ways."""

from __future__ import annotations

from typing import Any

from analyse.reconcile import named_savings_checks
from extract.prose import figures_from_passages
from extract.records import Extraction, Passage, PeriodAmount, PlanLine, SavingsLine
from tests.review_builders import prov


def tracked(ref: str, target: float, forecast: float) -> SavingsLine:
    return SavingsLine(
        title=f"Saving {ref}",
        ref=ref,
        period="2025-26",
        target_gbp=target,
        forecast_gbp=forecast,
        provenance=[prov(ref, "p6_tracker.xlsx", f"sheet Tracker!A{ref[-1]}")],
    )


TRACKER = [tracked("FS-11", 500e3, 200e3), tracked("FS-12", 400e3, 150e3), tracked("FS-13", 700e3, 400e3)]


def growth(title: str, amount: float) -> PlanLine:
    return PlanLine(
        title=title,
        category="pressure",
        planned=[
            PeriodAmount(period="2026-27", amount_gbp=amount),
            PeriodAmount(period="2027-28", amount_gbp=0.0),
        ],
        provenance=[prov(title, "budget_book.pdf", "p. 12, table 4, row 7")],
    )


def test_a_row_naming_savings_whose_shortfalls_sum_otherwise_is_stated_two_ways() -> None:
    row = growth("Slipped savings brought back into base: FS-11 and FS-12", 850e3)
    (check,) = named_savings_checks(Extraction(savings=TRACKER, pressures=[row]))
    assert check.code == "cross_document_mismatch"
    assert (check.stated_gbp, check.computed_gbp) == (850e3, 550e3)  # 300k + 250k
    assert "the shortfall on FS-11 and FS-12 in p6_tracker.xlsx is £0.55m" in check.message
    # the sum is every tracked saving's shortfall (300 + 250 + 300), and the message says so
    assert "is the shortfall on all 3 of the tracker's savings" in check.message
    assert [p.file for p in check.provenance] == ["budget_book.pdf", "p6_tracker.xlsx", "p6_tracker.xlsx"]


def test_a_row_that_agrees_with_the_savings_it_names_or_says_nothing_of_delivery_is_not_flagged() -> None:
    agrees = growth("Slipped savings brought back into base: FS-11 and FS-12", 550e3)
    undated = growth("Re-profiled savings FS-11, FS-13", 850e3)  # not said to be undelivered
    assert named_savings_checks(Extraction(savings=TRACKER, pressures=[agrees, undated])) == []


def test_a_sentence_naming_the_savings_is_checked_too() -> None:
    text = "The budget restores £0.9m for the non-delivery of savings FS-12 and FS-13 in 2026/27."
    figures = figures_from_passages([Passage(text=text, provenance=[prov(text, "mtfs.docx", "paragraph 4")])])
    (check,) = named_savings_checks(Extraction(savings=TRACKER, figures=figures))
    assert check.computed_gbp == 550e3 and check.stated_gbp == 900e3


def test_northmoor_reversal_row_disagrees_with_the_three_savings_it_names(northmoor: Any) -> None:
    review, _ = northmoor
    (check,) = [r for r in review.reconciliations if r.subject.startswith("Reversal of undelivered")]
    assert (check.stated_gbp, check.computed_gbp) == (1_730_000, 1_160_000)
    assert "all 9 of the tracker's savings" in check.message
