"""How many of a layout's true lines `reviewpack extract` reads back right, per layout class.

A budget line is right when a budget line of that name (or, for an unlabelled sum row, of
those figures) carries the true budget, forecast and variance in pounds, each within half
the printed precision. A saving is right when a saving with its reference or title carries
the true target, and a forecast and shortfall that add up to it: the saving's own forecast,
or where the table has alternative savings, the total forecast with them.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from examples.layout_office import LayoutPdf
from examples.layouts import Line, Saving, TableSpec
from extract.document import extract_file
from extract.records import BudgetLine, Extraction, SavingsLine, Verification


@dataclass(frozen=True)
class Score:
    layout: str
    documents: int
    lines: int  # true lines printed
    right: int  # read back with every figure right
    failures: tuple[str, ...]  # 'variant: line: what was read', for a reader of the report
    verified: int = 0  # true lines read right and verified by their table's arithmetic
    wrong_verified: int = 0  # records read wrong yet marked verified: the count that must stay 0
    page_errors: tuple[str, ...] = ()  # 'variant: what could not be read': must stay empty

    @property
    def share(self) -> float:
        return self.right / self.lines if self.lines else 0.0


def layout_scores(pdfs: Iterable[LayoutPdf]) -> list[Score]:
    """Extract every PDF and score it; one Score per layout class, in the order given."""
    by_layout: dict[str, list[tuple[str, int, int, list[str], tuple[int, int], list[str]]]] = {}
    for doc in pdfs:
        extraction = extract_file(doc.name, doc.pdf)
        total, right, failures = score_document(doc.spec, extraction)
        verdicts = verified_counts(doc.spec, extraction)
        errors = [e.message for d in extraction.documents for e in d.errors]
        by_layout.setdefault(doc.layout, []).append(
            (doc.variant.name, total, right, failures, verdicts, errors)
        )
    return [
        Score(
            layout,
            len(runs),
            sum(run[1] for run in runs),
            sum(run[2] for run in runs),
            tuple(f"{run[0]}: {f}" for run in runs for f in run[3]),
            sum(run[4][0] for run in runs),
            sum(run[4][1] for run in runs),
            tuple(f"{run[0]}: {e}" for run in runs for e in run[5]),
        )
        for layout, runs in by_layout.items()
    ]


def verified_counts(spec: TableSpec, extraction: Extraction) -> tuple[int, int]:
    """(records of true lines read right and verified, records read wrong yet verified)."""
    right = wrong = 0
    if spec.savings:
        for saving in spec.savings:
            for found in (
                f
                for f in extraction.savings
                if f.ref == saving.ref or normal(f.title) == normal(saving.title)
            ):
                if found.verification is Verification.VERIFIED:
                    ok = _saving_problem(saving, [found], spec) == ""
                    right, wrong = right + ok, wrong + (not ok)
        return right, wrong
    for line in spec.lines:
        unlabelled = spec.unlabelled_total and line is spec.lines[-1]
        for budget in (
            f
            for f in extraction.budget_lines
            # A sum row printed with no label is known by its figures, as `score_document` knows it.
            if (
                _figures_right(f, line, spec.style.tolerance)
                if unlabelled
                else normal(f.name) == normal(line.name)
            )
        ):
            if budget.verification is Verification.VERIFIED:
                ok = _figures_right(budget, line, spec.style.tolerance)
                right, wrong = right + ok, wrong + (not ok)
    return right, wrong


def score_document(spec: TableSpec, extraction: Extraction) -> tuple[int, int, list[str]]:
    """(true lines, lines right, what went wrong with the others)."""
    failures: list[str] = []
    if spec.savings:
        found = extraction.savings
        for saving in spec.savings:
            problem = _saving_problem(saving, found, spec)
            if problem:
                failures.append(f"{saving.ref}: {problem}")
        return len(spec.savings), len(spec.savings) - len(failures), failures
    for line in spec.lines:
        unlabelled = spec.unlabelled_total and line is spec.lines[-1]
        problem = _line_problem(line, extraction.budget_lines, spec.style.tolerance, unlabelled)
        if problem:
            failures.append(f"{line.name if not unlabelled else '(unlabelled total)'}: {problem}")
    return len(spec.lines), len(spec.lines) - len(failures), failures


def normal(text: str) -> str:
    return " ".join(re.sub(r"[^a-z0-9]+", " ", text.lower()).split())


def _close(value: float | None, truth: float, tolerance: float) -> bool:
    return value is not None and abs(value - truth) <= tolerance + 0.01


def _figures_right(found: BudgetLine, line: Line, tolerance: float) -> bool:
    return (
        _close(found.budget_gbp, line.budget, tolerance)
        and _close(found.forecast_gbp, line.forecast, tolerance)
        and _close(found.variance_gbp, line.variance, tolerance)
    )


def _line_problem(line: Line, found: list[BudgetLine], tolerance: float, unlabelled: bool) -> str:
    if unlabelled:
        if any(_figures_right(f, line, tolerance) for f in found):
            return ""
        return "no line carries the sum row's figures"
    named = [f for f in found if normal(f.name) == normal(line.name)]
    if not named:
        near = [f.name for f in found if normal(line.name)[:12] in normal(f.name)]
        return f"not found (read as {near[:2]})" if near else "not found"
    if any(_figures_right(f, line, tolerance) for f in named):
        return ""
    f = named[0]
    return f"read budget={f.budget_gbp} forecast={f.forecast_gbp} variance={f.variance_gbp}"


def _saving_problem(saving: Saving, found: list[SavingsLine], spec: TableSpec) -> str:
    tolerance = spec.style.tolerance
    named = [f for f in found if f.ref == saving.ref or normal(f.title) == normal(saving.title)]
    if not named:
        return "not found"
    readings = [(saving.forecast, saving.target - saving.forecast)]
    if saving.alternative:
        total = saving.forecast + saving.alternative
        readings.append((total, saving.target - total))
    for f in named:
        if _close(f.target_gbp, saving.target, tolerance) and any(
            _close(f.forecast_gbp, forecast, tolerance) and _close(f.shortfall_gbp, shortfall, tolerance)
            for forecast, shortfall in readings
        ):
            return ""
    f = named[0]
    return f"read target={f.target_gbp} forecast={f.forecast_gbp} shortfall={f.shortfall_gbp}"
