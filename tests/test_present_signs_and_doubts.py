"""What the pack, deck and workbook show says which way its signs run, what its charts leave out,
and every doubt about a figure, however short a slide cuts it (independent ex-S151 readers of the
Severnbrook and Ashdown Vale packs): a variance column's heading says its sign; a difference is
printed with its sign, never in brackets; the variance chart draws the largest variances either way
and names any line it leaves out; a chart label in words of its own is its number format too; the
deck is a pre-read until the reviewers write findings; a question, caveat or DSG line on a slide
keeps the figures its doubt is about."""

from __future__ import annotations

import io
import re
import zipfile
from typing import Any

from openpyxl import load_workbook
from pptx import Presentation

from analyse.records import LineOfEnquiry, Reconciliation, ReviewerFinding
from extract.records import BudgetLine, Provenance
from render import fmt, views
from render.data import render_xlsx
from render.deck import PRE_READ_WORDS, render_pptx
from render.pack import pack_html
from render.pack_charts import MAX_BARS, variance_left_out, variance_shown
from tests.render_samples import sample


def _prov(row: int) -> Provenance:
    return Provenance(
        file="q2.pdf", sha256="cd" * 32, page=2, bbox=None, locator=f"table 1, row {row}", text=f"row {row}"
    )


def _slides(review: Any, extraction: Any) -> list[str]:
    out = []
    for slide in Presentation(io.BytesIO(render_pptx(review, extraction))).slides:
        texts = []
        for shape in slide.shapes:
            if shape.has_text_frame:
                texts.append(shape.text_frame.text)
            elif shape.has_table:
                texts += [cell.text for row in shape.table.rows for cell in row.cells]
        out.append("\n".join(" ".join(t.split()) for t in texts))
    return out


def test_a_difference_is_printed_with_its_sign_never_in_brackets() -> None:
    assert fmt.signed_k(-1_000_000.0) == "-1,000"
    assert fmt.signed_k(1_228_100.0) == "+1,228"
    assert fmt.signed_k(200.0) == "0" and fmt.signed_k(None) == ""
    assert fmt.money_k(-1_000_000.0) == "(1,000)"  # a variance column keeps a finance table's brackets


def test_every_variance_heading_says_its_sign_and_caveat_differences_are_signed(
    ashdown: tuple[Any, Any],
) -> None:
    review, extraction = ashdown
    html = pack_html(review, extraction)
    headings = re.findall(r'<th scope="col" class="num">([^<]*Variance[^<]*)</th>', html)
    assert headings and set(headings) == {views.VARIANCE_HEADING}
    # the Children's Services total printed 126,317 against lines of 127,317: a difference of -1,000
    quality = html[html.index("Totals that do not reconcile") :]
    assert ">-1,000<" in quality and "(1,000)" not in quality
    assert "(stated less sum)" in quality and "(one less another)" in quality
    deck = Presentation(io.BytesIO(render_pptx(review, extraction)))
    headers = [
        sh.table.cell(0, 3).text
        for s in deck.slides
        for sh in s.shapes
        if sh.has_table and sh.table.cell(0, 0).text == "Service line"
    ]
    assert headers and all(h == f"{views.VARIANCE_HEADING} £000" for h in headers)
    book = load_workbook(io.BytesIO(render_xlsx(review, extraction)))
    assert f"{views.VARIANCE_HEADING_SIGNED} (£)" in [c.value for c in book["Budget lines"][1]]


def _lines(variances: list[float]) -> list[BudgetLine]:
    names = ["Adoption", "Youth justice", "Short breaks", "Residential care", "Fostering", "Leaving care"]
    names += [f"Locality team {i}" for i in range(1, len(variances))]
    return [
        BudgetLine(name=n, level="service_line", variance_gbp=v, provenance=[_prov(i + 2)])
        for i, (n, v) in enumerate(zip(names, variances, strict=False))
    ]


def test_the_variance_chart_draws_the_largest_variances_either_way_and_names_what_it_leaves_out() -> None:
    # the largest underspend is last by signed order: a chart of the first twelve would drop it
    variances = [3e6, 2e6, 1e6, 9e5, 8e5, 7e5, 6e5, 5e5, 4e5, 3e5, 2e5, 1e5, -2.5e6]
    lines = _lines(variances)
    shown = variance_shown(lines)
    assert len(shown) == MAX_BARS and lines[-1] in shown
    assert [b.variance_gbp for b in shown] == sorted((b.variance_gbp or 0 for b in shown), reverse=True)
    assert [b.name for b in variance_left_out(lines)] == [lines[11].name]  # the smallest, +£0.1m
    review, extraction = sample()
    chosen = review.selection.model_copy(update={"service_lines": lines})
    html = pack_html(review.model_copy(update={"selection": chosen}), extraction)
    caption = re.sub(r"<[^>]+>", "", html[html.index("Forecast variance by service line. Hatched") :][:600])
    assert (
        f"12 of 13 lines, the largest variances either way; not shown: {lines[11].name} (+£0.1m)." in caption
    )
    # every line drawn: nothing said
    assert variance_left_out(lines[:MAX_BARS]) == []


def test_ashdowns_chart_draws_its_largest_underspend_and_names_the_line_left_out(
    ashdown: tuple[Any, Any],
) -> None:
    review, extraction = ashdown
    lines = review.selection.service_lines
    early = next(b for b in lines if b.name.startswith("Early help"))
    assert early in variance_shown(lines)  # -£0.6m, the largest underspend
    left = variance_left_out(lines)
    assert len(left) == 1 and abs(left[0].variance_gbp or 0) < abs(early.variance_gbp or 0)
    slide = next(s for s in _slides(review, extraction) if s.startswith("Budget position"))
    assert f"12 of 13 lines; not shown: {left[0].name} (" in slide


def test_a_chart_label_in_words_of_its_own_is_its_number_format_too(ashdown: tuple[Any, Any]) -> None:
    review, extraction = ashdown
    lines = review.selection.service_lines
    small = lines[0].model_copy(update={"name": "Virtual school", "variance_gbp": -11_650.0})
    chosen = review.selection.model_copy(update={"service_lines": [*lines[:5], small]})
    pptx = render_pptx(review.model_copy(update={"selection": chosen}), extraction)
    with zipfile.ZipFile(io.BytesIO(pptx)) as z:
        chart = next(
            z.read(n).decode()
            for n in z.namelist()
            if n.startswith("ppt/charts/chart") and "Forecast variance" in z.read(n).decode()
        )
    labels = re.findall(r"<c:dLbl>.*?</c:dLbl>", chart, re.S)
    assert labels
    for label in labels:
        text = re.search(r"<a:t>([^<]*)</a:t>", label)
        assert text and f'formatCode="&quot;{text.group(1)}&quot;;' in label
    assert "-£12k" in chart
    # the chart's data hold no more places than its labels print (-0.012, not -0.01165)
    values = [v for v in re.findall(r"<c:v>([^<]*)</c:v>", chart) if re.fullmatch(r"-?\d+(\.\d+)?", v)]
    assert "-0.012" in values and all(len(v.split(".")[-1]) <= 3 for v in values if "." in v)


def test_the_deck_is_a_pre_read_until_the_reviewers_write_findings() -> None:
    review, extraction = sample()
    slides = _slides(review.model_copy(update={"findings": []}), extraction)
    assert "finance review: pre-read" in slides[0] and PRE_READ_WORDS in slides[0]
    assert "Agree the findings" not in slides[-1] and "Test these findings in fieldwork" in slides[-1]
    written = ReviewerFinding(
        id="f1",
        kind="key_message",
        text="Placements drive the overspend.",
        by="a@b.org",
        at="2026-12-07T05:00:00Z",
    )
    slides = _slides(review.model_copy(update={"findings": [written]}), extraction)
    assert "finance review: feedback" in slides[0] and PRE_READ_WORDS not in slides[0]
    assert "Agree the findings" in slides[-1]


def test_a_question_cut_to_fit_keeps_the_two_figures_its_evidence_states_differently() -> None:
    review, extraction = sample()
    table, text = _prov(9), _prov(30)
    question = (
        "What lies behind the children and families overspend, and how much of it recurs next year?"
        " The cabinet papers also put it at £8.4m (Cabinet report December.docx, paragraph 4),"
        " against £7.65m in the table: which is right, and why do they differ?"
    )
    q = LineOfEnquiry(
        question=question, because="Forecast to overspend.", addressed_to="DCS", provenance=[table, text]
    )
    r = Reconciliation(
        code="cross_document_mismatch",
        subject="Children and families overspend",
        stated_gbp=7_650_000.0,
        computed_gbp=8_400_000.0,
        difference_gbp=-750_000.0,
        message="Stated two ways.",
        provenance=[table, text],
    )
    apart = r.model_copy(update={"provenance": [_prov(40), _prov(41)], "subject": "Another line"})
    changed = review.model_copy(update={"lines_of_enquiry": [q], "reconciliations": [r, apart]})
    slides = _slides(changed, extraction)
    enquiry = next(s for s in slides if s.startswith("Lines of enquiry"))
    assert "It is stated both as £7.65m and as £8.4m: which is right?" in enquiry
    assert "Cabinet report December.docx" not in enquiry
    caveats = next(s for s in slides if s.startswith("Data quality"))
    assert "Children and families overspend (£7.65m and £8.4m); Another line (£7.65m and £8.4m)" in caveats
