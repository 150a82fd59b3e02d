"""The children's services strategic plan and the Cabinet minutes (the latter is later truncated)."""

from __future__ import annotations

from examples import html_paper as h
from examples import wyvern_figures as w


def _priorities() -> str:
    per_child = w.MONITORING_BUDGET_CYPE * 1000 / w.POPULATION_0_17
    return "<h2>2. Where we are now</h2>" + h.paragraphs(
        f"At 30 September 2025 {w.CLA_COUNT:,} children were looked after by the Council, a rate of "
        f"{w.CLA_RATE_PER_10K} per 10,000 children against 58 for our statistical neighbours and 70 "
        f"for England. {w.RESIDENTIAL_CHILDREN} children live in residential care, 4.5% of all children "
        "looked after.",
        f"{w.IN_HOUSE_FOSTERING_SHARE}% of fostered children live with our own foster carers; the rest "
        f"are placed through independent agencies. Agency staff fill {w.AGENCY_SOCIAL_WORKER_SHARE}% "
        "of social worker posts.",
        f"Our net budget for children's services in 2025-26 is £{w.MONITORING_BUDGET_CYPE / 1000:.1f}m, "
        f"£{per_child:,.0f} per child aged 0 to 17. Re-referrals to children's social care within "
        "12 months were 23% in 2024-25.",
    )


def _targets() -> str:
    items = [
        "Safely reduce the number of children looked after to 1,150 by March 2028.",
        "Reduce the number of children in residential care from 58 to 45 by March 2027, stepping "
        "children down to family settings where that is right for them.",
        "Increase the share of fostered children living with in-house carers from 61% to 70%.",
        "Reduce agency social workers from 24% to 12% of the workforce by March 2027.",
        "Keep re-referrals within 12 months below 20%.",
    ]
    lis = "".join(f"<li>{x}</li>" for x in items)
    return f"<h2>3. Our priorities for 2025-2028</h2><ol>{lis}</ol>"


def strategic_plan_html() -> str:
    body = (
        "<h1>Children and Young People's Strategic Plan 2025-2028</h1>"
        + h.meta_block(
            [("Approved by", "Cabinet, 16 October 2025"), ("Owner", "Director of Children's Services")]
        )
        + "<h2>1. Our ambition</h2>"
        + h.paragraphs(
            "We want every child in Wyvern to grow up safe, healthy and in a loving family. This plan "
            "sets out how we will get there while bringing children's services spending back within "
            "budget.",
        )
        + _priorities()
        + _targets()
        + "<h2>4. Money</h2>"
        + h.paragraphs(
            "Delivering these priorities underpins £6.2m of savings in 2025-26 in the Medium Term "
            "Financial Plan, much of which depends on reducing demand for high-cost placements.",
        )
    )
    return h.document("Children and Young People's Strategic Plan 2025-2028", body)


def _minute(number: int, title: str, *texts: str) -> str:
    return f"<h2>{number}. {title}</h2>" + h.paragraphs(*texts)


def cabinet_minutes_html() -> str:
    minutes = [
        _minute(41, "Apologies", "Apologies were received from Councillor Marsh."),
        _minute(42, "Declarations of interest", "There were no declarations of interest."),
        _minute(
            43,
            "Revenue budget monitoring 2025-26: Quarter 1",
            "The Corporate Director of Finance introduced the report, which forecast an overspend of "
            "£10.9m, of which £10.1m was in Children, Young People and Education.",
            "Members asked about the rising cost of residential placements and the delivery of the "
            "step-down programme. The Director of Children's Services said nine children had moved "
            "from residential to foster care since April.",
            "RESOLVED that the forecast position be noted and recovery plans be brought to the "
            "November meeting.",
        ),
        _minute(
            44,
            "Home to school transport policy",
            "Cabinet considered the outcome of consultation on the post-16 transport policy. "
            "RESOLVED that the revised policy be adopted from September 2026.",
        ),
    ]
    filler = _minute(
        45,
        "Exclusion of the press and public",
        *(
            "RESOLVED that under section 100A of the Local Government Act 1972 the press and public be "
            "excluded for the following item on the grounds that it involves the likely disclosure of "
            "exempt information."
            for _ in range(8)
        ),
    )
    body = (
        "<h1>Cabinet – Minutes</h1>"
        + h.meta_block([("Date", "Thursday 11 September 2025"), ("Place", "Council Chamber, County Hall")])
        + "".join(minutes)
        + filler
    )
    return h.document("Cabinet minutes 11 September 2025", body)
