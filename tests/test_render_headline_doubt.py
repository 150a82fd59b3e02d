"""A children's headline its table's lines contradict is never shown bare: wherever the pack, the
deck or the workbook shows its forecast or variance, or a figure worked out from them (its share of
budget, the drivers' base, a line of enquiry's stake), the words that it is in doubt stand beside
it (once a sentence: a total a check supports is "as reported", said once; a later figure in the
same sentence says nothing more). A headline card's big
figure is shown bare, its doubt said in the first sentence of the card's detail beside it, which
prints the figure again. Which is wrong, the total or a line, is said only where a check takes the
total's side."""

from __future__ import annotations

import io
import re

from domain_tables import document, table
from lxml import html as lxml_html
from openpyxl import load_workbook
from pptx import Presentation
from refs_check import shape_tags

from analyse.review import build_review
from extract.domain.from_tables import records_from_tables
from extract.records import Extraction, Figure, FigureUnit
from render.data import render_xlsx
from render.deck import CARD_DETAIL, CARD_FIGURE, render_pptx
from render.findings import headline_findings
from render.pack import pack_html

HEAD = ["Service", "Budget £000", "Forecast £000", "Variance £000"]
LINES = [
    ["Looked after children – residential placements", "38,400", "43,450", "5,050"],
    ["Children's social work teams", "20,000", "21,000", "1,000"],
]
# Its own row adds up (58,400 + 6,300 = 64,700); its lines add to 64,450 and 6,050.
TOTAL = ["Total Children's Services", "58,400", "64,700", "6,300"]
ADULTS = [
    ["Older people", "100,000", "103,000", "3,000"],
    ["Total Adult Social Care", "100,000", "103,000", "3,000"],
]
COUNCIL = ["COUNCIL TOTAL", "158,400", "167,700", "9,300"]  # the directorate totals add to it
# The grand total takes the total's side: it is as reported, its lines the likelier error, said once
# a sentence (render.refs.doubt_once).
IN_DOUBT = "(as reported"
# Where the headline's figures, and those worked out from them, are held in review.json.
STANDING_ON_IT = re.compile(
    r"review\.json#/(position/children_services/(forecast|variance)_gbp"
    r"|derived/children_variance_share|diagnostic/variance_base_gbp|lines_of_enquiry/\d+/amount_gbp)$"
)


BLOCKS = {"p", "li", "td", "th", "caption", "dd", "dt", "figcaption"}


def _said_in_its_sentence(figure: str, text: str) -> bool:
    """The note is printed with the figure, or earlier in the figure's sentence (said once)."""
    sentences = re.split(r"(?<=[.?]) ", " ".join(text.split()))
    return any(
        figure in s and IN_DOUBT in s[: s.index(figure) + len(figure) + len(IN_DOUBT) + 1] for s in sentences
    )


def _extraction() -> Extraction:
    rows = [HEAD, *LINES, TOTAL, *ADULTS, COUNCIL]
    return Extraction(budget_lines=records_from_tables([table(rows, unit="£000")], document()).budget_lines)


def _headline_refs(refs: str, review: dict) -> bool:
    """Whether a figure's refs name the headline or a figure worked out from it (an enquiry's
    stake only where it is the headline's variance)."""
    for ref in refs.split():
        if STANDING_ON_IT.search(ref):
            if "lines_of_enquiry" not in ref:
                return True
            index = int(ref.split("/")[2])
            return (
                review["lines_of_enquiry"][index]["amount_gbp"]
                == review["position"]["children_services"]["variance_gbp"]
            )
    return False


def test_every_figure_standing_on_a_contradicted_headline_carries_its_doubt_in_pack_deck_and_workbook() -> (
    None
):
    extraction = _extraction()
    review = build_review(extraction)
    assert review.position.children_services.variance_gbp == 6.3e6  # it headlines, its lines short
    as_json = review.model_dump(mode="json")

    page = lxml_html.fromstring(pack_html(review, extraction))
    shown = [e for e in page.xpath("//*[@data-ref]") if _headline_refs(e.get("data-ref"), as_json)]
    assert len(shown) >= 5  # the card, its detail, the budget section and its table, the enquiry
    for element in shown:
        if element.getparent().get("class") == "figure":  # a card's big figure: its detail says it
            assert IN_DOUBT not in element.getparent().text_content()
            detail = element.getparent().getnext().find("p").text_content()
            assert f"{element.text_content()} {IN_DOUBT}" in detail.split(". ")[0], detail
            continue
        block = next(a for a in element.iterancestors() if a.tag in BLOCKS)
        assert _said_in_its_sentence(element.text_content(), block.text_content()), (
            element.get("data-ref"),
            block.text_content(),
        )

    deck = Presentation(io.BytesIO(render_pptx(review, extraction)))
    in_deck = 0
    for shapes in ([*slide.shapes] for slide in deck.slides):
        for n, shape in enumerate(shapes):
            text = " ".join(shape.text_frame.text.split()) if shape.has_text_frame else ""
            if shape.has_table:
                text = " ".join(" ".join(c.text.split()) for r in shape.table.rows for c in r.cells)
            for tagged in shape_tags(shape):
                if _headline_refs(tagged["ref"], as_json):
                    in_deck += 1
                    assert not shape.has_chart, "a chart's label cannot carry the words"
                    if shape.name == CARD_FIGURE:  # shown bare, its doubt in the detail's first sentence
                        detail = next(s for s in shapes[n:] if s.name == CARD_DETAIL)
                        assert text == tagged["text"], text
                        lead = detail.text_frame.text.split(". ")[0]
                        assert f"{tagged['text']} {IN_DOUBT}" in lead, (tagged, lead)
                        continue
                    assert _said_in_its_sentence(tagged["text"], text), (tagged, text)
    assert in_deck >= 3  # the summary card, the budget slide, the lines of enquiry

    sheet = load_workbook(io.BytesIO(render_xlsx(review, extraction)))["Budget lines"]
    header = [c.value for c in sheet[1]]
    rows = {r[0]: dict(zip(header, r, strict=True)) for r in sheet.iter_rows(min_row=2, values_only=True)}
    why = rows[TOTAL[0]]["Why in doubt"] or ""
    assert why.startswith("The children's headline, marked in doubt") and "do not add up to it" in why
    assert not rows[LINES[0][0]]["Why in doubt"]


def _said(review) -> str:
    return " ".join(f"{f.title} {f.figure} {f.detail}" for f in headline_findings(review))


def test_a_line_is_said_the_likelier_error_only_where_the_grand_total_takes_the_totals_side() -> None:
    # The directorate totals add to the council's: that check, named, takes the total's side.
    review = build_review(_extraction())
    said = _said(review)
    assert (
        "A line is the likelier error, since it adds with the other totals into the table's grand total"
        in said
    )
    assert "no other check says which" not in said.lower()
    total = next(r for r in review.rows_doubted if r.label == TOTAL[0])
    assert "with the other lines, sums to the stated total' holds" in total.doubt

    # Only the report's text holds it up (no council total): it restates the table, so it takes
    # no side, and the pack says either the total or a line is wrong.
    rows = [HEAD[:3], *(r[:3] for r in LINES), TOTAL[:3]]
    lines = records_from_tables([table(rows, unit="£000")], document()).budget_lines
    prose = Figure(
        value=6.3e6,
        unit=FigureUnit.GBP,
        label="overspend",
        text="Children's Services forecast an overspend of £6.3m.",
        provenance=[lines[-1].provenance[0]],
    )
    review = build_review(Extraction(budget_lines=lines, figures=[prose]))
    said = _said(review)
    assert review.position.children_services.variance_gbp == 6.3e6
    assert "No other check says which is wrong, the total or a line: ask which." in said
    assert "likelier" not in said
    total = next(r for r in review.rows_doubted if r.label == TOTAL[0])
    assert "either this total or a line under it is wrong" in total.doubt
