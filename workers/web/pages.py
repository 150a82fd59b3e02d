"""The server-rendered pages. Forms post back with the session's CSRF token; the progress page
polls the JSON API once a second."""

from __future__ import annotations

import math
from pathlib import Path
from typing import Annotated, Any

from fastapi import APIRouter, Depends, HTTPException, Request
from fastapi.responses import RedirectResponse, Response
from fastapi.templating import Jinja2Templates
from jinja2 import pass_context
from jinja2.runtime import Context
from markupsafe import Markup

from ingest.errors import NotFound
from render.fmt import money_m
from workers.councils import council_label, official_las
from workers.pipeline import PIPELINE
from workers.web.access import (
    assign,
    assignment_list,
    is_assigned,
    unassign,
    visible_bundle,
    visible_bundles,
)
from workers.web.api import search_data, theme_data
from workers.web.auth import (
    Web,
    check_csrf,
    csrf_token,
    lga_user,
    log_in,
    log_out,
    optional_user,
    page_user,
    web,
)
from workers.web.charts import Series, bar_chart
from workers.web.checks import show
from workers.web.exports import download
from workers.web.figures import KINDS, browse, bundle_extraction_json, find_source
from workers.web.glossary import TERMS, gloss
from workers.web.pages_image import page_png, parse_bbox
from workers.web.status import STAGE_WORDS, bundle_outcome, bundle_status, outcome_in_words
from workers.web.tables import table_view, with_params
from workers.web.themes import ThemeFilters, filter_choices
from workers.web.throttle import Throttle, client_address, login_keys
from workers.web.uploads import submit_upload, submit_version, uploaded_files
from workers.web.users import User, authenticate, get_user, list_users

router = APIRouter(include_in_schema=False)
templates = Jinja2Templates(directory=str(Path(__file__).with_name("templates")))
PageUser = Annotated[User, Depends(page_user)]
WebState = Annotated[Web, Depends(web)]


def gbp(value: object) -> str:
    if not isinstance(value, int | float):
        return "—"
    sign = "-" if value < 0 else ""
    return f"{sign}£{abs(value):,.0f}"


def cell(value: object, column: str = "") -> str:
    """A table cell: money as pounds, yes/no for flags, a dash for nothing."""
    if column.endswith("_gbp"):
        return gbp(value)
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float):
        return f"{value:,.2f}".rstrip("0").rstrip(".")
    if column == "unit" and str(value) in UNIT_WORDS:
        return UNIT_WORDS[str(value)]
    return "—" if value is None or value == "" else str(value)


# A figure's unit as a reader says it (extract.records.FigureUnit's values).
UNIT_WORDS = {
    "gbp": "£",
    "gbp_per_child": "£ per child",
    "percent": "%",
    "count": "number",
    "rate_per_10k": "per 10,000 children",
}


templates.env.filters["gbp"] = gbp
templates.env.filters["council"] = council_label
templates.env.filters["cell"] = cell
templates.env.filters["inunit"] = show


@pass_context
def _gloss(context: Context, text: object) -> Markup:
    """Links the page's first use of each glossary word (workers.web.glossary)."""
    state = context["request"].state
    if not hasattr(state, "glossed"):
        state.glossed = set()
    return gloss(text, state.glossed)


templates.env.filters["gloss"] = _gloss
templates.env.filters["gbpm"] = money_m
templates.env.globals["with_params"] = with_params


def render(request: Request, name: str, status_code: int = 200, **context: Any) -> Response:
    context.update(user=getattr(request.state, "user", None), csrf_token=csrf_token(request))
    return templates.TemplateResponse(request, name, context, status_code=status_code)


def redirect(url: str) -> RedirectResponse:
    return RedirectResponse(url, status_code=303)


# -- signing in ---------------------------------------------------------------------------------
@router.get("/login")
def login_page(request: Request, user: Annotated[User | None, Depends(optional_user)]) -> Response:
    return redirect("/bundles") if user else render(request, "login.html")


@router.post("/login")
async def login(request: Request, state: WebState) -> Response:
    form = await request.form()
    check_csrf(request, form.get("csrf_token"))
    email = str(form.get("email") or "").strip().lower()
    keys = login_keys(email, client_address(request))
    throttle: Throttle = request.app.state.throttle
    if wait := throttle.wait_s(keys):
        message = f"Too many failed sign-ins from here; try again in {_minutes(wait)}."
        refused = render(request, "login.html", 429, error=message)
        refused.headers["Retry-After"] = str(wait)
        return refused
    user = authenticate(state.store.engine, email, str(form.get("password") or ""))
    if user is None:
        throttle.failed(keys)
        return render(request, "login.html", 401, error="That email and password do not match.")
    throttle.succeeded(keys[0])
    log_in(request, user)
    return redirect("/bundles")


def _minutes(seconds: int) -> str:
    return "a minute" if seconds <= 60 else f"{math.ceil(seconds / 60)} minutes"


@router.post("/logout")
async def logout(request: Request) -> Response:
    check_csrf(request, (await request.form()).get("csrf_token"))
    log_out(request)
    return redirect("/login")


@router.get("/")
def home(user: PageUser) -> Response:
    return redirect("/bundles")


# -- bundles ----------------------------------------------------------------------------------
@router.get("/bundles")
def bundles_page(request: Request, user: PageUser, state: WebState) -> Response:
    views = visible_bundles(state.store.engine, user)
    statuses = {v.id: bundle_outcome(state.store, v.id) for v in views[:200]}
    said = {k: outcome_in_words(state.store, k, v) for k, v in statuses.items()}
    ids = {v.id for v in views}
    # A reviewer is told when a bundle they review was replaced: the new version is theirs too.
    followed = [v for v in views if user.role == "reviewer" and v.previous_id in ids]
    return render(
        request,
        "bundles.html",
        bundles=views,
        statuses=statuses,
        said=said,
        followed=followed,
        limit_mb=state.config.upload_limit_mb,
        councils=official_las() if user.role == "lga" else (),
    )


@router.post("/bundles")
async def upload(request: Request, user: PageUser, state: WebState) -> Response:
    form = await request.form()
    check_csrf(request, form.get("csrf_token"))
    files = await uploaded_files(form)
    council = form.get("council")
    bundle_id = submit_upload(
        state, user, files, str(form.get("label") or ""), council if isinstance(council, str) else None
    )
    return redirect(f"/bundles/{bundle_id}")


@router.get("/bundles/{bundle_id}")
def bundle_page(bundle_id: str, request: Request, user: PageUser, state: WebState) -> Response:
    view = visible_bundle(state.store.engine, user, bundle_id)
    status = bundle_status(state.store, view)
    stages = [s.name for s in PIPELINE]
    followed = (
        user.role == "reviewer"
        and view.previous_id is not None
        and is_assigned(state.store.engine, view.previous_id, user)
    )
    return render(
        request,
        "bundle.html",
        bundle=view,
        status=status,
        stages=stages,
        stage_words=STAGE_WORDS,
        followed=followed,
    )


@router.post("/bundles/{bundle_id}/versions")
async def new_version(bundle_id: str, request: Request, user: PageUser, state: WebState) -> Response:
    form = await request.form()
    check_csrf(request, form.get("csrf_token"))
    keep = {int(v) for v in form.getlist("keep") if isinstance(v, str) and v.isdigit()}
    new_id = submit_version(state, user, bundle_id, keep, await uploaded_files(form))
    return redirect(f"/bundles/{new_id}")


# -- figures and their sources --------------------------------------------------------------
@router.get("/bundles/{bundle_id}/figures")
def figures_page(
    bundle_id: str,
    request: Request,
    user: PageUser,
    state: WebState,
    kind: str = "",
    q: str = "",
    sort: str = "",
    order: str = "",
    page: int = 1,
) -> Response:
    """Every extracted figure by kind, or one kind alone (`kind`); `q` keeps those whose name has
    every word; a kind's table sorts and pages by query parameters."""
    view = visible_bundle(state.store.engine, user, bundle_id)
    try:
        items = browse(bundle_extraction_json(state.store, bundle_id))
    except NotFound:
        items = None
    kinds = [kind] if kind in KINDS else list(KINDS)
    tables = {}
    for k in kinds if items is not None else ():
        rows = [{"title": it.title, **it.cells, "item": it} for it in items[k] if _has_words(it.title, q)]  # type: ignore[index]
        columns = list(rows[0]) if rows else []
        chosen = k == kind
        tables[k] = table_view(rows, columns, sort if chosen else "", order, page if chosen else 1)
    params = dict(request.query_params)
    return render(
        request,
        "figures.html",
        bundle=view,
        items=items,
        kinds=KINDS,
        tables=tables,
        kind=kind,
        q=q,
        params=params,
    )


def _has_words(text: str, q: str) -> bool:
    return all(word in text.lower() for word in q.lower().split())


@router.get("/bundles/{bundle_id}/source")
def source_page(
    bundle_id: str, ref: str, request: Request, user: PageUser, state: WebState, n: int = 0
) -> Response:
    view = visible_bundle(state.store.engine, user, bundle_id)
    item, source = find_source(bundle_extraction_json(state.store, bundle_id), ref, n)
    shas = {f.sha256 for f in state.store.files(bundle_id)}
    image = None
    if source.get("page") and source.get("sha256") in shas and _is_pdf(state, source["sha256"]):
        bbox = ",".join(f"{v:.1f}" for v in source["bbox"]) if source.get("bbox") else ""
        image = f"/bundles/{bundle_id}/page/{source['sha256']}/{source['page']}.png?bbox={bbox}"
    return render(request, "source.html", bundle=view, item=item, source=source, image=image, n=n)


def _is_pdf(state: Web, sha256: str) -> bool:
    return state.store.blobs.get(sha256)[:1024].lstrip().startswith(b"%PDF")


@router.get("/bundles/{bundle_id}/page/{sha256}/{page}.png")
def page_image(
    bundle_id: str, sha256: str, page: int, user: PageUser, state: WebState, bbox: str | None = None
) -> Response:
    visible_bundle(state.store.engine, user, bundle_id)
    if sha256 not in {f.sha256 for f in state.store.files(bundle_id)}:
        raise NotFound(f"no file {sha256} in bundle {bundle_id}")
    png = page_png(state.store.blobs, sha256, page, parse_bbox(bbox))
    return Response(png, media_type="image/png", headers={"Cache-Control": "private, max-age=3600"})


# -- across reviews ---------------------------------------------------------------------------
@router.get("/themes")
def themes_page(
    request: Request,
    user: PageUser,
    state: WebState,
    by: str = "theme",
    region: str = "",
    la_type: str = "",
    year: str = "",
    theme: str = "",
    format: str = "html",
    sort: str = "",
    order: str = "",
    page: int = 1,
) -> Response:
    filters = ThemeFilters(region or None, la_type or None, year or None, theme or None)
    rows, reviews = theme_data(state, user, by, filters)
    if format in ("csv", "xlsx"):
        return download(rows, format, "themes")
    columns = ["label", by, "reviews", "savings_gbp", "at_risk_gbp", "pressures_gbp"]
    ids = [r.bundle_id for r in reviews]
    choices = filter_choices(
        state.store.engine, [v.id for v in visible_bundles(state.store.engine, user, latest_only=True)]
    )
    return render(
        request,
        "themes.html",
        rows=rows,
        reviews=reviews,
        by=by,
        filters=filters,
        choices=choices,
        query=request.url.query,
        review_ids=ids,
        view=table_view(rows, columns, sort, order, page),
        params=dict(request.query_params),
        chart=_theme_chart(rows),
    )


THEME_SERIES = (
    Series("Savings", "#17456e"),
    Series("At risk", "#b3261e"),
    Series("Pressures", "#a15c00"),
)


def _theme_chart(rows: list[dict[str, Any]]) -> Markup | None:
    """Each theme's savings, amount at risk and pressures across the reviews shown, largest first."""
    totals: dict[str, list[float]] = {}
    for r in rows:
        sums = totals.setdefault(r["label"], [0.0, 0.0, 0.0])
        for i, field in enumerate(("savings_gbp", "at_risk_gbp", "pressures_gbp")):
            sums[i] += r[field] or 0.0
    ranked = sorted(totals.items(), key=lambda kv: -max(kv[1]))
    if not ranked:
        return None
    title = "Savings, amounts at risk and pressures by theme (£m)"
    return bar_chart(title, [k for k, _ in ranked], THEME_SERIES, [v for _, v in ranked])


@router.get("/search")
def search_page(
    request: Request,
    user: PageUser,
    state: WebState,
    q: str = "",
    kind: str = "",
    at_risk: bool = False,
    format: str = "html",
    sort: str = "",
    order: str = "",
    page: int = 1,
) -> Response:
    rows = search_data(state, user, q[:200], kind or None, at_risk) if q or at_risk or kind else []
    if format in ("csv", "xlsx"):
        return download(rows, format, "lines")
    columns = ["council_name", "kind", "title", "period", "amount_gbp", "at_risk"]
    return render(
        request,
        "search.html",
        rows=rows,
        q=q,
        kind=kind,
        at_risk=at_risk,
        query=request.url.query,
        view=table_view(rows, columns, sort, order, page),
        params=dict(request.query_params),
    )


@router.get("/glossary")
def glossary_page(request: Request, user: PageUser) -> Response:
    return render(request, "glossary.html", terms=sorted(TERMS, key=lambda t: t.name.lower()))


# -- LGA: assigning reviewers -----------------------------------------------------------------
@router.get("/admin/assignments")
def assignments_page(request: Request, user: PageUser, state: WebState) -> Response:
    lga_user(user)
    engine = state.store.engine
    reviewers = list_users(engine, "reviewer")
    names = {u.id: u.email for u in reviewers}
    bundles = visible_bundles(engine, user, latest_only=True)
    labels = {b.id: f"{council_label(b.council) or '?'} · {b.label}" for b in visible_bundles(engine, user)}
    pairs = [(b, labels.get(b, b), names.get(u, u), u) for b, u in assignment_list(engine)]
    return render(request, "assignments.html", reviewers=reviewers, bundles=bundles, pairs=pairs)


@router.post("/admin/assignments")
async def assign_form(request: Request, user: PageUser, state: WebState) -> Response:
    form = await request.form()
    check_csrf(request, form.get("csrf_token"))
    lga_user(user)
    reviewer = get_user(state.store.engine, str(form.get("reviewer") or ""))
    if reviewer is None or reviewer.role != "reviewer":
        raise HTTPException(400, "choose a reviewer")
    bundle_id = str(form.get("bundle") or "")
    visible_bundle(state.store.engine, user, bundle_id)
    if form.get("action") == "remove":
        unassign(state.store.engine, bundle_id, reviewer.id)
    else:
        assign(state.store.engine, bundle_id, reviewer, user)
    return redirect("/admin/assignments")
