"""The executive summary keeps to its page by design (render.summary_fit): the cards that fit it,
first by rank, the caveats on the evidence always among them, and a note naming each card left
out with the section that holds it. Kent's pack ran its seventh card onto a second page."""

from __future__ import annotations

import io
from typing import Any

import pdfplumber
import pytest

from analyse.review import build_review
from extract.records import Extraction
from render import pack
from render.findings import Finding, headline_findings
from render.summary_fit import card_height, summary_cards
from tests.review_builders import budget

DETAIL = (
    "Spend on adoption and special guardianship allowances rose for the third year running, and the"
    " quarter's report puts the rise down to more carers taking up the enhanced rate agreed by the"
    " Corporate Parenting Board, though it does not say how many carers take it up, whether the rate"
    " is reviewed each year, or what it would cost were the take-up to keep rising."
)
SECTIONS = ["budget", "dsg", "savings", "mtfp", "benchmarking", "drivers", "budget", "savings"]


# the places the cards cite: rows of a report the extraction holds, so the sources appendix quotes them
EXTRACTION = Extraction(
    budget_lines=[
        budget(f"Allowances, area {n + 1}", "service_line", 1e6, 2e6) for n in range(len(SECTIONS) + 1)
    ]
)


def long_cards() -> list[Finding]:
    """Nine cards as long as the summary prints them (a title, a figure, a detail of some sixty
    words, cited), in another council's words; the caveats on the evidence last."""
    cited = [b.provenance for b in EXTRACTION.budget_lines]
    cards = [
        Finding(
            f"Allowances for carers, area {n + 1}: rising for the third year",
            f"£{n + 2}.4m",
            (f"Allowances of £{n + 2}.4m forecast for the year: ", DETAIL),
            cited[n],
            section=section,
        )
        for n, section in enumerate(SECTIONS)
    ]
    caveats = Finding(
        "Caveats on the evidence", "3 issues", ("3 issues: " + DETAIL,), cited[-1], section="quality"
    )
    return [*cards, caveats]


def summary_pages(pdf: bytes) -> list[str]:
    """The text of each page whose running head names the executive summary."""
    with pdfplumber.open(io.BytesIO(pdf)) as doc:
        texts = [page.extract_text() or "" for page in doc.pages]
    return [t for t in texts if t.splitlines() and t.splitlines()[0].rstrip().endswith("Executive summary")]


@pytest.fixture
def empty_review() -> Any:
    return build_review(Extraction())


def test_a_summary_of_long_cards_keeps_to_its_page_and_names_the_rest_with_their_sections(
    monkeypatch: pytest.MonkeyPatch, empty_review: Any
) -> None:
    cards = long_cards()
    monkeypatch.setattr(pack, "headline_findings", lambda review, figs: cards)
    pages = summary_pages(pack.render_pdf(empty_review, EXTRACTION))
    assert len(pages) == 1  # one page: without the fit, nine such cards take two
    shown, left = summary_cards(cards)
    assert left and shown[-1].title == "Caveats on the evidence"  # the caveats kept, last
    assert shown[:-1] == cards[: len(shown) - 1]  # the first by rank, in rank order
    page = " ".join(pages[0].split())
    assert "Caveats on the evidence" in page
    for f in left:  # each card left out is named with the section that holds it
        assert f.title not in page.split("Further findings")[0]
    assert "Further findings, left out of this summary" in page
    html = pack.pack_html(empty_review, EXTRACTION)
    note = html[html.index('class="note further"') :]
    note = note[: note.index("</p>")]
    assert all(f.title in note and f'href="#{f.section}"' in note for f in left)


def test_cards_that_fit_are_all_shown_with_no_note(
    monkeypatch: pytest.MonkeyPatch, empty_review: Any
) -> None:
    cards = long_cards()[-4:]
    assert summary_cards(cards) == (cards, [])
    monkeypatch.setattr(pack, "headline_findings", lambda review, figs: cards)
    assert "Further findings" not in pack.pack_html(empty_review, EXTRACTION)


def test_the_measure_grows_with_a_cards_words() -> None:
    short, long = long_cards()[0], long_cards()[0]
    short = Finding(short.title, short.figure_part, ("Allowances of £2.4m forecast.",), short.provenance)
    assert card_height(long) > card_height(short) + 10  # some four lines more, in millimetres


@pytest.mark.parametrize("bundle", ["northmoor", "hallam"])
def test_the_fixtures_summaries_keep_to_one_page(bundle: str, request: pytest.FixtureRequest) -> None:
    review, extraction = request.getfixturevalue(bundle)
    shown, left = summary_cards(headline_findings(review))
    assert shown and not left  # their few cards fit whole
    assert len(summary_pages(pack.render_pdf(review, extraction))) == 1
