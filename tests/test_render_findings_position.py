"""Headline findings and pack wording for a budget without a forecast, a gap with a surplus year,
the drivers' factors that bear on the council, and source locators."""

from __future__ import annotations

from lxml import html as lxml_html
from render_samples import sample, with_selection

from analyse.reconcile import checks_count
from analyse.records import (
    ActionsOutsideForecast,
    CarriedVariance,
    GapPart,
    GapYear,
    Money3,
    Scope,
    StatedForecast,
)
from extract.records import Provenance
from render import findings
from render.pack import pack_html
from render.refs import Figures
from render.sources import Source
from tests.review_builders import pressure

PROV = Provenance(
    file="appendixE.pdf", sha256="ab" * 32, page=1, bbox=None, locator="row 38", text="NET BUDGET"
)


def figured(review):
    return review, Figures(review)


def budget_only():
    review, extraction = sample()
    position = review.position.model_copy(
        update={
            "budget_gbp": 1_529_659_500.0,
            "forecast_gbp": None,
            "variance_gbp": None,
            "children_services": Money3(budget_gbp=448_684_500.0, provenance=[PROV]),
            "children_services_name": "CYPE",
            "mtfp_gap": [
                GapYear(
                    period="2026-27", amount_gbp=3_108_000.0, provenance=[PROV], label="Unresolved balance"
                ),
                GapYear(
                    period="2027-28", amount_gbp=-2_819_900.0, provenance=[PROV], label="Unresolved balance"
                ),
            ],
        }
    )
    return with_selection(review.model_copy(update={"position": position}), extraction), extraction


def test_a_budget_without_a_forecast_is_a_finding_with_its_share_of_the_council() -> None:
    review, extraction = budget_only()
    found = findings.children_budget(review, Figures(review))
    assert found is not None and found.figure == "£448.7m"
    assert "29% of the council's £1,529.7m" in found.detail and "No forecast outturn" in found.detail
    assert findings.children_position(review, Figures(review)) is None


def test_the_gap_finding_names_the_largest_gap_and_calls_a_negative_year_a_surplus() -> None:
    review, extraction = budget_only()
    found = findings.mtfp_gap(review, Figures(review))
    assert found is not None
    assert found.figure == "£3.1m" and found.title.endswith("2026-27")
    assert "a surplus of £2.8m in 2027-28" in found.detail and "-£" not in found.detail


def test_the_budget_position_section_states_the_budget_as_set_without_a_forecast() -> None:
    review, extraction = budget_only()
    text = " ".join(lxml_html.fromstring(pack_html(review, extraction)).text_content().split())
    assert "the council's net budget is £1,529.7m" in text
    assert "No forecast outturn was received" in text


def test_caveats_open_with_their_count_and_name_the_missing_documents() -> None:
    review, extraction = sample()
    # no reconciliations, so no checks counted from them (analyse counts both in one place)
    review = review.model_copy(update={"reconciliations": [], "checks": checks_count([]), "documents": []})
    found = findings.data_quality(review, Figures(review))
    missing = review.missing_documents
    assert len(missing) >= 2  # counted in the plural
    assert found is not None and found.figure == f"{len(missing)} issues"
    assert (
        found.detail
        == f"{len(missing)} issues: {len(missing)} documents not supplied ({', '.join(missing)})."
    )


def test_a_locator_that_names_its_page_is_not_repeated_after_the_page() -> None:
    assert Source(1, "f.pdf", 13, "page 13, table 1, row 5", "t", PROV).where == "p. 13, table 1, row 5"
    assert Source(1, "f.pdf", 3, "paragraph 4", "t", PROV).where == "p. 3, paragraph 4"


def test_a_deck_is_built_when_the_only_gap_stated_has_no_year() -> None:
    # Haringey's scrutiny minutes state "an overall budget gap of £16.4m" with no year.
    from render.deck import render_pptx

    review, extraction = sample()
    extraction = extraction.model_copy(update={"pressures": [], "savings": []})
    gap = GapYear(period=None, amount_gbp=16_400_000.0, provenance=[PROV])
    review = review.model_copy(update={"position": review.position.model_copy(update={"mtfp_gap": [gap]})})
    assert render_pptx(with_selection(review, extraction), extraction)[:2] == b"PK"


def test_a_year_with_no_gap_is_said_to_have_none() -> None:
    review, extraction = budget_only()
    zero = GapYear(period="2025-26", amount_gbp=0.0, provenance=[PROV])
    gaps = [zero, *review.position.mtfp_gap]
    review = review.model_copy(update={"position": review.position.model_copy(update={"mtfp_gap": gaps})})
    found = findings.mtfp_gap(*figured(with_selection(review, extraction)))
    assert found is not None and found.detail.startswith("The MTFP states no gap in 2025-26; a gap of £3.1m")


def test_a_year_whose_gap_rounds_to_nothing_at_a_tenth_of_a_million_is_said_to_have_none() -> None:
    # a gap is written in £m to one place: £40,000 (40 in a £000 table) is £0.0m, £60,000 is £0.1m
    review, extraction = budget_only()
    for amount, said in ((40_000.0, "no gap in 2025-26"), (60_000.0, "a gap of £0.1m in 2025-26")):
        year = GapYear(period="2025-26", amount_gbp=amount, provenance=[PROV])
        gaps = [year, *review.position.mtfp_gap]
        shown = review.model_copy(update={"position": review.position.model_copy(update={"mtfp_gap": gaps})})
        found = findings.mtfp_gap(*figured(with_selection(shown, extraction)))
        assert found is not None and found.detail.startswith(f"The MTFP states {said};"), found.detail


def test_the_caveats_stay_in_a_summary_that_has_more_findings_than_room() -> None:
    review, _ = sample()
    review = review.model_copy(update={"missing_documents": ["Sufficiency Strategy"]})
    everything = findings.headline_findings(review, most=100)
    assert everything[-1].title == "Caveats on the evidence"
    for most in range(2, len(everything)):
        shown = findings.headline_findings(review, most=most)
        assert len(shown) == most and shown[-1].title == "Caveats on the evidence"
        assert shown[:-1] == everything[: most - 1]


def test_a_variance_share_of_budget_is_written_to_one_place() -> None:
    # £12.4m over on £191.0m is 6.49% of budget: a report writes 6.5%, and "6%" would hide half a
    # point of a small share.
    review, extraction = sample()
    derived = review.derived.model_copy(update={"children_variance_share": 100 * 12.4 / 191.0})
    review = review.model_copy(update={"derived": derived})
    found = findings.children_position(review, Figures(review))
    assert found is not None and "6.5% of budget" in found.detail
    assert "(6.5% of budget)" in lxml_html.fromstring(pack_html(review, extraction)).text_content()


def test_the_gap_card_says_most_of_its_year_is_a_row_the_plan_labels_another_directorates() -> None:
    # Kent's card read "£20.1m Council-wide medium-term budget gap" while £17.0m of 2026-27's £20.1m
    # is the plan's "Adult Social Care funding unresolved balance" (appendix D p.2).
    review, extraction = budget_only()

    def part(label: str, amount: float, scope: Scope) -> GapPart:
        return GapPart(label=label, words=label.lower(), amount_gbp=amount, provenance=[PROV], scope=scope)

    def card(adults: float, scope: Scope = Scope.OTHER_DIRECTORATE) -> findings.Finding:
        rows = [
            part("Adult Social Care funding unresolved balance", adults, scope),
            part("Unresolved balance / surplus", 3_108_000.0, Scope.COUNCIL_WIDE),
        ]
        gap = GapYear(
            period="2026-27", amount_gbp=sum(r.amount_gbp for r in rows), provenance=[PROV], parts=rows
        )
        position = review.position.model_copy(update={"mtfp_gap": [gap]})
        shown = with_selection(review.model_copy(update={"position": position}), extraction)
        found = findings.mtfp_gap(shown, Figures(shown))
        assert found is not None
        return found

    said = "Most of 2026-27's gap (£17.0m) is another directorate's: the plan's adult social care funding unresolved balance."
    found = card(17_000_000.0)
    assert found.figure == "£20.1m" and said in found.detail
    assert said in "".join(str(p) for p in findings.card_parts(found))  # a caveat: kept on the card
    # one value changed each time: a part that is not most of the gap, or one the plan does not
    # label another directorate's, is not said to be
    assert "another directorate's:" not in card(2_000_000.0).detail
    assert "another directorate's:" not in card(17_000_000.0, Scope.COUNCIL_WIDE).detail


def test_a_current_year_forecast_stated_in_prose_replaces_no_forecast_received() -> None:
    review, extraction = budget_only()
    words = "A considerable risk to short-term reserves remains from forecast revenue overspend for 2024-25."
    where = PROV.model_copy(update={"file": "budget_report.pdf", "page": 4, "text": words})
    risk = PROV.model_copy(update={"file": "risk_register.pdf", "page": 2})
    stated = [
        StatedForecast(
            year="2024-25", outcome="overspend", scope=Scope.COUNCIL_WIDE, words=words, provenance=[where]
        ),
        StatedForecast(
            year="2024-25",
            outcome="overspend",
            amount_gbp=23.3e6,
            source="risk register",
            scope=Scope.COUNCIL_WIDE,
            words="2024-25 potential overspend impact on reserves",
            provenance=[risk],
        ),
        StatedForecast(  # the same forecast again, later in the report (Kent's §12.5): said once
            year="2024-25",
            outcome="overspend",
            scope=Scope.COUNCIL_WIDE,
            words="There remains a significant risk to reserves from the forecast overspend for 2024-25.",
            provenance=[where.model_copy(update={"page": 41})],
        ),
    ]
    review = review.model_copy(
        update={"position": review.position.model_copy(update={"current_year": stated})}
    )
    found = findings.children_budget(review, Figures(review))
    assert found is not None and "No forecast outturn was received" not in found.detail
    assert (
        "No forecast outturn table was received; the documents forecast a council-wide overspend for 2024-25"
        " (amount not stated), which the risk register sizes as a council-wide risk of £23.3m (2024-25)."
    ) in found.detail
    assert found.detail.count("overspend") == 1
    assert where in found.provenance and risk in found.provenance
    text = lxml_html.fromstring(pack_html(review, extraction)).text_content()
    assert "No forecast outturn was received" not in text


def test_a_services_stated_forecast_is_named_by_the_statements_own_subject_and_said_in_the_budget_section() -> (
    None
):
    # Kent's budget report p.31 names home to school transport only; the card said "an underspend in
    # education, SEND and home-to-school transport" (the scope's name), and the budget section sent
    # the reader to the executive summary, which had cut it.
    review, extraction = budget_only()
    words = (
        "In year budget monitoring is showing significant underspend on home to school transport, this is"
        " not as a result of lower numbers within the demand calculation."
    )
    where = PROV.model_copy(update={"file": "budget_report.pdf", "page": 31, "text": words})
    stated = StatedForecast(
        year="2024-25",
        outcome="underspend",
        scope=Scope.EDUCATION_SEND_TRANSPORT,
        words=words,
        provenance=[where],
    )
    assert stated.subject == "home to school transport"
    review = review.model_copy(
        update={"position": review.position.model_copy(update={"current_year": [stated]})}
    )
    said = "the documents forecast an underspend on home to school transport for 2024-25 (amount not stated)"
    found = findings.children_budget(review, Figures(review))
    assert found is not None and said in found.detail and "education, SEND" not in found.detail
    text = " ".join(lxml_html.fromstring(pack_html(review, extraction)).text_content().split())
    assert f"in prose only: {said}" in text and "see the executive summary" not in text
    year_only = stated.model_copy(
        update={"words": "A risk remains from forecast revenue underspend for 2024-25."}
    )
    assert year_only.subject is None  # a year is no subject


def test_a_forecast_the_prose_gives_no_amount_for_is_sized_by_the_budget_builds_change_to_its_line() -> None:
    # Kent's budget report p.31 gives no amount for the transport underspend, while its build's
    # "Home to School Transport (5,300) 'Underlying underspend from 24-25 monitoring'" [S79] stood
    # on the same page of the pack: "(amount not stated)" beside it was not the documents' want.
    review, extraction = budget_only()
    words = "In year budget monitoring is showing significant underspend on home to school transport."
    where = PROV.model_copy(update={"file": "budget_report.pdf", "page": 31, "text": words})
    stated = StatedForecast(
        year="2024-25",
        outcome="underspend",
        scope=Scope.EDUCATION_SEND_TRANSPORT,
        words=words,
        provenance=[where],
    )
    line = pressure(
        "Home to School Transport", -5_300_000.0, directorate="CYPE", category="Base Budget Changes"
    )
    built = CarriedVariance(
        **line.model_dump(),
        scope=Scope.EDUCATION_SEND_TRANSPORT,
        period="2025-26",
        current_year="2024-25",
        amount_gbp=-5_300_000.0,
        stated=[stated],
    )

    def said(change: CarriedVariance) -> tuple[str, str, list[Provenance]]:
        selection = review.selection.model_copy(update={"carried_variances": [change]})
        position = review.position.model_copy(update={"current_year": [stated]})
        shown = review.model_copy(update={"position": position, "selection": selection})
        found = findings.children_budget(shown, Figures(shown))
        assert found is not None
        text = " ".join(lxml_html.fromstring(pack_html(shown, extraction)).text_content().split())
        return found.detail, text, found.provenance

    sized = (
        "an underspend on home to school transport for 2024-25 (the prose gives no amount; the budget"
        " build takes out £5.3m as the underlying 2024-25 underspend)"
    )
    detail, text, cited = said(built)
    assert sized in detail and sized in text and "amount not stated" not in text
    assert line.provenance[0] in cited
    # the build's change is cited with the sentence: every place shown, none cut to "+1"
    after = text[text.rindex(sized) :]  # the budget section, after the summary's card
    cites = after[after.index("[") : after.index("]") + 1]
    assert "+" not in cites and cites.count("S") == 2, cites
    # another year's change, the other way's, or another line's does not size it
    for other in (
        built.model_copy(update={"current_year": "2023-24"}),
        built.model_copy(update={"amount_gbp": 5_300_000.0}),
        built.model_copy(update={"stated": []}),
    ):
        detail, text, _ = said(other)
        assert "(amount not stated)" in detail and "prose gives no amount" not in text


def test_the_budget_position_says_the_recovery_plan_the_forecast_does_not_count_yet() -> None:
    review, extraction = sample()
    said = "Management actions of £1.10m are not yet reflected in the forecast."
    actions = ActionsOutsideForecast(
        amount_gbp=1_100_000.0, scope=Scope.CHILDRENS_SOCIAL_CARE, words=said, provenance=[PROV]
    )
    position = review.position.model_copy(update={"actions_outside_forecast": [actions]})
    review = review.model_copy(update={"position": position})
    text = " ".join(lxml_html.fromstring(pack_html(review, extraction)).text_content().split())
    assert "£1.1m of the council's own actions to bring the overspend down" in text
    assert "are not yet in this forecast" in text and said in text
