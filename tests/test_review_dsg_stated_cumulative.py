"""The cumulative DSG deficit stated in prose, at a date: read as the cumulative deficit, the
latest dated as the position and the earlier as its history, each with its page; a year's deficit in
the same sentence never taken for it.

Ashdown Vale's recovery plan (a tester's fictional bundle): "The Council holds a cumulative DSG
deficit, arising wholly in the High Needs Block, of £38.6m at 31 March 2025." and "The in-year high
needs deficit for 2025/26 is forecast at £14.2m, which would bring the cumulative deficit to £52.8m
at 31 March 2026." The pack said the cumulative deficit was not in the documents.
"""

from __future__ import annotations

import re

import pytest

from analyse.derived import with_derived
from analyse.dsg import NOT_GIVEN, cumulative_deficit, dsg_position
from analyse.reserves import reserves
from analyse.scope import scope_index
from extract.prose import figures_from_passages
from extract.records import Extraction, Passage, Provenance
from render.pack import pack_html
from tests.render_samples import sample
from tests.review_builders import YEAR

PLAN = "Childrens Sufficiency and Recovery Plan.docx"
ASHDOWN = (
    "The Council holds a cumulative DSG deficit, arising wholly in the High Needs Block, of £38.6m at "
    "31 March 2025. The in-year high needs deficit for 2025/26 is forecast at £14.2m, which would bring "
    "the cumulative deficit to £52.8m at 31 March 2026."
)
# Another council's words: brought and carried forward, the year's overspend between them.
OTHER = (
    "The deficit brought forward on the Dedicated Schools Grant was £21.3m at 31 March 2024. After the "
    "High Needs overspend of £6.0m in the year, the deficit carried forward at 31 March 2025 is estimated "
    "at £27.3m."
)
# A third: one sentence moving the accumulated deficit from one year end's sum to the next's.
MOVED = (
    "Without further action the Council's accumulated High Needs deficit is projected to rise from "
    "£12.45m at 31 March 2025 to £19.90m at 31 March 2026."
)


def _extraction(text: str) -> Extraction:
    where = Provenance(file=PLAN, sha256="ab" * 32, page=None, bbox=None, locator="paragraph 11", text=text)
    passages = [Passage(text=text, provenance=[where])]
    return Extraction(documents=[], passages=passages, figures=figures_from_passages(passages))


def _dsg(extraction: Extraction):  # type: ignore[no-untyped-def]
    return dsg_position(extraction, scope_index(extraction), YEAR, reserves(extraction))


@pytest.mark.parametrize(
    ("text", "position", "at", "earlier", "earlier_at"),
    [
        (ASHDOWN, 52.8e6, "31 March 2026", 38.6e6, "31 March 2025"),
        (OTHER, 27.3e6, "31 March 2025", 21.3e6, "31 March 2024"),
        (MOVED, 19.9e6, "31 March 2026", 12.45e6, "31 March 2025"),
    ],
)
def test_the_latest_dated_cumulative_deficit_is_the_position_the_earlier_its_history(
    text: str, position: float, at: str, earlier: float, earlier_at: str
) -> None:
    dsg = _dsg(_extraction(text))
    deficit = dsg.cumulative_deficit
    assert deficit is not None and deficit.amount_gbp == position and deficit.words == at
    assert deficit.provenance[0].file == PLAN and deficit.provenance[0].locator == "paragraph 11"
    assert [(h.amount_gbp, h.words) for h in dsg.cumulative_history] == [(earlier, earlier_at)]
    assert NOT_GIVEN["cumulative_deficit"] not in dsg.not_found


def test_the_years_deficit_beside_it_stays_the_years() -> None:
    dsg = _dsg(_extraction(ASHDOWN))
    assert [(i.amount_gbp, i.year) for i in dsg.in_year] == [(14.2e6, "2025-26")]
    assert 14.2e6 not in {dsg.cumulative_deficit.amount_gbp, *(h.amount_gbp for h in dsg.cumulative_history)}


@pytest.mark.parametrize(
    "text",
    [
        # a change in the cumulative deficit, not its level
        "Overspending on High Needs will increase the cumulative DSG deficit by £9.0m in 2025-26.",
        # the year's deficit, the cumulative one named but not stated
        "The in-year DSG deficit of £9.0m adds to the cumulative deficit.",
        "The High Needs block's in-year deficit, which adds to the cumulative deficit, is £9.0m.",
    ],
)
def test_a_change_in_it_or_the_years_deficit_is_not_the_cumulative_deficit(text: str) -> None:
    carried, _ = cumulative_deficit(_extraction(text).figures)
    assert carried is None


def test_the_pack_shows_the_history_beside_the_position() -> None:
    review, extraction = sample()
    review = with_derived(review.model_copy(update={"dsg": _dsg(_extraction(ASHDOWN))}))
    text = re.sub(r"<[^>]+>", "", pack_html(review, extraction))
    assert "Cumulative DSG deficit£52.8m (forecast) at 31 March 2026" in text
    assert "Earlier, £38.6m at 31 March 2025" in text
