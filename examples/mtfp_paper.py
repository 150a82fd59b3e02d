"""The Medium Term Financial Plan 2025-28: prose, a long pressures-and-savings table, a gap table."""

from __future__ import annotations

from examples import html_paper as h
from examples import wyvern_figures as w

DIRECTORATES = (w.CYPE, w.ASCH, w.GET, w.CED)


def _block(title: str, groups: list[tuple[str, list[w.Line]]], grand: str) -> tuple[list[str], tuple]:
    """Rows for one part of the table: category headings, lines, category totals, a grand total."""
    rows = [h.heading_row(title, 3)]
    subtotals = []
    for name, lines in groups:
        if not lines:
            continue
        rows.append(h.heading_row(name, 3))
        rows += [h.row(line.label, line.amounts) for line in lines]
        subtotal = w.year_totals(lines)
        subtotals.append(w.Line(name, subtotal))
        rows.append(h.row(f"Total {name}", subtotal, "sub"))
    grand_total = w.year_totals(subtotals)
    rows.append(h.row(grand, grand_total, "total"))
    return rows, grand_total


def _pressures_and_savings() -> str:
    pressure_rows, pressures = _block(
        "SPENDING PRESSURES", list(w.PRESSURES.items()), "TOTAL SPENDING PRESSURES"
    )
    saving_groups = [(d, w.savings_lines(d)) for d in DIRECTORATES]
    saving_rows, savings = _block("SAVINGS", saving_groups, "TOTAL SAVINGS")
    funding_rows, funding = _block(
        "FUNDING AND RESERVES",
        [("Funding changes", w.FUNDING), ("Reserves", [w.RESERVES])],
        "TOTAL FUNDING AND RESERVES",
    )
    gap = tuple(p + s + f for p, s, f in zip(pressures, savings, funding, strict=True))
    rows = pressure_rows + saving_rows + funding_rows
    rows.append(h.row("BUDGET GAP – SAVINGS STILL TO BE FOUND", gap, "total"))
    return h.table(
        "Table 2: Spending pressures, savings and funding 2025-26 to 2027-28",
        [f"{y} £000" for y in w.YEARS],
        rows,
    )


def _gap_summary() -> str:
    pressures = w.year_totals([x for lines in w.PRESSURES.values() for x in lines])
    savings = w.year_totals([x for d in DIRECTORATES for x in w.savings_lines(d)])
    funding = w.year_totals(w.FUNDING)
    gap = w.budget_gap()
    cumulative = tuple(sum(gap[: i + 1]) for i in range(3))
    rows = [
        h.row("Spending pressures", pressures),
        h.row("Savings identified", savings),
        h.row("Funding changes", funding),
        h.row("One-off use of reserves", w.RESERVES.amounts),
        h.row("Budget gap – savings still to be found", gap, "total"),
        h.row("Cumulative budget gap", cumulative),
    ]
    return h.table("Table 3: Budget gap by year", [f"{y} £000" for y in w.YEARS], rows)


def _introduction() -> str:
    gap = w.budget_gap()
    return (
        "<h1>Medium Term Financial Plan 2025-26 to 2027-28</h1>"
        + h.meta_block(
            [
                ("Report to", "County Council, 20 February 2025"),
                ("By", "Corporate Director of Finance (Section 151 Officer)"),
                ("Classification", "Unrestricted"),
            ]
        )
        + "<h2>1. Summary</h2>"
        + h.paragraphs(
            "This plan sets out the revenue budget for 2025-26 and the medium term financial outlook "
            "to 2027-28. The 2025-26 budget is balanced, but only after a one-off use of reserves of "
            f"£{-w.RESERVES.amounts[0] / 1000:.1f}m which must be replaced by recurring savings in 2026-27.",
            f"The Council faces a budget gap of £{gap[1] / 1000:.1f}m in 2026-27 and a further "
            f"£{gap[2] / 1000:.1f}m in 2027-28, savings still to be found of £{sum(gap) / 1000:.1f}m over "
            "the period. Children's services remain the largest source of risk: placement costs for "
            "looked after children and SEND home to school transport account for most of the growth.",
            "All figures in the tables of this plan are in £000. Spending pressures are shown as "
            "positive figures; savings, additional funding and use of reserves reduce the budget and are "
            "shown in brackets.",
        )
    )


def _context() -> str:
    cype = w.year_totals(w.PRESSURES[w.CYPE])
    return "<h2>2. Children, Young People and Education</h2>" + h.paragraphs(
        f"Pressures of £{cype[0] / 1000:.1f}m are provided for Children, Young People and Education in "
        f"2025-26. The number of children looked after has risen to {w.CLA_COUNT:,} "
        f"({w.CLA_RATE_PER_10K} per 10,000 children), and {w.RESIDENTIAL_CHILDREN} children are placed in "
        "residential care at an average weekly cost of £6,850.",
        "The directorate's savings depend on reducing demand: fewer children in residential care, "
        "stepping children down from residential to foster care, and recruiting in-house foster carers. "
        "£1.5m of the directorate's 2025-26 savings are not yet identified, and the SEND transport "
        "route optimisation saving has slipped from 2024-25.",
        "Savings are monitored monthly through the corporate savings tracker and reported to Cabinet "
        "quarterly with a RAG rating for each saving.",
    )


def mtfp_html() -> str:
    body = (
        _introduction()
        + _context()
        + "<h2>3. Spending pressures and savings</h2>"
        + h.paragraphs(
            "Table 2 sets out the spending pressures, savings and funding changes by directorate "
            "for each year of the plan. Table 3 summarises the budget gap."
        )
        + _pressures_and_savings()
        + "<h2>4. Budget gap</h2>"
        + _gap_summary()
        + h.paragraphs(
            "The Section 151 Officer's assessment is that the 2025-26 budget is robust, but that "
            "the plan for 2026-27 onwards is not yet sustainable without further savings."
        )
    )
    return h.document("Medium Term Financial Plan 2025-28", body)
