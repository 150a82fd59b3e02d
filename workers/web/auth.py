"""Authentication and CSRF.

Browsers log in with a password and carry a signed session cookie (Starlette's SessionMiddleware,
signed with itsdangerous) that names a session kept in the database (workers.web.sessions), so
signing out ends it for every copy of the cookie. Every state-changing request that rides on that cookie must also carry
the session's CSRF token, as the `csrf_token` form field or the `X-CSRF-Token` header. API clients
send `Authorization: Bearer <token>` instead; they hold no cookie, so CSRF cannot touch them.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass

import dramatiq
from fastapi import HTTPException, Request

from workers.settings import Settings
from workers.store import Store
from workers.web.config import WebConfig
from workers.web.sessions import end_session, session_user, start_session
from workers.web.throttle import Throttle, client_address, token_keys
from workers.web.users import User, user_for_token


@dataclass(frozen=True)
class Web:
    """What every request handler needs, kept on app.state."""

    settings: Settings
    store: Store
    broker: dramatiq.Broker
    config: WebConfig


class LoginRequired(Exception):
    """A page was asked for without a session: the browser is sent to the login page."""


def web(request: Request) -> Web:
    return request.app.state.web  # type: ignore[no-any-return]


def _resolve(request: Request) -> User | None:
    if hasattr(request.state, "user"):
        return request.state.user  # type: ignore[no-any-return]
    engine = web(request).store.engine
    header = request.headers.get("authorization", "")
    request.state.via_bearer = False
    user = None
    if header.lower().startswith("bearer "):
        request.state.via_bearer = True
        user = _bearer_user(request, header[7:].strip())
    elif session_id := request.session.get("sid"):
        user = session_user(engine, str(session_id))
    request.state.user = user
    return user


def _bearer_user(request: Request, token: str) -> User | None:
    """The token's user; unknown tokens are counted per client address and, past a few, refused
    unread for a while (429), so guessing tokens is slowed like guessing passwords."""
    throttle: Throttle = request.app.state.throttle
    keys = token_keys(client_address(request))
    if wait := throttle.wait_s(keys):
        raise HTTPException(
            429,
            "too many unknown API tokens from this address; wait and try again",
            {"Retry-After": str(wait)},
        )
    user = user_for_token(web(request).store.engine, token)
    if user is None:
        throttle.failed(keys)
    return user


def api_user(request: Request) -> User:
    user = _resolve(request)
    if user is None:
        raise HTTPException(
            401,
            "sign in, or send an API token as 'Authorization: Bearer …'",
            headers={"WWW-Authenticate": "Bearer"},
        )
    return user


def page_user(request: Request) -> User:
    user = _resolve(request)
    if user is None:
        raise LoginRequired()
    return user


def optional_user(request: Request) -> User | None:
    return _resolve(request)


def lga_user(user: User) -> User:
    if user.role != "lga":
        raise HTTPException(403, "only LGA users may do this")
    return user


def csrf_token(request: Request) -> str:
    token = request.session.get("csrf")
    if not token:
        token = request.session["csrf"] = secrets.token_urlsafe(32)
    return str(token)


def check_csrf(request: Request, submitted: object = None) -> None:
    """Refuse a cookie-authenticated change that does not carry this session's CSRF token."""
    _resolve(request)
    if getattr(request.state, "via_bearer", False):
        return
    token = submitted if isinstance(submitted, str) and submitted else request.headers.get("x-csrf-token", "")
    expected = request.session.get("csrf", "")
    if not expected or not token or not secrets.compare_digest(str(expected), token):
        raise HTTPException(
            403, "the form's CSRF token is missing or out of date; reload the page and try again"
        )


def log_in(request: Request, user: User) -> None:
    # A fresh session (and CSRF token) at login, so a token planted before it is worthless.
    state = web(request)
    if old_session := request.session.get("sid"):
        end_session(state.store.engine, str(old_session))
    request.session.clear()
    request.session["sid"] = start_session(state.store.engine, user, state.config.session_max_age_s)
    request.session["csrf"] = secrets.token_urlsafe(32)
    request.state.user = user


def log_out(request: Request) -> None:
    if session_id := request.session.get("sid"):
        end_session(web(request).store.engine, str(session_id))
    request.session.clear()
