"""The council-name pattern (one trie of every name) finds what an alternation of every name,
longest first, finds: the same places and the same words."""

from __future__ import annotations

import re
from collections.abc import Iterable

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from analyse.benchmarks import BenchmarkTable, load_benchmark_table
from analyse.council import _alternation, name_patterns


def plain_alternation(words: Iterable[str], flags: int) -> re.Pattern[str]:
    """The pattern as it was before the trie: every word, longest first."""
    ordered = sorted(words, key=lambda w: (-len(w), w))
    escaped = [re.escape(w).replace(r"\ ", r"\s+") for w in ordered]
    return re.compile(r"(?<![\w&@./])(" + "|".join(escaped) + r")(?![\w&@]|\.\w)", flags)


def spans(pattern: re.Pattern[str], text: str) -> list[tuple[int, int]]:
    return [m.span(1) for m in pattern.finditer(text)]


@pytest.fixture(scope="module")
def table() -> BenchmarkTable:
    return load_benchmark_table()


def _words(table: BenchmarkTable) -> tuple[set[str], set[str]]:
    current = table.current_las()
    names = {v.lower() for la in current for v in la["name_variants"]}
    return names, {a for la in current for a in la["abbreviations"]}


# Words that begin one another ("ab", "ab a", "ab ab.b"), in texts with the characters around
# them that decide a match: white space runs, a word's letters, an e-mail's @, a web address's dot.
WORD = st.lists(st.text(alphabet="ab.-", min_size=1, max_size=2), min_size=1, max_size=3).map(" ".join)
AROUND = ["a", "B", " ", "  ", "\n\t", ".", "-", "@", "&"]


@settings(max_examples=400, deadline=None)
@given(words=st.sets(WORD, min_size=1, max_size=8), data=st.data(), ignore_case=st.booleans())
def test_the_trie_matches_where_the_longest_first_alternation_matches(
    words: set[str], data: st.DataObject, ignore_case: bool
) -> None:
    pieces = sorted(words) + [w.upper() for w in words] + AROUND
    text = "".join(data.draw(st.lists(st.sampled_from(pieces), max_size=10)))
    flags = re.IGNORECASE if ignore_case else 0
    assert spans(_alternation(words, flags), text) == spans(plain_alternation(words, flags), text)


@settings(max_examples=200, deadline=None)
@given(data=st.data())
def test_real_names_and_abbreviations_are_found_as_the_alternation_finds_them(
    table: BenchmarkTable, data: st.DataObject
) -> None:
    names, abbreviations = _words(table)
    pieces = sorted(names | abbreviations) + [" ", "  ", "\n", ".", "@", "&", "-", "s", " council", ".gov.uk"]
    text = "".join(data.draw(st.lists(st.sampled_from(pieces), max_size=12)))
    text = data.draw(st.sampled_from([text, text.upper(), text.title()]))
    for words, flags in ((names, re.IGNORECASE), (abbreviations, 0)):
        assert spans(_alternation(words, flags), text) == spans(plain_alternation(words, flags), text)


def test_the_longer_name_is_taken_and_the_shorter_where_the_longer_runs_into_a_word(
    table: BenchmarkTable,
) -> None:
    names, _, _ = name_patterns(table)
    assert [m.group(1) for m in names.finditer("North  Northamptonshire Council")] == [
        "North  Northamptonshire Council"
    ]
    assert [m.group(1) for m in names.finditer("Kent County Councils")] == ["Kent County"]


def test_the_patterns_are_built_once_per_table(table: BenchmarkTable) -> None:
    assert name_patterns(table) is name_patterns(table)
