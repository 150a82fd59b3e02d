"""Whether the savings at risk add to the overspend or are already in the forecast: what the
documents say of it beside the money at risk (analyse.summary), in the pack, its summary and the deck.

The example's statement comes from examples/monitoring_paper.py (the Q2 report's section 4: the
whole council's savings less their forecast, "included in the forecast above"), not from the code
under test; the children's at-risk total is another amount, so both are shown."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from analyse.records import Review
from analyse.review import build_review
from analyse.summary import in_forecast
from examples.wyvern_figures import SAVINGS
from extract.document import extract_file
from extract.records import Extraction, Figure, FigureUnit, Provenance
from render.findings import savings_at_risk
from render.pack import pack_html
from render.refs import Figures


def stated(value: float, included: bool | None, period: str | None = None, file: str = "q2.pdf") -> Figure:
    text = f"The shortfall of £{value / 1e6:.1f}m is {'' if included else 'not '}included in the forecast."
    where = Provenance(file=file, sha256="ab" * 32, page=2, bbox=None, locator="page 2", text=text)
    return Figure(
        value=value, unit=FigureUnit.GBP, period=period, text=text, provenance=[where], in_forecast=included
    )


def test_each_statement_is_kept_once_for_the_review_year_and_says_where_its_amount_differs() -> None:
    said = in_forecast(
        [
            stated(4.1e6, True),
            stated(4.1e6, True, file="minutes.pdf"),  # the same statement, twice
            stated(3.5e6, False, "2025-26"),
            stated(2.0e6, True, "2024-25"),  # another year
            stated(9.0e6, None),  # a figure that says nothing of the forecast
        ],
        "2025-26",
        3.5e6,
    )
    assert [(s.amount_gbp, s.included, s.other_than_at_risk) for s in said] == [
        (4.1e6, True, True),
        (3.5e6, False, False),
    ]
    assert [p.file for p in said[0].provenance] == ["q2.pdf", "minutes.pdf"]


def test_an_amount_that_prints_as_the_at_risk_total_is_not_another_amount() -> None:
    [same] = in_forecast([stated(3.54e6, True)], None, 3.5e6)
    [other] = in_forecast([stated(3.56e6, True)], None, 3.5e6)
    assert (same.other_than_at_risk, other.other_than_at_risk) == (False, True)


@pytest.fixture(scope="module")
def example(example_bundle: Path) -> tuple[Review, Extraction]:
    files = sorted(p for p in example_bundle.rglob("*") if p.is_file())
    extraction = Extraction.combine([extract_file(p.name, p.read_bytes()) for p in files])
    return build_review(extraction, None, "938"), extraction


def test_the_example_says_the_q2_shortfall_is_in_the_forecast_beside_the_savings_at_risk(
    example: tuple[Review, Extraction],
) -> None:
    review, extraction = example
    shortfall = round(sum(s.target - s.forecast for s in SAVINGS) / 1000, 1)  # £m, as the report prints it
    s = review.savings_summary
    assert [(st.amount_gbp, st.included, st.other_than_at_risk) for st in s.in_forecast] == [
        (pytest.approx(shortfall * 1e6), True, True)
    ]
    assert any("Q2" in p.file for p in s.in_forecast[0].provenance)
    said = f"The report says the £{shortfall}m shortfall is included in the forecast, a different amount"
    finding = savings_at_risk(review, Figures(review, extraction))
    assert finding is not None and said in finding.detail
    html = pack_html(review, extraction)
    section = html[html.index('<section id="savings">') :]
    assert said in " ".join(re.sub(r"<[^>]+>", "", section[: section.index("</p>")]).split())
