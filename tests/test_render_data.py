"""The data workbook: a sheet per record kind, provenance on every row, formulas escaped."""

from __future__ import annotations

import io
import json
import re
from pathlib import Path

import pytest
from domain_tables import pipeline_tables
from hypothesis import given
from hypothesis import strategies as st
from openpyxl import load_workbook
from openpyxl.utils import get_column_letter
from openpyxl.workbook.workbook import Workbook

from extract.domain.from_tables import records_from_tables
from extract.domain.risks import risks_from_tables
from extract.records import Figure, FigureUnit, Provenance, Risk
from render import fmt, views
from render.data import escape_cell, render_json, render_xlsx
from tests.refs_check import workbook_problems
from tests.render_samples import parts_sample, sample

SHEETS = [
    "Savings",
    "Savings by year",
    "Savings by category",
    "Pressures",
    "Pressures by year",
    "Budget lines",
    "Figures",
    "Statements",
    "Benchmarks",
    "Benchmark trends",
    "Flags",
    "Savings judged",
    "Risks",
    "Reserves",
    "Budget build",
    "DSG",
    "Documents",
]


def workbook(review_and_extraction: tuple = ()) -> Workbook:  # type: ignore[type-arg]
    review, extraction = review_and_extraction or sample()
    return load_workbook(io.BytesIO(render_xlsx(review, extraction)))


def headers(sheet) -> list[str]:  # type: ignore[no-untyped-def]
    return [c.value for c in sheet[1]]


def test_the_workbook_has_a_sheet_per_record_kind_with_a_row_per_record() -> None:
    review, extraction = sample()
    book = workbook((review, extraction))
    assert [s.title for s in book.worksheets if s.sheet_state == "visible"] == ["README", *SHEETS]
    assert book.sheetnames == ["README", *SHEETS] + [f"{name} refs" for name in SHEETS]
    assert book["Savings"].max_row == len(extraction.savings) + 1
    assert book["Savings by year"].max_row == sum(len(s.planned) for s in extraction.savings) + 1
    assert book["Pressures"].max_row == sum(len(p.planned) for p in extraction.pressures) + 1
    assert book["Benchmarks"].max_row == len(review.benchmarks) + 1
    assert (
        book["Benchmark trends"].max_row
        == sum(len(b.trend) + len(b.neighbours_trend) + len(b.england_trend) for b in review.benchmarks) + 1
    )


def test_every_number_cell_is_traced_to_the_record_field_it_holds() -> None:
    review, extraction = sample()
    data = render_xlsx(review, extraction)
    traced = sum(
        1
        for row in load_workbook(io.BytesIO(data))["Savings refs"].iter_rows(min_row=2)
        for c in row
        if c.value
    )
    assert traced > 3 * len(extraction.savings)
    assert workbook_problems(data, review.model_dump(mode="json"), extraction.model_dump(mode="json")) == []


def test_changing_one_value_in_the_records_fails_the_workbook_check() -> None:
    review, extraction = sample()
    data = render_xlsx(review, extraction)
    wrong = extraction.model_dump(mode="json")
    wrong["savings"][2]["target_gbp"] += 1
    found = workbook_problems(data, review.model_dump(mode="json"), wrong)
    target = get_column_letter(headers(load_workbook(io.BytesIO(data))["Savings"]).index("Target (£)") + 1)
    assert (
        len(found) == 1
        and found[0].startswith(f"Savings!{target}4: ")
        and "extraction.json#/savings/2/target_gbp" in found[0]
    )
    bench = review.model_dump(mode="json")
    bench["benchmarks"][0]["trend"][0]["value"] += 1
    value = get_column_letter(headers(load_workbook(io.BytesIO(data))["Benchmark trends"]).index("Value") + 1)
    assert workbook_problems(data, bench, extraction.model_dump(mode="json"))[0].startswith(
        f"Benchmark trends!{value}2: "
    )


def test_a_number_cell_without_a_ref_fails_the_workbook_check() -> None:
    review, extraction = sample()
    book = load_workbook(io.BytesIO(render_xlsx(review, extraction)))
    book["Flags"]["A2"] = 12.5
    out = io.BytesIO()
    book.save(out)
    found = workbook_problems(
        out.getvalue(), review.model_dump(mode="json"), extraction.model_dump(mode="json")
    )
    assert found == ["Flags!A2: 12.5 has no ref"]


def test_every_row_carries_its_source_file_page_locator_and_text() -> None:
    book = workbook()
    for name in SHEETS[:-1]:
        sheet = book[name]
        cols = headers(sheet)
        at = {h: cols.index(h) for h in ("Source file", "Page", "Locator", "Source text")}
        for row in sheet.iter_rows(min_row=2, values_only=True):
            assert row[at["Source file"]] and row[at["Locator"]] and row[at["Source text"]], (name, row)
    budget = book["Budget lines"]
    first = dict(zip(headers(budget), next(budget.iter_rows(min_row=2, values_only=True)), strict=True))
    assert first["Source file"] == "CYP budget monitoring Q2 2024-25.pdf" and first["Page"] == 6


def test_headers_are_frozen_and_filtered_and_money_has_a_number_format() -> None:
    book = workbook()
    for sheet in (s for s in book.worksheets if s.sheet_state == "visible"):
        assert sheet.freeze_panes == "A2"
        assert sheet.auto_filter.ref == sheet.dimensions
    savings = book["Savings"]
    target = headers(savings).index("Target (£)") + 1
    cell = savings.cell(row=2, column=target)
    assert cell.value == 1_850_000 and "£" in cell.number_format


def test_the_readme_says_the_units_signs_scopes_and_statuses() -> None:
    readme = dict(workbook()["README"].iter_rows(min_row=2, values_only=True))
    assert "in pounds" in readme["Units"] and "overspend" in readme["Signs"]
    assert "Scope: Children's social care" in readme and "Scope: DSG / High Needs (ring-fenced)" in readme
    assert {"Status: verified", "Status: unchecked", "Status: contradicted", "Reviewed"} <= set(readme)


def test_a_corrected_figure_is_marked_and_shaded_and_a_confirmed_one_marked() -> None:
    from extract.records import Reviewed

    review, extraction = sample()
    fixed, seen = extraction.budget_lines[0], extraction.budget_lines[1]
    corrected = Reviewed(
        action="corrected",
        by="r@lga.gov.uk",
        at="2026-12-06T03:00:00+00:00",
        field="forecast_gbp",
        old=1.0,
        new=2.0,
    )
    confirmed = Reviewed(action="confirmed", by="s@lga.gov.uk", at="2026-12-05T10:00:00+00:00")
    lines = [
        fixed.model_copy(update={"forecast_gbp": 2.0, "reviewed": [corrected]}),
        seen.model_copy(update={"reviewed": [confirmed]}),
        *extraction.budget_lines[2:],
    ]
    book = workbook((review, extraction.model_copy(update={"budget_lines": lines})))
    sheet = book["Budget lines"]
    cols = headers(sheet)
    rows = list(sheet.iter_rows(min_row=2))
    reviewed = cols.index("Reviewed")
    assert rows[0][reviewed].value == "Corrected by r@lga.gov.uk on 6 Dec 2026: forecast £2 (was £1)"
    assert rows[1][reviewed].value == "Confirmed by s@lga.gov.uk on 5 Dec 2026"
    assert rows[2][reviewed].value is None
    forecast, budget = cols.index("Forecast (£)"), cols.index("Budget (£)")
    assert rows[0][forecast].fill.fgColor.rgb.endswith("FFF2CC")
    assert not rows[0][budget].fill.fgColor.rgb.endswith("FFF2CC")
    assert not rows[1][forecast].fill.fgColor.rgb.endswith("FFF2CC")
    assert rows[0][cols.index("Status")].value in ("verified", "unchecked", "contradicted")


def test_money_figures_are_in_pounds_and_other_figures_apart() -> None:
    sheet = workbook()["Figures"]
    cols = headers(sheet)
    for row in sheet.iter_rows(min_row=2, values_only=True):
        money, other, unit = (
            row[cols.index("Amount (£)")],
            row[cols.index("Value (not money)")],
            row[cols.index("Unit")],
        )
        # the unit in words (render.fmt.unit_name): money is "£"
        assert (money is not None) == (unit == "£") and (other is not None) == (unit != "£")


def test_text_that_would_start_a_formula_is_escaped() -> None:
    review, extraction = sample()
    bad = Provenance(
        file='=HYPERLINK("http://x","y").pdf',
        sha256="0" * 64,
        page=1,
        bbox=None,
        locator="@SUM(A1)",
        text="+cmd|' /C calc'!A0",
    )
    figure = Figure(value=1.0, unit=FigureUnit.COUNT, label="-2+3", text="=1+1", provenance=[bad])
    book = workbook((review, extraction.model_copy(update={"figures": [figure]})))
    row = next(book["Figures"].iter_rows(min_row=2))
    values = {c.value for c in row if isinstance(c.value, str)}
    assert {
        "'-2+3",
        "'=1+1",
        '\'=HYPERLINK("http://x","y").pdf',
        "'@SUM(A1)",
        "'+cmd|' /C calc'!A0",
    } <= values
    assert all(c.data_type != "f" for c in row)


@given(st.text())
def test_no_escaped_cell_can_be_read_as_a_formula(text: str) -> None:
    escaped = escape_cell(text)
    assert not escaped.startswith(("=", "+", "-", "@", "\t", "\r"))
    assert escaped in (text, "'" + text)


def test_json_of_a_record_round_trips() -> None:
    review, _ = sample()
    assert json.loads(render_json(review)) == review.model_dump(mode="json")


def test_halves_are_rounded_up_as_a_finance_reader_rounds_them() -> None:
    from render.fmt import money_k, money_m, percent

    assert (money_m(9.96e6), money_m(1.251e6), money_m(-1.249e6)) == ("£10.0m", "£1.3m", "-£1.2m")
    assert (money_k(1_500.0), money_k(-2_500.0), money_k(-400.0)) == ("2", "(3)", "0")
    assert percent(12.45, 1) == "12.5%"


def test_a_sum_on_a_half_of_the_printed_place_is_written_as_itself_so_neither_rounding_contradicts_it() -> (
    None
):
    from analyse.wording import gbp
    from render.fmt import money_m, signed_m

    # a £000 table's 5,050 is £5.0m in one report's words and £5.1m in another's: the pack says £5.05m
    assert (money_m(5_050_000.0), signed_m(5_050_000.0), money_m(-1.25e6)) == ("£5.05m", "+£5.05m", "-£1.25m")
    assert money_m((1.1 + 3.95) * 1e6) == "£5.05m"  # a half reached by adding floats (5,050,000.000000001)
    assert (money_m(5_049_000.0), money_m(5_051_000.0), money_m(5.05e6, 2)) == ("£5.0m", "£5.1m", "£5.05m")
    assert money_m(5_005_000.0, 2) == "£5.005m"
    assert gbp(5_050_000.0) == "£5.05m"  # the analysis's own wording, the same rule


def test_ofsted_grades_are_words() -> None:
    from render.fmt import by_unit

    grade = "grade_1_outstanding_4_inadequate"
    assert by_unit(3, grade) == "Requires improvement"
    # a neighbours' median between two grades is said in words, never as a number like 2.5
    assert by_unit(2.5, grade) == "Good to requires improvement"
    assert by_unit(1.0, grade) == "Outstanding" and by_unit(4.0, grade) == "Inadequate"


def test_next_years_budget_build_is_a_sheet_traced_to_the_builds_the_review_chose() -> None:
    review, extraction = sample()
    data = render_xlsx(review, extraction)
    book = load_workbook(io.BytesIO(data))
    sheet, refs = book["Budget build"], book["Budget build refs"]
    rows = list(sheet.iter_rows(min_row=2, values_only=True))
    build = review.selection.budget_build
    assert build is not None and review.selection.council_build is not None
    assert [r[:3] for r in rows] == [
        ("Children's directorate", build.name, build.period),
        ("Council-wide", review.selection.council_build.name, review.selection.council_build.period),
    ]
    at = headers(sheet).index("New budget (£)") + 1
    assert sheet.cell(row=2, column=at).value == build.new_budget_gbp
    assert "review.json#/selection/budget_build/new_budget_gbp" in refs.cell(row=2, column=at).value.split()
    assert refs.sheet_state == "hidden"
    wrong = review.model_dump(mode="json")
    wrong["selection"]["budget_build"]["new_budget_gbp"] += 1_000
    found = workbook_problems(data, wrong, extraction.model_dump(mode="json"))
    letter = sheet.cell(row=2, column=at).column_letter
    assert found == [
        f"Budget build!{letter}2: {sheet.cell(row=2, column=at).value} is not "
        f"review.json#/selection/budget_build/new_budget_gbp = {build.new_budget_gbp + 1_000}"
    ]


def test_the_savings_target_by_the_plans_categories_is_a_sheet_traced_to_its_parts() -> None:
    review, extraction = parts_sample()
    data = render_xlsx(review, extraction)
    book = load_workbook(io.BytesIO(data))
    sheet = book["Savings by category"]
    rows = [dict(zip(headers(sheet), r, strict=True)) for r in sheet.iter_rows(min_row=2, values_only=True)]
    parts = review.savings_summary.parts
    assert [(r["Category"], r["Kind"], r["Amount (£)"], r["Lines"]) for r in rows] == [
        (p.category, p.kind.value, p.amount_gbp, p.lines) for p in parts
    ]
    # what counts against the base adds to the summary's own figure
    against = sum(r["Amount (£)"] for r in rows if r["Against the base budget"])
    assert against == review.savings_summary.against_base_gbp
    assert [r["Source file"] for r in rows] == [p.provenance[0].file for p in parts]
    assert book["Savings by category"].max_row == 1 + len(parts)
    assert workbook(sample())["Savings by category"].max_row == 1  # none where no line has a category
    wrong = review.model_dump(mode="json")
    wrong["savings_summary"]["parts"][0]["amount_gbp"] += 1_000
    found = workbook_problems(data, wrong, extraction.model_dump(mode="json"))
    assert len(found) == 1 and found[0].startswith("Savings by category!")


def test_the_build_sheet_gives_the_savings_row_as_printed_and_its_parts_by_kind() -> None:
    review, extraction = parts_sample()
    data = render_xlsx(review, extraction)
    sheet = load_workbook(io.BytesIO(data))["Budget build"]
    rows = [dict(zip(headers(sheet), r, strict=True)) for r in sheet.iter_rows(min_row=2, values_only=True)]
    build = review.selection.budget_build
    assert build is not None
    assert rows[0]["Savings row as printed"] == build.savings_label
    for p in build.savings_parts:
        column = f"{fmt.sentence(views.BUILD_PART_WORDS[p.kind])} (£)"
        assert (rows[0][column], rows[1][column]) == (p.amount_gbp, None)  # the council's build prints none
    assert not [h for h in headers(sheet) if "cost avoidance" in h]  # a kind no build prints
    assert not [h for h in headers(workbook(sample())["Budget build"]) if h.startswith("Of which")]
    wrong = review.model_dump(mode="json")
    wrong["selection"]["budget_build"]["savings_parts"][0]["amount_gbp"] += 1_000
    found = workbook_problems(data, wrong, extraction.model_dump(mode="json"))
    assert len(found) == 1 and found[0].startswith("Budget build!")


def test_pressures_by_year_keep_ring_fenced_lines_apart_and_set_the_total_against_the_build() -> None:
    from analyse.records import GrowthCheck

    review, extraction = sample()
    table = review.selection.pressures
    build = review.selection.budget_build
    assert build is not None and build.growth_gbp is not None
    rest = [None] * (len(table.years) - 1)
    first = table.totals[0] or 0
    fenced = table.model_copy(
        update={"ring_fenced": [-15_600_000.0, *rest], "general_fund": [first + 15_600_000.0, *rest]}
    )
    check = GrowthCheck(
        period=table.years[0], build_name=build.name, pressures_gbp=first, growth_gbp=first + 1_000_000.0,
        difference_gbp=-1_000_000.0, agree=False, provenance=build.provenance,
    )  # fmt: skip
    selection = review.selection.model_copy(update={"pressures": fenced, "growth_checks": [check]})
    sheet = workbook((review.model_copy(update={"selection": selection}), extraction))["Pressures by year"]
    at = {h: i for i, h in enumerate(headers(sheet))}
    row = [c.value for c in sheet[2]]
    assert row[at["Year"]] == table.years[0]
    assert row[at["General Fund pressures (£)"]] == first + 15_600_000.0
    assert row[at["Ring-fenced pressures (DSG / High Needs), change on the year before (£)"]] == -15_600_000.0
    assert row[at["All pressures listed, ring-fenced changes included (£)"]] == first
    assert row[at["Pressures less build growth (£)"]] == -1_000_000.0
    assert row[at["Agree with the build"]] is False
    assert sheet.max_row == 1 + sum(t is not None for t in table.totals)


def test_a_pressures_year_cites_the_lines_it_sums_and_not_a_line_nil_that_year() -> None:
    # Kent's Appendix F p1: the disabled children's £4m base budget change is 2025-26's alone (0.0
    # in 2026-27 and 2027-28), and it was those years' first source.
    review, extraction = sample()
    table = review.selection.pressures
    first = table.rows[0]
    nil_later = first.model_copy(update={"amounts": [first.amounts[0], *[0.0] * (len(table.years) - 1)]})
    totals = [t if i == 0 else (t or 0) - (first.amounts[i] or 0) for i, t in enumerate(table.totals)]
    rows = table.model_copy(update={"rows": [nil_later, *table.rows[1:]], "totals": totals})
    selection = review.selection.model_copy(update={"pressures": rows, "growth_checks": []})
    sheet = workbook((review.model_copy(update={"selection": selection}), extraction))["Pressures by year"]
    at = {h: i for i, h in enumerate(headers(sheet))}
    cited = [(r[at["Locator"]], r[at["Other sources"]]) for r in sheet.iter_rows(min_row=2, values_only=True)]
    locator = first.provenance[0].locator
    assert cited[0][0] == locator  # its own year cites it
    for year, (main, others) in zip(table.years[1:], cited[1:], strict=True):
        summed = [r for r in rows.rows if r.amounts[table.years.index(year)]]
        assert main == summed[0].provenance[0].locator != locator and locator not in others
        assert all(r.provenance[0].locator in others for r in summed[1:])


def test_the_savings_sheet_leaves_out_a_column_no_saving_fills() -> None:
    # Kent's savings are a plan's lines by year: no tracker's year or target on any of them.
    review, extraction = sample()
    assert {"Year", "Target (£)"} <= set(headers(workbook((review, extraction))["Savings"]))
    plan = [s.model_copy(update={"period": None, "target_gbp": None}) for s in extraction.savings]
    sheet = workbook((review, extraction.model_copy(update={"savings": plan})))["Savings"]
    assert "Year" not in headers(sheet) and "Target (£)" not in headers(sheet)
    assert {"Title", "Forecast (£)"} <= set(headers(sheet))
    one = [plan[0].model_copy(update={"period": "2025-26"}), *plan[1:]]
    sheet = workbook((review, extraction.model_copy(update={"savings": one})))["Savings"]
    assert _column(sheet, "Year") == ["2025-26"] + [None] * (len(one) - 1)


def test_a_plans_saving_shows_its_planned_years_and_one_with_no_amount_says_so() -> None:
    """Wyvern's Savings sheet had 22 rows of a plan's and the MTFP's lines with no amount: they
    hold no tracker's target or forecast, only their years' amounts, which the sheet now shows,
    traced; a line that gave no amount at all says so rather than read as figures lost."""
    from render.data import NO_AMOUNT

    review, extraction = sample()
    tracker = ("period", "target_gbp", "forecast_gbp", "shortfall_gbp", "undeliverable_gbp", "slipped_gbp")
    plan = [s.model_copy(update=dict.fromkeys(tracker)) for s in extraction.savings]
    plan[0] = plan[0].model_copy(update={"planned": []})
    edited = extraction.model_copy(update={"savings": plan})
    data = render_xlsx(review, edited)
    sheet = load_workbook(io.BytesIO(data))["Savings"]
    years = sorted({p.period for s in plan for p in s.planned})
    assert years and [h for h in headers(sheet) if h.startswith("Planned ")] == [
        f"Planned {y} (£)" for y in years
    ]
    for row, line in zip(sheet.iter_rows(min_row=2, values_only=True), plan, strict=True):
        shown = {h: v for h, v in zip(headers(sheet), row, strict=True)}
        assert [shown[f"Planned {p.period} (£)"] for p in line.planned] == [
            p.amount_gbp for p in line.planned
        ]
        assert shown["Amounts"] == (NO_AMOUNT if not line.planned else None)
    assert workbook_problems(data, review.model_dump(mode="json"), edited.model_dump(mode="json")) == []


def test_the_budget_lines_sheet_says_which_rows_the_position_is_read_from() -> None:
    # An earlier quarter's report in the bundle reads "2025-26" too (Wyvern's Q1 beside its Q2), and
    # its rows may verify where the later report's do not: the sheet says which rows the pack uses.
    review, extraction = sample()
    used = {p.file for p in [*review.position.provenance, *review.position.children_services.provenance]}
    assert used and extraction.budget_lines
    first = extraction.budget_lines[0]
    earlier = first.model_copy(
        update={"provenance": [first.provenance[0].model_copy(update={"file": "Budget monitoring Q1.xlsx"})]}
    )
    lines = [earlier, *extraction.budget_lines]
    book = load_workbook(
        io.BytesIO(render_xlsx(review, extraction.model_copy(update={"budget_lines": lines})))
    )
    sheet = book["Budget lines"]
    header = [c.value for c in sheet[1]]
    said = {
        (row[header.index("Source file")], row[header.index("In the position")])
        for row in sheet.iter_rows(min_row=2, values_only=True)
    }
    assert ("Budget monitoring Q1.xlsx", "no: another report") in said
    assert {(f, "yes") for f in used if f in {line.provenance[0].file for line in lines}} <= said


def _column(sheet, header: str) -> list[object]:  # type: ignore[no-untyped-def]
    at = headers(sheet).index(header)
    return [row[at] for row in sheet.iter_rows(min_row=2, values_only=True)]


def test_each_plan_line_says_its_section_and_funding_and_each_risk_its_registers_section() -> None:
    """The section that tells totals sharing a label apart, and the plan's funding column, on every
    row of a pressure or saving; a risk's section of its register on its row."""
    review, extraction = sample()
    fundings = ("core", "external", None)

    def marked(lines: list, kind: str) -> list:  # type: ignore[type-arg]
        return [
            line.model_copy(update={"section": f"{kind} section {i}", "funding": fundings[i % 3]})
            for i, line in enumerate(lines)
        ]

    savings, pressures = marked(extraction.savings, "Savings"), marked(extraction.pressures, "Pressures")
    risk = Risk(
        title="Placement costs",
        section="Significant Risks (over £10m)",
        provenance=extraction.savings[0].provenance,
    )
    extraction = extraction.model_copy(update={"savings": savings, "pressures": pressures, "risks": [risk]})
    book = workbook((review, extraction))

    def said(funding: object) -> str | None:
        return str(funding).lower() if funding else None

    by_year = [line for line in savings for _ in line.planned]
    pressure_rows = [line for line in pressures for _ in line.planned]
    for name, lines in (("Savings", savings), ("Savings by year", by_year), ("Pressures", pressure_rows)):
        sheet = book[name]
        assert _column(sheet, "Section") == [line.section for line in lines], name
        assert [said(f) for f in _column(sheet, "Funding")] == [line.funding for line in lines], name
    assert set(_column(book["Savings"], "Funding")) == {"Core", "External", None}
    assert _column(book["Risks"], "Section") == [risk.section]


KENT_APPENDIX_F = "kent_cabinet_2025-01-30_appendixF_budget_templates.pdf"
KENT_REGISTER = "kent_cabinet_2025-01-30_appendixI_budget_risk_register.pdf"


@pytest.mark.slow
def test_kents_pressures_say_their_funding_column_and_its_risks_their_registers_section(
    kent_dir: Path,
) -> None:
    # Appendix F p10, "Core or Externally Funded": the children's grants lost to the new Children
    # and Families grant (11,276.2) are External, p7's demand lines Core. Appendix I prints every
    # risk under "Significant Risks (over £10m)".
    document, tables = pipeline_tables(kent_dir / KENT_APPENDIX_F)
    pressures = records_from_tables(tables, document).pressures
    register, register_tables = pipeline_tables(kent_dir / KENT_REGISTER)
    risks = risks_from_tables(register_tables, register)
    review, extraction = sample()
    book = workbook((review, extraction.model_copy(update={"pressures": pressures, "risks": risks})))
    sheet = book["Pressures"]
    rows = [line for line in pressures for _ in line.planned]
    funding = _column(sheet, "Funding")
    assert [str(f).lower() if f else None for f in funding] == [line.funding for line in rows]
    grants = {
        f
        for line, f in zip(rows, funding, strict=True)
        if line.title.startswith("Children & Families grants")
    }
    assert grants == {"External"} and "Core" in funding
    assert _column(book["Risks"], "Section") == [r.section for r in risks]
    sections = dict(zip(_column(book["Risks"], "Risk"), _column(book["Risks"], "Section"), strict=True))
    assert sections["High Needs Spending"] == "Significant Risks (over £10m)"
    # p8, under p4's "Other Risks (under £10m - individual amounts not included)"
    social_workers = next(t for t in sections if t.startswith("Recruitment, retention"))
    assert sections[social_workers] == "Other Risks (under £10m - individual amounts not included)"


def test_the_savings_sheets_at_risk_is_the_reviews_judgement_the_pack_marks() -> None:
    """Wyvern's plan rows read "At risk: False" beside the pack's AT RISK: the sheet read the
    extraction's own marking, not the review's judgement."""
    review, extraction = sample()
    judged = {s.provenance[0].text: s.judged_at_risk for s in review.selection.savings}
    unmarked = extraction.model_copy(
        update={"savings": [s.model_copy(update={"at_risk": False}) for s in extraction.savings]}
    )
    sheet = workbook((review, unmarked))["Savings"]
    at, text_at = headers(sheet).index("At risk"), headers(sheet).index("Source text")
    shown = {row[text_at]: row[at] for row in sheet.iter_rows(min_row=2, values_only=True)}
    assert True in judged.values() and False in judged.values()
    for text, value in judged.items():
        assert shown[text] is value, text
    flipped = review.selection.model_copy(
        update={
            "savings": [
                s.model_copy(update={"judged_at_risk": not s.judged_at_risk})
                for s in review.selection.savings
            ]
        }
    )
    sheet = workbook((review.model_copy(update={"selection": flipped}), unmarked))["Savings"]
    rows = [r for r in sheet.iter_rows(min_row=2, values_only=True) if r[text_at] in judged]
    assert rows and all(r[at] is not judged[r[text_at]] for r in rows)


# Columns that quote the documents or the national data sets as written, or say where in them to
# look (a data set's locator names its column, which may be a code): their words are the
# sources', not the workbook's (a data set's column name may be a code).
QUOTED = {
    "Locator",
    "Source text",
    "Other sources",
    "Text",
    "Message",
    "Evidence",
    "Subject",
    "Title",
    "Saving",
    "Label",
}
CODE = re.compile(r"\b[a-z0-9]+(?:_[a-z0-9]+)+\b|\.parquet\b|^[a-z]+/")  # a field name, our copy's path


def internal_names(book: Workbook) -> list[str]:
    """Every header, and every cell outside the quoted columns, that holds a machine's name."""
    out = []
    for sheet in (s for s in book.worksheets if s.sheet_state == "visible" and s.title != "README"):
        names = headers(sheet)
        out += [f"{sheet.title}: header {h!r}" for h in names if CODE.search(h or "")]
        for row in sheet.iter_rows(min_row=2, values_only=True):
            out += [
                f"{sheet.title}!{h}: {v!r}"
                for h, v in zip(names, row, strict=True)
                if h not in QUOTED and isinstance(v, str) and CODE.search(v)
            ]
    return out


def test_the_workbook_shows_the_reviewers_words_never_field_names_codes_or_our_copys_paths() -> None:
    review, extraction = sample()
    files = {p.file for b in review.benchmarks for p in b.provenance}
    review = review.model_copy(update={"source_names": {f: f"Public name of {f}" for f in files}})
    book = load_workbook(io.BytesIO(render_xlsx(review, extraction)))
    assert review.flags and review.benchmarks  # the sample has what is checked
    assert internal_names(book) == []
    flags = book["Flags"]
    kinds = [r[headers(flags).index("Kind")] for r in flags.iter_rows(min_row=2, values_only=True)]
    assert all(k and "_" not in k for k in kinds)
    # a national data set's source is named as its reader looks it up (Review.source_names)
    bench = book["Benchmarks"]
    shown = [r[headers(bench).index("Source file")] for r in bench.iter_rows(min_row=2, values_only=True)]
    assert shown and all(str(f).startswith("Public name of ") for f in shown)


def test_the_workbook_check_finds_a_flags_code_shown() -> None:
    """The check above fails when one flag's kind is its code (a kind FLAG_NAMES does not name is
    humanised, so only a code shown as it is would be caught)."""
    from render import data

    review, extraction = sample()
    book = load_workbook(io.BytesIO(render_xlsx(review, extraction)))
    assert internal_names(book) == []
    kept = data.FLAGS[1]
    data.FLAGS[1] = data.Column("Kind", lambda f: f.code, width=22)
    try:
        book = load_workbook(io.BytesIO(render_xlsx(review, extraction)))
        assert any(line.startswith("Flags!Kind:") for line in internal_names(book))
    finally:
        data.FLAGS[1] = kept
