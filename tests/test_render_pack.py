"""The PDF pre-read pack: well-formed, tagged, every section present, every figure traced to its
record (tests/refs_check.py states the rule; tests/test_refs_check.py shows it failing)."""

from __future__ import annotations

import io
import re
from functools import cache
from importlib import resources
from typing import Any

import pdfplumber
import pypdfium2 as pdfium
from lxml import html as lxml_html
from pdfminer.pdftypes import resolve1

from analyse.records import SavingsPart, Scope
from extract.records import BuildPart, Verification
from extract.tables.vocabulary import CategoryKind
from render import fmt
from render.pack import pack_html, render_pdf, stylesheet
from render.refs import TAG, Fig, untraced_html
from render.ua_sheet import PackHTML
from tests.contract import check_extraction, check_review
from tests.refs_check import past_the_margins, pdf_mismatches, pdf_text, problems, split_words, traced
from tests.render_samples import empty_sample, sample

SECTIONS = [
    "Executive summary",
    "Budget position",
    "DSG and High Needs",
    "Savings and delivery",
    "Pressures and the medium-term gap",
    "Benchmarking",
    "Drivers of spend",
    "Scenarios",
    "Themes and flags",
    "Lines of enquiry",
    "Data quality and caveats",
    "Appendix: sources",
]


@cache
def rendered(which: str) -> tuple[bytes, str, dict[str, Any], dict[str, Any]]:
    review, extraction = {"sample": sample, "empty": empty_sample}[which]()
    data = render_pdf(review, extraction)
    return data, pdf_text(data), review.model_dump(mode="json"), extraction.model_dump(mode="json")


@cache
def html(which: str) -> str:
    return pack_html(*{"sample": sample, "empty": empty_sample}[which]())


def test_the_sample_records_meet_the_output_contracts() -> None:
    review, extraction = sample()
    check_review(review.model_dump(mode="json"))
    check_extraction(extraction.model_dump(mode="json"))


def test_the_pack_opens_as_a_pdf_with_every_section() -> None:
    data, text, _, _ = rendered("sample")
    assert data.startswith(b"%PDF-") and data.rstrip().endswith(b"%%EOF")
    pdf = pdfium.PdfDocument(data)
    assert len(pdf) >= 12
    pdf.close()
    for title in SECTIONS:
        assert title in text, title
    assert "Northmoor County Council" in text


def test_the_pack_is_tagged_with_its_title_and_language() -> None:
    data, _, _, _ = rendered("sample")
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        catalog = pdf.doc.catalog
        assert "StructTreeRoot" in catalog
        assert resolve1(catalog["MarkInfo"])["Marked"] is True
        assert catalog["Lang"] == b"en-GB"
        assert pdf.metadata["Title"].startswith("Northmoor County Council")
        assert b'pdfuaid:part="1"' in resolve1(catalog["Metadata"]).get_data()  # claims PDF/UA-1


def test_every_figure_printed_in_the_pack_is_traced_to_its_record_and_shows_its_value() -> None:
    _, _, review, extraction = rendered("sample")
    assert len(traced(html("sample"))) > 400
    assert problems(html("sample"), review, extraction) == []


def test_the_pdf_shows_the_same_figures_as_the_html_it_was_printed_from() -> None:
    _, text, _, _ = rendered("sample")
    assert pdf_mismatches(text, html("sample")) == []


def test_no_text_or_table_of_the_pack_runs_past_the_pages_margins() -> None:
    data, _, _, _ = rendered("sample")
    assert past_the_margins(data, stylesheet()) == []
    # the check fails when one table is wider than the page's content (Kent's plan-share table ran
    # off the paper, its Source column cut off)
    wider = html("sample").replace("</style>", "table.plan-share { width: 115%; }</style>", 1)
    pdf = PackHTML(string=untraced_html(wider), base_url=str(resources.files("render"))).write_pdf()
    assert [p for p in past_the_margins(pdf, stylesheet()) if "rules past the margins" in p] != []


def test_no_word_of_the_pack_is_broken_across_two_lines_in_the_pdf() -> None:
    # An Ofsted grade in the benchmark table's narrow council and median columns: "Outstanding" and
    # "Requires improvement" are words, and a column too narrow for them broke one ("Outstand" /
    # "ing", Kent's pack): each column is at least as wide as its longest word.
    review, extraction = sample()
    first = review.benchmarks[0]
    ofsted = first.model_copy(
        update={
            "indicator": "ofsted_overall_effectiveness",
            "label": "Ofsted overall effectiveness: Outstanding (inspected 2022-05-09)",
            "unit": "grade_1_outstanding_4_inadequate",
            "value": 1.0,
            "statistical_neighbours": first.statistical_neighbours.model_copy(update={"median": 3.0}),
            "region": first.region.model_copy(update={"median": 1.0}),
        }
    )
    review = review.model_copy(update={"benchmarks": [*review.benchmarks, ofsted]})
    page = pack_html(review, extraction)
    text = pdf_text(render_pdf(review, extraction))
    assert "Outstanding" in text and "Requires improvement" in page
    assert split_words(text, page) == []


def test_the_pdf_is_laid_out_from_the_html_with_each_figures_span_taken_away_and_its_text_kept() -> None:
    page = html("sample")
    laid_out = untraced_html(page)
    assert page.count('<span data-ref="') > 400
    assert not re.search(r'><span data-ref="[^"]*"[^>]*>[^<]*</span><', laid_out)  # a cell's, a heading's
    assert TAG.sub("", laid_out) == TAG.sub("", page)
    assert re.search(r'<text [^>]*data-ref="', laid_out)  # a chart's labels keep theirs
    fig = Fig("£1.2m", "review.json#/position/variance_gbp", "gbp_m", sign="abs", doubt="in doubt")
    assert (
        untraced_html(f"<td>{fig.__html__()}</td>") == '<td>£1.2m<span class="doubt"> (in doubt)</span></td>'
    )
    plain = Fig("£1.2m", "review.json#/position/variance_gbp", "gbp_m")
    in_words = f"<p>{plain.__html__()} a year, or {plain.__html__()}</p>"  # its text would join the words
    assert untraced_html(in_words) == in_words


def test_the_executive_summary_gives_the_variance_the_risk_and_the_gap() -> None:
    _, text, _, _ = rendered("sample")
    summary = text.split("Executive summary")[2].split("Budget position")[0]
    assert "£15.4m" in summary  # children's services variance
    assert "£5.1m" in summary  # savings at risk
    assert "£33.9m" in summary  # budget gap in the last year stated
    assert "Agency social workers" in summary  # furthest from neighbours: 27.0% against 17.5%


def test_money_is_in_millions_in_text_and_thousands_in_tables() -> None:
    _, text, _, _ = rendered("sample")
    assert "a variance of +£15.4m" in text
    assert re.search(r"Looked after children placements\s+2024-25\s+68,400\s+79,300\s+10,900", text)
    assert re.search(r"Early help and prevention\s+2024-25\s+14,600\s+13,900\s+\(700\)", text)


def test_every_cited_source_is_in_the_appendix_with_its_file_and_page() -> None:
    review, extraction = sample()
    doc = lxml_html.fromstring(pack_html(review, extraction))
    cited = set(re.findall(r"S\d+", " ".join(doc.xpath("//span[@class='cite']/text()"))))
    rows = doc.xpath("//section[@id='sources']//tbody/tr")
    listed = {r.xpath("string(th)").strip("[]") for r in rows}
    assert cited and cited == listed
    mtfp_gap = next(r for r in rows if "budget gap of £9.8m" in r.xpath("string(.)"))
    assert "Northmoor MTFP 2024-28.pdf" in mtfp_gap.xpath("string(.)") and "p. 5" in mtfp_gap.xpath(
        "string(.)"
    )


def test_every_chart_is_vector_with_a_title_a_description_and_a_label() -> None:
    review, extraction = sample()
    doc = lxml_html.fromstring(pack_html(review, extraction))
    charts = doc.xpath("//svg")
    assert len(charts) >= 6
    for svg in charts:
        assert svg.get("role") == "img" and svg.get("aria-label")
        assert svg.xpath("string(title)").strip() and svg.xpath("string(desc)").strip()
        assert not svg.xpath(".//image")  # drawn, not pasted in as a bitmap


def test_a_bundle_that_yielded_nothing_says_so_in_every_section_and_shows_no_money() -> None:
    _, text, review, extraction = rendered("empty")
    for phrase in [
        "No budget or forecast outturn",
        "No savings plan or tracker lines",
        "No pressures or medium-term",
        "No benchmark data",
        "No drivers model",
        "No scenarios",
        "No lines of enquiry",
    ]:
        assert phrase in text, phrase
    assert not re.search(r"£\d", text)
    assert "The PDF is password protected" in text  # the refused file and why
    assert problems(html("empty"), review, extraction) == []
    assert pdf_mismatches(text, html("empty")) == []


def _build_section(page: str) -> str:
    """The text of the pack's MTFP section from "Next year's budget build" on."""
    section = lxml_html.fromstring(page).xpath("//section[@id='mtfp']")[0]
    text = " ".join(" ".join(section.itertext()).split())
    return text[text.index("Next year's budget build") :]


def test_next_years_budget_build_is_shown_for_the_childrens_directorate_and_the_council() -> None:
    shown = _build_section(html("sample"))
    # Children's: 301,240 + 24,860 - 9,350 - 2,100 = 314,650; the council's arrives at 1,152,800.
    for words in (
        "Base budget 301,240 1,124,600",
        "Less savings",
        "9,350 28,900",
        "New budget 314,650 1,152,800",
    ):
        assert words in shown, words
    assert "Children's directorate: Children, Young People and Families, 2025-26" in shown
    _, _, review, extraction = rendered("sample")
    assert problems(html("sample"), review, extraction) == []


def test_a_build_that_does_not_add_up_is_named_but_its_figures_are_not_shown() -> None:
    review, extraction = sample()
    build = review.selection.budget_build
    assert build is not None
    wrong = build.model_copy(update={"verification": Verification.CONTRADICTED})
    page = pack_html(
        review.model_copy(update={"selection": review.selection.model_copy(update={"budget_build": wrong})}),
        extraction,
    )
    shown = _build_section(page)
    assert (
        "build for Children, Young People and Families (2025-26) does not arrive at the new budget it prints"
        in shown
    )
    assert "314,650" not in shown and "1,152,800" in shown  # the council's, verified, is still shown


def test_a_bundle_without_a_build_says_the_documents_give_none() -> None:
    assert "do not set out next year's budget build" in _build_section(html("empty"))


PLAN = [
    ["", "2025-26", "2026-27"],
    ["", "£000s", "£000s"],
    ["Base budget", "301,240", "316,750"],
    ["Total growth", "24,860", "18,000"],
    ["Total savings", "-9,350", "-6,000"],
    ["Savings still to be found", "0", "4,150"],
    ["Net budget", "316,750", "324,600"],
]


def _plan_page(rows: list[list[str]]) -> str:
    from extract.domain.build import builds_by_year_group
    from tests.domain_tables import document, table

    builds = builds_by_year_group(
        table(rows, title="Children's Services plan 2025-27", header_rows=2), "table 5", document()
    )
    review, extraction = sample()
    selection = review.selection.model_copy(update={"plan_builds": builds})
    review = review.model_copy(update={"selection": selection})
    page = pack_html(review, extraction)
    assert problems(page, review.model_dump(mode="json"), extraction.model_dump(mode="json")) == []
    section = lxml_html.fromstring(page).get_element_by_id("mtfp")
    text = " ".join(" ".join(section.itertext()).split())
    return text[text.index("The plan's budget build by year") :]


def test_the_plans_build_by_year_shows_each_year_and_the_gap_it_leaves() -> None:
    shown = _plan_page(PLAN)
    for words in (
        "Step 2025-26 2026-27",
        "Base budget 301,240 316,750",
        "Less gap left unresolved (savings still to find) 0 4,150",
        "New budget 316,750 324,600",
    ):
        assert words in shown, words


def test_a_plan_year_that_does_not_add_up_is_named_and_its_figures_left_out() -> None:
    rows = [list(r) for r in PLAN]
    rows[-1][2] = "325,600"  # 316,750 + 18,000 - 6,000 - 4,150 is 324,600
    shown = _plan_page(rows)
    assert "Step 2025-26 Base budget 301,240 Growth" in shown
    assert "The plan's build for 2026-27 does not arrive at the budget it prints" in shown
    assert "325,600" not in shown


def test_the_savings_target_is_shown_by_category_with_cost_avoidance_named_apart() -> None:
    review, extraction = sample()
    s = review.savings_summary
    assert s.target_gbp
    prov = extraction.savings[0].provenance
    avoided, saved = round(s.target_gbp * 0.4), s.target_gbp - round(s.target_gbp * 0.4)
    parts = [
        SavingsPart(
            category="Future Cost Avoidance",
            kind=CategoryKind.COST_AVOIDANCE,
            amount_gbp=avoided,
            lines=1,
            provenance=prov,
        ),
        SavingsPart(
            category="Efficiency", kind=CategoryKind.SAVING, amount_gbp=saved, lines=2, provenance=prov
        ),
    ]
    with_parts = review.model_copy(
        update={"savings_summary": s.model_copy(update={"parts": parts, "against_base_gbp": saved})}
    )
    page = pack_html(with_parts, extraction)
    section = lxml_html.fromstring(page).xpath("//section[@id='savings']")[0]
    shown = " ".join(" ".join(section.itertext()).split())
    assert "Future Cost Avoidance ” (cost avoidance, not a saving against the base budget)" in shown
    assert "Efficiency ” (" not in shown  # a saving against the base carries no note
    assert "Savings against the base budget are £6.75m of the £11.25m" in shown  # 11.25 less 4.5
    assert "of which" in " ".join(" ".join(lxml_html.fromstring(page).itertext()).split())
    assert problems(page, with_parts.model_dump(mode="json"), extraction.model_dump(mode="json")) == []


def test_ring_fenced_pressures_are_kept_apart_from_the_general_funds_in_the_table_and_chart() -> None:
    review, extraction = sample()
    table = review.selection.pressures
    assert table.totals
    # Kent's DSG line: +23.9m in the first year, then -15.6m: the General Fund's pressures that
    # year are not netted down by it.
    rest = [None] * (len(table.years) - 1)
    general = [(table.totals[0] or 0) + 15_600_000.0, *rest]
    update = {"ring_fenced": [-15_600_000.0, *rest], "general_fund": general}
    fenced = table.model_copy(update=update)
    shares = [
        s.model_copy(update={"children_general_fund_gbp": general[0]}) if i == 0 else s
        for i, s in enumerate(review.selection.plan_shares)
    ]
    with_fenced = review.model_copy(
        update={"selection": review.selection.model_copy(update={"pressures": fenced, "plan_shares": shares})}
    )
    page = pack_html(with_fenced, extraction)
    section = lxml_html.fromstring(page).xpath("//section[@id='mtfp']")[0]
    shown = " ".join(" ".join(section.itertext()).split())
    # The pressures are changes on the year before: the DSG's fall is a smaller deficit, not a
    # surplus, and the table, its rows and the chart say so.
    assert "Pressures (growth) by year (£000), each a change on the year before" in shown
    assert f"General Fund pressures {general[0] / 1000:,.0f}" in shown
    assert (
        "Ring-fenced pressures (DSG / High Needs), change on the year before: not a General Fund pressure (15,600)"
        in shown
    )
    assert f"All pressures listed, ring-fenced changes included {(table.totals[0] or 0) / 1000:,.0f}" in shown
    assert (
        "Children's pressures (all listed, ring-fenced changes included)"
        in shown.split("part of the plan")[1]
    )
    chart = " ".join(" ".join(section.xpath(".//figure")[0].itertext()).split())
    assert (
        "By financial year: children's general fund pressures, ring-fenced pressures (dsg / high needs), change on the year before,"
        in chart
    )
    assert re.search(
        rf"{table.years[0]}: children's general fund pressures £29\.9\d?m, ring-fenced pressures \(dsg / high needs\), "
        r"change on the year before [−-]£15\.6m",
        chart,
    )
    plain = html("sample")
    assert "Ring-fenced pressures" not in plain and "Total pressures" in plain  # none fenced: one total
    assert "ring-fenced changes included" not in plain
    assert problems(page, with_fenced.model_dump(mode="json"), extraction.model_dump(mode="json")) == []


def test_adults_savings_in_the_directorate_are_named_in_the_rows_under_the_total_and_in_the_chart() -> None:
    review, extraction = sample()
    planned = review.selection.planned
    assert planned.rows and planned.totals
    row = planned.rows[0].model_copy(update={"scope": Scope.ADULTS_IN_CHILDRENS})
    adults = [row.amounts[0]] + [None] * (len(planned.years) - 1)
    assert adults[0]
    marked = planned.model_copy(update={"rows": [row, *planned.rows[1:]], "adults": adults})
    selection = review.selection.model_copy(update={"planned": marked, "plan_lines": marked})
    with_adults = review.model_copy(update={"selection": selection})
    page = pack_html(with_adults, extraction)
    tree = lxml_html.fromstring(page)
    mtfp = " ".join(" ".join(tree.xpath("//section[@id='mtfp']")[0].itertext()).split())
    savings = " ".join(" ".join(tree.xpath("//section[@id='savings']")[0].itertext()).split())
    under_total = f"Of which adults' services in the children's directorate {adults[0] / 1000:,.0f}"
    assert under_total in mtfp and under_total in savings
    named = f"{row.title} {row.service_area or ''} Adults' services in the children's directorate"
    assert " ".join(named.split()) in savings
    assert "Of which adults' savings" in mtfp  # the chart's series
    assert "the adults' savings are charted beside the savings planned" in mtfp
    plain = html("sample")
    assert "Of which adults'" not in plain  # a plan with no adults' lines names none
    assert problems(page, with_adults.model_dump(mode="json"), extraction.model_dump(mode="json")) == []


def test_the_pressures_are_said_to_agree_or_differ_with_the_builds_growth() -> None:
    from analyse.records import GrowthCheck

    review, extraction = sample()
    build = review.selection.budget_build
    assert build is not None and build.growth_gbp is not None

    def said(difference: float) -> str:
        check = GrowthCheck(
            period=build.period, build_name=build.name, pressures_gbp=build.growth_gbp + difference,
            growth_gbp=build.growth_gbp, difference_gbp=difference, agree=not difference,
            provenance=build.provenance,
        )  # fmt: skip
        shown = review.model_copy(
            update={"selection": review.selection.model_copy(update={"growth_checks": [check]})}
        )
        page = pack_html(shown, extraction)
        assert problems(page, shown.model_dump(mode="json"), extraction.model_dump(mode="json")) == []
        section = lxml_html.fromstring(page).xpath("//section[@id='mtfp']")[0]
        text = " ".join(" ".join(section.itertext()).split())
        return text.replace("( ", "(").replace(" )", ")")

    agree = said(0.0)
    assert (
        f"The pressures listed for {build.period} (£24.9m) agree with the growth in the budget build" in agree
    )
    assert "do not show" not in agree
    differ = said(-11_300_000.0)
    assert re.search(rf"for {build.period} \(£13\.6m\) differ by [−-]£11\.3m from the growth", differ)
    assert "the build counts growth the lines listed do not show" in differ


def test_the_builds_savings_step_shows_its_printed_row_and_its_parts_by_kind() -> None:
    review, extraction = sample()
    build = review.selection.budget_build
    assert build is not None and build.savings_gbp == 9_350_000.0
    parts = [
        BuildPart(
            kind="saving", rows=["Efficiency"], amount_gbp=6_350_000.0, provenance=build.provenance[:1]
        ),
        BuildPart(
            kind="grant",
            rows=["Increases in Grants"],
            amount_gbp=3_000_000.0,
            provenance=build.provenance[:1],
        ),
    ]
    labelled = build.model_copy(
        update={"savings_label": "TOTAL SAVINGS, INCOME & GRANT", "savings_parts": parts}
    )
    shown_review = review.model_copy(
        update={
            "selection": review.selection.model_copy(update={"budget_build": labelled, "council_build": None})
        }
    )
    page = pack_html(shown_review, extraction)
    shown = _build_section(page)
    assert "the row “ TOTAL SAVINGS, INCOME & GRANT ”" in shown
    assert "of which savings against the base budget 6,350" in shown
    assert "of which grant (funding, not a saving) 3,000" in shown
    assert "cost avoidance" not in shown  # a kind no build prints has no row
    assert "of which" not in _build_section(html("sample"))
    assert problems(page, shown_review.model_dump(mode="json"), extraction.model_dump(mode="json")) == []


def test_externally_funded_pressures_are_a_row_and_a_bar_of_their_own_beside_the_general_funds() -> None:
    review, extraction = sample()
    table = review.selection.pressures
    assert table.totals
    # Kent's grant swap: "Children & Families grants" 11,276.2, marked External, a grant's to meet.
    rest = [None] * (len(table.years) - 1)
    core = [(table.totals[0] or 0) - 11_276_200.0, *rest]
    external = table.model_copy(update={"external": [11_276_200.0, *rest], "general_fund": core})
    shares = [
        s.model_copy(update={"children_general_fund_gbp": core[0]}) if i == 0 else s
        for i, s in enumerate(review.selection.plan_shares)
    ]
    with_external = review.model_copy(
        update={
            "selection": review.selection.model_copy(update={"pressures": external, "plan_shares": shares})
        }
    )
    page = pack_html(with_external, extraction)
    section = lxml_html.fromstring(page).xpath("//section[@id='mtfp']")[0]
    shown = " ".join(" ".join(section.itertext()).split())
    assert f"General Fund pressures (core) {core[0] / 1000:,.0f}" in shown
    assert (
        "Externally funded pressures (the plan marks a grant meets them): not a General Fund pressure 11,276"
        in shown
    )
    chart = " ".join(" ".join(section.xpath(".//figure")[0].itertext()).split())
    assert "By financial year: children's general fund pressures, externally funded pressures," in chart
    assert "General Fund pressures (core)" in shown.split("part of the plan")[1]
    assert "ring-fenced and externally funded ones included, as the council's totals count them" in shown
    assert "Children's pressures (all listed)" in shown  # no ring-fenced line: none netted in
    assert f"All pressures listed {(table.totals[0] or 0) / 1000:,.0f}" in shown
    assert problems(page, with_external.model_dump(mode="json"), extraction.model_dump(mode="json")) == []


# A caption names its table in bold; what the columns count is said in a note under it.
CAPTION_WORDS = 25


def _plan_share_table(review: Any, extraction: Any) -> tuple[list[str], list[list[str]], str]:
    """The plan-share table's headers, its rows' cells and its caption, as printed."""
    [table] = lxml_html.fromstring(pack_html(review, extraction)).xpath(
        "//table[contains(@class, 'plan-share')]"
    )

    def words(e: Any) -> str:
        return " ".join(" ".join(e.itertext()).split())

    heads = [words(th) for th in table.xpath(".//thead//th")]
    rows = [[words(c) for c in tr.xpath("./th|./td")] for tr in table.xpath(".//tbody/tr")]
    caption = words(table.xpath(".//caption")[0])
    assert len(caption.split()) <= CAPTION_WORDS, caption  # the detail is the note's, not bold
    [note] = table.xpath("following-sibling::p[1][@class='note']")
    return heads, rows, f"{caption} {words(note)}"


def test_the_plan_share_table_leaves_out_a_council_total_it_has_not_read_and_says_so() -> None:
    review, extraction = sample()
    shares = review.selection.plan_shares
    assert all(s.council_pressures_gbp is None and s.council_savings_gbp is None for s in shares)
    heads, rows, caption = _plan_share_table(review, extraction)
    assert "Council's pressures" not in heads and "Council's savings" not in heads
    assert "Children's share (derived)" not in heads
    assert "council total of pressures and of savings is not read" in caption
    # every cell of a shown column holds a figure or says it is not stated: none is blank
    assert all(cell for row in rows for cell in row[:-1])
    savings = heads.index("Children's savings")
    for s, row in zip(shares, rows, strict=True):
        assert row[savings] == (
            "not stated" if s.children_savings_gbp is None else f"{s.children_savings_gbp / 1e3:,.0f}"
        )


def test_the_plan_share_table_shows_a_council_total_read_for_some_years_and_not_stated_for_the_rest() -> None:
    review, extraction = sample()
    shares = review.selection.plan_shares
    council = 57_400_000.0  # the plan's total pressures, read for the first year only
    first = shares[0].model_copy(
        update={
            "council_pressures_gbp": council,
            "pressures_share": (shares[0].children_pressures_gbp or 0) / council,
        }
    )
    chosen = review.selection.model_copy(update={"plan_shares": [first, *shares[1:]]})
    heads, rows, caption = _plan_share_table(review.model_copy(update={"selection": chosen}), extraction)
    column = heads.index("Council's pressures")
    assert heads[column + 1] == "Children's share (derived)" and "Council's savings" not in heads
    share = fmt.percent(100 * (first.pressures_share or 0), 0)
    assert rows[0][column : column + 2] == [f"{council / 1e3:,.0f}", share]
    assert all(row[column : column + 2] == ["not stated", "n/a"] for row in rows[1:])
    assert "council total of savings is not read" in caption and "of pressures" not in caption


def test_the_plan_share_table_says_the_councils_savings_are_its_memorandums_new_savings_and_what_the_total_nets() -> (
    None
):
    # Kent's Appendix D: the share is of "New & FYE of existing Savings" and "... Income", not of
    # "TOTAL SAVINGS & INCOME", which is net of "Removal of undelivered/temporary savings & grant".
    review, extraction = sample()
    shares = review.selection.plan_shares
    rows = ["New & FYE of existing Savings", "New & FYE of existing Income"]
    council, nets = 94_416_400.0, 36_203_100.0
    first = shares[0].model_copy(
        update={
            "council_savings_gbp": council,
            "savings_share": (shares[0].children_savings_gbp or 0) / council,
            "council_savings_rows": rows,
            "council_savings_basis": "memorandum",
            "council_savings_nets_gbp": nets,
            "council_savings_nets_rows": ["Removal of undelivered/temporary savings & grant"],
        }
    )
    chosen = review.selection.model_copy(update={"plan_shares": [first, *shares[1:]]})
    heads, cells, caption = _plan_share_table(review.model_copy(update={"selection": chosen}), extraction)
    column = heads.index("Council's savings")
    assert heads[column + 1] == "Children's share (derived)"
    assert cells[0][column + 1] == fmt.percent(100 * (first.savings_share or 0), 0)
    said = "The council's savings are “ New & FYE of existing Savings ” and “ New & FYE of existing Income ”"
    assert said in caption and "as the plan's memorandum states them: new savings and income" in caption
    assert (
        "which is net of the memorandum's “ Removal of undelivered/temporary savings & grant ”"
        f" ( {nets / 1e3:,.0f} in {first.period}" in caption
    )
    assert "Each children's share is derived" in caption
    total = first.model_copy(
        update={"council_savings_rows": ["TOTAL SAVINGS & INCOME"], "council_savings_basis": "total"}
    )
    chosen = review.selection.model_copy(update={"plan_shares": [total, *shares[1:]]})
    _, _, caption = _plan_share_table(review.model_copy(update={"selection": chosen}), extraction)
    assert (
        "“ TOTAL SAVINGS & INCOME ”, net of the memorandum's “ Removal of undelivered/temporary savings & grant ”,"
        " which the children's savings are not" in caption
    )


def test_a_table_runs_onto_a_page_with_three_rows_at_least() -> None:
    # Wyvern pp.10 and 13 opened with a table's last row and its total alone under the repeated head.
    css = stylesheet()
    for n in range(
        36, 46
    ):  # tables that end on the first page (38 rows fit), and ones that run onto the next
        rows = "".join(f"<tr><th>Line {i}</th><td class='num'>{i},000</td></tr>" for i in range(n))
        html = (
            f"<html><head><style>{css}</style></head><body><table><caption>Lines</caption>"
            f"<thead><tr><th>Line</th><th class='num'>£000</th></tr></thead><tbody>{rows}</tbody></table></body></html>"
        )
        with pdfplumber.open(io.BytesIO(PackHTML(string=html).write_pdf())) as pdf:
            later = [sum(w["text"] == "Line" for w in page.extract_words()) for page in pdf.pages[1:]]
        assert all(count - 1 >= 3 for count in later), (n, later)  # less the repeated head's "Line"


def test_the_gap_tables_amount_column_says_the_rows_under_a_year_are_not_its_gap() -> None:
    # Wyvern p.12 printed 8,230 and 1,500 under "Gap" for a year whose gap is nil: they are the
    # one-off use of reserves that balances it and the savings it counts.
    [table] = lxml_html.fromstring(html("sample")).xpath(
        "//table[caption[starts-with(., 'Council-wide budget gap')]]"
    )
    heads = [" ".join(th.text_content().split()) for th in table.xpath(".//thead//th")]
    assert heads[:2] == ["Year", "Gap; under it, what balances or makes it up"]


def test_a_scenario_resting_on_an_estimated_count_says_so_beside_its_money() -> None:
    review, extraction = sample()

    def headings(r: Any) -> list[str]:
        page = lxml_html.fromstring(pack_html(r, extraction))
        return [" ".join(h.text_content().split()) for h in page.xpath("//div[@class='scenario']/h3")]

    assert not any("estimate" in h for h in headings(review))
    first, *rest = review.scenarios
    marked = review.model_copy(update={"scenarios": [first.model_copy(update={"estimated": True}), *rest]})
    assert headings(marked)[0].endswith("a year (an estimate)")


def test_each_bar_chart_cites_the_records_its_bars_are_drawn_from_as_a_tables_rows_do() -> None:
    from render.pack_charts import at_risk_shown, variance_shown

    review, _ = sample()
    page = lxml_html.fromstring(html("sample"))
    chosen = review.selection
    for opening, drawn in (
        ("Largest sums at risk", at_risk_shown(chosen.at_risk)),
        ("Forecast variance", variance_shown(chosen.service_lines)),
    ):
        (caption,) = [c for c in page.xpath("//figcaption") if c.text_content().startswith(opening)]
        (cite,) = caption.xpath(".//span[@class='cite']")
        cited = re.fullmatch(r"\[((?:S\d+, )*S\d+)(?:, \+(\d+))?\]", cite.text_content().strip())
        assert cited is not None and drawn
        shown, more = cited.group(1).split(", "), int(cited.group(2) or 0)
        assert len(shown) + more == len({(p.file, p.page, p.locator) for r in drawn for p in r.provenance})


def test_a_childrens_row_in_doubt_is_not_said_to_be_missing_where_no_council_total_was_found() -> None:
    from analyse.records import InDoubt, Money3, Position

    review, extraction = empty_sample()
    doubted = InDoubt(
        money=Money3(budget_gbp=66.4e6), name="Children's Services", failed="budget + variance = forecast"
    )
    position = Position(
        children_services_missing="Its row does not add up.", children_services_in_doubt=doubted
    )
    text = " ".join(pack_html(review.model_copy(update={"position": position}), extraction).split())
    assert "No budget or forecast outturn for the council as a whole was found" in text
    assert "for the council or its children's services" not in text


def test_the_councils_position_alone_goes_on_from_the_year_in_lower_case() -> None:
    from analyse.records import Position

    review, extraction = empty_sample()
    position = Position(period="2025-26", budget_gbp=327.5e6, forecast_gbp=334.65e6, variance_gbp=7.15e6)
    text = " ".join(pack_html(review.model_copy(update={"position": position}), extraction).split())
    text = re.sub(r"<[^>]+>", "", text)
    assert "In 2025-26, the council as a whole (council-wide) forecasts" in text
