"""Whose national figures these are: where the national tables do not hold the council, the user
may choose another council's figures to stand in for it (`review.council.benchmarked_as`), and
every place the pack, deck or workbook shows one of those figures says so, in the same words.

A figure is from the national tables when its record's sources are files the review's benchmarks
or drivers model were read from (their provenance names the dataset, never a council's document).
`stand_in` alone decides the label: the pack's notes and findings, the deck's slides and the
workbook's rows all ask it.
"""

from __future__ import annotations

from collections.abc import Iterable

from analyse.records import Review
from extract.records import Provenance


def national_files(review: Review) -> set[str]:
    """The files of the national tables this review's benchmarks and drivers model cite."""
    provs = [p for b in review.benchmarks for p in b.provenance] + list(review.drivers.provenance)
    return {p.file for p in provs}


def stand_in(review: Review, provenance: Iterable[Provenance] | None = None) -> str:
    """The label, " These are <council>'s national figures, standing in for this council.", where
    the user chose another council's figures and (given `provenance`) any of those sources is a
    national table; "" otherwise."""
    other = review.council.benchmarked_as
    if not other:
        return ""
    if provenance is not None and not national_files(review) & {p.file for p in provenance}:
        return ""
    return f" These are {other}'s national figures, standing in for this council."


COUNCIL = "This council"  # a chart's name for the council's own figures


def council_line(review: Review, provenance: Iterable[Provenance] | None = None) -> str:
    """A chart's name for the council's series: "This council", or the council whose figures
    stand in for it (as `stand_in` decides), "<council> (standing in)"."""
    other = review.council.benchmarked_as
    return f"{other} (standing in)" if other and stand_in(review, provenance) else COUNCIL


def headlines(review: Review, provenance: Iterable[Provenance]) -> bool:
    """Whether a finding citing `provenance` may be a headline card: never one resting on another
    council's figures standing in (they are not the council's; the benchmarking section shows
    them, labelled)."""
    return not stand_in(review, provenance)


def whose(review: Review, provenance: Iterable[Provenance]) -> str:
    """A card title's opening where its figures are another council's, standing in: "<council>
    (standing in): "; "" otherwise."""
    line = council_line(review, provenance)
    return f"{line}: " if line != COUNCIL else ""
