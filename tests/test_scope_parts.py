"""The parts of a children's scope are disjoint rows: a division the children's directorate's own
row holds (its lines sit under it, or its figures are inside the row's total) is a part OF that
row, shown "of which", never added to it (analyse.scope.parts_of, analyse.position.children_scope).
Only directorates side by side (tests/test_childrens_scope.py) are summed."""

from __future__ import annotations

import io
import re
from html import unescape
from typing import Any

import pytest
from pptx import Presentation

from analyse.review import build_review
from analyse.scope import parts_of
from extract.records import Check, Extraction, Verification
from extract.verify.identities import TOTAL_IDENTITY
from render.deck import render_pptx
from render.pack import pack_html
from tests.review_builders import budget, saving

WHOLE = "Children and Young People's Services"
SOCIAL = "Children's Social Work"
SCHOOLS = "Schools and Inclusion"


def _verified(row: Any) -> Any:
    return row.model_copy(update={"verification": Verification.VERIFIED})


def _text(review: Any) -> str:
    return " ".join(unescape(re.sub(r"<[^>]+>", "", pack_html(review, Extraction()))).split())


def _one_directorate(*, subtotals: bool = True) -> Extraction:
    """One children's directorate, 100m budget, whose total holds a social work division (70m)
    and a schools division (30m), each printed as a subtotal (its lines above it); the council's
    other directorate beside it."""
    lines = [
        budget("Residential placements", "service_line", 45e6, 50e6, directorate=SOCIAL),
        budget("Assessment teams", "service_line", 25e6, 26e6, directorate=SOCIAL),
        budget("SEN transport", "service_line", 20e6, 22e6, directorate=SCHOOLS),
        budget("Inclusion support", "service_line", 10e6, 10e6, directorate=SCHOOLS),
    ]
    social, schools = lines[:2], lines[2:]
    whole = budget(f"Total {WHOLE}", "directorate", 100e6, 108e6, directorate=WHOLE)
    rows = [*lines, whole]
    if subtotals:
        rows += [
            budget(f"Total {SOCIAL}", "directorate", 70e6, 76e6, directorate=SOCIAL),
            budget(f"Total {SCHOOLS}", "directorate", 30e6, 32e6, directorate=SCHOOLS),
        ]
    else:
        # the schools division alone is subtotalled; the directorate's total sums every line
        rows.append(budget(f"Total {SCHOOLS}", "directorate", 30e6, 32e6, directorate=SCHOOLS))
        summed = [b.provenance[0] for b in lines]
        rows[rows.index(whole)] = whole.model_copy(
            update={"checks": [Check(identity=TOTAL_IDENTITY, held=True, detail="add up", provenance=summed)]}
        )
        rows[-1] = rows[-1].model_copy(
            update={
                "checks": [
                    Check(
                        identity=TOTAL_IDENTITY,
                        held=True,
                        detail="add up",
                        provenance=[b.provenance[0] for b in schools],
                    )
                ]
            }
        )
    rows += [
        budget("Adults", "directorate", 120e6, 121e6, directorate="Adults"),
        budget("Council total", "total", 220e6, 229e6),
    ]
    savings = [
        saving("Edge of care", 1e6, directorate=WHOLE, target_gbp=1e6, forecast_gbp=0.4e6),
        saving("Travel training", 0.3e6, directorate=WHOLE, target_gbp=0.3e6, forecast_gbp=0.1e6),
    ]
    assert len(social) == 2
    return Extraction(budget_lines=[_verified(r) for r in rows], savings=savings)


def test_divisions_inside_one_directorate_are_parts_of_it_never_added_to_it() -> None:
    review = build_review(_one_directorate())
    position = review.position
    # the headline is the one directorate's own row
    assert (position.children_services_name, position.children_services.variance_gbp) == (WHOLE, 8e6)
    scope = position.children_scope
    assert scope is not None and scope.of_which
    assert [(p.name, p.scope, p.money.variance_gbp) for p in scope.parts] == [
        (SOCIAL, "childrens_social_care", 6e6),
        (SCHOOLS, "education_send_transport", 2e6),
    ]
    # the scope's total is the directorate's row as stated, not a sum of it and its divisions
    assert (scope.total.budget_gbp, scope.total.variance_gbp) == (100e6, 8e6)
    assert "derived" not in " ".join(scope.total.checks)
    # the drivers' shares are of the directorate's variance, named as its own
    assert review.diagnostic.variance_base_gbp == 8e6
    assert review.diagnostic.variance_base == "the children's directorate's forecast variance"
    assert review.diagnostic.drivers[0].share == pytest.approx(5e6 / 8e6)
    # one directorate: its questions are the children's directorate's, its education the DCS's
    assert position.childrens_whole_words == position.childrens_row_words == "the children's directorate"
    assert review.enquiry_ranking.startswith("The children's directorate's questions come first")
    assert not any(q.addressed_to.startswith("the director responsible for") for q in review.lines_of_enquiry)
    # its row is named as the children's directorate whole: education is not reported apart
    assert (
        f"Total {WHOLE}: the children's directorate, all its services"
        in review.selection.line_labels.values()
    )
    html = _text(review)
    assert f"Of which {SOCIAL} +£6.0m and {SCHOOLS} +£2.0m." in html
    assert "+£16.0m" not in html and "+£10.0m" not in html  # no sum of the row with its divisions
    assert f"of which {SCHOOLS}" in html and "the sum of the" not in html
    deck = _deck_text(review)
    assert f"of which {SCHOOLS} (education, SEND and home-to-school transport): total as stated" in deck
    assert "the sum, derived" not in deck


def _deck_text(review: Any) -> str:
    deck = Presentation(io.BytesIO(render_pptx(review, Extraction())))
    cells = [
        cell.text
        for slide in deck.slides
        for shape in slide.shapes
        if shape.has_table
        for row in shape.table.rows
        for cell in row.cells
    ]
    texts = [s.text_frame.text for slide in deck.slides for s in slide.shapes if s.has_text_frame]
    return " ".join(" ".join([*cells, *texts]).split())


def test_a_division_whose_lines_sit_under_the_directorate_total_is_a_part_of_it() -> None:
    extraction = _one_directorate(subtotals=False)
    held = parts_of(extraction.budget_lines)
    whole = next(b for b in extraction.budget_lines if b.name == f"Total {WHOLE}")
    schools = next(b for b in extraction.budget_lines if b.name == f"Total {SCHOOLS}")
    assert held == {id(schools): whole}
    scope = build_review(extraction).position.children_scope
    assert scope is not None and scope.of_which
    assert [(p.name, p.money.variance_gbp) for p in scope.parts] == [(SCHOOLS, 2e6)]
    assert scope.total.variance_gbp == 8e6


def test_directorates_side_by_side_hold_none_of_each_other() -> None:
    rows = [
        budget("Children and Families", "directorate", 80e6, 86e6, directorate="Children and Families"),
        budget(SCHOOLS, "directorate", 20e6, 23e6, directorate=SCHOOLS),
        budget("Early Help", "directorate", 15e6, 15e6, directorate="Early Help for Families"),
    ]
    assert parts_of(rows) == {}


def test_severnbrooks_headline_is_its_one_directorate_with_its_divisions_of_which(severnbrook: Any) -> None:
    review, _ = severnbrook
    position = review.position
    assert position.children_services_name == "Children, Young People and Learning"
    assert position.children_services.variance_gbp == 6_844_700.0
    scope = position.children_scope
    assert scope is not None and scope.of_which
    assert [(p.name, p.money.budget_gbp, p.money.variance_gbp) for p in scope.parts] == [
        ("Children's Social Care", 48_719_300.0, 5_740_000.0),
        ("Education & Learning", 17_533_350.0, 1_104_700.0),
    ]
    assert (scope.total.budget_gbp, scope.total.forecast_gbp, scope.total.variance_gbp) == (
        66_252_650.0,
        73_097_350.0,
        6_844_700.0,
    )
    # placements' share is of the directorate's +£6.84m (68%), not of a double-counted sum
    assert review.diagnostic.variance_base_gbp == 6_844_700.0
    placements = review.diagnostic.drivers[0]
    assert placements.variance_gbp == 4_662_480.0 and placements.share == pytest.approx(0.681, abs=0.001)
    # the savings split is of the directorate's £3.45m, each saving once
    assert sum(p.target_gbp for p in review.savings_summary.by_scope) == pytest.approx(3_450_000.0)
    html = _text(review)
    assert "Of which Children's Social Care +£5.7m and Education & Learning +£1.1m." in html
    assert "+£7.9m" not in html and "91,735" not in html and "83,786" not in html
    assert "Children, Young People and Learning (children's social care)" not in html
