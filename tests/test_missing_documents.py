"""Documents missing from the bundle: against seed 000's data request, and against what the
documents themselves cite (an appendix, a named strategy) but no file supplies."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from analyse.missing import cited_missing, depends_on_capital, missing_documents, needed
from extract.records import Extraction, Passage
from ingest.records import Document, DocumentKind, Format
from tests.review_builders import prov, saving

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


def test_a_sufficiency_plan_the_papers_cite_is_not_supplied_by_another_strategic_plan() -> None:
    """A sufficiency plan is a strategic plan (ingest.classify), but of one subject: the council's
    plan in the bundle does not supply it; a file named for it does."""
    text = "Spend on residential care will come down as the Looked After Children Sufficiency Strategy is delivered."
    documents = [
        doc(MONITORING, DocumentKind.BUDGET_MONITORING),
        doc("Council Plan 2024-28.pdf", DocumentKind.STRATEGIC_PLAN),
    ]
    assert [m.name for m in cited_missing([passage(text)], documents)] == [
        "Looked After Children Sufficiency Strategy"
    ]
    documents.append(doc("Looked_After_Children_Sufficiency_Strategy_2025.docx", DocumentKind.STRATEGIC_PLAN))
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


def test_a_document_named_in_lower_case_is_cited_where_its_own_words_name_the_dsg_or_childrens() -> None:
    # Wyvern's Q2 p.2: the DBV deficit management plan, named in lower case after "its".
    dbv = passage(
        "The Council is in the Department for Education's Delivering Better Value programme; its deficit"
        " management plan is behind schedule."
    )
    assert [m.name for m in cited_missing([dbv], [doc(MONITORING)])] == ["Deficit management plan"]
    # a plan named only by its kind, or by words of no children's subject, is not taken for a document
    vague = passage(
        "Its recovery plan is on track, and the savings plan is being refreshed by the plan's owners."
    )
    assert cited_missing([vague], [doc(MONITORING)]) == []


def test_a_name_goes_on_with_what_it_is_for_and_may_open_with_its_kind_after_a_councils_possessive() -> None:
    # Kent's commissioning plan report pp.1 and 5.
    cited = passage(
        "This report provides the Cabinet with the Commissioning Plan for Education Provision in Kent 2025-29"
        " for approval. 10.2 Kent's Strategy for Children and Young People with Special Educational Needs and"
        " Disabilities 2021-2024 https://www.kent.gov.uk/strategy.pdf",
        file="kent_education_commissioning_plan_report.pdf",
    )
    names = [m.name for m in cited_missing([cited], [doc("kent_education_commissioning_plan_report.pdf")])]
    assert names == [
        "Commissioning Plan for Education Provision",
        "Strategy for Children and Young People with Special Educational Needs and Disabilities",
    ]


def test_a_plurals_possessive_is_part_of_the_name_not_its_owner() -> None:
    # Hallam Valley's strategy opens with its own title; a plural's possessive names whom the
    # document is for ("Children's"), where a council's ("Kent's") stands for "its"
    title = "Hallam Valley Council – Children's Services Placement Sufficiency Strategy 2025–2028 (excerpt)"
    assert not cited_missing([passage(title)], [doc("strategy.docx")])
    said = passage(
        "The plan delivers the Children's Services Placement Sufficiency Strategy and the Young People's Plan."
    )
    names = [m.name for m in cited_missing([said], [doc("report.pdf")])]
    assert names == ["Children's Services Placement Sufficiency Strategy", "Young People's Plan"]


CAPITAL = [
    passage(
        "The capital programme 2025-35 is set out in appendices A and B of this report. Appendix C is for"
        " reference, on potential projects not yet funded."
    ),
    # the council's borrowing: mentions the programme, names strategies for borrowing
    passage(
        "The prudential indicators set out in the Treasury Management Strategy and Capital Strategy will be"
        " based on the first three years of the 10 year Capital Programme."
    ),
]


def test_the_capital_programme_is_needed_where_a_childrens_saving_depends_on_capital() -> None:
    residential = saving(
        "Children's Residential Care",
        description="Development of in-house residential units to provide an alternative to independent"
        " sector residential care placements (invest to save)",
        directorate="CYPE",
    )
    roads = saving(
        "Highways LED lighting", description="Invest to save: LED street lights", directorate="GET"
    )
    assert depends_on_capital([residential]) and not depends_on_capital([roads])
    assert cited_missing(CAPITAL, [doc(MONITORING)]) == []
    names = [m.name for m in cited_missing(CAPITAL, [doc(MONITORING)], on_capital=True)]
    # the appendices setting the programme out, never the strategies for borrowing
    assert names == ["Appendix A", "Appendix B", "Appendix C"]
    listed = missing_documents(
        Extraction(documents=[doc(MONITORING)], passages=CAPITAL, savings=[residential])
    )
    assert [m.name for m in listed if m.why == "cited"] == names


def test_a_paper_a_childrens_savings_row_says_is_to_go_to_cabinet_is_cited_with_the_row() -> None:
    # Wyvern's tracker, CYPE-07: "Unidentified. Options to be brought to Cabinet in December 2025."
    row = saving(
        "Savings still to be identified – CYPE",
        ref="CYPE-07",
        directorate="Children, Young People and Education",
        status_text="Unidentified. Options to be brought to Cabinet in December 2025.",
    )
    adults = row.model_copy(
        update={"title": "Reablement", "ref": "ASC-02", "directorate": "Adult Social Care"}
    )
    (paper,) = cited_missing([], [doc(MONITORING)], savings=[row, adults])
    assert (paper.name, paper.why) == ("Cabinet paper of December 2025 (options)", "cited")
    assert paper.provenance == row.provenance[:1]
    assert cited_missing([], [doc(MONITORING)], savings=[adults]) == []


def test_kents_papers_leave_out_the_capital_programme_its_residential_saving_needs_and_two_childrens_plans(
    kent_dir: Path,
) -> None:
    from extract.document import extract_file

    papers = [
        "kent_cabinet_2025-01-30_draft_revenue_budget_2025-26_MTFP_2025-28.pdf",
        "kent_cabinet_2025-01-30_24-00096_education_commissioning_plan_report.pdf",
        "kent_cabinet_2025-01-30_appendixF_budget_templates.pdf",
    ]
    extraction = Extraction.combine([extract_file(n, (kent_dir / n).read_bytes()) for n in papers])
    cited = {m.name: m.provenance[0] for m in missing_documents(extraction) if m.why == "cited"}
    # main report p.23, 7.3: "capital programme 2025-35 is set out in appendices A and B"; C beside them
    assert [(cited[a].file, cited[a].page) for a in ("Appendix A", "Appendix B", "Appendix C")] == [
        (papers[0], 23)
    ] * 3
    assert cited["Commissioning Plan for Education Provision"].file == papers[1]
    assert (
        cited["Strategy for Children and Young People with Special Educational Needs and Disabilities"].page
        == 5
    )
    # the strategies for the council's borrowing stay out
    assert not [n for n in cited if "Treasury" in n or n == "Capital Strategy"]


def test_the_examples_papers_name_the_deficit_management_plan_and_the_december_cabinet_options(
    example_bundle: Path,
) -> None:
    from extract.document import extract_file

    files = sorted(p for p in example_bundle.rglob("*") if p.is_file())
    extraction = Extraction.combine([extract_file(p.name, p.read_bytes()) for p in files])
    cited = {m.name: m.provenance[0] for m in missing_documents(extraction) if m.why == "cited"}
    assert (cited["Deficit management plan"].page, "Q2" in cited["Deficit management plan"].file) == (2, True)
    assert cited["Cabinet paper of December 2025 (options)"].text.startswith("CYPE-07 |")


def test_an_appendix_its_sentence_names_as_a_kind_the_bundle_holds_in_another_file_is_not_missing() -> None:
    # Severnbrook: "Details are in the savings tracker (Appendix B, published separately)", its
    # tracker received as a workbook of another name.
    cited = [
        passage("The risks are scored in the corporate risk register (Appendix C, published separately).")
    ]
    register = doc("Corporate risks Q2.xlsx", DocumentKind.RISK_REGISTER)
    assert cited_missing(cited, [doc(MONITORING, DocumentKind.BUDGET_MONITORING), register]) == []
    # no file of that kind: still missing; nor does the citing report itself supply it
    (missing,) = cited_missing(cited, [doc(MONITORING, DocumentKind.BUDGET_MONITORING)])
    assert missing.name == "Appendix C"
    own = [passage("The monitoring by service is in the budget monitoring appendix (Appendix A).")]
    (missing,) = cited_missing(own, [doc(MONITORING, DocumentKind.BUDGET_MONITORING)])
    assert missing.name == "Appendix A"


def test_severnbrooks_savings_tracker_is_its_appendix_b(severnbrook: Any) -> None:
    review, _ = severnbrook
    assert review.missing_documents and all(not m.startswith("Appendix B") for m in review.missing_documents)


def test_an_appendix_whose_kind_is_named_before_the_verb_attaching_it_is_supplied_by_that_kind() -> None:
    # "<kind> is attached as Appendix X": the verb between the kind and the reference is passed over
    cited = [passage("The directorate savings tracker has been appended to this report as Appendix D.")]
    tracker = doc("Savings by directorate 2025-26.pdf", DocumentKind.SAVINGS_PLAN)
    assert cited_missing(cited, [doc(MONITORING, DocumentKind.BUDGET_MONITORING), tracker]) == []
    # words that name no kind before the verb: the appendix is still missing
    vague = [
        passage("The savings lines behind these figures, for each directorate, are appended as Appendix D.")
    ]
    (missing,) = cited_missing(vague, [doc(MONITORING, DocumentKind.BUDGET_MONITORING), tracker])
    assert missing.name == "Appendix D"


def test_marlowes_savings_plan_is_its_appendix_b(marlowe: Any) -> None:
    review, _ = marlowe
    assert all(not m.startswith("Appendix B") for m in review.missing_documents)
