"""Savings that depend on reducing demand, and what the benchmarks say about that demand.

A saving that relies on fewer children coming into care is only as safe as the trend behind it:
seed 003's council re-forecast "as is" and named such savings at risk when demand kept rising.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from analyse.amounts import planned_in
from analyse.benchmark_flags import uasc_apart, uasc_words
from analyse.records import Benchmark
from analyse.scenarios import Measure, target_key
from analyse.themes import themes_of
from analyse.wording import labels, phrase_found, phrase_matcher, token_matcher
from extract.prose import sentences_cited
from extract.records import Passage, PlanLine, Provenance

_REDUCE = [
    "fewer",
    "reduce",
    "reduced",
    "reduces",
    "reducing",
    "reduction",
    "reductions",
    "lower",
    "lowering",
    "decrease",
    "decreasing",
    "avoid",
    "avoiding",
    "avoidance",
    "prevent",
    "preventing",
    "prevention",
    "minimise",
    "minimising",
    "safely",
]
_DEMAND = [
    "placements",
    "placement",
    "cla",
    "lac",
    "entrants",
    "admissions",
    "children",
    "demand",
    "referrals",
    "re-referrals",
    "ehcps",
    "ehcp",
    "breakdowns",
]
# A saving that lessens growth rather than numbers ("reduction to the impact of rising pupil
# population", "mitigate increasing demand") depends on demand as much as one that needs it to fall.
_LESSEN = _REDUCE + ["mitigate", "mitigating", "mitigation", "contain", "containing", "offset", "offsetting"]
_GROWING = ["rising", "growing", "increasing", "growth", "rise", "increase", "increased", "increases"]
# What grows: numbers of people, not a kind of placement ("growth in placement costs" is a price).
_GROWN = ["population", "populations", "numbers", "number", "demand", "pupils", "pupil", "cohort"]
_GROWN += ["children", "referrals", "entrants", "admissions", "ehcps", "ehcp"]
# Gap words that turn "lower cost placement" into a price saving rather than a demand one.
_NOT_GAP = ["cost", "costs", "price", "prices", "rate", "rates", "fee", "fees", "unit"]

_TOKENS = token_matcher(
    {
        "demand_reduction": [
            [{"LOWER": {"IN": _REDUCE}}]
            + [{"LOWER": {"NOT_IN": _NOT_GAP}, "OP": "?"}] * 4
            + [{"LOWER": {"IN": _DEMAND}}],
        ],
        "demand_growth_lessened": [
            [{"LOWER": {"IN": _LESSEN}}]
            + [{"LOWER": {"NOT_IN": _NOT_GAP}, "OP": "?"}] * 5
            + [{"LOWER": {"IN": _GROWING}}]
            + [{"LOWER": {"NOT_IN": _NOT_GAP}, "OP": "?"}] * 3
            + [{"LOWER": {"IN": _GROWN}}],
        ],
    }
)
_PHRASES = phrase_matcher(
    {
        "demand_reduction": [
            "entering care",
            "coming into care",
            "come into care",
            "into care",
            "edge of care",
            "reunification",
            "reunifications",
            "remain with families",
            "remain at home",
            "stay at home",
            "demand management",
            "manage demand",
            "managing demand",
            "reduce demand",
            "demand reduction",
            "fewer children",
            "children looked after numbers",
            "cla numbers",
            "lac numbers",
        ],
        "demand_growth_lessened": ["against growth"],
    }
)


# What a saving may deliver by other than fewer children: money from others, or a lower price.
_OTHER_LEVERS = phrase_matcher(
    {
        "income": [
            "health contributions",
            "health contribution",
            "contributions",
            "contribution",
            "income",
            "charging",
            "recharges",
            "grant funding",
        ],
        "price": [
            "placement costs",
            "placement cost",
            "unit costs",
            "unit cost",
            "prices",
            "fees",
            "contract",
            "contracts",
            "recommission",
            "recommissioning",
        ],
    }
)
# Words a document uses to say demand is not moving ("The overall proportion of children in care is
# fairly static"): said of it, not a kind of placement ("stable placements").
STATIC = re.compile(
    r"\b(?:is|are|was|were|remains?|remained|has been|have been)\s+"
    r"(?:fairly\s+|broadly\s+|relatively\s+|largely\s+)?(?:static|stable|flat|steady|unchanged)\b",
    re.I,
)


# Which way a demand saving moves children, by its own words: fewer starting care (prevention, the
# edge of care) or more leaving it, fewer remaining (kinship care, reunification). The rate of
# children starting care tests the first; the rate of children looked after tests the second.
_DIRECTION = phrase_matcher(
    {
        "starting": [
            "entering care",
            "enter care",
            "coming into care",
            "come into care",
            "edge of care",
            "entrants",
            "admissions",
            "prevention",
            "preventing",
            "starting to be looked after",
        ],
        "leaving": [
            "remaining in care",
            "remain in care",
            "remaining looked after",
            "exits from care",
            "reunification",
            "reunifications",
            "return home",
            "returning home",
            "kinship",
            "special guardianship",
        ],
    }
)


def lever_direction(text: str) -> str:
    """Which way a saving's words say it moves children: "starting" (fewer coming into care),
    "leaving" (more leaving, fewer remaining), or "" where they say neither or both."""
    found = labels(_DIRECTION, text)
    return next(iter(found)) if len(found) == 1 else ""


def is_uasc_signal(signal: DemandSignal) -> bool:
    """A rate of unaccompanied asylum-seeking children alone."""
    return "uasc" in signal.indicator.lower() or "asylum" in signal.label.lower()


def is_starts_signal(signal: DemandSignal) -> bool:
    """A rate of children starting care (entrants), not of children in care."""
    name = f"{signal.indicator} {signal.label}".lower()
    return any(w in name for w in ("starts", "starting", "entering", "entrants", "admissions"))


def other_levers(text: str) -> list[str]:
    """The words of a saving naming what it may deliver by other than demand ("placement costs",
    "health contributions"), as written: a saving naming any depends on demand only in part."""
    return [
        w for label in sorted(labels(_OTHER_LEVERS, text)) if (w := phrase_found(_OTHER_LEVERS, label, text))
    ]


# A sentence of the documents with `STATIC`'s words, where it is printed, and its themes.
StaticSentence = tuple[str, list[Provenance], frozenset[str]]


def static_sentences(passages: Sequence[Passage]) -> list[StaticSentence]:
    """The documents' sentences with `STATIC`'s words, in order, each cited and with its themes: read
    once for a review, not once for each saving (`demand_static`)."""
    return [
        (sentence, where, frozenset(themes_of(sentence)))
        for passage in passages
        if STATIC.search(passage.text)
        for sentence, where in sentences_cited(passage)
        if STATIC.search(sentence)
    ]


def demand_static(
    sentences: Sequence[StaticSentence], themes: frozenset[str] | set[str]
) -> tuple[str, list[Provenance]] | None:
    """The documents' first sentence saying the demand a saving depends on is not moving: a sentence
    (`static_sentences`) on one of its themes (children in care for a placement saving), cited."""
    return next(((sentence, list(where)) for sentence, where, said in sentences if themes & said), None)


def depends_on_demand(text: str) -> bool:
    """Whether a saving's wording says it is delivered by reducing the number of children served."""
    return bool(demand_words(text))


def demand_words(text: str) -> str:
    """The words of a saving that say it depends on demand falling, as written ('' where none do)."""
    for matcher in (_PHRASES, _TOKENS):
        for label in labels(matcher, text):
            return phrase_found(matcher, label, text) or ""
    return ""


def demand_change(text: str) -> str:
    """What a saving needs demand to do, by its own words: fall, or (where it lessens the impact of
    growth) rise less than it would; never said to fall where the saving's words say it rises."""
    lessened = "demand_growth_lessened" in labels(_PHRASES, text) | labels(_TOKENS, text)
    return "rising less than it otherwise would" if lessened else "falling"


@dataclass(frozen=True)
class DemandSignal:
    """One demand indicator read from the benchmarks: is it rising, is it above the neighbours?"""

    indicator: str
    label: str
    value: float
    period: str | None
    neighbours_median: float | None
    rising: bool | None
    provenance: list[Provenance]
    # Where the rate counts asylum-seeking children and the council's share of them is far above
    # the neighbours' (analyse.benchmark_flags.uasc_apart): that share, said beside the rate.
    uasc: str = ""
    uasc_provenance: list[Provenance] = field(default_factory=list)
    # Where the rate is the council's own statement and counts asylum-seeking children it does not
    # count apart (`UNCOUNTED`; analyse.benchmarks.own.demand_grounds): said wherever it is read as demand.
    uasc_uncounted: bool = False
    # Where the value and the neighbours' figure are the council's own statements (another council's
    # national figures stand in): the documents that state each, by name and page ("Strategic Plan
    # 2025-2028 p1"), and the neighbours' median the national data give, with whose figures they are.
    said_by: str = ""
    neighbours_said_by: str = ""
    national_median: float | None = None
    national_whose: str = ""
    # The further comparators the sentence stating the neighbours' figure gives beside it (England's),
    # each by its name as written: a comparison quoted from a sentence keeps them all.
    others_said: tuple[tuple[str, float], ...] = ()

    @property
    def above_neighbours(self) -> bool | None:
        if self.neighbours_median is None:
            return None
        return self.value > self.neighbours_median

    @property
    def adverse(self) -> bool:
        return bool(self.rising) or bool(self.above_neighbours)

    def describe(self) -> str:
        if self.said_by:
            return self._as_said()
        parts = [f"{self.label} was {self.value:,.1f} in {self.period or 'the latest year'}"]
        if self.neighbours_median is not None:
            side = side_of(self.value, self.neighbours_median)
            parts.append(f"{side} the statistical neighbours' median of {self.neighbours_median:,.1f}")
        if self.rising is not None:
            parts.append("and rising" if self.rising else "and not rising")
        said = ", ".join(parts[:2]) + (f" {parts[2]}" if len(parts) > 2 else "")
        return f"{said}, though {self.uasc}" if self.uasc else said

    def _as_said(self) -> str:
        """The council's own comparison, labelled as the council's, beside the national data's, with
        what the rate counts that the documents do not count apart (`UNCOUNTED`)."""
        return self._compared() + (f"; {UNCOUNTED}" if self.uasc_uncounted else "")

    def _compared(self) -> str:
        label = self.label if self.label[1:2].isupper() else self.label[:1].lower() + self.label[1:]
        said = f"the council's documents give {label} as {self.value:,.1f} ({self.said_by})"
        if self.neighbours_median is not None:
            side = side_of(self.value, self.neighbours_median)
            others = "".join(
                f" and {side_of(self.value, value)} the {value:,.1f} for {name}"
                for name, value in self.others_said
            )
            said += (
                f", {side} the {self.neighbours_median:,.1f} for statistical neighbours{others} that the"
                f" council's {self.neighbours_said_by or self.said_by} states"
            )
        if self.national_median is not None:
            said += f"; the national data give a neighbours' median of {self.national_median:,.1f}"
            said += f" ({self.national_whose})" if self.national_whose else ""
        return said


# A rate of children looked after or starting care counts unaccompanied asylum-seeking children; the
# council's own statement of it does not say how many (the national share is another council's).
UNCOUNTED = (
    "the rate counts unaccompanied asylum-seeking children, and the council's figure does not say how"
    " many of them: how much of it is need it does not show"
)


def side_of(value: float, other: float) -> str:
    """Where a value stands against a comparator, as the figures printed say it: "above", "below", or
    "at" (62.0 against 70.0 is below, never "at or below")."""
    mine, theirs = round(value, 1), round(other, 1)
    return "above" if mine > theirs else "below" if mine < theirs else "at"


def indicators_against(signals: list[DemandSignal]) -> str:
    """What the demand indicators a saving depends on do, each by its label, for the question it asks:
    those that rise, and those that do not ("'Children starting to be looked after per 10,000
    children' rises ('Children looked after per 10,000 children' does not)"); where none rises, those
    above the statistical neighbours' median. Never "the indicators rise" where only one does."""
    rising = [s for s in signals if s.rising]
    if rising:
        said = f"{_named(rising)} {'rises' if len(rising) == 1 else 'rise'}"
    else:
        above = [s for s in signals if s.above_neighbours]
        said = (
            f"{_named(above)} {'is' if len(above) == 1 else 'are'} above the statistical neighbours' median"
        )
        return said + (", not rising" if all(s.rising is False for s in above) else "")
    steady = [s for s in signals if s.rising is False]
    return said + (f" ({_named(steady)} {'does' if len(steady) == 1 else 'do'} not)" if steady else "")


def _named(signals: list[DemandSignal]) -> str:
    names = [f"'{s.label}'" for s in signals]
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} and {names[-1]}"


def is_demand_indicator(benchmark: Benchmark) -> bool:
    """Rates of children looked after, in need or on a protection plan (not money)."""
    name = f"{benchmark.indicator} {benchmark.label}".lower()
    rate = "rate" in name or "per 10" in name or benchmark.unit == "rate_per_10k"
    about = (
        "cla" in name
        or "looked after" in name
        or "children in need" in name
        or "cin" in name
        or "protection" in name
        or "cpp" in name
    )
    return rate and about and "gbp" not in benchmark.unit


# Which demand a saving depends on, by its themes: placement savings on children looked after,
# early help and safeguarding savings on children in need and on plans. Transport or SEND demand
# has no benchmark here, so such savings are flagged as untested rather than tested against CLA.
# A kind of placement (residential, fostering) is in placements too (analyse.themes.PARENT_THEME).
CLA_THEMES = frozenset({"placements", "care_leavers", "uasc"})
NEED_THEMES = frozenset({"early_help", "child_protection_safeguarding"})


def is_cla_signal(signal: DemandSignal) -> bool:
    return "cla" in signal.indicator.lower() or "looked after" in signal.label.lower()


def relevant_signals(
    themes: list[str], signals: list[DemandSignal], direction: str = ""
) -> list[DemandSignal]:
    """The demand indicators a saving with these themes depends on (CLA first), by the way its lever
    moves children (`lever_direction`): one keeping fewer in care is not tested by the rate of
    children starting care; one keeping children from entering care is tested by that rate first.
    A rate of asylum-seeking children tests only a saving on them."""
    wanted = set(themes)
    found = [
        s
        for s in signals
        if ((wanted & CLA_THEMES and is_cla_signal(s)) or (wanted & NEED_THEMES and not is_cla_signal(s)))
        and ("uasc" in wanted or not is_uasc_signal(s))
    ]
    if direction == "leaving":
        return [s for s in found if not is_starts_signal(s)]
    return sorted(found, key=lambda s: not is_starts_signal(s)) if direction == "starting" else found


def rates_beside(
    themes: list[str], signals: list[DemandSignal], used: list[DemandSignal]
) -> list[DemandSignal]:
    """The rising rates a saving's lever is not tested on (`relevant_signals` set them aside: children
    starting care, beside a saving keeping fewer in care), said beside the ones it is, so its question
    never calls demand flat where the same pack flags a rate rising."""
    return [s for s in relevant_signals(themes, signals) if s not in used and s.rising]


def asylum_ask(signals: Sequence[DemandSignal]) -> str:
    """The question on asylum-seeking children a demand saving's question asks besides its own, where
    the rates it rests on or sets beside count them far above the neighbours' share (`DemandSignal.uasc`):
    how much of each such rate they are, and the rate without them; '' where none does."""
    counted = [s for s in signals if s.uasc]
    if not counted:
        return ""
    one = len(counted) == 1
    return (
        f"How much of {_named(counted)} is unaccompanied asylum-seeking children, and what"
        f" {'is it' if one else 'are they'} without them?"
    )


def demand_signals(benchmarks: list[Benchmark]) -> list[DemandSignal]:
    """Demand indicators, looked-after children first (the one placement savings depend on)."""
    found = [_signal(b, benchmarks) for b in benchmarks if is_demand_indicator(b) and b.value is not None]
    return sorted(found, key=lambda s: 0 if is_cla_signal(s) else 1)


def _signal(b: Benchmark, benchmarks: list[Benchmark]) -> DemandSignal:
    assert b.value is not None
    share = uasc_apart(b, benchmarks)
    return DemandSignal(
        indicator=b.indicator,
        label=b.label or b.indicator,
        value=b.value,
        period=b.period,
        neighbours_median=b.statistical_neighbours.median,
        rising=_rising(b),
        provenance=b.provenance,
        uasc=uasc_words(share, b.indicator) if share else "",
        uasc_provenance=share.provenance if share else [],
    )


def _rising(b: Benchmark) -> bool | None:
    """Rising when the latest value is above the one before and above three years earlier."""
    points = sorted(b.trend, key=lambda t: t.period)
    if len(points) < 2:
        return None
    latest, earlier = points[-1].value, points[max(0, len(points) - 4)].value
    return latest > points[-2].value and latest > earlier


# A count the documents say has risen to the figure they print ("has risen to 1,284", "up from 1,190
# to 1,284"): the count's own sentence says which way it moved.
RISEN_TO = r"\b(?:risen|rose|increased|grown|grew|gone\s+up|up)\s+(?:from\s+[\d,]+\s+)?to\s+{count}(?![\d,])"


LOOKED_AFTER = re.compile(r"\blooked[\s-]after\b|\bchildren\s+in\s+care\b", re.I)


# A pressure's words saying it pays for more children ("increase in numbers and complexity of need").
GROWTH_IN_NUMBERS = re.compile(
    rf"\b(?:{'|'.join(_GROWING)})\b(?:\W+\w+){{0,3}}?\W+(?:{'|'.join(_GROWN)})\b", re.I
)


@dataclass(frozen=True)
class GrowthPressure:
    """The plan's pressure for more children looked after in the review year, as its row states it."""

    title: str
    amount_gbp: float
    period: str | None
    provenance: list[Provenance]


@dataclass(frozen=True)
class RisingCount:
    """A count of children the documents set above the council's own target, plan or budget for it,
    most often saying it has risen (`risen`): the sentence saying so (cited) and the target's
    (cited); the plan's pressure for more such children where its words tie it to their numbers
    (`growth_pressure`), the money the rise costs."""

    measure: str
    count: float
    target: float
    by: str | None
    said: Provenance
    target_provenance: list[Provenance]
    pressure: GrowthPressure | None = None
    # what the council's own figure is, in the documents' word ("target", "plan", "budget")
    against: str = "target"
    # whether the documents say the count rose to it, or only set it above the council's own figure
    risen: bool = True
    # whether the sentence stating the count says it leaves out unaccompanied asylum-seeking children
    # ("1,148 looked after children (excluding unaccompanied asylum-seeking children)")
    without_uasc: bool = False


_COUNT = r"\d{1,3}(?:,\d{3})+|\d+"
# A day of a month ("30 September 2025") or a year is a date, never the count.
_MONTH = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\b"
# "looking after 742 children, against a plan of 690", "412 children looked after against a target of
# 380", "children looked after: 1,284 against 1,190 planned", "1,148 looked after children at 30
# September 2025, compared with 1,085 assumed in the budget": the count set against the council's
# own plan, target or budget for it in one sentence (`plan` the words naming it).
AGAINST_PLAN = re.compile(
    rf"(?<![\d,.])(?!(?:19|20)\d\d(?![\d,]))(?P<count>{_COUNT})(?!\s+{_MONTH})\s+(?P<between>[^.;:£%]{{0,120}}?)"
    rf"\b(?:against|compared\s+(?:with|to)|versus|vs\.?)\s+(?P<plan>(?:a\s+|the\s+|our\s+|its\s+)?"
    rf"(?:(?:plan(?:ned)?|target(?:ed)?|budget(?:ed)?)(?:\s+(?:of|level\s+of))?\s+(?P<target>{_COUNT})"
    rf"|(?P<target2>{_COUNT})\s+(?:planned|targeted|budgeted"
    rf"|(?:assumed\s+|allowed\s+for\s+|provided\s+for\s+)?in\s+the\s+(?:plan|budget))))(?![\d,])",
    re.I,
)
# The count is of all children looked after, not of a kind of placement ("61 children in residential
# care against a budgeted 47" is the residential count's), by the words naming it (`_count_words`).
LOOKING_AFTER = re.compile(r"\blooking\s+after\b|\blooked[\s-]after\b|\bchildren\s+in\s+care\b", re.I)
CLAUSE_MARK = re.compile(r"[,;()]|\d")
PLACEMENT_KIND = re.compile(r"residential|foster|placement|supported|semi-independent|secure|kinship", re.I)
# A count said to leave out unaccompanied asylum-seeking children.
WITHOUT_UASC = re.compile(
    r"\b(?:excluding|excludes|excluded|not\s+including|excl\.?|other\s+than)\s+(?:the\s+)?"
    r"(?:\d[\d,]*\s+)?(?:unaccompanied\s+)?(?:asylum[\s-]seeking|uasc)",
    re.I,
)
# A sentence saying the count went up: the words, or an earlier count it gives below it.
YEAR = re.compile(r"^(?:19|20)\d\d$")  # "31 March 2025" dates the count, it is none
WENT_UP = re.compile(r"\b(?:risen|rose|increased|grown|grew|gone\s+up|up\s+from|more\s+than)\b", re.I)


def above_plan(passages: Sequence[Passage]) -> tuple[float, float, Provenance, str, bool] | None:
    """The count of children looked after a sentence sets above the council's own plan, target or
    budget for it (`AGAINST_PLAN`): the count, the plan's figure, the sentence, cited, its word for
    the plan, and whether it says the count rose (`WENT_UP`, or an earlier count below it). Ashdown
    Vale's "looking after 742 children, against a plan of 690 for this point in the year and 655 at
    31 March 2025" (risen); Marlowe's "1,148 looked after children at 30 September 2025 ..., compared
    with 1,085 assumed in the budget" (above the budget, no rise said)."""
    for passage in passages:
        for sentence, where in sentences_cited(passage):
            if not where or not LOOKING_AFTER.search(sentence):
                continue
            for found in AGAINST_PLAN.finditer(sentence):
                if PLACEMENT_KIND.search(_count_words(sentence, found)):
                    continue
                if not LOOKING_AFTER.search(sentence[: found.end("between")]):
                    continue
                count = float(found["count"].replace(",", ""))
                plan = float((found["target"] or found["target2"]).replace(",", ""))
                if count <= plan:
                    continue
                others = [
                    float(n.replace(",", ""))
                    for n in re.findall(_COUNT, sentence[found.end() :])
                    if not YEAR.match(n)
                ]
                rose = bool(WENT_UP.search(sentence)) or any(0 < n < count for n in others)
                word = re.search(r"\b(?:plan|target|budget)", found["plan"], re.I)
                return count, plan, where[0], word.group().lower() if word else "target", rose
    return None


def _count_words(sentence: str, found: re.Match[str]) -> str:
    """The words naming the count `found`, from the clause or figure before it to its plan ("..., with
    the number of children in external residential care at 41 against": a kind of placement's)."""
    start = max((m.end() for m in CLAUSE_MARK.finditer(sentence, 0, found.start())), default=0)
    return sentence[start : found.end("between")]


def growth_pressure(pressures: Sequence[PlanLine], period: str | None) -> GrowthPressure | None:
    """The plan's first pressure whose own words name children looked after and a growth in their
    numbers ("Looked after children placements – increase in numbers and complexity of need"), with
    its money for the review year: what the documents tie to the rise in children looked after."""
    for line in pressures:
        said = " ".join(t for t in (line.title, line.description) if t)
        amount = planned_in(line, period)
        if LOOKED_AFTER.search(said) and GROWTH_IN_NUMBERS.search(said) and amount and amount > 0:
            return GrowthPressure(line.title, amount, period, list(line.provenance))
    return None


def _rising_above_plan(
    passages: Sequence[Passage], pressures: Sequence[PlanLine], period: str | None
) -> RisingCount | None:
    above = above_plan(passages)
    if above is None:
        return None
    count, plan, said, word, rose = above
    pressure = growth_pressure(pressures, period)
    return RisingCount(
        "cla_number",
        count,
        plan,
        None,
        said,
        [said],
        pressure,
        word,
        rose,
        bool(WITHOUT_UASC.search(said.text)),
    )


def rising_against_target(
    measures: Mapping[str, Measure],
    passages: Sequence[Passage],
    measure: str = "cla_number",
    pressures: Sequence[PlanLine] = (),
    period: str | None = None,
) -> RisingCount | None:
    """The documents' count of children looked after where it stands above the council's own target
    (analyse.targets) and a sentence of theirs says it has risen to that count (the count's own
    sentences first, then the prose's sentences on children looked after): the demand question's
    grounds. Where the measures hold no count above a target, a sentence setting the count above the
    council's own plan for it (`above_plan`) grounds it."""
    count, target = measures.get(measure), measures.get(target_key(measure))
    if count is None or target is None or count.value <= target.value:
        return _rising_above_plan(passages, pressures, period) if measure == "cla_number" else None
    printed = re.escape(f"{count.value:,.0f}") + "|" + re.escape(f"{count.value:.0f}")
    risen = re.compile(RISEN_TO.format(count=f"(?:{printed})"), re.I)
    said = next((p for p in count.provenance if risen.search(p.text)), None) or next(
        (
            where[0]
            for passage in passages
            if risen.search(passage.text)
            for sentence, where in sentences_cited(passage)
            if risen.search(sentence) and where and LOOKED_AFTER.search(sentence)
        ),
        None,
    )
    if said is None:
        return None
    pressure = growth_pressure(pressures, period) if measure == "cla_number" else None
    return RisingCount(measure, count.value, target.value, target.period, said, target.provenance, pressure)
