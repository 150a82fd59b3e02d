"""A year the plan balances with a one-off use of reserves, and the later year that reverses it,
read beside the medium-term gap (the example council's MTFP, Table 2: "One-off use of reserves
(reversed in following year) | (8,230) | 8,230 | -" and "BUDGET GAP - SAVINGS STILL TO BE FOUND
| - | 14,880 | 7,500")."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from analyse.benchmarks import load_benchmark_table
from analyse.records import Review
from analyse.review import build_review
from extract.document import extract_file
from extract.records import Extraction, PeriodAmount, PlanLine
from render import findings
from render.refs import Figures
from tests.review_builders import prov
from tests.test_review_diagnostic import _reserves_total


def _gap_row(amounts: list[float]) -> PlanLine:
    years = ["2025-26", "2026-27", "2027-28"]
    return PlanLine(
        title="BUDGET GAP – SAVINGS STILL TO BE FOUND",
        category="mtfp_gap",
        planned=[PeriodAmount(period=y, amount_gbp=a) for y, a in zip(years, amounts, strict=True)],
        provenance=[
            prov("BUDGET GAP – SAVINGS STILL TO BE FOUND | - | 14,880 | 7,500", "mtfp.pdf", "table 2, row 20")
        ],
    )


def _review(reserves_line: str, reserves: list[float]) -> Review:
    extraction = Extraction(
        mtfp_totals=[_reserves_total(reserves_line, reserves)], mtfp_gaps=[_gap_row([0.0, 14.88e6, 7.5e6])]
    )
    return build_review(extraction)


def _said(review: Review) -> tuple[str, str]:
    found = findings.mtfp_gap(review, Figures(review))
    question = next(q for q in review.lines_of_enquiry if "medium-term gap" in q.question)
    assert found is not None
    return found.detail, question.because


def test_a_year_balanced_by_a_one_off_use_of_reserves_says_so_and_the_reversing_year_says_how_much() -> None:
    review = _review("One-off use of reserves (reversed in following year)", [-8.23e6, 8.23e6, 0.0])
    gaps = {g.period: g for g in review.position.mtfp_gap}
    use = gaps["2025-26"].one_off_reserves
    assert use is not None and (use.used_in, use.used_gbp, use.reversed_in, use.reversed_gbp) == (
        "2025-26",
        pytest.approx(8.23e6),
        "2026-27",
        pytest.approx(8.23e6),
    )
    assert gaps["2026-27"].one_off_reserves == use and gaps["2027-28"].one_off_reserves is None
    detail, because = _said(review)
    # The MTFP's figures are said as its own; what the pack reads from its lines, apart and marked.
    assert detail.startswith(
        "The MTFP states no gap in 2025-26, balanced only after a one-off use of reserves of £8.2m"
        " (the documents do not say from which reserve); "
        "a gap of £14.9m in 2026-27; a gap of £7.5m in 2027-28, for the whole council. "
        "The plan's lines, as the pack reads them (not the MTFP's words): "
        "£8.2m of 2026-27's gap is the reversal of 2025-26's one-off use of reserves."
    )
    assert "2025-26 is balanced only after a one-off use of reserves of £8.2m" in because
    assert "Which reserve does 2025-26's one-off use of reserves of £8.2m come from" in _asked(review)
    assert "£14.9m in 2026-27, of which £8.2m is the reversal of 2025-26's one-off use of reserves" in because


def _asked(review: Review) -> str:
    return next(q.question for q in review.lines_of_enquiry if "medium-term gap" in q.question)


@pytest.mark.parametrize(
    ("line", "named"),
    [
        ("One-off use of general fund balance (reversed in following year)", "general fund balance"),
        ("One-off use of the smoothing reserve (reversed in following year)", "smoothing reserve"),
        ("One-off use of earmarked reserves (reversed in following year)", "earmarked reserves"),
    ],
)
def test_a_one_off_use_of_reserves_says_which_reserve_where_the_documents_name_it_and_else_asks(
    line: str, named: str
) -> None:
    review = _review(line, [-8.23e6, 8.23e6, 0.0])
    use = review.position.mtfp_gap[0].one_off_reserves
    assert use is not None and use.drawn_from == named
    detail, because = _said(review)
    said = f"a one-off use of reserves of £8.2m from the {named}"
    assert said in detail and said in because
    assert "Which reserve" not in _asked(review) and "do not say" not in detail + because
    # one value changed: a line naming no reserve is said so, and asked in the gap's question
    unnamed = _review("One-off use of reserves (reversed in following year)", [-8.23e6, 8.23e6, 0.0])
    detail, because = _said(unnamed)
    for text in (detail, because):
        assert "a one-off use of reserves of £8.2m (the documents do not say from which reserve)" in text
    assert _asked(unnamed).endswith(
        "Which reserve does 2025-26's one-off use of reserves of £8.2m come from, and what does it leave in"
        " that reserve?"
    )


@pytest.mark.parametrize(
    ("line", "amounts"),
    [
        ("Use of reserves", [-8.23e6, 8.23e6, 0.0]),  # not called one-off
        ("One-off use of reserves", [-8.23e6, -8.23e6, 0.0]),  # not reversed
        (
            "One-off contribution to reserves (reversed in following year)",
            [8.23e6, -8.23e6, 0.0],
        ),  # not a use
    ],
)
def test_a_flow_that_is_not_a_reversed_one_off_use_of_reserves_is_not_read_beside_the_gap(
    line: str, amounts: list[float]
) -> None:
    review = _review(line, amounts)
    assert all(g.one_off_reserves is None for g in review.position.mtfp_gap)
    detail, because = _said(review)
    assert "one-off" not in detail and "one-off" not in because


@pytest.fixture(scope="module")
def example(example_bundle: Path) -> tuple[Review, Extraction]:
    files = sorted(p for p in example_bundle.rglob("*") if p.is_file())
    extraction = Extraction.combine([extract_file(p.name, p.read_bytes()) for p in files])
    return build_review(extraction, load_benchmark_table(), "938"), extraction


def test_the_example_pack_says_its_balanced_year_rests_on_a_one_off_use_of_reserves(
    example: tuple[Review, Extraction],
) -> None:
    review, _ = example
    detail, because = _said(review)
    assert "no gap in 2025-26, balanced only after a one-off use of reserves of £8.2m" in detail
    # the example's documents name no reserve for it ("a drawdown of £8.2m from reserves"): said, and asked
    assert "£8.2m (the documents do not say from which reserve)" in detail + because
    assert "Which reserve does 2025-26's one-off use of reserves of £8.2m come from" in _asked(review)
    # the savings it counts (a caveat, said first) and the reversal (detail), each marked as read
    stated, *readings = detail.split("The plan's lines, as the pack reads them (not the MTFP's words): ")
    read = " ".join(readings)
    assert len(readings) == 2 and "balances only by counting" in readings[0] and "reversal" in readings[1]
    assert "£14.9m in 2026-27;" in stated and "reversal" not in stated
    assert "not yet identified" not in stated
    assert (
        "2025-26 balances only by counting £1.5m of savings labelled “Savings still to be identified – CYPE”"
        in read
    )
    assert "£8.2m of 2026-27's gap is the reversal of 2025-26's one-off use of reserves" in read


def test_the_gap_table_quotes_the_unidentified_savings_label_once_where_the_row_is_the_label(
    example: tuple[Review, Extraction],
) -> None:
    from render.pack import pack_html

    review, extraction = example
    (unidentified,) = [g.unidentified for g in review.selection.gaps if g.unidentified]
    assert unidentified.titles == unidentified.labels == ["Savings still to be identified – CYPE"]
    table = re.sub(r"<[^>]+>", "", pack_html(review, extraction))
    table = table[table.index("Council-wide budget gap in the MTFP") :]
    row = table[table.index("counting") : table.index("2026-27")]
    assert "savings labelled “Savings still to be identified – CYPE”" in row
    assert row.count("Savings still to be identified") == 1
    # a row whose title says more than its label is still quoted beside it
    other = unidentified.model_copy(update={"titles": ["CYPE unidentified savings 2025-26"]})
    gaps = [
        g.model_copy(update={"unidentified": other}) if g.unidentified else g for g in review.selection.gaps
    ]
    again = review.model_copy(update={"selection": review.selection.model_copy(update={"gaps": gaps})})
    table = re.sub(r"<[^>]+>", "", pack_html(again, extraction))
    table = table[table.index("Council-wide budget gap in the MTFP") :]
    assert "labelled “Savings still to be identified – CYPE” (“CYPE unidentified savings 2025-26”)" in table
