"""Another council's national figures standing in for this one (`review.council.benchmarked_as`)
are said to be so wherever the pack, the deck or the workbook shows one, and nowhere when the
council's own figures are used.

Which figures are from the national tables is read here from the records themselves: a printed
figure's ref names a field, and the nearest record holding it has sources (provenance); the figure
is national when one of those sources is a file the review's benchmarks or drivers were read from.
The place that must say so is the pack's section, the deck's slide, the workbook's row.
"""

from __future__ import annotations

import io
import re
from functools import cache
from typing import Any
from urllib.parse import unquote

from lxml import html as lxml_html
from openpyxl import load_workbook
from pptx import Presentation

from analyse.records import JudgedReason, Review, SavingJudgement, Scope
from extract.records import Extraction
from render.data import render_xlsx
from render.deck import render_pptx
from render.pack import pack_html
from tests.refs_check import deck_text, shape_tags, traced
from tests.render_samples import sample

OTHER = "West Sussex County Council"
LABEL = f"These are {OTHER}'s national figures, standing in for this council."
ANY_LABEL = "standing in for this council"


@cache
def reviews() -> dict[str, tuple[Review, Extraction]]:
    """The sample as it is (its own figures), and stood in for: benchmarked as another council,
    with a saving judged on a demand benchmark (as analyse.flags' demand check writes it)."""
    review, extraction = sample()
    bench = next(b for b in review.benchmarks if b.value is not None)
    reason = JudgedReason(
        code="demand_reduction_against_rising_demand",
        reason=f"depends on demand falling while {bench.label} was {bench.value:,.1f}",
        evidence=f"{bench.label} was {bench.value:,.1f}",
        provenance=bench.provenance,
    )
    saving = review.selection.at_risk[0]
    judged = SavingJudgement(
        title=saving.title,
        scope=Scope.CHILDRENS_SOCIAL_CARE,
        target_gbp=saving.target_in_year_gbp,
        at_risk_gbp=saving.at_risk_in_year_gbp or 0.0,
        verdict="at_risk",
        reasons=[reason],
        provenance=saving.provenance,
    )
    council = review.council.model_copy(update={"benchmarked_as": OTHER})
    stood_in = review.model_copy(update={"council": council, "savings_judged": [judged]})
    return {"own": (review, extraction), "stood_in": (stood_in, extraction)}


def national_files(review: dict[str, Any]) -> set[str]:
    provs = [p for b in review["benchmarks"] for p in b["provenance"]] + review["drivers"]["provenance"]
    return {p["file"] for p in provs}


def is_national(ref: str, review: dict[str, Any]) -> bool:
    """Whether the nearest record above the field a ref names has a national table among its sources."""
    document, _, pointer = ref.partition("#")
    if document != "review.json" or "/provenance/" in pointer:  # a source's own words, not a figure
        return False
    keys = [unquote(k).replace("~1", "/").replace("~0", "~") for k in pointer.split("/")[1:]]
    nodes: list[Any] = [review]
    for key in keys[:-1]:
        node = nodes[-1]
        nodes.append(node[int(key)] if isinstance(node, list) else node[key])
    files = national_files(review)
    for node in reversed(nodes):
        if isinstance(node, dict) and node.get("provenance"):
            return any(p["file"] in files for p in node["provenance"])
    return False


def national_refs(refs: str, review: dict[str, Any]) -> bool:
    return any(is_national(ref, review) for ref in refs.split())


def _said(text: str) -> str:
    return " ".join(text.split())


def pack_places(which: str) -> dict[str, str]:
    """Each pack section that shows a national figure, with its text."""
    review, extraction = reviews()[which]
    html, doc = pack_html(review, extraction), review.model_dump(mode="json")
    root = lxml_html.fromstring(html)
    out: dict[str, str] = {}
    for element in root.xpath("//*[@data-ref]"):
        if national_refs(element.get("data-ref"), doc):
            section = element.xpath("ancestor::section[1]")[0]
            out[section.get("id")] = _said(section.text_content())
    return out


def deck_places(which: str) -> dict[int, str]:
    """Each slide (numbered from 1) that shows a national figure, with its visible text."""
    review, extraction = reviews()[which]
    doc = review.model_dump(mode="json")
    out: dict[int, str] = {}
    for number, slide in enumerate(Presentation(io.BytesIO(render_pptx(review, extraction))).slides, 1):
        if any(national_refs(t["ref"], doc) for s in slide.shapes for t in shape_tags(s)):
            out[number] = _said(" ".join(s.text_frame.text for s in slide.shapes if s.has_text_frame))
    return out


def workbook_rows(which: str) -> list[tuple[str, list[str]]]:
    """Each visible row whose sources ('Source file', 'Other sources') name a national table."""
    review, extraction = reviews()[which]
    files = national_files(review.model_dump(mode="json"))
    book = load_workbook(io.BytesIO(render_xlsx(review, extraction)))
    out = []
    for sheet in (s for s in book.worksheets if s.sheet_state == "visible"):
        header = [c.value for c in sheet[1]]
        where = [header.index(h) for h in ("Source file", "Other sources") if h in header]
        for row in sheet.iter_rows(min_row=2, values_only=True):
            cells = [str(v) for v in row if v is not None]
            if any(f in str(row[i] or "") for i in where for f in files):
                out.append((sheet.title, cells))
    return out


def test_every_pack_section_showing_stand_in_figures_says_whose_they_are() -> None:
    places = pack_places("stood_in")
    # the benchmarks and the drivers model; never the summary, for another council's figures
    # never headline (a summary card of them is the error this guards against)
    assert {"benchmarking", "drivers"} <= set(places) and "summary" not in places, sorted(places)
    assert [p for p, text in places.items() if LABEL not in text] == []


def test_every_slide_showing_stand_in_figures_says_whose_they_are() -> None:
    places = deck_places("stood_in")
    titles = {text.split(" ")[0] for text in places.values()}
    assert "How" in titles and "Headline" not in titles, places.keys()  # never a headline card
    # the benchmarking slide's drivers card says whose figures its title is about
    assert any(f"{OTHER} (standing in): Spend per child" in text for text in places.values())
    assert [n for n, text in places.items() if LABEL not in text] == []


def test_every_workbook_row_of_stand_in_figures_says_whose_they_are() -> None:
    rows = workbook_rows("stood_in")
    assert {"Benchmarks", "Benchmark trends", "Savings judged"} <= {sheet for sheet, _ in rows}
    assert [(sheet, cells[:2]) for sheet, cells in rows if LABEL not in cells] == []


def trend_lines(which: str) -> list[str]:
    """The names of the deck's benchmark trend chart's lines."""
    review, extraction = reviews()[which]
    deck = Presentation(io.BytesIO(render_pptx(review, extraction)))
    shapes = [s for slide in deck.slides for s in slide.shapes if s.has_chart]
    shape = next(s for s in shapes if s.chart.chart_title.text_frame.text.endswith(": trend"))
    return [s.name for s in shape.chart.plots[0].series]


def test_the_deck_trend_names_the_council_whose_figures_stand_in() -> None:
    assert trend_lines("stood_in") == [f"{OTHER} (standing in)", "Neighbours (median)", "England"]
    assert trend_lines("own") == ["This council", "Neighbours (median)", "England"]


def chart_names(which: str) -> tuple[str, list[str]]:
    """The pack's benchmarking section's charts (their legends and descriptions), and the workbook's
    benchmark trend series."""
    review, extraction = reviews()[which]
    root = lxml_html.fromstring(pack_html(review, extraction))
    charts = " ".join(_said(svg.text_content()) for svg in root.xpath("//section[@id='benchmarking']//svg"))
    book = load_workbook(io.BytesIO(render_xlsx(review, extraction)))
    sheet = book["Benchmark trends"]
    column = [c.value for c in sheet[1]].index("Series")
    return charts, [str(row[column]) for row in sheet.iter_rows(min_row=2, values_only=True)]


def test_the_packs_benchmark_charts_name_the_council_whose_figures_stand_in() -> None:
    """The pack's charts name the council's series as the deck's does (render.stand_in.council_line)."""
    charts, series = chart_names("stood_in")
    assert f"{OTHER} (standing in)" in charts and "This council" not in charts
    assert f"{OTHER} (standing in)" in series and "This council" not in series
    charts, series = chart_names("own")
    assert "This council" in charts and "standing in" not in charts
    assert "This council" in series and "standing in" not in " ".join(series)


def drivers_bars(which: str) -> list[str]:
    """The labels of the pack's drivers chart's bars (the text beside each bar, left of it)."""
    review, extraction = reviews()[which]
    root = lxml_html.fromstring(pack_html(review, extraction))
    [svg] = root.xpath("//section[@id='drivers']//svg")
    return [_said(t.text_content()) for t in svg.xpath(".//text[@text-anchor='end']")]


def test_the_packs_drivers_chart_names_the_council_whose_spend_it_shows() -> None:
    """Its bars, whole, name the council standing in as the benchmark charts do; else this council."""
    review = reviews()["stood_in"][0]
    assert review.drivers.actual_value is not None and review.drivers.expected_value is not None
    assert drivers_bars("stood_in") == [f"{OTHER} (standing in): actual", f"{OTHER} (standing in): expected"]
    assert drivers_bars("own") == ["This council: actual", "This council: expected"]


def test_a_councils_own_figures_carry_no_stand_in_label_anywhere() -> None:
    review, extraction = reviews()["own"]
    assert deck_places("own") and pack_places("own") and workbook_rows("own")  # national figures shown
    html = pack_html(review, extraction)
    assert ANY_LABEL not in html and "Stand-in" not in html
    assert ANY_LABEL not in deck_text(render_pptx(review, extraction))
    book = load_workbook(io.BytesIO(render_xlsx(review, extraction)))
    cells = [str(v) for s in book.worksheets for row in s.iter_rows(values_only=True) for v in row if v]
    assert not [c for c in cells if ANY_LABEL in c or c == "Stand-in figures"]


def test_the_stand_in_check_finds_a_section_that_does_not_say_so() -> None:
    """The check fails when a place drops the label: the pack's benchmarking note removed."""
    review, extraction = reviews()["stood_in"]
    html = re.sub(
        r'<p class="note"><strong>Stand-in figures\.</strong>[^<]*</p>', "", pack_html(review, extraction)
    )
    doc = review.model_dump(mode="json")
    root = lxml_html.fromstring(html)
    unsaid = {
        e.xpath("ancestor::section[1]")[0].get("id")
        for e in root.xpath("//*[@data-ref]")
        if national_refs(e.get("data-ref"), doc)
        and LABEL not in _said(e.xpath("ancestor::section[1]")[0].text_content())
    }
    assert "benchmarking" in unsaid and len(traced(html)) > 100


def test_the_covers_codes_are_said_to_be_the_stand_ins_when_another_council_stands_in() -> None:
    for name, (review, extraction) in reviews().items():
        cover = lxml_html.fromstring(pack_html(review, extraction)).xpath("//section[@class='cover']/dl")[0]
        terms = [dt.text_content() for dt in cover.xpath("dt")]
        said = cover.text_content()
        if name == "stood_in":
            assert "Region" not in terms and "ONS code" not in terms and "Type" not in terms
            assert f"{OTHER} (DfE {review.council.la_code}" in said and "that council's" in said
        else:
            assert "Benchmarked as" not in terms
    council = reviews()["own"][0].council
    assert (
        council.la_type == "SC"
        and "shire county" in lxml_html.fromstring(pack_html(*reviews()["own"])).text_content()
    )
