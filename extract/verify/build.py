"""The budget build's identity: base + growth + other changes − savings − unresolved gap = the
new budget."""

from __future__ import annotations

from extract.records import Check
from extract.verify.tolerance import Term, holds, millions

BUILD_IDENTITY = "base + growth + other changes − savings = new budget"
GAP_IDENTITY = "base + growth + other changes − savings − unresolved gap = new budget"


def build_holds(
    base: Term,
    new_budget: Term,
    growth: Term | None,
    savings: Term | None,
    other: Term | None,
    gap: Term | None = None,
) -> bool:
    """Whether the build's steps arrive at the new budget it prints (`build_check`'s test, without
    its words: a reader tries every reading of a table's rows and keeps the one that holds)."""
    return holds(_arriving(base, growth, savings, other, gap), [new_budget])


def _arriving(
    base: Term, growth: Term | None, savings: Term | None, other: Term | None, gap: Term | None
) -> list[Term]:
    """The steps that arrive at the new budget: the base, growth and other changes, less the
    savings and the gap."""
    added = [t for t in (growth, other) if t is not None]
    cuts = [Term(-t.value, t.tolerance) for t in (savings, gap) if t is not None]
    return [base, *added, *cuts]


def build_check(
    base: Term,
    new_budget: Term,
    growth: Term | None,
    savings: Term | None,
    other: Term | None,
    gap: Term | None = None,
) -> Check:
    """Whether the build's steps arrive at the new budget it prints, at the printed precision.
    `savings` is the reduction (positive a cut, negative where savings removed add to the
    budget), as the reader turned the table's printed sign; growth and other changes keep their
    printed signs, since a release of reserves is a negative change. `gap` is what the plan
    leaves unresolved, a positive shortfall (negative a surplus), taken off like savings; a build
    that prints a gap is checked under the identity that names it."""
    left = _arriving(base, growth, savings, other, gap)
    held = holds(left, [new_budget])
    arrived = sum(t.value for t in left)
    steps = millions(base.value) + "".join(
        f" {'−' if t.value < 0 else '+'} {millions(abs(t.value))}" for t in left[1:]
    )
    detail = f"{steps} = {millions(arrived)}; the new budget printed is {millions(new_budget.value)}"
    identity = GAP_IDENTITY if gap is not None else BUILD_IDENTITY
    return Check(identity=identity, held=held, detail=detail)
