"""Text a page clips away is not read: a viewer shows none of it. Built pages, and Kent's risk
register, whose print titles repeat a collapsed section row over each page's first risk."""

from __future__ import annotations

from pathlib import Path

import pypdfium2 as pdfium
import pytest
from domain_tables import pipeline_tables

from extract.domain.risks import risks_from_tables
from extract.pdf.words import page_transform, page_words
from tests.ingest_samples import pdf_from_objects

KENT_REGISTER = "kent_cabinet_2025-01-30_appendixI_budget_risk_register.pdf"


def clipped_pdf(clip: tuple[int, int, int, int]) -> bytes:
    """A page showing "Shown words" at y 760, and "Section heading" at y 700 drawn inside the
    clipping rectangle `clip` (x, y, width, height)."""
    body = (
        b"BT /F1 11 Tf 50 760 Td (Shown words) Tj ET "
        b"q %d %d %d %d re W n BT /F1 14 Tf 50 700 Td (Section heading) Tj ET Q" % clip
    )
    return pdf_from_objects(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [5 0 R] /Count 1 >>",
            b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
            b"<< /Length %d >>\nstream\n" % len(body) + body + b"\nendstream",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
            b"/Resources << /Font << /F1 3 0 R >> >> /Contents 4 0 R >>",
        ]
    )


def words_of(data: bytes) -> list[str]:
    pdf = pdfium.PdfDocument(data)
    page = pdf[0]
    textpage = page.get_textpage()
    try:
        return [w.text for w in page_words(textpage, page_transform(page))]
    finally:
        textpage.close()
        page.close()
        pdf.close()


@pytest.mark.parametrize(
    ("clip", "read"),
    [
        ((40, 720, 300, 1), ["Shown", "words"]),  # a collapsed row's strip above the text
        ((40, 704, 300, 1), ["Shown", "words", "Section", "heading"]),  # a strip through it shows part
        ((40, 680, 300, 40), ["Shown", "words", "Section", "heading"]),  # a cell round it
    ],
)
def test_words_clipped_away_are_not_read(clip: tuple[int, int, int, int], read: list[str]) -> None:
    assert words_of(clipped_pdf(clip)) == read


def test_kents_register_titles_its_risks_without_the_clipped_section_heading(kent_dir: Path) -> None:
    # Appendix I p2: the first risk is "ASCH / CYPE, Market Sustainability, 20.0"; the repeated
    # "Significant Risks (over £10m)" row is clipped to nothing above it. p3: "ALL, Demand & Cost
    # Drivers, 12.0"; p8: "GET, Capital – Galley Hill cliff collapse and ...".
    doc, tables = pipeline_tables(kent_dir / KENT_REGISTER)
    risks = risks_from_tables(tables, doc)
    first = {r.provenance[0].page: r for r in reversed(risks)}
    assert (first[2].directorate, first[2].title, first[2].exposure_gbp) == (
        "ASCH / CYPE",
        "Market Sustainability",
        pytest.approx(20_000_000.0),
    )
    assert (first[3].directorate, first[3].title) == ("ALL", "Demand & Cost Drivers")
    assert first[8].title.startswith("Capital – Galley Hill cliff collapse")
    assert not [r.title for r in risks if "(over £10m)" in r.title + (r.directorate or "")]
    # p1 prints the heading as its own row; the register runs on under it until p4's "Other Risks
    # (under £10m - individual amounts not included)" row, which prints the band's totals (90.0,
    # 45.0) beside it, and under that to the last page (p8's social workers, p11's Basic Need).
    significant, other = (
        "Significant Risks (over £10m)",
        "Other Risks (under £10m - individual amounts not included)",
    )
    sections = [(r.provenance[0].page, r.title[:24], r.section) for r in risks]
    assert [s for *_, s in sections] == [significant] * 12 + [other] * (len(risks) - 12)
    assert sections[11][:2] == (4, "Waste capital infrastruc") and sections[12][:2] == (
        4,
        "Capital - Developer Cont",
    )
    assert (8, "Recruitment, retention &", other) in sections and (
        11,
        "Capital - Basic Need All",
        other,
    ) in sections
