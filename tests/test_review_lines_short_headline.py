"""A children's directorate total its service lines alone contradict is the headline, marked in
doubt: its own budget + variance = forecast holds and it adds with the other directorates into the
council total (or the report's text states it). A total that fails those too stays unheadlined,
shown as printed."""

from __future__ import annotations

from domain_tables import document, table

from analyse.review import build_review
from extract.domain.from_tables import records_from_tables
from extract.records import BudgetLine, Extraction, Figure, FigureUnit, Verification
from render.findings import headline_findings

HEAD = ["Service", "Budget £000", "Forecast £000", "Variance £000"]
CHILDREN_LINES = [
    ["Looked after children – residential placements", "38,400", "43,450", "5,050"],
    ["Children's social work teams", "20,000", "21,000", "1,000"],
]
# The children's total: its own row adds up (58,400 + 6,300 = 64,700), its lines add to
# 64,450 and 6,050: £0.25m short.
CHILDREN_TOTAL = ["Total Children's Services", "58,400", "64,700", "6,300"]
ADULTS = [
    ["Older people", "100,000", "103,000", "3,000"],
    ["Total Adult Social Care", "100,000", "103,000", "3,000"],
]
# The subtotals add to the council total (6,300 + 3,000 = 9,300); the lines (9,050) do not.
COUNCIL = ["COUNCIL TOTAL", "158,400", "167,700", "9,300"]


def _extraction(children_total: list[str], council: list[str]) -> Extraction:
    rows = [HEAD, *CHILDREN_LINES, children_total, *ADULTS, council]
    return Extraction(budget_lines=records_from_tables([table(rows, unit="£000")], document()).budget_lines)


def _row(extraction: Extraction, name: str) -> BudgetLine:
    return next(b for b in extraction.budget_lines if b.name == name)


def _text(review) -> str:
    return " ".join(f"{f.title} {f.figure} {f.detail}" for f in headline_findings(review))


def test_a_total_only_its_lines_contradict_headlines_marked_in_doubt() -> None:
    extraction = _extraction(CHILDREN_TOTAL, COUNCIL)
    total = _row(extraction, CHILDREN_TOTAL[0])
    assert total.level == "directorate"
    held = {c.identity: c.held for c in total.checks}
    assert held == {
        "lines sum to the stated total": False,
        "with the other lines, sums to the stated total": True,  # its place in the council total
        "budget + variance = forecast": True,
    }
    review = build_review(extraction)
    position = review.position
    assert position.children_services.variance_gbp == 6.3e6
    assert position.children_services_missing is None and position.children_services_in_doubt is None
    short = position.children_services_lines_short
    assert short is not None
    assert short.lines_variance_gbp == 6.05e6
    assert abs(short.short_gbp - 0.25e6) < 1.0
    assert short.ways_checked == 2 == len(short.ways)
    text = _text(review)
    assert "its service lines add to £6.05m, £0.25m short of the total" in text
    assert "£6.3m (as reported; its lines do not add up to it)" in text
    assert "as printed, contradicted" not in text


def test_a_total_whose_council_sum_fails_too_stays_unheadlined() -> None:
    # The council total now fails both ways (lines 9,050, subtotals 9,300, printed 9,550).
    council = ["COUNCIL TOTAL", "158,400", "167,950", "9,550"]
    extraction = _extraction(CHILDREN_TOTAL, council)
    held = {c.identity: c.held for c in _row(extraction, CHILDREN_TOTAL[0]).checks}
    assert held["with the other lines, sums to the stated total"] is False
    review = build_review(extraction)
    assert review.position.children_services.variance_gbp is None
    assert review.position.children_services_lines_short is None
    assert review.position.children_services_in_doubt is not None
    assert headline_findings(review)[0].title.endswith("as printed, contradicted")


def test_a_total_that_fails_its_own_budget_and_variance_stays_unheadlined() -> None:
    # 58,400 + 6,300 is not 64,900: the total's own row fails, though it still adds with the
    # adults' total into the council's forecast (64,900 + 103,000 = 167,900).
    children = ["Total Children's Services", "58,400", "64,900", "6,300"]
    extraction = _extraction(children, ["COUNCIL TOTAL", "158,400", "167,900", "9,300"])
    held = {c.identity: c.held for c in _row(extraction, children[0]).checks}
    assert held["with the other lines, sums to the stated total"] is True
    assert held["budget + variance = forecast"] is False
    review = build_review(extraction)
    assert review.position.children_services.variance_gbp is None
    assert review.position.children_services_lines_short is None
    assert "does not agree with its table's arithmetic" in (review.position.children_services_missing or "")


def test_where_only_the_reports_text_holds_it_up_the_total_headlines_and_without_it_does_not() -> None:
    # No variance column and no council total: the lines' sum is the only identity tested, and
    # it fails (lines 64,450 against 64,700). A sentence stating the same £6.3m holds it up.
    rows = [HEAD[:3], *(r[:3] for r in CHILDREN_LINES), CHILDREN_TOTAL[:3]]
    lines = records_from_tables([table(rows, unit="£000")], document()).budget_lines
    total = next(b for b in lines if b.name == CHILDREN_TOTAL[0])
    assert [c.held for c in total.checks] == [False]
    said = "Children's Services forecast an overspend of £6.3m."
    prose = Figure(
        value=6.3e6, unit=FigureUnit.GBP, label="overspend", text=said, provenance=[total.provenance[0]]
    )
    review = build_review(Extraction(budget_lines=lines, figures=[prose]))
    short = review.position.children_services_lines_short
    assert review.position.children_services.variance_gbp == 6.3e6
    assert short is not None and short.ways == ["the report's text states the same variance"]
    assert short.supported_by == []  # the text restates the table: it takes no side
    assert "No other check says which is wrong, the total or a line" in _text(review)

    unsaid = build_review(Extraction(budget_lines=lines))
    assert unsaid.position.children_services.variance_gbp is None
    assert unsaid.position.children_services_lines_short is None


def _quality(review, extraction: Extraction) -> str:
    from lxml import html as lxml_html

    from render.pack import pack_html

    section = lxml_html.fromstring(pack_html(review, extraction)).get_element_by_id("quality")
    return " ".join(section.text_content().split())


def test_the_data_quality_section_names_each_contradicted_row_and_says_how_it_is_used() -> None:
    extraction = _extraction(CHILDREN_TOTAL, COUNCIL)
    # another row in doubt beside it (marked so here): it does not headline
    other = _row(extraction, "Older people").model_copy(update={"verification": Verification.CONTRADICTED})
    lines = [other if b.name == "Older people" else b for b in extraction.budget_lines]
    extraction = extraction.model_copy(update={"budget_lines": lines})
    review = build_review(extraction)
    row, older = review.rows_doubted
    assert (row.label, row.headlines, older.label, older.headlines) == (
        "Total Children's Services",
        True,
        "Older people",
        False,
    )
    said = _quality(review, extraction)
    where = f"Total Children's Services ({row.provenance[0].file}, page {row.provenance[0].page})"
    assert f"{where} [S" in said
    assert "is the children's headline in the executive summary and the budget position" in said
    assert said.count("never headlines") == 1  # the older people row's: none says so of the headline
    # The same row failing the council total too is not the headline: it never headlines.
    council = ["COUNCIL TOTAL", "158,400", "167,950", "9,550"]
    extraction = _extraction(CHILDREN_TOTAL, council)
    review = build_review(extraction)
    assert [(r.label, r.headlines) for r in review.rows_doubted] == [
        ("Total Children's Services", False),
        ("COUNCIL TOTAL", False),
    ]
    said = _quality(review, extraction)
    assert f"{where} [S" in said and "Total Children's Services" in said
    assert (
        "is the children's headline" not in said
        and said.count("is shown as printed, marked, and never headlines") == 2
    )
