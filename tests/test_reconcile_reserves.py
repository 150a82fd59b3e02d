"""The same reserve's flow stated twice with different amounts is a disagreement, through the one
cross-document rule (analyse.reconcile.differ); its parts, its changes and other reserves are not."""

from __future__ import annotations

from pathlib import Path

from analyse.reconcile import reconciliations, reserve_cross_checks
from analyse.records import Reserve
from extract.records import Extraction, Provenance

BUDGET = "budget_report.pdf"


def _at(page: int, text: str, file: str = BUDGET) -> Provenance:
    return Provenance(file=file, sha256="ab" * 32, page=page, bbox=None, locator=f"page {page}", text=text)


def flow(words: str, amount: float, page: int, **fields: object) -> Reserve:
    return Reserve(
        kind="flow",
        label="reserves",
        amount_gbp=amount,
        places=fields.pop("places", 1),
        text=words,
        words=words,
        direction=str(fields.pop("direction", "into reserves")),
        provenance=[_at(page, words, str(fields.pop("file", BUDGET)))],
        **fields,  # type: ignore[arg-type]
    )


REPLENISH = flow("including £16.3m replenishment of general reserves towards restoring 5%", 16.3e6, 4)
LISTED = flow("£15.4m general reserves including", 15.4e6, 42, direction="direction not stated")


def test_two_amounts_for_the_general_reserves_top_up_are_a_disagreement() -> None:
    [found] = reserve_cross_checks([REPLENISH, LISTED])
    assert found.code == "cross_document_mismatch"
    assert (found.stated_gbp, found.computed_gbp) == (16.3e6, 15.4e6)
    assert "page 4" in found.message and "page 42" in found.message
    assert [p.page for p in found.provenance] == [4, 42]


def test_the_same_amount_at_the_printed_precision_agrees() -> None:
    # £15.4m in prose and £15,432k in a table are one figure at the prose's precision
    table = flow("£15,432k into the general reserve", 15_432_000.0, 9, places=None)
    prose = flow("£15.4m general reserves including", 15.4e6, 42, places=1)
    assert reserve_cross_checks([table, prose]) == []


def test_a_part_of_a_reserves_flow_is_not_compared_with_it() -> None:
    part = flow(
        "general reserves including £11.1m repayment of", 11.1e6, 42, part_of="£15.4m general reserves"
    )
    assert reserve_cross_checks([LISTED, part]) == []


def test_other_reserves_other_ways_and_signed_changes_are_not_compared() -> None:
    epr = flow("£12.0m into new Extended Producer Responsibility (EPR) reserve", 12.0e6, 4)
    out = flow("£3.0m drawdown from general reserves", 3.0e6, 9, direction="out of reserves")
    changed = flow("-£8.0m contribution to the general reserve", -8.0e6, 43, direction=SIGNED_LESS)
    assert reserve_cross_checks([REPLENISH, epr, out, changed]) == []


def test_yearless_figures_in_different_documents_are_not_taken_as_the_same_year() -> None:
    other = LISTED.model_copy(update={"provenance": [_at(3, LISTED.words, "monitoring.pdf")]})
    assert reserve_cross_checks([REPLENISH, other]) == []
    dated = [r.model_copy(update={"at": "2025-26"}) for r in (REPLENISH, other)]
    assert len(reserve_cross_checks(dated)) == 1


SIGNED_LESS = "less into, or more out of, reserves"

DRAFT = "kent_cabinet_2025-01-30_draft_revenue_budget_2025-26_MTFP_2025-28.pdf"


def test_kents_general_reserve_top_up_disagrees_between_pages_4_and_42(kent_dir: Path) -> None:
    from extract.document import extract_file

    extraction: Extraction = extract_file(DRAFT, (kent_dir / DRAFT).read_bytes())
    found = [r for r in reconciliations(extraction) if r.subject == "general reserve flow"]
    assert [(r.stated_gbp, r.computed_gbp) for r in found] == [(16.3e6, 15.4e6)]
    assert [p.page for p in found[0].provenance] == [4, 42]
