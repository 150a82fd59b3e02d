"""Benchmark outlier and trend flags on hand-built Benchmark records: thresholds, direction, cap."""

from __future__ import annotations

from analyse.benchmark_flags import (
    MAX_LINES,
    MAX_OUTLIERS,
    benchmark_flags,
    benchmark_lines,
    steady_run,
    uasc_apart,
    uasc_grant_risks,
    with_uasc,
)
from analyse.records import Benchmark, Comparator, TrendPoint
from analyse.themes import themes_summary
from extract.records import Risk
from tests.review_builders import prov


def bench(
    indicator: str,
    value: float,
    median: float,
    quartiles: tuple[float, float] | None = None,
    unit: str = "percent",
    trend: list[float] | None = None,
    england: float | None = None,
    quartile: int | None = None,
) -> Benchmark:
    lower, upper = quartiles or (None, None)
    points = [TrendPoint(period=str(2021 + i), value=v) for i, v in enumerate(trend or [])]
    return Benchmark(
        indicator=indicator,
        label=f"Label of {indicator}",
        unit=unit,
        period="2025",
        value=value,
        statistical_neighbours=Comparator(
            codes=["1", "2"], median=median, lower_quartile=lower, upper_quartile=upper
        ),
        england=Comparator(codes=["970"], value=england),
        quartile=quartile,
        trend=points,
        provenance=[prov(f"{indicator}={value}", "lait/bds_long_0.parquet", f"{indicator}, 2025")],
    )


def codes(benchmarks: list[Benchmark]) -> list[tuple[str | None, str, str]]:
    return [(f.indicator, f.code, f.severity) for f in benchmark_flags(benchmarks)]


def test_a_rate_a_fifth_above_neighbours_and_outside_their_middle_half_is_flagged_medium() -> None:
    b = bench("cla_rate_per_10k", 72.0, 60.0, (55.0, 65.0), unit="rate_per_10k")
    assert codes([b]) == [("cla_rate_per_10k", "benchmark_outlier_high", "medium")]


def test_a_rate_just_under_a_fifth_from_neighbours_is_not_flagged() -> None:
    b = bench("cla_rate_per_10k", 71.9, 60.0, (55.0, 65.0), unit="rate_per_10k")
    assert codes([b]) == []


def test_a_distant_value_inside_the_neighbours_middle_half_is_not_flagged() -> None:
    # Neighbours spread widely: 30% above the median is still within their middle half.
    b = bench("cin_rate_per_10k", 390.0, 300.0, (200.0, 400.0), unit="rate_per_10k")
    assert codes([b]) == []


def test_without_neighbour_quartiles_the_national_quartile_decides() -> None:
    top = bench("cp_rate_per_10k", 60.0, 40.0, unit="rate_per_10k", quartile=1)
    middle = bench("cp_rate_per_10k", 60.0, 40.0, unit="rate_per_10k", quartile=2)
    assert codes([top]) == [("cp_rate_per_10k", "benchmark_outlier_high", "high")]
    assert codes([middle]) == []


def test_a_share_five_points_from_neighbours_is_material_though_under_a_fifth() -> None:
    b = bench("placement_fostering_pct", 59.0, 64.5, (60.25, 65.75))
    ((_, code, severity),) = codes([b])
    assert (code, severity) == ("benchmark_outlier_low", "medium")


def test_twice_the_threshold_is_high_severity() -> None:
    b = bench("agency_social_worker_rate", 14.0, 7.0, (2.0, 11.0), england=8.0)
    assert codes([b]) == [("agency_social_worker_rate", "benchmark_outlier_high", "high")]


def test_a_value_near_england_or_below_the_region_is_not_high_however_far_from_neighbours() -> None:
    # Kent's agency rate: 13.2% against neighbours' 6.7%, England 13.0%, the region's median 16.6%.
    kent = bench("agency_social_worker_rate", 13.2, 6.7, (1.5, 11.475), england=13.0)
    assert codes([kent]) == [("agency_social_worker_rate", "benchmark_outlier_high", "medium")]
    # One value changed: England far below, the region still above: still not high.
    region = Comparator(codes=["1"], median=16.6)
    far = kent.model_copy(update={"england": Comparator(codes=["970"], value=8.0), "region": region})
    assert codes([far]) == [("agency_social_worker_rate", "benchmark_outlier_high", "medium")]
    # And the region too below it: apart from every comparator, high.
    below = far.model_copy(update={"region": Comparator(codes=["1"], median=8.5)})
    assert codes([below]) == [("agency_social_worker_rate", "benchmark_outlier_high", "high")]


def test_a_direction_lait_calls_better_is_only_a_low_flag_and_asks_nothing() -> None:
    b = bench("agency_social_worker_rate", 2.0, 7.0, (5.0, 11.0))
    flags = benchmark_flags([b])
    assert [(f.code, f.severity) for f in flags] == [("benchmark_outlier_low", "low")]
    assert benchmark_lines(flags, [b]) == []


def test_spend_is_described_as_higher_or_lower_never_better_or_worse() -> None:
    b = bench("s251_total_cyp_spend_per_child", 1600.0, 1200.0, (1100.0, 1300.0), unit="gbp_per_child")
    (flag,) = benchmark_flags([b])
    assert "higher than the statistical-neighbour median of £1,200" in flag.message
    assert "better" not in flag.message and "worse" not in flag.message
    (line,) = benchmark_lines([flag], [b])
    assert line.addressed_to == "S151"


def test_the_message_carries_value_neighbours_england_and_period_as_the_pack_writes_them() -> None:
    b = bench("agency_social_worker_rate", 13.2, 6.7, (1.5, 11.475), england=13.0)
    (flag,) = benchmark_flags([b])
    for text in ("13.2% in 2025", "median of 6.7%", "England 13.0%", "1.5% to 11.5%"):
        assert text in flag.message
    assert flag.provenance == b.provenance
    assert flag.themes == ["workforce"]


def test_a_recording_artefact_a_tenth_of_the_median_is_not_flagged() -> None:
    b = bench("s251_sure_start_spend_per_child", 0.004, 46.0, (10.0, 52.0), unit="gbp_per_child")
    assert codes([b]) == []


def test_indicators_outside_the_reviewed_set_are_not_flagged() -> None:
    b = bench("ro3_csc_spend_per_child", 3000.0, 1000.0, (900.0, 1100.0), unit="gbp_per_child")
    assert codes([b]) == []


def test_the_outliers_are_capped_keeping_core_indicators_and_the_furthest() -> None:
    minor = [
        bench(code, 90.0, 40.0, (30.0, 50.0), unit="gbp_per_child")
        for code in (
            "s251_youth_justice_spend_per_child",
            "s251_young_people_spend_per_child",
            "s251_sure_start_spend_per_child",
            "s251_family_support_spend_per_child",
        )
    ]
    core = [
        bench(code, 100.0 + 10 * i, 60.0, (55.0, 65.0), unit="rate_per_10k")
        for i, code in enumerate(("cla_rate_per_10k", "cin_rate_per_10k", "cp_rate_per_10k"))
    ] + [
        bench(code, 30.0, 10.0, (8.0, 12.0))
        for code in ("rereferral_pct", "repeat_cp_plan_pct", "placement_residential_pct")
    ]
    flags = benchmark_flags(minor + core)
    assert len(flags) == MAX_OUTLIERS
    kept = [f.indicator for f in flags]
    assert kept[:6] == sorted(kept[:6], key=lambda c: c not in {b.indicator for b in core})
    assert set(kept[:6]) == {b.indicator for b in core}
    assert len(benchmark_lines(flags, minor + core)) == MAX_LINES


def test_a_steady_rise_over_four_years_is_a_rising_trend_flag() -> None:
    b = bench("cla_rate_per_10k", 60.0, 60.0, (55.0, 65.0), unit="rate_per_10k", trend=[48, 50, 55, 60])
    assert codes([b]) == [("cla_rate_per_10k", "benchmark_trend_rising", "medium")]
    (flag,) = benchmark_flags([b])
    assert flag.message.startswith("Rose from 48.0 in 2021 to 60.0 in 2024 (+25%)")
    assert flag.subject == "Label of cla_rate_per_10k"


def test_a_rise_with_a_reversal_is_not_steady() -> None:
    b = bench("cla_rate_per_10k", 60.0, 60.0, (55.0, 65.0), unit="rate_per_10k", trend=[45, 58, 52, 60])
    assert codes([b]) == []


def test_a_small_steady_rise_is_not_material() -> None:
    b = bench("cla_rate_per_10k", 60.0, 60.0, (55.0, 65.0), unit="rate_per_10k", trend=[55, 56, 58, 60])
    assert codes([b]) == []


def test_cash_spend_needs_a_larger_rise_than_a_rate_to_count() -> None:
    rising = [1000, 1080, 1160, 1250]  # +25%: material for a rate, not for cash
    spend = bench("s251_lac_spend_per_child", 1250.0, 1250.0, (1200.0, 1300.0), "gbp_per_child", rising)
    rate = bench("cla_rate_per_10k", 1250.0, 1250.0, (1200.0, 1300.0), "rate_per_10k", rising)
    assert codes([spend]) == []
    assert codes([rate]) == [("cla_rate_per_10k", "benchmark_trend_rising", "medium")]


def test_a_falling_foster_share_is_flagged_in_percentage_points() -> None:
    b = bench("placement_fostering_pct", 59.0, 60.0, (58.0, 62.0), trend=[68, 70, 65, 60, 59])
    (flag,) = benchmark_flags([b])
    # twice the trend's threshold, but how a value moved is never high: it stands beside its neighbours
    assert (flag.code, flag.severity) == ("benchmark_trend_falling", "medium")
    assert "from 70.0% in 2022 to 59.0% in 2025 (-11.0 percentage points)" in flag.message
    assert flag.message.endswith("(a move alone is never high: high needs the value to stand apart).")


def test_the_steady_run_skips_a_flat_opening_step_and_needs_two_moves() -> None:
    points = [TrendPoint(period=str(2020 + i), value=v) for i, v in enumerate([8, 7, 7, 8, 9])]
    run = steady_run(points)
    assert run is not None and [p.period for p in run] == ["2022", "2023", "2024"]
    assert steady_run(points[:4]) is None  # 7, 7, 8: one move only


def test_an_outlier_and_a_trend_on_one_indicator_make_one_question() -> None:
    b = bench("placement_fostering_pct", 52.0, 64.5, (60.0, 66.0), trend=[68, 70, 65, 60, 52])
    (flag,) = benchmark_flags([b])  # one flag: where it stands and how it moved
    assert (flag.code, flag.reason_codes) == (
        "benchmark_outlier_low",
        ["benchmark_outlier_low", "benchmark_trend_falling"],
    )
    assert "lower than the statistical-neighbour median of 64.5%" in flag.message
    assert "Fell from 70.0% in 2022 to 52.0% in 2025" in flag.message and flag.message.count("LAIT") == 1
    (line,) = benchmark_lines([flag], [b])
    assert line.question.startswith("52.0% of children looked after are in foster placements against 64.5%")
    assert "down from 70.0% in 2022" in line.question
    assert line.addressed_to == "DCS; commissioning"
    assert line.because.count("LAIT counts") == 1


def test_low_spend_with_demand_above_neighbours_says_so() -> None:
    spend = bench("s251_total_cyp_spend_per_child", 900.0, 1200.0, (1100.0, 1300.0), unit="gbp_per_child")
    need = bench("cin_rate_per_10k", 330.0, 290.0, (280.0, 340.0), unit="rate_per_10k")
    (line,) = benchmark_lines(benchmark_flags([spend, need]), [spend, need])
    assert (
        "children in need are 330.0 per 10,000 children against a neighbour median of 290.0" in line.because
    )


def test_benchmark_flags_count_in_the_theme_view() -> None:
    b = bench("agency_social_worker_rate", 14.0, 7.0, (2.0, 11.0))
    themes = {t.theme: t for t in themes_summary([], [], benchmark_flags([b]), "2025")}
    assert themes["workforce"].flags_count == 1
    assert themes["workforce"].evidence == b.provenance


def test_a_rate_that_counts_far_more_asylum_seeking_children_than_neighbours_says_so_beside_it() -> None:
    starts = bench("cla_starts_rate_per_10k", 91.0, 21.0, (19.2, 22.8), unit="rate_per_10k")
    uasc = bench("uasc_pct", 24.0, 8.5, (7.2, 10.8))
    lines = benchmark_lines(benchmark_flags([starts, uasc]), [starts, uasc])
    (line,) = [q for q in lines if q.question.startswith("Children starting to be looked after")]
    assert (
        "Unaccompanied asylum-seeking children are 24.0% of children looked after against 8.5%"
        in line.because
    )
    assert (
        "How much of it is unaccompanied asylum-seeking children, and what is the rate without them? Beyond"
        " them, what brings" in line.question
    )
    assert [p.locator for p in line.provenance] == ["cla_starts_rate_per_10k, 2025", "uasc_pct, 2025"]


def test_the_placement_shares_asylum_seeking_children_drive_carry_their_caveat_on_the_costlier_side() -> None:
    """Kent: 23% in semi-independent living (neighbours 10.5%) and 59% in foster care (neighbours
    64.5%) with asylum-seeking children 24% of those looked after (neighbours 8.5%): both flags, and
    both questions, say how many asylum-seeking children the council looks after; the first question
    they drive asks the grant's shortfall where the register names it, citing the risk's row."""
    living = bench("placement_independent_living_pct", 23.0, 10.5, (9.2, 11.0))
    fostered = bench("placement_fostering_pct", 59.0, 64.5, (60.2, 65.8))
    uasc = bench("uasc_pct", 24.0, 8.5, (7.2, 10.8))
    found = [living, fostered, uasc]
    flags = {f.indicator: f for f in benchmark_flags(found)}
    for code in ("placement_independent_living_pct", "placement_fostering_pct"):
        assert (
            "Unaccompanied asylum-seeking children are 24.0% of children looked after" in flags[code].message
        )
    grant = Risk(
        title="UASC grant shortfall",
        description="Home Office grant below the cost of care",
        provenance=[prov("CR04 | UASC grant shortfall", "register.pdf", "page 9, table 1, row 6")],
    )
    lines = benchmark_lines(list(flags.values()), found, [grant])
    asked = [
        q
        for q in lines
        if "follows from where unaccompanied asylum-seeking children are placed" in q.question
    ]
    assert len(asked) == 2
    granted = [
        q
        for q in lines
        if "Home Office grant for unaccompanied asylum-seeking children fall short" in q.question
    ]
    assert len(granted) == 1 and grant.provenance[0] in granted[0].provenance
    # one value changed: a foster share above the neighbours' is the cheaper side, and carries no caveat
    above = bench("placement_fostering_pct", 70.0, 64.5, (60.2, 65.8))
    assert uasc_apart(above, [above, uasc]) is None and uasc_apart(fostered, found) is uasc
    # nor does a register risk on asylum-seeking children that names no grant ask the grant's shortfall
    other = grant.model_copy(update={"title": "UASC placements", "description": "Placement sufficiency"})
    assert not uasc_grant_risks([other]) and uasc_grant_risks([grant]) == [grant]


def test_a_share_of_asylum_seeking_children_not_far_above_neighbours_leaves_the_rate_as_it_is() -> None:
    starts = bench("cla_starts_rate_per_10k", 91.0, 21.0, (19.2, 22.8), unit="rate_per_10k")
    uasc = bench("uasc_pct", 11.0, 8.5, (7.2, 10.8))  # 29% above: an outlier, not twice the distance
    (line, *_) = benchmark_lines(benchmark_flags([starts, uasc]), [starts, uasc])
    assert line.question.startswith("Children starting")
    assert "asylum" not in line.because and "What brings more children into care" in line.question


def test_low_spend_is_context_flagged_low_and_asked_by_no_one_while_high_spend_is_the_concern() -> None:
    # Kent's youth justice spend (S251 2024-25): £9 a child against the neighbours' £21.
    low = bench("s251_youth_justice_spend_per_child", 9.0, 21.0, (15.0, 25.0), unit="gbp_per_child")
    assert codes([low]) == [("s251_youth_justice_spend_per_child", "benchmark_outlier_low", "low")]
    assert benchmark_lines(benchmark_flags([low]), [low]) == []
    high = bench("s251_youth_justice_spend_per_child", 42.0, 21.0, (15.0, 25.0), unit="gbp_per_child")
    assert codes([high]) == [("s251_youth_justice_spend_per_child", "benchmark_outlier_high", "high")]
    # fewer children in foster care is the costlier side of that share: a finding, not context
    foster = bench("placement_fostering_pct", 40.0, 64.5, (60.0, 66.0))
    assert codes([foster]) == [("placement_fostering_pct", "benchmark_outlier_low", "high")]


def test_low_core_spend_is_asked_where_demand_it_serves_is_above_the_neighbours() -> None:
    # Kent: £968 a child against £1,222, with children in need 316.5 per 10,000 against 286.1.
    spend = bench("s251_total_cyp_spend_per_child", 968.0, 1222.0, (1010.0, 1400.0), unit="gbp_per_child")
    need = bench("cin_rate_per_10k", 316.5, 286.05, (280.0, 340.0), unit="rate_per_10k")
    assert codes([spend, need]) == [("s251_total_cyp_spend_per_child", "benchmark_outlier_low", "medium")]
    less = need.model_copy(update={"value": 280.0})
    assert codes([spend, less]) == [("s251_total_cyp_spend_per_child", "benchmark_outlier_low", "low")]


def test_the_starts_rate_is_one_flag_carrying_the_asylum_seeking_childrens_share() -> None:
    # Kent (LAIT 2025): 91 per 10,000 starting care against 21, up from 29 in 2021; unaccompanied
    # asylum-seeking children 24% of its children looked after against 8.5%.
    starts = bench(
        "cla_starts_rate_per_10k", 91.0, 21.0, (19.2, 22.8), unit="rate_per_10k", trend=[29, 45, 60, 80, 91]
    )
    uasc = bench("uasc_pct", 24.0, 8.5, (7.2, 10.8))
    flags = [f for f in benchmark_flags([starts, uasc]) if f.indicator == "cla_starts_rate_per_10k"]
    (flag,) = flags
    assert flag.reason_codes == ["benchmark_outlier_high", "benchmark_trend_rising"]
    assert "Rose from 29.0 in 2021 to 91.0 in 2025 (+214%)" in flag.message
    # rated by where it stands (high) over how it moved (medium), and saying so
    assert (
        "Rated high, by where it stands: it stands on the side that costs more, twice the outlier distance"
        " from the neighbours; it moved steadily toward the side that costs more" in flag.message
    )
    said = "Unaccompanied asylum-seeking children are 24.0% of children looked after against 8.5%"
    assert said in flag.message and flag.provenance[-1].locator == "uasc_pct, 2025"
    (line,) = [q for q in benchmark_lines(flags, [starts, uasc]) if "starting" in q.question]
    assert line.because.count(said) == 1 and "up from 29.0 in 2021" in line.question
    # one value changed: a share not far above the neighbours' says nothing of them
    near = uasc.model_copy(update={"value": 11.0})
    (plain,) = [f for f in benchmark_flags([starts, near]) if f.indicator == "cla_starts_rate_per_10k"]
    assert "asylum" not in plain.message


def test_leaving_care_spend_above_neighbours_carries_the_asylum_seeking_childrens_share() -> None:
    # Kent (S251 2024-25): £49 a child on leaving care against the neighbours' £38, with asylum-seeking
    # children 24% of its children looked after against 8.5%: many become care leavers it supports.
    leaving = bench("s251_leaving_care_spend_per_child", 49.34, 37.58, (22.7, 69.7), unit="gbp_per_child")
    uasc = bench("uasc_pct", 24.0, 8.5, (7.2, 10.8))
    noted, _ = with_uasc([leaving, uasc])
    assert noted.uasc == (
        "unaccompanied asylum-seeking children are 24.0% of children looked after against 8.5% for"
        " statistical neighbours (2025), and many become care leavers: the spend may say more about them"
        " than about the service's cost"
    )
    assert noted.uasc_provenance == uasc.provenance
    # one value changed each time: a share not far above the neighbours', or spend below theirs (the
    # cheaper side), carries nothing
    near = uasc.model_copy(update={"value": 11.0})
    assert with_uasc([leaving, near])[0].uasc == ""
    below = leaving.model_copy(update={"value": 30.0})
    assert with_uasc([below, uasc])[0].uasc == ""
    # flagged, its flag says it, and its question asks what they cost before the service's own
    far = leaving.model_copy(update={"value": 90.0})
    (flag,) = [f for f in benchmark_flags([far, uasc]) if f.indicator == leaving.indicator]
    assert "many become care leavers" in flag.message
    (line,) = [
        q for q in benchmark_lines([flag], [far, uasc]) if q.question.startswith("Spend on leaving care")
    ]
    assert line.question.count("How much of it is spent on unaccompanied asylum-seeking children") == 1


def test_a_rise_toward_the_neighbours_from_the_cheaper_side_is_context_not_a_finding() -> None:
    # Kent (LAIT 2025): 9.0% of children looked after in secure or children's homes against the
    # neighbours' 13.5% (England and the region 12.0%), up from 7.0% in 2023.
    homes = bench("placement_residential_pct", 9.0, 13.5, (11.0, 17.75), trend=[8, 7, 7, 8, 9], england=12.0)
    (flag,) = benchmark_flags([homes])
    assert (flag.severity, flag.reason_codes) == ("low", ["benchmark_outlier_low", "benchmark_trend_rising"])
    assert flag.message.endswith(
        "Rated low: it stands on the side that costs less, so it is context for a cost review; it moved"
        " toward the side that costs more, but still stands on the other side of the neighbours' median"
        " (13.5%), closing the gap to them."
    )
    assert benchmark_lines([flag], [homes]) == []
    # The same rise to a share above the neighbours' median moves further from them: a question.
    above = homes.model_copy(update={"value": 14.0})
    assert codes([above]) == [("placement_residential_pct", "benchmark_trend_rising", "medium")]


def test_every_benchmark_flag_says_why_it_has_its_rating() -> None:
    region = Comparator(codes=["1"], median=8.5)
    apart = bench("agency_social_worker_rate", 14.0, 7.0, (2.0, 11.0), england=8.0)
    cases = {
        "high": apart.model_copy(update={"region": region}),
        "medium": bench("agency_social_worker_rate", 13.2, 6.7, (1.5, 11.475), england=13.0),
        "low": bench("s251_youth_justice_spend_per_child", 9.0, 21.0, (15.0, 25.0), unit="gbp_per_child"),
    }
    for severity, b in cases.items():
        (flag,) = benchmark_flags([b])
        assert flag.severity == severity
        assert flag.message.split(". ")[-1].startswith(f"Rated {severity}: "), flag.message
    (high,) = benchmark_flags([cases["high"]])
    assert high.message.endswith("apart from England and the region too.")
    (medium,) = benchmark_flags([cases["medium"]])
    assert "but not as far from England, which high needs." in medium.message
    # apart from England (8.0%) but not from the region above it (16.6%): the region alone is named
    near_region = apart.model_copy(update={"region": Comparator(codes=["1"], median=16.6)})
    (flag,) = benchmark_flags([near_region])
    assert flag.message.endswith("but not as far from the region, which high needs.")
