"""The pack's charts: each takes records (or a view of them) and returns SVG text, or '' for no data.

Every value label is a `Fig` from the review's records, so the SVG carries its ref (render.refs)."""

from __future__ import annotations

from collections.abc import Sequence

from analyse.records import (
    RAG_NAMES,
    Benchmark,
    Drivers,
    GapYear,
    RagGroup,
    SavingItem,
    YearTable,
    rating_name,
    rating_order,
)
from extract.records import BudgetLine
from render import fmt, views
from render.charts import Bar, Series, column_chart, hbar_chart, line_chart
from render.refs import SAID, Fig, Figures
from render.views import (
    ADULTS_SAVINGS_SERIES,
    EXTERNAL_SERIES,
    PRESSURES_SERIES,
    RING_FENCED_SERIES,
    SAVINGS_SERIES,
)

RAG_STYLES = {"red": "hatch", "amber": "dots", "green": "light", "blue": "solid", None: "outline"}
FINER_STYLE = "cross"  # a tracker's rating finer than its colour ("Dark Amber"): a fill of its own
MAX_BARS = 12
# A variance's fill, in the pack's and the deck's variance charts alike: an overspend is hatched.
VARIANCE_STYLES = {"Overspend": "hatch", "Underspend": "light"}
# The savings-by-rating chart's series, in the pack's and the deck's alike: the target outlined,
# the forecast solid.
RAG_SERIES_STYLES = {"Target": "outline", "Forecast": "solid"}


def by_variance(lines: Sequence[BudgetLine]) -> list[BudgetLine]:
    """The lines with a variance, largest overspend first (the pack's and the deck's variance charts)."""
    return sorted((b for b in lines if b.variance_gbp is not None), key=lambda b: -(b.variance_gbp or 0))


def variance_shown(lines: Sequence[BudgetLine]) -> list[BudgetLine]:
    """The service lines the variance chart draws a bar for: at most MAX_BARS, the largest by size
    either way (a large underspend is as much a question as an overspend), drawn largest overspend
    first."""
    known = by_variance(lines)
    kept = sorted(known, key=lambda b: -abs(b.variance_gbp or 0))[:MAX_BARS]
    return [b for b in known if any(b is k for k in kept)]


def variance_left_out(lines: Sequence[BudgetLine]) -> list[BudgetLine]:
    """The lines with a variance the chart has no room for (`variance_shown`), largest overspend first."""
    shown = variance_shown(lines)
    return [b for b in by_variance(lines) if not any(b is s for s in shown)]


def variance_left_out_words(lines: Sequence[BudgetLine]) -> str:
    """The chart's own words on the lines it leaves out ('' where it draws every one): how many it
    draws of how many, and each left out by name, so that no line goes unsaid. Their variances are
    in the caption beside it, each traced to its record: a figure in a chart's words is one of its
    drawn labels (tests.refs_check)."""
    left = variance_left_out(lines)
    if not left:
        return ""
    shown = len(variance_shown(lines))
    named = "; ".join(b.name for b in left)
    return f"{shown} of {shown + len(left)} lines, the largest variances either way; not shown: {named}."


def variance_doubt(lines: Sequence[BudgetLine], figs: Figures) -> str:
    """The chart's words on the bars it marks in doubt ('' where none is): a variance analysis holds
    in doubt (`ScopedBudgetLine.doubts`) says "in doubt" on its bar (`Fig.said_before`), and its
    line is named here with why. A total "as reported" (its lines the likelier error) is not marked."""
    marked = [
        b.name for b in variance_shown(lines) if figs.fig(b, "variance_gbp", "signed").said_before.doubt
    ]
    if not marked:
        return ""
    return (
        f"A bar marked “{SAID}” is drawn as printed, though its table's own arithmetic (or another"
        " statement of it in the documents) does not agree,"
        f" until a reviewer confirms or corrects it: {'; '.join(marked)}."
    )


def variance_chart(lines: Sequence[BudgetLine], figs: Figures) -> str:
    known = by_variance(lines)
    if not known:
        return ""
    bars = [
        Bar(
            b.name,
            b.variance_gbp or 0.0,
            # a variance its table's arithmetic contradicts is marked on its bar (the caption says why)
            figs.fig(b, "variance_gbp", "signed").said_before,
            VARIANCE_STYLES["Overspend" if (b.variance_gbp or 0) > 0 else "Underspend"],
        )
        for b in variance_shown(lines)
    ]
    over = [b.name for b in known if (b.variance_gbp or 0) > 0]
    desc = (
        f"Forecast variance against budget for {len(bars)} service lines; overspends (hatched) run right, "
        f"underspends (plain) left. Largest overspend: {over[0] if over else 'none'}."
        + (f" {doubt}" if (doubt := variance_doubt(lines, figs)) else "")
        + (f" {left}" if (left := variance_left_out_words(lines)) else "")
    )
    return hbar_chart(
        "Forecast variance by service line (£m)",
        desc,
        bars,
        legend=list(VARIANCE_STYLES.items()),
    )


def rag_chart(groups: list[RagGroup], figs: Figures) -> str:
    if not groups:
        return ""
    names = [g.name for g in groups]
    values = {"Target": [g.target for g in groups], "Forecast": [g.forecast for g in groups]}
    series = [
        Series(name, values[name], [figs.fig(g, name.lower(), "m") for g in groups], style)
        for name, style in RAG_SERIES_STYLES.items()
    ]
    desc = "Savings target and forecast delivery grouped by the tracker's RAG rating. " + "; ".join(
        f"{g.name}: target {fmt.money_m(g.target)}, forecast {fmt.money_m(g.forecast)}" for g in groups
    )
    return column_chart("Savings target and forecast by RAG rating (£m)", desc, names, series, height=210)


def rating_style(rag: str | None, name: str) -> str:
    """A rating's fill: its colour's (RAG_STYLES), or FINER_STYLE where the tracker's own rating is
    finer than its colour ("Dark Amber"), so that the two are told apart as the tracker tells them."""
    return RAG_STYLES[rag] if name == RAG_NAMES[rag] else FINER_STYLE


def at_risk_shown(lines: list[SavingItem]) -> list[SavingItem]:
    """The savings the at-risk chart draws a bar for: those with a shortfall, the largest first."""
    return [s for s in lines if s.at_risk_in_year_gbp > 0][:MAX_BARS]


# A bar under this is labelled to two places (£0.07m), as the savings table beside it prints it in
# £000 (70): to one place it would read £0.1m, a sum the table does not show.
TWO_PLACES_BELOW_GBP = 1_000_000


def bar_label(line: SavingItem, figs: Figures) -> Fig:
    """A saving's sum at risk as its bar is labelled: in £m, to two places under
    `TWO_PLACES_BELOW_GBP`, so the label agrees with the table's £000."""
    places = 2 if line.at_risk_in_year_gbp < TWO_PLACES_BELOW_GBP else None
    return figs.fig(line, "at_risk_in_year_gbp", "m", places=places)


def at_risk_chart(lines: list[SavingItem], figs: Figures) -> str:
    shown = at_risk_shown(lines)
    if not shown:
        return ""
    ratings = [(rag, rating_name(rag, s.rag_text)) for s in shown for rag in [s.rag.value if s.rag else None]]
    bars = [
        Bar(s.title, s.at_risk_in_year_gbp, bar_label(s, figs), rating_style(*rating))
        for s, rating in zip(shown, ratings, strict=True)
    ]
    desc = (
        f"Money at risk for the {len(bars)} savings with the most at risk, largest first: the shortfall"
        " against target, or the whole target where the tracker gives no forecast."
    )
    legend = [
        (name, rating_style(rag, name)) for rag, name in sorted(set(ratings), key=lambda r: rating_order(*r))
    ]
    return hbar_chart("Savings at risk: money at risk (£m)", desc, bars, legend=legend)


def mtfp_chart(pressures: YearTable, savings: YearTable, gaps: list[GapYear], figs: Figures) -> str:
    """General Fund (core) pressures, externally funded and ring-fenced pressures (each a bar of
    its own, where any line is), the savings planned and the stated gap, by year: a DSG line's
    change, or a grant's line, does not net down or swell the first, and a fall runs below the
    zero line. Each series has a fill of its own and a legend entry, as the deck's chart does."""
    years = pressures.years
    if not years:
        return ""
    gap_by_year = {g.period: g for g in gaps}

    def texts(values: list[float | None]) -> list[str | Fig]:
        return [figs.fig(values, i, "m") if v is not None else "" for i, v in enumerate(values)]

    plotted = [(PRESSURES_SERIES, pressures.general_fund)]
    if pressures.external:
        plotted.append((EXTERNAL_SERIES, pressures.external))
    if pressures.ring_fenced:
        plotted.append((RING_FENCED_SERIES, pressures.ring_fenced))
    plotted.append((SAVINGS_SERIES, savings.totals))
    if savings.adults:
        plotted.append((ADULTS_SAVINGS_SERIES, savings.adults))
    styles = views.PRESSURES_CHART_STYLES
    series = [Series(name, values, texts(values), styles[name]) for name, values in plotted]
    gap_texts = [figs.fig(gap_by_year[y], "amount_gbp", "m") if y in gap_by_year else "" for y in years]
    gap_values = [gap_by_year[y].amount_gbp if y in gap_by_year else None for y in years]
    series.append(Series(views.GAP_SERIES, gap_values, gap_texts, styles[views.GAP_SERIES]))
    desc = "By financial year: " + ", ".join(s.name.lower() for s in series) + ". "
    desc += "; ".join(
        f"{y}: " + ", ".join(f"{s.name.lower()} {s.texts[i] or fmt.NO_DATA}" for s in series)
        for i, y in enumerate(years)
    )
    return column_chart("Pressures, savings and budget gap by year (£m)", desc, years, series)


def benchmark_chart(b: Benchmark, figs: Figures, council: str) -> str:
    """The council's figure (`council` names it: render.stand_in.council_line) beside its
    neighbours', its region's and England's; the bars' labels are kept whole, as a council's
    name cut short would leave whose figure it is unsaid."""
    points = [
        (council, b, "value", "solid"),
        ("Neighbours (median)", b.statistical_neighbours, "median", "light"),
        ("Region (median)", b.region, "median", "dots"),
        ("England", b.england, "value", "outline"),
    ]
    unit = f"unit:{b.unit}"
    bars = [
        Bar(name, v, figs.fig(record, field, unit), style)
        for name, record, field, style in points
        if (v := getattr(record, field)) is not None
    ]
    if not bars:
        return ""
    desc = f"{b.label}, {b.period}: " + "; ".join(f"{x.label} {x.text}" for x in bars) + "."
    return hbar_chart(
        f"{b.label}, {b.period} ({fmt.unit_name(b.unit)})", desc, bars, width=340, whole_labels=True
    )


def trend_chart(b: Benchmark, figs: Figures, council: str) -> str:
    """The council's line (`council` names it: render.stand_in.council_line) with its neighbours'
    median and England's beside it, each year labelled in the desc."""
    if len(b.trend) < 2:
        return ""
    periods = [t.period for t in b.trend]
    lines = [
        (council, b.trend),
        ("Neighbours (median)", b.neighbours_trend),
        ("England", b.england_trend),
    ]
    series = []
    for name, points in lines:
        by_period = {t.period: t for t in points}
        held = [by_period.get(p) for p in periods]
        if any(t is not None for t in held):
            values = [t.value if t is not None else None for t in held]
            texts = [figs.fig(t, "value", f"unit:{b.unit}") if t is not None else "" for t in held]
            series.append(Series(name, values, texts))
    said = [  # the council's every year; the others' last year, as the chart labels them
        [(p, t) for p, v, t in zip(periods, s.values, s.texts, strict=True) if v is not None] for s in series
    ]
    desc = f"{b.label} over {periods[0]} to {periods[-1]}. " + " ".join(
        f"{s.name}: " + ", ".join(f"{p} {t}" for p, t in (points if k == 0 else points[-1:])) + "."
        for k, (s, points) in enumerate(zip(series, said, strict=True))
    )
    return line_chart(f"{b.label}: trend", desc, periods, series, width=330, height=150)


def drivers_chart(d: Drivers, figs: Figures, council: str) -> str:
    """The council's spend per child (`council` names whose it is: render.stand_in.council_line)
    against what the model expects for it."""
    if d.actual_value is None or d.expected_value is None:
        return ""
    actual, expected = figs.fig(d, "actual_value", "money"), figs.fig(d, "expected_value", "money")
    bars = [
        Bar(f"{council}: actual", d.actual_value, actual, "solid"),
        Bar(f"{council}: expected", d.expected_value, expected, "outline"),
    ]
    desc = (
        f"{council}: actual spend per child {actual} against {expected} "
        f"expected from the model, from factors outside the council's control."
    )
    return hbar_chart(
        "Spend per child: actual and expected from the model (£)", desc, bars, width=520, whole_labels=True
    )
