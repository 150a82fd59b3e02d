"""Words, phrases and money as the review writes and matches them.

spaCy runs as ingest.language's shared blank English pipeline (no model downloads): its tokenizer and Matcher/PhraseMatcher are
enough to recognise the sector's wording ("fewer placements", "to be identified") whatever the case.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from spacy.matcher import Matcher, PhraseMatcher

from extract.numbers import parse_money
from extract.records import Risk
from extract.verify.tolerance import half_places, half_up, precision
from ingest.language import english

# Words too common in service names to say two lines are about the same service.
STOPWORDS = frozenset(
    [
        "and",
        "of",
        "the",
        "for",
        "to",
        "in",
        "on",
        "a",
        "an",
        "with",
        "services",
        "service",
        "&",
        "-",
        "budget",
        "costs",
        "cost",
        "total",
        "other",
        "including",
        "inc",
        "incl",
        "management",
        "support",
    ]
)


def phrase_matcher(phrases: dict[str, Iterable[str]]) -> PhraseMatcher:
    """A case-insensitive PhraseMatcher with one label per key."""
    matcher = PhraseMatcher(english().vocab, attr="LOWER")
    for label, items in phrases.items():
        matcher.add(label, [english().make_doc(item) for item in items])
    return matcher


def token_matcher(patterns: dict[str, list[list[dict[str, Any]]]]) -> Matcher:
    matcher = Matcher(english().vocab)
    for label, pats in patterns.items():
        matcher.add(label, pats)
    return matcher


def labels(matcher: PhraseMatcher | Matcher, text: str) -> set[str]:
    """The labels whose patterns occur in `text`."""
    if not text:
        return set()
    doc = english().make_doc(text)
    return {english().vocab.strings[match_id] for match_id, _, _ in matcher(doc)}


def phrase_found(matcher: PhraseMatcher | Matcher, label: str, text: str) -> str | None:
    """The first words of `text` (as written) that gave `label`, or None."""
    if not text:
        return None
    doc = english().make_doc(text)
    spans = sorted(
        (start, end) for match_id, start, end in matcher(doc) if english().vocab.strings[match_id] == label
    )
    return doc[spans[0][0] : spans[0][1]].text if spans else None


# A name does not end on a word that needs another after it ("... subject to", "... and").
_DANGLING = re.compile(
    r"(?:\b(?:and|or|but|to|of|for|with|by|in|on|at|from|the|a|an|as|is|are|will|be|which|that|than)"
    r"|[,;:\-–(/&]|\.\.\.|…)\s*$",
    re.I,
)
# A sentence starting inside a name ("Market Risks (over £10m) The long term impact of ..."): cells
# run together, or commentary, not a name.
_SECOND_SENTENCE = re.compile(r"(?:[a-z0-9)]\.?|[.!?])\s+(?:The|This|These|It|There|We|Our|If|As|At)\s+[a-z]")
# A line's name is a few words; commentary runs to a sentence or more.
NAME_WORDS = 25


def is_fragment(text: str) -> bool:
    """Whether a text is a scrap of commentary rather than a name a question can be built on: it
    starts mid-sentence (lower case, or on punctuation), ends on a word that needs another, leaves a
    bracket or quotation open, or runs longer than a name does."""
    t = " ".join(text.split())
    if not t or t[0].islower() or not t[0].isalnum() and t[0] not in "'\"‘“£":
        return True
    if _DANGLING.search(t) or t.count("(") != t.count(")") or t.count("“") != t.count("”"):
        return True
    if _SECOND_SENTENCE.search(t):
        return True
    return len(t.split()) > NAME_WORDS


# A sum of money a sentence states ("an overspend of £1.770m", "£6,038,500"): its thousands
# separators, never the comma after it ("£6,038,500, almost entirely ...").
STATED_SUM = re.compile(r"£\s?\d+(?:,\d{3})*(?:\.\d+)?(?:\s?(?:bn|m|k|million|billion)\b)?", re.I)


def content_words(text: str | None) -> set[str]:
    """Lower-case words of a name, less the words every service name shares."""
    if not text:
        return set()
    found = re.findall(r"[a-z][a-z']+", text.lower().replace("’", "'"))
    return {w.removesuffix("'s").rstrip("'") for w in found} - STOPWORDS


def gbp(amount: float | None) -> str:
    """Money as the pack writes it in prose: £m to one decimal place (two for a half: £5.05m), £k
    below £100k."""
    if amount is None:
        return "n/a"
    sign = "-" if amount < 0 else ""
    value = abs(amount)
    if value >= 100_000:
        millions = value / 1_000_000
        return f"{sign}£{half_up(millions, half_places(millions, 1))}m"
    return f"{sign}£{half_up(value / 1_000, 0)}k"


def gbp_alike(*amounts: float) -> list[str]:
    """Sums set beside one another (a target and its forecast) written to one number of places, the
    fewest at which each is exact (extract.verify.tolerance.precision), so that their difference can
    be read off them: £0.45m and £0.38m, not £0.45m and £0.4m. In £m to one place at least and three
    at most; a sum under £100k as `gbp` writes it (in £k, to the pound's thousand)."""
    large = [a for a in amounts if abs(a) >= 100_000]
    places = min(3, max(1, 6 - len(str(precision(large))) + 1)) if large else 1
    return [
        f"{'-' if a < 0 else ''}£{half_up(abs(a) / 1_000_000, places)}m" if abs(a) >= 100_000 else gbp(a)
        for a in amounts
    ]


# A gap a plan says is left after the savings found against it: "a residual gap", "remains to be closed", "the
# outstanding shortfall", "still to be found", "the gap after these savings".
REMAINS = re.compile(
    r"\b(?:residual|remain(?:s|ing)?|outstanding|still\s+to\s+be|yet\s+to\s+be|left\s+to"
    r"|after\s+(?:these|those|the|such)\s+(?:savings|proposals))\b",
    re.IGNORECASE,
)


def beside_whole(part: float, whole: float, owner: str, noun: str, others: str) -> str:
    """A part set beside the whole it is part of, in words true whatever their sizes: "within the
    council's overspend of £8.4m" where the part is smaller; "as much as ..." where the two print
    alike; "more than the council's net overspend of £8.4m (other services underspend)" where it is
    larger, a whole smaller than its part being net of parts the other way (`others` says which).
    Every sentence that sets a part beside its whole says it so."""
    of_whole = f"{noun} of {gbp(whole)}"
    if gbp(part) == gbp(whole):
        return f"as much as {owner} {of_whole}"
    if part < whole:
        return f"within {owner} {of_whole}"
    return f"more than {owner} net {of_whole} ({others})"


def gbp_as_stated(amount: float | None, places: int | None, hedge_word: str = "") -> str:
    """Money as its sentence states it: in £m to the places it prints ("an estimated £96m", not
    "£96.0m": no precision the document does not give), with the word it calls the sum with
    (`hedge`); as `gbp` writes it where the record keeps no places (a table's row)."""
    if amount is None or places is None:
        said = gbp(amount)
    else:
        said = f"{'-' if amount < 0 else ''}£{half_up(abs(amount) / 1_000_000, places)}m"
    if not hedge_word:
        return said
    return f"{'an' if hedge_word[:1] in 'aeiou' else 'a'} {hedge_word} {said}"


def row_words(label: str) -> str:
    """A row label as words within a sentence: a label printed all in capitals ("ADULT SOCIAL CARE
    FUNDING UNRESOLVED BALANCE") in lower case; any other as written ("CYPE", "Children's")."""
    return label.lower() if label.isupper() else label


def percent(share: float | None, places: int = 0) -> str:
    """A fraction as a percentage to `places` decimal places, halves rounded up (0.0649 -> 6%, or 6.5%
    to one place)."""
    return "n/a" if share is None else f"{half_up(share * 100, places)}%"


def rating_words(risk: Risk) -> str | None:
    """The rating in the register's words ("Red"), where it is more than the score printed again."""
    if risk.rating and (risk.score is None or risk.rating.strip() != f"{risk.score:g}"):
        return risk.rating
    return None


def risk_values(risk: Risk) -> str:
    """A register's values for one risk, each under the name of the column it was read from
    ("likelihood 4, impact 5, score 20, estimated lifetime financial exposure £165.0m"): a
    likelihood is never called the rating. Empty where the register rates it no way."""
    named = [("likelihood", risk.likelihood), ("impact", risk.impact), ("score", risk.score)]
    parts = [f"{name} {value:g}" for name, value in named if value is not None]
    if (words := rating_words(risk)) is not None:
        parts.append(f"rating {words}")
    if risk.exposure_gbp:
        parts.append(f"{(risk.exposure_words or 'financial exposure').lower()} {gbp(risk.exposure_gbp)}")
    return ", ".join(parts)


# The words a sentence calls a figure not yet known with ("an estimated £96m", "a forecast total of
# £227m", "projected to be £12.0m"): said beside the figure wherever it is printed, never dropped.
_HEDGE = re.compile(
    r"\b(estimated|forecast|projected|anticipated|expected)\s+(?:(?:total|deficit|balance|figure)\s+)?"
    r"(?:(?:of|to\s+be|at)\s+)?£",
    re.IGNORECASE,
)


# A sum a sentence says something would take a balance to ("This would take the cumulative DSG
# deficit to £38.2m", "will increase the deficit to £50m"): a forecast, not a balance stated.
_PROJECTED_TO = re.compile(
    r"\b(?:would|will)\s+(?:take|bring|increase|raise|push|grow)\b[^.;:£]{0,80}?\bto\s+£", re.IGNORECASE
)


def hedge(text: str, printed: str) -> str:
    """The word (lower case) the sentence `text` calls the figure printed `printed` ("£96m") with,
    where it does so just before it, "forecast" where it says something would take a balance to it
    (`_PROJECTED_TO`); '' where it states the figure plainly, or is not found."""
    at = text.find(printed) if printed else -1
    if at < 0:
        return ""
    found = next((h for h in _HEDGE.finditer(text) if h.end() - 1 == at), None)
    if found:
        return found.group(1).lower()
    return "forecast" if any(h.end() - 1 == at for h in _PROJECTED_TO.finditer(text)) else ""


# The same words as a verb or a column's heading, in the figure's own clause before it ("is
# forecast to overspend by £4.6m", "The Council is forecasting an overspend of £12.8m", "Outturn
# variance £3.1m"), each with the adjective the review says it with.
_CLAUSE_HEDGE = re.compile(r"\b(estimat|forecast|project|anticipat|expect|outturn)\w*", re.IGNORECASE)
SAID_AS = {
    "estimat": "estimated",
    "forecast": "forecast",
    "project": "projected",
    "anticipat": "anticipated",
    "expect": "expected",
    "outturn": "outturn",
}
# What ends the clause a figure is said in, looking back from it: a sentence's or clause's end, or
# another sum of money.
_MONEY = re.compile(r"£\s?\d[\d,.]*\s?(?:bn|m|k)?", re.IGNORECASE)  # a sum of money, as printed
_CLAUSE_START = re.compile(r"[.;:](?:\s|$)|" + _MONEY.pattern, re.IGNORECASE)


def said_as(text: str, printed: str = "") -> str:
    """The word (`hedge`'s, as an adjective: "forecast", "estimated", "outturn") the figure's own
    sentence says it with: just before it, else as a verb or heading in its clause before it
    ("is forecast to overspend by £4.6m": "forecast"); '' where the clause says none. A figure
    not found in `text` is read as its first sum of money."""
    if word := hedge(text, printed):
        return word
    at = text.find(printed) if printed else -1
    if at < 0:
        first = _CLAUSE_START.search(text)
        at = first.start() if first and first.group(0).startswith("£") else len(text)
    words = _CLAUSE_HEDGE.findall(_clause_before(text, at))
    return SAID_AS[words[-1].lower()] if words else ""


def _clause_before(text: str, at: int) -> str:
    """The words of `text` before place `at` back to the start of their clause (`_CLAUSE_START`)."""
    starts = [m.end() for m in _CLAUSE_START.finditer(text, 0, at)]
    return text[starts[-1] if starts else 0 : at]


def _clause_after(text: str, at: int) -> str:
    """The words of `text` from place `at` on to the end of their clause (`_CLAUSE_START`)."""
    end = _CLAUSE_START.search(text, at)
    return text[at : end.start() if end else len(text)]


def clause_of(text: str, value: float) -> tuple[str, str]:
    """The words of the clause of the sentence `text` that states the sum `value` (in pounds), before
    the sum and after it, each to the clause's end: a sentence's or a clause's end, or another sum
    (`_CLAUSE_START`). "(a) note the General Fund overspend of £8.37m ...; (b) note that Children's
    Services ..." puts £8.37m in a clause of the General Fund's. Where no sum of `value` is found, the
    whole sentence is before it."""
    at = _sum_at(text, value)
    if at is None:
        return text, ""
    return _clause_before(text, at[0]), _clause_after(text, at[1])


def sentence_to(text: str, value: float) -> str:
    """The words of the sentence `text` up to the end of the clause that states the sum `value`:
    what it says before the sum and in the sum's own clause, never what a later sum's clause says
    ("... reduces to £7.5m, and after the drawdown of £2.0m from the Children's Services Demand
    Reserve ..." says nothing of children's services of £7.5m). The whole sentence where no sum of
    `value` is found."""
    at = _sum_at(text, value)
    if at is None:
        return text
    return text[: at[1]] + _clause_after(text, at[1])


def _sum_at(text: str, value: float) -> tuple[int, int] | None:
    """Where the sentence `text` prints the sum `value` (in pounds): its first sum of that value."""
    for money in _MONEY.finditer(text):
        amount = parse_money(money.group(0).rstrip(".,"))
        if amount is not None and abs(amount - value) < 1:
            return money.start(), money.end()
    return None


# Words that make a sum part of the sum before it: "Savings totalling £9.2m ..., of which £2.80m
# relate to Children's Services".
OF_WHICH = re.compile(
    r"\bof\s+which\s+(?:(?:some|about|around|approximately|nearly|almost)\s+)?$", re.IGNORECASE
)


def whole_of(text: str, value: float) -> float | None:
    """The sum the sentence `text` says the sum `value` is part of (`OF_WHICH`): the sum before it
    in the sentence; None where it says none."""
    at = _sum_at(text, value)
    if at is None or not OF_WHICH.search(_clause_before(text, at[0])):
        return None
    before = list(_MONEY.finditer(text, 0, at[0]))
    return parse_money(before[-1].group(0).rstrip(".,")) if before else None


# Where a condition's reach ends, looking back from a sum: a sentence's end or a semicolon's ("If
# they are delivered in full, the overspend would reduce to £7.43m and the Council-wide overspend
# to £7.27m": the condition holds for both sums).
_CONDITION_START = re.compile(r"[.;](?:\s|$)")
# Words that state a sum as what would follow on a condition, not what is forecast: a condition or
# a modal verb before it within the condition's reach ("could rise to £10m").
CONDITIONAL = re.compile(r"\b(?:if|unless|would|could|might)\b", re.IGNORECASE)
# Words that state a sum as an earlier report's or year's: compared against in its clause before it
# ("This compares with a forecast overspend of £6.02m", "up from £6.91m"), an earlier point's
# bracket it is printed in ("(Quarter 1: £6.80m)"), or reported earlier or for an earlier year in its
# clause after it ("£6.02m reported to Cabinet at Quarter 1", "£2.5m last year").
EARLIER_BEFORE = re.compile(
    r"\bcompar(?:es|ed|ing)\s+(?:with|to)\b|\b(?:up|down|increased|risen|fallen)\s+from\b|\bpreviously\b"
    r"|\b(?:previous|prior|last)\s+(?:financial\s+)?(?:year|quarter|month|report)\b",
    re.IGNORECASE,
)
EARLIER_BRACKET = re.compile(r"\((?:q|quarter|m|month|p|period)\s*\d{1,2}\s*:?\s*$", re.IGNORECASE)
EARLIER_AFTER = re.compile(
    r"^[^.;]{0,40}?\b(?:reported|forecast)\s+(?:to\s+\w+\s+)?(?:at|in)\s+(?:the\s+)?"
    r"(?:q|quarter|m|month|p|period)\s*\d"
    r"|^[^.;]{0,40}?\b(?:previously\s+reported|(?:in\s+the\s+)?(?:previous|prior|last)\s+(?:financial\s+)?year)\b",
    re.IGNORECASE,
)


# A sum printed as a bound, not an amount: "£500k or more", "£1m and above", or, in a sentence that
# defines ("Red = ...", "is defined as", a threshold), "more than £250k". A rating key's or a policy's
# threshold ("Red = overspend of £500k or more") is no figure of the council's position.
BOUND_AFTER = re.compile(
    r"^\s*(?:or|and)\s+(?:more|above|over|greater|higher|less|below|under|lower)\b", re.I
)
BOUND_BEFORE = re.compile(
    r"\b(?:more|greater|higher|less|lower|fewer)\s+than\s*$|\b(?:at\s+least|in\s+excess\s+of|exceeding|up\s+to|over|above|below|under)\s*$",
    re.I,
)
DEFINES = re.compile(r"=|\bdefined\s+as\b|\bthresholds?\b", re.I)


def is_bound(text: str, value: float) -> bool:
    """Whether the sentence `text` prints the sum `value` as a bound (`BOUND_AFTER`), or as a limit
    in a sentence that defines (`BOUND_BEFORE` with `DEFINES`): a threshold, not an amount."""
    at = _sum_at(text, value)
    if at is None:
        return False
    if BOUND_AFTER.search(text[at[1] :]):
        return True
    return bool(DEFINES.search(text) and BOUND_BEFORE.search(text[: at[0]]))


def stated_as_now(text: str, value: float) -> bool:
    """Whether the sentence `text` states the sum `value` as the position now: not as what would
    follow on a condition (`CONDITIONAL`), nor as an earlier report's or year's (`EARLIER_BEFORE`,
    `EARLIER_BRACKET`, `EARLIER_AFTER`), each read in the sum's own clause (`clause_of`) or, for a
    condition, back to where its reach ends. A sum printed as a bound (`is_bound`: a rating key's
    "Red = overspend of £500k or more") is no position at all. A sum not found in `text` is taken as
    stated now."""
    at = _sum_at(text, value)
    if at is None:
        return True
    if is_bound(text, value):
        return False
    starts = [m.end() for m in _CONDITION_START.finditer(text, 0, at[0])]
    if CONDITIONAL.search(text[starts[-1] if starts else 0 : at[0]]):
        return False
    if EARLIER_BRACKET.search(text[: at[0]]) or EARLIER_BEFORE.search(_clause_before(text, at[0])):
        return False
    return not EARLIER_AFTER.search(_clause_after(text, at[1]))


def with_article(phrase: str) -> str:
    """'a forecast overspend', 'an estimated overspend', 'an overspend'."""
    return ("an " if phrase[:1].lower() in "aeiou" else "a ") + phrase
