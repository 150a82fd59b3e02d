"""A directorate's overspend stated two ways: its table's row one amount, a sentence (its own
report's text, or another document) another beyond the rounding it is printed to. The disagreement is
recorded as a figure stated differently, asked in the question on the row's overspend, which leads
with the table's figure, and the sentence's sum asks no overspend question of its own (Severnbrook's
£6.12m against its table's £6,844,700; Ashdown Vale's recovery plan's £11.3m against the monitoring
report's £10.07m). Written in other councils' words.
"""

from __future__ import annotations

from analyse.demand import rising_against_target
from analyse.enquiry import OVERSPEND_STAKE, lines_of_enquiry, one_per_ask, stated_otherwise_asked
from analyse.explained import states_cause
from analyse.reconcile import stated_otherwise_checks
from analyse.records import Flag, LineOfEnquiry, Position, Scope
from analyse.stated import not_stated_otherwise
from extract.records import BudgetLine, Check, Figure, FigureUnit, Passage, Provenance, Verification
from extract.verify.identities import TOTAL_IDENTITY

YEAR = "2025-26"
REPORT = "Finance_Update_Q2_2025-26.pdf"


def _at(text: str, locator: str, page: int | None, file: str = REPORT) -> Provenance:
    return Provenance(file=file, sha256="ef" * 32, page=page, bbox=None, locator=locator, text=text)


def _row(name: str, level: str, budget: float, variance: float, n: int) -> BudgetLine:
    return BudgetLine(
        name=name,
        level=level,
        period=YEAR,
        budget_gbp=budget,
        forecast_gbp=budget + variance,
        variance_gbp=variance,
        provenance=[_at(f"{name} | {budget:,.0f} | {variance:,.0f}", f"page 6, table 1, row {n}", 6)],
        verification=Verification.VERIFIED,
    )


ROWS = [
    _row("Fostering and Residential Care", "service_line", 30e6, 3_910_000.0, 2),
    _row("Early Help", "service_line", 12e6, 950_000.0, 3),
    _row("Families and Communities total", "directorate", 42e6, 4_860_000.0, 4),
]


def _said(
    text: str, value: float, places: int, label: str, file: str = REPORT, page: int | None = 2
) -> Figure:
    locator = f"page {page}, paragraph 5" if page else "paragraph 12"
    return Figure(
        value=value,
        unit=FigureUnit.GBP,
        text=text,
        label=label,
        places=places,
        provenance=[_at(text, locator, page, file)],
    )


def test_a_directorates_overspend_stated_otherwise_in_its_reports_text_is_stated_differently() -> None:
    said = _said(
        "4.2 Families and Communities is reporting an adverse variance of £4.1m at Quarter 2.",
        4_100_000.0,
        1,
        "adverse variance",
    )
    (rec,) = stated_otherwise_checks(ROWS, [said])
    assert rec.code == "cross_document_mismatch"
    assert (rec.stated_gbp, rec.computed_gbp, rec.supported_gbp) == (4_860_000.0, 4_100_000.0, 4_860_000.0)
    assert rec.provenance == [ROWS[2].provenance[0], said.provenance[0]]
    # to the rounding it is printed to, the same figure
    same = said.model_copy(update={"value": 4_900_000.0, "text": said.text.replace("4.1", "4.9")})
    assert stated_otherwise_checks(ROWS, [same]) == []


def test_another_documents_sentence_stating_the_overspend_otherwise_is_stated_differently() -> None:
    text = "At Quarter 2 the Families and Communities directorate forecasts an overspend of £5.6m against its budget."
    said = _said(text, 5_600_000.0, 1, "overspend", file="Recovery_Plan.docx", page=None)
    (rec,) = stated_otherwise_checks(ROWS, [said])
    assert rec.computed_gbp == 5_600_000.0 and rec.provenance[1].file == "Recovery_Plan.docx"


def test_a_sentence_naming_a_line_or_another_point_in_the_year_is_not_the_directorates_overspend() -> None:
    line = _said(
        "Within Families and Communities, fostering and residential care is forecasting an overspend of £3.91m.",
        3_910_000.0,
        2,
        "overspend",
    )
    earlier = _said(
        "At Quarter 1 Families and Communities forecast an overspend of £3.2m.", 3_200_000.0, 1, "overspend"
    )
    part = _said(
        "Families and Communities is forecasting an overspend of £1.2m on staffing.",
        1_200_000.0,
        1,
        "overspend",
    )
    assert stated_otherwise_checks(ROWS, [line, earlier, part]) == []


def test_the_sentences_sum_is_no_overspend_flag_of_its_own_and_is_asked_in_the_rows_question() -> None:
    said = _said(
        "4.2 Families and Communities is reporting an adverse variance of £4.1m.",
        4_100_000.0,
        1,
        "adverse variance",
    )
    recs = stated_otherwise_checks(ROWS, [said])
    stated = Flag(
        code="stated_overspend",
        severity="medium",
        subject="An overspend of £4.1m",
        message="Stated",
        amount_gbp=4_100_000.0,
        provenance=said.provenance,
    )
    assert not_stated_otherwise([stated], recs) == []
    row = ROWS[2].provenance[0]
    on_row = LineOfEnquiry(
        question="What drives the overspend on 'Families and Communities total'?",
        because="Forecast to overspend by £4.86m.",
        addressed_to="DCS",
        provenance=[row],
        scope=Scope.CHILDRENS_SOCIAL_CARE,
        amount_gbp=4_860_000.0,
        stake=OVERSPEND_STAKE,
    )
    own = LineOfEnquiry(
        question="Which version of 'Families and Communities overspend' is current?",
        because=recs[0].message,
        provenance=recs[0].provenance,
        amount_gbp=760_000.0,
        stake="the figure in question",
    )
    (asked,), (kept,) = stated_otherwise_asked([on_row, own], [on_row], recs)
    assert asked is kept
    assert (
        asked.amount_gbp == 4_860_000.0 and "£4.1m" in asked.question and "which is right" in asked.question
    )
    assert said.provenance[0] in asked.provenance


# Overlapping questions: a part's overspend says it is part of its whole's, one row printed twice is
# asked once, and one sentence stating a total's sum ("£2,450,000, mostly ...") makes the two one.


def _total(name: str, budget: float, variance: float, n: int, lines: list[BudgetLine]) -> BudgetLine:
    row = _row(name, "directorate", budget, variance, n)
    held = [
        Check(
            identity=TOTAL_IDENTITY, held=True, detail="add up", provenance=[r.provenance[0] for r in lines]
        )
    ]
    return row.model_copy(update={"checks": held})


def _asked(row: BudgetLine, *more: Provenance) -> LineOfEnquiry:
    return LineOfEnquiry(
        question=f"What drives the overspend on '{row.name}'?",
        because="Forecast to overspend.",
        addressed_to="DCS",
        provenance=[row.provenance[0], *more],
        scope=Scope.CHILDRENS_SOCIAL_CARE,
        amount_gbp=row.variance_gbp,
        stake=OVERSPEND_STAKE,
    )


def test_a_line_and_a_division_asked_beside_their_directorate_say_they_are_part_of_it() -> None:
    foster = _row("Independent fostering", "service_line", 9e6, 1_300_000.0, 2)
    homes = _row("Children's homes", "service_line", 8e6, 2_200_000.0, 3)
    help_ = _row("Early Help", "service_line", 5e6, -400_000.0, 4)
    care = _total("Care Services subtotal", 17e6, 3_500_000.0, 5, [foster, homes])
    people = _total("People Directorate total", 22e6, 3_100_000.0, 6, [foster, homes, help_])
    rows = [foster, homes, help_, care, people]
    out, _ = one_per_ask([_asked(people), _asked(care), _asked(homes)], [], rows)
    # a division holding all but an underspending line is more than its directorate's net overspend:
    # it says so, and the directorate's own question, which it holds whole, is not asked again
    division, line = out
    assert "more than the People Directorate net overspend of £3.1m" in division.question
    assert "£2.2m is within the Care Services overspend of £3.5m" in line.question
    # without the rows read, nothing is said
    out, _ = one_per_ask([_asked(people), _asked(care), _asked(homes)], [])
    assert all("within" not in q.question and "more than" not in q.question for q in out)


def test_one_directorate_printed_on_two_pages_is_asked_once_of_the_row_its_arithmetic_holds() -> None:
    summary = _row("Families", "directorate", 40e6, 5_200_000.0, 3)
    summary = summary.model_copy(
        update={
            "verification": Verification.CONTRADICTED,
            "provenance": [_at("Families | 5,200", "page 1, table 1, row 3", 1)],
        }
    )
    own_page = _row("Families total", "directorate", 40e6, 4_200_000.0, 9)
    out, kept = one_per_ask([_asked(summary), _asked(own_page)], [_asked(own_page)], [summary, own_page])
    (asked,) = out
    assert asked.amount_gbp == 4_200_000.0 and summary.provenance[0] in asked.provenance
    # another directorate of the same budget is another row
    other = _row("Communities total", "directorate", 40e6, 4_000_000.0, 12)
    assert len(one_per_ask([_asked(own_page), _asked(other)], [], [own_page, other])[0]) == 2


def test_a_sum_followed_by_a_comma_is_read_as_the_sum_it_states() -> None:
    why = _at(
        "The DSG is forecasting an in-year overspend of £2,450,000, almost entirely on the High Needs Block.",
        "page 2, paragraph 3",
        2,
    )
    block = _row("High Needs Block", "service_line", 40e6, 2_700_000.0, 5)
    total = _row("Total DSG", "directorate", 150e6, 2_450_000.0, 6)
    explained = [
        q.model_copy(update={"question": q.question + " How much of it is recurrent?"})
        for q in (_asked(block, why), _asked(total, why))
    ]
    (asked,), _ = one_per_ask(explained, [])
    assert asked.amount_gbp == 2_450_000.0 and block.provenance[0] in asked.provenance


# Demand: a count of children looked after set above the council's own plan grounds the demand question.


def _passage(text: str) -> Passage:
    return Passage(text=text, provenance=[_at(text, "paragraph 4", None, "Sufficiency_Strategy.docx")])


def test_children_looked_after_above_the_councils_plan_ground_the_demand_question() -> None:
    said = _passage(
        "At 30 September 2025 the council was looking after 518 children, against a plan of 470 for this"
        " point in the year and 489 at 31 March 2025."
    )
    rising = rising_against_target({}, [said])
    assert rising is not None and (rising.count, rising.target, rising.against) == (518, 470, "plan")
    (question,) = [
        q for q in lines_of_enquiry([], [], Position(), [], rising=rising) if "looked after" in q.question
    ]
    assert "risen to 518 against the council's plan of 470" in question.question
    assert question.because.count("518 children") == 1
    # a kind of placement's count, or a count at or below the plan, grounds none
    for text in (
        "There are 61 children in residential care against a budgeted 47, up from 52.",
        "The overspend follows placements for looked after children (£2.1m), with the number of children"
        " in residential homes at 41 against a budgeted 33.",
        "The council was looking after 455 children against a plan of 470, and 489 at 31 March 2025.",
    ):
        assert rising_against_target({}, [_passage(text)]) is None


def test_children_looked_after_above_the_budgets_assumption_ground_it_without_a_rise_said() -> None:
    """A count above what the budget assumed is the demand behind an overspend, said to rise or not;
    the question then says where it stands, not that it rose."""
    said = _passage(
        "The service was caring for 1,312 looked after children at 31 October 2025 (including 64"
        " unaccompanied asylum-seeking children), compared with 1,240 assumed in the budget."
    )
    rising = rising_against_target({}, [said])
    assert rising is not None
    assert (rising.count, rising.target, rising.against, rising.risen) == (1312, 1240, "budget", False)
    (question,) = [
        q for q in lines_of_enquiry([], [], Position(), [], rising=rising) if "looked after" in q.question
    ]
    assert "stands at 1,312 against the council's budget of 1,240" in question.question
    plain = rising_against_target({}, [_passage("We are looking after 518 children against a plan of 470.")])
    assert plain is not None and not plain.risen


def test_a_count_or_price_against_the_plan_or_the_budgets_assumption_explains_an_overspend() -> None:
    assert states_cause("We now look after 518 children against a plan of 470.")
    assert states_cause(
        "A residential placement costs £6,400 a week, compared with £5,600 assumed in the budget."
    )
    assert not states_cause("The overspend is against plan.")


def test_a_count_said_to_leave_out_asylum_seeking_children_is_not_asked_how_many_of_it_are() -> None:
    said = _passage(
        "The council was looking after 905 children at 31 December 2025, excluding unaccompanied"
        " asylum-seeking children, against a plan of 860."
    )
    rising = rising_against_target({}, [said])
    assert rising is not None and rising.without_uasc
    (question,) = [
        q for q in lines_of_enquiry([], [], Position(), [], rising=rising) if "looked after" in q.question
    ]
    assert "how many of the 905 are" not in question.question
    assert (
        "how many unaccompanied asylum-seeking children are looked after besides them?" in question.question
    )
