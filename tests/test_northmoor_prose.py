"""Northmoor (tests/northmoor, TRUTH.md): the council's name, and figures its prose states for
something other than the children's current forecast, read as what they are."""

from __future__ import annotations

from typing import Any


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
