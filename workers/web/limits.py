"""Refusing uploads over the size limit with a clear 413, before and while the body arrives."""

from __future__ import annotations

import json
from typing import Any

from starlette.types import ASGIApp, Message, Receive, Scope, Send


class BodyTooLarge(Exception):
    pass


class UploadLimit:
    """ASGI middleware: a request body over `limit` bytes gets 413 (by Content-Length when the
    client sends one, else as soon as the streamed body passes the limit)."""

    def __init__(self, app: ASGIApp, limit: int) -> None:
        self.app = app
        self.limit = limit

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] in ("GET", "HEAD", "OPTIONS"):
            await self.app(scope, receive, send)
            return
        length = dict(scope["headers"]).get(b"content-length")
        if length is not None and length.isdigit() and int(length) > self.limit:
            await self._refuse(scope, send)
            return
        seen = 0
        started = False

        async def counted() -> Message:
            nonlocal seen
            message = await receive()
            seen += len(message.get("body", b""))
            if seen > self.limit:
                raise BodyTooLarge()
            return message

        async def tracked(message: Message) -> None:
            nonlocal started
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, counted, tracked)
        except BodyTooLarge:
            if not started:
                await self._refuse(scope, send)

    async def _refuse(self, scope: Scope, send: Send) -> None:
        mb = self.limit / (1024 * 1024)
        detail = f"the upload is larger than the {mb:,.0f} MB limit; send the bundle in parts, or zip it"
        if scope["path"].startswith("/api/"):
            body, kind = json.dumps({"detail": detail}).encode(), b"application/json"
        else:
            body, kind = _page(detail).encode(), b"text/html; charset=utf-8"
        headers: list[Any] = [
            (b"content-type", kind),
            (b"content-length", str(len(body)).encode()),
            (b"connection", b"close"),
        ]
        await send({"type": "http.response.start", "status": 413, "headers": headers})
        await send({"type": "http.response.body", "body": body})


def _page(detail: str) -> str:
    return (
        "<!doctype html><title>Upload too large</title><link rel=stylesheet href=/static/app.css>"
        f"<main><h1>Upload too large</h1><p>{detail}.</p><p><a href=/bundles>Back</a></p></main>"
    )
