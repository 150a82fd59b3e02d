"""A report and its appendix at the same point in the year: a total the report's summary prints
and the appendix's services contradict carries that doubt in the headline; the two are not two
reports whose order is unknown; a High Needs line netted to nil in the General Fund is no DSG
in-year position; and a summary of savings by directorate and rating gives no savings."""

from __future__ import annotations

from analyse.diagnostic import movement
from analyse.dsg import in_year
from analyse.position import budget_position
from analyse.scope import scope_index
from extract.domain.from_tables import records_from_tables
from extract.prose import figures_from_passages
from extract.records import BudgetLine, Extraction, Passage, Provenance, Table
from ingest.records import DocumentKind
from tests.domain_tables import document, table

SUMMARY = [
    ["Directorate", "Budget £m", "Forecast £m", "Variance £m"],
    ["Children's Services", "84.20", "88.75", "4.55"],
    ["Place Services", "51.00", "50.20", "-0.80"],
    ["Total", "135.20", "138.95", "3.75"],
]
# Total first: Children's Services' services print a forecast of 88.50, not its 88.75.
APPENDIX = [
    ["Directorate / Service", "Budget £m", "Forecast £m", "Variance £m"],
    ["Children's Services", "84.20", "88.75", "4.55"],
    ["Children in care", "60.00", "63.90", "3.90"],
    ["Family support", "24.20", "24.60", "0.40"],
    ["Place Services", "51.00", "50.20", "-0.80"],
    ["Highways", "30.00", "29.50", "-0.50"],
    ["Waste", "21.00", "20.70", "-0.30"],
    ["Total", "135.20", "138.95", "3.75"],
]


def _in(file: str, found: Table) -> Table:
    where = [p.model_copy(update={"file": file}) for p in found.provenance]
    return found.model_copy(update={"file": file, "provenance": where})


def _lines(file: str, rows: list[list[str]]) -> list[BudgetLine]:
    doc = document().model_copy(update={"file": file})
    found = _in(
        file, table(rows, header_rows=1, title="Revenue monitoring 2025-26", locator="page 2, table 1")
    )
    return records_from_tables([found], doc).budget_lines


def both(appendix: str = "Appendix A Q2 monitoring.pdf") -> Extraction:
    lines = _lines("Cabinet Q2 revenue report.pdf", SUMMARY) + _lines(appendix, APPENDIX)
    return Extraction(documents=[document()], budget_lines=lines)


def test_a_total_the_appendix_contradicts_headlines_with_that_doubt_though_the_summary_adds_up() -> None:
    extraction = both("Appendix A revenue monitoring.pdf")  # the report's name alone dates it: it leads
    children = budget_position(extraction, "2025-26", scope_index(extraction))
    money = children.children_services
    assert money.variance_gbp == 4_550_000 and money.verification == "contradicted"
    assert money.doubts and "Appendix A" in money.provenance[0].file
    short = children.children_services_lines_short
    assert short is not None and round(short.short_gbp) == 250_000


def test_a_report_and_its_appendix_at_one_point_in_the_year_are_no_movement_and_no_puzzle() -> None:
    extraction = both()
    assert movement(extraction.budget_lines, scope_index(extraction)) == (None, None, [], None)
    lines = _lines("Cabinet revenue report.pdf", SUMMARY) + _lines("Appendix A Q2 monitoring.pdf", APPENDIX)
    assert movement(lines, scope_index(extraction))[3] is not None  # one name says no point in the year


def test_a_high_needs_line_netted_to_nil_gives_way_to_the_stated_in_year_position() -> None:
    rows = [
        ["Service", "Gross £m", "Income £m", "Net budget £m", "Forecast £m", "Variance £m"],
        ["Family support", "30.00", "-5.80", "24.20", "24.60", "0.40"],
        ["High Needs Block (DSG)", "96.40", "-96.40", "0.00", "0.00", "0.00"],
    ]
    found = table(
        rows, header_rows=1, title="Children's Services monitoring 2025-26", locator="page 2, table 1"
    )
    prose = "The High Needs Block is forecasting an in-year overspend of £7.20m."
    where = Provenance(file="r.pdf", sha256="ab" * 32, page=4, bbox=None, locator="paragraph 9", text=prose)
    passages = [Passage(text=prose, provenance=[where])]
    extraction = Extraction(
        documents=[document()],
        budget_lines=records_from_tables([found], document()).budget_lines,
        tables=[found],
        passages=passages,
        figures=figures_from_passages(passages),
    )
    position = in_year(extraction, scope_index(extraction), "2025-26")
    assert position is not None and position.amount_gbp == 7_200_000 and position.words == "overspend"


def test_a_summary_of_savings_by_directorate_and_rating_gives_no_savings() -> None:
    rows = [
        ["Directorate", "Green", "Amber", "Red", "Undeliverable", "Total"],
        ["Adults and Health", "400", "250", "0", "100", "750"],
        ["Place Services", "0", "300", "120", "0", "420"],
        ["Total", "400", "550", "120", "100", "1,170"],
    ]
    found = table(rows, header_rows=1, unit="£000", title="Savings 2025-26 by delivery rating")
    assert records_from_tables([found], document(DocumentKind.SAVINGS_PLAN)).savings == []
