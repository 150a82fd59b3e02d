"""A saving's own words and the register's risks on its subject are evidence on its judgement: a
saving that lessens the impact of rising numbers depends on demand as one that reduces demand does,
and a children's risk the register holds on the same subject is cited on it, as a question."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

from analyse.flags import Context, assess_savings, judgements
from analyse.records import Review, SavingJudgement
from extract.records import Extraction, Provenance, Risk, SavingsLine
from tests.conftest import need
from tests.review_builders import YEAR, saving

CHILDREN = "Children's Services"


def risk(title: str, description: str, exposure: float | None = 10_000_000.0) -> Risk:
    where = Provenance(
        file="risk_register.pdf", sha256="ab" * 32, page=3, bbox=None, locator="row 4", text=title
    )
    return Risk(
        title=title,
        description=description,
        directorate=CHILDREN,
        exposure_gbp=exposure,
        exposure_words="Estimated Annual Financial Exposure",
        provenance=[where],
    )


def judged(line: SavingsLine, risks: list[Risk] | None = None) -> SavingJudgement:
    (j,) = judgements(assess_savings([line], Context(YEAR, [], [], risks=risks or [])))
    return j


GROWTH = saving(
    "Home to school transport - SEN",
    10_600_000.0,
    description="Estimated reduction to the impact of rising pupil population on SEN transport",
    directorate=CHILDREN,
    period=YEAR,
)
FEWER = saving(
    "Home to school transport - personal budgets",
    400_000.0,
    description="Increase use of personal budgets to reduce demand for hired transport",
    directorate=CHILDREN,
    period=YEAR,
)
TRANSPORT_RISK = risk("Home to School Transport", "Lack of suitable local places for pupils with SEN")


def test_a_saving_lessening_the_impact_of_rising_numbers_depends_on_demand_as_one_reducing_it() -> None:
    growth, fewer = judged(GROWTH), judged(FEWER)
    assert [r.code for r in growth.reasons] == [r.code for r in fewer.reasons] == ["demand_reduction_saving"]
    assert growth.reasons[0].evidence in GROWTH.description and growth.verdict == "question"
    # Never said to need demand to fall where its own words say the numbers rise.
    assert growth.reasons[0].reason.startswith("depends on demand rising less than it otherwise would")
    assert fewer.reasons[0].reason.startswith("depends on demand falling")


def test_a_saving_doubted_only_from_its_words_and_the_register_puts_no_money_at_stake() -> None:
    (assessment,) = assess_savings([GROWTH], Context(YEAR, [], [], risks=[TRANSPORT_RISK]))
    (flag,) = assessment.flags
    assert flag.code == "demand_reduction_saving" and flag.amount_gbp is None
    assert flag.message.startswith(
        "Doubted, though the documents do not state it at risk (a target of £10.6m"
    )
    assert flag.message.endswith("does that risk bear on the saving?")


def test_more_of_a_provision_is_not_a_saving_that_depends_on_demand() -> None:
    more = GROWTH.model_copy(update={"description": "Increase the number of in-house foster carers"})
    assert judged(more).verdict == "no_concern"


def test_a_register_risk_on_the_savings_subject_is_cited_on_it_as_a_question() -> None:
    j = judged(GROWTH, [TRANSPORT_RISK])
    reason = next(r for r in j.reasons if r.code == "register_risk_on_subject")
    assert j.verdict == "question" and j.at_risk_gbp == 0.0
    assert "'Home to School Transport'" in reason.reason and "(home to school transport)" in reason.reason
    assert reason.reason.endswith("does that risk bear on the saving?")
    assert TRANSPORT_RISK.provenance[0] in reason.provenance


def test_a_register_risk_sharing_only_a_common_word_is_not_cited() -> None:
    placements = risk("Placements", "Rising cost of transport to residential placements")
    assert all(r.code != "register_risk_on_subject" for r in judged(GROWTH, [placements]).reasons)


def test_a_register_risk_is_cited_only_on_the_subject_the_saving_changes_not_a_word_of_its_description() -> (
    None
):
    """A saving's subject is its title and the lever its description leads with; a risk's, its title and
    its description's lead: a phrase further into either (whom a contract serves, who uses a service)
    is no shared subject."""
    legal = saving(
        "Children's Social Care",
        850_000.0,
        description="Review of legal services spend through cost efficiencies and review of the use of"
        " legal services by social workers",
        directorate=CHILDREN,
        period=YEAR,
    )
    health = saving(
        "Looked After Children",
        1_117_000.0,
        description="Review contract with Health for fast tracking mental health assessments for Looked After"
        " Children",
        directorate=CHILDREN,
        period=YEAR,
    )
    social_workers = risk("Recruitment and retention of social workers", "Higher use of agency staff")
    placements = risk(
        "Market sustainability", "Availability of suitable placements for looked after children"
    )
    for line in (legal, health):
        assert judged(line, [social_workers, placements]).verdict == "no_concern"
    # The same risks are cited where the saving's own subject is theirs.
    agency = legal.model_copy(update={"description": "Reduce reliance on agency social workers"})
    placements_led = risk("Looked after children", "Availability of suitable placements")
    cited = [
        next(r.reason for r in judged(line, [r]).reasons if r.code == "register_risk_on_subject")
        for line, r in ((agency, social_workers), (health, placements_led))
    ]
    assert "(social worker)" in cited[0] and "(looked after)" in cited[1]


KENT = [
    "kent_cabinet_2025-01-30_appendixF_budget_templates.pdf",
    "kent_cabinet_2025-01-30_appendixI_budget_risk_register.pdf",
]


@pytest.fixture(scope="module")
def kent(kent_dir: Path) -> Review:
    need(importlib.util.find_spec("extract.pdf.reader") is not None, "the PDF reader is missing")
    from analyse.benchmarks import load_benchmark_table
    from analyse.review import build_review
    from extract.document import extract_file

    parts = [extract_file(name, (kent_dir / name).read_bytes()) for name in KENT]
    return build_review(Extraction.combine(parts), load_benchmark_table())


def test_kents_transport_savings_are_judged_alike_and_cite_the_registers_transport_risk(
    kent: Review,
) -> None:
    sen, ptb = (
        next(j for j in kent.savings_judged if j.title == title)
        for title in (
            "Home to School transport - SEN",
            "Home to School Transport - Personal Transport Budgets",
        )
    )
    assert sen.target_gbp == 10_600_000.0 and sen.verdict == ptb.verdict == "question"
    demand = {"demand_reduction_saving", "demand_reduction_against_rising_demand"}
    assert {r.code for r in sen.reasons} & demand and {r.code for r in ptb.reasons} & demand
    for j in (sen, ptb):
        (cited,) = [r for r in j.reasons if r.code == "register_risk_on_subject"]
        assert "'Home to School Transport'" in cited.reason and "£10" in cited.reason
        assert {(p.file, p.page) for p in cited.provenance} == {(KENT[1], 3)}
        assert j.at_risk_gbp == 0.0


def test_kents_questions_say_a_register_risk_once(kent: Review) -> None:
    for line in kent.lines_of_enquiry:
        for risk in kent.childrens_risks:
            assert line.because.lower().count(f"register lists '{risk.risk.title.lower()}'") <= 1


def test_kents_savings_cite_a_register_risk_only_on_their_own_subject(kent: Review) -> None:
    """Appendix F p17's £1.1m 'Looked After Children' saving reviews a contract with Health (for looked
    after children) and p13's £0.85m legal spend saving names social workers only as users of legal
    services: neither is on the subject of the placements or social-worker risk of Appendix I. The
    transport savings are on the register's transport risk's subject."""

    def cited(title: str, target: float) -> list[str]:
        (j,) = [j for j in kent.savings_judged if j.title == title and j.target_gbp == target]
        return [r.reason for r in j.reasons if r.code == "register_risk_on_subject"]

    assert cited("Looked After Children", 1_117_000.0) == []
    assert cited("Children's Social Care", 850_000.0) == []
    for title, target in (
        ("SEN Home to School Transport (HTST)", 300_000.0),
        ("SEN Home to School Transport", 541_000.0),
    ):
        (reason,) = cited(title, target)
        assert "'Home to School Transport'" in reason and "(home to school transport)" in reason


def test_a_risks_subject_and_a_savings_are_each_read_once_however_many_they_are_set_against(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import analyse.enquiry
    import analyse.flags
    from analyse.themes import subject_of

    read: list[str] = []

    def counted(title: str, description: str) -> set[str]:
        read.append(title)
        return subject_of(title, description)

    monkeypatch.setattr(analyse.enquiry, "subject_of", counted)
    monkeypatch.setattr(analyse.flags, "subject_of", counted)
    fuel = risk("Home to school transport fuel", "Rising fuel prices for hired transport")
    assessed = assess_savings([GROWTH, FEWER], Context(YEAR, [], [], risks=[TRANSPORT_RISK, fuel]))
    assert sorted(read) == sorted([GROWTH.title, FEWER.title, TRANSPORT_RISK.title, fuel.title])
    cited = [[r.evidence for r in a.reasons if r.code == "register_risk_on_subject"] for a in assessed]
    assert cited == [[TRANSPORT_RISK.title, fuel.title]] * 2
