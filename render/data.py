"""The extracted data for reviewers' own spreadsheets: an XLSX workbook and JSON.

A README sheet first (units, signs, scope and status meanings), then one sheet per kind of record,
one row per record (a pressure, a saving's plan, a benchmark's trend: one row per year), with its
scope, whether its document's arithmetic proves it, what reviewers did to it (a corrected figure's
cell is shaded), and the source of each row in provenance columns. Every amount of money is in
pounds, as a number. Every number cell is traced: a hidden sheet of the same shape beside each
("Savings refs") holds, at the same cell, the ref of the record field it was written from
(render.refs), and the cell holds that field's value as it is. Text that a spreadsheet would read as a formula (=, +, -, @,
tab or carriage return first) is escaped with a leading apostrophe, so a document cannot smuggle a
formula into a reviewer's workbook.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet
from pydantic import BaseModel

from analyse.records import (
    DIRECTORATE_ROW,
    DIRECTORATE_ROW_APART,
    FLAG_NAMES,
    SCOPE_NAMES,
    GrowthCheck,
    JudgedReason,
    PlanDelivery,
    Review,
    SavingJudgement,
    Scope,
    YearTable,
    line_key,
    rating_name,
)
from extract.records import (
    BudgetBuild,
    BudgetLine,
    Extraction,
    Figure,
    FigureUnit,
    PeriodAmount,
    PlanLine,
    Provenance,
    SavingsLine,
)
from extract.tables.vocabulary import CategoryKind
from render import fmt, views
from render.marks import reviewer_mark
from render.refs import Figures, value_of
from render.stand_in import council_line, stand_in

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
GBP = "£#,##0;-£#,##0"
DECIMAL = "#,##0.0"
WHOLE = "#,##0"
HEADER_FILL = PatternFill("solid", fgColor="10324F")
CORRECTED_FILL = PatternFill("solid", fgColor="FFF2CC")  # a cell a reviewer corrected
PROVENANCE_HEADERS = ["Source file", "Page", "Locator", "Source text", "Other sources"]
REFS_SUFFIX = " refs"  # the hidden sheet of refs beside each sheet
Source = tuple[Any, str | int]  # the record and field a cell's value is written from


def escape_cell(value: Any) -> Any:
    """Text starting like a formula gets a leading apostrophe; other values pass through."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def provenance_cells(provs: Sequence[Provenance], names: dict[str, str] | None = None) -> list[Any]:
    """A record's source: file, page, locator, text, and its other sources in a line. A national
    data set is named by its public name (`names`: Review.source_names), never our copy's path."""
    if not provs:
        return ["", None, "", "", ""]
    named = names or {}
    first, rest = provs[0], provs[1:]
    others = "; ".join(
        f"{named.get(p.file, p.file)} p.{p.page} {p.locator}"
        if p.page
        else f"{named.get(p.file, p.file)} {p.locator}"
        for p in rest
    )
    return [named.get(first.file, first.file), first.page, first.locator, first.text, others]


@dataclass(frozen=True)
class Column:
    header: str
    value: Callable[[Any], Any]
    number_format: str | None = None
    width: int = 14
    source: Callable[[Any], Source] | None = None  # a number's record and field, for its ref


def field(
    header: str, at: Callable[[Any], Any], name: str | int, number_format: str, width: int = 14
) -> Column:
    """A number column: the value of field `name` of the record `at(row)` picks, traced to it."""

    def value(r: Any) -> Any:
        held = at(r)
        return None if held is None else value_of(held, name)  # an optional record left out

    return Column(header, value, number_format, width, source=lambda r: (at(r), name))


def write_sheet(
    book: Workbook,
    title: str,
    columns: Sequence[Column],
    records: Iterable[Any],
    provenance: Callable[[Any], Sequence[Provenance]] | None,
    figs: Figures,
    names: dict[str, str] | None = None,
) -> list[list[str | None]]:
    """A sheet with a bold frozen header, an autofilter, number formats and provenance columns
    (sources named by `names`, Review.source_names); returns its refs, row by row, cell by cell,
    for its hidden sheet of refs."""
    sheet = book.create_sheet(title)
    if provenance:
        columns = [*columns, *provenance_columns(provenance, names)]
    sheet.append([c.header for c in columns])
    refs: list[list[str | None]] = [[c.header for c in columns]]
    for record in records:
        sheet.append([escape_cell(c.value(record)) for c in columns])
        refs.append([_ref(figs, c, record) for c in columns])
        _shade_corrected(sheet, columns, record)
    for i, column in enumerate(columns, start=1):
        if column.number_format:
            for (cell,) in sheet.iter_rows(min_row=2, min_col=i, max_col=i):
                cell.number_format = column.number_format
    style_sheet(sheet, [c.width for c in columns])
    return refs


def write_refs(book: Workbook, refs: dict[str, list[list[str | None]]]) -> None:
    """Each sheet's refs in a hidden sheet of the same shape, after the sheets a reader uses."""
    for title, rows in refs.items():
        sheet = book.create_sheet(title + REFS_SUFFIX)
        sheet.sheet_state = "hidden"
        for row in rows:
            sheet.append(row)


def _ref(figs: Figures, column: Column, record: Any) -> str | None:
    """The ref of a number cell; None for words (and for a number with no value)."""
    if column.source is None:
        return None
    at, name = column.source(record)
    return figs.ref(at, name) if at is not None and value_of(at, name) is not None else None


def provenance_columns(
    provenance: Callable[[Any], Sequence[Provenance]], names: dict[str, str] | None = None
) -> list[Column]:
    def first(r: Any) -> Provenance | None:
        provs = provenance(r)
        return provs[0] if provs else None

    def cell(i: int) -> Callable[[Any], Any]:
        return lambda r: provenance_cells(provenance(r), names)[i]

    widths = [28, 7, 22, 50, 30]
    return [
        Column(PROVENANCE_HEADERS[0], cell(0), width=widths[0]),
        Column(PROVENANCE_HEADERS[1], cell(1), width=widths[1], source=lambda r: (first(r), "page")),
        *(Column(h, cell(i), width=widths[i]) for i, h in enumerate(PROVENANCE_HEADERS[2:], start=2)),
    ]


def _shade_corrected(sheet: Worksheet, columns: Sequence[Column], record: Any) -> None:
    """Shade the cells of the row just written whose field of this record a reviewer corrected."""
    fields = {r.field for r in getattr(record, "reviewed", None) or [] if r.action == "corrected"}
    for i, column in enumerate(columns, start=1):
        if (
            fields
            and column.source
            and column.source(record)[0] is record
            and column.source(record)[1] in fields
        ):
            sheet.cell(row=sheet.max_row, column=i).fill = CORRECTED_FILL


def style_sheet(sheet: Worksheet, widths: Sequence[int]) -> None:
    for cell in sheet[1]:
        cell.font = Font(bold=True, color="FFFFFF")
        cell.fill = HEADER_FILL
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    for i, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(i)].width = width
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = sheet.dimensions


def money(name: str) -> Column:
    return field(name.replace("_gbp", "").replace("_", " ").capitalize() + " (£)", lambda r: r, name, GBP)


def record(r: Any) -> Any:
    return r


def text(header: str, field: str, width: int = 16) -> Column:
    return Column(header, lambda r: _plain(getattr(r, field)), width=width)


def _plain(value: Any) -> Any:
    """Enums as their values, lists as text, so every cell holds a plain value."""
    if value is None or isinstance(value, str | int | float | bool):
        return getattr(value, "value", value)
    if isinstance(value, list):
        return "; ".join(str(_plain(v)) for v in value)
    return str(getattr(value, "value", value))


FUNDING = {"core": "Core", "external": "External"}  # PlanLine.funding, as its plan's column says


def plan_line_columns(at: Callable[[Any], PlanLine]) -> list[Column]:
    """What tells a pressure's or saving's line apart (`at(row)` picks it): the section or column
    that tells totals sharing a label apart, and how the line is met, as its plan's funding column
    says."""
    return [
        Column("Section", lambda r: at(r).section, width=30),
        Column("Funding", lambda r: FUNDING.get(at(r).funding or ""), width=10),
    ]


# Said of a saving whose sign was dropped (extract.records.SavingsLine.signs_normalised).
SIGN_NORMALISED = (
    "printed with the opposite sign to the other savings; read as a saving, the table's signs "
    "being presentation (its total adds the lines so, or a tracker has none)"
)

SAVINGS = [
    text("Ref", "ref", 10),
    text("Title", "title", 40),
    *plan_line_columns(record),
    text("Category", "category"),
    text("Directorate", "directorate"),
    text("Service area", "service_area"),
    text("Year", "period", 9),
    money("target_gbp"),
    money("forecast_gbp"),
    money("shortfall_gbp"),
    money("undeliverable_gbp"),
    money("slipped_gbp"),
    # the tracker's own rating ("Dark Amber"), not the colour it is read as (analyse.records.rating_name)
    Column("RAG", lambda r: rating_name(_plain(r.rag), r.rag_text) if r.rag or r.rag_text else "", width=12),
    text("Status", "status_text", 30),
    Column("Sign", lambda s: SIGN_NORMALISED if s.signs_normalised else "", width=30),
    Column(
        "Risk reasons",
        lambda s: "; ".join(f"{flag_name(r.code)}: {r.evidence}" for r in s.risk_reasons),
        width=40,
    ),
]


def planned_columns(savings: Sequence[SavingsLine]) -> list[Column]:
    """A plan's amount for each year it plans, a column a year: a plan's line has no tracker's
    target or forecast, so without these its row on the Savings sheet would show no amount at all
    (its years are also the 'Savings by year' sheet's, one row each)."""
    years = sorted({p.period for s in savings for p in s.planned})
    return [field(f"Planned {year} (£)", _planned_in(year), "amount_gbp", GBP) for year in years]


def _planned_in(year: str) -> Callable[[SavingsLine], PeriodAmount | None]:
    return lambda s: next((p for p in s.planned if p.period == year), None)


AMOUNTS = ("target_gbp", "forecast_gbp", "shortfall_gbp", "undeliverable_gbp", "slipped_gbp")
# Said on a saving's row where its line gave no amount: the row is no figure lost in the workbook.
NO_AMOUNT = "none read from its line: its source text is beside it"
NO_AMOUNT_COLUMN = Column(
    "Amounts",
    lambda s: "" if s.planned or any(getattr(s, a) is not None for a in AMOUNTS) else NO_AMOUNT,
    width=30,
)


def savings_columns(savings: Sequence[SavingsLine]) -> list[Column]:
    """The Savings sheet's columns: a plan's years and the no-amount note after the tracker's amounts."""
    at = next(i for i, c in enumerate(SAVINGS) if c.header == "RAG")
    return [*SAVINGS[:at], *planned_columns(savings), NO_AMOUNT_COLUMN, *SAVINGS[at:]]


def filled(columns: Sequence[Column], rows: Sequence[Any]) -> list[Column]:
    """The columns some row fills. One blank on every row is left out: a plan's savings have no
    tracker's year, target or RAG (their years are the 'Savings by year' sheet's), and an empty
    column would read as figures lost."""
    return [c for c in columns if not rows or any(c.value(r) not in (None, "") for r in rows)]


# A plan's years, one row each, as the pressures' are (row: the line and one of its years).
PLANNED = [
    Column("Ref", lambda r: r[0].ref, width=10),
    Column("Title", lambda r: r[0].title, width=40),
    *plan_line_columns(lambda r: r[0]),
    Column("Service area", lambda r: r[0].service_area),
    Column("Year", lambda r: r[1].period, width=9),
    field("Amount (£)", lambda r: r[1], "amount_gbp", GBP),
]
PRESSURES = [
    Column("Title", lambda r: r[0].title, width=40),
    *plan_line_columns(lambda r: r[0]),
    Column("Service area", lambda r: r[0].service_area),
    Column("Category", lambda r: r[0].category),
    Column("Year", lambda r: r[1].period, width=9),
    field("Amount (£)", lambda r: r[1], "amount_gbp", GBP),
]


def _year_money(header: str, values: Callable[[Any], list[float | None]]) -> Column:
    """A pressures-by-year row's figure from one of its table's lists (row: table, year index, check)."""

    def value(r: Any) -> float | None:
        held = values(r[0])
        return held[r[1]] if r[1] < len(held) else None

    return Column(
        header, value, GBP, source=lambda r: (values(r[0]), r[1]) if r[1] < len(values(r[0])) else (None, 0)
    )


# The children's pressures by year: the General Fund's apart from ring-fenced lines, and the year's
# check against the directorate's budget build (row: the table, a year's index, its check or None).
PRESSURE_YEARS = [
    Column("Year", lambda r: r[0].years[r[1]], width=9),
    _year_money("General Fund pressures (£)", lambda t: t.general_fund),
    _year_money("Externally funded pressures (£)", lambda t: t.external),
    _year_money(f"{views.RING_FENCED_SERIES} (£)", lambda t: t.ring_fenced),
    _year_money(f"{views.ALL_PRESSURES_WORDS} (£)", lambda t: t.totals),
    field("Budget build growth (£)", lambda r: r[2], "growth_gbp", GBP),
    field("Pressures less build growth (£)", lambda r: r[2], "difference_gbp", GBP),
    Column("Agree with the build", lambda r: None if r[2] is None else r[2].agree, width=10),
    field("Build core growth (£)", lambda r: r[2], "core_growth_gbp", GBP),
    Column(
        "Core pressures agree with core growth", lambda r: None if r[2] is None else r[2].core_agree, width=10
    ),
]


def _year_provs(row: tuple[YearTable, int, GrowthCheck | None]) -> list[Provenance]:
    """A year's sources: its build's (where it is checked against one), then its lines'."""
    table, i, check = row
    lines = [p for r in table.rows if r.amounts[i] for p in r.provenance]  # a nil line adds nothing
    return (check.provenance if check else []) + lines


def pressure_years(review: Review) -> list[tuple[YearTable, int, GrowthCheck | None]]:
    table = review.selection.pressures
    checks = {c.period: c for c in review.selection.growth_checks}
    return [(table, i, checks.get(y)) for i, y in enumerate(table.years) if table.totals[i] is not None]


BUDGET = [
    text("Name", "name", 40),
    text("Directorate", "directorate"),
    Column("Level", lambda r: fmt.humanise(_plain(r.level) or ""), width=12),
    text("Year", "period", 9),
    money("budget_gbp"),
    money("forecast_gbp"),
    field(f"{views.VARIANCE_HEADING_SIGNED} (£)", record, "variance_gbp", GBP),
]
FIGURES = [
    field("Amount (£)", lambda f: f if f.unit == FigureUnit.GBP else None, "value", GBP),
    field("Value (not money)", lambda f: None if f.unit == FigureUnit.GBP else f, "value", DECIMAL),
    Column("Unit", lambda r: fmt.unit_name(_plain(r.unit) or ""), width=12),
    text("Year", "period", 9),
    text("Label", "label", 30),
    text("Text", "text", 50),
    # before or after management actions or the use of reserves, as its sentence states (extract.stage)
    text("Stage", "stage", 22),
]
# Every sentence stating children's money (analyse.selection.children_statements), of which the
# pack quotes the first few.
STATEMENTS = [
    text("Text", "text", 80),
    Column("Scope", lambda r: r.label or (SCOPE_NAMES[Scope(r.scope)] if r.scope else ""), width=22),
]
BENCHMARKS = [
    text("Measure", "label", 30),
    Column("Unit", lambda b: fmt.unit_name(b.unit), width=12),
    text("Year", "period", 9),
    field("Council", record, "value", DECIMAL),
    field("Council's count (a rate's)", record, "count", WHOLE),
    text("Not compared", "not_compared", 30),
    field("Neighbours median", lambda b: b.statistical_neighbours, "median", DECIMAL),
    field("Region median", lambda b: b.region, "median", DECIMAL),
    field("England", lambda b: b.england, "value", DECIMAL),
    field("Rank", record, "rank", WHOLE, 7),
    field("Of", record, "of", WHOLE, 7),
    field("Quartile", record, "quartile", WHOLE, 8),
    field("Gap worth a year (£)", lambda b: b.gap_cost, "amount_gbp", GBP),
    Column("How the gap is costed", lambda b: b.gap_cost.basis if b.gap_cost else "", width=50),
]
# A benchmark's earlier years, one row each for the council, its neighbours' median and England
# (row: the benchmark, one point of a trend, and whose trend it is).
TRENDS = [
    Column("Measure", lambda r: r[0].label, width=30),
    Column("Unit", lambda r: fmt.unit_name(r[0].unit), width=12),
    Column("Series", lambda r: r[2], width=20),
    Column("Year", lambda r: r[1].period, width=9),
    field("Value", lambda r: r[1], "value", DECIMAL),
]


FLAGS = [
    Column("Severity", lambda f: fmt.sentence(f.severity), width=9),
    Column("Kind", lambda f: flag_name(f.code), width=22),
    text("Subject", "subject", 36),
    text("Message", "message", 50),
    money("amount_gbp"),
]


def flag_name(code: str) -> str:
    """A flag's kind in the reviewers' words (analyse.records.FLAG_NAMES)."""
    return FLAG_NAMES.get(code, fmt.humanise(code))


def themes_column(review: Review) -> Column:
    """A flag's themes by the names the review gives them (Review.themes), not their codes."""
    names = {t.theme: t.label for t in review.themes if t.label}
    return Column("Themes", lambda f: "; ".join(names.get(t, fmt.humanise(t)) for t in f.themes), width=16)


JUDGEMENTS = {"at_risk": "At risk", "question": "Question", "no_concern": "No concern found"}
# One row per reason (so each reason carries its own source); a saving with none has one row.
JUDGED = [
    Column("Ref", lambda r: r[0].ref, width=10),
    Column("Saving", lambda r: r[0].title, width=40),
    Column("Year", lambda r: r[0].period, width=9),
    Column("Judgement", lambda r: JUDGEMENTS[r[0].verdict], width=18),
    field("At risk (£)", lambda r: r[0], "at_risk_gbp", GBP),
    field("Target (£)", lambda r: r[0], "target_gbp", GBP),
    Column("RAG", lambda r: r[0].rag_text, width=10),
    Column("Reason", lambda r: r[1].reason if r[1] else "", width=40),
    Column("Evidence", lambda r: r[1].evidence if r[1] else "", width=40),
]
# Next year's budget build, one row per build (row: the build and whose it is): the base, plus
# growth and other changes, less savings (a reduction, positive), gives the new budget.
BUILD_HEADERS = {
    "base_gbp": "Base budget (£)",
    "growth_gbp": "Growth and pressures (£)",
    "savings_gbp": "Savings, a reduction (£)",
    "other_gbp": "Other changes (£)",
    "gap_gbp": "Gap left unresolved (£)",
    "new_budget_gbp": "New budget (£)",
}
BUILDS = [
    Column("Whose", lambda r: r[1], width=22),
    Column("Name", lambda r: r[0].name, width=36),
    Column("Year", lambda r: r[0].period, width=9),
    *(field(BUILD_HEADERS[name], lambda r: r[0], name, GBP, 18) for name, _ in views.BUILD_STEPS),
    Column("Savings row as printed", lambda r: r[0].savings_label, width=30),
]
BUILD_STATUS = Column("Status", lambda r: _plain(r[0].verification), width=12)


def build_part_columns(builds: list[BudgetBuild]) -> list[Column]:
    """The savings step's parts by kind, a column for each kind any build prints (as the pack's
    rows under the savings step: render.views.build_parts)."""

    def part(kind: CategoryKind) -> Callable[[Any], Any]:
        return lambda r: views.build_part(r[0], kind)

    return [
        field(
            f"{fmt.sentence(views.BUILD_PART_WORDS[kind])} (£)",
            part(kind),
            "amount_gbp",
            GBP,
            22,
        )
        for kind in views.build_part_kinds(builds)
    ]


# The year's savings target by the plan's own categories (analyse.records.SavingsPart), one row each.
SAVINGS_PARTS = [
    Column("Category", lambda p: p.category or "(no category)", width=30),
    text("Kind", "kind", 16),
    Column("Against the base budget", lambda p: p.kind is CategoryKind.SAVING, width=12),
    money("amount_gbp"),
    field("Lines", record, "lines", WHOLE, 8),
]
RISKS = [
    text("Ref", "ref", 10),
    text("Risk", "title", 36),
    text("Description", "description", 40),
    field("Likelihood", record, "likelihood", DECIMAL, 10),
    field("Impact", record, "impact", DECIMAL, 8),
    field("Score", record, "score", DECIMAL, 8),
    text("Rating", "rating", 10),
    text("Owner", "owner", 24),
    text("Section", "section", 30),
    money("exposure_gbp"),
    text("Exposure as headed", "exposure_words", 30),
]
DOCUMENTS = [
    text("File", "file", 40),
    Column("Kind", lambda d: views.kind_name(_plain(d.kind)), width=18),
    Column("Format", lambda d: str(_plain(d.format)).upper(), width=8),
    Column("Status", lambda d: views.document_status(d), width=9),
    field("Pages", record, "pages", WHOLE, 7),
    Column("Errors", lambda d: "; ".join(e.message for e in d.errors), width=50),
]


# Whether the document's own arithmetic proves a record, and what reviewers did to it.
STATUS = Column("Status", lambda r: _plain(getattr(r, "verification", None)), width=12)
REVIEWED = Column("Reviewed", lambda r: reviewer_mark(getattr(r, "reviewed", [])), width=40)
PRESSURE_STATUS = Column("Status", lambda r: _plain(r[0].verification), width=12)
PRESSURE_REVIEWED = Column("Reviewed", lambda r: reviewer_mark(r[0].reviewed), width=40)

README_ROWS: list[tuple[str, str]] = [
    (
        "What this is",
        "The figures read from the council's documents for the review, one sheet per kind, each row with its source (file, page, place in the page, the text read).",
    ),
    (
        "Units",
        "Every amount of money is in pounds (£), as a number: 43,450,000 is £43.45m. A figure that is not money (a rate, a count, a percentage) is in 'Value (not money)' with its unit beside it.",
    ),
    (
        "Signs",
        "A positive variance is an overspend, a negative one an underspend. A shortfall is the part of a saving not expected to be delivered. Brackets in the documents are read as negative numbers.",
    ),
    *[
        (
            f"Scope: {name}",
            "Where the analysis placed the line; only children's lines feed the pack's children's totals.",
        )
        for name in SCOPE_NAMES.values()
    ],
    (
        f"Scope: <directorate>: {DIRECTORATE_ROW}",
        "The children's directorate's own total: every service it holds (education, transport and adults' services as well as children's social care).",
    ),
    (
        f"Scope: <directorate>: {DIRECTORATE_ROW_APART}",
        "Where education and SEND are a directorate (or division) of their own: the children's directorate's own total, which holds no education; the budget position gives each part beside their sum.",
    ),
    (
        "Status: verified",
        "At least one of the document's own sums was tested on the row and every one held (lines to totals, budget + variance = forecast, target - forecast = shortfall).",
    ),
    ("Status: unchecked", "The document gave nothing to test the row's figures against."),
    (
        "Status: contradicted",
        "A sum of the document's own did not hold on the row and no other reading made it hold: the figure is shown as printed and never headlines, until a reviewer confirms or corrects it; except a directorate total whose own checks hold and which only its service lines fail to add up to: that total headlines, marked in doubt wherever it is shown. Which is wrong, the total or a line, is said only where another check takes one side (the column 'Why in doubt' says which, and the pack's data-quality section names each such row).",
    ),
    (
        "Section",
        "The section of its document a row sits in (the heading above it, or the column its lines share): what tells apart totals printed under the same label, and a risk's place in its register.",
    ),
    (
        "Funding",
        "How a pressure or saving is met, as its plan's funding column says: Core (the council's own resources) or External (a grant, the DSG, a contribution); blank where the plan says neither.",
    ),
    (
        "Reviewed",
        "What a reviewer did to the row: 'Confirmed by' (checked against the source as read) or 'Corrected by' (the right value, with the value read before). A corrected cell is shaded.",
    ),
]


STAND_IN = "Stand-in figures"  # the column that says a row's figures are another council's


def stand_in_column(review: Review, provenance: Callable[[Any], Sequence[Provenance]]) -> Column:
    """Says, on each row whose figures are from the national tables, that they are another
    council's, standing in (render.stand_in decides)."""
    return Column(STAND_IN, lambda r: stand_in(review, provenance(r)).strip(), width=50)


def readme_sheet(book: Workbook, review: Review) -> None:
    sheet = book.create_sheet("README")
    sheet.append(["Item", "Meaning"])
    said = stand_in(review).strip()
    rows = README_ROWS + (
        [(STAND_IN, f"{said} Each row of theirs says so in its '{STAND_IN}' column.")] if said else []
    )
    for item, meaning in rows:
        sheet.append([item, meaning])
    for (cell,) in sheet.iter_rows(min_row=2, min_col=2, max_col=2):
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    style_sheet(sheet, [34, 110])


RESERVES = [
    text("Kind", "kind", 9),
    text("Label", "label", 30),
    text("Direction", "direction", 18),
    text("Part of", "part_of", 24),
    money("amount_gbp"),
    text("At", "at", 14),
    text("Forecast (as the document says)", "forecast", 24),
    text("Condition", "condition", 30),
    Column("By year", lambda r: "; ".join(f"{p.period}: {p.amount_gbp:,.0f}" for p in r.amounts), width=30),
    text("One-off (as the document says)", "one_off", 30),
    text("Reversed in", "reversed_in", 11),
    Column("Scope", lambda r: SCOPE_NAMES[Scope(r.scope)], width=22),
    text("Clause", "words", 40),
    text("Text", "text", 50),
]
DSG_NAMES = {
    "plan_delivery": "The DSG plan's delivery against its target",
    "plan_target": "What the DSG plan requires",
    "plan_conditions": "The contributions under the plan: conditional",
    "in_year": "High Needs / DSG in-year position",
    "cumulative_deficit": "Cumulative DSG deficit",
    "cumulative_history": "Cumulative DSG deficit at an earlier date",
    "deficit_before_contributions": "DSG deficit before contributions",
    "offsets": "Offsetting the deficit",
    "reserve_drawdowns": "Drawn from a DSG reserve in the plan",
    "contributions_by_year": "Safety Valve contribution by year",
    "accounting_changes": "A change in how the DSG is accounted for",
    "accounting_paid_in": "Paid into a reserve by the same party that year, beside the accounting change",
    "override_end": "Statutory override ends",
    "plan": "The DSG plan or programme, as the documents name it (Words)",
    "risk": "Risk register",
    "reserve_view": "Could a reserve absorb it (the documents' view)",
    "override_consequence": "When the override ends (the documents' words)",
}


def dsg_item_name(row: tuple[str, Any]) -> str:
    """A DSG fact's name: an offset's kind after it, and a view of a reserve the reserve it is of
    (analyse.dsg.view_reserve), the general reserve's said so."""
    name, item = row
    if isinstance(item, PlanDelivery):  # a delivery statement: which side of its target, or a prospect
        return f"{DSG_NAMES[name]}: {item.against}" + (f" ({item.prospect})" if item.prospect else "")
    of = "the general reserve" if item.on_general else f"\u201c{item.reserve}\u201d (not the general reserve)"
    return (
        DSG_NAMES[name] + (f": {item.offset}" if item.offset else "") + (f": of {of}" if item.reserve else "")
    )


DSG = [
    Column("Item", dsg_item_name, width=30),
    field("Amount (£)", lambda r: r[1], "amount_gbp", GBP),
    Column(
        "Year", lambda r: getattr(r[1], "year", None) or " and ".join(getattr(r[1], "years", [])), width=9
    ),
    Column("Words", lambda r: r[1].words, width=24),
    Column("Contributions", lambda r: getattr(r[1], "contributions", ""), width=24),
    Column("Ceiling", lambda r: getattr(r[1], "ceiling", ""), width=10),  # "up to": the sum is a most
    Column("Verification", lambda r: getattr(r[1], "verification", None) or "", width=12),
    Column("Text", lambda r: r[1].text, width=50),
]


def dsg_rows(review: Review) -> list[tuple[str, Any]]:
    """The DSG facts the documents gave, one row each, an offset's sums a row each (those not given
    are in the pack)."""
    rows: list[tuple[str, Any]] = []
    for name in DSG_NAMES:
        found = getattr(review.dsg, name)
        rows += [(name, item) for item in (found if isinstance(found, list) else [found]) if item is not None]
    return rows


def _reason_provs(row: Any) -> Sequence[Provenance]:
    """A judged saving's row: its reason's source, or the saving's where it has no reason."""
    judgement, reason = row
    return reason.provenance if reason else judgement.provenance


def _provs(record: Any) -> Sequence[Provenance]:
    return getattr(record, "provenance", None) or []


def at_risk_column(review: Review) -> Column:
    """Whether the review judged each saving at risk, as the pack marks it AT RISK (the one
    definition: SavingItem.judged_at_risk, a plan's row taking its tracker row's judgement); blank
    for a line the review does not judge (another directorate's, a total)."""
    judged = {line_key(s.provenance): s.judged_at_risk for s in review.selection.savings}
    return Column("At risk", lambda s: judged.get(line_key(s.provenance), ""), width=8)


def scope_column(review: Review, provenance: Callable[[Any], Sequence[Provenance]]) -> Column:
    """Where the analysis placed each line (children's social care, another directorate, ...), by
    the name the pack gives it (render.views.scope_label)."""
    scopes = review.selection.line_scopes

    def name(record: Any) -> str:
        cited = list(provenance(record))
        return views.scope_label(review, scopes.get(line_key(cited)), cited)

    return Column("Scope", name, width=22)


def own_scope_column(review: Review) -> Column:
    """Where a record the analysis placed itself sits (a flag), by the name the pack gives it."""
    return Column("Scope", lambda r: views.scope_label(review, r.scope, r.provenance), width=22)


def position_column(review: Review, lines: Sequence[BudgetLine] = ()) -> Column:
    """Whether a budget line is from the report the pack's position is read from: an earlier
    quarter's report in the bundle also reads "2025-26", and its rows may verify while the later
    report's do not, so a reader filtering on status must see which rows the position uses. A row
    in doubt whose other printing in its report (`_printed_again`) the position cites is not the
    position either: its figures are contradicted and the other printing is used."""
    position = review.position
    cited = [*position.provenance, *position.children_services.provenance]
    used = {p.file for p in cited}
    doubted = {line_key(r.provenance) for r in review.rows_doubted if not r.headlines}

    def said(line: BudgetLine) -> str:
        if not used:
            return ""
        if line.provenance[0].file not in used:
            return "no: another report"
        if line_key(line.provenance) in doubted:
            other = next((o for o in lines if _printed_again(o, line) and o.provenance[0] in cited), None)
            if other is not None:
                at = other.provenance[0]
                where = f"p. {at.page}" if at.page else at.locator
                return f"no: its figures contradicted; the position uses its other printing ({where})"
        return "yes"

    return Column("In the position", said, width=18)


def _printed_again(other: BudgetLine, line: BudgetLine) -> bool:
    """Another row of the same report printing the same directorate's or service's budget for the
    same year (a summary page's row and the total under its services)."""
    return (
        other is not line
        and other.provenance[0].file == line.provenance[0].file
        and (other.level, other.directorate, other.period) == (line.level, line.directorate, line.period)
        and other.budget_gbp is not None
        and other.budget_gbp == line.budget_gbp
    )


def status_column(review: Review) -> Column:
    """A row's status: contradicted where the review holds it in doubt (`Review.rows_doubted`: a
    line the documents state otherwise, analyse.slipped, though its own table's arithmetic holds),
    else as its own arithmetic left it."""
    doubted = {line_key(r.provenance) for r in review.rows_doubted}
    return Column(
        "Status",
        lambda r: "contradicted" if line_key(list(r.provenance)) in doubted else _plain(r.verification),
        width=12,
    )


def doubt_column(review: Review) -> Column:
    """Why a row is in doubt, in the words the pack uses (analyse.standing.doubt), and whether it
    is nonetheless the children's headline: the workbook shows no contradicted figure bare."""
    said = {
        line_key(r.provenance): (
            "The children's headline, marked in doubt wherever shown. " if r.headlines else ""
        )
        + r.doubt
        for r in review.rows_doubted
    }
    return Column("Why in doubt", lambda r: said.get(line_key(list(r.provenance)), ""), width=50)


def restated_doubt_column(review: Review) -> Column:
    """Why a prose figure is in doubt: it restates a row its table's arithmetic contradicts
    (`RowInDoubt.restated_in`), so it carries that row's doubt, as the Budget lines sheet says it."""
    said = {
        _figure_key(f): f"Restates {r.label}, a row in doubt: {r.doubt}"
        for r in review.rows_doubted
        for f in r.restated_in
    }
    return Column("Why in doubt", lambda f: said.get(_figure_key(f), ""), width=50)


def _figure_key(figure: Figure) -> tuple[object, ...]:
    at = figure.provenance[0]
    return (at.file, at.page, at.locator, figure.text, figure.unit, figure.value)


def build_workbook(review: Review, extraction: Extraction) -> Workbook:
    book = Workbook()
    book.remove(book.active)
    readme_sheet(book, review)
    figs = Figures.of(review, extraction)  # the pack's and deck's index of these records, built once
    by_year = [(line, p) for line in extraction.savings for p in line.planned]
    pressure_rows = [(line, p) for line in extraction.pressures for p in line.planned]
    trends = [
        (b, t, series)
        for b in review.benchmarks
        for series, points in (
            (council_line(review, b.provenance), b.trend),
            ("Neighbours median", b.neighbours_trend),
            ("England", b.england_trend),
        )
        for t in points
    ]
    first: Callable[[Any], Sequence[Provenance]] = lambda r: r[0].provenance  # noqa: E731
    view_builds = views.budget_builds(review)
    builds = [b for b, _ in view_builds]
    judged: list[tuple[SavingJudgement, JudgedReason | None]] = []
    for judgement in review.savings_judged:
        judged += [(judgement, r) for r in judgement.reasons] or [(judgement, None)]
    sheets: list[
        tuple[str, Sequence[Column], Sequence[Any], Callable[[Any], Sequence[Provenance]] | None]
    ] = [
        (
            "Savings",
            [
                *filled(savings_columns(extraction.savings), extraction.savings),
                at_risk_column(review),
                scope_column(review, _provs),
                STATUS,
                REVIEWED,
            ],
            extraction.savings,
            _provs,
        ),
        ("Savings by year", [*PLANNED, scope_column(review, first)], by_year, first),
        ("Savings by category", SAVINGS_PARTS, review.savings_summary.parts, _provs),
        (
            "Pressures",
            [*PRESSURES, scope_column(review, first), PRESSURE_STATUS, PRESSURE_REVIEWED],
            pressure_rows,
            first,
        ),
        (
            "Pressures by year",
            PRESSURE_YEARS,
            pressure_years(review),
            _year_provs,
        ),
        (
            "Budget lines",
            [
                *BUDGET,
                scope_column(review, _provs),
                position_column(review, extraction.budget_lines),
                status_column(review),
                doubt_column(review),
                REVIEWED,
            ],
            extraction.budget_lines,
            _provs,
        ),
        ("Figures", [*FIGURES, restated_doubt_column(review)], extraction.figures, _provs),
        ("Statements", STATEMENTS, review.selection.statements, _provs),
        ("Benchmarks", BENCHMARKS, review.benchmarks, _provs),
        ("Benchmark trends", TRENDS, trends, first),
        ("Flags", [*FLAGS, themes_column(review), own_scope_column(review)], review.flags, _provs),
        ("Savings judged", JUDGED, judged, _reason_provs),
        ("Risks", RISKS, extraction.risks, _provs),
        ("Reserves", RESERVES, review.diagnostic.reserves, _provs),
        ("Budget build", [*BUILDS, *build_part_columns(builds), BUILD_STATUS], view_builds, first),
        ("DSG", DSG, dsg_rows(review), lambda r: r[1].provenance),
        ("Documents", DOCUMENTS, review.documents or extraction.documents, None),
    ]
    refs = {
        title: write_sheet(
            book, title, [*columns, *_labelled(review, rows, provs)], rows, provs, figs, review.source_names
        )
        for title, columns, rows, provs in sheets
    }
    write_refs(book, refs)
    book.properties.title = f"{review.council.name or 'Council'}: extracted data"
    return book


def _labelled(
    review: Review, rows: Sequence[Any], provenance: Callable[[Any], Sequence[Provenance]] | None
) -> list[Column]:
    """The stand-in column, on a sheet where a row's figures are another council's."""
    if provenance is None or not any(stand_in(review, provenance(r)) for r in rows):
        return []
    return [stand_in_column(review, provenance)]


def render_xlsx(review: Review, extraction: Extraction) -> bytes:
    """The workbook as .xlsx bytes."""
    out = io.BytesIO()
    build_workbook(review, extraction).save(out)
    return out.getvalue()


def render_json(record: BaseModel) -> bytes:
    """A record as the indented UTF-8 JSON its contract describes."""
    return record.model_dump_json(indent=2).encode("utf-8")
