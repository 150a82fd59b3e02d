"""Build the compact benchmark table from the official files, with pandas (it runs rarely).

`build_benchmark_table(source_dir)` reads the files as published (see catalogue.py for which) into a
`BenchmarkTable`; table.py writes and loads it without pandas.
"""

from __future__ import annotations

import hashlib
import math
from pathlib import Path
from typing import Any

import pandas as pd

from analyse.benchmarks.catalogue import GROSS_SPEND, PER_CHILD, POPULATION, POPULATION_FILE
from analyse.benchmarks.las import build_las
from analyse.benchmarks.parsing import population_year
from analyse.benchmarks.sources import read_ees, read_lait, read_population, read_ro3
from analyse.benchmarks.table import VALUE_COLUMNS, BenchmarkTable, Row, SourceFile


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
    rows = tuple(
        Row(la, ind, period, float(value), src, m)
        for la, ind, period, value, src, m in zip(*(values[c].tolist() for c in VALUE_COLUMNS), strict=True)
    )
    if any(math.isnan(r.value) for r in rows):
        raise ValueError("a value is missing: suppressed figures are left out, never stored")
    las_records = tuple({key: _plain(value) for key, value in la.items()} for la in las.to_dict("records"))
    return BenchmarkTable(values=rows, las=las_records, sources=_sources(source_dir, files))


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


def _sources(source_dir: Path, files: list[str]) -> tuple[SourceFile, ...]:
    found = []
    for file in files:
        data = (source_dir / file).read_bytes()
        found.append(SourceFile(file, hashlib.sha256(data).hexdigest(), len(data)))
    return tuple(found)


def _plain(value: Any) -> Any:
    """`value` as the Python value JSON writes: numpy's scalars as Python's, a list's items too,
    and a missing figure (NaN) as None."""
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if hasattr(value, "item"):  # a numpy scalar
        value = value.item()
    if isinstance(value, float) and math.isnan(value):
        return None
    return value
