"""A scanned PDF is read by OCR where tesseract is installed, and refused with advice where not.

The scan is made here: a budget monitoring page is written with WeasyPrint, rendered to a
picture with pdftoppm, and the picture wrapped as a PDF with Pillow, so it has no text layer.
Expected values are the page's source text; boxes are checked against the PDF reader's boxes
on the original (text) PDF, which shows OCR's pixels were turned back into PDF points.
"""

from __future__ import annotations

import io
import shutil
import subprocess
from pathlib import Path

import pytest
import weasyprint
from PIL import Image

from extract.document import extract_document, extract_file
from extract.pdf.reader import read_pdf
from extract.records import Extraction
from ingest.errors import NoTextLayer
from ingest.inspect import inspect_file
from ingest.ocr import available
from ingest.records import DocumentKind, Status
from tests.conftest import need
from tests.ingest_samples import image_only_pdf

SENTENCE = (
    "The service forecasts an overspend of £4.2m in 2024-25, driven by external residential placements."
)
ROWS = [
    ["Service", "Budget £000", "Forecast £000", "Variance £000"],
    ["Placements", "42,150", "45,870", "3,720"],
    ["Care leavers", "6,300", "6,780", "480"],
    ["Total", "48,450", "52,650", "4,200"],
]
SCAN_DPI = 150  # an ordinary office scan
# How far (points) an OCR box may sit from the text layer's box of the same text.
BOX_SLACK = 4.0


UNRULED = "td,th{padding:3pt 14pt 3pt 0;text-align:left}"
RULED = "td,th{border:0.75pt solid #000;padding:3pt 6pt;text-align:left}"


def page_html(cells: str = UNRULED) -> str:
    head = "".join(f"<th>{cell}</th>" for cell in ROWS[0])
    body = "".join("<tr>" + "".join(f"<td>{cell}</td>" for cell in row) + "</tr>" for row in ROWS[1:])
    return (
        "<html><head><style>body{font-family:'DejaVu Sans';font-size:11pt}"
        f"table{{border-collapse:collapse}} {cells}</style></head>"
        f"<body><h2>Children's Services budget monitoring, month 6</h2><p>{SENTENCE}</p>"
        f"<table><tr>{head}</tr>{body}</table></body></html>"
    )


def scanned(pdf: bytes, folder: Path, turned: float = 0.0) -> bytes:
    """The PDF's first page as a picture in a PDF of the same size, with no text layer,
    fed into the scanner `turned` degrees askew."""
    (folder / "page.pdf").write_bytes(pdf)
    command = ["pdftoppm", "-r", str(SCAN_DPI), "-gray", "-png", "-singlefile", "page.pdf", "page"]
    subprocess.run(command, cwd=folder, check=True, capture_output=True)
    out = io.BytesIO()
    with Image.open(folder / "page.png") as image:
        askew = image.rotate(turned, resample=Image.Resampling.BILINEAR, fillcolor=255) if turned else image
        askew.save(out, "PDF", resolution=float(SCAN_DPI))
    return out.getvalue()


@pytest.fixture(scope="module")
def original() -> bytes:
    return weasyprint.HTML(string=page_html()).write_pdf()


@pytest.fixture(scope="module")
def scan(original: bytes, tmp_path_factory: pytest.TempPathFactory) -> bytes:
    need(shutil.which("pdftoppm") is not None, "pdftoppm (poppler-utils) is not installed")
    return scanned(original, tmp_path_factory.mktemp("scan"))


@pytest.fixture(scope="module")
def read(scan: bytes) -> Extraction:
    need(available(), "tesseract-ocr is not installed (scripts/system-deps.sh installs it)")
    return extract_file("scan.pdf", scan)


@pytest.fixture(scope="module")
def text_layer(original: bytes) -> Extraction:
    return extract_file("original.pdf", original)


def near(box: tuple[float, ...] | None, other: tuple[float, ...] | None) -> bool:
    assert box is not None and other is not None
    return all(abs(a - b) <= BOX_SLACK for a, b in zip(box, other, strict=True))


def test_the_made_scan_really_has_no_text_layer(scan: bytes) -> None:
    document = inspect_file("scan.pdf", scan)
    with pytest.raises(NoTextLayer):
        read_pdf(document, scan)


def test_a_scan_is_read_by_ocr_and_marked_partial_with_an_ocr_note(read: Extraction) -> None:
    document = read.documents[0]
    assert document.status is Status.PARTIAL and document.pages == 1
    assert [error.code for error in document.errors] == ["ocr"]
    assert "OCR" in document.errors[0].message and "check" in document.errors[0].message


def test_a_scan_is_classified_from_its_ocr_text(read: Extraction) -> None:
    assert read.documents[0].kind is DocumentKind.BUDGET_MONITORING


def test_the_money_figure_in_a_scanned_sentence_comes_back_with_its_page_and_box(
    read: Extraction, text_layer: Extraction
) -> None:
    [figure] = [f for f in read.figures if f.value == 4_200_000]
    [expected] = [f for f in text_layer.figures if f.value == 4_200_000]
    assert figure.period == "2024-25"
    assert figure.provenance[0].page == 1
    assert near(figure.provenance[0].bbox, expected.provenance[0].bbox)


def test_a_scanned_table_comes_back_cell_for_cell_where_it_is_on_the_page(
    read: Extraction, text_layer: Extraction
) -> None:
    [table] = read.tables
    assert table.rows == ROWS and table.unit == "£000" and table.page == 1
    assert near(table.bbox, text_layer.tables[0].bbox)


def test_a_ruled_scanned_table_comes_back_without_its_rules_read_as_characters(
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    """Rules touching figures are read by OCR as '|' or '(' or swallow the figure, unless
    they are found in the picture and painted out first."""
    need(available(), "tesseract-ocr is not installed (scripts/system-deps.sh installs it)")
    need(shutil.which("pdftoppm") is not None, "pdftoppm (poppler-utils) is not installed")
    original = weasyprint.HTML(string=page_html(RULED)).write_pdf()
    expected = extract_file("ruled.pdf", original).tables[0]
    [table] = extract_file("ruled-scan.pdf", scanned(original, tmp_path_factory.mktemp("ruled"))).tables
    assert table.rows == ROWS and near(table.bbox, expected.bbox)


def test_a_page_scanned_askew_is_straightened_and_its_table_still_read(
    original: bytes, tmp_path_factory: pytest.TempPathFactory
) -> None:
    need(available(), "tesseract-ocr is not installed (scripts/system-deps.sh installs it)")
    need(shutil.which("pdftoppm") is not None, "pdftoppm (poppler-utils) is not installed")
    askew = scanned(original, tmp_path_factory.mktemp("askew"), turned=1.9)
    [table] = extract_file("askew.pdf", askew).tables
    assert table.rows == ROWS


def test_budget_lines_are_read_from_a_scanned_table(read: Extraction) -> None:
    lines = {line.name: line for line in read.budget_lines}
    for name, budget, forecast, variance in ROWS[1:]:
        line = lines[name]
        amounts = (line.budget_gbp, line.forecast_gbp, line.variance_gbp)
        assert amounts == tuple(float(v.replace(",", "")) * 1000 for v in (budget, forecast, variance))
        assert line.provenance[0].page == 1 and line.provenance[0].bbox is not None


def test_without_an_ocr_engine_a_scan_is_refused_as_before(
    scan: bytes, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))  # nothing on it: no tesseract, no poppler
    document = inspect_file("scan.pdf", scan)
    assert document.status is Status.FAILED
    assert [error.code for error in document.errors] == [NoTextLayer.code]
    message = document.errors[0].message
    assert "export" in message.lower() and "OCR" in message


def test_a_document_marked_for_ocr_is_refused_where_the_engine_has_gone(
    read: Extraction, scan: bytes, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Ingest ran where tesseract was, extraction where it is not: refused, not read empty."""
    marked = read.documents[0].model_copy(update={"errors": read.documents[0].errors[:1]})
    monkeypatch.setenv("PATH", str(tmp_path))
    failed = extract_document(marked, scan).documents[0]
    assert failed.status is Status.FAILED
    assert failed.errors[-1].code == NoTextLayer.code


def test_a_scan_with_no_words_on_it_is_still_refused_when_ocr_runs() -> None:
    need(available(), "tesseract-ocr is not installed (scripts/system-deps.sh installs it)")
    document = inspect_file("blank.pdf", image_only_pdf())
    assert document.status is Status.FAILED
    assert [error.code for error in document.errors] == [NoTextLayer.code]
    assert "OCR found none" in document.errors[0].message
