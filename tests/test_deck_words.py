"""A feedback deck is read on a screen: a repeated caveat is said once, documents go by short
names (the pack's sources appendix has the full ones), and a card's detail past a screenful of
words gives way to the pack at a whole sentence. The pack's DSG section says where the children's
budget build carries ring-fenced DSG lines, with their amounts.

Kent's bundle names its files "kent_cabinet_2025-01-30_<paper>.pdf"; its Appendix F p.10 lists the
"Dedicated Schools Grant (DSG) anticipated in year deficit" (£23.9m in 2025-26) in CYPE's growth."""

from __future__ import annotations

import io
import re
from pathlib import Path

from pptx import Presentation

from analyse.records import DsgItem, MissingDocument, Scope
from extract.records import PeriodAmount, PlanLine
from render.deck import CARD_DETAIL_WORDS, MORE_IN_PACK, _card_detail, render_pptx
from render.findings import Finding
from render.pack import pack_html
from render.sources import SourceIndex
from render.views import short_names
from tests.render_samples import MTFP, YEARS, prov, sample, sample_review

EXAMPLE = [
    "Cabinet minutes 2025-09.pdf",
    "Cabinet 2025-11-06 Revenue budget monitoring Q2 2025-26.pdf",
    "Wyvern MTFP 2025-28.pdf",
]


def test_a_file_goes_by_its_name_less_the_bundles_dated_naming_scheme(kent_dir: Path) -> None:
    files = sorted(p.name for p in kent_dir.glob("*.pdf"))
    names = short_names(files)
    assert names["kent_cabinet_2025-01-30_appendixD_MTFP.pdf"] == "appendixD MTFP"
    assert (
        names["kent_cabinet_2025-01-30_draft_revenue_budget_2025-26_MTFP_2025-28.pdf"]
        == "draft revenue budget 2025-26 MTFP 2025-28"
    )
    # shares only "kent" with the others, no date: its own name stays whole
    assert names["kent_council_2025-03-13_family_hubs_callin_report.pdf"] == (
        "kent council 2025-03-13 family hubs callin report"
    )
    assert len(set(names.values())) == len(files)  # still one name a document


def test_words_shared_without_a_date_are_kept() -> None:
    assert short_names(EXAMPLE) == {
        "Cabinet minutes 2025-09.pdf": "Cabinet minutes 2025-09",
        "Cabinet 2025-11-06 Revenue budget monitoring Q2 2025-26.pdf": (
            "Cabinet 2025-11-06 Revenue budget monitoring Q2 2025-26"
        ),
        "Wyvern MTFP 2025-28.pdf": "Wyvern MTFP 2025-28",
    }


def _long_finding() -> Finding:
    first = "The council plans £4.0m of savings in 2025-26 across twelve lines of the plan."
    rest = " The tracker rates three of them red, and the plan counts cost avoidance as savings."
    return Finding("Savings", "£4.0m", (first, *[rest] * 4), [prov(MTFP, 3, "table 1, row 2", "")])


def test_a_cards_detail_past_a_screenful_of_words_gives_way_to_the_pack_at_a_sentence() -> None:
    sources = SourceIndex()
    big = 10**8  # a box large enough that only the words limit the detail
    parts = _card_detail(_long_finding(), sources, big, big)
    said = "".join(str(p) for p in parts[:-1])
    assert said.endswith(MORE_IN_PACK) and len(said.split()) <= CARD_DETAIL_WORDS
    assert said.startswith("The council plans £4.0m of savings in 2025-26")
    assert said.count(".") >= 3  # whole sentences, as many as the limit holds
    short = Finding("Savings", "£4.0m", ("The council plans £4.0m of savings.",), [])
    assert MORE_IN_PACK not in "".join(str(p) for p in _card_detail(short, sources, big, big))


def _next_steps(review, extraction) -> str:  # type: ignore[no-untyped-def]
    deck = Presentation(io.BytesIO(render_pptx(review, extraction)))
    slide = next(
        s
        for s in deck.slides
        if any(sh.has_text_frame and sh.text_frame.text == "Next steps" for sh in s.shapes)
    )
    return "\n".join(sh.text_frame.text for sh in slide.shapes if sh.has_text_frame)


def test_next_steps_group_the_cited_documents_under_the_source_citing_them() -> None:
    review, extraction = sample()
    citing = "northmoor_cabinet_2025-01-30_draft_budget.pdf"
    where = prov(citing, 9, "paragraph 2", "see Appendix G and Appendix H")
    missing = [
        MissingDocument(name="budget monitoring report", why="requested"),
        MissingDocument(name="Appendix G", why="cited", provenance=[where]),
        MissingDocument(name="Appendix H", why="cited", provenance=[where]),
    ]
    docs = [
        review.documents[0].model_copy(update={"file": citing}),
        review.documents[0].model_copy(update={"file": "northmoor_cabinet_2025-01-30_appendixD_MTFP.pdf"}),
    ]
    review = review.model_copy(
        update={
            "documents": docs,
            "documents_missing": missing,
            "missing_documents": [m.label for m in missing],
        }
    )
    text = _next_steps(review, extraction)
    said = re.search(
        r"Request the documents not supplied: budget monitoring report; Appendix G, Appendix H \[S\d+\]\.",
        text,
    )
    assert said, text
    assert citing not in text and "draft budget" not in text


def _dsg_pressure() -> PlanLine:
    title = "Dedicated Schools Grant (DSG) anticipated in year deficit"
    return PlanLine(
        title=title,
        category="Growth",
        directorate="Children, Young People and Families",
        planned=[
            PeriodAmount(period=YEARS[0], amount_gbp=23.9e6),
            PeriodAmount(period=YEARS[1], amount_gbp=-15.6e6),
        ],
        provenance=[prov(MTFP, 10, "table 4, row 9", f"{title} 23,900 -15,600")],
    )


def _dsg_intro(html: str) -> str:
    section = html[html.index('<section id="dsg">') :]
    note = section[section.index('<p class="note">') : section.index("</p>")]
    return " ".join(re.sub(r"<[^>]+>", "", note).split())


def test_the_dsg_section_names_the_dsg_lines_the_childrens_build_carries() -> None:
    _, extraction = sample()
    carried = extraction.model_copy(update={"pressures": [*extraction.pressures, _dsg_pressure()]})
    review = sample_review(carried)
    assert any(r.scope is Scope.DSG_HIGH_NEEDS for r in review.selection.pressures.rows)
    said = _dsg_intro(pack_html(review, carried))
    assert "sits outside" not in said and "sit outside" not in said
    assert re.search(
        # each a change on the budget the year before (Kent p8's "-£15.6m" is a smaller deficit)
        r"the children's budget build carries DSG lines in its growth and budget, each a change on the year"
        r" before: “Dedicated Schools Grant "
        rf"\(DSG\) anticipated in year deficit” £23\.9m in {YEARS[0]}, -£15\.6m in {YEARS[1]} \[S\d+\]",
        said,
    ), said
    plain = _dsg_intro(pack_html(*sample()))
    assert "outside the children's revenue position" in plain and "build carries" not in plain


def test_the_dsg_section_says_the_deficit_is_apart_from_the_general_fund_only_while_the_override_lasts() -> (
    None
):
    # Wyvern p.7 said "not the General Fund's to meet" before a quote saying it falls on the general
    # fund after March 2028: it is held apart while the override lasts, to its stated end.
    review, extraction = sample()
    text = (
        "The deficit is held in an unusable reserve under the statutory override, which runs to March 2028."
    )
    end = DsgItem(words="March 2028", text=text, provenance=[prov(MTFP, 7, "paragraph 13", text)])
    review = review.model_copy(update={"dsg": review.dsg.model_copy(update={"override_end": end})})
    said = _dsg_intro(pack_html(review, extraction))
    assert "not the General Fund's to meet" not in said
    assert re.search(
        rf"ring-fenced: while the statutory override lasts \(to {re.escape(end.words)} \[S\d+\]\), its High Needs"
        r" block's overspend and deficit are held apart from the General Fund",
        said,
    ), said
    gone = review.model_copy(update={"dsg": review.dsg.model_copy(update={"override_end": None})})
    assert "while the statutory override lasts, its High Needs" in _dsg_intro(pack_html(gone, extraction))
