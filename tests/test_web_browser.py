"""The web application in a real Chromium: sign in, upload the example bundle (one file dropped
on the drop zone), watch it go through every stage, download the pack, open a figure's source page;
axe-core on every page state for each role, and no page wider than a 390 px phone (tests/accessibility.py).

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
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest
from weasyprint import HTML

from tests.accessibility import PHONE, axe_violations, overflow_px
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


USERS = {
    EMAIL: ("council", "--council", "886"),
    LGA_EMAIL: ("lga",),
    REVIEWER_EMAIL: ("reviewer",),
}


@contextmanager
def serving(tmp_path: Path, users: dict[str, tuple[str, ...]]) -> Iterator[Server]:
    """`reviewpack serve` in embedded mode on a free port, with `users` (email: role and options)."""
    env = {
        k: v for k, v in os.environ.items() if k not in {"REDIS_URL", "DATABASE_URL", "REVIEWPACK_BLOB_DIR"}
    }
    env["REVIEWPACK_HOME"] = str(tmp_path / "home")
    tokens = {email: _add_user(env, email, *how) for email, how in users.items()}
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


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """A council, an LGA and a reviewer user."""
    with serving(tmp_path_factory.mktemp("serve"), USERS) as running:
        yield running


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
        expect(page.locator("#overall-words")).to_have_text(
            re.compile(r"^\d+ of \d+ steps finished \(\d+%\)$")
        )
        page.screenshot(path=str(shots / "02-progress.png"), full_page=True)
        assert axe_violations(page) == []  # the page at work, redrawn by its script
        page.wait_for_selector("#outcome.ready, #outcome.failed", timeout=PIPELINE_TIMEOUT_S * 1000)
        page.screenshot(path=str(shots / "03-finished.png"), full_page=True)
        expect(page.locator("#outcome")).to_have_class("outcome ready")
        # Watched to the end: the page says the pack is ready where the reader is, and shows 100%.
        expect(page.locator("#ready-notice")).to_be_focused()
        expect(page.locator("#ready-notice")).to_contain_text("The pack is ready, with 1 file refused")
        expect(page.locator("#overall-words")).to_contain_text("steps finished (100%)")
        expect(page.locator("#progress td.done").first).to_contain_text("100%")
        assert axe_violations(page) == []  # with the ready notice shown
        # plain words for reviewers: the JSON files under "For analysts", stages as a reader says them
        expect(page.locator("#analyst-downloads a")).to_have_text(
            ["Figures read from the documents (JSON)", "Review data (JSON)"]
        )
        # the progress table fits its card, every column shown: at a desktop's width, and on a
        # phone, where each file is a block saying each stage by name
        clipped = "() => { const s = document.getElementById('progress').parentElement; return s.scrollWidth - s.clientWidth; }"
        assert page.evaluate(clipped) <= 0
        page.set_viewport_size(PHONE)
        page.screenshot(path=str(shots / "03-finished-390.png"), full_page=True)
        assert page.evaluate(clipped) <= 0
        expect(page.locator("#progress td.stage.done").first).to_be_visible()
        page.set_viewport_size({"width": 1280, "height": 900})
        heads = page.locator("#progress thead th").all_inner_texts()
        assert heads[2:] == ["Reading", "Finding figures", "Reviewing", "Making the pack"], heads
        names = page.locator("#progress td.name").all_inner_texts()
        assert "dropped notes.csv" in names and all(p.name in names for p in files)

        with page.expect_download() as download:
            page.click("#downloads a:text-is('Pre-read pack (PDF)')")
        pdf = Path(download.value.path()).read_bytes()
        assert pdf.startswith(b"%PDF") and len(pdf) > 10_000

        page.click("text=Browse the extracted figures")
        expect(page.locator("a.source").first).to_be_visible()
        page.screenshot(path=str(shots / "04-figures.png"))
        page.locator("#figures + .table-scroll a.source", has_text=" p.").first.click()
        image = page.locator("#page-image")
        expect(image).to_be_visible()
        page.wait_for_function("() => document.getElementById('page-image').naturalWidth > 0")
        page.screenshot(path=str(shots / "05-source.png"), full_page=True)

        page.goto(url + "/bundles")  # the list says what the pack lacks, not a bare "ready"
        expect(page.locator("span.state").first).to_contain_text("ready — 1 file refused")

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
        expect(page.locator("#theme-chart svg[role=img] title")).to_have_text(re.compile("by theme"))
        page.click("#themes th a:text('Savings £m')")
        expect(page.locator("#themes th[aria-sort]")).to_have_attribute("aria-sort", "descending")
        amounts = page.locator("#themes tbody tr td:nth-child(4)").all_inner_texts()
        millions = [float(a.replace("£", "").replace("m", "").replace(",", "")) for a in amounts]
        assert millions == sorted(millions, reverse=True) and all(a.endswith("m") for a in amounts)
        page.screenshot(path=str(shots / "07-themes.png"), full_page=True)
        with page.expect_download() as download:
            page.click("text=CSV")
        assert Path(download.value.path()).read_bytes().decode("utf-8-sig").startswith("theme,label,region")

        page.locator("#themes a.term").first.click()  # a glossary word in a theme's name
        expect(page).to_have_url(re.compile(r"/glossary#[a-z-]+$"))
        expect(page.locator("dl.glossary dt:target")).to_be_visible()
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
        expect(page.locator("th .sign").first).to_have_text("(+ = overspend)")
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
        if corrected.locator("input[name=anyway]").count():
            # its own row's arithmetic contradicts it: said by the row, in view, and not saved
            page.screenshot(path=str(shots / "11-refused.png"))
            expect(corrected.locator("p.error")).to_contain_text("the row does not add up")
            expect(corrected.locator("p.error")).to_be_in_viewport()
            expect(corrected.locator(".history li")).to_have_count(0)
            corrected.locator("input[name=anyway]").check()
            corrected.locator("button[value=corrected]").click()
        expect(corrected.locator(".history li")).to_contain_text("corrected")
        expect(corrected.locator("h2 .tag")).to_contain_text("corrected by a reviewer (was")
        right = page.locator("article.check.verified").first
        kept = {n: right.locator(f"input[name={n}]").input_value() for n in ("kind", "sha256", "locator")}
        right.locator("button[value=confirmed]").click()
        expect(
            page.locator(f"article.check:has(input[name=locator][value='{kept['locator']}']) .history")
        ).to_contain_text("confirmed by " + REVIEWER_EMAIL)
        page.screenshot(path=str(shots / "12-corrected.png"), full_page=True)
        browser.close()
    refused = "the server responded with a status of 400"  # the refused correction, answered 400
    assert [e for e in errors if refused not in e] == []

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


@pytest.fixture(scope="module")
def assigned_bundle(server: Server, example_bundle: Path) -> str:
    """The example bundle uploaded by the council, finished, and assigned to the reviewer."""
    bundle_id = _upload_by_api(server, EMAIL, sorted(p for p in example_bundle.iterdir() if p.is_file()))
    body = json.dumps({"bundle_id": bundle_id, "reviewer_email": REVIEWER_EMAIL}).encode()
    _api(server, LGA_EMAIL, "/api/assignments", body, {"Content-Type": "application/json"})
    return bundle_id


def _audit(page, name: str, shots: Path, found: dict[str, list[str]]) -> None:  # type: ignore[no-untyped-def]
    """axe-core on the page as it stands, then the same page on a 390 px phone: nothing may stick
    out sideways. Screenshots of both go to `shots`."""
    desktop = page.viewport_size
    problems = axe_violations(page)
    page.screenshot(path=str(shots / f"a11y-{name}.png"), full_page=True)
    page.set_viewport_size(PHONE)
    if (wider := overflow_px(page)) > 0:
        problems.append(f"{wider} px wider than a 390 px phone")
    page.screenshot(path=str(shots / f"a11y-{name}-390.png"), full_page=True)
    page.set_viewport_size(desktop)
    found[name] = problems


def test_every_page_passes_axe_and_fits_a_phone_for_each_role_in_chromium(
    server: Server, assigned_bundle: str, tmp_path: Path
) -> None:
    url, bundle = server.url, f"{server.url}/bundles/{assigned_bundle}"
    found: dict[str, list[str]] = {}
    with _playwright() as playwright:
        from playwright.sync_api import expect

        shots = _screens(tmp_path)
        browser = _browser(playwright)
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        page.set_default_timeout(30_000)
        page.goto(url + "/login")
        _audit(page, "login", shots, found)
        page.fill("input[name=email]", EMAIL)
        page.fill("input[name=password]", "not the password")
        page.click("button[type=submit]")
        expect(page.locator("p.error")).to_be_visible()
        _audit(page, "login-refused", shots, found)

        _sign_in(page, url, EMAIL)
        _audit(page, "council-bundles", shots, found)
        page.goto(bundle)
        expect(page.locator("#outcome.ready[data-caveats]")).to_be_visible()  # a file was refused
        _audit(page, "council-bundle", shots, found)
        for path in ("figures", "figures?kind=budget_lines&sort=budget_gbp&order=desc", "check", "feedback"):
            page.goto(f"{bundle}/{path}")
            _audit(page, "council-" + path.replace("?", "-"), shots, found)
        page.goto(f"{bundle}/figures")
        page.locator("a.source", has_text=" p.").first.click()
        page.wait_for_function("() => document.getElementById('page-image').naturalWidth > 0")
        _audit(page, "council-source", shots, found)
        page.goto(url + "/bundles/no-such-bundle", wait_until="load")
        expect(page.locator("h1")).to_have_text("Not found")
        _audit(page, "council-not-found", shots, found)

        for who, paths in (
            (
                REVIEWER_EMAIL,
                [
                    "/bundles",
                    f"/bundles/{assigned_bundle}",
                    f"/bundles/{assigned_bundle}/check",
                    f"/bundles/{assigned_bundle}/feedback",
                ],
            ),
            (
                LGA_EMAIL,
                [
                    "/bundles",
                    "/themes",
                    "/themes?by=region&sort=savings_gbp&order=desc",
                    "/search?q=foster&sort=amount_gbp&order=desc",
                    "/admin/assignments",
                    "/glossary",
                ],
            ),
        ):
            other = browser.new_page(viewport={"width": 1280, "height": 900})
            _sign_in(other, url, who)
            for path in paths:
                other.goto(url + path)
                _audit(other, who.split("@")[0] + path.replace("/", "-").replace("?", "-"), shots, found)
            other.close()
        browser.close()
    failed = [f"{name}: {problem}" for name, problems in found.items() for problem in problems]
    assert failed == [], "\n".join(failed)
    assert len(found) == 20


def test_a_reviewer_follows_a_bundle_to_its_new_version_from_the_old_ones_link_in_chromium(
    server: Server, example_bundle: Path, tmp_path: Path
) -> None:
    files = sorted(p for p in example_bundle.iterdir() if p.is_file() and p.suffix == ".pdf")[:1]
    old = _upload_by_api(server, EMAIL, files)
    body = json.dumps({"bundle_id": old, "reviewer_email": REVIEWER_EMAIL}).encode()
    _api(server, LGA_EMAIL, "/api/assignments", body, {"Content-Type": "application/json"})
    with _playwright() as playwright:
        from playwright.sync_api import expect

        browser = _browser(playwright)
        council = browser.new_page(viewport={"width": 1280, "height": 900})
        council.set_default_timeout(30_000)
        _sign_in(council, server.url, EMAIL)
        council.goto(f"{server.url}/bundles/{old}")
        council.click("text=Start a new version")
        council.wait_for_url(lambda u: "/bundles/" in u and old not in u)
        new = council.url.rsplit("/", 1)[1]

        page = browser.new_page(viewport={"width": 1280, "height": 900})
        page.set_default_timeout(30_000)
        _sign_in(page, server.url, REVIEWER_EMAIL)
        expect(page.locator("p.notice", has_text="A new version of a bundle you review")).to_be_visible()
        page.goto(f"{server.url}/bundles/{old}")
        page.click("text=open it")
        expect(page).to_have_url(f"{server.url}/bundles/{new}")
        expect(page.locator("h1")).not_to_have_text("Not found")
        expect(page.locator("p.notice", has_text="this new version replaces")).to_be_visible()
        page.screenshot(path=str(_screens(tmp_path) / "13-reviewer-new-version.png"), full_page=True)
        browser.close()


def test_the_skip_link_comes_first_and_enter_or_space_on_the_drop_zone_asks_the_file_input_to_choose_in_chromium(
    server: Server,
) -> None:
    with _playwright() as playwright:
        from playwright.sync_api import expect

        browser = _browser(playwright)
        page = browser.new_page(viewport=PHONE)
        page.set_default_timeout(30_000)
        _sign_in(page, server.url, EMAIL)
        page.keyboard.press("Tab")
        expect(page.locator(":focus")).to_have_text("Skip to the content")
        page.keyboard.press("Enter")
        expect(page.locator("main")).to_be_focused()
        for key in ("Enter", " "):
            page.goto(server.url + "/bundles", wait_until="load")  # a page with no chooser open yet
            page.focus("#dropzone")
            expect(page.locator("#dropzone")).to_be_focused()
            # The key must reach the file input as a click, which is what opens the browser's
            # chooser. Counted by a listener rather than by waiting for the chooser: headless
            # Chromium opens it from a synthetic key only some of the time (microsoft/playwright#28023).
            page.evaluate(
                "() => { window.asked = 0; document.getElementById('files')"
                ".addEventListener('click', () => { window.asked += 1; }); }"
            )
            page.keyboard.press(key)
            page.wait_for_function("() => window.asked === 1")
            assert page.evaluate("() => document.getElementById('files').multiple")
        browser.close()


def test_the_accessibility_check_finds_a_rule_broken_on_purpose_in_chromium(server: Server) -> None:
    """The checker itself: an image without a text alternative put into the login page fails it."""
    with _playwright() as playwright:
        browser = _browser(playwright)
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        page.goto(server.url + "/login")
        assert axe_violations(page) == []
        page.evaluate("() => document.querySelector('main').append(document.createElement('img'))")
        assert [v.split(" ")[0] for v in axe_violations(page)] == ["image-alt"]
        page.set_viewport_size(PHONE)
        assert overflow_px(page) == 0
        page.evaluate("() => { document.querySelector('main').style.minWidth = '800px'; }")
        assert overflow_px(page) > 0
        browser.close()
