"""The budget build's identity, on figures as a budget report prints them."""

from __future__ import annotations

import pytest

from extract.records import BudgetBuild, Extraction, Provenance
from extract.verify.build import BUILD_IDENTITY, GAP_IDENTITY, build_check, build_holds
from extract.verify.tolerance import Term, half_unit

THOUSAND = 1000.0


def printed(cell: str) -> Term:
    """A £000 cell as a term: its pounds and half a unit of its last printed digit."""
    pounds = float(cell.replace(",", "")) * THOUSAND
    return Term(pounds, half_unit(cell, pounds, THOUSAND))


# Kent's draft budget 2025-26, Appendix E, the CYPE directorate's Total column (£000s), read
# from the page: Revised Base, TOTAL SPENDING, TOTAL SAVINGS, INCOME & GRANT, TOTAL RESERVES,
# NET BUDGET.
KENT_CYPE = {
    "base": "429,934.0",
    "growth": "71,779.5",
    "savings": "-34,289.0",
    "other": "-18,740.0",
    "new": "448,684.5",
}


def kent(**changed: str) -> dict[str, Term]:
    """The build's terms, savings as the reduction (the page prints cuts as negatives)."""
    terms = {name: printed(cell) for name, cell in {**KENT_CYPE, **changed}.items()}
    return {**terms, "savings": Term(-terms["savings"].value, terms["savings"].tolerance)}


def test_kents_childrens_build_arrives_at_its_printed_net_budget() -> None:
    t = kent()
    check = build_check(t["base"], t["new"], t["growth"], t["savings"], t["other"])
    assert check.held
    assert check.identity == BUILD_IDENTITY
    assert check.detail == (
        "£429.934m + £71.779m − £18.74m − £34.289m = £448.685m; the new budget printed is £448.685m"
    )


def test_a_net_budget_one_digit_off_contradicts_the_build() -> None:
    t = kent(new="448,685.5")
    assert not build_check(t["base"], t["new"], t["growth"], t["savings"], t["other"]).held


def test_savings_removed_add_to_the_budget() -> None:
    # Kent's NAC column: Revised Base 102,759.4; TOTAL SPENDING -14,832.6; TOTAL SAVINGS,
    # INCOME & GRANT +11,023.9 (savings removed); TOTAL RESERVES 10,606.7; NET BUDGET 109,557.4.
    t = kent(base="102,759.4", growth="-14,832.6", savings="11,023.9", other="10,606.7", new="109,557.4")
    assert build_check(t["base"], t["new"], t["growth"], t["savings"], t["other"]).held
    flipped = Term(-t["savings"].value, t["savings"].tolerance)
    assert not build_check(t["base"], t["new"], t["growth"], flipped, t["other"]).held


def test_leaving_out_a_step_the_table_prints_breaks_the_build() -> None:
    t = kent()
    assert not build_check(t["base"], t["new"], t["growth"], t["savings"], None).held


def test_a_build_in_millions_holds_within_half_a_printed_unit() -> None:
    def m(cell: str) -> Term:
        return Term(float(cell) * 1e6, half_unit(cell, float(cell) * 1e6, 1e6))

    assert build_check(m("120.4"), m("125.6"), m("9.3"), m("4.1"), None).held
    assert not build_check(m("120.4"), m("125.9"), m("9.3"), m("4.1"), None).held


def test_extractions_merge_their_budget_builds() -> None:
    source = Provenance(file="b.pdf", sha256="0" * 64, page=1, bbox=None, locator="t1:r1", text="Net budget")
    build = BudgetBuild(
        name="Children's Services",
        level="directorate",
        period="2026-27",
        base_gbp=100.0,
        new_budget_gbp=110.0,
        growth_gbp=10.0,
        provenance=[source],
    )
    merged = Extraction().merged(Extraction(budget_builds=[build]))
    assert merged.budget_builds == [build]
    assert Extraction().budget_builds == []


# Kent's Appendix D, 2026-27 Total £000s: Revised Base 1,529,659.5; TOTAL SPENDING 78,158.5;
# TOTAL SAVINGS, INCOME & GRANT -12,909.3; TOTAL RESERVES 29,103.4; UNRESOLVED BALANCE / SURPLUS
# -3,108.0 and ADULT SOCIAL CARE FUNDING UNRESOLVED BALANCE -17,000.0; NET BUDGET 1,603,904.1.
def test_an_unresolved_gap_closes_a_plan_year_that_does_not_balance_without_it() -> None:
    t = kent(base="1,529,659.5", growth="78,158.5", savings="-12,909.3", other="29,103.4", new="1,603,904.1")
    shortfall = [printed("3,108.0"), printed("17,000.0")]
    gap = Term(sum(g.value for g in shortfall), sum(g.tolerance for g in shortfall))
    assert not build_check(t["base"], t["new"], t["growth"], t["savings"], t["other"]).held
    check = build_check(t["base"], t["new"], t["growth"], t["savings"], t["other"], gap)
    assert check.held and check.identity == GAP_IDENTITY
    assert check.detail.endswith("− £20.108m = £1,603.904m; the new budget printed is £1,603.904m")
    surplus = Term(-gap.value, gap.tolerance)  # the gap read as a surplus does not close it
    assert not build_check(t["base"], t["new"], t["growth"], t["savings"], t["other"], surplus).held


GAP = Term(20_108_000.0, 1000.0)  # the plan year's two shortfall rows above, summed


@pytest.mark.parametrize(
    ("changed", "dropped", "gap"),
    [
        ({}, None, None),  # holds
        ({"new": "448,685.5"}, None, None),  # one digit off
        ({}, "other", None),  # a printed step left out
        ({}, None, GAP),  # a gap that does not belong
        (
            {"base": "1,529,659.5", "growth": "78,158.5", "savings": "-12,909.3"}
            | {"other": "29,103.4", "new": "1,603,904.1"},
            None,
            GAP,
        ),  # closed by its gap
    ],
)
def test_a_reading_is_tried_by_the_checks_own_arithmetic(
    changed: dict[str, str], dropped: str | None, gap: Term | None
) -> None:
    t = kent(**changed)
    steps = [None if name == dropped else t[name] for name in ("growth", "savings", "other")]
    assert build_holds(t["base"], t["new"], *steps, gap) == build_check(t["base"], t["new"], *steps, gap).held
