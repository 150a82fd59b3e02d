"""Marlowe's Appendix A (tests/marlowe, an independent tester's bundle): each directorate's total
printed first, in bold, two names wrapped over two lines, the children's directorate running over
a page break; and its savings plan continued on a second page above a summary by confidence."""

from __future__ import annotations

from typing import Any

import pytest

from extract.records import Verification

APPENDIX = "Marlowe_Appendix_A_Q2_Revenue_Monitoring.pdf"
CYPE = "Children, Young People and Education"


@pytest.fixture(scope="module")
def appendix(marlowe: tuple[Any, Any]) -> dict[str, Any]:
    _, extraction = marlowe
    return {b.name: b for b in extraction.budget_lines if b.provenance[0].file == APPENDIX}


def test_the_wrapped_directorate_totals_head_their_services(appendix: dict[str, Any]) -> None:
    for name in (CYPE, "Growth, Environment and Transport"):
        assert appendix[name].level == "directorate"
    cype = [b for b in appendix.values() if b.directorate == CYPE and b.level == "service_line"]
    assert len(cype) == 10  # nine on page 1 and 2, the High Needs line among them
    assert {b.provenance[0].page for b in cype} == {1, 2}


def test_the_cype_total_is_contradicted_by_its_lines_and_the_council_total_reconciles(
    appendix: dict[str, Any],
) -> None:
    head = appendix[CYPE]
    assert head.verification is Verification.CONTRADICTED
    (failed,) = [c for c in head.checks if not c.held]
    assert (
        "£292.35m against lines £291.9m" in failed.detail and "£21.8m against lines £21.35m" in failed.detail
    )
    assert appendix["Total Marlowe County Council"].verification is Verification.VERIFIED


def test_the_headline_says_its_lines_fall_short_and_the_dsg_keeps_its_stated_overspend(
    marlowe: tuple[Any, Any],
) -> None:
    review, _ = marlowe
    money = review.position.children_services
    assert money.variance_gbp == pytest.approx(21_800_000) and money.verification == "contradicted"
    assert review.position.children_services_lines_short.short_gbp == pytest.approx(450_000)
    assert [i.amount_gbp for i in review.dsg.in_year] == [pytest.approx(18_400_000)]
    assert not any("113.35" in f.message for f in review.flags)  # no false gap in the council total


def test_the_savings_plans_second_page_is_read(marlowe: tuple[Any, Any]) -> None:
    _, extraction = marlowe
    savings = extraction.savings
    assert len(savings) == 15 and sum(s.target_gbp or 0 for s in savings) == pytest.approx(22_850_000)
    assert {s.ref for s in savings} >= {"CED S02", "NAC S01"}
