"""Column recovery from the whitespace between chunks, on synthetic word layouts."""

from __future__ import annotations

from extract.layout_chunks import Chunk
from extract.layout_columns import Column, whitespace_columns
from extract.pdf_words import Word


def chunk(text: str, x0: float, x1: float, line: int) -> Chunk:
    return Chunk([Word(text, x0, line * 12.0, x1, line * 12.0 + 10)], line)


def figures_row(label: str, line: int) -> list[Chunk]:
    return [chunk(label, 100, 160, line), chunk("1,000", 200, 230, line), chunk("2,000", 260, 290, line)]


FIGURES = [Column(100, 160), Column(200, 230), Column(260, 290)]


def test_a_lone_line_beyond_the_figures_right_edge_is_a_column_not_an_index_error() -> None:
    # A wrapped line of commentary to the right of the figures: one chunk on its line, so it was
    # outside the bounds measured over the lines with several chunks (an IndexError, page lost).
    rows = [figures_row("Placements", 1), [chunk("continued comment", 320, 420, 2)], figures_row("Staff", 3)]
    assert whitespace_columns(rows) == [*FIGURES, Column(320, 420)]


def test_a_lone_line_left_of_the_figures_is_a_column_not_a_phantom_one_at_the_right() -> None:
    # Left of the bounds, the negative offsets wrapped round to the end of the profile and made
    # a column that no word is in.
    rows = [figures_row("Placements", 1), [chunk("note", 60, 90, 2)], figures_row("Staff", 3)]
    assert whitespace_columns(rows) == [Column(60, 90), *FIGURES]
