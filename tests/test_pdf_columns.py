"""Column recovery from the whitespace between chunks, on synthetic word layouts."""

from __future__ import annotations

from extract.pdf.chunks import Chunk, split_after_figure_columns
from extract.pdf.columns import Column, split_columns_at, whitespace_columns
from extract.pdf.words import Word


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


def words_chunk(line: int, *words: tuple[str, float, float]) -> Chunk:
    return Chunk([Word(text, x0, line * 12.0, x1, line * 12.0 + 10) for text, x0, x1 in words], line)


def test_a_comment_set_right_after_a_column_of_figures_is_split_from_its_figure() -> None:
    # A spreadsheet prints a right-aligned figure and the comment in the next cell only the
    # cells' padding apart: a word space, so the chunker joins them.
    rows = [
        [words_chunk(1, ("52,100", 200.8, 230), ("Three", 231.7, 258), ("more", 260, 282))],
        [words_chunk(2, ("5,900", 205, 230), ("Vacancies", 231.7, 280))],
        [words_chunk(3, ("13,000", 200.8, 230), ("Route", 231.7, 258))],
    ]
    cuts = split_after_figure_columns(rows)
    assert [[c.text for c in row] for row in rows] == [
        ["52,100", "Three more"],
        ["5,900", "Vacancies"],
        ["13,000", "Route"],
    ]
    # No strip of whitespace lies between them (2 pt of padding), so the cut makes the columns.
    assert whitespace_columns(rows) == [Column(200.8, 281.8)]
    assert split_columns_at(whitespace_columns(rows), cuts) == [Column(200.8, 230), Column(230.5, 281.8)]


def test_figures_left_aligned_or_on_too_few_lines_are_not_split_from_the_words_after() -> None:
    # '3 years' / '5 years': amounts of one width ending at one x are no right-aligned column.
    same_width = [[words_chunk(k, ("3", 200, 206), ("years", 208, 230))] for k in range(1, 5)]
    two_lines = [
        [words_chunk(1, ("52,100", 200, 230), ("Three", 232, 258))],
        [words_chunk(2, ("5,900", 205, 230), ("Vacancies", 232, 280))],
    ]
    for rows in (same_width, two_lines):
        split_after_figure_columns(rows)
        assert all(len(row) == 1 for row in rows)
