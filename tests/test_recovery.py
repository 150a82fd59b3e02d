"""Actions against the overspend that the documents say the forecast does not count yet (analyse.recovery)."""

from __future__ import annotations

import pytest

from analyse.records import Scope
from analyse.recovery import actions_outside_forecast
from extract.records import Passage
from tests.review_builders import prov


def passage(text: str) -> Passage:
    return Passage(text=text, provenance=[prov(text, "monitoring.pdf", "page 3, paragraph 2")])


@pytest.mark.parametrize(
    ("text", "amount", "scope"),
    [
        (
            "Mitigating actions of £2.4m within Children's Services have not yet been reflected in the forecast.",
            2.4e6,
            Scope.CHILDRENS_SOCIAL_CARE,
        ),
        (
            "The recovery plan is expected to deliver £850k; this is not included in the projected outturn forecast.",
            850e3,
            Scope.COUNCIL_WIDE,
        ),
        (
            "The directorate has identified management actions of £1.1m, comprising step-downs (£0.6m) and a "
            "spending freeze (£0.5m). These are not yet included in the forecast.",
            1.1e6,
            Scope.COUNCIL_WIDE,
        ),
    ],
)
def test_actions_the_forecast_does_not_count_yet_are_read_with_their_sum(
    text: str, amount: float, scope: Scope
) -> None:
    (found,) = actions_outside_forecast([passage(text)])
    assert (found.amount_gbp, found.scope) == (amount, scope)


@pytest.mark.parametrize(
    "text",
    [
        # in the forecast already: nothing outside it
        "Management actions of £1.1m are already included in the forecast.",
        # not actions: a savings shortfall
        "The shortfall of £1.7m is not included in the forecast.",
        # the DSG's own plan is not the revenue forecast's
        "DSG management actions of £3.0m are not yet reflected in the High Needs forecast.",
        # pointing back to a sentence that names no actions
        "Demand rose by £2m in the quarter. These are not yet included in the forecast.",
    ],
)
def test_other_sentences_are_not_actions_outside_the_forecast(text: str) -> None:
    assert actions_outside_forecast([passage(text)]) == []


def test_the_same_actions_said_twice_are_read_once_citing_both() -> None:
    said = [
        "Management actions totalling £1.10m have been identified but are not yet reflected in the forecast.",
        "The directorate has identified management actions of £1.10m. These are not yet included in the forecast.",
    ]
    (found,) = actions_outside_forecast([passage(t) for t in said])
    assert found.amount_gbp == 1.1e6 and len({p.text for p in found.provenance}) >= 2


def test_what_delivering_the_actions_would_leave_is_quoted_with_them() -> None:
    text = (
        "Mitigations of £0.9m have been identified in Children's Social Care but are not included in the"
        " forecast. If these are delivered, the directorate's overspend would fall to £3.1m."
        " Agency costs remain high."
    )
    (found,) = actions_outside_forecast([passage(text)])
    assert found.words.endswith("would fall to £3.1m.")
    assert found.amount_gbp == 0.9e6
