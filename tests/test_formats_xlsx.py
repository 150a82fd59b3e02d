"""The Excel reader: every sheet, titles and units, merged cells once, hidden rows left out."""

from __future__ import annotations

import io

import openpyxl
import pytest

from extract.formats.xlsx import read_xlsx
from extract.records import Content
from ingest.errors import CorruptFile
from ingest.inspect import inspect_file
from ingest.records import Document


def tracker() -> bytes:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Savings Tracker"
    sheet["A1"] = "Children's savings 2024-25 (£000)"
    sheet.merge_cells("A1:E1")
    sheet.append([])
    sheet.append(["Ref", "Saving", "2024-25", None, "RAG"])
    sheet.merge_cells("C3:D3")
    sheet.append(["", "", "Target", "Forecast", ""])
    sheet.append(["CS01", "Foster carers", 250, 100.5, "Amber"])
    sheet.append(["CS02", "Old line", 9, 9, "Green"])
    sheet.row_dimensions[6].hidden = True
    sheet.append(["CS03", "Step-down", -30, 0.25, "Red"])
    sheet["D7"].number_format = "0%"
    other = book.create_sheet("Lookups")
    other.sheet_state = "hidden"
    other.append(["Code", "Name"])
    other.append(["CS", "Children's Services"])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


@pytest.fixture(scope="module")
def read() -> tuple[Document, Content]:
    data = tracker()
    document = inspect_file("tracker.xlsx", data)
    content = read_xlsx(document, data)
    return document, content


def test_the_title_cell_gives_the_table_its_title_and_unit(read: tuple[Document, Content]) -> None:
    _, content = read
    first = content.tables[0]
    assert first.title == "Children's savings 2024-25 (£000)"
    assert first.unit == "£000"


def test_a_merged_heading_is_read_once_and_both_header_rows_counted(read: tuple[Document, Content]) -> None:
    _, content = read
    rows = content.tables[0].rows
    assert rows[0] == ["Ref", "Saving", "2024-25", "", "RAG"]
    assert rows[1] == ["", "", "Target", "Forecast", ""]
    assert content.tables[0].header_rows == 2


def test_numbers_stay_as_text_as_read_and_percent_cells_keep_their_sign(
    read: tuple[Document, Content],
) -> None:
    _, content = read
    rows = content.tables[0].rows
    assert rows[2] == ["CS01", "Foster carers", "250", "100.5", "Amber"]


def test_a_hidden_row_is_left_out_and_splits_the_table_so_locators_stay_true(
    read: tuple[Document, Content],
) -> None:
    _, content = read
    assert all("Old line" not in row for table in content.tables for row in table.rows)
    first, after = content.tables[0], content.tables[1]
    assert first.locator == "sheet Savings Tracker!A3"
    assert after.locator == "sheet Savings Tracker!A7"
    assert after.rows == [["CS03", "Step-down", "-30", "25%", "Red"]]


def test_every_sheet_is_read_and_a_hidden_sheet_is_noted(read: tuple[Document, Content]) -> None:
    _, content = read
    lookups = [t for t in content.tables if t.locator.startswith("sheet Lookups!")]
    assert lookups and lookups[0].rows[1] == ["CS", "Children's Services"]
    notes = [p.text for p in content.passages if p.provenance[0].locator.startswith("sheet ")]
    assert "Sheet Lookups is hidden in the workbook; its contents were read." in notes
    assert "Sheet Savings Tracker hides rows 6; hidden rows were not read." in notes


def test_every_table_carries_provenance_with_the_file_hash_and_no_page(
    read: tuple[Document, Content],
) -> None:
    document, content = read
    for table in content.tables:
        [prov] = table.provenance
        assert (prov.file, prov.sha256, prov.page, prov.bbox) == ("tracker.xlsx", document.sha256, None, None)
        assert prov.locator == table.locator


def test_cached_formula_values_are_read_not_the_formulas() -> None:
    # openpyxl saves formulas without cached values: a formula must read as its (empty) value, never as code.
    book = openpyxl.load_workbook(io.BytesIO(tracker()))
    book["Savings Tracker"]["F5"] = "=C5*2"
    out = io.BytesIO()
    book.save(out)
    document = inspect_file("f.xlsx", out.getvalue())
    rows = read_xlsx(document, out.getvalue()).tables[0].rows
    assert all("=C5*2" not in cell for row in rows for cell in row)


def test_a_damaged_workbook_raises_corrupt_file() -> None:
    document = inspect_file("tracker.xlsx", tracker())
    with pytest.raises(CorruptFile):
        read_xlsx(document, b"PK\x03\x04 not a workbook")


def test_a_very_large_workbook_is_streamed_read_only_and_still_gives_its_tables(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr("extract.formats.xlsx.READ_ONLY_BYTES", 0)
    data = tracker()
    content = read_xlsx(inspect_file("tracker.xlsx", data), data)
    first = content.tables[0]
    assert first.locator == "sheet Savings Tracker!A3"
    assert first.rows[2] == ["CS01", "Foster carers", "250", "100.5", "Amber"]
