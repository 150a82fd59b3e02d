"""Read a PowerPoint deck (.pptx): each slide's tables and charts' data, and its text boxes as passages.

The page of everything read is the slide number. A table's title is its slide's title; its
unit comes from that title or a text box on the slide ("£000", "£m"). Cells covered by a merge
are empty, so a merged value is read once, from the merge's origin cell.
"""

from __future__ import annotations

import io
import warnings
from collections.abc import Iterator
from typing import Any

import pptx
from pptx.enum.shapes import MSO_SHAPE_TYPE

from extract.reading import cell_text, find_unit, passage, table
from extract.records import Content, Passage, Table
from ingest.errors import CorruptFile
from ingest.records import Document


def read_pptx(document: Document, data: bytes) -> Content:
    """Tables and text of every slide, in slide order."""
    deck = open_pptx(document, data)
    tables: list[Table] = []
    passages: list[Passage] = []
    slides = list(deck.slides)
    for number, slide in enumerate(slides, start=1):
        found_tables, found_passages = read_slide(document, slide, number)
        tables.extend(found_tables)
        passages.extend(found_passages)
    return Content(pages=len(slides), tables=tables, passages=passages)


def open_pptx(document: Document, data: bytes) -> Any:
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            return pptx.Presentation(io.BytesIO(data))
    except Exception as exc:  # zipfile, KeyError, lxml: all mean a damaged file
        raise CorruptFile("the PowerPoint file is damaged and cannot be read", file=document.file) from exc


def read_slide(document: Document, slide: Any, number: int) -> tuple[list[Table], list[Passage]]:
    title_shape = slide.shapes.title
    title = title_shape.text_frame.text.strip() if title_shape is not None else ""
    texts: list[str] = []
    grids: list[list[list[str]]] = []
    for shape in shapes_in(slide.shapes):
        if getattr(shape, "has_table", False):
            grids.append(table_rows(shape.table))
        elif getattr(shape, "has_chart", False):
            grids.append(chart_rows(shape.chart))
        elif getattr(shape, "has_text_frame", False) and shape.text_frame.text.strip():
            texts.append(shape.text_frame.text.strip())
    passages = [
        passage(document, text, f"slide {number}, text {i}", number) for i, text in enumerate(texts, 1)
    ]
    notes = slide_notes(slide)
    if notes:
        passages.append(passage(document, notes, f"slide {number}, notes", number))
    unit = find_unit(" ".join(texts))
    tables = [
        table(document, rows, f"slide {number}, table {i}", title=title, unit=unit, page=number)
        for i, rows in enumerate(grids, 1)
        if rows
    ]
    return tables, passages


def shapes_in(shapes: Any) -> Iterator[Any]:
    """Every shape, groups opened, in the slide's order."""
    for shape in shapes:
        if shape.shape_type == MSO_SHAPE_TYPE.GROUP:
            yield from shapes_in(shape.shapes)
        else:
            yield shape


def table_rows(grid: Any) -> list[list[str]]:
    rows = [["" if cell.is_spanned else cell.text.strip() for cell in row.cells] for row in grid.rows]
    return [row for row in rows if any(row)]


def chart_rows(chart: Any) -> list[list[str]]:
    """A chart's cached data as a table: a header of series names, then one row per category.

    Budget decks often show variance by service only as a bar chart; its data is in the file.
    """
    try:
        plot = chart.plots[0]
        categories = [str(c) for c in plot.categories]
        series = list(plot.series)
    except (IndexError, KeyError, AttributeError, ValueError):
        return []
    header = ["", *(s.name or "" for s in series)]
    columns = [list(s.values) for s in series]
    rows = [
        [name, *(cell_text(col[i]) if i < len(col) else "" for col in columns)]
        for i, name in enumerate(categories)
    ]
    return [header, *rows] if rows else []


def slide_notes(slide: Any) -> str:
    if not slide.has_notes_slide:
        return ""
    frame = slide.notes_slide.notes_text_frame
    return frame.text.strip() if frame is not None else ""
