"""The pack says only what the documents say of the DSG deficit when the statutory override ends.

Ashdown Vale's reader (p.7): the pack said the deficit "falls on the council's reserves" once the
override ends, and where a share of the reserve was given, that it "would fall to the council ...
unless further funding is made available": the pack's own inference, not the papers'. Where the
documents say what follows the override's end, the pack quotes them; where they do not, it asks.
"""

from __future__ import annotations

import re
from html import unescape

from render.pack import pack_html

CLAIMS = ("falls on the council's reserves", "would fall to the council", "unless further funding")


def _dsg_words(review: object, extraction: object) -> str:
    html = pack_html(review, extraction)  # type: ignore[arg-type]
    section = html[html.index('<section id="dsg">') :]
    words = re.sub(r"<[^>]+>", "", section[: section.index("</section>")])
    return unescape(" ".join(words.split()))


def test_ashdown_vales_dsg_section_asks_where_the_deficit_falls_never_says(ashdown) -> None:
    review, extraction = ashdown
    assert review.dsg.override_consequence is None  # the papers do not say what follows its end
    words = _dsg_words(review, extraction)
    assert not [c for c in CLAIMS if c in words]
    assert (
        "the documents do not say where the deficit falls when it ends: a question for the S151 officer"
        in words
    )
    # the documents' own view is quoted, with its source
    assert "the cumulative deficit would exceed the Council's General Fund reserve of £28.5m" in words


def test_a_deficits_share_of_the_reserve_is_given_without_saying_it_falls_to_the_council(severnbrook) -> None:
    review, extraction = severnbrook
    assert review.derived.dsg_deficit_share_of_reserve is not None
    words = _dsg_words(review, extraction)
    assert "of the reserve at the same date" in words
    assert not [c for c in CLAIMS if c in words]
