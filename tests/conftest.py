"""Shared fixtures. Tests that need ../shared or the real services fail in CI instead of skipping."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("REVIEWPACK_SHARED", ROOT.parent / "shared"))
IN_CI = os.environ.get("CI", "").lower() in {"1", "true", "yes"}


def need(condition: bool, why: str) -> None:
    """Skip locally when a prerequisite is missing; fail in CI, where it must be there."""
    if condition:
        return
    if IN_CI:
        pytest.fail(f"required in CI: {why}")
    pytest.skip(why)


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    need(SHARED.is_dir(), f"../shared not found at {SHARED}")
    return SHARED


@pytest.fixture(scope="session")
def kent_dir(shared_dir: Path) -> Path:
    path = shared_dir / "corpus" / "council-finance" / "kent-cc-2025"
    need(path.is_dir(), f"Kent corpus not found at {path}")
    return path


@pytest.fixture(scope="session")
def icdar_dir(shared_dir: Path) -> Path:
    path = shared_dir / "corpus" / "table-groundtruth" / "icdar2013-eu"
    need(path.is_dir(), f"ICDAR set not found at {path}")
    return path


@pytest.fixture(scope="session")
def benchmarks_dir(shared_dir: Path) -> Path:
    path = shared_dir / "benchmarks"
    need(path.is_dir(), f"benchmarks not found at {path}")
    return path


@pytest.fixture(scope="session")
def example_bundle(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The fictional council's bundle, generated afresh by examples/generate.py."""
    from examples.generate import generate_bundle

    out = tmp_path_factory.mktemp("example-bundle")
    generate_bundle(out)
    return out


POSTGRES = os.environ.get("REVIEWPACK_TEST_POSTGRES", "postgresql+psycopg://postgres@127.0.0.1:5432/test")
REDIS = os.environ.get("REVIEWPACK_TEST_REDIS", "redis://127.0.0.1:6379/15")


@pytest.fixture
def postgres_url() -> object:
    """A PostgreSQL URL whose search_path is a fresh schema, dropped afterwards."""
    import uuid

    import sqlalchemy as sa

    try:
        admin = sa.create_engine(POSTGRES)
        with admin.connect() as conn:
            conn.execute(sa.text("SELECT 1"))
    except Exception as exc:  # noqa: BLE001 - any failure to connect means "not available"
        need(False, f"PostgreSQL not reachable at {POSTGRES}: {exc}")
    schema = f"rp_{uuid.uuid4().hex[:12]}"
    with admin.begin() as conn:
        conn.execute(sa.text(f"CREATE SCHEMA {schema}"))
    yield f"{POSTGRES}?options=-csearch_path%3D{schema}"
    with admin.begin() as conn:
        conn.execute(sa.text(f"DROP SCHEMA {schema} CASCADE"))
    admin.dispose()


@pytest.fixture
def redis_url() -> object:
    """A Redis URL on a database emptied before and after the test."""
    import redis

    client = redis.Redis.from_url(REDIS)
    try:
        client.ping()
    except Exception as exc:  # noqa: BLE001
        need(False, f"Redis not reachable at {REDIS}: {exc}")
    client.flushdb()
    yield REDIS
    client.flushdb()
    client.close()


@pytest.fixture(scope="session")
def northmoor_bundle(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    """Northmoor's three documents (tests/northmoor: written by an independent tester), made afresh."""
    from tests.northmoor import make_bundle

    return make_bundle(tmp_path_factory.mktemp("northmoor"))


@pytest.fixture(scope="session")
def northmoor(northmoor_bundle: list[Path]) -> tuple[object, object]:
    """Northmoor's extraction and review, (Review, Extraction): read and analysed once a session."""
    from analyse.benchmarks import load_benchmark_table
    from analyse.review import build_review
    from extract.document import extract_file
    from extract.records import Extraction

    extraction = Extraction.combine([extract_file(p.name, p.read_bytes()) for p in northmoor_bundle])
    return build_review(extraction, load_benchmark_table(), None), extraction


@pytest.fixture(scope="session")
def hallam_bundle(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    """Hallam Valley's three documents (tests/hallam: written by an independent tester), made afresh."""
    from tests.hallam import make_bundle

    return make_bundle(tmp_path_factory.mktemp("hallam"))


@pytest.fixture(scope="session")
def hallam(hallam_bundle: list[Path]) -> tuple[object, object]:
    """Hallam Valley's extraction and review, (Review, Extraction): read and analysed once a session."""
    from analyse.benchmarks import load_benchmark_table
    from analyse.review import build_review
    from extract.document import extract_file
    from extract.records import Extraction

    extraction = Extraction.combine([extract_file(p.name, p.read_bytes()) for p in hallam_bundle])
    return build_review(extraction, load_benchmark_table(), None), extraction


def tester_review(name: str, out: Path) -> tuple[object, object]:
    """An independent tester's bundle (tests/<name>: written by someone who never read the code),
    made into `out`, read and analysed: (Review, Extraction)."""
    from importlib import import_module

    from analyse.benchmarks import load_benchmark_table
    from analyse.review import build_review
    from extract.document import extract_file
    from extract.records import Extraction

    paths = import_module(f"tests.{name}").make_bundle(out)
    extraction = Extraction.combine([extract_file(p.name, p.read_bytes()) for p in paths])
    return build_review(extraction, load_benchmark_table(), None), extraction


@pytest.fixture(scope="session")
def ashdown(tmp_path_factory: pytest.TempPathFactory) -> tuple[object, object]:
    """Ashdown Vale (tests/ashdown), made, read and analysed once a session."""
    return tester_review("ashdown", tmp_path_factory.mktemp("ashdown"))


@pytest.fixture(scope="session")
def severnbrook(tmp_path_factory: pytest.TempPathFactory) -> tuple[object, object]:
    """Severnbrook (tests/severnbrook), made, read and analysed once a session."""
    return tester_review("severnbrook", tmp_path_factory.mktemp("severnbrook"))


@pytest.fixture(scope="session")
def fernleigh(tmp_path_factory: pytest.TempPathFactory) -> tuple[object, object]:
    """Fernleigh (tests/fernleigh), made, read and analysed once a session."""
    return tester_review("fernleigh", tmp_path_factory.mktemp("fernleigh"))


@pytest.fixture(scope="session")
def marlowe(tmp_path_factory: pytest.TempPathFactory) -> tuple[object, object]:
    """Marlowe (tests/marlowe), made, read and analysed once a session."""
    return tester_review("marlowe", tmp_path_factory.mktemp("marlowe"))
