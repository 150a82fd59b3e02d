"""Sentences a page break cuts, read as one passage.

Kent's draft budget ends page 27 "... through the Safety Valve mechanism, whereby the Department
for" and begins page 28 "Education provides a substantial contribution (up to £140m) ...": read page
by page, that is two passages and two half sentences. A page's last passage of body text that runs
on (`runs_on`) and the next page's first that continues it (`continues`) become one passage, whose
provenance lists both parts in reading order, each with its own page, box and text, so that a
sentence or figure read from it cites the page it is printed on (extract.prose.cited).

A page's running header or footer is not body text and is passed over, never joined: a text printed
on `RUNNING_PAGES` pages or more once its numbers are blanked ("Page 27 of 44", "Numbers rounded for
clarity"), or one printing its page's own number. A table between the parts (under the first, above
the second) ends the run: the first is a caption or the table's lead-in, not a cut sentence.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from extract.pdf.settings import LAYOUT
from extract.records import Passage, Table

# A text printed on this many pages of one document is its running header or footer.
RUNNING_PAGES = 3
# A passage that ends on these has finished its sentence (or its heading, or its list's lead-in).
FINISHED = re.compile(r"[.!?:;)\]\"\u201d\u2019]\s*$")
# A passage that ends on a comma, a dash, an open bracket or a word that cannot end a sentence
# ("whereby the Department for") runs on, whatever the next page begins with.
RUNS_ON = re.compile(
    r"(?:[,(\-–—/&]|\b(?:a|an|the|of|for|to|in|on|at|by|with|from|into|and|or|but|nor|as|than|that|which|"
    r"who|whose|whereby|where|when|while|is|are|was|were|be|been|being|will|would|shall|should|can|could|"
    r"may|might|must|has|have|had|not|its|their|our|this|these|those|per|via|within|between|including|"
    r"such|each|any|all))\s*$",
    re.I,
)
# A passage that begins with a list's marker or a paragraph number starts an item of its own:
# "•", "-", "7.16 ", "2. ", "(a) ", "iv) ".
LIST_START = re.compile(
    r"^\s*(?:[•●○◦▪■□‣►➢✓\-–—*·]|\d{1,3}(?:\.\d{1,3})*\.?\s|\(?(?:[a-z]|[ivx]{1,5}|\d{1,3})\)\s)", re.I
)


@dataclass(frozen=True)
class Printed:
    """A passage as its page sets it: the height of its lines and whether they are all bold."""

    passage: Passage
    size: float
    bold: bool


@dataclass(frozen=True)
class Page:
    """One page's passages in reading order and its tables."""

    prose: list[Printed]
    tables: list[Table]


def joined_across_pages(pages: list[Page]) -> list[Passage]:
    """Every page's passages in order, a sentence a page break cuts read as one passage (the
    module docstring)."""
    running = running_texts([p.passage for page in pages for p in page.prose])
    out: list[Passage] = []
    open_at: int | None = None  # where in `out` the last page's unfinished foot is
    last: tuple[Printed, Page] | None = None
    for page in pages:
        body = [p for p in page.prose if not is_running(p.passage, running)]
        head = body[0] if body else None
        joins = last is not None and head is not None and open_at is not None and _cut(*last, head, page)
        for printed in page.prose:
            if joins and printed is head and open_at is not None:
                out[open_at] = joined(out[open_at], printed.passage)
                continue
            out.append(printed.passage)
        foot = body[-1] if body else None
        last = (foot, page) if foot is not None else None
        open_at = next((i for i in range(len(out) - 1, -1, -1) if _ends_with(out[i], foot)), None)
    return out


def joined(before: Passage, after: Passage) -> Passage:
    """The two parts as one passage, read with a space between them, citing both."""
    return Passage(text=f"{before.text} {after.text}", provenance=[*before.provenance, *after.provenance])


def _ends_with(passage: Passage, foot: Printed | None) -> bool:
    return foot is not None and passage.provenance[-1] == foot.passage.provenance[-1]


def _cut(before: Printed, before_page: Page, after: Printed, after_page: Page) -> bool:
    """Whether `after`, first on its page, continues the sentence `before` left unfinished at the
    foot of the page before."""
    a, b = before.passage.provenance[0], after.passage.provenance[0]
    follows = a.file == b.file and a.page is not None and b.page == a.page + 1
    return (
        follows
        and runs_on(before.passage.text)
        and continues(after.passage.text, before.passage.text)
        and _same_face(before, after)
        and not _table_between(before, before_page, after, after_page)
    )


def runs_on(text: str) -> bool:
    """The text stops without finishing its sentence."""
    return bool(text.strip()) and not FINISHED.search(text)


def continues(text: str, before: str) -> bool:
    """The text reads on from `before`: not a list item or numbered paragraph of its own, and it
    begins in lower case or `before` ends on a word that cannot end a sentence."""
    first = text.lstrip()[:1]
    return bool(first) and not LIST_START.match(text) and (first.islower() or bool(RUNS_ON.search(before)))


def _same_face(before: Printed, after: Printed) -> bool:
    """Both are body text of one size: neither is a bold heading, and their heights differ by no more
    than a paragraph's lines may (`LAYOUT.size_change`)."""
    size = max(before.size, 1.0)
    return not before.bold and not after.bold and abs(after.size - before.size) <= LAYOUT.size_change * size


def _table_between(before: Printed, before_page: Page, after: Printed, after_page: Page) -> bool:
    """A table under the first part on its page, or above the second on its own."""
    a, b = before.passage.provenance[-1].bbox, after.passage.provenance[0].bbox
    if a is None or b is None:
        return False
    under = any(t.bbox is not None and t.bbox[1] >= a[3] for t in before_page.tables)
    above = any(t.bbox is not None and t.bbox[3] <= b[1] for t in after_page.tables)
    return under or above


def running_texts(passages: list[Passage]) -> set[tuple[str, str]]:
    """(file, text with its numbers blanked) of the passages printed on RUNNING_PAGES pages or more:
    the one reading of a document's running headers and footers (`is_running`), which analyse.lists
    uses too."""
    pages: dict[tuple[str, str], set[int | None]] = {}
    for passage in passages:
        pages.setdefault(_unnumbered(passage), set()).add(passage.provenance[0].page)
    return {key for key, seen in pages.items() if len(seen) >= RUNNING_PAGES}


def _unnumbered(passage: Passage) -> tuple[str, str]:
    return passage.provenance[0].file, re.sub(r"\d+", "#", " ".join(passage.text.split()).lower())


def is_running(passage: Passage, running: set[tuple[str, str]]) -> bool:
    """A running header or footer: repeated on several pages, or printing the page's own number
    ("Page 27 of 44")."""
    page = passage.provenance[0].page
    own_number = page is not None and re.search(
        rf"\bpage\s+{page}\b|\b{page}\s+of\s+\d+\b", passage.text, re.I
    )
    return bool(own_number) or _unnumbered(passage) in running
