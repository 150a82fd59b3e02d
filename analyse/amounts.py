"""Reading a saving's or a budget line's money for the year under review.

A tracker gives a saving's target and forecast for one year; a plan gives its phasing by year. The
review compares like with like, so every sum here is for one period, and stated totals ("TOTAL
EFFICIENCY") are kept apart from the lines they total.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from collections.abc import Set as AbstractSet

from analyse.wording import content_words
from extract.records import BudgetLine, Extraction, PlanLine, SavingsLine
from extract.tables.vocabulary import TOTAL_TITLE
from extract.verify.tolerance import rounding_tolerance, within


def is_total(title: str) -> bool:
    """A row that states a total of the rows above it rather than a saving of its own."""
    return bool(TOTAL_TITLE.search(title or ""))


def planned_in(line: PlanLine, period: str | None) -> float | None:
    """The line's planned amount for `period` (summed where phased twice), or None."""
    amounts = [p.amount_gbp for p in line.planned if period is None or p.period == period]
    if not amounts:
        return None
    return sum(amounts) if period is not None else amounts[0]


def saving_target(line: SavingsLine, period: str | None) -> float | None:
    """What the saving is meant to deliver in `period`: a tracker's target, else the plan's phasing."""
    if line.target_gbp is not None and (period is None or line.period in (None, period)):
        return line.target_gbp
    return planned_in(line, period)


def item_savings(savings: Iterable[SavingsLine]) -> list[SavingsLine]:
    """The savings that are savings of their own: not a row titled as a total (`is_total`), nor a
    row whose target is the sum of another document's lines for its year (`sums_lines_of`)."""
    lines = [s for s in savings if not is_total(s.title)]
    return [s for s in lines if not sums_lines_of(s, lines)]


def sums_lines_of(line: SavingsLine, lines: Sequence[SavingsLine]) -> str | None:
    """The file whose two or more savings for the line's year add up to its target, to the
    precision they are printed to: the line is their total (a monitoring report's "People –
    Children's Services 4,850" beside the tracker's nine lines of it), not a saving. None where no
    file's lines do, or the line has no single year and target."""
    period = line.period or (line.planned[0].period if len(line.planned) == 1 else None)
    target = saving_target(line, period) if period else None
    if not target:
        return None
    by_file: dict[str, list[float]] = {}
    for other in lines:
        file = other.provenance[0].file
        if file != line.provenance[0].file and (amount := saving_target(other, period)) is not None:
            by_file.setdefault(file, []).append(amount)
    return next(
        (
            file
            for file, parts in by_file.items()
            if len(parts) >= 2 and within(sum(parts), target, rounding_tolerance(target, parts))
        ),
        None,
    )


def is_tracked(line: SavingsLine) -> bool:
    return line.target_gbp is not None or line.forecast_gbp is not None or line.rag is not None


def saving_key(line: SavingsLine) -> str:
    """What identifies one saving across a bundle's documents: its reference, else its title's words."""
    ref = (line.ref or "").strip().lower()
    return f"ref:{ref}" if ref else "title:" + " ".join(sorted(content_words(line.title)))


# Two titles this alike name one saving (an MTFP's line and the tracker's row for it).
SAME_TITLE = 0.75


def same_saving(a: SavingsLine, b: SavingsLine) -> bool:
    """Two records of one saving: the same reference where both have one, else titles this alike
    (`SAME_TITLE` of their words shared)."""
    if a.ref and b.ref:
        return _ref(a) == _ref(b)
    return _alike(content_words(a.title), content_words(b.title))


def _ref(line: SavingsLine) -> str:
    return (line.ref or "").strip().lower()


def _alike(words_a: AbstractSet[str], words_b: AbstractSet[str]) -> bool:
    if not words_a or not words_b:
        return False
    return len(words_a & words_b) / len(words_a | words_b) >= SAME_TITLE


class SameSavings:
    """The records of each saving among `lines` (`same_saving`), found without comparing every pair:
    by its reference, or among the titles sharing a word with its own (titles alike share one)."""

    def __init__(self, lines: Sequence[SavingsLine]) -> None:
        self._lines = list(lines)
        self._words = [frozenset(content_words(line.title)) for line in self._lines]
        self._by_ref: dict[str, list[int]] = {}
        self._by_word: dict[str, list[int]] = {}
        self._at: dict[int, list[int]] = {}  # by the record's identity: a record is its own saving
        for i, line in enumerate(self._lines):
            self._at.setdefault(id(line), []).append(i)
            if line.ref:
                self._by_ref.setdefault(_ref(line), []).append(i)
            for word in self._words[i]:
                self._by_word.setdefault(word, []).append(i)

    def of(self, line: SavingsLine) -> list[SavingsLine]:
        """The lines that are `line` or the same saving as it, in their order."""
        words = frozenset(content_words(line.title))
        alike = {i for w in words for i in self._by_word.get(w, ()) if not (line.ref and self._lines[i].ref)}
        found = {i for i in alike if _alike(words, self._words[i])}
        found |= set(self._by_ref.get(_ref(line), ())) if line.ref else set()
        found |= set(self._at.get(id(line), ()))
        return [self._lines[i] for i in sorted(found)]


def distinct_savings(savings: Iterable[SavingsLine]) -> list[SavingsLine]:
    """Each saving once: where a plan and a tracker both list it, the tracker's line (it says how
    delivery is going); rows of one document are all kept, even where two share a title."""
    lines = item_savings(savings)
    tracked = [line for line in lines if is_tracked(line)]
    return [
        line
        for line in lines
        if is_tracked(line)
        or not any(same_saving(line, t) and t.provenance[0].file != line.provenance[0].file for t in tracked)
    ]


def review_period(extraction: Extraction) -> str | None:
    """The year the review looks at: the one monitoring reports on, else the plan's first year."""
    monitored = Counter(b.period for b in extraction.budget_lines if b.period)
    if monitored:
        return _latest_most_common(monitored)
    tracked = Counter(s.period for s in extraction.savings if s.period)
    if tracked:
        return _latest_most_common(tracked)
    planned = sorted({p.period for s in extraction.savings for p in s.planned})
    return planned[0] if planned else None


def _latest_most_common(counts: Counter[str]) -> str:
    top = max(counts.values())
    return max(period for period, n in counts.items() if n == top)


_WHOLE = frozenset({"council", "grand", "net", "overall", "authority", "county", "revenue", "budget"})


def level_of(line: BudgetLine) -> str:
    """The line's level, reading a "COUNCIL TOTAL" or "Grand total" row as the total whatever its level."""
    if line.level != "total" and is_total(line.name) and not (content_words(line.name) - _WHOLE):
        return "total"
    return line.level


def in_period(lines: Iterable[BudgetLine], period: str | None) -> list[BudgetLine]:
    """The lines of `period`, each with its level read as `level_of` reads it; the fullest document
    first (the one with most lines in the year), so its total and children's rows are preferred."""
    found = [b for b in lines if period is None or b.period in (None, period)]
    found = [b if level_of(b) == b.level else b.model_copy(update={"level": "total"}) for b in found]
    counts = Counter(b.provenance[0].file for b in found)
    return sorted(found, key=lambda b: -counts[b.provenance[0].file])


def fullest_document(lines: list[BudgetLine]) -> list[BudgetLine]:
    """The lines of the document with most lines in the year (`in_period` puts it first): a bundle
    with two quarters' monitoring is judged on one, not on both at once."""
    if not lines:
        return []
    first = lines[0].provenance[0].file
    return [b for b in lines if b.provenance[0].file == first]
