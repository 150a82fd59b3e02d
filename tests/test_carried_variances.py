"""Where no service-line monitoring was received, a budget build's changes filed under a category
that carries the current year's monitoring variances ("Base Budget Changes", "realignment") locate
the current year's over- and underspends by service; and the sentences quoted about children's money
include a variance stated as a percentage.

Kent's Appendix F p.1 files under "Base Budget Changes" (main report p.36: "Changes to reflect full
year effect of variations in the current year's monitoring forecast compared to approved budget")
+£4.0m for disabled children's 2024-25 cost increases and -£5.3m for a home to school transport
underspend; its main report p.31 (para 8.7) says the disabled children's budget estimates "show a
much larger variance (20%)".
"""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from render_samples import sample

from analyse.records import Scope
from analyse.scope import scope_index
from analyse.selection import carried_variances, children_statements
from extract.records import Extraction, Figure, FigureUnit, PeriodAmount, Provenance, Verification
from extract.tables.vocabulary import carries_current_year_variances
from tests.review_builders import YEAR, pressure

APPENDIX_F = "kent_cabinet_2025-01-30_appendixF_budget_templates.pdf"
DRAFT = "kent_cabinet_2025-01-30_draft_revenue_budget_2025-26_MTFP_2025-28.pdf"
BASE = "Base Budget Changes"


@pytest.mark.parametrize(
    ("category", "carries"),
    [
        ("Base Budget Changes", True),
        ("Budget Realignment", True),
        ("Full year effect of current year pressures", True),
        ("In-year pressures", True),
        ("Demand & Cost Drivers - Demand", False),
        ("Full year effect of 2024-25 savings", False),  # a saving's later effect, not a variance
        ("Prices", False),
        (None, False),
    ],
)
def test_a_category_carries_the_current_years_variances_by_its_own_words(
    category: str | None, carries: bool
) -> None:
    assert carries_current_year_variances(category) is carries


def _build_lines() -> list:
    return [
        pressure(
            "Children's Social Care - Disabled Children", 4_000_000.0, directorate="CYPE", category=BASE
        ),
        pressure(
            "Highways - demand on Cat1 and Cat 2 defects", 1_757_000.0, directorate="GET", category=BASE
        ),
        pressure("Home to School Transport", -5_300_000.0, directorate="CYPE", category=BASE),
        pressure("Looked after children - demand", 9_000_000.0, directorate="CYPE", category="Demand"),
        pressure("Total base budget changes", -1_300_000.0, directorate="CYPE", category=BASE),
    ]


def test_the_childrens_base_budget_changes_are_where_the_current_years_variances_are_located() -> None:
    extraction = Extraction(pressures=_build_lines())
    found = carried_variances(extraction, scope_index(extraction))
    # another directorate's change, a demand line and the category's total row are not shown
    assert [(c.title, c.amount_gbp, c.scope) for c in found] == [
        ("Children's Social Care - Disabled Children", 4_000_000.0, Scope.CHILDRENS_SOCIAL_CARE),
        ("Home to School Transport", -5_300_000.0, Scope.EDUCATION_SEND_TRANSPORT),
    ]
    assert {(c.period, c.current_year) for c in found} == {(YEAR, "2023-24")}  # YEAR is 2024-25
    assert all(c.category == BASE and c.provenance for c in found)


def test_a_change_only_to_a_later_year_says_nothing_of_the_current_year() -> None:
    later = pressure("Fostering - realignment", 0.0, directorate="CYPE", category=BASE)
    later = later.model_copy(
        update={"planned": [*later.planned, PeriodAmount(period="2026-27", amount_gbp=2e6)]}
    )
    extraction = Extraction(pressures=[later])
    assert carried_variances(extraction, scope_index(extraction)) == []


def test_a_line_its_plan_funds_externally_carries_no_variance_of_the_councils_budget() -> None:
    grant = pressure(
        "Unaccompanied Asylum Seeking Children (UASC) - re-prioritisation of grant",
        -400_000.0,
        directorate="CYPE",
        category=BASE,
        funding="external",
    )
    core = grant.model_copy(update={"title": "Fostering - realignment", "funding": "core"})
    extraction = Extraction(pressures=[grant, core])
    assert [c.title for c in carried_variances(extraction, scope_index(extraction))] == [
        "Fostering - realignment"
    ]


def _without_service_lines(extraction: Extraction) -> Extraction:
    """The sample with its directorate's position but no monitoring by service line, and the build's lines."""
    kept = [b for b in extraction.budget_lines if b.level != "service_line"]
    return extraction.model_copy(update={"budget_lines": kept, "pressures": _build_lines()})


def test_the_pack_shows_them_only_where_no_service_line_monitoring_was_received() -> None:
    from render.pack import pack_html
    from tests.render_samples import sample_review

    _, extraction = sample()
    without = _without_service_lines(extraction)
    review = sample_review(without)
    assert [c.title for c in review.selection.carried_variances] == [
        "Children's Social Care - Disabled Children",
        "Home to School Transport",
    ]
    html = pack_html(review, without)
    assert (
        "not a monitoring report's forecast" in html
        and "No service-line budget monitoring was found" not in html
    )
    assert "(5,300)" in html
    monitored = extraction.model_copy(update={"pressures": _build_lines()})
    assert sample_review(monitored).selection.carried_variances == []


def test_the_deck_lists_them_where_no_service_line_monitoring_was_received() -> None:
    from render.deck import render_pptx
    from tests.render_samples import sample_review

    _, extraction = sample()
    without = _without_service_lines(extraction)
    review = sample_review(without)
    from pptx import Presentation

    deck = Presentation(io.BytesIO(render_pptx(review, without)))
    texts = [
        cell.text
        for slide in deck.slides
        for shape in slide.shapes
        if shape.has_table
        for row in shape.table.rows
        for cell in row.cells
    ]
    assert any(t.startswith("Children's Social Care - Disabled Children") for t in texts)
    assert "4,000" in texts
    said = [s.notes_slide.notes_text_frame.text for s in deck.slides if s.has_notes_slide]
    budget = next(n for n in said if "Children's Social Care - Disabled Children" in n)
    # a build's change is a change to the budget, not a variance against it
    assert "A positive change adds budget where spending ran over it" in budget
    assert "Positive variance is an overspend" not in budget


PROV = Provenance(file="report.pdf", sha256="ab" * 32, page=31, bbox=None, locator="page 31", text="")


def test_a_variance_stated_as_a_percentage_is_quoted_beside_the_one_stated_in_pounds() -> None:
    robust = (
        "Estimates for non-disabled children were robust (less than 0.1% variance on budget of over £100m)."
    )
    larger = "The budget estimates for disabled children in care show a much larger variance (20%)."
    count = "The number of children and young people with EHCPs increased by 11%."
    figures = [
        Figure(value=0.1, unit=FigureUnit.PERCENT, text=robust, provenance=[PROV]),
        Figure(value=100e6, unit=FigureUnit.GBP, text=robust, provenance=[PROV]),
        Figure(value=20.0, unit=FigureUnit.PERCENT, text=larger, provenance=[PROV]),
        Figure(value=11.0, unit=FigureUnit.PERCENT, text=count, provenance=[PROV]),
    ]
    assert [
        s.text
        for s in children_statements(Extraction(figures=figures), scope_index(Extraction(figures=figures)))
    ] == [robust, larger]


def _pages(path: Path, pages: list[int]) -> bytes:
    import pypdf

    reader = pypdf.PdfReader(path)
    writer = pypdf.PdfWriter()
    for page in pages:
        writer.add_page(reader.pages[page - 1])
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def test_kents_base_budget_changes_locate_its_disabled_children_overspend_and_transport_underspend(
    kent_dir: Path,
) -> None:
    from extract.document import extract_file

    extraction = extract_file(APPENDIX_F, (kent_dir / APPENDIX_F).read_bytes())
    found = {c.title: c for c in carried_variances(extraction, scope_index(extraction))}
    disabled = found["Children's Social Care - Disabled Children (Placements & Support)"]
    transport = found["Home to School Transport"]
    # p.10's UASC realignment is within the externally funded grant: not the council's variance
    assert not any(t.startswith("Unaccompanied Asylum Seeking Children") for t in found)
    assert (disabled.amount_gbp, disabled.period, disabled.current_year) == (
        4_000_000.0,
        "2025-26",
        "2024-25",
    )
    assert transport.amount_gbp == -5_300_000.0
    assert disabled.provenance[0].page == 1 and disabled.verification is Verification.VERIFIED
    # Adults' and highways' changes of the same category are not the review's
    assert not any(t.startswith(("Adult Social Care", "Highways")) for t in found if "18-25" not in t)
    assert {c.scope for c in found.values()} <= {
        Scope.CHILDRENS_SOCIAL_CARE,
        Scope.EDUCATION_SEND_TRANSPORT,
        Scope.ADULTS_IN_CHILDRENS,
    }


def test_kents_larger_variance_for_disabled_children_is_quoted_after_the_robust_one(kent_dir: Path) -> None:
    from extract.document import extract_file

    page_31 = extract_file(DRAFT, _pages(kent_dir / DRAFT, [31]))
    texts = [s.text for s in children_statements(page_31, scope_index(page_31))]
    robust = next(i for i, t in enumerate(texts) if "non-disabled children were robust" in t)
    assert (
        texts[robust + 1]
        == "The budget estimates for disabled children in care show a much larger variance (20%)."
    )
