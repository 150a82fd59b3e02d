"""The budget position: the council's and children's services' budget, forecast and variance, and
the medium-term plan's gap by year.

Figures come only from budget lines and the plan's own gap rows. The children's position is the
children's directorate row (level directorate) of the latest monitoring, or where children's
services are a division of a wider directorate (People) the division's own row, as analyse.scope
places it: never the wider directorate's, the DSG's or an education division's filed beside it;
never a service line standing in for it nor a sum of service lines: where no such row is found, the position says so
(`children_services_missing`) and gives no headline, unless a document states the directorate's
variance in prose (`analyse.stated_position`). A row whose own arithmetic is contradicted never
headlines, except one contradicted only by the sum of its service lines while something holds it
up (its own budget + variance = forecast, its place in the council's total, the report's text
stating it): that row headlines, with how far short its lines fall
(`children_services_lines_short`), its figures marked in doubt wherever shown (`doubted_fields`);
which is wrong, it or a line, is said only where a check takes its side (analyse.standing). One
the arithmetic could not test
is carried as unchecked, and the pack says so.

Where the report files education and SEND in a directorate (or division) of its own beside the
children's ("Education, Skills and SEND"), the children's scope spans both (`children_scope`): the
headline stays the children's row, and each part's figures are given beside their sum, named so.
Where the children's row is one directorate whose total already holds its education division
("Children, Young People and Learning" over "Education & Learning"), that row is the scope, and its
divisions are parts of it ("of which"), never added to it.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from typing import Literal, TypeVar

from analyse.amounts import in_period
from analyse.gap_basis import not_cumulative, with_basis
from analyse.records import (
    ChildrensScope,
    GapPart,
    GapYear,
    InDoubt,
    LinesShort,
    Money3,
    Position,
    RowInDoubt,
    Scope,
    ScopePart,
)
from analyse.restated import restating, same_sum
from analyse.scope import (
    ScopeIndex,
    education_apart,
    figure_subject,
    is_childrens,
    names_childrens_services,
    parts_of,
    scope_index,
    table_key,
    text_scope,
)
from analyse.standing import (
    SUPPORTING_WORDS,
    caveat,
    doubt,
    doubted_only_by_its_lines,
    first_failure,
    in_doubt,
    reviewer_settled,
    stated_otherwise,
    supported_by,
)
from analyse.stated_position import stated_children_variance
from analyse.wording import content_words, row_words, stated_as_now
from extract.records import (
    BudgetBuild,
    BudgetLine,
    Extraction,
    Figure,
    FigureUnit,
    PlanLine,
    Provenance,
    Verification,
)
from extract.tables.vocabulary import (
    EXPLICIT_GAP,
    GAP_WORDS,
    REPORTING_POINT,
    RESTATED_WORDS,
    SAVINGS_WORD,
    TOTAL_PREFIX,
    TOTAL_SUFFIX,
    reporting_month,
)
from extract.verify.groups import LISTED_LINES
from extract.verify.identities import BUDGET_IDENTITY, TOTAL_IDENTITY
from extract.verify.tolerance import millions

MTFP_GAP_CATEGORY = "mtfp_gap"
# What holds up a total its lines contradict, besides the identities that held on it.
STATED_WAY = "the report's text states the same variance"
B = TypeVar("B", bound=BudgetLine)
MoneyRow = PlanLine | BudgetLine | BudgetBuild  # a record extract.records.money_records lists


def budget_position(extraction: Extraction, period: str | None, scopes: ScopeIndex | None = None) -> Position:
    scopes = scopes or scope_index(extraction)
    lines = in_period(extraction.budget_lines, period)
    totals = [b for b in lines if b.level == "total" and b.verification != Verification.CONTRADICTED]
    # Monitoring (with a forecast) says more than a budget book's budget for the same year.
    total = _largest([b for b in totals if b.forecast_gbp is not None]) or _largest(totals)
    stated, stated_year = stated_children_variance(extraction.figures, period, scopes)
    children, name, missing = children_position(lines, scopes, stated)
    short = lines_short(lines, scopes, stated, extraction.figures) if missing is None else None
    # Prose stands in only where the papers print no children's row at all: a row whose table
    # contradicts it is not replaced by a sentence quoting the same figure (though one that only
    # its lines contradict is held up by it, `headline_row`).
    printed = bool(childrens_rows(lines, scopes))
    if children.budget_gbp is None and children.variance_gbp is None and not printed:
        children, name = stated, None
        if children.variance_gbp is not None:
            missing = None
    else:
        stated_year = None
    gaps, gap_total = with_basis(
        mtfp_gap(extraction), _gap_rows(extraction), extraction.mtfp_totals, extraction.tables
    )
    doubted = children_in_doubt(lines, scopes) if missing else None
    # The scope is said whether or not the children's row headlines: one in doubt is its part, marked.
    part, part_name = (
        (doubted.money, doubted.name) if doubted and children.variance_gbp is None else (children, name)
    )
    return Position(
        period=period or stated_year,
        budget_gbp=total.budget_gbp if total else None,
        forecast_gbp=total.forecast_gbp if total else None,
        variance_gbp=_variance(total) if total else None,
        children_services=children,
        provenance=total.provenance if total else [],
        children_services_name=name,
        mtfp_gap=gaps,
        mtfp_gap_total=gap_total,
        children_services_missing=missing,
        children_services_in_doubt=doubted,
        children_services_lines_short=short,
        children_scope=children_scope(lines, scopes, part, part_name),
    )


def report_name(file: str) -> str | None:
    """A monitoring report's point in the year in words ("Quarter 2", "Month 7"), from its name;
    None where the name does not say."""
    point = REPORTING_POINT.search(file)
    if point is None:
        return None
    return f"Quarter {point['quarter']}" if point["quarter"] else f"Month {point['month']}"


def bare_name(name: str) -> str:
    """A total row's name less its "Total" ("Total Children's Services" is Children's Services)."""
    return TOTAL_SUFFIX.sub("", TOTAL_PREFIX.sub("", name)) or name


def latest_report(rows: list[B]) -> list[B]:
    """The rows of the latest monitoring report among them (by how far into the year its name
    says it is, then a report with forecasts before a budget book): an earlier report never
    stands in for the latest one."""
    if not rows:
        return rows
    files = {r.provenance[0].file for r in rows}
    forecasts = {r.provenance[0].file for r in rows if r.forecast_gbp is not None}
    # Sorted first: of two reports at one point (a report and its appendix), the same one every run.
    latest = max(sorted(files), key=lambda f: (f in forecasts, reporting_month(f)))
    return [r for r in rows if r.provenance[0].file == latest]


def childrens_rows(lines: list[BudgetLine], scopes: ScopeIndex) -> list[BudgetLine]:
    """The children's directorate rows of the latest monitoring report: a children's directorate's
    or division's row, as analyse.scope places it (never the DSG's, an education division's or a
    wider directorate's holding adults' services too)."""
    rows = [
        b for b in lines if b.level == "directorate" and scopes.budget_line(b) is Scope.CHILDRENS_SOCIAL_CARE
    ]
    return [_doubted_twin(row, rows) for row in latest_report(rows)]


def _doubted_twin(row: BudgetLine, rows: list[BudgetLine]) -> BudgetLine:
    """The same total printed in another of the papers (its budget, forecast and variance alike)
    where that one is in doubt, as a summary table repeats an appendix whose lines do not add up
    to it: the figures carry the doubt wherever they are printed, never shown as fact."""
    if in_doubt(row):
        return row
    figures = (row.budget_gbp, row.forecast_gbp, row.variance_gbp)
    return next(
        (b for b in rows if in_doubt(b) and (b.budget_gbp, b.forecast_gbp, b.variance_gbp) == figures), row
    )


def children_position(
    lines: list[BudgetLine], scopes: ScopeIndex, stated: Money3
) -> tuple[Money3, str | None, str | None]:
    """The children's directorate row of the latest monitoring report, where its arithmetic is not
    contradicted or only its lines fall short of it (`headline_row`), its name, and why there is
    none where there is none."""
    rows = childrens_rows(lines, scopes)
    row = headline_row(rows, stated)
    if row is None:
        return Money3(), None, _why_none(rows, lines, scopes)
    money = Money3(
        budget_gbp=row.budget_gbp,
        forecast_gbp=row.forecast_gbp,
        variance_gbp=_variance(row),
        provenance=row.provenance,
        verification=reviewer_settled(row) or row.verification.value,
        checks=[f"{c.identity}: {'held' if c.held else 'failed'} ({c.detail})" for c in row.checks],
        doubts=doubted_fields(row),
    )
    return money, bare_name(row.name), None


# The headline's figures a sum of lines can contradict: the variance its lines' variances are
# set against (LinesShort), and the forecast, its budget plus that variance.
SUMMED_FIELDS = ("forecast_gbp", "variance_gbp")


def doubted_fields(row: BudgetLine) -> dict[str, str]:
    """The words each figure of a headline row in doubt is printed with, by field ({} for a row
    not in doubt): the one place a headline's doubt reaches its figures, and what is derived from
    them reads it from here (`Money3.doubts`)."""
    words = caveat(row)
    return dict.fromkeys(SUMMED_FIELDS, words) if words else {}


def headline_row(rows: list[BudgetLine], stated: Money3) -> BudgetLine | None:
    """The row that headlines (the one with a forecast and the largest budget): one its
    arithmetic does not contradict, else one whose only failure is its lines' sum while something
    holds it up (`_held_up`): the lines carry that doubt, not the total."""
    usable = [b for b in rows if not in_doubt(b)] or [b for b in rows if _held_up(b, stated)]
    return _largest([b for b in usable if b.forecast_gbp is not None]) or _largest(usable)


def _held_up(row: BudgetLine, stated: Money3) -> list[tuple[str, list[Provenance]]]:
    """What holds up a total its lines alone contradict, each with the places it used: the
    identities that held on it, and the document's text stating the same variance ([] where its
    doubt is not only its lines', or nothing holds it up)."""
    held = doubted_only_by_its_lines(row)
    if held is None:
        return []
    ways = [(c.identity, c.provenance) for c in held]
    variance = _variance(row)
    if (
        stated.variance_gbp is not None
        and variance is not None
        and math.isclose(stated.variance_gbp, variance)
    ):
        ways.append((STATED_WAY, stated.provenance))
    return ways


def corroborating(
    row: BudgetLine, lines: list[BudgetLine], figures: list[Figure], scopes: ScopeIndex
) -> list[Provenance]:
    """The other places the documents state a total its lines contradict the same: a row of another
    table with its budget, forecast and variance alike and not itself in doubt, and a sentence of
    another document naming children's services (analyse.scope.figure_subject) that states its
    variance as now, to the half unit it prints (analyse.restated.same_sum). A sentence of the
    total's own report is not one: a report's text is written from its own table."""
    where = row.provenance[0]
    figures3 = (row.budget_gbp, row.forecast_gbp, row.variance_gbp)
    rows = [
        b.provenance[0]
        for b in lines
        if b is not row
        and not in_doubt(b)
        and (b.budget_gbp, b.forecast_gbp, b.variance_gbp) == figures3
        and table_key(b.provenance[0]) != table_key(where)
    ]
    variance = _variance(row)
    said = [
        f.provenance[0]
        for f in figures
        if variance is not None
        and f.provenance[0].file != where.file
        and f.unit == FigureUnit.GBP
        and same_sum(f, variance)
        and names_childrens_services(figure_subject(f, scopes.words))
        and stated_as_now(f.text, f.value)
    ]
    return list(dict.fromkeys([*rows, *said]))


def lines_short(
    lines: list[BudgetLine], scopes: ScopeIndex, stated: Money3, figures: Sequence[Figure] = ()
) -> LinesShort | None:
    """Where the headline row is a total its lines do not add up to: what holds it up, and what
    its lines (those its failed check names) add to; None otherwise."""
    row = headline_row(childrens_rows(lines, scopes), stated)
    ways = _held_up(row, stated) if row is not None else []
    failed = next((c for c in row.checks if not c.held), None) if row is not None else None
    variance = _variance(row) if row is not None else None
    if failed is None or not ways or variance is None:
        return None
    summed = [b for b in lines if b.provenance[0] in failed.provenance]
    values = [v for b in summed if (v := _variance(b)) is not None]
    # A check that lists its lines only in part (a long table) cannot be summed from its list.
    if not values or len(values) != len(failed.provenance) or len(values) >= LISTED_LINES:
        return None
    slipped = next((b for b in summed if in_doubt(b) and stated_otherwise(b)), None)
    said = next((c for c in slipped.checks if not c.held), None) if slipped is not None else None
    return LinesShort(
        corroborated_by=corroborating(row, lines, list(figures), scopes) if row is not None else [],
        slipped_line=slipped.name if slipped is not None else "",
        slipped_statement=said.provenance[0].text if said is not None and said.provenance else "",
        slipped_provenance=[*slipped.provenance[:1], *said.provenance] if slipped and said else [],
        lines_variance_gbp=float(sum(values)),
        short_gbp=variance - float(sum(values)),
        ways=[way for way, _ in ways],
        ways_checked=len(ways),
        ways_places=[p for _, places in ways for p in places],
        supported_by=[SUPPORTING_WORDS[c.identity] for c in supported_by(row)] if row is not None else [],
        lines_provenance=[b.provenance[0] for b in summed],
    )


def rows_in_doubt(records: list[MoneyRow], position: Position, figures: list[Figure]) -> list[RowInDoubt]:
    """Each record its table's arithmetic contradicts and no reviewer settled, named, whether it
    is the children's headline (the directorate total only its service lines fall short of), and
    the prose `figures` that restate it (analyse.restated), which carry its doubt."""
    short = position.children_services_lines_short
    headline = position.children_services.provenance if short else []
    return [
        RowInDoubt(
            label=_label(r),
            provenance=r.provenance,
            headlines=bool(headline) and r.provenance == headline,
            # the headline's doubt says where the documents state it the same (corroborated there)
            doubt=(doubt(r) + (short.corroboration() if short and r.provenance == headline else "")).strip(),
            stated_otherwise=stated_otherwise(r),
            restated_in=restating(bare_name(_label(r)), doubted_amounts(r), _budget(r), figures),
        )
        for r in records
        if in_doubt(r)
    ]


def doubted_amounts(record: MoneyRow) -> list[float]:
    """The figures of a record in doubt that its failed arithmetic reaches (`reached_fields`)."""
    if isinstance(record, PlanLine):
        return [p.amount_gbp for p in record.planned]
    return [v for name in reached_fields(record) if isinstance(v := getattr(record, name), float)]


def reached_fields(record: BudgetLine | BudgetBuild) -> tuple[str, ...]:
    """The money fields of a record its failed arithmetic reaches: a total only its lines
    contradict, the figures a sum of lines can (`SUMMED_FIELDS`); one whose every failed check
    is that or names the fields it found wrong (`Check.fields`: the same line elsewhere differing
    in its forecast and variance alone), those; any other, all its money."""
    money = tuple(name for name in type(record).model_fields if name.endswith("_gbp"))
    if not isinstance(record, BudgetLine):
        return money
    if doubted_only_by_its_lines(record) is not None:
        return SUMMED_FIELDS
    failed = [c for c in record.checks if not c.held]
    # budget + variance = forecast failing says only that one of the three is wrong: where another
    # check names which (the total its lines must reach, the row's printed percentage), that one is
    if any(c.fields for c in failed):
        failed = [c for c in failed if c.identity != BUDGET_IDENTITY or c.fields]
    if not failed or not all(c.identity == TOTAL_IDENTITY or c.fields for c in failed):
        return money
    named = {f for c in failed for f in (c.fields or SUMMED_FIELDS)}
    return tuple(name for name in money if name in named)


def contradicted_figure(record: BudgetLine, field: str) -> bool:
    """Whether the record's own row's failed arithmetic reaches this figure of it (`reached_fields`):
    no share or percentage is worked out from such a figure. A total only its lines fall short of is
    not: it may headline, marked, and so may its share (`doubted_only_by_its_lines`)."""
    return in_doubt(record) and doubted_only_by_its_lines(record) is None and field in reached_fields(record)


def line_doubts(line: BudgetLine) -> dict[str, str]:
    """The words each figure of a budget line in doubt is printed with, by field ({} for a line
    not in doubt): the figures its failed arithmetic reaches (`reached_fields`), each with the
    line's caveat, so that wherever a figure of it is shown (a table's cell, a chart's bar) it
    says so (render.refs.Figures.fig reads `ScopedBudgetLine.doubts`)."""
    words = caveat(line)
    return dict.fromkeys(reached_fields(line), words) if words else {}


def _budget(record: MoneyRow) -> float | None:
    """The budget a share of the record's figures is a share of, where it has one."""
    return record.budget_gbp if isinstance(record, BudgetLine) else None


def _label(record: MoneyRow) -> str:
    """A money record's label as printed: a plan line's (with the heading that tells it apart) or
    a budget line's or build's name."""
    return record.label if isinstance(record, PlanLine) else record.name


def children_in_doubt(lines: list[BudgetLine], scopes: ScopeIndex) -> InDoubt | None:
    """The latest report's children's directorate row its arithmetic contradicts, as printed, with
    the identity that failed and those that held (its page total, the budget build, its own
    budget + variance = forecast): shown marked, never headlined, until a reviewer settles it."""
    rows = [b for b in childrens_rows(lines, scopes) if in_doubt(b)]
    row = _largest([b for b in rows if b.forecast_gbp is not None]) or _largest(rows)
    if row is None:
        return None
    money = Money3(
        budget_gbp=row.budget_gbp,
        forecast_gbp=row.forecast_gbp,
        variance_gbp=_variance(row),
        provenance=row.provenance,
        verification=row.verification.value,
        checks=[f"{c.identity}: {'held' if c.held else 'failed'} ({c.detail})" for c in row.checks],
    )
    failed = next((c for c in row.checks if not c.held), None)  # a row marked without its checks has none
    held = [c for c in row.checks if c.held]
    reading, summed = rows_reading(row, lines)
    return InDoubt(
        money=money,
        name=bare_name(row.name),
        failed=failed.identity if failed else "its table's arithmetic",
        failed_detail=failed.detail if failed else "",
        agrees=[c.identity for c in held],
        agree_places=[p for c in held for p in c.provenance],
        rows_variance_gbp=reading,
        rows_places=summed,
    )


# Within this of each other (in pounds), two readings of one variance agree: both are worked from
# the same printed figures, so only the float's last digits may differ.
SAME_READING_GBP = 1.0


def rows_reading(row: BudgetLine, lines: list[BudgetLine]) -> tuple[float | None, list[Provenance]]:
    """The variance of a total whose own row fails budget + variance = forecast, where two readings
    independent of its printed variance agree on it: its forecast less its budget, and the sum of
    the lines its failed lines-to-total check names (each verified by its own row). The printed
    variance is then the one figure the arithmetic rejects; (None, []) otherwise."""
    total = next((c for c in row.checks if c.identity == TOTAL_IDENTITY and not c.held), None)
    if total is None or row.budget_gbp is None or row.forecast_gbp is None:
        return None, []
    summed = [b for b in lines if b.provenance[0] in total.provenance and b is not row]
    values = [b.variance_gbp for b in summed if b.verification is Verification.VERIFIED]
    if not values or len(values) != len(total.provenance) or any(v is None for v in values):
        return None, []
    own = row.forecast_gbp - row.budget_gbp
    if abs(own - sum(v for v in values if v is not None)) > SAME_READING_GBP:
        return None, []
    return own, [b.provenance[0] for b in summed]


def _why_none(rows: list[BudgetLine], lines: list[BudgetLine], scopes: ScopeIndex) -> str | None:
    if rows:
        where = rows[0].provenance[0]
        page = f", page {where.page}" if where.page else ""
        failed = first_failure(rows[0])
        because = f" ({failed})" if failed else ""
        reading, _ = rows_reading(rows[0], lines)
        lines_give = (
            f" Its lines add up to a variance of {millions(reading)}, as its forecast less its budget does: "
            "the pack's reading of it, to be confirmed."
            if reading is not None
            else ""
        )
        # where education is a directorate (or division) of its own, the row is named as printed:
        # it is one part of the children's scope, not "the children's directorate" whole
        row = f"The {bare_name(rows[0].name)} row" if scopes.apart else "The children's directorate row"
        return (
            f"{row} in {where.file}{page} does not agree with its table's "
            f"arithmetic{because}, so no headline position is given until a reviewer confirms or corrects it against the source; "
            f"the service lines are shown as read.{lines_give}"
        )
    if any(b.level == "service_line" and is_childrens(scopes.budget_line(b)) for b in lines):
        return (
            "No children's directorate summary row was found in the budget monitoring received, so no "
            "headline position is given; a service line does not stand in for it."
        )
    return None


def mtfp_gap(extraction: Extraction) -> list[GapYear]:
    """The gap by year, positive a gap and negative a surplus: the plan's gap rows, else budget
    lines or stated figures named as the gap."""
    rows = not_cumulative(_gap_rows(extraction))
    years = _from_plan_lines(_parts_summed(rows))
    if not years:
        years = _from_budget_lines([b for b in extraction.budget_lines if GAP_WORDS.search(b.name)])
    if not years:
        years = _from_figures([f for f in extraction.figures if _is_gap_figure(f)])
    return sorted(years.values(), key=lambda g: g.period or "")


def _gap_rows(extraction: Extraction) -> list[PlanLine]:
    """The plan's gap rows, each with a gap positive."""
    rows = extraction.mtfp_gaps + [
        p for p in extraction.pressures if (p.category or "").lower() == MTFP_GAP_CATEGORY
    ]
    return [_as_gap(row, extraction.mtfp_totals) for row in rows]


def _as_gap(row: PlanLine, totals: list[PlanLine]) -> PlanLine:
    """The row with a gap positive. A balancing row that does not call itself a gap ("Unresolved
    balance / surplus") in a plan that writes savings as negatives is signed as those savings are:
    negative is what is still to be found, positive a surplus."""
    if EXPLICIT_GAP.search(row.title) or not _savings_negative(row, totals):
        return row
    flipped = [p.model_copy(update={"amount_gbp": -p.amount_gbp}) for p in row.planned]
    return row.model_copy(update={"planned": flipped})


def _savings_negative(row: PlanLine, totals: list[PlanLine]) -> bool:
    """Most of the stated savings totals of the row's document are negative."""
    file = row.provenance[0].file
    values = [
        p.amount_gbp
        for t in totals
        if t.provenance[0].file == file and SAVINGS_WORD.search(t.title)
        for p in t.planned
        if p.amount_gbp
    ]
    return bool(values) and sum(v < 0 for v in values) * 2 > len(values)


def _parts_summed(rows: list[PlanLine]) -> list[list[PlanLine]]:
    """Gap rows of one table that are parts of one balance ("Unresolved balance" and "Adult
    social care funding unresolved balance", both in the net budget) as one group, to be summed by
    year. Rows that restate the gap another way (cumulative, before or after savings) are not
    parts: the first row of such a table stands for it, as for rows in different tables."""
    by_table: dict[tuple[str, str], list[PlanLine]] = {}
    for row in rows:
        by_table.setdefault(_table_of(row), []).append(row)
    out: list[list[PlanLine]] = []
    for group in by_table.values():
        titles = {row.title.lower() for row in group}
        if len(titles) < 2 or any(RESTATED_WORDS.search(title) for title in titles):
            out += [[row] for row in group]
        else:
            out.append(group)
    return out


def _table_of(row: PlanLine) -> tuple[str, str]:
    where = row.provenance[0]
    return where.file, re.sub(r",?\s*row \d+$", "", where.locator) + f" p{where.page}"


def _from_plan_lines(groups: list[list[PlanLine]]) -> dict[str | None, GapYear]:
    out: dict[str | None, GapYear] = {}
    for group in groups:
        for period in dict.fromkeys(p.period for row in group for p in row.planned):
            out.setdefault(period, _gap_year(period, group))
    return out


def _gap_year(period: str | None, group: list[PlanLine]) -> GapYear:
    """The year's gap from one group of rows: their sum, and, where there are several, each row
    with its own figure (the gap's make-up, largest shortfall first)."""
    parts = [
        GapPart(
            label=row.title,
            words=row_words(row.title),
            amount_gbp=sum(p.amount_gbp for p in row.planned if p.period == period),
            provenance=row.provenance,
            scope=text_scope(row.title) or Scope.COUNCIL_WIDE,
        )
        for row in group
        if any(p.period == period for p in row.planned)
    ]
    return GapYear(
        period=period,
        amount_gbp=sum(part.amount_gbp for part in parts),
        provenance=[p for part in parts for p in part.provenance],
        label=" + ".join(part.label for part in parts),
        parts=sorted(parts, key=lambda part: -part.amount_gbp) if len(parts) > 1 else [],
    )


def _from_budget_lines(rows: list[BudgetLine]) -> dict[str | None, GapYear]:
    out: dict[str | None, GapYear] = {}
    for row in rows:
        value = row.budget_gbp if row.budget_gbp is not None else row.variance_gbp
        if row.period and value is not None:
            out.setdefault(
                row.period, GapYear(period=row.period, amount_gbp=value, provenance=row.provenance)
            )
    return out


def _from_figures(figures: list[Figure]) -> dict[str | None, GapYear]:
    out: dict[str | None, GapYear] = {}
    for fig in figures:
        out.setdefault(
            fig.period, GapYear(period=fig.period, amount_gbp=fig.value, provenance=fig.provenance)
        )
    return out


def _is_gap_figure(fig: Figure) -> bool:
    return fig.unit == FigureUnit.GBP and fig.value > 0 and bool(GAP_WORDS.search(fig.label or ""))


def _variance(line: BudgetLine) -> float | None:
    if line.variance_gbp is not None:
        return line.variance_gbp
    if line.budget_gbp is not None and line.forecast_gbp is not None:
        return line.forecast_gbp - line.budget_gbp
    return None


def _largest(lines: list[BudgetLine]) -> BudgetLine | None:
    return max(lines, key=lambda b: abs(b.budget_gbp or 0.0), default=None)


def _sum(values: list[float | None]) -> float | None:
    present = [v for v in values if v is not None]
    return float(sum(present)) if present else None


def _money(row: BudgetLine) -> Money3:
    return Money3(
        budget_gbp=row.budget_gbp,
        forecast_gbp=row.forecast_gbp,
        variance_gbp=_variance(row),
        provenance=row.provenance,
        verification=reviewer_settled(row) or row.verification.value,
        checks=[f"{c.identity}: {'held' if c.held else 'failed'} ({c.detail})" for c in row.checks],
        doubts=doubted_fields(row),
    )


def education_rows(lines: list[BudgetLine], scopes: ScopeIndex, file: str) -> list[BudgetLine]:
    """The rows of `file` for a directorate or division that holds education and SEND apart from
    children's services ("Education, Skills and SEND", "Education & SEND subtotal"): the review's
    too (the Director of Children's Services' statutory remit), though never the children's row."""
    return [
        b
        for b in lines
        if b.level == "directorate"
        and b.provenance[0].file == file
        and scopes.budget_line(b) is Scope.EDUCATION_SEND_TRANSPORT
        and education_apart(b.directorate or b.name)
    ]


def _by_name(rows: list[BudgetLine]) -> dict[str, list[BudgetLine]]:
    """Rows by the directorate they are (a summary's "Children's Services" and the "Children's
    Services total" closing its own page are one)."""
    named: dict[str, list[BudgetLine]] = {}
    for row in rows:
        named.setdefault(" ".join(sorted(content_words(bare_name(row.name)))), []).append(row)
    return named


def children_scope(
    lines: list[BudgetLine], scopes: ScopeIndex, children: Money3, name: str | None
) -> ChildrensScope | None:
    """The children's scope where the latest report prints education and SEND as a directorate or
    division of its own beside the children's one: each part's figures (the children's headline, or
    its row in doubt as printed, marked; each education row the arithmetic does not contradict, else
    as printed) and their sum. None where the children's row is the whole scope, or none is printed."""
    if children.variance_gbp is None or not children.provenance or name is None:
        return None
    where = children.provenance[0]
    held = parts_of(lines)
    headline = next((b for b in lines if b.provenance == children.provenance), None)
    inside = [b for b in lines if headline is not None and held.get(id(b)) is headline]
    education = [b for b in education_rows(lines, scopes, where.file) if id(b) not in held]
    if not education and any(b in inside for b in education_rows(lines, scopes, where.file)):
        return _of_which(name, children, inside, scopes)
    parts = [ScopePart(name=name, scope=Scope.CHILDRENS_SOCIAL_CARE, money=children)]
    rows: list[BudgetLine] = []
    for named in _by_name(education).values():
        # the row beside the children's one (its summary table) where it is sound, else any sound one
        sound = [b for b in named if not in_doubt(b)] or named
        beside = [b for b in sound if table_key(b.provenance[0]) == table_key(where)]
        row = _largest(beside) or _largest(sound)
        if row is not None and _variance(row) is not None:
            rows.append(row)
            parts.append(
                ScopePart(name=bare_name(row.name), scope=Scope.EDUCATION_SEND_TRANSPORT, money=_money(row))
            )
    if len(parts) < 2:
        return None
    noun, within = _scope_noun(lines, scopes, where, rows)
    names = [p.name for p in parts]
    listed = " and ".join([", ".join(names[:-1]), names[-1]]) if len(names) > 2 else " and ".join(names)
    label = f"Children's services (the {listed}"
    label += f" {noun}" if noun else ""
    label += (
        f" of the {within}{'' if 'directorate' in within.lower() else ' directorate'})" if within else ")"
    )
    return ChildrensScope(label=label, noun=noun, within=within, parts=parts, total=_parts_sum(parts))


def _of_which(name: str, children: Money3, inside: list[BudgetLine], scopes: ScopeIndex) -> ChildrensScope:
    """The children's scope where the headline row is one directorate whose total holds its education
    division (and any children's division) (analyse.scope.parts_of): the directorate's row is the
    scope's total, as stated, and each division is a part of it, "of which", never added to it."""
    parts = [
        ScopePart(
            name=bare_name(row.name),
            scope=Scope.CHILDRENS_SOCIAL_CARE if childrens else Scope.EDUCATION_SEND_TRANSPORT,
            money=_money(row),
        )
        for childrens in (True, False)
        for named in _by_name(inside).values()
        if (row := _largest(named)) is not None
        and _variance(row) is not None
        and (scopes.budget_line(row) is Scope.CHILDRENS_SOCIAL_CARE) == childrens
    ]
    directorate = name if "directorate" in name.lower() else f"{name} directorate"
    names = [p.name for p in parts]
    listed = " and ".join([", ".join(names[:-1]), names[-1]]) if len(names) > 2 else " and ".join(names)
    label = (
        f"Children's services (the {directorate}, with its {listed} division{'s' if len(names) > 1 else ''})"
    )
    return ChildrensScope(
        label=label, noun="divisions", within=name, parts=parts, total=children, of_which=True
    )


def _scope_noun(
    lines: list[BudgetLine], scopes: ScopeIndex, children: Provenance, education: list[BudgetLine]
) -> tuple[Literal["directorates", "divisions"] | None, str | None]:
    """What the report makes the parts: directorates where they are rows of the council's own
    summary (the table its council total closes), divisions where they sit in a table of one wider
    directorate (the directorate the table's title names and a row of the report totals); neither
    where the report does not say."""
    keys = {table_key(children), *(table_key(b.provenance[0]) for b in education)}
    council = {table_key(b.provenance[0]) for b in lines if b.level == "total"}
    if keys <= council:
        return "directorates", None
    if len(keys) != 1:
        return None, None
    title = content_words(scopes.heading(children))
    wider = [
        b
        for b in lines
        if b.level == "directorate"
        and b.provenance[0].file == children.file
        and not is_childrens(scopes.budget_line(b))
        and (words := content_words(bare_name(b.name)) - {"directorate"})
        and words <= title
    ]
    if not wider:
        return None, None
    return "divisions", bare_name(_largest(wider).name)  # type: ignore[union-attr]


def _parts_sum(parts: list[ScopePart]) -> Money3:
    """The parts' sum, derived: verified where each part is; each field in doubt where a part's is."""
    fields = ("budget_gbp", "forecast_gbp", "variance_gbp")
    # a sum only where every part gives the figure: a part's figure missing is no zero
    sums = {
        f: _sum([getattr(p.money, f) for p in parts])
        if all(getattr(p.money, f) is not None for p in parts)
        else None
        for f in fields
    }
    states = {p.money.verification for p in parts}
    doubts: dict[str, str] = {}
    for part in parts:
        for field_name, words in part.money.doubts.items():
            doubts.setdefault(field_name, words)
        if part.money.verification == "contradicted":
            # a part shown as printed though its arithmetic fails: every figure summed from it is in doubt
            for field_name in fields:
                doubts.setdefault(field_name, "in doubt: a part is as printed")
    return Money3(
        budget_gbp=sums["budget_gbp"],
        forecast_gbp=sums["forecast_gbp"],
        variance_gbp=sums["variance_gbp"],
        provenance=[p.money.provenance[0] for p in parts if p.money.provenance],
        verification="verified"
        if states == {"verified"}
        else ("contradicted" if "contradicted" in states else None),
        checks=["the sum of its parts (derived)"],
        doubts=doubts,
    )
