"""A reviewer's correction is checked against its own row's arithmetic before it is saved: a
variance typed with the source's sign (overspends in brackets) where the page shows + for an
overspend contradicts budget + variance = forecast, and the reviewer is told so, with the sign
that would hold."""

from __future__ import annotations

from workers.web.checks import SIGNS, objection, parse_amount

LINE = {"budget_gbp": 41_200_000.0, "forecast_gbp": 44_900_000.0, "variance_gbp": 3_700_000.0}


def test_an_overspend_typed_in_brackets_is_objected_to_with_the_sign_that_holds() -> None:
    typed = parse_amount("(3.7)", "£m")  # a report whose key prints adverse variances in brackets
    said = objection("budget_line", LINE, "variance_gbp", typed, "£m")
    assert "does not add up" in said and "41.2 + variance (3.7) = 37.5" in said
    assert "forecast 44.9" in said and "+ = overspend" in said and "did you mean 3.7?" in said


def test_a_correction_that_holds_to_the_printed_rounding_is_not_objected_to() -> None:
    assert objection("budget_line", LINE, "variance_gbp", 3_749_000.0, "£m") == ""
    assert objection("budget_line", LINE, "forecast_gbp", 44_900_000.0, "£m") == ""
    missing = {**LINE, "budget_gbp": None}
    assert objection("budget_line", missing, "variance_gbp", -1.0, "£m") == ""  # nothing to check against


def test_a_saving_is_checked_in_size_as_its_identity_is_and_names_no_sign() -> None:
    saving = {"target_gbp": 900_000.0, "forecast_gbp": 600_000.0, "shortfall_gbp": 300_000.0}
    assert objection("saving", saving, "shortfall_gbp", -300_000.0, "£000") == ""
    said = objection("saving", saving, "forecast_gbp", 650_000.0, "£000")
    assert "target 900 − forecast 650 = 250" in said and "shortfall 300" in said
    assert "did you mean" not in said


def test_the_page_says_which_way_its_variances_run() -> None:
    assert SIGNS["variance_gbp"] == "+ = overspend"


def test_a_figure_is_shown_to_the_places_its_table_prints() -> None:
    from workers.web.checks import places_of, show

    table = [127_316_800.0, 117_244_900.0, 98_450_000.0]  # a £000 table printed to one place
    assert places_of(table, 1_000.0) == 1
    assert show(127_316_800.0, "£000", places_of(table, 1_000.0)) == "127,316.8"
    assert show(98_450_000.0, "£000", 1) == "98,450.0"
    assert show(43_450_000.0, "£000", 0) == "43,450"  # whole thousands stay whole
    assert show(5_247_200.0, "£000", 0) == "5,247.2"  # never fewer places than the figure needs
    assert show(-2_125_000.0, "£m", places_of([-2_125_000.0], 1e6)) == "(2.125)"


def test_the_field_in_doubt_is_the_one_the_failing_check_names_in_the_tables_own_heading() -> None:
    from workers.web.checks import doubted_field

    failing = ["lines row 2 to row 9 do not add up: 'Outturn (£m)' £26.3m against lines £27.3m"]
    assert doubted_field("budget_line", failing) == "forecast_gbp"
    variance = ["lines do not add up: 'Over/(under) spend' £1.2m against lines £1.4m"]
    assert doubted_field("budget_line", variance) == "variance_gbp"
    assert doubted_field("budget_line", ["£41.2m + £3.7m = £44.9m; the forecast printed is £45.0m"]) == ""
    assert doubted_field("pressure", failing) == ""
