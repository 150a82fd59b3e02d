"""The store behind the workers: bundles, their files, stage states and stage results."""

from __future__ import annotations

import copy
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import sqlalchemy as sa

from ingest.bundle import IncomingFile
from ingest.errors import NotFound
from ingest.records import DocError
from workers.blobs import BlobStore, DatabaseBlobStore, FileBlobStore
from workers.db import (
    bundle_files,
    bundles,
    make_engine,
    migrate,
    results,
    stage_runs,
    upsert,
    worker_heartbeats,
)
from workers.pipeline import BUNDLE_POSITION, PIPELINE
from workers.settings import Settings

TERMINAL = frozenset({"done", "failed", "skipped"})


@dataclass(frozen=True)
class FileRow:
    position: int
    name: str
    sha256: str
    size: int
    refusal: DocError | None = None


@dataclass(frozen=True)
class RunRow:
    position: int
    stage: str
    state: str
    error_code: str | None
    error_message: str | None
    attempts: int
    worker: str | None
    stalled: bool = False  # running on a worker whose heartbeat has lapsed: it will not finish

    @property
    def shown_state(self) -> str:
        """The state as status reports it: a stalled run is not "running"."""
        return "stalled" if self.stalled else self.state


@dataclass(frozen=True)
class BundleRow:
    id: str
    label: str
    council_override: str | None
    created_at: datetime


class Store:
    def __init__(
        self, engine: sa.Engine, blobs: BlobStore, heartbeat_lapse: timedelta = timedelta(seconds=60)
    ) -> None:
        self.engine = engine
        self.blobs = blobs
        self.heartbeat_lapse = heartbeat_lapse  # a worker not seen this long is gone
        self._serving: tuple[str, int] | None = None  # (bundle id, rebuild generation): see serving()

    @classmethod
    def open(cls, settings: Settings, *, migrate_schema: bool = True) -> Store:
        if settings.database_url.startswith("sqlite"):
            settings.home.mkdir(parents=True, exist_ok=True)
        engine = make_engine(settings.database_url, settings.db_application_name)
        if migrate_schema:
            migrate(engine)
        blob_store: BlobStore = (
            FileBlobStore(settings.blob_dir) if settings.blob_dir else DatabaseBlobStore(engine)
        )
        return cls(engine, blob_store, timedelta(milliseconds=settings.heartbeat_ms))

    # -- bundles -------------------------------------------------------------------------
    def create_bundle(self, label: str, files: list[IncomingFile], council: str | None) -> str:
        """Store every file's bytes unchanged (refused ones too), then the bundle and a pending
        run per stage."""
        bundle_id = uuid.uuid4().hex
        rows = [
            {
                "bundle_id": bundle_id,
                "position": position,
                "name": incoming.name,
                "sha256": self.blobs.put(incoming.data),
                "size": len(incoming.data),
                "refusal": incoming.error.model_dump_json() if incoming.error else None,
            }
            for position, incoming in enumerate(files)
        ]
        with self.engine.begin() as conn:
            conn.execute(bundles.insert().values(id=bundle_id, label=label[:500], council_override=council))
            if rows:
                conn.execute(bundle_files.insert(), rows)
            conn.execute(stage_runs.insert(), self._pending_runs(bundle_id, len(rows)))
        return bundle_id

    @staticmethod
    def _pending_runs(bundle_id: str, n_files: int) -> list[dict[str, object]]:
        runs: list[dict[str, object]] = []
        for stage in PIPELINE:
            positions = range(n_files) if stage.per_document else [BUNDLE_POSITION]
            runs += [
                {"bundle_id": bundle_id, "position": p, "stage": stage.name, "state": "pending"}
                for p in positions
            ]
        return runs

    def bundle(self, bundle_id: str) -> BundleRow:
        with self.engine.connect() as conn:
            row = conn.execute(sa.select(bundles).where(bundles.c.id == bundle_id)).first()
        if row is None:
            raise NotFound(f"no bundle {bundle_id}")
        return BundleRow(row.id, row.label, row.council_override, row.created_at)

    def list_bundles(self) -> list[BundleRow]:
        with self.engine.connect() as conn:
            rows = conn.execute(sa.select(bundles).order_by(bundles.c.created_at.desc())).all()
        return [BundleRow(r.id, r.label, r.council_override, r.created_at) for r in rows]

    def files(self, bundle_id: str) -> list[FileRow]:
        query = sa.select(bundle_files).where(bundle_files.c.bundle_id == bundle_id)
        with self.engine.connect() as conn:
            rows = conn.execute(query.order_by(bundle_files.c.position)).all()
        return [
            FileRow(
                r.position,
                r.name,
                r.sha256,
                r.size,
                DocError.model_validate_json(r.refusal) if r.refusal else None,
            )
            for r in rows
        ]

    def file(self, bundle_id: str, position: int) -> FileRow:
        match = [f for f in self.files(bundle_id) if f.position == position]
        if not match:
            raise NotFound(f"no file {position} in bundle {bundle_id}")
        return match[0]

    # -- rebuilds -------------------------------------------------------------------------
    def request_rebuild(self, bundle_id: str) -> int:
        """Count one more rebuild asked for; its generation, the new count."""
        where = bundles.c.id == bundle_id
        with self.engine.begin() as conn:
            conn.execute(
                bundles.update().where(where).values(rebuilds_requested=bundles.c.rebuilds_requested + 1)
            )
            return int(conn.execute(sa.select(bundles.c.rebuilds_requested).where(where)).scalar_one())

    def rebuilds(self, bundle_id: str) -> tuple[int, int]:
        """(generations asked for, the newest generation finished)."""
        query = sa.select(bundles.c.rebuilds_requested, bundles.c.rebuilds_finished)
        with self.engine.connect() as conn:
            row = conn.execute(query.where(bundles.c.id == bundle_id)).first()
        if row is None:
            raise NotFound(f"no bundle {bundle_id}")
        return int(row.rebuilds_requested), int(row.rebuilds_finished)

    def serving(self, bundle_id: str, generation: int) -> Store:
        """This store, for a run of a bundle stage that serves rebuild `generation`: its writes to
        the bundle (results keyed by it, its stage states) are made only while no newer rebuild has
        been asked for, and dropped after, so that an older run finishing last never writes over a
        newer one's review, pack or state. Each write checks in its own transaction, holding the
        bundle's row, so a rebuild asked for meanwhile (request_rebuild) waits for the write to
        commit, and the run sent for it starts after it."""
        bound = copy.copy(self)
        bound._serving = (bundle_id, generation)
        return bound

    def _serves_latest(self, conn: sa.Connection, bundle_id: str) -> bool:
        if self._serving is None or self._serving[0] != bundle_id:
            return True
        query = sa.select(bundles.c.rebuilds_requested).where(bundles.c.id == bundle_id)
        latest = conn.execute(query.with_for_update(key_share=True)).scalar_one()  # FOR NO KEY UPDATE
        return self._serving[1] >= int(latest)

    def finish_rebuild(self, bundle_id: str, generation: int) -> None:
        """Record that the bundle stages serving `generation` have finished (an older one
        finishing later changes nothing)."""
        where = sa.and_(bundles.c.id == bundle_id, bundles.c.rebuilds_finished < generation)
        with self.engine.begin() as conn:
            conn.execute(bundles.update().where(where).values(rebuilds_finished=generation))

    # -- stage runs ----------------------------------------------------------------------
    def runs(self, bundle_id: str) -> list[RunRow]:
        query = sa.select(stage_runs).where(stage_runs.c.bundle_id == bundle_id)
        with self.engine.connect() as conn:
            rows = conn.execute(query.order_by(stage_runs.c.position)).all()
            running = {r.worker for r in rows if r.state == "running"}
            alive: set[str] = self._alive(conn, running) if running else set()
        return [
            RunRow(
                r.position,
                r.stage,
                r.state,
                r.error_code,
                r.error_message,
                r.attempts,
                r.worker,
                stalled=r.state == "running" and r.worker not in alive,
            )
            for r in rows
        ]

    # -- worker liveness -----------------------------------------------------------------
    def beat(self, worker: str) -> None:
        """Record that this worker process is alive now."""
        values = {"worker": worker, "seen_at": datetime.now(UTC)}
        with self.engine.begin() as conn:
            upsert(conn, worker_heartbeats, values, update=["seen_at"])

    def live_workers(self) -> set[str]:
        """The workers seen within the heartbeat lapse."""
        with self.engine.connect() as conn:
            return self._alive(conn, None)

    def _alive(self, conn: sa.Connection, among: set[str | None] | None) -> set[str]:
        since = datetime.now(UTC) - self.heartbeat_lapse
        query = sa.select(worker_heartbeats.c.worker).where(worker_heartbeats.c.seen_at >= since)
        if among is not None:
            query = query.where(worker_heartbeats.c.worker.in_([w for w in among if w]))
        return {str(w) for w in conn.execute(query).scalars()}

    def set_state(self, bundle_id: str, position: int, stage: str, state: str, **fields: object) -> None:
        where = sa.and_(
            stage_runs.c.bundle_id == bundle_id,
            stage_runs.c.position == position,
            stage_runs.c.stage == stage,
        )
        values = {"state": state, "updated_at": datetime.now(UTC), **fields}
        if state == "running":
            values["attempts"] = stage_runs.c.attempts + 1
        with self.engine.begin() as conn:
            if self._serves_latest(conn, bundle_id):
                conn.execute(stage_runs.update().where(where).values(**values))

    def claim(
        self, bundle_id: str, position: int, stage: str, from_state: str, to_state: str, **fields: object
    ) -> bool:
        """Move a run from one state to another (setting `fields`) atomically; True for the one
        caller that did."""
        where = sa.and_(
            stage_runs.c.bundle_id == bundle_id,
            stage_runs.c.position == position,
            stage_runs.c.stage == stage,
            stage_runs.c.state == from_state,
        )
        values = {"state": to_state, "updated_at": datetime.now(UTC), **fields}
        with self.engine.begin() as conn:
            if not self._serves_latest(conn, bundle_id):
                return False
            done = conn.execute(stage_runs.update().where(where).values(**values))
        return done.rowcount == 1

    def claim_unless(
        self, bundle_id: str, position: int, stage: str, unless: str, to_state: str, **fields: object
    ) -> bool:
        """Move a run to `to_state` (setting `fields`) atomically unless it is in state `unless`;
        True if it moved."""
        where = sa.and_(
            stage_runs.c.bundle_id == bundle_id,
            stage_runs.c.position == position,
            stage_runs.c.stage == stage,
            stage_runs.c.state != unless,
        )
        values = {"state": to_state, "updated_at": datetime.now(UTC), **fields}
        with self.engine.begin() as conn:
            if not self._serves_latest(conn, bundle_id):
                return False
            done = conn.execute(stage_runs.update().where(where).values(**values))
        return done.rowcount == 1

    # -- results -------------------------------------------------------------------------
    def save_result(self, key: str, stage: str, version: int, payload: str) -> bool:
        """Store a result over any with the same key; False where it was dropped (serving())."""
        values = {
            "key": key,
            "stage": stage,
            "version": version,
            "payload": payload,
            "stored_at": datetime.now(UTC),
        }
        with self.engine.begin() as conn:
            if not self._serves_latest(conn, key):
                return False
            upsert(conn, results, values, update=["payload", "stored_at"])
        return True

    def load_result(self, key: str, stage: str, version: int) -> str:
        where = sa.and_(results.c.key == key, results.c.stage == stage, results.c.version == version)
        with self.engine.connect() as conn:
            row = conn.execute(sa.select(results.c.payload).where(where)).first()
        if row is None:
            raise NotFound(f"no {stage} v{version} result for {key}")
        return str(row.payload)

    def load_results(self, keys: list[str], stage: str, version: int) -> dict[str, str]:
        """The payloads stored for these keys (those that have one), in one query."""
        if not keys:
            return {}
        where = sa.and_(results.c.key.in_(keys), results.c.stage == stage, results.c.version == version)
        with self.engine.connect() as conn:
            rows = conn.execute(sa.select(results.c.key, results.c.payload).where(where)).all()
        return {str(r.key): str(r.payload) for r in rows}

    def newest_result(self, key: str, stage: str) -> str:
        """The result stored last for this key and stage, by whichever version of the stage: what a
        bundle shows and fetches, though a later release made none yet (a run reads its own
        version's, load_result)."""
        found = self.newest_results([key], stage)
        if key not in found:
            raise NotFound(f"no {stage} result for {key}")
        return found[key]

    def newest_results(self, keys: list[str], stage: str) -> dict[str, str]:
        """newest_result for each of these keys that has one."""
        versions = self.stored_versions(keys, stage)
        by_version: dict[int, list[str]] = {}
        for key, stored in versions.items():
            by_version.setdefault(stored[-1], []).append(key)
        return {
            k: v
            for version, some in by_version.items()
            for k, v in self.load_results(some, stage, version).items()
        }

    def stored_versions(self, keys: list[str], stage: str) -> dict[str, list[int]]:
        """The versions of the stage that stored a result for each of these keys (those with
        one), the one stored last at the end."""
        if not keys:
            return {}
        query = (
            sa.select(results.c.key, results.c.version)
            .where(results.c.key.in_(keys), results.c.stage == stage)
            .order_by(results.c.stored_at, results.c.version)
        )
        out: dict[str, list[int]] = {}
        with self.engine.connect() as conn:
            for row in conn.execute(query):
                out.setdefault(str(row.key), []).append(int(row.version))
        return out

    def count_results(self, key: str, stage: str) -> int:
        where = sa.and_(results.c.key == key, results.c.stage == stage)
        with self.engine.connect() as conn:
            return int(
                conn.execute(sa.select(sa.func.count()).select_from(results).where(where)).scalar_one()
            )
