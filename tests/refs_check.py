"""The pack check: every figure printed is traced, by its ref, to the record field it was written
from, and shows that field's value at the precision printed; no figure is printed untraced.

The rule, stated once (refs are render.refs' convention: "review.json#/json/pointer"):
- A traced figure is an element with `data-ref` and `data-unit` (a span in the HTML, a <text> in a
  chart's SVG). Its ref (each of them, where a record is held in several places) must resolve to one value in review.json or extraction.json, and its text,
  read back by the unit it claims (`read`), must be that value rounded half up
  (extract.verify.tolerance.half_up) to the places printed. The sign counts: a negative value must
  print negative (-£1.2m, or (700) in a £000 table), a positive one not; where `data-sign="abs"`
  the words say the sign and the magnitude is printed unsigned. Money in words or in pounds that
  is not none never prints as none (£45k, not £0.0m: SHOWN_NOT_NONE). A missing value prints as n/a or
  nothing. Quoted text (`data-unit="text"`) must be the field's text as written (cut short at a word with ...,
  or after a whole sentence).
- Untraced text may hold no figure: no £ amount, no percentage, no £m, no "pts", and no digit in a
  table's number cell. Financial years, source labels ([S3]) and page numbers are not figures and
  carry no ref. A chart's title and description may repeat only its own traced labels.
- The workbook (render.data): every number cell of a sheet has, at the same cell of its hidden
  "<sheet> refs" sheet, a ref (or refs) resolving to exactly the value the cell holds (a workbook
  keeps values unrounded; its number formats only show them).
- The PDF (what WeasyPrint prints from this HTML) shows the same figures: every £, % and m token in
  its text is one the HTML traces, and every traced money or percentage figure appears in it.

The reading is this module's own (regular expressions per unit), not render.fmt's: the check does
not share the renderer's rules, so a renderer that writes a wrong number cannot also excuse it.
"""

from __future__ import annotations

import io
import json
import re
from collections import Counter
from dataclasses import dataclass
from html import unescape
from typing import Any

import pdfplumber
import pypdfium2 as pdfium
from lxml import etree
from lxml import html as lxml_html
from openpyxl import load_workbook
from pptx import Presentation

from extract.verify.tolerance import half_up
from render.refs import resolve

NUMBER = r"(?P<digits>\d{1,3}(?:,\d{3})+|\d+)(?:\.(?P<places>\d+))?"
# Each unit's printed form: the sign, the number, the scale its value is divided by to print.
FORMS: dict[str, tuple[re.Pattern[str], float]] = {
    "gbp_m": (re.compile(rf"(?P<sign>[+-]?)£{NUMBER}m"), 1e6),
    "gbp_thousands": (re.compile(rf"(?P<sign>[+-]?)£{NUMBER}k"), 1e3),
    "gbp": (re.compile(rf"(?P<sign>-?)£{NUMBER}"), 1.0),
    "gbp_k": (re.compile(rf"(?P<open>\(?){NUMBER}(?P<close>\)?)"), 1e3),
    "gbp_k_signed": (re.compile(rf"(?P<sign>[+-]?){NUMBER}"), 1e3),
    "percent": (re.compile(rf"(?P<sign>[+-]?){NUMBER}%"), 1.0),
    "fraction": (re.compile(rf"(?P<sign>[+-]?){NUMBER}%"), 0.01),
    "points": (re.compile(rf"(?P<sign>[+-]?){NUMBER} pts"), 1.0),
    "count": (re.compile(NUMBER), 1.0),
    "number": (re.compile(rf"(?P<sign>-?){NUMBER}"), 1.0),
}
GRADES = {1: "Outstanding", 2: "Good", 3: "Requires improvement", 4: "Inadequate"}  # Ofsted's words
NO_VALUE = {"", "n/a"}
# Money in words is never printed as none where it is not (£45k, not £0.0m); a table's £000 may be.
SHOWN_NOT_NONE = {"gbp_m", "gbp_thousands", "gbp"}
AMOUNT = r"(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?"
MONEY_LOOKING = re.compile(
    rf"[+-]?£\s?{AMOUNT}[mk]?|{AMOUNT}(?:%|m\b|\s?pts\b)"
)  # the pack writes 5%, never 5 %
NOT_FIGURES = [
    re.compile(r"\b\d{4}-\d{2}\b"),  # financial years
    re.compile(r"\[S\d+(?:, (?:S|\+)\d+)*\]"),  # source labels
    re.compile(r"Page \d+ of \d+"),  # page numbers
    re.compile(r"\bp\. ?\d+"),
    re.compile(r"£000(?!\d|[,.]\d)"),  # a table's unit, "(£000)", "(£000, as printed)"
]


@dataclass(frozen=True)
class Printed:
    ref: str
    unit: str
    sign: str
    text: str


def _text(element: Any) -> str:
    return " ".join(element.text_content().split())


def traced(html: str) -> list[Printed]:
    """Every element of the pack's HTML that carries a ref."""
    doc = lxml_html.fromstring(html)
    return [
        Printed(e.get("data-ref"), e.get("data-unit", ""), e.get("data-sign", ""), _text(e))
        for e in doc.xpath("//*[@data-ref]")
    ]


def read(printed: Printed, value: Any) -> str | None:
    """Why the printed text is not `value` printed in its unit, or None when it is."""
    text = printed.text
    if value is None:
        return None if text in NO_VALUE else f"{text!r} printed where the record holds no value"
    if printed.unit == "text" or isinstance(value, str):
        return _quoted(text, str(value))
    if printed.unit == "grade":
        return (
            None
            if text == GRADES.get(round(value), f"grade {half_up(value, 1)}")
            else f"{text!r} is not grade {value}"
        )
    if printed.unit not in FORMS:
        return f"unknown unit {printed.unit!r}"
    pattern, scale = FORMS[printed.unit]
    m = pattern.fullmatch(text)
    if not m:
        return f"{text!r} is not a {printed.unit} figure"
    places = len(m.group("places") or "")
    printed_digits = m.group("digits").replace(",", "") + ("." + m.group("places") if places else "")
    expected = half_up(abs(value) / scale, places).replace(",", "")
    if printed_digits != expected:
        return f"{text!r} is not {value} ({expected} at the precision printed)"
    if printed.unit in SHOWN_NOT_NONE and value and float(expected) == 0:
        return f"{text!r} shows {value} as none"
    return _signed(m, printed, value, expected)


def _signed(m: re.Match[str], printed: Printed, value: float, rounded: str) -> str | None:
    groups = m.groupdict()
    negative = groups.get("sign") == "-" or bool(groups.get("open"))
    if bool(groups.get("open")) != bool(groups.get("close")):
        return f"{printed.text!r} has unbalanced brackets"
    if printed.sign == "abs":
        return None if not negative and groups.get("sign") != "+" else f"{printed.text!r} is signed"
    if float(rounded) == 0:
        return None
    if negative != (value < 0):
        return f"{printed.text!r} has the wrong sign for {value}"
    return None


def _quoted(text: str, value: str) -> str | None:
    """None where `text` is `value` as written, or its start cut short at a word (or before a
    clause's ";") with '...', or after a whole sentence."""
    written = " ".join(value.split())
    if text in (written, written[:1].upper() + written[1:]):  # as written, or begun as a sentence
        return None
    body = text.removesuffix("...")
    if body != text and written.startswith(body) and written[len(body) : len(body) + 1] in {" ", "", ";"}:
        return None
    begun = written[:1].upper() + written[1:]
    if text[-1:] in {".", "?"} and any(
        w.startswith(text) and w[len(text) : len(text) + 1] == " " for w in (written, begun)
    ):
        return None  # its first whole sentences
    return f"{text[:60]!r} is not the record's text {written[:60]!r}"


def wrong_figures(html: str, review: dict[str, Any], extraction: dict[str, Any]) -> list[str]:
    """Each traced figure whose ref does not resolve or whose text is not its value."""
    out = []
    for p in traced(html):
        for ref in p.ref.split() or [""]:
            try:
                value = resolve(ref, review, extraction)
            except KeyError as e:
                out.append(f"{p.text!r}: {e.args[0]}")
                continue
            if (why := read(p, value)) is not None:
                out.append(f"{ref}: {why}")
    return out


def figures_in(text: str) -> list[str]:
    """The figure-like tokens of a text, less years, source labels and page numbers."""
    for pattern in NOT_FIGURES:
        text = pattern.sub(" ", text)
    return [" ".join(t.split()) for t in MONEY_LOOKING.findall(text)]


def _loose_text(element: Any) -> list[str]:
    """The element's text that is not inside a traced descendant."""
    parts = [element.text or ""]
    for child in element:
        if not isinstance(child.tag, str):  # comments
            parts.append(child.tail or "")
            continue
        if child.get("data-ref") is None and child.tag not in {"style", "script", "title", "desc"}:
            parts += _loose_text(child)
        parts.append(child.tail or "")
    return parts


def untraced_figures(html: str) -> list[str]:
    """Figures printed with no ref: in running text, in a number cell, or in a chart's words
    that are not its own labels."""
    doc = lxml_html.fromstring(html)
    body = doc.find("body")
    out = [f"untraced {t!r}" for t in figures_in(" ".join(_loose_text(body)))]
    for cell in body.xpath("//td[contains(concat(' ', @class, ' '), ' num ')]"):
        loose = " ".join(_loose_text(cell)).strip()
        if re.search(r"\d", loose):
            out.append(f"untraced number cell {loose!r}")
    for svg in body.xpath("//svg"):
        labels = {_text(e) for e in svg.xpath(".//*[@data-ref]")}
        words = " ".join(_text(e) for e in svg.xpath("./title | ./desc"))
        out += [f"chart words {t!r} not among its labels" for t in figures_in(words) if t not in labels]
    return out


def problems(html: str, review: dict[str, Any], extraction: dict[str, Any]) -> list[str]:
    return wrong_figures(html, review, extraction) + untraced_figures(html)


def pdf_text(data: bytes) -> str:
    pdf = pdfium.PdfDocument(data)
    try:
        return "\n".join(pdf[i].get_textpage().get_text_range() for i in range(len(pdf)))
    finally:
        pdf.close()


def pdf_mismatches(pdf: str, html: str) -> list[str]:
    """Figures the PDF's text shows that the HTML does not trace, and traced figures it lost."""
    traced_tokens: Counter[str] = Counter()
    for p in traced(html):
        traced_tokens.update(figures_in(p.text))
    shown = Counter(figures_in(pdf))
    extra = [f"in the PDF, not traced: {t!r}" for t in shown if t not in traced_tokens]
    lost = [f"traced, not in the PDF: {t!r}" for t in traced_tokens if t not in shown]
    return extra + lost


# The pack's page margins (top, right, bottom, left), read from its stylesheet's @page rule.
PAGE_MARGIN = re.compile(r"@page\s*\{[^}]*?margin:\s*([\d.]+)mm\s+([\d.]+)mm\s+([\d.]+)mm\s+([\d.]+)mm")
POINTS_PER_MM = 72 / 25.4
EDGE_PT = 0.5  # a glyph's box may overhang its line's edge by a hair


def past_the_margins(data: bytes, stylesheet: str) -> list[str]:
    """Text or a table's rules that run past the page's left or right margin (into the margin or
    off the paper: a column cut off), by page, with the first words out. Read with pdfplumber, not
    WeasyPrint: what a printed page shows."""
    found = PAGE_MARGIN.search(stylesheet)
    assert found, "the stylesheet sets no @page margin"
    right_mm, left_mm = float(found.group(2)), float(found.group(4))
    out = []
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        for n, page in enumerate(pdf.pages, 1):
            left, right = left_mm * POINTS_PER_MM - EDGE_PT, page.width - right_mm * POINTS_PER_MM + EDGE_PT
            words = [w["text"] for w in page.extract_words() if w["x0"] < left or w["x1"] > right]
            rules = [r for r in page.lines + page.rects if r["x0"] < left or r["x1"] > right]
            if words or rules:
                out.append(
                    f"page {n}: {len(words)} words and {len(rules)} rules past the margins: {words[:5]}"
                )
    return out


# Letters, a line break, letters: where a word may have been broken across two lines.
LINE_END_WORD = re.compile(r"(\S*?)([A-Za-z]+)(-?)\r?\n(?=([A-Za-z]+)(\S*))")
HTML_TAG = re.compile(r"<[^>]*>")
# A cell holding a file's or a data set field's name, which the pack lets break anywhere (pack.css's
# `.file`, `.name-cell`): a name is no word, and a long one has no other place to break.
NAME_CELL = re.compile(r'<(td|th)[^>]*class="(?:file|name-cell)"[^>]*>(.*?)</\1>', re.S)


def split_words(pdf: str, html: str) -> list[str]:
    """Words of the HTML that the PDF's text breaks across two lines mid-word ("Outstand" / "ing",
    or "Outstand-" / "ing" where it hyphenates): the two ends of the break join into one of the
    HTML's words, and one of them is no word of the HTML on its own (a line that ends "over" and
    a next that begins "all" are two words where the HTML has both). A break at a hyphen the HTML
    itself prints ("non-" / "recurrent") is no split, nor one inside a name the pack lets break
    anywhere (`NAME_CELL`), wherever the name is printed."""
    text = unescape(HTML_TAG.sub(" ", html))
    words = set(re.findall(r"[A-Za-z]+", text))
    names = {t for m in NAME_CELL.finditer(html) for t in unescape(HTML_TAG.sub(" ", m.group(2))).split()}
    out = []
    for m in LINE_END_WORD.finditer(pdf):
        before, start, hyphen, rest, after = m.groups()
        joined = start + rest
        if joined not in words or f"{start}-{rest}" in text:
            continue
        token = (before + start + rest + after).strip("()[],;:.")
        if any(token in name for name in names):
            continue
        if hyphen or start not in words or rest not in words:
            out.append(f"{start}{hyphen} / {rest} ({joined})")
    return out


def deck_problems(data: bytes, review: dict[str, Any], extraction: dict[str, Any]) -> list[str]:
    """The deck's figures checked as the pack's are: each figure a shape names in its shape tag
    (`p:nvPr/p:custDataLst/p:tags r:id` to a `ppt/tags/tagN.xml` part whose `p:tag` named
    "reviewpack-refs" holds a JSON list of {"ref", "unit", "sign", "text"}: render.slides.tag) is
    shown in the shape and is its ref's value at the precision printed (`read`), and no £, % or m
    figure of a shape's visible text (text, table cells, a chart's data labels; not the speaker
    notes) lies outside its tagged figures, nor any number in a table cell or a chart's point. The
    alt text (`p:cNvPr/@descr`) is for people: a ref there is a problem. Every source label a
    slide shows, in its text or its notes, is one the pack's sources appendix lists with that number
    (`_label_problems`). Each problem names its slide."""
    out: list[str] = []
    appendix = _pack_appendix(review, extraction)
    for number, slide in enumerate(Presentation(io.BytesIO(data)).slides, 1):
        for shape in slide.shapes:
            out += [f"slide {number}: {why}" for why in _shape_problems(shape, review, extraction)]
        out += [f"slide {number}: {why}" for why in _label_problems(slide, appendix)]
    return out


CITED = re.compile(r"\[(S\d+(?:, (?:S|\+)\d+)*)\]")  # a source label as render.sources' cite writes it
NOTE_SOURCE = re.compile(r"^\[S(\d+)\] (.*)$")  # a speaker note's source line (render.slides.notes)


def _pack_appendix(review: dict[str, Any], extraction: dict[str, Any]) -> list[str]:
    """The pack's sources appendix as the deck's notes write each entry: the deck cites by the
    pack's numbers (render.pack.pack_sources), so each label it shows must be one the pack lists."""
    from analyse.records import Review
    from extract.records import Extraction
    from render.pack import pack_sources

    sources = pack_sources(Review.model_validate(review), Extraction.model_validate(extraction))
    return [f'{s.name}, {s.where}: "{s.text[:200]}"' for s in sources.sources]


def _label_problems(slide: Any, appendix: list[str]) -> list[str]:
    """Each source label a slide shows (its text, its tables, its speaker notes) is one the pack's
    appendix lists, and each source its notes spell out is the appendix's entry of that number."""
    texts = [piece for shape in slide.shapes for piece in _visible(shape)]
    note = slide.notes_slide.notes_text_frame.text if slide.has_notes_slide else ""
    out: list[str] = []
    for m in CITED.finditer("\n".join([*texts, note])):
        for label in re.findall(r"S(\d+)", m.group(1)):
            if int(label) > len(appendix):
                out.append(f"[S{label}] is not in the pack's sources appendix ({len(appendix)} sources)")
    for line in note.splitlines():
        n = NOTE_SOURCE.match(line)
        if n and int(n.group(1)) <= len(appendix) and n.group(2) != appendix[int(n.group(1)) - 1]:
            out.append(f"[S{n.group(1)}] in the notes is not the pack's S{n.group(1)}: {n.group(2)[:80]!r}")
    return out


REFS_TAG = "reviewpack-refs"
P_TAG = "{http://schemas.openxmlformats.org/presentationml/2006/main}tag"


def shape_tags(shape: Any) -> list[dict[str, str]]:
    """The figures a shape's tags name (its "reviewpack-refs" shape tags, read from their parts)."""
    out: list[dict[str, str]] = []
    for r_id in shape._element.xpath("./*[1]/p:nvPr/p:custDataLst/p:tags/@r:id"):
        root = etree.fromstring(shape.part.related_part(r_id).blob)
        out += [
            t for tag in root.iter(P_TAG) if tag.get("name") == REFS_TAG for t in json.loads(tag.get("val"))
        ]
    return out


def _shape_problems(shape: Any, review: dict[str, Any], extraction: dict[str, Any]) -> list[str]:
    pieces = _visible(shape)
    descr = shape._element.xpath("./*[1]/p:cNvPr")[0].get("descr") or ""
    if "review.json#" in descr or "extraction.json#" in descr:
        return [f"{shape.name}: refs in its alt text, which a screen reader reads out"]
    try:
        tagged = [
            Printed(t["ref"], t["unit"], t["sign"], " ".join(t["text"].split())) for t in shape_tags(shape)
        ]
    except (ValueError, TypeError, KeyError) as e:
        return [f"{shape.name}: its tag is not a list of figures ({e})"]
    out: list[str] = []
    for p in tagged:
        for ref in p.ref.split() or [""]:
            try:
                value = resolve(ref, review, extraction)
            except KeyError as e:
                out.append(f"{p.text!r}: {e.args[0]}")
                continue
            if (why := read(p, value)) is not None:
                out.append(f"{ref}: {why}")
        # a chart's label shows no sign on a value that rounds to zero (-£0.0m and +£0.0m are shown £0.0m)
        shows = re.sub("^[+-]", "", p.text) if shape.has_chart and not re.search("[1-9]", p.text) else p.text
        if p.text and not _take(pieces, shows):
            out.append(f"{p.text!r} is tagged but not shown in {shape.name}")
    if shape.has_chart:  # each data label is a figure of its own
        return out + [f"untraced chart value {c!r} in {shape.name}" for c in pieces if c]
    out += [f"untraced {t!r} in {shape.name}" for t in figures_in("\n".join(pieces))]
    if shape.has_table:
        out += [f"untraced number cell {c!r} in {shape.name}" for c in pieces if NUMBER_CELL.fullmatch(c)]
    return out


NUMBER_CELL = re.compile(r"[\s£(+-]*\d[\d,.]*[)%m]?\s*")  # a cell holding a figure alone


def _visible(shape: Any) -> list[str]:
    """The text a reader sees in a shape: its text, its table's cells, or its chart's data labels
    (one piece each), with runs of white space as one space, as the tags' texts are read."""
    if shape.has_text_frame:
        return [" ".join(shape.text_frame.text.split())]
    if shape.has_table:
        return [" ".join(cell.text.split()) for row in shape.table.rows for cell in row.cells]
    if shape.has_chart:
        plot = shape.chart.plots[0]
        code = plot.data_labels.number_format
        return [
            own_label(s, i) or labelled(v, code)
            for s in plot.series
            for i, v in enumerate(s.values)
            if v is not None
        ]
    return []


NUMBER_FORMAT = re.compile(
    r'(?P<before>[^#0"]*)#,##0(?:\.(?P<places>0+)(?P<optional>#*))?(?:"(?P<after>[^"]*)")?'
)


def own_label(series: Any, i: int) -> str:
    """The text of point `i`'s own data label, where it has one (`c:dLbl` with rich text), instead of
    its value in the chart's number format; else ''."""
    runs = series._element.xpath(f"./c:dLbls/c:dLbl[c:idx/@val='{i}']/c:tx/c:rich//a:t/text()")
    return " ".join("".join(runs).split())


def labelled(value: float, code: str) -> str:
    """A chart point's data label: its value as the number format `code` shows it (the forms the
    deck uses: '£#,##0.0#"m"' (its '#' a place shown only where it is not a trailing zero),
    '£#,##0', '#,##0.0', '#,##0.0"%"', a negative value with a minus first; or sections for
    positive, negative and zero values, '+£#,##0.0#"m";-£#,##0.0#"m";£#,##0.0#"m"', each showing
    the value's magnitude)."""
    sections = code.split(";")
    if len(sections) > 3:
        raise ValueError(f"a chart number format the check does not read: {code!r}")
    if len(sections) > 1:
        which = 0 if value > 0 else 1 if value < 0 else (2 if len(sections) == 3 else 0)
        return _written(abs(value), sections[which], code)
    written = _written(abs(value), code, code)
    return f"-{written}" if value < 0 and re.search("[1-9]", written) else written


def _written(magnitude: float, section: str, code: str) -> str:
    m = NUMBER_FORMAT.fullmatch(section)
    if m is None:
        raise ValueError(f"a chart number format the check does not read: {code!r}")
    places, optional = len(m.group("places") or ""), len(m.group("optional") or "")
    shown = half_up(magnitude, places + optional)
    # an optional place ('#') shows its digit only where it is not a trailing zero
    for _ in range(optional):
        shown = shown.removesuffix("0") if shown.endswith("0") and "." in shown else shown
    return f"{m.group('before')}{shown}{m.group('after') or ''}"


def _take(pieces: list[str], text: str) -> bool:
    """Remove the figure `text`, standing alone, from the first piece that is just it, else from
    the first that holds it ("3" is not taken from "[S3]", nor "£1.2m" from "£1.25m")."""
    alone = re.compile(r"(?<![\w.,£+-])" + re.escape(text) + r"(?![\w%]|[.,]\d)")
    if text in pieces:
        pieces[pieces.index(text)] = ""
        return True
    for i, piece in enumerate(pieces):
        if alone.search(piece):
            pieces[i] = alone.sub(" ", piece, count=1)
            return True
    return False


def deck_text(data: bytes) -> str:
    """Every word and number a reader can see or edit: text, table cells, chart data, notes."""
    parts: list[str] = []
    for slide in Presentation(io.BytesIO(data)).slides:
        for shape in slide.shapes:
            if shape.has_text_frame:
                parts.append(shape.text_frame.text)
            if shape.has_table:
                parts += [cell.text for row in shape.table.rows for cell in row.cells]
            if shape.has_chart:
                plot = shape.chart.plots[0]
                parts += [str(c) for c in plot.categories]
                parts += [str(v) for s in plot.series for v in s.values if v is not None]
        parts.append(slide.notes_slide.notes_text_frame.text)
    return "\n".join(parts)


def workbook_problems(data: bytes, review: dict[str, Any], extraction: dict[str, Any]) -> list[str]:
    """Number cells of the workbook without a ref, or whose refs hold another value."""
    book = load_workbook(io.BytesIO(data))
    out = []
    for sheet in (s for s in book.worksheets if s.sheet_state == "visible"):
        refs = book[sheet.title + " refs"] if sheet.title + " refs" in book.sheetnames else None
        for row in sheet.iter_rows(min_row=2):
            for cell in row:
                if isinstance(cell.value, bool) or not isinstance(cell.value, int | float):
                    continue
                if refs is None:  # a sheet of words alone (the README) needs no refs
                    out.append(f"{sheet.title}: numbers but no sheet of refs")
                    break
                ref = refs.cell(row=cell.row, column=cell.column).value
                out += [
                    f"{sheet.title}!{cell.coordinate}: {why}"
                    for why in _cell(cell.value, ref, review, extraction)
                ]
    return out


def _cell(value: float, ref: Any, review: dict[str, Any], extraction: dict[str, Any]) -> list[str]:
    if not isinstance(ref, str) or not ref.split():
        return [f"{value} has no ref"]
    out = []
    for one in ref.split():
        try:
            held = resolve(one, review, extraction)
        except KeyError as e:
            out.append(e.args[0])
            continue
        if held != value:
            out.append(f"{value} is not {one} = {held}")
    return out
