"""The project's one exception tree. Every stage raises from here.

    ReviewpackError                 base of everything we raise on purpose
    ├── BadInput                    the input is at fault; never retried, recorded against the file
    │   ├── EmptyFile               zero bytes
    │   ├── CorruptFile             truncated or unreadable container (zip, PDF, OOXML)
    │   ├── EncryptedFile           password-protected; we never try to break it
    │   ├── UnsupportedFormat       a format we do not read (images, executables, ...)
    │   ├── TooLarge                over a limit of ingest.limits (size, pages, rows, cells, ...)
    │   ├── NoTextLayer             a scanned document with no text to read
    │   └── Skipped                 not a document: OS clutter, an Office lock file, a link
    ├── PageFailure                 one page could not be read; caught by its reader and recorded
    ├── StoreError                  blob store or database trouble; retried by the workers
    └── NotFound                    an id that does not exist (bundle, result, blob)

Problems with one page or one table are not raised: they are recorded on the result as an
error record (`DocError`) and the document's status becomes `partial`.
"""

from __future__ import annotations

# The code of a defect in reviewpack itself (never the input's fault), recorded against a file.
INTERNAL_ERROR = "internal_error"


def fault_message(doing: str = "read", *, whole_bundle: bool = False) -> str:
    """What a person is told of a defect in reviewpack: plain words, never the exception's text
    (that goes to the log, where whoever reports it can find it), in every output and page."""
    if whole_bundle:
        return (
            f"reviewpack could not {doing} the bundle because of a fault in reviewpack, not in its "
            "files. The details are in reviewpack's log: please report it"
        )
    return (
        f"reviewpack could not {doing} this file because of a fault in reviewpack, not in the file; "
        "the rest of the bundle was read. The details are in reviewpack's log: please report it"
    )


class ReviewpackError(Exception):
    """Base of every exception reviewpack raises deliberately."""


class BadInput(ReviewpackError):
    """The input file is at fault. Carries a machine-readable code and the file name."""

    code = "bad_input"

    def __init__(self, message: str, *, file: str = "", page: int | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.file = file
        self.page = page

    def __str__(self) -> str:
        where = f"{self.file}: " if self.file else ""
        return f"{where}{self.message}"


class EmptyFile(BadInput):
    code = "empty_file"


class CorruptFile(BadInput):
    code = "corrupt_file"


class EncryptedFile(BadInput):
    code = "encrypted_file"


class UnsupportedFormat(BadInput):
    code = "unsupported_format"


class TooLarge(BadInput):
    code = "too_large"


class NoTextLayer(BadInput):
    code = "no_text_layer"


class Skipped(BadInput):
    """Deliberately passed over unread, with the reason recorded, so every file is accounted for."""

    code = "skipped"


class PageFailure(ReviewpackError):
    """One page failed at one step of reading (`step`); the cause is chained. Readers catch it
    and record the page with `ingest.problems.unreadable_page`; it never leaves a reader."""

    def __init__(self, step: str) -> None:
        super().__init__(f"the {step} step failed")
        self.step = step


class StoreError(ReviewpackError):
    """The blob store or database failed; transient, so workers retry it."""


class NotFound(ReviewpackError):
    """An id that does not exist."""
