"""What the pack shows, chosen by analyse.selection: the children's directorate's lines with their
scope, totals from the same document, sentences about children's money, each saving once."""

from __future__ import annotations

import pytest
from render_samples import sample

from analyse.records import Factor, Scope
from analyse.scope import scope_index, without_grant_changes
from analyse.selection import (
    by_year,
    children_statements,
    council_factors,
    growth_checks,
    plan_only,
    pressure_items,
    saving_items,
    service_lines,
    total_lines,
)
from extract.records import BudgetBuild, Extraction, Provenance, Verification
from tests.review_builders import YEAR, pressure

PROV = Provenance(
    file="appendixE.pdf", sha256="ab" * 32, page=1, bbox=None, locator="row 38", text="NET BUDGET"
)


def test_only_the_councils_own_type_and_region_are_listed_among_the_drivers() -> None:
    review, _ = sample()
    factors = [
        Factor(name="IDACI score +0.10", effect=140.0),
        Factor(name="type: unitary authority", effect=-257.0),
        Factor(name="region: North East", effect=461.0),
        Factor(name="region: East Midlands", effect=0.0),
    ]
    drivers = review.drivers.model_copy(update={"factors": factors})
    # The sample council is a shire county (the model's reference type) in the East Midlands.
    assert [f.name for f in council_factors(review.council, drivers)] == [
        "IDACI score +0.10",
        "region: East Midlands",
    ]


def test_the_pack_shows_only_childrens_service_lines_of_a_whole_council_report() -> None:
    from tests.review_builders import budget

    review, extraction = sample()
    lines = [
        budget("Residential placements", "service_line", 38.4e6, 43.45e6, directorate="Children's Services"),
        budget("Older people", "service_line", 210e6, 212.6e6, directorate="Adult Social Care"),
        budget("Total Adult Social Care", "directorate", 393e6, 393.9e6, directorate="Adult Social Care"),
        budget("Total Children's Services", "directorate", 191e6, 203.4e6, directorate="Children's Services"),
        budget("COUNCIL TOTAL", "total", 818e6, 830.8e6),
    ]
    extraction = extraction.model_copy(update={"budget_lines": lines})
    services = service_lines(extraction, scope_index(extraction))
    assert [(b.name, b.scope) for b in services] == [("Residential placements", Scope.CHILDRENS_SOCIAL_CARE)]
    totals = total_lines(extraction, scope_index(extraction), services)
    assert [(b.name, b.scope) for b in totals] == [
        ("Total Children's Services", Scope.CHILDRENS_SOCIAL_CARE),
        ("COUNCIL TOTAL", Scope.COUNCIL_WIDE),
    ]


def test_sentences_stating_childrens_money_are_quoted_once_each_and_reserves_are_left_to_their_list() -> None:
    from extract.records import Figure, FigureUnit

    said = "Children's social care growth is £23.7m (10.5% increase) and transport £13.8m."
    figures = [
        Figure(value=23.7e6, unit=FigureUnit.GBP, text=said, provenance=[PROV]),
        Figure(value=13.8e6, unit=FigureUnit.GBP, text=said, provenance=[PROV]),
        Figure(
            value=14.6e6,
            unit=FigureUnit.GBP,
            text="£14.6m DSG reserve for children's deficit.",
            provenance=[PROV],
        ),
        Figure(
            value=5.0e6,
            unit=FigureUnit.GBP,
            text="Highways maintenance costs rose by £5.0m.",
            provenance=[PROV],
        ),
    ]
    review, extraction = sample()
    extraction = extraction.model_copy(update={"figures": figures})
    assert [s.text for s in children_statements(extraction, scope_index(extraction))] == [said]


def test_the_pack_quotes_the_first_statements_says_how_many_and_the_workbook_keeps_them_all() -> None:
    import io
    import re

    from openpyxl import load_workbook
    from render_samples import sample_review

    from extract.records import Figure, FigureUnit
    from render.data import render_xlsx
    from render.pack import pack_html

    said = [
        f"Children's social care placements cost £{n}.0m more than budgeted in month {n}."
        for n in range(1, 13)
    ]
    figures = [
        Figure(value=n * 1e6, unit=FigureUnit.GBP, text=t, provenance=[PROV]) for n, t in enumerate(said, 1)
    ]
    _, extraction = sample()
    extraction = extraction.model_copy(update={"figures": figures})
    review = sample_review(extraction)
    chosen = review.selection
    assert [s.text for s in chosen.statements] == said and chosen.statements_shown == 10
    html = " ".join(re.sub(r"<[^>]+>", " ", pack_html(review, extraction)).split())
    assert (
        "10 of 12 shown, the first in the documents' order; all are in the workbook's Statements sheet."
        in html
    )
    assert "in month 10." in html and "in month 11." not in html
    sheet = load_workbook(io.BytesIO(render_xlsx(review, extraction)))["Statements"]
    assert [row[0] for row in sheet.iter_rows(min_row=2, values_only=True)] == said


def test_totals_under_the_service_lines_come_from_the_same_document() -> None:
    from tests.review_builders import budget

    review, extraction = sample()
    lines = [
        budget("Residential placements", "service_line", 38.4e6, 43.45e6, file="q2.pdf", directorate="CYPE"),
        budget("Total CYPE", "directorate", 191e6, 203.4e6, file="q2.pdf", directorate="CYPE"),
        budget("CYPE", "directorate", 191e6, 201.1e6, file="q1.pdf", directorate="CYPE"),
        budget("Total", "total", 818e6, 828.9e6, file="q1.pdf"),
    ]
    extraction = extraction.model_copy(update={"budget_lines": lines})
    scopes = scope_index(extraction)
    assert [b.name for b in total_lines(extraction, scopes, service_lines(extraction, scopes))] == [
        "Total CYPE"
    ]


def test_a_saving_listed_by_both_the_savings_plan_and_the_mtfp_is_shown_once() -> None:
    from tests.review_builders import saving

    lines = [
        saving("Step down from residential to foster care", 1.1e6, file="plan.docx", ref="CYPE-02"),
        saving("Pay and Reward", 0.3e6, file="plan.docx"),
        saving("Pay and Reward", 0.2e6, file="plan.docx"),
        saving("Step down from residential to foster care", 0.9e6, file="mtfp.pdf"),
    ]
    extraction = Extraction(savings=lines)
    shown = plan_only(saving_items(extraction, scope_index(extraction), [], YEAR))
    assert [(s.title, s.provenance[0].file) for s in shown] == [
        ("Step down from residential to foster care", "plan.docx"),
        ("Pay and Reward", "plan.docx"),
        ("Pay and Reward", "plan.docx"),
    ]


def test_the_workbook_keeps_every_line_and_says_where_each_sits() -> None:
    import io

    from openpyxl import load_workbook

    from analyse.review import build_review
    from render.data import render_xlsx
    from tests.review_builders import budget

    lines = [
        budget("Residential placements", "service_line", 38.4e6, 43.45e6, directorate="Children's Services"),
        budget("Home to school transport", "service_line", 20e6, 22e6, directorate="Children's Services"),
        budget("Children's Services", "directorate", 58.4e6, 65.45e6, directorate="Children's Services"),
        budget("Older people", "service_line", 210e6, 212.6e6, directorate="Adult Social Care"),
        budget("COUNCIL TOTAL", "total", 818e6, 830.8e6),
    ]
    extraction = Extraction(budget_lines=lines)
    book = load_workbook(io.BytesIO(render_xlsx(build_review(extraction), extraction)))
    sheet = book["Budget lines"]
    header = [c.value for c in sheet[1]]
    rows = {r[0]: r[header.index("Scope")] for r in sheet.iter_rows(min_row=2, values_only=True)}
    assert rows == {
        "Residential placements": "Children's social care",
        "Home to school transport": "Education, SEND and home-to-school transport",
        # the directorate's own row holds education and transport too: named as the directorate
        "Children's Services": "Children's Services: the children's directorate, all its services",
        "Older people": "Another directorate",
        "COUNCIL TOTAL": "Council-wide",
    }


def test_the_directorate_total_has_one_label_in_the_flags_the_lines_of_enquiry_and_the_workbook() -> None:
    # As Wyvern's "Total Children, Young People and Education": the directorate's own row holds
    # education and transport, so its overspend flag and its question name the directorate, as the
    # workbook does, never "Children's social care".
    import html
    import io
    import re

    from openpyxl import load_workbook

    from analyse.review import build_review
    from render.data import render_xlsx
    from render.pack import pack_html
    from tests.review_builders import budget

    lines = [
        budget("Residential placements", "service_line", 38.4e6, 43.45e6, directorate="Children's Services"),
        budget("Home to school transport", "service_line", 20e6, 22e6, directorate="Children's Services"),
        budget("Children's Services", "directorate", 58.4e6, 65.45e6, directorate="Children's Services"),
        budget("COUNCIL TOTAL", "total", 818e6, 830.8e6),
    ]
    extraction = Extraction(budget_lines=lines)
    review = build_review(extraction)
    label = "Children's Services: the children's directorate, all its services"
    book = load_workbook(io.BytesIO(render_xlsx(review, extraction)))
    sheet = book["Flags"]
    header = [c.value for c in sheet[1]]
    scopes = {
        r[header.index("Subject")]: r[header.index("Scope")]
        for r in sheet.iter_rows(min_row=2, values_only=True)
    }
    assert scopes["Children's Services"] == label
    assert scopes["Residential placements"] == "Children's social care"
    page = html.unescape(re.sub(r"<[^>]+>", " ", pack_html(review, extraction)))
    page = re.sub(r"\s+", " ", page)
    assert f"Children's Services {label}" in page  # the flags table's subject and its scope
    assert f"({label})" in page  # the question on the directorate's overspend
    assert "Children's Services Children's social care" not in page


def test_a_saving_two_plans_phase_differently_is_taken_from_the_one_the_other_documents_agree_with() -> None:
    from analyse.records import SavingItem, Scope
    from analyse.selection import plan_only
    from tests.review_builders import saving

    def item(file: str, amount: float, **fields: object) -> SavingItem:
        line = saving("Step down from residential to foster care", amount, file=file, **fields)
        return SavingItem(**line.model_dump(), scope=Scope.CHILDRENS_SOCIAL_CARE, target_in_year_gbp=amount)

    plan = item("CYPE savings plan.docx", 1_100_000.0)
    mtfp = item("MTFP.pdf", 900_000.0)
    tracker = item("tracker.xlsx", 900_000.0, target_gbp=900_000.0)
    assert plan_only([plan, mtfp, tracker]) == [mtfp]
    assert plan_only([plan, mtfp]) == [plan]  # no third word: the first listed stands


def test_savings_are_grouped_by_the_trackers_own_ratings_a_darker_shade_apart_and_first() -> None:
    from analyse.selection import by_rag
    from extract.records import Rag
    from tests.review_builders import saving

    lines = [
        saving("Step down from residential", 1.25e6).model_copy(
            update={"rag": Rag.AMBER, "rag_text": "Dark  Amber"}
        ),
        saving("Agency staff", 0.9e6).model_copy(update={"rag": Rag.AMBER, "rag_text": "Amber"}),
        saving("Fostering", 0.6e6).model_copy(update={"rag": Rag.RED, "rag_text": "red"}),
        # the tracker's "Blue" is the colour itself: the group keeps the colour's name ("Blue (delivered)")
        saving("Short breaks", 0.3e6).model_copy(update={"rag": Rag.BLUE, "rag_text": "Blue"}),
    ]
    extraction = Extraction(savings=lines)
    groups = by_rag(saving_items(extraction, scope_index(extraction), [], YEAR))
    assert [(g.name, g.count) for g in groups] == [
        ("Red", 1),
        ("Dark Amber", 1),
        ("Amber", 1),
        ("Blue (delivered)", 1),
    ]
    assert [g.rag for g in groups] == ["red", "amber", "amber", "blue"]  # each keeps its colour


def test_a_dsg_pressure_is_counted_in_the_total_and_named_apart_as_ring_fenced() -> None:
    # Kent's Appendix F files "Dedicated Schools Grant (DSG) anticipated in year deficit" (23,900)
    # among CYPE's pressures: in the total the table prints, but the ring-fenced grant's, not a
    # General Fund pressure.
    lines = [
        pressure("Home to School transport - SEN", 10_200_000.0, directorate="CYPE"),
        pressure(
            "Dedicated Schools Grant (DSG) anticipated in year deficit", 23_900_000.0, directorate="CYPE"
        ),
    ]
    extraction = Extraction(pressures=lines)
    scopes = scope_index(extraction)
    table = by_year(pressure_items(extraction, scopes), [YEAR], scopes)
    assert table.totals == [34_100_000.0]  # the figure itself is unchanged
    assert table.general_fund == [10_200_000.0]
    assert table.ring_fenced == [23_900_000.0]
    alone = by_year(lines[:1], [YEAR], scopes)
    assert alone.ring_fenced == [] and alone.general_fund == [10_200_000.0]


def test_a_reduction_in_grant_income_among_the_pressures_is_a_pressure_on_the_net_budget() -> None:
    # Kent's Appendix F p.10: "Reduction in Grant Income | CYPE | ... | Children & Families grants
    # | ... 11,276.2" among the spending lines: the grants lost must be funded, as any pressure is.
    lines = [
        pressure("Home to School transport - SEN", 10_200_000.0, directorate="CYPE"),
        pressure(
            "Children & Families grants",
            11_276_200.0,
            directorate="CYPE",
            category="Reduction in Grant Income",
        ),
    ]
    extraction = without_grant_changes(Extraction(pressures=lines))
    scopes = scope_index(extraction)
    table = by_year(pressure_items(extraction, scopes), [YEAR], scopes)
    assert [r.title for r in table.rows] == ["Home to School transport - SEN", "Children & Families grants"]
    assert table.general_fund == [21_476_200.0]


def _growth(amount: float, period: str = YEAR, held: bool = True) -> BudgetBuild:
    return BudgetBuild(
        name="CYPE", level="directorate", period=period, base_gbp=400e6, growth_gbp=amount,
        new_budget_gbp=400e6 + amount, provenance=[PROV],
        verification=Verification.VERIFIED if held else Verification.CONTRADICTED,
    )  # fmt: skip


def test_the_pressures_listed_are_set_against_the_growth_the_build_gives_for_the_same_year() -> None:
    # Kent: CYPE's pressures (Appendix F) sum to 71,779.5 for 2025-26, and Appendix E's "TOTAL
    # SPENDING | CYPE | 71,779.5": they agree. A build that counts more than the lines listed shows
    # the difference, signed as pressures less growth.
    lines = [
        pressure("Placements", 50e6, directorate="CYPE"),
        pressure("DSG deficit", 21.78e6, directorate="CYPE"),
    ]
    extraction = Extraction(pressures=lines)
    scopes = scope_index(extraction)
    table = by_year(pressure_items(extraction, scopes), [YEAR, "2025-26"], scopes)
    [check] = growth_checks(table, [_growth(71.78e6)])
    assert (check.period, check.agree, check.difference_gbp) == (YEAR, True, 0.0)
    [check] = growth_checks(table, [_growth(83.06e6, held=False), _growth(71.78e6)])
    assert check.growth_gbp == 71.78e6  # a verified build before one that does not add up
    [check] = growth_checks(table, [_growth(83.06e6)])
    assert not check.agree and check.difference_gbp == pytest.approx(-11.28e6)
    assert growth_checks(table, [_growth(71.78e6, period="2023-24")]) == []  # no pressures that year


def test_lines_the_plan_marks_externally_funded_are_kept_apart_from_the_general_funds_core() -> None:
    # Kent's Appendix F p.10 marks "Children & Families grants" (11,276.2, a grant swap) and the
    # UASC realignment (-400.0) "External" in "Core or Externally Funded": a grant meets them, so
    # they are neither in the General Fund's pressures nor netted against them.
    lines = [
        pressure("Home to School transport - SEN", 10_200_000.0, directorate="CYPE", funding="core"),
        pressure("Children & Families grants", 11_276_200.0, directorate="CYPE", funding="external"),
        pressure("UASC - re-prioritisation of grant", -400_000.0, directorate="CYPE", funding="external"),
        pressure("DSG anticipated in year deficit", 23_900_000.0, directorate="CYPE", funding="external"),
        pressure("Care leavers", 125_000.0, directorate="CYPE"),  # no funding column: the General Fund's
    ]
    extraction = Extraction(pressures=lines)
    scopes = scope_index(extraction)
    table = by_year(pressure_items(extraction, scopes), [YEAR], scopes)
    assert table.totals == [pytest.approx(45_101_200.0)]  # every line listed, unchanged
    assert table.general_fund == [10_325_000.0]
    assert table.external == [pytest.approx(10_876_200.0)]
    assert table.ring_fenced == [23_900_000.0]  # the DSG line is ring-fenced, not counted twice
    assert by_year(lines[:1], [YEAR], scopes).external == []


def test_the_general_funds_core_pressures_are_set_against_the_builds_core_growth() -> None:
    # Kent: CYPE's core lines sum to 40,335.3, Appendix E's "TOTAL SPENDING | CYPE Core | 40,335.3".
    lines = [
        pressure("Placements", 40e6, directorate="CYPE", funding="core"),
        pressure("Children & Families grants", 11e6, directorate="CYPE", funding="external"),
    ]
    extraction = Extraction(pressures=lines)
    scopes = scope_index(extraction)
    table = by_year(pressure_items(extraction, scopes), [YEAR], scopes)
    build = _growth(51e6).model_copy(update={"core_growth_gbp": 40e6})
    [check] = growth_checks(table, [build])
    assert (check.core_pressures_gbp, check.core_growth_gbp, check.core_agree) == (40e6, 40e6, True)
    [check] = growth_checks(table, [build.model_copy(update={"core_growth_gbp": 41e6})])
    assert check.core_agree is False
    [check] = growth_checks(table, [_growth(51e6)])  # the build prints no core column
    assert check.core_agree is None and check.agree


def test_adults_lines_in_the_childrens_directorate_are_in_the_total_and_named_apart() -> None:
    # Kent's CYPE plan holds "Adult Social Care (aged 18-25)" lines: the directorate's total holds
    # them, and the part that is adults' is named apart, as the savings summary names it.
    lines = [
        pressure("Home to School transport - SEN", 10_600_000.0, directorate="CYPE"),
        pressure("Adult Social Care (aged 18-25) - Client Benefit Uplift", 40_000.0, directorate="CYPE"),
        pressure("Adult Social Care Charging", 129_100.0, directorate="CYPE"),
    ]
    extraction = Extraction(pressures=lines)
    scopes = scope_index(extraction)
    table = by_year(pressure_items(extraction, scopes), [YEAR], scopes)
    assert [r.scope for r in table.rows][1:] == [Scope.ADULTS_IN_CHILDRENS] * 2
    assert table.totals == [10_769_100.0]  # the directorate's total is unchanged
    assert table.adults == [169_100.0]
    assert by_year(lines[:1], [YEAR], scopes).adults == []


def test_a_saving_two_documents_phase_differently_shows_the_other_documents_figure_beside_its_row() -> None:
    import re
    from html import unescape

    from analyse.review import build_review
    from render.pack import pack_html
    from tests.review_builders import saving

    title = "Step down from residential to foster care"
    lines = [
        saving(title, 1.1e6, file="CYPE savings plan.docx", ref="CYPE-02"),
        saving(title, 0.9e6, file="MTFP.pdf"),
        saving(
            title,
            None,
            file="tracker.xlsx",
            ref="CYPE-02",
            period=YEAR,
            target_gbp=0.9e6,
            forecast_gbp=0.45e6,
        ),
    ]
    extraction = Extraction(savings=lines)
    review = build_review(extraction)
    # The MTFP's row stands (the tracker agrees with it); the plan's £1.1m is named beside it.
    (row,) = review.selection.plan_lines.rows
    assert (row.amounts, row.provenance[0].file) == ([0.9e6], "MTFP.pdf")
    assert [(o.period, o.amount_gbp, o.provenance[0].file) for o in row.others] == [
        (YEAR, 1.1e6, "CYPE savings plan.docx")
    ]
    html = unescape(re.sub(r"<[^>]+>", "", pack_html(review, extraction)))
    assert "Another document differs: 1,100 for 2024-25 in CYPE savings plan.docx" in " ".join(html.split())


def test_documents_that_agree_on_a_saving_name_no_other_figure() -> None:
    from analyse.records import SavingItem, Scope
    from analyse.selection import other_figures
    from tests.review_builders import saving

    def item(file: str, amount: float) -> SavingItem:
        line = saving("Step down from residential to foster care", amount, file=file)
        return SavingItem(**line.model_dump(), scope=Scope.CHILDRENS_SOCIAL_CARE, target_in_year_gbp=amount)

    mtfp, plan = item("MTFP.pdf", 900_000.0), item("plan.docx", 900_400.0)  # within rounding
    assert other_figures(mtfp, [mtfp, plan], [YEAR]) == []
    assert other_figures(mtfp, [mtfp, plan], ["2025-26"]) == []  # not a year of the table
    far = item("plan.docx", 1_100_000.0)
    assert [o.amount_gbp for o in other_figures(mtfp, [mtfp, far], [YEAR])] == [1_100_000.0]


def test_a_sentence_about_the_whole_childrens_directorate_is_named_as_the_directorate() -> None:
    from analyse.scope import statement_label

    whole = "Children, Young People and Education accounts for almost all of it, with a forecast overspend of £12.4m."
    assert (
        statement_label(whole, Scope.CHILDRENS_SOCIAL_CARE) == "The children's directorate, all its services"
    )
    # One value changed: a sentence on one service of it keeps its scope's name.
    one = "There were 58 children in residential care at 30 September 2025 against a budgeted 50."
    assert statement_label(one, Scope.CHILDRENS_SOCIAL_CARE) == ""
    assert statement_label(whole, Scope.EDUCATION_SEND_TRANSPORT) == ""
