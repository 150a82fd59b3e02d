"""The layering rule: stages import only upstream; nothing imports workers."""

from __future__ import annotations

import subprocess
import sys
import tomllib
from pathlib import Path
from typing import Any

import yaml

from workers.pipeline import PIPELINE, WORKER_GROUPS

ROOT = Path(__file__).resolve().parents[1]
WORKER_SERVICES = tuple(f"worker-{group}" for group in WORKER_GROUPS)


def test_stages_import_only_upstream_and_nothing_imports_workers() -> None:
    lint = Path(sys.executable).with_name("lint-imports")
    result = subprocess.run([str(lint)], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "2 kept, 0 broken" in result.stdout


def test_render_may_import_only_the_records_of_analyse() -> None:
    """The forbidden-import contract names every analyse module but records (a new one must be added)."""
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    (contract,) = [c for c in config["tool"]["importlinter"]["contracts"] if c["type"] == "forbidden"]
    assert contract["source_modules"] == ["render"]
    modules = {f"analyse.{p.stem}" for p in (ROOT / "analyse").glob("*.py") if p.stem != "__init__"}
    modules |= {f"analyse.{p.name}" for p in (ROOT / "analyse").iterdir() if (p / "__init__.py").exists()}
    assert set(contract["forbidden_modules"]) == modules - {"analyse.records"}


def test_docker_compose_file_is_valid_and_its_commands_exist() -> None:
    result = subprocess.run(
        ["docker-compose", "-f", str(ROOT / "docker-compose.yml"), "config"],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    assert result.returncode == 0, result.stderr
    config = yaml.safe_load(result.stdout)
    assert {"redis", "postgres", "web", *WORKER_SERVICES} <= set(config["services"])
    from typer.main import get_command

    from workers.cli import app

    commands = get_command(app).commands  # type: ignore[attr-defined]
    for name, service in config["services"].items():
        command = service.get("command") or []
        if command and command[0] == "reviewpack":
            assert command[1] in commands, f"{name} runs unknown command {command[1]}"
            assert service.get("build"), f"{name} runs reviewpack but builds no image"


def test_docker_compose_keeps_queued_messages_and_restarts_what_stops() -> None:
    config = yaml.safe_load((ROOT / "docker-compose.yml").read_text())
    services = config["services"]
    redis_command = services["redis"]["command"]
    assert redis_command[redis_command.index("--appendonly") + 1] == "yes"
    assert services["redis"]["volumes"], "the append-only file needs a volume to outlive the container"
    for name, service in services.items():
        assert service.get("restart") == "unless-stopped", name
    for name in ("redis", "postgres"):
        assert services[name]["healthcheck"]["test"], name
    for name in ("web", *WORKER_SERVICES):
        needs = services[name]["depends_on"]
        assert {k: v["condition"] for k, v in needs.items()} == {
            "redis": "service_healthy",
            "postgres": "service_healthy",
        }, name


def compose_workers() -> dict[str, dict[str, Any]]:
    """docker-compose.yml's services that run `reviewpack worker`, by name."""
    services = yaml.safe_load((ROOT / "docker-compose.yml").read_text())["services"]
    return {name: s for name, s in services.items() if s.get("command", [])[:2] == ["reviewpack", "worker"]}


def named_stages(command: list[str]) -> tuple[str, ...]:
    return tuple(command[i + 1] for i, arg in enumerate(command) if arg == "--stage")


def test_docker_compose_runs_a_worker_service_for_each_stage_group_with_its_stages() -> None:
    services = compose_workers()
    assert {name: named_stages(s["command"]) for name, s in services.items()} == {
        f"worker-{group}": stages for group, stages in WORKER_GROUPS.items()
    }
    for name, service in services.items():  # scaled with --scale: no fixed name or port
        assert "--processes" in service["command"], name
        assert not {"container_name", "ports"} & set(service), name


def test_docker_compose_s_worker_groups_take_every_stage_of_the_pipeline_once() -> None:
    taken = [stage for s in compose_workers().values() for stage in named_stages(s["command"])]
    assert sorted(taken) == sorted(s.name for s in PIPELINE)


def test_schema_migrations_match_the_declared_tables(tmp_path: Path) -> None:
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    from workers.db import make_engine, metadata, migrate

    engine = make_engine(f"sqlite:///{tmp_path / 'db.sqlite'}")
    migrate(engine)
    with engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), metadata)
    assert diff == []
