"""Theme tagging across councils' wording, and the £ per theme."""

from __future__ import annotations

import importlib.util
from pathlib import Path

from analyse.records import Flag, Theme
from analyse.themes import tag_flags, themes_of, themes_summary
from extract.records import PeriodAmount, Rag
from tests.conftest import need
from tests.review_builders import YEAR, budget, pressure, prov, saving


def test_independent_fostering_is_one_theme_however_a_council_writes_it() -> None:
    for text in (
        "Reduce reliance on IFAs",
        "Independent Fostering Agency placements",
        "in-house FOSTERING offer",
    ):
        assert "fostering" in themes_of(text), text


def test_sector_wording_lands_on_its_themes() -> None:
    assert "home_to_school_transport" in themes_of("SEN Home to School Transport (HTST) route optimisation")
    assert "send_high_needs" in themes_of("DSG High Needs Block deficit")
    assert "uasc" in themes_of("Unaccompanied asylum seeking children grant")
    assert "workforce" in themes_of("Reduce agency social workers")
    assert "care_leavers" in themes_of("Care leavers accommodation")
    assert themes_of("Highways drainage repairs") == []


def test_a_theme_sums_its_savings_pressures_and_money_at_risk() -> None:
    savings = [
        saving("Foster carer recruitment", 300e3),
        saving("IFA framework re-tender", 200e3),
        saving("Library opening hours", 50e3),
    ]
    flags = tag_flags(
        [
            Flag(
                code="rag_red",
                severity="high",
                subject="IFA framework re-tender",
                message="Rated red",
                amount_gbp=200e3,
                provenance=[prov("IFA")],
            )
        ]
    )
    themes = {
        t.theme: t
        for t in themes_summary(savings, [pressure("Fostering allowances uplift", 120e3)], flags, YEAR)
    }
    fostering = themes["fostering"]
    assert (fostering.savings_gbp, fostering.savings_count) == (500e3, 2)
    assert fostering.at_risk_gbp == 200e3 and fostering.pressures_gbp == 120e3
    assert fostering.evidence


def test_a_flag_without_money_at_risk_adds_nothing_to_a_themes_at_risk() -> None:
    flags = tag_flags(
        [
            Flag(
                code="service_overspend",
                severity="high",
                subject="Residential care",
                message="Forecast to overspend by £4.0m",
                amount_gbp=4e6,
                provenance=[prov("x")],
            )
        ]
    )
    homes = [pressure("Residential care home fees", 300e3)]
    (theme,) = [t for t in themes_summary([], homes, flags, YEAR) if t.theme == "residential"]
    assert theme.at_risk_gbp == 0.0 and theme.flags_count == 1


def test_a_theme_without_money_in_the_year_is_no_row_however_many_sources_name_it() -> None:
    # Kent's "Unaccompanied Asylum Seeking Children (UASC) - re-prioritisation of grant" is a reduction
    # listed among pressures (nothing added), and a benchmark flag names the theme: no row of zeros
    realigned = pressure("Unaccompanied Asylum Seeking Children (UASC) - re-prioritisation of grant", -400e3)
    later = saving(
        "UASC accommodation review", None, planned=[PeriodAmount(period="2026-27", amount_gbp=1e5)]
    )
    flag = Flag(
        code="benchmark_high",
        severity="medium",
        subject="Unaccompanied asylum-seeking children looked after",
        message="Above statistical neighbours",
        provenance=[prov("UASC per 10,000")],
    )
    themes = {t.theme: t for t in themes_summary([later], [realigned], tag_flags([flag]), YEAR)}
    # kept with its flag (themes across reviews count flags), but no line's money or source in it,
    # so no row of the pack's money table
    uasc = themes["uasc"]
    assert (uasc.flags_count, uasc.savings_count, uasc.pressures_count) == (1, 0, 0)
    assert not uasc.has_money and uasc.evidence == flag.provenance
    # neither line has money in the year: every theme here is the flag's alone
    assert all(not t.has_money and t.evidence == flag.provenance for t in themes.values())


def test_the_packs_theme_table_leaves_out_a_theme_only_flags_name_and_names_it_under_the_table() -> None:
    from render.pack import pack_html
    from tests.render_samples import sample

    review, extraction = sample()
    flagged = Theme(theme="uasc", label="Unaccompanied asylum-seeking children", flags_count=2)
    money = Theme(theme="fostering", label="Fostering", savings_gbp=5e5, savings_count=1)
    review = review.model_copy(update={"themes": [money, flagged]})
    html = pack_html(review, extraction)
    table = html.split('<section id="themes">')[1].split("<h3>Flags</h3>")[0]
    assert '<th scope="row">Fostering' in table
    assert '<th scope="row">Unaccompanied' not in table
    assert (
        "Named only by flags, with no line's money in the year: Unaccompanied asylum-seeking children (2 flags)."
        in table
    )


def test_flags_are_tagged_with_the_themes_of_their_subject() -> None:
    line = saving("Residential placements review", 1e6, rag=Rag.RED)
    (flag,) = tag_flags(
        [
            Flag(
                code="rag_red",
                severity="high",
                subject=line.title,
                message="Rated red",
                provenance=line.provenance,
            )
        ]
    )
    assert {"placements", "residential"} <= set(flag.themes)


def test_a_directorates_name_over_its_lines_gives_them_no_theme_of_its_own() -> None:
    from analyse.themes import line_themes

    directorate = "Children, Young People and Education"
    placements = pressure("Residential placement prices above inflation", 2_350_000.0)
    under = placements.model_copy(update={"category": directorate})
    assert line_themes(under) == line_themes(placements) and "education" not in " ".join(line_themes(under))
    bare = pressure("Efficiency", 100_000.0).model_copy(update={"category": "SEND transport"})
    assert line_themes(bare) == themes_of("SEND transport") != []


def test_a_theme_that_cites_a_saving_counts_its_money() -> None:
    """A saving's flag whose reasons name another theme's words (its service line 'residential
    placements' overspends) sits in the saving's own themes: every theme that cites a saving's
    record counts that saving's money, so no theme shows savings 0 beside a saving it cites. A
    step-down is a placement saving too: residential care and fostering are kinds of placement."""
    from analyse.flags import Context, assess_savings

    line = saving(
        "Step down from residential to foster care",
        900e3,
        rag=Rag.AMBER,
        target_gbp=900e3,
        forecast_gbp=450e3,
    )
    lines = [budget("Looked after children – residential placements", "service_line", 10e6, 15e6)]
    (assessed,) = assess_savings([line], Context(YEAR, lines, []))
    assert "placements" in themes_of(assessed.flags[0].message)  # the reason's words name another theme
    flags = tag_flags(assessed.flags)
    themes = themes_summary([line], [], flags, YEAR, [assessed.at_risk_gbp])
    citing = [t for t in themes if line.provenance[0] in t.evidence]
    assert {t.theme for t in citing} == {"placements", "residential", "fostering"}
    assert all(t.savings_gbp == 900e3 and t.savings_count == 1 for t in citing)


def test_a_line_in_a_kind_of_placement_counts_once_in_placements_too() -> None:
    """Residential care and fostering are kinds of placement: their savings are placement savings,
    each counted once however many kinds it names, and the table says which theme each is part of."""
    savings = [
        saving("Reduce the number of children in residential care through edge of care support", 1.25e6),
        saving("Step down from residential to foster care", 900e3),
        saving("Recruit in-house foster carers to reduce use of IFAs", 750e3),
        saving("Library opening hours", 50e3),
    ]
    themes = {t.theme: t for t in themes_summary(savings, [], [], YEAR)}
    placements, residential, fostering = (themes[k] for k in ("placements", "residential", "fostering"))
    assert (placements.savings_gbp, placements.savings_count) == (1.25e6 + 900e3 + 750e3, 3)
    assert (residential.savings_gbp, fostering.savings_gbp) == (1.25e6 + 900e3, 900e3 + 750e3)
    assert residential.part_of == fostering.part_of == placements.label and placements.part_of == ""


def test_a_benchmark_on_a_kind_of_placement_is_on_placements_too() -> None:
    from analyse.themes import indicator_themes

    assert indicator_themes("unit_cost_residential_weekly") == [
        "placements",
        "residential",
        "inflation_prices",
    ]
    assert indicator_themes("placement_fostering_pct") == ["placements", "fostering"]


def test_kents_uasc_grant_realignment_makes_no_theme_row_on_the_real_pages(kent_dir: Path) -> None:
    need(importlib.util.find_spec("extract.pdf.reader") is not None, "the PDF reader is missing")
    from extract.document import extract_file

    name = "kent_cabinet_2025-01-30_appendixF_budget_templates.pdf"
    pressures = extract_file(name, (kent_dir / name).read_bytes()).pressures
    (uasc,) = [p for p in pressures if p.title.startswith("Unaccompanied Asylum Seeking Children (UASC)")]
    assert uasc.provenance[0].page == 10 and uasc.planned[0].amount_gbp < 0  # a reduction, as printed
    themes = themes_summary([], pressures, [], "2025-26")
    assert "uasc" not in {t.theme for t in themes} and all(t.pressures_gbp > 0 for t in themes)


def test_a_theme_counts_the_childrens_own_general_fund_pressures_not_adults_or_externally_funded() -> None:
    """The adults' services the children's directorate holds (18-25s) and a line its plan marks
    externally funded are kept apart in the pressures; they are not the children's themes' money."""
    from analyse.review import children_themes
    from analyse.scope import scope_index
    from extract.records import Extraction

    held = {"directorate": "Children's Services"}
    lines = [
        pressure("Residential care placements", 500e3, **held),
        pressure("Residential care price uplift for adults aged 18-25", 1_292e3, **held),
        pressure("Early help grant replaced by the new grant", 11_276e3, funding="external", **held),
        pressure("Family hubs", 200e3, **held),
    ]
    extraction = Extraction(pressures=lines)
    themes = {t.theme: t for t in children_themes(extraction, [], [], YEAR, scope_index(extraction))}
    assert themes["residential"].pressures_gbp == 500e3 and themes["residential"].pressures_count == 1
    assert themes["early_help"].pressures_gbp == 200e3


def test_a_word_inside_a_longer_phrase_of_another_theme_is_that_phrases() -> None:
    assert "schools_education" not in themes_of("SEND home to school transport route costs")
    assert "schools_education" in themes_of("School improvement service")
    # a market premium paid for agency staff is no commissioning of a provider market
    assert themes_of("Agency social workers – market premium") == ["workforce"]
    assert "commissioning" in themes_of("Market shaping for children's homes")


def test_a_word_that_names_a_theme_only_with_its_object_gives_no_theme_alone() -> None:
    """Kent's lines, as the plan prints them: the social workers who use legal services make no
    workforce saving, a number of pension arrangements reduced no demand management, contributions
    paid into a pension fund no income, and a transition to a new pay structure no care leavers'."""
    from analyse.themes import line_themes

    legal = saving(
        "Children's Social Care",
        850e3,
        description="Review of Legal Services Spend through cost efficiencies by Invicta Law and review of the"
        " use of legal services by social workers",
        service_area="Children's Social Care",
    )
    assert line_themes(legal) == ["legal_and_courts"]
    pensions = saving(
        "Schools' Services - Historic Pension Costs",
        300e3,
        description="Reduction in the number of Historic Pension Arrangements - CYPE Directorate",
    )
    assert "demand_management" not in line_themes(pensions)
    assert themes_of("Reduced pension fund contributions") == ["support_services"]
    assert "care_leavers" not in themes_of("The transition to and progression through the new pay structure")
    assert themes_of("Legal costs of care proceedings") == ["legal_and_courts"]
    assert themes_of("A spend to save initiative to avoid residual waste costs") == []


def test_the_same_words_with_their_object_keep_their_theme() -> None:
    assert themes_of("Reduce agency social workers by converting posts to permanent") == ["workforce"]
    assert themes_of("Recruitment and retention of social workers") == ["workforce"]
    assert "demand_management" in themes_of("Rising demand for placements")
    assert "demand_management" in themes_of(
        "Reduce the number of children in care through edge of care support"
    )
    assert "demand_management" in themes_of("A reduction in the number of looked after children")
    assert "income_grants" in themes_of("Increased health contributions to joint placements")
    assert "care_leavers" in themes_of("Transitions team for young people moving to adult services")
    # a profession who does a thing is no workforce subject, but what staff cost is, wherever it stands
    kent = "Pay budget for posts which are temporarily covered by agency staff"
    assert themes_of(kent) == ["workforce"]
    assert themes_of("Lower agency costs by recruiting social workers") == ["workforce"]
    assert "fostering" in themes_of("Placements provided by IFAs")
