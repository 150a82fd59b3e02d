"""Which plan lines are children's: the directorate says where a line sits, its own name whom it serves."""

from __future__ import annotations

from analyse.scope import is_children_line, is_grant_change
from extract.records import PlanLine, Provenance

PROV = Provenance(file="plan.pdf", sha256="ab" * 32, page=1, bbox=None, locator="row 1", text="row")


def line(
    title: str, directorate: str | None = None, service_area: str | None = None, category: str | None = None
) -> PlanLine:
    return PlanLine(
        title=title, directorate=directorate, service_area=service_area, category=category, provenance=[PROV]
    )


def test_an_adult_social_care_line_in_a_childrens_directorate_is_not_childrens() -> None:
    assert not is_children_line(line("Adult Social Care (aged 18-25) - Client Benefit Uplift", "CYPE"))
    assert not is_children_line(line("Adult Social Care", "CYPE", "Adults and Older People"))


def test_directorate_initials_in_a_title_do_not_make_an_adults_line_childrens() -> None:
    assert not is_children_line(line("Adults & Older Persons – CYPE"))


def test_a_childrens_line_keeps_its_scope_whatever_its_service_area_says() -> None:
    assert is_children_line(line("Looked After Children", "CYPE", "Children's Social Care"))
    assert is_children_line(line("Transitions from children's to adult services", "CYPE", "Adults"))
    assert is_children_line(line("Home to School Transport", "Children, Young People and Education"))


def test_a_line_held_by_an_adults_directorate_is_not_childrens_whatever_its_title() -> None:
    title = "Learning disability – young people moving from children's services"
    assert not is_children_line(line(title, "Adult Social Care and Health"))


def test_a_change_in_grant_is_neither_a_saving_nor_a_pressure_but_grant_maximisation_is_a_saving() -> None:
    # Kent's Appendix F lists "Children & Families Grant" under "Increases in Grants and
    # Contributions" among its savings, and the grants it replaces under "Reduction in Grant Income".
    assert is_grant_change(
        line("Children & Families Grant", "CYPE", category="Increases in Grants and Contributions")
    )
    assert is_grant_change(line("Children & families grants", "CYPE", category="Reduction in Grant Income"))
    assert not is_grant_change(line("Claim the full asylum grant", category="Grant maximisation"))
    assert not is_grant_change(line("Review of contracts", category="Efficiency"))
