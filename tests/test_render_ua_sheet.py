"""render.ua_sheet: the pack's user-agent stylesheet drops only rules the pack never uses, and a
page laid out with it is glyph for glyph the page WeasyPrint's own sheet lays out."""

from __future__ import annotations

import io
from importlib import resources

import pdfplumber
import weasyprint.css
from weasyprint import HTML

from render.pack import PDF_OPTIONS, stylesheet
from render.ua_sheet import CHANGES, PackHTML, pack_rules, pack_stylesheet

STOCK = (resources.files(weasyprint.css) / "html5_ua.css").read_text("utf-8")
# what the pack's sheet styles: lists with their markers, numbered and not, tables, headings
PAGE = f"""<html lang="en-GB"><head><title>t</title><style>{stylesheet()}</style></head><body>
<h2>Budget position</h2><p>A paragraph with <span data-ref="r">£7.3m</span> in it.</p>
<ul><li>First bullet</li><li>Second, longer bullet that runs on</li></ul>
<ol><li>One</li><li>Two</li><li>Three</li><li>Four</li><li>Five</li><li>Six</li><li>Seven</li>
<li>Eight</li><li>Nine</li><li>Ten</li></ol>
<ol class="findings"><li><span class="figure">£1.2m</span><div><h3>Title</h3><p>Words</p></div></li></ol>
<table><caption>Caption</caption><thead><tr><th scope="col" class="name">Line</th>
<th scope="col" class="num">Budget</th></tr></thead><tbody><tr><th scope="row">Care<span class="sub">Scope</span>
</th><td class="num">12,345</td></tr></tbody></table></body></html>"""


def chars(pdf: bytes) -> list[tuple[str, float, float]]:
    with pdfplumber.open(io.BytesIO(pdf)) as doc:
        return [(c["text"], round(c["x0"], 3), round(c["top"], 3)) for p in doc.pages for c in p.chars]


def test_the_pack_sheet_changes_only_the_marker_and_note_rules() -> None:
    rules = pack_rules(STOCK)
    assert rules is not None and pack_stylesheet() is not None
    dropped = set(STOCK.splitlines()) - set(rules.splitlines())
    assert len(dropped) == len(CHANGES)
    assert all(line.startswith(tuple(CHANGES)) for line in dropped)
    assert "::footnote-call" not in rules and "::note-callback" not in rules
    assert "\nli::marker { font-variant-numeric: tabular-nums; white-space: pre" in rules


def test_a_sheet_without_the_rules_to_change_is_not_changed() -> None:
    assert pack_rules(STOCK.replace("::note-callback", "::note-back")) is None


def test_a_page_laid_out_with_the_pack_sheet_is_the_page_weasyprints_sheet_lays_out() -> None:
    stock = chars(HTML(string=PAGE).write_pdf(**PDF_OPTIONS))
    assert len(stock) > 150 and "•" in {c for c, _, _ in stock}
    assert chars(PackHTML(string=PAGE).write_pdf(**PDF_OPTIONS)) == stock
