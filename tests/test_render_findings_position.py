"""Headline findings and pack wording for a budget without a forecast, a gap with a surplus year,
the drivers' factors that bear on the council, and source locators."""

from __future__ import annotations

from render_samples import sample

from analyse.records import Factor, GapYear, Money3
from extract.records import Provenance
from render import findings, views
from render.pack import pack_html
from render.sources import Source

PROV = Provenance(
    file="appendixE.pdf", sha256="ab" * 32, page=1, bbox=None, locator="row 38", text="NET BUDGET"
)


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
    return review.model_copy(update={"position": position}), extraction


def test_a_budget_without_a_forecast_is_a_finding_with_its_share_of_the_council() -> None:
    review, extraction = budget_only()
    found = findings.children_budget(review, extraction)
    assert found is not None and found.figure == "£448.7m"
    assert "29% of the council's £1,529.7m" in found.detail and "No forecast outturn" in found.detail
    assert findings.children_position(review, extraction) is None


def test_the_gap_finding_names_the_largest_gap_and_calls_a_negative_year_a_surplus() -> None:
    review, extraction = budget_only()
    found = findings.mtfp_gap(review, extraction)
    assert found is not None
    assert found.figure == "£3.1m" and found.title.endswith("2026-27")
    assert "a surplus of £2.8m in 2027-28" in found.detail and "-£" not in found.detail


def test_the_budget_position_section_states_the_budget_as_set_without_a_forecast() -> None:
    review, extraction = budget_only()
    html = pack_html(review, extraction)
    assert (
        "the council&#39;s net budget is £1,529.7m" in html or "the council's net budget is £1,529.7m" in html
    )
    assert "No forecast outturn was received" in html


def test_caveats_that_open_with_missing_documents_begin_with_a_capital() -> None:
    review, extraction = sample()
    review = review.model_copy(update={"reconciliations": [], "documents": []})
    found = findings.data_quality(review, extraction)
    assert found is not None and found.detail.startswith("Not supplied: ")


def test_only_the_councils_own_type_and_region_are_listed_among_the_drivers() -> None:
    review, _ = sample()
    factors = [
        Factor(name="IDACI score +0.10", effect=140.0),
        Factor(name="type: unitary authority", effect=-257.0),
        Factor(name="region: North East", effect=461.0),
        Factor(name="region: East Midlands", effect=0.0),
    ]
    review = review.model_copy(update={"drivers": review.drivers.model_copy(update={"factors": factors})})
    # The sample council is a shire county (the model's reference type) in the East Midlands.
    assert [f.name for f in views.council_factors(review)] == ["IDACI score +0.10", "region: East Midlands"]


def test_a_locator_that_names_its_page_is_not_repeated_after_the_page() -> None:
    assert Source(1, "f.pdf", 13, "page 13, table 1, row 5", "t").where == "p. 13, table 1, row 5"
    assert Source(1, "f.pdf", 3, "paragraph 4", "t").where == "p. 3, paragraph 4"


def test_a_deck_is_built_when_the_only_gap_stated_has_no_year() -> None:
    # Haringey's scrutiny minutes state "an overall budget gap of £16.4m" with no year.
    from render.deck import render_pptx

    review, extraction = sample()
    extraction = extraction.model_copy(update={"pressures": [], "savings": []})
    gap = GapYear(period=None, amount_gbp=16_400_000.0, provenance=[PROV])
    review = review.model_copy(update={"position": review.position.model_copy(update={"mtfp_gap": [gap]})})
    assert render_pptx(review, extraction)[:2] == b"PK"


def test_a_year_with_no_gap_is_said_to_have_none() -> None:
    review, extraction = budget_only()
    zero = GapYear(period="2025-26", amount_gbp=0.0, provenance=[PROV])
    gaps = [zero, *review.position.mtfp_gap]
    review = review.model_copy(update={"position": review.position.model_copy(update={"mtfp_gap": gaps})})
    found = findings.mtfp_gap(review, extraction)
    assert found is not None and found.detail.startswith("The MTFP states no gap in 2025-26; a gap of £3.1m")


def test_the_pack_shows_only_childrens_service_lines_of_a_whole_council_report() -> None:
    from review_builders import budget

    review, extraction = sample()
    lines = [
        budget("Residential placements", "service_line", 38.4e6, 43.45e6, directorate="Children's Services"),
        budget("Older people", "service_line", 210e6, 212.6e6, directorate="Adult Social Care"),
        budget("Total Adult Social Care", "directorate", 393e6, 393.9e6, directorate="Adult Social Care"),
        budget("Total Children's Services", "directorate", 191e6, 203.4e6, directorate="Children's Services"),
        budget("COUNCIL TOTAL", "total", 818e6, 830.8e6),
    ]
    extraction = extraction.model_copy(update={"budget_lines": lines})
    assert [b.name for b in views.service_lines(extraction)] == ["Residential placements"]
    assert [b.name for b in views.total_lines(extraction)] == ["Total Children's Services", "COUNCIL TOTAL"]
    assert [b.name for b in findings.overspending_lines(views.service_lines(extraction))] == [
        "Residential placements"
    ]


def test_sentences_stating_childrens_money_are_quoted_once_each_and_reserves_are_left_to_their_list() -> None:
    from extract.records import Figure, FigureUnit

    said = "Children's social care growth is £23.7m (10.5% increase) and transport £13.8m."
    figures = [
        Figure(value=23.7e6, unit=FigureUnit.GBP, text=said, provenance=[PROV]),
        Figure(value=13.8e6, unit=FigureUnit.GBP, text=said, provenance=[PROV]),
        Figure(
            value=14.6e6,
            unit=FigureUnit.GBP,
            text="£14.6m DSG reserve for children's deficit.",
            provenance=[PROV],
        ),
        Figure(
            value=5.0e6,
            unit=FigureUnit.GBP,
            text="Highways maintenance costs rose by £5.0m.",
            provenance=[PROV],
        ),
    ]
    review, extraction = sample()
    extraction = extraction.model_copy(update={"figures": figures})
    assert [s.text for s in views.children_statements(extraction)] == [said]


def test_totals_under_the_service_lines_come_from_the_same_document() -> None:
    from review_builders import budget

    review, extraction = sample()
    lines = [
        budget("Residential placements", "service_line", 38.4e6, 43.45e6, file="q2.pdf", directorate="CYPE"),
        budget("Total CYPE", "directorate", 191e6, 203.4e6, file="q2.pdf", directorate="CYPE"),
        budget("CYPE", "directorate", 191e6, 201.1e6, file="q1.pdf", directorate="CYPE"),
        budget("Total", "total", 818e6, 828.9e6, file="q1.pdf"),
    ]
    extraction = extraction.model_copy(update={"budget_lines": lines})
    assert [b.name for b in views.total_lines(extraction)] == ["Total CYPE"]


def test_a_saving_listed_by_both_the_savings_plan_and_the_mtfp_is_shown_once() -> None:
    from review_builders import saving

    lines = [
        saving("Step down from residential to foster care", 1.1e6, file="plan.docx", ref="CYPE-02"),
        saving("Pay and Reward", 0.3e6, file="plan.docx"),
        saving("Pay and Reward", 0.2e6, file="plan.docx"),
        saving("Step down from residential to foster care", 0.9e6, file="mtfp.pdf"),
    ]
    shown = views.plan_only(lines)
    assert [(s.title, s.provenance[0].file) for s in shown] == [
        ("Step down from residential to foster care", "plan.docx"),
        ("Pay and Reward", "plan.docx"),
        ("Pay and Reward", "plan.docx"),
    ]
