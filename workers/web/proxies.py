"""Where a request came from, and over what: the connection's own address and scheme, unless the
connection is from a proxy named in REVIEWPACK_TRUSTED_PROXIES, whose X-Forwarded-For and
X-Forwarded-Proto are then believed (uvicorn's ProxyHeadersMiddleware). By default no proxy is
trusted, so a client cannot pick its own address by sending the headers, and so cannot step
round the per-address sign-in throttle.

The session cookie is marked Secure whenever the request arrived over HTTPS (as the connection
or a trusted proxy says), and always with REVIEWPACK_SECURE_COOKIES.
"""

from __future__ import annotations

from typing import Any

from starlette.middleware.sessions import SessionMiddleware
from starlette.types import ASGIApp, Receive, Scope, Send


class SessionCookies:
    """Starlette's SessionMiddleware, with the cookie's Secure flag chosen per request."""

    def __init__(self, app: ASGIApp, /, *, always_secure: bool, **options: Any) -> None:
        self.plain = SessionMiddleware(app, https_only=always_secure, **options)
        self.secure = SessionMiddleware(app, https_only=True, **options)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        chosen = self.secure if scope.get("scheme") in ("https", "wss") else self.plain
        await chosen(scope, receive, send)
