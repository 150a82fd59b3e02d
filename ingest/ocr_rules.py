"""Ruling lines in a scanned page's picture: long, thin runs of dark pixels, found and erased.

A PDF with a text layer draws its table rules as paths, which the PDF reader uses to find a
table's box, columns and rows. In a scan they are pixels, so they are found here and handed
to the same table finding. A run of dark pixels longer than any letter's stroke, a few pixels
thick, is a rule; a thicker dark area is shading, a logo or a photograph, and is left out, as
the PDF reader leaves out filled rectangles.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from pathlib import Path

import numpy as np
from PIL import Image

BBox = tuple[float, float, float, float]
DARK = 200  # grey level (0-255) below which a pixel is ink; light shading stays above it
MIN_RULE_PT = 24.0  # shorter runs are strokes of letters and figures
MAX_THICK_PT = 2.5  # thicker than this is a filled area, not a rule
ALIGN_PT = 3.0  # runs on consecutive rows whose ends are this close are one rule
INK_AROUND = 0.5  # a run with more ink than this beside it on both sides is inside a dark area
MAX_RUNS = 50_000  # a page of photographs: no rules worth the time


def erase_rules(image: Path, scale: float) -> list[BBox]:
    """Find the page image's rules, paint them out of the image, and return them in points.

    OCR reads a rule touching a figure as part of it ('|42,150', '(Variance'), or loses the
    figure; with the rules gone it reads only the text. `scale` is points a pixel.
    """
    with Image.open(image) as picture:
        pixels = np.array(picture.convert("L"))
    boxes = image_rules(pixels < DARK, scale)
    for x0, y0, x1, y1 in boxes:
        pixels[max(y0 - 1, 0) : y1 + 1, max(x0 - 1, 0) : x1 + 1] = 255
    if boxes:
        Image.fromarray(pixels).save(image)
    return [(x0 * scale, y0 * scale, x1 * scale, y1 * scale) for x0, y0, x1, y1 in boxes]


def image_rules(dark: np.ndarray, scale: float) -> list[tuple[int, int, int, int]]:
    """Horizontal and vertical rules in a page's ink, as pixel boxes (x0, top, x1, bottom)."""
    across = [(s, first, e, last) for first, last, s, e in _rules(dark, scale)]
    down = [(first, s, last, e) for first, last, s, e in _rules(np.ascontiguousarray(dark.T), scale)]
    reach = math.ceil(MAX_THICK_PT / scale) + 1
    return [box for box in across + down if not _inside_ink(dark, box, reach)]


def _inside_ink(dark: np.ndarray, box: tuple[int, int, int, int], reach: int) -> bool:
    """Whether a run lies inside a dark area (shading, a dark header, a photograph): mostly ink
    on both sides of it. Painting such a run out would cut through the text printed there."""
    x0, top, x1, bottom = box
    if x1 - x0 < bottom - top:  # a vertical run: look left and right of it
        return _inside_ink(dark.T, (top, x0, bottom, x1), reach)
    above, below = top - reach, bottom - 1 + reach
    if above < 0 or below >= dark.shape[0]:
        return False
    return bool(dark[above, x0:x1].mean() > INK_AROUND and dark[below, x0:x1].mean() > INK_AROUND)


def _rules(dark: np.ndarray, scale: float) -> list[tuple[int, int, int, int]]:
    """Rules along the array's rows: (first row, row after the last, start, end) in pixels."""
    rows, starts, ends = _long_runs(dark, round(MIN_RULE_PT / scale))
    if len(rows) > MAX_RUNS:
        return []
    merged = _merge(zip(rows.tolist(), starts.tolist(), ends.tolist(), strict=True), ALIGN_PT / scale)
    thickest = MAX_THICK_PT / scale
    return [(first, last + 1, s, e) for first, last, s, e in merged if last + 1 - first <= thickest]


def _long_runs(dark: np.ndarray, length: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Each row's runs of dark pixels at least `length` long, row by row."""
    padded = np.zeros((dark.shape[0], dark.shape[1] + 2), dtype=np.int8)
    padded[:, 1:-1] = dark
    steps = np.diff(padded, axis=1)
    rows, starts = np.nonzero(steps == 1)
    _, ends = np.nonzero(steps == -1)  # row-major order pairs each start with its end
    keep = ends - starts >= length
    return rows[keep], starts[keep], ends[keep]


def _merge(runs: Iterable[tuple[int, int, int]], slack: float) -> list[list[int]]:
    """Runs on consecutive rows with nearly the same ends joined: [first, last, start, end]."""
    done: list[list[int]] = []
    active: list[list[int]] = []
    for row, start, end in runs:
        done += [r for r in active if r[1] < row - 1]
        active = [r for r in active if r[1] >= row - 1]
        match = next(
            (
                r
                for r in active
                if r[1] == row - 1 and abs(r[2] - start) <= slack and abs(r[3] - end) <= slack
            ),
            None,
        )
        if match is None:
            active.append([row, row, start, end])
        else:
            match[1], match[2], match[3] = row, min(match[2], start), max(match[3], end)
    return done + active
