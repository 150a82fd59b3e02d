"""Browser sessions kept on the server: the signed cookie carries only a random session id, and
a session is good only while its row is here and unexpired. Signing out deletes the row, so a
copied cookie is worthless afterwards; a password reset or removing the user deletes them all."""

from __future__ import annotations

import secrets
import time

import sqlalchemy as sa

from workers.db import users, web_sessions
from workers.web.users import User, token_hash, user_from_row


def start_session(engine: sa.Engine, user: User, max_age_s: int) -> str:
    """A new session for this user; the id returned goes in the cookie, its hash in the table."""
    session_id = secrets.token_urlsafe(32)
    now = time.time()
    with engine.begin() as conn:
        conn.execute(web_sessions.delete().where(web_sessions.c.expires_at <= now))
        conn.execute(
            web_sessions.insert().values(
                id_hash=token_hash(session_id), user_id=user.id, expires_at=now + max_age_s
            )
        )
    return session_id


def session_user(engine: sa.Engine, session_id: str) -> User | None:
    """The user of a live session, or None when it ended, expired or never was."""
    query = (
        sa.select(users)
        .join(web_sessions, web_sessions.c.user_id == users.c.id)
        .where(web_sessions.c.id_hash == token_hash(session_id), web_sessions.c.expires_at > time.time())
    )
    with engine.connect() as conn:
        row = conn.execute(query).first()
    return user_from_row(row) if row else None


def end_session(engine: sa.Engine, session_id: str) -> None:
    with engine.begin() as conn:
        conn.execute(web_sessions.delete().where(web_sessions.c.id_hash == token_hash(session_id)))
