"""The benchmark command: speed and memory figures printed from real runs, not asserted by tests."""

from __future__ import annotations

import resource
import time
from dataclasses import dataclass
from pathlib import Path

from analyse.benchmarks import load_benchmark_table
from analyse.review import build_review
from extract.document import extract_document
from extract.records import Extraction
from ingest.inspect import inspect_file
from render.benchmark import render_benchmark


@dataclass(frozen=True)
class StageTiming:
    stage: str
    seconds: float
    pages: int

    @property
    def pages_per_second(self) -> float:
        return self.pages / self.seconds if self.seconds else float("inf")


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def bench_report(files: list[Path]) -> str:
    """Extraction per stage over the files, then analysis and rendering of their pack."""
    timings, memory, extraction = time_extraction(files)
    start = time.perf_counter()
    review = build_review(extraction, load_benchmark_table())
    analyse_s = time.perf_counter() - start
    render = render_benchmark(review, extraction)
    return "\n".join(
        [
            format_extraction(timings, memory),
            f"Analysis of the bundle: {analyse_s:.2f} s",
            f"Rendering: {render.line()}",
            f"Peak resident memory: {peak_rss_mb():.0f} MB",
        ]
    )


def time_extraction(files: list[Path]) -> tuple[list[StageTiming], list[tuple[str, int, float]], Extraction]:
    """Ingest and extract each file in this process, on one core; peak memory after each file."""
    totals = {"ingest": 0.0, "extract": 0.0}
    pages = 0
    memory = []
    parts = []
    for path in files:
        data = path.read_bytes()
        start = time.perf_counter()
        document = inspect_file(path.name, data)
        middle = time.perf_counter()
        extraction = extract_document(document, data)
        end = time.perf_counter()
        totals["ingest"] += middle - start
        totals["extract"] += end - middle
        n = extraction.documents[0].pages or 0
        pages += n
        memory.append((path.name, n, peak_rss_mb()))
        parts.append(extraction)
    timings = [StageTiming(stage, seconds, pages) for stage, seconds in totals.items()]
    return timings, memory, Extraction.combine(parts)


def format_extraction(timings: list[StageTiming], memory: list[tuple[str, int, float]]) -> str:
    lines = ["Extraction over the bundle (one process, one core):"]
    for t in timings:
        lines.append(
            f"  {t.stage:<8} {t.pages:>5} pages in {t.seconds:6.2f} s = {t.pages_per_second:7.1f} pages/s"
        )
    lines.append("  peak resident memory after each file:")
    lines += [f"    {name[:60]:<60} {n:>4} pages  {mb:7.1f} MB" for name, n, mb in memory]
    return "\n".join(lines)
