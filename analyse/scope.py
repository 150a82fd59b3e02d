"""Which lines belong to children's services.

Councils name the directorate differently ("Children, Young People & Education", "CYPE", "Children's
Services", "Children and Families", "People - Children"), so scope is read from words, not names.
A council-wide bundle (Kent's whole-council MTFP) mixes adults, highways and waste with children's
lines; the review's line-by-line judgements are about the children's ones.
"""

from __future__ import annotations

from analyse.wording import content_words
from extract.records import BudgetLine, PlanLine

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


def is_children_name(name: str | None) -> bool:
    words = content_words(name)
    return bool(words & CHILDREN_WORDS)


def is_children_line(line: PlanLine) -> bool:
    """A saving or pressure whose directorate, service area or title is about children."""
    if is_children_name(line.directorate):
        return True
    if content_words(line.service_area) & NOT_CHILDREN_WORDS:
        return False
    return is_children_name(line.service_area) or is_children_name(line.title)


def is_children_budget_line(line: BudgetLine) -> bool:
    return is_children_name(line.directorate) or is_children_name(line.name)


def children_lines(lines: list[PlanLine]) -> list[PlanLine]:
    """The children's lines, or every line when none is named as children's (a children's-only tracker)."""
    scoped = [line for line in lines if is_children_line(line)]
    return scoped if scoped else list(lines)
