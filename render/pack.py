"""The reviewers' pre-read pack as a tagged PDF: Jinja2 templates, CSS paged media, WeasyPrint.

Fonts: Liberation Sans (Debian fonts-liberation2), falling back to DejaVu Sans (fonts-dejavu-core).
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache, partial
from importlib import resources
from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape
from markupsafe import Markup

from analyse.records import (
    ADULTS_APART,
    FINDING_KINDS,
    RING_FENCED,
    SAFETY_VALVE_PARTIES,
    TYPE_NAMES,
    VARIANCE_SHARE_PLACES,
    Review,
)
from extract.records import BudgetLine, Extraction, Provenance, SavingsLine
from ingest import collector
from render import fmt, marks, pack_charts, parse_cache, svg_text, views
from render.findings import (
    at_risk_basis,
    at_risk_lines,
    build_nets_provenance,
    build_nets_words,
    card_parts,
    council_unallocated_words,
    forecasts_cited,
    forecasts_stated,
    headline_findings,
    in_forecast_words,
    labelled,
    later_words,
    lines_short_words,
    not_judged,
    override_question,
    overspend_call_words,
    plan_dated_provenance,
    plan_dated_words,
    planned_into_words,
    ratings_words,
    reserve_basis_words,
    reserve_minimum_words,
    savings_by_category,
    savings_removed_words,
    short_on_track_words,
    withheld_words,
)
from render.refs import Figures, doubt_once_html, untraced_html
from render.sources import SourceIndex, breakable_names, fill_used, used_mark
from render.stand_in import council_line, stand_in
from render.summary_fit import POINTER, summary_cards
from render.ua_sheet import PackHTML

PDF_OPTIONS: dict[str, Any] = {"pdf_variant": "pdf/ua-1", "pdf_tags": True, "custom_metadata": True}
svg_text.install()  # the charts' labels drawn a run at a time (render.svg_text)
parse_cache.install()  # the HTML parser's expressions compiled once (render.parse_cache)


@cache
def environment() -> Environment:
    env = Environment(
        loader=PackageLoader("render", "templates"),
        autoescape=select_autoescape(["html", "j2"]),
        undefined=StrictUndefined,
    )
    env.filters.update(
        unit_name=fmt.unit_name,
        human=fmt.humanise,
        sentence=fmt.sentence,
        plain=fmt.plain,
        kind=views.kind_name,
        scope=views.scope_name,
        verification=views.verification_words,
        marked=marks.reviewer_mark,
        field_word=marks.field_word,
        day=marks.day,
    )
    env.globals.update(
        svg=Markup,
        variance_heading=views.VARIANCE_HEADING,
        finding_kinds=FINDING_KINDS,
        stand_in=stand_in,
        council_line=council_line,
        build_steps=views.build_steps,
        asked_in=views.asked_in,
        safety_valve_parties=SAFETY_VALVE_PARTIES,
        scope_label=views.scope_label,
        build_parts=views.build_parts,
        savings_label_of=views.savings_label_of,
        type_names=TYPE_NAMES,
        budget_builds=views.budget_builds,
        stated_how=views.stated_how,
        stated_mark=views.stated_mark,
        stated_note=views.STATED_NOTE,
        not_judged=not_judged,
        adults_apart=ADULTS_APART,
        adults_apart_words=views.ADULTS_APART_WORDS,
        change_words=views.CHANGE_WORDS,
        ring_fenced_series=views.RING_FENCED_SERIES,
        ring_fenced_scopes=RING_FENCED,
        all_pressures_words=views.ALL_PRESSURES_WORDS,
        ring_fenced_included=views.RING_FENCED_INCLUDED,
        variance_share_places=VARIANCE_SHARE_PLACES,
        sections=views.SECTIONS,
        document_status=views.document_status,
        card_parts=card_parts,
        override_question=override_question,
    )
    return env


def stylesheet() -> str:
    return resources.files("render").joinpath("static/pack.css").read_text(encoding="utf-8")


def pack_context(review: Review, extraction: Extraction, sources: SourceIndex) -> dict[str, Any]:
    """Everything the template shows, section by section: the Review's selection, formatted.

    Every figure is written by `fig` (or `quote`, for text quoted with its figures), which tags it
    with the ref of the record field it came from (render.refs)."""
    chosen, figs = review.selection, Figures.of(review, extraction)
    shown, further = summary_cards(headline_findings(review, figs))  # the cards the summary's page holds
    return {
        "fig": figs.fig,
        "quote": figs.quote,
        "listed": partial(views.listed, figs=figs),
        "review": review,
        "extraction": extraction,
        "cite": sources.cite,
        "sources": sources,
        "used": used_mark,
        "council": review.council.name or "Council not identified",
        "period": views.review_period(review),
        "documents": review.documents or extraction.documents,
        "findings": shown,
        "further_findings": further,
        "further_words": POINTER,
        "in_forecast": in_forecast_words(review, figs),
        "at_risk_basis": at_risk_basis(review.savings_summary, figs),
        "short_on_track": short_on_track_words(review.savings_summary, figs),
        "ratings_held": ratings_words(review.savings_summary, figs),
        "ratings_cited": [
            p for h in review.savings_summary.at_risk_ratings if h.meaning for p in h.provenance[:1]
        ],
        "at_risk_lines": at_risk_lines(review.savings_summary),
        "forecasts_stated": forecasts_stated(review, figs),
        "forecasts_cited": forecasts_cited(review),
        "planned_into": planned_into_words(review, figs),
        "overspend_call": overspend_call_words(review, figs),
        "childrens_later": later_words(review.position.childrens_later, figs),
        "council_later": later_words(review.position.council_later, figs),
        "reserve_basis": reserve_basis_words(review.dsg, figs),
        "reserve_minimum": reserve_minimum_words(review.dsg, figs),
        "deficit_withheld": withheld_words(review.dsg, figs),
        "council_unallocated": council_unallocated_words(review.savings_summary, figs),
        "unidentified_labelled": labelled(review.savings_summary.unidentified_labels, figs),
        "savings_removed": savings_removed_words(review.selection.savings_removed, figs),
        "plan_dated": plan_dated_words(review, figs),
        "build_nets": build_nets_words(review, figs),
        "build_nets_provenance": build_nets_provenance(review),
        "plan_dated_provenance": plan_dated_provenance(review),
        "savings_by_category": savings_by_category(review.savings_summary, figs),
        "lines_short": lines_short_words(review, figs),
        "services": chosen.service_lines,
        "rows": chosen.monitoring_rows,
        "scope_groups": chosen.scope_groups,
        "variance_chart": pack_charts.variance_chart(chosen.service_lines, figs),
        "variance_doubt": pack_charts.variance_doubt(chosen.service_lines, figs),
        "variance_left": pack_charts.variance_left_out(chosen.service_lines),
        "variance_drawn": len(pack_charts.variance_shown(chosen.service_lines)),
        # each chart cites the records its bars are drawn from, as a table's rows cite theirs
        "variance_sources": _cited(pack_charts.variance_shown(chosen.service_lines)),
        "reserves": review.diagnostic.reserves,
        "statements": chosen.statements[: chosen.statements_shown],
        "statements_held": len(chosen.statements),
        "carried": chosen.carried_variances,
        "savings": chosen.savings,
        "tracked": chosen.tracked,
        "at_risk": chosen.at_risk,
        "savings_total": chosen.savings_totals,
        "rag_chart": pack_charts.rag_chart(chosen.rag_groups, figs),
        "at_risk_chart": pack_charts.at_risk_chart(chosen.at_risk, figs),
        "at_risk_sources": _cited(pack_charts.at_risk_shown(chosen.at_risk)),
        "rag_sources": _cited(chosen.tracked),
        "years": chosen.years,
        "pressures": chosen.pressures,
        "growth_checks": chosen.growth_checks,
        "planned": chosen.planned,
        "gaps": chosen.gaps,
        "plan_lines": chosen.plan_lines,
        "has_pressures": chosen.has_pressures,
        "mtfp_chart": pack_charts.mtfp_chart(chosen.pressures, chosen.planned, chosen.gaps, figs)
        if chosen.has_pressures or chosen.gaps
        else "",
        "benchmark_charts": [
            (b, pack_charts.benchmark_chart(b, figs, line), pack_charts.trend_chart(b, figs, line))
            for b in review.benchmarks
            for line in [council_line(review, b.provenance)]
        ],
        "drivers_chart": pack_charts.drivers_chart(
            review.drivers, figs, council_line(review, review.drivers.provenance)
        ),
        "driver_factors": chosen.driver_factors,
        "quality": views.quality(review, extraction),
        "flags": views.by_severity(review.flags),
        "left_out": chosen.left_out,
    }


def _cited(records: Sequence[BudgetLine | SavingsLine]) -> list[Provenance]:
    """The sources of the records a chart draws, each once, in the records' order."""
    return list(dict.fromkeys(p for r in records for p in r.provenance))


def pack_html(review: Review, extraction: Extraction, sources: SourceIndex | None = None) -> str:
    """The pack as one HTML document (sources are numbered as the template cites them, into
    `sources` where given)."""
    sources = SourceIndex() if sources is None else sources
    sources.names.update(review.source_names)
    context = pack_context(review, extraction, sources)
    html = environment().get_template("pack.html.j2").render(**context, css=Markup(stylesheet()))
    return fill_used(doubt_once_html(html), sources)


def pack_sources(review: Review, extraction: Extraction) -> SourceIndex:
    """The pack's source numbering, [S1] onwards, as the PDF has it: the deck cites by the same."""
    sources = SourceIndex()
    pack_html(review, extraction, sources)
    return sources


def render_pdf(review: Review, extraction: Extraction) -> bytes:
    """The pre-read pack as PDF bytes (tagged, PDF/UA-1, A4): `pack_html`, its figures untraced."""
    html = breakable_names(untraced_html(pack_html(review, extraction)))
    with collector.paused():
        return PackHTML(string=html, base_url=str(resources.files("render"))).write_pdf(**PDF_OPTIONS)
