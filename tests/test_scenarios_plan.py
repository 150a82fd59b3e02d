"""A scenario beside the council's own plan: a children's saving that works the same lever is named,
with its money and delivery as its own record states them, and whether the scenario goes beyond it."""

from __future__ import annotations

from pathlib import Path

import pytest

from analyse.records import Review, Scenario
from analyse.scenarios import Measure, against_plan, residential_step_down, scenarios
from analyse.themes import saving_levers, themes_of
from extract.records import Rag, SavingsLine
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


def step_down() -> Scenario:
    measures = {
        "residential_number": Measure(58, None, "The number of children in residential care"),
        "unit_cost_residential_weekly": Measure(6850, None, "The weekly cost of residential care"),
        "unit_cost_fostering_weekly": Measure(1050, None, "The weekly cost of foster care"),
    }
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


def test_where_the_plan_is_silent_on_the_lever_the_scenario_is_unchanged() -> None:
    scenario = step_down()
    others = [plan()[0], plan()[2], saving("Library opening hours", 50e3)]
    assert against_plan(scenario, others, YEAR) == scenario


def test_a_saving_works_the_most_specific_lever_its_own_words_name() -> None:
    edge, step, ifa = plan()
    assert saving_levers(step) == ["residential_step_down"]  # it names fostering too: no fostering mix
    assert saving_levers(ifa) == ["fostering_mix"]
    assert saving_levers(edge) == ["fewer_looked_after"]
    assert saving_levers(saving("Library opening hours", 50e3)) == []
    transport = saving("Home to school transport: personal budgets to avoid taxi costs", 400e3)
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
    assert {p.file for p in named.provenance} == {"Savings tracker 2025-26 Q2.xlsx"}
    assert (named.planned_count, named.achieved_count) == (
        16,
        9,
    )  # "Nine step-downs achieved against 16 planned"
    assert scenario.children is not None and scenario.children <= 16
    assert scenario.plan_relation == "within" and scenario.beyond_plan_gbp is None
    assert "(9 achieved so far, 7 still to deliver)" in scenario.plan_note


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


def test_a_saving_on_placements_in_general_may_work_any_placement_lever() -> None:
    """A saving on placement costs in general may be on any kind of placement; one that names a
    kind ("residential placements", foster carers) is on that kind's lever only."""
    general = saving("Implementation of strategies to reduce placement costs for looked after children", 1e6)
    assert "residential_step_down" in saving_levers(general) and "fostering_mix" in saving_levers(general)
    carers = saving("Recruit in-house foster carers to reduce placement costs", 1e6)
    assert saving_levers(carers) == ["fostering_mix"]
    edge = saving("Edge of care support so that fewer children need residential placements", 1e6)
    assert saving_levers(edge) == ["fewer_looked_after"]
    homes = saving("Development of in-house residential units", 1e6)
    assert saving_levers(homes) == ["residential_step_down"]


APPENDIX_F = "kent_cabinet_2025-01-30_appendixF_budget_templates.pdf"


def test_kents_placement_cost_strategy_and_residential_units_work_the_step_down_lever(kent_dir: Path) -> None:
    """Kent's Appendix F: p.13's £1.5m 'Looked After Children' placement-cost strategy and p.17's
    in-house residential units (£0.64m and £0.89m in later years) are on residential care; the
    adults' residential lines on the same pages are not the children's (scope decides that)."""
    import io

    import pypdf

    from extract.document import extract_file

    reader, writer = pypdf.PdfReader(kent_dir / APPENDIX_F), pypdf.PdfWriter()
    for page in (13, 17):
        writer.add_page(reader.pages[page - 1])
    out = io.BytesIO()
    writer.write(out)
    savings = extract_file(APPENDIX_F, out.getvalue()).savings
    on_lever = {s.title: s for s in savings if "residential_step_down" in saving_levers(s)}
    strategy = on_lever["Looked After Children"]
    assert "reduce placement costs" in strategy.description
    assert [(p.period, p.amount_gbp) for p in strategy.planned][0] == ("2025-26", 1.5e6)
    units = on_lever["Children's Residential Care"]
    assert [p.amount_gbp for p in units.planned] == [0.0, 640e3, 890e3]
    scenario = step_down()
    placed = against_plan(scenario, [strategy, units], "2025-26")
    assert [p.title for p in placed.plan_savings] == ["Looked After Children"]  # nothing in 2025-26 for units
    assert placed.plan_savings[0].target_gbp == 1.5e6


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
    assert f"6 (10%) of 60 children in {both} moved" in residential_step_down(national).explanation
    own = step_down()
    assert (
        "(10%) of 58 children in residential care moved" in own.explanation
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
