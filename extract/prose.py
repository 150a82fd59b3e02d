"""Figures stated in prose: money, money per child, percentages and rates, with what they measure.

A blank English spaCy pipeline (no model download) splits sentences and tokens; Matcher patterns
find the figures and financial years. The label is the run of content words next to the figure
that names a financial quantity ("forecast overspend", "overall budget gap", "increase in
investment"): words after the figure first ("£5.4m forecast overspend"), then before it
("an overspend of £2.5 million"), then after "of" ("£3m of growth proposals"). A figure with no
such words nearby gets no label rather than a wrong one.

A sentence may also say whether a savings shortfall is already in the forecast ("The shortfall of
£4.1m is included in the forecast above", "slippage of £2m has not been reflected in the
forecast"): the money figure nearest its shortfall word records which (`Figure.in_forecast`),
where the sentence or the one before it is about savings.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from spacy.lang.en.stop_words import STOP_WORDS
from spacy.matcher import Matcher
from spacy.tokens import Span, Token

from extract.numbers import has_magnitude, normalise_period, parse_amount, parse_money
from extract.reading import TEXT_LIMIT
from extract.records import Figure, FigureUnit, Passage, Provenance
from extract.sentences import SENTENCE_CACHE, SENTENCE_END
from extract.stage import stage_of
from ingest.language import english

_MAGNITUDE = ["m", "m.", "million", "millions", "mn", "k", "bn", "billion", "thousand"]
_NUM = r"^\(?[-−–]?\d[\d,]*(?:\.\d+)?(?:m|k|bn|mn|million|billion)?\)?\.?$"
_GLUED_MONEY = r"^[-−–(]?c?£\d[\d,]*(?:\.\d+)?(?:m|k|bn|mn|million|billion)?\)?\.?$"
# What every figure's pattern needs (`PATTERNS`, the kinds in `UNITS`): a digit, and a pound sign,
# a per cent sign or "per cent", or "per 10,000". Text without both states no figure.
_DIGIT = re.compile(r"\d")
_UNIT_MARK = re.compile(r"[£%]|per cent|per 10,?000", re.I)
TokenPattern = list[dict[str, Any]]
_PER_CHILD: TokenPattern = [
    {"LOWER": "per"},
    {"LOWER": {"IN": ["child", "pupil", "head", "young", "looked-after"]}},
]
# A money amount to one decimal place and no magnitude word: not pounds and pence, so a scale
# ("m") the writer left off; recording it as pounds would store £19.8m as £19.80.
ONE_PLACE = re.compile(r"\d\.\d\)?$")

_MONEY_START: list[TokenPattern] = [
    [{"TEXT": {"REGEX": r"^c?£$"}}, {"TEXT": {"REGEX": _NUM}}],
    [{"TEXT": {"REGEX": _GLUED_MONEY}}],
]
_OPTIONAL_MAGNITUDE: TokenPattern = [{"LOWER": {"IN": _MAGNITUDE}, "OP": "?"}]
PATTERNS: dict[str, list[TokenPattern]] = {
    "GBP_PER_CHILD": [start + _OPTIONAL_MAGNITUDE + _PER_CHILD for start in _MONEY_START],
    "GBP": [start + _OPTIONAL_MAGNITUDE for start in _MONEY_START],
    "PERCENT": [
        [{"TEXT": {"REGEX": r"^[-−–]?\d+(?:\.\d+)?$"}}, {"TEXT": "%"}],
        [{"TEXT": {"REGEX": r"^[-−–]?\d+(?:\.\d+)?%$"}}],
        [{"TEXT": {"REGEX": r"^\d+(?:\.\d+)?$"}}, {"LOWER": "per"}, {"LOWER": "cent"}],
    ],
    "RATE_PER_10K": [
        [{"TEXT": {"REGEX": r"^\d+(?:\.\d+)?$"}}, {"LOWER": "per"}, {"TEXT": {"IN": ["10,000", "10000"]}}],
    ],
    "PERIOD": [
        [{"TEXT": {"REGEX": r"^(?:20)?\d\d/(?:20)?\d\d$"}}],
        [
            {"TEXT": {"REGEX": r"^20\d\d$"}},
            {"TEXT": {"IN": ["-", "–", "/"]}},
            {"TEXT": {"REGEX": r"^(?:20)?\d\d$"}},
        ],
        [{"TEXT": {"REGEX": r"^20\d\d[-–](?:20)?\d\d$"}}],
        [{"TEXT": {"REGEX": r"^FY\d\d(?:\d\d)?$"}}],
    ],
}

# Words that name a financial quantity; a label must contain one.
FINANCE_WORDS = {
    "overspend",
    "overspends",
    "underspend",
    "underspends",
    "gap",
    "saving",
    "savings",
    "pressure",
    "pressures",
    "reserve",
    "reserves",
    "deficit",
    "surplus",
    "investment",
    "growth",
    "spend",
    "spending",
    "cost",
    "costs",
    "budget",
    "income",
    "grant",
    "funding",
    "shortfall",
    "variance",
    "increase",
    "reduction",
    "allocation",
    "contribution",
    "balance",
    "outturn",
    "forecast",
    "expenditure",
    "overspending",
    "uplift",
    "efficiencies",
    "efficiency",
    "fees",
    "payments",
    "placement",
    "placements",
    "transport",
    "debt",
    "borrowing",
    "demand",
    "precept",
    "council tax",
}
LINKS = {"in", "on", "for", "of"}
# Verbs a blank pipeline cannot tag; they end a label ("the budget includes £42.4m").
VERBS = {
    "includes",
    "include",
    "included",
    "including",
    "represents",
    "representing",
    "represent",
    "reported",
    "reports",
    "shows",
    "showing",
    "remains",
    "means",
    "needs",
    "requires",
    "required",
    "comprising",
    "comprises",
    "set",
    "sets",
    "totals",
    "amounts",
    "stands",
    "rises",
    "falls",
    "delivered",
    "achieved",
    "expected",
    "forecasts",
    "identified",
    "taken",
}
# Words between a label and its figure ("an overspend of £2.5m", "the reserve is £6.9m").
CONNECTORS = {
    "of",
    "is",
    "was",
    "be",
    "been",
    "are",
    "were",
    "at",
    "about",
    "around",
    "approximately",
    "c.",
    "totalling",
    "totaling",
    "by",
    "to",
    "stood",
    "currently",
    "some",
    "nearly",
    "almost",
    "over",
    "circa",
    "an",
    "a",
    "the",
    "estimated",
    "projected",
    "now",
    "had",
    "has",
}
# Verbs that only link a quantity to its figure ("the budget gap for 2026/27 now stands at
# £2.3m"): reading leftwards from the figure passes over them to the label.
LINKING_VERBS = {
    "stands",
    "stood",
    "remains",
    "remained",
    "totals",
    "totalled",
    "rises",
    "rose",
    "falls",
    "fell",
}
# Punctuation between a label and its figure ("Forecast overspend: £4.1m", "target - £6.5m").
LABEL_MARKS = {":", "-", "–", "—"}
MAX_LABEL_WORDS = 6
# Longest run of text given to spaCy at once: far below its max_length (1,000,000), so a Doc
# (and what spaCy holds for it) stays small however long the passage.
CHUNK_CHARS = 10_000
# How many tokens away a year may be named and still be the figure's.
PERIOD_REACH = 6


@lru_cache(maxsize=1)
def matcher() -> Matcher:
    found = Matcher(english().vocab)
    for name, patterns in PATTERNS.items():
        found.add(name, patterns, greedy="LONGEST")
    return found


@dataclass(frozen=True)
class Match:
    kind: str
    span: Span


def _matches(sentence: Span) -> list[Match]:
    """Non-overlapping matches in the sentence, longest first, per-child money winning over plain
    money. The matcher runs over the sentence as a span of its chunk's Doc: a copy of it as a Doc
    of its own (`Span.as_doc`) cost as much as the matching."""
    raw = [(span.label_, span) for span in matcher()(sentence, as_spans=True)]
    raw.sort(key=lambda m: (-(m[1].end - m[1].start), m[0] != "GBP_PER_CHILD"))
    taken: set[int] = set()
    kept = []
    for kind, span in raw:
        if taken.isdisjoint(range(span.start, span.end)):
            taken.update(range(span.start, span.end))
            kept.append(Match(kind, span))
    return sorted(kept, key=lambda m: m.span.start)


def _content(token: Token) -> bool:
    if token.lower_ in {"overall", "net", "'s", "’s"}:  # "net budget for children's services"
        return True
    return token.is_alpha and token.lower_ not in STOP_WORDS and token.lower_ not in VERBS


def _run(tokens: list[Token]) -> list[Token]:
    """The leading run of content words, joined across 'in'/'on'/'for'/'of' links."""
    run: list[Token] = []
    for i, token in enumerate(tokens[: MAX_LABEL_WORDS + 2]):
        linking = token.lower_ in LINKS and bool(run) and i + 1 < len(tokens) and _content(tokens[i + 1])
        if not (_content(token) or linking):
            break
        run.append(token)
    return run[:MAX_LABEL_WORDS]


def _names_money(words: list[Token]) -> bool:
    return any(w.lower_ in FINANCE_WORDS or w.lower_.rstrip("s") in FINANCE_WORDS for w in words)


def _left_words(sentence: Span, start: int, periods: list[Span]) -> list[Token]:
    """Content words before the figure, past connectors and a 'for 2024/25' period phrase."""
    i = start - 1
    inside_period = {t.i for p in periods for t in p}
    while i >= sentence.start and (
        sentence.doc[i].lower_ in CONNECTORS
        or sentence.doc[i].lower_ in LINKING_VERBS
        or sentence.doc[i].text in LABEL_MARKS
        or sentence.doc[i].i in inside_period
        or (sentence.doc[i].lower_ in {"for", "in"} and i + 1 in inside_period)
    ):
        i -= 1
    words = [sentence.doc[j] for j in range(i, sentence.start - 1, -1)]
    return list(reversed(_run(words)))


def _text(words: list[Token]) -> str | None:
    """The words as the sentence writes them (they are contiguous), without a dangling "'s"."""
    while words and words[-1].lower_ in {"'s", "’s"}:
        words = words[:-1]
    if not words:
        return None
    first, last = min(w.i for w in words), max(w.i for w in words)
    return words[0].doc[first : last + 1].text


def label_for(sentence: Span, span: Span, periods: list[Span], share: bool = False) -> str | None:
    """What the figure measures, from the words around it (see the module docstring)."""
    after = list(sentence.doc[span.end : sentence.end])
    right = _run(after)
    if _names_money(right):
        return _text(right)
    left = _left_words(sentence, span.start, periods)
    if _names_money(left):
        return _text(left)
    if after and after[0].lower_ == "of":
        of_run = _run(after[1:])
        if of_run:  # a share reads on from its figure ("3.8% of budget"); money is of a thing
            return f"of {_text(of_run)}" if share else _text(of_run)
    return None


def _value(kind: str, span: Span) -> float | None:
    text = re.sub(r"^c(?=£)|\.$|\s*per\s+\S+$", "", span.text.strip(), flags=re.I)
    if kind in ("GBP", "GBP_PER_CHILD"):
        money = text.replace("£ ", "£")
        if not has_magnitude(money) and ONE_PLACE.search(money):
            return None  # "£19.8": pounds print pence to two places, so its scale is unknown
        return parse_money(money)
    if kind == "RATE_PER_10K":
        return parse_amount(text.split()[0])
    return parse_amount(re.sub(r"\s*(?:%|per cent)$", "%", text, flags=re.I))


# The number of a figure as printed, with its decimals and any magnitude written after it.
_PRINTED = re.compile(
    r"\d[\d,]*(?:\.(?P<decimals>\d+))?\s*(?P<magnitude>bn|billion|mn|million|m|k|thousand)?", re.I
)
# Places in £m gained (or lost) by money printed in another magnitude: "£1.25bn" is £1,250m.
_MILLION_PLACES = {"bn": -3, "billion": -3, "m": 0, "mn": 0, "million": 0}


def printed_places(kind: str, span: Span) -> int | None:
    """The decimal places a figure is printed to: money in £m ("£5.05m" 2, "£227m" 0, "£1.25bn" 0
    as £1,250m), None for money printed in pounds or £k (no precision in £m to keep); any other
    figure as printed ("12.5%" 1)."""
    return places_printed(kind, span.text)


def places_printed(kind: str, text: str) -> int | None:
    """`printed_places` of a figure's text as written."""
    number = _PRINTED.search(text)
    if number is None:
        return None
    decimals = len(number["decimals"] or "")
    if kind != "GBP":
        return decimals
    shift = _MILLION_PLACES.get((number["magnitude"] or "").lower())
    return None if shift is None else max(decimals + shift, 0)


def _in_range(period: Span, periods: list[Span]) -> bool:
    """'2025-26 to 2034-35' names a span of years, not the year of a figure."""
    doc = period.doc
    for other in periods:
        first, second = (other, period) if other.start < period.start else (period, other)
        if (
            other is not period
            and second.start == first.end + 1
            and doc[first.end].lower_ in {"to", "-", "–"}
        ):
            return True
    return False


def _comparison(period: Span, sentence: Span) -> bool:
    """'an increase of £59.3m on 2024-25', 'slipped from 2024-25': a year compared against."""
    before = period.doc[period.start - 1].lower_ if period.start > sentence.start else ""
    return before in {"on", "than", "from", "over", "against", "versus", "vs"}


def _closed_aside(period: Span, span: Span) -> bool:
    """A year inside brackets that close before the figure is the aside's, not the figure's:
    "(... removal of one-offs in 2024-25) and net +£12.1m changes in contributions". A year that
    is all its brackets hold labels what it follows ("Month 3 (2024/25), with a £5.4m forecast
    overspend") and dates the figure as well."""
    doc = period.doc
    if (
        period.start > 0
        and period.end < len(doc)
        and doc[period.start - 1].text == "("
        and doc[period.end].text == ")"
    ):
        return False
    depth = 0
    for token in period.doc[period.end : span.start]:
        depth += (token.text == "(") - (token.text == ")")
        if depth < 0:
            return True
    return False


def _distance(span: Span, period: Span) -> int:
    return period.start - span.end if period.start >= span.end else span.start - period.end


def _nearest_period(span: Span, periods: list[Span], sentence: Span) -> str | None:
    """The year named closest to the figure, within a clause's reach; a year further off in a
    long sentence is as often a comparison ("on the approved budget for 2024-25") as its own."""
    near = [
        p
        for p in periods
        if _distance(span, p) <= PERIOD_REACH and not _comparison(p, sentence) and not _closed_aside(p, span)
    ]
    if not near:
        return None
    nearest = min(near, key=lambda p: _distance(span, p))
    if _in_range(nearest, periods):
        return None
    return normalise_period(nearest.text.replace(" ", ""))


SHORTFALL_WORDS = {"shortfall", "shortfalls", "slippage", "undelivered", "underdelivery", "under-delivery"}
IN_FORECAST = re.compile(
    r"\b(?:is|are|was|were|has|have|had)\s+(?P<not>not\s+)?(?:yet\s+)?(?:been\s+)?(?:already\s+|fully\s+|yet\s+)?"
    r"(?:included|reflected|built|factored|incorporated)\s+(?:in|into|within)\s+(?:the\s+)?(?:\w+\s+){0,2}?forecast"
    r"|\bforecast\s+(?:\w+\s+)?(?P<doesnt>does\s+not\s+|doesn't\s+)?(?:includes?|reflects?)\b",
    re.I,
)


def _in_forecast(sentence: Span, found: list[Match]) -> tuple[Span, bool] | None:
    """The money figure a sentence says a savings shortfall is (True) or is not (False) already in
    the forecast at: the one nearest a shortfall word."""
    said = IN_FORECAST.search(sentence.text)
    words = [t for t in sentence if t.lower_ in SHORTFALL_WORDS]
    money = [m.span for m in found if m.kind == "GBP"]
    if said is None or not words or not money:
        return None
    before = sentence.doc[sentence.start - 1].sent if sentence.start > 0 else sentence
    if "saving" not in sentence.doc.text[before.start_char : sentence.end_char].lower():
        return None
    nearest = min(money, key=lambda span: min(abs(span.start - w.i) for w in words))
    return nearest, not (said.group("not") or said.group("doesnt"))


UNITS = {
    "GBP": FigureUnit.GBP,
    "GBP_PER_CHILD": FigureUnit.GBP_PER_CHILD,
    "PERCENT": FigureUnit.PERCENT,
    "RATE_PER_10K": FigureUnit.RATE_PER_10K,
}


def _sentence_figures(sentence: Span, passage: Passage, offset: int) -> list[Figure]:
    found = _matches(sentence)
    periods = [m.span for m in found if m.kind == "PERIOD"]
    text = " ".join(sentence.text.split())
    start, end = offset + sentence.start_char, offset + sentence.end_char
    in_forecast = _in_forecast(sentence, found)
    figures = []
    for match in found:
        value = _value(match.kind, match.span) if match.kind in UNITS else None
        if value is None:
            continue
        figures.append(
            Figure(
                value=value,
                unit=UNITS[match.kind],
                places=printed_places(match.kind, match.span),
                period=_nearest_period(match.span, periods, sentence),
                label=label_for(sentence, match.span, periods, share=match.kind == "PERCENT"),
                text=text,
                provenance=cited(passage, start, end, at=offset + match.span.start_char),
                in_forecast=in_forecast[1] if in_forecast and in_forecast[0] == match.span else None,
                stage=stage_of(
                    sentence.text,
                    match.span.start_char - sentence.start_char,
                    match.span.end_char - sentence.start_char,
                ),
            )
        )
    return figures


def sentences_cited(passage: Passage) -> list[tuple[str, list[Provenance]]]:
    """The passage's sentences (as extract.sentences.split_sentences), each with where it is
    printed (`cited`). Found once for each passage: the DSG, the current year's forecast, the
    transfers, savings monitoring and decisions each read every passage."""
    return [
        (sentence, list(where))
        for sentence, where in _sentences_cited(passage.text, tuple(passage.provenance))
    ]


@lru_cache(maxsize=SENTENCE_CACHE)
def _sentences_cited(
    text: str, provenance: tuple[Provenance, ...]
) -> tuple[tuple[str, tuple[Provenance, ...]], ...]:
    # Keyed on the passage's content (a passage is not hashable): equal passages cite alike.
    text = " ".join(text.split())
    starts = _part_starts(provenance, len(text))
    out, start = [], 0
    for end in [m.start() for m in SENTENCE_END.finditer(text)] + [len(text)]:
        if end > start:
            out.append((text[start:end], tuple(_cited(provenance, text, starts, start, end, None))))
        start = end + 1
    return tuple(out)


def cited(passage: Passage, start: int, end: int, at: int | None = None) -> list[Provenance]:
    """Where the passage's text from `start` to `end` (offsets in its text with each run of
    whitespace read as one space) is printed: the part of the passage it is in, with that text. A
    passage a page break joined (extract.pdf.page_breaks) cites, for text across the break, each
    part it spans with the words printed there, the part holding `at` (a figure's place) first."""
    text = " ".join(passage.text.split())
    where = passage.provenance
    return _cited(where, text, _part_starts(where, len(text)), start, end, at)


def _cited(
    provenance: Sequence[Provenance],
    text: str,
    starts: list[int] | None,
    start: int,
    end: int,
    at: int | None,
) -> list[Provenance]:
    """`cited`, given a passage's parts, its text read with single spaces and where each part
    begins in it (`_part_starts`)."""
    if starts is None:  # where each part begins is not known: cite them all
        return [p.model_copy(update={"text": text[start:end].strip()}) for p in provenance]
    ends = [*starts[1:], len(text)]
    parts = [
        (where, lo, hi)
        for where, s, e in zip(provenance, starts, ends, strict=True)
        if (lo := max(start, s)) < (hi := min(end, e)) and text[lo:hi].strip()
    ]
    parts.sort(key=lambda part: at is None or not part[1] <= at < part[2])
    return [where.model_copy(update={"text": text[lo:hi].strip()}) for where, lo, hi in parts]


def _part_starts(provenance: Sequence[Provenance], length: int) -> list[int] | None:
    """Where each part of the passage (each provenance's text, the parts read with a space between
    them) begins in its text, counted from the start past parts whose text is whole and from the end
    before them; None where a part's text was cut short (`TEXT_LIMIT`) between two others."""
    sizes = [len(" ".join(p.text.split())) for p in provenance]
    whole = [len(p.text) < TEXT_LIMIT for p in provenance]
    starts: list[int | None] = [None] * len(sizes)
    at = 0
    for k, size in enumerate(sizes):
        starts[k] = at
        if not whole[k]:
            break
        at += size + 1
    at = length + 1
    for k in range(len(sizes) - 1, 0, -1):
        if not whole[k]:
            break
        at -= sizes[k] + 1
        starts[k] = at
    known = [s for s in starts if s is not None]
    return known if len(known) == len(sizes) else None


def _sentences(text: str) -> list[tuple[Span, int]]:
    """Sentences of each block that could state a figure, each with where its chunk begins in the
    text read with each run of whitespace as one space; a line break inside a block is only a
    wrapped line. spaCy's sentences, deliberately not extract.sentences' (`split_sentences`): the
    figure patterns match spaCy's tokens within a sentence's span, and a figure's label and period
    are read from that span's tokens (`label_for`, `_nearest_period`), so the sentences must be
    spaCy's own. Every figure pattern needs a digit and a unit's mark, so spaCy is not run over a
    chunk without them (most of a paper's prose), nor its matcher over such a sentence: each chunk
    is parsed on its own, so the figures found are the same."""
    out, at = [], 0
    for block in re.split(r"\n\s*\n", text):
        block = " ".join(block.split())
        for start, chunk in _chunks(block):
            if _states_figures(chunk):
                out += [(s, at + start) for s in english()(chunk).sents if _states_figures(s.text)]
        at += len(block) + 1 if block else 0
    return out


def _states_figures(text: str) -> bool:
    """Whether the text could state a figure: it has what every figure pattern needs."""
    return bool(_DIGIT.search(text) and _UNIT_MARK.search(text))


def _chunks(block: str, size: int = CHUNK_CHARS) -> list[tuple[int, str]]:
    """The block in pieces of at most `size` characters, each with where it begins, cut after a full
    stop or at a space where there is one: spaCy refuses a text over its max_length, and its time and
    memory grow with it."""
    pieces, at = [], 0
    while len(block) > size:
        cut = block.rfind(". ", 0, size) + 1 or block.rfind(" ", 0, size)
        cut = cut if cut > 0 else size
        pieces.append((at, block[:cut]))
        rest = block[cut:].lstrip()
        at += len(block) - len(rest)
        block = rest
    return [*pieces, (at, block)] if block else pieces


def figures_from_passages(passages: list[Passage]) -> list[Figure]:
    """Every money figure, per-child cost, percentage and rate stated in the passages."""
    figures: list[Figure] = []
    for passage in passages:
        seen: set[tuple[float, str, str]] = set()
        for sentence, offset in _sentences(passage.text):
            for figure in _sentence_figures(sentence, passage, offset):
                key = (figure.value, figure.unit.value, figure.text)
                if key not in seen:  # minutes often repeat a sentence word for word
                    seen.add(key)
                    figures.append(figure)
    return figures
