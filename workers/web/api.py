"""The JSON API (documented at /docs). Bearer tokens or a browser session; another council's
bundle is always "not found", never "forbidden"."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, HTTPException, Query, Request
from fastapi.responses import Response
from pydantic import BaseModel, Field

from analyse.records import CitedFigure, FindingKind
from ingest.errors import NotFound
from workers.corrections import Action, InvalidCorrection, Kind
from workers.councils import council_label, council_name
from workers.findings import InvalidFinding
from workers.web.access import assign, visible_bundle, visible_bundles
from workers.web.auth import Web, api_user, check_csrf, lga_user, web
from workers.web.checks import (
    PER_PAGE,
    bundle_rows,
    correction_json,
    counts,
    filtered,
    page_of,
    post_correction,
    post_undo,
    row_json,
)
from workers.web.exports import attachment, download, output_filename
from workers.web.findings_work import bundle_findings, finding_json, post_finding, remove_finding
from workers.web.reviews_index import refresh_index
from workers.web.status import CONTENT_TYPES, bundle_status, manifest_or_none
from workers.web.themes import (
    GROUPS,
    ThemeFilters,
    indexed_reviews,
    search_lines,
    theme_rows_as_dicts,
    theme_table,
)
from workers.web.uploads import submit_upload, submit_version, uploaded_files
from workers.web.users import User, user_by_email

router = APIRouter(prefix="/api", tags=["api"])
CurrentUser = Annotated[User, Depends(api_user)]
WebState = Annotated[Web, Depends(web)]
OutputName = Literal["pack.pdf", "pack.pptx", "data.xlsx", "extraction.json", "review.json"]

_MULTIPART = {
    "requestBody": {
        "required": True,
        "content": {
            "multipart/form-data": {
                "schema": {
                    "type": "object",
                    "required": ["files"],
                    "properties": {
                        "files": {
                            "type": "array",
                            "items": {"type": "string", "format": "binary"},
                            "description": "The bundle's documents, or zips of them.",
                        },
                        "label": {"type": "string"},
                        "council": {
                            "type": "string",
                            "description": "LGA users only: the owning council, by DfE code or name "
                            "from the DfE list of English LAs (400, with the closest names, if none).",
                        },
                    },
                }
            }
        },
    }
}


class Created(BaseModel):
    id: str


class Assignment(BaseModel):
    bundle_id: str
    reviewer_email: str


class CorrectionIn(BaseModel):
    """A reviewer's action on one money record of the bundle, named by its file and place in it."""

    kind: Kind
    sha256: str = Field(description="the sha256 of the record's file (its first provenance)")
    locator: str = Field(description="the record's locator in that file, e.g. 'page 3, table 1, row 5'")
    action: Action
    field: str | None = Field(
        None,
        description="for `corrected`: budget_gbp, forecast_gbp or variance_gbp of a budget line; "
        "target_gbp, forecast_gbp or shortfall_gbp of a saving",
    )
    new_gbp: float | None = Field(None, description="for `corrected`: the right value, in pounds")
    note: str = Field("", max_length=2000)
    anyway: bool = Field(
        False,
        description="for `corrected`: save it even where the record's own row then does not add up "
        "(budget + variance = forecast; target − forecast = shortfall), which is refused otherwise",
    )


class FindingIn(BaseModel):
    """A reviewer's finding for the feedback, citing figures of the pack by their file and place."""

    kind: FindingKind
    text: str = Field(max_length=2000)
    cites: list[CitedFigure] = Field(
        default_factory=list,
        description="figures cited, each as the figures endpoint names it: kind, sha256, locator, "
        "and optionally the field (forecast_gbp ...)",
    )


@router.get("/me")
def me(user: CurrentUser) -> dict[str, Any]:
    return {"email": user.email, "role": user.role, "council": user.council}


@router.post("/bundles", status_code=202, openapi_extra=_MULTIPART)
async def create_bundle(request: Request, user: CurrentUser, state: WebState) -> Created:
    """Upload a bundle (multipart field `files`, repeated); its processing starts at once."""
    form = await request.form()
    check_csrf(request, form.get("csrf_token"))
    files = await uploaded_files(form)
    return Created(
        id=submit_upload(state, user, files, str(form.get("label") or ""), _str(form.get("council")))
    )


@router.post("/bundles/{bundle_id}/versions", status_code=202, openapi_extra=_MULTIPART)
async def create_version(bundle_id: str, request: Request, user: CurrentUser, state: WebState) -> Created:
    """A new version of a bundle: `keep` (repeated file positions) of its files plus new `files`."""
    form = await request.form()
    check_csrf(request, form.get("csrf_token"))
    keep = {int(v) for v in form.getlist("keep") if isinstance(v, str) and v.lstrip("-").isdigit()}
    return Created(id=submit_version(state, user, bundle_id, keep, await uploaded_files(form)))


@router.get("/bundles")
def list_bundles(user: CurrentUser, state: WebState) -> list[dict[str, Any]]:
    return [
        {
            "id": v.id,
            "label": v.label,
            "council": v.council,
            "council_name": council_label(v.council) or None,
            "created_at": v.created_at.isoformat(),
            "previous_id": v.previous_id,
            "superseded_by": v.superseded_by,
        }
        for v in visible_bundles(state.store.engine, user)
    ]


@router.get("/bundles/{bundle_id}")
def bundle_status_json(bundle_id: str, user: CurrentUser, state: WebState) -> dict[str, Any]:
    """Per-file, per-stage states and errors; `outputs` lists the downloads once the pack is ready."""
    return bundle_status(state.store, visible_bundle(state.store.engine, user, bundle_id))


@router.get("/bundles/{bundle_id}/files/{name}")
def bundle_output(bundle_id: str, name: OutputName, user: CurrentUser, state: WebState) -> Response:
    """A rendered output, named for people: "Kent County Council pre-read pack 2025-12-05.pdf"
    (the council, and the day this version of the bundle was uploaded)."""
    view = visible_bundle(state.store.engine, user, bundle_id)
    manifest = manifest_or_none(state.store, bundle_id)
    if manifest is None or name not in manifest:
        raise NotFound(f"{name} of bundle {bundle_id} is not ready")
    council = council_name(view.council) or view.label or f"bundle {bundle_id[:8]}"
    headers = attachment(output_filename(council, view.created_at.date(), name))
    return Response(state.store.blobs.get(manifest[name]), media_type=CONTENT_TYPES[name], headers=headers)


@router.get("/themes")
def themes(
    user: CurrentUser,
    state: WebState,
    by: Literal["theme", "region", "la_type", "year"] = "theme",
    region: str | None = None,
    la_type: str | None = None,
    year: str | None = None,
    theme: str | None = None,
    format: Literal["json", "csv", "xlsx"] = "json",
) -> Any:
    """Themes across the latest version of every review you may see: reviews naming each, £ of
    savings, £ at risk and £ of pressures, grouped by region, LA type or year."""
    rows, reviews = theme_data(state, user, by, ThemeFilters(region, la_type, year, theme))
    if format != "json":
        return download(rows, format, "themes")
    return {"by": by, "reviews": len(reviews), "rows": rows}


@router.get("/search")
def search(
    user: CurrentUser,
    state: WebState,
    q: Annotated[str, Query(max_length=200)] = "",
    kind: Literal["saving", "pressure"] | None = None,
    at_risk: bool = False,
    format: Literal["json", "csv", "xlsx"] = "json",
) -> Any:
    """Savings lines and pressures across reviews whose text contains every word of q."""
    rows = search_data(state, user, q, kind, at_risk)
    return rows if format == "json" else download(rows, format, "lines")


@router.post("/assignments", status_code=201)
def create_assignment(
    body: Assignment, request: Request, user: CurrentUser, state: WebState
) -> dict[str, str]:
    """LGA users: let a reviewer see a bundle."""
    check_csrf(request)
    lga_user(user)
    reviewer = user_by_email(state.store.engine, body.reviewer_email)
    if reviewer is None or reviewer.role != "reviewer":
        raise HTTPException(400, f"{body.reviewer_email} is not a reviewer")
    visible_bundle(state.store.engine, user, body.bundle_id)
    assign(state.store.engine, body.bundle_id, reviewer, user)
    return {"bundle_id": body.bundle_id, "reviewer": reviewer.email}


@router.get("/bundles/{bundle_id}/figures")
def figures(
    bundle_id: str,
    user: CurrentUser,
    state: WebState,
    status: Literal["contradicted", "unchecked", "settled", "verified"] | None = None,
    kind: Kind | None = None,
    page: Annotated[int, Query(ge=1)] = 1,
    per_page: Annotated[int, Query(ge=1, le=500)] = PER_PAGE,
) -> dict[str, Any]:
    """The money records that feed the pack (budget lines, savings, pressures), contradicted
    first, then unchecked, then verified: each with its values in pounds (reviewers' corrections
    applied), the details of its failing checks, its `reviewed` entries and every correction
    made to it, undone ones too. Council users see their own council's; reviewers their assigned."""
    view = visible_bundle(state.store.engine, user, bundle_id)
    rows = bundle_rows(state, view)
    chosen = filtered(rows, status, kind)
    shown, pages = page_of(chosen, page, per_page)
    return {
        "counts": counts(rows),
        "total": len(chosen),
        "page": min(page, pages),
        "pages": pages,
        "figures": [row_json(r) for r in shown],
    }


@router.post("/bundles/{bundle_id}/corrections", status_code=201)
def create_correction(
    bundle_id: str, body: CorrectionIn, request: Request, user: CurrentUser, state: WebState
) -> dict[str, Any]:
    """Reviewers and LGA users: confirm a record, correct one of its values, or mark it in or out
    of scope. It is kept against the file and locator, so it holds on every re-run and in later
    versions of the bundle with the same file; the bundle's analysis and pack are rebuilt."""
    check_csrf(request)
    key = (body.kind, body.sha256, body.locator)
    try:
        made = post_correction(
            state, user, bundle_id, key, body.action, body.field, body.new_gbp, body.note, body.anyway
        )
    except InvalidCorrection as exc:
        raise HTTPException(400, exc.message) from exc
    return correction_json(made)


@router.post("/bundles/{bundle_id}/corrections/{correction_id}/undo")
def undo_correction(
    bundle_id: str, correction_id: str, request: Request, user: CurrentUser, state: WebState
) -> dict[str, Any]:
    """Reviewers and LGA users: undo a correction (it stays in the history, marked undone); the
    bundle's analysis and pack are rebuilt without it."""
    check_csrf(request)
    return correction_json(post_undo(state, user, bundle_id, correction_id))


@router.get("/bundles/{bundle_id}/findings")
def list_findings(bundle_id: str, user: CurrentUser, state: WebState) -> list[dict[str, Any]]:
    """The reviewers' findings on this bundle and its earlier versions, oldest first."""
    return [finding_json(f) for f in bundle_findings(state, user, bundle_id)]


@router.post("/bundles/{bundle_id}/findings", status_code=201)
def create_finding(
    bundle_id: str, body: FindingIn, request: Request, user: CurrentUser, state: WebState
) -> dict[str, Any]:
    """Reviewers and LGA users: write a key message, strength, area for consideration or
    recommendation; the pack and the feedback deck are rebuilt with it."""
    check_csrf(request)
    return finding_json(_write(state, user, bundle_id, body))


@router.put("/bundles/{bundle_id}/findings/{finding_id}")
def update_finding(
    bundle_id: str, finding_id: str, body: FindingIn, request: Request, user: CurrentUser, state: WebState
) -> dict[str, Any]:
    """Reviewers and LGA users: rewrite a finding (who edited it is kept)."""
    check_csrf(request)
    return finding_json(_write(state, user, bundle_id, body, finding_id))


@router.delete("/bundles/{bundle_id}/findings/{finding_id}", status_code=204)
def delete_finding(
    bundle_id: str, finding_id: str, request: Request, user: CurrentUser, state: WebState
) -> Response:
    """Reviewers and LGA users: take a finding out of the pack (it stays in the history)."""
    check_csrf(request)
    remove_finding(state, user, bundle_id, finding_id)
    return Response(status_code=204)


def _write(state: Web, user: User, bundle_id: str, body: FindingIn, finding_id: str | None = None) -> Any:
    try:
        return post_finding(state, user, bundle_id, body.kind, body.text, body.cites, finding_id)
    except InvalidFinding as exc:
        raise HTTPException(400, exc.message) from exc


def theme_data(
    state: Web, user: User, by: str, filters: ThemeFilters
) -> tuple[list[dict[str, Any]], list[Any]]:
    if by not in GROUPS:
        raise HTTPException(400, f"by must be one of {', '.join(GROUPS)}")
    refresh_index(state.store)
    ids = [v.id for v in visible_bundles(state.store.engine, user, latest_only=True)]
    reviews = indexed_reviews(state.store.engine, ids, filters)
    return theme_rows_as_dicts(theme_table(reviews, by, filters.theme), by), reviews


def search_data(state: Web, user: User, q: str, kind: str | None, at_risk: bool) -> list[dict[str, Any]]:
    refresh_index(state.store)
    ids = [v.id for v in visible_bundles(state.store.engine, user, latest_only=True)]
    return search_lines(state.store.engine, ids, q, kind, at_risk)


def _str(value: object) -> str | None:
    return value if isinstance(value, str) and value else None
