"""Hallam Valley (tests/hallam, TRUTH.md): children's services are a division of a People directorate
beside Adult Social Care and Education & SEND. The children's position is the Children's Services
division (66,400 | 71,570 | printed 5,710, its arithmetic 5,170), never the whole DSG; its service
lines are the division's rows; the savings table's RAG columns are amounts by status; adults' and
Corporate Services' lines raise no children's flag."""

from __future__ import annotations

from typing import Any

from analyse.records import Scope

CLA = "Children Looked After – Placements"


def test_the_childrens_position_is_the_childrens_services_division_not_the_dsg(hallam: Any) -> None:
    review, _ = hallam
    position = review.position
    assert position.children_services_name != "DSG"
    assert position.children_services.variance_gbp != 6_370_000  # Total DSG, Schools Block and all
    doubted = position.children_services_in_doubt
    assert doubted is not None and doubted.name == "Children's Services"
    money = doubted.money
    assert (money.budget_gbp, money.forecast_gbp, money.variance_gbp) == (66_400_000, 71_570_000, 5_710_000)
    assert money.verification == "contradicted"


def test_the_slip_is_put_down_to_the_subtotals_own_arithmetic_and_the_rows_reading_is_given(
    hallam: Any,
) -> None:
    review, _ = hallam
    doubted = review.position.children_services_in_doubt
    assert doubted.failed == "budget + variance = forecast"
    assert "£66.4m + £5.71m" in doubted.failed_detail and "£71.57m" in doubted.failed_detail
    assert doubted.rows_variance_gbp == 5_170_000  # the six lines' sum, and 71,570 − 66,400
    assert "£5.17m" in (review.position.children_services_missing or "")


def test_the_service_lines_are_the_childrens_divisions_rows_and_no_adults_line(hallam: Any) -> None:
    review, _ = hallam
    lines = {b.name: b.scope for b in review.selection.service_lines}
    cla = next(name for name in lines if name.startswith(CLA))
    assert lines[cla] == Scope.CHILDRENS_SOCIAL_CARE
    for name in (
        "Children in Need & Child Protection (Social Work)",
        "Care Leavers",
        "Early Help & Family Hubs",
    ):
        assert lines[name] == Scope.CHILDRENS_SOCIAL_CARE
    for adults in ("Older People", "Learning Disabilities", "Mental Health"):
        assert adults not in lines
    social_care = [b for b in review.selection.service_lines if b.scope == Scope.CHILDRENS_SOCIAL_CARE]
    assert sum(b.variance_gbp or 0 for b in social_care) == 5_170_000


def test_the_drivers_are_shares_of_the_general_fund_variance_never_of_the_dsg(hallam: Any) -> None:
    review, _ = hallam
    drivers = review.diagnostic.drivers
    assert drivers and all(d.scope != Scope.DSG_HIGH_NEEDS for d in drivers)
    assert drivers[0].name.startswith(CLA) and drivers[0].variance_gbp == 4_620_000
    assert review.diagnostic.variance_base_gbp != 6_370_000
    assert all(d.share is not None and d.share <= 1 for d in drivers)
    # the largest overspend named beside the position is the children's own, not a DSG block's
    assert review.selection.overspends[0].name.startswith(CLA)


def test_the_childrens_savings_are_read_from_the_rag_columns(hallam: Any) -> None:
    review, extraction = hallam
    # Table 6's row: target 4,850; blue + green 2,580 on track; amber + red 2,270 at risk; red 1,220
    (row,) = [s for s in extraction.savings if s.title == "People – Children's Services"]
    assert (row.target_gbp, row.forecast_gbp, row.shortfall_gbp) == (4_850_000, 2_580_000, 2_270_000)
    assert row.undeliverable_gbp == 1_220_000  # red: not expected in year
    # the row totals the tracker's nine lines, which the pack's savings table holds instead (once),
    # beside Education & SEND's row (1,400; amber 380 + red 250 at risk), which no tracker itemises
    tracked = {s.title for s in review.selection.tracked}
    assert row.title not in tracked and "People – Education & SEND" in tracked and len(tracked) == 10
    assert review.selection.savings_totals["target"] == 4_850_000 + 1_400_000
    assert sum(s.at_risk_in_year_gbp for s in review.selection.at_risk) == row.shortfall_gbp + 630_000


def test_adults_and_corporate_services_raise_no_childrens_flag(hallam: Any) -> None:
    review, _ = hallam
    cited = [" ".join(p.text for p in f.provenance) + f.subject for f in review.flags]
    assert not [c for c in cited if "Learning Disabilities" in c]
    assert not [f for f in review.flags if "Corporate Services" in f.subject]


def test_the_people_directorate_total_adds_up_with_its_divisions_counted_once(hallam: Any) -> None:
    _, extraction = hallam
    total = [b for b in extraction.budget_lines if b.name == "People Directorate Total"]
    assert total and total[0].verification == "verified"


def test_the_councils_position_is_its_net_service_expenditure(hallam: Any) -> None:
    # Table 1: Net Service Expenditure 327,500 | 334,650 | 7,150 (TRUTH.md); Net Position is 0 | 7,150
    position = hallam[0].position
    assert (position.budget_gbp, position.forecast_gbp, position.variance_gbp) == (
        327_500_000,
        334_650_000,
        7_150_000,
    )
    assert position.provenance[0].text.startswith("Net Service Expenditure")


def test_the_education_and_send_division_is_one_area_with_all_its_lines(hallam: Any) -> None:
    # Education & SEND: HTST (SEND), SEND casework, School Improvement; subtotal 15,280 | 17,075 | 1,795
    groups = {g.scope: g for g in hallam[0].selection.scope_groups}
    education = groups[Scope.EDUCATION_SEND_TRANSPORT]
    assert (education.lines, education.budget_gbp, education.forecast_gbp, education.variance_gbp) == (
        3,
        15_280_000,
        17_075_000,
        1_795_000,
    )


def test_the_general_fund_lines_hold_no_dsg_block_and_each_subtotal_closes_its_own_division(
    hallam: Any,
) -> None:
    selection = hallam[0].selection
    assert all(b.scope != Scope.DSG_HIGH_NEEDS for b in selection.service_lines)
    assert Scope.DSG_HIGH_NEEDS not in {g.scope for g in selection.scope_groups}  # not 263,640 beside them
    names = [b.name for b in selection.monitoring_rows]
    at = names.index("Children's Services subtotal")
    assert names[at - 1] == "Safeguarding & Quality Assurance"  # the division's last line (row 14)
    assert names[names.index("Education & SEND subtotal") - 1] == "School Improvement & Access"
    assert "Total DSG" not in names
    dsg = [(b.name, b.budget_gbp) for b in selection.dsg_rows]
    assert dsg[-1] == ("Total DSG", 263_640_000) and ("High Needs Block", 52_180_000) in dsg
