"""Risks read from a risk register's table: title, description, likelihood, impact, rating or score,
owner, exposure.

A table is a risk register where one of its first rows heads a risk's title and its rating or score
(or its likelihood and impact) in the words of `extract.tables.vocabulary.RISK_RULES`. The rating is kept in
the register's words, with the RAG it states ("Red", "High") where it states one; a score with no
words is kept as a number, likelihood times impact where the register gives only those.

A row that fills one cell alone with words ("Significant Risks (over £10m)", across the table) heads
the section the risks below it sit in: it is no risk, and it is kept as each risk's `section`. The
heading may carry its band's totals in the exposure columns ("Other Risks (under £10m) | 90.0 |
45.0"): figures there, and nowhere else, still leave it a heading. A register running on over pages
stays in its section until the next such row.
"""

from __future__ import annotations

from extract.domain.savings import parse_rag
from extract.numbers import parse_amount, unit_multiplier
from extract.records import Provenance, Risk, Table
from extract.tables.headers import risk_role
from extract.tables.rows import row_locator, table_locator, table_numbers
from extract.tables.vocabulary import CURRENT_SCORE, NOT_CURRENT_SCORE, UNIT_NOTE, RiskRole
from ingest.records import Document

# Headings are looked for in this many rows at the top of a table (a title row may come first).
HEADING_ROWS = 3


def risks_from_tables(tables: list[Table], document: Document) -> list[Risk]:
    """Every risk of every risk-register table in a document, in order."""
    out: list[Risk] = []
    section: Section = ([], None)
    for table, number in zip(tables, table_numbers(tables), strict=True):
        risks, section = _risks(table, table_locator(table, number), document, section)
        out += risks
    return out


# The heading row of the register read last, and the section its last risk sat in: a table with
# the same heading row (the register run on to the next page) goes on in that section.
Section = tuple[list[str], str | None]


def _heading(table: Table) -> tuple[int, dict[RiskRole, int], dict[RiskRole, str]] | None:
    """The heading row's index, the column of each role and the heading text, where it is a register's."""
    for index, row in enumerate(table.rows[:HEADING_ROWS]):
        columns: dict[RiskRole, int] = {}
        texts: dict[RiskRole, str] = {}
        for col, cell in enumerate(row):
            role = risk_role(cell) if cell else None
            if role is None:
                continue
            better = role is RiskRole.SCORE and role in columns and _current(cell, texts[role])
            if role not in columns or better:
                columns[role], texts[role] = col, cell
        # A register's own columns (likelihood, exposure), or a risk named as such with its rating; a
        # savings tracker's "Saving title" beside its RAG is no register.
        own = bool({RiskRole.LIKELIHOOD, RiskRole.EXPOSURE} & columns.keys())
        named = "risk" in texts.get(RiskRole.TITLE, "").lower() and RiskRole.SCORE in columns
        if RiskRole.TITLE in columns and (own or named):
            return index, columns, texts
    return None


def _current(heading: str, chosen: str) -> bool:
    """A current or residual score stands over a target or inherent one."""
    return bool(
        CURRENT_SCORE.search(heading) or NOT_CURRENT_SCORE.search(chosen)
    ) and not NOT_CURRENT_SCORE.search(heading)


def _section_heading(row: list[str], totals: set[int]) -> str | None:
    """The words of a row that heads a section: one cell filled with words, and any other filled
    cell a figure in one of the `totals` columns (the band's exposure, summed)."""
    filled = [(col, c.strip()) for col, c in enumerate(row) if c.strip()]
    words = [c for col, c in filled if parse_amount(c) is None]
    figures = [col for col, c in filled if parse_amount(c) is not None]
    if len(words) == 1 and set(figures) <= totals:
        return words[0]
    return None


def _risks(table: Table, locator: str, document: Document, before: Section) -> tuple[list[Risk], Section]:
    """A table's risks, each in the section the rows above it (or the register it runs on from)
    head; and the section the table ends in."""
    found = _heading(table)
    if found is None:
        return [], ([], None)
    start, columns, texts = found
    section = before[1] if before[0] == table.rows[start] else None
    # A register may state more than one exposure (annual and lifetime): each row's is the first it fills.
    exposures = [
        (col, heading)
        for col, heading in enumerate(table.rows[start])
        if risk_role(heading) is RiskRole.EXPOSURE
    ]
    out = []
    for index, row in enumerate(table.rows[start + 1 :], start=start + 1):
        heading = _section_heading(row, {col for col, _ in exposures})
        if heading is not None:
            section = heading
            continue
        cell = {role: (row[col].strip() if col < len(row) else "") for role, col in columns.items()}
        if not cell[RiskRole.TITLE] or parse_amount(cell[RiskRole.TITLE]) is not None:
            continue
        rating = cell.get(RiskRole.SCORE) or None
        score = _score(rating, cell.get(RiskRole.LIKELIHOOD), cell.get(RiskRole.IMPACT))
        exposure, exposure_words = _exposure(row, exposures, table.unit)
        provenance = Provenance(
            file=document.file,
            sha256=document.sha256,
            page=table.page,
            bbox=table.bbox,
            locator=row_locator(locator, index),
            text=" | ".join(c for c in row if c),
        )
        out.append(
            Risk(
                title=cell[RiskRole.TITLE],
                description=cell.get(RiskRole.DESCRIPTION, ""),
                ref=cell.get(RiskRole.REF) or None,
                directorate=cell.get(RiskRole.DIRECTORATE) or None,
                likelihood=parse_amount(cell.get(RiskRole.LIKELIHOOD) or ""),
                impact=parse_amount(cell.get(RiskRole.IMPACT) or ""),
                owner=cell.get(RiskRole.OWNER) or None,
                rating=rating or (f"{score:g}" if score is not None else None),
                score=score,
                # a register rates risks: high is bad
                rag=parse_rag(rating, high_good=False) if rating and parse_amount(rating) is None else None,
                exposure_gbp=exposure,
                exposure_words=exposure_words,
                section=section,
                provenance=[provenance],
            )
        )
    return out, (table.rows[start], section)


def _exposure(row: list[str], columns: list[tuple[int, str]], unit: str | None) -> tuple[float | None, str]:
    """The row's exposure in pounds, in the unit its heading (else the table) gives, and the heading's
    words without the unit ("Estimated Lifetime Financial Exposure")."""
    for col, heading in columns:
        # A dash or nought in an exposure column means none was estimated, not a risk of £0.
        amount = parse_amount(row[col]) if col < len(row) else None
        if amount:
            multiplier = unit_multiplier(heading) or unit_multiplier(unit or "") or 1.0
            words = " ".join(UNIT_NOTE.sub(" ", heading).replace("()", " ").split())
            return amount * multiplier, words
    return None, ""


def _score(rating: str | None, likelihood: str | None, impact: str | None) -> float | None:
    """The rating's number where it is one ("20", "4x5"), else likelihood times impact."""
    if rating:
        stated = parse_amount(rating)
        if stated is not None:
            return stated
        parts = [parse_amount(p) for p in rating.lower().replace("×", "x").split("x")]
        if len(parts) == 2 and None not in parts:
            return parts[0] * parts[1]  # type: ignore[operator]
    numbers = [parse_amount(t or "") for t in (likelihood, impact)]
    if None in numbers:
        return None
    return numbers[0] * numbers[1]  # type: ignore[operator]
