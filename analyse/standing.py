"""What a figure stands on: the document's own arithmetic, or a reviewer who checked it.

One place decides how far analysis may rely on an extracted record: a contradicted figure never
headlines and is never stated as fact; it is shown as printed, with why it is in doubt, until a
reviewer confirms or corrects it against the source.
"""

from __future__ import annotations

from typing import Literal

from extract.records import Check, Verification, Verified
from extract.verify.identities import TOTAL_IDENTITY


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


def doubted_only_by_its_lines(record: Verified) -> list[Check] | None:
    """The identities that held on a total in doubt whose only failure is that the lines under
    it do not add up to it (its own budget + variance = forecast, its place in a larger total);
    None for any other record. Where something holds it up (these, or the document's text
    stating the same figure) the total is the document's figure and the doubt is its lines'
    (`analyse.position`); a total that fails any other identity stays in doubt."""
    failed = [c for c in record.checks if not c.held]
    if not in_doubt(record) or not failed or any(c.identity != TOTAL_IDENTITY for c in failed):
        return None
    return [c for c in record.checks if c.held]


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
    if doubted_only_by_its_lines(record):
        return f" Its own figures hold, but the lines under it do not add up to it{why}: ask which line."
    return f" As printed; its table's own arithmetic does not agree{why}, so it is to be confirmed."
