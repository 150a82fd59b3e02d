"""The cross-review index: each analysed bundle's council, year and themes, and its savings and
pressure lines, copied out of the stored results once so the themes view and search stay quick.

It is refreshed lazily: any analyse result newer than its index row is (re)indexed on the next read.
The stored results are read as plain JSON (the review.json and extraction.json contracts), so an
index survives changes to the record classes that keep the contracts.
"""

from __future__ import annotations

import json
import logging
from datetime import datetime
from typing import Any

import sqlalchemy as sa

from ingest.errors import NotFound
from workers.db import bundles, results, review_index, review_lines, upsert
from workers.store import Store

log = logging.getLogger(__name__)


def refresh_index(store: Store) -> int:
    """Index every bundle whose analyse result (by any release: Store.newest_result) is not yet
    indexed, or was stored again since; returns how many."""
    newest = (
        sa.select(results.c.key, sa.func.max(results.c.stored_at).label("stored_at"))
        .select_from(results.join(bundles, bundles.c.id == results.c.key))
        .where(results.c.stage == "analyse")
        .group_by(results.c.key)
        .subquery()
    )
    query = (
        sa.select(newest.c.key, newest.c.stored_at)
        .outerjoin(review_index, review_index.c.bundle_id == newest.c.key)
        .where(sa.or_(review_index.c.bundle_id.is_(None), review_index.c.stored_at < newest.c.stored_at))
    )
    with store.engine.connect() as conn:
        stale = conn.execute(query).all()
    for key, stored_at in stale:
        try:
            index_review(store, key, stored_at)
        except sa.exc.IntegrityError:
            pass  # another request indexed the same review at the same moment
        except (ValueError, TypeError, KeyError):
            log.exception("review %s could not be indexed; it is left out of themes and search", key)
    return len(stale)


def index_review(store: Store, bundle_id: str, stored_at: datetime) -> None:
    review = json.loads(store.newest_result(bundle_id, "analyse"))
    try:
        extraction = json.loads(store.newest_result(bundle_id, "analyse.extraction"))
    except NotFound:
        extraction = {}
    period = (review.get("savings_summary") or {}).get("period") or (review.get("position") or {}).get(
        "period"
    )
    council = review.get("council") or {}
    row = {
        "bundle_id": bundle_id,
        "stored_at": stored_at,
        "council_name": council.get("name"),
        "la_code": council.get("la_code"),
        "region": council.get("region"),
        "la_type": council.get("la_type"),
        "period": period,
        "themes": json.dumps([_theme(t) for t in review.get("themes") or [] if t.get("theme")]),
    }
    lines = _lines(bundle_id, extraction, period)
    with store.engine.begin() as conn:
        conn.execute(review_lines.delete().where(review_lines.c.bundle_id == bundle_id))
        if lines:
            conn.execute(review_lines.insert(), lines)
        upsert(conn, review_index, row, update=[k for k in row if k != "bundle_id"])


def _theme(theme: dict[str, Any]) -> dict[str, Any]:
    keys = (
        "theme",
        "label",
        "savings_gbp",
        "at_risk_gbp",
        "pressures_gbp",
        "savings_count",
        "pressures_count",
    )
    return {k: theme.get(k) for k in keys}


def _lines(bundle_id: str, extraction: dict[str, Any], period: str | None) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    for kind, items in (
        ("saving", extraction.get("savings") or []),
        ("pressure", extraction.get("pressures") or []),
    ):
        for index, item in enumerate(items):
            first = (item.get("provenance") or [{}])[0]
            amount = item.get("target_gbp") if kind == "saving" else None
            out.append(
                {
                    "bundle_id": bundle_id,
                    "seq": len(out),
                    "kind": kind,
                    "title": item.get("title") or "",
                    "description": item.get("description") or "",
                    "directorate": item.get("directorate"),
                    "period": item.get("period") or period,
                    "amount_gbp": amount if amount is not None else _planned(item, period),
                    "at_risk": bool(item.get("at_risk")),
                    "rag": item.get("rag"),
                    "file": first.get("file"),
                    "page": first.get("page"),
                    "locator": (first.get("locator") or "")[:300],
                    "ref": f"{kind}s.{index}",
                }
            )
    return out


def _planned(item: dict[str, Any], period: str | None) -> float | None:
    """The line's amount for the review's year, else its first year's."""
    planned = item.get("planned") or []
    for entry in planned:
        if entry.get("period") == period:
            return float(entry["amount_gbp"])
    return float(planned[0]["amount_gbp"]) if planned else None
