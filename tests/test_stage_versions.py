"""A stage's version follows its code: a release that changes a stage's package, the workers glue
its run calls to make what it stores, or either upstream of it, stores that stage's results afresh
(results are keyed by stage version)."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from types import FrameType
from typing import Any

import pytest

from tests.pipeline_helpers import run_bundle_embedded
from workers import stages
from workers.pipeline import MECHANISM, PIPELINE, _pipeline, code_version


@pytest.fixture
def packages(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    for name in ("upstream_pkg", "stage_pkg"):
        (tmp_path / name / "data").mkdir(parents=True)
        (tmp_path / name / "__init__.py").write_text(f'"""{name}"""\n')
        (tmp_path / name / "data" / "table.csv").write_text("a,b\n1,2\n")
    (tmp_path / "glue_pkg").mkdir()
    for name in ("__init__", "calls", "other"):
        (tmp_path / "glue_pkg" / f"{name}.py").write_text(f'"""{name}"""\n')
    monkeypatch.syspath_prepend(str(tmp_path))
    return tmp_path


def test_a_stage_version_changes_with_its_code_its_data_and_the_code_upstream_of_it(packages: Path) -> None:
    before = code_version("upstream_pkg", "stage_pkg")
    assert code_version("upstream_pkg", "stage_pkg") == before
    (packages / "stage_pkg" / "__init__.py").write_text('"""changed"""\n')
    after_code = code_version("upstream_pkg", "stage_pkg")
    (packages / "stage_pkg" / "data" / "table.csv").write_text("a,b\n1,3\n")
    after_data = code_version("upstream_pkg", "stage_pkg")
    (packages / "upstream_pkg" / "__init__.py").write_text('"""changed"""\n')
    after_upstream = code_version("upstream_pkg", "stage_pkg")
    assert len({before, after_code, after_data, after_upstream}) == 4
    assert 0 <= after_upstream < 2**31  # fits the results table's version column


def test_compiled_and_hidden_files_leave_a_stage_version_as_it_was(packages: Path) -> None:
    before = code_version("stage_pkg")
    (packages / "stage_pkg" / "__pycache__").mkdir()
    (packages / "stage_pkg" / "__pycache__" / "__init__.cpython-311.pyc").write_bytes(b"\0compiled")
    (packages / "stage_pkg" / ".__init__.py.swp").write_bytes(b"editor")
    assert code_version("stage_pkg") == before


def test_each_stage_of_the_pipeline_has_its_own_version() -> None:
    assert len({s.version for s in PIPELINE}) == len(PIPELINE)


def test_a_stage_version_changes_with_its_glue_module_and_not_with_the_modules_beside_it(
    packages: Path,
) -> None:
    def versions() -> list[int]:
        return [
            s.version
            for s in _pipeline(("upstream_pkg", True, ()), ("stage_pkg", False, ("glue_pkg.calls",)))
        ]

    before = versions()
    (packages / "glue_pkg" / "other.py").write_text('"""changed"""\n')
    assert versions() == before
    (packages / "glue_pkg" / "calls.py").write_text('"""changed"""\n')
    after = versions()
    assert after[0] == before[0] and after[1] != before[1]


@pytest.mark.slow
def test_every_workers_module_a_stages_run_calls_is_in_its_version_or_only_stores_records(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each stage's run on a real bundle, its calls traced: a workers module whose code it ran is
    its glue (in its version) or mechanism that only finds, moves and stores records."""
    called: dict[str, set[str]] = {}

    def traced(name: str, run: Callable[..., stages.Outcome]) -> Callable[..., stages.Outcome]:
        def run_traced(*args: Any) -> stages.Outcome:
            seen = called.setdefault(name, set())

            def profile(frame: FrameType, event: str, arg: object) -> None:
                if event == "call" and (module := frame.f_globals.get("__name__", "")).startswith("workers."):
                    seen.add(module)

            sys.setprofile(profile)
            try:
                return run(*args)
            finally:
                sys.setprofile(None)

        return run_traced

    for name, run in list(stages.RUNNERS.items()):
        monkeypatch.setitem(stages.RUNNERS, name, traced(name, run))
    sheet = tmp_path / "budget.csv"
    sheet.write_text("Service,Budget 2025/26 (£000)\nChildren's social care,1200\nAdult social care,3400\n")
    run_bundle_embedded([sheet], tmp_path / "home", processes=1)  # the stages run in this process
    assert set(called) == {s.name for s in PIPELINE}
    outside = {s.name: called[s.name] - {*s.glue, *MECHANISM} for s in PIPELINE}
    assert outside == {s.name: set() for s in PIPELINE}
    assert {"workers.corrections", "workers.findings", "workers.stage_calls"} <= called["analyse"]
