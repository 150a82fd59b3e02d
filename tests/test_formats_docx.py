"""The Word reader: tables in order with titles and units, merged cells once, paragraphs located."""

from __future__ import annotations

import io

import docx
import pytest

from extract.formats.docx import read_docx
from extract.records import Content
from ingest.errors import CorruptFile
from ingest.inspect import inspect_file


def report() -> bytes:
    document = docx.Document()
    document.add_heading("Revenue budget monitoring", 1)
    document.add_paragraph("The forecast overspend is £5.4m.")
    document.add_paragraph("Forecast outturn by service at month 6 (£000)")
    table = document.add_table(rows=4, cols=4)
    table.cell(0, 0).text = "Service"
    table.cell(0, 1).text = "2024-25"
    table.cell(0, 1).merge(table.cell(0, 3))
    table.cell(0, 0).merge(table.cell(1, 0))
    for col, text in enumerate(["Budget", "Forecast", "Variance"], start=1):
        table.cell(1, col).text = text
    for col, text in enumerate(["Placements", "1,000", "1,200", "200"]):
        table.cell(2, col).text = text
    for col, text in enumerate(["Total", "1,000", "1,200", "200"]):
        table.cell(3, col).text = text
    document.add_heading("Savings", 2)
    second = document.add_table(rows=2, cols=2)
    second.cell(0, 0).text, second.cell(0, 1).text = "Saving", "£m"
    second.cell(1, 0).text, second.cell(1, 1).text = "Fostering", "(0.3)"
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


@pytest.fixture(scope="module")
def content() -> Content:
    data = report()
    return read_docx(inspect_file("m6.docx", data), data)


def test_merged_cells_are_read_once_across_and_down(content: Content) -> None:
    rows = content.tables[0].rows
    assert rows[0] == ["Service", "2024-25", "", ""]
    assert rows[1] == ["", "Budget", "Forecast", "Variance"]
    assert sum(cell == "2024-25" for row in rows for cell in row) == 1


def test_the_caption_above_a_table_gives_its_title_and_unit(content: Content) -> None:
    first = content.tables[0]
    assert first.title == "Forecast outturn by service at month 6 (£000)"
    assert first.unit == "£000"
    assert first.header_rows == 2


def test_a_heading_titles_a_table_with_no_caption_and_headers_give_its_unit(content: Content) -> None:
    second = content.tables[1]
    assert second.title == "Savings"
    assert second.unit == "£m"
    assert second.rows == [["Saving", "£m"], ["Fostering", "(0.3)"]]


def test_tables_are_located_by_number_and_paragraphs_by_paragraph(content: Content) -> None:
    assert [t.locator for t in content.tables] == ["table 1", "table 2"]
    located = {p.text: p.provenance[0].locator for p in content.passages}
    assert located["The forecast overspend is £5.4m."] == "paragraph 2"
    assert all(p.provenance[0].page is None and p.provenance[0].bbox is None for p in content.passages)


def _word(paragraphs: list[str], captioned_after: int | None = None) -> Content:
    """A Word document of these paragraphs, an uncaptioned table first, and a table captioned
    "Table 4" after paragraph `captioned_after`."""
    document = docx.Document()
    document.add_table(rows=1, cols=2).cell(0, 0).text = "Item"
    for i, text in enumerate(paragraphs):
        document.add_paragraph(text)
        if i == captioned_after:
            document.add_paragraph("Table 4: Forecast by service (£000)")
            captioned = document.add_table(rows=2, cols=2)
            captioned.cell(0, 0).text, captioned.cell(0, 1).text = "Service", "Variance"
            captioned.cell(1, 0).text, captioned.cell(1, 1).text = "Placements", "2,200"
    out = io.BytesIO()
    document.save(out)
    data = out.getvalue()
    return read_docx(inspect_file("q3.docx", data), data)


def test_the_documents_own_paragraph_and_table_numbers_locate_them_where_it_gives_them() -> None:
    """A reader finds "paragraph 3.2" and "Table 4" in the document; Word shows no count. Own
    numbers are taken where the document numbers its paragraphs in order; a number out of order
    ("2.5 FTE posts": a figure) or given again leaves the count; a table the document does not
    caption, where it captions others, is an uncaptioned table by count, never table 1 beside its own."""
    content = _word(
        [
            "Contents",
            "3.1 Placements are forecast to overspend by £2.2m.",
            "3.2 Transport is forecast to overspend by £0.8m.",
            "3.2 A second paragraph numbered 3.2 in error.",
            "2.5 FTE posts were added in the year.",
            "An unnumbered paragraph.",
        ],
        captioned_after=1,
    )
    assert [t.locator for t in content.tables] == ["uncaptioned table 1", "table 4"]
    located = [p.provenance[0].locator for p in content.passages]
    assert located == [
        "paragraph 1",
        "paragraph 3.1",
        "paragraph 3",  # the caption
        "paragraph 3.2",
        "paragraph 5",
        "paragraph 6",
        "paragraph 7",
    ]


def test_a_decimal_opening_the_only_numbered_paragraph_is_no_paragraph_number() -> None:
    content = _word(["The service added staff.", "2.5 FTE posts were added in the year.", "Nothing else."])
    assert [p.provenance[0].locator for p in content.passages] == [
        "paragraph 1",
        "paragraph 2",
        "paragraph 3",
    ]


def test_a_damaged_word_file_raises_corrupt_file() -> None:
    with pytest.raises(CorruptFile):
        read_docx(inspect_file("m6.docx", report()), b"PK\x03\x04 nothing")
