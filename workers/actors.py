"""One thin dramatiq actor per stage: load by id, run the stage, store, pass the next id on.

Messages carry (bundle id, file position), never file bodies. Delivery is at least once: a
runner overwrites its own result row, and the hand-over to the per-bundle stages is claimed
atomically so it happens once however many documents finish together.
"""

from __future__ import annotations

import logging
import os
import socket

import dramatiq
from dramatiq.middleware import CurrentMessage

from ingest.errors import BadInput
from workers.pipeline import BUNDLE_POSITION, PIPELINE, Stage, bundle_stages, document_stages, next_stage
from workers.stages import RUNNERS, Context, Outcome
from workers.store import TERMINAL, Store

QUEUE = "reviewpack"
MAX_RETRIES = 3
TIME_LIMIT_MS = 30 * 60 * 1000
WORKER_ID = f"{socket.gethostname()}:{os.getpid()}"
log = logging.getLogger(__name__)


def build_actors(broker: dramatiq.Broker, ctx: Context) -> dict[str, dramatiq.Actor]:
    """Declare one actor per stage of PIPELINE on this broker."""
    if not any(isinstance(m, CurrentMessage) for m in broker.middleware):
        broker.add_middleware(CurrentMessage())
    return {
        stage.name: dramatiq.Actor(
            _handler(stage, ctx, broker),
            broker=broker,
            actor_name=stage.name,
            queue_name=QUEUE,
            priority=0,
            options={
                "max_retries": MAX_RETRIES,
                "min_backoff": 500,
                "max_backoff": 10_000,
                "time_limit": TIME_LIMIT_MS,
                "throws": (BadInput,),
            },
        )
        for stage in PIPELINE
    }


def _handler(stage: Stage, ctx: Context, broker: dramatiq.Broker):  # type: ignore[no-untyped-def]
    def handle(bundle_id: str, position: int) -> None:
        store = ctx.store
        store.set_state(bundle_id, position, stage.name, "running", worker=WORKER_ID)
        try:
            outcome = RUNNERS[stage.name](ctx, bundle_id, position)
        except BadInput as exc:
            outcome = Outcome("failed", exc.code, str(exc))
        except Exception as exc:
            if _retries_left():
                store.set_state(bundle_id, position, stage.name, "retrying", error_message=repr(exc))
                raise
            log.exception("%s failed for bundle %s file %s", stage.name, bundle_id, position)
            outcome = Outcome("failed", "internal_error", f"{type(exc).__name__}: {exc}")
        store.set_state(
            bundle_id,
            position,
            stage.name,
            outcome.state,
            error_code=outcome.error_code,
            error_message=outcome.error_message,
        )
        advance(broker, store, stage, bundle_id, position, outcome)

    handle.__name__ = f"run_{stage.name}"
    return handle


def _retries_left() -> bool:
    message = CurrentMessage.get_current_message()
    return message is not None and message.options.get("retries", 0) < MAX_RETRIES


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
        if not following.per_document:
            # A bundle stage run again (rerun_bundle_stages) re-runs the next one too, even where that
            # one finished or is still queued from an earlier run: it must read this run's result.
            store.set_state(bundle_id, position, following.name, "pending")
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
    """Run the bundle's own stages (analyse, render) again, as after a reviewer's correction.

    False when nothing was sent: its documents are still being read (the bundle stages run after
    them anyway), or its first bundle stage is queued and has not started, so will read the
    corrections when it does."""
    names = {s.name for s in document_stages()}
    runs = store.runs(bundle_id)
    if not all(r.state in TERMINAL for r in runs if r.stage in names):
        return False
    first = bundle_stages()[0]
    if any(r.stage == first.name and r.state == "queued" for r in runs):
        return False
    for later in bundle_stages():
        store.set_state(
            bundle_id, BUNDLE_POSITION, later.name, "pending", error_code=None, error_message=None
        )
    enqueue(broker, store, first, bundle_id, BUNDLE_POSITION)
    return True


def enqueue(broker: dramatiq.Broker, store: Store, stage: Stage, bundle_id: str, position: int) -> None:
    """Queue a stage once: only the caller that moves it from pending to queued sends it."""
    if store.claim(bundle_id, position, stage.name, "pending", "queued"):
        message: dramatiq.Message[None] = dramatiq.Message(
            queue_name=QUEUE, actor_name=stage.name, args=(bundle_id, position), kwargs={}, options={}
        )
        broker.enqueue(message)
