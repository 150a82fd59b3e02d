"""Monitoring tables organised by portfolio: a RAG column beside a variance rates the variance, a
table of in-year management actions is not a savings plan, a heading "X Portfolio" opens the group
"Total X" closes, a repeated row of column headings heads nothing, and a memorandum line is the
line it names. Tables of our own, then the Fernleigh tester bundle (tests/fernleigh)."""

from __future__ import annotations

from typing import Any

from domain_tables import document, table

from analyse.flags import overspend_flags
from analyse.records import Scope
from extract.domain.from_tables import records_from_tables
from ingest.records import DocumentKind
from tests.review_builders import budget, prov

RATED = [
    ["Portfolio", "Annual Budget £000", "Projected Outturn £000", "Projected Variance £000", "RAG"],
    ["Schools and Skills", "5,000", "5,400", "400", "Red"],
    ["Housing", "2,000", "1,900", "-100", "Green"],
    ["Total", "7,000", "7,300", "300", "Red"],
]


def test_a_rag_column_beside_a_variance_rates_the_variance_not_a_savings_delivery() -> None:
    found = records_from_tables([table(RATED)], document())
    assert not found.savings
    lines = {line.name: line for line in found.budget_lines}
    assert lines["Schools and Skills"].variance_gbp == 400_000.0
    assert (lines["Schools and Skills"].level, lines["Total"].level) == ("directorate", "total")


def test_a_rag_column_with_no_variance_beside_it_still_makes_a_tracker() -> None:
    rows = [
        ["Ref", "Proposal", "Budget reduction £000", "Forecast £000", "RAG"],
        ["S1", "Review of day services", "300", "150", "Amber"],
    ]
    found = records_from_tables([table(rows)], document())
    assert [s.title for s in found.savings] == ["Review of day services"]
    assert not found.budget_lines


def test_a_rag_column_beside_lines_named_savings_still_makes_a_tracker() -> None:
    rows = [
        ["Saving", "Budget £000", "Forecast £000", "Variance £000", "RAG"],
        ["Review of day services", "300", "150", "-150", "Amber"],
    ]
    found = records_from_tables([table(rows)], document())
    assert [s.title for s in found.savings] == ["Review of day services"]
    assert not found.budget_lines


ACTIONS = [
    ["Action agreed", "Value £000"],
    ["Review of high-cost placements", "600"],
    ["Freeze on non-essential recruitment", "250"],
]


def test_in_year_management_actions_are_not_savings_whatever_the_column_calls_their_money() -> None:
    titled = table(ACTIONS, title="Mitigating actions identified by the directorate")
    assert not records_from_tables([titled], document(DocumentKind.SAVINGS_PLAN)).savings
    headed = table([["Management action", "Value £000"], *ACTIONS[1:]])
    assert not records_from_tables([headed], document()).savings


def test_a_table_of_savings_delivered_by_management_action_is_still_savings() -> None:
    titled = table(ACTIONS, title="Savings delivered through management action")
    assert len(records_from_tables([titled], document()).savings) == 2


def test_a_trackers_mitigations_section_lists_savings() -> None:
    """A tracker's section headed "Mitigations" (rated, with delivery tracked) holds the savings
    replacing others: savings, though a table of management actions alone is not."""
    rows = [
        ["Ref", "Proposal", "Target £000", "Forecast delivery £000", "RAG"],
        ["Mitigations", "", "", "", ""],
        ["M1", "Extra income from traded services", "120", "120", "Green"],
    ]
    found = records_from_tables([table(rows)], document())
    assert [s.title for s in found.savings] == ["Extra income from traded services"]


def test_a_memorandum_lines_bracket_is_dropped_only_where_it_says_why_it_is_apart() -> None:
    from extract.tables.vocabulary import MEMORANDUM_LINE

    kept = MEMORANDUM_LINE.match("Memorandum: Schools Budget (DSG)")
    dropped = MEMORANDUM_LINE.match("Memo - High Needs (ring-fenced, outside the General Fund)")
    assert kept is not None and kept["name"] == "Schools Budget (DSG)"
    assert dropped is not None and dropped["name"] == "High Needs"


PORTFOLIOS = [
    ["Service (£000)", "Budget", "Forecast", "Variance"],
    ["Education Portfolio", "", "", ""],
    ["School support", "100", "110", "10"],
    ["Total Education", "100", "110", "10"],
    ["Grant-funded pupil premium", "50", "60", "10"],
    ["Housing Portfolio", "", "", ""],
    ["Homelessness", "200", "190", "-10"],
    ["Total Housing", "200", "190", "-10"],
]


def test_a_portfolio_heading_opens_the_group_its_total_closes() -> None:
    lines = {line.name: line for line in records_from_tables([table(PORTFOLIOS)], document()).budget_lines}
    assert lines["Homelessness"].directorate == "Housing"
    # a line between two portfolios is neither's: not Education's (closed), not Housing's
    assert lines["Grant-funded pupil premium"].directorate is None
    # Housing's total sums Housing's lines, not the line printed above its heading
    assert lines["Total Housing"].verification.value == "verified"


def test_a_repeated_row_of_column_headings_heads_no_line() -> None:
    rows = [
        *PORTFOLIOS[:4],
        ["Service (£000)", "Budget", "Forecast", "Variance"],
        ["Grant-funded pupil premium", "50", "60", "10"],
    ]
    lines = {line.name: line for line in records_from_tables([table(rows)], document()).budget_lines}
    assert lines["Grant-funded pupil premium"].directorate is None


def test_a_memorandum_line_is_named_as_the_line_it_notes() -> None:
    rows = [
        ["Portfolio", "Budget", "Forecast", "Variance"],
        ["Schools and Skills", "5,000", "5,400", "400"],
        ["Total", "5,000", "5,400", "400"],
        ["Memo: High Needs Block (ring-fenced, outside the total above)", "900", "1,000", "100"],
    ]
    memo = records_from_tables([table(rows)], document()).budget_lines[-1]
    assert (memo.name, memo.directorate) == ("High Needs Block", "High Needs Block")


def _printed_in(line: Any, locator: str) -> Any:
    return line.model_copy(update={"provenance": [prov(line.name, "report.pdf", locator)]})


def test_a_line_printed_as_a_memorandum_and_again_among_the_services_is_one_overspend() -> None:
    memo = budget("High Needs Block", "directorate", 40e6, 46e6, directorate="High Needs Block")
    line = budget("High Needs Block", "service_line", 40e6, 46e6)
    flags = overspend_flags([_printed_in(memo, "page 2, row 9"), _printed_in(line, "page 4, row 3")])
    assert [f.subject for f in flags] == ["High Needs Block"]
    assert len(flags[0].provenance) == 2  # both printings cited


def test_fernleigh_portfolio_tables_are_budget_monitoring_with_the_slip_marked(fernleigh: Any) -> None:
    review, extraction = fernleigh
    assert not [s for s in extraction.savings if s.provenance[0].file.endswith(".pdf")]
    lines = {(b.name, b.provenance[0].page): b for b in extraction.budget_lines}
    care_leavers = lines["Care Leavers and Leaving Care Service", 4]
    assert (care_leavers.directorate, care_leavers.verification.value) == (
        "Children and Families",
        "contradicted",
    )
    assert lines["Total Children and Families", 4].verification.value == "verified"
    assert lines["Dedicated Schools Grant - High Needs Block", 4].directorate is None
    assert {row.scope for row in review.selection.dsg_rows} == {Scope.DSG_HIGH_NEEDS}
    assert all("Dedicated Schools" not in row.name for row in review.selection.service_lines)
    parts = {part.name: part.money.variance_gbp for part in review.position.children_scope.parts}
    assert parts == {"Children and Families": 7_760_000.0, "Learning and Inclusion": 3_377_000.0}
    assert review.savings_summary.target_gbp == 5_450_000.0  # the management actions are no savings
