"""The pack's charts read back from their SVG: the pressures chart's every series named in the
legend and drawn in a fill of its own, a fall drawn below the zero line (as the deck's chart draws
them); a benchmark chart's council named whole, and a trend's legend naming every line."""

from __future__ import annotations

import itertools
import re
import xml.etree.ElementTree as ET

from analyse.records import Comparator, Review
from render import views
from render.charts import CHAR_W, Bar, Series, hbar_chart, line_chart, value_width
from render.pack_charts import (
    RAG_SERIES_STYLES,
    at_risk_chart,
    benchmark_chart,
    mtfp_chart,
    rag_chart,
    trend_chart,
)
from render.refs import Figures
from tests.render_samples import sample
from tests.review_builders import benchmark

NS = {"s": "http://www.w3.org/2000/svg"}


def kent_like() -> Review:
    """The sample's plan with Kent's kinds of line beside the General Fund's: an externally
    funded pressure, a DSG line that falls (-£15.6m), and adults' savings in the directorate."""
    review, _ = sample()
    chosen = review.selection
    pressures, planned = chosen.pressures, chosen.planned
    n = len(pressures.years)
    pressures = pressures.model_copy(
        update={
            "external": [7_500_000.0] + [0.0] * (n - 1),
            "ring_fenced": [23_900_000.0, -15_600_000.0] + [None] * (n - 2),
        }
    )
    planned = planned.model_copy(update={"adults": [800_000.0] + [None] * (n - 1)})
    return review.model_copy(
        update={"selection": chosen.model_copy(update={"pressures": pressures, "planned": planned})}
    )


def chart_of(review: Review) -> ET.Element:
    chosen = review.selection
    svg = mtfp_chart(chosen.pressures, chosen.planned, chosen.gaps, Figures(review))
    return ET.fromstring(svg)


def legend(root: ET.Element) -> dict[str, str]:
    """Each legend entry's name and its swatch's fill: a swatch is a <rect> followed by its name."""
    children = list(root)
    return {
        "".join(children[i + 1].itertext()): rect.get("fill", "")
        for i, rect in enumerate(children)
        if rect.tag == f"{{{NS['s']}}}rect"
    }


def boxes(root: ET.Element) -> dict[str, list[tuple[float, float, float]]]:
    """The columns of each fill: (x, top, height)."""
    out: dict[str, list[tuple[float, float, float]]] = {}
    for path in root.findall("s:path", NS):
        for x, y, _w, h in re.findall(r"M([\d.]+) ([\d.]+)h([\d.]+)v([\d.]+)", path.get("d", "")):
            out.setdefault(path.get("fill", ""), []).append((float(x), float(y), float(h)))
    return out


def test_every_series_of_the_pressures_chart_is_in_the_legend_in_a_fill_of_its_own() -> None:
    review = kent_like()
    key = legend(chart_of(review))
    names = [
        "Children's General Fund pressures",
        views.EXTERNAL_SERIES,
        views.RING_FENCED_SERIES,
        "Children's savings planned",
        views.ADULTS_SAVINGS_SERIES,
        "Stated budget gap (council-wide)",
    ]
    assert sorted(key) == sorted(names)
    assert len(set(key.values())) == len(names)  # no two series look alike


def test_the_legend_wraps_inside_the_chart_rather_than_running_off_it() -> None:
    root = chart_of(kent_like())
    width = float(root.get("width", "0"))
    swatches = [r for r in root if r.tag == f"{{{NS['s']}}}rect"]
    assert len({r.get("y") for r in swatches}) > 1  # more than one row
    assert all(float(r.get("x", "0")) + 12 < width for r in swatches)


def test_a_fall_in_a_ring_fenced_line_is_drawn_below_the_zero_line_with_its_label() -> None:
    review = kent_like()
    root = chart_of(review)
    [zero] = [float(line.get("y1", "0")) for line in root.findall("s:line", NS)]
    fill = legend(root)[views.RING_FENCED_SERIES]
    fenced = boxes(root)[fill]
    assert len(fenced) == 2
    (_, up_top, up_h), (_, down_top, down_h) = fenced
    assert round(up_top + up_h, 1) == zero  # the rise stands on the zero line
    assert down_top == zero and down_h > 5  # the fall hangs below it
    assert abs(down_h / up_h - 15.6 / 23.9) < 0.01
    label = next(t for t in root.findall("s:text", NS) if t.text == "-£15.6m")
    assert float(label.get("y", "0")) > zero + down_h
    assert "-£15.6m" in root.findtext("s:desc", "", NS)


STAND_IN = "West Sussex County Council (standing in)"  # render.stand_in.council_line's form


def _benchmark_review() -> tuple[Review, Figures]:
    b = benchmark("unit_cost_lac_weekly", 1232.0, median=1155.0, trend=[921.0, 1040.0, 1214.0, 1232.0])
    england = b.model_copy(update={"england": Comparator(codes=["E"], median=None, value=1314.0)})
    review = Review(benchmarks=[england])
    return review, Figures(review)


def test_a_benchmark_bar_names_the_council_standing_in_whole_not_cut_short() -> None:
    review, figs = _benchmark_review()
    for council in (STAND_IN, "Royal Borough of Windsor and Maidenhead (standing in)"):
        root = ET.fromstring(benchmark_chart(review.benchmarks[0], figs, council))
        labels = [t.text or "" for t in root.findall("s:text", NS) if t.get("text-anchor") == "end"]
        assert not any("…" in t for t in labels)
        assert council in " ".join(labels)  # on one line, or broken at a word onto two


def test_the_trend_legend_names_every_line_inside_the_chart() -> None:
    review, figs = _benchmark_review()
    b = review.benchmarks[0]
    b = b.model_copy(
        update={
            "neighbours_trend": [t.model_copy(update={"value": t.value - 50}) for t in b.trend],
            "england_trend": [t.model_copy(update={"value": t.value + 50}) for t in b.trend],
        }
    )
    review = Review(benchmarks=[b])
    root = ET.fromstring(trend_chart(b, Figures(review), STAND_IN))
    width = float(root.get("width", "0"))
    names = {
        t.text: float(t.get("x", "0")) for t in root.findall("s:text", NS) if t.get("font-size") == "8.5"
    }
    assert set(names) == {STAND_IN, "Neighbours (median)", "England"}
    assert all(x + CHAR_W * len(name or "") <= width for name, x in names.items())


def _line(values: dict[str, list[float]], periods: list[str]) -> ET.Element:
    series = [Series(name, list(v), [f"£{x:g}" for x in v]) for name, v in values.items()]
    return ET.fromstring(line_chart("t", "d", periods, series, width=330, height=150))


def test_a_trend_chart_labels_years_far_enough_apart_to_read_and_always_the_last() -> None:
    periods = [f"{y}-{(y + 1) % 100:02d}" for y in range(2016, 2025)]  # nine financial years
    root = _line({"This council": [float(v) for v in range(600, 960, 40)]}, periods)
    years = [(float(t.get("x", "0")), t.text or "") for t in root.findall("s:text", NS) if t.text in periods]
    assert years[-1][1] == "2024-25"
    wide = CHAR_W * 7.5 / 9 * len("2016-17")  # a label's width at its 7.5 pt size
    assert all(b[0] - a[0] > wide for a, b in itertools.pairwise(years)), years
    assert len(years) < len(periods)  # 330 px cannot hold nine such labels side by side


def test_a_trend_point_is_labelled_below_where_another_line_sits_just_above_it() -> None:
    periods = ["2022", "2023", "2024"]
    root = _line({"This council": [100.0, 150.0, 200.0], "England": [103.0, 300.0, 0.0]}, periods)
    labels = {
        t.text: float(t.get("y", "0")) for t in root.findall("s:text", NS) if t.get("font-weight") == "bold"
    }
    council = root.findall("s:polyline", NS)[0].get("points", "").split()
    marks = [float(point.split(",")[1]) for point in council]
    # 2022: England's point lies 3 units above, so the label goes under the council's point; 2023
    # and 2024: nothing close above, so it stays over its point
    assert labels["£100"] > marks[0]
    assert labels["£200"] < marks[2]


def test_the_at_risk_charts_legend_names_only_the_ratings_drawn() -> None:
    review, _ = sample()
    rated = [s for s in review.selection.at_risk if s.rag is not None and s.at_risk_in_year_gbp > 0]
    drawn = {s.rag.value.title() for s in rated if s.rag is not None}
    key = legend(ET.fromstring(at_risk_chart(rated, Figures(review))))
    assert set(key) == drawn and "Not rated" not in key
    unrated = [rated[0].model_copy(update={"rag": None, "rag_text": None}), *rated[1:]]  # no rating at all
    chosen = review.selection.model_copy(update={"at_risk": unrated})
    review = review.model_copy(update={"selection": chosen})
    assert "Not rated" in legend(ET.fromstring(at_risk_chart(unrated, Figures(review))))


def test_the_packs_savings_by_rating_chart_fills_its_series_from_the_one_definition() -> None:
    review, _ = sample()
    key = legend(ET.fromstring(rag_chart(review.selection.rag_groups, Figures(review))))
    assert RAG_SERIES_STYLES == {"Target": "outline", "Forecast": "solid"}
    assert key["Target"] == "#ffffff" and key["Forecast"] != "#ffffff"  # the forecast drawn solid


def test_a_long_bar_label_wraps_onto_lines_whole_never_cut() -> None:
    """Wyvern's p.5 and p.8 printed "placeme…" and "optimis…": a bar's name wraps instead."""
    from render.charts import Bar, hbar_chart

    long = "Reduce the number of children in residential care through edge of care support and more besides"
    root = ET.fromstring(hbar_chart("t", "d", [Bar(long, 1.0, "£1.0m"), Bar("Short", 2.0, "£2.0m")]))
    lines = [t.text or "" for t in root.findall("s:text", NS) if t.get("text-anchor") == "end"]
    assert not any("\u2026" in line for line in lines)
    assert " ".join(line for line in lines if line != "Short") == long
    assert len(lines) > 3  # the long name took three lines or more, its row grown to hold them


def test_a_point_label_clears_the_other_lines_across_its_width() -> None:
    """Wyvern's trend charts: a label over its point sat on another line's marker beside it."""
    from render.charts import LABEL_H, MARKER_R, _heights, _label_y

    mine = [(20.0, 60.0), (60.0, 58.0), (100.0, 40.0)]
    other = [(20.0, 53.0), (60.0, 52.0), (100.0, 30.0)]  # just above the first line
    baseline = _label_y(60.0, 58.0, 24.0, [mine, other], 0.0, 140.0)
    heights = _heights(other, 48.0, 72.0)
    assert all(h < baseline - LABEL_H - MARKER_R or h > baseline + 1.5 + MARKER_R for h in heights)
    assert baseline > 58.0  # below its point: above, the other line runs through the label


def test_the_at_risk_chart_names_the_trackers_own_ratings_each_in_a_fill_of_its_own() -> None:
    from extract.records import Rag

    review, _ = sample()
    rated = [s for s in review.selection.at_risk if s.at_risk_in_year_gbp > 0]
    dark = rated[0].model_copy(update={"rag": Rag.AMBER, "rag_text": "Dark Amber"})
    plain = rated[1].model_copy(update={"rag": Rag.AMBER, "rag_text": "Amber"})
    lines = [dark, plain]
    chosen = review.selection.model_copy(update={"at_risk": lines})
    review = review.model_copy(update={"selection": chosen})
    key = legend(ET.fromstring(at_risk_chart(lines, Figures(review))))
    assert list(key) == ["Dark Amber", "Amber"]
    assert key["Dark Amber"] != key["Amber"]


def test_a_lines_neighbouring_point_labels_never_run_together() -> None:
    """Wyvern's thirteen-year trends printed "26.5%26.7%26.6%": years closer than a label's width."""
    from render.charts import CHAR_W

    periods = [str(y) for y in range(2013, 2026)]
    values = [27.6, 26.0, 22.8, 24.5, 26.8, 25.0, 26.5, 26.7, 26.6, 23.0, 24.0, 23.5, 24.4]
    root = _line({"This council": values, "England": [22.0] * 13}, periods)
    boxes = [
        (float(t.get("x", "0")), float(t.get("y", "0")), len(t.text or "") * CHAR_W * 7.5 / 9)
        for t in root.findall("s:text", NS)
        if t.get("font-weight") == "bold"
    ]
    assert len(boxes) == 13
    for (x1, y1, w1), (x2, y2, w2) in itertools.combinations(boxes, 2):
        side_by_side = abs(x1 - x2) < (w1 + w2) / 2
        assert not side_by_side or abs(y1 - y2) >= 7.5, ((x1, y1), (x2, y2))


def test_a_bars_value_in_words_fits_the_chart_whole() -> None:
    # Wyvern's Ofsted bar printed "Requires im": the room after a bar holds its longest value.
    bars = [
        Bar("West Sussex County Council", 3.0, "Requires improvement"),
        Bar("Neighbours (median)", 2.0, "Good"),
    ]
    svg = ET.fromstring(hbar_chart("Ofsted", "Grades", bars, width=320))
    width = float(svg.get("viewBox", "0 0 320 0").split()[2])
    [value] = [t for t in svg.iter("{http://www.w3.org/2000/svg}text") if t.text == "Requires improvement"]
    assert float(value.get("x", "0")) + value_width("Requires improvement") <= width


def test_a_bar_under_a_million_is_labelled_to_the_places_the_table_beside_it_shows() -> None:
    review, _ = sample()
    rated = [s for s in review.selection.at_risk if s.at_risk_in_year_gbp > 0]
    small = rated[0].model_copy(update={"at_risk_in_year_gbp": 70_000.0})
    chosen = review.selection.model_copy(update={"at_risk": [small]})
    review = review.model_copy(update={"selection": chosen})
    svg = at_risk_chart([small], Figures(review))
    assert "£0.07m" in svg and "£0.1m" not in svg
