"""Next year's budget build read from budget tables: Kent's Appendix E and small tables by hand."""

from __future__ import annotations

from pathlib import Path

import pytest
from domain_tables import document, pipeline_tables, table

from extract.domain.build import builds_by_column_group, builds_by_rows
from extract.domain.from_tables import records_from_tables
from extract.records import BudgetBuild, Verification
from extract.verify.build import BUILD_IDENTITY

APPENDIX_E = "kent_cabinet_2025-01-30_appendixE_budget_by_directorate.pdf"


@pytest.fixture(scope="module")
def kent_builds(kent_dir: Path) -> dict[str, BudgetBuild]:
    doc, tables = pipeline_tables(kent_dir / APPENDIX_E)
    return {b.name: b for b in records_from_tables(tables, doc).budget_builds}


def test_kents_cype_build_is_read_from_its_total_column_and_verified(
    kent_builds: dict[str, BudgetBuild],
) -> None:
    # Page 1, CYPE's Total £000s column: Revised Base 429,934.0; TOTAL SPENDING 71,779.5;
    # TOTAL SAVINGS, INCOME & GRANT -34,289.0; TOTAL RESERVES -18,740.0; NET BUDGET 448,684.5.
    cype = kent_builds["CYPE"]
    assert (cype.level, cype.period) == ("directorate", "2025-26")
    assert cype.base_gbp == pytest.approx(429_934_000.0)
    assert cype.growth_gbp == pytest.approx(71_779_500.0)
    assert cype.savings_gbp == pytest.approx(34_289_000.0)  # the cut, printed as a negative
    assert cype.other_gbp == pytest.approx(-18_740_000.0)
    assert cype.new_budget_gbp == pytest.approx(448_684_500.0)
    assert cype.verification is Verification.VERIFIED
    assert [c.identity for c in cype.checks] == [BUILD_IDENTITY]
    first = cype.provenance[0]
    assert first.page == 1 and first.text == "NET BUDGET | CYPE | 448,684.5"
    assert [p.text.split(" | ")[0] for p in cype.provenance[1:]] == [
        "Revised Base",
        "TOTAL SPENDING",
        "TOTAL SAVINGS, INCOME & GRANT",
        "TOTAL RESERVES",
        "TOTAL SPENDING",  # the core column's, last
    ]


def test_kents_cype_build_keeps_its_core_growth_beside_the_total(kent_builds: dict[str, BudgetBuild]) -> None:
    # Page 1, CYPE's Core £000s column: TOTAL SPENDING 40,335.3 of the total 71,779.5 (External 31,444.2).
    cype = kent_builds["CYPE"]
    assert cype.core_growth_gbp == pytest.approx(40_335_300.0)
    assert cype.provenance[-1].text == "TOTAL SPENDING | CYPE core | 40,335.3"
    assert kent_builds["TOTAL"].core_growth_gbp == pytest.approx(150_418_600.0)
    assert kent_builds["CED"].core_growth_gbp is None  # a group of one column, no total beside it


def test_kents_council_wide_build_is_the_councils_and_every_column_adds_up(
    kent_builds: dict[str, BudgetBuild],
) -> None:
    whole = kent_builds["TOTAL"]
    assert whole.level == "council"
    assert whole.base_gbp == pytest.approx(1_429_506_800.0)  # Revised Base, not the Original
    assert whole.new_budget_gbp == pytest.approx(1_529_659_500.0)
    assert {b.verification for b in kent_builds.values()} == {Verification.VERIFIED}
    # NAC prints its savings, income and grant as +11,023.9: a net addition, not a cut.
    assert kent_builds["NAC"].savings_gbp == pytest.approx(-11_023_900.0)


BOOK = [
    ["MTFP Category", "TOTAL", "", "Children's Services", "", "Adults", ""],
    ["", "Core £000s", "Total £000s", "Core £000s", "Total £000s", "Core £000s", "Total £000s"],
    ["Base budget", "900.0", "900.0", "400.0", "400.0", "500.0", "500.0"],
    ["Total spending", "80.0", "80.0", "50.0", "50.0", "30.0", "30.0"],
    ["Total savings", "-30.0", "-30.0", "-10.0", "-10.0", "-20.0", "-20.0"],
    ["Net budget", "950.0", "950.0", "440.0", "440.0", "510.0", "510.0"],
]


def _book(rows: list[list[str]]) -> list[BudgetBuild]:
    return builds_by_column_group(table(rows, title="2026-27 budget by directorate"), "table 1", document())


def test_a_budget_book_whose_steps_arrive_at_its_net_budgets_is_verified() -> None:
    builds = _book(BOOK)
    assert [(b.name, b.level, b.savings_gbp, b.new_budget_gbp) for b in builds] == [
        ("TOTAL", "council", 30_000.0, 950_000.0),
        ("Children's Services", "directorate", 10_000.0, 440_000.0),
        ("Adults", "directorate", 20_000.0, 510_000.0),
    ]
    assert {b.verification for b in builds} == {Verification.VERIFIED}


def test_a_budget_books_core_column_gives_each_groups_core_growth() -> None:
    rows = [list(r) for r in BOOK]
    rows[3][3] = "45.0"  # Children's Services: 45 of its 50 growth is core
    builds = {b.name: b for b in _book(rows)}
    assert builds["Children's Services"].core_growth_gbp == 45_000.0
    assert builds["Adults"].core_growth_gbp == 30_000.0
    rows[1] = [c.replace("Core", "Gross") for c in rows[1]]  # no column headed core: none
    assert {b.core_growth_gbp for b in _book(rows)} == {None}


def test_a_directorate_whose_net_budget_is_misprinted_is_contradicted() -> None:
    rows = [list(r) for r in BOOK]
    rows[5][4] = "450.0"  # Children's Services' Total: 400 + 50 - 10 is 440, not 450
    builds = {b.name: b for b in _book(rows)}
    assert builds["Children's Services"].verification is Verification.CONTRADICTED
    assert "the new budget printed is £0.45m" in builds["Children's Services"].checks[0].detail
    assert builds["Adults"].verification is Verification.VERIFIED


def test_savings_printed_as_positive_cuts_are_taken_off() -> None:
    rows = [[c.lstrip("-") for c in r] for r in BOOK]
    builds = _book(rows)
    assert [b.savings_gbp for b in builds] == [30_000.0, 10_000.0, 20_000.0]
    assert {b.verification for b in builds} == {Verification.VERIFIED}


def test_a_table_without_a_base_row_gives_no_build() -> None:
    assert _book([r for r in BOOK if r[0] != "Base budget"]) == []


SIMPLE = [
    ["", "£m"],
    ["Base budget 2025-26", "120.4"],
    ["Growth", "9.3"],
    ["Savings", "-4.1"],
    ["Other changes", "-0.5"],
    ["Proposed budget 2026-27", "125.1"],
]


def _rows(rows: list[list[str]], title: str = "Children's Services budget 2026-27") -> list[BudgetBuild]:
    return builds_by_rows(table(rows, title=title, header_rows=1), "table 2", document())


def test_a_directorates_build_in_rows_is_read_and_verified() -> None:
    [build] = _rows(SIMPLE)
    assert (build.name, build.level, build.period) == ("Children's Services", "directorate", "2026-27")
    assert (build.base_gbp, build.growth_gbp, build.savings_gbp) == (120_400_000.0, 9_300_000.0, 4_100_000.0)
    assert (build.other_gbp, build.new_budget_gbp) == (-500_000.0, 125_100_000.0)
    assert build.verification is Verification.VERIFIED


def test_a_build_in_rows_that_does_not_add_up_is_contradicted() -> None:
    rows = [list(r) for r in SIMPLE]
    rows[5][1] = "125.4"  # 120.4 + 9.3 - 4.1 - 0.5 is 125.1
    [build] = _rows(rows)
    assert build.verification is Verification.CONTRADICTED


def test_a_build_in_rows_whose_title_names_nobody_gives_none() -> None:
    assert _rows(SIMPLE, title="2026-27") == []


def test_kents_cype_savings_step_keeps_its_label_and_names_grant_and_cost_avoidance_apart(
    kent_builds: dict[str, BudgetBuild],
) -> None:
    # Page 1, CYPE Total: "TOTAL SAVINGS, INCOME & GRANT" -34,289.0 is "Transformation - Future
    # Cost Increase Avoidance" -10,600.0, "Income" -148.4, "Increases in Grants and
    # Contributions" -13,104.2 and the savings rows (-2,450.0 - 1,891.5 + 0.0 - 6,094.9).
    cype = kent_builds["CYPE"]
    assert cype.savings_label == "TOTAL SAVINGS, INCOME & GRANT"
    parts = {p.kind: p.amount_gbp for p in cype.savings_parts}
    assert parts == {
        "cost avoidance": pytest.approx(10_600_000.0),
        "saving": pytest.approx(10_436_400.0),
        "income": pytest.approx(148_400.0),
        "grant": pytest.approx(13_104_200.0),
    }
    assert cype.savings_gbp == pytest.approx(sum(parts.values()))  # the step itself is unchanged
    (grant,) = [p for p in cype.savings_parts if p.kind == "grant"]
    assert grant.rows == ["Increases in Grants and Contributions"] and grant.provenance[0].page == 1


def test_a_savings_step_whose_rows_do_not_add_up_to_it_gives_no_parts() -> None:
    rows = [list(r) for r in BOOK]
    rows[4:4] = [["Income", "-5.0", "-5.0", "-4.0", "-4.0", "-1.0", "-1.0"]]
    rows[4:4] = [["Efficiency", "-25.0", "-25.0", "-6.0", "-6.0", "-19.0", "-19.0"]]
    builds = {b.name: b for b in _book(rows)}
    children = builds["Children's Services"]
    assert {p.kind: p.amount_gbp for p in children.savings_parts} == {"saving": 6_000.0, "income": 4_000.0}
    rows[5][4] = "-3.0"  # 6 + 3 is not the 10 the total prints
    assert _book(rows)[1].savings_parts == []


def test_kents_budget_book_states_the_earlier_savings_it_removes_in_each_core_column(
    kent_builds: dict[str, BudgetBuild],
) -> None:
    """Appendix E's memorandum row "Removal of undelivered/temporary savings & grant": none of the
    council's £32.8m core (Main report table 7.4) is CYPE's; its £3.3m external is grant."""
    cype, council = kent_builds["CYPE"].savings_removed, kent_builds["TOTAL"].savings_removed
    assert cype is not None and council is not None
    assert (cype.amount_gbp, council.amount_gbp) == (0.0, pytest.approx(32_840_300.0))
    assert cype.rows == ["Removal of undelivered/temporary savings & grant"]
    assert cype.provenance[0].text == "Removal of undelivered/temporary savings & grant | CYPE core | 0.0"
    assert kent_builds["ASCH"].savings_removed.amount_gbp == pytest.approx(14_942_200.0)  # type: ignore[union-attr]


def test_a_budget_book_without_a_row_of_savings_removed_states_none() -> None:
    rows = [list(r) for r in BOOK]
    assert {b.savings_removed for b in _book(rows)} == {None}
    rows.insert(5, ["Memo: removal of unachieved savings", "6.0", "7.0", "0.0", "1.0", "6.0", "6.0"])
    removed = {b.name: b.savings_removed for b in _book(rows)}
    assert removed["Adults"] is not None and removed["Adults"].amount_gbp == 6_000.0  # its core column
    assert removed["Children's Services"] is not None and removed["Children's Services"].amount_gbp == 0.0
