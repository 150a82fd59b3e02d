"""Two stated totals of one document printing the same label are told apart by what they sit under."""

from __future__ import annotations

from domain_tables import document, table

from analyse.reserves import reserves
from extract.domain.from_tables import records_from_tables
from extract.records import Extraction

HEADING = [
    "MTFP Category",
    "Directorate",
    "Headline",
    "2025-26 £000's",
    "2026-27 £000's",
    "Core or Externally Funded",
]


def budget_rows() -> list[list[str]]:
    # Kent's Appendix F reserves pages: the same total twice, over core and external lines.
    return [
        HEADING,
        ["Contributions to reserves", "NAC", "General Reserves", "4,300.0", "13,500.0", "Core"],
        ["Contributions to reserves", "GET", "Highways renewals", "400.0", "0.0", "Core"],
        ["TOTAL CONTRIBUTIONS TO RESERVES", "", "", "4,700.0", "13,500.0", ""],
        ["Contributions to reserves", "CYPE", "DSG Safety Valve", "14,200.0", "14,200.0", "External"],
        ["TOTAL CONTRIBUTIONS TO RESERVES", "", "", "14,200.0", "14,200.0", ""],
        ["Pay", "CYPE", "Pay and Reward", "366.6", "297.8", "Core"],
        ["TOTAL PAY", "", "", "366.6", "297.8", ""],
    ]


def test_totals_of_one_label_carry_the_column_their_lines_share() -> None:
    totals = records_from_tables([table(budget_rows())], document()).mtfp_totals
    assert [(t.title, t.section) for t in totals] == [
        ("TOTAL CONTRIBUTIONS TO RESERVES", "Core or Externally Funded: Core"),
        ("TOTAL CONTRIBUTIONS TO RESERVES", "Core or Externally Funded: External"),
        ("TOTAL PAY", None),  # its label is its own
    ]
    assert totals[1].label == "TOTAL CONTRIBUTIONS TO RESERVES (Core or Externally Funded: External)"


def test_totals_whose_lines_share_nothing_that_differs_carry_no_section() -> None:
    rows = budget_rows()
    del rows[2]  # one line under each total, worded alike: only their figures differ
    rows[3][:3], rows[3][-1] = rows[1][:3], "Core"
    totals = records_from_tables([table(rows)], document()).mtfp_totals
    assert [t.section for t in totals] == [None, None, None]


def test_a_section_heading_above_tells_totals_apart_before_a_column() -> None:
    rows = [
        ["Category", "2025-26 £000", "2026-27 £000"],
        ["CORE FUNDED", "", ""],
        ["Contributions to reserves", "4,300.0", "13,500.0"],
        ["TOTAL CONTRIBUTIONS", "4,300.0", "13,500.0"],
        ["EXTERNALLY FUNDED", "", ""],
        ["Contributions to reserves", "14,200.0", "14,200.0"],
        ["TOTAL CONTRIBUTIONS", "14,200.0", "14,200.0"],
    ]
    totals = records_from_tables([table(rows)], document()).mtfp_totals
    assert [t.section for t in totals] == ["CORE FUNDED", "EXTERNALLY FUNDED"]


def test_the_reserves_a_pack_lists_name_each_total_by_its_section() -> None:
    found = records_from_tables([table(budget_rows())], document())
    labels = [r.label for r in reserves(Extraction(mtfp_totals=found.mtfp_totals))]
    assert labels == [
        "TOTAL CONTRIBUTIONS TO RESERVES (Core or Externally Funded: Core) (the table's total)",
        "TOTAL CONTRIBUTIONS TO RESERVES (Core or Externally Funded: External) (the table's total)",
    ]


def test_plan_lines_carry_their_funding_column_as_core_or_external() -> None:
    rows = [
        ["Category", "Directorate", "Headline", "2025-26 £000's", "2026-27 £000's", "Funding source"],
        ["Pressures", "CYPE", "Placements demand", "4,000.0", "1,000.0", "Core funded"],
        ["Pressures", "CYPE", "Supported accommodation", "1,200.0", "0.0", "Grant funded"],
        ["Pressures", "CYPE", "Leaving care", "300.0", "0.0", ""],
    ]
    pressures = records_from_tables([table(rows)], document()).pressures
    assert [(p.title, p.funding) for p in pressures] == [
        ("Placements demand", "core"),
        ("Supported accommodation", "external"),
        ("Leaving care", None),  # the cell says neither
    ]
