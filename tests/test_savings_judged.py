"""Each children's saving judged as seed 003 does: one judgement, every reason with its evidence."""

from __future__ import annotations

import io

from lxml import html as lxml_html
from openpyxl import load_workbook

from analyse.flags import Context, assess_savings, judgements
from analyse.records import SavingJudgement
from analyse.wording import gbp
from extract.records import PeriodAmount, Rag, Risk, SavingsLine
from render.data import render_xlsx
from render.pack import pack_html
from tests.render_samples import sample
from tests.review_builders import YEAR, prov, saving

EMPTY = Context(YEAR, [], [])


def judged(savings: list[SavingsLine], context: Context = EMPTY) -> list[SavingJudgement]:
    return judgements(assess_savings(savings, context))


def only(line: SavingsLine) -> SavingJudgement:
    (judgement,) = judged([line])
    return judgement


def reason(judgement: SavingJudgement, code: str):  # type: ignore[no-untyped-def]
    return next(r for r in judgement.reasons if r.code == code)


def test_a_red_saving_forecast_below_target_is_at_risk_for_its_shortfall_not_its_target() -> None:
    j = only(
        saving(
            "Reduce residential placements",
            target_gbp=900_000.0,
            forecast_gbp=400_000.0,
            rag=Rag.RED,
            rag_text="Red",
            period=YEAR,
            directorate="Children's Services",
        )
    )
    assert j.verdict == "at_risk"
    assert j.at_risk_gbp == 500_000.0 and j.target_gbp == 900_000.0
    assert reason(j, "rag_red").evidence == "Red" and reason(j, "rag_red").quoted
    forecast = reason(j, "forecast_below_target")
    assert forecast.evidence == "target £0.9m, forecast £0.4m" and not forecast.quoted


def test_one_saving_with_many_reasons_is_one_judgement_and_one_flag() -> None:
    line = saving(
        "Edge of care service to reduce children entering care, subject to consultation",
        target_gbp=600_000.0,
        forecast_gbp=200_000.0,
        rag=Rag.AMBER,
        rag_text="Amber",
        slipped_gbp=400_000.0,
        period=YEAR,
    )
    (assessment,) = assess_savings([line], EMPTY)
    (j,) = judgements([assessment])
    codes = [r.code for r in j.reasons]
    assert codes == [
        "rag_amber",
        "forecast_below_target",
        "slipped",
        "demand_reduction_saving",
        "depends_on_consultation",
    ]
    assert len(assessment.flags) == 1 and assessment.flags[0].reason_codes == codes
    # Slipped plus undeliverable is the shortfall; the reasons do not add up to more.
    assert j.at_risk_gbp == 400_000.0
    assert reason(j, "depends_on_consultation").evidence == "subject to consultation"
    assert reason(j, "demand_reduction_saving").evidence == "Edge of care"


def test_wording_reasons_quote_the_words_that_gave_them() -> None:
    one_off = only(saving("Use of reserves to fund placements", 300_000.0, description="One-off for 2024-25"))
    avoidance = only(saving("Cost avoidance from new fostering model", 250_000.0))
    staff = only(saving("Recruit permanent social workers", 200_000.0))
    capital = only(
        saving("Open two in-house children's homes", 500_000.0, description="Needs capital investment")
    )
    assert reason(one_off, "one_off_measure").evidence == "Use of reserves"
    assert all(r.quoted for j in (one_off, avoidance, staff, capital) for r in j.reasons)
    assert reason(avoidance, "cost_avoidance").evidence == "Cost avoidance"
    assert reason(staff, "depends_on_recruitment").evidence == "Recruit"
    assert reason(capital, "depends_on_capital").evidence == "capital investment"


def test_a_rating_read_only_as_a_colour_is_not_quoted_from_a_word_that_contains_it() -> None:
    j = only(saving("Reduce agency spend", target_gbp=200_000.0, forecast_gbp=0.0, rag=Rag.RED, period=YEAR))
    rated = reason(j, "rag_red")
    assert rated.evidence == "red" and not rated.quoted


def test_a_saving_reported_on_track_with_doubts_is_a_question_not_money_at_risk() -> None:
    j = only(
        saving(
            "Recruit in-house foster carers",
            target_gbp=500_000.0,
            forecast_gbp=500_000.0,
            rag=Rag.GREEN,
            rag_text="Green",
            period=YEAR,
        )
    )
    assert j.verdict == "question" and j.at_risk_gbp == 0.0
    assert [r.code for r in j.reasons] == ["depends_on_recruitment"]


def test_a_saving_with_nothing_against_it_is_judged_no_concern() -> None:
    j = only(
        saving("Contract review", target_gbp=100_000.0, forecast_gbp=100_000.0, rag=Rag.GREEN, period=YEAR)
    )
    assert (j.verdict, j.reasons, j.at_risk_gbp) == ("no_concern", [], 0.0)


def test_a_saving_that_slipped_in_an_earlier_years_tracker_is_a_repeat_with_that_lines_page() -> None:
    before = saving(
        "Home to school transport route review",
        target_gbp=800_000.0,
        forecast_gbp=300_000.0,
        slipped_gbp=500_000.0,
        period="2023-24",
        file="tracker 2023-24.pdf",
    ).model_copy(
        update={"provenance": [prov("Home to school transport route review", "tracker 2023-24.pdf", "p4 r7")]}
    )
    now = saving(
        "Home to school transport route review",
        target_gbp=500_000.0,
        forecast_gbp=500_000.0,
        rag=Rag.GREEN,
        period=YEAR,
    )
    (judgement,) = judged([before, now])  # the earlier year's line is evidence, not judged again
    repeat = reason(judgement, "repeat_of_slipped_saving")
    assert repeat.reason == "a repeat of a saving that slipped before (£0.5m slipped in 2023-24)"
    assert repeat.evidence == "Home to school transport route review: £0.5m slipped"
    assert repeat.provenance[0].file == "tracker 2023-24.pdf"


def test_an_earlier_years_saving_that_delivered_is_no_repeat() -> None:
    before = saving(
        "Home to school transport route review",
        target_gbp=800_000.0,
        forecast_gbp=800_000.0,
        period="2023-24",
        file="tracker 2023-24.pdf",
    )
    now = saving(
        "Home to school transport route review", target_gbp=500_000.0, forecast_gbp=500_000.0, period=YEAR
    )
    judgement = next(j for j in judged([before, now]) if j.period == YEAR)
    assert "repeat_of_slipped_saving" not in [r.code for r in judgement.reasons]


def test_another_directorates_saving_is_not_judged() -> None:
    adults = saving(
        "Reablement review",
        target_gbp=900_000.0,
        forecast_gbp=100_000.0,
        rag=Rag.RED,
        period=YEAR,
        directorate="Adult Social Care",
    )
    assert judged([adults]) == []


def test_judgements_put_the_most_money_at_risk_first() -> None:
    small = saving("Small saving", target_gbp=100_000.0, forecast_gbp=0.0, rag=Rag.RED, period=YEAR)
    large = saving("Large saving", target_gbp=900_000.0, forecast_gbp=100_000.0, rag=Rag.RED, period=YEAR)
    assert [j.title for j in judged([small, large])] == ["Large saving", "Small saving"]


def test_a_plan_line_reversed_the_next_year_is_met_one_off_with_its_phasing_as_evidence() -> None:
    line = saving(
        "Placements budget realignment",
        planned=[
            PeriodAmount(period=YEAR, amount_gbp=400_000.0),
            PeriodAmount(period="2025-26", amount_gbp=-400_000.0),
        ],
    )
    one_off = reason(only(line), "one_off_measure")
    assert one_off.reason == "met one-off, and the plan reverses it in 2025-26"
    assert one_off.evidence == "£0.4m in 2024-25, -£0.4m in 2025-26"


def test_the_pack_gives_each_judged_saving_its_money_at_risk_reasons_quotes_and_sources() -> None:
    review, extraction = sample()
    judged_lines = judgements(
        assess_savings(extraction.savings, Context(review.savings_summary.period, [], []))
    )
    page = lxml_html.fromstring(
        pack_html(review.model_copy(update={"savings_judged": judged_lines}), extraction)
    )
    (listing,) = page.xpath("//dl[contains(@class, 'judged')]")
    shown = [" ".join(dt.text_content().split()) for dt in listing.xpath(".//dt")]
    at_risk = [j for j in judged_lines if j.verdict == "at_risk"]
    assert at_risk and len(shown) == len([j for j in judged_lines if j.verdict != "no_concern"])
    for j, title in zip(at_risk, shown, strict=False):
        assert title.startswith(j.title) and f"{gbp(j.at_risk_gbp)} at risk" in title
    reasons = listing.xpath(".//dd//li")
    assert len(reasons) == sum(len(j.reasons) for j in judged_lines)
    assert all(li.xpath(".//span[@class='cite']") for li in reasons)  # every reason cites its page
    # The document's own words are quoted, unless the reason already says them ("rated red").
    quoted = [
        r for j in judged_lines for r in j.reasons if r.quoted and r.evidence.lower() not in r.reason.lower()
    ]
    assert quoted and all(f"“{r.evidence}”" in listing.text_content() for r in quoted)
    said = [r for j in judged_lines for r in j.reasons if r.evidence.lower() in r.reason.lower()]
    assert said and all(f"“{r.evidence}”" not in listing.text_content() for r in said)


def test_the_workbook_has_a_row_per_reason_with_its_source_and_a_row_per_risk() -> None:
    review, extraction = sample()
    judged_lines = judgements(
        assess_savings(extraction.savings, Context(review.savings_summary.period, [], []))
    )
    register = Risk(
        title="Placement sufficiency",
        rating="20",
        score=20.0,
        provenance=[prov("CR01", "risks.pdf", "p2 r3")],
    )
    book = load_workbook(
        io.BytesIO(
            render_xlsx(
                review.model_copy(update={"savings_judged": judged_lines}),
                extraction.model_copy(update={"risks": [register]}),
            )
        )
    )
    sheet = book["Savings judged"]
    header = [c.value for c in sheet[1]]
    rows = [dict(zip(header, r, strict=True)) for r in sheet.iter_rows(min_row=2, values_only=True)]
    assert len(rows) == sum(max(len(j.reasons), 1) for j in judged_lines)
    assert all(r["Source file"] and r["Locator"] for r in rows)
    first = judged_lines[0]
    assert (rows[0]["Saving"], rows[0]["Reason"], rows[0]["At risk (£)"]) == (
        first.title,
        first.reasons[0].reason,
        first.at_risk_gbp,
    )
    (risk_row,) = book["Risks"].iter_rows(min_row=2, values_only=True)
    assert "Placement sufficiency" in risk_row and "risks.pdf" in risk_row
