"""Which budget build the review shows: the children's directorate's, a verified one first."""

from __future__ import annotations

from typing import Literal

from analyse.records import Scope
from analyse.scope import scope_index
from analyse.selection import budget_build, plan_builds
from extract.records import BudgetBuild, Check, Extraction, Provenance, Verification
from extract.verify.build import BUILD_IDENTITY

SOURCE = Provenance(file="budget.pdf", sha256="ab" * 32, page=4, bbox=None, locator="table 1, row 9", text="")


def build(
    name: str,
    held: bool = True,
    period: str = "2026-27",
    level: Literal["council", "directorate"] = "directorate",
) -> BudgetBuild:
    record = BudgetBuild(
        name=name, level=level, period=period, base_gbp=100.0, new_budget_gbp=110.0, growth_gbp=10.0,
        provenance=[SOURCE.model_copy(update={"text": f"Net budget | {name} | 110"})],
    )  # fmt: skip
    check = Check(identity=BUILD_IDENTITY, held=held, detail="")
    return record.model_copy(
        update={
            "checks": [check],
            "verification": Verification.VERIFIED if held else Verification.CONTRADICTED,
        }
    )


def chosen(builds: list[BudgetBuild], childrens: bool = True) -> BudgetBuild | None:
    extraction = Extraction(budget_builds=builds)
    return budget_build(extraction, scope_index(extraction), childrens=childrens)


def test_the_childrens_directorates_build_is_chosen_not_another_directorates() -> None:
    assert chosen([build("Adults"), build("Children's Services"), build("TOTAL", level="council")]) == build(
        "Children's Services"
    )


def test_a_verified_build_is_chosen_before_one_that_does_not_add_up() -> None:
    assert chosen([build("CYPE", held=False), build("CYPE", period="2025-26")]) == build(
        "CYPE", period="2025-26"
    )


def from_file(record: BudgetBuild, file: str) -> BudgetBuild:
    return record.model_copy(
        update={"provenance": [p.model_copy(update={"file": file}) for p in record.provenance]}
    )


def test_of_two_verified_builds_the_later_year_is_chosen() -> None:
    # Two budget reports, a year apart, each building its next year.
    builds = [
        from_file(build("CYPE", period="2025-26"), "a.pdf"),
        from_file(build("CYPE", period="2026-27"), "b.pdf"),
    ]
    assert chosen(builds).period == "2026-27"  # type: ignore[union-attr]


def test_of_a_plans_years_the_first_is_next_years_build_and_the_plan_is_kept_whole() -> None:
    # One document builds three years (an MTFP); a budget book elsewhere builds the first.
    plan = [build("CYPE", period=p) for p in ("2026-27", "2025-26", "2027-28")]
    extraction = Extraction(budget_builds=[*plan, from_file(build("Adults", period="2025-26"), "book.pdf")])
    assert chosen(plan).period == "2025-26"  # type: ignore[union-attr]
    assert [b.period for b in plan_builds(extraction, scope_index(extraction))] == [
        "2025-26",
        "2026-27",
        "2027-28",
    ]


def test_a_single_build_is_next_years_before_a_plans_and_the_council_plan_stands_in_for_the_childrens() -> (
    None
):
    council_plan = [build("Whole council", period=p, level="council") for p in ("2025-26", "2026-27")]
    book = from_file(build("TOTAL", period="2025-26", level="council"), "book.pdf")
    assert chosen([*council_plan, book], childrens=False) == book
    extraction = Extraction(budget_builds=[*council_plan, book, build("CYPE", period="2025-26")])
    assert plan_builds(extraction, scope_index(extraction)) == council_plan


def test_a_build_that_does_not_add_up_is_chosen_only_where_there_is_no_other() -> None:
    only = chosen([build("CYPE", held=False)])
    assert only is not None and only.verification is Verification.CONTRADICTED


def test_the_councils_build_is_council_wide_and_never_the_childrens() -> None:
    council = build("TOTAL", level="council")
    assert scope_index(Extraction()).budget_build(council) is Scope.COUNCIL_WIDE
    assert chosen([council]) is None
    assert chosen([council, build("Adults")], childrens=False) == council


def test_no_build_read_means_none_chosen() -> None:
    assert chosen([]) is None and chosen([], childrens=False) is None
