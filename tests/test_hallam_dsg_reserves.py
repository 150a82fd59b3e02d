"""Hallam Valley's DSG deficit against its general fund (tests/hallam, TRUTH.md p4-6): the £25.23m
cumulative deficit at 31 March 2026 is set beside the General Fund balance forecast at that date
(Table 5: £11.350m, "If the overspend is not reduced"), never the £18.5m held at 1 April 2025, with the
£15.000m minimum the Section 151 Officer recommends; the card, the DSG section and the line of enquiry
say the condition and ask nothing the documents give."""

from __future__ import annotations

from typing import Any

from analyse.dsg import if_withheld
from analyse.records import DsgItem, Review
from render.findings import dsg_against_reserve
from render.refs import Figures
from tests.review_builders import prov


def _review(hallam: Any) -> Review:
    review, _ = hallam
    assert isinstance(review, Review)
    return review


def test_the_deficit_is_set_beside_the_general_fund_forecast_at_its_date(hallam: Any) -> None:
    dsg = _review(hallam).dsg
    general, deficit = dsg.general_reserve, dsg.cumulative_deficit
    assert deficit is not None and (deficit.amount_gbp, deficit.words) == (25_230_000, "31 March 2026")
    assert general is not None and (general.amount_gbp, general.at) == (11_350_000, "31 March 2026")
    assert general.forecast and general.condition == "If the overspend is not reduced"
    assert dsg.reserve_dated_apart == ""


def test_the_councils_minimum_for_the_general_fund_is_named(hallam: Any) -> None:
    level = _review(hallam).dsg.general_minimum
    assert level is not None and level.amount_gbp == 15_000_000
    assert level.words == "minimum level of £15.000m"


def test_the_card_gives_the_share_of_the_forecast_with_its_condition_and_asks_nothing_given(
    hallam: Any,
) -> None:
    review = _review(hallam)
    card = dsg_against_reserve(review, Figures(review))
    assert card is not None
    text = "".join(str(p) for p in card.said)
    assert round(review.derived.dsg_deficit_share_of_reserve or 0) == round(100 * 25.23 / 11.35)
    assert "£11.35m general fund balance at the same date (a forecast" in text
    assert "If the overspend is not reduced" in text and "£15.000m" in text
    assert "were the £4.0m contribution it counts withheld, the deficit would be £29.2m" in text
    assert "£18.5m" not in text and "1 April 2025" not in text and "what is the general" not in text


def test_the_line_of_enquiry_asks_against_the_forecast_not_for_it(hallam: Any) -> None:
    line = next(x for x in _review(hallam).lines_of_enquiry if "statutory override ends" in x.question)
    assert "£11.35m at 31 March 2026 (a forecast" in line.question
    assert "what is that balance" not in line.question
    assert "its minimum set at £15.000m" in line.because


def test_the_deficit_were_the_conditional_safety_valve_payment_withheld_is_derived(hallam: Any) -> None:
    # TRUTH p4-5 Table 4: c/f 25,230 after "SV DfE -4,000", the payment "subject to DfE confirmation"
    withheld = _review(hallam).dsg.deficit_if_withheld
    assert withheld is not None
    assert (withheld.deficit_gbp, withheld.withheld_gbp, withheld.amount_gbp) == (
        25_230_000,
        4_000_000,
        29_230_000,
    )
    assert "subject to DfE confirmation" in withheld.condition
    assert [p.locator for p in withheld.provenance] == ["page 4, Table 4, row 5", "page 5, paragraph 3"]


def _item(amount: float | None, text: str, words: str = "") -> DsgItem:
    return DsgItem(amount_gbp=amount, words=words, text=text, provenance=[prov(text, "r.pdf", "p 4")])


def test_only_a_contribution_its_condition_states_the_sum_of_is_withheld() -> None:
    deficit = _item(25.23e6, "c/f | 25,230")
    council, dfe = _item(-1.5e6, "Council contribution | -1,500"), _item(-4e6, "DfE payment | -4,000")
    overspend = _item(4e6, "In-year overspend | 4,000")
    said = "The payment of £4.000m is subject to DfE confirmation."
    condition = _item(None, said, said)
    found = if_withheld(deficit, [overspend, council, dfe], [condition])
    assert found is not None and found.amount_gbp == 29.23e6 and found.provenance[0].text == dfe.text
    assert if_withheld(deficit, [overspend, council], [condition]) is None  # no contribution of £4.0m
    assert if_withheld(deficit, [council, dfe], []) is None  # nothing conditional
