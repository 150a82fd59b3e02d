"""Text and file names made safe to store, show and write as JSON, once, where they enter.

PDF text arrives one UTF-16 code unit at a time, so a broken font can give a lone surrogate,
which UTF-8 (the database, JSON, spaCy) cannot encode. File names on Linux are bytes: a name
that is not UTF-8 arrives with its bad bytes as surrogates (Python's surrogateescape).
"""

from __future__ import annotations

import re

SURROGATE = re.compile("[\ud800-\udfff]")


def clean_text(text: str) -> str:
    """The text with surrogate pairs joined into their characters and lone surrogates replaced by
    U+FFFD (the replacement character)."""
    if not SURROGATE.search(text):
        return text
    return text.encode("utf-16-le", "surrogatepass").decode("utf-16-le", "replace")


def readable_name(name: str) -> str:
    """A file name that is valid UTF-8: bytes that were not UTF-8 are shown escaped ("caf\\xe9.pdf"),
    so the name stays readable and two such names stay distinct."""
    if not SURROGATE.search(name):
        return name
    try:
        raw = name.encode("utf-8", "surrogateescape")
    except UnicodeEncodeError:  # a surrogate that did not come from a byte
        return clean_text(name)
    return raw.decode("utf-8", "backslashreplace")
