"""Reading a scanned PDF's words with a local OCR engine (tesseract), where one is installed.

OCR is optional: `available()` says whether the engine and the page renderer are on the PATH,
and where they are not, a scan is refused with advice, as before. Both run as subprocesses:
poppler's pdftoppm renders one page at a time (pdfium is not thread-safe, and workers run
actors in threads) as a grey PGM; it is straightened if it was scanned askew
(ingest.ocr_deskew), its ruling lines are found and painted out (ingest.ocr_rules), then tesseract reads the image as TSV, a row per word with its box.
Measured on Kent pages scanned at 200 dpi: about 4 s a page, nine tenths of it tesseract.

Boxes come back in PDF points from the page's top-left corner as displayed (crop box and
rotation applied), as the PDF reader's are, so provenance points at the same place either way.
"""

from __future__ import annotations

import csv
import io
import os
import re
import shutil
import subprocess
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from ingest.ocr_deskew import straighten
from ingest.ocr_rules import BBox, erase_rules

TESSERACT = "tesseract"
PDFTOPPM = "pdftoppm"
PDFINFO = "pdfinfo"
DPI = 300
# A page is rendered no larger than this many pixels a side, whatever its size in points,
# so a hostile PDF with a huge page cannot fill memory.
MAX_SIDE_PX = 5000
PAGE_TIMEOUT_S = 120
# Below this confidence (0-100) tesseract's "words" are mostly specks, rules and picture edges.
MIN_CONFIDENCE = 10.0
# One thread per tesseract: workers already run several documents side by side.
ENGINE_SETTINGS = {"OMP_THREAD_LIMIT": "1"}
# A "word" made of these alone is a ruling line or a speck read as text.
RULE_GLYPHS = set("|_[]{}—=~")
PAGE_SIZE = re.compile(r"^Page\s+(\d+)\s+size:\s+([\d.]+)\s+x\s+([\d.]+)", re.MULTILINE)


@dataclass(frozen=True)
class OcrWord:
    """One word as OCR read it. `top`/`bottom` are its text line's, as a PDF's font box would be."""

    text: str
    x0: float
    top: float
    x1: float
    bottom: float
    confidence: float
    line: int  # tesseract's line, counted in its reading order on the page


@dataclass(frozen=True)
class OcrPage:
    number: int  # 1-based
    words: list[OcrWord] = field(default_factory=list)
    rules: list[BBox] = field(default_factory=list)  # ruling lines drawn in the picture, in points
    error: str | None = None  # why the page could not be read, when it could not


def available() -> bool:
    """Whether OCR can run here: tesseract, and poppler's renderer and page-size reader."""
    return all(shutil.which(tool) for tool in (TESSERACT, PDFTOPPM, PDFINFO))


def ocr_pdf_words(data: bytes, max_pages: int | None = None, dpi: int = DPI) -> list[OcrPage]:
    """Every page's words (the first `max_pages` only, when given), read by OCR."""
    with tempfile.TemporaryDirectory(prefix="reviewpack-ocr-") as folder:
        pdf = Path(folder) / "scan.pdf"
        pdf.write_bytes(data)
        sizes = page_sizes(pdf)
        numbers = sorted(sizes)[:max_pages] if max_pages is not None else sorted(sizes)
        return [ocr_page(pdf, number, page_dpi(sizes[number], dpi)) for number in numbers]


def page_sizes(pdf: Path) -> dict[int, tuple[float, float]]:
    """Each page's width and height in points, as pdfinfo reports them (crop box)."""
    done = subprocess.run(
        [PDFINFO, "-f", "1", "-l", "100000", str(pdf)],
        capture_output=True,
        text=True,
        timeout=PAGE_TIMEOUT_S,
        check=False,
    )
    return {int(n): (float(w), float(h)) for n, w, h in PAGE_SIZE.findall(done.stdout)}


def page_dpi(size: tuple[float, float], dpi: int) -> float:
    """The resolution to render at: `dpi`, lowered for a page too big to render whole at it."""
    longest = max(size[0], size[1], 1.0)
    return min(float(dpi), MAX_SIDE_PX * 72 / longest)


def ocr_page(pdf: Path, number: int, dpi: float) -> OcrPage:
    """One page rendered and read; a failure is returned on the page, not raised."""
    image = pdf.with_name(f"page-{number}")
    try:
        render = [PDFTOPPM, "-f", str(number), "-l", str(number), "-r", f"{dpi:.2f}"]
        run(render + ["-cropbox", "-gray", "-singlefile", str(pdf), str(image)])
        straighten(Path(f"{image}.pgm"))  # a page fed askew: rows and rules level again
        rules = erase_rules(Path(f"{image}.pgm"), 72 / dpi)  # before OCR, which misreads them
        tsv = run([TESSERACT, f"{image}.pgm", "-", "--dpi", f"{dpi:.0f}", "--psm", "3", "-l", "eng", "tsv"])
    except (subprocess.SubprocessError, OSError) as exc:
        return OcrPage(number, error=f"{type(exc).__name__}: {exc}")
    finally:
        Path(f"{image}.pgm").unlink(missing_ok=True)
    return OcrPage(number, words_from_tsv(tsv, 72 / dpi), rules)


def run(command: list[str]) -> str:
    environment = {**os.environ, **ENGINE_SETTINGS}
    done = subprocess.run(
        command, capture_output=True, text=True, timeout=PAGE_TIMEOUT_S, env=environment, check=True
    )
    return done.stdout


def words_from_tsv(tsv: str, scale: float) -> list[OcrWord]:
    """Words from tesseract's TSV, in points (`scale` points a pixel), each as tall as its line.

    Tesseract boxes each word tightly ("was" is shorter than "Budget"); the line's height is
    what a PDF's text layer gives, and what grouping words into lines and rows expects.
    """
    rows = list(csv.DictReader(io.StringIO(tsv), delimiter="\t", quoting=csv.QUOTE_NONE))
    lines: dict[tuple[str, ...], tuple[int, float, float]] = {}
    words: list[OcrWord] = []
    for row in rows:
        key = (row["block_num"], row["par_num"], row["line_num"])
        top, height = float(row["top"]), float(row["height"])
        if row["level"] == "4":
            lines[key] = (len(lines) + 1, top * scale, (top + height) * scale)
        text = cleaned(row.get("text") or "")
        if row["level"] != "5" or not text or float(row["conf"]) < MIN_CONFIDENCE:
            continue
        line, line_top, line_bottom = lines.get(key, (0, top * scale, (top + height) * scale))
        left, width = float(row["left"]), float(row["width"])
        words.append(
            OcrWord(
                text, left * scale, line_top, (left + width) * scale, line_bottom, float(row["conf"]), line
            )
        )
    return words


def cleaned(text: str) -> str:
    """A word without the rule glyphs OCR reads where a ruling line touches it.

    A vertical rule beside a cell comes back as `|`, or as `]` or `}` glued to the figure
    ('1,429,506.8]'); a bracket is only taken off when the word has no partner for it.
    """
    text = text.strip().strip("|")
    if text.endswith(("]", "}")) and not any(c in text for c in "[{"):
        text = text[:-1]
    if text.startswith(("[", "{")) and not any(c in text for c in "]}"):
        text = text[1:]
    return "" if set(text) <= RULE_GLYPHS else text


def page_text(page: OcrPage) -> str:
    """The page's words as lines of text, in tesseract's reading order."""
    lines: dict[int, list[str]] = {}
    for word in page.words:
        lines.setdefault(word.line, []).append(word.text)
    return "\n".join(" ".join(words) for words in lines.values())
