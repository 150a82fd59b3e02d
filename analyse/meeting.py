"""When a report's figures were set down, and what a plan says of its own later years.

A council report's header names the body and meeting it goes to: as a line ("To: Cabinet – 30
January 2025"), as a table row ("Report to | Cabinet, 6 November 2025"), or as a row of labels over a
row of their values ("Report to By Classification" over "County Council, 20 February 2025 Corporate
Director of Finance ..."). That date orders reports (`meetings`). A medium-term plan set down before a
monitoring report that forecasts an overspend for the plan's first year does not hold that overspend
in its later gaps: the reviewers are told the plan's date and asked how much of the overspend is
recurrent (`later_forecast`). Where a plan calls its later years indicative or illustrative
("the later years of the MTFP ... is indicative for illustrative strategic planning purposes"), the
sentence is quoted beside its gaps (`plan_indicative`). Budget papers that call their budget a draft
still to be decided ("endorse the draft budget to be presented to County Council ... for final
decisions") make it a proposed budget, said so and quoted (`budget_draft`).
"""

from __future__ import annotations

import datetime
import re

from analyse.records import LaterForecast, Meeting, PlanWords, Position
from extract.numbers import CALENDAR_DATE, date_parts
from extract.prose import sentences_cited
from extract.records import Extraction, Provenance

_BODY_DATE = rf"(?P<body>[A-Z][^-–—:,|]*?)\s*[-–—,]\s*(?P<date>{CALENDAR_DATE})"
# A header that names the meeting: "To: Cabinet - 30 January 2025", "Report to Cabinet, 6 November 2025".
HEADER = re.compile(rf"^(?:Report\s+to\s*:?|To\s*:)\s*{_BODY_DATE}", re.I)
# A header's row of labels ("Report to By Classification"), whose values are the next passage's.
LABELS = re.compile(r"^Report\s+to\b(?!.*\d)", re.I)
# The plan's later years in its own words, and the words that make them not a settled plan.
LATER_YEARS = re.compile(
    r"\b(?:later|future|outer|remaining)\s+years\b|\byears\s+(?:two|2)\s+and\s+(?:three|3)\b", re.I
)
INDICATIVE = re.compile(r"\b(?:indicative|illustrative)\b", re.I)
CLAUSE_END = re.compile(r"[.;:,)](?:\s|$)")  # where the words that call it indicative stop
# A budget the papers call a draft, and the words that send it on to be decided: it is proposed.
DRAFT_BUDGET = re.compile(r"\bdraft\s+(?:net\s+)?(?:revenue\s+)?budget\b", re.I)
TO_DECIDE = re.compile(
    r"\b(?:for\s+approval|for\s+final\s+decisions?|presented\s+to|to\s+be\s+(?:approved|agreed|set)|approval\s+by)\b",
    re.I,
)
LIST_MARK = re.compile(r"^\(?[a-z0-9]{1,4}[.)]\s+", re.I)  # "b) endorse ...": the item's letter


def meetings(extraction: Extraction) -> dict[str, Meeting]:
    """The meeting each document's header names, by file: its first page's first header line, table
    row, or labels row with the next passage's values; a document naming none is not listed."""
    found: dict[str, Meeting] = {}
    first = [p for p in extraction.passages if p.provenance[0].page in (None, 1)]
    for n, passage in enumerate(first):
        text = " ".join(passage.text.split())
        file = passage.provenance[0].file
        after = first[n + 1] if n + 1 < len(first) else None
        cited = passage.provenance[:1]
        if LABELS.match(text) and after is not None and after.provenance[0].file == file:
            text = "Report to " + " ".join(after.text.split())
            # the values' passage first, so the citation shows the date read, then its labels
            cited = [after.provenance[0], passage.provenance[0]]
        if file not in found and (meeting := _meeting(text, cited)):
            found[file] = meeting
    for table in extraction.tables:
        if table.page in (None, 1) and table.file not in found:
            for row in table.rows:
                if meeting := _meeting(" ".join(" ".join(row).split()), table.provenance[:1]):
                    found[table.file] = meeting
                    break
    return found


def _meeting(text: str, provenance: list[Provenance]) -> Meeting | None:
    match = HEADER.match(text)
    if match is None:
        return None
    year, month, day = date_parts(match)
    if day is None:  # a month ("January 2025") dates no meeting
        return None
    try:
        on = datetime.date(year, month, day)
    except ValueError:  # a day its month lacks: "31 June 2025"
        return None
    return Meeting(body=match["body"].strip(), date=match["date"], on=on, provenance=provenance)


def plan_meeting(position: Position, found: dict[str, Meeting]) -> Meeting | None:
    """The meeting the document stating the medium-term gap goes to."""
    files = [p.file for g in position.mtfp_gap for p in g.provenance[:1]]
    return next((found[f] for f in files if f in found), None)


def later_forecast(
    position: Position, plan: Meeting | None, found: dict[str, Meeting]
) -> LaterForecast | None:
    """The overspend a monitoring report dated after the plan forecasts: the children's directorate's
    where its row is read, else the council's; None where the plan or the report is undated, or the
    report is not later, or it forecasts no overspend."""
    if plan is None or position.period is None:
        return None
    cs = position.children_services
    candidates = (
        (cs.variance_gbp, True, cs.provenance),
        (position.variance_gbp, False, position.provenance),
    )
    for amount, childrens, provenance in candidates:
        if amount is None or amount <= 0 or not provenance:
            continue
        report = found.get(provenance[0].file)
        if report is not None and report.on > plan.on:
            return LaterForecast(
                meeting=report,
                year=position.period,
                amount_gbp=amount,
                childrens=childrens,
                provenance=provenance[:1],
            )
    return None


def plan_indicative(extraction: Extraction) -> PlanWords | None:
    """The first sentence of the documents that calls the plan's later years indicative or
    illustrative, quoted; None where none does."""
    for passage in extraction.passages:
        for sentence, provenance in sentences_cited(passage):
            if LATER_YEARS.search(sentence) and (said := INDICATIVE.search(sentence)):
                phrase = CLAUSE_END.split(sentence[said.start() :], maxsplit=1)[0]
                return PlanWords(words=sentence, provenance=provenance[:1], phrase=phrase)
    return None


def budget_draft(extraction: Extraction) -> PlanWords | None:
    """The documents' own sentence that their budget is a draft still to be decided ("endorse the
    draft budget to be presented to County Council on 13th February for final decisions"), quoted,
    its list marker left off; None where none says so."""
    for passage in extraction.passages:
        for sentence, provenance in sentences_cited(passage):
            if DRAFT_BUDGET.search(sentence) and TO_DECIDE.search(sentence):
                return PlanWords(words=LIST_MARK.sub("", sentence), provenance=provenance[:1])
    return None


def dated_position(position: Position, extraction: Extraction) -> Position:
    """The position with its plan's meeting, its later years' own caveat, a later forecast, and
    whether its budget is a draft still to be decided."""
    found = meetings(extraction)
    plan = plan_meeting(position, found)
    return position.model_copy(
        update={
            "mtfp_meeting": plan,
            "mtfp_indicative": plan_indicative(extraction) if position.mtfp_gap else None,
            "mtfp_later_forecast": later_forecast(position, plan, found),
            "budget_draft": budget_draft(extraction),
        }
    )
