"""Who may see which bundle. A bundle belongs to its uploader's council; reviewers see what an
LGA user assigned them; LGA users see everything. Anything a user may not see is "not found",
so nobody learns that another council's bundle exists."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

import sqlalchemy as sa

from ingest.errors import NotFound
from workers.db import assignments, bundle_owners, bundles
from workers.web.users import User


@dataclass(frozen=True)
class BundleView:
    id: str
    label: str
    council: str | None
    created_at: datetime
    previous_id: str | None
    superseded_by: str | None


def _visible_query(user: User) -> sa.Select:  # type: ignore[type-arg]
    later = bundle_owners.alias("later")
    query = (
        sa.select(
            bundles.c.id,
            bundles.c.label,
            bundles.c.created_at,
            sa.func.coalesce(bundle_owners.c.council, bundles.c.council_override).label("council"),
            bundle_owners.c.previous_id,
            later.c.bundle_id.label("superseded_by"),
        )
        .select_from(bundles)
        .outerjoin(bundle_owners, bundle_owners.c.bundle_id == bundles.c.id)
        .outerjoin(later, later.c.previous_id == bundles.c.id)
    )
    if user.role == "lga":
        return query
    if user.role == "council":
        return query.where(bundle_owners.c.council == user.council)
    mine = sa.select(assignments.c.bundle_id).where(assignments.c.user_id == user.id)
    return query.where(bundles.c.id.in_(mine))


def visible_bundles(engine: sa.Engine, user: User, *, latest_only: bool = False) -> list[BundleView]:
    query = _visible_query(user).order_by(bundles.c.created_at.desc())
    with engine.connect() as conn:
        rows = conn.execute(query).all()
    views = [BundleView(r.id, r.label, r.council, r.created_at, r.previous_id, r.superseded_by) for r in rows]
    return [v for v in views if v.superseded_by is None] if latest_only else views


def visible_bundle(engine: sa.Engine, user: User, bundle_id: str) -> BundleView:
    """The bundle if this user may see it; NotFound otherwise, whether or not it exists."""
    with engine.connect() as conn:
        row = conn.execute(_visible_query(user).where(bundles.c.id == bundle_id)).first()
    if row is None:
        raise NotFound(f"no bundle {bundle_id}")
    return BundleView(row.id, row.label, row.council, row.created_at, row.previous_id, row.superseded_by)


def record_owner(
    engine: sa.Engine, bundle_id: str, council: str | None, user: User, previous_id: str | None = None
) -> None:
    with engine.begin() as conn:
        conn.execute(
            bundle_owners.insert().values(
                bundle_id=bundle_id, council=council, uploaded_by=user.id, previous_id=previous_id
            )
        )


def assign(engine: sa.Engine, bundle_id: str, reviewer: User, by: User) -> None:
    with engine.begin() as conn:
        exists = sa.and_(assignments.c.bundle_id == bundle_id, assignments.c.user_id == reviewer.id)
        if conn.execute(sa.select(assignments.c.bundle_id).where(exists)).first() is None:
            conn.execute(
                assignments.insert().values(bundle_id=bundle_id, user_id=reviewer.id, assigned_by=by.id)
            )


def carry_assignments(engine: sa.Engine, previous_id: str, bundle_id: str) -> None:
    """A new version keeps its reviewers: whoever was assigned the previous version is assigned
    this one too (by whoever assigned them before), and keeps the old one to compare."""
    carried = sa.select(sa.literal(bundle_id), assignments.c.user_id, assignments.c.assigned_by).where(
        assignments.c.bundle_id == previous_id
    )
    with engine.begin() as conn:
        conn.execute(assignments.insert().from_select(["bundle_id", "user_id", "assigned_by"], carried))


def is_assigned(engine: sa.Engine, bundle_id: str, user: User) -> bool:
    exists = sa.and_(assignments.c.bundle_id == bundle_id, assignments.c.user_id == user.id)
    with engine.connect() as conn:
        return conn.execute(sa.select(assignments.c.bundle_id).where(exists)).first() is not None


def unassign(engine: sa.Engine, bundle_id: str, reviewer_id: str) -> None:
    with engine.begin() as conn:
        conn.execute(
            assignments.delete().where(
                sa.and_(assignments.c.bundle_id == bundle_id, assignments.c.user_id == reviewer_id)
            )
        )


def assignment_list(engine: sa.Engine) -> list[tuple[str, str]]:
    """(bundle id, reviewer user id) pairs."""
    with engine.connect() as conn:
        rows = conn.execute(sa.select(assignments.c.bundle_id, assignments.c.user_id)).all()
    return [(r.bundle_id, r.user_id) for r in rows]
