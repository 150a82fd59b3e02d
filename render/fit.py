"""How much room text takes on a slide, measured with the deck's font (Liberation Sans, which
LibreOffice puts in for Arial with the same metrics): the deck lays out and splits by it, and the
overflow test checks the saved deck by it.

Fonts: Debian's fonts-liberation2.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

from PIL import ImageFont
from pptx.util import Inches, Pt

FONT_DIR = Path("/usr/share/fonts/truetype/liberation2")


@dataclass(frozen=True)
class FitSettings:
    """The allowances the measure makes, each named."""

    line_spacing: float = 1.2  # a line's height as a multiple of the font size (PowerPoint's single)
    inset_x: int = Inches(0.1)  # a text box's or table cell's left and right inner margin, each
    inset_y: int = Inches(0.05)  # its top and bottom inner margin, each
    space_after: float = 0.5  # the space after each paragraph of a text box, as a multiple of the size


FIT = FitSettings()


@cache
def font(size: float, bold: bool = False) -> ImageFont.FreeTypeFont:
    name = "LiberationSans-Bold.ttf" if bold else "LiberationSans-Regular.ttf"
    # Measured at 100 pixels per point, so rounding to whole pixels costs nothing.
    return ImageFont.truetype(str(FONT_DIR / name), int(size * 100))


def text_width(text: str, size: float, bold: bool = False) -> int:
    """The width of one line of text, in EMU."""
    return int(font(size, bold).getlength(text) / 100 * Pt(1))


def wrapped_lines(text: str, width: int, size: float, bold: bool = False) -> int:
    """How many lines a paragraph takes in a box `width` EMU wide (inner margins taken off),
    wrapping at spaces as PowerPoint does; a word longer than the line takes a line of its own."""
    room = width - 2 * FIT.inset_x
    lines, current = 0, ""
    for word in text.split(" "):
        trial = f"{current} {word}" if current else word
        if current and text_width(trial, size, bold) > room:
            lines += 1 + text_width(current, size, bold) // max(room, 1)
            current = word
        else:
            current = trial
    return lines + 1 + text_width(current, size, bold) // max(room, 1)


def text_height(text: str, width: int, size: float, bold: bool = False, space_after: bool = True) -> int:
    """The height, in EMU, of text (paragraphs split at newlines) in a box `width` EMU wide."""
    lines = [wrapped_lines(p, width, size, bold) for p in text.split("\n")]
    gap = Pt(size * FIT.space_after) * (len(lines) - 1) if space_after else 0
    return int(sum(lines) * Pt(size) * FIT.line_spacing + gap + 2 * FIT.inset_y)


def fits(text: str, width: int, height: int, size: float, bold: bool = False) -> bool:
    return text_height(text, width, size, bold) <= height


def largest_size_that_fits(text: str, width: int, height: int, size: float, bold: bool = False) -> float:
    """The font size, from `size` down by half points to 8, at which the text fits the box."""
    while size > 8 and not fits(text, width, height, size, bold):
        size -= 0.5
    return size


def row_height(cells: list[str], widths: list[int], size: float, bold: bool = False) -> int:
    """A table row's height: its tallest cell (PowerPoint grows a row to fit its text)."""
    return max(text_height(t, w, size, bold, space_after=False) for t, w in zip(cells, widths, strict=True))
