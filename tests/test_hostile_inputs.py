"""Hostile and broken files: each is refused or read with a reason, and never stops the bundle.

Every file here is made in the test run (tests/hostile_samples.py); the last test sends them all,
beside good files, through `reviewpack run` in a process limited to 3 GB of address space.
"""

from __future__ import annotations

import json
import os
import re
import resource
import subprocess
import sys
import zipfile
from pathlib import Path

import pdfplumber
import pytest

import extract.document
from extract.document import extract_file, prose_within_limit
from extract.formats.csv import csv_grid
from extract.prose import figures_from_passages
from extract.reading import provenance
from extract.records import Passage
from ingest.bundle import read_bundle
from ingest.errors import TooLarge
from ingest.inspect import inspect_file
from ingest.language import english
from ingest.limits import Limits
from ingest.records import Format, Status
from tests.hostile_samples import (
    bit_flipped,
    far_cell_xlsx,
    hidden_columns_xlsx,
    laughs_xlsx,
    long_field_csv,
    long_page_pdf,
    nested_tables_html,
    office_with_encrypted_part,
    stored_zip,
    surrogate_pdf,
    truncated,
    wide_spans_html,
    xxe_docx,
    zip_bomb,
    zip_flagged_encrypted,
    zip_with_method,
)
from tests.ingest_samples import (
    docx_sample,
    encrypted_office,
    pptx_sample,
    text_pdf,
    xlsx_sample,
    zip_of,
)
from tests.pipeline_helpers import run_bundle_embedded
from workers.progress import bundle_progress

ROOT = Path(__file__).resolve().parents[1]
REVIEWPACK = str(Path(sys.executable).with_name("reviewpack"))
ADDRESS_SPACE = 3 * 1024**3
REPORT = text_pdf(["Budget monitoring report", "Forecast overspend of 5.4m on placements"])
SAVINGS = xlsx_sample([["Saving", "Target", "RAG"], ["Placements", 1200, "Amber"]], title="Savings Tracker")


def write(path: Path, data: bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return path


def test_a_workbook_declaring_17_billion_cells_is_refused_before_a_cell_is_read() -> None:
    document = inspect_file("far.xlsx", far_cell_xlsx(declared=True))
    assert document.status is Status.FAILED and document.errors[0].code == TooLarge.code
    message = document.errors[0].message
    assert message.startswith("far.xlsx: ") and "A1:XFD1048576" in message and "300,000 rows" in message


def test_a_workbook_lying_about_its_size_is_stopped_at_the_limit_while_reading() -> None:
    extraction = extract_file("lying.xlsx", far_cell_xlsx(declared=False))
    document = extraction.documents[0]
    assert document.status is Status.FAILED and document.errors[-1].code == TooLarge.code
    assert "lying.xlsx" in document.errors[-1].message


def test_columns_hidden_far_past_excels_last_are_read_as_hidden_up_to_it() -> None:
    document = extract_file("cols.xlsx", hidden_columns_xlsx()).documents[0]
    assert document.status is not Status.FAILED, document.errors


def test_an_office_file_whose_text_is_too_large_to_hold_is_refused_before_it_is_parsed() -> None:
    plan = docx_sample(["Medium term financial plan"] * 200)
    assert inspect_file("plan.docx", plan).status is not Status.FAILED
    document = inspect_file("plan.docx", plan, Limits(max_xml_bytes=10_000))
    assert document.status is Status.FAILED and document.errors[0].code == TooLarge.code
    assert "MB limit" in document.errors[0].message


def test_a_csv_is_read_up_to_the_row_limit_and_no_further() -> None:
    text = "a,b\n" + "1,2\n" * 10
    assert len(csv_grid("ten.csv", text, Limits(max_rows=11))) == 11
    with pytest.raises(TooLarge, match="more than 10 rows"):
        csv_grid("ten.csv", text, Limits(max_rows=10))


def test_a_csv_cell_longer_than_the_csv_module_takes_is_refused_with_a_reason() -> None:
    document = extract_file("long.csv", long_field_csv()).documents[0]
    assert document.status is Status.FAILED and "cannot be read as CSV" in document.errors[-1].message


def test_tables_nested_past_the_limit_are_refused_before_the_page_is_parsed() -> None:
    assert extract_file("ok.html", nested_tables_html(5)).documents[0].status is not Status.FAILED
    document = extract_file("deep.html", nested_tables_html(40)).documents[0]
    assert document.status is Status.FAILED and "nest more than 32 deep" in document.errors[-1].message


def test_a_table_whose_spans_make_billions_of_cells_is_refused_while_reading() -> None:
    document = extract_file("spans.html", wide_spans_html()).documents[0]
    assert document.status is Status.FAILED and "3,000,000 cells" in document.errors[-1].message


def test_a_page_of_a_quarter_million_characters_is_recorded_not_read() -> None:
    extraction = extract_file("dump.pdf", long_page_pdf(250_000))
    document = extraction.documents[0]
    assert document.status is Status.PARTIAL
    assert [(e.code, e.page) for e in document.errors] == [("too_large", 1)]
    assert "200,000" in document.errors[0].message


def test_lone_surrogates_in_pdf_text_become_replacement_characters() -> None:
    extraction = extract_file("broken-font.pdf", surrogate_pdf())
    assert extraction.documents[0].status is Status.OK
    text = " ".join(p.text for p in extraction.passages)
    assert "\ufffd" in text and "Budget" not in text  # its B is the lone low surrogate
    extraction.model_dump_json().encode("utf-8")  # storable and writable as UTF-8 JSON


def test_text_longer_than_spacys_limit_is_read_in_chunks(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(english(), "max_length", 50_000)  # spaCy's own is 1,000,000: slow to fill
    filler = "The committee noted the report. " * (english().max_length // 32 + 100)
    text = filler + "There is a forecast overspend of £5.4m."
    document = inspect_file("minutes.txt", b"Minutes")
    passage = Passage(text=text, provenance=[provenance(document, "paragraph 1", text)])
    figures = figures_from_passages([passage])
    assert [(f.value, f.label) for f in figures] == [(5_400_000, "forecast overspend")]


def test_text_past_the_prose_limit_is_kept_but_not_searched_and_the_document_is_partial() -> None:
    text = "A forecast overspend of £1.2m.\n\n" + "The committee noted the report. " * 30
    passages = [passage for passage in extract_file("minutes.txt", text.encode()).passages]
    searched, note = prose_within_limit(passages, Limits(max_prose_chars=100))
    assert len(searched) == 1 and note[0].code == "too_large" and "100 characters" in note[0].message
    assert prose_within_limit(passages, Limits())[1] == []


def test_a_zip_stored_without_compression_is_read_as_a_zip_not_as_its_first_pdf(tmp_path: Path) -> None:
    bundle = write(tmp_path / "papers.zip", stored_zip({"report.pdf": REPORT, "savings.xlsx": SAVINGS}))
    assert [(f.name, f.error) for f in read_bundle([bundle])] == [
        ("report.pdf", None),
        ("savings.xlsx", None),
    ]


def test_password_protected_zip_members_are_refused_and_the_others_read(tmp_path: Path) -> None:
    members = {"secret.pdf": REPORT, "savings.xlsx": SAVINGS}
    bundle = write(tmp_path / "locked.zip", zip_flagged_encrypted(members, locked={"secret.pdf"}))
    files = {f.name: f for f in read_bundle([bundle])}
    secret = files["secret.pdf"].error
    assert secret is not None and secret.code == "encrypted_file" and "password" in secret.message
    assert files["savings.xlsx"].error is None and files["savings.xlsx"].data == SAVINGS


def test_a_member_packed_with_an_unknown_method_is_refused_for_that_not_as_cut_short(tmp_path: Path) -> None:
    bundle = write(tmp_path / "ppmd.zip", zip_with_method({"report.pdf": REPORT}, method=98))
    [member] = read_bundle([bundle])
    assert member.error is not None and member.error.code == "unsupported_format"
    assert "compression method" in member.error.message and "cut short" not in member.error.message


def test_a_zip_given_alone_is_not_called_a_zip_inside_a_zip() -> None:
    document = inspect_file("papers.zip", zip_of({"report.pdf": REPORT}))
    assert document.status is Status.FAILED and "inside a zip" not in document.errors[0].message
    assert "zip archive" in document.errors[0].message


def test_a_pdf_over_the_page_limit_is_refused_for_its_length_not_its_missing_text() -> None:
    blank = text_pdf([], pages=3)
    document = inspect_file("blank.pdf", blank, Limits(max_pages=2))
    assert document.errors[0].code == "too_large" and "3 pages" in document.errors[0].message


def test_a_name_that_is_not_utf8_is_kept_readable_and_the_file_read(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    with open(os.path.join(os.fsencode(folder), b"caf\xe9 budget.pdf"), "wb") as handle:
        handle.write(REPORT)
    [incoming] = read_bundle([folder])
    assert incoming.name == "caf\\xe9 budget.pdf" and incoming.error is None
    incoming.name.encode("utf-8")


def test_a_defect_reading_one_file_leaves_the_pack_made_from_the_rest(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(document, data):  # type: ignore[no-untyped-def]
        raise KeyError("a bug in the CSV reader")

    monkeypatch.setitem(extract.document.EXTRACTORS, Format.CSV, broken)
    bundle = tmp_path / "bundle"
    write(bundle / "report.pdf", REPORT)
    write(bundle / "savings.xlsx", SAVINGS)
    write(bundle / "outturn.csv", b"service,budget,forecast\nplacements,100,120\n")
    store, bundle_id, out = run_bundle_embedded([bundle], tmp_path / "home", processes=1)
    with pdfplumber.open(out / "pack.pdf") as pdf:
        assert len(pdf.pages) >= 1
    progress = {item.name: item for item in bundle_progress(store, bundle_id)}
    extract_run = progress["outturn.csv"].runs["extract"]
    assert extract_run.state == "failed" and extract_run.error_code == "internal_error"
    assert progress["savings.xlsx"].runs["extract"].state == "done"
    documents = {d["file"]: d for d in json.loads((out / "extraction.json").read_text())["documents"]}
    csv = documents["outturn.csv"]
    assert csv["status"] == "failed" and "fault in reviewpack" in csv["errors"][-1]["message"]
    assert documents["savings.xlsx"]["status"] != "failed"
    assert shown_anywhere(store, bundle_id, out, "KeyError", "a bug in the CSV reader") == []


def shown_anywhere(store, bundle_id: str, out: Path, *texts: str) -> list[str]:  # type: ignore[no-untyped-def]
    """Where any of `texts` (an exception's) reaches a reader: the pack, the deck, the workbook,
    the JSON outputs, the run's summary, the web app's problem list and progress."""
    from workers.account import bundle_state, problem_list, summary_lines
    from workers.progress import in_words

    with pdfplumber.open(out / "pack.pdf") as pdf:
        shown = {"pack.pdf": "\n".join(page.extract_text() or "" for page in pdf.pages)}
    for name in ("pack.pptx", "data.xlsx"):
        with zipfile.ZipFile(out / name) as archive:
            shown[name] = "".join(archive.read(n).decode("utf-8", "replace") for n in archive.namelist())
    for name in ("review.json", "extraction.json"):
        shown[name] = (out / name).read_text()
    account = bundle_state(store, bundle_id).account
    shown["summary"] = "\n".join(summary_lines(account))
    shown["problems"] = json.dumps(problem_list(account))
    items = bundle_progress(store, bundle_id)
    shown["progress"] = "\n".join(in_words(i) for i in items)
    shown["stage errors"] = "\n".join(r.error_message or "" for r in store.runs(bundle_id))
    return sorted(f"{where}: {text}" for where, body in shown.items() for text in texts if text in body)


@pytest.mark.parametrize("stage", ["ingest", "extract"])
def test_a_stage_that_leaves_no_result_still_leaves_a_pack(
    stage: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import workers.stages

    real = workers.stages.RUNNERS[stage]

    def failing(ctx, bundle_id, position):  # type: ignore[no-untyped-def]
        if ctx.store.file(bundle_id, position).name == "report.pdf":
            raise RuntimeError("the disk went away")
        return real(ctx, bundle_id, position)

    monkeypatch.setitem(workers.stages.RUNNERS, stage, failing)
    monkeypatch.setattr("workers.actors.MAX_RETRIES", 0)  # a retried defect fails the same way, slower
    bundle = tmp_path / "bundle"
    write(bundle / "report.pdf", REPORT)
    write(bundle / "savings.xlsx", SAVINGS)
    store, bundle_id, out = run_bundle_embedded([bundle], tmp_path / "home")
    assert (out / "pack.pdf").read_bytes().startswith(b"%PDF")
    documents = {d["file"]: d for d in json.loads((out / "extraction.json").read_text())["documents"]}
    report = documents["report.pdf"]
    assert report["status"] == "failed" and "fault in reviewpack" in report["errors"][-1]["message"]
    assert f"could not {stage} this file" in report["errors"][-1]["message"]
    assert documents["savings.xlsx"]["status"] != "failed"
    # The exception is for the log; the pack, the deck and the web app say what happened in words.
    assert shown_anywhere(store, bundle_id, out, "RuntimeError", "the disk went away") == []


def test_extract_on_hostile_files_writes_json_with_a_reason_for_each(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    files = {
        "far.xlsx": far_cell_xlsx(declared=True),
        "lying.xlsx": far_cell_xlsx(declared=False),
        "broken-font.pdf": surrogate_pdf(),
        "dump.pdf": long_page_pdf(250_000),
    }
    paths = [str(write(folder / name, data)) for name, data in files.items()]
    odd = os.path.join(os.fsencode(folder), b"caf\xe9.pdf")
    with open(odd, "wb") as handle:
        handle.write(REPORT)
    out = tmp_path / "x.json"
    result = reviewpack("extract", *paths, os.fsdecode(odd), "--json", str(out), home=tmp_path / "home")
    assert result.returncode == 0 and "Traceback" not in result.stderr, result.stderr
    documents = {d["file"]: d for d in json.loads(out.read_text(encoding="utf-8"))["documents"]}
    assert {name: d["status"] for name, d in documents.items()} == {
        "far.xlsx": "failed",
        "lying.xlsx": "failed",
        "broken-font.pdf": "ok",
        "dump.pdf": "partial",
        "caf\\xe9.pdf": "ok",
    }


def hostile_bundle(root: Path) -> dict[str, str]:
    """A folder mixing good files with one of each hostile kind; returns each file's expected
    outcome: a status, or a status and error code."""
    good_docx = docx_sample(["Medium term financial plan", "The budget gap is 3.2m in 2025/26."])
    good_pptx = pptx_sample(["Savings programme 2025/26"])
    files: dict[str, tuple[bytes, str]] = {
        "report.pdf": (REPORT, "ok"),
        "savings.xlsx": (SAVINGS, "ok"),
        "far.xlsx": (far_cell_xlsx(declared=True), "failed too_large"),
        "lying.xlsx": (far_cell_xlsx(declared=False), "failed too_large"),
        "hidden-columns.xlsx": (hidden_columns_xlsx(), "ok"),
        "plan-encrypted.docx": (encrypted_office(good_docx), "failed encrypted_file"),
        "cut.pdf": (truncated(REPORT), "failed corrupt_file"),
        "cut.docx": (truncated(good_docx), "failed corrupt_file"),
        "cut.xlsx": (truncated(SAVINGS), "failed corrupt_file"),
        "cut.pptx": (truncated(good_pptx), "failed corrupt_file"),
        "flipped.pdf": (bit_flipped(REPORT), "any"),
        "flipped.docx": (bit_flipped(good_docx), "any"),
        "flipped.xlsx": (bit_flipped(SAVINGS), "any"),
        "flipped.pptx": (bit_flipped(good_pptx), "any"),
        "xxe.docx": (xxe_docx(), "any"),
        "zipcrypto-part.docx": (
            office_with_encrypted_part(good_docx, "word/document.xml"),
            "failed corrupt_file",
        ),
        "laughs.xlsx": (laughs_xlsx(), "failed corrupt_file"),
        "broken-font.pdf": (surrogate_pdf(), "ok"),
        "dump.pdf": (long_page_pdf(250_000), "partial too_large"),
        "deep.html": (nested_tables_html(40), "failed too_large"),
        "spans.html": (wide_spans_html(), "failed too_large"),
        "long.csv": (long_field_csv(), "failed corrupt_file"),
        "bomb.zip": (zip_bomb(), "failed too_large"),
        ".DS_Store": (b"\0\0\0\1Bud1", "failed skipped"),
        "~$plan.docx": (b"lock", "failed skipped"),
    }
    expected = {}
    for name, (data, outcome) in files.items():
        write(root / name, data)
        expected[name] = outcome
    zips = {
        "stored.zip": stored_zip({"papers/a.pdf": REPORT, "papers/b.xlsx": SAVINGS}),
        "locked.zip": zip_flagged_encrypted({"secret.pdf": REPORT, "open.pptx": good_pptx}, {"secret.pdf"}),
        "ppmd.zip": zip_with_method({"packed.pdf": REPORT}, method=98),
        "sly.zip": zip_of({"../../etc/evil.pdf": REPORT, "/abs.pdf": REPORT, "fine.docx": good_docx}),
        "junk.zip": zip_of({"~$lock.xlsx": b"lock", "__MACOSX/._a.pdf": b"fork", "a/.hidden.pdf": REPORT}),
    }
    for name, data in zips.items():
        write(root / name, data)
    expected |= {
        "stored.zip/papers/a.pdf": "ok",
        "stored.zip/papers/b.xlsx": "ok",
        "locked.zip/secret.pdf": "failed encrypted_file",
        "locked.zip/open.pptx": "ok",
        "ppmd.zip/packed.pdf": "failed unsupported_format",
        "sly.zip/../../etc/evil.pdf": "failed bad_input",
        "sly.zip//abs.pdf": "failed bad_input",
        "sly.zip/fine.docx": "ok",
        "junk.zip/~$lock.xlsx": "failed skipped",
        "junk.zip/__MACOSX/._a.pdf": "failed skipped",
        "junk.zip/a/.hidden.pdf": "failed skipped",
    }
    with open(os.path.join(os.fsencode(root), b"caf\xe9 outturn.pdf"), "wb") as handle:
        handle.write(REPORT)
    expected["caf\\xe9 outturn.pdf"] = "ok"
    (root / "elsewhere.pdf").symlink_to(root / "report.pdf")
    expected["elsewhere.pdf"] = "failed skipped"
    return expected


def limited() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (ADDRESS_SPACE, ADDRESS_SPACE))


def reviewpack(*args: str, home: Path) -> subprocess.CompletedProcess[str]:
    env = os.environ | {"REVIEWPACK_HOME": str(home), "PYTHONPATH": str(ROOT), "COLUMNS": "200"}
    env.pop("REDIS_URL", None)
    env.pop("DATABASE_URL", None)
    return subprocess.run(
        [REVIEWPACK, *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=env,
        timeout=600,
        preexec_fn=limited,  # noqa: PLW1509 - only sets a resource limit, no threads involved
    )


def matches(document: dict[str, object], expected: str) -> bool:
    if expected == "any":
        return document["status"] in {"ok", "partial"} or bool(document["errors"])
    status, _, code = expected.partition(" ")
    codes = {e["code"] for e in document["errors"]}  # type: ignore[attr-defined, index]
    return document["status"] == status and (not code or code in codes)


@pytest.mark.slow
def test_a_bundle_of_hostile_files_gives_a_pack_and_an_outcome_for_every_file(tmp_path: Path) -> None:
    expected = hostile_bundle(tmp_path / "bundle")
    out = tmp_path / "out"
    result = reviewpack("run", str(tmp_path / "bundle"), "--out", str(out), home=tmp_path / "home")
    output = result.stdout + result.stderr
    assert result.returncode == 0, output  # 0: the pack was made, whatever was refused
    assert "Traceback" not in output
    with pdfplumber.open(out / "pack.pdf") as pdf:
        pack = "\n".join(page.extract_text() or "" for page in pdf.pages)
    assert "~$plan.docx" in pack and "Skipped" in pack and "bomb.zip" in pack
    extraction = (out / "extraction.json").read_text()
    assert "root:" not in extraction  # the XXE entity naming /etc/passwd was not resolved
    documents = {d["file"]: d for d in json.loads(extraction)["documents"]}
    assert set(documents) == set(expected)
    wrong = {name: (documents[name]["status"], documents[name]["errors"]) for name in expected}
    wrong = {name: got for name, got in wrong.items() if not matches(documents[name], expected[name])}
    assert not wrong
    for document in documents.values():
        if document["status"] == "failed":
            assert document["errors"] and all(e["message"] for e in document["errors"]), document
    bundle_id = re.findall(r"bundle ([0-9a-f]{32}): wrote", output)[0]
    status = reviewpack("status", bundle_id, "--json", home=tmp_path / "home")
    assert status.returncode == 0 and "Traceback" not in status.stderr
    files = json.loads(status.stdout)["files"]
    assert {f["name"] for f in files if f["position"] >= 0} == set(expected)
    for f in files:
        if f["name"] in {".DS_Store", "elsewhere.pdf", "~$plan.docx"}:
            assert f["stages"]["ingest"]["state"] == "skipped" and f["stages"]["ingest"]["error"], f
