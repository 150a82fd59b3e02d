"""A council bundle written by an independent tester who never read this project's code: Northmoor
Borough Council (fictional), its Quarter 2 revenue monitoring report for Cabinet (a PDF made from
q2.html), its children's savings tracker (XLSX) and its MTFP update (DOCX). TRUTH.md lists every
figure the tester wrote and where; the tests check the pack against it. It is another author's idea
of a council's documents, not ours: a fixture for the layouts councils use, kept as written (the
one deliberate slip included: Table 2's looked-after children forecast, 40.62 printed for 40.92)."""

from __future__ import annotations

from pathlib import Path

import openpyxl
from docx import Document
from docx.shared import Pt
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side

HERE = Path(__file__).resolve().parent
MONITORING = "Northmoor_Cabinet_RevenueMonitoring_Q2_2025-26.pdf"
TRACKER = "Northmoor_CS_Savings_Tracker_P6_2025-26.xlsx"
MTFP = "Northmoor_MTFP_Update_2026-30.docx"


def make_bundle(out: Path) -> list[Path]:
    """Write the three documents into `out`; their paths, in bundle order."""
    import weasyprint

    out.mkdir(parents=True, exist_ok=True)
    weasyprint.HTML(filename=str(HERE / "q2.html")).write_pdf(out / MONITORING)
    _tracker(out)
    _mtfp(out)
    return [out / MONITORING, out / TRACKER, out / MTFP]


def _tracker(out: Path) -> None:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "CS Savings 2025-26"
    ws["A1"] = "Northmoor Borough Council"
    ws["A1"].font = Font(bold=True, size=14)
    ws["A2"] = "Children's Services – Savings Delivery Tracker 2025/26"
    ws["A2"].font = Font(bold=True, size=12)
    ws["A3"] = "Position as at: Period 6 (30 September 2025)   |   All figures £000"
    ws["A4"] = "Prepared by: Children's Services Finance Business Partner"
    hdr = [
        "Ref",
        "Saving title",
        "Lead officer",
        "2025/26 target £000",
        "2025/26 forecast delivery £000",
        "Shortfall £000",
        "RAG",
        "2026/27 target £000",
        "Commentary",
    ]
    rows = [
        (
            "CS01",
            "Reduce external residential placements through in-house fostering expansion",
            "Head of Corporate Parenting",
            1850,
            1250,
            "R",
            1200,
            "Recruitment of 14 new in-house carers behind plan (6 approved to date). Residential numbers rose to 58.",
        ),
        (
            "CS02",
            "Step-down from residential to family-based care (Valuing Care approach)",
            "Head of Corporate Parenting",
            900,
            700,
            "A",
            600,
            "9 step-downs achieved of 14 planned; slippage on 3 complex cases.",
        ),
        (
            "CS03",
            "Home to School Transport – independent travel training and route optimisation",
            "Head of SEND",
            750,
            420,
            "A",
            300,
            "Route retender in Aug 2025 increased unit costs; ITT cohort of 40 pupils on track.",
        ),
        (
            "CS04",
            "Early Help service restructure",
            "Head of Early Help",
            480,
            480,
            "G",
            0,
            "Restructure implemented 1 July 2025.",
        ),
        (
            "CS05",
            "Reduce agency social workers through conversion to permanent contracts",
            "Director of Children's Social Care",
            620,
            310,
            "R",
            400,
            "Only 8 of 20 planned conversions; market supplement under review.",
        ),
        (
            "CS06",
            "Re-procurement of 16+ supported accommodation contracts",
            "Head of Commissioning",
            400,
            400,
            "B",
            0,
            "Contracts awarded April 2025; saving delivered.",
        ),
        (
            "CS07",
            "Business support review",
            "Head of Business Support",
            240,
            240,
            "G",
            0,
            "Vacancies deleted from establishment.",
        ),
        (
            "CS08",
            "Educational Psychology traded income",
            "Head of Education and Inclusion",
            150,
            110,
            "A",
            50,
            "Buy-back from academies lower than forecast.",
        ),
        (
            "CS09",
            "Short breaks review",
            "Head of SEND",
            250,
            0,
            "R",
            250,
            "Deferred to 2026/27 following consultation feedback.",
        ),
    ]
    r0 = 6
    for j, h in enumerate(hdr, start=1):
        c = ws.cell(row=r0, column=j, value=h)
        c.font = Font(bold=True, color="FFFFFF")
        c.fill = PatternFill("solid", fgColor="5B2C6F")
        c.alignment = Alignment(wrap_text=True, vertical="top")
    fills = {"R": "FF4C4C", "A": "FFC000", "G": "70AD47", "B": "4F81BD"}
    for i, (ref, title, lead, tgt, fc, rag, t27, com) in enumerate(rows):
        r = r0 + 1 + i
        vals = [ref, title, lead, tgt, fc, None, rag, t27, com]
        for j, v in enumerate(vals, start=1):
            c = ws.cell(row=r, column=j, value=v)
            c.alignment = Alignment(wrap_text=True, vertical="top")
        ws.cell(row=r, column=6, value=f"=D{r}-E{r}")
        ws.cell(row=r, column=7).fill = PatternFill("solid", fgColor=fills[rag])
        for j in (4, 5, 6, 8):
            ws.cell(row=r, column=j).number_format = '#,##0;(#,##0);"-"'
    rt = r0 + 1 + len(rows)
    ws.cell(row=rt, column=2, value="Total Children's Services savings").font = Font(bold=True)
    for j, col in ((4, "D"), (5, "E"), (6, "F"), (8, "H")):
        c = ws.cell(row=rt, column=j, value=f"=SUM({col}{r0 + 1}:{col}{rt - 1})")
        c.font = Font(bold=True)
        c.number_format = '#,##0;(#,##0);"-"'
        c.border = Border(top=Side(style="thin"), bottom=Side(style="double"))
    ws.cell(
        row=rt + 2,
        column=1,
        value="RAG key: B = delivered; G = on track; A = at risk; R = will not be delivered in 2025/26. Shortfall is included in the Period 6 forecast outturn.",
    )
    ws.cell(
        row=rt + 3,
        column=1,
        value="RAG summary: Blue 1 (£400k); Green 2 (£720k); Amber 3 (£1,800k); Red 3 (£2,720k).",
    )
    for col, w in zip("ABCDEFGHI", (7, 48, 26, 12, 14, 11, 6, 12, 60), strict=False):
        ws.column_dimensions[col].width = w
    ws.freeze_panes = "A7"
    ws2 = wb.create_sheet("Notes")
    ws2["A1"] = (
        "Savings approved at Budget Council 26 February 2025 (Appendix D). Tracker reconciled to corporate BRAG return for Quarter 2."
    )
    wb.save(out / TRACKER)


def _mtfp(out: Path) -> None:
    d = Document()
    st = d.styles["Normal"]
    st.font.name = "Calibri"
    st.font.size = Pt(11)
    sec = d.sections[0]
    sec.header.paragraphs[
        0
    ].text = (
        "Northmoor Borough Council – Medium Term Financial Plan 2026/27 to 2029/30 – Cabinet 9 December 2025"
    )
    fp = sec.footer.paragraphs[0]
    fp.text = "OFFICIAL"
    d.add_heading("Medium Term Financial Plan 2026/27 to 2029/30 – Update and Budget Gap", 0)
    d.add_paragraph(
        "Report of the Director of Finance and Section 151 Officer. This report updates the Medium Term Financial Plan (MTFP) approved in February 2025 for the Quarter 2 monitoring position, the Autumn Budget and updated demand projections, and sets out the budget gap to be closed before the 2026/27 budget is set in February 2026."
    )
    d.add_heading("1. Budget gap", 1)
    d.add_paragraph(
        "After updating assumptions for pay (3.0% in 2026/27, 2.5% thereafter), contract inflation, demand growth and a council tax increase of 4.99% in 2026/27 (2.99% core plus 2% adult social care precept), the Council faces a cumulative budget gap of £37.8m by 2029/30. The gap in 2026/27 is £14.8m. Table 1 sets out the position; all figures are £m and gaps are cumulative unless stated."
    )
    t = d.add_table(rows=1, cols=5)
    t.style = "Light Grid Accent 1"
    for c, h in zip(t.rows[0].cells, ["£m", "2026/27", "2027/28", "2028/29", "2029/30"], strict=False):
        c.text = h
    data = [
        ("Net expenditure requirement", "326.5", "341.2", "354.9", "367.4"),
        ("Forecast funding (council tax, business rates, grants)", "311.7", "316.8", "323.4", "329.6"),
        ("Cumulative budget gap", "14.8", "24.4", "31.5", "37.8"),
        ("In-year (incremental) gap", "14.8", "9.6", "7.1", "6.3"),
    ]
    for row in data:
        cells = t.add_row().cells
        for c, v in zip(cells, row, strict=False):
            c.text = v
    d.add_paragraph(
        "Note: the incremental gap is the additional gap arising in each year, assuming the previous year's gap is closed on a recurrent basis."
    ).runs[0].font.size = Pt(8)
    d.add_heading("2. Children's Services pressures", 1)
    d.add_paragraph(
        "The MTFP includes growth of £12.48m for Children's Services in 2026/27, reflecting the recurrent element of the 2025/26 Quarter 2 overspend and projected demand. This is the largest single element of the growth in the plan. Adults and Health growth in 2026/27 is £9.10m."
    )
    t2 = d.add_table(rows=1, cols=5)
    t2.style = "Light Grid Accent 1"
    for c, h in zip(
        t2.rows[0].cells,
        ["Children's Services pressure (£m)", "2026/27", "2027/28", "2028/29", "2029/30"],
        strict=False,
    ):
        c.text = h
    data2 = [
        ("Looked after children placements – demand and price", "7.20", "2.10", "1.90", "1.80"),
        ("Home to School Transport (SEND)", "2.10", "0.80", "0.70", "0.60"),
        ("Social worker pay and market supplements", "0.85", "0.20", "0.20", "0.20"),
        ("Care leavers and unaccompanied asylum-seeking children", "0.60", "0.30", "0.30", "0.30"),
        ("Reversal of undelivered 2025/26 savings (CS01, CS05, CS09)", "1.73", "0.00", "0.00", "0.00"),
        ("Total Children's Services pressures", "12.48", "3.40", "3.10", "2.90"),
    ]
    for row in data2:
        cells = t2.add_row().cells
        for c, v in zip(cells, row, strict=False):
            c.text = v
    d.add_paragraph("Pressures are shown as the incremental growth added in each year.").runs[
        0
    ].font.size = Pt(8)
    d.add_heading("3. Savings proposals", 1)
    d.add_paragraph(
        "Savings proposals totalling £9.2m in 2026/27 have been identified to date, of which £2.80m relate to Children's Services (including re-profiled savings CS01, CS02, CS03, CS05, CS08 and CS09). A residual gap of £5.6m remains to be closed in 2026/27 before the budget is set. The Council has not applied for Exceptional Financial Support."
    )
    d.add_heading("4. Dedicated Schools Grant", 1)
    d.add_paragraph(
        "The cumulative DSG deficit is forecast at £34.3m at 31 March 2026. The statutory override currently ends on 31 March 2028; the MTFP does not provide for the deficit, which represents the most significant risk to the Council's financial sustainability beyond that date."
    )
    d.add_heading("5. Risks", 1)
    d.add_paragraph(
        "Each additional external residential placement costs approximately £0.32m a year. A 10% variation in the number of children looked after would change the Children's Services budget requirement by around £4.1m."
    )
    d.save(str(out / MTFP))
