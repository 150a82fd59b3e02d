"""A saving's records across a bundle (a plan's line and a tracker's row) are found by one rule,
`same_saving`, whether two records are compared or a saving's records are looked up among many."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from analyse.amounts import SameSavings, same_saving
from tests.review_builders import saving

TITLES = [
    "Residential step-down",
    "Residential step down to foster care",
    "Step-down from residential care",
    "Foster care recruitment",
    "Recruit foster carers",
    "The",
    "",
]
REFS = [None, "CYPE-06", "cype-06 ", "CYPE-07", " "]


@given(st.lists(st.tuples(st.sampled_from(TITLES), st.sampled_from(REFS)), min_size=1, max_size=8), st.data())
def test_a_savings_records_looked_up_are_those_compared_pair_by_pair(
    lines: list, data: st.DataObject
) -> None:
    records = [saving(title, ref=ref) for title, ref in lines]
    alike = SameSavings(records)
    line = data.draw(st.sampled_from([*records, saving("Residential step-down", ref="CYPE-06")]))
    assert alike.of(line) == [r for r in records if r is line or same_saving(line, r)]


def test_titles_alike_or_one_reference_are_one_saving_and_a_record_is_its_own() -> None:
    plan = saving("Residential step-down to foster care", ref="CYPE-06")
    tracker = saving("Residential step down to foster care")
    other = saving("Residential step-down to foster care", ref="CYPE-07")
    untitled = saving("")
    alike = SameSavings([plan, tracker, other, untitled])
    assert alike.of(tracker) == [plan, tracker, other]  # no reference on one side: the titles decide
    assert alike.of(plan) == [plan, tracker]  # both referenced: the references decide
    assert alike.of(untitled) == [untitled]


def test_a_row_whose_target_is_another_documents_lines_added_up_is_their_total_not_a_saving() -> None:
    from analyse.amounts import item_savings, sums_lines_of
    from tests.review_builders import YEAR, saving

    tracker = [
        saving("Step down from residential care", 1_050_000, "tracker.pdf"),
        saving("Agency social workers", 370_000, "tracker.pdf"),
        saving("Business support review", 670_000, "tracker.pdf"),
    ]
    # a monitoring report's savings by directorate: "People – Children's Services | 2,090 | ..."
    summary = saving(
        "People – Children's Services", None, "monitoring.pdf", period=YEAR, target_gbp=2_090_000
    )
    other = saving("Place", None, "monitoring.pdf", period=YEAR, target_gbp=3_100_000)
    assert sums_lines_of(summary, [*tracker, summary, other]) == "tracker.pdf"
    assert item_savings([*tracker, summary, other]) == [*tracker, other]
    # one value changed: the lines no longer add up to it, so it is a line of its own
    apart = summary.model_copy(update={"target_gbp": 2_190_000})
    assert sums_lines_of(apart, [*tracker, apart]) is None
    # a single line equal to it is the same saving, not lines it totals
    assert (
        sums_lines_of(summary, [tracker[0].model_copy(update={"planned": summary.planned}), summary]) is None
    )
