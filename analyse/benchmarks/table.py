"""The compact benchmark table: its records, its files, and the lookups made on it.

`write_benchmark_table(table, out_dir)` writes it as three plain files plus SOURCES.md: the values
as gzip'd CSV, the LAs as JSON (one LA a line) and the source files as CSV.
`load_benchmark_table()` reads the copy committed in analyse/data with the standard library alone,
once per process for each folder, so the analyse stage runs without pandas or pyarrow (about 90 MB
of every worker). build.py makes the table from the official files, with pandas; it runs rarely.
"""

from __future__ import annotations

import csv
import gzip
import io
import json
from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from functools import cache, cached_property
from pathlib import Path
from typing import Any

from analyse.benchmarks.catalogue import ENGLAND, PER_10K, POPULATION, POPULATION_FILE
from analyse.benchmarks.parsing import population_year

DATA_DIR = Path(__file__).resolve().parents[1] / "data"
VALUES_FILE = "benchmark_values.csv.gz"
LAS_FILE = "benchmark_las.json"
SOURCES_FILE = "benchmark_sources.csv"
TABLE_FILES = (VALUES_FILE, LAS_FILE, SOURCES_FILE)
VALUE_COLUMNS = ("la_code", "indicator", "period", "value", "source", "measure")  # Row's fields
SOURCE_COLUMNS = ("file", "sha256", "bytes")

LA = dict[str, Any]
"""One LA's row (see analyse.benchmarks.las for its fields); a missing figure is None."""


@dataclass(frozen=True, slots=True)
class Row:
    """One value: an indicator for one LA (or England, ENGLAND) in one period."""

    la_code: str
    indicator: str
    period: str
    value: float
    source: str
    measure: str


@dataclass(frozen=True, slots=True)
class SourceFile:
    file: str
    sha256: str
    bytes: int


@dataclass(frozen=True, eq=False)
class BenchmarkTable:
    """The values, the LAs and the source files they were read from, in the order built.

    Hashed by identity, so what is worked out from a table once can be cached against it.
    """

    values: tuple[Row, ...]
    las: tuple[LA, ...]
    sources: tuple[SourceFile, ...]

    def sha256(self, file: str) -> str:
        return self.index.sha256.get(file, "")

    def la(self, la_code: str) -> LA | None:
        return self.index.la_by_code.get(la_code)

    def current_las(self) -> list[LA]:
        """The LAs that exist now, in the table's order."""
        return [la for la in self.las if la["current"]]

    @cached_property
    def index(self) -> TableIndex:
        """The values grouped for lookups, built on first use (the table is not changed after)."""
        return TableIndex.of(self)


@dataclass(frozen=True)
class TableIndex:
    """Each indicator's rows, in the values' order: all of them, by LA and by period.

    Lookups by indicator, LA and period are dictionary reads, not scans of the whole table.
    """

    rows: dict[str, list[Row]]
    by_la: dict[tuple[str, str], list[Row]]
    by_period: dict[tuple[str, str], list[Row]]
    la_by_code: dict[str, LA]  # the first row of each LA in `las`
    regions: dict[str, list[str]]  # each region's current LAs, in order
    sha256: dict[str, str]  # the first hash of each source file

    @classmethod
    def of(cls, table: BenchmarkTable) -> TableIndex:
        rows: dict[str, list[Row]] = defaultdict(list)
        by_la: dict[tuple[str, str], list[Row]] = defaultdict(list)
        by_period: dict[tuple[str, str], list[Row]] = defaultdict(list)
        for row in table.values + counts_per_10k(table.values):
            rows[row.indicator].append(row)
            by_la[row.indicator, row.la_code].append(row)
            by_period[row.indicator, row.period].append(row)
        la_by_code: dict[str, LA] = {}
        regions: dict[str, list[str]] = defaultdict(list)
        for la in table.las:
            la_by_code.setdefault(la["la_code"], la)
            if la["current"] and isinstance(la["region"], str):
                regions[la["region"]].append(la["la_code"])
        sha256: dict[str, str] = {}
        for source in table.sources:
            sha256.setdefault(source.file, source.sha256)
        regions = {region: sorted(codes) for region, codes in regions.items()}
        return cls(dict(rows), dict(by_la), dict(by_period), la_by_code, regions, sha256)


def counts_per_10k(values: tuple[Row, ...]) -> tuple[Row, ...]:
    """Each count of children (catalogue.PER_10K) per 10,000 children aged 0-17: the count over the
    ONS population of the mid-year DfE pairs with its 31 March (parsing.population_year), for each
    LA and England, where the table holds both. Derived on load from the table's own figures; the
    measure names both, as spend per child's does."""
    children = {(r.la_code, r.period): r.value for r in values if r.indicator == POPULATION.code}
    out = []
    for r in values:
        rate = PER_10K.get(r.indicator)
        year = population_year(r.period) if rate else ""
        population = children.get((r.la_code, year))
        if rate and population:
            measure = f"{r.measure} / {POPULATION_FILE} mid-{year}"
            out.append(
                Row(r.la_code, rate.code, r.period, round(1e4 * r.value / population, 4), r.source, measure)
            )
    return tuple(out)


def write_benchmark_table(table: BenchmarkTable, out: Path, built_on: date | None = None) -> list[Path]:
    """Write the table into folder `out` (created if needed) with a SOURCES.md; returns the files."""
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    values = _csv(VALUE_COLUMNS, [[getattr(r, c) for c in VALUE_COLUMNS] for r in table.values])
    # mtime=0: the same table gives the same bytes, so a rebuild changes nothing committed.
    (out / VALUES_FILE).write_bytes(gzip.compress(values.encode("utf-8"), mtime=0))
    las = ",\n".join(json.dumps(la, ensure_ascii=False, allow_nan=False) for la in table.las)
    (out / LAS_FILE).write_text(f"[\n{las}\n]\n", encoding="utf-8")
    sources = [[s.file, s.sha256, s.bytes] for s in table.sources]
    (out / SOURCES_FILE).write_text(_csv(SOURCE_COLUMNS, sources), encoding="utf-8")
    (out / "SOURCES.md").write_text(sources_markdown(table, built_on or date.today()), encoding="utf-8")
    return [out / name for name in (*TABLE_FILES, "SOURCES.md")]


def _csv(columns: tuple[str, ...], rows: list[list[Any]]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(columns)
    writer.writerows(rows)  # a float is written as its repr, which reads back to the same float
    return buffer.getvalue()


def default_table_path() -> Path:
    """The folder holding the committed table (analyse/data)."""
    return DATA_DIR


def load_benchmark_table(path: Path | None = None) -> BenchmarkTable:
    """The table written by `write_benchmark_table` in folder `path` (default: the committed copy),
    read once per process for each folder: every caller shares it.

    `path` may also name one of the table's files; its folder is read.
    """
    folder = Path(path).resolve() if path is not None else DATA_DIR
    return _load(folder.parent if folder.is_file() else folder)


@cache
def _load(folder: Path) -> BenchmarkTable:
    las = json.loads((folder / LAS_FILE).read_text(encoding="utf-8"))
    with (folder / SOURCES_FILE).open(encoding="utf-8", newline="") as file:
        sources = [SourceFile(f, sha, int(size)) for f, sha, size in _rows(csv.reader(file), SOURCE_COLUMNS)]
    return BenchmarkTable(values=_read_values(folder / VALUES_FILE), las=tuple(las), sources=tuple(sources))


def _read_values(file: Path) -> tuple[Row, ...]:
    """The values, each distinct string held once (a few hundred, not one per row of 55,000)."""
    shared: dict[str, str] = {}
    one = shared.setdefault
    with gzip.open(file, "rt", encoding="utf-8", newline="") as text:
        return tuple(
            Row(one(la, la), one(ind, ind), one(period, period), float(value), one(src, src), one(m, m))
            for la, ind, period, value, src, m in _rows(csv.reader(text), VALUE_COLUMNS)
        )


def _rows(reader: Any, columns: tuple[str, ...]) -> Any:
    """The reader past its header, which must name `columns` in order."""
    header = tuple(next(reader))
    if header != columns:
        raise ValueError(f"benchmark table columns {header}, expected {columns}")
    return reader


def sources_markdown(table: BenchmarkTable, built_on: date) -> str:
    lines = [
        "# Benchmark table: sources",
        "",
        f"Built on {built_on.isoformat()} by `analyse.benchmarks.build.build_benchmark_table` from the",
        "official files below (Open Government Licence v3), as published; raw files are not committed.",
        f"Stored as {VALUES_FILE} (la_code, indicator, period, value, source, measure),",
        f"{LAS_FILE} (one LA a line) and {SOURCES_FILE} (file, sha256, bytes).",
        "Periods: `2024-25` is a financial year (S251, RO3 spend); `2025` is a year to 31 March",
        "(children looked after, in need, on plans at 31 March; workforce at 30 September 2024 is",
        "DfE's `2025` reporting year); population periods are ONS mid-year estimates. Spend per child",
        "divides a financial year's spend by the mid-year estimate of the year it starts in",
        f"(2024-25 by mid-2024), as DfE does. England's values are keyed by LA number {ENGLAND}.",
        "Suppression markers (c, x, -, z, k, [x], ...) are left out, not stored as zero.",
        "Boundary changes: each LA keeps the DfE number it published under. Cumbria (909) and",
        "Northamptonshire (928) keep their history and are not `current`; Cumberland (942),",
        "Westmorland and Furness (943), North and West Northamptonshire (940, 941) start when",
        "DfE first published them. Buckinghamshire, North Yorkshire and Somerset kept their DfE",
        "numbers; their IoD2019 county codes are carried to the unitary codes that replaced them.",
        "IDACI 2025 for shire counties is their districts' scores weighted by district population.",
        "",
        "| file | sha256 | bytes |",
        "| --- | --- | --- |",
    ]
    lines += [f"| {s.file} | {s.sha256} | {s.bytes} |" for s in table.sources]
    lines += ["", "Indicators, each with the file and measure (code or column) it was read from:", ""]
    lines += ["| indicator | file | measure |", "| --- | --- | --- |"]
    firsts: dict[str, Row] = {}
    for row in table.values:
        firsts.setdefault(row.indicator, row)
    for indicator, row in sorted(firsts.items()):
        measure = row.measure.split(" / ")[0]  # a derived figure names its divisor above
        lines.append(f"| {indicator} | {row.source} | {measure} |")
    lines += [
        "",
        f"Rows: {len(table.values)} values, {len(table.las)} LAs ({len(table.current_las())} current).",
    ]
    return "\n".join(lines) + "\n"
