"""Whether the savings at risk add to the overspend or are already in the forecast: what the
documents say of it beside the money at risk (analyse.summary), in the pack, its summary and the deck.

A shortfall stated in the forecast is compared like with like: a council-wide one with every
directorate's tracked lines summed, a children's one with the children's lines, never one scope's
figure with another's. The example's statement comes from examples/monitoring_paper.py (the Q2
report's section 4: the whole council's savings less their forecast, "included in the forecast
above"), not from the code under test; it is the tracker's directorates summed, so it agrees."""

from __future__ import annotations

import re
from html import unescape
from pathlib import Path

import pytest

from analyse.flags import Context, assess_savings
from analyse.records import Review, Scope
from analyse.review import build_review
from analyse.scope import ScopeIndex
from analyse.summary import in_forecast
from examples.wyvern_figures import SAVINGS
from extract.document import extract_file
from extract.records import Extraction, Figure, FigureUnit, Provenance
from render.findings import in_forecast_words, savings_at_risk
from render.pack import pack_html
from render.refs import Figures
from tests.review_builders import YEAR, saving

CHILDREN, ADULTS = "Children's Services", "Adult Social Care"
# A tracker of two directorates: children's £0.65m short (1.25 - 0.6), adults' £0.6m (1.0 - 0.4).
TRACKER = [
    saving(
        "Edge of care",
        1_250_000.0,
        directorate=CHILDREN,
        period=YEAR,
        target_gbp=1_250_000.0,
        forecast_gbp=600_000.0,
    ),
    saving(
        "Reablement",
        1_000_000.0,
        directorate=ADULTS,
        period=YEAR,
        target_gbp=1_000_000.0,
        forecast_gbp=400_000.0,
    ),
]


def stated(
    value: float,
    included: bool | None,
    period: str | None = None,
    file: str = "q2.pdf",
    whose: str = "",
) -> Figure:
    text = f"The {whose}shortfall of £{value / 1e6:.2f}m is {'' if included else 'not '}included in the forecast."
    where = Provenance(file=file, sha256="ab" * 32, page=2, bbox=None, locator="page 2", text=text)
    return Figure(
        value=value, unit=FigureUnit.GBP, period=period, text=text, provenance=[where], in_forecast=included
    )


def said(figures: list[Figure], lines: list = TRACKER, scopes: ScopeIndex | None = None) -> list:
    assessments = assess_savings(lines, Context(YEAR, [], []))
    return in_forecast(figures, YEAR, assessments, scopes or ScopeIndex())


def test_each_statement_is_kept_once_for_the_review_year() -> None:
    found = said(
        [
            stated(1.25e6, True),
            stated(1.25e6, True, file="minutes.pdf"),  # the same statement, twice
            stated(0.65e6, False, YEAR),
            stated(2.0e6, True, "2023-24"),  # another year
            stated(9.0e6, None),  # a figure that says nothing of the forecast
        ]
    )
    assert [(s.amount_gbp, s.included) for s in found] == [(1.25e6, True), (0.65e6, False)]
    assert [p.file for p in found[0].provenance] == ["q2.pdf", "minutes.pdf"]


def test_a_council_wide_shortfall_is_compared_with_every_directorate_summed_not_the_childrens() -> None:
    [council] = said([stated(1.25e6, True)])  # the sentence names no service, in the council's report
    assert (council.scope, council.tracker_gbp, council.agrees) == (
        Scope.COUNCIL_WIDE,
        pytest.approx(1.25e6),
        True,
    )
    [other] = said([stated(1.4e6, True)])
    assert (other.tracker_gbp, other.agrees) == (pytest.approx(1.25e6), False)


def test_a_childrens_shortfall_is_compared_with_the_childrens_lines_alone() -> None:
    [same] = said([stated(0.65e6, True, whose="children's services savings ")])
    assert (same.scope, same.tracker_gbp, same.agrees) == (
        Scope.CHILDRENS_SOCIAL_CARE,
        pytest.approx(0.65e6),
        True,
    )
    [other] = said([stated(1.25e6, True, whose="children's services savings ")])
    assert (other.tracker_gbp, other.agrees) == (pytest.approx(0.65e6), False)


def test_agreement_follows_the_statements_printed_precision() -> None:
    [near] = said(
        [stated(0.6e6, True, whose="children's ")],
        [TRACKER[0].model_copy(update={"forecast_gbp": 640_000.0})],
    )
    [far] = said(
        [stated(0.6e6, True, whose="children's ")],
        [TRACKER[0].model_copy(update={"forecast_gbp": 560_000.0})],
    )
    # £0.6m stands for £0.55m to £0.65m: a £0.61m shortfall is it, a £0.69m one is not
    assert (near.agrees, far.agrees) == (True, False)


def test_a_childrens_own_document_speaks_of_childrens_services_where_its_sentence_names_none() -> None:
    [st] = said(
        [stated(0.65e6, True, file="CYPE report.pdf")], scopes=ScopeIndex(childrens_files={"CYPE report.pdf"})
    )
    assert (st.scope, st.agrees) == (Scope.CHILDRENS_SOCIAL_CARE, True)


def test_a_childrens_only_tracker_says_nothing_of_the_councils_shortfall() -> None:
    [st] = said([stated(1.25e6, True)], [TRACKER[0]])
    assert (st.scope, st.tracker_gbp, st.agrees) == (Scope.COUNCIL_WIDE, None, None)


def test_another_directorates_shortfall_is_not_the_reviews() -> None:
    assert said([stated(0.6e6, True, whose="adults' ")]) == []


@pytest.fixture(scope="module")
def example(example_bundle: Path) -> tuple[Review, Extraction]:
    files = sorted(p for p in example_bundle.rglob("*") if p.is_file())
    extraction = Extraction.combine([extract_file(p.name, p.read_bytes()) for p in files])
    return build_review(extraction, None, "938"), extraction


def _text(parts: tuple) -> str:
    return "".join(str(p) for p in parts)


def test_the_example_says_the_q2_council_wide_shortfall_matches_the_trackers_directorates(
    example: tuple[Review, Extraction],
) -> None:
    review, extraction = example
    shortfall = round(sum(s.target - s.forecast for s in SAVINGS) / 1000, 1)  # £m, as the report prints it
    s = review.savings_summary
    assert [(st.amount_gbp, st.included, st.scope, st.agrees) for st in s.in_forecast] == [
        (pytest.approx(shortfall * 1e6), True, Scope.COUNCIL_WIDE, True)
    ]
    assert s.in_forecast[0].tracker_gbp == pytest.approx(sum(s.target - s.forecast for s in SAVINGS) * 1000)
    assert any("Q2" in p.file for p in s.in_forecast[0].provenance)
    words = (
        f"The report says the £{shortfall}m council-wide savings shortfall is included in the forecast; "
        "it matches the savings tracker's directorates summed."
    )
    finding = savings_at_risk(review, Figures(review, extraction))
    assert finding is not None and words in finding.detail and "a different amount" not in finding.detail
    html = pack_html(review, extraction)
    section = html[html.index('<section id="savings">') :]
    assert words in " ".join(unescape(re.sub(r"<[^>]+>", "", section[: section.index("</p>")])).split())


def test_a_disagreeing_tracker_is_named_with_its_own_sum(example: tuple[Review, Extraction]) -> None:
    review, extraction = example
    s = review.savings_summary
    st = s.in_forecast[0].model_copy(update={"agrees": False, "tracker_gbp": 3.9e6})
    changed = review.model_copy(update={"savings_summary": s.model_copy(update={"in_forecast": [st]})})
    text = _text(in_forecast_words(changed, Figures(changed, extraction)))
    assert (
        "shortfall is included in the forecast, a different amount from the £3.9m the tracker's directorates sum to."
        in text
    )


def test_a_shortfall_in_the_forecast_holds_the_childrens_at_risk_where_it_is_theirs_or_the_councils_summed() -> (
    None
):
    [council] = said([stated(1.25e6, True)])  # every directorate's tracked lines sum to it
    [council_apart] = said([stated(1.4e6, True)])  # they do not
    [childrens] = said([stated(0.65e6, True, whose="children's services savings ")])
    [outside] = said([stated(1.25e6, False)])  # not in the forecast: the shortfall adds to it
    assert [s.holds_childrens for s in (council, council_apart, childrens, outside)] == [
        True,
        False,
        True,
        False,
    ]


def test_the_examples_savings_at_risk_are_said_to_be_inside_the_childrens_overspend(
    example: tuple[Review, Extraction],
) -> None:
    review, extraction = example
    at_risk = review.savings_summary.at_risk_gbp
    overspend = review.position.children_services.variance_gbp
    assert (at_risk, overspend) == (pytest.approx(3.5e6, abs=5e4), pytest.approx(12.4e6, abs=5e4))
    finding = savings_at_risk(review, Figures(review, extraction))
    assert finding is not None
    assert "; forecast delivery £2.7m." in finding.detail and "against a forecast of" not in finding.detail
    inside = "So the £3.5m is already inside the £12.4m"
    assert inside in finding.detail
    assert finding.detail.endswith(
        "overspend forecast for the children's directorate, not in addition to it."
    )
    # Had the tracker's directorates not summed to the report's £4.1m, it would not be said.
    s = review.savings_summary
    st = s.in_forecast[0].model_copy(update={"agrees": False, "holds_childrens": False, "tracker_gbp": 3.9e6})
    changed = review.model_copy(update={"savings_summary": s.model_copy(update={"in_forecast": [st]})})
    assert inside not in _text(in_forecast_words(changed, Figures(changed, extraction)))
