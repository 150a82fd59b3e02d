"""A total its lines fall short of by D, where the documents state one of those lines elsewhere as
exactly D more than printed: that line is named the likelier slip, its printed figures marked
contradicted wherever shown; where the documents state the total the same elsewhere, it is said to
be corroborated there, its lines not."""

from __future__ import annotations

import io
from typing import Any

from domain_tables import document, table

from analyse.review import build_review
from analyse.slipped import with_slipped_lines
from analyse.standing import LINE_STATED_ELSEWHERE, STATED_ELSEWHERE, caveat, in_doubt
from extract.domain.from_tables import records_from_tables
from extract.records import BudgetLine, Extraction, Figure, FigureUnit, Stage
from render.findings import headline_findings
from tests.review_builders import prov

HEAD = ["Service", "Budget £000", "Forecast £000", "Variance £000"]
# Short breaks is printed 3,120 / 120 (its own row adds up); the total's lines add to 9,070 / 570
# in forecast and variance, 200 short of the total's 9,270 / 770.
LINES = [
    ["Fostering placements", "4,000", "4,450", "450"],
    ["Short breaks for disabled children", "3,000", "3,120", "120"],
    ["Youth justice", "1,500", "1,500", "0"],
]
TOTAL = ["Total Children's Services", "8,500", "9,270", "770"]
ADULTS = [["Home care", "2,000", "2,100", "100"], ["Total Adult Social Care", "2,000", "2,100", "100"]]
COUNCIL = ["COUNCIL TOTAL", "10,500", "11,370", "870"]
REPORT = "Cabinet Q2 report.docx"


def _said(text: str, value: float, places: int = 2) -> Figure:
    return Figure(
        value=value,
        unit=FigureUnit.GBP,
        text=text,
        places=places,
        provenance=[prov(text, REPORT, "paragraph 12")],
    )


def _extraction(*figures: Figure) -> Extraction:
    rows = [HEAD, *LINES, TOTAL, *ADULTS, COUNCIL]
    lines = records_from_tables([table(rows, unit="£000")], document()).budget_lines
    return Extraction(budget_lines=lines, figures=list(figures))


def _line(extraction: Extraction, name: str) -> BudgetLine:
    return next(b for b in extraction.budget_lines if b.name == name)


# The report's prose states short breaks' overspend £0.32m: 200 more than printed, what the lines lack.
STATED = "Fostering placements overspend by £0.45m and short breaks for disabled children by £0.32m."


def test_a_line_stated_elsewhere_by_what_its_totals_lines_lack_is_the_likelier_slip() -> None:
    extraction = _extraction(_said(STATED, 450_000), _said(STATED, 320_000))
    marked = with_slipped_lines(extraction)
    breaks = _line(marked, LINES[1][0])
    assert in_doubt(breaks) and caveat(breaks).startswith("in doubt")
    (check,) = [c for c in breaks.checks if not c.held]
    assert check.identity == STATED_ELSEWHERE and check.fields == ["forecast_gbp", "variance_gbp"]
    assert check.provenance[0].text == STATED
    # the other lines stay as their table left them; the total carries, held, which line it is
    assert not in_doubt(_line(marked, LINES[0][0]))
    total = _line(marked, TOTAL[0])
    assert any(c.identity == LINE_STATED_ELSEWHERE and c.held for c in total.checks)

    review = build_review(extraction)
    short = review.position.children_services_lines_short
    assert short is not None and short.slipped_line == LINES[1][0]
    shown = {b.name: b for b in review.selection.service_lines}
    assert shown[LINES[1][0]].doubts.get("variance_gbp", "").startswith("in doubt")
    assert "variance_gbp" not in shown[LINES[0][0]].doubts
    text = " ".join(f"{f.title} {f.figure} {f.detail}" for f in headline_findings(review))
    assert f"The likelier error is the line '{LINES[1][0]}'" in text


def test_no_line_is_named_where_the_statement_does_not_close_the_gap_or_two_lines_would() -> None:
    # stated as printed (£0.12m): nothing points to it
    assert with_slipped_lines(
        _extraction(_said(STATED.replace("£0.32m", "£0.12m"), 120_000))
    ).budget_lines == (_extraction().budget_lines)
    # two lines each stated 200 more: the documents do not say which
    both = "Fostering placements overspend by £0.65m and short breaks for disabled children by £0.32m."
    extraction = _extraction(_said(both, 650_000), _said(both, 320_000))
    assert not any(
        in_doubt(b) for b in with_slipped_lines(extraction).budget_lines if b.level == "service_line"
    )


def test_a_total_stated_the_same_elsewhere_is_said_to_be_corroborated_there() -> None:
    total_said = _said("Children's Services is forecasting an overspend of £0.77m.", 770_000)
    review = build_review(_extraction(total_said))
    short = review.position.children_services_lines_short
    assert short is not None and [p.locator for p in short.corroborated_by] == ["paragraph 12"]
    text = " ".join(f"{f.title} {f.figure} {f.detail}" for f in headline_findings(review))
    assert f"The documents state the same total at paragraph 12 of {REPORT}: it is corroborated there" in text
    (row,) = [r for r in review.rows_doubted if r.headlines]
    assert "corroborated there; its lines are not" in row.doubt
    # the total's own report's text is written from its table: no corroboration
    own = total_said.model_copy(
        update={
            "provenance": [prov(total_said.text, _line(_extraction(), TOTAL[0]).provenance[0].file, "p. 2")]
        }
    )
    short = build_review(_extraction(own)).position.children_services_lines_short
    assert short is not None and short.corroborated_by == []


def test_marlowes_disabled_children_line_is_named_and_marked(marlowe: Any) -> None:
    review, _ = marlowe
    short = review.position.children_services_lines_short
    assert short.slipped_line == "Disabled Children and Young People"
    assert "Disabled Children £1.31m" in short.slipped_statement
    assert {p.locator for p in short.corroborated_by} >= {"paragraph 4.1"}  # the report's own numbering
    line = next(b for b in review.selection.service_lines if b.name == short.slipped_line)
    assert line.verification == "contradicted" and line.doubts


def test_the_workbook_marks_the_line_stated_otherwise_contradicted(marlowe: Any) -> None:
    from openpyxl import load_workbook

    from render.data import render_xlsx

    review, extraction = marlowe
    sheet = load_workbook(io.BytesIO(render_xlsx(review, extraction)))["Budget lines"]
    rows = sheet.iter_rows(values_only=True)
    head = list(next(rows))
    status = {row[head.index("Name")]: row[head.index("Status")] for row in rows}
    assert status["Disabled Children and Young People"] == "contradicted"
    assert status["Care Leavers (including UASC)"] == "verified"


def test_a_line_stated_after_management_actions_or_on_a_condition_names_no_slip() -> None:
    """A sum at another stage, or one that would follow on a condition, is not the line's printed
    figure stated otherwise (review of the day's merge)."""
    after = "Short breaks for disabled children is forecast at £0.32m after management actions."
    would = "If demand continues, short breaks for disabled children would overspend by £0.32m."
    for text in (after, would):
        figure = _said(text, 320_000)
        if "after management actions" in text:
            figure = figure.model_copy(update={"stage": Stage.AFTER_ACTIONS})
        marked = with_slipped_lines(_extraction(figure))
        assert not in_doubt(_line(marked, LINES[1][0])), text
