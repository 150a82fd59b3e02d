"""The HTTP API and pages: authentication, CSRF, council isolation, uploads, progress, downloads."""

from __future__ import annotations

import io
import json
import time
import zipfile
from pathlib import Path

import pytest
from dramatiq import Worker
from fastapi.testclient import TestClient

import workers.stages
from tests.web_support import FAKE_OUTPUTS, Site, fake_runners, log_in, make_site, upload


@pytest.fixture
def site(tmp_path: Path) -> Site:
    return make_site(tmp_path)


def test_the_api_answers_401_without_a_token_or_session(site: Site) -> None:
    bundle_id = upload(site, "kent", {"a.csv": b"x,y\n1,2\n"})
    for path in (
        "/api/bundles",
        f"/api/bundles/{bundle_id}",
        f"/api/bundles/{bundle_id}/files/pack.pdf",
        "/api/themes",
        "/api/search?q=x",
    ):
        response = site.client.get(path)
        assert response.status_code == 401, path
        assert response.headers["www-authenticate"] == "Bearer"
    assert site.client.post("/api/bundles", files=[("files", ("a.csv", b"1", "text/csv"))]).status_code == 401
    assert site.client.get("/api/bundles", headers={"Authorization": "Bearer rp_wrong"}).status_code == 401


def test_pages_send_a_visitor_without_a_session_to_the_login_page(site: Site) -> None:
    response = site.client.get("/bundles", follow_redirects=False)
    assert response.status_code == 303 and response.headers["location"] == "/login"


def test_an_upload_is_accepted_with_202_and_every_file_is_kept_byte_for_byte(site: Site) -> None:
    files = {"savings.csv": b"Saving,2024-25\nFostering,100\n", "monitoring.pdf": b"%PDF-1.4 not much"}
    bundle_id = upload(site, "kent", files, label="Q2 papers")
    stored = {f.name: site.store.blobs.get(f.sha256) for f in site.store.files(bundle_id)}
    assert stored == files
    status = site.client.get(f"/api/bundles/{bundle_id}", headers=site.auth("kent")).json()
    assert status["label"] == "Q2 papers" and status["council"] == "886"
    assert [f["name"] for f in status["files"]] == list(files)
    assert status["files"][0]["stages"]["ingest"]["state"] == "queued"
    assert not status["complete"] and not status["ready"] and status["outputs"] == []
    # Two files of two stages each, and the bundle's own two: nothing finished yet.
    assert status["progress"] == {
        "finished": 0,
        "total": 6,
        "percent": 0,
        "words": "0 of 6 steps finished (0%)",
    }
    assert [(f["percent"], f["words"]) for f in status["files"]] == [(0, "ingest…"), (0, "ingest…")]


def test_one_council_can_never_read_list_or_download_another_councils_bundle(site: Site) -> None:
    kent_id = upload(site, "kent", {"kent.csv": b"a,b\n1,2\n"})
    surrey = site.auth("surrey")
    assert kent_id not in {b["id"] for b in site.client.get("/api/bundles", headers=surrey).json()}
    missing = "0" * 32
    for template in (
        "/api/bundles/{}",
        "/api/bundles/{}/files/pack.pdf",
        "/api/bundles/{}/files/review.json",
    ):
        theirs = site.client.get(template.format(kent_id), headers=surrey)
        nobody = site.client.get(template.format(missing), headers=surrey)
        # The same 404, worded the same way, as for a bundle that does not exist at all.
        assert theirs.status_code == nobody.status_code == 404, template
        assert theirs.json()["detail"].replace(kent_id, "ID") == nobody.json()["detail"].replace(
            missing, "ID"
        )
    version = site.client.post(f"/api/bundles/{kent_id}/versions", data={"keep": "0"}, headers=surrey)
    assert version.status_code == 404
    assert kent_id in {b["id"] for b in site.client.get("/api/bundles", headers=site.auth("kent")).json()}


def test_another_councils_pages_and_page_images_are_not_found_either(site: Site) -> None:
    kent_id = upload(site, "kent", {"kent.pdf": b"%PDF-1.4"})
    sha = site.store.files(kent_id)[0].sha256
    log_in(site.client, "officer@surrey.gov.uk")
    for path in (
        f"/bundles/{kent_id}",
        f"/bundles/{kent_id}/figures",
        f"/bundles/{kent_id}/page/{sha}/1.png",
        f"/bundles/{kent_id}/source?ref=figures.0",
    ):
        assert site.client.get(path).status_code == 404, path
    assert kent_id not in site.client.get("/bundles").text


def test_a_reviewer_sees_only_the_bundles_an_lga_user_assigned_to_them(site: Site) -> None:
    first = upload(site, "kent", {"a.csv": b"1"})
    second = upload(site, "surrey", {"b.csv": b"2"})
    reviewer = site.auth("reviewer")
    assert site.client.get("/api/bundles", headers=reviewer).json() == []
    denied = site.client.post(
        "/api/assignments",
        json={"bundle_id": first, "reviewer_email": "reviewer@lga.gov.uk"},
        headers=site.auth("kent"),
    )
    assert denied.status_code == 403
    made = site.client.post(
        "/api/assignments",
        json={"bundle_id": first, "reviewer_email": "reviewer@lga.gov.uk"},
        headers=site.auth("lga"),
    )
    assert made.status_code == 201
    assert [b["id"] for b in site.client.get("/api/bundles", headers=reviewer).json()] == [first]
    assert site.client.get(f"/api/bundles/{second}", headers=reviewer).status_code == 404
    assert (
        site.client.post(
            "/api/bundles", files=[("files", ("c.csv", b"3", "text/csv"))], headers=reviewer
        ).status_code
        == 403
    )
    assert {b["id"] for b in site.client.get("/api/bundles", headers=site.auth("lga")).json()} == {
        first,
        second,
    }


def test_a_form_post_without_the_sessions_csrf_token_is_refused(site: Site) -> None:
    token = log_in(site.client, "officer@kent.gov.uk")
    files = [("files", ("a.csv", b"x,y\n1,2\n", "text/csv"))]
    assert site.client.post("/bundles", files=files, follow_redirects=False).status_code == 403
    assert (
        site.client.post(
            "/bundles", files=files, data={"csrf_token": "forged"}, follow_redirects=False
        ).status_code
        == 403
    )
    assert site.client.get("/api/bundles").json() == []  # nothing was stored by the refused posts
    done = site.client.post("/bundles", files=files, data={"csrf_token": token}, follow_redirects=False)
    assert done.status_code == 303 and done.headers["location"].startswith("/bundles/")


def test_the_api_on_a_browser_session_needs_the_csrf_header_but_bearer_clients_do_not(site: Site) -> None:
    token = log_in(site.client, "officer@kent.gov.uk")
    files = [("files", ("a.csv", b"1", "text/csv"))]
    assert site.client.post("/api/bundles", files=files).status_code == 403
    assert site.client.post("/api/bundles", files=files, headers={"X-CSRF-Token": token}).status_code == 202
    site.client.cookies.clear()
    assert site.client.post("/api/bundles", files=files, headers=site.auth("kent")).status_code == 202


def test_logging_in_needs_the_csrf_token_and_the_right_password(site: Site) -> None:
    login = {"email": "officer@kent.gov.uk", "password": "correct horse battery"}
    assert site.client.post("/login", data=login, follow_redirects=False).status_code == 403
    token = log_in(site.client, "officer@kent.gov.uk")
    site.client.post("/logout", data={"csrf_token": token})
    page_token = site.client.get("/login").text.split('name="csrf_token" value="')[1].split('"')[0]
    wrong = site.client.post("/login", data={**login, "password": "nope", "csrf_token": page_token})
    assert wrong.status_code == 401 and "do not match" in wrong.text


def test_an_upload_over_the_size_limit_gets_a_clear_413(tmp_path: Path) -> None:
    site = make_site(tmp_path, upload_limit=10_000)
    big = [("files", ("big.pdf", b"%PDF" + b"0" * 20_000, "application/pdf"))]
    response = site.client.post("/api/bundles", files=big, headers=site.auth("kent"))
    assert response.status_code == 413
    assert "10,000" not in response.text and "MB limit" in response.json()["detail"]
    assert site.client.get("/api/bundles", headers=site.auth("kent")).json() == []


def test_a_zip_upload_is_unpacked_into_its_files_and_its_junk_recorded_as_skipped(site: Site) -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("papers/mtfp.csv", "a,b\n1,2\n")
        archive.writestr("papers/savings.csv", "c,d\n3,4\n")
        archive.writestr("__MACOSX/._mtfp.csv", "junk")
    bundle_id = upload(site, "kent", {"bundle.zip": buffer.getvalue(), "~$plan.docx": b"lock"})
    files = {f.name: f.refusal for f in site.store.files(bundle_id)}
    assert [name for name, refusal in files.items() if refusal is None] == [
        "papers/mtfp.csv",
        "papers/savings.csv",
    ]
    skipped = {name: refusal.code for name, refusal in files.items() if refusal is not None}
    assert skipped == {"__MACOSX/._mtfp.csv": "skipped", "~$plan.docx": "skipped"}


def _run_to_the_end(site: Site, bundle_id: str, who: str) -> dict[str, object]:
    worker = Worker(site.broker, worker_threads=1, worker_timeout=100)
    worker.start()
    try:
        deadline = time.monotonic() + 30
        while True:
            status = site.client.get(f"/api/bundles/{bundle_id}", headers=site.auth(who)).json()
            if status["complete"] or time.monotonic() > deadline:
                return status  # type: ignore[no-any-return]
            time.sleep(0.05)
    finally:
        worker.stop()


def test_progress_reports_each_files_failure_and_the_pack_downloads_once_ready(
    site: Site, monkeypatch: pytest.MonkeyPatch
) -> None:
    for name, runner in fake_runners().items():
        monkeypatch.setitem(workers.stages.RUNNERS, name, runner)
    bundle_id = upload(site, "kent", {"good.csv": b"1", "bad.pdf": b"%PDF-"})
    status = _run_to_the_end(site, bundle_id, "kent")
    assert status["complete"] and status["ready"]
    files = {f["name"]: f for f in status["files"]}  # type: ignore[attr-defined]
    assert files["bad.pdf"]["stages"]["ingest"] == {
        "state": "failed",
        "error_code": "corrupt_file",
        "error": "bad.pdf is damaged",
        "attempts": 1,
    }
    assert files["bad.pdf"]["stages"]["extract"]["state"] == "skipped"
    assert files["good.csv"]["stages"]["extract"]["state"] == "done"
    assert [(f["percent"], f["words"]) for f in files.values()] == [
        (100, "done"),
        (100, "refused: bad.pdf is damaged"),
    ]
    assert status["progress"]["words"] == "6 of 6 steps finished (100%)"  # type: ignore[index]
    for name, data in FAKE_OUTPUTS.items():
        response = site.client.get(f"/api/bundles/{bundle_id}/files/{name}", headers=site.auth("kent"))
        assert response.status_code == 200 and response.content == data, name
    assert (
        site.client.get(f"/api/bundles/{bundle_id}/files/pack.pdf", headers=site.auth("surrey")).status_code
        == 404
    )


def test_a_new_version_keeps_the_chosen_files_adds_new_ones_and_replaces_the_old(
    site: Site, monkeypatch: pytest.MonkeyPatch
) -> None:
    old = upload(site, "kent", {"good.csv": b"1", "bad.pdf": b"%PDF-"})
    response = site.client.post(
        f"/api/bundles/{old}/versions",
        data={"keep": "0"},
        files=[("files", ("fixed.pdf", b"%PDF-1.7 fixed", "application/pdf"))],
        headers=site.auth("kent"),
    )
    assert response.status_code == 202
    new = response.json()["id"]
    assert [f.name for f in site.store.files(new)] == ["good.csv", "fixed.pdf"]
    status = site.client.get(f"/api/bundles/{new}", headers=site.auth("kent")).json()
    assert status["previous_id"] == old and status["council"] == "886"
    assert site.client.get(f"/api/bundles/{old}", headers=site.auth("kent")).json()["superseded_by"] == new
    again = site.client.post(f"/api/bundles/{old}/versions", data={"keep": "0"}, headers=site.auth("kent"))
    assert again.status_code == 409


def test_a_new_version_is_assigned_to_the_old_ones_reviewer_who_is_told_and_can_open_it(site: Site) -> None:
    old = upload(site, "kent", {"good.csv": b"1", "bad.pdf": b"%PDF-"})
    other = upload(site, "kent", {"other.csv": b"2"})
    reviewer = site.auth("reviewer")
    for bundle_id in (old, other):
        assign = {"bundle_id": bundle_id, "reviewer_email": "reviewer@lga.gov.uk"}
        assert site.client.post("/api/assignments", json=assign, headers=site.auth("lga")).status_code == 201
    untouched = site.client.post(
        f"/api/bundles/{other}/versions", data={"keep": "0"}, headers=site.auth("kent")
    ).json()["id"]
    unassign = {"reviewer": site.users["reviewer"].id, "bundle": other, "action": "remove"}
    lga = TestClient(site.client.app)
    unassign["csrf_token"] = log_in(lga, "analyst@lga.gov.uk")
    assert lga.post("/admin/assignments", data=unassign, follow_redirects=False).status_code == 303
    new = site.client.post(
        f"/api/bundles/{old}/versions",
        data={"keep": "0"},
        files=[("files", ("fixed.pdf", b"%PDF-1.7 fixed", "application/pdf"))],
        headers=site.auth("kent"),
    ).json()["id"]

    assert {b["id"] for b in site.client.get("/api/bundles", headers=reviewer).json()} == {
        old,
        new,
        untouched,
    }
    pages = TestClient(site.client.app)
    log_in(pages, "reviewer@lga.gov.uk")
    old_page = pages.get(f"/bundles/{old}").text
    assert f'A newer version of this bundle exists: <a href="/bundles/{new}">open it</a>' in old_page
    new_page = pages.get(f"/bundles/{new}")
    assert new_page.status_code == 200
    assert "this new version replaces" in new_page.text
    listing = pages.get("/bundles").text
    assert listing.count("A new version of a bundle you review was uploaded") == 1
    assert f'uploaded: <a href="/bundles/{new}">' in listing
    # A reviewer taken off the old version after the new one came keeps the new one, and is not
    # told they followed the old one.
    assert "this new version replaces" not in pages.get(f"/bundles/{untouched}").text


def test_the_openapi_document_lists_the_api(site: Site) -> None:
    paths = site.client.get("/openapi.json", headers=site.auth("kent")).json()["paths"]
    assert {
        "/api/bundles",
        "/api/bundles/{bundle_id}",
        "/api/bundles/{bundle_id}/files/{name}",
        "/api/themes",
    } <= set(paths)
    assert "multipart/form-data" in paths["/api/bundles"]["post"]["requestBody"]["content"]


def test_a_session_cookie_not_signed_by_the_server_is_ignored(site: Site) -> None:
    import base64
    import json

    from workers.web.sessions import start_session

    live = start_session(site.store.engine, site.users["lga"], 3600)  # a real session id, unsigned
    forged = base64.b64encode(json.dumps({"sid": live, "csrf": "x"}).encode()).decode()
    site.client.cookies.set("reviewpack_session", forged)
    assert site.client.get("/api/bundles").status_code == 401
    assert site.client.get("/bundles", follow_redirects=False).headers["location"] == "/login"


def test_repeated_wrong_passwords_lock_the_email_out_for_a_while(site: Site) -> None:
    from tests.web_support import PASSWORD, csrf_from

    token = csrf_from(site.client.get("/login").text)
    attempt = {"email": "officer@kent.gov.uk", "csrf_token": token}
    codes = [
        site.client.post("/login", data={**attempt, "password": f"guess {i}"}).status_code for i in range(6)
    ]
    assert codes == [401] * 5 + [429]
    right = site.client.post("/login", data={**attempt, "password": PASSWORD}, follow_redirects=False)
    assert right.status_code == 429  # even the right password waits until the lock ends
    assert int(right.headers["retry-after"]) > 0


def test_wrong_passwords_from_one_address_never_lock_the_user_out_at_another(tmp_path: Path) -> None:
    from tests.web_support import PASSWORD, csrf_from

    site = make_site(tmp_path)
    stranger = TestClient(site.client.app, client=("203.0.113.9", 40000))
    token = csrf_from(stranger.get("/login").text)
    for i in range(8):
        stranger.post(
            "/login", data={"email": "officer@kent.gov.uk", "password": f"guess {i}", "csrf_token": token}
        )
    assert (
        stranger.post(
            "/login", data={"email": "officer@kent.gov.uk", "password": PASSWORD, "csrf_token": token}
        ).status_code
        == 429
    )
    owner = TestClient(site.client.app, client=("198.51.100.7", 40000))
    log_in(owner, "officer@kent.gov.uk")  # the real user, from their own address, signs in at once


def test_guessed_api_tokens_are_refused_for_a_while_from_that_address(site: Site) -> None:
    from workers.web.throttle import TOKENS_FROM_ADDRESS

    guesser = TestClient(site.client.app, client=("203.0.113.9", 40000))
    for i in range(TOKENS_FROM_ADDRESS.free):
        assert guesser.get("/api/me", headers={"Authorization": f"Bearer rp_guess{i}"}).status_code == 401
    refused = guesser.get("/api/me", headers=site.auth("kent"))
    assert refused.status_code == 429 and int(refused.headers["retry-after"]) > 0
    assert site.client.get("/api/me", headers=site.auth("kent")).status_code == 200  # other addresses


def test_pages_forbid_framing_and_load_scripts_only_from_the_site(site: Site) -> None:
    headers = site.client.get("/login").headers
    assert headers["x-frame-options"] == "DENY" and headers["x-content-type-options"] == "nosniff"
    assert "default-src 'self'" in headers["content-security-policy"]
    assert "frame-ancestors 'none'" in headers["content-security-policy"]


def test_an_lga_upload_names_its_council_from_the_dfe_list_and_sees_it_by_name(site: Site) -> None:
    lga = site.auth("lga")
    files = [("files", ("a.csv", b"1", "text/csv"))]
    for council, says in (("Kentt", "did you mean Kent County Council (886)"), ("9999", "not a council")):
        refused = site.client.post("/api/bundles", files=files, data={"council": council}, headers=lga)
        assert refused.status_code == 400 and says in refused.json()["detail"], council
    assert site.client.get("/api/bundles", headers=lga).json() == []  # nothing stored
    bundle_id = upload(site, "lga", {"a.csv": b"1"}, council="west sussex")
    status = site.client.get(f"/api/bundles/{bundle_id}", headers=lga).json()
    assert status["council"] == "938" and status["council_name"] == "West Sussex County Council (938)"
    listed = site.client.get("/api/bundles", headers=lga).json()
    assert listed[0]["council_name"] == "West Sussex County Council (938)"
    log_in(site.client, "analyst@lga.gov.uk")
    page = site.client.get(f"/bundles/{bundle_id}").text
    assert "Council West Sussex County Council (938)" in page
    assert "West Sussex County Council (938)" in site.client.get("/bundles").text


def test_a_pack_made_from_a_partial_read_says_so_in_the_api_and_on_the_page(
    site: Site, monkeypatch: pytest.MonkeyPatch
) -> None:
    from ingest.records import DocError, Document, Format, Status
    from workers.account import SUMMARY
    from workers.pipeline import stage

    def extract(ctx: workers.stages.Context, bundle_id: str, position: int) -> workers.stages.Outcome:
        row = ctx.store.file(bundle_id, position)
        lost = [DocError(code="page_unreadable", message="the page is damaged", page=p) for p in (4, 5)]
        document = Document(file=row.name, sha256=row.sha256, size=row.size, format=Format.PDF)
        document = document.model_copy(update={"status": Status.PARTIAL, "errors": lost})
        summary = {"document": document.model_dump(mode="json"), "contradicted": 0}
        ctx.store.save_result(row.sha256, SUMMARY, stage("extract").version, json.dumps(summary))
        return workers.stages.DONE

    for name, runner in {**fake_runners(), "extract": extract}.items():
        monkeypatch.setitem(workers.stages.RUNNERS, name, runner)
    bundle_id = upload(site, "kent", {"good.pdf": b"%PDF-1.7 good", "bad.pdf": b"%PDF-"})
    status = _run_to_the_end(site, bundle_id, "kent")
    assert status["ready"]
    assert status["headline"] == "The pack is ready, with 1 file refused and 2 pages unread."
    assert status["summary"]["pages_unread"] == 2 and status["summary"]["refused"] == 1  # type: ignore[index]
    texts = [(p["file"], p["text"]) for p in status["problems"]]  # type: ignore[attr-defined]
    assert texts == [
        ("bad.pdf", "refused: bad.pdf is damaged"),
        ("good.pdf", "page unread: page 4: the page is damaged"),
        ("good.pdf", "page unread: page 5: the page is damaged"),
    ]
    log_in(site.client, "officer@kent.gov.uk")
    page = site.client.get(f"/bundles/{bundle_id}").text
    assert "The pack is ready, with 1 file refused and 2 pages unread." in page
    assert "data-caveats" in page and "page 4: the page is damaged" in page
    # the ready notice and every list of bundles say the same, never a bare "ready"
    notice = page[page.index('id="ready-notice"') :]
    assert notice[: notice.index("</p>")].endswith(
        "The pack is ready, with 1 file refused and 2 pages unread. Download it below, and see the problems and notes."
    )
    # plain words: stages as a reader says them, the JSON files apart for analysts, no long id up top
    assert '<th class="stage">Reading</th><th class="stage">Finding figures</th>' in page
    assert "<th>ingest</th>" not in page and f"· id <code>{bundle_id}" not in page
    labels = {o["name"]: (o["label"], o["for"]) for o in status["outputs"]}  # type: ignore[attr-defined]
    assert all(who == "analysts" for name, (_, who) in labels.items() if name.endswith(".json"))
    listed = site.client.get("/bundles").text
    assert "ready — 1 file refused, 2 pages unread</span>" in listed


def _with_cookie(site: Site, cookie: str) -> TestClient:
    client = TestClient(site.client.app)
    client.cookies.set("reviewpack_session", cookie)
    return client


def test_a_copied_session_cookie_stops_working_once_its_user_signs_out(site: Site) -> None:
    csrf = log_in(site.client, "officer@kent.gov.uk")
    cookie = site.client.cookies["reviewpack_session"]
    other_browser = TestClient(site.client.app)
    log_in(other_browser, "officer@kent.gov.uk")
    assert _with_cookie(site, cookie).get("/api/bundles").status_code == 200
    site.client.post("/logout", data={"csrf_token": csrf}, follow_redirects=False)
    copy = _with_cookie(site, cookie)
    assert copy.get("/bundles", follow_redirects=False).headers["location"] == "/login"
    assert copy.get("/api/bundles").status_code == 401
    assert other_browser.get("/api/bundles").status_code == 200  # only the session signed out ends


def test_a_password_reset_ends_every_session_of_the_user(site: Site) -> None:
    from workers.web.users import reset_password

    log_in(site.client, "officer@kent.gov.uk")
    assert site.client.get("/api/bundles").status_code == 200
    reset_password(site.store.engine, "officer@kent.gov.uk", "a brand new password")
    assert site.client.get("/bundles", follow_redirects=False).headers["location"] == "/login"
    assert site.client.get("/api/bundles").status_code == 401


def test_downloads_are_named_for_people_and_never_cached(site: Site, monkeypatch: pytest.MonkeyPatch) -> None:
    for name, runner in fake_runners().items():
        monkeypatch.setitem(workers.stages.RUNNERS, name, runner)
    bundle_id = upload(site, "kent", {"good.csv": b"1"})
    _run_to_the_end(site, bundle_id, "kent")
    day = site.store.bundle(bundle_id).created_at.date().isoformat()
    named = {
        "pack.pdf": f"Kent County Council pre-read pack {day}.pdf",
        "pack.pptx": f"Kent County Council pre-read slides {day}.pptx",
        "data.xlsx": f"Kent County Council pre-read data {day}.xlsx",
        "extraction.json": f"Kent County Council extracted figures {day}.json",
        "review.json": f"Kent County Council review {day}.json",
    }
    for name, filename in named.items():
        response = site.client.get(f"/api/bundles/{bundle_id}/files/{name}", headers=site.auth("kent"))
        assert response.headers["content-disposition"] == f'attachment; filename="{filename}"', name
        assert response.headers["cache-control"] == "no-store", name
    for path in ("/api/bundles", f"/api/bundles/{bundle_id}", "/api/themes?format=csv"):
        assert site.client.get(path, headers=site.auth("kent")).headers["cache-control"] == "no-store", path


def test_a_download_name_beyond_ascii_has_a_plain_stand_in_and_the_rfc_5987_original() -> None:
    from workers.web.exports import attachment

    header = attachment('Ynys Môn "pre-read" pack.pdf')["Content-Disposition"]
    assert header == (
        'attachment; filename="Ynys Mon pre-read pack.pdf"; '
        "filename*=UTF-8''Ynys%20M%C3%B4n%20%22pre-read%22%20pack.pdf"
    )


def test_the_api_documentation_is_for_signed_in_users_only(site: Site) -> None:
    for page in ("/docs", "/redoc"):
        assert site.client.get(page, follow_redirects=False).headers["location"] == "/login", page
    assert site.client.get("/openapi.json").status_code == 401
    assert site.client.get("/openapi.json", headers=site.auth("reviewer")).status_code == 200
    log_in(site.client, "reviewer@lga.gov.uk")
    for page in ("/docs", "/redoc"):
        response = site.client.get(page)
        assert response.status_code == 200 and "/openapi.json" in response.text, page
    assert "/api/bundles" in site.client.get("/openapi.json").json()["paths"]


def test_the_api_documentation_can_be_opened_to_everyone(tmp_path: Path) -> None:
    site = make_site(tmp_path, public_docs=True)
    for page in ("/docs", "/redoc"):
        assert site.client.get(page).status_code == 200, page
    assert "/api/bundles" in site.client.get("/openapi.json").json()["paths"]
    from workers.settings import load_settings

    assert load_settings({"REVIEWPACK_PUBLIC_DOCS": "1"}).public_docs
    assert not load_settings({}).public_docs


def _wrong_passwords(client: TestClient, forwarded_for: list[str]) -> list[int]:
    from tests.web_support import csrf_from

    token = csrf_from(client.get("/login").text)
    attempt = {"email": "officer@kent.gov.uk", "csrf_token": token}
    return [
        client.post(
            "/login", data={**attempt, "password": f"guess {i}"}, headers={"X-Forwarded-For": address}
        ).status_code
        for i, address in enumerate(forwarded_for)
    ]


def test_a_client_rotating_x_forwarded_for_does_not_escape_the_throttle(site: Site) -> None:
    client = TestClient(site.client.app, client=("203.0.113.9", 40000))
    assert _wrong_passwords(client, [f"10.0.0.{i}" for i in range(6)]) == [401] * 5 + [429]


def test_x_forwarded_for_is_believed_from_a_trusted_proxy_only(tmp_path: Path) -> None:
    from workers.settings import load_settings

    site = make_site(tmp_path, trusted_proxies=("192.0.2.0/24",))
    proxy = TestClient(site.client.app, client=("192.0.2.1", 40000))
    assert _wrong_passwords(proxy, [f"10.0.0.{i}" for i in range(6)]) == [401] * 6  # six people
    stranger = TestClient(site.client.app, client=("203.0.113.9", 40000))
    assert _wrong_passwords(stranger, [f"10.0.1.{i}" for i in range(6)]) == [401] * 5 + [429]
    env = {"REVIEWPACK_TRUSTED_PROXIES": "10.1.0.1, 192.0.2.0/24"}
    assert load_settings(env).trusted_proxies == ("10.1.0.1", "192.0.2.0/24")
    assert load_settings({}).trusted_proxies == ()


def _session_cookie(client: TestClient, **headers: str) -> str:
    return client.get("/login", headers=headers).headers["set-cookie"].lower()


def test_the_session_cookie_is_secure_when_the_request_came_over_https(tmp_path: Path) -> None:
    site = make_site(tmp_path, trusted_proxies=("192.0.2.1",))
    app = site.client.app
    assert "secure" not in _session_cookie(TestClient(app))
    assert "secure" in _session_cookie(TestClient(app, base_url="https://testserver"))
    behind_proxy = TestClient(app, client=("192.0.2.1", 40000))
    assert "secure" in _session_cookie(behind_proxy, **{"X-Forwarded-Proto": "https"})
    stranger = TestClient(app, client=("203.0.113.9", 40000))
    assert "secure" not in _session_cookie(stranger, **{"X-Forwarded-Proto": "https"})
    always = make_site(tmp_path / "always", secure_cookies=True)
    assert "secure" in _session_cookie(TestClient(always.client.app))


def test_reviewpack_serve_believes_no_forwarded_headers_from_loopback_unless_told(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import uvicorn

    import workers.web.server
    from workers.settings import load_settings

    served: list[uvicorn.Config] = []
    monkeypatch.setattr(
        workers.web.server.uvicorn,
        "run",
        lambda app, **options: served.append(uvicorn.Config(app, **options)),
    )
    workers.web.server.serve(load_settings({"REVIEWPACK_HOME": str(tmp_path)}), "127.0.0.1", 8000)
    served[0].load()
    local = TestClient(served[0].loaded_app, client=("127.0.0.1", 40000))  # as uvicorn would run it
    assert _wrong_passwords(local, [f"10.0.0.{i}" for i in range(6)]) == [401] * 5 + [429]


def test_signing_in_again_ends_the_session_the_browser_had(site: Site) -> None:
    log_in(site.client, "officer@kent.gov.uk")
    before = site.client.cookies["reviewpack_session"]
    log_in(site.client, "officer@kent.gov.uk")
    assert _with_cookie(site, before).get("/api/bundles").status_code == 401
    assert site.client.get("/api/bundles").status_code == 200


def test_a_files_share_of_its_stages_counts_finished_ones_and_a_refusal_finishes_it() -> None:
    from workers.progress import FileProgress, percent, steps
    from workers.store import RunRow

    def run(stage: str, state: str) -> RunRow:
        return RunRow(0, stage, state, None, None, 1, None)

    reading = FileProgress(
        0, "a.pdf", {"ingest": run("ingest", "done"), "extract": run("extract", "running")}
    )
    assert steps(reading) == (1, 2) and percent(*steps(reading)) == 50
    refused = FileProgress(1, "b.pdf", {"ingest": run("ingest", "failed")})
    assert steps(refused) == (2, 2)
    bundle = FileProgress(-1, "whole bundle", {"analyse": run("analyse", "done")})
    assert steps(bundle) == (1, 2)
    assert (percent(2, 3), percent(0, 0)) == (66, 100)
