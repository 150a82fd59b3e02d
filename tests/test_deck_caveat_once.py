"""The deck's caveats slide says one misprinted total once, in the grammar of its count, and a row
in doubt for another reason on its own; its budget slide names whose forecast it gives."""

from __future__ import annotations

from typing import Any

from analyse.records import ChecksCount, Reconciliation, Review, RowInDoubt
from extract.records import Extraction
from render.deck import caveat_lines
from render.sources import SourceIndex
from tests.review_builders import prov

TOTAL = prov("Total Family Services 41,200 43,900 2,700", "p6.pdf", "page 5, table 2, row 9")
LINE = prov("Family support 6,100 6,500 400", "p6.pdf", "page 5, table 2, row 3")
ODD = prov("Short breaks 2,000 2,300 250", "p6.pdf", "page 5, table 2, row 5")


def _said(review: Review) -> list[str]:
    return ["".join(str(p) for p in line) for line in caveat_lines(review, Extraction(), SourceIndex())]


def _review(doubted: list[RowInDoubt]) -> Review:
    mismatch = Reconciliation(
        code="total_mismatch", subject="Total Family Services (forecast)", stated_gbp=43.9e6,
        computed_gbp=43.4e6, difference_gbp=0.5e6, provenance=[TOTAL, LINE],
    )  # fmt: skip
    checks = ChecksCount(totals_checked=4, totals_reconciled=3, totals_not_reconciled=1)
    return Review(reconciliations=[mismatch], checks=checks, rows_doubted=doubted, rows_in_doubt=len(doubted))


def test_a_total_whose_lines_miss_it_is_one_caveat_said_in_the_singular() -> None:
    said = _said(_review([RowInDoubt(label="Total Family Services", provenance=[TOTAL])]))
    (total,) = [s for s in said if "reconcile" in s]
    assert total.startswith("1 of 4 totals checked does not reconcile with its lines: ")
    assert not [s for s in said if "contradicted" in s]  # the same error, not a second bullet


def test_a_row_in_doubt_for_another_reason_is_said_on_its_own() -> None:
    doubted = [
        RowInDoubt(label="Total Family Services", provenance=[TOTAL]),
        RowInDoubt(label="Short breaks", provenance=[ODD]),
    ]
    said = _said(_review(doubted))
    assert "Also contradicted by its table's arithmetic: Short breaks." in " ".join(said)


def test_ashdown_vales_misprinted_subtotal_is_one_caveat_on_the_deck(ashdown: Any) -> None:
    review, extraction = ashdown
    said = _said_of(review, extraction)
    assert [s for s in said if s.startswith("1 of 7 totals checked does not reconcile with its lines")]
    assert not [s for s in said if "contradicted by" in s]


def _said_of(review: Review, extraction: Extraction) -> list[str]:
    return ["".join(str(p) for p in line) for line in caveat_lines(review, extraction, SourceIndex())]
