"""The stage a sentence states a sum at: before or after the council's management actions (its
mitigations, recovery actions) or its use of reserves.

Monitoring reports state one overspend at several stages in one paragraph ("a gross overspend of
£8.1m before management actions", "Management actions of £1.9m ... reducing the overspend to £5.9m",
"a drawdown of £2.0m from the reserve, leaving a residual overspend of £3.9m"). Each is a different
figure: the stage travels with the sum (extract.records.Figure.stage), is said wherever the sum is
shown, and sums of different stages are never compared or added as if the same.

Only a sum its own clause states as an overspend (or what one is reduced to) is at a stage. Its
stage is read, first, from a qualifier after it in its own clause ("£8.1m before management
actions", "£3.0m after route optimisation actions", "£18.8m against a budget of £1,011m, before the
planned use of earmarked reserves"); else from the words before it: a sum the sentence says a
mitigation reduces the overspend to, or leaves as the residual ("reducing the overspend to £5.9m",
"leaving a residual overspend of £3.9m"), is after the last mitigation the sentence names before it;
a sum after an opening "After management actions, ..." or "Before the use of reserves, ..." is at
that stage. None where the sentence states no stage.
"""

from __future__ import annotations

import re

from extract.records import Stage

# What a mitigation is called: the council's actions (management, mitigating, recovery, route
# optimisation actions; mitigations; a recovery plan) or its reserves (a drawdown, a use of them).
_ACTIONS = (
    r"(?:[\w-]+\s+){0,3}?\b(?:actions?|mitigations?|measures)\b|\brecovery\s+plans?\b"  # not "transactions"
)
_ACTIONS_RE = re.compile(_ACTIONS, re.I)
_RESERVES_RE = re.compile(r"\breserves?\b", re.I)
# "before management actions", "after the proposed drawdown of £2.0m from the ... Reserve", "net of
# mitigations", "prior to the use of reserves"
_QUALIFIER = re.compile(
    r"\b(?P<way>before|prior\s+to|gross\s+of|after|net\s+of|following)\s+(?:the\s+)?"
    rf"(?P<what>{_ACTIONS}|(?:[\w'’£.,-]+\s+){{0,10}}?reserves?\b)",
    re.I,
)
# Where a qualifier after a sum stops reaching back to it: another clause of the sentence that
# turns to a new stage ("..., and after the drawdown", "reducing", "leaving") or a clause's end.
_TURN = re.compile(
    r"[;]|\.(?:\s|$)|,\s*(?:and|but|which|while|whereas)\b|\b(?:reduc|leav|bring|brought|lower)\w*", re.I
)
# Words just before a sum that make it what a mitigation leaves: "reducing the overspend to",
# "reduces to", "leaving a residual overspend of", "the residual overspend is", "net overspend after".
_LEFT = re.compile(
    r"\b(?:reduc\w*|bring\w*|brought|lower\w*|fall\w*|falls)\b[^£;]{0,60}\bto\s*$"
    r"|\b(?:leav\w*|residual|remaining|resulting)\b[^£;]{0,60}$",
    re.I,
)
# Words in a sum's own clause before it that make it an overspend (or what is left of one): only an
# overspend is at a stage, not the budget or the reserve balance the same sentence names.
_OVERSPEND = re.compile(r"overspen|over-spen|variance|pressures?|deficit|reduc\w*|leav\w*|residual", re.I)
_SUM = re.compile(r"£\s?\d[\d,.]*\s?(?:bn|m|k)?", re.I)
_AFTER_WAYS = ("after", "net of", "following")
# A sum that is the mitigation's own amount ("Management actions of £1.9m", "a drawdown of £2.0m
# from the reserve"), which is at no stage of the overspend.
_MITIGATION_AMOUNT = re.compile(
    rf"(?:{_ACTIONS}|draw\s*downs?|drawings?|use|contributions?|transfers?)\s+(?:of|totalling|worth)\s*$",
    re.I,
)


def _stage(way: str, what: str) -> Stage:
    reserves = _RESERVES_RE.search(what) is not None
    after = " ".join(way.lower().split()) in _AFTER_WAYS
    if reserves:
        return Stage.AFTER_RESERVES if after else Stage.BEFORE_RESERVES
    return Stage.AFTER_ACTIONS if after else Stage.BEFORE_ACTIONS


def _last_mitigation(text: str) -> Stage | None:
    """The stage after the last mitigation `text` names (its actions or its reserves)."""
    actions = [m.end() for m in _ACTIONS_RE.finditer(text)]
    reserves = [m.end() for m in _RESERVES_RE.finditer(text)]
    if not actions and not reserves:
        return None
    return (
        Stage.AFTER_RESERVES if max(reserves, default=-1) > max(actions, default=-1) else Stage.AFTER_ACTIONS
    )


def stage_of(text: str, start: int, end: int) -> Stage | None:
    """The stage the sentence `text` states the sum printed at `text[start:end]` at (module doc);
    None for a sum its own clause does not state as an overspend (`_OVERSPEND`)."""
    sums = [m.end() for m in _SUM.finditer(text, 0, start)]
    if not _OVERSPEND.search(text[sums[-1] if sums else 0 : start]):
        return None
    turn = _TURN.search(text, end)
    after = text[end : turn.start() if turn else len(text)]
    if (said := _QUALIFIER.search(after)) is not None:
        return _stage(said["way"], said["what"])
    before = text[:start]
    if _MITIGATION_AMOUNT.search(before):
        return None
    clause = before[max(before.rfind(";"), 0) :]
    if _LEFT.search(clause):
        return _last_mitigation(before)
    opening = [m for m in _QUALIFIER.finditer(clause)]
    return _stage(opening[-1]["way"], opening[-1]["what"]) if opening else None


def comparable_stages(one: Stage | None, other: Stage | None) -> bool:
    """Two figures stated at stages that may be set beside one another: the same stage, or none
    stated and one before a mitigation (a table's forecast variance is the overspend before what
    the report says it will do about it). A figure after management actions or reserves is never
    compared with, nor added to, one before them."""
    before = {None, Stage.BEFORE_ACTIONS, Stage.BEFORE_RESERVES}
    return one == other or (one in before and other in before)
