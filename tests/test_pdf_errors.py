"""The PDF reader on bad input: truncated, encrypted and non-PDF bytes raise ingest's errors."""

from __future__ import annotations

import hashlib
import importlib.util
import io

import pytest
import weasyprint

from extract.pdf.reader import read_pdf
from ingest.errors import CorruptFile, EncryptedFile, NoTextLayer
from ingest.records import Document, Format
from tests.conftest import need


def document(name: str, data: bytes) -> Document:
    return Document(file=name, sha256=hashlib.sha256(data).hexdigest(), size=len(data), format=Format.PDF)


@pytest.fixture(scope="module")
def good() -> bytes:
    html = "<h1>Budget</h1><table><tr><td>Placements</td><td>1,000</td></tr><tr><td>Total</td><td>1,000</td></tr></table>"
    return weasyprint.HTML(string=html).write_pdf()


def test_a_truncated_pdf_is_a_corrupt_file_named_in_the_error(good: bytes) -> None:
    cut = good[: len(good) // 2]
    with pytest.raises(CorruptFile) as raised:
        read_pdf(document("cut.pdf", cut), cut)
    assert raised.value.file == "cut.pdf"
    assert "cut.pdf" in str(raised.value)


def test_bytes_that_are_not_a_pdf_are_a_corrupt_file() -> None:
    junk = b"%PDF-1.7\nthis is not really a PDF"
    with pytest.raises(CorruptFile):
        read_pdf(document("junk.pdf", junk), junk)


def test_a_password_protected_pdf_is_an_encrypted_file(good: bytes) -> None:
    need(importlib.util.find_spec("pypdf") is not None, "pypdf is needed to make an encrypted PDF")
    import pypdf

    writer = pypdf.PdfWriter(clone_from=io.BytesIO(good))
    writer.encrypt("secret")
    out = io.BytesIO()
    writer.write(out)
    locked = out.getvalue()
    with pytest.raises(EncryptedFile) as raised:
        read_pdf(document("locked.pdf", locked), locked)
    assert raised.value.file == "locked.pdf"


def test_a_pdf_with_no_text_layer_is_reported_as_such() -> None:
    blank = weasyprint.HTML(string="<div style='width:100pt;height:100pt;background:#000'></div>").write_pdf()
    with pytest.raises(NoTextLayer):
        read_pdf(document("scan.pdf", blank), blank)


def test_a_good_pdf_reads_without_errors(good: bytes) -> None:
    content = read_pdf(document("good.pdf", good), good)
    assert content.pages == 1 and content.errors == []


TWO_PAGES = "<p>First page prose.</p><p style='page-break-before: always'>Second page prose.</p>"


def failing_on_call_two(monkeypatch: pytest.MonkeyPatch, name: str) -> None:
    import extract.pdf.reader

    real = getattr(extract.pdf.reader, name)
    calls = []

    def failing(*args: object) -> object:
        calls.append(1)
        if len(calls) == 2:
            raise IndexError("list index out of range")
        return real(*args)

    monkeypatch.setattr(extract.pdf.reader, name, failing)


def test_a_page_whose_layout_fails_is_recorded_in_plain_words_and_the_others_are_still_read(
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    data = weasyprint.HTML(string=TWO_PAGES).write_pdf()
    failing_on_call_two(monkeypatch, "find_tables")
    content = read_pdf(document("monitoring.pdf", data), data)
    assert content.pages == 2
    assert [(e.code, e.page) for e in content.errors] == [("page_layout_unreadable", 2)]
    assert content.errors[0].message == (
        "page 2 of monitoring.pdf could not be read: its table layout was not understood"
    )
    assert [p.text for p in content.passages] == ["First page prose."]
    # The exception is for the log, never the record a pack shows.
    assert "IndexError" in caplog.text and "IndexError" not in content.errors[0].message


def test_a_page_whose_text_fails_is_recorded_with_its_own_code(monkeypatch: pytest.MonkeyPatch) -> None:
    data = weasyprint.HTML(string=TWO_PAGES).write_pdf()
    failing_on_call_two(monkeypatch, "page_words")
    content = read_pdf(document("two.pdf", data), data)
    assert [(e.code, e.page) for e in content.errors] == [("page_unreadable", 2)]
    assert content.errors[0].message == "page 2 of two.pdf could not be read: its text could not be read"


def test_a_document_with_a_lost_page_is_partial_not_ok(monkeypatch: pytest.MonkeyPatch) -> None:
    from extract.document import extract_file
    from ingest.records import Status

    data = weasyprint.HTML(string=TWO_PAGES).write_pdf()
    failing_on_call_two(monkeypatch, "find_tables")
    (checked,) = extract_file("two.pdf", data).documents
    assert checked.status is Status.PARTIAL
    assert [e.code for e in checked.errors] == ["page_layout_unreadable"]


def test_a_bold_heading_is_its_own_passage_not_the_start_of_the_text_under_it() -> None:
    from extract.pdf.passages import paragraphs
    from extract.pdf.words import Line, Word

    def line(text: str, top: float, bold: bool) -> Line:
        words = [Word(text, 10.0, top, 200.0, top + 10.0)]
        made = Line(words=words)
        made.bold = bold
        return made

    heading = line("3. Children, Young People and Education", 100.0, True)
    body = line("Residential placements are forecast to overspend.", 112.0, False)
    assert [p.text for p in paragraphs([heading, body], set())] == [heading.text, body.text]
    plain = line("3. Children, Young People and Education", 100.0, False)
    assert len(paragraphs([plain, body], set())) == 1  # the same lines not in bold run on


CUT_SHORT = "the PDF is cut short (it has no end-of-file marker); download or export it again"


def cut_short_warning(pages: str) -> str:
    return (
        f"the PDF is cut short (no end-of-file marker): {pages} could be read; "
        "pages after that may be missing; ask for the file again"
    )


def test_a_pdf_cut_short_after_its_pages_is_read_whole_with_a_warning() -> None:
    from extract.document import extract_file
    from ingest.records import Status

    data = weasyprint.HTML(string=TWO_PAGES).write_pdf()
    cut = data[: data.rindex(b"startxref")]  # the pointer to the xref and the end-of-file marker lost
    extraction = extract_file("minutes.pdf", cut)
    (checked,) = extraction.documents
    assert (checked.status, checked.pages) == (Status.PARTIAL, 2)
    assert [(e.code, e.message) for e in checked.errors] == [("cut_short", cut_short_warning("2 pages"))]
    assert [p.text for p in extraction.passages] == ["First page prose.", "Second page prose."]


def test_a_pdf_cut_in_a_page_s_text_is_read_up_to_that_page() -> None:
    from extract.document import extract_file
    from ingest.records import Status
    from tests.ingest_samples import contents_last_pdf

    data = contents_last_pdf(pages=4)
    cut = data[: data.index(b"(Page 3, line 10")]
    extraction = extract_file("minutes.pdf", cut)
    (checked,) = extraction.documents
    assert (checked.status, checked.pages) == (Status.PARTIAL, 4)
    assert [e.message for e in checked.errors] == [cut_short_warning("2 of its 4 pages")]
    assert {p.provenance[0].page for p in extraction.passages} == {1, 2}
    assert "Page 2, line 20 of the minutes." in extraction.passages[-1].text


def test_a_pdf_cut_before_any_page_s_text_is_refused_as_cut_short_not_as_a_scan() -> None:
    from extract.document import extract_file
    from tests.ingest_samples import contents_last_pdf

    data = contents_last_pdf(pages=2)
    cut = data[: data.index(b"(Page 1, line 3")]
    (checked,) = extract_file("minutes.pdf", cut).documents
    assert [(e.code, e.message) for e in checked.errors] == [("corrupt_file", f"minutes.pdf: {CUT_SHORT}")]


def test_a_pdf_cut_in_its_first_page_s_text_before_its_page_tree_is_refused_as_cut_short(good: bytes) -> None:
    from extract.document import extract_file

    # WeasyPrint writes the page tree last, in an object stream: cut before it, no page is left.
    cut = good[: good.index(b"stream") + 40]
    (checked,) = extract_file("cut.pdf", cut).documents
    assert [(e.code, e.message) for e in checked.errors] == [("corrupt_file", f"cut.pdf: {CUT_SHORT}")]


def test_the_second_reading_leaves_a_pdf_pdfminer_cannot_open_to_the_first() -> None:
    from extract.pdf.second_reading import STRATEGIES, plumber_tables

    data = weasyprint.HTML(string=TWO_PAGES).write_pdf()
    cut = data[: data.rindex(b"startxref")]  # pdfium rebuilds its xref; pdfminer finds no /Root
    settings = STRATEGIES["pdfplumber, ruling lines"]
    assert plumber_tables(document("cut.pdf", cut), cut, 1, settings) == []
