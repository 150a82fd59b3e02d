"""The whole pipeline on a bundle of variant papers: the review's position and savings summary
are the figures the generators were given."""

from __future__ import annotations

import json

import pytest
import variant_documents as v
from pipeline_helpers import run_bundle_embedded


@pytest.fixture(scope="module")
def review(tmp_path_factory: pytest.TempPathFactory) -> dict:
    home = tmp_path_factory.mktemp("variants")
    folder = home / "bundle"
    v.write_bundle(folder, [v.monitoring_xlsx, v.tracker_html, v.mtfs_docx, v.committee_html])
    _, _, out = run_bundle_embedded([folder], home)
    return json.loads((out / "review.json").read_text())


def test_position_is_the_workbooks_net_total_and_no_sum_of_childrens_service_lines(review: dict) -> None:
    # The workbook heads the children's lines with a bold row without figures: there is no
    # directorate row to headline, and a sum of service lines is not one (review-pack.md). The
    # committee report's stated overspend is the children's position, said to be from prose.
    truth = v.monitoring_xlsx().budgets
    total = next(b for b in truth if b.level == "total")
    position = review["position"]
    assert position["period"] == "2025-26"
    assert position["budget_gbp"] == pytest.approx(total.budget)
    assert position["forecast_gbp"] == pytest.approx(total.forecast)
    assert position["variance_gbp"] == pytest.approx(total.variance)
    kids = position["children_services"]
    assert kids["budget_gbp"] is None and kids["forecast_gbp"] is None
    assert kids["variance_gbp"] == pytest.approx(3_200_000) and kids["verification"] == "unchecked"
    assert any("not a sum of service lines" in c for c in review["caveats"])


def test_position_gap_is_the_in_year_funding_gap_not_the_cumulative_one(review: dict) -> None:
    gaps = {g["period"]: g["amount_gbp"] for g in review["position"]["mtfp_gap"]}
    assert gaps == pytest.approx(v.mtfs_docx().gaps)


def test_savings_summary_counts_every_line_of_a_childrens_tracker(review: dict) -> None:
    truth = v.TRACKER_SAVINGS
    risky = [s for s in truth if s.at_risk]
    summary = review["savings_summary"]
    assert summary["period"] == "2025-26"
    assert summary["lines"] == len(truth)
    assert summary["target_gbp"] == pytest.approx(sum(s.target for s in truth))
    assert summary["forecast_gbp"] == pytest.approx(sum(s.forecast for s in truth))
    assert summary["at_risk_count"] == len(risky)
    # At risk is at least what the at-risk lines fall short by, at most their whole targets.
    assert sum(s.shortfall for s in risky) <= summary["at_risk_gbp"] <= sum(s.target for s in risky)
    assert summary["mtfp_gap_gbp"] == pytest.approx(v.mtfs_docx().gaps["2025-26"])


@pytest.fixture(scope="module")
def pivot_review(tmp_path_factory: pytest.TempPathFactory) -> dict:
    home = tmp_path_factory.mktemp("pivot")
    folder = home / "bundle"
    v.write_bundle(folder, [v.pivot_xlsx, v.tracker_fills_xlsx, v.mtfp_xlsx])
    _, _, out = run_bundle_embedded([folder], home)
    return json.loads((out / "review.json").read_text())


def test_pivot_exports_childrens_total_row_is_the_childrens_position_by_its_name(pivot_review: dict) -> None:
    truth = v.pivot_xlsx().budgets
    kids = next(b for b in truth if b.level == "directorate" and b.directorate == "Children's Services")
    grand = next(b for b in truth if b.level == "total")
    position = pivot_review["position"]
    assert position["children_services_name"] == "Children's Services"
    assert position["children_services"]["forecast_gbp"] == pytest.approx(kids.forecast)
    assert position["variance_gbp"] == pytest.approx(grand.variance)
    gaps = {g["period"]: g["amount_gbp"] for g in position["mtfp_gap"]}
    assert gaps == pytest.approx(v.mtfp_xlsx().gaps)


def test_savings_rated_only_by_cell_colour_count_as_at_risk_in_the_summary(pivot_review: dict) -> None:
    truth = v.FILL_TRACKER
    summary = pivot_review["savings_summary"]
    assert summary["lines"] == len(truth)
    assert summary["at_risk_count"] == sum(s.at_risk for s in truth)
    assert summary["target_gbp"] == pytest.approx(sum(s.target for s in truth))
