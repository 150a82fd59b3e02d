"""Users of the web application: argon2-hashed passwords, API tokens stored as their sha256.

Roles: `council` users upload and see their own council's bundles; `reviewer` users see the
bundles assigned to them; `lga` users see everything and assign reviewers.
"""

from __future__ import annotations

import hashlib
import secrets
import uuid
from dataclasses import dataclass

import sqlalchemy as sa
from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from ingest.errors import BadInput, NotFound
from workers.councils import council_code
from workers.db import api_tokens, assignments, bundle_owners, users, web_sessions
from workers.settings import Settings
from workers.store import Store

ROLES = ("council", "reviewer", "lga")
MIN_PASSWORD = 8
_hasher = PasswordHasher()
# Verified against when the email is unknown, so a wrong email costs as long as a wrong password.
_DUMMY_HASH = _hasher.hash("not a password anyone has")


class InvalidUser(BadInput):
    code = "invalid_user"


@dataclass(frozen=True)
class User:
    id: str
    email: str
    role: str
    council: str | None


def add_user(settings: Settings, *, email: str, password: str, role: str, council: str | None) -> str:
    """Create a user and return a new API token for them (shown once; only its hash is kept)."""
    store = Store.open(settings)
    user = create_user(store.engine, email=email, password=password, role=role, council=council)
    return issue_token(store.engine, user.id, "created with the user")


def create_user(engine: sa.Engine, *, email: str, password: str, role: str, council: str | None) -> User:
    """A new user; a council user's council is named by DfE code or name and stored by code."""
    email = email.strip().lower()
    _check_new_user(email, password, role, council)
    user = User(uuid.uuid4().hex, email, role, council_code(council))
    with engine.begin() as conn:
        if conn.execute(sa.select(users.c.id).where(users.c.email == email)).first():
            raise InvalidUser(f"a user with email {email} already exists")
        conn.execute(
            users.insert().values(
                id=user.id, email=email, password_hash=_hasher.hash(password), role=role, council=user.council
            )
        )
    return user


def _check_new_user(email: str, password: str, role: str, council: str | None) -> None:
    if role not in ROLES:
        raise InvalidUser(f"role must be one of {', '.join(ROLES)}, not {role!r}")
    if "@" not in email:
        raise InvalidUser(f"{email!r} is not an email address")
    _check_password(password)
    if role == "council" and not (council and council.strip()):
        raise InvalidUser("a council user needs --council (the council's DfE code)")
    if role != "council" and council:
        raise InvalidUser("only council users belong to a council")


def _check_password(password: str) -> None:
    if len(password) < MIN_PASSWORD:
        raise InvalidUser(f"the password must be at least {MIN_PASSWORD} characters")


def remove_user(engine: sa.Engine, email: str) -> User:
    """Delete a user, their API tokens and their assignments; bundles they uploaded stay."""
    user = _existing_user(engine, email)
    with engine.begin() as conn:
        conn.execute(api_tokens.delete().where(api_tokens.c.user_id == user.id))
        conn.execute(web_sessions.delete().where(web_sessions.c.user_id == user.id))
        conn.execute(assignments.delete().where(assignments.c.user_id == user.id))
        conn.execute(
            assignments.update().where(assignments.c.assigned_by == user.id).values(assigned_by=None)
        )
        conn.execute(
            bundle_owners.update().where(bundle_owners.c.uploaded_by == user.id).values(uploaded_by=None)
        )
        conn.execute(users.delete().where(users.c.id == user.id))
    return user


def reset_password(engine: sa.Engine, email: str, password: str) -> User:
    """Set a new password and revoke the user's API tokens and browser sessions (a reset is
    often for a leak, so nothing signed in with the old password keeps working)."""
    _check_password(password)
    user = _existing_user(engine, email)
    with engine.begin() as conn:
        conn.execute(users.update().where(users.c.id == user.id).values(password_hash=_hasher.hash(password)))
        conn.execute(api_tokens.delete().where(api_tokens.c.user_id == user.id))
        conn.execute(web_sessions.delete().where(web_sessions.c.user_id == user.id))
    return user


def _existing_user(engine: sa.Engine, email: str) -> User:
    user = user_by_email(engine, email)
    if user is None:
        raise NotFound(f"no user with email {email.strip().lower()}")
    return user


def authenticate(engine: sa.Engine, email: str, password: str) -> User | None:
    with engine.connect() as conn:
        row = conn.execute(sa.select(users).where(users.c.email == email.strip().lower())).first()
    try:
        _hasher.verify(row.password_hash if row else _DUMMY_HASH, password)
    except (VerificationError, InvalidHashError):
        return None
    return user_from_row(row) if row else None


def issue_token(engine: sa.Engine, user_id: str, label: str = "") -> str:
    token = "rp_" + secrets.token_urlsafe(32)
    with engine.begin() as conn:
        conn.execute(
            api_tokens.insert().values(token_hash=token_hash(token), user_id=user_id, label=label[:200])
        )
    return token


def token_hash(token: str) -> str:
    # Tokens are 256 random bits, so a plain sha256 cannot be brute-forced; argon2 is for passwords.
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def user_for_token(engine: sa.Engine, token: str) -> User | None:
    query = sa.select(users).join(api_tokens, api_tokens.c.user_id == users.c.id)
    with engine.connect() as conn:
        row = conn.execute(query.where(api_tokens.c.token_hash == token_hash(token))).first()
    return user_from_row(row) if row else None


def get_user(engine: sa.Engine, user_id: str) -> User | None:
    with engine.connect() as conn:
        row = conn.execute(sa.select(users).where(users.c.id == user_id)).first()
    return user_from_row(row) if row else None


def user_by_email(engine: sa.Engine, email: str) -> User | None:
    with engine.connect() as conn:
        row = conn.execute(sa.select(users).where(users.c.email == email.strip().lower())).first()
    return user_from_row(row) if row else None


def list_users(engine: sa.Engine, role: str | None = None) -> list[User]:
    query = sa.select(users).order_by(users.c.email)
    if role:
        query = query.where(users.c.role == role)
    with engine.connect() as conn:
        return [user_from_row(r) for r in conn.execute(query).all()]


def user_from_row(row: sa.Row) -> User:  # type: ignore[type-arg]
    return User(row.id, row.email, row.role, row.council)
