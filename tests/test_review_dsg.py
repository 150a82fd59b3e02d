"""DSG / High Needs read from the documents' tables and words, each with its page; what the
documents do not give is said, never made up."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
from domain_tables import document, pipeline_tables
from openpyxl import load_workbook
from pptx import Presentation

from analyse.dsg import NOT_GIVEN, dsg_position, override_end, override_sentences
from analyse.records import DsgItem, DsgPosition
from analyse.reserves import reserves
from analyse.review import build_review
from analyse.scope import scope_index
from extract.domain.risks import risks_from_tables
from extract.records import (
    Extraction,
    Figure,
    FigureUnit,
    Passage,
    Provenance,
    Table,
    Verification,
)
from render.data import render_xlsx
from render.deck import render_pptx
from render.findings import headline_findings
from render.pack import pack_html
from tests.render_samples import empty_sample, sample
from tests.review_builders import YEAR, budget

REPORT = "Cabinet budget monitoring Q2 2024-25.pdf"


def _prov(text: str, page: int = 4, file: str = REPORT, locator: str = "paragraph 3") -> Provenance:
    return Provenance(file=file, sha256="cd" * 32, page=page, bbox=None, locator=locator, text=text)


def _figure(text: str, value: float, label: str | None) -> Figure:
    return Figure(value=value, unit=FigureUnit.GBP, label=label, text=text, provenance=[_prov(text)])


PROSE = (
    "The High Needs block is forecast to overspend by £4.6m this year. This would take the cumulative "
    "DSG deficit to £38.2m at 31 March 2025. The statutory override runs to 31 March 2028, after which the deficit "
    "falls on the general fund. The Council signed a Safety Valve agreement in 2023 and is on track."
)


def _dsg(extraction: Extraction):  # type: ignore[no-untyped-def]
    return dsg_position(extraction, scope_index(extraction), YEAR, reserves(extraction))


def _prose_bundle() -> Extraction:
    return Extraction(
        passages=[Passage(text=PROSE, provenance=[_prov(PROSE)])],
        figures=[
            _figure(PROSE.split(". ")[0] + ".", 4.6e6, "overspend"),
            _figure(PROSE.split(". ")[1] + ".", 38.2e6, "cumulative DSG deficit"),
        ],
    )


def test_prose_gives_the_in_year_position_deficit_override_end_and_plan_with_their_page() -> None:
    found = _dsg(_prose_bundle())
    assert [(i.amount_gbp, i.year) for i in found.in_year] == [(4.6e6, YEAR)]
    assert found.in_year[0].verification is None  # prose: not checked by arithmetic
    assert found.cumulative_deficit is not None and found.cumulative_deficit.amount_gbp == 38.2e6
    assert found.cumulative_deficit.words == "31 March 2025"
    assert found.override_end is not None and found.override_end.words == "31 March 2028"
    # the plan's one sentence states its delivery: read as that (analyse.plan_delivery), not again
    assert found.plan is None
    assert [(d.plan, d.against, d.words, d.years) for d in found.plan_delivery] == [
        ("Safety Valve", "on", "on track", [])
    ]
    assert {item.provenance[0].page for item in (found.override_end, found.plan_delivery[0])} == {4}
    assert found.override_end.provenance[0].text.startswith("The statutory override runs")
    assert found.not_found == [NOT_GIVEN["risk"], NOT_GIVEN["general_reserve"]]


def test_a_high_needs_table_row_is_read_before_prose_and_keeps_its_verification() -> None:
    row = budget(
        "High Needs block",
        "service_line",
        60e6,
        64.6e6,
        REPORT,
        directorate="Dedicated Schools Grant",
        verification=Verification.VERIFIED,
    )
    bundle = _prose_bundle().model_copy(update={"budget_lines": [row]})
    found = _dsg(bundle)
    assert [(i.amount_gbp, i.verification) for i in found.in_year] == [(4.6e6, "verified")]
    assert found.in_year[0].provenance == row.provenance


def test_an_underspend_in_words_is_negative() -> None:
    text = "The High Needs block is forecast to underspend by £0.4m."
    found = _dsg(Extraction(figures=[_figure(text, 0.4e6, "underspend")]))
    assert [i.amount_gbp for i in found.in_year] == [-0.4e6]


def test_the_risk_registers_entry_for_the_dsg_names_each_value_by_its_column() -> None:
    register = Table(
        file="Corporate risk register.xlsx",
        page=None,
        bbox=None,
        title="Corporate risk register",
        header_rows=1,
        locator="sheet Risks",
        rows=[
            ["Ref", "Risk", "Likelihood", "Impact", "Rating"],
            ["CR01", "Cyber attack", "3", "4", "Amber"],
            ["CR07", "DSG High Needs deficit exceeds the override", "5", "4", "Red"],
        ],
        provenance=[_prov("Corporate risk register", None, "Corporate risk register.xlsx", "sheet Risks")],
    )
    found = _dsg(Extraction(risks=risks_from_tables([register], document())))
    assert found.risk is not None and found.risk.words == "likelihood 5, impact 4, score 20, rating Red"
    assert "CR07" in found.risk.text and found.risk.provenance[0].locator.endswith("row 3")


def test_kents_high_needs_risk_is_its_likelihood_and_lifetime_exposure_never_a_rating(kent_dir: Path) -> None:
    # Appendix I p1: High Needs Spending, Current Likelihood (1-5) 4, no annual exposure, Estimated
    # Lifetime Financial Exposure £m 165.0. The register gives no impact and no score.
    doc, tables = pipeline_tables(kent_dir / "kent_cabinet_2025-01-30_appendixI_budget_risk_register.pdf")
    found = _dsg(Extraction(risks=risks_from_tables(tables, doc)))
    assert found.risk is not None
    assert found.risk.words == "likelihood 4, estimated lifetime financial exposure £165.0m"
    assert found.risk.provenance[0].page == 1


def test_a_figure_whose_sentence_names_the_dsg_only_after_it_is_not_the_dsgs() -> None:
    text = (
        "The directorate's overspend of £12.0m relates to external placements and the DSG High Needs Block."
    )
    deficit = "The Council's deficit of £5.0m is reported with the DSG in the appendix."
    found = _dsg(Extraction(figures=[_figure(text, 12e6, "overspend"), _figure(deficit, 5e6, "deficit")]))
    assert (found.in_year, found.cumulative_deficit) == ([], None)


def test_a_bundle_without_the_dsg_lists_every_fact_as_not_given() -> None:
    text = "Residential placements are forecast to overspend by £5.0m."
    found = _dsg(
        Extraction(
            passages=[Passage(text=text, provenance=[_prov(text)])],
            figures=[_figure(text, 5e6, "overspend")],
        )
    )
    assert (found.in_year, found.cumulative_deficit, found.override_end, found.plan, found.risk) == (
        [],
        None,
        None,
        None,
        None,
    )
    # no plan: its delivery is not listed apart
    assert found.not_found == [w for key, w in NOT_GIVEN.items() if key != "plan_delivery"]


def test_the_pack_has_a_dsg_section_saying_what_the_documents_did_not_give() -> None:
    review, extraction = empty_sample()
    html = pack_html(review, extraction)
    section = html[html.index('<section id="dsg">') :]
    section = section[: section.index("</section>")]
    assert "DSG and High Needs: not in the documents received" in section
    assert "£" not in section


def test_the_pack_prints_the_dsg_figures_with_their_sources() -> None:
    review, extraction = sample()
    bundle = _prose_bundle()
    dsg = _dsg(bundle)
    html = pack_html(review.model_copy(update={"dsg": dsg}), extraction)
    section = html[html.index('<section id="dsg">') :]
    section = section[: section.index("</section>")]
    words = re.sub(r"<[^>]+>", "", section)  # each figure is in its own traced span
    assert f"{YEAR}: £4.6m overspend" in words
    assert "£38.2m at 31 March 2025" in words and "31 March 2028" in words
    assert section.count("not checked by arithmetic") == 1  # said once for the block
    assert f"{YEAR}: £4.6m overspend*" in words
    # in-year, deficit, override end (in the ring-fence note and its own row) and the plan
    assert section.count('class="cite"') == 5
    assert "Not in the documents:</strong> a risk register entry" in section


def test_the_workbook_lists_each_dsg_fact_given_with_its_source() -> None:
    review, extraction = sample()
    book = load_workbook(
        io.BytesIO(render_xlsx(review.model_copy(update={"dsg": _dsg(_prose_bundle())}), extraction))
    )
    rows = list(book["DSG"].iter_rows(min_row=2, values_only=True))
    assert [(r[0], r[1]) for r in rows] == [
        ("The DSG plan's delivery against its target: on", None),
        ("High Needs / DSG in-year position", 4.6e6),
        ("Cumulative DSG deficit", 38.2e6),
        ("Statutory override ends", None),
    ]
    assert all(r[8] == REPORT and r[9] == 4 for r in rows)  # source file and page
    assert rows[1][2] == YEAR


def _dsg_slide_text(review, extraction) -> tuple[str, str]:  # type: ignore[no-untyped-def]
    deck = Presentation(io.BytesIO(render_pptx(review, extraction)))
    slide = next(
        s
        for s in deck.slides
        if any(sh.has_text_frame and sh.text_frame.text == "DSG and High Needs" for sh in s.shapes)
    )
    text = "\n".join(sh.text_frame.text for sh in slide.shapes if sh.has_text_frame)
    return text, slide.notes_slide.notes_text_frame.text


def test_the_deck_has_a_dsg_slide_with_the_facts_given_and_their_sources_in_the_notes() -> None:
    review, extraction = sample()
    text, notes = _dsg_slide_text(review.model_copy(update={"dsg": _dsg(_prose_bundle())}), extraction)
    # each figure only the text states is marked, and the slide says once what the mark means
    assert f"High Needs / DSG in {YEAR}: £4.6m overspend*." in text
    assert "Cumulative DSG deficit £38.2m (at 31 March 2025)*." in text
    assert text.count("as the text states them, not checked by arithmetic") == 1
    assert "The documents say the statutory override ends 31 March 2028." in text
    assert "Not in the documents: a risk register entry" in text
    assert REPORT in notes


def test_the_deck_says_so_where_the_documents_give_nothing_of_the_dsg() -> None:
    review, extraction = empty_sample()
    text, _ = _dsg_slide_text(review, extraction)
    assert "say nothing of the DSG" in text and "£" not in text


RESERVE = "The general fund balance stood at £42.5m at 31 March 2025, and earmarked reserves at £61.3m."


def _with_reserve(extraction: Extraction) -> Extraction:
    figures = [
        _figure(RESERVE, 42.5e6, "general fund balance"),
        _figure(RESERVE, 61.3e6, "earmarked reserves"),
    ]
    return extraction.model_copy(update={"figures": extraction.figures + figures})


def _summary(extraction: Extraction) -> str:
    return " ".join(f"{f.title} {f.figure} {f.detail}" for f in headline_findings(build_review(extraction)))


def test_the_summary_sets_the_deficit_beside_the_general_reserve_with_the_override_end() -> None:
    review = build_review(_with_reserve(_prose_bundle()))
    assert review.dsg.general_reserve is not None and review.dsg.general_reserve.amount_gbp == 42.5e6
    assert review.derived.dsg_deficit_share_of_reserve == pytest.approx(100 * 38.2 / 42.5)  # not the £61.3m
    text = _summary(_with_reserve(_prose_bundle()))
    # the documents' own name for the reserve ("The general fund balance stood at ..."), not the pack's
    assert "DSG deficit against the general fund balance 90%" in text
    # the card's figure is said first, what it is a share of; the deficit itself after it
    assert (
        "90% The cumulative DSG deficit at 31 March 2025 is £38.2m, 90% of the £42.5m general fund balance"
        in text
    )
    # the plan's delivery in the first sentence, which a card cut short keeps, its page after it
    assert (
        "at the same date, with the Safety Valve plan on track; stated on p.4."
        " Cumulative DSG deficit £38.2m (at 31 March 2025)." in text
    )
    assert "The documents say the statutory override ends 31 March 2028." in text


def test_the_summary_says_which_of_the_deficit_and_the_reserve_is_missing() -> None:
    no_reserve = _summary(_prose_bundle())
    # each card titled by what its figure is, never by what the documents lack
    assert "Cumulative DSG deficit at 31 March 2025 £38.2m" in no_reserve
    assert "The general fund reserve balance is not in the documents received." in no_reserve
    no_deficit = _summary(_with_reserve(Extraction()))
    assert "General fund balance at 31 March 2025 £42.5m" in no_deficit
    assert "no DSG deficit read" not in no_deficit
    assert "The cumulative DSG deficit is not in the documents received." in no_deficit
    assert "does not say when the statutory override ends" in no_deficit.replace(
        "documents do not", "does not"
    )
    assert "DSG" not in _summary(Extraction())


def test_a_general_reserve_in_a_sentence_that_mentions_the_dsg_later_is_not_the_dsgs() -> None:
    kent = (
        "The total usable revenue reserves at the end of 2023-24 were £357.6m, comprising of £43.0m general reserve, £297.6m "
        "earmarked reserves (including £36.2m which will offset the Dedicated Schools Grant (DSG) deficit)."
    )
    found = reserves(Extraction(figures=[_figure(kent, 43.0e6, "general reserve")]))
    assert [(r.kind, r.amount_gbp, r.at) for r in found] == [("balance", 43.0e6, "the end of 2023-24")]


def test_the_override_ends_at_the_date_the_words_end_it_at() -> None:
    said = (
        "The Statutory Override for the Dedicated Schools Grant (DSG) deficits was extended for a further "
        "3 years from 2023-24 to 2025-26."
    )
    found = override_end([(said, [_prov(said)])])
    assert found is not None and found.words == "2025-26"
    ordinal = "The statutory override on DSG deficits is due to end on 31st March 2026."
    found = override_end([(ordinal, [_prov(ordinal)])])
    assert found is not None and found.words == "31st March 2026"


def test_the_override_is_read_in_the_forms_councils_write_its_end_in() -> None:
    forms = {
        "The current override expires on 31st March 2026.": "31st March 2026",
        "The DSG statutory override ends in March 2026.": "March 2026",
        "The statutory override has been extended to March 2028.": "March 2028",
        "The statutory override runs until 31 March 2028.": "31 March 2028",
    }
    assert {said: (override_end([(said, [_prov(said)])]) or DsgItem()).words for said in forms} == forms
    # a date before the override is named, or one the words do not end it at, is not its end
    neither = "By 2027-28 the deficit is planned to clear, if the statutory override is renewed after review."
    assert override_end([(neither, [_prov(neither)])]) is None


KENT_OVERRIDE = (
    "2.23 The previous government had confirmed that the Statutory Override for the Dedicated Schools Grant (DSG) "
    "deficits was extended for a further 3 years from 2023-24 to 2025-26. The current override expires on 31st "
    "March 2026."
)
IFRS9 = (
    "2.24 The pLGFS proposes that the current statutory override which disapplies part of International "
    "Financial Reporting Standard 9 (IFRS9) is not extended beyond March 2025. The override allowed authorities to "
    "record the impacts of fair value movements of pooled investment funds in an unusable reserve."
)


def _passages(*texts: str) -> Extraction:
    return Extraction(passages=[Passage(text=t, provenance=[_prov(t, page=9)]) for t in texts])


def test_where_two_ends_are_stated_the_latest_statement_wins_and_is_quoted_with_its_page() -> None:
    found = _dsg(_passages(KENT_OVERRIDE, IFRS9)).override_end
    assert found is not None and found.words == "31st March 2026"
    assert (found.provenance[0].page, found.provenance[0].text) == (
        9,
        "The current override expires on 31st March 2026.",
    )
    # a later statement that extends it is read over the earlier ones
    extended = "The government has since extended the DSG statutory override to 31 March 2028."
    found = _dsg(_passages(KENT_OVERRIDE, IFRS9, extended)).override_end
    assert found is not None and (found.words, found.text) == ("31 March 2028", extended)


def test_another_override_is_not_the_dsgs() -> None:
    assert override_sentences(_passages(IFRS9).passages) == []
    assert _dsg(_passages(IFRS9)).override_end is None


def test_the_pack_deck_and_workbook_print_the_registers_values_under_their_names() -> None:
    review, extraction = sample()
    words = "likelihood 4, estimated lifetime financial exposure £165.0m"
    risk = DsgItem(
        words=words, text="CYPE | High Needs Spending | 4 | 165.0", provenance=[_prov("High Needs")]
    )
    review = review.model_copy(update={"dsg": DsgPosition(risk=risk)})
    html = pack_html(review, extraction)
    section = html[html.index('<section id="dsg">') :]
    section = re.sub(r"<[^>]+>", "", section[: section.index("</section>")])
    assert f"Risk register{words}" in section and "rating" not in section.split("Not in the documents")[0]
    text, _ = _dsg_slide_text(review, extraction)
    assert f"Risk register: {words}." in text
    rows = list(load_workbook(io.BytesIO(render_xlsx(review, extraction)))["DSG"].iter_rows(values_only=True))
    assert ("Risk register", words) in [(r[0], r[3]) for r in rows]


HELD = "The general reserve stood at £21.0m at 31 March 2025."
FALL = (
    "Should the overspend not be recovered in year, the balance would reduce to £7.5m by 31 March 2026, "
    "under the level the Council has agreed."
)
NAMED = "The general reserve is forecast to be £7.5m at 31 March 2026."
LEVEL_SAID = "The general reserve has a minimum level of £12.0m."


def _forecast_bundle() -> Extraction:
    plan = "plan.docx"
    return Extraction(
        figures=[
            _figure(HELD, 21.0e6, "general reserve"),
            _figure(FALL, 7.5e6, None),
            Figure(
                value=7.5e6,
                unit=FigureUnit.GBP,
                label="forecast",
                text=NAMED,
                provenance=[_prov(NAMED, file=plan)],
            ),
            _figure(LEVEL_SAID, 12.0e6, None),
        ]
    )


def test_a_forecast_year_end_balance_leads_the_reserve_card_beside_its_minimum_the_opening_as_context() -> (
    None
):
    """Two documents forecast what the general reserve will be at the year's end, below its minimum;
    the card leads with that forecast and its date, says it falls below the minimum, and gives the
    balance held at the earlier date only as context (never as the card's figure)."""
    found = [r for r in reserves(_forecast_bundle()) if r.kind == "balance"]
    # the unnamed "the balance would reduce to" is the general reserve another statement names
    assert [(r.label, r.amount_gbp) for r in found] == [
        ("general reserve", 21.0e6),
        ("general reserve", 7.5e6),
    ]
    review = build_review(_forecast_bundle())
    assert review.dsg.general_reserve is not None and review.dsg.general_reserve.amount_gbp == 7.5e6
    assert (
        review.dsg.general_reserve_held is not None and review.dsg.general_reserve_held.amount_gbp == 21.0e6
    )
    text = _summary(_forecast_bundle())
    assert "General reserve forecast at 31 March 2026, below its minimum £7.5m" in text
    # the minimum beside the forecast in the card's first sentence, which a card cut short keeps
    assert (
        "General reserve £7.5m at 31 March 2026, below the £12.0m minimum the documents set (a forecast, not a"
        " balance held" in text
    )
    assert "£21.0m held at 31 March 2025)" in text
