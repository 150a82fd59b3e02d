"""The council's stated policy for its general reserve as a share of its net budget, and the
reserve as that share.

Budget reports state a range ("The Council's strategy is to have general reserves of between 5% and
10% of its annual net revenue budget") and, elsewhere, the reserve (£43.0m) and the budget: the
reader should not have to divide. The share is derived, of the net budget of the year the balance is
held for (the year after its date: the balance that year began with, both dates said), and set beside
the policy's own words, each part cited; where the documents state no policy, the share is still
given, and that they state no minimum is said.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Literal

from analyse.derived import share
from analyse.dsg import after_year
from analyse.records import Position, Reserve, ReserveAim, ReservePolicy
from analyse.standing import in_doubt
from extract.prose import sentences_cited
from extract.records import BudgetBuild, Passage, Provenance

_PCT = r"(\d+(?:\.\d+)?)\s*%?"
# "general reserves of between 5% and 10% of its annual net revenue budget", "a general fund balance
# of at least 5% of the net budget": the reserve, its share(s), then the budget it is a share of.
POLICY = re.compile(
    r"\bgeneral\s+(?:fund\s+)?(?:reserves?|balances?)\b[^.;]{0,60}?"
    rf"(?:between\s+{_PCT}\s*(?:and|to)\s*|{_PCT}\s*(?:-|\u2013|to)\s*|(?:at\s+least|a\s+minimum\s+of)\s+)"
    r"(\d+(?:\.\d+)?)\s*%\s+of\s+(?:its|the)\s+(?:\w+\s+){0,3}?(?:net\s+)?(?:revenue\s+)?budget\b",
    re.IGNORECASE,
)


def reserve_policy(
    passages: Sequence[Passage],
    reserve: Reserve | None,
    builds: Sequence[BudgetBuild],
    position: Position | None = None,
) -> ReservePolicy | None:
    """The general reserve as a percent of the net budget of the year after the reserve's date
    (`net_budget`), beside the policy the documents first state, or with none (`said` empty: the
    documents state no minimum for it); None where the reserve or that budget is not read."""
    budget = net_budget(after_year(reserve), builds, position)
    if reserve is None or reserve.amount_gbp is None or budget is None:
        return None
    amount, year, budget_at = budget
    derived = ReservePolicy(
        budget_gbp=amount,
        budget_year=year,
        share_pct=share(reserve.amount_gbp, amount) or 0.0,
        reserve_gbp=reserve.amount_gbp,
        reserve_at=reserve.at or "",
        provenance=[*reserve.provenance[:1], budget_at],
        aims_differ=aims_differ(reserve_aims(passages)),
    )
    for passage in passages:
        if not POLICY.search(passage.text):
            continue
        for sentence, where in sentences_cited(passage):
            if found := POLICY.search(sentence):
                low, high = _range(found)
                return derived.model_copy(
                    update={
                        "low_pct": low,
                        "high_pct": high,
                        "said": sentence,
                        "provenance": [*where[:1], *derived.provenance],
                    }
                )
    return derived


def net_budget(
    year: str | None, builds: Sequence[BudgetBuild], position: Position | None
) -> tuple[float, str, Provenance] | None:
    """The council's net budget for `year`: its own budget build for that year, its arithmetic not
    contradicted, else the council-wide budget its monitoring of that year states (Wyvern's Q2
    "COUNCIL TOTAL | 818,000"); None where neither is read."""
    if year is None:
        return None
    build = next((b for b in builds if b.level == "council" and b.period == year and not in_doubt(b)), None)
    if build is not None:
        return build.new_budget_gbp, year, build.provenance[0]
    if position is not None and position.period == year and position.budget_gbp and position.provenance:
        return position.budget_gbp, year, position.provenance[0]
    return None


# What a sentence says is being done about the general reserve's level, the verb nearest before its
# share: restoring it ("towards restoring 5% general reserve target", "to rebuild ... to 5%") or
# keeping it there ("to maintain general reserves at 5%").
_AIM_VERBS = {
    "restore": r"restor\w*|replenish\w*|rebuild\w*|return\w*|reach\w*|achiev\w*",
    "maintain": r"maintain\w*|keep\w*|retain\w*|sustain\w*",
}
AIM = re.compile(
    r"(?P<verb>(?:towards\s+)?\b(?:"
    + "|".join(f"(?P<{kind}>{words})" for kind, words in _AIM_VERBS.items())
    + r"))\b[^.;:%£]{0,50}?\b(?P<pct>\d+(?:\.\d+)?)\s*%(?P<after>(?:\s+(?:general|fund|reserves?|balances?|target|level|minimum)\b)*)",
    re.IGNORECASE,
)
GENERAL_RESERVE = re.compile(r"\bgeneral\s+(?:fund\s+)?(?:reserves?|balances?)\b", re.IGNORECASE)


def reserve_aims(passages: Sequence[Passage]) -> list[ReserveAim]:
    """Every sentence's statement of what is being done about the general reserve's level, as
    written: the share and whether it is being restored or maintained."""
    out = []
    for passage in passages:
        if not GENERAL_RESERVE.search(passage.text) or not AIM.search(passage.text):
            continue
        for sentence, where in sentences_cited(passage):
            for found in AIM.finditer(sentence):
                if GENERAL_RESERVE.search(found.group(0)) or found.group("after").strip():
                    kind: Literal["restore", "maintain"] = "restore" if found.group("restore") else "maintain"
                    words = " ".join(found.group(0).split())
                    out.append(
                        ReserveAim(kind=kind, pct=float(found["pct"]), words=words, provenance=where[:1])
                    )
    return out


def aims_differ(aims: list[ReserveAim]) -> list[ReserveAim]:
    """The first statement of each kind, where the documents say the same share is both being
    restored and being maintained (the reserve is below it or at it: a question); [] otherwise."""
    out: list[ReserveAim] = []
    for aim in aims:
        if not any(a.kind == aim.kind for a in out) and any(
            a.pct == aim.pct for a in aims if a.kind != aim.kind
        ):
            out.append(aim)
    return out if len(out) > 1 else []


def _range(found: re.Match[str]) -> tuple[float, float | None]:
    """The policy's lower share, and its upper one where it states a range."""
    low = found.group(1) or found.group(2)
    last = float(found.group(3))
    return (float(low), last) if low else (last, None)
