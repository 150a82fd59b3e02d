"""CSV, HTML and plain-text readers: encodings and delimiters sniffed, spans read once, paragraphs located."""

from __future__ import annotations

from extract.formats.csv import read_csv
from extract.formats.html import read_html
from extract.formats.text import read_text
from ingest.inspect import inspect_file
from ingest.records import Format


def test_a_semicolon_csv_in_windows_1252_is_read_with_its_title_and_unit() -> None:
    data = (
        'Savings tracker £000\n\nRef;Saving;Target\nS1;"Foster; kinship";1,500\nS2;Transport;(50)\n'.encode(
            "cp1252"
        )
    )
    document = inspect_file("tracker.csv", data)
    assert document.format is Format.CSV
    [table] = read_csv(document, data).tables
    assert table.rows == [
        ["Ref", "Saving", "Target"],
        ["S1", "Foster; kinship", "1,500"],
        ["S2", "Transport", "(50)"],
    ]
    assert (table.title, table.unit, table.header_rows, table.locator) == (
        "Savings tracker £000",
        "£000",
        1,
        "sheet tracker!A3",
    )


def test_a_utf8_csv_with_a_byte_order_mark_loses_the_mark() -> None:
    data = "\ufeffService,Budget,Forecast\nPlacements,100,120\nTransport,50,45\n".encode()
    [table] = read_csv(inspect_file("m.csv", data), data).tables
    assert table.rows[0][0] == "Service"


def test_html_tables_read_spanned_cells_once_and_take_the_heading_as_title() -> None:
    data = (
        "<!DOCTYPE html><html><body><h2>Children's Services savings</h2><p>All figures in £</p>"
        "<table><tr><th rowspan=2>Ref</th><th colspan=2>2026/27</th></tr><tr><th>Saving</th><th>Amount</th></tr>"
        "<tr><td>OP12</td><td>Admissions</td><td>(5,000)</td></tr></table><p>The total is £5,000.</p></body></html>"
    ).encode()
    document = inspect_file("walsall.html", data)
    content = read_html(document, data)
    [table] = content.tables
    assert table.rows == [["Ref", "2026/27", ""], ["", "Saving", "Amount"], ["OP12", "Admissions", "(5,000)"]]
    assert (table.title, table.header_rows) == ("Children's Services savings", 2)
    assert "The total is £5,000." in [p.text for p in content.passages]


def test_layout_tables_are_not_read_as_data_but_their_prose_is() -> None:
    data = (
        "<html><body><table><tr><td><p>Overspend of £2.5m.</p>"
        "<table><tr><th>Service</th><th>Budget</th></tr><tr><td>Care</td><td>10</td></tr></table>"
        "</td></tr></table></body></html>"
    ).encode()
    content = read_html(inspect_file("p.html", data), data)
    assert [t.rows for t in content.tables] == [[["Service", "Budget"], ["Care", "10"]]]
    assert [p.text for p in content.passages] == ["Overspend of £2.5m."]


def test_plain_text_is_split_into_located_paragraphs() -> None:
    data = b"Budget & Spending report.\r\nOverspend of \xa32.5m\r\n\r\nSavings delayed.\n"
    content = read_text(inspect_file("minutes.txt", data), data)
    assert [(p.text, p.provenance[0].locator) for p in content.passages] == [
        ("Budget & Spending report. Overspend of £2.5m", "paragraph 1"),
        ("Savings delayed.", "paragraph 2"),
    ]


def test_excel_unicode_text_export_is_read_as_a_tab_separated_table() -> None:
    data = "Service\tBudget\tForecast\r\nPlacements\t100\t120\r\nTransport\t50\t45\r\n".encode("utf-16")
    document = inspect_file("export.txt", data)
    assert document.format is Format.CSV
    [table] = read_csv(document, data).tables
    assert table.rows == [
        ["Service", "Budget", "Forecast"],
        ["Placements", "100", "120"],
        ["Transport", "50", "45"],
    ]
