"""Kent's lines of enquiry from its main budget report, the 18-25 transfer report (decision
24/00109), its MTFP (appendix D), budget by directorate (appendix E) and risk register (appendix I):
the DSG deficit against the general reserve when the override ends, the transfer stated as
approximately £59m, the disabled children's variance stated as 20% (main report 8.7), and the
council-wide gap ranked after the children's own money of the year."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

from analyse.records import Review, Scope
from analyse.review import build_review
from extract.records import Extraction
from tests.conftest import need

PAPERS = [
    "kent_cabinet_2025-01-30_draft_revenue_budget_2025-26_MTFP_2025-28.pdf",
    "kent_cabinet_2025-01-30_24-00109_SIS_18-25_transfer_report.pdf",
    "kent_cabinet_2025-01-30_appendixD_MTFP.pdf",
    "kent_cabinet_2025-01-30_appendixE_budget_by_directorate.pdf",
    "kent_cabinet_2025-01-30_appendixI_budget_risk_register.pdf",
    "kent_cabinet_2025-01-30_appendixF_budget_templates.pdf",
]


@pytest.fixture(scope="module")
def kent_review(kent_dir: Path) -> Review:
    need(importlib.util.find_spec("extract.pdf.reader") is not None, "extract.pdf.reader is not written yet")
    from analyse.benchmarks import load_benchmark_table
    from extract.document import extract_file

    parts = [extract_file(name, (kent_dir / name).read_bytes()) for name in PAPERS]
    return build_review(Extraction.combine(parts), load_benchmark_table())


def test_kents_dsg_deficit_is_asked_against_its_general_reserve_when_the_override_ends(
    kent_review: Review,
) -> None:
    # Main report: the High Needs deficit "reduced by contributions to an estimated £96m at the end of
    # 2024-25", the £43.0m general reserve (1.12), and the override that "expires on 31st March 2026".
    (line,) = [q for q in kent_review.lines_of_enquiry if "meet its DSG deficit" in q.question]
    # a balance that falls on the council when the override ends: ranked with a year's money
    assert (line.amount_gbp, line.stake_period) == (pytest.approx(96e6), "balance")
    # printed as the report states it, "an estimated £96m", not to a place it does not give
    assert "the DSG deficit the council carries at an estimated £96m at" in line.because
    assert line.places == 0 and "£96.0m" not in line.because + line.question
    assert "ends (31st March 2026), against a general reserve of £43.0m" in line.question
    assert "would not be sufficient if the override is not renewed" in line.because
    # para 2.23's "this reserve" is the Safety Valve reserve its sentence names, not the general reserve
    assert "their view of 'a specific reserve which is intended to progressively offset" in line.because
    assert "(not the general reserve): 'but this reserve" in line.because
    # the S151 officer's, the deficit falling on the council's reserves, and the service's too
    assert line.addressed_to == "S151; DCS"


def test_kents_18_25_transfer_at_approximately_59m_asks_the_s151_officer_to_confirm_it(
    kent_review: Review,
) -> None:
    # Decision 24/00109 p.6: the 18-25 section's budget moves to ASCH, "approximately £59m".
    (line,) = [q for q in kent_review.lines_of_enquiry if "exact budget" in q.question]
    assert line.amount_gbp == pytest.approx(59e6) and line.addressed_to == "S151"
    assert "approximately £59m" in line.because
    # the transfer report's statements of it, and the main report's Table 4.1 row stating its base
    assert {p.file for p in line.provenance} == {PAPERS[1], PAPERS[0]}
    assert 6 in {p.page for p in line.provenance if p.file == PAPERS[1]}
    # the report recommends the move to Cabinet (its cover, p.1; recommendation A, p.2): proposed, not done
    assert "the exact budget recommended to Cabinet on 30 January 2025 to move from" in line.question
    assert line.because.startswith(
        "A report recommends the move to Cabinet on 30 January 2025; it is proposed"
    )
    assert line.because.index("(page 2, paragraph 6)") < line.because.index("(page 6, paragraph 8)")


def test_kents_disabled_children_variance_stated_as_20_percent_is_asked_against_the_pounds_it_is_given(
    kent_review: Review,
) -> None:
    # Main report 8.7: "The budget estimates for disabled children in care show a much larger variance
    # (20%)"; appendix F p.1 realigns the disabled children's budget by £4.0m "to reflect the increase
    # in cost of supporting children in 2024-25": cited, and asked whether it is enough. The
    # non-disabled children's "less than 0.1%" beside a £100m budget is not asked.
    lines = kent_review.lines_of_enquiry
    (line,) = [q for q in lines if "variance of 20%" in q.question]
    assert "disabled children in care" in line.question and line.amount_gbp is None
    assert "£4.0m in 2025-26" in line.question and "what budget is the 20% of" in line.question
    # Appendix F's disabled children's savings (p.13 £0.55m; p.17 £0.55m and £0.2m) are named in it.
    for named in (
        "'Disabled Children's Placement and Support' (£0.55m)",
        "'Family Support - Disabled Children' (£0.2m)",
    ):
        assert named in line.question
    assert (PAPERS[-1], 1) in {(p.file, p.page) for p in line.provenance}
    assert not [q for q in lines if "0.1%" in q.question]
    assert len(lines) <= 12


def test_kents_looked_after_children_saving_is_asked_how_much_rests_on_demand(kent_review: Review) -> None:
    # Appendix F p.13's £1.5m 'Looked After Children' saving is placement costs, kinship care and
    # health contributions; the starts rate against it counts asylum-seeking children, and main
    # report 8.7 calls the proportion of children in care "fairly static".
    (line,) = [q for q in kent_review.lines_of_enquiry if "'Looked After Children'" in q.question]
    assert line.question.startswith("How much of 'Looked After Children' rests on demand falling")
    assert "'The overall proportion of children in care is fairly static.'" in line.question
    assert "depends in part (it also names health contributions, placement costs)" in line.because
    assert (PAPERS[0], 31) in {(p.file, p.page) for p in line.provenance}
    # Its demand part keeps fewer children remaining in care (kinship): tested by the rate of
    # children looked after, never by the rate of children starting care; but that rate, flagged
    # high and rising (29 to 91), is said beside it, never demand flat alone, with the asylum-seeking
    # children it counts (24% against 8.5%) asked about, and the Home Office grant (Appendix I p.9).
    assert "Children looked after per 10,000 children was 53.0" in line.because
    assert "('Children looked after per 10,000 children' is not rising), though 'Children starting to be" in (
        line.question
    )
    assert (
        "How much of 'Children starting to be looked after per 10,000 children' is unaccompanied"
        " asylum-seeking children, and what is it without them?" in line.question
    )
    assert "(the risk register's 'Unaccompanied Asylum Seeking (UAS) Children')?" in line.question


def test_kents_childrens_questions_lead_and_the_councils_whole_money_follows(kent_review: Review) -> None:
    # Appendix I p.3's children's 'Market Sustainability' (£10.0m a year) is the register's estimate of
    # what the risk may cost: it follows the £96m DSG deficit and the approximately £59m 18-25
    # transfer, money the papers state. The council's £20.1m gap (appendix D p.2) and its savings not
    # yet allocated (appendix F) are the council's whole, the children's part not stated: a children's
    # review asks them after every question on the children's own money.
    lines = kent_review.lines_of_enquiry
    gap = next(q for q in lines if "medium-term gap" in q.question)
    dsg = next(q for q in lines if "DSG deficit" in q.question)
    transfer = next(q for q in lines if "exact budget" in q.question)
    own = next(q for q in lines if q.question.startswith("What mitigates the risk 'Market Sustainability'"))
    assert (own.amount_gbp, gap.amount_gbp) == (10e6, pytest.approx(20_108_000.0))
    assert lines.index(dsg) == 0
    assert max(map(lines.index, (dsg, transfer))) < lines.index(own) < lines.index(gap)
    with_money = [q for q in lines if q.amount_gbp is not None]
    council = [q.scope == Scope.COUNCIL_WIDE for q in with_money]
    assert council == sorted(council) and council[-1]
    # p.2's 'Market Sustainability', shared by ASCH and CYPE, is the adult care market's: not asked
    assert not [q for q in lines if "'Market Sustainability', shared with ASCH" in q.question]


def test_the_looked_after_children_saving_names_the_childrens_placements_risk_not_the_shared_one(
    kent_review: Review,
) -> None:
    # With the main report, which calls the proportion in care "fairly static", the saving is asked.
    (saving,) = [q for q in kent_review.lines_of_enquiry if "'Looked After Children'" in q.question]
    assert "Market Sustainability', shared" not in saving.because
    # p.3's 'Market Sustainability' (£10.0m a year) asks its own question, which holds its evidence.
    # The saving's question names it once, as bearing on it (with_risks, by theme); the saving's own
    # judgement does not cite it as on the same subject: the risk's is placements' availability, the
    # saving's the looked after children it names (analyse.themes.subject_of).
    assert saving.because.count("'Market Sustainability'") == 1
    assert "'Market Sustainability' bears on it too" in saving.because
    assert [
        q
        for q in kent_review.lines_of_enquiry
        if "What mitigates the risk 'Market Sustainability'" in q.question
    ]
    # (the register's other 'Market Sustainability', shared with ASCH, is the adults' and asks nothing)
    others = [
        q
        for q in kent_review.lines_of_enquiry
        if "'Market Sustainability'" in q.because
        and "'Market Sustainability'" not in q.question
        and q != saving
    ]
    assert others == []
    # The £10.0m is the placements risk's, a separate risk: never the £1.5m saving's stake.
    assert (saving.amount_gbp, saving.stake) == (None, "")


def test_kents_centrally_held_pay_and_national_insurance_are_set_beside_cypes_budget_and_asked(
    kent_review: Review,
) -> None:
    # Appendix E p.1: CHB's net budget 19,861.1 (£000) beside CYPE's 448,684.5; appendix F p.4 files the
    # pay award (12,400.0) and employer National Insurance (9,361.1) under CHB, service area
    # "Unallocated"; main report para 2.10 (p.6): the directorates' growth excludes shares of it.
    [held] = kent_review.position.held_centrally
    assert (held.name, held.budget_gbp, held.provenance[0].file) == ("CHB", 19_861_100.0, PAPERS[3])
    assert [(h.title, h.amount_gbp, h.provenance[0].page) for h in held.lines] == [
        ("Pay and Reward", 12_400_000.0, 4),
        ("Pay and Reward - National Insurance Increase", 9_361_100.0, 4),
    ]
    assert held.said is not None and held.said.provenance[0].page == 6
    assert held.said.words.startswith("These exclude shares of amounts currently in centrally held budgets")
    (line,) = [q for q in kent_review.lines_of_enquiry if "held centrally as 'CHB'" in q.question]
    assert (line.amount_gbp, line.addressed_to) == (19_861_100.0, "S151") and "come to CYPE" in line.question


def test_kents_18_25_transfer_is_set_beside_table_4_1s_base_which_is_not_the_same_sum(
    kent_review: Review,
) -> None:
    # Main report Table 4.1 (p.16): "Base Budget 2024-25", CYPE Adults (18-25), £55.7m; the transfer
    # report's "approximately £59m" (p.6) is £3.3m more, beyond the £0.5m its whole £m allows.
    (move,) = kent_review.position.transfers
    (base,) = move.bases
    assert (base.amount_gbp, base.period, base.column) == (55.7e6, "2024-25", "CYPE Adults (18-25)")
    assert (base.provenance[0].file, base.provenance[0].page) == (PAPERS[0], 16)
    assert base.difference_gbp == pytest.approx(-3.3e6) and not base.agrees
    (line,) = [q for q in kent_review.lines_of_enquiry if "exact budget" in q.question]
    assert "The budget papers state its budget as £55.7m (2024-25)" in line.because
    # like with like: the same table's growth (+£1.6m) and savings (-£0.8m) bring it to 2025-26
    assert base.in_year_gbp == pytest.approx(56.5e6) and [
        p.page for s in base.steps for p in s.provenance
    ] == [16, 16]
    assert (
        "with the same table's 'Spending growth (note 1)' +£1.6m and 'Savings/Income (note 2)' -£0.8m it comes"
        " to about £56.5m for the transfer's year (derived), £2.5m less than the sum stated." in line.because
    )
    assert line.question.endswith(
        "What is the remaining £2.5m beyond the budget table's, and where do the budget papers hold it?"
    )


def test_kents_in_year_transport_underspend_is_beside_the_builds_transport_line(kent_review: Review) -> None:
    # Main report para 8.8 (p.31): "In year budget monitoring is showing significant underspend on home
    # to school transport"; appendix F p.1 takes 5,300.0 out of Home to School Transport for it.
    (transport,) = [
        c for c in kent_review.selection.carried_variances if c.title == "Home to School Transport"
    ]
    assert transport.amount_gbp == -5_300_000.0
    (stated,) = transport.stated
    assert (stated.outcome, stated.year, stated.amount_gbp) == ("underspend", "2024-25", None)
    assert (stated.provenance[0].file, stated.provenance[0].page) == (PAPERS[0], 31)
    assert stated.words.startswith("In year budget monitoring is showing significant underspend")
