"""render.parse_cache: tinyhtml5's chars_until expressions are built once, as tinyhtml5 builds them,
and the HTML parses to the same tree as with tinyhtml5's own cache."""

from __future__ import annotations

from xml.etree import ElementTree

import tinyhtml5
import tinyhtml5.inputstream as inputstream
from tinyhtml5.constants import ascii_letters, space_characters

import render.pack  # noqa: F401  (installs render.parse_cache, as the pack does)
from render import parse_cache

# text, attributes of each quoting, entities, comments, CDATA in SVG, a NUL and a CR LF: the
# tokenizer states that read runs with chars_until
SAMPLE = (
    "<!DOCTYPE html><html lang=en-GB><head><title>T &amp; c</title><style>p { x: 1 }</style></head>"
    "<body><!-- a comment --><p class=\"a b\" data-ref='review.json#/x/0' id=q data-unit=gbp_m>"
    "£7.3m&nbsp;and (700) &unknown; text\r\nover lines\x00</p>"
    '<table><tr><td class="num"><span data-ref="r#/a">12,345</span></td></tr></table>'
    '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><![CDATA[x]]>'
    '<text x="1" y="2" font-size="8">2025-26</text></svg><script>if (a < b) {}</script></body></html>'
)
CHARACTER_SETS = [
    (space_characters, True),
    (ascii_letters, True),
    (("&", "<", "\u0000"), False),
    (("<", "\u0000"), False),
    ("\u0000", False),
    (('"', "&", "\u0000"), False),
    (("'", "&", "\u0000"), False),
    (("-", "\u0000"), False),
    (">", False),
    ("]", False),
]


def stock_expression(characters: object, opposite: bool) -> str:
    """The expression tinyhtml5's own chars_until compiles for these characters, with its own
    (plain dict) cache: what it stores is read back from that cache."""
    saved = inputstream.characters_until_regex
    inputstream.characters_until_regex = {}
    try:
        stream = inputstream.HTMLInputStream("abc<def")
        stream.chars_until(characters, opposite)
        (compiled,) = inputstream.characters_until_regex.values()
        return str(compiled.pattern)
    finally:
        inputstream.characters_until_regex = saved


def tree(html: str) -> bytes:
    """The parsed document, serialised: two parses are the same where these bytes are."""
    return ElementTree.tostring(tinyhtml5.parse(html), encoding="unicode").encode()


def test_the_pack_parses_with_the_filled_cache() -> None:
    assert parse_cache.installed()


def test_each_expression_is_the_one_tinyhtml5_compiles() -> None:
    for characters, opposite in CHARACTER_SETS:
        assert parse_cache.expression(characters, opposite).pattern == stock_expression(characters, opposite)


def test_the_cache_keeps_each_expression_by_its_characters() -> None:
    cache = parse_cache.CharactersUntil()
    first = cache[(ascii_letters, True)]
    assert cache[(ascii_letters, True)] is first
    assert list(cache) == [(ascii_letters, True)]


def test_html_parses_to_the_tree_tinyhtml5_parses_with_its_own_cache() -> None:
    with_filled = tree(SAMPLE)
    saved = inputstream.characters_until_regex
    inputstream.characters_until_regex = {}
    try:
        stock = tree(SAMPLE)
    finally:
        inputstream.characters_until_regex = saved
    assert with_filled == stock
    assert "£7.3m\u00a0and (700)".encode() in with_filled
