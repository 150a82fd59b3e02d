"""Render timing on a thirty-page pack (the target is under five seconds; printed with -s)."""

from __future__ import annotations

import pytest

from render.benchmark import render_benchmark
from tests.render_samples import large_sample

# A loose ceiling: the machine is shared, so this catches a pathological slowdown, not a few seconds.
CEILING_S = 30.0


@pytest.mark.slow
def test_a_thirty_page_pack_renders_well_inside_the_ceiling() -> None:
    review, extraction = large_sample()
    timing = render_benchmark(review, extraction, runs=1)
    print(timing.line())
    assert 28 <= timing.pages <= 40
    assert timing.pdf_s + timing.pptx_s + timing.xlsx_s < CEILING_S
