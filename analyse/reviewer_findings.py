"""The reviewers' findings as the pack shows them: each cited figure looked up in the bundle's
extraction (reviewers' corrections applied), so the pack cites it by its own source and value."""

from __future__ import annotations

from collections.abc import Sequence

from analyse.records import FINDING_KINDS, CitedFigure, ReviewerFinding
from extract.records import BudgetLine, Extraction, PlanLine

# Each kind of money record a finding may cite, and the Extraction list that holds it.
CITED_LISTS = {"budget_line": "budget_lines", "saving": "savings", "pressure": "pressures"}


def cited_findings(findings: Sequence[ReviewerFinding], extraction: Extraction) -> list[ReviewerFinding]:
    """The findings in the pack's order (key messages, strengths, areas for consideration,
    recommendations; oldest first within each), each cited figure resolved against the extraction.
    A figure the bundle no longer holds keeps its key with no name or value, so nothing is invented."""
    order = list(FINDING_KINDS)
    ordered = sorted(findings, key=lambda f: (order.index(f.kind), f.at))
    return [f.model_copy(update={"cites": [_resolved(c, extraction) for c in f.cites]}) for f in ordered]


def _resolved(cite: CitedFigure, extraction: Extraction) -> CitedFigure:
    attr = CITED_LISTS[cite.kind]
    records: list[BudgetLine | PlanLine] = list(getattr(extraction, attr))
    for index, record in enumerate(records):
        first = record.provenance[0] if record.provenance else None
        if first is None or (first.sha256, first.locator) != (cite.sha256, cite.locator):
            continue
        value = getattr(record, cite.field, None) if cite.field else None
        name = str(getattr(record, "name", None) or getattr(record, "title", ""))
        ref = f"extraction.json#/{attr}/{index}" + (f"/{cite.field}" if cite.field else "")
        return cite.model_copy(
            update={
                "name": name,
                "value_gbp": value if isinstance(value, int | float) else None,
                "ref": ref,
                "provenance": list(record.provenance),
            }
        )
    return cite.model_copy(update={"name": "", "value_gbp": None, "ref": "", "provenance": []})
