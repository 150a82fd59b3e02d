"""Words, text lines and ruling lines of one PDF page, read with pdfium.

pdfium is used for every page because it is an order of magnitude faster than pdfminer: the
whole text of a 100-page bundle is read in well under a second, so the expensive table analysis
can be kept for the pages that need it. Coordinates are PDF points from the page's top-left
corner as displayed (rotation and crop box applied), the contract's `[x0, top, x1, bottom]`.
"""

from __future__ import annotations

import ctypes
import math
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import repeat
from operator import attrgetter
from typing import Any, Generic, TypeVar, overload

import numpy as np
import numpy.typing as npt
import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from extract.pdf.settings import LAYOUT
from ingest.safe_text import SURROGATE, clean_text

HEADING_WORDS = 10  # longer lines are prose or rows, never a section heading
FORCE_BOLD = 1 << 18  # PDF font descriptor flag
FORM_DEPTH = 4  # form XObjects nested deeper than this are not searched for rules
ANGLE_CACHE = 1 << 10  # glyph angles whose quarter turns are kept
BREAKS = {" ", "\t", "\r", "\n", "\xa0", "\x00", "\ufffe", "\x02"}
# Whether each UTF-16 unit is a break, looked up by its code: `np.isin` sorts the page's units.
IS_BREAK = np.zeros(1 << 16, dtype=bool)
IS_BREAK[[ord(c) for c in BREAKS]] = True
ORDINAL_SUFFIXES = {"st", "nd", "rd", "th"}
NOTE_SIGNS = {"*", "†", "‡", "§"}  # note references set as signs rather than numbers or letters
OPENING_BRACKETS = {"(", "[", "{"}  # a superscript after one is inside the reference: '(⁶)'


T = TypeVar("T")


class read_once(Generic[T]):  # noqa: N801 (named as the decorator it is used as)
    """`functools.cached_property` without its lock (Python 3.11 takes one on every first read,
    which costs more than the values it guards here: the extents of every line and chunk, read
    once each). The value is stored in the instance's dict, which later reads find first."""

    def __init__(self, compute: Callable[[Any], T]) -> None:
        self.compute = compute
        self.name = compute.__name__

    def __set_name__(self, owner: type, name: str) -> None:
        self.name = name

    @overload
    def __get__(self, instance: None, owner: type | None = None) -> read_once[T]: ...
    @overload
    def __get__(self, instance: object, owner: type | None = None) -> T: ...
    def __get__(self, instance: object | None, owner: type | None = None) -> T | read_once[T]:
        if instance is None:
            return self
        value = instance.__dict__[self.name] = self.compute(instance)
        return value


@dataclass(slots=True)
class Word:
    """A word and its box. Slotted: a page makes hundreds of them, each read many times."""

    text: str
    x0: float
    top: float
    x1: float
    bottom: float
    char: int = -1  # index of its first character on the text page

    @property
    def height(self) -> float:
        return self.bottom - self.top


# A word's edges and text, read by C rather than by a Python function each: the extents of
# lines and chunks are taken over every word of every line.
_X0, _TOP, _X1, _BOTTOM, _TEXT = map(attrgetter, ("x0", "top", "x1", "bottom", "text"))


class WordRun:
    """Words read together (a line, a cell): their vertical extent and text, read once."""

    words: list[Word]

    @read_once
    def top(self) -> float:
        return min(map(_TOP, self.words))

    @read_once
    def bottom(self) -> float:
        return max(map(_BOTTOM, self.words))

    @read_once
    def text(self) -> str:
        return " ".join(map(_TEXT, self.words))


@dataclass
class Line(WordRun):
    """Words sharing a baseline, left to right. Its extent is read once the line is built."""

    words: list[Word] = field(default_factory=list)
    bold: bool = False  # set by mark_bold

    @read_once
    def x0(self) -> float:
        return min(map(_X0, self.words))

    @read_once
    def x1(self) -> float:
        return max(map(_X1, self.words))


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

    The page's text and every character's box are read from pdfium in bulk (`_char_boxes`) and
    split into words with numpy (`_runs_split`); only a run of glyphs whose boxes change height
    or step back (sub- and superscripts, overprinting) is split one glyph at a time. A glyph's
    angle is only asked for where a word starts."""
    raw = textpage.raw
    text = _page_text(raw)
    if not text:
        return []
    codes = np.frombuffer(text.encode("utf-16-le", "surrogatepass"), dtype="<u2")  # its UTF-16 units again
    boxes, glyph = _char_boxes(raw, ~IS_BREAK[codes], transform)
    spans, uneven = _runs_split(boxes, glyph)
    # Only a run set unevenly can end in a raised note reference: an even one has one top and bottom.
    split = [_without_note(span, text, boxes) for span in _glyphs_split(boxes, uneven)]
    spans = sorted(spans + split) if split else spans  # `_runs_split` gives them in order
    page, starts = _address(raw), [start for start, _, _ in spans]
    turns_at = map(_quarter_turns, map(_CHAR_ANGLE, repeat(page), starts))
    objects = map(_TEXT_OBJECT, repeat(page), starts)  # the text object each word starts in
    shown = _Shown(transform)
    words: list[Word] = []
    turns: list[int] = []
    # pdfium gives UTF-16 units: pairs, or lone ones; where the page has none, no word needs cleaning.
    clean = clean_text if SURROGATE.search(text) else str
    for (start, end, box), turn, obj in zip(spans, turns_at, objects, strict=True):
        chars = clean(text[start:end]).strip()
        if chars and shown(obj or 0, word := Word(chars, *box, start)):
            words.append(word)
            turns.append(turn)
    return _superscripts_read(_upright(words, turns))


def _superscripts_read(words: list[Word]) -> list[Word]:
    """The words with each superscript set against the word before it read as the page means
    it: an ordinal's suffix joined to its number ('13' 'th' -> '13th'), a note reference taken
    off ('Placements' '²' -> 'Placements'), so that names and figures read clean. pdfium takes a
    raised word's higher baseline for a new line and writes a line break before it, so it reads
    as a word of its own (a reference with no break before it is taken off by `_without_note`);
    other superscripts are left as they are."""
    out = words[:1]
    for word in words[1:]:  # the text asked first: this runs once a word
        if word.text in ORDINAL_SUFFIXES and _ordinal_suffix(out[-1], word):
            number = out[-1]
            out[-1] = Word(
                number.text + word.text,
                min(number.x0, word.x0),
                min(number.top, word.top),
                max(number.x1, word.x1),
                max(number.bottom, word.bottom),
                number.char,
            )
        elif not _note_reference(out[-1], word):
            out.append(word)
    return out


def _ordinal_suffix(number: Word, word: Word) -> bool:
    """Whether `word`, an ordinal's suffix, is set raised or smaller touching `number` (a
    word ending in a digit)."""
    return (
        number.text[-1].isdigit()
        and _touching(number, word)
        and (_raised(number, word) or _smaller(number, word))
    )


def _note_reference(word: Word, mark: Word) -> bool:
    """Whether `mark` is a note reference to `word`: shaped as one (`_note_shaped`), set raised
    and smaller touching it, after anything but an opening bracket. Its shape is asked first:
    this runs once a word."""
    return (
        _note_shaped(mark.text)
        and word.text[-1] not in OPENING_BRACKETS
        and _touching(word, mark)
        and _raised(word, mark)
        and _smaller(word, mark)
    )


def _note_shaped(text: str) -> bool:
    """Whether text is shaped as a note reference: one or two digits, a sign (*, †, ‡, §), or one
    lower-case letter."""
    if len(text) == 1:
        return "0" <= text <= "9" or "a" <= text <= "z" or text in NOTE_SIGNS
    return len(text) == 2 and text.isascii() and text.isdigit()


def _touching(word: Word, mark: Word) -> bool:
    """Whether `mark` is on `word`'s line (its middle within the word's height) and touches it:
    the gap between them is within `superscript_gap` of the word's heights either way."""
    middle = (mark.top + mark.bottom) / 2
    return (
        word.top <= middle <= word.bottom and abs(mark.x0 - word.x1) <= LAYOUT.superscript_gap * word.height
    )


def _raised(word: Word, mark: Word) -> bool:
    """Whether `mark`'s bottom is more than `word_band` of `word`'s heights above the word's."""
    return mark.bottom < word.bottom - LAYOUT.word_band * word.height


def _smaller(word: Word, mark: Word) -> bool:
    """Whether `mark` is under `superscript_size` of `word`'s height."""
    return mark.height < LAYOUT.superscript_size * word.height


def _without_note(span: Span, text: str, boxes: npt.NDArray[np.float64]) -> Span:
    """The span less a note reference at its end. A reference set with no break before it and its
    middle within the word's band is read into the word ('Placements²', '4,620²' as '4,6202');
    its glyphs are weighed against the word's others, as `_superscripts_read` weighs a reference
    that pdfium read as a word of its own. It is the word's whole raised end: the glyph before it
    is set on the word's line (the 'h' of a raised 'th' is no reference)."""
    start, end, _ = span
    for cut in (end - 2, end - 1):  # a two-digit reference first: its first digit is raised too
        if cut > start and _note_shaped(text[cut:end]):
            word = Word(text[start:cut], *_glyphs_box(boxes, start, cut))
            mark = Word(text[cut:end], *_glyphs_box(boxes, cut, end))
            last = Word(text[cut - 1], *_glyphs_box(boxes, cut - 1, cut))
            if _note_reference(word, mark) and not _raised(word, last):
                return start, cut, (word.x0, word.top, word.x1, word.bottom)
    return span


def _glyphs_box(boxes: npt.NDArray[np.float64], start: int, end: int) -> tuple[float, float, float, float]:
    """The box of the glyphs [start, end), each of which has one (a word's, as `_glyphs_split` boxes it)."""
    x0, top, x1, bottom = boxes[:, start:end]
    return float(x0.min()), float(top.min()), float(x1.max()), float(bottom.max())


class _Shown:
    """Whether a word is drawn where its text object's clipping path lets it show. A
    spreadsheet printed with rows repeated at the top of every page writes a collapsed row's text
    clipped to nothing ("Significant Risks (over £10m)" clipped to a strip 1pt high, over the
    page's first risk): a viewer shows none of it, so it is not read. A clip path is taken as its
    points' box, which holds all it lets through, so only text wholly outside it is dropped. Each
    text object's clip is read once (a page's words share a few hundred objects)."""

    def __init__(self, transform: Transform) -> None:
        self.transform = transform
        self.clips: dict[int, list[tuple[float, float, float, float]]] = {}

    def __call__(self, obj: int, word: Word) -> bool:
        boxes = self.clips.get(obj)
        if boxes is None:
            boxes = self.clips[obj] = _clip_boxes(obj, self.transform) if obj else []
        return _within(word, boxes)


def _clip_boxes(obj: int, transform: Transform) -> list[tuple[float, float, float, float]]:
    """The boxes (page as displayed) of the paths clipping a page object; the object shows
    only inside all of them. A text clip (no segments) is not boxed. Asked once a text object,
    so its pdfium calls are bare ones (`_gil_held`)."""
    clip = _CLIP_PATH(obj)
    if not clip:
        return []
    x, y = ctypes.c_float(), ctypes.c_float()
    px, py = ctypes.byref(x), ctypes.byref(y)
    boxes = []
    for path in range(_CLIP_PATHS(clip)):
        xs, ys = [], []
        for index in range(_CLIP_SEGMENTS(clip, path)):
            if _SEGMENT_POINT(_CLIP_SEGMENT(clip, path, index), px, py):
                xs.append(x.value)
                ys.append(y.value)
        if xs:
            boxes.append(transform.box(min(xs), min(ys), max(xs), max(ys)))
    return boxes


def _within(word: Word, boxes: list[tuple[float, float, float, float]]) -> bool:
    """Whether a word's box shares more than an edge with every clip box. Asked once a word,
    so written as a loop rather than `all` over a generator."""
    for x0, top, x1, bottom in boxes:
        if not (word.x0 < x1 and x0 < word.x1 and word.top < bottom and top < word.bottom):
            return False
    return True


Span = tuple[int, int, tuple[float, float, float, float]]  # a word's characters [start, end) and box


def _runs_split(
    boxes: npt.NDArray[np.float64], glyph: npt.NDArray[np.bool_]
) -> tuple[list[Span], npt.NDArray[np.bool_]]:
    """The words of the runs of glyphs (characters between breaks) set evenly: every glyph of
    the run has the same top and bottom and none ends left of the one before. There the box of
    any word so far has the last glyph's top, bottom and right edge, so whether a glyph starts a
    new word depends on it and the glyph before alone, and is decided for all at once, with the
    same arithmetic as `_glyphs_split`. Returns the words, and the glyphs of the other runs,
    left to `_glyphs_split`."""
    x0, top, x1, bottom = boxes
    band, back, gap = LAYOUT.word_band, LAYOUT.word_backtrack, LAYOUT.word_gap
    before = _previous(glyph, False)
    follows = glyph & before  # a glyph after a glyph
    run = np.cumsum(glyph & ~before)  # the run each glyph is in (numbered from 1)
    p0, ptop, p1, pbottom = (_previous(column, 0.0) for column in boxes)
    with np.errstate(invalid="ignore"):
        finite = np.isfinite(boxes).all(axis=0)
        even = (top == ptop) & (bottom == pbottom) & (x1 >= p1) & finite & _previous(finite, True)
        height = np.maximum(pbottom - ptop, 1.0)
        middle = (top + bottom) / 2
        new = ~((ptop - band * height <= middle) & (middle <= pbottom + band * height))
        new |= (x0 > p1 + gap * height) | (x0 < p0 - back * height)
    uneven = np.unique(run[follows & ~even])
    member = glyph & ~np.isin(run, uneven)
    starts = np.flatnonzero(member & (~follows | new))
    if not starts.size:
        return [], glyph & ~member
    lefts = np.minimum.reduceat(np.where(member, x0, np.inf), starts).tolist()
    rights = np.maximum.reduceat(np.where(member, x1, -np.inf), starts).tolist()
    ends = (starts + np.add.reduceat(member, starts)).tolist()
    tops, bottoms = top[starts].tolist(), bottom[starts].tolist()
    spans = [
        (start, end, (left, t, right, b))
        for start, end, left, t, right, b in zip(
            starts.tolist(), ends, lefts, tops, rights, bottoms, strict=True
        )
    ]
    return spans, glyph & ~member


def _previous(values: Any, first: float | bool) -> Any:
    """Each element's predecessor, `first` for the first."""
    out = np.empty_like(values)
    out[0] = first
    out[1:] = values[:-1]
    return out


def _glyphs_split(boxes: npt.NDArray[np.float64], glyph: npt.NDArray[np.bool_]) -> list[Span]:
    """The words of the glyphs marked, one glyph at a time: a glyph starts a new word when its
    middle is outside the word's band, or it starts a gap wider than a word space past the word,
    or it goes back left of the glyph before (a ligature's second letter does not)."""
    band, back, gap = LAYOUT.word_band, LAYOUT.word_backtrack, LAYOUT.word_gap
    indices = np.flatnonzero(glyph)
    spans: list[Span] = []
    start = previous = -1  # the first character of the word being read (-1 between words); the last
    left = top = right = bottom = last_x0 = 0.0
    # Only the marked glyphs' boxes are made Python floats: most of a page's are split by numpy.
    for index, x0, y0, x1, y1 in zip(indices.tolist(), *boxes[:, indices].tolist(), strict=True):
        if start >= 0 and index != previous + 1:  # a break between
            spans.append((start, previous + 1, (left, top, right, bottom)))
            start = -1
        previous = index
        if start >= 0:
            height = max(bottom - top, 1.0)
            middle = (y0 + y1) / 2
            if (
                not top - band * height <= middle <= bottom + band * height
                or x0 > right + gap * height
                or x0 < last_x0 - back * height
            ):
                spans.append((start, index, (left, top, right, bottom)))
                start = -1
        if start < 0:
            start = index
            left, top, right, bottom = x0, y0, x1, y1
        else:
            if x0 < left:
                left = x0
            if y0 < top:
                top = y0
            if x1 > right:
                right = x1
            if y1 > bottom:
                bottom = y1
        last_x0 = x0
    if start >= 0:
        spans.append((start, previous + 1, (left, top, right, bottom)))
    return spans


def _char_boxes(
    raw: pdfium_c.FPDF_TEXTPAGE, wanted: npt.NDArray[np.bool_], transform: Transform
) -> tuple[npt.NDArray[np.float64], npt.NDArray[np.bool_]]:
    """The loose boxes on the page as displayed of the characters `wanted` (a mask over the
    page's characters), as four rows (x0, top, x1, bottom), and which of them pdfium gave a box
    (a space or line break it generated has none). The other characters' boxes are left zero:
    breaks between words, whose boxes no split reads, are a fifth of a page's characters.

    pdfium has no call for many boxes at once, so each is written straight into one float array
    by a bare call per character; the page transform is then applied to all of them together,
    with the same arithmetic, in the same order, as one box at a time."""
    count = len(wanted)
    rects = (ctypes.c_float * (4 * count))()
    size = ctypes.sizeof(pdfium_c.FS_RECTF)
    indices = np.flatnonzero(wanted)
    found = np.zeros(count, dtype=bool)
    found[indices] = list(
        map(
            _LOOSE_BOX,
            repeat(_address(raw), len(indices)),
            indices.tolist(),
            (ctypes.addressof(rects) + size * indices).tolist(),
        )
    )
    left, top, right, bottom = np.ctypeslib.as_array(rects).reshape(count, 4).T.astype(np.float64)
    t = transform
    xa, xb = t.a * left + t.b * top + t.e, t.a * right + t.b * bottom + t.e
    ya, yb = t.c * left + t.d * top + t.f, t.c * right + t.d * bottom + t.f
    ordered_x, ordered_y = xa <= xb, ya <= yb
    boxes = np.stack(
        [
            np.where(ordered_x, xa, xb),
            np.where(ordered_y, ya, yb),
            np.where(ordered_x, xb, xa),
            np.where(ordered_y, yb, ya),
        ]
    )
    return boxes, found


def _address(pointer: Any) -> int:
    """The address a ctypes pointer (a pdfium handle, a C function) holds, as the bare calls take it."""
    return ctypes.cast(pointer, ctypes.c_void_p).value or 0


def _gil_held(function: Any, restype: Any, *argtypes: Any) -> Any:
    """The same C function, called without ctypes letting go of the GIL and taking it back round
    each call: that costs more than these calls, and pdfium runs one call at a time under
    PDFIUM_LOCK anyway."""
    return ctypes.PYFUNCTYPE(restype, *argtypes)(_address(function))


_LOOSE_BOX = _gil_held(
    pdfium_c.FPDFText_GetLooseCharBox, ctypes.c_int, ctypes.c_void_p, ctypes.c_int, ctypes.c_void_p
)
_CHAR_ANGLE = _gil_held(pdfium_c.FPDFText_GetCharAngle, ctypes.c_float, ctypes.c_void_p, ctypes.c_int)
_TEXT_OBJECT = _gil_held(pdfium_c.FPDFText_GetTextObject, ctypes.c_void_p, ctypes.c_void_p, ctypes.c_int)
_CLIP_PATH = _gil_held(pdfium_c.FPDFPageObj_GetClipPath, ctypes.c_void_p, ctypes.c_void_p)
_CLIP_PATHS = _gil_held(pdfium_c.FPDFClipPath_CountPaths, ctypes.c_int, ctypes.c_void_p)
_CLIP_SEGMENTS = _gil_held(
    pdfium_c.FPDFClipPath_CountPathSegments, ctypes.c_int, ctypes.c_void_p, ctypes.c_int
)
_CLIP_SEGMENT = _gil_held(
    pdfium_c.FPDFClipPath_GetPathSegment, ctypes.c_void_p, ctypes.c_void_p, ctypes.c_int, ctypes.c_int
)
_SEGMENT_POINT = _gil_held(
    pdfium_c.FPDFPathSegment_GetPoint, ctypes.c_int, ctypes.c_void_p, ctypes.c_void_p, ctypes.c_void_p
)
_PAGE_OBJECTS = _gil_held(pdfium_c.FPDFPage_CountObjects, ctypes.c_int, ctypes.c_void_p)
_PAGE_OBJECT = _gil_held(pdfium_c.FPDFPage_GetObject, ctypes.c_void_p, ctypes.c_void_p, ctypes.c_int)
_FORM_OBJECTS = _gil_held(pdfium_c.FPDFFormObj_CountObjects, ctypes.c_int, ctypes.c_void_p)
_FORM_OBJECT = _gil_held(pdfium_c.FPDFFormObj_GetObject, ctypes.c_void_p, ctypes.c_void_p, ctypes.c_ulong)
_OBJECT_TYPE = _gil_held(pdfium_c.FPDFPageObj_GetType, ctypes.c_int, ctypes.c_void_p)
_OBJECT_BOUNDS = _gil_held(
    pdfium_c.FPDFPageObj_GetBounds,
    ctypes.c_int,
    ctypes.c_void_p,
    ctypes.c_void_p,
    ctypes.c_void_p,
    ctypes.c_void_p,
    ctypes.c_void_p,
)
_PATH_SEGMENTS = _gil_held(pdfium_c.FPDFPath_CountSegments, ctypes.c_int, ctypes.c_void_p)
_PATH_SEGMENT = _gil_held(pdfium_c.FPDFPath_GetPathSegment, ctypes.c_void_p, ctypes.c_void_p, ctypes.c_int)
_SEGMENT_TYPE = _gil_held(pdfium_c.FPDFPathSegment_GetType, ctypes.c_int, ctypes.c_void_p)


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


@lru_cache(maxsize=ANGLE_CACHE)
def _quarter_turns(angle: float) -> int:
    """0-3 for text at a right angle, -1 for anything slanted. Remembered: a page's words share
    a few angles, and this is asked once a word."""
    quarter = angle / (math.pi / 2)
    nearest = round(quarter)
    return nearest % 4 if abs(quarter - nearest) < LAYOUT.right_angle else -1


def _upright(words: list[Word], turns: list[int]) -> list[Word]:
    """Words set in the page's main direction; sideways labels (chart axes) are dropped."""
    if not words:
        return words
    main = max(set(turns), key=turns.count)
    return [w for w, t in zip(words, turns, strict=True) if t == main]


def text_lines(words: list[Word]) -> list[Line]:
    """Group words into lines by vertical overlap, top to bottom."""
    lines: list[Line] = []
    for word in sorted(words, key=_middle_then_x):
        line = _matching_line(lines, word)
        if line is None:
            lines.append(Line([word]))
        else:
            line.words.append(word)
    for line in lines:
        line.words.sort(key=_X0)
    return sorted(lines, key=_TOP)


def _middle_then_x(word: Word) -> tuple[int, float]:
    return round(word.top + (word.bottom - word.top) / 2), word.x0  # `height`, inline: once a word


def _matching_line(lines: list[Line], word: Word) -> Line | None:
    """The line the word continues, if any. This runs once a word, so its arithmetic is inline:
    `min` and `max` of two are written out as the comparisons they make."""
    height = word.bottom - word.top
    middle = word.top + height / 2
    change, overlap = LAYOUT.line_height_change, LAYOUT.word_overlap
    # Only the last few lines can match: words arrive sorted by their middle.
    for line in reversed(lines[-4:]):
        last = line.words[-1]
        last_height = last.bottom - last.top
        if not (last.top <= middle <= last.bottom and abs(last_height - height) < change * last_height):
            continue
        # Words come sorted by x within a line, so only the nearest ones can overlap this one:
        # the overlap of two words is more than a share of the narrower one's width.
        for other in line.words[-3:]:
            right = word.x1 if word.x1 < other.x1 else other.x1
            left = word.x0 if word.x0 > other.x0 else other.x0
            width, other_width = word.x1 - word.x0, other.x1 - other.x0
            if right - left > overlap * (width if width < other_width else other_width):
                break
        else:
            return line
    return None


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
    left, bottom, right, top = ctypes.c_float(), ctypes.c_float(), ctypes.c_float(), ctypes.c_float()
    corners = ctypes.byref(left), ctypes.byref(bottom), ctypes.byref(right), ctypes.byref(top)
    for index, path in enumerate(_paths(_address(page.raw), _PAGE_OBJECTS, _PAGE_OBJECT)):
        if index >= limit:
            break
        if not _OBJECT_BOUNDS(path, *corners):
            raise pdfium.PdfiumError("Failed to locate pageobject.")
        x0, y0, x1, y1 = transform.box(left.value, bottom.value, right.value, top.value)
        if min(x1 - x0, y1 - y0) < LAYOUT.rule_thickness:
            found.rules.extend(_edges(x0, y0, x1, y1))
        elif (
            min(x1 - x0, y1 - y0) > LAYOUT.chart_shape_size and _slanted_segments(path) > LAYOUT.chart_slants
        ):
            found.shapes.append((x0, y0, x1, y1))
    return found


def _paths(
    parent: int, count: Callable[[int], int], get: Callable[[int, int], int | None], depth: int = 0
) -> Iterator[int]:
    """The path objects of a page (or a form XObject), and of the forms it holds down to
    FORM_DEPTH, in drawing order: pypdfium2's `get_objects` with its filter, without a
    Python object made for every page object (text runs are most of them), by bare calls."""
    total = count(parent)
    if total < 0:
        raise pdfium.PdfiumError("Failed to get number of pageobjects.")
    for index in range(total):
        obj = get(parent, index)
        if not obj:
            raise pdfium.PdfiumError("Failed to get pageobject.")
        kind = _OBJECT_TYPE(obj)
        if kind == pdfium_c.FPDF_PAGEOBJ_PATH:
            yield obj
        elif kind == pdfium_c.FPDF_PAGEOBJ_FORM and depth < FORM_DEPTH - 1:
            yield from _paths(obj, _FORM_OBJECTS, _FORM_OBJECT, depth + 1)
        elif kind == pdfium_c.FPDF_PAGEOBJ_UNKNOWN:
            raise pdfium.PdfiumError("Failed to determine pageobject type.")


def _slanted_segments(path: int) -> int:
    """Curves and slanted lines in a path: chart lines and pies have many, grids and boxes none."""
    count = _PATH_SEGMENTS(path)
    if count <= LAYOUT.chart_path_segments:
        return 0
    x, y = ctypes.c_float(), ctypes.c_float()
    px, py = ctypes.byref(x), ctypes.byref(y)
    slanted, last = 0, (0.0, 0.0)
    for index in range(count):
        segment = _PATH_SEGMENT(path, index)
        _SEGMENT_POINT(segment, px, py)
        kind = _SEGMENT_TYPE(segment)
        point = (x.value, y.value)
        diagonal = abs(point[0] - last[0]) > LAYOUT.slant_step and abs(point[1] - last[1]) > LAYOUT.slant_step
        if kind == pdfium_c.FPDF_SEGMENT_BEZIERTO or (kind == pdfium_c.FPDF_SEGMENT_LINETO and diagonal):
            slanted += 1
        last = point
    return slanted


def _edges(x0: float, top: float, x1: float, bottom: float) -> list[Rule]:
    width, height = x1 - x0, bottom - top
    if min(width, height) < LAYOUT.rule_thickness:
        return [Rule(x0, top, x1, bottom)] if max(width, height) > LAYOUT.least_rule_length else []
    return []
