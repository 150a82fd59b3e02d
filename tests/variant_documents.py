"""Small generators for council papers laid out and worded unlike Kent's or the Wyvern bundle.

Each generator takes the TRUE values as arguments (with defaults), writes them into a document
the way another council might, and returns the file's bytes with those values in pounds, so a
test compares extraction with what was put in, never with what the code under test produced.
The fictional council is "Fenmarsh Borough Council"; no wording here is copied from a real one.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from html import escape
from pathlib import Path

# ---------------------------------------------------------------------------------------------
# Ground truth records (money in pounds; variance positive = overspend)


@dataclass(frozen=True)
class Budget:
    name: str
    level: str  # "total" | "directorate" | "service_line"
    budget: float
    forecast: float
    directorate: str | None = None

    @property
    def variance(self) -> float:
        return self.forecast - self.budget


@dataclass(frozen=True)
class Saving:
    ref: str
    title: str
    target: float
    delivered: float
    forecast: float
    rag_text: str
    rag: str | None  # the Rag value the words mean, or None where they name no colour
    at_risk: bool

    @property
    def shortfall(self) -> float:
        return self.target - self.forecast


@dataclass(frozen=True)
class Generated:
    name: str
    data: bytes
    budgets: list[Budget] = field(default_factory=list)
    savings: list[Saving] = field(default_factory=list)
    gaps: dict[str, float] = field(default_factory=dict)  # period -> in-year funding gap
    figures: list[tuple[float, str]] = field(default_factory=list)  # (pounds, words near it)
    kind: str = ""


# ---------------------------------------------------------------------------------------------
# Formatting the way councils print figures


def in_units(pounds: float, unit: float, places: int, brackets: bool = True) -> str:
    value = round(pounds / unit, places)
    text = f"{abs(value):,.{places}f}"
    if value < 0:
        return f"({text})" if brackets else f"-{text}"
    return text


# ---------------------------------------------------------------------------------------------
# 1. Budget monitoring as XLSX: other column order and words, £m only in a title cell, a
#    directorate as a bold row without figures above its services, "Net Total" at the end.

MONITORING_XLSX_SERVICES: dict[str, list[tuple[str, float, float]]] = {
    "Children's Services": [
        ("Children in Care Placements", 48_300_000, 52_100_000),
        ("Early Help and Prevention", 6_200_000, 5_900_000),
        ("SEND Transport", 11_400_000, 13_000_000),
    ],
    "Place and Environment": [
        ("Waste Collection", 14_800_000, 14_600_000),
        ("Highways Maintenance", 9_700_000, 9_900_000),
    ],
}


def monitoring_xlsx(services: dict[str, list[tuple[str, float, float]]] | None = None) -> Generated:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    services = services or MONITORING_XLSX_SERVICES
    wb = Workbook()
    ws = wb.active
    ws.title = "P6 Summary"
    ws.append(["Fenmarsh Borough Council - Revenue Monitoring 2025/26 Period 6 (£m)"])
    ws.append([])
    ws.append(["Service", "Revised Budget", "Projected Outturn", "(Under)/Over spend", "Movement from P6"])
    truth: list[Budget] = []
    for directorate, lines in services.items():
        ws.append([directorate])
        ws.cell(ws.max_row, 1).font = Font(bold=True)
        for name, budget, forecast in lines:
            line = Budget(name, "service_line", budget, forecast, directorate)
            truth.append(line)
            ws.append([name, budget / 1e6, forecast / 1e6, line.variance / 1e6, 0.1])
    total_b = sum(b.budget for b in truth)
    total_f = sum(b.forecast for b in truth)
    ws.append(["Net Total", total_b / 1e6, total_f / 1e6, (total_f - total_b) / 1e6, 0.3])
    truth.append(Budget("Net Total", "total", total_b, total_f))
    buffer = io.BytesIO()
    wb.save(buffer)
    return Generated(
        "Revenue monitoring P6 2025-26.xlsx", buffer.getvalue(), budgets=truth, kind="budget_monitoring"
    )


# ---------------------------------------------------------------------------------------------
# 2. Monitoring PDF: "Approved Budget | Forecast | Forecast Variance | Variance %", brackets for
#    underspends, "£'000" in a caption above the table.

MONITORING_PDF_LINES = [
    ("Children's Social Care", 61_250_000, 64_980_000),
    ("Education and Inclusion", 18_400_000, 17_950_000),
    ("Adult Social Care", 92_100_000, 93_600_000),
    ("Corporate Resources", 22_700_000, 22_150_000),
]

PAGE_CSS = """
@page { size: A4; margin: 20mm; }
body { font: 10pt/1.35 'Liberation Sans', Arial, sans-serif; }
table { border-collapse: collapse; width: 100%; margin: 4pt 0 12pt 0; }
td, th { padding: 2pt 5pt; border: 0.5pt solid #444; }
td.n, th.n { text-align: right; }
tr.total td { font-weight: bold; }
.caption { font-weight: bold; text-align: right; }
"""


def html_page(title: str, body: str) -> str:
    return (
        f"<!DOCTYPE html><html><head><meta charset='utf-8'><title>{escape(title)}</title>"
        f"<style>{PAGE_CSS}</style></head><body><h1>{escape(title)}</h1>{body}</body></html>"
    )


def pdf_from_html(html: str) -> bytes:
    from weasyprint import HTML

    return HTML(string=html).write_pdf()


def _row(cells: list[str], numeric_from: int, css: str = "") -> str:
    tds = "".join(
        f"<td class='n'>{escape(c)}</td>" if j >= numeric_from else f"<td>{escape(c)}</td>"
        for j, c in enumerate(cells)
    )
    return f"<tr class='{css}'>{tds}</tr>"


def monitoring_pdf(lines: list[tuple[str, float, float]] | None = None) -> Generated:
    lines = lines or MONITORING_PDF_LINES
    # Named in a "Directorate" column, each line is a directorate's.
    truth = [Budget(name, "directorate", b, f, name) for name, b, f in lines]
    total = Budget(
        "Total General Fund", "total", sum(t.budget for t in truth), sum(t.forecast for t in truth)
    )
    head = "".join(
        f"<th class='{c}'>{escape(h)}</th>"
        for h, c in [
            ("Directorate", ""),
            ("Approved Budget", "n"),
            ("Forecast", "n"),
            ("Forecast Variance", "n"),
            ("Variance %", "n"),
        ]
    )
    rows = "".join(
        _row([t.name, *_k(t), f"{t.variance / t.budget * 100:.1f}%"], 1, "total" if t is total else "")
        for t in [*truth, total]
    )
    body = (
        "<p>The table below sets out the forecast position at the end of Quarter 2 against the "
        "approved budget for 2025/26.</p>"
        "<p class='caption'>£'000</p>"
        f"<table><thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>"
    )
    html = html_page("Fenmarsh Borough Council: Quarter 2 Financial Monitoring 2025/26", body)
    return Generated(
        "Q2 financial monitoring 2025-26.pdf",
        pdf_from_html(html),
        budgets=[*truth, total],
        kind="budget_monitoring",
    )


def _k(line: Budget) -> list[str]:
    return [in_units(v, 1e3, 0) for v in (line.budget, line.forecast, line.variance)]


# ---------------------------------------------------------------------------------------------
# 3. Savings tracker as an HTML table (and as a PDF of the same), RAG words of many kinds.

TRACKER_SAVINGS = [
    Saving("CS01", "Reduce agency social worker costs", 850_000, 400_000, 850_000, "G", "green", False),
    Saving(
        "CS02", "Step-down from residential to foster care", 1_200_000, 300_000, 700_000, "R", "red", True
    ),
    Saving("CS03", "Review of SEND transport routes", 600_000, 150_000, 450_000, "A", "amber", True),
    Saving("CS04", "Family hubs restructure", 300_000, 300_000, 300_000, "Achieved", "blue", False),
    Saving("CS05", "Commissioning of short breaks", 250_000, 250_000, 250_000, "Delivered", "blue", False),
    Saving(
        "CS06", "Income from traded services to schools", 400_000, 50_000, 200_000, "Red/Amber", "red", True
    ),
    Saving("CS07", "Close one children's home", 500_000, 0, 0, "Not deliverable", "red", True),
    Saving("CS08", "Digital front door", 350_000, 0, 0, "Slipped to 26/27", None, True),
]


def _tracker_table(savings: list[Saving]) -> str:
    heads = [
        "Saving Ref",
        "Proposal",
        "2025/26 Saving £000",
        "Delivered to date",
        "Forecast to be delivered",
        "At risk",
        "RAG status",
    ]
    head = "".join(f"<th>{escape(h)}</th>" for h in heads)
    rows = "".join(
        _row(
            [
                s.ref,
                s.title,
                in_units(s.target, 1e3, 0),
                in_units(s.delivered, 1e3, 0),
                in_units(s.forecast, 1e3, 0),
                in_units(s.shortfall, 1e3, 0),
                s.rag_text,
            ],
            2,
        )
        for s in savings
    )
    total = [
        "",
        "Total",
        *(in_units(sum(getattr(s, a) for s in savings), 1e3, 0) for a in ("target", "delivered", "forecast")),
        in_units(sum(s.shortfall for s in savings), 1e3, 0),
        "",
    ]
    return f"<table><thead><tr>{head}</tr></thead><tbody>{rows}{_row(total, 2, 'total')}</tbody></table>"


def _rag_summary(savings: list[Saving]) -> str:
    """The summary by rating trackers print above their lines: no saving in itself."""
    rows = []
    for word, rag in (("Red", "red"), ("Amber", "amber"), ("Green", "green"), ("Blue", "blue")):
        chosen = [s for s in savings if s.rag == rag]
        rows.append(_row([word, str(len(chosen)), in_units(sum(s.target for s in chosen), 1e3, 0)], 1))
    head = "<tr><th>RAG status</th><th>No. of savings</th><th>Value £000</th></tr>"
    return f"<h2>Summary by rating</h2><table>{head}{''.join(rows)}</table>"


def tracker_html(savings: list[Saving] | None = None) -> Generated:
    savings = savings or TRACKER_SAVINGS
    body = _tracker_table(savings) + _rag_summary(savings)
    html = html_page("Children's Services Savings Tracker 2025/26 - Quarter 2", body)
    return Generated("Savings tracker Q2 2025-26.html", html.encode(), savings=savings, kind="savings_plan")


def tracker_pdf(savings: list[Saving] | None = None) -> Generated:
    savings = savings or TRACKER_SAVINGS
    body = _tracker_table(savings) + _rag_summary(savings)
    html = html_page("Children's Services Savings Tracker 2025/26 - Quarter 2", body)
    return Generated(
        "Savings tracker Q2 2025-26.pdf", pdf_from_html(html), savings=savings, kind="savings_plan"
    )


# ---------------------------------------------------------------------------------------------
# 4. MTFS summary in DOCX: years "24/25 25/26 26/27", a "Funding gap" row and a "Cumulative
#    gap" row, negatives with a minus sign, £000 in the heading.

MTFS_YEARS = ["25/26", "26/27", "27/28"]
MTFS_ROWS = {
    "Net expenditure": [312_400_000, 329_800_000, 344_100_000],
    "Council tax": [-198_600_000, -206_500_000, -214_700_000],
    "Business rates and grants": [-105_300_000, -108_900_000, -111_200_000],
}


def _mtfs_gaps(rows: dict[str, list[float]]) -> list[float]:
    return [sum(values[i] for values in rows.values()) for i in range(len(MTFS_YEARS))]


def mtfs_docx(rows: dict[str, list[float]] | None = None) -> Generated:
    from docx import Document

    rows = rows or MTFS_ROWS
    gaps = _mtfs_gaps(rows)
    cumulative = [sum(gaps[: i + 1]) for i in range(len(gaps))]
    doc = Document()
    doc.add_heading("Medium Term Financial Strategy 2025/26 to 2027/28", level=1)
    doc.add_paragraph(
        "This summary sets out the council's funding gap over the period of the strategy. "
        "All figures are in £000; a minus sign shows income."
    )
    table = doc.add_table(rows=1, cols=1 + len(MTFS_YEARS))
    for j, text in enumerate(["£000", *MTFS_YEARS]):
        table.rows[0].cells[j].text = text
    for label, values in [*rows.items(), ("Funding gap", gaps), ("Cumulative gap", cumulative)]:
        cells = table.add_row().cells
        cells[0].text = label
        for j, value in enumerate(values):
            cells[j + 1].text = in_units(value, 1e3, 0, brackets=False)
    periods = ["2025-26", "2026-27", "2027-28"]
    buffer = io.BytesIO()
    doc.save(buffer)
    return Generated(
        "MTFS summary 2025-28.docx",
        buffer.getvalue(),
        gaps=dict(zip(periods, gaps, strict=True)),
        kind="mtfp",
    )


# ---------------------------------------------------------------------------------------------
# 5. A PPTX slide: "Children's Services: Q2 forecast" with budget, forecast and variance (£m).

SLIDE_LINES = [
    ("Looked After Children", 38_600_000, 41_900_000),
    ("Children with Disabilities", 7_300_000, 7_800_000),
    ("Safeguarding and Assessment", 12_100_000, 11_600_000),
]


def slide_pptx(lines: list[tuple[str, float, float]] | None = None) -> Generated:
    from pptx import Presentation
    from pptx.util import Inches

    lines = lines or SLIDE_LINES
    who = "Children's Services"
    truth = [Budget(n, "service_line", b, f, who) for n, b, f in lines]
    total = Budget(
        f"Total {who}", "directorate", sum(t.budget for t in truth), sum(t.forecast for t in truth), who
    )
    prs = Presentation()
    slide = prs.slides.add_slide(prs.slide_layouts[5])
    slide.shapes.title.text = "Children's Services: Q2 forecast 2025/26"
    shape = slide.shapes.add_table(len(truth) + 2, 4, Inches(0.5), Inches(1.5), Inches(9), Inches(3))
    grid = shape.table
    for j, text in enumerate(["£m", "Budget", "Forecast", "Variance"]):
        grid.cell(0, j).text = text
    for i, line in enumerate([*truth, total], start=1):
        values = [line.budget, line.forecast, line.variance]
        grid.cell(i, 0).text = line.name
        for j, value in enumerate(values, start=1):
            grid.cell(i, j).text = in_units(value, 1e6, 1, brackets=False)
    buffer = io.BytesIO()
    prs.save(buffer)
    return Generated(
        "Childrens services Q2 forecast.pptx",
        buffer.getvalue(),
        budgets=[*truth, total],
        kind="budget_monitoring",
    )


# ---------------------------------------------------------------------------------------------
# 6. A committee report in HTML with figures in prose.

REPORT_FIGURES = [(3_200_000, "overspend"), (750_000, "savings"), (1_100_000_000, "budget")]


def committee_html() -> Generated:
    body = (
        "<table><tr><td>Report to:</td><td>Children and Families Scrutiny Committee</td></tr>"
        "<tr><td>Date:</td><td>12 November 2025</td></tr>"
        "<tr><td>Subject:</td><td>Children's Services financial position</td></tr></table>"
        "<h2>Recommendations</h2><p>The committee is asked to note the report.</p>"
        "<h2>Financial position</h2>"
        "<p>Children's services are forecasting an overspend of £3.2 million for 2025/26, "
        "mainly on external residential placements.</p>"
        "<p>The directorate has identified savings of £750,000 to offset part of this pressure.</p>"
        "<p>The council's gross budget of £1.1bn is under pressure from demand across social care.</p>"
    )
    html = html_page("Report of the Director of Children's Services", body)
    return Generated(
        "Scrutiny report children's services finance.html",
        html.encode(),
        figures=REPORT_FIGURES,
        kind="committee_report",
    )


# ---------------------------------------------------------------------------------------------
# 7. Budget monitoring as CSV in pounds, directorate and service in their own columns.

CSV_LINES = [
    ("Children and Families", "Fostering", 9_845_000, 10_212_500),
    ("Children and Families", "Residential Care", 14_120_000, 16_004_000),
    ("Children and Families", "Youth Justice", 1_530_000, 1_482_000),
]


def monitoring_csv(lines: list[tuple[str, str, float, float]] | None = None) -> Generated:
    lines = lines or CSV_LINES
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(
        ["Directorate", "Service Area", "Current Budget £", "Forecast Outturn £", "Over / (Under) Spend £"]
    )
    truth = []
    for directorate, service, budget, forecast in lines:
        line = Budget(service, "service_line", budget, forecast, directorate)
        truth.append(line)
        writer.writerow(
            [directorate, service, f"{budget:,.0f}", f"{forecast:,.0f}", in_units(line.variance, 1, 0)]
        )
    return Generated(
        "Budget monitoring month 7 2025-26.csv",
        out.getvalue().encode(),
        budgets=truth,
        kind="budget_monitoring",
    )


# ---------------------------------------------------------------------------------------------
# 8. Monitoring in DOCX with the variance the other way round ("Underspend / (Overspend)"),
#    "Outturn" for the forecast, and section rows naming each directorate.

DOCX_MONITORING = {
    "People": [
        ("Children's Social Care", 55_400_000, 58_950_000),
        ("Adults' Social Care", 81_000_000, 80_200_000),
    ],
    "Resources": [("Finance and Audit", 4_300_000, 4_150_000)],
}


def reversed_monitoring_docx(groups: dict[str, list[tuple[str, float, float]]] | None = None) -> Generated:
    from docx import Document

    groups = groups or DOCX_MONITORING
    doc = Document()
    doc.add_heading("Month 8 revenue budget monitoring 2025/26", level=1)
    doc.add_paragraph("Forecast outturn by service (£000)")
    table = doc.add_table(rows=1, cols=4)
    for j, text in enumerate(["Service", "Budget", "Outturn", "Underspend / (Overspend)"]):
        table.rows[0].cells[j].text = text
    truth: list[Budget] = []
    for directorate, lines in groups.items():
        table.add_row().cells[0].text = directorate
        for name, budget, forecast in lines:
            line = Budget(name, "service_line", budget, forecast, directorate)
            truth.append(line)
            cells = table.add_row().cells
            texts = [
                name,
                in_units(budget, 1e3, 0),
                in_units(forecast, 1e3, 0),
                in_units(-line.variance, 1e3, 0),
            ]
            for j, text in enumerate(texts):
                cells[j].text = text
    buffer = io.BytesIO()
    doc.save(buffer)
    return Generated(
        "Month 8 monitoring 2025-26.docx", buffer.getvalue(), budgets=truth, kind="budget_monitoring"
    )


# ---------------------------------------------------------------------------------------------
# 9. A savings tracker workbook: a year merged over Target | Forecast | Variance, savings written
#    as negative numbers, colour words in full.

XLSX_TRACKER = [
    Saving(
        "FS-1", "Reduce use of independent fostering agencies", 420_000, 0, 420_000, "Green", "green", False
    ),
    Saving("FS-2", "Edge of care team to prevent entry to care", 900_000, 0, 540_000, "Amber", "amber", True),
    Saving("FS-3", "Renegotiate residential placement fees", 300_000, 0, 100_000, "Red", "red", True),
]


def tracker_xlsx(savings: list[Saving] | None = None) -> Generated:
    from openpyxl import Workbook

    savings = savings or XLSX_TRACKER
    wb = Workbook()
    ws = wb.active
    ws.title = "Tracker"
    ws.append(["Children and Families savings programme (£'000)"])
    ws.append(["Ref", "Description", "2025/26", None, None, "RAG"])
    ws.merge_cells("C2:E2")
    ws.append([None, None, "Target", "Forecast", "Variance", None])
    for s in savings:
        ws.append(
            [s.ref, s.title, -s.target / 1e3, -s.forecast / 1e3, (s.target - s.forecast) / 1e3, s.rag_text]
        )
    buffer = io.BytesIO()
    wb.save(buffer)
    return Generated(
        "Savings programme 2025-26.xlsx", buffer.getvalue(), savings=savings, kind="savings_plan"
    )


# ---------------------------------------------------------------------------------------------
# 10. Monitoring in HTML with an "Actual to date" column beside budget and forecast, a year
#     spanning the money columns over two heading rows, and "£k" in the second row.

HTML_ACTUALS = [
    ("Corporate Parenting", 24_500_000, 11_900_000, 26_250_000),
    ("Disabled Children's Service", 6_800_000, 3_100_000, 6_650_000),
    ("Youth Offending", 2_100_000, 1_000_000, 2_100_000),
]


def actuals_html(lines: list[tuple[str, float, float, float]] | None = None) -> Generated:
    lines = lines or HTML_ACTUALS
    truth = [Budget(n, "service_line", b, f, "Children and Families") for n, b, _, f in lines]
    head = (
        "<tr><th rowspan='2'>Service</th><th colspan='4'>2025/26</th></tr>"
        "<tr><th>Annual Budget £k</th><th>Actual to date £k</th><th>Forecast £k</th><th>Variance £k</th></tr>"
    )
    rows = "".join(
        _row([n, in_units(b, 1e3, 0), in_units(a, 1e3, 0), in_units(f, 1e3, 0), in_units(f - b, 1e3, 0)], 1)
        for n, b, a, f in lines
    )
    body = f"<table><thead>{head}</thead><tbody>{rows}</tbody></table>"
    html = html_page("Children and Families budget monitoring - September 2025", body)
    return Generated(
        "Children and families monitoring Sept 2025.html",
        html.encode(),
        budgets=truth,
        kind="budget_monitoring",
    )


# ---------------------------------------------------------------------------------------------
# 11. Prose written other ways: magnitudes glued or spelt out, "k", underspend words.

PROSE_VARIETY = [
    (12_500_000, "overspend", "The forecast overspend is £12.5m (4.3%) at quarter two."),
    (400_000, "underspend", "Early help is forecast to underspend by £400,000 this year."),
    (500_000, "savings", "A further £500k of savings has been identified for 2026/27."),
    (2_300_000, "gap", "The budget gap for 2026/27 now stands at £2.3 million."),
    (4_100_000, "overspend", "Forecast overspend: £4.1m"),
    (6_500_000, "target", "Savings target for 2025/26 - £6.5m"),
]


def prose_html() -> Generated:
    body = "".join(f"<p>{escape(text)}</p>" for _, _, text in PROSE_VARIETY)
    html = html_page("Cabinet briefing: finance update", body)
    figures = [(value, word) for value, word, _ in PROSE_VARIETY]
    return Generated("Cabinet briefing finance update.html", html.encode(), figures=figures, kind="")


# ---------------------------------------------------------------------------------------------
# 12. Monitoring workbook where each directorate's row carries its totals ABOVE its services
#     (the services indented under it), units in the column headings, and a grand total.


def directorate_first_xlsx(services: dict[str, list[tuple[str, float, float]]] | None = None) -> Generated:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    services = services or MONITORING_XLSX_SERVICES
    wb = Workbook()
    ws = wb.active
    ws.append(["Budget monitoring 2025/26 - Quarter 3"])
    # The share comes before the money variance: the first "variance" heading is not the money.
    ws.append(["Directorate / Service", "Budget £000", "Forecast £000", "Variance %", "Variance £000"])
    truth: list[Budget] = []
    for directorate, lines in services.items():
        b, f = sum(x[1] for x in lines), sum(x[2] for x in lines)
        head = Budget(directorate, "directorate", b, f, directorate)
        truth.append(head)
        ws.append([directorate, b / 1e3, f / 1e3, round((f - b) / b * 100, 1), (f - b) / 1e3])
        ws.cell(ws.max_row, 1).font = Font(bold=True)
        for name, budget, forecast in lines:
            line = Budget(name, "service_line", budget, forecast, directorate)
            truth.append(line)
            ws.append(
                [
                    name,
                    budget / 1e3,
                    forecast / 1e3,
                    round(line.variance / budget * 100, 1),
                    line.variance / 1e3,
                ]
            )
            ws.cell(ws.max_row, 1).alignment = Alignment(indent=2)
    tb, tf = (
        sum(t.budget for t in truth if t.level == "directorate"),
        sum(t.forecast for t in truth if t.level == "directorate"),
    )
    ws.append(["Total", tb / 1e3, tf / 1e3, round((tf - tb) / tb * 100, 1), (tf - tb) / 1e3])
    truth.append(Budget("Total", "total", tb, tf))
    buffer = io.BytesIO()
    wb.save(buffer)
    return Generated(
        "Q3 budget monitoring 2025-26.xlsx", buffer.getvalue(), budgets=truth, kind="budget_monitoring"
    )


# ---------------------------------------------------------------------------------------------
# 13. A savings tracker in CSV with a delivery status in words and no colour rating.

CSV_TRACKER = [
    ("S101", "Reduce residential placements", 700_000, 700_000, "On track", False),
    ("S102", "Review of home to school transport eligibility", 450_000, 450_000, "At risk", True),
    (
        "S103",
        "Increase in-house fostering capacity",
        380_000,
        0,
        "Off track - will not be delivered this year",
        True,
    ),
]


def tracker_csv(rows: list[tuple[str, str, float, float, str, bool]] | None = None) -> Generated:
    rows = rows or CSV_TRACKER
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["Ref", "Savings proposal", "Target 2025/26 (£)", "Forecast (£)", "Delivery status"])
    for ref, title, target, forecast, status, _ in rows:
        writer.writerow([ref, title, f"{target:,.0f}", f"{forecast:,.0f}", status])
    truth = [Saving(r, t, tg, 0, fc, st, None, risk) for r, t, tg, fc, st, risk in rows]
    return Generated(
        "savings delivery tracker 2025-26.csv", out.getvalue().encode(), savings=truth, kind="savings_plan"
    )


# ---------------------------------------------------------------------------------------------
# 14. A savings and growth plan in DOCX: savings written as negatives by year with a Total
#     column, a separate growth table, "£'000" in each year heading.

PLAN_YEARS = ["2025/26 £'000", "2026/27 £'000", "2027/28 £'000"]
PLAN_PERIODS = ["2025-26", "2026-27", "2027-28"]
PLAN_SAVINGS = {
    "Reshape early help offer": [250_000, 150_000, 0],
    "Reduce reliance on agency staff": [400_000, 200_000, 100_000],
}
PLAN_GROWTH = {
    "Placement cost inflation": [1_800_000, 1_200_000, 900_000],
    "Rising number of EHCPs": [600_000, 650_000, 700_000],
}


def _plan_table(doc, title: str, lines: dict[str, list[float]], sign: int) -> None:
    doc.add_paragraph(title)
    table = doc.add_table(rows=1, cols=5)
    for j, text in enumerate(["Proposal", *PLAN_YEARS, "Total £'000"]):
        table.rows[0].cells[j].text = text
    for label, values in [*lines.items(), ("Total", [sum(v[i] for v in lines.values()) for i in range(3)])]:
        cells = table.add_row().cells
        cells[0].text = label
        for j, value in enumerate([*values, sum(values)]):
            cells[j + 1].text = in_units(sign * value, 1e3, 0, brackets=False)


def plan_docx() -> Generated:
    from docx import Document

    doc = Document()
    doc.add_heading("Children's Services budget proposals 2025/26 to 2027/28", level=1)
    _plan_table(doc, "Savings proposals", PLAN_SAVINGS, -1)
    _plan_table(doc, "Growth and pressures", PLAN_GROWTH, 1)
    buffer = io.BytesIO()
    doc.save(buffer)
    return Generated("Childrens budget proposals 2025-28.docx", buffer.getvalue(), kind="mtfp")


# ---------------------------------------------------------------------------------------------
# 15. An MTFP workbook: a "Gap / (Surplus)" row after savings written as negatives.

MTFP_XLSX = {
    "Base budget": [410_000_000, 431_500_000, 447_900_000],
    "Pressures": [29_000_000, 24_600_000, 21_300_000],
    "Savings": [-12_500_000, -8_200_000, -5_000_000],
    "Funding": [-420_100_000, -437_300_000, -452_600_000],
}


def mtfp_xlsx(rows: dict[str, list[float]] | None = None) -> Generated:
    from openpyxl import Workbook

    rows = rows or MTFP_XLSX
    gaps = [sum(v[i] for v in rows.values()) for i in range(3)]
    wb = Workbook()
    ws = wb.active
    ws.append(["Medium Term Financial Plan summary (£m)"])
    ws.append(["", "2025-26", "2026-27", "2027-28"])
    for label, values in rows.items():
        ws.append([label, *(round(x / 1e6, 1) for x in values)])
    ws.append(["Gap / (Surplus)", *(round(x / 1e6, 1) for x in gaps)])
    buffer = io.BytesIO()
    wb.save(buffer)
    return Generated(
        "MTFP summary workbook.xlsx",
        buffer.getvalue(),
        gaps=dict(zip(PLAN_PERIODS, gaps, strict=True)),
        kind="mtfp",
    )


# ---------------------------------------------------------------------------------------------
# 16. A tracker workbook whose RAG column is coloured cells with no words in them.

FILL_TRACKER = [
    Saving("P1", "Review of commissioned family support", 320_000, 0, 320_000, "", "green", False),
    Saving("P2", "Reduce out-of-area placements", 1_050_000, 0, 650_000, "", "amber", True),
    Saving("P3", "Transport route optimisation", 280_000, 0, 90_000, "", "red", True),
]
FILLS = {"red": "FFFF0000", "amber": "FFFFC000", "green": "FF00B050"}


def tracker_fills_xlsx(savings: list[Saving] | None = None) -> Generated:
    from openpyxl import Workbook
    from openpyxl.styles import PatternFill

    savings = savings or FILL_TRACKER
    wb = Workbook()
    ws = wb.active
    ws.append(["Children's Services savings delivery 2025/26 (£)"])
    ws.append(["Ref", "Saving", "Target", "Forecast", "RAG"])
    for cell in ws[2]:
        cell.fill = PatternFill("solid", fgColor="FF00B050")  # a green header band says nothing
    for s in savings:
        ws.append([s.ref, s.title, s.target, s.forecast])
        ws.cell(ws.max_row, 5).fill = PatternFill("solid", fgColor=FILLS[s.rag or ""])
        ws.cell(ws.max_row, 2).fill = PatternFill("solid", fgColor="FFE2EFDA")  # pale banding
    buffer = io.BytesIO()
    wb.save(buffer)
    return Generated(
        "Savings delivery RAG 2025-26.xlsx", buffer.getvalue(), savings=savings, kind="savings_plan"
    )


# ---------------------------------------------------------------------------------------------
# 17. Monitoring PDF with no ruling lines, £m to one place, directorate section rows,
#     "Sub-total" rows and a "Council total", the year in the budget heading.

PDF_SECTIONS = {
    "Children, Young People and Families": [
        ("Social Work and Early Help", 41.6e6, 44.9e6),
        ("Education, Skills and SEND", 23.2e6, 24.0e6),
    ],
    "Adults and Health": [("Adult Social Care", 120.4e6, 122.3e6), ("Public Health", 18.1e6, 17.6e6)],
}

PLAIN_CSS = "table.plain td, table.plain th { border: none; padding: 1.5pt 6pt; }"


def sections_pdf(groups: dict[str, list[tuple[str, float, float]]] | None = None) -> Generated:
    groups = groups or PDF_SECTIONS
    heads = ["", "2025/26 Budget £m", "Q2 Forecast £m", "Variance £m"]
    head = "".join(f"<th class='n'>{escape(h)}</th>" for h in heads)
    rows, truth = [], []
    for directorate, lines in groups.items():
        rows.append(f"<tr><td colspan='4'><b>{escape(directorate)}</b></td></tr>")
        for name, b, f in lines:
            truth.append(Budget(name, "service_line", b, f, directorate))
            rows.append(_row([name, *(in_units(x, 1e6, 1) for x in (b, f, f - b))], 1))
        b, f = sum(x[1] for x in lines), sum(x[2] for x in lines)
        truth.append(Budget("Sub-total", "directorate", b, f, directorate))
        rows.append(_row(["Sub-total", *(in_units(x, 1e6, 1) for x in (b, f, f - b))], 1, "total"))
    b = sum(x[1] for lines in groups.values() for x in lines)
    f = sum(x[2] for lines in groups.values() for x in lines)
    truth.append(Budget("Council total", "total", b, f))
    rows.append(_row(["Council total", *(in_units(x, 1e6, 1) for x in (b, f, f - b))], 1, "total"))
    body = f"<style>{PLAIN_CSS}</style><table class='plain'><thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table>"
    html = html_page("Revenue Budget Monitoring: Quarter 2", body)
    return Generated(
        "Revenue budget monitoring Q2.pdf", pdf_from_html(html), budgets=truth, kind="budget_monitoring"
    )


# ---------------------------------------------------------------------------------------------
# 18. Monitoring in DOCX with a year merged across its three money columns and the variance
#     headed "Favourable / (Adverse)" (positive an underspend).

DOCX_SPAN_LINES = [("Fostering Service", 8_750_000, 9_420_000), ("Care Leavers", 3_100_000, 2_980_000)]


def spanned_docx(lines: list[tuple[str, float, float]] | None = None) -> Generated:
    from docx import Document

    lines = lines or DOCX_SPAN_LINES
    doc = Document()
    doc.add_heading("Children's Social Care Services: forecast outturn", level=1)
    table = doc.add_table(rows=2, cols=4)
    top = table.rows[0].cells
    top[0].text = "Service (£000)"
    merged = top[1].merge(top[3])
    merged.text = "2025/26"
    for j, text in enumerate(["", "Budget", "Forecast", "Favourable / (Adverse)"]):
        if text:
            table.rows[1].cells[j].text = text
    truth = []
    for name, b, f in lines:
        truth.append(Budget(name, "service_line", b, f, "Children's Social Care Services"))
        cells = table.add_row().cells
        for j, text in enumerate([name, in_units(b, 1e3, 0), in_units(f, 1e3, 0), in_units(b - f, 1e3, 0)]):
            cells[j].text = text
    buffer = io.BytesIO()
    doc.save(buffer)
    return Generated(
        "CSC forecast outturn 2025-26.docx", buffer.getvalue(), budgets=truth, kind="budget_monitoring"
    )


# ---------------------------------------------------------------------------------------------
# 19. A tracker with two years of savings and the first year's forecast: the target is the
#     column of the year tracked.

MULTI_YEAR = [
    ("M1", "Recommission supported accommodation", 500_000, 250_000, 500_000, "Green", "green", False),
    ("M2", "Step down high cost packages", 750_000, 500_000, 300_000, "Red", "red", True),
]


def multi_year_tracker_html(rows: list | None = None) -> Generated:
    rows = rows or MULTI_YEAR
    heads = ["Ref", "Saving", "2025/26 £000", "2026/27 £000", "Forecast 2025/26 £000", "RAG"]
    head = "".join(f"<th>{escape(h)}</th>" for h in heads)
    body = "".join(
        _row([r, t, *(in_units(x, 1e3, 0) for x in (y1, y2, fc)), rag], 2)
        for r, t, y1, y2, fc, rag, _, _ in rows
    )
    html = html_page("Savings delivery tracker 2025/26", f"<table><tr>{head}</tr>{body}</table>")
    truth = [Saving(r, t, y1, 0, fc, rag, colour, risk) for r, t, y1, _, fc, rag, colour, risk in rows]
    return Generated("Savings delivery 2025-26.html", html.encode(), savings=truth, kind="savings_plan")


# ---------------------------------------------------------------------------------------------
# 20. A pivot-table export: the directorate written on its first line only, "<name> Total"
#     after each group, "Grand Total" at the end, in pounds.


def pivot_xlsx(services: dict[str, list[tuple[str, float, float]]] | None = None) -> Generated:
    from openpyxl import Workbook

    services = services or MONITORING_XLSX_SERVICES
    wb = Workbook()
    ws = wb.active
    ws.title = "Pivot 2025-26 M9"
    ws.append(["Directorate", "Service", "Sum of Budget", "Sum of Forecast", "Sum of Variance"])
    truth: list[Budget] = []
    for directorate, lines in services.items():
        for i, (name, budget, forecast) in enumerate(lines):
            truth.append(Budget(name, "service_line", budget, forecast, directorate))
            ws.append([directorate if i == 0 else None, name, budget, forecast, forecast - budget])
        b, f = sum(x[1] for x in lines), sum(x[2] for x in lines)
        truth.append(Budget(f"{directorate} Total", "directorate", b, f, directorate))
        ws.append([f"{directorate} Total", None, b, f, f - b])
    b = sum(t.budget for t in truth if t.level == "directorate")
    f = sum(t.forecast for t in truth if t.level == "directorate")
    truth.append(Budget("Grand Total", "total", b, f))
    ws.append(["Grand Total", None, b, f, f - b])
    buffer = io.BytesIO()
    wb.save(buffer)
    return Generated(
        "Budget pivot M9 2025-26.xlsx", buffer.getvalue(), budgets=truth, kind="budget_monitoring"
    )


# ---------------------------------------------------------------------------------------------
# 21. One table per directorate, each captioned with its name and closed by a bare "Total",
#     then a summary table whose "Total" is the council's.


def per_directorate_html(services: dict[str, list[tuple[str, float, float]]] | None = None) -> Generated:
    services = services or MONITORING_XLSX_SERVICES
    head = "<tr><th>Service</th><th>Budget £000</th><th>Forecast £000</th><th>Variance £000</th></tr>"
    tables, truth = [], []
    summary = []
    for directorate, lines in services.items():
        rows = []
        for name, b, f in lines:
            truth.append(Budget(name, "service_line", b, f, directorate))
            rows.append(_row([name, *_k(truth[-1])], 1))
        total = Budget(
            "Total", "directorate", sum(x[1] for x in lines), sum(x[2] for x in lines), directorate
        )
        truth.append(total)
        summary.append(Budget(directorate, "directorate", total.budget, total.forecast, directorate))
        rows.append(_row(["Total", *_k(total)], 1, "total"))
        tables.append(f"<table><caption>{escape(directorate)}</caption>{head}{''.join(rows)}</table>")
    council = Budget("Total", "total", sum(t.budget for t in summary), sum(t.forecast for t in summary))
    shead = "<tr><th>Directorate</th><th>Budget £000</th><th>Forecast £000</th><th>Variance £000</th></tr>"
    srows = "".join(_row([t.name, *_k(t)], 1) for t in summary) + _row(["Total", *_k(council)], 1, "total")
    tables.append(f"<table><caption>Summary by directorate</caption>{shead}{srows}</table>")
    html = html_page("Revenue budget monitoring 2025/26: month 6", "".join(tables))
    return Generated(
        "Monitoring by directorate M6 2025-26.html",
        html.encode(),
        budgets=[*truth, *summary, council],
        kind="budget_monitoring",
    )


ALL = [
    monitoring_xlsx,
    monitoring_pdf,
    tracker_html,
    mtfs_docx,
    slide_pptx,
    committee_html,
    monitoring_csv,
    reversed_monitoring_docx,
    tracker_xlsx,
    actuals_html,
    directorate_first_xlsx,
    tracker_csv,
    plan_docx,
    mtfp_xlsx,
    tracker_fills_xlsx,
    sections_pdf,
    spanned_docx,
    multi_year_tracker_html,
    pivot_xlsx,
    per_directorate_html,
]


def write_bundle(folder: Path, makers: list | None = None) -> list[Generated]:
    """The variants (every one unless `makers` names some) written into `folder`, with their truth."""
    folder.mkdir(parents=True, exist_ok=True)
    made = [make() for make in (makers or ALL)]
    for item in made:
        (folder / item.name).write_bytes(item.data)
    return made
