"""An account of what happened to a bundle: the one truth that the command line, the status API
and the web page all show.

A pack is never called ready without saying what it could not read: the files refused (with
why), the pages of the files read that were not read (a `partial` document's errors with page
numbers), the notes on the rest (OCR, rows that could not be read) and the rows the
extraction found contradicted by their own table's arithmetic (a row, not each figure in it: the
pack's data-quality section gives the same count).
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Sequence
from collections.abc import Set as AbstractSet
from dataclasses import dataclass
from typing import Any

from extract.records import Extraction, Verification
from extract.verify.report import contradicted
from ingest.records import PAGE_LOST_CODES, Document, Status
from workers.corrections import RECORDS, Key, corrections_for, record_key
from workers.pipeline import BUNDLE_POSITION
from workers.progress import is_complete, is_rebuilding
from workers.store import TERMINAL, FileRow, RunRow, Store

# A small per-document result the extract stage stores beside its full one, so that the status
# of many bundles is told without reading every table they hold: {"document", "contradicted"}.
SUMMARY = "extract.summary"


@dataclass(frozen=True)
class Refusal:
    file: str
    code: str
    reason: str


@dataclass(frozen=True)
class Note:
    """A problem recorded on a file that was read: a page unread, an OCR caveat, a row skipped."""

    file: str
    code: str
    message: str
    page: int | None = None

    @property
    def unread_page(self) -> bool:
        return self.page is not None and self.code in PAGE_LOST_CODES


@dataclass(frozen=True)
class Account:
    """What happened, file by file. `pending` files have not finished their own stages yet."""

    files: int = 0
    read: tuple[str, ...] = ()
    refused: tuple[Refusal, ...] = ()
    duplicates: tuple[tuple[str, str], ...] = ()  # (file, the file with the same content)
    notes: tuple[Note, ...] = ()
    contradicted: int = 0
    pending: int = 0
    stage_failures: tuple[Note, ...] = ()  # per-bundle stages (analyse, render)

    @property
    def unread_pages(self) -> dict[str, list[int]]:
        pages: dict[str, set[int]] = {}
        for note in self.notes:
            if note.unread_page and note.page is not None:
                pages.setdefault(note.file, set()).add(note.page)
        return {file: sorted(found) for file, found in pages.items()}

    @property
    def unread_page_count(self) -> int:
        return sum(len(pages) for pages in self.unread_pages.values())

    @property
    def read_in_part(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(n.file for n in self.notes))

    @property
    def nothing_read(self) -> bool:
        return self.files > 0 and self.pending == 0 and not self.read


def document_account(documents: Sequence[Document], contradicted: int = 0) -> Account:
    """The account of documents already read (`reviewpack extract`, or a finished bundle)."""
    parts = [_one_document(d) for d in documents]
    return Account(
        files=len(documents),
        read=tuple(d.file for d in documents if d.status is not Status.FAILED and not d.duplicate_of),
        refused=tuple(refusal for refusal, _ in parts if refusal is not None),
        duplicates=tuple((d.file, d.duplicate_of) for d in documents if d.duplicate_of),
        notes=tuple(n for _, notes in parts for n in notes),
        contradicted=contradicted,
    )


def _one_document(document: Document) -> tuple[Refusal | None, list[Note]]:
    if document.duplicate_of:
        return None, []
    if document.status is Status.FAILED:
        first = document.errors[0] if document.errors else None
        reason = without_name(document.file, first.message) if first else "no reason was recorded"
        return Refusal(document.file, first.code if first else "failed", reason), []
    return None, [Note(document.file, e.code, e.message, e.page) for e in document.errors]


def extract_summary(extraction: Extraction) -> dict[str, Any]:
    """What the extract stage stores under SUMMARY for its one document: with the count of
    contradicted records, where each sits (kind and locator), so that one a reviewer has since
    confirmed or corrected is counted as settled."""
    return {
        "document": extraction.documents[0].model_dump(mode="json"),
        "contradicted": contradicted(extraction),
        "contradicted_at": [
            [kind, record_key(kind, record)[2]]
            for kind, attr in RECORDS.items()
            for record in getattr(extraction, attr)
            if record.verification is Verification.CONTRADICTED and record.provenance
        ],
    }


def settled_keys(store: Store, bundle_id: str, files: Sequence[FileRow]) -> AbstractSet[Key]:
    """The records of the bundle's files that a reviewer confirmed or corrected (active only),
    as the analysis applies them: under the bundle's council."""
    council = store.bundle(bundle_id).council_override
    made = corrections_for(store.engine, council, [f.sha256 for f in files], active_only=True)
    return {c.key for c in made if c.action in ("confirmed", "corrected")}


def _unsettled(summary: dict[str, Any], sha256: str, settled: AbstractSet[Key]) -> int:
    """The file's contradicted records not settled by a reviewer (a summary stored before the
    places were kept gives its count as it was)."""
    places = summary.get("contradicted_at")
    if places is None:
        return int(summary.get("contradicted", 0))
    return sum(1 for kind, locator in places if (kind, sha256, locator) not in settled)


def bundle_account(store: Store, bundle_id: str) -> Account:
    """The account of a bundle, finished or not, from its stage runs and stored summaries."""
    store.bundle(bundle_id)  # NotFound for an unknown id
    files, runs = store.files(bundle_id), store.runs(bundle_id)
    by_position = {(r.position, r.stage): r for r in runs}
    summaries = _summaries(store, files)
    first: dict[str, str] = {}
    for row in files:
        first.setdefault(row.sha256, row.name)
    account = Account(files=len(files))
    settled = settled_keys(store, bundle_id, files)
    for row in files:
        summary = summaries.get(row.sha256)
        account = _add_file(account, row, by_position, summary, first[row.sha256], settled)
    failures = tuple(
        Note("whole bundle", r.error_code or "failed", f"{r.stage} failed: {r.error_message or r.error_code}")
        for r in runs
        if r.position == BUNDLE_POSITION and r.state == "failed"
    )
    return _replace(account, stage_failures=failures)


def _add_file(
    account: Account,
    row: FileRow,
    runs: dict[tuple[int, str], RunRow],
    summary: dict[str, Any] | None,
    first: str,
    settled: AbstractSet[Key] = frozenset(),
) -> Account:
    ingest, extract = runs.get((row.position, "ingest")), runs.get((row.position, "extract"))
    if ingest is not None and ingest.state == "failed":
        why = without_name(row.name, ingest.error_message or "no reason was recorded")
        refusal = Refusal(row.name, ingest.error_code or "failed", why)
        return _replace(account, refused=(*account.refused, refusal))
    if extract is not None and extract.state == "skipped" and extract.error_code == "duplicate":
        return _replace(account, duplicates=(*account.duplicates, (row.name, first)))
    if extract is not None and extract.state == "failed":
        why = without_name(row.name, extract.error_message or "no reason was recorded")
        refusal = Refusal(row.name, extract.error_code or "failed", why)
        return _replace(account, refused=(*account.refused, refusal))
    if extract is None or extract.state not in TERMINAL:
        return _replace(account, pending=account.pending + 1)
    if summary is None:  # a stage that stored no summary: read, with nothing recorded against it
        return _replace(account, read=(*account.read, row.name))
    document = Document.model_validate(summary["document"]).model_copy(update={"file": row.name})
    one = document_account([document])
    return _replace(
        account,
        read=account.read + one.read,
        refused=account.refused + one.refused,
        notes=account.notes + one.notes,
        contradicted=account.contradicted + _unsettled(summary, row.sha256, settled),
    )


def _summaries(store: Store, files: list[FileRow]) -> dict[str, dict[str, Any]]:
    """Each file's extract summary, the last stored by any release; for results stored before
    summaries were, the full result's."""
    keys = list(dict.fromkeys(f.sha256 for f in files))
    out = {k: json.loads(v) for k, v in store.newest_results(keys, SUMMARY).items()}
    older = [k for k in keys if k not in out]
    for key, versions in store.stored_versions(older, "extract").items():
        payload = store.load_result(key, "extract", versions[-1])
        out[key] = extract_summary(Extraction.model_validate_json(payload))
        store.save_result(key, SUMMARY, versions[-1], json.dumps(out[key]))  # read in full once only
    return out


@dataclass(frozen=True)
class BundleState:
    """A bundle's account with where it stands: the truth every interface shows."""

    account: Account
    complete: bool
    ready: bool
    rebuilding: bool  # a rebuild asked for has not finished (workers.progress.is_rebuilding)

    @property
    def failed(self) -> bool:
        return self.complete and not self.ready

    @property
    def headline(self) -> str:
        return headline(self.account, ready=self.ready, failed=self.failed, rebuilding=self.rebuilding)

    def as_json(self) -> dict[str, Any]:
        a = self.account
        return {
            "complete": self.complete,
            "ready": self.ready,
            "rebuilding": self.rebuilding,
            "failed": self.failed,
            "headline": self.headline,
            "summary": {
                "files": a.files,
                "read": len(a.read),
                "read_in_part": len(a.read_in_part),
                "refused": len(a.refused),
                "duplicates": len(a.duplicates),
                "pages_unread": a.unread_page_count,
                "contradicted": a.contradicted,
                "pending": a.pending,
            },
            "problems": problem_list(a),
        }


def bundle_state(store: Store, bundle_id: str) -> BundleState:
    account = bundle_account(store, bundle_id)
    complete = is_complete(store, bundle_id)
    ready = bool(store.stored_versions([bundle_id], "render"))  # by any release (outputs_manifest)
    return BundleState(account, complete, ready, is_rebuilding(store, bundle_id))


def _replace(account: Account, **changes: Any) -> Account:
    return dataclasses.replace(account, **changes)


# -- in words ---------------------------------------------------------------------------------
def plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def caveats(account: Account) -> list[str]:
    """What a reader must know beside the pack, shortest first: "1 file refused", "11 pages unread"."""
    out = []
    if account.refused:
        out.append(f"{plural(len(account.refused), 'file')} refused")
    if account.unread_page_count:
        out.append(f"{plural(account.unread_page_count, 'page')} unread")
    elif account.notes:
        out.append(f"notes on {plural(len(account.read_in_part), 'file')}")
    if account.contradicted:
        rows = plural(account.contradicted, "row")
        their = "its table's" if account.contradicted == 1 else "their tables'"
        out.append(f"{rows} contradicted by {their} arithmetic")
    return out


def every_file(n: int) -> str:
    return {1: "the file was", 2: "both files were"}.get(n, f"all {n} files were")


def without_name(name: str, message: str) -> str:
    """A reason without the file's name in front ("a.pdf: the file is empty"): it is shown beside it."""
    return message.removeprefix(f"{name}: ")


def and_join(parts: list[str]) -> str:
    return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]


def headline(account: Account, *, ready: bool, failed: bool, rebuilding: bool = False) -> str:
    """The one sentence on the outcome: the web page's banner and the command line's last word."""
    if account.nothing_read:
        return f"Nothing could be read: {every_file(account.files)} refused, so no pack was made."
    if failed:
        return "The pack could not be made."
    if rebuilding:  # a pack made before a reviewer's latest change is not called ready
        before = " The pack here until then is the one from before them." if ready else ""
        return f"Rebuilding the pack with the latest changes…{before}"
    if not ready:
        return "Working…"
    found = caveats(account)
    return f"The pack is ready, with {and_join(found)}." if found else "The pack is ready."


def summary_lines(account: Account) -> list[str]:
    """The end-of-run summary of `reviewpack run` and `reviewpack extract`."""
    in_part = len(account.read_in_part)
    lines = [
        f"files read: {len(account.read)} of {account.files}" + (f" ({in_part} in part)" if in_part else "")
    ]
    lines.append(f"files refused: {len(account.refused)}")
    lines += [f"  {r.file}: {r.reason}" for r in account.refused]
    if account.duplicates:
        lines.append(f"duplicates: {len(account.duplicates)}")
        lines += [f"  {file}: same content as {first}; read once" for file, first in account.duplicates]
    lines.append(f"pages unread: {account.unread_page_count}")
    lines += [f"  {file}: {_pages(pages)}" for file, pages in account.unread_pages.items()]
    others = [n for n in account.notes if not n.unread_page]
    if others:
        lines.append(f"notes: {len(others)}")
        lines += [f"  {n.file}: {_where(n)}{n.message}" for n in others]
    lines.append(f"rows contradicted by their table's arithmetic: {account.contradicted}")
    if not account.nothing_read:  # else the headline says it
        lines += [f"{n.file}: {n.message}" for n in account.stage_failures]
    return lines


def problem_list(account: Account) -> list[dict[str, Any]]:
    """Every problem and note, as the API and the web page list them."""
    out: list[dict[str, Any]] = [
        {"file": r.file, "kind": "refused", "page": None, "code": r.code, "text": f"refused: {r.reason}"}
        for r in account.refused
    ]
    out += [
        {"file": n.file, "kind": "unread" if n.unread_page else "note", "page": n.page, "code": n.code}
        | {"text": ("page unread: " if n.unread_page else "") + _where(n) + n.message}
        for n in account.notes
    ]
    out += [
        {
            "file": f,
            "kind": "duplicate",
            "page": None,
            "code": "duplicate",
            "text": f"same content as {first}; read once",
        }
        for f, first in account.duplicates
    ]
    out += [
        {"file": n.file, "kind": "stage", "page": None, "code": n.code, "text": n.message}
        for n in account.stage_failures
    ]
    return out


def _where(note: Note) -> str:
    return f"page {note.page}: " if note.page is not None else ""


def _pages(pages: list[int]) -> str:
    return ("page " if len(pages) == 1 else "pages ") + ", ".join(str(p) for p in pages)


__all__ = ["Account", "Note", "Refusal", "document_account", "headline", "problem_list", "summary_lines"]
