"""Flags from the national benchmarks: where the council sits apart from its statistical neighbours,
and where an indicator has moved steadily and materially over recent years.

A reviewer arrives with these questions as well as the documents' (review-pack.md modules 3 and 7).
The tests, stated once:
- Outlier: the value is at least 20% from the statistical-neighbour median (for a percentage share,
  20% of the median or 5 percentage points, whichever is passed first) AND outside the middle half
  of the neighbours' values (their 25th to 75th percentile; where that is not known, outside the
  middle two national quartiles). At twice the distance (40%, or 10 points) the flag is high.
- Trend: the latest run of at least three periods (up to five) moves one way, with at least two
  real moves and no reversal, by at least 15% (a share: or 5 points); money by at least 30%,
  because the series are cash, not adjusted for inflation. At twice that the flag is high.
- Direction: only where LAIT states a polarity is a side called better or worse; a move the
  polarity calls better is flagged low (kept in the flags, asked about by no one). Spend is
  described as higher or lower than neighbours, never as good or bad.
- Messages leave the indicator to the flag's subject, so they read on under it (and after the
  question that names it).
- Money: where a cost follows from the gap (analyse.benchmark_money: gap x activity x unit cost),
  the outlier says what it is worth a year. It stays in the message, not the flag's amount: the
  amount column holds the documents' money, and an estimate from national returns is not that.
- Asylum-seeking children: the rates of children looked after and starting care count
  unaccompanied asylum-seeking children, whom a port authority receives far more of than its
  neighbours, where they are placed (mostly semi-independent living) moves the placement mix, and
  their care and, after it, their support as care leavers are in the spend on both. Where the
  council's share of them among its children looked after is far above the neighbours' (the high
  outlier test: 40% of the median or 10 points), every indicator they drive (`UASC_DRIVES`) on its
  costlier side says so beside the comparison, and its question asks how much of it they are before
  need, thresholds, placement choices or cost (`uasc_apart`); the benchmark record carries it for
  the pack's cards and charts (`with_uasc`).
- Severity, one rule for every indicator (`_rating`, which words it at the end of the flag): it
  weighs where the value stands, on the side of the indicator that costs more (higher spend,
  demand, unit costs, agency use; fewer children in foster care).
  High: apart from the neighbours at twice the outlier distance, and apart from England and the
  region too (`not_apart_from`). Only where the value stands can make a flag high.
  Medium: apart from the neighbours, short of that; or moved steadily toward the costlier side while
  standing at or beyond the neighbours' median on it (moving further from them). A trend is never
  high: how the value moved says nothing of how far it stands apart.
  Low, context asked about by no one: the cheaper side (low spend, fewer children in care), unless
  a core spend line is below the neighbours' while a demand rate it serves is above theirs
  (`tied_to_demand`: medium); the side LAIT counts as better; and a move toward the costlier side
  that leaves the value on the cheaper side of the neighbours' median, closing the gap to them
  (Kent's share in children's homes rose from 7% to 9%, below the neighbours' 13.5% and England's
  12%). An indicator's flag takes its more severe part's rating (`_one_flag`).
- One flag an indicator: where it stands and how it moved are one finding (`_one_flag`), and a
  rate that counts asylum-seeking children far more of whom the council looks after says so in it.
- Cap: findings before context; the 8 outliers worth the most money first, then the others by
  significance; 4 trends, core indicators (spend per child, looked-after children, placements, unit
  costs, activity, workforce) before the smaller spend lines.
"""

from __future__ import annotations

import re
import statistics
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal, NamedTuple

from analyse.records import Benchmark, Flag, LineOfEnquiry, TrendPoint
from analyse.themes import indicator_themes, themes_of
from extract.records import Risk

if TYPE_CHECKING:
    from analyse.benchmarks import BenchmarkTable

Severity = Literal["high", "medium", "low"]
SEVERITY_ORDER = {"high": 0, "medium": 1, "low": 2}

OUTLIER_SHARE = 0.20  # relative distance from the neighbours' median
OUTLIER_POINTS = 5.0  # percentage points, for shares
TREND_SHARE = 0.15
TREND_MONEY = 0.30  # cash series: general inflation alone moves them by several percent a year
TREND_POINTS = 5.0
MAX_OUTLIERS = 8
MAX_TRENDS = 4
MAX_LINES = 8
MONEY_UNITS = frozenset({"gbp_per_child", "gbp_per_week"})

# LAIT data dictionary (../shared/benchmarks/lait/lait_data_dictionary.csv), column Polarity:
# "Low" means a lower value is better, "High" a higher one; "-" or blank states none.
# Work_Force_Agecy_Rate: Low; ReReferral: Low; PrevRegCPR: Low; LAC_Foster_Placements: High.
# Work_Force_TO_Rate: Low; Work_Force_Vac_Rate: Low.
# LAC, CIN, CPP_rate, LAC_SecHome_And_ChildHome, LAC_Start_Rate, LAC_Ind_SInd_Liv_Arr, the UASC and
# EHC plan measures and every finance measure: none.
POLARITY: dict[str, Literal["lower", "higher"]] = {
    "agency_social_worker_rate": "lower",
    "social_worker_turnover_rate": "lower",
    "social_worker_vacancy_rate": "lower",
    "rereferral_pct": "lower",
    "repeat_cp_plan_pct": "lower",
    "placement_fostering_pct": "higher",
}


@dataclass(frozen=True)
class Topic:
    """Who answers for an indicator, how central it is, and what a reviewer asks when it is high or low."""

    who: str
    core: bool
    lead: str  # "{v}" the council's value
    higher: str
    lower: str


DCS, S151 = "DCS", "S151"
PLACEMENTS = "DCS; commissioning"
SPEND_HIGH = "What is driving the spend, what does it buy, and is it planned for in the budget?"
SPEND_LOW = (
    "Is the difference in how spend is recorded or in the service provided, and is it enough "
    "for the demand the council sees?"
)
UNIT_HIGH = "What drives the weekly cost: placement mix, prices or needs, and how are fees negotiated?"
UNIT_LOW = "What keeps the weekly cost down, and will it hold as the market changes?"


def _spend(what: str, core: bool = False) -> Topic:
    return Topic(S151, core, f"Spend on {what} is {{v}} per child aged 0-17", SPEND_HIGH, SPEND_LOW)


def _unit(what: str) -> Topic:
    return Topic(f"{S151}; commissioning", True, f"{what} costs {{v}} a week per child", UNIT_HIGH, UNIT_LOW)


TOPICS: dict[str, Topic] = {
    "s251_total_cyp_spend_per_child": _spend("children and young people's services (S251)", True),
    "s251_lac_spend_per_child": _spend("children looked after (S251)", True),
    "s251_safeguarding_spend_per_child": _spend("safeguarding (S251)"),
    "s251_family_support_spend_per_child": _spend("family support (S251)"),
    "s251_sure_start_spend_per_child": _spend("Sure Start children's centres (S251)"),
    "s251_youth_justice_spend_per_child": _spend("youth justice (S251)"),
    "s251_young_people_spend_per_child": _spend("services for young people (S251)"),
    "s251_leaving_care_spend_per_child": _spend("leaving care support (S251)"),
    "unit_cost_lac_weekly": _unit("A child looked after"),
    "unit_cost_fostering_weekly": _unit("Fostering"),
    "unit_cost_residential_weekly": _unit("Residential care"),
    "agency_social_worker_rate": Topic(
        DCS,
        True,
        "Agency social workers are {v} of the children's social work workforce (FTE)",
        "What is driving agency use, what does it cost, and what is the recruitment and retention plan?",
        "What keeps agency use down, and is the permanent workforce stable?",
    ),
    "cla_rate_per_10k": Topic(
        DCS,
        True,
        "Children looked after are {v} per 10,000 children",
        "What explains the rate of children in care: need, thresholds, or slower exits from care?",
        "What keeps the rate of children in care down, and is it holding as demand changes?",
    ),
    "cin_rate_per_10k": Topic(
        DCS,
        True,
        "Children in need are {v} per 10,000 children",
        "What explains the number of children in need, and how is early help bringing it down?",
        "Are thresholds for children in need applied consistently, and where is need met instead?",
    ),
    "cp_rate_per_10k": Topic(
        DCS,
        True,
        "Children on a child protection plan are {v} per 10,000 children",
        "What explains the number of protection plans: thresholds, plans that drift, or need?",
        "Are thresholds for protection plans applied consistently, and how is risk managed instead?",
    ),
    "rereferral_pct": Topic(
        DCS,
        True,
        "Re-referrals within 12 months are {v} of referrals",
        "Why do referrals come back within a year, and what does that say about the help first given?",
        "What keeps re-referrals down, and is the front door holding its thresholds?",
    ),
    "repeat_cp_plan_pct": Topic(
        DCS,
        True,
        "Second or subsequent protection plans are {v} of plans started",
        "Why do children return to a protection plan, and are plans ended too early?",
        "What keeps repeat plans down, and how is that checked?",
    ),
    "placement_fostering_pct": Topic(
        PLACEMENTS,
        True,
        "{v} of children looked after are in foster placements",
        "What has grown the share in foster care, and what does it save against other placements?",
        "Why are fewer children in foster care, and what is the plan to recruit and keep foster carers?",
    ),
    "placement_residential_pct": Topic(
        PLACEMENTS,
        True,
        "{v} of children looked after are in secure or children's homes",
        "Why are more children in residential care, and which could step down to a family setting?",
        "What keeps residential use down, and is there enough sufficiency when it is needed?",
    ),
    "placement_independent_living_pct": Topic(
        PLACEMENTS,
        True,
        "{v} of children looked after are in independent or semi-independent living or supported accommodation",
        "Who is placed in these settings, at what weekly cost, and how is their quality assured?",
        "Where do older children in care live instead, and at what cost?",
    ),
    "cla_starts_rate_per_10k": Topic(
        DCS,
        True,
        "Children starting to be looked after are {v} per 10,000 children a year",
        "What brings more children into care: need, thresholds, or the help offered before care?",
        "What keeps entries to care down, and is need met safely elsewhere?",
    ),
    "uasc_pct": Topic(
        DCS,
        True,
        "Unaccompanied asylum-seeking children are {v} of children looked after",
        "What do these children cost against the Home Office grant, and how is the gap funded?",
        "Is the council taking its share under the National Transfer Scheme, and what would more cost?",
    ),
    "social_worker_turnover_rate": Topic(
        DCS,
        True,
        "Children's social worker turnover is {v} a year (FTE)",
        "Why are social workers leaving, and what does replacing them (agency cover, recruitment) cost?",
        "What keeps social workers, and will it hold?",
    ),
    "social_worker_vacancy_rate": Topic(
        DCS,
        True,
        "Children's social worker vacancies are {v} of posts (FTE)",
        "How are vacant posts covered, at what cost, and what is the recruitment plan?",
        "What keeps posts filled, and is the establishment enough for the caseloads?",
    ),
    "ehc_plan_pupils_pct": Topic(
        "Director of Education; S151",
        False,
        "Pupils with an EHC plan are {v} of all pupils",
        "What drives the number of EHC plans, and what does it mean for the high needs block and transport?",
        "Are needs met at SEN support, and is the council assessing requests in time?",
    ),
    "placement_private_provision_pct": Topic(
        "Commissioning",
        True,
        "{v} of children looked after are placed with private providers",
        "Why is reliance on private providers higher, and what is the sufficiency and market plan?",
        "How is the council's own and voluntary provision kept at this level, and at what cost?",
    ),
}


def with_neighbour_quartiles(benchmarks: list[Benchmark], table: BenchmarkTable) -> list[Benchmark]:
    """Each benchmark with its neighbours' 25th and 75th percentiles (where it has a value and period)."""
    from analyse.benchmarks import la_values

    out = []
    for b in benchmarks:
        sn = b.statistical_neighbours
        values = la_values(table, b.indicator, b.period) if b.period and b.indicator in TOPICS else {}
        present = [values[c] for c in sn.codes if c in values]
        if len(present) >= 4:
            lower, _, upper = statistics.quantiles(present, n=4, method="inclusive")
            sn = sn.model_copy(update={"lower_quartile": round(lower, 4), "upper_quartile": round(upper, 4)})
            b = b.model_copy(update={"statistical_neighbours": sn})
        out.append(b)
    return out


def benchmark_flags(benchmarks: list[Benchmark]) -> list[Flag]:
    """Outlier and trend flags, most significant first, capped (module docstring): one flag an
    indicator, where it stands and how it moved together, with the asylum-seeking children a rate
    counts said beside it (`uasc_apart`)."""
    flagged = [b for b in benchmarks if b.indicator in TOPICS and b.value is not None and not b.none_recorded]
    worth = gap_worth(benchmarks)
    outliers = sorted(
        [f for b in flagged if (f := outlier_flag(b, tied_to_demand(b, benchmarks)))],
        key=lambda item: _by_money(item, worth),
    )[:MAX_OUTLIERS]
    trends = _capped([f for b in flagged if (f := trend_flag(b))], MAX_TRENDS)
    by_indicator: dict[str, list[Scored]] = {}
    for item in outliers + trends:
        by_indicator.setdefault(item.flag.indicator or "", []).append(item)
    found = {b.indicator: b for b in flagged}
    joined = [_one_flag(group, found[code], benchmarks) for code, group in by_indicator.items()]
    # An indicator's trend may raise its outlier's severity: ordered again as one flag, by money
    # (`_by_money`), then by the joined severity; stable, so the cap's order stands within each.
    return sorted(joined, key=lambda f: _joined_rank(f, worth))


def _joined_rank(flag: Flag, worth: dict[str, float]) -> tuple[bool, int, float, int]:
    """Findings before context; outliers worth the most a year first; then the more severe."""
    outlier = flag.code.startswith("benchmark_outlier")
    money = worth.get(flag.indicator or "", 0.0) if outlier else 0.0
    return (flag.severity == "low", 0 if money else 1, -money, SEVERITY_ORDER[flag.severity])


def _one_flag(group: list[Scored], b: Benchmark, benchmarks: list[Benchmark]) -> Flag:
    """An indicator's outlier and trend as one flag (its outlier's code, each part's words and code
    among its reasons), rated as its more severe part is and saying why (`_rating`); a rate that
    counts asylum-seeking children far more of whom the council looks after than its neighbours says
    so in the flag itself."""
    first = group[0].flag
    rated = min(group, key=lambda item: SEVERITY_ORDER[item.flag.severity])  # the outlier's on a tie
    note = _polarity_note(b.indicator)
    message = " ".join(item.flag.message.removesuffix(note) for item in group) + note
    share = uasc_apart(b, benchmarks)
    if share:
        words = uasc_words(share, b.indicator)
        message += f" {words[:1].upper()}{words[1:]}."
    return first.model_copy(
        update={
            "message": f"{message} {_rated_words(group, rated)}",
            "severity": rated.flag.severity,
            "reasons": [item.flag.message for item in group],
            "reason_codes": [item.flag.code for item in group],
            "provenance": list(
                dict.fromkeys(
                    [
                        *(p for item in group for p in item.flag.provenance),
                        *(share.provenance if share else []),
                    ]
                )
            ),
        }
    )


def _rated_words(group: list[Scored], rated: Scored) -> str:
    """Why an indicator's flag has its rating (`_rating`, `_trend_rating`): where it stands, how it
    moved, or both, naming which gives the rating where they differ ("Rated high, by where it
    stands: ...")."""
    which = "how it moved" if _moved(rated.flag) else "where it stands"
    by = f", by {which}" if len({item.flag.severity for item in group}) > 1 else ""
    return f"Rated {rated.flag.severity}{by}: {'; '.join(item.why for item in group)}."


def _moved(flag: Flag) -> bool:
    return flag.code.startswith("benchmark_trend")


def _parts(flag: Flag) -> list[Flag]:
    """An indicator's flag as the outlier and trend it joins (`_one_flag`), each with its own words,
    for its question to say where it stands and how it moved."""
    return [
        flag.model_copy(update={"code": code, "message": words, "reasons": [], "reason_codes": []})
        for code, words in zip(flag.reason_codes, flag.reasons, strict=True)
    ]


class Scored(NamedTuple):
    """An outlier or trend found: its flag, how far past its threshold (1.0 = just material), and
    why it has its severity (`_rating`)."""

    flag: Flag
    score: float
    why: str


def _capped(found: list[Scored], limit: int) -> list[Scored]:
    return sorted(found, key=_rank)[:limit]


def gap_worth(benchmarks: list[Benchmark]) -> dict[str, float]:
    """What each indicator's gap to the neighbours costs a year, either way (where a cost follows)."""
    return {b.indicator: abs(b.gap_cost.amount_gbp) for b in benchmarks if b.gap_cost}


def _by_money(item: Scored, worth: dict[str, float]) -> tuple[bool, int, float, int, int, float]:
    """Findings before context (a low flag: the cheaper side, or the side LAIT counts better); within
    each, outliers worth the most a year first (a gap's cost, not its distance); then by _rank."""
    money = worth.get(item.flag.indicator or "", 0.0)
    return (item.flag.severity == "low", 0 if money else 1, -money, *_rank(item))


def _rank(item: Scored) -> tuple[int, int, float]:
    core = TOPICS[item.flag.indicator or ""].core
    return (0 if core else 1, SEVERITY_ORDER[item.flag.severity], -item.score)


def distance(value: float, base: float, unit: str, share: float, points: float) -> float:
    """How far value is from base, in multiples of the threshold (1.0 = just material)."""
    relative = abs(value / base - 1) / share if base else 0.0
    if unit == "percent":
        relative = max(relative, abs(value - base) / points)
    return round(relative, 9)  # 72 against 60 is a fifth, whatever the float division says


def outlier_flag(b: Benchmark, tied: bool = False) -> Scored | None:
    """Where the council stands apart from its neighbours (module docstring); `tied`: a demand
    rate the spend serves stands above the neighbours' (`tied_to_demand`), so lower spend is a
    finding, not only context (`_rating`)."""
    sn = b.statistical_neighbours
    if b.value is None or not sn.median or sn.median <= 0 or not 0.1 <= b.value / sn.median <= 10:
        return None  # a tenth or ten times the median is a difference in recording, not in service
    score = distance(b.value, sn.median, b.unit, OUTLIER_SHARE, OUTLIER_POINTS)
    side = "higher" if b.value > sn.median else "lower"
    if score < 1 or not _outside_middle(b, side):
        return None
    message = (
        f"{shown(b.value, b.unit)} in {b.period}, {side} than the statistical-neighbour "
        f"median of {shown(sn.median, b.unit)}{_middle(b)}{_england(b)}."
        f"{_worth(b)}{_polarity_note(b.indicator)}"
    )
    code = f"benchmark_outlier_{'high' if side == 'higher' else 'low'}"
    found = _flag(b, code, side, score, message, _rating(b, side, score, tied, not_apart_from(b, side)))
    if b.gap_cost is None:
        return found
    cited = found.flag.provenance + [p for p in b.gap_cost.provenance if p not in found.flag.provenance]
    return found._replace(flag=found.flag.model_copy(update={"provenance": cited}))


def _worth(b: Benchmark) -> str:
    """What the gap costs (or saves) a year against the neighbours' median, with its sum."""
    cost = b.gap_cost
    if cost is None or not cost.amount_gbp:
        return ""
    more = "more" if cost.amount_gbp > 0 else "less"
    return (
        f" About {shown(abs(cost.amount_gbp), 'gbp')} a year {more} than at the neighbours' median: "
        f"{cost.basis}."
    )


def _outside_middle(b: Benchmark, side: str) -> bool:
    sn = b.statistical_neighbours
    assert b.value is not None
    if sn.lower_quartile is not None and sn.upper_quartile is not None:
        return b.value > sn.upper_quartile if side == "higher" else b.value < sn.lower_quartile
    # rank 1 is the highest value: quartile 1 is the top quarter of all LAs
    return b.quartile == (1 if side == "higher" else 4)


def _england(b: Benchmark) -> str:
    return "" if b.england.value is None else f"; England {shown(b.england.value, b.unit)}"


def _middle(b: Benchmark) -> str:
    sn = b.statistical_neighbours
    if sn.lower_quartile is None or sn.upper_quartile is None:
        return ""
    return f" (middle half of neighbours {shown(sn.lower_quartile, b.unit)} to {shown(sn.upper_quartile, b.unit)})"


def trend_flag(b: Benchmark) -> Scored | None:
    run = steady_run(b.trend)
    if run is None:
        return None
    first, last = run[0], run[-1]
    if first.value <= 0:
        return None
    share = TREND_MONEY if b.unit in MONEY_UNITS else TREND_SHARE
    score = distance(last.value, first.value, b.unit, share, TREND_POINTS)
    if score < 1:
        return None
    side = "higher" if last.value > first.value else "lower"
    verb = "rose" if side == "higher" else "fell"
    message = (
        f"{verb.capitalize()} from {shown(first.value, b.unit)} in {first.period} to "
        f"{shown(last.value, b.unit)} in {last.period} ({_change(first.value, last.value, b.unit)}), "
        "with no year moving the other way."
        f"{_polarity_note(b.indicator)}"
    )
    code = f"benchmark_trend_{'rising' if side == 'higher' else 'falling'}"
    return _flag(b, code, side, score, message, _trend_rating(b, side))


def _change(first: float, last: float, unit: str) -> str:
    """A share's change in percentage points (a relative change of a share misleads); else in percent."""
    if unit == "percent":
        return f"{last - first:+.1f} percentage points"
    return f"{100 * (last / first - 1):+.0f}%"


def steady_run(trend: list[TrendPoint], longest: int = 5) -> list[TrendPoint] | None:
    """The latest run of 3+ points (up to `longest`) moving one way, flat steps allowed inside it."""
    points = trend[-longest:]
    steps = [b.value - a.value for a, b in zip(points, points[1:], strict=False)]
    moving = [s for s in steps if s]
    if not moving:
        return None
    sign = 1 if moving[-1] > 0 else -1
    start = len(points) - 1
    while start > 0 and steps[start - 1] * sign >= 0:
        start -= 1
    while start < len(steps) and steps[start] == 0:  # a flat opening step adds no evidence
        start += 1
    run = points[start:]
    real_moves = sum(1 for s in steps[start:] if s)
    return run if len(run) >= 3 and real_moves >= 2 else None


def not_apart_from(b: Benchmark, side: str) -> list[str]:
    """The comparators shown beside the neighbours' median (England, the region's median) that the
    value does not stand apart from, on the same side, by at least the outlier distance
    (`distance` >= 1). Kent's agency rate, 13.2% against neighbours' 6.7%, is near England's 13.0% and
    below the region's 16.6%: apart from its neighbours only, so not high."""
    assert b.value is not None
    value = b.value
    return [
        name
        for name, c in _comparators(b)
        if ("higher" if value > c else "lower") != side
        or distance(value, c, b.unit, OUTLIER_SHARE, OUTLIER_POINTS) < 1
    ]


def _comparators(b: Benchmark) -> list[tuple[str, float]]:
    """The comparators shown beside the neighbours' median, as the rating names them."""
    return [
        (name, value)
        for name, value in (("England", b.england.value), ("the region", b.region.median))
        if value is not None and value > 0
    ]


def _flag(b: Benchmark, code: str, side: str, score: float, message: str, rating: Rating) -> Scored:
    flag = Flag(
        code=code,
        severity=rating.severity,
        subject=b.label,
        message=message,
        themes=indicator_themes(b.indicator),
        provenance=b.provenance,
        indicator=b.indicator,
    )
    return Scored(flag, score, rating.why)


# The side of an indicator that costs the council more: higher spend, demand, unit costs, agency
# use and residential or private placements; for the share in foster care, lower (the children are
# placed elsewhere, at higher cost). A cost review's concern is that side; the other is context.
COSTLIER: dict[str, Literal["lower", "higher"]] = {"placement_fostering_pct": "lower"}


def costlier_side(indicator: str) -> Literal["lower", "higher"]:
    return COSTLIER.get(indicator, "higher")


class Rating(NamedTuple):
    """A severity and why the value has it, as a clause in the reviewers' words (`_rated_words`
    makes the sentence: "Rated medium: ...")."""

    severity: Severity
    why: str


def _rating(b: Benchmark, side: str, score: float, tied: bool = False, near: Sequence[str] = ()) -> Rating:
    """Where the value stands (an outlier, `score` from the neighbours' median on `side`), rated by
    the module docstring's rule: high at twice the distance on the side that costs more, where it is
    near none of England and the region (`near`: those it is not apart from, `not_apart_from`); else
    medium there; low on the side LAIT counts better, and on the cheaper side unless `tied` to a
    demand rate above the neighbours' (medium)."""
    if POLARITY.get(b.indicator) == side:
        return Rating("low", "it stands on the side LAIT counts as better, so it is context")
    if side != costlier_side(b.indicator):
        if tied:
            return Rating(
                "medium",
                "its spend stands below the neighbours' while a demand rate it serves is above theirs",
            )
        return Rating("low", "it stands on the side that costs less, so it is context for a cost review")
    if score < 2:
        return Rating(
            "medium",
            "it stands apart from the neighbours on the side that costs more, short of twice the outlier "
            "distance that high needs",
        )
    if near:
        return Rating(
            "medium",
            f"it stands twice the outlier distance from the neighbours, but not as far from {' and '.join(near)},"
            " which high needs",
        )
    others = " and ".join(name for name, _ in _comparators(b))
    return Rating(
        "high",
        "it stands on the side that costs more, twice the outlier distance from the neighbours"
        + (f" and apart from {others} too" if others else ""),
    )


def _trend_rating(b: Benchmark, side: str) -> Rating:
    """How the value moved (a steady run, `side` the way it went), rated by the module docstring's
    rule: never high; medium toward the side that costs more while the value stands at or beyond the
    neighbours' median on that side; low the way LAIT counts better, toward the cheaper side, or
    toward the costlier side from the cheaper side of the neighbours' median (closing the gap)."""
    if POLARITY.get(b.indicator) == side:
        return Rating("low", "it moved the way LAIT counts as better, so it is context")
    if side != costlier_side(b.indicator):
        return Rating("low", "it moved toward the side that costs less, so it is context")
    median = b.statistical_neighbours.median
    assert b.value is not None
    if median and ("higher" if b.value > median else "lower" if b.value < median else side) != side:
        return Rating(
            "low",
            "it moved toward the side that costs more, but still stands on the other side of the "
            f"neighbours' median ({shown(median, b.unit)}), closing the gap to them",
        )
    return Rating(
        "medium",
        "it moved steadily toward the side that costs more, at or beyond the neighbours' median on that "
        "side (a move alone is never high: high needs the value to stand apart)",
    )


def tied_to_demand(b: Benchmark, benchmarks: list[Benchmark]) -> bool:
    """A core spend indicator below the neighbours' while a demand rate it serves is above theirs
    (`_demand_context`): lower spend then bears on a pressure."""
    topic = TOPICS.get(b.indicator)
    return bool(topic and topic.core and topic.lead.startswith("Spend") and _demand_context(benchmarks))


def _polarity_note(indicator: str) -> str:
    better = POLARITY.get(indicator)
    return f" LAIT counts a {better} value as better." if better else ""


def shown(value: float | None, unit: str) -> str:
    """A benchmark value as the pack writes it (render.fmt.by_unit, which analyse cannot import)."""
    if value is None:
        return "n/a"
    if unit in MONEY_UNITS:
        return f"£{value:,.0f}"
    if unit == "gbp":
        return f"£{value / 1e6:,.1f}m" if abs(value) >= 1e6 else f"£{value:,.0f}"
    if unit == "percent":
        return f"{value:,.1f}%"
    if unit == "count":
        return f"{value:,.0f}"
    return f"{value:,.1f}"


DEMAND_RATES = {
    "cla_rate_per_10k": "children looked after",
    "cin_rate_per_10k": "children in need",
    "cp_rate_per_10k": "children on a protection plan",
}


def benchmark_lines(
    flags: list[Flag], benchmarks: list[Benchmark], risks: Sequence[Risk] = ()
) -> list[LineOfEnquiry]:
    """One question per indicator with a high or medium benchmark flag, core indicators first; the
    first that asylum-seeking children drive (`uasc_apart`) asks too what the Home Office grant for
    them leaves unmet, where the register names that risk (`uasc_grant_risks`)."""
    by_code = {b.indicator: b for b in benchmarks}
    groups: dict[str, list[Flag]] = {}
    for flag in flags:
        if flag.indicator in by_code and flag.indicator in TOPICS and flag.severity != "low":
            groups.setdefault(flag.indicator, []).extend(_parts(flag))
    worth = gap_worth(benchmarks)
    ordered = sorted(groups.items(), key=lambda g: _line_rank(g, worth))[:MAX_LINES]
    lines = [_line(by_code[code], group, benchmarks) for code, group in ordered]
    caveated = [i for i, (code, _) in enumerate(ordered) if uasc_apart(by_code[code], benchmarks)]
    grant = uasc_grant_risks(risks)
    if caveated and grant:
        lines[caveated[0]] = _asking_grant(lines[caveated[0]], grant)
    return lines


def uasc_grant_risks(risks: Sequence[Risk]) -> list[Risk]:
    """The register's risks that the Home Office grant for asylum-seeking children falls short of
    their cost (Kent's 'Unaccompanied Asylum Seeking (UAS) Children', Wyvern's 'UASC grant
    shortfall'): about asylum-seeking children (analyse.themes) and naming a grant."""
    return [r for r in risks if "uasc" in themes_of(_text(r)) and GRANT.search(_text(r))]


GRANT = re.compile(r"\bgrants?\b", re.I)


def _text(risk: Risk) -> str:
    return f"{risk.title}. {risk.description}"


def grant_words(risks: Sequence[Risk]) -> str:
    """The question on the grant's shortfall, naming the register's risks that say it falls short."""
    named = " and ".join(f"'{r.title}'" for r in risks)
    return (
        "How far a year does the Home Office grant for unaccompanied asylum-seeking children fall short of"
        f" what they cost, and how is the gap funded (the risk register's {named})?"
    )


def _asking_grant(line: LineOfEnquiry, risks: list[Risk]) -> LineOfEnquiry:
    """A question on asylum-seeking children asks too what the grant for them leaves unmet, citing the
    register's risks that say so (their rows)."""
    cited = [p for r in risks for p in r.provenance[:1] if p not in line.provenance]
    return line.model_copy(
        update={"question": f"{line.question} {grant_words(risks)}", "provenance": line.provenance + cited}
    )


def _line_rank(group: tuple[str, list[Flag]], worth: dict[str, float]) -> tuple[int, float, int, int]:
    """Questions about the gaps worth the most money first, then core indicators, then severity."""
    code, flags = group
    money = worth.get(code, 0.0) if any(f.code.startswith("benchmark_outlier") for f in flags) else 0.0
    severity = min(SEVERITY_ORDER[f.severity] for f in flags)
    return (0 if money else 1, -money, 0 if TOPICS[code].core else 1, severity)


def _line(b: Benchmark, group: list[Flag], benchmarks: list[Benchmark]) -> LineOfEnquiry:
    topic = TOPICS[b.indicator]
    group = sorted(
        group, key=lambda f: not f.code.startswith("benchmark_outlier")
    )  # where it stands, then how it moved
    outlier = next((f for f in group if f.code.startswith("benchmark_outlier")), None)
    trend = next((f for f in group if f.code.startswith("benchmark_trend")), None)
    sentence = topic.lead.format(v=shown(b.value, b.unit))
    if outlier:
        sentence += f" against {shown(b.statistical_neighbours.median, b.unit)} for statistical neighbours"
    sentence += f" ({b.period})"
    run = steady_run(b.trend) if trend else None
    if run:
        way = "up" if run[-1].value > run[0].value else "down"
        sentence += f", {way} from {shown(run[0].value, b.unit)} in {run[0].period}"
    higher = (outlier or trend or group[0]).code.endswith(("_high", "_rising"))
    ask = topic.higher if higher else topic.lower
    share = uasc_apart(b, benchmarks)
    uasc = uasc_words(share, b.indicator) if share else ""
    if uasc:
        ask = f"{UASC_DRIVES[b.indicator].ask} Beyond them, {ask[:1].lower()}{ask[1:]}"
    if outlier and trend and trend.code.endswith("_rising") != higher:
        ask += f" What is behind the recent {'rise' if trend.code.endswith('_rising') else 'fall'}?"
    note = _polarity_note(b.indicator)
    because = " ".join(f.message.removesuffix(note) for f in group) + note
    if uasc:
        because += f" {uasc[:1].upper()}{uasc[1:]}."
    if not higher and topic.core and topic.lead.startswith("Spend"):
        because += _demand_context(benchmarks)
    return LineOfEnquiry(
        question=f"{sentence[:1].upper()}{sentence[1:]}. {ask}",
        because=because,
        addressed_to=topic.who,
        provenance=b.provenance + (share.provenance if share else []),
    )


# What the asylum-seeking children the council looks after do to each indicator they plausibly
# drive, said beside it where their share is far above the neighbours', and what its question asks
# of them first: the rates of children looked after and starting care count them; they are mostly
# older teenagers, placed in semi-independent living or supported accommodation, and otherwise in
# foster care, so they move the placement mix too (a higher share in semi-independent living, a lower
# share in foster care); their care is in the spend on children looked after, and many become care
# leavers the council goes on supporting, so they raise the spend per child on both.
@dataclass(frozen=True)
class UascDrive:
    said: str  # what their share means for the indicator, after the share itself (`uasc_words`)
    ask: str  # the question on them its line of enquiry asks before its own


_COUNTED = UascDrive(
    "the rate counts them: it may say more about asylum-seeking children arriving than about need or thresholds",
    "How much of it is unaccompanied asylum-seeking children, and what is the rate without them?",
)
_PLACED = "How much of it follows from where unaccompanied asylum-seeking children are placed?"
_SPENT = (
    "How much of it is spent on unaccompanied asylum-seeking children and those who were, and how much"
    " of that does the Home Office grant meet?"
)
UASC_DRIVES: dict[str, UascDrive] = {
    "cla_rate_per_10k": _COUNTED,
    "cla_starts_rate_per_10k": _COUNTED,
    "placement_independent_living_pct": UascDrive(
        "they are mostly placed in semi-independent living or supported accommodation: the share may say"
        " more about asylum-seeking children than about placement choices",
        _PLACED,
    ),
    "placement_fostering_pct": UascDrive(
        "they are mostly placed in semi-independent living or supported accommodation rather than foster"
        " care: the share may say more about asylum-seeking children than about the supply of foster carers",
        _PLACED,
    ),
    "s251_lac_spend_per_child": UascDrive(
        "the spend pays for their care: it may say more about them than about the cost of care",
        _SPENT,
    ),
    "s251_leaving_care_spend_per_child": UascDrive(
        "many become care leavers: the spend may say more about them than about the service's cost",
        _SPENT,
    ),
}
COUNTS_UASC = frozenset(UASC_DRIVES)
RATES_OF_CHILDREN = frozenset(code for code, drive in UASC_DRIVES.items() if drive is _COUNTED)
UASC_SHARE = "uasc_pct"


def uasc_apart(rate: Benchmark, benchmarks: list[Benchmark]) -> Benchmark | None:
    """The council's share of asylum-seeking children among its children looked after, where they
    drive `rate` (`UASC_DRIVES`), it stands on the side of the neighbours' median that costs more
    (`costlier_side`) and the share is far above the neighbours' (twice the outlier distance); else
    None. One rule for every rate and placement share they drive."""
    median = rate.statistical_neighbours.median
    if rate.indicator not in COUNTS_UASC or rate.value is None or not median or rate.value == median:
        return None
    if ("higher" if rate.value > median else "lower") != costlier_side(rate.indicator):
        return None
    share = next((b for b in benchmarks if b.indicator == UASC_SHARE and b.value is not None), None)
    theirs = share.statistical_neighbours.median if share else None
    if share is None or share.value is None or not theirs or share.value <= theirs:
        return None
    far = distance(share.value, theirs, share.unit, OUTLIER_SHARE, OUTLIER_POINTS) >= 2
    return share if far else None


def uasc_words(share: Benchmark, indicator: str = "cla_rate_per_10k") -> str:
    """What the share of asylum-seeking children means for an indicator they drive (`UASC_DRIVES`)."""
    theirs = share.statistical_neighbours.median
    return (
        f"unaccompanied asylum-seeking children are {shown(share.value, share.unit)} of children looked "
        f"after against {shown(theirs, share.unit)} for statistical neighbours ({share.period}), and "
        f"{UASC_DRIVES[indicator].said}"
    )


def with_uasc(benchmarks: list[Benchmark]) -> list[Benchmark]:
    """Each benchmark with what the asylum-seeking children the council looks after mean for it,
    where they drive it and their share is far above the neighbours' (`uasc_apart`, the one rule),
    cited to that share: a card or chart that shows the indicator says it beside it."""
    out = []
    for b in benchmarks:
        share = uasc_apart(b, benchmarks)
        if share is not None:
            b = b.model_copy(
                update={"uasc": uasc_words(share, b.indicator), "uasc_provenance": share.provenance}
            )
        out.append(b)
    return out


def _demand_context(benchmarks: list[Benchmark]) -> str:
    """Demand that is above the neighbours' while spend is below: a question in itself."""
    above = [
        b
        for b in benchmarks
        if b.indicator in DEMAND_RATES
        and b.value is not None
        and b.statistical_neighbours.median
        and b.value > b.statistical_neighbours.median
    ]
    return "".join(
        f" Meanwhile {DEMAND_RATES[b.indicator]} are {shown(b.value, b.unit)} per 10,000 children against "
        f"a neighbour median of {shown(b.statistical_neighbours.median, b.unit)} ({b.period})"
        + (f"; {uasc_words(share, b.indicator)}." if (share := uasc_apart(b, benchmarks)) else ".")
        for b in above
    )
