"""Demand, asylum-seeking children and questions that repeat: the demand question where the documents
say the number of children looked after has risen above the council's target, a saving's dependency
following its own lever, exact comparisons, one question for two asking the same of one sum, and a
merged flag naming each line once."""

from __future__ import annotations

from pathlib import Path

import pytest

from analyse.demand import DemandSignal, demand_signals, rising_against_target, side_of
from analyse.enquiry import lines_of_enquiry, one_per_ask, register_risks
from analyse.flags import Context, assess_savings, council_wide_as_one
from analyse.records import Flag, LineOfEnquiry, Position, Review, Scope
from analyse.scenarios import Measure
from extract.records import Passage, Risk
from tests.review_builders import YEAR, benchmark, prov, saving

RISEN = "The number of children looked after has risen to 1,284 (62 per 10,000 children)."
TARGET = "Safely reduce the number of children looked after to 1,150 by March 2028."


def _measures(count: float = 1284, target: float = 1150) -> dict[str, Measure]:
    return {
        "cla_number": Measure(count, None, "count", [prov("1,284 children were looked after", "plan.pdf")]),
        "cla_number:target": Measure(target, "March 2028", "target", [prov(TARGET, "plan.pdf")]),
    }


def _said(text: str = RISEN) -> list[Passage]:
    return [Passage(text=text, provenance=[prov(text, "mtfp.pdf", "page 1, paragraph 10")])]


GRANT = Risk(
    title="UASC grant shortfall",
    description="Grant below cost of care",
    directorate="Children's Services",
    exposure_gbp=1.2e6,
    likelihood=3.0,
    impact=3.0,
    score=9.0,
    provenance=[prov("CR04 | UASC grant shortfall | Grant below cost of care", "register.pdf", "row 5")],
)


def test_a_count_said_to_have_risen_above_the_councils_target_asks_the_demand_question() -> None:
    rising = rising_against_target(_measures(), _said())
    assert rising is not None and rising.said.file == "mtfp.pdf"
    lines = lines_of_enquiry([], [], Position(), [], risks=[GRANT], rising=rising)
    (asked,) = [q for q in lines if "risen to 1,284" in q.question]
    assert asked.question.startswith(
        "The number of children looked after has risen to 1,284 against the council's target of 1,150 by"
        " March 2028: are more children starting care, or fewer leaving it, and how many of the 1,284 are"
        " unaccompanied asylum-seeking children?"
    )
    # the register's UASC grant risk joins it as its stake, asked there and not again
    assert "'UASC grant shortfall'" in asked.question and asked.amount_gbp == 1.2e6 and asked.estimated
    assert not [q for q in lines if "What mitigates the risk 'UASC grant shortfall'" in q.question]
    (listed,) = register_risks([GRANT], lines)
    assert listed.enquiry == lines.index(asked) + 1
    # one value changed each: a count below the target, a count said to have fallen, a count the
    # sentence does not print: no demand question
    assert rising_against_target(_measures(target=1300), _said()) is None
    assert rising_against_target(_measures(), _said(RISEN.replace("risen", "fallen"))) is None
    assert rising_against_target(_measures(count=1290), _said()) is None


def test_the_demand_question_is_asked_whatever_its_stake_ranks() -> None:
    rising = rising_against_target(_measures(), _said())
    many = [
        LineOfEnquiry(question=f"Q{i}?", because="b", amount_gbp=1e7 - i, provenance=[prov(f"r{i}")])
        for i in range(14)
    ]
    from analyse import enquiry

    kept = enquiry.twelve(enquiry.ranked(many + enquiry._demand_lines(rising, [GRANT], [GRANT])[0]), [])
    assert not [q for q in kept if "risen" in q.question]  # outranked by stated money, alone
    demand, _ = enquiry._demand_lines(rising, [GRANT], [GRANT])
    kept = enquiry.twelve(enquiry.ranked(many + demand), demand)
    assert len(kept) == 12 and [q for q in kept if "risen" in q.question]


def test_a_step_down_saving_depends_on_carers_not_on_demand_falling() -> None:
    """Wyvern's Step Forward moves children from residential to foster care: the mix changes, the
    number of children need not fall, so rising demand is no reason against it."""
    rising = benchmark("cla_rate_per_10k", 80.0, median=56.0, trend=[60.0, 70.0, 80.0], label="In care rate")
    context = Context(YEAR, [], demand_signals([rising]))
    step = saving(
        "Step down from residential to foster care (Step Forward programme)",
        9e5,
        directorate="Children's Services",
    )
    stepping = assess_savings(
        [step.model_copy(update={"title": step.title + " to reduce residential placements"})], context
    )
    assert not [f for a in stepping for f in a.flags if f.code.startswith("demand_reduction")]
    # one value changed: a saving keeping children out of residential care through edge of care is
    # about fewer children, and depends on demand
    edge = step.model_copy(update={"title": "Reduce residential placements through edge of care support"})
    (assessment,) = assess_savings([edge], context)
    assert [f for f in assessment.flags if f.code.startswith("demand_reduction")]


def test_a_comparison_says_exactly_which_side_a_value_is_on() -> None:
    assert (side_of(62.0, 70.0), side_of(62.0, 58.0), side_of(62.0, 62.04)) == ("below", "above", "at")
    signal = DemandSignal(
        "cla_rate_per_10k",
        "Children looked after per 10,000 children",
        62.0,
        None,
        58.0,
        None,
        [],
        said_by="Strategic Plan p1",
        others_said=(("England", 70.0),),
    )
    assert "above the 58.0 for statistical neighbours and below the 70.0 for England" in signal.describe()


def _line(question: str, lead: str, *provenance: str) -> LineOfEnquiry:
    return LineOfEnquiry(
        question=question,
        because=f"Because {lead}.",
        addressed_to=lead,
        amount_gbp=12.4e6,
        stake="the overspend",
        provenance=[prov(p, "q2.pdf") for p in provenance],
    )


def test_questions_asking_the_same_thing_of_the_same_sum_are_one_with_both_leads() -> None:
    overspend = _line(
        "What drives the children's services overspend, how much of it is recurrent, and what is the recovery plan?",
        "DCS; S151",
        "row 12",
    )
    later = _line(
        "How much of the £12.4m overspend is recurrent, and is that part in the medium-term plan's later gaps?",
        "S151",
        "row 12",
        "mtfp p1",
    )
    (one,), kept = one_per_ask([overspend, later], [later])
    assert one.question == (
        "What drives the children's services overspend, how much of it is recurrent, is that part in the"
        " medium-term plan's later gaps, and what is the recovery plan?"
    )
    assert one.addressed_to == "DCS; S151" and len(one.provenance) == 2 and kept == [one]
    # one value changed: another record's £12.4m is another sum, asked apart
    apart = later.model_copy(update={"provenance": [prov("row 30", "q2.pdf")]})
    assert len(one_per_ask([overspend, apart], [])[0]) == 2


def test_a_merged_flag_names_each_line_once_with_how_many_share_it() -> None:
    def unallocated(subject: str, amount: float) -> Flag:
        return Flag(
            code="council_savings_unallocated",
            severity="medium",
            subject=subject,
            message=f"£{amount / 1e6:.1f}m of council-wide savings not yet allocated to a directorate.",
            amount_gbp=amount,
            periods=["2026-27"],
            scope=Scope.COUNCIL_WIDE,
            provenance=[prov(f"TBC | {subject} | {amount}", "appendixF.pdf")],
        )

    future = [unallocated("Future savings under development", a) for a in (10.2e6, 3.2e6, 2.7e6)]
    (merged,) = council_wide_as_one([*future, unallocated("Spans and layers", 2e6)])
    assert merged.message.count("Future savings under development") == 1
    assert "'Future savings under development': 3 lines, £16.1m in all." in merged.message
    assert "'Spans and layers': £2.0m of council-wide savings" in merged.message
    # one value changed: a distinct name is listed with its own words
    renamed = [future[0].model_copy(update={"subject": "Other"}), *future[1:]]
    (again,) = council_wide_as_one(renamed)
    assert "'Future savings under development': 2 lines, £5.9m in all." in again.message


@pytest.fixture(scope="module")
def wyvern(example_bundle: Path) -> Review:
    from analyse.benchmarks import load_benchmark_table
    from analyse.review import build_review
    from extract.document import extract_file
    from extract.records import Extraction

    files = sorted(p for p in example_bundle.rglob("*") if p.is_file())
    extraction = Extraction.combine([extract_file(p.name, p.read_bytes()) for p in files])
    return build_review(extraction, load_benchmark_table(), "938")


def test_wyverns_rising_children_in_care_are_asked_about_with_its_uasc_risk(wyvern: Review) -> None:
    (asked,) = [q for q in wyvern.lines_of_enquiry if "has risen to 1,284" in q.question]
    assert "target of 1,150 by March 2028" in asked.question and "'UASC grant shortfall'" in asked.question
    assert {p.file for p in asked.provenance} >= {
        "Wyvern MTFP 2025-28.pdf",
        "Corporate risk register Q2 2025-26.pdf",
    }
    (uasc,) = [c for c in wyvern.childrens_risks if c.risk.title == "UASC grant shortfall"]
    assert uasc.enquiry == wyvern.lines_of_enquiry.index(asked) + 1
    # Q2 and Q3 asked how much of the £12.4m recurs: one question now, led by the DCS and the S151
    recurrent = [q for q in wyvern.lines_of_enquiry if q.amount_gbp == 12.4e6]
    assert len(recurrent) == 1 and recurrent[0].addressed_to == "DCS; S151"
    assert "later years' gaps" in recurrent[0].question
    # Step Forward depends on recruiting carers, not on demand falling
    (step,) = [j for j in wyvern.savings_judged if j.ref == "CYPE-02"]
    assert not [r for r in step.reasons if r.code.startswith("demand_reduction")]
    assert [r for r in step.reasons if "recruitment" in r.reason]


def test_wyverns_residential_question_names_the_savings_and_the_strategic_plans_targets(
    wyvern: Review,
) -> None:
    (asked,) = [
        q for q in wyvern.lines_of_enquiry if "set the number of children in residential care" in q.question
    ]
    assert "'Looked after children – residential placements'" in asked.question
    assert (
        "58 to 45 by March 2027 (13 fewer) in Children and Young Peoples Strategic Plan 2025-2028.pdf, against"
        " 24 fewer by March 2026 (8 fewer by March 2026 and 16 fewer in 2025-26) in CYPE savings plan"
        " 2025-28.docx" in asked.question
    )
    assert {p.locator for p in asked.provenance} >= {"page 1, paragraph 12", "paragraph 4", "paragraph 7"}


def test_the_question_a_uasc_grant_risk_joins_asks_what_the_grant_leaves_unmet() -> None:
    from analyse.scope import risk_scope

    red = Flag(
        code="rag_red",
        severity="high",
        subject="Unaccompanied asylum-seeking children placements",
        message="Red.",
        amount_gbp=5e5,
        themes=["placements", "uasc"],
        scope=risk_scope(GRANT),
        provenance=[prov("UASC placements | 500 | Red")],
    )
    (asked,) = lines_of_enquiry([red], [], Position(), [], risks=[GRANT])
    assert "fall short of what they cost, and how is the gap funded (the risk register's 'UASC grant" in (
        asked.question
    )
    # one value changed each: a question on grant-funded placements in general the grant risk joins
    # only cites it;
    # a risk on asylum-seeking children naming no grant joins it and asks nothing of one
    general = red.model_copy(
        update={"subject": "Grant-funded placements", "themes": ["placements", "income_grants"]}
    )
    (cites,) = lines_of_enquiry([general], [], Position(), [], risks=[GRANT])
    assert "Home Office grant" not in cites.question and GRANT.provenance[0] in cites.provenance
    placements = GRANT.model_copy(update={"title": "UASC placements", "description": "Too few placements"})
    (plain,) = lines_of_enquiry([red], [], Position(), [], risks=[placements])
    assert "UASC placements" in plain.because and "Home Office grant" not in plain.question


def test_the_plans_pressure_for_more_children_looked_after_is_the_demand_questions_stake() -> None:
    """Wyvern's MTFP adds £7.8m in 2025-26 for 'Looked after children placements – increase in numbers
    and complexity of need': the money the rise to 1,284 costs, stated, is the demand question's stake;
    the register's UASC grant risk is said beside it."""
    from extract.records import PeriodAmount, PlanLine

    title = "Looked after children placements – increase in numbers and complexity of need"
    growth = PlanLine(
        title=title,
        planned=[PeriodAmount(period=YEAR, amount_gbp=7.8e6)],
        provenance=[prov(f"{title} | 7,800", "mtfp.pdf", "page 1, table 2, row 3")],
    )
    prices = growth.model_copy(update={"title": "Residential placement prices above inflation"})
    rising = rising_against_target(_measures(), _said(), pressures=[prices, growth], period=YEAR)
    assert rising is not None and rising.pressure is not None
    lines = lines_of_enquiry([], [], Position(), [], risks=[GRANT], rising=rising)
    (asked,) = [q for q in lines if "risen to 1,284" in q.question]
    # what it is added for, in the row's own words from the growth they name (not "more of them":
    # its row says complexity of need too)
    said = "for 'increase in numbers and complexity of need':"
    assert f"by March 2028, and the plan adds £7.8m in {YEAR} {said}" in asked.question
    assert f"'{title} | 7,800' (mtfp.pdf" in asked.because
    assert (asked.amount_gbp, asked.estimated, asked.stake_period) == (7.8e6, False, "year")
    assert asked.stake.startswith(
        f"the plan's pressure for more children looked after in {YEAR}; the related"
    )
    assert growth.provenance[0] in asked.provenance
    # one value changed: a pressure on prices alone is no cost of the rise, and the grant risk stays the stake
    dearer = growth.model_copy(update={"title": "Looked after children placements – increase in unit prices"})
    alone = rising_against_target(_measures(), _said(), pressures=[prices, dearer], period=YEAR)
    assert alone is not None and alone.pressure is None
    (risk_staked,) = [
        q
        for q in lines_of_enquiry([], [], Position(), [], risks=[GRANT], rising=alone)
        if "risen" in q.question
    ]
    assert risk_staked.amount_gbp == 1.2e6 and risk_staked.estimated
