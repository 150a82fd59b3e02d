"""Northmoor's misprinted row (TRUTH.md A p4: Table 2 prints the looked-after children forecast as
40.62; its budget 34.80 and variance 6.12 make 40.92): the largest overspend is named with its
doubt, never beside "verified", and shown among the drivers marked, not dropped; one doubt, one
flag; one directorate stated twice, one overspend. Beside them, the general rules in other words."""

from __future__ import annotations

from typing import Any

from analyse.flags import overspend_flags
from analyse.records import Review, Scope
from analyse.scope import scope_of
from extract.records import Check, Extraction, Verification
from render.findings import children_position
from render.refs import Figures, doubt_of
from tests.review_builders import budget
from tests.test_review_diagnostic import Q2, _diagnostic, _report

PLACEMENTS = "Looked After Children placements"


def test_the_largest_overspend_is_named_with_its_doubt_not_as_verified(northmoor: Any) -> None:
    review, _ = northmoor
    assert isinstance(review, Review)
    card = children_position(review, Figures(review))
    assert card is not None
    said = "".join(str(part) for part in card.detail)
    largest = said[said.index("Largest overspend") :]
    assert PLACEMENTS in largest and "£6.1m" in largest
    assert "verified" not in largest and "does not agree" in largest
    # the directorate's own figures (Table 1, which adds up) are the ones said to be verified
    assert "verified" in said[: said.index("Largest overspend")]


def test_the_contradicted_placements_row_is_the_first_driver_marked(northmoor: Any) -> None:
    review, _ = northmoor
    drivers = review.diagnostic.drivers
    assert [(d.name, d.variance_gbp) for d in drivers[:2]] == [
        (PLACEMENTS, 6_120_000),
        ("Home to School Transport (SEND)", 1_870_000),
    ]
    assert round(drivers[0].share, 2) == round(6.12 / 8.53, 2)
    assert drivers[0].doubts.get("variance_gbp") and not drivers[1].doubts


def test_the_childrens_directorate_overspend_is_one_flag_cited_at_both_tables(northmoor: Any) -> None:
    # TRUTH A: Table 1 "Children's Services 86.20 94.73 8.53", Table 2 "Total Children's Services" the same
    review, _ = northmoor
    flagged = [f for f in review.flags if f.code == "service_overspend" and f.amount_gbp == 8_530_000]
    assert len(flagged) == 1
    assert {p.locator for p in flagged[0].provenance} == {"page 3, Table 1, row 3", "page 4, Table 2, row 9"}


def test_educational_psychology_is_education_and_short_breaks_childrens_social_care(northmoor: Any) -> None:
    review, _ = northmoor
    scopes = {
        f.subject: f.scope
        for f in review.flags
        if f.subject in ("Educational Psychology traded income", "Short breaks review")
    }
    assert scopes == {
        "Educational Psychology traded income": Scope.EDUCATION_SEND_TRANSPORT,
        "Short breaks review": Scope.CHILDRENS_SOCIAL_CARE,
    }


# --- The general rules, in other councils' words.


def test_a_line_its_table_contradicts_is_still_a_driver_with_its_figures_marked() -> None:
    lines = _report(Q2, 3e6, 1e6, 3.5e6)
    lines[0] = lines[0].model_copy(
        update={
            "verification": Verification.CONTRADICTED,
            "checks": [
                Check(
                    identity="budget + variance = forecast",
                    held=False,
                    detail="x",
                    provenance=lines[0].provenance,
                )
            ],
        }
    )
    found = _diagnostic(Extraction(budget_lines=lines))
    assert [(d.name, bool(d.doubts)) for d in found.drivers] == [
        ("Residential placements", True),
        ("Home to school transport", False),
    ]


def test_educational_words_place_a_line_in_education() -> None:
    assert scope_of("Special educational needs assessment team") is Scope.EDUCATION_SEND_TRANSPORT
    assert scope_of("Educational psychologists: traded service") is Scope.EDUCATION_SEND_TRANSPORT
    assert scope_of("Short breaks for disabled children") is Scope.CHILDRENS_SOCIAL_CARE


def test_a_directorate_printed_twice_is_one_overspend_and_another_budget_is_another_row() -> None:
    # one row as the questions have it (analyse.enquiry.one_per_ask): its name less "total", its budget
    cyp = "Children and Families"
    summary = budget(cyp, "directorate", 50e6, 54e6, "q2.pdf", directorate=cyp)
    closing = budget(f"Total {cyp}", "directorate", 50e6, 54e6, "q2.pdf", directorate=cyp)
    assert len(overspend_flags([summary, closing])) == 1
    slip = closing.model_copy(update={"forecast_gbp": 55e6, "variance_gbp": 5e6})
    assert len(overspend_flags([summary, slip])) == 1
    other = closing.model_copy(update={"budget_gbp": 49e6, "forecast_gbp": 55e6, "variance_gbp": 6e6})
    assert len(overspend_flags([summary, other])) == 2


def test_an_areas_sum_of_the_misprinted_row_carries_its_doubt(northmoor: Any) -> None:
    # Children's social care sums 3 lines, the looked-after children's forecast 40.62 among them
    review, _ = northmoor
    groups = {g.name: g for g in review.selection.scope_groups}
    social_care = groups["Children's social care"]
    assert (social_care.lines, social_care.forecast_gbp) == (3, 69_870_000)
    # The row's printed 17.6% bears out its budget and variance: its forecast alone is the slip,
    # so only the area's sum of forecasts is in doubt.
    assert set(social_care.doubts) == {"forecast_gbp"}
    assert "does not agree" in social_care.doubts["forecast_gbp"]
    assert not groups["Education, SEND and home-to-school transport"].doubts
    assert "in doubt" in doubt_of(social_care, "forecast_gbp")  # how the pack and deck print it
