"""Browsing a bundle's extracted figures, each linked to its source page with the box drawn on it."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pdfplumber
import pytest
from PIL import Image
from weasyprint import HTML

from ingest.bundle import IncomingFile
from tests.web_support import Site, log_in, make_site, review, store_review, upload
from workers.web.access import record_owner
from workers.web.pages_image import WIDTH_PX


@pytest.fixture
def pdf_site(tmp_path: Path) -> tuple[Site, str, str, tuple[float, float, float, float]]:
    """A Kent bundle whose one PDF says "£9.8million", and an extraction pointing at those words."""
    site = make_site(tmp_path)
    pdf = HTML(
        string="<h1>Budget</h1><p>The <b>£9.8million</b> would need to be factored in.</p>"
    ).write_pdf()
    with pdfplumber.open(io.BytesIO(pdf)) as document:
        word = next(w for w in document.pages[0].extract_words() if "million" in w["text"])
    bbox = (word["x0"], word["top"], word["x1"], word["bottom"])
    user = site.users["kent"]
    bundle_id = site.store.create_bundle("kent", [IncomingFile("report.pdf", pdf)], user.council)
    record_owner(site.store.engine, bundle_id, user.council, user)
    sha = site.store.files(bundle_id)[0].sha256
    source = {
        "file": "report.pdf",
        "sha256": sha,
        "page": 1,
        "bbox": list(bbox),
        "locator": "paragraph 1",
        "text": "the £9.8million would need to be factored in",
    }
    extraction = {
        "savings": [],
        "pressures": [],
        "budget_lines": [],
        "figures": [
            {
                "value": 9.8e6,
                "unit": "gbp",
                "period": None,
                "label": "investment",
                "text": source["text"],
                "provenance": [source],
            }
        ],
    }
    store_review(site.store, bundle_id, review("Kent", "886", "South East", "SC", "2024-25", []), extraction)
    return site, bundle_id, sha, bbox


def test_each_figure_links_to_its_source_page_with_its_box_outlined(pdf_site) -> None:  # type: ignore[no-untyped-def]
    site, bundle_id, sha, bbox = pdf_site
    log_in(site.client, "officer@kent.gov.uk")
    figures = site.client.get(f"/bundles/{bundle_id}/figures").text
    assert "investment" in figures and f"/bundles/{bundle_id}/source?ref=figures.0&amp;n=0" in figures
    source = site.client.get(f"/bundles/{bundle_id}/source", params={"ref": "figures.0"}).text
    assert "factored in" in source and f"/bundles/{bundle_id}/page/{sha}/1.png" in source
    response = site.client.get(
        f"/bundles/{bundle_id}/page/{sha}/1.png", params={"bbox": ",".join(map(str, bbox))}
    )
    assert response.status_code == 200 and response.headers["content-type"] == "image/png"
    image = Image.open(io.BytesIO(response.content)).convert("RGB")
    assert abs(image.width - WIDTH_PX) <= 1
    scale = image.width / 595.28  # weasyprint's default page is A4, 595.28 points wide
    x0, top, x1, bottom = (v * scale for v in bbox)
    red, green, blue = image.getpixel((int(x0) - 2, int((top + bottom) / 2)))
    assert red > 180 and green < 100 and blue < 100, "the box's red outline is missing"
    assert image.getpixel((5, image.height - 5)) == (255, 255, 255), (
        "the page beyond the box is not left white"
    )


def test_a_page_image_is_only_served_for_a_file_of_that_bundle(pdf_site) -> None:  # type: ignore[no-untyped-def]
    site, bundle_id, sha, _ = pdf_site
    log_in(site.client, "officer@kent.gov.uk")
    assert site.client.get(f"/bundles/{bundle_id}/page/{'f' * 64}/1.png").status_code == 404
    assert site.client.get(f"/bundles/{bundle_id}/page/{sha}/99.png").status_code == 404
    assert site.client.get(f"/bundles/{bundle_id}/source", params={"ref": "figures.7"}).status_code == 404


def test_the_figures_page_shows_one_kind_sorted_by_a_column_and_filters_by_words(tmp_path: Path) -> None:
    site = make_site(tmp_path)
    bundle_id = upload(site, "kent", {"monitoring.csv": b"Line,Budget\n"})
    where = {"file": "monitoring.csv", "sha256": "0" * 64, "page": None, "bbox": None, "text": "x"}
    lines = [
        {"name": name, "level": "service_line", "period": "2025-26", "budget_gbp": budget, "forecast_gbp": None,
         "variance_gbp": None, "provenance": [{**where, "locator": f"sheet S!A{i + 2}"}]}
        for i, (name, budget) in enumerate([("Fostering", 2e6), ("Residential care", 9e6), ("Youth justice", 1e6)])
    ]  # fmt: skip
    store_review(
        site.store,
        bundle_id,
        review("Kent", "886", "South East", "SC", "2025-26", []),
        {"budget_lines": lines},
    )
    log_in(site.client, "officer@kent.gov.uk")

    page = site.client.get(
        f"/bundles/{bundle_id}/figures",
        params={"kind": "budget_lines", "sort": "budget_gbp", "order": "desc"},
    ).text
    assert [m for m in re.findall(r"<td>(Fostering|Residential care|Youth justice)</td>", page)] == [
        "Residential care",
        "Fostering",
        "Youth justice",
    ]
    assert 'aria-sort="descending"' in page and 'id="savings"' not in page  # the one kind asked for
    found = site.client.get(f"/bundles/{bundle_id}/figures", params={"q": "care"}).text
    assert (
        "Residential care" in found and "Fostering" not in found and "None found with those words." in found
    )
