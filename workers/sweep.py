"""The sweeper: stage work whose message was lost is sent again.

The store says what should be happening; the broker holds the messages that make it happen.
They part when Redis restarts without its data, when a process dies between marking a stage
queued and sending its message, or when a worker dies running one. The sweeper compares the two,
with the workers' heartbeats, and sends again what nothing would otherwise run:

- a stage `queued` or `retrying` for longer than `lost_after` with no message on the broker;
- a stage `running` on a worker whose heartbeat has lapsed (it is stalled);
- a stage left `pending` for longer than `lost_after` although the stage before it has finished
  (the process that was to send it died first): pending is otherwise the normal state of a stage
  waiting for the one before it, and is left alone.

Sending twice is harmless: results are keyed by (sha256, stage, version), so a duplicate
overwrites its own row, and the hand-over to the next stage is claimed once.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import dramatiq
import sqlalchemy as sa

from workers.broker import stage_message, work_on_broker
from workers.db import stage_runs
from workers.pipeline import PIPELINE, document_stages, stage
from workers.settings import Settings
from workers.store import TERMINAL, Store

SWEEP_LOCK = 47110816  # PostgreSQL advisory lock: one sweeper at a time across machines
WAITING = ("queued", "retrying")
PENDING = "pending"
log = logging.getLogger(__name__)


@dataclass(frozen=True)
class SweepPolicy:
    lost_after: timedelta  # queued or retrying this long with no message: the message was lost
    every: timedelta  # how often each worker sweeps

    @classmethod
    def from_settings(cls, settings: Settings) -> SweepPolicy:
        return cls(timedelta(seconds=settings.sweep_after_s), timedelta(seconds=settings.sweep_every_s))


@dataclass(frozen=True)
class Resent:
    bundle_id: str
    position: int
    stage: str
    was: str  # queued | retrying | stalled | pending


def sweep(store: Store, broker: dramatiq.Broker, policy: SweepPolicy) -> list[Resent] | None:
    """Send again every stage whose message was lost; None when another sweeper holds the lock."""
    now = datetime.now(UTC)
    lost_before = now - policy.lost_after
    started_before = now - store.heartbeat_lapse
    with store.engine.begin() as conn:
        if (
            conn.dialect.name == "postgresql"
            and not conn.execute(
                sa.text("SELECT pg_try_advisory_xact_lock(:key)"), {"key": SWEEP_LOCK}
            ).scalar_one()
        ):
            return None
        rows = conn.execute(
            sa.select(stage_runs).where(
                stage_runs.c.state.in_([*WAITING, "running", PENDING]),
                stage_runs.c.updated_at < max(lost_before, started_before),
            )
        ).all()
        if not rows:
            return []
        on_broker = work_on_broker(broker)
        alive = store.live_workers()
        resent = []
        bundles: dict[str, dict[tuple[int, str], str]] = {}
        for row in rows:
            work = (row.stage, row.bundle_id, row.position)
            if row.state == PENDING:
                cutoff, was = lost_before, PENDING
                lost = _may_start(_states(conn, bundles, row.bundle_id), row.position, row.stage)
            elif row.state in WAITING:
                cutoff, was = lost_before, row.state
                lost = on_broker is None or work not in on_broker
            else:
                cutoff, was = started_before, "stalled"
                lost = row.worker not in alive
            if lost and _before(row.updated_at, cutoff) and _requeue(conn, row, cutoff, now):
                broker.enqueue(stage_message(*work))
                resent.append(Resent(row.bundle_id, row.position, row.stage, was))
    for item in resent:
        log.warning(
            "re-sent %s for bundle %s file %s (%s)", item.stage, item.bundle_id, item.position, item.was
        )
    return resent


def _states(
    conn: sa.Connection, bundles: dict[str, dict[tuple[int, str], str]], bundle_id: str
) -> dict[tuple[int, str], str]:
    """Every stage's state in the bundle, by (position, stage), read once per sweep."""
    if bundle_id not in bundles:
        query = sa.select(stage_runs.c.position, stage_runs.c.stage, stage_runs.c.state)
        found = conn.execute(query.where(stage_runs.c.bundle_id == bundle_id))
        bundles[bundle_id] = {(r.position, r.stage): r.state for r in found}
    return bundles[bundle_id]


def _may_start(states: dict[tuple[int, str], str], position: int, name: str) -> bool:
    """Whether what comes before this stage has finished, as the one that sends it requires:
    the same file's stage before it done, or, for the bundle's first stage, every file's stages
    finished."""
    current = stage(name)
    index = PIPELINE.index(current)
    if index == 0:
        return True
    before = PIPELINE[index - 1]
    if before.per_document == current.per_document:
        return states.get((position, before.name)) == "done"
    per_document = {s.name for s in document_stages()}
    return all(state in TERMINAL for (_, kind), state in states.items() if kind in per_document)


def _before(when: datetime, limit: datetime) -> bool:
    # SQLite gives back naive UTC datetimes; PostgreSQL aware ones.
    return (when if when.tzinfo else when.replace(tzinfo=UTC)) < limit


def _requeue(conn: sa.Connection, row: sa.Row, cutoff: datetime, now: datetime) -> bool:  # type: ignore[type-arg]
    """Mark the run queued again, unless it moved on since it was read."""
    where = sa.and_(
        stage_runs.c.bundle_id == row.bundle_id,
        stage_runs.c.position == row.position,
        stage_runs.c.stage == row.stage,
        stage_runs.c.state == row.state,
        stage_runs.c.updated_at < cutoff,
    )
    if row.worker is not None:
        where = sa.and_(where, stage_runs.c.worker == row.worker)
    done = conn.execute(stage_runs.update().where(where).values(state="queued", updated_at=now))
    return done.rowcount == 1
