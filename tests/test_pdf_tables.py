"""The PDF reader on generated PDFs: borderless and ruled tables, wrapped cells, captions, prose."""

from __future__ import annotations

import hashlib

import pytest
import weasyprint

from extract.pdf.reader import read_pdf
from extract.reading import find_unit
from extract.records import Content, Provenance, Table
from ingest.records import Document, Format

PROSE = (
    "The council forecasts an overspend on children's placements this year. Officers expect the "
    "pressure to continue into next year and have proposed the savings set out below."
)
SAVINGS = [
    ["Fostering recruitment", "350.0", "200.0", "0.0"],
    ["Residential step-down", "1,200.5", "-300.0", "150.0"],
    ["Transport route review", "(75.0)", "0.0", "0.0"],
    ["Total", "1,475.5", "-100.0", "150.0"],
]
WRAPPED = (
    "Review of high-cost residential placements for children with the most complex needs across the county"
)


def pdf_of(body: str) -> bytes:
    style = """
      @page { size: A4; margin: 2cm; }
      body { font-family: sans-serif; font-size: 10pt; }
      table { border-collapse: collapse; margin-top: 12pt; }
      td, th { padding: 2pt 14pt 2pt 0; vertical-align: top; }
      td.n, th.n { text-align: right; }
      table.ruled td, table.ruled th { border: 0.5pt solid black; padding: 2pt 4pt; }
    """
    html = f"<html><head><style>{style}</style></head><body>{body}</body></html>"
    return weasyprint.HTML(string=html).write_pdf()


def table_html(rows: list[list[str]], css: str = "", widths: str = "") -> str:
    head = "<tr><th>Saving</th><th class=n>2025-26</th><th class=n>2026-27</th><th class=n>2027-28</th></tr>"
    body = "".join(
        "<tr>" + f"<td{widths}>{r[0]}</td>" + "".join(f"<td class=n>{c}</td>" for c in r[1:]) + "</tr>"
        for r in rows
    )
    return f"<table class='{css}'>{head}{body}</table>"


def read(data: bytes, name: str = "plan.pdf") -> Content:
    document = Document(file=name, sha256=hashlib.sha256(data).hexdigest(), size=len(data), format=Format.PDF)
    return read_pdf(document, data)


@pytest.fixture(scope="module")
def borderless() -> Content:
    body = f"<h2>Savings plan</h2><p>{PROSE}</p><p>Table 3: Savings by year (£000s)</p>{table_html(SAVINGS)}"
    return read(pdf_of(body))


def only_table(content: Content) -> Table:
    assert len(content.tables) == 1, [t.rows for t in content.tables]
    return content.tables[0]


def test_borderless_table_columns_come_from_word_positions(borderless: Content) -> None:
    table = only_table(borderless)
    assert table.rows == [["Saving", "2025-26", "2026-27", "2027-28"], *SAVINGS]
    assert table.header_rows == 1


def test_caption_above_a_table_gives_its_title_and_canonical_unit(borderless: Content) -> None:
    table = only_table(borderless)
    assert table.title == "Table 3: Savings by year (£000s)"
    assert table.unit == "£000"


def test_table_provenance_names_file_page_box_and_locator(borderless: Content) -> None:
    table = only_table(borderless)
    (where,) = table.provenance
    # Cited by the number its caption prints ("Table 3: Savings by year"), as a reviewer finds it.
    assert (where.file, where.page, where.locator) == ("plan.pdf", 1, "page 1, Table 3")
    assert where.bbox == table.bbox and where.bbox is not None
    x0, top, x1, bottom = where.bbox
    assert 0 < x0 < x1 < 595 and 0 < top < bottom < 842
    assert where.text == "Saving | 2025-26 | 2026-27 | 2027-28"


def test_tables_are_cited_as_printed_or_by_place_never_by_a_number_the_page_gives_another() -> None:
    from extract.pdf.reader import named_as_printed

    def made(title: str) -> Table:
        where = Provenance(
            file="m.pdf", sha256="0" * 64, page=1, bbox=None, locator="page 1, table 9", text=""
        )
        return Table(
            file="m.pdf",
            page=1,
            bbox=None,
            rows=[["a"]],
            title=title,
            locator="page 1, table 9",
            provenance=[where],
        )

    found = named_as_printed([made("Revenue Budget Monitoring"), made("Table 1: Forecast outturn")])
    assert [t.locator for t in found] == ["page 1, unnamed table 1", "page 1, Table 1"]
    assert found[1].provenance[0].locator == "page 1, Table 1"
    twice = [made("Table 1: Forecast"), made("Table 1 (continued)")]
    assert named_as_printed(twice) == twice


def test_prose_becomes_passages_and_table_cells_do_not(borderless: Content) -> None:
    texts = [p.text for p in borderless.passages]
    assert PROSE in texts
    assert not any("Fostering recruitment" in t for t in texts)
    prose = borderless.passages[texts.index(PROSE)].provenance[0]
    assert prose.page == 1 and prose.bbox is not None and prose.locator.startswith("page 1, paragraph ")
    assert borderless.pages == 1 and borderless.errors == []


def test_wrapped_description_is_joined_to_its_row() -> None:
    rows = [[WRAPPED, "-500.0", "-250.0", "0.0"], ["Fostering recruitment", "350.0", "200.0", "0.0"]]
    table = only_table(read(pdf_of(table_html(rows, widths=" style='width: 150pt'"))))
    assert table.rows[1:] == rows


def test_ruled_table_keeps_wrapped_cells_inside_their_ruled_row() -> None:
    rows = [["Fostering recruitment", "350.0", "200.0", "0.0"], [WRAPPED, "-500.0", "-250.0", "0.0"]]
    table = only_table(read(pdf_of(table_html(rows, css="ruled", widths=" style='width: 150pt'"))))
    assert table.rows == [["Saving", "2025-26", "2026-27", "2027-28"], *rows]


def test_a_table_running_over_pages_is_one_table_per_page() -> None:
    rows = [[f"Saving line {n}", f"{n}.0", "0.0", "0.0"] for n in range(1, 90)]
    content = read(pdf_of(table_html(rows)))
    pages = content.pages or 0
    assert pages >= 2
    assert [t.page for t in content.tables] == list(range(1, pages + 1))
    body = [row for t in content.tables for row in t.rows if row[0].startswith("Saving line")]
    assert body == rows


@pytest.mark.parametrize(
    ("note", "unit"),
    [
        ("£000", "£000"),
        ("£000s", "£000"),
        ("£'000", "£000"),
        ("£’000", "£000"),
        ("Budget £000's", "£000"),
        ("(£000)", "£000"),
        ("All figures in £m", "£m"),
        ("£ millions", "£m"),
        ("Kent £’m", "£m"),
        ("England £'m", "£m"),
        ("£bn", "£bn"),
        ("Amount (£)", "£"),
        ("Cost £1.2m", None),
        ("Number of children", None),
    ],
)
def test_unit_notes_read_as_canonical_units(note: str, unit: str | None) -> None:
    assert find_unit(note) == unit


def test_a_unit_note_under_the_table_sets_its_unit() -> None:
    body = f"<p>Savings by year</p>{table_html(SAVINGS)}<p>All figures in £m</p>"
    table = only_table(read(pdf_of(body)))
    assert table.unit == "£m"
    assert table.title == "Savings by year"


def test_a_table_continued_on_the_next_page_is_cited_by_its_printed_number() -> None:
    from extract.pdf.reader import continued_names

    def made(page: int, title: str, locator: str, rows: list[list[str]], heads: int = 1) -> Table:
        where = Provenance(file="m.pdf", sha256="0" * 64, page=page, bbox=None, locator=locator, text="")
        return Table(
            file="m.pdf",
            page=page,
            bbox=None,
            rows=rows,
            title=title,
            header_rows=heads,
            locator=locator,
            provenance=[where],
        )

    heading = ["", "2025-26 £000", "2026-27 £000"]
    first = made(1, "Table 2: Pressures", "page 1, Table 2", [heading, ["Pay", "1", "2"]])
    [next_page] = continued_names([made(2, "", "page 2, table 1", [heading, ["Fees", "3", "4"]])], [first])
    assert next_page.locator == next_page.provenance[0].locator == "page 2, Table 2 (continued)"
    other = made(2, "", "page 2, table 1", [["", "Budget", "Forecast"], ["A", "1", "2"]])
    assert continued_names([other], [first]) == [other]  # other headings: another table
