"""An overspend the documents already explain is asked what the explanation leaves open; one they do
not is asked its drivers, in words that fit its kind of service."""

from __future__ import annotations

from typing import Any

from analyse.enquiry import lines_of_enquiry
from analyse.explained import Explanation, explained_in, read_for_variances
from analyse.flags import overspend_flags
from analyse.records import Position
from analyse.stated import figure_flags
from analyse.themes import tag_flags
from extract.records import Figure, FigureUnit, Passage
from tests.review_builders import budget, no_lines, prov

RESIDENTIAL = (
    "Residential placements are forecast to overspend by £5.0m. There were 58 children in residential"
    " care at 30 September 2025 against a budgeted 50, at an average weekly cost of £6,850, up from"
    " £6,200 a year ago."
)


def passage(text: str) -> Passage:
    return Passage(text=text, provenance=[prov(text, "monitoring.pdf", "page 2, paragraph 4")])


def explanation(name: str, passages: list[Passage]) -> Explanation | None:
    """The explanation as overspend_flags reads it: the paragraphs read once, then the line's."""
    return explained_in(name, read_for_variances(passages))


def asked(lines: list, passages: list[Passage]) -> list[str]:
    flags = tag_flags(overspend_flags(lines, passages=passages))
    return [q.question for q in lines_of_enquiry(flags, [], Position(), [])]


def test_a_paragraph_on_the_lines_variance_that_states_its_cause_explains_it() -> None:
    found = explanation("Looked after children – residential placements", [passage(RESIDENTIAL)])
    assert found is not None and found.sentence.startswith("There were 58 children")
    assert found.provenance[0].text == found.sentence  # cited to the sentence, not the paragraph
    # Activity set against the budget is a cause, as much as a cause named.
    numbers = (
        "Residential placements are forecast to overspend by £5.0m. There were 58 against a budgeted 50."
    )
    assert explanation("Residential placements", [passage(numbers)]) is not None


def test_a_cause_on_another_subject_or_without_a_variance_explains_nothing() -> None:
    other = "Home to school transport is forecast to overspend by £3.1m, driven by pupil numbers."
    assert explanation("Looked after children – residential placements", [passage(other)]) is None
    # On the subject, a cause, but no variance: the numbers in care, not why the line overspends.
    context = "The number of children in residential placements has risen to 58."
    assert explanation("Residential placements", [passage(context)]) is None


def test_an_explained_overspend_is_asked_what_the_explanation_leaves_open() -> None:
    line = budget("Looked after children – residential placements", "service_line", 38.4e6, 43.45e6)
    (flag,) = overspend_flags([line], passages=[passage(RESIDENTIAL)])
    assert "against a budgeted 50" in flag.message and flag.provenance[-1].text.startswith("There were")
    (question,) = asked([line], [passage(RESIDENTIAL)])
    assert "how much of it is recurrent, and what is being done" in question
    assert "What drives" not in question


def test_an_unexplained_overspend_is_asked_the_drivers_of_its_kind_of_service() -> None:
    lines = [
        budget("SEND home to school transport", "service_line", 41.2e6, 44.3e6),
        budget("Children's social work teams", "service_line", 32.5e6, 34.9e6),
        budget("Supported accommodation (16+)", "service_line", 8.3e6, 9.1e6),
        budget("Youth offending service", "service_line", 2e6, 2.5e6),
    ]
    transport, staff, placements, other = asked(lines, [])
    assert transport.endswith("'SEND home to school transport': pupil numbers or route costs?")
    assert staff.endswith(": agency use, vacancies or pay?")
    assert placements.endswith(": numbers of children, unit costs or placement mix?")
    assert other.endswith(": activity, unit costs or income?")


def test_a_stated_overspend_whose_sentence_gives_its_driver_is_asked_what_it_leaves_open() -> None:
    def stated(text: str) -> Figure:
        return Figure(
            value=4.6e6, unit=FigureUnit.GBP, label=text, text=text, period="2025-26",
            provenance=[prov(text, "monitoring.pdf", "page 2")],
        )  # fmt: skip

    driven = (
        "The High Needs block is forecast to overspend by £4.6m in 2025-26, driven by the number of plans."
    )
    bare = "The High Needs block is forecast to overspend by £4.6m in 2025-26."
    (explained,) = lines_of_enquiry(figure_flags([stated(driven)], no_lines()), [], Position(), [])
    (unexplained,) = lines_of_enquiry(figure_flags([stated(bare)], no_lines()), [], Position(), [])
    assert explained.question.startswith(
        "The documents state a forecast overspend of £4.6m (2025-26) and what drives it"
    )
    assert unexplained.question == (
        "The documents state a forecast overspend of £4.6m (2025-26): what drives it, and how"
        " much of it is recurrent?"
    )


SECTIONS = (
    "4.1 Children in care. Placements are under pressure and the service is driven by market costs."
    " At 31 December there were 71 children in residential care compared with a budgeted 60, at an"
    " average of £5,900 a week. 4.2 Short breaks. Demand has risen because of new eligibility."
)


def test_a_cause_measured_against_the_budget_under_the_lines_own_heading_is_the_explanation() -> None:
    # a general cause comes first in the documents; the measured one, under the line's own numbered
    # heading (no variance word in its sentences), says by how much, and is the one quoted
    general = passage("The pressure on children in care is driven by external residential placements.")
    found = explanation("Children in care placements", [general, passage(SECTIONS)])
    assert found is not None and found.sentence.startswith("At 31 December there were 71 children")
    # without a measured cause, the first cause stands
    assert explanation("Children in care placements", [general]) is not None
    # another section's heading ends the line's sentences: its cause is not the line's
    later = passage(
        "4.1 Children in care. Numbers are stable at 412. 4.2 Youth justice. Remand costs rose against a"
        " budgeted 4 remand beds."
    )
    assert explanation("Children in care placements", [later]) is None


def test_northmoor_placements_question_quotes_the_numbers_against_budget_with_their_page(
    northmoor: Any,
) -> None:
    review, _ = northmoor
    because = next(
        q.because for q in review.lines_of_enquiry if "'Looked After Children placements'" in q.question
    )
    assert "58 children in external residential placements against a budgeted 46" in because
    assert "page 4, paragraph 6" in because


def test_one_overspend_stated_twice_at_two_precisions_is_flagged_once_citing_both() -> None:
    def stated(value: float, text: str, where: str, places: int | None) -> Figure:
        return Figure(
            value=value, unit=FigureUnit.GBP, label="overspend", text=text, places=places,
            provenance=[prov(text, "q2-report.pdf", where)],
        )  # fmt: skip

    rounded = stated(3.3e6, "Members are asked to note the projected overspend of £3.3m.", "page 1", 1)
    exact = stated(
        3_284_650, "The authority projects an overspend of £3,284,650 at Quarter 2.", "page 3", None
    )
    other = stated(3.6e6, "Services now project an overspend of £3.6m.", "page 4", 1)
    flags = figure_flags([rounded, exact], no_lines())
    (flag,) = flags
    assert flag.provenance == [*rounded.provenance, *exact.provenance]
    assert len(figure_flags([rounded, other], no_lines())) == 2  # another amount is another finding


def test_a_sentence_whose_subject_is_another_lines_does_not_explain_this_one() -> None:
    # "Disabled children" is named only in the cause of the care leavers' sentence: that sentence is
    # on care leavers and explains no overspend on disabled children's short breaks.
    transport = passage(
        "Care leavers' accommodation is overspending because of a rise in disabled children turning"
        " 18. Short breaks for disabled children are overspending due to higher provider rates."
    )
    found = explanation("Disabled children – short breaks", [transport])
    assert found is not None and found.sentence.startswith("Short breaks")
    only = passage(
        "Care leavers' accommodation is overspending because of a rise in disabled children turning 18."
    )
    assert explanation("Disabled children – short breaks", [only]) is None
    # a sentence opening on its cause is on whatever it names
    cause_first = passage(
        "Due to higher provider rates, short breaks for disabled children are overspending."
    )
    assert explanation("Disabled children – short breaks", [cause_first]) is not None


def test_ashdowns_send_support_overspend_is_not_explained_by_the_transport_sentence(ashdown: Any) -> None:
    review, _ = ashdown
    flags = [
        f for f in review.flags if f.code == "service_overspend" and f.subject == "SEND support services"
    ]
    assert flags and all("transport" not in (f.explained_by or "").lower() for f in flags)
