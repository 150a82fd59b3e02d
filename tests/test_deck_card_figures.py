"""A card the deck shows beside its section's evidence is headed by the figure the pack's summary
heads it with: one rule for which card heads a figure (render.findings.headlined_once)."""

from __future__ import annotations

import io

from pptx import Presentation

from analyse.records import Review
from extract.records import Extraction
from render import findings
from render.deck import CARD_FIGURE, render_pptx
from render.findings import Finder, Finding, benchmark_rank, headline_findings
from render.refs import Figures
from tests.render_samples import sample


def spend_twice() -> tuple[Review, Extraction]:
    """The sample with its largest benchmark gap the spend per child the drivers model calls
    within what its circumstances predict (Kent's £968, both)."""
    review, extraction = sample()
    top = sorted(review.benchmarks, key=benchmark_rank, reverse=True)[0]
    n = review.benchmarks.index(top)
    median = top.statistical_neighbours.model_copy(update={"median": 2500.0})
    spend = top.model_copy(
        update={"unit": "gbp_per_child", "value": 1182.0, "statistical_neighbours": median}
    )
    drivers = review.drivers.model_copy(
        update={
            "actual_value": 1182.0,
            "residual_distinguishable": False,
            "interval_low": 600.0,
            "interval_high": 1800.0,
        }
    )
    benchmarks = [*review.benchmarks[:n], spend, *review.benchmarks[n + 1 :]]
    return review.model_copy(update={"benchmarks": benchmarks, "drivers": drivers}), extraction


def test_the_benchmark_slides_drivers_card_is_headed_by_the_figure_the_packs_summary_gives_it() -> None:
    review, extraction = spend_twice()
    cards = {f.section: f.figure for f in headline_findings(review)}
    assert cards["benchmarking"] == "£1,182" and cards["drivers"] == "£1,004"  # Kent: £968, then £961
    deck = Presentation(io.BytesIO(render_pptx(review, extraction)))
    [slide] = [
        s
        for s in deck.slides
        if any(sh.has_text_frame and sh.text_frame.text == "How the council compares" for sh in s.shapes)
    ]
    assert [sh.text_frame.text for sh in slide.shapes if sh.name == CARD_FIGURE] == ["£1,004"]


def test_each_finder_runs_once_for_the_deck_its_benchmark_card_and_the_pack_it_cites_by(monkeypatch) -> None:
    """The deck numbers its sources as the pack does (render.pack.pack_sources), so it renders the
    pack's summary too: the headline findings of one review are found once for all three."""
    review, extraction = spend_twice()
    runs: list[str] = []
    names = sorted(f.__name__ for f, _ in findings.FINDERS)

    def counted(finder: Finder) -> Finder:
        def run(review: Review, figs: Figures) -> Finding | None:
            runs.append(finder.__name__)
            return finder(review, figs)

        return run

    monkeypatch.setattr(findings, "FINDERS", [(counted(f), section) for f, section in findings.FINDERS])
    render_pptx(review, extraction)
    assert sorted(runs) == names
