"""The DSG deficit beside what offsets it, and beside the reserve that would absorb it, each figure
with its date.

Kent's draft revenue budget (Cabinet, 30 January 2025, read from ../shared) gives the gross deficit
(£227m at 31st March 2025, p18), the deficit after contributions (£96m at the end of 2024-25, p18),
the £36.2m of Safety Valve contributions held in earmarked reserves at the end of 2023-24 "which over
time will offset the Dedicated Schools Grant (DSG) deficit" (p4), the council's £14.6m contribution
for 2025-26 (p4, p42) and its £82.3m over the agreement (p41); its general reserve is read only at
the end of 2023-24, a year before the deficit: a share of one in the other names both dates.
"""

from __future__ import annotations

import io
import re

import pytest
from openpyxl import load_workbook
from pptx import Presentation

from analyse.derived import with_derived
from analyse.dsg import dated_apart, dsg_position, offsets, reserve_beside, year_end
from analyse.enquiry import dsg_lines
from analyse.records import DsgItem, LineOfEnquiry, Review
from analyse.reserves import reserves
from analyse.review import build_review
from analyse.scope import scope_index
from extract.pdf.page_breaks import Page, Printed, joined_across_pages
from extract.prose import figures_from_passages
from extract.records import Extraction, Figure, FigureUnit, Passage, Provenance
from render.data import render_xlsx
from render.deck import render_pptx
from render.findings import headline_findings
from render.pack import pack_html
from tests.render_samples import sample
from tests.review_builders import YEAR

BUDGET = "draft_revenue_budget_2025-26.pdf"
RESERVES = (
    "The total usable revenue reserves at the end of 2023-24 were £357.6m (30.3% of net revenue outturn), "
    "comprising of £43.0m general reserve, £297.6m earmarked reserves (including £36.2m from Safety Valve "
    "contributions which over time will offset the Dedicated Schools Grant (DSG) deficit), and £17.0m public "
    "health reserve."
)
BUDGET_CONTRIBUTIONS = (
    "The 2025-26 budget includes £42.4m additional contributions to reserves (including £16.3m replenishment of "
    "general reserves towards restoring 5% general reserve target, £12.0m into new Extended Producer "
    "Responsibility (EPR) reserve, and £14.6m local authority contribution to DSG deficit) and £10.7m drawdown "
    "from smoothing reserves (largely related to smoothing Council Tax)."
)
DSG_RESERVE = "£14.6m DSG reserve for the planned 2025-26 Council contribution to the safety valve programme."
AGREEMENT = (
    "Under the Safety Valve agreement with the DfE, KCC is required to make a contribution totaling £82.3m "
    "between 2022-23 to 2027-28."
)
SIGNED = (
    "Legislative changes, including the change in treatment of KCC's contribution to the -£14.7m Safety Valve "
    "agreement with the Department for Education (now shown in reserves)"
)
GROSS = (
    "A significant financial risk for the Council is the accumulated debt on the High Needs Block of Dedicated "
    "Schools Grant (DSG), a forecast total of £227m as at 31st March 2025 (excluding contributions from KCC and DfE)."
)
NET = (
    "As a result of this, the deficit on the High Needs Block has been reduced by contributions to an "
    "estimated £96m at the end of 2024-25."
)
RESERVE_2025 = "The general fund balance is forecast to be £48.0m at 31 March 2025."
RESERVE_UNDATED = "The general fund balance stands at £48.0m."


def _figure(
    text: str,
    value: float,
    label: str | None = None,
    page: int = 4,
    period: str | None = None,
) -> Figure:
    where = Provenance(file=BUDGET, sha256="ef" * 32, page=page, bbox=None, locator="para", text=text)
    return Figure(
        value=value,
        unit=FigureUnit.GBP,
        label=label,
        period=period,
        text=text,
        provenance=[where],
        places=_printed(text, value),
    )


def _printed(text: str, value: float) -> int | None:
    """The places the sentence prints the figure to in £m, as extraction keeps them (Figure.places)."""
    return next((d for d in range(3) if f"£{value / 1e6:.{d}f}m" in text), None)


def _kent_figures() -> list[Figure]:
    return [
        _figure(RESERVES, 357.6e6, "total usable revenue reserves"),
        _figure(RESERVES, 43.0e6, "general reserve"),
        _figure(RESERVES, 297.6e6, "earmarked reserves"),
        _figure(RESERVES, 36.2e6),
        _figure(RESERVES, 17.0e6, "public health reserve"),
        *(_figure(BUDGET_CONTRIBUTIONS, v) for v in (42.4e6, 12.0e6, 14.6e6, 10.7e6)),
        # labelled as extraction labels it (Kent's review.json)
        _figure(BUDGET_CONTRIBUTIONS, 16.3e6, "replenishment of general reserves"),
        _figure(GROSS, 227e6, "forecast total", page=18),
        _figure(NET, 96e6, "contributions", page=18),
        _figure(SIGNED, 14.7e6, page=36),
        _figure(AGREEMENT, 82.3e6, "contribution", page=41),
        _figure(DSG_RESERVE, 14.6e6, "DSG reserve", page=42, period="2025-26"),
    ]


def test_a_financial_years_end_and_its_31_march_are_one_date() -> None:
    assert year_end("the end of 2024-25") == year_end("31st March 2025") == (2025, 3)
    assert year_end("end of 2023-24") == (2024, 3)
    assert year_end("30 September 2024") == (2024, 9)
    assert year_end("") is None and year_end("2024-25") is None


def test_the_money_held_or_paid_to_offset_the_deficit_is_read_with_its_date_and_pages() -> None:
    found = offsets(_kent_figures())
    assert [(o.amount_gbp, o.offset, o.words) for o in found] == [
        (36.2e6, "held", "the end of 2023-24"),
        (14.6e6, "contribution", "2025-26"),
        (82.3e6, "contribution", "2022-23 to 2027-28"),
    ]
    assert found[0].contributions.endswith(
        "will offset the Dedicated Schools Grant (DSG) deficit"
    )  # the whole clause
    assert [p.page for p in found[1].provenance] == [4, 42]  # one contribution, stated twice
    assert found[0].places == 1  # the figure's printed places, kept


def _review(*extra: Figure) -> Review:
    return build_review(Extraction(figures=_kent_figures() + list(extra)))


def _finding(review: Review) -> str:
    found = next(f for f in headline_findings(review) if "DSG" in f.title)
    return f"{found.title} | {found.figure} | {found.detail}"


def test_a_deficit_beside_a_reserve_of_another_date_is_no_share_but_both_figures_dated_and_a_question() -> (
    None
):
    review = _review()
    assert review.dsg.general_reserve is not None and review.dsg.general_reserve.at == "the end of 2023-24"
    assert review.derived.dsg_deficit_share_of_reserve is None  # a year apart: no ratio across two dates
    text = _finding(review)
    assert text.startswith("DSG deficit and the general reserve, at different dates | £96m")
    assert (
        "The cumulative DSG deficit at the end of 2024-25 is an estimated £96m; the general reserve is £43.0m a year earlier"
        " (at the end of 2023-24). For the S151 officer: what is the general reserve at the end"
        " of 2024-25?" in text
    )
    assert "%" not in text


def test_the_reserve_at_the_deficits_own_date_is_the_one_set_beside_it() -> None:
    review = _review(_figure(RESERVE_2025, 48e6, "general fund balance", page=9))
    assert review.dsg.general_reserve is not None and review.dsg.general_reserve.amount_gbp == 48e6
    assert review.derived.dsg_deficit_share_of_reserve == pytest.approx(100 * 96 / 48)
    text = _finding(review)
    # the documents' own name for the reserve ("general fund balance"), not the pack's
    assert text.startswith("DSG deficit against the general fund balance | 200%")
    # "is forecast to be £48.0m": said to be a forecast, with no condition to quote
    assert (
        "is an estimated £96m, 200% of the £48.0m general fund balance at the same date (a forecast, not a balance held)."
        in text
    )
    # the 2025-26 budget's "£10.7m drawdown from smoothing reserves" (page 4) is not from the general
    # reserve, so no reserve after it is derived
    assert "derived" not in text
    assert "earlier" not in text and "different date" not in text


def test_a_reserve_that_states_no_date_gets_no_share_of_the_deficit() -> None:
    extraction = Extraction(
        figures=[_figure(NET, 96e6, "contributions"), _figure(RESERVE_UNDATED, 48e6, "general fund balance")]
    )
    review = build_review(extraction)
    assert review.dsg.general_reserve is not None and review.dsg.general_reserve.at is None
    assert review.derived.dsg_deficit_share_of_reserve is None
    text = _finding(review)
    assert text.startswith("Cumulative DSG deficit")  # titled by the figure's meaning, not by what is missing
    assert "no dated general reserve" not in text and "£96m" in text
    assert "The reserve's date is not stated, so no share is given." in text  # the deficit states one


def test_the_pack_deck_and_workbook_show_gross_offsets_and_net_each_with_its_page() -> None:
    built = _review()
    review, extraction = sample()
    review = with_derived(review.model_copy(update={"dsg": built.dsg}))
    # the card's one clause: each sum as stated, never summed, and which of them the deficit after
    # contributions already counts said once not to be stated, never assumed from their dates
    card = _finding(review)
    assert (
        "; held or paid to offset it (not summed): £36.2m held (at the end of 2023-24); contributions of "
        "£14.6m (2025-26) and £82.3m (2022-23 to 2027-28). Which of these the £96m after contributions "
        "already counts, the documents do not say: a question for the S151 officer." in card
    )
    assert card.count("do not say: a question") == 1
    html = pack_html(review, extraction)
    section = html[
        html.index('<section id="dsg">') : html.index("</section>", html.index('<section id="dsg">'))
    ]
    gross, held, net = (
        section.index(w) for w in ("before contributions", "Held or paid to offset", "after contributions")
    )
    assert gross < held < net  # the gross, what offsets it, then the net
    words = re.sub(r"<[^>]+>", "", section)
    assert "£36.2m held at the end of 2023-24:" in words
    assert "£82.3m contribution for 2022-23 to 2027-28:" in words
    assert "£14.6m contribution for 2025-26:" in words
    assert (
        "at the end of 2023-24: not the cumulative deficit's date (the end of 2024-25), so no share of it is given"
        in words
    )
    asked = "the deficit after contributions already counts (they say only “reduced by contributions to”)"
    assert words.count(asked) == 1
    for inferred in ("not yet applied", "already in the", "still to come", "not to be taken off"):
        assert inferred not in words and inferred not in card
    deck = Presentation(io.BytesIO(render_pptx(review, extraction)))
    text = "\n".join(sh.text_frame.text for s in deck.slides for sh in s.shapes if sh.has_text_frame)
    # the deck's DSG slide is read on a screen: each sum with its date, never summed, and the
    # documents' words saying which deficit is which left to the pack's DSG section
    assert "Held or paid to offset the deficit (not summed): £36.2m held (at the end of 2023-24)" in text
    assert "£82.3m (2022-23 to 2027-28)" in text and asked in text
    assert "not yet applied" not in text and "already in the" not in text
    net, gross = built.dsg.cumulative_deficit, built.dsg.deficit_before_contributions
    assert net is not None and gross is not None
    # each stated by the text alone, each marked so (the pack's DSG section marks each)
    assert (
        "£96m (at the end of 2024-25) after contributions*; a forecast £227m (at 31st March 2025) before them*."
        in text
    )
    assert net.contributions in words and gross.contributions in words  # the pack quotes them
    book = load_workbook(io.BytesIO(render_xlsx(review, extraction)))
    rows = [(r[0], r[1]) for r in book["DSG"].iter_rows(min_row=2, values_only=True)]
    assert ("Offsetting the deficit: held", 36.2e6) in rows
    assert ("Offsetting the deficit: contribution", 82.3e6) in rows


def test_the_offsets_are_kept_on_the_dsg_position() -> None:
    extraction = Extraction(figures=_kent_figures())
    dsg = dsg_position(extraction, scope_index(extraction), YEAR, reserves(extraction))
    assert [o.amount_gbp for o in dsg.offsets] == [36.2e6, 14.6e6, 82.3e6]


def test_one_offset_stated_twice_takes_the_year_either_statement_gives() -> None:
    undated = _figure("The council will pay £14.6m contribution to the DSG deficit.", 14.6e6, page=7)
    found = offsets([undated, _figure(DSG_RESERVE, 14.6e6, "DSG reserve", page=42, period="2025-26")])
    assert [(o.amount_gbp, o.words, [p.page for p in o.provenance]) for o in found] == [
        (14.6e6, "2025-26", [7, 42])
    ]


def test_a_deficit_named_as_such_is_never_money_offsetting_it() -> None:
    text = "The cumulative DSG deficit towards the end of the year is £50.0m."
    assert offsets([_figure(text, 50e6, "cumulative DSG deficit")]) == []


DATES = (
    "31 March 2025",
    "31st March 2025",
    "the end of 2024-25",
    "end of 2024/25",
    "March 2025",
    "30 September 2025",
    "31 March 2026",
    "the end of 2023-24",
    "2024-25",
    "",
)


def test_the_share_the_reserve_chosen_and_the_dates_apart_follow_one_rule_for_every_pair_of_dates() -> None:
    """The deficit's share of the reserve (analyse.derived) is given exactly where the headline does not
    call the two dated apart (analyse.dsg.dated_apart) and the reserve at the deficit's date is the one
    set beside it (analyse.dsg.reserve_beside): for every pair of dates, not only those read from Kent."""
    review = _review()
    deficit, reserve = review.dsg.cumulative_deficit, review.dsg.general_reserve
    assert deficit is not None and reserve is not None
    elsewhere = reserve.model_copy(update={"at": "31 March 2019"})
    given = set()
    for words in DATES:
        for at in DATES[:-1]:
            d, r = deficit.model_copy(update={"words": words}), reserve.model_copy(update={"at": at})
            dsg = review.dsg.model_copy(update={"cumulative_deficit": d, "general_reserve": r})
            share = with_derived(review.model_copy(update={"dsg": dsg})).derived.dsg_deficit_share_of_reserve
            apart = dated_apart(d, r)
            assert (
                (share is not None)
                == (apart == "" and bool(words))
                == (reserve_beside(d, [elsewhere, r]) is r)
            )
            given |= {(words, at)} if share is not None else set()
    same_end = {w for w in DATES[:5]}  # the end of 2024-25, written five ways
    assert given == {(a, b) for a in same_end for b in same_end} | {(a, a) for a in DATES[5:8]}


def test_the_headline_names_how_far_apart_the_deficits_and_the_reserves_dates_are() -> None:
    review = _review()
    reserve = review.dsg.general_reserve
    assert reserve is not None

    def at(when: str) -> str:
        moved = reserve.model_copy(update={"at": when})
        apart = dated_apart(review.dsg.cumulative_deficit, moved)
        dsg = review.dsg.model_copy(update={"general_reserve": moved, "reserve_dated_apart": apart})
        return _finding(with_derived(review.model_copy(update={"dsg": dsg})))

    assert "general reserve is £43.0m 2 years earlier (at the end of 2022-23)." in at("the end of 2022-23")
    assert "general reserve is £43.0m a year later (at the end of 2025-26)." in at("the end of 2025-26")
    # dates of two forms are not counted apart, only named
    assert "general reserve is £43.0m at 31 March 2023, a different date." in at("31 March 2023")
    # the same date written two ways is one date: the share is given
    assert "is an estimated £96m, 223% of the £43.0m general reserve at the same date" in at("31 March 2025")
    deficit = review.dsg.cumulative_deficit
    assert deficit is not None
    deficit, reserve = (
        deficit.model_copy(update={"words": "31 March 2026"}),
        reserve.model_copy(update={"at": "31 March 2025"}),
    )
    dated = review.dsg.model_copy(
        update={
            "cumulative_deficit": deficit,
            "general_reserve": reserve,
            "reserve_dated_apart": dated_apart(deficit, reserve),
        }
    )
    text = _finding(with_derived(review.model_copy(update={"dsg": dated})))
    assert "For the S151 officer: what is the general reserve at 31 March 2026?" in text


FOOT = (
    "7.15 Pressures on DSG are being addressed primarily through the Safety Valve mechanism, whereby the "
    "Department for"
)
FOOTER = "Figures are rounded, and tables may appear not Page 27 of 44 to add up."
HEAD = (
    "Education provides a substantial contribution (up to £140m), in return for improvements to the SEND "
    "system and a contribution (£82.3m) from the Council."
)


def _on_page(text: str, page: int, n: int) -> Printed:
    where = Provenance(
        file=BUDGET, sha256="ef" * 32, page=page, bbox=None, locator=f"page {page}, paragraph {n}", text=text
    )
    return Printed(Passage(text=text, provenance=[where]), size=10.0, bold=False)


def _cut(head_page: int = 28) -> list[DsgItem]:
    """A sentence a page break cuts, as Kent's draft budget prints it (p27 to p28), a running footer
    between its halves, read as extraction reads it."""
    pages = [
        Page([_on_page(FOOT, 27, 5), _on_page(FOOTER, 27, 6)], []),
        Page([_on_page(HEAD, head_page, 1)], []),
    ]
    return offsets(figures_from_passages(joined_across_pages(pages)))


def test_the_dfes_contribution_a_page_break_cuts_from_the_safety_valve_is_an_offset() -> None:
    (found,) = _cut()
    assert (found.amount_gbp, found.offset, found.ceiling) == (140e6, "contribution", "up to")
    # its words are its clause, to the bracket's close; the Safety Valve is named before them
    assert (
        found.contributions
        == "whereby the Department for Education provides a substantial contribution (up to £140m)"
    )
    assert [p.page for p in found.provenance] == [
        28,
        27,
    ]  # the figure's page first, then the sentence's start


def test_a_sentence_is_not_read_across_pages_that_do_not_follow() -> None:
    assert _cut(head_page=29) == []


def test_the_general_reserves_planned_contributions_are_named_beside_the_share() -> None:
    extraction = Extraction(figures=_kent_figures())
    dsg = dsg_position(extraction, scope_index(extraction), "2025-26", reserves(extraction))
    assert [(r.amount_gbp, r.at) for r in dsg.general_reserve_contributions] == [(16.3e6, "2025-26")]
    review = with_derived(_review().model_copy(update={"dsg": dsg}))
    card = _finding(review)
    assert (
        "the general reserve at the end of 2024-25? The documents plan £16.3m into the general reserve in "
        "2025-26 (the reserve after them is not stated)." in card
    )
    later = dsg_position(extraction, scope_index(extraction), "2026-27", reserves(extraction))
    assert later.general_reserve_contributions == []


def test_the_deck_cards_cut_keeps_the_question_for_the_s151_officer_whole() -> None:
    """A card cut to its first whole sentences keeps the question with whom it is for."""
    from pptx import Presentation

    from render.deck import render_pptx

    deck = Presentation(io.BytesIO(render_pptx(_review(), Extraction())))
    cards = [s.text_frame.text for slide in deck.slides for s in slide.shapes if s.has_text_frame]
    card = next(
        c
        for c in cards
        if c.startswith("The cumulative DSG deficit at the end of 2024-25 is an estimated £96m")
    )
    assert (
        "For the S151 officer: what is the general reserve at the end of 2024-25? More in the pack." in card
    )


def test_the_dsg_question_dates_the_reserve_as_the_headline_does() -> None:
    """The question sets the deficit against the reserve with the card's own date words
    (`DsgPosition.reserve_dated_apart`) and asks the reserve at the deficit's date."""
    review = _review()
    deficit, reserve = review.dsg.cumulative_deficit, review.dsg.general_reserve
    assert deficit is not None and reserve is not None
    deficit = deficit.model_copy(update={"words": "31 March 2026"})

    def asked(when: str) -> LineOfEnquiry:
        moved = reserve.model_copy(update={"at": when})
        update = {"cumulative_deficit": deficit, "general_reserve": moved}
        (line,) = dsg_lines(
            review.dsg.model_copy(update={**update, "reserve_dated_apart": dated_apart(deficit, moved)})
        )
        return line

    apart = asked("31 March 2025")
    assert (
        "£43.0m a year earlier (at 31 March 2025), what is that balance at 31 March 2026," in apart.question
    )
    assert "£43.0m a year earlier (at 31 March 2025)" in apart.because
    same = asked("the end of 2025-26")
    assert "£43.0m at the end of 2025-26, and what is its plan" in same.question
    assert "earlier" not in same.because
