"""A plan's build by year: year column groups, a table continued over pages, an unresolved gap.
Kent's Appendix D (the 2025-28 plan over two pages) and generated PDFs of the layouts councils
use."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
import weasyprint
from domain_tables import document, pipeline_tables, table

from extract.domain.build import COUNCIL, builds_by_year_group, joined
from extract.domain.from_tables import records_from_tables
from extract.pdf.reader import read_pdf
from extract.records import BudgetBuild, Verification
from extract.verify.build import BUILD_IDENTITY, GAP_IDENTITY
from ingest.records import Document, Format

APPENDIX_D = "kent_cabinet_2025-01-30_appendixD_MTFP.pdf"
YEARS = ["2025-26", "2026-27", "2027-28"]
DETAIL_LINES = 60  # enough lines of demand for the table to run onto a second A4 page
# Each year: base + growth + reserves − savings − savings still to be found = net budget
# (2025-26: 120,400 + 9,000 − 300 − 3,500 − 0 = 125,600).
STEPS = [
    ("B1", "Base budget", ["120,400", "125,600", "129,900"]),
    *[(f"D{k}", f"Demand: placements line {k}", ["300", "200", "100"]) for k in range(1, DETAIL_LINES + 1)],
    ("G", "Total growth", ["9,000", "6,000", "3,000"]),
    ("S", "Total savings", ["-3,500", "-1,200", "-800"]),
    ("R", "Total reserves", ["-300", "0", "0"]),
    ("X", "Savings still to be found", ["0", "500", "1,900"]),
    ("N", "Net budget", ["125,600", "129,900", "130,200"]),
]


def plan_pdf(steps: list[tuple[str, str, list[str]]], repeat_header: bool = True) -> tuple[Document, bytes]:
    """A children's services plan with a reference column before the labels and one column per
    year; `repeat_header` prints the header again on the second page (a <thead>)."""
    heading = "".join(
        "<tr><th></th><th></th>" + "".join(f"<th class=n>{cell}</th>" for cell in cells) + "</tr>"
        for cells in (YEARS, ["£000s"] * len(YEARS))
    )
    rows = "".join(
        f"<tr><td>{ref}</td><td>{label}</td>" + "".join(f"<td class=n>{c}</td>" for c in cells) + "</tr>"
        for ref, label, cells in steps
    )
    body = (
        f"<thead>{heading}</thead><tbody>{rows}</tbody>"
        if repeat_header
        else f"<tbody>{heading}{rows}</tbody>"
    )
    style = (
        "@page { size: A4; margin: 2cm; } body { font-family: sans-serif; font-size: 10pt; }"
        " td, th { padding: 2pt 14pt 2pt 0; } td.n, th.n { text-align: right; }"
    )
    html = (
        f"<html><head><style>{style}</style></head><body>"
        f"<h2>Children's Services medium term financial plan 2025-28</h2><table>{body}</table></body></html>"
    )
    data = weasyprint.HTML(string=html).write_pdf()
    doc = Document(
        file="plan.pdf", sha256=hashlib.sha256(data).hexdigest(), size=len(data), format=Format.PDF
    )
    return doc, data


def plan_builds(
    steps: list[tuple[str, str, list[str]]], repeat_header: bool = True
) -> dict[str, BudgetBuild]:
    doc, data = plan_pdf(steps, repeat_header)
    tables = read_pdf(doc, data).tables
    assert [t.page for t in tables] == [1, 2]  # the table runs over two pages
    return {b.period: b for b in records_from_tables(tables, doc).budget_builds}


@pytest.mark.parametrize("repeat_header", [True, False], ids=["header repeated", "no header on page 2"])
def test_a_childrens_plan_over_two_pages_gives_each_years_build_verified(repeat_header: bool) -> None:
    builds = plan_builds(STEPS, repeat_header)
    assert list(builds) == YEARS
    assert {(b.name, b.level) for b in builds.values()} == {("Children's Services", "directorate")}
    assert {b.verification for b in builds.values()} == {Verification.VERIFIED}
    later = builds["2027-28"]
    assert (later.base_gbp, later.growth_gbp, later.savings_gbp) == (129_900_000.0, 3_000_000.0, 800_000.0)
    assert (later.other_gbp, later.gap_gbp, later.new_budget_gbp) == (0.0, 1_900_000.0, 130_200_000.0)
    assert later.checks[0].identity == GAP_IDENTITY
    # The base is cited on page 1, the new budget and the gap on page 2, each by its own label.
    by_label = {p.text.split(" | ")[0]: p for p in later.provenance}
    assert by_label["Base budget"].page == 1
    assert by_label["Net budget"].page == 2 and by_label["Savings still to be found"].page == 2
    assert by_label["Net budget"].text == "Net budget | Children's Services 2027-28 | 130,200"


def test_a_wrong_figure_makes_its_year_contradicted_and_no_other() -> None:
    steps = [(ref, label, list(cells)) for ref, label, cells in STEPS]
    steps[-1][2][1] = "129,400"  # 2026-27: 125,600 + 6,000 − 1,200 − 500 is 129,900
    builds = plan_builds(steps)
    assert builds["2026-27"].verification is Verification.CONTRADICTED
    assert "the new budget printed is £129.4m" in builds["2026-27"].checks[0].detail
    assert {builds[y].verification for y in ("2025-26", "2027-28")} == {Verification.VERIFIED}


def test_leaving_out_the_gap_contradicts_the_years_that_print_one() -> None:
    builds = plan_builds([s for s in STEPS if s[0] != "X"])
    assert builds["2025-26"].verification is Verification.VERIFIED  # its gap is 0
    assert {builds[y].verification for y in ("2026-27", "2027-28")} == {Verification.CONTRADICTED}


def test_a_table_on_the_next_page_under_a_different_header_is_not_joined() -> None:
    first = table([["", "2025-26", "2026-27"], ["Base budget", "1.0", "2.0"]], page=1, title="Plan 2025-27")
    other = table([["", "Q1", "Q2"], ["Net budget", "1.0", "2.0"]], page=2)
    later = table([["", "2025-26", "2026-27"], ["Net budget", "1.0", "2.0"]], page=3)
    sheets = joined([first, other, later], ["t1", "t2", "t3"])
    assert len(sheets) == 3
    assert len(joined([first, later.model_copy(update={"page": 2})], ["t1", "t2"])) == 1
    for title, parts in (("Plan 2025-27 (continued)", 1), ("Plan 2025-27", 1), ("Capital plan 2025-27", 2)):
        titled = later.model_copy(update={"page": 2, "title": title})
        assert len(joined([first, titled], ["t1", "t2"])) == parts, title


def test_the_label_column_is_the_one_naming_the_steps_not_the_first() -> None:
    rows = [
        ["Ref", "", "2025-26", "2026-27"],
        ["", "", "£m", "£m"],
        ["B", "Base budget", "100.0", "104.0"],
        ["G", "Growth", "6.0", "5.0"],
        ["S", "Savings", "-2.0", "-1.0"],
        ["N", "Net budget", "104.0", "108.0"],
    ]
    builds = builds_by_year_group(table(rows, title="Revenue plan 2025-27", header_rows=2), "t", document())
    assert [(b.name, b.level, b.period, b.new_budget_gbp) for b in builds] == [
        (COUNCIL, "council", "2025-26", 104_000_000.0),
        (COUNCIL, "council", "2026-27", 108_000_000.0),
    ]
    assert [b.checks[0].identity for b in builds] == [BUILD_IDENTITY, BUILD_IDENTITY]
    assert {b.verification for b in builds} == {Verification.VERIFIED}


@pytest.fixture(scope="module")
def kent_plan(kent_dir: Path) -> dict[str, BudgetBuild]:
    doc, tables = pipeline_tables(kent_dir / APPENDIX_D)
    return {b.period: b for b in records_from_tables(tables, doc).budget_builds}


def test_kents_appendix_d_gives_each_years_council_build_across_its_two_pages(
    kent_plan: dict[str, BudgetBuild],
) -> None:
    # Page 1: Revised Base, TOTAL SPENDING, TOTAL SAVINGS, INCOME & GRANT; page 2: TOTAL RESERVES,
    # the two unresolved balances, NET BUDGET; each year's Total £000s column.
    assert list(kent_plan) == ["2024-25", "2025-26", "2026-27", "2027-28"]
    assert {(b.name, b.level) for b in kent_plan.values()} == {(COUNCIL, "council")}
    assert {b.verification for b in kent_plan.values()} == {Verification.VERIFIED}
    year = kent_plan["2026-27"]
    assert year.base_gbp == pytest.approx(1_529_659_500.0)
    assert year.growth_gbp == pytest.approx(78_158_500.0)
    assert year.savings_gbp == pytest.approx(12_909_300.0)
    assert year.other_gbp == pytest.approx(29_103_400.0)
    assert year.gap_gbp == pytest.approx(20_108_000.0)  # -3,108.0 and -17,000.0 unresolved
    assert year.new_budget_gbp == pytest.approx(1_603_904_100.0)
    assert kent_plan["2027-28"].gap_gbp == pytest.approx(15_580_100.0)  # 2,819.9 surplus, -18,400.0
    assert kent_plan["2025-26"].gap_gbp is None and kent_plan["2025-26"].checks[0].identity == BUILD_IDENTITY
    pages = {p.text.split(" | ")[0]: p.page for p in year.provenance}
    assert pages == {
        "NET BUDGET": 2,
        "Revised Base": 1,
        "TOTAL SPENDING": 1,
        "TOTAL SAVINGS, INCOME & GRANT": 1,
        "TOTAL RESERVES": 2,
        "UNRESOLVED BALANCE / SURPLUS": 2,
        "ADULT SOCIAL CARE FUNDING UNRESOLVED BALANCE": 2,
    }


def test_a_joined_tables_label_column_counts_the_step_names_of_every_page() -> None:
    # Page 1 names two steps in its second column; its continuation names one in its first.
    # Joined, the label column is the one the whole table's rows name most, as for one table.
    heading = ["", "", "2025-26"]
    first = table([heading, ["", "Base budget", "100.0"], ["", "Growth", "5.0"]], page=1)
    later = table([heading, ["Savings", "", "-2.0"]], page=2)
    (sheet,) = joined([first, later], ["t1", "t2"])
    (whole,) = joined([table([heading, *first.rows[1:], *later.rows[1:]], page=1)], ["t1"])
    assert sheet.table.rows == whole.table.rows
    assert sheet.label == whole.label == 1
