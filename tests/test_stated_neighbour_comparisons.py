"""Where the national tables give no comparison, the documents' own comparison with the neighbours
is quoted, with its source, never "no comparison is possible". Ashdown Vale's reader (p.11): the
council is not in the national tables, but its recovery plan states "78 per 10,000 children, above
the statistical neighbour average of 64"."""

from __future__ import annotations

import re
from html import unescape

from analyse.benchmarks.own import neighbours_figure, stated_comparisons
from extract.records import FigureUnit
from render.pack import pack_html
from tests.test_benchmarks_own_figures import figure

BELOW = "At 41 per 10,000, the county's looked-after rate is below the statistical neighbours' median of 52."


def test_a_neighbours_average_or_median_named_as_such_is_their_figure() -> None:
    assert neighbours_figure(BELOW) == 52
    assert (
        neighbours_figure("Our rate of children in care is 70 per 10,000, against 58 for our neighbours.")
        == 58
    )
    assert neighbours_figure("Our rate is 70 per 10,000 children, up from 64 last year.") is None


def test_a_sentence_comparing_a_benchmarked_measure_with_the_neighbours_is_read_once() -> None:
    said = figure(41, FigureUnit.RATE_PER_10K, BELOW)
    again = figure(41, FigureUnit.RATE_PER_10K, BELOW, page=9)
    alone = figure(41, FigureUnit.RATE_PER_10K, "The looked-after rate is 41 per 10,000 children.")
    (found,) = stated_comparisons([said, again, alone])
    assert (found.value, found.neighbours, found.indicator) == (41, 52, "cla_rate_per_10k")
    assert [p.page for p in found.provenance] == [1, 9]


def test_ashdown_vales_benchmarking_quotes_its_own_comparison_with_neighbours(ashdown) -> None:
    review, extraction = ashdown
    assert not review.benchmarks
    html = pack_html(review, extraction)
    section = html[html.index('<section id="benchmarking">') :]
    words = unescape(" ".join(re.sub(r"<[^>]+>", "", section[: section.index("</section>")]).split()))
    assert "so it cannot be compared with its neighbours" not in words
    assert "above the statistical neighbour average of 64" in words and re.search(r"64\.” \[S\d+\]", words)
