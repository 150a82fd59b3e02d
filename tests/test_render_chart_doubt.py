"""A figure its table's arithmetic contradicts is never shown as fact: analysis names, by field, the
figures of a budget line its failed arithmetic reaches (ScopedBudgetLine.doubts), and each renderer
marks the figure itself: the pack's variance chart marks the bar ("in doubt") and its caption says
why, the table's cells say it short under the row's own sentence, and the deck's chart and table
agree. Northmoor's looked-after children's placements (budget 34,800 + variance 6,120 is not its
forecast 40,620) was drawn as a plain +£6.1m bar."""

from __future__ import annotations

import io
from typing import Any

from lxml import etree
from pptx import Presentation

from analyse.review import build_review
from extract.records import Check, Extraction, Verification
from render.deck import render_pptx
from render.pack import pack_context, pack_html
from render.sources import SourceIndex
from tests.review_builders import budget

ADOPTION = "Adoption and special guardianship allowances"
CHILDREN = "Children and Families"


def _contradicted(row: Any) -> Any:
    failed = Check(identity="budget + variance = forecast", held=False, detail="12,500 + 2,400 is not 14,200")
    return row.model_copy(update={"verification": Verification.CONTRADICTED, "checks": [failed]})


def _extraction() -> Extraction:
    misprinted = budget(ADOPTION, "service_line", 12.5e6, 14.2e6, directorate=CHILDREN)
    misprinted = _contradicted(misprinted.model_copy(update={"variance_gbp": 2.4e6}))
    return Extraction(
        budget_lines=[
            misprinted,
            budget("Short breaks for disabled children", "service_line", 4e6, 4.6e6, directorate=CHILDREN),
            budget("Youth offending", "service_line", 2e6, 1.9e6, directorate=CHILDREN),
        ]
    )


def test_a_contradicted_lines_variance_bar_is_marked_and_its_caption_says_why() -> None:
    extraction = _extraction()
    review = build_review(extraction)
    line = next(b for b in review.selection.service_lines if b.name == ADOPTION)
    assert set(line.doubts) == {"budget_gbp", "forecast_gbp", "variance_gbp"}  # all its arithmetic reaches
    assert not next(b for b in review.selection.service_lines if b.name == "Youth offending").doubts
    context = pack_context(review, extraction, SourceIndex())
    svg = context["variance_chart"]
    assert _chart_label(svg, ADOPTION) == "+£2.4m (in doubt)"
    assert _chart_label(svg, "Short breaks for disabled children") == "+£0.6m"  # its arithmetic holds: bare
    assert ADOPTION in context["variance_doubt"] and "Youth offending" not in context["variance_doubt"]
    html = pack_html(review, extraction)
    assert "A bar marked “in doubt” is drawn as printed" in html
    assert (
        '2,400</span><span class="doubt"> (in doubt)</span>' in html
    )  # the cell, short, under the row's words


def test_the_decks_chart_marks_the_same_bar_as_the_pack() -> None:
    extraction = _extraction()
    review = build_review(extraction)
    chart = next(
        sh.chart
        for s in Presentation(io.BytesIO(render_pptx(review, extraction))).slides
        for sh in s.shapes
        if sh.has_chart and "variance" in sh.chart.chart_title.text_frame.text.lower()
    )
    names = [" ".join(n.split()) for n in chart.plots[0].categories]  # the deck wraps long names
    assert f"{ADOPTION} (in doubt)" in names
    assert "Youth offending" in names and "Youth offending (in doubt)" not in names


def test_northmoors_misprinted_forecast_leaves_its_placements_bar_unmarked(northmoor: Any) -> None:
    """The row's printed 17.6% bears out its budget and its variance of 6.12: the forecast is the
    slip (analyse.position.reached_fields), so the variance bar is drawn as sound, in the pack and
    in the deck."""
    review, extraction = northmoor
    context = pack_context(review, extraction, SourceIndex())
    assert _chart_label(context["variance_chart"], "Looked After Children placements") == "+£6.1m"
    assert "Looked After Children placements" not in context["variance_doubt"]
    chart = next(
        sh.chart
        for s in Presentation(io.BytesIO(render_pptx(review, extraction))).slides
        for sh in s.shapes
        if sh.has_chart and "variance" in sh.chart.chart_title.text_frame.text.lower()
    )
    assert "Looked After Children placements" in [" ".join(n.split()) for n in chart.plots[0].categories]


def test_hallams_contradicted_subtotal_says_so_in_each_figure_the_arithmetic_reaches(hallam: Any) -> None:
    review, extraction = hallam
    row = next(b for b in review.selection.monitoring_rows if b.variance_gbp == 5_710_000)
    assert row.doubt and set(row.doubts) == {"budget_gbp", "forecast_gbp", "variance_gbp"}
    html = pack_html(review, extraction)
    assert '5,710</span><span class="doubt"> (in doubt)</span>' in html


def _chart_label(svg: str, name: str) -> str:
    """The variance chart's value beside a line's name, with the words drawn after it before the
    next line's name; the value's own label (the one its ref traces) holds the figure alone."""
    texts = list(etree.fromstring(svg.encode()).iter("{*}text"))
    at = next(i for i, t in enumerate(texts) if t.text == name)
    value = texts[at + 1]
    assert value.get("data-ref") and value.text.startswith(("+", "-"))
    after = texts[at + 2].text or "" if at + 2 < len(texts) else ""
    words = after if after.startswith("(") else ""  # a doubt's words, not the next line's name
    return " ".join(filter(None, [value.text, words]))
