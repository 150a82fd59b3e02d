"""Domain records (savings, pressures, budget lines, MTFP gaps) read from a document's tables.

Column meaning comes from the headings (`extract.tables.headers`), units from the table or its
headings, and whether a row is a saving or a pressure from the nearest thing that says so: a
section row above it ("Savings", "Pressures"), else the table's title, else the heading of the
column that names the line, else the row's own category cell, else the columns a savings tracker
has, else the kind of document (a savings plan's lines are savings); where nothing says, the
row gives no record. Rows under funding or reserves (grants, council tax, contributions to
reserves) are neither and give no record, nor are a table's in-year management actions (mitigations
of an overspend, not savings the budget planned); nor do the lines of a table that builds up a whole
budget by year (base budget, changes by category, net budget), which restate other tables'
totals; nor do those of a table that sets two plans' years side by side; nor do the rows of a
summary by directorate or by RAG rating ("Children's Services | 5.64 | 3.91", "Red | 3 | 1,200"),
which total other lines. A budget book whose
column groups are directorates gives each directorate's budget from its net budget row
(`extract.domain.budget.budgets_by_column_group`); a table building next year's budget from
the base gives BudgetBuilds (`extract.domain.build`).

MTFP gaps ("Budget gap", "Unresolved balance" rows of a table with year columns, and "Savings to
be found" where it is not a line under a savings heading) are PlanLines with category
`mtfp_gap`, their amounts in the source's sign, kept apart from pressures in
`DomainRecords.mtfp_gaps`. Stated total rows of such tables ("TOTAL SPENDING", "NET BUDGET")
are PlanLines with category `mtfp_total` in `DomainRecords.mtfp_totals`; a total that prints the
label of another carries what tells them apart as its `section` (`extract.domain.sections`). The
lines of a plan's memorandum, which analyse a total and are never added into one ("MEMORANDUM:
Removal of undelivered savings ...; New & FYE of existing Savings ..."), are kept beside them with
category `mtfp_memorandum` in `DomainRecords.mtfp_memoranda`: they say what a total is made of (new savings, and earlier savings
reversed), which no line elsewhere does.

A row of a plan by year that states part of the row above it ("Spending pressures | 78.40", then
"of which Children, Young People and Education | 31.20") is that part: a pressure or saving as the
row above is one, by its own label where nothing else says, filed under the directorate its words
name, and added into no total (`RowKind.PART`). The row above, where nothing else makes it a line of
its kind, states the whole: a stated total (`mtfp_total`). A part of a total row ("Total savings",
then "of which Children's") gives no record: the total's lines, above it, are read already, and
the part would count them twice.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from pydantic import Field, ValidationError

from extract.domain.budget import (
    budget_line,
    budgets_by_column_group,
    directorates_from_totals,
    heads_by_sums,
    is_budget_table,
    lines_are_directorates,
)
from extract.domain.build import builds_from_tables
from extract.domain.savings import SignRule, planned, savings_line
from extract.domain.savings_signs import savings_rules
from extract.domain.sections import total_sections
from extract.numbers import normalise_period, parse_amount
from extract.records import (
    MONEY_FIELDS,
    BudgetBuild,
    BudgetLine,
    Passage,
    PlanLine,
    SavingsLine,
    StatedTotal,
    Table,
)
from extract.tables.layout import title_period, title_subject
from extract.tables.rows import Row, RowKind, heading_name, read_rows, table_locator, table_numbers
from extract.tables.vocabulary import (
    FUNDING_WORDS,
    MEMORANDUM,
    MITIGATION_WORDS,
    OF_WHICH,
    PRESSURE_WORDS,
    SAVING_WORDS,
    UNFOUND_SAVINGS,
    Role,
    funding_of,
)
from extract.verify.category_totals import stated_totals
from extract.verify.columns import chosen_rows
from extract.verify.status import verified
from extract.verify.verdicts import row_verdicts
from ingest.records import DocError, Document, DocumentKind, Record

MTFP_GAP = "mtfp_gap"
MTFP_TOTAL = "mtfp_total"
MTFP_MEMORANDUM = "mtfp_memorandum"
KIND_CACHE = 1 << 12  # texts whose kind is kept
TRACKER_ROLES = (Role.TARGET, Role.RAG, Role.ACHIEVED, Role.SHORTFALL, Role.UNDELIVERABLE, Role.SLIPPED)


class DomainRecords(Record):
    """What `records_from_tables` reads from one document's tables."""

    savings: list[SavingsLine] = Field(default_factory=list)
    pressures: list[PlanLine] = Field(default_factory=list)
    budget_lines: list[BudgetLine] = Field(default_factory=list)
    mtfp_gaps: list[PlanLine] = Field(default_factory=list)
    mtfp_totals: list[PlanLine] = Field(default_factory=list)
    mtfp_memoranda: list[PlanLine] = Field(default_factory=list)  # a memorandum's lines, adding to no total
    budget_builds: list[BudgetBuild] = Field(default_factory=list)
    stated_totals: list[StatedTotal] = Field(default_factory=list)
    errors: list[DocError] = Field(default_factory=list)


@lru_cache(maxsize=KIND_CACHE)
def kind_named(text: str | None) -> str | None:
    """'saving' or 'pressure' where a text says which and only one of them; 'funding' where it
    speaks only of funding (grants, council tax), and 'mitigation' where only of in-year management
    actions, which are neither. Remembered: every line of a table asks it of the same title and
    sections."""
    if not text:
        return None
    saving, pressure = bool(SAVING_WORDS.search(text)), bool(PRESSURE_WORDS.search(text))
    if saving != pressure:
        return "saving" if saving else "pressure"
    if saving:
        return None
    if FUNDING_WORDS.search(text):
        return "funding"
    return "mitigation" if MITIGATION_WORDS.search(text) else None


def _label_heading(row: Row) -> str:
    label = next(
        (c for c in row.layout.columns if c.index < len(row.cells) and row.cells[c.index] == row.label), None
    )
    return label.text if label else ""


def row_kind(row: Row, document: Document) -> str:
    """Whether a line is a saving, a pressure or funding, from the nearest evidence that says so."""
    # A section that only names the line's own group (a directorate heading such as "Growth,
    # Environment and Transport") says nothing of the line's kind.
    group = heading_name(row.group)
    sections = [s for s in reversed(row.sections) if not group or heading_name(s) != group]
    texts = [*sections, row.table.title, _label_heading(row), row.text(Role.CATEGORY)]
    # a table tracking delivery (a rating, achieved or short) lists savings, though a section of it
    # is headed "Mitigations" (savings replacing others): a mitigation only where none is tracked
    tracked = any(row.layout.first(role) for role in TRACKER_ROLES if role is not Role.TARGET)
    for text in texts:
        found = kind_named(text)
        if found == "mitigation" and tracked:
            return "saving"
        if found:
            return found
    if any(row.layout.first(role) for role in TRACKER_ROLES):
        return "saving"
    # Nothing says which: a savings plan's lines are savings; elsewhere a table of figures by
    # year (a tax base, a collection fund) is no evidence of a pressure.
    return "saving" if document.kind is DocumentKind.SAVINGS_PLAN else "unknown"


def line_fields(row: Row) -> dict[str, Any]:
    """The text fields every PlanLine has, read from the row's columns."""
    description = row.text(Role.DESCRIPTION)
    return {
        "title": row.label or row.first_text,
        "description": description if description and description != row.label else "",
        "ref": row.text(Role.REF),
        "category": row.text(Role.CATEGORY) or (row.section or None),
        "directorate": row.text(Role.DIRECTORATE) or row.group or title_subject(row.table),
        "service_area": row.text(Role.SERVICE),
        "funding": funding_of(row.text(Role.FUNDING)),
    }


def _period(row: Row, document: Document, year: str | None = None) -> str | None:
    """The year a tracker or monitoring row speaks of: its column's, its table's title's, its
    only year column's, or else the one year the file's name gives, or else the one year the
    document's opening names (`year`: "Revenue Budget Monitoring 2025/26 – Quarter 3" above a
    table whose caption notes stand between it and its title)."""
    target = row.layout.first(Role.TARGET)
    years = [c.period for c in row.layout.having(Role.YEAR)]
    single_year = years[0] if len(years) == 1 else None
    found = (target.period if target else None) or title_period(row.table) or single_year
    return found or normalise_period(document.file) or year


# How much of a document's opening text (its title and first lines) may name its one year.
OPENING_CHARS = 300


def opening_year(passages: list[Passage]) -> str | None:
    """The one financial year a document's opening names ("Revenue Budget Monitoring 2025/26 –
    Quarter 3 (Period 9)"), None where it names none or several (a plan "2026/27 to 2028/29")."""
    return normalise_period("\n".join(p.text for p in passages[:5])[:OPENING_CHARS])


def _has_plan_figures(row: Row) -> bool:
    """A plan line has figures by year, or a tracker's target, delivery or rating; a table with
    only some other money column (a risk register's exposure) gives no plan lines."""
    if any(c.index in row.amounts for c in row.layout.having(Role.YEAR)):
        return True
    return any(row.layout.first(role) for role in TRACKER_ROLES + (Role.FORECAST,)) and (
        bool(row.amounts) or bool(row.text(Role.RAG))
    )


def _is_summary(row: Row) -> bool:
    """A row named only by its rating ("Red | 3 | 1,200": a tracker's summary by RAG) or by its
    directorate ("Children's Services | 5.64 | 3.91 | 1.73", in a table of savings by directorate):
    a total of other lines, not a saving or pressure of its own."""
    by_rating = bool(row.label) and row.label == row.text(Role.RAG)
    return by_rating or _named_only_by_directorate(row)


# The columns that name a line of its own: a row with words in one is a saving or pressure, whatever
# directorate it is filed under.
NAMING_ROLES = (None, Role.REF, Role.TITLE, Role.DESCRIPTION)


def _named_only_by_directorate(row: Row) -> bool:
    """A figure in a column of no known role ('High | Medium | Low', a summary's ratings) names
    nothing; words do, and so does a reference, whatever it is."""
    named_by = row.layout.first(Role.DIRECTORATE)
    names = (c for c in row.layout.text_columns if c is not named_by and c.role in NAMING_ROLES)
    return lines_are_directorates(row) and not any(
        c.index < len(row.cells)
        and row.cells[c.index]
        and (c.role is not None or parse_amount(row.cells[c.index]) is None)
        for c in names
    )


def _plan_total(row: Row, category: str) -> PlanLine:
    """A gap or a stated total by year, in the source's sign."""
    fields = line_fields(row) | {"title": row.label or row.first_text, "category": category}
    return PlanLine(**fields, planned=planned(row), provenance=[row.provenance])


def _in_memorandum(row: Row) -> bool:
    """A row under a memorandum heading of a plan by year: it analyses a total, adds to none."""
    return any(MEMORANDUM.search(s) for s in row.sections) and bool(row.layout.having(Role.YEAR))


def _is_gap(row: Row, document: Document) -> bool:
    if row.kind is RowKind.GAP:
        return True
    unfound = row.kind is RowKind.LINE and bool(UNFOUND_SAVINGS.search(row.label))
    return unfound and bool(row.layout.having(Role.YEAR)) and row_kind(row, document) != "saving"


def is_saving_line(row: Row, document: Document) -> bool:
    """A line of a plan or tracker (not budget monitoring) that is a saving."""
    plan_line = not is_budget_table(row) and _has_plan_figures(row)
    return plan_line and row_kind(row, document) == "saving"


def wholes_of_parts(rows: list[Row]) -> dict[int, Row]:
    """The row each "of which" row is part of (by `id` of the part): the nearest row above it in
    its table that is not itself a part, a heading or nothing."""
    out: dict[int, Row] = {}
    whole: Row | None = None
    for row in rows:
        if row.kind is RowKind.PART:
            if whole is not None and whole.table is row.table:
                out[id(row)] = whole
        elif row.kind not in (RowKind.SECTION, RowKind.SKIP):
            whole = row
    return out


def _part(row: Row, whole: Row, document: Document, rule: SignRule, out: dict[str, list]) -> None:
    """An "of which" row: a pressure or saving as its whole is one (by the whole's own label where
    nothing else says), the directorate its words name."""
    if whole.kind is RowKind.TOTAL:
        return  # a total of lines its table itemises: the part restates those lines, read already
    phasing = planned(row)
    found = row_kind(whole, document)
    kind = found if found != "unknown" else kind_named(whole.label)
    named = OF_WHICH.sub("", row.label).strip() or None
    fields = line_fields(row) | {"directorate": named or line_fields(row)["directorate"]}
    if kind == "pressure" and phasing:
        out["pressures"].append(PlanLine(**fields, planned=phasing, provenance=[row.provenance]))
    elif kind == "saving" and phasing:
        out["savings"].append(savings_line(row, fields, rule, None))


def _wholes(parts: dict[int, Row]) -> frozenset[int]:
    return frozenset(id(whole) for whole in parts.values())


def _states_whole(row: Row, document: Document, wholes: frozenset[int]) -> bool:
    """A line with "of which" parts under it that nothing else makes a line of its kind: the whole."""
    return id(row) in wholes and row.kind is RowKind.LINE and row_kind(row, document) == "unknown"


def _record(
    row: Row,
    document: Document,
    rule: SignRule,
    directorates: dict[int, str],
    out: dict[str, list],
    heads: frozenset[int] = frozenset(),
    year: str | None = None,
    parts: dict[int, Row] | None = None,
) -> None:
    if row.layout.compares_plans:
        return  # two plans' years side by side restate lines read elsewhere
    parts = parts or {}
    if row.kind is RowKind.PART:
        if id(row) in parts:
            _part(row, parts[id(row)], document, rule, out)
        return
    if _in_memorandum(row):
        if row.label and planned(row):
            out["mtfp_memoranda"].append(_plan_total(row, MTFP_MEMORANDUM))
    elif _is_gap(row, document):
        out["mtfp_gaps"].append(_plan_total(row, MTFP_GAP))
    elif is_budget_table(row):
        if row.kind in (RowKind.LINE, RowKind.TOTAL, RowKind.SUMMARY):
            directorate = directorates.get(id(row)) or row.section or title_subject(row.table)
            line = budget_line(row, directorate, _period(row, document, year), id(row) in heads)
            out["budget_lines"].append(line)
    elif (row.kind is RowKind.TOTAL or _states_whole(row, document, _wholes(parts))) and planned(row):
        out["mtfp_totals"].append(_plan_total(row, MTFP_TOTAL))
    elif row.kind is not RowKind.LINE or not _has_plan_figures(row) or _is_summary(row):
        return
    elif row_kind(row, document) == "saving":
        out["savings"].append(savings_line(row, line_fields(row), rule, _period(row, document, year)))
    elif row_kind(row, document) == "pressure" and (phasing := planned(row)):
        # A pressure is money by year; an amount with no year cannot be placed in a plan.
        out["pressures"].append(PlanLine(**line_fields(row), planned=phasing, provenance=[row.provenance]))


def records_from_tables(tables: list[Table], document: Document, year: str | None = None) -> DomainRecords:
    """Savings, pressures, budget lines and MTFP gaps from one document's tables, in order, each
    with the checks its table's arithmetic allows (`extract.verify`); `year` is the one the
    document's opening names (`opening_year`), a row's year where nothing nearer gives one."""
    read = read_rows(tables, document)
    rows, readings = chosen_rows(read)
    rules = savings_rules(rows, lambda row: is_saving_line(row, document))
    monitoring = [r for r in rows if is_budget_table(r)]
    heads, named = heads_by_sums(monitoring)
    directorates = directorates_from_totals(monitoring) | named
    checks = row_verdicts(rows, heads, set(named))
    parts = wholes_of_parts(rows)
    out: dict[str, list] = {key: [] for key in (*MONEY_FIELDS, "mtfp_memoranda")}
    errors: list[DocError] = []
    for row in rows:
        before = {key: len(found) for key, found in out.items()}
        try:
            _record(row, document, rules[id(row.table)], directorates, out, frozenset(heads), year, parts)
        except ValidationError as exc:
            message = f"{row.provenance.locator}: {exc.errors()[0]['msg']}"
            errors.append(DocError(code="row_unreadable", message=message, page=row.table.page))
        for key, found in out.items():
            found[before[key] :] = [
                verified(r, checks.get(id(row), []), readings.get(id(row), [])) for r in found[before[key] :]
            ]
    for table, number in zip(tables, table_numbers(tables), strict=True):
        out["budget_lines"] += budgets_by_column_group(table, table_locator(table, number), document)
    locators = [
        table_locator(table, number) for table, number in zip(tables, table_numbers(tables), strict=True)
    ]
    out["budget_builds"] = builds_from_tables(tables, locators, document)
    sections = total_sections(rows)
    out["mtfp_totals"] = [
        t.model_copy(update={"section": sections.get(t.provenance[0].locator)}) for t in out["mtfp_totals"]
    ]
    lines = [*out["savings"], *out["pressures"], *out["budget_lines"]]
    return DomainRecords(**out, stated_totals=stated_totals(read, lines), errors=errors)
