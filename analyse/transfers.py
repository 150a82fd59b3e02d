"""Budgets the documents say move between the children's directorate and another in the review's year.

A directorate's budget for next year is set before its services are finally placed: a cabinet report
may move a service out ("The budget for ... the 18-25 section ... will transfer from the CYPE
Directorate to the ASCH Directorate ... approximately £59m", "from 1 April 2025") while the budget
papers still show it in the children's total. Such a statement is read here from the prose: a
sentence that moves something "from" one directorate "to" another, one of them the children's and
the other not; its amount from that sentence or another of the same passage that speaks of the
transfer; its date likewise. A document's statements in one direction are one transfer (a report
names the move in its summary, dates it in its recommendations and sizes it in its financial
implications). Only a transfer that takes effect in the review's year is kept.

Whether the children's budget shown already holds the money is read from the documents where they
say it, and is otherwise for the S151 officer. A move out is held in the children's budget for the
year (`included`) where the report says the budget moved is that year's budget as the budget agreed
it ("The budget to be transferred will include the 25-26 budget for 18-25 services, agreed as part
of the Budget at County Council"), or where that year's budget papers file the moving service
(adults' 18-25 services) under the children's directorate: the move takes effect in the year, so the
year's budget was built with it. The directorate's budget without it is then derived
(analyse.derived), and the S151 officer is asked to confirm the amount, not whether it is included.

A report that makes recommendations ("Recommendation(s):", "Cabinet is asked to: A. Agree to TRANSFER
...") proposes the move; it is not done until the body it goes to agrees it. Where one of the
document's statements of the move is such a recommendation, the transfer names that body and meeting
("Cabinet on 30 January 2025", from the report's "To: Cabinet - 30 January 2025").
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Literal

from analyse.meeting import meetings
from analyse.records import BaseStep, BudgetTransfer, Meeting, Scope, TransferBase
from analyse.reserves import MONEY, next_year
from analyse.scope import ADULT_WORDS, AGED_18_25, ScopeIndex, is_childrens, scope_of, text_scope
from analyse.wording import content_words
from extract.numbers import (
    CALENDAR_DATE,
    FINANCIAL_YEAR,
    date_parts,
    find_periods,
    normalise_period,
    parse_money,
    unit_multiplier,
)
from extract.prose import places_printed, sentences_cited
from extract.records import Extraction, Passage, PlanLine, Provenance, Table
from extract.tables.rows import row_cited
from extract.tables.vocabulary import BUILD_BASE, BUILD_GROWTH, BUILD_NEW, BUILD_SAVINGS
from extract.verify.tolerance import Term, half_unit, holds, places_half_unit

# Words of a directorate's name that say only that it is one ("the CYPE Directorate").
GENERIC_NAME_WORDS = frozenset({"directorate", "department", "service", "services"})
TRANSFER = re.compile(r"\b(?:transfer\w*|mov(?:e|es|ed|ing)|realign\w*|realloca\w*)\b", re.I)
# "from <a directorate> to <another>": each name a run of capitalised words (joined by "and", "&",
# "of" or a comma), so a year, "home to school" or the clause after the name is not part of it.
_NAME = r"[A-Z][\w&'’-]*(?:,?\s+(?:[A-Z][\w&'’-]*|and|&|of))*"
FROM_TO = re.compile(rf"\bfrom\s+(?P<source>(?:the\s+)?{_NAME}),?\s+to\s+(?P<destination>(?:the\s+)?{_NAME})")
_JOINING = re.compile(r"(?:,?\s+(?:and|&|of))+$")
DATED = re.compile(rf"\b(?:from|effective|starting|commencing)\s+{CALENDAR_DATE}", re.I)
# The financial year a move takes effect in, as written: "from 2025-26", "in the financial year 2025/26".
EFFECTIVE_YEAR = re.compile(
    rf"\b(?:from|in|during|effective)\s+(?:the\s+)?(?:financial\s+year\s+)?(?P<year>{FINANCIAL_YEAR})\b",
    re.I,
)
# Words that make a transfer's stated amount an estimate ("approximately £59m", "indicative").
APPROXIMATE = re.compile(
    r"\b(?:approximately|approx|around|about|circa|c\.|some|roughly|estimated|indicative)\b", re.I
)
# What moves, named as its budget ("The budget for the ... Service"): the service is the words after.
BUDGET_OF = re.compile(r"^(?:the\s+)?(?:\w+\s+)?budgets?\s+(?:for|of)\s+", re.I)
# A paragraph's number ("5.1", "A.", "(ii)") before its first sentence.
NUMBERED = re.compile(r"^(?:\(?[\divx]+(?:\.\d+)*[.)]?|[A-Z][.)])\s+")
# Words before a transfer verb that are not what moves ("It is proposed to transfer").
LEAD_IN = re.compile(r"^(?:.*\b(?:proposed|proposal is|agree|agreed|intended|planned)\s+)?(?:to\s+)?", re.I)
AUXILIARY = re.compile(r"\s+(?:will|is to|are to|shall|would|is|are|to)(?:\s+be)?$", re.I)
# A budget as the council's budget agreed it ("the 25-26 budget ..., agreed as part of the Budget",
# "the 2025/26 budget as approved by County Council"): with the transfer's year in the sentence, the
# budget moved is that year's budget. A body that "agreed to" transfer agreed the move, not a budget.
AGREED = re.compile(r"\bbudgets?\b[^.;]*?\b(?:agreed|approved)\b(?!\s+to\b)", re.I)
# A report that makes recommendations, in its own words ("Recommendation(s):", "Cabinet is asked to"),
# and a statement of the move that is one of them ("A. Agree to TRANSFER ..."): the move is proposed.
RECOMMENDS = re.compile(r"\bRecommendations?(?:\(s\))?\s*:|\b(?:is|are)\s+asked\s+to\b", re.I)
RECOMMENDING = re.compile(r"^(?:to\s+)?(?:agree|approve|endorse|authorise|authorize)\b", re.I)
# The body the report goes to where its header names no meeting (analyse.meeting): "Cabinet is asked to".
ASKED = re.compile(r"^(?P<body>(?:the\s+)?[A-Z][\w ]{0,60}?)\s+(?:is|are)\s+asked\s+to\b")


def budget_transfers(extraction: Extraction, period: str | None, scopes: ScopeIndex) -> list[BudgetTransfer]:
    """Each move into or out of the children's directorate the documents state for `period`, once
    per document and direction, with the budget papers' lines that place the moving service in the
    children's directorate that year."""
    stated: dict[tuple[str, str], list[BudgetTransfer]] = {}
    for passage in extraction.passages:
        for one in _from_passage(passage):
            stated.setdefault((passage.provenance[0].file, one.direction), []).append(one)
    headers = meetings(extraction)
    found = [
        _recommended(_one_transfer(statements), statements, extraction.passages, file, headers.get(file))
        for (file, _), statements in stated.items()
    ]
    kept = [t for t in found if period is not None and t.year == period]
    placed = [_placed(t, _held(t, extraction, period, scopes)) for t in kept]
    return [t.model_copy(update={"bases": transfer_bases(t, extraction.tables)}) for t in placed]


def transfer_bases(transfer: BudgetTransfer, tables: list[Table]) -> list[TransferBase]:
    """The budget tables' statements of the budget the transfer moves: each cell whose column's
    heading names the children's directorate it leaves (or joins) and places the column in the moving
    service's scope there ("CYPE Adults (18-25)" for the 18-25 service leaving CYPE), on a row that states a budget
    ("Base Budget 2024-25": `BUILD_BASE`, `BUILD_NEW`), with whether it is the transfer's sum to the
    precision each is printed to."""
    childrens = transfer.source if transfer.direction == "out" else transfer.destination
    moving = scope_of(transfer.what, childrens)
    if transfer.amount_gbp is None or not is_childrens(moving):
        return []
    leaving = content_words(childrens) - GENERIC_NAME_WORDS
    out = []
    for table in tables:
        heads = table.rows[: table.header_rows]
        for column in range(1, max((len(r) for r in heads), default=0)):
            heading = " ".join(h[column] for h in heads if column < len(h) and h[column].strip())
            if not (content_words(heading) & leaving) or scope_of(heading) != moving:
                continue
            out += _budget_cells(transfer, table, column, heading)
    return out


def _budget_cells(transfer: BudgetTransfer, table: Table, column: int, heading: str) -> list[TransferBase]:
    scale = unit_multiplier(table.unit or "") or 1.0
    out = []
    for index, row in enumerate(table.rows[table.header_rows :], start=table.header_rows):
        label = row[0].strip() if row else ""
        if not (BUILD_BASE.match(label) or BUILD_NEW.match(label)) or column >= len(row):
            continue
        cell = row[column]
        amount = parse_money(cell, scale)
        if amount is None or transfer.amount_gbp is None:
            continue
        stated = Term(
            transfer.amount_gbp,
            places_half_unit(transfer.places, 1e6) if transfer.places is not None else 0.0,
        )
        periods = find_periods(label)
        base = TransferBase(
            amount_gbp=amount,
            period=periods[0] if periods else None,
            row=label,
            column=heading,
            difference_gbp=amount - transfer.amount_gbp,
            agrees=holds([Term(amount, half_unit(cell, amount, scale))], [stated]),
            provenance=[row_cited(table, index)],
        )
        out.append(_to_year(base, transfer, table, column, index))
    return out


def _to_year(
    base: TransferBase, transfer: BudgetTransfer, table: Table, column: int, at: int
) -> TransferBase:
    """A base of the year before the transfer's brought to the transfer's year by the same table's
    rows below it in its column that change it (`base_steps`), where it states any: Kent's Table 4.1
    gives "Base Budget 2024-25" £55.7m, growth +£1.6m and savings -£0.8m, about £56.5m for 2025-26
    against the £59m the transfer states for 2025-26."""
    if not (BUILD_BASE.match(base.row) and base.period and transfer.year == next_year(base.period)):
        return base
    steps = base_steps(table, column, at)
    if not steps or transfer.amount_gbp is None:
        return base
    in_year = base.amount_gbp + sum(s.amount_gbp for s in steps)
    return base.model_copy(
        update={
            "steps": steps,
            "in_year_gbp": in_year,
            "in_year_difference_gbp": in_year - transfer.amount_gbp,
        }
    )


def base_steps(table: Table, column: int, at: int) -> list[BaseStep]:
    """The rows after a base row (`at`) that change it to the next year's budget, in its column:
    growth and savings as the build vocabulary names them (a saving a reduction, however printed),
    up to the next base or net budget row; a row totalling others is not one of them."""
    scale = unit_multiplier(table.unit or "") or 1.0
    out = []
    for index in range(at + 1, len(table.rows)):
        row = table.rows[index]
        label = row[0].strip() if row else ""
        if BUILD_BASE.match(label) or BUILD_NEW.match(label):
            break
        if label.lower().startswith("total") or column >= len(row):
            continue
        saving = bool(BUILD_SAVINGS.match(label))
        amount = parse_money(row[column], scale) if saving or BUILD_GROWTH.match(label) else None
        if amount is not None:
            change = -abs(amount) if saving else amount
            out.append(BaseStep(row=label, amount_gbp=change, provenance=[row_cited(table, index)]))
    return out


def _placed(transfer: BudgetTransfer, held: list[Provenance]) -> BudgetTransfer:
    """The transfer with the budget papers' lines that hold it, and whether the children's budget for
    its year includes it: a move out whose budget is the year's agreed budget, or whose lines that
    year's papers file under the children's directorate."""
    included = transfer.direction == "out" and (transfer.agreed_in_budget is not None or bool(held))
    return transfer.model_copy(update={"held_in_childrens": held, "included": included})


def _from_passage(passage: Passage) -> list[BudgetTransfer]:
    on_transfer = [(s, where) for s, where in sentences_cited(passage) if TRANSFER.search(s)]
    about = [s for s, _ in on_transfer]  # the passage's sentences on the transfer
    printed = dict(on_transfer)  # where each is printed
    out = []
    for sentence in about:
        moved = FROM_TO.search(sentence)
        if moved is None:
            continue
        direction = _direction(moved["source"], moved["destination"])
        if direction is None:
            continue
        amount = next((s for s in [sentence, *about] if _amount(s) is not None), None)
        dated = next((s for s in [sentence, *about] if _effective(s) is not None), None)
        year, effective = (_effective(dated) if dated else None) or ("", "")
        agreed = next((s for s in about if AGREED.search(s) and find_periods(s)), None)
        cited = dict.fromkeys(s for s in (sentence, amount, dated) if s)
        out.append(
            BudgetTransfer(
                direction=direction,
                what=_what(sentence, moved),
                source=_JOINING.sub("", moved["source"]),
                destination=_JOINING.sub("", moved["destination"]),
                amount_gbp=_amount(amount) if amount else None,
                places=_places(amount) if amount else None,
                approximate=bool(amount and APPROXIMATE.search(amount)),
                year=year,
                effective=effective,
                words=sentence,
                provenance=[where for s in cited for where in printed[s]],
                agreed_in_budget=printed[agreed][0] if agreed else None,
            )
        )
    return out


def _direction(source: str, destination: str) -> Literal["out", "in"] | None:
    """ "out" of the children's directorate, "in" to it, or None where the move is not across its edge."""
    src, dst = is_childrens(text_scope(source)), is_childrens(text_scope(destination))
    if src == dst:
        return None
    return "out" if src else "in"


def _what(sentence: str, moved: re.Match[str]) -> str:
    """What moves: the words between the transfer verb and "from", else those before the verb."""
    verb = next((v for v in TRANSFER.finditer(sentence, 0, moved.start())), None)
    if verb is None:
        return NUMBERED.sub("", sentence[: moved.start()].strip())
    after = sentence[verb.end() : moved.start()].strip(" ,")
    if len(after.split()) >= 2:
        return after
    before = NUMBERED.sub("", sentence[: verb.start()].strip())
    return BUDGET_OF.sub("", AUXILIARY.sub("", LEAD_IN.sub("", before, count=1)))


def _amount(sentence: str) -> float | None:
    money = MONEY.search(sentence)
    return parse_money(money.group(0)) if money else None


def _places(sentence: str) -> int | None:
    money = MONEY.search(sentence)
    return places_printed("GBP", money.group(0)) if money else None


def _effective(sentence: str) -> tuple[str, str] | None:
    """The financial year a move takes effect in and the words that date it ("1 April 2025")."""
    dated = DATED.search(sentence)
    if dated is not None:
        calendar_year, month, _ = date_parts(dated)
        start = calendar_year - (month < 4)  # January to March end the year begun the April before
        words = " ".join(w for w in (dated["day"], dated["month"], dated["year"]) if w)
        return f"{start}-{(start + 1) % 100:02d}", words
    year = EFFECTIVE_YEAR.search(sentence)
    period = normalise_period(year["year"]) if year else None
    return (period, year["year"]) if year and period else None


def _one_transfer(statements: list[BudgetTransfer]) -> BudgetTransfer:
    """One document's statements of a move in one direction as one: the first that sizes it gives
    its words and amount, the first that dates it its year, the first in that year that says its
    budget is the year's agreed one that sentence; each cited."""
    sized = next((t for t in statements if t.amount_gbp is not None), statements[0])
    dated = next((t for t in statements if t.year), sized)
    agreed = next(
        (a for t in statements if (a := t.agreed_in_budget) and dated.year in find_periods(a.text)), None
    )
    cited = {(p.page, p.text): p for p in sized.provenance + dated.provenance}
    return sized.model_copy(
        update={
            "year": dated.year,
            "effective": dated.effective,
            "provenance": list(cited.values()),
            "agreed_in_budget": agreed,
        }
    )


def _recommended(
    transfer: BudgetTransfer,
    statements: list[BudgetTransfer],
    passages: list[Passage],
    file: str,
    meeting: Meeting | None,
) -> BudgetTransfer:
    """The transfer marked as proposed where its document is a report making recommendations and one
    of its statements of the move is a recommendation ("A. Agree to TRANSFER ..."), with the body and
    meeting the report goes to (its header's `meeting`, else the body "asked to")."""
    own = [p for p in passages if p.provenance[0].file == file]
    if not any(RECOMMENDS.search(p.text) for p in own):
        return transfer
    if not any(RECOMMENDING.match(NUMBERED.sub("", s.words)) for s in statements):
        return transfer
    if meeting is not None:
        return transfer.model_copy(
            update={
                "recommended_to": f"{meeting.body} on {meeting.date}",
                "recommendation": meeting.provenance[0],
            }
        )
    named = next(((p, m) for p in own if (m := ASKED.match(" ".join(p.text.split())))), None)
    if named is not None:
        passage, match = named
        return transfer.model_copy(
            update={"recommended_to": match["body"].strip(), "recommendation": passage.provenance[0]}
        )
    return transfer.model_copy(update={"recommended_to": "the decision-maker"})


def _held(
    transfer: BudgetTransfer, extraction: Extraction, period: str | None, scopes: ScopeIndex
) -> list[Provenance]:
    """The budget papers' lines for `period` that place the service moving out (adults' 18-25
    services) in the children's directorate."""
    if transfer.direction != "out" or not _adults(transfer.what):
        return []
    lines: Iterable[PlanLine] = [*extraction.pressures, *extraction.savings]
    return [
        line.provenance[0]
        for line in lines
        if scopes.plan_line(line) == Scope.ADULTS_IN_CHILDRENS
        and any(p.period == period for p in line.planned)
    ]


def _adults(what: str) -> bool:
    return bool(AGED_18_25.search(what) or content_words(what) & ADULT_WORDS)
