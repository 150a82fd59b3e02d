"""The savings total by the plan's own categories: cost avoidance, income and grant are named apart
from savings against the base budget, decided by the category's words in one place."""

from __future__ import annotations

import pytest

from analyse.flags import Context, assess_savings
from analyse.scope import ScopeIndex
from analyse.summary import savings_summary
from extract.tables.vocabulary import CategoryKind, category_kind
from tests.review_builders import YEAR, saving

CHILDREN = "Children's Services"


@pytest.mark.parametrize(
    ("category", "kind"),
    [
        # Kent's Appendix F categories, in its words.
        ("Transformation - Future Cost Increase Avoidance", CategoryKind.COST_AVOIDANCE),
        ("Transformation - Service Transformation", CategoryKind.SAVING),
        ("Efficiency", CategoryKind.SAVING),
        ("Income", CategoryKind.INCOME),
        ("Policy", CategoryKind.SAVING),
        ("Increases in Grants and Contributions", CategoryKind.GRANT),
        ("Reduction in Grant Income", CategoryKind.GRANT),
        ("Cost avoidance", CategoryKind.COST_AVOIDANCE),
        ("Fees and charges income", CategoryKind.INCOME),
        ("Grant maximisation", CategoryKind.SAVING),
        (None, CategoryKind.SAVING),
    ],
)
def test_a_category_says_whether_its_lines_are_savings_against_the_base(
    category: str | None, kind: CategoryKind
) -> None:
    assert category_kind(category) is kind


def test_the_target_is_shown_by_category_with_what_is_not_a_saving_against_the_base_named() -> None:
    lines = [
        saving(
            "Home to school transport", 10_600_000.0, directorate=CHILDREN, category="Future Cost Avoidance"
        ),
        saving("Looked after children", 1_500_000.0, directorate=CHILDREN, category="Service Transformation"),
        saving("Legal spend", 850_000.0, directorate=CHILDREN, category="Service Transformation"),
        saving("Travel saver price", 108_400.0, directorate=CHILDREN, category="Income"),
    ]
    summary = savings_summary(assess_savings(lines, Context(YEAR, [], [])), YEAR, [], [], ScopeIndex())
    assert summary.target_gbp == pytest.approx(13_058_400.0)  # the figure itself is unchanged
    parts = {(p.category, p.kind, p.lines): p.amount_gbp for p in summary.parts}
    assert parts == {
        ("Future Cost Avoidance", CategoryKind.COST_AVOIDANCE, 1): pytest.approx(10_600_000.0),
        ("Service Transformation", CategoryKind.SAVING, 2): pytest.approx(2_350_000.0),
        ("Income", CategoryKind.INCOME, 1): pytest.approx(108_400.0),
    }
    assert summary.against_base_gbp == pytest.approx(2_350_000.0)
    assert sum(p.amount_gbp for p in summary.parts) == pytest.approx(summary.target_gbp)


def test_a_plan_that_gives_no_categories_gives_no_parts() -> None:
    lines = [saving("Looked after children", 1_500_000.0, directorate=CHILDREN)]
    summary = savings_summary(assess_savings(lines, Context(YEAR, [], [])), YEAR, [], [], ScopeIndex())
    assert summary.parts == [] and summary.against_base_gbp is None
