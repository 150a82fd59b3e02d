"""The example bundle's tracker (XLSX), savings plan (DOCX) and CSV-as-.xls, read back independently."""

from __future__ import annotations

import csv
import io

import docx
import openpyxl
import pytest

TRACKER = "Savings tracker 2025-26 Q2.xlsx"
SAVINGS_PLAN = "CYPE savings plan 2025-28.docx"
WRONG_EXTENSION = "Budget monitoring Q1 2025-26 summary.xls"
RAGS = {"Red", "Amber", "Dark Amber", "Green", "Blue"}


@pytest.fixture(scope="module")
def tracker(example_bundle):
    wb = openpyxl.load_workbook(example_bundle / TRACKER, data_only=True)
    yield wb["Tracker Q2"]
    wb.close()


def _header_and_rows(ws):
    rows = [list(r) for r in ws.iter_rows(values_only=True)]
    head = next(i for i, r in enumerate(rows) if "Ref" in r)
    return rows[head], rows[head + 1 :]


def test_the_tracker_has_a_merged_title_row_above_its_headers(tracker):
    assert [str(r) for r in tracker.merged_cells.ranges] == ["A1:H1"]
    header, _ = _header_and_rows(tracker)
    assert header[:3] == ["Ref", "Directorate", "Saving description"]
    assert "RAG" in header and "Comments" in header


def test_the_tracker_totals_are_plain_values_equal_to_the_sum_of_saving_magnitudes(tracker):
    header, rows = _header_and_rows(tracker)
    target, forecast, shortfall = (
        header.index(c) for c in ("2025-26 Target £000", "Forecast delivery £000", "Shortfall £000")
    )
    lines, total = rows[:-1], rows[-1]
    assert total[1] == "Total"
    for col in (target, forecast, shortfall):
        assert isinstance(total[col], int)  # a value any reader sees, not an uncached formula
        assert total[col] == sum(abs(r[col]) for r in lines)
    for r in lines:
        assert abs(r[target]) - abs(r[forecast]) == r[shortfall]


def test_the_tracker_mixes_signs_and_uses_every_rag_rating(tracker):
    header, rows = _header_and_rows(tracker)
    target, rag = header.index("2025-26 Target £000"), header.index("RAG")
    lines = rows[:-1]
    assert any(r[target] < 0 for r in lines) and any(r[target] > 0 for r in lines)
    assert {r[rag] for r in lines} == RAGS


def test_the_tracker_includes_demand_reduction_unidentified_and_slipped_savings(tracker):
    header, rows = _header_and_rows(tracker)
    text = " ".join(str(r[header.index("Saving description")]) for r in rows).lower()
    for phrase in (
        "reduce the number of children in residential care",
        "step down from residential to foster care",
        "still to be identified",
        "slipped from 2024-25",
    ):
        assert phrase in text


def _plan_table(example_bundle):
    return docx.Document(str(example_bundle / SAVINGS_PLAN)).tables[0]


def test_the_savings_plan_table_has_a_merged_phasing_heading(example_bundle):
    table = _plan_table(example_bundle)
    top = [c.text for c in table.rows[0].cells]
    assert top[2:5] == ["Phasing £000"] * 3  # one merged cell spans three columns
    assert [c.text for c in table.rows[1].cells][2:5] == ["2025-26", "2026-27", "2027-28"]
    assert table.rows[0].cells[0]._tc is table.rows[1].cells[0]._tc  # "Ref" merged downwards


def test_the_savings_plan_totals_equal_their_lines(example_bundle):
    rows = [[c.text for c in r.cells] for r in _plan_table(example_bundle).rows[2:]]
    figures = [[int(v.replace(",", "")) for v in r[2:6]] for r in rows]
    lines, total = figures[:-1], figures[-1]
    assert rows[-1][1] == "Total"
    assert total == [sum(col) for col in zip(*lines, strict=True)]
    assert all(sum(r[:3]) == r[3] for r in figures)


def test_the_xls_file_is_really_csv_and_its_total_reconciles(example_bundle):
    data = (example_bundle / WRONG_EXTENSION).read_bytes()
    assert not data.startswith(b"\xd0\xcf\x11\xe0")  # not an OLE2 (real .xls) file
    rows = list(csv.reader(io.StringIO(data.decode("utf-8"))))
    lines, total = rows[1:-1], rows[-1]
    assert total[0] == "Total"
    for col in (1, 2, 3):
        assert int(total[col]) == sum(int(r[col]) for r in lines)
