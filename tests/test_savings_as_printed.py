"""A savings tracker as the workbook and pack show it: the rating in the tracker's own words beside
the rating read from them, money in a reason's words to the places the table printed it, and a
saving whose sign was dropped to make the table add up said to be so."""

from __future__ import annotations

import io

from domain_tables import document, table
from lxml import html as lxml_html
from openpyxl import load_workbook

from analyse.review import build_review
from extract.domain.from_tables import records_from_tables
from extract.records import Extraction
from render.data import render_xlsx
from render.pack import pack_html

# One directorate's savings printed negative, the others positive; the stated total adds them all
# as positives (1,250 + 450 + 900 = 2,600; signed, they would add to 1,700).
TRACKER = [
    ["Ref", "Saving", "Target £000", "Forecast £000", "RAG"],
    ["CYP-01", "Placements step-down", "1,250", "600", "Dark Amber"],
    ["ASC-01", "Reablement", "-450", "-450", "Green"],
    ["CYP-02", "Fostering recruitment", "900", "450", "Amber"],
    ["", "Total", "2,600", "1,500", ""],
]


def _extraction(rows: list[list[str]]) -> Extraction:
    return Extraction(savings=records_from_tables([table(rows)], document()).savings)


def test_a_reasons_money_keeps_the_places_the_table_printed() -> None:
    first, _, third = _extraction(TRACKER).savings
    said = {r.code: r.evidence for r in first.risk_reasons}
    assert said["forecast_below_target"] == "forecast £0.6m against target £1.25m"
    said = {r.code: r.evidence for r in third.risk_reasons}
    assert said["forecast_below_target"] == "forecast £0.45m against target £0.9m"


def test_only_the_saving_whose_sign_was_dropped_to_make_the_total_add_up_is_marked() -> None:
    savings = _extraction(TRACKER).savings
    assert [s.target_gbp for s in savings] == [1_250_000.0, 450_000.0, 900_000.0]
    assert [s.signs_normalised for s in savings] == [False, True, False]
    # A tracker that writes every saving negative has one convention, not a sign dropped to add up.
    negative = [TRACKER[0], *([r[0], r[1], f"-{r[2]}", f"-{r[3]}", r[4]] for r in TRACKER[1:2])]
    assert [s.signs_normalised for s in _extraction(negative).savings] == [False]


def test_the_workbook_and_pack_keep_the_trackers_words_and_say_which_sign_was_dropped() -> None:
    extraction = _extraction(TRACKER)
    review = build_review(extraction)
    sheet = load_workbook(io.BytesIO(render_xlsx(review, extraction)))["Savings"]
    header = [c.value for c in sheet[1]]
    rows = {r[0]: dict(zip(header, r, strict=True)) for r in sheet.iter_rows(min_row=2, values_only=True)}
    assert rows["CYP-01"]["RAG"] == "Dark Amber"  # the tracker's rating, not the colour it is read as
    assert "£1.25m" in rows["CYP-01"]["Risk reasons"]
    assert rows["ASC-01"]["Sign"].startswith("printed with the opposite sign")
    assert not rows["CYP-01"]["Sign"] and not rows["CYP-02"]["Sign"]

    quality = lxml_html.fromstring(pack_html(review, extraction)).get_element_by_id("quality")
    said = " ".join(quality.text_content().split())
    assert "Signs normalised" in said and "Reablement (ASC-01)" in said
    assert "Placements step-down" not in said.split("Signs normalised")[1].split("Figures stated")[0]
