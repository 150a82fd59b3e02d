"""analyse.derived's distance from the neighbours' median, the figure the pack and deck print."""

from __future__ import annotations

from analyse.derived import vs_neighbours
from analyse.records import Benchmark
from tests.render_samples import sample


def bench(value: float | None, median: float | None, unit: str) -> Benchmark:
    b = sample()[0].benchmarks[0]
    neighbours = b.statistical_neighbours.model_copy(update={"median": median})
    return b.model_copy(update={"value": value, "unit": unit, "statistical_neighbours": neighbours})


def test_a_rate_in_percent_differs_in_points_and_a_grade_not_at_all() -> None:
    points = vs_neighbours(bench(24.4, 17.4, "percent"))
    assert (points.unit, round(points.value or 0, 6)) == ("points", 7.0)
    assert vs_neighbours(bench(3, 2, "grade_1_outstanding_4_inadequate")).value is None


def test_other_units_differ_as_a_percentage_of_the_median_and_a_zero_median_gives_none() -> None:
    diff = vs_neighbours(bench(82.0, 32.0, "gbp_per_child"))
    assert (diff.unit, round(diff.value or 0, 4)) == ("percent", 156.25)
    assert vs_neighbours(bench(0.0, 0.0, "gbp_per_child")).value is None
