"""Scope, decided once: the directorate says where a line sits, its own name whom it serves, the
table's heading and the document's title where the line says neither."""

from __future__ import annotations

import pytest

from analyse.records import Scope
from analyse.scope import is_grant_change, risk_scope, scope_index, scope_of, text_scope
from extract.records import BudgetLine, Extraction, PlanLine, Provenance, Risk, Table

PROV = Provenance(file="plan.pdf", sha256="ab" * 32, page=1, bbox=None, locator="row 1", text="row")
CSC, EDU, DSG = Scope.CHILDRENS_SOCIAL_CARE, Scope.EDUCATION_SEND_TRANSPORT, Scope.DSG_HIGH_NEEDS
ADULTS_IN, OTHER, WIDE = Scope.ADULTS_IN_CHILDRENS, Scope.OTHER_DIRECTORATE, Scope.COUNCIL_WIDE


def line(
    title: str, directorate: str | None = None, service_area: str | None = None, category: str | None = None
) -> PlanLine:
    return PlanLine(
        title=title, directorate=directorate, service_area=service_area, category=category, provenance=[PROV]
    )


def test_an_adult_social_care_line_in_a_childrens_directorate_is_adults_services_inside_it() -> None:
    assert scope_of("Adult Social Care (aged 18-25) - Client Benefit Uplift", "CYPE") == ADULTS_IN
    assert scope_of("Adult Social Care", "CYPE", "Adults and Older People") == ADULTS_IN
    assert scope_of("18-25 pathway placements", "Children's Services") == ADULTS_IN


def test_directorate_initials_in_a_title_place_an_adults_line_inside_the_childrens_directorate() -> None:
    assert scope_of("Adults & Older Persons – CYPE") == ADULTS_IN


def test_a_line_a_named_directorate_holds_is_that_directorates_whatever_its_name_says() -> None:
    # Kent appendix F p.16: DCED's "2025-26 Flexible Use of Capital Receipts" is DCED's, not the
    # council's (which children's services would be asked to share); NAC's line is the council's.
    name = "2025-26 Flexible Use of Capital Receipts"
    assert scope_of(name, "DCED", "Management, Support services & Overheads") == Scope.OTHER_DIRECTORATE
    assert scope_of(name, "NAC") == Scope.COUNCIL_WIDE
    assert scope_of(name) == Scope.COUNCIL_WIDE


def test_a_childrens_line_keeps_its_scope_whatever_its_service_area_says() -> None:
    assert scope_of("Looked After Children", "CYPE", "Children's Social Care") == CSC
    assert scope_of("Transitions from children's to adult services", "CYPE", "Adults") == CSC


@pytest.mark.parametrize(
    ("name", "scope"),
    [
        ("Home to School Transport", EDU),
        ("SEND home to school transport", EDU),
        ("Education and SEND services", EDU),
        ("High Needs Block", DSG),
        ("DSG deficit recovery (Safety Valve)", DSG),
        ("Looked after children – residential placements", CSC),
        ("Management and support", CSC),
    ],
)
def test_the_childrens_directorate_lines_are_grouped_by_service(name: str, scope: Scope) -> None:
    assert scope_of(name, "Children, Young People and Education") == scope


def test_a_line_the_dsg_funds_is_the_dsgs_whatever_its_name() -> None:
    assert scope_of("Independent special school places", "Dedicated Schools Grant") == DSG


def test_a_line_held_by_an_adults_directorate_is_another_directorates_whatever_its_title() -> None:
    title = "Learning disability – young people moving from children's services"
    assert scope_of(title, "Adult Social Care and Health") == OTHER
    assert scope_of("Waste disposal contract", "Growth, Environment and Transport") == OTHER


def test_corporate_lines_and_unallocated_savings_are_council_wide() -> None:
    assert scope_of("Pay award (3% in 2025-26)", "Corporate") == WIDE
    assert scope_of("Capital financing and corporate items", "Non attributable costs") == WIDE
    assert scope_of("Future savings under development", "TBC") == WIDE


def test_a_capital_scheme_is_capital_whoever_holds_it() -> None:
    assert scope_of("New special school capital scheme", "CYPE") == Scope.CAPITAL
    assert (
        scope_of("Children's home refurbishment", "CYPE", heading="Capital programme 2025-26")
        == Scope.CAPITAL
    )


def test_a_line_that_names_no_service_takes_its_documents_context() -> None:
    plan = Provenance(
        file="CYPE savings plan.docx",
        sha256="cd" * 32,
        page=None,
        bbox=None,
        locator="table 1, row 3",
        text="x",
    )
    council = Provenance(
        file="Council MTFP.pdf", sha256="ef" * 32, page=1, bbox=None, locator="table 1, row 3", text="x"
    )
    ours = PlanLine(title="Reduce agency staff costs", provenance=[plan])
    theirs = PlanLine(title="Reduce agency staff costs", provenance=[council])
    named = PlanLine(title="Older people's day care", directorate="Adults", provenance=[council])
    index = scope_index(Extraction(savings=[], pressures=[ours, theirs, named]))
    assert (index.plan_line(ours), index.plan_line(theirs)) == (CSC, OTHER)


def test_a_tables_heading_places_the_rows_under_it() -> None:
    where = Provenance(
        file="budget.pdf", sha256="cd" * 32, page=2, bbox=None, locator="page 2, table 1, row 4", text="x"
    )
    row = BudgetLine(name="Placements", level="service_line", budget_gbp=1.0, provenance=[where])
    other = BudgetLine(
        name="Street lighting", level="service_line", directorate="Highways", provenance=[where]
    )
    table = Table(
        file="budget.pdf",
        page=2,
        bbox=None,
        rows=[],
        title="Children's Services",
        locator="page 2, table 1",
        provenance=[where],
    )
    index = scope_index(Extraction(budget_lines=[row, other], tables=[table]))
    assert index.budget_line(row) == CSC


def test_a_childrens_only_bundle_is_all_childrens() -> None:
    lines = [line("Reduce agency staff costs"), line("Contract review")]
    index = scope_index(Extraction(pressures=lines))
    assert {index.plan_line(x) for x in lines} == {CSC}


def test_sentences_are_placed_by_what_they_name() -> None:
    assert text_scope("The High Needs Block deficit reached £40m") == DSG
    assert text_scope("Children's services forecast an overspend of £5m") == CSC
    assert text_scope("General reserves stand at £30m") == WIDE
    assert text_scope("Adult social care overspent by £3m") == OTHER
    assert text_scope("Children with an EHC plan per 1,000 pupils") == EDU


def test_a_change_in_grant_is_named_as_such_but_grant_maximisation_is_a_saving() -> None:
    # Kent's Appendix F lists "Children & Families Grant" under "Increases in Grants and
    # Contributions" among its savings, and the grants it replaces under "Reduction in Grant Income".
    assert is_grant_change(
        line("Children & Families Grant", "CYPE", category="Increases in Grants and Contributions")
    )
    assert is_grant_change(line("Children & families grants", "CYPE", category="Reduction in Grant Income"))
    assert not is_grant_change(line("Claim the full asylum grant", category="Grant maximisation"))
    assert not is_grant_change(line("Review of contracts", category="Efficiency"))


@pytest.mark.parametrize(
    "name",
    ["Young adults' supported accommodation", "Placements for clients aged 18-25", "Over 18s transitions"],
)
def test_a_young_adults_line_in_a_childrens_directorate_is_adults_services_inside_it(name: str) -> None:
    assert scope_of(name, "Children, Young People and Education") == ADULTS_IN


def test_care_leavers_aged_18_to_25_stay_childrens_social_care() -> None:
    assert scope_of("Care leavers aged 18-25", "Children's Services") == CSC


@pytest.mark.parametrize(
    "directorate", ["TBC", "tbd", "Unallocated", "To be confirmed", "Not yet allocated", "All directorates"]
)
def test_a_line_of_no_directorate_yet_is_the_councils_whatever_its_name(directorate: str) -> None:
    assert scope_of("Future savings under development", directorate) == WIDE
    assert scope_of("Children's placements review", directorate, directorate) == WIDE


# Kent's budget risk register, appendix I p.2, row 3, as read: shared by adults' and children's
# services, in the adult care market's words (care packages, hospital, care staff).
KENT_MARKET = (
    "The long term impact of Covid-19 is still impacting on the social care market, as is several years of"
    " unfunded above inflation increases in the national living wage. [...] This is likely to worsen over"
    " the next few months with the pressures of winter, and increased activity in hospitals. Throughout"
    " this year we have continued to see increases in the costs of care packages and placements far"
    " greater than what would be expected and budgeted for, due to a combination of pressures in the"
    " market but also due to the increased needs and complexities of people requiring social care support."
)


def _market_risk(description: str, directorate: str = "ASCH / CYPE") -> Risk:
    return Risk(
        title="Market Sustainability",
        description=description,
        directorate=directorate,
        likelihood=4.0,
        exposure_gbp=20_000_000.0,
        exposure_words="Estimated Annual Financial Exposure",
        provenance=[PROV],
    )


def test_a_shared_risk_in_the_adult_care_markets_words_is_the_adults_not_the_childrens() -> None:
    assert risk_scope(_market_risk(KENT_MARKET)) is Scope.OTHER_DIRECTORATE
    # one value changed each way: its words name children, or the column names the children's alone
    naming = KENT_MARKET.replace("people requiring", "looked after children requiring")
    assert risk_scope(_market_risk(naming)) is Scope.CHILDRENS_SOCIAL_CARE
    assert risk_scope(_market_risk(KENT_MARKET, directorate="CYPE")) is Scope.CHILDRENS_SOCIAL_CARE
    without = KENT_MARKET.replace("care packages", "provision").replace("hospitals", "the sector")
    assert risk_scope(_market_risk(without)) is not Scope.OTHER_DIRECTORATE


def test_a_line_that_names_no_service_in_a_table_headed_as_the_ring_fenced_grant_is_the_dsgs() -> None:
    """A DSG table's own lines often name only a sum ("In-year forecast deficit 2025/26", "Deficit
    for the year"): its heading gives them to the grant, never to a General Fund service area, which
    a children's document's context would otherwise put them in."""
    heading = "Appendix 3 - Dedicated Schools Grant position"
    assert scope_of("Deficit for the year", None, None, heading, CSC) == DSG
    assert scope_of("Forecast overspend 2026/27", None, None, "High Needs and DSG summary", CSC) == DSG
    # The same words under a heading that names no grant keep the document's context.
    assert scope_of("Deficit for the year", None, None, "Appendix 3 - Revenue position", CSC) == CSC


def test_a_childrens_subtotal_inside_a_larger_childrens_directorate_row_is_not_named_the_directorate() -> (
    None
):
    """A division's subtotal ("Total Children's Safeguarding") inside the directorate's total
    ("Total Children and Families", education with it) is that division, not "the children's
    directorate, all its services"; the directorate's own total still is."""

    def row(name: str, held_by: str, budget: float, at: str) -> BudgetLine:
        where = PROV.model_copy(update={"file": "monitoring.pdf", "locator": at})
        return BudgetLine(
            name=name,
            directorate=held_by,
            level="directorate",
            period="2026-27",
            budget_gbp=budget,
            provenance=[where],
        )

    division = row(
        "Total Children's Safeguarding", "Children's Safeguarding", 31.2e6, "page 2, table 1, row 8"
    )
    whole = row("Total Children and Families", "Children and Families", 52.9e6, "page 2, table 1, row 15")
    index = scope_index(Extraction(budget_lines=[division, whole]))
    labels = index.line_labels()
    assert index.budget_line(division) is CSC
    named = [name for name in labels.values() if "all its services" in name]
    assert named == ["Total Children and Families: the children's directorate, all its services"]
