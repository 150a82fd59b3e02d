"""The budget build's identity: base + growth + other changes − savings = the new budget."""

from __future__ import annotations

from extract.records import Check
from extract.verify.tolerance import Term, holds, millions

BUILD_IDENTITY = "base + growth + other changes − savings = new budget"


def build_check(
    base: Term, new_budget: Term, growth: Term | None, savings: Term | None, other: Term | None
) -> Check:
    """Whether the build's steps arrive at the new budget it prints, at the printed precision.
    `savings` is the reduction (positive a cut, negative where savings removed add to the
    budget), as the reader turned the table's printed sign; growth and other changes keep their
    printed signs, since a release of reserves is a negative change."""
    added = [t for t in (growth, other) if t is not None]
    cut = Term(-savings.value, savings.tolerance) if savings is not None else None
    left = [base, *added, *([cut] if cut is not None else [])]
    held = holds(left, [new_budget])
    arrived = sum(t.value for t in left)
    steps = millions(base.value) + "".join(
        f" {'−' if t.value < 0 else '+'} {millions(abs(t.value))}" for t in [*added, *([cut] if cut else [])]
    )
    detail = f"{steps} = {millions(arrived)}; the new budget printed is {millions(new_budget.value)}"
    return Check(identity=BUILD_IDENTITY, held=held, detail=detail)
