"""The database schema (SQLAlchemy Core) and its migration to the current version.

Results are keyed by (key, stage, version): `key` is a document's sha256 for per-document
stages and the bundle id for per-bundle ones, so a redelivered message overwrites its own row.
"""

from __future__ import annotations

import weakref
from pathlib import Path

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql, sqlite

metadata = sa.MetaData()

bundles = sa.Table(
    "bundles",
    metadata,
    sa.Column("id", sa.String(32), primary_key=True),
    sa.Column("label", sa.String(500), nullable=False, server_default=""),
    sa.Column("council_override", sa.String(200), nullable=True),
    sa.Column("created_at", sa.DateTime(timezone=True), nullable=False, server_default=sa.func.now()),
    # Rebuild generations (migration 0008): rebuilds asked for after a reviewer's correction or
    # finding, and the newest one whose bundle stages have finished (workers.actors).
    sa.Column("rebuilds_requested", sa.Integer, nullable=False, server_default="0"),
    sa.Column("rebuilds_finished", sa.Integer, nullable=False, server_default="0"),
)

bundle_files = sa.Table(
    "bundle_files",
    metadata,
    sa.Column("bundle_id", sa.String(32), sa.ForeignKey("bundles.id"), primary_key=True),
    sa.Column("position", sa.Integer, primary_key=True),
    sa.Column("name", sa.String(1000), nullable=False),
    sa.Column("sha256", sa.String(64), nullable=False),
    sa.Column("size", sa.BigInteger, nullable=False),
    sa.Column("refusal", sa.Text, nullable=True),  # why unpacking the bundle refused it (JSON DocError)
)

blobs = sa.Table(
    "blobs",
    metadata,
    sa.Column("sha256", sa.String(64), primary_key=True),
    sa.Column("size", sa.BigInteger, nullable=False),
    sa.Column("data", sa.LargeBinary, nullable=True),
)

results = sa.Table(
    "results",
    metadata,
    sa.Column("key", sa.String(64), primary_key=True),
    sa.Column("stage", sa.String(32), primary_key=True),
    sa.Column("version", sa.Integer, primary_key=True),
    sa.Column("payload", sa.Text, nullable=False),
    sa.Column("stored_at", sa.DateTime(timezone=True), nullable=False, server_default=sa.func.now()),
)

stage_runs = sa.Table(
    "stage_runs",
    metadata,
    sa.Column("bundle_id", sa.String(32), sa.ForeignKey("bundles.id"), primary_key=True),
    sa.Column("position", sa.Integer, primary_key=True),  # -1 for per-bundle stages
    sa.Column("stage", sa.String(32), primary_key=True),
    sa.Column("state", sa.String(16), nullable=False),
    sa.Column("error_code", sa.String(64), nullable=True),
    sa.Column("error_message", sa.Text, nullable=True),
    sa.Column("attempts", sa.Integer, nullable=False, server_default="0"),
    sa.Column("worker", sa.String(200), nullable=True),
    sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False, server_default=sa.func.now()),
)

MIGRATIONS = Path(__file__).with_name("migrations")


def make_engine(url: str, application_name: str = "reviewpack") -> sa.Engine:
    if url.startswith("sqlite"):
        engine = sa.create_engine(url, connect_args={"check_same_thread": False, "timeout": 30})
        sa.event.listen(engine, "connect", _sqlite_pragmas)
    else:
        engine = sa.create_engine(
            url, pool_pre_ping=True, connect_args={"application_name": application_name}
        )
    # Its connections are closed when it is dropped, or at exit at the latest: the command line
    # leaves what it made to the exit uncollected (workers.cli.main), and SQLite's last close is
    # what folds the write-ahead log back into the database.
    weakref.finalize(engine, engine.pool.dispose)
    return engine


def _sqlite_pragmas(dbapi_connection, _record) -> None:  # type: ignore[no-untyped-def]
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    # A commit goes to the log without waiting for the disk (which is flushed at each checkpoint):
    # embedded mode commits a few times per stage, and waiting on each cost a bundle a second of
    # its stages' hand-overs. The database stays whole whatever stops the machine; a power cut may
    # undo the last commits, never part of one.
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.close()


def migrate(engine: sa.Engine) -> None:
    """Bring the schema to the newest Alembic revision; safe when several workers start at once."""
    from alembic import command  # here, not at the top: workers boot without migrating
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    with engine.begin() as connection:
        if connection.dialect.name == "postgresql":
            # One migrator at a time across machines; the lock ends with the transaction.
            connection.execute(sa.text("SELECT pg_advisory_xact_lock(47110815)"))
        config.attributes["connection"] = connection
        command.upgrade(config, "head")


def upsert(conn: sa.Connection, table: sa.Table, values: dict[str, object], update: list[str]) -> None:
    """Insert a row, or overwrite the named columns of the row with the same primary key."""
    keys = [c.name for c in table.primary_key.columns]
    dialect = postgresql if conn.dialect.name == "postgresql" else sqlite
    stmt = dialect.insert(table).values(**values)
    if update:
        stmt = stmt.on_conflict_do_update(index_elements=keys, set_={k: stmt.excluded[k] for k in update})
    else:
        stmt = stmt.on_conflict_do_nothing(index_elements=keys)
    conn.execute(stmt)


# -- the web application (migration 0002) ------------------------------------------------------
# Who may see a bundle is decided here: a council user sees its council's bundles, a reviewer
# the ones assigned to them, an LGA user every one.

users = sa.Table(
    "users",
    metadata,
    sa.Column("id", sa.String(32), primary_key=True),
    sa.Column("email", sa.String(320), nullable=False, unique=True),
    sa.Column("password_hash", sa.String(200), nullable=False),
    sa.Column("role", sa.String(16), nullable=False),  # council | reviewer | lga
    sa.Column("council", sa.String(200), nullable=True),
    sa.Column("created_at", sa.DateTime(timezone=True), nullable=False, server_default=sa.func.now()),
)

api_tokens = sa.Table(
    "api_tokens",
    metadata,
    sa.Column("token_hash", sa.String(64), primary_key=True),  # sha256 of the token; never the token
    sa.Column("user_id", sa.String(32), sa.ForeignKey("users.id"), nullable=False),
    sa.Column("label", sa.String(200), nullable=False, server_default=""),
    sa.Column("created_at", sa.DateTime(timezone=True), nullable=False, server_default=sa.func.now()),
)

bundle_owners = sa.Table(
    "bundle_owners",
    metadata,
    sa.Column("bundle_id", sa.String(32), sa.ForeignKey("bundles.id"), primary_key=True),
    sa.Column("council", sa.String(200), nullable=True, index=True),
    sa.Column("uploaded_by", sa.String(32), sa.ForeignKey("users.id"), nullable=True),
    sa.Column("previous_id", sa.String(32), sa.ForeignKey("bundles.id"), nullable=True),
)

assignments = sa.Table(
    "assignments",
    metadata,
    sa.Column("bundle_id", sa.String(32), sa.ForeignKey("bundles.id"), primary_key=True),
    sa.Column("user_id", sa.String(32), sa.ForeignKey("users.id"), primary_key=True),
    sa.Column("assigned_by", sa.String(32), sa.ForeignKey("users.id"), nullable=True),
    sa.Column("created_at", sa.DateTime(timezone=True), nullable=False, server_default=sa.func.now()),
)

web_secrets = sa.Table(
    "web_secrets",
    metadata,
    sa.Column("name", sa.String(64), primary_key=True),
    sa.Column("value", sa.String(200), nullable=False),
)

review_index = sa.Table(
    "review_index",
    metadata,
    sa.Column("bundle_id", sa.String(32), sa.ForeignKey("bundles.id"), primary_key=True),
    sa.Column("stored_at", sa.DateTime(timezone=True), nullable=False),  # of the result indexed
    sa.Column("council_name", sa.String(300), nullable=True),
    sa.Column("la_code", sa.String(20), nullable=True),
    sa.Column("region", sa.String(100), nullable=True),
    sa.Column("la_type", sa.String(20), nullable=True),
    sa.Column("period", sa.String(10), nullable=True),
    sa.Column("themes", sa.Text, nullable=False, server_default="[]"),  # JSON list
)

review_lines = sa.Table(
    "review_lines",
    metadata,
    sa.Column("bundle_id", sa.String(32), sa.ForeignKey("bundles.id"), primary_key=True),
    sa.Column("seq", sa.Integer, primary_key=True),
    sa.Column("kind", sa.String(16), nullable=False),  # saving | pressure
    sa.Column("title", sa.Text, nullable=False),
    sa.Column("description", sa.Text, nullable=False, server_default=""),
    sa.Column("directorate", sa.String(300), nullable=True),
    sa.Column("period", sa.String(10), nullable=True),
    sa.Column("amount_gbp", sa.Float, nullable=True),
    sa.Column("at_risk", sa.Boolean, nullable=False, server_default=sa.false()),
    sa.Column("rag", sa.String(10), nullable=True),
    sa.Column("file", sa.String(1000), nullable=True),
    sa.Column("page", sa.Integer, nullable=True),
    sa.Column("locator", sa.String(300), nullable=True),
    sa.Column("ref", sa.String(40), nullable=True),  # the item on the figures page
)

# -- reviewers' corrections (migration 0003) ----------------------------------------------------
# Keyed by the record's place in its file (sha256 + locator) and the council whose bundle it was
# made on, so a correction applies on every re-run and to every later version of the bundle that
# holds the same file. Undoing one stamps it; nothing is deleted, so the history stays.

corrections = sa.Table(
    "corrections",
    metadata,
    sa.Column("id", sa.String(32), primary_key=True),
    sa.Column("council", sa.String(200), nullable=True),
    sa.Column("sha256", sa.String(64), nullable=False),
    sa.Column("locator", sa.String(1000), nullable=False),
    sa.Column("kind", sa.String(16), nullable=False),  # budget_line | saving | pressure
    sa.Column("action", sa.String(16), nullable=False),  # confirmed | corrected | in_scope | out_of_scope
    sa.Column("field", sa.String(32), nullable=True),  # the field corrected ("forecast_gbp")
    sa.Column("old_value", sa.Float, nullable=True),  # pounds, as the record had it when corrected
    sa.Column("new_value", sa.Float, nullable=True),
    sa.Column("note", sa.Text, nullable=False, server_default=""),
    sa.Column("made_by", sa.String(320), nullable=False),
    sa.Column("made_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("bundle_id", sa.String(32), sa.ForeignKey("bundles.id"), nullable=True),  # made on
    sa.Column("undone_by", sa.String(320), nullable=True),
    sa.Column("undone_at", sa.DateTime(timezone=True), nullable=True),
    sa.Index("ix_corrections_sha256", "sha256"),
)

# -- signed-in browser sessions (migration 0004) ------------------------------------------------
# The session cookie carries a random id; only its sha256 is kept here. Signing out deletes the
# row, a password reset deletes all of the user's, so an old cookie stops working at once.

web_sessions = sa.Table(
    "web_sessions",
    metadata,
    sa.Column("id_hash", sa.String(64), primary_key=True),  # sha256 of the cookie's session id
    sa.Column("user_id", sa.String(32), sa.ForeignKey("users.id"), nullable=False, index=True),
    sa.Column("expires_at", sa.Float, nullable=False),  # seconds since the epoch
)

# -- slowing guessed passwords and tokens (migration 0005) --------------------------------------
# One row per thing counted: an account tried from one address, one address across accounts, or
# one address sending unknown API tokens. Kept here, not in memory, so every web process counts
# alike and a restart does not reset the count.

login_throttle = sa.Table(
    "login_throttle",
    metadata,
    sa.Column("key", sa.String(420), primary_key=True),  # "login <email> from <address>", ...
    sa.Column("failures", sa.Integer, nullable=False),
    sa.Column("last_failure", sa.Float, nullable=False, index=True),  # seconds since the epoch
    sa.Column("locked_until", sa.Float, nullable=False),
)

# -- worker liveness (migration 0006) ----------------------------------------------------------
# Each worker process writes its id and the time here every few seconds. A stage `running` on a
# worker not seen for longer than the heartbeat lapse is stalled: `status` says so and the sweeper
# sends its message again.

worker_heartbeats = sa.Table(
    "worker_heartbeats",
    metadata,
    sa.Column("worker", sa.String(200), primary_key=True),  # stage_runs.worker: host:pid
    sa.Column("seen_at", sa.DateTime(timezone=True), nullable=False),
)

# -- reviewers' findings (migration 0007) ------------------------------------------------------
# What reviewers write for the feedback, made on one bundle and shown in it and every later
# version of it. An edit overwrites the text and stamps who edited; a deletion stamps the row,
# so nothing written is lost.

findings = sa.Table(
    "findings",
    metadata,
    sa.Column("id", sa.String(32), primary_key=True),
    sa.Column("council", sa.String(200), nullable=True),
    sa.Column("bundle_id", sa.String(32), sa.ForeignKey("bundles.id"), nullable=False, index=True),
    sa.Column(
        "kind", sa.String(32), nullable=False
    ),  # key_message | strength | area_for_... | recommendation
    sa.Column("text", sa.Text, nullable=False),
    sa.Column("cites", sa.Text, nullable=False, server_default="[]"),  # JSON [{kind, sha256, locator, field}]
    sa.Column("made_by", sa.String(320), nullable=False),
    sa.Column("made_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("edited_by", sa.String(320), nullable=True),
    sa.Column("edited_at", sa.DateTime(timezone=True), nullable=True),
    sa.Column("deleted_by", sa.String(320), nullable=True),
    sa.Column("deleted_at", sa.DateTime(timezone=True), nullable=True),
)
