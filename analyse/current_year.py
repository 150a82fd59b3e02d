"""The current year's forecast as a budget report states it in prose.

A budget report for next year is written while this year's forecast is still moving, and often
states it only in prose: "A considerable risk to short-term reserves remains from forecast revenue
overspend for 2024-25." A sentence that cites the year's own monitoring needs no year ("In year
budget monitoring is showing significant underspend on home to school transport": in a budget
report, "in year" is the current year). Such a sentence is the documents' forecast (with its amount where the
sentence gives one, else none): it is read here, council-wide or the children's where the sentence
names them, and a risk register's exposure for that forecast (its row names the year and the
overspend) is kept beside it, as the register's. The current year is the one before the review's.
"""

from __future__ import annotations

import re

from analyse.records import Scope, StatedForecast
from analyse.reserves import MONEY
from analyse.scope import is_childrens, risk_scope, text_scope
from extract.numbers import find_periods, normalise_period, parse_money
from extract.prose import sentences_cited
from extract.records import Extraction, Passage, Risk
from extract.tables.vocabulary import IN_YEAR_MONITORING

# A sentence that forecasts the year's outcome: "forecast" or "projected" with the word for it.
FORECAST = re.compile(r"\bforecast\w*\b|\bprojected\b|\bprojection\b", re.IGNORECASE)
# A sentence that cites the current year's monitoring (the one vocabulary's words for it).
IN_YEAR = re.compile(IN_YEAR_MONITORING, re.IGNORECASE)
OUTCOME = re.compile(r"\b(?P<outcome>overspend|underspend|outturn)(?:s|ing)?\b", re.IGNORECASE)
# How many words from the outcome word a money figure may be and still be its amount.
NEAR_WORDS = 10
# A sentence scoped to one of these is not the council's or the children's revenue position.
ELSEWHERE = (Scope.DSG_HIGH_NEEDS, Scope.CAPITAL, Scope.OTHER_DIRECTORATE)


def current_year_forecasts(extraction: Extraction, period: str | None) -> list[StatedForecast]:
    """Each sentence of the documents' prose that forecasts the year before `period`, once, and the
    risk register rows that size that forecast's risk."""
    year = previous_year(period)
    if year is None:
        return []
    found: dict[tuple[Scope, str], StatedForecast] = {}
    for passage in extraction.passages:
        for stated in _from_passage(passage, year):
            found.setdefault((stated.scope, stated.words), stated)
    risks = (r for risk in extraction.risks if (r := _from_risk(risk, year)) is not None)
    return list(found.values()) + list(risks)


def previous_year(period: str | None) -> str | None:
    """The financial year before `period` ("2025-26" -> "2024-25"); None where it is not one."""
    found = normalise_period(period or "")
    if found is None:
        return None
    start = int(found[:4]) - 1
    return f"{start}-{(start + 1) % 100:02d}"


def _from_passage(passage: Passage, year: str) -> list[StatedForecast]:
    out = []
    for sentence, where in sentences_cited(passage):
        outcome = OUTCOME.search(sentence)
        if outcome is None or not _of_year(sentence, year):
            continue
        scope = revenue_scope(sentence)
        if scope is None:
            continue
        out.append(
            StatedForecast(
                year=year,
                outcome=outcome["outcome"].lower(),
                amount_gbp=_amount(sentence, outcome),
                scope=scope,
                words=sentence,
                provenance=where,
            )
        )
    return out


def _of_year(sentence: str, year: str) -> bool:
    """A forecast for `year` by name, or the current year's monitoring where no other year is named."""
    years = find_periods(sentence)
    if FORECAST.search(sentence) and year in years:
        return True
    return bool(IN_YEAR.search(sentence)) and set(years) <= {year}


def revenue_scope(text: str) -> Scope | None:
    """Council-wide, or the children's where the words name them; None for the DSG, capital or
    another directorate's."""
    scope = text_scope(text) or Scope.COUNCIL_WIDE
    return None if scope in ELSEWHERE else scope


def _amount(sentence: str, outcome: re.Match[str]) -> float | None:
    """The money figure nearest the outcome word, within NEAR_WORDS words of it; an underspend is
    negative."""
    near = []
    for money in MONEY.finditer(sentence):
        between = sentence[min(money.end(), outcome.end()) : max(money.start(), outcome.start())]
        amount = parse_money(money.group(0))
        if amount is not None and len(between.split()) <= NEAR_WORDS:
            near.append((len(between.split()), amount))
    if not near:
        return None
    amount = abs(min(near)[1])
    return -amount if outcome["outcome"].lower() == "underspend" else amount


def _from_risk(risk: Risk, year: str) -> StatedForecast | None:
    """A risk register row whose words name the year and its overspend, with the exposure it gives."""
    words = f"{risk.title} {risk.description}"
    outcome = OUTCOME.search(words)
    if risk.exposure_gbp is None or outcome is None or year not in find_periods(words):
        return None
    scope = risk_scope(risk) or Scope.COUNCIL_WIDE  # the one scope model's reading of a risk
    if scope is not Scope.COUNCIL_WIDE and not is_childrens(scope):
        return None  # another directorate's overspend is not the review's
    return StatedForecast(
        year=year,
        outcome=outcome["outcome"].lower(),
        amount_gbp=risk.exposure_gbp,
        source="risk register",
        scope=scope,
        words=risk.title,
        provenance=risk.provenance,
    )
