"""Start-up stays small: the commands that only look at the store, and a worker's boot, do not
load spaCy, SciPy, pandas or WeasyPrint (seconds and hundreds of MB); the stages that use them do.
The analyse stage uses spaCy only: its benchmark table and drivers model need neither pandas,
pyarrow nor SciPy."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
HEAVY = ("spacy", "scipy", "pandas", "pyarrow", "weasyprint")

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


def test_embedded_mode_hands_every_stage_to_its_processes_without_loading_one(
    example_bundle: Path, tmp_path: Path
) -> None:
    # `reviewpack run` with two stage processes: the stages (spaCy, pandas, WeasyPrint) run in the
    # pool's processes; the process handing them on loads none, so its CPU stays free for them.
    pdf = sorted(example_bundle.glob("*.pdf"))[0]
    args = ["run", str(pdf), "--out", str(tmp_path / "out")]
    code = "import os\nos.environ['REVIEWPACK_PROCESSES'] = '2'\n" + CLI.replace("ARGS", repr(args))
    assert heavy_modules_loaded(code, tmp_path) == []
    assert (tmp_path / "out" / "pack.pdf").is_file()


ANALYSE = """
import json
from extract.records import Extraction
from workers.stage_calls import review_json
review = json.loads(review_json(Extraction().model_dump_json(), None, "886", []))
assert review["benchmarks"] and review["drivers"]["n"] and review["drivers"]["interval_low"]
"""


def test_the_analyse_stage_benchmarks_a_council_and_fits_its_drivers_without_pandas_or_scipy(
    tmp_path: Path,
) -> None:
    assert heavy_modules_loaded(ANALYSE, tmp_path) == ["spacy"]  # its wording rules; nothing else


def test_the_probe_sees_a_heavy_module_when_a_stage_is_imported(tmp_path: Path) -> None:
    # The check above can fail: importing the pack's renderer loads WeasyPrint.
    assert heavy_modules_loaded("import render.pack", tmp_path) == ["weasyprint"]
