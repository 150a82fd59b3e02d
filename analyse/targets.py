"""Targets the council's documents set for what a scenario moves: a count of children or a share,
with the date it is to be reached by, read from the sentences of its prose.

A target is a change its sentence states to a figure: "Safely reduce the number of children looked
after to 1,150 by March 2028", "Reduce the number of children in residential care from 58 to 45 by
March 2027", "Increase the share of fostered children living with in-house carers from 61% to 70%",
or "a target of 45 children in residential care". What it is a target for is decided by the words
of its subject, the same words that decide today's figure of each measure (`analyse.benchmarks.own`):
a ceiling ("keep re-referrals below 20%") is no target for a parameter, nor is a figure of another
subject.

A table's cells are read the same way, each cited to its row (a tracker's notes: "Agency staff 24% of
social workers; target 15% by March 2026", sheet Tracker Q2 row 7). A bare "target 15%" is of the
subject its sentence names before it, else, in a table, of the one its row names (the saving's title
beside the note). The targets are scenario inputs keyed `<measure>:target`; documents that set different
targets for one measure give none, and the disagreement is a figure stated differently in two
places, cited to each (`targets_stated_differently`): a reviewer asks which holds.

A reduction is read too, keyed `reduction_key(measure)`: "eight fewer residential placements by March
2026", "Sixteen step-downs are planned in 2025-26" (a step-down is a move out of residential care).
Reductions are what a saving counts on; where those the documents count on by a date take off more
than a target set with where it starts ("from 58 to 45 by March 2027") takes off by its own date or
a later one, the two disagree as targets stated differently do (`beyond_the_target`): the savings
rest on a faster fall than the plan for the same measure.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from analyse.benchmarks.own import OWN_MEASURES, OwnMeasure
from analyse.provision import IN_HOUSE
from analyse.records import StatedTarget, TargetStatedDifferently
from analyse.scenarios import COUNT_WRITTEN, DOCUMENTS, INPUT_NAMES, Measure, as_count, target_key
from extract.numbers import FINANCIAL_YEAR, MONTH, normalise_period, year_end
from extract.prose import sentences_cited
from extract.records import Passage, Provenance, Table
from extract.sentences import split_sentences
from extract.tables.rows import row_cited

_NUMBER = r"\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?"
_PERCENT = r"\s*(?:%|per\s+cent\b)"
_CHANGE = r"reduc(?:e|es|ed|ing)|increas(?:e|es|ed|ing)|lower(?:s|ed|ing)?|rais(?:e|es|ed|ing)|cut(?:s|ting)?"
_CHANGE += r"|bring(?:s|ing)?(?:\s+down)?|grow(?:s|ing)?"
# "<change> <subject> [from N] to N[%] <rest>": the subject runs from the verb to "from" or "to".
CHANGE_TO = re.compile(
    rf"\b(?:{_CHANGE})\s+(?P<subject>[^.;:]{{3,120}}?)\s+"
    rf"(?:from\s+(?P<start>{_NUMBER})(?P<start_pct>{_PERCENT})?\s+)?"
    rf"to\s+(?P<value>{_NUMBER})(?![\d/–-])(?P<pct>{_PERCENT})?(?!\s*per\s+\d)(?P<rest>[^.;:]*)",
    re.I,
)
# "a target of N[%] <subject>" (the subject after the figure).
TARGET_OF = re.compile(
    rf"\btarget\s+of\s+(?P<value>{_NUMBER})(?![\d/–-])(?P<pct>{_PERCENT})?(?!\s*per\s+\d)(?P<subject>[^.;:]{{3,120}})",
    re.I,
)
# "target[:] N[%] <rest>" (the subject before it: its sentence's words, else its table row's).
TARGET_BARE = re.compile(
    rf"\btarget\s*:?\s*(?P<value>{_NUMBER})(?![\d/–-])(?P<pct>{_PERCENT})?(?!\s*per\s+\d)(?P<rest>[^.;:]*)",
    re.I,
)
_BEFORE = 120  # the words before a bare target read for its subject, as a subject after it is read
# "eight fewer residential placements by March 2026": a reduction of the count the subject names.
FEWER = re.compile(rf"\b(?P<value>{COUNT_WRITTEN})\s+fewer\s+(?P<subject>[^.;:]{{3,120}})", re.I)
# "Sixteen step-downs are planned in 2025-26": each a move out of residential care.
STEP_DOWNS = re.compile(
    rf"\b(?P<value>{COUNT_WRITTEN})\s+(?:more\s+|further\s+)?step[- ]?downs?\s+(?:are\s+|is\s+)?planned\b"
    r"(?P<rest>[^.;:]*)",
    re.I,
)
STEPPED_DOWN_FROM = "residential_number"  # the count a step-down takes one off
IN_YEAR = re.compile(rf"\bin\s+(?P<date>{FINANCIAL_YEAR})\b", re.I)
BY_DATE = re.compile(
    rf"\bby\s+(?:the\s+end\s+of\s+)?(?P<date>(?:(?:{MONTH})\s+)?20\d\d(?:[-/]\d\d)?)\b", re.I
)
_YEAR = re.compile(r"^(?:19|20)\d\d$")  # "to 2028" is a year, not a count


@dataclass(frozen=True)
class Subject:
    """What a target is of: the measure key, whether it is a share (percent) or a count, and the
    words its subject holds (one of each group) and must not hold."""

    key: str
    share: bool
    words: tuple[tuple[str, ...], ...]
    unless: tuple[str, ...] = ()


FOSTERED = ("fostered children", "children in foster care", "foster placements", "children fostered")


def _counted(indicator: str) -> Subject:
    measure: OwnMeasure = next(m for m in OWN_MEASURES if m.indicator == indicator)
    return Subject(indicator, False, measure.words, measure.unless)


SUBJECTS = (
    _counted("cla_number"),
    _counted("residential_number"),
    Subject("foster_in_house_pct", True, (FOSTERED, IN_HOUSE)),
    # no scenario moves it, but documents that set it differently are told (`targets_stated_differently`)
    Subject(
        "agency_social_worker_pct",
        True,
        (("agency",), ("social worker", "staff", "workforce")),
        ("placement", "foster", "carer"),
    ),
)
# What each target is of, in words, for a measure no scenario names (`INPUT_NAMES` names the rest).
TARGET_NAMES = {"agency_social_worker_pct": "the share of social workers who are agency staff"}


@dataclass(frozen=True)
class Target:
    key: str
    value: float
    by: str | None  # the date it is to be reached by, as written ("March 2028"); None where unsaid
    provenance: list[Provenance]
    share: bool = False  # a percentage, not a count
    start: float | None = None  # where its sentence says it starts ("from 58 to 45": 58)


def sentence_targets(sentence: str, provenance: list[Provenance], row: str = "") -> list[Target]:
    """The targets one sentence sets, each for the subject its words name (a bare target's, where
    its sentence names none, the one `row` names: the other cells of the table row it is a cell of)."""
    out = []
    for match, words, bare in _matched(sentence):
        share = bool(match["pct"])
        subject = subject_of(words, share) or (subject_of(row, share) if bare else None)
        value = match["value"]
        if subject is None or (not subject.share and (_YEAR.match(value) or "." in value)):
            continue
        rest = match.groupdict().get("rest") or match["subject"]
        dates = BY_DATE.search(rest) or (
            BY_DATE.search(sentence) if len(BY_DATE.findall(sentence)) == 1 else None
        )
        by = dates["date"] if dates else None
        start = match.groupdict().get("start")
        figure = float(value.replace(",", ""))
        out.append(
            Target(
                subject.key,
                figure,
                by,
                provenance,
                subject.share,
                float(start.replace(",", "")) if start else None,
            )
        )
    return out


def sentence_reductions(sentence: str, provenance: list[Provenance]) -> list[Target]:
    """The reductions one sentence counts on, each a Target whose value is the count taken off (read
    apart from the levels, under `reduction_key`): "eight fewer <subject> by <date>" of the count its
    subject names, "<n> step-downs are planned in <year>" of the children in residential care."""
    out = []
    for match in FEWER.finditer(sentence):
        subject = subject_of(match["subject"], False)
        if subject is not None:
            out.append(Target(subject.key, as_count(match["value"]), _by(match["subject"]), provenance))
    for match in STEP_DOWNS.finditer(sentence):
        out.append(Target(STEPPED_DOWN_FROM, as_count(match["value"]), _by(match["rest"]), provenance))
    return out


def _by(words: str) -> str | None:
    """The date words set a reduction by: "by March 2026", or the year it is "in" ("in 2025-26")."""
    found = BY_DATE.search(words) or IN_YEAR.search(words)
    return found["date"] if found else None


def reduction_key(measure: str) -> str:
    """The key the reductions of a measure are read under (`targets_read`)."""
    return f"{measure}:fewer"


def _matched(sentence: str) -> list[tuple[re.Match[str], str, bool]]:
    """Each target pattern's matches in the sentence, with the words that name its subject and
    whether it is a bare target (its subject before it)."""
    named = [(m, m["subject"], False) for m in [*CHANGE_TO.finditer(sentence), *TARGET_OF.finditer(sentence)]]
    before = [
        (m, sentence[max(0, m.start() - _BEFORE) : m.start()], True) for m in TARGET_BARE.finditer(sentence)
    ]
    return named + before


def subject_of(words: str, share: bool) -> Subject | None:
    """The measure a target's subject words name, of the target's kind (share or count)."""
    text = words.lower()
    for subject in SUBJECTS:
        if subject.share != share or any(w in text for w in subject.unless):
            continue
        if all(any(w in text for w in group) for group in subject.words):
            return subject
    return None


Found = dict[str, dict[tuple[float, str | None], list[Target]]]


@dataclass(frozen=True)
class Statement:
    """A sentence that may set a target, where it is printed, and the other cells of its table row
    (what a bare target in a cell is of; "" for prose)."""

    sentence: str
    provenance: list[Provenance]
    row: str = ""


def statements(passages: Iterable[Passage], tables: Iterable[Table] = ()) -> list[Statement]:
    """The sentences of the prose and of the tables' cells that may set a target, each cited."""
    out = [
        Statement(sentence, where)
        for passage in passages
        if _may_set(passage.text)
        for sentence, where in sentences_cited(passage)
    ]
    for table in tables:
        for index, cells in enumerate(table.rows[table.header_rows :], start=table.header_rows):
            said = [c for c in cells if _may_set(c) and any(ch.isdigit() for ch in c)]
            if said:
                where, row = [row_cited(table, index)], " ".join(c for c in cells if c)
                out += [Statement(s, where, row) for cell in said for s in split_sentences(cell)]
    return out


def _may_set(text: str) -> bool:
    return "to " in text or "target" in text.lower() or "fewer" in text or "step" in text.lower()


def targets_read(passages: Iterable[Passage], tables: Iterable[Table] = ()) -> Found:
    """Every target the prose and the tables' cells set, by measure and then by (value, date): read
    once for a review, for the targets it takes (`stated_targets`) and those set differently
    (`targets_stated_differently`)."""
    said = statements(passages, tables)
    found: Found = {}
    for statement in said:
        for target in sentence_targets(statement.sentence, statement.provenance, statement.row):
            found.setdefault(target.key, {}).setdefault((target.value, target.by), []).append(target)
        for cut in sentence_reductions(statement.sentence, statement.provenance):
            found.setdefault(reduction_key(cut.key), {}).setdefault((cut.value, cut.by), []).append(cut)
    return {key: _merged(values) for key, values in found.items()}


def _merged(
    values: dict[tuple[float, str | None], list[Target]],
) -> dict[tuple[float, str | None], list[Target]]:
    """A target stated without a date agrees with the same value stated by one date: one target,
    cited to both. Two values, or one value by two dates, stay apart."""
    dated = [(v, b) for v, b in values if b is not None]
    out: dict[tuple[float, str | None], list[Target]] = {}
    for (value, by), targets in values.items():
        same = [key for key in dated if key[0] == value]
        if by is None and len(same) == 1:
            out.setdefault(same[0], []).extend(targets)
        else:
            out.setdefault((value, by), []).extend(targets)
    return out


def stated_targets(found: Found) -> dict[str, Measure]:
    """Each measure's target as the documents set it, keyed `target_key(measure)`, cited to every
    sentence or table row that sets it; a measure set two different targets (or one by two dates)
    has none."""
    out = {}
    for key, values in found.items():
        if len(values) != 1 or key not in INPUT_NAMES:
            continue
        (((value, by), targets),) = values.items()
        provenance = [p for t in targets for p in t.provenance]
        cited = "; ".join(dict.fromkeys(f"{p.file} p{p.page}" if p.page else p.file for p in provenance))
        source = f"The council's target for {INPUT_NAMES[key]}: {DOCUMENTS} ({cited})"
        # no `own`: the scenario shows a target as its parameter, not among today's figures
        out[target_key(key)] = Measure(value, by, source, list(dict.fromkeys(provenance)))
    return out


def targets_stated_differently(found: Found) -> list[TargetStatedDifferently]:
    """Each measure the documents set targets for that disagree (`disagree`: two values for one
    date, or where either gives none), each of those statements as written and cited: one target
    stated differently in two places. Targets by different dates are a trajectory, not this."""
    out = []
    for key, values in found.items():
        if key not in TARGET_NAMES and key not in INPUT_NAMES:
            continue  # a measure's reductions: set against its targets below
        beyond = beyond_the_target(key, values, found.get(reduction_key(key), {}))
        out += [beyond] if beyond else []
        apart = [one for one in values if any(disagree(one, other) for other in values)]
        if not apart:
            continue
        stated = [
            StatedTarget(
                words=_words(value, by, values[value, by][0].share),
                provenance=list(dict.fromkeys(p for t in values[value, by] for p in t.provenance)),
            )
            for value, by in apart
        ]
        out.append(TargetStatedDifferently(subject=TARGET_NAMES.get(key) or INPUT_NAMES[key], stated=stated))
    return out


def beyond_the_target(
    key: str,
    targets: dict[tuple[float, str | None], list[Target]],
    reductions: dict[tuple[float, str | None], list[Target]],
) -> TargetStatedDifferently | None:
    """The reductions the documents count on for a count by a date, added (each a saving's own), set
    against a target for it stated with where it starts, by that date or a later one: where they take
    off more than the target does, the two are stated differently ("58 to 45 by March 2027", 13
    fewer, against "8 fewer by March 2026" and "16 fewer in 2025-26", 24 fewer a year sooner)."""
    for (value, by), stating in targets.items():
        start = next((t.start for t in stating if t.start is not None), None)
        end = met_by(by)
        if start is None or end is None or start <= value:
            continue
        counted = [(v, b, ts) for (v, b), ts in reductions.items() if (at := met_by(b)) and at <= end]
        fewer = sum(v for v, _, _ in counted)
        if not counted or fewer <= start - value:
            continue
        latest = max((b for _, b, _ in counted), key=lambda b: met_by(b) or (0, 0))
        each = " and ".join(_fewer_words(v, b) for v, b, _ in counted)
        return TargetStatedDifferently(
            subject=TARGET_NAMES.get(key) or INPUT_NAMES[key],
            stated=[
                StatedTarget(
                    words=f"{start:,.0f} to {_words(value, by, False)} ({start - value:,.0f} fewer)",
                    provenance=list(dict.fromkeys(p for t in stating for p in t.provenance)),
                ),
                StatedTarget(
                    words=f"{fewer:,.0f} fewer by {_end_words(latest)}"
                    + (f" ({each})" if len(counted) > 1 else ""),
                    provenance=list(
                        dict.fromkeys(p for _, _, ts in counted for t in ts for p in t.provenance)
                    ),
                ),
            ],
        )
    return None


def _fewer_words(value: float, by: str | None) -> str:
    return f"{value:,.0f} fewer " + (f"in {by}" if by and IN_YEAR.match(f"in {by}") else f"by {by}")


def _end_words(by: str | None) -> str:
    """A reduction's date as the end it is by: "March 2026", or "the end of 2025-26"."""
    return f"the end of {by}" if by and IN_YEAR.match(f"in {by}") else f"{by}"


def met_by(words: str | None) -> tuple[int, int] | None:
    """The (year, month) a target's or a reduction's date words put it at: a date as
    extract.numbers.year_end reads one ("March 2027" is (2027, 3)); else the end of the year it is to
    be met in: a financial year "2025-26" ends in March 2026; a year alone, its December."""
    if not words:
        return None
    if (dated := year_end(words)) is not None:
        return dated
    if year := normalise_period(words):
        return int(year[:4]) + 1, 3
    return (int(words), 12) if re.fullmatch(r"20\d\d", words.strip()) else None


def disagree(one: tuple[float, str | None], other: tuple[float, str | None]) -> bool:
    """Two targets for one measure disagree only where they differ and are for the same date, or
    either states none: "15% by March 2026" and "12% by March 2027" are steps of one trajectory."""
    (value, by), (other_value, other_by) = one, other
    same_date = by is None or other_by is None or by.lower() == other_by.lower()
    return value != other_value and same_date


def _words(value: float, by: str | None, share: bool) -> str:
    """ "12% by March 2027", "1,150": the target as its sentence sets it."""
    figure = f"{value:,.0f}" if value == int(value) else f"{value:,}"
    return figure + ("%" if share else "") + (f" by {by}" if by else " (no date given)")
