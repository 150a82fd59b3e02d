"""Hallam Valley (tests/hallam): documents an independent tester wrote in councils' layouts, with
children's services inside a People directorate beside adult social care, in £000, checked
against the figures the tester recorded in TRUTH.md."""

from __future__ import annotations

from typing import Any

from extract.records import Extraction


def _line(extraction: Extraction, name: str) -> list[Any]:
    return [line for line in extraction.budget_lines if line.name.startswith(name)]


def test_thousands_are_read_as_thousands_and_the_landscape_table_is_read_whole(hallam: Any) -> None:
    _, extraction = hallam
    transport = _line(extraction, "Home to School Transport (SEND)")
    assert transport and {(t.budget_gbp, t.forecast_gbp, t.variance_gbp) for t in transport} == {
        (9_870_000, 11_640_000, 1_770_000)
    }
    # the People table runs over a page break with its header repeated: its last rows are read too
    assert _line(extraction, "Directorate Management & Support")


def test_the_footnote_markers_on_its_row_labels_are_not_read_into_the_names(hallam: Any) -> None:
    # the report sets "Placements²" and "(SEND)³" as superscripts (<sup>) after the labels
    _, extraction = hallam
    names = {
        line.name
        for line in extraction.budget_lines
        if line.provenance[0].file.endswith("Monitoring_2025-26.pdf")
    }
    assert {"Children Looked After – Placements", "Home to School Transport (SEND)"} <= names
    assert not [name for name in names if name[-1].isdigit()]


def test_the_testers_deliberate_slip_is_not_verified(hallam: Any) -> None:
    # the Children's Services subtotal prints a variance of 5,710; 71,570 - 66,400 is 5,170
    _, extraction = hallam
    subtotal = [line for line in _line(extraction, "Children's Services subtotal") if line.variance_gbp]
    assert subtotal, "the Children's Services subtotal was not read"
    assert all(line.verification != "verified" for line in subtotal)


def test_the_strategys_own_title_is_not_taken_for_a_missing_document(hallam: Any) -> None:
    # its title opens "Hallam Valley Council – Children's Services Placement Sufficiency Strategy"
    review, _ = hallam
    missing = [m.name for m in review.documents_missing]
    assert not any("Sufficiency" in name for name in missing), missing


def test_the_tracker_pdf_is_read_under_its_shaded_header_band(hallam: Any) -> None:
    # its header is three lines on a filled band above the ruled rows; the first row's title
    # wraps, so its figures sit on the row's middle line, below the title's first
    _, extraction = hallam
    tracked = {s.ref: s for s in extraction.savings if s.provenance[0].file.endswith("Tracker_P8.pdf")}
    assert sorted(tracked) == [f"CS0{n}" for n in range(1, 10)]
    first = [(p.period, p.amount_gbp) for p in tracked["CS01"].planned]
    assert first == [("2025-26", 1_050_000), ("2026-27", 800_000), ("2027-28", 500_000)]
    assert sum(s.planned[0].amount_gbp for s in tracked.values()) == 4_850_000
    # "Delivered to date" at month 8 is part of the year, not the year's forecast delivery
    assert all(s.forecast_gbp is None for s in tracked.values())


def test_the_childrens_savings_are_the_trackers_nine_lines_counted_once_and_education_and_sends(
    hallam: Any,
) -> None:
    # the monitoring report's "People – Children's Services | 4,850 | ..." row is their total; its
    # "People – Education & SEND | 1,400 | 350 | 420 | 380 | 250" row is the education division's,
    # which the review covers as it covers the division's service lines (analyse.scope)
    review, _ = hallam
    summary = review.savings_summary
    # the division's row is summed but is no saving: nine savings and one summary row
    assert (summary.lines, summary.summary_lines, summary.target_gbp) == (9, 1, 4_850_000 + 1_400_000)
    # Amber and Red: CS01 1,050, CS02 850, CS05 370, CS09 0; Education & SEND 380 + 250
    assert summary.at_risk_gbp == 2_270_000 + 630_000


def test_the_cumulative_dsg_deficit_is_read_from_its_table_continued_over_a_page_break(hallam: Any) -> None:
    # Table 4: brought forward 24,360 + in-year 6,750 - 380 - 4,000 (p.4) - 1,500 (p.5) = 25,230
    from analyse.dsg import deficit_table

    review, extraction = hallam
    deficit = review.dsg.cumulative_deficit
    assert deficit is not None and deficit.amount_gbp == 25_230_000 and deficit.verification == "verified"
    assert {p.page for p in deficit.provenance} >= {4, 5}
    # one value changed: a movement that no longer adds up gives no figure to headline
    tables = [
        t.model_copy(update={"rows": [[c.replace("-1,500", "-1,600") for c in r] for r in t.rows]})
        for t in extraction.tables
    ]
    assert deficit_table(tables, "2025-26") is None


def test_the_dsg_in_year_position_is_table_3s_total_not_the_high_needs_block(hallam: Any) -> None:
    # Table 3: High Needs 6,750 over, Early Years 380 under; "Total DSG" 6,370 is the DSG's position
    review, _ = hallam
    assert [(i.year, i.amount_gbp, i.verification) for i in review.dsg.in_year] == [
        ("2025-26", 6_370_000, "verified")
    ]
    assert review.dsg.in_year[0].provenance[0].text.startswith("Total DSG |")


def test_only_the_testers_slip_fails_its_total_net_service_expenditure_being_a_subtotal(hallam: Any) -> None:
    # Table 1: the directorates make "Net Service Expenditure", which with "Funding" makes "Net
    # Position"; "Variance at P6" and "Movement" beside "Forecast Variance" are checked in the
    # table (extract.verify), not against the lines' records, which keep the forecast variance
    review, _ = hallam
    failed = [r.message for r in review.reconciliations if r.code == "total_mismatch"]
    assert len(failed) == 1 and failed[0].startswith("Stated £5.71m"), failed
    # the same slip, stated £5.170m in the text (4A.1), is a figure stated two ways, and no other is
    (twice,) = [r for r in review.reconciliations if r.code == "cross_document_mismatch"]
    assert twice.subject.startswith("Children's Services subtotal")


def test_the_card_figure_is_the_tables_arithmetic_never_the_misprinted_variance(hallam: Any) -> None:
    # Children's Services subtotal: 66,400 | 71,570 | 5,710 printed; forecast − budget and its six
    # lines both give 5,170
    from render.findings import headline_findings

    review, _ = hallam
    card = headline_findings(review)[0]
    assert card.title.startswith("Children's Services: forecast overspend by its table's arithmetic")
    assert "5.17m" in str(card.figure) and "5.7m" not in str(card.figure)
    assert "a forecast overspend of £5.7m" in card.detail  # the printed figure is said, as printed


def test_no_question_is_ranked_by_the_misprinted_subtotal(hallam: Any) -> None:
    review, _ = hallam
    assert not [f for f in review.flags if f.amount_gbp == 5_710_000]
    assert not [q for q in review.lines_of_enquiry if q.amount_gbp == 5_710_000]


def test_no_forecast_delivery_is_given_where_only_some_savings_give_one(hallam: Any) -> None:
    # the tracker's lines give delivery to date, not a forecast; only Education & SEND's row (blue
    # and green 770) forecasts: £0.8m is no forecast of the £6.25m target it would be set beside
    review, _ = hallam
    assert review.savings_summary.target_gbp == 6_250_000
    assert review.savings_summary.forecast_gbp is None
