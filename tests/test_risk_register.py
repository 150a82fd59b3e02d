"""Risks read from risk-register tables built by hand, and tables that are not registers."""

from __future__ import annotations

import pytest
from domain_tables import document, table

from extract.domain.risks import risks_from_tables
from extract.records import Rag


def test_a_register_gives_each_risk_with_its_rating_owner_and_row() -> None:
    rows = [
        ["Ref", "Risk title", "Description", "Current risk score", "Target score", "Risk owner"],
        [
            "CR4",
            "Placement sufficiency",
            "Too few local placements drive costs up",
            "20",
            "9",
            "Corporate Director CYPE",
        ],
        ["CR7", "High Needs deficit", "DSG deficit grows", "16", "12", "Director of Education"],
    ]
    first, second = risks_from_tables([table(rows, title="Corporate risk register")], document())
    assert (first.ref, first.title, first.owner) == (
        "CR4",
        "Placement sufficiency",
        "Corporate Director CYPE",
    )
    assert first.description == "Too few local placements drive costs up"
    assert (first.rating, first.score) == ("20", 20.0)  # the current score, not the target
    assert second.score == 16.0
    assert first.provenance[0].page == 3 and first.provenance[0].locator == "page 3, table 1, row 2"
    assert "Placement sufficiency" in first.provenance[0].text


def test_a_rating_in_words_gives_its_rag() -> None:
    rows = [
        ["Risk", "Rating", "Lead officer"],
        ["UASC grant does not cover costs", "Red", "DCS"],
        ["Social worker recruitment", "Medium", "Head of HR"],
    ]
    risks = risks_from_tables([table(rows)], document())
    assert [(r.rating, r.rag, r.score) for r in risks] == [
        ("Red", Rag.RED, None),
        ("Medium", Rag.AMBER, None),
    ]


def test_a_register_that_rates_likelihood_alone_keeps_it_with_the_directorate_and_annual_exposure() -> None:
    # Kent's budget risk register: no score, a likelihood out of 5, annual and lifetime exposure.
    rows = [
        [
            "Directorate",
            "Risk Title",
            "Source/Cause of Risk",
            "Risk Event",
            "Current Likelihood (1-5)",
            "Estimated Annual Financial Exposure £m",
            "Estimated Lifetime Financial Exposure £m",
        ],
        ["CYPE", "Market Sustainability", "Too few placements", "Costs rise", "4", "10.0", ""],
    ]
    (risk,) = risks_from_tables([table(rows)], document())
    assert (risk.directorate, risk.title, risk.description) == (
        "CYPE",
        "Market Sustainability",
        "Too few placements",
    )
    assert (risk.likelihood, risk.score, risk.rating) == (4.0, None, None)
    assert risk.exposure_gbp == pytest.approx(10_000_000.0)


def test_likelihood_times_impact_is_the_score_where_no_score_is_given() -> None:
    rows = [
        ["Risk", "Likelihood", "Impact", "Owner"],
        ["Home to school transport costs", "4", "5", "Director of Education"],
    ]
    (risk,) = risks_from_tables([table(rows)], document())
    assert (risk.score, risk.rating) == (20.0, "20")


def test_an_exposure_column_gives_money_in_its_heading_unit() -> None:
    rows = [
        ["Risk Title", "Likelihood", "Impact", "Estimated Annual Financial Exposure £m"],
        ["High needs", "4", "5", "20.0"],
        ["Cyber security", "3", "5", "-"],
    ]
    high_needs, cyber = risks_from_tables([table(rows, title="Budget risks")], document())
    assert high_needs.exposure_gbp == pytest.approx(20_000_000.0)
    assert cyber.exposure_gbp is None  # a dash: none estimated, not £0


@pytest.mark.parametrize(
    "rows",
    [
        [["Service", "Budget £000", "Forecast £000"], ["Fostering", "100", "120"]],
        [
            ["Ref", "Saving", "Target £000", "Risk"],
            ["S1", "Agency staff", "500", "Red"],
        ],  # a tracker's risk column
        [["Name", "Role"], ["Jane Smith", "Director"]],
        [["Ref", "Saving title", "Target £000", "RAG", "Risk"], ["S1", "Agency staff", "500", "Red", "High"]],
    ],
)
def test_tables_that_are_not_registers_give_no_risks(rows: list[list[str]]) -> None:
    assert risks_from_tables([table(rows)], document()) == []
