"""Transport is placed by whom it carries: home-to-school, SEN/SEND and school transport is education's;
transport for family contact, children in care, care leavers or social-care visits is children's
social care's. Where a line says only "transport", the section it sits in decides (its service area,
its table's heading, its directorate), and only then the bare word (education's)."""

from __future__ import annotations

import re
from html import unescape
from typing import Any

import pytest

from analyse.records import Scope, line_key
from analyse.scope import scope_index, scope_of
from extract.records import Extraction, Provenance, SavingsLine, Table
from render.pack import pack_html

CSC, EDU = Scope.CHILDRENS_SOCIAL_CARE, Scope.EDUCATION_SEND_TRANSPORT


@pytest.mark.parametrize(
    ("name", "scope"),
    [
        ("Contact transport for children in care", CSC),
        ("Taxi costs for supervised contact", CSC),
        ("Travel for family time with siblings", CSC),
        ("Care leavers' travel passes", CSC),
        ("Home to School Transport", EDU),
        ("SEN Transport", EDU),
        ("Passenger transport (education)", EDU),
        ("Post-16 travel assistance", EDU),
    ],
)
def test_transport_is_placed_by_whom_it_carries_in_any_childrens_directorate(name: str, scope: Scope) -> None:
    for directorate in ("Children's Services", "Children, Young People and Education", "CYPS"):
        assert scope_of(name, directorate) == scope, directorate
    # with no directorate, in a children's table
    assert scope_of(name, heading="Children's Services savings") == scope


def test_a_line_that_says_only_transport_takes_its_sections_words() -> None:
    assert scope_of("Transport", heading="Children's Social Care") == CSC
    assert scope_of("Transport", heading="Education") == EDU
    assert scope_of("Transport", "CYPE", heading="Children's Social Care – savings") == CSC
    assert scope_of("Transport", "CYPE", heading="Education and Inclusion") == EDU
    assert scope_of("Transport efficiencies", "CYPE", "Looked After Children") == CSC
    assert scope_of("Transport efficiencies", "CYPE", "SEND and Inclusion") == EDU
    # a section that names both, or neither, leaves the bare word: education's
    assert scope_of("Transport", "Children, Young People and Education") == EDU
    assert scope_of("Transport", "CYPE", heading="Savings tracker") == EDU


def test_childrens_services_holds_no_education_where_education_is_apart() -> None:
    # Education & SEND a division of its own: a "Children's Services" tracker's transport is social care's
    assert scope_of("Transport", "Children's Services", apart=True) == CSC
    assert scope_of("Transport", "Children's Services") == EDU
    assert scope_of("Home to school transport", "Children's Services", apart=True) == EDU


def test_transport_held_by_another_directorate_stays_theirs_unless_it_takes_pupils_to_school() -> None:
    assert (
        scope_of("Passenger transport fleet", "Growth, Environment and Transport") == Scope.OTHER_DIRECTORATE
    )
    assert scope_of("SEN transport contracts", "Growth, Environment and Transport") == EDU
    # an education directorate's contact transport is children's social care's
    assert scope_of("Contact transport for looked after children", "Education, Skills and SEND") == CSC
    assert scope_of("Transport", "Education, Skills and SEND") == EDU


def test_staff_travel_is_not_transport_for_anyone() -> None:
    assert scope_of("Staff travel and mileage", "CYPE") == CSC


def test_a_tracker_sections_heading_places_its_bare_transport_saving() -> None:
    def where(table: int) -> Provenance:
        return Provenance(
            file="savings.pdf",
            sha256="ab" * 32,
            page=1,
            bbox=None,
            locator=f"page 1, table {table}, row 2",
            text="x",
        )

    care = SavingsLine(title="Transport review", provenance=[where(1)])
    school = SavingsLine(title="Transport review", provenance=[where(2)])
    tables = [
        Table(
            file="savings.pdf",
            page=1,
            bbox=None,
            rows=[],
            title=title,
            locator=f"page 1, table {n}",
            provenance=[where(n)],
        )
        for n, title in ((1, "Children's Social Care savings"), (2, "Education and SEND savings"))
    ]
    index = scope_index(Extraction(savings=[care, school], tables=tables))
    assert (index.plan_line(care), index.plan_line(school)) == (CSC, EDU)


def test_hallams_contact_transport_saving_is_childrens_and_the_split_matches_its_truth(hallam: Any) -> None:
    review, extraction = hallam
    saving = next(s for s in extraction.savings if (s.ref or "") == "CS08")
    assert saving.title.startswith("Transport and family contact")
    assert review.selection.line_scopes[line_key(saving.provenance)] == CSC
    split = [(p.scope, p.target_gbp) for p in review.savings_summary.by_scope]
    assert split == [(CSC, 4_850_000.0), (EDU, 1_400_000.0)]
    html = " ".join(unescape(re.sub(r"<[^>]+>", "", pack_html(review, extraction))).split())
    assert "Children's social care £4.85m target" in html
    assert (
        "education, SEND and home-to-school transport £1.4m target, £0.8m forecast, £0.6m at risk on 1 of 1 saving"
        in html
    )
