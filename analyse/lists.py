"""Lists of figures under a heading: a bulleted list's heading says what its items are, and often
states their total ("Increased/new contributions (core budget) +£42.4m" over "• £15.4m general
reserves ...", "• £14.6m DSG reserve ..."). A figure in such a list is read with its heading: the
heading's words say which way the items go, its figure is the total they are part of, and the
paragraph that introduces the list says which year's budget it is ("The ... budget for 2025-26
includes ... These changes include the following main changes:").

A list runs on over a page break: the running header and footer a page repeats ("Numbers rounded for
clarity ... Page 42 of 44") are not a paragraph of the text and do not end it. Which paragraphs are
those is read once, where a page break's cut sentences are joined (extract.pdf.page_breaks).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from extract.pdf.page_breaks import is_running, running_texts
from extract.records import Passage, Provenance

# A paragraph that opens with a bullet is an item of a list.
BULLET = re.compile(r"^\s*[\u2022\u25cf\u25aa\u25e6\u2023\u2043\u2219\u00b7\u25a0\u25a1\u27a2\uf0b7]")
# A heading is one short line, or a lead-in ending with a colon; a longer paragraph is text.
HEADING_WORDS = 20

Place = tuple[str, int | None, str]


@dataclass(frozen=True)
class Heading:
    """The heading of a list, and the paragraph just before it that introduces the list."""

    text: str
    intro: str
    place: Place  # where the heading is printed: a list's key, shared by all its items


def place(provenance: Provenance) -> Place:
    """Which paragraph a record was read from: its file, page and locator."""
    return provenance.file, provenance.page, provenance.locator


def list_headings(passages: list[Passage]) -> dict[Place, Heading]:
    """The heading each bulleted paragraph is listed under, by the paragraph's place: the nearest
    paragraph before it that is neither an item of the list nor page furniture, where that is a
    heading (one short line, or a lead-in ending with a colon)."""
    furniture = running_texts(passages)
    out: dict[Place, Heading] = {}
    for i, passage in enumerate(passages):
        if not BULLET.match(passage.text):
            continue
        head = _previous(passages, i, furniture, skip_items=True)
        if head is None or not _is_heading(passages[head].text):
            continue
        intro = _previous(passages, head, furniture, skip_items=True, skip_headings=True)
        out[place(passage.provenance[0])] = Heading(
            text=" ".join(passages[head].text.split()),
            intro=" ".join(passages[intro].text.split()) if intro is not None else "",
            place=place(passages[head].provenance[0]),
        )
    return out


def _previous(
    passages: list[Passage],
    i: int,
    furniture: set[tuple[str, str]],
    skip_items: bool,
    skip_headings: bool = False,
) -> int | None:
    """The index of the paragraph of the same document before `i`, past page furniture and past list
    items (and past short headings, where `skip_headings`: lists under headings one after another
    share the paragraph that introduces them)."""
    file = passages[i].provenance[0].file
    for j in range(i - 1, -1, -1):
        passage = passages[j]
        if passage.provenance[0].file != file:
            return None
        skipped = (skip_items and BULLET.match(passage.text)) or (skip_headings and _short(passage.text))
        if is_running(passage, furniture) or skipped:
            continue
        return j
    return None


def _is_heading(text: str) -> bool:
    return text.rstrip().endswith(":") or _short(text)


def _short(text: str) -> bool:
    """One short line that is not a sentence: a heading's."""
    return len(text.split()) <= HEADING_WORDS and not text.rstrip().endswith((".", ":"))
