"""Indicators for one council read from the benchmark table, with their comparators.

Ordering: rank 1 is the HIGHEST value among LAs with a value in the period (highest spend,
highest rate); quartile 1 is the highest quarter (ranks up to 25% of `of`). Whether high is good
depends on the indicator: the pack says so, not the rank. Region and statistical-neighbour
figures are medians of the LAs' own values (the council excluded from neither: DfE's neighbour
lists never include the council itself; the region median includes it).
"""

from __future__ import annotations

import math
from statistics import median

from analyse.benchmarks.catalogue import (
    ENGLAND,
    HEADLINE,
    PER_10K,
    POPULATION_FILE,
    Indicator,
    all_indicators,
)
from analyse.benchmarks.parsing import population_year
from analyse.benchmarks.table import LA, BenchmarkTable
from analyse.records import Benchmark, Comparator, TrendPoint
from extract.records import Provenance

OFSTED_GRADES = {"Outstanding": 1.0, "Good": 2.0, "Requires improvement to be good": 3.0, "Inadequate": 4.0}


def latest_period(table: BenchmarkTable, indicator: str) -> str | None:
    """The latest period in which any LA has a value (England alone does not count)."""
    periods = [r.period for r in table.index.rows.get(indicator, []) if r.la_code != ENGLAND]
    return max(periods, key=_period_key) if periods else None


def la_values(table: BenchmarkTable, indicator: str, period: str) -> dict[str, float]:
    """Every LA's value for one indicator and period (England excluded)."""
    rows = table.index.by_period.get((indicator, period), [])
    return {r.la_code: r.value for r in rows if r.la_code != ENGLAND}


def indicator_value(
    table: BenchmarkTable, la_code: str, indicator: str, period: str | None = None
) -> float | None:
    """One published or derived value (CLA number, unit cost, population 0-17, ...); latest if no period.

    `la_code` "970" is England. Returns None where the value is suppressed or not published.
    """
    rows = table.index.by_la.get((indicator, la_code), [])
    if period is not None:
        rows = [r for r in rows if r.period == period]
    if not rows:
        return None
    latest = max((r.period for r in rows), key=_period_key)
    return next(r.value for r in rows if r.period == latest)


def benchmarks_for(la_code: str, table: BenchmarkTable) -> list[Benchmark]:
    """The council's headline indicators, each against neighbours, region, England and all LAs."""
    la = table.la(la_code)
    if la is None:
        return []
    catalogue = all_indicators()
    found = [compared(table, la, catalogue[code]) for code in HEADLINE] + [ofsted_benchmark(table, la)]
    return [b for b in found if b is not None]


def compared(table: BenchmarkTable, la: LA, indicator: Indicator) -> Benchmark | None:
    """A rate, share or price as it is; a count of children as its rate per 10,000 children
    (catalogue.per_10k_children), with the count beside it, since a count says mostly how large a
    council is. Where the council has no rate, its count alone, as context: no comparator, rank or
    quartile (England's count is a national total, never a comparator)."""
    rate = PER_10K.get(indicator.code)
    if rate is None:
        return benchmark(table, la, indicator)
    found = benchmark(table, la, rate)
    if found is not None and found.value is not None:
        count = indicator_value(table, la["la_code"], indicator.code, found.period)
        return found.model_copy(update={"count": count})
    return count_alone(table, la, indicator)


def count_alone(table: BenchmarkTable, la: LA, indicator: Indicator) -> Benchmark | None:
    """The council's latest count, shown as context only, compared with nothing."""
    own = trend(table, la["la_code"], indicator.code)
    if not own:
        return None
    return Benchmark(
        indicator=indicator.code,
        label=indicator.label,
        unit=indicator.unit,
        period=own[-1].period,
        value=own[-1].value,
        trend=own,
        provenance=provenance(table, la["la_code"], indicator, own[-1].period),
        not_compared=NOT_COMPARED,
    )


NOT_COMPARED = "a count, shown as context: no rate compared (a count says mostly how large a council is)"


# Spend a return records under a heading. A council returning nothing under one, £0 as the pack prints
# it (Kent's Sure Start children's centres: £1,305 for 355,390 children in 2024-25, after £6.4m the year
# before), most likely records that spend under another heading: "none recorded", never a gap worth
# money or a line of enquiry. Spend is printed in whole pounds (per child), so under £0.50 is £0.
SPEND_UNITS = frozenset({"gbp", "gbp_per_child"})
PRINTED_ZERO = 0.5
NONE_RECORDED = "nothing (under £0.50 a child) recorded under this heading; the spend is most likely recorded under another"


def benchmark(table: BenchmarkTable, la: LA, indicator: Indicator) -> Benchmark | None:
    period = latest_period(table, indicator.code)
    if period is None:
        return None
    values = la_values(table, indicator.code, period)
    value = values.get(la["la_code"])
    rank, of, quartile = rank_of(value, values)
    return Benchmark(
        indicator=indicator.code,
        label=indicator.label,
        unit=indicator.unit,
        period=period,
        value=value,
        statistical_neighbours=_median_of(list(la["statistical_neighbours"]), values),
        region=_median_of(_region_codes(table, la), values),
        england=Comparator(codes=[ENGLAND], value=indicator_value(table, ENGLAND, indicator.code, period)),
        rank=rank,
        of=of,
        quartile=quartile,
        trend=(own := trend(table, la["la_code"], indicator.code)),
        neighbours_trend=median_trend(table, list(la["statistical_neighbours"]), indicator.code, own),
        england_trend=[
            p for p in trend(table, ENGLAND, indicator.code) if p.period in {t.period for t in own}
        ],
        provenance=provenance(table, la["la_code"], indicator, period),
        none_recorded=NONE_RECORDED if _none_recorded(value, indicator) else None,
    )


def _none_recorded(value: float | None, indicator: Indicator) -> bool:
    return value is not None and indicator.unit in SPEND_UNITS and abs(value) < PRINTED_ZERO


def rank_of(value: float | None, values: dict[str, float]) -> tuple[int | None, int | None, int | None]:
    """1-based rank with 1 = highest (ties share the better rank), count of LAs, quartile 1-4."""
    if value is None or not values:
        return None, len(values) or None, None
    rank = 1 + sum(1 for v in values.values() if v > value)
    of = len(values)
    return rank, of, min(4, max(1, math.ceil(4 * rank / of)))


def _median_of(codes: list[str], values: dict[str, float]) -> Comparator:
    present = [values[c] for c in codes if c in values]
    return Comparator(codes=codes, median=round(median(present), 4) if present else None)


def _region_codes(table: BenchmarkTable, la: LA) -> list[str]:
    return list(table.index.regions.get(la["region"], []))


def trend(table: BenchmarkTable, la_code: str, indicator: str) -> list[TrendPoint]:
    rows = sorted(table.index.by_la.get((indicator, la_code), []), key=lambda r: _period_key(r.period))
    return [TrendPoint(period=r.period, value=r.value) for r in rows]


def median_trend(
    table: BenchmarkTable, codes: list[str], indicator: str, years: list[TrendPoint]
) -> list[TrendPoint]:
    """The median of the `codes` LAs' values in each of the council's years (those with a value that year)."""
    wanted = set(codes)
    medians = {}
    for year in {p.period for p in years}:
        present = [r.value for r in table.index.by_period.get((indicator, year), []) if r.la_code in wanted]
        if present:
            medians[year] = median(present)
    return [
        TrendPoint(period=p.period, value=round(medians[p.period], 4)) for p in years if p.period in medians
    ]


def provenance(table: BenchmarkTable, la_code: str, indicator: Indicator, period: str) -> list[Provenance]:
    """The dataset file and measure each figure was read from; a figure per child names the population too."""
    rows = table.index.by_period.get((indicator.code, period), [])
    row = next((r for r in rows if r.la_code == la_code), rows[0])
    measure = row.measure.split(" / ")[0]
    out = [_prov(table, row.source, f"{measure} {period}", indicator.description)]
    if indicator.kind in {"spend_per_child", "count_per_10k"}:
        mid_year = f"mid-{population_year(period)}"
        out.append(
            _prov(
                table,
                POPULATION_FILE,
                f"population_estimate 0-17 {mid_year}",
                "ONS mid-year population estimate, children aged 0 to 17",
            )
        )
    return out


def _prov(table: BenchmarkTable, file: str, locator: str, text: str) -> Provenance:
    return Provenance(file=file, sha256=table.sha256(file), page=None, bbox=None, locator=locator, text=text)


def ofsted_benchmark(table: BenchmarkTable, la: LA) -> Benchmark | None:
    """Ofsted's overall effectiveness as an indicator: value is the grade (1 Outstanding .. 4
    Inadequate), the label carries the judgement and inspection date; no rank or quartile."""
    judgement = la.get("ofsted_overall")
    if not isinstance(judgement, str) or judgement not in OFSTED_GRADES:
        return None
    grades = {
        other["la_code"]: OFSTED_GRADES[other["ofsted_overall"]]
        for other in table.current_las()
        if isinstance(other["ofsted_overall"], str) and other["ofsted_overall"] in OFSTED_GRADES
    }
    inspected = str(la.get("ofsted_inspected") or "")
    file = "ees/ofsted_Inspections_as_at_31_March.csv"
    return Benchmark(
        indicator="ofsted_overall_effectiveness",
        label=f"Ofsted overall effectiveness: {judgement} (inspected {inspected})",
        unit="grade_1_outstanding_4_inadequate",
        period=inspected[:4] or None,
        value=OFSTED_GRADES[judgement],
        statistical_neighbours=_median_of(list(la["statistical_neighbours"]), grades),
        region=_median_of(_region_codes(table, la), grades),
        provenance=[
            _prov(
                table,
                file,
                f"Overall effectiveness, {la['ons_code']}, inspection {inspected}",
                f"Ofsted ILACS overall effectiveness: {judgement}",
            )
        ],
    )


def _period_key(period: str) -> tuple[int, int]:
    """Sort "2023-24" and "2024" together by the year they end in."""
    if "-" in period:
        return int(period[:4]) + 1, 0
    return int(period), 1
