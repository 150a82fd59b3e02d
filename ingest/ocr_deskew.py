"""Straightening a scanned page that went through the scanner slightly askew.

A page fed at an angle of a degree drifts 15 points across a landscape table: its rows no
longer line up, and rules break into steps. The angle is found from the page's ink (text
lines and rules give the sharpest row profile when level), and the picture turned back.

Boxes read from a straightened page are in its straightened frame: for the small angles
corrected here (at most `MAX_ANGLE`), within a few points of where the text sits on the scan.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
from PIL import Image

MAX_ANGLE = 2.0  # degrees; a page turned further is a different fault (sideways, upside down)
STEP = 0.1
MIN_ANGLE = 0.15  # below this, turning the picture would only blur it
PROFILE_WIDTH = 800  # pixels: enough to see lines, small enough to try every angle quickly
DARK = 160


def straighten(image: Path) -> float:
    """Turn the page picture level, in place; the angle it was turned by, in degrees."""
    with Image.open(image) as picture:
        page = picture.convert("L")
    angle = skew_angle(page)
    if abs(angle) >= MIN_ANGLE:
        page.rotate(angle, resample=Image.Resampling.BICUBIC, fillcolor=255).save(image)
    return angle


def skew_angle(page: Image.Image) -> float:
    """The turn (degrees, anticlockwise) that makes the page's lines of ink most level."""
    small = page.reduce(max(1, page.width // PROFILE_WIDTH))
    ink = Image.fromarray(((np.asarray(small) < DARK) * 255).astype(np.uint8))
    angles = np.arange(-MAX_ANGLE, MAX_ANGLE + STEP / 2, STEP)
    scores = [_sharpness(ink.rotate(float(a), resample=Image.Resampling.BILINEAR)) for a in angles]
    return round(float(angles[int(np.argmax(scores))]), 2)


def _sharpness(ink: Image.Image) -> float:
    """How sharply ink rows alternate with blank ones: highest when text lines are level."""
    rows = np.asarray(ink, dtype=np.float64).sum(axis=1)
    return float(np.square(np.diff(rows)).sum())
