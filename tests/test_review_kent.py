"""The review on Kent County Council's real Cabinet papers (30 January 2025), read by the extractors.

Kent's appendix F lists every saving of the 2025-28 plan with its phasing; what a reviewer sees in
it by eye is what these tests expect the flags to find: savings still "under development" with no
directorate (TBC), a one-off use of capital receipts that reverses the next year, and earlier years'
undelivered savings being removed from the budget (adult social care's, so not flagged here).
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

from analyse.records import Review, Scope
from analyse.review import build_review
from extract.records import Extraction
from tests.conftest import need
from tests.contract import check_review

PAPERS = [
    "kent_cabinet_2025-01-30_appendixF_budget_templates.pdf",
    "kent_cabinet_2025-01-30_appendixE_budget_by_directorate.pdf",
    "kent_cabinet_2025-01-30_appendixD_MTFP.pdf",
]


@pytest.fixture(scope="module")
def kent_review(kent_dir: Path) -> Review:
    need(
        importlib.util.find_spec("extract.pdf.reader") is not None,
        "extract.pdf.reader (the PDF reader) is not written yet",
    )
    from analyse.benchmarks import load_benchmark_table
    from extract.document import extract_file

    parts = [extract_file(name, (kent_dir / name).read_bytes()) for name in PAPERS]
    return build_review(Extraction.combine(parts), load_benchmark_table())


def flagged(review: Review, code: str) -> list[str]:
    """Subjects flagged for `code` among their reasons (one saving is one flag with all its reasons)."""
    return [f.subject for f in review.flags if code in (f.code, *f.reason_codes)]


def test_kent_is_identified_from_its_own_papers(kent_review: Review) -> None:
    assert kent_review.council.la_code == "886"


def test_savings_still_under_development_of_no_directorate_are_the_councils_not_childrens(
    kent_review: Review,
) -> None:
    # Appendix F's "Future savings under development" rows name directorate "TBC": the council's.
    assert any("under development" in s.lower() for s in flagged(kent_review, "council_savings_unallocated"))
    assert not flagged(kent_review, "unidentified_saving")


def test_the_one_off_use_of_capital_receipts_is_another_directorates_and_not_flagged(
    kent_review: Review,
) -> None:
    # Appendix F p.16: DCED's "One-off use of capital receipts", reversed in 2026-27: not a children's
    # saving, nor at risk (an independent reader found it asked as "£8.0m, the saving at risk").
    assert not any("capital receipts" in s.lower() for s in flagged(kent_review, "one_off_measure"))
    assert not any("capital receipts" in q.question.lower() for q in kent_review.lines_of_enquiry)


def test_no_flag_or_question_is_about_another_directorate(kent_review: Review) -> None:
    # Kent's earlier years' undelivered savings removed from the budget are adult social care's
    # ("Adult Social Care Contracts with Voluntary Sector"): not the children's review's to flag.
    assert not flagged(kent_review, "prior_year_saving_reversed")
    assert all(f.scope != Scope.OTHER_DIRECTORATE for f in kent_review.flags)
    assert all(q.scope not in (Scope.OTHER_DIRECTORATE, Scope.CAPITAL) for q in kent_review.lines_of_enquiry)
    assert not [f for f in kent_review.flags if "adult social care" in f.subject.lower()]


def test_every_flag_points_to_a_page_of_a_kent_paper(kent_review: Review) -> None:
    assert kent_review.flags
    for flag in kent_review.flags:
        assert flag.provenance[0].file in PAPERS or flag.provenance[0].file.startswith(("lait/", "ees/"))
        assert flag.provenance[0].page is not None or flag.provenance[0].file.startswith(("lait/", "ees/"))


def test_the_kent_review_meets_the_contract(kent_review: Review) -> None:
    check_review(kent_review.model_dump(mode="json"))
    assert kent_review.benchmarks and kent_review.scenarios


def test_the_position_is_the_budget_appendix_e_sets_for_the_council_and_cype(kent_review: Review) -> None:
    # Appendix E, page 1, row "NET BUDGET": TOTAL Total 1,529,659.5 and CYPE Total 448,684.5 (£000s).
    position = kent_review.position
    assert position.period == "2025-26"
    assert position.budget_gbp == pytest.approx(1_529_659_500.0)
    assert position.children_services.budget_gbp == pytest.approx(448_684_500.0)
    assert position.children_services_name == "CYPE"
    source = position.children_services.provenance[0]
    assert source.file == PAPERS[1] and source.page == 1 and "448,684.5" in source.text
    assert position.forecast_gbp is None and position.children_services.variance_gbp is None


def test_the_unresolved_balances_are_the_gap_in_2026_27_and_2027_28(kent_review: Review) -> None:
    # Appendix D, page 2, both in the net budget and signed as the plan's savings (negative is
    # still to find): "UNRESOLVED BALANCE / SURPLUS -3,108.0 ... 2,819.9" and "ADULT SOCIAL CARE
    # FUNDING UNRESOLVED BALANCE -17,000.0 ... -18,400.0" (£000s); the report's Table 7.1 adds the
    # two the same way ("Balance (+ve = unresolved) ... of which Adult Social Care ... of which Other").
    gaps = {g.period: g for g in kent_review.position.mtfp_gap}
    assert gaps["2026-27"].amount_gbp == pytest.approx(3_108_000.0 + 17_000_000.0)
    assert gaps["2027-28"].amount_gbp == pytest.approx(-2_819_900.0 + 18_400_000.0)
    assert len(gaps["2026-27"].provenance) == 2 and all(p.page == 2 for p in gaps["2026-27"].provenance)
    assert kent_review.savings_summary.mtfp_gap_gbp == pytest.approx(20_108_000.0)


def test_the_gap_keeps_each_unresolved_balance_row_with_its_own_figure_and_scope(kent_review: Review) -> None:
    # Appendix D p2: the adult social care row is most of each year's gap; the rest is -3,108.0
    # (a gap) then 2,819.9 (a surplus), signed as the plan's savings are.
    gaps = {g.period: g for g in kent_review.position.mtfp_gap}
    made_of = {
        year: {p.label: (p.amount_gbp, p.scope) for p in gaps[year].parts} for year in ("2026-27", "2027-28")
    }
    asc, rest = "ADULT SOCIAL CARE FUNDING UNRESOLVED BALANCE", "UNRESOLVED BALANCE / SURPLUS"
    assert made_of["2026-27"] == {
        asc: (pytest.approx(17_000_000.0), Scope.OTHER_DIRECTORATE),
        rest: (pytest.approx(3_108_000.0), Scope.COUNCIL_WIDE),
    }
    assert made_of["2027-28"] == {
        asc: (pytest.approx(18_400_000.0), Scope.OTHER_DIRECTORATE),
        rest: (pytest.approx(-2_819_900.0), Scope.COUNCIL_WIDE),
    }
    assert all(len(p.provenance) == 1 and p.provenance[0].page == 2 for p in gaps["2026-27"].parts)


def test_the_gap_finding_and_question_show_its_make_up(kent_review: Review) -> None:
    from render import findings
    from render.refs import Figures

    found = findings.mtfp_gap(kent_review, Figures(kent_review))
    assert found is not None and found.figure == "£20.1m"
    assert found.detail.startswith(
        "The MTFP states council-wide gaps adding up to £35.7m over 2026-27 to 2027-28 (derived): £20.1m in 2026-27;"
        " £15.6m in 2027-28."
    )
    assert (
        "In the plan's rows, 2026-27's gap is adult social care funding unresolved balance £17.0m and "
        "unresolved balance / surplus £3.1m;" in found.detail
    )
    assert "unresolved balance / surplus, a surplus of £2.8m." in found.detail
    # the labelled part is the council's to close too (main report 1.7): the whole is asked of
    assert (
        "The part labelled another service's is still the council's to close, and how much of the whole"
        in (found.detail)
    )
    question = next(q for q in kent_review.lines_of_enquiry if "medium-term gap" in q.question)
    assert "including the part the plan labels another service's" in question.question
    assert "£20.1m in 2026-27 (adult social care funding unresolved balance £17.0m;" in question.because


def test_the_gaps_stake_is_the_whole_council_wide_gap_saying_what_appendix_d_labels_adults(
    kent_review: Review,
) -> None:
    # Appendix D p2: of 2026-27's £20.1m, £17.0m is "ADULT SOCIAL CARE FUNDING UNRESOLVED BALANCE",
    # a balance the whole council must still close (main report 1.7): the stake is the whole year's
    # gap, council-wide, its labelled part and the children's part (not stated) said in its words,
    # with the children's part of the year's core pressures, which the plan does state.
    question = next(q for q in kent_review.lines_of_enquiry if "medium-term gap" in q.question)
    assert question.amount_gbp == pytest.approx(20_108_000.0)
    assert question.stake == (
        "the largest year's gap (2026-27): council-wide; £17.0m of it labelled adult social care funding"
        " unresolved balance; the children's part is not stated; £34.1m of the £113.0m core pressures are"
        " children's (30%, derived)"
    )
    assert "a balance the whole council must still close: adult social care funding" in question.because
    assert {p.page for p in question.provenance if "appendixD" in p.file} == {2}
    assert kent_review.enquiry_ranking.startswith("The children's directorate's questions come first")
    # the council's whole money follows every children's question with money
    with_money = [q for q in kent_review.lines_of_enquiry if q.amount_gbp is not None]
    council = [q.scope == Scope.COUNCIL_WIDE for q in with_money]
    assert council == sorted(council) and council[with_money.index(question)]
    assert "money that is the council's whole (its medium-term gap" in kent_review.enquiry_ranking


def test_the_councils_unallocated_savings_are_named_apart_from_the_childrens(kent_review: Review) -> None:
    # Appendix F's six "Future savings under development" rows (directorate TBC), 2026-28: £19.2m;
    # and p.13's three rows the corporate centre holds under service area "Unallocated" (CHB: "Spans
    # and layers" 500.0 and 1,500.0, "Review of embedded staff" 400.0 and 900.0, "Reduced spend on
    # agency staff" 250.0): not yet allocated to a directorate either, in 2025-26 too.
    summary = kent_review.savings_summary
    assert summary.council_unallocated_gbp == pytest.approx(19_238_000.0 + 3_550_000.0)
    years = [(y.period, y.amount_gbp) for y in summary.council_unallocated_by_year]
    assert years == [
        ("2025-26", pytest.approx(1_150_000.0)),
        ("2026-27", pytest.approx(10_035_200.0 + 2_400_000.0)),
        ("2027-28", pytest.approx(9_202_800.0)),
    ]
    # one flag for all nine lines, with their sum, listing each ('Spans and layers' among them)
    (whole,) = [f for f in kent_review.flags if f.code == "council_savings_unallocated"]
    assert (whole.scope, whole.amount_gbp) == (Scope.COUNCIL_WIDE, pytest.approx(22_788_000.0))
    assert whole.message.startswith("9 council-wide lines, £22.8m in all, over 2025-26 to 2027-28.")
    assert "'Spans and layers': £2.0m of council-wide savings not yet allocated" in whole.message
    assert not summary.unidentified_gbp and not summary.unidentified_in_year_gbp
    assert not kent_review.derived.unidentified_later_gbp
    # one question for them all, under the largest line's name
    (question,) = [q for q in kent_review.lines_of_enquiry if "not yet allocated" in q.question]
    assert "('Future savings under development')" in question.question
    assert question.because == whole.message and question.amount_gbp == whole.amount_gbp


def test_the_cype_target_names_its_adults_18_25_lines(kent_review: Review) -> None:
    # CYPE's "Adult Social Care" (650.0), "... (aged 18-25) - Client Benefit Uplift" (40.0) and
    # "Adult Social Care Charging" (129.1) in 2025-26, £000.
    summary = kent_review.savings_summary
    assert summary.adults_gbp == pytest.approx(819_100.0)
    assert summary.children_target_gbp == pytest.approx(summary.target_gbp - 819_100.0)


def test_a_new_grant_is_not_counted_in_the_childrens_savings_target(kent_review: Review) -> None:
    # Appendix F page 19: "Increases in Grants and Contributions | CYPE | ... | Children & Families
    # Grant | ... -11,276.2" under "SAVINGS, INCOME & GRANT"; a grant, not a saving to deliver.
    subjects = [f.subject.lower() for f in kent_review.flags]
    assert not any(s.startswith("children & families grant") for s in subjects)
    evidence = [p.text for t in kent_review.themes for p in t.evidence]
    assert not any("Increases in Grants and Contributions" in text for text in evidence)
    assert kent_review.savings_summary.target_gbp and kent_review.savings_summary.target_gbp < 25_000_000


def test_next_years_build_is_cypes_and_the_councils_beside_it(kent_review: Review) -> None:
    # Appendix E page 1: CYPE arrives at 448,684.5 and the council at 1,529,659.5 (£000s).
    cype, council = kent_review.selection.budget_build, kent_review.selection.council_build
    assert cype is not None and council is not None
    assert (cype.name, cype.verification.value) == ("CYPE", "verified")
    assert cype.new_budget_gbp == pytest.approx(448_684_500.0)
    assert (council.name, council.level) == ("TOTAL", "council")
    assert council.new_budget_gbp == pytest.approx(1_529_659_500.0)


def test_cost_avoidance_and_income_are_named_apart_in_cypes_savings_target(kent_review: Review) -> None:
    # Appendix E page 1, CYPE under "SAVINGS, INCOME & GRANT": "Transformation - Future Cost
    # Increase Avoidance" -10,600.0 and "Income" -148.4 of "TOTAL SAVINGS & INCOME" -21,184.8 (£000s);
    # Appendix F lists the lines under the same categories. Avoiding a cost is not a saving against
    # the base budget, nor is income.
    summary = kent_review.savings_summary
    assert summary.target_gbp == pytest.approx(21_184_800.0)
    parts = {p.category: (p.kind.value, p.amount_gbp) for p in summary.parts}
    assert parts["Transformation - Future Cost Increase Avoidance"] == (
        "cost avoidance",
        pytest.approx(10_600_000.0),
    )
    assert parts["Income"] == ("income", pytest.approx(148_400.0))
    assert parts["Policy"] == ("saving", pytest.approx(6_094_900.0))
    assert summary.against_base_gbp == pytest.approx(21_184_800.0 - 10_600_000.0 - 148_400.0)


def test_the_dsg_in_year_deficit_is_named_apart_from_cypes_pressures(kent_review: Review) -> None:
    # Appendix F: "Dedicated Schools Grant (DSG) anticipated in year deficit | CYPE | ... 23,900.0"
    # (£000s) among the pressures; the DSG is ring-fenced, not a General Fund pressure.
    # The same line's "-15,600.0" and "-14,200.0" for 2026-27 and 2027-28 do not net down the
    # General Fund's pressures in those years.
    pressures = kent_review.selection.pressures
    assert pressures.years == ["2025-26", "2026-27", "2027-28"]
    assert pressures.ring_fenced == pytest.approx([23_900_000.0, -15_600_000.0, -14_200_000.0])
    # The General Fund's core part: p.10's "Children & Families grants" (11,276.2) and UASC
    # (-400.0) and p.11's Family Hubs (-3,332.0) are marked "External", a grant's to meet.
    assert pressures.external == pytest.approx([7_544_200.0, 0.0, 0.0])
    assert pressures.general_fund == pytest.approx([40_335_300.0, 34_121_900.0, 32_677_600.0])


def test_cypes_pressures_agree_with_the_growth_in_its_budget_build(kent_review: Review) -> None:
    # Appendix F p.10 "Reduction in Grant Income | CYPE | ... Children & Families grants | 11,276.2"
    # is a pressure on the net budget; with it CYPE's pressures sum to Appendix E's "TOTAL SPENDING
    # | CYPE | 71,779.5" (the build's growth).
    [check] = kent_review.selection.growth_checks
    assert (check.period, check.build_name, check.agree) == ("2025-26", "CYPE", True)
    assert check.pressures_gbp == pytest.approx(71_779_500.0)
    assert check.growth_gbp == pytest.approx(71_779_500.0)
    # The core lines against Appendix E's core column: "TOTAL SPENDING | CYPE Core | 40,335.3".
    assert check.core_pressures_gbp == pytest.approx(40_335_300.0)
    assert check.core_growth_gbp == pytest.approx(40_335_300.0) and check.core_agree


def test_no_kent_saving_is_money_at_risk_since_no_tracker_or_forecast_was_received(
    kent_review: Review,
) -> None:
    # Kent's papers plan the savings but report on none of them: a benchmark that doubts a saving
    # is a question, not a shortfall.
    s = kent_review.savings_summary
    assert s.at_risk_gbp is None and s.at_risk_count == 0
    assert s.at_risk_share_of_target is None and s.at_risk_share_of_gap is None and not s.tracked
    assert all(j.verdict != "at_risk" and j.at_risk_gbp == 0.0 for j in kent_review.savings_judged)
    # Its demand part is kinship care "to reduce the number of children remaining in care": tested by
    # the rate of children in care (53 per 10,000, below the neighbours' 56, not rising), never by the
    # rate of children starting care (91 against 21), which is said beside it, rising; these papers
    # hold no word that it is static.
    (tested,) = [f for f in kent_review.flags if f.subject == "Looked After Children"]
    assert tested.code == "demand_reduction_saving" and tested.amount_gbp is None
    assert "(the indicator does not contradict it: Children looked after per 10,000 children was 53.0" in (
        tested.message
    )
    assert "; Children starting to be looked after per 10,000 children was 91.0" in tested.message


def test_kents_summary_says_delivery_cannot_be_judged_and_puts_no_money_at_risk(kent_review: Review) -> None:
    from render.findings import headline_findings

    said = " ".join(f"{f.title} {f.figure} {f.detail}" for f in headline_findings(kent_review))
    # no tracker, but Appendix E states the earlier savings the build removes as undelivered: none
    # of the council's £32.8m core (Main report table 7.4) is CYPE's
    assert "delivery cannot be judged line by line" in said
    # ... on the core basis, said so; in all (Appendix E p.1, core and externally funded) CYPE's is £3.3m
    assert (
        "The budget build removes none of the council's £32.8m core “Removal of undelivered/temporary"
        " savings & grant” from CYPE's core budget. In all, core and externally funded: £3.3m from CYPE"
        " of £36.2m." in said
    )
    assert "Savings at risk" not in said and "shortfall on" not in said


def test_kents_savings_headline_says_what_its_total_holds_besides_savings_against_the_base(
    kent_review: Review,
) -> None:
    from render.findings import headline_findings

    said = " ".join(f"{f.title} {f.figure} {f.detail}" for f in headline_findings(kent_review))
    assert "£10.4m is savings against the base budget and the rest cost avoidance and income" in said


def test_kents_gaps_are_each_years_new_gap_so_the_plan_totals_their_sum(kent_review: Review) -> None:
    # Appendix D, page 2: NET BUDGET 2027-28 (1,679,556.0) is 2026-27's (1,603,904.1) plus the
    # NET CHANGE (91,232.0) and the year's whole unresolved balances (-15,580.1): each year's gap is
    # new that year, so the plan's is £20.1m + £15.6m, which the MTFP does not print.
    gaps = kent_review.position.mtfp_gap
    assert [(g.period, g.basis) for g in gaps] == [("2026-27", "incremental"), ("2027-28", "incremental")]
    total = kent_review.position.mtfp_gap_total
    assert total is not None and not total.stated
    assert (total.first, total.last, total.amount_gbp) == ("2026-27", "2027-28", pytest.approx(35_688_100.0))


def test_kents_gap_is_after_counting_savings_still_under_development(kent_review: Review) -> None:
    # Appendix F, pages 14 and 18: six "Future savings under development" rows count £10,035.2k
    # in 2026-27 and £9,202.8k in 2027-28 among the plan's savings.
    from render import findings
    from render.refs import Figures

    found = {g.period: g.unidentified for g in kent_review.position.mtfp_gap}
    assert found["2026-27"] is not None and found["2027-28"] is not None
    assert found["2026-27"].amount_gbp == pytest.approx(10_035_200.0)
    assert found["2027-28"].amount_gbp == pytest.approx(9_202_800.0)
    assert {p.page for p in found["2026-27"].provenance} == {14, 18}
    finding = findings.mtfp_gap(kent_review, Figures(kent_review))
    assert finding is not None
    # the pack's reading of the plan's lines, said apart from the MTFP's own words
    assert (
        "The plan's lines, as the pack reads them (not the MTFP's words): savings labelled “Future savings"
        " under development”: £10.0m in 2026-27, £9.2m in 2027-28. The total still to find is £30.1m in 2026-27 (derived: the gap £20.1m"
        " plus those £10.0m); £24.8m in 2027-28 (derived: the gap £15.6m plus those £9.2m)." in finding.detail
    )
    assert (
        "adding up to £35.7m over 2026-27 to 2027-28 (derived): £20.1m in 2026-27; £15.6m in 2027-28"
        in finding.detail
    )


def test_the_pack_chart_of_kents_pressures_names_every_series_and_draws_the_dsg_falls(
    kent_review: Review,
) -> None:
    # Appendix F's DSG line falls by 15,600.0 and 14,200.0 in 2026-27 and 2027-28: the pack's
    # chart draws them below its zero line; the savings (21.2m, 14.3m, 11.8m) and the council-wide
    # gap each have a legend entry and a fill no other series has.
    import xml.etree.ElementTree as ET

    from render import views
    from render.pack_charts import mtfp_chart
    from render.refs import Figures
    from tests.test_render_pack_charts import NS, boxes, legend

    chosen = kent_review.selection
    root = ET.fromstring(mtfp_chart(chosen.pressures, chosen.planned, chosen.gaps, Figures(kent_review)))
    key = legend(root)
    assert {"Children's savings planned", "Stated budget gap (council-wide)"} <= set(key)
    assert len(key) == len(set(key.values()))
    [zero] = [float(line.get("y1", "0")) for line in root.findall("s:line", NS)]
    rise, *falls = boxes(root)[key[views.RING_FENCED_SERIES]]  # 23.9m, then the falls
    assert [top for _, top, _ in falls] == [zero, zero]  # hanging from the zero line
    scale = rise[2] / 23.9
    assert [round(h / scale, 1) for _, _, h in falls] == [15.6, 14.2]
    shown = {t.text for t in root.findall("s:text", NS)}
    assert {"-£15.6m", "-£14.2m", "£21.2m", "£14.3m", "£11.8m", "£20.1m", "£15.6m"} <= shown


def test_kents_themes_count_the_childrens_own_general_fund_pressures(kent_review: Review) -> None:
    """Appendix F's £1,292.2k price uplift for Vulnerable Adults 18-25 (adults' services in CYPE) is
    not children's residential care, and the £11,276.2k Children & Families grants line its plan
    marks externally funded is not an early-help pressure: both are kept apart in the pressures."""
    themes = {t.theme: t for t in kent_review.themes}
    # no children's money in residential care this year: no row (a theme row needs money)
    assert "residential" not in themes or themes["residential"].pressures_gbp == 0.0
    assert (themes["early_help"].pressures_gbp or 0.0) < 11_276_200.0
    external = [r for r in kent_review.selection.pressures.rows if r.funding == "external"]
    assert any(r.title == "Children & Families grants" for r in external)


def test_kents_childrens_savings_share_is_of_the_councils_new_savings_and_income(kent_review: Review) -> None:
    # Appendix D p1 (£000), 2025-26 / 2026-27 / 2027-28: "TOTAL SAVINGS & INCOME" -61,576.1 / -31,338.7
    # / -31,793.1 is net of "Removal of undelivered/temporary savings & grant" 36,203.1 / 30,217.5 /
    # 6,270.3; the memorandum's new savings (-70,907.1 / -34,359.2 / -25,949.3) and income (-23,509.3 /
    # -7,694.6 / -6,643.8) are what the children's new savings are like.
    new = [70_907_100.0 + 23_509_300.0, 34_359_200.0 + 7_694_600.0, 25_949_300.0 + 6_643_800.0]
    shares = kent_review.selection.plan_shares
    assert [s.period for s in shares] == ["2025-26", "2026-27", "2027-28"]
    assert [s.council_savings_gbp for s in shares] == pytest.approx(new)
    assert [s.savings_share for s in shares] == pytest.approx(
        [(s.children_savings_gbp or 0) / n for s, n in zip(shares, new, strict=True)]
    )
    assert [round(100 * (s.savings_share or 0)) for s in shares] == [22, 34, 36]  # not 34%, 46%, 37%
    assert {s.council_savings_basis for s in shares} == {"memorandum"}
    # Appendix D's pressures total is "TOTAL SPENDING" (195,623.0 / 78,158.5 / 95,389.9), the row
    # its council build reads as growth: the children's share of it is given.
    assert [s.council_pressures_gbp for s in shares] == pytest.approx(
        [195_623_000.0, 78_158_500.0, 95_389_900.0]
    )
    assert {(s.provenance[0].file, s.provenance[0].locator) for s in shares} == {
        (PAPERS[2], "page 1, table 1, row 16")
    }
    assert [s.council_savings_nets_gbp for s in shares] == pytest.approx(
        [36_203_100.0, 30_217_500.0, 6_270_300.0]
    )


def test_kents_childrens_share_of_core_pressures_is_given_beside_the_share_of_all_lines(
    kent_review: Review,
) -> None:
    # Appendix D p1 "TOTAL SPENDING" core column: 150,418.6 / 113,024.4 / 115,483.2; CYPE's core
    # (General Fund) pressures 40,335.3 / 34,121.9 / 32,677.9 (Appendix E p1 for 2025-26): about 27%,
    # 30%, 28%, beside 37%, 24%, 19% of all lines, which the DSG's swings and the grant swap move.
    shares = kent_review.selection.plan_shares
    assert [s.council_general_fund_gbp for s in shares] == pytest.approx(
        [150_418_600.0, 113_024_400.0, 115_483_200.0]
    )
    assert [round(100 * (s.general_fund_share or 0)) for s in shares] == [27, 30, 28]
    assert [round(100 * (s.pressures_share or 0)) for s in shares] == [37, 24, 19]
    # each cited to its core cell: Appendix E's TOTAL column for 2025-26, Appendix D's for the later years
    assert [s.provenance[-1].text.split(" | ")[0::2] for s in shares] == [
        ["TOTAL SPENDING", "150,418.6"],
        ["TOTAL SPENDING", "113,024.4"],
        ["TOTAL SPENDING", "115,483.2"],
    ]


def test_the_council_builds_savings_say_they_are_net_of_the_savings_its_memorandum_reverses(
    kent_review: Review,
) -> None:
    # Appendix E's council column: "TOTAL SAVINGS, INCOME & GRANT" -86,785.9 nets "Removal of
    # undelivered/temporary savings & grant" 36,203.1 back; its memorandum's new savings and income
    # (-70,907.1 and -23,509.3) are what the plan-share section divides the children's savings by.
    from analyse.selection import build_nets
    from render.findings import build_nets_words
    from render.refs import Figures

    nets = kent_review.selection.council_build_nets
    assert nets is not None and nets.period == "2025-26"
    assert nets.council_savings_nets_gbp == pytest.approx(36_203_100.0)
    assert nets.council_savings_gbp == pytest.approx(70_907_100.0 + 23_509_300.0)
    words = "".join(str(p) for p in build_nets_words(kent_review, Figures(kent_review)))
    assert words == (
        "The council-wide column's savings are net of £36.2m “Removal of"
        " undelivered/temporary savings & grant” (the budget build prints its row at £32.8m core, £36.2m"
        " in all); its new savings and income in 2025-26 are £94.4m, the"
        " figure the children's share of the plan is of."
    )
    build = kent_review.selection.council_build
    assert build is not None
    # a build of another year is not net of this year's reversals
    assert (
        build_nets(build.model_copy(update={"period": "2026-27"}), kent_review.selection.plan_shares[:1])
        is None
    )
