"""What extraction found in a bundle, for reviewers to browse, each value tied to its source."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from ingest.errors import NotFound
from workers.store import Store

KINDS = ("savings", "pressures", "budget_lines", "figures")
LIMIT = 500


@dataclass(frozen=True)
class Item:
    ref: str  # "<kind>.<index>", the key the source page is asked for
    title: str
    cells: dict[str, Any]
    sources: list[dict[str, Any]]


def bundle_extraction_json(store: Store, bundle_id: str) -> dict[str, Any]:
    """The bundle's combined extraction as stored by the analyse stage; NotFound until then."""
    return dict(json.loads(store.newest_result(bundle_id, "analyse.extraction")))


def browse(extraction: dict[str, Any]) -> dict[str, list[Item]]:
    return {
        kind: [_item(kind, i, rec) for i, rec in enumerate(extraction.get(kind) or [])][:LIMIT]
        for kind in KINDS
    }


def _item(kind: str, index: int, record: dict[str, Any]) -> Item:
    cells: dict[str, Any]
    if kind == "savings":
        title = record.get("title", "")
        cells = {"planned": _planned(record)}
        cells |= {k: record.get(k) for k in ("period", "target_gbp", "forecast_gbp", "rag", "at_risk")}
    elif kind == "pressures":
        title = record.get("title", "")
        cells = {"planned": _planned(record)}
    elif kind == "budget_lines":
        title = record.get("name", "")
        cells = {k: record.get(k) for k in ("level", "period", "budget_gbp", "forecast_gbp", "variance_gbp")}
    else:
        title = record.get("label") or record.get("text", "")[:80]
        cells = {k: record.get(k) for k in ("value", "unit", "period")}
    return Item(f"{kind}.{index}", title, cells, list(record.get("provenance") or []))


def _planned(record: dict[str, Any]) -> str:
    amounts = [(p["period"], float(p["amount_gbp"])) for p in record.get("planned") or []]
    return ", ".join(f"{period}: {'-' if a < 0 else ''}£{abs(a):,.0f}" for period, a in amounts)


def find_source(extraction: dict[str, Any], ref: str, which: int) -> tuple[Item, dict[str, Any]]:
    """The item named by ref and its which-th provenance."""
    kind, _, index = ref.partition(".")
    records = extraction.get(kind) if kind in KINDS else None
    if not records or not index.isdigit() or int(index) >= len(records):
        raise NotFound(f"no extracted value {ref}")
    item = _item(kind, int(index), records[int(index)])
    if not 0 <= which < len(item.sources):
        raise NotFound(f"no source {which} for {ref}")
    return item, item.sources[which]
