"""A DSG deficit plan's delivery against its target, as the documents state it.

A Safety Valve agreement, Delivering Better Value or deficit management plan is the DSG's headline:
is the council on, behind or ahead of what it agreed, by how much and for which year, what the
agreement requires (a breakeven position by a year), and whether the money under it is conditional
("The Department for Education withholds its contribution ..."). Each is read from the prose and the
risk register's cells about the plan, with where it is printed:

- a delivery statement (`PlanDelivery`): behind ("£10m off-target", "off track", "behind plan"), on
  ("on track", "in line with the Safety Valve agreement") or ahead ("ahead of target"), with the sum
  right beside its words and the years its clause names; a prospect ("there is a risk the Council
  will become increasingly off target by ... 2027-28") is kept as one, never as the plan's state;
- what the plan requires: "a breakeven position by 2027-28";
- words that make the contributions conditional: the DfE withholding its contribution, contributions
  made "on the understanding that" or "subject to" something.

Statements of the plan's state that disagree for the same time (one on or ahead of target, another
behind it, of one year or of none) are set side by side (`differing`), never one picked.
"""

from __future__ import annotations

import re
from typing import Literal

from analyse.records import DsgItem, PlanDelivery
from analyse.reserves import MONEY
from analyse.wording import SAID_AS
from extract.numbers import FINANCIAL_YEAR, normalise_period, parse_money
from extract.prose import places_printed
from extract.records import Provenance

Sentences = list[tuple[str, list[Provenance]]]  # each sentence read, with where it is printed

PLAN = re.compile(
    r"safety valve|(?:deficit|dsg|high\s+needs)\s+(?:deficit\s+)?(?:management|recovery)\s+plan"
    r"|delivering better value|\bdbv\b",
    re.IGNORECASE,
)
# What the plan is measured against, after "behind", "ahead of", "in line with".
MEASURE = r"(?:target|plan|trajectory|schedule|profile|agreement)s?"
# A statement of the plan's delivery, by which side of its target it says the plan is on; "not on
# track" is behind, read before "on track".
STATUS = re.compile(
    rf"(?P<behind>\bnot\s+(?:on[\s-](?:track|target)|in\s+line\s+with\s+(?:the\s+)?(?:[\w-]+\s+){{0,3}}?{MEASURE})"
    rf"|\boff[\s-]?(?:target|track|trajectory)|\bbehind\s+(?:the\s+)?(?:[\w-]+\s+){{0,2}}?{MEASURE})"
    rf"|(?P<ahead>\bahead\s+of\s+(?:the\s+)?(?:[\w-]+\s+){{0,2}}?{MEASURE})"
    rf"|(?P<on>\bon[\s-](?:track|target|trajectory)|\bin\s+line\s+with\s+(?:the\s+)?(?:[\w-]+\s+){{0,3}}?{MEASURE})\b",
    re.IGNORECASE,
)
# The sum a statement is off or ahead by: right before its words ("£10m off-target") ...
SUM_BEFORE = re.compile(rf"(?P<sum>{MONEY.pattern})\s*$", re.IGNORECASE)
# ... or right after them ("off target by £2.1m", "behind plan by £4m").
SUM_AFTER = re.compile(rf"\s+by\s+(?:some\s+|about\s+|around\s+)?(?P<sum>{MONEY.pattern})", re.IGNORECASE)
YEAR = re.compile(rf"\b{FINANCIAL_YEAR}\b")
# The year a statement is for, after it ("off target by the end of the agreement in 2027-28").
YEAR_AFTER = re.compile(
    rf"^[^,;.]{{0,60}}?\b(?:by|in|for|during)\b[^,;.]{{0,40}}?\b(?P<year>{FINANCIAL_YEAR})\b"
)
# What bounds a statement's clause: the years and words before it are its own back to here.
CLAUSE = re.compile(r"[,;:](?!\d)|\s[\u2013\u2014-]\s")
# Words in its clause that make a statement a prospect, not the plan's state.
PROSPECT = re.compile(
    r"\bthere\s+is\s+a\s+risk\b|\brisk\s+(?:that|of)\b|\b(?:could|may|might|would)\b|^\s*if\b", re.I
)
# Words in its clause that make a statement the condition the plan's money is paid on ("subject to
# DfE confirmation that the Council remains on track"), not the plan's state: it is not kept.
CONDITIONAL = re.compile(
    r"\bsubject\s+to\b|\bconditional\s+(?:on|upon)\b|\bprovided\s+that\b|\bdependent\s+(?:on|upon)\b"
    r"|\bon\s+condition\s+that\b|\bconfirm\w*\s+that\b",
    re.IGNORECASE,
)
# Words in its clause that make it a forecast ("is forecasting to be £10m off-target"), said as
# analyse.wording.SAID_AS says each.
HEDGE = re.compile(r"\b(forecast|project|expect|anticipat|estimat)(?:ed|ing|s|e)?\b", re.IGNORECASE)
# What the plan requires, with its year: "a breakeven position by 2027-28", "a balanced in-year
# position by 2026-27", "eliminate the deficit by 2028-29".
TARGET = re.compile(
    r"(?P<words>(?:an?\s+)?(?:break[\s-]?even(?:\s+position)?|(?:in[\s-]year\s+)?balanced?\s+(?:in[\s-]year\s+)?"
    r"(?:position|budget)|eliminat\w*\s+(?:the\s+)?(?:[\w-]+\s+)?deficit|positive\s+(?:in[\s-]year\s+)?balance)"
    rf"[^.;]{{0,40}}?\b(?:by|in|from)\s+(?:the\s+end\s+of\s+)?(?P<year>{FINANCIAL_YEAR}|20\d\d))",
    re.IGNORECASE,
)
# Words that make the money under the plan conditional: a party withholding its contribution, or a
# contribution made on a condition.
CONDITION = re.compile(
    r"\bwithh(?:o|e)ld\w*\s+(?:its\s+|their\s+|the\s+)?(?:[\w-]+\s+){0,2}?(?:contribution|payment|funding)s?\b"
    r"|\b(?:contribut\w+|payments?|funding)\b(?:[^.]|\.(?=\d)){0,80}?\b(?:on\s+the\s+understanding\s+that|conditional\s+(?:on|upon)|subject\s+to"
    r"|dependent\s+(?:on|upon)|provided\s+that)\b",
    re.IGNORECASE,
)
SIDE: dict[str, Literal["behind", "on", "ahead"]] = {"behind": "behind", "on": "on", "ahead": "ahead"}


def about_plan(texts: list[tuple[Sentences, bool]]) -> list[tuple[str, list[Provenance], str]]:
    """The sentences about a DSG deficit plan, each with where it is printed and the plan as named:
    a sentence naming it or following one that does ("... the Safety Valve agreement. Progress in
    2024-25 ..."), or any sentence of a text about the DSG as a whole (a risk register's row on High
    Needs, `True` beside it) that names the plan anywhere."""
    found = []
    for sentences, whole in texts:
        named = next((m.group(0) for s, _ in sentences if (m := PLAN.search(s))), "") if whole else ""
        before = ""
        for sentence, where in sentences:
            own = PLAN.search(sentence) or PLAN.search(before)
            if own or named:
                found.append((sentence, where, _plan_name(own.group(0) if own else named)))
            before = sentence
    return found


def _plan_name(words: str) -> str:
    """The plan as the pack names it before "plan": "Safety Valve", "Delivering Better Value",
    "deficit management" (of "deficit management plan")."""
    lower = " ".join(words.lower().split())
    if lower == "safety valve":
        return "Safety Valve"
    if lower in ("delivering better value", "dbv"):
        return "Delivering Better Value"
    return re.sub(r"\s+plan$", "", " ".join(words.split()), flags=re.IGNORECASE)


def plan_heading(words: str) -> str:
    """The heading for the DSG plan the documents quote, as they name it ("Safety Valve", "DSG
    deficit recovery plan"): a programme towards a plan (the DfE's Delivering Better Value) is said
    to be one and never called a Safety Valve agreement; '' where no plan is named."""
    if not words:
        return ""
    name = _plan_name(words)
    if name == "Delivering Better Value":
        return "Delivering Better Value (a DfE support programme, not a Safety Valve agreement)"
    if name == "Safety Valve":
        return "Safety Valve"
    return f"{name[:1].upper()}{name[1:]}" + ("" if re.search(r"\bplan$", name, re.I) else " plan")


def plan_delivery(sentences: list[tuple[str, list[Provenance], str]]) -> list[PlanDelivery]:
    """Each statement of the plan's delivery against its target, in reading order, one sentence read
    twice (a table of contents, a summary repeating a paragraph) once."""
    found: list[PlanDelivery] = []
    for sentence, where, plan in sentences:
        for status in STATUS.finditer(sentence):
            if _conditional(sentence, status):
                continue
            item = _statement(sentence, status, where, plan)
            if all((kept.text, kept.words) != (item.text, item.words) for kept in found):
                found.append(item)
    return found


def _conditional(sentence: str, status: re.Match[str]) -> bool:
    """Whether the statement at `status` is a condition (CONDITIONAL in its clause, before it)."""
    start = max((m.end() for m in CLAUSE.finditer(sentence, 0, status.start())), default=0)
    return bool(CONDITIONAL.search(sentence, start, status.start()))


def _statement(sentence: str, status: re.Match[str], where: list[Provenance], plan: str) -> PlanDelivery:
    """The statement at `status`, of the plan named nearest before it in its sentence ("... Delivering
    Better Value programme; its deficit management plan is behind schedule"), else of `plan`."""
    side = next(k for k, v in status.groupdict().items() if v)
    named = list(PLAN.finditer(sentence, 0, status.start()))
    plan = _plan_name(named[-1].group(0)) if named else plan
    start = max((m.end() for m in CLAUSE.finditer(sentence, 0, status.start())), default=0)
    before = sentence[start : status.start()]
    money = SUM_BEFORE.search(before) or SUM_AFTER.match(sentence, status.end())
    end = money.end() if money and money.start() >= status.end() else status.end()
    after = YEAR_AFTER.match(sentence[end:])
    years = [after["year"]] if after else YEAR.findall(before)
    hedged = HEDGE.search(before)
    prospect = PROSPECT.search(before)
    amount = parse_money(money["sum"]) if money else None
    return PlanDelivery(
        plan=plan,
        against=SIDE[side],
        words=" ".join(status.group(0).split()),
        amount_gbp=abs(amount) if amount else None,
        places=places_printed("GBP", money["sum"]) if money else None,
        years=[y for y in (normalise_period(y) for y in years) if y],
        prospect=prospect.group(0).strip() if prospect else "",
        hedge=SAID_AS[hedged.group(1).lower()] if hedged else "",
        text=sentence,
        provenance=where,
    )


def plan_target(sentences: list[tuple[str, list[Provenance], str]]) -> DsgItem | None:
    """What the plan requires, with its year, the first stated: "a breakeven position by 2027-28"."""
    for sentence, where, _ in sentences:
        if found := TARGET.search(sentence):
            year = normalise_period(found["year"]) or found["year"]
            return DsgItem(words=" ".join(found["words"].split()), year=year, text=sentence, provenance=where)
    return None


def plan_conditions(sentences: list[tuple[str, list[Provenance], str]]) -> list[DsgItem]:
    """The words that make the money under the plan conditional, each sentence once, from its clause's
    start: "The Department for Education withholds its contribution towards the accumulated deficit
    ...", "KCC has been part of the Safety Valve Programme where the DfE and the Council are
    contributing towards the historic deficit on the understanding that plans will be put in place
    ..."."""
    found: list[DsgItem] = []
    for sentence, where, _ in sentences:
        said = CONDITION.search(sentence)
        if said and all(kept.text != sentence for kept in found):
            start = max((m.end() for m in CLAUSE.finditer(sentence, 0, said.start())), default=0)
            found.append(DsgItem(words=sentence[start:].strip(" ."), text=sentence, provenance=where))
    return found


def differing(statements: list[PlanDelivery]) -> list[PlanDelivery]:
    """The statements of the plan's state that disagree, in reading order: one behind its target
    and another on or ahead of it, of a year in common or where either names no year. A prospect is
    not the plan's state, so it disagrees with none. [] where they agree."""
    now = [s for s in statements if not s.prospect]
    pairs = [
        (a, b)
        for a in now
        for b in now
        if a.against == "behind"
        and b.against != "behind"
        and (not a.years or not b.years or set(a.years) & set(b.years))
    ]
    kept = {id(s) for pair in pairs for s in pair}
    return [s for s in now if id(s) in kept]
