"""A doubt is said in full once a sentence: a later figure with the same doubt says "(in doubt)"; a
total a check supports is "as reported", said once and not repeated on the figures after it."""

from __future__ import annotations

from render.refs import Fig, doubt_once, doubt_once_html


def _sentence(doubt: str) -> str:
    figs = [
        Fig(t, f"review.json#/position/{n}", "gbp_m", doubt=doubt)
        for n, t in enumerate(["£12.4m", "£203.4m"])
    ]
    return "".join(
        str(p) for p in doubt_once(["A forecast overspend of ", figs[0], ": outturn ", figs[1], "."])
    )


def test_a_doubt_is_said_once_in_full_then_short_and_an_as_reported_note_once_only() -> None:
    assert _sentence("in doubt: its table does not add up") == (
        "A forecast overspend of £12.4m (in doubt: its table does not add up): outturn £203.4m (in doubt)."
    )
    assert _sentence("as reported; its lines do not add up to it") == (
        "A forecast overspend of £12.4m (as reported; its lines do not add up to it): outturn £203.4m."
    )


def test_the_pages_html_says_an_as_reported_note_once_a_sentence() -> None:
    fig = Fig(
        "£12.4m",
        "review.json#/position/variance_gbp",
        "gbp_m",
        doubt="as reported; its lines do not add up to it",
    )
    again = Fig("£203.4m", "review.json#/position/forecast_gbp", "gbp_m", doubt=fig.doubt)
    html = doubt_once_html(
        f"<p>Over {fig.__html__()}, outturn {again.__html__()}. Then {again.__html__()}.</p>"
    )
    assert html.count("(as reported; its lines do not add up to it)") == 2  # each sentence says it once
    doubted = [f.__class__(f.text, f.ref, f.unit, doubt="in doubt: x") for f in (fig, again)]
    html = doubt_once_html(f"<p>Over {doubted[0].__html__()}, outturn {doubted[1].__html__()}.</p>")
    assert html.count("(in doubt: x)") == 1 and html.count("(in doubt)") == 1
