"""The `reviewpack` command line."""

from __future__ import annotations

import gc
import json
import os
import sys
import time
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from ingest.errors import NotFound, ReviewpackError
from workers.settings import load_settings

app = typer.Typer(help="Pre-read packs for children's services finance reviews.", no_args_is_help=True)
benchmarks_app = typer.Typer(help="National benchmark figures.", no_args_is_help=True)
app.add_typer(benchmarks_app, name="benchmarks")
console = Console(stderr=True)

# Paths are checked by `_existing`, not typer's `exists=True`: typer's boxed error wraps a long
# path at the terminal's width, so it could not be copied or searched for.
Paths = Annotated[list[Path], typer.Argument(help="A zip, a folder, or files.")]
Council = Annotated[
    str | None, typer.Option(help="The council's DfE code or name, if the documents do not say.")
]


@app.command()
def run(paths: Paths, out: Annotated[Path, typer.Option()] = Path("out"), council: Council = None) -> None:
    """Run a bundle through every stage on this machine (no services needed).

    Ends with a summary: files read, files refused and why, pages unread. Exits 1 when no pack
    could be made (when no file could be read, extraction.json is still written: it says why)."""
    _existing(paths)
    settings = load_settings({k: v for k, v in os.environ.items() if k not in {"REDIS_URL"}})
    if settings.processes > 1:
        from workers.pool import start_fork_server

        start_fork_server()  # before this process's own imports, which it then overlaps
    from workers.account import bundle_state
    from workers.embedded import run_embedded
    from workers.outputs import NotRendered
    from workers.store import Store

    council = _council_code(council)
    try:
        bundle_id, written = run_embedded(paths, out, council, settings, console)
    except NotRendered as exc:
        bundle_id, written = exc.bundle_id, exc.written
    console.print(f"bundle {bundle_id}: wrote" if written else f"bundle {bundle_id}: wrote nothing")
    for path in written:
        _say(f"  {path}")
    state = bundle_state(Store.open(settings), bundle_id)
    _end_with(state.account, state.headline, failed=not state.ready)


@app.command()
def worker(
    processes: Annotated[int, typer.Option(help="Worker processes.")] = 2,
    stages: Annotated[
        list[str] | None,
        typer.Option("--stage", help="Run only this stage (repeat for more); every stage if not given."),
    ] = None,
) -> None:
    """Start dramatiq workers on Redis (needs REDIS_URL and DATABASE_URL).

    One thread per process: PDFium, which reads the PDFs, is not thread-safe, so scale out with
    more processes and more machines. A worker given some stages only loads only what they need:
    `--stage ingest --stage extract` needs no WeasyPrint or SciPy."""
    from workers.broker import worker_command, worker_env
    from workers.pipeline import PIPELINE

    names = [s.name for s in PIPELINE]
    unknown = [name for name in stages or [] if name not in names]
    if unknown:
        _say(f"reviewpack: no stage {', '.join(unknown)}; the stages are {', '.join(names)}")
        raise typer.Exit(2)
    settings = _distributed_settings()
    from workers.store import Store

    Store.open(settings)  # migrate once here, before the processes start
    os.execvpe(sys.executable, worker_command(processes, stages or ()), worker_env(dict(os.environ)))


@app.command()
def submit(paths: Paths, council: Council = None) -> None:
    """Queue a bundle for the workers; prints its id."""
    from workers.broker import make_broker
    from workers.store import Store
    from workers.submit import submit_paths

    _existing(paths)
    council = _council_code(council)
    settings = _distributed_settings()
    store = Store.open(settings)
    print(submit_paths(store, make_broker(settings), paths, council))


@app.command()
def sweep() -> None:
    """Send again the stage work whose message was lost (queued with no message on Redis, or
    running on a worker whose heartbeat has lapsed); workers also do this every minute."""
    from workers.broker import make_broker
    from workers.store import Store
    from workers.sweep import SweepPolicy
    from workers.sweep import sweep as sweep_lost

    settings = _distributed_settings()
    resent = sweep_lost(Store.open(settings), make_broker(settings), SweepPolicy.from_settings(settings))
    if resent is None:
        _say("another sweeper is running; nothing done")
        return
    for item in resent:
        print(f"{item.bundle_id}\t{item.position}\t{item.stage}\t{item.was}")
    _say(f"re-sent {len(resent)} stage(s)")


@app.command()
def status(bundle_id: str, as_json: Annotated[bool, typer.Option("--json")] = False) -> None:
    """Per-document and per-stage progress and errors of a bundle, and what could not be read."""
    from workers.account import bundle_state
    from workers.progress import bundle_progress
    from workers.store import Store

    store = Store.open(load_settings())
    state = bundle_state(store, bundle_id)  # NotFound (exit 3) for an unknown id
    bundle = store.bundle(bundle_id)
    items = bundle_progress(store, bundle_id)
    if as_json:
        print(json.dumps(_status_json(items, state, bundle.council_override), indent=2))
        return
    _print_status(items, state, bundle.council_override)


@app.command()
def fetch(
    bundle_id: str,
    out: Annotated[Path, typer.Option()] = Path("out"),
    wait: Annotated[float, typer.Option(help="Seconds to wait for the pack.")] = 0.0,
) -> None:
    """Download a bundle's outputs (pack.pdf, pack.pptx, data.xlsx, extraction.json, review.json)."""
    from workers.outputs import NotRendered, write_outputs
    from workers.progress import is_complete
    from workers.store import Store

    store = Store.open(load_settings())
    store.bundle(bundle_id)  # NotFound (exit 3) for an unknown id
    deadline = time.monotonic() + wait
    while not is_complete(store, bundle_id) and time.monotonic() < deadline:
        time.sleep(0.5)
    try:
        written = write_outputs(store, bundle_id, out)
    except NotRendered as exc:
        for path in exc.written:  # extraction.json, when the bundle failed after reading
            _say(f"  {path}")
        raise
    for path in written:
        _say(f"  {path}")


@app.command()
def extract(
    files: Annotated[list[Path], typer.Argument(help="Files (not folders).")],
    json_out: Annotated[Path, typer.Option("--json", help="Where to write extraction.json.")],
) -> None:
    """Extract single files to the extraction contract, with no queue or database."""
    from extract.document import extract_file
    from extract.records import Extraction
    from extract.verify.report import contradicted
    from ingest.safe_text import readable_name
    from workers.account import document_account, every_file

    _existing(files, folders=False)
    extraction = Extraction.combine(
        [extract_file(readable_name(path.name), path.read_bytes()) for path in files]
    )
    with json_out.open("w", encoding="utf-8") as out:  # written as encoded: no copy of it in memory
        json.dump(extraction.model_dump(mode="json"), out, indent=2, ensure_ascii=False)
    console.print(f"wrote {json_out}: {_counts(extraction)}")
    account = document_account(extraction.documents, contradicted(extraction))
    every = every_file(account.files)
    last = f"Nothing could be read: {every} refused." if account.nothing_read else "Done."
    _end_with(account, last, failed=account.nothing_read)


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
    redis_url: Annotated[str | None, typer.Option(help="Redis for the drain by worker processes.")] = None,
    database_url: Annotated[str | None, typer.Option(help="PostgreSQL for the drain.")] = None,
) -> None:
    """Print speed and memory figures on the Kent papers, each beside its target: extraction
    pages per CPU-second against pdfplumber and pdfium, start-up, a 120-page bundle's wall time,
    peak memory per stage and per worker, and the drain of bundles by 1 and 2 workers for every
    stage and by workers split by stage group (docker-compose.yml's)."""
    from workers.bench import bench_report

    finance = shared / "corpus" / "council-finance"
    kent = sorted((finance / "kent-cc-2025").glob("*.pdf"))
    if not kent:
        console.print(f"No Kent papers under {finance}", markup=False)
        raise typer.Exit(2)
    more = sorted((finance / "other-councils").glob("*.pdf"))
    bench_report(kent, more, redis_url=redis_url, database_url=database_url, say=_flushed)


def _flushed(text: str) -> None:
    print(text, flush=True)


@benchmarks_app.command("build")
def benchmarks_build(
    from_dir: Annotated[Path, typer.Option("--from", exists=True, file_okay=False)],
    out: Annotated[
        Path | None, typer.Option(help="Where to write the table (default: the packaged one).")
    ] = None,
) -> None:
    """Import the official statistics files into the compact benchmark table."""
    from analyse.benchmarks import default_table_path, write_benchmark_table
    from analyse.benchmarks.build import build_benchmark_table

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
    council: Annotated[
        str | None, typer.Option(help="A council user's council: DfE code or name, from the DfE list")
    ] = None,
    password: Annotated[str | None, typer.Option(help="Prompted for when not given")] = None,
) -> None:
    """Create a user (passwords are hashed with argon2)."""
    from workers.web.users import add_user

    secret = password or typer.prompt("Password", hide_input=True, confirmation_prompt=True)
    token = add_user(load_settings(), email=email, password=secret, role=role, council=council)
    console.print(f"added {email} ({role}); API token on standard output")
    print(token)


@users_app.command("list")
def users_list() -> None:
    """Every user: email, role and council."""
    from workers.store import Store
    from workers.web.users import list_users

    found = list_users(Store.open(load_settings()).engine)
    table = Table(title=f"{len(found)} users")
    for column in ("email", "role", "council"):
        table.add_column(column)
    for user in found:
        table.add_row(user.email, user.role, _council(user.council) if user.council else "")
    Console().print(table)


@users_app.command("remove")
def users_remove(
    email: str,
    yes: Annotated[bool, typer.Option("--yes", help="Do not ask for confirmation.")] = False,
) -> None:
    """Remove a user, with their API tokens and assignments (their uploads stay)."""
    from workers.store import Store
    from workers.web.users import remove_user, user_by_email

    engine = Store.open(load_settings()).engine
    if user_by_email(engine, email) is None:
        raise NotFound(f"no user with email {email.strip().lower()}")
    if not yes:
        typer.confirm(f"Remove {email}?", abort=True)
    user = remove_user(engine, email)
    console.print(f"removed {user.email} ({user.role})", markup=False)


@users_app.command("reset-password")
def users_reset_password(
    email: str,
    password: Annotated[str | None, typer.Option(help="Prompted for when not given")] = None,
) -> None:
    """Set a user's password and revoke their API tokens; a new token is printed."""
    from workers.store import Store
    from workers.web.users import issue_token, reset_password, user_by_email

    engine = Store.open(load_settings()).engine
    if user_by_email(engine, email) is None:
        raise NotFound(f"no user with email {email.strip().lower()}")
    secret = password or typer.prompt("New password", hide_input=True, confirmation_prompt=True)
    user = reset_password(engine, email, secret)
    console.print(f"new password set for {user.email}; old API tokens revoked; new token on standard output")
    print(issue_token(engine, user.id, "issued with a password reset"))


def _existing(paths: list[Path], *, folders: bool = True) -> None:
    """Stop with one plain line per path that is missing (or a folder where files are wanted).

    The line is never wrapped by rich, so a long path stays whole for copying, at any width."""
    problems = [
        f"{path}: does not exist" if not path.exists() else f"{path}: is a folder; give files"
        for path in paths
        if not path.exists() or (not folders and path.is_dir())
    ]
    for problem in problems:
        console.print(f"reviewpack: {problem}", markup=False, highlight=False, soft_wrap=True)
    if problems:
        raise typer.Exit(2)


def _distributed_settings():  # type: ignore[no-untyped-def]
    settings = load_settings()
    if not settings.redis_url or "DATABASE_URL" not in os.environ:
        console.print("[red]Set REDIS_URL and DATABASE_URL (PostgreSQL) for distributed mode.[/red]")
        raise typer.Exit(2)
    return settings


def _say(line: str) -> None:
    """A line to standard error as it is: no markup, no wrapping inside paths."""
    console.print(line, markup=False, highlight=False, soft_wrap=True)


def _end_with(account, last: str, *, failed: bool) -> None:  # type: ignore[no-untyped-def]
    from workers.account import summary_lines

    for line in summary_lines(account):
        _say(line)
    _say(last)
    if failed:
        raise typer.Exit(1)


def _council_code(text: str | None) -> str | None:
    """The DfE code of the council named (UnknownCouncil, exit 1, with close matches)."""
    from workers.councils import council_code

    code = council_code(text)
    if code:
        _say(f"council: {_council(code)}")
    return code


def _council(code: str | None) -> str:
    from workers.councils import council_label

    return council_label(code) if code else "not given"


def _status_json(items, state, council):  # type: ignore[no-untyped-def]
    return {
        **state.as_json(),
        "council": council,
        "council_name": _council(council) if council else None,
        "files": [
            {
                "position": item.position,
                "name": item.name,
                "stages": {
                    stage: {"state": r.shown_state, "error_code": r.error_code, "error": r.error_message}
                    for stage, r in item.runs.items()
                },
            }
            for item in items
        ],
    }


def _print_status(items, state, council) -> None:  # type: ignore[no-untyped-def]
    from workers.account import problem_list
    from workers.progress import in_words

    stages = list(items[0].runs) + list(items[-1].runs) if items else []
    where = "complete" if state.complete else "rebuilding" if state.rebuilding else "in progress"
    table = Table(title=f"council {_council(council)} · {where}")
    table.add_column("file")
    for stage in stages:
        table.add_column(stage)
    table.add_column("now")
    for item in items:
        cells = [item.runs[s].shown_state if s in item.runs else "" for s in stages]
        table.add_row(item.name, *cells, in_words(item))
    out = Console()
    out.print(table)
    for problem in problem_list(state.account):
        out.print(f"{problem['file']}: {problem['text']}", markup=False, highlight=False, soft_wrap=True)
    out.print(state.headline, markup=False, highlight=False)


def _counts(extraction) -> str:  # type: ignore[no-untyped-def]
    return ", ".join(
        f"{len(getattr(extraction, name))} {name}"
        for name in ("documents", "tables", "savings", "pressures", "budget_lines", "figures")
    )


def main() -> None:
    try:
        app()
    except ReviewpackError as exc:
        console.print(f"[red]{escape(str(exc))}[/red]", soft_wrap=True)
        sys.exit(1 if not isinstance(exc, NotFound) else 3)
    finally:
        # The command is done: the interpreter's collections at exit would walk every object
        # the libraries made (a fifth of a second after `run`) only to free what exit frees.
        gc.freeze()
