"""A bundle's progress as JSON: per file and per stage, with errors and, once rendered, downloads."""

from __future__ import annotations

from typing import Any

from ingest.errors import NotFound
from workers.pipeline import OUTPUTS
from workers.progress import FileProgress, bundle_progress, is_complete
from workers.stages import outputs_manifest
from workers.store import Store
from workers.web.access import BundleView

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


def bundle_status(store: Store, view: BundleView) -> dict[str, Any]:
    items = bundle_progress(store, view.id)
    sizes = {f.position: f.size for f in store.files(view.id)}
    manifest = manifest_or_none(store, view.id)
    complete = is_complete(store, view.id)
    return {
        "id": view.id,
        "label": view.label,
        "council": view.council,
        "created_at": view.created_at.isoformat(),
        "previous_id": view.previous_id,
        "superseded_by": view.superseded_by,
        "complete": complete,
        "ready": manifest is not None,
        "failed": complete and manifest is None,
        "files": [_file(item, sizes.get(item.position)) for item in items if item.position >= 0],
        "bundle": [_file(item, None) for item in items if item.position < 0],
        "outputs": [
            {"name": name, "url": f"/api/bundles/{view.id}/files/{name}"}
            for name in OUTPUTS
            if manifest and name in manifest
        ],
    }


def _file(item: FileProgress, size: int | None) -> dict[str, Any]:
    return {
        "position": item.position,
        "name": item.name,
        "size": size,
        "current": item.current,
        "stages": {
            stage: {
                "state": r.state,
                "error_code": r.error_code,
                "error": r.error_message,
                "attempts": r.attempts,
            }
            for stage, r in item.runs.items()
        },
    }
