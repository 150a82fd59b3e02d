"""The account of what happened to a bundle: the one truth behind the CLI, the API and the page."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import extract.document
from extract.records import BudgetLine, Extraction, Provenance, Verification
from extract.verify.report import contradicted
from ingest.bundle import IncomingFile
from ingest.records import DocError, Document, Format, Status
from tests.ingest_samples import text_pdf
from tests.pipeline_helpers import run_bundle_embedded
from workers.account import (
    SUMMARY,
    bundle_account,
    bundle_state,
    document_account,
    extract_summary,
    headline,
    problem_list,
    summary_lines,
)
from workers.pipeline import BUNDLE_POSITION, stage
from workers.settings import load_settings
from workers.store import Store


def document(file: str, status: Status = Status.OK, errors: list[DocError] | None = None) -> Document:
    return Document(
        file=file, sha256=file * 2, size=10, format=Format.PDF, status=status, errors=errors or []
    )


def line(file: str, verification: Verification) -> BudgetLine:
    where = Provenance(file=file, sha256=file * 2, page=1, bbox=None, locator="table 1, row 2", text="x")
    return BudgetLine(name="Placements", level="service_line", provenance=[where], verification=verification)


PARTIAL = document(
    "monitoring.pdf",
    Status.PARTIAL,
    [
        DocError(code="page_unreadable", message="PdfiumError: bad page", page=3),
        DocError(code="page_unreadable", message="PdfiumError: bad page", page=4),
        DocError(code="row_unreadable", message="table 2, row 5: not a number", page=6),
    ],
)
REFUSED = document(
    "minutes.pdf", Status.FAILED, [DocError(code="corrupt_file", message="minutes.pdf: the PDF is cut short")]
)


def test_a_partial_read_counts_its_unread_pages_and_keeps_its_other_notes() -> None:
    account = document_account([PARTIAL, REFUSED, document("plan.pdf")])
    assert account.read == ("monitoring.pdf", "plan.pdf")
    assert [(r.file, r.reason) for r in account.refused] == [("minutes.pdf", "the PDF is cut short")]
    assert account.unread_pages == {"monitoring.pdf": [3, 4]}
    assert account.read_in_part == ("monitoring.pdf",)
    lines = summary_lines(account)
    assert "files read: 2 of 3 (1 in part)" in lines
    assert "files refused: 1" in lines and "  minutes.pdf: the PDF is cut short" in lines
    assert "pages unread: 2" in lines and "  monitoring.pdf: pages 3, 4" in lines
    assert "  monitoring.pdf: page 6: table 2, row 5: not a number" in lines


def test_a_ready_pack_is_never_called_plainly_ready_when_something_was_not_read() -> None:
    account = document_account([PARTIAL, REFUSED])
    assert (
        headline(account, ready=True, failed=False)
        == "The pack is ready, with 1 file refused and 2 pages unread."
    )
    assert headline(document_account([document("a.pdf")]), ready=True, failed=False) == "The pack is ready."
    ocr = document("scan.pdf", Status.PARTIAL, [DocError(code="ocr", message="read by OCR")])
    assert (
        headline(document_account([ocr]), ready=True, failed=False)
        == "The pack is ready, with notes on 1 file."
    )


def test_every_refusal_unread_page_and_note_is_listed_as_a_problem() -> None:
    problems = problem_list(document_account([PARTIAL, REFUSED]))
    assert [(p["file"], p["kind"], p["page"]) for p in problems] == [
        ("minutes.pdf", "refused", None),
        ("monitoring.pdf", "unread", 3),
        ("monitoring.pdf", "unread", 4),
        ("monitoring.pdf", "note", 6),
    ]
    assert problems[1]["text"] == "page unread: page 3: PdfiumError: bad page"


def test_rows_contradicted_by_their_tables_arithmetic_are_counted_from_the_records() -> None:
    records = [line("a.pdf", Verification.CONTRADICTED), line("a.pdf", Verification.VERIFIED)]
    extraction = Extraction(documents=[document("a.pdf")], budget_lines=records)
    account = document_account(extraction.documents, contradicted(extraction))
    assert account.contradicted == 1
    assert "rows contradicted by their table's arithmetic: 1" in summary_lines(account)
    assert headline(account, ready=True, failed=False).endswith(
        "1 row contradicted by its table's arithmetic."
    )
    summary = extract_summary(Extraction(documents=[document("a.pdf")], budget_lines=records))
    assert summary["contradicted"] == 1


def test_a_pdf_cut_short_that_still_opens_is_read_with_its_warning_beside_it() -> None:
    data = text_pdf(["Budget monitoring"], pages=2)
    (checked,) = extract.document.extract_file("minutes.pdf", data[: data.rindex(b"startxref")]).documents
    account = document_account([checked])
    assert account.read == ("minutes.pdf",) and account.refused == ()
    warning = (
        "the PDF is cut short (no end-of-file marker): 2 pages could be read; "
        "pages after that may be missing; ask for the file again"
    )
    lines = summary_lines(account)
    assert "files read: 1 of 1 (1 in part)" in lines and f"  minutes.pdf: {warning}" in lines
    assert [(p["kind"], p["text"]) for p in problem_list(account)] == [("note", warning)]
    assert headline(account, ready=True, failed=False) == "The pack is ready, with notes on 1 file."


@pytest.mark.parametrize("contradicted_rows", [0, 1, 3])
def test_the_pack_gives_the_count_of_rows_contradicted_that_the_run_summary_gives(
    contradicted_rows: int,
) -> None:
    from lxml import html as lxml_html

    from analyse.review import build_review
    from extract.records import Reviewed
    from render.pack import pack_html

    confirmed = line("a.pdf", Verification.CONTRADICTED).model_copy(
        update={"reviewed": [Reviewed(action="confirmed", by="r@example.org", at="2026-01-01T00:00:00")]}
    )
    records = [line("a.pdf", Verification.CONTRADICTED)] * contradicted_rows + [
        line("a.pdf", Verification.VERIFIED)
    ]
    extraction = Extraction(documents=[document("a.pdf")], budget_lines=records)
    summary = summary_lines(document_account(extraction.documents, contradicted(extraction)))
    assert f"rows contradicted by their table's arithmetic: {contradicted_rows}" in summary
    # A row a reviewer confirmed is settled: the pack counts it no more than the run's account does.
    review = build_review(extraction.model_copy(update={"budget_lines": [*records, confirmed]}))
    assert review.rows_in_doubt == contradicted_rows
    section = lxml_html.fromstring(pack_html(review, extraction)).get_element_by_id("quality")
    said = " ".join(section.text_content().split())
    if contradicted_rows:
        rows = (
            "1 row read from the documents' tables is"
            if contradicted_rows == 1
            else f"{contradicted_rows} rows read from the documents' tables are"
        )
        assert f"{rows} contradicted by" in said
    else:
        assert "No row read from the documents' tables is contradicted" in said


def test_nothing_read_is_said_plainly() -> None:
    account = document_account([REFUSED, REFUSED.model_copy(update={"file": "b.pdf"})])
    assert account.nothing_read
    assert headline(account, ready=False, failed=True) == (
        "Nothing could be read: both files were refused, so no pack was made."
    )


def test_a_bundles_account_comes_from_its_runs_and_stored_summaries(tmp_path: Path) -> None:
    store = Store.open(load_settings({"REVIEWPACK_HOME": str(tmp_path)}))
    files = [
        IncomingFile(name, name.encode())
        for name in ("monitoring.pdf", "minutes.pdf", "copy.pdf", "plan.pdf")
    ]
    files[2] = IncomingFile("copy.pdf", b"monitoring.pdf")
    bundle_id = store.create_bundle("t", files, None)
    rows = store.files(bundle_id)
    version = stage("extract").version
    renamed = PARTIAL.model_copy(update={"file": "elsewhere.pdf"})  # results are keyed by content alone
    summary = extract_summary(
        Extraction(documents=[renamed], budget_lines=[line("x", Verification.CONTRADICTED)])
    )
    store.save_result(rows[0].sha256, SUMMARY, version, json.dumps(summary))
    store.set_state(bundle_id, 0, "ingest", "done")
    store.set_state(bundle_id, 0, "extract", "done")
    store.set_state(
        bundle_id, 1, "ingest", "failed", error_code="corrupt_file", error_message="minutes.pdf: cut short"
    )
    store.set_state(bundle_id, 1, "extract", "skipped", error_code="not_readable")
    store.set_state(bundle_id, 2, "ingest", "done")
    store.set_state(bundle_id, 2, "extract", "skipped", error_code="duplicate", error_message="same content")
    store.set_state(bundle_id, 3, "ingest", "running")
    account = bundle_account(store, bundle_id)
    assert account.read == ("monitoring.pdf",) and account.pending == 1
    assert [(r.file, r.reason) for r in account.refused] == [("minutes.pdf", "cut short")]
    assert account.duplicates == (("copy.pdf", "monitoring.pdf"),)
    assert account.unread_pages == {"monitoring.pdf": [3, 4]} and account.contradicted == 1
    state = bundle_state(store, bundle_id)
    assert not state.complete and state.headline == "Working…"
    store.set_state(bundle_id, 3, "ingest", "done")
    store.set_state(bundle_id, 3, "extract", "done")
    store.set_state(
        bundle_id, BUNDLE_POSITION, "analyse", "failed", error_code="internal_error", error_message="boom"
    )
    store.set_state(bundle_id, BUNDLE_POSITION, "render", "skipped")
    state = bundle_state(store, bundle_id)
    assert state.failed and state.headline == "The pack could not be made."
    assert state.as_json()["problems"][-1]["text"] == "analyse failed: boom"


def test_an_unknown_bundle_has_no_account(tmp_path: Path) -> None:
    from ingest.errors import NotFound

    store = Store.open(load_settings({"REVIEWPACK_HOME": str(tmp_path)}))
    with pytest.raises(NotFound):
        bundle_account(store, "0" * 32)


def test_a_refused_file_and_pages_unread_reach_the_status_through_the_embedded_pipeline(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = extract.document.extract_document

    def losing_pages(doc: Document, data: bytes) -> Extraction:
        # As the PDF reader records pages it could not open: the rest of the file is read.
        found = real(doc, data)
        if doc.file != "monitoring.pdf":
            return found
        lost = [
            DocError(code="page_unreadable", message="PdfiumError: page is damaged", page=p) for p in (2, 3)
        ]
        checked = found.documents[0]
        checked = checked.model_copy(update={"status": Status.PARTIAL, "errors": [*checked.errors, *lost]})
        return found.model_copy(update={"documents": [checked]})

    monkeypatch.setattr(extract.document, "extract_document", losing_pages)  # runners import it when run
    bundle = tmp_path / "bundle"
    bundle.mkdir()
    lines = ["Children's services budget monitoring", "Placements budget 42,150 forecast 45,870"]
    (bundle / "monitoring.pdf").write_bytes(text_pdf(lines, pages=4))
    (bundle / "empty.pdf").write_bytes(b"")
    store, bundle_id, out = run_bundle_embedded([bundle], tmp_path / "home", processes=1)
    state = bundle_state(store, bundle_id)
    assert state.ready
    assert state.headline == "The pack is ready, with 1 file refused and 2 pages unread."
    kinds = {(p["file"], p["kind"], p["page"]) for p in state.as_json()["problems"]}
    assert kinds == {
        ("empty.pdf", "refused", None),
        ("monitoring.pdf", "unread", 2),
        ("monitoring.pdf", "unread", 3),
    }
    assert (out / "pack.pdf").exists()


def test_a_bundle_of_refused_files_makes_no_pack_but_keeps_the_extraction(tmp_path: Path) -> None:
    bundle = tmp_path / "bundle"
    bundle.mkdir()
    (bundle / "empty.pdf").write_bytes(b"")
    (bundle / "cut.pdf").write_bytes(b"%PDF-1.7\n1 0 obj\n<< /Type /Catalog")
    from workers.outputs import NotRendered

    with pytest.raises(NotRendered) as caught:
        run_bundle_embedded([bundle], tmp_path / "home")
    assert [p.name for p in caught.value.written] == ["extraction.json"]
    written = json.loads(caught.value.written[0].read_text())
    assert {d["status"] for d in written["documents"]} == {"failed"}
    store = Store.open(load_settings({"REVIEWPACK_HOME": str(tmp_path / "home")}))
    state = bundle_state(store, caught.value.bundle_id)
    assert state.failed and state.headline.startswith("Nothing could be read")


def test_a_result_stored_before_summaries_is_read_in_full_once_and_summarised(tmp_path: Path) -> None:
    store = Store.open(load_settings({"REVIEWPACK_HOME": str(tmp_path)}))
    bundle_id = store.create_bundle("t", [IncomingFile("a.pdf", b"a"), IncomingFile("b.pdf", b"a")], None)
    row = store.files(bundle_id)[0]
    version = stage("extract").version
    full = Extraction(documents=[PARTIAL], budget_lines=[line("a.pdf", Verification.CONTRADICTED)])
    store.save_result(row.sha256, "extract", version, full.model_dump_json())
    for position, state in ((0, "done"), (1, "skipped")):
        store.set_state(bundle_id, position, "ingest", "done")
        store.set_state(bundle_id, position, "extract", state, error_code="duplicate" if position else None)
    account = bundle_account(store, bundle_id)
    assert account.unread_pages == {"a.pdf": [3, 4]} and account.contradicted == 1
    assert json.loads(store.load_result(row.sha256, SUMMARY, version))["contradicted"] == 1
    lines = summary_lines(account)
    assert "duplicates: 1" in lines and "  b.pdf: same content as a.pdf; read once" in lines


def test_a_contradicted_figure_a_reviewer_confirmed_or_corrected_is_no_longer_counted(tmp_path: Path) -> None:
    from workers.corrections import new_correction, save_correction, undo_correction

    monitoring = tmp_path / "Budget monitoring Q2 2025-26.csv"
    monitoring.write_text(
        "Revenue budget monitoring 2025-26 Quarter 2, Children Young People and Education\n"
        "Service,Budget £000,Forecast £000,Variance £000\n"
        "Children in care placements,38400,43450,5050\n"
        "Early help and family hubs,11800,11350,-400\n"  # 11,800 - 400 is not 11,350
        "Total Children Young People and Education,50200,54800,4600\n"
    )
    store, bundle_id, _ = run_bundle_embedded([monitoring], tmp_path / "home", council="886")
    assert bundle_account(store, bundle_id).contradicted == 1
    sha = store.files(bundle_id)[0].sha256
    summary = json.loads(store.load_result(sha, SUMMARY, stage("extract").version))
    ((kind, locator),) = summary["contradicted_at"]
    elsewhere = new_correction(
        council="886", key=(kind, sha, "page 9, row 9"), action="confirmed", by="r@lga.gov.uk"
    )
    save_correction(store.engine, elsewhere)
    assert bundle_account(store, bundle_id).contradicted == 1  # a confirmation of another record
    confirmed = new_correction(council="886", key=(kind, sha, locator), action="confirmed", by="r@lga.gov.uk")
    save_correction(store.engine, confirmed)
    assert bundle_account(store, bundle_id).contradicted == 0
    undo_correction(store.engine, confirmed.id, "r@lga.gov.uk", "886", [sha])
    assert bundle_account(store, bundle_id).contradicted == 1
    corrected = new_correction(
        council="886",
        key=(kind, sha, locator),
        action="corrected",
        by="r@lga.gov.uk",
        field="variance_gbp",
        new=-450_000,
    )
    save_correction(store.engine, corrected)
    assert bundle_account(store, bundle_id).contradicted == 0
