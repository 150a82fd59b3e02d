"""The command line as a user runs it."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.contract import check_extraction
from tests.ingest_samples import text_pdf

ROOT = Path(__file__).resolve().parents[1]
REVIEWPACK = str(Path(sys.executable).with_name("reviewpack"))


def run(
    *args: str, cwd: Path = ROOT, columns: str | None = None, home: Path | None = None, stdin: str = ""
) -> subprocess.CompletedProcess[str]:
    """The command as a user runs it; `columns` sets the terminal width rich wraps at, `home` the
    embedded store (REVIEWPACK_HOME)."""
    env = {k: v for k, v in os.environ.items() if k not in {"COLUMNS", "REDIS_URL", "DATABASE_URL"}}
    if columns is not None:
        env["COLUMNS"] = columns
    if home is not None:
        env["REVIEWPACK_HOME"] = str(home)
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


def test_status_and_fetch_of_an_unknown_bundle_say_so_and_exit_3(tmp_path: Path) -> None:
    for command in ("status", "fetch"):
        result = run(command, "0123456789abcdef", home=tmp_path)
        assert result.returncode == 3, (command, result.stdout, result.stderr)
        assert "no bundle 0123456789abcdef" in result.stderr


def test_run_where_every_file_is_refused_says_nothing_could_be_read_and_fails(tmp_path: Path) -> None:
    bundle = tmp_path / "bundle"
    bundle.mkdir()
    (bundle / "empty.pdf").write_bytes(b"")
    (bundle / "cut.pdf").write_bytes(b"%PDF-1.7\n1 0 obj\n<< /Type /Catalog")
    out = tmp_path / "out"
    result = run("run", str(bundle), "--out", str(out), home=tmp_path / "home", columns="60")
    assert result.returncode == 1, result.stderr
    lines = result.stderr.splitlines()
    assert "Nothing could be read: both files were refused, so no pack was made." in lines
    assert "files read: 0 of 2" in lines and "files refused: 2" in lines
    assert "pages unread: 0" in lines and "rows contradicted by their table's arithmetic: 0" in lines
    assert any(line.startswith("  empty.pdf: the file is empty") for line in lines), lines
    assert "corrupt_file" not in result.stderr  # reasons in words, not codes
    assert sorted(p.name for p in out.iterdir()) == ["extraction.json"]


def test_extract_ends_with_a_summary_of_what_was_read(example_bundle: Path, tmp_path: Path) -> None:
    good = sorted(str(p) for p in example_bundle.iterdir() if p.suffix == ".xlsx")[:1]
    (tmp_path / "empty.pdf").write_bytes(b"")
    result = run("extract", *good, str(tmp_path / "empty.pdf"), "--json", str(tmp_path / "x.json"))
    assert result.returncode == 0, result.stderr
    lines = result.stderr.splitlines()
    assert "files read: 1 of 2" in lines and "files refused: 1" in lines and "pages unread: 0" in lines
    assert "rows contradicted by their table's arithmetic: 0" in lines
    alone = run("extract", str(tmp_path / "empty.pdf"), "--json", str(tmp_path / "y.json"))
    assert alone.returncode == 1 and "Nothing could be read: the file was refused." in alone.stderr


@pytest.mark.parametrize(
    ("council", "says"),
    [("Kentt", "did you mean Kent County Council (886)"), ("9999", "not a council in the DfE list")],
)
def test_run_refuses_a_council_not_in_the_dfe_list(tmp_path: Path, council: str, says: str) -> None:
    result = run("run", str(tmp_path), "--council", council, home=tmp_path / "home", columns="60")
    assert result.returncode == 1
    assert says in " ".join(result.stderr.split())


def test_users_are_added_by_council_name_listed_reset_and_removed(tmp_path: Path) -> None:
    home = tmp_path / "home"
    added = run(
        "users",
        "add",
        "a@kent.gov.uk",
        "--role",
        "council",
        "--council",
        "kent",
        "--password",
        "long enough",
        home=home,
    )
    assert added.returncode == 0, added.stderr
    refused = run(
        "users",
        "add",
        "b@kent.gov.uk",
        "--role",
        "council",
        "--council",
        "Kentt",
        "--password",
        "long enough",
        home=home,
    )
    assert refused.returncode == 1 and "Kent County Council (886)" in " ".join(refused.stderr.split())
    listed = run("users", "list", home=home, columns="200")
    assert listed.returncode == 0 and "a@kent.gov.uk" in listed.stdout
    assert "Kent County Council (886)" in listed.stdout and "b@kent.gov.uk" not in listed.stdout
    reset = run("users", "reset-password", "a@kent.gov.uk", "--password", "another long one", home=home)
    assert reset.returncode == 0 and reset.stdout.strip().startswith("rp_")
    assert (
        run("users", "reset-password", "nobody@kent.gov.uk", "--password", "x" * 10, home=home).returncode
        == 3
    )
    assert run("users", "remove", "a@kent.gov.uk", home=home, stdin="n\n").returncode == 1  # not confirmed
    removed = run("users", "remove", "a@kent.gov.uk", "--yes", home=home)
    assert removed.returncode == 0 and "removed a@kent.gov.uk" in removed.stderr
    assert "a@kent.gov.uk" not in run("users", "list", home=home, columns="200").stdout
    assert run("users", "remove", "a@kent.gov.uk", "--yes", home=home).returncode == 3


def test_distributed_commands_say_what_they_need_without_redis_and_postgres(tmp_path: Path) -> None:
    result = subprocess.run(
        [REVIEWPACK, "submit", str(tmp_path)],
        capture_output=True,
        text=True,
        env={"PATH": "/usr/bin:/bin", "REVIEWPACK_HOME": str(tmp_path)},
    )
    assert result.returncode == 2
    assert "REDIS_URL" in result.stderr and "DATABASE_URL" in result.stderr


def test_bench_prints_speed_and_memory_figures(tmp_path: Path) -> None:
    # the command's wiring, on one small paper laid out as the shared corpus is (tests/test_bench.py
    # checks every figure; `reviewpack bench` itself is run on the Kent papers)
    papers = tmp_path / "shared" / "corpus" / "council-finance" / "kent-cc-2025"
    papers.mkdir(parents=True)
    lines = ["Children's services budget monitoring", "Placements budget £42,150 forecast £45,870"]
    (papers / "monitoring.pdf").write_bytes(text_pdf(lines, pages=3))
    result = run("bench", "--shared", str(tmp_path / "shared"))
    assert result.returncode == 0, result.stderr
    for needle in (
        "reviewpack --help",
        "worker boot",
        "pages/CPU-s  reviewpack/pdfplumber text =",
        "through every output (`reviewpack run`",
        "Peak RSS per stage",
        "not measured: give --redis-url and --database-url",
    ):
        assert needle in result.stdout, result.stdout
    assert "exit 0; wrote data.xlsx, extraction.json, pack.pdf, pack.pptx, review.json" in result.stdout


def test_a_command_closes_the_database_on_its_way_out(tmp_path: Path) -> None:
    # The exit skips the collection of what the command made (workers.cli.main); the store's
    # connections are still closed, so SQLite folds its write-ahead log back into the database.
    assert run("status", "0" * 32, home=tmp_path).returncode == 3
    assert (tmp_path / "reviewpack.db").is_file()
    assert not (tmp_path / "reviewpack.db-wal").exists()
