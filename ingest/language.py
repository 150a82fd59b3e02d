"""The spaCy pipeline every stage reads words with, built once per process and shared.

spaCy runs without downloaded models: by default a blank English pipeline (its tokenizer) with a
rule-based sentencizer. Where a trained English pipeline is installed, REVIEWPACK_SPACY_MODEL names
it (a package such as `en_core_web_sm`, or a folder) and it is used instead: its parser or senter
splits sentences, and only the components that tokenize or split sentences are kept, since every
pattern here matches words, not tags or entities. A pipeline that cannot be loaded, or is not
English, is reported in the log and the blank one used: it is never required.

Classification's phrases (ingest.classify), the figures in prose (extract.prose) and the review's
wording (analyse.wording) all tokenize with it and keep their matchers on its vocabulary: building
a pipeline costs at least a fifth of a second of CPU, once here rather than once per module in
every process.
"""

from __future__ import annotations

import logging
from functools import lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.language import Language

log = logging.getLogger(__name__)

# The components of a trained pipeline worth their cost here: what splits sentences (parser,
# senter) and what they read from (tok2vec, transformer).
KEPT = frozenset({"tok2vec", "transformer", "parser", "senter", "sentencizer"})
SPLITS_SENTENCES = frozenset({"parser", "senter", "sentencizer"})

_model: str | None = None


def use_model(name: str | None) -> None:
    """Build `english()` from the trained pipeline `name` (None: the blank one), in this process and
    those it forks: set where a process that runs stages starts, from its settings, before anything
    reads words (spaCy itself is imported only when the pipeline is built). The matchers are built
    on the pipeline's vocabulary, so once it is built it stays: a later choice is reported and
    left unused."""
    global _model
    if name == _model:
        return
    if english.cache_info().currsize:
        log.warning("spaCy pipeline %r chosen after words were read with %r: not used", name, _model)
        return
    _model = name


@lru_cache(maxsize=1)
def english() -> Language:
    """The pipeline, built once: the trained one chosen, or a blank English tokenizer, with a
    sentence splitter."""
    import spacy
    from spacy.tokenizer import Tokenizer

    pipeline = (_trained(_model) if _model else None) or spacy.blank("en")
    for name in [n for n in pipeline.component_names if n not in KEPT]:
        pipeline.remove_pipe(name)
    # "£1.2m." ends a sentence; the English exceptions would keep "m." whole as an abbreviation.
    tokenizer = pipeline.tokenizer
    assert isinstance(tokenizer, Tokenizer)
    tokenizer.rules = {k: v for k, v in tokenizer.rules.items() if k not in {"m.", "k."}}
    if not SPLITS_SENTENCES & set(pipeline.pipe_names):
        pipeline.add_pipe("sentencizer")
    return pipeline


def _trained(name: str) -> Language | None:
    import spacy

    try:
        pipeline = spacy.load(name)
    except (OSError, ImportError, ValueError) as exc:
        log.warning("spaCy pipeline %r could not be loaded (%s); using the blank English one", name, exc)
        return None
    if pipeline.lang != "en":
        log.warning("spaCy pipeline %r is not English (%s); using the blank English one", name, pipeline.lang)
        return None
    return pipeline
