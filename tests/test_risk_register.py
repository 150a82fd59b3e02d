"""Risks read from risk-register tables built by hand, and tables that are not registers."""

from __future__ import annotations

from pathlib import Path

import pytest
from domain_tables import document, pipeline_tables, table

from analyse.enquiry import lines_of_enquiry, register_risks
from analyse.records import Position
from analyse.wording import risk_values
from extract.domain.risks import risks_from_tables
from extract.records import Provenance, Rag, Risk

KENT_REGISTER = "kent_cabinet_2025-01-30_appendixI_budget_risk_register.pdf"


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
    assert (risk.likelihood, risk.impact, risk.score, risk.rating) == (4.0, None, None, None)
    assert risk.exposure_gbp == pytest.approx(10_000_000.0)
    assert risk.exposure_words == "Estimated Annual Financial Exposure"


def test_a_risk_with_only_a_lifetime_exposure_keeps_it_under_its_heading() -> None:
    rows = [
        [
            "Risk Title",
            "Current Likelihood (1-5)",
            "Estimated Annual Financial Exposure £m",
            "Estimated Lifetime Financial Exposure £m",
        ],
        ["High Needs Spending", "4", "", "165.0"],
    ]
    (risk,) = risks_from_tables([table(rows)], document())
    assert risk.exposure_gbp == pytest.approx(165_000_000.0)
    assert risk.exposure_words == "Estimated Lifetime Financial Exposure"


def test_likelihood_times_impact_is_the_score_where_no_score_is_given() -> None:
    rows = [
        ["Risk", "Likelihood", "Impact", "Owner"],
        ["Home to school transport costs", "4", "5", "Director of Education"],
    ]
    (risk,) = risks_from_tables([table(rows)], document())
    assert (risk.likelihood, risk.impact, risk.score, risk.rating) == (4.0, 5.0, 20.0, "20")


def test_an_exposure_column_gives_money_in_its_heading_unit() -> None:
    rows = [
        ["Risk Title", "Likelihood", "Impact", "Estimated Annual Financial Exposure £m"],
        ["High needs", "4", "5", "20.0"],
        ["Cyber security", "3", "5", "-"],
    ]
    high_needs, cyber = risks_from_tables([table(rows, title="Budget risks")], document())
    assert high_needs.exposure_gbp == pytest.approx(20_000_000.0)
    assert cyber.exposure_gbp is None  # a dash: none estimated, not £0


REGISTER_HEADING = ["Directorate", "Risk Title", "Source/Cause of Risk", "Current Likelihood (1-5)"]


def test_a_row_heading_a_section_is_no_risk_and_heads_the_risks_below_it_over_pages() -> None:
    # Kent's register: "Significant Risks (over £10m)" across the table above its first risk.
    first_page = [
        REGISTER_HEADING,
        ["Significant Risks (over £10m)", "", "", ""],
        ["CYPE", "High Needs Spending", "DSG does not meet demand", "4"],
        ["Other Risks", "", "", ""],
        ["ALL", "Revenue Inflation", "Prices rise", "3"],
    ]
    next_page = [REGISTER_HEADING, ["CYPE", "Home to School Transport", "Too few places", "3"]]
    other_register = [["Risk", "Likelihood", "Impact"], ["Cyber attack", "3", "5"]]
    risks = risks_from_tables(
        [table(first_page), table(next_page, page=4), table(other_register, page=5)], document()
    )
    assert [(r.title, r.section) for r in risks] == [
        ("High Needs Spending", "Significant Risks (over £10m)"),
        ("Revenue Inflation", "Other Risks"),
        ("Home to School Transport", "Other Risks"),  # the register run on to the next page
        ("Cyber attack", None),  # another register heads no section
    ]


def test_a_section_heading_carrying_its_bands_exposure_totals_still_heads_the_risks_below_it() -> None:
    # Kent's Appendix I p4: "Other Risks (under £10m - individual amounts not included)" prints the
    # band's annual and lifetime totals (90.0, 45.0) in the exposure columns of its own row.
    heading = [
        *REGISTER_HEADING,
        "Estimated Annual Financial Exposure £m",
        "Estimated Lifetime Financial Exposure £m",
    ]
    rows = [
        heading,
        ["Significant Risks (over £10m)", "", "", "", "", ""],
        ["GET", "Waste capital infrastructure", "Sites life expired", "4", "", "50.0"],
        ["Other Risks (under £10m)", "", "", "", "90.0", "45.0"],
        ["CYPE", "Recruitment, retention & cover for social workers", "Agency staff", "3", "", ""],
    ]
    risks = risks_from_tables([table(rows), table([heading, rows[4]], page=4)], document())
    assert [(r.title[:20], r.section) for r in risks] == [
        ("Waste capital infras", "Significant Risks (over £10m)"),
        ("Recruitment, retenti", "Other Risks (under £10m)"),
        ("Recruitment, retenti", "Other Risks (under £10m)"),  # run on to the next page
    ]
    # a figure outside the exposure columns (a likelihood) makes the row a risk, not a heading
    scored = [heading, ["", "Cyber attack", "", "3", "", ""]]
    assert [r.section for r in risks_from_tables([table(scored)], document())] == [None]


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


def test_kents_register_gives_high_needs_its_likelihood_and_lifetime_exposure(kent_dir: Path) -> None:
    # Appendix I p1: CYPE, High Needs Spending, Current Likelihood (1-5) 4, no annual exposure, Estimated
    # Lifetime Financial Exposure £m 165.0; the next row, Non delivery of Savings, an annual £119.2m.
    doc, tables = pipeline_tables(kent_dir / KENT_REGISTER)
    by_title = {r.title: r for r in risks_from_tables(tables, doc)}
    high_needs, savings = (
        by_title["High Needs Spending"],
        by_title[next(t for t in by_title if t.startswith("Non delivery"))],
    )
    assert (high_needs.likelihood, high_needs.impact, high_needs.score, high_needs.rating) == (
        4.0,
        None,
        None,
        None,
    )
    assert high_needs.exposure_gbp == pytest.approx(165_000_000.0)
    assert high_needs.exposure_words == "Estimated Lifetime Financial Exposure"
    assert risk_values(high_needs) == "likelihood 4, estimated lifetime financial exposure £165.0m"
    assert risk_values(savings) == "likelihood 4, estimated annual financial exposure £119.2m"


def test_the_example_registers_cr02_is_likelihood_4_impact_5_score_20(example_bundle: Path) -> None:
    doc, tables = pipeline_tables(example_bundle / "Corporate risk register Q2 2025-26.pdf")
    cr02 = next(r for r in risks_from_tables(tables, doc) if r.ref == "CR02")
    assert risk_values(cr02) == "likelihood 4, impact 5, score 20, exposure £11.5m"


def test_kents_home_to_school_transport_risk_rated_likelihood_3_is_listed_and_asks_its_own_question(
    kent_dir: Path,
) -> None:
    # Appendix I p3: CYPE, Home to School Transport, Current Likelihood (1-5) 3, Estimated Annual
    # Financial Exposure £m 10.0; no question is about it, so its £10.0m a year asks its own.
    doc, tables = pipeline_tables(kent_dir / KENT_REGISTER)
    risks = risks_from_tables(tables, doc)
    lines = lines_of_enquiry([], [], Position(), [], risks=risks)
    transport = next(q for q in lines if "'Home to School Transport'" in q.question)
    assert (transport.amount_gbp, transport.stake_period) == (pytest.approx(10_000_000.0), "year")
    assert transport.provenance[0].page == 3
    listed = {c.risk.title: c for c in register_risks(risks, lines)}
    assert {"High Needs Spending", "Market Sustainability", "Home to School Transport"} <= set(listed)
    assert any(t.startswith("Unaccompanied Asylum Seeking") for t in listed)
    assert "Highways unadopted land" not in listed and "Cyber Security" not in listed
    assert lines[listed["Home to School Transport"].enquiry - 1] == transport  # type: ignore[operator]


def test_the_example_registers_cr04_rated_9_is_listed_among_the_childrens_risks(example_bundle: Path) -> None:
    doc, tables = pipeline_tables(example_bundle / "Corporate risk register Q2 2025-26.pdf")
    risks = risks_from_tables(tables, doc)
    listed = register_risks(risks, lines_of_enquiry([], [], Position(), [], risks=risks))
    assert [c.risk.ref for c in listed] == ["CR01", "CR02", "CR03", "CR04"]
    cr04 = listed[-1]
    assert (cr04.risk.title, cr04.risk.owner, cr04.risk.exposure_gbp) == (
        "UASC grant shortfall",
        "Director CYPE",
        pytest.approx(1_200_000.0),
    )
    assert cr04.enquiry is not None and cr04.rating is None  # "9" is the score printed again


@pytest.mark.parametrize(
    ("fields", "said"),
    [
        ({"likelihood": 4.0}, "likelihood 4"),
        (
            {"likelihood": 4.0, "impact": 5.0, "score": 20.0, "rating": "20"},
            "likelihood 4, impact 5, score 20",
        ),
        ({"rating": "Red"}, "rating Red"),
        ({"score": 16.0, "rating": "Amber"}, "score 16, rating Amber"),
        ({"exposure_gbp": 2.5e6, "exposure_words": "Annual Exposure"}, "annual exposure £2.5m"),
        ({"exposure_gbp": 2.5e6}, "financial exposure £2.5m"),
        ({}, ""),
    ],
)
def test_each_value_of_a_risk_is_said_under_its_own_name(fields: dict, said: str) -> None:  # type: ignore[type-arg]
    where = Provenance(file="r.pdf", sha256="ab" * 32, page=1, bbox=None, locator="row 2", text="High needs")
    risk = Risk(title="High needs", provenance=[where], **fields)
    assert risk_values(risk) == said
