"""The feedback deck keeps every text inside its shape and everything above the footer, measured
with the deck's own font (Liberation Sans, Arial's metric twin), line by line as it wraps; long
tables go on to further slides; reviewers' findings come first; no internal names are shown.

The measure here is written apart from render/fit.py, which lays the deck out, so that a fault in
the layout's arithmetic is not shared by its check."""

from __future__ import annotations

import io
import re
from functools import cache
from pathlib import Path

from PIL import ImageFont
from pptx import Presentation
from pptx.presentation import Presentation as PresentationType
from pptx.util import Emu, Inches, Pt

from analyse.records import CitedFigure, LineOfEnquiry, Review, ReviewerFinding
from extract.records import Extraction
from render.deck import render_pptx
from render.refs import Fig
from tests.refs_check import deck_problems, shape_tags
from tests.render_samples import parts_sample, sample

FONTS = Path("/usr/share/fonts/truetype/liberation2")
FOOTER_TOP = Inches(7.5) - Inches(0.45)
INSET_X, INSET_Y = Inches(0.1), Inches(0.05)


@cache
def _font(size_pt: float, bold: bool) -> ImageFont.FreeTypeFont:
    name = "LiberationSans-Bold.ttf" if bold else "LiberationSans-Regular.ttf"
    return ImageFont.truetype(str(FONTS / name), int(size_pt * 100))  # 100 px per point


def _lines(text: str, room: int, size_pt: float, bold: bool) -> int:
    """Lines a paragraph wraps to in `room` EMU, breaking at spaces (a too-long word breaks too)."""
    width = lambda t: _font(size_pt, bold).getlength(t) / 100 * Pt(1)  # noqa: E731
    count, line = 1, ""
    for word in text.split(" "):
        if line and width(f"{line} {word}") > room:
            count += 1 + int(width(line) // room)
            line = word
        else:
            line = f"{line} {word}" if line else word
    return count + int(width(line) // room)


def _frame_height(frame: object, width: int, paragraph_gaps: bool) -> int:
    total = 0.0
    paragraphs = list(frame.paragraphs)  # type: ignore[attr-defined]
    for i, para in enumerate(paragraphs):
        runs = list(para.runs)
        size = max((r.font.size or Pt(18)) for r in runs) / Pt(1) if runs else 18
        bold = any(r.font.bold for r in runs)
        total += _lines(para.text, width - 2 * INSET_X, size, bold) * Pt(size) * 1.2
        if paragraph_gaps and i < len(paragraphs) - 1 and para.space_after is not None:
            total += para.space_after
    return int(total + 2 * INSET_Y)


def overflows(deck: PresentationType) -> list[str]:
    """Every text taller than its shape, and every shape whose content passes the footer."""
    found = []
    for number, slide in enumerate(deck.slides, 1):
        for shape in slide.shapes:
            where = f"slide {number}, {shape.name}"
            if shape.has_text_frame and shape.text_frame.text:
                need = _frame_height(shape.text_frame, shape.width, True)
                if need > shape.height:
                    found.append(
                        f"{where}: text needs {Emu(need).inches:.2f} in, has {Emu(shape.height).inches:.2f}"
                    )
                if shape.top < FOOTER_TOP and shape.top + min(need, shape.height) > FOOTER_TOP:
                    found.append(f"{where}: runs past the footer")
            elif shape.has_table:
                widths = [c.width for c in shape.table.columns]
                bottom = shape.top
                for row in shape.table.rows:
                    heights = [
                        _frame_height(c.text_frame, w, False) for c, w in zip(row.cells, widths, strict=True)
                    ]
                    bottom += max(max(heights), row.height)
                if bottom > FOOTER_TOP:
                    found.append(f"{where}: table ends {Emu(bottom).inches:.2f} in, below the footer")
            elif shape.top + shape.height > FOOTER_TOP:
                found.append(f"{where}: ends below the footer")
    return found


def _titles(deck: PresentationType) -> list[str]:
    return [next(s.text_frame.text for s in slide.shapes if s.has_text_frame) for slide in deck.slides]


def long_review() -> tuple[Review, Extraction]:
    """The sample with reviewers' findings and many long lines of enquiry."""
    review, extraction = sample()
    line = extraction.budget_lines[1]
    first = line.provenance[0]
    cite = CitedFigure(kind="budget_line", sha256=first.sha256, locator=first.locator, field="forecast_gbp")
    written = [
        ReviewerFinding(
            id=f"f{i}",
            kind=kind,
            text=text,
            by="a.reviewer@lga.gov.uk",
            at="2026-12-06T03:00:00+00:00",
            cites=cites,
        )
        for i, (kind, text, cites) in enumerate(
            [
                (
                    "key_message",
                    "Placements drive the overspend; the council knows it and has a plan, but the plan is late.",
                    [cite],
                ),
                ("strength", "Budget monitoring is monthly and honest about risk.", []),
                ("area_for_consideration", "Savings are phased late in the year. " * 6, []),
                ("recommendation", "Re-forecast the savings at risk with budget holders.", [cite]),
            ]
            + [
                (
                    "recommendation",
                    f"Recommendation number {n}: " + "test each assumption with the people who own it. " * 3,
                    [],
                )
                for n in range(9)
            ]
        )
    ]
    from analyse.reviewer_findings import cited_findings

    many = [
        LineOfEnquiry(
            question=f"Question {n}: what explains the movement in the forecast between quarters, and who owns it?",
            because="The forecast moved sharply between the quarter 1 and quarter 2 reports without a stated reason. "
            * 2,
            addressed_to="Director of children's services",
            provenance=q.provenance,
        )
        for n, q in enumerate(review.lines_of_enquiry * 3)
    ]
    update = {"findings": cited_findings(written, extraction), "lines_of_enquiry": many}
    return review.model_copy(update=update), extraction


@cache
def decks() -> dict[str, bytes]:
    return {
        "sample": render_pptx(*sample()),
        "long": render_pptx(*long_review()),
        "parts": render_pptx(*parts_sample()),
    }


def test_no_text_overflows_its_shape_and_nothing_passes_the_footer() -> None:
    for name, data in decks().items():
        assert overflows(Presentation(io.BytesIO(data))) == [], name


def test_the_fit_check_fails_when_one_text_is_made_longer() -> None:
    deck = Presentation(io.BytesIO(decks()["sample"]))
    number, slide = next((n, s) for n, s in enumerate(deck.slides, 1) if _titles_of(s) == "Headline findings")
    card = next(  # the first finding's title, in bold 14 pt
        shape
        for shape in slide.shapes
        if shape.has_text_frame
        and shape.text_frame.paragraphs[0].runs
        and shape.text_frame.paragraphs[0].runs[0].font.size == Pt(14)
    )
    assert overflows(deck) == []
    run = card.text_frame.paragraphs[0].runs[0]
    run.text += " and a few more words that the card was not laid out to hold"
    assert [p for p in overflows(deck) if p.startswith(f"slide {number}, {card.name}:")] != []


def _titles_of(slide: object) -> str:
    return next(s.text_frame.text for s in slide.shapes if s.has_text_frame)  # type: ignore[attr-defined]


def test_the_fit_check_fails_when_a_table_runs_past_the_footer() -> None:
    deck = Presentation(io.BytesIO(decks()["long"]))
    table = next(shape for slide in deck.slides for shape in slide.shapes if shape.has_table)
    assert overflows(deck) == []
    table.table.cell(1, 0).text = "A cell made far too long for its row. " * 40
    assert [p for p in overflows(deck) if f", {table.name}: table ends" in p] != []


def test_the_reviewers_findings_open_the_deck_and_long_ones_continue_on_another_slide() -> None:
    titles = _titles(Presentation(io.BytesIO(decks()["long"])))
    assert titles[1:5] == ["Key messages", "Strengths", "Areas for consideration", "Recommendations"]
    assert "Recommendations (continued)" in titles
    assert titles.index("Recommendations (continued)") < titles.index("Headline findings")
    assert titles.count("Lines of enquiry (continued)") >= 1


def test_a_cited_figure_shows_its_value_and_the_pdfs_source_number() -> None:
    from render.pack import pack_sources

    review, extraction = long_review()
    number = pack_sources(review, extraction).add(extraction.budget_lines[1].provenance[0]).label
    deck = Presentation(io.BytesIO(decks()["long"]))
    text = "\n".join(s.text_frame.text for s in deck.slides[1].shapes if s.has_text_frame)
    name = extraction.budget_lines[1].name
    value = f"£{extraction.budget_lines[1].forecast_gbp:,.0f}"
    assert f"({name}, forecast {value} [{number}])" in text
    tagged = [t for s in deck.slides[1].shapes for t in shape_tags(s) if t["text"] == value]
    assert [t["ref"] for t in tagged] == ["review.json#/findings/0/cites/0/value_gbp"], tagged
    docs = review.model_dump(mode="json"), extraction.model_dump(mode="json")
    assert deck_problems(decks()["long"], *docs) == []


def test_no_internal_names_are_shown() -> None:
    for name, data in decks().items():
        deck = Presentation(io.BytesIO(data))
        shown = []
        for slide in deck.slides:
            for shape in slide.shapes:
                if shape.has_text_frame:
                    shown.append(shape.text_frame.text)
                if shape.has_table:
                    shown += [c.text for row in shape.table.rows for c in row.cells]
        codes = re.findall(r"\b[a-z]+(?:_[a-z0-9]+)+\b", "\n".join(shown))
        assert codes == [], (name, codes)


def test_each_continued_slide_of_a_long_table_lists_its_own_rows_sources_in_its_notes() -> None:
    review, _ = long_review()
    deck = Presentation(io.BytesIO(decks()["long"]))
    pages = [s for s in deck.slides if _titles_of(s).startswith("Lines of enquiry")]
    assert len(pages) >= 2
    for slide in pages:
        questions = [row.cells[0].text for s in slide.shapes if s.has_table for row in list(s.table.rows)[1:]]
        shown = [q for q in review.lines_of_enquiry if q.question in questions]
        files = {p.file for q in shown for p in q.provenance}
        notes = slide.notes_slide.notes_text_frame.text
        assert shown and all(f in notes for f in files)
        others = {p.file for q in review.lines_of_enquiry if q not in shown for p in q.provenance} - files
        assert not any(f"] {f}," in notes for f in others), (notes, others)


def test_the_decks_source_numbers_are_the_pdf_packs() -> None:
    """Each service line's [S n] on the budget slide names, in the PDF pack's appendix, the file
    and place that line was read from."""
    from lxml import html as lxml_html

    from render.pack import pack_html
    from render.sources import Source

    review, extraction = sample()
    appendix = {
        row.xpath("string(th)").strip("[]"): (row.xpath("string(td[1])"), row.xpath("string(td[2])"))
        for row in lxml_html.fromstring(pack_html(review, extraction)).xpath(
            '//section[@id="sources"]//tbody/tr'
        )
    }
    deck = Presentation(io.BytesIO(decks()["sample"]))
    budget = next(s for s in deck.slides if _titles_of(s) == "Budget position")
    cells = [row.cells[0].text for s in budget.shapes if s.has_table for row in list(s.table.rows)[1:]]
    checked = 0
    for line in review.selection.service_lines:
        cell = next((c for c in cells if c.startswith(line.name + " (")), None)
        if cell is None:
            continue
        label = re.search(r"\[(S\d+)", cell)
        assert label, cell
        first = line.provenance[0]
        where = Source(0, first.file, first.page, first.locator, first.text, first).where
        assert appendix[label.group(1)] == (first.file, where), (cell, appendix[label.group(1)])
        checked += 1
    assert checked >= 5


def test_a_budget_table_longer_than_its_slide_continues_and_leaves_no_line_out() -> None:
    """Kent's directorate has more service lines than one slide holds: each line is a row of the
    budget table, on the slide or on its continuation, and nothing passes the footer."""
    review, extraction = sample()
    lines = review.selection.service_lines
    more = [b.model_copy(update={"name": f"{b.name}, area {n}"}) for n in range(1, 3) for b in lines]
    selection = review.selection.model_copy(update={"service_lines": [*lines, *more]})
    review = review.model_copy(update={"selection": selection})
    data = render_pptx(review, extraction)
    deck = Presentation(io.BytesIO(data))
    budget = [s for s in deck.slides if _titles_of(s) in {"Budget position", "Budget position (continued)"}]
    firsts = [
        row.cells[0].text for s in budget for shape in s.shapes if shape.has_table for row in shape.table.rows
    ]
    shown = [b for b in selection.service_lines if b.variance_gbp is not None]
    assert len(budget) >= 2 and len(shown) > 2 * len(lines) - 1
    name = review.position.children_services_name or "Children's services"
    assert firsts[-1].startswith(f"{name}: total as stated")  # the stated total closes the table
    lines_shown = [t.split(" (")[0] for t in firsts[:-1] if t != "Service line"]
    assert sorted(lines_shown) == sorted(b.name for b in shown)
    assert overflows(deck) == []
    assert deck_problems(data, review.model_dump(mode="json"), extraction.model_dump(mode="json")) == []


def test_a_table_over_two_slides_is_shared_evenly_never_one_row_alone() -> None:
    from render.slides import row_heights, table_pages

    rows = [("Line", "£000")] + [(f"Service line {i}", "1,000") for i in range(9)]
    heights = row_heights(rows, Inches(9), [1], 11)
    room = heights[0] + 8 * heights[1]  # the header and eight lines fit on one slide
    pages = table_pages(rows, Inches(9), room, [1])
    assert [len(p) - 1 for p in pages] == [5, 4]
    assert [r for p in pages for r in p[1:]] == rows[1:]
    assert all(p[0] == rows[0] for p in pages)


def test_a_wordy_tables_last_row_joins_the_slide_before_where_it_fits_there() -> None:
    """Three rows over the words a slide should hold, but not its height: a slide of two rows and
    one of one would leave a row alone, so all three share one slide (Wyvern's scenarios)."""
    from render.slides import TABLE_WORDS, row_heights, table_pages

    wordy = "word " * 40  # a cell's words stop short of CELL_WORDS, so none is cut
    rows = [("Scenario", "Assumptions", "Plan")] + [(f"Scenario {i}", wordy, wordy) for i in range(3)]
    assert 2 * 82 <= TABLE_WORDS < 3 * 82  # two rows' words fit a slide's, three do not
    heights = row_heights(rows, Inches(12), [], 10)
    assert [len(p) - 1 for p in table_pages(rows, Inches(12), sum(heights), [], 10)] == [3]
    assert [len(p) - 1 for p in table_pages(rows, Inches(12), sum(heights) - 1, [], 10)] == [2, 1]


def test_a_cards_detail_too_long_for_its_box_keeps_its_first_whole_sentences_and_says_the_rest_is_in_the_pack() -> (
    None
):
    from render.deck import MORE_IN_PACK, card
    from render.findings import Finding
    from render.slides import content_slide, new_deck
    from render.sources import SourceIndex

    # Kent's gap card: one long sentence of clauses, then another, longer than a card holds at 9 pt.
    first = "The MTFP states a gap of £20.1m in 2026-27 (of which £17.0m; the rest £3.1m). "
    clause = "the savings the plan counts that year include £10.0m not yet identified; "
    long = Finding("Medium-term gap", "£20.1m", (first, clause * 12, "Each year's gap is new that year."))
    deck = new_deck()
    slide = content_slide(deck, "Headline findings", 2)
    card(slide, long, SourceIndex(), (Inches(0.5), Inches(1.5), Inches(6.0), Inches(1.8)))
    assert overflows(deck) == []
    [detail] = [
        s.text_frame.text
        for s in slide.shapes
        if s.has_text_frame and MORE_IN_PACK.strip() in s.text_frame.text
    ]
    kept = detail.split(MORE_IN_PACK.strip())[0].strip()
    assert kept.startswith(first.strip()) and kept.endswith((".", "\u2026"))
    # one sentence whose clauses run inside a bracket: cut before the bracket, never inside it
    gap = Fig("£20.1m", "review.json#/position/mtfp_gap/0/amount_gbp", "gbp_m")
    bracketed = Finding(
        "Medium-term gap", gap, ("A gap of ", gap, " in 2026-27; (", "a part of £1.0m; " * 40, ").")
    )
    slide = content_slide(deck, "Headline findings", 3)
    card(slide, bracketed, SourceIndex(), (Inches(0.5), Inches(1.5), Inches(6.0), Inches(1.8)))
    assert overflows(deck) == []
    [cut] = [
        s.text_frame.text
        for s in slide.shapes
        if s.has_text_frame and MORE_IN_PACK.strip() in s.text_frame.text
    ]
    assert cut.startswith("A gap of £20.1m in 2026-27\u2026 " + MORE_IN_PACK.strip())
    short = Finding("Medium-term gap", "£20.1m", (first,))
    slide = content_slide(deck, "Headline findings", 4)
    card(slide, short, SourceIndex(), (Inches(0.5), Inches(1.5), Inches(6.0), Inches(1.8)))
    assert all(MORE_IN_PACK.strip() not in s.text_frame.text for s in slide.shapes if s.has_text_frame)


def test_a_cards_caveats_come_before_its_detail_and_a_cut_never_drops_them() -> None:
    from render.deck import MORE_IN_PACK, card
    from render.findings import Finding
    from render.slides import content_slide, new_deck
    from render.sources import SourceIndex

    # Kent's gap card: each year's gap, then the rows it is printed in, longer than a card holds;
    # what qualifies the figure (indicative later years, savings not yet identified) is a caveat.
    lead = "The MTFP states a gap of £20.1m in 2026-27; a gap of £15.6m in 2027-28, for the whole council."
    rows = " In the plan's rows, 2026-27's gap is an unresolved balance of £17.0m and a surplus of £3.1m." * 6
    caveats = (
        " The plan calls its later years “indicative”.",
        " Its savings include £10.0m not yet identified.",
    )
    found = Finding(
        "Medium-term gap", "£20.1m", (lead, rows, " Each year's gap is new that year."), caveats=caveats
    )
    assert found.detail.startswith(lead + "".join(caveats))  # the pack says them in the same order
    deck = new_deck()
    slide = content_slide(deck, "Headline findings", 2)
    card(slide, found, SourceIndex(), (Inches(0.5), Inches(1.5), Inches(6.0), Inches(1.8)))
    assert overflows(deck) == []
    [detail] = [
        s.text_frame.text
        for s in slide.shapes
        if s.has_text_frame and MORE_IN_PACK.strip() in s.text_frame.text
    ]
    assert "The MTFP states a gap of £20.1m in 2026-27" in detail
    assert all(c.strip() in detail for c in caveats), detail
    assert "new that year" not in detail  # the detail gave way, not the caveats


def _cells(deck: PresentationType) -> list[tuple[int, list[list[str]]]]:
    """Each table of the deck, with its slide's number, as rows of cell texts."""
    return [
        (n, [[c.text for c in row.cells] for row in shape.table.rows])
        for n, slide in enumerate(deck.slides, 1)
        for shape in slide.shapes
        if shape.has_table
    ]


def wordy_review() -> tuple[Review, Extraction]:
    """The sample with a line of enquiry whose evidence names a file of the bundle, as analyse
    writes one that quotes a document ("Stated in <file>: ..."), and one whose evidence runs long."""
    review, extraction = sample()
    q = review.lines_of_enquiry[0]
    file = extraction.documents[1].file
    because = (
        "The forecast moved between the quarters without a stated reason. "
        f'Stated in {file}: "the placements budget is under pressure from rising unit costs". '
        + "Each quarter the forecast rose again and the report gave no cause for it. "
        * 6
    )
    other = review.lines_of_enquiry[1]
    long = "The report gives no cause for the rise in the forecast this quarter. " * 8  # no file named
    lines = [
        q.model_copy(update={"because": because}),
        other.model_copy(update={"because": long}),
        *review.lines_of_enquiry[2:],
    ]
    return review.model_copy(update={"lines_of_enquiry": lines}), extraction


def test_a_long_cell_keeps_its_first_whole_sentences_names_no_file_and_says_the_rest_is_in_the_pack() -> None:
    from render.slides import CELL_WORDS, MORE_IN_PACK

    review, extraction = wordy_review()
    data = render_pptx(review, extraction)
    deck = Presentation(io.BytesIO(data))
    files = [d.file for d in extraction.documents]
    cells = [c for _, rows in _cells(deck) for row in rows for c in row]
    assert [c for c in cells if any(f in c for f in files)] == []
    assert [c for c in cells if len(c.split()) > CELL_WORDS] == []
    [cut] = [c for c in cells if c.startswith("At stake") or c.startswith("The forecast moved")]
    first = review.lines_of_enquiry[0].because.split(". ")[0] + "."
    assert first in cut and cut.split(first)[1].startswith(MORE_IN_PACK), cut
    assert re.search(r"\[S\d+[^\]]*\]$", cut), cut  # its source label kept, last
    [long] = [c for c in cells if "The report gives no cause" in c]
    assert MORE_IN_PACK in long and len(long.split()) < len(review.lines_of_enquiry[1].because.split())
    assert overflows(deck) == []
    assert deck_problems(data, review.model_dump(mode="json"), extraction.model_dump(mode="json")) == []


def test_a_table_heading_counts_the_rows_its_slide_shows() -> None:
    """Where a list is cut to some of it and split over slides, each slide's heading says how many
    of the list it shows and which: never the count the slides share."""
    from render.deck import paged_table
    from render.slides import content_slide, new_deck

    rows: list[list[str]] = [["Measure", "Value"]] + [[f"Measure {i} " + "word " * 30, "1"] for i in range(8)]
    deck = new_deck()
    slide = content_slide(deck, "How the council compares", 1)
    placed = paged_table(
        deck, slide, "How the council compares", rows, Inches(1.4), Inches(6), (1,), of=(32, "measures")
    )
    assert len(placed) >= 2
    for n, table_rows in _cells(deck):
        header, body = table_rows[0][0], table_rows[1:]
        said = re.fullmatch(r"Measures (\d+)-(\d+) of 32 \(the rest in the pack\)", header)
        assert said, header
        shown = [int(r[0].split()[1]) for r in body]
        assert (int(said.group(1)), int(said.group(2))) == (shown[0] + 1, shown[-1] + 1), (n, header)
    assert overflows(deck) == []


def test_every_decks_table_heading_count_is_the_rows_it_shows() -> None:
    for name, data in {**decks(), "wordy": render_pptx(*wordy_review())}.items():
        for n, table_rows in _cells(Presentation(io.BytesIO(data))):
            said = re.match(r"[A-Z][a-z]+ (\d+)(?:-(\d+))? of \d+", table_rows[0][0])
            if said:
                first, last = int(said.group(1)), int(said.group(2) or said.group(1))
                assert last - first + 1 == len(table_rows) - 1, (name, n, table_rows[0][0])


KENT_PAPERS = [  # its savings plan and risk register: long lines of enquiry, and 32 benchmarks
    "kent_cabinet_2025-01-30_appendixF_budget_templates.pdf",
    "kent_cabinet_2025-01-30_appendixI_budget_risk_register.pdf",
]


def test_kents_deck_cells_are_short_name_no_file_and_its_headings_count_their_own_rows(
    kent_dir: Path,
) -> None:
    """On Kent's real papers: the lines of enquiry's evidence (the 'Looked After Children' saving's
    runs past a hundred words) is cut to its first sentences, and the benchmark slides, which share
    eight of Kent's measures, each say how many they show."""
    import importlib.util

    from analyse.benchmarks import load_benchmark_table
    from analyse.review import build_review
    from render.slides import CELL_WORDS, MORE_IN_PACK
    from tests.conftest import need

    need(importlib.util.find_spec("extract.pdf.reader") is not None, "the PDF reader is missing")
    from extract.document import extract_file

    extraction = Extraction.combine([extract_file(n, (kent_dir / n).read_bytes()) for n in KENT_PAPERS])
    review = build_review(extraction, load_benchmark_table())
    assert max(len(q.because.split()) for q in review.lines_of_enquiry) > CELL_WORDS
    data = render_pptx(review, extraction)
    deck = Presentation(io.BytesIO(data))
    tables = _cells(deck)
    cells = [c for _, rows in tables for row in rows for c in row]
    # a question is shown whole (Kent's 18-25 transfer question runs past the limit), never cut
    # mid-sentence; evidence whose first clause runs a little past the limit ends at that clause
    # (Kent's savings eaten by growth: 54-55 words) and says the rest is in the pack
    over = [c for c in cells if len(c.split()) > CELL_WORDS and not c.endswith("?")]
    assert [c for c in over if MORE_IN_PACK not in c or len(c.split()) > CELL_WORDS * 1.2] == []
    questions = {" ".join(q.question.split()) for q in review.lines_of_enquiry}
    assert [c for c in cells if c.endswith("?") and " ".join(c.split()) not in questions] == []
    assert [c for c in cells if any(f in c for f in KENT_PAPERS)] == []
    counted = [
        (m, len(rows) - 1)
        for _, rows in tables
        if (m := re.match(r"[A-Z][a-z]+ (\d+)-(\d+) of ", rows[0][0]))
    ]
    assert len(counted) >= 2 and all(int(m[2]) - int(m[1]) + 1 == n for m, n in counted), counted
    assert overflows(deck) == []
    assert deck_problems(data, review.model_dump(mode="json"), extraction.model_dump(mode="json")) == []


def test_a_cell_with_no_sentence_before_a_file_name_stops_before_the_name_begins() -> None:
    from render.slides import MORE_IN_PACK, capped

    file = "Cabinet 2025-11-06 Revenue budget monitoring Q2 2025-26.pdf"
    cell = capped((f"The number of children in residential care: 58 ({file}, page 3) and rising", " [S1]"))
    assert cell == ("The number of children in residential care: 58...", MORE_IN_PACK, " [S1]")


def test_a_long_question_is_shown_whole_or_cut_at_a_sentence_end() -> None:
    from render.slides import CELL_WORDS, MORE_IN_PACK, capped

    one = (
        "What is the exact budget "
        + "to move from one directorate to another " * 8
        + "so that it can be confirmed?"
    )
    assert len(one.split()) > CELL_WORDS and capped((one,)) == (one,)
    two = "Spend is below its neighbours. " + one
    assert capped((two, " [S1]")) == ("Spend is below its neighbours.", MORE_IN_PACK, " [S1]")
    statement = one.replace("?", ".")
    assert capped((statement,))[0].endswith("...")
    # Nor at a clause, nor inside a quotation it asks about.
    from render.refs import Fig

    said = Fig("The proportion is static; it has been for years. It goes on" + " and on" * 5, "x", "text")
    clauses = ("Does the rate rise; " + "and what is there to say of it " * 4, said, "?")
    assert capped(clauses) == clauses


def test_a_cell_keeps_the_most_whole_sentences_that_fit() -> None:
    from render.slides import MORE_IN_PACK, capped

    first, second = "The forecast moved.", "It moved by more than the reserve would cover in one year."
    cell = capped((f"{first} {second} Then the report goes on" + " and on" * 20 + ".", " [S1]"))
    assert cell == (f"{first} {second}", MORE_IN_PACK, " [S1]")


def test_a_quotation_is_cut_only_in_a_decks_cell_and_marked_as_a_quotation_cut_short() -> None:
    from dataclasses import replace

    from render.refs import Fig, cuts

    quote = Fig("The plan is late; the reserve is low. It goes on", "savings[0].words", "text")
    parts: list[str | Fig] = ["They say: ", quote]
    assert cuts(parts) == []  # a card's detail: the figure is whole
    assert cuts(parts, cut_quotes=True) == [
        ["They say: ", replace(quote, text="The plan is late; the reserve is low.")]
    ]
    assert cuts(parts, ";", "\u2026", cut_quotes=True) == [
        ["They say: ", replace(quote, text="The plan is late...")]
    ]
    in_doubt, number = replace(quote, doubt="in doubt: not verified"), replace(quote, unit="gbp")
    assert (
        cuts(["They say: ", in_doubt], cut_quotes=True) == cuts(["They say: ", number], cut_quotes=True) == []
    )


def test_evidence_whose_last_reason_asks_is_cut_at_its_clauses_and_a_question_is_not() -> None:
    """A flag's message ending in its register reason's question, with its source label, is evidence:
    cut at a clause before that question; the same words with no source label are a question asked,
    shown whole."""
    from render.slides import CELL_WORDS, MORE_IN_PACK, capped

    reasons = "; ".join(f"reason {n} " + "word " * 8 for n in range(6))
    evidence = f"Doubted: {reasons.strip()}; does that risk bear on the saving?"
    assert len(evidence.split()) > CELL_WORDS
    cut = capped((evidence, " [S1]"))
    assert cut[-2:] == (MORE_IN_PACK, " [S1]") and not str(cut[0]).endswith("?")
    assert capped((evidence,)) == (evidence,)


def test_a_cell_whose_first_clause_runs_past_the_limit_ends_at_that_clause_not_mid_sentence() -> None:
    """Kent's slide 14: a reason whose first clause is a few words over the limit was cut at a word
    mid-quotation ("in care is..."); it ends at the clause, a little long, and says the rest is in the pack."""
    from render.refs import Fig
    from render.slides import CELL_WORDS, MORE_IN_PACK, capped

    quote = Fig(
        "Doubted, though the documents do not state it at risk (a target of £1.5m for 2025-26): depends in"
        " part (it also names health contributions, placement costs) on demand falling while the documents"
        " say: 'The overall proportion of children in care is fairly static.'; Children looked after per"
        " 10,000 children was 53.0 in 2025, at or below the statistical neighbours' median of 56.0.",
        "review.json#/lines_of_enquiry/0/because",
        "text",
    )
    cell = capped((quote, " [S20, S109, S110, S219, +1]"))
    shown = "".join(str(p) for p in cell)
    assert len(shown.split()) > CELL_WORDS  # no clause ends within the limit
    # a quotation cut short is marked as one (render.refs.CUT)
    assert shown.split(MORE_IN_PACK)[0].endswith("fairly static.'..."), shown
