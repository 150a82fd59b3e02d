"""The council's own figures beside the national statistics: which stated figures measure which
benchmark (today's figure, never a target or the past), and the example pack's table of them.

The example's figures come from examples/wyvern_figures.py (what the generator wrote), not from the
code under test; council 938's national figures stand in for the fictional council, so there the
two figures are two councils' and never disagree."""

from __future__ import annotations

from pathlib import Path

import pytest

from analyse.benchmarks import load_benchmark_table
from analyse.benchmarks.own import measure_of, own_figures
from analyse.records import Benchmark, Comparator, Review
from analyse.review import build_review
from analyse.scenarios import OWN_ASSUMPTION
from examples.wyvern_figures import AGENCY_SOCIAL_WORKER_SHARE, CLA_RATE_PER_10K
from extract.document import extract_file
from extract.records import Extraction, Figure, FigureUnit, Provenance
from render.pack import pack_html
from tests.refs_check import problems


def figure(value: float, unit: FigureUnit, text: str, file: str = "plan.pdf", page: int = 1) -> Figure:
    where = Provenance(file=file, sha256="ab" * 32, page=page, bbox=None, locator=f"page {page}", text=text)
    return Figure(value=value, unit=unit, text=text, provenance=[where])


def bench(indicator: str, value: float, unit: str) -> Benchmark:
    where = Provenance(
        file="lait/bds_long_0.parquet", sha256="cd" * 32, page=None, bbox=None, locator="CLA", text=indicator
    )
    return Benchmark(
        indicator=indicator,
        label=indicator,
        unit=unit,
        period="2025",
        value=value,
        england=Comparator(value=value),
        provenance=[where],
    )


@pytest.mark.parametrize(
    ("value", "unit", "text", "indicator"),
    [
        (62.0, FigureUnit.RATE_PER_10K, "1,284 children were looked after, a rate of 62 per 10,000.", "cla_rate_per_10k"),
        (24.0, FigureUnit.PERCENT, "Agency social workers make up 24% of the social work workforce.", "agency_social_worker_rate"),
        (24.0, FigureUnit.PERCENT, "Reduce agency social workers from 24% to 12% of the workforce.", "agency_social_worker_rate"),
        (12.0, FigureUnit.PERCENT, "Reduce agency social workers from 24% to 12% of the workforce.", None),
        (20.0, FigureUnit.PERCENT, "Keep re-referrals within 12 months below 20%.", None),
        (23.0, FigureUnit.PERCENT, "Re referrals within 12 months were 23% in 2024-25.", "rereferral_pct"),
        (6850.0, FigureUnit.GBP, "58 children in residential care at an average weekly cost of £6,850, up from £6,200 a year ago.", "unit_cost_residential_weekly"),
        (6200.0, FigureUnit.GBP, "58 children in residential care at an average weekly cost of £6,850, up from £6,200 a year ago.", None),
        (1050.0, FigureUnit.GBP, "Agency foster placements cost £1,050 a week against residential care.", None),
        (4.5, FigureUnit.PERCENT, "58 children live in residential care, 4.5% of all children looked after.", "placement_residential_pct"),
        (922.0, FigureUnit.GBP_PER_CHILD, "Our net budget for children's services is £922 per child aged 0 to 17.", "s251_total_cyp_spend_per_child"),
        (435.0, FigureUnit.GBP_PER_CHILD, "Agency placements cost £1,050 a week against £435 per child for in-house carers.", None),
    ],
)  # fmt: skip
def test_a_stated_figure_measures_a_benchmark_only_as_todays_figure_of_that_measure(
    value: float, unit: FigureUnit, text: str, indicator: str | None
) -> None:
    measure = measure_of(figure(value, unit, text))
    assert (measure.indicator if measure else None) == indicator


def test_figures_disagree_only_beyond_the_precision_the_council_printed() -> None:
    text = "A rate of 62 per 10,000 children were looked after."
    found = own_figures(
        [figure(62.0, FigureUnit.RATE_PER_10K, text)], [bench("cla_rate_per_10k", 62.4, "rate_per_10k")]
    )
    assert [(o.value, o.national, o.disagrees) for o in found] == [(62.0, 62.4, False)]
    found = own_figures(
        [figure(62.0, FigureUnit.RATE_PER_10K, text)], [bench("cla_rate_per_10k", 54.0, "rate_per_10k")]
    )
    assert [(o.disagrees, o.relative_difference) for o in found] == [(True, round(8 / 54, 4))]


def test_another_councils_national_figure_standing_in_never_disagrees_and_is_named() -> None:
    text = "A rate of 62 per 10,000 children were looked after."
    found = own_figures(
        [figure(62.0, FigureUnit.RATE_PER_10K, text)],
        [bench("cla_rate_per_10k", 54.0, "rate_per_10k")],
        "West Sussex County Council",
    )
    assert [(o.disagrees, o.stand_in, o.relative_difference) for o in found] == [
        (False, "West Sussex County Council", round(8 / 54, 4))
    ]


def test_one_value_stated_in_several_documents_is_one_row_citing_each() -> None:
    text = "1,284 children looked after, 62 per 10,000 children."
    found = own_figures(
        [figure(62.0, FigureUnit.RATE_PER_10K, text, "plan.pdf"), figure(62.0, FigureUnit.RATE_PER_10K, text, "mtfp.pdf")],
        [bench("cla_rate_per_10k", 54.0, "rate_per_10k")],
    )  # fmt: skip
    assert len(found) == 1 and [p.file for p in found[0].provenance] == ["plan.pdf", "mtfp.pdf"]


@pytest.fixture(scope="module")
def example(example_bundle: Path) -> tuple[Review, Extraction]:
    files = sorted(p for p in example_bundle.rglob("*") if p.is_file())
    extraction = Extraction.combine([extract_file(p.name, p.read_bytes()) for p in files])
    return build_review(extraction, load_benchmark_table(), "938"), extraction


def test_the_example_pack_sets_the_strategic_plans_figures_beside_the_national_ones(
    example: tuple[Review, Extraction],
) -> None:
    review, extraction = example
    by_indicator = {o.indicator: o for o in review.own_figures}
    rate = by_indicator["cla_rate_per_10k"]
    national = next(b for b in review.benchmarks if b.indicator == "cla_rate_per_10k")
    assert rate.value == CLA_RATE_PER_10K and rate.national == national.value and rate.value != rate.national
    assert not rate.disagrees and rate.stand_in == review.council.benchmarked_as
    assert any("Strategic Plan" in p.file and p.page == 1 for p in rate.provenance)
    assert by_indicator["agency_social_worker_rate"].value == AGENCY_SOCIAL_WORKER_SHARE
    html = pack_html(review, extraction)
    assert "The council's own figures beside the national statistics" in html
    i = review.own_figures.index(rate)
    assert f'data-ref="review.json#/own_figures/{i}/value"' in html


def test_changing_an_own_figure_in_review_json_fails_the_refs_check(
    example: tuple[Review, Extraction],
) -> None:
    review, extraction = example
    html = pack_html(review, extraction)
    as_json, extraction_json = review.model_dump(mode="json"), extraction.model_dump(mode="json")
    assert problems(html, as_json, extraction_json) == []
    as_json["own_figures"][0]["value"] += 1
    assert any("own_figures/0/value" in p for p in problems(html, as_json, extraction_json))


def test_judgements_resting_on_a_national_figure_the_council_contradicts_say_so(
    example: tuple[Review, Extraction], monkeypatch: pytest.MonkeyPatch
) -> None:
    stood_in, extraction = example  # the example as if the national figures were its own
    council = stood_in.council.model_copy(update={"benchmarked_as": None})
    monkeypatch.setattr("analyse.review.identify", lambda *_: council)
    review = build_review(extraction, load_benchmark_table(), "938")
    own = f"{CLA_RATE_PER_10K} per 10,000 (Children and Young Peoples Strategic Plan 2025-2028.pdf p1"
    demand = [
        (j.ref, r.reason)
        for j in review.savings_judged
        for r in j.reasons
        if r.code == "demand_reduction_against_rising_demand"
    ]
    # Only the edge-of-care saving rests on demand, on the starts rate first: the step-down (CYPE-02)
    # changes the placement mix, which needs carers, not fewer children (analyse.flags.demand_check).
    assert [ref for ref, _ in demand] == ["CYPE-01"]
    assert "while Children starting to be looked after per 10,000" in demand[0][1]
    rate_flags = [f for f in review.flags if f.indicator == "cla_rate_per_10k"]
    assert all(own in f.message for f in rate_flags)
    # the scenario takes the council's own rate in place of the national one, and names it (the
    # council's own target for the number is the scenario, the neighbours' median rate its context)
    lac = next(s for s in review.scenarios if s.lever == "fewer_looked_after")
    assert lac.name.startswith("Children looked after reduced to the council's target")
    context = lac.assumptions["Statistical neighbours' median rate"]
    assert f"against the council's {CLA_RATE_PER_10K}: context only" in context
    assert own in str(lac.assumptions[OWN_ASSUMPTION])


def test_a_scenario_takes_the_councils_own_price_and_names_it_in_its_assumptions(
    example: tuple[Review, Extraction],
) -> None:
    review, _ = example
    own = next(o for o in review.own_figures if o.indicator == "unit_cost_residential_weekly")
    step_down = next(s for s in review.scenarios if s.name.startswith("Residential care stepped down"))
    assert step_down.assumptions["Residential care, per child"] == f"£{own.value:,.0f} a week"
    assert f"The weekly cost of residential care: £{own.value:,.0f}" in step_down.assumptions[OWN_ASSUMPTION]
    assert all(p in step_down.provenance for p in own.provenance)
    assert not any(p in step_down.provenance for p in own.national_provenance)


def test_nothing_treats_a_stand_in_councils_figure_as_contradicting_the_councils_own(
    example: tuple[Review, Extraction],
) -> None:
    review, extraction = example
    other = review.council.benchmarked_as
    agency = next(o for o in review.own_figures if o.indicator == "agency_social_worker_rate")
    assert other and agency.value == AGENCY_SOCIAL_WORKER_SHARE and agency.national != agency.value
    said = [f.message for f in review.flags] + [s.explanation for s in review.scenarios]
    said += [r.reason for j in review.savings_judged for r in j.reasons]
    assert said and not [s for s in said if "The council's own documents give" in s]
    html = pack_html(review, extraction)
    assert "The council's own figure disagrees" not in html and "<strong>No</strong>" not in html
    assert f"{other} (standing in)" in html and ">Other council<" in html


def test_where_another_council_stands_in_only_the_councils_own_figures_are_judged_or_costed(
    example: tuple[Review, Extraction],
) -> None:
    review, _ = example  # West Sussex's national figures stand in for the fictional council
    assert review.council.benchmarked_as and review.benchmarks
    assert not [f for f in review.flags if f.code.startswith("benchmark_")]
    step_down = next(s for s in review.scenarios if s.name.startswith("Residential care stepped down"))
    # the Q2 report's 58 children in residential care (p2), not 18% of the stand-in's 975, down to
    # the Strategic Plan's target of 45
    assert step_down.assumptions["Children stepped down to foster care"] == 58 - 45
    assert "58 (Cabinet 2025-11-06 Revenue budget monitoring Q2 2025-26.pdf p2" in str(
        step_down.assumptions[OWN_ASSUMPTION]
    )
    demand = [r.reason for j in review.savings_judged for r in j.reasons if "per 10,000" in r.reason]
    assert demand and all(
        f"as {CLA_RATE_PER_10K:.1f}" in r and "the 58.0 for statistical neighbours and below the 70.0" in r
        for r in demand
    )
    # every gap is the stand-in's (its figure, its neighbours' median), though the council states
    # its own 1,284 children looked after: no gap is costed, so none is ranked by its cost
    assert not [b.indicator for b in review.benchmarks if b.gap_cost]


def test_the_deck_sets_the_councils_own_figure_beside_each_stand_in_benchmark_it_states(
    example: tuple[Review, Extraction],
) -> None:
    import io

    from pptx import Presentation

    from render.deck import render_pptx
    from tests.refs_check import deck_problems, shape_tags

    review, extraction = example
    data = render_pptx(review, extraction)
    rows: dict[str, str] = {}
    tags: set[str] = set()
    for slide in Presentation(io.BytesIO(data)).slides:
        for shape in (s for s in slide.shapes if s.has_table):
            tags |= {t["ref"] for t in shape_tags(shape)}
            for row in shape.table.rows:
                cells = [" ".join(c.text.split()) for c in row.cells]
                rows[cells[0].split(" [S")[0]] = " | ".join(cells)
    # Wyvern's Strategic Plan p1 and Q2 report p2: 24% agency social workers and 4.5% in residential
    # care, against the stand-in's 2.1% and 18.0%
    agency = rows["Agency children's social workers (FTE rate)"]
    assert "The council's own documents: 24% [S" in agency and "| 2.1% |" in agency
    homes = rows["Children looked after in secure or children's homes"]
    assert "The council's own documents: 4.5% [S" in homes and "| 18.0% |" in homes
    for code in ("agency_social_worker_rate", "placement_residential_pct"):
        i = next(i for i, o in enumerate(review.own_figures) if o.indicator == code)
        assert f"review.json#/own_figures/{i}/value" in tags
    as_json = review.model_dump(mode="json")
    assert deck_problems(data, as_json, extraction.model_dump(mode="json")) == []


def test_the_councils_per_child_budget_is_said_to_differ_in_scope_from_s251_outturn_not_only_net_vs_gross(
    example: tuple[Review, Extraction],
) -> None:
    review, _ = example
    own = next(o for o in review.own_figures if o.indicator == "s251_total_cyp_spend_per_child")
    assert own.value == 922.0
    assert own.differs.startswith("the scopes differ, not only net against gross")
    assert "S251 outturn, gross" in own.differs
    spend = next(b for b in review.benchmarks if b.indicator == own.indicator)
    assert spend.provenance[0].text.startswith("S251 outturn, gross (LAIT line: ")


def test_a_savings_judgement_on_the_strategic_plans_comparison_labels_it_the_councils(
    example: tuple[Review, Extraction],
) -> None:
    """The plan's 58 for its neighbours is the council's claim; the national data (the stand-in's) give
    the neighbours' median the benchmark table holds."""
    review, _ = example
    national = next(b for b in review.benchmarks if b.indicator == "cla_rate_per_10k").statistical_neighbours
    plan = "Children and Young Peoples Strategic Plan 2025-2028 p1"
    reasons = [
        r.reason
        for j in review.savings_judged
        for r in j.reasons
        if r.code == "demand_reduction_against_rising_demand"
    ]
    assert reasons
    for reason in reasons:
        # the plan's sentence (p1) sets 62 against 58 for the neighbours and 70 for England: both kept
        assert f"statistical neighbours and below the 70.0 for England that the council's {plan} states" in (
            reason
        )
        assert f"the national data give a neighbours' median of {national.median:,.1f}" in reason
        assert "the statistical neighbours' median of" not in reason


def test_the_residential_shares_note_names_only_the_settings_the_national_measure_counts(
    benchmarks_dir: Path,
) -> None:
    """The note said the national share held semi-independent living; LAIT's own definition of it
    counts children "placed in a secure home or children's home", nothing else."""
    import csv

    from analyse.benchmarks.own import OWN_MEASURES

    with (benchmarks_dir / "lait" / "lait_data_dictionary.csv").open(encoding="utf-8", errors="replace") as f:
        [definition] = [r for r in csv.reader(f) if "LAC_SecHome_And_ChildHome" in r]
    counted = " ".join(definition).lower()
    own = next(m for m in OWN_MEASURES if m.indicator == "placement_residential_pct")
    national = own.differs.split("the national share is ", 1)[1].split(" only")[0]
    assert national == "secure homes and children's homes"
    assert all(setting.rstrip("s") in counted for setting in national.split(" and "))
    assert "semi-independent" not in counted and "semi-independent living is counted apart" in own.differs
