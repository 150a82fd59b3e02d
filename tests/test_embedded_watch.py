"""The progress display of `reviewpack run` is woken as each stage ends, once its end is stored."""

from __future__ import annotations

from pathlib import Path

from dramatiq.brokers.stub import StubBroker

from tests.pipeline_helpers import embedded_settings
from workers.embedded import StageEnded, embedded_worker
from workers.progress import is_complete
from workers.store import Store
from workers.submit import submit_paths


class StatesSeen(StageEnded):
    """StageEnded that notes, as it wakes the display, the state stored for the message's stage."""

    def __init__(self, store: Store) -> None:
        super().__init__()
        self.store = store
        self.seen: list[tuple[str, str]] = []

    def after_process_message(self, broker, message, **kwargs) -> None:  # type: ignore[no-untyped-def]
        bundle_id, position = message.args
        run = next(
            r for r in self.store.runs(bundle_id) if r.position == position and r.stage == message.actor_name
        )
        self.seen.append((message.actor_name, run.state))
        super().after_process_message(broker, message, **kwargs)


def test_the_display_is_woken_after_each_stage_has_stored_how_it_ended(tmp_path: Path) -> None:
    bundle = tmp_path / "budget.csv"
    bundle.write_text("Service,Budget\nChildren's social care,1200\nEarly help,300\n")
    settings = embedded_settings(tmp_path / "home", processes=1)
    store = Store.open(settings)
    broker = StubBroker()
    broker.emit_after("process_boot")
    ended = StatesSeen(store)
    broker.add_middleware(ended)  # as run_embedded does: before the actors' own middleware
    try:
        with embedded_worker(broker, store, settings):
            bundle_id = submit_paths(store, broker, [bundle], "886")
            for _ in range(600):
                if is_complete(store, bundle_id):
                    break
                ended.event.wait(1.0)
                ended.event.clear()
    finally:
        broker.close()
    assert is_complete(store, bundle_id)
    assert [stage for stage, _ in ended.seen] == ["ingest", "extract", "analyse", "render"]
    assert {state for _, state in ended.seen} == {"done"}
