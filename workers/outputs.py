"""Writing a finished bundle's outputs (the pack, the deck, the data) to a folder."""

from __future__ import annotations

import json
from pathlib import Path

from ingest.errors import NotFound
from workers.pipeline import OUTPUTS
from workers.progress import bundle_progress
from workers.stage_calls import contract_json
from workers.stages import outputs_manifest
from workers.store import Store


class NotRendered(NotFound):
    """The bundle has no outputs yet, or a stage failed before rendering. Carries the bundle's id
    and what could still be written (extraction.json, when the analyse stage stored it)."""

    def __init__(self, message: str, *, bundle_id: str, written: list[Path]) -> None:
        super().__init__(message)
        self.bundle_id = bundle_id
        self.written = written


def write_outputs(store: Store, bundle_id: str, out: Path) -> list[Path]:
    """Write every output; when there are none, write extraction.json if it exists and raise."""
    store.bundle(bundle_id)  # NotFound for an unknown id, not "not rendered yet"
    try:
        manifest = outputs_manifest(store, bundle_id)
    except NotFound as exc:
        problems = [
            f"{item.name}: {r.stage} {r.state} ({r.error_code}: {r.error_message})"
            for item in bundle_progress(store, bundle_id)
            for r in item.errors
            if item.position < 0
        ]
        message = "; ".join(problems) or f"bundle {bundle_id} has not been rendered yet"
        written = _write_extraction(store, bundle_id, out)
        raise NotRendered(message, bundle_id=bundle_id, written=written) from exc
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for name in OUTPUTS:
        path = out / name
        path.write_bytes(store.blobs.get(manifest[name]))
        written.append(path)
    return written


def _write_extraction(store: Store, bundle_id: str, out: Path) -> list[Path]:
    """extraction.json alone: what was read, and why each refused file was refused."""
    try:
        payload = store.newest_result(bundle_id, "analyse.extraction")
    except NotFound:
        return []
    out.mkdir(parents=True, exist_ok=True)
    path = out / "extraction.json"
    path.write_bytes(contract_json(json.loads(payload)))
    return [path]
