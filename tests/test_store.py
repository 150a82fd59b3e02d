"""The store keeps every file unchanged and one result per (key, stage, version)."""

from __future__ import annotations

from pathlib import Path

import pytest
import sqlalchemy as sa

from ingest.bundle import IncomingFile
from ingest.errors import NotFound
from ingest.records import DocError
from workers.blobs import sha256_of
from workers.settings import load_settings
from workers.store import Store


def sqlite_store(tmp_path: Path) -> Store:
    return Store.open(load_settings({"REVIEWPACK_HOME": str(tmp_path)}))


def postgres_store(url: str) -> Store:
    return Store.open(load_settings({"DATABASE_URL": url, "REVIEWPACK_HOME": "/nonexistent"}))


def check_store(store: Store) -> None:
    refusal = DocError(code="corrupt_file", message="b/c.xlsx: not a readable zip")
    files = [
        IncomingFile("a.pdf", b"%PDF-1.4 one"),
        IncomingFile("b/c.xlsx", b"PK two", refusal),
        IncomingFile("copy.pdf", b"%PDF-1.4 one"),
    ]
    bundle_id = store.create_bundle("test", files, council="886")
    rows = store.files(bundle_id)
    assert [r.name for r in rows] == ["a.pdf", "b/c.xlsx", "copy.pdf"]
    assert rows[0].sha256 == rows[2].sha256 == sha256_of(b"%PDF-1.4 one")
    assert store.blobs.get(rows[1].sha256) == b"PK two"
    assert rows[1].refusal == refusal and rows[0].refusal is None
    assert store.bundle(bundle_id).council_override == "886"
    # Redelivery stores the same result again: still one row, the newer payload.
    store.save_result(rows[0].sha256, "extract", 1, '{"n": 1}')
    store.save_result(rows[0].sha256, "extract", 1, '{"n": 2}')
    assert store.count_results(rows[0].sha256, "extract") == 1
    assert store.load_result(rows[0].sha256, "extract", 1) == '{"n": 2}'
    # Only one caller wins a claim.
    assert store.claim(bundle_id, -1, "analyse", "pending", "queued")
    assert not store.claim(bundle_id, -1, "analyse", "pending", "queued")
    with pytest.raises(NotFound):
        store.load_result("nope", "extract", 1)


def test_sqlite_store_keeps_files_and_one_result_per_key(tmp_path: Path) -> None:
    check_store(sqlite_store(tmp_path))


@pytest.mark.services
def test_postgres_store_keeps_files_in_the_database_and_one_result_per_key(postgres_url: str) -> None:
    store = postgres_store(postgres_url)
    assert type(store.blobs).__name__ == "DatabaseBlobStore"
    check_store(store)


def check_serving(store: Store) -> None:
    """A store serving one rebuild of a bundle writes to it only until a newer one is asked for."""
    bundle_id = store.create_bundle("test", [], council=None)
    other = store.create_bundle("other", [], council=None)
    first = store.serving(bundle_id, store.request_rebuild(bundle_id))
    assert first.save_result(bundle_id, "analyse", 1, "first")
    second = store.serving(bundle_id, store.request_rebuild(bundle_id))
    assert not first.save_result(bundle_id, "analyse", 1, "first, again")
    assert not first.claim(bundle_id, -1, "analyse", "pending", "queued")
    first.set_state(bundle_id, -1, "analyse", "failed")
    assert [r.state for r in store.runs(bundle_id) if r.stage == "analyse"] == ["pending"]
    assert store.load_result(bundle_id, "analyse", 1) == "first"
    assert second.save_result(bundle_id, "analyse", 1, "second")
    assert second.claim(bundle_id, -1, "analyse", "pending", "queued")
    assert store.load_result(bundle_id, "analyse", 1) == "second"
    assert first.save_result(other, "analyse", 1, "another bundle's")  # not the rebuild's to stop


def test_sqlite_store_serving_an_older_rebuild_writes_nothing_over_a_newer_one(tmp_path: Path) -> None:
    check_serving(sqlite_store(tmp_path))


@pytest.mark.services
def test_postgres_store_serving_an_older_rebuild_writes_nothing_over_a_newer_one(postgres_url: str) -> None:
    check_serving(postgres_store(postgres_url))


def test_sqlite_commits_go_to_its_log_without_waiting_for_the_disk(tmp_path: Path) -> None:
    with sqlite_store(tmp_path).engine.connect() as conn:
        assert conn.execute(sa.text("PRAGMA journal_mode")).scalar() == "wal"
        assert conn.execute(sa.text("PRAGMA synchronous")).scalar() == 1  # NORMAL, not FULL (2)
