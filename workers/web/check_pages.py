"""The check-the-figures page: a bundle's money records, worst first, with forms for reviewers
to confirm, correct, mark scope and undo (workers/web/checks.py does the work)."""

from __future__ import annotations

from urllib.parse import urlencode

from fastapi import APIRouter, Request
from fastapi.responses import Response

from ingest.errors import NotFound
from workers.corrections import FIELDS, RECORDS, InvalidCorrection
from workers.web.access import BundleView, visible_bundle
from workers.web.auth import Web, check_csrf
from workers.web.checks import (
    SIGNS,
    STATUSES,
    UNITS,
    bundle_rows,
    counts,
    filtered,
    may_correct,
    page_of,
    parse_amount,
    post_correction,
    post_undo,
)
from workers.web.pages import PageUser, WebState, redirect, render
from workers.web.users import User

router = APIRouter(include_in_schema=False)


@router.get("/bundles/{bundle_id}/check")
def check_page(
    bundle_id: str,
    request: Request,
    user: PageUser,
    state: WebState,
    status: str = "",
    kind: str = "",
    page: int = 1,
) -> Response:
    view = visible_bundle(state.store.engine, user, bundle_id)
    return _check_page(request, state, user, view, {"status": status, "kind": kind, "page": str(page)})


def _check_page(
    request: Request,
    state: Web,
    user: User,
    view: BundleView,
    shown: dict[str, str],
    error: dict[str, str] | None = None,
    status_code: int = 200,
) -> Response:
    status = shown.get("status") if shown.get("status") in STATUSES else ""
    kind = shown.get("kind") if shown.get("kind") in RECORDS else ""
    try:
        rows = bundle_rows(state, view)
    except NotFound:
        rows = None
    chosen = filtered(rows or [], status, kind)
    page = int(shown["page"]) if str(shown.get("page", "")).isdigit() else 1
    rows_shown, pages = page_of(chosen, page)
    if error is not None:  # said by its row where the row is on the page, else at the top
        mine = (error.get("kind"), error.get("sha256"), error.get("locator"))
        error = {**error, "by_row": "1" if any(r.key == mine for r in rows_shown) else ""}
    return render(
        request,
        "check.html",
        status_code,
        bundle=view,
        rows=rows_shown,
        read=rows is not None,
        total=len(chosen),
        counts=counts(rows or []),
        status=status,
        kind=kind,
        page=min(max(page, 1), pages),
        pages=pages,
        kinds=RECORDS,
        fields=FIELDS,
        signs=SIGNS,
        statuses=STATUSES,
        editable=may_correct(user) and not view.superseded_by,
        error=error,
        back=urlencode({"status": status, "kind": kind, "page": page}),
    )


@router.post("/bundles/{bundle_id}/check")
async def check_action(bundle_id: str, request: Request, user: PageUser, state: WebState) -> Response:
    form = await request.form()
    check_csrf(request, form.get("csrf_token"))
    typed = {
        k: str(form.get(k) or "") for k in ("kind", "sha256", "locator", "action", "field", "value", "anchor")
    }
    typed["note"], unit = str(form.get("note") or ""), str(form.get("unit") or "£m")
    shown = {k: str(form.get(f"back_{k}") or "") for k in ("status", "kind", "page")}
    view = visible_bundle(state.store.engine, user, bundle_id)
    key = (typed["kind"], typed["sha256"], typed["locator"])
    try:
        corrected = typed["action"] == "corrected"
        new = parse_amount(typed["value"], unit if unit in UNITS else "£m") if corrected else None
        post_correction(
            state,
            user,
            bundle_id,
            key,
            typed["action"],
            typed["field"] or None,
            new,
            typed["note"],
            anyway=bool(form.get("anyway")),
        )
    except InvalidCorrection as exc:
        return _check_page(request, state, user, view, shown, {**typed, "message": exc.message}, 400)
    anchor = str(form.get("anchor") or "")
    return redirect(f"/bundles/{bundle_id}/check?{urlencode(shown)}#{anchor}")


@router.post("/bundles/{bundle_id}/check/undo")
async def check_undo(bundle_id: str, request: Request, user: PageUser, state: WebState) -> Response:
    form = await request.form()
    check_csrf(request, form.get("csrf_token"))
    post_undo(state, user, bundle_id, str(form.get("correction") or ""))
    shown = {k: str(form.get(f"back_{k}") or "") for k in ("status", "kind", "page")}
    return redirect(f"/bundles/{bundle_id}/check?{urlencode(shown)}#{form.get('anchor') or ''}")
