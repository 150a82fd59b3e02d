"""The API's documentation (/docs, /redoc, /openapi.json) for signed-in users only: the schema
maps every route, which a stranger need not see. REVIEWPACK_PUBLIC_DOCS=1 opens them instead
(FastAPI's own routes, see app.py)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Request
from fastapi.openapi.docs import get_redoc_html, get_swagger_ui_html
from fastapi.responses import HTMLResponse, JSONResponse

from workers.web.auth import api_user, page_user
from workers.web.users import User

router = APIRouter(include_in_schema=False)
OPENAPI = "/openapi.json"


@router.get(OPENAPI)
def openapi(request: Request, user: Annotated[User, Depends(api_user)]) -> JSONResponse:
    return JSONResponse(request.app.openapi())


@router.get("/docs")
def swagger(request: Request, user: Annotated[User, Depends(page_user)]) -> HTMLResponse:
    return get_swagger_ui_html(openapi_url=OPENAPI, title=f"{request.app.title} API")


@router.get("/redoc")
def redoc(request: Request, user: Annotated[User, Depends(page_user)]) -> HTMLResponse:
    return get_redoc_html(openapi_url=OPENAPI, title=f"{request.app.title} API")
