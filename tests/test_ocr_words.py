"""OCR's words and rules in PDF points: tesseract's TSV parsed and cleaned, rules found in the
picture and painted out, askew pages measured, pages sized, and page problems worded."""

from __future__ import annotations

from pathlib import Path

import numpy as np
from PIL import Image, ImageDraw

from extract.pdf.ocr import LOW_CONFIDENCE, page_problem
from ingest.ocr import MAX_SIDE_PX, OcrPage, OcrWord, cleaned, page_dpi, page_text, words_from_tsv
from ingest.ocr_deskew import skew_angle
from ingest.ocr_rules import erase_rules, image_rules

HEADER = "level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext"


def tsv(*rows: str) -> str:
    return "\n".join([HEADER, *rows]) + "\n"


# A line at 300 dpi, 100 px from the top; "was" is boxed shorter than its line, as tesseract does.
LINE = tsv(
    "1\t1\t0\t0\t0\t0\t0\t0\t2480\t3508\t-1\t",
    "4\t1\t1\t1\t1\t0\t300\t100\t600\t50\t-1\t",
    "5\t1\t1\t1\t1\t1\t300\t100\t240\t50\t96.5\tBudget",
    "5\t1\t1\t1\t1\t2\t600\t112\t90\t30\t91.0\twas",
    "5\t1\t1\t1\t1\t3\t720\t100\t30\t50\t3.0\t|",
    "5\t1\t1\t1\t1\t4\t760\t100\t30\t50\t95.0\t ",
)


def test_pixels_become_points_at_the_rendering_resolution() -> None:
    budget = words_from_tsv(LINE, 72 / 300)[0]
    assert (budget.text, budget.x0, budget.x1) == ("Budget", 72.0, 129.6)


def test_every_word_is_as_tall_as_its_line_so_lines_group_as_a_text_layer_does() -> None:
    words = words_from_tsv(LINE, 72 / 300)
    assert {(w.top, w.bottom) for w in words} == {(24.0, 36.0)}


def test_blank_and_barely_recognised_words_are_dropped() -> None:
    assert [w.text for w in words_from_tsv(LINE, 1.0)] == ["Budget", "was"]


def test_quotes_in_ocr_text_do_not_swallow_the_following_rows() -> None:
    quoted = tsv(
        "4\t1\t1\t1\t1\t0\t0\t0\t100\t10\t-1\t",
        "5\t1\t1\t1\t1\t1\t0\t0\t40\t10\t90.0\t\"Children's",
        "5\t1\t1\t1\t1\t2\t50\t0\t40\t10\t90.0\tservices",
    )
    assert [w.text for w in words_from_tsv(quoted, 1.0)] == ["\"Children's", "services"]


def test_page_text_keeps_tesseract_lines_apart() -> None:
    two = tsv(
        "4\t1\t1\t1\t1\t0\t0\t0\t100\t10\t-1\t",
        "5\t1\t1\t1\t1\t1\t0\t0\t40\t10\t90.0\tBudget",
        "4\t1\t1\t1\t2\t0\t0\t20\t100\t10\t-1\t",
        "5\t1\t1\t1\t2\t1\t0\t20\t40\t10\t90.0\tmonitoring",
    )
    assert page_text(OcrPage(1, words_from_tsv(two, 1.0))) == "Budget\nmonitoring"


def test_a_huge_page_is_rendered_at_a_lower_resolution_to_bound_memory() -> None:
    side = 14400.0  # the largest page PDF allows, 200 inches
    assert side * page_dpi((side, side), 300) / 72 <= MAX_SIDE_PX
    assert page_dpi((595.0, 842.0), 300) == 300


def test_a_page_ocr_could_not_read_is_recorded_on_that_page() -> None:
    problem = page_problem("scan.pdf", OcrPage(3, error="TimeoutExpired: tesseract"))
    assert problem is not None and (problem.code, problem.page) == ("ocr_page_failed", 3)
    assert problem.message == "page 3 of scan.pdf could not be read: the scan of it could not be read by OCR"


def test_a_hard_to_read_page_says_so_and_a_clear_one_does_not() -> None:
    def page(confidence: float) -> OcrPage:
        return OcrPage(2, [OcrWord("£4.2m", 0, 0, 10, 10, confidence, 1)])

    low = page_problem("scan.pdf", page(LOW_CONFIDENCE - 20))
    assert low is not None and (low.code, low.page) == ("ocr_low_confidence", 2)
    assert page_problem("scan.pdf", page(LOW_CONFIDENCE + 20)) is None


def test_rule_glyphs_glued_to_a_figure_are_taken_off_and_brackets_that_pair_are_kept() -> None:
    assert [cleaned(t) for t in ["1,429,506.8]", "|3,720", "-86,785.9|", "{480", "(350)", "[a]"]] == [
        "1,429,506.8",
        "3,720",
        "-86,785.9",
        "480",
        "(350)",
        "[a]",
    ]


def test_a_word_that_is_only_rule_glyphs_is_dropped() -> None:
    assert [cleaned(t) for t in ["|", "__", "—", "-"]] == ["", "", "", "-"]


def page_picture(folder: Path) -> Path:
    """A 300 dpi page: a 1 pt rule across, a 1 pt rule down, a dark shaded band, and a letter."""
    picture = Image.new("L", (1000, 800), 255)
    draw = ImageDraw.Draw(picture)
    draw.rectangle((100, 200, 900, 203), fill=0)  # across: 800 px long, 4 px thick
    draw.rectangle((500, 100, 503, 700), fill=0)  # down
    draw.rectangle((100, 400, 900, 480), fill=90)  # a dark table header
    draw.rectangle((600, 420, 850, 423), fill=255)  # a white line of text inside it
    draw.rectangle((150, 600, 160, 640), fill=0)  # a letter's stroke
    path = folder / "page.pgm"
    picture.save(path)
    return path


def test_rules_are_found_in_points_and_painted_out_of_the_picture(tmp_path: Path) -> None:
    path = page_picture(tmp_path)
    scale = 72 / 300
    rules = erase_rules(path, scale)
    assert sorted(rules) == sorted(
        [
            (100 * scale, 200 * scale, 901 * scale, 204 * scale),
            (500 * scale, 100 * scale, 504 * scale, 701 * scale),
        ]
    )
    with Image.open(path) as erased:
        pixels = np.asarray(erased)
    assert pixels[201, 300] == 255 and pixels[300, 501] == 255  # the rules are gone
    assert pixels[620, 155] == 0 and pixels[410, 200] == 90  # the letter and the shading stay


def test_a_page_of_letters_and_shading_has_no_rules() -> None:
    ink = np.zeros((800, 1000), dtype=bool)
    ink[400:480, 100:900] = True  # shading
    ink[600:640, 150:160] = True  # a letter
    assert image_rules(ink, 72 / 300) == []


def test_a_page_scanned_askew_is_measured_to_turn_it_level() -> None:
    page = Image.new("L", (2000, 2800), 255)
    draw = ImageDraw.Draw(page)
    for top in range(200, 2600, 60):  # lines of "text": ink bars with gaps between words
        for left in range(150, 1800, 220):
            draw.rectangle((left, top, left + 180, top + 25), fill=0)
    for turned in (-1.2, 0.0, 0.8):
        askew = page.rotate(turned, resample=Image.Resampling.BILINEAR, fillcolor=255)
        assert abs(skew_angle(askew) + turned) <= 0.15
