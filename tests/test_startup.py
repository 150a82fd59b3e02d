"""Start-up stays small: the commands that only look at the store, and a worker's boot, do not
load spaCy, SciPy, pandas or WeasyPrint (seconds and hundreds of MB); the stages that use them do."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
HEAVY = ("spacy", "scipy", "pandas", "weasyprint")

CLI = """
import sys
sys.argv = ["reviewpack", *ARGS]
from workers.cli import main
try:
    main()
except SystemExit:
    pass
"""


def heavy_modules_loaded(code: str, home: Path) -> list[str]:
    """The heavy modules in sys.modules after running `code` in a fresh interpreter."""
    probe = f"{code}\nimport json, sys\nprint(json.dumps([m for m in {HEAVY!r} if m in sys.modules]))"
    env = {k: v for k, v in os.environ.items() if k not in {"REDIS_URL", "DATABASE_URL"}}
    env |= {"REVIEWPACK_HOME": str(home), "PYTHONPATH": str(ROOT)}
    result = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, cwd=ROOT, env=env, timeout=120
    )
    assert result.returncode == 0, result.stderr
    return list(json.loads(result.stdout.strip().splitlines()[-1]))


@pytest.mark.parametrize("args", [["--help"], ["status", "no-such-bundle"], ["sweep", "--help"]])
def test_commands_that_read_the_store_load_no_heavy_module(args: list[str], tmp_path: Path) -> None:
    assert heavy_modules_loaded(CLI.replace("ARGS", repr(args)), tmp_path) == []


def test_a_worker_boots_without_loading_any_stage_library(tmp_path: Path) -> None:
    assert heavy_modules_loaded("import workers.worker_entry", tmp_path) == []


def test_the_probe_sees_a_heavy_module_when_a_stage_is_imported(tmp_path: Path) -> None:
    # The check above can fail: importing the pack's renderer loads WeasyPrint.
    assert heavy_modules_loaded("import render.pack", tmp_path) == ["weasyprint"]
