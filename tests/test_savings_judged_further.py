"""A saving judged from its own plan: growth on its own subject that may consume it, a later year
that takes it back (temporary), a grant that meets it (a funding swap); and the themes' money at
risk, 'not assessed' where no one has judged delivery. On records, then on Kent's Appendix F."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

from analyse.flags import Context, assess_savings, judgements
from analyse.records import Review, SavingJudgement
from analyse.themes import line_themes, themes_of, themes_summary
from extract.records import Extraction, PeriodAmount, PlanLine, SavingsLine
from tests.conftest import need
from tests.review_builders import YEAR, prov, saving

CYPE = "CYPE"
PLAN = "plan.pdf"


def planned(title: str, amount: float, description: str = "", **fields: object) -> SavingsLine:
    return saving(title, amount, file=PLAN, description=description, directorate=CYPE, **fields)  # type: ignore[arg-type]


def growth(title: str, amount: float, row: int, file: str = PLAN, directorate: str = CYPE) -> PlanLine:
    return PlanLine(
        title=title,
        description="Estimated impact of rising pupil population on SEN Home to School and College Transport",
        directorate=directorate,
        planned=[PeriodAmount(period=YEAR, amount_gbp=amount)],
        provenance=[prov(title, file, f"page 7, table 1, row {row}")],
    )


def judged(line: SavingsLine, pressures: list[PlanLine] | None = None) -> SavingJudgement:
    (j,) = judgements(assess_savings([line], Context(YEAR, [], [], pressures=pressures or [])))
    return j


SEN = planned(
    "Home to School transport - SEN",
    10_600_000.0,
    "Estimated reduction to the impact of rising pupil population on SEN Home to School and College Transport",
)
COST = growth("Home to School transport - SEN - Cost", 10_200_000.0, 5)
DEMAND = growth("Home to School transport - SEN - Demand", 4_400_000.0, 12)


def _consumed(j: SavingJudgement) -> list[str]:
    return [r.reason for r in j.reasons if r.code == "pressure_on_subject"]


def test_a_saving_whose_subjects_growth_in_its_plan_is_larger_is_raised_and_cites_both_rows() -> None:
    (assessment,) = assess_savings([SEN], Context(YEAR, [], [], pressures=[COST, DEMAND]))
    (flag,) = assessment.flags
    assert flag.code == "pressure_on_subject" and flag.severity == "high"
    assert (
        "adds £14.6m of pressures on its subject" in flag.message
        and "more than the saving's £10.6m" in flag.message
    )
    assert "'Home to School transport - SEN - Cost' £10.2m" in flag.message
    locators = [p.locator for p in flag.provenance]
    assert locators[0] == SEN.provenance[0].locator
    assert "page 7, table 1, row 5" in locators and "page 7, table 1, row 12" in locators
    assert assessment.at_risk_gbp == 0.0  # the analysis's inference, a question: no money at risk


def test_growth_about_as_large_as_the_saving_is_medium_and_smaller_growth_is_no_reason() -> None:
    # Within the one materiality tolerance below the saving: comparable, so medium.
    (reason,) = _consumed(judged(SEN, [growth("Home to School transport - SEN - Cost", 10_100_000.0, 5)]))
    assert "about as much as the saving's £10.6m" in reason
    (a,) = assess_savings(
        [SEN],
        Context(YEAR, [], [], pressures=[growth("Home to School transport - SEN - Cost", 10_100_000.0, 5)]),
    )
    assert a.flags[0].severity == "medium"
    # One value changed: growth beyond the tolerance below the saving raises nothing.
    assert _consumed(judged(SEN, [growth("Home to School transport - SEN - Cost", 10_000_000.0, 5)])) == []


def test_only_growth_in_the_same_plan_of_the_same_directorate_on_the_whole_subject_counts() -> None:
    assert (
        _consumed(
            judged(SEN, [COST.model_copy(update={"provenance": [prov(COST.title, "other.pdf")]}), DEMAND])
        )
        == []
    )
    assert _consumed(judged(SEN, [growth(COST.title, 20e6, 5, directorate="GET")])) == []
    # Transport inflation for every pupil is not growth in SEN transport.
    inflation = growth("Home to School Transport", 20e6, 3).model_copy(
        update={"description": "Provision for inflation on contracted services and season tickets"}
    )
    assert _consumed(judged(SEN, [inflation])) == []


def test_growth_for_non_disabled_children_is_not_on_a_disabled_childrens_saving() -> None:
    disabled = planned("Disabled Children's Placement and Support", 550_000.0)
    others = growth("Children's Social Care - Non-disabled children", 4_390_600.0, 13)
    assert _consumed(judged(disabled, [others])) == []
    (reason,) = _consumed(
        judged(disabled, [growth("Children's Social Care - Disabled children", 1_460_900.0, 14)])
    )
    assert "(disabled children)" in reason


def test_growth_its_words_say_a_charge_recovers_is_no_threat_to_the_saving() -> None:
    # Kent's Appendix F p.5: the Travel Saver's inflation "is recovered through uplifting the charge
    # for the pass", and its income line (p.15) is the saving that matches it.
    fares = planned(
        "Kent 16+ Travel Saver",
        108_400.0,
        "Price realignment to offset bus operator inflationary fare increases",
    )
    words = "Provision for price inflation related to the Kent 16+ Travel Saver"
    recovered = growth("Kent 16+ Travel Saver", 108_400.0, 9).model_copy(
        update={"description": f"{words} which is recovered through uplifting the charge for the pass"}
    )
    assert _consumed(judged(fares, [recovered])) == []
    # One value changed: the same growth with no words of recovery may consume the saving.
    (reason,) = _consumed(judged(fares, [recovered.model_copy(update={"description": words})]))
    assert "the growth may consume the saving" in reason


def test_a_saving_its_plan_reverses_in_part_in_a_later_year_is_temporary() -> None:
    phasing = [
        PeriodAmount(period=YEAR, amount_gbp=385_000.0),
        PeriodAmount(period="2026-27", amount_gbp=-204_800.0),
        PeriodAmount(period="2027-28", amount_gbp=0.0),
    ]
    travel = planned("Kent 16+ Travel Saver", 0.0, "Above inflation increase", planned=phasing)
    (reason,) = [r for r in judged(travel).reasons if r.code == "one_off_measure"]
    assert reason.reason.startswith("temporary in part: the plan reverses it by £0.2m in 2026-27")
    # One value changed: no later year takes it back, so it is not temporary.
    kept = [phasing[0], phasing[1].model_copy(update={"amount_gbp": 0.0}), phasing[2]]
    assert judged(travel.model_copy(update={"planned": kept})).reasons == []


def test_a_saving_met_by_a_grant_is_a_funding_swap_and_says_whether_the_grant_is_secured() -> None:
    grant = planned(
        "Family Support Services - Disabled Children",
        550_000.0,
        "Use of external grant to part fund respite offer",
    )
    (reason,) = judged(grant).reasons
    assert reason.code == "funding_swap" and reason.evidence == "Use of external grant"
    assert "a funding swap, not a reduction in cost" in reason.reason
    assert reason.reason.endswith("its words do not say the grant is secured")
    secured = grant.model_copy(update={"description": "Use of external grant, secured for two years"})
    assert judged(secured).reasons[0].reason.endswith("its words say the grant is secured")
    # One word changed: a saving its words do not say a grant meets is no funding swap.
    assert judged(grant.model_copy(update={"description": "Review of the respite offer"})).reasons == []


def test_a_themes_money_at_risk_is_not_assessed_where_no_saving_of_it_is_judged() -> None:
    plan = saving("Home to school transport route review", 500_000.0)
    (theme,) = [t for t in themes_summary([plan], [], [], YEAR) if t.theme == "home_to_school_transport"]
    assert theme.at_risk_not_assessed and theme.at_risk_gbp == 0.0
    tracked = plan.model_copy(update={"target_gbp": 500_000.0, "forecast_gbp": 500_000.0, "period": YEAR})
    (theme,) = [t for t in themes_summary([tracked], [], [], YEAR) if t.theme == "home_to_school_transport"]
    assert theme.delivery_assessed and not theme.at_risk_not_assessed


def test_a_transport_line_for_pupils_with_send_is_transports_theme_not_high_needs() -> None:
    transport = saving(
        "SEND home to school transport – growth in pupils with EHCPs eligible for transport", 4.9e6
    )
    assert line_themes(transport) == ["home_to_school_transport"]
    # One word changed: a line naming SEND and no transport is SEND and high needs.
    services = transport.model_copy(update={"title": "SEND services – growth in pupils with EHCPs"})
    assert line_themes(services) == ["send_high_needs"]
    assert themes_of(transport.title) == ["send_high_needs", "home_to_school_transport"]  # text, not a line


KENT_F = "kent_cabinet_2025-01-30_appendixF_budget_templates.pdf"


@pytest.fixture(scope="module")
def kent(kent_dir: Path) -> Review:
    need(importlib.util.find_spec("extract.pdf.reader") is not None, "the PDF reader is missing")
    from analyse.benchmarks import load_benchmark_table
    from analyse.review import build_review
    from extract.document import extract_file

    part = extract_file(KENT_F, (kent_dir / KENT_F).read_bytes())
    return build_review(Extraction.combine([part]), load_benchmark_table())


def _kent_judged(kent: Review, title: str, target: float) -> SavingJudgement:
    (j,) = [j for j in kent.savings_judged if j.title == title and j.target_gbp == target]
    return j


def test_kents_sen_transport_avoidance_is_raised_by_the_plans_own_sen_transport_growth(kent: Review) -> None:
    """Appendix F p13 row 5: £10.6m 'Home to School transport - SEN'; p7 rows 5 and 12: £10.2m cost
    and £4.4m demand growth in SEN transport, £14.6m in all."""
    sen = _kent_judged(kent, "Home to School transport - SEN", 10_600_000.0)
    (reason,) = [r for r in sen.reasons if r.code == "pressure_on_subject"]
    assert "£14.6m of pressures" in reason.reason
    assert {(p.page, p.locator) for p in reason.provenance} == {
        (7, "page 7, table 1, row 5"),
        (7, "page 7, table 1, row 12"),
    }
    (flag,) = [f for f in kent.flags if f.subject == sen.title and f.code == "pressure_on_subject"]
    assert flag.severity == "high"
    assert any(
        r.code == "cost_avoidance" for r in sen.reasons
    )  # its category: 'Future Cost Increase Avoidance'


def test_kents_travel_saver_is_temporary_and_its_respite_grant_a_funding_swap(kent: Review) -> None:
    travel = _kent_judged(kent, "Kent 16+ Travel Saver", 385_000.0)
    assert any(
        r.reason.startswith("temporary in part: the plan reverses it by £0.2m in 2026-27")
        for r in travel.reasons
    )
    grant = _kent_judged(kent, "Family Support Services - Disabled Children", 550_000.0)
    (swap,) = [r for r in grant.reasons if r.code == "funding_swap"]
    assert swap.evidence == "Use of external grant" and (
        swap.provenance[0].page,
        swap.provenance[0].locator,
    ) == (
        17,
        "page 17, table 1, row 8",
    )


def test_kents_themes_say_not_assessed_where_no_saving_is_tracked(kent: Review) -> None:
    with_savings = [t for t in kent.themes if t.savings_count]
    assert with_savings and all(t.at_risk_not_assessed for t in with_savings)


def test_each_pressures_subject_is_read_once_however_many_savings(monkeypatch: pytest.MonkeyPatch) -> None:
    import analyse.flags
    from analyse.themes import subject_of

    read: list[str] = []

    def counted(title: str, description: str) -> set[str]:
        read.append(title)
        return subject_of(title, description)

    monkeypatch.setattr(analyse.flags, "subject_of", counted)
    others = [planned(f"Home to School transport - SEN {n}", 1e6) for n in range(3)]
    assess_savings([SEN, *others], Context(YEAR, [], [], pressures=[COST, DEMAND]))
    assert read.count(COST.title) == read.count(DEMAND.title) == 1
