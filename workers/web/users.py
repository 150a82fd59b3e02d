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

from ingest.errors import BadInput
from workers.db import api_tokens, users
from workers.settings import Settings
from workers.store import Store

ROLES = ("council", "reviewer", "lga")
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
    email = email.strip().lower()
    _check_new_user(email, password, role, council)
    user = User(uuid.uuid4().hex, email, role, council.strip() if council else None)
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
    if len(password) < 8:
        raise InvalidUser("the password must be at least 8 characters")
    if role == "council" and not (council and council.strip()):
        raise InvalidUser("a council user needs --council (the council's DfE code)")
    if role != "council" and council:
        raise InvalidUser("only council users belong to a council")


def authenticate(engine: sa.Engine, email: str, password: str) -> User | None:
    with engine.connect() as conn:
        row = conn.execute(sa.select(users).where(users.c.email == email.strip().lower())).first()
    try:
        _hasher.verify(row.password_hash if row else _DUMMY_HASH, password)
    except (VerificationError, InvalidHashError):
        return None
    return _user(row) if row else None


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
    return _user(row) if row else None


def get_user(engine: sa.Engine, user_id: str) -> User | None:
    with engine.connect() as conn:
        row = conn.execute(sa.select(users).where(users.c.id == user_id)).first()
    return _user(row) if row else None


def user_by_email(engine: sa.Engine, email: str) -> User | None:
    with engine.connect() as conn:
        row = conn.execute(sa.select(users).where(users.c.email == email.strip().lower())).first()
    return _user(row) if row else None


def list_users(engine: sa.Engine, role: str | None = None) -> list[User]:
    query = sa.select(users).order_by(users.c.email)
    if role:
        query = query.where(users.c.role == role)
    with engine.connect() as conn:
        return [_user(r) for r in conn.execute(query).all()]


def _user(row: sa.Row) -> User:  # type: ignore[type-arg]
    return User(row.id, row.email, row.role, row.council)
