"""The benchmark command: speed and memory figures printed from real runs on the same files, each
beside its target. Nothing here is asserted by tests (timings depend on the machine and its load);
a test checks that every figure's label is printed.

Each figure is measured where it is paid: extraction in this process (CPU time, so other work on
the machine does not count), start-up and the bundle's wall time in fresh processes as a user
starts them, memory per stage in a fresh process per stage, and the drain of a set of bundles by
real dramatiq worker processes on Redis and PostgreSQL: for every stage, and split by stage group
as docker-compose.yml runs them (workers.pipeline.WORKER_GROUPS), each process's peak RSS beside.
"""

from __future__ import annotations

import os
import resource
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from multiprocessing import get_context
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import dramatiq

    from workers.store import Store

ROOT = Path(__file__).resolve().parents[1]
BUNDLE_PAGES = 120  # the bundle whose wall time is measured: files taken in order until it has this many
# Bundles in each timed drain: a multiple of every worker count compared (1 and 2), so that two
# workers can share the bundles' packs equally (with 3, one of two renders two packs and the
# other one, and 2 workers cannot be faster than 1.5x one).
DRAIN_BUNDLES = 4
LONG_PDF_PAGES = 500  # one PDF this long (the bundle's pages over again) is extracted for its memory


@dataclass(frozen=True)
class Targets:
    """What the issue asks for; printed beside each figure, never asserted."""

    bundle_wall_s: float = 5.0
    startup_s: float = 0.7
    pages_per_cpu_s: float = 150.0
    worker_rss_mb: float = 350.0
    two_workers_speedup: float = 1.8
    long_pdf_rss_mb: float = 300.0


TARGETS = Targets()


@dataclass(frozen=True)
class Speed:
    reader: str
    pages: int
    cpu_s: float

    @property
    def rate(self) -> float:
        return self.pages / self.cpu_s if self.cpu_s else float("inf")


def bench_report(
    papers: list[Path],
    more: Sequence[Path] = (),
    *,
    redis_url: str | None = None,
    database_url: str | None = None,
    say: Callable[[str], object] = print,
) -> None:
    """Print every figure, one section at a time (the slow ones last). Extraction speed and the
    drain use `papers`; the bundle is `papers` then `more` up to BUNDLE_PAGES pages."""
    # The processes measured for memory start first, while this one is small: Linux carries a
    # process's peak RSS across exec, so a child of a large process would report the parent's.
    say(_startup_lines())
    bundle = bundle_files([*papers, *more])
    say(_bundle_lines(bundle))
    say(_stage_memory_lines(bundle))
    say(_extraction_lines(extraction_speeds(papers)))
    say(_drain_lines(papers, redis_url, database_url))


# Extraction ---------------------------------------------------------------------------------------


def extraction_speeds(files: list[Path]) -> list[Speed]:
    """Pages per CPU-second of reviewpack (ingest and extract), pdfplumber's text and pdfium's
    text over the same files, in this process; one warm-up file first so imports do not count."""
    from extract.document import extract_document
    from ingest.inspect import inspect_file

    def reviewpack(path: Path) -> int:
        data = path.read_bytes()
        return extract_document(inspect_file(path.name, data), data).documents[0].pages or 0

    readers: dict[str, Callable[[Path], int]] = {
        "reviewpack": reviewpack,
        "pdfplumber text": _pdfplumber_text,
        "pdfium text": _pdfium_text,
    }
    speeds = []
    for name, read in readers.items():
        read(files[0])
        start = time.process_time()
        pages = sum(read(path) for path in files)
        speeds.append(Speed(name, pages, time.process_time() - start))
    return speeds


def _pdfplumber_text(path: Path) -> int:
    import pdfplumber

    with pdfplumber.open(path) as pdf:
        for page in pdf.pages:
            page.extract_text()
        return len(pdf.pages)


def _pdfium_text(path: Path) -> int:
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(path)
    try:
        for page in pdf:
            page.get_textpage().get_text_range()
        return len(pdf)
    finally:
        pdf.close()


def _extraction_lines(speeds: list[Speed]) -> str:
    ours = speeds[0]
    lines = [f"Extraction, pages per CPU-second ({ours.pages} pages, one process):"]
    for speed in speeds:
        ratio = "" if speed is ours else f"  reviewpack/{speed.reader} = {ours.rate / speed.rate:.2f}"
        lines.append(f"  {speed.reader:<16} {speed.rate:8.1f} pages/CPU-s{ratio}")
    lines.append(f"  target: reviewpack >= {TARGETS.pages_per_cpu_s:.0f} pages/CPU-s")
    return "\n".join(lines)


# Start-up -----------------------------------------------------------------------------------------


def startup_seconds(code: str, runs: int = 3) -> tuple[float, float]:
    """The best wall time, and the best CPU time, of a fresh interpreter running `code` (the
    others measure the machine's other work): on a busy machine the CPU time is the fair one."""
    best_wall = best_cpu = float("inf")
    with tempfile.TemporaryDirectory() as home:
        env = _env(home)
        for _ in range(runs):
            start, before = time.perf_counter(), _children_cpu()
            subprocess.run([sys.executable, "-c", code], env=env, cwd=ROOT, capture_output=True, check=True)
            best_wall = min(best_wall, time.perf_counter() - start)
            best_cpu = min(best_cpu, _children_cpu() - before)
    return best_wall, best_cpu


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _startup_lines() -> str:
    cli = "import sys; sys.argv = ['reviewpack', '--help']\nfrom workers.cli import main\ntry: main()\nexcept SystemExit: pass"
    lines = ["Start-up (fresh process, best of 3):"]
    for label, code in (("reviewpack --help", cli), ("worker boot", "import workers.worker_entry")):
        wall, cpu = startup_seconds(code)
        lines.append(f"  {label:<22} {wall:6.2f} s   (CPU {cpu:.2f} s)")
    lines.append(f"  target: <= {TARGETS.startup_s} s")
    return "\n".join(lines)


# The bundle ---------------------------------------------------------------------------------------


def bundle_files(files: list[Path], pages: int = BUNDLE_PAGES) -> list[Path]:
    """Files in order until they hold `pages` pages (all of them if they hold fewer)."""
    import pypdfium2 as pdfium

    chosen, total = [], 0
    for path in files:
        if total >= pages:
            break
        pdf = pdfium.PdfDocument(path)
        total += len(pdf)
        pdf.close()
        chosen.append(path)
    return chosen


def _bundle_lines(bundle: list[Path]) -> str:
    with tempfile.TemporaryDirectory() as home:
        out = Path(home) / "out"
        code = "import sys\nfrom workers.cli import main\nsys.argv = ['reviewpack', *sys.argv[1:]]\nmain()"
        cmd = [sys.executable, "-c", code, "run", *map(str, bundle), "--out", str(out)]
        run = run_counted(cmd, env=_env(home))
        written = sorted(p.name for p in out.iterdir()) if out.is_dir() else []
    pages = _pages(bundle)
    return (
        f"Bundle of {len(bundle)} files, {pages} pages, through every output (`reviewpack run`, "
        f"{os.cpu_count()} cores):\n"
        f"  wall time              {run.wall_s:6.2f} s   (exit {run.returncode}; wrote {', '.join(written) or 'nothing'})\n"
        f"  CPU time               {run.cpu_s:6.2f} s   (the run and every process under it, the stage pool's too)\n"
        f"  peak RSS, largest one {run.max_rss_mb:6.0f} MB\n"
        f"  target: <= {TARGETS.bundle_wall_s} s"
    )


@dataclass(frozen=True)
class CountedRun:
    returncode: int
    wall_s: float  # until the command itself exited
    cpu_s: float  # the command and every process started under it, however deep
    max_rss_mb: float  # the largest peak RSS among them


# Runs its arguments as a Linux child subreaper, so that processes orphaned under it (the stage
# pool's fork server and its workers, which the command never waits for) are reaped here and their
# CPU counted; prints the command's exit status, wall time, CPU and largest peak RSS (KB).
_COUNTER = """
import ctypes, os, resource, subprocess, sys, time
ctypes.CDLL(None).prctl(36, 1, 0, 0, 0)  # PR_SET_CHILD_SUBREAPER
start = time.perf_counter()
code = subprocess.call(sys.argv[1:], stdout=subprocess.DEVNULL)
wall = time.perf_counter() - start
while True:
    try:
        os.wait()
    except ChildProcessError:
        break
u = resource.getrusage(resource.RUSAGE_CHILDREN)
print(code, wall, u.ru_utime + u.ru_stime, u.ru_maxrss)
"""


def run_counted(cmd: Sequence[str], env: dict[str, str] | None = None) -> CountedRun:
    """Run `cmd` and count the CPU of every process under it. `os.wait4` on the command alone
    misses the processes it leaves to exit after it (multiprocessing's fork server and the
    pool's workers, which do most of the work): wall far above CPU is then no sign of waiting."""
    done = subprocess.run(
        [sys.executable, "-c", _COUNTER, *cmd], env=env, cwd=ROOT, capture_output=True, text=True, check=True
    )
    code, wall, cpu, rss_kb = done.stdout.split()
    return CountedRun(int(code), float(wall), float(cpu), int(rss_kb) / 1024)


def _pages(files: list[Path]) -> int:
    import pypdfium2 as pdfium

    total = 0
    for path in files:
        pdf = pdfium.PdfDocument(path)
        total += len(pdf)
        pdf.close()
    return total


# Memory per stage ---------------------------------------------------------------------------------


def _stage_memory_lines(bundle: list[Path]) -> str:
    """Each stage run in a fresh process on its inputs; its peak RSS includes its imports."""
    lines = ["Peak RSS per stage (a fresh process each; memory as pages grow):"]
    with (
        tempfile.TemporaryDirectory() as work,
        ProcessPoolExecutor(1, get_context("spawn"), max_tasks_per_child=1) as pool,
    ):
        for stage in ("extract", "analyse", "render"):
            mb = pool.submit(_run_stage, stage, [str(p) for p in bundle], work).result()
            lines.append(f"  {stage:<22} {mb:6.0f} MB")
    with tempfile.TemporaryDirectory() as work:
        for share in (4, 2, 1):
            part = bundle[: max(1, len(bundle) // share)]
            with ProcessPoolExecutor(1, get_context("spawn")) as pool:
                mb = pool.submit(_run_stage, "extract", [str(p) for p in part], work).result()
            lines.append(f"  extract, {_pages(part):>4} pages    {mb:6.0f} MB")
        long = repeated_pdf(bundle, LONG_PDF_PAGES, Path(work) / "long.pdf")
        with ProcessPoolExecutor(1, get_context("spawn")) as pool:
            mb = pool.submit(_run_stage, "extract", [str(long)], work).result()
        lines.append(
            f"  extract, {_pages([long]):>4} pages    {mb:6.0f} MB   (one PDF: these files' pages over again)"
        )
    lines.append(
        f"  target: flat as pages grow; one PDF of {LONG_PDF_PAGES} pages <= {TARGETS.long_pdf_rss_mb:.0f} MB"
    )
    return "\n".join(lines)


def repeated_pdf(files: list[Path], pages: int, out: Path) -> Path:
    """One PDF of `pages` pages, the files' pages in order and over again (built, not committed)."""
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument.new()
    try:
        while len(pdf) < pages:
            before = len(pdf)
            for path in files:
                source = pdfium.PdfDocument(path)
                try:
                    pdf.import_pages(source, list(range(min(len(source), pages - len(pdf)))))
                finally:
                    source.close()
                if len(pdf) >= pages:
                    break
            if len(pdf) == before:  # files with no pages
                break
        pdf.save(out)
    finally:
        pdf.close()
    return out


def _run_stage(stage: str, files: list[str], work: str) -> float:
    """One stage in this (fresh) process, reading and writing its records under `work`."""
    from analyse.records import Review
    from extract.records import Extraction

    folder = Path(work)
    if stage == "extract":
        from extract.document import extract_document
        from ingest.inspect import inspect_file

        parts = []
        for name in files:
            data = Path(name).read_bytes()
            parts.append(extract_document(inspect_file(Path(name).name, data), data))
        (folder / "extraction.json").write_text(Extraction.combine(parts).model_dump_json())
    elif stage == "analyse":
        from analyse.benchmarks import load_benchmark_table
        from analyse.review import build_review

        extraction = Extraction.model_validate_json((folder / "extraction.json").read_text())
        (folder / "review.json").write_text(
            build_review(extraction, load_benchmark_table()).model_dump_json()
        )
    else:
        from render.data import render_xlsx
        from render.deck import render_pptx
        from render.pack import render_pdf

        extraction = Extraction.model_validate_json((folder / "extraction.json").read_text())
        review = Review.model_validate_json((folder / "review.json").read_text())
        for render in (render_pdf, render_pptx, render_xlsx):
            render(review, extraction)
    return _peak_rss_mb(os.getpid())  # this process's own peak, not one carried across exec


# Workers on Redis ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Workers:
    """Worker processes as `reviewpack worker --processes N [--stage NAME]...` starts them: `processes`
    of them taking `stages`' queues (every stage's where there are none)."""

    name: str
    processes: int
    stages: tuple[str, ...] = ()


def every_stage(processes: int) -> tuple[Workers, ...]:
    """`processes` workers for every stage: one laptop's `reviewpack worker`."""
    return (Workers("every stage", processes),)


def split_by_group(processes: int = 1) -> tuple[Workers, ...]:
    """`processes` workers for each of workers.pipeline.WORKER_GROUPS: docker-compose.yml's services."""
    from workers.pipeline import WORKER_GROUPS

    return tuple(Workers(name, processes, stages) for name, stages in WORKER_GROUPS.items())


@dataclass(frozen=True)
class Drain:
    """A set of worker processes draining the same bundles twice: the first drain pays each
    process's imports of its stages (they are lazy), the second is timed warm."""

    workers: tuple[Workers, ...]
    seconds: float  # the warm drain's wall time
    first_seconds: float  # the first drain's, imports included
    cpu_seconds: float  # CPU time the worker processes used in the warm drain
    worker_rss_mb: tuple[tuple[str, float], ...]  # each process's peak, with its workers' name

    @property
    def processes(self) -> int:
        return sum(w.processes for w in self.workers)

    @property
    def split(self) -> bool:
        return any(w.stages for w in self.workers)

    @property
    def label(self) -> str:
        """`2 process(es)` for workers of every stage; `read 1 + render 1` for split ones."""
        if not self.split:
            return f"{self.processes} process(es)"
        return " + ".join(f"{w.name} {w.processes}" for w in self.workers)

    @property
    def busy(self) -> float:
        """Cores the workers kept busy on average in the warm drain: their CPU time over its wall
        time (1.0 per process at most; less where they waited, or other work took the cores)."""
        return self.cpu_seconds / self.seconds if self.seconds else 0.0

    def rss_text(self) -> str:
        """Each process's peak RSS, named by its workers where they are split."""
        named = (f"{name} {mb:.0f}" if self.split else f"{mb:.0f}" for name, mb in self.worker_rss_mb)
        return ", ".join(named) or "unknown"


def _drain_lines(files: list[Path], redis_url: str | None, database_url: str | None) -> str:
    head = f"Drain of {DRAIN_BUNDLES} bundles of {len(files)} files by worker processes on Redis"
    if not redis_url or not database_url:
        return f"{head}:\n  not measured: give --redis-url and --database-url (PostgreSQL)"
    load = os.getloadavg()[0]  # before our workers start: the machine's other work
    one, two, split = (
        drain(files, workers, redis_url, database_url)
        for workers in (every_stage(1), every_stage(2), split_by_group())
    )
    lines = [
        f"{head} (warm: timed on a second drain by the same processes; "
        f"load before: {load:.1f} on {os.cpu_count()} cores):"
    ]
    lines += [_drain_line(one), _drain_line(two)]
    lines.append(
        f"  2 processes / 1        {one.seconds / two.seconds:6.2f}x   "
        f"(CPU time {one.cpu_seconds:.1f} s and {two.cpu_seconds:.1f} s: {same_work(one, two)})"
    )
    groups = "; ".join(f"{w.name}: {', '.join(w.stages)}" for w in split.workers)
    lines.append(f"  split by stage group (docker-compose.yml's workers; {groups}):")
    lines.append(_drain_line(split))
    lines.append(
        f"  {two.label} / split     {split.seconds / two.seconds:6.2f}x   "
        f"(the split's drain time over the {two.processes} workers' of every stage)"
    )
    lines.append(f"  target: >= {TARGETS.two_workers_speedup}x; worker RSS <= {TARGETS.worker_rss_mb:.0f} MB")
    return "\n".join(lines)


def _drain_line(d: Drain) -> str:
    return (
        f"  {d.label:<22} {d.seconds:6.2f} s   (first drain {d.first_seconds:.2f} s; "
        f"{d.busy:.2f} cores busy)   peak RSS per worker: {d.rss_text()} MB"
    )


# Two drains did the same work where their CPU time is within this share of each other; else the
# wall-time ratio is not the scaling alone, and the ratio of cores kept busy is printed beside it.
SAME_WORK_SHARE = 0.1


def same_work(one: Drain, two: Drain) -> str:
    """Whether the two drains did the same CPU work, in words, for the ratio's line."""
    if abs(one.cpu_seconds - two.cpu_seconds) <= SAME_WORK_SHARE * max(one.cpu_seconds, two.cpu_seconds):
        return "the same work"
    return f"not the same work: the 2 kept {two.busy / one.busy:.2f}x the cores busy"


def drain(files: list[Path], workers: Sequence[Workers], redis_url: str, database_url: str) -> Drain:
    """Start the workers (a `dramatiq` command for each set, as `reviewpack worker` runs it), wait
    for them all to beat, then twice submit the bundles and time until every one is complete; the
    second time is the warm one, with the CPU time the workers used. Each worker process's peak
    RSS is read from /proc before they are stopped."""
    from workers.broker import make_broker, worker_command, worker_env
    from workers.settings import load_settings
    from workers.store import Store

    with tempfile.TemporaryDirectory() as home:
        env = worker_env(_env(home) | {"REDIS_URL": redis_url, "DATABASE_URL": database_url})
        settings = load_settings(env)
        store = Store.open(settings)
        before = store.live_workers()
        procs: list[tuple[Workers, subprocess.Popen[bytes]]] = []
        try:
            for each in workers:
                cmd = worker_command(each.processes, each.stages)
                quiet = subprocess.DEVNULL
                proc = subprocess.Popen(
                    cmd, env=env, cwd=ROOT, stdout=quiet, stderr=quiet, start_new_session=True
                )
                procs.append((each, proc))
            total = sum(w.processes for w in workers)
            _wait(lambda: len(store.live_workers() - before) >= total, 120)
            broker = make_broker(settings)
            first = _timed_drain(store, broker, files)
            pids = [(each.name, pid) for each, proc in procs for pid in _children(proc.pid)]
            cpu = _cpu_seconds([pid for _, pid in pids])
            seconds = _timed_drain(store, broker, files)
            cpu = _cpu_seconds([pid for _, pid in pids]) - cpu
            rss = [(name, _peak_rss_mb(pid)) for name, pid in pids]
        finally:
            for _, proc in procs:
                os.killpg(proc.pid, signal.SIGTERM)
            for _, proc in procs:
                proc.wait(timeout=60)
    return Drain(tuple(workers), seconds, first, cpu, tuple((name, mb) for name, mb in rss if mb))


def _timed_drain(store: Store, broker: dramatiq.Broker, files: list[Path]) -> float:
    """Seconds from submitting DRAIN_BUNDLES bundles of `files` until every one is complete."""
    from workers.progress import is_complete
    from workers.submit import submit_paths

    start = time.perf_counter()
    ids = [submit_paths(store, broker, files, None) for _ in range(DRAIN_BUNDLES)]
    _wait(lambda: all(is_complete(store, i) for i in ids), 1800)
    return time.perf_counter() - start


def _cpu_seconds(pids: list[int]) -> float:
    """User and system CPU time the processes have used so far (0 for one /proc cannot tell)."""
    ticks = os.sysconf("SC_CLK_TCK")
    total = 0
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += int(fields[11]) + int(fields[12])  # utime, stime: fields 14 and 15 of stat(5)
    return total / ticks


def _wait(done: Callable[[], bool], timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while not done():
        if time.monotonic() > deadline:
            raise TimeoutError(f"gave up after {timeout:.0f} s")
        time.sleep(0.2)


def _children(pid: int) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == pid:
                found.append(int(entry.name))
    return found


def _peak_rss_mb(pid: int) -> float:
    """VmHWM, the process's peak resident memory (0 where /proc cannot tell)."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


def _env(home: str) -> dict[str, str]:
    env = {
        k: v for k, v in os.environ.items() if k not in {"REDIS_URL", "DATABASE_URL", "REVIEWPACK_BLOB_DIR"}
    }
    return env | {"REVIEWPACK_HOME": home, "PYTHONPATH": str(ROOT)}
