# ruff: noqa
# mypy: ignore-errors
"""Marlowe County Council (fictional) - Q2 2025/26 revenue budget monitoring bundle.

Writes into B:
  Marlowe_Cabinet_Q2_Revenue_Monitoring_2025-26.docx  (report, Table 1 by directorate, MTFP table)
  Marlowe_Appendix_A_Q2_Revenue_Monitoring.pdf        (appendix: total-first table, GROSS/INC/NET/FC/VAR, GBP m 2dp)
  Marlowe_Savings_Plan_2025-26_Q2.pdf                 (savings by directorate, Saving GBP000, Delivery confidence words)

Two deliberate slips (see TRUTH.md):
  1. Appendix A: Disabled Children line printed with forecast 22.16 / variance 0.86 (true 22.61 / 1.31),
     so the CYPE total row (292.35 / 21.80) is 0.45 more than the sum of its printed lines.
  2. DOCX paragraph 1.3 states the CYPE overspend as GBP 21.08m; everywhere else it is GBP 21.80m.
"""
import os
from decimal import Decimal as D

B = globals().get("B", "/tmp/marlowe/")
os.makedirs(B, exist_ok=True)

# (label, gross, income, forecast net outturn) ; net = gross + income ; variance = forecast - net
DIRS = [
    ("Children, Young People and Education", "CYPE", [
        ("Looked After Children - Placements and Support", "118.60", "-6.25", "126.82"),
        ("Care Leavers (including UASC)", "14.30", "-5.10", "10.05"),
        ("Disabled Children and Young People", "24.70", "-3.40", "22.61"),
        ("Children in Need and Child Protection", "41.80", "-2.15", "40.12"),
        ("Early Help and Family Hubs", "19.40", "-9.85", "8.73"),
        ("Special Educational Needs and Disability (SEND) Services", "12.90", "-4.30", "9.34"),
        ("Home to School Transport", "61.20", "-1.80", "64.95"),
        ("School Improvement and Skills", "15.60", "-12.95", "2.31"),
        ("High Needs Block (DSG funded) - see note 3", "142.30", "-142.30", "0.00"),
        ("Directorate Management and Support", "8.45", "-0.60", "7.42"),
    ]),
    ("Adult Social Care and Health", "ASCH", [
        ("Older People", "245.30", "-88.40", "160.15"),
        ("Learning Disability (18-64)", "168.40", "-21.70", "151.02"),
        ("Physical Disability", "52.10", "-7.30", "45.36"),
        ("Mental Health", "38.60", "-4.90", "33.21"),
        ("Public Health (ring-fenced grant)", "71.20", "-71.20", "0.00"),
        ("Strategic Commissioning and Support", "22.50", "-3.10", "18.85"),
    ]),
    ("Growth, Environment and Transport", "GET", [
        ("Highways and Transportation", "78.20", "-14.60", "64.35"),
        ("Waste Management", "92.40", "-6.80", "84.92"),
        ("Public Transport and Concessionary Fares", "24.80", "-4.20", "21.44"),
        ("Planning, Environment and Economic Development", "18.30", "-9.70", "8.38"),
    ]),
    ("Chief Executive's Department", "CED", [
        ("Finance", "16.40", "-4.80", "11.42"),
        ("People and Communications", "12.70", "-2.10", "10.71"),
        ("Governance, Law and Democracy", "9.80", "-3.30", "6.22"),
        ("Infrastructure and Technology", "34.20", "-6.90", "27.06"),
    ]),
    ("Non-Attributable Costs", "NAC", [
        ("Capital Financing Costs", "112.60", "-8.40", "101.95"),
        ("Corporate Contingency", "6.00", "0.00", "0.00"),
        ("Insurance and Levies", "11.30", "-2.50", "8.74"),
        ("Investment Income", "0.00", "-14.20", "-16.05"),
    ]),
]
# Slip 1: the printed Disabled Children line (transposed digits), row internally consistent
SLIP1 = {"Disabled Children and Young People": ("22.16",)}

def row(g, i, f):
    g, i, f = D(g), D(i), D(f)
    n = g + i
    return g, i, n, f, f - n

def dir_total(lines):
    rs = [row(*l[1:]) for l in lines]
    return tuple(sum(r[k] for r in rs) for k in range(5))

TOT = {code: dir_total(lines) for _, code, lines in DIRS}
COUNCIL = tuple(sum(TOT[c][k] for c in TOT) for k in range(5))
CYPE_RESERVE = D("4.50")
GF_RESERVE_2025 = D("48.60")
GF_MINIMUM = D("35.00")
DSG_INYEAR = D("18.40")
DSG_DEFICIT_2025 = D("61.30")

def m(x, paren=False):
    s = f"{abs(x):,.2f}"
    return ("-" + s) if x < 0 else s

# ---------------------------------------------------------------- Appendix A (PDF)
def appendix_html():
    rows = []
    for name, code, lines in DIRS:
        g, i, n, f, v = TOT[code]
        rows.append(f'<tr class="tot"><td>{name}</td><td>{m(g)}</td><td>{m(i)}</td><td>{m(n)}</td><td>{m(f)}</td><td>{m(v)}</td></tr>')
        for lab, gg, ii, ff in lines:
            if lab in SLIP1:
                ff = SLIP1[lab][0]
            r = row(gg, ii, ff)
            rows.append('<tr><td class="ind">' + lab + '</td>' + ''.join(f'<td>{m(x)}</td>' for x in r) + '</tr>')
    g, i, n, f, v = COUNCIL
    rows.append(f'<tr class="tot grand"><td>Total Marlowe County Council</td><td>{m(g)}</td><td>{m(i)}</td><td>{m(n)}</td><td>{m(f)}</td><td>{m(v)}</td></tr>')
    intro = """
<p>This appendix sets out the forecast revenue outturn for 2025/26 as at the end of September 2025
(Quarter 2) for each directorate and its services. The directorate total is shown first, in bold,
followed by the services which make it up. All figures are in &pound; millions. Income is shown as a
negative figure. A positive variance is a forecast overspend; a negative variance (shown with a minus
sign) is a forecast underspend.</p>
<p>Note 1: Net Budget is the approved 2025/26 budget as adjusted for virements approved up to
30 September 2025. Note 2: Forecasts exclude the planned one-off use of earmarked reserves which is
set out in section 4 of the covering report. Note 3: The High Needs Block is funded by the Dedicated
Schools Grant (DSG), which is ring-fenced. Any over- or underspend on the DSG is held in the DSG
adjustment account and does not affect the General Fund; the line therefore shows a nil variance. The
DSG in-year position is reported separately in section 5 of the covering report.</p>
<p>Directorates have reviewed their forecasts with budget holders and Finance Business Partners and
the forecasts reflect activity data up to 30 September 2025, including placement numbers and
transport routes commissioned for the start of the academic year. Forecasts for demand-led services
continue to carry a significant degree of uncertainty, particularly for placements for children in
care, where a small number of high-cost placements can move the forecast materially.</p>
<p>Management action to reduce the forecast overspend is being developed by each directorate and will
be reported to Cabinet at Quarter 3. The figures below do not assume any benefit from management
action which has not yet been agreed.</p>
<p>Movement since Quarter 1: the forecast has deteriorated in children's social care, where the number of
children in care and the cost of residential placements have both increased over the summer, and in home to
school transport, where the routes commissioned for September reflect a higher number of eligible pupils
than assumed in the budget. Adult social care forecasts have improved slightly following the review of
hospital discharge packages. Other directorates' forecasts are broadly unchanged from Quarter 1.</p>
<p>Risks to the forecast: the forecasts assume no further increase in the number of children placed in
external residential care, no significant change in the market price of placements and transport
contracts, and that the winter pressures in adult social care are met from the grant allocated for that
purpose. Each of these assumptions will be reviewed at Quarter 3. The Council's corporate risk register
records placement sufficiency, home to school transport and the Dedicated Schools Grant High Needs deficit
as high risks.</p>
<p>Pay award: the forecasts include the 2025/26 pay award at the level agreed nationally, funded from the
corporate provision held within Non-Attributable Costs and allocated to directorates at Quarter 2.</p>
"""
    return f"""<html><head><meta charset="utf-8"><style>
@page {{ size: A4 portrait; margin: 18mm 14mm 20mm 14mm;
  @bottom-center {{ content: "Appendix A - Page " counter(page); font-size: 8pt; color: #444; }}
  @top-right {{ content: "Marlowe County Council - Cabinet 20 November 2025"; font-size: 8pt; color:#444; }} }}
body {{ font-family: "DejaVu Sans", Arial, sans-serif; font-size: 9.5pt; }}
h1 {{ font-size: 14pt; color: #003a70; margin-bottom: 2mm; }}
h2 {{ font-size: 11pt; color: #003a70; }}
table {{ border-collapse: collapse; width: 100%; }}
thead {{ display: table-header-group; }}
th {{ background: #003a70; color: white; font-size: 8.5pt; padding: 4px; text-align: right; }}
th:first-child {{ text-align: left; }}
td {{ padding: 5.5px 4px; border-bottom: 0.5px solid #bbb; text-align: right; }}
td:first-child {{ text-align: left; }}
td.ind {{ padding-left: 14px; }}
tr.tot td {{ font-weight: bold; background: #e6edf5; }}
tr.grand td {{ border-top: 1.5px solid black; border-bottom: 2px double black; }}
tr {{ page-break-inside: avoid; }}
</style></head><body>
<h1>Appendix A: Revenue Budget Monitoring 2025/26 - Quarter 2</h1>
<h2>Forecast outturn by directorate and service at 30 September 2025</h2>
{intro}
<table>
<thead><tr><th>Directorate / Service</th><th>Gross Expenditure<br>&pound;m</th><th>Income<br>&pound;m</th><th>Net Budget<br>&pound;m</th><th>Forecast Net Outturn<br>&pound;m</th><th>Variance<br>&pound;m</th></tr></thead>
<tbody>
{''.join(rows)}
</tbody></table>
<p style="font-size:8pt">Source: Marlowe County Council financial system (Oracle Fusion), period 6 ledger, and directorate forecasts.</p>
</body></html>"""

# ---------------------------------------------------------------- Savings plan (PDF)
SAVINGS = [
    ("CYPE", "Children, Young People and Education", [
        ("CYPE-S01", "Recruit and retain in-house foster carers to reduce reliance on independent fostering agencies", 2400, "Medium", "Net gain of 9 in-house carers to date against 20 planned for the year."),
        ("CYPE-S02", "Step down children from residential care to family-based settings", 1850, "Low", "6 step-downs achieved against 18 planned; sufficiency of foster placements is the constraint."),
        ("CYPE-S03", "Home to school transport: route optimisation and independent travel training", 1200, "Undeliverable", "Policy consultation delayed; saving will not be delivered in 2025/26 and is re-profiled to 2026/27."),
        ("CYPE-S04", "Early Help and Family Hubs restructure", 650, "High", "Restructure implemented 1 July 2025."),
        ("CYPE-S05", "Supported accommodation for 16 and 17 year olds: new commissioning framework", 900, "Medium", "Framework live from October 2025; part-year effect only."),
        ("CYPE-S06", "Review of Section 17 and other discretionary spend", 300, "High", "Delivered through tighter authorisation."),
    ]),
    ("ASCH", "Adult Social Care and Health", [
        ("ASCH-S01", "Promoting independence: expansion of reablement", 4200, "Medium", "Reablement capacity increased; outcomes being tracked monthly."),
        ("ASCH-S02", "Learning disability supported living review", 3100, "Low", "Reviews behind schedule; provider negotiations ongoing."),
        ("ASCH-S03", "Adult social care fees and charges uplift", 1500, "High", "Implemented April 2025."),
    ]),
    ("GET", "Growth, Environment and Transport", [
        ("GET-S01", "Waste disposal contract re-procurement", 2000, "High", "New contract prices in effect."),
        ("GET-S02", "Streetlighting LED conversion - energy savings", 750, "High", "Conversion complete."),
        ("GET-S03", "Review of supported bus services", 600, "Undeliverable", "Decision called in by Scrutiny Committee; withdrawn for 2025/26."),
    ]),
    ("CED", "Chief Executive's Department", [
        ("CED-S01", "Digital and technology contract consolidation", 1100, "Medium", "Two of three contracts consolidated."),
        ("CED-S02", "Office estate rationalisation", 800, "Low", "Disposal of County Hall annexe delayed."),
    ]),
    ("NAC", "Non-Attributable Costs", [
        ("NAC-S01", "Treasury management: additional investment income", 1500, "High", "Higher cash balances and rates."),
    ]),
]

def savings_html():
    body = []
    grand = 0
    for code, name, lines in SAVINGS:
        body.append(f'<tr class="dh"><td colspan="5">{name}</td></tr>')
        sub = 0
        for ref, title, amt, conf, com in lines:
            sub += amt
            body.append(f'<tr><td>{ref}</td><td>{title}</td><td class="n">{amt:,}</td><td>{conf}</td><td class="c">{com}</td></tr>')
        grand += sub
        body.append(f'<tr class="sub"><td></td><td>Total {name}</td><td class="n">{sub:,}</td><td></td><td></td></tr>')
    body.append(f'<tr class="grand"><td></td><td>Total savings 2025/26</td><td class="n">{grand:,}</td><td></td><td></td></tr>')
    # confidence summary
    confs = ["High", "Medium", "Low", "Undeliverable"]
    summ = []
    for code, name, lines in SAVINGS:
        cells = [sum(a for _, _, a, c, _ in lines if c == k) for k in confs]
        summ.append(f"<tr><td>{name}</td>" + "".join(f'<td class="n">{x:,}</td>' for x in cells) + f'<td class="n">{sum(cells):,}</td></tr>')
    allc = [sum(a for _, _, ls in SAVINGS for _, _, a, c, _ in ls if c == k) for k in confs]
    summ.append('<tr class="grand"><td>Total</td>' + "".join(f'<td class="n">{x:,}</td>' for x in allc) + f'<td class="n">{sum(allc):,}</td></tr>')
    return f"""<html><head><meta charset="utf-8"><style>
@page {{ size: A4 landscape; margin: 14mm; @bottom-right {{ content: "Page " counter(page) " of " counter(pages); font-size: 8pt; }} }}
body {{ font-family: "DejaVu Sans", Arial, sans-serif; font-size: 9pt; }}
h1 {{ font-size: 14pt; color: #5b2a86; }}
table {{ border-collapse: collapse; width: 100%; margin-bottom: 6mm; }}
thead {{ display: table-header-group; }}
th {{ background: #5b2a86; color: white; padding: 4px; text-align: left; }}
td {{ padding: 3px 4px; border-bottom: 0.5px solid #ccc; vertical-align: top; }}
td.n {{ text-align: right; white-space: nowrap; }} td.c {{ font-size: 8pt; }}
tr.dh td {{ font-weight: bold; background: #eee6f5; }}
tr.sub td, tr.grand td {{ font-weight: bold; }}
tr.grand td {{ border-top: 1.5px solid black; }}
</style></head><body>
<h1>Marlowe County Council - 2025/26 Savings Plan: Delivery Assessment at Quarter 2</h1>
<p>The table lists the savings approved by Council in February 2025 as part of the 2025/26 budget, by
directorate, with the service's assessment of delivery confidence at 30 September 2025. Delivery
confidence is assessed as High (on track), Medium (some risk, mitigations in place), Low (significant
risk that the saving will not be achieved in full this year) or Undeliverable (the saving will not be
achieved in 2025/26). Figures are in &pound;000.</p>
<table><thead><tr><th>Ref</th><th>Saving</th><th>Saving &pound;000</th><th>Delivery confidence</th><th>Comment</th></tr></thead>
<tbody>{''.join(body)}</tbody></table>
<h1>Summary by delivery confidence (&pound;000)</h1>
<table><thead><tr><th>Directorate</th><th>High</th><th>Medium</th><th>Low</th><th>Undeliverable</th><th>Total</th></tr></thead>
<tbody>{''.join(summ)}</tbody></table>
</body></html>"""

# ---------------------------------------------------------------- Main report (DOCX)
MTFP = [  # GBP m; 2026/27, 2027/28, 2028/29 (annual, not cumulative)
    ("Spending pressures", ["78.40", "61.20", "57.90"]),
    ("of which Children, Young People and Education", ["31.20", "24.50", "22.00"]),
    ("of which Adult Social Care and Health", ["33.60", "27.10", "26.40"]),
    ("Savings and income proposals identified", ["-32.60", "-18.10", "-9.40"]),
    ("Change in funding (council tax, business rates and grants)", ["-29.70", "-24.60", "-25.80"]),
    ("Budget gap (annual)", None),
    ("Cumulative budget gap", None),
]

def mtfp_rows():
    p = [D(x) for x in MTFP[0][1]]; s = [D(x) for x in MTFP[3][1]]; f = [D(x) for x in MTFP[4][1]]
    gap = [p[k] + s[k] + f[k] for k in range(3)]
    cum = [sum(gap[:k + 1]) for k in range(3)]
    out = []
    for lab, vals in MTFP:
        if lab == "Budget gap (annual)":
            vals = [f"{x:.2f}" for x in gap]
        elif lab == "Cumulative budget gap":
            vals = [f"{x:.2f}" for x in cum]
        out.append((lab, vals))
    return out, gap, cum

def write_docx(path):
    from docx import Document
    from docx.shared import Pt
    doc = Document()
    st = doc.styles["Normal"]; st.font.name = "Arial"; st.font.size = Pt(11)
    doc.add_paragraph("MARLOWE COUNTY COUNCIL").runs[0].bold = True
    doc.add_paragraph("CABINET - 20 NOVEMBER 2025")
    doc.add_heading("Revenue Budget Monitoring 2025/26 - Quarter 2 (position at 30 September 2025)", level=1)
    t = doc.add_table(rows=0, cols=2); t.style = "Table Grid"
    for a, b in [("Report of", "Cabinet Member for Finance and Resources; Executive Director of Finance and Section 151 Officer"),
                 ("Classification", "Unrestricted"), ("Electoral divisions", "All"), ("Key decision", "No")]:
        c = t.add_row().cells; c[0].text = a; c[1].text = b
    cg, ci, cn, cf, cv = COUNCIL
    y = TOT["CYPE"]
    doc.add_heading("1. Summary", level=2)
    doc.add_paragraph(f"1.1 This report sets out the forecast revenue outturn for 2025/26 at the end of Quarter 2. "
        f"The Council is forecasting a net overspend of £{cv:.2f}m against a net revenue budget of £{cn:,.2f}m, "
        f"before the planned one-off use of earmarked reserves.")
    doc.add_paragraph("1.2 The position continues to be driven by demand and cost pressures in social care for children "
        "and adults and in home to school transport, partly offset by underspends in Non-Attributable Costs, including the "
        "release of the corporate contingency.")
    # SLIP 2: 21.08 instead of 21.80
    doc.add_paragraph("1.3 The Children, Young People and Education directorate is forecasting an overspend of £21.08m, "
        "the largest of any directorate, mainly on placements for looked after children and home to school transport.")
    doc.add_heading("2. Recommendations", level=2)
    doc.add_paragraph("2.1 Cabinet is asked to NOTE the forecast revenue position for 2025/26 at Quarter 2, AGREE the one-off "
        "use of £4.50m from the Children's Services Smoothing Reserve, and NOTE the position on the Dedicated Schools Grant.")
    doc.add_heading("3. Overall position", level=2)
    doc.add_paragraph("3.1 Table 1 summarises the forecast by directorate. Appendix A gives the detail by service.")
    doc.add_paragraph("Table 1: Forecast revenue outturn by directorate, 2025/26 Quarter 2 (£m)")
    t = doc.add_table(rows=1, cols=4); t.style = "Table Grid"
    for k, h in enumerate(["Directorate", "Net Budget £m", "Forecast £m", "Variance £m"]):
        t.rows[0].cells[k].text = h
    for name, code, _ in DIRS:
        g, i, n, f, v = TOT[code]
        c = t.add_row().cells; c[0].text = name; c[1].text = m(n); c[2].text = m(f); c[3].text = m(v)
    c = t.add_row().cells; c[0].text = "Total"; c[1].text = m(cn); c[2].text = m(cf); c[3].text = m(cv)
    for cell in t.rows[-1].cells:
        for r in cell.paragraphs[0].runs: r.bold = True
    doc.add_heading("4. Children, Young People and Education", level=2)
    doc.add_paragraph(f"4.1 The CYPE directorate is forecasting a pressure of £{y[4]:.2f}m on a net budget of £{y[2]:.2f}m. "
        f"Cabinet is asked to agree a planned one-off use of £{CYPE_RESERVE:.2f}m from the Children's Services Smoothing Reserve, "
        f"which would reduce the directorate's variance to £{y[4]-CYPE_RESERVE:.2f}m. This is one-off funding and does not address "
        f"the underlying pressure, which will need to be addressed in the 2026/27 budget.")
    doc.add_paragraph("4.2 Looked After Children - Placements and Support is forecasting an overspend of £14.47m. "
        "There were 1,148 looked after children at 30 September 2025 (excluding unaccompanied asylum-seeking children), "
        "compared with 1,085 assumed in the budget. The number of children in residential placements has risen to 142 and the "
        "average weekly cost of an external residential placement is now £6,850.")
    doc.add_paragraph("4.3 Home to School Transport is forecasting an overspend of £5.55m, reflecting a 9% increase in "
        "pupils with an Education, Health and Care Plan who are eligible for transport and the delay to the route "
        "optimisation saving.")
    doc.add_paragraph("4.4 Other children's social care lines show smaller pressures: Care Leavers £0.85m and Disabled Children "
        "£1.31m, partly offset by an underspend of £0.82m in Early Help and Family Hubs due to vacancies.")
    doc.add_heading("5. Dedicated Schools Grant", level=2)
    doc.add_paragraph(f"5.1 The High Needs Block of the Dedicated Schools Grant is forecasting an in-year overspend of £{DSG_INYEAR:.2f}m. "
        f"This would increase the cumulative DSG deficit from £{DSG_DEFICIT_2025:.2f}m at 31 March 2025 to "
        f"£{DSG_DEFICIT_2025+DSG_INYEAR:.2f}m at 31 March 2026. Because the DSG is ring-fenced, this overspend is not included in "
        "the CYPE variance above. Under the statutory override, which the Government has extended to 31 March 2028, the deficit "
        "is held in an unusable reserve and is not charged to the General Fund. If the override were to end without further "
        "funding, the deficit would exceed the Council's General Fund reserve.")
    doc.add_heading("6. Other directorates", level=2)
    a = TOT["ASCH"]; g = TOT["GET"]; e = TOT["CED"]; n_ = TOT["NAC"]
    doc.add_paragraph(f"6.1 Adult Social Care and Health is forecasting an overspend of £{a[4]:.2f}m, mainly on learning disability "
        f"and older people's services. Growth, Environment and Transport forecasts an overspend of £{g[4]:.2f}m. The Chief "
        f"Executive's Department forecasts an underspend of £{abs(e[4]):.2f}m and Non-Attributable Costs an underspend of "
        f"£{abs(n_[4]):.2f}m, including the release of the £6.00m corporate contingency.")
    doc.add_heading("7. Savings delivery", level=2)
    doc.add_paragraph("7.1 The 2025/26 budget includes savings of £22.85m. Of these, £7.55m are assessed as Low confidence or "
        "Undeliverable. In CYPE, savings of £7.30m are planned, of which £3.05m are assessed as Low confidence or Undeliverable. "
        "The savings plan is attached as Appendix B.")
    doc.add_heading("8. Reserves", level=2)
    doc.add_paragraph(f"8.1 The General Fund reserve was £{GF_RESERVE_2025:.2f}m at 31 March 2025. The Section 151 Officer's "
        f"assessment is that the minimum prudent level of general reserves is £{GF_MINIMUM:.2f}m. If the forecast overspend "
        f"after the use of the Children's Services Smoothing Reserve (£{cv-CYPE_RESERVE:.2f}m) were met from the General Fund "
        f"reserve, the balance would fall to £{GF_RESERVE_2025-(cv-CYPE_RESERVE):.2f}m at 31 March 2026.")
    doc.add_heading("9. Medium Term Financial Plan", level=2)
    rows, gap, cum = mtfp_rows()
    doc.add_paragraph(f"9.1 The updated MTFP shows a cumulative budget gap of £{cum[-1]:.2f}m by 2028/29, as summarised in Table 2. "
        f"Children's services pressures account for a large share of the spending pressures in each year.")
    doc.add_paragraph("Table 2: Medium Term Financial Plan summary 2026/27 to 2028/29 (£m)")
    t = doc.add_table(rows=1, cols=4); t.style = "Table Grid"
    for k, h in enumerate(["£m", "2026/27", "2027/28", "2028/29"]):
        t.rows[0].cells[k].text = h
    for lab, vals in rows:
        c = t.add_row().cells; c[0].text = lab
        for k in range(3): c[k + 1].text = vals[k]
    doc.add_heading("10. Contact", level=2)
    doc.add_paragraph("Head of Finance (Children's and Education), Marlowe County Council.")
    doc.save(path)

def main():
    from weasyprint import HTML
    HTML(string=appendix_html()).write_pdf(B + "Marlowe_Appendix_A_Q2_Revenue_Monitoring.pdf")
    HTML(string=savings_html()).write_pdf(B + "Marlowe_Savings_Plan_2025-26_Q2.pdf")
    write_docx(B + "Marlowe_Cabinet_Q2_Revenue_Monitoring_2025-26.docx")

if __name__ == "__main__" or "B" in globals():
    main()
