"""Reading numbers back out of rendered outputs and finding each one in review.json or extraction.json.

The rule, stated once:
- A printed number is found when one of the records' values, written by one of the pack's
  transforms, gives the same digits: £m to one place (value / 1e6), £000 (value / 1e3, whole),
  whole, one or two places, a fraction as a whole percentage (x100), or as stored (chart data
  in the deck holds the values themselves). Signs and brackets are
  ignored (the pack writes overspends with +, and negative £000 in brackets).
- The records' values are every number in the two JSON documents, every number written inside
  their text (a status or a file name quoted as the source said it), and these derived figures,
  computed here from the JSON and not by the renderer: the ratio of any two numbers in the same
  record as a percentage and as a percentage difference; sums of savings targets, forecasts and
  shortfalls (all lines, and by RAG rating); sums of pressures' and savings' planned amounts by year;
  each over all lines, over lines that are not totals, and over children's lines (the analysis's
  own rules for totals and scope, analyse.amounts.is_total and analyse.scope's ScopeIndex).
- Not checked, by rule: financial years (2024-25), source labels ([S3], [S1, S4, +2]), page
  numbers ("Page 3 of 16", "p. 6"), and bare whole numbers below 100 with no £ before and no %
  or m after (counts, ranks in a list, quartiles, contents page numbers).
"""

from __future__ import annotations

import io
import itertools
import re
from collections import defaultdict
from collections.abc import Iterator
from typing import Any

import pypdfium2 as pdfium
from pptx import Presentation

from analyse.amounts import is_total  # the analysis's own rule for rows that state a total
from analyse.scope import ScopeIndex, is_childrens, is_grant_change, scope_index
from extract.records import Extraction, PlanLine, SavingsLine
from extract.verify.tolerance import half_up

NUMBER = re.compile(r"\d[\d,]*(?:\.\d+)?")
MARKED = re.compile(r"(£)?(\d[\d,]*(?:\.\d+)?)(%|m\b)?")
EXCLUDE = [
    re.compile(r"\b\d{4}-\d{2}\b"),  # financial years
    re.compile(r"\[S\d+(?:, (?:S|\+)\d+)*\]"),  # source labels
    re.compile(r"\bS\d+\b"),
    re.compile(r"Page \d+ of \d+"),
    re.compile(r"\bp\. ?\d+"),
]


def leaves(node: Any) -> Iterator[Any]:
    if isinstance(node, dict):
        for v in node.values():
            yield from leaves(v)
    elif isinstance(node, list):
        for v in node:
            yield from leaves(v)
    else:
        yield node


def numbers_in(node: Any) -> list[float]:
    return [float(v) for v in leaves(node) if isinstance(v, int | float) and not isinstance(v, bool)]


def records_of(doc: dict[str, Any]) -> Iterator[Any]:
    """Each top-level record: an item of a list field, or an object field."""
    for value in doc.values():
        if isinstance(value, list):
            yield from value
        elif isinstance(value, dict):
            yield value


def ratios(doc: dict[str, Any]) -> set[float]:
    out: set[float] = set()
    for record in records_of(doc):
        values = [v for v in numbers_in(record) if v][:40]
        for a, b in itertools.permutations(values, 2):
            out |= {100 * a / b, 100 * (a / b - 1)}
    return out


def target(line: dict[str, Any]) -> float:
    """A tracker's target, else the plan's first planned amount."""
    if line.get("target_gbp") is not None:
        return float(line["target_gbp"])
    return float(line["planned"][0]["amount_gbp"]) if line.get("planned") else 0.0


def shortfall(line: dict[str, Any]) -> float:
    if line.get("shortfall_gbp") is not None:
        return float(line["shortfall_gbp"])
    return target(line) - line["forecast_gbp"] if line.get("forecast_gbp") is not None else 0.0


SAVING_FIELDS = {"target": target, "forecast": lambda s: s.get("forecast_gbp") or 0.0, "shortfall": shortfall}


def is_tracked(line: dict[str, Any]) -> bool:
    return any(line.get(k) is not None for k in ("target_gbp", "forecast_gbp", "rag"))


def by_year(lines: list[dict[str, Any]]) -> set[float]:
    totals: dict[str, float] = defaultdict(float)
    for line in lines:
        for p in line.get("planned", []):
            totals[p["period"]] += p["amount_gbp"]
    return set(totals.values())


def children(lines: list[dict[str, Any]], model: type[PlanLine], scopes: ScopeIndex) -> list[dict[str, Any]]:
    """The analysis's own scope decision: the children's directorate's lines."""
    return [d for d in lines if is_childrens(scopes.plan_line(model.model_validate(d)))]


def grant_change(line: dict[str, Any], model: type[PlanLine]) -> bool:
    """The analysis's rule: a change in grant income is neither a saving nor a pressure."""
    return is_grant_change(model.model_validate(line))


def sums(extraction: dict[str, Any]) -> set[float]:
    """Totals over savings lines (all; not totals; children's) and their tracked and plan-only parts."""
    scopes = scope_index(Extraction.model_validate(extraction))
    every = extraction.get("savings", [])
    items = [s for s in every if not is_total(s.get("title", "")) and not grant_change(s, SavingsLine)]
    kids = children(items, SavingsLine, scopes)
    subsets = [every, items, kids] + [
        [s for s in k if is_tracked(s) is t] for k in (items, kids) for t in (True, False)
    ]
    pressures = extraction.get("pressures", [])
    plain = [p for p in pressures if not is_total(p["title"]) and not grant_change(p, PlanLine)]
    out = by_year(pressures) | by_year(plain) | by_year(children(plain, PlanLine, scopes))
    for savings in subsets:
        out |= by_year(savings)
        for field in SAVING_FIELDS.values():
            out.add(sum(field(s) for s in savings))
            by_rag: dict[Any, float] = defaultdict(float)
            for s in savings:
                by_rag[s.get("rag")] += field(s)
            out |= set(by_rag.values())
    return out


def writings(value: float) -> set[str]:
    """Every way the renderers may write this value."""
    v = abs(value)
    forms = {
        f"{v / 1e6:.1f}",
        f"{v / 1e3:.0f}",
        f"{v:.0f}",
        f"{v:.1f}",
        f"{v:.2f}",
        f"{v * 100:.0f}",
        repr(v),
        f"{v:g}",
        # The renderers round halves up (extract.verify.tolerance.half_up), as a finance reader does.
        *(half_up(x, places).replace(",", "") for x, places in ((v / 1e6, 1), (v / 1e3, 0), (v, 0), (v, 1))),
    }
    return {f.lstrip("0") or "0" for f in forms} | {f for f in forms}


def known_writings(review: dict[str, Any], extraction: dict[str, Any]) -> set[str]:
    values = (
        set(numbers_in(review))
        | set(numbers_in(extraction))
        | ratios(review)
        | ratios(extraction)
        | sums(extraction)
    )
    known = set().union(*(writings(v) for v in values))
    for text in (v for v in itertools.chain(leaves(review), leaves(extraction)) if isinstance(v, str)):
        known |= {normal(t) for t in NUMBER.findall(text)}
    return known


def normal(token: str) -> str:
    return token.replace(",", "")


def printed_numbers(text: str) -> list[str]:
    """The numbers in rendered text that the rule checks."""
    for pattern in EXCLUDE:
        text = pattern.sub(" ", text)
    out = []
    for pound, token, suffix in MARKED.findall(text):
        t = normal(token).rstrip(".")
        if not (pound or suffix) and t.isdigit() and int(t) < 100:
            continue
        out.append(t)
    return out


def unfound(text: str, review: dict[str, Any], extraction: dict[str, Any]) -> list[str]:
    known = known_writings(review, extraction)
    return sorted({t for t in printed_numbers(text) if t not in known and t.lstrip("0") not in known})


def pdf_text(data: bytes) -> str:
    pdf = pdfium.PdfDocument(data)
    try:
        return "\n".join(pdf[i].get_textpage().get_text_range() for i in range(len(pdf)))
    finally:
        pdf.close()


def deck_text(data: bytes) -> str:
    """Every word and number a reader can see or edit: text, table cells, chart data, notes."""
    parts: list[str] = []
    for slide in Presentation(io.BytesIO(data)).slides:
        for shape in slide.shapes:
            if shape.has_text_frame:
                parts.append(shape.text_frame.text)
            if shape.has_table:
                parts += [cell.text for row in shape.table.rows for cell in row.cells]
            if shape.has_chart:
                plot = shape.chart.plots[0]
                parts += [str(c) for c in plot.categories]
                parts += [str(v) for s in plot.series for v in s.values if v is not None]
        parts.append(slide.notes_slide.notes_text_frame.text)
    return "\n".join(parts)
