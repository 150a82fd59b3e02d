"""Classification on real council papers, and the rules that decide between kinds."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from ingest.classify import classify
from ingest.inspect import inspect_file
from ingest.records import DocumentKind as K
from ingest.records import Status

# What a reviewer would call each Kent paper (judged by reading them, not by running the code).
KENT = {
    "24-00096_education_commissioning_plan_report": K.COMMITTEE_REPORT,
    "24-00109_SIS_18-25_transfer_report": K.COMMITTEE_REPORT,
    "family_hubs_callin_report": K.COMMITTEE_REPORT,
    "appendixD_MTFP": K.MTFP,
    "appendixE_budget_by_directorate": K.MTFP,
    # Appendix F lists every spending pressure and saving of the three-year budget: the MTFP's
    # detail, not a savings plan (which would list savings alone, with delivery).
    "appendixF_budget_templates": K.MTFP,
    "appendixI_budget_risk_register": K.RISK_REGISTER,
    "draft_budget_MTFP_cover": K.MTFP,
    "draft_revenue_budget_2025-26_MTFP_2025-28": K.MTFP,
}

COMMITTEE_TEXT = {
    "01_middlesbrough": K.SAVINGS_PLAN,  # a financial improvement plan: savings reviewed for deliverability
    "02_walsall": K.SAVINGS_PLAN,
    "03_hillingdon": K.BUDGET_MONITORING,
    "04_haringey": K.MTFP,
    "05_haringey": K.MTFP,
    "06_york": K.BUDGET_MONITORING,
    "07_durham": K.BUDGET_MONITORING,
    "08_somerset": K.BUDGET_MONITORING,
}


def kent_file(kent_dir: Path, key: str) -> Path:
    matches = [p for p in kent_dir.glob("*.pdf") if key in p.name]
    assert len(matches) == 1, f"expected one Kent file for {key}"
    return matches[0]


@pytest.mark.shared
@pytest.mark.parametrize(("key", "kind"), KENT.items())
def test_kent_papers_are_classified_as_a_reviewer_would(kent_dir: Path, key: str, kind: K) -> None:
    path = kent_file(kent_dir, key)
    document = inspect_file(path.name, path.read_bytes())
    assert document.status is Status.OK
    assert document.kind is kind, document.kind_reasons
    assert document.kind_reasons


@pytest.mark.shared
@pytest.mark.parametrize(("prefix", "kind"), COMMITTEE_TEXT.items())
def test_committee_minutes_are_classified_by_their_subject(shared_dir: Path, prefix: str, kind: K) -> None:
    [path] = (shared_dir / "corpus" / "committee-text").glob(f"{prefix}*.txt")
    # The corpus header names the kind; classify only the council's own text, under a neutral name.
    text = path.read_text(encoding="utf-8").split("-" * 70, 1)[1]
    found, reasons = classify("minutes.txt", text)
    assert found is kind, reasons


def test_a_treasury_management_report_is_other() -> None:
    text = (
        "Treasury Management Strategy 2025-26\nThe Council's borrowing and investments, the prudential "
        "indicators and the minimum revenue provision policy for the year."
    )
    assert classify("tm.pdf", text)[0] is K.OTHER


def test_a_committee_report_on_something_else_is_a_committee_report() -> None:
    text = (
        "From: Cabinet Member for Highways\nTo: Cabinet - 3 March 2025\nSubject: Winter gritting routes\n"
        "Summary: This report sets out the routes.\nRecommendation(s): Cabinet is asked to agree the routes."
    )
    kind, reasons = classify("report.pdf", text)
    assert kind is K.COMMITTEE_REPORT
    assert any("committee report layout" in r for r in reasons)


def test_a_committee_report_whose_subject_is_budget_monitoring_is_budget_monitoring() -> None:
    text = (
        "From: Cabinet Member for Finance\nTo: Cabinet - 3 March 2025\nSubject: Revenue budget monitoring, "
        "forecast outturn at quarter 3\nSummary: The forecast overspend is £5m.\nRecommendation(s): note."
    )
    assert classify("report.pdf", text)[0] is K.BUDGET_MONITORING


def test_table_headers_alone_can_identify_a_risk_register() -> None:
    headers = [["Risk title", "Cause", "Likelihood", "Impact", "Mitigation", "Owner"]]
    assert classify("sheet.xlsx", "Register", headers)[0] is K.RISK_REGISTER


def test_table_headers_alone_can_identify_budget_monitoring() -> None:
    headers = [["Service", "Budget", "Forecast Outturn", "Variance"]]
    kind, reasons = classify("p6.xlsx", "Children's services", headers)
    assert kind is K.BUDGET_MONITORING
    assert "table header with budget, forecast and variance columns" in reasons


def test_a_strategic_plan_is_recognised() -> None:
    text = "Council Plan 2024-2028\nOur vision for the county\nOur priorities and ambitions for children."
    assert classify("plan.docx", text)[0] is K.STRATEGIC_PLAN


def test_a_sufficiency_plan_is_a_strategic_plan_though_it_recovers_spend() -> None:
    """A placement sufficiency plan or strategy, its financial recovery included, is a children's
    services strategic plan; a financial recovery plan alone stays a savings plan."""
    body = (
        "\n"
        + "How we will secure enough homes for the children we look after. " * 8
        + (
            "\nThe savings programme is rated RAG amber; savings at risk are set out below, with the"
            " delivery of savings by year."
        )
    )
    for name, title in (
        ("Placement_Sufficiency_Strategy_2024-27.pdf", "Placement Sufficiency Strategy 2024-27"),
        ("recovery.docx", "Looked After Children Sufficiency and Financial Recovery Plan"),
        ("CS_Sufficiency_and_Recovery_Plan.docx", "Children's Services plan"),
    ):
        assert classify(name, title + body)[0] is K.STRATEGIC_PLAN, name
    assert classify("frp.docx", "Financial Recovery Plan 2025-26" + body)[0] is K.SAVINGS_PLAN


def test_ashdowns_sufficiency_and_recovery_plan_is_a_strategic_plan(ashdown: tuple[Any, Any]) -> None:
    review, _ = ashdown
    kinds = {d.file: d.kind for d in review.documents}
    assert kinds["AVCC_Childrens_Sufficiency_and_Recovery_Plan.docx"] is K.STRATEGIC_PLAN
    assert kinds["AVCC_Savings_Tracker_M7_2025-26.pdf"] is K.SAVINGS_PLAN


def test_text_with_no_signs_is_other_and_says_so() -> None:
    kind, reasons = classify("notes.txt", "Minutes of the allotments working group.")
    assert kind is K.OTHER and "no strong sign" in reasons[0]


@pytest.mark.shared
def test_government_statistics_that_are_not_council_finance_papers_are_other(icdar_dir: Path) -> None:
    pdfs = sorted(icdar_dir.glob("*.pdf"))
    assert pdfs
    kinds = {p.name: inspect_file(p.name, p.read_bytes()).kind for p in pdfs}
    assert {name: kind for name, kind in kinds.items() if kind is not K.OTHER} == {}


@pytest.mark.parametrize(
    ("text", "period"),
    [
        ("Budget monitoring report: Q2 and Q3 forecast outturn", "q2"),
        ("Monitoring report, month 6", "month 6"),
    ],
)
def test_a_monitoring_period_counts_once_as_its_first_mention(text: str, period: str) -> None:
    kind, reasons = classify("report.pdf", text)
    assert kind is K.BUDGET_MONITORING
    assert [r for r in reasons if "q3" in r or period in r] == [f'title says "{period}"']
