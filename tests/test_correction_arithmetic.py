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
