"""Figures the documents state in prose that a reviewer would flag: overspends, budget gaps, savings
at risk. Committee minutes and scrutiny reports often give only these ("CYPS had an overspend of
£9.517 million"), with no table to read a budget line from; the flag quotes the sentence.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from typing import TypeVar

from analyse.explained import states_cause
from analyse.records import Flag, Reconciliation, Scope
from analyse.scope import ScopeIndex
from analyse.wording import REMAINS, content_words, gbp, is_bound, said_as, stated_as_now, with_article
from extract.records import Figure, FigureUnit, Provenance
from extract.tables.vocabulary import CUMULATIVE_GAP
from extract.verify.tolerance import PROSE_HALF_UNIT, places_half_unit, within

# Each kind's words; an overspend is said with the word its own sentence says it with ("forecast",
# "outturn": analyse.wording.said_as), and plainly where the sentence says none.
KINDS: list[tuple[str, re.Pattern[str], str]] = [
    (
        "stated_overspend",
        re.compile(r"overspend|over-spend|overspent", re.I),
        "overspend",
    ),
    (
        "stated_budget_gap",
        re.compile(r"\bgap\b|\b(budget|funding|financial)\s+shortfall\b", re.I),
        "budget gap",
    ),
    (
        "stated_savings_at_risk",
        re.compile(r"at risk|undeliverable|unachievable|not (be )?delivered", re.I),
        "savings at risk",
    ),
]


def figure_flags(figures: list[Figure], scopes: ScopeIndex) -> list[Flag]:
    """One flag per distinct stated amount of each kind (a figure repeated in a document counts once,
    and its mention with a year is preferred to one without), placed by `ScopeIndex.stated`. One
    amount a document states twice at different precisions ("£7.15m" in its recommendations, "an
    overspend of £7,147,100" in its summary) for the same scope and stage is one overspend, flagged
    once citing both (`_one_amount`), not a second finding. Nor is the gap a plan says remains after
    its savings a second gap: flagged once, as the gap of the same year and document, citing both
    (`_same_gap`). Each flag says the stage its sentence states ("An overspend of £5.9m after
    management actions": extract.stage)."""
    seen: set[tuple[str, float]] = set()
    out: list[tuple[Figure, Flag]] = []
    for figure in sorted(figures, key=lambda f: f.period is None):
        if figure.unit != FigureUnit.GBP or figure.value <= 0:
            continue
        for code, pattern, what in KINDS:
            key = (code, round(figure.value))
            if pattern.search(figure.label or "") and key not in seen and _flagged(code, figure):
                seen.add(key)
                flag = _flag(code, what, figure, scopes.stated(figure))
                at = next(
                    (
                        i
                        for i, (f, kept) in enumerate(out)
                        if _one_amount(kept, f, flag, figure) or _same_gap(kept, f, flag, figure)
                    ),
                    None,
                )
                if at is None:
                    out.append((figure, flag))
                    continue
                # the gap before savings is the flag; the gap remaining after them is cited beside it
                gap_first = _remains(out[at][0]) and not _remains(figure)
                (base_figure, base), other = ((figure, flag), out[at][1]) if gap_first else (out[at], flag)
                update: dict[str, object] = {
                    "provenance": cited_by_both(base.provenance, other.provenance),
                    "scope": base.scope or other.scope,
                }
                other_figure = out[at][0] if gap_first else figure
                if _same_gap(base, base_figure, other, other_figure):
                    update["message"] = (
                        f'{base.message} What remains after savings: "{_quoted(other_figure)}"'
                    )
                out[at] = (base_figure, base.model_copy(update=update))
    return [flag for _, flag in out]


def _one_amount(kept: Flag, kept_figure: Figure, flag: Flag, figure: Figure) -> bool:
    """Two stated flags of one kind, one document, one scope (or one not placed), one year and one
    stage (or one stating none) whose amounts agree to the precision each is printed at (a figure given to no places is exact)."""

    def half_unit(f: Figure) -> float:
        return places_half_unit(f.places, 1e6) if f.places is not None else 0.5

    return (
        kept.code == flag.code
        and kept.provenance[0].file == flag.provenance[0].file
        and (kept.scope == flag.scope or None in (kept.scope, flag.scope))
        and kept_figure.period == figure.period
        and (kept_figure.stage == figure.stage or None in (kept_figure.stage, figure.stage))
        and within(kept_figure.value, figure.value, half_unit(kept_figure) + half_unit(figure))
    )


def _remains(figure: Figure) -> bool:
    return bool(REMAINS.search(figure.label or ""))


def _same_gap(kept: Flag, kept_figure: Figure, flag: Flag, figure: Figure) -> bool:
    """A year's budget gap and the gap its plan says remains after savings, in one document: one
    gap, before and after its savings, flagged once."""
    return (
        kept.code == flag.code == "stated_budget_gap"
        and _remains(kept_figure) != _remains(figure)
        and kept_figure.period is not None
        and kept_figure.period == figure.period
        and kept_figure.provenance[0].file == figure.provenance[0].file
    )


def _flagged(code: str, figure: Figure) -> bool:
    """An overspend is flagged where its sentence states it as the position now: not one that would
    follow on a condition ("would reduce to £7.27m"), nor an earlier report's ("compares with £6.02m
    reported at Quarter 1"), which are not the forecast (analyse.wording.stated_as_now). No figure
    printed as a bound ("Red = overspend of £500k or more": analyse.wording.is_bound) is flagged."""
    if is_bound(figure.text, figure.value):
        return False  # a threshold ("a gap of £1m or more is reported"), of any kind, is no figure
    return code != "stated_overspend" or stated_as_now(figure.text, figure.value)


T = TypeVar("T")


def same_amount(one: float, other: float) -> bool:
    """Equal at prose's printed precision (extract.verify.tolerance.PROSE_HALF_UNIT), signs aside (a
    table prints a drawdown in brackets)."""
    return within(abs(one), abs(other), PROSE_HALF_UNIT)


def once_each(found: Iterable[T], same: Callable[[T, T], bool], merged: Callable[[T, T], T]) -> list[T]:
    """Each fact once, in the order first read: one `same` as a fact already kept is `merged` into
    it (citing both) rather than listed again."""
    out: list[T] = []
    for item in found:
        at = next((i for i, kept in enumerate(out) if same(kept, item)), None)
        if at is None:
            out.append(item)
        else:
            out[at] = merged(out[at], item)
    return out


def cited_by_both(kept: list[Provenance], other: list[Provenance]) -> list[Provenance]:
    """The places two statements of one fact are read from, each once, the kept one's first."""
    return kept + [p for p in other if p not in kept]


def not_restated(stated: list[Flag], from_tables: list[Flag]) -> list[Flag]:
    """The stated figures that no table already gives: "Residential placements are forecast to
    overspend by £5.0m" says again what the table's £5,050k line says, and one finding is one flag.
    A table of the same document, or of another (a report's appendix) where the sentence names the
    table's line ("Looked After Children - Placements is forecasting an overspend of £14.47m")."""

    def names(table: Flag, text: str) -> bool:
        words = content_words(table.subject)
        return bool(words) and words <= content_words(text)

    def restates(flag: Flag) -> bool:
        where = flag.provenance[0]
        return any(
            (t.provenance[0].file == where.file or names(t, where.text))
            and t.amount_gbp is not None
            and flag.amount_gbp is not None
            and within(t.amount_gbp, flag.amount_gbp, PROSE_HALF_UNIT)
            for t in from_tables
        )

    return [f for f in stated if not restates(f)]


def not_stated_otherwise(stated: list[Flag], recs: list[Reconciliation]) -> list[Flag]:
    """The stated figures that are not one side of a figure stated two ways (analyse.reconcile's
    "cross_document_mismatch": a sentence stating a directorate's overspend otherwise than its
    table): the disagreement is the finding, asked in the question on the row's overspend, and the
    sentence's sum is no overspend of its own (Severnbrook's £6.12m beside its table's £6,844,700).
    A sentence stating the figure the table's own arithmetic bears out (`supported_gbp`: Hallam's
    £5.170m beside a subtotal misprinted 5,710) is the overspend, and stays."""
    sides = {
        p
        for r in recs
        if r.code == "cross_document_mismatch" and r.supported_gbp != r.computed_gbp
        for p in r.provenance[1:]
    }
    return [f for f in stated if f.provenance[0] not in sides]


def _what(code: str, words: str, figure: Figure) -> str:
    """The flag's subject words: "A forecast overspend", "An overspend", "A budget gap"."""
    if code == "stated_overspend":
        printed = "" if figure.places is None else f"£{figure.value / 1e6:,.{figure.places}f}m"
        words = " ".join(w for w in (said_as(figure.text, printed), words) if w)
    if code == "stated_savings_at_risk":
        return words[:1].upper() + words[1:]
    if code == "stated_budget_gap" and REMAINS.search(figure.label or ""):
        words = f"{words} remaining"  # "A residual gap of £5.6m": what is left after savings, not the gap
    elif code == "stated_budget_gap" and CUMULATIVE_GAP.search(figure.label or ""):
        words = f"cumulative {words}"  # the gap so far, never one year's

    said = with_article(words)
    return said[:1].upper() + said[1:]


def _quoted(figure: Figure) -> str:
    """The figure's sentence as a flag quotes it, cut near 220 characters."""
    text = " ".join(figure.text.split())
    return text if len(text) <= 220 else text[:217] + "..."


def _flag(code: str, words: str, figure: Figure, scope: Scope | None) -> Flag:
    what = _what(code, words, figure)
    # the stage is part of what the figure is: "£5.9m after management actions" is not the £8.1m
    cumulative = code == "stated_budget_gap" and CUMULATIVE_GAP.search(figure.label or "")
    when = f" ({'by ' if cumulative else ''}{figure.period})" if figure.period else ""
    year = (f" {figure.stage}" if figure.stage else "") + when
    text = " ".join(figure.text.split())
    quoted = _quoted(figure)
    return Flag(
        code=code,
        severity="medium",
        subject=f"{what} of {gbp(figure.value)}{year}",
        message=f'Stated in {figure.provenance[0].file}: "{quoted}"',
        amount_gbp=figure.value,
        provenance=figure.provenance,
        explained_by=text if code == "stated_overspend" and states_cause(text) else "",
        scope=scope,
        stage=figure.stage,
    )
