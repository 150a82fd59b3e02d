"""An ordinal's suffix set as a superscript ('13' 'th') is joined to its number, as the page
shows it ('13th'); other superscripts, and suffixes set apart or full size, are left alone."""

from __future__ import annotations

from pathlib import Path

import pypdfium2 as pdfium
import pytest

from extract.pdf.words import Word, _ordinals_joined, page_transform, page_words, text_lines

# A number 11.26 points high, as Kent's cover sets '13', and its raised 'th' (Kent's boxes).
NUMBER = Word("13", 420.58, 617.76, 433.97, 629.02, 10)
SUFFIX = Word("th", 434.02, 616.69, 440.77, 624.23, 13)
NEXT = Word("February", 443.5, 617.76, 490.0, 629.02, 16)


def texts(*words: Word) -> list[str]:
    return [w.text for w in _ordinals_joined(list(words))]


def test_a_raised_smaller_suffix_touching_a_number_joins_it_into_one_word() -> None:
    joined = _ordinals_joined([NUMBER, SUFFIX, NEXT])
    assert [w.text for w in joined] == ["13th", "February"]
    assert (joined[0].x0, joined[0].top, joined[0].x1, joined[0].bottom) == (420.58, 616.69, 440.77, 629.02)
    assert joined[0].char == 10


@pytest.mark.parametrize("suffix", ["st", "nd", "rd", "th"])
def test_every_ordinal_suffix_joins(suffix: str) -> None:
    assert texts(Word("1", 0, 0, 6, 10), Word(suffix, 6, -1, 11, 6)) == [f"1{suffix}"]


def test_a_suffix_within_a_small_gap_joins_and_one_further_off_does_not() -> None:
    near = Word("th", NUMBER.x1 + 2.5, SUFFIX.top, NUMBER.x1 + 9, SUFFIX.bottom)  # 0.22 heights
    far = Word("th", NUMBER.x1 + 3, SUFFIX.top, NUMBER.x1 + 9.5, SUFFIX.bottom)  # 0.27 heights
    assert texts(NUMBER, near) == ["13th"]
    assert texts(NUMBER, far) == ["13", "th"]


def test_a_suffix_raised_only_or_smaller_only_joins() -> None:
    raised = Word("th", 6, -3, 11, 7)  # full height, set 3 points up
    smaller = Word("th", 6, 2, 11, 10)  # on the baseline, 0.8 of the height
    assert texts(Word("2", 0, 0, 6, 10), raised) == ["2th"]
    assert texts(Word("2", 0, 0, 6, 10), smaller) == ["2th"]


def test_a_suffix_set_full_size_on_the_baseline_stays_a_word() -> None:
    assert texts(Word("10", 0, 0, 12, 10), Word("th", 12.5, 0, 18, 10)) == ["10", "th"]


def test_a_suffix_after_a_word_not_ending_in_a_digit_stays_a_word() -> None:
    assert texts(Word("Figure", 0, 0, 30, 10), Word("th", 30, -1, 35, 6)) == ["Figure", "th"]


def test_a_footnote_marker_after_an_amount_stays_a_word() -> None:
    assert texts(Word("£1.2m", 0, 0, 30, 10), Word("1", 30, -1, 34, 6)) == ["£1.2m", "1"]
    assert texts(Word("2,150", 0, 0, 30, 10), Word("2", 30, -1, 34, 6)) == ["2,150", "2"]


def test_a_suffix_on_another_line_stays_a_word() -> None:
    assert texts(Word("13", 0, 0, 12, 10), Word("th", 12, 11, 18, 17)) == ["13", "th"]


def test_kents_cover_reads_13th_february_as_the_page_shows_it(kent_dir: Path) -> None:
    pdf = pdfium.PdfDocument(kent_dir / "kent_cabinet_2025-01-30_draft_budget_MTFP_cover.pdf")
    try:
        page = pdf[1]
        textpage = page.get_textpage()
        words = page_words(textpage, page_transform(page))
        textpage.close()
    finally:
        pdf.close()
    lines = [line.text for line in text_lines(words)]
    assert "b) endorse the draft budget to be presented to County Council on 13th February for final" in lines
    assert "th" not in [w.text for w in words]
