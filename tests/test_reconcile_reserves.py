"""The same reserve's flow stated twice with different amounts is a disagreement, through the one
cross-document rule (analyse.reconcile.differ); its parts, its changes and other reserves are not."""

from __future__ import annotations

from pathlib import Path

from analyse.reconcile import list_adds_up, reconciliations, reserve_cross_checks
from analyse.records import ListTotal, Reserve
from analyse.reserves import added_lines, reserve_named, reserves
from analyse.scope import scope_index
from extract.records import Extraction, PeriodAmount, Provenance

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
    found = [
        r
        for r in reconciliations(extraction, reserves(extraction), scope_index(extraction))
        if r.subject == "general reserve flow"
    ]
    assert [(r.stated_gbp, r.computed_gbp) for r in found] == [(16.3e6, 15.4e6)]
    assert [p.page for p in found[0].provenance] == [4, 42]
    # both are the 2025-26 budget's; page 42's list adds to its stated total, page 4's does not
    assert found[0].message.startswith("The flow of the general reserve (2025-26) is £16.3m on page 4")
    assert found[0].message.endswith(
        "The items listed with £16.3m (page 4) add to £42.9m, not the £42.4m their list states. "
        "The items listed with £15.4m (page 42) add to £42.4m, the total their list states."
    )
    # "£10.7m drawdown from smoothing reserves" (page 4) is the total of page 42's drawdowns list, whose
    # "-£8.8m net drawdown smoothing reserves" is one item: no disagreement
    assert not [
        r
        for r in reconciliations(extraction, reserves(extraction), scope_index(extraction))
        if r.subject == "smoothing reserve flow"
    ]


def _listed(total: float, items: list[float]) -> ListTotal:
    return ListTotal(words=f"£{total / 1e6:.1f}m contributions", total_gbp=total, items_gbp=items)


def test_which_list_adds_to_its_total_is_said_beside_a_disagreement() -> None:
    heading = REPLENISH.model_copy(update={"listed_in": _listed(42.4e6, [16.3e6, 12.0e6, 14.6e6])})
    bullets = LISTED.model_copy(update={"listed_in": _listed(42.4e6, [15.4e6, 14.6e6, 12.0e6, 0.4e6])})
    [found] = reserve_cross_checks([heading, bullets])
    assert "£16.3m (page 4) add to £42.9m, not the £42.4m" in found.message
    assert "£15.4m (page 42) add to £42.4m, the total their list states" in found.message


def test_a_list_adds_up_within_the_rounding_of_its_items() -> None:
    # -£8.8m, -£1.8m and -£0.2m printed to £0.1m add to -£10.8m: -£10.7m at that precision
    assert list_adds_up(_listed(-10.7e6, [-8.8e6, -1.8e6, -0.2e6]))
    assert not list_adds_up(_listed(42.4e6, [16.3e6, 12.0e6, 14.6e6]))


def test_a_flow_is_not_compared_with_the_total_of_the_list_it_is_an_item_of() -> None:
    total = flow("£10.7m drawdown from smoothing reserves", 10.7e6, 4, direction="out of reserves")
    item = flow(
        "-£8.8m net drawdown smoothing reserves",
        -8.8e6,
        42,
        direction="out of reserves",
        listed_in=_listed(-10.7e6, [-8.8e6, -1.8e6, -0.2e6]),
    )
    assert reserve_cross_checks([total, item]) == []


def test_kents_reserve_stated_two_ways_is_not_called_a_total_that_does_not_reconcile(kent_dir: Path) -> None:
    """The executive summary's caveats count the page 4 / page 42 difference as one figure stated two
    ways, from the counts the data-quality section reads (review.checks), and no total as failing."""
    from analyse.benchmarks import load_benchmark_table
    from analyse.review import build_review
    from extract.document import extract_file
    from render.findings import data_quality
    from render.refs import Figures

    review = build_review(extract_file(DRAFT, (kent_dir / DRAFT).read_bytes()), load_benchmark_table())
    checks = review.checks
    (twice,) = [r for r in review.reconciliations if r.code == "cross_document_mismatch"]
    assert [p.page for p in twice.provenance] == [4, 42]
    assert checks.figures_stated_differently == 1 and checks.totals_not_reconciled == 0
    assert checks.totals_checked == checks.totals_reconciled
    card = data_quality(review, Figures(review))
    assert card is not None
    said = "".join(str(p) for p in card.detail)
    assert "did not reconcile" not in said
    assert f"1 figure stated differently in two places ({twice.subject})" in said


def _line(name: str, amount: float, row: int) -> Reserve:
    """A reserves table's line, as analyse.reserves.added_lines reads it (Appendix F's rows, £000)."""
    text = f"Contributions to reserves | NAC | {name} | {amount / 1e3:,.1f} | 0.0 | 0.0"
    where = Provenance(
        file="appendixF.pdf",
        sha256="cd" * 32,
        page=21,
        bbox=None,
        locator=f"page 21, table 1, row {row}",
        text=text,
    )
    return Reserve(
        kind="flow",
        label=name,
        amounts=[PeriodAmount(period="2025-26", amount_gbp=amount)],
        text=text,
        direction="into reserves",
        provenance=[where],
    )


def _dated(*flows: Reserve) -> list[Reserve]:
    return [f.model_copy(update={"at": "2025-26"}) for f in flows]


def test_a_tables_lines_for_the_reserve_say_which_disagreeing_statement_they_support() -> None:
    lines = [
        _line("General Reserves repayment", 11_050_000.0, 6),
        _line("General Reserves", 4_300_000.0, 7),
        _line("Highways - renewals reserve", 400_000.0, 2),  # another reserve: not counted
    ]
    [found] = reserve_cross_checks(_dated(REPLENISH, LISTED), lines)
    assert found.supported_gbp == 15.4e6
    assert [p.locator for p in found.supported_by] == ["page 21, table 1, row 6", "page 21, table 1, row 7"]
    assert all(p in found.provenance for p in found.supported_by)
    assert found.message.endswith(
        "The table on page 21 of appendixF.pdf lists the general reserve's 2025-26 flow as 'General Reserves "
        "repayment' £11.05m, 'General Reserves' £4.3m: together £15.35m, which supports the £15.4m "
        f"({BUDGET}, page 42); they do not bear out the £16.3m."
    )


def test_lines_that_bear_out_neither_statement_or_another_year_say_nothing() -> None:
    neither = [
        _line("General Reserves repayment", 11_050_000.0, 6),
        _line("General Reserves", 2_000_000.0, 7),
    ]
    [found] = reserve_cross_checks(_dated(REPLENISH, LISTED), neither)
    assert (found.supported_gbp, found.supported_by) == (None, [])
    assert "supports" not in found.message
    [undated] = reserve_cross_checks([REPLENISH, LISTED], [_line("General Reserves", 15_350_000.0, 7)])
    assert undated.supported_gbp is None


APPENDIX_F = "kent_cabinet_2025-01-30_appendixF_budget_templates.pdf"


def test_kents_appendix_f_reserve_lines_support_the_15_4m_on_page_42(kent_dir: Path) -> None:
    from extract.document import extract_file

    extraction = Extraction.combine(
        [extract_file(name, (kent_dir / name).read_bytes()) for name in (DRAFT, APPENDIX_F)]
    )
    general = [r for r in added_lines(extraction) if reserve_named(r) == "general"]
    assert [(r.label, r.amounts[0].period, r.amounts[0].amount_gbp) for r in general] == [
        ("General Reserves repayment", "2025-26", 11_050_000.0),
        ("General Reserves", "2025-26", 4_300_000.0),
    ]
    [found] = [
        r
        for r in reconciliations(extraction, reserves(extraction), scope_index(extraction))
        if r.subject == "general reserve flow"
    ]
    assert (found.stated_gbp, found.computed_gbp, found.supported_gbp) == (16.3e6, 15.4e6, 15.4e6)
    assert {(p.file, p.page) for p in found.supported_by} == {(APPENDIX_F, 21)}
    assert "together £15.35m, which supports the £15.4m" in found.message
