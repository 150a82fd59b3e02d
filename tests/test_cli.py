"""The command line as a user runs it."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.contract import check_extraction

ROOT = Path(__file__).resolve().parents[1]
REVIEWPACK = str(Path(sys.executable).with_name("reviewpack"))


def run(*args: str, cwd: Path = ROOT, columns: str | None = None) -> subprocess.CompletedProcess[str]:
    """The command as a user runs it; `columns` sets the terminal width rich wraps at."""
    env = {k: v for k, v in os.environ.items() if k != "COLUMNS"}
    if columns is not None:
        env["COLUMNS"] = columns
    return subprocess.run([REVIEWPACK, *args], capture_output=True, text=True, cwd=cwd, timeout=600, env=env)


def test_extract_writes_the_extraction_contract_for_single_files(
    example_bundle: Path, tmp_path: Path
) -> None:
    files = sorted(str(p) for p in example_bundle.iterdir() if p.suffix in {".pdf", ".xlsx"})
    result = run("extract", *files, "--json", str(tmp_path / "x.json"))
    assert result.returncode == 0, result.stderr
    data = json.loads((tmp_path / "x.json").read_text())
    check_extraction(data)
    assert {d["file"] for d in data["documents"]} == {Path(f).name for f in files}
    assert data["savings"] and data["budget_lines"]


@pytest.mark.parametrize("columns", [None, "40", "200"])
def test_run_refuses_a_path_that_does_not_exist_with_a_clear_message(
    tmp_path: Path, columns: str | None
) -> None:
    missing = tmp_path / ("a-long-folder-name-that-would-wrap-in-a-narrow-terminal-" * 2) / "nowhere"
    result = run("run", str(missing), "--out", str(tmp_path / "out"), columns=columns)
    assert result.returncode == 2
    # The whole path on one line, whatever the terminal's width, so it can be copied.
    assert f"{missing}: does not exist" in result.stderr.splitlines()[0]


def test_extract_refuses_a_folder_where_it_wants_files(tmp_path: Path) -> None:
    result = run("extract", str(tmp_path), "--json", str(tmp_path / "x.json"))
    assert result.returncode == 2 and f"{tmp_path}: is a folder" in result.stderr


def test_distributed_commands_say_what_they_need_without_redis_and_postgres(tmp_path: Path) -> None:
    result = subprocess.run(
        [REVIEWPACK, "submit", str(tmp_path)],
        capture_output=True,
        text=True,
        env={"PATH": "/usr/bin:/bin", "REVIEWPACK_HOME": str(tmp_path)},
    )
    assert result.returncode == 2
    assert "REDIS_URL" in result.stderr and "DATABASE_URL" in result.stderr


@pytest.mark.slow
def test_bench_prints_speed_and_memory_figures(shared_dir: Path) -> None:
    result = run("bench", "--shared", str(shared_dir))
    assert result.returncode == 0, result.stderr
    for needle in ("pages/s", "peak resident memory", "-page pack in", "Analysis of the bundle"):
        assert needle in result.stdout, result.stdout
