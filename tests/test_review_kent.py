"""The review on Kent County Council's real Cabinet papers (30 January 2025), read by the extractors.

Kent's appendix F lists every saving of the 2025-28 plan with its phasing; what a reviewer sees in
it by eye is what these tests expect the flags to find: savings still "under development" with no
directorate (TBC), a one-off use of capital receipts that reverses the next year, and earlier years'
undelivered savings being removed from the budget.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

from analyse.records import Review
from analyse.review import build_review
from extract.records import Extraction
from tests.conftest import need
from tests.contract import check_review

PAPERS = [
    "kent_cabinet_2025-01-30_appendixF_budget_templates.pdf",
    "kent_cabinet_2025-01-30_appendixE_budget_by_directorate.pdf",
    "kent_cabinet_2025-01-30_appendixD_MTFP.pdf",
]


@pytest.fixture(scope="module")
def kent_review(kent_dir: Path) -> Review:
    need(
        importlib.util.find_spec("extract.pdf") is not None, "extract.pdf (the PDF reader) is not written yet"
    )
    from analyse.benchmarks import load_benchmark_table
    from extract.document import extract_file

    parts = [extract_file(name, (kent_dir / name).read_bytes()) for name in PAPERS]
    return build_review(Extraction.combine(parts), load_benchmark_table())


def flagged(review: Review, code: str) -> list[str]:
    return [f.subject for f in review.flags if f.code == code]


def test_kent_is_identified_from_its_own_papers(kent_review: Review) -> None:
    assert kent_review.council.la_code == "886"


def test_savings_still_under_development_are_flagged_as_unidentified(kent_review: Review) -> None:
    assert any("under development" in s.lower() for s in flagged(kent_review, "unidentified_saving"))


def test_the_one_off_use_of_capital_receipts_is_flagged(kent_review: Review) -> None:
    assert any("capital receipts" in s.lower() for s in flagged(kent_review, "one_off_measure"))


def test_earlier_years_undelivered_savings_removed_from_the_budget_are_flagged(kent_review: Review) -> None:
    assert flagged(kent_review, "prior_year_saving_reversed")


def test_every_flag_points_to_a_page_of_a_kent_paper(kent_review: Review) -> None:
    assert kent_review.flags
    for flag in kent_review.flags:
        assert flag.provenance[0].file in PAPERS or flag.provenance[0].file.startswith(("lait/", "ees/"))
        assert flag.provenance[0].page is not None or flag.provenance[0].file.startswith(("lait/", "ees/"))


def test_the_kent_review_meets_the_contract(kent_review: Review) -> None:
    check_review(kent_review.model_dump(mode="json"))
    assert kent_review.benchmarks and kent_review.scenarios
