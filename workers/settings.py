"""Settings read from the environment: the only place reviewpack looks at it.

Embedded defaults (no services): SQLite and a local file store under REVIEWPACK_HOME, an
in-process broker. With REDIS_URL and DATABASE_URL set, Redis and PostgreSQL; blobs then go in
the database unless REVIEWPACK_BLOB_DIR names a shared volume, so a second worker machine needs
nothing else.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Settings:
    home: Path
    database_url: str
    redis_url: str | None
    blob_dir: Path | None
    heartbeat_ms: int
    maintenance_chance: int
    benchmarks_path: Path | None
    secret_key: str | None = None
    upload_limit_mb: int = 200
    secure_cookies: bool = False
    public_docs: bool = False
    trusted_proxies: tuple[str, ...] = ()
    # A stage queued (or retrying) this long with no message on the broker is taken to have lost
    # it, and the sweeper sends it again.
    sweep_after_s: float = 120.0
    # How often each worker runs the sweeper (one at a time, under a PostgreSQL advisory lock).
    sweep_every_s: float = 60.0
    # How reviewpack names itself to PostgreSQL (pg_stat_activity.application_name).
    db_application_name: str = "reviewpack"
    # Embedded mode: processes reading documents and rendering at once (REVIEWPACK_PROCESSES;
    # every core by default). 1 runs every stage in the one process.
    processes: int = 1
    # A stage on one document (reading it, or rendering one output) is stopped after this many
    # seconds and recorded as failed, not retried; the rest of the bundle goes on. Embedded mode's
    # stage processes and distributed workers' actors both keep to it.
    document_budget_s: float = 600.0
    # The bound on each stage process's address space (MB), embedded mode's and a distributed
    # worker's: past it a file fails alone, with a MemoryError recorded on it. A process with
    # every stage loaded maps about 800 MB.
    process_memory_mb: int = 3072
    # A trained spaCy pipeline to read words with (REVIEWPACK_SPACY_MODEL: a package or a folder);
    # None: the blank English one (ingest.language).
    spacy_model: str | None = None

    @property
    def distributed(self) -> bool:
        return self.redis_url is not None


def _sqlalchemy_url(url: str) -> str:
    # Heroku-style and plain postgres URLs name no driver; we ship psycopg 3.
    for prefix in ("postgres://", "postgresql://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix) :]
    return url


def _flag(env: dict[str, str], name: str) -> bool:
    return env.get(name, "").strip().lower() in {"1", "true", "yes", "on"}


def load_settings(env: dict[str, str] | None = None) -> Settings:
    env = dict(os.environ if env is None else env)
    home = Path(env.get("REVIEWPACK_HOME", Path.cwd() / ".reviewpack")).resolve()
    database_url = env.get("DATABASE_URL") or f"sqlite:///{home / 'reviewpack.db'}"
    blob_dir = env.get("REVIEWPACK_BLOB_DIR")
    if blob_dir is None and "DATABASE_URL" not in env:
        blob_dir = str(home / "blobs")
    benchmarks = env.get("REVIEWPACK_BENCHMARKS")
    return Settings(
        home=home,
        database_url=_sqlalchemy_url(database_url),
        redis_url=env.get("REDIS_URL") or None,
        blob_dir=Path(blob_dir) if blob_dir else None,
        heartbeat_ms=int(env.get("REVIEWPACK_HEARTBEAT_MS", "60000")),
        maintenance_chance=int(env.get("REVIEWPACK_MAINTENANCE_CHANCE", "1000")),
        benchmarks_path=Path(benchmarks) if benchmarks else None,
        secret_key=env.get("REVIEWPACK_SECRET_KEY") or None,
        upload_limit_mb=int(env.get("REVIEWPACK_UPLOAD_LIMIT_MB", "200")),
        secure_cookies=_flag(env, "REVIEWPACK_SECURE_COOKIES"),
        public_docs=_flag(env, "REVIEWPACK_PUBLIC_DOCS"),
        trusted_proxies=tuple(
            p.strip() for p in env.get("REVIEWPACK_TRUSTED_PROXIES", "").split(",") if p.strip()
        ),
        sweep_after_s=float(env.get("REVIEWPACK_SWEEP_AFTER_S", "120")),
        sweep_every_s=float(env.get("REVIEWPACK_SWEEP_EVERY_S", "60")),
        db_application_name=env.get("REVIEWPACK_DB_APPLICATION_NAME", "reviewpack"),
        processes=max(1, int(env.get("REVIEWPACK_PROCESSES") or os.cpu_count() or 1)),
        document_budget_s=float(env.get("REVIEWPACK_DOCUMENT_BUDGET_S", "600")),
        process_memory_mb=int(env.get("REVIEWPACK_PROCESS_MEMORY_MB", "3072")),
        spacy_model=env.get("REVIEWPACK_SPACY_MODEL", "").strip() or None,
    )
