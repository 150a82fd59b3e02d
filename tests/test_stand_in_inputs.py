"""What scenarios, flags, judgements and gap costs rest on: the council's own stated counts, rates
and prices in preference to the national figures, and never another council's standing in for it
(analyse.benchmarks.own decides: `scenario_inputs`, `judged_benchmarks`, `demand_grounds`,
`costs_gaps`). Built records here; the example bundle's case is in test_benchmarks_own_figures."""

from __future__ import annotations

import pytest

from analyse.benchmarks import load_benchmark_table
from analyse.benchmarks.own import (
    costs_gaps,
    demand_grounds,
    judged_benchmarks,
    measure_of,
    neighbours_figure,
    own_figures,
    scenario_inputs,
    stated_counts,
)
from analyse.records import Council
from analyse.review import benchmark_records
from analyse.scenarios import OWN_ASSUMPTION, Measure, cla_to_neighbours, fostering_mix, residential_step_down
from extract.records import Figure, FigureUnit, Provenance
from tests.review_builders import benchmark

OTHER = "West Sussex County Council"


def figure(value: float, unit: FigureUnit, text: str, file: str = "plan.pdf", page: int = 1) -> Figure:
    where = Provenance(file=file, sha256="ab" * 32, page=page, bbox=None, locator=f"page {page}", text=text)
    return Figure(value=value, unit=unit, text=text, provenance=[where])


def national(value: float) -> Measure:
    return Measure(value, "2025", "national table")


PLAN = "At 30 September 2025 1,284 children were looked after, a rate of 62 per 10,000 children."
RESIDENTIAL = "58 children live in residential care, 4.5% of all children looked after."


@pytest.mark.parametrize(
    ("text", "counts"),
    [
        (PLAN, {1284.0: "cla_number"}),
        (RESIDENTIAL, {58.0: "residential_number"}),
        ("Safely reduce the number of children looked after to 1,150 children by March 2028.", {1150.0: None}),
        ("There were 58 children in residential care against a budgeted 50 children.", {58.0: "residential_number", 50.0: None}),
        ("The council has 207,000 children aged 0 to 17.", {207000.0: "population_0_17"}),
    ],
)  # fmt: skip
def test_a_stated_count_of_children_is_read_only_as_todays_count_of_its_measure(
    text: str, counts: dict[float, str | None]
) -> None:
    anchor = figure(1.0, FigureUnit.PERCENT, text)  # any figure the sentence gave the extraction
    found = {f.value: (m.indicator if (m := measure_of(f)) else None) for f in stated_counts([anchor])}
    assert found == counts


def test_the_in_house_and_agency_foster_prices_are_told_apart_by_their_own_clause() -> None:
    text = "Agencies' placements cost on average £1,050 a week against £435 per child for in-house foster carers."
    agency = measure_of(figure(1050.0, FigureUnit.GBP, text))
    in_house = measure_of(figure(435.0, FigureUnit.GBP_PER_CHILD, text))
    assert (agency and agency.indicator, in_house and in_house.indicator) == (
        "foster_agency_weekly",
        "foster_in_house_weekly",
    )


def test_scenarios_take_the_councils_own_figures_and_never_a_stand_ins() -> None:
    figures = [figure(62.0, FigureUnit.RATE_PER_10K, PLAN), figure(4.5, FigureUnit.PERCENT, RESIDENTIAL)]
    table = {
        "cla_rate_per_10k": national(54.0),
        "cla_number": national(975.0),
        "unit_cost_lac_weekly": national(2545.0),
    }
    own = scenario_inputs(table, figures, None)
    assert {k: m.value for k, m in own.items()} == {
        "cla_rate_per_10k": 62.0,  # the council's own, in place of the national 54
        "cla_number": 1284.0,
        "unit_cost_lac_weekly": 2545.0,  # the national figure where the council states none
        "placement_residential_pct": 4.5,
        "residential_number": 58.0,
    }
    assert own["cla_number"].own == "1,284 (plan.pdf p1)"
    stood_in = scenario_inputs(table, figures, OTHER)
    assert "unit_cost_lac_weekly" not in stood_in and stood_in["cla_number"].value == 1284.0


def test_the_neighbours_figure_the_councils_sentence_states_is_the_scenarios_median() -> None:
    # Wyvern's Strategic Plan p1: the rate set against its neighbours' in one sentence
    text = PLAN.replace("children.", "children against 58 for our statistical neighbours and 70 for England.")
    table = {"cla_rate_per_10k:sn_median": national(49.0), "unit_cost_lac_weekly": national(2545.0)}
    own = scenario_inputs(table, [figure(62.0, FigureUnit.RATE_PER_10K, text)], OTHER)
    median = own["cla_rate_per_10k:sn_median"]
    assert (median.value, median.own) == (58.0, "58 per 10,000 (plan.pdf p1)")
    scenario = cla_to_neighbours(own)
    assert "median" not in scenario.explanation  # only the stand-in's unit cost is missing now
    assert "the weekly cost of a child looked after" in scenario.explanation
    costed = cla_to_neighbours(own | {"unit_cost_lac_weekly": national(2545.0)})
    assert costed.assumptions["Statistical neighbours' median per 10,000"] == 58.0
    # without the neighbours' words, no median is read from the sentence
    assert "cla_rate_per_10k:sn_median" not in scenario_inputs(
        {}, [figure(62.0, FigureUnit.RATE_PER_10K, PLAN)], OTHER
    )


def test_a_measure_the_documents_state_two_values_of_is_no_input() -> None:
    figures = [
        figure(6850.0, FigureUnit.GBP, "Residential care costs £6,850 a week."),
        figure(6300.0, FigureUnit.GBP, "Residential care costs £6,300 a week.", "mtfp.pdf"),
    ]
    assert "unit_cost_residential_weekly" not in scenario_inputs({}, figures, None)
    assert scenario_inputs({}, figures[:1], None)["unit_cost_residential_weekly"].value == 6850.0


def test_residential_step_down_uses_the_councils_own_count_and_agency_week() -> None:
    own = Measure(58.0, None, "The number of children in residential care: own", [], "58 (plan.pdf p1)")
    measures = {
        "cla_number": national(975.0),
        "placement_residential_pct": national(18.0),
        "residential_number": own,
        "unit_cost_residential_weekly": national(6850.0),
        "unit_cost_fostering_weekly": national(1010.0),
        "foster_agency_weekly": national(1050.0),
    }
    step = residential_step_down(measures)
    assert step.assumptions["Children stepped down to foster care"] == 6  # 10% of 58, not of 18% of 975
    # a count of children is whole: 6 children, and the money is worked on the 6 printed (not 5.8)
    assert step.annual_saving_gbp == round(6 * (6850 - 1050) * 52, -3) == 1_810_000
    assert step.assumptions[OWN_ASSUMPTION] == "The number of children in residential care: 58 (plan.pdf p1)"


def test_the_fostering_mix_takes_the_premium_from_the_councils_own_prices() -> None:
    measures = {
        "cla_number": national(1000.0),
        "placement_fostering_pct": national(60.0),
        "unit_cost_fostering_weekly": national(818.0),
        "foster_in_house_weekly": national(435.0),
        "foster_agency_weekly": national(1050.0),
        "fostering_ifa_pct": national(40.0),
    }
    mix = fostering_mix(measures)
    assert mix.assumptions["In-house foster care, per child"] == "£435 a week"
    # 600 fostered, 40% with agencies, 20% at the target: 120 moved, each saving £615 a week
    assert mix.annual_saving_gbp == round(120 * (1050 - 435) * 52, -3)


def test_no_benchmark_flag_or_demand_judgement_rests_on_a_stand_ins_figures() -> None:
    rate = benchmark("cla_rate_per_10k", 54.0, median=53.5, trend=[50.0, 52.0, 54.0], label="CLA rate")
    assert judged_benchmarks([rate], None) == [rate] and judged_benchmarks([rate], OTHER) == []
    text = "Children looked after: 62 per 10,000 against 58 for our statistical neighbours, 70 for England."
    owns = own_figures([figure(62.0, FigureUnit.RATE_PER_10K, text)], [rate], OTHER)
    (signal,) = demand_grounds([rate], owns, OTHER)
    assert (signal.value, signal.neighbours_median, signal.rising) == (62.0, 58.0, None)
    assert [s.value for s in demand_grounds([rate], owns, None)] == [54.0]


def test_a_judgement_on_the_councils_own_comparison_says_it_is_the_councils_beside_the_national_data() -> (
    None
):
    """Wyvern's Strategic Plan states 62 against 58 for its neighbours; the national data (the stand-in's)
    give the neighbours 53.5: the judgement names whose each figure is."""
    rate = benchmark("cla_rate_per_10k", 54.0, median=53.5, trend=[50.0, 52.0, 54.0], label="CLA rate")
    text = "Children looked after: 62 per 10,000 against 58 for our statistical neighbours, 70 for England."
    plan = figure(62.0, FigureUnit.RATE_PER_10K, text, file="Strategic Plan.pdf")
    mtfp = figure(
        62.0, FigureUnit.RATE_PER_10K, "Children looked after: 62 per 10,000 children.", file="MTFP.pdf"
    )
    (signal,) = demand_grounds([rate], own_figures([plan, mtfp], [rate], OTHER), OTHER)
    # the sentence's every comparator kept: its 70 for England beside its 58 for the neighbours
    assert signal.describe() == (
        "the council's documents give CLA rate as 62.0 (Strategic Plan p1; MTFP p1), above the 58.0 for "
        "statistical neighbours and below the 70.0 for England that the council's Strategic Plan p1"
        f" states; the national data give a neighbours' median of 53.5 ({OTHER}'s neighbours, standing in);"
        " the rate counts unaccompanied asylum-seeking children, and the council's figure does not say how"
        " many of them: how much of it is need it does not show"
    )
    # one value changed: a rate not counting them says nothing of them
    from dataclasses import replace

    assert "asylum" not in replace(signal, uasc_uncounted=False).describe()
    # one value changed: a sentence stating the neighbours' figure alone gives it alone
    alone = plan.model_copy(
        update={
            "provenance": [
                p.model_copy(update={"text": text.replace(", 70 for England", "")}) for p in plan.provenance
            ]
        }
    )
    (signal,) = demand_grounds([rate], own_figures([alone, mtfp], [rate], OTHER), OTHER)
    assert "England" not in signal.describe() and "above the 58.0 for statistical neighbours that" in (
        signal.describe()
    )
    # on the council's own national figures, the neighbours' median is the national data's, unlabelled
    (own,) = demand_grounds([rate], [], None)
    assert own.describe().startswith(
        "CLA rate was 54.0 in 2025, above the statistical neighbours' median of 53.5"
    )


@pytest.mark.parametrize(
    ("text", "median"),
    [
        ("62 per 10,000 against 58 for our statistical neighbours and 70 for England.", 58.0),
        ("62 per 10,000, compared with 58.5 among its neighbours.", 58.5),
        ("62 per 10,000 against 70 for England.", None),
    ],
)
def test_the_neighbours_figure_is_read_only_where_the_sentence_names_the_neighbours(
    text: str, median: float | None
) -> None:
    assert neighbours_figure(text) == median


def test_a_stand_ins_gaps_are_never_costed() -> None:
    """A gap is costed only where its unit figure and its count are both the council's own: a
    stand-in's figure and median are the other council's, so no gap of its is costed, whatever
    count the council's documents state, and nothing can rank by one."""
    table = load_benchmark_table()
    own = Council(name="Wyvern", la_code="938")
    stood_in = own.model_copy(update={"benchmarked_as": OTHER})
    costed = benchmark_records(table, own, costs_gaps(own.benchmarked_as))
    assert any(b.gap_cost for b in costed)  # the council's own national figures: costed
    found = benchmark_records(table, stood_in, costs_gaps(stood_in.benchmarked_as))
    assert [b.indicator for b in found] == [b.indicator for b in costed]
    assert [b.gap_cost for b in found] == [None] * len(found)
