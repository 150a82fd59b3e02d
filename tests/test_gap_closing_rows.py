"""A plan that prints the savings identified against its gap, and the gap remaining, as rows of the
gap's own table under the same year columns (analyse.gap_savings.table_rows): read in the gap row's
scale and sign aside, only where the row states the gap the same way (a year's own, or cumulative),
shown on the gap's card, in its question and as the council's savings where no total is stated."""

from __future__ import annotations

import io
import re

import docx

from analyse.records import Review
from analyse.review import build_review
from extract.document import extract_file
from render import findings
from render.pack import pack_html
from render.refs import Figures
from tests.domain_tables import word_plan

plan = word_plan


def review_of(data: bytes) -> Review:
    return build_review(extract_file("Budget strategy 2026-29.docx", data))


def card(review: Review) -> str:
    found = findings.mtfp_gap(review, Figures(review))
    assert found is not None
    return "".join(str(p) for p in found.said)


# Another council's wording: £000, a minus sign, "proposals agreed", "residual shortfall".
OTHER = [
    ("Funding gap", ["12,400", "9,100"]),
    ("Cumulative funding gap", ["12,400", "21,500"]),
    ("Savings proposals agreed", ["-8,000", "-2,500"]),
    ("Cumulative savings proposals agreed", ["-8,000", "-10,500"]),
    ("Residual gap remaining", ["4,400", "6,600"]),
    ("Cumulative residual gap", ["4,400", "11,000"]),
]


def test_savings_agreed_and_residual_gap_rows_are_read_beside_each_years_gap() -> None:
    review = review_of(plan(OTHER, ["£000", "2026-27", "2027-28"], "All figures are in £000."))
    gaps = review.position.mtfp_gap
    assert [g.amount_gbp for g in gaps] == [12.4e6, 9.1e6]
    # the year's own rows, not the cumulative ones
    assert [g.identified.amount_gbp if g.identified else None for g in gaps] == [8.0e6, 2.5e6]
    assert [g.remaining.amount_gbp if g.remaining else None for g in gaps] == [4.4e6, 6.6e6]
    assert all(g.remaining_holds for g in gaps)
    assert gaps[0].identified is not None and gaps[0].identified.label == "Savings proposals agreed"
    said = card(review)
    assert "the MTFP states savings identified of £8.0m and £2.5m, leaving £4.4m and £6.6m remaining" in said
    assert "the arithmetic holds each year" in said
    question = next(q for q in lines_of_enquiry_of(review) if "medium-term gap" in q.question)
    assert "savings identified of £8.0m (2026-27) and £2.5m (2027-28)" in question.because


def lines_of_enquiry_of(review: Review) -> list:  # type: ignore[type-arg]
    return list(review.lines_of_enquiry)


def test_a_remaining_row_the_gap_less_the_savings_does_not_give_is_marked() -> None:
    rows = [
        ("Funding gap", ["12,400", "9,100"]),
        ("Savings agreed", ["(8,000)", "(2,500)"]),
        ("Remaining gap", ["4,000", "6,600"]),
    ]
    review = review_of(plan(rows, ["£000", "2026/27", "2027/28"], "£000"))
    first = review.position.mtfp_gap[0]
    assert first.remaining_holds is False and first.remaining_derived_gbp == 4.4e6
    assert "in 2026-27 the gap less the savings is £4.4m, not £4.0m: to be confirmed" in card(review)


def test_savings_still_to_identify_and_a_children_row_are_not_savings_identified() -> None:
    rows = [
        ("Budget gap", ["12.4", "9.1"]),
        ("Savings not yet identified", ["(3.0)", "(2.0)"]),
        ("Children's services savings identified", ["(1.0)", "(0.5)"]),
    ]
    review = review_of(plan(rows, ["£m", "2026/27", "2027/28"], "All figures £m."))
    assert all(g.identified is None and g.remaining is None for g in review.position.mtfp_gap)


# The Severnbrook tester's layout: £m, savings bracketed, annual and cumulative rows of each.
SEVERNBROOK = [
    ("Annual budget gap (before savings)", ["9.85", "7.42", "6.12"]),
    ("Cumulative budget gap", ["9.85", "17.27", "23.39"]),
    ("Savings identified", ["(6.20)", "(3.10)", "(1.05)"]),
    ("Remaining annual gap", ["3.65", "4.32", "5.07"]),
    ("Cumulative remaining gap", ["3.65", "7.97", "13.04"]),
]


def test_severnbrook_layout_savings_identified_and_remaining_annual_gap() -> None:
    review = review_of(
        plan(SEVERNBROOK, ["£m", "2026/27", "2027/28", "2028/29"], "All figures £m unless stated.")
    )
    gaps = review.position.mtfp_gap
    assert [g.amount_gbp for g in gaps] == [9.85e6, 7.42e6, 6.12e6]
    assert [g.identified.amount_gbp if g.identified else None for g in gaps] == [6.2e6, 3.1e6, 1.05e6]
    assert [g.remaining.amount_gbp if g.remaining else None for g in gaps] == [3.65e6, 4.32e6, 5.07e6]
    assert all(g.remaining_holds for g in gaps)
    assert gaps[0].identified is not None and gaps[0].identified.places == 2
    assert "savings identified of £6.20m, £3.10m and £1.05m, leaving £3.65m, £4.32m and £5.07m" in card(
        review
    )


def test_with_no_savings_total_the_plan_share_is_of_the_savings_identified_against_the_gap() -> None:
    document = docx.Document()
    document.add_heading("Medium Term Financial Strategy", 1)
    document.add_paragraph("All figures are in £000.")
    table = document.add_table(rows=1, cols=3)
    for j, text in enumerate(["£000", "2026-27", "2027-28"]):
        table.rows[0].cells[j].text = text
    for label, values in OTHER:
        cells = table.add_row().cells
        cells[0].text = label
        for j, value in enumerate(values, start=1):
            cells[j].text = value
    document.add_heading("Children's Services savings proposals", 2)
    document.add_paragraph("Savings (£000)")
    lines = document.add_table(rows=1, cols=4)
    for j, text in enumerate(["Directorate", "Saving", "2026-27", "2027-28"]):
        lines.rows[0].cells[j].text = text
    for row in [
        ["Children's Services", "Reduce residential placements", "(1,000)", "(500)"],
        ["Children's Services", "Fostering recruitment", "(600)", "(200)"],
    ]:
        cells = lines.add_row().cells
        for j, text in enumerate(row):
            cells[j].text = text
    out = io.BytesIO()
    document.save(out)
    shares = review_of(out.getvalue()).selection.plan_shares
    assert [(s.council_savings_gbp, s.council_savings_basis) for s in shares] == [
        (8.0e6, "identified"),
        (2.5e6, "identified"),
    ]
    assert shares[0].council_savings_rows == ["Savings proposals agreed"]
    assert shares[0].savings_share == 0.2


def test_the_mtfp_gap_table_shows_each_years_savings_identified_and_gap_remaining() -> None:
    data = plan(SEVERNBROOK, ["£m", "2026/27", "2027/28", "2028/29"], "All figures £m unless stated.")
    extraction = extract_file("Budget strategy 2026-29.docx", data)
    html = pack_html(build_review(extraction), extraction)
    text = re.sub(r"<[^>]+>", " ", html)
    text = re.sub(r"\s+", " ", text)
    # each row cited by its label; its raw cells are the sources appendix's to quote
    assert re.search(r"savings identified 6,200 .{0,40}Savings identified \[", text)
    assert re.search(r"gap remaining 3,650 .{0,40}Remaining annual gap .{0,80}\[", text)
