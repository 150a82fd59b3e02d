"""Savings monitoring the documents describe in prose (RAG-rated sums, a quarter's monitoring report):
quoted with its scope where no tracker was received, and a quarter's report they cite but the bundle
lacks listed as cited but not received."""

from __future__ import annotations

from pathlib import Path

from lxml import html as lxml_html

from analyse.missing import cited_missing, missing_documents
from analyse.records import Scope
from analyse.review import monitoring_said
from analyse.savings_monitoring import savings_monitoring
from extract.records import Passage, Provenance
from ingest.records import Document, DocumentKind, Format
from render.pack import pack_html
from tests.refs_check import problems
from tests.render_samples import sample

REPORT = "draft_revenue_budget.pdf"
# Kent's main budget report, paragraphs 8.12 and 8.13 (page 32).
SAVINGS_REPORT = (
    "8.12 The savings monitoring report to Cabinet includes all savings in the budget plan together with any "
    "that have been rolled forward from under delivered savings in previous years."
)
ADULTS_RATED = (
    "8.13 The delivery of savings and income with Adult Social Care are of the most significant concern. "
    "Out of total planned saving of £55m (including roll forward) over 50% (£29.6m) are now rated red with a "
    "further 13% (£7.4m) rated amber or dark amber in the latest Quarter 3 monitoring report."
)


def _passage(text: str, page: int = 32, file: str = REPORT) -> Passage:
    where = Provenance(file=file, sha256="ab" * 32, page=page, bbox=None, locator=f"page {page}", text=text)
    return Passage(text=text, provenance=[where])


def _doc(file: str, kind: DocumentKind = DocumentKind.OTHER) -> Document:
    return Document(file=file, sha256="cd" * 32, size=1, format=Format.PDF, kind=kind)


def test_rated_savings_are_quoted_first_with_the_scope_of_their_paragraph() -> None:
    found = savings_monitoring([_passage(SAVINGS_REPORT), _passage(ADULTS_RATED)])
    assert [m.words[:28] for m in found] == ["Out of total planned saving ", "8.12 The savings monitoring "]
    rated, report = found
    assert rated.rated and rated.scope == Scope.OTHER_DIRECTORATE and rated.provenance[0].page == 32
    assert not report.rated and report.scope is None
    children = "Of CYPE's savings of £10m, £2m are rated red at quarter 2."
    assert savings_monitoring([_passage(children)])[0].scope == Scope.CHILDRENS_SOCIAL_CARE


def test_sentences_that_monitor_no_savings_or_rate_nothing_are_not_taken() -> None:
    others = (
        "In year budget monitoring shows that budget estimates for demand were robust.",
        "Savings of £5m are planned for 2025-26 from the review of placements.",
        "The red line on the chart shows the forecast.",
    )
    assert savings_monitoring([_passage(text) for text in others]) == []


def test_the_savings_section_quotes_the_monitoring_and_names_another_directorates_as_such() -> None:
    review, extraction = sample()
    monitoring = savings_monitoring([_passage(ADULTS_RATED)])
    review = review.model_copy(
        update={
            "savings_monitoring": monitoring,
            "selection": review.selection.model_copy(update={"tracked": []}),
        }
    )
    html = pack_html(review, extraction)
    words = " ".join(lxml_html.fromstring(html).get_element_by_id("savings").text_content().split())
    assert "The documents describe the in-year monitoring of savings in prose:" in words
    assert "over 50% (£29.6m) are now rated red" in words and "not the children's" in words
    assert "No savings tracker or in-year monitoring of savings was found" not in words
    assert problems(html, review.model_dump(mode="json"), extraction.model_dump(mode="json")) == []
    assert "another directorate's, not the children's" in monitoring_said(monitoring)


def test_a_quarters_monitoring_report_the_papers_cite_is_missing_unless_that_quarters_is_received() -> None:
    passages = [_passage(ADULTS_RATED)]
    q2 = _doc("Cabinet Q2 budget monitoring.pdf", DocumentKind.BUDGET_MONITORING)
    [missing] = cited_missing(passages, [_doc(REPORT), q2])
    assert (missing.name, missing.why, missing.provenance[0].page) == (
        "Quarter 3 monitoring report",
        "cited",
        32,
    )
    assert cited_missing(passages, [_doc(REPORT), _doc("Cabinet Q3 budget monitoring.pdf")]) == []
    assert cited_missing([_passage("Monitoring is reported each quarter to Cabinet.")], [_doc(REPORT)]) == []


MAIN_REPORT = "kent_cabinet_2025-01-30_draft_revenue_budget_2025-26_MTFP_2025-28.pdf"


def test_kents_main_report_describes_adults_rag_rated_savings_and_cites_the_q3_report(kent_dir: Path) -> None:
    from extract.document import extract_file

    extraction = extract_file(MAIN_REPORT, (kent_dir / MAIN_REPORT).read_bytes())
    found = savings_monitoring(extraction.passages)
    red = next(m for m in found if "(£29.6m) are now rated red" in m.words)
    assert red.rated and red.scope == Scope.OTHER_DIRECTORATE and red.provenance[0].page == 32
    assert all(m.scope != Scope.CHILDRENS_SOCIAL_CARE for m in found)
    cited = [m for m in missing_documents(extraction) if m.name == "Quarter 3 monitoring report"]
    assert [(m.why, m.provenance[0].page) for m in cited] == [("cited", 32)]
