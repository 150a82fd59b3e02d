"""The DSG plan's delivery against its target: a Safety Valve or Delivering Better Value plan on,
behind or ahead of it, by how much and for which year; what it requires (a breakeven year); whether
the contributions under it are conditional; statements that disagree set side by side and asked,
never one picked; said first in the DSG card, section and slide, each with its page.

Kent (Cabinet 30 January 2025, read from ../shared): the budget risk register (Appendix I p.1, the
High Needs Spending row) says 2022-23 and 2023-24 were "ahead of target", 2024-25 is "forecasting to
be £10m off-target", with "a risk the Council will become increasingly off target by the end of the
agreement in 2027-28", and that the DfE "withholds its contribution" is a consequence; the draft
budget report (p.18, 5.9) sets "a breakeven position by 2027-28"; the education commissioning plan
report (p.3) says its intentions "are in line with the Safety Valve agreement".
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from domain_tables import pipeline_tables

from analyse.dsg import NOT_GIVEN, dsg_position, plan_texts
from analyse.enquiry import lines_of_enquiry, plan_lines
from analyse.plan_delivery import about_plan, differing, plan_conditions, plan_delivery, plan_target
from analyse.records import PlanDelivery, Position
from analyse.review import build_review
from analyse.scope import scope_index
from extract.domain.risks import risks_from_tables
from extract.records import Extraction, Figure, FigureUnit, Passage, Provenance, Risk
from render.findings import dsg_against_reserve
from render.pack import pack_html
from render.refs import Figures
from tests.refs_check import problems
from tests.render_samples import sample

REPORT = "budget report.pdf"
# The High Needs row's cells as Kent's register prints them (Appendix I p.1), shortened.
EVENT = (
    "The Safety Valve programme does not deliver the reduction to the in-year deficit on spending to support"
    " children with high needs as planned leading to a higher deficit. Whilst initial progress in 2022-23 and"
    " 2023-24 was positive the council was ahead of target, 2024-25 has been a more challenging year where the"
    " council is forecasting to be £10m off-target due to a combined effect of higher prices and significantly"
    " higher demand in financial support in mainstream schools. If compensating savings cannot be delivered"
    " and/or these pressures cannot be retained in future years, there is a risk the Council will become"
    " increasingly off target by the end of the agreement in 2027-28."
)
CONSEQUENCE = (
    "The Department for Education withholds its contribution towards the accumulated deficit and/or the"
    " increased overspend leaves a residue deficit."
)
ROW = (
    "CYPE | High Needs Spending | The Dedicated Schools Grant (DSG) High Needs Block does not meet the cost of"
    f" demand for placements. | {EVENT} | {CONSEQUENCE} | 4 | 165.0"
)
BREAKEVEN = (
    "Since March 2023, KCC has been part of the Safety Valve Programme where the DfE and the Council are"
    " contributing towards the historic deficit on the understanding that plans will be put in place to bring"
    " the Council to a breakeven position by 2027-28. As a result of this, the deficit on the High Needs Block"
    " has been reduced by contributions to an estimated £96m at the end of 2024-25."
)
IN_LINE = (
    "The SEN commissioning intentions within this Plan (shown above) are in line with the Safety Valve"
    " agreement and are limited to provision where there is already an established requirement."
)


def _where(
    text: str, file: str = REPORT, page: int = 18, locator: str = "page 18, paragraph 3"
) -> Provenance:
    return Provenance(file=file, sha256="ab" * 32, page=page, bbox=None, locator=locator, text=text)


def _passage(text: str, file: str = REPORT, page: int = 18) -> Passage:
    return Passage(text=text, provenance=[_where(text, file, page, f"page {page}, paragraph 3")])


def _risk(row: str = ROW) -> Risk:
    return Risk(
        title="High Needs Spending",
        directorate="CYPE",
        likelihood=4.0,
        exposure_gbp=165e6,
        exposure_words="Estimated Lifetime Financial Exposure",
        provenance=[_where(row, "risk register.pdf", 1, "page 1, table 1, row 4")],
    )


def _extraction(*passages: Passage, risks: list[Risk] | None = None) -> Extraction:
    return Extraction(passages=list(passages), risks=[_risk()] if risks is None else risks)


def _kent_like() -> Extraction:
    return _extraction(_passage(BREAKEVEN), _passage(IN_LINE, "commissioning plan.pdf", 3))


def _read(text: str) -> list[PlanDelivery]:
    return plan_delivery(about_plan([([(s, [_where(s)]) for s in re.split(r"(?<=\.) ", text)], False)]))


@pytest.mark.parametrize(
    ("text", "read"),
    [
        # the sum right before its words, the year its clause names, a forecast said so
        (
            "The Safety Valve plan is reviewed monthly. In 2024-25 the council is forecasting to be £10m off-target.",
            [("behind", "off-target", 10e6, ["2024-25"], "", "forecast")],
        ),
        # the sum right after them ("by £3.1m")
        (
            "The deficit management plan is off track by £3.1m in 2025-26.",
            [("behind", "off track", 3.1e6, ["2025-26"], "", "")],
        ),
        (
            "The DBV plan is £2.5m ahead of target in 2025-26.",
            [("ahead", "ahead of target", 2.5e6, ["2025-26"], "", "")],
        ),
        ("The Safety Valve plan remains on track.", [("on", "on track", None, [], "", "")]),
        # "not on track" is behind, not on
        ("The Safety Valve plan is not on track.", [("behind", "not on track", None, [], "", "")]),
        # a risk of being off target is a prospect, of the year after it
        (
            "Under the Safety Valve agreement, there is a risk the Council will become increasingly off target by"
            " the end of the agreement in 2027-28.",
            [("behind", "off target", None, ["2027-28"], "there is a risk", "")],
        ),
        # the condition a payment is made on is not the plan's state; the state after it is read
        (
            "The 2025/26 Safety Valve payment of £4.000m is subject to DfE confirmation that the Council remains"
            " on track; at Period 8 the Council is off-track.",
            [("behind", "off-track", None, [], "", "")],
        ),
        # a status not about a DSG plan is not read: savings milestones on track
        ("Green means key milestones on track. Delivery plans are reviewed monthly.", []),
    ],
)
def test_a_plans_delivery_is_read_with_its_side_sum_years_and_hedge(
    text: str, read: list[tuple[str, str, float | None, list[str], str, str]]
) -> None:
    found = _read(text)
    assert [(d.against, d.words, d.amount_gbp, d.years, d.prospect, d.hedge) for d in found] == read


def test_a_risk_rows_cells_on_the_safety_valve_give_each_years_statement_its_target_and_condition() -> None:
    on_plan = about_plan(plan_texts(_kent_like()))
    found = plan_delivery(on_plan)
    assert [(d.against, d.amount_gbp, d.years, d.prospect, d.provenance[0].page) for d in found] == [
        ("on", None, [], "", 3),
        ("ahead", None, ["2022-23", "2023-24"], "", 1),
        ("behind", 10e6, ["2024-25"], "", 1),
        ("behind", None, ["2027-28"], "there is a risk", 1),
    ]
    target = plan_target(on_plan)
    assert target is not None and (target.words, target.year) == (
        "a breakeven position by 2027-28",
        "2027-28",
    )
    conditions = plan_conditions(on_plan)
    assert [c.provenance[0].page for c in conditions] == [18, 1]
    assert conditions[1].words.startswith("The Department for Education withholds its contribution")
    # one value changed: a register row naming no plan gives no statement, target nor condition
    bare = _extraction(risks=[_risk(ROW.replace("Safety Valve programme", "programme"))])
    assert plan_delivery(about_plan(plan_texts(bare))) == []


def test_a_payment_subject_to_the_plan_being_on_track_is_a_condition_of_the_money() -> None:
    text = (
        "The 2025/26 Safety Valve payment of £4.000m is subject to DfE confirmation that the Council remains"
        " on track; at Period 8 the Council is off-track."
    )
    conditions = plan_conditions(about_plan(plan_texts(_extraction(_passage(text), risks=[]))))
    assert len(conditions) == 1
    assert conditions[0].words.startswith("The 2025/26 Safety Valve payment of £4.000m is subject to DfE")


def test_statements_of_one_time_that_disagree_are_set_side_by_side() -> None:
    found = plan_delivery(about_plan(plan_texts(_kent_like())))
    # "in line with" (no year) against "£10m off-target" (2024-25); "ahead" in 2022-23 and 2023-24 is
    # of other years, and a risk of being off target is no statement of the plan's state
    assert [d.words for d in differing(found)] == ["in line with the Safety Valve agreement", "off-target"]
    # one value changed: the commissioning plan's statement dated 2023-24, no longer of 2024-25's time
    dated = [d.model_copy(update={"years": ["2023-24"]}) if d.against == "on" else d for d in found]
    assert differing(dated) == []
    assert differing([d for d in found if d.against != "on"]) == []


def test_the_disagreement_is_asked_of_the_s151_officer_and_the_service_with_the_register_risk_joined() -> (
    None
):
    extraction = _kent_like()
    dsg = dsg_position(extraction, scope_index(extraction), "2025-26")
    (line,) = plan_lines(dsg)
    assert line.question.startswith(
        "The documents state the Safety Valve plan's delivery differently: 'in line with the Safety Valve"
        " agreement' (no year stated; page 3, paragraph 3) against £10m 'off-target' in 2024-25 (forecast;"
        " page 1, table 1, row 4). Which holds, and what is the forecast against a breakeven position by"
        " 2027-28?"
    )
    assert (line.amount_gbp, line.places, line.stake_period) == (10e6, 0, "year")
    asked = lines_of_enquiry([], [], Position(), [], risks=extraction.risks, dsg=dsg)
    (on_plan,) = [q for q in asked if "Safety Valve plan's delivery" in q.question]
    assert on_plan.addressed_to == "S151; DCS"
    # the register's High Needs risk states the plan's delivery: it joins this question, not its own
    assert "The risk register lists 'High Needs Spending'" in on_plan.because
    assert "the related risk 'High Needs Spending'" in on_plan.stake
    assert not any("What mitigates the risk 'High Needs Spending'" in q.question for q in asked)
    # one value changed: the plan on track everywhere, nothing behind, no question
    on_track = extraction.model_copy(
        update={"risks": [_risk(ROW.replace("£10m off-target", "on track").replace("off target by", "past"))]}
    )
    dsg = dsg_position(on_track, scope_index(on_track), "2025-26")
    assert dsg.plan_differs == [] and plan_lines(dsg) == []


def test_a_register_risk_joins_the_plans_question_as_it_joins_any_other_its_owner_asked() -> None:
    owned = _risk().model_copy(update={"owner": "Director of Education"})
    extraction = _kent_like().model_copy(update={"risks": [owned]})
    dsg = dsg_position(extraction, scope_index(extraction), "2025-26")
    asked = lines_of_enquiry([], [], Position(), [], risks=extraction.risks, dsg=dsg)
    (on_plan,) = [q for q in asked if "Safety Valve plan's delivery" in q.question]
    assert "The risk register lists 'High Needs Spending'" in on_plan.because
    assert on_plan.addressed_to.split("; ")[0] == "Director of Education"


def test_the_plans_delivery_is_said_first_in_the_card_and_the_section_traced() -> None:
    deficit = BREAKEVEN.split(". ")[1]
    figure = Figure(
        value=96e6,
        unit=FigureUnit.GBP,
        label="deficit on the High Needs Block",
        text=deficit,
        provenance=[_where(deficit)],
    )
    built = build_review(_kent_like().model_copy(update={"figures": [figure]}))
    review, extraction = sample()
    review = review.model_copy(update={"dsg": built.dsg, "lines_of_enquiry": built.lines_of_enquiry})
    card = dsg_against_reserve(review, Figures(review, extraction))
    assert card is not None
    lead = "".join(str(p) for p in card.lead)
    # its first clause says it, so a card cut short keeps it (no general reserve read: a sentence first)
    assert lead.split(";")[0] == (
        "The Safety Valve plan is £10m off-target in 2024-25 (forecast) against a breakeven position by"
        " 2027-28, its contributions conditional, the documents differing"
    ), lead
    n = next(i for i, q in enumerate(built.lines_of_enquiry, 1) if "delivery differently" in q.question)
    assert (
        f"says it is in line with the Safety Valve agreement: the two asked side by side in line of enquiry {n}"
        in lead
    )
    html = pack_html(review, extraction)
    start = html.index('<section id="dsg">')
    section = re.sub(r"<[^>]+>", "", html[start : html.index("</section>", start)])
    assert section.index("plan's delivery against its target") < section.index("Cumulative DSG deficit")
    assert re.search(r"2024-25: £10m off-target \(forecast\) \[S\d+\]", section)
    assert re.search(r"2027-28: a risk \(“there is a risk”\) of being off target \[S\d+\]", section)
    assert re.search(r"What it requires: a breakeven position by 2027-28 \[S\d+\]", section)
    assert f"set side by side in line of enquiry {n}, neither taken as right" in section
    assert problems(html, review.model_dump(mode="json"), extraction.model_dump(mode="json")) == []


def test_a_plan_without_a_delivery_statement_says_its_delivery_is_not_given() -> None:
    said = "The Council entered the Safety Valve programme in 2023."
    extraction = _extraction(_passage(said), risks=[])
    dsg = dsg_position(extraction, scope_index(extraction), "2025-26")
    assert dsg.plan is not None and NOT_GIVEN["plan_delivery"] in dsg.not_found
    # one value changed: a statement of its delivery, and it is given
    extraction = _extraction(_passage(said + " It is on track."), risks=[])
    dsg = dsg_position(extraction, scope_index(extraction), "2025-26")
    assert NOT_GIVEN["plan_delivery"] not in dsg.not_found and dsg.plan_delivery[0].against == "on"


@pytest.fixture(scope="module")
def kent_delivery(kent_dir: Path) -> Extraction:
    from extract.document import extract_file

    doc, tables = pipeline_tables(kent_dir / "kent_cabinet_2025-01-30_appendixI_budget_risk_register.pdf")
    passages = []
    for name in (
        "kent_cabinet_2025-01-30_24-00096_education_commissioning_plan_report.pdf",
        "kent_cabinet_2025-01-30_draft_revenue_budget_2025-26_MTFP_2025-28.pdf",
    ):
        passages += extract_file(name, (kent_dir / name).read_bytes()).passages
    return Extraction(passages=passages, risks=risks_from_tables(tables, doc))


def test_kents_safety_valve_delivery_target_and_conditions_are_read_from_their_pages(
    kent_delivery: Extraction,
) -> None:
    dsg = dsg_position(kent_delivery, scope_index(kent_delivery), "2025-26")
    assert [
        (d.against, d.amount_gbp, d.years, bool(d.prospect), d.provenance[0].page) for d in dsg.plan_delivery
    ] == [
        ("on", None, [], False, 3),
        ("ahead", None, ["2022-23", "2023-24"], False, 1),
        ("behind", 10e6, ["2024-25"], False, 1),
        ("behind", None, ["2027-28"], True, 1),
    ]
    assert "commissioning_plan" in dsg.plan_delivery[0].provenance[0].file
    assert "risk_register" in dsg.plan_delivery[2].provenance[0].file
    target = dsg.plan_target
    assert target is not None and (target.year, target.provenance[0].page) == ("2027-28", 18)
    assert [(c.provenance[0].page, c.words[:40]) for c in dsg.plan_conditions] == [
        (18, "KCC has been part of the Safety Valve Pr"),
        (1, "The Department for Education withholds i"),
    ]
    assert [d.provenance[0].page for d in dsg.plan_differs] == [3, 1]
    # the £10m is the plan's, no longer an in-year position of 2024-25
    assert all(i.year != "2024-25" for i in dsg.in_year)
