"""The FastAPI application: pages, the JSON API, sessions, the upload limit, error pages."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

import dramatiq
from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException
from uvicorn.middleware.proxy_headers import ProxyHeadersMiddleware

from ingest.errors import NotFound
from workers.broker import make_broker
from workers.settings import Settings
from workers.store import Store
from workers.web import api, check_pages, docs, feedback_pages, pages
from workers.web.auth import LoginRequired, Web
from workers.web.config import WebConfig, web_config
from workers.web.limits import UploadLimit
from workers.web.proxies import SessionCookies
from workers.web.throttle import Throttle

HERE = Path(__file__).parent


def create_app(
    settings: Settings,
    store: Store | None = None,
    broker: dramatiq.Broker | None = None,
    config: WebConfig | None = None,
) -> FastAPI:
    """The web app on this store and broker (opened from settings when not given)."""
    store = store or Store.open(settings)
    broker = broker or make_broker(settings)
    config = config or web_config(settings, store.engine)
    public = config.public_docs
    app = FastAPI(
        docs_url="/docs" if public else None,
        redoc_url="/redoc" if public else None,
        openapi_url=docs.OPENAPI if public else None,
        title="reviewpack",
        summary="Pre-read packs for LGA children's services finance reviews.",
        description="Upload a council's bundle, watch it move through ingest, extract, analyse and "
        "render, download the pack. Authenticate with `Authorization: Bearer <token>` "
        "(`reviewpack users add` prints one).",
    )
    app.state.web = Web(settings, store, broker, config)
    app.state.throttle = Throttle(store.engine)
    app.include_router(api.router)
    app.include_router(pages.router)
    app.include_router(check_pages.router)
    app.include_router(feedback_pages.router)
    if not public:
        app.include_router(docs.router)
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")
    app.add_middleware(
        SessionCookies,
        secret_key=config.secret_key,
        session_cookie="reviewpack_session",
        max_age=config.session_max_age_s,
        same_site="lax",
        always_secure=config.secure_cookies,
    )
    app.add_middleware(UploadLimit, limit=config.upload_limit_bytes)
    _error_handlers(app)
    _security_headers(app)
    if config.trusted_proxies:
        # Outermost, so everything inside sees the client's address and scheme (workers.web.proxies).
        app.add_middleware(ProxyHeadersMiddleware, trusted_hosts=list(config.trusted_proxies))
    return app


def _error_handlers(app: FastAPI) -> None:
    @app.exception_handler(LoginRequired)
    async def login_required(request: Request, exc: LoginRequired) -> Response:
        return RedirectResponse("/login", status_code=303)

    @app.exception_handler(NotFound)
    async def not_found(request: Request, exc: NotFound) -> Response:
        return _error(request, 404, str(exc) if request.url.path.startswith("/api/") else "Not found.")

    @app.exception_handler(HTTPException)
    async def http_error(request: Request, exc: HTTPException) -> Response:
        return _error(request, exc.status_code, str(exc.detail), exc.headers)


def _error(request: Request, status: int, detail: str, headers: Mapping[str, str] | None = None) -> Response:
    if request.url.path.startswith("/api/") or "text/html" not in request.headers.get("accept", ""):
        return JSONResponse({"detail": detail}, status_code=status, headers=dict(headers or {}))
    return pages.render(request, "error.html", status, status=status, detail=detail)


# Our pages load nothing from elsewhere and run no inline script; /docs loads Swagger UI from its CDN.
CSP = "default-src 'self'; img-src 'self' data:; object-src 'none'; frame-ancestors 'none'; base-uri 'none'"


def _security_headers(app: FastAPI) -> None:
    @app.middleware("http")
    async def headers(request: Request, call_next):  # type: ignore[no-untyped-def]
        response = await call_next(request)
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        response.headers.setdefault("X-Frame-Options", "DENY")
        response.headers.setdefault("Referrer-Policy", "same-origin")
        if not request.url.path.startswith("/static/"):
            # Pages, API answers and downloads hold a council's figures: no cache keeps a copy
            # (a response that chose its own caching, like a page image, keeps it).
            response.headers.setdefault("Cache-Control", "no-store")
        if not request.url.path.startswith(("/docs", "/redoc")):
            response.headers.setdefault("Content-Security-Policy", CSP)
        return response
