"""The extracted data for reviewers' own spreadsheets: an XLSX workbook and JSON.

One sheet per kind of record, one row per record (a pressure: one row per year), with the source
of each row in provenance columns. Text that a spreadsheet would read as a formula (=, +, -, @,
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

from analyse.records import SCOPE_NAMES, JudgedReason, Review, SavingJudgement, Scope, line_key
from extract.records import Extraction, Provenance

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
GBP = "£#,##0;-£#,##0"
DECIMAL = "#,##0.0"
WHOLE = "#,##0"
HEADER_FILL = PatternFill("solid", fgColor="10324F")
PROVENANCE_HEADERS = ["Source file", "Page", "Locator", "Source text", "Other sources"]


def escape_cell(value: Any) -> Any:
    """Text starting like a formula gets a leading apostrophe; other values pass through."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def provenance_cells(provs: Sequence[Provenance]) -> list[Any]:
    if not provs:
        return ["", None, "", "", ""]
    first, rest = provs[0], provs[1:]
    others = "; ".join(
        f"{p.file} p.{p.page} {p.locator}" if p.page else f"{p.file} {p.locator}" for p in rest
    )
    return [first.file, first.page, first.locator, first.text, others]


@dataclass(frozen=True)
class Column:
    header: str
    value: Callable[[Any], Any]
    number_format: str | None = None
    width: int = 14


def write_sheet(
    book: Workbook,
    title: str,
    columns: Sequence[Column],
    records: Iterable[Any],
    provenance: Callable[[Any], Sequence[Provenance]] | None,
) -> Worksheet:
    """A sheet with a bold frozen header, an autofilter, number formats and provenance columns."""
    sheet = book.create_sheet(title)
    sheet.append([c.header for c in columns] + (PROVENANCE_HEADERS if provenance else []))
    for record in records:
        row = [c.value(record) for c in columns] + (
            provenance_cells(provenance(record)) if provenance else []
        )
        sheet.append([escape_cell(v) for v in row])
    for i, column in enumerate(columns, start=1):
        if column.number_format:
            for (cell,) in sheet.iter_rows(min_row=2, min_col=i, max_col=i):
                cell.number_format = column.number_format
    style_sheet(sheet, [c.width for c in columns] + [28, 7, 22, 50, 30])
    return sheet


def style_sheet(sheet: Worksheet, widths: Sequence[int]) -> None:
    for cell in sheet[1]:
        cell.font = Font(bold=True, color="FFFFFF")
        cell.fill = HEADER_FILL
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    for i, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(i)].width = width
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = sheet.dimensions


def money(field: str) -> Column:
    return Column(
        field.replace("_gbp", "").replace("_", " ").capitalize() + " (£)", lambda r: getattr(r, field), GBP
    )


def text(header: str, field: str, width: int = 16) -> Column:
    return Column(header, lambda r: _plain(getattr(r, field)), width=width)


def _plain(value: Any) -> Any:
    """Enums as their values, lists as text, so every cell holds a plain value."""
    if value is None or isinstance(value, str | int | float | bool):
        return getattr(value, "value", value)
    if isinstance(value, list):
        return "; ".join(str(_plain(v)) for v in value)
    return str(getattr(value, "value", value))


SAVINGS = [
    text("Ref", "ref", 10),
    text("Title", "title", 40),
    text("Category", "category"),
    text("Directorate", "directorate"),
    text("Service area", "service_area"),
    text("Year", "period", 9),
    money("target_gbp"),
    money("forecast_gbp"),
    money("shortfall_gbp"),
    money("undeliverable_gbp"),
    money("slipped_gbp"),
    text("RAG", "rag", 8),
    text("Status", "status_text", 30),
    Column("At risk", lambda s: s.at_risk, width=8),
    Column("Risk reasons", lambda s: "; ".join(f"{r.code}: {r.evidence}" for r in s.risk_reasons), width=40),
    Column(
        "Planned by year",
        lambda s: "; ".join(f"{p.period}: {p.amount_gbp:,.0f}" for p in s.planned),
        width=30,
    ),
]
PRESSURES = [
    Column("Title", lambda r: r[0].title, width=40),
    Column("Service area", lambda r: r[0].service_area),
    Column("Category", lambda r: r[0].category),
    Column("Year", lambda r: r[1].period, width=9),
    Column("Amount (£)", lambda r: r[1].amount_gbp, GBP),
]
BUDGET = [
    text("Name", "name", 40),
    text("Directorate", "directorate"),
    text("Level", "level", 12),
    text("Year", "period", 9),
    money("budget_gbp"),
    money("forecast_gbp"),
    money("variance_gbp"),
]
FIGURES = [
    Column("Value", lambda f: f.value, DECIMAL),
    text("Unit", "unit", 12),
    text("Year", "period", 9),
    text("Label", "label", 30),
    text("Text", "text", 50),
]
BENCHMARKS = [
    text("Indicator", "indicator", 30),
    text("Measure", "label", 30),
    text("Unit", "unit", 12),
    text("Year", "period", 9),
    Column("Council", lambda b: b.value, DECIMAL),
    Column("Neighbours median", lambda b: b.statistical_neighbours.median, DECIMAL),
    Column("Region median", lambda b: b.region.median, DECIMAL),
    Column("England", lambda b: b.england.value, DECIMAL),
    Column("Rank", lambda b: b.rank, WHOLE, 7),
    Column("Of", lambda b: b.of, WHOLE, 7),
    Column("Quartile", lambda b: b.quartile, WHOLE, 8),
    Column("Trend", lambda b: "; ".join(f"{t.period}: {t.value:,.1f}" for t in b.trend), width=40),
]
FLAGS = [
    text("Severity", "severity", 9),
    text("Code", "code", 22),
    text("Subject", "subject", 36),
    text("Message", "message", 50),
    money("amount_gbp"),
    text("Themes", "themes"),
]
JUDGEMENTS = {"at_risk": "At risk", "question": "Question", "no_concern": "No concern found"}
# One row per reason (so each reason carries its own source); a saving with none has one row.
JUDGED = [
    Column("Ref", lambda r: r[0].ref, width=10),
    Column("Saving", lambda r: r[0].title, width=40),
    Column("Year", lambda r: r[0].period, width=9),
    Column("Judgement", lambda r: JUDGEMENTS[r[0].verdict], width=18),
    Column("At risk (£)", lambda r: r[0].at_risk_gbp, GBP),
    Column("Target (£)", lambda r: r[0].target_gbp, GBP),
    Column("RAG", lambda r: r[0].rag_text, width=10),
    Column("Reason", lambda r: r[1].reason if r[1] else "", width=40),
    Column("Evidence", lambda r: r[1].evidence if r[1] else "", width=40),
]
RISKS = [
    text("Ref", "ref", 10),
    text("Risk", "title", 36),
    text("Description", "description", 40),
    text("Rating", "rating", 10),
    Column("Score", lambda r: r.score, DECIMAL, 8),
    text("Owner", "owner", 24),
    money("exposure_gbp"),
]
DOCUMENTS = [
    text("File", "file", 40),
    text("Kind", "kind", 18),
    text("Format", "format", 8),
    text("Status", "status", 9),
    Column("Pages", lambda d: d.pages, WHOLE, 7),
    Column("Errors", lambda d: "; ".join(f"{e.code}: {e.message}" for e in d.errors), width=50),
]


def _reason_provs(row: Any) -> Sequence[Provenance]:
    """A judged saving's row: its reason's source, or the saving's where it has no reason."""
    judgement, reason = row
    return reason.provenance if reason else judgement.provenance


def _provs(record: Any) -> Sequence[Provenance]:
    return getattr(record, "provenance", None) or []


def scope_column(review: Review, provenance: Callable[[Any], Sequence[Provenance]]) -> Column:
    """Where the analysis placed each line (children's social care, another directorate, ...)."""
    scopes = review.selection.line_scopes

    def name(record: Any) -> str:
        scope = scopes.get(line_key(list(provenance(record))))
        return SCOPE_NAMES[scope] if scope else ""

    return Column("Scope", name, width=22)


def _flag_scope(flag: Any) -> str:
    return SCOPE_NAMES[Scope(flag.scope)] if flag.scope else ""


def build_workbook(review: Review, extraction: Extraction) -> Workbook:
    book = Workbook()
    book.remove(book.active)
    pressure_rows = [(line, p) for line in extraction.pressures for p in line.planned]
    pressure_provs: Callable[[Any], Sequence[Provenance]] = lambda r: r[0].provenance  # noqa: E731
    savings = [*SAVINGS, scope_column(review, _provs)]
    write_sheet(book, "Savings", savings, extraction.savings, _provs)
    pressures = [*PRESSURES, scope_column(review, pressure_provs)]
    write_sheet(book, "Pressures", pressures, pressure_rows, pressure_provs)
    budget = [*BUDGET, scope_column(review, _provs)]
    write_sheet(book, "Budget lines", budget, extraction.budget_lines, _provs)
    write_sheet(book, "Figures", FIGURES, extraction.figures, _provs)
    write_sheet(book, "Benchmarks", BENCHMARKS, review.benchmarks, _provs)
    flags = [*FLAGS, Column("Scope", _flag_scope, width=22)]
    write_sheet(book, "Flags", flags, review.flags, _provs)
    judged: list[tuple[SavingJudgement, JudgedReason | None]] = []
    for judgement in review.savings_judged:
        judged += [(judgement, r) for r in judgement.reasons] or [(judgement, None)]
    write_sheet(book, "Savings judged", JUDGED, judged, _reason_provs)
    write_sheet(book, "Risks", RISKS, extraction.risks, _provs)
    write_sheet(book, "Documents", DOCUMENTS, review.documents or extraction.documents, None)
    book.properties.title = f"{review.council.name or 'Council'}: extracted data"
    return book


def render_xlsx(review: Review, extraction: Extraction) -> bytes:
    """The workbook as .xlsx bytes."""
    out = io.BytesIO()
    build_workbook(review, extraction).save(out)
    return out.getvalue()


def render_json(record: BaseModel) -> bytes:
    """A record as the indented UTF-8 JSON its contract describes."""
    return record.model_dump_json(indent=2).encode("utf-8")
