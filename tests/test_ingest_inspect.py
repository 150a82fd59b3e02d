"""inspect_file names the format from the bytes and turns every bad file into a failed Document."""

from __future__ import annotations

import hashlib
import importlib.util

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ingest.errors import CorruptFile, EmptyFile, EncryptedFile, NoTextLayer, TooLarge, UnsupportedFormat
from ingest.inspect import inspect_file
from ingest.limits import Limits
from ingest.records import DocumentKind, Format, Status
from tests.conftest import need
from tests.ingest_samples import (
    docx_sample,
    encrypted_office,
    encrypted_pdf,
    image_only_pdf,
    pptx_sample,
    text_pdf,
    with_part_replaced,
    xlsx_sample,
    zip_of,
)

MONITORING = ["Children's Services budget monitoring report", "Forecast outturn at month 6"]
GOOD = {
    "pdf": text_pdf(MONITORING, pages=2),
    "docx": docx_sample(MONITORING),
    "xlsx": xlsx_sample([["Service", "Budget"], ["Placements", 100]]),
    "pptx": pptx_sample(MONITORING),
}


def failed_with(name: str, data: bytes, code: str, limits: Limits | None = None) -> str:
    document = inspect_file(name, data, limits) if limits else inspect_file(name, data)
    assert document.status is Status.FAILED
    assert [e.code for e in document.errors] == [code]
    message = document.errors[0].message
    assert message.startswith(f"{name}: ")
    return message


def test_a_good_pdf_is_ok_with_its_pages_counted_and_hash_of_its_bytes() -> None:
    data = text_pdf(MONITORING, pages=3)
    document = inspect_file("m6.pdf", data)
    assert document.status is Status.OK and document.errors == []
    assert (document.format, document.pages, document.size) == (Format.PDF, 3, len(data))
    assert document.sha256 == hashlib.sha256(data).hexdigest()


def test_an_empty_file_fails_as_empty() -> None:
    failed_with("blank.pdf", b"", EmptyFile.code)


def test_a_truncated_pdf_fails_as_corrupt() -> None:
    data = text_pdf(MONITORING)
    message = failed_with("cut.pdf", data[: len(data) // 2], CorruptFile.code)
    assert "cut short" in message


def test_a_pdf_cut_short_that_still_opens_is_read_in_part_with_a_warning() -> None:
    data = text_pdf(MONITORING, pages=2)
    document = inspect_file("cut.pdf", data[: data.rindex(b"startxref")])
    assert (document.status, document.pages, document.kind) == (
        Status.PARTIAL,
        2,
        DocumentKind.BUDGET_MONITORING,
    )
    assert [e.code for e in document.errors] == ["cut_short"]
    assert "2 pages could be read" in document.errors[0].message


def test_a_pdf_with_garbage_inside_fails_as_corrupt() -> None:
    failed_with("garbage.pdf", b"%PDF-1.4\nnot really a pdf\n%%EOF\n", CorruptFile.code)


def test_an_encrypted_pdf_fails_as_password_protected() -> None:
    need(importlib.util.find_spec("pypdf") is not None, "pypdf (test dependency) makes the encrypted sample")
    message = failed_with("locked.pdf", encrypted_pdf(text_pdf(MONITORING)), EncryptedFile.code)
    assert "password" in message


def test_an_encrypted_office_file_fails_as_password_protected() -> None:
    need(importlib.util.find_spec("msoffcrypto") is not None, "msoffcrypto-tool makes the encrypted sample")
    data = encrypted_office(xlsx_sample([["Budget", 1]]))
    failed_with("locked.xlsx", data, EncryptedFile.code)


def test_a_scanned_pdf_fails_as_no_text_layer_and_says_how_to_fix_it() -> None:
    message = failed_with("scan.pdf", image_only_pdf(), NoTextLayer.code)
    assert "export" in message.lower() and "OCR" in message


def test_a_file_over_the_size_limit_fails_as_too_large() -> None:
    failed_with("big.pdf", text_pdf(MONITORING), TooLarge.code, Limits(max_bytes=100))


def test_a_pdf_over_the_page_limit_fails_as_too_large() -> None:
    failed_with("long.pdf", text_pdf(MONITORING, pages=3), TooLarge.code, Limits(max_pages=2))


def test_a_deck_over_the_page_limit_fails_as_too_large() -> None:
    failed_with("long.pptx", pptx_sample(["a", "b", "c"]), TooLarge.code, Limits(max_pages=2))


@pytest.mark.parametrize(
    ("name", "data", "advice"),
    [
        ("photo.pdf", b"\x89PNG\r\n\x1a\n" + b"\0" * 64, "original document"),
        ("setup.xlsx", b"MZ\x90\x00" + b"\0" * 64, "PDF, Word"),
        ("old.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + "WordDocument".encode("utf-16-le"), ".docx"),
        ("old.xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + "Workbook".encode("utf-16-le"), ".xlsx"),
    ],
)
def test_formats_we_do_not_read_fail_as_unsupported_with_advice(name: str, data: bytes, advice: str) -> None:
    assert advice in failed_with(name, data, UnsupportedFormat.code)


def test_a_damaged_office_file_fails_as_corrupt() -> None:
    data = docx_sample(["Savings plan"])
    failed_with("plan.docx", data[: len(data) - 200], CorruptFile.code)


def test_an_office_file_with_a_bad_part_fails_as_corrupt() -> None:
    data = bytearray(xlsx_sample([["Budget", 1]] * 50))
    start = data.index(b"xl/worksheets/sheet1.xml") + 40  # inside that part's compressed bytes
    data[start : start + 20] = b"\xff" * 20
    failed_with("tracker.xlsx", bytes(data), CorruptFile.code)


@pytest.mark.parametrize(
    ("name", "data", "fmt"),
    [
        ("report.xlsx", text_pdf(MONITORING), Format.PDF),
        ("tracker.pdf", xlsx_sample([["Saving", "Target"], ["Foster care", 100]]), Format.XLSX),
        ("plan.txt", docx_sample(["Savings plan"]), Format.DOCX),
        ("deck.docx", pptx_sample(["Savings plan"]), Format.PPTX),
        ("lines.xlsx", b"Ref,Saving,Target\nS1,Foster care,100\nS2,Transport,50\n", Format.CSV),
        ("page.pdf", b"<!DOCTYPE html><html><body><p>Budget</p></body></html>", Format.HTML),
    ],
)
def test_a_wrong_extension_is_read_by_content_and_noted(name: str, data: bytes, fmt: Format) -> None:
    document = inspect_file(name, data)
    assert document.status is Status.OK and document.errors == []
    assert document.format is fmt
    assert any(reason.startswith("extension_mismatch") for reason in document.kind_reasons)


def test_a_right_extension_is_not_noted() -> None:
    document = inspect_file("tracker.xlsx", xlsx_sample([["Saving", "Target"], ["Foster care", 100]]))
    assert not any(reason.startswith("extension_mismatch") for reason in document.kind_reasons)


def test_a_zip_that_is_not_an_office_file_is_unsupported_when_inspected_alone() -> None:
    failed_with("inner.zip", zip_of({"a.txt": b"hello"}), UnsupportedFormat.code)


def test_a_macro_workbook_is_read_as_data_and_the_macros_noted() -> None:
    data = xlsx_sample([["Saving", "Target"], ["Foster care", 100]])
    macro = with_part_replaced(
        data,
        "[Content_Types].xml",
        b"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml",
        b"application/vnd.ms-excel.sheet.macroEnabled.main+xml",
    )
    assert macro != data
    document = inspect_file("tracker.xlsm", macro)
    assert document.status is Status.OK and document.format is Format.XLSX
    assert any(reason.startswith("macros:") for reason in document.kind_reasons)


def test_csv_and_plain_text_are_told_apart() -> None:
    prose = b"The forecast overspend is \xa35.4m, mainly on placements.\nMembers asked about transport, and SEND.\nThanks.\n"
    assert inspect_file("notes.txt", prose).format is Format.TEXT
    table = "Service;Budget;Forecast\nPlacements;1,000;1,200\nTransport;500;450\n".encode("cp1252")
    assert inspect_file("monitor.csv", table).format is Format.CSV


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    sample=st.sampled_from(["pdf", "docx", "xlsx", "pptx"]),
    cut=st.floats(min_value=0.0, max_value=1.0),
    noise=st.binary(max_size=64),
)
def test_inspect_never_raises_on_damaged_files(sample: str, cut: float, noise: bytes) -> None:
    data = GOOD[sample]
    at = int(len(data) * cut)
    document = inspect_file(f"damaged.{sample}", data[:at] + noise + data[at + len(noise) :])
    assert document.status in (Status.OK, Status.PARTIAL, Status.FAILED)
    assert (document.status is Status.OK) == (not document.errors)
    # Partial only where the text had to be read by OCR or the PDF was cut short, and then it says so.
    assert document.status is not Status.PARTIAL or {e.code for e in document.errors} <= {"ocr", "cut_short"}


@settings(max_examples=60, deadline=None)
@given(st.binary(max_size=2048))
def test_inspect_never_raises_on_any_bytes(data: bytes) -> None:
    document = inspect_file("anything", data)
    assert document.size == len(data)


def test_plain_prose_named_as_a_document_is_refused_as_damaged() -> None:
    message = failed_with("minutes.docx", b"this is not really a word document", CorruptFile.code)
    assert "plain text" in message


def test_a_csv_exported_under_an_excel_name_is_still_read() -> None:
    document = inspect_file("summary.xls", b"Directorate,Budget,Forecast\nCYPE,100,110\nASCH,200,190\n")
    assert document.status is Status.OK and document.format is Format.CSV
