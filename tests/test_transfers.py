"""Budgets the documents say move into or out of the children's directorate in the review's year,
stated beside the children's budget with what the budget papers show of whether it holds them."""

from __future__ import annotations

from pathlib import Path

from lxml import html as lxml_html
from review_builders import saving
from test_render_findings_position import budget_only

from analyse.derived import with_derived
from analyse.records import BudgetTransfer, Review
from analyse.scope import scope_index
from analyse.transfers import budget_transfers
from extract.records import Extraction, Passage, PeriodAmount, Provenance
from render import findings
from render.pack import pack_html
from render.refs import Figures
from tests.refs_check import problems

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


def _with(moved: BudgetTransfer) -> tuple[Review, Extraction]:
    review, extraction = budget_only()
    position = review.position.model_copy(update={"transfers": [moved]})
    return with_derived(review.model_copy(update={"position": position})), extraction


def _budget_section(review: Review, extraction: Extraction) -> str:
    section = lxml_html.fromstring(pack_html(review, extraction)).get_element_by_id("budget").text_content()
    return " ".join(section.split())


def test_a_move_whose_budget_is_the_years_agreed_budget_is_held_in_the_childrens_budget() -> None:
    [moved] = _transfers(_passage(RECOMMENDATION, 2), _passage(IMPLICATIONS, 6))
    assert moved.included and moved.held_in_childrens == []
    assert moved.agreed_in_budget is not None and moved.agreed_in_budget.page == 6
    assert "the 25-26 budget for 18-25 services, agreed as part of the Budget" in moved.agreed_in_budget.text


def test_a_move_whose_lines_the_years_budget_papers_file_under_childrens_is_held_in_its_budget() -> None:
    sized = "5.1 The budget for the 18-25 service will transfer from the CYPE Directorate to the ASCH Directorate."
    said = sized + " The budget to be transferred will be approximately £59m."
    [moved] = _transfers(_passage(RECOMMENDATION, 2), _passage(said, 6), savings=[_held_saving()])
    assert (moved.agreed_in_budget, moved.included) == (None, True)
    [unplaced] = _transfers(_passage(RECOMMENDATION, 2), _passage(said, 6))
    assert (unplaced.agreed_in_budget, unplaced.included) == (None, False)


def test_an_agreement_to_move_or_another_years_budget_does_not_place_it_in_the_childrens_budget() -> None:
    sized = "5.1 The budget for the 18-25 service will transfer from the CYPE Directorate to the ASCH Directorate."
    others = (
        "As part of the 2025-26 budget, Cabinet agreed to transfer the service at approximately £59m.",
        "The budget to be transferred will be the 24-25 budget agreed by County Council, approximately £59m.",
    )
    for other in others:
        [moved] = _transfers(_passage(RECOMMENDATION, 2), _passage(f"{sized} {other}", 6))
        assert (moved.agreed_in_budget, moved.included) == (None, False), other
    # a move in is never taken off the children's budget
    into = "The £2.5m budget moves from the Community Safety Directorate to Children's Services in 2025/26."
    agreed = "The budget to be transferred is the 2025-26 budget as agreed by County Council."
    [moved_in] = _transfers(_passage(f"{into} {agreed}", 4))
    assert moved_in.direction == "in" and moved_in.agreed_in_budget is not None and not moved_in.included


def test_the_childrens_budget_without_a_move_it_holds_is_derived_from_the_amount_stated() -> None:
    [moved] = _transfers(_passage(RECOMMENDATION, 2), _passage(IMPLICATIONS, 6), savings=[_held_saving()])
    review, extraction = _with(moved)
    position, less = review.position, review.derived.children_budget_less_transfers
    assert less is not None and moved.amount_gbp is not None and position.children_services.budget_gbp
    assert less.amount_gbp == position.children_services.budget_gbp - moved.amount_gbp
    assert (less.places, less.approximate) == (moved.places, moved.approximate)
    assert less.share == 100 * less.amount_gbp / (position.budget_gbp or 0.0)
    # one included move of no stated amount leaves nothing to derive
    unsized = moved.model_copy(update={"amount_gbp": None})
    assert _with(unsized)[0].derived.children_budget_less_transfers is None
    assert (
        _with(moved.model_copy(update={"included": False}))[0].derived.children_budget_less_transfers is None
    )


def test_the_card_and_position_section_say_the_budget_includes_the_move_and_show_it_without() -> None:
    [moved] = _transfers(_passage(RECOMMENDATION, 2), _passage(IMPLICATIONS, 6), savings=[_held_saving()])
    review, extraction = _with(moved)
    card = findings.children_budget(review, Figures(review))
    assert card is not None
    assert (
        "29% of the council's £1,529.7m (about 25% without the budget it transfers out, derived)"
        in card.detail
    )
    assert (
        "The £448.7m includes about £59m of budget that transfers from the CYPE Directorate to the ASCH "
        "Directorate from 1 April 2025 (the 2025-26 budget as agreed, the documents say): without it about "
        "£390m (derived from the amount stated, not verified); the S151 officer to confirm the amount transferred"
    ) in card.detail
    assert "question for the S151 officer" not in card.detail
    words = _budget_section(review, extraction)
    assert "CYPE holds £448.7m (29%; about 25% without the budget it transfers out, derived)" in words
    assert "The documents say about £59m of the budget for “the statutory functions delivered" in words
    assert (
        "the budget it moves is the 2025-26 budget as agreed in the budget: “The budget to be transferred"
        in words
    )
    assert "also file its lines (adults' services) under the CYPE Directorate" in words
    assert "So the £448.7m includes it." in words
    assert (
        "Derived, not verified: without the budget it transfers out, CYPE's budget is about £390m, about 25% of "
        "the council's (the £448.7m less about £59m stated for the transfer)."
    ) in words
    assert "asked to confirm the amount transferred" in words and "includes it is a question" not in words
    # every figure printed, the derived ones too, traces to its field at the precision printed
    html = pack_html(review, extraction)
    assert problems(html, review.model_dump(mode="json"), extraction.model_dump(mode="json")) == []


def test_a_move_the_documents_do_not_place_leaves_the_s151_question_and_no_derived_budget() -> None:
    said = (
        "5.1 The budget for the 18-25 service will transfer from the CYPE Directorate to the ASCH Directorate. "
        "The budget to be transferred will be approximately £59m."
    )
    [moved] = _transfers(_passage(RECOMMENDATION, 2), _passage(said, 6))
    review, extraction = _with(moved)
    card = findings.children_budget(review, Figures(review))
    assert card is not None
    assert "whether the £448.7m includes it is a question for the S151 officer" in card.detail
    assert "without" not in card.detail
    words = _budget_section(review, extraction)
    assert "The budget papers received do not show whether the children's budget was built with it" in words
    assert "Whether the £448.7m includes it is a question for the S151 officer." in words
    assert "Derived, not verified" not in words and "(29%)" in words


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
    # the report recommends the move to Cabinet (its cover, page 1): proposed, not done
    assert moved.recommended_to == "Cabinet on 30 January 2025"
    assert moved.recommendation is not None and moved.recommendation.page == 1


def test_a_move_dated_by_a_financial_year_written_in_full_is_read_for_that_year() -> None:
    # the one financial-year rule (extract.numbers.normalise_period): "2025-2026" is 2025-26
    said = (
        "The budget for the 18-25 section will transfer from the CYPE Directorate to the ASCH Directorate "
        "in 2025-2026. The budget to be transferred will be approximately £59m."
    )
    [moved] = _transfers(_passage(said, 6))
    assert (moved.year, moved.effective, moved.amount_gbp) == (YEAR, "2025-2026", 59e6)


BY_DIRECTORATE = "kent_cabinet_2025-01-30_appendixE_budget_by_directorate.pdf"


def test_kents_cype_budget_includes_the_18_25_transfer_and_is_shown_without_it_derived(
    kent_dir: Path,
) -> None:
    from analyse.review import build_review
    from extract.document import extract_file

    names = (TRANSFER_REPORT, TEMPLATES, BY_DIRECTORATE)
    extraction = Extraction.combine([extract_file(name, (kent_dir / name).read_bytes()) for name in names])
    review = build_review(extraction)
    position = review.position
    [moved] = position.transfers
    # para 5.1: "The budget to be transferred will include the 25-26 budget ..., agreed as part of the Budget"
    assert moved.included and moved.agreed_in_budget is not None
    assert (moved.agreed_in_budget.file, moved.agreed_in_budget.page) == (TRANSFER_REPORT, 6)
    assert "agreed as part of the Budget" in moved.agreed_in_budget.text
    cs = position.children_services
    assert cs.budget_gbp is not None and cs.provenance[0].file == BY_DIRECTORATE
    less = review.derived.children_budget_less_transfers
    assert less is not None and moved.amount_gbp is not None
    assert (less.amount_gbp, less.places, less.approximate) == (cs.budget_gbp - moved.amount_gbp, 0, True)
    assert less.share is not None and position.budget_gbp is not None
    assert round(less.share) < round(100 * cs.budget_gbp / position.budget_gbp)
    words = _budget_section(review, extraction)
    shares = [round(100 * v / position.budget_gbp) for v in (cs.budget_gbp, less.amount_gbp)]
    assert f"CYPE holds £{cs.budget_gbp / 1e6:.1f}m ({shares[0]}%; about {shares[1]}% without" in words
    assert (
        f"CYPE's budget is about £{less.amount_gbp / 1e6:.0f}m, about {shares[1]}% of the council's" in words
    )


# Kent's transfer report's own cover and recommendations heading (pages 1 and 2).
MEETING = "To: Cabinet - 30 January 2025"
RECOMMENDS = ("Recommendation(s):", "Cabinet is asked to:")


def _recommended() -> BudgetTransfer:
    [moved] = _transfers(
        _passage(MEETING, 1),
        *(_passage(words, 2) for words in RECOMMENDS),
        _passage(RECOMMENDATION, 2),
        _passage(IMPLICATIONS, 6),
    )
    return moved


def test_a_move_a_report_recommends_is_proposed_to_the_meeting_the_report_goes_to() -> None:
    moved = _recommended()
    assert moved.recommended_to == "Cabinet on 30 January 2025"
    assert moved.recommendation is not None and moved.recommendation.page == 1
    # without the meeting's date, the body asked to agree it
    [asked] = _transfers(*(_passage(words, 2) for words in RECOMMENDS), _passage(RECOMMENDATION, 2))
    assert asked.recommended_to == "Cabinet" and asked.recommendation is not None
    # a report with no recommendations, or whose recommendations do not state the move, states it as made
    assert _transfers(_passage(MEETING, 1), _passage(RECOMMENDATION, 2))[0].recommended_to is None
    made = "The budget for the 18-25 service transferred from the CYPE Directorate to the ASCH Directorate from 1 April 2025."
    [done] = _transfers(_passage(MEETING, 1), _passage(RECOMMENDS[0], 2), _passage(made, 4))
    assert done.recommended_to is None


def test_the_pack_and_card_say_a_recommended_move_is_proposed_not_done() -> None:
    review, extraction = _with(_recommended())
    words = _budget_section(review, extraction)
    assert "A report recommends to Cabinet on 30 January 2025" in words
    assert "that about £59m of the budget for “the statutory functions" in words
    assert "transfer from the CYPE Directorate to the ASCH Directorate from 1 April 2025" in words
    assert "the move is proposed, not decided, in these papers." in words
    assert "The documents say about £59m" not in words
    card = findings.children_budget(review, Figures(review))
    assert card is not None
    assert (
        "a report to Cabinet on 30 January 2025 recommends transferring from the CYPE Directorate"
        in card.detail
    )
    html = pack_html(review, extraction)
    assert problems(html, review.model_dump(mode="json"), extraction.model_dump(mode="json")) == []


def test_the_transfer_question_quotes_each_sentence_on_its_own_in_order_with_its_place() -> None:
    from analyse.enquiry import transfer_lines

    moved = _recommended()
    [line] = transfer_lines([moved])
    assert "recommended to Cabinet on 30 January 2025 to move from the CYPE Directorate" in line.question
    assert line.because.startswith(
        "A report recommends the move to Cabinet on 30 January 2025; it is proposed"
    )
    quoted = [q.split("' (")[0] for q in line.because.split(": '", 1)[1].split("; '")]
    # the recommendation (page 2) first, then 5.1's first and third sentences, each its own quote
    assert quoted == [
        "Agree to TRANSFER" + RECOMMENDATION.split("Agree to TRANSFER", 1)[1],
        "5.1 The budget for the statutory functions delivered by the 18-25 section of the Strengthening "
        "Independence Service will transfer from the CYPE Directorate to the ASCH Directorate.",
        "The indicative total budget" + IMPLICATIONS.split("The indicative total budget", 1)[1],
    ]
    assert "(page 2); '5.1" in line.because and line.because.count("(page 6)") == 2
    assert line.provenance[-1] == moved.recommendation
