"""A directorate's overspend stated two ways: its table's row one amount, a sentence (its own
report's text, or another document) another beyond the rounding it is printed to. The disagreement is
recorded as a figure stated differently, asked in the question on the row's overspend, which leads
with the table's figure, and the sentence's sum asks no overspend question of its own (Severnbrook's
£6.12m against its table's £6,844,700; Ashdown Vale's recovery plan's £11.3m against the monitoring
report's £10.07m). Written in other councils' words.
"""

from __future__ import annotations

from analyse.enquiry import OVERSPEND_STAKE, stated_otherwise_asked
from analyse.reconcile import stated_otherwise_checks
from analyse.records import Flag, LineOfEnquiry, Scope
from analyse.stated import not_stated_otherwise
from extract.records import BudgetLine, Figure, FigureUnit, Provenance, Verification

YEAR = "2025-26"
REPORT = "Finance_Update_Q2_2025-26.pdf"


def _at(text: str, locator: str, page: int | None, file: str = REPORT) -> Provenance:
    return Provenance(file=file, sha256="ef" * 32, page=page, bbox=None, locator=locator, text=text)


def _row(name: str, level: str, budget: float, variance: float, n: int) -> BudgetLine:
    return BudgetLine(
        name=name,
        level=level,
        period=YEAR,
        budget_gbp=budget,
        forecast_gbp=budget + variance,
        variance_gbp=variance,
        provenance=[_at(f"{name} | {budget:,.0f} | {variance:,.0f}", f"page 6, table 1, row {n}", 6)],
        verification=Verification.VERIFIED,
    )


ROWS = [
    _row("Fostering and Residential Care", "service_line", 30e6, 3_910_000.0, 2),
    _row("Early Help", "service_line", 12e6, 950_000.0, 3),
    _row("Families and Communities total", "directorate", 42e6, 4_860_000.0, 4),
]


def _said(
    text: str, value: float, places: int, label: str, file: str = REPORT, page: int | None = 2
) -> Figure:
    locator = f"page {page}, paragraph 5" if page else "paragraph 12"
    return Figure(
        value=value,
        unit=FigureUnit.GBP,
        text=text,
        label=label,
        places=places,
        provenance=[_at(text, locator, page, file)],
    )


def test_a_directorates_overspend_stated_otherwise_in_its_reports_text_is_stated_differently() -> None:
    said = _said(
        "4.2 Families and Communities is reporting an adverse variance of £4.1m at Quarter 2.",
        4_100_000.0,
        1,
        "adverse variance",
    )
    (rec,) = stated_otherwise_checks(ROWS, [said])
    assert rec.code == "cross_document_mismatch"
    assert (rec.stated_gbp, rec.computed_gbp, rec.supported_gbp) == (4_860_000.0, 4_100_000.0, 4_860_000.0)
    assert rec.provenance == [ROWS[2].provenance[0], said.provenance[0]]
    # to the rounding it is printed to, the same figure
    same = said.model_copy(update={"value": 4_900_000.0, "text": said.text.replace("4.1", "4.9")})
    assert stated_otherwise_checks(ROWS, [same]) == []


def test_another_documents_sentence_stating_the_overspend_otherwise_is_stated_differently() -> None:
    text = "At Quarter 2 the Families and Communities directorate forecasts an overspend of £5.6m against its budget."
    said = _said(text, 5_600_000.0, 1, "overspend", file="Recovery_Plan.docx", page=None)
    (rec,) = stated_otherwise_checks(ROWS, [said])
    assert rec.computed_gbp == 5_600_000.0 and rec.provenance[1].file == "Recovery_Plan.docx"


def test_a_sentence_naming_a_line_or_another_point_in_the_year_is_not_the_directorates_overspend() -> None:
    line = _said(
        "Within Families and Communities, fostering and residential care is forecasting an overspend of £3.91m.",
        3_910_000.0,
        2,
        "overspend",
    )
    earlier = _said(
        "At Quarter 1 Families and Communities forecast an overspend of £3.2m.", 3_200_000.0, 1, "overspend"
    )
    part = _said(
        "Families and Communities is forecasting an overspend of £1.2m on staffing.",
        1_200_000.0,
        1,
        "overspend",
    )
    assert stated_otherwise_checks(ROWS, [line, earlier, part]) == []


def test_the_sentences_sum_is_no_overspend_flag_of_its_own_and_is_asked_in_the_rows_question() -> None:
    said = _said(
        "4.2 Families and Communities is reporting an adverse variance of £4.1m.",
        4_100_000.0,
        1,
        "adverse variance",
    )
    recs = stated_otherwise_checks(ROWS, [said])
    stated = Flag(
        code="stated_overspend",
        severity="medium",
        subject="An overspend of £4.1m",
        message="Stated",
        amount_gbp=4_100_000.0,
        provenance=said.provenance,
    )
    assert not_stated_otherwise([stated], recs) == []
    row = ROWS[2].provenance[0]
    on_row = LineOfEnquiry(
        question="What drives the overspend on 'Families and Communities total'?",
        because="Forecast to overspend by £4.86m.",
        addressed_to="DCS",
        provenance=[row],
        scope=Scope.CHILDRENS_SOCIAL_CARE,
        amount_gbp=4_860_000.0,
        stake=OVERSPEND_STAKE,
    )
    own = LineOfEnquiry(
        question="Which version of 'Families and Communities overspend' is current?",
        because=recs[0].message,
        provenance=recs[0].provenance,
        amount_gbp=760_000.0,
        stake="the figure in question",
    )
    (asked,), (kept,) = stated_otherwise_asked([on_row, own], [on_row], recs)
    assert asked is kept
    assert (
        asked.amount_gbp == 4_860_000.0 and "£4.1m" in asked.question and "which is right" in asked.question
    )
    assert said.provenance[0] in asked.provenance
