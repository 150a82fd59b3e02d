"""The review of the fictional Wyvern County Council's bundle, read back by the extractors.

The expected findings come from examples/wyvern_figures.py and examples/README.md (the figures and
the deliberate faults the generator wrote), not from the code under test.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from analyse.records import Review
from analyse.review import build_review
from examples.wyvern_figures import CYPE, SAVINGS
from extract.document import extract_file
from extract.records import Extraction
from tests.contract import check_review


@pytest.fixture(scope="module")
def wyvern(example_bundle: Path) -> Review:
    files = sorted(p for p in example_bundle.rglob("*") if p.is_file())
    return build_review(Extraction.combine([extract_file(p.name, p.read_bytes()) for p in files]))


def subjects(review: Review, code: str) -> list[str]:
    """Subjects flagged for `code` among their reasons (one saving is one flag with all its reasons)."""
    return [f.subject for f in review.flags if code in (f.code, *f.reason_codes)]


def test_the_childrens_savings_target_is_the_trackers_cype_total_counted_once(wyvern: Review) -> None:
    cype = [s for s in SAVINGS if s.directorate == CYPE]
    assert wyvern.savings_summary.target_gbp == sum(s.target for s in cype) * 1_000


def test_every_childrens_saving_not_rated_green_or_blue_is_at_risk(wyvern: Review) -> None:
    cype = [s for s in SAVINGS if s.directorate == CYPE]
    assert wyvern.savings_summary.at_risk_count == sum(s.rag not in ("Green", "Blue") for s in cype)


def test_the_unidentified_and_the_slipped_savings_are_flagged(wyvern: Review) -> None:
    unidentified = next(s for s in SAVINGS if "identified" in s.description)
    slipped = next(s for s in SAVINGS if "slipped" in s.description.lower())
    assert unidentified.description in subjects(wyvern, "unidentified_saving")
    assert slipped.description in subjects(wyvern, "slipped")


def test_the_savings_plan_disagreeing_with_the_tracker_on_step_down_is_caught(wyvern: Review) -> None:
    # examples/README.md, fault 2: the DOCX phases CYPE-02 at 1,100 where the tracker says 900.
    step_down = next(s for s in SAVINGS if s.ref == "CYPE-02")
    mismatches = [r for r in wyvern.reconciliations if r.code == "cross_document_mismatch"]
    assert any(
        r.subject == step_down.description and abs(r.difference_gbp or 0) == 200_000 for r in mismatches
    )


def test_the_wyvern_review_meets_the_contract(wyvern: Review) -> None:
    check_review(wyvern.model_dump(mode="json"))
    assert all(f.provenance for f in wyvern.flags)


def test_the_position_is_the_q2_reports_and_its_childrens_total_headlines_with_the_doubt_on_its_lines(
    wyvern: Review,
) -> None:
    # examples/README.md: council total 830,800 forecast, 12,800 over; CYPE states 12,400 over,
    # but its lines add up to 12,150 (fault 1). Only its lines contradict the total: its own
    # budget + variance = forecast holds, the directorate totals add to the council's, and the
    # prose states £12.4m, so the total is the headline and the lines carry the doubt.
    assert (wyvern.position.forecast_gbp, wyvern.position.variance_gbp) == (830_800_000.0, 12_800_000.0)
    cs = wyvern.position.children_services
    assert (cs.budget_gbp, cs.forecast_gbp, cs.variance_gbp) == (191_000_000.0, 203_400_000.0, 12_400_000.0)
    assert "Q2" in cs.provenance[0].file and wyvern.position.children_services_missing is None
    short = wyvern.position.children_services_lines_short
    assert short is not None and short.lines_variance_gbp == 12_150_000.0
    assert abs(short.short_gbp - 250_000.0) < 1.0 and short.ways_checked == 3


def test_the_childrens_total_that_does_not_add_up_is_caught_with_its_difference(wyvern: Review) -> None:
    # examples/README.md, fault 1: the CYPE total states 203,400 forecast; its lines add to 203,150.
    forecast = [r for r in wyvern.reconciliations if r.code == "total_mismatch" and "forecast" in r.subject]
    assert any(r.stated_gbp == 203_400_000.0 and r.difference_gbp == 250_000.0 for r in forecast)


def test_wyverns_questions_ask_for_the_cited_strategy_go_to_the_named_owner_and_rank_the_dsg_deficit(
    wyvern: Review,
) -> None:
    lines = wyvern.lines_of_enquiry
    # The Q2 report (p2) places the placements recovery in the Placement Sufficiency Strategy, not
    # received: the residential placements question asks for it by name.
    (residential,) = [q for q in lines if "'Looked after children – residential placements'" in q.question]
    assert "Can the council supply the Placement Sufficiency Strategy" in residential.question
    # CR02 'High Needs block deficit' is the Director of Education's (the register's owner column)
    (high_needs,) = [q for q in lines if "overspend of £4.6m" in q.question]
    assert "'High Needs block deficit'" in high_needs.because
    assert high_needs.addressed_to == "Director of Education; S151"
    # the £38.2m DSG deficit falls on the council when the override ends: ranked by its money with a
    # year's, not twelfth behind every overspend
    (dsg,) = [q for q in lines if "DSG deficit" in q.question]
    assert (dsg.amount_gbp, dsg.stake_period) == (38_200_000.0, "balance")
    assert lines.index(dsg) == 0
