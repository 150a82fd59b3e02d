"""The web application in a real Chromium: sign in, upload the example bundle (one file dropped
on the drop zone), watch it go through every stage, download the pack, open a figure's source page.

Needs Debian's chromium (apt-get install -y chromium) and Playwright for Python; Playwright's own
browser downloads are never used. Screenshots go to $REVIEWPACK_SCREENSHOTS, else the test's tmp dir.
"""

from __future__ import annotations

import json
import os
import re
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from weasyprint import HTML

from tests.conftest import need

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
EMAIL, PASSWORD = "officer@wyvern.gov.uk", "a long test password"
LGA_EMAIL, REVIEWER_EMAIL = "analyst@lga.gov.uk", "reviewer@lga.gov.uk"
PIPELINE_TIMEOUT_S = 600


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _reviewpack(*args: str, env: dict[str, str], **kwargs: object) -> subprocess.Popen[bytes]:
    return subprocess.Popen([str(Path(sys.executable).with_name("reviewpack")), *args], env=env, **kwargs)  # type: ignore[call-overload, no-any-return]


@dataclass(frozen=True)
class Server:
    url: str
    tokens: dict[str, str]


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """`reviewpack serve` in embedded mode on a free port, with a council, an LGA and a reviewer user."""
    tmp_path = tmp_path_factory.mktemp("serve")
    env = {
        k: v for k, v in os.environ.items() if k not in {"REDIS_URL", "DATABASE_URL", "REVIEWPACK_BLOB_DIR"}
    }
    env["REVIEWPACK_HOME"] = str(tmp_path / "home")
    tokens = {
        EMAIL: _add_user(env, EMAIL, "council", "--council", "886"),
        LGA_EMAIL: _add_user(env, LGA_EMAIL, "lga"),
        REVIEWER_EMAIL: _add_user(env, REVIEWER_EMAIL, "reviewer"),
    }
    port = _free_port()
    log = (tmp_path / "serve.log").open("wb")
    proc = _reviewpack(
        "serve",
        "--host",
        "127.0.0.1",
        "--port",
        str(port),
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        _wait_for(url + "/login", proc)
        yield Server(url, tokens)
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        log.close()


def _add_user(env: dict[str, str], email: str, role: str, *more: str) -> str:
    """Add a user with the CLI; returns the API token it prints."""
    added = _reviewpack(
        "users",
        "add",
        email,
        "--role",
        role,
        *more,
        "--password",
        PASSWORD,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    out, _ = added.communicate(timeout=120)
    assert added.returncode == 0, out
    match = re.search(rb"rp_[A-Za-z0-9_-]{20,}", out)
    assert match, out
    return match.group(0).decode()


def _wait_for(url: str, proc: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        assert proc.poll() is None, "reviewpack serve exited early"
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.3)
    raise AssertionError(f"reviewpack serve did not answer at {url}")


def _browser(playwright):  # type: ignore[no-untyped-def]
    return playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)


def _playwright():  # type: ignore[no-untyped-def]
    need(CHROMIUM.exists(), "Debian's chromium is not installed: apt-get install -y chromium")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        need(False, "Playwright for Python is not installed: pip install playwright")
    return sync_playwright()


def _screens(tmp_path: Path) -> Path:
    shots = Path(os.environ.get("REVIEWPACK_SCREENSHOTS") or tmp_path / "screens")
    shots.mkdir(parents=True, exist_ok=True)
    return shots


def _sign_in(page, url: str, email: str) -> None:  # type: ignore[no-untyped-def]
    from playwright.sync_api import expect

    page.goto(url + "/login")
    page.fill("input[name=email]", email)
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit]")
    expect(page).to_have_url(url + "/bundles")


def test_a_council_uploads_watches_its_bundle_and_downloads_the_pack_in_chromium(
    server: Server, example_bundle: Path, tmp_path: Path
) -> None:
    with _playwright() as playwright:
        from playwright.sync_api import expect

        shots = _screens(tmp_path)
        files = sorted(p for p in example_bundle.iterdir() if p.is_file())
        browser = _browser(playwright)
        page = browser.new_page(viewport={"width": 1280, "height": 900}, accept_downloads=True)
        page.set_default_timeout(30_000)
        errors: list[str] = []  # script errors and refused loads (the content security policy)
        page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
        page.on("pageerror", lambda error: errors.append(str(error)))
        url = server.url
        _sign_in(page, url, EMAIL)

        page.set_input_files("#files", [str(p) for p in files])
        dropped = page.evaluate_handle(
            "() => { const dt = new DataTransfer();"
            " dt.items.add(new File(['Note,Amount\\nRoom hire,100\\n'], 'dropped notes.csv', {type: 'text/csv'}));"
            " return dt; }"
        )
        page.dispatch_event("#dropzone", "drop", {"dataTransfer": dropped})
        expect(page.locator("#chosen li")).to_have_count(len(files) + 1)
        page.screenshot(path=str(shots / "01-chosen.png"), full_page=True)
        page.click("#upload-button")

        page.wait_for_url(url + "/bundles/*")
        bundle_id = page.url.rsplit("/", 1)[1]
        expect(page.locator("#progress tbody tr")).to_have_count(len(files) + 2)  # + dropped + whole bundle
        page.screenshot(path=str(shots / "02-progress.png"), full_page=True)
        page.wait_for_selector("#outcome.ready, #outcome.failed", timeout=PIPELINE_TIMEOUT_S * 1000)
        page.screenshot(path=str(shots / "03-finished.png"), full_page=True)
        expect(page.locator("#outcome")).to_have_class("outcome ready")
        names = page.locator("#progress td.name").all_inner_texts()
        assert "dropped notes.csv" in names and all(p.name in names for p in files)

        with page.expect_download() as download:
            page.click("#downloads a:text-is('pack.pdf')")
        pdf = Path(download.value.path()).read_bytes()
        assert pdf.startswith(b"%PDF") and len(pdf) > 10_000

        page.click("text=Browse the extracted figures")
        expect(page.locator("a.source").first).to_be_visible()
        page.screenshot(path=str(shots / "04-figures.png"))
        page.locator("#figures + table a.source", has_text=" p.").first.click()
        image = page.locator("#page-image")
        expect(image).to_be_visible()
        page.wait_for_function("() => document.getElementById('page-image').naturalWidth > 0")
        page.screenshot(path=str(shots / "05-source.png"), full_page=True)

        # The refused file replaced by a good one: a new version, run from the start.
        page.goto(url + "/bundles/" + bundle_id)
        refused = [
            p for p in files if not page.locator(f"input[name=keep][value='{files.index(p)}']").is_checked()
        ]
        assert [p.name for p in refused] == ["Cabinet minutes 2025-09.pdf"]
        replacement = tmp_path / "Cabinet minutes 2025-09 (re-exported).pdf"
        replacement.write_bytes(HTML(string="<h1>Cabinet minutes</h1><p>September 2025.</p>").write_pdf())
        page.set_input_files("#version-form input[type=file]", str(replacement))
        page.click("text=Start a new version")
        page.wait_for_url(lambda u: "/bundles/" in u and bundle_id not in u)
        page.wait_for_selector("#outcome.ready, #outcome.failed", timeout=PIPELINE_TIMEOUT_S * 1000)
        expect(page.locator("#outcome")).to_have_class("outcome ready")
        expect(page.locator("a:text('the previous version')")).to_have_attribute(
            "href", "/bundles/" + bundle_id
        )
        page.screenshot(path=str(shots / "06-new-version.png"), full_page=True)
        expect(page.locator("#problems li")).to_have_count(0)
        browser.close()
    assert errors == []


def _api(
    server: Server, who: str, path: str, data: bytes | None = None, headers: dict[str, str] | None = None
):  # type: ignore[no-untyped-def]
    request = urllib.request.Request(
        server.url + path,
        data=data,
        headers={"Authorization": f"Bearer {server.tokens[who]}", **(headers or {})},
    )
    with urllib.request.urlopen(request, timeout=30) as response:
        return json.loads(response.read())


def _upload_by_api(server: Server, who: str, files: list[Path]) -> str:
    boundary = "reviewpack-test-boundary"
    body = (
        b"".join(
            f'--{boundary}\r\nContent-Disposition: form-data; name="files"; filename="{p.name}"\r\n'
            f"Content-Type: application/octet-stream\r\n\r\n".encode()
            + p.read_bytes()
            + b"\r\n"
            for p in files
        )
        + f"--{boundary}--\r\n".encode()
    )
    created = _api(
        server, who, "/api/bundles", body, {"Content-Type": f"multipart/form-data; boundary={boundary}"}
    )
    deadline = time.monotonic() + PIPELINE_TIMEOUT_S
    while not _api(server, who, f"/api/bundles/{created['id']}")["complete"]:
        assert time.monotonic() < deadline, "the bundle did not finish"
        time.sleep(0.5)
    return str(created["id"])


def test_an_lga_user_sees_themes_searches_lines_and_assigns_a_reviewer_in_chromium(
    server: Server, example_bundle: Path, tmp_path: Path
) -> None:
    bundle_id = _upload_by_api(server, EMAIL, sorted(p for p in example_bundle.iterdir() if p.is_file()))
    with _playwright() as playwright:
        from playwright.sync_api import expect

        shots = _screens(tmp_path)
        browser = _browser(playwright)
        page = browser.new_page(viewport={"width": 1280, "height": 900}, accept_downloads=True)
        page.set_default_timeout(30_000)
        _sign_in(page, server.url, LGA_EMAIL)
        page.click("header nav >> text=Themes")
        expect(page.locator("#themes tbody tr").first).not_to_contain_text("No analysed reviews")
        page.select_option("select[name=by]", "region")
        page.click("button:text-is('Show')")
        page.screenshot(path=str(shots / "07-themes.png"), full_page=True)
        with page.expect_download() as download:
            page.click("text=CSV")
        assert Path(download.value.path()).read_bytes().decode("utf-8-sig").startswith("theme,label,region")

        page.click("header nav >> text=Search lines")
        page.fill("input[name=q]", "foster")
        page.click("button:text-is('Search')")
        expect(page.locator("#lines tbody tr").first).to_contain_text("oster")
        page.screenshot(path=str(shots / "08-search.png"), full_page=True)

        page.click("header nav >> text=Assign reviewers")
        page.select_option("select[name=bundle]", bundle_id)
        page.click("button:text-is('Assign')")
        expect(page.locator("table.list")).to_contain_text(REVIEWER_EMAIL)
        page.screenshot(path=str(shots / "09-assignments.png"), full_page=True)

        reviewer = browser.new_page(viewport={"width": 1280, "height": 900})
        _sign_in(reviewer, server.url, REVIEWER_EMAIL)
        expect(reviewer.locator(f"a[href='/bundles/{bundle_id}']")).to_be_visible()
        expect(reviewer.locator("#upload")).to_have_count(0)
        reviewer.screenshot(path=str(shots / "10-reviewer.png"), full_page=True)
        browser.close()


def test_a_reviewer_corrects_one_figure_and_confirms_another_and_the_rebuilt_extraction_has_both_in_chromium(
    server: Server, example_bundle: Path, tmp_path: Path
) -> None:
    bundle_id = _upload_by_api(server, EMAIL, sorted(p for p in example_bundle.iterdir() if p.is_file()))
    body = json.dumps({"bundle_id": bundle_id, "reviewer_email": REVIEWER_EMAIL}).encode()
    _api(server, LGA_EMAIL, "/api/assignments", body, {"Content-Type": "application/json"})
    with _playwright() as playwright:
        from playwright.sync_api import expect

        shots = _screens(tmp_path)
        browser = _browser(playwright)
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        page.set_default_timeout(30_000)
        errors: list[str] = []
        page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
        _sign_in(page, server.url, REVIEWER_EMAIL)
        page.goto(f"{server.url}/bundles/{bundle_id}")
        page.click("text=Check the figures")
        expect(page.locator("article.check").first).to_have_class(re.compile("contradicted"))
        page.screenshot(path=str(shots / "11-check.png"), full_page=True)

        wrong = page.locator("article.check.contradicted:has(button[value=corrected])").first
        key = {
            n: wrong.locator(f"input[name={n}]").input_value() for n in ("kind", "sha256", "locator", "unit")
        }
        wrong.locator("select[name=field]").select_option(index=1)
        field = wrong.locator("select[name=field]").input_value()
        wrong.locator("input[name=value]").fill("1,234")
        wrong.locator("input[name=note]").fill("as the Q2 paper says")
        wrong.locator("button[value=corrected]").click()
        corrected = page.locator(f"article.check:has(input[name=locator][value='{key['locator']}'])").first
        expect(corrected.locator(".history li")).to_contain_text("corrected")
        right = page.locator("article.check.verified").first
        kept = {n: right.locator(f"input[name={n}]").input_value() for n in ("kind", "sha256", "locator")}
        right.locator("button[value=confirmed]").click()
        expect(
            page.locator(f"article.check:has(input[name=locator][value='{kept['locator']}']) .history")
        ).to_contain_text("confirmed by " + REVIEWER_EMAIL)
        page.screenshot(path=str(shots / "12-corrected.png"), full_page=True)
        browser.close()
    assert errors == []

    extraction = _rebuilt_extraction(server, bundle_id)
    per = {"£000": 1_000, "£m": 1_000_000, "£": 1}[key["unit"]]
    fixed = _record(extraction, key)
    assert fixed[field] == 1234 * per
    assert [(r["action"], r["field"], r["new"], r["note"]) for r in fixed["reviewed"]] == [
        ("corrected", field, 1234 * per, "as the Q2 paper says")
    ]
    assert [(r["action"], r["by"]) for r in _record(extraction, kept)["reviewed"]] == [
        ("confirmed", REVIEWER_EMAIL)
    ]


def _rebuilt_extraction(server: Server, bundle_id: str) -> dict[str, object]:
    """extraction.json once the bundle's analysis and pack have been rebuilt."""
    deadline = time.monotonic() + PIPELINE_TIMEOUT_S
    while True:
        status = _api(server, REVIEWER_EMAIL, f"/api/bundles/{bundle_id}")
        if status["complete"]:
            break
        assert time.monotonic() < deadline, "the bundle was not rebuilt"
        time.sleep(0.5)
    return _api(server, REVIEWER_EMAIL, f"/api/bundles/{bundle_id}/files/extraction.json")  # type: ignore[no-any-return]


def _record(extraction: dict[str, object], key: dict[str, str]) -> dict[str, object]:
    kinds = {"budget_line": "budget_lines", "saving": "savings", "pressure": "pressures"}
    return next(
        r
        for r in extraction[kinds[key["kind"]]]  # type: ignore[attr-defined]
        if r["provenance"][0]["sha256"] == key["sha256"] and r["provenance"][0]["locator"] == key["locator"]
    )
