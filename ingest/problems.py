"""A page that could not be read, as a reader of the pack is told it.

This is the one place where an exception on a page becomes a `DocError`. The record says, in
plain words, which page of which file was lost and at which step; the exception itself, class
name and traceback, goes to the log only, so it never reaches a pack, the web app or a deck.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from enum import StrEnum

from ingest.errors import BadInput, PageFailure
from ingest.records import DocError

log = logging.getLogger(__name__)


class PageStep(StrEnum):
    """The step of reading a page that failed; each has its code and its reason."""

    TEXT = "text"
    LAYOUT = "layout"
    OCR = "ocr"


REASONS: dict[PageStep, tuple[str, str]] = {
    PageStep.TEXT: ("page_unreadable", "its text could not be read"),
    PageStep.LAYOUT: ("page_layout_unreadable", "its table layout was not understood"),
    PageStep.OCR: ("ocr_page_failed", "the scan of it could not be read by OCR"),
}


@contextmanager
def page_step(step: PageStep) -> Iterator[None]:
    """Run one step of reading a page; any failure in it becomes a `PageFailure` naming the step."""
    try:
        yield
    except BadInput:
        raise  # bad input on a page (over a limit) is recorded as such by its reader
    except Exception as exc:  # noqa: BLE001 - a defect on one page must not lose the others
        raise PageFailure(step.value) from exc


def unreadable_page(file: str, page: int, step: PageStep, detail: BaseException | str) -> DocError:
    """The record of a lost page: a plain reason naming the file and page, the detail logged."""
    code, reason = REASONS[step]
    cause = detail.__cause__ if isinstance(detail, PageFailure) and detail.__cause__ else detail
    if isinstance(cause, BaseException):
        log.warning("page %d of %s: %s step failed", page, file, step.value, exc_info=cause)
    else:
        log.warning("page %d of %s: %s step failed: %s", page, file, step.value, cause)
    return DocError(code=code, message=f"page {page} of {file} could not be read: {reason}", page=page)
