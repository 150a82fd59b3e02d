"""A report's header meeting dates the medium-term plan: its gaps were set down before a later
monitoring report's overspend, and its own words may call its later years indicative."""

from __future__ import annotations

import datetime
import html
import re
from pathlib import Path

import pytest

from analyse.meeting import budget_draft, later_forecast, meetings, plan_indicative
from analyse.records import GapYear, Meeting, PlanWords, Review
from analyse.review import build_review
from extract.numbers import CALENDAR_DATE
from extract.records import Extraction, Passage, Provenance, Table
from render.findings import mtfp_gap
from render.pack import pack_html
from render.refs import Figures

MTFP = "Wyvern MTFP 2025-28.pdf"
Q2 = "Cabinet 2025-11-06 Revenue budget monitoring Q2 2025-26.pdf"
DRAFT = "kent_cabinet_2025-01-30_draft_revenue_budget_2025-26_MTFP_2025-28.pdf"


def _prov(file: str, text: str, page: int = 1) -> Provenance:
    return Provenance(file=file, sha256="cd" * 32, page=page, bbox=None, locator=f"page {page}", text=text)


def _passage(file: str, text: str, page: int = 1) -> Passage:
    return Passage(text=text, provenance=[_prov(file, text, page)])


def test_every_date_a_review_reads_in_prose_is_read_by_the_one_pattern() -> None:
    """A meeting's date, a balance's, the DSG override's end and a transfer's are read alike."""
    from analyse.dsg import MONTH_YEAR
    from analyse.meeting import HEADER
    from analyse.reserves import DATE
    from analyse.transfers import DATED

    assert all(CALENDAR_DATE in pattern.pattern for pattern in (HEADER, MONTH_YEAR, DATE, DATED))


def test_a_reports_header_names_its_meeting_as_a_line_a_table_row_or_labels_over_values() -> None:
    rows = [["Report to", "Cabinet, 6 November 2025"], ["By", "Corporate Director of Finance"]]
    table = Table(
        file="q2.pdf", page=1, bbox=None, rows=rows, provenance=[_prov("q2.pdf", "Report to | Cabinet")]
    )
    extraction = Extraction(
        passages=[
            _passage("cover.pdf", "To: Cabinet – 30th January 2025"),
            _passage("mtfp.pdf", "Report to By Classification"),
            _passage(
                "mtfp.pdf", "County Council, 20 February 2025 Corporate Director of Finance Unrestricted"
            ),
            _passage("prose.pdf", "To date, Cabinet - 30 January 2025 has not met."),  # no header
            _passage("late.pdf", "To: Cabinet - 30 January 2025", page=2),  # not on the first page
        ],
        tables=[table],
    )
    found = {file: (m.body, m.date, m.on) for file, m in meetings(extraction).items()}
    assert found == {
        "cover.pdf": ("Cabinet", "30th January 2025", datetime.date(2025, 1, 30)),
        "mtfp.pdf": ("County Council", "20 February 2025", datetime.date(2025, 2, 20)),
        "q2.pdf": ("Cabinet", "6 November 2025", datetime.date(2025, 11, 6)),
    }
    # A header's date is a day's: a month alone, or a day its month lacks, dates no meeting.
    undated = [
        _passage(f, t)
        for f, t in (("m.pdf", "To: Cabinet - January 2025"), ("j.pdf", "To: Cabinet - 31 June 2025"))
    ]
    assert meetings(Extraction(passages=undated)) == {}
    # A labels row is cited by its values first: the citation shows the date read.
    cited = [p.text for p in meetings(extraction)["mtfp.pdf"].provenance]
    assert cited[0] == "County Council, 20 February 2025 Corporate Director of Finance Unrestricted"


@pytest.fixture(scope="module")
def wyvern(example_bundle: Path) -> tuple[Review, Extraction]:
    from extract.document import extract_file

    parts = [extract_file(name, (example_bundle / name).read_bytes()) for name in (MTFP, Q2)]
    extraction = Extraction.combine(parts)
    return build_review(extraction), extraction


def test_the_plan_dated_before_a_monitoring_reports_overspend_is_said_to_predate_it(
    wyvern: tuple[Review, Extraction],
) -> None:
    review, extraction = wyvern
    position = review.position
    assert position.mtfp_meeting is not None and position.mtfp_meeting.date == "20 February 2025"
    later = position.mtfp_later_forecast
    assert later is not None and (later.amount_gbp, later.childrens, later.year) == (12.4e6, True, "2025-26")
    assert later.meeting.date == "6 November 2025" and later.provenance[0].file == Q2
    card = mtfp_gap(review, Figures(review))
    assert card is not None
    assert card.detail.startswith("The MTFP (report to County Council, 20 February 2025) states ")
    asked = (
        "The plan, of 20 February 2025, predates the report to Cabinet of 6 November 2025, which forecasts a"
        " £12.4m overspend for the children's directorate in 2025-26. A question for the S151 officer: how much"
        " of it is recurrent, and is it in the later years' gaps?"
    )
    assert asked in card.detail
    shown = html.unescape(" ".join(re.sub(r"<[^>]+>", "", pack_html(review, extraction)).split()))
    # the gap section says it under its table; the summary's card, kept to its first sentences
    # (render.findings.card_parts), points there
    assert shown.count(asked) == 1
    # a monitoring report dated before the plan is no later forecast
    earlier = {
        MTFP: position.mtfp_meeting,
        Q2: later.meeting.model_copy(update={"on": datetime.date(2025, 1, 6)}),
    }
    assert later_forecast(position, position.mtfp_meeting, earlier) is None


def test_kents_plan_calls_its_later_years_indicative_and_the_gap_card_quotes_it(kent_dir: Path) -> None:
    from extract.document import extract_file

    extraction = extract_file(DRAFT, (kent_dir / DRAFT).read_bytes())
    own = plan_indicative(extraction)
    assert own is not None and own.provenance[0].page == 6
    assert own.words.startswith("At this stage the later years of the MTFP is set out as a high-level plan")
    assert own.words.endswith("is indicative for illustrative strategic planning purposes.")
    # the words that make it a caveat, which a card short of room quotes
    assert own.phrase == "indicative for illustrative strategic planning purposes"
    # a sentence calling grants indicative is not the plan's later years
    grants = Extraction(passages=[_passage("x.pdf", "£766m is funded from confirmed/indicative grants.")])
    assert plan_indicative(grants) is None


def test_the_gap_card_quotes_the_plans_own_words_on_its_later_years() -> None:
    gap = GapYear(period="2026-27", amount_gbp=20.1e6, provenance=[_prov("d.pdf", "Unresolved balance")])
    words = "At this stage the later years of the MTFP ... is indicative for illustrative strategic planning purposes."
    position = Review().position.model_copy(
        update={
            "mtfp_gap": [gap],
            "mtfp_indicative": PlanWords(words=words, provenance=[_prov(DRAFT, words, 6)]),
            "mtfp_meeting": Meeting(
                body="Cabinet",
                date="30 January 2025",
                on=datetime.date(2025, 1, 30),
                provenance=[_prov("c", "To:")],
            ),
        }
    )
    review = Review().model_copy(update={"position": position})
    review = review.model_copy(update={"selection": review.selection.model_copy(update={"gaps": [gap]})})
    card = mtfp_gap(review, Figures(review))
    assert card is not None
    assert card.detail.startswith(
        "The MTFP (report to Cabinet, 30 January 2025) states a gap of £20.1m in 2026-27"
    )
    assert f"The plan's own words on its later years: “{words}”" in card.detail
    assert "predates" not in card.detail  # no later monitoring report
    # with the words that call them indicative read, the card says them straight after its lead
    # (a caveat: `Finding.caveats`), and the whole sentence later in its detail
    phrase = "indicative for illustrative strategic planning purposes"
    own = PlanWords(words=words, provenance=[_prov(DRAFT, words, 6)], phrase=phrase)
    review = review.model_copy(
        update={"position": review.position.model_copy(update={"mtfp_indicative": own})}
    )
    card = mtfp_gap(review, Figures(review))
    assert card is not None
    assert card.caveats and "".join(map(str, card.caveats)) == f" The plan calls its later years “{phrase}”."
    assert card.detail.startswith(
        "The MTFP (report to Cabinet, 30 January 2025) states a gap of £20.1m in 2026-27, for the whole"
        f" council. The plan calls its later years “{phrase}”."
    )
    assert card.detail.index(phrase) < card.detail.index(f"“{words}”")


COVER = "kent_cabinet_2025-01-30_draft_budget_MTFP_cover.pdf"


def test_budget_papers_that_send_a_draft_budget_on_to_be_decided_make_it_proposed(kent_dir: Path) -> None:
    from extract.document import extract_file

    extraction = extract_file(COVER, (kent_dir / COVER).read_bytes())
    own = budget_draft(extraction)
    assert own is not None and own.provenance[0].page == 2
    # Kent's cover report, Recommendations b), its list letter left off
    assert (
        own.words
        == "endorse the draft budget to be presented to County Council on 13th February for final decisions."
    )
    # a draft budget's contents are not a statement that it is still to be decided
    contents = Extraction(
        passages=[_passage("x.pdf", "The draft budget includes a proposed 4.99% Council Tax increase.")]
    )
    assert budget_draft(contents) is None


def test_the_childrens_budget_card_says_a_draft_budget_is_proposed_not_set() -> None:
    from render.findings import children_budget
    from tests.render_samples import sample

    review, _ = sample()
    cs = review.position.children_services.model_copy(update={"variance_gbp": None, "forecast_gbp": None})
    position = review.position.model_copy(update={"children_services": cs})
    review = review.model_copy(update={"position": position})
    set_card = children_budget(review, Figures(review))
    assert set_card is not None and "proposed" not in set_card.title and "not yet set" not in set_card.detail
    words = "endorse the draft budget to be presented to County Council on 13th February for final decisions."
    draft = position.model_copy(
        update={"budget_draft": PlanWords(words=words, provenance=[_prov(COVER, words, 2)])}
    )
    review = review.model_copy(update={"position": draft})
    card = children_budget(review, Figures(review))
    assert card is not None and card.title.endswith(": proposed (draft) budget, no forecast")
    assert "'s proposed (draft) budget for " in card.detail
    assert f"not yet set (“{words}”)" in card.detail


def test_a_plan_that_predates_a_monitoring_overspend_asks_the_s151_officer_at_the_overspends_stake(
    wyvern: tuple[Review, Extraction],
) -> None:
    review, _ = wyvern
    # It asks, as the overspend's own question does, how much of the £12.4m is recurrent: one question,
    # with both leads (analyse.enquiry.one_per_ask), what it asks besides after the shared ask.
    asked = [q for q in review.lines_of_enquiry if "later years' gaps" in q.question]
    assert [(q.addressed_to, q.amount_gbp, q.stake) for q in asked] == [
        ("DCS; S151", 12.4e6, "the overspend")
    ]
    assert "how much of it is recurrent, is that part in the medium-term plan's later years' gaps, and" in (
        asked[0].question
    )
    assert "The medium-term plan, of 20 February 2025, predates the report to Cabinet" in asked[0].because
    assert {p.file for p in asked[0].provenance} == {Q2, MTFP}
    from analyse.enquiry import _later_forecast

    (alone,) = _later_forecast(review.position)
    assert alone.addressed_to == "S151" and alone.question == (
        "How much of the £12.4m overspend forecast for the children's directorate in 2025-26 is recurrent,"
        " and is that part in the medium-term plan's later years' gaps?"
    )
    # no later forecast, no such question
    plain = review.position.model_copy(update={"mtfp_later_forecast": None})
    from analyse.enquiry import lines_of_enquiry

    assert not [q for q in lines_of_enquiry([], [], plain, []) if "later years' gaps" in q.question]
