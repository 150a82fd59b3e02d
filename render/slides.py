"""The deck's template, built in code: a 16:9 page with a title rule, footer and speaker notes.

Building it here rather than committing a .pptx keeps the design reviewable as text. Arial is named
because reviewers open the deck in PowerPoint; LibreOffice substitutes Liberation Sans, which has
the same metrics.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Any

from lxml import etree
from pptx import Presentation
from pptx.chart.data import CategoryChartData
from pptx.dml.color import RGBColor
from pptx.enum.chart import (
    XL_CHART_TYPE,
    XL_LABEL_POSITION,
    XL_LEGEND_POSITION,
    XL_MARKER_STYLE,
    XL_TICK_LABEL_POSITION,
)
from pptx.enum.dml import MSO_LINE_DASH_STYLE, MSO_PATTERN
from pptx.enum.text import PP_ALIGN
from pptx.opc.constants import CONTENT_TYPE, RELATIONSHIP_TYPE
from pptx.opc.package import Part
from pptx.oxml.ns import qn
from pptx.presentation import Presentation as PresentationType
from pptx.slide import Slide
from pptx.util import Emu, Inches, Pt

from extract.records import Provenance
from render import fit, fmt
from render.refs import CUT, Fig, cuts, doubt_once
from render.sources import FILE_NAME, SourceIndex

NS_P = "http://schemas.openxmlformats.org/presentationml/2006/main"

FONT = "Arial"
NAVY = RGBColor(0x10, 0x32, 0x4F)
INK = RGBColor(0x1D, 0x2B, 0x36)
MUTED = RGBColor(0x5B, 0x67, 0x70)
LIGHT = RGBColor(0xEE, 0xF2, 0xF5)
GREYS = [NAVY, RGBColor(0x9F, 0xB0, 0xBD), RGBColor(0xFF, 0xFF, 0xFF), RGBColor(0x5B, 0x67, 0x70)]
PATTERNS = [None, MSO_PATTERN.WIDE_UPWARD_DIAGONAL, MSO_PATTERN.SMALL_CHECKER_BOARD, None]
LINES = [  # a line chart's lines: tone, dash and marker
    (NAVY, MSO_LINE_DASH_STYLE.SOLID, XL_MARKER_STYLE.CIRCLE),
    (MUTED, MSO_LINE_DASH_STYLE.DASH, XL_MARKER_STYLE.SQUARE),
    (GREYS[1], MSO_LINE_DASH_STYLE.ROUND_DOT, XL_MARKER_STYLE.TRIANGLE),
]
WIDTH, HEIGHT = Inches(13.333), Inches(7.5)
MARGIN = Inches(0.6)
BODY_TOP = Inches(1.35)
BODY_W = WIDTH - 2 * MARGIN
FOOTER_TOP = HEIGHT - Inches(0.45)  # the footer's top: nothing on a slide's body may pass it
BODY_BOTTOM = FOOTER_TOP - Inches(0.1)
NUMBER_W = Inches(1.15)  # a table's number column
MIN_ROW = Inches(0.32)  # a table row's least height
HEADLINE_H = Inches(0.8)  # a slide's one-sentence message under its title (set smaller to fit)
UNDER_HEADLINE = BODY_TOP + HEADLINE_H + Inches(0.05)  # where a slide's content under it starts
# A chart's £m labels: one place, and a second where the value has one (a half: fmt.money_m's £5.05m).
MONEY_M = '£#,##0.0#"m"'
SIGNED_M = '+£#,##0.0#"m";-£#,##0.0#"m";£#,##0.0#"m"'  # with the sign spelled out (fmt.signed_m)
# The pack's fills (render.charts.STYLES) as a deck chart draws them: pattern (or None) and tone.
STYLE_FILLS = {
    "solid": (None, NAVY),
    "hatch": (MSO_PATTERN.WIDE_UPWARD_DIAGONAL, NAVY),
    "light": (None, GREYS[1]),
    "dots": (MSO_PATTERN.SMALL_CHECKER_BOARD, NAVY),
    "outline": (None, GREYS[2]),
    "cross": (MSO_PATTERN.SMALL_GRID, NAVY),
}


@dataclass(frozen=True)
class BarSettings:
    """A bar chart's allowances for its category names and value labels, each named."""

    name_share: float = 0.4  # the most of a chart's width its category names take (longer ones wrap)
    name_size: float = 10  # the category names' size, in points (tidy_axes)
    label_size: float = 11  # the value labels' size, in points (the chart's font)
    padding: int = Inches(0.45)  # the chart's own margins and the gap between the names and the bars
    label_gap: int = Inches(0.12)  # between a bar's end and its label
    labels_apart: int = Inches(0.05)  # the least space between two column labels side by side
    most_share: float = 0.6  # the most of the axis kept for a label: past it the bars would be slivers
    column_share: float = 0.3  # the axis kept under a column chart's lowest column for its label


BARS = BarSettings()
COLUMN_GAP = 60  # the gap between a column chart's groups, as a share (%) of one column's width
COLUMN_OVERLAP = -8  # a small gap between a group's columns (%, negative), which keeps labels apart
Text = str | Fig  # a part of a shape's text: words, or a figure written through render.refs.Figures
Cell = Text | tuple[Text, ...]  # a table cell: one part, or words and figures in a row


def parts_of(cell: Cell) -> tuple[Text, ...]:
    return cell if isinstance(cell, tuple) else (cell,)


def shown(cell: Cell) -> str:
    """A cell's or text's printed text."""
    return "".join(str(p) for p in parts_of(cell))


# A table cell past this many words keeps its first whole sentences and says the rest is in the
# pack (`capped`): a slide is read across a room, the pack holds the full text.
CELL_WORDS = 50
MORE_IN_PACK = " More in the pack."
# The most words one slide's table holds: a longer table goes on to another slide (`table_pages`)
# rather than crowd this one or be set smaller.
TABLE_WORDS = 200
CITATION = re.compile(r"\s*\[S\d+(?:, (?:S|\+)\d+)*\]\s*")  # a source label, render.sources' cite


def capped(cell: Cell, most: int = CELL_WORDS) -> Cell:
    """The cell as a slide's table shows it: where it runs past `most` words or names a file, its
    first whole sentences (failing those, clauses, the cut marked "…") that stop short of both, then
    that the rest is in the pack; its closing source label always kept. Where no sentence or clause
    ends within the limit, its shortest one runs past it: a cell is never cut mid-sentence where it
    has a sentence end. One with none at all keeps its words up to the limit, cut at a word ("..."),
    save a question naming no file: what is asked is shown whole or not at all, so it keeps all its
    words."""
    parts = list(parts_of(cell))
    tail = parts[-1:] if isinstance(parts[-1], str) and CITATION.fullmatch(parts[-1]) else []
    body = parts[: len(parts) - len(tail)]
    named = FILE_NAME.search(shown(tuple(body)))
    if not named and _words(parts) <= most:
        return cell
    text = shown(tuple(body))
    stop = _name_start(text, named.start()) if named else len(text)
    # A question is cut only at its own sentence ends, never at a clause or inside what it quotes. A
    # cell with its source label is evidence, not a question, even where its last reason asks one
    # (a flag's "... does that risk bear on the saving?"): cut at its clauses, that question goes whole.
    question = not named and not tail and text.rstrip().endswith("?")
    sentences = cuts(body, cut_quotes=not question)
    clauses = [] if question else cuts(body, ";", "\u2026", cut_quotes=True)[::-1]
    # longest first: a quotation may be cut too (cut_quotes), never another figure
    for kept in sentences[::-1] + clauses:
        if len(shown(tuple(kept))) <= stop and _words([*kept, MORE_IN_PACK, *tail]) <= most:
            return (*kept, MORE_IN_PACK, *tail)
    if question:
        return cell
    # None within the limit: the shortest whole sentence or clause before the file's name, a little
    # past the limit rather than cut mid-sentence (the table's pages are measured by what it holds).
    ended = [k for k in [*sentences, *clauses] if len(shown(tuple(k))) <= stop]
    if ended:
        return (*min(ended, key=_words), MORE_IN_PACK, *tail)
    room = min(most - _words([MORE_IN_PACK, *tail]), len(text[:stop].split()) - 1)
    return (*_first_words(body, room), MORE_IN_PACK, *tail)


def _name_start(text: str, extension: int) -> int:
    """Where the file name ending at `extension` starts: after the bracket, colon, quotation mark
    or sentence end before it (a file's name may hold spaces)."""
    found = [(text.rfind(m, 0, extension), len(m)) for m in ("(", "[", ":", '"', "\u201c", ". ")]
    return max((at + size for at, size in found if at >= 0), default=0)


def _words(parts: Sequence[Text]) -> int:
    return len(shown(tuple(parts)).split())


def _first_words(parts: Sequence[Text], most: int) -> list[Text]:
    """The parts up to `most` words, the part that passes it cut at a word and ended "..." (a
    figure is never cut: the parts stop before it)."""
    kept: list[Text] = []
    for part in parts:
        room = most - _words(kept)
        if len(str(part).split()) <= room:
            kept.append(part)
            continue
        cut = " ".join(str(part).split()[:room]) + CUT if room > 0 else ""
        if isinstance(part, str) and cut:
            kept.append(cut)
        elif isinstance(part, Fig) and part.cuttable and cut:
            kept.append(replace(part, text=cut))
        break
    return kept


def figs_in(cells: Sequence[Cell]) -> list[Fig]:
    return [p for cell in cells for p in parts_of(cell) if isinstance(p, Fig)]


def new_deck() -> PresentationType:
    deck = Presentation()
    deck.slide_width, deck.slide_height = WIDTH, HEIGHT
    return deck


def text_box(
    slide: Slide,
    left: int,
    top: int,
    width: int,
    height: int,
    text: str | Sequence[Text],
    size: float = 14,
    bold: bool = False,
    color: RGBColor = INK,
    align: PP_ALIGN = PP_ALIGN.LEFT,
) -> Any:
    """A text box; text too long for it at `size` is set smaller, down to 8 pt, so that it fits.
    Given as parts, its figures (`Fig`s) are named in the shape's tag (`tag`), each doubt said
    once a sentence (render.refs.doubt_once)."""
    parts = (text,) if isinstance(text, str) else doubt_once(text)
    text = shown(parts)
    size = fit.largest_size_that_fits(text, width, height, size, bold)
    shape = slide.shapes.add_textbox(Emu(left), Emu(top), Emu(width), Emu(height))
    tag(shape, figs_in(parts))
    frame = shape.text_frame
    frame.word_wrap = True
    for i, line in enumerate(text.split("\n")):
        para = frame.paragraphs[0] if i == 0 else frame.add_paragraph()
        para.alignment = align
        para.space_after = Pt(size * fit.FIT.space_after)
        run = para.add_run()
        run.text = line
        run.font.name, run.font.size, run.font.bold = FONT, Pt(size), bold
        run.font.color.rgb = color
    return shape


REFS_TAG = "reviewpack-refs"  # the name of the shape tag that lists a shape's figures


def tag(shape: Any, figs: Sequence[Fig], description: str = "") -> None:
    """Name the figures a shape shows in a shape tag, PowerPoint's own place for a program's data
    about a shape: the shape's `p:nvPr/p:custDataLst/p:tags r:id` points to a `ppt/tags/tagN.xml`
    part holding `p:tagLst/p:tag name="reviewpack-refs"` whose value is a JSON list of
    {"ref", "unit", "sign", "text"}: each figure's printed text with the pack's data-ref and
    data-unit (render.refs), so a checker can read each back against its value. The shape's alt
    text (`p:cNvPr/@descr`, what a screen reader reads out) is `description`, in words."""
    if description:
        shape._element.xpath("./*[1]/p:cNvPr")[0].set("descr", description)
    if not figs:
        return
    value = json.dumps([{"ref": f.ref, "unit": f.unit, "sign": f.sign, "text": f.text} for f in figs])
    tags = etree.Element(qn("p:tagLst"), nsmap={"p": NS_P})
    etree.SubElement(tags, qn("p:tag"), name=REFS_TAG, val=value)
    slide_part = shape.part
    package = slide_part.package
    part = Part(
        package.next_partname("/ppt/tags/tag%d.xml"),
        CONTENT_TYPE.PML_TAGS,
        package,
        etree.tostring(tags, xml_declaration=True, encoding="UTF-8", standalone=True),
    )
    r_id = slide_part.relate_to(part, RELATIONSHIP_TYPE.TAGS)
    nv_pr = shape._element.xpath("./*[1]/p:nvPr")[0]
    data = etree.Element(qn("p:custDataLst"))
    etree.SubElement(data, qn("p:tags")).set(qn("r:id"), r_id)
    ext = nv_pr.find(qn("p:extLst"))  # the schema puts custDataLst before any extLst
    if ext is None:
        nv_pr.append(data)
    else:
        ext.addprevious(data)


def headline(slide: Slide, text: str | Sequence[Text]) -> None:
    """The slide's one-sentence message, under its title."""
    text_box(slide, MARGIN, BODY_TOP, BODY_W, HEADLINE_H, text, size=16, bold=True)


def message(slide: Slide, text: str | Sequence[Text], top: int = BODY_TOP) -> None:
    """Plain words where a slide has no data to show."""
    text_box(slide, MARGIN, top, BODY_W, Inches(1), text, size=16)


def content_slide(deck: PresentationType, title: str, number: int) -> Slide:
    """A blank slide with the house title, rule and footer."""
    slide = deck.slides.add_slide(deck.slide_layouts[6])
    text_box(slide, MARGIN, Inches(0.35), BODY_W, Inches(0.7), title, size=26, bold=True, color=NAVY)
    rule = slide.shapes.add_connector(1, MARGIN, Inches(1.1), WIDTH - MARGIN, Inches(1.1))
    rule.line.color.rgb, rule.line.width = NAVY, Pt(1.5)
    text_box(
        slide,
        MARGIN,
        FOOTER_TOP,
        Inches(8),
        Inches(0.3),
        "Sources for every figure are in the speaker notes",
        size=9,
        color=MUTED,
    )
    text_box(
        slide,
        WIDTH - MARGIN - Inches(1),
        FOOTER_TOP,
        Inches(1),
        Inches(0.3),
        str(number),
        size=9,
        color=MUTED,
        align=PP_ALIGN.RIGHT,
    )
    return slide


def notes(slide: Slide, sources: SourceIndex, provs: Sequence[Provenance], lead: str = "") -> None:
    """Speaker notes: what the slide says, then each source with file, page, locator and text."""
    numbers = sorted({sources.add(p).number for p in provs})
    lines = [lead] if lead else []
    lines += ["Sources:"] if numbers else ["No document figures on this slide."]
    for s in (sources.sources[n - 1] for n in numbers):
        lines.append(f'[{s.label}] {s.name}, {s.where}: "{s.text[:200]}"')
    frame = slide.notes_slide.notes_text_frame
    if frame is not None:  # python-pptx's own notes slides always have a body placeholder
        frame.text = "\n".join(lines)


def column_widths(columns: int, width: int, numeric: Sequence[int] = ()) -> list[int]:
    """Numbers take what they need; the words share the rest."""
    text_cols = [c for c in range(columns) if c not in numeric]
    numeric_w = NUMBER_W * len(numeric) if text_cols else 0
    return [
        NUMBER_W if c in numeric and text_cols else (width - numeric_w) // max(len(text_cols), 1)
        for c in range(columns)
    ]


def row_heights(rows: Sequence[Sequence[Cell]], width: int, numeric: Sequence[int], size: float) -> list[int]:
    """Each row's height as `table` shows it (its cells `capped`)."""
    rows = [[capped(c) for c in row] for row in rows]
    widths = column_widths(len(rows[0]), width, numeric)
    return [
        max(MIN_ROW, fit.row_height([shown(c) for c in row], widths, size, r == 0))
        for r, row in enumerate(rows)
    ]


def table_pages(
    rows: Sequence[Sequence[Cell]], width: int, room: int, numeric: Sequence[int] = (), size: float = 11
) -> list[list[Sequence[Cell]]]:
    """The rows split into tables that each fit `room` EMU of height, the header repeated on each,
    and shared evenly between as few slides as hold them (no slide left with a single row that fits
    on the slide before). Cells
    are measured as `table` shows them (`capped`)."""
    heights = row_heights(rows, width, numeric, size)
    sizes = [
        (h, sum(len(shown(capped(c)).split()) for c in row)) for h, row in zip(heights, rows, strict=True)
    ]
    fewest = _paged(rows, sizes, room, len(rows))
    if len(fewest) == 1:
        return fewest
    even = _paged(rows, sizes, room, -(-(len(rows) - 1) // len(fewest)))
    return _lone_row_joined(even if len(even) == len(fewest) else fewest, heights, room)


def _lone_row_joined(
    pages: list[list[Sequence[Cell]]], heights: list[int], room: int
) -> list[list[Sequence[Cell]]]:
    """The last slide's single row moved onto the slide before where it fits there by height: a
    slide of one row reads as a stray, so TABLE_WORDS (a reading limit, not a space one) gives way."""
    if len(pages) < 2 or len(pages[-1]) != 2:
        return pages
    start = 1 + sum(len(p) - 1 for p in pages[:-2])  # the first body row of the slide before
    if heights[0] + sum(heights[start : start + len(pages[-2])]) > room:
        return pages
    return [*pages[:-2], [*pages[-2], pages[-1][1]]]


def _paged(
    rows: Sequence[Sequence[Cell]], sizes: Sequence[tuple[int, int]], room: int, most: int
) -> list[list[Sequence[Cell]]]:
    """Rows in order onto slides of at most `room` EMU, TABLE_WORDS words and `most` body rows
    each (`sizes`: each row's height and words)."""
    header, body = rows[0], list(rows[1:])
    pages: list[list[Sequence[Cell]]] = [[header]]
    used, said = sizes[0]
    for row, (height, words) in zip(body, sizes[1:], strict=True):
        full = used + height > room or said + words > TABLE_WORDS or len(pages[-1]) > most
        if full and len(pages[-1]) > 1:
            pages.append([header])
            used, said = sizes[0]
        pages[-1].append(row)
        used, said = used + height, said + words
    return pages


def table(
    slide: Slide,
    rows: Sequence[Sequence[Cell]],
    left: int,
    top: int,
    width: int,
    numeric: Sequence[int] = (),
    size: float = 11,
    description: str = "",
) -> int:
    """A real table; the first row is the header, columns in `numeric` are right-aligned. Each
    row is as tall as its text needs (measured); returns the table's bottom edge. Its cells'
    figures (`Fig`s) are named in the table's tag; `description` (what the table holds, in words)
    is its alt text. A cell too long for a slide keeps its first sentences (`capped`)."""
    rows = [[capped(c) for c in row] for row in rows]
    heights = row_heights(rows, width, numeric, size)
    shape = slide.shapes.add_table(
        len(rows), len(rows[0]), Emu(left), Emu(top), Emu(width), Emu(sum(heights))
    )
    tag(shape, [f for row in rows for f in figs_in(row)], f"Table: {description}" if description else "")
    for c, w in enumerate(column_widths(len(rows[0]), width, numeric)):
        shape.table.columns[c].width = Emu(w)
    for r, row in enumerate(rows):
        shape.table.rows[r].height = Emu(heights[r])
        for c, value in enumerate(row):
            cell = shape.table.cell(r, c)
            cell.text = shown(value)
            cell.margin_left = cell.margin_right = Emu(fit.FIT.inset_x)
            cell.margin_top = cell.margin_bottom = Emu(fit.FIT.inset_y)
            for para in cell.text_frame.paragraphs:
                para.alignment = PP_ALIGN.RIGHT if c in numeric else PP_ALIGN.LEFT
                for run in para.runs:
                    run.font.name, run.font.size, run.font.bold = FONT, Pt(size), r == 0
                    run.font.color.rgb = RGBColor(0xFF, 0xFF, 0xFF) if r == 0 else INK
            cell.fill.solid()
            cell.fill.fore_color.rgb = (
                NAVY if r == 0 else (LIGHT if r % 2 == 0 else RGBColor(0xFF, 0xFF, 0xFF))
            )
    return top + sum(heights)


def chart(
    slide: Slide,
    kind: XL_CHART_TYPE,
    categories: Sequence[str],
    series: Sequence[tuple[str, Sequence[float | None]]],
    box: tuple[int, int, int, int],
    title: str,
    number_format: str = MONEY_M,
    figs: Sequence[Fig] = (),
    styles: Sequence[str] = (),
) -> None:
    """A native chart with its data inside; series differ by pattern as well as tone (greyscale-safe),
    each in the pack's fill named in `styles` where given (STYLE_FILLS), so that a hatch means on a
    slide what it means in the pack. `figs` are the figures its data labels show (each point's value
    as printed, with its ref), named in the chart's tag as a table's are. A bar chart's category
    names wrap to BARS.name_share of its width."""
    data = CategoryChartData(number_format=number_format)
    across = kind == XL_CHART_TYPE.BAR_CLUSTERED  # bars run across, their names at their left
    data.categories = [wrapped(c, box[2]) for c in categories] if across else list(categories)
    for name, values in series:
        data.add_series(name, list(values))
    left, top, width, height = (Emu(v) for v in box)
    # python-pptx's stubs name ChartData, but category data is what its bar and line charts take
    frame: Any = slide.shapes.add_chart(kind, left, top, width, height, data)  # type: ignore[arg-type]
    tag(frame, figs, f"Chart: {title}")
    graphic = frame.chart
    graphic.has_title = True
    graphic.chart_title.text_frame.text = title
    graphic.chart_title.text_frame.paragraphs[0].runs[0].font.size = Pt(13)
    graphic.font.name, graphic.font.size = FONT, Pt(11)
    graphic.has_legend = len(series) > 1
    if graphic.has_legend:
        graphic.legend.position, graphic.legend.include_in_layout = XL_LEGEND_POSITION.TOP, False
    plot = graphic.plots[0]
    if kind != XL_CHART_TYPE.LINE_MARKERS:
        plot.gap_width, plot.overlap = COLUMN_GAP, COLUMN_OVERLAP
        if all(sum(vs[c] is not None for _, vs in series) <= 1 for c in range(len(categories))):
            plot.overlap = (
                100  # series that never share a category (overspends, underspends) take one bar's place
            )
    plot.has_data_labels = True
    plot.data_labels.number_format, plot.data_labels.number_format_is_linked = number_format, False
    if kind == XL_CHART_TYPE.COLUMN_CLUSTERED:
        plot.data_labels.font.size = Pt(column_label_size(len(categories), len(series), box[2], figs))
    plot.data_labels.position = (
        XL_LABEL_POSITION.OUTSIDE_END if kind != XL_CHART_TYPE.LINE_MARKERS else XL_LABEL_POSITION.ABOVE
    )
    for i, s in enumerate(plot.series):
        style_series(s, i, kind, styles[i] if styles else None)
    own_labels(plot, series, number_format)
    if kind == XL_CHART_TYPE.LINE_MARKERS:
        away_from_the_others(plot.series[0], series)
        for s, (_, values) in zip(list(plot.series)[1:], series[1:], strict=True):
            end_label(s, values, number_format)
    tidy_axes(graphic, kind)
    points = [v for _, vs in series for v in vs if v is not None]
    if kind != XL_CHART_TYPE.LINE_MARKERS and points and min(points) < 0:
        # room beyond the lowest bar for its label, which would otherwise sit on the category names
        lowest, highest = min(points), max(max(points), 0)
        share = label_share(categories, box, figs) if across else BARS.column_share
        graphic.value_axis.minimum_scale = lowest - share * (highest - lowest) / (1 - share)


# The £m formats' writers (render.fmt): a point one of these formats would show as none, though it
# is not, is labelled with the writer's words for it instead (£45k, where the format shows £0.0m).
M_WRITERS = {MONEY_M: fmt.money_m, SIGNED_M: fmt.signed_m}


def own_labels(plot: Any, series: Sequence[tuple[str, Sequence[float | None]]], number_format: str) -> None:
    """Each point whose £m value fmt writes in £k or £ (too small for £m) labelled with fmt's text."""
    write = M_WRITERS.get(number_format)
    if write is None:
        return
    for shown, (_, values) in zip(plot.series, series, strict=True):
        for i, value in enumerate(values):
            text = write(value * 1e6) if value else ""
            if text and not text.endswith("m"):
                label = shown.points[i].data_label
                label.text_frame.text = text
                literal_format(label, text)
                label.text_frame.paragraphs[0].runs[0].font.size = plot.data_labels.font.size
                label.position = plot.data_labels.position
                # the series' own labels, made with the point's, show the rest as the plot's do
                labels = shown.data_labels
                labels.show_value, labels.position = True, plot.data_labels.position
                labels.number_format, labels.number_format_is_linked = number_format, False


def literal_format(label: Any, text: str) -> None:
    """A point's label written in words of its own (£12k) also carries them as its number format (a
    literal, in each of a format's three sections, so that no sign is added), so that a reader that
    shows the value by its format rather than the label's text shows the same words, not the
    unrounded value the bar is drawn to."""
    dlbl = label._get_or_add_dLbl()
    for old in dlbl.findall(qn("c:numFmt")):
        dlbl.remove(old)
    literal = '"{}"'.format(text.replace('"', ""))
    fmt_el = etree.Element(qn("c:numFmt"), formatCode=";".join([literal] * 3), sourceLinked="0")
    tx = dlbl.find(qn("c:tx"))
    if tx is not None:
        tx.addnext(fmt_el)
    else:
        dlbl.idx.addnext(fmt_el)


def wrapped(name: str, width: int) -> str:
    """A bar's category name broken into lines at spaces, each within BARS.name_share of the
    chart's `width`, so that the names leave the bars their room (PowerPoint wraps them otherwise
    as it likes, LibreOffice not at all)."""
    room = int(width * BARS.name_share)
    lines: list[str] = []
    for word in name.split(" "):
        if lines and fit.text_width(f"{lines[-1]} {word}", BARS.name_size) <= room:
            lines[-1] = f"{lines[-1]} {word}"
        else:
            lines.append(word)
    return "\n".join(lines)


def column_label_size(categories: int, series: int, width: int, figs: Sequence[Fig]) -> float:
    """The size of a column chart's value labels at which the widest (of `figs`, the labels shown)
    fits the step from one column's middle to the next's, a gap to spare, so that labels of columns
    side by side never run together ("£0.75m£0.75m"): from BARS.label_size down by half points to 8.
    A group's columns share its width with the gap after it (plot.gap_width, plot.overlap)."""
    per_group = max(width - BARS.padding, 1) / max(categories, 1)
    apart = -COLUMN_OVERLAP / 100  # the space between a group's columns, as a share of one
    column = per_group / (series + COLUMN_GAP / 100 + (series - 1) * apart)
    step = column * (1 + apart) if series > 1 else per_group
    size = BARS.label_size
    widest = max((str(f) for f in figs), key=lambda t: fit.text_width(t, size), default="")
    while size > 8 and fit.text_width(widest, size) + BARS.labels_apart > step:
        size -= 0.5
    return size


def label_share(categories: Sequence[str], box: tuple[int, int, int, int], figs: Sequence[Fig]) -> float:
    """The share of a bar chart's value axis kept past its lowest bar, so that the bar's label (the
    widest of `figs`, the labels shown) fits between it and the category names: the plot's width is
    the chart's less its names' (as `wrapped` sets them) and margins."""
    width = box[2]
    lines = [line for c in categories for line in wrapped(c, width).split("\n")]
    names = max((fit.text_width(line, BARS.name_size) for line in lines), default=0)
    plot = max(width - names - BARS.padding, 1)
    label = max((fit.text_width(str(f), BARS.label_size) for f in figs), default=0) + BARS.label_gap
    return min(label / plot, BARS.most_share)


def away_from_the_others(line: Any, series: Sequence[tuple[str, Sequence[float | None]]]) -> None:
    """The first line's labels each on the side with more room before the nearest other line at
    that point (below where it runs under them all, above where over), so that no line strikes
    through a label."""
    first, others = series[0][1], [vs for _, vs in series[1:]]
    for i, value in enumerate(first):
        there = [x for v in others if i < len(v) and (x := v[i]) is not None]
        if value is None or not there:
            continue
        above = min((v - value for v in there if v > value), default=math.inf)
        below = min((value - v for v in there if v <= value), default=math.inf)
        line.points[i].data_label.position = (
            XL_LABEL_POSITION.BELOW if below > above else XL_LABEL_POSITION.ABOVE
        )


def tidy_axes(graphic: object, kind: XL_CHART_TYPE) -> None:
    """Bars are labelled with their values, so the value axis and gridlines only add clutter."""
    value_axis = graphic.value_axis  # type: ignore[attr-defined]
    value_axis.has_major_gridlines = False
    value_axis.visible = False
    value_axis.tick_labels.font.size = Pt(9)
    category_axis = graphic.category_axis  # type: ignore[attr-defined]
    category_axis.tick_label_position = XL_TICK_LABEL_POSITION.LOW
    category_axis.tick_labels.font.size = Pt(10)
    if kind == XL_CHART_TYPE.BAR_CLUSTERED:
        category_axis.reverse_order = True  # first category at the top, as a table reads


def end_label(series: Any, values: Sequence[float | None], number_format: str) -> None:
    """Lines after the first are labelled at their last point only, to its right, as the pack's
    line charts are (render.charts.line_chart): the first line's every point is labelled."""
    labels = series.data_labels
    labels.show_value = False
    labels.number_format, labels.number_format_is_linked = number_format, False
    last = max((i for i, v in enumerate(values) if v is not None), default=None)
    if last is not None:
        series.points[last].data_label.position = XL_LABEL_POSITION.RIGHT


def style_series(series: object, i: int, kind: XL_CHART_TYPE, style: str | None = None) -> None:
    fmt = series.format  # type: ignore[attr-defined]
    if kind == XL_CHART_TYPE.LINE_MARKERS:
        # lines differ by dash and marker as well as tone, so they read in greyscale
        color, dash, marker = LINES[i % len(LINES)]
        fmt.line.color.rgb, fmt.line.width = color, Pt(2.25 if i == 0 else 1.5)
        fmt.line.dash_style = dash
        series.marker.style, series.marker.size = marker, 7  # type: ignore[attr-defined]
        series.marker.format.fill.solid()  # type: ignore[attr-defined]
        series.marker.format.fill.fore_color.rgb = color  # type: ignore[attr-defined]
        series.marker.format.line.color.rgb = color  # type: ignore[attr-defined]
        return
    pattern, tone = STYLE_FILLS[style] if style else (PATTERNS[i % len(PATTERNS)], GREYS[i % len(GREYS)])
    if pattern is None:
        fmt.fill.solid()
        fmt.fill.fore_color.rgb = tone
    else:
        fmt.fill.patterned()
        fmt.fill.pattern = pattern
        fmt.fill.fore_color.rgb, fmt.fill.back_color.rgb = NAVY, RGBColor(0xFF, 0xFF, 0xFF)
    fmt.line.color.rgb = INK
