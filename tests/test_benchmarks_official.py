"""The benchmark table against the official files in ../shared/benchmarks, read independently here."""

from __future__ import annotations

import hashlib
from pathlib import Path

import openpyxl
import pandas as pd
import pytest

from analyse.benchmarks import BenchmarkTable, indicator_value, load_benchmark_table
from analyse.benchmarks.build import build_benchmark_table
from analyse.benchmarks.table import DATA_DIR, TABLE_FILES

RECOMPUTED_LAS = ["886", "942", "943", "330", "352", "936", "201", "815"]


@pytest.fixture(scope="module")
def fresh(benchmarks_dir: Path) -> BenchmarkTable:
    return build_benchmark_table(benchmarks_dir)


@pytest.fixture(scope="module")
def committed() -> BenchmarkTable:
    return load_benchmark_table()


def test_committed_table_matches_a_fresh_build(fresh: BenchmarkTable, committed: BenchmarkTable) -> None:
    assert fresh.values == committed.values
    assert fresh.las == committed.las
    assert fresh.sources == committed.sources


def test_committed_table_is_compact() -> None:
    size = sum((DATA_DIR / name).stat().st_size for name in TABLE_FILES)
    assert size < 3_000_000


def test_sources_md_names_every_source_file_with_its_hash(
    benchmarks_dir: Path, committed: BenchmarkTable
) -> None:
    text = (DATA_DIR / "SOURCES.md").read_text(encoding="utf-8")
    assert "Built on " in text
    for source in committed.sources:
        assert source.file in text
        assert hashlib.sha256((benchmarks_dir / source.file).read_bytes()).hexdigest() == source.sha256


def _official_neighbours(benchmarks_dir: Path) -> dict[str, list[str]]:
    sheet = openpyxl.load_workbook(benchmarks_dir / "lait" / "sn_may_2025.xlsx", read_only=True).worksheets[0]
    rows = [list(r) for r in sheet.iter_rows(values_only=True)]
    header_at = next(i for i, r in enumerate(rows) if str(r[0]).strip() == "LA num")
    columns = [i for i, h in enumerate(rows[header_at]) if str(h).strip() in {f"SN{n}" for n in range(1, 11)}]
    block = rows[header_at + 1 :]
    end = next((i for i, r in enumerate(block) if r[0] is None), len(block))  # "Old SNs:" follow a gap
    return {str(int(r[0])): [str(int(r[i])) for i in columns if r[i] is not None] for r in block[:end]}


def test_kent_lists_its_official_2025_statistical_neighbours(
    benchmarks_dir: Path, committed: BenchmarkTable
) -> None:
    official = _official_neighbours(benchmarks_dir)
    assert len(official["886"]) == 10
    assert list(committed.la("886")["statistical_neighbours"]) == official["886"]


def test_every_current_la_has_its_official_neighbours(
    benchmarks_dir: Path, committed: BenchmarkTable
) -> None:
    official = _official_neighbours(benchmarks_dir)
    current = committed.current_las()
    assert len(current) == len(official) == 153
    for la in current:
        assert list(la["statistical_neighbours"]) == official[la["la_code"]], la["name"]


def _published_cla(benchmarks_dir: Path) -> pd.DataFrame:
    frame = pd.read_csv(
        benchmarks_dir / "ees" / "cla_number_and_rate_per_10k_children.csv", encoding="utf-8-sig"
    )
    frame = frame[
        (frame["geographic_level"] == "Local authority")
        & (frame["population_type"] == "Children looked after on 31 March each year")
    ]
    for column in ("children_count", "population_estimate", "rate_per_10000"):
        frame[column] = pd.to_numeric(frame[column], errors="coerce")
    return frame.dropna(subset=["children_count", "population_estimate", "rate_per_10000"])


def test_cla_rates_recomputed_from_counts_match_the_published_rates(benchmarks_dir: Path) -> None:
    """DfE publishes the rate rounded to a whole number, so agreement is to half a unit."""
    published = _published_cla(benchmarks_dir)
    recomputed = published["children_count"] / published["population_estimate"] * 10_000
    assert len(published) > 700
    assert ((recomputed - published["rate_per_10000"]).abs() <= 0.5).all()


def test_table_cla_rate_and_count_over_population_agree_with_published_rates(
    benchmarks_dir: Path, committed: BenchmarkTable
) -> None:
    published = _published_cla(benchmarks_dir)
    rows = published[published["time_period"] == 2025].copy()
    rows["la_code"] = rows["old_la_code"].astype(int).astype(str)
    checked = 0
    for _, row in rows.iterrows():
        rate = indicator_value(committed, row["la_code"], "cla_rate_per_10k", "2025")
        count = indicator_value(committed, row["la_code"], "cla_number", "2025")
        population = indicator_value(committed, row["la_code"], "population_0_17", "2024")
        if rate is None or count is None or population is None:
            continue
        assert rate == pytest.approx(row["rate_per_10000"], rel=0.005), row["la_name"]
        assert abs(count / population * 10_000 - row["rate_per_10000"]) <= 0.5, row["la_name"]
        checked += 1
    assert checked > 140


def test_ro3_spend_per_child_matches_dfe_spending_per_capita(
    benchmarks_dir: Path, committed: BenchmarkTable
) -> None:
    """spending_per_capita.csv is RO3 children's social care gross expenditure (£000) / ONS 0-17 mid-2024.

    It is not S251: RO3 covers children's social care only, S251's total also covers early years,
    youth and other lines, so S251 per-child figures are checked against the raw files instead.
    """
    frame = pd.read_csv(benchmarks_dir / "ees" / "spending_per_capita.csv")
    frame = frame[frame["geographic_level"] == "Local authority"]
    checked = 0
    for _, row in frame.iterrows():
        ours = indicator_value(committed, str(int(row["old_la_code"])), "ro3_csc_spend_per_child", "2024-25")
        published = pd.to_numeric(row["Cost per child"], errors="coerce")
        if ours is None or pd.isna(published):
            continue
        assert ours == pytest.approx(published, rel=0.005), row["geo_breakdown"]
        checked += 1
    assert checked > 140


@pytest.mark.parametrize("la", RECOMPUTED_LAS)
def test_s251_spend_per_child_is_gross_spend_over_the_matching_mid_year_population(
    benchmarks_dir: Path, committed: BenchmarkTable, la: str
) -> None:
    lait = pd.read_parquet(benchmarks_dir / "lait" / "bds_long_0.parquet")
    spend = lait[(lait["Short Desc"] == "C&YPExpenditure") & (lait["LA Number"] == float(la))]
    spend = spend[spend["Years"] == "2024-25 (OT)"]["Values"].iloc[0]
    population = pd.read_csv(
        benchmarks_dir / "ees" / "ons_mid-year_population_estimates_2012_to_2024.csv", dtype=str
    )
    population = population[(population["old_la_code"] == la) & (population["time_period"] == "2024")]
    expected = float(spend) / float(population["population_estimate"].iloc[0])
    ours = indicator_value(committed, la, "s251_total_cyp_spend_per_child", "2024-25")
    assert ours == pytest.approx(expected, rel=0.005)


def test_withheld_s251_returns_stay_missing(benchmarks_dir: Path, committed: BenchmarkTable) -> None:
    lait = pd.read_parquet(benchmarks_dir / "lait" / "bds_long_0.parquet")
    withheld = lait[
        (lait["Short Desc"] == "C&YPExpenditure")
        & (lait["Years"] == "2024-25 (OT)")
        & (lait["Values"] == "-")
    ]
    codes = [str(int(c)) for c in withheld["LA Number"] if c < 970]
    assert "806" in codes  # Middlesbrough, as SOURCES.md says
    for code in codes:
        assert indicator_value(committed, code, "s251_total_cyp_gross", "2024-25") is None


def test_split_and_renamed_councils_carry_their_current_codes(committed: BenchmarkTable) -> None:
    cumberland, westmorland, cumbria = committed.la("942"), committed.la("943"), committed.la("909")
    assert cumberland["current"] and westmorland["current"] and not cumbria["current"]
    assert cumberland["ons_code"] == "E06000063" and westmorland["ons_code"] == "E06000064"
    assert indicator_value(committed, "942", "s251_total_cyp_spend_per_child", "2024-25") is not None
    for code, ons in {"825": "E06000060", "815": "E06000065", "933": "E06000066"}.items():
        la = committed.la(code)
        assert la["ons_code"] == ons
        assert la["idaci_2019"] > 0  # the 2019 county code was carried to the new unitary code
    assert committed.la("940")["current"] and committed.la("941")["current"]
    assert not committed.la("928")["current"]


def test_every_current_la_has_population_deprivation_and_a_type(committed: BenchmarkTable) -> None:
    current = pd.DataFrame(committed.current_las())
    assert current["population_0_17"].notna().all()
    assert current["idaci_2025"].between(0, 1).all()
    assert set(current["la_type"]) == {"SC", "UA", "MD", "ILB", "OLB"}
    assert current["region"].nunique() == 9


def test_the_wide_csv_of_the_2025_model_agrees_with_the_official_workbook(
    benchmarks_dir: Path, committed: BenchmarkTable
) -> None:
    wide = pd.read_csv(benchmarks_dir / "ees" / "sn_model_2025_wide.csv", dtype=str, encoding="utf-8-sig")
    for _, row in wide.iterrows():
        expected = [row[f"SN_{n}"] for n in range(1, 11) if isinstance(row[f"SN_{n}"], str)]
        closeness = [row[f"SN_{n}P"].strip() for n in range(1, 11) if isinstance(row[f"SN_{n}P"], str)]
        la = committed.la(row["old_la_code"])
        assert list(la["statistical_neighbours"]) == expected, row["la_name"]
        assert list(la["sn_closeness"]) == closeness, row["la_name"]
