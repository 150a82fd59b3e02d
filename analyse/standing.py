"""What a figure stands on: the document's own arithmetic, or a reviewer who checked it.

One place decides how far analysis may rely on an extracted record: a contradicted figure never
headlines and is never stated as fact; it is shown as printed, with why it is in doubt, until a
reviewer confirms or corrects it against the source.
"""

from __future__ import annotations

from typing import Literal

from extract.records import Verification, Verified


def reviewer_settled(record: Verified) -> Literal["confirmed", "corrected"] | None:
    """'confirmed' or 'corrected' where a reviewer's last word on the record's figures is one of
    them: a person who checked the source settles what the arithmetic could not."""
    for review in reversed(record.reviewed):
        if review.action == "confirmed" or review.action == "corrected":
            return review.action
    return None


def in_doubt(record: Verified) -> bool:
    """Contradicted by its table's arithmetic, and not settled by a reviewer."""
    return record.verification is Verification.CONTRADICTED and reviewer_settled(record) is None


def first_failure(record: Verified) -> str:
    """What the first identity that failed on the record says, in words ('' where none failed)."""
    return next((c.detail for c in record.checks if not c.held), "")


def doubt(record: Verified, detail: bool = True) -> str:
    """A sentence for a record in doubt ('' otherwise): that its table's arithmetic does not
    agree, with what it says where `detail`."""
    if not in_doubt(record):
        return ""
    failed = first_failure(record) if detail else ""
    why = f" ({failed})" if failed else ""
    return f" As printed; its table's own arithmetic does not agree{why}, so it is to be confirmed."
