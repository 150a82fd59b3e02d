"""What tells apart two stated totals of one document that print the same label.

Kent's budget templates print "TOTAL CONTRIBUTIONS TO RESERVES" twice, one over core-funded lines
and one over externally funded ones: only the column the lines sit under ("Core or Externally
Funded": "Core", "External"), or the section heading above them, says which. A total's words are
the nearest section heading its rows sit under where that differs between the totals of the same
label, else the heading and value of the first column in which each total's lines all print one
value, a different one for each total (words, not figures). A total whose label is its
document's only one of that wording needs none.
"""

from __future__ import annotations

from collections import Counter, defaultdict

from extract.tables.rows import Row
from extract.verify.groups import covered


def total_sections(rows: list[Row]) -> dict[str, str]:
    """The distinguishing words of each total row that shares its label with another, by its
    locator."""
    by_label: dict[str, list[tuple[Row, list[Row]]]] = defaultdict(list)
    for total, scope, _ in covered(rows):
        if scope:
            by_label[total.first_text.strip().lower()].append((total, scope))
    groups = [same for same in by_label.values() if len(same) > 1]
    candidates = [_telling_columns(same) for same in groups]
    # The column that tells the most of the document's totals apart is preferred where several
    # would (a "Core or Externally Funded" column over a description two totals happen to share).
    telling = Counter(heading for found in candidates for heading in found)
    out: dict[str, str] = {}
    for same, found in zip(groups, candidates, strict=True):
        sections = [total.section for total, _ in same]
        if all(sections) and len(set(sections)) == len(same):
            out |= {total.provenance.locator: total.section for total, _ in same}
        elif found:
            heading = max(found, key=lambda h: telling[h])  # the first of the best, left to right
            out |= {
                total.provenance.locator: words
                for (total, _), words in zip(same, found[heading], strict=True)
            }
    return out


def _telling_columns(same: list[tuple[Row, list[Row]]]) -> dict[str, list[str]]:
    """Each column (by heading, left to right) that tells the totals apart: every total's lines
    print one value there, a different one for each; with each total's words ("heading: value")."""
    out: dict[str, list[str]] = {}
    for column in same[0][0].layout.columns:
        values = [_shared(scope, column.index) for _, scope in same]
        heading = column.text.strip()
        if heading and all(values) and len(set(values)) == len(same):
            out[heading] = [f"{heading}: {value}" for value in values]
    return out


def _shared(scope: list[Row], index: int) -> str | None:
    """The one words every line under a total prints in a column where no line prints a figure;
    None where they differ or any is blank."""
    if any(index in line.amounts for line in scope):
        return None
    values = {_cell(line, index) for line in scope}
    return values.pop() if len(values) == 1 and "" not in values else None


def _cell(row: Row, index: int) -> str:
    return row.cells[index].strip() if index < len(row.cells) else ""
