"""Decisions the documents say are unsettled (called in, postponed, deferred) are evidence, as a
question, on the children's savings that name what the decision is about."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

from analyse.decisions import unsettled_decisions
from analyse.flags import Context, assess_savings, judgements
from analyse.records import Review
from extract.records import Extraction, Passage, Provenance
from tests.conftest import need
from tests.review_builders import YEAR, saving

REPORT = "council_2025-03-13_callin_report.pdf"


def passage(text: str, page: int = 1) -> Passage:
    where = Provenance(file=REPORT, sha256="cd" * 32, page=page, bbox=None, locator="p", text=text)
    return Passage(text=text, provenance=[where])


CALLED_IN = [
    passage("Subject: County Council review of Decision 24/00093 - Future of"),
    passage(
        "1. Decision 24/00093 – Future of the Children's Centres in Eastry was taken on 17 January 2025."
    ),
    passage("2. A call in request was submitted by two Members prior to the call-in deadline."),
    passage(
        "a. That implementation of Decision 24/00093 be postponed pending review by the full Council.", 2
    ),
]
CENTRES = saving(
    "Review of open access: children's centres",
    1_600_000.0,
    file="plan.pdf",
    directorate="Children's Services",
    period=YEAR,
)


def judged(passages: list[Passage], line=CENTRES):  # type: ignore[no-untyped-def]
    context = Context(YEAR, [], [], decisions=unsettled_decisions(Extraction(passages=passages)))
    (judgement,) = judgements(assess_savings([line], context))
    return judgement


def test_a_called_in_decision_is_one_decision_named_by_its_fullest_title_with_every_state() -> None:
    (decision,) = unsettled_decisions(Extraction(passages=CALLED_IN))
    assert decision.subject == "Decision 24/00093 – Future of the Children's Centres in Eastry"
    assert decision.states == ("called in", "postponed")
    assert [p.page for p in decision.provenance] == [2, 1]


def test_a_saving_naming_what_a_called_in_decision_is_about_is_a_question_citing_the_decision() -> None:
    j = judged(CALLED_IN)
    assert j.verdict == "question" and j.at_risk_gbp == 0.0
    (reason,) = j.reasons
    assert reason.code == "depends_on_unsettled_decision"
    assert reason.reason.startswith(
        "a decision on the same subject (children's centre) was called in: does the saving depend on it?"
    )
    assert "Children's Centres in Eastry" in reason.reason and "depends on a decision" not in reason.reason
    assert reason.evidence in CALLED_IN[3].text and "postponed" in reason.evidence
    assert {p.file for p in reason.provenance} == {REPORT}


def test_a_decision_is_said_as_the_documents_last_give_it_the_latest_outcome_in_its_words() -> None:
    resolved = CALLED_IN + [
        passage("16.Cabinet resolved the following:", 3),
        passage("b. CONFIRM the decision will be progressed to Full Council unchanged at this time. c.", 3),
        passage("Cabinet therefore resolved to confirm that the decision be progressed unchanged.", 4),
    ]
    (decision,) = unsettled_decisions(Extraction(passages=resolved))
    assert (
        decision.latest == "Cabinet therefore resolved to confirm that the decision be progressed unchanged."
    )
    assert [p.page for p in decision.provenance] == [2, 1, 4]
    (reason,) = judged(resolved).reasons
    assert f"the latest the documents record: \u201c{decision.latest}\u201d" in reason.reason
    assert "postponed" not in reason.reason
    # Without an outcome, the last sentence that says it is unsettled is its status.
    (unresolved,) = unsettled_decisions(Extraction(passages=CALLED_IN))
    assert unresolved.latest == CALLED_IN[3].text.removeprefix("a. ")


def test_a_referral_to_full_council_is_not_a_referral_back() -> None:
    referred = CALLED_IN[:2] + [
        passage("In response to the referral of the decision by the Scrutiny Committee, the Council may:"),
    ]
    (decision,) = unsettled_decisions(Extraction(passages=referred))
    assert decision.states == ("referred for review",)


def test_a_decision_sharing_only_a_common_word_with_a_saving_is_not_linked_to_it() -> None:
    commissioned = [
        passage(
            "1. Decision 24/00093 – Future of Commissioned Services at Seashells was taken on 17 January."
        ),
        passage("2. Decision 24/00093 was called in by two Members."),
    ]
    income = saving(
        "Commissioned services: income from contracts",
        500_000.0,
        directorate="Children's Services",
        period=YEAR,
    )
    (decision,) = unsettled_decisions(Extraction(passages=commissioned))
    assert decision.phrases == set() and judged(commissioned, income).verdict == "no_concern"
    hubs = commissioned + [
        passage("3. Decision 24/00093 – Future of Commissioned Services at Seashells Family Hubs")
    ]
    hub_saving = income.model_copy(update={"title": "Commissioned family hub services"})
    assert judged(hubs, hub_saving).verdict == "question"


def test_a_decision_said_to_be_implemented_is_no_evidence() -> None:
    settled = CALLED_IN[:2] + [passage("a. That Decision 24/00093 be implemented.", 2)]
    assert unsettled_decisions(Extraction(passages=settled)) == []
    assert judged(settled).verdict == "no_concern"


def test_a_saving_about_something_else_is_not_matched_to_the_decision() -> None:
    other = saving(
        "Reduce the cost of residential placements", 900_000.0, directorate="Children's Services", period=YEAR
    )
    assert judged(CALLED_IN, other).verdict == "no_concern"


def test_deferred_money_and_a_question_are_not_unsettled_decisions() -> None:
    passages = [
        passage("Income from children's centres of £0.2m is deferred to 2026-27."),
        passage("Is the decision on children's centres eligible for call-in?"),
    ]
    assert unsettled_decisions(Extraction(passages=passages)) == []


KENT = [
    "kent_cabinet_2025-01-30_appendixF_budget_templates.pdf",
    "kent_council_2025-03-13_family_hubs_callin_report.pdf",
]


@pytest.fixture(scope="module")
def kent(kent_dir: Path) -> Review:
    need(importlib.util.find_spec("extract.pdf.reader") is not None, "the PDF reader is missing")
    from analyse.benchmarks import load_benchmark_table
    from analyse.review import build_review
    from extract.document import extract_file

    parts = [extract_file(name, (kent_dir / name).read_bytes()) for name in KENT]
    return build_review(Extraction.combine(parts), load_benchmark_table())


def test_kents_open_access_saving_rests_on_the_called_in_family_hubs_decision(kent: Review) -> None:
    (j,) = [j for j in kent.savings_judged if j.title.startswith("Review of Open Access")]
    assert j.verdict == "question" and j.at_risk_gbp == 0.0
    reason = next(r for r in j.reasons if r.code == "depends_on_unsettled_decision")
    assert "Decision 24/00093" in reason.reason and "Family Hubs" in reason.reason
    assert "(family hub) was called in: does the saving depend on it?" in reason.reason
    # Its status as the report last gives it (¶18, Cabinet on 4 March), not every word found.
    assert "progressed to Full Council without amendment" in reason.reason
    assert "referred back" not in reason.reason and "depends on a decision" not in reason.reason
    assert {(p.file, p.page) for p in reason.provenance} == {(KENT[1], 1), (KENT[1], 5)}


def test_every_unsettled_phrase_however_written_passes_the_check_before_the_matcher() -> None:
    from analyse.decisions import UNSETTLED, UNSETTLED_WORDS, _may_be_unsettled
    from analyse.wording import labels

    for words in UNSETTLED_WORDS.values():
        for phrase in words:
            for written in (phrase, phrase.upper(), phrase.title(), phrase.replace("-", " - ")):
                sentence = f"The decision was {written} on 4 March."
                assert labels(UNSETTLED, sentence), sentence  # the matcher finds it
                assert _may_be_unsettled(sentence), sentence
    assert not _may_be_unsettled("The Cabinet agreed the budget for 2025-26 in full.")


def test_on_kents_papers_the_check_before_the_matcher_passes_every_sentence_the_matcher_finds(
    kent_dir: Path,
) -> None:
    """The check (analyse.decisions._may_be_unsettled) spares spaCy most sentences, and never one in
    which the matcher finds an unsettled decision's words, on every passage of Kent's papers."""
    need(importlib.util.find_spec("extract.pdf.reader") is not None, "the PDF reader is missing")
    from analyse.decisions import UNSETTLED, _may_be_unsettled
    from analyse.wording import labels
    from extract.document import extract_file
    from extract.prose import sentences_cited

    papers = sorted(kent_dir.glob("*.pdf"))
    passages = [p for paper in papers for p in extract_file(paper.name, paper.read_bytes()).passages]
    sentences = [s for p in passages for s, _ in sentences_cited(p)]
    found = [s for s in sentences if labels(UNSETTLED, s)]
    assert len(found) >= 20 and len(sentences) >= 1000
    assert [s for s in found if not _may_be_unsettled(s)] == []
    assert sum(map(_may_be_unsettled, sentences)) < len(sentences) / 4
