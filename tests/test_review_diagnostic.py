"""The diagnostic: the lines that drive the children's variance, their movement since the previous
monitoring report, and reserves read as balances at a date apart from planned flows."""

from __future__ import annotations

import re

from analyse.diagnostic import diagnostic
from analyse.position import budget_position
from analyse.records import Scope
from analyse.reserves import reserve_kind, reserves
from analyse.review import build_review
from analyse.scope import scope_index
from analyse.selection import service_lines
from extract.records import Check, Extraction, Figure, FigureUnit, PeriodAmount, PlanLine, Verification
from extract.verify.identities import TOTAL_IDENTITY
from render.pack import pack_html
from tests.review_builders import YEAR, budget, prov

CYP = "Children's Services"
Q1 = "Budget monitoring Q1 2024-25.pdf"
Q2 = "Budget monitoring Q2 2024-25.pdf"


def _report(file: str, residential: float, transport: float, directorate: float) -> list:
    lines = [
        budget("Residential placements", "service_line", 10e6, 10e6 + residential, file, directorate=CYP),
        budget("Home to school transport", "service_line", 8e6, 8e6 + transport, file, directorate=CYP),
        budget("Early help", "service_line", 4e6, 3.5e6, file, directorate=CYP),
    ]
    total = budget(f"Total {CYP}", "directorate", 22e6, 22e6 + directorate, file, directorate=CYP)
    return [*lines, total]


def _diagnostic(extraction: Extraction):  # type: ignore[no-untyped-def]
    scopes = scope_index(extraction)
    position = budget_position(extraction, YEAR, scopes)
    return diagnostic(extraction, scopes, position, service_lines(extraction, scopes), reserves(extraction))


def test_drivers_are_the_lines_moving_the_variance_its_way_largest_first_with_their_share() -> None:
    found = _diagnostic(Extraction(budget_lines=_report(Q2, 3e6, 1e6, 3.5e6)))
    assert found.variance_base_gbp == 3.5e6
    assert "directorate" in found.variance_base
    assert [(d.name, d.variance_gbp) for d in found.drivers] == [
        ("Residential placements", 3e6),
        ("Home to school transport", 1e6),
    ]
    assert [round(d.share or 0, 4) for d in found.drivers] == [round(3 / 3.5, 4), round(1 / 3.5, 4)]
    assert found.drivers[1].scope == Scope.EDUCATION_SEND_TRANSPORT


def test_a_contradicted_directorate_row_leaves_the_shares_to_the_sum_of_the_lines() -> None:
    lines = _report(Q2, 3e6, 1e6, 3.5e6)
    lines[-1] = lines[-1].model_copy(update={"verification": Verification.CONTRADICTED})
    found = _diagnostic(Extraction(budget_lines=lines))
    # 3.0 + 1.0 - 0.5 (early help underspends)
    assert found.variance_base_gbp == 3.5e6 and "service lines" in found.variance_base


def test_movement_matches_each_line_across_the_two_latest_reports_and_names_both() -> None:
    extraction = Extraction(budget_lines=_report(Q1, 1e6, 2e6, 2.5e6) + _report(Q2, 3e6, 1e6, 3.5e6))
    found = _diagnostic(extraction)
    assert found.previous_report is not None and found.previous_report.startswith("Quarter 1 2024-25")
    assert found.latest_report is not None and found.latest_report.startswith("Quarter 2 2024-25")
    moves = {m.name: (m.previous_variance_gbp, m.latest_variance_gbp, m.change_gbp) for m in found.movements}
    assert moves[CYP] == (2.5e6, 3.5e6, 1e6)
    assert moves["Residential placements"] == (1e6, 3e6, 2e6)
    assert moves["Home to school transport"] == (2e6, 1e6, -1e6)
    assert moves["Early help"] == (-0.5e6, -0.5e6, 0.0)
    # the directorate first, then the largest change
    assert [m.name for m in found.movements][:3] == [
        CYP,
        "Residential placements",
        "Home to school transport",
    ]
    assert found.movements[0].provenance[0].file == Q2 and found.movements[0].provenance[1].file == Q1


def test_one_report_gives_no_movement_and_two_undated_reports_say_why() -> None:
    assert _diagnostic(Extraction(budget_lines=_report(Q2, 3e6, 1e6, 3.5e6))).movements == []
    undated = _report("monitoring a.pdf", 1e6, 2e6, 2.5e6) + _report("monitoring b.pdf", 3e6, 1e6, 3.5e6)
    found = _diagnostic(Extraction(budget_lines=undated))
    assert found.movements == [] and "do not say which is the later" in (found.movement_missing or "")


def _figure(text: str, value: float, label: str | None) -> Figure:
    return Figure(
        value=value, unit=FigureUnit.GBP, label=label, text=text, provenance=[prov(text, "report.pdf", "p 2")]
    )


def test_reserves_are_balances_at_a_date_apart_from_flows_and_the_dsg_deficit_reserve() -> None:
    figures = [
        _figure("The general fund balance stood at £42.5m at 31 March 2025.", 42.5e6, "general fund balance"),
        _figure("The budget plans a drawdown of £8.2m from reserves.", 8.2e6, "reserves"),
        _figure("The DSG deficit reserve is £30.1m.", 30.1e6, "DSG deficit reserve"),
    ]
    row = PlanLine(
        title="Contribution to reserves",
        planned=[PeriodAmount(period=YEAR, amount_gbp=2e6)],
        provenance=[prov("Contribution to reserves | 2,000", "budget.pdf", "table 1, row 9")],
    )
    found = reserves(Extraction(figures=figures, pressures=[row]))
    assert [(r.kind, r.amount_gbp, r.at) for r in found[:3]] == [
        ("balance", 42.5e6, "31 March 2025"),
        ("flow", 8.2e6, None),
        ("dsg", 30.1e6, None),
    ]
    # a budget table's contribution row is a flow by year, never a balance
    assert (found[3].kind, found[3].amounts[0].amount_gbp) == ("flow", 2e6)
    assert found[2].scope == Scope.DSG_HIGH_NEEDS


def test_a_sentence_that_names_neither_a_balance_nor_a_flow_is_not_called_a_balance() -> None:
    assert reserve_kind("Reserves of £5m are discussed in section 6.", 5e6) == "other"
    assert reserve_kind("earmarked reserves held of £61.3m", 61.3e6) == "balance"
    york = "The general reserve is £6.9m and, whilst we have other earmarked reserves that we could call on"
    assert reserve_kind(york, 6.9e6, "general reserve") == "balance"
    assert reserve_kind("planned use of reserves £3m", 3e6, "use of reserves") == "flow"


def test_in_a_sentence_with_both_each_figure_is_read_by_the_words_nearest_it() -> None:
    sentence = "The use of reserves of £8.2m will leave the general fund balance at £34.3m at 31 March 2026."
    assert reserve_kind(sentence, 8.2e6) == "flow"
    assert reserve_kind(sentence, 34.3e6) == "balance"
    after = "After a contribution of £5.0m, the general reserve will stand at £48.0m at 31 March 2026."
    assert (reserve_kind(after, 5e6), reserve_kind(after, 48e6)) == ("flow", "balance")


BALANCES = [
    "The general reserve stands at £43.0m.",
    "The general fund balance at 31 March 2025 was £42.5m.",
    "The Council held usable reserves of £120.4m at the end of 2023-24.",
    "Unallocated reserves are forecast to be £12.0m at 31 March 2026.",
    "The total usable revenue reserves at the end of 2023-24 were £357.6m (30.3% of net revenue outturn).",
]
FLOWS = [
    "The budget assumes a drawdown of £4.5m from the budget stabilisation reserve.",
    "A contribution to reserves of £2.0m is planned for 2025-26.",
    "£3.0m of reserves will be used to balance the 2025-26 budget.",
    "£1.5m will be transferred to the insurance reserve.",
    "A further £6.0m is needed to replenish the general reserve.",
    "• -£8.8m net drawdown smoothing reserves for lower than expected Council tax base and collection fund balance",
    "+£14.9m removal of previous year drawdowns from reserves.",
    "• +£4.3m general reserve",
    "£14.6m DSG reserve for the planned 2025-26 Council contribution to the safety valve programme.",
]


def _money(sentence: str) -> float:
    """The one money figure a sample sentence states, in pounds."""
    found = re.search(r"([-+]?)£(\d+\.\d)m", sentence)
    assert found is not None
    return float(f"{found[1]}{found[2]}") * 1e6


def test_councils_balances_are_stocks_at_a_date_and_their_flows_are_movements() -> None:
    assert [reserve_kind(s, _money(s)) for s in BALANCES] == ["balance"] * len(BALANCES)
    assert [reserve_kind(s, _money(s)) for s in FLOWS] == ["flow"] * len(FLOWS)


def test_each_figure_of_a_list_is_read_by_its_own_clause() -> None:
    kent = (
        "The 2025-26 budget includes £42.4m additional contributions to reserves (including £16.3m replenishment of "
        "general reserves towards restoring 5% general reserve target, £12.0m into new Extended Producer "
        "Responsibility (EPR) reserve, and £14.6m local authority contribution to DSG deficit) and £10.7m drawdown "
        "from smoothing reserves (largely related to smoothing Council Tax)."
    )
    assert [reserve_kind(kent, v) for v in (42.4e6, 16.3e6, 12.0e6, 14.6e6, 10.7e6)] == ["flow"] * 5
    held = (
        "1.12 The total usable revenue reserves at the end of 2023-24 were £357.6m, comprising of £43.0m general "
        "reserve, £297.6m earmarked reserves (including £36.2m from Safety Valve contributions which over time will "
        "offset the Dedicated Schools Grant (DSG) deficit), and £17.0m public health reserve."
    )
    # the list's lead-in dates every balance in it, read past another item's aside on contributions;
    # a part in brackets ("including £36.2m from ... contributions") is held as the whole it is part of
    found = reserves(
        Extraction(figures=[_figure(held, v, None) for v in (357.6e6, 43e6, 297.6e6, 36.2e6, 17e6)])
    )
    assert [(r.kind, r.at) for r in found] == [("balance", "the end of 2023-24")] * 5
    assert [r.scope for r in found] == [Scope.COUNCIL_WIDE] * 3 + [Scope.DSG_HIGH_NEEDS, Scope.COUNCIL_WIDE]


def test_a_figure_whose_clause_is_not_about_reserves_is_not_a_reserve() -> None:
    one_offs = (
        "This requires £11.7m from one-offs in 2025-26 (£8.0m flexible use of capital receipts, £1.9m from extension "
        "of New Homes Bonus grant and £1.8m from reserves)."
    )
    assert [reserve_kind(one_offs, v) for v in (11.7e6, 8.0e6, 1.9e6, 1.8e6)] == [None, None, None, "flow"]
    collection = "The draft budget includes a £3.2m collection surplus balance."
    assert reserve_kind(collection, 3.2e6, "collection surplus balance") is None
    saving = (
        "The requirement to deliver £19.8m policy savings to replace one-offs used to balance 2024-25 budget."
    )
    assert reserves(Extraction(figures=[_figure(saving, 19.8e6, "policy savings")])) == []


def test_one_drawdown_in_words_and_signed_in_a_list_is_one_flow() -> None:
    words = _figure("This latest draft includes a total of £8.8m from smoothing reserves.", 8.8e6, None)
    signed = _figure(
        "• -£8.8m net drawdown smoothing reserves for lower than expected tax base", -8.8e6, None
    )
    found = reserves(Extraction(figures=[words, signed]))
    assert [(r.kind, r.amount_gbp, len(r.provenance)) for r in found] == [("flow", 8.8e6, 2)]


def test_one_drawdown_stated_in_two_documents_and_a_table_is_listed_once_citing_all_three() -> None:
    monitoring = Figure(
        value=8.2e6,
        unit=FigureUnit.GBP,
        label=None,
        period=YEAR,
        text="The budget already plans a drawdown of £8.2m from reserves.",
        provenance=[prov("drawdown of £8.2m", "monitoring.pdf", "page 2, paragraph 16")],
    )
    mtfp = Figure(
        value=8.2e6,
        unit=FigureUnit.GBP,
        label="use of reserves",
        text="The budget is balanced only after a one-off use of reserves of £8.2m.",
        provenance=[prov("use of reserves of £8.2m", "mtfp.pdf", "page 1, paragraph 5")],
    )
    other_year = _figure("A further drawdown of £8.2m from reserves is planned.", 8.2e6, "reserves")
    other_year = other_year.model_copy(update={"period": "2030-31"})
    row = PlanLine(
        title="Total Reserves",
        planned=[
            PeriodAmount(period=YEAR, amount_gbp=-8.23e6),
            PeriodAmount(period="2026-27", amount_gbp=0.0),
        ],
        provenance=[prov("Total Reserves | (8,230) | -", "mtfp.pdf", "page 3, table 2, row 18")],
    )
    found = reserves(Extraction(figures=[monitoring, mtfp, other_year], mtfp_totals=[row]))
    drawdowns = [r for r in found if r.amounts]
    assert len(drawdowns) == 1
    assert [p.file for p in drawdowns[0].provenance] == ["mtfp.pdf", "monitoring.pdf", "mtfp.pdf"]
    # another year's drawdown of the same size is another fact
    assert [r.at for r in found if not r.amounts] == ["2030-31"]


def test_the_pack_quotes_each_flow_by_its_own_clause_not_the_sentence_it_shares() -> None:
    kent = (
        "The 2025-26 budget includes £42.4m additional contributions to reserves (including £16.3m replenishment of "
        "general reserves towards restoring 5% general reserve target, £12.0m into new Extended Producer "
        "Responsibility (EPR) reserve, and £14.6m local authority contribution to DSG deficit)."
    )
    extraction = Extraction(figures=[_figure(kent, v, None) for v in (42.4e6, 12.0e6, 14.6e6)])
    review = build_review(extraction)
    assert [r.words for r in review.diagnostic.reserves] == [
        "The 2025-26 budget includes £42.4m additional contributions to reserves",
        "£12.0m into new Extended Producer Responsibility (EPR) reserve",
        "and £14.6m local authority contribution to DSG deficit",
    ]
    shown = " ".join(re.sub(r"<[^>]+>", "", pack_html(review, extraction)).split())
    assert "“£12.0m into new Extended Producer Responsibility (EPR) reserve”" in shown
    assert "“and £14.6m local authority contribution to DSG deficit”" in shown


def test_a_long_aside_in_a_quoted_clause_is_elided_and_a_balance_is_quoted_too() -> None:
    resolved = (
        "The £49.4m difference is resolved through - £61.5m net from savings/income (including a separate "
        "presentation for full year effect of current plans/new proposals and removal of one-offs/unachieved "
        "savings in 2024-25) and net +£12.1m changes in contributions to and drawdowns from reserves."
    )
    held = "The general fund balance stood at £42.5m at 31 March 2025."
    extraction = Extraction(
        figures=[_figure(resolved, 12.1e6, None), _figure(held, 42.5e6, "general fund balance")]
    )
    review = build_review(extraction)
    assert [(r.kind, r.words) for r in review.diagnostic.reserves] == [
        (
            "flow",
            "net from savings/income (...) and net +£12.1m changes in contributions to and drawdowns from reserves.",
        ),
        ("balance", "The general fund balance stood at £42.5m at 31 March 2025."),
    ]
    shown = " ".join(re.sub(r"<[^>]+>", "", pack_html(review, extraction)).split())
    assert "at 31 March 2025 [S1]“The general fund balance stood at £42.5m at 31 March 2025.”" in shown


def _reserves_total(line: str, amounts: list[float]) -> PlanLine:
    """A plan table's "Total Reserves" row whose one line `line` adds up to it (checked)."""
    cells = " | ".join(f"({-a / 1e3:,.0f})" if a < 0 else f"{a / 1e3:,.0f}" for a in amounts)
    years = ["2025-26", "2026-27", "2027-28"]
    return PlanLine(
        title="Total Reserves",
        planned=[PeriodAmount(period=y, amount_gbp=a) for y, a in zip(years, amounts, strict=True)],
        checks=[
            Check(
                identity=TOTAL_IDENTITY,
                held=True,
                detail="",
                provenance=[prov(f"{line} | {cells}", "mtfp.pdf", "table 2, row 17")],
            )
        ],
        provenance=[prov(f"Total Reserves | {cells}", "mtfp.pdf", "table 2, row 18")],
    )


def test_a_one_off_use_of_reserves_reversed_the_next_year_is_said_to_be_one_and_its_reversal_is_no_flow() -> (
    None
):
    one_off = _reserves_total("One-off use of reserves (reversed in following year)", [-8.23e6, 8.23e6, 0.0])
    [found] = reserves(Extraction(mtfp_totals=[one_off]))
    # the line its total adds up names it one-off, and is cited for the words quoted
    assert (found.one_off, found.reversed_in) == (
        "One-off use of reserves (reversed in following year)",
        "2026-27",
    )
    assert [p.locator for p in found.provenance] == ["table 2, row 18", "table 2, row 17"]
    review = build_review(Extraction(mtfp_totals=[one_off]))
    shown = " ".join(re.sub(r"<[^>]+>", "", pack_html(review, Extraction(mtfp_totals=[one_off]))).split())
    assert "one-off as the document says (“One-off use of reserves (reversed in following year)”)" in shown
    assert "2026-27 8,230 (the one-off reversed, not a flow of its own)" in shown
    # a planned use of reserves the words do not call one-off is a flow each year, with no reversal
    planned = reserves(Extraction(mtfp_totals=[_reserves_total("Use of reserves", [-8.23e6, 8.23e6, 0.0])]))
    assert [(r.one_off, r.reversed_in) for r in planned] == [("", None)]
    # a one-off that the table does not undo in a later year has no reversal
    kept = reserves(
        Extraction(mtfp_totals=[_reserves_total("One-off use of reserves", [-8.23e6, -8.23e6, 0.0])])
    )
    assert [(r.one_off, r.reversed_in) for r in kept] == [("One-off use of reserves", None)]


def test_a_sentence_that_calls_a_draw_one_off_marks_the_flow_it_states() -> None:
    mtfp = _figure(
        "The budget is balanced only after a one-off use of reserves of £8.2m.", 8.2e6, "use of reserves"
    )
    drawdown = _figure("The budget plans a drawdown of £4.5m from reserves.", 4.5e6, "reserves")
    found = reserves(Extraction(figures=[mtfp, drawdown]))
    assert [(r.kind, bool(r.one_off)) for r in found] == [("flow", True), ("flow", False)]
