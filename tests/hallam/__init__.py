"""A second council bundle written by an independent tester who never read this project's code:
Hallam Valley Council (fictional unitary), whose children's services sit in a combined People
directorate beside adult social care. Its Period 8 monitoring report (PDF, £000, minus signs,
landscape pages, a table continued over a page break), its children's savings tracker (PDF) and a
sufficiency strategy excerpt (DOCX). TRUTH.md lists every figure the tester wrote and where,
the one deliberate slip included (the Children's Services subtotal's variance printed 5,710 for
5,170). Kept as written: another author's idea of a council's documents, not ours."""

# ruff: noqa
# mypy: ignore-errors
from __future__ import annotations

from pathlib import Path

import weasyprint, docx
from docx.shared import Pt

MONITORING = "HVC_P8_Revenue_Monitoring_2025-26.pdf"
TRACKER = "HVC_Childrens_Savings_Tracker_P8.pdf"
STRATEGY = "HVC_Childrens_Sufficiency_Strategy_2025-28_excerpt.docx"


def make_bundle(out: Path) -> list[Path]:
    """Write the three documents into `out`; their paths, in bundle order."""
    out.mkdir(parents=True, exist_ok=True)
    D = str(out) + "/"

    def f(v):
        if v is None:
            return ""
        return ("-" if v < 0 else "") + format(abs(v), ",")

    CSS = """
    @page { size: A4; margin: 20mm 16mm 18mm 16mm;
      @top-left { content: "Hallam Valley Council | Cabinet 14 January 2026"; font-size:8pt; color:#555 }
      @top-right { content: "Period 8 Revenue Budget Monitoring 2025/26"; font-size:8pt; color:#555 }
      @bottom-right { content: "Page " counter(page) " of " counter(pages); font-size:8pt } }
    @page land { size: A4 landscape; margin: 15mm 14mm 15mm 14mm;
      @top-left { content: "Hallam Valley Council | Cabinet 14 January 2026"; font-size:8pt; color:#555 }
      @bottom-right { content: "Page " counter(page) " of " counter(pages); font-size:8pt } }
    body { font-family: Arial, sans-serif; font-size: 10pt; line-height:1.35 }
    h1 { font-size: 17pt; color:#1f4e79 } h2 { font-size: 13pt; color:#1f4e79; margin-top:14pt } h3 {font-size:11pt}
    table { border-collapse: collapse; width:100%; margin: 6pt 0 }
    th { background:#1f4e79; color:white; font-size:8.5pt; padding:4pt; text-align:right; vertical-align:bottom }
    th:first-child { text-align:left }
    td { border-bottom: 0.5pt solid #bbb; padding:4pt 4pt; text-align:right; font-size:9pt }
    td:first-child { text-align:left }
    tr.sub td { font-weight:bold; background:#e8eef5 } tr.tot td { font-weight:bold; border-top:1.5pt solid black; background:#d0dcea }
    tr.div td { font-weight:bold; font-style:italic; background:#f4f4f4 }
    .land { page: land } .fn { font-size:8pt; color:#333 } .brk { page-break-before: always }
    td.ind { padding-left: 14pt }
    """

    def table(cols, rows, cls=""):
        h = (
            '<table class="%s"><thead><tr>' % cls
            + "".join("<th>%s</th>" % c for c in cols)
            + "</tr></thead><tbody>"
        )
        for r in rows:
            kind = ""
            if isinstance(r, tuple) and r and r[0] in ("sub", "tot", "div"):
                kind = r[0]
                r = r[1:]
            name = r[0]
            vals = r[1:]
            ind = ' class="ind"' if kind == "" and not name.startswith("!") else ""
            name = name.lstrip("!")
            h += (
                '<tr class="%s"><td%s>%s</td>' % (kind, ind, name)
                + "".join("<td>%s</td>" % (v if isinstance(v, str) else f(v)) for v in vals)
                + "</tr>"
            )
        return h + "</tbody></table>"

    C5 = ["£000", "Full Year Budget", "Forecast", "Forecast Variance", "Variance at P6", "Movement"]
    summary = [
        ("!People", 202940, 212445, 9505, 8420, 1085),
        ("!Place", 68310, 69020, 710, 890, -180),
        ("!Corporate Services", 31480, 30915, -565, -420, -145),
        ("!Corporate Budgets (capital financing, contingency)", 24770, 22270, -2500, -2000, -500),
        ("tot", "Net Service Expenditure", 327500, 334650, 7150, 6890, 260),
        ("!Funding (Council Tax, Business Rates, RSG)", -327500, -327500, 0, 0, 0),
        ("tot", "Net Position", 0, 7150, 7150, 6890, 260),
    ]
    people = [
        ("div", "Adult Social Care", "", "", "", "", ""),
        ("Older People", 58420, 60115, 1695, 1420, 275),
        ("Learning Disabilities", 41760, 42980, 1220, 1050, 170),
        ("Mental Health", 12340, 12110, -230, -150, -80),
        ("Commissioning & Prevention (Adults)", 6890, 6805, -85, -60, -25),
        ("sub", "Adult Social Care subtotal", 119410, 122010, 2600, 2260, 340),
        ("div", "Children's Services", "", "", "", "", ""),
        ("Children Looked After – Placements<sup>2</sup>", 38250, 42870, 4620, 4110, 510),
        ("Children in Need & Child Protection (Social Work)", 14380, 14925, 545, 480, 65),
        ("Early Help & Family Hubs", 6120, 5870, -250, -200, -50),
        ("Care Leavers", 3410, 3655, 245, 210, 35),
        ("Youth Justice", 1940, 1905, -35, -20, -15),
        ("Safeguarding & Quality Assurance", 2300, 2345, 45, 30, 15),
        ("sub", "Children's Services subtotal", 66400, 71570, 5710, 4610, 560),
        ("div", "Education & SEND (General Fund)", "", "", "", "", ""),
        ("Home to School Transport (SEND)<sup>3</sup>", 9870, 11640, 1770, 1580, 190),
        ("SEND Assessment & Casework", 2150, 2290, 140, 120, 20),
        ("School Improvement & Access", 3260, 3145, -115, -90, -25),
        ("sub", "Education & SEND subtotal", 15280, 17075, 1795, 1610, 185),
        ("div", "People Directorate Management", "", "", "", "", ""),
        ("Directorate Management & Support", 1850, 1790, -60, -60, 0),
        ("tot", "People Directorate Total", 202940, 212445, 9505, 8420, 1085),
    ]
    dsg = [
        ("!Schools Block", 176420, 176420, 0, 0, 0),
        ("!Central School Services Block", 2890, 2890, 0, 0, 0),
        ("!Early Years Block", 32150, 31770, -380, -300, -80),
        ("!High Needs Block", 52180, 58930, 6750, 6200, 550),
        ("tot", "Total DSG", 263640, 270010, 6370, 5900, 470),
    ]
    dsgcum = [
        ("!Cumulative DSG deficit brought forward 1 April 2025", 24360),
        ("!Forecast in-year High Needs overspend 2025/26", 6750),
        ("!Early Years Block underspend", -380),
        ("!Safety Valve payment from DfE 2025/26", -4000),
        ("!Council contribution per Safety Valve agreement", -1500),
        ("tot", "Forecast cumulative DSG deficit 31 March 2026", 25230),
    ]
    res = [
        ("!General Fund Balance", 18500, -7150, 11350),
        ("!Earmarked reserves – Children's Services Demand Reserve", 3000, -3000, 0),
        ("!Earmarked reserves – Adult Social Care Transformation", 4200, -1800, 2400),
        ("!Earmarked reserves – other", 57000, -8000, 49000),
        ("tot", "Total usable revenue reserves", 82700, -19950, 62750),
    ]
    sav = [
        ("!People – Adult Social Care", 6200, 2100, 1900, 1300, 900),
        ("!People – Children's Services", 4850, 1120, 1460, 1050, 1220),
        ("!People – Education & SEND", 1400, 350, 420, 380, 250),
        ("!Place", 3100, 1400, 900, 500, 300),
        ("!Corporate Services", 2450, 1600, 500, 250, 100),
        ("tot", "Total", 18000, 6570, 5180, 3480, 2770),
    ]
    html = f"""<html><head><style>{CSS}</style></head><body>
    <h1>Hallam Valley Council<br>Revenue Budget Monitoring 2025/26 – Period 8 (to 30 November 2025)</h1>
    <p><b>Report of:</b> Director of Finance (Section 151 Officer)<br><b>Cabinet member:</b> Cllr R. Okafor, Finance and Resources<br><b>Key decision:</b> No &nbsp; <b>Wards:</b> All</p>
    <h2>1. Purpose and summary</h2>
    <p>1.1 This report sets out the forecast revenue outturn for 2025/26 as at Period 8. All figures in this report are in £000 unless stated otherwise.</p>
    <p>1.2 The Council is forecasting a net overspend of <b>£7.150m</b> against a net revenue budget of £327.500m, an adverse movement of £0.260m since Period 6. The overspend is driven by the People directorate (£9.505m), partly offset by corporate budgets.</p>
    <p>1.3 Within People, the principal pressures are placements for children looked after, home to school transport for children with SEND and older people's care packages. The People directorate comprises three divisions: Adult Social Care, Children's Services, and Education & SEND.</p>
    <p>1.4 The Dedicated Schools Grant (DSG) High Needs Block is forecasting an in-year overspend of £6.750m; this is ringfenced and does not affect the General Fund position (see section 5).</p>
    <h2>2. Recommendations</h2>
    <p>Cabinet is asked to: (a) note the forecast overspend of £7.150m; (b) note the actions being taken by directorates to mitigate pressures; (c) approve the drawdown of the Children's Services Demand Reserve (£3.000m) as already assumed in the budget; (d) note the DSG position and Safety Valve monitoring.</p>
    <h2>3. Council summary</h2>
    <p>Table 1: Forecast outturn by directorate (£000). Overspends are shown as positive figures and underspends as negative (–).</p>
    {table(C5, summary)}
    <p class="fn">Note 1: Corporate Budgets include the release of £2.000m of the general contingency and a £0.500m improvement in capital financing costs following reprofiling of the capital programme.<br>
    Figures may not sum due to rounding.</p>
    <div class="land">
    <h2>4. People directorate</h2>
    <p>Table 2: People directorate forecast by division and service (£000). The People directorate is led by the Corporate Director of People (statutory DCS and DASS functions).</p>
    {table(C5, people)}
    <p class="fn">Note 2: Children Looked After placements includes residential, independent fostering agency (IFA), in-house fostering, kinship allowances and supported accommodation for 16-17 year olds. The budget assumed 598 children looked after; the number at 30 November 2025 was 628.<br>
    Note 3: Home to School Transport relates to SEND transport funded from the General Fund, not DSG.<br>
    Note 4: The Children's Services subtotal forecast variance is as reported by the division.</p>
    </div>
    <h2 class="brk">4A. Commentary – Children's Services</h2>
    <p>4A.1 Children's Services is forecasting an overspend of £5.170m, an adverse movement of £0.560m from Period 6. The largest pressure is Children Looked After placements (£4.620m overspend). There were 91 children in residential placements at the end of November against 78 budgeted, at an average weekly cost of £6,020.</p>
    <p>4A.2 Children in Need and Child Protection is overspending by £0.545m because of agency social workers covering 27 vacant posts. Early Help is underspending by £0.250m due to vacancies pending the Family Hubs restructure.</p>
    <p>4A.3 Mitigations include the Placement Sufficiency Programme, a weekly high-cost placement panel chaired by the Director of Children's Services, and the regional agency pay cap (memorandum of understanding).</p>
    <h3>4B. Commentary – Adult Social Care</h3>
    <p>4B.1 Adult Social Care is forecasting an overspend of £2.600m, mainly in Older People (£1.695m), reflecting a 6% increase in residential care home admissions and fee uplifts above budget. Learning Disabilities is overspending by £1.220m due to transitions from children's services.</p>
    <h3>4C. Commentary – Education & SEND</h3>
    <p>4C.1 Home to School Transport (SEND) is forecasting an overspend of £1.770m, reflecting 2,140 pupils transported against 1,910 budgeted.</p>
    <h2>5. Dedicated Schools Grant</h2>
    <p>Table 3: DSG forecast 2025/26 (£000), after academy recoupment.</p>
    {table(C5, dsg)}
    <p>5.1 The High Needs Block is forecast to overspend by £6.750m in-year, compared with £2.900m assumed in the Safety Valve plan. Hallam Valley entered a Safety Valve agreement with the Department for Education in March 2024, under which DfE will provide £19.2m over five years (2023/24 to 2027/28), conditional on the Council eliminating the cumulative deficit by 31 March 2028.</p>
    <p>Table 4: Cumulative DSG deficit (£000)</p>
    {table(["£000", "2025/26"], dsgcum)}
    <p class="fn">Note 5: The statutory override for DSG deficits has been extended to 31 March 2028. The 2025/26 Safety Valve payment of £4.000m is subject to DfE confirmation that the Council remains on track; at Period 8 the Council is off-track.</p>
    <h2 class="brk">6. Reserves</h2>
    <p>Table 5: Forecast usable revenue reserves (£000)</p>
    {table(["£000", "Balance 1 April 2025", "Forecast movement 2025/26", "Forecast balance 31 March 2026"], res)}
    <p>6.1 If the overspend is not reduced, the General Fund balance would fall to £11.350m, below the minimum level of £15.000m recommended by the Section 151 Officer.</p>
    <h2>7. Savings delivery</h2>
    <p>Table 6: 2025/26 savings by directorate and RAG status (£000). Blue = delivered; Green = on track; Amber = at risk; Red = not expected to be delivered in year.</p>
    {table(["£000", "Savings target 2025/26", "Blue (delivered)", "Green", "Amber", "Red"], sav)}
    <p>7.1 £2.770m (15%) of savings are rated red. Red savings in Children's Services (£1.220m) relate to step-down from residential care and reduction in agency social workers and are included in the forecast overspend.</p>
    <h2>8. Place and Corporate Services</h2>
    <p>8.1 Place is forecasting an overspend of £0.710m, due to waste disposal tonnages (£0.950m) partly offset by car parking income. Corporate Services is forecasting an underspend of £0.565m from vacancies in ICT and Legal.</p>
    <h2>9. Implications</h2>
    <p>9.1 Financial: as set out in the report. 9.2 Legal: the Council has a duty under s28 Local Government Act 2003 to monitor its budget and take action if there is a deterioration. 9.3 Risk: the forecast is subject to volatility in demand-led services, particularly placements and transport.</p>
    <p><b>Contact officer:</b> A. Pemberton, Head of Corporate Finance</p>
    </body></html>"""
    weasyprint.HTML(string=html).write_pdf(D + "HVC_P8_Revenue_Monitoring_2025-26.pdf")

    # tracker
    T = [
        (
            "CS01",
            "Reducing reliance on residential placements through in-house foster carer recruitment and retention",
            "Fostering",
            1050,
            800,
            500,
            "Amber",
            240,
        ),
        (
            "CS02",
            "Step-down of children from residential care to family-based settings",
            "Placements",
            850,
            600,
            0,
            "Red",
            60,
        ),
        (
            "CS03",
            "Supported accommodation commissioning framework for 16–17 year olds (regional DPS)",
            "Commissioning",
            600,
            400,
            200,
            "Green",
            210,
        ),
        ("CS04", "Early Help and Family Hubs restructure", "Early Help", 450, 0, 0, "Blue", 450),
        ("CS05", "Reduction in agency social worker usage", "Workforce", 370, 300, 150, "Red", 0),
        ("CS06", "Care leavers housing pathway", "Care Leavers", 310, 200, 0, "Green", 95),
        ("CS07", "Business support review", "Business Support", 670, 0, 0, "Blue", 670),
        ("CS08", "Transport and family contact efficiencies", "Placements", 550, 250, 0, "Green", 180),
        (
            "CS09",
            "Family Safeguarding model – reduced entries to care (invest to save)",
            "Social Work",
            0,
            1000,
            1500,
            "Amber",
            0,
        ),
    ]
    col = {"Red": "#f4b6b6", "Amber": "#ffd98a", "Green": "#b8e0b0", "Blue": "#a9c8ef"}
    rows = "".join(
        f'<tr><td>{r[0]}</td><td class="t">{r[1]}</td><td class="t">{r[2]}</td><td>{f(r[3])}</td><td>{f(r[4])}</td><td>{f(r[5])}</td><td>{f(r[3] + r[4] + r[5])}</td><td style="background:{col[r[6]]};text-align:center">{r[6]}</td><td>{f(r[7])}</td></tr>'
        for r in T
    )
    tot = [sum(r[i] for r in T) for i in (3, 4, 5)]
    dl = sum(r[7] for r in T)
    th = '<tr><th>Ref</th><th style="text-align:left">Saving proposal</th><th style="text-align:left">Service area</th><th>2025/26<br>£000</th><th>2026/27<br>£000</th><th>2027/28<br>£000</th><th>Total<br>£000</th><th>RAG<br>2025/26</th><th>Delivered to date<br>£000</th></tr>'
    h2 = f"""<html><head><style>
    @page {{ size: A4 landscape; margin: 15mm; @top-center {{ content: "Hallam Valley Council – Children's Services Savings Tracker – Period 8 2025/26"; font-size:8pt }} @bottom-right {{ content: counter(page); font-size:8pt }} }}
    body {{ font-family: Arial; font-size:9.5pt }} table {{ border-collapse:collapse; width:100% }} th {{ background:#4a2c6d; color:#fff; padding:4pt; font-size:8.5pt; text-align:right }}
    td {{ border:0.5pt solid #999; padding:4pt; text-align:right }} td.t {{ text-align:left }} td:nth-child(2) {{ width:42% }} tr.tot td {{ font-weight:bold; background:#eee }}
    </style></head><body><h2>Children's Services Savings Tracker 2025/26 to 2027/28 (position at 30 November 2025)</h2>
    <p>Incremental savings by year (£000). RAG relates to deliverability of the 2025/26 saving. Blue = delivered in full.</p>
    <table><thead>{th}</thead><tbody>{rows}<tr class="tot"><td></td><td class="t">Total Children's Services</td><td></td><td>{f(tot[0])}</td><td>{f(tot[1])}</td><td>{f(tot[2])}</td><td>{f(sum(tot))}</td><td></td><td>{f(dl)}</td></tr></tbody></table>
    <p style="font-size:8pt">Source: Children's Services Finance Business Partner. Delivered to date includes part-year delivery of Green/Amber/Red proposals. CS09 is dependent on £1.2m invest-to-save funding in 2025/26 from the Transformation Reserve.</p></body></html>"""
    weasyprint.HTML(string=h2).write_pdf(D + "HVC_Childrens_Savings_Tracker_P8.pdf")

    # docx
    d = docx.Document()
    d.add_heading(
        "Hallam Valley Council – Children's Services Placement Sufficiency Strategy 2025–2028 (excerpt)", 1
    )
    P = d.add_paragraph
    P("Approved by Cabinet, 10 June 2025. Section 3 to 5 extract for the LGA finance review.")
    d.add_heading("3. Our children looked after population", 2)
    P(
        "3.1 At 31 March 2025 Hallam Valley had 612 children looked after, a rate of 88 per 10,000 children aged 0–17 (child population 69,500). This compares with 76 per 10,000 for our statistical neighbours and 70 per 10,000 for England."
    )
    P(
        "3.2 Our ambition is to safely reduce the number of children looked after to 560 by 31 March 2028 (a rate of 81 per 10,000), by strengthening Early Help and rolling out the Family Safeguarding model from April 2026."
    )
    P(
        "3.3 There were 318 children subject to a child protection plan and 1,940 children in need at 31 March 2025. We support 395 care leavers aged 18–25."
    )
    d.add_heading("4. Placement mix", 2)
    P("4.1 Table A shows our placement mix at 31 March 2025 and our target for 31 March 2028.")
    tb = d.add_table(rows=1, cols=3)
    tb.style = "Table Grid"
    for i, t in enumerate(["Placement type", "31 March 2025 (%)", "Target 31 March 2028 (%)"]):
        tb.rows[0].cells[i].text = t
    for r in [
        ("In-house foster care", "38", "45"),
        ("Independent fostering agency (IFA)", "24", "18"),
        ("Kinship / connected persons", "12", "15"),
        ("Residential children's homes", "14", "10"),
        ("Placed with parents", "5", "5"),
        ("Supported accommodation (16–17)", "7", "7"),
        ("Total", "100", "100"),
    ]:
        c = tb.add_row().cells
        for i, t in enumerate(r):
            c[i].text = t
    P("")
    P(
        "4.2 In March 2025, 86 children were in residential placements at an average weekly cost of £5,850; 72 of these were in homes outside the Hallam Valley boundary. The average weekly cost of an IFA placement was £1,020 and of an in-house placement £560."
    )
    P(
        "4.3 We have 142 approved in-house fostering households and aim to reach 180 by March 2028. Net recruitment in 2024/25 was 6 households."
    )
    d.add_heading("5. Financial context", 2)
    P(
        "5.1 The 2025/26 budget for children looked after placements is £38.25m, which assumed 598 children looked after. Each 1% shift from residential to in-house foster care is estimated to save around £0.9m a year."
    )
    P(
        "5.2 The strategy supports savings of £10.75m over three years in the Children's Services savings programme (2025/26 to 2027/28), including £4.85m in 2025/26. Success will be measured by: the number of children looked after; the percentage in family-based settings (target 78% by 2028, from 74% in 2025); and the number of in-house fostering households."
    )
    P(
        "5.3 Risks: the local market for residential provision is concentrated among four providers; Ofsted requirements for supported accommodation registration; and rising numbers of unaccompanied asylum-seeking children (41 at 31 March 2025 under the National Transfer Scheme)."
    )
    d.save(D + "HVC_Childrens_Sufficiency_Strategy_2025-28_excerpt.docx")
    return [out / MONITORING, out / TRACKER, out / STRATEGY]
