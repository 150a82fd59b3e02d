"""The diagnostic: the lines that drive the children's variance, their movement since the previous
monitoring report, and reserves read as balances at a date apart from planned flows."""

from __future__ import annotations

from analyse.diagnostic import diagnostic
from analyse.position import budget_position
from analyse.records import Scope
from analyse.reserves import reserve_kind, reserves
from analyse.scope import scope_index
from analyse.selection import service_lines
from extract.records import Extraction, Figure, FigureUnit, PeriodAmount, PlanLine, Verification
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
    return diagnostic(extraction, scopes, position, service_lines(extraction, scopes))


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
    assert reserve_kind("Reserves are discussed in section 6 (£5m)") == "other"
    assert reserve_kind("earmarked reserves held of £61.3m") == "balance"
    york = "The general reserve is £6.9m and, whilst we have other earmarked reserves that we could call on"
    assert reserve_kind(york, "general reserve") == "balance"
    assert reserve_kind("planned use of reserves £3m", "use of reserves") == "flow"


def test_in_a_sentence_with_both_each_figure_is_read_by_its_own_label() -> None:
    sentence = "The use of reserves of £8.2m will leave the general fund balance at £34.3m at 31 March 2026."
    assert reserve_kind(sentence, "use of reserves") == "flow"
    assert reserve_kind(sentence, "general fund balance") == "balance"


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
