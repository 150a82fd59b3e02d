"""A report's prose restating a row its table contradicts carries the row's doubt: Wyvern's Cabinet
report (p.1 para 5) says "a forecast overspend of £12.4m (6.5% of the directorate's budget)" of
the directorate total whose lines add to £12.15m; the workbook's Figures sheet marks both."""

from __future__ import annotations

from analyse.position import rows_in_doubt
from extract.records import BudgetLine, Check, Figure, FigureUnit, Provenance, Verification
from extract.verify.identities import MEMBER_IDENTITY, TOTAL_IDENTITY
from render.data import build_workbook
from tests.render_samples import sample

REPORT = "Cabinet Q2 budget monitoring.pdf"
CYPE = "Children, Young People and Education accounts for almost all of it, with a forecast overspend of £12.4m (6.5% of the directorate's budget)."
COUNCIL = "The Council is forecasting an overspend of £12.8m against a net revenue budget of £818.0m."
ADULTS = "Adult Social Care and Health reports a pressure of £12.4m in 2025-26."
BUDGET = "Children, Young People and Education has a net budget of £191.0m."


def at(text: str, locator: str, page: int = 1) -> Provenance:
    return Provenance(file=REPORT, sha256="ef" * 32, page=page, bbox=None, locator=locator, text=text)


def said(value: float, unit: FigureUnit, text: str, locator: str, places: int | None = 1) -> Figure:
    return Figure(value=value, unit=unit, text=text, provenance=[at(text, locator)], places=places)


def total_row(variance: float = 12_400_000.0) -> BudgetLine:
    """The directorate total as printed: only its lines' sum fails (they add to £12.15m)."""
    return BudgetLine(
        name="Total Children, Young People and Education",
        level="directorate",
        period="2025-26",
        budget_gbp=191_000_000.0,
        forecast_gbp=191_000_000.0 + variance,
        variance_gbp=variance,
        provenance=[
            at(
                "Total Children, Young People and Education | 191,000 | 203,400 | 12,400",
                "page 1, Table 1, row 12",
            )
        ],
        verification=Verification.CONTRADICTED,
        checks=[
            Check(identity=TOTAL_IDENTITY, held=False, detail="'Variance £000' £12.4m against lines £12.15m"),
            Check(identity=MEMBER_IDENTITY, held=True, detail="the grand total adds up"),
            Check(identity="budget + variance = forecast", held=True, detail="£191.0m + £12.4m = £203.4m"),
        ],
    )


def figures() -> list[Figure]:
    return [
        said(12_800_000.0, FigureUnit.GBP, COUNCIL, "page 1, paragraph 5"),
        said(12_400_000.0, FigureUnit.GBP, CYPE, "page 1, paragraph 5"),
        said(6.5, FigureUnit.PERCENT, CYPE, "page 1, paragraph 5"),
        said(12_400_000.0, FigureUnit.GBP, ADULTS, "page 1, paragraph 7"),  # another subject
        said(191_000_000.0, FigureUnit.GBP, BUDGET, "page 1, paragraph 8"),  # its budget holds
    ]


def test_prose_restating_a_contradicted_total_is_held_in_doubt_with_it() -> None:
    review, _ = sample()
    (row,) = rows_in_doubt([total_row()], review.position, figures())
    assert [(f.value, f.text) for f in row.restated_in] == [(12_400_000.0, CYPE), (6.5, CYPE)]


def test_a_percentage_is_the_rows_share_only_to_the_places_it_is_printed_to() -> None:
    # £12.4m of £191.0m is 6.49%: "6.5%" says it, "6.50%" (Figure.places 2) does not, nor "6.6%"
    review, _ = sample()
    for printed, places, restated in ((6.5, 1, True), (6.5, 2, False), (6.6, 1, False), (6.49, 2, True)):
        text = CYPE.replace("6.5%", f"{printed:.{places}f}%")
        shown = [
            said(12_400_000.0, FigureUnit.GBP, text, "p 5"),
            said(printed, FigureUnit.PERCENT, text, "p 5", places),
        ]
        (row,) = rows_in_doubt([total_row()], review.position, shown)
        assert [f.unit for f in row.restated_in] == [
            FigureUnit.GBP,
            *([FigureUnit.PERCENT] if restated else []),
        ], text


def test_prose_stating_another_amount_is_not_taken_for_the_row() -> None:
    review, _ = sample()
    (row,) = rows_in_doubt([total_row(variance=12_300_000.0)], review.position, figures())
    assert row.restated_in == []


def test_the_workbook_figures_sheet_marks_the_restated_figures_as_the_budget_lines_sheet_marks_the_row() -> (
    None
):
    review, extraction = sample()
    doubted = rows_in_doubt([total_row()], review.position, figures())
    review = review.model_copy(update={"rows_doubted": doubted, "rows_in_doubt": 1})
    sheet = build_workbook(review, extraction.model_copy(update={"figures": figures()}))["Figures"]
    rows = list(sheet.iter_rows(values_only=True))
    why = rows[0].index("Why in doubt")
    marked = {(r[0] or r[1], r[5]): r[why] for r in rows[1:]}
    for key in ((12_400_000, CYPE), (6.5, CYPE)):
        assert str(marked[key]).startswith(
            "Restates Total Children, Young People and Education, a row in doubt"
        )
    assert not marked[(12_800_000, COUNCIL)] and not marked[(12_400_000, ADULTS)]
    assert not marked[(191_000_000, BUDGET)]
