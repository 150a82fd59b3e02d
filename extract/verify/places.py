"""The same line in two places of one document must agree: a directorate's row in the summary
table and the total closing its own page ("Total Children's Services"), to the printed
precision, or the disagreement is recorded on both.

Where they disagree and the lines under the total add up to the other row's figures, not the
total's, the arithmetic has decided between them: the total is the slip (its own lines say
so), and the other row holds its check, proved by those lines."""

from __future__ import annotations

from extract.records import Check
from extract.tables.rows import Row, RowKind, heading_name, total_name
from extract.tables.vocabulary import Role
from extract.verify.groups import lines_agree
from extract.verify.identities import term
from extract.verify.tolerance import holds, millions

PLACES_IDENTITY = "agrees with the same line elsewhere in the document"
ROLES = (Role.BUDGET, Role.FORECAST, Role.VARIANCE)


def _name(row: Row) -> str:
    if row.kind is RowKind.TOTAL:
        return heading_name(total_name(row.first_text))
    return heading_name(row.label)


def _disagreements(one: Row, other: Row) -> list[tuple[Role, str]] | None:
    """The roles where two rows' figures differ beyond their printing, each with its words; None
    where they share no figure to compare."""
    compared, differ = 0, []
    for role in ROLES:
        a, b = one.layout.first(role), other.layout.first(role)
        first, second = (term(one, a) if a else None), (term(other, b) if b else None)
        if first is None or second is None or (a and b and a.period != b.period):
            continue
        compared += 1
        if not holds([first], [second]):
            differ.append(
                (role, f"{role.value} {millions(first.value)} here, {millions(second.value)} there")
            )
    return differ if compared else None


def _check(here: Row, there: Row, differ: list[tuple[Role, str]], slip: bool) -> Check:
    """`here`'s check against `there`; `slip` where the total of the two is contradicted by its
    own lines, which add up to the other row's figures. A failed check names the fields that
    differ (`Check.fields`): the other figures of the row agree with the line elsewhere."""
    detail = f"at {there.provenance.locator}: " + ("; ".join(w for _, w in differ) if differ else "the same")
    proved = slip and here.kind is not RowKind.TOTAL
    if proved:
        detail += "; the lines under that total add up to the figures here, so the slip is in that total row"
    elif slip:
        detail += "; this total's own lines add up to the figures there, so the slip is in this row"
    held = proved or not differ
    return Check(
        identity=PLACES_IDENTITY,
        held=held,
        detail=detail,
        provenance=[there.provenance],
        fields=[] if held else [f"{role.value}_gbp" for role, _ in differ],
    )


def _slip(one: Row, other: Row, lines: dict[int, list[list[Row]]]) -> bool:
    """Whether one of the two is a total whose own lines add up to the other row's figures (and
    so not to its own)."""
    total, row = (one, other) if one.kind is RowKind.TOTAL else (other, one)
    return (
        total.kind is RowKind.TOTAL
        and row.kind is not RowKind.TOTAL
        and lines_agree(row, lines.get(id(total), []))
    )


def place_checks(rows: list[Row], lines: dict[int, list[list[Row]]] | None = None) -> dict[int, list[Check]]:
    """Checks for monitoring rows that name one line in two tables, one of them a total row;
    `lines` are the readings of each total's lines (`total_lines`), by `id(row)`."""
    lines = lines or {}
    named: dict[str, list[Row]] = {}
    for row in rows:
        if row.kind in (RowKind.LINE, RowKind.TOTAL, RowKind.SUMMARY) and (key := _name(row)):
            named.setdefault(key, []).append(row)
    found: dict[int, list[Check]] = {}
    for places in named.values():
        for i, one in enumerate(places):
            for other in places[i + 1 :]:
                if one.table is other.table or RowKind.TOTAL not in (one.kind, other.kind):
                    continue
                differ = _disagreements(one, other)
                if differ is None:
                    continue
                slip = bool(differ) and _slip(one, other, lines)
                for here, there in ((one, other), (other, one)):
                    found.setdefault(id(here), []).append(_check(here, there, differ, slip))
    return found
