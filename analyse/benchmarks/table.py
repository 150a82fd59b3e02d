"""Build, write and load the compact benchmark table.

`build_benchmark_table(source_dir)` reads the official files as published (see catalogue.py for
which) into a `BenchmarkTable`; `write_benchmark_table(table, out_dir)` writes it as three small
parquet files plus SOURCES.md; `load_benchmark_table()` reads the copy committed in analyse/data.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from functools import cached_property
from pathlib import Path

import pandas as pd

from analyse.benchmarks.catalogue import ENGLAND, GROSS_SPEND, PER_CHILD, POPULATION, POPULATION_FILE
from analyse.benchmarks.las import build_las
from analyse.benchmarks.parsing import population_year
from analyse.benchmarks.sources import COLUMNS, read_ees, read_lait, read_population, read_ro3

DATA_DIR = Path(__file__).resolve().parents[1] / "data"
VALUES_FILE = "benchmark_values.parquet"
TEXT_COLUMNS = ["la_code", "indicator", "period", "source", "measure"]  # the values table's, besides value
LAS_FILE = "benchmark_las.parquet"
SOURCES_FILE = "benchmark_sources.parquet"


@dataclass(frozen=True, eq=False)
class BenchmarkTable:
    """The long values table, the LA table and the source files they were read from.

    Compared and hashed by identity (frames have no equality that gives one bool), so what is
    worked out from a table once can be cached against it.

    values: la_code, indicator, period, value, source, measure
    las: see analyse.benchmarks.las
    sources: file, sha256, bytes
    """

    values: pd.DataFrame
    las: pd.DataFrame
    sources: pd.DataFrame

    def sha256(self, file: str) -> str:
        return self.index.sha256.get(file, "")

    def la(self, la_code: str) -> pd.Series | None:
        at = self.index.la_rows.get(la_code)
        return self.las.iloc[at] if at is not None else None

    @cached_property
    def index(self) -> TableIndex:
        """The values grouped for lookups, built on first use (the frames are not changed after)."""
        return TableIndex.of(self)


@dataclass(frozen=True, slots=True)
class Row:
    la_code: str
    period: str
    value: float
    source: str
    measure: str


@dataclass(frozen=True)
class TableIndex:
    """Each indicator's rows, in the values table's order: all of them, by LA and by period.

    Lookups by indicator, LA and period are dictionary reads, not masks over the whole table.
    """

    rows: dict[str, list[Row]]
    by_la: dict[tuple[str, str], list[Row]]
    by_period: dict[tuple[str, str], list[Row]]
    la_rows: dict[str, int]  # the first row of each LA in `las`
    regions: dict[str, list[str]]  # each region's current LAs, in order
    sha256: dict[str, str]  # the first hash of each source file

    @classmethod
    def of(cls, table: BenchmarkTable) -> TableIndex:
        rows: dict[str, list[Row]] = defaultdict(list)
        by_la: dict[tuple[str, str], list[Row]] = defaultdict(list)
        by_period: dict[tuple[str, str], list[Row]] = defaultdict(list)
        v = table.values
        columns = [_shared(v[c]) for c in ("indicator", "la_code", "period", "source", "measure")]
        indicators, la_codes, periods, sources, measures = columns
        for indicator, la_code, period, value, source, measure in zip(
            indicators, la_codes, periods, v["value"].tolist(), sources, measures, strict=True
        ):
            row = Row(la_code, period, value, source, measure)
            rows[indicator].append(row)
            by_la[indicator, la_code].append(row)
            by_period[indicator, period].append(row)
        la_rows: dict[str, int] = {}
        regions: dict[str, list[str]] = defaultdict(list)
        for at, (code, region, current) in enumerate(
            zip(table.las["la_code"], table.las["region"], table.las["current"], strict=True)
        ):
            la_rows.setdefault(code, at)
            if current and isinstance(region, str):
                regions[region].append(code)
        sha256: dict[str, str] = {}
        for file, digest in zip(table.sources["file"], table.sources["sha256"], strict=True):
            sha256.setdefault(file, str(digest))
        regions = {region: sorted(codes) for region, codes in regions.items()}
        return cls(dict(rows), dict(by_la), dict(by_period), la_rows, regions, sha256)


def _shared(column: pd.Series) -> list[str]:
    """The column's strings, each distinct one held once (a few hundred, not one per row)."""
    codes, distinct = pd.factorize(column, use_na_sentinel=False)
    strings = list(distinct)
    return [strings[c] for c in codes.tolist()]


def build_benchmark_table(source_dir: Path) -> BenchmarkTable:
    """Import the official files in `source_dir` (laid out as ../shared/benchmarks) into one table."""
    source_dir = Path(source_dir)
    las = build_las(source_dir)
    ons_to_la = dict(zip(las["ons_code"], las["la_code"], strict=False))
    raw = pd.concat(
        [
            read_lait(source_dir),
            read_ees(source_dir),
            read_population(source_dir),
            read_ro3(source_dir, ons_to_la),
        ],
        ignore_index=True,
    )
    values = pd.concat([raw, spend_per_child(raw)], ignore_index=True)
    values = values.sort_values(["indicator", "la_code", "period"]).reset_index(drop=True)
    files = sorted(set(values["source"]).union(_LA_TABLE_FILES) - {"derived"})
    return BenchmarkTable(values=_compact(values[COLUMNS]), las=las, sources=_sources(source_dir, files))


def spend_per_child(raw: pd.DataFrame) -> pd.DataFrame:
    """Gross spend / ONS 0-17 population of the mid-year in which the financial year starts."""
    pop = raw[raw["indicator"] == POPULATION.code].set_index(["la_code", "period"])["value"]
    spend = raw[raw["indicator"].isin([g.code for g in GROSS_SPEND])].copy()
    keys = list(zip(spend["la_code"], spend["period"].map(population_year), strict=True))
    spend["population"] = [pop.get(k) for k in keys]
    spend = spend.dropna(subset=["population"])
    spend = spend[spend["population"] > 0]
    return pd.DataFrame(
        {
            "la_code": spend["la_code"],
            "indicator": spend["indicator"].map(lambda c: PER_CHILD[c].code),
            "period": spend["period"],
            "value": (spend["value"] / spend["population"]).round(4),
            "source": spend["source"],
            "measure": spend["measure"] + " / " + POPULATION_FILE + " mid-" + spend["period"].str[:4],
        }
    )


_LA_TABLE_FILES = {
    "lait/la_code_list.xlsx",
    "lait/sn_may_2025.xlsx",
    "ees/ofsted_Inspections_as_at_31_March.csv",
    "iod/imd-2019-upper-tier-summaries.xlsx",
    "iod/indices_of_deprivation_2025_lad.csv",
    "ees/LTLA-UTLA_Apr23_Lookup_England-Wales.csv",
    "lookups/uk_local_authorities.csv",
    POPULATION_FILE,
}


def _sources(source_dir: Path, files: list[str]) -> pd.DataFrame:
    rows = []
    for file in files:
        data = (source_dir / file).read_bytes()
        rows.append({"file": file, "sha256": hashlib.sha256(data).hexdigest(), "bytes": len(data)})
    return pd.DataFrame(rows)


def write_benchmark_table(table: BenchmarkTable, out: Path, built_on: date | None = None) -> list[Path]:
    """Write the table into folder `out` (created if needed) with a SOURCES.md; returns the files."""
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for frame, name in [(table.values, VALUES_FILE), (table.las, LAS_FILE), (table.sources, SOURCES_FILE)]:
        frame.to_parquet(out / name, index=False, compression="zstd")
        written.append(out / name)
    (out / "SOURCES.md").write_text(sources_markdown(table, built_on or date.today()), encoding="utf-8")
    return written + [out / "SOURCES.md"]


def default_table_path() -> Path:
    """The folder holding the committed table (analyse/data)."""
    return DATA_DIR


def load_benchmark_table(path: Path | None = None) -> BenchmarkTable:
    """The table written by `write_benchmark_table` in folder `path` (default: the committed copy).

    `path` may also name one of the table's files; its folder is read.
    """
    folder = Path(path) if path is not None else DATA_DIR
    folder = folder.parent if folder.is_file() else folder
    return BenchmarkTable(
        values=_compact(_read(folder / VALUES_FILE, read_dictionary=TEXT_COLUMNS)),
        las=_lists(_read(folder / LAS_FILE)),
        sources=_read(folder / SOURCES_FILE),
    )


def _read(file: Path, read_dictionary: list[str] | None = None) -> pd.DataFrame:
    """One parquet file, read on this thread: Arrow's reader threads add about 6 MB to a
    worker's peak memory and nothing to the speed of reading files this small. Columns in
    `read_dictionary` come back as categories without a string per row being made first."""
    return pd.read_parquet(file, use_threads=False, read_dictionary=read_dictionary)


def _compact(values: pd.DataFrame) -> pd.DataFrame:
    """The values with each text column as categories in sorted order: a few hundred distinct
    strings and a small code per row (1 MB, not 8 MB, for 55,000 rows), alike however the frame
    was made (built here, or read with its file's own order of categories)."""
    text = {c: values[c].astype("category") for c in TEXT_COLUMNS}
    return values.assign(**{c: t.cat.reorder_categories(sorted(t.cat.categories)) for c, t in text.items()})


def _lists(las: pd.DataFrame) -> pd.DataFrame:
    """Parquet gives list columns back as arrays; make them plain lists again."""
    for column in ("statistical_neighbours", "sn_closeness", "name_variants", "abbreviations"):
        las[column] = las[column].map(lambda v: [str(x) for x in v] if v is not None else [])
    return las


def sources_markdown(table: BenchmarkTable, built_on: date) -> str:
    lines = [
        "# Benchmark table: sources",
        "",
        f"Built on {built_on.isoformat()} by `analyse.benchmarks.build_benchmark_table` from the official",
        "files below (Open Government Licence v3), as published; raw files are not committed.",
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
    for _, row in table.sources.iterrows():
        lines.append(f"| {row['file']} | {row['sha256']} | {row['bytes']} |")
    lines += ["", "Indicators, each with the file and measure (code or column) it was read from:", ""]
    lines += ["| indicator | file | measure |", "| --- | --- | --- |"]
    firsts = table.values.drop_duplicates(subset=["indicator"]).sort_values("indicator")
    for _, row in firsts.iterrows():
        measure = str(row["measure"]).split(" / ")[0]  # a derived figure names its divisor above
        lines.append(f"| {row['indicator']} | {row['source']} | {measure} |")
    lines += [
        "",
        f"Rows: {len(table.values)} values, {len(table.las)} LAs "
        f"({int(table.las['current'].sum())} current).",
    ]
    return "\n".join(lines) + "\n"
