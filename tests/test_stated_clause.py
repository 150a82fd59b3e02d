"""A figure stated in prose is of the thing its own clause names, and is the forecast only where its
sentence states it as the position now (analyse.wording.clause_of, stated_as_now)."""

from __future__ import annotations

import pytest

from analyse.records import Scope
from analyse.stated import figure_flags
from analyse.stated_position import stated_children_variance
from analyse.wording import stated_as_now
from extract.records import Figure, FigureUnit
from tests.review_builders import no_lines, prov


def figure(value: float, text: str, label: str = "overspend") -> Figure:
    return Figure(
        value=value,
        unit=FigureUnit.GBP,
        label=label,
        text=text,
        provenance=[prov(text, "report.pdf", "page 2")],
    )


@pytest.mark.parametrize(
    ("text", "value", "scope"),
    [
        # a recommendation list: each item its own clause, the DSG's item not the council's
        (
            "(a) note the General Fund overspend of £8.4m at Quarter 2; (b) note the DSG deficit of £30.1m.",
            8.4e6,
            Scope.COUNCIL_WIDE,
        ),
        (
            "(a) note the General Fund overspend of £8.4m at Quarter 2; (b) note the DSG deficit of £30.1m.",
            30.1e6,
            Scope.DSG_HIGH_NEEDS,
        ),
        # two subjects' sums in one sentence: each sum the subject before it
        (
            "The People directorate overspend is £3.2m and the council-wide overspend £5.9m.",
            5.9e6,
            Scope.COUNCIL_WIDE,
        ),
        (
            "Children's services are overspending by £4.0m, while High Needs is forecast to overspend by £2.0m.",
            4.0e6,
            Scope.CHILDRENS_SOCIAL_CARE,
        ),
    ],
)
def test_a_figure_is_of_the_subject_its_own_clause_names(text: str, value: float, scope: Scope) -> None:
    assert no_lines().figure(figure(value, text)) is scope


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("If the actions are delivered, the overspend would reduce to £7.3m.", 7.3e6),
        ("Without further action the overspend could rise to £12.0m by year end.", 12.0e6),
        (
            "Should mitigations be achieved, the overspend would fall to £4.1m and the deficit to £2.0m.",
            2.0e6,
        ),
        ("This compares with a forecast overspend of £6.0m reported to Cabinet at Quarter 1.", 6.0e6),
        ("The overspend has increased from £6.9m at Month 3 to £8.5m.", 6.9e6),
        ("The High Needs Block is forecast to overspend by £7.4m (Q1: £6.8m), driven by demand.", 6.8e6),
        ("An overspend of £2.5m was reported at Period 4.", 2.5e6),
        ("Children's services overspent by £3.1m in the previous financial year.", 3.1e6),
    ],
)
def test_a_sum_on_a_condition_or_of_an_earlier_report_is_not_stated_as_now(text: str, value: float) -> None:
    assert not stated_as_now(text, value)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("The overspend has increased from £6.9m at Month 3 to £8.5m.", 8.5e6),
        ("The High Needs Block is forecast to overspend by £7.4m (Q1: £6.8m), driven by demand.", 7.4e6),
        (
            "Children's Services is forecasting an overspend of £8.5m, which would fall if actions succeed.",
            8.5e6,
        ),
        ("The forecast outturn at Quarter 2 is an overspend of £8.4m.", 8.4e6),
    ],
)
def test_the_sum_now_is_stated_as_now(text: str, value: float) -> None:
    assert stated_as_now(text, value)


def test_a_conditional_or_earlier_overspend_is_not_flagged_nor_taken_as_the_childrens_position() -> None:
    said = [
        "If they are delivered in full, the Children's Services overspend would reduce to £7.4m.",
        "This compares with a Children's Services overspend of £6.9m reported at Quarter 1.",
    ]
    figures = [figure(7.4e6, said[0]), figure(6.9e6, said[1])]
    assert figure_flags(figures, no_lines()) == []
    assert stated_children_variance(figures, None, no_lines())[0].variance_gbp is None
    now = figure(8.5e6, "Children's Services is forecasting an overspend of £8.5m.")
    assert stated_children_variance([*figures, now], None, no_lines())[0].variance_gbp == 8.5e6


def test_a_stated_overspend_flag_is_placed_by_its_own_clause_not_its_sentence() -> None:
    text = "(a) note the General Fund overspend of £8.4m; (b) note the DSG High Needs deficit of £7.4m."
    (flag,) = figure_flags([figure(8.4e6, text)], no_lines())
    assert flag.scope is Scope.COUNCIL_WIDE
