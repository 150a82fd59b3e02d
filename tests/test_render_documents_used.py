"""The pack's table of documents received says how many places of each the pack cites, so a
document read that gave the pack nothing stands out."""

from __future__ import annotations

from lxml import html as lxml_html

from analyse.records import Review
from extract.records import Document, Extraction
from render.pack import pack_html
from render.sources import SourceIndex
from tests.render_samples import sample


def used_column(html: str) -> dict[str, str]:
    rows = lxml_html.fromstring(html).xpath("//table[contains(@class, 'docs')]/tbody/tr")
    return {row.xpath("td")[0].text_content(): row.xpath("td")[-1].text_content().strip() for row in rows}


def with_unused(review: Review, extraction: Extraction) -> tuple[Review, Extraction, str]:
    cited = extraction.documents[0]
    unused = cited.model_copy(update={"file": "callin_report.pdf", "sha256": "ef" * 32})
    documents: list[Document] = [*(review.documents or extraction.documents), unused]
    review = review.model_copy(update={"documents": documents})
    return review, extraction.model_copy(update={"documents": documents}), unused.file


def test_each_document_says_how_many_of_its_places_are_cited_and_an_unused_one_says_not_cited() -> None:
    review, extraction = sample()
    review, extraction, unused = with_unused(review, extraction)
    sources = SourceIndex()
    used = used_column(pack_html(review, extraction, sources))
    assert used[unused] == "Not cited"
    cited = {file: sum(1 for s in sources.sources if s.file == file) for file in used}
    assert any(cited.values())
    unread = {d.file for d in review.documents if d.skipped or d.status == "failed"}
    assert unread  # the sample's scan was refused
    for file, words in used.items():
        places = cited[file]
        said = f"Cited in {places} place{'s' if places != 1 else ''}" if places else "Not cited"
        assert words == ("Not read" if file in unread else said)
    assert "reviewpack-used" not in pack_html(review, extraction)


def test_a_refused_document_is_said_not_read_rather_than_not_cited() -> None:
    """Wyvern's minutes were refused, yet its row said "Not cited" under a note that every document
    not cited was read: a refused or skipped one says "Not read", and the note says so too."""
    from ingest.records import Status

    review, extraction = sample()
    review, extraction, unused = with_unused(review, extraction)
    documents = [
        d.model_copy(update={"status": Status.FAILED}) if d.file == unused else d for d in review.documents
    ]
    review = review.model_copy(update={"documents": documents})
    html = pack_html(review, extraction.model_copy(update={"documents": documents}))
    assert used_column(html)[unused] == "Not read"
    note = " ".join(
        lxml_html.fromstring(html).xpath("//p[contains(., 'Used in this pack')]")[0].text_content().split()
    )
    assert "a document read but not cited gave the pack nothing; one refused or skipped was not read" in note
