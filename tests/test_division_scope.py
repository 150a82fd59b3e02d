"""One scope model for a council whose children's services are a division of a wider directorate
(People, Communities): the children's position is the children's directorate's or division's own
row, never the whole directorate's, the DSG's or an education division filed beside it; the rows
under a division's heading take its scope; a RAG-column tracker's amounts are read by status."""

from __future__ import annotations

from typing import Any

import pytest

from analyse.position import childrens_rows
from analyse.records import Scope, ScopedBudgetLine
from analyse.scope import scope_index
from extract.domain.from_tables import records_from_tables
from extract.records import BudgetLine, Extraction, Figure, FigureUnit, Provenance
from ingest.records import DocumentKind
from tests.domain_tables import document, table

CSC, EDU, OTHER = Scope.CHILDRENS_SOCIAL_CARE, Scope.EDUCATION_SEND_TRANSPORT, Scope.OTHER_DIRECTORATE


def _row(name: str, directorate: str, level: str, at: int) -> BudgetLine:
    where = Provenance(
        file="m.pdf", sha256="ab" * 32, page=2, bbox=None, locator=f"page 2, table 1, row {at}", text=name
    )
    return BudgetLine(
        name=name, directorate=directorate, level=level, period="2025-26",  # type: ignore[arg-type]
        budget_gbp=1e6 * at, forecast_gbp=1e6 * at + 1e5, variance_gbp=1e5, provenance=[where],
    )  # fmt: skip


def _position_rows(lines: list[BudgetLine]) -> list[str]:
    extraction = Extraction(budget_lines=lines)
    return [b.name for b in childrens_rows(lines, scope_index(extraction))]


def test_a_children_families_and_education_directorate_row_is_the_childrens_position_with_its_education() -> (
    None
):
    lines = [
        _row("School Improvement", "Children, Families and Education", "service_line", 1),
        _row("Looked after children", "Children, Families and Education", "service_line", 2),
        _row("Total Children, Families and Education", "Children, Families and Education", "directorate", 3),
    ]
    scopes = scope_index(Extraction(budget_lines=lines))
    assert scopes.budget_line(lines[0]) is EDU  # education filed with children's is children's
    assert _position_rows(lines) == ["Total Children, Families and Education"]


def test_in_a_people_directorate_the_childrens_division_is_the_position_not_the_directorate_or_adults() -> (
    None
):
    lines = [
        _row("Older people", "Adults", "service_line", 1),
        _row("Adults subtotal", "Adults", "directorate", 2),
        _row("Placements", "Children's Social Care", "service_line", 3),
        _row("Children's Social Care subtotal", "Children's Social Care", "directorate", 4),
        _row("People Total", "People", "directorate", 5),
    ]
    scopes = scope_index(Extraction(budget_lines=lines))
    assert [scopes.budget_line(b) for b in lines[:4]] == [OTHER, OTHER, CSC, CSC]
    assert _position_rows(lines) == ["Children's Social Care subtotal"]


def test_a_directorate_row_in_a_council_summary_is_the_childrens_position() -> None:
    lines = [
        _row("Adults and Health", "Adults and Health", "directorate", 1),
        _row("Children's Services", "Children's Services", "directorate", 2),
        _row("Place", "Place", "directorate", 3),
    ]
    assert _position_rows(lines) == ["Children's Services"]


@pytest.mark.parametrize(
    "name, directorate", [("Total DSG", "DSG"), ("Education & SEND subtotal", "Education & SEND")]
)
def test_the_dsg_and_an_education_division_beside_childrens_are_never_the_childrens_position(
    name: str, directorate: str
) -> None:
    lines = [_row("Children's Services subtotal", "Children's Services", "directorate", 1)]
    lines.append(_row(name, directorate, "directorate", 9))  # the larger budget
    assert _position_rows(lines) == ["Children's Services subtotal"]


def test_every_line_of_an_education_division_beside_childrens_is_education_send_and_transport() -> None:
    lines = [
        _row("School Improvement & Access", "Education & SEND", "service_line", 1),
        _row("Home to School Transport (SEND)", "Education & SEND", "service_line", 2),
        _row("Directorate Support", "Education & SEND", "service_line", 3),
        _row("Education & SEND subtotal", "Education & SEND", "directorate", 4),
        _row("Skills for adults", "Adult Education", "service_line", 5),
        _row("Street lighting", "Growth, Environment and Transport", "service_line", 6),
    ]
    scopes = scope_index(Extraction(budget_lines=lines))
    assert [scopes.budget_line(b) for b in lines] == [EDU, EDU, EDU, EDU, OTHER, OTHER]


def test_a_saving_named_after_a_division_takes_the_divisions_scope() -> None:
    lines = [
        _row("Children's Services subtotal", "Children's Services", "directorate", 1),
        _row("Education & SEND subtotal", "Education & SEND", "directorate", 2),
        _row("Adult Social Care subtotal", "Adult Social Care", "directorate", 3),
        _row("People Directorate Total", "People Directorate", "directorate", 4),
    ]
    scopes = scope_index(Extraction(budget_lines=lines))
    assert scopes.division("People – Education & SEND") == "Education & SEND"
    assert scopes.division("Reduce education agency costs") is None  # words beyond the divisions' names
    from tests.review_builders import saving

    assert scopes.plan_line(saving("People – Children's Services", 1.0)) is CSC
    assert scopes.plan_line(saving("People – Education & SEND", 1.0)) is EDU
    assert scopes.plan_line(saving("People – Adult Social Care", 1.0)) is OTHER


def test_a_sentence_about_an_adults_line_is_adults_whatever_else_it_names() -> None:
    said = "Learning Disabilities is overspending by £1.220m due to transitions from children's services."
    adults = _row("Learning Disabilities", "Adult Social Care", "service_line", 1)
    assert scope_index(Extraction(budget_lines=[adults])).sentence(said) is OTHER
    assert scope_index(Extraction()).sentence(said) is CSC  # no line named: its words place it


PEOPLE = [
    ["£000", "Budget", "Forecast", "Variance"],
    ["Adult Social Care", "", "", ""],
    ["Older People", "100", "110", "10"],
    ["Learning Disabilities", "200", "205", "5"],
    ["Adult Social Care subtotal", "300", "315", "15"],
    ["Children's Services", "", "", ""],
    ["Placements", "50", "60", "10"],
    ["Care Leavers", "20", "22", "2"],
    ["Children's Services subtotal", "70", "82", "21"],  # 12, misprinted
    ["Directorate Management", "5", "5", "0"],
    ["People Directorate Total", "375", "402", "27"],
]


def _people() -> dict[str, BudgetLine]:
    found = records_from_tables([table(PEOPLE, header_rows=1, title="People by division")], document())
    return {b.name: b for b in found.budget_lines}


def test_rows_under_a_division_heading_take_the_division_its_subtotal_closes() -> None:
    lines = _people()
    assert lines["Learning Disabilities"].directorate == "Adult Social Care"
    assert lines["Care Leavers"].directorate == "Children's Services"
    assert lines["Children's Services subtotal"].level == "directorate"


def test_a_misprinted_subtotal_is_in_doubt_first_by_its_own_arithmetic_and_the_directorate_total_holds() -> (
    None
):
    lines = _people()
    subtotal = lines["Children's Services subtotal"]
    assert subtotal.verification == "contradicted"
    failed = [c for c in subtotal.checks if not c.held]
    assert failed[0].identity == "budget + variance = forecast"
    # the directorate's total is its every line, not its divisions' subtotals counted again
    assert lines["People Directorate Total"].verification == "verified"


TRACKER = [
    ["£000", "Savings target", "Blue (delivered)", "Green", "Amber", "Red"],
    ["Children's Services", "4,850", "1,120", "1,460", "1,050", "1,220"],
    ["Total", "4,850", "1,120", "1,460", "1,050", "1,220"],
]


def test_a_trackers_rag_columns_are_amounts_by_status() -> None:
    found = records_from_tables(
        [table(TRACKER, header_rows=1, title="Savings by RAG")], document(DocumentKind.SAVINGS_PLAN)
    )
    line = found.savings[0]
    summary: dict[str, Any] = {
        "target": line.target_gbp,
        "forecast": line.forecast_gbp,  # blue and green: delivered and on track
        "shortfall": line.shortfall_gbp,  # amber and red: at risk
        "undeliverable": line.undeliverable_gbp,  # red: not expected in year
    }
    assert summary == {
        "target": 4_850_000,
        "forecast": 2_580_000,
        "shortfall": 2_270_000,
        "undeliverable": 1_220_000,
    }
    assert any(c.identity == "target = the amounts rated at each RAG status" and c.held for c in line.checks)


def test_a_stated_figure_about_an_adults_line_raises_no_childrens_flag() -> None:
    from analyse.review import scoped_flags
    from analyse.stated import figure_flags

    said = "Learning Disabilities is overspending by £1.220m due to transitions from children's services."
    where = Provenance(file="m.pdf", sha256="ab" * 32, page=4, bbox=None, locator="paragraph 8", text=said)
    figure = Figure(value=1_220_000, unit=FigureUnit.GBP, label="overspend", text=said, provenance=[where])
    adults = _row("Learning Disabilities", "Adult Social Care", "service_line", 1)
    scopes = scope_index(Extraction(budget_lines=[adults]))
    (flag,) = figure_flags([figure], scopes)
    assert flag.scope is Scope.OTHER_DIRECTORATE and scoped_flags([flag], scopes) == []


def test_a_figure_and_its_sentence_take_the_scope_of_the_line_named_before_the_sum() -> None:
    said = "Learning Disabilities is overspending by £1.220m due to transitions from children's services."
    where = Provenance(file="m.pdf", sha256="ab" * 32, page=4, bbox=None, locator="paragraph 8", text=said)
    figure = Figure(value=1_220_000, unit=FigureUnit.GBP, label="overspend", text=said, provenance=[where])
    scopes = scope_index(
        Extraction(budget_lines=[_row("Learning Disabilities", "Adult Social Care", "service_line", 1)])
    )
    assert scopes.figure(figure) is scopes.sentence(said) is Scope.OTHER_DIRECTORATE
    # with no such line, the clause's own words place it: the service named after the sum
    assert scope_index(Extraction()).figure(figure) is Scope.CHILDRENS_SOCIAL_CARE


SUMMARY = [
    ["£000", "Budget", "Forecast", "Variance"],
    ["People", "202,940", "212,445", "9,505"],
    ["Place", "68,310", "69,020", "710"],
    ["Net Service Expenditure", "271,250", "281,465", "10,215"],
    ["Funding", "-271,250", "-271,250", "0"],
    ["Net Position", "0", "10,215", "10,215"],
]


@pytest.mark.parametrize(
    ("title", "level"), [("Council summary", "total"), ("People Directorate", "directorate")]
)
def test_a_summarys_net_expenditure_is_the_councils_total_unless_a_directorates_caption_heads_it(
    title: str, level: str
) -> None:
    found = records_from_tables(
        [table(SUMMARY, header_rows=1, title=title)], document(DocumentKind.BUDGET_MONITORING)
    )
    levels = {line.name: line.level for line in found.budget_lines}
    assert levels["Net Service Expenditure"] == levels["Net Position"] == level
    assert levels["People"] == "service_line"


def test_a_total_row_follows_the_last_line_of_its_own_division() -> None:
    from analyse.selection import with_totals

    def scoped(line: BudgetLine) -> ScopedBudgetLine:
        return ScopedBudgetLine(**line.model_dump(), scope=CSC)

    lines = [scoped(_row("Placements", "Children's Services", "service_line", 1))]
    lines.append(scoped(_row("Home to School Transport", "Education & SEND", "service_line", 2)))
    children = scoped(_row("Children's Services subtotal", "Children's Services", "directorate", 3))
    council = scoped(_row("Net Position", "", "total", 4))
    rows = with_totals(lines, [council, children])
    assert [b.name for b in rows] == [
        "Placements",
        "Children's Services subtotal",
        "Home to School Transport",
        "Net Position",
    ]


def test_a_total_printed_above_its_lines_follows_them_where_they_run_on_to_the_next_page() -> None:
    from analyse.selection import with_totals

    def scoped(line: BudgetLine, page: int) -> ScopedBudgetLine:
        where = line.provenance[0]
        locator = where.locator.replace("page 2", f"page {page}")
        moved = where.model_copy(update={"page": page, "locator": locator})
        return ScopedBudgetLine(**line.model_dump() | {"provenance": [moved]}, scope=CSC)

    head = scoped(_row("Children's Services", "Children's Services", "directorate", 2), 1)
    lines = [
        scoped(_row("Placements", "Children's Services", "service_line", 3), 1),
        scoped(_row("Care Leavers", "Children's Services", "service_line", 2), 2),
    ]
    rows = with_totals(lines, [head])
    assert [b.name for b in rows] == ["Placements", "Care Leavers", "Children's Services"]
