"""Column recovery from the whitespace between chunks, on synthetic word layouts."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from extract.pdf.chunks import Chunk, split_after_figure_columns
from extract.pdf.columns import Column, _coverage, _split_valleys, split_columns_at, whitespace_columns
from extract.pdf.settings import LAYOUT
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


def test_coverage_counts_each_chunk_from_the_strip_of_its_left_edge_through_that_of_its_right() -> None:
    rows = [[chunk("a", 0, 2.5, 1)], [chunk("b", 1.2, 3, 2), chunk("backwards", 3, 1, 2)]]
    assert _coverage(rows, 0, 3) == [1, 2, 2, 1, 0]


def test_a_column_splits_at_its_first_deep_valley_and_the_rest_again() -> None:
    coverage = [4, 4, 4, 1, 4, 1, 4, 4, 4, 4, 1, 0, 4, 4, 4]
    assert _split_valleys(Column(0, 14), coverage, 0) == [Column(0, 2), Column(4, 9), Column(12, 14)]


def test_a_valley_crossed_by_more_than_a_quarter_of_the_peak_does_not_split() -> None:
    assert _split_valleys(Column(0, 9), [4, 4, 4, 4, 2, 2, 4, 4, 4, 4], 0) == [Column(0, 9)]


def strip_by_strip_valleys(column: Column, coverage: list[int], left: float) -> list[Column]:
    """The valley search written one strip at a time, as the rule reads."""
    start, end = int(column.x0 - left), int(column.x1 - left)
    profile = coverage[start : end + 1]
    best: tuple[int, int] | None = None
    for x in range(2, len(profile) - 2):
        peak_left, peak_right = max(profile[:x]), max(profile[x + 1 :])
        deep = profile[x] <= LAYOUT.valley_depth * min(peak_left, peak_right)
        if deep and peak_left >= LAYOUT.valley_peak:
            if best is None:
                best = (x, x)
            elif best[1] == x - 1:
                best = (best[0], x)
    if best is None:
        return [column]
    rest = Column(left + start + best[1] + 1, column.x1)
    return [Column(column.x0, left + start + best[0] - 1), *strip_by_strip_valleys(rest, coverage, left)]


@given(st.lists(st.integers(0, 8), min_size=1, max_size=60), st.floats(0, 100))
def test_the_valleys_found_at_once_are_those_found_strip_by_strip(coverage: list[int], left: float) -> None:
    column = Column(left, left + len(coverage) - 1)
    assert _split_valleys(column, coverage, left) == strip_by_strip_valleys(column, coverage, left)
