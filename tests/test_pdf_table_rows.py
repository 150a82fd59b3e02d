"""How the PDF reader groups a table's lines into rows and headings, on generated PDFs: section
headings, wrapped labels, footnotes, and group headings over sub-columns."""

from __future__ import annotations

from extract.records import Table
from tests.test_pdf_tables import pdf_of, read

STYLE = (
    "<style>td.n, th.n { text-align: right; } td { vertical-align: bottom; }"
    " table.wide { font-size: 7pt; } table.wide td:first-child { white-space: nowrap; }</style>"
)


def tables_of(body: str) -> list[Table]:
    return read(pdf_of(STYLE + body)).tables


def row(label: str, *figures: str, bold: bool = False, width: int = 220) -> str:
    cell = f"<b>{label}</b>" if bold else label
    return (
        f"<tr><td style='width:{width}pt'>{cell}</td>"
        + "".join(f"<td class=n>{f}</td>" for f in figures)
        + "</tr>"
    )


HEAD = "<tr><th></th><th class=n>2025-26 £000</th><th class=n>2026-27 £000</th><th class=n>2027-28 £000</th></tr>"


def test_a_bold_heading_over_lines_is_a_row_of_its_own_and_a_wrapped_label_keeps_its_figures() -> None:
    body = (
        "<table>"
        + HEAD
        + row("SPENDING PRESSURES", "", "", "", bold=True)
        + row("Children, Young People and Education", "", "", "", bold=True)
        + row(
            "Looked after children placements – increase in numbers and complexity of need",
            "7,800",
            "4,200",
            "3,900",
        )
        + row("Independent fostering agency fees", "650", "500", "450")
        + row("Adult Social Care and Health", "", "", "", bold=True)
        + row("Older people – demographic growth", "9,200", "8,700", "8,400")
        + "</table>"
    )
    (table,) = tables_of(body)
    labels = [r[0] for r in table.rows[table.header_rows :]]
    assert labels == [
        "SPENDING PRESSURES",
        "Children, Young People and Education",
        "Looked after children placements – increase in numbers and complexity of need",
        "Independent fostering agency fees",
        "Adult Social Care and Health",
        "Older people – demographic growth",
    ]
    assert table.rows[table.header_rows + 2][1:] == ["7,800", "4,200", "3,900"]


def test_a_unit_under_a_wrapped_column_heading_is_a_heading_not_a_row_of_figures() -> None:
    (table,) = tables_of("<table>" + HEAD + row("Older people", "9,200", "8,700", "8,400") + "</table>")
    assert table.unit == "£000"
    assert [r[0] for r in table.rows[table.header_rows :]] == ["Older people"]


def test_a_lower_case_label_with_its_own_figures_is_its_own_row() -> None:
    body = (
        "<table>"
        + HEAD
        + row("Original base budget", "1,429.5", "0.0", "1,429.5")
        + row("internal base adjustments", "-836.6", "836.6", "0.0")
        + row("Revised Base", "1,428.6", "836.6", "1,429.5")
        + "</table>"
    )
    (table,) = tables_of(body)
    body_rows = table.rows[table.header_rows :]
    assert [r[0] for r in body_rows] == ["Original base budget", "internal base adjustments", "Revised Base"]
    assert body_rows[1][1] == "-836.6"


def test_a_footnote_inside_a_table_is_a_row_of_its_own_and_one_under_it_is_no_row() -> None:
    note = "* to be confirmed. These will be included in the County Council report later this year"
    body = (
        "<table>"
        + HEAD
        + row("Prior year savings rolling forward *", "0.0", "0.0", "0.0")
        + row("TOTAL Savings for delivery", "-94.3", "-28.6", "-122.9")
        + row(note, "", "", "")
        + row("Contributions to Reserves", "42.4", "14.2", "56.6")
        + row("Drawdowns from Reserves", "-10.6", "-25.5", "-36.2")
        + row(note.replace("to be", "not yet"), "", "", "")
        + "</table>"
    )
    content = read(pdf_of(STYLE + body))
    (table,) = content.tables
    labels = [r[0] for r in table.rows]
    assert "TOTAL Savings for delivery" in labels
    assert any(label.startswith("* to be confirmed") for label in labels)
    assert not any("not yet" in cell for r in table.rows for cell in r)
    assert any("not yet" in p.text for p in content.passages)


def test_group_headings_span_their_sub_columns_and_a_two_line_heading_is_joined() -> None:
    centred = "style='text-align:center; vertical-align: middle'"
    head = (
        f"<tr><th></th><th colspan=3 {centred}>TOTAL</th><th {centred}>Public<br>Health</th>"
        f"<th colspan=3 {centred}>CYPE</th></tr>"
        "<tr><th></th>"
        + "".join(
            f"<th class=n>{h}<br>£000s</th>"
            for h in ["Core", "External", "Total", "External", "Core", "External", "Total"]
        )
        + "</tr>"
    )
    figures = [
        ("Base Budget Changes", "10,320.7", "-744.1", "9,576.6", "-344.1", "-3,300.0", "-400.0", "-3,700.0"),
        (
            "Reduction in Grant Income",
            "3,234.7",
            "11,276.2",
            "14,510.9",
            "0.0",
            "0.0",
            "11,276.2",
            "11,276.2",
        ),
        ("Pay", "21,645.7", "626.9", "22,272.6", "626.9", "343.8", "0.0", "343.8"),
    ]
    lines = [row(*cells, width=90) for cells in figures]
    (table,) = tables_of("<table class=wide>" + head + "".join(lines) + "</table>")
    top = table.rows[0]
    assert top[1] == "TOTAL" and top[2] == top[3] == ""
    assert top[4] == "Public Health"
    assert top[5] == "CYPE" and top[6] == top[7] == ""


def test_a_note_in_smaller_type_under_a_table_is_no_row() -> None:
    small = "<tr><td style='font-size:6pt; padding:0'>Figures are rounded to the nearest thousand pounds</td></tr>"
    body = (
        "<table style='border-spacing:0'>"
        + HEAD
        + row("Older people", "9,200", "8,700", "8,400")
        + row("Learning disability", "3,100", "2,900", "2,800")
        + small
        + "</table>"
    )
    content = read(pdf_of(STYLE + body))
    (table,) = content.tables
    assert not any("rounded" in cell for r in table.rows for cell in r)
    assert any("rounded" in p.text for p in content.passages)


TOP_ROWS = "<style>table.top td { vertical-align: top; padding: 4pt 6pt; }</style>"


def test_a_capitalised_label_line_set_inside_the_row_spacing_finishes_the_label_above() -> None:
    body = (
        TOP_ROWS
        + "<table class=top>"
        + "<tr><th>Service</th><th class=n>Budget</th><th class=n>Forecast</th></tr>"
        + row("Looked After Children Placements And Residential Care", "48,300", "52,100", width=110)
        + row("Care Leavers", "3,100", "2,900", width=110)
        + row("Safeguarding", "4,800", "4,800", width=110)
        + "</table>"
    )
    (table,) = tables_of(body)
    assert [r[0] for r in table.rows[table.header_rows :]] == [
        "Looked After Children Placements And Residential Care",
        "Care Leavers",
        "Safeguarding",
    ]


def test_a_capitalised_label_at_row_spacing_under_a_row_does_not_join_it() -> None:
    body = (
        TOP_ROWS
        + "<table class=top>"
        + "<tr><th>Service</th><th class=n>Budget</th><th class=n>Forecast</th></tr>"
        + row("Care Leavers", "3,100", "2,900")
        + row("Youth Service", "1,100", "1,000")
        + row("Early Help", "", "")
        + "</table>"
        + "<p>Figures are provisional.</p>"
    )
    (table,) = tables_of(body)
    labels = [r[0] for r in table.rows[table.header_rows :]]
    assert labels[:2] == ["Care Leavers", "Youth Service"]


def test_a_unit_note_at_the_right_margin_over_a_narrower_table_is_its_unit() -> None:
    body = (
        "<p>The forecast position at Month 6.</p>"
        "<p style='text-align: right; margin: 0'>£'000</p>"
        "<table style='margin-top: 2pt'>"
        "<tr><th>Service</th><th class=n>Budget</th><th class=n>Forecast</th></tr>"
        + row("Care Leavers", "3,100", "2,900", width=120)
        + row("Youth Service", "1,100", "1,000", width=120)
        + "</table>"
    )
    (table,) = tables_of(body)
    assert table.unit == "£000"


def test_a_label_wrapping_beside_a_wrapped_comment_keeps_its_tail() -> None:
    # Every row's comment wraps, so no two figure lines follow each other to show the row spacing.
    comment = "Demand above the level assumed in the budget."

    def commented(label: str, *figures: str) -> str:
        return row(label, *figures, width=70).replace("</tr>", f"<td style='width:130pt'>{comment}</td></tr>")

    body = (
        TOP_ROWS
        + "<table class=top>"
        + "<tr><th>Service</th><th class=n>Budget</th><th class=n>Forecast</th><th>Commentary</th></tr>"
        + commented("Safeguarding and Quality Assurance", "4,800", "4,900")
        + commented("Care Leavers", "3,100", "3,200")
        + commented("Disabled Children", "7,500", "7,900")
        + "</table>"
    )
    (table,) = tables_of(body)
    labels = [r[0] for r in table.rows[table.header_rows :]]
    assert labels == ["Safeguarding and Quality Assurance", "Care Leavers", "Disabled Children"]


def test_the_last_rows_label_wrapping_under_its_figures_stays_in_the_table() -> None:
    # Word sets a cell's lines further apart than a tight trailing line allows, rows further still.
    body = (
        TOP_ROWS
        + "<table class=top style='line-height: 1.6'>"
        + "<tr><th>Service</th><th class=n>Budget</th><th class=n>Forecast</th></tr>"
        + row("Care Leavers", "3,100", "3,200", width=90)
        + row("Early Help", "6,200", "5,900", width=90)
        + row("Total Children's Services", "9,300", "9,100", width=90)
        + "</table>"
        + "<p style='margin-top: 18pt'>Figures are provisional.</p>"
    )
    (table,) = tables_of(body)
    assert table.rows[-1] == ["Total Children's Services", "9,300", "9,100"]


def test_a_figure_wrapped_mid_number_in_a_narrow_cell_is_joined_and_two_figures_are_not() -> None:
    from extract.pdf.row_grouping import join_lines

    assert join_lines(["93,90", "0"]) == "93,900"  # Word breaks a bold total too wide for its cell
    assert join_lines(["(1,20", "0)"]) == "(1,200)"
    assert join_lines(["3", "100"]) == "3 100"  # two figures, each whole: not one
    assert join_lines(["5,900", "600"]) == "5,900 600"
    assert join_lines(["Forecas", "t"]) == "Forecas t"  # a heading broken mid-word stays apart
    assert join_lines(["Looked After Children", "Placements"]) == "Looked After Children Placements"


def test_a_heading_stacked_in_a_narrow_column_ending_on_a_number_is_no_row() -> None:
    """'Forecast Outturn Month' / '6' in a ruled heading cell: the 6 ends the heading; read as a
    row it became a budget line named '6' with a forecast of £6,000."""
    head = (
        "<tr><th style='width:200pt'>Service</th><th class=n style='width:40pt'>Budget</th>"
        "<th class=n style='width:40pt'>Forecast<br>Outturn<br>Month<br>6</th></tr>"
    )
    body = row("Care Leavers", "3,100", "2,900") + row("Short Breaks", "1,200", "1,300")
    [table] = tables_of(f"<table border=1 style='border-collapse:collapse'>{head}{body}</table>")
    assert table.rows[0][2] == "Forecast Outturn Month 6" and table.header_rows == 1
    assert [r[0] for r in table.rows[1:]] == ["Care Leavers", "Short Breaks"]


MIDDLE_ROWS = "<style>table.mid td { vertical-align: middle; padding: 4pt 6pt; }</style>"


def test_a_bold_total_printed_first_keeps_its_label_wrapped_round_its_figures() -> None:
    """A directorate's total set in bold above its services, its name wrapping to two lines centred
    on its figures ('Children's Services and' / 'Lifelong Learning'): the second line is the
    label's end, not a bold heading of the services below it; nor is the first, where only the
    label is bold, a heading over them."""
    body = (
        MIDDLE_ROWS
        + "<table class=mid>"
        + "<tr><th>Directorate / Service</th><th class=n>Budget £m</th><th class=n>Forecast £m</th></tr>"
        + row(
            "Children's Services and Lifelong Learning", "<b>84.20</b>", "<b>88.75</b>", bold=True, width=150
        )
        + row("Fostering and Adoption", "30.10", "32.40", width=150)
        + row("Youth Justice", "4.10", "4.35", width=150)
        + row("Place and Regeneration Services", "51.00", "50.20", bold=True, width=150)
        + row("Highways", "20.00", "19.60", width=150)
        + "</table>"
    )
    (table,) = tables_of(body)
    assert table.rows[table.header_rows :] == [
        ["Children's Services and Lifelong Learning", "84.20", "88.75"],
        ["Fostering and Adoption", "30.10", "32.40"],
        ["Youth Justice", "4.10", "4.35"],
        ["Place and Regeneration Services", "51.00", "50.20"],
        ["Highways", "20.00", "19.60"],
    ]


def test_a_heading_in_larger_type_between_two_tables_on_a_page_parts_them() -> None:
    """A list of savings ending in its total, then a heading in larger type over a summary with other
    columns: two tables, each with its own columns (read as one, the summary's wide names merged
    the list's reference and title columns)."""
    saving = "<tr><td>{}</td><td style='width:180pt'>{}</td><td class=n>{}</td><td>{}</td></tr>"
    body = (
        "<table>"
        "<tr><th>Ref</th><th>Proposal</th><th class=n>£000</th><th>Status</th></tr>"
        + saving.format("PL-04", "Library opening hours review", "450", "On track")
        + saving.format("PL-05", "Parking charges uplift", "300", "Delayed")
        + "<tr><td></td><td>Total savings</td><td class=n>750</td><td></td></tr>"
        "</table>"
        "<h3 style='font-size: 14pt; margin: 6pt 0 0 0'>By status</h3>"
        "<table style='margin-top: 4pt'>"
        "<tr><th>Portfolio and directorate name</th><th class=n>On track</th><th class=n>Delayed</th>"
        "<th class=n>Total</th></tr>"
        "<tr><td>Place, Planning and Environment Services</td><td class=n>450</td><td class=n>300</td>"
        "<td class=n>750</td></tr>"
        "</table>"
    )
    first, second = tables_of(body)
    assert first.rows[first.header_rows] == ["PL-04", "Library opening hours review", "450", "On track"]
    assert first.rows[-1] == ["", "Total savings", "750", ""]
    assert second.rows[-1] == ["Place, Planning and Environment Services", "450", "300", "750"]
