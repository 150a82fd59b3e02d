"""Themes across reviews (how often each appears, £ of savings and £ at risk, by region, LA type
or year) and a search over every review's savings and pressure lines."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

import sqlalchemy as sa

from workers.db import review_index, review_lines

GROUPS = {"theme": None, "region": "region", "la_type": "la_type", "year": "period"}


@dataclass(frozen=True)
class ThemeFilters:
    region: str | None = None
    la_type: str | None = None
    year: str | None = None
    theme: str | None = None


@dataclass
class ThemeRow:
    theme: str
    label: str
    group: str
    reviews: int = 0
    savings_gbp: float = 0.0
    at_risk_gbp: float = 0.0
    pressures_gbp: float = 0.0
    councils: list[str] = field(default_factory=list)


def indexed_reviews(engine: sa.Engine, bundle_ids: list[str], filters: ThemeFilters) -> list[sa.Row[Any]]:
    query = sa.select(review_index).where(review_index.c.bundle_id.in_(bundle_ids))
    for column, value in (("region", filters.region), ("la_type", filters.la_type), ("period", filters.year)):
        if value:
            query = query.where(review_index.c[column] == value)
    with engine.connect() as conn:
        return list(conn.execute(query.order_by(review_index.c.council_name)).all())


def theme_table(reviews: list[sa.Row[Any]], by: str = "theme", theme: str | None = None) -> list[ThemeRow]:
    """One row per (theme, group): how many reviews name the theme and the money they put on it."""
    column = GROUPS[by]
    table: dict[tuple[str, str], ThemeRow] = {}
    for review in reviews:
        group = "All reviews" if column is None else (getattr(review, column) or "unknown")
        for item in json.loads(review.themes):
            if theme and item["theme"] != theme:
                continue
            row = table.setdefault(
                (item["theme"], group), ThemeRow(item["theme"], item.get("label") or item["theme"], group)
            )
            row.reviews += 1
            row.savings_gbp += item.get("savings_gbp") or 0.0
            row.at_risk_gbp += item.get("at_risk_gbp") or 0.0
            row.pressures_gbp += item.get("pressures_gbp") or 0.0
            row.councils.append(review.council_name or review.bundle_id)
    return sorted(table.values(), key=lambda r: (-r.reviews, r.theme, r.group))


def filter_choices(engine: sa.Engine, bundle_ids: list[str]) -> dict[str, list[str]]:
    """The regions, LA types, years and themes present, for the filter menus."""
    rows = indexed_reviews(engine, bundle_ids, ThemeFilters())
    themes = {t["theme"] for r in rows for t in json.loads(r.themes)}
    return {
        "region": sorted({r.region for r in rows if r.region}),
        "la_type": sorted({r.la_type for r in rows if r.la_type}),
        "year": sorted({r.period for r in rows if r.period}),
        "theme": sorted(themes),
    }


def search_lines(
    engine: sa.Engine,
    bundle_ids: list[str],
    q: str,
    kind: str | None = None,
    at_risk: bool = False,
    limit: int = 500,
) -> list[dict[str, Any]]:
    """Savings and pressure lines whose title, description or directorate contains every word of q."""
    query = (
        sa.select(review_lines, review_index.c.council_name, review_index.c.region, review_index.c.la_type)
        .join(review_index, review_index.c.bundle_id == review_lines.c.bundle_id)
        .where(review_lines.c.bundle_id.in_(bundle_ids))
    )
    text = sa.func.lower(
        review_lines.c.title
        + " "
        + review_lines.c.description
        + " "
        + sa.func.coalesce(review_lines.c.directorate, "")
    )
    for word in q.lower().split():
        query = query.where(text.contains(word, autoescape=True))
    if kind in ("saving", "pressure"):
        query = query.where(review_lines.c.kind == kind)
    if at_risk:
        query = query.where(review_lines.c.at_risk.is_(True))
    query = query.order_by(review_index.c.council_name, review_lines.c.seq).limit(limit)
    with engine.connect() as conn:
        return [dict(r._mapping) for r in conn.execute(query).all()]


def theme_rows_as_dicts(rows: list[ThemeRow], by: str) -> list[dict[str, Any]]:
    return [
        {
            "theme": r.theme,
            "label": r.label,
            by if by != "theme" else "group": r.group,
            "reviews": r.reviews,
            "savings_gbp": round(r.savings_gbp, 2),
            "at_risk_gbp": round(r.at_risk_gbp, 2),
            "pressures_gbp": round(r.pressures_gbp, 2),
            "councils": "; ".join(r.councils),
        }
        for r in rows
    ]
