"""Paragraphs of a page's prose: the text lines outside tables, grouped by spacing and size."""

from __future__ import annotations

from dataclasses import dataclass

from extract.pdf.settings import LAYOUT
from extract.pdf.words import Line

BBox = tuple[float, float, float, float]


@dataclass
class Paragraph:
    text: str
    bbox: BBox


def paragraphs(lines: list[Line], skip: set[int]) -> list[Paragraph]:
    """Lines not in `skip`, grouped into paragraphs top to bottom."""
    groups: list[list[Line]] = []
    for index, line in enumerate(lines):
        if index in skip:
            if groups and groups[-1]:
                groups.append([])
            continue
        if groups and groups[-1] and _same_paragraph(groups[-1][-1], line):
            groups[-1].append(line)
        else:
            groups.append([line])
    return [_paragraph(group) for group in groups if group]


def _same_paragraph(above: Line, line: Line) -> bool:
    """Close below and the same size; a bold heading line never runs into the text under it."""
    height = max(above.bottom - above.top, 1.0)
    size_changes = abs((line.bottom - line.top) - height) > LAYOUT.size_change * height
    return (
        not size_changes
        and above.bold == line.bold
        and line.top - above.bottom <= LAYOUT.paragraph_gap * height
    )


def _paragraph(group: list[Line]) -> Paragraph:
    text = ""
    for line in group:
        part = line.text
        if text.endswith("-") and part[:1].islower():
            text = text[:-1] + part  # a word hyphenated at the line end
        else:
            text = f"{text} {part}" if text else part
    box = (
        min(ln.x0 for ln in group),
        min(ln.top for ln in group),
        max(ln.x1 for ln in group),
        max(ln.bottom for ln in group),
    )
    return Paragraph(text, box)
