"""A record's status from its checks: verified where at least one identity was tested and all
held, contradicted where one failed, unchecked where nothing could be tested."""

from __future__ import annotations

from typing import TypeVar

from extract.records import Check, Verification, Verified

R = TypeVar("R", bound=Verified)


def status(checks: list[Check]) -> Verification:
    if any(not c.held for c in checks):
        return Verification.CONTRADICTED
    return Verification.VERIFIED if checks else Verification.UNCHECKED


def verified(record: R, checks: list[Check], reading: list[str]) -> R:
    """The record with its checks, the readings chosen and its status."""
    return record.model_copy(
        update={"checks": list(checks), "reading": list(reading), "verification": status(checks)}
    )
