"""Nothing lost: the sweeper re-sends lost stage work, storage errors are waited out, a stage whose
worker is gone shows as stalled, and a duplicate message stores nothing twice."""

from __future__ import annotations

import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
import sqlalchemy as sa
import sqlalchemy.exc
from dramatiq import Worker
from dramatiq.brokers.stub import StubBroker

from ingest.bundle import IncomingFile
from ingest.errors import BadInput
from workers import actors
from workers.actors import build_actors, is_storage_error, should_retry, storage_outage_waited_out_s
from workers.broker import queue_for, stage_message
from workers.db import stage_runs, worker_heartbeats
from workers.pipeline import PIPELINE
from workers.progress import bundle_progress, in_words, is_complete
from workers.settings import load_settings
from workers.stages import RUNNERS, Context
from workers.store import Store
from workers.submit import submit_files
from workers.sweep import SweepPolicy, sweep

AT_ONCE = SweepPolicy(lost_after=timedelta(0), every=timedelta(seconds=60))
LONG_AGO = datetime(2000, 1, 1, tzinfo=UTC)
FILES = [IncomingFile("a.csv", b"service,budget\nfostering,100\n"), IncomingFile("b.txt", b"notes\n")]


@pytest.fixture
def store(tmp_path: Path) -> Store:
    return Store.open(load_settings({"REVIEWPACK_HOME": str(tmp_path)}))


@pytest.fixture
def broker(store: Store, monkeypatch: pytest.MonkeyPatch) -> Iterator[StubBroker]:
    monkeypatch.setattr(actors, "MIN_BACKOFF_MS", 1)  # retries here are about counting, not waiting
    monkeypatch.setattr(actors, "MAX_BACKOFF_MS", 20)
    stub = StubBroker()
    stub.emit_after("process_boot")
    build_actors(stub, Context(store))
    yield stub
    stub.close()


def run_until_idle(broker: StubBroker) -> None:
    worker = Worker(broker, worker_threads=1, worker_timeout=50)
    worker.start()
    try:
        for stage in PIPELINE:  # a stage only sends later ones, so each queue empties in turn
            broker.join(queue_for(stage.name), timeout=120_000, fail_fast=False)  # failed stages are recorded
        worker.join()
    finally:
        worker.stop()


def age(store: Store, bundle_id: str, when: datetime = LONG_AGO) -> None:
    with store.engine.begin() as conn:
        conn.execute(stage_runs.update().where(stage_runs.c.bundle_id == bundle_id).values(updated_at=when))


def states(store: Store, bundle_id: str, position: int = 0) -> dict[str, str]:
    return {r.stage: r.state for r in store.runs(bundle_id) if r.position == position}


# -- the sweeper ---------------------------------------------------------------------------------


def test_queued_stages_whose_messages_were_lost_are_sent_again_and_the_bundle_completes(
    store: Store, broker: StubBroker
) -> None:
    bundle_id = submit_files(store, broker, FILES, "b", None)
    broker.flush_all()  # Redis restarted without its data
    age(store, bundle_id)
    resent = sweep(store, broker, AT_ONCE)
    assert resent is not None
    assert sorted((r.stage, r.position, r.was) for r in resent) == [
        ("ingest", 0, "queued"),
        ("ingest", 1, "queued"),
    ]
    run_until_idle(broker)
    assert is_complete(store, bundle_id), store.runs(bundle_id)
    for row in store.files(bundle_id):
        assert store.count_results(row.sha256, "ingest") == 1


def test_a_queued_stage_whose_message_waits_on_the_broker_is_not_sent_again(
    store: Store, broker: StubBroker
) -> None:
    bundle_id = submit_files(store, broker, FILES, "b", None)
    age(store, bundle_id)
    assert sweep(store, broker, AT_ONCE) == []
    assert broker.queues[queue_for("ingest")].qsize() == 2


def test_a_stage_queued_more_recently_than_the_threshold_is_left_alone(
    store: Store, broker: StubBroker
) -> None:
    bundle_id = submit_files(store, broker, FILES, "b", None)
    broker.flush_all()
    policy = SweepPolicy(lost_after=timedelta(minutes=2), every=timedelta(seconds=60))
    assert sweep(store, broker, policy) == []
    age(store, bundle_id, datetime.now(UTC) - timedelta(minutes=3))
    assert len(sweep(store, broker, policy) or []) == 2


def test_a_stage_running_on_a_worker_whose_heartbeat_lapsed_is_stalled_and_sent_again(
    store: Store, broker: StubBroker
) -> None:
    bundle_id = store.create_bundle("b", FILES, None)
    store.set_state(bundle_id, 0, "ingest", "running", worker="gone:1")
    store.set_state(bundle_id, 1, "ingest", "running", worker="here:2")
    with store.engine.begin() as conn:
        conn.execute(worker_heartbeats.insert().values(worker="gone:1", seen_at=LONG_AGO))
    store.beat("here:2")
    age(store, bundle_id)
    runs = {r.position: r for r in store.runs(bundle_id) if r.stage == "ingest"}
    assert runs[0].stalled and runs[0].shown_state == "stalled"
    assert not runs[1].stalled and runs[1].shown_state == "running"
    first = bundle_progress(store, bundle_id)[0]
    assert "stalled" in in_words(first)

    resent = sweep(store, broker, AT_ONCE)
    assert [(r.position, r.stage, r.was) for r in resent or []] == [(0, "ingest", "stalled")]
    assert states(store, bundle_id)["ingest"] == "queued"
    assert states(store, bundle_id, 1)["ingest"] == "running", "a live worker's stage was taken from it"


def test_a_stage_that_just_started_on_a_worker_not_yet_seen_is_not_stalled_for_the_sweeper(
    store: Store, broker: StubBroker
) -> None:
    bundle_id = store.create_bundle("b", FILES, None)
    store.set_state(bundle_id, 0, "ingest", "running", worker="new:1")
    # Only the heartbeat's lapse is at issue: the other file's ingest, pending, is not yet lost.
    assert sweep(store, broker, SweepPolicy(timedelta(hours=1), timedelta(seconds=60))) == []


def test_a_stage_left_pending_after_the_one_before_it_finished_is_sent_and_the_bundle_completes(
    store: Store, broker: StubBroker
) -> None:
    bundle_id = submit_files(store, broker, FILES, "b", None)
    run_until_idle(broker)
    # The process died after the file's extract and the bundle's analyse had finished, before it
    # sent what comes next.
    store.set_state(bundle_id, 0, "extract", "pending")
    store.set_state(bundle_id, -1, "render", "pending")
    age(store, bundle_id)
    resent = sweep(store, broker, AT_ONCE)
    assert sorted((r.stage, r.position, r.was) for r in resent or []) == [
        ("extract", 0, "pending"),
        ("render", -1, "pending"),
    ]
    run_until_idle(broker)
    assert states(store, bundle_id)["extract"] == "done"
    assert states(store, bundle_id, -1)["render"] == "done"
    assert is_complete(store, bundle_id)


def test_a_stage_pending_while_the_one_before_it_has_not_finished_is_left_alone(
    store: Store, broker: StubBroker
) -> None:
    bundle_id = submit_files(store, broker, FILES, "b", None)
    run_until_idle(broker)
    store.set_state(bundle_id, 0, "ingest", "running", worker="here:1")
    store.beat("here:1")
    store.set_state(bundle_id, 0, "extract", "pending")
    store.set_state(bundle_id, -1, "analyse", "pending")  # a file is still being read
    store.set_state(bundle_id, -1, "render", "pending")  # and analyse has not run
    age(store, bundle_id)
    assert sweep(store, broker, AT_ONCE) == []


def test_a_duplicate_message_for_every_stage_stores_each_result_once(
    store: Store, broker: StubBroker
) -> None:
    bundle_id = submit_files(store, broker, FILES, "b", None)
    run_until_idle(broker)
    assert is_complete(store, bundle_id)
    for row in store.files(bundle_id):
        broker.enqueue(stage_message("ingest", bundle_id, row.position))
        broker.enqueue(stage_message("extract", bundle_id, row.position))
    broker.enqueue(stage_message("analyse", bundle_id, -1))
    broker.enqueue(stage_message("render", bundle_id, -1))
    run_until_idle(broker)
    assert is_complete(store, bundle_id)
    for row in store.files(bundle_id):
        assert store.count_results(row.sha256, "ingest") == 1
        assert store.count_results(row.sha256, "extract") <= 1
    assert store.count_results(bundle_id, "analyse") <= 1
    assert store.count_results(bundle_id, "render") <= 1


@pytest.mark.services
def test_only_one_sweeper_runs_at_a_time_across_machines(postgres_url: str, tmp_path: Path) -> None:
    from workers.sweep import SWEEP_LOCK

    settings = load_settings({"REVIEWPACK_HOME": str(tmp_path), "DATABASE_URL": postgres_url})
    store = Store.open(settings)
    stub = StubBroker()
    with store.engine.connect() as other:
        other.execute(sa.text("SELECT pg_advisory_lock(:k)"), {"k": SWEEP_LOCK})
        assert sweep(store, stub, AT_ONCE) is None
        other.execute(sa.text("SELECT pg_advisory_unlock(:k)"), {"k": SWEEP_LOCK})
    assert sweep(store, stub, AT_ONCE) == []
    store.engine.dispose()


# -- retries ----------------------------------------------------------------------------------------


def outage() -> sqlalchemy.exc.OperationalError:
    return sqlalchemy.exc.OperationalError("SELECT 1", {}, ConnectionRefusedError("connection refused"))


def test_storage_errors_are_retried_for_minutes_while_a_defect_is_retried_a_few_times() -> None:
    assert storage_outage_waited_out_s() >= 120
    assert should_retry(actors.STORAGE_RETRIES - 1, outage())
    assert not should_retry(actors.STORAGE_RETRIES, outage())
    assert not should_retry(actors.MAX_RETRIES, ValueError("a defect"))
    assert actors.MAX_RETRIES < actors.STORAGE_RETRIES


def test_a_storage_error_is_recognised_through_the_exceptions_that_wrap_it() -> None:
    try:
        try:
            raise outage()
        except Exception as exc:
            raise RuntimeError("saving the result") from exc
    except RuntimeError as wrapped:
        assert is_storage_error(wrapped)
    assert not is_storage_error(KeyError("x"))


def test_a_stage_that_meets_a_storage_outage_is_retried_past_the_defect_limit_and_completes(
    store: Store, broker: StubBroker, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = RUNNERS["ingest"]
    calls: list[int] = []

    def flaky(ctx: Context, bundle_id: str, position: int):  # type: ignore[no-untyped-def]
        calls.append(position)
        if calls.count(position) <= actors.MAX_RETRIES + 2:
            raise outage()
        return real(ctx, bundle_id, position)

    monkeypatch.setitem(RUNNERS, "ingest", flaky)
    bundle_id = submit_files(store, broker, FILES[:1], "b", None)
    run_until_idle(broker)
    assert states(store, bundle_id)["ingest"] == "done"
    assert is_complete(store, bundle_id)


def test_bad_input_fails_once_and_a_defect_fails_after_its_few_retries(
    store: Store, broker: StubBroker, monkeypatch: pytest.MonkeyPatch
) -> None:
    def bad(ctx: Context, bundle_id: str, position: int):  # type: ignore[no-untyped-def]
        if position == 0:
            raise BadInput("not a spreadsheet")
        raise ValueError("a defect")

    monkeypatch.setitem(RUNNERS, "ingest", bad)
    bundle_id = submit_files(store, broker, FILES, "b", None)
    run_until_idle(broker)
    runs = {r.position: r for r in store.runs(bundle_id) if r.stage == "ingest"}
    assert runs[0].state == "failed" and runs[0].attempts == 1
    assert runs[1].state == "failed" and runs[1].attempts == actors.MAX_RETRIES + 1
    assert runs[1].error_code == "internal_error"
    # In words for the pack and the web app; the exception is for the log only.
    assert "could not ingest this file because of a fault in reviewpack" in (runs[1].error_message or "")
    assert "a defect" not in (runs[1].error_message or "") and "ValueError" not in (
        runs[1].error_message or ""
    )


def test_a_defect_in_a_stage_of_the_whole_bundle_is_told_as_the_bundles_in_words(
    store: Store, broker: StubBroker, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(ctx: Context, bundle_id: str, position: int):  # type: ignore[no-untyped-def]
        raise ValueError("a defect in the analysis")

    monkeypatch.setitem(RUNNERS, "analyse", broken)
    bundle_id = submit_files(store, broker, FILES, "b", None)
    run_until_idle(broker)
    [analyse] = [r for r in store.runs(bundle_id) if r.stage == "analyse"]
    assert analyse.state == "failed" and analyse.error_code == "internal_error"
    assert (analyse.error_message or "").startswith(
        "reviewpack could not analyse the bundle because of a fault"
    )
    assert "a defect" not in (analyse.error_message or "")


def test_a_stage_past_its_time_limit_is_stopped_and_failed_once_while_the_rest_goes_on(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = RUNNERS["ingest"]

    def slow_for_a(ctx: Context, bundle_id: str, position: int):  # type: ignore[no-untyped-def]
        if position == 0:
            for _ in range(300):  # Python code between sleeps, where dramatiq's time limit lands
                time.sleep(0.1)
        return real(ctx, bundle_id, position)

    monkeypatch.setitem(RUNNERS, "ingest", slow_for_a)
    stub = StubBroker()
    stub.emit_after("process_boot")
    build_actors(stub, Context(store), time_limit_s=2)
    try:
        bundle_id = submit_files(store, stub, FILES, "b", None)
        run_until_idle(stub)
    finally:
        stub.close()
    runs = {r.position: r for r in store.runs(bundle_id) if r.stage == "ingest"}
    assert runs[0].state == "failed" and runs[0].attempts == 1
    assert runs[0].error_code == "time_budget"
    assert runs[0].error_message == (
        "stopped after 2 seconds, the time allowed for one file; the rest of the bundle was read"
    )
    assert runs[1].state == "done"
    assert is_complete(store, bundle_id)


def test_each_stage_outcome_is_recorded_without_dramatiq_warning_that_a_value_was_discarded(
    store: Store, broker: StubBroker, caplog: pytest.LogCaptureFixture
) -> None:
    # The actors pass their outcome to StageState beside their return value, which is None.
    bad = IncomingFile("truncated.pdf", b"%PDF-1.7\n1 0 obj\n<< /Type /Catalog")
    bundle_id = submit_files(store, broker, [*FILES, bad], "b", None)
    with caplog.at_level("WARNING"):
        run_until_idle(broker)
    assert is_complete(store, bundle_id), store.runs(bundle_id)
    assert not [r.getMessage() for r in caplog.records if "returned a value" in r.getMessage()]
    refused = next(r for r in store.runs(bundle_id) if r.position == 2 and r.stage == "ingest")
    assert (refused.state, bool(refused.error_code)) == ("failed", True), refused
