"""The PowerPoint reader: slide numbers as pages, tables with merged cells once, text boxes as passages."""

from __future__ import annotations

import io

import pptx
from pptx.chart.data import CategoryChartData
from pptx.enum.chart import XL_CHART_TYPE
from pptx.util import Inches

from extract.formats.pptx import read_pptx
from ingest.inspect import inspect_file


def deck() -> bytes:
    presentation = pptx.Presentation()
    intro = presentation.slides.add_slide(presentation.slide_layouts[5])
    intro.shapes.title.text = "Children's Services - Budget Monitoring - Month 3"
    box = intro.shapes.add_textbox(Inches(1), Inches(2), Inches(6), Inches(1))
    box.text_frame.text = "Forecast overspend of £5.4m (3.8% of budget)"
    slide = presentation.slides.add_slide(presentation.slide_layouts[5])
    slide.shapes.title.text = "Forecast by service"
    note = slide.shapes.add_textbox(Inches(1), Inches(1.5), Inches(3), Inches(0.5))
    note.text_frame.text = "All figures £000"
    grid = slide.shapes.add_table(3, 3, Inches(1), Inches(2), Inches(6), Inches(2)).table
    grid.cell(0, 0).text = "Service"
    grid.cell(0, 1).text = "2024-25"
    grid.cell(0, 1).merge(grid.cell(0, 2))
    for col, text in enumerate(["", "Budget", "Forecast"]):
        grid.cell(1, col).text = text
    for col, text in enumerate(["Placements", "40,100", "45,500"]):
        grid.cell(2, col).text = text
    slide.notes_slide.notes_text_frame.text = "External placements drive the overspend."
    out = io.BytesIO()
    presentation.save(out)
    return out.getvalue()


def test_slides_are_pages_and_tables_keep_merged_cells_once() -> None:
    data = deck()
    document = inspect_file("month3.pptx", data)
    content = read_pptx(document, data)
    assert content.pages == 2 and document.pages == 2
    [table] = content.tables
    assert (table.page, table.locator, table.title, table.unit) == (
        2,
        "slide 2, table 1",
        "Forecast by service",
        "£000",
    )
    assert table.rows[0] == ["Service", "2024-25", ""]
    assert table.provenance[0].page == 2


def test_text_boxes_and_notes_are_passages_on_their_slide() -> None:
    data = deck()
    content = read_pptx(inspect_file("month3.pptx", data), data)
    where = {p.text: (p.provenance[0].page, p.provenance[0].locator) for p in content.passages}
    assert where["Forecast overspend of £5.4m (3.8% of budget)"][0] == 1
    assert where["External placements drive the overspend."] == (2, "slide 2, notes")


def test_a_charts_data_is_read_as_a_table_on_its_slide() -> None:
    presentation = pptx.Presentation()
    slide = presentation.slides.add_slide(presentation.slide_layouts[5])
    slide.shapes.title.text = "Variance by service £m"
    data = CategoryChartData()
    data.categories = ["Placements", "Transport"]
    data.add_series("Variance", (4.2, -0.5))
    slide.shapes.add_chart(XL_CHART_TYPE.COLUMN_CLUSTERED, Inches(1), Inches(2), Inches(6), Inches(4), data)
    out = io.BytesIO()
    presentation.save(out)
    content = read_pptx(inspect_file("deck.pptx", out.getvalue()), out.getvalue())
    [table] = content.tables
    assert table.rows == [["", "Variance"], ["Placements", "4.2"], ["Transport", "-0.5"]]
    assert (table.page, table.title) == (1, "Variance by service £m")
