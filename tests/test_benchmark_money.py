"""What a benchmark gap is worth a year (gap x activity x unit cost), checked against the raw files,
and the outlier flags ranked by it."""

from __future__ import annotations

from pathlib import Path
from statistics import median
from typing import Any

import pandas as pd
import pytest

from analyse.benchmark_flags import benchmark_flags, benchmark_lines, with_neighbour_quartiles
from analyse.benchmark_money import Inputs, gap_cost, with_gap_costs
from analyse.benchmarks import benchmarks_for, load_benchmark_table
from analyse.records import Benchmark, GapCost
from tests.review_builders import prov
from tests.test_benchmark_flags_rules import bench

WEST_SUSSEX = "938"


@pytest.fixture(scope="module")
def west_sussex() -> dict[str, Benchmark]:
    table = load_benchmark_table()
    found = with_gap_costs(
        with_neighbour_quartiles(benchmarks_for(WEST_SUSSEX, table), table), table, WEST_SUSSEX
    )
    return {b.indicator: b for b in found}


@pytest.fixture(scope="module")
def lait(benchmarks_dir: Path) -> pd.DataFrame:
    frame = pd.read_parquet(benchmarks_dir / "lait" / "bds_long_0.parquet")
    frame["number"] = pd.to_numeric(frame["Values"], errors="coerce")
    return frame


def _raw(lait: pd.DataFrame, measure: str, year: str) -> dict[str, float]:
    rows = lait[(lait["Short Desc"] == measure) & (lait["Years"] == year) & lait["number"].notna()]
    return {str(int(n)): v for n, v in zip(rows["LA Number"], rows["number"], strict=True)}


def test_a_weekly_unit_cost_gap_is_valued_at_the_children_it_is_paid_for_for_52_weeks(
    west_sussex: dict[str, Benchmark], lait: pd.DataFrame
) -> None:
    b = west_sussex["unit_cost_lac_weekly"]
    unit = _raw(lait, "LACFinance", "2024-25 (OT)")
    looked_after = _raw(lait, "LACnum", "2025")[WEST_SUSSEX]
    gap = unit[WEST_SUSSEX] - median(unit[c] for c in b.statistical_neighbours.codes if c in unit)
    assert b.gap_cost is not None
    assert b.gap_cost.amount_gbp == round(gap * looked_after * 52, -3)
    assert f"x {looked_after:,.0f} children looked after (31 March 2025) x 52 weeks" in b.gap_cost.basis
    assert {p.locator for p in b.gap_cost.provenance} >= {"LACFinance 2024-25", "LACnum 2025"}


def test_a_spend_per_child_gap_is_valued_at_the_councils_children_aged_0_to_17(
    west_sussex: dict[str, Benchmark], benchmarks_dir: Path
) -> None:
    b = west_sussex["s251_total_cyp_spend_per_child"]
    ons = pd.read_csv(
        benchmarks_dir / "ees" / "ons_mid-year_population_estimates_2012_to_2024.csv", dtype=str
    )
    row = ons[
        (ons["time_period"] == "2024")
        & (ons["old_la_code"] == WEST_SUSSEX)
        & (ons["age_group"] == "Children aged 0 to 17 years")
    ]
    children = float(row["population_estimate"].iloc[0])
    assert b.value is not None and b.statistical_neighbours.median is not None and b.gap_cost is not None
    assert b.gap_cost.amount_gbp == round((b.value - b.statistical_neighbours.median) * children, -3)


def test_a_residential_share_gap_is_valued_at_the_residential_week_less_the_foster_week(
    west_sussex: dict[str, Benchmark], lait: pd.DataFrame
) -> None:
    b = west_sussex["placement_residential_pct"]
    share = _raw(lait, "LAC_SecHome_And_ChildHome", "2025")
    residential = _raw(lait, "RescareFinance", "2024-25 (OT)")[WEST_SUSSEX]
    fostering = _raw(lait, "FosteringFinance", "2024-25 (OT)")[WEST_SUSSEX]
    looked_after = _raw(lait, "LACnum", "2025")[WEST_SUSSEX]
    gap = share[WEST_SUSSEX] - median(share[c] for c in b.statistical_neighbours.codes if c in share)
    assert b.gap_cost is not None
    assert b.gap_cost.amount_gbp == round(gap / 100 * looked_after * (residential - fostering) * 52, -3)


def test_a_gap_on_the_cheaper_side_is_not_costed() -> None:
    # Kent's 9.0% in children's homes against the neighbours' 13.5% is favourable: no £24.1m "gap".
    weeks = {
        "unit_cost_residential_weekly": bench("unit_cost_residential_weekly", 6_335.0, 6_000.0),
        "unit_cost_fostering_weekly": bench("unit_cost_fostering_weekly", 900.0, 950.0),
    }
    inputs = Inputs(weeks, None, "", 1_896.0, "31 March 2025", {})
    assert gap_cost(bench("placement_residential_pct", 9.0, 13.5), inputs) is None
    # One value changed: the same gap on the costlier side is costed.
    cost = gap_cost(bench("placement_residential_pct", 18.0, 13.5), inputs)
    assert cost is not None and cost.amount_gbp == round(4.5 / 100 * 1_896 * (6_335 - 900) * 52, -3)


def test_rates_with_no_cost_of_their_own_are_not_given_one(west_sussex: dict[str, Benchmark]) -> None:
    for code in ("agency_social_worker_rate", "rereferral_pct", "uasc_pct", "social_worker_turnover_rate"):
        assert west_sussex[code].gap_cost is None, code


def _costed(b: Benchmark, amount: float) -> Benchmark:
    cost = GapCost(
        amount_gbp=amount, basis="the sum", provenance=[prov("n", "lait/bds_long_0.parquet", "LACnum 2025")]
    )
    return b.model_copy(update={"gap_cost": cost})


def test_outliers_are_ranked_by_what_the_gap_costs_not_by_how_far_it_is() -> None:
    far_but_cheap = _costed(
        bench("cla_rate_per_10k", 200.0, 60.0, (55.0, 65.0), unit="rate_per_10k"), 300_000.0
    )
    near_but_dear = _costed(
        bench("unit_cost_lac_weekly", 3000.0, 2400.0, (2300.0, 2500.0), unit="gbp_per_week"), -9_000_000.0
    )
    no_cost = bench("rereferral_pct", 60.0, 10.0, (8.0, 12.0))
    flags = benchmark_flags([far_but_cheap, no_cost, near_but_dear])
    assert [f.indicator for f in flags] == ["unit_cost_lac_weekly", "cla_rate_per_10k", "rereferral_pct"]
    # the estimate is in the words, not the amount column, which holds the documents' money
    assert [f.amount_gbp for f in flags] == [None, None, None]
    assert "About £9.0m a year less than at the neighbours' median: the sum." in flags[0].message
    lines = benchmark_lines(flags, [far_but_cheap, no_cost, near_but_dear])
    assert lines[0].question.startswith("A child looked after costs £3,000 a week")


def test_without_costs_the_ranking_falls_back_to_the_furthest() -> None:
    far = bench("cla_rate_per_10k", 200.0, 60.0, (55.0, 65.0), unit="rate_per_10k")
    near = bench("unit_cost_lac_weekly", 3000.0, 2400.0, (2300.0, 2500.0), unit="gbp_per_week")
    assert [f.indicator for f in benchmark_flags([near, far])] == ["cla_rate_per_10k", "unit_cost_lac_weekly"]


def test_the_workbook_lists_each_gaps_cost_its_sum_and_the_comparators_trends(
    west_sussex: dict[str, Benchmark],
) -> None:
    from analyse.records import Review
    from extract.records import Extraction
    from render.data import build_workbook

    b = west_sussex["unit_cost_lac_weekly"]
    book = build_workbook(Review(benchmarks=[b]), Extraction())
    rows = list(book["Benchmarks"].iter_rows(values_only=True))
    header = [str(h) for h in rows[0]]
    row = dict(zip(header, rows[1], strict=False))
    assert b.gap_cost is not None
    assert row["Gap worth a year (£)"] == b.gap_cost.amount_gbp
    assert row["How the gap is costed"] == b.gap_cost.basis
    trends = list(book["Benchmark trends"].iter_rows(values_only=True))
    at = {str(h): i for i, h in enumerate(trends[0])}  # by header, not position
    series = {(r[at["Series"]], r[at["Year"]]): r[at["Value"]] for r in trends[1:]}
    assert series[("Neighbours median", b.neighbours_trend[-1].period)] == b.neighbours_trend[-1].value
    assert series[("England", b.england_trend[-1].period)] == b.england_trend[-1].value
    assert series[("This council", b.trend[-1].period)] == b.trend[-1].value


def test_the_headline_and_the_deck_rank_benchmarks_by_the_gaps_cost_before_distance() -> None:
    from analyse.derived import with_derived
    from analyse.records import Review
    from render.findings import benchmark_outlier, benchmark_rank
    from render.refs import Figures

    def outlier(review: Review) -> Any:
        review = with_derived(review)
        return benchmark_outlier(review, Figures(review))

    far = bench("cla_rate_per_10k", 200.0, 60.0, (55.0, 65.0), unit="rate_per_10k")
    dear = _costed(bench("unit_cost_lac_weekly", 3000.0, 2400.0, unit="gbp_per_week"), -9_000_000.0)
    assert sorted([far, dear], key=benchmark_rank, reverse=True) == [dear, far]
    finding = outlier(Review(benchmarks=[far, dear]))
    assert finding is not None
    # money spent less than at the median is a gap below the neighbours, not a cost
    assert finding.title == "Largest gap below neighbours in money: Label of unit_cost_lac_weekly"
    assert "about £9.0m a year less than at the median (the sum)" in finding.detail
    dearer = _costed(bench("unit_cost_lac_weekly", 3000.0, 2400.0, unit="gbp_per_week"), 9_000_000.0)
    above = outlier(Review(benchmarks=[far, dearer]))
    assert above is not None and above.title == "Costliest gap to neighbours: Label of unit_cost_lac_weekly"
    assert "about £9.0m a year more than at the median" in above.detail
    plain = outlier(
        Review(benchmarks=[far, bench("unit_cost_lac_weekly", 3000.0, 2400.0, unit="gbp_per_week")])
    )
    assert plain is not None and plain.title == "Furthest from neighbours: Label of cla_rate_per_10k"


def test_the_costliest_gaps_card_keeps_what_asylum_seeking_children_mean_for_it() -> None:
    # Kent's summary headlined "£49 Costliest gap to neighbours: S251 leaving care support per child"
    # with no word of the asylum-seeking children who are 24% of its children looked after (8.5% for
    # its neighbours) and many of whom become care leavers it supports.
    from analyse.benchmark_flags import with_uasc
    from analyse.derived import with_derived
    from analyse.records import Review
    from render.findings import benchmark_outlier, card_parts
    from render.refs import Figures

    leaving = _costed(
        bench("s251_leaving_care_spend_per_child", 49.34, 37.58, (22.7, 69.7), unit="gbp_per_child"),
        4_180_000.0,
    )
    uasc = bench("uasc_pct", 24.0, 8.5, (7.2, 10.8))

    def card(*found: Benchmark) -> Any:
        review = with_derived(Review(benchmarks=with_uasc(list(found))))
        finding = benchmark_outlier(review, Figures(review))
        assert finding is not None and finding.title.startswith("Costliest gap to neighbours")
        return finding

    said = (
        "Unaccompanied asylum-seeking children are 24.0% of children looked after against 8.5% for"
        " statistical neighbours (2025), and many become care leavers: the spend may say more about them"
        " than about the service's cost."
    )
    noted = card(leaving, uasc)
    shown = "".join(str(p) for p in card_parts(noted))
    assert said in noted.detail and said in shown  # a caveat: never cut from the card
    assert uasc.provenance[0] in noted.provenance
    # one value changed: with a share near the neighbours', the card says nothing of them
    plain = card(leaving, uasc.model_copy(update={"value": 11.0}))
    assert "asylum" not in plain.detail and uasc.provenance[0] not in plain.provenance


def test_a_per_child_gap_is_printed_with_the_figures_it_is_the_difference_of() -> None:
    # Kent's leaving care £49 against £38 read "£12 per child": 49.38 - 37.54 is 11.84, which the
    # whole pounds hid; the basis gives the gap and both figures to the penny.
    inputs = Inputs({}, 355_390.0, "mid-2024", None, "", {})
    cost = gap_cost(bench("s251_leaving_care_spend_per_child", 49.38, 37.54, unit="gbp_per_child"), inputs)
    assert cost is not None and cost.amount_gbp == round(11.84 * 355_390, -3)
    assert cost.basis.startswith(
        "£11.84 per child above the neighbours' median (£49.38 against £37.54) x 355,390"
    )
    # one value changed: a gap of pounds in the hundreds is printed in whole pounds
    big = gap_cost(bench("s251_leaving_care_spend_per_child", 649.38, 437.54, unit="gbp_per_child"), inputs)
    assert big is not None and big.basis.startswith(
        "£212 per child above the neighbours' median (£649 against £438)"
    )
