"""Hallam Valley (tests/hallam): documents an independent tester wrote in councils' layouts, with
children's services inside a People directorate beside adult social care, in £000, checked
against the figures the tester recorded in TRUTH.md."""

from __future__ import annotations

from typing import Any

from extract.records import Extraction


def _line(extraction: Extraction, name: str) -> list[Any]:
    return [line for line in extraction.budget_lines if line.name.startswith(name)]


def test_thousands_are_read_as_thousands_and_the_landscape_table_is_read_whole(hallam: Any) -> None:
    _, extraction = hallam
    transport = _line(extraction, "Home to School Transport (SEND)")
    assert transport and {(t.budget_gbp, t.forecast_gbp, t.variance_gbp) for t in transport} == {
        (9_870_000, 11_640_000, 1_770_000)
    }
    # the People table runs over a page break with its header repeated: its last rows are read too
    assert _line(extraction, "Directorate Management & Support")


def test_the_testers_deliberate_slip_is_not_verified(hallam: Any) -> None:
    # the Children's Services subtotal prints a variance of 5,710; 71,570 - 66,400 is 5,170
    _, extraction = hallam
    subtotal = [line for line in _line(extraction, "Children's Services subtotal") if line.variance_gbp]
    assert subtotal, "the Children's Services subtotal was not read"
    assert all(line.verification != "verified" for line in subtotal)


def test_the_strategys_own_title_is_not_taken_for_a_missing_document(hallam: Any) -> None:
    # its title opens "Hallam Valley Council – Children's Services Placement Sufficiency Strategy"
    review, _ = hallam
    missing = [m.name for m in review.documents_missing]
    assert not any("Sufficiency" in name for name in missing), missing
