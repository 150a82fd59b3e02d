"""Figure references: every figure a pack prints names the record field it was written from.

The convention, stated once (the pack's HTML, the workbook and the deck use it; tests resolve it):

    ref  = "<document>#<pointer>"
    document: "review.json" or "extraction.json" (the two JSON files beside every pack)
    pointer:  an RFC 6901 JSON Pointer into that document, to a single value, in its URI fragment
              form (RFC 6901 section 6: percent-encoded, so a ref holds no space):
              "review.json#/position/children_services/variance_gbp"
              "review.json#/selection/tracked/3/target_in_year_gbp"
              "review.json#/benchmarks/2/statistical_neighbours/median"

A printed figure carries its ref and the unit it is printed in (`UNITS`); in HTML and SVG as
`data-ref` and `data-unit` attributes (`data-ref` holds several refs, space-separated, where the
records hold the same value in several places: each must agree) on the element that holds exactly the printed text, with
`data-sign="abs"` where the words say the sign ("an underspend of £1.2m"). A figure the analysis
derived (a share, a difference) is a field of review.json too (analyse.derived), so render never
computes one; it only formats.

The deck (render.slides.tag) cannot put attributes on a run and stay a valid file, so each shape
(text box, table or chart) names its figures in a PowerPoint shape tag, the format's own place for
a program's data about a shape: `p:nvPr/p:custDataLst/p:tags r:id` points to a `ppt/tags/tagN.xml`
part whose `p:tag name="reviewpack-refs"` value is a JSON list of {"ref", "unit", "sign", "text"}:
each figure's printed text (a chart's: each data label) with the same ref, unit and sign as above.
The shape's alt text (`p:cNvPr/@descr`) is left to words for a reader ("Table: ...", "Chart: ...").

A figure analysis holds in doubt (its record's `doubts` names its field: analyse.standing.caveat)
is printed with those words after it, outside the element that holds the figure, wherever it is
shown: "£12.4m (in doubt: its table does not add up)"; once a sentence (`doubt_once`): a later figure
with the same doubt in that sentence is printed with the short words "£203.4m (in doubt)". A total a
check supports against its lines is "as reported" (its lines the likelier error): said once a
sentence, a later figure printed without it.

`Figures` finds a record's pointer from the record object itself (the template writes
`fig(cs, "forecast_gbp", "m")`), so a figure from anything that is not in review.json or
extraction.json cannot be written: asking for one raises `Unreferenced`.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from typing import Any, ClassVar
from urllib.parse import quote, unquote

from markupsafe import Markup
from pydantic import BaseModel

from analyse.records import Review
from extract.records import Extraction
from extract.verify.tolerance import half_up
from render import fmt

REVIEW = "review.json"
EXTRACTION = "extraction.json"
NO_DATA = fmt.NO_DATA
SAID = "in doubt"  # a figure's doubt once its sentence has said it in full (`doubt_once`)
SENTENCE_ENDS = ".?"  # a sentence ends at one of these followed by a space or the end of the text
CUT, LEEWAY = "...", 5  # a quote cut short ends "..."; one at most this much over its limit is not cut
WORDY_UNITS = ("text", "plain")  # the units of a figure that is words, which may be cut short
FRAGMENT_SAFE = "-._~!$&'()*+,;=:@"  # RFC 3986's characters a fragment holds as they are

# How a figure is printed, as its data-unit says (the check reads the printed text by these):
UNITS = {
    "gbp_m": "pounds printed as £m to one place: £12.3m, -£1.2m, +£3.4m",
    "gbp_thousands": "pounds too few to show as £m that are not none, printed as £k, whole: £45k",
    "gbp_k": "pounds printed as £000, whole, negative in brackets: 12,345 or (700)",
    "gbp_k_signed": "a difference printed as £000, whole, with its sign: +1,000 or -700",
    "gbp": "whole pounds: £11,240",
    "percent": "a value already in percent: 24.5%",
    "fraction": "a fraction printed as a percentage: 0.83 as 83%",
    "points": "a difference in percentage points: +2.1 pts",
    "count": "a whole number: 1,234",
    "number": "a number as written, to the places printed: 6,335 or 0.15",
    "grade": "an Ofsted grade as its word: Good",
    "text": "the record's text as written (a quote, a message), cut short at a word with ...",
}


class Unreferenced(LookupError):
    """A figure was asked for from an object that is in neither review.json nor extraction.json."""


def pointer(parts: Iterator[str | int] | list[str | int]) -> str:
    """RFC 6901 in its URI fragment form: '/'-joined, '~' as '~0', '/' as '~1', then
    percent-encoded ('in-house share' is 'in-house%20share')."""
    return "".join(
        "/" + quote(str(p).replace("~", "~0").replace("/", "~1"), safe=FRAGMENT_SAFE) for p in parts
    )


def resolve(ref: str, review: dict[str, Any], extraction: dict[str, Any]) -> Any:
    """The value a ref names in the two JSON documents (as `model_dump(mode="json")` or read
    from the files). Raises KeyError naming the ref when it does not resolve to one value."""
    document, sep, path = ref.partition("#")
    docs = {REVIEW: review, EXTRACTION: extraction}
    if not sep or document not in docs or not path.startswith("/"):
        raise KeyError(f"{ref!r} is not '<review.json|extraction.json>#/<pointer>'")
    node: Any = docs[document]
    for raw in path[1:].split("/"):
        key = unquote(raw).replace("~1", "/").replace("~0", "~")
        try:
            node = node[int(key)] if isinstance(node, list) else node[key]
        except (KeyError, IndexError, ValueError, TypeError) as e:
            raise KeyError(f"{ref!r} does not resolve: no {key!r}") from e
    if isinstance(node, dict | list):
        raise KeyError(f"{ref!r} names a record, not one value")
    return node


@dataclass(frozen=True)
class Fig:
    """One printed figure: its text, where it came from and how it is printed."""

    text: str
    ref: str
    unit: str
    sign: str = ""  # "abs": the magnitude is printed and the words carry the sign
    doubt: str = ""  # the words it is printed with where its record holds it in doubt (`Figures.fig`)

    def __str__(self) -> str:
        return self.text + self.doubt_words

    @property
    def doubt_words(self) -> str:
        """' (in doubt: ...)' after the figure, or nothing: a figure in doubt is never printed
        bare, in the pack, the deck or a chart's words."""
        return f" ({self.doubt})" if self.doubt else ""

    @property
    def bare(self) -> Fig:
        """The figure without its doubt's words: a card's big figure, whose detail's first
        sentence prints it again with them (render.findings.Finding.lead)."""
        return replace(self, doubt="")

    @property
    def said_before(self) -> Fig:
        """The figure with the words a doubt says again (`again`: "in doubt", or nothing for a
        total "as reported"): where its row's heading or its chart's caption says it in full."""
        return replace(self, doubt=again(self.doubt))

    @property
    def cuttable(self) -> bool:
        """The figure is words (a quotation, a message) not in doubt, so it may be cut short,
        marked as a quotation cut short is; a number, or words in doubt, never is."""
        return self.unit in WORDY_UNITS and not self.doubt

    def attrs(self) -> Markup:
        sign = Markup(' data-sign="abs"') if self.sign else Markup("")
        return Markup(' data-ref="{}" data-unit="{}"').format(self.ref, self.unit) + sign

    def __html__(self) -> Markup:
        doubt = Markup('<span class="doubt">{}</span>').format(self.doubt_words) if self.doubt else ""
        return Markup("<span{}>{}</span>{}").format(self.attrs(), self.text, doubt)


class Doubt(str):
    """A record's sentence saying why the figures before it are in doubt (its `doubt`: analyse.
    standing.doubt), given as a part of its own: wherever a text is cut to fit (`cuts`), it stays
    with the sentence it follows, so a figure is never shown without what qualifies it."""


Part = str | Fig  # a part of a sentence: words, or a figure (a Doubt is words)


def again(doubt: str) -> str:
    """The words a figure's doubt is printed with after its sentence has said them in full: a
    doubt ("in doubt: ...") the short words (SAID) on each later figure; a note that the figure is
    as reported, its lines the likelier error (analyse.standing.caveat), nothing: said once."""
    return SAID if doubt.startswith(SAID) else ""


def doubt_once(parts: Sequence[Part]) -> tuple[Part, ...]:
    """The parts with each doubt said in full once a sentence: the first figure printed with it
    carries its words, a later one in the same sentence the short words (SAID), so every figure in
    doubt still says so where it is shown, and a sentence does not repeat the same words."""
    said: set[str] = set()
    out: list[Part] = []
    for part in parts:
        if isinstance(part, Fig):
            if part.doubt in said:
                part = replace(part, doubt=again(part.doubt))
            elif part.doubt:
                said.add(part.doubt)
        elif sentence_ends(part):
            said.clear()
        out.append(part)
    return tuple(out)


DOUBT_HTML = re.compile(r'<span class="doubt"> \((.*?)\)</span>')  # Fig.__html__'s doubt, as printed
# Fig.__html__'s span where it stands between tags (a cell's, a heading's whole text): taken away,
# its text is still a box of its own. One inside running text is left, whose text would join the
# words beside it into one box that WeasyPrint breaks elsewhere (a word left alone on a line).
FIGURE_HTML = re.compile(
    r'(?<=>)<span data-ref="[^"]*" data-unit="[^"]*"(?: data-sign="abs")?>([^<]*)</span>(?=<)'
)
TAG = re.compile(r"<[^>]*>")
BLOCK_END = re.compile(r"</(p|li|td|th|h\d|caption|figcaption|div|dd|dt)>|<br\s*/?>")


def untraced_html(html: str) -> str:
    """The HTML for the PDF: each figure's <span> (Fig.__html__) that stands between tags taken
    away, its text left where it was (FIGURE_HTML). The spans carry no style and nothing of them
    reaches a PDF, but WeasyPrint styles, lays out, draws and tags each as a box of its own (928 of
    the bench pack's 6,000 elements). A chart's <text> keeps its data-ref: it is a box either way."""
    return FIGURE_HTML.sub(r"\1", html)


def doubt_once_html(html: str) -> str:
    """`doubt_once` over a page of HTML: within a sentence of one block (a paragraph, a cell, an
    item), a figure's doubt printed again after its first says the short words (SAID)."""
    out, said, last = [], set[str](), 0
    for match in DOUBT_HTML.finditer(html):
        between = html[last : match.start()]
        if BLOCK_END.search(between) or sentence_ends(TAG.sub("", between)):
            said.clear()
        words = match.group(1)
        short = again(words)
        repeat = f'<span class="doubt"> ({short})</span>' if short else ""
        out += [between, match.group(0) if words not in said else repeat]
        said.add(words)
        last = match.end()
    return "".join([*out, html[last:]])


def sentence_ends(text: str, ends: str = SENTENCE_ENDS) -> list[int]:
    """Where sentences (or, given `ends` ";", clauses) end in words: after each end character
    followed by a space or the end of the text. Deliberately not the rule documents' prose is split
    by (extract.sentences.SENTENCE_END): this cuts the pack's own sentences, written as parts, where
    a sentence ends at the end of a part's words because what follows it (a figure) is another
    part the text cannot see, and ";" closes the clause a card is cut at ("…"), not a sentence."""
    return [n + 1 for n in range(len(text)) if text[n] in ends and text[n + 1 : n + 2] in (" ", "")]


def cuts(
    parts: Sequence[Part], ends: str = SENTENCE_ENDS, mark: str = "", cut_quotes: bool = False
) -> list[list[Part]]:
    """The parts cut after each sentence end (or, with `ends` ";", each clause end, the cut marked
    `mark`) in their words outside brackets, shortest first; never the whole. A figure is not cut,
    but with `cut_quotes` one that is words (`Fig.cuttable`, a quotation: a deck's table cell) may
    be, a clause's cut marked CUT as a quotation cut short is: it stays the start of what its record
    says. A `Doubt` is neither cut nor cut from the sentence before it."""
    out: list[list[Part]] = []
    for i, part in enumerate(parts):
        if isinstance(part, Doubt) or isinstance(part, Fig) and not (cut_quotes and part.cuttable):
            continue
        text = str(part)
        sign = CUT if mark and isinstance(part, Fig) else mark
        doubted = isinstance(next((p for p in parts[i + 1 :] if str(p)), None), Doubt)
        for end in sentence_ends(text, ends):
            if end == len(text) and doubted:
                continue
            if end < len(text) or i < len(parts) - 1:
                cut = text[:end] if not mark else text[: end - 1] + sign
                kept = "".join(str(p) for p in parts[:i]) + cut
                if kept.count("(") == kept.count(")"):  # never inside a bracket
                    out.append([*parts[:i], replace(part, text=cut) if isinstance(part, Fig) else cut])
    return out


def first_sentence(parts: Sequence[Part]) -> list[Part]:
    """The parts up to the end of their first sentence (all of them where they are one)."""
    return next(iter(cuts(parts)), list(parts))


def _children(node: Any) -> Iterator[tuple[str | int, Any]]:
    if isinstance(node, BaseModel):
        for name in type(node).model_fields:
            yield name, getattr(node, name)
    elif isinstance(node, list):
        yield from enumerate(node)
    elif isinstance(node, dict):
        yield from node.items()


def value_of(record: Any, field: str | int) -> Any:
    """A record's field, a list's item or a mapping's value."""
    if isinstance(record, BaseModel):
        return getattr(record, str(field))
    return record[field]  # type: ignore[index]


class Figures:
    """Writes figures from the records of one review and extraction, each with its ref."""

    _last: ClassVar[Figures | None] = None

    def __init__(self, review: Review, extraction: Extraction | None = None) -> None:
        self._keep = (review, extraction)  # the indexed objects must outlive the index's ids
        self._paths: dict[int, list[str]] = {}
        self._index(review, REVIEW + "#")
        self._extraction = extraction  # indexed when a figure is first asked of it: it is large

    @property
    def review(self) -> Review:
        """The review this index is of."""
        return self._keep[0]

    @classmethod
    def of(cls, review: Review, extraction: Extraction | None = None) -> Figures:
        """The index of these records, built once while they are the last asked for (a deck's
        slides each ask; indexing a large review takes a while). Records are not changed in place
        once rendering starts: a changed review is a new object (`model_copy`), so a new index."""
        last = cls._last
        if last is None or last._keep[0] is not review or last._keep[1] is not extraction:
            last = cls._last = cls(review, extraction)
        return last

    def _index(self, root: Any, base: str) -> None:
        stack = [(root, base)]
        while stack:
            node, path = stack.pop()
            if not isinstance(node, BaseModel | list | dict):
                continue
            self._paths.setdefault(id(node), []).append(path)
            stack += [(child, path + pointer([key])) for key, child in _children(node)]

    def ref(self, record: Any, field: str | int) -> str:
        """The refs of `record.field`, space-separated: one object the review holds in two places
        (a saving both in `savings` and in `tracked`) is printed from both, and both must agree."""
        bases = self._paths.get(id(record))
        if not bases and self._extraction is not None:
            self._index(self._extraction, EXTRACTION + "#")
            self._extraction = None
            bases = self._paths.get(id(record))
        if not bases:
            raise Unreferenced(f"{type(record).__name__} is not in review.json or extraction.json")
        return " ".join(sorted(base + pointer([field]) for base in bases))

    def fig(self, record: Any, field: str | int, how: str, sign: str = "", places: int | None = None) -> Fig:
        """The figure `record.field` (or `record[field]`) printed `how`: m, signed, k, signed_k, money,
        pct, fraction, count, plain, or a benchmark unit ("unit:gbp_per_child"); `places` where
        it is not how's own (a figure printed to the places its document printed it to). Money in
        £m is written to the places the record keeps of its source's printing, where it keeps them
        (a prose figure's "£5.05m" as £5.05m, not £5.1m)."""
        if places is None and how == "m" and isinstance(record, BaseModel):
            places = getattr(record, "places", None)
        value = value_of(record, field)
        shown = abs(value) if sign == "abs" and value is not None else value
        text, unit = written(shown, how, places)
        ref = self.ref(record, field)
        return Fig(text, ref, unit, sign if value is not None else "", doubt_of(record, field))

    def quote(self, record: Any, field: str | int, limit: int | None = None, sentence: bool = False) -> Fig:
        """A record's text as written (cut at a word near `limit` characters, ending ...; with
        `sentence`, its first letter a capital): quoted text holds figures as its source wrote
        them, and the ref traces them to it."""
        text = str(value_of(record, field) or "")
        if limit and len(text) > limit + LEEWAY:
            text = text[: limit - len(CUT)].rsplit(" ", 1)[0] + CUT
        if sentence:
            text = text[:1].upper() + text[1:]
        return Fig(text, self.ref(record, field), "text")


def doubt_of(record: Any, field: str | int) -> str:
    """The words a record's figure is printed with where analysis holds it in doubt: the record's
    `doubts` by field name (analyse.records), '' for any other."""
    doubts = getattr(record, "doubts", None)
    return doubts.get(str(field), "") if isinstance(doubts, dict) else ""


def written(value: Any, how: str, places: int | None = None) -> tuple[str, str]:
    """The printed text and data-unit of a value printed `how` (formatting only: fmt's rules)."""
    if how in {"m", "signed"}:
        text = fmt.money_m(value, places if places is not None else 1) if how == "m" else fmt.signed_m(value)
        return text, fmt.money_unit(text)
    places = places or 0
    if how.startswith("unit:"):
        unit = how.removeprefix("unit:")
        text = fmt.by_unit(value, unit)
        if unit in {"gbp", "gbp_m"}:
            return text, "gbp_m" if value is not None and abs(value) >= 1e6 else "gbp"
        kinds = {"gbp_per_child": "gbp", "gbp_per_week": "gbp", "percent": "percent", "count": "count"}
        return text, "grade" if unit.startswith("grade") else kinds.get(unit, "number")
    if how == "fraction":
        return (NO_DATA if value is None else fmt.percent(100 * value, places)), "fraction"
    if how == "points":
        return fmt.points(value), "points"
    writers = {
        "k": (fmt.money_k, "gbp_k"),
        "signed_k": (fmt.signed_k, "gbp_k_signed"),
        "money": (fmt.money, "gbp"),
        "count": (fmt.whole, "count"),
        "signed_pct": (fmt.signed_percent, "percent"),
        "plain": (fmt.plain, "number"),
    }
    if how == "number":
        return ("" if value is None else half_up(value, places)), "number"
    if how == "pct":
        return fmt.percent(value, places), "percent"
    write, unit = writers[how]
    return write(value), unit
