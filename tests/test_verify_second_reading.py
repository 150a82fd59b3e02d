"""A page whose tables fail their arithmetic is read again by pdfplumber, and the second reading
is kept only where it does better."""

from __future__ import annotations

import variant_documents as v

from extract.domain.from_tables import records_from_tables
from extract.pdf.reader import read_pdf
from extract.pdf.second_reading import plumber_tables, second_reading
from extract.records import Table, Verification
from ingest.inspect import inspect_file

RULED = "<style>td, th {border: 1px solid black; padding: 2px 6px}</style>"


def _ruled_monitoring() -> tuple[bytes, list[Table], object]:
    made = v.monitoring_pdf()
    data = made.data
    document = inspect_file(made.name, data)
    return data, read_pdf(document, data).tables, document


def _misread(tables: list[Table]) -> list[Table]:
    """The first reading with one figure misread, as a reader that split a cell wrongly would."""
    table = tables[0]
    rows = [list(r) for r in table.rows]
    row = next(i for i, r in enumerate(rows) if any(c.replace(",", "").isdigit() for c in r))
    cell = rows[row][2]
    rows[row][2] = str((int(cell[0]) + 1) % 10) + cell[1:]  # 64,980 read as 74,980
    return [table.model_copy(update={"rows": rows}), *tables[1:]]


def test_pdfplumber_reads_the_table_of_a_page() -> None:
    data, tables, document = _ruled_monitoring()
    found = plumber_tables(document, data, 1, {"vertical_strategy": "text", "horizontal_strategy": "text"})
    assert found and all(t.page == 1 and t.bbox for t in found)


def test_a_misread_page_is_replaced_by_a_second_reading_whose_arithmetic_holds() -> None:
    data, tables, document = _ruled_monitoring()
    wrong = _misread(tables)
    first = records_from_tables(wrong, document)
    assert any(b.verification is Verification.CONTRADICTED for b in first.budget_lines)
    _, kept, notes = second_reading(document, data, wrong, first)
    assert notes and "page 1 read again" in notes[0]
    assert not any(b.verification is Verification.CONTRADICTED for b in kept.budget_lines)
    assert all(any("read again" in note for note in b.reading) for b in kept.budget_lines)


def test_a_page_that_holds_is_not_read_again() -> None:
    data, tables, document = _ruled_monitoring()
    first = records_from_tables(tables, document)
    assert not any(b.verification is Verification.CONTRADICTED for b in first.budget_lines)
    kept_tables, kept, notes = second_reading(document, data, tables, first)
    assert (kept_tables, kept, notes) == (tables, first, [])


def test_a_document_that_is_itself_inconsistent_keeps_its_first_reading_marked(example_bundle) -> None:
    path = next(example_bundle.glob("Cabinet 2025-11-06*.pdf"))
    data = path.read_bytes()
    document = inspect_file(path.name, data)
    tables = read_pdf(document, data).tables
    first = records_from_tables(tables, document)
    _, kept, notes = second_reading(document, data, tables, first)
    assert notes == []
    assert (
        sum(b.verification is Verification.CONTRADICTED for b in kept.budget_lines)
        == sum(b.verification is Verification.CONTRADICTED for b in first.budget_lines)
        > 0
    )


def test_a_second_reading_takes_the_unit_its_first_reading_found_in_the_caption() -> None:
    from extract.pdf.second_reading import _captioned

    _, tables, _ = _ruled_monitoring()
    first = tables[0]
    assert first.unit  # "£'000" printed above the table
    second = first.model_copy(
        update={"unit": None, "title": "", "locator": "page 1, table 1 (second reading)"}
    )
    [kept] = _captioned([second], [first])
    assert kept.unit == first.unit and kept.title == first.title
