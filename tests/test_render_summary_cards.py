"""The executive summary's cards: a figure is headlined once, and a card's detail is short, cut at
a sentence (or a clause that still says its figure) with a pointer to the section holding the rest."""

from __future__ import annotations

from render.findings import Finding, card_parts, headlined_once
from render.refs import Fig


def fig(text: str, ref: str) -> Fig:
    return Fig(text, ref, "gbp")


def card(title: str, figure: Fig, *parts: str | Fig, section: str = "drivers") -> Finding:
    return Finding(title, figure, tuple(parts), section=section)


def test_a_figure_another_card_already_headlines_gives_way_to_the_next_figure_of_its_lead() -> None:
    spend = fig("£968", "review.json#/benchmarks/0/value")
    again = fig("£968", "review.json#/drivers/actual_value")
    expected = fig("£961", "review.json#/drivers/expected_value")
    first = card("Largest gap below neighbours", spend, spend, " in 2024-25.")
    second = card(
        "Spend within what its circumstances predict", again, "Actual ", again, " against ", expected, "."
    )
    shown = headlined_once([first, second])
    assert [f.figure for f in shown] == ["£968", "£961"]
    # a card whose lead holds no other figure is left out: its detail is in its section
    bare = card("Spend per child", again, "Actual ", again, ".")
    assert [f.title for f in headlined_once([first, bare])] == ["Largest gap below neighbours"]
    # figures that differ are both headlined
    other = card("Spend per child", fig("£969", "r"), "Actual ", fig("£969", "r"), ".")
    assert len(headlined_once([first, other])) == 2


def test_a_long_card_keeps_its_first_whole_sentences_and_points_to_its_section() -> None:
    figure = fig("£96m", "review.json#/dsg/deficit")
    lead = ("The deficit is an estimated ", figure, " at the end of 2024-25.")
    rest = tuple(f" Sentence {n} says more about the reserve and the override in words." for n in range(12))
    long = card("DSG deficit", figure, *lead, *rest, section="dsg")
    shown = card_parts(long, most=30)
    text = "".join(str(p) for p in shown)
    assert text.startswith("The deficit is an estimated £96m at the end of 2024-25. Sentence 0")
    kept = text.split(" More under")[0]
    assert kept.endswith("words.") and len(kept.split()) <= 30
    assert 'href="#dsg"' in str(shown[-1]) and "DSG and High Needs" in str(shown[-1])
    short = card("DSG deficit", figure, *lead, section="dsg")
    assert card_parts(short, most=30) == list(short.parts)  # a short card is shown whole


def test_a_card_whose_lead_is_too_long_keeps_its_first_clauses_that_say_its_figure() -> None:
    figure = fig("£448.7m", "review.json#/position/budget")
    words = " ".join(["word"] * 40)
    long = card("Budget", figure, "The budget is ", figure, f"; {words}; {words}.", section="budget")
    text = "".join(str(p) for p in card_parts(long, most=30))
    assert text.startswith("The budget is £448.7m\u2026 More under")


def test_a_long_lead_is_not_cut_where_the_clauses_cut_hold_a_figure_the_detail_is_cut_instead() -> None:
    # Wyvern's gap card stopped at "a gap of £14.9m in 2026-27…", losing 2027-28's £7.5m: every
    # year's gap is kept, the detail after the lead is what goes.
    worst = fig("£14.9m", "review.json#/selection/gaps/1/amount_gbp")
    later = fig("£7.5m", "review.json#/selection/gaps/2/amount_gbp")
    words = " ".join(["word"] * 30)
    lead = ("The MTFP states a gap of ", worst, " in 2026-27; a gap of ", later, f" in 2027-28, {words}.")
    gap = card("Gap", worst, *lead, f" The detail says more, {words}.", section="mtfp")
    text = "".join(str(p) for p in card_parts(gap, most=30))
    assert "a gap of £7.5m in 2027-28" in text and "\u2026" not in text
    assert "The detail says more" not in text
    # a clause that holds no figure may still be cut from the lead
    wordy = card("Gap", worst, "The MTFP states a gap of ", worst, f" in 2026-27; {words}.", section="mtfp")
    assert "".join(str(p) for p in card_parts(wordy, most=20)).startswith(
        "The MTFP states a gap of £14.9m in 2026-27\u2026"
    )
