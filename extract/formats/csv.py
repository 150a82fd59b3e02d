"""Read a CSV export into tables, cells as the text in the file.

The encoding (UTF-8 with or without BOM, UTF-16, Windows-1252) and the delimiter (comma,
semicolon, tab, bar) are sniffed, as councils export from many systems. Excel names a CSV's one
sheet after the file, so rows are located the same way as a workbook's: "sheet NAME!A7".
"""

from __future__ import annotations

import csv
import io

from extract.formats.grid import Grid, grid_tables
from extract.records import Content
from ingest.checks import check_cells, check_rows
from ingest.errors import CorruptFile
from ingest.limits import DEFAULT_LIMITS, Limits
from ingest.records import Document
from ingest.sniff import decode_text, sniff_delimiter


def read_csv(document: Document, data: bytes) -> Content:
    """The file's tables (split at two blank lines) and its title lines as passages."""
    text = decode_text(data)
    if text is None:
        raise CorruptFile("the CSV file is not text and cannot be read", file=document.file)
    try:
        grid = csv_grid(document.file, text)
    except csv.Error as exc:  # a cell over csv's field size limit, a NUL byte
        raise CorruptFile(f"the CSV file cannot be read as CSV ({exc})", file=document.file) from exc
    tables, passages = grid_tables(document, sheet_name(document.file), 1, grid)
    return Content(pages=None, tables=tables, passages=passages)


def csv_grid(file: str, text: str, limits: Limits = DEFAULT_LIMITS) -> Grid:
    """The rows with their line numbers; reading stops at the row or cell limit."""
    delimiter = sniff_delimiter(text) or ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    grid: Grid = []
    line, cells = 1, 0
    for row in reader:
        cells += len(row)
        check_rows(file, len(grid) + 1, limits, what="CSV file")
        check_cells(file, cells, limits, what="CSV file")
        grid.append((line, [cell.strip() for cell in row]))
        line = reader.line_num + 1  # a quoted cell may run over several lines
    return grid


def sheet_name(file: str) -> str:
    return file.rsplit("/", 1)[-1].rsplit(".", 1)[0]
