"""Do the documents add up, and do they agree with each other?

Two checks a section 151 reviewer makes before trusting a pack: a stated total equals the sum of its
lines (within rounding of the source's units), and the same figure in two documents is the same.
Each mismatch becomes a Reconciliation with both sources and a data-quality Flag.
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from typing import Any, Literal

from analyse.amounts import in_period, is_total, planned_in
from analyse.position import bare_name, rows_reading
from analyse.records import ChecksCount, Flag, ListTotal, Reconciliation, Reserve, Scope
from analyse.reserves import UNSTATED, added_lines, named_flows, reserve_named
from analyse.restated import stating_differently, stating_otherwise
from analyse.scope import ScopeIndex, is_childrens
from analyse.standing import in_doubt, reviewer_settled
from analyse.stated import cited_by_both
from analyse.wording import content_words
from extract.records import (
    BudgetLine,
    Extraction,
    Figure,
    FigureUnit,
    PlanLine,
    Provenance,
    SavingsLine,
    StatedTotal,
    Verification,
)
from extract.verify.category_totals import records_by_place, total_check
from extract.verify.groups import OWN_FIGURES_SAY
from extract.verify.identities import MEMBER_IDENTITY
from extract.verify.tolerance import millions, places_half_unit, rounding_tolerance, within

# Rounding: each figure is exact to half a unit of the precision its table shows (£100 in a £000
# table to one decimal, £50k in a £m table to one decimal), so a sum of n lines may be out by
# n + 1 half-units. The precision is read from the figures themselves: the largest power of ten
# that divides them all. Across documents, whose precisions differ, a small relative tolerance.
RELATIVE_TOLERANCE = 0.002
ABSOLUTE_TOLERANCE = 1_000.0


def differ(a: float, b: float, half_unit: float = 0.0) -> bool:
    """Two documents' figures for the same thing disagree: further apart than the documents'
    differing precisions allow (the one rule for figures compared across documents), or than half
    the unit the coarser of them is printed to, where it says (`half_unit`: £0.05m for "£15.4m")."""
    return abs(a - b) > max(RELATIVE_TOLERANCE * max(abs(a), abs(b)), ABSOLUTE_TOLERANCE, half_unit)


_TOTAL_WORDS = frozenset({"total", "grand", "sub", "subtotal", "net"})


def reconciliations(
    extraction: Extraction, reserves: list[Reserve], scopes: ScopeIndex
) -> list[Reconciliation]:
    """The totals checked against their lines and the figures checked across documents; `reserves`
    are the extraction's, as analyse.reserves reads them once for the review, and `scopes` places
    its lines (analyse.scope)."""
    budget_lines, savings = extraction.budget_lines, extraction.savings
    from_records = budget_total_checks(budget_lines, extraction.stated_totals) + savings_total_checks(savings)
    checked = lines_explain_totals(
        from_records
        + _not_checked_already(table_total_checks(extraction), from_records)
        + budget_cross_checks(budget_lines)
        + savings_cross_checks(savings)
        + children_savings_total_checks(extraction, scopes)
        + reserve_cross_checks(reserves, added_lines(extraction))
        + named_savings_checks(extraction)
        + stated_otherwise_checks(extraction.budget_lines, extraction.figures),
        extraction.stated_totals,
    )
    return confirmed_by_reviewers(one_line_explains(checked, budget_lines), extraction)


def one_line_explains(recs: list[Reconciliation], lines: list[BudgetLine]) -> list[Reconciliation]:
    """A total that does not add up where one of its lines fails its own row's arithmetic and that
    row's own figures make the total add up (extract.verify.groups' repair: the line's check names
    the total), the difference being that line's slip: said so, naming the line and what its row
    implies, citing it, in place of "may cover other lines" (`UNREAD`). The total is still a
    mismatch as printed."""
    faulty: dict[tuple[str, str], tuple[BudgetLine, str]] = {}
    for line in lines:
        for c in line.checks:
            if c.identity == MEMBER_IDENTITY and not c.held and c.provenance and OWN_FIGURES_SAY in c.detail:
                at = c.provenance[0]
                faulty.setdefault((at.file, at.locator), (line, c.detail.split(OWN_FIGURES_SAY, 1)[1]))
    out = []
    for r in recs:
        found = next((faulty[k] for p in r.provenance if (k := (p.file, p.locator)) in faulty), None)
        if r.code != "total_mismatch" or found is None or r.difference_gbp is None:
            out.append(r)
            continue
        line, says = found
        if None in (line.budget_gbp, line.forecast_gbp, line.variance_gbp):
            out.append(r)
            continue
        slip = (line.forecast_gbp or 0.0) - (line.budget_gbp or 0.0) - (line.variance_gbp or 0.0)
        if differ(abs(r.difference_gbp), abs(slip)):
            out.append(r)
            continue
        where = line.provenance[0]
        explains = (
            f" One line's own arithmetic explains the difference: the figures of '{line.name}' ({where.file},"
            f" {where.locator}) say {says}; with that figure the total adds up."
        )
        out.append(
            r.model_copy(
                update={
                    "message": r.message.replace(UNREAD, "") + explains,
                    "explained_by_line": explains.strip(),
                    "provenance": cited_by_both(r.provenance, line.provenance),
                }
            )
        )
    return out


def settled_rows(extraction: Extraction) -> dict[tuple[str, str], Literal["confirmed", "corrected"]]:
    """The places (file, locator) of the line and total records a reviewer settled, with how."""
    records: list[PlanLine | BudgetLine] = [
        *extraction.savings,
        *extraction.pressures,
        *extraction.budget_lines,
    ]
    out = {}
    for record in records:
        how = reviewer_settled(record)
        if how is not None:
            out[(record.provenance[0].file, record.provenance[0].locator)] = how
    return out


def confirmed_by_reviewers(recs: list[Reconciliation], extraction: Extraction) -> list[Reconciliation]:
    """A total that does not reconcile whose row a reviewer confirmed as printed: the difference
    is known and settled, so it is said so and not counted as a total in doubt (`checks_count`)."""
    settled = settled_rows(extraction)
    out = []
    for r in recs:
        at = r.provenance[0] if r.provenance else None
        if r.code == "total_mismatch" and at and settled.get((at.file, at.locator)) == "confirmed":
            said = f"{r.message.removesuffix(UNREAD)} Confirmed as printed by a reviewer."
            r = r.model_copy(update={"settled": "confirmed", "message": said})
        out.append(r)
    return out


def stated_otherwise_checks(lines: list[BudgetLine], figures: list[Figure]) -> list[Reconciliation]:
    """A row's variance printed one way in its table and another in the documents' text, where the
    text's figure is the one the table's own arithmetic gives (its forecast less its budget, and its
    lines' sum: analyse.position.rows_reading): one figure stated two ways, the text's borne out by
    the table's own figures (`supported_gbp`, `supported_by`), whichever a reviewer confirms."""
    out = []
    for row in lines:
        if row.variance_gbp is None or not row.provenance or not in_doubt(row):
            continue
        reading, summed = rows_reading(row, lines)
        if reading is None:
            continue
        name = bare_name(row.name)
        for said in stating_otherwise(name, row.variance_gbp, reading, figures)[:1]:
            where_table, where_text = _places(row.provenance[0], said.provenance[0])
            message = (
                f"The variance of '{row.name}' ({row.period or 'year not stated'}) is printed "
                f"{millions(row.variance_gbp)} in its table ({where_table}) but stated {millions(said.value)} "
                f"in the text ({where_text}); the table's own budget, forecast and lines give "
                f"{millions(reading)}."
            )
            out.append(
                Reconciliation(
                    code="cross_document_mismatch",
                    subject=f"{row.name} variance",
                    period=row.period,
                    stated_gbp=row.variance_gbp,
                    computed_gbp=said.value,
                    difference_gbp=row.variance_gbp - said.value,
                    message=message,
                    provenance=[*row.provenance, *said.provenance],
                    supported_gbp=reading,
                    supported_by=[*row.provenance[:1], *summed],
                )
            )
    return out + stated_differently_checks(lines, figures, {p for r in out for p in r.provenance[1:]})


def stated_differently_checks(
    lines: list[BudgetLine], figures: list[Figure], recorded: set[Provenance] | None = None
) -> list[Reconciliation]:
    """A directorate's overspend its table prints one way and a sentence of the documents (its own
    report's text, or another document) states another way, beyond the rounding the sentence prints
    it to (analyse.restated.stating_differently): one figure stated two ways, each sentence once,
    against the row its table's arithmetic bears out where two rows name the directorate. The row's
    figure is the one borne out (`supported_gbp`) where its table's arithmetic holds."""
    rows = sorted((b for b in lines if b.level == "directorate" and b.provenance), key=in_doubt)
    out: list[Reconciliation] = []
    said: set[Provenance] = set(recorded or ())
    for row in rows:
        for figure in stating_differently(row, lines, figures):
            if figure.provenance[0] in said or row.variance_gbp is None:
                continue
            said.add(figure.provenance[0])
            table, text = row.provenance[0], figure.provenance[0]
            where_table, where_text = _places(table, text)
            verified = row.verification is Verification.VERIFIED
            out.append(
                Reconciliation(
                    code="cross_document_mismatch",
                    subject=f"{bare_name(row.name)} overspend",
                    period=row.period,
                    stated_gbp=row.variance_gbp,
                    computed_gbp=figure.value,
                    difference_gbp=row.variance_gbp - figure.value,
                    message=(
                        f"The overspend of '{bare_name(row.name)}' ({row.period or 'year not stated'}) is "
                        f"{millions(row.variance_gbp)} in its table ({where_table}) but stated "
                        f"{millions(figure.value)} in the text ({where_text})"
                        + ("; the table's own arithmetic holds." if verified else ".")
                    ),
                    provenance=[table, text],
                    supported_gbp=row.variance_gbp if verified else None,
                    supported_by=[table] if verified else [],
                )
            )
    return out


def checks_count(recs: list[Reconciliation]) -> ChecksCount:
    """The checks counted once, for every place that reports them: totals checked against their
    lines and how many reconcile, and figures stated differently in two places (a disagreement
    between two statements of one figure, not a total that fails to add up).

    A total is its row: a total row is checked in each money column it states (budget, forecast,
    variance; each year of a plan), and counts once, as not reconciled where any column fails;
    `total_columns_not_reconciled` says in how many columns."""
    by_row: dict[tuple[str, int | None, str], list[bool]] = defaultdict(list)
    for r in recs:
        if r.code in {"total_ok", "total_mismatch"}:
            by_row[total_row(r)].append(r.code == "total_ok")
    confirmed = {total_row(r) for r in recs if r.code == "total_mismatch" and r.settled == "confirmed"}
    failing = [held for row, held in by_row.items() if not all(held) and row not in confirmed]
    known = sum(1 for row, held in by_row.items() if not all(held) and row in confirmed)
    return ChecksCount(
        totals_checked=len(by_row),
        totals_reconciled=len(by_row) - len(failing) - known,
        totals_not_reconciled=len(failing),
        totals_confirmed=known,
        total_columns_not_reconciled=sum(held.count(False) for held in failing),
        figures_stated_differently=sum(r.code == "cross_document_mismatch" for r in recs),
    )


def total_row(check: Reconciliation) -> tuple[str, int | None, str]:
    """The total row a check of a stated total is made on: the place its first provenance names
    (the stated row's), the same for each of the row's columns; its subject where it names none."""
    if not check.provenance:
        return ("", None, check.subject)
    at = check.provenance[0]
    return (at.file, at.page, at.locator)


def _not_checked_already(table: list[Reconciliation], done: list[Reconciliation]) -> list[Reconciliation]:
    """Table checks of totals the extracted records have not already checked (one finding, once)."""
    seen = {(r.provenance[0].file, round(r.stated_gbp or 0.0)) for r in done if r.provenance}
    return [t for t in table if (t.provenance[0].file, round(t.stated_gbp or 0.0)) not in seen]


def table_total_checks(extraction: Extraction) -> list[Reconciliation]:
    """The totals the tables state (extraction keeps them, with the lines each covers, as
    `stated_totals`) against the records of those lines, as read or as a reviewer corrected them.

    A difference means either the document does not add up or a line was not read, so the message
    says how many of the total's lines have no record.
    """
    records, settled = records_by_place(extraction), settled_rows(extraction)
    out = []
    for printed in extraction.stated_totals:
        total, was = _as_corrected(printed, records, settled)
        check = total_check(total, records)
        if _checkable(check):
            found = _table_check(check, total.provenance[0])
            if was is not None:
                said = f"Printed {millions(was)}; corrected by a reviewer to {millions(total.stated_gbp)}. "
                found = found.model_copy(
                    update={"settled": "corrected", "was_gbp": was, "message": said + found.message}
                )
            out.append(found)
    return out


def _as_corrected(
    total: StatedTotal,
    records: dict[tuple[str, str], dict[str, float]],
    settled: dict[tuple[str, str], Literal["confirmed", "corrected"]],
) -> tuple[StatedTotal, float | None]:
    """The stated total as a reviewer corrected its row (the record read from the same row holds
    the reviewer's figure for its column) and the figure printed; the total as read and None where
    no reviewer corrected that figure: the total checked is the one the reviewer settled."""
    at = total.provenance[0]
    if settled.get((at.file, at.locator)) != "corrected":
        return total, None
    now = records.get((at.file, at.locator), {}).get(total.period)
    # in the sign the table prints it: a record keeps an overspend positive where a table may not
    if now is None or within(abs(now), abs(total.stated_gbp), total.half_unit_gbp):
        return total, None
    return total.model_copy(
        update={"stated_gbp": math.copysign(abs(now), total.stated_gbp)}
    ), total.stated_gbp


# A difference above this share of the total is almost always a different scope (a memorandum row
# totalling other rows, a sign convention), not arithmetic: such a check says nothing either way.
SCOPE_SHARE = 0.05


def _checkable(check: dict[str, Any]) -> bool:
    """All the total's lines were read, and any difference is small enough to be the document's."""
    if check["missing_lines"]:
        return False  # a line not read: the difference would be extraction's, not the council's
    stated, summed = abs(float(check["stated_gbp"])), abs(float(check["summed_gbp"]))
    return bool(check["reproduced"]) or abs(stated - summed) <= SCOPE_SHARE * stated


def _table_check(check: dict[str, Any], where: Provenance) -> Reconciliation:
    stated, summed = float(check["stated_gbp"]), float(check["summed_gbp"])
    if check["flipped"] or stated * summed < 0:
        summed = -summed  # savings stored as positive magnitudes against a source that writes them negative
    # whether it holds is the extraction's reading of the table (`reproduced`), not decided again
    label = f"{check['label']} ({check['period']})"
    return _summed(label, stated, summed, check["lines"], bool(check["reproduced"]), [where], "table")


def reconciliation_flags(recs: list[Reconciliation]) -> list[Flag]:
    """A data-quality flag for each mismatch, its amount the size of the difference (the message says
    which way); low where it may be a line extraction did not read."""
    return [
        Flag(
            code=r.code,
            severity="low" if r.checked_against == "table" else "medium",
            subject=r.subject,
            message=r.message,
            # the size of the difference: its message says which way; a flag's amount is never bracketed
            amount_gbp=abs(r.difference_gbp) if r.difference_gbp is not None else None,
            provenance=r.provenance,
            scope=r.scope,
        )
        for r in recs
        if r.code != "total_ok" and r.provenance
    ]


def _check(subject: str, stated: float, parts: list[float], provenance: list[Provenance]) -> Reconciliation:
    computed = float(sum(parts))
    ok = within(stated, computed, rounding_tolerance(stated, parts))
    return _summed(subject, stated, computed, len(parts), ok, provenance)


# What a table's total that does not add up may mean (its lines are all read: `_checkable`).
UNREAD = " The total may cover other lines than those above it: check the table."


def _summed(
    subject: str,
    stated: float,
    computed: float,
    lines: int,
    ok: bool,
    provenance: list[Provenance],
    against: Literal["records", "table"] = "records",
) -> Reconciliation:
    """A stated total beside the sum of its lines, in one wording whether the records' lines or the
    table's own were summed; a table's mismatch says what it may mean (`UNREAD`)."""
    difference = stated - computed
    unread = UNREAD if against == "table" else ""
    message = f"Stated {millions(stated)}; its {lines} lines sum to {millions(computed)}" + (
        "." if ok else f": a difference of {millions(difference)}.{unread}"
    )
    return Reconciliation(
        code="total_ok" if ok else "total_mismatch",
        subject=subject,
        stated_gbp=stated,
        computed_gbp=computed,
        difference_gbp=difference,
        message=message,
        provenance=provenance,
        checked_against=against,
    )


def _source(provenance: list[Provenance]) -> str:
    return provenance[0].file if provenance else ""


def budget_total_checks(lines: list[BudgetLine], totals: Iterable[StatedTotal] = ()) -> list[Reconciliation]:
    """Each total against its directorates (else its service lines); each directorate against its
    lines. A total's lines are those its table says it covers, and the subtotals under it (`totals`,
    the extraction's reading of each table: a directorate's own total in another table is not one of
    them), else the document's.
    A directorate stated twice (its row in a summary by directorate, and the total under its services)
    is checked against its services once: one doubt, one finding."""
    covers = {(t.provenance[0].file, t.provenance[0].locator): set(t.lines) for t in totals}
    groups: dict[tuple[str, str | None], list[BudgetLine]] = defaultdict(list)
    for line in in_period(lines, None):
        groups[(_source(line.provenance), line.period)].append(line)
    out = []
    for group in groups.values():
        directorates = [b for b in group if b.level == "directorate"]
        services = [b for b in group if b.level == "service_line"]
        done: set[tuple[str, float, frozenset[str]]] = set()
        for total in (b for b in group if b.level == "total"):
            parts = _lines_of(total, directorates, covers) or _lines_of(total, services, covers)
            out.extend(_budget_check(total, parts, done))
        # A directorate's total row under its services is checked first: that is where they are stated.
        closing = sorted(directorates, key=lambda d: _where(d) not in covers)
        for directorate in closing:
            out.extend(_budget_check(directorate, [s for s in services if _belongs(s, directorate)], done))
    return out


def _where(line: BudgetLine) -> tuple[str, str]:
    return line.provenance[0].file, line.provenance[0].locator


def _lines_of(
    total: BudgetLine, lines: list[BudgetLine], covers: dict[tuple[str, str], set[str]]
) -> list[BudgetLine]:
    """The lines a total's table says it covers, or the subtotals under it (each covering lines it
    covers); all of them where no table says."""
    covered = covers.get(_where(total))
    if covered is None:
        return lines
    return [
        line
        for line in lines
        if line.provenance[0].locator in covered or bool(covers.get(_where(line), set()) & covered)
    ]


def _belongs(service: BudgetLine, directorate: BudgetLine) -> bool:
    if not service.directorate:
        return False
    return (
        service.directorate == directorate.name
        or content_words(service.directorate) == content_words(directorate.name)
        or service.directorate == directorate.directorate
    )


COLUMNS = (("budget_gbp", "budget"), ("forecast_gbp", "forecast"), ("variance_gbp", "variance"))


def _budget_check(
    stated: BudgetLine, parts: list[BudgetLine], done: set[tuple[str, float, frozenset[str]]]
) -> list[Reconciliation]:
    """Each money column the stated line and all its parts give: budget, forecast, variance; none
    already in `done` (the same figure against the same lines), which gains those checked."""
    out = []
    provenance = stated.provenance + [p for part in parts[:3] for p in part.provenance]
    places = frozenset(part.provenance[0].locator for part in parts)
    for field, word in COLUMNS:
        total = getattr(stated, field)
        values = [getattr(p, field) for p in parts if getattr(p, field) is not None]
        if total is None or len(values) < 2 or len(values) < len(parts):
            continue
        if (field, total, places) in done:
            continue
        done.add((field, total, places))
        subject = f"{stated.name} {word} ({stated.period or 'year not stated'})"
        out.append(_check(subject, total, values, provenance))
    return out


def savings_total_checks(savings: list[SavingsLine]) -> list[Reconciliation]:
    """A savings table's stated total rows against the sum of the lines they total, year by year."""
    by_file: dict[str, list[SavingsLine]] = defaultdict(list)
    for line in savings:
        by_file[_source(line.provenance)].append(line)
    out: list[Reconciliation] = []
    for lines in by_file.values():
        items = [s for s in lines if not is_total(s.title)]
        for total in (s for s in lines if is_total(s.title)):
            parts = _lines_totalled(total, items)
            out.extend(_savings_check(total, parts, period) for period in _periods(total, parts))
    return out


def _lines_totalled(total: SavingsLine, items: list[SavingsLine]) -> list[SavingsLine]:
    """Lines whose category (else directorate) is the one the total names; all lines for a bare TOTAL."""
    named = content_words(total.title) - _TOTAL_WORDS
    if not named:
        return items
    for key in ("category", "directorate"):
        parts = [s for s in items if named <= content_words(getattr(s, key))]
        if parts:
            return parts
    return []


def _periods(total: SavingsLine, parts: list[SavingsLine]) -> list[str]:
    if not parts:
        return []
    return sorted(
        {p.period for p in total.planned if any(planned_in(s, p.period) is not None for s in parts)}
    )


def _savings_check(total: SavingsLine, parts: list[SavingsLine], period: str) -> Reconciliation:
    stated = planned_in(total, period) or 0.0
    values = [v for v in (planned_in(s, period) for s in parts) if v is not None]
    provenance = total.provenance + [p for part in parts[:3] for p in part.provenance]
    return _check(f"{total.title} ({period})", stated, values, provenance)


def budget_cross_checks(lines: list[BudgetLine]) -> list[Reconciliation]:
    """The same line and year stated with different budgets in different documents."""
    keyed = ((_name_key(b.name), b.period, b.budget_gbp, b) for b in lines if b.budget_gbp is not None)
    return _cross(((k, p, v, b.name, b.provenance) for k, p, v, b in keyed), "budget")


def savings_cross_checks(savings: list[SavingsLine]) -> list[Reconciliation]:
    """The same saving (by reference, else title) and year with different amounts in different documents."""
    rows = []
    for line in savings:
        key = (line.ref or "").strip().lower() or _name_key(line.title)
        # A tracker's target is the year's planned saving; signs differ by convention, not meaning.
        years = {a.period: a.amount_gbp for a in line.planned}
        if line.target_gbp is not None and line.period:
            years.setdefault(line.period, line.target_gbp)
        for period, amount in years.items():
            rows.append((key, period, abs(amount), line.title, line.provenance))
    return _cross(rows, "saving")


def children_savings_total_checks(extraction: Extraction, scopes: ScopeIndex) -> list[Reconciliation]:
    """A year's children's savings total stated differently in two documents (a savings plan's "Total
    6,400" and an MTFP's "Total Children, Young People and Education (6,200)"): each document's total
    row that covers every children's saving the document lists for the year, and no other line.
    Whatever its label says, what it totals is read from the lines it covers, placed by scope."""
    by_place = {(line.provenance[0].file, line.provenance[0].locator): line for line in extraction.savings}
    rows = []
    for total in extraction.stated_totals:
        file = total.provenance[0].file
        covered = [by_place.get((file, locator)) for locator in total.lines]
        lines = [line for line in covered if line is not None]
        if (
            not lines
            or len(lines) < len(covered)
            or not all(is_childrens(scopes.plan_line(x)) for x in lines)
        ):
            continue
        listed = [
            line
            for (where, _), line in by_place.items()
            if where == file
            and is_childrens(scopes.plan_line(line))
            and planned_in(line, total.period) is not None
        ]
        if listed and all(line in lines for line in listed):
            rows.append(("children", total.period, abs(total.stated_gbp), CHILDREN_SAVINGS, total.provenance))
            # The total of every children's saving is the whole directorate's, not one service's.
            held_by = next((line.directorate for line in lines if line.directorate), None)
            scopes.whole_directorate(total.provenance[0], held_by)
    return [r.model_copy(update={"scope": Scope.CHILDRENS_SOCIAL_CARE}) for r in _cross(rows, "total")]


# What a children's savings total is called where two documents state it differently.
CHILDREN_SAVINGS = "Children's directorate savings"


# Words that say a sum is savings not delivered: "Reversal of undelivered 2025/26 savings", "savings
# shortfall carried forward", "slipped savings", "non-delivery of".
UNDELIVERED = re.compile(
    r"\bundelivered\b|\bnot\s+(?:been\s+|be\s+)?(?:delivered|achieved)\b|\bunachieved\b|\bundeliverable\b"
    r"|\bshortfalls?\b|\bslipp(?:ed|age)\b|\bnon-?\s?delivery\b|\bwritten\s+off\b",
    re.IGNORECASE,
)


def named_savings_checks(extraction: Extraction) -> list[Reconciliation]:
    """A sum whose own words name the savings it is the undelivered part of, by the references a
    tracker gives them ("Reversal of undelivered 2025/26 savings (CS01, CS05, CS09) | 1.73"), checked
    against those savings' shortfalls as the tracker states them: one figure stated two ways. A plan
    row with one year's amount, or a sentence's figure; every saving it names must be in the tracker
    with a shortfall, else nothing is checked. Where the sum is instead the shortfall on all the
    tracker's savings of the year, the message says so."""
    tracked = _tracked_shortfalls(extraction.savings)
    if not tracked:
        return []
    pattern = re.compile(
        r"\b(" + "|".join(re.escape(r) for r in sorted(tracked, key=len, reverse=True)) + r")\b", re.I
    )
    out = []
    for words, period, amount, provenance in _named_sums(extraction):
        named = list(dict.fromkeys(m.group(1).upper() for m in pattern.finditer(words)))
        if not named or not UNDELIVERED.search(words):
            continue
        lines = [tracked[r] for r in named]
        short = sum(shortfall for _, shortfall in lines)
        if not differ(amount, short, 0.0):
            continue
        refs = ", ".join(named[:-1]) + (" and " if len(named) > 1 else "") + named[-1]
        tracker = lines[0][0].provenance[0]
        message = (
            f"{millions(amount)} in {_place(provenance[0])}, but the shortfall on {refs} in {tracker.file}"
            f" is {millions(short)}.{_all_savings(amount, lines[0][0], extraction.savings)}"
        )
        out.append(
            Reconciliation(
                code="cross_document_mismatch",
                subject=words,
                period=period,
                stated_gbp=amount,
                computed_gbp=short,
                difference_gbp=amount - short,
                message=message,
                provenance=[provenance[0], *(line.provenance[0] for line, _ in lines)],
            )
        )
    return out


def _tracked_shortfalls(savings: list[SavingsLine]) -> dict[str, tuple[SavingsLine, float]]:
    """Each saving a tracker gives a reference and a shortfall (stated, else its target less its
    forecast), by its reference, the first document's."""
    out: dict[str, tuple[SavingsLine, float]] = {}
    for line in savings:
        ref = (line.ref or "").strip().upper()
        if not (re.search(r"\d", ref) and re.search(r"[A-Z]", ref)) or is_total(line.title):
            continue
        short = _shortfall_of(line)
        if short is not None:
            out.setdefault(ref, (line, short))
    return out


def _shortfall_of(line: SavingsLine) -> float | None:
    if line.shortfall_gbp is not None:
        return abs(line.shortfall_gbp)
    if line.target_gbp is not None and line.forecast_gbp is not None:
        return max(abs(line.target_gbp) - abs(line.forecast_gbp), 0.0)
    return None


def _named_sums(extraction: Extraction) -> list[tuple[str, str | None, float, list[Provenance]]]:
    """The plan's rows with one year's amount, and the money figures of sentences that state one:
    their words, year, amount and where each is read. A reference is a tracker's code, letters and
    digits both ("CS01", "FS-11"), never a bare number a sum could print."""
    rows: list[PlanLine] = [*extraction.pressures, *extraction.mtfp_totals, *extraction.mtfp_memoranda]
    out: list[tuple[str, str | None, float, list[Provenance]]] = []
    for row in rows:
        years = [p for p in row.planned if p.amount_gbp]
        if len(years) == 1:
            out.append((row.title, years[0].period, abs(years[0].amount_gbp), row.provenance))
    money = [f for f in extraction.figures if f.unit == FigureUnit.GBP and f.value]
    sums = Counter(f.text for f in money)
    # a sentence of one sum only: of several, which the savings named are the undelivered part of is not said
    out += [(f.text, f.period, abs(f.value), list(f.provenance)) for f in money if sums[f.text] == 1]
    return out


def _all_savings(amount: float, one: SavingsLine, savings: list[SavingsLine]) -> str:
    """ " £1.73m is the shortfall on all 9 of the tracker's savings.": where the sum is the tracker's whole
    shortfall for the year of the savings named (the same document), not theirs."""
    same = [
        s
        for s in savings
        if s.provenance[0].file == one.provenance[0].file and s.period == one.period and not is_total(s.title)
    ]
    shorts = [short for s in same if (short := _shortfall_of(s)) is not None]
    if len(shorts) > 1 and not differ(amount, sum(shorts), 0.0):
        return f" {millions(amount)} is the shortfall on all {len(shorts)} of the tracker's savings."
    return ""


def _name_key(name: str) -> str:
    return " ".join(sorted(content_words(name)))


def _cross(
    rows: Iterable[tuple[str, str | None, float, str, list[Provenance]]], what: str
) -> list[Reconciliation]:
    seen: dict[tuple[str, str | None], dict[str, tuple[float, str, list[Provenance]]]] = defaultdict(dict)
    for key, period, value, name, provenance in rows:
        if key and provenance:
            seen[(key, period)].setdefault(provenance[0].file, (value, name, provenance))
    out = []
    for (_, period), by_file in seen.items():
        values = list(by_file.values())
        for (a, name, pa), (b, _, pb) in zip(values, values[1:], strict=False):
            if differ(a, b):
                message = (
                    f"The {what} for '{name}' ({period or 'year not stated'}) is {millions(a)} in "
                    f"{pa[0].file} but {millions(b)} in {pb[0].file}."
                )
                out.append(
                    Reconciliation(
                        code="cross_document_mismatch",
                        subject=name,
                        period=period,
                        stated_gbp=a,
                        computed_gbp=b,
                        difference_gbp=a - b,
                        message=message,
                        provenance=pa + pb,
                    )
                )
    return out


def lines_explain_totals(recs: list[Reconciliation], totals: list[StatedTotal]) -> list[Reconciliation]:
    """A total stated differently in two documents whose difference is one of its lines' difference
    across documents (the same year, the same amount, the same way in the document whose total covers
    the line): one issue, not two. The line's mismatch says it explains the total's, citing both;
    the total's is not listed again. Savings plan £6.4m against the MTFP's £6.2m is the £0.2m of
    Step Forward's £1.1m in the plan against £0.9m in the tracker."""
    covers = {(t.provenance[0].file, t.provenance[0].locator): set(t.lines) for t in totals}
    crosses = [r for r in recs if r.code == "cross_document_mismatch"]
    explained: dict[int, Reconciliation] = {}  # the line's index: the line, saying what it explains
    dropped: set[int] = set()
    for total in crosses:
        for file, locator, difference in _sides(total):
            lines = covers.get((file, locator), set())
            line = next(
                (
                    r
                    for r in crosses
                    if r is not total
                    and r.period == total.period
                    and any(f == file and at in lines and not differ(d, difference) for f, at, d in _sides(r))
                ),
                None,
            )
            if line is not None:
                at = recs.index(line)
                kept = explained.get(at, line)
                explained[at] = kept.model_copy(
                    update={
                        "message": f"{kept.message} It explains the same {millions(abs(difference))} between"
                        f" the totals: {total.message[0].lower()}{total.message[1:]}",
                        "provenance": cited_by_both(kept.provenance, total.provenance),
                    }
                )
                dropped.add(recs.index(total))
                break
    return [explained.get(i, r) for i, r in enumerate(recs) if i not in dropped]


def _sides(check: Reconciliation) -> list[tuple[str, str, float]]:
    """A figure compared across two documents, from each side: the document, its row, and its
    figure less the other's ([] where the check does not say both)."""
    first = check.provenance[0] if check.provenance else None
    second = next((p for p in check.provenance if first is not None and p.file != first.file), None)
    if first is None or second is None or check.stated_gbp is None or check.computed_gbp is None:
        return []
    difference = check.stated_gbp - check.computed_gbp
    return [(first.file, first.locator, difference), (second.file, second.locator, -difference)]


def reserve_cross_checks(found: list[Reserve], lines: list[Reserve] | None = None) -> list[Reconciliation]:
    """The same reserve's flow, the same way, in the same year, stated with different amounts in two
    places (two documents, or two pages of one: "£16.3m replenishment of general reserves" on one
    page and "£15.4m general reserves" on another); with the `lines` of a reserves table that name
    that reserve (analyse.reserves.added_lines), where their sum bears out one of the two."""
    flows = named_flows(found)
    out = []
    for i, (name, one) in enumerate(flows):
        for other_name, other in flows[i + 1 :]:
            if other_name != name or not _same_way(one, other) or _totals(one, other) or _totals(other, one):
                continue
            half = max(_half_unit(one), _half_unit(other))
            for period, a, b in _same_years(one, other):
                if differ(a, b, half):
                    mismatch = _reserve_mismatch(name, period, (one, a), (other, b))
                    out.append(_supported(mismatch, name, period, (one, a), (other, b), lines or []))
    return out


def _supported(
    mismatch: Reconciliation,
    name: str,
    period: str | None,
    one: tuple[Reserve, float],
    other: tuple[Reserve, float],
    lines: list[Reserve],
) -> Reconciliation:
    """The disagreement with the table lines that name the same reserve, the same way, in the year,
    where their sum bears out one statement (within half the unit it is printed to) and not the
    other: the table supports that one; it says nothing more of the other."""
    named = [
        (line, amount)
        for line in lines
        if reserve_named(line) == name and _same_way(line, one[0])
        for a in line.amounts
        if a.period == period and period is not None and (amount := a.amount_gbp)
    ]
    if not named:
        return mismatch
    added = sum(abs(amount) for _, amount in named)
    bears = [(r, v) for r, v in (one, other) if not differ(added, v, _half_unit(r))]
    if len(bears) != 1:
        return mismatch
    (kept, value), where = bears[0], named[0][0].provenance[0]
    unborne = other[1] if kept is one[0] else one[1]
    cited = [line.provenance[0] for line, _ in named]
    listed = ", ".join(f"'{line.label}' {millions(amount)}" for line, amount in named)
    said = (
        f" The table on page {where.page} of {where.file} lists the {name} reserve's {period} flow as"
        f" {listed}: together {millions(added)}, which supports the {millions(value)}"
        f" ({_place(kept.provenance[0])}); they do not bear out the {millions(unborne)}."
    )
    return mismatch.model_copy(
        update={
            "message": mismatch.message + said,
            "supported_gbp": value,
            "supported_by": cited,
            "provenance": mismatch.provenance + cited,
        }
    )


def _totals(one: Reserve, other: Reserve) -> bool:
    """`one` is the total of the list `other` is an item of ("£10.7m drawdown from smoothing reserves"
    and the "-£8.8m net drawdown smoothing reserves" its list "Drawdowns from reserves -£10.7m" adds)."""
    total = other.listed_in.total_gbp if other.listed_in else None
    return (
        total is not None
        and one.amount_gbp is not None
        and not differ(abs(one.amount_gbp), abs(total), _half_unit(one))
    )


def _same_way(one: Reserve, other: Reserve) -> bool:
    """Both into reserves, or both out of them, where both say."""
    return one.direction == other.direction or UNSTATED in (one.direction, other.direction)


def _half_unit(reserve: Reserve) -> float:
    """Half the unit a sentence prints its figure to (£0.05m for "£15.4m"); 0 for a table's row."""
    return 0.0 if reserve.places is None else places_half_unit(reserve.places, 1e6)


def _same_years(one: Reserve, other: Reserve) -> list[tuple[str | None, float, float]]:
    """The two flows' amounts for each year both give. A figure whose year is not stated is its own
    document's budget year: two such are the same year only in the same document."""
    years = [_by_year(r) for r in (one, other)]
    same_file = one.provenance[0].file == other.provenance[0].file
    return [
        (period, abs(a), abs(b))
        for period, a in years[0].items()
        if (b := years[1].get(period)) is not None and (period is not None or same_file)
    ]


def _by_year(reserve: Reserve) -> dict[str | None, float]:
    """A table row's amounts by year; a sentence's amount under its year (None where not stated)."""
    if reserve.amounts:
        return {a.period: a.amount_gbp for a in reserve.amounts}
    return {reserve.at: reserve.amount_gbp} if reserve.amount_gbp is not None else {}


def _reserve_mismatch(
    name: str, period: str | None, one: tuple[Reserve, float], other: tuple[Reserve, float]
) -> Reconciliation:
    (a, va), (b, vb) = one, other
    where_a, where_b = a.provenance[0], b.provenance[0]
    year = period or "year not stated"
    pages = bool(where_a.file == where_b.file and where_a.page and where_b.page)
    if pages:
        said = f"{millions(va)} on page {where_a.page} but {millions(vb)} on page {where_b.page} of {where_a.file}"
    else:
        said = f"{millions(va)} in {_place(where_a)} but {millions(vb)} in {_place(where_b)}"
    message = f"The flow of the {name} reserve ({year}) is {said}.{_lists_say(pages, (a, va), (b, vb))}"
    return Reconciliation(
        code="cross_document_mismatch",
        subject=f"{name} reserve flow",
        stated_gbp=va,
        computed_gbp=vb,
        difference_gbp=va - vb,
        message=message,
        provenance=[where_a, where_b],
        scope=a.scope if a.scope == b.scope else None,
    )


def list_adds_up(listed: ListTotal) -> bool:
    """The items of a list add to the total it states, at the precision they are printed to."""
    added = sum(listed.items_gbp)
    return within(abs(added), abs(listed.total_gbp), rounding_tolerance(listed.total_gbp, listed.items_gbp))


def _lists_say(pages: bool, *flows: tuple[Reserve, float]) -> str:
    """What the lists the two figures are items of say, where they state their totals: a list whose
    items add to its total bears out its figure; one whose items do not casts doubt on it."""
    said = []
    for reserve, value in flows:
        listed = reserve.listed_in
        if listed is None:
            continue
        added = millions(sum(listed.items_gbp))
        where = f"page {reserve.provenance[0].page}" if pages else _place(reserve.provenance[0])
        if list_adds_up(listed):
            said.append(
                f" The items listed with {millions(value)} ({where}) add to {added}, the total their list states."
            )
        else:
            said.append(
                f" The items listed with {millions(value)} ({where}) add to {added}, not the "
                f"{millions(listed.total_gbp)} their list states."
            )
    return "".join(said)


def _places(table: Provenance, text: Provenance) -> tuple[str, str]:
    """Where a table's row and a sentence stating its figure otherwise are: by page alone for the
    table where both are on pages of one file, else each by file and page (`_place`)."""
    if table.file == text.file and table.page and text.page:
        return f"page {table.page}", f"page {text.page} of {table.file}"
    return _place(table), _place(text)


def _place(where: Provenance) -> str:
    return f"{where.file}, page {where.page}" if where.page else where.file
