"""External against in-house provision: one place decides it from the words (analyse.provision),
and a unit cost, a count or a saving of one is never matched to the other's budget line."""

from __future__ import annotations

import pytest

from analyse.matching import matching_budget_line
from analyse.placement_costs import placement_costs
from analyse.provision import provision_of, same_provision
from analyse.scenarios import Measure
from analyse.scope import ScopeIndex
from extract.records import PlanLine
from tests.review_builders import budget, prov

INDEX = ScopeIndex(children_only=True)
# One sentence giving an independent-sector count, the count budgeted for, and its weekly price.
SENTENCE = (
    "Pressures continue in independent sector residential care, where the number of children placed"
    " stood at 27 compared with 22 budgeted, at an average of £5,900 per week."
)


def _own(value: float) -> Measure:
    return Measure(
        value, None, "the council's own", [prov(SENTENCE, "m.pdf", "page 3, paragraph 2")], own=f"{value:g}"
    )


MEASURES = {"residential_number": _own(27), "unit_cost_residential_weekly": _own(5_900)}


def test_provision_is_read_from_the_words_that_name_it() -> None:
    assert provision_of("Council-run residential homes (internal)") == "in_house"
    assert provision_of("Independent sector residential placements") == "external"
    assert provision_of("Semi-independent living for care leavers") == ""
    assert provision_of("Open in-house homes to cut agency placements") == ""  # both: neither
    assert not same_provision("In-house fostering", "Independent fostering agencies")
    assert same_provision("Fostering", "Independent fostering agencies")


def test_an_external_weekly_price_is_not_applied_to_the_in_house_homes_line() -> None:
    own_homes = budget("Residential care - in-house units", "service_line", 4_000_000.0, 4_300_000.0)
    assert placement_costs([own_homes], MEASURES, INDEX) == []


def test_the_children_above_the_count_budgeted_are_costed_against_the_provisions_placements_line() -> None:
    lines = [
        budget("Residential care - in-house units", "service_line", 4_000_000.0, 4_300_000.0),
        budget("Independent placements", "service_line", 20_000_000.0, 23_500_000.0),
    ]
    (cost,) = placement_costs(lines, MEASURES, INDEX)
    assert cost.line == "Independent placements" and cost.line_figure == "variance"
    assert (cost.count, cost.budgeted_count) == (27, 22)
    assert cost.derived_gbp == pytest.approx(5 * 5_900 * 52)
    assert cost.difference_gbp == pytest.approx(3_500_000.0 - 5 * 5_900 * 52)
    assert "27 children in external residential care against 22 budgeted" in cost.message
    assert "part of the 'Independent placements' variance" in cost.message


def test_a_saving_from_external_care_is_not_matched_to_the_in_house_line_it_shares_words_with() -> None:
    saving = PlanLine(
        title="Move children from independent residential homes to family settings",
        directorate="Children's Services",
        provenance=[prov("saving", "t.xlsx", "A5")],
    )
    own_homes = budget(
        "Residential homes (in-house)", "service_line", 6_000_000.0, directorate="Children's Services"
    )
    outside = budget(
        "Independent placements", "service_line", 20_000_000.0, directorate="Children's Services"
    )
    assert matching_budget_line(saving, [own_homes, outside]) is outside
    assert matching_budget_line(saving, [own_homes]) is None


def test_a_count_stated_after_what_it_counts_is_read_with_the_count_budgeted_and_its_provision() -> None:
    from analyse.benchmarks.own import budgeted_count, measure_provision, own_measures
    from extract.records import Figure, FigureUnit

    price = Figure(
        value=5_900, unit=FigureUnit.GBP, text=SENTENCE, provenance=[prov(SENTENCE, "m.pdf", "p3")]
    )
    measures = own_measures([price])
    count = measures["residential_number"]
    assert count.value == 27 and budgeted_count(count) == 22
    assert (
        measure_provision(count) == measure_provision(measures["unit_cost_residential_weekly"]) == "external"
    )
    # A date after "at" is no count: the count is the figure the sentence gives after it.
    dated = "The number of children looked after at 31 March was 1,240, 3% more than a year before."
    share = Figure(value=3, unit=FigureUnit.PERCENT, text=dated, provenance=[prov(dated, "m.pdf", "p3")])
    assert own_measures([share])["cla_number"].value == 1_240
