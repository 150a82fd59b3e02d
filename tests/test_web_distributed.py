"""The web application in distributed mode: PostgreSQL store, uploads queued on Redis for a
separate `reviewpack worker`, council isolation and the themes index on PostgreSQL."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from dramatiq.brokers.redis import RedisBroker
from fastapi.testclient import TestClient

from tests.pipeline_helpers import distributed_env, start_worker, stop_worker
from workers.settings import load_settings
from workers.web.app import create_app
from workers.web.users import create_user, issue_token

pytestmark = [pytest.mark.services, pytest.mark.slow]


def test_uploads_through_the_api_are_processed_by_a_separate_worker_on_redis_and_postgres(
    example_bundle: Path, redis_url: str, postgres_url: str, tmp_path: Path
) -> None:
    env = distributed_env(redis_url, postgres_url, tmp_path / "home")
    settings = load_settings(env)
    app = create_app(settings)
    store = app.state.web.store
    assert isinstance(app.state.web.broker, RedisBroker) and store.engine.dialect.name == "postgresql"
    tokens = {}
    for who, role, council in (("a", "council", "886"), ("b", "council", "936"), ("lga", "lga", None)):
        user = create_user(
            store.engine, email=f"{who}@example.gov.uk", password="long enough", role=role, council=council
        )
        tokens[who] = {"Authorization": f"Bearer {issue_token(store.engine, user.id)}"}
    client = TestClient(app)
    files = [
        ("files", (p.name, p.read_bytes(), "application/octet-stream"))
        for p in sorted(example_bundle.iterdir())
    ]
    created = client.post("/api/bundles", files=files, headers=tokens["a"])
    assert created.status_code == 202
    bundle_id = created.json()["id"]
    worker = start_worker(env, tmp_path / "worker.log")
    try:
        deadline = time.monotonic() + 300
        while not (status := client.get(f"/api/bundles/{bundle_id}", headers=tokens["a"]).json())["complete"]:
            assert time.monotonic() < deadline, status
            time.sleep(0.5)
    finally:
        stop_worker(worker)
    assert status["ready"], status
    pdf = client.get(f"/api/bundles/{bundle_id}/files/pack.pdf", headers=tokens["a"])
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    assert client.get(f"/api/bundles/{bundle_id}/files/pack.pdf", headers=tokens["b"]).status_code == 404
    assert client.get("/api/themes", headers=tokens["lga"]).json()["reviews"] == 1
    assert client.get("/api/themes", headers=tokens["b"]).json() == {"by": "theme", "reviews": 0, "rows": []}
    assert client.get("/api/search", params={"q": "foster"}, headers=tokens["lga"]).json()
