"""The LGA's themes view and line search, computed from reviews stored for several councils."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from openpyxl import load_workbook

from analyse.records import Theme
from ingest.bundle import IncomingFile
from tests.web_support import Site, make_site, review, store_review
from workers.web.access import record_owner


def _bundle(site: Site, who: str, name: str, previous: str | None = None) -> str:
    user = site.users[who]
    bundle_id = site.store.create_bundle(name, [IncomingFile(f"{name}.csv", name.encode())], user.council)
    record_owner(site.store.engine, bundle_id, user.council, user, previous)
    return bundle_id


def _saving(title: str, target: float, at_risk: bool) -> dict[str, object]:
    source = {
        "file": "tracker.xlsx",
        "sha256": "ab" * 32,
        "page": None,
        "bbox": None,
        "locator": "sheet Savings!A2",
        "text": title,
    }
    return {
        "title": title,
        "description": "",
        "planned": [],
        "period": "2024-25",
        "target_gbp": target,
        "at_risk": at_risk,
        "provenance": [source],
    }


@pytest.fixture
def site(tmp_path: Path) -> Site:
    """Kent (two versions), Surrey and a third council uploaded by the LGA, each with a stored review."""
    site = make_site(tmp_path)
    placements = "placements"
    kent_old = _bundle(site, "kent", "kent-v1")
    store_review(
        site.store,
        kent_old,
        review(
            "Kent",
            "886",
            "South East",
            "SC",
            "2024-25",
            [Theme(theme=placements, label="Placements", savings_gbp=9e9, at_risk_gbp=9e9)],
        ),
    )
    kent = _bundle(site, "kent", "kent-v2", previous=kent_old)
    store_review(
        site.store,
        kent,
        review(
            "Kent",
            "886",
            "South East",
            "SC",
            "2024-25",
            [
                Theme(theme=placements, label="Placements", savings_gbp=1_000_000, at_risk_gbp=400_000),
                Theme(
                    theme="transport", label="Home to school transport", savings_gbp=250_000, at_risk_gbp=0
                ),
            ],
        ),
        {"savings": [_saving("Residential placements step-down", 600_000, True)], "pressures": []},
    )
    surrey = _bundle(site, "surrey", "surrey")
    store_review(
        site.store,
        surrey,
        review(
            "Surrey",
            "936",
            "South East",
            "SC",
            "2023-24",
            [Theme(theme=placements, label="Placements", savings_gbp=500_000, at_risk_gbp=100_000)],
        ),
        {
            "savings": [_saving("Reduce residential placements", 300_000, False)],
            "pressures": [
                {
                    "title": "Residential placement costs",
                    "planned": [{"period": "2023-24", "amount_gbp": 2e6}],
                    "provenance": [_saving("x", 0, False)["provenance"][0]],
                }
            ],
        },
    )
    camden = _bundle(site, "lga", "camden")
    store_review(
        site.store,
        camden,
        review(
            "Camden",
            "202",
            "London",
            "LB",
            "2024-25",
            [Theme(theme=placements, label="Placements", savings_gbp=200_000, at_risk_gbp=200_000)],
        ),
    )
    return site


def _rows(site: Site, who: str, **params: str) -> list[dict[str, object]]:
    response = site.client.get("/api/themes", params=params, headers=site.auth(who))
    assert response.status_code == 200, response.text
    return response.json()["rows"]  # type: ignore[no-any-return]


def test_themes_count_reviews_and_add_up_savings_and_risk_across_councils(site: Site) -> None:
    rows = {r["theme"]: r for r in _rows(site, "lga")}
    # Kent's first version is replaced by its second, so its 9e9 must not count.
    assert rows["placements"]["reviews"] == 3
    assert rows["placements"]["savings_gbp"] == 1_000_000 + 500_000 + 200_000
    assert rows["placements"]["at_risk_gbp"] == 400_000 + 100_000 + 200_000
    assert rows["transport"]["reviews"] == 1 and rows["transport"]["savings_gbp"] == 250_000


def test_themes_group_by_region_la_type_and_year_and_filter(site: Site) -> None:
    by_region = {(r["theme"], r["region"]): r for r in _rows(site, "lga", by="region")}
    assert by_region[("placements", "South East")]["reviews"] == 2
    assert by_region[("placements", "South East")]["at_risk_gbp"] == 500_000
    assert by_region[("placements", "London")]["savings_gbp"] == 200_000
    by_type = {(r["theme"], r["la_type"]): r["reviews"] for r in _rows(site, "lga", by="la_type")}
    assert by_type == {("placements", "SC"): 2, ("placements", "LB"): 1, ("transport", "SC"): 1}
    older = _rows(site, "lga", year="2023-24")
    assert [(r["theme"], r["savings_gbp"]) for r in older] == [("placements", 500_000)]
    by_year = {
        (r["theme"], r["year"]): r["reviews"] for r in _rows(site, "lga", by="year", theme="placements")
    }
    assert by_year == {("placements", "2024-25"): 2, ("placements", "2023-24"): 1}


def test_a_council_sees_themes_from_its_own_reviews_only(site: Site) -> None:
    rows = {r["theme"]: r for r in _rows(site, "surrey")}
    assert set(rows) == {"placements"} and rows["placements"]["savings_gbp"] == 500_000
    assert "Kent" not in str(rows) and "Camden" not in str(rows)


def test_themes_export_as_csv_and_xlsx_with_the_same_figures(site: Site) -> None:
    csv_text = site.client.get("/api/themes", params={"format": "csv"}, headers=site.auth("lga")).content
    table = list(csv.DictReader(io.StringIO(csv_text.decode("utf-8-sig"))))
    placements = next(r for r in table if r["theme"] == "placements")
    assert float(placements["savings_gbp"]) == 1_700_000 and placements["reviews"] == "3"
    xlsx = site.client.get("/api/themes", params={"format": "xlsx"}, headers=site.auth("lga")).content
    sheet = load_workbook(io.BytesIO(xlsx)).active
    header = [c.value for c in sheet[1]]
    values = {
        row[0]: dict(zip(header, row, strict=True)) for row in sheet.iter_rows(min_row=2, values_only=True)
    }
    assert values["placements"]["at_risk_gbp"] == 700_000


def test_search_finds_savings_and_pressures_across_reviews_it_may_see(site: Site) -> None:
    everything = site.client.get(
        "/api/search", params={"q": "residential placement"}, headers=site.auth("lga")
    ).json()
    assert sorted((r["council_name"], r["kind"], r["title"]) for r in everything) == [
        ("Kent", "saving", "Residential placements step-down"),
        ("Surrey", "pressure", "Residential placement costs"),
        ("Surrey", "saving", "Reduce residential placements"),
    ]
    at_risk = site.client.get(
        "/api/search", params={"q": "residential", "at_risk": "true"}, headers=site.auth("lga")
    )
    assert [r["title"] for r in at_risk.json()] == ["Residential placements step-down"]
    kent = site.client.get("/api/search", params={"q": "residential"}, headers=site.auth("kent")).json()
    assert {r["council_name"] for r in kent} == {"Kent"}


def test_the_themes_and_search_pages_show_the_figures(site: Site) -> None:
    from tests.web_support import log_in

    log_in(site.client, "analyst@lga.gov.uk")
    page = site.client.get("/themes", params={"by": "region"}).text
    assert "£0.5m" in page and "London" in page and "3 review(s)" in page
    assert '<svg class="chart"' in page and "Bars in £m." in page  # the chart and its text alternative
    found = site.client.get("/search", params={"q": "step-down"}).text
    assert "Residential placements step-down" in found and "£0.6m" in found
    assert "source?ref=savings.0" in found  # each line links to its source


def test_the_themes_table_sorts_by_a_column_heading_and_says_so_to_a_screen_reader(site: Site) -> None:
    import re

    from tests.web_support import log_in

    log_in(site.client, "analyst@lga.gov.uk")
    api = site.client.get("/api/themes", headers=site.auth("lga")).json()["rows"]
    expected = [r["label"] for r in sorted(api, key=lambda r: -r["savings_gbp"])]
    page = site.client.get("/themes", params={"sort": "savings_gbp", "order": "desc"}).text
    body = page.split('id="themes"')[1].split("</table>")[0]
    shown = [re.sub(r"<[^>]+>", "", cell) for cell in re.findall(r"<tr><td>(.*?)</td>", body)]
    assert shown == expected and len(shown) >= 2
    assert '<th class="num" aria-sort="descending">' in body
    assert 'href="?sort=savings_gbp&amp;order=asc"' in body  # the heading's link turns the order round
