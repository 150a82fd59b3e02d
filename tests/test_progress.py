"""A bundle's progress, read from the store: a rebuild asked for and not finished keeps the
bundle's own stages unfinished, whatever their states say."""

from __future__ import annotations

from pathlib import Path

from workers.pipeline import BUNDLE_POSITION, bundle_stages
from workers.progress import bundle_progress, in_words, is_complete, steps
from workers.settings import load_settings
from workers.store import Store


def test_a_rebuild_asked_for_before_its_stages_are_sent_again_is_told_as_rebuilding(tmp_path: Path) -> None:
    store = Store.open(load_settings({"REVIEWPACK_HOME": str(tmp_path)}))
    bundle_id = store.create_bundle("test", [], council=None)
    for stage in bundle_stages():
        store.set_state(bundle_id, BUNDLE_POSITION, stage.name, "done")

    def bundle_row() -> tuple[str, tuple[int, int], bool]:
        [item] = bundle_progress(store, bundle_id)
        return in_words(item), steps(item), is_complete(store, bundle_id)

    assert bundle_row() == ("done", (2, 2), True)
    generation = store.request_rebuild(bundle_id)  # rerun_bundle_stages, before it sends the stages
    assert bundle_row() == ("rebuilding with the latest changes: waiting to start", (1, 2), False)
    store.finish_rebuild(bundle_id, generation)
    assert bundle_row() == ("done", (2, 2), True)
