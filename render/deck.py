"""The deck (python-pptx): built before fieldwork it is a pre-read of the findings from the
council's documents, to test on site; once the review team writes its own findings it is the
slides presented at the feedback meeting (`title_slide` says which).

The reviewers' findings come first (key messages, strengths, areas for consideration,
recommendations), then the evidence. Charts are native PowerPoint charts with their data inside
(editable), tables are real tables split across slides where long, every text is measured to fit
its shape (render.fit), figures are cited [S1], [S2] ... by the PDF pack's own numbering, and each
slide's speaker notes list those sources.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Sequence
from dataclasses import replace
from typing import Any

from pptx.enum.chart import XL_CHART_TYPE
from pptx.presentation import Presentation as PresentationType
from pptx.slide import Slide
from pptx.util import Inches

from analyse.records import (
    FINDING_KINDS,
    Benchmark,
    DsgItem,
    GapYear,
    LineOfEnquiry,
    Reconciliation,
    Review,
    ReviewerFinding,
    RowInDoubt,
    SavingItem,
    Scenario,
    ScopedBudgetLine,
    YearTable,
)
from extract.records import BudgetBuild, Extraction, Provenance, Reviewed
from extract.verify.tolerance import half_places, half_up
from render import fit, fmt, views
from render.findings import (
    Finding,
    adults_part,
    at_risk_basis,
    at_risk_lines,
    benchmark_rank,
    build_nets_words,
    children_budget,
    council_unallocated_words,
    drivers_gap,
    dsg_deficit_words,
    dsg_draw_words,
    dsg_mark,
    dsg_offset_clause,
    dsg_view_words,
    headline_card,
    headline_findings,
    in_forecast_words,
    labelled,
    later_words,
    lines_short_words,
    not_judged,
    plan_dated_provenance,
    plan_delivery_words,
    plan_later_words,
    plan_sentence,
    safety_valve_words,
    savings_by_category,
    savings_removed_brief,
    share_words,
    short_on_track_words,
)
from render.marks import field_word, reviewer_mark
from render.pack import pack_sources
from render.pack_charts import RAG_SERIES_STYLES, VARIANCE_STYLES, variance_left_out, variance_shown
from render.refs import Fig, Figures, Part, again, value_of
from render.slides import (
    BODY_BOTTOM,
    BODY_TOP,
    BODY_W,
    MARGIN,
    MORE_IN_PACK,
    MUTED,
    NAVY,
    NUMBER_W,
    SIGNED_M,
    UNDER_HEADLINE,
    Cell,
    Text,
    capped,
    chart,
    content_slide,
    headline,
    message,
    new_deck,
    notes,
    parts_of,
    row_heights,
    table,
    table_pages,
    text_box,
)
from render.slides import (
    shown as cell_text,
)
from render.sources import SourceIndex
from render.stand_in import council_line, stand_in
from render.views import (
    ADULTS_SAVINGS_SERIES,
    EXTERNAL_SERIES,
    PRESSURES_SERIES,
    RING_FENCED_SERIES,
    SAVINGS_SERIES,
)

MAX_ROWS = 8  # a slide shows at most this many of a ranked list (the rest are in the pack, and it says so)
NOTE_H = Inches(0.45)  # a one-line note above a slide's table (the stand-in label)
FINDING_SIZE = 16  # the findings slides' text, in points


def named(name: str, reviewed: list[Reviewed]) -> str:
    """A line's name with what reviewers did to its figures under it."""
    said = reviewer_mark(reviewed)
    return f"{name}\n{said}" if said else name


def paged_table(
    deck: PresentationType,
    slide: Slide,
    title: str,
    rows: Sequence[Sequence[Cell]],
    top: int,
    width: int,
    numeric: tuple[int, ...] = (),
    size: float = 10,
    cited: tuple[SourceIndex, list[list[Provenance]]] | None = None,
    description: str = "",
    note: str = "",
    bottom: int = BODY_BOTTOM,
    of: tuple[int, str] | None = None,
) -> list[tuple[Slide, range]]:
    """The table on `slide` from `top`, and on further slides titled "<title> (continued)" where
    it does not fit above the footer; returns each slide it is on with the body rows it holds.
    Given `cited` (the sources and each body row's provenance), a further slide's notes list its
    rows' sources (the first slide's notes are the caller's). A `note` (the stand-in label) heads
    each further slide as the caller put it on the first; `description` is the table's alt text.
    Each slide's table ends above `bottom` (where the caller keeps room under it). Given `of`
    (how many the full list holds, and its noun), each slide's first header cell says how many of
    them its table shows (`_of`: "Scenarios 1-2 of 3"), so a heading never counts rows another slide holds."""
    pages = table_pages(_headed(rows, of, range(len(rows) - 1)), width, bottom - top, numeric, size)
    runs: list[range] = []
    for page in pages:
        start = runs[-1].stop if runs else 0
        runs.append(range(start, start + len(page) - 1))
    first, *rest = [
        [_headed(rows, of, run, len(pages))[0], *p[1:]] for p, run in zip(pages, runs, strict=True)
    ]
    table(slide, first, MARGIN, top, width, numeric, size, description)
    placed = [(slide, runs[0])]
    for page, run in zip(rest, runs[1:], strict=True):
        more = content_slide(deck, f"{title} (continued)", len(deck.slides) + 1)
        table(more, page, MARGIN, note_line(more, note), width, numeric, size, f"{description} (continued)")
        placed.append((more, run))
        if cited is not None:
            sources, provs = cited
            notes(more, sources, [p for i in placed[-1][1] for p in provs[i]])
    return placed


def _headed(
    rows: Sequence[Sequence[Cell]], of: tuple[int, str] | None, run: range, pages: int = 0
) -> list[Sequence[Cell]]:
    """The rows with the first header cell saying which of the list's `of` the `run` of rows is
    ("Scenarios 1-2 of 3"); laid out (`pages` 0) with the longest such words."""
    if of is None:
        return list(rows)
    total, noun = of
    body = len(rows) - 1
    if not pages:
        words = _of(total, noun, range(max(total - 2, 0), total), True)
    elif pages == 1 and body >= total:
        return list(rows)
    else:
        words = _of(total, noun, run, body < total)
    return [[words, *rows[0][1:]], *rows[1:]]


def note_line(slide: Slide, note: str, top: int = BODY_TOP, lead: str = "Stand-in figures.") -> int:
    """A one-line note at `top` (where there is one), after `lead` (the stand-in label's); returns
    where the slide's content starts."""
    if not note:
        return top
    text_box(slide, MARGIN, top, BODY_W, NOTE_H, f"{lead}{note}", size=11, color=MUTED)
    return top + NOTE_H


def _of(total: int, noun: str, run: range, rest: bool) -> str:
    """ "Measures 1-4 of 32 (the rest in the pack)": which of the list a slide shows, and (`rest`)
    that the others are in the pack; `noun` is the list's plural."""
    which, noun = (
        (f"{run.start + 1}-{run.stop}", noun) if len(run) > 1 else (f"{run.stop}", noun.removesuffix("s"))
    )
    return f"{noun[:1].upper()}{noun[1:]} {which} of {total}{' (the rest in the pack)' if rest else ''}"


PRE_READ_WORDS = "Findings from the council's documents, to test in fieldwork."


def _deck_use(review: Review) -> str:
    """What the deck is for: the feedback once the review team has written its findings
    (`Review.findings`), else a pre-read built from the documents before fieldwork, which
    nobody has yet agreed or tested."""
    return "feedback" if review.findings else "pre-read"


def title_slide(deck: PresentationType, review: Review, extraction: Extraction, sources: SourceIndex) -> None:
    """The council, the period and what the deck is drawn from: national benchmark data only where
    the review matched any (`Review.benchmarks`, as the pack's benchmarking section says)."""
    slide = deck.slides.add_slide(deck.slide_layouts[6])
    council = review.council.name or "Council not identified"
    period = views.review_period(review)
    text_box(slide, MARGIN, Inches(2.2), BODY_W, Inches(1.2), council, size=40, bold=True, color=NAVY)
    text_box(
        slide,
        MARGIN,
        Inches(3.4),
        BODY_W,
        Inches(0.8),
        f"Children's services finance review: {_deck_use(review)}" + (f", {period}" if period else ""),
        size=22,
        color=MUTED,
    )
    if not review.findings:
        text_box(slide, MARGIN, Inches(4.2), BODY_W, Inches(0.6), PRE_READ_WORDS, size=16, color=MUTED)
    docs = review.documents or extraction.documents
    text_box(
        slide,
        MARGIN,
        Inches(5.6),
        BODY_W,
        Inches(0.8),
        f"Drawn from {len(docs)} documents supplied by the council"
        + (" and national benchmark data." if review.benchmarks else ".")
        + (f" Stand-in figures.{stand_in(review)}" if stand_in(review) else ""),
        size=13,
        color=MUTED,
    )
    notes(slide, sources, review.council.identified_from, "Council identified from:")


def reviewers_slides(
    deck: PresentationType, review: Review, extraction: Extraction, sources: SourceIndex
) -> None:
    """The reviewers' findings, a slide for each kind written (more where they run long)."""
    for kind, heading in FINDING_KINDS.items():
        mine = [f for f in review.findings if f.kind == kind]
        if mine:
            _findings_pages(deck, heading, mine, sources, Figures.of(review, extraction))


def _findings_pages(
    deck: PresentationType, heading: str, mine: list[ReviewerFinding], sources: SourceIndex, figs: Figures
) -> None:
    room = BODY_BOTTOM - BODY_TOP
    pages: list[list[ReviewerFinding]] = [[]]
    for finding in mine:
        trial = pages[-1] + [finding]
        said = "".join(str(p) for p in _finding_text(trial, sources, figs))
        if pages[-1] and fit.text_height(said, BODY_W, FINDING_SIZE) > room:
            pages.append([finding])
        else:
            pages[-1] = trial
    for i, page in enumerate(pages):
        title = heading if i == 0 else f"{heading} (continued)"
        slide = content_slide(deck, title, len(deck.slides) + 1)
        text = _finding_text(page, sources, figs)
        text_box(slide, MARGIN, BODY_TOP, BODY_W, room, text, size=FINDING_SIZE)
        by = sorted({f.by for f in page})
        notes(
            slide,
            sources,
            [p for f in page for c in f.cites for p in c.provenance],
            f"Written by the review team ({', '.join(by)}).",
        )


def _finding_text(findings: list[ReviewerFinding], sources: SourceIndex, figs: Figures) -> list[Text]:
    parts: list[Text] = []
    for i, f in enumerate(findings):
        parts += ["\n" if i else "", f"\u2022  {f.text}", *_cited(f, sources, figs)]
    return parts


def _cited(finding: ReviewerFinding, sources: SourceIndex, figs: Figures) -> list[Text]:
    """The figures a finding cites, each with its value as the review holds it (corrected where
    reviewers corrected it) and its source."""
    said: list[list[Text]] = []
    for c in finding.cites:
        if not c.name:
            said.append(["a figure no longer in the documents"])
            continue
        value: list[Text] = (
            [f", {field_word(c.field)} ", figs.fig(c, "value_gbp", "money")] if c.field else []
        )
        cite = sources.cite(c.provenance)
        said.append([c.name, *value, f" {cite}" if cite else ""])
    if not said:
        return []
    out: list[Text] = [" ("]
    for i, one in enumerate(said):
        out += (["; "] if i else []) + one
    return [*out, ")"]


# The headline slide's grid: two columns of three cards.
DECK_FINDINGS = 6


def findings_slide(
    deck: PresentationType, review: Review, extraction: Extraction, sources: SourceIndex
) -> None:
    slide = content_slide(deck, "Headline findings", len(deck.slides) + 1)
    found = headline_findings(review, Figures.of(review, extraction), DECK_FINDINGS)
    if not found:
        message(slide, "The documents received gave no figures to report.")
    col_w, row_h = (BODY_W - Inches(0.4)) // 2, Inches(1.8)
    for i, f in enumerate(found):
        left = MARGIN + (i % 2) * (col_w + Inches(0.4))
        card(slide, f, sources, (left, BODY_TOP + (i // 2) * row_h, col_w, row_h))
    notes(
        slide,
        sources,
        [p for f in found for p in f.provenance],
        "Each finding is read from the review's records.",
    )


# A finding's card: its figure on the left, its title and detail beside it.
CARD_FIGURE_W = Inches(2.0)  # the figure's column, the gap after it included
CARD_FIGURE_H = Inches(0.8)
# A title's three lines at most at 14 pt: a long title is not set smaller than the other cards'.
CARD_TITLE_H = Inches(0.8)
CARD_GAP = Inches(0.05)
CARD_FIGURE, CARD_DETAIL = "Card figure", "Card detail"  # the shapes' names, for a reader of the file


def card(slide: Slide, f: Finding, sources: SourceIndex, box: tuple[int, int, int, int]) -> None:
    """A finding as the headline slide shows it, in `box` (left, top, width, height): the title
    takes the lines it needs (two at most); the detail, cited, has the rest."""
    left, top, width, height = box
    words_w = width - CARD_FIGURE_W
    figure = text_box(
        slide,
        left,
        top,
        CARD_FIGURE_W - Inches(0.1),
        CARD_FIGURE_H,
        [f.big_figure],
        size=26,
        bold=True,
        color=NAVY,
    )
    figure.name = CARD_FIGURE  # its doubt, where it has one, is said in the detail's first sentence
    title_h = _card_title_h(f, words_w)
    text_box(slide, left + CARD_FIGURE_W, top, words_w, title_h, f.title, size=14, bold=True)
    top += title_h + CARD_GAP
    room = height - title_h - 2 * CARD_GAP
    detail = text_box(
        slide, left + CARD_FIGURE_W, top, words_w, room, _card_detail(f, sources, words_w, room), size=11
    )
    detail.name = CARD_DETAIL


# The smallest size a card's detail is set in before its last sentences give way to the pack.
CARD_DETAIL_MIN_PT = 9
# The most words of a card's detail a screen reader takes in: beyond them its last sentences give
# way to the pack too, however small the text would fit.
CARD_DETAIL_WORDS = 45


def _card_detail(f: Finding, sources: SourceIndex, width: int | None = None, height: int = 0) -> list[Text]:
    """The card's detail and its citations; in a box (`width` by `height`) too small for it at
    CARD_DETAIL_MIN_PT, or where it runs past CARD_DETAIL_WORDS, the longest of its shorter forms
    that fits (`Finding.shorter`: the lead and the caveats always, then the rest's first whole
    sentences), and that the rest is in the pack (the citations stay whole: every figure the card
    names is among them); where none fits, the shortest of those, set smaller."""
    cite = sources.cite(f.provenance)
    tail: list[Text] = [f" {cite}" if cite else ""]
    parts: list[Text] = list(f.said)
    if width is None or _fits([*parts, *tail], width, height):
        return [*parts, *tail]
    kept = f.shorter()
    if not kept:
        return [*parts, *tail]
    return [
        *next((k for k in kept if _fits([*k, MORE_IN_PACK, *tail], width, height)), kept[-1]),
        MORE_IN_PACK,
        *tail,
    ]


def _fits(parts: Sequence[Text], width: int, height: int) -> bool:
    """The detail (its citations last) fits the box and, citations aside, CARD_DETAIL_WORDS."""
    text = "".join(str(p) for p in parts)
    words = len("".join(str(p) for p in parts[:-1]).split())
    return words <= CARD_DETAIL_WORDS and fit.fits(text, width, height, CARD_DETAIL_MIN_PT)


def card_height(f: Finding, sources: SourceIndex, width: int) -> int:
    """The height a card `width` wide needs to show its finding at the headline slide's sizes."""
    words_w = width - CARD_FIGURE_W
    detail = "".join(str(p) for p in _card_detail(f, sources))
    return max(CARD_FIGURE_H, _card_title_h(f, words_w) + 2 * CARD_GAP + fit.text_height(detail, words_w, 11))


def _card_title_h(f: Finding, words_w: int) -> int:
    return min(fit.text_height(f.title, words_w, 14, bold=True), CARD_TITLE_H)


def budget_slide(
    deck: PresentationType, review: Review, extraction: Extraction, sources: SourceIndex
) -> None:
    slide = content_slide(deck, "Budget position", len(deck.slides) + 1)
    lines = [b for b in review.selection.service_lines if b.variance_gbp is not None]
    cs = review.position.children_services
    provs = list(cs.provenance) + [p for b in lines for p in b.provenance]
    cited = f" {sources.cite(cs.provenance)}" if cs.provenance else ""
    figs = Figures.of(review, extraction)
    if cs.variance_gbp is not None and cs.forecast_gbp is None:
        over = "overspend" if cs.variance_gbp > 0 else "underspend"
        variance = figs.fig(cs, "variance_gbp", "m", sign="abs")
        stage = f" {cs.stage}" if cs.stage else ""
        headline(
            slide, [f"A forecast {over} of ", variance, f"{stage} is stated for children's services.{cited}"]
        )
    elif cs.variance_gbp is not None:
        mark = views.verification_words(cs.verification)
        # whose figures they are, as the pack's position names it: a reader sees the directorate's
        # forecast, not the council's
        whose = review.position.children_services_name or "Children's services"
        headline(
            slide,
            [
                f"{whose}: {review.position.period or ''} forecast ".replace(":  ", ": "),
                figs.fig(cs, "forecast_gbp", "m"),
                " against a budget of ",
                figs.fig(cs, "budget_gbp", "m"),
                ": a variance of ",
                figs.fig(cs, "variance_gbp", "signed"),
                f" {cs.stage}" if cs.stage else "",
                (f" ({mark})." if mark else ".") + cited,
                *later_cited(review, figs, sources),
                *lines_short_words(review, figs),
            ],
        )
    elif (budget := children_budget(review, figs)) is not None:
        provs += budget.provenance
        _budget_words(slide, budget, sources)
    elif review.position.children_services_missing:
        headline(slide, [figs.quote(review.position, "children_services_missing")])
    carried = review.selection.carried_variances
    if not lines and carried:
        provs += [p for c in carried for p in c.provenance]
        carried_table(deck, slide, review, figs, sources)
    elif not lines:
        message(
            slide, "No service-line budget monitoring was found.", BODY_TOP + BUDGET_WORDS_H + Inches(0.1)
        )
    else:
        budget_table(deck, slide, "Budget position", review, lines, figs, sources, Inches(7.4), total=True)
        _variance_chart(
            slide,
            lines,
            figs,
            (MARGIN + Inches(7.6), UNDER_HEADLINE, Inches(4.5), BODY_BOTTOM - UNDER_HEADLINE),
        )
    said = (
        "A positive change adds budget where spending ran over it; a negative one takes out an underspend."
        if not lines and carried
        else "Positive variance is an overspend."
    )
    notes(slide, sources, provs, said)


BUDGET_WORDS_H = Inches(1.5)  # the children's budget's words where no forecast was received
BUDGET_WORDS_PT = 14  # their size, down to fit.largest_size_that_fits' least before sentences go


def later_cited(review: Review, figs: Figures, sources: SourceIndex) -> tuple[Part, ...]:
    """The later stages the documents state of the children's headline overspend, cited
    (render.findings.later_words); () where none."""
    later = review.position.childrens_later
    if not later:
        return ()
    return (*later_words(later, figs), f" {sources.cite([p for m in later for p in m.provenance])}.")


def _budget_words(slide: Slide, budget: Finding, sources: SourceIndex) -> None:
    """Where no forecast was received, the children's budget as the pack's position gives it (its
    share of the council's, the budget it transfers out, the forecast stated in prose), from the
    headline finding's words: its first whole sentences that fit, the rest in the pack."""
    cite = sources.cite(budget.provenance)
    tail: list[Text] = [f" {cite}" if cite else ""]
    fits = lambda parts: fit.fits(cell_text(tuple(parts)), BODY_W, BUDGET_WORDS_H, 10)  # noqa: E731
    kept = [*budget.said, *tail]
    if not fits(kept):
        shorter = budget.shorter() or [tuple(budget.lead)]
        kept = next(
            ([*k, MORE_IN_PACK, *tail] for k in shorter if fits([*k, MORE_IN_PACK, *tail])),
            [*shorter[-1], MORE_IN_PACK, *tail],
        )
    text_box(slide, MARGIN, BODY_TOP, BODY_W, BUDGET_WORDS_H, kept, size=BUDGET_WORDS_PT)


LEFT_OUT_H = Inches(0.9)  # the most room for the variance chart's words on the lines it has no room for
LEFT_OUT_PT = 10


def _variance_chart(
    slide: Slide, lines: list[ScopedBudgetLine], figs: Figures, box: tuple[int, int, int, int]
) -> None:
    """The service lines' variances as the pack charts them (render.pack_charts.variance_chart):
    largest overspend first, at most its number of bars, overspends told apart from underspends;
    the lines it has no room for named under it, each with its variance, as the pack's caption does."""
    shown = variance_shown(lines)
    left = variance_left_out(lines)
    if left:
        x, y, w, h = box
        unshown: list[Text] = [f"{len(shown)} of {len(shown) + len(left)} lines; not shown: "]
        for i, b in enumerate(left[:CAVEATS_NAMED]):
            unshown += ["; " if i else "", b.name, " (", figs.fig(b, "variance_gbp", "signed"), ")"]
        more = len(left) - CAVEATS_NAMED
        unshown.append(f"; and {more} more, each in the pack." if more > 0 else ".")
        room = min(fit.text_height(cell_text(tuple(unshown)), w, LEFT_OUT_PT) + Inches(0.1), LEFT_OUT_H)
        box = (x, y, w, h - room)
        text_box(slide, x, y + h - room, w, room, unshown, size=LEFT_OUT_PT, color=MUTED)
    over = [(b.variance_gbp or 0) > 0 for b in shown]
    # a bar whose variance its table's arithmetic contradicts is marked, as the pack's chart marks it
    marks = [
        f" ({said})" if (said := figs.fig(b, "variance_gbp", "signed").said_before.doubt) else ""
        for b in shown
    ]
    chart(
        slide,
        XL_CHART_TYPE.BAR_CLUSTERED,
        [f"{b.name}{mark}" for b, mark in zip(shown, marks, strict=True)],
        [
            ("Overspend", [_m(b.variance_gbp) if o else None for b, o in zip(shown, over, strict=True)]),
            ("Underspend", [None if o else _m(b.variance_gbp) for b, o in zip(shown, over, strict=True)]),
        ],
        box,
        "Forecast variance by service line (£m)",
        number_format=SIGNED_M,
        figs=[figs.fig(b, "variance_gbp", "signed") for b in shown],
        styles=[VARIANCE_STYLES["Overspend"], VARIANCE_STYLES["Underspend"]],
    )


def budget_table(
    deck: PresentationType,
    slide: Slide,
    title: str,
    review: Review,
    lines: list[ScopedBudgetLine],
    figs: Figures,
    sources: SourceIndex,
    width: int,
    total: bool = False,
) -> None:
    """Service lines with their scope, why a line's figures are in doubt where they are (its
    `doubt`, as the pack's table says under its name), source and reviewers' marks, in £000;
    with the children's services' total as the documents state it last, where asked (`total`)
    and stated (whether the lines add to it is the headline's to say: lines_short_words)."""
    rows: list[list[Text]] = [
        ["Service line", "Budget £000", "Forecast £000", f"{views.VARIANCE_HEADING} £000"]
    ]
    rows += [
        [
            named(
                f"{b.name} ({views.scope_label(review, b.scope, b.provenance)}){f' {b.doubt}' if b.doubt else ''}"
                f" {sources.cite(b.provenance)}",
                b.reviewed,
            ),
            # the row's name says its doubt in full; each figure it reaches says it again, short
            *(
                figs.fig(b, field, "k").said_before
                for field in ("budget_gbp", "forecast_gbp", "variance_gbp")
            ),
        ]
        for b in lines
    ]
    provs = [b.provenance for b in lines]
    cs = review.position.children_services
    if total and cs.budget_gbp is not None and cs.variance_gbp is not None:
        name = review.position.children_services_name or "Children's services"
        totals = [figs.fig(cs, field, "k") for field in ("budget_gbp", "forecast_gbp", "variance_gbp")]
        # a doubt is said in full once, under the row's name; its figures say the words a figure
        # says again after its sentence said them, as the pack's do (refs.again: "in doubt" for a
        # doubt, nothing for a total that is "as reported")
        doubts = list(dict.fromkeys(f.doubt for f in totals if f.doubt))
        said = f" ({'; '.join(doubts)})" if doubts else ""
        totals = [replace(f, doubt=again(f.doubt)) for f in totals]
        rows.append([f"{name}: total as stated{said} {sources.cite(cs.provenance)}", *totals])
        provs.append(cs.provenance)
    scope = review.position.children_scope
    if total and scope is not None:
        # the children's scope's other directorates (or divisions) beside it, and their sum; or the
        # divisions the directorate's row holds, "of which", never summed with it
        for part in scope.parts:
            if part.money.provenance == cs.provenance and cs.budget_gbp is not None:
                continue
            m = part.money
            mark = views.stated_mark(m.verification) if m.verification == "contradicted" else ""
            figures = [figs.fig(m, field, "k") for field in ("budget_gbp", "forecast_gbp", "variance_gbp")]
            where = views.scope_name(part.scope)
            where = where[:1].lower() + where[1:]
            of = "of which " if scope.of_which else ""
            rows.append(
                [f"{of}{part.name} ({where}): total as stated{mark} {sources.cite(m.provenance)}", *figures]
            )
            provs.append(m.provenance)
    if total and scope is not None and not scope.of_which:
        sums = [figs.fig(scope.total, field, "k") for field in ("budget_gbp", "forecast_gbp", "variance_gbp")]
        rows.append([f"{scope.label}: the sum, derived {sources.cite(scope.total.provenance)}", *sums])
        provs.append(scope.total.provenance)
    cited = (sources, provs)
    words = f"{title.lower()}, service lines in £000"
    paged_table(deck, slide, title, rows, UNDER_HEADLINE, width, (1, 2, 3), 10, cited, words)


def carried_table(
    deck: PresentationType, slide: Slide, review: Review, figs: Figures, sources: SourceIndex
) -> None:
    """Where no service-line monitoring was received: the budget build's changes that carry the
    current year's variances, as the pack shows them (the build's adjustments, not a forecast),
    each named by its group (views.scope_label)."""
    carried = review.selection.carried_variances
    message(
        slide,
        "No service-line budget monitoring was received. The budget build's changes to children's "
        "lines that carry the current year's monitoring variances locate them by service: they are "
        "the build's adjustments, not a monitoring report's forecast.",
        BODY_TOP + BUDGET_WORDS_H + Inches(0.1),
    )
    rows: list[list[Text]] = [["Line", "Budget year", "Change £000", "Checked"]]
    rows += [
        [
            named(
                f"{c.title} ({views.scope_label(review, c.scope, c.provenance)}) {sources.cite(c.provenance)}"
                + "".join(
                    f"; the budget report's {st.year} monitoring: {st.outcome} {sources.cite(st.provenance)}"
                    for st in c.stated
                ),
                c.reviewed,
            ),
            c.period,
            figs.fig(c, "amount_gbp", "k"),
            c.doubt or views.verification_words(c.verification),
        ]
        for c in carried
    ]
    cited = (sources, [c.provenance + [p for st in c.stated for p in st.provenance] for c in carried])
    words = "budget build changes carrying the current year's variances, in £000"
    top = BODY_TOP + BUDGET_WORDS_H + Inches(1.1)
    paged_table(deck, slide, "Budget position", rows, top, BODY_W, (2,), 10, cited, words)


def dsg_lines_slide(
    deck: PresentationType, review: Review, extraction: Extraction, sources: SourceIndex
) -> None:
    """The DSG and high needs lines of the budget monitoring, where the documents have any."""
    lines = [b for b in review.selection.dsg_rows if b.level == "service_line"]
    if not lines:
        return
    slide = content_slide(deck, "DSG and high needs", len(deck.slides) + 1)
    # Each line's variance is in the table; their sum is no figure the review holds, so not printed.
    headline(slide, f"The ring-fenced DSG lines of the budget monitoring ({fmt.count(len(lines), 'line')}).")
    budget_table(
        deck, slide, "DSG and high needs", review, lines, Figures.of(review, extraction), sources, BODY_W
    )
    notes(
        slide, sources, [p for b in lines for p in b.provenance], "The DSG is ring-fenced: it is shown apart."
    )


def savings_slide(
    deck: PresentationType, review: Review, extraction: Extraction, sources: SourceIndex
) -> None:
    slide = content_slide(deck, "Savings and delivery", len(deck.slides) + 1)
    items = review.selection.savings
    if not items:
        message(slide, "No savings plan or tracker lines were found.")
        notes(slide, sources, [])
        return
    headline(slide, savings_headline(review, Figures.of(review, extraction)))
    risky = review.selection.at_risk  # every one, paged: none is left out
    shown = risky or sorted(items, key=lambda x: -(x.target_in_year_gbp or 0))[:MAX_ROWS]
    rows = savings_rows(shown, bool(risky), sources, Figures.of(review, extraction))
    paged_table(
        deck,
        slide,
        "Savings and delivery",
        rows,
        BODY_TOP + Inches(1.0),
        Inches(6.6),
        (1, 2, 3) if risky else (2,),
        10,
        (sources, [x.provenance for x in shown]),
        "savings at risk in £000" if risky else "the largest savings in £000",
        of=None if risky else (len(items), "savings"),
    )
    figs = Figures.of(review, extraction)
    box: tuple[int, int, int, int] = (MARGIN + Inches(6.8), BODY_TOP + Inches(0.9), Inches(5.3), Inches(4.8))
    by_category = savings_by_category(review.savings_summary, figs)
    provs = [p for x in shown for p in x.provenance]
    if by_category:  # the plan's categories over the chart, which keeps the rest of the column
        parts = review.savings_summary.parts
        cite = sources.cite([p for part in parts for p in part.provenance])
        said = [*by_category, f" {cite}" if cite else ""]
        left, top, width, height = box
        need = min(fit.text_height("".join(str(p) for p in said), width, 11), height // 2)
        text_box(slide, left, top, width, need, said, size=11)
        box = (left, top + need + CARD_GAP, width, height - need - CARD_GAP)
        provs += [p for part in parts for p in part.provenance]
    split = savings_by_scope_words(review, figs)
    if split:  # the savings split as the children's scope is, over the chart
        cite = sources.cite([p for part in review.savings_summary.by_scope for p in part.provenance])
        said = [*split, f" {cite}" if cite else ""]
        left, top, width, height = box
        need = min(fit.text_height("".join(str(p) for p in said), width, 11), height // 2)
        text_box(slide, left, top, width, need, said, size=11)
        box = (left, top + need + CARD_GAP, width, height - need - CARD_GAP)
        provs += [p for part in review.savings_summary.by_scope for p in part.provenance]
    savings_chart(slide, review, figs, box)
    notes(slide, sources, provs)


def savings_by_scope_words(review: Review, figs: Figures) -> list[Text]:
    """The savings of each part of a children's scope that spans directorates (children's social
    care, education and SEND), as the pack's savings section gives them; [] where there is one."""
    words: list[Text] = []
    by = "By scope: "
    for part in review.savings_summary.by_scope:
        words += [
            "; " if words else by,
            f"{part.name} ",
            figs.fig(part, "target_gbp", "m"),
            " target",
        ]
        if part.forecast_gbp is not None:
            words += [", ", figs.fig(part, "forecast_gbp", "m"), " forecast"]
        if part.at_risk_gbp is not None:
            words += [", ", figs.fig(part, "at_risk_gbp", "m"), " at risk"]
    return [*words, "."] if words else []


def savings_rows(
    shown: list[SavingItem], at_risk: bool, sources: SourceIndex, figs: Figures
) -> list[list[Text]]:
    """At-risk lines with the money at risk (their shortfall), or (nothing at risk) the largest
    savings with their year."""
    titles = [named(f"{x.title} {sources.cite(x.provenance)}", x.reviewed) for x in shown]
    if at_risk:
        rows: list[list[Text]] = [["Saving at risk", "Target £000", "Forecast £000", "At risk £000"]]
        fields = ("target_in_year_gbp", "forecast_gbp", "at_risk_in_year_gbp")
        return rows + [
            [t, *(figs.fig(x, f, "k") for f in fields)] for t, x in zip(titles, shown, strict=True)
        ]
    rows = [["Largest savings", "Year", "Amount £000"]]
    return rows + [
        [t, x.year or "", figs.fig(x, "target_in_year_gbp", "k")] for t, x in zip(titles, shown, strict=True)
    ]


def savings_headline(review: Review, figs: Figures) -> list[Text]:
    s = review.savings_summary
    if s.at_risk_gbp:
        places = 2 if s.short_on_track_gbp else None  # to add up with the on-track shortfall
        forecast: list[Text] = (
            ["; ", figs.fig(s, "forecast_gbp", "m", places=places), " forecast"]
            if s.forecast_gbp is not None
            else []
        )
        return [
            figs.fig(s, "at_risk_gbp", "m", places=places),
            " at risk of a ",
            figs.fig(s, "target_gbp", "m", places=places),
            " target",
            *adults_part(s, figs),
            *(
                (f" on {at_risk_lines(s)}", *forecast, ": ", *basis)
                if (basis := at_risk_basis(s, figs))
                else (f": the shortfall on {at_risk_lines(s)}", *forecast)
            ),
            ".",
            *short_on_track_words(s, figs),
            *in_forecast_words(review, figs),
        ]
    if not s.target_gbp:
        return ["No savings target could be totalled from the documents."]
    unidentified: list[Text] = (
        [
            ", ",
            figs.fig(s, "unidentified_in_year_gbp", "m"),
            " of it ",
            *labelled(s.unidentified_labels, figs),
        ]
        if s.unidentified_in_year_gbp
        else []
    )
    return [
        figs.fig(s, "target_gbp", "m"),
        f" of savings planned for {s.period or 'the year'} in {s.lines} lines",
        *adults_part(s, figs),
        *unidentified,
        f"; {not_judged(s, review.selection.savings_removed)}.",
        *savings_removed_brief(review.selection.savings_removed, figs),
        *council_unallocated_words(s, figs),
    ]


def savings_chart(slide: Slide, review: Review, figs: Figures, box: tuple[int, int, int, int]) -> None:
    """Target and forecast by RAG where a tracker rates the savings, else the plan's savings by year."""
    groups = review.selection.rag_groups
    if groups:
        values = {"Target": [_m(g.target) for g in groups], "Forecast": [_m(g.forecast) for g in groups]}
        series = [(name, values[name]) for name in RAG_SERIES_STYLES]
        chart(
            slide,
            XL_CHART_TYPE.COLUMN_CLUSTERED,
            [g.name for g in groups],
            series,
            box,
            "Savings target and forecast by RAG rating (£m)",
            figs=_m_figs(figs, [(g, name.lower()) for name in RAG_SERIES_STYLES for g in groups]),
            styles=list(RAG_SERIES_STYLES.values()),
        )
        return
    years = review.selection.plan_years
    planned = review.selection.planned
    if years and len(planned.totals) == len(years):
        series = [("Savings planned", [_m(v) for v in planned.totals]), *_adults_series(planned)]
        chart(
            slide,
            XL_CHART_TYPE.COLUMN_CLUSTERED,
            years,
            series,
            box,
            "Savings planned by year (£m)",
            figs=_m_figs(figs, _year_points(planned.totals) + _year_points(planned.adults)),
        )


def _adults_series(planned: YearTable) -> list[tuple[str, list[float | None]]]:
    """The part of the savings planned that is adults' services in the children's directorate,
    charted beside them where any is (as the pack's chart does)."""
    return [(ADULTS_SAVINGS_SERIES, [_m(v) for v in planned.adults])] if planned.adults else []


def _year_points(values: list[float | None]) -> list[tuple[Any, str | int]]:
    return [(values, i) for i in range(len(values))]


def _m(gbp: float | None) -> float | None:
    """A chart's value in £m as its label prints it (as fmt.money_m writes every £m figure); one too
    small to print in £m is kept to its label's places, its label fmt's £k (render.slides.own_labels)."""
    if gbp is None:
        return None
    millions = gbp / 1e6
    written = fmt.money_m(gbp)
    if not written.endswith("m"):
        # to the places its label prints it (£12k: thousands; £400: pounds), so that the chart's
        # data hold no more digits than any label shows
        return float(half_up(millions, 3 if written.endswith("k") else 6).replace(",", ""))
    return float(half_up(millions, half_places(millions, 1)).replace(",", ""))


def _m_figs(figs: Figures, points: Sequence[tuple[Any, str | int]]) -> list[Fig]:
    """A chart's points in £m, each traced to its record's field (points with no value show nothing)."""
    return [figs.fig(record, name, "m") for record, name in points if value_of(record, name) is not None]


def mtfp_slide(deck: PresentationType, review: Review, extraction: Extraction, sources: SourceIndex) -> None:
    chosen = review.selection
    gaps = chosen.gaps
    if not gaps and not chosen.has_pressures:
        return
    slide = content_slide(deck, "Pressures and the medium-term gap", len(deck.slides) + 1)
    years, pressures, planned = chosen.years, chosen.pressures, chosen.planned
    if not years:  # a gap stated with no year (minutes often give one) has nothing to chart by year
        figs = Figures.of(review, extraction)
        stated: list[Text] = ["Budget gap as the documents state it: "]
        for i, g in enumerate(gaps):
            stated += [
                "; " if i else "",
                figs.fig(g, "amount_gbp", "m"),
                f" ({g.period or 'year not stated'})",
            ]
        message(slide, [*stated, "."], BODY_TOP + Inches(0.8))
    else:
        top = note_line(slide, mtfp_note(review) if gaps else "", lead="")
        figs = Figures.of(review, extraction)
        if gaps and (later := plan_later_words(review, figs)):  # the plan predates a later overspend
            first = str(later[0]).lstrip()
            text_box(slide, MARGIN, top, BODY_W, NOTE_H * 2, [first, *later[1:]], size=11, color=MUTED)
            top += NOTE_H * 2
        _mtfp_chart(slide, pressures, planned, gaps, figs, top)
    provs = [p for row in pressures.rows for p in row.provenance] + [p for g in gaps for p in g.provenance]
    provs += plan_dated_provenance(review) if gaps else []
    notes(
        slide,
        sources,
        provs,
        "Pressures and savings are the totals of "
        + (
            f"the lines of {scope.words}"
            if (scope := review.position.children_scope)
            else "the children's directorate's lines"
        )
        + ", the General Fund's apart from ring-fenced DSG / High Needs lines"
        + (" and from lines the plan marks externally funded" if pressures.external else "")
        + ("; the adults' services it holds are charted apart" if planned.adults else "")
        + "; the gap is the council-wide gap as the MTFP states it.",
    )


# What the pressures chart sets side by side, said on the slide: the directorate's own lines
# beside a gap that is the whole council's.
MTFP_NOTE = (
    "Pressures and savings are the children's directorate's lines; the stated budget gap is the "
    "council-wide gap as the MTFP states it, not the directorate's."
)


def mtfp_note(review: Review) -> str:
    """`MTFP_NOTE`, in the scope's words where the children's scope spans more than one directorate
    or division (Position.children_scope): its lines are then all its parts', not one directorate's."""
    if (scope := review.position.children_scope) is None or scope.of_which:
        return MTFP_NOTE
    return (
        f"Pressures and savings are the lines of {scope.words}; the stated budget gap is the "
        "council-wide gap as the MTFP states it, not theirs."
    )


def _mtfp_chart(
    slide: Slide,
    pressures: YearTable,
    planned: YearTable,
    gaps: list[GapYear],
    figs: Figures,
    top: int = BODY_TOP,
) -> None:
    """General Fund (core) pressures, externally funded and ring-fenced ones as series of their own
    (where any line is), the
    savings planned and the stated gap, by year, as the pack's chart has them."""
    years = pressures.years
    gap_by_year = {g.period: g for g in gaps}
    shown = [gap_by_year.get(y) for y in years]
    plotted = [(PRESSURES_SERIES, pressures.general_fund)]
    if pressures.external:
        plotted.append((EXTERNAL_SERIES, pressures.external))
    if pressures.ring_fenced:
        plotted.append((RING_FENCED_SERIES, pressures.ring_fenced))
    plotted.append((SAVINGS_SERIES, planned.totals))
    if planned.adults:
        plotted.append((ADULTS_SAVINGS_SERIES, planned.adults))
    points = [(values, i) for _, values in plotted for i in range(len(values))]
    chart(
        slide,
        XL_CHART_TYPE.COLUMN_CLUSTERED,
        years,
        [
            *[(name, [_m(v) for v in values]) for name, values in plotted],
            (views.GAP_SERIES, [_m(g.amount_gbp if g else None) for g in shown]),
        ],
        (MARGIN, top, BODY_W, min(Inches(5.3), BODY_BOTTOM - top)),
        "Pressures, savings planned and the stated gap by year (£m)",
        figs=_m_figs(figs, points + [(g, "amount_gbp") for g in shown if g is not None]),
        styles=[views.PRESSURES_CHART_STYLES[name] for name, _ in plotted]
        + [views.PRESSURES_CHART_STYLES[views.GAP_SERIES]],
    )


def budget_build_slide(
    deck: PresentationType, review: Review, extraction: Extraction, sources: SourceIndex
) -> None:
    """Next year's budget as the budget report builds it (base, growth, savings, other changes,
    new budget), the children's directorate's and the council's, where the documents give them. A
    build that does not arrive at the new budget it prints is named, its figures not shown (as the
    pack does)."""
    builds = views.budget_builds(review)
    if not builds:
        return
    slide = content_slide(deck, "Next year's budget build", len(deck.slides) + 1)
    figs = Figures.of(review, extraction)
    shown = [(b, who) for b, who in builds if b.verification == "verified"]
    marked = [(b, who) for b, who in builds if b.verification != "verified"]
    top: int = BODY_TOP
    if shown:
        headline(
            slide,
            "The base, plus growth and other changes, less savings, gives next year's budget (£000).",
        )
        rows = _build_rows([b for b, _ in shown], [who for _, who in shown], figs)
        numeric = tuple(range(1, len(shown) + 1))
        width = Inches(5.2) + NUMBER_W * len(shown)
        top = table(
            slide,
            rows,
            MARGIN,
            UNDER_HEADLINE,
            width,
            numeric,
            12,
            "next year's budget build in £000",
        )
    said: list[Text] = ["\n".join(_build_words(b, who, sources) for b, who in shown)]
    if shown and (nets := build_nets_words(review, figs)):
        said += ["\n", *nets]
    marked_words = [
        f"The {who.lower()} build for {b.name} ({b.period}) does not arrive at the new budget it prints, "
        f"so its figures are not shown. {sources.cite(b.provenance)}".strip()
        for b, who in marked
    ]
    said += [f"\n{w}" if said[0] or n else w for n, w in enumerate(marked_words)]
    text_box(slide, MARGIN, top + Inches(0.2), BODY_W, BODY_BOTTOM - top - Inches(0.2), said, size=12)
    notes(
        slide,
        sources,
        [p for b, _ in builds for p in b.provenance],
        "Each column arrives at the new budget it prints (the budget report's own arithmetic).",
    )


def _build_rows(builds: list[BudgetBuild], whose: list[str], figs: Figures) -> list[list[Cell]]:
    """The pack's build table: each step, the savings step under the row the builds print for it
    and followed by its parts by kind (render.views decides both)."""
    rows: list[list[Cell]] = [["Step", *whose]]
    labelled = views.savings_label_of(builds)
    for name, words in views.build_steps(builds):
        said: Cell = words
        if name == "savings_gbp" and labelled is not None:
            said = (f"{words}\nthe row \u201c", figs.quote(labelled, "savings_label"), "\u201d")
        rows.append([said, *(figs.fig(b, name, "k") for b in builds)])
        if name == "savings_gbp":
            rows += [
                [part_words, *(figs.fig(p, "amount_gbp", "k") if p else "" for p in parts)]
                for part_words, parts in views.build_parts(builds)
            ]
    return rows


def _build_words(build: BudgetBuild, who: str, sources: SourceIndex) -> str:
    cite = sources.cite(build.provenance)
    return f"{who}: {build.name}, {build.period}{f' {cite}' if cite else ''}."


def benchmark_slide(
    deck: PresentationType, review: Review, extraction: Extraction, sources: SourceIndex
) -> None:
    """The benchmarks against the neighbours and England, the largest gap first, with the first's
    trend; under them, the drivers model's card as the pack's findings give it: headed by the
    figure the pack's summary heads it with (`headlined_once`: a figure another card headlines
    gives way to the next of its lead)."""
    slide = content_slide(deck, "How the council compares", len(deck.slides) + 1)
    figs = Figures.of(review, extraction)
    drivers = headline_card(figs, "drivers") or drivers_gap(review, figs)
    bottom = BODY_BOTTOM
    if drivers is not None:
        bottom -= card_height(drivers, sources, BODY_W) + CARD_GAP
        card(slide, drivers, sources, (MARGIN, bottom + CARD_GAP, BODY_W, BODY_BOTTOM - bottom - CARD_GAP))
    driver_provs = drivers.provenance if drivers else []
    ranked = sorted(review.benchmarks, key=benchmark_rank, reverse=True)[:MAX_ROWS]
    if not ranked:
        said = review.stated_comparisons
        if said:  # the documents' own comparison with the neighbours, quoted: the national tables give none
            parts: list[Text] = ["No benchmark data was matched to this council; the documents state: "]
            for i, c in enumerate(said):
                parts += ["; " if i else "", "\u201c", figs.quote(c, "text", 200), "\u201d"]
            message(slide, parts)
        else:
            message(slide, "No benchmark data was matched to this council.")
        notes(slide, sources, driver_provs + [p for c in said for p in c.provenance])
        return
    label = stand_in(review, [p for b in ranked for p in b.provenance])
    top = note_line(slide, label)
    rows: list[list[Cell]] = [["Measure", "Council", "Neighbours", "England", "vs neighbours", "Quartile"]]
    rows += [
        [
            (f"{b.label} {sources.cite(b.provenance)}".strip(), *_own_figures(review, b, figs, sources)),
            figs.fig(b, "value", f"unit:{b.unit}"),
            figs.fig(b.statistical_neighbours, "median", f"unit:{b.unit}"),
            figs.fig(b.england, "value", f"unit:{b.unit}"),
            _vs_neighbours(review, b, figs),
            figs.fig(b, "quartile", "count") if b.quartile else "",
        ]
        for b in ranked
    ]
    cited = (sources, [b.provenance + _own_provenance(review, b) for b in ranked])
    paged_table(
        deck,
        slide,
        "How the council compares",
        rows,
        top,
        Inches(7.4),
        (1, 2, 3, 4, 5),
        10,
        cited,
        "benchmarks against the statistical neighbours and England",
        label,
        bottom,
        (len(review.benchmarks), "measures"),
    )
    box = (MARGIN + Inches(7.6), top, Inches(4.5), min(Inches(4.0), bottom - top))
    _trend_chart(slide, review, ranked[0], figs, box)
    notes(
        slide,
        sources,
        [p for b in ranked for p in b.provenance + _own_provenance(review, b)] + driver_provs,
        "Sorted by what the gap to the statistical neighbour median costs a year, where a cost follows "
        "(gap x activity x unit cost), then by distance from the median.",
    )


def _own_figures(review: Review, b: Benchmark, figs: Figures, sources: SourceIndex) -> tuple[Text, ...]:
    """What the council's own documents state for the benchmark's measure, each cited, under its
    name and beside the national figure they may contradict (analyse.benchmarks.own reads them);
    () where they state none."""
    parts: list[Text] = []
    for o in (o for o in review.own_figures if o.indicator == b.indicator):
        cite = sources.cite(o.provenance)
        parts += ["; " if parts else "\nThe council's own documents: "]
        parts += [figs.fig(o, "value", views.stated_how(o.unit), places=o.places), f" {cite}" if cite else ""]
    return tuple(parts)


def _own_provenance(review: Review, b: Benchmark) -> list[Provenance]:
    return [p for o in review.own_figures if o.indicator == b.indicator for p in o.provenance]


# How a trend's values are charted, by the benchmark's unit: the chart's number format, how its
# labels are written (render.refs.written) and to how many places (the chart's values are rounded
# to them, so each label is the figure its tag names). Other units are numbers to one place.
TREND_FORMATS = {
    "gbp": ("£#,##0", "money", 0),
    "gbp_per_child": ("£#,##0", "money", 0),
    "gbp_per_week": ("£#,##0", "money", 0),
    "percent": ('#,##0.0"%"', "pct", 1),
    "count": ("#,##0", "number", 0),
}
NUMBER_TREND = ("#,##0.0", "number", 1)


def _trend_chart(
    slide: Slide, review: Review, b: Benchmark, figs: Figures, box: tuple[int, int, int, int]
) -> None:
    """The benchmark's years as lines, as the pack's trend chart (render.pack_charts.trend_chart)
    draws them: the council's, its statistical neighbours' median and England's, each point tagged
    with its record. The council's line is named for whose figures they are (render.stand_in)."""
    if len(b.trend) < 2 or b.unit.startswith("grade"):  # a grade is a word, not a point on a line
        return
    code, how, places = TREND_FORMATS.get(b.unit, NUMBER_TREND)
    periods = [t.period for t in b.trend]
    lines = [
        (council_line(review, b.provenance), b.trend),
        ("Neighbours (median)", b.neighbours_trend),
        ("England", b.england_trend),
    ]
    series: list[tuple[str, list[float | None]]] = []
    points: list[Fig] = []
    for name, trend in lines:
        by_period = {t.period: t for t in trend}
        held = [by_period.get(p) for p in periods]
        if all(t is None for t in held):
            continue
        series.append(
            (name, [None if t is None else float(half_up(t.value, places).replace(",", "")) for t in held])
        )
        points += [figs.fig(t, "value", how, places=places) for t in held if t is not None]
    chart(
        slide,
        XL_CHART_TYPE.LINE_MARKERS,
        periods,
        series,
        box,
        f"{b.label}: trend",
        number_format=code,
        figs=points,
    )


def _vs_neighbours(review: Review, b: Benchmark, figs: Figures) -> Cell:
    """The benchmark's distance from its neighbours' median, as analyse.derived computed it."""
    index = next(i for i, one in enumerate(review.benchmarks) if one is b)
    if index >= len(review.derived.vs_neighbours):
        return fmt.NO_DATA
    d = review.derived.vs_neighbours[index]
    return figs.fig(d, "value", "points" if d.unit == "points" else "signed_pct")


def scenarios_slide(
    deck: PresentationType, review: Review, extraction: Extraction, sources: SourceIndex
) -> None:
    slide_title = "What better ways of working might be worth"
    slide = content_slide(deck, slide_title, len(deck.slides) + 1)
    scen = review.scenarios[:MAX_ROWS]
    if not scen:
        message(slide, "No scenarios could be modelled from the data received.")
        notes(slide, sources, [])
        return
    figs = Figures.of(review, extraction)
    label = stand_in(review, [p for s in scen for p in s.provenance])
    top = note_line(slide, label)
    planned = any(s.plan_savings or s.subject_savings for s in scen)
    rows: list[list[Cell]] = [
        ["Scenario", "A year", "Assumptions", *(["The council's own plan"] if planned else [])]
    ]
    rows += [
        [
            (figs.quote(s, "name"),),
            _a_year(s, figs),
            _assumptions(s.assumptions, figs),
            *([_against_plan(s, figs)] if planned else []),
        ]
        for s in scen
    ]
    provs = [
        [*s.provenance, *(q for ps in [*s.plan_savings, *s.subject_savings] for q in ps.provenance)]
        for s in scen
    ]
    words = "scenarios and what each might save a year"
    placed = paged_table(
        deck,
        slide,
        slide_title,
        rows,
        top,
        BODY_W,
        (1,),
        10,
        (sources, provs),
        words,
        label,
        of=(len(review.scenarios), "scenarios"),
    )
    bottom = top + sum(row_heights(rows, BODY_W, (1,), 10))
    costed = [s for s in scen if s.annual_saving_gbp is not None]
    if costed and len(placed) == 1 and BODY_BOTTOM - bottom > Inches(1.8):
        chart(
            slide,
            XL_CHART_TYPE.BAR_CLUSTERED,
            [_chart_name(s) for s in costed],
            [("Annual saving", [_m(s.annual_saving_gbp) for s in costed])],
            (MARGIN, bottom + Inches(0.1), Inches(8), min(Inches(2.6), BODY_BOTTOM - bottom - Inches(0.1))),
            "Annual saving (£m)",
            figs=_m_figs(figs, [(s, "annual_saving_gbp") for s in costed]),
        )
    notes(
        slide,
        sources,
        [p for i in placed[0][1] for p in provs[i]],
        "Illustrations for discussion: "
        + " ".join(" ".join(filter(None, (s.explanation, s.plan_note))) for s in scen),
    )


def _chart_name(s: Scenario) -> str:
    """A scenario's bar as the chart names it: one whose money is within the plan's own savings on
    its lever (analyse's `plan_relation`) says so, so no reader adds the bar to the plan."""
    name = f"{s.name} (an estimate)" if s.estimated else s.name
    if s.plan_relation != "within" or not s.plan_savings:
        return name
    within = ", ".join(p.ref or p.title for p in s.plan_savings)
    return f"{name} (within {within}: not additional)"


def _a_year(s: Scenario, figs: Figures) -> Cell:
    """A scenario's money a year, or, where it is not costed but its prices are stated, what each
    child it would move saves a year."""
    if s.annual_saving_gbp is not None:
        money = figs.fig(s, "annual_saving_gbp", "m")
        return (money, " (an estimate)") if s.estimated else money
    if s.per_child_gbp is not None:
        return ("not costed; ", figs.fig(s, "per_child_gbp", "money"), " a child moved")
    return "not costed"


# How a scenario stands against the plan's savings on its lever, in a deck cell's few words.
PLAN_RELATION = {
    "within": "within it: not additional",
    "beyond": "beyond it by at most ",
    "not_costed": "not costed against it",
    "": "not set against it (it starts later)",
}


def _against_plan(s: Scenario, figs: Figures) -> tuple[Text, ...]:
    """The plan's savings on the scenario's lever (each cited in the notes) and how the scenario
    stands against them; "none on this lever" where no saving works it, with the plan's savings on
    the same subject by another lever (analyse's `subject_savings`) named beside it."""
    if not s.plan_savings:
        return ("none on this lever", *_by_other_lever(s, figs))
    parts: list[Text] = []
    for i, p in enumerate(s.plan_savings):
        parts += ["; " if i else "", figs.quote(p, "ref") if p.ref else figs.quote(p, "title"), " "]
        parts += [
            f"from {p.later[0].period}" if p.later else figs.fig(p, "target_gbp", "m"),
            *((" (", figs.quote(p, "status", limit=40), ")") if p.status else ()),
        ]
    parts += [
        "; scenario ",
        "finds no saving" if s.annual_saving_gbp == 0 else PLAN_RELATION[s.plan_relation],
    ]
    if s.beyond_plan_gbp is not None:
        parts.append(figs.fig(s, "beyond_plan_gbp", "m"))
    counts = [p.planned_count for p in s.plan_savings if p.planned_count is not None]
    if counts and s.children:  # analyse compared the counts, not the money
        parts.append(f" ({s.children} children against {sum(counts)} planned)")
    return tuple(parts)


def _by_other_lever(s: Scenario, figs: Figures) -> tuple[Text, ...]:
    """The plan's savings on the scenario's subject by another lever, each with its first money."""
    parts: list[Text] = []
    for i, p in enumerate(s.subject_savings):
        parts += ["; " if i else "; on its subject by another lever: "]
        parts += [figs.quote(p, "ref") if p.ref else figs.quote(p, "title"), " "]
        parts += [f"from {p.later[0].period}"] if p.later else [figs.fig(p, "target_gbp", "m")]
    return tuple(parts)


def _assumptions(assumptions: dict[str, Any], figs: Figures) -> tuple[Text, ...]:
    parts: list[Text] = []
    for i, k in enumerate(assumptions):
        parts += ["; " if i else "", f"{fmt.humanise(k)}: ", figs.fig(assumptions, k, "plain")]
    return tuple(parts)


def enquiry_slide(
    deck: PresentationType, review: Review, extraction: Extraction, sources: SourceIndex
) -> None:
    slide = content_slide(deck, "Lines of enquiry", len(deck.slides) + 1)
    loe = review.lines_of_enquiry
    if not loe:
        message(slide, "No lines of enquiry were drawn from the evidence.")
        notes(slide, sources, [])
        return
    figs = Figures.of(review, extraction)
    disagreements = views.quality(review, extraction).disagreements
    rows: list[list[Cell]] = [["Question", "Because", "Ask"]]
    for q in loe:
        cite = sources.cite(q.provenance)
        # the amount the question is ranked by leads its evidence
        stake: tuple[str | Fig, ...] = ()
        if q.amount_gbp is not None:
            # the stake's words are quoted: they may name a part of it ("£17.0m of it labelled ...")
            said = (", ", figs.quote(q, "stake"), ". ") if q.stake else (". ",)
            stake = ("At stake ", figs.fig(q, "amount_gbp", "m", sign="abs"), *said)
        because = (*stake, figs.quote(q, "because"), f" {cite}" if cite else "")
        rows.append([_question_cell(q, disagreements, figs), because, q.addressed_to])
    label = stand_in(review, [p for q in loe for p in q.provenance])
    placed = paged_table(
        deck,
        slide,
        "Lines of enquiry",
        rows,
        note_line(slide, label),
        BODY_W,
        size=12,
        description="lines of enquiry for fieldwork",
        note=label,
    )
    for shown, held in placed:
        notes(shown, sources, [p for i in held for p in loe[i].provenance])


def _question_cell(q: LineOfEnquiry, disagreements: list[Reconciliation], figs: Figures) -> Cell:
    """A question as the slide's table shows it (render.slides.capped): where the cut leaves out a
    figure its evidence states two ways (a disagreement both of whose places the question cites),
    the two figures are kept, asked which is right, so that no doubt about a figure is dropped."""
    cell: Cell = (figs.quote(q, "question"),)
    cut = capped(cell)
    if cut == cell:
        return cell
    cited = set(q.provenance)
    kept = list(parts_of(cut))
    if kept[-1] == MORE_IN_PACK:  # the pack named for the rest goes last
        kept = kept[:-1]
    said: list[Text] = []
    for r in disagreements:
        if r.stated_gbp is None or r.computed_gbp is None or not set(r.provenance) <= cited:
            continue
        stated, computed = apart_places(r.stated_gbp, r.computed_gbp)
        said += [
            " It is stated both as ",
            figs.fig(r, "stated_gbp", "m", places=stated),
            " and as ",
            figs.fig(r, "computed_gbp", "m", places=computed),
            ": which is right?",
        ]
    return (*kept, *said, MORE_IN_PACK)


def apart_places(a: float, b: float) -> tuple[int, int]:
    """The places (one to three) at which each of two amounts in £m prints: the fewest at which they
    print apart (£10.07m, £10.1m), or more where that would round a sum printed to two places off
    what it is (£21.08m beside £21.8m, never £21.1m, which no document said)."""
    apart = next((p for p in (1, 2) if fmt.money_m(a, p) != fmt.money_m(b, p)), 3)
    return _whole_at(a, apart), _whole_at(b, apart)


def _whole_at(gbp: float, places: int) -> int:
    """The fewest places from `places` up to two that print the amount in £m unrounded (a sum
    printed in £m to two places); `places` for one that none does (£10,071.9k stays £10.1m)."""
    return next((p for p in range(places, 3) if abs(gbp / 1e6 - round(gbp / 1e6, p)) < 1e-9), places)


CAVEAT_WORDS = 30  # the most words of one caveat on the slide (render.slides.capped): the pack has them all
CAVEATS_NAMED = 3  # the rows, totals or figures a caveat names; it counts the rest
# The caveats that name files not read: by their names as uploaded, never cut short.
FILES_NOT_READ = ("Could not be read: ", "Read in part: ")


def caveats_slide(
    deck: PresentationType, review: Review, extraction: Extraction, sources: SourceIndex
) -> None:
    """The caveats on the evidence, from the records the pack's data-quality section reads
    (review.checks, the rows in doubt, the documents refused, read in part and not supplied), a
    line each: a document by what it is and its source ([S5]), but one not read by its file's name as
    uploaded, the one thing that names it."""
    slide = content_slide(deck, "Data quality and caveats", len(deck.slides) + 1)
    said = caveat_lines(review, extraction, sources)
    parts: list[Text] = []
    for i, line in enumerate(said):
        whole = line[0] in FILES_NOT_READ  # at most CAVEATS_NAMED names, each whole
        parts += ["\n" if i else "", "\u2022  ", *parts_of(line if whole else capped(line, CAVEAT_WORDS))]
    text_box(slide, MARGIN, BODY_TOP, BODY_W, BODY_BOTTOM - BODY_TOP, parts, size=16)
    provs = [p for r in review.reconciliations if r.code != "total_ok" for p in r.provenance]
    doubted = [p for r in review.rows_doubted for p in r.provenance]
    notes(slide, sources, provs + doubted + _missing_cited(review), CAVEATS_NOTE)


CAVEATS_NOTE = (
    "Each caveat is listed in full, with its sources, in the pack's data quality and caveats section."
)


def caveat_lines(review: Review, extraction: Extraction, sources: SourceIndex) -> list[tuple[Text, ...]]:
    """A sentence for each kind of caveat the pack's data-quality section gives."""
    figs = Figures.of(review, extraction)
    qy = views.quality(review, extraction)
    checks = review.checks
    lines: list[tuple[Text, ...]] = []
    # a file not read is named as it was uploaded: the name the council will look for
    if qy.failed:
        lines.append((FILES_NOT_READ[0], _named([as_uploaded(d.file) for d in qy.failed]), "."))
    if qy.partial:
        lines.append((FILES_NOT_READ[1], _named([as_uploaded(d.file) for d in qy.partial]), "."))
    open_ = [r for r in qy.mismatches if r.settled is None]
    one = checks.totals_not_reconciled == 1
    if checks.totals_not_reconciled:
        lines.append(
            (
                figs.fig(checks, "totals_not_reconciled", "count"),
                " of ",
                figs.fig(checks, "totals_checked", "count"),
                " totals checked does not reconcile with its lines: "
                if one
                else " totals checked do not reconcile with their lines: ",
                _named([r.subject for r in open_]),
                ".",
                f" {sources.cite([p for r in open_ for p in r.provenance])}".rstrip(),
            )
        )
    if checks.totals_confirmed:
        known = [r for r in qy.mismatches if r.settled == "confirmed"]
        lines.append(
            (
                figs.fig(checks, "totals_confirmed", "count"),
                " totals that do not reconcile with their lines, confirmed as printed by a reviewer: ",
                _named([r.subject for r in known]),
                ".",
                f" {sources.cite([p for r in known for p in r.provenance])}".rstrip(),
            )
        )
    elif checks.totals_checked and not checks.totals_not_reconciled:
        lines.append(
            ("Every one of the ", figs.fig(checks, "totals_checked", "count"), " totals checked reconciles.")
        )
    # a row in doubt because its lines do not add up to it is the total the line above names: one
    # error, said once; a row in doubt for another reason is said on its own
    reconciled = {r.provenance[0] for r in open_ if r.provenance}  # each mismatch's own total row first
    # a line the documents state otherwise (its own table's arithmetic holds) is said apart
    elsewhere = [r for r in review.rows_doubted if r.stated_otherwise]
    others = [r for r in review.rows_doubted if r.provenance[0] not in reconciled and not r.stated_otherwise]
    if others and len(others) == len(review.rows_doubted):
        lines.append(
            (
                figs.fig(review, "rows_in_doubt", "count"),
                " row contradicted by its table's arithmetic: "
                if review.rows_in_doubt == 1
                else " rows contradicted by their table's arithmetic: ",
                _named([r.label for r in others]),
                ".",
                f" {sources.cite([p for r in others for p in r.provenance])}".rstrip(),
            )
        )
    elif others:
        lines.append(
            _rows_line(
                others,
                "Also contradicted by its table's arithmetic: ",
                "Also contradicted by their tables' arithmetic: ",
                sources,
            )
        )
    if elsewhere:
        lines.append(
            _rows_line(
                elsewhere,
                "Contradicted by the documents elsewhere, though its own row's figures agree: ",
                "Contradicted by the documents elsewhere, though their own rows' figures agree: ",
                sources,
            )
        )
    if qy.disagreements:
        lines.append(
            (
                "Stated differently in two places: ",
                *_stated_two_ways(qy.disagreements, figs),
                ".",
                f" {sources.cite([p for r in qy.disagreements for p in r.provenance])}".rstrip(),
            )
        )
    if review.missing_documents:
        lines.append((f"Not supplied: {_missing_words(review, sources)}.",))
    if review.caveats:
        lines.append((f"{fmt.count(len(review.caveats), 'further caveat')} in the pack.",))
    return lines or [("No caveat on the evidence: every file was read and every total checked reconciles.",)]


def _rows_line(rows: Sequence[RowInDoubt], one: str, many: str, sources: SourceIndex) -> tuple[Text, ...]:
    """A caveat naming rows in doubt, worded for one or many, with their sources."""
    return (
        one if len(rows) == 1 else many,
        _named([r.label for r in rows]),
        ".",
        f" {sources.cite([p for r in rows for p in r.provenance])}".rstrip(),
    )


def as_uploaded(file: str) -> str:
    """A file's name as it was uploaded, without the folder a zip held it in: "budget_fake.xlsx"."""
    return file.rsplit("/", 1)[-1]


def _stated_two_ways(disagreements: list[Reconciliation], figs: Figures) -> list[Text]:
    """The first CAVEATS_NAMED figures stated differently, each with its two amounts (a doubt
    about a figure is said with the figures), and how many more."""
    parts: list[Text] = []
    for i, r in enumerate(disagreements[:CAVEATS_NAMED]):
        parts += ["; " if i else "", r.subject]
        if r.stated_gbp is not None and r.computed_gbp is not None:
            stated, computed = apart_places(r.stated_gbp, r.computed_gbp)
            parts += [
                " (",
                figs.fig(r, "stated_gbp", "m", places=stated),
                " and ",
                figs.fig(r, "computed_gbp", "m", places=computed),
                ")",
            ]
    more = len(disagreements) - CAVEATS_NAMED
    return [*parts, f"; and {more} more" if more > 0 else ""]


def _named(names: list[str]) -> str:
    """The first CAVEATS_NAMED names, and how many more."""
    more = len(names) - CAVEATS_NAMED
    return "; ".join(names[:CAVEATS_NAMED]) + (f"; and {more} more" if more > 0 else "")


def next_steps_slide(
    deck: PresentationType, review: Review, extraction: Extraction, sources: SourceIndex
) -> None:
    slide = content_slide(deck, "Next steps", len(deck.slides) + 1)
    steps = [
        "Agree the findings and correct any figure the council disputes, citing the source in the notes."
        if review.findings
        else "Test these findings in fieldwork and correct any figure the council disputes, citing the source.",
        "Test each line of enquiry with the person named, during fieldwork.",
        "Re-forecast the savings at risk 'as is' with budget holders and name an owner for each.",
    ]
    if review.missing_documents:
        steps.append(f"Request the documents not supplied: {_missing_words(review, sources)}.")
    failed = [as_uploaded(d.file) for d in review.documents if d.status == "failed" and not d.skipped]
    if failed:
        steps.append("Ask for readable copies of: " + ", ".join(failed) + ".")
    text_box(
        slide,
        MARGIN,
        BODY_TOP,
        BODY_W,
        BODY_BOTTOM - BODY_TOP,
        "\n".join(f"\u2022  {s}" for s in steps),
        size=16,
    )
    notes(
        slide, sources, _missing_cited(review), "Next steps follow from the caveats and the lines of enquiry."
    )


def _missing_words(review: Review, sources: SourceIndex) -> str:
    """The documents not supplied, those the documents cite grouped under the source citing them
    ([S5], listed in the notes): a slide names a document by what it is, never by a file's name."""
    if not review.documents_missing:
        return ", ".join(review.missing_documents)
    said = [m.name for m in review.documents_missing if m.why == "requested" or not m.provenance]
    by_cite: dict[str, list[str]] = {}
    for m in review.documents_missing:
        if m.why == "cited" and m.provenance:
            by_cite.setdefault(sources.cite(m.provenance), []).append(m.name)
    said += [f"{', '.join(cited)} {cite}" for cite, cited in by_cite.items()]
    return "; ".join(said)


def _missing_cited(review: Review) -> list[Provenance]:
    """Where the documents cite those not supplied (the sources `_missing_words` cites)."""
    return [p for m in review.documents_missing if m.why == "cited" for p in m.provenance]


def dsg_slide(deck: PresentationType, review: Review, extraction: Extraction, sources: SourceIndex) -> None:
    """The DSG and High Needs as the documents give them; what they do not give, said."""
    slide = content_slide(deck, "DSG and High Needs", len(deck.slides) + 1)
    dsg = review.dsg
    items = [
        i
        for i in (
            *dsg.in_year,
            dsg.cumulative_deficit,
            dsg.deficit_before_contributions,
            *dsg.plan_delivery,
            dsg.plan_target,
            *dsg.plan_conditions,
            *dsg.offsets,
            *dsg.reserve_drawdowns,
            *dsg.contributions_by_year,
            *dsg.stated_shares,
            dsg.override_end,
            dsg.plan,
            dsg.risk,
            dsg.reserve_view,
        )
        if i
    ]
    if not items:
        message(
            slide,
            "The documents received say nothing of the DSG or High Needs: ask for the DSG management plan.",
        )
        notes(slide, sources, [])
        return
    lines = dsg_lines(review, Figures.of(review, extraction))
    if dsg.not_found:
        lines.append(("Not in the documents: " + "; ".join(dsg.not_found) + ".",))
    parts: list[Text] = []
    for i, line in enumerate(lines):
        parts += ["\n" if i else "", "\u2022  ", *line]
    marked = any(p == views.STATED_MARK for line in lines for p in line)
    top = note_line(slide, views.STATED_NOTE if marked else "", lead="")
    text_box(slide, MARGIN, top, BODY_W, BODY_BOTTOM - top, parts, size=16)
    notes(slide, sources, [p for i in items for p in i.provenance], "The DSG is ring-fenced.")


def dsg_lines(review: Review, figs: Figures) -> list[tuple[Text, ...]]:
    """One sentence per DSG fact the documents give, each figure followed by its own record's
    standing as the pack's DSG section gives it (findings.dsg_mark: verified, or only the text
    states it, views.STATED_MARK, the slide saying once what the mark means)."""
    dsg = review.dsg
    lines: list[tuple[Text, ...]] = []
    status, rest = plan_delivery_words(review, figs)
    if status:  # the plan's delivery first: the DSG's headline
        lines.append(plan_sentence(status, rest))
    for item in dsg.in_year:
        amount = figs.fig(item, "amount_gbp", "m", sign="abs")
        when = item.year or "year not stated"
        draws = dsg_draw_words(dsg.reserve_drawdowns, item.year, figs)
        lines.append(
            (
                f"High Needs / DSG in {when}: ",
                amount,
                f" {item.words}",
                *draws,
                *dsg_mark(item),
                ".",
            )
        )
    if dsg.cumulative_deficit or dsg.deficit_before_contributions:
        lines.append(
            (
                *dsg_deficit_words(
                    dsg.cumulative_deficit, dsg.deficit_before_contributions, figs, quoted=False, marked=True
                ),
                *_deficit_history(dsg.cumulative_history, figs),
                ".",
            )
        )
    if dsg.offsets:
        lead = "Held or paid to offset the deficit (not summed): "
        lines.append((*dsg_offset_clause(dsg.offsets, None, figs, lead, marked=True), "."))
    if dsg.contributions_by_year:
        lines.append((*safety_valve_words(dsg, figs), "."))
    if dsg.stated_shares:
        lines.append((*share_words(dsg, figs), "."))
    if dsg.override_end:
        ends: tuple[Text, ...] = (
            "The documents say the statutory override ends ",
            figs.quote(dsg.override_end, "words"),
        )
        if dsg.override_consequence:  # what follows its end, as the pack's DSG section says it
            ends += (
                "; of what follows it, they say: \u201c",
                figs.quote(dsg.override_consequence, "words", 260),
                "\u201d",
            )
        lines.append((*ends, "."))
    if dsg.reserve_view:
        lines.append((*dsg_view_words(dsg.reserve_view, figs), "."))
    if dsg.plan:
        lines.append(("\u201c", figs.quote(dsg.plan, "text"), "\u201d"))
    if dsg.risk:
        lines.append(("Risk register: ", figs.quote(dsg.risk, "words"), "."))
    return lines


def _deficit_history(history: list[DsgItem], figs: Figures) -> list[Text]:
    """The cumulative deficit's earlier balances, as the pack's DSG section gives them (each with
    its date and mark): how fast it grew is half of what the figure says."""
    parts: list[Text] = []
    for i, h in enumerate(history):
        parts += ["; earlier, " if not i else ", ", figs.fig(h, "amount_gbp", "m")]
        parts += [f" at {h.words}" if h.words else "", *dsg_mark(h)]
    return parts


SLIDES: list[Callable[[PresentationType, Review, Extraction, SourceIndex], None]] = [
    title_slide,
    reviewers_slides,
    findings_slide,
    budget_slide,
    dsg_slide,
    dsg_lines_slide,
    savings_slide,
    mtfp_slide,
    budget_build_slide,
    benchmark_slide,
    scenarios_slide,
    enquiry_slide,
    caveats_slide,
    next_steps_slide,
]


def render_pptx(review: Review, extraction: Extraction) -> bytes:
    """The feedback deck as .pptx bytes, citing sources by the PDF pack's numbering."""
    deck = new_deck()
    sources = pack_sources(review, extraction)
    for build in SLIDES:
        build(deck, review, extraction, sources)
    out = io.BytesIO()
    deck.save(out)
    return out.getvalue()
