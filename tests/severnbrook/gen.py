# ruff: noqa
# mypy: ignore-errors
import weasyprint, docx, openpyxl
from docx.shared import Pt
# B (the folder written into, with a trailing slash) is given by make_bundle
def f(v):
    return f"({abs(v):,})" if v<0 else f"{v:,}"
# (name, budget, forecast, q2var)
dirs = {
 "Adult Social Care & Health": [
  ("Older People Residential & Nursing",31250400,32418900,900000),
  ("Home Care & Reablement",14820300,15260100,350000),
  ("Learning Disabilities",22410800,23190550,610000),
  ("Mental Health Services",6880200,6795400,-40000),
  ("Public Health (grant funded)",9412000,9412000,0),
  ("ASC Commissioning & Management",3950600,3802150,-120000)],
 "Children, Young People and Learning": None,
 "Place": [
  ("Waste Collection & Disposal",12640500,13020900,300000),
  ("Highways & Transport",7812300,7650100,-100000),
  ("Planning & Building Control",2104900,2356800,180000),
  ("Parking Services",-3420000,-3105600,250000),
  ("Leisure, Culture & Libraries",4310200,4188300,-80000),
  ("Regeneration & Economy",1890400,1802500,-50000)],
 "Resources": [
  ("Finance & Revenues",5120600,4998300,-90000),
  ("Legal & Democratic Services",3015800,3188400,120000),
  ("ICT & Digital",6204300,6350900,100000),
  ("HR & Organisational Development",2210700,2130400,-60000),
  ("Property & Facilities",4480100,4690200,150000)],
 "Corporate items": [
  ("Capital Financing & Treasury",9850000,8645700,-900000),
  ("Corporate Contingency",2500000,1000000,-1500000),
  ("Levies & Precepts",1410300,1410300,0),
  ("Pension Deficit Contributions",3200000,3150500,-40000)],
}
cs = [("Children Looked After – Placements",28450000,33112480,3980200),
  ("Leaving Care",3215400,3602150,310000),
  ("Disabled Children's Service",4880300,5105900,190400),
  ("Safeguarding & Quality Assurance",2760900,2688450,-50000),
  ("Fieldwork, Assessment & Family Support",9412700,9950320,480100)]
ed = [("Home to School Transport (incl. SEND Transport)",8905000,10411650,1250000),
  ("School Improvement",1340800,1136500,-150000),
  ("Educational Psychology & SEND Services",2110250,2098600,0),
  ("Early Years & Family Hubs",3675000,3520400,-120000),
  ("CYPL Directorate Management & Support",1502300,1470900,-25000)]
SLIP="Leaving Care"; SLIPVAL=368750  # true 386,750
rows=[]; tot=[0,0,0]; out={}
def line(n,b,fc,q2,cls=""):
    v=fc-b; pv = SLIPVAL if n==SLIP else v
    mv = pv-q2 if n==SLIP else v-q2
    return f"<tr class='{cls}'><td>{n}</td><td>{f(b)}</td><td>{f(fc)}</td><td>{f(pv)}</td><td>{f(q2)}</td><td>{f(mv)}</td></tr>"
def sub(n,ls,cls="sub"):
    b=sum(x[1] for x in ls); fc=sum(x[2] for x in ls); q=sum(x[3] for x in ls)
    return (b,fc,q), f"<tr class='{cls}'><td>{n}</td><td>{f(b)}</td><td>{f(fc)}</td><td>{f(fc-b)}</td><td>{f(q)}</td><td>{f(fc-b-q)}</td></tr>"
html_rows=[]
for d,ls in dirs.items():
    html_rows.append(f"<tr class='dir'><td colspan=6>{d}</td></tr>")
    if ls is None:
        html_rows.append("<tr class='grp'><td colspan=6>Children's Social Care</td></tr>")
        html_rows += [line(*x) for x in cs]
        _,s=sub("Total Children's Social Care",cs); html_rows.append(s)
        html_rows.append("<tr class='grp'><td colspan=6>Education &amp; Learning</td></tr>")
        html_rows += [line(*x) for x in ed]
        _,s=sub("Total Education & Learning",ed); html_rows.append(s)
        ls=cs+ed
    else:
        html_rows += [line(*x) for x in ls]
    t,s=sub(f"Total {d}",ls,"tot"); html_rows.append(s); out[d]=t
allr=[x for d,ls in dirs.items() if ls for x in ls]+cs+ed
T,s=sub("NET BUDGET REQUIREMENT (COUNCIL TOTAL)",allr,"grand"); html_rows.append(s)
for d,t in out.items(): print(d, t, t[1]-t[0])
print("TOTAL",T,T[1]-T[0])
cs_t=sum(x[2]-x[1] for x in cs); ed_t=sum(x[2]-x[1] for x in ed); print("cs",cs_t,"ed",ed_t)
# DSG
dsg=[("Schools Block",98412300,98412300,0),("Central School Services Block",1620400,1598200,-15000),
     ("Early Years Block",17305600,17050900,-180000),("High Needs Block",38940000,45255400,5700000)]
dsgrows=[f"<tr><td>{n}</td><td>{f(b)}</td><td>{f(fc)}</td><td>{f(fc-b)}</td><td>{f(q)}</td><td>{f(fc-b-q)}</td></tr>" for n,b,fc,q in dsg]
db=sum(x[1] for x in dsg); dfc=sum(x[2] for x in dsg); dq=sum(x[3] for x in dsg)
dsgrows.append(f"<tr class='tot'><td>Total DSG in-year</td><td>{f(db)}</td><td>{f(dfc)}</td><td>{f(dfc-db)}</td><td>{f(dq)}</td><td>{f(dfc-db-dq)}</td></tr>")
inyr=dfc-db; bf=14820000; cf=bf+inyr; print("DSG in-year",inyr,"cf",cf)
ccyp=out["Children, Young People and Learning"]; cv=ccyp[1]-ccyp[0]; tv=T[1]-T[0]
hdr="<thead><tr><th>Service</th><th>Revised Budget<br>£</th><th>Forecast Outturn<br>£</th><th>Forecast Variance<br>£</th><th>Variance at Q2<br>£</th><th>Movement<br>£</th></tr></thead>"
css="""
@page{size:A4;margin:2cm;@bottom-center{content:"Page " counter(page);font-size:8pt}}
@page land{size:A4 landscape;margin:1.5cm}
body{font-family:Arial,sans-serif;font-size:10.5pt;line-height:1.4}
h1{font-size:16pt} h2{font-size:12.5pt;margin-top:1.2em}
.app{page:land;break-before:page}
table{border-collapse:collapse;width:100%;font-size:8.5pt}
thead{display:table-header-group}
th{background:#1f4e79;color:white;padding:3px;text-align:right} th:first-child{text-align:left}
td{border-bottom:1px solid #ccc;padding:2px 4px;text-align:right} td:first-child{text-align:left}
tr.dir td{background:#dde7f0;font-weight:bold;text-align:left} tr.grp td{font-style:italic;text-align:left}
tr.sub td{font-weight:bold} tr.tot td{font-weight:bold;border-top:1px solid black}
tr.grand td{font-weight:bold;border-top:2px solid black;border-bottom:3px double black}
tr{break-inside:avoid}
"""
m=lambda v: f"£{abs(v)/1e6:.2f}m"
prose=f"""
<p><b>SEVERNBROOK BOROUGH COUNCIL</b><br>CABINET – 14 January 2026</p>
<h1>Revenue Budget Monitoring 2025/26 – Quarter 3 (Period 9)</h1>
<p>Report of: Director of Finance (Section 151 Officer)<br>Cabinet Member: Councillor J. Pemberton, Cabinet Member for Finance and Resources<br>Wards affected: All<br>Key decision: No</p>
<h2>1. Purpose of the report</h2>
<p>1.1 This report sets out the forecast revenue outturn position for 2025/26 as at the end of December 2025 (Period 9), the forecast position on the Dedicated Schools Grant (DSG), and progress on the delivery of savings approved as part of the 2025/26 budget.</p>
<h2>2. Recommendations</h2>
<p>2.1 Cabinet is recommended to: (a) note the forecast overspend of {m(tv)} on the General Fund revenue budget; (b) note the forecast in-year DSG deficit and the cumulative deficit on the DSG adjustment account; (c) endorse the recovery actions set out in section 6; and (d) note that any residual overspend at year end will be met from the General Fund balance.</p>
<h2>3. Executive summary</h2>
<p>3.1 The net revenue budget for 2025/26 is £{T[0]:,}. At Period 9 the council is forecasting outturn of £{T[1]:,}, an overspend of £{tv:,} ({tv/T[0]*100:.1f}% of net budget). This is an adverse movement of £{tv-T[2]:,} since Quarter 2.</p>
<p>3.2 The principal pressure continues to be Children, Young People and Learning, which is forecasting an overspend of £6.12m. The remaining pressure sits in Adult Social Care & Health, offset in part by underspends on corporate items, notably capital financing costs and the release of the corporate contingency.</p>
<h2>4. Directorate positions</h2>
<p>4.1 <b>Adult Social Care &amp; Health</b> is forecasting an overspend of {m(out['Adult Social Care & Health'][1]-out['Adult Social Care & Health'][0])}, driven by older people's residential and nursing placements and learning disability packages, where the number of supported people has grown by 4% since April.</p>
<p>4.2 <b>Children, Young People and Learning</b> (CYPL). The children looked after placements budget is forecast to overspend by £4.66m. The number of children looked after stood at 412 at the end of December (Q2: 398), and the number in external residential placements has risen from 31 to 36, at an average weekly cost of £6,250. Leaving care costs are forecast to exceed budget as more young people remain in staying put and supported accommodation arrangements. Home to school transport, predominantly SEND transport, is forecasting an overspend of £1.51m, reflecting a 12% rise in the number of pupils with EHCPs eligible for assisted travel. These are partly offset by underspends on school improvement and early years, where vacancies are being held.</p>
<p>4.3 <b>Place</b> is forecasting a small overspend, largely due to reduced parking income and planning fee shortfalls. <b>Resources</b> is forecasting a modest overspend on legal services locum costs.</p>
<p>4.4 <b>Corporate items</b> are forecasting an underspend of {m(out['Corporate items'][1]-out['Corporate items'][0])}, primarily from higher than budgeted investment income and the release of £1.5m of the corporate contingency.</p>
<h2>5. Dedicated Schools Grant</h2>
<p>5.1 The DSG is forecasting an in-year overspend of £{inyr:,}, almost entirely on the High Needs Block, where EHCP numbers have risen to 2,846 (January 2025: 2,530) and independent specialist placements continue to grow. Together with the deficit brought forward of £{bf:,}, the cumulative DSG deficit is forecast to be £{cf:,} at 31 March 2026. The statutory override has been extended to March 2028; the council is participating in the DfE Delivering Better Value programme.</p>
<h2>6. Savings delivery and recovery actions</h2>
<p>6.1 The 2025/26 budget included savings of £9.85m. Details are in the savings tracker (Appendix B, published separately). Recovery actions include a placement sufficiency programme, a review of all residential placements over £5,000 per week through the Placement Review Panel, and a spending controls panel for non-essential spend.</p>
<h2>7. Financial implications</h2>
<p>7.1 The General Fund balance stood at £12.4m on 1 April 2025. If the forecast overspend is not reduced, the balance would fall to approximately £{(12400000-tv)/1e6:.1f}m, below the minimum prudent level of £10m set out in the MTFP.</p>
<h2>8. Background papers</h2><p>Period 9 ledger reports; Savings tracker 2025/26.</p>
<div class="app"><h2>Appendix A – Revenue Budget Monitoring by Directorate, Period 9 2025/26</h2>
<p style="font-size:8pt">Figures in £ (whole pounds). Brackets denote an underspend / favourable variance.</p>
<p style="font-size:8pt">Notes to Appendix A:<br>1. Revised budget reflects virements approved to Period 9, including the transfer of £0.42m of Family Hubs grant from Corporate items to CYPL.<br>2. Forecast outturn is based on commitments recorded on the ledger and the placements system (Mosaic) at 31 December 2025.<br>3. Public Health is fully grant funded; any variance is transferred to the ring-fenced Public Health reserve.<br>4. Variance at Q2 is as reported to Cabinet on 15 October 2025.<br>5. Parking Services is a net income budget; a positive variance reflects an income shortfall.<br>6. DSG figures are shown separately below and are not included in the General Fund total.<br>7. Corporate items include the corporate contingency of £2.5m, of which £1.5m is forecast to be released.<br>8. Totals may not sum due to rounding.</p>
<div style="height:2.5cm"></div><table>{hdr}<tbody>{''.join(html_rows)}</tbody></table>
<h2>Appendix A (continued) – Dedicated Schools Grant, Period 9 2025/26</h2>
<table>{hdr.replace('Service','DSG Block')}<tbody>{''.join(dsgrows)}</tbody></table>
<table style="width:60%;margin-top:8px"><tbody>
<tr><td>DSG deficit brought forward 1 April 2025</td><td>{f(bf)}</td></tr>
<tr><td>In-year forecast deficit 2025/26</td><td>{f(inyr)}</td></tr>
<tr class='tot'><td>Forecast cumulative DSG deficit carried forward 31 March 2026</td><td>{f(cf)}</td></tr></tbody></table>
</div>
"""
weasyprint.HTML(string=f"<html><head><style>{css}</style></head><body>{prose}</body></html>").write_pdf(B+"Cabinet_14Jan2026_Q3_Revenue_Monitoring.pdf")
# savings
wb=openpyxl.Workbook(); ws=wb.active; ws.title="Savings Tracker 2025-26"
ws.append(["Severnbrook Borough Council – Savings Delivery Tracker 2025/26 (Period 9)"]); ws.append([])
ws.append(["Ref","Directorate","Saving description","2025/26 Target (£)","2025/26 Forecast Delivery (£)","RAG","2026/27 Target (£)","2027/28 Target (£)","Lead officer"])
sv=[("ASC01","Adult Social Care & Health","Reablement-first home care model",1200000,1200000,"B",600000,0,"AD Adults"),
("ASC02","Adult Social Care & Health","Learning disability supported living review",1500000,950000,"A",800000,400000,"AD Adults"),
("ASC03","Adult Social Care & Health","Direct payments recovery of surpluses",400000,400000,"G",0,0,"AD Adults"),
("CYP01","Children, Young People and Learning","Placement sufficiency – in-house residential homes",1250000,400000,"R",1100000,600000,"AD Children's Social Care"),
("CYP02","Children, Young People and Learning","Foster carer recruitment & retention",600000,450000,"A",500000,250000,"AD Children's Social Care"),
("CYP03","Children, Young People and Learning","SEND transport – independent travel training & route optimisation",800000,320000,"R",500000,0,"AD Education"),
("CYP04","Children, Young People and Learning","Family Hubs restructure",350000,350000,"B",0,0,"AD Early Help"),
("CYP05","Children, Young People and Learning","Agency social worker conversion",450000,380000,"G",200000,0,"AD Children's Social Care"),
("PL01","Place","Garden waste charge increase",500000,500000,"B",100000,0,"Director of Place"),
("PL02","Place","Parking tariff review",650000,300000,"R",200000,0,"Director of Place"),
("PL03","Place","Library service redesign",300000,250000,"A",150000,0,"Director of Place"),
("RES01","Resources","Digital customer contact",700000,700000,"G",300000,200000,"Director of Resources"),
("RES02","Resources","Office accommodation rationalisation",900000,650000,"A",400000,300000,"Director of Resources"),
("COR01","Corporate","Treasury management – MRP policy review",250000,250000,"B",0,0,"S151 Officer")]
for r in sv: ws.append(list(r))
n=len(sv); ws.append(["","TOTAL","",f"=SUM(D4:D{3+n})",f"=SUM(E4:E{3+n})","",f"=SUM(G4:G{3+n})",f"=SUM(H4:H{3+n})"])
ws.append([]); ws.append(["RAG key: B = delivered; G = on track; A = at risk; R = not deliverable in year"])
for c in "DEGH":
    for r in range(4,5+n): ws[f"{c}{r}"].number_format='#,##0'
wb.save(B+"Savings_Tracker_P9_2025-26.xlsx")
cy=[r for r in sv if r[0].startswith("CYP")]
print("sav total",sum(r[3] for r in sv),sum(r[4] for r in sv),"cyp",sum(r[3] for r in cy),sum(r[4] for r in cy), sum(r[5] for r in cy) if 0 else "", sum(r[6] for r in cy), sum(r[7] for r in cy))
# MTFP docx
d=docx.Document(); d.add_heading("Severnbrook Borough Council – Medium Term Financial Plan 2026/27 to 2028/29: Summary",1)
d.add_paragraph("Report to Council, February 2026. All figures £m unless stated.")
d.add_paragraph("The table below summarises the budget gap over the MTFP period after assumed council tax increases of 4.99% per year and the provisional local government finance settlement.")
t=d.add_table(rows=0,cols=4); t.style="Table Grid"
rr=[("£m","2026/27","2027/28","2028/29"),("Annual budget gap (before savings)","9.85","7.42","6.12"),
("Cumulative budget gap","9.85","17.27","23.39"),("Savings identified","(6.20)","(3.10)","(1.05)"),
("Remaining annual gap","3.65","4.32","5.07"),("Cumulative remaining gap","3.65","7.97","13.04")]
for r in rr:
    c=t.add_row().cells
    for i,v in enumerate(r): c[i].text=v
d.add_heading("Reserves",2)
d.add_paragraph("The General Fund balance is forecast to be £5.3m at 31 March 2026 after the forecast 2025/26 overspend (£12.4m at 1 April 2025). Earmarked reserves are forecast at £38.7m, of which £11.3m are ring-fenced or committed (including schools' balances and grant carry-forwards). The minimum prudent General Fund balance is £10m.")
d.add_heading("Children's services pressures",2)
d.add_paragraph("Children's social care demand remains the most significant risk. The MTFP includes growth of £5.4m in 2026/27 for children looked after placements and £1.6m for home to school transport, reflecting the 2025/26 overspends. A further £2.0m of growth is assumed in each of 2027/28 and 2028/29. The cumulative DSG deficit, forecast at £20.9m by March 2026, is held in an unusable reserve under the statutory override to March 2028; the council has no plan to fund it from the General Fund and is in discussion with the DfE.")
d.save(B+"MTFP_Summary_2026-29.docx")
