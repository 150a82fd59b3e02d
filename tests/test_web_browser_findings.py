"""The reviewer's round trip in a real Chromium: open a review, correct a misread figure, confirm
another, write a key message citing the corrected figure and a recommendation; the rebuilt pack,
deck and workbook show the corrected value, who confirmed and corrected what, and the findings; a
new version of the bundle with the same file keeps the correction and the findings; a council user
of another council finds none of it (404).

Needs Debian's chromium and Playwright for Python, as tests/test_web_browser.py does.
"""

from __future__ import annotations

import io
import json
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook

from tests.refs_check import deck_text, pdf_text
from tests.test_web_browser import (
    EMAIL,
    LGA_EMAIL,
    REVIEWER_EMAIL,
    USERS,
    Server,
    _api,
    _browser,
    _playwright,
    _screens,
    _sign_in,
    _upload_by_api,
    serving,
)

OTHER_EMAIL = "officer@surrey.gov.uk"
NAME = "Budget monitoring Q2 2025-26.csv"
MONITORING = (
    "Revenue budget monitoring 2025-26 Quarter 2, Children Young People and Education\n"
    "Service,Budget £000,Forecast £000,Variance £000\n"
    "Children in care placements,38400,43450,5050\n"
    "Early help and family hubs,11800,11350,-400\n"  # 11,800 - 400 is not 11,350: misread or misprinted
    "Total Children Young People and Education,50200,54800,4600\n"
)
TIMEOUT_S = 600


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """Kent's officer, another council's, an LGA user and a reviewer."""
    users = {**USERS, OTHER_EMAIL: ("council", "--council", "936")}
    with serving(tmp_path_factory.mktemp("serve-findings"), users) as running:
        yield running


def _bytes(server: Server, who: str, path: str) -> bytes:
    request = urllib.request.Request(
        server.url + path, headers={"Authorization": f"Bearer {server.tokens[who]}"}
    )
    with urllib.request.urlopen(request, timeout=60) as response:
        return bytes(response.read())


def _status(server: Server, who: str, path: str) -> int:
    try:
        _bytes(server, who, path)
    except urllib.error.HTTPError as exc:
        return exc.code
    return 200


def _rebuilt(server: Server, bundle_id: str) -> None:
    """Wait until the bundle is complete: each finding written asks for a rebuild of its own, and
    the bundle is complete only once the last one asked for has finished (workers.progress)."""
    deadline = time.monotonic() + TIMEOUT_S
    while not _api(server, LGA_EMAIL, f"/api/bundles/{bundle_id}")["complete"]:
        assert time.monotonic() < deadline, "the bundle was not rebuilt"
        time.sleep(0.5)


def _line(extraction: dict[str, Any], name: str) -> dict[str, Any]:
    return next(x for x in extraction["budget_lines"] if x["name"] == name)


def _review_in_chromium(server: Server, bundle_id: str, shots: Path) -> list[str]:
    """The reviewer's clicks; returns the browser's console errors."""
    from playwright.sync_api import expect

    with _playwright() as playwright:
        browser = _browser(playwright)
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        page.set_default_timeout(30_000)
        errors: list[str] = []
        page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
        _sign_in(page, server.url, REVIEWER_EMAIL)
        page.goto(f"{server.url}/bundles/{bundle_id}")
        page.click("text=Check the figures")
        wrong = page.locator("article.check:has-text('Early help and family hubs')").first
        wrong.locator("select[name=field]").select_option("variance_gbp")
        wrong.locator("input[name=value]").fill("(450)")
        wrong.locator("input[name=note]").fill("the total line implies 450")
        wrong.locator("button[value=corrected]").click()
        expect(page.locator("article.check:has-text('Early help and family hubs') .history")).to_contain_text(
            "corrected variance"
        )
        right = page.locator("article.check:has-text('Children in care placements')").first
        right.locator("button[value=confirmed]").click()
        expect(
            page.locator("article.check:has-text('Children in care placements') .history")
        ).to_contain_text("confirmed by " + REVIEWER_EMAIL)
        _rebuilt(server, bundle_id)  # the bundle's page offers its links once the pack is ready again
        page.goto(f"{server.url}/bundles/{bundle_id}")
        page.click("text=Findings for the feedback")
        form = page.locator("form.finding-form").last
        form.locator("select[name=kind]").select_option("key_message")
        form.locator("textarea[name=text]").fill("Early help is underspending by more than the report says.")
        form.locator("select[name=cites]").select_option(
            label="Early help and family hubs: variance -£450,000"
        )
        form.locator("button[type=submit]").click()
        expect(page.locator("#feedback")).to_contain_text("Early help and family hubs: variance -£450,000")
        form = page.locator("form.finding-form").last
        form.locator("select[name=kind]").select_option("recommendation")
        form.locator("textarea[name=text]").fill("Re-forecast early help with its budget holder.")
        form.locator("button[type=submit]").click()
        expect(page.locator("#feedback")).to_contain_text("Re-forecast early help with its budget holder.")
        page.screenshot(path=str(shots / "21-findings.png"), full_page=True)
        browser.close()
    return errors


def test_a_reviewers_corrections_confirmations_and_findings_reach_the_pack_deck_and_workbook_and_the_next_version_in_chromium(
    server: Server, tmp_path: Path
) -> None:
    monitoring = tmp_path / NAME
    monitoring.write_text(MONITORING, encoding="utf-8")
    bundle_id = _upload_by_api(server, EMAIL, [monitoring])
    body = json.dumps({"bundle_id": bundle_id, "reviewer_email": REVIEWER_EMAIL}).encode()
    _api(server, LGA_EMAIL, "/api/assignments", body, {"Content-Type": "application/json"})

    assert _review_in_chromium(server, bundle_id, _screens(tmp_path)) == []
    _rebuilt(server, bundle_id)
    review = json.loads(_bytes(server, EMAIL, f"/api/bundles/{bundle_id}/files/review.json"))
    assert len(review["findings"]) == 2, "complete before the last rebuild asked for had finished"

    extraction = json.loads(_bytes(server, REVIEWER_EMAIL, f"/api/bundles/{bundle_id}/files/extraction.json"))
    assert _line(extraction, "Early help and family hubs")["variance_gbp"] == -450_000
    pack = " ".join(
        pdf_text(_bytes(server, REVIEWER_EMAIL, f"/api/bundles/{bundle_id}/files/pack.pdf")).split()
    )
    deck = deck_text(_bytes(server, REVIEWER_EMAIL, f"/api/bundles/{bundle_id}/files/pack.pptx"))
    corrected = f"Corrected by {REVIEWER_EMAIL}"
    for shown in (pack, deck):
        assert corrected in shown and "variance -£450,000 (was -£400,000)" in shown
        assert f"Confirmed by {REVIEWER_EMAIL}" in shown
        assert "Early help is underspending by more than the report says." in shown
        assert "Re-forecast early help with its budget holder." in shown
    assert "Key messages" in deck and "Recommendations" in deck
    book = load_workbook(
        io.BytesIO(_bytes(server, REVIEWER_EMAIL, f"/api/bundles/{bundle_id}/files/data.xlsx"))
    )
    rows = list(book["Budget lines"].iter_rows(values_only=True))
    by_name = {r[0]: dict(zip(rows[0], r, strict=True)) for r in rows[1:]}
    early = by_name["Early help and family hubs"]
    (variance,) = [k for k in early if str(k).startswith("Variance")]  # its heading says its sign
    assert early[variance] == -450_000 and str(early["Reviewed"]).startswith(corrected)
    assert str(by_name["Children in care placements"]["Reviewed"]).startswith(
        f"Confirmed by {REVIEWER_EMAIL}"
    )

    # A new version of the bundle with the same file: the correction and the findings hold.
    boundary = "reviewpack-version"
    form = (
        f'--{boundary}\r\nContent-Disposition: form-data; name="keep"\r\n\r\n0\r\n--{boundary}--\r\n'.encode()
    )
    headers = {"Content-Type": f"multipart/form-data; boundary={boundary}"}
    second = _api(server, EMAIL, f"/api/bundles/{bundle_id}/versions", form, headers)["id"]
    _rebuilt(server, second)
    again = json.loads(_bytes(server, EMAIL, f"/api/bundles/{second}/files/extraction.json"))
    assert _line(again, "Early help and family hubs")["variance_gbp"] == -450_000
    review = json.loads(_bytes(server, EMAIL, f"/api/bundles/{second}/files/review.json"))
    assert [f["kind"] for f in review["findings"]] == ["key_message", "recommendation"]

    # Another council: not found, whatever it asks for.
    for path in ("/findings", "/figures", "", "/files/pack.pptx"):
        assert _status(server, OTHER_EMAIL, f"/api/bundles/{bundle_id}{path}") == 404, path
    with _playwright() as playwright:
        browser = _browser(playwright)
        page = browser.new_page()
        _sign_in(page, server.url, OTHER_EMAIL)
        for path in ("feedback", "check"):
            response = page.goto(f"{server.url}/bundles/{bundle_id}/{path}")
            assert response is not None and response.status == 404, path
        browser.close()
