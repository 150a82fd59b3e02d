"""The browser tests' accessibility checks: axe-core's rules, and a page that fits a phone.

axe.min.js is the copy of axe-core that the axe-playwright-python package ships (a test
dependency in pyproject.toml, installed by pip with the rest of `.[test]`): nothing is
downloaded when the tests run, and the version is the package's pinned one.
"""

from __future__ import annotations

from functools import cache
from importlib.resources import files
from typing import Any

# WCAG 2.2 A and AA, and axe's best practices (one h1, unique landmarks, named table headers...).
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]
PHONE = {"width": 390, "height": 844}


@cache
def axe_script() -> str:
    return files("axe_playwright_python").joinpath("axe.min.js").read_text(encoding="utf-8")


def axe_violations(page: Any) -> list[str]:
    """Each rule the page breaks, with its impact and the elements at fault."""
    if not page.evaluate("() => typeof window.axe === 'object'"):
        page.evaluate(axe_script())
    result = page.evaluate(
        "async (tags) => await axe.run(document, {runOnly: {type: 'tag', values: tags}})", AXE_TAGS
    )
    return [
        f"{v['id']} ({v['impact']}): {v['help']} at "
        + "; ".join(" ".join(map(str, n["target"])) for n in v["nodes"][:4])
        for v in result["violations"]
    ]


def overflow_px(page: Any) -> int:
    """How far the page is wider than the window (0 when nothing sticks out sideways)."""
    return int(
        page.evaluate("() => document.documentElement.scrollWidth - document.documentElement.clientWidth")
    )
