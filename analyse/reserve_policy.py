"""The council's stated policy for its general reserve as a share of its net budget, and the
reserve as that share.

Budget reports state a range ("The Council's strategy is to have general reserves of between 5% and
10% of its annual net revenue budget") and, elsewhere, the reserve (£43.0m) and the budget: the
reader should not have to divide. The share is derived, of the net budget of the year the balance is
held for (the year after its date), and set beside the policy's own words, each part cited; where the
documents state no policy, the share is still given, and that they state no minimum is said.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from analyse.derived import share
from analyse.dsg import after_year
from analyse.records import Position, Reserve, ReservePolicy
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
        provenance=[*reserve.provenance[:1], budget_at],
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


def _range(found: re.Match[str]) -> tuple[float, float | None]:
    """The policy's lower share, and its upper one where it states a range."""
    low = found.group(1) or found.group(2)
    last = float(found.group(3))
    return (float(low), last) if low else (last, None)
