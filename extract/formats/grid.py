"""Spreadsheet-like grids (an Excel sheet, a CSV file) cut into titled tables.

A grid is a list of (row number, cells) with None for a row that must break a table (a hidden
row). Blocks split there or at two blank rows; one blank row stays inside a table, so the
table's rows stay consecutive sheet rows and "sheet NAME!B7" plus an index locates any row.
"""

from __future__ import annotations

from dataclasses import dataclass

from openpyxl.utils import get_column_letter

from extract.reading import filled, is_number, passage, table
from extract.records import Passage, Table
from ingest.records import Document

Grid = list[tuple[int, list[str]] | None]


@dataclass(frozen=True)
class Block:
    first_row: int
    rows: list[list[str]]


def grid_tables(
    document: Document, sheet: str, first_col: int, grid: Grid
) -> tuple[list[Table], list[Passage]]:
    """Every block of the grid as a table with its title, and its title and note rows as passages."""
    tables: list[Table] = []
    passages: list[Passage] = []
    for block in blocks(grid):
        found_tables, found_passages = read_block(document, sheet, first_col, block)
        tables.extend(found_tables)
        passages.extend(found_passages)
    return tables, passages


def blocks(grid: Grid) -> list[Block]:
    """Runs of rows split at a hidden row or two blank rows; one blank row stays inside a table."""
    found: list[Block] = []
    current: list[tuple[int, list[str]]] = []
    blank_run = 0
    for item in [*grid, None]:
        blank_run = blank_run + 1 if item is not None and not filled(item[1]) else 0
        if item is None or blank_run >= 2:
            if current:
                found.append(Block(current[0][0], [row for _, row in strip_blank_tail(current)]))
            current = []
            continue
        if current or filled(item[1]):
            current.append(item)
    return found


def strip_blank_tail(rows: list[tuple[int, list[str]]]) -> list[tuple[int, list[str]]]:
    while rows and not filled(rows[-1][1]):
        rows = rows[:-1]
    return rows


def read_block(
    document: Document, sheet: str, first_col: int, block: Block
) -> tuple[list[Table], list[Passage]]:
    """A block's leading one-cell rows are its title (and passages); what follows is its table."""
    title_rows = 0
    while title_rows < len(block.rows) and (
        is_note(block.rows[title_rows]) or not filled(block.rows[title_rows])
    ):
        title_rows += 1
    column = get_column_letter(first_col)
    notes = [(i, filled(row)[0]) for i, row in enumerate(block.rows[:title_rows]) if filled(row)]
    passages = [passage(document, text, f"sheet {sheet}!{column}{block.first_row + i}") for i, text in notes]
    body = block.rows[title_rows:]
    if not body:
        return [], passages
    title = " ".join(text for _, text in notes)
    locator = f"sheet {sheet}!{column}{block.first_row + title_rows}"
    return [table(document, body, locator, title=title or sheet)], passages


def is_note(row: list[str]) -> bool:
    cells = filled(row)
    return len(cells) == 1 and not is_number(cells[0])
