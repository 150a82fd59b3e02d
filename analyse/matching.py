"""Matching a saving to the budget monitoring line of the service it comes from.

Savings trackers and monitoring reports rarely share a key, so the match is by the words of the
saving's service area and title against the budget line's name. Words every children's line shares
("children", "social", "care") cannot make a match on their own.
"""

from __future__ import annotations

from analyse.provision import same_provision
from analyse.wording import content_words
from extract.records import BudgetLine, PlanLine

WEAK_WORDS = frozenset(
    {
        "children",
        "childrens",
        "child",
        "social",
        "care",
        "young",
        "people",
        "families",
        "family",
        "services",
        "service",
        "council",
        "county",
        "directorate",
        "review",
        "new",
        "reduction",
        "savings",
        "saving",
        "efficiency",
        "efficiencies",
    }
)


def matching_budget_line(line: PlanLine, budget_lines: list[BudgetLine]) -> BudgetLine | None:
    """The service line whose name shares most distinctive words with the saving, if any does,
    among the lines of the saving's own directorate where both name one (analyse.scope
    same_directorate): "Reablement-first home care model" of Adults and Health is not the
    Education directorate's "Home to school transport", for the word "home" they share; and of the
    saving's own provision where both name one (analyse.provision)."""
    from analyse.scope import same_directorate  # analyse.scope reads analyse.matching's words

    wanted = content_words(line.service_area) | content_words(line.title)
    best: tuple[float, BudgetLine] | None = None
    for budget in budget_lines:
        if budget.level != "service_line" or not same_directorate(line.directorate, budget.directorate):
            continue
        if not same_provision(f"{line.service_area} {line.title}", budget.name):
            continue  # a step-down from external residential care saves nothing on the in-house homes
        score = _score(wanted, content_words(budget.name))
        if score > 0 and (best is None or score > best[0]):
            best = (score, budget)
    return best[1] if best else None


def _score(wanted: set[str], name: set[str]) -> float:
    shared = wanted & name
    if not shared - WEAK_WORDS:
        return 0.0
    # Share of the budget line's own words found in the saving: a line named "Fostering" is matched
    # fully by a fostering saving; "Residential and Fostering" only half.
    return len(shared) / len(name)


def names_line(text: str, title: str) -> bool:
    """A sentence about a line: it names every one of the line's own words, and they are not only
    words every children's line shares ("Home to School Transport" in "In year budget monitoring is
    showing significant underspend on home to school transport")."""
    own = content_words(title)
    return bool(own - WEAK_WORDS) and own <= content_words(text)
