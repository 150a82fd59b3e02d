"""Golden files: the tables read from real pages, checked in under tests/golden/pdf/.

Regenerate after a deliberate change with REVIEWPACK_REGEN_GOLDEN=1 and review the diff; the
flag must never be set in CI, where it would turn every golden test into a pass.
"""

from __future__ import annotations

import hashlib
import json
import os
from functools import cache
from pathlib import Path

import pytest

from extract.pdf.reader import read_pdf
from extract.records import Content
from ingest.records import Document, Format
from tests.conftest import IN_CI, SHARED, need

GOLDEN = Path(__file__).parent / "golden" / "pdf"
REGENERATE = os.environ.get("REVIEWPACK_REGEN_GOLDEN") == "1"
KENT = "corpus/council-finance/kent-cc-2025"
ICDAR = "corpus/table-groundtruth/icdar2013-eu"
PAGES = {
    "kent-appendixF-p1": (f"{KENT}/kent_cabinet_2025-01-30_appendixF_budget_templates.pdf", 1),
    "kent-appendixF-p20": (f"{KENT}/kent_cabinet_2025-01-30_appendixF_budget_templates.pdf", 20),
    "kent-appendixD-p1": (f"{KENT}/kent_cabinet_2025-01-30_appendixD_MTFP.pdf", 1),
    "icdar-eu-001-p1": (f"{ICDAR}/eu-001.pdf", 1),
    "icdar-eu-021-p3": (f"{ICDAR}/eu-021.pdf", 3),
}


@cache
def content(relative: str) -> Content:
    path = SHARED / relative
    need(path.is_file(), f"{path} not found")
    data = path.read_bytes()
    document = Document(
        file=path.name, sha256=hashlib.sha256(data).hexdigest(), size=len(data), format=Format.PDF
    )
    return read_pdf(document, data)


def page_tables(relative: str, page: int) -> list[dict]:
    return [
        {
            "locator": t.locator,
            "bbox": [round(v, 1) for v in t.bbox or ()],
            "title": t.title,
            "unit": t.unit,
            "header_rows": t.header_rows,
            "rows": t.rows,
        }
        for t in content(relative).tables
        if t.page == page
    ]


def test_golden_regeneration_is_off_in_ci() -> None:
    assert not (IN_CI and REGENERATE), "REVIEWPACK_REGEN_GOLDEN must not be set in CI"


@pytest.mark.shared
@pytest.mark.parametrize("name", sorted(PAGES))
def test_tables_on_a_real_page_match_their_golden_file(name: str) -> None:
    relative, page = PAGES[name]
    found = page_tables(relative, page)
    golden = GOLDEN / f"{name}.json"
    if REGENERATE:
        golden.write_text(json.dumps(found, indent=1, ensure_ascii=False) + "\n")
    assert found == json.loads(golden.read_text())


@pytest.mark.shared
def test_appendix_f_first_page_reads_as_the_document_prints_it() -> None:
    # Facts read off the rendered page, independent of the golden file.
    (table,) = page_tables(PAGES["kent-appendixF-p1"][0], 1)
    assert table["unit"] == "£000" and table["header_rows"] == 1
    assert table["title"] == "APPENDIX F: 2025-28 BUDGET - SPENDING"
    header, first = table["rows"][0], table["rows"][1]
    assert header[:3] == ["MTFP Category", "Directorate", "Cabinet Member"]
    assert header[5:8] == ["2025-26 £000's", "2026-27 £000's", "2027-28 £000's"]
    assert first[:4] == ["Base Budget Changes", "ASCH", "Dan Watkins", "Adult Social Care"]
    assert first[5:] == ["7,800.0", "0.0", "0.0", "Adults and Older People", "Core"]
    wrapped = table["rows"][3]
    assert wrapped[3] == "Schools' Services - Temporary Accommodation"
    assert wrapped[4].endswith("where these costs cannot be charged to capital.")
    assert len(table["rows"]) == 19
