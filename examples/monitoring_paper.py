"""Revenue budget monitoring, Quarter 2 2025-26: prose with figures and a table by service line."""

from __future__ import annotations

from examples import html_paper as h
from examples import wyvern_figures as w


def _monitoring_rows() -> tuple[list[str], w.ServiceLine]:
    rows: list[str] = []
    budget = forecast = 0
    for directorate, lines in w.MONITORING.items():
        rows.append(h.heading_row(directorate, 3))
        rows += [h.row(x.label, (x.budget, x.forecast, x.variance)) for x in lines]
        sub = w.stated_subtotal(directorate)
        rows.append(h.row(sub.label, (sub.budget, sub.forecast, sub.variance), "sub"))
        budget, forecast = budget + sub.budget, forecast + sub.forecast
    total = w.ServiceLine("COUNCIL TOTAL", budget, forecast)
    rows.append(h.row(total.label, (total.budget, total.forecast, total.variance), "total"))
    return rows, total


def _table() -> tuple[str, w.ServiceLine]:
    rows, total = _monitoring_rows()
    html = (
        h.table(
            "Table 1: Revenue forecast outturn by directorate and service line, Quarter 2 2025-26",
            ["Budget £000", "Forecast Outturn £000", "Variance £000"],
            rows,
        )
        + '<p class="note">Variance: a positive figure is a forecast overspend; an underspend is shown in brackets.</p>'
    )
    return html, total


def _summary(total: w.ServiceLine) -> str:
    cype = w.stated_subtotal(w.CYPE)
    return "<h2>1. Summary</h2>" + h.paragraphs(
        "This report sets out the forecast revenue outturn for 2025-26 as at the end of September 2025 "
        "(Quarter 2).",
        f"The Council is forecasting an overspend of £{total.variance / 1000:.1f}m against a net "
        f"revenue budget of £{total.budget / 1000:.1f}m. Children, Young People and Education accounts "
        f"for almost all of it, with a forecast overspend of £{cype.variance / 1000:.1f}m "
        f"({cype.variance / cype.budget:.1%} of the directorate's budget).",
        "Corporate Directors have been asked to bring forward recovery plans, and a spending "
        "control panel now reviews all non-essential spend over £10,000.",
    )


def _childrens_services() -> str:
    residential = w.MONITORING[w.CYPE][0]
    return "<h2>3. Children, Young People and Education</h2>" + h.paragraphs(
        f"Residential placements are forecast to overspend by £{residential.variance / 1000:.1f}m. "
        f"There were {w.RESIDENTIAL_CHILDREN} children in residential care at 30 September 2025 against "
        "a budgeted 50, at an average weekly cost of £6,850, up from £6,200 a year ago.",
        "Independent fostering agency placements are forecast to overspend by £1.9m. The average "
        "weekly cost of an agency placement is £1,050, compared with £435 per child for an in-house "
        f"foster placement; {w.IN_HOUSE_FOSTERING_SHARE}% of fostered children are with in-house carers.",
        "SEND home to school transport is forecast to overspend by £3.1m: 5,640 pupils now receive "
        "transport, 9% more than a year ago, and the average annual cost per pupil has risen to £7,850.",
        f"Agency social workers make up {w.AGENCY_SOCIAL_WORKER_SHARE}% of the social work workforce; "
        "the premium over permanent staff drives the £2.4m overspend on social work teams.",
        # Cited, and not in the bundle: the pack lists both as documents the papers cite.
        "Placement sufficiency is rated red on the corporate risk register. The actions to recover "
        "the placements position are set out in the Placement Sufficiency Strategy and in the recovery "
        "plan at Appendix C.",
    )


def _savings() -> str:
    target = sum(s.target for s in w.SAVINGS)
    forecast = sum(s.forecast for s in w.SAVINGS)
    return "<h2>4. Savings delivery</h2>" + h.paragraphs(
        f"Of the £{target / 1000:.1f}m savings in the 2025-26 budget, £{forecast / 1000:.1f}m "
        f"({forecast / target:.0%}) is forecast to be delivered. The shortfall of "
        f"£{(target - forecast) / 1000:.1f}m is included in the forecast above. The savings tracker "
        "is attached as a separate appendix.",
    )


def _dsg() -> str:
    deficit = w.DSG_DEFICIT_BROUGHT_FORWARD + w.DSG_HIGH_NEEDS_OVERSPEND
    return "<h2>5. Dedicated Schools Grant</h2>" + h.paragraphs(
        f"The High Needs block is forecast to overspend by £{w.DSG_HIGH_NEEDS_OVERSPEND / 1000:.1f}m "
        "in 2025-26, driven by the number of children with education, health and care plans in "
        "independent special schools.",
        f"This would take the cumulative DSG deficit to £{deficit / 1000:.1f}m at 31 March 2026. "
        "The deficit is held in an unusable reserve under the statutory override, which runs to "
        f"{w.DSG_STATUTORY_OVERRIDE_END}; after that date it would fall on the Council's general fund.",
        "The Council is in the Department for Education's Delivering Better Value programme; its "
        "deficit management plan is behind schedule, and the DfE has not offered a Safety Valve "
        "agreement.",
    )


def _reserves() -> str:
    return "<h2>6. Reserves</h2>" + h.paragraphs(
        f"The general fund balance stood at £{w.GENERAL_FUND_BALANCE / 1000:.1f}m at 31 March 2025, "
        f"and earmarked reserves at £{w.EARMARKED_RESERVES / 1000:.1f}m. The budget for 2025-26 "
        "already plans a drawdown of £8.2m from reserves.",
    )


def monitoring_html() -> str:
    table, total = _table()
    body = (
        "<h1>Revenue Budget Monitoring 2025-26: Quarter 2</h1>"
        + h.meta_block(
            [
                ("Report to", "Cabinet, 6 November 2025"),
                ("By", "Corporate Director of Finance"),
                ("Classification", "Unrestricted"),
            ]
        )
        + _summary(total)
        + "<h2>2. Forecast by directorate</h2>"
        + table
        + _childrens_services()
        + _savings()
        + _dsg()
        + _reserves()
    )
    return h.document("Revenue Budget Monitoring Q2 2025-26", body)
