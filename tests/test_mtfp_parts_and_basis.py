"""A medium-term plan read as its own arithmetic says: "of which" rows are a directorate's part of
the row above them, never added to a total (extract.domain.from_tables, `RowKind.PART`); a gap the
rows above it add up to is already net of the savings among them (analyse.gap_savings, `in_gap`); a
gap table whose title calls its gaps cumulative states the gap so far (analyse.gap_basis), worded
"by" its year and never summed; a stated gap and the gap its plan says remains after savings are one
flag (analyse.stated)."""

from __future__ import annotations

import re

from analyse.records import Review, Scope
from analyse.review import build_review
from analyse.stated import figure_flags
from analyse.themes import line_themes
from extract.document import extract_file
from extract.records import Extraction, Figure, FigureUnit, PeriodAmount, PlanLine
from render import findings
from render.pack import pack_html
from render.refs import Figures
from tests.domain_tables import word_plan
from tests.review_builders import no_lines, prov


def plan(rows: list[tuple[str, list[str]]], header: list[str], title: str) -> bytes:
    return word_plan(rows, header, title, heading="Budget Strategy Update")


def card(review: Review) -> tuple[str, str]:
    found = findings.mtfp_gap(review, Figures(review))
    assert found is not None
    return found.title, "".join(str(p) for p in found.said)


# £000, "o/w" memo rows by directorate, savings as a minus and the gap their sum.
PARTED = [
    ("Service pressures", ["40,000", "30,000"]),
    ("o/w Children's Services", ["15,000", "12,000"]),
    ("o/w Adult Care", ["18,000", "14,000"]),
    ("Savings agreed", ["-20,000", "-10,000"]),
    ("Grant and council tax changes", ["-12,000", "-11,000"]),
    ("Funding gap", ["8,000", "9,000"]),
]


def parted() -> tuple[Extraction, Review]:
    found = extract_file(
        "Budget strategy 2026-28.docx",
        plan(PARTED, ["£000", "2026-27", "2027-28"], "Table 5: summary of the plan (£000)"),
    )
    return found, build_review(found)


def test_of_which_rows_are_each_directorates_part_of_the_row_above_never_added_to_it() -> None:
    found, review = parted()
    parts = {p.directorate: [a.amount_gbp for a in p.planned] for p in found.pressures}
    assert parts == {"Children's Services": [15e6, 12e6], "Adult Care": [18e6, 14e6]}
    (whole,) = found.mtfp_totals
    assert whole.title == "Service pressures" and [a.amount_gbp for a in whole.planned] == [40e6, 30e6]
    shares = review.selection.plan_shares
    assert [(s.children_pressures_gbp, s.council_pressures_gbp) for s in shares] == [
        (15e6, 40e6),
        (12e6, 30e6),
    ]
    question = next(q for q in review.lines_of_enquiry if "medium-term gap" in q.question)
    assert "£12.0m of the £30.0m pressures are children's (40%, derived)" in question.stake


def test_a_gap_its_rows_above_add_up_to_is_already_after_the_savings_among_them() -> None:
    _, review = parted()
    gaps = review.position.mtfp_gap
    assert [g.identified.amount_gbp if g.identified else None for g in gaps] == [20e6, 10e6]
    assert all(g.identified and g.identified.in_gap for g in gaps)
    _, said = card(review)
    assert "Each year's gap is already after the savings the MTFP identifies" in said
    assert "against" not in said
    question = next(q for q in review.lines_of_enquiry if "medium-term gap" in q.question)
    assert (
        "already after the savings it identifies, £20.0m (2026-27) and £10.0m (2027-28)" in question.because
    )


def test_savings_below_a_gap_that_its_rows_above_add_up_to_are_against_it() -> None:
    rows = [
        ("Spending need", ["50,000", "61,000"]),
        ("Resources", ["-38,000", "-45,000"]),
        ("Shortfall before savings (gap)", ["12,000", "16,000"]),
        ("Savings agreed", ["-7,000", "-9,000"]),
    ]
    review = build_review(
        extract_file(
            "Budget strategy 2026-28.docx", plan(rows, ["£000", "2026-27", "2027-28"], "Table 2 (£000)")
        )
    )
    gaps = review.position.mtfp_gap
    assert [g.identified.amount_gbp if g.identified else None for g in gaps] == [7e6, 9e6]
    assert not any(g.identified and g.identified.in_gap for g in gaps)


CUMULATIVE = [
    ("Net spending need", ["20.0", "30.0", "41.0"]),
    ("Resources", ["-8.0", "-12.0", "-16.0"]),
    ("Gap before savings", ["12.0", "18.0", "25.0"]),
]


def test_a_gap_table_titled_cumulative_states_the_gap_so_far_never_one_years() -> None:
    data = plan(
        CUMULATIVE, ["£m", "2026-27", "2027-28", "2028-29"], "Table 4 – Cumulative shortfall by year (£m)"
    )
    review = build_review(extract_file("Budget strategy 2026-29.docx", data))
    gaps = review.position.mtfp_gap
    assert [g.basis for g in gaps] == ["cumulative"] * 3
    total = review.position.mtfp_gap_total
    assert total is not None and total.stated and total.amount_gbp == 25e6  # the last year's, not 55.0
    title, said = card(review)
    assert title == "Council-wide cumulative budget gap by 2028-29"
    assert "£12.0m by 2026-27" in said and "£55" not in said
    question = next(q for q in review.lines_of_enquiry if "medium-term gap" in q.question)
    assert question.stake.startswith("the cumulative gap by 2028-29")
    assert "shows a cumulative gap of £12.0m by 2026-27" in question.because


def gap_figure(value: float, label: str, text: str, period: str = "2026-27") -> Figure:
    return Figure(
        value=value,
        unit=FigureUnit.GBP,
        period=period,
        label=label,
        text=text,
        provenance=[prov(text, "strategy.docx", "paragraph 9")],
    )


def test_a_gap_and_the_gap_left_after_its_savings_are_one_flag_citing_both() -> None:
    before = "The forecast funding gap for 2026/27 is £18.2m."
    after = "After the proposals a residual gap of £6.1m is still to be closed in 2026/27."
    (flag,) = figure_flags(
        [gap_figure(6.1e6, "residual gap", after), gap_figure(18.2e6, "funding gap", before)], no_lines()
    )
    assert flag.amount_gbp == 18.2e6 and flag.subject.startswith("A budget gap of £18.2m")
    assert [p.text for p in flag.provenance] == [before, after]


def test_a_cumulative_gap_stated_in_prose_is_flagged_as_the_gap_so_far() -> None:
    said = "Over the plan the accumulated budget gap reaches £44.0m by 2028/29."
    (flag,) = figure_flags([gap_figure(44e6, "accumulated budget gap", said, "2028-29")], no_lines())
    assert flag.subject == "A cumulative budget gap of £44.0m (by 2028-29)"


def test_marlowes_plan_gives_the_childrens_part_of_its_pressures(marlowe: tuple[Review, Extraction]) -> None:
    review, _ = marlowe
    shares = review.selection.plan_shares
    assert [(s.children_pressures_gbp, s.council_pressures_gbp) for s in shares] == [
        (31.2e6, 78.4e6),
        (24.5e6, 61.2e6),
        (22.0e6, 57.9e6),
    ]
    assert all(g.identified and g.identified.in_gap for g in review.position.mtfp_gap)
    assert any(f.subject == "A cumulative budget gap of £57.3m (by 2028-29)" for f in review.flags)
    # the directorate's whole part: its scope, and no one theme (not "schools and education")
    scopes = review.selection.line_scopes
    (cype,) = [v for k, v in scopes.items() if "of which Children, Young People and Education" in k]
    assert cype == "childrens_social_care"
    assert all(not t.pressures_gbp for t in review.themes)


def test_fernleighs_gaps_are_cumulative_and_flagged_once(fernleigh: tuple[Review, Extraction]) -> None:
    review, _ = fernleigh
    assert [g.basis for g in review.position.mtfp_gap] == ["cumulative"] * 3
    gap_flags = [f for f in review.flags if f.code == "stated_budget_gap"]
    assert len(gap_flags) == 1 and gap_flags[0].scope == "council_wide"


def test_a_plan_row_is_cited_by_its_label_in_the_gap_table_not_its_raw_cells() -> None:
    found, review = parted()
    text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", pack_html(review, found)))
    assert re.search(r"after savings identified 20,000 Savings agreed a term of the gap", text)
    assert "20,000 Savings agreed |" not in text  # the raw row is the sources appendix's to quote


def test_a_line_naming_only_its_childrens_directorate_is_the_whole_directorate_with_no_one_theme() -> None:
    name = "Children, Schools and Families"
    line = PlanLine(
        title=f"of which {name}",
        directorate=name,
        planned=[PeriodAmount(period="2026-27", amount_gbp=9e6)],
        provenance=[prov(f"of which {name} | 9.0", "plan.docx", "table 2, row 3")],
    )
    assert no_lines().plan_line(line) == Scope.CHILDRENS_SOCIAL_CARE  # not schools' alone
    assert line_themes(line) == []


def test_an_of_which_row_under_a_total_of_itemised_lines_is_not_read_again() -> None:
    rows = [
        ("Looked after children placements", ["6,000", "4,000"]),
        ("Adult care packages", ["9,000", "7,000"]),
        ("Total pressures", ["15,000", "11,000"]),
        ("of which Children's Services", ["6,000", "4,000"]),
    ]
    found = extract_file(
        "Budget strategy 2026-28.docx",
        plan(rows, ["Pressures (£000)", "2026-27", "2027-28"], "Table 3: pressures"),
    )
    assert [p.title for p in found.pressures] == ["Looked after children placements", "Adult care packages"]
