"""Each PDF table row cites its own box, so a source page outlines the row, not the whole table."""

from __future__ import annotations

from pathlib import Path

import pdfplumber

from extract.document import extract_file
from extract.records import BBox

MONITORING = "Cabinet 2025-11-06 Revenue budget monitoring Q2 2025-26.pdf"


def _height(box: BBox) -> float:
    return box[3] - box[1]


def _inside(point: tuple[float, float], box: BBox) -> bool:
    return box[0] <= point[0] <= box[2] and box[1] <= point[1] <= box[3]


def test_each_budget_line_cites_its_own_rows_box_which_holds_its_label(example_bundle: Path) -> None:
    data = (example_bundle / MONITORING).read_bytes()
    found = extract_file(MONITORING, data)
    tables = {(t.page, t.locator): t for t in found.tables}
    lines = [b for b in found.budget_lines if b.provenance[0].page]
    assert len(lines) >= 10
    with pdfplumber.open(example_bundle / MONITORING) as pdf:
        for line in lines:
            where = line.provenance[0]
            table = tables[(where.page, where.locator.split(", row")[0])]
            assert where.bbox is not None and table.bbox is not None
            assert _height(where.bbox) < _height(table.bbox) / 4, (line.name, where.bbox, table.bbox)
            assert table.bbox[1] <= where.bbox[1] and where.bbox[3] <= table.bbox[3]
            # The label's first word, where pdfplumber finds it on the page, is inside the row's box.
            first = line.name.split()[0]
            words = pdf.pages[where.page - 1].extract_words()
            spots = [
                ((w["x0"] + w["x1"]) / 2, (w["top"] + w["bottom"]) / 2) for w in words if w["text"] == first
            ]
            assert sum(_inside(spot, where.bbox) for spot in spots) >= 1, (line.name, where.bbox)


def test_a_table_has_one_box_per_row_and_the_boxes_run_down_the_page(example_bundle: Path) -> None:
    found = extract_file(MONITORING, (example_bundle / MONITORING).read_bytes())
    for table in found.tables:
        assert len(table.row_boxes) == len(table.rows), table.locator
        tops = [box[1] for box in table.row_boxes]
        assert tops == sorted(tops), table.locator
