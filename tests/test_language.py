"""The one spaCy pipeline (ingest.language): blank English by default; a trained pipeline where one
is installed and named, never required. A process chooses it once, before it reads any words, so
each choice is tried in a fresh process."""

from __future__ import annotations

import json
import logging
import os
import subprocess
import sys
from pathlib import Path

import pytest
import spacy

from ingest.language import english, use_model
from workers.settings import load_settings

ROOT = Path(__file__).resolve().parents[1]

# What a fresh process reports of the pipeline it reads words with, having chosen the one named by
# REVIEWPACK_SPACY_MODEL as a worker does, and of a figure ending a sentence read with it.
CHOOSE_AND_READ = """
import json, logging, sys
logging.basicConfig(stream=sys.stderr)
from extract.prose import figures_from_passages
from extract.records import Passage, Provenance
from ingest.language import english, use_model
from workers.settings import load_settings
use_model(load_settings().spacy_model)
text = "Placements are forecast to overspend by £1.2m. The service is reviewing them."
where = Provenance(file="x.pdf", sha256="ab" * 32, page=1, bbox=(0.0, 0.0, 1.0, 1.0), locator="p", text="")
figures = figures_from_passages([Passage(text=text, provenance=[where])])
pipeline = english()
print(json.dumps({
    "name": pipeline.meta["name"], "lang": pipeline.lang, "components": pipeline.component_names,
    "figures": [f.value for f in figures], "first": next(iter(pipeline(text).sents)).text,
}))
"""


def chosen(model: str | None) -> tuple[dict[str, object], str]:
    env = {k: v for k, v in os.environ.items() if k != "REVIEWPACK_SPACY_MODEL"} | {"PYTHONPATH": str(ROOT)}
    if model is not None:
        env["REVIEWPACK_SPACY_MODEL"] = model
    done = subprocess.run(
        [sys.executable, "-c", CHOOSE_AND_READ], env=env, cwd=ROOT, capture_output=True, text=True, check=True
    )
    return json.loads(done.stdout), done.stderr


def saved(folder: Path, lang: str = "en") -> str:
    """A pipeline written to `folder` as spaCy writes a trained one, named so it can be told apart,
    with a component that matches entities (of no use here)."""
    pipeline = spacy.blank(lang)
    pipeline.meta["name"] = "council_minutes"
    pipeline.add_pipe("entity_ruler").add_patterns([{"label": "ORG", "pattern": "Cabinet"}])
    pipeline.to_disk(folder)
    return str(folder)


def test_by_default_the_pipeline_is_blank_english_with_a_sentencizer() -> None:
    assert english().lang == "en"
    assert english().pipe_names == ["sentencizer"]
    assert english().meta["name"] == "pipeline"  # spacy.blank's


def test_a_pipeline_named_is_loaded_with_only_what_splits_sentences(tmp_path: Path) -> None:
    found, _ = chosen(saved(tmp_path / "trained"))
    assert found["name"] == "council_minutes"
    assert found["components"] == ["sentencizer"]  # the entity ruler left out; a splitter added
    # The same tokens as the blank pipeline: a figure ending a sentence is still read.
    assert found["figures"] == [1_200_000]
    assert str(found["first"]).endswith("£1.2m.")


def test_a_pipeline_that_cannot_be_loaded_or_is_not_english_is_not_required(tmp_path: Path) -> None:
    found, said = chosen("en_no_such_pipeline")
    assert (found["name"], found["figures"]) == ("pipeline", [1_200_000])
    assert "'en_no_such_pipeline' could not be loaded" in said
    found, said = chosen(saved(tmp_path / "german", "de"))
    assert (found["lang"], found["name"]) == ("en", "pipeline")
    assert "is not English (de)" in said


def test_the_setting_names_the_pipeline() -> None:
    assert load_settings({"REVIEWPACK_SPACY_MODEL": " en_core_web_sm "}).spacy_model == "en_core_web_sm"
    assert load_settings({}).spacy_model is None


def test_a_choice_made_after_words_were_read_is_reported_and_not_used(
    caplog: pytest.LogCaptureFixture,
) -> None:
    """The matchers hold the pipeline's vocabulary: swapping it under them would break them."""
    built = english()
    with caplog.at_level(logging.WARNING, logger="ingest.language"):
        use_model("en_core_web_sm")
    assert english() is built
    assert "chosen after words were read" in caplog.text
