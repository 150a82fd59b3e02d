"""Words split at once (numpy, over evenly set runs of glyphs) are the words the glyph-at-a-time
split finds: on every page of the Kent papers and ICDAR PDFs, and on runs made to be uneven."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pypdfium2 as pdfium
import pytest

from extract.pdf.words import (
    BREAKS,
    _char_boxes,
    _glyphs_split,
    _page_text,
    _runs_split,
    page_transform,
    page_words,
)
from tests.ingest_samples import text_pdf


def both_splits(page: pdfium.PdfPage) -> tuple[list, list, int]:
    """The words of the page both ways, and how many came from the at-once split."""
    textpage = page.get_textpage()
    try:
        text = _page_text(textpage.raw)
        if not text:
            return [], [], 0
        boxes, glyph = _char_boxes(
            textpage.raw, np.array([c not in BREAKS for c in text]), page_transform(page)
        )
    finally:
        textpage.close()
    at_once, uneven = _runs_split(boxes, glyph)
    return sorted(at_once + _glyphs_split(boxes, uneven)), _glyphs_split(boxes, glyph), len(at_once)


def test_the_two_splits_agree_on_every_page_of_the_real_pdfs(kent_dir: Path, icdar_dir: Path) -> None:
    pages = at_once = 0
    for path in [*sorted(kent_dir.glob("*.pdf")), *sorted(icdar_dir.glob("*.pdf"))]:
        pdf = pdfium.PdfDocument(path)
        try:
            for page in pdf:
                combined, one_by_one, fast = both_splits(page)
                assert combined == one_by_one, f"{path.name} page {pages}"
                pages, at_once = pages + 1, at_once + fast
                page.close()
        finally:
            pdf.close()
    assert pages > 100 and at_once > 10_000  # most words are split at once


def test_the_two_splits_agree_on_a_generated_pdf(tmp_path: Path) -> None:
    pdf = pdfium.PdfDocument(text_pdf(["Placements budget £42,150 forecast £45,870", "Total 1,234"], pages=2))
    try:
        for page in pdf:
            combined, one_by_one, fast = both_splits(page)
            assert combined == one_by_one and fast == 7  # every word of an evenly set line
    finally:
        pdf.close()


def boxes_of(*chars: tuple[float, float, float, float]) -> np.ndarray:
    return np.array(chars, dtype=np.float64).T


@pytest.mark.parametrize(
    ("chars", "words"),
    [
        # Even: split where the gap is wider than a quarter of the height (10 points).
        ([(0, 0, 5, 10), (5, 0, 10, 10), (12, 0, 17, 10)], [(0, 3)]),
        ([(0, 0, 5, 10), (5, 0, 10, 10), (13, 0, 18, 10)], [(0, 2), (2, 3)]),
        # A superscript (higher, smaller): the run is split one glyph at a time.
        ([(0, 0, 5, 10), (5, -4, 8, 4), (8, 0, 13, 10)], [(0, 3)]),
        # A glyph set back left of the one before (overprinting) starts a word.
        ([(0, 0, 5, 10), (5, 0, 10, 10), (3, 0, 16, 10)], [(0, 2), (2, 3)]),
    ],
)
def test_runs_set_unevenly_are_split_glyph_by_glyph_to_the_same_words(
    chars: list[tuple[float, float, float, float]], words: list[tuple[int, int]]
) -> None:
    boxes = boxes_of(*chars)
    glyph = np.ones(len(chars), dtype=bool)
    at_once, uneven = _runs_split(boxes, glyph)
    combined = sorted(at_once + _glyphs_split(boxes, uneven))
    assert combined == _glyphs_split(boxes, glyph)
    assert [(start, end) for start, end, _ in combined] == words


def test_page_words_reads_the_words_of_a_generated_page() -> None:
    pdf = pdfium.PdfDocument(text_pdf(["Placements budget £42,150"]))
    try:
        page = pdf[0]
        textpage = page.get_textpage()
        words = page_words(textpage, page_transform(page))
        textpage.close()
    finally:
        pdf.close()
    assert [w.text for w in words] == ["Placements", "budget", "£42,150"]
    assert all(w.x0 < w.x1 and w.top < w.bottom for w in words)
