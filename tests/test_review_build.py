"""build_review on a small hand-built extraction, with and without benchmarks."""

from __future__ import annotations

from analyse.missing import requested_missing
from analyse.records import Review
from analyse.review import build_review
from extract.records import Extraction, PeriodAmount, PlanLine, Rag
from ingest.records import Document, DocumentKind, Format
from tests.contract import check_review
from tests.review_builders import YEAR, budget, prov, saving


def document(file: str, kind: DocumentKind) -> Document:
    return Document(file=file, sha256="cd" * 32, size=100, format=Format.PDF, kind=kind)


def small_extraction() -> Extraction:
    return Extraction(
        documents=[
            document("monitoring.pdf", DocumentKind.BUDGET_MONITORING),
            document("tracker.xlsx", DocumentKind.SAVINGS_PLAN),
        ],
        savings=[
            saving(
                "Residential placements review",
                rag=Rag.RED,
                target_gbp=1_000_000.0,
                forecast_gbp=250_000.0,
                period=YEAR,
                directorate="Children's Services",
                service_area="Residential",
            ),
            saving(
                "Agency staff reduction",
                rag=Rag.GREEN,
                target_gbp=400_000.0,
                forecast_gbp=400_000.0,
                period=YEAR,
                directorate="Children's Services",
            ),
            saving(
                "Savings to be identified",
                target_gbp=600_000.0,
                period=YEAR,
                directorate="Children's Services",
            ),
            saving(
                "Waste contract",
                rag=Rag.RED,
                target_gbp=5_000_000.0,
                forecast_gbp=0.0,
                period=YEAR,
                directorate="Environment",
            ),
        ],
        pressures=[
            PlanLine(
                title="Budget gap",
                category="mtfp_gap",
                provenance=[prov("Budget gap", "mtfp.pdf")],
                planned=[
                    PeriodAmount(period=YEAR, amount_gbp=12e6),
                    PeriodAmount(period="2025-26", amount_gbp=20e6),
                ],
            )
        ],
        budget_lines=[
            budget("Council total", "total", 900e6, 915e6),
            budget("Children's Services", "directorate", 300e6, 312e6),
            budget("Residential", "service_line", 40e6, 46e6, directorate="Children's Services"),
            budget("Fostering", "service_line", 30e6, 29e6, directorate="Children's Services"),
        ],
    )


def test_a_review_without_benchmarks_states_the_position_and_says_benchmarks_are_absent() -> None:
    review = build_review(small_extraction())
    assert review.position.period == YEAR
    assert (review.position.budget_gbp, review.position.variance_gbp) == (900e6, 15e6)
    assert review.position.children_services.variance_gbp == 12e6
    assert [(g.period, g.amount_gbp) for g in review.position.mtfp_gap] == [(YEAR, 12e6), ("2025-26", 20e6)]
    assert review.benchmarks == [] and review.scenarios == []
    assert any("No national benchmarks" in c for c in review.caveats)


def test_the_savings_summary_counts_childrens_money_at_risk_once_against_target_and_gap() -> None:
    summary = build_review(small_extraction()).savings_summary
    children_target = 1_000_000.0 + 400_000.0 + 600_000.0  # the waste saving is not children's
    # The shortfall of the red saving (target less forecast), not its whole target, and the
    # unidentified saving, which has no forecast, in full.
    at_risk = 750_000.0 + 600_000.0
    assert (summary.target_gbp, summary.at_risk_gbp, summary.at_risk_count) == (children_target, at_risk, 2)
    assert summary.at_risk_share_of_gap == at_risk / 12e6
    assert summary.unidentified_gbp == 600_000.0


def test_every_flag_has_provenance_and_the_most_severe_come_first() -> None:
    review = build_review(small_extraction())
    assert review.flags and all(f.provenance for f in review.flags)
    severities = [f.severity for f in review.flags]
    assert severities == sorted(severities, key=["high", "medium", "low"].index)
    assert any(
        f.code == "overspend_exceeds_saving" and f.subject == "Residential placements review"
        for f in review.flags
    )
    assert any(f.code == "service_overspend" and f.subject == "Residential" for f in review.flags)


def test_lines_of_enquiry_address_each_question_and_carry_its_evidence() -> None:
    review = build_review(small_extraction())
    enquiries = review.lines_of_enquiry
    assert any("Residential placements review" in q.question for q in enquiries)
    assert any("medium-term gap" in q.question and q.addressed_to == "S151" for q in enquiries)
    assert all(q.addressed_to and q.because for q in enquiries)
    assert all(q.provenance for q in enquiries if "Can the council provide" not in q.question)


def test_themes_carry_savings_and_money_at_risk() -> None:
    themes = {t.theme: t for t in build_review(small_extraction()).themes}
    assert themes["residential"].savings_gbp >= 1_000_000.0
    assert themes["residential"].at_risk_gbp == 750_000.0  # its shortfall, not its target


def test_missing_documents_name_what_a_review_asks_for_and_the_bundle_lacks() -> None:
    missing = requested_missing([document("monitoring.pdf", DocumentKind.BUDGET_MONITORING)])
    assert "budget and medium-term financial plan" in missing
    assert "council or children's services strategic plan" in missing
    assert "budget monitoring report" not in missing


def test_the_review_meets_the_contract_and_round_trips_through_json() -> None:
    review = build_review(small_extraction())
    data = review.model_dump(mode="json")
    check_review(data)
    assert Review.model_validate_json(review.model_dump_json()) == review


def test_an_empty_extraction_gives_an_empty_review_not_an_error() -> None:
    review = build_review(Extraction())
    assert review.flags == [] and review.savings_summary.target_gbp is None
    assert len(review.missing_documents) == 4


def test_with_the_benchmark_table_the_scenarios_use_the_councils_own_published_figures() -> None:
    from analyse.benchmarks import indicator_value, load_benchmark_table

    table = load_benchmark_table()
    review = build_review(small_extraction(), table, "886")
    assert review.council.la_code == "886" and review.benchmarks
    (step_down,) = [s for s in review.scenarios if s.name.startswith("Residential")]
    cla_rate = next(b for b in review.benchmarks if b.indicator == "cla_rate_per_10k")
    children = indicator_value(table, "886", "cla_number", cla_rate.period)
    share = indicator_value(table, "886", "placement_residential_pct")
    residential = indicator_value(table, "886", "unit_cost_residential_weekly")
    fostering = indicator_value(table, "886", "unit_cost_fostering_weekly")
    assert None not in (children, share, residential, fostering)
    expected = children * share / 100 * 0.1 * (residential - fostering) * 52  # type: ignore[operator]
    assert step_down.annual_saving_gbp == round(expected, -3)
    assert not any("No national benchmarks" in c for c in review.caveats)


def test_lines_of_the_same_name_ask_one_question_with_their_total() -> None:
    phased = [PeriodAmount(period=YEAR, amount_gbp=0.0), PeriodAmount(period="2025-26", amount_gbp=1e6)]
    rows = [saving("Future savings under development", planned=phased, directorate="TBC") for _ in range(3)]
    review = build_review(Extraction(savings=rows))
    (question,) = [q for q in review.lines_of_enquiry if "Future savings" in q.question]
    assert "2 other lines" in question.because and "£3.0m in all" in question.because
    assert len(question.provenance) == 3


def test_an_untracked_plan_does_not_claim_nothing_is_at_risk() -> None:
    review = build_review(
        Extraction(savings=[saving("Contract review", 100e3, directorate="Children's Services")])
    )
    assert review.savings_summary.at_risk_gbp is None and review.savings_summary.target_gbp == 100e3
