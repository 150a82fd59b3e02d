"""A children's saving that matches a service line of the council's budget table is in the part of
the children's scope that line's division is (Severnbrook's reader: CYP04 "Family Hubs
restructure" is budgeted under "Early Years & Family Hubs" in Education & Learning, so it is
education's savings, not children's social care's)."""

from __future__ import annotations

from typing import Any

from analyse.records import Scope
from analyse.scope import scope_index
from extract.records import Extraction
from tests.review_builders import budget, prov, saving

DIRECTORATE = "Children, Families and Education"
SOCIAL = "Children's Social Care"
LEARNING = "Education and Inclusion"


def _saving(title: str, row: int) -> Any:
    line = saving(title, 300_000.0, directorate=DIRECTORATE)
    return line.model_copy(update={"provenance": [prov(title, "tracker.xlsx", f"sheet Savings!A{row}")]})


def _extraction(*savings: Any) -> Extraction:
    lines = [
        budget("Looked after children placements", "service_line", 40e6, 44e6, directorate=SOCIAL),
        budget("Children's centres and early help", "service_line", 6e6, 6.2e6, directorate=LEARNING),
        budget("Total Children's Social Care", "directorate", 40e6, 44e6, directorate=SOCIAL),
        budget("Total Education and Inclusion", "directorate", 6e6, 6.2e6, directorate=LEARNING),
    ]
    return Extraction(savings=list(savings), budget_lines=lines)


def test_a_saving_matching_a_budget_line_takes_that_lines_part_of_the_scope() -> None:
    centres = _saving("Children's centres consolidation", 5)
    placements = _saving("Placements step-down programme", 6)
    index = scope_index(_extraction(centres, placements))
    assert index.plan_line(centres) is Scope.EDUCATION_SEND_TRANSPORT
    assert index.plan_line(placements) is Scope.CHILDRENS_SOCIAL_CARE


def test_severnbrooks_family_hubs_saving_is_education_and_learnings(severnbrook: Any) -> None:
    review, _ = severnbrook
    parts = {p.scope: p for p in review.savings_summary.by_scope}
    education = parts[Scope.EDUCATION_SEND_TRANSPORT]
    assert any("Family Hubs" in p.text for p in education.provenance)
    assert education.target_gbp == 1_150_000.0 and education.lines == 2
