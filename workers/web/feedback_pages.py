"""The findings page: reviewers write the key messages, strengths, areas for consideration and
recommendations of the feedback, each citing figures of the pack (workers/web/findings_work.py
does the work)."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import Response

from analyse.records import FINDING_KINDS, CitedFigure, ReviewerFinding
from ingest.errors import NotFound
from workers.findings import InvalidFinding, findings_for
from workers.web.access import BundleView, visible_bundle
from workers.web.auth import Web, check_csrf
from workers.web.checks import LABELS, Row, bundle_rows, may_correct
from workers.web.findings_work import cites_from_refs, post_finding, remove_finding
from workers.web.pages import PageUser, WebState, redirect, render
from workers.web.users import User

router = APIRouter(include_in_schema=False)


@router.get("/bundles/{bundle_id}/feedback")
def feedback_page(bundle_id: str, request: Request, user: PageUser, state: WebState) -> Response:
    view = visible_bundle(state.store.engine, user, bundle_id)
    return _page(request, state, user, view)


def _page(
    request: Request,
    state: Web,
    user: User,
    view: BundleView,
    error: dict[str, object] | None = None,
    status_code: int = 200,
) -> Response:
    try:
        rows = bundle_rows(state, view)
    except NotFound:
        rows = []
    findings = findings_for(state.store.engine, view.id)
    choices = figure_choices(rows)
    by_key = {(key, value.partition("#")[2] or None): (value, words) for value, words, key in choices}

    def cited(c: CitedFigure) -> str:
        found = by_key.get(((c.kind, c.sha256, c.locator), c.field))
        return found[1] if found else f"a figure no longer in this bundle ({c.locator})"

    def finding_values(f: ReviewerFinding) -> list[str]:
        keys = [((c.kind, c.sha256, c.locator), c.field) for c in f.cites]
        return [by_key[k][0] for k in keys if k in by_key]

    return render(
        request,
        "feedback.html",
        status_code,
        bundle=view,
        kinds=FINDING_KINDS,
        findings=findings,
        choices=choices,
        cited=cited,
        finding_values=finding_values,
        editable=may_correct(user) and not view.superseded_by,
        error=error,
    )


def figure_choices(rows: list[Row]) -> list[tuple[str, str, tuple[str, str, str]]]:
    """(value, words, key) for each citable figure: "budget_lines.0#forecast_gbp",
    "Children in care placements: forecast £43,450,000", and the record's (kind, sha256, locator)."""
    out = []
    for r in rows:
        for field, value in r.values.items():
            shown = "—" if value is None else f"{'-' if value < 0 else ''}£{abs(value):,.0f}"
            out.append((f"{r.ref}#{field}", f"{r.name}: {LABELS[field]} {shown}", r.key))
        if not r.values:
            out.append((r.ref, f"{r.name} ({r.kind.replace('_', ' ')})", r.key))
    return out


@router.post("/bundles/{bundle_id}/feedback")
async def feedback_action(bundle_id: str, request: Request, user: PageUser, state: WebState) -> Response:
    form = await request.form()
    check_csrf(request, form.get("csrf_token"))
    view = visible_bundle(state.store.engine, user, bundle_id)
    typed = {k: str(form.get(k) or "") for k in ("kind", "text", "finding")}
    refs = [str(v) for v in form.getlist("cites")]
    try:
        cites = cites_from_refs(bundle_rows(state, view), refs)
        post_finding(state, user, bundle_id, typed["kind"], typed["text"], cites, typed["finding"] or None)
    except (InvalidFinding, NotFound) as exc:
        error = {**typed, "cites": refs, "message": getattr(exc, "message", str(exc))}
        return _page(request, state, user, view, error, 400)
    return redirect(f"/bundles/{bundle_id}/feedback")


@router.post("/bundles/{bundle_id}/feedback/delete")
async def feedback_delete(bundle_id: str, request: Request, user: PageUser, state: WebState) -> Response:
    form = await request.form()
    check_csrf(request, form.get("csrf_token"))
    remove_finding(state, user, bundle_id, str(form.get("finding") or ""))
    return redirect(f"/bundles/{bundle_id}/feedback")
