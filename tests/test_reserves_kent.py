"""Reserves as Kent's draft revenue budget (Cabinet, 30 January 2025) words them, read from ../shared.

Its section 12 dates the council's balances ("at the end of 2023-24") and lists the budget's
movements under "Increased/new contributions (core budget) +£42.4m": "£15.4m general reserves
including £11.1m repayment ... and £4.3m for the additional annual contribution ..." is a
contribution into the general reserve, not what it holds.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from analyse.records import Reserve
from analyse.reserves import reserves

DRAFT = "kent_cabinet_2025-01-30_draft_revenue_budget_2025-26_MTFP_2025-28.pdf"


@pytest.fixture(scope="module")
def kent_reserves(kent_dir: Path) -> list[Reserve]:
    from extract.document import extract_file

    return reserves(extract_file(DRAFT, (kent_dir / DRAFT).read_bytes()))


def test_a_contribution_to_general_reserves_listed_with_its_parts_is_a_flow(
    kent_reserves: list[Reserve],
) -> None:
    [general] = [r for r in kent_reserves if r.amount_gbp == 15.4e6]
    assert "including £11.1m repayment" in general.text
    assert general.kind == "flow"


def test_every_balance_the_draft_budget_gives_is_dated_by_its_own_words(kent_reserves: list[Reserve]) -> None:
    balances = [(r.amount_gbp, r.at) for r in kent_reserves if r.kind == "balance"]
    # the usable reserves at the end of 2023-24 and the list that makes them up, parts included
    assert balances == [(v, "the end of 2023-24") for v in (357.6e6, 43.0e6, 297.6e6, 36.2e6, 17.0e6)]


def test_the_fall_in_balances_on_the_previous_year_is_a_past_movement_not_a_planned_flow(
    kent_reserves: list[Reserve],
) -> None:
    [fall] = [r for r in kent_reserves if r.amount_gbp == 33.8e6]
    assert "a reduction of £33.8m (-8.6%) on the previous year" in fall.text
    assert (fall.kind, fall.at, fall.direction) == ("change", "the end of 2023-24", "")


def test_each_budget_flow_says_which_way_it_goes(kent_reserves: list[Reserve]) -> None:
    ways = {r.amount_gbp: r.direction for r in kent_reserves if r.kind == "flow" and r.amount_gbp}
    # "£42.4m additional contributions to reserves (including £16.3m replenishment ..., £12.0m into new
    # ... reserve, and £14.6m local authority contribution to DSG deficit) and £10.7m drawdown from ..."
    assert [ways[v] for v in (42.4e6, 16.3e6, 12.0e6, 14.6e6)] == ["into reserves"] * 4
    assert ways[10.7e6] == "out of reserves"
    # "... the amount drawn down to balance the 2022-23 budget and £4.3m for the additional annual contribution"
    assert ways[4.3e6] == "into reserves"
    # "Drawdowns from reserves (core budget) -£10.7m" over "• -£8.8m net drawdown ...": the heading's way
    assert ways[8.8e6] == "out of reserves"  # its size: the heading says which way
    # "Removal of Prior Year Drawdown and Contributions -£19.7m" says neither way: its items are changes
    assert ways[14.9e6] == "more into, or less out of, reserves"


def test_the_plans_reserves_total_row_a_change_to_the_budget_states_no_direction(kent_dir: Path) -> None:
    from extract.document import extract_file

    mtfp = "kent_cabinet_2025-01-30_appendixD_MTFP.pdf"
    rows = {
        r.label: r.direction
        for r in reserves(extract_file(mtfp, (kent_dir / mtfp).read_bytes()))
        if r.amounts
    }
    assert rows["TOTAL RESERVES (the table's total)"] == "direction not stated"


def test_the_safety_valve_sum_is_part_of_the_earmarked_reserves_not_a_balance_of_its_own(
    kent_reserves: list[Reserve],
) -> None:
    # "£297.6m earmarked reserves (including £36.2m from Safety Valve contributions ...)"
    [valve] = [r for r in kent_reserves if r.amount_gbp == 36.2e6]
    assert valve.part_of == "£297.6m earmarked reserves"
    assert [r.amount_gbp for r in kent_reserves if r.kind == "balance" and not r.part_of] == [
        357.6e6,
        43.0e6,
        297.6e6,
        17.0e6,
    ]


def test_the_net_change_in_reserves_is_listed_once_for_2025_26(kent_reserves: list[Reserve]) -> None:
    # p2: "(... removal of one-offs/unachieved savings in 2024-25) and net +£12.1m changes in contributions to
    # and drawdowns from reserves"; p42: "the use of reserves of +£12.1m in 2025-26"
    [net] = [r for r in kent_reserves if r.amount_gbp == 12.1e6]
    assert (net.at, len(net.provenance)) == ("2025-26", 2)


def test_each_balance_keeps_the_places_the_draft_budget_prints_it_to(kent_reserves: list[Reserve]) -> None:
    # Section 12: "£357.6m", "£43.0m", "£297.6m", "£36.2m", "£17.0m", each to one place.
    balances = [(r.amount_gbp, r.places) for r in kent_reserves if r.kind == "balance"]
    assert balances == [(v, 1) for v in (357.6e6, 43.0e6, 297.6e6, 36.2e6, 17.0e6)]


def test_the_spending_line_now_shown_in_reserves_is_not_a_reserve_flow(kent_reserves: list[Reserve]) -> None:
    # page 36: "Government & Legislative ... the change in treatment of KCC's contribution to the -£14.7m
    # Safety Valve agreement ... (now shown in reserves)": a budget line moved between headings
    assert not [r for r in kent_reserves if r.amount_gbp is not None and abs(abs(r.amount_gbp) - 14.7e6) < 1]
    # the signed changes on page 43 that name a reserve are still changes to its flows
    assert {r.amount_gbp for r in kent_reserves if r.direction.startswith("less into")} >= {-8.0e6}


def test_a_contribution_listed_under_its_heading_goes_the_headings_way(kent_reserves: list[Reserve]) -> None:
    # page 42: "Increased/new contributions (core budget) +£42.4m" over "• £15.4m general reserves including ..."
    [general] = [r for r in kent_reserves if r.amount_gbp == 15.4e6]
    assert general.direction == "into reserves"
    assert general.part_of == "Increased/new contributions (core budget) +£42.4m"


def test_the_drawdowns_list_runs_on_over_the_page_break(kent_reserves: list[Reserve]) -> None:
    # "Drawdowns from reserves (core budget) -£10.7m" on page 42; its last item, "-£0.2m from IT reserve",
    # is printed on page 43, after page 42's footer
    [it] = [r for r in kent_reserves if r.amount_gbp == 0.2e6]
    assert (it.provenance[0].page, it.direction) == (43, "out of reserves")
    assert it.listed_in is not None and it.listed_in.items_gbp == [-8.8e6, -1.8e6, -0.2e6]


def test_each_listed_flow_is_of_the_year_its_budget_is_for(kent_reserves: list[Reserve]) -> None:
    # "... the amount drawn down to balance the 2022-23 budget and £4.3m for the additional annual
    # contribution": the 2022-23 is what the £11.1m repays; the list is the 2025-26 budget's
    years = {r.amount_gbp: r.at for r in kent_reserves if r.kind == "flow" and r.amount_gbp}
    assert [years[v] for v in (15.4e6, 11.1e6, 4.3e6, 0.4e6, 8.8e6)] == ["2025-26"] * 5
    # page 4: "The 2025-26 budget includes £42.4m additional contributions to reserves (including £16.3m ..."
    assert years[16.3e6] == "2025-26"


def test_each_list_states_its_total_and_its_items(kent_reserves: list[Reserve]) -> None:
    by_amount = {r.amount_gbp: r.listed_in for r in kent_reserves if r.amount_gbp}
    p42, p4, parts = by_amount[15.4e6], by_amount[16.3e6], by_amount[4.3e6]
    assert p42 is not None and (p42.total_gbp, p42.items_gbp) == (42.4e6, [15.4e6, 14.6e6, 12.0e6, 0.4e6])
    assert p4 is not None and (p4.total_gbp, p4.items_gbp) == (42.4e6, [16.3e6, 12.0e6, 14.6e6])
    # "£15.4m general reserves including £11.1m repayment ... and £4.3m for ...": both its parts
    assert parts is not None and (parts.total_gbp, parts.items_gbp) == (15.4e6, [11.1e6, 4.3e6])
