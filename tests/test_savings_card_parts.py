"""The savings card says what of the money at risk is each part's where the children's scope spans
parts (a children's directorate and an education directorate beside it): the sum is never read as
one directorate's (Ashdown Vale's third reader: £4.65m of £7.7m covers both directorates)."""

from __future__ import annotations

from typing import Any

from render.findings import headline_findings


def _savings_card(review: Any) -> str:
    (card,) = [f for f in headline_findings(review) if f.title == "Savings at risk"]
    return "".join(map(str, card.detail))


def test_the_savings_card_gives_each_parts_money_at_risk_and_target(ashdown: Any) -> None:
    review, _ = ashdown
    said = _savings_card(review)
    assert "children's social care: £3.3m at risk of £5.85m" in said
    assert "education, SEND and home-to-school transport: £1.35m at risk of £1.85m" in said


def test_a_scope_of_one_part_says_no_parts(northmoor: Any) -> None:
    review, _ = northmoor
    assert "Of these," not in _savings_card(review)


def test_a_derived_scope_variance_says_which_sign_is_an_overspend(ashdown: Any) -> None:
    # The council prints overspends in brackets; the pack's "+£15.2m" must say what + means.
    review, _ = ashdown
    (card,) = [f for f in headline_findings(review) if "forecast overspend" in f.title]
    said = "".join(map(str, card.detail))
    assert "children's services' variance is +£15.2m (derived; + is an overspend)" in said
