"""Lines of enquiry a reviewer expects beyond the flags: the DSG deficit against the general reserve
when the statutory override ends, a budget moving out of the children's directorate at a sum stated
only approximately, a children's variance stated only as a percentage; and a risk that asks its own
question is only named, not its evidence repeated, in the question it bears on."""

from __future__ import annotations

import pytest

from analyse.enquiry import lines_of_enquiry
from analyse.records import (
    BudgetTransfer,
    CarriedVariance,
    DsgItem,
    DsgPosition,
    Flag,
    Position,
    Reserve,
    SavingJudgement,
    Scope,
    Statement,
)
from analyse.selection import variance_percent
from extract.records import Figure, FigureUnit, Risk
from tests.review_builders import prov

DEFICIT = "the deficit on the High Needs Block has been reduced by contributions to an estimated £96m at the end of 2024-25."
RESERVE = "comprising of £43.0m general reserve, £297.6m earmarked reserves"
ENDS = "The current override expires on 31st March 2026."
VIEW = "but this reserve would not be sufficient if the override is not renewed after March 2026"
SPECIFIC = "a specific reserve which is intended to progressively offset the accumulated DSG deficit"


def dsg(deficit: float | None = 96e6) -> DsgPosition:
    return DsgPosition(
        cumulative_deficit=DsgItem(
            amount_gbp=deficit,
            words="the end of 2024-25",
            text=DEFICIT,
            provenance=[prov(DEFICIT, "budget.pdf", "page 9, paragraph 3")],
        ),
        override_end=DsgItem(
            words="31st March 2026", text=ENDS, provenance=[prov(ENDS, "budget.pdf", "page 9, paragraph 4")]
        ),
        reserve_view=DsgItem(
            words=VIEW,
            reserve=SPECIFIC,
            text=VIEW,
            provenance=[prov(VIEW, "budget.pdf", "page 9, paragraph 5")],
        ),
        general_reserve=Reserve(
            kind="balance",
            label="general reserve",
            amount_gbp=43e6,
            at="2023-24",
            text=RESERVE,
            provenance=[prov(RESERVE, "budget.pdf", "page 3, paragraph 2")],
        ),
    )


def test_the_dsg_deficit_is_asked_against_the_general_reserve_when_the_override_ends() -> None:
    (line,) = lines_of_enquiry([], [], Position(), [], dsg=dsg())
    assert (line.amount_gbp, line.stake_period, line.scope) == (96e6, "balance", Scope.DSG_HIGH_NEEDS)
    assert (
        "when the statutory override ends (31st March 2026), against a general reserve of £43.0m"
        in line.question
    )
    assert "at £96.0m at the end of 2024-25, against a general reserve of £43.0m at 2023-24" in line.because
    # the view is of the reserve the documents name, never of the general reserve beside it
    assert f"their view of '{SPECIFIC}' (not the general reserve): '{VIEW}'" in line.because
    general = dsg().model_copy(
        update={"reserve_view": dsg().reserve_view.model_copy(update={"on_general": True})}
    )
    (line,) = lines_of_enquiry([], [], Position(), [], dsg=general)
    assert f"their view of the general reserve: '{VIEW}'" in line.because and SPECIFIC not in line.because
    assert [p.locator for p in line.provenance] == [
        "page 9, paragraph 3",
        "page 3, paragraph 2",
        "page 9, paragraph 4",
        "page 9, paragraph 5",
    ]


def test_the_dsg_deficit_is_printed_to_the_places_and_with_the_word_its_sentence_gives() -> None:
    # Kent's main report: "reduced by contributions to an estimated £96m at the end of 2024-25"
    stated = dsg().cumulative_deficit.model_copy(update={"places": 0, "hedge": "estimated"})  # type: ignore[union-attr]
    (line,) = lines_of_enquiry(
        [], [], Position(), [], dsg=dsg().model_copy(update={"cumulative_deficit": stated})
    )
    assert "the DSG deficit the council carries at an estimated £96m at the end of 2024-25" in line.because
    assert line.places == 0 and "£96.0m" not in line.because
    # one value changed: printed to one place, it is printed so
    tenth = stated.model_copy(update={"places": 1, "hedge": ""})
    (line,) = lines_of_enquiry(
        [], [], Position(), [], dsg=dsg().model_copy(update={"cumulative_deficit": tenth})
    )
    assert "carries at £96.0m at" in line.because and line.places == 1


def test_no_dsg_deficit_asks_no_dsg_question() -> None:
    assert lines_of_enquiry([], [], Position(), [], dsg=dsg(deficit=None)) == []
    assert lines_of_enquiry([], [], Position(), [], dsg=dsg(deficit=-2e6)) == []


def test_the_dsg_deficit_a_balance_falling_due_at_one_date_ranks_with_a_years_money() -> None:
    overspend = Flag(
        code="service_overspend",
        severity="high",
        subject="Residential placements",
        message="Residential placements overspend",
        amount_gbp=5e6,
        provenance=[prov("Residential placements | 5,000")],
        scope=Scope.CHILDRENS_SOCIAL_CARE,
    )
    # Wyvern's £38.2m deficit ranked 12th of 12 behind every year's overspend; it falls on the
    # council when the override ends, so it ranks by its money among a year's
    first, second = lines_of_enquiry([overspend], [], Position(), [], dsg=dsg())
    assert (first.amount_gbp, second.amount_gbp) == (96e6, 5e6)
    smaller = dsg(deficit=4e6)
    first, second = lines_of_enquiry([overspend], [], Position(), [], dsg=smaller)
    assert (first.amount_gbp, second.amount_gbp) == (5e6, 4e6)


MOVES = "5.1 The budget for the 18-25 section of the Service will transfer from the CYPE Directorate to the ASCH Directorate."
SUM = "The indicative total budget to be transferred will be approximately £59m."


def transfer(approximate: bool = True, direction: str = "out") -> BudgetTransfer:
    return BudgetTransfer(
        direction=direction,  # type: ignore[arg-type]
        what="the 18-25 section of the Service",
        source="the CYPE Directorate",
        destination="the ASCH Directorate",
        amount_gbp=59e6,
        places=0,
        approximate=approximate,
        year="2025-26",
        effective="1 April 2025",
        words=MOVES,
        provenance=[
            prov(MOVES, "transfer.pdf", "page 6, paragraph 8"),
            prov(SUM, "transfer.pdf", "page 6, paragraph 9"),
        ],
    )


def test_a_budget_moving_out_at_an_approximate_sum_asks_the_s151_officer_to_confirm_it() -> None:
    (line,) = lines_of_enquiry([], [], Position(transfers=[transfer()]), [])
    assert line.addressed_to == "S151" and line.amount_gbp == 59e6
    assert line.question.startswith(
        "What is the exact budget moving from the CYPE Directorate to the ASCH Directorate from 1 April 2025"
    )
    # each sentence quoted as its own, with its own place
    assert (
        line.because == f"The documents say: '{MOVES}' (page 6, paragraph 8); '{SUM}' (page 6, paragraph 9)."
    )
    assert "stated only approximately" in line.stake
    # the 18-25 section is adults' services the children's directorate held (analyse.scope)
    assert line.scope == Scope.ADULTS_IN_CHILDRENS


def test_a_sum_only_to_confirm_is_no_money_at_risk_and_follows_every_sum_that_is() -> None:
    overspend = Flag(
        code="service_overspend",
        severity="high",
        subject="Residential placements",
        message="Residential placements overspend",
        amount_gbp=5e6,
        provenance=[prov("Residential placements | 5,000")],
        scope=Scope.CHILDRENS_SOCIAL_CARE,
    )
    # £59m to confirm, beside a £5m overspend (a year's money) and a £96m deficit (a balance due)
    lines = lines_of_enquiry([overspend], [], Position(transfers=[transfer()]), [], dsg=dsg())
    assert [line.amount_gbp for line in lines] == [96e6, 5e6, 59e6]
    assert lines[-1].stake_period == "to confirm"


def test_a_move_stated_exactly_or_into_the_directorate_asks_nothing_here() -> None:
    assert lines_of_enquiry([], [], Position(transfers=[transfer(approximate=False)]), []) == []
    assert lines_of_enquiry([], [], Position(transfers=[transfer(direction="in")]), []) == []


DISABLED = "The budget estimates for disabled children in care show a much larger variance (20%)."
SMALL = "Budget estimates were robust with only very small variance (less than 0.1% variance on budget of over £100m)."


def figure(text: str, value: float, unit: FigureUnit) -> Figure:
    return Figure(
        value=value, unit=unit, text=text, provenance=[prov(text, "budget.pdf", "page 12, paragraph 3")]
    )


def test_a_material_variance_stated_only_as_a_percentage_is_marked_and_asked() -> None:
    assert variance_percent(DISABLED, [figure(DISABLED, 20.0, FigureUnit.PERCENT)]) == 20.0
    # under the material size, or with a sum in pounds beside it: nothing to ask in pounds
    assert variance_percent(SMALL, [figure(SMALL, 0.1, FigureUnit.PERCENT)]) is None
    assert (
        variance_percent(
            DISABLED, [figure(DISABLED, 20.0, FigureUnit.PERCENT), figure(DISABLED, 2e6, FigureUnit.GBP)]
        )
        is None
    )
    statement = Statement(
        text=DISABLED,
        provenance=[prov(DISABLED, "budget.pdf", "page 12, paragraph 3")],
        scope=Scope.CHILDRENS_SOCIAL_CARE,
        variance_percent=20.0,
    )
    (line,) = lines_of_enquiry([], [], Position(), [], statements=[statement])
    assert line.amount_gbp is None and line.provenance == statement.provenance
    assert line.question.startswith("What is the variance the documents state as 20% ('The budget estimates")
    unmarked = statement.model_copy(update={"variance_percent": None})
    assert lines_of_enquiry([], [], Position(), [], statements=[unmarked]) == []


def test_a_percentage_variance_the_budget_carries_in_pounds_is_asked_whether_that_is_enough() -> None:
    statement = Statement(
        text=DISABLED,
        provenance=[prov(DISABLED, "budget.pdf", "page 12, paragraph 3")],
        scope=Scope.CHILDRENS_SOCIAL_CARE,
        variance_percent=20.0,
    )

    def carried(title: str, scope: Scope = Scope.CHILDRENS_SOCIAL_CARE) -> CarriedVariance:
        text = f"{title} | Realignment of the budget | 4,000.0"
        return CarriedVariance(
            title=title,
            description="Realignment of the budget to reflect the increase in cost in 2024-25",
            scope=scope,
            period="2025-26",
            current_year="2024-25",
            amount_gbp=4e6,
            provenance=[prov(text, "appendix F.pdf", "page 1, table 1, row 3")],
        )

    disabled = carried("Children's Social Care - Disabled Children (Placements & Support)")
    (line,) = lines_of_enquiry([], [], Position(), [], statements=[statement], carried=[disabled])
    assert line.question.startswith("The documents state a variance of 20%")
    assert "£4.0m in 2025-26" in line.question
    # The documents never say what budget the 20% is of: that is asked, and no remainder assumed.
    assert line.question.endswith(
        "what budget is the 20% of, what is it in pounds, and does what is added cover it?"
    )
    assert "in pounds, what drives it" not in line.question
    assert disabled.provenance[0] in line.provenance
    # The children's savings on the same subject are named in it, with their sources; others are not.
    respite, transport = (
        SavingJudgement(
            title=title,
            scope=Scope.CHILDRENS_SOCIAL_CARE,
            target_gbp=target,
            verdict="question",
            provenance=[prov(title, "appendix F.pdf", "page 17, table 1, row 2")],
        )  # fmt: skip
        for title, target in (("Family Support - Disabled Children", 2e5), ("Home to School Transport", 4e5))
    )
    (line,) = lines_of_enquiry(
        [], [], Position(), [], statements=[statement], carried=[disabled], savings=[respite, transport]
    )
    assert line.question.endswith(
        " How do the savings planned on the same subject ('Family Support - Disabled Children' (£0.2m))"
        " stand against it?"
    )
    assert respite.provenance[0] in line.provenance and transport.provenance[0] not in line.provenance
    # Another subject, or another scope, gives no pounds for it: the pounds are asked for.
    for other in (carried("Home to School Transport"), carried("Disabled children", Scope.DSG_HIGH_NEEDS)):
        (line,) = lines_of_enquiry([], [], Position(), [], statements=[statement], carried=[other])
        assert line.question.startswith("What is the variance the documents state as 20%")


def test_a_risk_that_asks_its_own_question_is_only_named_in_the_question_it_bears_on() -> None:
    saving = Flag(
        code="demand_reduction_against_rising_demand",
        severity="high",
        subject="Looked After Children",
        message="Doubted: depends on demand falling.",
        provenance=[prov("Looked After Children | 1,500", "tracker.pdf", "page 13, table 1, row 2")],
        scope=Scope.CHILDRENS_SOCIAL_CARE,
        themes=["placements"],
    )
    placements = Risk(
        title="Placement sufficiency",
        directorate="CYPE",
        likelihood=4.0,
        exposure_gbp=10e6,
        exposure_words="Estimated Annual Financial Exposure",
        description="Availability of suitable placements for looked after children.",
        provenance=[prov("Placement sufficiency", "risk register.pdf", "page 3, table 1, row 2")],
    )
    own, asked = lines_of_enquiry([saving], [], Position(), [], risks=[placements])
    assert own.question.startswith("What mitigates the risk 'Placement sufficiency'")
    assert "'Placement sufficiency' bears on it too; it is asked as its own line of enquiry." in asked.because
    assert "likelihood" not in asked.because and "£10.0m" not in asked.because
    assert placements.provenance[0] not in asked.provenance


@pytest.mark.parametrize("percent", [4.9, -4.9])
def test_a_variance_under_the_material_size_is_not_asked(percent: float) -> None:
    assert variance_percent(DISABLED, [figure(DISABLED, percent, FigureUnit.PERCENT)]) is None


def test_savings_facing_the_same_pressures_are_one_question_and_one_such_question_is_asked() -> None:
    # Kent: two SEN transport savings against the same £14.6m of growth asked twice, beside a third
    # saving against other growth: one question for the shared cause, at most one of the code.
    from analyse.enquiry import _capped, _from_flag, _one_per_subject
    from analyse.records import Flag

    def flag(subject: str, asks: str) -> Flag:
        return Flag(
            code="pressure_on_subject",
            severity="high",
            subject=subject,
            message=subject,
            asks=asks,
            provenance=[prov(subject)],
        )

    same = "the same plan adds £14.6m of pressures on its subject (home to school transport, SEN)"
    other = "the same plan adds £7.2m of pressures on its subject (disabled children)"
    groups = _one_per_subject(
        [flag("SEN transport A", same), flag("SEN transport B", same), flag("DC", other)]
    )
    assert [[f.subject for f in g] for g in groups] == [["SEN transport A", "SEN transport B"], ["DC"]]
    assert [[f.subject for f in g] for g in _capped(groups)] == [["SEN transport A", "SEN transport B"]]
    # the other saving named, not a sum of money none of them states ("£0k in all")
    line = _from_flag(groups[0])
    assert line.because.endswith("With the 1 other line facing the same pressures: 'SEN transport B'.")
    assert "£0" not in line.because and line.amount_gbp is None
