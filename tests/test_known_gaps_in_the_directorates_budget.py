"""What the children's directorate's stated budget leaves out or is said of elsewhere in the papers:
a budget held centrally for every directorate pending allocation (Kent's CHB: the pay award and
employer National Insurance), the current year's monitoring of one of its lines stated in a budget
report's prose (Kent's home to school transport underspend, para 8.8), and a second document's
statement of the budget a transfer moves (Kent's Table 4.1 base for 18-25 services against the
transfer report's "approximately £59m")."""

from __future__ import annotations

from typing import Any

import pytest
from review_builders import budget, pressure

from analyse.current_year import current_year_forecasts
from analyse.held_centrally import held_centrally
from analyse.matching import names_line
from analyse.records import BudgetTransfer, Scope
from analyse.scope import scope_index
from analyse.selection import carried_variances
from analyse.transfers import transfer_bases
from extract.records import BudgetLine, Extraction, Passage, PlanLine, Provenance, Table

YEAR = "2024-25"  # review_builders' year: the budget year here
REPORT = "budget_report.pdf"
# Kent's draft revenue budget, para 2.10 (page 6) and para 8.8 (page 31)
EXCLUDES = "These exclude shares of amounts currently in centrally held budgets (CHB) pending allocation."
IN_YEAR = (
    "In year budget monitoring is showing significant underspend on home to school transport, this is not"
    " as a result of lower numbers within the demand calculation but lower cost increases."
)


def _at(text: str, page: int = 6, file: str = REPORT, locator: str = "") -> Provenance:
    return Provenance(
        file=file, sha256="ab" * 32, page=page, bbox=None, locator=locator or f"page {page}", text=text
    )


def _passage(text: str, page: int = 6) -> Passage:
    return Passage(text=text, provenance=[_at(text, page)])


def _pay(
    title: str, amount: float, directorate: str = "CHB", area: str = "Unallocated", **fields: Any
) -> PlanLine:
    return pressure(title, amount, directorate=directorate, service_area=area, category="Pay", **fields)


def _directorates(held: float = 19_861_100.0) -> list[BudgetLine]:
    return [
        budget("CYPE", "directorate", 448_684_500.0, directorate="CYPE"),
        budget("CHB", "directorate", held, directorate="CHB"),
        budget("NAC", "directorate", 109_557_400.0, directorate="NAC"),
    ]


# --- A budget held centrally pending allocation


def test_a_budget_whose_own_lines_are_unallocated_is_held_centrally_with_its_growth_and_the_words() -> None:
    extraction = Extraction(
        budget_lines=_directorates(),
        pressures=[
            _pay("Pay and Reward", 12_400_000.0, funding="core"),
            _pay("Pay and Reward - National Insurance Increase", 9_361_100.0, funding="core"),
            _pay("Waste Provision", -500_000.0, funding="core"),  # takes from it: not its growth
            _pay("Household Support Fund", 8_437_000.0, funding="external"),  # a grant meets it
            _pay("Apprenticeship Levy", 65_500.0, directorate="NAC", area="Corporate costs (NAC)"),
        ],
        passages=[_passage("Spending growth is shown by directorate. " + EXCLUDES)],
    )
    [held] = held_centrally(extraction, YEAR)
    assert (held.name, held.budget_gbp) == ("CHB", 19_861_100.0)  # NAC's lines name a service area
    assert [(h.title, h.amount_gbp) for h in held.lines] == [
        ("Pay and Reward", 12_400_000.0),
        ("Pay and Reward - National Insurance Increase", 9_361_100.0),
    ]
    assert held.said is not None and held.said.words == EXCLUDES and held.said.provenance[0].page == 6


def test_a_budget_named_as_held_centrally_needs_no_lines_and_a_directorates_own_is_not_one() -> None:
    named = budget("Corporately held budgets", "directorate", 5_000_000.0)
    extraction = Extraction(budget_lines=[*_directorates(), named])
    # CHB has no unallocated lines here: only the budget whose name says it is held centrally
    assert [h.name for h in held_centrally(extraction, YEAR)] == ["Corporately held budgets"]


def test_the_sentence_quoted_says_the_budget_waits_to_be_allocated_before_one_that_only_excludes_it() -> None:
    earlier = (
        "Net spending is compared (excluding non-attributable and centrally held costs for consistency)."
    )
    extraction = Extraction(
        budget_lines=_directorates(),
        pressures=[_pay("Pay and Reward", 12_400_000.0)],
        passages=[_passage(earlier, 5), _passage(EXCLUDES)],
    )
    [held] = held_centrally(extraction, YEAR)
    assert held.said is not None and held.said.words == EXCLUDES


NOTE = (
    "Note: Corporate and centrally held budgets include capital financing, treasury management, the"
    " corporate contingency (£1.50m) and levies."
)


@pytest.mark.parametrize(
    ("note", "awaiting", "allocable"),
    [
        (NOTE, False, ["contingency"]),  # Northmoor p3: the council's own costs, a contingency among them
        ("Corporate and centrally held budgets include capital financing and levies.", False, []),
        (
            "Corporate and centrally held budgets include the pay award and inflation.",
            True,
            ["inflation", "pay"],
        ),
        ("Capital financing is reported in section 4.", True, []),  # not said of the budget
    ],
)
def test_a_budget_held_centrally_the_documents_say_holds_corporate_costs_waits_for_no_allocation(
    note: str, awaiting: bool, allocable: list[str]
) -> None:
    named = budget("Corporate and centrally held budgets", "directorate", 18_650_000.0)
    extraction = Extraction(budget_lines=[named], passages=[_passage(note, 3)])
    [held] = held_centrally(extraction, YEAR)
    assert (held.awaiting, held.allocable) == (awaiting, allocable)
    assert (held.holds is not None) == ("include" in note)


def test_a_budget_said_to_wait_for_allocation_waits_whatever_else_it_holds() -> None:
    named = budget("Corporately held budgets", "directorate", 5_000_000.0)
    holds = "Corporately held budgets include levies and treasury costs. " + EXCLUDES.replace("CHB", "them")
    extraction = Extraction(budget_lines=[named], passages=[_passage(holds)])
    [held] = held_centrally(extraction, YEAR)
    assert held.awaiting and held.said is not None


# --- The current year's monitoring of a line, stated in a budget report's prose


def test_a_sentence_citing_in_year_monitoring_is_the_current_years_forecast_for_the_service_it_names() -> (
    None
):
    [stated] = current_year_forecasts(Extraction(passages=[_passage(IN_YEAR, 31)]), "2025-26")
    assert (stated.year, stated.outcome, stated.amount_gbp) == ("2024-25", "underspend", None)
    assert stated.scope == Scope.EDUCATION_SEND_TRANSPORT and stated.provenance[0].page == 31


def test_in_year_monitoring_of_another_year_named_is_not_the_current_years() -> None:
    other = IN_YEAR.replace("In year budget monitoring", "In year budget monitoring for 2023-24")
    assert current_year_forecasts(Extraction(passages=[_passage(other, 31)]), "2025-26") == []


def test_the_monitoring_sentence_sits_beside_the_build_line_it_names_and_no_other() -> None:
    lines = [
        pressure(
            "Home to School Transport", -5_300_000.0, directorate="CYPE", category="Base Budget Changes"
        ),
        pressure("Schools' Services", 1_000_000.0, directorate="CYPE", category="Base Budget Changes"),
    ]
    extraction = Extraction(pressures=lines, passages=[_passage(IN_YEAR, 31)])
    stated = current_year_forecasts(extraction, "2025-26")
    found = {c.title: c for c in carried_variances(extraction, scope_index(extraction), stated)}
    assert [s.provenance[0].page for s in found["Home to School Transport"].stated] == [31]
    assert found["Schools' Services"].stated == []


@pytest.mark.parametrize(
    ("title", "named"),
    [
        ("Home to School Transport", True),
        ("Home to School Transport - Personal Transport Budgets", False),  # "personal", "budgets" unsaid
        ("Children's Social Care", False),  # only words every children's line shares
    ],
)
def test_a_sentence_names_a_line_where_it_says_every_one_of_its_own_words(title: str, named: bool) -> None:
    assert names_line(IN_YEAR, title) is named


# --- A second document's statement of the budget a transfer moves


def _transfer(amount: float = 59e6, places: int = 0) -> BudgetTransfer:
    return BudgetTransfer(
        direction="out",
        what="the statutory functions delivered by the 18-25 section of the Strengthening Independence Service",
        source="the CYPE Directorate",
        destination="the ASCH Directorate",
        amount_gbp=amount,
        places=places,
        approximate=True,
        year="2025-26",
        effective="1 April 2025",
        words="will be approximately £59m",
        provenance=[_at("approximately £59m", 6, "transfer_report.pdf")],
    )


def _table_41(base: str = "£55.7m") -> Table:
    rows = [
        ["", "Total", "ASCH", "CYPE"],
        ["", "Adults", "Adults (26+)", "Adults (18-25)"],
        ["Base Budget 2024-25", "£620.3m", "£564.5m", base],
        ["Spending growth (note 1)", "£78.1m", "£76.6m", "£1.6m"],
        ["Savings/Income (note 2)", "-£23.0m", "-£22.2m", "-£0.8m"],
        ["Net growth in service budgets 2025-26", "+£55.1m", "+£54.4m", "+£0.7m"],
        ["Total Net growth", "+£59.0m", "+£58.2m", "+£0.7m"],
        ["Passported Council Tax", "£20.5m", "£18.7m", "£1.8m"],
    ]
    where = _at("Total | ASCH | CYPE", 16, locator="page 16, Table 4.1")
    return Table(
        file=REPORT,
        page=16,
        bbox=None,
        rows=rows,
        header_rows=2,
        locator="page 16, Table 4.1",
        provenance=[where],
    )


def test_a_budget_tables_base_for_the_moving_service_is_shown_with_whether_it_is_the_transfers_sum() -> None:
    [base] = transfer_bases(_transfer(), [_table_41()])
    assert (base.amount_gbp, base.period, base.row, base.column) == (
        55.7e6,
        "2024-25",
        "Base Budget 2024-25",
        "CYPE Adults (18-25)",
    )
    assert base.difference_gbp == pytest.approx(-3.3e6) and base.agrees is False
    assert (base.provenance[0].page, base.provenance[0].locator) == (16, "page 16, Table 4.1, row 3")


@pytest.mark.parametrize(
    ("printed", "agrees"),
    [
        ("£59.5m", True),  # within half a £1m unit of "£59m" and half a £0.1m unit of its own
        ("£58.5m", True),
        ("£59.6m", False),
        ("£58.4m", False),
    ],
)
def test_two_statements_agree_within_the_precision_each_is_printed_to(printed: str, agrees: bool) -> None:
    [base] = transfer_bases(_transfer(), [_table_41(printed)])
    assert base.agrees is agrees


def test_a_column_of_another_directorate_or_service_or_a_row_that_is_no_budget_is_not_the_base() -> None:
    # the Total and ASCH columns do not name CYPE; the growth row states no budget
    found = transfer_bases(_transfer(), [_table_41()])
    assert [(b.row, b.column) for b in found] == [("Base Budget 2024-25", "CYPE Adults (18-25)")]
    # a children's service moving out is not the 18-25 adults' column of the same directorate
    youth = _transfer().model_copy(update={"what": "the Youth Justice Service"})
    assert transfer_bases(youth, [_table_41()]) == []


def test_a_base_of_the_year_before_is_brought_to_the_transfers_year_by_its_tables_growth_and_savings() -> (
    None
):
    # Kent's Table 4.1: £55.7m (2024-25) + £1.6m growth - £0.8m savings = £56.5m for 2025-26, the
    # transfer's year; the £59m stated is £2.5m more (the report's "£3m for staffing"?).
    [base] = transfer_bases(_transfer(), [_table_41()])
    assert [(s.row, s.amount_gbp) for s in base.steps] == [
        ("Spending growth (note 1)", pytest.approx(1.6e6)),
        ("Savings/Income (note 2)", pytest.approx(-0.8e6)),
    ]
    assert base.in_year_gbp == pytest.approx(56.5e6) and base.in_year_difference_gbp == pytest.approx(-2.5e6)
    assert [s.provenance[0].locator for s in base.steps] == [
        "page 16, Table 4.1, row 4",
        "page 16, Table 4.1, row 5",
    ]
    # a saving printed as a positive reduction is still a reduction
    rows = [r if r[0] != "Savings/Income (note 2)" else [*r[:3], "£0.8m"] for r in _table_41().rows]
    [plain] = transfer_bases(_transfer(), [_table_41().model_copy(update={"rows": rows})])
    assert plain.in_year_gbp == pytest.approx(56.5e6)
    # a base of the transfer's own year is compared as it stands
    same_year = _transfer().model_copy(update={"year": "2024-25"})
    [own] = transfer_bases(same_year, [_table_41()])
    assert (own.steps, own.in_year_gbp) == ([], None)
