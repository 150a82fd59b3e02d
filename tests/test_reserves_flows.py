"""Reserves flows and past movements: a change measured against an earlier year is a past movement in
balances, not a planned flow; each flow says which way it goes, in words, where the document says."""

from __future__ import annotations

import re

import pytest

from analyse.records import Reserve
from analyse.reserves import UNSTATED, direction, reserve_kind, reserves
from analyse.review import build_review
from extract.records import Check, Extraction, Figure, FigureUnit, PeriodAmount, PlanLine
from extract.verify.identities import TOTAL_IDENTITY
from render.pack import pack_html
from tests.review_builders import YEAR, prov

PAST = [
    # Kent's draft revenue budget 2025-26, paragraph 1.12
    "The total level of revenue reserves at the end of 2023-24 represents a reduction of £33.8m (-8.6%) on the "
    "previous year.",
    "Earmarked reserves increased by £6.2m compared with 2023-24.",
    "Usable reserves are down £4.1m from 2023-24, and the general reserve stands at £40.1m.",
]


def _money(sentence: str) -> float:
    """The one money figure a sample sentence states, in pounds."""
    found = re.search(r"([-+]?)£(\d+\.\d)m", sentence)
    assert found is not None
    return float(f"{found[1]}{found[2]}") * 1e6


def _figure(text: str, value: float, label: str | None = None) -> Figure:
    return Figure(
        value=value, unit=FigureUnit.GBP, label=label, text=text, provenance=[prov(text, "report.pdf", "p 4")]
    )


@pytest.mark.parametrize("sentence", PAST)
def test_a_change_measured_against_an_earlier_year_is_a_past_movement_not_a_flow(sentence: str) -> None:
    change, *_ = re.finditer(r"£(\d+\.\d)m", sentence)
    assert reserve_kind(sentence, float(change[1]) * 1e6) == "change"


def test_the_balance_beside_a_past_movement_is_still_a_balance() -> None:
    assert reserve_kind(PAST[2], 40.1e6) == "balance"


def test_a_planned_removal_of_last_years_drawdowns_is_still_a_flow() -> None:
    # "previous year" names what is removed, it does not measure the figure against that year
    assert reserve_kind("+£14.9m removal of previous year drawdowns from reserves.", 14.9e6) == "flow"


DIRECTIONS = [
    ("The budget assumes a drawdown of £4.5m from the budget stabilisation reserve.", "out of reserves"),
    ("A contribution to reserves of £2.0m is planned for 2025-26.", "into reserves"),
    ("£3.0m of reserves will be used to balance the 2025-26 budget.", "out of reserves"),
    ("£1.5m will be transferred to the insurance reserve.", "into reserves"),
    ("A further £6.0m is needed to replenish the general reserve.", "into reserves"),
    ("£12.0m into new Extended Producer Responsibility (EPR) reserve", "into reserves"),
    # a signed figure is a change to the budget, where a contribution to reserves is spending
    (
        "• -£8.8m net drawdown smoothing reserves for lower than expected Council tax base",
        "less into, or more out of, reserves",
    ),
    ("+£14.9m removal of previous year drawdowns from reserves.", "more into, or less out of, reserves"),
    ("A movement in reserves of £2.0m is planned for 2025-26.", UNSTATED),
]


@pytest.mark.parametrize(("sentence", "expected"), DIRECTIONS)
def test_a_flow_says_which_way_it_goes_as_its_words_or_its_sign_say(sentence: str, expected: str) -> None:
    assert reserve_kind(sentence, _money(sentence)) == "flow"
    assert direction(sentence, _money(sentence)) == expected


def test_a_list_items_direction_is_read_from_its_own_item_not_the_previous_ones_words() -> None:
    kent = (
        "• £15.4m general reserves including £11.1m repayment of the remaining 50% of the amount drawn down to "
        "balance the 2022-23 budget and £4.3m for the additional annual contribution to reflect the increase in net "
        "revenue budget to maintain general reserves at 5%."
    )
    assert [direction(kent, v) for v in (11.1e6, 4.3e6)] == ["into reserves", "into reserves"]


def _row(title: str, amount: float) -> PlanLine:
    return PlanLine(
        title=title,
        planned=[PeriodAmount(period=YEAR, amount_gbp=amount)],
        provenance=[prov(f"{title} | {amount / 1e3:,.0f}", "mtfp.pdf", "table 2, row 9")],
    )


def test_a_table_rows_direction_is_its_names_and_a_bare_total_states_none() -> None:
    rows = [
        _row("TOTAL CONTRIBUTIONS TO RESERVES", 42.429e6),
        _row("TOTAL DRAWDOWNS FROM RESERVES", -10.679e6),
        _row("TOTAL RESERVES", -8.684e6),
    ]
    found = reserves(Extraction(mtfp_totals=rows))
    assert [(r.label.split(" (")[0], r.direction) for r in found] == [
        ("TOTAL CONTRIBUTIONS TO RESERVES", "into reserves"),
        ("TOTAL DRAWDOWNS FROM RESERVES", "out of reserves"),
        ("TOTAL RESERVES", UNSTATED),
    ]


def test_the_pack_lists_a_past_movement_apart_from_planned_flows_and_says_each_flows_direction() -> None:
    extraction = Extraction(
        figures=[
            _figure(PAST[0], 33.8e6),
            _figure("The budget assumes a drawdown of £4.5m from the budget stabilisation reserve.", 4.5e6),
        ]
    )
    review = build_review(extraction)
    kinds: list[tuple[str, str]] = [(r.kind, r.direction) for r in review.diagnostic.reserves]
    assert kinds == [("change", ""), ("flow", "out of reserves")]
    shown = " ".join(re.sub(r"<[^>]+>", "", pack_html(review, extraction)).split())
    flows, changes = (
        shown.index("Planned flows into or out of reserves"),
        shown.index("Past changes in balances"),
    )
    assert shown.index("£4.5m out of reserves") in range(flows, changes)
    assert shown.index("£33.8m") > changes


def test_only_a_flow_has_a_direction() -> None:
    found: list[Reserve] = reserves(
        Extraction(figures=[_figure("The general fund balance stood at £42.5m at 31 March 2025.", 42.5e6)])
    )
    assert [(r.kind, r.direction) for r in found] == [("balance", "")]


PARTS = [
    (
        "Earmarked reserves were £297.6m at 31 March 2024, of which £36.2m is for the DSG deficit.",
        36.2e6,
        "Earmarked reserves were £297.6m at 31 March 2024",
    ),
    (
        "£36.2m held within the £297.6m earmarked reserves at 31 March 2024.",
        36.2e6,
        "held within the £297.6m earmarked reserves at 31 March 2024.",
    ),
    (
        "The 2025-26 budget includes £42.4m additional contributions to reserves (including £16.3m replenishment of "
        "general reserves).",
        16.3e6,
        "The 2025-26 budget includes £42.4m additional contributions to reserves",
    ),
]


@pytest.mark.parametrize(("sentence", "value", "whole"), PARTS)
def test_a_figure_the_sentence_says_is_part_of_another_names_that_whole(
    sentence: str, value: float, whole: str
) -> None:
    [part] = [r for r in reserves(Extraction(figures=[_figure(sentence, value)]))]
    assert part.part_of == whole


def test_a_figure_listed_beside_others_is_part_of_none_of_them() -> None:
    listed = (
        "comprising of £43.0m general reserve, £297.6m earmarked reserves and £17.0m public health reserve."
    )
    found = reserves(Extraction(figures=[_figure(listed, v) for v in (43.0e6, 297.6e6, 17.0e6)]))
    assert [r.part_of for r in found] == ["", "", ""]


def test_the_pack_shows_a_part_of_a_balance_as_part_of_it_not_a_balance_of_its_own() -> None:
    extraction = Extraction(figures=[_figure(PARTS[1][0], 36.2e6), _figure(PARTS[1][0], 297.6e6)])
    review = build_review(extraction)
    shown = " ".join(re.sub(r"<[^>]+>", "", pack_html(review, extraction)).split())
    assert (
        "£36.2m at 31 March 2024, part of “held within the £297.6m earmarked reserves at 31 March 2024.”, not a balance"
        in shown
    )


def test_a_total_row_goes_the_way_the_lines_it_adds_up_all_go() -> None:
    lines = [
        "One-off use of reserves (reversed in following year) | (8,230)",
        "Drawdown from reserves | (1,000)",
    ]
    checks = [
        Check(
            identity=TOTAL_IDENTITY,
            held=True,
            detail="",
            provenance=[prov(t, "mtfp.pdf", "row 1") for t in lines],
        )
    ]
    total = _row("Total Reserves", -9.23e6).model_copy(update={"checks": checks})
    assert [r.direction for r in reserves(Extraction(mtfp_totals=[total]))] == ["out of reserves"]
    mixed = [*lines, "Contribution to reserves | 2,000"]
    checks = [
        Check(
            identity=TOTAL_IDENTITY,
            held=True,
            detail="",
            provenance=[prov(t, "mtfp.pdf", "row 1") for t in mixed],
        )
    ]
    total = total.model_copy(update={"checks": checks})
    assert [r.direction for r in reserves(Extraction(mtfp_totals=[total]))] == [UNSTATED]


# Kent's draft revenue budget 2025-26, page 36: a spending heading whose line is now shown in reserves
MOVED_LINE = (
    "Additional spending to meet compliance with legislative and regulatory changes, including the change "
    "in treatment of KCC’s contribution to the -£14.7m Safety Valve agreement with the Department for "
    "Education (now shown in reserves)"
)


def test_a_budget_line_now_shown_in_reserves_is_not_a_reserve_flow() -> None:
    assert reserve_kind(MOVED_LINE, -14.7e6) is None
    assert not [r for r in reserves(Extraction(figures=[_figure(MOVED_LINE, -14.7e6)]))]


def test_a_line_moved_between_headings_is_not_a_reserve_flow_even_unsigned() -> None:
    moved = "£1.5m of reserves transferred to the children's services budget line."
    assert reserve_kind(moved, 1.5e6) is None
    # money transferred to a reserve is still a contribution into it
    assert reserve_kind("£1.5m will be transferred to the insurance reserve.", 1.5e6) == "flow"


def test_a_signed_change_to_a_budget_line_that_names_no_reserve_is_not_a_reserve_flow() -> None:
    line = "Spending includes the council's contribution to the -£14.7m Safety Valve agreement with the DfE."
    assert reserve_kind(line, -14.7e6) is None
    # a signed change that names the reserve is a change to its flow
    assert reserve_kind("-£8.0m reflecting one year holiday for contribution to IT reserve", -8.0e6) == "flow"


def test_a_year_another_item_of_the_sentence_names_is_not_the_flows_year() -> None:
    # the extractor dates the £4.3m by the nearest year, which is what the item before it repays
    text = "£11.1m repayment of the amount drawn down to balance the 2022-23 budget and £4.3m for the annual contribution to reserves."
    figure = _figure(text, 4.3e6).model_copy(update={"period": "2022-23"})
    [flow] = [r for r in reserves(Extraction(figures=[figure])) if r.amount_gbp == 4.3e6]
    assert (flow.kind, flow.at) == ("flow", None)
    # its own "in 2025-26" dates it; a budget the sentence opens with dates it too
    dated = figure.model_copy(update={"text": text.replace("reserves.", "reserves in 2025-26.")})
    opened = figure.model_copy(update={"text": f"The 2025-26 budget includes {text}"})
    assert [
        r.at for f in (dated, opened) for r in reserves(Extraction(figures=[f])) if r.amount_gbp == 4.3e6
    ] == [
        "2025-26",
        "2025-26",
    ]


def test_a_budget_the_sentence_refers_to_does_not_date_its_flows() -> None:
    # Kent's draft budget cover, page 1: the 2024-25 budget is what the one-offs balanced, not the year
    text = (
        "This includes a minor change in phasing of policy savings to replace the one-offs to balance "
        "2024-25 budget requiring £11.7m from one-offs in 2025-26 (£8.0m flexible use of capital receipts, "
        "£1.9m from extension of New Homes Bonus grant and £1.8m from reserves)."
    )
    [flow] = [r for r in reserves(Extraction(figures=[_figure(text, 1.8e6)])) if r.amount_gbp == 1.8e6]
    assert (flow.kind, flow.at) == ("flow", None)


@pytest.mark.parametrize(
    "span", ["2025-26 to 2027-28", "2025/26-2027/28", "2025-26\u20132027-28", "2025-26\u20142027-28"]
)
def test_a_flow_over_a_span_of_years_however_the_span_is_joined_is_of_no_one_year(span: str) -> None:
    # extract.numbers.YEAR_SPAN: a span's years joined as a financial year's are (any dash, or "to")
    text = f"The budget includes a £32.3m contribution to reserves over {span}."
    figure = _figure(text, 32.3e6).model_copy(update={"period": "2025-26"})
    [flow] = [r for r in reserves(Extraction(figures=[figure])) if r.amount_gbp == 32.3e6]
    assert (flow.kind, flow.at) == ("flow", None)
