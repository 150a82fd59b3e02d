"""Writing a finished bundle's outputs (the pack, the deck, the data) to a folder."""

from __future__ import annotations

from pathlib import Path

from ingest.errors import NotFound
from workers.pipeline import OUTPUTS
from workers.progress import bundle_progress
from workers.stages import outputs_manifest
from workers.store import Store


class NotRendered(NotFound):
    """The bundle has no outputs yet, or a stage failed before rendering."""


def write_outputs(store: Store, bundle_id: str, out: Path) -> list[Path]:
    try:
        manifest = outputs_manifest(store, bundle_id)
    except NotFound as exc:
        problems = [
            f"{item.name}: {r.stage} {r.state} ({r.error_code}: {r.error_message})"
            for item in bundle_progress(store, bundle_id)
            for r in item.errors
            if item.position < 0
        ]
        raise NotRendered("; ".join(problems) or f"bundle {bundle_id} has not been rendered yet") from exc
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for name in OUTPUTS:
        path = out / name
        path.write_bytes(store.blobs.get(manifest[name]))
        written.append(path)
    return written
