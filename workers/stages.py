"""What each stage does inside a worker: load its inputs by id, call the stage's pure
function, store what it returns. No stage logic lives here.

Each stage's function is named (workers.pool.Named) and imported where it runs: spaCy and
WeasyPrint cost seconds and hundreds of MB, so a worker (or the `status` command) loads only what
the stages it runs need, and in embedded mode the process handing stages to the pool loads none."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel

from extract.records import Extraction
from ingest.bundle import IncomingFile
from ingest.errors import NotFound, Skipped
from ingest.records import DocError, Document, Status, refused_document
from workers.account import SUMMARY, extract_summary
from workers.corrections import apply_corrections, corrections_for
from workers.findings import findings_for
from workers.pipeline import BUNDLE_POSITION, OUTPUTS, stage
from workers.pool import Named, StagePool
from workers.stage_calls import RENDER_SHARES
from workers.store import FileRow, RunRow, Store

R = TypeVar("R", bound=BaseModel)
T = TypeVar("T")


@dataclass(frozen=True)
class Outcome:
    state: str  # done | failed | skipped
    error_code: str | None = None
    error_message: str | None = None


DONE = Outcome("done")
NOTHING_READ = "nothing_readable"  # analyse's code for a bundle none of whose files could be read


@dataclass(frozen=True)
class Context:
    """What a runner needs besides the ids in its message.

    `pool`, where given, runs the stages' pure functions in other processes (workers.pool), so
    that the actors of several documents, and the three renders of a pack, use every core. Without
    one they run here, as in a distributed worker, which is one process per core already."""

    store: Store
    benchmarks_path: Path | None = None
    pool: StagePool | None = None

    def call(self, function: Callable[..., T], *args: Any) -> T:
        return self.gather([(function, *args)])[0]  # type: ignore[no-any-return]

    def gather(self, calls: list[tuple[Any, ...]]) -> list[Any]:
        """Each (function, *args) called, in the pool at once where there is one; in order."""
        if self.pool is None:
            return [function(*args) for function, *args in calls]
        return self.pool.run(calls)


INSPECT = Named("ingest.inspect:inspect_incoming")
EXTRACT = Named("extract.document:extract_document")
REVIEW = Named("workers.stage_calls:review_json")
RENDER = Named("workers.stage_calls:render_outputs")


def run_ingest(ctx: Context, bundle_id: str, position: int) -> Outcome:
    row = ctx.store.file(bundle_id, position)
    incoming = IncomingFile(row.name, ctx.store.blobs.get(row.sha256), row.refusal)
    document: Document = ctx.call(INSPECT, incoming)
    ctx.store.save_result(row.sha256, "ingest", stage("ingest").version, document.model_dump_json())
    if document.status is Status.FAILED:
        error = document.errors[0] if document.errors else None
        state = "skipped" if error and error.code == Skipped.code else "failed"
        return Outcome(state, error.code if error else "failed", error.message if error else None)
    return DONE


def run_extract(ctx: Context, bundle_id: str, position: int) -> Outcome:
    row = ctx.store.file(bundle_id, position)
    first = _first_with_same_content(ctx.store, bundle_id, row)
    if first.position != row.position:
        return Outcome("skipped", "duplicate", f"same content as {first.name}; read once")
    document = _ingested(ctx.store, row)
    if document.status is Status.FAILED:
        return Outcome("skipped", "not_readable", "the file was refused at ingest")
    extraction: Extraction = ctx.call(EXTRACT, document, ctx.store.blobs.get(row.sha256))
    version = stage("extract").version
    ctx.store.save_result(row.sha256, "extract", version, extraction.model_dump_json())
    ctx.store.save_result(row.sha256, SUMMARY, version, json.dumps(extract_summary(extraction)))
    read = extraction.documents[0]
    if read.status is Status.FAILED and len(read.errors) > len(document.errors):
        error = read.errors[-1]  # what extraction found wrong, shown wherever status is
        return Outcome("failed", error.code, error.message)
    return DONE


def run_analyse(ctx: Context, bundle_id: str, position: int) -> Outcome:
    store = ctx.store
    override = store.bundle(bundle_id).council_override
    extraction = corrected_extraction(store, bundle_id, override)
    version = stage("analyse").version
    extraction_json = extraction.model_dump_json()
    store.save_result(bundle_id, "analyse.extraction", version, extraction_json)
    if not any(d.status is not Status.FAILED and not d.duplicate_of for d in extraction.documents):
        # A pack of nothing would look like a review; the refusals are the whole story.
        count = len(extraction.documents)
        every = "the bundle has no files" if not count else f"none of its {count} files could be read"
        return Outcome("failed", NOTHING_READ, f"{every}, so no pack was made")
    written = findings_for(store.engine, bundle_id)
    review: str = ctx.call(REVIEW, extraction_json, ctx.benchmarks_path, override, written)
    store.save_result(bundle_id, "analyse", version, review)
    return DONE


def run_render(ctx: Context, bundle_id: str, position: int) -> Outcome:
    store = ctx.store
    version = stage("analyse").version
    review = store.load_result(bundle_id, "analyse", version)
    extraction = store.load_result(bundle_id, "analyse.extraction", version)
    shares = ctx.gather([(RENDER, list(names), review, extraction) for names in RENDER_SHARES])
    outputs = {
        name: data
        for names, share in zip(RENDER_SHARES, shares, strict=True)
        for name, data in zip(names, share, strict=True)
    }
    manifest = {name: store.blobs.put(outputs[name]) for name in OUTPUTS}
    store.save_result(bundle_id, "render", stage("render").version, json.dumps(manifest))
    return DONE


RUNNERS: dict[str, Callable[[Context, str, int], Outcome]] = {
    "ingest": run_ingest,
    "extract": run_extract,
    "analyse": run_analyse,
    "render": run_render,
}


def bundle_extraction(store: Store, bundle_id: str) -> Extraction:
    """Every document of the bundle, extracted or refused, as one Extraction, in bundle order.

    A document whose stage failed without a result (a defect, or a store error that outlived its
    retries) is listed as failed with the stage's recorded reason: one file never stops the pack."""
    runs = {(r.position, r.stage): r for r in store.runs(bundle_id)}
    parts = []
    for row in store.files(bundle_id):
        try:
            document = _ingested(store, row)
        except NotFound:
            parts.append(Extraction(documents=[_lost(row, runs.get((row.position, "ingest")))]))
            continue
        first = _first_with_same_content(store, bundle_id, row)
        if first.position != row.position:
            parts.append(Extraction(documents=[document.model_copy(update={"duplicate_of": first.name})]))
        elif document.status is Status.FAILED:
            parts.append(Extraction(documents=[document]))
        else:
            try:
                payload = store.load_result(row.sha256, "extract", stage("extract").version)
            except NotFound:
                parts.append(
                    Extraction(documents=[_lost(row, runs.get((row.position, "extract")), document)])
                )
                continue
            parts.append(_named(Extraction, payload, row))
    return Extraction.combine(parts)


def _lost(row: FileRow, run: RunRow | None, document: Document | None = None) -> Document:
    """The document of a file whose stage left no result, failed with that stage's reason."""
    from ingest.errors import INTERNAL_ERROR, fault_message

    error = DocError(code=INTERNAL_ERROR, message=fault_message(run.stage if run else "read"))
    if document is None:
        return refused_document(row.name, row.sha256, row.size, error)
    return document.model_copy(update={"status": Status.FAILED, "errors": [*document.errors, error]})


def corrected_extraction(store: Store, bundle_id: str, council: str | None) -> Extraction:
    """The bundle's extraction with the reviewers' active corrections for its council applied:
    what analysis, the pack and extraction.json are built from."""
    shas = [f.sha256 for f in store.files(bundle_id)]
    active = corrections_for(store.engine, council, shas, active_only=True)
    return apply_corrections(bundle_extraction(store, bundle_id), active)


def outputs_manifest(store: Store, bundle_id: str) -> dict[str, str]:
    """The bundle's rendered outputs, the last a release made: an older release's pack stays
    fetchable after an upgrade, and until a rebuild renders it again."""
    return dict(json.loads(store.newest_result(bundle_id, "render")))


def _ingested(store: Store, row: FileRow) -> Document:
    if row.refusal is not None:  # refused unread: its record is the refusal (results are keyed by
        # content, and refused files often share none, so a stored one could be another's)
        return refused_document(row.name, row.sha256, row.size, row.refusal)
    payload = store.load_result(row.sha256, "ingest", stage("ingest").version)
    return _named(Document, payload, row)


def _first_with_same_content(store: Store, bundle_id: str, row: FileRow) -> FileRow:
    """The first file read with these bytes; files refused unread are no one's original."""
    if row.refusal is not None:
        return row
    same = (f for f in store.files(bundle_id) if f.sha256 == row.sha256 and f.refusal is None)
    return next(same, row)


def _named(kind: type[R], payload: str, row: FileRow) -> R:
    """The stored record with this bundle's name for the file: results are keyed by content alone,
    so the same bytes sent under another name elsewhere are read once and relabelled here."""
    return kind.model_validate(_rename(json.loads(payload), row.sha256, row.name))


def _rename(node: Any, sha256: str, name: str) -> Any:
    if isinstance(node, list):
        return [_rename(item, sha256, name) for item in node]
    if not isinstance(node, dict):
        return node
    out = {key: _rename(value, sha256, name) for key, value in node.items()}
    if out.get("sha256") == sha256 and "file" in out:
        out["file"] = name
    return out


__all__ = [
    "BUNDLE_POSITION",
    "RUNNERS",
    "Outcome",
    "bundle_extraction",
    "corrected_extraction",
    "outputs_manifest",
]
