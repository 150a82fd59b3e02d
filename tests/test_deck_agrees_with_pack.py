"""The deck says what the pack says (independent readers, ex-S151 officers, checked both against
the documents for Northmoor and Hallam Valley): it names national benchmark data only where the
review matched any; its DSG figures carry the marks the pack's DSG section gives them, from the same
record field; a card keeps its caveats however short the slide cuts it; and a row its table's
arithmetic contradicts is marked wherever the deck shows it."""

from __future__ import annotations

import io
from typing import Any

from pptx import Presentation

from render import views
from render.deck import CARD_DETAIL, render_pptx
from render.findings import headline_findings
from render.refs import Doubt, Figures, cuts
from render.slides import MORE_IN_PACK
from tests.render_samples import sample


def _slides(review: Any, extraction: Any) -> list[str]:
    """Each slide's visible text (text boxes and table cells), joined."""
    out = []
    for slide in Presentation(io.BytesIO(render_pptx(review, extraction))).slides:
        texts = []
        for shape in slide.shapes:
            if shape.has_text_frame:
                texts.append(shape.text_frame.text)
            elif shape.has_table:
                texts += [cell.text for row in shape.table.rows for cell in row.cells]
        out.append("\n".join(" ".join(t.split()) for t in texts))
    return out


def test_the_title_slide_names_benchmark_data_only_where_the_review_matched_any(
    northmoor: tuple[Any, Any],
) -> None:
    review, extraction = northmoor
    assert not review.benchmarks  # a fictional council: not in the national tables
    assert "benchmark" not in _slides(review, extraction)[0]
    review, extraction = sample()
    assert review.benchmarks
    assert "and national benchmark data." in _slides(review, extraction)[0]


def _dsg_slide(review: Any, extraction: Any) -> str:
    return next(s for s in _slides(review, extraction) if s.startswith("DSG and High Needs"))


def test_a_dsg_deficit_carries_the_mark_its_record_gives_it_in_the_pack(
    northmoor: tuple[Any, Any], hallam: tuple[Any, Any]
) -> None:
    # each bundle's DSG table adds up: the pack says the deficit is verified by its arithmetic
    for (review, extraction), said in ((northmoor, "£34.30m"), (hallam, "£25.2m")):
        deficit = review.dsg.cumulative_deficit
        assert deficit.verification == "verified"
        slide = _dsg_slide(review, extraction)
        # followed by its history where the documents give one (Northmoor: £26.90m at 1 April 2025)
        assert f"{said} (at 31 March 2026) (verified by the document's own arithmetic)" in slide
        # a figure only the text states is marked, and the slide says what the mark means
        stated = review.model_copy(
            update={
                "dsg": review.dsg.model_copy(
                    update={"cumulative_deficit": deficit.model_copy(update={"verification": None})}
                )
            }
        )
        slide = _dsg_slide(stated, extraction)
        assert f"{said} (at 31 March 2026)*" in slide
        assert views.STATED_NOTE in slide


def test_a_card_cut_to_fit_its_slide_keeps_the_doubt_of_each_figure_it_shows(
    northmoor: tuple[Any, Any],
) -> None:
    review, extraction = northmoor
    largest = review.selection.overspends[0]
    assert largest.doubt  # its table's arithmetic contradicts its forecast
    card = next(
        t
        for s in Presentation(io.BytesIO(render_pptx(review, extraction))).slides
        for t in (sh.text_frame.text for sh in s.shapes if sh.name == CARD_DETAIL)
        if "overspend" in t
    )
    cut = card.split(MORE_IN_PACK.strip())[0]
    if "£6.1m" in cut:  # shown, it is shown with its doubt
        assert f"£6.1m. {largest.doubt}" in cut
    found = headline_findings(review, Figures.of(review, extraction), 6)[0]
    # the doubt is kept with its figure in every shorter form the card may take
    for form in found.shorter():
        text = "".join(str(p) for p in form)
        assert "£6.1m" not in text or largest.doubt in text


def test_a_row_its_tables_arithmetic_contradicts_is_marked_in_the_decks_budget_table(
    northmoor: tuple[Any, Any],
) -> None:
    review, extraction = northmoor
    line = next(b for b in review.selection.service_lines if b.name == "Looked After Children placements")
    assert line.verification == "contradicted" and line.doubt
    table = next(
        sh.table
        for s in Presentation(io.BytesIO(render_pptx(review, extraction))).slides
        for sh in s.shapes
        if sh.has_table and sh.table.cell(0, 0).text == "Service line"
    )
    rows = [[" ".join(c.text.split()) for c in row.cells] for row in table.rows]
    # the row's name says its doubt in full, each figure it reaches says it short, as the pack's cells do
    row = next(r for r in rows if "40,620 (in doubt)" in r)
    assert row[0].startswith(f"Looked After Children placements (Children's social care) {line.doubt}")
    # the row's printed 17.6% bears out its budget and variance: the forecast alone is the slip
    assert row[1:] == ["34,800", "40,620 (in doubt)", "6,120"]
    # a row its arithmetic holds says nothing of doubt
    assert not any(
        "arithmetic" in r[0] or "doubt" in " ".join(r[1:])
        for r in rows
        if r is not row and "total as stated" not in r[0]
    )


def test_a_doubt_is_never_cut_from_the_sentence_before_it() -> None:
    parts = ["Largest overspend: £6.1m.", Doubt(" As printed; to be confirmed. Ask."), " The rest. More."]
    shown = ["".join(str(p) for p in cut) for cut in cuts(parts)]
    assert shown == ["Largest overspend: £6.1m. As printed; to be confirmed. Ask. The rest."]
    assert (
        len(cuts(["Largest overspend: £6.1m.", " As printed; to be confirmed. Ask.", " The rest. More."]))
        == 4
    )


def test_a_doubt_about_a_figure_the_pack_asks_is_kept_on_the_slides_with_its_figures(
    ashdown: tuple[Any, Any],
) -> None:
    """Ashdown Vale's recovery plan states the Children's Services overspend as £11.3m, the
    monitoring report's table as £10.07m: the pack's question asks which is right; the deck's
    question, cut to fit, and its caveats slide keep both figures, and its DSG slide the
    cumulative deficit's history (£38.6m a year earlier) that the pack's DSG section gives."""
    review, extraction = ashdown
    asked = next(q for q in review.lines_of_enquiry if "also state it as £11.3m" in q.question)
    slides = _slides(review, extraction)
    enquiry = " ".join(s for s in slides if s.startswith("Lines of enquiry"))
    first = asked.question.split("?")[0]
    assert f"{first}? It is stated both as £10.1m and as £11.3m: which is right?" in enquiry
    caveats = next(s for s in slides if s.startswith("Data quality"))
    assert "Children's Services overspend (£10.1m and £11.3m)" in caveats
    history = review.dsg.cumulative_history
    assert [h.amount_gbp for h in history] == [38_600_000.0]
    assert "; earlier, £38.6m at 31 March 2025*." in _dsg_slide(review, extraction)


def test_every_source_label_the_deck_shows_is_in_the_packs_appendix(severnbrook: tuple[Any, Any]) -> None:
    """Severnbrook's title slide cited where the council's name was read ([S49], [S50]), which the
    pack never cited, so its appendix did not list them: the pack cites them where it says how the
    council was identified, and the deck's labels are the appendix's."""
    from tests.refs_check import deck_problems

    review, extraction = severnbrook
    data = render_pptx(review, extraction)
    assert deck_problems(data, review.model_dump(mode="json"), extraction.model_dump(mode="json")) == []


def test_the_budget_slide_names_whose_forecast_it_gives(
    ashdown: tuple[Any, Any], severnbrook: tuple[Any, Any]
) -> None:
    """Ashdown Vale's £127.3m is its Children's Services directorate's, Severnbrook's £73.1m its
    Children, Young People and Learning directorate's: the headline says whose, as the pack does."""
    for (review, extraction), name in (
        (ashdown, "Children's Services"),
        (severnbrook, "Children, Young People and Learning"),
    ):
        budget = next(s for s in _slides(review, extraction) if s.startswith("Budget position"))
        assert f"{name}: 2025-26 forecast £" in budget


def test_two_printings_of_a_figure_are_each_shown_as_printed_not_rounded_off_it() -> None:
    """£14.06m beside £14.6m (a transposition) is never shown as £14.1m, which no document said."""
    from render.deck import apart_places

    assert apart_places(14.6e6, 14.06e6) == (1, 2)
    assert apart_places(10.1e6, 11.3e6) == (1, 1)  # apart at one place, each whole at it
    assert apart_places(10_071_900, 11.3e6) == (1, 1)  # £10.1m: no shorter printing is whole
