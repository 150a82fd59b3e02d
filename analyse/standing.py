"""What a figure stands on: the document's own arithmetic, or a reviewer who checked it.

One place decides how far analysis may rely on an extracted record: a contradicted figure never
headlines and is never stated as fact; it is shown as printed, with why it is in doubt, until a
reviewer confirms or corrects it against the source.
"""

from __future__ import annotations

from typing import Literal

from extract.records import Check, Verification, Verified
from extract.verify.identities import MEMBER_IDENTITY, TOTAL_IDENTITY

# The checks that take a total's side against its lines, each as a reader says it: they tie the
# total to figures outside its own row and lines. Its own budget + variance = forecast is not one:
# a total misprinted in both columns holds it as well as a true one, and a report's text repeats
# the table it was written from.
# A line its total's shortfall points to: the documents state its figure elsewhere as exactly what
# its lines lack (analyse.slipped), so its printed figures are contradicted by that statement, and
# the total carries, held, that its shortfall is that line's (`LINE_STATED_ELSEWHERE`).
STATED_ELSEWHERE = "agrees with its figure stated elsewhere in the documents"
LINE_STATED_ELSEWHERE = "its lines fall short by one line's figure stated otherwise elsewhere"
SUPPORTING_WORDS = {
    MEMBER_IDENTITY: "it adds with the other totals into the table's grand total",
    LINE_STATED_ELSEWHERE: "the documents state one line under it otherwise by exactly what its lines lack",
}


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
    stating the same figure) the total may headline, marked wherever it is shown
    (`analyse.position`); a total that fails any other identity stays in doubt and never headlines."""
    failed = [c for c in record.checks if not c.held]
    if not in_doubt(record) or not failed or any(c.identity != TOTAL_IDENTITY for c in failed):
        return None
    return [c for c in record.checks if c.held]


def stated_otherwise(record: Verified) -> bool:
    """Whether every identity that failed on the record is its figure stated otherwise elsewhere
    (`STATED_ELSEWHERE`): its own table's arithmetic holds, another statement contradicts it."""
    failed = [c for c in record.checks if not c.held]
    return bool(failed) and all(c.identity == STATED_ELSEWHERE for c in failed)


def first_failure(record: Verified) -> str:
    """What the first identity that failed on the record says, in words ('' where none failed)."""
    return next((c.detail for c in record.checks if not c.held), "")


def supported_by(record: Verified) -> list[Check]:
    """Of the identities that held on a total only its lines contradict, those that take the
    total's side (`SUPPORTING_WORDS`): only with one of them may the pack say a line, not the
    total, is the likelier error."""
    return [c for c in doubted_only_by_its_lines(record) or [] if c.identity in SUPPORTING_WORDS]


def doubt(record: Verified, detail: bool = True) -> str:
    """A sentence for a record in doubt ('' otherwise): that its table's arithmetic does not
    agree, with what it says where `detail`. A total only its lines contradict is said to be the
    side in doubt, or its lines, only where a check supports one side, which it names."""
    if not in_doubt(record):
        return ""
    failed = first_failure(record) if detail else ""
    why = f" ({failed})" if failed else ""
    if stated_otherwise(record):
        return f" As printed; the documents state it otherwise{why}: ask the council to confirm it."
    if doubted_only_by_its_lines(record) is None:
        return f" As printed; its table's own arithmetic does not agree{why}, so it is to be confirmed."
    support = supported_by(record)
    named = next((c for c in support if c.identity == LINE_STATED_ELSEWHERE), None)
    if named is not None:
        # the documents name the line: it, not the total, is the likelier error
        return f" The lines under it do not add up to it{why}; {named.detail}, so that line is the likelier error."
    if support:
        said = "; ".join(f"{SUPPORTING_WORDS[c.identity]} ('{c.identity}' holds)" for c in support)
        return f" The lines under it do not add up to it{why}; {said}, so a line is the likelier error: ask which."
    return (
        f" Its table does not add up{why}: either this total or a line under it is wrong, and no other "
        "check says which: ask which."
    )


def caveat(record: Verified) -> str:
    """The few words every figure of a record in doubt is printed with ('' otherwise), by
    `render.refs.Figures` wherever it is shown (and what is worked out from it): no figures, so
    that the words stand beside the figure they qualify. A total only its lines contradict that a
    check supports is "as reported": the report's figure, its lines the likelier error."""
    if not in_doubt(record):
        return ""
    if stated_otherwise(record):
        return "in doubt: the documents state it otherwise"
    if doubted_only_by_its_lines(record) is None:
        return "in doubt: its table's arithmetic does not agree"
    if supported_by(record):
        # a check takes the total's side: the figure is as the report states it, its lines are
        # the likelier error (said once a sentence, render.refs.doubt_once)
        return "as reported; its lines do not add up to it"
    return "in doubt: its table does not add up"
