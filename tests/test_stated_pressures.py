"""Pressures a plan states only in prose are read as pressures, each cited; a table's pressures, or
an in-year overspend called a pressure, are not read again from sentences."""

from __future__ import annotations

from analyse.review import build_review
from analyse.stated_pressures import stated_pressures
from extract.prose import figures_from_passages
from extract.records import Extraction, Passage, PeriodAmount, PlanLine, Provenance

PLAN = (
    "Demand pressures continue. The budget strategy provides growth totalling £3.25m for residential "
    "care for looked after children in 2027-28, and £0.9m for SEND transport, to reflect 2026-27 demand. "
    "A further £1.1m of growth is assumed in each of 2028-29 and 2029-30. Council tax base growth of "
    "£2.4m in 2027-28 is assumed."
)
MONITORING = (
    "The principal pressure remains Children's Services, which is forecasting an overspend of £4.2m in 2026-27. "
    "Underspends are partly offset by a £0.35m pressure on housing benefit subsidy."
)


def _prov(text: str, file: str) -> Provenance:
    return Provenance(
        file=file, sha256="ab" * 32, page=3, bbox=None, locator="page 3, paragraph 2", text=text
    )


def _bundle(*pressures: PlanLine) -> Extraction:
    passages = [
        Passage(text=PLAN, provenance=[_prov(PLAN, "budget_strategy.pdf")]),
        Passage(text=MONITORING, provenance=[_prov(MONITORING, "monitoring.pdf")]),
    ]
    return Extraction(passages=passages, figures=figures_from_passages(passages), pressures=list(pressures))


def test_growth_stated_in_prose_is_read_as_pressures_by_what_for_and_year_each_cited() -> None:
    found = stated_pressures(_bundle())
    said = [(p.title, [(a.period, a.amount_gbp) for a in p.planned]) for p in found]
    assert said == [
        ("Residential care for looked after children", [("2027-28", 3.25e6)]),
        ("SEND transport", [("2027-28", 0.9e6)]),  # "to reflect 2026-27 demand" names no year of its own
        (
            "Further growth: residential care for looked after children and SEND transport",
            [("2028-29", 1.1e6), ("2029-30", 1.1e6)],
        ),
    ]
    # each cites its sentence's page; the council tax base's growth and the monitoring's in-year
    # "pressures" (an overspend) are not pressures
    assert all(p.provenance[0].file == "budget_strategy.pdf" and p.provenance[0].page == 3 for p in found)


def test_the_childrens_pressures_by_year_count_them_where_the_tables_give_none() -> None:
    review = build_review(_bundle())
    table = review.selection.pressures
    by_year = dict(zip(table.years, table.general_fund, strict=True))
    assert by_year["2027-28"] == 4.15e6 and by_year["2028-29"] == 1.1e6
    assert review.selection.has_pressures


def test_sentences_are_not_read_as_pressures_where_a_table_gives_pressures() -> None:
    table = PlanLine(
        title="Placements demand",
        planned=[PeriodAmount(period="2027-28", amount_gbp=3.25e6)],
        provenance=[_prov("Placements demand | 3,250", "mtfp.xlsx")],
    )
    assert stated_pressures(_bundle(table)) == []
