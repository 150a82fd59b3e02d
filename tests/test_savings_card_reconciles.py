"""The savings card adds up on its face (Severnbrook's and Ashdown Vale's ex-S151 readers):

- A saving rated on track and forecast a little short is a question, not at risk, so its shortfall
  is not in the money at risk; the card says it beside the money at risk, so that the two together
  are the target less the forecast (Severnbrook: £1.48m at risk, £0.07m short on one rated Green,
  £3.45m target, £1.9m forecast).
- Where the savings are split by the review's scope, each part counts the savings at risk among
  its savings ("£3.3m at risk on 3 of 5 savings"), not all its savings as if at risk.
"""

from __future__ import annotations

from typing import Any

from analyse.flags import Context, assess_savings
from analyse.summary import savings_summary
from extract.records import Rag
from tests.review_builders import YEAR, no_lines, saving

EMPTY = Context(YEAR, [], [])


def _card(review: Any) -> str:
    from render.findings import savings_at_risk
    from render.refs import Figures

    card = savings_at_risk(review, Figures(review))
    assert card is not None
    return "".join(str(p) for p in card.detail)


def test_a_shortfall_on_savings_rated_on_track_is_said_beside_the_money_at_risk() -> None:
    from tests.render_samples import sample

    lines = [
        saving(
            "Residential step-down",
            900_000.0,
            rag=Rag.RED,
            target_gbp=900_000.0,
            forecast_gbp=300_000.0,
            period=YEAR,
        ),
        saving(
            "Brokerage review",
            500_000.0,
            rag=Rag.GREEN,
            target_gbp=500_000.0,
            forecast_gbp=460_000.0,
            period=YEAR,
        ),
        saving(
            "Commissioning",
            200_000.0,
            rag=Rag.BLUE,
            target_gbp=200_000.0,
            forecast_gbp=180_000.0,
            period=YEAR,
        ),
    ]
    a = assess_savings(lines, EMPTY)
    s = savings_summary(a, YEAR, [], [], no_lines())
    assert s.at_risk_gbp == 600_000.0
    assert (s.short_on_track_gbp, s.short_on_track_count) == (60_000.0, 2)
    assert s.short_on_track_ratings == ["Green", "Blue (delivered)"]
    review, _ = sample()
    said = _card(review.model_copy(update={"savings_summary": s}))
    assert "£0.60m" in said and "£1.60m target" in said and "forecast delivery £0.94m" in said
    assert (
        "A further £0.06m is short on 2 savings rated Green or Blue (delivered), a question, not at risk"
        in said
    )
    assert "the two together are the target less the forecast" in said


def test_no_on_track_shortfall_says_nothing_further() -> None:
    from tests.render_samples import sample

    lines = [
        saving(
            "Edge of care", 300_000.0, rag=Rag.RED, target_gbp=300_000.0, forecast_gbp=100_000.0, period=YEAR
        )
    ]
    s = savings_summary(assess_savings(lines, EMPTY), YEAR, [], [], no_lines())
    assert s.short_on_track_gbp is None and s.short_on_track_count == 0
    review, _ = sample()
    assert "A further" not in _card(review.model_copy(update={"savings_summary": s}))


def test_severnbrooks_card_reconciles_target_less_forecast(severnbrook: Any) -> None:
    review, _ = severnbrook
    s = review.savings_summary
    assert (s.short_on_track_gbp, s.short_on_track_count, s.short_on_track_ratings) == (
        70_000.0,
        1,
        ["Green"],
    )
    said = _card(review)
    assert "is £1.48m" in said and "£3.45m target" in said and "forecast delivery £1.90m" in said
    assert "A further £0.07m is short on 1 saving rated Green, a question, not at risk" in said
    assert "the two together are the target less the forecast" in said


def test_each_scope_part_counts_its_savings_at_risk(ashdown: Any, severnbrook: Any) -> None:
    for review, _ in (ashdown, severnbrook):
        for part in review.savings_summary.by_scope:
            assert 0 <= part.at_risk_count <= part.lines
            assert (part.at_risk_count > 0) == bool(part.at_risk_gbp)
    social = {p.scope.value: p for p in ashdown[0].savings_summary.by_scope}["childrens_social_care"]
    assert (social.at_risk_count, social.lines) == (3, 5)


def test_the_pack_counts_each_parts_savings_at_risk_and_the_on_track_shortfall(
    ashdown: Any, severnbrook: Any
) -> None:
    import re
    from html import unescape

    from render.pack import pack_html

    def text(bundle: Any) -> str:
        review, extraction = bundle
        return " ".join(unescape(re.sub(r"<[^>]+>", "", pack_html(review, extraction))).split())

    said = text(ashdown)
    assert "at risk on 3 of 5 savings" in said and "at risk (5 savings)" not in said
    said = text(severnbrook)
    assert "£1.0m at risk on 2 of 3 savings" in said
    assert "target for 2025-26 is £3.45m, with £1.90m forecast" in said and "£1.48m is at risk" in said
    assert "2 rated Red, which the tracker's key gives as “not deliverable in year”" in said
    assert "A further £0.07m is short on 1 saving rated Green, a question, not at risk" in said


def test_the_pack_says_why_council_wide_savings_are_flagged_though_other_directorates_are_left_out(
    ashdown: Any, severnbrook: Any
) -> None:
    import re
    from html import unescape

    from render.pack import pack_html

    def text(bundle: Any) -> str:
        review, extraction = bundle
        return " ".join(unescape(re.sub(r"<[^>]+>", "", pack_html(review, extraction))).split())

    # Ashdown Vale's corporate saving CO-01 is flagged: p.8 says why it is kept
    assert ashdown[0].savings_summary.council_wide_flagged == 1
    assert "Savings of the council as a whole" in text(ashdown)
    assert severnbrook[0].savings_summary.council_wide_flagged == 0
    assert "Savings of the council as a whole" not in text(severnbrook)


def test_a_flagged_council_wide_saving_is_counted_as_kept() -> None:
    from analyse.records import Scope

    lines = [
        saving(
            "Corporate print and post",
            250_000.0,
            rag=Rag.RED,
            target_gbp=250_000.0,
            forecast_gbp=50_000.0,
            period=YEAR,
        ),
    ]
    from dataclasses import replace

    a = [replace(x, scope=Scope.COUNCIL_WIDE) for x in assess_savings(lines, EMPTY)]
    s = savings_summary(a, YEAR, [], [], no_lines())
    assert s.council_wide_flagged == 1 and s.at_risk_gbp in (None, 0.0)
