"""The spaCy pipeline every stage reads words with, built once per process and shared.

spaCy runs without downloaded models: a blank English pipeline (its tokenizer) with a rule-based
sentencizer. Classification's phrases (ingest.classify), the figures in prose (extract.prose) and
the review's wording (analyse.wording) all tokenize with it and keep their matchers on its
vocabulary: building a blank English pipeline costs about a fifth of a second of CPU, once here
rather than once per module in every process.
"""

from __future__ import annotations

from functools import lru_cache

import spacy
from spacy.language import Language
from spacy.tokenizer import Tokenizer


@lru_cache(maxsize=1)
def english() -> Language:
    """The pipeline, built once: a blank English tokenizer with a rule-based sentencizer."""
    pipeline = spacy.blank("en")
    # "£1.2m." ends a sentence; the English exceptions would keep "m." whole as an abbreviation.
    tokenizer = pipeline.tokenizer
    assert isinstance(tokenizer, Tokenizer)
    tokenizer.rules = {k: v for k, v in tokenizer.rules.items() if k not in {"m.", "k."}}
    pipeline.add_pipe("sentencizer")
    return pipeline
