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
    for file, words in used.items():
        places = cited[file]
        assert words == (f"Cited in {places} place{'s' if places != 1 else ''}" if places else "Not cited")
    assert "reviewpack-used" not in pack_html(review, extraction)
