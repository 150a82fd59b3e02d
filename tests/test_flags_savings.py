"""Savings-at-risk flags on small hand-built savings, budget lines and benchmarks."""

from __future__ import annotations

import pytest

from analyse.demand import demand_signals
from analyse.enquiry import lines_of_enquiry
from analyse.flags import Context, assess_savings, doubt_said_once, overspend_flags
from analyse.matching import matching_budget_line
from analyse.records import Flag, Position, Scope
from extract.domain.savings import risk_reasons
from extract.records import Check, Figure, FigureUnit, Passage, PeriodAmount, Rag, Verification
from tests.review_builders import YEAR, benchmark, budget, prov, saving

EMPTY = Context(YEAR, [], [])


def codes(assessment_flags: list) -> set[str]:
    """Every reason's code: one saving is one flag, carrying all its reasons."""
    return {code for f in assessment_flags for code in [f.code, *f.reason_codes]}


def only(savings: list, context: Context = EMPTY):
    (assessment,) = assess_savings(savings, context)
    return assessment


def test_a_red_saving_is_flagged_high_with_its_shortfall_at_risk() -> None:
    a = only(
        [
            saving(
                "Fostering recruitment",
                500_000.0,
                rag=Rag.RED,
                target_gbp=500_000.0,
                period=YEAR,
                forecast_gbp=200_000.0,
                shortfall_gbp=300_000.0,
            )
        ]
    )
    (red,) = a.flags  # one saving, one flag, whatever the number of reasons
    assert {"rag_red", "forecast_below_target"} <= set(red.reason_codes)
    assert red.severity == "high" and red.amount_gbp == 300_000.0
    assert red.provenance[0].text == "Fostering recruitment"


def test_forecast_below_target_names_the_gap() -> None:
    a = only([saving("Agency staff reduction", target_gbp=800_000.0, forecast_gbp=600_000.0, period=YEAR)])
    (flag,) = [f for f in a.flags if f.code == "forecast_below_target"]
    assert flag.amount_gbp == 200_000.0 and flag.severity == "medium"


def test_a_green_saving_on_target_has_no_flags() -> None:
    a = only(
        [saving("Contract review", target_gbp=100_000.0, forecast_gbp=100_000.0, rag=Rag.GREEN, period=YEAR)]
    )
    assert a.flags == [] and not a.at_risk


def test_money_at_risk_is_counted_once_for_a_saving_with_several_flags() -> None:
    a = only(
        [
            saving(
                "Residential review",
                rag=Rag.RED,
                target_gbp=1_000_000.0,
                forecast_gbp=400_000.0,
                slipped_gbp=600_000.0,
                period=YEAR,
            )
        ]
    )
    assert {"rag_red", "forecast_below_target", "slipped"} <= codes(a.flags)
    # The shortfall (the slipped £0.6m, which is also target less forecast), not the whole target.
    assert a.at_risk_gbp == 600_000.0
    (flag,) = a.flags
    assert flag.amount_gbp == 600_000.0 and len(flag.reasons) == 3
    assert flag.message.startswith(
        "£0.6m at risk of its £1.0m target for 2024-25: rated Red; forecast to deliver"
    )


def test_savings_still_to_be_identified_are_flagged() -> None:
    for line in (
        saving("Savings to be identified", 2_000_000.0),
        saving("Future savings under development", 290_000.0),
        saving("Unallocated efficiency target", 50_000.0),
    ):
        assert "unidentified_saving" in codes(only([line]).flags), line.title


def test_savings_of_no_directorate_yet_are_the_councils_not_childrens_at_risk() -> None:
    for directorate in ("TBC", "Unallocated", "To be confirmed", "All directorates", "Not yet allocated"):
        assessed = only([saving("Future savings under development", 290_000.0, directorate=directorate)])
        (flag,) = assessed.flags
        assert (flag.code, flag.scope, assessed.at_risk) == (
            "council_savings_unallocated",
            Scope.COUNCIL_WIDE,
            False,
        )
        assert "at risk" not in flag.message and "not yet allocated to a directorate" in flag.message


def test_savings_a_central_budget_holds_unallocated_are_the_councils_over_every_year_they_are_phased() -> (
    None
):
    # Kent's Appendix F p.13: "Spans and layers", held by CHB under service area "Unallocated",
    # 500.0 in 2025-26 and 1,500.0 in 2026-27 (£000): the council's, not yet given to a directorate
    phased = [
        PeriodAmount(period=YEAR, amount_gbp=500_000.0),
        PeriodAmount(period="2025-26", amount_gbp=1.5e6),
    ]
    line = saving("Spans and layers", directorate="CHB", service_area="Unallocated", planned=phased)
    assessed = only([line])
    (flag,) = assessed.flags
    assert (flag.code, flag.scope, flag.amount_gbp, assessed.at_risk) == (
        "council_savings_unallocated",
        Scope.COUNCIL_WIDE,
        2_000_000.0,
        False,
    )
    assert flag.periods == [YEAR, "2025-26"]
    assert "(£0.5m in 2024-25, £1.5m in 2025-26)" in flag.message  # its own year too
    # a service area that names a service is the directorate's own line
    named = only([line.model_copy(update={"service_area": "Corporate Services"})])
    assert "council_savings_unallocated" not in codes(named.flags)


def test_declared_undeliverable_and_delayed_savings_are_flagged_from_their_status() -> None:
    gone = only([saving("Music service income", 120_000.0, status_text="Written off: not achievable")])
    late = only([saving("Foster carer offer", 300_000.0, status_text="Delayed to 2025-26 by recruitment")])
    assert "undeliverable" in codes(gone.flags)
    assert "slipped" in codes(late.flags)


def test_a_reversed_prior_year_saving_is_flagged_as_evidence_of_past_failure() -> None:
    a = only([saving("Removal of undelivered prior year saving from contract review", -3_216_800.0)])
    (flag,) = [f for f in a.flags if f.code == "prior_year_saving_reversed"]
    assert flag.amount_gbp == 3_216_800.0


def test_a_one_off_measure_that_reverses_next_year_is_flagged() -> None:
    phased = [
        PeriodAmount(period=YEAR, amount_gbp=8_021_000.0),
        PeriodAmount(period="2025-26", amount_gbp=-8_021_000.0),
    ]
    a = only([saving("Flexible use of capital receipts", planned=phased)])
    assert "one_off_measure" in codes(a.flags)


def test_a_one_off_the_plan_reverses_next_year_is_a_question_with_no_money_at_stake() -> None:
    # Kent appendix F p.16: capital receipts used once in 2025-26 (-8,021.0) and reversed in
    # 2026-27 (8,021.0): the plan's later year already carries its end, so nothing is at risk.
    def one_off(later: float) -> list[Flag]:
        phased = [
            PeriodAmount(period=YEAR, amount_gbp=8_021_000.0),
            PeriodAmount(period="2025-26", amount_gbp=later),
        ]
        a = only([saving("Flexible use of capital receipts", planned=phased, directorate="CYPE")])
        assert a.money_at_stake == 0.0
        return a.flags

    (reversed_next_year,) = one_off(-8_021_000.0)
    assert (reversed_next_year.code, reversed_next_year.amount_gbp, reversed_next_year.message) == (
        "one_off_measure",
        None,
        "Met one-off, and the plan reverses it in 2025-26.",
    )
    (line,) = lines_of_enquiry([reversed_next_year], [], Position(), [])
    assert (line.amount_gbp, line.stake) == (None, "")
    # Not reversed by the plan: the one-off sum is what a recurrent saving must replace, never
    # called a saving at risk.
    (lasting,) = one_off(0.0)
    (line,) = lines_of_enquiry([lasting], [], Position(), [])
    assert (line.amount_gbp, line.stake) == (8_021_000.0, "the one-off sum to replace (not a saving at risk)")


def test_a_saving_whose_service_overspends_by_more_than_the_saving_is_flagged_with_both_sources() -> None:
    lines = [
        budget("Fostering", "service_line", 10_000_000.0, 11_500_000.0),
        budget("Youth Justice", "service_line", 2_000_000.0, 2_000_000.0),
    ]
    a = only(
        [saving("Increase in-house fostering", 400_000.0, service_area="Fostering")], Context(YEAR, lines, [])
    )
    (flag,) = [f for f in a.flags if f.code == "overspend_exceeds_saving"]
    assert {p.file for p in flag.provenance} == {"tracker.xlsx", "monitoring.pdf"}


def test_a_savings_own_shortfall_is_counted_as_part_of_its_lines_overspend() -> None:
    # The line overspends by £5.05m; the saving's £0.45m shortfall is inside that forecast, so
    # £4.6m is beyond it: said, compared and asked, as a question one step below the unseparated.
    lines = [budget("Residential placements", "service_line", 38.4e6, 43.45e6)]
    line = saving("Reduce residential placements", 1.05e6, target_gbp=1.05e6, forecast_gbp=0.6e6, period=YEAR)
    a = only([line], Context(YEAR, lines, []))
    (reason,) = [r for r in a.reasons if r.code == "overspend_exceeds_saving"]
    assert "£5.05m, of which this saving's £0.45m shortfall is part: £4.6m beyond it" in reason.text
    assert reason.severity == "medium"
    (asked,) = lines_of_enquiry(a.flags, [], Position(), [])
    assert "overspends by £4.6m beyond the saving's own shortfall" in asked.question


def test_two_savings_on_one_line_leave_its_overspend_less_both_shortfalls_said_once() -> None:
    # Wyvern: CYPE-01 (£0.65m short) and CYPE-02 (£0.45m short) both sit on the £5.05m residential
    # line: £3.95m lies beyond them, said once (by the larger shortfall), not £4.4m and £4.6m.
    lines = [budget("Residential placements", "service_line", 38.4e6, 43.45e6)]
    edge = saving(
        "Reduce residential placements through edge of care", 1.25e6, target_gbp=1.25e6, period=YEAR
    )
    step = saving(
        "Step down from residential placements to foster care", 0.9e6, target_gbp=0.9e6, period=YEAR
    )

    def judged(edge_forecast: float) -> dict[str, list[str]]:
        both = [
            edge.model_copy(update={"forecast_gbp": edge_forecast}),
            step.model_copy(update={"forecast_gbp": 0.45e6}),
        ]
        found = assess_savings(both, Context(YEAR, lines, []))
        return {
            a.line.title: [r.text for r in a.reasons if r.code == "overspend_exceeds_saving"] for a in found
        }

    said = judged(0.6e6)
    (first,) = said[edge.title]
    assert (
        "this saving's £0.65m shortfall and 'Step down from residential placements to foster care' £0.45m"
        in first
    )
    assert "£3.95m beyond the savings on it" in first
    (second,) = said[step.title]
    assert "beyond" in second and "£" not in second.split(";")[1]  # names the first, no sum of its own
    # One value changed: CYPE-01 on track, so only CYPE-02's shortfall is in the line: £4.6m beyond it.
    alone = judged(1.25e6)
    assert "£4.6m beyond it" in alone[step.title][0]


def test_an_overspend_no_larger_than_the_savings_own_shortfall_is_no_doubt_about_it() -> None:
    lines = [budget("Residential placements", "service_line", 10e6, 10.9e6)]
    line = saving("Reduce residential placements", 1e6, target_gbp=1e6, forecast_gbp=0.0, period=YEAR)
    a = only([line], Context(YEAR, lines, []))
    assert "overspend_exceeds_saving" not in codes(a.flags)
    # Without a forecast the shortfall is not known: the whole overspend is compared.
    unknown = only([saving("Reduce residential placements", 0.5e6, period=YEAR)], Context(YEAR, lines, []))
    (reason,) = [r for r in unknown.reasons if r.code == "overspend_exceeds_saving"]
    assert reason.severity == "high" and "beyond" not in reason.text


def test_where_the_documents_say_the_shortfall_is_outside_the_forecast_the_whole_overspend_is_compared() -> (
    None
):
    lines = [budget("Residential placements", "service_line", 38.4e6, 43.45e6)]
    line = saving("Reduce residential placements", 1.05e6, target_gbp=1.05e6, forecast_gbp=0.6e6, period=YEAR)

    def stated(included: bool) -> Figure:
        text = "The shortfall of £4.1m is included in the forecast above."
        return Figure(
            value=4.1e6,
            unit=FigureUnit.GBP,
            text=text,
            in_forecast=included,
            provenance=[prov(text, "m.pdf")],
        )

    outside = only([line], Context(YEAR, lines, [], shortfall_statement=stated(False)))
    (reason,) = [r for r in outside.reasons if r.code == "overspend_exceeds_saving"]
    assert reason.severity == "high" and "beyond" not in reason.text
    inside = only([line], Context(YEAR, lines, [], shortfall_statement=stated(True)))
    (reason,) = [r for r in inside.reasons if r.code == "overspend_exceeds_saving"]
    assert "£4.6m beyond it" in reason.text and reason.provenance[-1].file == "m.pdf"  # cited


def test_a_saving_large_against_its_line_budget_is_flagged() -> None:
    lines = [budget("Home to School Transport", "service_line", 1_000_000.0, 1_000_000.0)]
    a = only([saving("Home to school transport route review", 300_000.0)], Context(YEAR, lines, []))
    assert "saving_large_against_budget" in codes(a.flags)


def test_demand_reduction_savings_are_tested_against_a_rising_cla_rate() -> None:
    rising = demand_signals(
        [
            benchmark(
                "cla_rate_per_10k",
                80.0,
                median=70.0,
                trend=[70.0, 74.0, 78.0, 80.0],
                label="Children looked after per 10,000 children",
            )
        ]
    )
    line = saving(
        "Reduce the number of children entering care", 1_500_000.0, directorate="Children's Services"
    )
    a = only([line], Context(YEAR, [], rising))
    (flag,) = [f for f in a.flags if f.code == "demand_reduction_against_rising_demand"]
    assert flag.severity == "high"
    assert any(p.file == "lait/bds_long_0.parquet" for p in flag.provenance)


def test_a_demand_question_names_the_indicator_that_rises_and_those_that_do_not() -> None:
    """Where only the rate of children starting care rises and the rate in care is flat and below
    the neighbours, the question says so: never "while the indicators rise"."""
    signals = demand_signals(
        [
            benchmark(
                "cla_rate_per_10k", 53.0, median=56.0, trend=[56.0, 56.0, 53.0], label="Children in care rate"
            ),
            benchmark(
                "cla_starts_rate_per_10k",
                91.0,
                median=21.0,
                trend=[52.0, 78.0, 91.0],
                label="Care starts rate",
            ),
        ]
    )
    line = saving(
        "Reduce the number of children entering care", 1_500_000.0, directorate="Children's Services"
    )
    (flag,) = [f for f in only([line], Context(YEAR, [], signals)).flags]
    (question,) = lines_of_enquiry([flag], [], Position(), [])
    assert question.question.endswith("while 'Care starts rate' rises ('Children in care rate' does not)?")
    # Each indicator is stated, with its source, in the evidence.
    assert "Children in care rate was 53.0 in 2025, below" in question.because
    assert {p.locator for p in flag.provenance} >= {"cla_rate_per_10k, 2025", "cla_starts_rate_per_10k, 2025"}


def test_demand_reduction_savings_without_benchmarks_are_flagged_low_and_say_so() -> None:
    line = saving("Fewer residential placements", 900_000.0, directorate="CYPE")
    (flag,) = [f for f in only([line]).flags if f.code.startswith("demand_reduction")]
    assert flag.code == "demand_reduction_saving" and flag.severity == "low"
    assert "no benchmark" in flag.message


def test_a_falling_cla_rate_below_neighbours_does_not_make_a_demand_saving_at_risk() -> None:
    falling = demand_signals(
        [benchmark("cla_rate_per_10k", 60.0, median=70.0, trend=[66.0, 64.0, 62.0, 60.0])]
    )
    line = saving("Reduce the number of children in care", 500_000.0, directorate="Children's Services")
    assert "demand_reduction_against_rising_demand" not in codes(
        only([line], Context(YEAR, [], falling)).flags
    )


def test_a_price_saving_on_placements_is_not_read_as_a_demand_saving() -> None:
    line = saving("Placed in a lower cost placement", 200_000.0, directorate="Children's Services")
    assert not any(f.code.startswith("demand_reduction") for f in only([line]).flags)


def test_stated_total_rows_are_not_assessed_as_savings() -> None:
    assessed = assess_savings(
        [saving("Savings to be identified", 10.0e6), saving("TOTAL EFFICIENCY", 4.0e6)], EMPTY
    )
    assert [a.line.title for a in assessed] == ["Savings to be identified"]


def test_overspending_lines_are_flagged_and_underspends_are_not() -> None:
    flags = overspend_flags(
        [
            budget("Residential care", "service_line", 20e6, 24e6),
            budget("Early help", "service_line", 5e6, 4.5e6),
            budget("Council total", "total", 900e6, 910e6),
        ]
    )
    assert [(f.subject, f.amount_gbp, f.severity) for f in flags] == [("Residential care", 4e6, "high")]


def test_an_overspends_share_of_its_budget_is_written_to_one_place_as_the_position_table_writes_it() -> None:
    # Wyvern's £12.4m on £191.0m is 6.49%: 6.5% in the position table, so 6.5% in the flag, not 6%
    [flag] = overspend_flags([budget("Children's social care", "service_line", 191.0e6, 203.4e6)])
    assert "Forecast to overspend by £12.4m (6.5% of its £191.0m budget)." in flag.message


def test_in_a_whole_council_plan_other_directorates_savings_raise_no_flags() -> None:
    assessed = assess_savings(
        [
            saving("Fostering recruitment", 100e3, rag=Rag.RED, directorate="Children's Services"),
            saving("Waste contract review", 100e3, rag=Rag.RED, directorate="Environment"),
            saving("Savings to be identified", 100e3, directorate="Environment"),
            saving("Future savings under development", 100e3, directorate="TBC"),
        ],
        EMPTY,
    )
    severity = {a.line.title: [(f.severity, f.scope) for f in a.flags] for a in assessed}
    assert severity == {
        "Fostering recruitment": [("high", Scope.CHILDRENS_SOCIAL_CARE)],
        "Waste contract review": [],
        "Savings to be identified": [],
        "Future savings under development": [("medium", Scope.COUNCIL_WIDE)],
    }


def test_each_of_seed_003s_reasons_is_named_on_the_one_flag() -> None:
    line = saving(
        "SEND transport route optimisation (slipped from 2024-25)",
        target_gbp=800e3,
        forecast_gbp=200e3,
        rag=Rag.RED,
        period=YEAR,
        directorate="CYPE",
        description="Cost avoidance from fewer routes; subject to consultation; needs capital investment "
        "in fleet; one-off contract saving in year one; recruitment of travel trainers.",
    )
    (flag,) = only([line]).flags
    assert {
        "rag_red",
        "forecast_below_target",
        "repeat_of_slipped_saving",
        "cost_avoidance",
        "depends_on_consultation",
        "depends_on_capital",
        "depends_on_recruitment",
        "one_off_measure",
    } <= set(flag.reason_codes)
    assert flag.amount_gbp == 600e3 and flag.scope == Scope.EDUCATION_SEND_TRANSPORT
    assert "a repeat of a saving that slipped before" in flag.reasons


def test_a_transport_demand_saving_is_not_tested_against_the_looked_after_rate() -> None:
    rising = demand_signals(
        [benchmark("cla_rate_per_10k", 80.0, median=70.0, trend=[70.0, 74.0, 78.0, 80.0])]
    )
    line = saving(
        "Personal transport budgets to reduce demand for hired transport", 400e3, directorate="CYPE"
    )
    (flag,) = [f for f in only([line], Context(YEAR, [], rising)).flags if f.code.startswith("demand")]
    assert flag.code == "demand_reduction_saving" and flag.severity == "low"


def test_a_reduction_in_the_number_of_pension_arrangements_is_not_a_demand_saving() -> None:
    line = saving(
        "Historic pension costs",
        91.5e3,
        directorate="CYPE",
        description="Reduction in the number of Historic Pension Arrangements",
    )
    assert not any(f.code.startswith("demand") for f in only([line]).flags)


def test_savings_to_be_identified_in_later_years_are_flagged_with_their_phasing() -> None:
    phased = [
        PeriodAmount(period=YEAR, amount_gbp=0.0),
        PeriodAmount(period="2025-26", amount_gbp=2_685_100.0),
    ]
    line = saving("Future savings under development", planned=phased, directorate="TBC")
    (flag,) = [f for f in only([line]).flags if f.code == "council_savings_unallocated"]
    assert flag.amount_gbp == 2_685_100.0 and "2025-26" in flag.message


def test_savings_to_be_identified_over_later_years_carry_the_years_they_sum() -> None:
    phased = [
        PeriodAmount(period=YEAR, amount_gbp=0.0),
        PeriodAmount(period="2025-26", amount_gbp=3_900_000.0),
        PeriodAmount(period="2026-27", amount_gbp=6_300_000.0),
    ]
    line = saving("Future savings under development", planned=phased, directorate="TBC")
    (flag,) = [f for f in only([line]).flags if f.code == "council_savings_unallocated"]
    assert (flag.amount_gbp, flag.periods) == (10_200_000.0, ["2025-26", "2026-27"])
    in_year = saving("Future savings under development", 1e6, directorate="TBC")
    (flag,) = [f for f in only([in_year]).flags if f.code == "council_savings_unallocated"]
    assert flag.periods == [YEAR]  # the review year's money


def test_a_reserve_named_only_in_the_service_area_does_not_make_a_saving_one_off() -> None:
    line = saving(
        "Debt repayment", 1e6, service_area="Borrowing costs, contributions to/from reserves & other"
    )
    assert "one_off_measure" not in codes(only([line]).flags)


def test_a_saving_in_both_the_plan_and_the_tracker_is_assessed_once_from_the_tracker() -> None:
    plan = saving("Step down from residential to foster care", 900e3, file="mtfp.pdf", directorate="CYPE")
    tracker = saving(
        "Step down from residential to foster care (Step Forward)",
        target_gbp=900e3,
        period=YEAR,
        rag=Rag.AMBER,
        ref="CYPE-02",
        directorate="CYPE",
    )
    other = saving("Recommission early help contracts", 400e3, file="mtfp.pdf", directorate="CYPE")
    assessed = assess_savings([plan, tracker, other], EMPTY)
    assert [(a.line.provenance[0].file, a.line.title) for a in assessed] == [
        ("tracker.xlsx", tracker.title),
        ("mtfp.pdf", other.title),
    ]


def test_a_green_saving_in_an_overspending_service_is_questioned_but_not_counted_at_risk() -> None:
    lines = [budget("Independent fostering agencies", "service_line", 8e6, 9.9e6)]
    line = saving(
        "Recruit foster carers to reduce use of independent fostering agencies",
        target_gbp=750e3,
        forecast_gbp=750e3,
        rag=Rag.GREEN,
        period=YEAR,
    )
    a = only([line], Context(YEAR, lines, []))
    assert "overspend_exceeds_saving" in codes(a.flags)
    assert not a.at_risk and a.at_risk_gbp == 0.0


def test_a_saving_reported_on_track_is_questioned_one_step_less_severely() -> None:
    lines = [budget("Independent fostering agencies", "service_line", 8e6, 9.9e6)]
    line = saving(
        "Recruit foster carers to reduce use of independent fostering agencies",
        target_gbp=750e3,
        forecast_gbp=750e3,
        rag=Rag.GREEN,
        period=YEAR,
    )
    (flag,) = only([line], Context(YEAR, lines, [])).flags
    # Forecast to deliver in full, so the whole £1.9m overspend is beyond it: a medium question,
    # one step less for a saving reported on track.
    assert flag.severity == "low" and flag.message.startswith(
        "Reported on track for 2024-25, but depends on recruitment; its service line"
    )


def test_money_at_stake_is_the_shortfall_where_a_forecast_is_given_else_a_red_or_amber_target() -> None:
    amber = only([saving("Edge of care", target_gbp=900e3, forecast_gbp=700e3, rag=Rag.AMBER, period=YEAR)])
    assert amber.money_at_stake == 200e3  # the shortfall, not the £0.9m target
    red = only([saving("Residential step-down", target_gbp=900e3, rag=Rag.RED, period=YEAR)])
    assert red.money_at_stake == 900e3  # no forecast: the whole target of a red saving
    green = only([saving("Contract review", target_gbp=900e3, rag=Rag.GREEN, period=YEAR)])
    assert green.money_at_stake == 0.0


def test_an_on_track_saving_never_outranks_one_with_money_at_risk() -> None:
    lines = [budget("Independent fostering agencies", "service_line", 8e6, 9.9e6)]
    on_track = saving(
        "Recruit foster carers to reduce use of independent fostering agencies",
        target_gbp=1e6,  # ten times the other saving's shortfall, rated green without a forecast
        rag=Rag.GREEN,
        period=YEAR,
    )
    short = saving("Edge of care support", target_gbp=500e3, forecast_gbp=400e3, rag=Rag.AMBER, period=YEAR)
    assessed = assess_savings([on_track, short], Context(YEAR, lines, []))
    flags = [f for a in assessed for f in a.flags]
    (questioned,) = [f for f in flags if f.subject == on_track.title]
    assert questioned.amount_gbp is None  # reported on track: no money at risk, whatever its target
    questions = lines_of_enquiry(flags, [], Position(), [])
    assert [q.amount_gbp for q in questions] == [100e3, None]
    assert "Edge of care support" in questions[0].question


def _doubted_by_demand(**fields: object):
    """A plan's demand saving (no tracker reports on it) against a CLA rate rising above neighbours."""
    rising = demand_signals(
        [benchmark("cla_rate_per_10k", 91.0, median=21.0, trend=[80.0, 85.0, 88.0, 91.0])]
    )
    line = saving(
        "Reduce the number of children entering care",
        1_500_000.0,
        directorate="Children's Services",
        **fields,
    )
    return only([line], Context(YEAR, [], rising))


def test_a_saving_doubted_only_by_benchmarks_has_no_money_at_risk() -> None:
    a = _doubted_by_demand()
    (flag,) = a.flags
    assert flag.code == "demand_reduction_against_rising_demand"
    assert not a.at_risk and a.money_at_stake == 0.0 and flag.amount_gbp is None
    # Shown as doubted, with its target and the benchmark that doubts it; never "at risk".
    assert flag.message.startswith("Doubted") and "£1.5m" in flag.message and "at risk:" not in flag.message
    judged = a.judgement()
    assert judged.verdict == "question" and judged.at_risk_gbp == 0.0 and not judged.tracked


def test_a_doubted_saving_the_tracker_rates_red_keeps_the_trackers_money_at_risk() -> None:
    a = _doubted_by_demand(rag=Rag.RED)
    assert a.at_risk and a.money_at_stake == 1_500_000.0 and a.judgement().tracked


def test_a_plan_doubted_only_by_benchmarks_has_no_at_risk_total_and_cannot_be_judged() -> None:
    from analyse.scope import ScopeIndex
    from analyse.summary import savings_summary

    s = savings_summary([_doubted_by_demand()], YEAR, [], [], ScopeIndex())
    assert s.at_risk_gbp is None and s.at_risk_share_of_target is None and s.at_risk_count == 0
    assert not s.tracked and s.target_gbp == 1_500_000.0


def test_a_starts_rate_a_far_higher_share_of_asylum_seeking_children_may_explain_says_so_and_is_not_rated_high() -> (
    None
):
    starts = benchmark(
        "cla_starts_rate_per_10k",
        91.0,
        median=21.0,
        trend=[29.0, 40.0, 60.0, 91.0],
        label="Children starting to be looked after per 10,000 children",
    )
    uasc = benchmark("uasc_pct", 24.0, median=8.5, unit="percent")
    line = saving(
        "Reduce the number of children entering care", 1_500_000.0, directorate="Children's Services"
    )
    a = only([line], Context(YEAR, [], demand_signals([starts, uasc])))
    (flag,) = [f for f in a.flags if f.code == "demand_reduction_on_weak_evidence"]
    assert "asylum-seeking children are 24.0% of children looked after against 8.5%" in flag.message
    assert flag.severity == "medium" and flag.asks.endswith(
        "; the rising rate counts asylum-seeking children"
    )
    assert "uasc_pct, 2025" in {p.locator for p in flag.provenance}
    # A share close to the neighbours' explains nothing: the rate stands as it is, rated high.
    near = benchmark("uasc_pct", 9.0, median=8.5, unit="percent")
    b = only([line], Context(YEAR, [], demand_signals([starts, near])))
    (plain,) = [f for f in b.flags if f.code == "demand_reduction_against_rising_demand"]
    assert "asylum" not in plain.message and plain.severity == "high"


def test_a_demand_saving_is_asked_how_much_rests_on_demand_where_the_documents_call_demand_static_or_it_names_other_levers() -> (
    None
):
    starts = benchmark(
        "cla_starts_rate_per_10k",
        91.0,
        median=21.0,
        trend=[29.0, 40.0, 60.0, 91.0],
        label="Children starting to be looked after per 10,000 children",
    )
    static = "The overall proportion of children in care is fairly static."
    said = [
        Passage(
            text=f"Demand drivers are calculated separately. {static}", provenance=[prov(static, "b.pdf")]
        )
    ]
    line = saving("Reduce the number of children entering care", 1.5e6, directorate="Children's Services")
    plain = only([line], Context(YEAR, [], demand_signals([starts])))
    assert (
        plain.flags[0].code == "demand_reduction_against_rising_demand" and plain.flags[0].severity == "high"
    )
    doubted = only([line], Context(YEAR, [], demand_signals([starts]), passages=said))
    (flag,) = doubted.flags
    assert flag.code == "demand_reduction_on_weak_evidence" and flag.severity == "medium"
    assert f"the documents say: '{static}'" in flag.message and flag.provenance[-1].text == static
    # Demand said not to move on another subject says nothing of this saving's.
    transport = "The number of pupils eligible for home to school transport is broadly stable."
    other = [Passage(text=transport, provenance=[prov(transport, "c.pdf")])]
    assert (
        only([line], Context(YEAR, [], demand_signals([starts]), passages=other)).flags[0].severity == "high"
    )
    (first,) = only([line], Context(YEAR, [], demand_signals([starts]), passages=other + said)).flags
    assert first.provenance[-1].text == static
    (asked,) = lines_of_enquiry(doubted.flags, [], Position(), [])
    assert asked.question.startswith(
        "How much of 'Reduce the number of children entering care' rests on demand falling"
    )
    # Partly about demand: its other levers are named, and it is not asked as wholly demand.
    mixed = saving(
        "Looked After Children",
        1.5e6,
        description="Strategies to reduce placement costs, including kinship care to reduce the number of"
        " children remaining in care, along with increased health contributions.",
        directorate="Children's Services",
    )
    in_care = benchmark(
        "cla_rate_per_10k", 80.0, median=56.0, trend=[60.0, 70.0, 80.0], label="Children looked after"
    )
    (flag,) = only([mixed], Context(YEAR, [], demand_signals([in_care]))).flags
    assert flag.code == "demand_reduction_on_weak_evidence"
    assert "depends in part (it also names health contributions, placement costs) on demand" in flag.message


KINSHIP = saving(
    "Looked After Children",
    1.5e6,
    description="Kinship care to reduce the number of children remaining in care.",
    directorate="Children's Services",
)
STARTS = benchmark(
    "cla_starts_rate_per_10k", 91.0, median=21.0, trend=[52.0, 78.0, 91.0], label="Care starts rate"
)
IN_CARE = benchmark("cla_rate_per_10k", 53.0, median=56.0, trend=[56.0, 56.0, 53.0], label="In care rate")


def test_a_saving_keeping_fewer_children_in_care_is_not_tested_by_the_rate_of_children_starting_care() -> (
    None
):
    """Kinship care to reduce the number remaining in care moves children out of care: the rate of
    children starting care says nothing of it; the rate of children in care does."""
    static = "The overall proportion of children in care is fairly static."
    said = [Passage(text=static, provenance=[prov(static, "b.pdf")])]
    asylum = benchmark(
        "uasc_rate_per_10k",
        12.7,
        median=4.4,
        label="Asylum-seeking children looked after per 10,000 children",
    )
    signals = demand_signals([STARTS, asylum, IN_CARE])
    (flag,) = only([KINSHIP], Context(YEAR, [], signals, passages=said)).flags
    # tested by the in-care rate; the rising starts rate it is not tested on is said beside it
    tested = flag.message.index("In care rate was 53.0")
    assert flag.message.index("Care starts rate was 91.0") > tested
    # Nor by the rate of asylum-seeking children: that tests a saving on them alone.
    assert "Asylum" not in flag.message
    # The in-care rate does not rise, but the documents call it static: asked, not passed.
    assert flag.code == "demand_reduction_on_weak_evidence" and flag.severity == "medium"
    (asked,) = lines_of_enquiry([flag], [], Position(), [])
    # never demand flat alone where the starts rate the pack flags rises
    assert asked.question.endswith(
        f"given that the documents say '{static}' ('In care rate' is not rising), though 'Care starts rate'"
        " rises?"
    )
    assert {p.locator for p in flag.provenance} >= {"cla_rate_per_10k, 2025", "cla_starts_rate_per_10k, 2025"}
    # one value changed: a starts rate that does not rise is not said beside it
    flat = benchmark(
        "cla_starts_rate_per_10k", 91.0, median=21.0, trend=[95.0, 93.0, 91.0], label="Care starts rate"
    )
    (steady,) = only([KINSHIP], Context(YEAR, [], demand_signals([flat, IN_CARE]), passages=said)).flags
    assert "Care starts rate" not in steady.message and "though" not in steady.asks
    # A saving keeping children from entering care is tested by the starts rate first.
    entering = saving("Prevent children entering care", 1.5e6, directorate="Children's Services")
    rising = benchmark("cla_rate_per_10k", 80.0, median=56.0, trend=[60.0, 70.0, 80.0], label="In care rate")
    (starts,) = only([entering], Context(YEAR, [], demand_signals([rising, STARTS]))).flags
    assert "on demand falling while Care starts rate was 91.0" in starts.message


def _unallocated(subject: str, amount: float, periods: list[str], scope: Scope = Scope.COUNCIL_WIDE) -> Flag:
    return Flag(
        code="council_savings_unallocated",
        severity="medium",
        subject=subject,
        message=f"£{amount / 1e6:.1f}m of council-wide savings not yet allocated to a directorate.",
        amount_gbp=amount,
        periods=periods,
        scope=scope,
        provenance=[prov(f"TBC | {subject}", "appendixF.pdf")],
    )


def test_the_councils_lines_flagged_for_one_reason_are_one_flag_with_their_sum() -> None:
    from analyse.flags import council_wide_as_one

    # Kent's appendix F: 'Future savings under development' (TBC) £10.2m over 2026-28 and the corporate
    # centre's 'Spans and layers' £2.0m over 2025-27, beside a children's red saving.
    red = Flag(
        code="rag_red",
        severity="high",
        subject="Fostering",
        message="Red.",
        amount_gbp=3e5,
        provenance=[prov("x")],
    )
    future = _unallocated("Future savings under development", 10_154_100.0, ["2026-27", "2027-28"])
    spans = _unallocated("Spans and layers", 2_000_000.0, ["2025-26", "2026-27"])
    merged = council_wide_as_one([red, spans, future])
    assert [f.subject for f in merged] == ["Fostering", "Future savings under development"]
    whole = merged[1]
    assert whole.amount_gbp == 12_154_100.0 and whole.periods == ["2025-26", "2026-27", "2027-28"]
    assert whole.message.startswith("2 council-wide lines, £12.2m in all, over 2025-26 to 2027-28.")
    assert "'Spans and layers': £2.0m" in whole.message and len(whole.provenance) == 2
    (asked,) = lines_of_enquiry(merged[1:], [], Position(), [])
    assert asked.amount_gbp == 12_154_100.0 and asked.because == whole.message
    # one value changed: a line placed in the children's directorate is its own flag
    theirs = spans.model_copy(update={"scope": Scope.CHILDRENS_SOCIAL_CARE})
    assert len(council_wide_as_one([red, theirs, future])) == 3


def test_a_total_flagged_for_its_overspend_is_not_flagged_again_for_its_lines_not_adding_up() -> None:
    # Wyvern's children's directorate total: its overspend flag says its lines miss it by £0.25m, so
    # the reconciliation's flag on the same row would flag the one figure twice.
    missed = Check(identity="lines sum to their total", held=False, detail="£203.4m against lines £203.15m")
    total = budget("Total Children, Young People and Education", "directorate", 191.0e6, 203.4e6).model_copy(
        update={"checks": [missed], "verification": Verification.CONTRADICTED}
    )
    overspends = overspend_flags([total])
    mismatch = Flag(
        code="total_mismatch",
        severity="medium",
        subject=f"{total.name} forecast",
        message="Stated £203.4m; its 9 lines sum to £203.15m",
        amount_gbp=250_000.0,
        provenance=total.provenance,
    )
    assert "do not add up" in overspends[0].message or "does not" in overspends[0].message
    assert doubt_said_once([mismatch], overspends, [total]) == []
    # One value changed: a total whose arithmetic holds says nothing of it, so the mismatch stays.
    held = total.model_copy(update={"checks": [], "verification": Verification.VERIFIED})
    assert doubt_said_once([mismatch], overspend_flags([held]), [held]) == [mismatch]


def test_a_demand_saving_whose_rates_count_far_more_asylum_seeking_children_asks_about_them_among_the_twelve() -> (
    None
):
    """Kent: the starts rate set beside its kinship saving counts asylum-seeking children (24% of those
    looked after against 8.5% for neighbours): its question asks how much of the rate they are and
    the rate without them, and what the Home Office grant leaves unmet (the register's risk), and it
    is asked whatever its stake ranks."""
    from extract.records import Risk

    static = "The overall proportion of children in care is fairly static."
    said = [Passage(text=static, provenance=[prov(static, "b.pdf")])]
    uasc = benchmark("uasc_pct", 24.0, median=8.5, unit="percent")
    kent = saving(
        "Looked After Children",
        1.5e6,
        description="Implementation of strategies to reduce placement costs for looked after children including"
        " the impact of kinship service to reduce the number of children remaining in care, along with"
        " increased health contributions.",
        directorate="Children's Services",
    )
    (flag,) = only([kent], Context(YEAR, [], demand_signals([STARTS, IN_CARE, uasc]), passages=said)).flags
    ask = "How much of 'Care starts rate' is unaccompanied asylum-seeking children, and what is it without them?"
    assert flag.asks_asylum == ask
    grant = Risk(
        title="Unaccompanied Asylum Seeking (UAS) Children",
        description="Home Office Grant for Unaccompanied Asylum Seeking Children and (former UAS Children) Care"
        " Leavers permanently residing in Kent has not increased for inflation for several years",
        directorate="CYPE",
        provenance=[prov("CYPE | Unaccompanied Asylum Seeking (UAS) Children", "appendixI.pdf")],
    )
    many = [
        Flag(
            code="service_overspend",
            severity="high",
            subject=f"Service line {i}",
            message="m",
            amount_gbp=i * 1e6,
            provenance=[prov(f"row {i}", "m.pdf")],
        )
        for i in range(1, 14)
    ]
    lines = lines_of_enquiry([*many, flag], [], Position(), [], risks=[grant])
    (asked,) = [q for q in lines if "Looked After Children" in q.question]
    assert ask in asked.question and "Home Office grant" in asked.question
    # one value changed: a share near the neighbours' asks nothing of them, and ranks as it would
    near = benchmark("uasc_pct", 9.0, median=8.5, unit="percent")
    (plain,) = only(
        [KINSHIP], Context(YEAR, [], demand_signals([STARTS, IN_CARE, near]), passages=said)
    ).flags
    assert plain.asks_asylum == ""
    assert not [
        q
        for q in lines_of_enquiry([*many, plain], [], Position(), [], risks=[grant])
        if "Looked" in q.question
    ]


def test_an_achievement_to_date_is_not_the_years_forecast_but_a_years_achievement_is() -> None:
    from extract.document import extract_file

    def read(heading: str) -> list[float | None]:
        data = f"Ref,Saving,Target £000,{heading},RAG\nC1,Close a children's home,500,120,Amber\n".encode()
        return [s.forecast_gbp for s in extract_file("tracker.csv", data).savings]

    assert read("Delivered to date £000") == [None]
    assert read("Year to date achieved £000") == [None]
    assert read("Achieved £000") == [120_000]


def test_a_totals_mismatch_that_a_flagged_lines_misprint_explains_is_not_flagged_again() -> None:
    # A service line's forecast misprinted: its own row and the total below say another figure, so
    # its overspend flag says why the total's lines miss it; the total's mismatch is the same doubt.
    total = budget("Total Children and Families", "directorate", 60e6, 64e6)
    total = total.model_copy(update={"provenance": [prov("Total", "q2.pdf", "page 2, table 1, row 5")]})
    misprint = Check(
        identity="with the other lines, sums to the stated total",
        held=False,
        detail="the total at page 2, table 1, row 5 and this row's own figures say its forecast is £38.0m",
        provenance=total.provenance,
    )
    line = budget("Children in care", "service_line", 35e6, 37.5e6, "q2.pdf", variance_gbp=3e6)
    line = line.model_copy(update={"checks": [misprint], "verification": Verification.CONTRADICTED})
    mismatch = Flag(
        code="total_mismatch",
        severity="medium",
        subject="Total Children and Families forecast",
        message="Stated £64.0m; its 2 lines sum to £63.5m",
        amount_gbp=500_000.0,
        provenance=total.provenance,
    )
    assert doubt_said_once([mismatch], overspend_flags([line]), [line, total]) == []
    # One value changed: a line whose doubt names another total leaves this mismatch standing.
    elsewhere = misprint.model_copy(
        update={"provenance": [prov("Total", "q2.pdf", "page 3, table 1, row 9")]}
    )
    other = line.model_copy(update={"checks": [elsewhere]})
    assert doubt_said_once([mismatch], overspend_flags([other]), [other, total]) == [mismatch]


def test_a_saving_of_another_directorate_is_not_matched_to_a_line_by_a_shared_word() -> None:
    # Ashdown Vale: Adults' "Reablement-first home care model" (£0.25m short) was counted in the
    # Education directorate's "Home to school transport" overspend, for the word "home" they share.
    lines = [
        budget(
            "Home to school transport",
            "service_line",
            18.9e6,
            23.4127e6,
            directorate="Education, Skills and SEND",
        )
    ]
    adults = saving(
        "Reablement-first home care model",
        2.4e6,
        target_gbp=2.4e6,
        forecast_gbp=2.15e6,
        period=YEAR,
        directorate="Adults and Health",
    )
    routes = saving(
        "Home to school transport route optimisation",
        1.5e6,
        target_gbp=1.5e6,
        forecast_gbp=0.3e6,
        period=YEAR,
        directorate="Education, Skills and SEND",
    )
    found = {
        a.line.title: a
        for a in assess_savings([adults, routes], Context(YEAR, lines, [], savings=[adults, routes]))
    }
    (reason,) = [r for r in found[routes.title].reasons if r.code == "overspend_exceeds_saving"]
    assert (
        "Reablement" not in reason.text
        and "this saving's £1.2m shortfall is part: £3.3m beyond it" in reason.text
    )
    assert "overspend_exceeds_saving" not in codes(found[adults.title].flags)


@pytest.mark.parametrize(
    ("saving_directorate", "line_directorate", "matched"),
    [
        ("Adult Social Care", "Children, Young People and Education", False),
        ("Place and Environment", "Children's Services", False),
        ("CYPE", "Children's Services", True),  # one directorate, named two ways
        ("Growth and Environment", "Growth, Environment and Transport", True),
        ("People", "Children's Services", True),  # a directorate that names no scope keeps nothing apart
        (None, "Children's Services", True),
    ],
)
def test_a_saving_matches_only_a_line_of_its_own_directorate(
    saving_directorate: str | None, line_directorate: str, matched: bool
) -> None:
    line = budget("Fostering placements", "service_line", 10e6, 11e6, directorate=line_directorate)
    found = matching_budget_line(
        saving("Fostering placements review", 0.3e6, directorate=saving_directorate), [line]
    )
    assert (found is not None) == matched


@pytest.mark.parametrize("status", ["On track", "Progressing", ""])
def test_a_forecast_short_of_target_is_not_put_in_the_trackers_mouth(status: str) -> None:
    # Ashdown Vale's CO-01, "On track" with £750k of £900k forecast, was "reported at risk by the
    # tracker": the tracker reported it on track; the forecast is the forecast's own reason.
    line = saving(
        "Digital customer services",
        0.9e6,
        target_gbp=0.9e6,
        forecast_gbp=0.75e6,
        period=YEAR,
        status_text=status or None,
    )
    line = line.model_copy(update={"risk_reasons": risk_reasons(line), "at_risk": True})
    a = only([line])
    assert "declared_at_risk" not in codes(a.flags)
    assert "forecast_below_target" in codes(a.flags)


def test_a_status_the_tracker_declares_is_still_reported_as_the_trackers() -> None:
    line = saving(
        "Digital customer services",
        0.9e6,
        target_gbp=0.9e6,
        forecast_gbp=0.75e6,
        period=YEAR,
        status_text="Delayed: slipped to 2026-27",
    )
    line = line.model_copy(update={"risk_reasons": risk_reasons(line), "at_risk": True})
    (reason,) = [r for r in only([line]).reasons if r.code == "declared_at_risk"]
    assert reason.text == "reported at risk by the tracker"


def test_a_rating_printed_as_its_letter_is_said_as_a_reviewer_reads_it() -> None:
    """A tracker's "R"/"A" column is "rated Red"/"rated Amber" in the reason, never "rated r"; a
    finer rating keeps the tracker's own words ("rated Dark Amber")."""
    said = {}
    for code, rag in (("R", Rag.RED), ("a", Rag.AMBER), ("Dark Amber", Rag.AMBER)):
        line = saving(
            "Step-down", rag=rag, rag_text=code, target_gbp=500_000.0, forecast_gbp=200_000.0, period=YEAR
        )
        (flag,) = assess_savings([line], Context(YEAR, [], []))[0].flags
        said[code] = flag.message
    assert ": rated Red;" in said["R"]
    assert ": rated Amber;" in said["a"]
    assert ": rated Dark Amber;" in said["Dark Amber"]
    assert not any("rated r;" in m or "rated a;" in m for m in said.values())
