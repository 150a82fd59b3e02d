"""A total stated differently in two documents, explained by one of its lines stated differently."""

from __future__ import annotations

from analyse.reconcile import lines_explain_totals
from analyse.records import Reconciliation
from extract.records import Provenance, StatedTotal

PLAN, MTFP, TRACKER = (
    "CYPE savings plan 2025-28.docx",
    "Wyvern MTFP 2025-28.pdf",
    "Savings tracker 2025-26 Q2.xlsx",
)


def _at(file: str, locator: str) -> Provenance:
    return Provenance(file=file, sha256="ab" * 32, page=None, bbox=None, locator=locator, text=locator)


def _cross(subject: str, one: tuple[str, str, float], other: tuple[str, str, float]) -> Reconciliation:
    return Reconciliation(
        code="cross_document_mismatch",
        subject=subject,
        period="2025-26",
        stated_gbp=one[2],
        computed_gbp=other[2],
        difference_gbp=one[2] - other[2],
        message=f"The saving for '{subject}' (2025-26) is {one[2]:,.0f} in {one[0]} but {other[2]:,.0f} in {other[0]}.",
        provenance=[_at(one[0], one[1]), _at(other[0], other[1])],
    )


# The example's savings plan: its total (row 10) covers rows 3 to 9, Step Forward's row 4 among them.
TOTAL = StatedTotal(
    label="Total",
    period="2025-26",
    stated_gbp=6_400_000.0,
    half_unit_gbp=500.0,
    lines=[f"table 1, row {i}" for i in range(3, 10)],
    subtotals_agree=False,
    provenance=[_at(PLAN, "table 1, row 10")],
)


def _checks(tracker: float) -> list[Reconciliation]:
    line = _cross(
        "Step Forward", (PLAN, "table 1, row 4", 1_100_000.0), (TRACKER, "sheet Tracker Q2!A5", tracker)
    )
    total = _cross(
        "Children's directorate savings",
        (PLAN, "table 1, row 10", 6_400_000.0),
        (MTFP, "row 27", 6_200_000.0),
    )
    return [line, total]


def test_a_totals_difference_that_is_one_lines_difference_is_one_issue_the_line_explaining_it() -> None:
    (line,) = lines_explain_totals(_checks(900_000.0), [TOTAL])
    assert line.subject == "Step Forward"
    assert line.message.endswith(
        f"It explains the same £0.2m between the totals: the saving for 'Children's directorate savings'"
        f" (2025-26) is 6,400,000 in {PLAN} but 6,200,000 in {MTFP}."
    )
    assert {p.file for p in line.provenance} == {PLAN, TRACKER, MTFP}


def test_a_lines_difference_of_another_amount_year_or_row_explains_nothing() -> None:
    assert len(lines_explain_totals(_checks(800_000.0), [TOTAL])) == 2  # £0.3m, not the total's £0.2m
    other_year = [_checks(900_000.0)[0].model_copy(update={"period": "2026-27"}), _checks(900_000.0)[1]]
    assert len(lines_explain_totals(other_year, [TOTAL])) == 2
    uncovered = TOTAL.model_copy(update={"lines": ["table 1, row 3"]})
    assert len(lines_explain_totals(_checks(900_000.0), [uncovered])) == 2
