"""Placement scenarios: arithmetic from named inputs, and no £ where an input is missing."""

from __future__ import annotations

from analyse.scenarios import (
    FosteringMix,
    Measure,
    ResidentialStepDown,
    cla_to_neighbours,
    fostering_mix,
    measures_from,
    residential_step_down,
    scenarios,
)
from tests.review_builders import benchmark, prov


def measure(value: float) -> Measure:
    return Measure(value, "2025", "test input", [prov(str(value), "lait/bds_long_0.parquet")])


def test_cla_at_the_neighbours_median_is_valued_at_the_councils_unit_cost() -> None:
    found = measures_from(
        [
            benchmark("cla_rate_per_10k", 80.0, median=60.0),
            benchmark("unit_cost_lac_weekly", 1_500.0, unit="gbp_per_week"),
        ],
        {"cla_number": measure(2_000.0)},
    )
    result = cla_to_neighbours(found)
    fewer = 2_000 * (1 - 60 / 80)  # 500 children
    assert result.annual_saving_gbp == round(fewer * 1_500 * 52, -3)
    assert result.provenance and result.sources


def test_a_council_below_its_neighbours_median_gets_no_saving_from_the_cla_scenario() -> None:
    found = measures_from(
        [
            benchmark("cla_rate_per_10k", 50.0, median=60.0),
            benchmark("unit_cost_lac_weekly", 1_500.0, unit="gbp_per_week"),
        ],
        {"cla_number": measure(1_000.0)},
    )
    assert cla_to_neighbours(found).annual_saving_gbp == 0.0


def test_a_scenario_missing_an_input_says_which_and_gives_no_money() -> None:
    found = measures_from([benchmark("cla_rate_per_10k", 80.0, median=60.0)])
    result = cla_to_neighbours(found)
    assert result.annual_saving_gbp is None
    # Named in the reviewers' words, not the indicators' codes.
    assert "the number of children looked after" in result.explanation
    assert "the weekly cost of a child looked after" in result.explanation
    assert "cla_number" not in result.explanation


def test_the_fostering_mix_needs_the_in_house_split_and_never_invents_it() -> None:
    found = {
        "cla_number": measure(1_000.0),
        "placement_fostering_pct": measure(70.0),
        "unit_cost_fostering_weekly": measure(800.0),
    }
    assert fostering_mix(found).annual_saving_gbp is None
    given = fostering_mix(found, FosteringMix(current_ifa_share=0.4))
    fostered = 1_000 * 0.7
    in_house = 800 / (1 + 0.4 * 0.6)
    moved = fostered * (0.4 - 0.2)
    assert given.annual_saving_gbp == round(moved * in_house * 0.6 * 52, -3)


def test_residential_step_down_values_the_gap_between_residential_and_foster_weeks() -> None:
    found = {
        "cla_number": measure(1_000.0),
        "placement_residential_pct": measure(10.0),
        "unit_cost_residential_weekly": measure(6_000.0),
        "unit_cost_fostering_weekly": measure(900.0),
    }
    result = residential_step_down(found, ResidentialStepDown(share_stepped_down=0.2))
    assert result.annual_saving_gbp == round(1_000 * 0.10 * 0.2 * (6_000 - 900) * 52, -3)


def test_a_count_of_children_is_whole_and_the_money_is_worked_on_the_count_printed() -> None:
    placements = {
        "residential_number": measure(58.0),
        "unit_cost_residential_weekly": measure(6_850.0),
        "foster_agency_weekly": measure(1_050.0),
    }
    step = residential_step_down(placements)  # 10% of 58 is 5.8 children: 6 are moved
    assert step.assumptions["Children stepped down to foster care"] == 6
    assert step.explanation.startswith("6 (10%, an assumed share) of 58 children")
    assert step.annual_saving_gbp == round(6 * (6_850 - 1_050) * 52, -3)
    found = measures_from(
        [
            benchmark("cla_rate_per_10k", 62.0, median=58.0),
            benchmark("unit_cost_lac_weekly", 1_500.0, unit="gbp_per_week"),
        ],
        {"cla_number": measure(1_284.0)},
    )
    fewer = cla_to_neighbours(found)  # 1,284 x (1 - 58/62) is 82.8 children: 83
    assert fewer.assumptions["Fewer children looked after"] == 83
    assert fewer.annual_saving_gbp == round(83 * 1_500 * 52, -3)
    mix = fostering_mix(
        {"cla_number": measure(1_001.0), "placement_fostering_pct": measure(70.0),
         "unit_cost_fostering_weekly": measure(800.0)},
        FosteringMix(current_ifa_share=0.39),
    )  # fmt: skip
    # 700.7 fostered is 701; 701 x (0.39 - 0.2) is 133.2 moved: 133
    assert (
        mix.assumptions["Children in foster care"],
        mix.assumptions["Children moved to in-house carers"],
    ) == (701, 133)
    assert mix.annual_saving_gbp == round(133 * 800 / (1 + 0.39 * 0.6) * 0.6 * 52, -3)


def test_every_scenario_without_inputs_gives_no_money() -> None:
    assert [s.annual_saving_gbp for s in scenarios({})] == [None, None, None]


def test_a_scenario_cites_each_source_once() -> None:
    rate = benchmark("cla_rate_per_10k", 80.0, median=60.0)  # the rate and its median share one source
    found = measures_from([rate, benchmark("unit_cost_lac_weekly", 1_500.0, unit="gbp_per_week")])
    result = cla_to_neighbours({**found, "cla_number": measure(2_000.0)})
    keys = [(p.file, p.page, p.locator) for p in result.provenance]
    assert len(keys) == len(set(keys)) == 3


def test_the_cost_of_each_child_is_listed_as_not_given_where_no_weekly_cost_is_read() -> None:
    # Wyvern: the assumptions listed "the council's average weekly cost" though no document gives it.
    cost = "the council's average weekly cost of a child looked after"
    without = cla_to_neighbours(measures_from([benchmark("cla_rate_per_10k", 80.0, median=60.0)]))
    assert (
        without.assumptions["Cost of each child"]
        == f"{cost}: not given in the documents or the benchmarks; ask the council"
    )
    weekly = benchmark("unit_cost_lac_weekly", 1_500.0, unit="gbp_per_week")
    found = measures_from(
        [benchmark("cla_rate_per_10k", 80.0, median=60.0), weekly], {"cla_number": measure(2_000.0)}
    )
    assert cla_to_neighbours(found).assumptions["Cost of each child"] == cost
