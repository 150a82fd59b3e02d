# ruff: noqa
# mypy: ignore-errors
"""Fernleigh Council (fictional unitary) test bundle: P8 2025/26 revenue monitoring.

Writes into the folder named by the global B (trailing slash):
  Fernleigh_P8_Revenue_Monitoring_2025-26.pdf   (weasyprint; £000, no decimals)
  Fernleigh_Savings_Tracker_P8_2025-26.xlsx     (BRAG, £k)
  Fernleigh_MTFP_Update_Dec2025.docx            (£m, 3-year gap, DSG sentence)

Two deliberate slips (see TRUTH.md):
  1. Appendix A, Care Leavers line: printed Forecast Variance 360, true 630
     (forecast 4,610 - budget 3,980). The portfolio total row is right (7,760).
  2. Executive summary prose says Children and Families gross overspend is
     "£8.1m"; the tables say 7,760 (£7.8m).
"""
import os

B = globals().get("B", "/tmp/fernleigh/")
os.makedirs(B, exist_ok=True)

# ---------------------------------------------------------------- data (£000)
PORTFOLIOS = [
    ("Children and Families", [
        ("Looked After Children - External Placements", 28450, 34120),
        ("In-house Fostering Service", 9870, 9415),
        ("Children's Residential Homes (in-house)", 6240, 7035),
        ("Care Leavers and Leaving Care Service", 3980, 4610),
        ("Disabled Children's Service", 5315, 5742),
        ("Safeguarding and Social Work Teams", 14620, 15880),
        ("Early Help and Family Hubs", 6905, 6410),
        ("Children and Families Management and Support", 2760, 2688),
    ]),
    ("Learning and Inclusion", [
        ("SEND Services (General Fund)", 4380, 4655),
        ("Home to School Transport", 12150, 15310),
        ("School Improvement and Standards", 2240, 2105),
        ("Educational Psychology Service", 1420, 1515),
        ("Learning and Inclusion Management", 890, 872),
    ]),
    ("Adults and Health", [
        ("Older People - Residential and Nursing Care", 42300, 44150),
        ("Home Care and Community Support", 28750, 29910),
        ("Learning Disabilities", 36400, 37880),
        ("Mental Health", 9120, 9005),
        ("Adults Commissioning and Management", 5880, 5610),
    ]),
    ("Place", [
        ("Highways and Transport", 14220, 14790),
        ("Waste Management", 19650, 20240),
        ("Planning and Regeneration", 3410, 3180),
        ("Parking Services", -2850, -2410),
        ("Leisure and Culture", 4125, 4060),
    ]),
    ("Resources", [
        ("Finance and Revenues", 7830, 7655),
        ("HR and Organisational Development", 3240, 3318),
        ("ICT and Digital", 8960, 9240),
        ("Legal and Democratic Services", 4110, 4395),
        ("Property and Facilities", 6520, 6180),
    ]),
    ("Corporate", [
        ("Capital Financing", 16400, 15200),
        ("Corporate Contingency", 3000, 0),
        ("Treasury Investment Income", -4200, -5350),
        ("Levies and Corporate Costs", 2650, 2710),
    ]),
]
# Slip 1: the printed variance of this line (true 630)
SLIP_LINE = "Care Leavers and Leaving Care Service"
SLIP_PRINTED = 360

DSG_HN = ("Dedicated Schools Grant - High Needs Block", 48600, 55850)
DSG_BF = 34050  # cumulative deficit brought forward 1 April 2025

ACTIONS = {"Children and Families": 1850, "Learning and Inclusion": 400,
           "Adults and Health": 1100, "Place": 300, "Resources": 200, "Corporate": 0}
RESERVE_DRAW = {"Children and Families": 2000}
CF_ACTIONS = [("Placement Review Panel: step-down and move-on plans for 9 children", 900),
              ("Agency social worker conversions to permanent posts", 550),
              ("Vacancy management in business support and non-case-holding posts", 400)]

SAVINGS = [
    # ref, portfolio, description, target, forecast, status, comment
    ("CF-25-01", "Children and Families", "Step-down from external residential to foster care", 1500, 600, "Red",
     "Only 4 of 12 planned step-downs achieved by P8 due to lack of suitable carers. Shortfall of 900k to be reprofiled into 26/27."),
    ("CF-25-02", "Children and Families", "Fostering recruitment - increase in-house carer households by 20", 800, 450, "Amber",
     "11 new households approved to date; campaign extended to March."),
    ("CF-25-03", "Children and Families", "Convert agency social workers to permanent (recruitment and retention package)", 650, 650, "Green",
     "On track - 14 conversions completed."),
    ("CF-25-04", "Children and Families", "Early Help restructure into Family Hubs model", 500, 500, "Blue",
     "Restructure completed 1 July 2025. Delivered."),
    ("CF-25-05", "Children and Families", "Recommission care leavers' supported accommodation", 350, 120, "Red",
     "New framework delayed to January 2026; part-year effect only."),
    ("CF-24-07", "Children and Families", "Short breaks commissioning review (c/f from 2024/25)", 250, 0, "Red",
     "Carried forward from 24/25. Not deliverable as designed; replacement proposal being worked up for 26/27."),
    ("LI-25-01", "Learning and Inclusion", "Home to school transport route optimisation and retender", 900, 500, "Amber",
     "Retender of 40 SEND routes achieved lower savings than modelled; further phase in spring term."),
    ("LI-25-02", "Learning and Inclusion", "Independent travel training for post-16 SEND learners", 300, 150, "Amber",
     "Take-up lower than planned (18 of 40 learners)."),
    ("LI-25-03", "Learning and Inclusion", "School improvement traded services income", 200, 200, "Blue",
     "SLA income confirmed for academic year."),
    ("AH-25-01", "Adults and Health", "Strength-based reviews of community care packages", 2200, 1650, "Amber",
     "Review programme behind schedule; additional reviewing capacity from December."),
    ("AH-25-02", "Adults and Health", "Reablement service expansion", 1200, 1200, "Green", "On track."),
    ("AH-25-03", "Adults and Health", "Day opportunities remodelling", 600, 300, "Red",
     "Consultation extended; implementation from February 2026."),
    ("PL-25-01", "Place", "Waste collection round optimisation", 750, 750, "Blue", "Delivered from June 2025."),
    ("PL-25-02", "Place", "Parking charges and permit review", 400, 180, "Red",
     "Tariff changes implemented October not April; income below profile."),
    ("PL-25-03", "Place", "LED street lighting conversion (phase 3)", 300, 300, "Green", "On track."),
    ("RS-25-01", "Resources", "Digital self-service and contact centre redesign", 500, 420, "Amber",
     "Go-live of new portal slipped to January; c.80k shortfall."),
    ("RS-25-02", "Resources", "Office accommodation rationalisation (Fernleigh House disposal)", 650, 650, "Green",
     "Lease surrender agreed."),
    ("CO-25-01", "Corporate", "Treasury management and MRP review", 400, 400, "Blue", "Delivered."),
]

RESERVES = {"General Fund balance": 18500, "Children's Services Demand Reserve": 3200}

MTFP = {  # £m, cumulative
    "years": ["2026/27", "2027/28", "2028/29"],
    "pressures": [32.4, 45.1, 57.6],
    "funding": [-7.8, -13.2, -19.2],
    "gap": [24.6, 31.9, 38.4],
    "savings": [14.2, 17.5, 19.1],
    "remaining": [10.4, 14.4, 19.3],
}
MTFP_PRESSURES_2627 = [("Children's social care (placements and workforce)", 7.2),
                       ("Home to school transport", 3.4),
                       ("Adult social care demand and fees", 9.6),
                       ("Pay award and contract inflation", 10.1),
                       ("Waste and other Place pressures", 2.1)]


# ---------------------------------------------------------------- helpers
def fmt(v, minus="-"):
    s = f"{abs(v):,}"
    return (minus + s) if v < 0 else s


def pct(var, bud):
    if bud == 0:
        return "n/a"
    p = var / abs(bud) * 100
    s = f"{abs(p):.1f}%"
    return ("-" + s) if p < 0 else s


def rag(var, bud):
    if var <= 0:
        return "G"
    if var >= 500 or (bud and var / abs(bud) >= 0.05):
        return "R"
    return "A"


def totals(lines):
    b = sum(x[1] for x in lines)
    f = sum(x[2] for x in lines)
    return b, f, f - b


PT = {name: totals(lines) for name, lines in PORTFOLIOS}
COUNCIL = (sum(v[0] for v in PT.values()), sum(v[1] for v in PT.values()),
           sum(v[2] for v in PT.values()))
CF = PT["Children and Families"]
LI = PT["Learning and Inclusion"]
DSG_VAR = DSG_HN[2] - DSG_HN[1]
DSG_CF = DSG_BF + DSG_VAR
TOT_ACTIONS = sum(ACTIONS.values())
TOT_RES = sum(RESERVE_DRAW.values())
SAV_T = sum(s[3] for s in SAVINGS)
SAV_F = sum(s[4] for s in SAVINGS)


def m(v):  # £000 -> "£7.8m", rounded half up as a council would
    from decimal import Decimal, ROUND_HALF_UP
    return "£" + str((Decimal(v) / 1000).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)) + "m"


# ---------------------------------------------------------------- PDF (HTML)
CSS = """
@page { size: A4 portrait; margin: 18mm 16mm 18mm 16mm;
  @bottom-center { content: "Fernleigh Council - Cabinet 14 January 2026 - Page " counter(page); font-size: 8pt; color: #555; } }
@page wide { size: A4 landscape; margin: 14mm 14mm 16mm 14mm;
  @bottom-center { content: "Fernleigh Council - Cabinet 14 January 2026 - Page " counter(page); font-size: 8pt; color: #555; } }
body { font-family: "DejaVu Sans", Arial, sans-serif; font-size: 9.5pt; color: #111; }
h1 { font-size: 16pt; color: #00594f; margin: 0 0 4mm 0; }
h2 { font-size: 12pt; color: #00594f; margin: 6mm 0 2mm 0; }
h3 { font-size: 10pt; margin: 4mm 0 1.5mm 0; }
p { margin: 1.5mm 0; line-height: 1.35; }
table { border-collapse: collapse; width: 100%; margin: 2mm 0 3mm 0; }
th, td { padding: 1.2mm 1.6mm; font-size: 8.6pt; }
th { background: #00594f; color: white; text-align: right; vertical-align: bottom; }
th.l, td.l { text-align: left; }
td { text-align: right; border-bottom: 0.3pt solid #bbb; }
tr.tot td { font-weight: bold; border-top: 0.8pt solid #000; border-bottom: 1.2pt double #000; background: #eef4f3; }
tr.ph td { font-weight: bold; background: #dfe9e7; text-align: left; }
td.R { background: #e06666; color: #fff; text-align: center; }
td.A { background: #f6b26b; text-align: center; }
td.G { background: #93c47d; text-align: center; }
.wide { page: wide; }
.box { border: 0.6pt solid #00594f; padding: 2mm 3mm; margin: 3mm 0; background: #f3f8f7; }
.cap { font-size: 8pt; color: #444; }
.cover td { text-align: left; border: none; font-size: 9.5pt; }
"""


def summary_table():
    rows = []
    for name, _ in PORTFOLIOS:
        b, f, v = PT[name]
        rows.append(f"<tr><td class='l'>{name}</td><td>{fmt(b)}</td><td>{fmt(f)}</td>"
                    f"<td>{fmt(v)}</td><td>{pct(v, b)}</td><td class='{rag(v, b)}'>{rag(v, b)}</td></tr>")
    b, f, v = COUNCIL
    rows.append(f"<tr class='tot'><td class='l'>Total General Fund</td><td>{fmt(b)}</td><td>{fmt(f)}</td>"
                f"<td>{fmt(v)}</td><td>{pct(v, b)}</td><td class='{rag(v, b)}'>{rag(v, b)}</td></tr>")
    db, df, dv = DSG_HN[1], DSG_HN[2], DSG_VAR
    rows.append(f"<tr><td class='l'><i>Memorandum: {DSG_HN[0]} (ring-fenced, not in General Fund total)</i></td>"
                f"<td>{fmt(db)}</td><td>{fmt(df)}</td><td>{fmt(dv)}</td><td>{pct(dv, db)}</td><td class='R'>R</td></tr>")
    return ("<table><thead><tr><th class='l'>Portfolio (£000)</th><th>Full Year Budget</th><th>Forecast Outturn</th>"
            "<th>Forecast Variance</th><th>Variance %</th><th>RAG</th></tr></thead><tbody>"
            + "".join(rows) + "</tbody></table>")


def actions_table():
    rows = []
    tg = ta = tn = tr = tres = 0
    for name, _ in PORTFOLIOS:
        g = PT[name][2]
        a = ACTIONS[name]
        n = g - a
        r = RESERVE_DRAW.get(name, 0)
        res = n - r
        tg += g; ta += a; tn += n; tr += r; tres += res
        rows.append(f"<tr><td class='l'>{name}</td><td>{fmt(g)}</td><td>{fmt(-a) if a else '0'}</td><td>{fmt(n)}</td>"
                    f"<td>{fmt(-r) if r else '0'}</td><td>{fmt(res)}</td></tr>")
    rows.append(f"<tr class='tot'><td class='l'>Total General Fund</td><td>{fmt(tg)}</td><td>{fmt(-ta)}</td>"
                f"<td>{fmt(tn)}</td><td>{fmt(-tr)}</td><td>{fmt(tres)}</td></tr>")
    return ("<table><thead><tr><th class='l' style='width:22%'>Portfolio (£000)</th><th>Forecast Variance before management actions</th>"
            "<th>Management actions identified</th><th>Forecast Variance after management actions</th>"
            "<th>Proposed earmarked reserve drawdown</th><th>Residual Variance</th></tr></thead><tbody>"
            + "".join(rows) + "</tbody></table>")


def appendix_tables():
    out = []
    for name, lines in PORTFOLIOS:
        rows = [f"<tr class='ph'><td colspan='6'>{name} Portfolio</td></tr>"]
        for (desc, b, f) in lines:
            v = f - b
            pv = SLIP_PRINTED if desc == SLIP_LINE else v
            rows.append(f"<tr><td class='l'>{desc}</td><td>{fmt(b, '−')}</td><td>{fmt(f, '−')}</td>"
                        f"<td>{fmt(pv, '−')}</td><td>{pct(v, b).replace('-', '−')}</td><td class='{rag(v, b)}'>{rag(v, b)}</td></tr>")
        b, f, v = PT[name]
        rows.append(f"<tr class='tot'><td class='l'>Total {name}</td><td>{fmt(b, '−')}</td><td>{fmt(f, '−')}</td>"
                    f"<td>{fmt(v, '−')}</td><td>{pct(v, b).replace('-', '−')}</td><td class='{rag(v, b)}'>{rag(v, b)}</td></tr>")
        if name == "Learning and Inclusion":
            db, df, dv = DSG_HN[1], DSG_HN[2], DSG_VAR
            rows.append("<tr class='ph'><td colspan='6'>Ring-fenced: Dedicated Schools Grant (shown separately; "
                        "not part of the General Fund position)</td></tr>")
            rows.append(f"<tr><td class='l'>{DSG_HN[0]}</td><td>{fmt(db, '−')}</td><td>{fmt(df, '−')}</td>"
                        f"<td>{fmt(dv, '−')}</td><td>{pct(dv, db)}</td><td class='R'>R</td></tr>")
        out.append("<table><thead><tr><th class='l' style='width:40%'>Service (£000)</th><th>Full Year Budget</th>"
                   "<th>Forecast Outturn</th><th>Forecast Variance</th><th>Variance %</th><th>RAG</th></tr></thead><tbody>"
                   + "".join(rows) + "</tbody></table>")
    b, f, v = COUNCIL
    out.append("<table><thead><tr><th class='l' style='width:40%'>(£000)</th><th>Full Year Budget</th>"
               "<th>Forecast Outturn</th><th>Forecast Variance</th><th>Variance %</th><th>RAG</th></tr></thead><tbody>"
               f"<tr class='tot'><td class='l'>Council Total (General Fund)</td><td>{fmt(b, '−')}</td><td>{fmt(f, '−')}</td>"
               f"<td>{fmt(v, '−')}</td><td>{pct(v, b).replace('-', '−')}</td><td class='{rag(v, b)}'>{rag(v, b)}</td></tr>"
               "</tbody></table>")
    return "".join(out)


def savings_by_portfolio():
    rows = []
    for name, _ in PORTFOLIOS:
        t = sum(s[3] for s in SAVINGS if s[1] == name)
        f = sum(s[4] for s in SAVINGS if s[1] == name)
        rows.append(f"<tr><td class='l'>{name}</td><td>{fmt(t)}</td><td>{fmt(f)}</td><td>{fmt(t - f)}</td></tr>")
    rows.append(f"<tr class='tot'><td class='l'>Total</td><td>{fmt(SAV_T)}</td><td>{fmt(SAV_F)}</td>"
                f"<td>{fmt(SAV_T - SAV_F)}</td></tr>")
    return ("<table><thead><tr><th class='l'>Portfolio (£000)</th><th>2025/26 Savings Target</th>"
            "<th>Forecast Delivery</th><th>Shortfall</th></tr></thead><tbody>" + "".join(rows) + "</tbody></table>")


def build_pdf():
    from weasyprint import HTML
    cfb, cff, cfv = CF
    lib, lif, liv = LI
    cb, cf_, cv = COUNCIL
    cf_net = cfv - ACTIONS["Children and Families"]
    cf_res = cf_net - RESERVE_DRAW["Children and Families"]
    li_net = liv - ACTIONS["Learning and Inclusion"]
    c_net = cv - TOT_ACTIONS
    c_res = c_net - TOT_RES
    html = f"""<html><head><meta charset='utf-8'><title>Fernleigh Council - 2025/26 Revenue Budget Monitoring Period 8</title>
<style>{CSS}</style></head><body>
<p style='font-size:9pt;color:#555'>FERNLEIGH COUNCIL</p>
<h1>Cabinet - 14 January 2026<br/>2025/26 Revenue Budget Monitoring: Period 8 (November 2025)</h1>
<table class='cover'>
<tr><td style='width:35%'><b>Report of</b></td><td>Director of Finance and Section 151 Officer</td></tr>
<tr><td><b>Cabinet Member</b></td><td>Councillor R. Aldous, Cabinet Member for Finance and Resources</td></tr>
<tr><td><b>Wards affected</b></td><td>All</td></tr>
<tr><td><b>Key decision</b></td><td>Yes</td></tr>
<tr><td><b>Status</b></td><td>Public</td></tr>
</table>

<h2>1. Purpose</h2>
<p>1.1 This report sets out the forecast revenue outturn for 2025/26 as at the end of Period 8 (30 November 2025),
the management actions in place to reduce the forecast overspend, the delivery of the 2025/26 savings programme
and the position on the Dedicated Schools Grant (DSG).</p>

<h2>2. Executive Summary</h2>
<p>2.1 The General Fund is forecasting an overspend of {m(cv)} (£{fmt(cv)}k) against a net budget of
{m(cb)} before management actions. After management actions of {m(TOT_ACTIONS)} the forecast overspend reduces
to {m(c_net)}, and after the proposed drawdown of {m(TOT_RES)} from the Children's Services Demand Reserve the residual
overspend is {m(c_res)}. If this is not eliminated by year end it will fall to the General Fund balance.</p>
<p>2.2 The pressure is concentrated in services for children. Children and Families is forecasting a gross
overspend of £8.1m before management actions, driven by external placements for looked after children and agency
social work staffing. Management actions of {m(ACTIONS['Children and Families'])} have been identified, reducing the
Children and Families overspend to {m(cf_net)}; Cabinet is asked to approve a drawdown of {m(RESERVE_DRAW['Children and Families'])}
from the Children's Services Demand Reserve, leaving a residual overspend of {m(cf_res)}.</p>
<p>2.3 Learning and Inclusion is forecasting an overspend of {m(liv)} on the General Fund, almost entirely on Home to School
Transport ({m(15310 - 12150)}). This reduces to {m(li_net)} after route optimisation actions. Separately, the ring-fenced
High Needs Block of the DSG is forecasting an in-year overspend of {m(DSG_VAR)}, which would take the cumulative DSG
deficit to {m(DSG_CF)} at 31 March 2026. This deficit is held in an unusable reserve under the statutory override and
is not included in the General Fund figures above.</p>
<p>2.4 Of the {m(SAV_T)} savings target for 2025/26, {m(SAV_F)} ({SAV_F / SAV_T * 100:.0f}%) is forecast to be delivered.
The shortfall of {m(SAV_T - SAV_F)} is reflected in the forecasts in this report.</p>

<h2>3. Recommendations</h2>
<p>Cabinet is recommended to:</p>
<p>(a) note the forecast General Fund overspend of {fmt(cv)} (£000) before management actions and {fmt(c_net)} (£000) after;</p>
<p>(b) approve the drawdown of {fmt(RESERVE_DRAW['Children and Families'])} (£000) from the Children's Services Demand Reserve;</p>
<p>(c) note the DSG High Needs in-year forecast overspend of {fmt(DSG_VAR)} (£000) and the forecast cumulative deficit;</p>
<p>(d) note the delivery of the 2025/26 savings programme (Section 6).</p>

<h2>4. Forecast Outturn by Portfolio</h2>
<p>4.1 Table 1 summarises the forecast by portfolio. Detail by service is at Appendix A. Children's services are
delivered through two portfolios: Children and Families (children's social care) and Learning and Inclusion
(education, SEND and home to school transport).</p>
<p class='cap'><b>Table 1: General Fund forecast outturn by portfolio, Period 8 (£000)</b></p>
{summary_table()}
<p class='cap'>RAG: Red = overspend of £500k or more, or 5% or more of budget; Amber = other overspends; Green = on budget or underspending.</p>

<h2>5. Management Actions and Use of Reserves</h2>
<p>5.1 Directors have identified management actions totalling {fmt(TOT_ACTIONS)} (£000). Table 2 shows the position
by portfolio before and after these actions and the proposed use of earmarked reserves. All figures in Table 1 and
Appendix A are <b>before</b> management actions.</p>
<p class='cap'><b>Table 2: Forecast variance before and after management actions (£000)</b></p>
{actions_table()}
<h3>Children and Families</h3>
<p>5.2 The Children and Families overspend of {fmt(cfv)} (£000) is driven by external placements for looked after children
({fmt(34120 - 28450)}), with the number of children in external residential care at 41 against a budgeted 33 and an average
weekly cost of £6,420. Safeguarding and social work teams are {fmt(15880 - 14620)} over budget, reflecting 38 agency social workers
against 24 budgeted. The residential homes overspend of {fmt(7035 - 6240)} relates to the re-opening of Birchwood House with agency staff.</p>
<p>5.3 The management actions of {fmt(ACTIONS['Children and Families'])} comprise:</p>
<table><thead><tr><th class='l'>Management action (£000)</th><th>Value</th></tr></thead><tbody>
{''.join(f"<tr><td class='l'>{a}</td><td>{fmt(v)}</td></tr>" for a, v in CF_ACTIONS)}
<tr class='tot'><td class='l'>Total Children and Families management actions</td><td>{fmt(ACTIONS['Children and Families'])}</td></tr>
</tbody></table>
<p>5.4 The Children's Services Demand Reserve had a balance of {fmt(RESERVES["Children's Services Demand Reserve"])} (£000) at 1 April 2025.
The proposed drawdown of {fmt(RESERVE_DRAW['Children and Families'])} would leave {fmt(RESERVES["Children's Services Demand Reserve"] - RESERVE_DRAW['Children and Families'])}.
The General Fund balance is {fmt(RESERVES['General Fund balance'])} (£000).</p>

<h2>6. Savings Delivery 2025/26</h2>
<p>6.1 The 2025/26 budget includes savings of {fmt(SAV_T)} (£000). The savings tracker (separate attachment) rates each
saving Blue (delivered), Green, Amber or Red. Table 3 summarises delivery by portfolio.</p>
<p class='cap'><b>Table 3: Savings delivery by portfolio (£000)</b></p>
{savings_by_portfolio()}

<h2>7. Dedicated Schools Grant</h2>
<p>7.1 The High Needs Block is forecasting an in-year overspend of {fmt(DSG_VAR)} (£000) (budget {fmt(DSG_HN[1])}, forecast
{fmt(DSG_HN[2])}), driven by a 14% increase in Education, Health and Care Plans and independent specialist placements.
The cumulative DSG deficit brought forward at 1 April 2025 was {fmt(DSG_BF)} (£000); the forecast cumulative deficit at
31 March 2026 is {fmt(DSG_CF)} (£000). The Council is not in a Safety Valve agreement and is participating in the
Delivering Better Value programme.</p>

<h2>8. Risks</h2>
<p>8.1 The main risks to the forecast are further growth in external placements (each additional residential placement
costs around £330k a year), the autumn term transport contracts, and winter pressures in adult social care.</p>

<div class='wide'>
<h1>Appendix A - Revenue Forecast by Service, Period 8 2025/26</h1>
<p class='cap'>All figures £000. Forecasts are before management actions. Negative figures are underspends or income.</p>
{appendix_tables()}
</div>
</body></html>"""
    HTML(string=html).write_pdf(B + "Fernleigh_P8_Revenue_Monitoring_2025-26.pdf")


# ---------------------------------------------------------------- XLSX
def build_xlsx():
    from openpyxl import Workbook
    from openpyxl.styles import Font, PatternFill, Alignment
    wb = Workbook()
    ws = wb.active
    ws.title = "Tracker 25-26"
    ws["A1"] = "Fernleigh Council - Savings Tracker 2025/26"
    ws["A1"].font = Font(bold=True, size=13)
    ws["A2"] = "Position at Period 8 (November 2025)"
    ws["A3"] = "All figures £k"
    hdr = ["Ref", "Portfolio", "Savings Proposal", "2025/26 Target £k", "Forecast Delivery £k",
           "Shortfall £k", "BRAG", "Lead Officer", "Comment"]
    ws.append([])
    ws.append(hdr)
    for c in ws[5]:
        c.font = Font(bold=True, color="FFFFFF")
        c.fill = PatternFill("solid", fgColor="00594F")
        c.alignment = Alignment(wrap_text=True)
    fills = {"Blue": "6FA8DC", "Green": "93C47D", "Amber": "F6B26B", "Red": "E06666"}
    leads = {"Children and Families": "Director of Children's Social Care",
             "Learning and Inclusion": "Director of Education", "Adults and Health": "DASS",
             "Place": "Director of Place", "Resources": "Director of Finance", "Corporate": "Director of Finance"}
    for s in SAVINGS:
        ref, port, desc, t, f, st, com = s
        ws.append([ref, port, desc, t, f, t - f, st, leads[port], com])
        ws.cell(ws.max_row, 7).fill = PatternFill("solid", fgColor=fills[st])
    ws.append([])
    ws.append(["", "Total", "", SAV_T, SAV_F, SAV_T - SAV_F, "", "", ""])
    for c in ws[ws.max_row]:
        c.font = Font(bold=True)
    for col, w in zip("ABCDEFGHI", [10, 22, 55, 12, 12, 11, 8, 30, 70]):
        ws.column_dimensions[col].width = w

    ws2 = wb.create_sheet("Summary")
    ws2["A1"] = "Savings 2025/26 by portfolio and BRAG status (£k)"
    ws2["A1"].font = Font(bold=True)
    ws2.append([])
    ws2.append(["Portfolio", "Blue", "Green", "Amber", "Red", "Total Target", "Forecast Delivery", "Shortfall"])
    for c in ws2[3]:
        c.font = Font(bold=True)
    for name, _ in PORTFOLIOS:
        rows = [s for s in SAVINGS if s[1] == name]
        by = {k: sum(s[3] for s in rows if s[5] == k) for k in ["Blue", "Green", "Amber", "Red"]}
        t = sum(s[3] for s in rows)
        f = sum(s[4] for s in rows)
        ws2.append([name, by["Blue"], by["Green"], by["Amber"], by["Red"], t, f, t - f])
    by = {k: sum(s[3] for s in SAVINGS if s[5] == k) for k in ["Blue", "Green", "Amber", "Red"]}
    ws2.append(["Total", by["Blue"], by["Green"], by["Amber"], by["Red"], SAV_T, SAV_F, SAV_T - SAV_F])
    for c in ws2[ws2.max_row]:
        c.font = Font(bold=True)
    ws2.column_dimensions["A"].width = 26
    wb.save(B + "Fernleigh_Savings_Tracker_P8_2025-26.xlsx")


# ---------------------------------------------------------------- DOCX
def build_docx():
    from docx import Document
    d = Document()
    d.add_heading("Fernleigh Council", 0)
    d.add_heading("Medium Term Financial Plan 2026/27 to 2028/29: December 2025 Update", 1)
    d.add_paragraph("Report to Cabinet, 10 December 2025. Report of the Director of Finance and Section 151 Officer.")
    d.add_heading("1. Summary", 2)
    d.add_paragraph(
        f"The updated MTFP shows a cumulative budget gap of £{MTFP['gap'][0]}m in 2026/27 rising to £{MTFP['gap'][2]}m "
        f"by 2028/29 before savings. Savings proposals of £{MTFP['savings'][0]}m have been identified for 2026/27, "
        f"leaving a remaining gap of £{MTFP['remaining'][0]}m to be closed before the budget is set in February 2026.")
    d.add_heading("2. Budget gap", 2)
    d.add_paragraph("Table 1: Cumulative budget gap, £m")
    t = d.add_table(rows=1, cols=4)
    t.style = "Table Grid"
    for i, h in enumerate(["£m"] + MTFP["years"]):
        t.rows[0].cells[i].text = h
    for label, key in [("Net expenditure pressures", "pressures"), ("Change in funding", "funding"),
                       ("Budget gap before savings", "gap"), ("Savings identified", "savings"),
                       ("Remaining gap", "remaining")]:
        r = t.add_row().cells
        r[0].text = label
        for i, v in enumerate(MTFP[key]):
            r[i + 1].text = f"{v:.1f}"
    d.add_paragraph("")
    d.add_paragraph("Table 2: Pressures added for 2026/27, £m")
    t2 = d.add_table(rows=1, cols=2)
    t2.style = "Table Grid"
    t2.rows[0].cells[0].text = "Pressure"
    t2.rows[0].cells[1].text = "2026/27 £m"
    for a, v in MTFP_PRESSURES_2627:
        r = t2.add_row().cells
        r[0].text = a
        r[1].text = f"{v:.1f}"
    r = t2.add_row().cells
    r[0].text = "Total pressures"
    r[1].text = f"{sum(v for _, v in MTFP_PRESSURES_2627):.1f}"
    d.add_paragraph("")
    d.add_heading("3. Dedicated Schools Grant", 2)
    d.add_paragraph(
        f"The DSG High Needs cumulative deficit was £{DSG_BF / 1000:.2f}m at 31 March 2025 and is forecast to reach "
        f"£{DSG_CF / 1000:.1f}m by 31 March 2026. The statutory override, which keeps the deficit off the General Fund, "
        "has been extended to 31 March 2028; if it ends then, the Council's General Fund balance would not be sufficient "
        "to absorb the deficit, and this is the single largest risk to the Council's financial sustainability.")
    d.add_heading("4. Reserves", 2)
    d.add_paragraph(
        f"The General Fund balance is £{RESERVES['General Fund balance'] / 1000:.1f}m. Earmarked reserves are being "
        "reviewed; the Children's Services Demand Reserve is expected to be largely used in 2025/26.")
    d.save(B + "Fernleigh_MTFP_Update_Dec2025.docx")


build_pdf()
build_xlsx()
build_docx()
print("wrote", sorted(os.listdir(B)))
print("CF", CF, "LI", LI, "COUNCIL", COUNCIL, "DSG", DSG_VAR, DSG_CF,
      "actions", TOT_ACTIONS, "savings", SAV_T, SAV_F)
