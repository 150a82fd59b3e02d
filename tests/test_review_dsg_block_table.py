"""A DSG table by block, its total, and the deficit brought and carried forward beneath it.

Severnbrook's Q3 monitoring (a tester's fictional bundle, whole pounds) prints one DSG table: the
four blocks and "Total DSG in-year" (£6,038,500 over: High Needs £6,315,400 over, the other blocks
under), then "DSG deficit brought forward 1 April 2025 | 14,820,000", "In-year forecast deficit
2025/26 | 6,038,500" and "Forecast cumulative DSG deficit carried forward 31 March 2026 |
20,858,500", all in its "Forecast Outturn £" column. The pack headlined the High Needs block's
£6.3m as the DSG's in-year position, and read the carried forward only from the prose, unverified:
the table's "Total DSG in-year" row, above the brought forward row, was taken for the year's
movement (so the rows were out of order), and no column heading names the year.
"""

from __future__ import annotations

from analyse.dsg import DsgItem, deficit_table, dsg_position, in_year
from analyse.reserves import reserves
from analyse.scope import scope_index
from extract.domain.from_tables import records_from_tables
from extract.prose import figures_from_passages
from extract.records import Extraction, Passage, Provenance, Table
from tests.domain_tables import document, table

SEVERNBROOK = [
    [
        "DSG Block",
        "Revised Budget £",
        "Forecast Outturn £",
        "Forecast Variance £",
        "Variance at Q2 £",
        "Movement £",
    ],
    ["Schools Block", "98,412,300", "98,412,300", "0", "0", "0"],
    ["Central School Services Block", "1,620,400", "1,598,200", "(22,200)", "(15,000)", "(7,200)"],
    ["Early Years Block", "17,305,600", "17,050,900", "(254,700)", "(180,000)", "(74,700)"],
    ["High Needs Block", "38,940,000", "45,255,400", "6,315,400", "5,700,000", "615,400"],
    ["Total DSG in-year", "156,278,300", "162,316,800", "6,038,500", "5,505,000", "533,500"],
    ["DSG deficit brought forward 1 April 2025", "", "14,820,000", "", "", ""],
    ["In-year forecast deficit 2025/26", "", "6,038,500", "", "", ""],
    ["Forecast cumulative DSG deficit carried forward 31 March 2026", "", "20,858,500", "", "", ""],
]
SEVERNBROOK_TITLE = "Appendix A (continued) \u2013 Dedicated Schools Grant, Period 9 2025/26"

# Another council's words and layout: £000, the total named after the grant, the deficit's rows as
# "opening" and "closing", a contribution among the movements, the year only in the title.
OTHER = [
    ["Dedicated Schools Grant", "Budget £000", "Projected £000", "Over / (under) £000"],
    ["High Needs", "52,300", "57,900", "5,600"],
    ["Early Years", "21,000", "20,400", "(600)"],
    ["Schools", "140,000", "140,000", "0"],
    ["Dedicated Schools Grant total", "213,300", "218,300", "5,000"],
    ["Opening DSG deficit", "", "", "31,200"],
    ["Add: in-year overspend", "", "", "5,000"],
    ["Less: council contribution", "", "", "(1,500)"],
    ["Closing DSG deficit", "", "", "34,700"],
]
OTHER_TITLE = "Table 4: Dedicated Schools Grant forecast 2026/27"


def _table(rows: list[list[str]], title: str) -> Table:
    return table(rows, title=title, header_rows=1, locator="page 5, table 2")


def _extraction(rows: list[list[str]], title: str, prose: str = "") -> Extraction:
    tables = [_table(rows, title)]
    found = records_from_tables(tables, document())
    where = Provenance(file="m.pdf", sha256="ab" * 32, page=2, bbox=None, locator="paragraph 4", text=prose)
    passages = [Passage(text=prose, provenance=[where])] if prose else []
    return Extraction(
        documents=[document()],
        budget_lines=found.budget_lines,
        tables=tables,
        passages=passages,
        figures=figures_from_passages(passages),
    )


def _dsg(extraction: Extraction, year: str):  # type: ignore[no-untyped-def]
    return dsg_position(extraction, scope_index(extraction), year, reserves(extraction))


def test_severnbrooks_table_carries_its_deficit_forward_verified() -> None:
    found = carried_forward([_table(SEVERNBROOK, SEVERNBROOK_TITLE)], "2025-26")
    assert found is not None
    assert (found.amount_gbp, found.words, found.verification) == (20_858_500, "31 March 2026", "verified")
    assert [p.locator for p in found.provenance] == [
        "page 5, table 2, row 9",
        "page 5, table 2, row 7",
        "page 5, table 2, row 8",
    ]


def test_another_layout_carries_its_deficit_forward_with_a_contribution_among_the_movements() -> None:
    found = carried_forward([_table(OTHER, OTHER_TITLE)], "2026-27")
    assert found is not None and (found.amount_gbp, found.verification) == (34_700_000, "verified")


def test_a_table_of_another_year_is_not_this_years() -> None:
    assert carried_forward([_table(OTHER, OTHER_TITLE)], "2025-26") is None
    rows = [row[:] for row in SEVERNBROOK]
    rows[-1][0] = "Forecast cumulative DSG deficit carried forward 31 March 2025"
    assert carried_forward([_table(rows, SEVERNBROOK_TITLE)], "2025-26") is None


def test_a_table_that_does_not_add_up_gives_way_to_the_sentence_stated_unverified() -> None:
    rows = [row[:] for row in SEVERNBROOK]
    rows[-1][2] = "20,885,500"
    prose = (
        "Together with the deficit brought forward of £14,820,000, the cumulative DSG deficit is "
        "forecast to be £20,858,500 at 31 March 2026."
    )
    assert carried_forward([_table(rows, SEVERNBROOK_TITLE)], "2025-26") is None
    deficit = _dsg(_extraction(rows, SEVERNBROOK_TITLE, prose), "2025-26").cumulative_deficit
    assert deficit is not None and deficit.amount_gbp == 20_858_500 and deficit.verification is None
    assert deficit.provenance[0].locator == "paragraph 4"


def test_the_table_is_read_before_the_sentence_citing_both() -> None:
    prose = "The cumulative DSG deficit is forecast to be £20,858,500 at 31 March 2026."
    deficit = _dsg(_extraction(SEVERNBROOK, SEVERNBROOK_TITLE, prose), "2025-26").cumulative_deficit
    assert deficit is not None and deficit.verification == "verified"
    assert {p.locator for p in deficit.provenance} >= {"page 5, table 2, row 9", "paragraph 4"}


def test_the_dsg_total_is_the_in_year_position_not_the_high_needs_block() -> None:
    for rows, title, year, total in (
        (SEVERNBROOK, SEVERNBROOK_TITLE, "2025-26", 6_038_500),
        (OTHER, OTHER_TITLE, "2026-27", 5_000_000),
    ):
        extraction = _extraction(rows, title)
        found = in_year(extraction, scope_index(extraction), year)
        assert found is not None and found.amount_gbp == total and found.words == "overspend"
        assert found.provenance[0].text.split(" | ")[0] in {
            "Total DSG in-year",
            "Dedicated Schools Grant total",
        }


def test_without_a_dsg_total_the_high_needs_block_is_the_in_year_position() -> None:
    # a line naming the DSG that is not a total is a line of its own
    rows = [
        ["DSG Block", "Budget £", "Forecast £", "Variance £"],
        ["High Needs Block", "38,940,000", "45,255,400", "6,315,400"],
        ["DSG - Schools (net)", "98,412,300", "98,190,100", "(222,200)"],
    ]
    extraction = _extraction(rows, SEVERNBROOK_TITLE)
    found = in_year(extraction, scope_index(extraction), "2025-26")
    assert found is not None and found.amount_gbp == 6_315_400
    rows = [row for row in SEVERNBROOK if row[0] != "Total DSG in-year"]
    extraction = _extraction(rows, SEVERNBROOK_TITLE)
    found = in_year(extraction, scope_index(extraction), "2025-26")
    assert found is not None and found.amount_gbp == 6_315_400
    # a total of the High Needs block alone is the block's, not the DSG's
    rows = [*SEVERNBROOK[:5], ["Total High Needs Block", "38,940,000", "45,255,400", "6,315,400", "", ""]]
    extraction = _extraction(rows, SEVERNBROOK_TITLE)
    found = in_year(extraction, scope_index(extraction), "2025-26")
    assert found is not None and found.amount_gbp == 6_315_400


def test_a_years_movement_row_above_the_brought_forward_row_is_not_the_movement() -> None:
    # the year in the column's heading, £m; a summary row naming the year's movement printed first
    rows = [
        ["High Needs and the DSG deficit", "2025/26 £m"],
        ["High Needs in-year movement", "4.2"],
        ["Deficit b/f", "18.0"],
        ["Deficit arising in year", "4.2"],
        ["Deficit c/f", "22.2"],
    ]
    found = carried_forward([_table(rows, "")], "2025-26")
    assert found is not None and (found.amount_gbp, found.verification) == (22_200_000, "verified")
    assert found.provenance[2].text == "Deficit arising in year | 4.2"


def carried_forward(tables: list[Table], period: str | None) -> DsgItem | None:
    """The deficit `deficit_table` reads a table to carry forward, or None where it reads none."""
    read = deficit_table(tables, period)
    return read.deficit if read is not None else None
