"""A stage's version follows its code: a release that changes a stage's package, or one upstream
of it, stores that stage's results afresh (results are keyed by stage version)."""

from __future__ import annotations

from pathlib import Path

import pytest

from workers.pipeline import PIPELINE, code_version


@pytest.fixture
def packages(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    for name in ("upstream_pkg", "stage_pkg"):
        (tmp_path / name / "data").mkdir(parents=True)
        (tmp_path / name / "__init__.py").write_text(f'"""{name}"""\n')
        (tmp_path / name / "data" / "table.csv").write_text("a,b\n1,2\n")
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
