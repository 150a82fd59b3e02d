"""A contribution to a reserve that a table removes the year after is said to be reversed."""

from __future__ import annotations

from pathlib import Path

from analyse.records import Reserve
from analyse.reserves import removal_rows, reserves, reversed_later
from extract.records import Extraction, Provenance, Table

APPENDIX_F = "kent_cabinet_2025-01-30_appendixF_budget_templates.pdf"
DRAFT = "kent_cabinet_2025-01-30_draft_revenue_budget_2025-26_MTFP_2025-28.pdf"
HEAD = ["MTFP Category", "Headline Description", "Brief Description", "2025-26 £000's", "2026-27 £000's"]


def _at(file: str, page: int, locator: str, text: str) -> Provenance:
    return Provenance(file=file, sha256="ab" * 32, page=page, bbox=None, locator=locator, text=text)


def _table(*rows: list[str]) -> Table:
    return Table(
        file=APPENDIX_F,
        page=22,
        bbox=None,
        rows=[HEAD, *rows],
        unit="£000",
        header_rows=1,
        locator="page 22, table 1",
        provenance=[_at(APPENDIX_F, 22, "page 22, table 1", "")],
    )


REMOVED = [
    "Removal of prior year Contributions",
    "General Reserves",
    "Removal of prior year one-off contribution to general reserve",
    "-5,100.0",
    "-4,300.0",
]


def _flow(
    amount: float, words: str = "£4.3m for the additional annual contribution to general reserves"
) -> Reserve:
    return Reserve(
        kind="flow",
        label="general reserves",
        amount_gbp=amount,
        at="2025-26",
        direction="into reserves",
        text=words,
        words=words,
        provenance=[_at(DRAFT, 42, "page 42, paragraph 3", words)],
    )


def test_a_contribution_a_table_removes_the_year_after_is_said_reversed_citing_the_row() -> None:
    (removal,) = removal_rows([_table(REMOVED)])
    assert (removal.named, removal.amounts) == ("general", {"2025-26": -5_100_000.0, "2026-27": -4_300_000.0})
    found = reversed_later(_flow(4.3e6), [removal])
    assert found.reversed_in == "2026-27"
    assert found.reversed_by == "Removal of prior year one-off contribution to general reserve"
    assert found.provenance[-1].locator == "page 22, table 1, row 2"
    # another amount, another reserve, or a row that removes nothing is no reversal
    assert not reversed_later(_flow(4.5e6), [removal]).reversed_by
    other = "£4.3m into the highways renewals reserve"
    assert not reversed_later(_flow(4.3e6, other).model_copy(update={"label": other}), [removal]).reversed_by
    added = [
        "Contributions to reserves",
        "General Reserves",
        "Contribution to general reserves",
        "4,300.0",
        "13,500.0",
    ]
    assert removal_rows([_table(added)]) == []


def test_kents_general_reserve_contributions_are_reversed_the_year_after(kent_dir: Path) -> None:
    from extract.document import extract_file

    extraction = Extraction.combine(
        [extract_file(n, (kent_dir / n).read_bytes()) for n in (DRAFT, APPENDIX_F)]
    )
    found = {
        r.amount_gbp: r for r in reserves(extraction) if r.reversed_by and r.direction == "into reserves"
    }
    # page 42's £11.1m repayment and £4.3m contribution; Appendix F page 22 removes each in 2026-27
    assert sorted(found) == [4.3e6, 11.1e6]
    assert {(r.reversed_in, r.provenance[-1].page) for r in found.values()} == {("2026-27", 22)}
    assert found[4.3e6].reversed_by == "Removal of prior year one-off contribution to general reserve"
    assert found[4.3e6].provenance[-1].text.startswith("Removal of prior year Contributions | NAC")


def test_a_prose_drawdown_a_table_removes_the_year_after_is_not_taken_for_a_one_off_use_by_year() -> None:
    from analyse.reserves import one_off_use

    row = [
        "Removal of prior year Drawdowns",
        "Smoothing reserve",
        "Removal of prior year drawdown",
        "0.0",
        "1,800.0",
    ]
    (removal,) = removal_rows([_table(row)])
    drawdown = _flow(1.8e6, "£1.8m from smoothing reserves").model_copy(
        update={"direction": "out of reserves", "label": "smoothing reserves"}
    )
    found = reversed_later(drawdown, [removal])
    assert found.reversed_in == "2026-27" and one_off_use(found) is None
