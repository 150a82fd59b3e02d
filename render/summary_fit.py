"""The executive summary keeps to its page: which headline cards fit it, measured with the pack's
font (Liberation Sans, render.fit) at the sizes render/static/pack.css sets, and which go to their
sections with a pointer.

The cards are ranked (render.findings.FINDERS' order, the caveats on the evidence last); those
that fit the page are kept in rank order, the caveats always among them, since the rest stand on
them. A card left out is still said in full in its own section; the summary names it there.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from markupsafe import Markup

from render import views
from render.findings import Finding, Part, card_parts
from render.fit import font

MM = 72 / 25.4  # points in a millimetre


@dataclass(frozen=True)
class SummaryPage:
    """The summary page's geometry, in millimetres and points, as render/static/pack.css sets it
    (kept in step with it: tests/test_render_summary_fit.py renders the summary to check)."""

    page_height: float = 297 - 20 - 20  # A4 less the page's top and bottom margins (@page)
    page_width: float = 210 - 17 - 17  # A4 less the left and right margins
    heading: float = 16 * 1.2 / MM + 4 + 2 + 0.6  # h2: one line, its rule, padding and margin below
    lead_line: float = 10.5 * 1.38 / MM  # .lead: a line of 10.5pt
    lead_lines: int = 1  # the template's lead is one line
    lead_after: float = 2.5  # p's margin below
    figure_width: float = 36  # ol.findings .figure's column
    gap: float = 5  # between the figure and the text
    card_padding: float = 2 * 3.5 + 0.2  # a card's padding above and below, and its rule
    figure_size: float = 19  # the big figure, bold, line-height 1.1
    title_size: float = 11  # h3, bold, line-height 1.2, 1mm below
    title_after: float = 1
    text_size: float = 9.5  # the detail, line-height 1.38
    text_leading: float = 1.38
    cite_size: float = 7  # .cite
    cite_label: str = "S88"  # a source label as wide as most the summary prints
    note_size: float = 8.2  # .note: the pointer to the cards left out
    note_above: float = 2.5  # the space the list of cards leaves above it
    spare: float = 4  # kept free against the measure's error (a word's kerning, a line's rounding)

    @property
    def text_width(self) -> float:
        return self.page_width - self.figure_width - self.gap


PAGE = SummaryPage()


def _width(text: str, size: float, bold: bool = False) -> float:
    """The width of text, in millimetres."""
    return font(size, bold).getlength(text) / 100 / MM


def _lines(words: Sequence[tuple[str, float, bool]], width: float) -> int:
    """How many lines words (each with its size and weight) take in a column `width` mm wide,
    wrapping at spaces; a word wider than the column takes as many lines as it spans."""
    lines, used = 1, 0.0
    for word, size, bold in words:
        w = _width(word, size, bold)
        space = _width(" ", size, bold) if used else 0.0
        if used and used + space + w > width:
            lines, used = lines + 1, 0.0
            space = 0.0
        used += space + w
        while used > width:
            lines, used = lines + 1, used - width
    return lines


def _plain(parts: Sequence[Part]) -> str:
    return "".join(Markup(p.__html__()).striptags() if hasattr(p, "__html__") else str(p) for p in parts)


def _cite(f: Finding, page: SummaryPage) -> str:
    """The card's citation as wide as it may print: up to four labels and a count of the rest."""
    n = len(set(f.provenance))
    labels = [page.cite_label] * min(n, 4) + (["+88"] if n > 4 else [])
    return f"[{', '.join(labels)}]" if labels else ""


def card_height(f: Finding, page: SummaryPage = PAGE) -> float:
    """The height, in mm, a card takes in the summary: its figure's column or its text's, the
    taller, with its padding."""
    fig = _lines([(w, page.figure_size, True) for w in str(f.big_figure).split()], page.figure_width)
    figure = fig * page.figure_size * 1.1 / MM
    title = _lines([(w, page.title_size, True) for w in f.title.split()], page.text_width)
    body = [(w, page.text_size, False) for w in _plain([*card_parts(f), *f.pack_only]).split()]
    body += [(w, page.cite_size, False) for w in _cite(f, page).split()]
    text = (
        title * page.title_size * 1.2 / MM
        + page.title_after
        + _lines(body, page.text_width) * page.text_size * page.text_leading / MM
    )
    return max(figure, text) + page.card_padding


POINTER = (
    "Further findings, left out of this summary to keep it to its page, each set out in its own section: "
)


def pointer_height(left: Sequence[Finding], page: SummaryPage = PAGE) -> float:
    """The height, in mm, of the note naming the cards left out, each with its section (the
    template's words, POINTER, then each card's title and its section's title)."""
    if not left:
        return 0.0
    words = POINTER + "; ".join(f"{f.title} ({views.SECTIONS.get(f.section, '')})" for f in left) + "."
    lines = _lines([(w, page.note_size, False) for w in words.split()], page.page_width)
    return lines * page.note_size * page.text_leading / MM + page.note_above


def summary_cards(found: Sequence[Finding], page: SummaryPage = PAGE) -> tuple[list[Finding], list[Finding]]:
    """The cards the summary's page holds, in rank order, and those left to their sections (each
    named in a note below the cards): the most cards, first by rank, that fit the page with the
    note, the last card (the caveats on the evidence, where there are any:
    render.findings.headline_findings puts them last) always among them."""
    room = page.page_height - page.heading - page.lead_lines * page.lead_line - page.lead_after - page.spare
    heights = [card_height(f, page) for f in found]
    if sum(heights) <= room:
        return list(found), []
    last = 1 if found[-1].section == "quality" else 0
    ranked, kept_last = list(found[: len(found) - last]), list(found[len(found) - last :])
    room -= sum(heights[len(found) - last :])
    for n in range(len(ranked), -1, -1):
        if sum(heights[:n]) + pointer_height(ranked[n:], page) <= room:
            break
    return [*ranked[:n], *kept_last], ranked[n:]
