"""One overspend is flagged once, rated no lower than any part of it, and a slip is a data-quality
item; a saving rated on track a little short of target is said as the tracker has it; a children's
saving's shortfall is asked of the service; themes read a flag's subject, not the cause it quotes,
and count the plan's growth for its first year where it plans none in the review year."""

from __future__ import annotations

from typing import Any

from analyse.enquiry import lines_of_enquiry
from analyse.flags import (
    SHORT_ON_TRACK,
    Context,
    assess_savings,
    overspend_flags,
    stated_otherwise_said,
)
from analyse.reconcile import reconciliation_flags
from analyse.records import Flag, Position, Reconciliation, Scope
from analyse.themes import flag_words, line_themes, pressures_year, themes_summary
from analyse.wording import gbp_alike
from extract.records import Check, PeriodAmount, PlanLine, Rag, Verification
from extract.verify.identities import MEMBER_IDENTITY, TOTAL_IDENTITY
from tests.review_builders import YEAR, budget, prov, saving

DIRECTORATE = "Families and Young People"


def _check(identity: str, held: bool, *rows: Any) -> Check:
    return Check(identity=identity, held=held, detail="", provenance=[r.provenance[0] for r in rows])


def _directorate_printed_twice() -> list[Any]:
    """A summary row, and the same directorate's total under its lines misprinted by £1m."""
    fostering = budget("Fostering", "service_line", 20e6, 22.4e6, directorate=DIRECTORATE)
    homes = budget("Children's homes", "service_line", 10e6, 10.1e6, directorate=DIRECTORATE)
    summary = budget(DIRECTORATE, "directorate", 60e6, 62.5e6, "report.pdf", directorate=DIRECTORATE)
    total = budget(
        f"{DIRECTORATE} total",
        "directorate",
        60e6,
        61.5e6,
        "report.pdf",
        directorate=DIRECTORATE,
        verification=Verification.CONTRADICTED,
    )
    # the lines and the total are in one document (the builder's default file is another)
    fostering, homes, summary, total = (
        r.model_copy(update={"provenance": [r.provenance[0].model_copy(update={"file": "report.pdf"})]})
        for r in (fostering, homes, summary, total)
    )
    total = total.model_copy(update={"checks": [_check(TOTAL_IDENTITY, False, fostering, homes)]})
    return [fostering, homes, summary, total]


def test_a_directorate_printed_twice_with_a_slip_is_one_overspend_from_the_row_not_in_doubt() -> None:
    fostering, homes, summary, total = _directorate_printed_twice()
    flags = overspend_flags([fostering, homes, summary, total])
    on_directorate = [f for f in flags if DIRECTORATE in f.subject]
    assert len(on_directorate) == 1
    (flag,) = on_directorate
    assert flag.amount_gbp == 2.5e6 and "As printed" not in flag.message
    assert flag.provenance == summary.provenance  # the slip is no source of the overspend


def test_a_second_printing_with_the_same_figures_is_cited_with_the_first() -> None:
    summary = budget(
        "Children and Learning", "directorate", 80e6, 84e6, "m6.pdf", directorate="Children and Learning"
    )
    again = budget(
        "Total Children and Learning",
        "directorate",
        80e6,
        84e6,
        "m6.pdf",
        directorate="Children and Learning",
    )
    again = again.model_copy(
        update={"provenance": [prov("Total Children and Learning 80,000 84,000", "m6.pdf", "p. 5")]}
    )
    (flag,) = overspend_flags([summary, again])
    assert flag.provenance == [*summary.provenance, *again.provenance]


def test_a_whole_is_rated_at_least_as_severe_as_a_part_of_it() -> None:
    fostering, homes, summary, total = _directorate_printed_twice()
    flags = {f.subject: f for f in overspend_flags([fostering, homes, summary, total])}
    assert flags["Fostering"].severity == "high"  # 12% of its budget
    assert flags[DIRECTORATE].severity == "high"  # 4.2% of its own, but it holds the fostering line


def test_a_block_is_never_rated_above_the_grant_total_that_names_it() -> None:
    total = budget("Total grant", "directorate", 150e6, 155e6, directorate="Dedicated Schools Grant")
    block = budget("High needs", "service_line", 40e6, 46e6, directorate="Dedicated Schools Grant")
    block = block.model_copy(update={"checks": [_check(MEMBER_IDENTITY, True, total)]})
    flags = {f.subject: f for f in overspend_flags([block, total])}
    assert flags["High needs"].severity == "high"
    assert flags["Total grant"].severity == "high"  # 3.3% of its budget alone: medium


def test_an_overspend_stated_otherwise_is_said_in_its_flag_not_flagged_again() -> None:
    fostering, homes, summary, total = _directorate_printed_twice()
    flags = overspend_flags([fostering, homes, summary, total])
    other = prov("The directorate's overspend is £3.4m.", "plan.docx", "paragraph 4")
    rec = Reconciliation(
        code="cross_document_mismatch",
        subject=f"{DIRECTORATE} overspend",
        stated_gbp=2.5e6,
        computed_gbp=3.4e6,
        difference_gbp=-0.9e6,
        message="stated £3.4m in the text",
        provenance=[summary.provenance[0], other],
    )
    said = stated_otherwise_said(flags + reconciliation_flags([rec]), [rec])
    assert not [f for f in said if f.code == "cross_document_mismatch"]
    (flag,) = [f for f in said if f.subject == DIRECTORATE]
    assert "stated £3.4m in the text" in flag.message and other in flag.provenance


def test_a_data_quality_flags_amount_is_the_size_of_its_difference_never_negative() -> None:
    rec = Reconciliation(
        code="total_mismatch",
        subject="Total",
        stated_gbp=9e6,
        computed_gbp=10e6,
        difference_gbp=-1e6,
        provenance=[prov("Total")],
    )
    (flag,) = reconciliation_flags([rec])
    assert flag.amount_gbp == 1e6


def test_a_saving_rated_on_track_a_little_short_is_said_as_rated_not_at_risk() -> None:
    line = saving("Convert agency staff", 300_000, target_gbp=300_000, forecast_gbp=260_000, rag=Rag.GREEN)
    (assessed,) = assess_savings([line], Context(YEAR, [], []))
    (flag,) = assessed.flags
    assert flag.code == SHORT_ON_TRACK and not assessed.at_risk and assessed.at_risk_gbp == 0
    assert flag.message.startswith("Rated Green; forecast £40k short of target (£0.26m against £0.30m)")
    far_short = line.model_copy(update={"forecast_gbp": 100_000})
    (doubted,) = assess_savings([far_short], Context(YEAR, [], []))
    assert doubted.at_risk  # its forecast contradicts the rating


def test_sums_set_beside_one_another_are_written_so_their_difference_can_be_read() -> None:
    assert gbp_alike(450_000, 380_000) == ["£0.45m", "£0.38m"]
    assert gbp_alike(2_500_000, 800_000) == ["£2.5m", "£0.8m"]


def _question_on(flag: Flag) -> str:
    position = Position()
    (line,) = [q for q in lines_of_enquiry([flag], [], position, []) if flag.subject in q.question]
    return line.addressed_to


def test_a_childrens_savings_shortfall_is_asked_of_the_service_and_the_s151_officer() -> None:
    flag = Flag(
        code="forecast_below_target",
        severity="high",
        subject="Step down from residential care",
        message="£1.2m at risk",
        amount_gbp=1.2e6,
        provenance=[prov("Step down")],
        scope=Scope.CHILDRENS_SOCIAL_CARE,
    )
    assert _question_on(flag) == "DCS; S151"
    council = flag.model_copy(update={"scope": Scope.COUNCIL_WIDE, "subject": "Digital contact centre"})
    assert _question_on(council) == "S151"


def test_a_flags_themes_are_its_subjects_not_the_cause_it_quotes() -> None:
    cause = "Spending rises as more independent specialist placements are made."
    flag = Flag(
        code="service_overspend",
        severity="high",
        subject="High needs",
        message=f"Forecast to overspend by £6.3m. The documents explain it: '{cause}'",
        amount_gbp=6.3e6,
        provenance=[prov("High needs")],
        explained_by=cause,
    )
    assert "placements" not in flag_words(flag)
    (theme,) = [t for t in themes_summary([], [], [flag], YEAR) if t.theme == "placements"] or [None]
    assert theme is None


def test_the_plans_growth_counts_in_its_first_year_where_it_plans_none_in_the_review_year() -> None:
    sentence = "Growth of £4.0m for residential placements and £1.2m for school transport is included."
    said = prov(sentence, "mtfp.docx", "paragraph 3")
    later = "2025-26"
    placements = PlanLine(
        title="Residential placements",
        description=sentence,
        planned=[PeriodAmount(period=later, amount_gbp=4e6)],
        provenance=[said],
    )
    transport = placements.model_copy(
        update={"title": "School transport", "planned": [PeriodAmount(period=later, amount_gbp=1.2e6)]}
    )
    assert "home_to_school_transport" not in line_themes(placements)
    assert pressures_year([placements, transport], YEAR) == later
    themes = {t.theme: t for t in themes_summary([], [placements, transport], [], YEAR)}
    assert themes["placements"].pressures_gbp == 4e6 and themes["placements"].pressures_period == later
    assert themes["home_to_school_transport"].pressures_gbp == 1.2e6


def test_ashdown_vales_childrens_overspend_is_one_flag_rated_as_its_largest_line(ashdown: Any) -> None:
    review, _ = ashdown
    on_directorate = [
        f for f in review.flags if f.code == "service_overspend" and "Children's Services" in f.subject
    ]
    (flag,) = on_directorate  # the summary row; its misprinted page-3 total is no second overspend
    assert flag.amount_gbp == 10_071_900 and flag.severity == "high"
    assert "£11.3m" in flag.message  # the recovery plan's other statement, said in the same flag
    assert not [f for f in review.flags if f.code == "cross_document_mismatch"]
    assert any(f.code == "total_mismatch" for f in review.flags)  # the slip, as data quality
    assert all((f.amount_gbp or 0.0) >= 0 for f in review.flags)
    _, extraction = ashdown
    slips = {
        p
        for b in extraction.budget_lines
        if b.verification is Verification.CONTRADICTED
        for p in b.provenance
    }
    assert slips and not slips & set(flag.provenance)  # the misprinted page-3 total is not its source


def test_ashdown_vales_on_track_saving_a_little_short_is_rated_not_at_risk(ashdown: Any) -> None:
    review, _ = ashdown
    (flag,) = [f for f in review.flags if f.subject == "Digital customer services"]
    assert flag.code == SHORT_ON_TRACK and flag.message.startswith("Rated On track; forecast £0.15m short")


def test_ashdown_vales_childrens_savings_shortfalls_are_asked_of_the_dcs(ashdown: Any) -> None:
    review, _ = ashdown
    asked = [q for q in review.lines_of_enquiry if "Step-down from residential" in q.question]
    assert asked and all(q.addressed_to.split("; ")[:2] == ["DCS", "S151"] for q in asked)


def test_a_totals_question_a_larger_part_already_asks_is_not_asked_again() -> None:
    from analyse.enquiry import OVERSPEND_STAKE, one_per_ask
    from analyse.records import LineOfEnquiry

    total = budget("Grant total", "directorate", 250e6, 254e6, directorate="Schools grant")
    block = budget("Specialist provision", "service_line", 40e6, 45e6, directorate="Schools grant")
    block = block.model_copy(update={"checks": [_check(MEMBER_IDENTITY, True, total)]})

    def asked(row: Any) -> LineOfEnquiry:
        return LineOfEnquiry(
            question=f"What drives the overspend on '{row.name}'?",
            because="",
            provenance=row.provenance,
            amount_gbp=row.variance_gbp,
            stake=OVERSPEND_STAKE,
        )

    lines, _ = one_per_ask([asked(block), asked(total)], [], [block, total])
    assert [q.amount_gbp for q in lines] == [5e6]  # the block's £5m holds the total's net £4m
    assert "more than" in lines[0].question
    smaller = block.model_copy(update={"forecast_gbp": 43e6, "variance_gbp": 3e6})
    lines, _ = one_per_ask([asked(smaller), asked(total)], [], [smaller, total])
    assert len(lines) == 2  # the total holds money beyond the part's


def test_a_flag_whose_statement_is_its_cause_sentence_keeps_that_sentences_subject() -> None:
    # A prose overspend: the sentence that states it also gives its cause, and names its subject
    # only there ("The High Needs block ... driven by ..."); its themes are that sentence's.
    sentence = "The SEND transport budget is forecast to overspend by £1.2m, driven by rising fuel costs."
    flag = Flag(
        code="stated_overspend",
        severity="medium",
        subject="A forecast overspend of £1.2m (2025-26)",
        message=f'Stated in the Q2 report: "{sentence}"',
        amount_gbp=1.2e6,
        provenance=[prov("SEND transport")],
        explained_by=sentence,
    )
    assert "SEND transport" in flag_words(flag)


def test_severnbrooks_council_overspend_is_flagged_once(severnbrook: Any) -> None:
    """Its report states the council's overspend as £7.15m in its recommendations and as
    £7,147,100 in its summary: one council total, one flag citing both."""
    review, _ = severnbrook
    stated = [f for f in review.flags if f.code == "stated_overspend" and f.scope == "council_wide"]
    amounts = sorted(f.amount_gbp or 0.0 for f in stated)
    assert all(b - a > 50_000 for a, b in zip(amounts, amounts[1:], strict=False)), amounts
    assert any(len(f.provenance) == 2 for f in stated)
