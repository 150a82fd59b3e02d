"""Property tests for the PDF reader: any amount reads as one number; any plain grid of labels and
amounts, printed without rules, reads back cell for cell."""

from __future__ import annotations

import hashlib

import weasyprint
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from extract.pdf.chunks import is_number
from extract.pdf.reader import read_pdf
from ingest.records import Document, Format

WORDS = [
    "Fostering",
    "Residential",
    "Transport",
    "Early",
    "Help",
    "Care",
    "Leavers",
    "Agency",
    "Staff",
    "Review",
]


@st.composite
def amounts(draw: st.DrawFn) -> str:
    value = draw(st.floats(min_value=-9_999_999, max_value=9_999_999, allow_nan=False))
    text = f"{abs(value):,.{draw(st.integers(0, 2))}f}"
    style = draw(st.sampled_from(["plain", "minus", "brackets", "pound"]))
    if style == "minus" and value < 0:
        return f"-{text}"
    if style == "brackets":
        return f"({text})"
    return f"£{text}" if style == "pound" else text


@given(amounts())
def test_any_written_amount_is_a_number(text: str) -> None:
    assert is_number(text)


@given(st.lists(st.sampled_from(WORDS), min_size=1, max_size=3).map(" ".join))
def test_words_are_not_numbers(text: str) -> None:
    assert not is_number(text)


@st.composite
def grids(draw: st.DrawFn) -> list[list[str]]:
    width = draw(st.integers(2, 5))
    height = draw(st.integers(2, 8))
    header = ["Line", *[f"{2024 + j}-{25 + j}" for j in range(width - 1)]]
    labels = draw(
        st.lists(st.lists(st.sampled_from(WORDS), min_size=1, max_size=3), min_size=height, max_size=height)
    )
    body = [[" ".join(label), *[draw(amounts()) for _ in range(width - 1)]] for label in labels]
    return [header, *body]


def html_of(rows: list[list[str]]) -> str:
    cells = "".join(
        "<tr>"
        + "".join(
            f"<td style='padding: 2pt 16pt 2pt 0; text-align: {'left' if j == 0 else 'right'}'>{c}</td>"
            for j, c in enumerate(row)
        )
        + "</tr>"
        for row in rows
    )
    return (
        f"<html><body style='font-family: sans-serif; font-size: 10pt'><table>{cells}</table></body></html>"
    )


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(grids())
def test_a_borderless_grid_reads_back_cell_for_cell(rows: list[list[str]]) -> None:
    data = weasyprint.HTML(string=html_of(rows)).write_pdf()
    document = Document(
        file="grid.pdf", sha256=hashlib.sha256(data).hexdigest(), size=len(data), format=Format.PDF
    )
    content = read_pdf(document, data)
    assert [t.rows for t in content.tables] == [rows]
    assert content.tables[0].header_rows == 1
