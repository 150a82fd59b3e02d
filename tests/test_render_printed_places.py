"""Money a source printed to its own places is written to them: the render's one money writer
reads the places a record keeps (a prose figure's, a DSG sum's, a reserve's) and falls back to
the pack's £m to one place where the record keeps none."""

from __future__ import annotations

import pytest

from extract.prose import figures_from_passages
from extract.records import Figure, Passage, Provenance
from render.refs import Figures
from tests.render_samples import sample

SENTENCE = "The shortfall is £5.04m in 2025-26, against £227m last year, £1,240k of grant and £12.5m overall."


def read_figures() -> list[Figure]:
    where = Provenance(
        file="report.pdf", sha256="ab" * 32, page=4, bbox=None, locator="page 4, paragraph 2", text=""
    )
    return figures_from_passages([Passage(text=SENTENCE, provenance=[where])])


def test_prose_figures_keep_the_places_they_are_printed_to_in_millions() -> None:
    assert [(f.value, f.places) for f in read_figures()] == [
        (5.04e6, 2),
        (227e6, 0),
        (1.24e6, None),  # printed in £k: no places in £m to keep
        (12.5e6, 1),
    ]


@pytest.mark.parametrize(("index", "shown"), [(0, "£5.04m"), (1, "£227m"), (2, "£1.2m"), (3, "£12.5m")])
def test_a_prose_figure_is_written_to_its_sources_places(index: int, shown: str) -> None:
    review, extraction = sample()
    extraction = extraction.model_copy(update={"figures": read_figures()})
    figure = extraction.figures[index]
    assert Figures(review, extraction).fig(figure, "value", "m").text == shown


def test_places_asked_for_outright_stand_over_the_records() -> None:
    review, extraction = sample()
    extraction = extraction.model_copy(update={"figures": read_figures()})
    assert Figures(review, extraction).fig(extraction.figures[0], "value", "m", places=1).text == "£5.0m"
