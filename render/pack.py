"""The reviewers' pre-read pack as a tagged PDF: Jinja2 templates, CSS paged media, WeasyPrint.

Fonts: Liberation Sans (Debian fonts-liberation2), falling back to DejaVu Sans (fonts-dejavu-core).
"""

from __future__ import annotations

from functools import cache
from importlib import resources
from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape
from markupsafe import Markup
from weasyprint import HTML

from analyse.records import Review
from extract.records import Extraction
from render import fmt, pack_charts, views
from render.findings import headline_findings
from render.sources import SourceIndex

PDF_OPTIONS: dict[str, Any] = {"pdf_variant": "pdf/ua-1", "pdf_tags": True, "custom_metadata": True}


@cache
def environment() -> Environment:
    env = Environment(
        loader=PackageLoader("render", "templates"),
        autoescape=select_autoescape(["html", "j2"]),
        undefined=StrictUndefined,
    )
    env.filters.update(
        m=fmt.money_m,
        k=fmt.money_k,
        money=fmt.money,
        signed=fmt.signed_m,
        pct=fmt.percent,
        unit=fmt.by_unit,
        unit_name=fmt.unit_name,
        human=fmt.humanise,
        plain=fmt.plain,
        kind=views.kind_name,
    )
    env.globals.update(share=fmt.share, difference=fmt.difference, svg=Markup)
    return env


def stylesheet() -> str:
    return resources.files("render").joinpath("static/pack.css").read_text(encoding="utf-8")


def pack_context(review: Review, extraction: Extraction, sources: SourceIndex) -> dict[str, Any]:
    """Everything the template shows, section by section."""
    return {
        "review": review,
        "extraction": extraction,
        "cite": sources.cite,
        "sources": sources,
        "council": review.council.name or "Council not identified",
        "period": views.review_period(review),
        "documents": review.documents or extraction.documents,
        "findings": headline_findings(review, extraction),
        **budget_context(extraction),
        **savings_context(extraction),
        **plan_context(review, extraction),
        "benchmark_charts": [
            (b, pack_charts.benchmark_chart(b), pack_charts.trend_chart(b)) for b in review.benchmarks
        ],
        "drivers_chart": pack_charts.drivers_chart(review.drivers),
        "driver_factors": views.council_factors(review),
        "quality": views.quality(review, extraction),
        "flags": views.by_severity(review.flags),
        "left_out": views.left_out(extraction),
    }


def budget_context(extraction: Extraction) -> dict[str, Any]:
    services = views.service_lines(extraction)
    return {
        "services": services,
        "totals": views.total_lines(extraction),
        "variance_chart": pack_charts.variance_chart(services),
        "reserves": views.figures_labelled(extraction, ("reserve",)),
        "statements": views.children_statements(extraction),
    }


def savings_context(extraction: Extraction) -> dict[str, Any]:
    items = views.savings_items(extraction)
    tracked = views.tracked(items)
    at_risk = views.at_risk_lines(items)
    rags = views.by_rag(tracked)
    return {
        "savings": items,
        "tracked": tracked,
        "at_risk": at_risk,
        "savings_total": {k: views.total(f(s) for s in tracked) for k, f in SAVING_COLUMNS.items()},
        "rag_chart": pack_charts.rag_chart(rags),
        "at_risk_chart": pack_charts.at_risk_chart(at_risk),
        "target": views.saving_target,
        "shortfall": views.shortfall,
        "year": views.saving_year,
    }


def plan_context(review: Review, extraction: Extraction) -> dict[str, Any]:
    """Pressures, savings in plans and the stated gap, on one set of years."""
    items = views.savings_items(extraction)
    gaps = views.stated_gaps(review, extraction)
    years = views.plan_years(extraction, gaps)
    pressures = views.by_year(views.pressure_items(extraction), years)
    planned = views.by_year(views.planned_savings(items), years)
    chart = pack_charts.mtfp_chart(pressures, planned, gaps) if extraction.pressures or gaps else ""
    return {
        "years": years,
        "pressures": pressures,
        "planned": planned,
        "gaps": gaps,
        "plan_lines": views.by_year(views.plan_only(items), years),
        "mtfp_chart": chart,
    }


SAVING_COLUMNS = {
    "target": views.saving_target,
    "forecast": lambda s: s.forecast_gbp,
    "shortfall": views.shortfall,
}


def pack_html(review: Review, extraction: Extraction) -> str:
    """The pack as one HTML document (sources are numbered as the template cites them)."""
    sources = SourceIndex()
    context = pack_context(review, extraction, sources)
    return environment().get_template("pack.html.j2").render(**context, css=Markup(stylesheet()))


def render_pdf(review: Review, extraction: Extraction) -> bytes:
    """The pre-read pack as PDF bytes (tagged, PDF/UA-1, A4)."""
    html = HTML(string=pack_html(review, extraction), base_url=str(resources.files("render")))
    return html.write_pdf(**PDF_OPTIONS)
