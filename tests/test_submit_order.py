"""A bundle's files are queued largest first, so the slowest read starts first (issue 14)."""

from __future__ import annotations

from pathlib import Path

from dramatiq import Message
from dramatiq.brokers.stub import StubBroker

from ingest.bundle import IncomingFile
from workers.broker import queue_for
from workers.pipeline import PIPELINE
from workers.settings import load_settings
from workers.store import Store
from workers.submit import largest_first, submit_files


def test_positions_are_ordered_by_size_largest_first() -> None:
    files = [
        IncomingFile("a.csv", b"x" * 10),
        IncomingFile("b.pdf", b"x" * 300),
        IncomingFile("c.txt", b"x" * 20),
    ]
    assert largest_first(files) == [1, 2, 0]


def test_the_largest_file_is_queued_first_and_keeps_its_position(tmp_path: Path) -> None:
    store = Store.open(load_settings({"REVIEWPACK_HOME": str(tmp_path)}))
    broker = StubBroker()
    broker.declare_queue(queue_for(PIPELINE[0].name))
    files = [IncomingFile("small.csv", b"a,b\n1,2\n"), IncomingFile("big.csv", b"a,b\n" + b"1,2\n" * 500)]
    bundle_id = submit_files(store, broker, files, "two files", None)
    queue = broker.queues[queue_for(PIPELINE[0].name)].queue
    queued = [Message.decode(encoded).args for encoded in queue]
    assert queued == [(bundle_id, 1), (bundle_id, 0)]  # the big file, second in the bundle, first
    assert [f.name for f in store.files(bundle_id)] == ["small.csv", "big.csv"]  # the bundle's order kept
