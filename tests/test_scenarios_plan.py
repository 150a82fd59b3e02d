"""A scenario beside the council's own plan: a children's saving that works the same lever is named,
with its money and delivery as its own record states them, and whether the scenario goes beyond it."""

from __future__ import annotations

from pathlib import Path

import pytest

from analyse.records import Review, Scenario
from analyse.scenarios import ASSUMED, Measure, against_plan, against_plans, residential_step_down, scenarios
from analyse.themes import saving_levers, themes_of
from extract.records import PeriodAmount, Rag, SavingsLine
from tests.review_builders import YEAR, saving

STEP_DOWN_STATUS = "Nine step-downs achieved against 16 planned"
UNCOUNTED_STATUS = "Recruitment of specialist carers behind plan"


def tracked(title: str, target: float, forecast: float, rag_text: str, status: str) -> SavingsLine:
    return saving(
        title,
        period=YEAR,
        target_gbp=target,
        forecast_gbp=forecast,
        rag=Rag.AMBER,
        rag_text=rag_text,
        status_text=status,
    )


def plan(step_down_target: float = 900e3, status: str = UNCOUNTED_STATUS) -> list[SavingsLine]:
    return [
        tracked(
            "Reduce the number of children in residential care through edge of care support",
            1.25e6,
            0.6e6,
            "Dark Amber",
            "58 children in residential care against a plan of 50",
        ),
        tracked("Step down from residential to foster care", step_down_target, 450e3, "Amber", status),
        tracked("Recruit in-house foster carers to reduce use of IFAs", 750e3, 750e3, "Green", "27 approved"),
    ]


def phased(*amounts: float) -> list[PeriodAmount]:
    """Amounts for the review year and the years after it."""
    start = int(YEAR[:4])
    return [
        PeriodAmount(period=f"{start + i}-{(start + i + 1) % 100}", amount_gbp=a)
        for i, a in enumerate(amounts)
    ]


def step_down_measures() -> dict[str, Measure]:
    return {
        "residential_number": Measure(58, None, "The number of children in residential care"),
        "unit_cost_residential_weekly": Measure(6850, None, "The weekly cost of residential care"),
        "unit_cost_fostering_weekly": Measure(1050, None, "The weekly cost of foster care"),
    }


def step_down() -> Scenario:
    measures = step_down_measures()
    (scenario,) = [s for s in scenarios(measures) if s.name == residential_step_down(measures).name]
    return scenario


def test_a_step_down_scenario_names_the_plans_step_down_saving_and_what_is_beyond_it() -> None:
    scenario = step_down()
    assert scenario.annual_saving_gbp is not None
    placed = against_plan(scenario, plan(), YEAR)
    (named,) = placed.plan_savings
    line = plan()[1]
    assert (named.title, named.target_gbp, named.forecast_gbp) == (line.title, 900e3, 450e3)
    assert UNCOUNTED_STATUS in named.status and named.status.startswith("Amber")
    assert named.provenance == line.provenance
    assert placed.plan_relation == "beyond"
    assert placed.beyond_plan_gbp == scenario.annual_saving_gbp - 900e3
    assert "overlaps the £0.9m the council's plan already counts" in placed.plan_note


def test_a_scenario_no_larger_than_the_plans_saving_is_within_it() -> None:
    scenario = step_down()
    assert scenario.annual_saving_gbp is not None
    placed = against_plan(scenario, plan(step_down_target=scenario.annual_saving_gbp + 100e3), YEAR)
    assert placed.plan_relation == "within" and placed.beyond_plan_gbp is None
    assert "not additional to the plan" in placed.plan_note
    just_less = against_plan(scenario, plan(step_down_target=scenario.annual_saving_gbp - 1e3), YEAR)
    assert (just_less.plan_relation, just_less.beyond_plan_gbp) == ("beyond", 1e3)


def test_a_saving_that_counts_its_step_downs_is_compared_by_count_not_money() -> None:
    """The plan's 16 step-downs (nine achieved) hold the scenario's children, whatever the money:
    the scenario is within the plan. A plan of fewer step-downs than the scenario's leaves the rest
    beyond it, at the scenario's own price per child."""
    scenario = step_down()
    assert scenario.annual_saving_gbp is not None and scenario.children == 6
    placed = against_plan(scenario, plan(step_down_target=100e3, status=STEP_DOWN_STATUS), YEAR)
    assert (placed.plan_relation, placed.beyond_plan_gbp) == ("within", None)
    assert "compare with the 16 the council's plan" in placed.plan_note
    assert "(9 achieved so far, 7 still to deliver)" in placed.plan_note
    fewer = against_plan(scenario, plan(status="Two step-downs planned, none yet achieved"), YEAR)
    assert fewer.plan_relation == "beyond"
    assert fewer.beyond_plan_gbp == round(scenario.annual_saving_gbp * 4 / 6, -3)
    assert "4 of them are beyond the plan" in fewer.plan_note and "achieved so far" not in fewer.plan_note


def test_a_part_year_target_is_said_beside_the_scenarios_full_year() -> None:
    scenario = step_down()
    part = against_plan(scenario, plan(status="Slipped; part-year effect only"), YEAR)
    assert "its target is a part year's effect; the scenario is a full year's" in part.plan_note
    assert "part year" not in against_plan(scenario, plan(), YEAR).plan_note


def test_where_the_plan_is_silent_on_the_lever_and_its_subject_the_scenario_is_unchanged() -> None:
    scenario = step_down()
    others = [plan()[2], saving("Library opening hours", 50e3)]
    assert against_plan(scenario, others, YEAR) == scenario


def test_a_saving_on_the_levers_subject_by_another_lever_is_named_not_none() -> None:
    """Kent's in-house children's homes (nothing in the review year, £0.64m and £0.89m after) are on
    residential care but step no child down: named beside the step-down scenario, never 'none'."""
    homes = saving(
        "Children's Residential Care",
        0.0,
        planned=phased(0.0, 640e3, 890e3),
        description="Development of in-house residential units to provide an alternative to independent"
        " sector residential care placements (invest to save)",
    )
    placed = against_plan(step_down(), [homes, saving("Library opening hours", 50e3)], YEAR)
    assert not placed.plan_savings and placed.plan_relation == ""
    assert [p.title for p in placed.subject_savings] == ["Children's Residential Care"]
    assert placed.subject_savings[0].provenance == homes.provenance
    start = int(YEAR[:4])
    later = f"£0.6m in {start + 1}-{(start + 2) % 100} and £0.9m in {start + 2}-{(start + 3) % 100}"
    assert f"‘Children's Residential Care’ (nothing in {YEAR}, {later})" in placed.plan_note
    # one value changed: a saving on fostering is on no residential subject, so nothing is named
    fostering = homes.model_copy(update={"title": "Fostering", "description": "in-house foster carers"})
    assert against_plan(step_down(), [fostering], YEAR) == step_down()


def test_a_saving_works_the_most_specific_lever_its_own_words_name() -> None:
    edge, step, ifa = plan()
    assert saving_levers(step) == ["residential_step_down"]  # it names fostering too: no fostering mix
    assert saving_levers(ifa) == ["fostering_mix"]
    assert saving_levers(edge) == ["fewer_looked_after"]
    assert saving_levers(saving("Library opening hours", 50e3)) == []
    transport = saving("Home to school transport: personal budgets to reduce demand for taxis", 400e3)
    assert "demand_management" in themes_of(transport.title) and saving_levers(transport) == []


@pytest.fixture(scope="module")
def wyvern(example_bundle: Path) -> Review:
    from analyse.benchmarks import load_benchmark_table
    from analyse.review import build_review
    from extract.document import extract_file
    from extract.records import Extraction

    files = sorted(p for p in example_bundle.rglob("*") if p.is_file())
    parts = [extract_file(p.name, p.read_bytes()) for p in files]
    return build_review(Extraction.combine(parts), load_benchmark_table(), "938")


def test_wyverns_step_down_scenario_names_cype_02_from_its_tracker(wyvern: Review) -> None:
    from examples.wyvern_figures import SAVINGS

    (scenario,) = [s for s in wyvern.scenarios if s.lever == "residential_step_down"]
    (named,) = scenario.plan_savings
    (cype_02,) = [s for s in SAVINGS if s.ref == "CYPE-02"]
    assert (named.ref, named.target_gbp, named.forecast_gbp) == ("CYPE-02", cype_02.target * 1e3, 450e3)
    assert cype_02.comment in named.status
    # the tracker's row, then the plans that phase the saving over the later years
    assert named.provenance[0].file == "Savings tracker 2025-26 Q2.xlsx"
    assert {p.file for p in named.provenance[1:]} == {
        "CYPE savings plan 2025-28.docx",
        "Wyvern MTFP 2025-28.pdf",
    }
    assert [(a.period, a.amount_gbp) for a in named.following] == [("2026-27", 800e3), ("2027-28", 400e3)]
    assert (named.planned_count, named.achieved_count) == (
        16,
        9,
    )  # "Nine step-downs achieved against 16 planned"
    assert scenario.children is not None and scenario.children <= 16
    assert scenario.plan_relation == "within" and scenario.beyond_plan_gbp is None
    assert "(9 achieved so far, 7 still to deliver)" in scenario.plan_note
    assert scenario.annual_saving_gbp is not None
    # its first year of three may be a part year's: not like with like, so no "times the plan's"
    own, ours = cype_02.target * 1e3 / 16, scenario.annual_saving_gbp / scenario.children
    every_year = (cype_02.target * 1e3 + 800e3 + 400e3) / 16  # the plan's phasing: 900, 800, 400
    assert (
        f"(CYPE-02: £{cype_02.target / 1e3:.1f}m for 16) is £{own / 1e3:,.0f}k a child for 2025-26, but that "
        "may be a part year's money" in scenario.plan_note
    )
    assert (
        f"not like with like with the scenario's full year, £{ours / 1e3:,.0f}k a child" in scenario.plan_note
    )
    assert f"£{every_year / 1e3:,.0f}k for each of the 16 planned for 2025-26" in scenario.plan_note
    assert "times" not in scenario.plan_note
    assert "foster care with an independent fostering agency" in scenario.explanation


def test_wyverns_scenarios_take_the_strategic_plans_targets(wyvern: Review) -> None:
    """The Strategic Plan sets 70% of fostered children with in-house carers, 45 children in
    residential care by March 2027 (from 58) and 1,150 looked after by March 2028: each scenario
    takes its own, cited to the plan's page, and assumes none of them."""
    plan_p1 = "(Children and Young Peoples Strategic Plan 2025-2028.pdf p1)"
    by_lever = {s.lever: s for s in wyvern.scenarios}
    mix, fewer, step = (by_lever[k] for k in ("fostering_mix", "fewer_looked_after", "residential_step_down"))
    assert mix.name.startswith("Fostering mix toward 70% in-house")
    assert (
        mix.assumptions["Share of fostered children in-house, target"]
        == "70% (the council's target, no date stated)"
    )
    assert (
        step.children == 13 and "Share of children in residential care stepped down" not in step.assumptions
    )
    assert (
        step.assumptions["Children in residential care, target"] == "45 by March 2027 (the council's target)"
    )
    assert (
        fewer.assumptions["Children looked after, the council's target"]
        == "1,150 by March 2028 (the council's target)"
    )
    for scenario, name in ((mix, "the share of fostered children with in-house carers"),
                           (step, "the number of children in residential care"),
                           (fewer, "the number of children looked after")):  # fmt: skip
        assert f"The council's target for {name}: the council's own documents {plan_p1}" in scenario.sources
        assert not any(ASSUMED in str(v) and "target" in k for k, v in scenario.assumptions.items())


def test_the_pack_and_the_deck_show_the_plans_saving_beside_its_scenario() -> None:
    import io

    from lxml import html as lxml_html
    from pptx import Presentation

    from render.deck import render_pptx
    from render.pack import pack_html
    from tests.render_samples import sample

    review, extraction = sample()
    (placed,) = [s for s in review.scenarios if s.plan_savings]
    section = lxml_html.fromstring(pack_html(review, extraction)).xpath("//section[@id='scenarios']")[0]
    text = " ".join(" ".join(section.itertext()).split())
    (named,) = placed.plan_savings
    assert f"The council's own plan works this lever: {named.ref}" in text
    assert named.status in text and placed.plan_note in text
    deck = Presentation(io.BytesIO(render_pptx(review, extraction)))
    cells = [
        [c.text for c in row.cells]
        for slide in deck.slides
        for shape in slide.shapes
        if shape.has_table
        for row in shape.table.rows
    ]
    (header,) = [row for row in cells if row[0].startswith("Scenario")]
    assert header[-1] == "The council's own plan"
    (row,) = [row for row in cells if row[0] == placed.name]
    assert placed.beyond_plan_gbp is not None
    target, beyond = named.target_gbp / 1e6, placed.beyond_plan_gbp / 1e6
    assert (
        row[-1].startswith(f"{named.ref} £{target:.2f}m")
        and f"beyond it by at most £{beyond:.2f}m" in row[-1]
    )


def test_a_saving_works_a_lever_only_where_it_names_the_levers_own_subject() -> None:
    """A saving on placement costs in general (kinship care, health contributions) names no
    residential care or fostering, so it is set against neither scenario; one that names a kind
    ("residential placements", foster carers) is on that kind's lever only."""
    general = saving(
        "Implementation of strategies to reduce placement costs for looked after children including "
        "the impact of kinship service, along with increased health contributions",
        1e6,
    )
    assert "residential_step_down" not in saving_levers(general)
    assert "fostering_mix" not in saving_levers(general)
    carers = saving("Recruit in-house foster carers to reduce placement costs", 1e6)
    assert saving_levers(carers) == ["fostering_mix"]
    edge = saving("Edge of care support so that fewer children need residential placements", 1e6)
    assert saving_levers(edge) == ["fewer_looked_after"]
    # Kent's residential saving builds in-house homes in place of independent ones: it moves no child
    # out of residential care, so no step-down scenario is set against it; one stepping down is.
    homes = saving(
        "Development of in-house residential units to provide an alternative to independent sector "
        "residential care placements (invest to save)",
        1e6,
    )
    assert saving_levers(homes) == []
    stepping = saving("Step children down from residential care to family settings", 1e6)
    assert saving_levers(stepping) == ["residential_step_down"]


def test_a_saving_on_the_lever_that_starts_later_is_named_with_its_later_years() -> None:
    """A saving with nothing in the review year is named with its later money, cited, and not set
    against the scenario's year."""
    homes = saving("Step children down from residential care", 0.0, planned=phased(0.0, 640e3, 890e3))
    placed = against_plan(step_down(), [homes], YEAR)
    (named,) = placed.plan_savings
    assert named.target_gbp == 0.0 and named.provenance == homes.provenance
    assert [(a.period, a.amount_gbp) for a in named.later] == [("2025-26", 640e3), ("2026-27", 890e3)]
    assert (placed.plan_relation, placed.beyond_plan_gbp) == ("", None)
    assert f"has no money in {YEAR}: it starts later, £0.6m in 2025-26 and £0.9m in 2026-27" in (
        placed.plan_note
    )
    nothing = saving("Step children down from residential care", 0.0, planned=phased(0.0, 0.0, 0.0))
    assert against_plan(step_down(), [nothing], YEAR) == step_down()


def test_the_plans_own_price_per_child_is_said_beside_the_scenarios() -> None:
    """A saving that states its count and its money prices each child: the scenario's price per
    child is said beside it, as a multiple."""
    scenario = step_down()
    assert scenario.annual_saving_gbp is not None and scenario.children
    placed = against_plan(scenario, plan(step_down_target=900e3, status=STEP_DOWN_STATUS), YEAR)
    ours = scenario.annual_saving_gbp / scenario.children
    ratio = ours / (900e3 / 16)
    assert (
        f"(‘Step down from residential to foster care’: £0.9m for 16) is £56k a child; the scenario's "
        f"is £{ours / 1e3:,.0f}k a child, {ratio:.1f} times the plan's" in placed.plan_note
    )
    assert "a child" not in against_plan(scenario, plan(), YEAR).plan_note  # no count stated


def test_a_scenario_says_its_assumed_parameters_are_for_the_reviewers_to_test() -> None:
    """No outside study is cited: the share stepped down and the target mix are assumptions."""
    for s in scenarios(step_down_measures()):
        assert not any("Peopletoo" in x or "CIPFA" in x for x in s.sources)
    scenario = step_down()
    (share,) = [v for k, v in scenario.assumptions.items() if k.startswith("Share of children")]
    assert share == f"10% ({ASSUMED})"
    assert any(x.startswith("Assumed, for the reviewers to test") for x in scenario.sources)
    assert "an assumed share" in scenario.explanation


def test_the_councils_agency_foster_week_is_named_as_the_agencys_rate() -> None:
    measures = step_down_measures() | {
        "foster_agency_weekly": Measure(
            1050, None, "The weekly cost of an independent agency foster placement"
        )
    }
    agency = residential_step_down(measures)
    assert (
        agency.assumptions["Foster care with an independent fostering agency, per child"] == "£1,050 a week"
    )
    assert "moved to foster care with an independent fostering agency: £6,850" in agency.explanation
    assert "Foster care, per child" in step_down().assumptions


APPENDIX_F = "kent_cabinet_2025-01-30_appendixF_budget_templates.pdf"


def test_kents_residential_units_and_its_placement_cost_strategy_are_no_step_down(
    kent_dir: Path,
) -> None:
    """Kent's Appendix F: p.13's £1.5m 'Looked After Children' strategy (kinship service, health
    contributions) and £0.55m disability packages name no residential care, and p.17's in-house
    residential units (nothing in 2025-26, £0.64m and £0.89m later) move children from independent
    homes to the council's own, not into foster care: none is set against the step-down scenario."""
    import io

    import pypdf

    from extract.document import extract_file

    reader, writer = pypdf.PdfReader(kent_dir / APPENDIX_F), pypdf.PdfWriter()
    for page in (13, 17):
        writer.add_page(reader.pages[page - 1])
    out = io.BytesIO()
    writer.write(out)
    savings = extract_file(APPENDIX_F, out.getvalue()).savings
    by_title = {s.title: s for s in savings}
    (strategy,) = [s for s in savings if s.title == "Looked After Children" and "kinship" in s.description]
    packages = by_title["Disabled Children's Placement and Support"]
    assert [p.amount_gbp for p in strategy.planned][0] == 1.5e6
    units = by_title["Children's Residential Care"]
    assert [p.amount_gbp for p in units.planned] == [0.0, 640e3, 890e3]
    for line in (strategy, packages, units):
        assert not {"residential_step_down", "fostering_mix"} & set(saving_levers(line))
    placed = against_plan(step_down(), [strategy, packages, units], "2025-26")
    assert not placed.plan_savings  # none works the lever; the units are on its subject by another
    assert [p.title for p in placed.subject_savings] == ["Children's Residential Care"]
    # one value changed: the same units said to step children down to foster care are on the lever
    stepping = units.model_copy(
        update={"description": units.description + " and step children down to foster care"}
    )
    assert against_plan(step_down(), [stepping], "2025-26").plan_savings


def test_the_councils_residential_care_is_named_beside_the_national_measures_name() -> None:
    """The national share counts secure or children's homes; the council says residential care: a
    scenario on the national share says both, one on the council's own count says the council's."""
    national = {
        "cla_number": Measure(1000, None, "Children looked after"),
        "placement_residential_pct": Measure(6, None, "Children looked after in secure or children's homes"),
        "unit_cost_residential_weekly": Measure(6850, None, "The weekly cost of residential care"),
        "unit_cost_fostering_weekly": Measure(1050, None, "The weekly cost of foster care"),
    }
    both = "residential care (secure or children's homes in the national data)"
    assert (
        f"6 (10%, an assumed share) of 60 children in {both} moved"
        in residential_step_down(national).explanation
    )
    own = step_down()
    assert (
        "(10%, an assumed share) of 58 children in residential care moved" in own.explanation
        and "secure" not in own.explanation
    )


def test_the_deck_says_the_counts_a_scenario_was_compared_on() -> None:
    import io

    from pptx import Presentation

    from render.deck import render_pptx
    from tests.render_samples import sample

    review, extraction = sample()
    (placed,) = [s for s in review.scenarios if s.plan_savings]
    counted = placed.model_copy(
        update={
            "children": 6,
            "plan_savings": [p.model_copy(update={"planned_count": 16}) for p in placed.plan_savings],
        }
    )
    scenarios = [counted if s is placed else s for s in review.scenarios]
    deck = Presentation(
        io.BytesIO(render_pptx(review.model_copy(update={"scenarios": scenarios}), extraction))
    )
    (row,) = [
        [c.text for c in r.cells]
        for slide in deck.slides
        for shape in slide.shapes
        if shape.has_table
        for r in shape.table.rows
        if r.cells[0].text == placed.name
    ]
    assert row[-1].endswith("(6 children against 16 planned)")


def test_the_pack_and_the_deck_say_a_saving_on_the_lever_starts_later() -> None:
    import io

    from lxml import html as lxml_html
    from pptx import Presentation

    from render.deck import render_pptx
    from render.pack import pack_html
    from tests.render_samples import sample

    review, extraction = sample()
    (placed,) = [s for s in review.scenarios if s.plan_savings]
    carers = saving("Recruit in-house foster carers", 0.0, planned=phased(0.0, 640e3, 890e3))
    later = against_plan(
        placed.model_copy(
            update={"plan_savings": [], "plan_relation": "", "beyond_plan_gbp": None, "plan_note": ""}
        ),
        [carers],
        YEAR,
    )
    assert later.plan_savings and later.plan_savings[0].later
    scenarios = [later if s is placed else s for s in review.scenarios]
    changed = review.model_copy(update={"scenarios": scenarios})
    section = lxml_html.fromstring(pack_html(changed, extraction)).xpath("//section[@id='scenarios']")[0]
    text = " ".join(" ".join(section.itertext()).split())
    assert f"Recruit in-house foster carers ’, nothing for {YEAR}" in text
    assert later.plan_note in text
    deck = Presentation(io.BytesIO(render_pptx(changed, extraction)))
    (row,) = [
        [c.text for c in r.cells]
        for slide in deck.slides
        for shape in slide.shapes
        if shape.has_table
        for r in shape.table.rows
        if r.cells[0].text == placed.name
    ]
    assert (
        row[-1]
        == "Recruit in-house foster carers from 2025-26; scenario not set against it (it starts later)"
    )


def phased_plan(*amounts: float, file: str = "mtfp.pdf") -> SavingsLine:
    """The plan's line of the step-down saving the tracker reports on, phased from the review year."""
    return saving("Step down from residential to foster care", planned=phased(*amounts), file=file)


def test_a_saving_phased_over_later_years_is_not_priced_against_a_full_year_as_a_multiple() -> None:
    """The tracker's £0.9m for 16 step-downs is the first year of a saving its plan phases over three
    (£0.8m, £0.4m after): its children may be placed through the year, so its £56k a child is no
    full year's. The note says so and gives the plan's money over every year it gives, £2.1m for
    the 16 (£131k), as no bound and with no multiple; where no plan phases it, the multiple stands."""
    scenario = step_down()
    assert scenario.annual_saving_gbp is not None and scenario.children
    tracker = plan(step_down_target=900e3, status=STEP_DOWN_STATUS)
    placed = against_plan(scenario, tracker, YEAR, [phased_plan(900e3, 800e3, 400e3)])
    (named,) = placed.plan_savings
    assert [a.amount_gbp for a in named.following] == [800e3, 400e3]
    assert {p.file for p in named.provenance} == {"tracker.xlsx", "mtfp.pdf"}
    ours = scenario.annual_saving_gbp / scenario.children
    assert f"is £56k a child for {YEAR}, but that may be a part year's money" in placed.plan_note
    assert "first year of a saving phased over later years (£0.8m in" in placed.plan_note
    assert (
        f"not like with like with the scenario's full year, £{ours / 1e3:,.0f}k a child" in placed.plan_note
    )
    assert (
        "Over every year the plan gives, it is £2.1m, £131k for each of the 16 planned for"
        f" {YEAR}, though a later year's money may be other children's: not like with like either."
        in placed.plan_note
    )
    assert "times" not in placed.plan_note
    one_year = against_plan(scenario, tracker, YEAR, [phased_plan(900e3, 0.0, 0.0)])
    assert "times the plan's: ask which price holds" in one_year.plan_note


def test_plans_that_phase_a_later_year_differently_give_no_full_year_figure() -> None:
    """Two plans phase the saving's later years differently: it is still phased (not a multiple),
    but no two-year figure is worked from either."""
    scenario = step_down()
    tracker = plan(step_down_target=900e3, status=STEP_DOWN_STATUS)
    plans = [phased_plan(900e3, 800e3), phased_plan(1.1e6, 700e3, file="plan.docx")]
    placed = against_plan(scenario, tracker, YEAR, plans)
    (named,) = placed.plan_savings
    assert named.phased and named.following == []
    assert "first year of a saving phased over later years, so its children" in placed.plan_note
    assert placed.plan_note.endswith("Ask the full-year saving per child.")
    assert "times" not in placed.plan_note


def test_a_saving_whose_words_say_part_year_is_not_priced_as_a_multiple() -> None:
    scenario = step_down()
    words = "Slipped; part-year effect only. " + STEP_DOWN_STATUS
    placed = against_plan(scenario, plan(step_down_target=900e3, status=words), YEAR)
    assert "may be a part year's money: its words say it is a part year's" in placed.plan_note
    assert "Ask the full-year saving per child." in placed.plan_note
    assert "times the plan's" not in placed.plan_note


def test_a_saving_with_nothing_the_next_year_is_summed_over_the_years_it_has() -> None:
    """Phased, with nothing in the year after the review year: still not like with like, its money
    over the years the plan gives it money, with no multiple."""
    scenario = step_down()
    tracker = plan(step_down_target=900e3, status=STEP_DOWN_STATUS)
    placed = against_plan(scenario, tracker, YEAR, [phased_plan(900e3, 0.0, 400e3)])
    assert "phased over later years (£0.4m in" in placed.plan_note
    assert "it is £1.3m, £81k for each of the 16" in placed.plan_note
    assert "times" not in placed.plan_note


def test_each_savings_levers_are_read_once_for_all_the_scenarios(monkeypatch: pytest.MonkeyPatch) -> None:
    import analyse.scenarios

    every = scenarios(step_down_measures())
    one_by_one = [against_plan(s, plan(), YEAR) for s in every]
    read: list[str] = []

    def counted(line: SavingsLine) -> list[str]:
        read.append(line.title)
        return saving_levers(line)

    monkeypatch.setattr(analyse.scenarios, "saving_levers", counted)
    assert against_plans(every, plan(), YEAR) == one_by_one
    assert len(every) == 3 and read == [line.title for line in plan()]


def test_the_pack_and_the_deck_name_a_saving_on_the_subject_by_another_lever() -> None:
    import io

    from lxml import html as lxml_html
    from pptx import Presentation

    from render.deck import render_pptx
    from render.pack import pack_html
    from tests.render_samples import sample

    review, extraction = sample()
    (placed,) = [s for s in review.scenarios if s.plan_savings]
    homes = saving(
        "Children's Residential Care",
        0.0,
        planned=phased(0.0, 640e3, 890e3),
        description="in-house residential units in place of independent residential care placements",
    )
    blank = {"plan_savings": [], "plan_relation": "", "beyond_plan_gbp": None, "plan_note": ""}
    other = against_plan(placed.model_copy(update={**blank, "lever": "residential_step_down"}), [homes], YEAR)
    assert other.subject_savings and not other.plan_savings
    changed = review.model_copy(update={"scenarios": [other if s is placed else s for s in review.scenarios]})
    section = lxml_html.fromstring(pack_html(changed, extraction)).xpath("//section[@id='scenarios']")[0]
    text = " ".join(" ".join(section.itertext()).split())
    assert "The council's own plan: No saving of the council's plan works this lever" in text
    assert other.plan_note in text
    deck = Presentation(io.BytesIO(render_pptx(changed, extraction)))
    (row,) = [
        [c.text for c in r.cells]
        for slide in deck.slides
        for shape in slide.shapes
        if shape.has_table
        for r in shape.table.rows
        if r.cells[0].text == placed.name
    ]
    start = int(YEAR[:4])
    later = f"{start + 1}-{(start + 2) % 100}"
    assert (
        row[-1]
        == f"none on this lever; on its subject by another lever: Children's Residential Care from {later}"
    )
