"""Records the ingest stage produces: one `Document` per file received."""

from __future__ import annotations

from enum import StrEnum

from pydantic import BaseModel, ConfigDict, Field

from ingest.errors import Skipped


class Record(BaseModel):
    """Base of every record: frozen, no unknown fields, JSON round-trippable."""

    model_config = ConfigDict(frozen=True, extra="forbid", defer_build=True)


class Format(StrEnum):
    PDF = "pdf"
    DOCX = "docx"
    XLSX = "xlsx"
    CSV = "csv"
    PPTX = "pptx"
    HTML = "html"
    TEXT = "text"
    UNKNOWN = "unknown"


class DocumentKind(StrEnum):
    SAVINGS_PLAN = "savings_plan"
    MTFP = "mtfp"
    BUDGET_MONITORING = "budget_monitoring"
    STRATEGIC_PLAN = "strategic_plan"
    COMMITTEE_REPORT = "committee_report"
    RISK_REGISTER = "risk_register"
    OTHER = "other"


class Status(StrEnum):
    OK = "ok"
    PARTIAL = "partial"
    FAILED = "failed"


# The error codes that mean a whole page went unread (PDF text layer, OCR); other codes with a
# page (a row, a low OCR confidence) say the page was read, with a caveat.
PAGE_LOST_CODES = frozenset({"page_unreadable", "page_layout_unreadable", "ocr_page_failed", "too_large"})


class DocError(Record):
    """A problem recorded against a document (or one of its pages) instead of being raised."""

    code: str
    message: str
    page: int | None = None

    @property
    def page_lost(self) -> bool:
        return self.page is not None and self.code in PAGE_LOST_CODES


class Document(Record):
    """One file of a bundle, as checked and classified at ingest.

    `file` is the name the council gave it (path inside a zip included); the bytes are stored
    unchanged under `sha256`.
    """

    file: str
    sha256: str
    size: int
    format: Format
    kind: DocumentKind = DocumentKind.OTHER
    kind_reasons: list[str] = Field(default_factory=list)
    status: Status = Status.OK
    pages: int | None = None
    errors: list[DocError] = Field(default_factory=list)
    duplicate_of: str | None = None

    @property
    def skipped(self) -> bool:
        """Passed over as not a document (a lock file, OS clutter, a link): listed, never chased."""
        return any(error.code == Skipped.code for error in self.errors)

    def contract(self) -> dict[str, object]:
        """The document as extraction.json shows it (contract fields plus our additions)."""
        return self.model_dump(mode="json")


def refused_document(name: str, sha256: str, size: int, error: DocError) -> Document:
    """A file refused before it was read (by the bundle, or skipped), with its reason."""
    return Document(
        file=name, sha256=sha256, size=size, format=Format.UNKNOWN, status=Status.FAILED, errors=[error]
    )
