"""The feedback deck (python-pptx): the slides the review team presents at the feedback meeting.

Charts are native PowerPoint charts with their data inside (editable), tables are real tables, and
each slide's speaker notes list the sources of its figures.
"""

from __future__ import annotations

import io
from collections.abc import Callable

from pptx.enum.chart import XL_CHART_TYPE
from pptx.presentation import Presentation as PresentationType
from pptx.slide import Slide
from pptx.util import Inches

from analyse.records import Review, SavingItem
from extract.records import Extraction
from render import fmt, views
from render.findings import benchmark_gap, headline_findings
from render.slides import (
    BODY_TOP,
    BODY_W,
    HEIGHT,
    MARGIN,
    MUTED,
    NAVY,
    chart,
    content_slide,
    headline,
    message,
    new_deck,
    notes,
    table,
    text_box,
)
from render.sources import SourceIndex

MAX_ROWS = 8


def title_slide(deck: PresentationType, review: Review, extraction: Extraction, sources: SourceIndex) -> None:
    slide = deck.slides.add_slide(deck.slide_layouts[6])
    council = review.council.name or "Council not identified"
    period = views.review_period(review)
    text_box(slide, MARGIN, Inches(2.2), BODY_W, Inches(1.2), council, size=40, bold=True, color=NAVY)
    text_box(
        slide,
        MARGIN,
        Inches(3.4),
        BODY_W,
        Inches(0.8),
        "Children's services finance review: feedback" + (f", {period}" if period else ""),
        size=22,
        color=MUTED,
    )
    docs = review.documents or extraction.documents
    text_box(
        slide,
        MARGIN,
        Inches(5.6),
        BODY_W,
        Inches(0.8),
        f"Drawn from {len(docs)} documents supplied by the council and national benchmark data.",
        size=13,
        color=MUTED,
    )
    notes(slide, sources, review.council.identified_from, "Council identified from:")


def findings_slide(
    deck: PresentationType, review: Review, extraction: Extraction, sources: SourceIndex
) -> None:
    slide = content_slide(deck, "Headline findings", len(deck.slides) + 1)
    found = headline_findings(review)
    if not found:
        text_box(
            slide,
            MARGIN,
            BODY_TOP,
            BODY_W,
            Inches(1),
            "The documents received gave no figures to report.",
            size=18,
        )
    col_w, row_h = (BODY_W - Inches(0.4)) // 2, Inches(1.75)
    for i, f in enumerate(found):
        left = MARGIN + (i % 2) * (col_w + Inches(0.4))
        top = BODY_TOP + (i // 2) * row_h
        text_box(slide, left, top, Inches(1.9), Inches(0.8), f.figure, size=26, bold=True, color=NAVY)
        text_box(
            slide, left + Inches(2.0), top, col_w - Inches(2.0), Inches(0.4), f.title, size=14, bold=True
        )
        text_box(
            slide, left + Inches(2.0), top + Inches(0.68), col_w - Inches(2.0), Inches(1.0), f.detail, size=11
        )
    notes(
        slide,
        sources,
        [p for f in found for p in f.provenance],
        "Each finding is read from the review's records.",
    )


def budget_slide(
    deck: PresentationType, review: Review, extraction: Extraction, sources: SourceIndex
) -> None:
    slide = content_slide(deck, "Budget position", len(deck.slides) + 1)
    lines = [b for b in review.selection.service_lines if b.variance_gbp is not None][:MAX_ROWS]
    cs = review.position.children_services
    provs = list(cs.provenance) + [p for b in lines for p in b.provenance]
    if cs.variance_gbp is not None and cs.forecast_gbp is None:
        over = "overspend" if cs.variance_gbp > 0 else "underspend"
        headline(
            slide,
            f"A forecast {over} of {fmt.money_m(abs(cs.variance_gbp))} is stated for children's services.",
        )
    elif cs.variance_gbp is not None:
        mark = views.verification_words(cs.verification)
        headline(
            slide,
            f"{review.position.period or ''} forecast {fmt.money_m(cs.forecast_gbp)} against a budget of {fmt.money_m(cs.budget_gbp)}: a variance of {fmt.signed_m(cs.variance_gbp)}"
            + (f" ({mark})." if mark else "."),
        )
    elif review.position.children_services_missing:
        headline(slide, review.position.children_services_missing)
    if not lines:
        message(slide, "No service-line budget monitoring was found.", BODY_TOP + Inches(0.8))
    else:
        rows = [["Service line", "Budget £000", "Forecast £000", "Variance £000"]]
        rows += [
            [
                f"{b.name} ({views.scope_name(b.scope)})",
                fmt.money_k(b.budget_gbp),
                fmt.money_k(b.forecast_gbp),
                fmt.money_k(b.variance_gbp),
            ]
            for b in lines
        ]
        table(slide, rows, MARGIN, BODY_TOP + Inches(0.7), Inches(6.3), numeric=(1, 2, 3), size=10)
        chart(
            slide,
            XL_CHART_TYPE.BAR_CLUSTERED,
            [b.name for b in lines],
            [("Variance", [round((b.variance_gbp or 0) / 1e6, 1) for b in lines])],
            (MARGIN + Inches(6.5), BODY_TOP + Inches(0.6), Inches(5.6), Inches(5.0)),
            "Forecast variance (£m)",
        )
    notes(slide, sources, provs, "Positive variance is an overspend.")


def savings_slide(
    deck: PresentationType, review: Review, extraction: Extraction, sources: SourceIndex
) -> None:
    slide = content_slide(deck, "Savings at risk", len(deck.slides) + 1)
    items = review.selection.savings
    if not items:
        message(slide, "No savings plan or tracker lines were found.")
        notes(slide, sources, [])
        return
    headline(slide, savings_headline(review))
    risky = review.selection.at_risk[:MAX_ROWS]
    shown = risky or sorted(items, key=lambda x: -(x.target_in_year_gbp or 0))[:MAX_ROWS]
    table(
        slide,
        savings_rows(shown, bool(risky)),
        MARGIN,
        BODY_TOP + Inches(1.0),
        Inches(6.6),
        numeric=(1, 2, 3) if risky else (2,),
        size=10,
    )
    savings_chart(slide, review)
    notes(slide, sources, [p for x in shown for p in x.provenance])


def savings_rows(shown: list[SavingItem], at_risk: bool) -> list[list[str]]:
    """At-risk lines with the money at risk (their shortfall), or (nothing at risk) the largest
    savings with their year."""
    if at_risk:
        rows = [["Saving at risk", "Target £000", "Forecast £000", "At risk £000"]]
        amounts = [(x.target_in_year_gbp, x.forecast_gbp, x.at_risk_in_year_gbp) for x in shown]
        return rows + [[x.title, *(fmt.money_k(v) for v in a)] for x, a in zip(shown, amounts, strict=True)]
    rows = [["Largest savings", "Year", "Amount £000"]]
    return rows + [[x.title, x.year or "", fmt.money_k(x.target_in_year_gbp)] for x in shown]


def savings_headline(review: Review) -> str:
    s = review.savings_summary
    if s.at_risk_gbp:
        forecast = f"; {fmt.money_m(s.forecast_gbp)} forecast" if s.forecast_gbp is not None else ""
        return f"{fmt.money_m(s.at_risk_gbp)} at risk of a {fmt.money_m(s.target_gbp)} target: the shortfall on {s.at_risk_count} of {s.lines} savings{forecast}."
    if not s.target_gbp:
        return "No savings target could be totalled from the documents."
    unidentified = (
        f", {fmt.money_m(s.unidentified_in_year_gbp)} of it not yet identified"
        if s.unidentified_in_year_gbp
        else ""
    )
    return f"{fmt.money_m(s.target_gbp)} of savings planned for {s.period or 'the year'} ({s.lines} lines){unidentified}; none judged at risk on the evidence."


def savings_chart(slide: Slide, review: Review) -> None:
    """Target and forecast by RAG where a tracker rates the savings, else the plan's savings by year."""
    box = (MARGIN + Inches(6.8), BODY_TOP + Inches(0.9), Inches(5.3), Inches(4.8))
    groups = review.selection.rag_groups
    if groups:
        series = [("Target", [_m(g.target) for g in groups]), ("Forecast", [_m(g.forecast) for g in groups])]
        chart(
            slide,
            XL_CHART_TYPE.COLUMN_CLUSTERED,
            [g.name for g in groups],
            series,
            box,
            "Target and forecast by RAG (£m)",
        )
        return
    years = review.selection.plan_years
    planned = review.selection.planned
    if years and len(planned.totals) == len(years):
        series = [("Savings planned", [_m(v) for v in planned.totals])]
        chart(slide, XL_CHART_TYPE.COLUMN_CLUSTERED, years, series, box, "Savings planned by year (£m)")


def _m(gbp: float | None) -> float | None:
    return None if gbp is None else round(gbp / 1e6, 1)


def mtfp_slide(deck: PresentationType, review: Review, extraction: Extraction, sources: SourceIndex) -> None:
    chosen = review.selection
    gaps = chosen.gaps
    if not gaps and not chosen.has_pressures:
        return
    slide = content_slide(deck, "Pressures and the medium-term gap", len(deck.slides) + 1)
    years, pressures, planned = chosen.years, chosen.pressures, chosen.planned
    gap_by_year = {g.period: g.amount_gbp for g in gaps}
    if not years:  # a gap stated with no year (minutes often give one) has nothing to chart by year
        stated = "; ".join(f"{fmt.money_m(g.amount_gbp)} ({g.period or 'year not stated'})" for g in gaps)
        message(slide, f"Budget gap as the documents state it: {stated}.", BODY_TOP + Inches(0.8))
    else:
        _mtfp_chart(slide, years, pressures.totals, planned.totals, gap_by_year)
    provs = [p for row in pressures.rows for p in row.provenance] + [p for g in gaps for p in g.provenance]
    notes(
        slide,
        sources,
        provs,
        "Pressures and savings are the totals of the children's directorate's lines; the gap is the "
        "council-wide gap as the MTFP states it.",
    )


def _mtfp_chart(
    slide: Slide,
    years: list[str],
    pressures: list[float | None],
    planned: list[float | None],
    gap_by_year: dict[str | None, float],
) -> None:
    chart(
        slide,
        XL_CHART_TYPE.COLUMN_CLUSTERED,
        years,
        [
            ("Pressures", [_m(v) for v in pressures]),
            ("Savings planned", [_m(v) for v in planned]),
            ("Stated budget gap (council-wide)", [_m(gap_by_year.get(y)) for y in years]),
        ],
        (MARGIN, BODY_TOP, BODY_W, Inches(5.3)),
        "Pressures, savings planned and the stated gap by year (£m)",
    )


def benchmark_slide(
    deck: PresentationType, review: Review, extraction: Extraction, sources: SourceIndex
) -> None:
    slide = content_slide(deck, "How the council compares", len(deck.slides) + 1)
    ranked = sorted(review.benchmarks, key=benchmark_gap, reverse=True)[:MAX_ROWS]
    if not ranked:
        message(slide, "No benchmark data was matched to this council.")
        notes(slide, sources, [])
        return
    rows = [["Measure", "Council", "Neighbours", "England", "vs neighbours", "Quartile"]]
    rows += [
        [
            b.label,
            fmt.by_unit(b.value, b.unit),
            fmt.by_unit(b.statistical_neighbours.median, b.unit),
            fmt.by_unit(b.england.value, b.unit),
            fmt.difference(b.value, b.statistical_neighbours.median, b.unit),
            str(b.quartile or ""),
        ]
        for b in ranked
    ]
    table(slide, rows, MARGIN, BODY_TOP, Inches(7.4), numeric=(1, 2, 3, 4, 5), size=10)
    top = ranked[0]
    if len(top.trend) >= 2:
        fmt_code = "£#,##0" if top.unit.startswith("gbp") else "#,##0.0"
        chart(
            slide,
            XL_CHART_TYPE.LINE_MARKERS,
            [t.period for t in top.trend],
            [("This council", [t.value for t in top.trend])],
            (MARGIN + Inches(7.6), BODY_TOP, Inches(4.5), Inches(4.0)),
            f"{top.label}: trend",
            number_format=fmt_code,
        )
    notes(
        slide,
        sources,
        [p for b in ranked for p in b.provenance],
        "Sorted by distance from the statistical neighbour median.",
    )


def scenarios_slide(
    deck: PresentationType, review: Review, extraction: Extraction, sources: SourceIndex
) -> None:
    slide = content_slide(deck, "What better ways of working might be worth", len(deck.slides) + 1)
    scen = review.scenarios[:MAX_ROWS]
    if not scen:
        message(slide, "No scenarios could be modelled from the data received.")
        notes(slide, sources, [])
        return
    rows = [["Scenario", "A year", "Assumptions"]]
    rows += [
        [
            s.name,
            fmt.money_m(s.annual_saving_gbp) if s.annual_saving_gbp is not None else "not costed",
            "; ".join(f"{k}: {fmt.plain(v)}" for k, v in s.assumptions.items()),
        ]
        for s in scen
    ]
    table(slide, rows, MARGIN, BODY_TOP, BODY_W, numeric=(1,), size=10)
    costed = [s for s in scen if s.annual_saving_gbp is not None]
    if costed:
        chart(
            slide,
            XL_CHART_TYPE.BAR_CLUSTERED,
            [s.name for s in costed],
            [("Annual saving", [_m(s.annual_saving_gbp) for s in costed])],
            (MARGIN, BODY_TOP + Inches(0.45) * (len(rows) + 1), Inches(8), Inches(2.6)),
            "Annual saving (£m)",
        )
    notes(
        slide,
        sources,
        [p for s in scen for p in s.provenance],
        "Illustrations for discussion: " + " ".join(s.explanation for s in scen),
    )


def enquiry_slide(
    deck: PresentationType, review: Review, extraction: Extraction, sources: SourceIndex
) -> None:
    slide = content_slide(deck, "Lines of enquiry", len(deck.slides) + 1)
    loe = review.lines_of_enquiry[:MAX_ROWS]
    if not loe:
        message(slide, "No lines of enquiry were drawn from the evidence.")
    rows = [["Question", "Because", "Ask"]] + [[q.question, q.because, q.addressed_to] for q in loe]
    if loe:
        table(slide, rows, MARGIN, BODY_TOP, BODY_W, size=12)
    notes(slide, sources, [p for q in loe for p in q.provenance])


def next_steps_slide(
    deck: PresentationType, review: Review, extraction: Extraction, sources: SourceIndex
) -> None:
    slide = content_slide(deck, "Next steps", len(deck.slides) + 1)
    steps = [
        "Agree the findings and correct any figure the council disputes, citing the source in the notes.",
        "Test each line of enquiry with the person named, during fieldwork.",
        "Re-forecast the savings at risk 'as is' with budget holders and name an owner for each.",
    ]
    if review.missing_documents:
        steps.append("Request the documents not supplied: " + ", ".join(review.missing_documents) + ".")
    failed = [d.file for d in review.documents if d.status == "failed" and not d.skipped]
    if failed:
        steps.append("Ask for readable copies of: " + ", ".join(failed) + ".")
    text_box(
        slide,
        MARGIN,
        BODY_TOP,
        BODY_W,
        HEIGHT - BODY_TOP - Inches(1),
        "\n".join(f"\u2022  {s}" for s in steps),
        size=16,
    )
    notes(slide, sources, [], "Next steps follow from the caveats and the lines of enquiry.")


def dsg_slide(deck: PresentationType, review: Review, extraction: Extraction, sources: SourceIndex) -> None:
    """The DSG and High Needs as the documents give them; what they do not give, said."""
    slide = content_slide(deck, "DSG and High Needs", len(deck.slides) + 1)
    dsg = review.dsg
    items = [i for i in (dsg.in_year, dsg.cumulative_deficit, dsg.override_end, dsg.plan, dsg.risk) if i]
    if not items:
        message(
            slide,
            "The documents received say nothing of the DSG or High Needs: ask for the DSG management plan.",
        )
        notes(slide, sources, [])
        return
    lines = dsg_lines(review)
    if dsg.not_found:
        lines.append("Not in the documents: " + "; ".join(dsg.not_found) + ".")
    text_box(
        slide,
        MARGIN,
        BODY_TOP,
        BODY_W,
        HEIGHT - BODY_TOP - Inches(1),
        "\n".join(f"\u2022  {x}" for x in lines),
        size=16,
    )
    notes(slide, sources, [p for i in items for p in i.provenance], "The DSG is ring-fenced.")


def dsg_lines(review: Review) -> list[str]:
    """One sentence per DSG fact the documents give; prose figures are marked as not verified."""
    dsg = review.dsg
    lines = []
    if dsg.in_year and dsg.in_year.amount_gbp is not None:
        over = "overspend" if dsg.in_year.amount_gbp > 0 else "underspend"
        lines.append(
            f"High Needs: forecast {over} of {fmt.money_m(abs(dsg.in_year.amount_gbp))} this year{_mark(dsg.in_year.verification)}."
        )
    if dsg.cumulative_deficit and dsg.cumulative_deficit.amount_gbp is not None:
        at = f" at {dsg.cumulative_deficit.words}" if dsg.cumulative_deficit.words else ""
        lines.append(
            f"Cumulative DSG deficit of {fmt.money_m(dsg.cumulative_deficit.amount_gbp)}{at}{_mark(None)}."
        )
    if dsg.override_end:
        lines.append(f"The statutory override ends {dsg.override_end.words}.")
    if dsg.plan:
        lines.append(f"\u201c{dsg.plan.text}\u201d")
    if dsg.risk:
        lines.append(f"Risk register rating: {dsg.risk.words}.")
    return lines


def _mark(verification: str | None) -> str:
    """How far a DSG figure stands: prose is not checked; a table row carries its verification."""
    if verification is None:
        return " (as the text states it; not checked by arithmetic)"
    words = views.verification_words(verification)
    return f" ({words})" if words else " (as printed: its table's own arithmetic does not agree)"


SLIDES: list[Callable[[PresentationType, Review, Extraction, SourceIndex], None]] = [
    title_slide,
    findings_slide,
    budget_slide,
    dsg_slide,
    savings_slide,
    mtfp_slide,
    benchmark_slide,
    scenarios_slide,
    enquiry_slide,
    next_steps_slide,
]


def render_pptx(review: Review, extraction: Extraction) -> bytes:
    """The feedback deck as .pptx bytes."""
    deck = new_deck()
    sources = SourceIndex()
    for build in SLIDES:
        build(deck, review, extraction, sources)
    out = io.BytesIO()
    deck.save(out)
    return out.getvalue()
