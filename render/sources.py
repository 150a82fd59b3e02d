"""Numbered sources: every figure in a pack is cited as [S1], [S2] ... against an appendix entry.

A source is one place in one file (file, page, locator) and the words read there: citing the same
place and words twice gives the same number, so numbers run in the order a reader first meets them.
Two figures read from different sentences of one place (two sentences of one paragraph) are two
sources, so the appendix shows each the words that hold it, never the other's.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from markupsafe import Markup, escape

from extract.records import Provenance

SourceKey = tuple[str, int | None, str, str]

# A file's name as a bundle names it, by its extension (a slide names a document by its short name
# or source label; the pack breaks a long one at its own separators).
FILE_NAME = re.compile(r"\.(?:pdf|xlsx|xlsm|xls|csv|ods|docx|doc|odt|pptx|html?)\b", re.IGNORECASE)
# A file's name written with no space in it, in a page's text (between tags).
SPACELESS_NAME = re.compile(r"[^\s<>()\[\]\"\u201c\u201d]+" + FILE_NAME.pattern, re.IGNORECASE)
AFTER_SEPARATOR = re.compile(r"(?<=[_.-])(?=[^_.-])")  # after a run of _, - or .
TEXT_RUN = re.compile(r"(?<=>)[^<]+(?=<)")
BREAK = "\u200b"  # a zero-width space: a break opportunity with no glyph


def breakable_names(html: str) -> str:
    """The page with a break opportunity (a zero-width space, BREAK) after each separator (_ - .) of
    every file name written without spaces in its text, so that a long name wraps at its own
    separators, not mid-word ("appendixF_budget_\u200btemplates.pdf"). Tags and their attributes are
    left as they are; the PDF draws no glyph for it, so what a reader or a check reads of the page is
    unchanged. A character, not a <wbr> element: Kent's 2,100 elements cost the layout half as much
    again as the whole pack without them (render_pdf 3.9 to 5.8 s CPU; with the character 4.4 s)."""

    def names(run: re.Match[str]) -> str:
        return SPACELESS_NAME.sub(lambda m: AFTER_SEPARATOR.sub(BREAK, m.group(0)), run.group(0))

    return TEXT_RUN.sub(names, html)


@dataclass(frozen=True)
class Source:
    number: int
    file: str
    page: int | None
    locator: str
    text: str
    provenance: Provenance  # the first one cited here: the appendix quotes its text, with its ref
    # The source as a reader looks it up: a council's file by its name, a national data set by its
    # public name (Review.source_names), never the path of this project's copy of it.
    name: str = ""

    @property
    def label(self) -> str:
        return f"S{self.number}"

    @property
    def where(self) -> str:
        """Page and locator in words: 'p. 12, table 2, row 5'."""
        parts = [f"p. {self.page}"] if self.page else []
        # A locator that starts with its page ("page 13, table 1, row 5") says it already.
        locator = re.sub(rf"^page {self.page},\s*", "", self.locator) if self.page else self.locator
        if locator:
            parts.append(locator)
        return ", ".join(parts) or "whole document"


@dataclass
class SourceIndex:
    """Hands out source numbers and remembers them for the appendix."""

    sources: list[Source] = field(default_factory=list)
    _by_key: dict[SourceKey, Source] = field(default_factory=dict)
    names: dict[str, str] = field(default_factory=dict)  # a file's public name (Review.source_names)

    def add(self, prov: Provenance) -> Source:
        key = (prov.file, prov.page, prov.locator, prov.text)
        found = self._by_key.get(key)
        if found is None:
            name = self.names.get(prov.file, prov.file)
            found = Source(len(self.sources) + 1, prov.file, prov.page, prov.locator, prov.text, prov, name)
            self.sources.append(found)
            self._by_key[key] = found
        return found

    def labels(self, provs: Iterable[Provenance], limit: int = 4) -> list[str]:
        """Labels for a figure's provenance; a long list is cut, the rest still numbered."""
        numbers = sorted({self.add(p).number for p in provs})
        shown = [f"S{n}" for n in numbers[:limit]]
        if len(numbers) > limit:
            shown.append(f"+{len(numbers) - limit}")
        return shown

    def places_in(self, file: str) -> int:
        """How many places of a file the pack cites."""
        return sum(1 for s in self.sources if s.file == file)

    def cite(self, provs: Iterable[Provenance], limit: int = 4) -> str:
        """'[S1, S4]', or '' when there is nothing to cite."""
        labels = self.labels(provs, limit)
        return f"[{', '.join(labels)}]" if labels else ""


# A document's use is known only once the whole pack has cited its sources, after the table of
# documents received is written: the table holds a mark for each file, filled in at the end.
_USED = "<!--reviewpack-used:{}-->"
_USED_MARK = re.compile(r"<!--reviewpack-used:(.*?)-->")


def used_mark(file: str) -> Markup:
    """Where the pack will say how much of `file` it cites (`fill_used`)."""
    return Markup(_USED.format(escape(file).replace("--", "&#45;&#45;")))


def fill_used(html: str, sources: SourceIndex) -> str:
    """Each file's mark replaced by the number of its places the pack cites, or by "Not cited": a
    document read that contributed nothing stands out."""

    def words(m: re.Match[str]) -> str:
        places = sources.places_in(Markup(m.group(1).replace("&#45;&#45;", "--")).unescape())
        return (
            f"Cited in {places} place{'s' if places != 1 else ''}" if places else "<strong>Not cited</strong>"
        )

    return _USED_MARK.sub(words, html)
