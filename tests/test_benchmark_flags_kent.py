"""Kent's benchmark flags from the committed benchmark table, checked against the raw official file."""

from __future__ import annotations

from pathlib import Path
from statistics import median

import pandas as pd
import pytest

from analyse.benchmark_flags import benchmark_flags, benchmark_lines, with_neighbour_quartiles
from analyse.benchmarks import benchmarks_for, load_benchmark_table
from analyse.records import Benchmark, Flag
from tests.conftest import need

KENT = "886"


@pytest.fixture(scope="module")
def kent() -> list[Benchmark]:
    table = load_benchmark_table()
    return with_neighbour_quartiles(benchmarks_for(KENT, table), table)


@pytest.fixture(scope="module")
def flags(kent: list[Benchmark]) -> list[Flag]:
    return benchmark_flags(kent)


@pytest.fixture(scope="module")
def workforce_2025(benchmarks_dir: Path) -> dict[str, float]:
    """CSWW agency rate (FTE) at 30 September 2025 by LA, read from the DfE file directly."""
    path = benchmarks_dir / "ees" / "csww_indicators_2017_to_2025.csv"
    need(path.exists(), f"{path} missing")
    frame = pd.read_csv(path, dtype=str)
    frame = frame[(frame["time_period"] == "2025") & (frame["geographic_level"] == "Local authority")]
    rates = pd.to_numeric(frame["agency_rate_fte"], errors="coerce")  # "low", "x": suppressed
    return {code: float(v) for code, v in zip(frame["old_la_code"], rates, strict=True) if pd.notna(v)}


def test_kents_agency_social_worker_rate_is_flagged_with_the_official_figures(
    kent: list[Benchmark], flags: list[Flag], workforce_2025: dict[str, float]
) -> None:
    (agency,) = [b for b in kent if b.indicator == "agency_social_worker_rate"]
    neighbours = median(workforce_2025[c] for c in agency.statistical_neighbours.codes)
    (flag,) = [f for f in flags if f.indicator == "agency_social_worker_rate"]
    assert flag.code == "benchmark_outlier_high"
    assert f"{workforce_2025[KENT]:.1f}% in 2025" in flag.message
    assert f"median of {neighbours:.1f}%" in flag.message
    assert flag.provenance[0].file.endswith("csww_indicators_2017_to_2025.csv")
    assert "workforce" in flag.themes


def test_kents_agency_question_goes_to_the_dcs_with_its_evidence(
    kent: list[Benchmark], flags: list[Flag]
) -> None:
    lines = benchmark_lines(flags, kent)
    (agency,) = [q for q in lines if q.question.startswith("Agency social workers")]
    assert agency.addressed_to == "DCS"
    assert "recruitment and retention" in agency.question
    assert agency.provenance and agency.provenance[0].locator


def test_kents_neighbour_quartiles_bracket_the_neighbour_median(kent: list[Benchmark]) -> None:
    for b in kent:
        sn = b.statistical_neighbours
        if sn.lower_quartile is not None and sn.median is not None and sn.upper_quartile is not None:
            assert sn.lower_quartile <= sn.median <= sn.upper_quartile, b.indicator


def test_every_kent_flag_sits_at_least_a_fifth_or_five_points_from_neighbours_or_moved_steadily(
    kent: list[Benchmark], flags: list[Flag]
) -> None:
    by_code = {b.indicator: b for b in kent}
    for flag in (f for f in flags if f.code.startswith("benchmark_outlier")):
        b = by_code[flag.indicator]
        assert b.value is not None and b.statistical_neighbours.median
        gap = abs(b.value - b.statistical_neighbours.median)
        assert gap >= 0.2 * b.statistical_neighbours.median or (b.unit == "percent" and gap >= 5)
    assert 1 <= len(flags) <= 12


def test_the_review_carries_kents_benchmark_flags_questions_and_themes() -> None:
    from analyse.review import build_review
    from extract.records import Extraction

    review = build_review(Extraction(), load_benchmark_table(), KENT)
    codes = {f.indicator: f.code for f in review.flags if f.indicator}
    assert codes["agency_social_worker_rate"] == "benchmark_outlier_high"
    questions = [q for q in review.lines_of_enquiry if q.question.startswith("Agency social workers")]
    assert len(questions) == 1 and questions[0].provenance
    # the request for missing documents stays last, after the benchmark questions
    assert review.lines_of_enquiry[-1].question.startswith("Can the council provide")
    workforce = next(t for t in review.themes if t.theme == "workforce")
    assert workforce.flags_count >= 1


def test_kents_flags_are_one_an_indicator_and_low_spend_is_context(flags: list[Flag]) -> None:
    # Kent's starts to care (91 per 10,000 against 21, up from 29 in 2021) is one flag, which says
    # that 24% of its children looked after are unaccompanied asylum-seeking children (8.5% for its
    # neighbours); its low youth services and youth justice spend is context, not a high finding.
    indicators = [f.indicator for f in flags]
    assert len(indicators) == len(set(indicators))
    (starts,) = [f for f in flags if f.indicator == "cla_starts_rate_per_10k"]
    assert starts.severity == "high" and "(+214%)" in starts.message
    assert "Unaccompanied asylum-seeking children are 24.0% of children looked after against 8.5%" in (
        starts.message
    )
    youth = ("s251_young_people_spend_per_child", "s251_youth_justice_spend_per_child")
    assert {f.severity for f in flags if f.indicator in youth} <= {"low"}
    assert [f.severity for f in flags] == sorted(
        (f.severity for f in flags), key=("high", "medium", "low").index
    )
    (whole,) = [f for f in flags if f.indicator == "s251_total_cyp_spend_per_child"]
    assert whole.severity == "medium"  # children in need above the neighbours': a question
