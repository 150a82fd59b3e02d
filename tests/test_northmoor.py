"""Northmoor (tests/northmoor): documents an independent tester wrote in councils' layouts, read
and analysed, checked against the figures the tester recorded in TRUTH.md."""

from __future__ import annotations

from typing import Any

from analyse.records import Review
from extract.records import Extraction


def test_the_childrens_directorate_is_the_directorate_row_in_pounds_and_verified(northmoor: Any) -> None:
    review, _ = northmoor
    assert isinstance(review, Review)
    children = review.position.children_services
    # Table 1's "Children's Services" row in £m, not a service line of Table 2, not £ read as £m
    assert (children.budget_gbp, children.forecast_gbp, children.variance_gbp) == (
        86_200_000,
        94_730_000,
        8_530_000,
    )
    assert children.verification == "verified"
    assert (review.position.budget_gbp, review.position.forecast_gbp) == (303_000_000, 311_370_000)


def test_the_testers_deliberate_slip_is_caught_and_not_verified(northmoor: Any) -> None:
    # Table 2 prints the looked-after children forecast as 40.62; its budget and variance make 40.92
    _, extraction = northmoor
    assert isinstance(extraction, Extraction)
    placements = [
        line
        for line in extraction.budget_lines
        if line.name.startswith("Looked After Children placements") and line.forecast_gbp is not None
    ]
    assert placements, "Table 2's looked-after children row was not read"
    assert all(line.verification != "verified" for line in placements)
