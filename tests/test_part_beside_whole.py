"""A part set beside the whole it is part of is worded so that it holds whatever their sizes
(analyse.wording.beside_whole): the children's overspend is "within" the council's only where it is
smaller; a larger one is "more than the council's net overspend", other services underspending."""

from __future__ import annotations

from typing import Any

from analyse.enquiry import lines_of_enquiry
from analyse.records import Money3, Position
from analyse.wording import beside_whole
from tests.review_builders import prov


def test_a_part_smaller_than_its_whole_is_within_it() -> None:
    assert (
        beside_whole(3.2e6, 11.9e6, "the county's", "overspend", "x")
        == "within the county's overspend of £11.9m"
    )


def test_a_part_larger_than_its_whole_is_more_than_its_net_figure() -> None:
    words = beside_whole(12.6e6, 4.1e6, "the county's", "overspend", "other directorates underspend")
    assert words == "more than the county's net overspend of £4.1m (other directorates underspend)"
    assert "within" not in words


def test_a_part_printed_as_its_whole_is_as_much_as_it() -> None:
    assert (
        beside_whole(4.14e6, 4.11e6, "the county's", "overspend", "x")
        == "as much as the county's overspend of £4.1m"
    )


def _overspend_question(children: float, council: float) -> str:
    position = Position(
        period="2025-26",
        variance_gbp=council,
        provenance=[prov("Total net budget", "q3.pdf", "p. 2")],
        children_services=Money3(
            variance_gbp=children, provenance=[prov("Children and Families", "q3.pdf", "p. 2")]
        ),
        children_services_name="Children and Families",
    )
    lines = lines_of_enquiry([], [], position, [])
    return next(line.because for line in lines if "children's services overspend" in line.question)


def test_the_overspend_question_never_puts_a_larger_part_within_a_smaller_whole() -> None:
    assert (
        "more than the council's net overspend of £4.1m (other services underspend)"
        in _overspend_question(12.6e6, 4.1e6)
    )
    assert "within the council's overspend of £21.0m" in _overspend_question(12.6e6, 21.0e6)


def test_northmoor_childrens_overspend_is_more_than_the_councils_net_overspend(northmoor: Any) -> None:
    review, _ = northmoor
    because = next(
        q.because for q in review.lines_of_enquiry if "children's services overspend" in q.question
    )
    assert (
        "£8.5m in 2025-26, more than the council's net overspend of £8.4m (other services underspend)"
        in because
    )
