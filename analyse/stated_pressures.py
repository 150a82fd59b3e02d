"""Pressures a plan states in prose: "The MTFP includes growth of £5.4m in 2026/27 for children
looked after placements and £1.6m for home to school transport", "A further £2.0m of growth is
assumed in each of 2027/28 and 2028/29".

Where a bundle's tables give no pressures at all, its plan's sentences that put growth (or pressures
provided for) in a year's budget are read as pressures, one line each (what it is for, its year or
years, the sentence cited), and go where table pressures go (analyse.selection): the children's by
their own words, as any line's scope is decided. Where the tables give any, the sentences are left:
a plan's prose sums its tables ("includes £149.6m of core funded spending growth"), and a total
read as a line counts it twice.

A figure is one only where the words say it is growth or a pressure budgeted for, not an in-year
overspend ("The principal pressure continues to be ..., forecasting an overspend of £6.12m") nor
growth in income or numbers ("council tax base growth of £2.1m", "growth in EHCPs").
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from analyse.reserves import MONEY, figure_at
from extract.numbers import find_periods
from extract.records import Extraction, Figure, FigureUnit, PeriodAmount, PlanLine

# The figure named as growth: "growth of £5.4m", "growth totalling £5.4m", just before it ...
GROWTH_BEFORE = re.compile(r"\bgrowth\s+(?:of|totall?ing|amounting\s+to|worth)\s+$", re.IGNORECASE)
# ... or just after it: "£2.0m of growth", "£3m of demand growth", "£5m growth".
GROWTH_AFTER = re.compile(
    r"^\s*(?:of\s+)?(?:(?:additional|further|new|demand|spending|service|budget)\s+){0,2}growth\b",
    re.IGNORECASE,
)
# A pressure named so ("pressures of £17.4m", "£1.2m of pressures"): one only with a plan's verb
# (`PLANNED`), for "a £0.3m pressure on housing benefit subsidy" is an in-year overspend.
PRESSURE_BEFORE = re.compile(r"\bpressures?\s+(?:of|totall?ing|amounting\s+to)\s+$", re.IGNORECASE)
PRESSURE_AFTER = re.compile(
    r"^\s*(?:of\s+)?(?:(?:additional|further|new|demand|service)\s+){0,2}pressures?\b", re.I
)
# Or the subject of the clause it closes: "Children's growth in 2026/27 is £9.1m".
SUBJECT = re.compile(
    r"\b(?P<word>growth|pressures?)\b(?P<between>[^£.;:]{0,40}?)\b(?:is|are|totals?|totalling)\s+$",
    re.IGNORECASE,
)
# Words that put it in a budget: "provided for", "includes", "assumed", "built in", "allowed for".
PLANNED = re.compile(
    r"\binclud(?:es|ed)\b|\bprovided\s+for\b|\bprovision\b|\bassumed\b|\bbuilt\s+in|\ballowed\s+for\b|"
    r"\badded\b|\bMTFP\b|\bmedium[\s-]term\b",
    re.IGNORECASE,
)
# Words before it that make it this year's outcome, not a plan's growth ("the overspend reflects
# demand growth of £1.2m", "forecasting a pressure of £2m").
IN_YEAR = re.compile(r"\bover\s*spend|\bforecast(?:s|ing)?\b|\boutturn\b|\bin[\s-]year\b|\bvariance", re.I)
# Growth that is income or funding: never a pressure.
NOT_SPENDING = re.compile(
    r"\b(?:council\s+tax|business\s+rates|tax\s*base|income|funding|grant|settlement|precept|"
    r"receipts?|fees|charges)\b",
    re.IGNORECASE,
)
# A further sum of growth, that says nothing of what it is for: the same as the growth before it.
FURTHER = re.compile(r"\b(?:a\s+)?further\s+$|\badditional\s+$", re.IGNORECASE)
# What the growth is for: "for children looked after placements", up to the next clause or year.
FOR = re.compile(
    r"\bfor\s+(?P<what>.+?)(?=\s*(?:,(?=\s+(?-i:[a-z]))|;|:|\(|\.(?!\d)|$)|\s+(?:in|during|from|over)\s+(?:each\s+of\s+)?20\d\d"
    r"|\s+and\s+£)",
    re.IGNORECASE,
)
# Where the words about the sum end: its reasons ("reflecting the 2025/26 overspends") name years
# that are not its own.
REASON = re.compile(
    r",?\s+(?:reflecting|to\s+reflect|due\s+to|because|following|as\s+a\s+result|arising|driven\s+by)\b",
    re.IGNORECASE,
)
# A sum said for each of the years after it ("in each of 2027/28 and 2028/29", "£2.0m a year").
EACH = re.compile(r"\beach\b|\ba\s+year\b|\bper\s+(?:annum|year)\b|\bp\.?a\.?\b|\bannually\b", re.IGNORECASE)
YEAR_WORD = re.compile(r"^\s*(?:the\s+)?(?:financial\s+)?(?:year\s+)?20\d\d", re.IGNORECASE)


def stated_pressures(extraction: Extraction) -> list[PlanLine]:
    """The pressures the bundle's plans state in prose, where its tables give none; [] otherwise."""
    if extraction.pressures:
        return []
    out: list[PlanLine] = []
    for figure in extraction.figures:
        line = _pressure(figure, out)
        if line is not None and not any(_same(line, kept) for kept in out):
            out.append(line)
    return out


def with_stated_pressures(extraction: Extraction) -> Extraction:
    """The extraction with its prose pressures among its pressures (`stated_pressures`)."""
    found = stated_pressures(extraction)
    return (
        extraction.model_copy(update={"pressures": [*extraction.pressures, *found]}) if found else extraction
    )


def _pressure(figure: Figure, before: Sequence[PlanLine]) -> PlanLine | None:
    """The pressure `figure` states, or None where its words do not make it one (`is_growth`)."""
    if figure.unit != FigureUnit.GBP or figure.value <= 0:
        return None
    text = figure.text
    at = figure_at(text, figure.value)
    if at is None or not is_growth(text, at, continues_list(text, at, before)):
        return None
    after = text[at[1] : _next_money(text, at[1])]
    after = after[: reason.start()] if (reason := REASON.search(after)) else after
    years = _years(figure, after)
    what = _purpose(figure, at, after, before) if years else ""
    if not what:
        return None
    return PlanLine(
        title=what[0].upper() + what[1:],
        description=text,
        planned=[PeriodAmount(period=year, amount_gbp=figure.value) for year in years],
        provenance=figure.provenance[:1],
    )


def is_growth(text: str, at: tuple[int, int], listed: bool = False) -> bool:
    """Whether the figure at `at` in `text` is growth or a pressure budgeted for: named so just
    before or after it, or the subject its clause gives it, or the next item of a list of such
    ("growth of £5.4m ... and £1.6m for home to school transport": `listed`); never growth in
    income or funding (`NOT_SPENDING`), nor what its clause says is this year's outcome (`IN_YEAR`)."""
    lead = text[: at[0]]
    clause = lead[max((m.end() for m in re.finditer(r"[.;]\s", lead)), default=0) :]
    tail = text[at[1] : at[1] + 60]
    if listed:
        return True
    if NOT_SPENDING.search(clause[-80:]) or IN_YEAR.search(clause):
        return False
    subject = SUBJECT.search(clause)
    if (
        GROWTH_BEFORE.search(clause)
        or GROWTH_AFTER.match(tail)
        or (subject and subject["word"].lower() == "growth")
    ):
        return True
    pressure = PRESSURE_BEFORE.search(clause) or PRESSURE_AFTER.match(tail) or subject is not None
    return bool(pressure and PLANNED.search(text))


def continues_list(text: str, at: tuple[int, int], before: Sequence[PlanLine]) -> bool:
    """Whether the figure at `at` continues a list of growth its sentence began: "and £1.6m for
    ..." just after a figure of the same sentence already read as growth."""
    joined = re.search(r"(?:,|\band)\s*$", text[: at[0]])
    return bool(joined) and any(line.description == text for line in before)


def _next_money(text: str, start: int) -> int:
    found = MONEY.search(text, start)
    return found.start() if found else len(text)


def _years(figure: Figure, after: str) -> list[str]:
    """The years the sum is for: those named after it up to the next sum ("in each of 2027/28 and
    2028/29": each, where it says each; one named alone), else the figure's own year; none for a sum
    over years it does not say is each year's."""
    named = list(dict.fromkeys(find_periods(after)))
    if len(named) == 1:
        return named
    if len(named) > 1:
        return named if EACH.search(after) else []
    return [figure.period] if figure.period else []


def _purpose(figure: Figure, at: tuple[int, int], after: str, before: Sequence[PlanLine]) -> str:
    """What the growth is for: the words after "for" following it ("for home to school transport"),
    else its clause's subject before "growth" ("Adults and Health growth in 2026/27 is £9.1m"), else,
    for a further sum, what the growth read before it in the same passage was for."""
    found = FOR.search(after)
    if found and not YEAR_WORD.match(found["what"]):
        return re.sub(r"\s+(?:and|or)$", "", " ".join(found["what"].split()))
    lead = figure.text[: at[0]]
    if (growth := re.search(r"(?:^|[.;,]\s*)(?P<who>[^.;,£]{3,60}?)\s+growth\b[^£]*$", lead)) is not None:
        who = re.sub(r"^(?:the|a|an)\s+", "", growth["who"].strip(), flags=re.IGNORECASE)
        if not re.search(r"\b(?:of|in|includes?|further|additional|the|a|an)$", who, re.IGNORECASE):
            return who
    where = figure.provenance[0]
    earlier = [
        _as_said(line.title)
        for line in before
        if (line.provenance[0].file, line.provenance[0].locator) == (where.file, where.locator)
    ]
    if FURTHER.search(lead) and earlier:
        return "further growth: " + " and ".join(dict.fromkeys(earlier))
    return ""


def _as_said(title: str) -> str:
    """A title inside a sentence: its first letter lower, unless it opens an initialism ("SEND")."""
    return title[:1].lower() + title[1:] if title[1:2].islower() else title


def _same(one: PlanLine, other: PlanLine) -> bool:
    """One statement read twice (a sentence restated in another document, the same sum and years)."""
    return one.title.lower() == other.title.lower() and [(p.period, p.amount_gbp) for p in one.planned] == [
        (p.period, p.amount_gbp) for p in other.planned
    ]
