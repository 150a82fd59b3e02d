"""Reviewers' findings on the web and through the API: listing, writing, editing and deleting
them, after which the bundle's analysis and pack are rebuilt. The same roles as corrections:
reviewers and LGA users write, the bundle's council reads, anyone else finds nothing."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from analyse.records import CitedFigure, ReviewerFinding
from ingest.errors import NotFound
from workers.actors import rerun_bundle_stages
from workers.findings import InvalidFinding, add_finding, delete_finding, edit_finding, findings_for
from workers.web.access import visible_bundle
from workers.web.auth import Web
from workers.web.checks import Row, bundle_rows, editable_bundle
from workers.web.users import User


def bundle_findings(web: Web, user: User, bundle_id: str) -> list[ReviewerFinding]:
    visible_bundle(web.store.engine, user, bundle_id)  # another council's: not found
    return findings_for(web.store.engine, bundle_id)


def post_finding(
    web: Web,
    user: User,
    bundle_id: str,
    kind: str,
    text: str,
    cites: Sequence[CitedFigure] = (),
    finding_id: str | None = None,
) -> ReviewerFinding:
    """Write (or, given finding_id, overwrite) a finding and rebuild the bundle's pack.
    InvalidFinding for nonsense, or a cited figure the bundle does not have."""
    view = editable_bundle(web, user, bundle_id, "write findings")
    keys = {r.key for r in bundle_rows(web, view)}
    missing = [c for c in cites if (c.kind, c.sha256, c.locator) not in keys]
    if missing:
        raise InvalidFinding(
            f"bundle {bundle_id} has no {missing[0].kind.replace('_', ' ')} at {missing[0].locator!r}"
        )
    engine = web.store.engine
    if finding_id is None:
        made = add_finding(engine, bundle_id, view.council, user.email, kind, text, cites)
    else:
        made = edit_finding(engine, bundle_id, finding_id, user.email, kind, text, cites)
    rerun_bundle_stages(web.broker, web.store, bundle_id)
    return made


def remove_finding(web: Web, user: User, bundle_id: str, finding_id: str) -> None:
    editable_bundle(web, user, bundle_id, "delete findings")
    delete_finding(web.store.engine, bundle_id, finding_id, user.email)
    rerun_bundle_stages(web.broker, web.store, bundle_id)


def cites_from_refs(rows: Sequence[Row], refs: Sequence[str]) -> list[CitedFigure]:
    """The figures a form names as "<ref>#<field>" ("budget_lines.0#forecast_gbp") or "<ref>"."""
    by_ref = {r.ref: r for r in rows}
    cites = []
    for value in refs:
        ref, _, field = value.partition("#")
        row = by_ref.get(ref)
        if row is None:
            raise NotFound(f"no figure {ref}")
        cites.append(
            CitedFigure(kind=row.kind, sha256=row.sha256, locator=row.locator, field=field or None)  # type: ignore[arg-type]
        )
    return cites


def finding_json(finding: ReviewerFinding) -> dict[str, Any]:
    return finding.model_dump(mode="json", exclude={"cites"}) | {
        "cites": [c.model_dump(include={"kind", "sha256", "locator", "field"}) for c in finding.cites]
    }
