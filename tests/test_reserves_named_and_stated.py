"""What a reserves figure is and whose: a figure the documents name as the overspend left after a
drawdown is no flow of reserves; a reserve named for a service is that service's; "the balance" after
the reserve a sentence names is that reserve's; the general reserve the documents state at the next
year's end is shown, never one derived beside it; and their minimum for it is read wherever it is
stated, with a forecast below it said so."""

from __future__ import annotations

from typing import Any

import pytest

from analyse.dsg import reserve_after, stated_after
from analyse.records import Position, Reserve, Scope
from analyse.reserves import general_minimum, reserve_kind, reserves
from analyse.review import build_review
from extract.prose import figures_from_passages
from extract.records import Extraction, Passage
from render.findings import dsg_against_reserve
from render.refs import Figures
from tests.review_builders import prov

REPORT = "Period 6 finance report.pdf"


def extraction_of(*texts: str) -> Extraction:
    passages = [
        Passage(text=t, provenance=[prov(t, REPORT, f"p. 2, paragraph {i}")]) for i, t in enumerate(texts)
    ]
    return Extraction(passages=passages, figures=figures_from_passages(passages))


# Another council's words: a release from a named reserve, then what is left of the overspend.
LEFT_OVER = "Once the release of £1.4m from the Placement Pressures Reserve is applied the remaining overspend is £3.2m."


def test_the_overspend_left_after_a_drawdown_is_not_a_reserve_flow() -> None:
    extraction = extraction_of(LEFT_OVER)
    flows = [r for r in reserves(extraction) if r.kind == "flow"]
    assert [r.amount_gbp for r in flows] == [1.4e6]
    assert reserve_kind(LEFT_OVER, 3.2e6, "remaining overspend") is None
    # an underspend that the words after it move into reserves is still that flow
    moved = extraction_of("An underspend of £0.7m will be transferred to reserves at year end.")
    assert [(r.kind, r.direction, r.amount_gbp) for r in reserves(moved)] == [
        ("flow", "into reserves", 0.7e6)
    ]
    # the one flow, read once, is no disagreement with itself
    review = build_review(extraction)
    assert not [r for r in review.reconciliations if r.code == "cross_document_mismatch"]


@pytest.mark.parametrize(
    ("sentence", "value", "scope"),
    [
        (
            "Cabinet approved a drawdown of £0.8m from the Looked After Children Placement Reserve.",
            0.8e6,
            Scope.CHILDRENS_SOCIAL_CARE,
        ),
        (
            "Cabinet approved a drawdown of £0.3m from the Adult Social Care Transformation reserve.",
            0.3e6,
            Scope.OTHER_DIRECTORATE,
        ),
        (
            "Cabinet approved a drawdown of £0.6m from the Corporate Contingency Reserve.",
            0.6e6,
            Scope.COUNCIL_WIDE,
        ),
    ],
)
def test_a_reserve_named_for_a_service_is_that_services(sentence: str, value: float, scope: Scope) -> None:
    found = [r for r in reserves(extraction_of(sentence)) if r.amount_gbp == value]
    assert [(r.kind, r.scope) for r in found] == [("flow", scope)]


def test_a_named_reserves_balance_and_what_a_draw_leaves_are_that_reserves() -> None:
    extraction = extraction_of(
        "On 1 April 2025 the Looked After Children Placement Reserve had a balance of £4.6m.",
        "A drawdown of £1.5m from the Looked After Children Placement Reserve would leave a balance of £3.1m.",
    )
    found = [(r.kind, r.label, r.amount_gbp, r.scope) for r in reserves(extraction)]
    name, scope = "Looked After Children Placement Reserve", Scope.CHILDRENS_SOCIAL_CARE
    assert found == [
        ("balance", name, 4.6e6, scope),
        ("flow", "reserves", 1.5e6, scope),
        ("balance", name, 3.1e6, scope),
    ]


HELD = "The general reserve stood at £40.0m at 31 March 2025."
WOULD = (
    "If the net overspend of £6.5m were charged to the general reserve, the balance would reduce to £33.5m"
    " at 31 March 2026."
)
LEVEL = "The Chief Finance Officer advises that the minimum safe level of the general reserve is £35.0m."
DEFICIT = "The cumulative DSG deficit was £22.0m at 31 March 2025."


def test_the_balance_after_a_named_reserve_is_that_reserves() -> None:
    found = [r for r in reserves(extraction_of(WOULD)) if r.kind == "balance"]
    assert [(r.label, r.amount_gbp, r.at) for r in found] == [("general reserve", 33.5e6, "31 March 2026")]
    assert found[0].forecast and found[0].condition.startswith("If the net overspend")


def test_a_minimum_set_for_a_named_reserve_is_read_once_for_the_card_and_the_list() -> None:
    extraction = extraction_of(LEVEL)
    level = general_minimum(extraction.figures)
    assert level is not None and (level.amount_gbp, level.words) == (
        35.0e6,
        "minimum safe level of the general reserve is £35.0m",
    )
    assert [(r.kind, r.amount_gbp) for r in reserves(extraction)] == [("level", 35.0e6)]
    # a level whose own clause leaves the reserve to its sentence is that reserve's level in the list too
    after = extraction_of(
        "Should the overspend persist the general reserve would fall to £12.0m, under the recommended"
        " minimum level of £14.0m."
    )
    assert [r.amount_gbp for r in reserves(after) if r.kind == "level"] == [14.0e6]
    assert (level := general_minimum(after.figures)) is not None and level.amount_gbp == 14.0e6


def _balance(amount: float, at: str, forecast: str = "") -> Reserve:
    text = f"The general reserve is £{amount / 1e6:.1f}m at {at}."
    return Reserve(
        kind="balance",
        label="general reserve",
        amount_gbp=amount,
        at=at,
        forecast=forecast,
        text=text,
        provenance=[prov(text, REPORT)],
    )


def test_a_balance_the_documents_state_for_the_years_end_is_preferred_to_one_derived() -> None:
    held, stated = _balance(40.0e6, "31 March 2025"), _balance(33.5e6, "31 March 2026", "would reduce to")
    council = Position(period="2025-26", variance_gbp=8.0e6, provenance=[prov("Council total", REPORT)])
    assert reserve_after(held, [held], council) is not None  # nothing stated: derived, and marked so
    assert stated_after(held, [held, stated]) == stated
    assert reserve_after(held, [held, stated], council) is None
    assert stated_after(held, [held, _balance(30.0e6, "31 March 2027")]) is None  # another year's end


def test_the_card_says_the_stated_forecast_is_below_the_minimum() -> None:
    review = build_review(extraction_of(HELD, WOULD, LEVEL, DEFICIT))
    dsg = review.dsg
    assert dsg.general_reserve is not None and dsg.general_reserve.amount_gbp == 40.0e6
    assert dsg.general_reserve_year_end is not None and dsg.general_reserve_year_end.amount_gbp == 33.5e6
    assert dsg.general_minimum is not None and dsg.general_minimum.amount_gbp == 35.0e6
    assert dsg.reserve_after is None
    card = dsg_against_reserve(review, Figures(review))
    assert card is not None
    said = "".join(str(p) for p in card.said)
    assert "the documents forecast £33.5m at 31 March 2026, below the £35.0m minimum they set" in said
    question = next(q for q in review.lines_of_enquiry if "DSG deficit" in q.question)
    assert "forecast at £33.5m at 31 March 2026, below that minimum" in question.because


def test_fernleighs_residual_overspend_is_no_flow_and_its_demand_reserve_is_childrens(fernleigh: Any) -> None:
    # TRUTH.md Reserves: the £2.0m drawdown from the Children's Services Demand Reserve is the only
    # flow; £5.5m is the council's residual overspend (FINDINGS H5, D7)
    review, _ = fernleigh
    flows = [r for r in review.diagnostic.reserves if r.kind == "flow"]
    assert [(r.amount_gbp, r.scope) for r in flows] == [(2.0e6, Scope.CHILDRENS_SOCIAL_CARE)]
    assert not [
        r for r in review.reconciliations if "reserve" in r.message and r.code == "cross_document_mismatch"
    ]


def test_marlowes_own_forecast_balance_is_shown_below_its_minimum(marlowe: Any) -> None:
    # TRUTH.md Reserves (para 8.1): 48.60 at 31 Mar 2025, minimum 35.00, 34.27 at 31 Mar 2026 (FINDINGS H6)
    review, _ = marlowe
    dsg = review.dsg
    assert dsg.general_minimum is not None and dsg.general_minimum.amount_gbp == 35.0e6
    # the deficit is at 31 March 2026 (the "from £61.30m ... to £79.70m" sentence), so the reserve set
    # beside it is the documents' own forecast at that date
    shown = dsg.general_reserve
    assert shown is not None and (shown.amount_gbp, shown.at) == (34.27e6, "31 March 2026")
    assert dsg.reserve_after is None  # no £29.8m derived beside the documents' own £34.27m
    flows = [r for r in review.diagnostic.reserves if r.kind == "flow"]
    assert [(r.amount_gbp, r.scope) for r in flows] == [(4.5e6, Scope.CHILDRENS_SOCIAL_CARE)]


def test_money_from_a_reserve_whose_name_has_an_apostrophe_is_a_flow_out_of_it() -> None:
    found = reserves(
        extraction_of("In January £0.9m will be released from the Children's Social Care Reserve.")
    )
    assert [(r.kind, r.direction, r.scope) for r in found] == [
        ("flow", "out of reserves", Scope.CHILDRENS_SOCIAL_CARE)
    ]
