"""The render benchmark on a thirty-page pack: it renders every output and counts the pages.
Its timings are printed by `reviewpack bench`, never asserted: the machine is shared."""

from __future__ import annotations

import pytest

from render.benchmark import render_benchmark
from tests.render_samples import large_sample


@pytest.mark.slow
def test_the_render_benchmark_renders_a_thirty_page_pack() -> None:
    review, extraction = large_sample()
    timing = render_benchmark(review, extraction, runs=1)
    assert 28 <= timing.pages <= 40
    assert timing.pdf_s > 0 and timing.pptx_s > 0 and timing.xlsx_s > 0
