"""The PDF reader's layout tolerances: named in one settings object, and the one the reader uses."""

from __future__ import annotations

import ast
import dataclasses
from pathlib import Path

import pytest

import extract.pdf.chunks
from extract.pdf.chunks import line_chunks
from extract.pdf.settings import LAYOUT, LayoutSettings
from extract.pdf.words import Line, Word

ROOT = Path(__file__).resolve().parents[1]
LAYOUT_MODULES = ["words", "chunks", "columns", "passages", "row_grouping", "table_finding", "captions"]
# 0 and 1 are floors and offsets ('max(height, 1.0)'), not tolerances; the powers of a thousand
# are the units £000, £m, £bn.
NOT_TOLERANCES = {0.0, 1.0, 1e3, 1e6, 1e9}


def bare_ratios(source: str) -> list[tuple[int, float]]:
    return [
        (node.lineno, node.value)
        for node in ast.walk(ast.parse(source))
        if isinstance(node, ast.Constant) and type(node.value) is float and node.value not in NOT_TOLERANCES
    ]


@pytest.mark.parametrize("module", LAYOUT_MODULES)
def test_the_layout_modules_keep_no_bare_ratio_every_tolerance_is_a_named_setting(module: str) -> None:
    source = (ROOT / "extract" / "pdf" / f"{module}.py").read_text()
    assert bare_ratios(source) == []


def test_the_ratio_check_finds_a_ratio_written_inline() -> None:
    assert bare_ratios("def near(gap, height):\n    return gap <= 0.6 * height\n") == [(2, 0.6)]


def test_the_layout_settings_are_frozen() -> None:
    with pytest.raises(dataclasses.FrozenInstanceError):
        LAYOUT.chunk_gap = 2.0  # type: ignore[misc]


def two_words(gap_in_heights: float) -> Line:
    # Words 10 points high: a gap of 1.5 heights is 15 points.
    return Line([Word("Placements", 0, 0, 60, 10), Word("Residential", 60 + 10 * gap_in_heights, 0, 130, 10)])


def test_two_words_a_cell_gap_apart_are_two_cells_with_the_default_settings() -> None:
    assert len(line_chunks(two_words(2.5), 0, [])) == 2
    assert len(line_chunks(two_words(0.3), 0, [])) == 1


def test_the_reader_splits_cells_at_the_gap_its_settings_name(monkeypatch: pytest.MonkeyPatch) -> None:
    wide = dataclasses.replace(LAYOUT, chunk_gap=3.0, cell_gap=4.0)
    monkeypatch.setattr(extract.pdf.chunks, "LAYOUT", wide)
    assert isinstance(wide, LayoutSettings)
    assert len(line_chunks(two_words(2.5), 0, [])) == 1


def test_a_ruling_line_between_two_close_words_splits_them_within_the_wall_slack_only() -> None:
    # 'Placements' ends at 60 and 'Residential' starts at 63: one phrase, unless a rule runs
    # between them, or within `wall_slack` of either (walls arrive in drawing order, unsorted).
    slack = LAYOUT.wall_slack
    assert len(line_chunks(two_words(0.3), 0, [200.0, 61.5, 5.0])) == 2
    assert len(line_chunks(two_words(0.3), 0, [200.0, 63 + slack])) == 2
    assert len(line_chunks(two_words(0.3), 0, [200.0, 60 - slack])) == 2
    assert len(line_chunks(two_words(0.3), 0, [200.0, 63 + slack + 0.1, 60 - slack - 0.1])) == 1
    assert len(line_chunks(two_words(0.3), 0, [])) == 1
