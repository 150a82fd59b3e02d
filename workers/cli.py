"""The `reviewpack` command line."""

from __future__ import annotations

import json
import os
import sys
import time
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from ingest.errors import NotFound, ReviewpackError
from workers.settings import load_settings

app = typer.Typer(help="Pre-read packs for children's services finance reviews.", no_args_is_help=True)
benchmarks_app = typer.Typer(help="National benchmark figures.", no_args_is_help=True)
app.add_typer(benchmarks_app, name="benchmarks")
console = Console(stderr=True)

Paths = Annotated[list[Path], typer.Argument(help="A zip, a folder, or files.", exists=True)]
Council = Annotated[
    str | None, typer.Option(help="The council's DfE code or name, if the documents do not say.")
]


@app.command()
def run(paths: Paths, out: Annotated[Path, typer.Option()] = Path("out"), council: Council = None) -> None:
    """Run a bundle through every stage on this machine (no services needed)."""
    from workers.embedded import run_embedded

    settings = load_settings({k: v for k, v in os.environ.items() if k not in {"REDIS_URL"}})
    bundle_id, written = run_embedded(paths, out, council, settings, console)
    console.print(f"bundle {bundle_id}: wrote")
    for path in written:
        console.print(f"  {path}")


@app.command()
def worker(
    processes: Annotated[int, typer.Option(help="Worker processes.")] = 2,
) -> None:
    """Start dramatiq workers on Redis (needs REDIS_URL and DATABASE_URL).

    One thread per process: PDFium, which reads the PDFs, is not thread-safe, so scale out with
    more processes and more machines."""
    settings = _distributed_settings()
    from workers.store import Store

    Store.open(settings)  # migrate once here, before the processes start
    argv = [sys.executable, "-m", "dramatiq", "workers.worker_entry", "--processes", str(processes)]
    os.execvp(sys.executable, [*argv, "--threads", "1", "--queues", "reviewpack"])


@app.command()
def submit(paths: Paths, council: Council = None) -> None:
    """Queue a bundle for the workers; prints its id."""
    from workers.broker import make_broker
    from workers.store import Store
    from workers.submit import submit_paths

    settings = _distributed_settings()
    store = Store.open(settings)
    print(submit_paths(store, make_broker(settings), paths, council))


@app.command()
def status(bundle_id: str, as_json: Annotated[bool, typer.Option("--json")] = False) -> None:
    """Per-document and per-stage progress and errors of a bundle."""
    from workers.progress import bundle_progress, is_complete
    from workers.store import Store

    store = Store.open(load_settings())
    items = bundle_progress(store, bundle_id)
    if as_json:
        print(json.dumps(_status_json(items, is_complete(store, bundle_id)), indent=2))
        return
    _print_status(items, is_complete(store, bundle_id))


@app.command()
def fetch(
    bundle_id: str,
    out: Annotated[Path, typer.Option()] = Path("out"),
    wait: Annotated[float, typer.Option(help="Seconds to wait for the pack.")] = 0.0,
) -> None:
    """Download a bundle's outputs (pack.pdf, pack.pptx, data.xlsx, extraction.json, review.json)."""
    from workers.outputs import write_outputs
    from workers.progress import is_complete
    from workers.store import Store

    store = Store.open(load_settings())
    deadline = time.monotonic() + wait
    while not is_complete(store, bundle_id) and time.monotonic() < deadline:
        time.sleep(0.5)
    for path in write_outputs(store, bundle_id, out):
        console.print(f"  {path}")


@app.command()
def extract(
    files: Annotated[list[Path], typer.Argument(exists=True, dir_okay=False)],
    json_out: Annotated[Path, typer.Option("--json", help="Where to write extraction.json.")],
) -> None:
    """Extract single files to the extraction contract, with no queue or database."""
    from extract.document import extract_file
    from extract.records import Extraction
    from ingest.safe_text import readable_name

    extraction = Extraction.combine(
        [extract_file(readable_name(path.name), path.read_bytes()) for path in files]
    )
    json_out.write_text(json.dumps(extraction.model_dump(mode="json"), indent=2, ensure_ascii=False))
    console.print(f"wrote {json_out}: {_counts(extraction)}")


@app.command(name="eval")
def evaluate(
    shared: Annotated[Path, typer.Option(help="The shared folder with corpus/.")] = Path("../shared"),
    out: Annotated[Path | None, typer.Option(help="Keep per-file outputs here.")] = None,
) -> None:
    """Measure extraction on the real documents in ../shared/corpus and print the figures."""
    from extract.evaluation import evaluate as run_eval
    from extract.evaluation import format_report

    print(format_report(run_eval(shared, out)))


@app.command()
def bench(
    shared: Annotated[Path, typer.Option(help="The shared folder with corpus/.")] = Path("../shared"),
) -> None:
    """Print speed and memory figures: extraction pages per second per stage, render time."""
    from workers.bench import bench_report

    kent = sorted((shared / "corpus" / "council-finance" / "kent-cc-2025").glob("*.pdf"))
    if not kent:
        console.print(f"[red]No Kent papers under {shared}/corpus[/red]")
        raise typer.Exit(2)
    print(bench_report(kent))


@benchmarks_app.command("build")
def benchmarks_build(
    from_dir: Annotated[Path, typer.Option("--from", exists=True, file_okay=False)],
    out: Annotated[
        Path | None, typer.Option(help="Where to write the table (default: the packaged one).")
    ] = None,
) -> None:
    """Import the official statistics files into the compact benchmark table."""
    from analyse.benchmarks import build_benchmark_table, default_table_path, write_benchmark_table

    target = out or default_table_path()
    write_benchmark_table(build_benchmark_table(from_dir), target)
    console.print(f"wrote {target}")


@app.command()
def serve(
    host: Annotated[str, typer.Option()] = "127.0.0.1",
    port: Annotated[int, typer.Option()] = 8000,
) -> None:
    """Run the web application (embedded mode unless REDIS_URL and DATABASE_URL are set)."""
    from workers.web.server import serve as run_server

    run_server(load_settings(), host=host, port=port)


users_app = typer.Typer(help="Users of the web application.", no_args_is_help=True)
app.add_typer(users_app, name="users")


@users_app.command("add")
def users_add(
    email: str,
    role: Annotated[str, typer.Option(help="council, reviewer or lga")],
    council: Annotated[str | None, typer.Option(help="DfE code of a council user's council")] = None,
    password: Annotated[str | None, typer.Option(help="Prompted for when not given")] = None,
) -> None:
    """Create a user (passwords are hashed with argon2)."""
    from workers.web.users import add_user

    secret = password or typer.prompt("Password", hide_input=True, confirmation_prompt=True)
    token = add_user(load_settings(), email=email, password=secret, role=role, council=council)
    console.print(f"added {email} ({role}); API token on standard output")
    print(token)


def _distributed_settings():  # type: ignore[no-untyped-def]
    settings = load_settings()
    if not settings.redis_url or "DATABASE_URL" not in os.environ:
        console.print("[red]Set REDIS_URL and DATABASE_URL (PostgreSQL) for distributed mode.[/red]")
        raise typer.Exit(2)
    return settings


def _status_json(items, complete):  # type: ignore[no-untyped-def]
    return {
        "complete": complete,
        "files": [
            {
                "position": item.position,
                "name": item.name,
                "stages": {
                    stage: {"state": r.state, "error_code": r.error_code, "error": r.error_message}
                    for stage, r in item.runs.items()
                },
            }
            for item in items
        ],
    }


def _print_status(items, complete) -> None:  # type: ignore[no-untyped-def]
    stages = list(items[0].runs) + list(items[-1].runs) if items else []
    table = Table(title="complete" if complete else "in progress")
    table.add_column("file")
    for stage in stages:
        table.add_column(stage)
    table.add_column("problem")
    for item in items:
        cells = [item.runs[s].state if s in item.runs else "" for s in stages]
        problems = "; ".join(f"{r.stage}: {r.error_code}: {r.error_message}" for r in item.errors)
        table.add_row(item.name, *cells, problems)
    Console().print(table)


def _counts(extraction) -> str:  # type: ignore[no-untyped-def]
    return ", ".join(
        f"{len(getattr(extraction, name))} {name}"
        for name in ("documents", "tables", "savings", "pressures", "budget_lines", "figures")
    )


def main() -> None:
    try:
        app()
    except ReviewpackError as exc:
        console.print(f"[red]{exc}[/red]")
        sys.exit(1 if not isinstance(exc, NotFound) else 3)
