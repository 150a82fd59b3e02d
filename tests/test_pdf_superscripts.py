"""Superscripts set against the word before them: an ordinal's suffix ('13' 'th') is joined to its
number, as the page shows it ('13th'); a note reference ('Placements²', '4,620²') is taken off, so
that names and figures read clean; other superscripts, and any set apart, on the line or full size,
are left alone."""

from __future__ import annotations

from pathlib import Path

import pypdfium2 as pdfium
import pytest
import weasyprint

from extract.pdf.words import Word, _superscripts_read, page_transform, page_words, text_lines
from tests.test_pdf_tables import pdf_of, read, table_html

# A number 11.26 points high, as Kent's cover sets '13', and its raised 'th' (Kent's boxes).
NUMBER = Word("13", 420.58, 617.76, 433.97, 629.02, 10)
SUFFIX = Word("th", 434.02, 616.69, 440.77, 624.23, 13)
NEXT = Word("February", 443.5, 617.76, 490.0, 629.02, 16)


def texts(*words: Word) -> list[str]:
    return [w.text for w in _superscripts_read(list(words))]


def test_a_raised_smaller_suffix_touching_a_number_joins_it_into_one_word() -> None:
    joined = _superscripts_read([NUMBER, SUFFIX, NEXT])
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


def test_a_footnote_marker_after_an_amount_is_taken_off_not_joined() -> None:
    assert texts(Word("£1.2m", 0, 0, 30, 10), Word("1", 30, -1, 34, 6)) == ["£1.2m"]
    assert texts(Word("2,150", 0, 0, 30, 10), Word("2", 30, -1, 34, 6)) == ["2,150"]


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


# A label 10 points high and a note reference set raised and smaller against it.
LABEL = Word("Placements", 0, 0, 50, 10)


@pytest.mark.parametrize("mark", ["2", "12", "*", "†", "‡", "§", "a"])
def test_a_raised_smaller_note_reference_touching_a_word_is_taken_off(mark: str) -> None:
    assert texts(LABEL, Word(mark, 50, -1, 55, 6), Word("38,250", 90, 0, 120, 10)) == ["Placements", "38,250"]


@pytest.mark.parametrize(
    ("mark", "why"),
    [
        (Word("2", 50, 2, 55, 10), "on the line, only smaller"),
        (Word("2", 50, -4, 55, 6), "raised, full size"),
        (Word("2", 53, -1, 58, 6), "set apart: 0.3 heights"),
        (Word("2", 50, 11, 55, 17), "on the next line"),
        (Word("123", 50, -1, 60, 6), "three digits"),
        (Word("TM", 50, -1, 60, 6), "capitals"),
        (Word("ab", 50, -1, 60, 6), "two letters"),
    ],
)
def test_a_superscript_not_shaped_or_set_as_a_note_reference_stays_a_word(mark: Word, why: str) -> None:
    assert texts(LABEL, mark) == ["Placements", mark.text], why


def test_a_note_reference_just_within_the_gap_is_taken_off() -> None:
    assert texts(LABEL, Word("2", 52.4, -1, 57, 6)) == ["Placements"]  # 0.24 heights


def test_a_raised_figure_after_an_opening_bracket_is_the_reference_itself_and_stays() -> None:
    assert texts(Word("(", 0, 0, 4, 10), Word("6", 4, -1, 8, 6)) == ["(", "6"]


def page_lines(body: str) -> list[str]:
    html = f"<html><body style='font-family: sans-serif; font-size: 10pt'>{body}</body></html>"
    pdf = pdfium.PdfDocument(weasyprint.HTML(string=html).write_pdf())
    try:
        page = pdf[0]
        textpage = page.get_textpage()
        words = page_words(textpage, page_transform(page))
        textpage.close()
    finally:
        pdf.close()
    return [line.text for line in text_lines(words)]


def test_note_references_set_with_sup_are_read_off_labels_and_figures_in_a_table() -> None:
    rows = [
        ["Home to School Transport (SEND)<sup>3</sup>", "9,870", "11,640<sup>2</sup>", "1,770"],
        ["Children Looked After – Placements<sup>12</sup>", "38,250", "42,870", "4,620<sup>*</sup>"],
        ["Care Leavers<sup>a</sup>", "3,410", "3,655<sup>†</sup>", "245"],
    ]
    table = read(pdf_of(table_html(rows))).tables[0]
    assert table.rows[1:] == [
        ["Home to School Transport (SEND)", "9,870", "11,640", "1,770"],
        ["Children Looked After – Placements", "38,250", "42,870", "4,620"],
        ["Care Leavers", "3,410", "3,655", "245"],
    ]


def test_superscripts_not_set_as_note_references_keep_their_text_on_the_page() -> None:
    body = (
        "<p>Placements<sup style='margin-left: 8pt'>2</sup> set apart</p>"
        "<p>Placements<span style='font-size: 60%'>2</span> only smaller</p>"
        "<p>Area 338 km<span style='vertical-align: super'>2</span> raised full size</p>"
        "<p>regions (<sup>6</sup>) inside brackets, Brand<sup>TM</sup> and the 13<sup>th</sup> May</p>"
    )
    assert page_lines(body) == [
        "Placements 2 set apart",
        "Placements2 only smaller",
        "Area 338 km2 raised full size",
        "regions (6 ) inside brackets, BrandTM and the 13th May",
    ]
