"""The pack's user-agent stylesheet: WeasyPrint's own, less the pseudo-elements the pack never makes.

WeasyPrint's sheet styles `::marker`, `::footnote-call`, `::footnote-marker`, `::note-call`,
`::note-marker` and `::note-callback` on every element, and it computes all six styles for each of
the pack's six thousand elements (36,000 styles, of which the pack uses a few dozen markers): a
seventh of the time to lay the pack out. The pack has no footnotes or notes and only <li> are list
items, so this sheet drops the note rules and gives `::marker` to <li> alone. Where WeasyPrint's
sheet does not hold those rules as written here (another version), the pack uses it unchanged.
"""

from __future__ import annotations

from functools import cache
from importlib import resources

from weasyprint import CSS, HTML

# each rule of WeasyPrint's sheet that the pack's changes, and what it becomes ("" drops it)
CHANGES = {
    "::marker {": "li::marker {",
    "::footnote-call {": "",
    "::footnote-marker {": "",
    "::note-call {": "",
    "::note-marker {": "",
    "::note-callback {": "",
}


def pack_rules(stock: str) -> str | None:
    """WeasyPrint's sheet with CHANGES made, or None where a rule is not there to change."""
    lines = stock.splitlines()
    found = {start for start in CHANGES for line in lines if line.startswith(start)}
    if found != set(CHANGES):
        return None
    kept = []
    for line in lines:
        start = next((s for s in CHANGES if line.startswith(s)), None)
        if start is None:
            kept.append(line)
        elif CHANGES[start]:
            kept.append(CHANGES[start] + line[len(start) :])
    return "\n".join(kept)


@cache
def pack_stylesheet() -> CSS | None:
    """The pack's sheet, or None where this WeasyPrint's own is not as `pack_rules` expects."""
    import weasyprint.css

    try:
        from weasyprint.html import UA_COUNTER_STYLE  # as WeasyPrint builds its own sheet

        stock = (resources.files(weasyprint.css) / "html5_ua.css").read_text("utf-8")
    except (ImportError, OSError):
        return None
    rules = pack_rules(stock)
    return None if rules is None else CSS(string=rules, counter_style=UA_COUNTER_STYLE)


class PackHTML(HTML):
    """An HTML document laid out with the pack's user-agent stylesheet (forms keep WeasyPrint's)."""

    def _ua_stylesheets(self, forms: bool = False) -> list[CSS]:
        sheet = pack_stylesheet()
        if forms or sheet is None:
            return list(super()._ua_stylesheets(forms))
        return [sheet]
