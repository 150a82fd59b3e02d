"""A bundle's progress as JSON: per file and per stage, with errors and, once rendered, downloads."""

from __future__ import annotations

from typing import Any

from ingest.errors import NotFound
from workers.account import bundle_account, bundle_state, caveats
from workers.councils import council_label
from workers.pipeline import OUTPUTS
from workers.progress import (
    FileProgress,
    bundle_progress,
    in_words,
    is_complete,
    is_rebuilding,
    percent,
    steps,
)
from workers.stages import outputs_manifest
from workers.store import Store
from workers.web.access import BundleView

# Each output as a reader knows it, and who it is for: the JSON files are for analysts.
OUTPUT_LABELS = {
    "pack.pdf": ("Pre-read pack (PDF)", "reviewers"),
    "pack.pptx": ("Slides (PowerPoint)", "reviewers"),
    "data.xlsx": ("Figures workbook (Excel)", "reviewers"),
    "extraction.json": ("Figures read from the documents (JSON)", "analysts"),
    "review.json": ("Review data (JSON)", "analysts"),
}
# The pipeline's stages as a reader says them (workers.pipeline.STAGES).
STAGE_WORDS = {
    "ingest": "Reading",
    "extract": "Finding figures",
    "analyse": "Reviewing",
    "render": "Making the pack",
}

CONTENT_TYPES = {
    "pack.pdf": "application/pdf",
    "pack.pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    "data.xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "extraction.json": "application/json",
    "review.json": "application/json",
}


def manifest_or_none(store: Store, bundle_id: str) -> dict[str, str] | None:
    try:
        return outputs_manifest(store, bundle_id)
    except NotFound:
        return None


def bundle_outcome(store: Store, bundle_id: str) -> str:
    """ready, rebuilding, failed or processing: the list of bundles' word for each, without the
    full account."""
    if manifest_or_none(store, bundle_id) is not None:
        return "rebuilding" if is_rebuilding(store, bundle_id) else "ready"
    return "failed" if is_complete(store, bundle_id) else "processing"


def outcome_in_words(store: Store, bundle_id: str, outcome: str) -> str:
    """The list of bundles' word for a bundle with what a reader must know beside a pack made
    (workers.account.caveats, the bundle page's banner's rule): "ready — 2 files refused"."""
    if outcome not in ("ready", "rebuilding"):
        return outcome
    found = caveats(bundle_account(store, bundle_id))
    return f"{outcome} — {', '.join(found)}" if found else outcome


def bundle_status(store: Store, view: BundleView) -> dict[str, Any]:
    """The bundle's progress and its account (workers.account): `headline` is the banner, and
    `problems` every refusal, unread page and note, including those of files read in part."""
    # Whether it is complete is read before its files' stages: a stage that has ended stays ended,
    # so a status that says complete never shows a file's stage still running from an earlier read.
    state = bundle_state(store, view.id).as_json()
    items = bundle_progress(store, view.id)
    sizes = {f.position: f.size for f in store.files(view.id)}
    manifest = manifest_or_none(store, view.id)
    return {
        "id": view.id,
        "label": view.label,
        "council": view.council,
        "council_name": council_label(view.council) or None,
        "created_at": view.created_at.isoformat(),
        "previous_id": view.previous_id,
        "superseded_by": view.superseded_by,
        **state,
        "progress": _overall(items),
        "files": [_file(item, sizes.get(item.position)) for item in items if item.position >= 0],
        "bundle": [_file(item, None) for item in items if item.position < 0],
        "outputs": [
            {
                "name": name,
                "label": OUTPUT_LABELS[name][0],
                "for": OUTPUT_LABELS[name][1],
                "url": f"/api/bundles/{view.id}/files/{name}",
            }
            for name in OUTPUTS
            if manifest and name in manifest
        ],
    }


def _overall(items: list[FileProgress]) -> dict[str, Any]:
    """The bundle's stages finished of all its files' and its own, in numbers and in words."""
    finished, total = (sum(pair) for pair in zip(*(steps(item) for item in items), strict=True))
    share = percent(finished, total)
    rebuilding = ", rebuilding with the latest changes" if any(item.rebuilding for item in items) else ""
    return {
        "finished": finished,
        "total": total,
        "percent": share,
        "words": f"{finished} of {total} steps finished ({share}%){rebuilding}",
    }


def _file(item: FileProgress, size: int | None) -> dict[str, Any]:
    finished, total = steps(item)
    return {
        "position": item.position,
        "name": item.name,
        "size": size,
        "current": item.current,
        "finished": finished,
        "total": total,
        "percent": percent(finished, total),
        "words": in_words(item),
        "stages": {
            stage: {
                "state": r.shown_state,
                "error_code": r.error_code,
                "error": r.error_message,
                "attempts": r.attempts,
            }
            for stage, r in item.runs.items()
        },
    }
