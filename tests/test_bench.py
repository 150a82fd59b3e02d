"""`reviewpack bench` prints every figure the speed issue asks for, in one run. Timings are printed
for a person to read, never asserted: they depend on the machine and what else it is doing."""

from __future__ import annotations

import re
from pathlib import Path

from tests.ingest_samples import text_pdf
from workers.bench import bench_report

FIGURES = (
    r"reviewpack +[\d.]+ pages/CPU-s",
    r"pdfplumber text +[\d.]+ pages/CPU-s +reviewpack/pdfplumber text = [\d.]+",
    r"pdfium text +[\d.]+ pages/CPU-s +reviewpack/pdfium text = [\d.]+",
    r"reviewpack --help +[\d.]+ s",
    r"worker boot +[\d.]+ s",
    r"Bundle of 1 files, 3 pages",
    r"wall time +[\d.]+ s +\(exit 0; wrote data.xlsx, extraction.json, pack.pdf, pack.pptx, review.json\)",
    r"peak RSS, largest one +\d+ MB",
    r"extract +\d+ MB",
    r"analyse +\d+ MB",
    r"render +\d+ MB",
    r"extract, +3 pages +\d+ MB",
    r"extract, +500 pages +\d+ MB +\(one PDF",
    r"target: flat as pages grow; one PDF of 500 pages <= 300 MB",
    r"load before: [\d.]+ on \d+ cores",
    r"1 process\(es\) +[\d.]+ s +\(first drain [\d.]+ s; [\d.]+ cores busy\) +peak RSS per worker: \d+ MB",
    r"2 process\(es\) +[\d.]+ s +\(first drain [\d.]+ s; [\d.]+ cores busy\) +peak RSS per worker: \d+, \d+ MB",
    r"2 processes / 1 +[\d.]+x +\(CPU time [\d.]+ s and [\d.]+ s: (the same work|not the same work: the 2 kept [\d.]+x the cores busy)\)",
    r"split by stage group \(docker-compose.yml's workers; read: ingest, extract, analyse; render: render\):",
    r"read 1 \+ render 1 +[\d.]+ s +\(first drain [\d.]+ s; [\d.]+ cores busy\) +peak RSS per worker: read \d+, render \d+ MB",
    r"2 process\(es\) / split +[\d.]+x +\(the split's drain time over the 2 workers' of every stage\)",
)


def paper(tmp_path: Path) -> Path:
    path = tmp_path / "monitoring.pdf"
    lines = ["Children's services budget monitoring", "Placements budget £42,150 forecast £45,870"]
    path.write_bytes(text_pdf(lines, pages=3))
    return path


def test_bench_prints_every_figure_with_its_target(tmp_path: Path, redis_url: str, postgres_url: str) -> None:
    printed: list[str] = []
    bench_report([paper(tmp_path)], redis_url=redis_url, database_url=postgres_url, say=printed.append)
    text = "\n".join(printed)
    missing = [figure for figure in FIGURES if not re.search(figure, text)]
    assert not missing, text
    assert text.count("target:") == 5


def test_the_long_pdf_repeats_the_files_pages_in_order_up_to_the_count(tmp_path: Path) -> None:
    import pypdfium2 as pdfium

    from workers.bench import repeated_pdf

    first, second = tmp_path / "a.pdf", tmp_path / "b.pdf"
    first.write_bytes(text_pdf(["Budget A"], pages=3))
    second.write_bytes(text_pdf(["Budget B"], pages=2))
    pdf = pdfium.PdfDocument(repeated_pdf([first, second], 7, tmp_path / "long.pdf"))
    texts = [page.get_textpage().get_text_range().strip() for page in pdf]
    pdf.close()
    assert texts == ["Budget A"] * 3 + ["Budget B"] * 2 + ["Budget A"] * 2


def test_bench_says_the_drain_was_not_measured_without_redis(tmp_path: Path) -> None:
    from workers.bench import _drain_lines

    text = _drain_lines([paper(tmp_path)], None, None)
    assert "not measured: give --redis-url and --database-url (PostgreSQL)" in text
    assert not re.search(r"2 processes / 1 +[\d.]+x", text)


def test_the_bundle_cpu_counts_the_processes_the_run_leaves_behind() -> None:
    """The stage pool's processes outlive `reviewpack run` and are never waited for by it: their
    CPU must be counted too. Here the command starts a child that burns CPU after it has exited."""
    import sys
    import time

    from workers.bench import run_counted

    burn = "import time\nend = time.process_time() + 0.6\nwhile time.process_time() < end: pass"
    leave = f"import subprocess, sys\nsubprocess.Popen([sys.executable, '-c', {burn!r}])"
    start = time.perf_counter()
    run = run_counted([sys.executable, "-c", leave])
    assert run.returncode == 0
    assert run.cpu_s >= 0.6  # the orphan's CPU, which the command's own rusage never includes
    assert run.wall_s < time.perf_counter() - start  # wall is the command's own, not the orphan's


def test_the_ratio_says_the_same_work_only_where_the_drains_cpu_time_agrees() -> None:
    from workers.bench import Drain, every_stage, same_work

    one = Drain(every_stage(1), seconds=58.3, first_seconds=58.6, cpu_seconds=57.3, worker_rss_mb=())
    alike = Drain(every_stage(2), seconds=31.0, first_seconds=32.0, cpu_seconds=56.0, worker_rss_mb=())
    less = Drain(every_stage(2), seconds=24.9, first_seconds=30.8, cpu_seconds=45.1, worker_rss_mb=())
    assert same_work(one, alike) == "the same work"
    # 57.3 s against 45.1 s of CPU: the wall-time ratio is not the scaling alone
    assert same_work(one, less) == f"not the same work: the 2 kept {less.busy / one.busy:.2f}x the cores busy"


def test_split_workers_are_labelled_and_their_peaks_named_by_group() -> None:
    from workers.bench import Drain, Workers, every_stage, split_by_group
    from workers.pipeline import WORKER_GROUPS

    assert split_by_group(2) == tuple(Workers(name, 2, stages) for name, stages in WORKER_GROUPS.items())
    split = Drain(
        (Workers("read", 2, ("ingest", "extract", "analyse")), Workers("render", 1, ("render",))),
        seconds=30.0,
        first_seconds=31.0,
        cpu_seconds=50.0,
        worker_rss_mb=(("read", 231.4), ("read", 228.0), ("render", 322.0)),
    )
    assert (split.label, split.processes) == ("read 2 + render 1", 3)
    assert split.rss_text() == "read 231, read 228, render 322"
    every = Drain(every_stage(2), 30.0, 31.0, 50.0, (("every stage", 419.0), ("every stage", 425.0)))
    assert (every.label, every.rss_text()) == ("2 process(es)", "419, 425")
