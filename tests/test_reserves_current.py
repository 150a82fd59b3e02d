"""A reserve balance the documents call the present one ("currently £28.5m", "at present") is dated
at the date its report speaks from; a sentence saying it would go below the level set for it is set
beside it on the DSG card; a balance below a stated minimum says so in the card's first sentence;
a stated total of a class of reserves is a balance; balances are listed latest first; and the DSG
card is titled by what its figure is, never by what the documents lack."""

from __future__ import annotations

from typing import Any

from analyse.records import Review
from analyse.reserves import REPORT_DATE_SAID, below_minimum, latest_first, report_dates, reserves
from analyse.review import build_review
from extract.prose import figures_from_passages
from extract.records import Extraction, Passage
from render.findings import headline_findings
from tests.review_builders import prov

REPORT = "Quarter 2 budget monitoring.pdf"
PLAN = "DSG management plan.docx"


def extraction_of(*texts: tuple[str, str]) -> Extraction:
    passages = [
        Passage(text=t, provenance=[prov(t, file, f"p. 1, paragraph {i}")])
        for i, (file, t) in enumerate(texts)
    ]
    return Extraction(passages=passages, figures=figures_from_passages(passages))


def dsg_card(review: Review) -> tuple[str, str]:
    found = next(f for f in headline_findings(review) if "DSG" in f.title or "reserve" in f.title.lower())
    return found.title, "".join(str(p) for p in found.said)


# Another council's words: a quarter's report, "at present", "take it below the recommended minimum".
OPENING = (
    REPORT,
    "This report sets out the forecast position based on activity up to the end of September 2025.",
)
PRESENT = (
    REPORT,
    "Any overspend remaining at year end would be funded from the general reserve, at present £19.2m, and would "
    "take it below the recommended minimum balance.",
)
DEFICIT = (PLAN, "The cumulative DSG deficit is forecast to be £30.0m at 31 March 2026.")


def test_a_balance_said_to_be_the_present_one_is_dated_at_its_reports_date() -> None:
    extraction = extraction_of(OPENING, PRESENT, DEFICIT)
    assert report_dates(extraction) == {REPORT: "30 September 2025"}
    found = [r for r in reserves(extraction) if r.kind == "balance"]
    assert len(found) == 1
    # the report's date, said as such: the documents give the balance no date of its own
    assert found[0].at == f"30 September 2025 ({REPORT_DATE_SAID})" and found[0].amount_gbp == 19.2e6
    assert "general reserve" in found[0].label.lower() and found[0].words.startswith(
        "general reserve, at present"
    )


def test_a_present_balance_with_no_report_date_is_undated_and_a_dated_one_keeps_its_date() -> None:
    undated = extraction_of(PRESENT)
    assert [r.at for r in reserves(undated) if r.kind == "balance"] == [None]
    dated = extraction_of(OPENING, (REPORT, "The general reserve stood at £19.2m at 31 March 2025."))
    assert [r.at for r in reserves(dated) if r.kind == "balance"] == ["31 March 2025"]


def test_going_below_the_minimum_is_set_beside_the_reserve_on_the_dsg_card() -> None:
    extraction = extraction_of(OPENING, PRESENT, DEFICIT)
    below = below_minimum(extraction.figures)
    assert below is not None and below.words == "would take it below the recommended minimum balance"
    review = build_review(extraction)
    assert review.dsg.general_below is not None
    title, said = dsg_card(review)
    assert "no dated" not in title and "not" not in title.lower()
    assert "£19.2m at 30 September 2025" in said
    # beside the reserve, in the sentence that states it
    first = said.split(". ")[0]
    assert "which the documents say \u201cwould take it below the recommended minimum balance\u201d" in first
    question = next(q for q in review.lines_of_enquiry if "DSG deficit" in q.question)
    assert "would take it below the recommended minimum balance" in question.because


def test_a_balance_below_its_stated_minimum_says_so_in_the_cards_first_sentence() -> None:
    extraction = extraction_of(
        (PLAN, "General balances are projected to be £11.0m at 31 March 2026."),
        (PLAN, "Members agreed a minimum level of £15m for general balances."),
        DEFICIT,
    )
    review = build_review(extraction)
    _, said = dsg_card(review)
    first = said.split(". ")[0]
    assert "below the £15m minimum the documents set" in first
    assert "The documents set" not in said  # said once, in the first sentence


def test_a_stated_total_of_a_class_of_reserves_is_a_balance() -> None:
    extraction = extraction_of(
        (PLAN, "Usable reserves are forecast at £60.0m, of which £12.0m is ring-fenced.")
    )
    found = reserves(extraction)
    whole = next(r for r in found if r.amount_gbp == 60e6)
    assert whole.kind == "balance" and whole.label == "Usable reserves" and whole.forecast


def test_balances_are_listed_latest_first_a_forecast_before_one_held() -> None:
    extraction = extraction_of(
        (PLAN, "The general reserve stood at £14.0m at 1 April 2025."),
        (PLAN, "The general reserve is forecast to be £8.0m at 31 March 2026."),
        (PLAN, "Earmarked reserves are forecast at £40.0m."),
    )
    ordered = [r.amount_gbp for r in latest_first(reserves(extraction)) if r.kind == "balance"]
    assert ordered == [8e6, 14e6, 40e6]


def test_ashdown_general_reserve_currently_is_dated_at_month_7_with_the_minimum_warning(ashdown: Any) -> None:
    review, _ = ashdown
    reserve = review.dsg.general_reserve
    assert reserve is not None and reserve.at == f"31 October 2025 ({REPORT_DATE_SAID})"
    assert reserve.amount_gbp == 28.5e6
    title, said = dsg_card(review)
    assert "no dated" not in title
    assert "would reduce below the minimum prudent level set by the S151 Officer" in said
    assert "(date not stated)" not in said
