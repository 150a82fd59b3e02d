"""A tracker's key to its ratings, read from its table, and a rating its own forecast contradicts
asked about (Wyvern's CYPE-05: rated Red, "Will not be delivered in year", forecast £0.2m)."""

from __future__ import annotations

from analyse.flags import Context, assess_savings
from analyse.rag_key import rag_keys
from extract.records import Rag, Table
from tests.review_builders import YEAR, prov, saving

KEY_ROWS = [
    ["RAG", "Meaning"],
    ["Blue", "Delivered"],
    ["Green", "On track to deliver in full"],
    ["Amber", "Some risk to delivery; mitigations in place"],
    ["Dark Amber", "Significant risk; part delivery expected"],
    ["Red", "Will not be delivered in year"],
]


def key(rows: list[list[str]] = KEY_ROWS, file: str = "tracker.xlsx") -> Table:
    where = prov("RAG key", file, "sheet RAG key!A1")
    return Table(file=file, page=None, bbox=None, rows=rows, locator=where.locator, provenance=[where])


def reasons(rag: Rag, rag_text: str, target: float, forecast: float, tables: list[Table]) -> list[str]:
    line = saving(
        "Transport routes", target, rag=rag, rag_text=rag_text, target_gbp=target, forecast_gbp=forecast
    )
    context = Context(YEAR, [], [], rag_keys=rag_keys(tables))
    [assessed] = assess_savings([line], context)
    return [r.text for r in assessed.reasons if r.code == "rag_contradicts_forecast"]


def test_a_trackers_key_is_read_rating_by_rating() -> None:
    found = rag_keys([key()])["tracker.xlsx"]
    assert set(found) == {"blue", "green", "amber", "dark amber", "red"}
    assert found["red"].meaning == "Will not be delivered in year"


def test_a_table_of_other_rows_is_no_key() -> None:
    rows = [["Ref", "Saving"], ["Red", "Will not be delivered"], ["CYPE-01", "Reduce residential care"]]
    assert rag_keys([key(rows)]) == {}


def test_red_meaning_nothing_delivered_beside_a_forecast_of_some_is_asked_about() -> None:
    [asked] = reasons(Rag.RED, "Red", 800_000.0, 200_000.0, [key()])
    assert "Red means “Will not be delivered in year”" in asked and "£0.2m delivered" in asked
    assert asked.endswith("which holds?")


def test_red_with_nothing_forecast_or_no_key_is_no_contradiction() -> None:
    assert reasons(Rag.RED, "Red", 800_000.0, 0.0, [key()]) == []
    assert reasons(Rag.RED, "Red", 800_000.0, 200_000.0, []) == []
    assert reasons(Rag.RED, "Red", 800_000.0, 200_000.0, [key(file="other.xlsx")]) == []


def test_green_meaning_in_full_beside_a_short_forecast_is_asked_about() -> None:
    [asked] = reasons(Rag.GREEN, "Green", 750_000.0, 500_000.0, [key()])
    assert "£0.5m of £0.75m" in asked
    assert reasons(Rag.GREEN, "Green", 750_000.0, 750_000.0, [key()]) == []
    assert reasons(Rag.AMBER, "Dark Amber", 750_000.0, 300_000.0, [key()]) == []


def test_each_meaning_cites_its_own_row_of_the_key_not_its_heading() -> None:
    found = rag_keys([key()])["tracker.xlsx"]
    [red] = found["red"].provenance
    assert (red.locator, red.text) == ("sheet RAG key!A6", "Red | Will not be delivered in year")
    assert [p.locator for p in found["blue"].provenance] == ["sheet RAG key!A2"]
    # the contradiction asked about cites the Red row with the saving's
    line = saving("Transport routes", 8e5, rag=Rag.RED, rag_text="Red", target_gbp=8e5, forecast_gbp=2e5)
    [assessed] = assess_savings([line], Context(YEAR, [], [], rag_keys=rag_keys([key()])))
    [reason] = [r for r in assessed.reasons if r.code == "rag_contradicts_forecast"]
    assert "sheet RAG key!A6" in [p.locator for p in reason.provenance]


def test_a_key_written_in_one_cell_is_read_rating_by_rating() -> None:
    # Severnbrook writes its key in one cell below the tracker; here another council's words.
    rows = [
        ["Ref", "Saving", "Target", "Forecast", "Rating"],
        ["S1", "Transport routes", "800000", "200000", "Red"],
        ["Rating key - Red: will not be achieved this year; Amber: some slippage; Green: on course", "", ""],
    ]
    found = rag_keys([key(rows)])["tracker.xlsx"]
    assert found["red"].meaning == "will not be achieved this year" and set(found) == {
        "red",
        "amber",
        "green",
    }
    assert found["red"].provenance[0].locator
    assert rag_keys([key([["Key: see the notes below", ""]])]) == {}
    [asked] = reasons(Rag.RED, "Red", 800_000.0, 200_000.0, [key(rows)])
    assert "which holds?" in asked


def test_the_savings_card_gives_the_trackers_meaning_of_the_ratings_at_risk(severnbrook: object) -> None:
    from render.findings import ratings_words
    from render.refs import Figures

    review, _ = severnbrook  # type: ignore[misc]
    said = "".join(map(str, ratings_words(review.savings_summary, Figures(review))))
    assert "2 rated Red, which the tracker's key gives as “not deliverable in year”" in said
    assert "1 rated Amber, which the tracker's key gives as “at risk”" in said
