"""The web application's own settings, taken from Settings where it has them.

Settings (workers/settings.py) is the only place that reads the environment. Without
REVIEWPACK_SECRET_KEY the session secret is generated once and kept in the database, so every
web process signs alike.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass

import sqlalchemy as sa

from workers.db import upsert, web_secrets
from workers.settings import Settings

SESSION_HOURS = 8


@dataclass(frozen=True)
class WebConfig:
    secret_key: str
    upload_limit_bytes: int
    secure_cookies: bool = False
    session_max_age_s: int = SESSION_HOURS * 3600
    public_docs: bool = False  # /docs, /redoc and /openapi.json without signing in
    trusted_proxies: tuple[str, ...] = ()  # addresses or networks whose X-Forwarded-* are believed

    @property
    def upload_limit_mb(self) -> int:
        return self.upload_limit_bytes // (1024 * 1024)


def web_config(settings: Settings, engine: sa.Engine) -> WebConfig:
    secret = settings.secret_key or stored_secret(engine, "session")
    return WebConfig(
        secret,
        settings.upload_limit_mb * 1024 * 1024,
        settings.secure_cookies,
        public_docs=settings.public_docs,
        trusted_proxies=settings.trusted_proxies,
    )


def stored_secret(engine: sa.Engine, name: str) -> str:
    """A random secret made on first use and shared by every process through the database."""
    with engine.begin() as conn:
        upsert(conn, web_secrets, {"name": name, "value": secrets.token_urlsafe(48)}, update=[])
        return str(
            conn.execute(sa.select(web_secrets.c.value).where(web_secrets.c.name == name)).scalar_one()
        )
