"""The pack speaks to finance and social-care professionals: it names no part of the tool (its
command, "the web app", the CLI, JSON, a record's id). Where it asks a reviewer to act on a figure
it names the page as they see it: Hallam Valley's contradicted children's subtotal asked them to
"open this bundle in the web app (reviewpack web)"."""

from __future__ import annotations

import re
from html import unescape
from typing import Any

import pytest

from render.pack import pack_html
from render.refs import TAG

JARGON = re.compile(r"reviewpack|web app|\bCLI\b|\bJSON\b|record id|command line", re.I)


@pytest.mark.parametrize("bundle", ["hallam", "northmoor"])
def test_the_pack_names_no_part_of_the_tool(bundle: str, request: pytest.FixtureRequest) -> None:
    review, extraction = request.getfixturevalue(bundle)
    html = pack_html(review, extraction)
    body = html[html.index("<body>") :]
    said = TAG.sub(" ", re.sub(r"<svg.*?</svg>", " ", body, flags=re.S))
    assert JARGON.findall(said) == []


def test_the_contradicted_position_card_says_where_to_confirm_it_in_plain_words(hallam: Any) -> None:
    review, extraction = hallam
    text = " ".join(unescape(TAG.sub(" ", pack_html(review, extraction))).split())
    assert "Confirm or correct it on the bundle's “Check the figures” page before the review." in text
