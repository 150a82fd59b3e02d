"""The pack check itself is checked: change one value in review.json, or slip one figure into the
pack, and it must fail; read each unit's printed form back exactly (render.refs, tests/refs_check.py)."""

from __future__ import annotations

import copy
import random
from functools import cache
from typing import Any

import pytest

from render.pack import pack_html
from render.refs import UNITS, Figures, Unreferenced, resolve
from render.slides import SIGNED_M as SIGNED
from tests.refs_check import FORMS, Printed, labelled, problems, read, traced, untraced_figures, wrong_figures
from tests.render_samples import sample


@cache
def packed() -> tuple[str, dict[str, Any], dict[str, Any]]:
    review, extraction = sample()
    return pack_html(review, extraction), review.model_dump(mode="json"), extraction.model_dump(mode="json")


def mutated(doc: dict[str, Any], path: tuple[str | int, ...], change: float) -> dict[str, Any]:
    out = copy.deepcopy(doc)
    node = out
    for key in path[:-1]:
        node = node[key]
    node[path[-1]] += change
    return out


def test_the_sample_pack_passes_the_check_it_is_mutated_against() -> None:
    html, review, extraction = packed()
    assert problems(html, review, extraction) == []


@pytest.mark.parametrize(
    "path",
    [
        ("position", "children_services", "variance_gbp"),  # the headline figure
        ("savings_summary", "at_risk_gbp"),  # the savings headline
        ("selection", "tracked", 0, "target_in_year_gbp"),  # a savings line (also in selection.savings)
        ("selection", "savings", 0, "target_in_year_gbp"),  # the same line in its other place
        ("benchmarks", 0, "value"),  # a benchmark's value
        ("benchmarks", 1, "statistical_neighbours", "median"),  # a benchmark's comparator
        ("derived", "children_variance_share"),  # a share the analysis derived
        ("selection", "pressures", "totals", 1),  # a total the analysis summed
        ("drivers", "actual_value"),  # a drivers figure in a chart label
    ],
)
def test_changing_one_value_in_the_review_fails_the_check_naming_it(path: tuple[str | int, ...]) -> None:
    html, review, extraction = packed()
    value = resolve("review.json#/" + "/".join(map(str, path)), review, extraction)
    wrong = mutated(review, path, max(abs(value) * 0.1, 1.0))
    found = wrong_figures(html, wrong, extraction)
    where = "review.json#/" + "/".join(map(str, path))
    assert found and all(f.startswith(where) for f in found), found


def test_a_change_below_the_printed_precision_passes_and_one_at_it_fails() -> None:
    html, review, extraction = packed()
    path = ("position", "children_services", "variance_gbp")  # 15,400,000 printed £15.4m and 15,400
    assert wrong_figures(html, mutated(review, path, 400.0), extraction) == []
    assert wrong_figures(html, mutated(review, path, 50_000.0), extraction)


def test_random_amounts_slipped_into_the_pack_are_all_caught() -> None:
    html, _, _ = packed()
    rng = random.Random(10)
    for _ in range(200):
        amount = f"£{rng.randint(1, 199) / 10:.1f}m"
        slipped = html.replace(
            "<h2>Executive summary</h2>", f"<h2>Executive summary</h2><p>Forecast {amount}</p>"
        )
        assert untraced_figures(slipped) == [f"untraced {amount!r}"]


def test_a_traced_figure_whose_ref_holds_another_value_is_caught() -> None:
    html, review, extraction = packed()
    forged = '<p><span data-ref="review.json#/position/budget_gbp" data-unit="gbp_m">£7.3m</span></p>'
    found = wrong_figures(
        html.replace("<h2>Budget position</h2>", "<h2>Budget position</h2>" + forged), review, extraction
    )
    assert found == [
        "review.json#/position/budget_gbp: '£7.3m' is not 1124600000.0 (1124.6 at the precision printed)"
    ]


def test_a_number_cell_without_a_ref_and_a_chart_figure_not_among_its_labels_are_caught() -> None:
    html, _, _ = packed()
    cell = html.replace('<td class="num"><span', '<td class="num">12,345<span', 1)
    assert untraced_figures(cell) == ["untraced number cell '12,345'"]
    chart = html.replace("</desc>", " Also £9.9m.</desc>", 1)
    assert untraced_figures(chart) == ["chart words '£9.9m' not among its labels"]


def test_a_ref_that_does_not_resolve_is_a_failure() -> None:
    html, review, extraction = packed()
    broken = html.replace(
        'data-ref="review.json#/position/budget_gbp"', 'data-ref="review.json#/position/budget"', 1
    )
    assert any("does not resolve" in f for f in wrong_figures(broken, review, extraction))


@pytest.mark.parametrize(
    ("unit", "text", "value", "ok"),
    [
        ("gbp_m", "£1.3m", 1_250_000.0, True),  # halves round up
        ("gbp_m", "£1.2m", 1_250_000.0, False),
        ("gbp_m", "-£1.2m", -1_200_000.0, True),
        ("gbp_m", "£1.2m", -1_200_000.0, False),  # the sign counts
        ("gbp_m", "+£3.4m", 3_400_000.0, True),
        ("gbp_k", "(700)", -700_000.0, True),
        ("gbp_k", "(700)", 700_000.0, False),
        ("gbp_k", "12,346", 12_345_500.0, True),
        ("gbp_k", "(700", -700_000.0, False),
        ("gbp_k_signed", "-1,000", -1_000_000.0, True),
        ("gbp_k_signed", "+1,000", -1_000_000.0, False),
        ("gbp_k_signed", "(1,000)", -1_000_000.0, False),
        ("gbp", "£11,240", 11_240.0, True),
        ("percent", "24.5%", 24.5, True),
        ("percent", "25%", 24.5, True),
        ("percent", "24%", 24.5, False),
        ("fraction", "58%", 0.58, True),
        ("points", "-2.1 pts", -2.1, True),
        ("count", "150", 150, True),
        ("count", "151", 150, False),
        ("number", "0.58", 0.58, True),
        ("grade", "Good", 2.0, True),
        ("grade", "Good", 3.0, False),
        ("gbp_m", "n/a", None, True),
        ("gbp_m", "£0.0m", None, False),
        ("text", "Forecast below target by £0.4m", "Forecast below target by £0.4m", True),
        ("text", "Forecast below target by £0.5m", "Forecast below target by £0.4m", False),
        ("text", "Forecast below...", "Forecast below target by £0.4m", True),
        ("text", "Forecast bel...", "Forecast below target by £0.4m", False),  # cut at a word
        ("text", "Forecast above...", "Forecast below target by £0.4m", False),
    ],
)
def test_each_unit_is_read_back_at_its_printed_precision(unit: str, text: str, value: Any, ok: bool) -> None:
    assert (read(Printed("r", unit, "", text), value) is None) is ok


def test_a_magnitude_printed_with_its_sign_in_words_is_unsigned() -> None:
    assert read(Printed("r", "gbp_m", "abs", "£1.2m"), -1_200_000.0) is None
    assert read(Printed("r", "gbp_m", "abs", "-£1.2m"), -1_200_000.0) is not None
    assert read(Printed("r", "gbp_m", "abs", "£1.3m"), -1_200_000.0) is not None


def test_a_figure_from_outside_the_records_cannot_be_written() -> None:
    review, extraction = sample()
    figs = Figures(review, extraction)
    with pytest.raises(Unreferenced):
        figs.fig(review.position.model_copy(), "budget_gbp", "m")
    written = figs.fig(review.position, "budget_gbp", "m")
    assert (written.text, written.ref, written.unit) == (
        "£1,124.6m",
        "review.json#/position/budget_gbp",
        "gbp_m",
    )


def test_refs_are_json_pointers_in_their_uri_fragment_form() -> None:
    review = {"scenarios": [{"assumptions": {"in-house share/now": 55, "a~b": 1}}]}
    assert resolve("review.json#/scenarios/0/assumptions/in-house%20share~1now", review, {}) == 55
    assert resolve("review.json#/scenarios/0/assumptions/a~0b", review, {}) == 1
    for bad in ["review.json#/scenarios/0", "review.json#/scenarios/9/x", "other.json#/x", "review.json"]:
        with pytest.raises(KeyError):
            resolve(bad, review, {})


def test_every_traced_figure_names_one_place_per_copy_of_its_record() -> None:
    html, _, _ = packed()
    refs = [p.ref for p in traced(html)]
    assert any(
        "review.json#/selection/savings/" in r and "review.json#/selection/tracked/" in r for r in refs
    )


def test_the_check_reads_every_unit_the_renderer_writes_and_no_other() -> None:
    html, _, _ = packed()
    assert set(FORMS) | {"grade", "text"} == set(UNITS)
    assert {p.unit for p in traced(html)} <= set(UNITS)


@pytest.mark.parametrize(
    ("value", "code", "shown"),
    [
        (5.1, '£#,##0.0"m"', "£5.1m"),
        (-0.3, '£#,##0.0"m"', "-£0.3m"),
        (-0.0, '£#,##0.0"m"', "£0.0m"),
        (1232.0, "£#,##0", "£1,232"),
        (25.6, '#,##0.0"%"', "25.6%"),
        (5.05, '£#,##0.0#"m"', "£5.05m"),
        (5.1, '£#,##0.0#"m"', "£5.1m"),
        (5.0, '£#,##0.0#"m"', "£5.0m"),
        (5.1, SIGNED, "+£5.1m"),
        (-5.05, SIGNED, "-£5.05m"),
        (-0.3, SIGNED, "-£0.3m"),
        (0.0, SIGNED, "£0.0m"),
        (-0.0, SIGNED, "£0.0m"),
    ],
)
def test_a_chart_label_is_read_as_its_number_format_shows_it(value: float, code: str, shown: str) -> None:
    assert labelled(value, code) == shown


def test_a_number_format_the_check_does_not_read_is_refused() -> None:
    for code in ("0.00E+00", '£#,##0.0"m";-£#,##0.0"m";£0;"x"'):
        with pytest.raises(ValueError, match="does not read"):
            labelled(1.0, code)


@pytest.mark.parametrize(
    ("text", "ok"),
    [
        ("The forecast moved. It rose again.", True),  # as written
        ("The forecast moved.", True),  # its first whole sentence
        ("The forecast moved. It rose...", True),  # cut at a word
        ("The forecast moved...", False),  # cut before a sentence.s full stop: neither a word nor a sentence
        ("The forecast...", True),
        ("The forecast moved. It", False),  # cut mid-sentence, unmarked
        ("The forecast move.", False),  # not the record's words
        ("The forecast moved. It rose again. More.", False),
    ],
)
def test_a_quotation_is_its_records_text_or_its_start_cut_at_a_word_or_a_sentence(
    text: str, ok: bool
) -> None:
    value = "The forecast moved. It rose again."
    assert (read(Printed("review.json#/x", "text", "", text), value) is None) is ok


def test_a_quotation_cut_before_a_clauses_mark_is_its_start() -> None:
    value = "Rated dark amber; forecast to deliver less."
    assert read(Printed("review.json#/x", "text", "", "Rated dark amber..."), value) is None
    assert read(Printed("review.json#/x", "text", "", "Rated dark amb..."), value) is not None


def test_a_word_broken_across_two_lines_is_caught_and_two_words_or_a_name_are_not() -> None:
    from tests.refs_check import split_words

    page = (
        '<td>Outstanding</td><td>over all overall non-recurrent</td><td class="file">kent_appendixF.pdf</td>'
    )
    assert split_words("2022 Outstand\r\ning\r\nGood", page) == ["Outstand / ing (Outstanding)"]
    assert split_words("2022 Outstand-\r\ning", page) == ["Outstand- / ing (Outstanding)"]
    assert split_words("2022 Outstanding\r\nGood", page) == []
    assert split_words("spent over\r\nall of it", page) == []  # two words the page has
    assert split_words("the non-\r\nrecurrent part", page) == []  # at the page's own hyphen
    assert split_words("kent_appendix\r\nF.pdf", page) == []  # a name, which may break anywhere


@pytest.mark.parametrize(
    ("unit", "text", "value"),
    [("gbp_m", "£0.0m", 45_000.0), ("gbp_m", "-£0.0m", -30_000.0), ("gbp", "£0", 0.0037)],
)
def test_money_that_is_not_none_printed_as_none_is_a_problem(unit: str, text: str, value: float) -> None:
    assert read(Printed("r", unit, "", text), value) is not None
    assert read(Printed("r", unit, "", text), 0.0) is None  # none printed as none is fine


@pytest.mark.parametrize(
    ("unit", "text", "value", "ok"),
    [
        ("gbp_thousands", "£45k", 45_000.0, True),
        ("gbp_thousands", "-£30k", -30_000.0, True),
        ("gbp_thousands", "£44k", 45_000.0, False),
        ("gbp_thousands", "£45k", -45_000.0, False),
    ],
)
def test_money_printed_in_thousands_is_read_in_thousands(
    unit: str, text: str, value: float, ok: bool
) -> None:
    assert (read(Printed("r", unit, "", text), value) is None) == ok


@pytest.mark.parametrize("bundle", ["northmoor", "hallam", "ashdown", "severnbrook", "fernleigh", "marlowe"])
def test_every_figure_in_each_testers_pack_traces_to_its_record(
    bundle: str, request: pytest.FixtureRequest
) -> None:
    """The independent testers' bundles (tests/<name>) packed: every figure traced and read back,
    the charts' own words included (Fernleigh's chart once named a line it left out with its
    variance, a figure no label of the chart carries)."""
    review, extraction = request.getfixturevalue(bundle)
    html = pack_html(review, extraction)
    assert problems(html, review.model_dump(mode="json"), extraction.model_dump(mode="json")) == []
