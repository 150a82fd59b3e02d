"""HTML for council papers, rendered to PDF by WeasyPrint with fixed metadata.

Tables have no ruling lines: columns are aligned by whitespace, as tables exported from Word or
Excel into committee papers usually are, so that extractors meet the hard case, not the easy one.
"""

from __future__ import annotations

import os
from contextlib import contextmanager
from html import escape
from pathlib import Path

# A fixed date keeps the PDF bytes the same on every run.
CREATED = "2025-10-15T09:00:00Z"
CREATED_EPOCH = "1760518800"  # CREATED as seconds since 1970

CSS = """
@page { size: A4; margin: 22mm 20mm 20mm 20mm;
  @bottom-center { content: "Page " counter(page) " of " counter(pages);
                   font: 8.5pt 'Liberation Sans', Arial, sans-serif; }
  @top-right { content: "Wyvern County Council"; font: 8.5pt 'Liberation Sans', Arial, sans-serif; } }
body { font: 10.5pt/1.35 'Liberation Sans', Arial, sans-serif; color: #000; }
h1 { font-size: 16pt; margin: 0 0 6pt 0; }
h2 { font-size: 12pt; margin: 14pt 0 4pt 0; }
p { margin: 0 0 7pt 0; text-align: justify; }
.meta { margin-bottom: 14pt; }
.meta td { padding: 1pt 10pt 1pt 0; vertical-align: top; }
table.fin { border-collapse: collapse; width: 100%; font-size: 9.5pt; margin: 4pt 0 10pt 0; }
table.fin td, table.fin th { padding: 1.5pt 4pt; border: none; vertical-align: bottom; }
table.fin th { font-weight: bold; text-align: right; }
table.fin th.label, table.fin td.label { text-align: left; }
table.fin td.num { text-align: right; white-space: nowrap; width: 15%; }
table.fin tr.head td { font-weight: bold; padding-top: 8pt; }
table.fin tr.sub td { font-weight: bold; padding-bottom: 6pt; }
table.fin tr.total td { font-weight: bold; padding-top: 4pt; padding-bottom: 8pt; }
.caption { font-weight: bold; margin-top: 10pt; }
.note { font-size: 8.5pt; }
.break { page-break-before: always; }
"""


def money(value: int) -> str:
    """£000 as council papers print it: thousands commas, negatives in brackets, zero as a dash."""
    if value == 0:
        return "-"
    text = f"{abs(value):,}"
    return f"({text})" if value < 0 else text


def row(label: str, values: tuple[int, ...] | list[int], kind: str = "") -> str:
    cells = "".join(f'<td class="num">{money(v)}</td>' for v in values)
    return f'<tr class="{kind}"><td class="label">{escape(label)}</td>{cells}</tr>'


def heading_row(label: str, columns: int) -> str:
    return f'<tr class="head"><td class="label" colspan="{columns + 1}">{escape(label)}</td></tr>'


def table(caption: str, headers: list[str], body: list[str]) -> str:
    """A £000 table with a repeated header row; units are stated once, in the header."""
    ths = "".join(f"<th>{escape(h)}</th>" for h in headers)
    return (
        f'<p class="caption">{escape(caption)}</p>'
        f'<table class="fin"><thead><tr><th class="label"></th>{ths}</tr></thead>'
        f"<tbody>{''.join(body)}</tbody></table>"
    )


def paragraphs(*texts: str) -> str:
    return "".join(f"<p>{escape(t)}</p>" for t in texts)


def meta_block(items: list[tuple[str, str]]) -> str:
    rows = "".join(f"<tr><td><b>{escape(k)}</b></td><td>{escape(v)}</td></tr>" for k, v in items)
    return f'<table class="meta">{rows}</table>'


def document(title: str, body: str) -> str:
    return (
        "<!DOCTYPE html><html lang='en-GB'><head><meta charset='utf-8'>"
        f"<title>{escape(title)}</title>"
        "<meta name='author' content='Wyvern County Council'>"
        f"<meta name='dcterms.created' content='{CREATED}'>"
        f"<meta name='dcterms.modified' content='{CREATED}'>"
        f"<style>{CSS}</style></head><body>"
        f"{body}</body></html>"
    )


@contextmanager
def _source_date_epoch():
    """fontTools stamps each embedded font subset with the clock unless SOURCE_DATE_EPOCH is set."""
    before = os.environ.get("SOURCE_DATE_EPOCH")
    os.environ["SOURCE_DATE_EPOCH"] = CREATED_EPOCH
    try:
        yield
    finally:
        if before is None:
            del os.environ["SOURCE_DATE_EPOCH"]
        else:
            os.environ["SOURCE_DATE_EPOCH"] = before


def write_pdf(html: str, path: Path) -> Path:
    from weasyprint import HTML

    # A fixed identifier: WeasyPrint otherwise derives one that may vary between runs.
    with _source_date_epoch():
        HTML(string=html).write_pdf(path, pdf_identifier=b"wyvern-example-bundle")
    return path
