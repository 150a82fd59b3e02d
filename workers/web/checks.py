"""Checking a bundle's figures: the money records that feed the pack, worst first, each with its
failing checks, its source and what reviewers did to it; and posting a reviewer's confirmation,
correction, scope mark or undo, after which the bundle's analysis and pack are rebuilt."""

from __future__ import annotations

import math
import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, replace
from typing import Any

from fastapi import HTTPException

from analyse.standing import in_doubt, reviewer_settled
from extract.records import Extraction, Reviewed, Verification
from extract.tables.headers import column_from_header
from extract.verify.tolerance import Term, holds, precision
from ingest.errors import NotFound
from workers.actors import rerun_bundle_stages
from workers.corrections import (
    FIELDS,
    RECORDS,
    Correction,
    InvalidCorrection,
    Key,
    Record,
    apply_corrections,
    corrections_for,
    new_correction,
    record_key,
    save_correction,
    undo_correction,
)
from workers.stages import bundle_extraction
from workers.web.access import BundleView, visible_bundle
from workers.web.auth import Web
from workers.web.users import User

# A record's standing on the page: in doubt ("contradicted": its table's arithmetic disagrees and
# no reviewer has settled it, analyse.standing.in_doubt), "settled" (contradicted, then confirmed
# or corrected by a reviewer), unchecked or verified.
STATUSES = ("contradicted", "unchecked", "settled", "verified")
PER_PAGE = 50
LABELS = {
    "budget_gbp": "budget",
    "forecast_gbp": "forecast",
    "variance_gbp": "variance",
    "target_gbp": "target",
    "shortfall_gbp": "shortfall",
}
# How a table's unit note is shown and typed: (label, pounds per unit, decimals shown).
UNITS = {"£000": ("£000", 1_000.0, 0), "£m": ("£m", 1_000_000.0, 1), "£": ("£", 1.0, 0)}
# Which way the figures the page shows run, whatever sign the source printed them with: the
# extraction keeps variance positive for an overspend (extract.records.BudgetLine).
SIGNS = {"variance_gbp": "+ = overspend", "shortfall_gbp": "+ = short of target"}


@dataclass(frozen=True)
class Row:
    """One money record as the check page and the API show it."""

    kind: str
    sha256: str
    locator: str
    ref: str  # the record's key on the figures and source pages ("budget_lines.3")
    name: str
    status: str
    values: dict[str, float | None]  # the correctable fields, in pounds, corrections applied
    planned: list[tuple[str, float]]  # a saving's or pressure's phasing: (period, pounds)
    unit: str  # the unit the source prints its figures in: £000, £m or £
    failing: list[str]  # the details of the checks that did not hold, in words
    settled: str  # how a reviewer settled a contradicted record, in words ('' where none did)
    reviewed: list[Reviewed]  # what the last build applied
    history: list[Correction]  # every correction made, undone ones too, oldest first
    source: dict[str, Any]  # the first provenance: file, page, locator, text

    @property
    def key(self) -> Key:
        return (self.kind, self.sha256, self.locator)

    @property
    def anchor(self) -> str:
        return "r-" + self.ref.replace(".", "-")

    places: int | None = None  # decimal places its table prints figures to, where known
    doubted: str = ""  # the correctable field its failing checks name first ('' where none names one)

    def shown(self, field: str) -> str:
        return show(self.values.get(field), self.unit, self.places)

    def amount(self, value: float | None) -> str:
        """Another figure of the record (a correction's old or new value) as its table prints them."""
        return show(value, self.unit, self.places)


def may_correct(user: User) -> bool:
    return user.role in ("reviewer", "lga")


def show(value: float | None, unit: str, places: int | None = None) -> str:
    """A value in pounds in the source's unit: 43,450 (£000), 43.5 (£m), (450) for negatives; to
    `places` decimal places where the table's are known (127,316.8 as printed, not 127,317), and
    never fewer than the value needs."""
    if value is None:
        return "—"
    _, per, decimals = UNITS[unit]
    decimals = max(places if places is not None else decimals, places_of([value], per))
    text = f"{abs(value) / per:,.{decimals}f}"
    return f"({text})" if value < 0 else text


MAX_PLACES = 3


def places_of(values: Iterable[float | None], per: float) -> int:
    """The fewest decimal places (at most `MAX_PLACES`) that show every value in a unit of `per`
    pounds exactly: 0 for 127,317,000 in £000, 1 for 127,316,800."""
    found = 0
    for value in values:
        if value is None:
            continue
        while found < MAX_PLACES and abs(round(value / per, found) - value / per) > 1e-6:
            found += 1
    return found


NUMBER = re.compile(r"^\(?-?[\d,]*\.?\d+\)?$")


def parse_amount(text: str, unit: str) -> float:
    """Pounds from what a reviewer typed in the source's unit ("43,450", "(450)", "-1.5")."""
    cleaned = text.strip().replace("£", "").replace(" ", "")
    if not NUMBER.match(cleaned) or cleaned.count("(") != cleaned.count(")"):
        label = UNITS[unit][0]
        raise InvalidCorrection(
            f"type the new value as a number in {label}, such as 1,250 or -450; "
            "a variance is + for an overspend and - for an underspend"
        )
    negative = cleaned.startswith("(") or cleaned.startswith("-")
    number = float(cleaned.strip("()").lstrip("-").replace(",", ""))
    return -number * UNITS[unit][1] if negative else number * UNITS[unit][1]


def objection(kind: str, values: dict[str, float | None], field: str, new: float, unit: str) -> str:
    """Why a correction contradicts its own row's arithmetic ('' where it does not, or the row
    lacks a figure the identity needs): a budget line's budget + variance = forecast, a saving's
    target − forecast = shortfall (in size, as `extract.verify.identities` checks it), each figure
    good to half the unit it is shown in (`extract.verify.tolerance`). Where the other sign would
    hold, it says so: a source that prints overspends in brackets is typed with the wrong sign."""
    after = {**values, field: new}
    said = _does_not_add_up(kind, after, unit)
    if not said:
        return ""
    flipped = field in SIGNS and new and not _does_not_add_up(kind, {**values, field: -new}, unit)
    sign = f" Here {SIGNS[field]}: did you mean {show(-new, unit)}?" if flipped else ""
    mine = f"{LABELS[field]} {show(new, unit)}"
    return (
        f"with {mine} the row does not add up: {said}.{sign} Check the source; if its own figures "
        "disagree, save it anyway."
    )


# Each kind's identity within its row: (first, second, result) fields, and the sign between.
IDENTITIES = {
    "budget_line": (("budget_gbp", "variance_gbp", "forecast_gbp"), "+"),
    "saving": (("target_gbp", "forecast_gbp", "shortfall_gbp"), "−"),
}


def _does_not_add_up(kind: str, values: dict[str, float | None], unit: str) -> str:
    """The row's identity in words where it fails ('' where it holds or cannot be checked)."""
    if kind not in IDENTITIES:
        return ""
    fields, op = IDENTITIES[kind]
    first, second, result = (values.get(f) for f in fields)
    if first is None or second is None or result is None:
        return ""
    per = UNITS[unit][1]

    def term(value: float) -> Term:
        return Term(value, min(0.5 * precision([value]), 0.5 * per))

    if op == "+":
        worked, ok = first + second, holds([term(first), term(second)], [term(result)])
    else:  # in size: signs are the table's presentation
        worked = abs(first - second)
        slack = term(first).tolerance + term(second).tolerance
        ok = holds([Term(worked, slack)], [term(abs(result))])
    if ok:
        return ""
    a, b, c = (f"{LABELS[f]} {show(values[f], unit)}" for f in fields)
    return f"{a} {op} {b} = {show(worked, unit)}, not the {c}"


# -- reading ----------------------------------------------------------------------------------
def bundle_rows(web: Web, view: BundleView) -> list[Row]:
    """Every money record of the bundle, corrections applied, contradicted first, then unchecked,
    then verified (NotFound until its documents have been read)."""
    store = web.store
    files = store.files(view.id)
    history = corrections_for(store.engine, view.council, [f.sha256 for f in files])
    try:
        extraction = apply_corrections(bundle_extraction(store, view.id), history)
    except NotFound as exc:
        raise NotFound(f"the figures of bundle {view.id} have not been read yet") from exc
    units = _table_units(extraction)
    rows = [
        _row(kind, attr, index, record, units, history)
        for kind, attr in RECORDS.items()
        for index, record in enumerate(getattr(extraction, attr))
    ]
    return sorted(_as_printed(rows), key=lambda r: STATUSES.index(r.status))


def _as_printed(rows: list[Row]) -> list[Row]:
    """Each row with the decimal places its table prints its figures to: the most any of the
    table's records read needs (corrections aside, which are shown to their own places)."""
    tables: dict[tuple[str, str], list[float | None]] = defaultdict(list)
    for row in rows:
        read = {c.field: c.old for c in row.history if c.action == "corrected" and c.active}
        tables[(row.sha256, _table_part(row.locator))] += [read.get(f, v) for f, v in row.values.items()]
    return [
        replace(row, places=places_of(tables[(row.sha256, _table_part(row.locator))], UNITS[row.unit][1]))
        for row in rows
    ]


def _row(
    kind: str,
    attr: str,
    index: int,
    record: Record,
    units: dict[tuple[str, str], str],
    history: list[Correction],
) -> Row:
    key = record_key(kind, record)
    source = record.provenance[0]
    return Row(
        kind=kind,
        sha256=source.sha256,
        locator=source.locator,
        ref=f"{attr}.{index}",
        name=str(getattr(record, "name", None) or getattr(record, "title", "")),
        status=_status(record),
        settled=_settled_words(record, units.get((source.sha256, _table_part(source.locator)), "£m")),
        values={f: getattr(record, f) for f in FIELDS[kind]},  # type: ignore[index]
        planned=[(p.period, p.amount_gbp) for p in getattr(record, "planned", [])],
        unit=units.get((source.sha256, _table_part(source.locator)), "£m"),
        failing=[c.detail for c in record.checks if not c.held],
        doubted=doubted_field(kind, [c.detail for c in record.checks if not c.held]),
        reviewed=list(record.reviewed),
        history=[c for c in history if c.key == key],
        source=source.model_dump(mode="json"),
    )


QUOTED = re.compile(r"'([^']+)'")


def doubted_field(kind: str, failing: list[str]) -> str:
    """The correctable field a record's failing checks name first, read as extraction reads a
    column's heading ('Projected Spend £000' is the forecast): the one a reviewer most likely
    corrects; '' where they name none of its fields."""
    allowed = FIELDS.get(kind, ())  # type: ignore[call-overload]
    for detail in failing:
        for heading in QUOTED.findall(detail):
            role = column_from_header(0, heading, numeric=True).role
            field = f"{role.value}_gbp" if role is not None else ""
            if field in allowed:
                return field
    return ""


def _status(record: Record) -> str:
    """The record's standing (`STATUSES`): the one rule of analyse.standing, so that a row a
    reviewer settled is not counted or tagged as contradicted here while the pack trusts it."""
    if record.verification is Verification.CONTRADICTED:
        return "contradicted" if in_doubt(record) else "settled"
    return record.verification.value


def _settled_words(record: Record, unit: str) -> str:
    """ "confirmed by a reviewer" or "corrected by a reviewer (was 126,317 forecast)" for a
    contradicted record a reviewer settled; '' otherwise."""
    if record.verification is not Verification.CONTRADICTED:
        return ""
    settled = reviewer_settled(record)
    if settled == "confirmed":
        return "confirmed by a reviewer"
    if settled != "corrected":
        return ""
    last = next(r for r in reversed(record.reviewed) if r.action == "corrected")
    field = LABELS.get(last.field or "", last.field or "")
    old = last.old
    was = f" (was {field} {show(float(old), unit)})" if isinstance(old, int | float) else ""
    return f"corrected by a reviewer{was}"


def _table_part(locator: str) -> str:
    """The table of a record's locator: "page 1, table 2, row 3" → "page 1, table 2";
    "sheet Tracker!A9" → "sheet Tracker"."""
    if locator.startswith("sheet "):
        return locator.split("!", 1)[0]
    return locator.split(", row", 1)[0]


def _table_units(extraction: Extraction) -> dict[tuple[str, str], str]:
    out = {}
    for table in extraction.tables:
        note = (table.unit or "").lower().replace("'", "").replace("’", "")
        unit = (
            "£000"
            if any(w in note for w in ("000", "k", "thousand"))
            else "£m"
            if "m" in note
            else "£"
            if note
            else None
        )
        if unit:
            out[(table.provenance[0].sha256, _table_part(table.locator))] = unit
    return out


def filtered(rows: list[Row], status: str | None, kind: str | None) -> list[Row]:
    return [r for r in rows if (not status or r.status == status) and (not kind or r.kind == kind)]


def counts(rows: list[Row]) -> dict[str, int]:
    return {s: sum(r.status == s for r in rows) for s in STATUSES}


def page_of(rows: list[Row], page: int, per_page: int = PER_PAGE) -> tuple[list[Row], int]:
    """One page of rows (1-based, clamped) and the number of pages."""
    pages = max(1, math.ceil(len(rows) / per_page))
    page = min(max(page, 1), pages)
    return rows[(page - 1) * per_page : page * per_page], pages


def row_json(row: Row) -> dict[str, Any]:
    return {
        "kind": row.kind,
        "sha256": row.sha256,
        "locator": row.locator,
        "ref": row.ref,
        "name": row.name,
        "status": row.status,
        "settled": row.settled,
        "values_gbp": row.values,
        "planned_gbp": [{"period": period, "amount_gbp": amount} for period, amount in row.planned],
        "unit": row.unit,
        "failing_checks": row.failing,
        "reviewed": [r.model_dump(mode="json") for r in row.reviewed],
        "corrections": [correction_json(c) for c in row.history],
        "source": {k: row.source.get(k) for k in ("file", "page", "locator", "text")},
    }


def correction_json(c: Correction) -> dict[str, Any]:
    return {
        "id": c.id,
        "kind": c.kind,
        "sha256": c.sha256,
        "locator": c.locator,
        "action": c.action,
        "field": c.field,
        "old_gbp": c.old,
        "new_gbp": c.new,
        "note": c.note,
        "by": c.by,
        "at": c.at.isoformat(),
        "undone_by": c.undone_by,
        "undone_at": c.undone_at.isoformat() if c.undone_at else None,
    }


# -- changing ---------------------------------------------------------------------------------
def editable_bundle(
    web: Web, user: User, bundle_id: str, doing: str = "confirm or correct figures"
) -> BundleView:
    """The bundle, if this user may change what reviewers say of it: another council's is not
    found, a council user may not (403), and an older version is closed (409)."""
    view = visible_bundle(web.store.engine, user, bundle_id)  # another council's: not found
    if not may_correct(user):
        raise HTTPException(403, f"only reviewers and LGA users may {doing}")
    if view.superseded_by:
        raise HTTPException(409, f"bundle {bundle_id} has a newer version, {view.superseded_by}; use that")
    return view


def post_correction(
    web: Web,
    user: User,
    bundle_id: str,
    key: Key,
    action: str,
    field: str | None = None,
    new: float | None = None,
    note: str = "",
    anyway: bool = False,
) -> Correction:
    """Record a reviewer's action on one record of the bundle and rebuild the bundle's pack.
    InvalidCorrection for nonsense, and for a correction its row's own arithmetic contradicts
    (`objection`) unless the reviewer says to save it `anyway`; NotFound for a record the bundle
    does not have."""
    view = editable_bundle(web, user, bundle_id)
    row = next((r for r in bundle_rows(web, view) if r.key == key), None)
    if row is None:
        raise NotFound(f"bundle {bundle_id} has no {key[0]} at {key[2]!r} of that file")
    old = row.values.get(field) if field else None
    if action == "corrected" and field in row.values and new is not None and not anyway:
        said = objection(row.kind, row.values, field, new, row.unit)
        if said:
            raise InvalidCorrection(said[0].upper() + said[1:])
    correction = new_correction(
        council=view.council,
        key=key,
        action=action,
        by=user.email,
        field=field,
        old=old,
        new=new,
        note=note,
        bundle_id=bundle_id,
    )
    save_correction(web.store.engine, correction)
    rerun_bundle_stages(web.broker, web.store, bundle_id)
    return correction


def post_undo(web: Web, user: User, bundle_id: str, correction_id: str) -> Correction:
    view = editable_bundle(web, user, bundle_id)
    shas = [f.sha256 for f in web.store.files(bundle_id)]
    undone = undo_correction(web.store.engine, correction_id, user.email, view.council, shas)
    rerun_bundle_stages(web.broker, web.store, bundle_id)
    return undone
