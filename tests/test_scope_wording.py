"""Where the children's scope spans more than one directorate or division (education and SEND apart),
the wording that would call a row or a total "the children's directorate" takes its words from the
scope instead: a sentence about one part is named as that part's row is; the savings at risk, the
pressures and the plan's lines are all the parts'; a later overspend of the children's row is that
row's own; a held-centrally budget comes to every part."""

from __future__ import annotations

import datetime
import io
import re
from html import unescape
from typing import Any

from pptx import Presentation

from analyse.enquiry import _later_forecast, held_lines
from analyse.records import (
    ChildrensScope,
    HeldCentrally,
    LaterForecast,
    Meeting,
    Money3,
    Position,
    Scope,
    ScopePart,
    ShortfallInForecast,
)
from analyse.scope import directorate_label, statement_label
from extract.records import Provenance
from render.deck import MTFP_NOTE, render_pptx
from render.findings import _inside_overspend, plan_later_words
from render.pack import pack_html
from render.refs import Figures
from tests.render_samples import sample

PROV = Provenance(file="report.pdf", sha256="ab" * 32, page=1, bbox=None, locator="page 1, row 3", text="x")
CSC, EDU = Scope.CHILDRENS_SOCIAL_CARE, Scope.EDUCATION_SEND_TRANSPORT
WORDS = "children's services (the Children and Families and Learning and Inclusion directorates)"


def _scope() -> ChildrensScope:
    return ChildrensScope(
        label=WORDS[:1].upper() + WORDS[1:],
        noun="directorates",
        parts=[
            ScopePart(
                name="Children and Families", scope=CSC, money=Money3(variance_gbp=6e6, provenance=[PROV])
            ),
            ScopePart(
                name="Learning and Inclusion", scope=EDU, money=Money3(variance_gbp=3e6, provenance=[PROV])
            ),
        ],
        total=Money3(budget_gbp=100e6, forecast_gbp=109e6, variance_gbp=9e6, provenance=[PROV]),
    )


def _position(apart: bool) -> Position:
    return Position(
        children_services=Money3(budget_gbp=80e6, forecast_gbp=86e6, variance_gbp=6e6, provenance=[PROV]),
        children_services_name="Children and Families",
        children_scope=_scope() if apart else None,
    )


def _text(parts: Any) -> str:
    return "".join(str(p) for p in parts)


def test_a_sentence_about_one_directorate_of_the_scope_is_named_as_its_row_is() -> None:
    said = "Children and Families directorate is forecasting an overspend of £6.0m."
    assert statement_label(said, CSC, apart=True) == directorate_label(None, True)
    assert "children's directorate" not in statement_label(said, CSC, apart=True)
    assert statement_label(said, CSC) == directorate_label(None)


def test_hallams_and_ashdowns_sentences_are_never_the_childrens_directorate_whole(
    hallam: Any, ashdown: Any
) -> None:
    for review, _ in (hallam, ashdown):
        labels = [s.label for s in review.selection.statements if s.label]
        assert labels and not any("children's directorate" in label for label in labels)


def test_a_later_overspend_of_the_childrens_row_is_that_rows_own_where_the_scope_spans_two() -> None:
    meeting = Meeting(
        body="Cabinet", date="6 November 2025", on=datetime.date(2025, 11, 6), provenance=[PROV]
    )
    later = LaterForecast(meeting=meeting, year="2025-26", amount_gbp=6e6, childrens=True, provenance=[PROV])
    for apart, whose in ((True, "Children and Families"), (False, "the children's directorate")):
        position = _position(apart).model_copy(update={"mtfp_later_forecast": later})
        [question] = _later_forecast(position)
        assert f"overspend forecast for {whose} in 2025-26" in question.question
        review, extraction = sample()
        review = review.model_copy(update={"position": position})
        words = _text(plan_later_words(review, Figures.of(review, extraction)))
        assert f"overspend for {whose} in 2025-26" in words


def test_a_held_centrally_budget_comes_to_every_part_of_the_scope() -> None:
    held = HeldCentrally(name="CHB", period="2025-26", budget_gbp=12e6, provenance=[PROV])
    [split] = held_lines([held], "Children and Families", WORDS)
    assert f"will come to {WORDS}, and when?" in split.question
    assert "apart from Children and Families's own" in split.because
    [whole] = held_lines([held], "CYPE")
    assert "will come to CYPE, and when?" in whole.question


def test_the_savings_at_risk_of_every_part_are_inside_the_parts_summed_overspend() -> None:
    review, extraction = sample()
    st = ShortfallInForecast(
        amount_gbp=2e6,
        included=True,
        scope=CSC,
        holds_childrens=True,
        text="in the forecast",
        provenance=[PROV],
    )
    summary = review.savings_summary.model_copy(update={"at_risk_gbp": 2e6})
    for apart, said in (
        (True, f"£9.0m overspend forecast for {WORDS} (derived), not"),
        (False, "£6.0m overspend forecast for the children's directorate, not"),
    ):
        changed = review.model_copy(update={"position": _position(apart), "savings_summary": summary})
        words = _text(_inside_overspend(changed, st, Figures.of(changed, extraction)))
        assert said in words, words


def test_the_pressures_slide_and_the_plan_share_name_the_scope_where_it_spans_two() -> None:
    review, extraction = sample()
    position = review.position.model_copy(update={"children_scope": _scope()})
    changed = review.model_copy(update={"position": position})
    deck = Presentation(io.BytesIO(render_pptx(changed, extraction)))
    texts = [(s, "\n".join(sh.text_frame.text for sh in s.shapes if sh.has_text_frame)) for s in deck.slides]
    [(slide, text)] = [(s, t) for s, t in texts if t.startswith("Pressures and the medium-term gap")]
    assert f"Pressures and savings are the lines of {WORDS}" in text and MTFP_NOTE not in text
    notes = slide.notes_slide.notes_text_frame.text
    assert f"the totals of the lines of {WORDS}" in notes
    html = " ".join(unescape(re.sub(r"<[^>]+>", "", pack_html(changed, extraction))).split())
    assert review.selection.plan_shares
    assert f"The part of the plan of {WORDS} by year" in html
    assert "The children's directorate's part of the plan" not in html
