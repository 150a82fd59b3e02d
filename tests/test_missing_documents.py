"""Documents missing from the bundle: against seed 000's data request, and against what the
documents themselves cite (an appendix, a named strategy) but no file supplies."""

from __future__ import annotations

from analyse.missing import cited_missing, missing_documents, needed
from extract.records import Extraction, Passage
from ingest.records import Document, DocumentKind, Format
from tests.review_builders import prov

MONITORING = "Cabinet Q2 budget monitoring.pdf"


def doc(file: str, kind: DocumentKind = DocumentKind.OTHER) -> Document:
    return Document(file=file, sha256="ab" * 32, size=1, format=Format.PDF, kind=kind)


def passage(text: str, file: str = MONITORING, page: int = 3) -> Passage:
    return Passage(
        text=text, provenance=[prov(text[:40], file, f"page {page}").model_copy(update={"page": page})]
    )


def test_an_appendix_the_report_cites_but_does_not_carry_is_missing_with_where_it_is_cited() -> None:
    passages = [passage("The savings at risk are listed in Appendix C, and the grant in Annex 2.")]
    (appendix, annex) = cited_missing(passages, [doc(MONITORING, DocumentKind.BUDGET_MONITORING)])
    assert (appendix.name, appendix.why) == ("Appendix C", "cited")
    assert appendix.provenance[0].file == MONITORING and appendix.provenance[0].page == 3
    assert appendix.label == f"Appendix C (cited in {MONITORING})"
    assert annex.name == "Annex 2"


def test_an_appendix_in_its_own_report_or_in_a_file_named_for_it_is_not_missing() -> None:
    carried = [passage("See Appendix C for the tracker."), passage("Appendix C: savings tracker", page=9)]
    assert cited_missing(carried, [doc(MONITORING)]) == []
    as_file = [passage("See Appendix D for the tracker.")]
    assert cited_missing(as_file, [doc(MONITORING), doc("Q2 report Appendix D savings.xlsx")]) == []


def test_a_named_strategy_the_bundle_lacks_is_missing_and_one_it_holds_is_not() -> None:
    text = (
        "Placement costs will fall as the Placement Sufficiency Strategy is delivered, in line with the "
        "Medium Term Financial Plan and the Children and Young People's Strategic Plan."
    )
    documents = [
        doc(MONITORING, DocumentKind.BUDGET_MONITORING),
        doc("Wyvern MTFP 2025-28.pdf", DocumentKind.MTFP),
        doc("Children and Young Peoples Strategic Plan 2025-2028.pdf", DocumentKind.STRATEGIC_PLAN),
    ]
    assert [m.name for m in cited_missing([passage(text)], documents)] == ["Placement Sufficiency Strategy"]
    documents.append(doc("Placement Sufficiency Strategy 2024-27.pdf"))
    assert cited_missing([passage(text)], documents) == []


def test_ordinary_words_and_general_names_are_not_taken_for_documents() -> None:
    text = "The plan is on track. Appendix of figures follows. The Council Plan and the Strategy apply."
    assert cited_missing([passage(text)], [doc(MONITORING)]) == []


def test_the_data_request_list_comes_first_then_what_the_documents_cite() -> None:
    extraction = Extraction(
        documents=[doc(MONITORING, DocumentKind.BUDGET_MONITORING)],
        passages=[passage("Details of the savings are in Appendix B.")],
    )
    missing = missing_documents(extraction)
    assert [m.why for m in missing] == ["requested", "requested", "requested", "cited"]
    assert "budget and medium-term financial plan" in [m.name for m in missing]
    assert missing[-1].name == "Appendix B"


def test_each_document_is_listed_once_whatever_its_case_articles_or_companions() -> None:
    passages = [
        passage("The Placement Sufficiency Strategy Statement sets out the children's homes to open."),
        passage(
            "The homes in the Placement Sufficiency Strategy and Children's Capital Strategy are costed."
        ),
        passage("See Appendix G and Appendix H for the reserves."),
    ]
    names = [m.name for m in cited_missing(passages, [doc(MONITORING)])]
    assert names == [
        "Placement Sufficiency Strategy Statement",
        "Children's Capital Strategy",
        "Appendix G",
        "Appendix H",
    ]


def test_a_cited_document_a_childrens_review_does_not_need_is_not_missing_unless_tied_to_children() -> None:
    # Kent's MTFP cites its Treasury Management Strategy Statement and Capital Strategy for the
    # council's borrowing: no part of a children's review, so not "not in the bundle".
    borrowing = [
        passage("The Treasury Management Strategy Statement is included as an appendix to this report."),
        passage(
            "The prudential indicators in the Treasury Management Strategy and Capital Strategy are based on it."
        ),
        passage(
            "Reserves are held as the Reserves Policy at Appendix G sets out. Appendix K lists the car parks."
        ),
    ]
    assert [m.name for m in cited_missing(borrowing, [doc(MONITORING)])] == ["Appendix G"]
    # the same documents, where the papers tie them to children's services, are needed
    tied = passage(
        "The Capital Strategy funds the new children's homes; the DSG is in the Treasury Management Strategy."
    )
    names = [m.name for m in cited_missing([*borrowing, tied], [doc(MONITORING)])]
    assert names == ["Appendix G", "Capital Strategy", "Treasury Management Strategy"]


def test_a_cited_document_of_a_kind_the_request_asks_for_is_listed_once_as_cited() -> None:
    cited = passage("Capital plans deliver the vision set out in the Strategic Plan.")
    extraction = Extraction(documents=[doc(MONITORING, DocumentKind.BUDGET_MONITORING)], passages=[cited])
    missing = missing_documents(extraction)
    (plan,) = [m for m in missing if "trategic" in m.name.lower()]
    assert (plan.name, plan.why, plan.provenance) == ("Strategic Plan", "cited", cited.provenance[:1])


def test_a_document_cited_for_a_childrens_subject_or_a_recovery_plan_is_needed() -> None:
    # Wyvern's Q2 report: the sentence names no directorate, only placements and a recovery plan.
    recovery = passage(
        "The actions to recover the placements position are set out in the Placement Sufficiency Strategy"
        " and in the recovery plan at Appendix C."
    )
    names = [m.name for m in cited_missing([recovery], [doc(MONITORING)])]
    assert sorted(names) == ["Appendix C", "Placement Sufficiency Strategy"]
    assert needed("Appendix C", "The recovery plan is at Appendix C.")
    assert not needed("Appendix K", "Appendix K lists the car parks.")
