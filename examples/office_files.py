"""The savings tracker (XLSX), the savings plan (DOCX) and a CSV saved as .xls, all reproducible."""

from __future__ import annotations

import re
import zipfile
from datetime import datetime
from pathlib import Path

from examples import wyvern_figures as w

FIXED_TIME = datetime(2025, 10, 15, 9, 0, 0)
RAG_FILLS = {"Red": "FF0000", "Dark Amber": "E26B0A", "Amber": "FFC000", "Green": "00B050", "Blue": "0070C0"}
RAG_MEANING = {
    "Blue": "Delivered",
    "Green": "On track to deliver in full",
    "Amber": "Some risk to delivery; mitigations in place",
    "Dark Amber": "Significant risk; part delivery expected",
    "Red": "Will not be delivered in year",
}
TRACKER_HEADERS = [
    "Ref",
    "Directorate",
    "Saving description",
    "2025-26 Target £000",
    "Forecast delivery £000",
    "Shortfall £000",
    "RAG",
    "Comments",
]


def _fixed_modified(name: str, data: bytes) -> bytes:
    # openpyxl overwrites the workbook's modified date with the clock when it saves.
    if name != "docProps/core.xml":
        return data
    stamp = FIXED_TIME.strftime("%Y-%m-%dT%H:%M:%SZ").encode()
    return re.sub(rb"(<dcterms:modified[^>]*>)[^<]*(<)", rb"\g<1>" + stamp + rb"\g<2>", data)


def fix_zip_times(path: Path) -> None:
    """Rewrite a zip (XLSX, DOCX) with fixed entry times: zipfile stamps entries with the clock."""
    with zipfile.ZipFile(path) as src:
        entries = [(i.filename, _fixed_modified(i.filename, src.read(i))) for i in src.infolist()]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as dst:
        for name, data in entries:
            dst.writestr(
                zipfile.ZipInfo(name, date_time=FIXED_TIME.timetuple()[:6]),
                data,
                compress_type=zipfile.ZIP_DEFLATED,
            )


def _tracker_row(s: w.Saving) -> list:
    # Some directorates return savings as negatives; the shortfall is always a positive amount.
    sign = -1 if s.ref in w.NEGATIVE_IN_TRACKER else 1
    return [
        s.ref,
        s.directorate,
        s.description,
        sign * s.target,
        sign * s.forecast,
        s.target - s.forecast,
        s.rag,
        s.comment,
    ]


def _tracker_totals() -> list:
    # Plain values, not formulas: openpyxl cannot store a formula's cached value, so any reader
    # opening the file with data_only=True (or without Excel recalculating) would see no total.
    target = sum(s.target for s in w.SAVINGS)
    forecast = sum(s.forecast for s in w.SAVINGS)
    return ["", "Total", "", target, forecast, target - forecast, "", ""]


def _style_tracker(ws, last_row: int) -> None:
    from openpyxl.styles import Alignment, Font, PatternFill

    ws.merge_cells("A1:H1")
    ws["A1"].font = Font(bold=True, size=13)
    for cell in ws[3]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    for row in ws.iter_rows(min_row=4, max_row=last_row):
        for cell in row[3:6]:
            cell.number_format = "#,##0"
        if row[6].value in RAG_FILLS:
            row[6].fill = PatternFill("solid", fgColor=RAG_FILLS[row[6].value])
    for cell in ws[last_row]:
        cell.font = Font(bold=True)
    for col, width in zip("ABCDEFGH", (10, 34, 60, 14, 14, 12, 12, 70), strict=True):
        ws.column_dimensions[col].width = width
    ws.freeze_panes = "A4"


def write_tracker(path: Path) -> Path:
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.title = "Tracker Q2"
    ws.append([f"{w.COUNCIL} – Savings Tracker 2025-26 – Quarter 2 (position at 30 September 2025)"])
    ws.append([])
    ws.append(TRACKER_HEADERS)
    for saving in w.SAVINGS:
        ws.append(_tracker_row(saving))
    ws.append(_tracker_totals())
    _style_tracker(ws, ws.max_row)
    key = wb.create_sheet("RAG key")
    key.append(["RAG", "Meaning"])
    for rag, meaning in RAG_MEANING.items():
        key.append([rag, meaning])
    wb.properties.creator = "Wyvern County Council Finance"
    wb.properties.created = wb.properties.modified = FIXED_TIME
    wb.save(path)
    fix_zip_times(path)
    return path


def write_csv_as_xls(path: Path) -> Path:
    """A Quarter 1 summary exported as CSV but saved with an .xls name, as happens in real bundles."""
    rows = [
        ("Directorate", "Budget £000", "Forecast £000", "Variance £000"),
        (w.CYPE, 191000, 201100, 10100),
        (w.ASCH, 393000, 393900, 900),
        (w.GET, 146000, 146300, 300),
        (w.CED, 58000, 57800, -200),
        ("Non attributable costs", 30000, 29800, -200),
        ("Total", 818000, 828900, 10900),
    ]
    text = "\r\n".join(",".join(f'"{v}"' if isinstance(v, str) else str(v) for v in r) for r in rows)
    path.write_text(text + "\r\n", encoding="utf-8")
    return path
