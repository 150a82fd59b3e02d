"""Sorting and paging of the pages' tables by query parameters (`sort`, `order`, `page`), so a
table works without script and a sorted, paged view has its own address."""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

PER_PAGE = 50  # rows on one page of a table


@dataclass(frozen=True)
class TableView:
    rows: list[dict[str, Any]]
    sort: str
    descending: bool
    page: int
    pages: int
    total: int

    def first_row(self) -> int:
        return (self.page - 1) * PER_PAGE + 1 if self.total else 0

    def last_row(self) -> int:
        return min(self.page * PER_PAGE, self.total)


def table_view(
    rows: Sequence[dict[str, Any]], columns: Sequence[str], sort: str, order: str, page: int
) -> TableView:
    """The rows sorted by `sort` (one of `columns`, else as they came), ascending unless order is
    "desc", blanks last either way; then page `page` of them (clamped to the pages there are)."""
    descending = order == "desc"
    ordered = list(rows)
    if sort in columns:
        filled = [r for r in ordered if r.get(sort) not in (None, "")]
        blank = [r for r in ordered if r.get(sort) in (None, "")]
        filled.sort(key=lambda r: _key(r[sort]), reverse=descending)
        ordered = filled + blank
    else:
        sort, descending = "", False
    pages = max(1, math.ceil(len(ordered) / PER_PAGE))
    page = min(max(page, 1), pages)
    shown = ordered[(page - 1) * PER_PAGE : page * PER_PAGE]
    return TableView(shown, sort, descending, page, pages, len(ordered))


def _key(value: object) -> tuple[int, float, str]:
    if isinstance(value, bool):
        return (0, float(value), "")
    if isinstance(value, int | float):
        return (0, float(value), "")
    return (1, 0.0, str(value).lower())


def with_params(params: Mapping[str, str], **changes: object) -> str:
    """The query string of this page with some parameters changed ("" or None drops one)."""
    merged = {k: v for k, v in params.items() if k not in changes and k != "format"}
    merged.update({k: str(v) for k, v in changes.items() if v not in (None, "")})
    return "?" + urlencode(merged)
