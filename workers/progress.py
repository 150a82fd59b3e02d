"""Progress of a bundle, per document and stage, read from the store."""

from __future__ import annotations

from dataclasses import dataclass

from workers.pipeline import BUNDLE_POSITION, PIPELINE, bundle_stages, document_stages
from workers.store import TERMINAL, RunRow, Store


@dataclass(frozen=True)
class FileProgress:
    position: int
    name: str
    runs: dict[str, RunRow]
    rebuilding: bool = False  # the bundle's own stages: a rebuild asked for has not finished (is_rebuilding)

    @property
    def finished(self) -> int:
        return sum(r.state in TERMINAL for r in self.runs.values())

    @property
    def current(self) -> str:
        active = [s for s, r in self.runs.items() if r.state not in TERMINAL]
        return active[0] if active else "finished"

    @property
    def errors(self) -> list[RunRow]:
        return [r for r in self.runs.values() if r.error_code]


def bundle_progress(store: Store, bundle_id: str) -> list[FileProgress]:
    """One entry per file, then one for the bundle's own stages (position -1)."""
    runs = store.runs(bundle_id)
    rebuilding = is_rebuilding(store, bundle_id)
    names = {f.position: f.name for f in store.files(bundle_id)}
    names[BUNDLE_POSITION] = "whole bundle"
    order = {s.name: i for i, s in enumerate(PIPELINE)}
    out = []
    for position in sorted(names, key=lambda p: (p == BUNDLE_POSITION, p)):
        mine = sorted((r for r in runs if r.position == position), key=lambda r: order[r.stage])
        bundle = position == BUNDLE_POSITION
        out.append(FileProgress(position, names[position], {r.stage: r for r in mine}, bundle and rebuilding))
    return out


def steps(item: FileProgress) -> tuple[int, int]:
    """(stages finished, stages in all) of a file's stages, or of the bundle's own. A file refused
    or skipped goes no further, so its later stages count as finished. The bundle's own stages,
    while a rebuild runs them again, are not all finished whatever their states say."""
    expected = bundle_stages() if item.position == BUNDLE_POSITION else document_stages()
    if item.rebuilding:
        finished = sum(1 for s in expected if s.name in item.runs and item.runs[s.name].state == "done")
        return min(finished, len(expected) - 1), len(expected)
    if any(r.state in ("failed", "skipped") for r in item.runs.values()):
        return len(expected), len(expected)
    finished = sum(1 for s in expected if s.name in item.runs and item.runs[s.name].state in TERMINAL)
    return finished, len(expected)


def percent(finished: int, total: int) -> int:
    """A share in whole per cent, rounded down: 100 only when all is finished."""
    return 100 * finished // total if total else 100


def is_rebuilding(store: Store, bundle_id: str) -> bool:
    """A rebuild asked for (after a reviewer's correction or finding) has not finished: one queued
    while an earlier one runs keeps the bundle rebuilding (workers.actors)."""
    requested, finished = store.rebuilds(bundle_id)
    return finished < requested


def is_complete(store: Store, bundle_id: str) -> bool:
    """Every stage finished, and the bundle stages have finished the last rebuild asked for."""
    return not is_rebuilding(store, bundle_id) and all(r.state in TERMINAL for r in store.runs(bundle_id))


def in_words(item: FileProgress) -> str:
    """Where a file is, in the pack's words: "refused: the file is empty", not a code."""
    if item.rebuilding:  # what its stages say is of the rebuild before, or on the way to this one
        now = "waiting to start" if item.current == "finished" else _working(item)
        return f"rebuilding with the latest changes: {now}"
    failed = [r for r in item.errors if r.state == "failed"]
    if failed:
        first = failed[0]
        why = (first.error_message or first.error_code or "no reason recorded").removeprefix(f"{item.name}: ")
        return f"refused: {why}" if first.stage == "ingest" else f"{first.stage} failed: {why}"
    skipped = [r for r in item.errors if r.state == "skipped"]
    if skipped:
        why = skipped[0].error_message or (
            "a duplicate; read once" if skipped[0].error_code == "duplicate" else ""
        )
        return why.removeprefix(f"{item.name}: ") or "skipped"
    if item.current == "finished":
        return "done"
    return _working(item)


def _working(item: FileProgress) -> str:
    if item.runs[item.current].stalled:
        return f"{item.current} stalled: its worker stopped; it will be sent again"
    return f"{item.current}…"
