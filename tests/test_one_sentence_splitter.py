"""Every stage splits a document's prose into sentences by one rule (extract.sentences): a full
stop, "!", "?" or ";" and a space before a capital, figure, pound sign or bracket. The documents the
papers cite and whether a caption is prose are read by it as the DSG and the current year are."""

from __future__ import annotations

from analyse.missing import cited_missing
from extract.reading import is_prose, pick_title
from extract.records import Passage
from extract.sentences import split_sentences
from ingest.records import Document, DocumentKind, Format
from tests.review_builders import prov


def test_a_caption_with_a_colon_is_one_sentence_and_titles_its_table() -> None:
    caption = "Table 2: Children's Services revenue budget 2025-26"
    assert split_sentences(caption) == (caption,)
    assert not is_prose(caption)
    assert pick_title(caption, "Budget") == caption
    assert is_prose("The table shows the budget. Figures exclude schools.")


def test_a_cited_document_is_tied_to_children_by_its_own_clause() -> None:
    text = "The Capital Strategy is set out in the appendix; DSG deficits are forecast to rise."
    assert split_sentences(text)[0] == "The Capital Strategy is set out in the appendix;"
    cited = Passage(text=text, provenance=[prov(text, "MTFP.pdf", "page 3")])
    monitoring = Document(
        file="monitoring.pdf", sha256="ab" * 32, size=1, format=Format.PDF, kind=DocumentKind.OTHER
    )
    assert cited_missing([cited], [monitoring]) == []
    tied = text.replace("; DSG deficits are", ", with DSG deficits")
    (missing,) = cited_missing(
        [Passage(text=tied, provenance=[prov(tied, "MTFP.pdf", "page 3")])], [monitoring]
    )
    assert missing.name == "Capital Strategy"
