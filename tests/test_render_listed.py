"""Lists of records' titles in the pack: two records sharing a title are told apart by their own
reference, year or amount (render.views.listed)."""

from __future__ import annotations

import re

from analyse.records import SavingJudgement, Scope
from extract.records import Provenance
from render.pack import pack_html
from render.refs import Figures
from render.views import listed
from tests.refs_check import problems
from tests.render_samples import sample

TRAVEL = "Kent 16+ Travel Saver"


def _judged(title: str, target: float, period: str = "2025-26", ref: str | None = None) -> SavingJudgement:
    where = Provenance(file="f.pdf", sha256="0" * 64, page=14, bbox=None, locator="page 14", text=title)
    return SavingJudgement(
        ref=ref, title=title, scope=Scope.CHILDRENS_SOCIAL_CARE, period=period, target_gbp=target,
        verdict="no_concern", provenance=[where],
    )  # fmt: skip


def _said(items: list[SavingJudgement]) -> str:
    review, _ = sample()
    review = review.model_copy(update={"savings_judged": items})
    return "".join(str(p) for p in listed(review.savings_judged, Figures(review)))


def test_two_savings_sharing_a_title_are_told_apart_by_their_own_reference_year_or_amount() -> None:
    # Kent's "Nothing found against" list named "Kent 16+ Travel Saver" twice: the same year, no
    # reference, targets of £385.0k and £108.4k.
    same_year = [
        _judged(TRAVEL, 385_000.0),
        _judged("Looked After Children", 1e6),
        _judged(TRAVEL, 108_400.0),
    ]
    assert _said(same_year) == (f"{TRAVEL} (target £0.4m); Looked After Children; {TRAVEL} (target £0.1m)")
    years = [_judged(TRAVEL, 385_000.0, "2025-26"), _judged(TRAVEL, 385_000.0, "2026-27")]
    assert _said(years) == f"{TRAVEL} (2025-26); {TRAVEL} (2026-27)"
    refs = [_judged(TRAVEL, 385_000.0, ref="CY-1"), _judged(TRAVEL, 108_400.0, ref="CY-2")]
    assert _said(refs) == f"{TRAVEL} (CY-1); {TRAVEL} (CY-2)"
    # nothing of their own tells them apart: each is named as it is
    alike = [_judged(TRAVEL, 385_000.0), _judged(TRAVEL, 385_000.0)]
    assert _said(alike) == f"{TRAVEL}; {TRAVEL}"


def test_the_packs_list_of_savings_with_nothing_found_tells_apart_those_sharing_a_title() -> None:
    review, extraction = sample()
    items = [_judged(TRAVEL, 385_000.0), _judged(TRAVEL, 108_400.0)]
    review = review.model_copy(update={"savings_judged": items})
    page = pack_html(review, extraction)
    said = re.sub(r"<[^>]+>", "", page[page.index("Nothing found against") :].split("</p>")[0])
    assert said.endswith(f": {TRAVEL} (target £0.4m); {TRAVEL} (target £0.1m).")
    assert problems(page, review.model_dump(mode="json"), extraction.model_dump(mode="json")) == []
