"""The workbook's "In the position" column: a row in doubt whose other printing in the same report
the position cites is not the position (its figures are contradicted, the other printing used)."""

from __future__ import annotations

from typing import Any

from analyse.records import Money3, Position, Review, RowInDoubt
from extract.records import Verification
from render.data import position_column
from tests.review_builders import budget, prov

NAME = "People Directorate"


def _printings() -> tuple[Any, Any, Any]:
    summary = budget(NAME, "directorate", 50e6, 53e6, "q2.pdf", directorate=NAME)
    summary = summary.model_copy(
        update={"provenance": [prov("People Directorate 50,000 53,000", "q2.pdf", "p. 2")]}
    )
    total = budget(
        f"Total {NAME}",
        "directorate",
        50e6,
        52e6,
        "q2.pdf",
        directorate=NAME,
        verification=Verification.CONTRADICTED,
    )
    total = total.model_copy(
        update={"provenance": [prov("Total People Directorate 50,000 52,000", "q2.pdf", "p. 6")]}
    )
    line = budget("Fostering", "service_line", 9e6, 9.5e6, "q2.pdf", directorate=NAME)
    line = line.model_copy(update={"provenance": [prov("Fostering 9,000 9,500", "q2.pdf", "p. 6, row 2")]})
    review = Review(
        position=Position(children_services=Money3(provenance=summary.provenance)),
        rows_doubted=[
            RowInDoubt(label=total.name, provenance=total.provenance, doubt="its lines do not add up")
        ],
    )
    return review, (summary, total, line), position_column(review, [summary, total, line])


def test_a_misprinted_second_printing_is_not_in_the_position() -> None:
    _, (summary, total, line), column = _printings()
    assert column.value(summary) == "yes" and column.value(line) == "yes"
    assert column.value(total).startswith(
        "no: its figures contradicted; the position uses its other printing"
    )


def test_ashdown_vales_misprinted_page_3_subtotal_is_not_in_the_position(ashdown: Any) -> None:
    review, extraction = ashdown
    column = position_column(review, extraction.budget_lines)
    doubted = [
        b
        for b in extraction.budget_lines
        if b.verification is Verification.CONTRADICTED and b.level == "directorate"
    ]
    assert doubted and all(column.value(b).startswith("no: its figures contradicted") for b in doubted)
