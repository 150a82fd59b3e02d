"""A third council bundle written by an independent tester who never read this project's code:
Ashdown Vale County Council (fictional), whose Education, Skills and SEND directorate sits beside
Children's Services. Its Month 7 financial performance report (PDF, £000, brackets for overspends),
its savings tracker (PDF) and a children's sufficiency and recovery plan (DOCX). TRUTH.md lists
every figure and the deliberate slips: the Children's Services appendix total misprints its
forecast by 1,000 (its lines and the page-1 summary row agree), and the plan states the overspend
as £11.3m. Kept as written: another author's idea of a council's documents, not ours."""

# ruff: noqa
# mypy: ignore-errors
from __future__ import annotations

from pathlib import Path

import weasyprint, docx


def make_bundle(out: Path) -> list[Path]:
    out.mkdir(parents=True, exist_ok=True)

    def f(x):
        return f"{x:,.1f}"

    def v(x):
        return f"{x:,.1f}" if x >= 0 else f"({-x:,.1f})"

    dirs = {
        "Adults and Health": [
            ("Older people residential and nursing care", 98450.2, 101230.6),
            ("Learning disabilities", 72310.5, 74880.1),
            ("Mental health", 18220.0, 18640.3),
            ("Physical disabilities", 21405.7, 21190.2),
            ("Public health (ring-fenced)", 31200.0, 31200.0),
            ("Commissioning and support", 6820.4, 6512.8),
        ],
        "Children's Services": [
            ("Looked after children - residential placements", 38412.5, 45930.2),
            ("Looked after children - fostering (IFA)", 14205.0, 16118.4),
            ("Looked after children - fostering (in-house)", 9870.3, 9402.1),
            ("Care leavers", 6540.8, 7012.6),
            ("Children with disabilities", 11230.4, 12004.9),
            ("Early help and family support", 8915.6, 8302.0),
            ("Safeguarding and social work teams", 24660.2, 25190.7),
            ("Management and support", 3410.1, 3355.9),
        ],
        "Education, Skills and SEND": [
            ("Home to school transport", 18900.0, 23412.7),
            ("SEND support services", 7450.3, 7980.1),
            ("Educational psychology", 2105.6, 2390.4),
            ("School improvement", 3200.0, 3050.2),
            ("Adult and community learning", 1100.0, 1020.5),
        ],
        "Growth and Environment": [
            ("Highways maintenance", 24310.8, 24990.4),
            ("Waste disposal", 36780.2, 35920.7),
            ("Planning and development", 4120.6, 3870.1),
            ("Libraries and culture", 7905.3, 7702.9),
            ("Trading standards and regulatory", 2410.0, 2388.6),
        ],
        "Corporate": [
            ("Finance and procurement", 8210.4, 7990.2),
            ("HR and organisational development", 4310.7, 4155.0),
            ("Legal and democratic services", 5620.1, 5902.8),
            ("ICT and digital", 14880.3, 14501.6),
            ("Capital financing and treasury", 28400.0, 25150.0),
            ("Corporate contingency", 5000.0, 2500.0),
        ],
    }
    SLIP_DIR = "Children's Services"
    SLIP = 1000.0
    tot = {}
    for d, ls in dirs.items():
        b = sum(x[1] for x in ls)
        p = sum(x[2] for x in ls)
        tot[d] = (round(b, 1), round(p, 1), round(b - p, 1))
    cb = sum(t[0] for t in tot.values())
    cp = sum(t[1] for t in tot.values())
    css = """<style>@page{size:A4 landscape;margin:18mm;@bottom-center{content:"Page " counter(page)}} body{font-family:sans-serif;font-size:10pt}
    table{border-collapse:collapse;width:100%}td,th{border:1px solid #999;padding:3px 6px}td.n,th.n{text-align:right}tr.t td{font-weight:bold;background:#eee}.pb{page-break-before:always}</style>"""
    h = (
        css
        + """<h1>Ashdown Vale County Council</h1><h2>Cabinet – 9 December 2025</h2><h2>Financial Performance Report 2025/26 – Month 7 (October 2025)</h2>
    <p>Report of the Executive Director of Resources (Section 151 Officer). This report sets out the projected revenue outturn for 2025/26 based on income and expenditure to the end of October 2025 (Month 7).</p>
    <p><b>Key to tables:</b> all figures are shown in £000. Favourable variances (underspends) are shown as positive, adverse variances (overspends) are shown as negative, in brackets.</p>
    <h3>1. Summary revenue position by directorate</h3><table><tr><th>Directorate</th><th class=n>Full Year Budget £000</th><th class=n>Projected Spend £000</th><th class=n>Variance Fav/(Adv) £000</th></tr>"""
    )
    for d, (b, p, va) in tot.items():
        h += f"<tr><td>{d}</td><td class=n>{f(b)}</td><td class=n>{f(p)}</td><td class=n>{v(va)}</td></tr>"
    h += f"<tr class=t><td>Total net revenue budget</td><td class=n>{f(cb)}</td><td class=n>{f(cp)}</td><td class=n>{v(cb - cp)}</td></tr></table>"
    h += f"""<p>The Council is projecting a net adverse variance of £{(cp - cb) / 1000:.1f}m against the approved budget of £{cb / 1000:.1f}m. The principal pressures are in Children's Services (looked after children placements, particularly residential care) and in Education, Skills and SEND (home to school transport). These are partly offset by favourable variances in Corporate (capital financing and release of contingency) and Growth and Environment.</p>
    <p>Any residual overspend at outturn will be met from the General Fund reserve, currently £28.5m, which would reduce below the minimum prudent level set by the S151 Officer.</p>"""
    for d, ls in dirs.items():
        h += f"<h3 class=pb>Appendix – {d}</h3><table><tr><th>Service</th><th class=n>Full Year Budget £000</th><th class=n>Projected Spend £000</th><th class=n>Variance Fav/(Adv) £000</th></tr>"
        for n, b, p in ls:
            h += f"<tr><td>{n}</td><td class=n>{f(b)}</td><td class=n>{f(p)}</td><td class=n>{v(b - p)}</td></tr>"
        b, p, va = tot[d]
        if d == SLIP_DIR:
            p2 = p - SLIP
            h += f"<tr class=t><td>{d} total</td><td class=n>{f(b)}</td><td class=n>{f(p2)}</td><td class=n>{v(b - p2)}</td></tr></table>"
        else:
            h += f"<tr class=t><td>{d} total</td><td class=n>{f(b)}</td><td class=n>{f(p)}</td><td class=n>{v(va)}</td></tr></table>"
        if d == "Children's Services":
            h += "<p>The adverse variance on residential placements reflects 14 more children in residential care than budgeted, at an average weekly cost of £6,850. Early help is favourable owing to vacancies.</p>"
        if d == "Education, Skills and SEND":
            h += "<p>Home to school transport pressure reflects a 17% increase in eligible SEND pupils. Dedicated Schools Grant (DSG) high needs spending is reported separately and is not included above.</p>"
    weasyprint.HTML(string=h).write_pdf(str(out) + "/" + "AVCC_Financial_Performance_Report_M7_2025-26.pdf")
    sav = [
        ("AH-01", "Adults and Health", "Reablement-first home care model", 2400.0, 2150.0, "On track"),
        ("AH-02", "Adults and Health", "Review of learning disability packages", 1800.0, 900.0, "At risk"),
        (
            "CS-01",
            "Children's Services",
            "Step-down from residential to foster care",
            2500.0,
            800.0,
            "At risk",
        ),
        ("CS-02", "Children's Services", "In-house fostering recruitment drive", 1200.0, 600.0, "At risk"),
        ("CS-03", "Children's Services", "Early help restructure", 750.0, 750.0, "Achieved"),
        (
            "CS-04",
            "Children's Services",
            "Regional commissioning of placements",
            1000.0,
            0.0,
            "Will not be delivered",
        ),
        ("CS-05", "Children's Services", "Care leavers accommodation pathway", 400.0, 400.0, "On track"),
        (
            "ES-01",
            "Education, Skills and SEND",
            "Home to school transport route optimisation",
            1500.0,
            300.0,
            "Will not be delivered",
        ),
        ("ES-02", "Education, Skills and SEND", "Independent travel training", 350.0, 200.0, "At risk"),
        ("GE-01", "Growth and Environment", "Waste contract renegotiation", 1100.0, 1100.0, "Achieved"),
        ("GE-02", "Growth and Environment", "Street lighting LED conversion", 600.0, 600.0, "On track"),
        ("CO-01", "Corporate", "Digital customer services", 900.0, 750.0, "On track"),
        ("CO-02", "Corporate", "Office accommodation rationalisation", 700.0, 700.0, "Achieved"),
    ]
    s = (
        css
        + "<h1>Ashdown Vale County Council</h1><h2>Savings Delivery Tracker 2025/26 – Month 7</h2><p>All figures £000. Appendix B to the Financial Performance Report.</p><table><tr><th>Ref</th><th>Directorate</th><th>Saving</th><th class=n>2025/26 Target £000</th><th class=n>Forecast Delivered £000</th><th class=n>Shortfall £000</th><th>Status</th></tr>"
    )
    for r, d, n, t, fd, st in sav:
        s += f"<tr><td>{r}</td><td>{d}</td><td>{n}</td><td class=n>{f(t)}</td><td class=n>{f(fd)}</td><td class=n>{f(t - fd)}</td><td>{st}</td></tr>"
    T = sum(x[3] for x in sav)
    FD = sum(x[4] for x in sav)
    s += f"<tr class=t><td></td><td>Total</td><td></td><td class=n>{f(T)}</td><td class=n>{f(FD)}</td><td class=n>{f(T - FD)}</td><td></td></tr></table>"
    weasyprint.HTML(string=s).write_pdf(str(out) + "/" + "AVCC_Savings_Tracker_M7_2025-26.pdf")
    cs = [x for x in sav if x[1] == "Children's Services"]
    d = docx.Document()
    d.add_heading("Ashdown Vale County Council", 0)
    d.add_heading("Children's Services Sufficiency and Financial Recovery Plan 2025–2028", 1)
    d.add_paragraph(
        "Report to Children and Young People Scrutiny Committee, November 2025. Lead officer: Director of Children's Services."
    )
    d.add_heading("1. Where we are", 2)
    d.add_paragraph(
        "At the end of October 2025 Ashdown Vale was looking after 742 children, against a plan of 690 for this point in the year and 655 at 31 March 2025. Our rate of children looked after is 78 per 10,000 children, above the statistical neighbour average of 64."
    )
    d.add_paragraph(
        "Residential placements remain the main cost driver. There are 61 children in residential care against a budgeted 47. The average weekly unit cost of an external residential placement is £6,850, compared with £5,900 assumed in the budget, and 9 placements cost more than £12,000 a week."
    )
    d.add_paragraph(
        "At Month 7 the Children's Services directorate is forecasting an overspend of £11.3m against its net budget of £117.2m, driven mainly by residential placements (£7.5m) and independent fostering (£1.9m)."
    )
    d.add_heading("2. Recovery actions and planned savings", 2)
    d.add_paragraph(
        "The plan sets out savings of £5.85m in 2025/26 rising to £9.2m by 2027/28, through stepping children down from residential to fostering, recruiting 40 additional in-house foster carers, regional commissioning and an early help restructure. We now expect to deliver £2.55m of the 2025/26 savings."
    )
    d.add_heading("3. Dedicated Schools Grant – High Needs Block", 2)
    d.add_paragraph(
        "The Council holds a cumulative DSG deficit, arising wholly in the High Needs Block, of £38.6m at 31 March 2025. The in-year high needs deficit for 2025/26 is forecast at £14.2m, which would bring the cumulative deficit to £52.8m at 31 March 2026. Under the statutory override (the DSG accounting override in the Local Authorities (Capital Finance and Accounting) (England) Regulations), extended by government to 31 March 2028, this deficit is held in an unusable reserve and does not fall on the General Fund. Without the override, the cumulative deficit would exceed the Council's General Fund reserve of £28.5m. The Council is in the Delivering Better Value programme."
    )
    d.save(str(out) + "/" + "AVCC_Childrens_Sufficiency_and_Recovery_Plan.docx")

    return sorted(out.iterdir())
