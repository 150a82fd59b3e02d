"""Lines of enquiry: at most twelve, the most money at stake first, each with its evidence and
addressee, the register's children's risks among them, and none built from a scrap of commentary."""

from __future__ import annotations

import re
import string

import pytest
from hypothesis import given
from hypothesis import strategies as st

from analyse.enquiry import (
    MAX_LINES,
    RANKING_RULE,
    asking_for_missing,
    exposure_period,
    lines_of_enquiry,
    ranked,
    register_risks,
    savings_risks,
    scope_leads,
    with_scope_leads,
)
from analyse.records import (
    Flag,
    GapPart,
    GapYear,
    LineOfEnquiry,
    MissingDocument,
    Money3,
    Position,
    Review,
    Scope,
)
from analyse.wording import is_fragment
from extract.records import Extraction, Rag, Risk
from tests.review_builders import prov

ADDRESSEES = {"DCS", "S151", "commissioning"}


def flag(subject: str, amount: float | None, code: str = "forecast_below_target", **fields) -> Flag:  # type: ignore[no-untyped-def]
    return Flag(
        code=code,
        severity=fields.pop("severity", "high"),
        subject=subject,
        message=f"{subject}: shortfall",
        amount_gbp=amount,
        provenance=[prov(subject, "tracker.pdf", "page 4, table 1, row 2")],
        scope=fields.pop("scope", Scope.CHILDRENS_SOCIAL_CARE),
        **fields,
    )


def risk(title: str, rating: str, **fields) -> Risk:  # type: ignore[no-untyped-def]
    return Risk(
        title=title,
        rating=rating,
        provenance=[prov(title, "risk register.pdf", "page 2, table 1, row 3")],
        **fields,
    )


def test_no_more_than_twelve_questions_and_the_most_money_at_stake_first() -> None:
    flags = [flag(f"Saving number {n}", n * 100_000.0) for n in range(1, 20)]
    lines = lines_of_enquiry(flags, [], Position(), [])
    assert len(lines) == MAX_LINES == 12
    amounts = [q.amount_gbp for q in lines]
    assert amounts == sorted(amounts, key=lambda a: -(a or 0.0))
    assert amounts[0] == 1_900_000.0 and amounts[-1] == 800_000.0


def test_questions_that_state_no_money_follow_those_that_do() -> None:
    flags = [flag("Fostering recruitment", 300_000.0), flag("Review of thresholds", None, code="rag_red")]
    position = Position(
        children_services=Money3(variance_gbp=4_000_000.0, provenance=[prov("CYP total", "monitoring.pdf")])
    )
    lines = lines_of_enquiry(flags, [], position, [MissingDocument(name="risk register", why="requested")])
    assert [q.amount_gbp for q in lines] == [4_000_000.0, 300_000.0, None, None]
    assert "recovery plan" in lines[0].question and "Can the council provide" in lines[-1].question


def test_each_question_has_its_evidence_page_and_an_addressee_the_review_knows() -> None:
    flags = [
        flag("Residential placements", 900_000.0, code="service_overspend", themes=["residential"]),
        flag("Agency social workers", 400_000.0, code="rag_amber", severity="medium"),
        flag("Reserves drawdown", 200_000.0, code="one_off_measure", severity="medium"),
    ]
    for q in lines_of_enquiry(flags, [], Position(), []):
        assert q.because and q.provenance and q.provenance[0].locator.startswith("page 4")
        assert set(q.addressed_to.split("; ")) <= ADDRESSEES
    placements = lines_of_enquiry(flags, [], Position(), [])[0]
    assert placements.addressed_to == "DCS; commissioning"


def test_a_childrens_risk_the_register_rates_high_is_a_question_with_its_rating_and_page() -> None:
    risks = [
        risk(
            "Placement sufficiency",
            "20",
            score=20.0,
            owner="Corporate Director CYPE",
            exposure_gbp=3_000_000.0,
        ),
        risk("UASC grant shortfall", "Red", rag=Rag.RED),
        risk("Highways maintenance backlog", "25", score=25.0),  # another directorate's
        risk("Care leavers' accommodation", "8", score=8.0),  # rated low
    ]
    lines = lines_of_enquiry([], [], Position(), [], risks=risks)
    assert [q.question.split("'")[1] for q in lines] == ["Placement sufficiency", "UASC grant shortfall"]
    sufficiency, uasc = lines
    assert (
        sufficiency.amount_gbp == 3_000_000.0
        and "lists 'Placement sufficiency' with score 20" in sufficiency.because
    )
    assert sufficiency.addressed_to == "DCS; commissioning" and uasc.addressed_to == "DCS"
    assert sufficiency.provenance[0].file == "risk register.pdf" and sufficiency.provenance[
        0
    ].locator.startswith("page 2")


def test_no_question_is_built_from_a_scrap_of_commentary() -> None:
    scraps = [
        "and will be reviewed at Q3 subject to",
        "subject to the outcome of the consultation (due",
        "Recruitment has been slower than expected and",
        "Delivery is dependent on",
    ]
    flags = [flag(s, 500_000.0) for s in scraps] + [flag("Edge of care service", 100_000.0)]
    lines = lines_of_enquiry(flags, [], Position(), [])
    assert [q.question for q in lines] == [
        "How will the shortfall on 'Edge of care service' be covered this year and next?"
    ]


def test_line_names_are_not_taken_for_fragments() -> None:
    names = [
        "Edge of care service",
        "SEND home to school transport route optimisation (slipped from 2024-25)",
        "Step down from residential to foster care (Step Forward programme)",
        "'Mockingbird' fostering model",
        "Savings still to be identified – CYPE",
    ]
    assert [n for n in names if is_fragment(n)] == []
    assert is_fragment("the service will")  # and the check is not one that accepts anything


def test_the_childrens_headline_overspend_is_asked_once() -> None:
    position = Position(
        children_services=Money3(variance_gbp=12_400_000.0, provenance=[prov("CYP total", "monitoring.pdf")]),
        children_services_name="Total Children, Young People and Education",
    )
    flags = [flag("Total Children, Young People and Education", 12_400_000.0, code="service_overspend")]
    lines = lines_of_enquiry(flags, [], position, [])
    assert len([q for q in lines if q.amount_gbp == 12_400_000.0]) == 1


def test_a_recovery_plan_placed_in_a_document_not_received_is_asked_for_by_name() -> None:
    position = Position(
        children_services=Money3(variance_gbp=12_400_000.0, provenance=[prov("CYP total", "monitoring.pdf")])
    )
    said = (
        "The actions to recover the placements position are set out in the Placement Sufficiency Strategy"
        " and in the recovery plan at Appendix C."
    )
    cited = [
        MissingDocument(name=name, why="cited", provenance=[prov(said, "q2.pdf")])
        for name in ("Placement Sufficiency Strategy", "Appendix C")
    ]

    def asked(missing: list[MissingDocument]) -> LineOfEnquiry:
        return next(q for q in lines_of_enquiry([], [], position, missing) if q.amount_gbp == 12_400_000.0)

    named = asked(cited)
    assert named.question.endswith(
        "how much of it is recurrent, and can the recovery plan the documents place in Appendix C, not"
        " received, be supplied? Can the council supply the Placement Sufficiency Strategy the documents"
        " cite, not received?"  # no question is on its subject; this one rests on the sentence citing it
    )
    assert said in [p.text for p in named.provenance]
    # Only the document the recovery plan is placed in; none received or named: what is the plan?
    assert asked(cited[:1]).question.endswith("and what is the recovery plan?")
    assert asked([]).question.endswith("and what is the recovery plan?")


def test_a_high_risk_about_a_questions_subject_joins_its_evidence_rather_than_asking_again() -> None:
    overspend = flag(
        "Residential placements", 5_000_000.0, code="service_overspend", themes=["placements", "residential"]
    )
    transport = flag(
        "SEND transport",
        3_000_000.0,
        code="service_overspend",
        themes=["send_high_needs"],
        scope=Scope.EDUCATION_SEND_TRANSPORT,
    )
    risks = [
        risk("Placement sufficiency", "20", score=20.0, description="Too few local placements"),
        # The DSG's risk shares a theme with transport but not its scope: it asks its own question.
        risk(
            "High Needs block deficit",
            "20",
            score=20.0,
            description="DSG deficit grows",
            exposure_gbp=11_500_000.0,
        ),
    ]
    lines = lines_of_enquiry([overspend, transport], [], Position(), [], risks=risks)
    assert len(lines) == 3
    # The register's exposure states no period: it is not ranked against the year's overspends.
    placements, send, high_needs = lines
    assert (high_needs.amount_gbp, high_needs.stake_period) == (11_500_000.0, "not stated")
    assert "lists 'Placement sufficiency' with score 20" in placements.because
    assert placements.provenance[-1].file == "risk register.pdf"
    assert "risk register" not in send.because
    assert high_needs.question.startswith("What mitigates the risk 'High Needs block deficit'")
    assert high_needs.scope == Scope.DSG_HIGH_NEEDS


def test_a_register_rating_likelihood_alone_asks_about_a_likely_childrens_risk_its_directorate_places() -> (
    None
):
    risks = [
        risk("Market Sustainability", "", directorate="CYPE", likelihood=4.0, exposure_gbp=10_000_000.0),
        risk("Market Sustainability", "", directorate="ASCH", likelihood=4.0, exposure_gbp=20_000_000.0),
        risk("Contract retender", "", directorate="CYPE", likelihood=3.0),
    ]
    risks = [r.model_copy(update={"rating": None}) for r in risks]
    (line,) = lines_of_enquiry([], [], Position(), [], risks=risks)
    assert line.amount_gbp == 10_000_000.0
    assert "lists 'Market Sustainability' with likelihood 4, financial exposure £10.0m" in line.because
    assert line.stake == "the risk register's exposure (period not stated)"
    assert "rat" not in line.because  # a likelihood is never called a rating


def test_a_risks_money_at_stake_is_named_as_its_register_heads_it() -> None:
    high_needs = risk(
        "High Needs Spending",
        "",
        directorate="CYPE",
        likelihood=4.0,
        exposure_gbp=165e6,
        exposure_words="Estimated Lifetime Financial Exposure",
        description="DSG deficit",
    )
    (line,) = lines_of_enquiry([], [], Position(), [], risks=[high_needs.model_copy(update={"rating": None})])
    assert line.amount_gbp == 165e6
    assert line.stake == "the risk register's estimated lifetime financial exposure"
    assert "with likelihood 4, estimated lifetime financial exposure £165.0m." in line.because


def test_a_registers_directorate_column_places_its_risk() -> None:
    risks = [
        risk("Net Zero funding", "", directorate="GET/DCED", likelihood=4.0, description="Schools estate"),
        risk("Revenue inflation", "", directorate="ALL", likelihood=4.0),
        risk("High Needs Spending", "", directorate="CYPE", likelihood=4.0, description="DSG deficit"),
    ]
    risks = [r.model_copy(update={"rating": None}) for r in risks]
    (line,) = lines_of_enquiry([], [], Position(), [], risks=risks)
    assert "'High Needs Spending'" in line.question and line.scope == Scope.DSG_HIGH_NEEDS


def test_cells_run_together_into_a_title_are_no_name_to_ask_about() -> None:
    garbled = "Market Risks (over £10m) The long term impact of Covid-19 is still Sustainability"
    assert is_fragment(garbled)
    assert not is_fragment("Market Sustainability")


@given(
    st.text(alphabet=string.ascii_letters + " ", max_size=40),
    st.sampled_from(["and", "to", "of", "subject to", "the"]),
)
def test_a_text_that_ends_on_a_joining_word_is_always_a_fragment(start: str, joining: str) -> None:
    assert is_fragment(f"{start} {joining}")


@given(st.text(alphabet=string.ascii_lowercase + " ", min_size=1, max_size=40))
def test_a_text_that_starts_in_lower_case_is_always_a_fragment(text: str) -> None:
    assert is_fragment(text.strip() or "x")


def _as_in_the_example() -> tuple[list[Flag], Position, list[Risk]]:
    """The example's questions: a stated High Needs overspend (£4.6m) whose register risk puts
    £11.5m at stake, a £5.05m residential overspend whose risk puts only £4.0m, and the children's
    (£12.4m) and council's (£12.8m) overspends also stated in prose."""
    high_needs = flag(
        "A forecast overspend of £4.6m (2025-26)",
        4_600_000.0,
        code="stated_overspend",
        severity="medium",
        themes=["send_high_needs"],
        scope=Scope.DSG_HIGH_NEEDS,
    )
    residential = flag(
        "Looked after children – residential placements",
        5_050_000.0,
        code="service_overspend",
        themes=["placements", "residential"],
    )
    council = flag(
        "A forecast overspend of £12.8m",
        12_800_000.0,
        code="stated_overspend",
        severity="medium",
        scope=Scope.COUNCIL_WIDE,
    )
    total = flag("Total Children, Young People and Education", 12_400_000.0, code="service_overspend")
    position = Position(
        variance_gbp=12_800_000.0,
        provenance=[prov("COUNCIL TOTAL", "monitoring.pdf")],
        children_services=Money3(variance_gbp=12_400_000.0, provenance=[prov("CYP total", "monitoring.pdf")]),
        children_services_name="Children, Young People and Education",
    )
    risks = [
        risk(
            "Placement sufficiency",
            "20",
            score=20.0,
            description="Too few residential placements",
            exposure_gbp=4e6,
        ),
        risk(
            "High Needs block deficit",
            "20",
            score=20.0,
            description="DSG high needs deficit grows",
            exposure_gbp=11_500_000.0,
            directorate="CYPE",
        ),
    ]
    return [high_needs, residential, council, total], position, risks


def test_the_amount_each_question_is_ranked_by_is_the_amount_printed_as_at_stake_in_descending_order() -> (
    None
):
    from render.pack import pack_html

    flags, position, risks = _as_in_the_example()
    lines = lines_of_enquiry(flags, [], position, [], risks=risks)
    html = pack_html(Review(lines_of_enquiry=lines), Extraction())
    enquiry = html[html.index('id="enquiry"') :]
    printed = [float(m) for m in re.findall(r"At stake:</span> <span[^>]*>£([\d.]+)m</span>", enquiry)]
    assert printed == sorted(printed, reverse=True) and len(printed) == len(lines)
    # The register's £11.5m is a separate risk: it never displaces the £4.6m overspend the High Needs
    # question is ranked by; it stands in the question's evidence, and its stake says it beside.
    high_needs = next(q for q in lines if "£4.6m" in q.question)
    assert (high_needs.amount_gbp, high_needs.stake, high_needs.stake_period) == (
        4_600_000.0,
        "the overspend stated; the related risk 'High Needs block deficit', with the risk register's"
        " exposure (period not stated) (in the children's risks table)",
        "year",
    )
    assert "exposure £11.5m" in high_needs.because


def test_the_childrens_and_the_councils_overspends_are_one_question_with_the_council_as_context() -> None:
    flags, position, risks = _as_in_the_example()
    lines = lines_of_enquiry(flags, [], position, [], risks=risks)
    about = [q for q in lines if "£12.8m" in q.question + q.because or "£12.4m" in q.question + q.because]
    assert len(about) == 1
    (question,) = about
    assert "children's services overspend" in question.question
    assert "£12.4m" in question.because and "council's overspend of £12.8m" in question.because
    assert question.amount_gbp == 12_400_000.0


LIFETIME_WORDS = "Estimated Lifetime Financial Exposure"


@pytest.mark.parametrize(
    ("words", "period"),
    [
        (LIFETIME_WORDS, "lifetime"),
        ("Estimated Annual Financial Exposure", "year"),
        ("Full year effect", "year"),
        ("Exposure over the MTFP", "several years"),
        ("3-year cumulative exposure", "several years"),
        ("", "not stated"),
    ],
)
def test_a_registers_exposure_covers_the_period_its_column_names(words: str, period: str) -> None:
    assert exposure_period(risk("Placement sufficiency", "20", exposure_words=words)) == period


def test_a_lifetime_exposure_ranks_after_a_years_money_however_large_and_says_its_period() -> None:
    # A register's estimates follow the overspend the documents state, however large; among them
    # the year's money comes first.
    overspend = flag("Residential placements", 5_000_000.0, code="service_overspend", themes=["residential"])
    risks = [
        risk("High Needs Spending", "20", score=20.0, exposure_gbp=165e6, exposure_words=LIFETIME_WORDS),
        risk("UASC grant shortfall", "20", score=20.0, exposure_gbp=10e6, exposure_words="Annual exposure"),
    ]
    lines = lines_of_enquiry([overspend], [], Position(), [], risks=risks)
    assert [(q.amount_gbp, q.stake_period) for q in lines] == [
        (5e6, "year"),
        (10e6, "year"),
        (165e6, "lifetime"),
    ]
    assert lines[-1].stake == "the risk register's estimated lifetime financial exposure"


def test_a_risk_joined_as_evidence_never_becomes_the_stake_of_the_question_it_joins() -> None:
    def joined(words: str) -> tuple[float | None, str, str]:
        overspend = flag("Residential placements", 5e6, code="service_overspend", themes=["placements"])
        sufficiency = risk("Placement sufficiency", "20", score=20.0, exposure_gbp=8e6, exposure_words=words)
        (line,) = lines_of_enquiry([overspend], [], Position(), [], risks=[sufficiency])
        assert "Placement sufficiency" in line.because
        return line.amount_gbp, line.stake, line.stake_period

    beside = "the overspend; the related risk 'Placement sufficiency', with the risk register's"
    table = " (in the children's risks table)"
    assert joined(LIFETIME_WORDS) == (5e6, f"{beside} estimated lifetime financial exposure{table}", "year")
    # a larger year's exposure is said beside the overspend, not put in its place
    assert joined("Annual exposure") == (5e6, f"{beside} annual exposure{table}", "year")


def test_money_summed_over_several_years_ranks_after_a_years_money_and_says_its_years() -> None:
    # Kent: £19.2m of council-wide savings not yet allocated, phased over the plan's later years,
    # is not a year's money; a £5m overspend this year ranks before it.
    overspend = flag("Residential placements", 5_000_000.0, code="service_overspend", themes=["residential"])
    unallocated = [
        flag(
            "Future savings under development",
            amount,
            code="council_savings_unallocated",
            severity="medium",
            scope=Scope.COUNCIL_WIDE,
            periods=periods,
        )
        for amount, periods in ((10.2e6, ["2026-27", "2027-28"]), (9e6, ["2026-27"]))
    ]
    lines = lines_of_enquiry([overspend, *unallocated], [], Position(), [])
    assert [(q.amount_gbp, q.stake_period) for q in lines] == [(5e6, "year"), (19.2e6, "several years")]
    assert lines[1].stake == "council-wide savings not yet allocated, over 2026-27 to 2027-28"
    assert "£19.2m in all, over 2026-27 to 2027-28." in lines[1].because
    one_year = [u.model_copy(update={"periods": ["2026-27"]}) for u in unallocated]
    (first, council) = lines_of_enquiry([overspend, *one_year], [], Position(), [])
    # one year's money ranks as one, and, being the council's whole, after the children's own
    assert (council.amount_gbp, council.stake_period) == (19.2e6, "year")
    assert first.amount_gbp == 5e6


# Kent's register (appendix I pp.2-3): one risk shared by adults' and children's services, about care
# staff, the National Living Wage and hospital discharge; one the children's own, about placements.
SHARED = dict(
    directorate="ASCH / CYPE",
    likelihood=4.0,
    exposure_gbp=20_000_000.0,
    exposure_words="Estimated Annual Financial Exposure",
    description="Pressure to increase pay of care staff as the National Living Wage rises; providers exit"
    " the market, with pressures on discharge from hospital; costs of care packages and placements rise.",
)
# A risk the register shares whose words name children's services: the children's in part.
SHARED_CHILDRENS = dict(
    SHARED, description="Placements for looked after children and for adults cost more as providers leave."
)
OWN = dict(
    directorate="CYPE",
    likelihood=4.0,
    exposure_gbp=10_000_000.0,
    exposure_words="Estimated Annual Financial Exposure",
    description="Availability of suitable placements for looked after children.",
)


def test_a_risk_shared_with_another_directorate_says_with_whom_and_follows_the_childrens_own() -> None:
    risks = [
        risk("Market Sustainability", "", **SHARED_CHILDRENS).model_copy(update={"rating": None}),
        risk("Placement sufficiency", "", **OWN).model_copy(update={"rating": None}),
    ]
    own, shared = lines_of_enquiry([], [], Position(), [], risks=risks)
    assert (own.amount_gbp, own.shared_with) == (10_000_000.0, [])
    assert (shared.amount_gbp, shared.shared_with) == (20_000_000.0, ["ASCH"])
    assert shared.question.startswith(
        "What part of the risk 'Market Sustainability', shared with ASCH, falls to children's services"
    )
    assert shared.stake.endswith(", shared with ASCH: the children's part is not stated")
    assert "'Market Sustainability', shared with ASCH (directorate ASCH / CYPE), with likelihood 4" in (
        shared.because
    )


def test_a_shared_risk_in_the_adult_care_markets_words_is_the_adults_asked_nowhere_but_listed_as_shared() -> (
    None
):
    saving = flag(
        "Looked After Children",
        None,
        code="demand_reduction_against_rising_demand",
        themes=["placements", "demand_management"],
    )
    risks = [
        risk("Market Sustainability", "", **SHARED).model_copy(update={"rating": None}),
        risk("Placement sufficiency", "", **OWN).model_copy(update={"rating": None}),
    ]
    own, asked = lines_of_enquiry([saving], [], Position(), [], risks=risks)
    # The children's own placements risk is about the saving's subject; the shared one is the adult
    # care market's (care staff, hospital discharge, care packages): no children's question at all.
    assert "'Placement sufficiency'" in asked.because and "Market Sustainability" not in asked.because
    # The doubted saving states no money of its own: the risk's £10.0m is not its stake; the risk
    # asks its own question, ranked by its money.
    assert (asked.amount_gbp, asked.stake) == (None, "")
    assert own.question.startswith("What mitigates the risk 'Placement sufficiency'")
    assert own.amount_gbp == 10_000_000.0
    # The shared one is still listed among the children's risks, as shared, asked by none of them.
    listed = register_risks(risks, [own, asked])
    assert [(r.risk.title, r.shared_with, r.enquiry) for r in listed] == [
        ("Market Sustainability", ["ASCH"], None),
        ("Placement sufficiency", [], 1),
    ]


def test_a_shared_risk_that_names_children_joins_their_question_but_never_becomes_its_stake() -> None:
    overspend = flag("Residential placements", 2_000_000.0, code="service_overspend", themes=["placements"])
    words = dict(SHARED, description="Care placements for children and for adults cost more than budgeted.")
    shared = risk("Market Sustainability", "", **words).model_copy(update={"rating": None})
    (line,) = lines_of_enquiry([overspend], [], Position(), [], risks=[shared])
    assert "'Market Sustainability', shared with ASCH" in line.because
    assert (line.amount_gbp, line.stake) == (2_000_000.0, "the overspend")


def test_a_shared_risk_is_the_childrens_to_answer_for_questions_and_savings_alike_where_it_names_them() -> (
    None
):
    from analyse.enquiry import questions_about, risk_subjects

    overspend = flag("Residential placements", 2_000_000.0, code="service_overspend", themes=["placements"])
    adults = risk("Market Sustainability", "", **SHARED)
    theirs = risk(
        "Market Sustainability", "", **dict(SHARED, description="Care placements for children cost more.")
    )
    # the adults' until its words name children's services: no evidence for a question nor on a saving
    assert [questions_about(r, [overspend]) for r in (adults, theirs)] == [[], [0]]
    assert [r for r, _ in risk_subjects([adults, theirs])] == [theirs]


def _transport(exposure: float | None = 10_000_000.0) -> Risk:
    """Kent's register rates likelihood alone: Home to School Transport is likelihood 3, below likely."""
    return risk(
        "Home to School Transport",
        "",
        directorate="CYPE",
        likelihood=3.0,
        exposure_gbp=exposure,
        exposure_words="Estimated Annual Financial Exposure",
        description="Lack of suitable local education placements for children with Special Education Needs",
    ).model_copy(update={"rating": None})


def test_a_childrens_risk_rated_below_high_asks_its_own_question_where_its_money_ranks_within_twelve() -> (
    None
):
    # Asked within the twelve, after the money the documents state: a register's estimate of what
    # a risk may cost follows it, however large.
    smaller = [flag(f"Saving number {n}", n * 100_000.0) for n in range(1, 12)]
    lines = lines_of_enquiry(smaller, [], Position(), [], risks=[_transport()])
    assert "'Home to School Transport'" in lines[-1].question and len(lines) == 12
    assert (lines[-1].amount_gbp, lines[-1].stake_period, lines[-1].estimated) == (10_000_000.0, "year", True)
    assert "likelihood 3, estimated annual financial exposure £10.0m" in lines[-1].because
    larger = [flag(f"Saving number {n}", 20_000_000.0 + n) for n in range(1, 13)]
    assert not any(
        "Transport" in q.question for q in lines_of_enquiry(larger, [], Position(), [], risks=[_transport()])
    )


def test_a_childrens_risk_below_high_that_states_no_money_asks_nothing_of_its_own() -> None:
    assert lines_of_enquiry([], [], Position(), [], risks=[_transport(None)]) == []


def test_a_childrens_risk_below_high_joins_the_question_its_topic_matches() -> None:
    uasc = risk(
        "UASC grant shortfall",
        "9",
        score=9.0,
        likelihood=3.0,
        impact=3.0,
        owner="Director CYPE",
        exposure_gbp=1.2e6,
    )
    saving = flag("Unaccompanied asylum-seeking children's costs", 800_000.0, themes=["uasc"])
    (line,) = lines_of_enquiry([saving], [], Position(), [], risks=[uasc])
    assert "'Unaccompanied asylum-seeking" in line.question
    assert (
        "lists 'UASC grant shortfall' with likelihood 3, impact 3, score 9, financial exposure £1.2m"
        in line.because
    )
    # an exposure for a period the register does not state never displaces the year's shortfall
    assert line.amount_gbp == 800_000.0 and uasc.provenance[0] in line.provenance


def test_every_childrens_risk_is_listed_whatever_its_rating_with_the_line_that_carries_it() -> None:
    risks = [
        risk("Placement sufficiency", "20", score=20.0, directorate="CYPE", exposure_gbp=3e6),
        risk("Care leavers' accommodation", "8", score=8.0, directorate="CYPE"),  # rated low, no money
        risk("Highways maintenance backlog", "25", score=25.0, directorate="GET"),  # another directorate's
        risk("Market Sustainability", "", directorate="ASCH / CYPE", likelihood=4.0, exposure_gbp=2e7),
        _transport(),
    ]
    risks = [
        r.model_copy(update={"provenance": [prov(r.title, "risk register.pdf", f"page 3, row {n}")]})
        for n, r in enumerate(risks)
    ]
    lines = lines_of_enquiry([], [], Position(), [], risks=risks)
    listed = register_risks(risks, lines)
    assert [c.risk.title for c in listed] == [
        "Placement sufficiency",
        "Care leavers' accommodation",
        "Market Sustainability",
        "Home to School Transport",
    ]
    assert [c.shared_with for c in listed] == [[], [], ["ASCH"], []]
    assert [c.exposure_period for c in listed] == ["not stated", "not stated", "not stated", "year"]
    # Each asked line is the one whose question names the risk; the low one is in none.
    for c in listed:
        asked = None if c.enquiry is None else lines[c.enquiry - 1].question
        assert (asked is None) == (c.risk.title == "Care leavers' accommodation")
        assert asked is None or f"'{c.risk.title}'" in asked


def test_the_pack_lists_every_childrens_risk_each_figure_traced_with_the_line_that_carries_it() -> None:
    from render.pack import pack_html
    from tests.refs_check import problems

    risks = [
        risk("Market Sustainability", "", directorate="ASCH / CYPE", likelihood=4.0, exposure_gbp=2e7),
        _transport(),
        risk("Care leavers' accommodation", "Amber", score=8.0, owner="Director CYPE"),
    ]
    risks = [
        r.model_copy(update={"provenance": [prov(r.title, "risk register.pdf", f"page 3, row {n}")]})
        for n, r in enumerate(risks)
    ]
    lines = lines_of_enquiry([], [], Position(), [], risks=risks)
    review = Review(lines_of_enquiry=lines, childrens_risks=register_risks(risks, lines))
    html = pack_html(review, Extraction())
    table = html[html.index("Children's risks in the risk register") :]
    table = table[: table.index("</table>")]
    rows = table.split("<tr>")[2:]
    assert [
        r.count(title)
        for r, title in zip(rows, ["Market Sustainability", "Home to School", "Care leavers"], strict=True)
    ] == [1, 1, 1]
    assert "shared with ASCH" in rows[0] and "£20.0m" in rows[0]
    assert "£10.0m" in rows[1] and ">year<" in rows[1] and ">1<" in rows[1]  # its own question, the first
    assert (
        "rated" in rows[2]
        and "Amber" in rows[2]
        and "Director CYPE" in rows[2]
        and "none of the 2" in rows[2]
    )
    assert problems(html, review.model_dump(mode="json"), Extraction().model_dump(mode="json")) == []


def _risk_table_heading(risks: list[Risk]) -> str:
    from render.pack import pack_html

    risks = [
        r.model_copy(update={"provenance": [prov(r.title, "risk register.pdf", f"page 3, row {n}")]})
        for n, r in enumerate(risks)
    ]
    lines = lines_of_enquiry([], [], Position(), [], risks=risks)
    html = pack_html(
        Review(lines_of_enquiry=lines, childrens_risks=register_risks(risks, lines)), Extraction()
    )
    table = html[html.index("Children's risks in the risk register") :]
    return table[: table.index("</thead>")]


def test_the_risk_table_leaves_out_a_column_the_register_does_not_have_and_says_so() -> None:
    # Kent's register rates likelihood alone: no empty Impact and Score columns, and the caption says so.
    kent = _risk_table_heading([_transport(), risk("Market Sustainability", "", **SHARED)])
    assert ">Likelihood<" in kent and ">Impact<" not in kent and ">Score<" not in kent
    assert "the register states no impact or score for them" in kent
    # One risk with an impact (another register's) brings its column back, for every row.
    rated = _transport().model_copy(update={"impact": 3.0})
    both = _risk_table_heading([rated, risk("Market Sustainability", "", **SHARED)])
    assert ">Likelihood<" in both and ">Impact<" in both and ">Score<" not in both
    assert "the register states no score for them" in both


def test_a_risk_that_savings_will_not_be_delivered_is_said_beside_the_savings_unless_another_directorates() -> (
    None
):
    from render.pack import pack_html
    from tests.refs_check import problems

    wide = dict(directorate="ALL", likelihood=4.0, exposure_gbp=119_200_000.0)
    risks = [
        risk(
            "Non delivery of Savings and income",
            "",
            exposure_words="Estimated Annual Financial Exposure",
            **wide,
        ),
        risk("Failure to deliver savings", "", directorate="ASCH", likelihood=4.0),  # the adults'
        risk("Savings plans may not be achieved", "", directorate="CYPE", score=12.0),
        risk("Revenue Inflation", "", **wide),  # council-wide, not about savings
    ]
    risks = [
        r.model_copy(
            update={"provenance": [prov(r.title, "risk register.pdf", f"page 1, row {n}")], "rating": None}
        )
        for n, r in enumerate(risks)
    ]
    lines = lines_of_enquiry([], [], Position(), [], risks=risks)
    said = savings_risks(risks, lines)
    assert [(c.risk.title, c.scope) for c in said] == [
        ("Non delivery of Savings and income", "council_wide"),
        ("Savings plans may not be achieved", "childrens_social_care"),
    ]
    review = Review(lines_of_enquiry=lines, savings_risks=said)
    html = pack_html(review, Extraction())
    text = re.sub(r"<[^>]+>", "", html)
    assert (
        "The risk register holds a council-wide risk that savings will not be delivered: ‘Non delivery of"
        " Savings and income’ (directorate ALL), likelihood 4, estimated annual financial exposure £119.2m"
    ) in text
    assert "The register does not say what part of it falls to children's services." in text
    assert problems(html, review.model_dump(mode="json"), Extraction().model_dump(mode="json")) == []


def _gap(period: str, parts: dict[str, tuple[float, Scope]]) -> GapYear:
    """A year's gap the plan prints in rows, each row's figure and the scope its label names."""
    rows = [
        GapPart(
            label=label,
            words=label.lower(),
            amount_gbp=amount,
            scope=scope,
            provenance=[prov(label, "mtfp.pdf", f"page 2, table 1, row {n}")],
        )
        for n, (label, (amount, scope)) in enumerate(parts.items(), 1)
    ]
    return GapYear(
        period=period,
        amount_gbp=sum(p.amount_gbp for p in rows),
        provenance=[p for r in rows for p in r.provenance],
        parts=rows,
    )


ADULTS_ROW = "ADULT SOCIAL CARE FUNDING UNRESOLVED BALANCE"
REST_ROW = "UNRESOLVED BALANCE / SURPLUS"


def _gap_line(*gaps: GapYear) -> LineOfEnquiry:
    (line,) = lines_of_enquiry([], [], Position(mtfp_gap=list(gaps)), [])
    return line


def test_the_gaps_stake_is_the_years_whole_gap_saying_what_the_plan_labels_another_directorates() -> None:
    # As a plan that labels most of a year's gap adult social care's (Kent's appendix D p.2): the
    # whole is still the council's to close, so the stake is the year's whole gap, council-wide, its
    # labelled part said in its words, and the children's part not stated.
    line = _gap_line(
        _gap(
            "2026-27",
            {
                ADULTS_ROW: (17_000_000.0, Scope.OTHER_DIRECTORATE),
                REST_ROW: (3_108_000.0, Scope.COUNCIL_WIDE),
            },
        ),
        _gap(
            "2027-28",
            {
                ADULTS_ROW: (18_400_000.0, Scope.OTHER_DIRECTORATE),
                REST_ROW: (-2_819_900.0, Scope.COUNCIL_WIDE),
            },
        ),
    )
    assert line.amount_gbp == pytest.approx(20_108_000.0)
    assert line.stake == (
        "the largest year's gap (2026-27): council-wide; £17.0m of it labelled adult social care funding"
        " unresolved balance; the children's part is not stated"
    )
    assert (
        "a balance the whole council must still close: adult social care funding unresolved balance £17.0m"
        in (line.because)
    )
    assert "including the part the plan labels another service's" in line.question


def test_a_council_wide_gap_ranks_after_the_childrens_own_money_of_the_same_period() -> None:
    gap = _gap(
        "2026-27",
        {ADULTS_ROW: (17_000_000.0, Scope.OTHER_DIRECTORATE), REST_ROW: (3_108_000.0, Scope.COUNCIL_WIDE)},
    )
    overspend = flag("Residential placements", 5_000_000.0, code="service_overspend", themes=["residential"])
    lines = lines_of_enquiry([overspend], [], Position(mtfp_gap=[gap]), [])
    assert [q.amount_gbp for q in lines] == [5_000_000.0, pytest.approx(20_108_000.0)]


def test_a_gap_in_one_row_is_the_stake_whole() -> None:
    line = _gap_line(
        GapYear(period="2026-27", amount_gbp=14_880_000.0, provenance=[prov("Budget gap", "mtfp.pdf")])
    )
    assert line.amount_gbp == pytest.approx(14_880_000.0)
    assert line.stake == "the gap: council-wide; the children's part is not stated"


def test_the_ranking_rule_printed_is_the_order_the_questions_are_in() -> None:
    # A lifetime exposure far larger than a year's money follows it, as RANKING_RULE says.
    lifetime = LineOfEnquiry(question="Lifetime?", because="b", amount_gbp=165e6, stake_period="lifetime")
    annual = LineOfEnquiry(question="Annual?", because="b", amount_gbp=10e6, stake_period="year")
    shared = LineOfEnquiry(question="Shared?", because="b", amount_gbp=20e6, shared_with=["ASCH"])
    none = LineOfEnquiry(question="None?", because="b")
    order = [q.question for q in ranked([none, lifetime, shared, annual])]
    assert order == ["Annual?", "Shared?", "Lifetime?", "None?"]
    said = RANKING_RULE.lower()
    assert said.index("a year's money") < said.index("lifetime") < said.index("no money")
    assert "a risk the register shares with another directorate follows the children's own" in said
    # The council's whole money follows every children's question with money, a register's estimate
    # of a children's risk included (Kent: its gap and unallocated savings came first and third).
    council = annual.model_copy(
        update={"question": "Council?", "amount_gbp": 30e6, "scope": Scope.COUNCIL_WIDE}
    )
    estimate = annual.model_copy(update={"question": "Estimate?", "amount_gbp": 5e6, "estimated": True})
    order = [q.question for q in ranked([council, none, lifetime, shared, annual, estimate])]
    assert order == ["Annual?", "Shared?", "Lifetime?", "Estimate?", "Council?", "None?"]
    assert said.index("children's directorate's questions come first") < said.index("the council's whole")
    # A register's estimate follows the money the documents state, whatever its size or period.
    estimate = annual.model_copy(update={"question": "Estimate?", "amount_gbp": 50e6, "estimated": True})
    order = [q.question for q in ranked([estimate, none, lifetime, annual])]
    assert order == ["Annual?", "Lifetime?", "Estimate?", "None?"]
    assert said.index("money the documents state") < said.index("estimate") < said.index("no money")
    # A balance falling on the council at one date (the DSG deficit) ranks with a year's money.
    balance = lifetime.model_copy(
        update={"question": "Balance?", "amount_gbp": 38.2e6, "stake_period": "balance"}
    )
    order = [q.question for q in ranked([annual, lifetime, balance])]
    assert order == ["Balance?", "Annual?", "Lifetime?"]


def test_the_councils_gap_ranks_after_the_childrens_own_money_yet_is_always_asked() -> None:
    # As Wyvern: more than twelve children's questions with a year's money; the council's £14.9m gap
    # follows them all, yet the twelve keep it, the least of the children's making room.
    flags = [flag(f"Saving number {n}", n * 100_000.0) for n in range(1, 20)]
    gap = GapYear(period="2026-27", amount_gbp=14_880_000.0, provenance=[prov("Budget gap", "mtfp.pdf")])
    lines = lines_of_enquiry(flags, [], Position(mtfp_gap=[gap]), [])
    assert len(lines) == MAX_LINES
    assert lines[-1].scope == Scope.COUNCIL_WIDE and lines[-1].amount_gbp == 14_880_000.0
    assert [q.amount_gbp for q in lines[:-1]] == [n * 100_000.0 for n in range(19, 8, -1)]
    assert "always among those asked" in RANKING_RULE


def test_a_question_a_risk_joins_goes_to_the_owner_the_register_names() -> None:
    # Wyvern: the High Needs block's £4.6m overspend (Q2 monitoring) and the register's CR02 'High
    # Needs block deficit', whose owner is the Director of Education, not the DCS.
    high_needs = flag(
        "A forecast or outturn overspend of £4.6m (2025-26)",
        4_600_000.0,
        code="stated_overspend",
        scope=Scope.DSG_HIGH_NEEDS,
        themes=["send_high_needs"],
    )
    cr02 = risk(
        "High Needs block deficit",
        "16",
        score=16.0,
        owner="Director of Education",
        exposure_gbp=11_500_000.0,
        description="The DSG high needs block deficit grows.",
    )
    (line,) = lines_of_enquiry([high_needs], [], Position(), [], risks=[cr02])
    assert "'High Needs block deficit'" in line.because
    assert line.addressed_to == "Director of Education; S151"
    # one value changed: an owner who is the DCS leaves the question with the DCS
    dcs = cr02.model_copy(update={"owner": "Director CYPE"})
    (line,) = lines_of_enquiry([high_needs], [], Position(), [], risks=[dcs])
    assert line.addressed_to == "DCS; S151"
    # a risk asking its own question goes to its owner too, and a High Needs one to the S151 officer
    # as well (analyse.enquiry.ALSO_ASKED)
    (own,) = lines_of_enquiry([], [], Position(), [], risks=[cr02])
    assert own.addressed_to == "Director of Education; S151"


@pytest.mark.parametrize(
    ("scope", "addressed", "asked"),
    [
        # the DSG deficit falls on the council's reserves when the override ends: the S151 officer's ...
        (Scope.DSG_HIGH_NEEDS, "DCS", "DCS; S151"),
        (Scope.DSG_HIGH_NEEDS, "Director of Education", "Director of Education; S151"),
        # ... and the service's, where only the S151 officer is named
        (Scope.DSG_HIGH_NEEDS, "S151", "S151; DCS"),
        (Scope.DSG_HIGH_NEEDS, "Director of Education; S151", "Director of Education; S151"),
        (Scope.DSG_HIGH_NEEDS, "DCS; commissioning", "DCS; commissioning; S151"),
        # another scope is asked of whom its question names
        (Scope.CHILDRENS_SOCIAL_CARE, "DCS", "DCS"),
        (Scope.COUNCIL_WIDE, "S151", "S151"),
    ],
)
def test_a_dsg_question_goes_to_the_s151_officer_and_the_service(
    scope: Scope, addressed: str, asked: str
) -> None:
    line = LineOfEnquiry(question="Q?", because="B.", addressed_to=addressed, scope=scope)
    assert with_scope_leads(line).addressed_to == asked


CITES = (
    "Placement sufficiency is rated red on the corporate risk register. The actions to recover the"
    " placements position are set out in the Placement Sufficiency Strategy and in the recovery plan at"
    " Appendix C."
)


def test_a_question_on_a_subject_whose_cited_document_is_missing_asks_for_it_by_name() -> None:
    # Wyvern's Q2 monitoring (p2) cites the Placement Sufficiency Strategy, which the bundle lacks;
    # its residential placements overspend is the question on that subject.
    strategy = MissingDocument(
        name="Placement Sufficiency Strategy",
        why="cited",
        provenance=[prov(CITES, "monitoring.pdf", "page 2")],
    )
    residential = flag(
        "Looked after children – residential placements",
        5_050_000.0,
        code="service_overspend",
        themes=["placements", "residential"],
    )
    transport = flag("SEND home to school transport", 3_100_000.0, code="service_overspend")
    lines = lines_of_enquiry([residential, transport], [], Position(), [strategy])
    placements, other = lines  # asked for once: no list of documents repeats it
    assert placements.question.endswith(
        "Can the council supply the Placement Sufficiency Strategy the documents cite, not received?"
    )
    assert placements.provenance[-1].text == CITES
    assert "Placement Sufficiency Strategy" not in other.question
    # one value changed: a document the review asks for (not cited by the papers) is only listed
    requested = strategy.model_copy(update={"why": "requested"})
    asked, listed = lines_of_enquiry([residential], [], Position(), [requested])
    assert "Strategy" not in asked.question and "Placement Sufficiency Strategy" in listed.question


def test_a_dsg_question_names_the_post_the_register_gives_for_high_needs() -> None:
    # Wyvern's CR02 'High Needs block deficit' is the Director of Education's: the DSG deficit
    # question (Q1) is asked of that post, not the DCS, as the High Needs overspend question is
    cr02 = risk("High Needs block deficit", "20", score=20.0, owner="Director of Education")
    leads = scope_leads([cr02])
    assert leads == {Scope.DSG_HIGH_NEEDS: "Director of Education"}
    q1 = LineOfEnquiry(question="Q?", because="B.", addressed_to="S151", scope=Scope.DSG_HIGH_NEEDS)
    assert with_scope_leads(q1, leads).addressed_to == "S151; Director of Education"
    # another scope's question is not that post's
    other = q1.model_copy(update={"scope": Scope.CHILDRENS_SOCIAL_CARE, "addressed_to": "DCS"})
    assert with_scope_leads(other, leads).addressed_to == "DCS"
    # one value changed: an owner who is the DCS names no lead, and the DCS is asked
    assert scope_leads([cr02.model_copy(update={"owner": "Director CYPE"})]) == {}
    assert with_scope_leads(q1, {}).addressed_to == "S151; DCS"


# Kent's education commissioning report (p3): the Sufficiency Plan is cited for SEN school places.
SEN_PLACES = (
    "The SEN commissioning intentions within this Plan (shown above) are in line with the Safety Valve"
    " agreement and are limited to provision where there is already an established requirement. The"
    " consideration of need for further additional provision will be informed by the Sufficiency Plan"
    " and the Special School Review."
)


def _questions() -> list[LineOfEnquiry]:
    return [
        LineOfEnquiry(
            question="How would the council meet its DSG deficit?",
            because="B.",
            addressed_to="S151; DCS",
            scope=Scope.DSG_HIGH_NEEDS,
        ),
        LineOfEnquiry(
            question="What mitigates the risk 'Market Sustainability'?",
            because="B.",
            addressed_to="DCS; commissioning",
            scope=Scope.CHILDRENS_SOCIAL_CARE,
        ),
        LineOfEnquiry(
            question="How much of 'Looked After Children placements' rests on demand falling?",
            because="B.",
            addressed_to="DCS",
            scope=Scope.CHILDRENS_SOCIAL_CARE,
        ),
    ]


def test_a_missing_document_cited_on_the_dsg_is_asked_for_in_a_dsg_question() -> None:
    plan = MissingDocument(
        name="Sufficiency Plan", why="cited", provenance=[prov(SEN_PLACES, "k.pdf", "page 3")]
    )
    dsg, market, placements = asking_for_missing(_questions(), [plan])
    assert dsg.question.endswith(
        "Can the council supply the Sufficiency Plan the documents cite, not received?"
    )
    assert "Sufficiency Plan" not in placements.question + market.question
    # one value changed: cited where nothing names the DSG, its name's subject (placements) asks for it
    plain = plan.model_copy(
        update={"provenance": [prov("Placements will follow the Sufficiency Plan.", "k.pdf", "page 3")]}
    )
    dsg, market, placements = asking_for_missing(_questions(), [plain])
    assert "Sufficiency Plan" in placements.question and "Sufficiency Plan" not in dsg.question
    # the DSG's own plan, named in lower case, goes to the DSG question; two there are asked for once
    dbv = MissingDocument(
        name="Deficit management plan",
        why="cited",
        provenance=[prov("Its deficit management plan is behind schedule.", "m.pdf", "page 2")],
    )
    dsg = asking_for_missing(_questions(), [plan, dbv])[0]
    assert dsg.question.endswith(
        "Can the council supply the Sufficiency Plan and the deficit management plan the documents cite, not received?"
    )


def test_a_missing_document_goes_to_a_question_on_every_subject_its_name_names() -> None:
    # Kent: the Commissioning Plan for Education Provision (school places) is no question on the
    # placements market's for sharing the word "commissioning"
    cited = prov(
        "This report provides the Cabinet with the Commissioning Plan for Education Provision.",
        "k.pdf",
        "page 1",
    )
    school = MissingDocument(
        name="Commissioning Plan for Education Provision", why="cited", provenance=[cited]
    )
    market = LineOfEnquiry(
        question="What mitigates the risk 'Market commissioning'?",
        because="B.",
        addressed_to="DCS; commissioning",
        scope=Scope.CHILDRENS_SOCIAL_CARE,
    )
    assert asking_for_missing([market], [school])[0].question == market.question
    # one value changed: a question quoting both its subjects asks for it
    both = market.model_copy(
        update={"question": "What mitigates the risk 'Market commissioning of school places'?"}
    )
    assert "Commissioning Plan for Education Provision" in asking_for_missing([both], [school])[0].question


def test_a_missing_document_on_no_questions_subject_is_asked_in_the_question_resting_on_the_place_citing_it() -> (
    None
):
    # Wyvern: the tracker's row "Options to be brought to Cabinet in December 2025" cites the paper,
    # and the question on that saving rests on the same row
    row = prov(
        "CYPE-07 | Savings still to be identified – CYPE | Options to be brought to Cabinet", "t.xlsx", "A9"
    )
    paper = MissingDocument(name="Cabinet paper of December 2025 (options)", why="cited", provenance=[row])
    saving = LineOfEnquiry(
        question="The documents say of 'Savings still to be identified – CYPE': 'Options ...'. Which went?",
        because="B.",
        addressed_to="DCS",
        provenance=[row],
        scope=Scope.CHILDRENS_SOCIAL_CARE,
    )
    other = saving.model_copy(update={"provenance": [prov("other", "t.xlsx", "A5")]})
    asked = asking_for_missing([other, saving], [paper])
    assert "Cabinet paper of December 2025 (options)" in asked[1].question
    assert asked[0].question == other.question
    # one value changed: the question rests on another row, so none asks for it here
    moved = saving.model_copy(update={"provenance": [prov("other", "t.xlsx", "A6")]})
    assert [q.question for q in asking_for_missing([other, moved], [paper])] == [
        other.question,
        moved.question,
    ]


def test_every_missing_document_is_asked_for_even_where_twelve_questions_outrank_its_list() -> None:
    flags = [flag(f"Saving number {n}", n * 100_000.0) for n in range(1, 20)]
    appendix = MissingDocument(
        name="Appendix G", why="cited", provenance=[prov("See Appendix G.", "mtfp.pdf", "page 9")]
    )
    requested = MissingDocument(name="budget monitoring report", why="requested")
    lines = lines_of_enquiry(flags, [], Position(), [appendix, requested])
    assert len(lines) == MAX_LINES
    last = lines[-1]
    assert "Appendix G (cited in mtfp.pdf)" in last.question and "budget monitoring report" in last.question
    assert last.provenance == appendix.provenance
    # the money questions keep their order, the least of them giving way to the list
    assert [q.amount_gbp for q in lines[:-1]] == [n * 100_000.0 for n in range(19, 8, -1)]
    # one value changed: nothing missing, so all twelve places go to the money questions
    assert [q.amount_gbp for q in lines_of_enquiry(flags, [], Position(), [])][-1] == 800_000.0


def test_a_target_set_differently_is_asked_in_the_question_on_its_subject_naming_both() -> None:
    from analyse.records import StatedTarget, TargetStatedDifferently

    strategy = prov("Reduce ... from 58 to 45 by March 2027.", "plan.pdf", "page 1")
    savings = prov("eight fewer residential placements by March 2026", "savings.docx", "paragraph 4")
    differs = TargetStatedDifferently(
        subject="the number of children in residential care",
        stated=[
            StatedTarget(words="58 to 45 by March 2027 (13 fewer)", provenance=[strategy]),
            StatedTarget(words="24 fewer by March 2026", provenance=[savings]),
        ],
    )
    residential = flag(
        "Looked after children – residential placements",
        5_050_000.0,
        code="service_overspend",
        themes=["placements", "residential"],
    )
    transport = flag("SEND home to school transport", 3_100_000.0, code="service_overspend")
    placements, other = lines_of_enquiry([residential, transport], [], Position(), [], differing=[differs])
    assert placements.question.endswith(
        "The documents set the number of children in residential care differently: 58 to 45 by March 2027"
        " (13 fewer) in plan.pdf, against 24 fewer by March 2026 in savings.docx. Which holds, and which"
        " does the budget rest on?"
    )
    assert {strategy, savings} <= set(placements.provenance) and "differently" not in other.question
    # one value changed: with no question on its subject, it is a question of its own
    alone = lines_of_enquiry([transport], [], Position(), [], differing=[differs])
    assert [q.question.startswith("The documents set the number of children") for q in alone] == [False, True]


def test_a_target_set_differently_is_asked_even_where_its_subjects_question_ranks_out_of_the_twelve() -> None:
    from analyse.records import StatedTarget, TargetStatedDifferently

    plan = prov("Reduce the number of fostering placements with agencies from 120 to 90 by 2027.", "plan.pdf")
    tracker = prov("forty fewer independent fostering placements in 2025-26", "tracker.xlsx", "row 8")
    differs = TargetStatedDifferently(
        subject="the number of children in independent fostering agency placements",
        stated=[
            StatedTarget(words="120 to 90 by 2027 (30 fewer)", provenance=[plan]),
            StatedTarget(words="40 fewer by the end of 2025-26", provenance=[tracker]),
        ],
    )
    fostering = flag(
        "Independent fostering agency placements",
        10_000.0,
        code="service_overspend",
        themes=["placements", "fostering"],
    )
    others = [flag(f"Saving number {n}", n * 100_000.0) for n in range(1, 20)]
    lines = lines_of_enquiry([fostering, *others], [], Position(), [], differing=[differs])
    assert len(lines) == MAX_LINES
    asked = [
        q
        for q in lines
        if "sets the number of children in independent fostering" in q.question
        or "set the number of children in independent fostering agency placements differently" in q.question
    ]
    assert len(asked) == 1 and {plan, tracker} <= set(asked[0].provenance)
    # the money questions keep their order, the least of them giving way to it
    assert [q.amount_gbp for q in lines[:-1]] == [n * 100_000.0 for n in range(19, 8, -1)]
    # one value changed: its subject's question ranked among the twelve asks it there
    fostering = fostering.model_copy(update={"amount_gbp": 5_000_000.0})
    lines = lines_of_enquiry([fostering, *others], [], Position(), [], differing=[differs])
    assert lines[0].question.endswith("Which holds, and which does the budget rest on?")
    assert not any(q.question.startswith("The documents set") for q in lines)
