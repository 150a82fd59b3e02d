"""Reviewers' findings on the web and through the API: a reviewer writes a key message and a
recommendation citing a figure, corrects one figure and confirms another; the rebuilt review.json,
pack, deck and workbook carry the findings and say who confirmed or corrected what. A council sees
its own findings but writes none; another council finds nothing."""

from __future__ import annotations

import io
import json
import re
import time
from collections.abc import Iterator
from typing import Any

import pytest
from dramatiq import Worker
from openpyxl import load_workbook

from tests.refs_check import deck_text, pdf_text
from tests.web_support import Site, log_in, make_site, upload

MONITORING = (
    "Revenue budget monitoring 2025-26 Quarter 2, Children Young People and Education\n"
    "Service,Budget £000,Forecast £000,Variance £000\n"
    "Children in care placements,38400,43450,5050\n"
    "Early help and family hubs,11800,11350,-400\n"  # 11,800 - 400 is not 11,350: contradicted
    "Total Children Young People and Education,50200,54800,4600\n"
)
PLACEMENTS, EARLY_HELP = "Children in care placements", "Early help and family hubs"


@pytest.fixture(scope="module")
def site_and_bundle(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Site, str]]:
    site = make_site(tmp_path_factory.mktemp("findings"))
    worker = Worker(site.broker, worker_threads=1, worker_timeout=100)
    worker.start()
    try:
        bundle_id = upload(site, "kent", {"Budget monitoring Q2 2025-26.csv": MONITORING.encode()})
        _wait(site, bundle_id)
        body = {"bundle_id": bundle_id, "reviewer_email": site.users["reviewer"].email}
        assert site.client.post("/api/assignments", json=body, headers=site.auth("lga")).status_code == 201
        yield site, bundle_id
    finally:
        worker.stop()


def _wait(site: Site, bundle_id: str) -> None:
    deadline = time.monotonic() + 120
    while not (status := site.client.get(f"/api/bundles/{bundle_id}", headers=site.auth("lga")).json())[
        "complete"
    ]:
        assert time.monotonic() < deadline, "the bundle did not finish"
        time.sleep(0.05)
    assert status["ready"], status


def _output(site: Site, bundle_id: str, name: str) -> bytes:
    _wait(site, bundle_id)
    response = site.client.get(f"/api/bundles/{bundle_id}/files/{name}", headers=site.auth("lga"))
    assert response.status_code == 200, response.text
    return response.content


def _figure(site: Site, bundle_id: str, name: str) -> dict[str, Any]:
    figures = site.client.get(f"/api/bundles/{bundle_id}/figures", headers=site.auth("reviewer")).json()
    return next(f for f in figures["figures"] if f["name"] == name)


def _key(figure: dict[str, Any], field: str | None = None) -> dict[str, Any]:
    return {**{k: figure[k] for k in ("kind", "sha256", "locator")}, "field": field}


def _write(site: Site, bundle_id: str, who: str, **body: Any) -> Any:
    return site.client.post(f"/api/bundles/{bundle_id}/findings", json=body, headers=site.auth(who))


def test_findings_corrections_and_confirmations_reach_the_pack_the_deck_and_the_workbook(
    site_and_bundle,
) -> None:  # type: ignore[no-untyped-def]
    site, bundle_id = site_and_bundle
    placements = _figure(site, bundle_id, PLACEMENTS)
    corrected = site.client.post(
        f"/api/bundles/{bundle_id}/corrections",
        json={
            **_key(placements),
            "action": "corrected",
            "field": "forecast_gbp",
            "new_gbp": 43_000_000,
            "anyway": True,
        },
        headers=site.auth("reviewer"),
    )
    assert corrected.status_code == 201, corrected.text
    confirmed = site.client.post(
        f"/api/bundles/{bundle_id}/corrections",
        json={**_key(_figure(site, bundle_id, EARLY_HELP)), "action": "confirmed"},
        headers=site.auth("reviewer"),
    )
    assert confirmed.status_code == 201, confirmed.text
    message = _write(
        site,
        bundle_id,
        "reviewer",
        kind="key_message",
        text="Placements drive the overspend.",
        cites=[_key(placements, "forecast_gbp")],
    )
    assert message.status_code == 201, message.text
    assert message.json()["by"] == site.users["reviewer"].email
    advice = _write(site, bundle_id, "lga", kind="recommendation", text="Re-forecast placements monthly.")
    assert advice.status_code == 201, advice.text

    review = json.loads(_output(site, bundle_id, "review.json"))
    kinds = [(f["kind"], f["text"]) for f in review["findings"]]
    assert kinds == [
        ("key_message", "Placements drive the overspend."),
        ("recommendation", "Re-forecast placements monthly."),
    ]
    (cite,) = review["findings"][0]["cites"]
    assert (cite["name"], cite["value_gbp"]) == (PLACEMENTS, 43_000_000)  # the corrected value
    assert (
        re.fullmatch(r"extraction\.json#/budget_lines/\d+/forecast_gbp", cite["ref"])
        and cite["provenance"][0]["file"] == "Budget monitoring Q2 2025-26.csv"
    )

    reviewer = site.users["reviewer"].email
    pack = " ".join(pdf_text(_output(site, bundle_id, "pack.pdf")).split())
    assert "Reviewers' findings" in pack and "Placements drive the overspend." in pack
    assert f"Corrected by {reviewer}" in pack and "forecast £43,000,000 (was £43,450,000)" in pack
    assert f"Confirmed by {reviewer}" in pack

    deck = deck_text(_output(site, bundle_id, "pack.pptx"))
    assert "Key messages" in deck and "Recommendations" in deck
    assert f"Placements drive the overspend. ({PLACEMENTS}, forecast £43,000,000 [S" in deck
    assert f"Corrected by {reviewer}" in deck and f"Confirmed by {reviewer}" in deck

    sheet = load_workbook(io.BytesIO(_output(site, bundle_id, "data.xlsx")))
    cells = [str(c.value) for ws in sheet.worksheets for row in ws.iter_rows() for c in row if c.value]
    assert any(f"Corrected by {reviewer}" in c for c in cells)
    assert any(f"Confirmed by {reviewer}" in c for c in cells)


def test_a_finding_can_be_edited_and_deleted_and_says_who_edited_it(site_and_bundle) -> None:  # type: ignore[no-untyped-def]
    site, bundle_id = site_and_bundle
    made = _write(site, bundle_id, "reviewer", kind="strength", text="Monthly monitoring.").json()
    edited = site.client.put(
        f"/api/bundles/{bundle_id}/findings/{made['id']}",
        json={"kind": "strength", "text": "Monthly, candid monitoring."},
        headers=site.auth("lga"),
    )
    assert edited.status_code == 200, edited.text
    assert (edited.json()["text"], edited.json()["edited_by"]) == (
        "Monthly, candid monitoring.",
        site.users["lga"].email,
    )
    gone = site.client.delete(
        f"/api/bundles/{bundle_id}/findings/{made['id']}", headers=site.auth("reviewer")
    )
    assert gone.status_code == 204
    listed = site.client.get(f"/api/bundles/{bundle_id}/findings", headers=site.auth("kent")).json()
    assert made["id"] not in [f["id"] for f in listed]
    review = json.loads(_output(site, bundle_id, "review.json"))
    assert "Monthly, candid monitoring." not in [f["text"] for f in review["findings"]]


def test_nonsense_is_refused_with_the_reason(site_and_bundle) -> None:  # type: ignore[no-untyped-def]
    site, bundle_id = site_and_bundle
    placements = _figure(site, bundle_id, PLACEMENTS)
    assert _write(site, bundle_id, "reviewer", kind="gossip", text="x").status_code == 422
    blank = _write(site, bundle_id, "reviewer", kind="strength", text="   ")
    assert blank.status_code == 400 and "text" in blank.json()["detail"]
    wrong_field = _write(
        site, bundle_id, "reviewer", kind="strength", text="x", cites=[_key(placements, "target_gbp")]
    )
    assert wrong_field.status_code == 400 and "forecast_gbp" in wrong_field.json()["detail"]
    elsewhere = {**_key(placements), "locator": "page 9, table 9, row 9"}
    missing = _write(site, bundle_id, "reviewer", kind="strength", text="x", cites=[elsewhere])
    assert missing.status_code == 400 and "page 9, table 9, row 9" in missing.json()["detail"]


def test_another_council_finds_nothing_and_the_bundles_own_council_writes_nothing(site_and_bundle) -> None:  # type: ignore[no-untyped-def]
    site, bundle_id = site_and_bundle
    made = _write(site, bundle_id, "reviewer", kind="area_for_consideration", text="Late savings.").json()
    url = f"/api/bundles/{bundle_id}/findings"
    body = {"kind": "strength", "text": "x"}
    assert site.client.get(url, headers=site.auth("surrey")).status_code == 404
    assert site.client.post(url, json=body, headers=site.auth("surrey")).status_code == 404
    assert site.client.put(f"{url}/{made['id']}", json=body, headers=site.auth("surrey")).status_code == 404
    assert site.client.delete(f"{url}/{made['id']}", headers=site.auth("surrey")).status_code == 404
    assert site.client.get(url, headers=site.auth("kent")).status_code == 200
    assert site.client.post(url, json=body, headers=site.auth("kent")).status_code == 403
    assert site.client.delete(f"{url}/{made['id']}", headers=site.auth("kent")).status_code == 403
    log_in(site.client, site.users["surrey"].email)
    assert site.client.get(f"/bundles/{bundle_id}/feedback").status_code == 404


def test_a_reviewer_writes_a_finding_on_the_page_citing_a_figure(site_and_bundle) -> None:  # type: ignore[no-untyped-def]
    site, bundle_id = site_and_bundle
    token = log_in(site.client, site.users["reviewer"].email)
    page = site.client.get(f"/bundles/{bundle_id}/feedback").text
    assert "Write a finding" in page and 'name="cites"' in page
    ref = _figure(site, bundle_id, EARLY_HELP)["ref"]
    form = {
        "csrf_token": token,
        "kind": "recommendation",
        "text": "Test early help's forecast.",
        "cites": f"{ref}#forecast_gbp",
    }
    assert (
        site.client.post(f"/bundles/{bundle_id}/feedback", data={**form, "csrf_token": ""}).status_code == 403
    )
    done = site.client.post(f"/bundles/{bundle_id}/feedback", data=form, follow_redirects=False)
    assert done.status_code == 303, done.text
    page = site.client.get(f"/bundles/{bundle_id}/feedback").text
    assert "Test early help&#39;s forecast." in page and f"{EARLY_HELP}: forecast £11,350,000" in page
    empty = site.client.post(f"/bundles/{bundle_id}/feedback", data={**form, "text": ""})
    assert empty.status_code == 400 and "write the finding" in empty.text
    _wait(site, bundle_id)
