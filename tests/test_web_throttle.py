"""The sign-in and token throttle: free tries, then waits that double to a cap, per key, shared
through the database by every process."""

from __future__ import annotations

from pathlib import Path

from workers.db import make_engine, migrate
from workers.web.throttle import ACCOUNT_AT_ADDRESS, FORGET_AFTER_S, Throttle, login_keys, wait_for


class Clock:
    def __init__(self) -> None:
        self.now = 1_000_000.0

    def __call__(self) -> float:
        return self.now


def _throttles(tmp_path: Path) -> tuple[Throttle, Throttle, Clock]:
    engine = make_engine(f"sqlite:///{tmp_path / 'db.sqlite'}")
    migrate(engine)
    clock = Clock()
    # Two throttles on one database stand for two web processes.
    return Throttle(engine, clock), Throttle(engine, clock), clock


def test_the_wait_starts_after_the_free_tries_and_doubles_to_its_cap() -> None:
    rule = ACCOUNT_AT_ADDRESS
    waits = [wait_for(rule, n) for n in range(rule.free + 8)]
    assert waits[: rule.free] == [0.0] * rule.free
    assert waits[rule.free : rule.free + 3] == [30.0, 60.0, 120.0]
    assert max(waits) == rule.max_wait_s == waits[-1]


def test_failures_counted_in_one_process_lock_the_pair_in_another_and_nowhere_else(tmp_path: Path) -> None:
    one, other, clock = _throttles(tmp_path)
    guessed = login_keys("officer@kent.gov.uk", "203.0.113.9")
    for _ in range(ACCOUNT_AT_ADDRESS.free):
        assert other.wait_s(guessed) == 0
        one.failed(guessed)
    assert other.wait_s(guessed) == 30
    assert other.wait_s(login_keys("officer@kent.gov.uk", "198.51.100.7")) == 0
    clock.now += 31
    assert other.wait_s(guessed) == 0
    one.failed(guessed)
    assert other.wait_s(guessed) == 60  # the next failure waits twice as long


def test_a_success_or_a_quiet_day_clears_the_count(tmp_path: Path) -> None:
    one, other, clock = _throttles(tmp_path)
    keys = login_keys("officer@kent.gov.uk", "203.0.113.9")
    for _ in range(ACCOUNT_AT_ADDRESS.free - 1):
        one.failed(keys)
    other.succeeded(keys[0])
    one.failed(keys)
    assert one.wait_s(keys) == 0
    for _ in range(ACCOUNT_AT_ADDRESS.free):
        one.failed(keys)
    clock.now += FORGET_AFTER_S + 1
    one.failed(keys)  # the first failure of a new count
    assert one.wait_s(keys) == 0
