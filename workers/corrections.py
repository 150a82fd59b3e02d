"""Reviewers' confirmations and corrections of extracted money records, and applying them.

A correction names its record by the file's sha256, the record's locator in that file and the
record's kind, and is filed under the council of the bundle it was made on: it applies to every
run of every bundle of that council holding the same file, so it survives re-runs and new
versions of the bundle. Undoing one stamps it as undone; nothing is deleted.
"""

from __future__ import annotations

import math
import uuid
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Literal

import sqlalchemy as sa

from extract.records import BudgetLine, Extraction, PlanLine, Reviewed
from ingest.errors import BadInput, NotFound
from workers.db import corrections

Kind = Literal["budget_line", "saving", "pressure"]
Action = Literal["confirmed", "corrected", "in_scope", "out_of_scope"]
ACTIONS: tuple[Action, ...] = ("confirmed", "corrected", "in_scope", "out_of_scope")
# Each kind of record: the Extraction list that holds it, and the money fields a reviewer may correct.
RECORDS: dict[Kind, str] = {"budget_line": "budget_lines", "saving": "savings", "pressure": "pressures"}
FIELDS: dict[Kind, tuple[str, ...]] = {
    "budget_line": ("budget_gbp", "forecast_gbp", "variance_gbp"),
    "saving": ("target_gbp", "forecast_gbp", "shortfall_gbp"),
    "pressure": (),
}

Record = BudgetLine | PlanLine
Key = tuple[str, str, str]  # (kind, sha256, locator)


class InvalidCorrection(BadInput):
    code = "invalid_correction"


@dataclass(frozen=True)
class Correction:
    id: str
    council: str | None
    sha256: str
    locator: str
    kind: Kind
    action: Action
    field: str | None
    old: float | None
    new: float | None
    note: str
    by: str
    at: datetime
    bundle_id: str | None = None
    undone_by: str | None = None
    undone_at: datetime | None = None

    @property
    def key(self) -> Key:
        return (self.kind, self.sha256, self.locator)

    @property
    def active(self) -> bool:
        return self.undone_at is None


def record_key(kind: str, record: Record) -> Key:
    """The place a record was read from, which a correction names: its first provenance."""
    first = record.provenance[0]
    return (kind, first.sha256, first.locator)


# -- applying ---------------------------------------------------------------------------------
def apply_corrections(extraction: Extraction, given: Iterable[Correction]) -> Extraction:
    """The extraction with each active correction applied, oldest first, to the records it names:
    a corrected field takes the new value; every action is appended to the record's `reviewed`
    (a confirmation or a scope mark changes no value)."""
    by_key: dict[Key, list[Correction]] = defaultdict(list)
    for correction in sorted((c for c in given if c.active), key=lambda c: c.at):
        by_key[correction.key].append(correction)
    if not by_key:
        return extraction
    update = {
        attr: [
            _applied(kind, record, by_key.get(record_key(kind, record), []))
            for record in getattr(extraction, attr)
        ]
        for kind, attr in RECORDS.items()
    }
    return extraction.model_copy(update=update)


def _applied(kind: Kind, record: Record, mine: Sequence[Correction]) -> Record:
    for correction in mine:
        changes: dict[str, object] = {}
        entry = Reviewed(
            action=correction.action, by=correction.by, at=correction.at.isoformat(), note=correction.note
        )
        if correction.action == "corrected" and correction.field in FIELDS[kind]:
            old = getattr(record, correction.field)
            changes[correction.field] = correction.new
            entry = entry.model_copy(update={"field": correction.field, "old": old, "new": correction.new})
        record = record.model_copy(update={**changes, "reviewed": [*record.reviewed, entry]})
    return record


# -- storing ----------------------------------------------------------------------------------
def new_correction(
    *,
    council: str | None,
    key: Key,
    action: str,
    by: str,
    field: str | None = None,
    old: float | None = None,
    new: float | None = None,
    note: str = "",
    bundle_id: str | None = None,
) -> Correction:
    """A correction checked for sense (InvalidCorrection says what is wrong), not yet stored."""
    kind, sha256, locator = key
    if kind not in RECORDS:
        raise InvalidCorrection(f"kind must be one of {', '.join(RECORDS)}")
    if action not in ACTIONS:
        raise InvalidCorrection(f"action must be one of {', '.join(ACTIONS)}")
    if action == "corrected":
        allowed = FIELDS[kind]  # type: ignore[index]
        if field not in allowed:
            some = f"one of {', '.join(allowed)}" if allowed else "nothing: only confirm or mark its scope"
            raise InvalidCorrection(f"the field to correct on a {kind.replace('_', ' ')} must be {some}")
        if new is None or not math.isfinite(new):
            raise InvalidCorrection("a correction needs the new value, a number")
    else:
        field = old = new = None
    return Correction(
        uuid.uuid4().hex,
        council,
        sha256,
        locator,
        kind,  # type: ignore[arg-type]
        action,  # type: ignore[arg-type]
        field,
        old,
        new,
        note.strip()[:2000],
        by,
        datetime.now(UTC),
        bundle_id,
    )


def save_correction(engine: sa.Engine, correction: Correction) -> None:
    row = {
        "id": correction.id,
        "council": correction.council,
        "sha256": correction.sha256,
        "locator": correction.locator,
        "kind": correction.kind,
        "action": correction.action,
        "field": correction.field,
        "old_value": correction.old,
        "new_value": correction.new,
        "note": correction.note,
        "made_by": correction.by,
        "made_at": correction.at,
        "bundle_id": correction.bundle_id,
    }
    with engine.begin() as conn:
        conn.execute(corrections.insert().values(**row))


def corrections_for(
    engine: sa.Engine, council: str | None, sha256s: Iterable[str], *, active_only: bool = False
) -> list[Correction]:
    """The corrections filed under this council for these files, oldest first."""
    shas = sorted(set(sha256s))
    if not shas:
        return []
    query = sa.select(corrections).where(
        corrections.c.council.is_not_distinct_from(council), corrections.c.sha256.in_(shas)
    )
    if active_only:
        query = query.where(corrections.c.undone_at.is_(None))
    with engine.connect() as conn:
        rows = conn.execute(query.order_by(corrections.c.made_at, corrections.c.id)).all()
    return [_from_row(r) for r in rows]


def undo_correction(
    engine: sa.Engine, correction_id: str, by: str, council: str | None, sha256s: Iterable[str]
) -> Correction:
    """Stamp a correction undone (NotFound unless it is one of this council's for these files;
    undoing twice keeps the first stamp)."""
    mine = {c.id: c for c in corrections_for(engine, council, sha256s)}
    if correction_id not in mine:
        raise NotFound(f"no correction {correction_id}")
    where = sa.and_(corrections.c.id == correction_id, corrections.c.undone_at.is_(None))
    with engine.begin() as conn:
        conn.execute(corrections.update().where(where).values(undone_by=by, undone_at=datetime.now(UTC)))
    return next(c for c in corrections_for(engine, council, sha256s) if c.id == correction_id)


def _from_row(row: sa.Row) -> Correction:  # type: ignore[type-arg]
    return Correction(
        row.id,
        row.council,
        row.sha256,
        row.locator,
        row.kind,
        row.action,
        row.field,
        row.old_value,
        row.new_value,
        row.note,
        row.made_by,
        _utc(row.made_at),
        row.bundle_id,
        row.undone_by,
        _utc(row.undone_at) if row.undone_at else None,
    )


def _utc(moment: datetime) -> datetime:
    # SQLite hands times back without their zone; they were stored as UTC.
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)
