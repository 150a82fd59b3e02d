"""Limits on what one upload may hold, so a hostile or mistaken file cannot exhaust the machine."""

from __future__ import annotations

from ingest.records import Record

MB = 1024 * 1024


class Limits(Record):
    """Bounds checked at ingest. Defaults suit a council's budget papers with room to spare."""

    max_bytes: int = 100 * MB
    max_pages: int = 2000
    # A zip that expands past this many bytes, or by more than `max_zip_ratio`, is a zip bomb.
    max_unzipped_bytes: int = 1024 * MB
    max_zip_ratio: int = 200
    max_zip_members: int = 5000
    max_zip_depth: int = 3


DEFAULT_LIMITS = Limits()
