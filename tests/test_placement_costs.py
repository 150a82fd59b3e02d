"""A placement line against the council's own count and weekly price; the directorate's own lines
named as the directorate's; a scenario within the plan labelled so on the deck's chart. On records,
then on the Wyvern example's pages."""

from __future__ import annotations

from pathlib import Path

import pytest

from analyse.placement_costs import implied_counts, kind_of, placement_costs, placement_flags
from analyse.records import Review, Scenario, Scope
from analyse.scenarios import Measure
from analyse.scope import ScopeIndex, directorate_wide, overheads, scope_index
from tests.review_builders import budget, prov

RESIDENTIAL = "Looked after children – residential placements"
IN_HOUSE = "Looked after children – in-house fostering"


def own(value: float, text: str) -> Measure:
    return Measure(
        value, None, "the council's own", [prov(text, "q2.pdf", "page 2, paragraph 4")], own=f"{value:g}"
    )


MEASURES = {
    "residential_number": own(58, "58 children in residential care"),
    "unit_cost_residential_weekly": own(6_850, "an average weekly cost of £6,850"),
    "foster_in_house_weekly": own(435, "£435 per child for an in-house foster placement"),
}
INDEX = ScopeIndex(children_only=True)


def costs(forecast: float, measures: dict[str, Measure] = MEASURES, name: str = RESIDENTIAL) -> list:  # type: ignore[type-arg]
    line = budget(name, "service_line", 38_400_000.0, forecast, file="q2.pdf")
    return placement_costs([line], measures, INDEX)


def test_a_residential_line_its_count_and_price_do_not_explain_asks_what_else_it_holds() -> None:
    (c,) = costs(43_450_000.0)
    assert c.derived_gbp == 58 * 6_850 * 52 and c.reconciles is False
    assert c.difference_gbp == pytest.approx(43_450_000.0 - 20_659_600.0)
    assert "58 children x £6,850 a week x 52 weeks = £20.7m" in c.message
    assert c.message.endswith("what else does the line hold?")
    # All three figures keep their provenance.
    assert c.line_provenance[0].file == "q2.pdf" and c.count_provenance and c.weekly_provenance
    (flag,) = placement_flags([c])
    assert flag.code == "placement_line_unexplained" and flag.amount_gbp == pytest.approx(c.difference_gbp)
    assert len(flag.provenance) == 3


def test_a_line_within_the_materiality_tolerance_of_its_count_and_price_is_explained() -> None:
    derived = 58 * 6_850 * 52
    (c,) = costs(derived * 1.04)
    assert c.reconciles is True and "is explained by the council's own count and price" in c.message
    assert placement_flags([c]) == []
    # One value changed: beyond the tolerance, it is not explained.
    (c,) = costs(derived * 1.06)
    assert c.reconciles is False and placement_flags([c])


def test_with_only_a_price_the_line_gives_the_children_it_pays_for_and_no_question() -> None:
    (c,) = costs(13_900_000.0, name=IN_HOUSE)
    assert (
        c.count is None and c.reconciles is None and round(c.implied_count or 0) == 614 + 1
    )  # 614.5, half up
    assert "the documents state no count of them" in c.message and placement_flags([c]) == []


AGENCY = "Looked after children – independent fostering agencies"
PRICED = MEASURES | {"foster_agency_weekly": own(1_050, "£1,050 for an agency placement")}


def test_a_line_priced_but_not_counted_gives_an_estimated_count_and_a_counted_one_none() -> None:
    lines = [
        budget(IN_HOUSE, "service_line", 14_200_000.0, 13_900_000.0, file="q2.pdf"),
        budget(AGENCY, "service_line", 19_600_000.0, 21_450_000.0, file="q2.pdf"),
        budget(RESIDENTIAL, "service_line", 38_400_000.0, 43_450_000.0, file="q2.pdf"),
    ]
    found = implied_counts(placement_costs(lines, PRICED, INDEX))
    # 614.5 and 392.9 children, each whole as the placement table prints it; residential is counted
    assert {k: (m.value, m.estimated) for k, m in found.items()} == {
        "foster_in_house_number": (615, True),
        "foster_agency_number": (393, True),
    }
    assert found["foster_in_house_number"].source.startswith(
        f"The number of children in in-house foster care: 615, estimated from '{IN_HOUSE}', the forecast"
    )
    # one value changed: a stated in-house count leaves nothing to estimate for it
    stated = PRICED | {"foster_in_house_number": own(600, "600 children with in-house carers")}
    assert "foster_in_house_number" not in implied_counts(placement_costs(lines, stated, INDEX))


def test_a_line_of_several_kinds_or_none_is_no_placement_line() -> None:
    assert kind_of(RESIDENTIAL).name == "residential care"  # type: ignore[union-attr]
    assert kind_of(IN_HOUSE).name == "in-house foster care"  # type: ignore[union-attr]
    assert kind_of("Looked after children – independent fostering agencies").name.startswith("independent")  # type: ignore[union-attr]
    assert kind_of("Residential and fostering placements") is None
    assert kind_of("Children's social work teams") is None


def test_the_directorates_own_lines_are_the_directorates_not_a_services() -> None:
    assert directorate_wide("Children's directorate savings")
    assert directorate_wide("Savings still to be identified – CYPE")
    assert not directorate_wide("Children's social work teams")
    assert overheads("Management and support") and overheads("Business support")
    assert not overheads("Family support services") and not overheads("Case management system")
    index = ScopeIndex(children_only=True)
    line = budget("Management and support", "service_line", 6_100_000.0, 6_000_000.0, directorate="CYPE")
    index.budget_line(line)
    (label,) = index.line_labels().values()
    assert label == "CYPE: the children's directorate's overheads, not one service's"


def test_a_directorate_overheads_line_is_summed_in_the_group_the_monitoring_table_shows_it_in() -> None:
    """Wyvern Q2 p.1: "Management and support" is the directorate's overheads in the monitoring
    table, so the service lines by area count it there too, never in children's social care."""
    from analyse.records import SCOPE_NAMES, group_name
    from analyse.selection import scope_groups, service_lines
    from extract.records import Extraction

    held = {"directorate": "Children, Young People and Education"}
    lines = [
        budget("Looked after children – residential placements", "service_line", 38.4e6, 43.45e6, **held),
        budget("Management and support", "service_line", 6.1e6, 6.0e6, **held),
    ]
    extraction = Extraction(budget_lines=lines)
    index = scope_index(extraction)
    services = service_lines(extraction, index)
    groups = {g.name: g for g in scope_groups(services, index.line_labels())}
    shown = {b.name: group_name(b.scope, index.line_labels(), b.provenance) for b in services}
    assert set(groups) == set(shown.values()) and sum(g.lines for g in groups.values()) == len(lines)
    care = groups[SCOPE_NAMES[Scope.CHILDRENS_SOCIAL_CARE]]
    assert (care.lines, care.budget_gbp) == (1, 38.4e6)
    overheads_group = groups[shown["Management and support"]]
    assert (
        overheads_group.name.endswith("overheads, not one service's") and overheads_group.budget_gbp == 6.1e6
    )


def test_the_decks_chart_labels_a_scenario_within_the_plan() -> None:
    from analyse.records import PlanSaving
    from render.deck import _chart_name

    plan = PlanSaving(ref="CYPE-02", title="Step down", target_gbp=900e3, provenance=[prov("CYPE-02")])
    within = Scenario(
        name="Residential care stepped down",
        lever="residential_step_down",
        annual_saving_gbp=3.9e6,
        plan_savings=[plan],
        plan_relation="within",
    )
    assert _chart_name(within) == "Residential care stepped down (within CYPE-02: not additional)"
    assert (
        _chart_name(within.model_copy(update={"plan_relation": "beyond"})) == "Residential care stepped down"
    )
    # a scenario resting on an estimated count says so on its bar
    beyond = within.model_copy(update={"plan_relation": "beyond", "estimated": True})
    assert _chart_name(beyond) == "Residential care stepped down (an estimate)"


@pytest.fixture(scope="module")
def wyvern(example_bundle: Path) -> Review:
    from analyse.benchmarks import load_benchmark_table
    from analyse.review import build_review
    from extract.document import extract_file
    from extract.records import Extraction

    files = sorted(p for p in example_bundle.rglob("*") if p.is_file())
    parts = [extract_file(p.name, p.read_bytes()) for p in files]
    return build_review(Extraction.combine(parts), load_benchmark_table(), "938")


def test_wyverns_residential_line_is_not_explained_and_its_fostering_line_implies_its_children(
    wyvern: Review,
) -> None:
    """Q2 p1: residential forecast £43.45m; Q2 p2: 58 children at £6,850 a week (£20.7m a year)."""
    by_line = {c.line: c for c in wyvern.placement_costs}
    residential = by_line[RESIDENTIAL]
    assert (residential.count, residential.weekly_gbp, residential.line_gbp) == (58, 6_850, 43_450_000.0)
    assert residential.reconciles is False
    assert (residential.line_provenance[0].page, residential.line_provenance[0].locator) == (
        1,
        "page 1, Table 1, row 3",
    )
    assert any(p.page == 2 for p in residential.count_provenance)
    assert any(f.code == "placement_line_unexplained" and f.subject == RESIDENTIAL for f in wyvern.flags)
    assert round(by_line[IN_HOUSE].implied_count or 0) == 615


def test_wyverns_directorate_lines_are_labelled_the_directorates(wyvern: Review) -> None:
    labels = wyvern.selection.line_labels
    (management,) = [b for b in wyvern.selection.service_lines if b.name == "Management and support"]
    from analyse.records import line_key

    assert labels[line_key(management.provenance)].endswith(
        "the children's directorate's overheads, not one service's"
    )
    # the savings plan's "Children's directorate savings" total row, which the reconciliation of its
    # two statements cites (its own flag is folded into the line whose difference explains it)
    (total,) = {
        line_key([p]): p
        for r in wyvern.reconciliations
        for p in r.provenance
        if p.file.startswith("CYPE savings plan") and p.text.startswith("Total |")
    }.values()
    assert labels[line_key([total])] == "The children's directorate, all its services"
    send = (
        next(t for t in wyvern.themes if t.theme == "send_high_needs")
        if any(t.theme == "send_high_needs" for t in wyvern.themes)
        else None
    )
    assert send is None or not send.savings_gbp
