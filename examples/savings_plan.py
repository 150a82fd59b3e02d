"""The children's services savings plan (DOCX): a narrative per saving and a phasing table.

The phasing table has a merged heading ("Phasing £000" over three year columns, and "Ref",
"Saving" and "Total" merged down two header rows), which a table extractor has to unfold.
"""

from __future__ import annotations

from pathlib import Path

from examples import wyvern_figures as w
from examples.office_files import FIXED_TIME, fix_zip_times

NARRATIVE = {
    "CYPE-01": "Edge of care teams will work with families of adolescents at risk of entering care, "
    "so that fewer children need residential placements. The saving assumes eight fewer "
    "residential placements by March 2026 at an average weekly cost of £6,850.",
    "CYPE-02": "The Step Forward programme will move children from residential homes to specialist "
    "foster carers, with a dedicated support team. Sixteen step-downs are planned in 2025-26.",
    "CYPE-03": "A new fostering offer, with higher allowances and a dedicated recruitment campaign, "
    "will reduce the use of independent fostering agencies, whose placements cost on average £1,050 "
    "a week against £435 per child for in-house carers.",
    "CYPE-04": "Agency social workers will be converted to permanent posts through a recruitment "
    "and retention package, reducing agency staff from 24% to 15% of the workforce.",
    "CYPE-05": "Home to school transport routes will be re-planned with new routing software. This "
    "saving was planned for 2024-25 and has slipped into 2025-26.",
    "CYPE-06": "Early help contracts have been recommissioned into fewer, larger contracts.",
    "CYPE-07": "Savings of £1.5m are still to be identified. Options will be reported to Cabinet.",
}


def plan_savings() -> list[tuple[w.Saving, tuple[int, int, int]]]:
    """The directorate's savings with the plan's phasing (one saving deliberately differs)."""
    return [(s, w.SAVINGS_PLAN_OVERRIDES.get(s.ref, s.phasing)) for s in w.SAVINGS if s.directorate == w.CYPE]


def _header(table) -> None:
    top, second = table.rows[0].cells, table.rows[1].cells
    for col, text in ((0, "Ref"), (1, "Saving"), (5, "Total £000")):
        top[col].merge(second[col]).text = text
    top[2].merge(top[4]).text = "Phasing £000"
    for col, year in zip((2, 3, 4), w.YEARS, strict=True):
        second[col].text = year


def _phasing_table(doc) -> None:
    rows = plan_savings()
    table = doc.add_table(rows=2, cols=6)
    table.style = "Table Grid"
    _header(table)
    for saving, phasing in rows:
        cells = table.add_row().cells
        values = [saving.ref, saving.description, *(f"{v:,}" for v in phasing), f"{sum(phasing):,}"]
        for cell, value in zip(cells, values, strict=True):
            cell.text = value
    totals = [sum(p[i] for _, p in rows) for i in range(3)]
    cells = table.add_row().cells
    for cell, value in zip(
        cells, ["", "Total", *(f"{v:,}" for v in totals), f"{sum(totals):,}"], strict=True
    ):
        cell.text = value


def write_savings_plan(path: Path) -> Path:
    from docx import Document

    doc = Document()
    doc.add_heading("Children, Young People and Education – Savings Plan 2025-2028", level=1)
    doc.add_paragraph(
        f"{w.COUNCIL}. This plan describes each saving in the directorate's Medium Term Financial "
        "Plan and its phasing. Figures are in £000 unless stated otherwise."
    )
    for saving, phasing in plan_savings():
        doc.add_heading(f"{saving.ref}: {saving.description}", level=2)
        doc.add_paragraph(NARRATIVE[saving.ref])
        doc.add_paragraph(f"Saving: £{phasing[0]:,}k in 2025-26. Lead: Director of Children's Services.")
    doc.add_heading("Phasing of savings", level=2)
    _phasing_table(doc)
    props = doc.core_properties
    props.author = "Wyvern County Council"
    props.created = props.modified = props.last_printed = FIXED_TIME
    props.revision = 1
    doc.save(str(path))
    fix_zip_times(path)
    return path
