"""The pack's page breaks, read back from the PDF WeasyPrint prints: a cover that runs past its page
shares the next with the contents (no near-blank page before them), a table's caption and first
rows stay with each other and its last row is never alone at a page's top, and a long file name
breaks at its own separators, never mid-word."""

from __future__ import annotations

import re

import pypdfium2 as pdfium
import pytest
from weasyprint import HTML

from render.pack import render_pdf, stylesheet
from render.sources import breakable_names
from tests.render_samples import sample


def pages(data: bytes) -> list[str]:
    pdf = pdfium.PdfDocument(data)
    try:
        return [pdf[i].get_textpage().get_text_range() for i in range(len(pdf))]
    finally:
        pdf.close()


def test_a_cover_running_past_its_page_shares_the_next_with_the_contents() -> None:
    review, extraction = sample()
    missing = [f"Appendix {n} (cited in the council's budget report, page {n})" for n in range(1, 60)]
    text = pages(render_pdf(review.model_copy(update={"missing_documents": missing}), extraction))
    assert "Appendix 59" in text[1]  # the cover's list runs onto page 2
    assert "Contents" in text[1] and "Executive summary" in text[1]  # the contents follow it there


def test_breakable_names_breaks_a_file_name_after_its_separators_and_leaves_tags_alone() -> None:
    html = '<td class="file">kent_cabinet_2025-01-30_appendixF.pdf</td><a href="x_y.pdf">see x_y.pdf</a>'
    assert breakable_names(html).replace("\u200b", "|") == (
        '<td class="file">kent_|cabinet_|2025-|01-|30_|appendixF.|pdf</td><a href="x_y.pdf">see x_|y.|pdf</a>'
    )
    assert breakable_names("<p>a budget of £1.5m. Next</p>") == "<p>a budget of £1.5m. Next</p>"


def _printed(body: str) -> list[str]:
    """The lines of `body`, set in the pack's stylesheet in a narrow column, as the PDF holds them."""
    css = stylesheet() + "@page { size: 60mm 120mm; margin: 5mm; }"
    text = pages(HTML(string=f"<style>{css}</style>{body}").write_pdf())
    return [line for page in text for line in page.splitlines() if line.strip()]


@pytest.mark.parametrize(
    "where", ["<p>See {} for it.</p>", '<table><tr><td class="file">{}</td></tr></table>']
)
def test_a_long_file_name_breaks_only_at_its_own_separators(where: str) -> None:
    name = "kent_cabinet_2025-01-30_draft_revenue_budget_2025-26_MTFP_2025-28.pdf"
    text = "\n".join(_printed(breakable_names(where.format(name))))
    # the name as printed, a line break allowed between any two of its characters
    found = re.search(r"\s*".join(re.escape(c) for c in name), text)
    assert found is not None
    breaks = [m.start() for m in re.finditer(r"\s+", found.group(0))]
    assert breaks  # the name takes more than one line in so narrow a column
    assert all(found.group(0)[at - 1] in "_.-" for at in breaks), found.group(0)


def _table(filler_mm: int, rows: int) -> str:
    trs = "".join(f"<tr><td>row {i}</td><td>1</td></tr>" for i in range(rows))
    return (
        f'<div style="height:{filler_mm}mm"></div><table><caption>THE CAPTION</caption>'
        f"<thead><tr><th>Line</th><th>£000</th></tr></thead><tbody>{trs}</tbody></table>"
    )


def _page_of(text: list[str], words: str) -> int:
    return next(n for n, page in enumerate(text) if words in page)


def test_a_tables_caption_and_first_rows_stay_together_and_its_last_row_is_never_alone() -> None:
    css = stylesheet() + "@page { size: 80mm 100mm; margin: 5mm; }"
    for rows in (1, 3, 6):
        for filler in range(50, 90, 3):
            text = pages(HTML(string=f"<style>{css}</style>{_table(filler, rows)}").write_pdf())
            where = [_page_of(text, f"row {i}") for i in range(rows)]
            assert _page_of(text, "THE CAPTION") == where[0], (rows, filler)
            if rows > 1:
                assert where[0] == where[1] and where[-1] == where[-2], (rows, filler, where)
