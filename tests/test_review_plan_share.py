"""The children's part of the council's medium-term plan: its pressures and savings beside the
plan's own council totals, year by year, and the council-wide gap."""

from __future__ import annotations

from analyse.plan_share import plan_shares
from analyse.records import GapYear
from analyse.scope import scope_index
from analyse.selection import by_year, pressure_items
from extract.records import Extraction, PeriodAmount, PlanLine, Verification
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


def test_a_directorates_total_or_a_contradicted_total_is_not_the_councils() -> None:
    found = _shares(
        [
            _line("Total Children's Services", (3e6, 2e6), "Children's Services"),
            _line("TOTAL SPENDING PRESSURES", (9e6, 8e6), verification=Verification.CONTRADICTED),
        ]
    )
    assert [(s.council_pressures_gbp, s.council_savings_gbp) for s in found] == [(None, None), (None, None)]
    assert [s.children_pressures_gbp for s in found] == [3e6, 2e6]


def test_a_savings_and_income_total_is_the_councils_but_one_adding_grants_is_not() -> None:
    # Kent's MTFP prints both: "TOTAL SAVINGS & INCOME" counts what the children's savings count
    # (their income lines included); "TOTAL SAVINGS, INCOME & GRANT" adds grants, which they do not.
    with_grants = _line("TOTAL SAVINGS, INCOME & GRANT", (-9e6, -3e6))
    found = _shares([with_grants, _line("TOTAL SAVINGS & INCOME", (-6e6, -2.5e6))])
    assert [(s.council_savings_gbp, s.savings_share) for s in found] == [(6e6, 1 / 6), (2.5e6, 0.2)]
    assert {s.council_savings_gbp for s in _shares([with_grants])} == {None}
