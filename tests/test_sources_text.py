"""A source's "text read" in the appendix holds the words of the figure it is cited for: two
figures read from two sentences of one paragraph are two sources, each with its own sentence."""

from __future__ import annotations

from extract.records import Provenance
from render.sources import SourceIndex

PLACE = "page 1, paragraph 10"
BUDGET = "Our net budget for children's services in 2025-26 is £191.0m, £922 per child aged 0 to 17."
REFERRALS = "Re referrals to children's social care within 12 months were 23% in 2024-25."


def said(text: str, locator: str = PLACE) -> Provenance:
    return Provenance(file="plan.pdf", sha256="cd" * 32, page=1, bbox=None, locator=locator, text=text)


def test_two_sentences_of_one_paragraph_are_cited_each_with_its_own_words() -> None:
    sources = SourceIndex()
    per_child, rate = sources.add(said(BUDGET)), sources.add(said(REFERRALS))
    assert per_child.number != rate.number
    assert "£922" in per_child.text and "23%" in rate.text
    assert "23%" not in per_child.text and "£922" not in rate.text


def test_the_same_words_cited_twice_keep_one_number() -> None:
    sources = SourceIndex()
    assert sources.add(said(BUDGET)).number == sources.add(said(BUDGET)).number
    assert sources.places_in("plan.pdf") == 1
