"""Domain records from Kent's real Appendix F (every pressure and saving, £000 by year)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from domain_tables import pipeline_tables

from extract.domain.from_tables import DomainRecords, records_from_tables

APPENDIX_F = "kent_cabinet_2025-01-30_appendixF_budget_templates.pdf"


@pytest.fixture(scope="module")
def appendix_f(kent_dir: Path) -> DomainRecords:
    document, tables = pipeline_tables(kent_dir / APPENDIX_F)
    return records_from_tables(tables, document)


def _find(lines: list, title: str, first_year_source: float) -> object:
    """The line with this title whose 2025-26 figure is the source's, in £000 as printed."""
    return next(
        line
        for line in lines
        if line.title.startswith(title)
        and abs(abs(line.planned[0].amount_gbp) - first_year_source * 1000) < 1
    )


def test_savings_pages_give_savings_as_positive_pounds(appendix_f: DomainRecords) -> None:
    # Page 13 prints "Home to School transport - SEN ... -10,600.0 -10,300.0 -10,300.0" in £000's.
    line = _find(appendix_f.savings, "Home to School transport - SEN", 10_600.0)
    assert [p.amount_gbp for p in line.planned] == pytest.approx([10_600_000.0, 10_300_000.0, 10_300_000.0])
    assert line.service_area == "Transport"
    assert line.category is not None and line.category.startswith("Transformation - Future")


def test_removing_undelivered_savings_is_a_negative_saving(appendix_f: DomainRecords) -> None:
    # Page 13: "Removal of £6,749k of undelivered savings ..." printed as +6,749.0 among savings.
    line = _find(appendix_f.savings, "Adult Social Care service redesign", 6_749.0)
    assert line.planned[0].amount_gbp == pytest.approx(-6_749_000.0)


def test_spending_pages_give_pressures_in_the_source_sign(appendix_f: DomainRecords) -> None:
    # Page 1: "Home to School Transport ... underspend ... -5,300.0 0.0 0.0", a pressure reduced.
    line = _find(appendix_f.pressures, "Home to School Transport", 5_300.0)
    assert line.planned[0].amount_gbp == pytest.approx(-5_300_000.0)
    assert line.category == "Base Budget Changes"
    assert line.provenance[0].page == 1
    assert "-5,300.0" in line.provenance[0].text


def test_no_total_row_is_taken_for_a_line(appendix_f: DomainRecords) -> None:
    titles = [line.title.upper() for line in [*appendix_f.savings, *appendix_f.pressures]]
    assert not any(title.startswith("TOTAL") or title in {"CORE", "EXTERNAL"} for title in titles)
    assert appendix_f.errors == []


def test_every_line_cites_its_page_and_row(appendix_f: DomainRecords) -> None:
    for line in [*appendix_f.savings, *appendix_f.pressures]:
        [prov] = line.provenance
        assert prov.file == APPENDIX_F and prov.page is not None and prov.bbox is not None
        assert f"page {prov.page}" in prov.locator and "row" in prov.locator


def test_the_mtfp_summary_gives_its_unresolved_gap_by_year_and_no_lines(kent_dir: Path) -> None:
    document, tables = pipeline_tables(kent_dir / "kent_cabinet_2025-01-30_appendixD_MTFP.pdf")
    found = records_from_tables(tables, document)
    gaps = {gap.title: {p.period: p.amount_gbp for p in gap.planned} for gap in found.mtfp_gaps}
    # Page 2 prints "UNRESOLVED BALANCE / SURPLUS ... -3,108.0 0.0 -3,108.0 2,819.9 0.0 2,819.9"
    # under 2026-27 and 2027-28 (Core, External, Total, £000s).
    assert gaps["UNRESOLVED BALANCE / SURPLUS"] == pytest.approx(
        {"2026-27": -3_108_000.0, "2027-28": 2_819_900.0}
    )
    # The plan restates Appendix F's category totals; they are not lines of their own.
    assert found.savings == [] and found.pressures == []


def test_the_mtfp_summary_gives_its_stated_totals_by_year(kent_dir: Path) -> None:
    document, tables = pipeline_tables(kent_dir / "kent_cabinet_2025-01-30_appendixD_MTFP.pdf")
    totals = {
        t.title: {p.period: p.amount_gbp for p in t.planned}
        for t in records_from_tables(tables, document).mtfp_totals
    }
    # Page 1: "TOTAL SPENDING ... 150,418.6 45,204.4 195,623.0" for 2025-26 (Core, External, Total);
    # page 2: "NET BUDGET ... 1,529,659.5 0.0 1,529,659.5".
    assert totals["TOTAL SPENDING"]["2025-26"] == pytest.approx(195_623_000.0)
    assert totals["NET BUDGET"]["2025-26"] == pytest.approx(1_529_659_500.0)
    assert all(t.category == "mtfp_total" for t in records_from_tables(tables, document).mtfp_totals)


def test_adult_social_care_lines_in_the_cype_directorate_are_not_childrens(appendix_f: DomainRecords) -> None:
    # Page 13: "Efficiency | CYPE | Sue Chandler | Adult Social Care | Review of 18-25 community-based
    # services" sits in CYPE's pages but serves adults; "Looked After Children" there is children's.
    from analyse.records import Scope
    from analyse.scope import scope_of

    def scope(line: Any) -> Scope:
        return scope_of(line.title, line.directorate, line.service_area)

    lines = [*appendix_f.savings, *appendix_f.pressures]
    adults = [line for line in lines if line.title.lower().startswith("adult social care")]
    assert adults and any(line.directorate == "CYPE" for line in adults)
    assert {scope(line) for line in adults if line.directorate == "CYPE"} == {Scope.ADULTS_IN_CHILDRENS}
    assert {scope(line) for line in adults} <= {Scope.ADULTS_IN_CHILDRENS, Scope.OTHER_DIRECTORATE}
    looked_after = [line for line in lines if line.title.startswith("Looked After Children")]
    assert looked_after and {scope(line) for line in looked_after} == {Scope.CHILDRENS_SOCIAL_CARE}


def test_totals_printed_twice_carry_the_funding_column_that_tells_them_apart(
    appendix_f: DomainRecords,
) -> None:
    # Pages 21 and 23: "TOTAL CONTRIBUTIONS TO RESERVES 42,428.9" over lines marked "Core" and
    # "14,200.0" over the DfE's Safety Valve lines marked "External" in "Core or Externally Funded".
    column = "Core or Externally Funded"
    contributions = [t for t in appendix_f.mtfp_totals if t.title == "TOTAL CONTRIBUTIONS TO RESERVES"]
    assert [(t.planned[0].amount_gbp, t.section) for t in contributions] == [
        (pytest.approx(42_428_900.0), f"{column}: Core"),
        (pytest.approx(14_200_000.0), f"{column}: External"),
    ]
    # Pages 2 and 10: the two grant totals' lines also share a headline each ("Domestic Abuse"),
    # but the column that tells the document's other totals apart is the one they are named by.
    grants = [t.section for t in appendix_f.mtfp_totals if t.title == "TOTAL REDUCTION IN GRANT INCOME"]
    assert grants == [f"{column}: Core", f"{column}: External"]
    assert {t.section for t in appendix_f.mtfp_totals if t.title == "TOTAL INCOME"} == {None}


def test_each_children_pressure_carries_the_funding_its_column_prints(appendix_f: DomainRecords) -> None:
    # Page 10, "Core or Externally Funded": the children's grants lost to the new Children and
    # Families grant (11,276.2) and the UASC realignment (-400.0) are External; page 7's
    # demand lines are Core. Page 11's Family Hubs (-3,332.0) is External too.
    lines = appendix_f.pressures
    assert _find(lines, "Children & Families grants", 11_276.2).funding == "external"  # type: ignore[attr-defined]
    assert _find(lines, "Unaccompanied Asylum Seeking Children", 400.0).funding == "external"  # type: ignore[attr-defined]
    assert _find(lines, "Family Hubs", 3_332.0).funding == "external"  # type: ignore[attr-defined]
    assert _find(lines, "Home to School transport - SEN - Cost", 10_200.0).funding == "core"  # type: ignore[attr-defined]
    # Appendix E's CYPE core spending, 40,335.3: the sum of the CYPE lines marked Core.
    core = sum(p.planned[0].amount_gbp for p in lines if p.directorate == "CYPE" and p.funding == "core")
    assert core == pytest.approx(40_335_300.0, abs=1_000)
    assert {p.funding for p in lines} <= {"core", "external"}
