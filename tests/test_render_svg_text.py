"""render.svg_text: chart labels drawn a run at a time land glyph for glyph where WeasyPrint's own
letter-by-letter drawer puts them, and nodes it does not handle still reach that drawer."""

from __future__ import annotations

import io
import logging

import pdfplumber
import pytest
import weasyprint.svg
from weasyprint import HTML

import render.pack  # noqa: F401  (installs render.svg_text, as the pack does)
from render import svg_text

# kerned pairs (Te, AV, r.), anchors, weights and sizes as the charts use them; one label with dx
# and one with a <tspan> go to WeasyPrint's drawer
CHART = (
    '<svg xmlns="http://www.w3.org/2000/svg" width="360" height="120" viewBox="0 0 360 120" '
    'font-family="Liberation Sans, DejaVu Sans, sans-serif" font-size="9" fill="#1d2b36">'
    '<text x="10" y="20">Tea AVA r. 1.0 £7.3m fi</text>'
    '<text x="180" y="40" text-anchor="middle" font-weight="bold">Middle -£12.3m</text>'
    '<text x="350" y="60" text-anchor="end" font-size="7.5" fill="#5b6770">2025-26 (700)</text>'
    '<text x="10" y="80" dx="0 3 3">Spaced</text>'
    '<text x="120" y="100">Run <tspan font-weight="bold">bold</tspan></text>'
    "</svg>"
)


def chars(pdf: bytes) -> list[tuple[str, float, float]]:
    """The glyphs drawn, but spaces: WeasyPrint's drawer draws none, a run draws them (invisible)."""
    with pdfplumber.open(io.BytesIO(pdf)) as doc:
        return [(c["text"], c["x0"], c["top"]) for c in doc.pages[0].chars if c["text"] != " "]


def drawn(caplog: pytest.LogCaptureFixture) -> bytes:
    with caplog.at_level(logging.ERROR, logger="weasyprint"):
        pdf = HTML(string=f"<html><body>{CHART}</body></html>").write_pdf()
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR], caplog.text
    return bytes(pdf)


def stock_drawer(monkeypatch: pytest.MonkeyPatch) -> None:
    """Put back WeasyPrint's own SVG text drawer, where render.svg_text had replaced it."""
    monkeypatch.setattr(weasyprint.svg, "text", svg_text._stock)
    for tag, drawer in weasyprint.svg.TAGS.items():
        if drawer is svg_text.text:
            monkeypatch.setitem(weasyprint.svg.TAGS, tag, svg_text._stock)


def test_the_pack_draws_svg_labels_a_run_at_a_time() -> None:
    assert svg_text.installed()
    assert weasyprint.svg.TAGS["text"] is svg_text.text


def test_labels_drawn_a_run_at_a_time_land_where_weasyprint_puts_each_letter(
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    run_at_a_time = chars(drawn(caplog))
    stock_drawer(monkeypatch)
    letters = chars(drawn(caplog))
    assert "".join(c for c, _, _ in letters) == "".join(c for c, _, _ in run_at_a_time)
    assert len(letters) > 50
    for (c, x, y), (_, fx, fy) in zip(letters, run_at_a_time, strict=True):
        assert abs(x - fx) < 0.01 and abs(y - fy) < 0.01, (c, x, fx, y, fy)
