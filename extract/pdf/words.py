"""Words, text lines and ruling lines of one PDF page, read with pdfium.

pdfium is used for every page because it is an order of magnitude faster than pdfminer: the
whole text of a 100-page bundle is read in well under a second, so the expensive table analysis
can be kept for the pages that need it. Coordinates are PDF points from the page's top-left
corner as displayed (rotation and crop box applied), the contract's `[x0, top, x1, bottom]`.
"""

from __future__ import annotations

import ctypes
import math
from dataclasses import dataclass, field
from functools import cached_property

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from ingest.safe_text import clean_text

# A space wider than this share of the font size splits words that pdfium ran together.
WORD_GAP = 0.25
HEADING_WORDS = 10  # longer lines are prose or rows, never a section heading
FORCE_BOLD = 1 << 18  # PDF font descriptor flag
BREAKS = {" ", "\t", "\r", "\n", "\xa0", "\x00", "\ufffe", "\x02"}


@dataclass
class Word:
    text: str
    x0: float
    top: float
    x1: float
    bottom: float
    char: int = -1  # index of its first character on the text page

    @property
    def height(self) -> float:
        return self.bottom - self.top


class WordRun:
    """Words read together (a line, a cell): their vertical extent and text, read once."""

    words: list[Word]

    @cached_property
    def top(self) -> float:
        return min(w.top for w in self.words)

    @cached_property
    def bottom(self) -> float:
        return max(w.bottom for w in self.words)

    @cached_property
    def text(self) -> str:
        return " ".join(w.text for w in self.words)


@dataclass
class Line(WordRun):
    """Words sharing a baseline, left to right. Its extent is read once the line is built."""

    words: list[Word] = field(default_factory=list)
    bold: bool = False  # set by mark_bold

    @cached_property
    def x0(self) -> float:
        return min(w.x0 for w in self.words)

    @cached_property
    def x1(self) -> float:
        return max(w.x1 for w in self.words)


@dataclass
class Rule:
    """A ruling line (or the edge of a thin filled rectangle); horizontal when `horizontal`."""

    x0: float
    top: float
    x1: float
    bottom: float

    @property
    def horizontal(self) -> bool:
        return (self.x1 - self.x0) >= (self.bottom - self.top)


@dataclass(frozen=True)
class Transform:
    """pdfium's user space to top-left-origin points of the page as displayed (an affine map)."""

    a: float
    b: float
    c: float
    d: float
    e: float
    f: float

    def point(self, x: float, y: float) -> tuple[float, float]:
        return self.a * x + self.b * y + self.e, self.c * x + self.d * y + self.f

    def box(self, left: float, bottom: float, right: float, top: float) -> tuple[float, float, float, float]:
        xa, ya = self.point(left, top)
        xb, yb = self.point(right, bottom)
        return min(xa, xb), min(ya, yb), max(xa, xb), max(ya, yb)


def page_transform(page: pdfium.PdfPage) -> Transform:
    """The page's rotation and crop box as a Transform."""
    left, bottom, right, top = page.get_cropbox()
    width, height = right - left, top - bottom
    rotation = page.get_rotation()
    if rotation == 90:
        return Transform(0, 1, 1, 0, -bottom, -left)
    if rotation == 180:
        return Transform(-1, 0, 0, 1, width + left, -bottom)
    if rotation == 270:
        return Transform(0, -1, -1, 0, height + bottom, width + left)
    return Transform(1, 0, 0, -1, -left, top)


def page_words(textpage: pdfium.PdfTextPage, transform: Transform) -> list[Word]:
    """The page's words, split at spaces and at gaps pdfium did not mark with a space.

    This loop runs once per character of every page, so the page's text is read from pdfium in
    one call, boxes are asked for only where there is a glyph, and the arithmetic is inline; a
    glyph's angle is only asked for where a word may start.
    """
    raw = textpage.raw
    rect = pdfium_c.FS_RECTF()
    loose_box = pdfium_c.FPDFText_GetLooseCharBox
    a, b, c, d, e, f = transform.a, transform.b, transform.c, transform.d, transform.e, transform.f
    words: list[Word] = []
    turns: list[int] = []
    chars: list[str] = []
    box = [0.0, 0.0, 0.0, 0.0]
    last_x0, turn, start = 0.0, 0, 0
    for index, char in enumerate(_page_text(raw)):
        if char in BREAKS or not loose_box(raw, index, rect):
            _flush(words, chars, box, turns, turn, start)
            chars = []
            continue
        xa, xb = a * rect.left + b * rect.top + e, a * rect.right + b * rect.bottom + e
        ya, yb = c * rect.left + d * rect.top + f, c * rect.right + d * rect.bottom + f
        x0, x1 = (xa, xb) if xa <= xb else (xb, xa)
        top, bottom = (ya, yb) if ya <= yb else (yb, ya)
        if chars and _starts_new_word(box, last_x0, x0, top, bottom):
            _flush(words, chars, box, turns, turn, start)
            chars = []
        if not chars:
            turn = _quarter_turns(pdfium_c.FPDFText_GetCharAngle(raw, index))
            start = index
            box = [x0, top, x1, bottom]
        else:
            if x0 < box[0]:
                box[0] = x0
            if top < box[1]:
                box[1] = top
            if x1 > box[2]:
                box[2] = x1
            if bottom > box[3]:
                box[3] = bottom
        chars.append(char)
        last_x0 = x0
    _flush(words, chars, box, turns, turn, start)
    return _upright(words, turns)


def _page_text(raw: pdfium_c.FPDF_TEXTPAGE) -> str:
    """The page's characters, one UTF-16 unit per character index, read in one call.

    The same units `FPDFText_GetUnicode` gives one by one, except that pdfium writes a soft
    hyphen's marker as U+FFFE here and 2 there: both are in BREAKS."""
    count = pdfium_c.FPDFText_CountChars(raw)
    if count <= 0:
        return ""
    buffer = (ctypes.c_ushort * (count + 1))()
    pdfium_c.FPDFText_GetText(raw, 0, count, buffer)
    return "".join(map(chr, buffer[:count]))


def mark_bold(textpage: pdfium.PdfTextPage, lines: list[Line]) -> None:
    """Mark the short lines set in a bold face (table section headings), judged by their first
    word: one font look-up a heading-length line keeps this off the per-character path."""
    font, flags = ctypes.create_string_buffer(128), ctypes.c_int()
    for line in lines:
        if len(line.words) <= HEADING_WORDS and line.words[0].char >= 0:
            line.bold = _bold(textpage.raw, line.words[0].char, font, flags)


def _bold(
    raw: pdfium_c.FPDF_TEXTPAGE, index: int, font: ctypes.Array[ctypes.c_char], flags: ctypes.c_int
) -> bool:
    """Whether a glyph is set in a bold face, read from its weight, its font's name
    ('Arial-BoldMT', 'Aptos Narrow,Bold') or its force-bold flag: many PDFs leave a bold
    font's weight at 400."""
    if pdfium_c.FPDFText_GetFontWeight(raw, index) >= 600:
        return True
    pdfium_c.FPDFText_GetFontInfo(raw, index, font, len(font), flags)
    name = font.value.lower()
    return bool(flags.value & FORCE_BOLD) or b"bold" in name or b"black" in name or b"heavy" in name


def _quarter_turns(angle: float) -> int:
    """0-3 for text at a right angle, -1 for anything slanted."""
    quarter = angle / (math.pi / 2)
    nearest = round(quarter)
    return nearest % 4 if abs(quarter - nearest) < 0.05 else -1


def _upright(words: list[Word], turns: list[int]) -> list[Word]:
    """Words set in the page's main direction; sideways labels (chart axes) are dropped."""
    if not words:
        return words
    main = max(set(turns), key=turns.count)
    return [w for w, t in zip(words, turns, strict=True) if t == main]


def _starts_new_word(box: list[float], last_x0: float, x0: float, top: float, bottom: float) -> bool:
    height = max(box[3] - box[1], 1.0)
    middle = (top + bottom) / 2
    if not box[1] - 0.1 * height <= middle <= box[3] + 0.1 * height:
        return True
    # Going back left of the previous glyph starts a new word; a ligature's second letter
    # shares the first's position and does not.
    return x0 > box[2] + WORD_GAP * height or x0 < last_x0 - 0.1 * height


def _flush(
    words: list[Word], chars: list[str], box: list[float], turns: list[int], turn: int, start: int
) -> None:
    text = clean_text("".join(chars)).strip()  # pdfium gives UTF-16 units: pairs, or lone ones
    if text:
        words.append(Word(text, box[0], box[1], box[2], box[3], start))
        turns.append(turn)


def text_lines(words: list[Word]) -> list[Line]:
    """Group words into lines by vertical overlap, top to bottom."""
    lines: list[Line] = []
    for word in sorted(words, key=lambda w: (round(w.top + w.height / 2), w.x0)):
        line = _matching_line(lines, word)
        if line is None:
            lines.append(Line([word]))
        else:
            line.words.append(word)
    for line in lines:
        line.words.sort(key=lambda w: w.x0)
    return sorted(lines, key=lambda ln: ln.top)


def _matching_line(lines: list[Line], word: Word) -> Line | None:
    middle = word.top + word.height / 2
    # Only the last few lines can match: words arrive sorted by their middle.
    for line in reversed(lines[-4:]):
        last = line.words[-1]
        aligned = last.top <= middle <= last.bottom and abs(last.height - word.height) < 0.6 * last.height
        # Words come sorted by x within a line, so only the nearest ones can overlap this one.
        if aligned and not any(_overlaps_x(w, word) for w in line.words[-3:]):
            return line
    return None


def _overlaps_x(a: Word, b: Word) -> bool:
    return min(a.x1, b.x1) - max(a.x0, b.x0) > 0.3 * min(a.x1 - a.x0, b.x1 - b.x0)


@dataclass
class Graphics:
    """What a page draws: ruling lines, and the boxes of curves and polylines (chart shapes)."""

    rules: list[Rule] = field(default_factory=list)
    shapes: list[tuple[float, float, float, float]] = field(default_factory=list)


def page_graphics(page: pdfium.PdfPage, transform: Transform, limit: int = 5000) -> Graphics:
    """Thin path objects (drawn lines, hairline rectangles) as ruling lines, and chart shapes.

    Wider filled rectangles are cell or row shading; their edges are not rules, because
    shading often sits behind each text line of a row that a reader sees as one cell.
    A path of many segments that is not thin is a curve or polyline: a chart, not a table.
    """
    found = Graphics()
    for index, obj in enumerate(page.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_PATH], max_depth=4)):
        if index >= limit:
            break
        x0, y0, x1, y1 = transform.box(*obj.get_bounds())
        if min(x1 - x0, y1 - y0) < 3:
            found.rules.extend(_edges(x0, y0, x1, y1))
        elif min(x1 - x0, y1 - y0) > 20 and _slanted_segments(obj.raw) > 4:
            found.shapes.append((x0, y0, x1, y1))
    return found


def _slanted_segments(path: pdfium_c.FPDF_PAGEOBJECT) -> int:
    """Curves and slanted lines in a path: chart lines and pies have many, grids and boxes none."""
    count = pdfium_c.FPDFPath_CountSegments(path)
    if count <= 8:
        return 0
    x, y = ctypes.c_float(), ctypes.c_float()
    slanted, last = 0, (0.0, 0.0)
    for index in range(count):
        segment = pdfium_c.FPDFPath_GetPathSegment(path, index)
        pdfium_c.FPDFPathSegment_GetPoint(segment, x, y)
        kind = pdfium_c.FPDFPathSegment_GetType(segment)
        point = (x.value, y.value)
        diagonal = abs(point[0] - last[0]) > 0.5 and abs(point[1] - last[1]) > 0.5
        if kind == pdfium_c.FPDF_SEGMENT_BEZIERTO or (kind == pdfium_c.FPDF_SEGMENT_LINETO and diagonal):
            slanted += 1
        last = point
    return slanted


def _edges(x0: float, top: float, x1: float, bottom: float) -> list[Rule]:
    width, height = x1 - x0, bottom - top
    if min(width, height) < 3:
        return [Rule(x0, top, x1, bottom)] if max(width, height) > 3 else []
    return []
