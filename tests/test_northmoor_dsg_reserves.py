"""Northmoor's DSG and reserves (tests/northmoor, TRUTH.md A, p1 and p6), and the general rules
behind them tried on other wordings: each sum in a sentence takes the words nearest it; a deficit
table that adds up gives the cumulative deficit; a plan the papers name is theirs; a level the
council sets for a reserve is not a balance; a balance that "would fall to" a sum is a forecast with
its condition; a sentence's date ("on 1 April 2025") and a table's dated columns date balances."""

from __future__ import annotations

from typing import Any

import pytest

from analyse.dsg import (
    cumulative_deficit,
    deficit_table,
    dsg_sentences,
    plan_not_received,
    plan_status,
    reserve_beside,
    reserve_view,
)
from analyse.missing import cited_missing
from analyse.records import DsgItem, MissingDocument, Reserve, Review
from analyse.reserves import (
    date_near,
    figure_at,
    forecast_words,
    general_minimum,
    reserve_kind,
    table_balances,
)
from extract.records import Figure, FigureUnit, Passage, Table
from tests.review_builders import prov

PAGE_6 = "Northmoor_Cabinet_RevenueMonitoring_Q2_2025-26.pdf"


def _review(northmoor: Any) -> Review:
    review, _ = northmoor
    assert isinstance(review, Review)
    return review


# --- Northmoor, against TRUTH.md -----------------------------------------------------------------


def test_the_cumulative_dsg_deficit_is_the_carried_forward_not_the_in_year_and_verified(
    northmoor: Any,
) -> None:
    # TRUTH A p1 rec (c), p6: in-year £7.40m, cumulative £34.30m at 31/3/26 (b/f 26.90 + 7.40)
    deficit = _review(northmoor).dsg.cumulative_deficit
    assert deficit is not None
    assert (deficit.amount_gbp, deficit.words, deficit.verification) == (
        34_300_000,
        "31 March 2026",
        "verified",
    )
    assert any(
        p.page == 6 and p.text.startswith("Cumulative deficit carried forward") for p in deficit.provenance
    )


def test_the_dsg_management_plan_the_papers_cite_is_their_plan_and_asked_for(northmoor: Any) -> None:
    review = _review(northmoor)
    # p6 para 6.3 "The DSG management plan projects the cumulative deficit rising to £58.70m ..."
    assert review.dsg.plan is not None and "DSG management plan" in review.dsg.plan.text
    assert not any("deficit management plan" in words for words in review.dsg.not_found)
    cited = [m for m in review.documents_missing if m.name == "DSG management plan"]
    assert cited and cited[0].why == "cited" and cited[0].provenance[0].page == 6
    assert review.dsg.plan_not_received == "DSG management plan"  # cited, not received


def test_a_plan_received_or_not_cited_as_a_document_is_not_said_to_be_missing() -> None:
    text = "The DSG deficit management plan is on track."
    plan = plan_status([(text, [prov(text)])])
    other = MissingDocument(name="Sufficiency Strategy", why="cited", provenance=[prov("x")])
    assert plan_not_received(plan, [other]) == ""
    cited = MissingDocument(name="DSG deficit management plan", why="cited", provenance=[prov(text)])
    assert plan_not_received(plan, [other, cited]) == "DSG deficit management plan"


def test_the_minimum_prudent_level_is_a_level_not_a_balance(northmoor: Any) -> None:
    found = _review(northmoor).diagnostic.reserves
    twelve = [r for r in found if r.amount_gbp == 12_000_000]
    assert twelve and all(r.kind == "level" for r in twelve)


def test_the_reserves_are_balances_at_their_dates_and_the_forecast_says_its_condition(northmoor: Any) -> None:
    balances = {
        (r.label, r.amount_gbp, r.at): r
        for r in _review(northmoor).diagnostic.reserves
        if r.kind == "balance"
    }
    # p6 para 7.1 and the reserves table: 14.20 on 1 April 2025 (held), 5.83 forecast at 31 March 2026
    held = balances[("General Fund balance", 14_200_000, "1 April 2025")]
    assert not held.forecast and not held.condition
    would = balances[("General Fund balance", 5_830_000, "31 March 2026")]
    assert would.forecast and "not be mitigated" in would.condition
    # the earmarked reserves' forecast, which only the table and para 7.2 give
    assert balances[("Earmarked reserves", 41_300_000, "31 March 2026")].forecast
    assert balances[("Earmarked reserves", 58_600_000, "1 April 2025")].forecast == ""
    demand = balances[("Children's Services Demand Risk Reserve", 2_500_000, "1 April 2025")]
    assert demand.part_of == "Earmarked reserves"


def test_the_dsg_deficit_is_set_beside_the_balance_forecast_at_its_date_with_the_condition(
    northmoor: Any,
) -> None:
    # TRUTH A p2, p6: GF £14.20m at 1 April 2025 -> £5.83m at 31 March 2026 if unmitigated; minimum £12.00m
    review = _review(northmoor)
    dsg = review.dsg
    general = dsg.general_reserve
    assert general is not None and (general.amount_gbp, general.at) == (5_830_000, "31 March 2026")
    assert general.condition.startswith("Should the forecast overspend of £8.37m materialise")
    assert dsg.reserve_dated_apart == ""
    assert dsg.general_minimum is not None and dsg.general_minimum.amount_gbp == 12_000_000
    assert round(review.derived.dsg_deficit_share_of_reserve or 0) == round(100 * 34.30 / 5.83)


# --- the general rules, other wordings -----------------------------------------------------------


def _figure(text: str, value: float, label: str | None = None) -> Figure:
    return Figure(
        value=value, unit=FigureUnit.GBP, label=label, text=text, provenance=[prov(text, "r.pdf", "p 3")]
    )


@pytest.mark.parametrize(
    "text",
    [
        "Members are asked to note the High Needs in-year deficit of £5.1m and the cumulative DSG deficit of £22.4m.",
        "The DSG in-year deficit is £5.1m; the accumulated DSG deficit is £22.4m at 31 March 2026.",
        "An in-year DSG deficit of £5.1m takes the cumulative DSG deficit to £22.4m.",
    ],
)
def test_each_sum_takes_the_words_nearest_before_it_in_its_clause(text: str) -> None:
    figures = [_figure(text, 5.1e6, "DSG deficit"), _figure(text, 22.4e6, "cumulative DSG deficit")]
    carried, _ = cumulative_deficit(figures)
    assert carried is not None and carried.amount_gbp == 22.4e6


def _deficit_table(closing: str) -> Table:
    rows = [
        ["High Needs DSG", "2024-25 outturn £000", "2025-26 forecast £000"],
        ["Opening DSG deficit", "(9,300)", "(12,400)"],
        ["Deficit for the year", "(3,100)", "(3,100)"],
        ["Closing DSG deficit", "(12,400)", closing],
    ]
    return Table(
        file="m.pdf",
        page=4,
        bbox=None,
        rows=rows,
        header_rows=1,
        locator="page 4, table 2",
        provenance=[prov("t")],
    )


def test_a_deficit_table_that_adds_up_gives_the_cumulative_deficit_at_its_years_end() -> None:
    read = deficit_table([_deficit_table("(15,500)")], "2025-26")
    assert read is not None
    found = read.deficit
    assert (found.amount_gbp, found.words, found.verification) == (15_500_000, "31 March 2026", "verified")
    assert deficit_table([_deficit_table("(15,500)")], "2024-25").deficit.amount_gbp == 12_400_000  # type: ignore[union-attr]


def test_a_deficit_table_that_does_not_add_up_gives_nothing() -> None:
    assert deficit_table([_deficit_table("(15,800)")], "2025-26") is None


@pytest.mark.parametrize(
    ("text", "named"),
    [
        ("The High Needs management plan is being refreshed with the DfE.", "High Needs management plan"),
        ("The DSG deficit recovery plan is behind schedule.", "DSG deficit recovery plan"),
    ],
)
def test_a_dsg_management_plan_is_a_plan_before_a_programme(text: str, named: str) -> None:
    programme = "The council joined the Delivering Better Value programme in 2023."
    plan = plan_status([(programme, [prov(programme)]), (text, [prov(text)])])
    assert plan is not None and plan.words == named and plan.text == text


def test_a_plan_named_with_an_initialism_at_a_sentences_start_is_cited() -> None:
    text = "The SEND sufficiency strategy sets out new places. Its DSG recovery plan is due in March."
    names = {m.name for m in cited_missing([Passage(text=text, provenance=[prov(text)])], [])}
    assert {"SEND sufficiency strategy", "DSG recovery plan"} <= names


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("General reserves remain above the minimum level of £15.0m.", 15e6),
        ("The council holds £30.0m, against a target balance of £20.0m.", 20e6),
        ("The Reserves Strategy sets a prudent minimum balance of £8.5m for the general fund.", 8.5e6),
    ],
)
def test_a_level_the_council_sets_for_a_reserve_is_not_a_balance(text: str, value: float) -> None:
    assert reserve_kind(text, value) == "level"


def test_the_balance_held_beside_a_level_is_still_a_balance() -> None:
    assert reserve_kind("The council holds £30.0m, against a target balance of £20.0m.", 30e6) != "level"


@pytest.mark.parametrize(
    ("text", "value", "said", "condition"),
    [
        (
            "If the savings are not delivered, general reserves could fall to £6.0m.",
            6e6,
            "could fall to",
            "If the savings are not delivered",
        ),
        (
            "Unless the overspend is recovered, the general fund would reduce from £20.0m to £11.5m.",
            11.5e6,
            "would reduce from",
            "Unless the overspend is recovered",
        ),
        (
            "Earmarked reserves are forecast to fall to £41.3m at 31 March 2026.",
            41.3e6,
            "are forecast to fall to",
            "",
        ),
    ],
)
def test_a_balance_that_would_follow_is_a_forecast_with_its_condition(
    text: str, value: float, said: str, condition: str
) -> None:
    assert forecast_words(text, value) == (said, condition)


def test_the_balance_a_movement_starts_from_is_held() -> None:
    text = "Unless the overspend is recovered, the general fund would reduce from £20.0m to £11.5m."
    assert forecast_words(text, 20e6) == ("", "")


@pytest.mark.parametrize(
    ("text", "value", "date"),
    [
        ("The general reserve stood at £9.5m on 31 March 2025.", 9.5e6, "31 March 2025"),
        (
            "Reserves were £58.6m at 1 April 2025 and are forecast to be £41.3m at 31 March 2026.",
            41.3e6,
            "31 March 2026",
        ),
        (
            "Reserves were £58.6m at 1 April 2025 and are forecast to be £41.3m at 31 March 2026.",
            58.6e6,
            "1 April 2025",
        ),
    ],
)
def test_a_balance_takes_the_date_its_own_words_state(text: str, value: float, date: str) -> None:
    assert date_near(text, figure_at(text, value)) == date


def test_a_reserves_table_with_dated_columns_gives_each_balance_at_its_date() -> None:
    rows = [
        ["Reserves", "31 March 2025 £000", "Forecast 31 March 2026 £000"],
        ["General Fund", "10,500", "8,000"],
        ["Earmarked reserves", "40,000", "31,250"],
        ["including: Social Care Risk Reserve", "1,200", "0"],
        ["DSG deficit reserve", "(15,000)", "(19,000)"],
    ]
    table = Table(
        file="m.pdf", page=5, bbox=None, rows=rows, header_rows=1, locator="t", provenance=[prov("t")]
    )
    found = {(r.label, r.at): r for r in table_balances([table])}
    assert found[("General Fund", "31 March 2025")].amount_gbp == 10_500_000
    assert not found[("General Fund", "31 March 2025")].forecast
    assert found[("Earmarked reserves", "31 March 2026")].amount_gbp == 31_250_000
    assert found[("Earmarked reserves", "31 March 2026")].forecast
    assert found[("Social Care Risk Reserve", "31 March 2025")].part_of == "Earmarked reserves"
    assert not any("DSG" in label for label, _ in found)  # the DSG's, not a reserve's


def test_a_sentence_on_a_plan_for_the_deficit_is_read_on_the_dsg_though_it_names_no_dsg() -> None:
    text = "Northmoor is taking part in the Delivering Better Value in SEND programme."
    plan = plan_status(dsg_sentences([Passage(text=text, provenance=[prov(text)])]))
    assert plan is not None and plan.text == text


def _balance(amount: float, at: str, forecast: str = "", condition: str = "") -> Reserve:
    text = f"General Fund balance | {amount}"
    return Reserve(
        kind="balance",
        label="General Fund balance",
        amount_gbp=amount,
        at=at,
        forecast=forecast,
        condition=condition,
        text=text,
        provenance=[prov(text, "r.pdf", "p 6")],
    )


def _deficit(words: str) -> DsgItem:
    return DsgItem(amount_gbp=30e6, words=words, text="c/f", provenance=[prov("c/f", "r.pdf", "p 5")])


def test_the_balance_at_the_deficits_date_is_set_beside_it_held_before_forecast_else_the_first_held() -> None:
    held = _balance(14e6, "1 April 2025")
    forecast = _balance(6e6, "31 March 2026", "would fall to", "If the overspend is not recovered")
    held_then = _balance(7e6, "31 March 2026")
    other = _balance(5e6, "31 March 2027", "Forecast 31 March 2027")
    assert reserve_beside(_deficit("31 March 2026"), [held, forecast]) is forecast
    assert reserve_beside(_deficit("31 March 2026"), [held, forecast, held_then]) is held_then
    assert reserve_beside(_deficit("31 March 2025"), [other, held, forecast]) is held
    assert reserve_beside(_deficit("31 March 2025"), [other]) is other


@pytest.mark.parametrize(
    ("text", "value", "words"),
    [
        (
            "If the overspend is not reduced, the General Fund balance would fall to £11.350m, below the"
            " minimum level of £15.000m recommended by the Section 151 Officer.",
            15e6,
            "minimum level of £15.000m",
        ),
        (
            "The General Fund balance would reduce from £14.20m to £5.83m – below the minimum prudent level"
            " of £12.00m set out in the Council's Reserves Strategy.",
            12e6,
            "minimum prudent level of £12.00m",
        ),
    ],
)
def test_the_level_set_for_the_general_fund_is_read_with_its_words(
    text: str, value: float, words: str
) -> None:
    figures = [_figure(text, v) for v in (5.83e6, 11.35e6, 14.2e6, value) if figure_at(text, v)]
    level = general_minimum(figures)
    assert level is not None and (level.amount_gbp, level.words) == (value, words)


@pytest.mark.parametrize(
    "text",
    [
        "The General Fund balance would fall to £11.350m by 31 March 2026.",  # no level stated
        "Earmarked reserves stand at £41.3m, above the minimum level of £15.0m.",  # not the general fund's
        "The General Fund minimum level is reviewed each year; the balance is £15.0m.",  # not the level's sum
    ],
)
def test_no_level_is_read_where_none_is_set_for_the_general_fund(text: str) -> None:
    figures = [_figure(text, v) for v in (11.35e6, 41.3e6, 15e6) if figure_at(text, v)]
    assert general_minimum(figures) is None


def test_the_councils_own_statement_of_the_deficit_against_its_reserves_is_quoted(northmoor: Any) -> None:
    # TRUTH A p6 6.2: "Were the override not in place the deficit would exceed the Council's General
    # Fund balance and usable earmarked reserves available to meet it."
    view = _review(northmoor).dsg.reserve_view
    assert view is not None and view.on_general and view.provenance[0].page == 6
    assert view.words.startswith("Were the override not in place the deficit would exceed")


@pytest.mark.parametrize(
    ("sentence", "said"),
    [
        ("The accumulated DSG deficit will exceed the council's usable reserves by 2027.", True),
        ("The general reserve would not be sufficient to meet the DSG deficit.", True),
        ("High needs spending will exceed the DSG grant again; reserves are reported below.", False),
    ],
)
def test_a_deficit_said_to_exceed_reserves_is_the_documents_view_of_them(sentence: str, said: bool) -> None:
    passage = Passage(text=sentence, provenance=[prov(sentence, "r.pdf", "p 4")])
    assert (reserve_view([passage], {sentence}) is not None) == said


def test_the_corporate_budgets_held_centrally_are_the_councils_own_costs_not_awaiting_allocation(
    northmoor: Any,
) -> None:
    # Northmoor p3 Table 1 "Corporate and centrally held budgets | 18.65", its note: "include capital
    # financing, treasury management, the corporate contingency (£1.50m) and levies"
    [held] = _review(northmoor).position.held_centrally
    assert (held.name, held.budget_gbp) == ("Corporate and centrally held budgets", 18_650_000)
    assert held.holds is not None and "capital financing, treasury management" in held.holds.words
    assert not held.awaiting and held.allocable == ["contingency"]
