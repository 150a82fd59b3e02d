"""Every headline card's detail begins with the sentence that says what its big figure is, and
the deck, cutting a detail short, keeps at least that sentence: a reader never sees "223%" with
only "More in the pack" to say what it is a share of. The big figure stays the figure: where it is
in doubt, the words say so in that first sentence, never inside the figure."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
from lxml import html as lxml_html
from pptx import Presentation
from test_render_headline_doubt import _extraction as doubted_extraction

from analyse.benchmarks import load_benchmark_table
from analyse.records import Review
from analyse.review import build_review
from extract.document import extract_file
from extract.records import Extraction
from render.deck import CARD_DETAIL, CARD_FIGURE, MORE_IN_PACK, render_pptx
from render.findings import PACK_CARD_WORDS, Finding, card_parts, headline_findings
from render.pack import pack_html
from render.refs import Fig, cuts, first_sentence


def _review(files: list[Path], council: str | None = None) -> tuple[Review, Extraction]:
    extraction = Extraction.combine([extract_file(p.name, p.read_bytes()) for p in files])
    return build_review(extraction, load_benchmark_table(), council), extraction


@pytest.fixture(scope="module")
def example(example_bundle: Path) -> tuple[Review, Extraction]:
    return _review(sorted(p for p in example_bundle.rglob("*") if p.is_file()), "938")


@pytest.fixture(scope="module")
def kent(kent_dir: Path) -> tuple[Review, Extraction]:
    return _review(sorted(kent_dir.glob("*.pdf")))


def _text(parts: list[str | Fig]) -> str:
    return "".join(str(p) for p in parts)


def _first_sentence(text: str) -> str:
    """A shown detail's first sentence (the deck's own cut, outside brackets), or its first clauses
    where the deck cut it there."""
    text = text.split(MORE_IN_PACK)[0]
    return next((str(c[0]) for c in cuts([text])), text)


def assert_leads_with_its_figure(found: list[Finding]) -> None:
    for f in found:
        assert f.says_figure(f.lead), (f.title, f.figure, _text(f.lead))
        if isinstance(f.figure_part, Fig) and f.figure_part.doubt:
            assert f"{f.figure_part.text} ({f.figure_part.doubt}" in _text(f.lead), (f.title, _text(f.lead))


def assert_cards_lead_with_their_figure(review: Review, extraction: Extraction) -> int:
    """The deck's headline cards: each detail's kept first sentence holds its figure's text, and
    with its doubt where it has one; the figure box holds the figure alone. Returns the cards."""
    deck = Presentation(io.BytesIO(render_pptx(review, extraction)))
    shapes = [s for s in deck.slides[1].shapes if s.name in (CARD_FIGURE, CARD_DETAIL)]
    figures, details = shapes[::2], shapes[1::2]
    assert [s.name for s in figures] == [CARD_FIGURE] * len(details)
    doubts = {
        str(f.figure_part.text): f.figure_part.doubt
        for f in headline_findings(review)
        if isinstance(f.figure_part, Fig)
    }
    for figure, detail in zip(figures, details, strict=True):
        big, first = figure.text_frame.text, _first_sentence(detail.text_frame.text)
        assert "(in doubt" not in big and "(as reported" not in big
        assert big.lower() in first.lower(), (big, detail.text_frame.text)
        if doubts.get(big):
            assert f"{big} ({doubts[big]}" in first, (big, first)
    return len(details)


def test_every_card_of_the_example_leads_with_what_its_figure_is(example: tuple[Review, Extraction]) -> None:
    review, extraction = example
    assert_leads_with_its_figure(headline_findings(review))
    assert assert_cards_lead_with_their_figure(review, extraction) >= 5


def test_a_doubted_headline_is_a_bare_figure_its_first_sentence_saying_the_doubt_once() -> None:
    extraction = doubted_extraction()
    review = build_review(extraction)
    found = headline_findings(review)
    assert_leads_with_its_figure(found)
    assert assert_cards_lead_with_their_figure(review, extraction) >= 1
    card = found[0]
    assert isinstance(card.figure_part, Fig) and card.figure_part.doubt
    lead = _text(card.lead)
    # as reported (the grand total takes its side): said once, the forecast and share of budget bare
    assert card.figure_part.doubt == "as reported; its lines do not add up to it"
    assert lead.count(f"({card.figure_part.doubt})") == 1 and "(in doubt" not in lead


def test_every_card_of_kents_papers_leads_with_what_its_figure_is(kent: tuple[Review, Extraction]) -> None:
    review, extraction = kent
    found = headline_findings(review)
    assert_leads_with_its_figure(found)
    assert assert_cards_lead_with_their_figure(review, extraction) >= 5
    # Kent's deficit (the end of 2024-25) and general reserve (the end of 2023-24) are a year apart:
    # no share, the card leads with the deficit and the reserve, each dated
    assert review.derived.dsg_deficit_share_of_reserve is None
    dsg = next(f for f in found if "DSG" in f.title)
    assert dsg.figure in _text(dsg.lead) and "general reserve is £43.0m a year earlier" in _text(dsg.lead)


def test_the_packs_sentences_say_a_doubt_in_full_once_and_each_later_figure_in_short() -> None:
    extraction = doubted_extraction()
    review = build_review(extraction)
    doubt = review.position.children_services.doubts["variance_gbp"]
    page = lxml_html.fromstring(pack_html(review, extraction))
    sentences = [
        s
        for block in page.xpath("//*[self::p or self::li or self::td][not(.//p)]")
        for s in re.split(r"(?<=[.?]) ", " ".join(block.text_content().split()))
    ]
    assert max(s.count(f"({doubt})") for s in sentences) == 1
    budget = next(s for s in sentences if "a variance of" in s and f"({doubt})" in s)
    assert "(in doubt" not in budget  # as reported: said once, the variance and share after it bare


def test_kents_summary_headlines_each_figure_once_and_keeps_its_cards_short(
    kent: tuple[Review, Extraction],
) -> None:
    """Kent's £968 spend per child headed two cards (the benchmark's and the drivers'); its DSG
    card ran to 250 words. Each big figure is shown once, each card's detail to PACK_CARD_WORDS."""
    review, _ = kent
    found = headline_findings(review)
    figures = [f.figure for f in found]
    assert len(figures) == len(set(figures)), figures
    for f in found:
        shown = _text(card_parts(f))
        # past them only where the lead and the caveats alone are longer: neither is cut
        firm = _text([*first_sentence(f.parts), *f.caveats])
        assert (
            len(shown.split()) <= PACK_CARD_WORDS + 6
            or shown == f.detail
            or (shown.startswith(firm) and len(firm.split()) > PACK_CARD_WORDS)
        ), (
            f.title,
            shown,
        )
    dsg = next(f for f in found if "DSG" in f.title)
    assert "More under" in _text(card_parts(dsg)) and 'href="#dsg"' in str(card_parts(dsg)[-1])


def test_kents_pack_says_what_its_independent_reader_found_missing_beside_each_figure(
    kent: tuple[Review, Extraction],
) -> None:
    """An ex-S151 reader of Kent's pack: the transport underspend was "amount not stated" beside
    the build's own (5,300); the general reserve's 3.0% named one year where the balance is another's;
    the £20.1m gap card did not say £17.0m of it is adult social care's; and the £49 leaving care card
    did not say how many asylum-seeking children, many of them care leavers, Kent looks after. The
    deck shows the cards' words too."""
    review, extraction = kent
    cards = {f.title: _text(card_parts(f)) for f in headline_findings(review)}
    gap = cards["Council-wide budget gap in 2026-27"]
    assert (
        "Most of 2026-27's gap (£17.0m) is another directorate's: the plan's adult social care funding"
        " unresolved balance." in gap
    )
    asylum = (
        "Unaccompanied asylum-seeking children are 24.0% of children looked after against 8.5% for"
        " statistical neighbours (2025), and many become care leavers"
    )
    leaving = next(t for title, t in cards.items() if "leaving care" in title)
    assert asylum in leaving
    text = " ".join(lxml_html.fromstring(pack_html(review, extraction)).text_content().split())
    assert (
        "an underspend on home to school transport for 2024-25 (the prose gives no amount; the budget"
        " build takes out £5.3m as the underlying 2024-25 underspend)" in text
    )
    assert (
        "Derived: the general reserve at the end of 2023-24 (£43.0m), the balance 2024-25 began with, is"
        " 3.0% of 2024-25's net budget of £1,429.5m" in text
    )
    assert text.count(asylum) >= 2  # the card, and the leaving care chart in the benchmarking section
    deck = Presentation(io.BytesIO(render_pptx(review, extraction)))
    said = " ".join(
        " ".join(shape.text_frame.text.split())
        for s in deck.slides
        for shape in s.shapes
        if shape.has_text_frame
    )
    assert "Most of 2026-27's gap (£17.0m) is another directorate's" in said and asylum in said
    assert "the prose gives no amount; the budget build takes out £5.3m" in said
