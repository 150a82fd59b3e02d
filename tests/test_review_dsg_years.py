"""The DSG's in-year position for each year the documents name, the documents' own view of whether
reserves could absorb the deficit, and the general reserve after the next year's planned use and
forecast overspend: read from built records and from Kent's real pages."""

from __future__ import annotations

import re
from html import unescape
from pathlib import Path

import pytest
from domain_tables import pipeline_tables

from analyse.derived import derived_figures
from analyse.dsg import (
    NOT_GIVEN,
    dsg_position,
    from_general,
    override_end,
    override_sentences,
    planned_use,
    reserve_after,
    stated_in_year,
    year_end,
)
from analyse.records import DsgItem, Position, Reserve
from analyse.reserves import reserves
from analyse.scope import scope_index
from extract.domain.from_tables import records_from_tables
from extract.domain.risks import risks_from_tables
from extract.records import Extraction, Passage, PeriodAmount, PlanLine
from render.findings import dsg_against_reserve
from render.pack import pack_html
from render.refs import Figures
from tests.render_samples import sample
from tests.review_builders import YEAR, prov
from tests.test_review_dsg import _dsg_slide_text, _figure

# Kent's Appendix F p.10, the DSG pressure's description as printed.
PRESSURE = (
    "Anticipated in year deficit of £23.9m in 2025-26 reducing to £8.3m in 2026-27 against the Dedicated "
    "Schools Grant due to costs of High Needs Education expected to exceed the grant allocation, with a "
    "surplus of £5.9m forecast for 2027-28"
)
# Kent's budget report p.18: the cumulative deficit at a year's end, never a year's position.
CUMULATIVE = (
    "As a result of this, the deficit on the High Needs Block has been reduced by contributions to an "
    "estimated £96m at the end of 2024-25."
)
# Kent's budget report p.9, para 2.23 (its last sentences).
VIEW = (
    "The current override expires on 31st March 2026. In accordance with the current Safety Valve "
    "agreement, the draft budget includes the Council's contribution to a specific reserve which is "
    "intended to progressively offset the accumulated DSG deficit over the lifetime of the agreement, but "
    "this reserve would not be sufficient if the override is not renewed after March 2026."
)


def _pressure(
    description: str, title: str = "Dedicated Schools Grant (DSG) anticipated in year deficit"
) -> PlanLine:
    return PlanLine(
        title=title, description=description, provenance=[prov(description, "appendixF.pdf", "row 19")]
    )


def _passage(text: str) -> Passage:
    return Passage(text=text, provenance=[prov(text, "budget.pdf", "paragraph 2.23")])


def test_each_year_a_dsg_pressure_names_is_its_own_in_year_position() -> None:
    found = stated_in_year(Extraction(pressures=[_pressure(PRESSURE)]))
    assert [(i.year, i.amount_gbp, i.words) for i in found] == [
        ("2025-26", 23.9e6, "in year deficit"),
        ("2026-27", 8.3e6, "in year deficit"),  # "reducing to": the deficit's word carries on
        ("2027-28", -5.9e6, "surplus"),
    ]
    assert all(i.places == 1 and i.provenance[0].locator == "row 19" for i in found)


def test_an_in_year_position_keeps_the_places_its_sentence_prints_in_millions() -> None:
    # as every prose figure keeps them (Figure.places): "£850k" has no places in £m, "£1.25bn" none
    said = "The High Needs in year deficit is forecast at £850k in 2025-26 and £1.25bn in 2026-27."
    found = stated_in_year(Extraction(passages=[_passage(said)]))
    assert [(i.year, i.amount_gbp, i.places) for i in found] == [
        ("2025-26", 850e3, None),
        ("2026-27", 1.25e9, 0),
    ]


def test_a_pressure_not_on_the_dsg_gives_no_dsg_position() -> None:
    text = PRESSURE.replace("Dedicated Schools Grant", "adult social care budget").replace("High Needs ", "")
    assert stated_in_year(Extraction(pressures=[_pressure(text, "Adult social care demand")])) == []


def test_a_cumulative_deficit_at_a_years_end_is_not_that_years_position() -> None:
    assert stated_in_year(Extraction(passages=[_passage(CUMULATIVE)])) == []
    # a deficit for a year not said to be the year's own is the cumulative one
    reach = "The DSG deficit is forecast to reach £120m in 2025-26."
    assert stated_in_year(Extraction(passages=[_passage(reach)])) == []


def test_the_monitorings_position_is_its_years_and_the_years_are_in_order() -> None:
    text = "The High Needs block is forecast to overspend by £4.6m this year."
    extraction = Extraction(passages=[_passage(text)], pressures=[_pressure(PRESSURE)])
    extraction = extraction.model_copy(update={"figures": [_figure(text, 4.6e6, "overspend")]})
    # the monitoring's is the review year's, before a statement of the same year, and the years in order
    found = dsg_position(extraction, scope_index(extraction), "2026-27").in_year
    assert [(i.year, i.amount_gbp) for i in found] == [
        ("2025-26", 23.9e6),
        ("2026-27", 4.6e6),
        ("2027-28", -5.9e6),
    ]


def test_kents_real_pages_give_each_years_in_year_position(kent_dir: Path) -> None:
    # Appendix F p.10 (the DSG pressure) and Appendix I p.1 (the High Needs risk: "2024-25 ... the
    # council is forecasting to be £10m off-target": against the Safety Valve plan's trajectory, the
    # plan's delivery, not the year's position: analyse.plan_delivery).
    doc, tables = pipeline_tables(kent_dir / "kent_cabinet_2025-01-30_appendixF_budget_templates.pdf")
    pressures = records_from_tables(tables, doc).pressures
    doc, tables = pipeline_tables(kent_dir / "kent_cabinet_2025-01-30_appendixI_budget_risk_register.pdf")
    extraction = Extraction(pressures=pressures, risks=risks_from_tables(tables, doc))
    found = dsg_position(extraction, scope_index(extraction), "2025-26")
    assert [(i.year, i.amount_gbp, i.words, i.provenance[0].page) for i in found.in_year] == [
        ("2025-26", 23.9e6, "in year deficit", 10),
        ("2026-27", 8.3e6, "in year deficit", 10),
        ("2027-28", -5.9e6, "surplus", 10),
    ]
    assert NOT_GIVEN["in_year"] not in found.not_found
    assert [(d.against, d.amount_gbp, d.years) for d in found.plan_delivery if d.amount_gbp] == [
        ("behind", 10e6, ["2024-25"])
    ]


def test_the_documents_view_of_whether_reserves_could_absorb_the_deficit_is_quoted() -> None:
    extraction = Extraction(passages=[_passage(VIEW)])
    found = dsg_position(extraction, scope_index(extraction), YEAR).reserve_view
    assert found is not None
    assert (
        found.words
        == "but this reserve would not be sufficient if the override is not renewed after March 2026"
    )
    assert found.provenance[0].text.startswith("In accordance with")
    elsewhere = Extraction(passages=[_passage(VIEW.replace("would not be sufficient", "is held"))])
    assert dsg_position(elsewhere, scope_index(elsewhere), YEAR).reserve_view is None


def test_kents_budget_report_gives_its_view_on_page_9(kent_dir: Path) -> None:
    from extract.document import extract_file

    name = "kent_cabinet_2025-01-30_draft_revenue_budget_2025-26_MTFP_2025-28.pdf"
    extraction = extract_file(name, (kent_dir / name).read_bytes())
    found = dsg_position(extraction, scope_index(extraction), "2025-26").reserve_view
    assert found is not None and found.provenance[0].page == 9
    assert "would not be sufficient if the override is not renewed after March 2026" in found.words
    assert (found.reserve, found.on_general) == (SPECIFIC, False)  # "this reserve": the Safety Valve one


def _balance(amount: float, at: str) -> Reserve:
    text = f"The general fund balance stood at £{amount / 1e6:.1f}m at {at}."
    return Reserve(
        kind="balance",
        label="general fund balance",
        amount_gbp=amount,
        at=at,
        text=text,
        provenance=[prov(text, "monitoring.pdf")],
    )


GENERAL_USE = "Use of general fund balance"


def _use(year: str, amount: float, label: str = GENERAL_USE) -> Reserve:
    text = f"{label} | ({amount / 1e3:,.0f})"
    return Reserve(
        kind="flow",
        label=f"{label} (the table's total)",
        amounts=[PeriodAmount(period=year, amount_gbp=-amount)],
        text=text,
        direction="out of reserves",
        provenance=[prov(text, "mtfp.pdf", "table 2, row 18")],
    )


def _council(period: str, variance: float) -> Position:
    return Position(
        period=period, variance_gbp=variance, provenance=[prov("COUNCIL TOTAL", "monitoring.pdf")]
    )


def test_the_reserve_after_the_next_years_planned_use_and_overspend_is_derived_with_each_part_cited() -> None:
    reserve = _balance(42.5e6, "31 March 2025")
    after = reserve_after(reserve, [reserve, _use("2025-26", 8.23e6)], _council("2025-26", 12.8e6))
    assert after is not None
    assert (after.year, after.planned_use_gbp, after.forecast_overspend_gbp) == ("2025-26", 8.23e6, 12.8e6)
    assert after.amount_gbp == pytest.approx(42.5e6 - 8.23e6 - 12.8e6)
    assert [p.file for p in after.provenance] == ["monitoring.pdf", "mtfp.pdf", "monitoring.pdf"]


def test_a_planned_use_of_reserves_not_said_to_be_the_general_reserves_is_not_taken_from_it() -> None:
    reserve = _balance(42.5e6, "31 March 2025")
    council = _council("2025-26", 12.8e6)
    assert reserve_after(reserve, [_use("2025-26", 8.23e6)], council) is not None
    # Wyvern's MTFP: "One-off use of reserves", "Total Reserves": which reserve it is not said
    unsaid = [_use("2025-26", 8.23e6, "Total Reserves")]
    assert reserve_after(reserve, unsaid, council) is None
    bundle = Extraction(passages=[_passage(VIEW)])
    not_found = dsg_position(bundle, scope_index(bundle), YEAR, [reserve, *unsaid], council).not_found
    assert any("which reserve 2025-26's planned use of reserves comes from" in w for w in not_found)
    said = dsg_position(bundle, scope_index(bundle), YEAR, [reserve, _use("2025-26", 8.23e6)], council)
    assert said.reserve_after is not None and not any("which reserve" in w for w in said.not_found)


def test_kents_planned_drawdowns_are_not_said_to_be_from_its_general_reserve(kent_dir: Path) -> None:
    # Appendix F pp.23-24: "TOTAL DRAWDOWNS FROM RESERVES", core and externally funded: which
    # reserves they draw on the table does not say, so a general reserve is not reduced by them.
    doc, tables = pipeline_tables(kent_dir / "kent_cabinet_2025-01-30_appendixF_budget_templates.pdf")
    read = records_from_tables(tables, doc)
    flows = reserves(Extraction(pressures=read.pressures, mtfp_totals=read.mtfp_totals, savings=read.savings))
    use = planned_use(flows, "2025-26")
    assert use is not None and use.label.startswith("TOTAL DRAWDOWNS FROM RESERVES")
    assert use.provenance[0].page == 23 and not from_general(use)
    reserve = _balance(43.0e6, "31 March 2025")
    assert reserve_after(reserve, flows, _council("2025-26", 12.8e6)) is None
    said = use.model_copy(update={"label": "TOTAL DRAWDOWNS FROM THE GENERAL RESERVE"})
    assert reserve_after(reserve, [said], _council("2025-26", 12.8e6)) is not None


def test_no_reserve_after_is_derived_from_another_years_use_or_an_underspend() -> None:
    reserve = _balance(43.0e6, "the end of 2023-24")
    assert reserve_after(reserve, [_use("2025-26", 10.7e6)], _council("2025-26", 5e6)) is None
    march = _balance(42.5e6, "31 March 2025")
    assert reserve_after(march, [], _council("2025-26", -3e6)) is None


def test_the_pack_and_card_show_the_years_the_view_and_the_derived_reserve() -> None:
    review, extraction = sample()
    reserve = _balance(42.5e6, "31 March 2025")
    bundle = Extraction(passages=[_passage(VIEW)], pressures=[_pressure(PRESSURE)])
    dsg = dsg_position(bundle, scope_index(bundle), YEAR)
    after = reserve_after(reserve, [_use("2025-26", 8.23e6)], _council("2025-26", 12.8e6))
    review = review.model_copy(
        update={"dsg": dsg.model_copy(update={"general_reserve": reserve, "reserve_after": after})}
    )
    html = pack_html(review, extraction)
    section = html[html.index('<section id="dsg">') :]
    words = re.sub(r" \[S\d+\]", "", re.sub(r"<[^>]+>", "", section[: section.index("</section>")]))
    assert "2025-26: £23.9m in year deficit" in words and "2027-28: £5.9m surplus" in words
    assert (
        "after the planned £8.2m use of reserves" in words and "£12.8m forecast overspend in 2025-26" in words
    )
    assert "if met from balances, the reserve would be £21.5m" in words
    assert "“but this reserve would not be sufficient" in words
    assert NOT_GIVEN["in_year"] not in words
    card = dsg_against_reserve(review, Figures(review))
    assert card is not None
    card = card.detail
    # the view is of the Safety Valve reserve its sentence names, never the general reserve's
    assert f"The documents' view of “{SPECIFIC}” (not the general reserve): “but this reserve" in card
    assert "A question for the S151 officer: could the council absorb the deficit when it does?" in card
    assert "The documents' view of another reserve (not the general reserve)" in words
    text, _ = _dsg_slide_text(review, extraction)
    assert f"The documents' view of “{SPECIFIC}” (not the general reserve): “but this reserve would" in text


# What "this reserve" in Kent's para 2.23 is: the reserve the sentence names before it.
SPECIFIC = (
    "a specific reserve which is intended to progressively offset the accumulated DSG deficit over the "
    "lifetime of the agreement"
)
GENERAL_VIEW = (
    "The Council holds a general reserve of £43.0m against unforeseen risks. This reserve would not be "
    "sufficient to absorb the DSG deficit if the statutory override ends."
)


def test_a_view_of_this_reserve_is_of_the_reserve_its_sentence_names() -> None:
    bundle = Extraction(passages=[_passage(VIEW)])
    view = dsg_position(bundle, scope_index(bundle), YEAR).reserve_view
    assert view is not None and (view.reserve, view.on_general) == (SPECIFIC, False)
    named = VIEW.replace("to a specific reserve", "to the general reserve")
    bundle = Extraction(passages=[_passage(named)])
    view = dsg_position(bundle, scope_index(bundle), YEAR).reserve_view
    assert view is not None and view.on_general and view.reserve.startswith("the general reserve which")


def test_a_view_of_this_reserve_is_of_the_reserve_the_sentence_before_names() -> None:
    bundle = Extraction(passages=[_passage(GENERAL_VIEW)])
    view = dsg_position(bundle, scope_index(bundle), YEAR).reserve_view
    assert view is not None and view.on_general
    assert view.reserve == "a general reserve of £43.0m against unforeseen risks"
    assert [p.text for p in view.provenance] == GENERAL_VIEW.replace(". ", ".\n").split("\n")[::-1]
    earmarked = Extraction(passages=[_passage(GENERAL_VIEW.replace("a general", "an earmarked"))])
    view = dsg_position(earmarked, scope_index(earmarked), YEAR).reserve_view
    assert view is not None and not view.on_general


@pytest.mark.parametrize("general", [True, False])
def test_only_a_view_of_the_general_reserve_is_set_beside_the_deficits_share_of_it(general: bool) -> None:
    review, _ = sample()
    reserve = _balance(42.5e6, "31 March 2025")
    deficit = DsgItem(amount_gbp=96e6, words="31 March 2025", text=CUMULATIVE, provenance=[prov(CUMULATIVE)])
    bundle = Extraction(passages=[_passage(GENERAL_VIEW if general else VIEW)])
    dsg = dsg_position(bundle, scope_index(bundle), YEAR, [reserve])
    review = review.model_copy(update={"dsg": dsg.model_copy(update={"cumulative_deficit": deficit})})
    review = review.model_copy(update={"derived": derived_figures(review)})
    card = dsg_against_reserve(review, Figures(review))
    assert card is not None and review.derived.dsg_deficit_share_of_reserve is not None
    detail = card.detail
    # the ratio is said first (a card defines its figure first); another reserve's view follows in a
    # sentence of its own, a view of the general reserve is set beside the ratio's question
    ratio, view = detail.index("general fund balance"), detail.index("would not be sufficient")
    assert ratio < view and ("would not be sufficient" in detail[ratio:].split(". ")[0]) is False
    assert ("The documents' view of the general reserve: “This reserve" in detail) is general
    assert ("(not the general reserve): “but this reserve" in detail) is not general
    assert (
        "A question for the S151 officer: what is the plan if the override is not extended?" in detail
    ) is general


# Kent's Appendix I p.1, the High Needs risk's consequence, as printed.
CONSEQUENCE = (
    "If the statutory override is removed, and no additional funding is made available to pay off the "
    "residual deficit, the accumulated deficit will form part of the Council's accounts and the Council "
    "may not be able to set a balanced budget."
)


def test_what_follows_the_overrides_end_is_the_documents_words_or_said_conditionally() -> None:
    review, extraction = sample()
    said = Extraction(passages=[_passage(f"The DSG statutory override is due to end. {CONSEQUENCE}")])
    dsg = dsg_position(said, scope_index(said), YEAR)
    assert dsg.override_consequence is not None and dsg.override_consequence.text == CONSEQUENCE
    for found, expected in (
        (dsg, f"the documents say: “{CONSEQUENCE[:-1]}”"),
        (
            dsg.model_copy(update={"override_consequence": None}),
            # no words of the documents on it: a question, never the pack's own inference (Ashdown
            # Vale's reader: "falls on the council's reserves" was the pack's claim, not the papers')
            "the documents do not say where the deficit falls when it ends: a question for the S151 officer",
        ),
    ):
        html = pack_html(review.model_copy(update={"dsg": found}), extraction)
        section = html[html.index('<section id="dsg">') :]
        words = re.sub(r" \[S\d+\]", "", re.sub(r"<[^>]+>", "", section[: section.index("</section>")]))
        assert (
            expected in unescape(" ".join(words.split()))
            and "the deficit falls on the council when" not in words
            and "unless further funding" not in words
        )
    unsaid = CONSEQUENCE.replace("Council's accounts", "grant's accounts").replace(
        "the Council may", "it may"
    )
    off = Extraction(passages=[_passage(f"The DSG statutory override is due to end. {unsaid}")])
    assert dsg_position(off, scope_index(off), YEAR).override_consequence is None


def test_what_follows_the_overrides_end_may_be_said_of_the_time_after_it() -> None:
    # Wyvern's (fictional) monitoring report: the consequence put after the override's end date
    after = (
        "The deficit is held in an unusable reserve under the statutory override, which runs to March "
        "2028; after that date it would fall on the Council's general fund."
    )
    said = Extraction(passages=[_passage(f"The cumulative DSG deficit is £38.2m. {after}")])
    found = dsg_position(said, scope_index(said), YEAR).override_consequence
    assert found is not None and found.text == after
    held = after.replace("after that date it would fall on", "it is held apart from")
    kept = Extraction(passages=[_passage(f"The cumulative DSG deficit is £38.2m. {held}")])
    assert dsg_position(kept, scope_index(kept), YEAR).override_consequence is None


def test_kents_risk_register_says_what_follows_the_overrides_end_on_page_1(kent_dir: Path) -> None:
    from extract.document import extract_file

    name = "kent_cabinet_2025-01-30_appendixI_budget_risk_register.pdf"
    extraction = extract_file(name, (kent_dir / name).read_bytes())
    found = dsg_position(extraction, scope_index(extraction), "2025-26").override_consequence
    assert found is not None and found.provenance[0].page == 1
    assert found.text == CONSEQUENCE


@pytest.mark.parametrize("dash", ["/", "\u2013", "-"])
def test_a_year_written_with_a_slash_or_an_en_dash_is_read_as_the_year_it_names(dash: str) -> None:
    # the one financial-year rule (extract.numbers): "2025/26" and "2025–26" are "2025-26", as a
    # table's heading or a figure's period reads them
    said = PRESSURE.replace("-", dash)
    found = stated_in_year(Extraction(pressures=[_pressure(said)]))
    assert [(i.year, i.amount_gbp) for i in found] == [
        ("2025-26", 23.9e6),
        ("2026-27", 8.3e6),
        ("2027-28", -5.9e6),
    ]
    assert year_end(f"the end of 2024{dash}25") == (2025, 3)
    ended = override_end(
        override_sentences([_passage(f"The DSG statutory override is extended to 2027{dash}28.")])
    )
    assert ended is not None and ended.words == f"2027{dash}28"


def test_the_year_just_after_a_dsg_sum_may_be_named_with_the_as_a_reserves_flows_is() -> None:
    # extract.numbers.IN_A_YEAR, read by both: "in the 2025-26 financial year" as "in 2025-26"
    said = PRESSURE.replace("£23.9m in 2025-26", "£23.9m in the 2025-26 financial year")
    found = stated_in_year(Extraction(pressures=[_pressure(said)]))
    assert [(i.year, i.amount_gbp) for i in found] == [
        ("2025-26", 23.9e6),
        ("2026-27", 8.3e6),
        ("2027-28", -5.9e6),
    ]


def test_a_contributions_years_are_quoted_as_written_a_span_joined_as_a_reserves_flows_is() -> None:
    from analyse.dsg import YEARS

    said = ["2025-26", "2022-23 to 2027-28", "2022-23\u20142027-28", "2024-25 and 2025-26"]
    assert [m.group(0) for w in said if (m := YEARS.search(f"contributions between {w} towards"))] == said


def test_the_dsg_slide_says_what_follows_the_overrides_end_as_the_pack_does() -> None:
    # Wyvern R3: slide 4 said when the override ends but not that the deficit then falls on the
    # general fund; the slide quotes the documents' words, as the pack's DSG section does
    review, extraction = sample()
    said = Extraction(passages=[_passage(f"The DSG statutory override ends in March 2028. {CONSEQUENCE}")])
    dsg = dsg_position(said, scope_index(said), YEAR)
    assert dsg.override_end is not None and dsg.override_consequence is not None
    text, _ = _dsg_slide_text(review.model_copy(update={"dsg": dsg}), extraction)
    assert (
        f"The documents say the statutory override ends March 2028; of what follows it, they say: “{CONSEQUENCE[:-1]}”."
        in " ".join(text.split())
    )
    # one value changed: without the documents' words on what follows, the slide says only the date
    text, _ = _dsg_slide_text(
        review.model_copy(update={"dsg": dsg.model_copy(update={"override_consequence": None})}), extraction
    )
    assert "The documents say the statutory override ends March 2028." in text and "follows" not in text
