"""The HTML parser's regular-expression cache, filled as it means to be.

WeasyPrint parses HTML with tinyhtml5, whose tokenizer reads text, attribute values and names
with `chars_until(characters, opposite)`. That method keeps the expression it compiles for each
set of characters in `tinyhtml5.inputstream.characters_until_regex`, but stores it under the
compiled expression rather than the characters (tinyhtml5 2.1: `characters = cache[key] = regex`
rebinds `characters` first), so every call misses, builds the expression's text a character at a
time and compiles it again: over half the time to parse the pack's HTML (0.26 of 0.45 s for
Kent's, whose six thousand elements and 1,600 figure attributes each take a few calls).

`install()` puts in that name a cache that builds, on a miss, the expression tinyhtml5 builds, and
keeps it under the characters asked for, so the parser's `except KeyError` branch is not reached.
The parse is the same: tests/test_render_parse_cache.py checks the expressions against the ones
tinyhtml5 compiles itself and the parsed pack against the stock parse. Where tinyhtml5 has no
such cache (another version), `install` leaves it as it is.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

CacheKey = tuple[Iterable[str], bool]


def expression(characters: Iterable[str], opposite: bool) -> re.Pattern[str]:
    """tinyhtml5's expression for a run of `characters` (of any other character, if `opposite`)."""
    body = "".join(f"\\x{ord(character):02x}" for character in characters)
    return re.compile(f"[{body}]+" if opposite else f"[^{body}]+")


class CharactersUntil(dict[CacheKey, re.Pattern[str]]):
    """tinyhtml5's cache of `chars_until` expressions, each built once and kept by its characters."""

    def __missing__(self, key: CacheKey) -> re.Pattern[str]:
        characters, opposite = key
        if isinstance(characters, re.Pattern):  # what the stock code stores under: not a key to fill
            raise KeyError(key)
        found = self[key] = expression(characters, opposite)
        return found


def install() -> None:
    """Give tinyhtml5 the filled cache (once), where it keeps one by that name."""
    try:
        import tinyhtml5.inputstream as inputstream
    except ImportError:
        return
    cache = getattr(inputstream, "characters_until_regex", None)
    if isinstance(cache, dict) and not isinstance(cache, CharactersUntil):
        inputstream.characters_until_regex = CharactersUntil()


def installed() -> bool:
    try:
        import tinyhtml5.inputstream as inputstream
    except ImportError:
        return False
    return isinstance(getattr(inputstream, "characters_until_regex", None), CharactersUntil)
