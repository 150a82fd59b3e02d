"""Which lines belong to children's services.

Councils name the directorate differently ("Children, Young People & Education", "CYPE", "Children's
Services", "Children and Families", "People - Children"), so scope is read from words, not names.
A council-wide bundle (Kent's whole-council MTFP) mixes adults, highways and waste with children's
lines; the review's line-by-line judgements are about the children's ones.
"""

from __future__ import annotations

import re

from analyse.wording import content_words
from extract.records import BudgetLine, Extraction, PlanLine

CHILDREN_WORDS = frozenset(
    {
        "children",
        "child",
        "childrens",
        "cyp",
        "cype",
        "cyps",
        "cfs",
        "young",
        "youth",
        "families",
        "family",
        "education",
        "schools",
        "school",
        "send",
        "sen",
        "fostering",
        "foster",
        "leavers",
        "looked",
        "safeguarding",
        "adoption",
        "uasc",
        "ehcp",
        "dsg",
    }
)
# Words that mark a line as someone else's even where children's words appear ("Adult Social Care -
# Placements for clients aged 18-25" sits in Kent's CYPE directorate but is adult care).
NOT_CHILDREN_WORDS = frozenset({"adult", "adults", "older", "highways", "waste"})
# A directorate's initials added to a line's name ("Adults & Older Persons - CYPE") say whose budget
# it sits in, not whom it serves.
DIRECTORATE_INITIALS = frozenset({"cyp", "cype", "cyps", "cfs"})


def is_children_name(name: str | None) -> bool:
    words = content_words(name)
    return bool(words & CHILDREN_WORDS)


def _serves_others(line: PlanLine) -> bool:
    """The line's own name or service says it is for adults (or highways, waste) and its name
    says nothing of children: a children's directorate may hold such lines (transitions at 18-25)."""
    title = content_words(line.title) - DIRECTORATE_INITIALS
    named_others = (title | content_words(line.service_area)) & NOT_CHILDREN_WORDS
    return bool(named_others) and not title & CHILDREN_WORDS


def is_children_line(line: PlanLine) -> bool:
    """A saving or pressure whose directorate, service area or title is about children, and whose
    own name is not about adults' or other services."""
    if _serves_others(line):
        return False
    if is_children_name(line.directorate):
        return True
    if content_words(line.directorate) & NOT_CHILDREN_WORDS:
        return False  # an adults' directorate's line about young people moving to it is adults' budget
    return is_children_name(line.service_area) or is_children_name(line.title)


def is_children_budget_line(line: BudgetLine) -> bool:
    return is_children_name(line.directorate) or is_children_name(line.name)


# A category that names a change in grant ("Increases in Grants and Contributions", "Reduction in
# Grant Income") holds funding, even where a plan lists it among savings or spending: a new grant
# is not a saving to deliver, nor a grant rolled into another a pressure. "Grant maximisation" is
# a saving the service makes.
GRANT_CHANGE = re.compile(r"\bgrants?\b", re.IGNORECASE)
GRANT_SAVING = re.compile(r"savings?|maximi[sz]|efficienc", re.IGNORECASE)


def is_grant_change(line: PlanLine) -> bool:
    category = line.category or ""
    return bool(GRANT_CHANGE.search(category)) and not GRANT_SAVING.search(category)


def without_grant_changes(extraction: Extraction) -> Extraction:
    """The extraction less the savings and pressures that are changes in grant (the workbook,
    rendered from the whole extraction, keeps them)."""
    return extraction.model_copy(
        update={
            "savings": [s for s in extraction.savings if not is_grant_change(s)],
            "pressures": [p for p in extraction.pressures if not is_grant_change(p)],
        }
    )


def children_lines(lines: list[PlanLine]) -> list[PlanLine]:
    """The children's lines, or every line when none is named as children's (a children's-only tracker)."""
    scoped = [line for line in lines if is_children_line(line)]
    return scoped if scoped else list(lines)
