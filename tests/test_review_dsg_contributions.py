"""A DSG deficit stated before the contributions towards it (the DfE's Safety Valve payments, the
council's own) is not the deficit the council carries: where the documents state one after them,
that one is set beside the general reserve; where they give only the gross figure, the pack calls
it the deficit before contributions and quotes the words that say so.

Kent's draft revenue budget (Cabinet, 30 January 2025, p18 paras 5.8-5.9, read from ../shared)
gives both: "a forecast total of £227m as at 31st March 2025 (excluding contributions from KCC and
DfE)" and "the deficit ... has been reduced by contributions to an estimated £96m at the end of
2024-25".
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from analyse.derived import with_derived
from analyse.dsg import CARRIED_NOT_GIVEN, contributions, cumulative_deficit, dsg_position
from analyse.reconcile import reserve_cross_checks
from analyse.records import DsgPosition
from analyse.reserves import reserves
from analyse.scope import scope_index
from extract.prose import figures_from_passages
from extract.records import Extraction, Figure, FigureUnit, Passage, Provenance
from render.findings import dsg_against_reserve
from render.pack import pack_html
from render.refs import Figures
from tests.render_samples import sample
from tests.review_builders import YEAR

DRAFT = "kent_cabinet_2025-01-30_draft_revenue_budget_2025-26_MTFP_2025-28.pdf"
GROSS = (
    "A significant financial risk for the Council is the continuing and increasing underlying deficit and "
    "accumulated debt on the High Needs Block of Dedicated Schools Grant (DSG), a forecast total of £227m as "
    "at 31st March 2025 (excluding contributions from KCC and DfE)."
)
NET = (
    "As a result of this, the deficit on the High Needs Block has been reduced by contributions to an "
    "estimated £96m at the end of 2024-25."
)
RESERVE = "The general reserve was £43.0m at the end of 2023-24."


def _figure(text: str, value: float, label: str | None) -> Figure:
    """The figure as extraction reads it from the sentence (its printed places), with this label."""
    where = Provenance(file="budget.pdf", sha256="ab" * 32, page=18, bbox=None, locator="5.8", text=text)
    (read,) = [f for f in figures_from_passages([Passage(text=text, provenance=[where])]) if f.value == value]
    return Figure(
        value=value, unit=FigureUnit.GBP, label=label, text=text, provenance=[where], places=read.places
    )


def _said(text: str, value: float) -> tuple[str, str]:
    return contributions(_figure(text, value, None))


@pytest.mark.parametrize(
    ("text", "value", "said"),
    [
        (GROSS, 227e6, ("before", "excluding contributions from KCC and DfE")),
        (NET, 96e6, ("after", "reduced by contributions to")),
        (
            "The DSG deficit net of Safety Valve contributions is £40.1m.",
            40.1e6,
            ("after", "net of Safety Valve contributions"),
        ),
        (
            "The DSG deficit is £80.0m before contributions from the DfE.",
            80e6,
            ("before", "before contributions from the DfE"),
        ),
        ("The cumulative DSG deficit is £38.2m at 31 March 2025.", 38.2e6, ("", "")),
    ],
)
def test_a_deficits_own_words_say_whether_it_is_before_or_after_contributions(
    text: str, value: float, said: tuple[str, str]
) -> None:
    assert _said(text, value) == said


def test_the_contributions_words_of_another_figure_in_the_sentence_are_not_the_deficits() -> None:
    text = "The DSG deficit is £50.0m, and £20.0m excluding contributions is held in reserve."
    assert _said(text, 50e6) == ("", "")
    assert _said(text, 20e6)[0] == "before"


def test_the_deficit_after_contributions_is_the_one_carried_and_the_gross_one_is_kept_beside_it() -> None:
    carried, before = cumulative_deficit(
        [_figure(GROSS, 227e6, "forecast total"), _figure(NET, 96e6, "contributions")]
    )
    assert carried is not None and before is not None
    assert (carried.amount_gbp, carried.words, carried.contributions) == (
        96e6,
        "the end of 2024-25",
        "reduced by contributions to",
    )
    assert (before.amount_gbp, before.words) == (227e6, "31st March 2025")


def test_a_deficit_given_only_before_contributions_is_never_the_deficit_carried() -> None:
    extraction = Extraction(
        figures=[_figure(GROSS, 227e6, "forecast total"), _figure(RESERVE, 43e6, "general reserve")]
    )
    dsg = dsg_position(extraction, scope_index(extraction), YEAR, reserves(extraction))
    assert dsg.cumulative_deficit is None
    assert dsg.deficit_before_contributions is not None
    assert CARRIED_NOT_GIVEN in dsg.not_found
    review, _ = sample()
    review = with_derived(review.model_copy(update={"dsg": dsg}))
    assert review.derived.dsg_deficit_share_of_reserve is None
    text = _dsg_finding(review)
    assert "DSG deficit, a forecast £227m (at 31st March 2025) before contributions" in text
    assert "excluding contributions from KCC and DfE" not in text  # the quote is the DSG section's
    assert "after contributions, the one the council carries, is not in the documents" in text


def _dsg_finding(review) -> str:  # type: ignore[no-untyped-def]
    found = dsg_against_reserve(review, Figures(review))
    assert found is not None
    return f"{found.title} {found.figure} {found.detail}"


@pytest.fixture(scope="module")
def kent_draft(kent_dir: Path) -> Extraction:
    from extract.document import extract_file

    return extract_file(DRAFT, (kent_dir / DRAFT).read_bytes())


@pytest.fixture(scope="module")
def kent_dsg(kent_draft: Extraction) -> DsgPosition:
    return dsg_position(kent_draft, scope_index(kent_draft), "2025-26", reserves(kent_draft))


def test_kents_general_reserve_contribution_stated_two_ways_is_one_contribution(
    kent_draft: Extraction, kent_dsg: DsgPosition
) -> None:
    # p4 "£16.3m replenishment of general reserves" and p42 "£15.4m": the reserves' reconciliation
    # finds them one flow stated differently, so the card names one contribution, never two
    stated = reserve_cross_checks(reserves(kent_draft))
    review, _ = sample()
    review = with_derived(review.model_copy(update={"dsg": kent_dsg, "reconciliations": stated}))
    text = _dsg_finding(review)
    assert (
        " The documents plan £16.3m (p.4) or £15.4m (p.42): one contribution stated differently, into the"
        " general reserve in 2025-26 (the reserve after it is not stated)" in text
    )
    assert "£16.3m and £15.4m" not in text


def test_kents_general_reserve_line_cites_the_reserve_and_its_contributions_in_one_group(
    kent_draft: Extraction, kent_dsg: DsgPosition
) -> None:
    # the pack's line "... into the general reserve in 2025-26 (the reserve after it is not stated)"
    # cites the £43.0m reserve (p4) and the contributions (p4, p43) once: "[S4, S43]", not "[S4, S43] [S4]"
    stated = reserve_cross_checks(reserves(kent_draft))
    review, extraction = sample()
    review = with_derived(review.model_copy(update={"dsg": kent_dsg, "reconciliations": stated}))
    html = pack_html(review, extraction)
    line = html.split("General reserve (council-wide)</dt><dd>")[1].split("</dd>")[0]
    line = line.split('<span class="sub">')[0]  # a derived balance beneath cites its own inputs
    assert "the reserve after it is not stated" in line
    assert line.count('class="cite"') == 1 and re.search(r"\]\s*(<[^>]+>\s*)*\[", line) is None


def test_the_card_says_which_statement_of_the_contribution_the_reserves_tables_lines_support(
    kent_draft: Extraction, kent_dsg: DsgPosition
) -> None:
    # the reconciliation found Appendix F's lines (p.21) to bear out page 42's £15.4m: the card says so
    [stated] = reserve_cross_checks(reserves(kent_draft))
    table = stated.provenance[0].model_copy(
        update={"file": "appendixF.pdf", "page": 21, "text": "General Reserves"}
    )
    supported = stated.model_copy(update={"supported_gbp": 15.4e6, "supported_by": [table]})
    review, _ = sample()
    review = with_derived(review.model_copy(update={"dsg": kent_dsg, "reconciliations": [supported]}))
    text = _dsg_finding(review)
    assert (
        "one contribution stated differently, into the general reserve in 2025-26; the reserves table's own"
        " lines (appendixF.pdf, p.21) support the £15.4m (the reserve after it is not stated)" in text
    )
    unsupported = stated.model_copy(update={"supported_gbp": 16.0e6, "supported_by": [table]})
    review = review.model_copy(update={"reconciliations": [unsupported]})
    assert "support the" not in _dsg_finding(review)


def test_kents_deficit_set_beside_its_reserve_is_the_96m_after_contributions_not_the_227m(
    kent_dsg: DsgPosition,
) -> None:
    assert kent_dsg.cumulative_deficit is not None and kent_dsg.deficit_before_contributions is not None
    assert kent_dsg.cumulative_deficit.amount_gbp == 96e6
    assert kent_dsg.cumulative_deficit.contributions == "reduced by contributions to"
    assert kent_dsg.deficit_before_contributions.amount_gbp == 227e6
    assert kent_dsg.deficit_before_contributions.contributions == "excluding contributions from KCC and DfE"
    # "£96m", "£227m": printed to no places, and so written in the pack.
    assert (kent_dsg.cumulative_deficit.places, kent_dsg.deficit_before_contributions.places) == (0, 0)
    review, _ = sample()
    review = with_derived(review.model_copy(update={"dsg": kent_dsg}))
    assert kent_dsg.general_reserve is not None and kent_dsg.general_reserve.amount_gbp == 43e6
    # its general reserve is read only at the end of 2023-24, a year before the deficit: no share
    # across the two dates, both figures dated, the reserve at the deficit's date asked
    assert review.derived.dsg_deficit_share_of_reserve is None
    text = _dsg_finding(review)
    # the headline card is short: the quotes saying which deficit is which are the DSG section's
    # each as its sentence calls it: "an estimated £96m", "a forecast total of £227m"
    assert (kent_dsg.cumulative_deficit.hedge, kent_dsg.deficit_before_contributions.hedge) == (
        "estimated",
        "forecast",
    )
    assert (
        "Cumulative DSG deficit, an estimated £96m (at the end of 2024-25) after contributions; a forecast £227m"
        in text
    )
    assert "£227m (at 31st March 2025) before them" in text
    # only the documents' own view of a reserve is quoted on the card: para 2.23's "this reserve" is
    # the Safety Valve reserve its sentence names, quoted as such and kept apart from the general
    # reserve, never beside it
    view = "The documents' view of “a specific reserve which is intended to progressively offset"
    assert "“" not in text.split(view)[0] and "excluding contributions" not in text
    assert "(not the general reserve): “but this reserve would not be sufficient" in text
    # the card's first sentence sets the two figures side by side with their dates
    first = text.index("£96m; the general reserve is £43.0m a year earlier (at the end of 2023-24)")
    assert first < text.index("would not be sufficient")
    assert "The documents' view of the general reserve" not in text
    assert text.startswith("DSG deficit and the general reserve, at different dates £96m")
    assert "For the S151 officer: what is the general reserve at the end of 2024-25?" in text
    held = [(o.amount_gbp, o.words, o.provenance[0].page) for o in kent_dsg.offsets if o.offset == "held"]
    assert held == [(36.2e6, "the end of 2023-24", 4)]  # the Safety Valve money held to offset the deficit
    # p27-28: "the Safety Valve mechanism, whereby the Department for / Education provides a
    # substantial contribution (up to £140m)", a sentence the page break cuts: the DfE's offset too,
    # cited on p28 where it is printed and on p27 where its sentence starts
    dfe = [(o.amount_gbp, o.ceiling, [p.page for p in o.provenance]) for o in kent_dsg.offsets if o.ceiling]
    assert dfe == [(140e6, "up to", [28, 27])]
    assert "contributions of £14.6m (2025-26), up to £140m and £82.3m (2022-23 to 2027-28)." in text
    # which of them the £96m already counts is not stated: said once, asked, never inferred
    assert "Which of these the £96m after contributions already counts, the documents do not say" in text
    assert "already in the" not in text and "not yet applied" not in text
    # p4 and p42 plan £16.3m and £15.4m into the general reserve in 2025-26: named beside the share
    assert [(r.amount_gbp, r.provenance[0].page) for r in kent_dsg.general_reserve_contributions] == [
        (16.3e6, 4),
        (15.4e6, 42),
    ]
    assert (
        " The documents plan £16.3m and £15.4m into the general reserve in 2025-26 (each as stated;" in text
    )


@pytest.mark.parametrize(
    ("text", "value", "places"),
    [
        (GROSS, 227e6, 0),
        (NET, 96e6, 0),
        ("The cumulative DSG deficit is £38.2m.", 38.2e6, 1),
        ("A deficit of £1,250k.", 1.25e6, None),  # no precision in £m: the pack's own rule
    ],
)
def test_a_dsg_sum_keeps_the_places_its_sentence_prints_it_to(
    text: str, value: float, places: int | None
) -> None:
    where = Provenance(file="budget.pdf", sha256="ab" * 32, page=18, bbox=None, locator="5.8", text=text)
    (figure,) = [
        f for f in figures_from_passages([Passage(text=text, provenance=[where])]) if f.value == value
    ]
    assert figure.places == places


def test_kents_forecast_overspend_for_2024_25_is_named_beside_its_general_reserve(
    kent_draft: Extraction,
) -> None:
    # the draft budget's "risk to short-term reserves remains from forecast revenue overspend for 2024-25",
    # the year after its £43.0m reserve at the end of 2023-24: a further call on that reserve, no amount stated
    from analyse.current_year import current_year_forecasts
    from analyse.records import Position

    position = Position(period="2025-26", current_year=current_year_forecasts(kent_draft, "2025-26"))
    dsg = dsg_position(kent_draft, scope_index(kent_draft), "2025-26", reserves(kent_draft), position)
    call = dsg.council_overspend
    assert call is not None and (call.year, call.amount_gbp, call.source) == ("2024-25", None, "prose")
    assert call.provenance[0].file == DRAFT and "reserves" in call.words
    review, _ = sample()
    text = _dsg_finding(with_derived(review.model_copy(update={"dsg": dsg})))
    assert (
        "; the documents forecast a council-wide overspend for 2024-25 (no amount stated): if not recovered,"
        " a further call on reserves" in text
    )


def test_a_sums_hedge_is_the_word_its_own_sentence_calls_it_with_just_before_it() -> None:
    from analyse.wording import hedge

    assert hedge("reduced by contributions to an estimated £96m at the end of 2024-25", "£96m") == "estimated"
    assert hedge("the accumulated debt, a forecast total of £227m as at 31st March", "£227m") == "forecast"
    assert hedge("spending is projected to be £12.0m", "£12.0m") == "projected"
    # another figure's word, a plain figure, or a figure not found: no hedge
    assert hedge("a deficit of £50m, against an estimated £20m", "£50m") == ""
    assert hedge("The deficit is £96m.", "£96m") == ""
    assert hedge("an estimated £96m", "") == ""


def test_a_sum_something_would_take_a_balance_to_is_a_forecast() -> None:
    from analyse.wording import hedge

    # Wyvern's Q2 monitoring (p2): the overspend "would take" the deficit to £38.2m, a forecast
    said = "This would take the cumulative DSG deficit to £38.2m at 31 March 2026."
    assert hedge(said, "£38.2m") == "forecast"
    # one value changed: what has taken it there is a balance stated
    assert hedge(said.replace("would take", "took"), "£38.2m") == ""
    assert hedge("This would take the deficit to £38.2m, with £40.0m held.", "£40.0m") == ""
