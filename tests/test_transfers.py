"""Budgets the documents say move into or out of the children's directorate in the review's year,
stated beside the children's budget with what the budget papers show of whether it holds them."""

from __future__ import annotations

from pathlib import Path

from lxml import html as lxml_html
from review_builders import saving
from test_render_findings_position import budget_only

from analyse.records import BudgetTransfer
from analyse.scope import scope_index
from analyse.transfers import budget_transfers
from extract.records import Extraction, Passage, PeriodAmount, Provenance
from render import findings
from render.pack import pack_html
from render.refs import Figures

REPORT = "transfer_report.pdf"
YEAR = "2025-26"

# Kent's 18-25 transfer report: its recommendation (page 2) and financial implications (page 6, 5.1).
RECOMMENDATION = (
    "A. Agree to TRANSFER the statutory functions delivered by the 18-25 section of the Strengthening "
    "Independence Service, including the transfer of workforce in services from the Children Young People "
    "and Education Directorate to the Adult Social Care and Health Directorate from 1 April 2025; and"
)
IMPLICATIONS = (
    "5.1 The budget for the statutory functions delivered by the 18-25 section of the Strengthening "
    "Independence Service will transfer from the CYPE Directorate to the ASCH Directorate. The budget to be "
    "transferred will include the 25-26 budget for 18-25 services, agreed as part of the Budget at County "
    "Council in February 2025, including budgets for both placement/support costs and related staffing "
    "budgets. The indicative total budget to be transferred, at the time of writing this report, will be "
    "approximately £59m, comprising £56m for package costs and £3m for staffing (based on indicative "
    "budgets for 25-26)."
)


def _passage(text: str, page: int, file: str = REPORT) -> Passage:
    where = Provenance(file=file, sha256="ab" * 32, page=page, bbox=None, locator=f"page {page}", text=text)
    return Passage(text=text, provenance=[where])


def _held_saving() -> object:
    return saving(
        "Review of 18-25 community-based services",
        directorate="CYPE",
        service_area="Adults and Older People",
        planned=[PeriodAmount(period=YEAR, amount_gbp=-650_000.0)],
        file="appendixF.pdf",
    )


def _transfers(*passages: Passage, savings: list | None = None) -> list[BudgetTransfer]:
    extraction = Extraction(passages=list(passages), savings=savings or [])
    return budget_transfers(extraction, YEAR, scope_index(extraction))


def test_a_move_out_of_the_childrens_directorate_is_sized_dated_and_cited_from_its_report() -> None:
    [moved] = _transfers(_passage(RECOMMENDATION, 2), _passage(IMPLICATIONS, 6), savings=[_held_saving()])
    assert (moved.direction, moved.amount_gbp, moved.places, moved.approximate) == ("out", 59e6, 0, True)
    assert (moved.source, moved.destination) == ("the CYPE Directorate", "the ASCH Directorate")
    # dated by the recommendation's "from 1 April 2025", not the budget meeting "in February 2025"
    assert (moved.year, moved.effective) == (YEAR, "1 April 2025")
    assert moved.what.startswith("the statutory functions delivered by the 18-25 section")
    assert [(p.page, p.text[:14]) for p in moved.provenance] == [
        (6, "5.1 The budget"),
        (6, "The indicative"),
        (2, "Agree to TRANS"),
    ]
    assert [p.file for p in moved.held_in_childrens] == ["appendixF.pdf"]


def test_a_move_in_another_year_within_the_directorate_or_between_placements_is_not_a_transfer() -> None:
    texts = [
        "Youth justice will transfer from the Children's Directorate to Community Safety from 1 April 2026.",
        "£2.0m will transfer from Children's Social Care to Education and Skills from 1 April 2025.",
        "The Step Forward programme will move children from residential homes to specialist foster carers.",
        "Budgets moved from the Adults Directorate to Public Health in 2025-26.",
    ]
    assert _transfers(*[_passage(t, 3) for t in texts]) == []
    # the implications alone date nothing: "in February 2025" is when the budget was agreed
    alone = Extraction(passages=[_passage(IMPLICATIONS, 6)])
    assert [budget_transfers(alone, year, scope_index(alone)) for year in ("2024-25", YEAR)] == [[], []]


def test_a_move_into_the_childrens_directorate_is_read_with_its_financial_year() -> None:
    text = (
        "The £2.5m budget of the youth offending service moves from the Community Safety Directorate to "
        "Children's Services in 2025/26."
    )
    [moved] = _transfers(_passage(text, 4), savings=[_held_saving()])
    assert (moved.direction, moved.amount_gbp, moved.approximate) == ("in", 2.5e6, False)
    assert (moved.year, moved.effective, moved.held_in_childrens) == (YEAR, "2025/26", [])


def test_the_childrens_budget_card_and_position_section_state_the_transfer_and_the_s151_question() -> None:
    review, extraction = budget_only()
    [moved] = _transfers(_passage(RECOMMENDATION, 2), _passage(IMPLICATIONS, 6), savings=[_held_saving()])
    position = review.position.model_copy(update={"transfers": [moved]})
    review = review.model_copy(update={"position": position})
    card = findings.children_budget(review, Figures(review))
    assert card is not None
    assert (
        "the documents say about £59m of budget transfers from the CYPE Directorate to the ASCH Directorate "
        "from 1 April 2025 while the 2025-26 budget papers still file its lines under the CYPE Directorate: "
        "whether the £448.7m includes it is a question for the S151 officer"
    ) in card.detail
    section = lxml_html.fromstring(pack_html(review, extraction)).get_element_by_id("budget").text_content()
    words = " ".join(section.split())
    assert "The documents say about £59m of the budget for “the statutory functions delivered" in words
    assert "still file its lines (adults' services) under the CYPE Directorate" in words
    assert "Whether the £448.7m includes it is a question for the S151 officer." in words


TRANSFER_REPORT = "kent_cabinet_2025-01-30_24-00109_SIS_18-25_transfer_report.pdf"
TEMPLATES = "kent_cabinet_2025-01-30_appendixF_budget_templates.pdf"


def test_kents_18_25_service_moves_59m_out_of_cype_from_april_2025_while_appendix_f_holds_it(
    kent_dir: Path,
) -> None:
    from extract.document import extract_file

    read = [extract_file(name, (kent_dir / name).read_bytes()) for name in (TRANSFER_REPORT, TEMPLATES)]
    extraction = Extraction(passages=read[0].passages, savings=read[1].savings, pressures=read[1].pressures)
    [moved] = budget_transfers(extraction, YEAR, scope_index(extraction))
    assert (moved.direction, moved.amount_gbp, moved.year, moved.effective) == (
        "out",
        59e6,
        YEAR,
        "1 April 2025",
    )
    assert (moved.source, moved.destination) == ("the CYPE Directorate", "the ASCH Directorate")
    assert moved.provenance[0].page == 6 and "approximately £59m" in moved.provenance[1].text
    held = {p.file for p in moved.held_in_childrens}
    assert held == {TEMPLATES} and "18-25" in moved.held_in_childrens[0].text
    assert budget_transfers(extraction, "2024-25", scope_index(extraction)) == []


def test_a_move_dated_by_a_financial_year_written_in_full_is_read_for_that_year() -> None:
    # the one financial-year rule (extract.numbers.normalise_period): "2025-2026" is 2025-26
    said = (
        "The budget for the 18-25 section will transfer from the CYPE Directorate to the ASCH Directorate "
        "in 2025-2026. The budget to be transferred will be approximately £59m."
    )
    [moved] = _transfers(_passage(said, 6))
    assert (moved.year, moved.effective, moved.amount_gbp) == (YEAR, "2025-2026", 59e6)
