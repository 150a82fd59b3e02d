"""The data workbook: a sheet per record kind, provenance on every row, formulas escaped."""

from __future__ import annotations

import io
import json

from hypothesis import given
from hypothesis import strategies as st
from openpyxl import load_workbook
from openpyxl.workbook.workbook import Workbook

from extract.records import Figure, FigureUnit, Provenance
from render.data import escape_cell, render_json, render_xlsx
from tests.render_samples import sample

SHEETS = [
    "Savings",
    "Pressures",
    "Budget lines",
    "Figures",
    "Benchmarks",
    "Flags",
    "Savings judged",
    "Risks",
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
    assert book.sheetnames == SHEETS
    assert book["Savings"].max_row == len(extraction.savings) + 1
    assert book["Pressures"].max_row == sum(len(p.planned) for p in extraction.pressures) + 1
    assert book["Benchmarks"].max_row == len(review.benchmarks) + 1


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
    for sheet in book.worksheets:
        assert sheet.freeze_panes == "A2"
        assert sheet.auto_filter.ref == sheet.dimensions
    savings = book["Savings"]
    target = headers(savings).index("Target (£)") + 1
    cell = savings.cell(row=2, column=target)
    assert cell.value == 1_850_000 and "£" in cell.number_format


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

    assert (money_m(9.95e6), money_m(1.25e6), money_m(-1.25e6)) == ("£10.0m", "£1.3m", "-£1.3m")
    assert (money_k(1_500.0), money_k(-2_500.0), money_k(-400.0)) == ("2", "(3)", "0")
    assert percent(12.45, 1) == "12.5%"


def test_ofsted_grades_are_words_and_rates_in_percent_differ_in_points() -> None:
    from render.fmt import by_unit, difference

    grade = "grade_1_outstanding_4_inadequate"
    assert by_unit(3, grade) == "Requires improvement" and difference(3, 2, grade) == "n/a"
    assert difference(24.4, 17.4, "percent") == "+7.0 pts"
    assert difference(0.0, 0.0) == "n/a" and difference(82.0, 32.0) == "+156%"
