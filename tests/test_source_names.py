"""A source is named as its reader can look it up: a national data set by its public name (the
publisher's title, analyse.benchmarks.catalogue.PUBLIC_NAMES), never the path of this project's
copy of it ('lait/bds_long_0.parquet'); a council's document by its file's name."""

from __future__ import annotations

import io

from pptx import Presentation

from analyse.benchmarks.catalogue import LAIT_FILE, POPULATION_FILE, PUBLIC_NAMES
from analyse.records import Review
from render.deck import render_pptx
from render.pack import pack_html
from tests.render_samples import LAIT, S251, sample


def with_our_paths() -> tuple[Review, object]:
    """The sample with its benchmarks read from the files the national tables are built from."""
    review, extraction = sample()
    text = review.model_dump_json().replace(S251, LAIT_FILE).replace(LAIT, POPULATION_FILE)
    named = Review.model_validate_json(text).model_copy(update={"source_names": dict(PUBLIC_NAMES)})
    return named, extraction


def test_every_national_file_has_a_public_name_that_is_no_path_and_the_review_carries_them() -> None:
    from analyse.benchmarks import load_benchmark_table
    from analyse.review import build_review
    from extract.records import Extraction

    assert all("/" not in n and "." not in n.rsplit(" ", 1)[-1] for n in PUBLIC_NAMES.values())
    assert build_review(Extraction(), load_benchmark_table()).source_names == PUBLIC_NAMES


def test_the_pack_appendix_and_the_deck_notes_name_a_national_source_by_its_public_name() -> None:
    review, extraction = with_our_paths()
    assert LAIT_FILE in review.model_dump_json()
    html = pack_html(review, extraction)  # type: ignore[arg-type]
    appendix = html.split("Appendix: sources")[-1]
    assert PUBLIC_NAMES[LAIT_FILE] in appendix and PUBLIC_NAMES[POPULATION_FILE] in appendix
    assert "bds_long_0" not in appendix and "ons_mid-year" not in appendix
    deck = Presentation(io.BytesIO(render_pptx(review, extraction)))  # type: ignore[arg-type]
    notes = "\n".join(s.notes_slide.notes_text_frame.text for s in deck.slides if s.has_notes_slide)
    assert PUBLIC_NAMES[LAIT_FILE] in notes and "bds_long_0" not in notes
    # a council's document keeps its file's name
    assert extraction.documents[0].file in notes  # type: ignore[attr-defined]
