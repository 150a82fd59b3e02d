"""Submitting a bundle: store every file unchanged, then queue each file's first stage."""

from __future__ import annotations

from pathlib import Path

import dramatiq

from ingest.bundle import IncomingFile, read_bundle
from ingest.safe_text import readable_name
from workers.actors import enqueue
from workers.pipeline import PIPELINE
from workers.store import Store


def submit_paths(store: Store, broker: dramatiq.Broker, paths: list[Path], council: str | None) -> str:
    label = ", ".join(readable_name(p.name) for p in paths)
    return submit_files(store, broker, read_bundle(paths), label, council)


def submit_files(
    store: Store, broker: dramatiq.Broker, files: list[IncomingFile], label: str, council: str | None
) -> str:
    bundle_id = store.create_bundle(label, files, council)
    first = PIPELINE[0]
    for position in largest_first(files):
        enqueue(broker, store, first, bundle_id, position)
    return bundle_id


def largest_first(files: list[IncomingFile]) -> list[int]:
    """The files' positions, largest first: the bundle waits for its slowest document, so the
    longest reads start first and the short ones fill the other processes around them (a file's
    bytes stand for its pages, which are not known until it is read)."""
    return sorted(range(len(files)), key=lambda position: -len(files[position].data))
