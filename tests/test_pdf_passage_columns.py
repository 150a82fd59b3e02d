"""Prose set in columns side by side (a side heading beside its text, a footer's page number, a
list's markers) is read column by column, never line by line across the gutter; justified prose,
however wide its spaces, is not split."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pypdfium2 as pdfium
import pytest
import weasyprint

from extract.pdf.reader import read_page, read_pdf
from extract.records import Passage
from ingest.records import Document, Format

DRAFT_BUDGET = "kent_cabinet_2025-01-30_draft_revenue_budget_2025-26_MTFP_2025-28.pdf"
DESCRIPTION = (
    "Forecast estimates for future non-inflationary cost and demand increases such as additional "
    "care hours, increased journey lengths, etc. across a range of services including adult social "
    "care, integrated children's services, home to school transport and waste tonnage."
)
LABEL = "Demand and future cost increase drivers £71.2m"
PROSE = (
    "The council forecasts an overspend on children's placements this year. Officers expect the "
    "pressure to continue into next year and have proposed the savings set out in the plan below, "
    "which the committee is asked to note before the budget is set in February."
)


def pdf_of(body: str) -> bytes:
    style = """
      @page { size: A4; margin: 2cm; }
      body { font-family: sans-serif; font-size: 10pt; line-height: 1.3; }
      .side { display: flex; margin-bottom: 14pt; }
      .label { width: 26%; text-align: right; padding-right: 12pt; }
      .text { width: 74%; }
      .justified { text-align: justify; text-align-last: justify; width: 60%; }
      .footer { display: flex; justify-content: space-between; font-size: 8pt; }
      ul { margin: 0; padding-left: 18pt; }
      li { padding-left: 10pt; }  /* a word processor's tab after the bullet */
    """
    html = f"<html><head><style>{style}</style></head><body>{body}</body></html>"
    return weasyprint.HTML(string=html).write_pdf()


def passages(data: bytes) -> list[Passage]:
    document = Document(
        file="report.pdf", sha256=hashlib.sha256(data).hexdigest(), size=len(data), format=Format.PDF
    )
    return read_pdf(document, data).passages


def side_heading(label: str, text: str) -> str:
    return f"<div class=side><div class=label>{label}</div><div class=text>{text}</div></div>"


def holding(found: list[Passage], words: str) -> Passage:
    matches = [p for p in found if words in p.text]
    assert len(matches) == 1, [p.text for p in found]
    return matches[0]


def test_a_side_heading_is_one_passage_and_its_description_another() -> None:
    found = passages(pdf_of(side_heading(LABEL, DESCRIPTION)))
    heading = holding(found, "£71.2m")
    assert heading.text == LABEL
    description = holding(found, "Forecast estimates")
    assert description.text == DESCRIPTION
    # Each passage's box covers only its own column's words.
    assert heading.provenance[0].bbox[2] < description.provenance[0].bbox[0]


def test_a_justified_line_with_wide_spaces_and_a_justified_paragraph_are_not_split() -> None:
    line = "Officers expect the pressure to continue"
    found = passages(pdf_of(f"<p class=justified>{line}</p><p class=justified>{PROSE}</p>"))
    assert [p.text for p in found] == [line, PROSE]


def test_a_footer_is_read_apart_from_the_page_number_set_beside_it() -> None:
    note = "Numbers rounded for clarity including totals, so tables may appear not to add up."
    found = passages(
        pdf_of(f"<p>{PROSE}</p><div class=footer><span>{note}</span><span>Page 3 of 9</span></div>")
    )
    assert [p.text for p in found] == [PROSE, note, "Page 3 of 9"]


def test_each_item_of_a_bulleted_list_is_a_passage_with_its_bullet() -> None:
    first, last = PROSE.split(". ", 1)
    items = [f"{first}.", "Reviewing commissioning arrangements with independent providers.", last]
    found = passages(pdf_of("<ul>" + "".join(f"<li>{item}</li>" for item in items) + "</ul>"))
    assert [p.text for p in found] == [f"\u2022 {item}" for item in items]


def test_numbered_paragraphs_keep_their_hanging_numbers() -> None:
    first, last = PROSE.split(". ", 1)
    hanging = "margin: 0; padding-left: 30pt; text-indent: -30pt"
    body = "".join(
        f"<p style='{hanging}'><span style='display: inline-block; width: 30pt'>{number}</span>{text}</p>"
        for number, text in [("8.1", f"{first}."), ("8.2", last)]
    )
    found = passages(pdf_of(body))
    assert [p.text for p in found] == [f"8.1 {first}.", f"8.2 {last}"]


@pytest.fixture(scope="module")
def kent_page_36(kent_dir: Path) -> list[Passage]:
    data = (kent_dir / DRAFT_BUDGET).read_bytes()
    document = Document(
        file=DRAFT_BUDGET, sha256=hashlib.sha256(data).hexdigest(), size=len(data), format=Format.PDF
    )
    return read_page(document, pdfium.PdfDocument(data), 35).passages


@pytest.mark.shared
def test_kents_side_headings_are_read_apart_from_their_descriptions(kent_page_36: list[Passage]) -> None:
    heading = holding(kent_page_36, "£71.2m")
    assert heading.text == LABEL
    assert "children" not in heading.text
    description = holding(kent_page_36, "Forecast estimates")
    assert description.text == DESCRIPTION.replace("'", "\u2019")
    assert heading.provenance[0].bbox[2] < description.provenance[0].bbox[0]
    assert holding(kent_page_36, "£21.6m").text == "Pay £21.6m"


@pytest.mark.shared
def test_kents_footer_is_read_apart_from_its_page_number(kent_page_36: list[Passage]) -> None:
    footer = holding(kent_page_36, "Numbers rounded")
    assert footer.text.endswith("tables may appear not to add up.")
    assert holding(kent_page_36, "Page 36").text == "Page 36 of 44"


@pytest.mark.shared
def test_a_river_down_two_justified_lines_is_not_a_gutter(icdar_dir: Path) -> None:
    # eu-026 page 2: a justified footnote's stretched spaces line up down two lines, with no word
    # covering the strip; the words after it start anywhere, so it is no column's edge.
    data = (icdar_dir / "eu-026.pdf").read_bytes()
    document = Document(
        file="eu-026.pdf", sha256=hashlib.sha256(data).hexdigest(), size=len(data), format=Format.PDF
    )
    found = read_page(document, pdfium.PdfDocument(data), 1).passages
    assert "(2009): Geldverm¨ogen und Verbindlichkeiten" in holding(found, "14Estimated").text
