"""The children's part of the council's medium-term plan: its pressures and savings beside the
plan's own council totals, year by year, and the council-wide gap."""

from __future__ import annotations

from pathlib import Path

import pytest

from analyse.plan_share import plan_shares
from analyse.records import GapYear
from analyse.scope import scope_index
from analyse.selection import by_year, pressure_items
from extract.records import BudgetBuild, Extraction, PeriodAmount, PlanLine, Verification
from tests.review_builders import prov

YEARS = ["2025-26", "2026-27"]


def _line(title: str, amounts: tuple[float, float], directorate: str | None = None, **fields) -> PlanLine:  # type: ignore[no-untyped-def]
    return PlanLine(
        title=title,
        directorate=directorate,
        planned=[PeriodAmount(period=y, amount_gbp=a) for y, a in zip(YEARS, amounts, strict=True)],
        provenance=[prov(title, "mtfp.pdf", f"table 2, row {title}")],
        **fields,
    )


def _shares(totals: list[PlanLine]):  # type: ignore[no-untyped-def]
    extraction = Extraction(
        pressures=[
            _line("Looked after children placements", (3e6, 2e6), "Children's Services"),
            _line("Older people demography", (6e6, 6e6), "Adult Social Care"),
        ],
        mtfp_totals=totals,
    )
    scopes = scope_index(extraction)
    pressures = by_year(pressure_items(extraction, scopes), YEARS, scopes)
    savings = by_year([_line("Edge of care", (-1e6, -0.5e6), "Children's Services")], YEARS, scopes)
    gap = GapYear(period="2026-27", amount_gbp=4e6, provenance=[prov("Budget gap", "mtfp.pdf", "row 30")])
    return plan_shares(extraction, scopes, pressures, savings, [gap])


def test_each_year_sets_the_childrens_pressures_and_savings_beside_the_plans_council_totals() -> None:
    found = _shares([_line("TOTAL SPENDING PRESSURES", (9e6, 8e6)), _line("TOTAL SAVINGS", (-4e6, -2e6))])
    assert [
        (
            s.period,
            s.children_pressures_gbp,
            s.council_pressures_gbp,
            s.children_savings_gbp,
            s.council_savings_gbp,
        )
        for s in found
    ] == [("2025-26", 3e6, 9e6, 1e6, 4e6), ("2026-27", 2e6, 8e6, 0.5e6, 2e6)]
    assert (found[0].gap_gbp, found[1].gap_gbp) == (None, 4e6)
    assert [p.text for p in found[1].provenance] == [
        "TOTAL SPENDING PRESSURES",
        "TOTAL SAVINGS",
        "Budget gap",
    ]


def test_the_childrens_pressures_count_every_line_and_give_the_general_funds_core_part_beside() -> None:
    # Kent 2026-27: CYPE's lines sum to 18,521.9 only because the DSG line's -15,600.0 nets them
    # down; the General Fund's part, 34,121.9, is given beside the total, never in its place.
    extraction = Extraction(
        pressures=[
            _line("Looked after children placements", (3e6, 2e6), "Children's Services"),
            _line("Children and families grants", (1e6, 0.0), "Children's Services", funding="external"),
            _line("DSG anticipated in year deficit", (2e6, -1.5e6), "Children's Services"),
        ]
    )
    scopes = scope_index(extraction)
    pressures = by_year(pressure_items(extraction, scopes), YEARS, scopes)
    found = plan_shares(extraction, scopes, pressures, by_year([], YEARS, scopes), [])
    assert [(s.children_pressures_gbp, s.children_general_fund_gbp) for s in found] == [
        (6e6, 3e6),
        (0.5e6, 2e6),
    ]
    assert {s.children_general_fund_gbp for s in _shares([])} == {None}  # nothing kept apart


def _build(period: str, growth: float, core: float | None) -> BudgetBuild:
    return BudgetBuild(
        name="Whole council",
        level="council",
        period=period,
        base_gbp=100e6,
        growth_gbp=growth,
        new_budget_gbp=100e6 + growth,
        core_growth_gbp=core,
        provenance=[
            prov("NET BUDGET", "mtfp.pdf", "row 40"),
            prov("TOTAL SPENDING core", "mtfp.pdf", "row 16"),
        ],
    )


def test_the_childrens_share_of_core_pressures_is_beside_the_share_of_all_lines() -> None:
    # Kent 2025-26: the children's core 40,335.3 of the council's core 150,418.6 (27%), beside 71,779.5 of
    # 195,623.0 (37%) of all lines, which the DSG's swing and a grant's change move.
    lines = [
        _line("Looked after children placements", (3e6, 2e6), "Children's Services"),
        _line("DSG anticipated in year deficit", (2e6, -1.5e6), "Children's Services"),
    ]

    def shares(builds: list[BudgetBuild]):  # type: ignore[no-untyped-def]
        extraction = Extraction(
            pressures=lines, mtfp_totals=[_line("TOTAL SPENDING PRESSURES", (9e6, 8e6))], budget_builds=builds
        )
        scopes = scope_index(extraction)
        pressures = by_year(pressure_items(extraction, scopes), YEARS, scopes)
        return plan_shares(extraction, scopes, pressures, by_year([], YEARS, scopes), [])

    found = shares([_build("2025-26", 9e6, 6e6), _build("2026-27", 8e6, 10e6)])
    assert [(s.pressures_share, s.council_general_fund_gbp, s.general_fund_share) for s in found] == [
        (pytest.approx(5 / 9), 6e6, pytest.approx(3 / 6)),
        (pytest.approx(0.5 / 8), 10e6, pytest.approx(2 / 10)),
    ]
    assert found[0].provenance[-1].text == "TOTAL SPENDING core"
    # the same total printed to another precision (the build in £m to one place, the plan in £000)
    # is the same figure, as two documents' figures agree (analyse.reconcile.differ)
    rounded = shares([_build("2025-26", 9.004e6, 6e6), _build("2026-27", 8e6, 10e6)])
    assert [s.council_general_fund_gbp for s in rounded] == [6e6, 10e6]
    # a build whose growth is not the council's pressures total, or with no core column, gives none
    other = shares([_build("2025-26", 9.5e6, 6e6), _build("2026-27", 8e6, None)])
    assert {(s.council_general_fund_gbp, s.general_fund_share) for s in other} == {(None, None)}


def test_a_directorates_total_or_a_contradicted_total_is_not_the_councils() -> None:
    found = _shares(
        [
            _line("Total Children's Services", (3e6, 2e6), "Children's Services"),
            _line("TOTAL SPENDING PRESSURES", (9e6, 8e6), verification=Verification.CONTRADICTED),
        ]
    )
    assert [(s.council_pressures_gbp, s.council_savings_gbp) for s in found] == [(None, None), (None, None)]
    assert [s.children_pressures_gbp for s in found] == [3e6, 2e6]


def test_a_total_named_only_spending_is_the_councils_pressures_where_the_councils_build_reads_it_as_growth() -> (
    None
):
    # Kent's appendix D names its pressures total "TOTAL SPENDING" (195,623.0 for 2025-26): no
    # pressures word, but the council's budget build reads that row as its growth.
    spending = _line("TOTAL SPENDING", (9e6, 8e6))
    other = _line("TOTAL PRICES", (5e6, 4e6))
    assert {s.council_pressures_gbp for s in _shares([other, spending])} == {None}

    def build(year: str, growth: float, held: bool = True) -> BudgetBuild:
        return BudgetBuild(
            name="Whole council", level="council", period=year, base_gbp=100e6, growth_gbp=growth,
            new_budget_gbp=100e6 + growth, provenance=[prov("NET BUDGET", "mtfp.pdf")],
            verification=Verification.VERIFIED if held else Verification.CONTRADICTED,
        )  # fmt: skip

    def shares(builds: list[BudgetBuild]):  # type: ignore[no-untyped-def]
        extraction = Extraction(
            pressures=[_line("Looked after children placements", (3e6, 2e6), "Children's Services")],
            mtfp_totals=[other, spending],
            budget_builds=builds,
        )
        scopes = scope_index(extraction)
        pressures = by_year(pressure_items(extraction, scopes), YEARS, scopes)
        return plan_shares(extraction, scopes, pressures, by_year([], YEARS, scopes), [])

    found = shares([build("2025-26", 9e6), build("2026-27", 8e6)])
    assert [(s.council_pressures_gbp, s.pressures_share) for s in found] == [(9e6, 3 / 9), (8e6, 2 / 8)]
    # the build's growth printed to another precision reads the same row
    rounded = shares([build("2025-26", 8.996e6), build("2026-27", 8e6)])
    assert [s.council_pressures_gbp for s in rounded] == [9e6, 8e6]
    assert found[0].provenance[0].text == "TOTAL SPENDING"
    # A build whose arithmetic fails, or that reads another figure, names no total.
    assert {s.council_pressures_gbp for s in shares([build("2025-26", 9e6, held=False)])} == {None}
    assert {s.council_pressures_gbp for s in shares([build("2025-26", 9e6), build("2026-27", 7e6)])} == {None}


def test_a_savings_and_income_total_is_the_councils_but_one_adding_grants_is_not() -> None:
    # Kent's MTFP prints both: "TOTAL SAVINGS & INCOME" counts what the children's savings count
    # (their income lines included); "TOTAL SAVINGS, INCOME & GRANT" adds grants, which they do not.
    with_grants = _line("TOTAL SAVINGS, INCOME & GRANT", (-9e6, -3e6))
    found = _shares([with_grants, _line("TOTAL SAVINGS & INCOME", (-6e6, -2.5e6))])
    assert [(s.council_savings_gbp, s.savings_share) for s in found] == [(6e6, 1 / 6), (2.5e6, 0.2)]
    assert {s.council_savings_gbp for s in _shares([with_grants])} == {None}


def _memo(title: str, amounts: tuple[float, float], row: int) -> PlanLine:
    line = _line(title, amounts, category="mtfp_memorandum")
    at = line.provenance[0].model_copy(update={"locator": f"table 2, row {row}"})
    return line.model_copy(update={"provenance": [at]})


def _at_row(line: PlanLine, row: int) -> PlanLine:
    return line.model_copy(
        update={"provenance": [line.provenance[0].model_copy(update={"locator": f"table 2, row {row}"})]}
    )


def _with_memoranda(memoranda: list[PlanLine]):  # type: ignore[no-untyped-def]
    extraction = Extraction(
        pressures=[_line("Looked after children placements", (3e6, 2e6), "Children's Services")],
        mtfp_totals=[_at_row(_line("TOTAL SAVINGS & INCOME", (-6e6, -2.5e6)), 20)],
        mtfp_memoranda=memoranda,
    )
    scopes = scope_index(extraction)
    pressures = by_year(pressure_items(extraction, scopes), YEARS, scopes)
    savings = by_year([_line("Edge of care", (-1e6, -0.5e6), "Children's Services")], YEARS, scopes)
    return plan_shares(extraction, scopes, pressures, savings, [])


# Kent's Appendix D p1 prints, under "TOTAL SAVINGS, INCOME & GRANT", a memorandum: the undelivered
# savings removed (a reversal, adding back), and the new savings, income and grants, which with it
# sum to the total. Its "TOTAL SAVINGS & INCOME" is net of the removal: new savings are not.
REMOVED = ("Removal of undelivered/temporary savings & grant", (3e6, 1e6))
NEW_SAVINGS = ("New & FYE of existing Savings", (-7e6, -3e6))
NEW_INCOME = ("New & FYE of existing Income", (-1e6, -0.5e6))
NEW_GRANTS = ("New & FYE of existing Grants", (-2e6, -0.2e6))
MIXED = ("Savings & grant swaps", (-5e6, -5e6))  # grants with savings: funding, not like-for-like


def test_the_councils_savings_are_its_new_savings_and_income_where_its_memorandum_states_them() -> None:
    lines = [REMOVED, NEW_SAVINGS, NEW_INCOME, NEW_GRANTS, MIXED]
    memo = [_memo(t, a, 30 + i) for i, (t, a) in enumerate(lines)]
    found = _with_memoranda(memo)
    assert [(s.council_savings_gbp, s.savings_share) for s in found] == [(8e6, 1 / 8), (3.5e6, 0.5 / 3.5)]
    assert {(tuple(s.council_savings_rows), s.council_savings_basis) for s in found} == {
        ((NEW_SAVINGS[0], NEW_INCOME[0]), "memorandum")
    }
    # the total is net of the removal: said, and cited after the rows divided by
    assert [(s.council_savings_nets_gbp, s.council_savings_nets_rows) for s in found] == [
        (3e6, [REMOVED[0]]),
        (1e6, [REMOVED[0]]),
    ]
    assert [p.text for p in found[0].provenance] == [NEW_SAVINGS[0], NEW_INCOME[0], REMOVED[0]]


def test_without_new_savings_stated_the_share_is_of_the_total_said_to_be_net_of_the_reversal() -> None:
    found = _with_memoranda([_memo(*REMOVED, row=30)])
    assert [(s.council_savings_gbp, s.council_savings_basis, s.council_savings_nets_gbp) for s in found] == [
        (6e6, "total", 3e6),
        (2.5e6, "total", 1e6),
    ]
    # another table's memorandum says nothing of this total
    elsewhere = _memo(*NEW_SAVINGS, row=31)
    elsewhere = elsewhere.model_copy(
        update={"provenance": [elsewhere.provenance[0].model_copy(update={"locator": "table 3, row 31"})]}
    )
    found = _with_memoranda([elsewhere])
    assert [(s.council_savings_gbp, s.council_savings_nets_gbp) for s in found] == [
        (6e6, None),
        (2.5e6, None),
    ]


def test_kents_appendix_d_memorandum_is_read_beside_its_totals(
    kent_dir: Path,
) -> None:
    # Appendix D p1, 2025-26 / 2026-27 / 2027-28 (£000): TOTAL SAVINGS & INCOME -61,576.1 / -31,338.7
    # / -31,793.1; MEMORANDUM: Removal of undelivered/temporary savings & grant 36,203.1 / 30,217.5 /
    # 6,270.3; New & FYE of existing Savings -70,907.1 / -34,359.2 / -25,949.3; Income -23,509.3 /
    # -7,694.6 / -6,643.8. New savings and income: 94,416.4 / 42,053.8 / 32,593.1.
    from extract.document import extract_file

    name = "kent_cabinet_2025-01-30_appendixD_MTFP.pdf"
    read = extract_file(name, (kent_dir / name).read_bytes())
    memo = {m.title: {p.period: p.amount_gbp for p in m.planned} for m in read.mtfp_memoranda}
    assert memo["New & FYE of existing Savings"]["2025-26"] == pytest.approx(-70_907_100.0)
    assert not [t for t in read.mtfp_totals if t.title.startswith("New & FYE")]  # no total
    removed = memo["Removal of undelivered/temporary savings & grant"]
    assert [removed[y] for y in ("2025-26", "2026-27", "2027-28")] == pytest.approx(
        [36_203_100.0, 30_217_500.0, 6_270_300.0]
    )
