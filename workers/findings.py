"""Reviewers' findings: stored per bundle, shown in that bundle and every later version of it.

A finding cites figures by the key corrections use (kind, file sha256, locator) and a field, so a
citation holds on re-runs and in new versions holding the same file. Editing overwrites the text
and stamps who edited; deleting stamps the row; nothing written is lost.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Sequence
from datetime import UTC, datetime

import sqlalchemy as sa

from analyse.records import FINDING_KINDS, CitedFigure, ReviewerFinding
from ingest.errors import BadInput, NotFound
from workers.corrections import FIELDS
from workers.db import bundle_owners, findings

MAX_TEXT = 2000
MAX_CITES = 12


class InvalidFinding(BadInput):
    code = "invalid_finding"


def checked_finding(kind: str, text: str, cites: Sequence[CitedFigure]) -> tuple[str, str, list[CitedFigure]]:
    """The kind, trimmed text and cites of a finding, or InvalidFinding saying what is wrong."""
    if kind not in FINDING_KINDS:
        raise InvalidFinding(f"the kind of finding must be one of {', '.join(FINDING_KINDS)}")
    text = text.strip()
    if not text:
        raise InvalidFinding("write the finding's text")
    if len(text) > MAX_TEXT:
        raise InvalidFinding(f"a finding is at most {MAX_TEXT} characters; this one has {len(text)}")
    if len(cites) > MAX_CITES:
        raise InvalidFinding(f"a finding cites at most {MAX_CITES} figures")
    for cite in cites:
        if cite.field is not None and cite.field not in FIELDS[cite.kind]:
            allowed = ", ".join(FIELDS[cite.kind]) or "no field"
            raise InvalidFinding(f"a {cite.kind.replace('_', ' ')} is cited by {allowed}, not {cite.field}")
    return (
        kind,
        text,
        [CitedFigure(kind=c.kind, sha256=c.sha256, locator=c.locator, field=c.field) for c in cites],
    )


def add_finding(
    engine: sa.Engine,
    bundle_id: str,
    council: str | None,
    by: str,
    kind: str,
    text: str,
    cites: Sequence[CitedFigure] = (),
) -> ReviewerFinding:
    kind, text, cites = checked_finding(kind, text, cites)
    finding_id = uuid.uuid4().hex
    row = {
        "id": finding_id,
        "council": council,
        "bundle_id": bundle_id,
        "kind": kind,
        "text": text,
        "cites": _cites_json(cites),
        "made_by": by,
        "made_at": datetime.now(UTC),
    }
    with engine.begin() as conn:
        conn.execute(findings.insert().values(**row))
    return _one(engine, bundle_id, finding_id)


def edit_finding(
    engine: sa.Engine,
    bundle_id: str,
    finding_id: str,
    by: str,
    kind: str,
    text: str,
    cites: Sequence[CitedFigure] = (),
) -> ReviewerFinding:
    """Overwrite a finding of this bundle's chain (NotFound for any other)."""
    _one(engine, bundle_id, finding_id)
    kind, text, cites = checked_finding(kind, text, cites)
    values = {"kind": kind, "text": text, "cites": _cites_json(cites)}
    with engine.begin() as conn:
        conn.execute(
            findings.update()
            .where(findings.c.id == finding_id)
            .values(**values, edited_by=by, edited_at=datetime.now(UTC))
        )
    return _one(engine, bundle_id, finding_id)


def delete_finding(engine: sa.Engine, bundle_id: str, finding_id: str, by: str) -> None:
    """Stamp a finding of this bundle's chain deleted (NotFound for any other)."""
    _one(engine, bundle_id, finding_id)
    with engine.begin() as conn:
        conn.execute(
            findings.update()
            .where(findings.c.id == finding_id)
            .values(deleted_by=by, deleted_at=datetime.now(UTC))
        )


def findings_for(engine: sa.Engine, bundle_id: str) -> list[ReviewerFinding]:
    """The live findings made on this bundle or any earlier version of it, oldest first."""
    chain = version_chain(engine, bundle_id)
    query = (
        sa.select(findings)
        .where(findings.c.bundle_id.in_(chain), findings.c.deleted_at.is_(None))
        .order_by(findings.c.made_at, findings.c.id)
    )
    with engine.connect() as conn:
        return [_from_row(r) for r in conn.execute(query).all()]


def version_chain(engine: sa.Engine, bundle_id: str) -> list[str]:
    """This bundle and the versions before it, newest first."""
    chain = [bundle_id]
    with engine.connect() as conn:
        while len(chain) < 1000:
            previous = conn.execute(
                sa.select(bundle_owners.c.previous_id).where(bundle_owners.c.bundle_id == chain[-1])
            ).scalar()
            if not previous or previous in chain:
                break
            chain.append(previous)
    return chain


def _one(engine: sa.Engine, bundle_id: str, finding_id: str) -> ReviewerFinding:
    found = next((f for f in findings_for(engine, bundle_id) if f.id == finding_id), None)
    if found is None:
        raise NotFound(f"no finding {finding_id}")
    return found


def _cites_json(cites: Sequence[CitedFigure]) -> str:
    return json.dumps([c.model_dump(include={"kind", "sha256", "locator", "field"}) for c in cites])


def _from_row(row: sa.Row) -> ReviewerFinding:  # type: ignore[type-arg]
    return ReviewerFinding(
        id=row.id,
        kind=row.kind,
        text=row.text,
        by=row.made_by,
        at=_utc(row.made_at).isoformat(),
        edited_by=row.edited_by,
        edited_at=_utc(row.edited_at).isoformat() if row.edited_at else None,
        cites=[CitedFigure.model_validate(c) for c in json.loads(row.cites)],
    )


def _utc(moment: datetime) -> datetime:
    # SQLite hands times back without their zone; they were stored as UTC.
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)
