"""The feedback deck: opens, has its slides, native charts and tables, sources in the notes."""

from __future__ import annotations

import io
import json
import re
import shutil
import subprocess
import zipfile
from functools import cache
from pathlib import Path
from typing import Any

from pptx import Presentation
from pptx.presentation import Presentation as PresentationType
from pptx.util import Inches

from analyse.records import Scope
from extract.tables.vocabulary import CategoryKind
from render import fit, fmt, views
from render.deck import render_pptx
from render.findings import drivers_gap
from render.pack import pack_sources
from render.refs import Figures
from tests.conftest import need
from tests.refs_check import deck_problems, deck_text, own_label, shape_tags
from tests.render_samples import empty_sample, parts_sample, sample

TITLES = [
    "Headline findings",
    "Budget position",
    "DSG and High Needs",
    "Savings and delivery",
    "How the council compares",
    "What better ways of working might be worth",
    "Lines of enquiry",
    "Data quality and caveats",
    "Next steps",
]


@cache
def deck_bytes(which: str) -> bytes:
    review, extraction = {"sample": sample, "empty": empty_sample}[which]()
    return render_pptx(review, extraction)


def open_deck(which: str) -> PresentationType:
    return Presentation(io.BytesIO(deck_bytes(which)))


def test_the_deck_opens_with_a_title_and_the_feedback_slides_in_order() -> None:
    deck = open_deck("sample")
    titles = [next(s.text_frame.text for s in slide.shapes if s.has_text_frame) for slide in deck.slides]
    assert titles[0] == "Northmoor County Council"
    assert [t for t in titles if t in TITLES] == TITLES


def test_charts_are_native_with_their_data_inside() -> None:
    deck = open_deck("sample")
    charts = [shape.chart for slide in deck.slides for shape in slide.shapes if shape.has_chart]
    assert len(charts) >= 4
    budget = charts[0]
    # a long name wraps over lines (render.slides.wrapped)
    assert " ".join(list(budget.plots[0].categories)[0].split()) == "Looked after children placements"
    assert list(budget.plots[0].series[0].values)[0] == 10.9  # £m, the placements variance
    for c in charts:
        assert c.part.chart_workbook.xlsx_part is not None  # the embedded workbook that makes it editable


def test_tables_are_real_tables() -> None:
    deck = open_deck("sample")
    tables = [shape.table for slide in deck.slides for shape in slide.shapes if shape.has_table]
    assert len(tables) >= 4
    header = [c.text for c in tables[0].rows[0].cells]
    assert header == ["Service line", "Budget £000", "Forecast £000", "Variance, over/(under) £000"]


def test_speaker_notes_name_the_file_and_page_of_each_figure() -> None:
    deck = open_deck("sample")
    budget = next(
        s
        for s in deck.slides
        if any(sh.has_text_frame and sh.text_frame.text == "Budget position" for sh in s.shapes)
    )
    notes = budget.notes_slide.notes_text_frame.text
    assert "CYP budget monitoring Q2 2024-25.pdf, p. 6, table 2, row 2" in notes


def docs_of(which: str) -> tuple[dict[str, Any], dict[str, Any]]:
    review, extraction = {"sample": sample, "empty": empty_sample}[which]()
    return review.model_dump(mode="json"), extraction.model_dump(mode="json")


def test_every_deck_figure_is_its_refs_value_at_the_precision_printed() -> None:
    review, extraction = docs_of("sample")
    data = deck_bytes("sample")
    assert deck_problems(data, review, extraction) == []
    tagged = [t for slide in open_deck("sample").slides for s in slide.shapes for t in tags(s)]
    units = {t["unit"] for t in tagged}
    assert len(tagged) > 60 and {"gbp_m", "gbp_k", "percent", "text"} <= units
    review["position"]["children_services"]["forecast_gbp"] += 100_000  # £207.7m -> £207.8m
    assert deck_problems(data, review, extraction) == [
        "slide 2: review.json#/position/children_services/forecast_gbp: "
        "'£207.7m' is not 207800000.0 (207.8 at the precision printed)",
        "slide 3: review.json#/position/children_services/forecast_gbp: "
        "'£207.7m' is not 207800000.0 (207.8 at the precision printed)",
        # the budget table's total row, as stated
        "slide 3: review.json#/position/children_services/forecast_gbp: "
        "'207,700' is not 207800000.0 (207800 at the precision printed)",
    ]


def test_a_deck_figure_whose_record_is_gone_does_not_resolve() -> None:
    review, extraction = docs_of("sample")
    review["selection"]["service_lines"] = review["selection"]["service_lines"][:1]
    found = deck_problems(deck_bytes("sample"), review, extraction)
    # the pack of the changed review numbers its sources otherwise, so the deck's notes disagree too
    figures = [p for p in found if "in the notes is not the pack's" not in p]
    assert figures and all("does not resolve" in p for p in figures)


def tags(shape: Any) -> list[dict[str, str]]:
    return shape_tags(shape)


def test_a_wrong_amount_typed_into_a_slide_is_untraced() -> None:
    review, extraction = docs_of("sample")
    deck = open_deck("sample")
    box = next(s for s in deck.slides[2].shapes if s.has_text_frame and tags(s))  # the budget headline
    box.text_frame.paragraphs[0].add_run().text = " Forecast £12.3m."
    table = next(s for s in deck.slides[2].shapes if s.has_table)
    table.table.cell(1, 2).text = "9,999"  # a cell's amount retyped
    out = io.BytesIO()
    deck.save(out)
    assert deck_problems(out.getvalue(), review, extraction) == [
        f"slide 3: untraced '£12.3m' in {box.name}",
        f"slide 3: {tags(table)[1]['text']!r} is tagged but not shown in {table.name}",
        f"slide 3: untraced number cell '9,999' in {table.name}",
    ]


def test_an_empty_review_gives_a_deck_that_says_what_is_missing() -> None:
    text = deck_text(deck_bytes("empty"))
    assert "No savings plan or tracker lines were found." in text
    assert "Ask for readable copies of:" in text
    assert deck_problems(deck_bytes("empty"), *docs_of("empty")) == []


def test_libreoffice_converts_the_deck(tmp_path: Path) -> None:
    soffice = shutil.which("soffice")
    # A second reader's check; scripts/system-deps.sh installs it, so CI fails without it.
    need(soffice is not None, "LibreOffice (apt libreoffice-impress) is not installed")
    assert soffice is not None
    deck = tmp_path / "deck.pptx"
    deck.write_bytes(deck_bytes("sample"))
    subprocess.run(
        [str(soffice), "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path), str(deck)],
        check=True,
        capture_output=True,
        timeout=180,
    )
    pdf: Any = (tmp_path / "deck.pdf").read_bytes()
    assert pdf.startswith(b"%PDF-")


def test_the_dsg_lines_slide_prints_each_lines_traced_figures_and_no_total_of_its_own() -> None:
    review, extraction = sample()
    lines = [b.model_copy(update={"scope": Scope.DSG_HIGH_NEEDS}) for b in review.selection.service_lines[:2]]
    selection = review.selection.model_copy(update={"dsg_rows": lines})
    review = review.model_copy(update={"selection": selection})
    data = render_pptx(review, extraction)
    slide = next(s for s in Presentation(io.BytesIO(data)).slides if _title(s) == "DSG and high needs")
    table = next(s for s in slide.shapes if s.has_table)
    assert [t["ref"] for t in tags(table)][:1] == ["review.json#/selection/dsg_rows/0/budget_gbp"]
    texts = [s.text_frame.text for s in slide.shapes if s.has_text_frame]
    assert "The ring-fenced DSG lines of the budget monitoring (2 lines)." in texts
    docs = review.model_dump(mode="json"), extraction.model_dump(mode="json")
    assert deck_problems(data, *docs) == []


def _title(slide: Any) -> str:
    return next(s.text_frame.text for s in slide.shapes if s.has_text_frame)


def _slide(data: bytes, title: str) -> tuple[int, Any]:
    deck = Presentation(io.BytesIO(data))
    return next((n, s) for n, s in enumerate(deck.slides, 1) if _title(s) == title)


def _descr(shape: Any) -> str:
    return shape._element.xpath("./*[1]/p:cNvPr")[0].get("descr") or ""


def test_every_charts_points_are_tagged_with_their_records() -> None:
    charts = [s for slide in open_deck("sample").slides for s in slide.shapes if s.has_chart]
    assert len(charts) >= 4
    for shape in charts:
        points = [v for s in shape.chart.plots[0].series for v in s.values if v is not None]
        assert len(tags(shape)) == len(points) > 0, _descr(shape)
        assert all(t["ref"].startswith("review.json#/") for t in tags(shape))


def test_changing_a_value_only_a_chart_shows_fails_the_deck_check_naming_the_chart() -> None:
    """The savings slide's RAG chart is the deck's only place for a RAG group's target."""
    review, extraction = docs_of("sample")
    number, slide = _slide(deck_bytes("sample"), "Savings and delivery")
    chart = next(s for s in slide.shapes if s.has_chart)
    ref = "review.json#/selection/rag_groups/0/target"
    assert ref in [t["ref"] for t in tags(chart)]
    review["selection"]["rag_groups"][0]["target"] += 1_000_000
    found = deck_problems(deck_bytes("sample"), review, extraction)
    assert len(found) == 1 and found[0].startswith(f"slide {number}: {ref}: "), found


def test_a_chart_point_retyped_in_the_deck_is_untraced() -> None:
    review, extraction = docs_of("sample")
    deck = open_deck("sample")
    chart = next(s for slide in deck.slides for s in slide.shapes if s.has_chart)  # the budget variance
    first = chart.chart.part._element.xpath("//c:ser[1]/c:val//c:pt[1]/c:v")[0]
    was = tags(chart)[0]["text"]
    first.text = "99.9"
    out = io.BytesIO()
    deck.save(out)
    assert deck_problems(out.getvalue(), review, extraction) == [
        f"slide 3: {was!r} is tagged but not shown in {chart.name}",
        f"slide 3: untraced chart value '+£99.9m' in {chart.name}",
    ]


def test_figure_tags_are_shape_tags_and_the_alt_text_is_words_for_a_reader() -> None:
    data = deck_bytes("sample")
    package = zipfile.ZipFile(io.BytesIO(data))
    assert any(n.startswith("ppt/tags/tag") for n in package.namelist())
    assert "presentationml.tags+xml" in package.read("[Content_Types].xml").decode()
    shapes = [s for slide in open_deck("sample").slides for s in slide.shapes]
    assert all("review.json" not in _descr(s) for s in shapes)
    described = [_descr(s) for s in shapes if s.has_table or s.has_chart]
    assert described and all(d.startswith(("Table: ", "Chart: ")) and len(d) < 100 for d in described)
    assert "Table: budget position, service lines in £000" in described
    # a ref put back in the alt text is read out by a screen reader: the check says so
    review, extraction = docs_of("sample")
    deck = open_deck("sample")
    table = next(s for s in deck.slides[2].shapes if s.has_table)
    table._element.xpath("./*[1]/p:cNvPr")[0].set("descr", json.dumps(tags(table)))
    out = io.BytesIO()
    deck.save(out)
    assert deck_problems(out.getvalue(), review, extraction) == [
        f"slide 3: {table.name}: refs in its alt text, which a screen reader reads out"
    ]


def test_next_years_budget_build_is_a_slide_of_traced_figures() -> None:
    review, extraction = docs_of("sample")
    data = deck_bytes("sample")
    number, slide = _slide(data, "Next year's budget build")
    table = next(s for s in slide.shapes if s.has_table)
    cells = [[c.text for c in row.cells] for row in table.table.rows]
    assert [r[0] for r in cells] == [
        "Step",
        "Base budget",
        "Growth and pressures",
        "Less savings (a saving removed in brackets)",
        "Other changes (reserves, one-off)",
        "New budget",
    ]
    assert cells[0][1:] == ["Children's directorate", "Council-wide"]
    assert cells[-1][1] == "314,650"  # the children's new budget, £000
    ref = "review.json#/selection/budget_build/new_budget_gbp"
    assert any(ref in t["ref"].split() for t in tags(table))
    review["selection"]["budget_build"]["new_budget_gbp"] += 1_000
    found = deck_problems(data, review, extraction)
    assert found == [f"slide {number}: {ref}: '314,650' is not 314651000.0 (314651 at the precision printed)"]


def test_a_budget_build_that_does_not_add_up_is_named_not_shown() -> None:
    review, extraction = sample()
    council = review.selection.council_build
    assert council is not None
    wrong = council.model_copy(update={"verification": "contradicted"})
    selection = review.selection.model_copy(update={"council_build": wrong})
    data = render_pptx(review.model_copy(update={"selection": selection}), extraction)
    _, slide = _slide(data, "Next year's budget build")
    table = next(s for s in slide.shapes if s.has_table)
    assert [c.text for c in table.table.rows[0].cells] == ["Step", "Children's directorate"]
    text = " ".join(s.text_frame.text for s in slide.shapes if s.has_text_frame)
    assert f"The council-wide build for {council.name} ({council.period}) does not arrive" in text


def test_a_variance_too_small_for_millions_shows_in_thousands_in_words_and_on_its_chart() -> None:
    """-£30,000 is never shown as none (-£0.0m): it prints -£30k in words and on its chart's label."""
    review, extraction = sample()
    line = review.selection.service_lines[0].model_copy(update={"variance_gbp": -30_000.0})
    selection = review.selection.model_copy(
        update={"service_lines": [line, *review.selection.service_lines[1:]]}
    )
    review = review.model_copy(update={"selection": selection})
    data = render_pptx(review, extraction)
    _, slide = _slide(data, "Budget position")
    chart = next(s for s in slide.shapes if s.has_chart)
    ref = "review.json#/selection/service_lines/0/variance_gbp"
    assert [t["text"] for t in tags(chart) if t["ref"] == ref] == ["-£30k"]
    assert "-£30k" in [own_label(s, i) for s in chart.chart.plots[0].series for i in range(len(s.values))]
    assert deck_problems(data, review.model_dump(mode="json"), extraction.model_dump(mode="json")) == []


def test_a_chart_with_negative_bars_leaves_room_for_their_labels_before_the_category_names() -> None:
    review, extraction = sample()
    line = review.selection.service_lines[0].model_copy(update={"variance_gbp": -2_000_000.0})
    selection = review.selection.model_copy(
        update={"service_lines": [line, *review.selection.service_lines[1:]]}
    )
    _, slide = _slide(
        render_pptx(review.model_copy(update={"selection": selection}), extraction), "Budget position"
    )
    shape = next(s for s in slide.shapes if s.has_chart)
    values = [v for s in shape.chart.plots[0].series for v in s.values if v is not None]
    assert min(values) == -2.0
    assert _label_room(shape) >= fit.text_width("-£2.0m", 11)  # between the bar's end and the names


def _trend(data: bytes) -> tuple[int, Any, str]:
    """The benchmark slide's trend chart, its slide number and its title."""
    number, slide = _slide(data, "How the council compares")
    shape = next(s for s in slide.shapes if s.has_chart)
    return number, shape, shape.chart.chart_title.text_frame.text


def test_the_trend_chart_shows_the_council_its_neighbours_median_and_england() -> None:
    review, _ = sample()
    _, shape, title = _trend(deck_bytes("sample"))
    b = next(b for b in review.benchmarks if title == f"{b.label}: trend")
    plot = shape.chart.plots[0]
    assert [s.name for s in plot.series] == ["This council", "Neighbours (median)", "England"]
    assert shape.chart.has_legend
    assert plot.data_labels.number_format == '#,##0.0"%"'  # a percent benchmark, labelled as one
    for s, points in zip(plot.series, [b.trend, b.neighbours_trend, b.england_trend], strict=True):
        assert list(shape.chart.plots[0].categories) == [t.period for t in points]
        assert list(s.values) == [round(t.value, 1) for t in points]
    index = review.benchmarks.index(b)
    refs = [t["ref"] for t in tags(shape)]
    assert refs == [
        f"review.json#/benchmarks/{index}/{line}/{i}/value"
        for line in ("trend", "neighbours_trend", "england_trend")
        for i in range(len(b.trend))
    ]
    # the neighbours' and England's lines are labelled at their last year only, to the right
    labelled = shape.chart.part._element.xpath("//c:ser[position() > 1]/c:dLbls/c:dLbl/c:idx/@val")
    assert labelled == [str(len(b.trend) - 1)] * 2


def test_changing_one_neighbour_median_of_the_trend_fails_the_deck_check_naming_it() -> None:
    """A trend year's neighbours' median before the latest is shown by the trend chart alone."""
    review, extraction = docs_of("sample")
    number, shape, _ = _trend(deck_bytes("sample"))
    ref = next(t["ref"] for t in tags(shape) if "/neighbours_trend/0/" in t["ref"])
    index = int(ref.split("/")[2])
    assert deck_problems(deck_bytes("sample"), review, extraction) == []
    review["benchmarks"][index]["neighbours_trend"][0]["value"] += 0.1  # 15.5% -> 15.6%
    found = deck_problems(deck_bytes("sample"), review, extraction)
    assert found == [f"slide {number}: {ref}: '15.5%' is not 15.6 (15.6 at the precision printed)"]


def test_the_variance_chart_is_the_packs_largest_overspend_first_signed_and_split_by_sign() -> None:
    review, _ = sample()
    _, slide = _slide(deck_bytes("sample"), "Budget position")
    shape = next(s for s in slide.shapes if s.has_chart)
    plot = shape.chart.plots[0]
    lines = sorted(review.selection.service_lines, key=lambda b: -(b.variance_gbp or 0))
    assert [" ".join(c.split()) for c in plot.categories] == [b.name for b in lines]
    assert [s.name for s in plot.series] == ["Overspend", "Underspend"] and shape.chart.has_legend
    over, under = ([v for v in s.values if v is not None] for s in plot.series)
    assert over == [round((b.variance_gbp or 0) / 1e6, 1) for b in lines if (b.variance_gbp or 0) > 0]
    assert under == [round((b.variance_gbp or 0) / 1e6, 1) for b in lines if (b.variance_gbp or 0) <= 0]
    assert over and under and plot.overlap == 100  # one bar per line, in its line's place
    assert tags(shape)[0]["text"] == f"+£{over[0]:.1f}m" and tags(shape)[-1]["text"] == f"-£{-under[-1]:.1f}m"


def test_a_variance_whose_sign_changes_in_the_review_fails_the_deck_check() -> None:
    review, extraction = docs_of("sample")
    number, slide = _slide(deck_bytes("sample"), "Budget position")
    line = max(
        range(len(review["selection"]["service_lines"])),
        key=lambda i: review["selection"]["service_lines"][i]["variance_gbp"],
    )
    review["selection"]["service_lines"][line]["variance_gbp"] *= -1
    ref = f"review.json#/selection/service_lines/{line}/variance_gbp"
    found = deck_problems(deck_bytes("sample"), review, extraction)
    chart = next(s for s in slide.shapes if s.has_chart)
    assert (
        f"slide {number}: {ref}: {tags(chart)[0]['text']!r} has the wrong sign for {review['selection']['service_lines'][line]['variance_gbp']}"
        in found
    )


def test_the_benchmark_slide_carries_the_packs_drivers_card_traced_and_cited() -> None:
    review, extraction = sample()
    found = drivers_gap(review, Figures(review, extraction))
    assert found is not None
    data = deck_bytes("sample")
    number, slide = _slide(data, "How the council compares")
    said = [s.text_frame.text for s in slide.shapes if s.has_text_frame]
    assert found.title in said and found.figure in said
    cite = pack_sources(review, extraction).cite(found.provenance)
    assert cite and f"{found.detail} {cite}" in said  # the pack's words and source, as its card gives them
    refs = {t["ref"] for s in slide.shapes for t in tags(s)}
    assert {"review.json#/drivers/residual", "review.json#/drivers/expected_value"} <= refs
    assert found.provenance[0].file in slide.notes_slide.notes_text_frame.text
    wrong = review.model_dump(mode="json")
    wrong["drivers"]["expected_value"] += 10
    assert any(
        p.startswith(f"slide {number}: review.json#/drivers/expected_value")
        for p in deck_problems(data, wrong, extraction.model_dump(mode="json"))
    )


def test_the_savings_slide_gives_the_target_by_the_plans_own_categories() -> None:
    review, extraction = parts_sample()
    s = review.savings_summary
    data = render_pptx(review, extraction)
    number, slide = _slide(data, "Savings and delivery")
    text = " ".join(sh.text_frame.text for sh in slide.shapes if sh.has_text_frame)
    for p in s.parts:
        assert f"{fmt.money_m(p.amount_gbp)} \u201c{p.category}\u201d" in text
    assert "(cost avoidance, not a saving against the base budget)" in text
    assert "\u201cEfficiency\u201d (" not in text  # a saving against the base carries no note
    assert s.against_base_gbp is not None and s.target_gbp is not None
    said = f"Savings against the base budget are {fmt.money_m(s.against_base_gbp)} of the {fmt.money_m(s.target_gbp)}"
    assert said in text
    assert "By the plan's own categories" not in deck_text(deck_bytes("sample"))  # none where no line has one
    dumped = review.model_dump(mode="json")
    assert deck_problems(data, dumped, extraction.model_dump(mode="json")) == []
    dumped["savings_summary"]["against_base_gbp"] += 100_000
    assert any(
        p.startswith(f"slide {number}: review.json#/savings_summary/against_base_gbp")
        for p in deck_problems(data, dumped, extraction.model_dump(mode="json"))
    )


def test_the_build_slides_savings_step_shows_its_printed_row_and_its_parts_by_kind() -> None:
    review, extraction = parts_sample()
    build = review.selection.budget_build
    assert build is not None and build.savings_label
    data = render_pptx(review, extraction)
    number, slide = _slide(data, "Next year's budget build")
    table = next(s for s in slide.shapes if s.has_table)
    cells = [[c.text for c in row.cells] for row in table.table.rows]
    step = next(r for r in cells if r[0].startswith("Less savings"))
    assert step[0].endswith(f"the row \u201c{build.savings_label}\u201d")
    by_kind = {r[0]: r[1:] for r in cells}
    for p in build.savings_parts:  # the council's build prints none: its cell is empty
        assert by_kind[views.BUILD_PART_WORDS[p.kind]] == [fmt.money_k(p.amount_gbp), ""]
    assert views.BUILD_PART_WORDS[CategoryKind.COST_AVOIDANCE] not in by_kind  # a kind no build prints
    ref = "review.json#/selection/budget_build/savings_parts/1/amount_gbp"
    assert any(ref in t["ref"].split() for t in tags(table))
    dumped = review.model_dump(mode="json")
    dumped["selection"]["budget_build"]["savings_parts"][1]["amount_gbp"] += 1_000
    assert [p for p in deck_problems(data, dumped, extraction.model_dump(mode="json")) if ref in p]


def test_the_decks_savings_charts_show_the_adults_part_as_its_own_traced_series() -> None:
    from tests.render_samples import sample

    review, extraction = sample()
    planned = review.selection.planned
    adults = [planned.totals[0] and 850_000.0] + [None] * (len(planned.years) - 1)
    selection = review.selection.model_copy(update={"planned": planned.model_copy(update={"adults": adults})})
    with_adults = review.model_copy(update={"selection": selection})
    data = render_pptx(with_adults, extraction)
    deck = Presentation(io.BytesIO(data))
    names = [
        s.name
        for slide in deck.slides
        for shape in slide.shapes
        if shape.has_chart
        for s in shape.chart.plots[0].series
    ]
    assert views.ADULTS_SAVINGS_SERIES in names
    assert "Of which adults' savings" not in str(
        [
            s.name
            for sl in open_deck("sample").slides
            for sh in sl.shapes
            if sh.has_chart
            for s in sh.chart.plots[0].series
        ]
    )
    dumped = with_adults.model_dump(mode="json")
    assert deck_problems(data, dumped, extraction.model_dump(mode="json")) == []


def test_the_mtfp_chart_plots_ring_fenced_pressures_apart_from_the_general_funds() -> None:
    review, extraction = sample()
    table = review.selection.pressures
    rest = [None] * (len(table.years) - 1)
    # Kent's DSG line falls by 15.6m in a year: the General Fund's bar is not netted down by it.
    fenced = table.model_copy(
        update={
            "ring_fenced": [-15_600_000.0, *rest],
            "general_fund": [(table.totals[0] or 0) + 15_600_000.0, *rest],
        }
    )
    fenced_review = review.model_copy(
        update={"selection": review.selection.model_copy(update={"pressures": fenced})}
    )
    deck = Presentation(io.BytesIO(render_pptx(fenced_review, extraction)))
    [chart] = [
        sh.chart
        for slide in deck.slides
        if any(
            s.has_text_frame and s.text_frame.text == "Pressures and the medium-term gap"
            for s in slide.shapes
        )
        for sh in slide.shapes
        if sh.has_chart
    ]
    series = {s.name: list(s.values) for s in chart.plots[0].series}
    assert series[views.PRESSURES_SERIES][0] == round(((table.totals[0] or 0) + 15_600_000.0) / 1e6, 2)
    assert series["Ring-fenced pressures (DSG / High Needs), change on the year before"][0] == -15.6
    plain = open_deck("sample")
    names = [
        s.name for sl in plain.slides for sh in sl.shapes if sh.has_chart for s in sh.chart.plots[0].series
    ]
    assert not any(n.startswith("Ring-fenced") for n in names)  # none fenced: no such series


def test_the_mtfp_chart_plots_externally_funded_pressures_apart_from_the_general_funds() -> None:
    review, extraction = sample()
    table = review.selection.pressures
    rest = [None] * (len(table.years) - 1)
    # Kent's "Children & Families grants" (11.3m, External): a grant meets it, not the General Fund.
    external = table.model_copy(
        update={
            "external": [11_276_200.0, *rest],
            "general_fund": [(table.totals[0] or 0) - 11_276_200.0, *rest],
        }
    )
    with_external = review.model_copy(
        update={"selection": review.selection.model_copy(update={"pressures": external})}
    )
    deck = Presentation(io.BytesIO(render_pptx(with_external, extraction)))
    series = {
        s.name: list(s.values)
        for slide in deck.slides
        for sh in slide.shapes
        if sh.has_chart
        for s in sh.chart.plots[0].series
    }
    assert series[views.PRESSURES_SERIES][0] == round(((table.totals[0] or 0) - 11_276_200.0) / 1e6, 1)
    assert series["Externally funded pressures"][0] == 11.3


def _slide_text(slide: Any) -> str:
    return "\n".join(s.text_frame.text for s in slide.shapes if s.has_text_frame)


def test_a_refused_file_is_named_as_uploaded_on_the_caveats_and_next_steps_slides() -> None:
    """The deck said "budget fake; notes" for budget_fake.xlsx and notes.pdf."""
    from ingest.records import Document, Format, Status

    review, extraction = sample()
    refused = [
        Document(file=name, sha256=name, size=1, format=Format.PDF, status=Status.FAILED)
        for name in ("uploads/Q2_budget_FINAL v3.xlsx", "minutes.pdf")
    ]
    data = render_pptx(review.model_copy(update={"documents": [*review.documents, *refused]}), extraction)
    for title in ("Data quality and caveats", "Next steps"):
        _, slide = _slide(data, title)
        text = " ".join(_slide_text(slide).split())
        assert "Q2_budget_FINAL v3.xlsx" in text and "minutes.pdf" in text, text
        assert "uploads/" not in text


def test_the_caveats_slide_gives_the_packs_data_quality_counts_and_names() -> None:
    from render.views import short_names

    review, extraction = sample()
    data = render_pptx(review, extraction)
    deck = Presentation(io.BytesIO(data))
    [slide] = [s for s in deck.slides if _slide_text(s).startswith("Data quality and caveats")]
    text = " ".join(_slide_text(slide).split())
    checks = review.checks
    assert f"{checks.totals_not_reconciled} of {checks.totals_checked} totals checked" in text
    failed = [d.file for d in review.documents if d.status == "failed"]
    assert failed and all(f in text for f in failed)  # a file not read: its name as uploaded
    names = short_names([d.file for d in review.documents])
    assert not any(names[f] in text.replace(f, "") for f in failed)  # never shortened
    assert all(m in text for m in review.missing_documents)
    read = [d.file for d in review.documents if d.status == "ok"]
    assert not any(f in text for f in read)  # a document read is cited, never named by its file
    assert deck_problems(data, review.model_dump(mode="json"), extraction.model_dump(mode="json")) == []


def test_the_caveats_and_next_steps_name_a_read_document_by_what_it_is_and_its_source_never_its_file() -> (
    None
):
    """Wyvern's slides said "cited in Cabinet 2025-11-06 Revenue budget monitoring Q2 2025-26" and
    a doubted row's file: a document read is cited [Sn] as every other slide cites it."""
    from analyse.records import MissingDocument, RowInDoubt
    from render.views import short_names

    review, extraction = sample()
    where = review.selection.service_lines[0].provenance
    review = review.model_copy(
        update={
            "documents_missing": [MissingDocument(name="Appendix C", why="cited", provenance=where)],
            "missing_documents": ["Appendix C"],
            "rows_doubted": [RowInDoubt(label="Total children's services", provenance=where)],
            "rows_in_doubt": 1,
        }
    )
    data = render_pptx(review, extraction)
    names = short_names([d.file for d in review.documents])
    for title in ("Data quality and caveats", "Next steps"):
        _, slide = _slide(data, title)
        text = " ".join(_slide_text(slide).split())
        assert re.search(r"Appendix C \[S\d+\]", text), text
        assert names[where[0].file] not in text, text
    assert deck_problems(data, review.model_dump(mode="json"), extraction.model_dump(mode="json")) == []


def test_a_stand_in_council_is_named_on_the_title_slide() -> None:
    review, extraction = sample()
    council = review.council.model_copy(update={"benchmarked_as": "West Sussex County Council"})
    deck = Presentation(io.BytesIO(render_pptx(review.model_copy(update={"council": council}), extraction)))
    assert "West Sussex County Council's national figures, standing in" in _slide_text(deck.slides[0])
    plain = Presentation(io.BytesIO(render_pptx(review, extraction)))
    assert "standing in" not in _slide_text(plain.slides[0])


def test_the_pressures_slide_says_the_gap_is_the_councils_beside_the_directorates_pressures() -> None:
    from render.deck import MTFP_NOTE

    review, extraction = sample()
    assert review.selection.gaps
    deck = Presentation(io.BytesIO(render_pptx(review, extraction)))
    [slide] = [s for s in deck.slides if _slide_text(s).startswith("Pressures and the medium-term gap")]
    assert MTFP_NOTE in _slide_text(slide)


def test_the_decks_variance_chart_hatches_overspends_as_the_packs_does() -> None:
    from pptx.enum.dml import MSO_FILL, MSO_PATTERN

    from render.pack_charts import VARIANCE_STYLES, variance_chart

    review, _ = sample()
    _, slide = _slide(deck_bytes("sample"), "Budget position")
    plot = next(s for s in slide.shapes if s.has_chart).chart.plots[0]
    fills = {s.name: s.format.fill for s in plot.series}
    assert fills["Overspend"].type == MSO_FILL.PATTERNED
    assert fills["Overspend"].pattern == MSO_PATTERN.WIDE_UPWARD_DIAGONAL
    assert fills["Underspend"].type == MSO_FILL.SOLID
    # the pack's chart, from the same definition, hatches its overspends
    assert VARIANCE_STYLES == {"Overspend": "hatch", "Underspend": "light"}
    assert "-hatch)" in variance_chart(review.selection.service_lines, Figures(review))


def test_the_decks_savings_by_rating_chart_fills_its_series_as_the_packs_does() -> None:
    from render.pack_charts import RAG_SERIES_STYLES
    from render.slides import STYLE_FILLS

    _, slide = _slide(deck_bytes("sample"), "Savings and delivery")
    chart = next(s for s in slide.shapes if s.has_chart).chart
    fills = {s.name: s.format.fill for s in chart.plots[0].series}
    assert list(fills) == list(RAG_SERIES_STYLES)
    for name, style in RAG_SERIES_STYLES.items():
        assert fills[name].fore_color.rgb == STYLE_FILLS[style][1], name
    assert fills["Forecast"].fore_color.rgb != fills["Target"].fore_color.rgb


def _variance_slide(names_and_m: list[tuple[str, float]]) -> Any:
    review, extraction = sample()
    model = review.selection.service_lines[0]
    lines = [model.model_copy(update={"name": n, "variance_gbp": m * 1e6}) for n, m in names_and_m]
    selection = review.selection.model_copy(update={"service_lines": lines})
    data = render_pptx(review.model_copy(update={"selection": selection}), extraction)
    return next(s for s in _slide(data, "Budget position")[1].shapes if s.has_chart)


def test_an_underspends_label_fits_between_its_bar_and_long_category_names() -> None:
    """Wyvern's chart printed "Early help and family hubs-£0.45m": its long names left the bars a
    narrow plot, and the room kept past the lowest bar, a share of the values' span, was narrower
    than the label. Each name now wraps within 40% of the chart, and the room is the label's width."""
    shape = _variance_slide(
        [
            ("Looked after children – residential placements", 5.05),
            ("Children's social work teams (incl. agency social workers)", 2.4),
            ("Looked after children – independent fostering agencies", 1.85),
            ("Early help and family hubs", -0.45),
        ]
    )
    names = [line for c in shape.chart.plots[0].categories for line in str(c).split("\n")]
    assert max(fit.text_width(n, 10) for n in names) <= 0.4 * shape.width
    assert _label_room(shape) >= fit.text_width("-£0.45m", 11)


def _label_room(shape: Any) -> float:
    """The width, in EMU, between a bar chart's lowest bar and its category names: the plot is the
    chart less its widest name line and its margins and gap (0.45 inch)."""
    chart = shape.chart
    names = [line for c in chart.plots[0].categories for line in str(c).split("\n")]
    plot_w = shape.width - max(fit.text_width(n, 10) for n in names) - Inches(0.45)
    values = [v for s in chart.plots[0].series for v in s.values if v is not None]
    low, high = chart.value_axis.minimum_scale, max(max(values), 0)
    return (min(values) - low) / (high - low) * plot_w


def test_the_councils_trend_labels_sit_on_the_side_away_from_the_other_lines() -> None:
    """Kent's £616, £624 and £661 sat above the council's line, under the neighbours' and
    England's lines running just over it: each label now goes below where the council runs under
    the others, above where it runs over them, and between them on the side with more room (Wyvern's
    £58 sat under England's line, a hair above it)."""
    from pptx.enum.chart import XL_CHART_TYPE

    from render.slides import chart, content_slide, new_deck

    deck = new_deck()
    slide = content_slide(deck, "How the council compares", 1)
    council = [644.0, 616.0, 1400.0, 48.0]
    series = [
        ("This council", council),
        ("Neighbours", [650.0, 640.0, 1222.0, 40.0]),
        ("England", [690, 700, 1314, 50.0]),
    ]
    years = ["1", "2", "3", "4"]
    chart(slide, XL_CHART_TYPE.LINE_MARKERS, years, series, (0, 0, Inches(5), Inches(4)), "Trend")
    xml = next(s for s in slide.shapes if s.has_chart).chart.part._element
    placed = xml.xpath("//c:ser[1]/c:dLbls/c:dLbl/c:dLblPos/@val")
    assert placed == ["b", "b", "t", "b"]


def test_the_budget_tables_last_row_is_the_childrens_total_as_stated() -> None:
    review, _ = sample()
    cs = review.position.children_services
    rows = [
        [c.text for c in row.cells]
        for slide in open_deck("sample").slides
        if _title(slide).startswith("Budget position")
        for shape in slide.shapes
        if shape.has_table
        for row in shape.table.rows
    ]
    name, *figures = rows[-1]
    assert name.startswith(
        (review.position.children_services_name or "Children's services") + ": total as stated"
    )
    assert figures == [fmt.money_k(v) for v in (cs.budget_gbp, cs.forecast_gbp, cs.variance_gbp)]


def test_a_card_title_is_set_at_the_size_of_the_others_however_long() -> None:
    """Kent's 'Largest gap below neighbours in money: ...' title took three lines and was set
    smaller to fit two: a title keeps 14 pt, its detail gives way."""
    from render.deck import card
    from render.findings import Finding
    from render.slides import content_slide, new_deck
    from render.sources import SourceIndex

    deck = new_deck()
    slide = content_slide(deck, "Headline findings", 1)
    title = (
        "Largest gap below neighbours in money: S251 children and young people's services per child aged 0-17"
    )
    card(
        slide,
        Finding(title, "£968", ("£968 in 2024-25 against a median of £1,222.",)),
        SourceIndex(),
        (0, 0, Inches(5.8), Inches(1.9)),
    )
    [shape] = [s for s in slide.shapes if s.has_text_frame and s.text_frame.text == title]
    assert {r.font.size.pt for p in shape.text_frame.paragraphs for r in p.runs} == {14}


def test_with_no_forecast_the_budget_slide_gives_the_childrens_budget_its_share_and_transfers() -> None:
    """Kent's slide said only that no service-line monitoring was received: the pack's position
    (the directorate's budget, the council's, the 18-25 transfer) was left out."""
    from tests.test_render_findings_position import budget_only

    review, extraction = budget_only()
    selection = review.selection.model_copy(update={"service_lines": []})
    review = review.model_copy(update={"selection": selection})
    data = render_pptx(review, extraction)
    _, slide = _slide(data, "Budget position")
    text = _slide_text(slide)
    assert "CYPE's budget for 2024-25 in the documents: £448.7m" in text
    assert "29% of the council's £1,529.7m" in text
    assert deck_problems(data, review.model_dump(mode="json"), extraction.model_dump(mode="json")) == []


def test_column_labels_side_by_side_are_set_small_enough_not_to_run_together() -> None:
    """Wyvern's slide 5: Green's target and forecast, £0.75m each, printed "£0.75m£0.75m"."""
    from pptx.util import Inches

    from render import fit
    from render.refs import Fig
    from render.slides import BARS, COLUMN_GAP, COLUMN_OVERLAP, column_label_size

    width = Inches(5.3)
    labels = [Fig("£0.75m", "r", "gbp_m")] * 8
    size = column_label_size(4, 2, width, labels)
    per_group = (width - BARS.padding) / 4
    apart = -COLUMN_OVERLAP / 100
    step = per_group / (2 + COLUMN_GAP / 100 + apart) * (1 + apart)
    assert fit.text_width("£0.75m", size) + BARS.labels_apart <= step
    assert size < BARS.label_size  # at the chart's own size they would touch
    assert column_label_size(2, 2, width, labels) == BARS.label_size  # with room, no smaller


def test_the_budget_tables_total_row_says_its_doubt_in_the_packs_words_once() -> None:
    # Wyvern's slide 3: "(as reported; its lines do not add up to it)" under the row's name, then
    # "203,400 (in doubt)" and "12,400 (in doubt)": a total as reported says so once, as the pack
    # does; a figure in doubt still says "in doubt" on each figure after the first.
    review, extraction = sample()
    cs = review.position.children_services

    def total_row(doubt: str) -> list[str]:
        doubted = cs.model_copy(update={"doubts": {"forecast_gbp": doubt, "variance_gbp": doubt}})
        position = review.position.model_copy(update={"children_services": doubted})
        deck = Presentation(
            io.BytesIO(render_pptx(review.model_copy(update={"position": position}), extraction))
        )
        rows = [
            [c.text for c in row.cells]
            for slide in deck.slides
            if _title(slide).startswith("Budget position")
            for shape in slide.shapes
            if shape.has_table
            for row in shape.table.rows
        ]
        return rows[-1]

    name, *figures = total_row("as reported; its lines do not add up to it")
    assert "(as reported; its lines do not add up to it)" in name
    assert figures == [fmt.money_k(v) for v in (cs.budget_gbp, cs.forecast_gbp, cs.variance_gbp)]
    name, *figures = total_row("in doubt: its lines do not add up to it")
    assert "(in doubt: its lines do not add up to it)" in name
    assert figures[1:] == [f"{fmt.money_k(v)} (in doubt)" for v in (cs.forecast_gbp, cs.variance_gbp)]


def test_the_decks_pressures_chart_fills_each_series_as_the_packs_does_none_alike() -> None:
    # Kent's deck 6 filled "Of which adults' savings" as it filled the General Fund pressures (the
    # fifth series took the first's fill again): each series has the pack's fill, one of its own.
    from pptx.enum.dml import MSO_FILL

    from render.slides import STYLE_FILLS
    from render.views import PRESSURES_CHART_STYLES

    assert len(set(PRESSURES_CHART_STYLES.values())) == len(PRESSURES_CHART_STYLES)
    _, slide = _slide(deck_bytes("sample"), "Pressures and the medium-term gap")
    chart = next(s for s in slide.shapes if s.has_chart).chart
    for series in chart.plots[0].series:
        pattern, tone = STYLE_FILLS[PRESSURES_CHART_STYLES[series.name]]
        fill = series.format.fill
        if pattern is None:
            assert fill.type == MSO_FILL.SOLID and fill.fore_color.rgb == tone, series.name
        else:
            assert fill.type == MSO_FILL.PATTERNED and fill.pattern == pattern, series.name
