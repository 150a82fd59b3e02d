"""Checking a bundle's figures on the web and through the API: contradicted figures first, and
reviewers confirm, correct and undo, after which the bundle's pack is rebuilt from the corrected
records. A council sees its own figures but changes nothing; another council finds nothing."""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from typing import Any

import pytest
from dramatiq import Worker

from tests.web_support import Site, csrf_from, log_in, make_site, upload

MONITORING = (
    "Revenue budget monitoring 2025-26 Quarter 2, Children Young People and Education\n"
    "Service,Budget £000,Forecast £000,Variance £000\n"
    "Children in care placements,38400,43450,5050\n"
    "Early help and family hubs,11800,11350,-400\n"  # 11,800 - 400 is not 11,350: contradicted
    "Total Children Young People and Education,50200,54800,4600\n"
)


@pytest.fixture(scope="module")
def checked(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Site, str]]:
    """Kent's one-file bundle run through the real stages, assigned to the reviewer; a worker
    keeps running so that corrections rebuild the pack."""
    site = make_site(tmp_path_factory.mktemp("corrections"))
    worker = Worker(site.broker, worker_threads=1, worker_timeout=100)
    worker.start()
    try:
        bundle_id = upload(site, "kent", {"Budget monitoring Q2 2025-26.csv": MONITORING.encode()})
        _wait(site, bundle_id)
        assigned = site.client.post(
            "/api/assignments",
            json={"bundle_id": bundle_id, "reviewer_email": site.users["reviewer"].email},
            headers=site.auth("lga"),
        )
        assert assigned.status_code == 201, assigned.text
        yield site, bundle_id
    finally:
        worker.stop()


def _wait(site: Site, bundle_id: str) -> dict[str, Any]:
    deadline = time.monotonic() + 120
    while True:
        status = site.client.get(f"/api/bundles/{bundle_id}", headers=site.auth("lga")).json()
        if status["complete"]:
            assert status["ready"], status
            return status  # type: ignore[no-any-return]
        assert time.monotonic() < deadline, "the bundle did not finish"
        time.sleep(0.05)


def _figures(site: Site, bundle_id: str, who: str = "reviewer", **params: object) -> dict[str, Any]:
    response = site.client.get(f"/api/bundles/{bundle_id}/figures", params=params, headers=site.auth(who))
    assert response.status_code == 200, response.text
    return response.json()  # type: ignore[no-any-return]


def _by_name(figures: dict[str, Any], name: str) -> dict[str, Any]:
    return next(f for f in figures["figures"] if f["name"] == name)


def _rendered_line(site: Site, bundle_id: str, name: str) -> dict[str, Any]:
    _wait(site, bundle_id)
    response = site.client.get(f"/api/bundles/{bundle_id}/files/extraction.json", headers=site.auth("lga"))
    return next(x for x in json.loads(response.content)["budget_lines"] if x["name"] == name)


def _post(site: Site, bundle_id: str, who: str, figure: dict[str, Any], **body: object) -> Any:
    key = {k: figure[k] for k in ("kind", "sha256", "locator")}
    return site.client.post(
        f"/api/bundles/{bundle_id}/corrections", json={**key, **body}, headers=site.auth(who)
    )


def test_contradicted_figures_come_first_with_their_failing_checks_in_the_sources_unit(checked) -> None:  # type: ignore[no-untyped-def]
    site, bundle_id = checked
    figures = _figures(site, bundle_id, "kent")
    assert figures["counts"] == {"contradicted": 1, "unchecked": 0, "settled": 0, "verified": 2}
    first = figures["figures"][0]
    assert first["name"] == "Early help and family hubs" and first["status"] == "contradicted"
    assert any("11.35m" in detail for detail in first["failing_checks"])
    assert first["unit"] == "£000" and first["values_gbp"]["variance_gbp"] == -400_000
    assert [f["status"] for f in figures["figures"]] == ["contradicted", "verified", "verified"]
    only = _figures(site, bundle_id, "kent", status="verified", per_page=1, page=2)
    assert (only["total"], only["pages"], len(only["figures"])) == (2, 2, 1)
    assert only["figures"][0]["status"] == "verified"

    log_in(site.client, site.users["kent"].email)
    page = site.client.get(f"/bundles/{bundle_id}/check").text
    assert page.index("Early help and family hubs") < page.index("Children in care placements")
    assert "11,350" in page and "(400)" in page and "the forecast printed is £11.35m" in page
    assert f"/bundles/{bundle_id}/source?ref=budget_lines.1&amp;n=0" in page
    assert 'name="action"' not in page, "a council user is offered the reviewers' forms"


def test_another_council_finds_nothing_and_the_bundles_own_council_changes_nothing(checked) -> None:  # type: ignore[no-untyped-def]
    site, bundle_id = checked
    figure = _figures(site, bundle_id)["figures"][0]
    confirm = {"action": "confirmed"}
    surrey = site.client.get(f"/api/bundles/{bundle_id}/figures", headers=site.auth("surrey"))
    assert surrey.status_code == 404
    assert _post(site, bundle_id, "surrey", figure, **confirm).status_code == 404
    assert _post(site, bundle_id, "kent", figure, **confirm).status_code == 403
    assert (
        site.client.post(
            f"/api/bundles/{bundle_id}/corrections/x/undo", headers=site.auth("surrey")
        ).status_code
        == 404
    )

    token = log_in(site.client, site.users["surrey"].email)
    assert site.client.get(f"/bundles/{bundle_id}/check").status_code == 404
    form = {"csrf_token": token, **{k: figure[k] for k in ("kind", "sha256", "locator")}, **confirm}
    assert site.client.post(f"/bundles/{bundle_id}/check", data=form).status_code == 404
    form["csrf_token"] = log_in(site.client, site.users["kent"].email)
    assert site.client.post(f"/bundles/{bundle_id}/check", data=form).status_code == 403
    assert _figures(site, bundle_id)["figures"][0]["corrections"] == []


def test_a_reviewers_correction_and_confirmation_rebuild_the_pack_and_an_undo_takes_the_correction_back(
    checked,
) -> None:  # type: ignore[no-untyped-def]
    site, bundle_id = checked
    name, total = "Children in care placements", "Total Children Young People and Education"
    figures = _figures(site, bundle_id)
    made = _post(
        site,
        bundle_id,
        "reviewer",
        _by_name(figures, name),
        action="corrected",
        field="forecast_gbp",
        new_gbp=43_000_000,
        note="p.4",
    )
    # 38,400 + 5,050 is 43,450: a forecast of 43,000 contradicts the row and is refused until the
    # reviewer says to save it anyway
    assert made.status_code == 400 and "does not add up" in made.json()["detail"], made.text
    made = _post(
        site,
        bundle_id,
        "reviewer",
        _by_name(figures, name),
        action="corrected",
        field="forecast_gbp",
        new_gbp=43_000_000,
        note="p.4",
        anyway=True,
    )
    assert made.status_code == 201, made.text
    assert (made.json()["old_gbp"], made.json()["by"]) == (43_450_000, site.users["reviewer"].email)
    assert _post(site, bundle_id, "lga", _by_name(figures, total), action="confirmed").status_code == 201
    wrong = _post(
        site,
        bundle_id,
        "reviewer",
        _by_name(figures, name),
        action="corrected",
        field="target_gbp",
        new_gbp=1,
    )
    assert wrong.status_code == 400 and "forecast_gbp" in wrong.json()["detail"]

    line = _rendered_line(site, bundle_id, name)
    assert line["forecast_gbp"] == 43_000_000
    assert [(r["action"], r["field"], r["old"], r["new"], r["note"]) for r in line["reviewed"]] == [
        ("corrected", "forecast_gbp", 43_450_000, 43_000_000, "p.4")
    ]
    assert [r["action"] for r in _rendered_line(site, bundle_id, total)["reviewed"]] == ["confirmed"]
    assert _by_name(_figures(site, bundle_id), name)["values_gbp"]["forecast_gbp"] == 43_000_000

    undo = site.client.post(
        f"/api/bundles/{bundle_id}/corrections/{made.json()['id']}/undo", headers=site.auth("reviewer")
    )
    assert undo.status_code == 200 and undo.json()["undone_by"] == site.users["reviewer"].email
    line = _rendered_line(site, bundle_id, name)
    assert line["forecast_gbp"] == 43_450_000 and line["reviewed"] == []
    history = _by_name(_figures(site, bundle_id), name)["corrections"]
    assert [(c["action"], c["undone_at"] is not None) for c in history] == [("corrected", True)]


def test_a_form_with_a_value_that_is_not_a_number_comes_back_with_what_was_typed(checked) -> None:  # type: ignore[no-untyped-def]
    site, bundle_id = checked
    figure = _figures(site, bundle_id)["figures"][0]
    token = log_in(site.client, site.users["reviewer"].email)
    page = site.client.get(f"/bundles/{bundle_id}/check?status=contradicted").text
    assert 'name="action" value="corrected"' in page and csrf_from(page) == token
    form = {
        **{k: figure[k] for k in ("kind", "sha256", "locator")},
        "unit": "£000",
        "action": "corrected",
        "field": "variance_gbp",
        "value": "minus four fifty",
        "note": "see the total",
    }
    assert site.client.post(f"/bundles/{bundle_id}/check", data=form).status_code == 403  # no CSRF token
    response = site.client.post(f"/bundles/{bundle_id}/check", data={**form, "csrf_token": token})
    assert response.status_code == 400
    assert "as a number in £000" in response.text
    assert 'value="minus four fifty"' in response.text and 'value="see the total"' in response.text
    assert '<option value="variance_gbp" selected>' in response.text

    done = site.client.post(
        f"/bundles/{bundle_id}/check",
        data={**form, "value": "(450)", "csrf_token": token},
        follow_redirects=False,
    )
    assert done.status_code == 303
    fixed = _figures(site, bundle_id)["figures"][0]
    assert fixed["values_gbp"]["variance_gbp"] == -450_000 and fixed["corrections"][-1]["new_gbp"] == -450_000
    # settled by the reviewer: no longer counted, filtered or tagged as contradicted
    assert fixed["status"] == "settled" and fixed["settled"] == "corrected by a reviewer (was variance (400))"
    settled = _figures(site, bundle_id)
    assert settled["counts"]["contradicted"] == 0 and settled["counts"]["settled"] == 1
    page = site.client.get(f"/bundles/{bundle_id}/check").text
    assert "contradicted (0)" in page and ">corrected by a reviewer (was variance (400))</span>" in page
    site.client.post(
        f"/bundles/{bundle_id}/check/undo",
        data={"csrf_token": token, "correction": fixed["corrections"][-1]["id"]},
    )
    _wait(site, bundle_id)


def test_a_variance_typed_with_the_other_sign_is_not_saved_and_the_reviewer_is_told_by_the_row(
    checked,
) -> None:  # type: ignore[no-untyped-def]
    site, bundle_id = checked
    figure = _by_name(_figures(site, bundle_id), "Children in care placements")
    token = log_in(site.client, site.users["reviewer"].email)
    page = site.client.get(f"/bundles/{bundle_id}/check").text
    assert 'variance £000 <span class="sign">(+ = overspend)</span>' in page
    form = {
        **{k: figure[k] for k in ("kind", "sha256", "locator")},
        "csrf_token": token,
        "unit": "£000",
        "action": "corrected",
        "field": "variance_gbp",
        "value": "(5,050)",  # as a report that brackets its overspends prints it
        "anchor": "r-budget_lines-0",
    }
    refused = site.client.post(f"/bundles/{bundle_id}/check", data=form)
    assert refused.status_code == 400
    assert "38,400 + variance (5,050) = 33,350, not the forecast 43,450" in refused.text
    assert "did you mean 5,050?" in refused.text and 'name="anyway"' in refused.text
    article = refused.text[refused.text.index('id="r-budget_lines-0"') :]
    assert article.index("did you mean") < article.index("</article>"), "the message is not by its row"
    history = _by_name(_figures(site, bundle_id), "Children in care placements")["corrections"]
    assert all(c["undone_at"] for c in history), "a refused correction was saved"
    saved = site.client.post(
        f"/bundles/{bundle_id}/check", data={**form, "anyway": "1"}, follow_redirects=False
    )
    assert saved.status_code == 303
    made = _by_name(_figures(site, bundle_id), "Children in care placements")["corrections"][-1]
    assert made["new_gbp"] == -5_050_000
    site.client.post(f"/bundles/{bundle_id}/check/undo", data={"csrf_token": token, "correction": made["id"]})
    _wait(site, bundle_id)


def test_the_figures_and_corrections_endpoints_are_in_the_openapi_schema(tmp_path) -> None:  # type: ignore[no-untyped-def]
    site = make_site(tmp_path)
    schema = site.client.get("/openapi.json", headers=site.auth("reviewer")).json()
    paths = schema["paths"]
    assert "get" in paths["/api/bundles/{bundle_id}/figures"]
    assert "post" in paths["/api/bundles/{bundle_id}/corrections"]
    assert "post" in paths["/api/bundles/{bundle_id}/corrections/{correction_id}/undo"]
    body = schema["components"]["schemas"]["CorrectionIn"]["properties"]
    assert set(body) == {"kind", "sha256", "locator", "action", "field", "new_gbp", "note", "anyway"}


def test_a_plans_phasing_is_shown_in_the_unit_its_table_states(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from extract.records import Extraction, PeriodAmount, PlanLine, Provenance, Table
    from ingest.bundle import IncomingFile
    from ingest.records import Document, Format
    from workers.pipeline import stage
    from workers.web.access import record_owner

    site = make_site(tmp_path)
    kent = site.users["kent"]
    bundle_id = site.store.create_bundle("plan", [IncomingFile("mtfp.pdf", b"%PDF-1.4 plan")], "886")
    record_owner(site.store.engine, bundle_id, "886", kent)
    sha = site.store.files(bundle_id)[0].sha256

    def at(locator: str) -> list[Provenance]:
        return [Provenance(file="mtfp.pdf", sha256=sha, page=2, bbox=None, locator=locator, text="")]

    extraction = Extraction(
        pressures=[
            PlanLine(
                title="Placement prices",
                planned=[PeriodAmount(period="2025-26", amount_gbp=1_250_000)],
                provenance=at("page 2, table 1, row 4"),
            )
        ],
        tables=[
            Table(
                file="mtfp.pdf",
                page=2,
                bbox=None,
                rows=[],
                unit="£m",
                locator="page 2, table 1",
                provenance=at("page 2, table 1"),
            )
        ],
    )
    document = Document(file="mtfp.pdf", sha256=sha, size=13, format=Format.PDF)
    site.store.save_result(sha, "ingest", stage("ingest").version, document.model_dump_json())
    site.store.save_result(sha, "extract", stage("extract").version, extraction.model_dump_json())

    (pressure,) = _figures(site, bundle_id, "kent")["figures"]
    assert pressure["unit"] == "£m" and pressure["status"] == "unchecked"
    assert pressure["planned_gbp"] == [{"period": "2025-26", "amount_gbp": 1_250_000}]
    log_in(site.client, kent.email)
    assert "Planned (£m): 2025-26 1.2" in site.client.get(f"/bundles/{bundle_id}/check").text
