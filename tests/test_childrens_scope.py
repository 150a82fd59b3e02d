"""A children's scope that spans directorates (or divisions): each part's figures beside their
sum, savings split the same way, and the wording taken from the scope, never "the children's
directorate" for two of them (analyse.position.children_scope)."""

from __future__ import annotations

import re
from html import unescape
from typing import Any

import pytest

from analyse.review import build_review
from extract.records import Extraction, Verification
from render.pack import pack_html
from tests.review_builders import budget, saving

SOCIAL = "Children and Families"
LEARNING = "Schools, Learning and Inclusion"


def _verified(row: Any) -> Any:
    return row.model_copy(update={"verification": Verification.VERIFIED})


def _bundle(*, apart: bool = True) -> Extraction:
    learning = LEARNING if apart else SOCIAL
    rows = [
        budget(SOCIAL, "directorate", 80e6, 86e6, directorate=SOCIAL),
        budget("Adults", "directorate", 120e6, 121e6, directorate="Adults"),
        budget("Council total", "total", 250e6, 260e6),
        budget("Residential care", "service_line", 30e6, 35e6, directorate=SOCIAL),
        budget("Family support", "service_line", 50e6, 51e6, directorate=SOCIAL),
        budget("SEN transport", "service_line", 15e6, 18e6, directorate=learning),
        budget("Inclusion support", "service_line", 5e6, 5e6, directorate=learning),
    ]
    if apart:
        rows.insert(1, budget(LEARNING, "directorate", 20e6, 23e6, directorate=LEARNING))
    savings = [
        saving("Edge of care", 1e6, directorate=SOCIAL, target_gbp=1e6, forecast_gbp=0.4e6),
        saving("Step down", 0.5e6, directorate=SOCIAL, target_gbp=0.5e6, forecast_gbp=0.5e6),
        saving("Travel training", 0.3e6, directorate=learning, target_gbp=0.3e6, forecast_gbp=0.1e6),
    ]
    return Extraction(budget_lines=[_verified(r) for r in rows], savings=savings)


def test_education_in_a_directorate_of_its_own_is_named_shown_beside_children_and_summed() -> None:
    review = build_review(_bundle())
    scope = review.position.children_scope
    assert scope is not None
    assert scope.label == f"Children's services (the {SOCIAL} and {LEARNING} directorates)"
    assert [(p.name, p.money.variance_gbp) for p in scope.parts] == [(SOCIAL, 6e6), (LEARNING, 3e6)]
    assert (scope.total.budget_gbp, scope.total.variance_gbp, scope.total.verification) == (
        100e6,
        9e6,
        "verified",
    )
    # the headline stays the children's directorate's own row
    assert review.position.children_services.variance_gbp == 6e6
    # savings split as the scope is, each part with its own target, forecast and money at risk
    split = [(p.name, p.target_gbp, p.forecast_gbp) for p in review.savings_summary.by_scope]
    assert split == [
        ("Children's social care", 1.5e6, 0.9e6),
        ("Education, SEND and home-to-school transport", 0.3e6, 0.1e6),
    ]
    # the wording comes from the scope: the ranking note and the drivers' base name both parts
    assert review.enquiry_ranking.startswith(f"Questions on children's services (the {SOCIAL} and {LEARNING}")
    assert LEARNING in review.diagnostic.variance_base and review.diagnostic.variance_base_gbp == 9e6
    # the children's row is named as its own directorate's, never the children's whole
    assert f"{SOCIAL}: the whole directorate, all its services; education and SEND are reported apart" in (
        review.selection.line_labels.values()
    )
    html = " ".join(unescape(re.sub(r"<[^>]+>", "", pack_html(review, Extraction()))).split())
    assert f"Scope: Children's services (the {SOCIAL} and {LEARNING} directorates)" in html
    assert "Split as the review's scope is: Children's social care £1.5m target" in html
    # an education question goes to that directorate's lead, not the DCS
    education = [q for q in review.lines_of_enquiry if q.scope == "education_send_transport"]
    assert all("DCS" not in q.addressed_to.split("; ") for q in education)
    assert any(q.addressed_to.startswith(f"the director responsible for {LEARNING}") for q in education)


def test_a_directorate_that_holds_education_itself_is_the_whole_scope() -> None:
    review = build_review(_bundle(apart=False))
    assert review.position.children_scope is None
    assert review.savings_summary.by_scope == []
    assert review.enquiry_ranking.startswith("The children's directorate's questions come first")
    assert f"{SOCIAL}: the children's directorate, all its services" in review.selection.line_labels.values()


def test_hallams_childrens_and_education_divisions_are_named_as_divisions_of_people(hallam: Any) -> None:
    review, _ = hallam
    scope = review.position.children_scope
    assert scope is not None and scope.noun == "divisions"
    assert scope.label == (
        "Children's services (the Children's Services and Education & SEND divisions of the People Directorate)"
    )
    assert [p.money.variance_gbp for p in scope.parts] == [5_710_000.0, 1_795_000.0]
    assert scope.total.verification == "contradicted"  # the children's division's row is the slip
    assert scope.total.doubts["variance_gbp"].startswith("in doubt")  # so its sum is marked wherever shown
    assert review.position.children_services_missing.startswith("The Children's Services row in ")


def test_ashdowns_headline_is_the_summary_row_its_lines_prove_and_its_scope_is_both_directorates(
    ashdown: Any,
) -> None:
    review, extraction = ashdown
    # the page-1 row (its lines add to it, it adds into the council total) stands; the page-3
    # total its own lines contradict is the slip, reported, and no reason to withhold the headline
    cs = review.position.children_services
    assert (cs.variance_gbp, cs.verification) == (10_071_900.0, "verified")
    assert review.position.children_services_missing is None
    assert [r.label for r in review.rows_doubted] == ["Children's Services total"]
    scope = review.position.children_scope
    assert (
        scope.label
        == "Children's services (the Children's Services and Education, Skills and SEND directorates)"
    )
    assert [p.money.variance_gbp for p in scope.parts] == [10_071_900.0, 5_098_000.0]
    assert scope.total.variance_gbp == pytest.approx(15_169_900.0)
    split = [(p.target_gbp, p.forecast_gbp) for p in review.savings_summary.by_scope]
    assert split == [(5_850_000.0, 2_550_000.0), (1_850_000.0, 500_000.0)]
    education = [
        q
        for q in review.lines_of_enquiry
        if q.scope == "education_send_transport" and q.stake == "the overspend"
    ]
    assert education and all(
        q.addressed_to.startswith("the director responsible for Education, Skills and SEND")
        for q in education
    )


def test_a_line_of_the_directorates_running_costs_is_named_its_overheads_not_the_whole() -> None:
    # "Directorate costs and administration": a line the directorate's name begins, holding only
    # its running costs, never labelled as the directorate with all its services
    extraction = _bundle(apart=False)
    costs = _verified(
        budget("Directorate costs and administration", "service_line", 4e6, 3.8e6, directorate=SOCIAL)
    )
    review = build_review(extraction.model_copy(update={"budget_lines": [*extraction.budget_lines, costs]}))
    groups = {g.name: (g.lines, g.budget_gbp) for g in review.selection.scope_groups}
    assert groups[f"{SOCIAL}: the children's directorate's overheads, not one service's"] == (1, 4e6)
    assert not any(name.endswith("all its services") for name in groups)


def test_marlowes_management_line_is_its_directorates_overheads(marlowe: Any) -> None:
    review, _ = marlowe
    names = [g.name for g in review.selection.scope_groups]
    assert (
        "Children, Young People and Education: the children's directorate's overheads, not one service's"
        in names
    )
    assert not any(name.endswith("all its services") for name in names)
