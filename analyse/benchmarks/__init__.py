"""National benchmarks: the compact table of official statistics and indicators read from it.

Importing this package loads no pandas: the table is built with it (analyse.benchmarks.build,
run rarely), and read and looked up without it.
"""

from analyse.benchmarks.indicators import benchmarks_for, indicator_value, la_values
from analyse.benchmarks.table import (
    BenchmarkTable,
    default_table_path,
    load_benchmark_table,
    write_benchmark_table,
)

__all__ = [
    "BenchmarkTable",
    "benchmarks_for",
    "default_table_path",
    "indicator_value",
    "la_values",
    "load_benchmark_table",
    "write_benchmark_table",
]
