"""Helpers for the web tests: a site on a temporary store with four kinds of user, and fake
stage runners that write small results, so the web layer is tested apart from the real stages."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import dramatiq
from dramatiq.brokers.stub import StubBroker
from fastapi.testclient import TestClient

from analyse.records import Council, Review, SavingsSummary, Theme
from workers.actors import build_actors
from workers.pipeline import stage
from workers.settings import load_settings
from workers.stages import DONE, Context, Outcome
from workers.store import Store
from workers.web.app import create_app
from workers.web.config import WebConfig
from workers.web.users import User, create_user, issue_token

PASSWORD = "correct horse battery"


@dataclass
class Site:
    client: TestClient
    store: Store
    broker: dramatiq.Broker
    users: dict[str, User]
    tokens: dict[str, str]

    def auth(self, who: str) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.tokens[who]}"}


def make_site(home: Path, upload_limit: int = 50 * 1024 * 1024, **config: Any) -> Site:
    """The site; `config` sets WebConfig's other fields (public_docs=True, ...)."""
    settings = load_settings({"REVIEWPACK_HOME": str(home)})
    store = Store.open(settings)
    broker = StubBroker()
    broker.emit_after("process_boot")
    build_actors(broker, Context(store))
    app = create_app(settings, store, broker, WebConfig("test-secret-" + "x" * 32, upload_limit, **config))
    people = {
        "kent": ("officer@kent.gov.uk", "council", "886"),
        "surrey": ("officer@surrey.gov.uk", "council", "936"),
        "reviewer": ("reviewer@lga.gov.uk", "reviewer", None),
        "lga": ("analyst@lga.gov.uk", "lga", None),
    }
    users, tokens = {}, {}
    for key, (email, role, council) in people.items():
        users[key] = create_user(store.engine, email=email, password=PASSWORD, role=role, council=council)
        tokens[key] = issue_token(store.engine, users[key].id)
    return Site(TestClient(app), store, broker, users, tokens)


def upload(site: Site, who: str, files: dict[str, bytes], **form: str) -> str:
    parts = [("files", (name, data, "application/octet-stream")) for name, data in files.items()]
    response = site.client.post("/api/bundles", files=parts, data=form, headers=site.auth(who))
    assert response.status_code == 202, response.text
    return str(response.json()["id"])


def log_in(client: TestClient, email: str, password: str = PASSWORD) -> str:
    """Sign in through the login form; returns the session's CSRF token."""
    token = csrf_from(client.get("/login").text)
    response = client.post(
        "/login", data={"email": email, "password": password, "csrf_token": token}, follow_redirects=False
    )
    assert response.status_code == 303, response.text
    return csrf_from(client.get("/bundles").text)


def csrf_from(html: str) -> str:
    match = re.search(r'name="csrf_token" value="([^"]+)"', html)
    assert match, "no CSRF token in the page"
    return match.group(1)


def review(name: str, code: str, region: str, la_type: str, period: str, themes: list[Theme]) -> Review:
    return Review(
        council=Council(name=name, la_code=code, region=region, la_type=la_type),
        savings_summary=SavingsSummary(period=period),
        themes=themes,
    )


def store_review(
    store: Store, bundle_id: str, record: Review, extraction: dict[str, object] | None = None
) -> None:
    """A review as the analyse stage stores it, written straight into the store."""
    version = stage("analyse").version
    store.save_result(bundle_id, "analyse", version, record.model_dump_json())
    if extraction is not None:
        store.save_result(bundle_id, "analyse.extraction", version, json.dumps(extraction))


FAKE_OUTPUTS = {
    "pack.pdf": b"%PDF-1.7 fake pack",
    "pack.pptx": b"PK fake deck",
    "data.xlsx": b"PK fake data",
    "extraction.json": b"{}",
    "review.json": b"{}",
}


def fake_runners() -> dict[str, object]:
    """Stage runners that refuse files named bad*, and render fixed bytes."""

    def ingest(ctx: Context, bundle_id: str, position: int) -> Outcome:
        name = ctx.store.file(bundle_id, position).name
        return Outcome("failed", "corrupt_file", f"{name} is damaged") if name.startswith("bad") else DONE

    def analyse(ctx: Context, bundle_id: str, position: int) -> Outcome:
        record = review("Kent County Council", "886", "South East", "SC", "2024-25", [])
        store_review(ctx.store, bundle_id, record, {"savings": [], "pressures": []})
        return DONE

    def render(ctx: Context, bundle_id: str, position: int) -> Outcome:
        manifest = {name: ctx.store.blobs.put(data) for name, data in FAKE_OUTPUTS.items()}
        ctx.store.save_result(bundle_id, "render", stage("render").version, json.dumps(manifest))
        return DONE

    return {"ingest": ingest, "extract": lambda ctx, b, p: DONE, "analyse": analyse, "render": render}
