"""Northmoor (tests/northmoor, TRUTH.md): the council's name, and figures its prose states for
something other than the children's current forecast, read as what they are."""

from __future__ import annotations

from typing import Any

import pytest

from analyse.records import Scope


def test_the_council_is_named_as_every_document_names_it_and_not_benchmarked(northmoor: Any) -> None:
    # "Northmoor Borough Council" heads every page of the PDF and is cell A1 of the tracker; it is
    # not among the national tables' councils, so nothing is benchmarked
    review, _ = northmoor
    assert review.council.name == "Northmoor Borough Council"
    assert review.council.la_code is None
    named_in = {p.file for p in review.council.identified_from}
    assert "Northmoor_CS_Savings_Tracker_P6_2025-26.xlsx" in named_in
    assert "Northmoor_Cabinet_RevenueMonitoring_Q2_2025-26.pdf" in named_in
    assert any(
        "Northmoor Borough Council is not a council in the national statistics" in c for c in review.caveats
    )


def _stated_overspends(review: Any) -> dict[float, Any]:
    return {f.amount_gbp: f for f in review.flags if f.code == "stated_overspend"}


def test_the_general_fund_overspend_stated_in_a_recommendation_is_the_councils_not_the_dsgs(
    northmoor: Any,
) -> None:
    # recommendation (a): "note the forecast General Fund revenue overspend of £8.37m"; item (c)
    # of the same sentence is the DSG's
    review, _ = northmoor
    stated = _stated_overspends(review)
    assert stated[8_370_000].scope is Scope.COUNCIL_WIDE


def test_a_conditional_and_an_earlier_quarters_overspend_are_not_stated_as_the_forecast(
    northmoor: Any,
) -> None:
    # 3.3: "... the Council-wide overspend [would reduce] to £7.27m" if £1.10m of actions are
    # delivered; 3.1: "compares with a forecast overspend of £6.02m reported to Cabinet at Quarter 1"
    review, _ = northmoor
    stated = _stated_overspends(review)
    assert 7_270_000 not in stated and 7_430_000 not in stated and 6_020_000 not in stated
    # (a question may cite the paragraph for something else: what it asks and why is what counts)
    said = [f"{line.question} {line.because} {line.stake}" for line in review.lines_of_enquiry]
    asked = [
        words for words in said if "7.27m" in words or "7.3m" in words or "6.02m" in words or "6.0m" in words
    ]
    assert asked == []


def test_the_childrens_recovery_plan_outside_the_forecast_is_read_once(northmoor: Any) -> None:
    # 3.3: "Management actions totalling £1.10m ... are not yet reflected in the forecast"; 5.6:
    # "... management actions of £1.10m ... These are not yet included in the forecast."
    review, _ = northmoor
    (actions,) = review.position.actions_outside_forecast
    assert actions.amount_gbp == 1_100_000
    assert actions.scope is Scope.CHILDRENS_SOCIAL_CARE
    # and what delivering them would leave, quoted with them (3.3)
    assert "overspend would reduce to £7.43m and the Council-wide overspend to £7.27m" in actions.words
    assert {p.page for p in actions.provenance} >= {1, 5}
    places = [(p.page, p.locator) for p in actions.provenance]
    assert len(places) == len(
        set(places)
    )  # each paragraph cited once, though two of its sentences are quoted


def test_the_trackers_next_year_targets_are_the_childrens_savings_planned_for_2026_27(northmoor: Any) -> None:
    # the tracker's "2026/27 target £000" column sums to 2,800
    review, _ = northmoor
    planned = review.selection.planned
    at = planned.years.index("2026-27")
    assert planned.totals[at] == 2_800_000


def test_the_mtfps_savings_and_the_childrens_part_of_them_give_the_childrens_share(northmoor: Any) -> None:
    # MTFP s3: "Savings proposals totalling £9.2m in 2026/27 ..., of which £2.80m relate to
    # Children's Services"
    review, _ = northmoor
    (share,) = [s for s in review.selection.plan_shares if s.period == "2026-27"]
    assert (share.council_savings_gbp, share.children_savings_stated_gbp) == (9_200_000, 2_800_000)
    assert share.children_savings_gbp == 2_800_000 and share.council_savings_basis == "stated"
    assert share.savings_share == pytest.approx(2.8 / 9.2)
