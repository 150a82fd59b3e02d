"""Every money table is checked against its own arithmetic before its records are used.

Each test that shows a check holding has a twin that changes one printed value and watches the
check catch it: a checker that accepts anything would be believed and is worse than none.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from domain_tables import document, pipeline_tables, table

from extract.domain.from_tables import records_from_tables
from extract.records import BudgetLine, Verification
from extract.verify.tolerance import Term, half_unit, holds

SUMMARY = [
    ["Directorate", "Budget £m", "Forecast £m", "Variance £m"],
    ["Children, Young People and Education", "430.6", "420.8", "(9.9)"],
    ["Adult Social Care and Health", "512.3", "530.1", "17.8"],
    ["Growth, Environment and Transport", "190.2", "188.0", "(2.2)"],
    ["Total", "1,133.1", "1,138.9", "5.8"],
]


def _lines(rows: list[list[str]], **kwargs) -> dict[str, BudgetLine]:
    found = records_from_tables([table(rows, **kwargs)], document())
    return {line.name: line for line in found.budget_lines}


def _changed(rows: list[list[str]], row: int, column: int, value: str) -> list[list[str]]:
    out = [list(r) for r in rows]
    out[row][column] = value
    return out


def test_half_a_unit_of_the_last_printed_digit_is_the_tolerance_of_a_figure() -> None:
    assert half_unit("430.6", 430.6e6) == pytest.approx(50_000)
    assert half_unit("(350)", -350_000.0) == pytest.approx(500)
    assert half_unit("1,234.56", 1234.56) == pytest.approx(0.005)
    assert half_unit("-", 0.0, 1000.0) == 0.0  # a printed nil is exact
    # A printed zero is exact to half a unit of its own last digit, not of the table's unit.
    assert half_unit("0.0", 0.0, 1e6) == pytest.approx(0.05e6)
    assert half_unit("0", 0.0, 1e6) == pytest.approx(0.5e6)
    assert half_unit("(0.00)", 0.0, 1e6) == pytest.approx(0.005e6)
    assert half_unit(".0", 0.0, 1e6) == pytest.approx(0.05e6)


def test_a_line_printed_as_zero_to_one_place_cannot_hide_a_difference_of_a_whole_unit() -> None:
    """Budget 0.0 and variance 0.0 against a forecast of 0.4 (£m) is £0.4m adrift: with the
    zeros exact to £0.05m each the line cannot hold; had they been taken to £0.5m it would."""
    rows = [
        ["Service", "Budget £m", "Forecast £m", "Variance £m"],
        ["Family Support", "5.0", "5.2", "0.2"],
        ["Short Breaks", "0.0", "0.4", "0.0"],
    ]
    lines = _lines(rows)
    assert lines["Family Support"].verification is Verification.VERIFIED
    assert lines["Short Breaks"].verification is Verification.CONTRADICTED
    held = _lines(_changed(rows, 2, 3, "0.4"))["Short Breaks"]
    assert held.verification is Verification.VERIFIED


def test_an_identity_holds_within_the_summed_rounding_and_not_beyond() -> None:
    parts = [Term(1.2e6, 5e4), Term(3.4e6, 5e4)]
    assert holds(parts, [Term(4.7e6, 5e4)])  # 4.6 printed as 4.7: within three half-units
    assert not holds(parts, [Term(4.8e6, 5e4)])


def test_a_consistent_directorate_summary_is_verified_line_by_line_and_at_its_total() -> None:
    lines = _lines(SUMMARY)
    assert {line.verification for line in lines.values()} == {Verification.VERIFIED}
    childrens = lines["Children, Young People and Education"]
    identities = {c.identity for c in childrens.checks}
    assert identities == {"budget + variance = forecast", "with the other lines, sums to the stated total"}
    assert any(c.identity == "lines sum to the stated total" for c in lines["Total"].checks)


def test_one_misprinted_forecast_contradicts_its_line_and_the_total_it_feeds() -> None:
    lines = _lines(_changed(SUMMARY, 1, 2, "424.8"))
    childrens = lines["Children, Young People and Education"]
    assert childrens.verification is Verification.CONTRADICTED
    failed = [c for c in childrens.checks if not c.held]
    assert {c.identity for c in failed} == {
        "budget + variance = forecast",
        "with the other lines, sums to the stated total",
    }
    own = next(c for c in failed if c.identity == "budget + variance = forecast")
    assert "£424.8m" in own.detail
    # The total and its own row say which figure is wrong: the others stand verified.
    member = next(c for c in failed if c.identity != "budget + variance = forecast")
    assert "forecast is £420.7m, not £424.8m as printed" in member.detail
    assert lines["Total"].verification is Verification.VERIFIED
    assert lines["Adult Social Care and Health"].verification is Verification.VERIFIED


DIVISIONS = [
    ["Service", "Budget £000", "Forecast £000", "Variance £000"],
    ["Fostering", "1,000", "1,250", "205"],  # its own row: 1,250 - 1,000 is 250, not 205
    ["Residential", "2,000", "2,100", "100"],
    ["Total Family Services", "3,000", "3,350", "350"],  # adds the true 250
    ["Libraries", "500", "480", "(20)"],
    ["Museums", "300", "310", "10"],
    ["Total Culture", "800", "790", "(10)"],
    ["Total all services", "3,800", "4,140", "340"],  # after the subtotals: every line since the top
]


def test_a_total_over_subtotals_that_one_faulty_lines_own_arithmetic_explains_is_not_a_second_contradiction() -> (
    None
):
    """The council's total after its divisions' subtotals fails against the lines as printed only
    by one line's slip, already found by that line's own row: it is consistent once the line is read
    by its own arithmetic, and said so, not reported as a second contradiction to ask about."""
    lines = _lines(DIVISIONS)
    assert lines["Fostering"].verification is Verification.CONTRADICTED
    total = lines["Total all services"]
    assert total.verification is Verification.VERIFIED
    said = next(c for c in total.checks if c.identity == "lines sum to the stated total")
    assert "add up once the variance at page 3, table 1, row 2 is £0.25m" in said.detail
    # Twin: a total that no single line's own arithmetic explains stays contradicted.
    assert _lines(_changed(_changed(DIVISIONS, 7, 2, "4,160"), 7, 3, "360"))[
        "Total all services"
    ].verification is (Verification.CONTRADICTED)


def test_two_misprinted_lines_are_contradicted_with_their_total_and_a_line_its_own_row_proves_is_not() -> (
    None
):
    lines = _lines(_changed(_changed(SUMMARY, 1, 2, "424.8"), 2, 1, "515.3"))
    doubted = {name for name, line in lines.items() if line.verification is Verification.CONTRADICTED}
    assert doubted == {"Children, Young People and Education", "Adult Social Care and Health", "Total"}
    assert lines["Growth, Environment and Transport"].verification is Verification.VERIFIED


def test_a_total_that_disagrees_with_lines_that_each_add_up_carries_the_doubt_alone() -> None:
    lines = _lines(_changed(_changed(SUMMARY, 4, 2, "1,139.2"), 4, 3, "6.1"))
    assert lines["Total"].verification is Verification.CONTRADICTED
    others = {line.verification for name, line in lines.items() if name != "Total"}
    assert others == {Verification.VERIFIED}


def test_a_total_that_does_not_add_up_is_contradicted_even_when_each_row_holds() -> None:
    lines = _lines(_changed(_changed(_changed(SUMMARY, 4, 1, "1,134.1"), 4, 2, "1,139.9"), 4, 3, "5.8"))
    assert lines["Total"].verification is Verification.CONTRADICTED
    checks = {c.identity: c.held for c in lines["Total"].checks}
    assert checks == {"budget + variance = forecast": True, "lines sum to the stated total": False}


def test_the_revised_budget_is_read_where_the_arithmetic_confirms_it_and_the_choice_is_recorded() -> None:
    rows = [
        [
            "Service",
            "Original Budget £000",
            "Virements £000",
            "Revised Budget £000",
            "Forecast £000",
            "Variance £000",
        ],
        ["Fostering", "10,000", "500", "10,500", "11,200", "700"],
        ["Residential", "20,000", "(1,000)", "19,000", "21,000", "2,000"],
        ["Total", "30,000", "(500)", "29,500", "32,200", "2,700"],
    ]
    fostering = _lines(rows)["Fostering"]
    assert fostering.budget_gbp == 10_500_000.0
    assert fostering.verification is Verification.VERIFIED
    # Original first: the headings alone would not have chosen it differently, the arithmetic agrees.
    swapped = [[r[0], r[3], r[2], r[1], r[4], r[5]] for r in rows]
    swapped[0][1], swapped[0][3] = "Budget £000", "Budget at start of year £000"
    chosen = _lines(swapped)["Fostering"]
    assert chosen.budget_gbp == 10_500_000.0


def test_last_years_variance_beside_this_years_is_not_taken_for_it() -> None:
    rows = [
        ["Service", "Budget £000", "Forecast £000", "Variance last year £000", "Variance £000"],
        ["Fostering", "10,000", "11,200", "300", "1,200"],
        ["Residential", "20,000", "19,500", "(800)", "(500)"],
    ]
    lines = _lines(rows)
    assert lines["Fostering"].variance_gbp == 1_200_000.0
    assert lines["Residential"].variance_gbp == -500_000.0
    assert all(line.verification is Verification.VERIFIED for line in lines.values())


def test_a_variance_printed_as_budget_minus_forecast_is_turned_round_and_says_so() -> None:
    rows = [
        ["Service", "Budget £000", "Forecast £000", "Variance £000"],
        ["Fostering", "10,000", "11,200", "(1,200)"],
        ["Residential", "20,000", "19,500", "500"],
    ]
    lines = _lines(rows)
    assert lines["Fostering"].variance_gbp == 1_200_000.0  # positive is an overspend
    assert lines["Fostering"].verification is Verification.VERIFIED
    assert any("turned round" in note for note in lines["Fostering"].reading)


def test_a_commentary_column_is_never_the_name_of_a_line() -> None:
    rows = [
        ["Service", "Budget £m", "Forecast £m", "Variance £m", "Explanation of variance"],
        ["Other School Services", "5.8", "7.9", "2.1", "Slippage in savings programme"],
    ]
    line = next(iter(_lines(rows).values()))
    assert line.name == "Other School Services"


def test_a_table_with_no_unit_and_small_figures_is_contradicted_not_taken_as_pounds() -> None:
    rows = [
        ["Service", "Budget", "Forecast", "Variance"],
        ["Fostering", "10.5", "11.2", "0.7"],
    ]
    line = _lines(rows)["Fostering"]
    assert line.verification is Verification.CONTRADICTED
    assert any(c.identity == "the table states its unit" and not c.held for c in line.checks)
    stated = _lines(rows, unit="£m")["Fostering"]
    assert stated.verification is Verification.VERIFIED
    assert stated.budget_gbp == 10_500_000.0


def test_a_row_with_nothing_to_test_it_against_is_unchecked() -> None:
    rows = [["Service", "Budget £000", "Forecast £000"], ["Fostering", "10,000", "11,200"]]
    line = _lines(rows)["Fostering"]
    assert line.verification is Verification.UNCHECKED
    assert line.checks == []


TRACKER = [
    ["Ref", "Saving", "Target £000", "Forecast £000", "Shortfall £000", "RAG"],
    ["CS1", "Reduce residential placements", "1,500", "900", "600", "Red"],
    ["CS2", "Edge of care", "800", "800", "0", "Green"],
    ["", "Total", "2,300", "1,700", "600", ""],
]


def test_savings_are_verified_by_target_less_forecast_and_by_their_total() -> None:
    savings = records_from_tables([table(TRACKER)], document()).savings
    assert [s.verification for s in savings] == [Verification.VERIFIED, Verification.VERIFIED]
    assert {c.identity for c in savings[0].checks} == {
        "target − forecast = shortfall",
        "with the other lines, sums to the stated total",
    }


def test_a_misprinted_shortfall_contradicts_its_saving() -> None:
    savings = records_from_tables([table(_changed(TRACKER, 1, 4, "500"))], document()).savings
    assert savings[0].verification is Verification.CONTRADICTED
    assert savings[1].verification is Verification.CONTRADICTED  # its total no longer adds up


@pytest.mark.shared
def test_every_line_of_kents_budget_templates_is_verified_by_its_category_totals(kent_dir: Path) -> None:
    document, tables = pipeline_tables(kent_dir / "kent_cabinet_2025-01-30_appendixF_budget_templates.pdf")
    found = records_from_tables(tables, document)
    lines = [*found.savings, *found.pressures]
    assert len(lines) > 250
    assert {line.verification for line in lines} == {Verification.VERIFIED}


def test_this_years_budget_is_read_beside_last_years_and_an_unlabelled_sum_row_is_the_total() -> None:
    # Laid out as a town council's accounts print it (../shared's Sutton Coldfield page 4).
    rows = [
        ["2017 £", "", "2018 £", "2018 £", "2018 £"],
        ["Budget", "", "Net Expenditure", "Budget", "Variance"],
        ["(145,000)", "Economic Development", "(4,022)", "(132,000)", "127,978"],
        ["(20,000)", "Cultural and Heritage", "(94,886)", "(190,000)", "95,114"],
        ["(165,000)", "", "(98,908)", "(322,000)", "223,092"],
    ]
    lines = _lines(rows)
    assert lines["Economic Development"].budget_gbp == -132_000.0
    assert "2018 £ Budget" in lines["Economic Development"].reading[0]
    total = lines["Total (no label printed)"]
    assert total.level == "total" and total.verification is Verification.VERIFIED
    wrong = _lines(_changed(rows, 4, 4, "223,192"))
    assert wrong["Total (no label printed)"].verification is Verification.CONTRADICTED


OWN_PAGE = [
    ["Service", "Budget £m", "Forecast £m", "Variance £m"],
    ["Children's Social Care", "300.0", "295.0", "(5.0)"],
    ["Education and Skills", "130.6", "125.8", "(4.8)"],
    ["Total Children, Young People and Education", "430.6", "420.8", "(9.8)"],
]


def test_a_directorate_in_the_summary_agrees_with_the_total_on_its_own_page() -> None:
    summary = _changed(SUMMARY, 1, 3, "(9.8)")
    found = records_from_tables(
        [table(summary, page=2), table(OWN_PAGE, page=5, title="Children")], document()
    )
    summary_row = next(b for b in found.budget_lines if b.name == "Children, Young People and Education")
    agreement = [
        c for c in summary_row.checks if c.identity == "agrees with the same line elsewhere in the document"
    ]
    assert agreement and agreement[0].held


def test_a_directorate_that_disagrees_with_its_own_page_is_contradicted_in_both_places() -> None:
    own = _changed(_changed(OWN_PAGE, 3, 2, "421.8"), 3, 3, "(8.8)")
    own = _changed(_changed(own, 2, 2, "126.8"), 2, 3, "(3.8)")
    summary = _changed(SUMMARY, 1, 3, "(9.8)")
    found = records_from_tables([table(summary, page=2), table(own, page=5, title="Children")], document())
    rows = [b for b in found.budget_lines if "Children, Young People" in b.name]
    assert len(rows) == 2
    for row in rows:
        failed = [c for c in row.checks if not c.held]
        assert [c.identity for c in failed] == ["agrees with the same line elsewhere in the document"]
        assert "forecast £420.8m" in failed[0].detail or "forecast £421.8m" in failed[0].detail
        assert row.verification is Verification.CONTRADICTED


@pytest.mark.shared
def test_kents_directorate_budgets_are_verified_by_the_councils_net_budget(kent_dir: Path) -> None:
    document, tables = pipeline_tables(
        kent_dir / "kent_cabinet_2025-01-30_appendixE_budget_by_directorate.pdf"
    )
    lines = records_from_tables(tables, document).budget_lines
    assert {line.name for line in lines} >= {"TOTAL", "CYPE", "ASCH"}
    assert {line.verification for line in lines} == {Verification.VERIFIED}


def test_heading_words_broken_mid_word_by_narrow_columns_still_name_their_columns() -> None:
    rows = [
        ["Service", "Revenu", "Forecas", "Varianc"],
        ["", "e Budget £000", "t £000", "e £000"],
        ["Fostering", "10,000", "11,200", "1,200"],
        ["Residential", "20,000", "19,500", "(500)"],
    ]
    lines = _lines(rows)
    assert (lines["Fostering"].budget_gbp, lines["Fostering"].forecast_gbp) == (10_000_000.0, 11_200_000.0)
    assert lines["Fostering"].verification is Verification.VERIFIED


def test_a_label_wrapped_below_its_figures_is_joined_and_starts_no_section() -> None:
    rows = [
        ["Service", "Budget £000", "Forecast £000", "Variance £000"],
        ["Looked after children –", "38,400", "41,900", "3,500"],
        ["residential placements", "", "", ""],
        ["Fostering", "14,200", "14,000", "(200)"],
        ["Total", "52,600", "55,900", "3,300"],
    ]
    lines = _lines(rows)
    assert "Looked after children – residential placements" in lines
    fostering = lines["Fostering"]
    assert fostering.directorate is None or "residential" not in fostering.directorate
    assert {line.verification for line in lines.values()} == {Verification.VERIFIED}


def test_a_variance_percentage_is_checked_against_the_variance_and_budget_it_is_a_share_of() -> None:
    rows = [
        ["Service", "Budget £000", "Forecast £000", "Variance £000", "Variance %"],
        ["Fostering", "10,000", "11,200", "1,200", "12.0%"],
        ["Residential", "20,000", "19,500", "(500)", "(2.5%)"],
    ]
    lines = _lines(rows)
    share = [c for c in lines["Fostering"].checks if c.identity == "the percentage agrees with its figures"]
    assert share and share[0].held
    wrong = _lines(_changed(rows, 1, 4, "21.0%"))["Fostering"]
    assert wrong.verification is Verification.CONTRADICTED
    assert "12.00%" in next(c.detail for c in wrong.checks if not c.held)


ALTERNATIVES = [
    ["Ref", "Saving", "Target £m", "Forecast against original saving £m", "Alternative savings ongoing £m",
     "Alternative savings one-off £m", "Total forecast £m", "Variance £m", "Undeliverable £m",
     "To be achieved in future years £m"],
    ["S1", "Residential step-down", "(2.0)", "(1.2)", "(0.3)", "(0.1)", "(1.6)", "0.4", "0.1", "0.3"],
    ["S2", "Commissioning review", "(1.0)", "(1.0)", "0.0", "0.0", "(1.0)", "0.0", "0.0", "0.0"],
]  # fmt: skip


def test_a_tracker_with_alternative_savings_reads_the_total_forecast_and_checks_its_parts() -> None:
    [first, second] = records_from_tables([table(ALTERNATIVES)], document()).savings
    assert (first.target_gbp, first.forecast_gbp, first.shortfall_gbp) == (
        2_000_000.0,
        1_600_000.0,
        400_000.0,
    )
    assert (first.undeliverable_gbp, first.slipped_gbp) == (100_000.0, 300_000.0)
    assert first.verification is Verification.VERIFIED
    assert {c.identity for c in first.checks} >= {
        "original forecast + alternative savings = total forecast",
        "shortfall = undeliverable + slipped to future years",
        "target − forecast = shortfall",
    }
    wrong = records_from_tables([table(_changed(ALTERNATIVES, 1, 4, "(0.6)"))], document()).savings[0]
    assert wrong.verification is Verification.CONTRADICTED


def test_a_summary_row_its_pages_lines_prove_holds_where_that_pages_total_is_the_slip() -> None:
    # The page's total is misprinted (its lines add up to 420.8, the summary row's figure): the
    # arithmetic decides between the two places, so the summary row stands and the total is the slip.
    own = _changed(_changed(OWN_PAGE, 3, 2, "421.8"), 3, 3, "(8.8)")
    summary = _changed(SUMMARY, 1, 3, "(9.8)")
    found = records_from_tables([table(summary, page=2), table(own, page=5, title="Children")], document())
    summary_row = next(b for b in found.budget_lines if b.name == "Children, Young People and Education")
    total = next(b for b in found.budget_lines if b.name == "Total Children, Young People and Education")
    assert summary_row.verification is Verification.VERIFIED
    place = next(
        c for c in summary_row.checks if c.identity == "agrees with the same line elsewhere in the document"
    )
    assert place.held and "the slip is in that total row" in place.detail
    assert total.verification is Verification.CONTRADICTED
    assert not next(c for c in total.checks if c.identity == place.identity).held


def test_a_directorate_row_in_thousands_is_proved_by_its_appendix_lines_under_another_name() -> None:
    summary = [
        ["Portfolio", "Net Budget £000", "Outturn Forecast £000", "Over/(Under) £000"],
        ["Families and Communities", "52,400.0", "55,150.0", "2,750.0"],
        ["Place", "40,000.0", "39,500.0", "(500.0)"],
        ["Total", "92,400.0", "94,650.0", "2,250.0"],
    ]
    appendix = [
        ["Service", "Net Budget £000", "Outturn Forecast £000", "Over/(Under) £000"],
        ["Placements", "30,000.0", "32,900.0", "2,900.0"],
        ["Family support", "22,400.0", "22,250.0", "(150.0)"],
        ["Families and Communities total", "52,400.0", "54,150.0", "1,750.0"],
    ]
    found = records_from_tables([table(summary, page=1), table(appendix, page=4)], document())
    row = next(b for b in found.budget_lines if b.name == "Families and Communities")
    assert row.verification is Verification.VERIFIED
    # Where the page's total agrees with its lines and the summary differs, both stay in doubt.
    agreeing = _changed(_changed(appendix, 1, 2, "31,900.0"), 1, 3, "1,900.0")
    again = records_from_tables([table(summary, page=1), table(agreeing, page=4)], document())
    rows = [b for b in again.budget_lines if "Families and Communities" in b.name]
    assert [r.verification for r in rows] == [Verification.CONTRADICTED] * 2


def test_a_misprinted_variance_is_named_where_the_printed_share_bears_out_budget_and_forecast() -> None:
    """Over 5,000 budget, 5,900 forecast and 18.0% printed agree; the variance printed as 600 is
    the slip (digits swapped), so only the variance is named wrong: budget and forecast stand."""
    rows = [
        ["Service", "Budget £000", "Forecast £000", "Variance £000", "Variance %"],
        ["Youth Justice", "5,000", "5,900", "600", "18.0%"],
        ["Short Breaks", "2,000", "2,100", "100", "5.0%"],
    ]
    line = _lines(rows)["Youth Justice"]
    assert line.verification is Verification.CONTRADICTED
    failed = [c for c in line.checks if not c.held]
    assert failed and all(c.fields == ["variance_gbp"] for c in failed)
    # The printed share agreeing with the variance instead: budget and variance are borne out, so
    # the forecast is the slip; with no percentage printed the row cannot tell, and names none.
    forecast = _lines(_changed(rows, 1, 4, "12.0%"))["Youth Justice"]
    assert [c.fields for c in forecast.checks if not c.held] == [["forecast_gbp"]]
    bare = _lines([r[:4] for r in rows])["Youth Justice"]
    assert [c.fields for c in bare.checks if not c.held] == [[]]


def test_no_share_of_budget_is_worked_out_from_a_variance_its_row_contradicts() -> None:
    from analyse.flags import overspend_flags

    rows = [
        ["Service", "Budget £000", "Forecast £000", "Variance £000", "Variance %"],
        ["Youth Justice", "5,000", "5,900", "600", "18.0%"],
        ["Short Breaks", "2,000", "2,300", "300", "15.0%"],
    ]
    flags = {f.subject: f for f in overspend_flags(list(_lines(rows).values()))}
    assert "(15.0% of its £2.0m budget)" in flags["Short Breaks"].message  # a sound row keeps its share
    assert "of its" not in flags["Youth Justice"].message  # not 12.0% from the misprinted 600


def test_fernleigh_care_leavers_variance_is_the_slip_not_its_budget_and_forecast(fernleigh) -> None:
    review, extraction = fernleigh
    (line,) = [b for b in extraction.budget_lines if b.name.startswith("Care Leavers")]
    assert {f for c in line.checks if not c.held for f in c.fields} == {"variance_gbp"}
    (row,) = [s for s in review.selection.service_lines if s.name == line.name]
    assert set(row.doubts) == {"variance_gbp"}
    # the area's sum of forecasts is sound: only its sum of variances carries the slip
    area = next(g for g in review.selection.scope_groups if g.lines == 8)
    assert set(area.doubts) == {"variance_gbp"}
    (flag,) = [f for f in review.flags if f.subject == line.name and f.code == "service_overspend"]
    assert "9.0%" not in flag.message
    (cost,) = review.placement_costs
    assert "External" in cost.line and (cost.count, cost.budgeted_count) == (41, 33)
    judged = next(s for s in review.savings_judged if "CF-25-01" in str(s.model_dump()))
    assert not any("in-house" in r.reason for r in judged.reasons)
