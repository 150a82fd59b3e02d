"""The council's stated policy for its general reserve as a share of its net budget, and the
reserve as that share.

Budget reports state a range ("The Council's strategy is to have general reserves of between 5% and
10% of its annual net revenue budget") and, elsewhere, the reserve (£43.0m) and the budget: the
reader should not have to divide. The share is derived, of the net budget of the year the balance is
held for (the year after its date), and set beside the policy's own words, each part cited.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from analyse.derived import share
from analyse.dsg import after_year
from analyse.records import Reserve, ReservePolicy
from analyse.standing import in_doubt
from extract.prose import sentences_cited
from extract.records import BudgetBuild, Passage

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
    passages: Sequence[Passage], reserve: Reserve | None, builds: Sequence[BudgetBuild]
) -> ReservePolicy | None:
    """The policy the documents first state, with the general reserve as a percent of the net
    budget of the year after the reserve's date (the council's own budget build for that year, its
    arithmetic not contradicted); None where any part is not read."""
    year = after_year(reserve)
    budget = next((b for b in builds if b.level == "council" and b.period == year and not in_doubt(b)), None)
    if reserve is None or reserve.amount_gbp is None or budget is None:
        return None
    for passage in passages:
        if not POLICY.search(passage.text):
            continue
        for sentence, where in sentences_cited(passage):
            if found := POLICY.search(sentence):
                low, high = _range(found)
                return ReservePolicy(
                    low_pct=low,
                    high_pct=high,
                    said=sentence,
                    budget_gbp=budget.new_budget_gbp,
                    budget_year=budget.period,
                    share_pct=share(reserve.amount_gbp, budget.new_budget_gbp) or 0.0,
                    provenance=[*where[:1], *reserve.provenance[:1], *budget.provenance[:1]],
                )
    return None


def _range(found: re.Match[str]) -> tuple[float, float | None]:
    """The policy's lower share, and its upper one where it states a range."""
    low = found.group(1) or found.group(2)
    last = float(found.group(3))
    return (float(low), last) if low else (last, None)
