"""National benchmarks: the compact table of official statistics and indicators read from it."""

from analyse.benchmarks.indicators import benchmarks_for, indicator_value, la_values
from analyse.benchmarks.table import (
    BenchmarkTable,
    build_benchmark_table,
    default_table_path,
    load_benchmark_table,
    write_benchmark_table,
)

__all__ = [
    "BenchmarkTable",
    "benchmarks_for",
    "build_benchmark_table",
    "default_table_path",
    "indicator_value",
    "la_values",
    "load_benchmark_table",
    "write_benchmark_table",
]
