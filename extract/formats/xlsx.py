"""Read an Excel workbook (.xlsx, .xlsm) into tables and notes, cell text as Excel shows it.

Formulas are not evaluated: we read the values Excel cached when the file was saved (data_only),
and macros are never loaded (keep_vba=False). Each sheet splits into blocks at two blank rows
or a hidden row; a block's leading one-cell rows are its title, the rest one Table located as
"sheet NAME!B7" (its first cell), so row N of the table is sheet row 7+N. Merged cells keep
their value in the top-left cell only, so a merged heading is read once.
"""

from __future__ import annotations

import colorsys
import io
import warnings
import zipfile
from dataclasses import dataclass
from typing import Any

import openpyxl
from openpyxl.utils import get_column_letter
from openpyxl.workbook.workbook import Workbook

from extract.formats.grid import Grid, grid_tables
from extract.numbers import parse_amount
from extract.reading import cell_text, passage
from extract.records import Content, Passage, Table
from ingest.checks import check_cells, check_rows
from ingest.errors import CorruptFile
from ingest.limits import DEFAULT_LIMITS, Limits
from ingest.records import Document
from ingest.sniff import ZIP_ERRORS

# Above this size, read_only mode keeps memory flat at the cost of merged-cell and hidden-row facts.
READ_ONLY_BYTES = 20 * 1024 * 1024
# The same, for the unpacked parts: sheet XML compresses ten to a hundred times.
READ_ONLY_UNPACKED = 50 * 1024 * 1024
EXCEL_COLUMNS = 16384  # column XFD, the last there is


@dataclass
class CellTally:
    """Rows and cells read so far, against the limits: a sheet's declared size may be missing or
    wrong, so reading stops at the limit rather than trusting it."""

    file: str
    limits: Limits = DEFAULT_LIMITS
    cells: int = 0

    def sheet(self, rows: int | None, columns: int | None) -> None:
        """Refuse a sheet whose size (as openpyxl knows it) is over the limits, before its rows."""
        if rows and columns:
            check_rows(self.file, rows, self.limits)
            check_cells(self.file, self.cells + rows * columns, self.limits)

    def row(self, number: int, width: int) -> None:
        self.cells += width
        check_rows(self.file, number, self.limits)
        check_cells(self.file, self.cells, self.limits)


def read_xlsx(document: Document, data: bytes) -> Content:
    """Every sheet's tables and text notes, with their sheet-and-cell locators."""
    workbook = open_workbook(document, data)
    tables: list[Table] = []
    passages: list[Passage] = []
    tally = CellTally(document.file)
    try:
        for sheet in workbook.worksheets:
            name = sheet.title
            for note in hidden_notes(sheet):
                passages.append(passage(document, note, f"sheet {name}"))
            found_tables, found_passages = grid_tables(document, name, *sheet_grid(sheet, tally))
            tables.extend(found_tables)
            passages.extend(found_passages)
    finally:
        workbook.close()
    return Content(pages=None, tables=tables, passages=passages)


def open_workbook(document: Document, data: bytes) -> Workbook:
    read_only = len(data) > READ_ONLY_BYTES or unpacked_bytes(data) > READ_ONLY_UNPACKED
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # openpyxl warns about extensions it skips
            return openpyxl.load_workbook(
                io.BytesIO(data), read_only=read_only, data_only=True, keep_vba=False
            )
    except Exception as exc:  # zipfile, KeyError, lxml: all mean a damaged workbook
        raise CorruptFile("the workbook is damaged and cannot be read", file=document.file) from exc


def unpacked_bytes(data: bytes) -> int:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return sum(info.file_size for info in archive.infolist())
    except ZIP_ERRORS:
        return 0  # openpyxl will say it is damaged


def sheet_grid(sheet: Any, tally: CellTally) -> tuple[int, Grid]:
    """The sheet's rows as (row number, cells from its first used column); None for a hidden row.

    Hidden columns are left out; the first used column's number is returned for locators.
    """
    hidden_rows = hidden_numbers(getattr(sheet, "row_dimensions", {}))
    hidden_cols = hidden_columns(getattr(sheet, "column_dimensions", {}))
    values: list[tuple[int, dict[int, str]] | None] = []
    tally.sheet(sheet.max_row, sheet.max_column)
    for number, cells in enumerate(sheet.iter_rows(min_row=1), start=1):
        tally.row(number, len(cells))
        row = {
            c.column: cell_text(c.value, getattr(c, "number_format", "General"))
            for c in cells
            if c.value is not None and c.column not in hidden_cols
        }
        row = rag_fills(cells, row, hidden_cols)
        values.append(None if number in hidden_rows else (number, row))
    used = sorted({col for item in values if item for col, text in item[1].items() if text})
    if not used:
        return 1, []
    columns = [c for c in range(used[0], used[-1] + 1) if c not in hidden_cols]
    grid: Grid = [
        None if item is None else (item[0], [item[1].get(c, "") for c in columns]) for item in values
    ]
    return used[0], grid


def hidden_notes(sheet: Any) -> list[str]:
    """Say what the workbook hides: reviewers may want to ask what hidden rows held."""
    notes = []
    if sheet.sheet_state != "visible":
        notes.append(f"Sheet {sheet.title} is hidden in the workbook; its contents were read.")
    rows = sorted(
        n for n in hidden_numbers(getattr(sheet, "row_dimensions", {})) if n <= (sheet.max_row or 0)
    )
    if rows:
        shown = ", ".join(str(n) for n in rows[:20]) + (" and more" if len(rows) > 20 else "")
        notes.append(f"Sheet {sheet.title} hides rows {shown}; hidden rows were not read.")
    columns = sorted(
        c for c in hidden_columns(getattr(sheet, "column_dimensions", {})) if c <= (sheet.max_column or 0)
    )
    if columns:
        letters = ", ".join(get_column_letter(c) for c in columns[:20])
        notes.append(f"Sheet {sheet.title} hides columns {letters}; hidden columns were not read.")
    return notes


def hidden_numbers(dimensions: Any) -> set[int]:
    return {int(key) for key, dim in dict(dimensions).items() if getattr(dim, "hidden", False)}


def hidden_columns(dimensions: Any) -> set[int]:
    """Numbers of the hidden columns; a range is cut at Excel's last column, as a hostile file may
    hide columns 1 to 2,000,000,000."""
    hidden: set[int] = set()
    for dim in dict(dimensions).values():
        if getattr(dim, "hidden", False) and dim.min and dim.max:
            hidden.update(range(max(dim.min, 1), min(dim.max, EXCEL_COLUMNS) + 1))
    return hidden


def rag_fills(cells: Any, row: dict[int, str], hidden_cols: set[int]) -> dict[int, str]:
    """A tracker may rate a saving by colouring an empty cell: the colour is the cell's text.
    Only in a row of figures (a title or header band's fill says nothing), and only a strong
    red, amber or green (pale banding is layout)."""
    if not any(parse_amount(text) is not None for text in row.values()):
        return row
    found = dict(row)
    for cell in cells:
        if cell.value is None and cell.column not in hidden_cols:
            colour = fill_colour(cell)
            if colour:
                found[cell.column] = colour
    return found


def fill_colour(cell: Any) -> str | None:
    """'Red', 'Amber' or 'Green' for a solid fill of that colour, else None."""
    fill = getattr(cell, "fill", None)
    rgb = getattr(getattr(fill, "fgColor", None), "rgb", None)
    if getattr(fill, "fill_type", None) != "solid" or not isinstance(rgb, str) or len(rgb) not in (6, 8):
        return None
    try:
        red, green, blue = (int(rgb[-6:][i : i + 2], 16) / 255 for i in (0, 2, 4))
    except ValueError:
        return None
    hue, saturation, value = colorsys.rgb_to_hsv(red, green, blue)
    if saturation < 0.6 or value < 0.4:
        return None
    degrees = hue * 360
    if degrees < 15 or degrees > 340:
        return "Red"
    if 25 <= degrees <= 60:
        return "Amber"
    if 75 <= degrees <= 160:
        return "Green"
    return None
