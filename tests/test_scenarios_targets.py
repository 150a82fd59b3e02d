"""Targets the council's documents set for a scenario's parameter (analyse.targets): read from the
sentences of its prose with their subject, date and source, and taken by the scenarios in place of
an assumption; a ceiling, another subject's target, or two different targets give none."""

from __future__ import annotations

from pathlib import Path

import pytest

from analyse.scenarios import (
    ASSUMED,
    FosteringMix,
    Measure,
    fewer_looked_after,
    fostering_mix,
    residential_step_down,
    target_key,
)
from analyse.targets import (
    sentence_reductions,
    sentence_targets,
    stated_targets,
    targets_read,
    targets_stated_differently,
)
from extract.records import Passage, Provenance

PLAN = "Children and Young Peoples Strategic Plan 2025-2028.pdf"


def where(text: str, file: str = PLAN, page: int = 1) -> Provenance:
    return Provenance(file=file, sha256="ab" * 32, page=page, bbox=None, locator=f"page {page}", text=text)


def passage(text: str, file: str = PLAN) -> Passage:
    return Passage(text=text, provenance=[where(text, file)])


@pytest.mark.parametrize(
    ("sentence", "found"),
    [
        ("Safely reduce the number of children looked after to 1,150 by March 2028.", [("cla_number", 1150, "March 2028")]),
        ("Reduce the number of children in residential care from 58 to 45 by March 2027, stepping children down.",
         [("residential_number", 45, "March 2027")]),
        ("Increase the share of fostered children living with in-house carers from 61% to 70%.",
         [("foster_in_house_pct", 70, None)]),
        ("By 2027 we will increase the share of children in foster care with our own carers to 75 per cent.",
         [("foster_in_house_pct", 75, "2027")]),
        ("We have set a target of 40 children in residential care by the end of March 2027.",
         [("residential_number", 40, "March 2027")]),
        # a ceiling, another subject, money, a share read as a count, a year: no target for a parameter
        ("Keep re-referrals within 12 months below 20%.", []),
        ("Reduce agency social workers from 24% to 12% of the workforce by March 2027.",
         [("agency_social_worker_pct", 12, "March 2027")]),
        ("Reduce independent fostering agency placements from 40% to 30% by 2027.", []),
        ("Reduce foster placements with independent agencies to 200 by 2027.", []),
        ("Reduce the residential care budget from £12m to £10m.", []),
        ("Reduce the number of children in residential care to 4.5% of children looked after.", []),
        ("Reduce the number of children looked after from 2025 to 2028.", []),
        ("Reduce the number of children looked after to 58 per 10,000 by 2027.", []),
        ("Reduce the number of children looked after to 55.5 by 2027.", []),
    ],
)  # fmt: skip
def test_a_target_is_read_with_its_subject_and_date_and_nothing_else_is(
    sentence: str, found: list[tuple[str, float, str | None]]
) -> None:
    targets = sentence_targets(sentence, [where(sentence)])
    assert [(t.key, t.value, t.by) for t in targets] == found


def test_a_target_is_cited_to_every_sentence_setting_it_and_two_different_targets_give_none() -> None:
    said = "Reduce the number of children in residential care from 58 to 45 by March 2027."
    again = passage(said, "Cabinet report.pdf")
    (target,) = stated_targets(targets_read([passage(said), again])).values()
    assert (target.value, target.period) == (45, "March 2027")
    assert {p.file for p in target.provenance} == {PLAN, "Cabinet report.pdf"}
    other = passage("Reduce the number of children in residential care to 50 by March 2027.", "MTFP.pdf")
    assert stated_targets(targets_read([passage(said), other])) == {}
    later = passage("Reduce the number of children in residential care to 45 by March 2028.", "MTFP.pdf")
    assert (
        stated_targets(targets_read([passage(said), later])) == {}
    )  # the same count by another date: ask which


def test_a_target_set_differently_in_two_documents_is_stated_differently_cited_to_each() -> None:
    plan = passage(
        "Agency social workers will be converted to permanent posts, reducing agency staff from 24% to 15% of"
        " the workforce.",
        "savings plan.docx",
    )
    strategy = passage("Reduce agency social workers from 24% to 12% of the workforce by March 2027.")
    (differs,) = targets_stated_differently(targets_read([plan, strategy]))
    assert differs.subject == "the share of social workers who are agency staff"
    assert [(s.words, [p.file for p in s.provenance]) for s in differs.stated] == [
        ("15% (no date given)", ["savings plan.docx"]),
        ("12% by March 2027", [PLAN]),
    ]
    # Two values by two dates are a trajectory; by one date, they disagree.
    sooner = passage("Reduce agency social workers from 24% to 15% of the workforce by March 2026.", "a.docx")
    assert targets_stated_differently(targets_read([sooner, strategy])) == []
    same = passage("Reduce agency social workers from 24% to 15% of the workforce by March 2027.", "a.docx")
    (differs,) = targets_stated_differently(targets_read([same, strategy]))
    assert [s.words for s in differs.stated] == ["15% by March 2027", "12% by March 2027"]
    # One value, once undated and once by a date, is one target: nothing stated differently.
    agreed = passage("Reduce agency social workers from 24% to 15% of the workforce by March 2026.")
    assert targets_stated_differently(targets_read([plan, agreed])) == []
    said = "Reduce the number of children in residential care from 58 to 45 by March 2027."
    undated = passage("Reduce the number of children in residential care to 45.", "MTFP.pdf")
    (one,) = stated_targets(targets_read([passage(said), undated])).values()
    assert (one.value, one.period) == (45, "March 2027")
    assert {p.file for p in one.provenance} == {PLAN, "MTFP.pdf"}


SAVINGS = "CYPE savings plan 2025-28.docx"
EDGE_OF_CARE = (
    "The saving assumes eight fewer residential placements by March 2026 at an average weekly cost of £6,850."
)
STEP_DOWNS = "Sixteen step-downs are planned in 2025-26."
STRATEGY = "Reduce the number of children in residential care from 58 to 45 by March 2027."


def test_a_reduction_a_saving_counts_on_is_read_with_its_count_and_date() -> None:
    read = [(t.key, t.value, t.by) for s in (EDGE_OF_CARE, STEP_DOWNS) for t in sentence_reductions(s, [])]
    assert read == [
        ("residential_number", 8, "March 2026"),
        ("residential_number", 16, "2025-26"),
    ]
    # another subject's reduction, or no count, is none of the residential count's
    assert sentence_reductions("We expect fewer referrals by March 2026.", []) == []
    assert sentence_reductions("Eight fewer agency social workers by March 2026.", []) == []


def test_savings_counting_on_a_faster_fall_than_the_target_for_the_same_count_are_stated_differently() -> (
    None
):
    """Wyvern: the savings plan counts on 8 fewer residential placements by March 2026 (CYPE-01) and
    16 step-downs in 2025-26 (CYPE-02), 24 in all; the strategic plan, 58 to 45 by March 2027, 13."""
    said = [passage(EDGE_OF_CARE, SAVINGS), passage(STEP_DOWNS, SAVINGS), passage(STRATEGY)]
    (differs,) = targets_stated_differently(targets_read(said))
    assert differs.subject == "the number of children in residential care"
    assert [(s.words, sorted({p.file for p in s.provenance})) for s in differs.stated] == [
        ("58 to 45 by March 2027 (13 fewer)", [PLAN]),
        ("24 fewer by March 2026 (8 fewer by March 2026 and 16 fewer in 2025-26)", [SAVINGS]),
    ]
    # one value changed: 8 fewer alone is within the target's 13 by a later date, a trajectory
    assert targets_stated_differently(targets_read(said[:1] + said[2:])) == []
    # and reductions dated after the target are not set against it
    later = passage("Sixteen step-downs are planned in 2027-28.", SAVINGS)
    assert targets_stated_differently(targets_read([said[0], later, said[2]])) == []


def target(key: str, value: float, by: str | None = None) -> dict[str, Measure]:
    text = f"target {value:g}"
    return {target_key(key): Measure(value, by, f"The council's target: ({PLAN} p1)", [where(text)])}


def fostering_inputs() -> dict[str, Measure]:
    return {
        "cla_number": Measure(1000, None, "Children looked after", [where("1,000")]),
        "placement_fostering_pct": Measure(70, None, "Foster share", [where("70%")]),
        "unit_cost_fostering_weekly": Measure(600, None, "Foster week", [where("£600")]),
    }


def test_the_fostering_mix_takes_the_councils_in_house_target_in_place_of_the_assumed_mix() -> None:
    """700 fostered, 40% with agencies: at the council's 70% in-house target 70 move (10 points of
    700); at the assumed 80% it would be 140."""
    params = FosteringMix(current_ifa_share=0.4)
    assumed = fostering_mix(fostering_inputs(), params)
    taken = fostering_mix(fostering_inputs() | target("foster_in_house_pct", 70), params)
    assert (assumed.children, taken.children) == (140, 70)
    assert taken.name.startswith("Fostering mix toward 70% in-house, 30% independent")
    row = taken.assumptions["Share of fostered children in-house, target"]
    assert row == "70% (the council's target, no date stated)"
    assert f"The council's target: ({PLAN} p1)" in taken.sources
    # the agency premium is still assumed here (no own prices); the target share no longer is
    (said,) = [s for s in taken.sources if s.startswith("Assumed, for the reviewers")]
    assert "the extra cost of an agency placement" in said and "target share" not in said
    assert any(p.text == "target 70" for p in taken.provenance)
    assert ASSUMED in assumed.assumptions["Share of fostered children in-house, target"]


def step_down_inputs() -> dict[str, Measure]:
    return {
        "residential_number": Measure(58, None, "Children in residential care", [where("58")]),
        "unit_cost_residential_weekly": Measure(6850, None, "Residential week", [where("£6,850")]),
        "foster_agency_weekly": Measure(1050, None, "Agency week", [where("£1,050")]),
    }


def test_the_step_down_takes_the_children_the_councils_target_takes_off_its_count() -> None:
    scenario = residential_step_down(step_down_inputs() | target("residential_number", 45, "March 2027"))
    assert scenario.children == 13  # 58 down to 45
    assert scenario.annual_saving_gbp == round(13 * (6850 - 1050) * 52, -3)
    assert scenario.assumptions["Children in residential care, target"] == (
        "45 by March 2027 (the council's target)"
    )
    assert not any(k.startswith("Share of children") for k in scenario.assumptions)
    assert f"The council's target: ({PLAN} p1)" in scenario.sources
    assert any(p.text == "target 45" for p in scenario.provenance)
    assert "to reach the council's target of 45 by March 2027" in scenario.explanation
    assert not any(s.startswith("Assumed, for the reviewers") for s in scenario.sources)
    assert residential_step_down(step_down_inputs()).children == 6  # no target: the assumed 10%


def test_a_residential_target_is_not_set_against_the_national_share_of_homes() -> None:
    """The council's target counts its residential care; a count from the national share is of its
    homes: the target is not applied to it."""
    national = {
        "cla_number": Measure(1000, None, "Children looked after", [where("1,000")]),
        "placement_residential_pct": Measure(5, None, "Homes share", [where("5%")]),
        "unit_cost_residential_weekly": Measure(6850, None, "Residential week", [where("£6,850")]),
        "unit_cost_fostering_weekly": Measure(900, None, "Foster week", [where("£900")]),
    }
    scenario = residential_step_down(national | target("residential_number", 45))
    assert scenario.children == 5 and "an assumed share" in scenario.explanation


def cla_inputs(weekly: float | None = 1500) -> dict[str, Measure]:
    return {
        "cla_rate_per_10k": Measure(62, None, "Rate", [where("62")]),
        "cla_rate_per_10k:sn_median": Measure(58, None, "Neighbours", [where("58")]),
        "cla_number": Measure(1284, None, "Children looked after", [where("1,284")]),
    } | ({"unit_cost_lac_weekly": Measure(weekly, None, "Week", [where("£1,500")])} if weekly else {})


def test_the_cla_scenario_is_the_councils_target_where_it_sets_one_with_the_neighbours_as_context() -> None:
    """1,284 looked after, the council's target 1,150: 134 fewer, titled as the target, not as the
    neighbours' rate (1,284 x 58 / 62 = 1,201 at their median, 83 fewer, said as context only)."""
    plain = fewer_looked_after(cla_inputs())
    assert plain.name == "Children looked after at the statistical neighbours' median rate"
    assert plain.children == 83
    scenario = fewer_looked_after(cla_inputs() | target("cla_number", 1150, "March 2028"))
    assert scenario.name == "Children looked after reduced to the council's target of 1,150 by March 2028"
    assert scenario.children == 134
    assert scenario.annual_saving_gbp == round(134 * 1500 * 52, -3)
    assert scenario.per_child_gbp == 1500 * 52
    assert scenario.assumptions["Children looked after, the council's target"] == (
        "1,150 by March 2028 (the council's target)"
    )
    assert scenario.assumptions["Statistical neighbours' median rate"].startswith(
        "58 per 10,000 against the council's 62"
    )
    assert "it would look after 1,201, 83 fewer than today" in scenario.explanation
    assert "Compared with" not in scenario.assumptions


def test_an_uncosted_target_scenario_says_why_and_the_range_its_stated_prices_give() -> None:
    prices = {
        "foster_in_house_weekly": Measure(435, None, "In-house", [where("£435", page=2)]),
        "unit_cost_residential_weekly": Measure(6850, None, "Residential", [where("£6,850", page=3)]),
        "foster_agency_weekly": Measure(1050, None, "Agency", [where("£1,050", page=4)]),
    }
    scenario = fewer_looked_after(cla_inputs(None) | prices | target("cla_number", 1150, "March 2028"))
    assert scenario.annual_saving_gbp is None and scenario.per_child_gbp is None
    assert scenario.explanation.startswith("Not computed: missing the weekly cost of a child looked after.")
    assert "134 fewer of 1,284 children looked after" in scenario.explanation
    assert (
        "from £435 a week with in-house foster carers to £6,850 in residential care" in scenario.explanation
    )
    assert "£22,620 to £356,200 a year" in scenario.explanation
    # the range cites the two prices it is worked from, not the one between them
    assert {p.text for p in scenario.provenance if p.page != 1} == {"£435", "£6,850"}


DRAFT_BUDGET = "kent_cabinet_2025-01-30_draft_revenue_budget_2025-26_MTFP_2025-28.pdf"


def test_kents_draft_budget_sets_no_target_for_a_scenario(kent_dir: Path) -> None:
    """Kent's draft budget has one sentence a change-to pattern reads ("... levy of up to 2%", a
    council tax limit): its subject is no scenario's, so Kent's pack gains no target."""
    import io

    import pypdf

    from extract.document import extract_file

    reader, writer = pypdf.PdfReader(kent_dir / DRAFT_BUDGET), pypdf.PdfWriter()
    writer.add_page(reader.pages[20 - 1])
    out = io.BytesIO()
    writer.write(out)
    extraction = extract_file(DRAFT_BUDGET, out.getvalue())
    assert any("levy of up to 2%" in p.text for p in extraction.passages)
    assert stated_targets(targets_read(extraction.passages)) == {}
