"""The fostering-mix scenario takes today's in-house/agency split from the council's own documents
(with their pages), else from the national data, saying which; and every scenario speaks in the
reviewers' words, never the parameters' names."""

from __future__ import annotations

from pathlib import Path

import pytest

from analyse.benchmarks import load_benchmark_table
from analyse.fostering import fostering_split, stated_share
from analyse.review import build_review
from analyse.scenarios import NATIONAL, FosteringMix, Measure, fostering_mix, scenarios
from examples.wyvern_figures import IN_HOUSE_FOSTERING_SHARE
from extract.document import extract_file
from extract.records import Extraction, Figure, FigureUnit, Provenance
from tests.review_builders import prov


def figure(value: float, text: str, file: str = "plan.pdf", page: int = 3) -> Figure:
    where = Provenance(file=file, sha256="cd" * 32, page=page, bbox=None, locator=f"page {page}", text=text)
    return Figure(value=value, unit=FigureUnit.PERCENT, text=text, provenance=[where])


def measure(value: float) -> Measure:
    return Measure(value, "2025", "test input", [prov(str(value), "lait/bds_long_0.parquet")])


INPUTS = {
    "cla_number": measure(1_000.0),
    "placement_fostering_pct": measure(70.0),
    "unit_cost_fostering_weekly": measure(800.0),
}


@pytest.mark.parametrize(
    ("value", "text", "agency"),
    [
        (61.0, "61% of fostered children are with in-house carers.", 39.0),
        (61.0, "61% of fostered children live with our own foster carers; the rest use agencies.", 39.0),
        (61.0, "Increase the share of fostered children living with in-house carers from 61% to 70%.", 39.0),
        (70.0, "Increase the share of fostered children living with in-house carers from 61% to 70%.", None),
        (40.0, "40% of children in foster care are placed with independent fostering agencies.", 40.0),
        (24.0, "Agency staff fill 24% of social worker posts.", None),
        (61.0, "61% of fostered children are under ten.", None),
    ],
)
def test_a_stated_share_counts_only_when_it_says_of_whom_and_with_whom(
    value: float, text: str, agency: float | None
) -> None:
    assert stated_share(figure(value, text)) == agency


def test_the_documents_split_is_used_with_its_pages_and_said_to_be_the_councils() -> None:
    split = fostering_split(
        [figure(61.0, "61% of fostered children are with in-house carers.", "Cabinet.pdf", 2)]
    )
    result = fostering_mix(INPUTS, split=split)
    fostered, ifa = 1_000 * 0.7, 0.39
    in_house = 800 / (1 + ifa * 0.6)
    assert result.annual_saving_gbp == round(fostered * (ifa - 0.2) * in_house * 0.6 * 52, -3)
    assert result.assumptions["Share of fostered children with independent agencies now"] == (
        "39% (the council's own documents)"
    )
    assert any(p.file == "Cabinet.pdf" and p.page == 2 for p in result.provenance)
    assert "The council's documents: Cabinet.pdf, page 2" in result.sources
    assert result.explanation.endswith(
        "Today's split of 39% with agencies is from the council's own documents."
    )


def test_the_documents_split_comes_before_the_national_figure() -> None:
    national = {**INPUTS, "fostering_ifa_pct": measure(45.0)}
    from_documents = fostering_mix(
        national, split=fostering_split([figure(70.0, "70% of fostered children are with in-house carers.")])
    )
    from_national = fostering_mix(national)
    assert "30% (the council's own documents)" in from_documents.assumptions.values()
    assert f"45% ({NATIONAL})" in from_national.assumptions.values()
    assert from_documents.annual_saving_gbp != from_national.annual_saving_gbp


def test_documents_that_disagree_give_no_split_and_say_so() -> None:
    split = fostering_split(
        [
            figure(61.0, "61% of fostered children are with in-house carers."),
            figure(55.0, "55% of fostered children are with in-house carers.", "other.pdf"),
        ]
    )
    result = fostering_mix(INPUTS, split=split)
    assert result.annual_saving_gbp is None
    assert "its documents state different agency shares: 39%, 45%" in result.explanation


def test_no_scenario_shows_a_parameter_name_or_a_bare_ratio() -> None:
    split = fostering_split([figure(61.0, "61% of fostered children are with in-house carers.")])
    for found in ({}, {**INPUTS, "placement_residential_pct": measure(10.0)}):
        for sc in scenarios(found, split) + [fostering_mix(found, FosteringMix(current_ifa_share=0.4))]:
            words = " ".join([sc.name, sc.explanation, *sc.assumptions, *map(str, sc.assumptions.values())])
            assert "_" not in words, words
            assert "0.8" not in words and "0.6" not in words, words


@pytest.fixture(scope="module")
def example_figures(example_bundle: Path) -> list[Figure]:
    papers = [
        "Cabinet 2025-11-06 Revenue budget monitoring Q2 2025-26.pdf",
        "Children and Young Peoples Strategic Plan 2025-2028.pdf",
    ]
    found = [extract_file(name, (example_bundle / name).read_bytes()) for name in papers]
    return Extraction.combine(found).figures


def test_the_example_bundles_documents_give_the_fostering_split(example_figures: list[Figure]) -> None:
    split = fostering_split(example_figures)
    assert split.agency_pct == 100 - IN_HOUSE_FOSTERING_SHARE
    assert {(p.file, p.page) for p in split.provenance} == {
        ("Cabinet 2025-11-06 Revenue budget monitoring Q2 2025-26.pdf", 2),
        ("Children and Young Peoples Strategic Plan 2025-2028.pdf", 1),
    }


def test_the_example_review_takes_the_councils_own_split_and_no_stand_in_share(example_bundle: Path) -> None:
    papers = [
        "Cabinet 2025-11-06 Revenue budget monitoring Q2 2025-26.pdf",
        "Children and Young Peoples Strategic Plan 2025-2028.pdf",
    ]
    extraction = Extraction.combine([extract_file(n, (example_bundle / n).read_bytes()) for n in papers])
    review = build_review(extraction, load_benchmark_table(), "938")
    mix = review.scenarios[0]
    assert mix.name.startswith("Fostering mix")
    now = mix.assumptions["Share of fostered children with independent agencies now"]
    assert now == f"{100 - IN_HOUSE_FOSTERING_SHARE}% (the council's own documents)"
    # another council's figures stand in: its share of children in foster care is not this
    # council's and is not used; the count is the one the council's own placement lines imply,
    # and the saving says it is an estimate
    assert review.council.benchmarked_as and mix.estimated and mix.annual_saving_gbp
    assert [m for m in mix.sources if "foster placements" in m.lower() or "West Sussex" in m] == []
    assert "An estimate: the documents state no count of these children" in mix.explanation
