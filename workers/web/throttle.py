"""Slowing password and token guessing without letting a stranger lock a user out.

Failed sign-ins are counted per (account, client address): after a few, that pair waits, twice
as long after each further failure, up to a cap. Wrong passwords sent from one address therefore
never stop the real user signing in from theirs. One address failing across many accounts
(password spraying) and one address sending unknown API tokens are counted the same way on
their own, with more free tries. Counts live in the database, so every web process shares them.
The client address is the connection's, or a trusted proxy's X-Forwarded-For (app.py).
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import sqlalchemy as sa
from fastapi import Request

from workers.db import login_throttle, upsert


@dataclass(frozen=True)
class Rule:
    free: int  # failures allowed before the first wait
    first_wait_s: float  # the wait after the `free`-th failure; it doubles with each one after
    max_wait_s: float  # the longest wait


ACCOUNT_AT_ADDRESS = Rule(free=5, first_wait_s=30, max_wait_s=15 * 60)
ADDRESS = Rule(free=50, first_wait_s=60, max_wait_s=60 * 60)
TOKENS_FROM_ADDRESS = Rule(free=20, first_wait_s=60, max_wait_s=60 * 60)
FORGET_AFTER_S = 24 * 3600  # a count with no failure for this long starts again from nothing

Key = tuple[str, Rule]


def login_keys(email: str, address: str) -> list[Key]:
    return [
        (f"login {email[:320]} from {address[:64]}", ACCOUNT_AT_ADDRESS),
        (f"address {address[:64]}", ADDRESS),
    ]


def token_keys(address: str) -> list[Key]:
    return [(f"token {address[:64]}", TOKENS_FROM_ADDRESS)]


def client_address(request: Request) -> str:
    return request.client.host if request.client else "unknown"


def wait_for(rule: Rule, failures: int) -> float:
    if failures < rule.free:
        return 0.0
    return float(min(rule.first_wait_s * 2 ** min(failures - rule.free, 32), rule.max_wait_s))


class Throttle:
    def __init__(self, engine: sa.Engine, clock: Callable[[], float] = time.time) -> None:
        self.engine = engine
        self.clock = clock

    def wait_s(self, keys: Sequence[Key]) -> int:
        """Whole seconds until every key is free again; 0 when none is locked."""
        now = self.clock()
        names = [name for name, _ in keys]
        with self.engine.connect() as conn:
            until = conn.execute(
                sa.select(sa.func.max(login_throttle.c.locked_until)).where(login_throttle.c.key.in_(names))
            ).scalar()
        return max(0, math.ceil((until or 0) - now))

    def failed(self, keys: Sequence[Key]) -> None:
        now = self.clock()
        with self.engine.begin() as conn:
            conn.execute(login_throttle.delete().where(login_throttle.c.last_failure < now - FORGET_AFTER_S))
            for name, rule in keys:
                before = conn.execute(
                    sa.select(login_throttle.c.failures).where(login_throttle.c.key == name)
                ).scalar()
                failures = (before or 0) + 1
                values = {
                    "key": name,
                    "failures": failures,
                    "last_failure": now,
                    "locked_until": now + wait_for(rule, failures),
                }
                upsert(conn, login_throttle, values, update=["failures", "last_failure", "locked_until"])

    def succeeded(self, key: Key) -> None:
        with self.engine.begin() as conn:
            conn.execute(login_throttle.delete().where(login_throttle.c.key == key[0]))
