"""One thin dramatiq actor per stage: load by id, run the stage, store. The StageState middleware
records each stage's state around its actor and passes the next id on.

Messages carry (bundle id, file position), never file bodies. Delivery is at least once: a
runner overwrites its own result row, and the hand-over to the per-bundle stages is claimed
atomically so it happens once however many documents finish together.

Retries: bad input, and a stage past its time limit, fail once (`throws`). A storage or broker connection error is retried with
exponential backoff for minutes (an outage of PostgreSQL or Redis is waited out); any other
error, a defect, a few times.
"""

from __future__ import annotations

import dataclasses
import json
import logging
from contextvars import ContextVar

import dramatiq
import sqlalchemy.exc
from dramatiq.broker import MessageProxy
from dramatiq.middleware.time_limit import TimeLimitExceeded
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

from ingest.errors import INTERNAL_ERROR, BadInput, NotFound, fault_message
from workers.broker import QUEUE, queue_for, stage_message
from workers.liveness import WORKER_ID, Liveness
from workers.pipeline import (
    BUNDLE_POSITION,
    PIPELINE,
    Stage,
    bundle_stages,
    document_stages,
    next_stage,
    stage,
)
from workers.pool import TookTooLong
from workers.stages import DONE, RUNNERS, Context, Outcome
from workers.store import TERMINAL, Store
from workers.sweep import SweepPolicy

MAX_RETRIES = 3  # a defect: a few tries, then the stage is failed with the reason
STORAGE_RETRIES = 10  # storage unreachable: with the backoff below, at least three minutes waited out
MIN_BACKOFF_MS = 1_000  # the first retry's delay; each later one doubles it (dramatiq adds jitter)
MAX_BACKOFF_MS = 60_000
TIME_LIMIT_S = 30 * 60.0  # a stage past this is stopped and failed once (settings.document_budget_s)
STORAGE_ERRORS: tuple[type[BaseException], ...] = (
    sqlalchemy.exc.OperationalError,  # the server went away, refused or restarted
    sqlalchemy.exc.InterfaceError,
    sqlalchemy.exc.DisconnectionError,
    RedisConnectionError,
    RedisTimeoutError,
    ConnectionError,
    TimeoutError,
)
NOT_RETRIED: tuple[type[BaseException], ...] = (BadInput, TimeLimitExceeded)  # dramatiq's `throws`
TIME_BUDGET = TookTooLong.code
# Shown while a stage waits to run again; the exception itself goes to the log only.
RETRYING = "a fault stopped this stage; it will be tried again"
GENERATION = "generation"  # results["<bundle stage>.generation"]: the rebuild its result serves
# results["<document stage>.failed"]: a file's stage failed under that version (the reason), stored
# or not: what says an earlier release met the failure, so an upgrade rebuild runs it again.
FAILED = "failed"
# The rebuild generation the message this worker thread is processing serves (None for a file's
# stage): set by StageState before the actor, read by the actor and by StageState after it.
SERVING: ContextVar[int | None] = ContextVar("serving", default=None)
# What the runner of the message this worker thread is processing came to: set by the actor, read
# by StageState after it. The actor itself returns None, as dramatiq expects of an actor whose
# result no Results middleware stores.
OUTCOME: ContextVar[Outcome | None] = ContextVar("outcome", default=None)
log = logging.getLogger(__name__)

__all__ = ["QUEUE", "WORKER_ID", "queue_for", "build_actors", "enqueue", "rerun_bundle_stages"]


def is_storage_error(exc: BaseException) -> bool:
    """True for a failure to reach the database or the broker, however it was wrapped."""
    seen: BaseException | None = exc
    while seen is not None:
        if isinstance(seen, STORAGE_ERRORS):
            return True
        if isinstance(seen, sqlalchemy.exc.DBAPIError) and seen.connection_invalidated:
            return True
        seen = seen.__cause__ or seen.__context__
    return False


def should_retry(retries: int, exc: BaseException) -> bool:
    """dramatiq's `retry_when`: `retries` is how many times the message was retried already."""
    return retries < (STORAGE_RETRIES if is_storage_error(exc) else MAX_RETRIES)


def storage_outage_waited_out_s() -> float:
    """The least time the retries of a storage error span, whatever dramatiq's jitter draws."""
    delays = [min(MIN_BACKOFF_MS * 2**n, MAX_BACKOFF_MS / 2) for n in range(STORAGE_RETRIES)]
    return sum(delays) / 1000


def build_actors(
    broker: dramatiq.Broker,
    ctx: Context,
    sweep: SweepPolicy | None = None,
    time_limit_s: float = TIME_LIMIT_S,
) -> dict[str, dramatiq.Actor]:
    """Declare one actor per stage of PIPELINE on this broker, with the middleware that records
    each stage's state. Its workers beat a heartbeat into the store and, given a sweep policy,
    sweep for lost messages. A stage running past `time_limit_s` is stopped and failed once."""
    for middleware in (StageState(ctx.store), Liveness(ctx.store, sweep)):
        if not any(isinstance(m, type(middleware)) for m in broker.middleware):
            broker.add_middleware(middleware)
    return {
        stage.name: dramatiq.Actor(
            _handler(stage, ctx),
            broker=broker,
            actor_name=stage.name,
            queue_name=queue_for(stage.name),
            priority=0,
            options={
                "retry_when": should_retry,
                "min_backoff": MIN_BACKOFF_MS,
                "max_backoff": MAX_BACKOFF_MS,
                "time_limit": int(time_limit_s * 1000),
                "throws": NOT_RETRIED,
            },
        )
        for stage in PIPELINE
    }


def _handler(stage: Stage, ctx: Context):  # type: ignore[no-untyped-def]
    def handle(bundle_id: str, position: int) -> None:
        generation = SERVING.get()
        if generation is None:
            OUTCOME.set(RUNNERS[stage.name](ctx, bundle_id, position))
            return
        # A bundle stage writes only while it serves the newest rebuild (Store.serving).
        serving_ctx = dataclasses.replace(ctx, store=ctx.store.serving(bundle_id, generation))
        OUTCOME.set(RUNNERS[stage.name](serving_ctx, bundle_id, position))

    handle.__name__ = f"run_{stage.name}"
    return handle


class StageState(dramatiq.Middleware):
    """Records each stage message's state in the store, around its actor, and sends what comes next.

    `running` before the actor; after it, the runner's outcome, or from its exception: bad input
    (and a stage stopped at its time limit) failed once with its reason, as `throws` tells
    dramatiq's Retries not to retry it; an error Retries will retry `retrying`; any other, its
    retries spent, failed with the reason. This middleware is added after Retries, so it runs
    before it (dramatiq calls `after_*` hooks last-added first) and sees the count Retries judges by.
    """

    def __init__(self, store: Store) -> None:
        self.store = store

    def before_process_message(self, broker: dramatiq.Broker, message: MessageProxy) -> None:
        if message.actor_name in RUNNERS:
            bundle_id, position = message.args
            OUTCOME.set(None)
            self.store.set_state(bundle_id, position, message.actor_name, "running", worker=WORKER_ID)
            # Read after `running` is stored: a rebuild asked for later sees this run started and
            # sends another (rerun_bundle_stages), whose writes this run's no longer overwrite.
            SERVING.set(
                serving(self.store, stage(message.actor_name), bundle_id)
                if position == BUNDLE_POSITION
                else None
            )

    def after_process_message(
        self,
        broker: dramatiq.Broker,
        message: MessageProxy,
        *,
        result: object = None,
        exception: BaseException | None = None,
    ) -> None:
        if message.actor_name not in RUNNERS:
            return
        bundle_id, position = message.args
        generation, returned = SERVING.get(), OUTCOME.get()
        SERVING.set(None)
        OUTCOME.set(None)
        # A run of an older rebuild than the newest asked for records nothing (Store.serving).
        store = self.store if generation is None else self.store.serving(bundle_id, generation)
        limit_ms = broker.get_actor(message.actor_name).options.get("time_limit", 0)
        outcome = _outcome(message, returned, exception, limit_ms / 1000)
        if outcome is None:
            store.set_state(bundle_id, position, message.actor_name, "retrying", error_message=RETRYING)
            return
        try:
            current = stage(message.actor_name)
            ended = False
            if generation is not None:
                ended = finish_generation(store, current, bundle_id, outcome, generation)
            if _record(store, bundle_id, position, current, outcome):
                advance(broker, self.store, current, bundle_id, position, outcome)
            if ended and generation is not None and self.store.rebuilds(bundle_id)[0] > generation:
                # A rebuild asked for while this one ran, that no run was sent for: start it.
                start_bundle_stages(broker, self.store, bundle_id)
        except Exception as exc:
            if not is_storage_error(exc):
                raise
            # The stage's work is stored (or will be redone: it is idempotent) but not its state:
            # the message is sent again after a pause, as Retries would, rather than lost.
            log.warning(
                "could not record %s for bundle %s file %s; sending it again",
                message.actor_name,
                bundle_id,
                position,
            )
            broker.enqueue(message.copy(), delay=MIN_BACKOFF_MS)


def _record(store: Store, bundle_id: str, position: int, current: Stage, outcome: Outcome) -> bool:
    """Store the outcome; False where a bundle stage was asked to run again while it ran
    (rerun_bundle_stages set it pending or queued, or a newer rebuild's run of it has started):
    that run records its own outcome, and this one's is not written over it."""
    fields = {"error_code": outcome.error_code, "error_message": outcome.error_message}
    if position != BUNDLE_POSITION:
        if outcome.state == "failed":
            sha256 = store.file(bundle_id, position).sha256
            store.save_result(sha256, f"{current.name}.{FAILED}", current.version, json.dumps(fields))
        store.set_state(bundle_id, position, current.name, outcome.state, **fields)
        return True
    return store.claim(bundle_id, position, current.name, "running", outcome.state, **fields)


def serving(store: Store, current: Stage, bundle_id: str) -> int:
    """The rebuild generation a bundle stage starting now serves: the first bundle stage serves
    every rebuild asked for so far (it reads the corrections and findings after this), a later one
    the generation of the result it reads."""
    if current == bundle_stages()[0]:
        return store.rebuilds(bundle_id)[0]
    before = PIPELINE[PIPELINE.index(current) - 1]
    try:
        return int(store.load_result(bundle_id, f"{before.name}.{GENERATION}", before.version))
    except NotFound:
        return 0


def finish_generation(
    store: Store, current: Stage, bundle_id: str, outcome: Outcome, generation: int
) -> bool:
    """After a bundle stage, before its state is stored: the generation its result serves, stored
    with the result for the next stage, or, where the bundle stages end here (the last one, or one
    that failed), the generation finished. True where they end here."""
    following = next_stage(current)
    if outcome.state == "done" and following is not None:
        store.save_result(bundle_id, f"{current.name}.{GENERATION}", current.version, str(generation))
        return False
    store.finish_rebuild(bundle_id, generation)
    return True


def _outcome(
    message: MessageProxy, returned: Outcome | None, exception: BaseException | None, limit_s: float
) -> Outcome | None:
    """What the stage came to; None where dramatiq will run it again."""
    if exception is None:
        return returned if returned is not None else DONE
    if isinstance(exception, TimeLimitExceeded):
        return Outcome(
            "failed",
            TIME_BUDGET,
            f"stopped after {limit_s:.0f} seconds, the time allowed for one file; the rest of the bundle was read",
        )
    if isinstance(exception, BadInput):
        return Outcome("failed", exception.code, str(exception))
    if should_retry(message.options.get("retries", 0), exception):
        return None
    log.error("%s failed for bundle %s file %s", message.actor_name, *message.args, exc_info=exception)
    whole = message.args[1] == BUNDLE_POSITION  # analyse and render work on the bundle, not a file
    return Outcome("failed", INTERNAL_ERROR, fault_message(message.actor_name, whole_bundle=whole))


def advance(
    broker: dramatiq.Broker, store: Store, stage: Stage, bundle_id: str, position: int, outcome: Outcome
) -> None:
    """Send the next message: this position's next stage, or the bundle's once all files are done."""
    following = next_stage(stage)
    if following is None:
        return
    if following.per_document != stage.per_document:
        _maybe_start_bundle(broker, store, bundle_id)
    elif outcome.state == "done":
        if not following.per_document and not store.claim_unless(
            bundle_id, position, following.name, "queued", "pending"
        ):
            # A bundle stage run again (rerun_bundle_stages) re-runs the next one too, even where
            # that one finished or is running (it must read this run's result); one still queued
            # from an earlier run has not started, so will read it: nothing more is sent.
            return
        enqueue(broker, store, following, bundle_id, position)
    else:
        _skip_rest(store, bundle_id, position, following)
        if following.per_document:
            _maybe_start_bundle(broker, store, bundle_id)


def _skip_rest(store: Store, bundle_id: str, position: int, first: Stage) -> None:
    """A position that stopped early: its later stages will not run."""
    for later in PIPELINE[PIPELINE.index(first) :]:
        if later.per_document == first.per_document:
            store.claim(bundle_id, position, later.name, "pending", "skipped")


def _maybe_start_bundle(broker: dramatiq.Broker, store: Store, bundle_id: str) -> None:
    names = {s.name for s in document_stages()}
    runs = [r for r in store.runs(bundle_id) if r.stage in names]
    if all(r.state in TERMINAL for r in runs):
        first = next(s for s in PIPELINE if not s.per_document)
        enqueue(broker, store, first, bundle_id, BUNDLE_POSITION)


def rerun_bundle_stages(broker: dramatiq.Broker, store: Store, bundle_id: str) -> bool:
    """Run the bundle's own stages (analyse, render) again, as after a reviewer's correction; and
    first, for a bundle an earlier release read, the document stages whose code has changed since
    (outdated_documents).

    Each call asks for a new rebuild generation, and the bundle is complete only once its bundle
    stages have finished one that serves it (workers.progress.is_complete), however many rebuilds
    overlap. False when nothing was sent: its documents are still being read (the bundle stages
    run after them anyway), or its first bundle stage is queued and has not started, so will read
    the corrections when it does."""
    store.request_rebuild(bundle_id)  # before the states are read: see StageState
    return start_bundle_stages(broker, store, bundle_id)


def start_bundle_stages(broker: dramatiq.Broker, store: Store, bundle_id: str) -> bool:
    """Send the bundle's first bundle stage again, unless its documents are unread or that stage
    is queued already (see rerun_bundle_stages); or, where this release has not read some of its
    documents, their document stages, after which the bundle stages start as on a first run."""
    names = {s.name for s in document_stages()}
    runs = store.runs(bundle_id)
    if not all(r.state in TERMINAL for r in runs if r.stage in names):
        return False
    first = bundle_stages()[0]
    if any(r.stage == first.name and r.state == "queued" for r in runs):
        return False
    for later in bundle_stages():
        # A later stage still queued from an earlier run is left so: it has not started, so
        # reads this run's result if it starts after it, and is sent again (advance) if not.
        store.claim_unless(
            bundle_id, BUNDLE_POSITION, later.name, "queued", "pending", error_code=None, error_message=None
        )
    outdated = outdated_documents(store, bundle_id)
    if not outdated:
        enqueue(broker, store, first, bundle_id, BUNDLE_POSITION)
        return True
    # Every outdated position is pending before any is sent: one finishing first must not find
    # the rest done and start the bundle stages (_maybe_start_bundle) before they are read again.
    states = {(r.position, r.stage): r.state for r in runs}
    for position, start in outdated.items():
        for later in PIPELINE[PIPELINE.index(start) :]:
            if later.per_document:
                state = states[(position, later.name)]
                store.claim(
                    bundle_id, position, later.name, state, "pending", error_code=None, error_message=None
                )
    for position, start in outdated.items():
        enqueue(broker, store, start, bundle_id, position)
    return True


def outdated_documents(store: Store, bundle_id: str) -> dict[int, Stage]:
    """The file positions of the bundle whose document stages an earlier release ran and this one
    has not, each with the first such stage, from which they run again: results are keyed by the
    stage's version (workers.pipeline), and one stored for the file's content by another version
    but not by this one says the stage's code has changed since. A stage that failed ran too,
    whether or not it stored a result: its failure is stored under its version (FAILED), and one
    failed by no release this one knows of (before failures were stored) runs again. A stage that
    stores nothing for a file and did not fail (a file read twice, or refused before it) is judged
    by the stage before it."""
    files = store.files(bundle_id)
    shas = list(dict.fromkeys(f.sha256 for f in files))
    states = {(r.position, r.stage): r.state for r in store.runs(bundle_id)}
    outdated: dict[int, Stage] = {}
    for current in document_stages():
        stored = store.stored_versions(shas, current.name)
        failed = store.stored_versions(shas, f"{current.name}.{FAILED}")
        for row in files:
            ran = [*stored.get(row.sha256, []), *failed.get(row.sha256, [])]
            if row.position in outdated or current.version in ran:
                continue
            if ran or states.get((row.position, current.name)) == "failed":
                outdated[row.position] = current
    return outdated


def enqueue(broker: dramatiq.Broker, store: Store, stage: Stage, bundle_id: str, position: int) -> None:
    """Queue a stage once: only the caller that moves it from pending to queued sends it."""
    if store.claim(bundle_id, position, stage.name, "pending", "queued"):
        broker.enqueue(stage_message(stage.name, bundle_id, position))
