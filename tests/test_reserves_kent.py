"""Reserves as Kent's draft revenue budget (Cabinet, 30 January 2025) words them, read from ../shared.

Its section 12 dates the council's balances ("at the end of 2023-24") and lists the budget's
movements under "Increased/new contributions (core budget) +£42.4m": "£15.4m general reserves
including £11.1m repayment ... and £4.3m for the additional annual contribution ..." is a
contribution into the general reserve, not what it holds.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from analyse.records import Reserve
from analyse.reserves import reserves

DRAFT = "kent_cabinet_2025-01-30_draft_revenue_budget_2025-26_MTFP_2025-28.pdf"


@pytest.fixture(scope="module")
def kent_reserves(kent_dir: Path) -> list[Reserve]:
    from extract.document import extract_file

    return reserves(extract_file(DRAFT, (kent_dir / DRAFT).read_bytes()))


def test_a_contribution_to_general_reserves_listed_with_its_parts_is_a_flow(
    kent_reserves: list[Reserve],
) -> None:
    [general] = [r for r in kent_reserves if r.amount_gbp == 15.4e6]
    assert "including £11.1m repayment" in general.text
    assert general.kind == "flow"


def test_every_balance_the_draft_budget_gives_is_dated_by_its_own_words(kent_reserves: list[Reserve]) -> None:
    balances = [(r.amount_gbp, r.at) for r in kent_reserves if r.kind == "balance"]
    # the usable reserves at the end of 2023-24 and the list that makes them up, parts included
    assert balances == [(v, "the end of 2023-24") for v in (357.6e6, 43.0e6, 297.6e6, 36.2e6, 17.0e6)]
