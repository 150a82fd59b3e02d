"""The general reserve beside the council's stated policy for it, as a share of the net budget."""

from __future__ import annotations

from pathlib import Path

import pytest

from analyse.records import Reserve
from analyse.reserve_policy import reserve_policy
from extract.records import BudgetBuild, Passage, Verification
from tests.review_builders import prov

POLICY = "The Council's strategy is to have general reserves of between 5% and 10% of its annual net revenue budget."
RESERVE = Reserve(
    kind="balance", label="General reserve", amount_gbp=43.0e6, at="the end of 2023-24",
    text="comprising of £43.0m general reserve", provenance=[prov("£43.0m general reserve", "b.pdf")],
)  # fmt: skip


def build(period: str, budget: float, held: bool = True) -> BudgetBuild:
    return BudgetBuild(
        name="Whole council", level="council", period=period, base_gbp=budget - 1e6, growth_gbp=1e6,
        new_budget_gbp=budget, provenance=[prov("NET BUDGET", "mtfp.pdf")],
        verification=Verification.VERIFIED if held else Verification.CONTRADICTED,
    )  # fmt: skip


def said(text: str) -> list[Passage]:
    return [Passage(text=f"Reserves are low. {text}", provenance=[prov(text, "b.pdf")])]


def test_the_general_reserve_is_given_as_a_share_of_the_next_years_net_budget_beside_the_policy() -> None:
    # Kent: £43.0m at the end of 2023-24 against 2024-25's net budget of £1,429.5m is 3.0%.
    builds = [build("2023-24", 1_300e6), build("2024-25", 1_429.5e6), build("2025-26", 1_529.7e6)]
    policy = reserve_policy(said(POLICY), RESERVE, builds)
    assert policy is not None
    assert (policy.low_pct, policy.high_pct, policy.budget_year) == (5.0, 10.0, "2024-25")
    # the balance 2024-25 began with, at its own date: both dates are said with the share
    assert (policy.reserve_gbp, policy.reserve_at) == (43.0e6, "the end of 2023-24")
    assert policy.share_pct == pytest.approx(100 * 43.0 / 1_429.5)
    assert policy.said == POLICY and [p.text for p in policy.provenance] == [
        POLICY,
        "£43.0m general reserve",
        "NET BUDGET",
    ]


def test_a_policy_is_read_as_a_range_or_a_floor_and_never_without_a_budget_it_is_a_share_of() -> None:
    builds = [build("2024-25", 1_000e6)]
    floor = reserve_policy(
        said("We hold a general fund balance of at least 5% of the net budget."), RESERVE, builds
    )
    assert floor is not None and (floor.low_pct, floor.high_pct) == (5.0, None)
    dashed = reserve_policy(said("General reserves of 5-10% of the net revenue budget."), RESERVE, builds)
    assert dashed is not None and (dashed.low_pct, dashed.high_pct) == (5.0, 10.0)
    # no policy stated: the share is still derived, with no policy beside it
    none = reserve_policy(said("General reserves rose by 5%."), RESERVE, builds)
    assert none is not None and (none.low_pct, none.said, round(none.share_pct, 1)) == (None, "", 4.3)
    # no budget for the year after the reserve's date, or one whose arithmetic fails
    assert reserve_policy(said(POLICY), RESERVE, [build("2025-26", 1_000e6)]) is None
    assert reserve_policy(said(POLICY), RESERVE, [build("2024-25", 1_000e6, held=False)]) is None


def test_kents_general_reserve_is_about_three_percent_of_its_net_budget_against_a_five_to_ten_percent_policy(
    kent_dir: Path,
) -> None:
    from analyse.benchmarks import load_benchmark_table
    from analyse.review import build_review
    from extract.document import extract_file
    from extract.records import Extraction

    papers = [
        "kent_cabinet_2025-01-30_draft_revenue_budget_2025-26_MTFP_2025-28.pdf",
        "kent_cabinet_2025-01-30_appendixD_MTFP.pdf",
    ]
    parts = [extract_file(n, (kent_dir / n).read_bytes()) for n in papers]
    policy = build_review(Extraction.combine(parts), load_benchmark_table()).dsg.reserve_policy
    assert policy is not None and round(policy.share_pct, 1) == 3.0
    assert (policy.low_pct, policy.high_pct, policy.budget_gbp) == (5.0, 10.0, 1_429_506_800.0)
    assert [(p.file, p.page) for p in policy.provenance] == [(papers[0], 4), (papers[0], 4), (papers[1], 2)]
    # page 4 says the contributions go "towards restoring" 5%, page 42 that they "maintain" it: both,
    # cited, for the S151 officer to say which
    assert [(a.kind, a.pct, a.provenance[0].page) for a in policy.aims_differ] == [
        ("restore", 5.0, 4),
        ("maintain", 5.0, 42),
    ]
    assert [a.words for a in policy.aims_differ] == [
        "replenishment of general reserves towards restoring 5% general reserve target",
        "maintain general reserves at 5%",
    ]


def test_a_reserve_level_said_restored_in_one_place_and_maintained_in_another_is_said_both_ways() -> None:
    from analyse.reserve_policy import aims_differ, reserve_aims

    builds = [build("2024-25", 1_429.5e6)]
    restoring = "The budget includes £16.3m replenishment of general reserves towards restoring 5% general reserve target."
    keeping = "£4.3m is added to maintain general reserves at 5%."
    both = reserve_policy([*said(POLICY), *said(restoring), *said(keeping)], RESERVE, builds)
    assert both is not None and [a.kind for a in both.aims_differ] == ["restore", "maintain"]
    # the same terms twice, or different shares, are not a difference
    assert aims_differ(reserve_aims([*said(restoring), *said(restoring)])) == []
    assert aims_differ(reserve_aims([*said(restoring), *said(keeping.replace("5%", "6%"))])) == []
    assert reserve_aims(said("Earmarked reserves are kept at 5% of spend.")) == []


def test_with_no_policy_and_no_budget_build_the_share_is_of_the_councils_monitored_budget_for_the_year() -> (
    None
):
    # Wyvern: £42.5m at 31 March 2025; its Q2 monitoring's council total budgets £818.0m for 2025-26.
    from analyse.records import Position

    reserve = RESERVE.model_copy(update={"amount_gbp": 42.5e6, "at": "31 March 2025"})
    total = prov("COUNCIL TOTAL | 818,000 | 830,800 | 12,800", "q2.pdf")
    position = Position(period="2025-26", budget_gbp=818.0e6, provenance=[total])
    policy = reserve_policy(said("Reserves are reviewed each year."), reserve, [], position)
    assert policy is not None
    assert (policy.low_pct, policy.said, policy.budget_year, policy.budget_gbp) == (
        None,
        "",
        "2025-26",
        818.0e6,
    )
    assert round(policy.share_pct, 1) == 5.2 and [p.file for p in policy.provenance] == ["b.pdf", "q2.pdf"]
    # another year's monitoring is not that year's budget
    assert reserve_policy([], reserve, [], position.model_copy(update={"period": "2024-25"})) is None


def test_the_example_pack_gives_the_general_fund_share_and_says_no_minimum_is_stated(
    example_bundle: Path,
) -> None:
    import re

    from analyse.review import build_review
    from extract.document import extract_file
    from extract.records import Extraction
    from render.pack import pack_html

    files = sorted(p for p in example_bundle.rglob("*") if p.is_file())
    extraction = Extraction.combine([extract_file(p.name, p.read_bytes()) for p in files])
    review = build_review(extraction, None, "938")
    policy = review.dsg.reserve_policy
    assert policy is not None and (policy.said, round(policy.share_pct, 1), policy.budget_gbp) == (
        "",
        5.2,
        818.0e6,
    )
    text = " ".join(re.sub(r"<[^>]+>", "", pack_html(review, extraction)).split())
    assert (
        "Derived: the general fund balance at 31 March 2025 (£42.5m), the balance 2025-26 began with,"
        " is 5.2% of 2025-26's net budget of £818.0m"
        in text
        and "the documents state no policy or minimum for it as a share of the budget" in text
    )
