"""The children's headline is the directorate row, and only one the document's arithmetic does not
contradict: verified rows say so, unchecked rows carry a plain mark, contradicted rows never headline,
and no service line stands in for a missing directorate row."""

from __future__ import annotations

import re
from typing import Any

from analyse.review import build_review
from extract.records import Check, Extraction, Rag, Verification
from render.findings import headline_findings
from render.pack import pack_html
from tests.review_builders import YEAR, budget, prov, saving

CHILDREN = "Children's Services"


def held(identity: str, ok: bool = True) -> Check:
    return Check(identity=identity, held=ok, detail="budget 300,000 + variance 12,000 = forecast 312,000")


def directorate(verification: Verification, **fields: Any) -> Any:
    checks = {
        Verification.VERIFIED: [held("budget + variance = forecast")],
        Verification.UNCHECKED: [],
        Verification.CONTRADICTED: [held("budget + variance = forecast", ok=False)],
    }[verification]
    row = budget(
        fields.pop("name", "Total Children's Services"),
        "directorate",
        fields.pop("budget_gbp", 300e6),
        fields.pop("forecast_gbp", 312e6),
        directorate=CHILDREN,
        **fields,
    )
    return row.model_copy(update={"verification": verification, "checks": checks})


def services() -> list[Any]:
    return [
        budget("Residential placements", "service_line", 40e6, 46e6, directorate=CHILDREN),
        budget("Fostering", "service_line", 30e6, 29e6, directorate=CHILDREN),
    ]


def extraction(*rows: Any) -> Extraction:
    return Extraction(budget_lines=[*rows, *services(), budget("Council total", "total", 900e6, 915e6)])


def summary_text(review: Any) -> str:
    return " ".join(f"{f.title} {f.figure} {f.detail}" for f in headline_findings(review))


def test_a_verified_directorate_row_headlines_and_says_it_is_verified() -> None:
    review = build_review(extraction(directorate(Verification.VERIFIED)))
    cs = review.position.children_services
    assert (cs.budget_gbp, cs.forecast_gbp, cs.variance_gbp) == (300e6, 312e6, 12e6)
    assert cs.verification == "verified" and cs.checks[0].startswith("budget + variance = forecast: held")
    assert "verified by the document's own arithmetic" in summary_text(review)
    assert review.position.children_services_missing is None


def test_an_unchecked_directorate_row_headlines_with_a_plain_mark() -> None:
    review = build_review(extraction(directorate(Verification.UNCHECKED)))
    assert review.position.children_services.variance_gbp == 12e6
    assert review.position.children_services.verification == "unchecked"
    assert "not verified by the document's arithmetic" in summary_text(review)
    html = pack_html(review, Extraction())
    assert "not verified by the document&#39;s arithmetic" in html or "not verified by the document's" in html


def test_a_contradicted_directorate_row_never_headlines_and_the_pack_says_so_first() -> None:
    review = build_review(extraction(directorate(Verification.CONTRADICTED)))
    cs = review.position.children_services
    assert (cs.budget_gbp, cs.forecast_gbp, cs.variance_gbp) == (None, None, None)
    assert "does not agree with its table's arithmetic" in (review.position.children_services_missing or "")
    first = headline_findings(review)[0]
    assert first.title.endswith("as printed, contradicted")  # marked, never the position
    # Nor does a sum of the service lines stand in for it (40 + 30 = 70m budget, +5m variance).
    assert "£5.0m" not in summary_text(review).split("Largest service overspend")[0]
    assert any("does not agree with its table's arithmetic" in c for c in review.caveats)


def test_a_contradicted_row_gives_way_to_another_directorate_row_that_holds() -> None:
    wrong = directorate(Verification.CONTRADICTED, budget_gbp=310e6, forecast_gbp=350e6)
    right = directorate(Verification.VERIFIED, name="CYPS", file="q1.pdf")
    review = build_review(extraction(wrong, right))
    assert review.position.children_services.variance_gbp == 12e6
    assert review.position.children_services.verification == "verified"


def test_without_a_directorate_row_no_service_line_stands_in_and_the_pack_says_so() -> None:
    review = build_review(extraction())
    cs = review.position.children_services
    assert cs.variance_gbp is None and cs.budget_gbp is None
    assert "No children's directorate summary row" in (review.position.children_services_missing or "")
    assert headline_findings(review)[0].title == "No headline children's position"
    html = pack_html(review, Extraction())
    assert html.index("No headline children") < html.index('id="savings"')


def test_a_contradicted_council_total_is_not_the_councils_position() -> None:
    bad = budget("Council total", "total", 900e6, 999e6).model_copy(
        update={"verification": Verification.CONTRADICTED}
    )
    good = budget("Net budget total", "total", 880e6, 890e6)
    review = build_review(Extraction(budget_lines=[bad, good, directorate(Verification.VERIFIED)]))
    assert review.position.budget_gbp == 880e6


def test_a_saving_whose_own_arithmetic_is_contradicted_is_left_out_of_the_sums() -> None:
    ok = saving("Fostering recruitment", target_gbp=500e3, forecast_gbp=200e3, rag=Rag.RED, period=YEAR)
    odd = saving(
        "Residential review",
        target_gbp=900e3,
        forecast_gbp=100e3,
        shortfall_gbp=50e3,
        rag=Rag.RED,
        period=YEAR,
    ).model_copy(update={"verification": Verification.CONTRADICTED})
    summary = build_review(Extraction(savings=[ok, odd])).savings_summary
    assert (summary.target_gbp, summary.at_risk_gbp, summary.lines) == (500e3, 300e3, 2)
    assert summary.contradicted_lines == 1


def test_a_contradicted_row_a_reviewer_confirmed_headlines_and_says_who_settled_it() -> None:
    from extract.records import Reviewed

    row = directorate(Verification.CONTRADICTED)
    confirmed = row.model_copy(
        update={
            "reviewed": [Reviewed(action="confirmed", by="reviewer@lga.gov.uk", at="2026-12-06T02:00:00Z")]
        }
    )
    cs = build_review(extraction(confirmed)).position.children_services
    assert cs.variance_gbp == row.variance_gbp and cs.verification == "confirmed"
    undone = build_review(extraction(row)).position.children_services
    assert undone.variance_gbp is None


def test_a_line_a_reviewer_marked_out_of_scope_is_not_childrens() -> None:
    from analyse.records import Scope
    from analyse.scope import reviewed_scope
    from extract.records import Reviewed

    row = directorate(Verification.VERIFIED)
    mark = Reviewed(action="out_of_scope", by="r", at="2026-12-06T02:00:00Z")
    assert reviewed_scope(row, Scope.CHILDRENS_SOCIAL_CARE) is Scope.CHILDRENS_SOCIAL_CARE
    marked = row.model_copy(update={"reviewed": [mark]})
    assert reviewed_scope(marked, Scope.CHILDRENS_SOCIAL_CARE) is Scope.OTHER_DIRECTORATE
    back = marked.model_copy(update={"reviewed": [mark, mark.model_copy(update={"action": "in_scope"})]})
    assert reviewed_scope(back, Scope.OTHER_DIRECTORATE) is Scope.CHILDRENS_SOCIAL_CARE


def test_a_contradicted_row_is_shown_first_marked_with_what_failed_and_what_agrees_until_confirmed() -> None:
    row = directorate(Verification.CONTRADICTED)
    place = prov("Total Children's Services | 300,000 | 312,000", "monitoring.pdf", "page 3, table 2, row 9")
    page_total = Check(
        identity="agrees with the same line elsewhere in the document",
        held=True,
        detail="at page 3: the same",
        provenance=[place],
    )
    row = row.model_copy(update={"checks": [*row.checks, page_total]})
    review = build_review(extraction(row))
    assert review.position.children_services.variance_gbp is None  # never the position
    first = headline_findings(review)[0]
    assert first.title == "Children's Services: forecast overspend as printed, contradicted"
    assert first.figure == "£12.0m"
    assert (
        "Not taken as the children's position, because its check 'budget + variance = forecast' fails"
        in first.detail
    )
    assert "; it agrees with 'agrees with the same line elsewhere in the document'." in first.detail
    assert "It headlines once a reviewer confirms or corrects it" in first.detail
    # How to do so in the tool is the pack's alone (the deck, shown to the council, carries
    # `detail`), and names where: the web app's check page, which the pack itself lacks.
    assert "Check the figures" not in first.detail
    assert "Not the position as printed" not in first.detail
    said = "".join(map(str, first.pack_only))
    assert not said.strip().startswith("To do so")  # says what, not "so"
    assert "Check the figures" in said and "before the review" in said
    # in a reviewer's words: never the tool's names (its command, "web app")
    assert not re.search(r"reviewpack|web app|\bCLI\b|JSON", said, re.I)
    assert place in first.provenance  # the place that agrees is cited
    html = pack_html(review, Extraction())
    assert html.index("as printed, contradicted") < html.index('id="savings"')
    assert "Check the figures" in html

    from extract.records import Reviewed

    confirmed = row.model_copy(
        update={
            "reviewed": [Reviewed(action="confirmed", by="reviewer@lga.gov.uk", at="2026-12-06T02:00:00Z")]
        }
    )
    first = headline_findings(build_review(extraction(confirmed)))[0]
    assert first.title == "Children's Services: forecast overspend, confirmed by the reviewer"
    assert first.figure == "£12.0m" and "contradicted" not in first.detail


def test_a_long_list_of_documents_not_supplied_is_counted_in_the_summary_and_named_in_the_caveats() -> None:
    review = build_review(extraction(directorate(Verification.VERIFIED)))
    few = review.model_copy(update={"missing_documents": ["risk register", "savings tracker"]})
    many = review.model_copy(update={"missing_documents": [f"Appendix {c}" for c in "ABCDE"]})
    assert "2 documents not supplied (risk register, savings tracker)" in summary_text(few)
    assert "5 documents not supplied, named under data quality and caveats" in summary_text(many)
    assert "Appendix A" not in summary_text(many)
