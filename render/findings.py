"""The headline findings: the handful of things a reviewer must know, each with its figure.

Each finding is read from the review's records (never computed afresh from documents) and carries
the provenance of its figure, so the pack and the deck can cite it. Its figures are `Fig`s with the
ref of the field each was written from (render.refs), so the pack can tag them.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from functools import cached_property, lru_cache

from markupsafe import Markup

from analyse.records import (
    RAG_NAMES,
    SAFETY_VALVE_PARTIES,
    SCOPE_NAMES,
    VARIANCE_SHARE_PLACES,
    Benchmark,
    BudgetTransfer,
    CarriedVariance,
    DsgItem,
    DsgPosition,
    GapTotal,
    GapYear,
    Meeting,
    Money3,
    PlanDelivery,
    Reserve,
    ReserveAfter,
    Review,
    SavingsRemoved,
    SavingsSummary,
    Scope,
    ShortfallInForecast,
    StatedForecast,
    YearTable,
)
from extract.records import BuildPart, Provenance
from extract.tables.vocabulary import CategoryKind
from extract.verify.tolerance import gap_rounded
from ingest.records import Status
from render import fmt, views
from render.refs import Doubt, Fig, Figures, cuts, doubt_once, first_sentence
from render.stand_in import headlines, stand_in, whose

# The web app's page where a reviewer confirms or corrects a figure (workers/web, /bundles/<id>/check),
# named as its reviewers see it: the tool's own names (its command, "web app") mean nothing to them.
CHECK_PAGE = "“Check the figures”"
MAX_FINDINGS = 7  # the one page of the executive summary holds seven
MAX_NAMED_MISSING = 3  # documents not supplied named in the summary; more are named in the caveats
Part = str | Fig
FIGURE = re.compile(r"\d")  # a figure in words: an amount, a count, a share
LIST_INDEX = re.compile(r"/\d+(?=/|$)")  # a ref's step into a list


@dataclass(frozen=True)
class Finding:
    """A headline card: its big figure, and a detail whose first sentence (`lead`) says what the
    figure is and carries its doubt's words, where it has one: the card shows the figure bare, and
    a deck short of room keeps at least that sentence. `caveats` are the statements that qualify the
    figure (the plan calls its later years indicative; savings it counts are not yet identified):
    they are said straight after the lead, before the rest of the detail, and a card cut to fit its
    slide keeps them (`shorter`). Each doubt is said once a sentence."""

    title: str
    figure_part: Part
    parts: tuple[Part, ...]  # the lead sentence, then the detail
    provenance: list[Provenance] = field(default_factory=list)
    # What the pack adds for its reader that the deck, shown to the council, does not carry:
    # how to act on a figure in the tool (the web app's check page).
    pack_only: tuple[Part, ...] = ()
    caveats: tuple[Part, ...] = ()  # said after the lead, never cut from a card
    section: str = ""  # the pack's section that holds its detail (render.views.SECTIONS)

    def __post_init__(self) -> None:
        object.__setattr__(self, "parts", doubt_once(self.parts))

    @property
    def figure(self) -> str:
        return str(self.figure_part)

    @property
    def big_figure(self) -> Part:
        """The figure as the card shows it, big: bare, its doubt said in `lead`."""
        return self.figure_part.bare if isinstance(self.figure_part, Fig) else self.figure_part

    @cached_property
    def _first(self) -> tuple[Part, ...]:
        """The detail's first sentence as printed (render.refs.first_sentence), found once: the
        lead, the firm part and every shorter form start with it."""
        return tuple(first_sentence(self.parts))

    @property
    def lead(self) -> list[Part]:
        """The detail's first sentence: the one that says what the big figure is."""
        return list(doubt_once(self._first))

    @property
    def said(self) -> tuple[Part, ...]:
        """The detail as the pack and the deck print it: the lead, the caveats, the rest."""
        return doubt_once((*self._firm, *self._rest))

    @property
    def _firm(self) -> tuple[Part, ...]:
        return (*self._first, *self.caveats)

    @property
    def _rest(self) -> tuple[Part, ...]:
        return after(self.parts, self._first)

    def shorter(self) -> list[tuple[Part, ...]]:
        """The detail's shorter forms, longest first, for a box too small for it: the lead and the
        caveats with the rest's first whole sentences, then with none of the rest, then the lead's
        first clauses that still say what the big figure is (`says_figure`, the cut marked "…")
        with the caveats, where the clauses cut drop none of the big figure's own kind
        (`drops_own`: another year's gap, their total; the counts the caveats' number sums): the
        detail is cut first. A caveat is never cut: a figure is not shown without what qualifies it."""
        firm, rest = self._firm, self._rest
        longer = [(*firm, *k) for k in cuts(rest)[::-1]] + ([firm] if rest else [])
        lead = self._first
        clauses = [
            c for c in cuts(lead, ";", "\u2026") if self.says_figure(c) and not self.drops_own(after(lead, c))
        ][::-1]
        return [doubt_once(k) for k in longer + [(*c, *self.caveats) for c in clauses]]

    def drops_own(self, dropped: Sequence[Part]) -> bool:
        """Whether `dropped` holds a figure of the big figure's own kind: the same field of
        another record of its list (its ref but for the index: the gap of each year beside the
        largest); for a figure in words (a count, "No gap"), any figure, since the words sum up the
        clauses that give them."""
        big = self.figure_part
        if not isinstance(big, Fig):
            return any(FIGURE.search(str(p)) for p in dropped)
        return any(isinstance(p, Fig) and p.ref != big.ref and _listed(p) == _listed(big) for p in dropped)

    def says_figure(self, parts: Sequence[Part]) -> bool:
        """Whether these parts print the big figure (any case: "No gap" in "the MTFP states no gap")."""
        figure = self.figure_part.text if isinstance(self.figure_part, Fig) else self.figure_part
        return figure.lower() in "".join(p.text if isinstance(p, Fig) else p for p in parts).lower()

    @property
    def detail(self) -> str:
        return "".join(str(p) for p in self.said)


def _listed(f: Fig) -> str:
    """A figure's ref without its indices: the field of a list's records it is written from
    ("review.json#/selection/gaps/amount_gbp")."""
    return LIST_INDEX.sub("", f.ref)


def after(parts: Sequence[Part], start: Sequence[Part]) -> tuple[Part, ...]:
    """What follows `start` in `parts`, where `start` is their beginning (refs.cuts' cut: whole
    parts, then the start of one)."""
    if not start:
        return tuple(parts)
    n = len(start) - 1
    last, cut = parts[n], start[n]
    left = str(last)[len(str(cut)) :] if isinstance(last, str) else ""
    return ((left,) if left else ()) + tuple(parts[n + 1 :])


def words(*parts: Part | None) -> tuple[Part, ...]:
    return tuple(p for p in parts if p)


def children_position(review: Review, figs: Figures) -> Finding | None:
    cs = review.position.children_services
    if cs.variance_gbp is None:
        return None
    mark = views.verification_words(cs.verification)
    marked = f" Figures {mark}." if mark else ""
    over = "overspend" if cs.variance_gbp > 0 else "underspend"
    name = review.position.children_services_name or "Children's services"
    variance = figs.fig(cs, "variance_gbp", "m", sign="abs")
    year = review.position.period or "the year"
    if cs.budget_gbp is None and cs.forecast_gbp is None:
        # a sentence's figure says the stage it states it at (before or after management actions)
        stage = f" {cs.stage}" if cs.stage else ""
        detail = words(
            f"A forecast {over} of ",
            variance,
            f"{stage} is stated for {year}",
            "; no budget table was received to show the budget behind it.",
            marked,
        )
        return Finding(f"{name}: forecast {over}{stage}", variance, detail, cs.provenance)
    stage = f" {cs.stage}" if cs.stage else ""
    parts = words(
        f"A forecast {over} of ",
        variance,
        f"{stage} for {year}: outturn ",
        figs.fig(cs, "forecast_gbp", "m"),
        " against a budget of ",
        figs.fig(cs, "budget_gbp", "m"),
        ", ",
        figs.fig(review.derived, "children_variance_share", "pct", sign="abs", places=VARIANCE_SHARE_PLACES),
        " of budget.",
    )
    # the directorate's figures' standing is said of them, before any line's (a line has its own)
    parts += words(marked)
    # the whole children's scope before the later stages: a card cut to fit keeps what comes first
    parts += scope_words(review, figs)
    if review.position.childrens_later:
        # after the scope's sum: named, so that the stages are read as the row's, not the sum's
        own = f"{name}'" if name.endswith("s") else f"{name}'s"  # Children and Families', CYPE's
        whose = f"{own} overspend" if review.position.children_scope is not None else ""
        parts += (*later_words(review.position.childrens_later, figs, whose), ".")
    lines = review.selection.overspends
    if lines:
        parts += words(
            " Largest overspend: ",
            figs.quote(lines[0], "name"),
            ", ",
            figs.fig(lines[0], "variance_gbp", "m").said_before,  # its doubt is said in full after it
            ".",
            lines[0].doubt and Doubt(f" {lines[0].doubt}"),
        )
    short = review.position.children_services_lines_short
    provs = cs.provenance + (lines[0].provenance if lines else [])
    provs += [*short.ways_places, *short.slipped_provenance] if short else []
    provs += [p for m in review.position.childrens_later for p in m.provenance]
    if (scope := review.position.children_scope) is not None:
        provs += scope.total.provenance
    # a row its arithmetic contradicted headlines only once a reviewer settled it, and says so
    settled = {"confirmed": ", confirmed by the reviewer", "corrected": ", corrected by the reviewer"}
    title = f"{name}: forecast {over}{settled.get(cs.verification or '', '')}"
    return Finding(title, variance, parts + lines_short_words(review, figs), provs)


def scope_words(review: Review, figs: Figures) -> tuple[Part, ...]:
    """Where the children's scope spans more than one directorate or division: the others' variance
    and the scope's sum, so the headline is never read as the whole of children's services; where
    the headline directorate's row holds its divisions, each division's variance, "of which"."""
    scope = review.position.children_scope
    if scope is None:
        return ()
    if scope.of_which:
        # divisions the directorate's row holds: parts of the headline, never added to it
        held: tuple[Part, ...] = (" Of which ",)
        for n, part in enumerate(scope.parts):
            joint = "" if n == 0 else (" and " if n == len(scope.parts) - 1 else ", ")
            held += (joint, part.name, " ", figs.fig(part.money, "variance_gbp", "signed"))
        return (*held, ".")
    others: tuple[Part, ...] = ()
    for n, part in enumerate(scope.parts[1:]):
        others += (", " if n else "", part.name, " (", figs.fig(part.money, "variance_gbp", "signed"), ")")
    return (
        " With ",
        *others,
        ", children's services' variance is ",
        figs.fig(scope.total, "variance_gbp", "signed"),
        f" (derived{f'; {scope.total.stage}' if scope.total.stage else ''}; + is an overspend).",
    )


def later_words(later: Sequence[Money3], figs: Figures, whose: str = "") -> tuple[Part, ...]:
    """The later stages the documents state of an overspend shown from a table, beside it and each
    with its stage (analyse.stages): " The documents also state it at later stages: £5.9m after
    management actions and £3.9m after the use of reserves" (its sentence's end is the caller's, after
    its citation); never added to it; () where none. `whose` names the row where other figures stand
    between it and these words ("Children and Families' overspend", not a scope's sum)."""
    if not later:
        return ()
    parts: tuple[Part, ...] = (f" The documents also state {whose or 'it'} at later stages: ",)
    for n, money in enumerate(later):
        parts += (" and " if n else "", figs.fig(money, "variance_gbp", "m"), f" {money.stage}")
    return parts


def lines_short_words(review: Review, figs: Figures) -> tuple[Part, ...]:
    """Where the children's headline is a directorate total its service lines do not add up to:
    that the table does not add up, and how far short the lines fall; which is wrong, the total
    or a line, only where a check takes the total's side, named (analyse.standing.supported_by);
    () otherwise."""
    short = review.position.children_services_lines_short
    if short is None:
        return ()
    fell = "short" if short.short_gbp > 0 else "over"
    which: tuple[Part, ...]
    if short.slipped_line:
        # the documents state one line otherwise by what the lines lack: that line is named
        which = (
            " The likelier error is the line '",
            figs.quote(short, "slipped_line"),
            "', which the documents state otherwise by that amount ('",
            figs.quote(short, "slipped_statement"),
            "').",
        )
    elif short.supported_by:
        said = " and ".join(short.supported_by)
        which = (f" A line is the likelier error, since {said}: ask which line.",)
    else:
        which = (" No other check says which is wrong, the total or a line: ask which.",)
    return (
        " The table does not add up: its service lines add to ",
        figs.fig(short, "lines_variance_gbp", "m", places=2),
        ", ",
        figs.fig(short, "short_gbp", "m", sign="abs", places=2),
        f" {fell} of the total.",
        short.corroboration(),
        *which,
    )


def no_childrens_position(review: Review, figs: Figures) -> Finding | None:
    """Said first where the children's directorate row was not found or fails its arithmetic: a
    contradicted row is shown as printed, marked, with the identity that failed and those that
    agree with it, for a reviewer to confirm or correct (then it headlines, confirmed)."""
    missing = review.position.children_services_missing
    if not missing:
        return None
    doubted = review.position.children_services_in_doubt
    if doubted is None or doubted.money.variance_gbp is None:
        return Finding(
            "No headline children's position",
            "Not stated",
            ("Not stated: ", figs.quote(review.position, "children_services_missing")),
            [],
        )
    money = doubted.money
    over = "overspend" if money.variance_gbp is not None and money.variance_gbp > 0 else "underspend"
    where = money.provenance[0]  # its file is named by the card's citation
    page = f" on page {where.page}" if where.page else ""
    variance = figs.fig(money, "variance_gbp", "m", sign="abs")
    parts: tuple[Part, ...] = (
        f"As printed{page}: a forecast {over} of ",
        variance,
        *words(
            ", forecast outturn " if money.forecast_gbp is not None else "",
            figs.fig(money, "forecast_gbp", "m") if money.forecast_gbp is not None else None,
            " against a budget of " if money.budget_gbp is not None else "",
            figs.fig(money, "budget_gbp", "m") if money.budget_gbp is not None else None,
        ),
        ". Not taken as the children's position, because its check '",
        figs.quote(doubted, "failed"),
        "' fails",
    )
    if doubted.rows_variance_gbp is not None:
        parts += ("; its lines give ", figs.fig(doubted, "rows_variance_gbp", "m", sign="abs", places=2))
    for n in range(len(doubted.agrees)):
        parts += ("; it agrees with '" if n == 0 else "' and '", figs.quote(doubted.agrees, n))
    parts += (
        "'" if doubted.agrees else "",
        ". The figure shown is the pack's reading of its own budget, forecast and lines, for a reviewer"
        " to confirm against the source."
        if doubted.rows_variance_gbp is not None
        else ". It headlines once a reviewer confirms or corrects it against the source.",
    )
    # The card's figure is never the contradicted one: where the row's own budget and forecast and
    # its lines all give another variance, that reading is the figure, said as the pack's.
    reading = doubted.rows_variance_gbp is not None
    return Finding(
        f"{doubted.name}: forecast {over} by its table's arithmetic, printed differently"
        if reading
        else f"{doubted.name}: forecast {over} as printed, contradicted",
        figs.fig(doubted, "rows_variance_gbp", "m", sign="abs", places=2) if reading else variance,
        parts,
        money.provenance + doubted.agree_places + doubted.rows_places,  # the row, what agrees, its lines
        pack_only=(f" Confirm or correct it on the bundle's {CHECK_PAGE} page before the review.",),
    )


def children_budget(review: Review, figs: Figures) -> Finding | None:
    """Where no forecast was received, the children's budget, and its share of the council's (the
    documents say whether it is set or proposed: draft budget papers propose one)."""
    position, cs = review.position, review.position.children_services
    if cs.variance_gbp is not None or cs.budget_gbp is None:
        return None
    name = position.children_services_name or "Children's services"
    budget = figs.fig(cs, "budget_gbp", "m")
    draft = "proposed (draft) " if position.budget_draft else ""
    parts: tuple[Part, ...] = (
        f"{name}'s {draft}budget for {position.period or 'the year'} in the documents: ",
        budget,
    )
    if position.budget_gbp:
        parts += (
            ", ",
            figs.fig(review.derived, "children_budget_share", "pct"),
            " of the council's ",
            figs.fig(position, "budget_gbp", "m"),
        )
        if (less := review.derived.children_budget_less_transfers) and less.share is not None:
            about = "about " if less.approximate else ""
            parts += (
                f" ({about}",
                figs.fig(less, "share", "pct"),
                " without the budget it transfers out, derived)",
            )
    stated = position.current_year
    if (own := position.budget_draft) is not None:
        parts += (", not yet set (\u201c", figs.quote(own, "words"), "\u201d)")
    parts += _transfers(review, figs)
    parts += _held_centrally(review, figs, name)
    parts += _stated_forecasts(review, figs) if stated else (". No forecast outturn was received.",)
    return Finding(
        f"{name}: {draft}budget, no forecast table" if stated else f"{name}: {draft}budget, no forecast",
        budget,
        parts,
        cs.provenance
        + position.provenance
        + [p for t in position.transfers for p in t.provenance[:2]]
        + [p for t in position.transfers for b in t.bases for p in b.provenance]
        + [t.agreed_in_budget for t in position.transfers if t.agreed_in_budget]
        + [t.recommendation for t in position.transfers if t.recommendation]
        + (position.budget_draft.provenance if position.budget_draft else [])
        + [p for s in stated for p in s.provenance[:1]]
        + sized_cited(review)
        + [p for h in position.held_centrally for p in h.provenance],
    )


def _transfers(review: Review, figs: Figures) -> tuple[Part, ...]:
    """The budgets the documents say move into or out of the children's directorate in the year,
    beside the children's budget, each a sentence of the card's detail after its lead: whether it holds them is the S151 officer's to say (the budget
    position section quotes what moves and cites the budget papers' lines)."""
    parts: tuple[Part, ...] = ()
    cs = review.position.children_services
    for t in review.position.transfers:
        amount = figs.fig(t, "amount_gbp", "m") if t.amount_gbp is not None else "an amount not stated"
        about = "about " if t.approximate else ""
        moves = f"a report to {t.recommended_to} recommends transferring" if t.recommended_to else "transfers"
        if t.included:
            parts += (". The ", figs.fig(cs, "budget_gbp", "m"), " includes ", about, amount)
            parts += (f" of budget that {moves} from {t.source} to {t.destination} from {t.effective}",)
            why = _why_included(t)
            parts += (why[:-1], *(("; ", *_bases(t, figs)) if t.bases else ()), why[-1])
            continue
        if t.recommended_to:
            parts += (f". A report to {t.recommended_to} recommends transferring ", about, amount)
            parts += (f" of budget from {t.source} to {t.destination} (proposed, not decided)",)
        else:
            parts += (
                ". The documents say ",
                about,
                amount,
                f" of budget transfers from {t.source} to {t.destination}",
            )
        parts += (f" from {t.effective}",)
        if t.held_in_childrens:
            parts += (f" while the {t.year} budget papers still file its lines under {t.source}",)
        parts += (" (", *_bases(t, figs), ")") if t.bases else ()
        parts += (
            ": whether the ",
            figs.fig(cs, "budget_gbp", "m"),
            " includes it is a question for the S151 officer",
        )
    if (less := review.derived.children_budget_less_transfers) is not None:
        parts += (
            ": without it ",
            "about " if less.approximate else "",
            figs.fig(less, "amount_gbp", "m"),
            " (derived from the amount stated, not verified); the S151 officer to confirm the amount transferred",
        )
    return parts


def _held_centrally(review: Review, figs: Figures, name: str) -> tuple[Part, ...]:
    """The budgets the council holds centrally pending allocation (analyse.held_centrally), beside the
    children's budget that leaves them out: how much comes to it is the S151 officer's to say."""
    parts: tuple[Part, ...] = ()
    cs = review.position.children_services
    for h in [h for h in review.position.held_centrally if h.awaiting]:
        parts += (". A further ", figs.fig(h, "budget_gbp", "m"), " is held centrally (\u201c")
        parts += (figs.quote(h, "name"), "\u201d), not yet allocated to a directorate and not in the ")
        parts += (
            figs.fig(cs, "budget_gbp", "m"),
            f": how much of it will come to {name} is for the S151 officer",
        )
    return parts


def _bases(t: BudgetTransfer, figs: Figures) -> tuple[Part, ...]:
    """Another document's statement of the budget moved, and whether it is the transfer's sum."""
    parts: tuple[Part, ...] = ()
    for n, b in enumerate(t.bases):
        year = f" for {b.period}" if b.period else ""
        same = "the same sum" if b.agrees else "not the same sum"
        parts += (
            "; " if n else "the budget papers state ",
            figs.fig(b, "amount_gbp", "m"),
            f"{year}, {same}",
        )
        if b.in_year_gbp is not None:
            parts += (
                ", about ",
                figs.fig(b, "in_year_gbp", "m"),
                f" brought to {t.year} by its table's growth and savings",
            )
    return parts


def _why_included(t: BudgetTransfer) -> str:
    """Why the documents show the children's budget holds a transfer out (analyse.transfers)."""
    if t.agreed_in_budget is not None:
        return f" (the {t.year} budget as agreed, the documents say)"
    return f" (the {t.year} budget papers file its lines under {t.source})"


def _stated_forecasts(review: Review, figs: Figures) -> tuple[Part, ...]:
    """The card's words: no forecast table, and the current year's forecast as the documents state
    it (`forecasts_stated`)."""
    said = forecasts_stated(review, figs)
    return (". No forecast outturn table was received", *(("; ", *said) if said else ()), ".")


def forecasts_stated(review: Review, figs: Figures) -> tuple[Part, ...]:
    """The current year's forecast as the documents state it in prose (the children's first), each
    outcome once, and the risk register's sizing of it ("the documents forecast an underspend on
    home to school transport for 2024-25 (amount not stated) and ..."): the summary's card and the
    budget position section say it in the same words."""
    stated = sorted(review.position.current_year, key=lambda s: (s.scope == Scope.COUNCIL_WIDE, s.source))
    prose = [s for s in stated if s.source != "risk register"]
    registered = [s for s in stated if s.source == "risk register"]
    parts: tuple[Part, ...] = ()
    said: set[tuple[Scope, str, float | None]] = set()
    for s in prose:
        if (s.scope, s.outcome, s.amount_gbp) in said:
            continue
        parts += ("the documents forecast " if not said else " and ", _what_forecast(s))
        parts += (" of ", figs.fig(s, "amount_gbp", "m")) if s.amount_gbp is not None else ()
        parts += (f" for {s.year}", *_no_amount(review, s, figs))
        said.add((s.scope, s.outcome, s.amount_gbp))
    for n, s in enumerate(registered):
        lead = (
            ", which the risk register sizes"
            if prose and not n
            else ("; " if parts else "") + "the risk register sizes"
        )
        parts += (f"{lead} as a {_whose(s)} risk of ", figs.fig(s, "amount_gbp", "m"), f" ({s.year})")
    return parts


def forecasts_cited(review: Review) -> list[Provenance]:
    """What `forecasts_stated` cites, every place shown: each statement, and the budget build's
    lines whose figures its words give (`sized_cited`)."""
    return [p for s in review.position.current_year for p in s.provenance] + sized_cited(review)


def sized_cited(review: Review) -> list[Provenance]:
    """The budget build's lines that size a prose forecast stating no amount (`sized_by_build`)."""
    built = (sized_by_build(review, s) for s in review.position.current_year)
    return [p for c in built if c is not None for p in c.provenance]


def sized_by_build(review: Review, s: StatedForecast) -> CarriedVariance | None:
    """The budget build's change to the line a prose forecast names, where it sizes that forecast
    (`CarriedVariance.sizes`); None where none does."""
    return next((c for c in review.selection.carried_variances if c.sizes(s)), None)


def _no_amount(review: Review, s: StatedForecast, figs: Figures) -> tuple[Part, ...]:
    """Nothing where the sentence states its amount; else that it states none, and the budget
    build's change to the same line where that sizes it: " (the prose gives no amount; the budget
    build takes out £5.3m as the underlying 2024-25 underspend)", not "(amount not stated)" beside
    the build's own line."""
    if s.amount_gbp is not None:
        return ()
    built = sized_by_build(review, s)
    if built is None:
        return (" (amount not stated)",)
    verb = "adds" if built.amount_gbp > 0 else "takes out"
    return (
        f" (the prose gives no amount; the budget build {verb} ",
        figs.fig(built, "amount_gbp", "m", sign="abs"),
        f" as the underlying {s.year} {s.outcome})",
    )


def _whose(s: StatedForecast) -> str:
    return "council-wide" if s.scope == Scope.COUNCIL_WIDE else "children's"


def _what_forecast(s: StatedForecast) -> str:
    """'a council-wide overspend', 'a children's underspend', or one service's by what the
    sentence itself names ('an underspend on home to school transport': the statement's subject,
    StatedForecast.subject), failing that by its scope's name."""
    if s.scope in (Scope.COUNCIL_WIDE, Scope.CHILDRENS_SOCIAL_CARE):
        return f"a {_whose(s)} {s.outcome}"
    if s.subject:
        return f"an {s.outcome} on {s.subject}"
    name = SCOPE_NAMES[s.scope]
    return f"an {s.outcome} in {name[:1].lower()}{name[1:]}"


def override_question(view: DsgItem | None) -> str:
    """The S151 officer's question on the override's end: the plan if it is not extended, where the
    documents say the general reserve could not absorb the deficit; else whether it could (the
    summary's card and the DSG section both ask it)."""
    if view is not None and view.on_general:
        return "A question for the S151 officer: what is the plan if the override is not extended?"
    return "A question for the S151 officer: could the council absorb the deficit when it does?"


def dsg_view_words(view: DsgItem, figs: Figures) -> tuple[Part, ...]:
    """The documents' view of whether a reserve could absorb the deficit, quoted with the reserve it
    is about: the general reserve's by that name, another's as the documents name it, said not to be
    the general reserve."""
    if view.on_general:
        return ("The documents' view of the general reserve: \u201c", figs.quote(view, "words"), "\u201d")
    return (
        "The documents' view of \u201c",
        figs.quote(view, "reserve"),
        "\u201d (not the general reserve): \u201c",
        figs.quote(view, "words"),
        "\u201d",
    )


def plan_headline(dsg: DsgPosition) -> PlanDelivery | None:
    """The statement of the DSG plan's delivery a headline leads with: of the latest year stated (one
    stating no year last), behind its target before on or ahead of it; never a prospect."""
    stated = [d for d in dsg.plan_delivery if not d.prospect]
    return max(stated, key=lambda d: (max(d.years, default=""), d.against == "behind"), default=None)


def plan_delivery_words(review: Review, figs: Figures) -> tuple[tuple[Part, ...], tuple[Part, ...]]:
    """The DSG plan's delivery against its target as a headline states it (analyse.plan_delivery): what
    it says first, short enough for a card cut to its first clause ("the Safety Valve plan £10m
    off-target in 2024-25 (forecast) against a breakeven position by 2027-28, its contributions
    conditional, the documents differing"), and where each is stated ("stated in appendixI budget
    risk register, p.1 and ..., p.18; ..., p.3 says it is in line with the Safety Valve agreement: the
    two asked side by side in line of enquiry 2"); ((), ()) where they state no delivery. A prospect
    (a risk of falling behind) and each condition's words are the DSG section's."""
    dsg = review.dsg
    head = plan_headline(dsg)
    if head is None:
        return (), ()
    target = dsg.plan_target
    others = [d for d in dsg.plan_differs if d is not head and d.against != head.against]
    first: tuple[Part, ...] = (f"the {head.plan} plan ", *_delivery(head, figs))
    first += (" against ", figs.quote(target, "words")) if target is not None else ()
    first += (", its contributions conditional",) if dsg.plan_conditions else ()
    first += (", the documents differing",) if others else ()
    wheres = [p for d in dsg.plan_delivery for p in d.provenance[:1]]
    wheres += [p for c in [target, *dsg.plan_conditions] if c is not None for p in c.provenance[:1]]
    names = views.short_names([d.file for d in review.documents])
    places = dict.fromkeys(
        views.where_stated(item.provenance[0], wheres, names) for item in (head, target) if item is not None
    )
    said = " and ".join(places)
    rest: tuple[Part, ...] = (f"stated {'on' if said.startswith('p.') else 'in'} {said}",)
    for d in others:
        where = views.where_stated(d.provenance[0], wheres, names)
        rest += (f"; {where} says it is ", *_delivery(d, figs))
    if others:
        asked = views.asked_in(review, others[0].provenance)
        rest += (
            f": the two asked side by side in line of enquiry {asked}"
            if asked
            else ": the two are not reconciled, and no line of enquiry kept asks it",
        )
    return first, rest


def plan_sentence(first: tuple[Part, ...], rest: tuple[Part, ...]) -> tuple[Part, ...]:
    """The plan's delivery as a sentence of its own: "The Safety Valve plan is £10m off-target ...; stated in ..."."""
    lead = str(first[0]).replace("the ", "The ", 1).replace(" plan ", " plan is ", 1)
    return (lead, *first[1:], "; ", *rest, ".")


def _delivery(d: PlanDelivery, figs: Figures) -> tuple[Part, ...]:
    """ "£10m off-target in 2024-25 (forecast)": its sum, its words, its years and its hedge."""
    amount: tuple[Part, ...] = (figs.fig(d, "amount_gbp", "m"), " ") if d.amount_gbp else ()
    return (*amount, figs.quote(d, "words"), _years(d), f" ({d.hedge})" if d.hedge else "")


def _years(d: PlanDelivery) -> str:
    return f" in {' and '.join(d.years)}" if d.years else ""


def dsg_against_reserve(review: Review, figs: Figures) -> Finding | None:
    """The S151 officer's first DSG question, as a headline card: the cumulative deficit the council
    carries, the deficit before contributions, what is held or paid to offset it in one clause, and
    the deficit as a share of the general fund reserve that would absorb it when the statutory
    override ends, with both dates; where either the deficit or the reserve is not in the
    documents, which one. The quotes and every offset are the DSG section's."""
    dsg = review.dsg
    deficit, gross = dsg.cumulative_deficit, dsg.deficit_before_contributions
    reserve, ends = dsg.general_reserve, dsg.override_end
    if deficit is None and gross is None and reserve is None:
        return None
    share = review.derived.dsg_deficit_share_of_reserve
    apart = deficit is not None and reserve is not None and bool(dsg.reserve_dated_apart)
    leads = deficit is None and gross is None  # the reserve is the card's figure
    said = dsg_deficit_words(deficit, gross, figs, quoted=False)  # the DSG section quotes them
    said = () if apart and gross is None and not dsg.offsets else said  # the first sentence says it
    parts = said + dsg_offset_clause(dsg.offsets, deficit, figs)
    view = dsg.reserve_view
    if view is not None and not view.on_general:  # about another reserve: never beside the ratio
        parts += (". " if parts else "", *dsg_view_words(view, figs))
    term = dsg.general_term
    # The plan's delivery against its target is the DSG's headline: in the first sentence, which a
    # shortened card keeps.
    status, status_rest = plan_delivery_words(review, figs)
    status_clause: tuple[Part, ...] = (", with ", *status, "; ", *status_rest) if status else ()
    if share is not None:  # the card's figure, so said first
        assert deficit is not None and reserve is not None
        first: tuple[Part, ...] = (
            f"The cumulative DSG deficit at {deficit.words} is {hedged(deficit)}",
            figs.fig(deficit, "amount_gbp", "m"),
            ", ",
            figs.fig(review.derived, "dsg_deficit_share_of_reserve", "pct"),
            " of the ",
            figs.fig(reserve, "amount_gbp", "m"),
            f" {term} at the same date",
            *reserve_basis_words(dsg, figs, held_too=False),
            *below_beside(dsg, figs),
        )
        first += status_clause + planned_into_words(review, figs) + overspend_call_words(review, figs)
        parts = (*first, *_reserve_after_words(dsg, figs), ". ", *parts, ".")
    elif apart:  # two dates: the two figures, each with its date, and the reserve at the deficit's asked
        assert deficit is not None and reserve is not None
        first = (
            f"The cumulative DSG deficit at {deficit.words} is {hedged(deficit)}",
            figs.fig(deficit, "amount_gbp", "m"),
            *status_clause,
            f"; the {term} is ",
            figs.fig(reserve, "amount_gbp", "m"),
            f" {dsg.reserve_dated_apart}",
            *reserve_basis_words(dsg, figs, held_too=False),
            *below_beside(dsg, figs),
            # no share across two dates (the title says so): the words go to the question, which a
            # deck card's cut to whole sentences then keeps
            f". For the S151 officer: what is the {term} at {deficit.words}?",
        )
        calls = planned_into_words(review, figs) + overspend_call_words(review, figs)
        calls += _reserve_after_words(dsg, figs)
        if calls and isinstance(calls[0], str) and calls[0].startswith("; "):  # a clause made a sentence
            calls = (f" {calls[0][2].upper()}{calls[0][3:]}", *calls[1:], ".")
        parts = (*first, *calls, " " if parts else "", *parts, "." if parts else "")
    elif reserve is not None:
        at = f" (at {reserve.at})" if reserve.at else " (date not stated)"
        at = f" at {reserve.at}" if reserve.at and reserve.forecast else at  # its own brackets follow
        parts += (
            f"; {term} " if parts else f"{term[0].upper()}{term[1:]} ",
            figs.fig(reserve, "amount_gbp", "m"),
            at,
            *level_beside(dsg, figs, leads),
            *reserve_basis_words(dsg, figs),
            *(() if leads and level_beside(dsg, figs, leads) else below_beside(dsg, figs)),
        )
        parts += overspend_call_words(review, figs)
        if deficit is not None:  # say which states no date (a dated deficit was once said not to)
            undated = [n for n, at in (("deficit", deficit.words), ("reserve", reserve.at)) if not at]
            if undated:
                whose = " and the ".join(f"{n}'s" for n in undated)
                dates = "dates are" if len(undated) > 1 else "date is"
                parts += (f". The {whose} {dates} not stated, so no share is given.",)
        elif gross is not None:
            parts += (
                ". The deficit after contributions, the one the council carries, is not in the documents received.",
            )
        else:
            parts += (". The cumulative DSG deficit is not in the documents received.",)
    else:
        parts += (". The general fund reserve balance is not in the documents received.",)
    if status and share is None and not apart:  # no first sentence of the deficit: its own
        parts = (*plan_sentence(status, status_rest), " ", *parts)
    # a card that leads with the reserve sets the minimum beside it, in its first sentence (which a card
    # cut short keeps); one that leads with the deficit names the level after
    # the year-end balance the documents state, said with the first sentence, says it is below it
    below_said = bool(below_beside(dsg, figs)) or (
        dsg.general_reserve_year_end is not None and (share is not None or apart)
    )
    if not (leads and level_beside(dsg, figs, leads)) and (
        minimum := reserve_minimum_words(dsg, figs, False, said=below_said)
    ):
        parts += (" ", *minimum)
    if ends is not None:
        parts += (" The documents say the statutory override ends ", figs.quote(ends, "words"), ".")
    else:
        parts += (" The documents do not say when the statutory override ends.",)
    if view is not None and view.on_general:
        parts += (" ", *dsg_view_words(view, figs), ".")
    parts += (" ", override_question(view))
    call = dsg.council_overspend if reserve is not None and overspend_call_words(review, figs) else None
    held = dsg.general_reserve_held if share is None and not apart else None
    items = (
        deficit,
        gross,
        *dsg.offsets,
        reserve,
        held,
        dsg.general_minimum,
        dsg.general_below if reserve is not None else None,
        dsg.general_reserve_year_end if share is not None or apart else None,
        call,
        ends,
        dsg.reserve_view,
    )
    provs = [p for item in items if item is not None for p in item.provenance[:1]]
    if status:  # the plan's statements, first
        stated = [p for d in dsg.plan_delivery for p in d.provenance[:1]]
        stated += [
            p for c in [dsg.plan_target, *dsg.plan_conditions] if c is not None for p in c.provenance[:1]
        ]
        provs = stated + provs
    provs += (
        dsg.reserve_after.provenance[1:]
        if (share is not None or apart) and dsg.reserve_after is not None
        else []
    )
    if share is not None:
        figure: Part = figs.fig(review.derived, "dsg_deficit_share_of_reserve", "pct")
        title = f"DSG deficit against the {term}"
    elif apart:
        assert deficit is not None
        figure, title = (
            figs.fig(deficit, "amount_gbp", "m"),
            f"DSG deficit and the {term}, at different dates",
        )
    elif deficit is not None:  # titled by what the figure is, never by what the documents lack
        figure = figs.fig(deficit, "amount_gbp", "m")
        title = f"Cumulative DSG deficit at {deficit.words}" if deficit.words else "Cumulative DSG deficit"
    elif gross is not None:
        figure, title = figs.fig(gross, "amount_gbp", "m"), "DSG deficit before contributions"
    else:
        assert reserve is not None
        figure = figs.fig(reserve, "amount_gbp", "m")
        title = f"{term[0].upper()}{term[1:]}" + (f" at {reserve.at}" if reserve.at else "")
        if reserve.forecast and reserve.at:  # what is forecast to be left leads, with its date
            level = dsg.general_minimum
            under = level is not None and (level.amount_gbp or 0) > (reserve.amount_gbp or 0)
            title = f"{term[0].upper()}{term[1:]} forecast at {reserve.at}" + (
                ", below its minimum" if under else ""
            )
    withheld = dsg.deficit_if_withheld
    caveats: tuple[Part, ...] = (" ", *withheld_words(dsg, figs)) if withheld is not None else ()
    provs += withheld.provenance if withheld is not None else []
    return Finding(title, figure, parts, provs, caveats=caveats)


def reserve_basis_words(dsg: DsgPosition, figs: Figures, held_too: bool = True) -> tuple[Part, ...]:
    """What the general reserve set beside the deficit rests on, after its figure: where it is a
    forecast, that and its condition in the documents' words (" (a forecast, not a balance held: “If
    the overspend is not reduced”)"); nothing for a balance held."""
    reserve, held = dsg.general_reserve, dsg.general_reserve_held
    if reserve is None or not reserve.forecast:
        return ()
    said: tuple[Part, ...] = (
        (": \u201c", figs.quote(reserve, "condition"), "\u201d") if reserve.condition else ()
    )
    # the balance held at an earlier date is context, after the forecast, never led with; a card that
    # sets the forecast beside the deficit at its date (`held_too` False) keeps to that one date
    before: tuple[Part, ...] = (
        ("; ", figs.fig(held, "amount_gbp", "m"), f" held at {held.at}") if held and held_too else ()
    )
    return (" (a forecast, not a balance held", *said, *before, ")")


def level_beside(dsg: DsgPosition, figs: Figures, leads: bool) -> tuple[Part, ...]:
    """Where the card leads with the general reserve, the level the documents set for it beside it:
    ", below the £10m minimum the documents set"; nothing where the card leads with the deficit or
    no level is stated."""
    reserve, level = dsg.general_reserve, dsg.general_minimum
    if (
        not leads
        or reserve is None
        or level is None
        or reserve.amount_gbp is None
        or level.amount_gbp is None
    ):
        return ()
    below, above = reserve.amount_gbp < level.amount_gbp, reserve.amount_gbp > level.amount_gbp
    where = "below" if below else "above" if above else "at"
    return (f", {where} the ", figs.fig(level, "amount_gbp", "m"), " minimum the documents set")


def below_beside(dsg: DsgPosition, figs: Figures) -> tuple[Part, ...]:
    """Beside the general reserve, in the sentence that states it (which a card cut short keeps),
    that it is below the level the documents set: ", below the £10m minimum the documents set" where
    the level has a sum and the reserve is under it; else the documents' own words where they say
    it would go below its level (", which the documents say “would reduce below the minimum prudent
    level set by the S151 Officer”"); nothing where neither."""
    reserve, level, below = dsg.general_reserve, dsg.general_minimum, dsg.general_below
    if reserve is None or reserve.amount_gbp is None:
        return ()
    if level is not None and level.amount_gbp is not None and reserve.amount_gbp < level.amount_gbp:
        return (", below the ", figs.fig(level, "amount_gbp", "m"), " minimum the documents set")
    if below is not None and below.words:
        return (", which the documents say \u201c", figs.quote(below, "words", 160), "\u201d")
    return ()


def _under_level(dsg: DsgPosition, balance: Reserve, figs: Figures) -> tuple[Part, ...]:
    """ ", below the £35.00m minimum they set" where `balance` is under the level the documents set."""
    level = dsg.general_minimum
    if level is None or level.amount_gbp is None or (balance.amount_gbp or 0) >= level.amount_gbp:
        return ()
    return (", below the ", figs.fig(level, "amount_gbp", "m"), " minimum they set")


def below_level(dsg: DsgPosition) -> Reserve | None:
    """The general reserve balance below the level the documents set for it: the one set beside the
    deficit, else the one they state at the next year's end; None where neither is, or no level is
    stated."""
    level = dsg.general_minimum
    if level is None or level.amount_gbp is None:
        return None
    return next(
        (
            r
            for r in (dsg.general_reserve, dsg.general_reserve_year_end)
            if r is not None and r.amount_gbp is not None and r.amount_gbp < level.amount_gbp
        ),
        None,
    )


def reserve_minimum_words(
    dsg: DsgPosition, figs: Figures, below_too: bool = True, said: bool = False
) -> tuple[Part, ...]:
    """The level the documents set for the general reserve, as a sentence: "The documents set the
    general fund balance's minimum at £15.000m.", with ": the forecast falls below it." where the
    reserve set beside it is below it and `below_too`; nothing where they state none, or where the
    reserve's own sentence already `said` it is below it (`below_beside`)."""
    if (level := dsg.general_minimum) is None:
        return ()
    under = below_level(dsg)
    if said and under is not None:
        return ()
    which = "forecast" if under is not None and under.forecast else "balance"
    which += f" at {under.at}" if under is not None and under is dsg.general_reserve_year_end else ""
    return (
        f"The documents set the {dsg.general_term}'s minimum at ",
        figs.fig(level, "amount_gbp", "m"),
        f": the {which} falls below it." if below_too and under is not None else ".",
    )


def withheld_words(dsg: DsgPosition, figs: Figures) -> tuple[Part, ...]:
    """The deficit were a conditional contribution it counts withheld, as a caveat: "Derived: were
    the £4.0m contribution it counts withheld, the deficit would be £29.2m: “The 2025/26 Safety Valve
    payment of £4.000m is subject to DfE confirmation ...”."; nothing where none is conditional."""
    if (withheld := dsg.deficit_if_withheld) is None:
        return ()
    return (
        "Derived: were the ",
        figs.fig(withheld, "withheld_gbp", "m"),
        " contribution it counts withheld, the deficit would be ",
        figs.fig(withheld, "amount_gbp", "m"),
        ": \u201c",
        figs.quote(withheld, "condition", 200),
        "\u201d.",
    )


def _reserve_after_words(dsg: DsgPosition, figs: Figures) -> tuple[Part, ...]:
    """ " (derived: £29.3m after 2025-26's planned use of reserves, if met from balances)"; where the
    documents state the reserve at that year's end themselves, theirs instead, with the minimum they
    set where it is below it: " (the documents forecast £34.27m at 31 March 2026, below the £35.00m
    minimum they set)"."""
    if (end := dsg.general_reserve_year_end) is not None:
        return (
            f" (the documents {'forecast' if end.forecast else 'state'} ",
            figs.fig(end, "amount_gbp", "m"),
            f" at {end.at}",
            *_under_level(dsg, end, figs),
            ")",
        )
    if (left := dsg.reserve_after) is None:
        return ()
    return (
        " (derived: ",
        figs.fig(left, "amount_gbp", "m"),
        f" after {left.year}'s {_reserve_uses(left)}, if met from balances)",
    )


def dsg_offset_clause(
    offsets: list[DsgItem],
    deficit: DsgItem | None,
    figs: Figures,
    lead: str = "; held or paid to offset it (not summed): ",
    marked: bool = False,
) -> tuple[Part, ...]:
    """The money held or paid to offset the deficit as one clause, each sum as the documents state
    it and never summed: "; held or paid to offset it (not summed): £36.2m held (at the end of
    2023-24); contributions of up to £140m, £14.6m (2025-26) and £82.3m (2022-23 to 2027-28)".
    Where the deficit is stated after contributions, which of them it already counts is said not to
    be stated, once, and asked of the S151 officer (analyse.dsg.COUNTED_NOT_GIVEN): never assumed.
    Where `marked`, each sum is followed by its standing (`dsg_mark`)."""
    if not offsets:
        return ()
    held = [o for o in offsets if o.offset == "held"]
    paid = [o for o in offsets if o.offset != "held"]
    parts: tuple[Part, ...] = (lead,)
    for n, item in enumerate(held):
        parts += (
            " and " if n else "",
            figs.fig(item, "amount_gbp", "m"),
            " held",
            _at(item),
            *dsg_mark(item, marked),
        )
    parts += ("; " if held and paid else "", "contributions of ") if paid else ()
    for n, item in enumerate(paid):
        parts += (
            ", " if 0 < n < len(paid) - 1 else " and " if n else "",
            *_offset_sum(item, figs),
            *dsg_mark(item, marked),
        )
    if deficit is not None and deficit.contributions:
        parts += (
            ". Which of these the ",
            figs.fig(deficit, "amount_gbp", "m"),
            " after contributions already counts, the documents do not say: a question for the S151 officer",
        )
    return parts


def _offset_sum(item: DsgItem, figs: Figures) -> tuple[Part, ...]:
    """ "up to £140m", "£82.3m (2022-23 to 2027-28)": the sum, its ceiling words and its years."""
    ceiling = f"{item.ceiling} " if item.ceiling else ""
    return (ceiling, figs.fig(item, "amount_gbp", "m"), f" ({item.words})" if item.words else "")


def overspend_call_words(review: Review, figs: Figures) -> tuple[Part, ...]:
    """The council-wide overspend the documents forecast for the current year, beside the general
    reserve as a further call on it, with the stage its sentence states it at: "; the council
    forecasts a £5.5m overspend for 2025-26 after the use of reserves (council-wide): if not
    recovered, a further call on reserves"; nothing where none is forecast, or
    where the derived reserve after the year already takes it off (`reserve_after`)."""
    call, left = review.dsg.council_overspend, review.dsg.reserve_after
    if call is None or (left is not None and left.forecast_overspend_gbp is not None):
        return ()
    if review.dsg.general_reserve_year_end is not None:  # the documents' own year-end balance counts it
        return ()
    tail = ": if not recovered, a further call on reserves"
    if call.amount_gbp is None:
        return (
            f"; the documents forecast a council-wide overspend for {call.year} (no amount stated){tail}",
        )
    amount = figs.fig(call, "amount_gbp", "m")
    if call.source == "risk register":
        return (
            f"; the council's forecast overspend for {call.year}, if not recovered, is a further call on"
            " reserves: the risk register sizes it as a council-wide risk of ",
            amount,
        )
    stage = f" {call.stage}" if call.stage else ""
    return ("; the council forecasts a ", amount, f" overspend for {call.year}{stage} (council-wide){tail}")


def planned_into_words(review: Review, figs: Figures) -> tuple[Part, ...]:
    """The year's planned contributions to the general reserve, beside the share: "; the documents
    plan £16.3m into the general reserve in 2025-26 (the reserve after it is not stated)"; where the
    reserves' reconciliation found two statements of it to disagree, one contribution stated
    differently ("£16.3m (p.4) or £15.4m (p.42): one contribution stated differently"), never two;
    nothing where they plan none."""
    flows = review.dsg.general_reserve_contributions
    if not flows:
        return ()
    one = views.one_flow_stated_differently(flows, review.reconciliations)
    names = views.short_names([d.file for d in review.documents]) if one else {}
    wheres = [f.provenance[0] for f in flows if f.provenance]
    parts: tuple[Part, ...] = ("; the documents plan ",)
    for n, flow in enumerate(flows):
        parts += (" or " if one and n else " and " if n else "", figs.fig(flow, "amount_gbp", "m"))
        if one and flow.provenance:
            parts += (f" ({views.where_stated(flow.provenance[0], wheres, names)})",)
    year = flows[0].at
    if one:
        return (
            *parts,
            f": one contribution stated differently, into the general reserve in {year}",
            *_supported(flows, review, figs, names),
            " (the reserve after it is not stated)",
        )
    each = "each as stated; " if len(flows) > 1 else ""
    return (*parts, f" into the general reserve in {year} ({each}the reserve after them is not stated)")


def _supported(
    flows: list[Reserve], review: Review, figs: Figures, names: dict[str, str]
) -> tuple[Part, ...]:
    """Which of the disagreeing statements a table's own lines bear out (analyse.reconcile), as the
    reconciliation found it: "; the reserves table's lines (appendixF, p.21) support the £15.4m"."""
    found = views.flow_disagreement(flows, review.reconciliations)
    if found is None or found.supported_gbp is None or not found.supported_by:
        return ()
    kept = next(
        (f for f in flows if f.amount_gbp is not None and abs(f.amount_gbp) == found.supported_gbp), None
    )
    if kept is None:
        return ()
    table = found.supported_by[0]
    at = (
        f"{names.get(table.file, table.file)}, p.{table.page}"
        if table.page
        else names.get(table.file, table.file)
    )
    return (f"; the reserves table's own lines ({at}) support the ", figs.fig(kept, "amount_gbp", "m"))


def _reserve_uses(left: ReserveAfter) -> str:
    """What the derived reserve is after: "planned use of reserves and forecast overspend"."""
    uses = (
        (left.planned_use_gbp, "planned use of reserves"),
        (left.forecast_overspend_gbp, "forecast overspend"),
    )
    return " and ".join(words for amount, words in uses if amount is not None)


def dsg_deficit_words(
    deficit: DsgItem | None, gross: DsgItem | None, figs: Figures, quoted: bool = True, marked: bool = False
) -> tuple[Part, ...]:
    """The cumulative deficit, and which it is: "Cumulative DSG deficit £96m (at the end of
    2024-25) after contributions ("reduced by contributions to"); £227m (at 31st March 2025) before
    them ("excluding contributions from KCC and DfE")"; a deficit stated only before contributions
    is called that, never the deficit. Not `quoted` (a headline, whose DSG section quotes them), the
    words saying which each is are left out, and a deficit after contributions is followed by "£227m
    ... before them". Where `marked`, each is followed by its own standing (`dsg_mark`)."""
    parts: tuple[Part, ...] = ()
    net = deficit is not None and bool(deficit.contributions)
    if deficit is not None:
        lead = f"Cumulative DSG deficit, {hedged(deficit)}" if deficit.hedge else "Cumulative DSG deficit "
        parts += (lead, figs.fig(deficit, "amount_gbp", "m"), _at(deficit))
        if net:
            parts += _which(deficit, " after contributions", figs, quoted)
        parts += dsg_mark(deficit, marked)
    if gross is not None:
        lead = "; " if deficit is not None else ("DSG deficit, " if gross.hedge else "DSG deficit ")
        lead += hedged(gross)
        before = " before them" if net and not quoted else " before contributions"
        parts += (lead, figs.fig(gross, "amount_gbp", "m"), _at(gross), *_which(gross, before, figs, quoted))
        parts += dsg_mark(gross, marked)
    return parts


def dsg_mark(item: DsgItem, marked: bool = True) -> tuple[Part, ...]:
    """How far a DSG figure stands, after it, in the words the pack's DSG section gives it
    (views.stated_mark of the record's own verification); nothing where not `marked`."""
    return (views.stated_mark(item.verification),) if marked else ()


def hedged(item: DsgItem) -> str:
    """'an estimated ' or 'a forecast ' before a sum its sentence calls so (DsgItem.hedge); '' else."""
    word = item.hedge
    return f"{'an' if word[:1] in 'aeiou' else 'a'} {word} " if word else ""


def _which(item: DsgItem, words: str, figs: Figures, quoted: bool) -> tuple[Part, ...]:
    """ " after contributions", with the document's own words for it where `quoted`."""
    if not quoted:
        return (words,)
    return (f"{words} (\u201c", figs.quote(item, "contributions"), "\u201d)")


def dsg_draw_words(draws: list[DsgItem], year: str, figs: Figures) -> tuple[Part, ...]:
    """The plan's draws on a DSG reserve in `year`, beside that year's in-year position: ", funded by
    drawing £9.7m from the Safety Valve Earmarked reserve (KCC contributions) and £14.2m from ..."."""
    parts: tuple[Part, ...] = ()
    for item in (d for d in draws if d.year == year):
        parts += (
            " and " if parts else ", funded by drawing ",
            figs.fig(item, "amount_gbp", "m"),
            f" from the {item.words}",
        )
    return parts


def safety_valve_words(dsg: DsgPosition, figs: Figures) -> tuple[Part, ...]:
    """The Safety Valve contributions by year, each party's with what the plan's draw that year on
    the reserve holding it leaves there (analyse.dsg.safety_valve_years; the draws themselves are
    beside the in-year position): "2025-26: the council £14.6m (£4.9m left), the DfE £14.2m (all
    drawn)"."""
    parts: tuple[Part, ...] = (
        "Safety Valve contributions by year (left in the reserve after the plan's draws, derived)",
    )
    last = ""
    for paid in sorted(dsg.contributions_by_year, key=lambda c: c.year):
        lead = ", " if paid.year == last else f"{'; ' if last else ': '}{paid.year}: "
        last = paid.year
        year = next((y for y in dsg.safety_valve_years if (y.year, y.party) == (paid.year, paid.party)), None)
        who = SAFETY_VALVE_PARTIES.get(paid.party, "payer not stated")
        parts += (f"{lead}{who} ", figs.fig(paid, "amount_gbp", "m"))
        if year is not None and year.agrees:
            parts += (" (all drawn)",)
        elif year is not None:
            left = figs.fig(year, "left_gbp", "m", sign="abs")
            parts += (" (", left, " left)" if year.left_gbp > 0 else " drawn beyond it)")
    return parts


def share_words(dsg: DsgPosition, figs: Figures) -> tuple[Part, ...]:
    """The council's shares the documents set beside the national ones on SEND: "40.4% against 32.1%
    nationally (of Kent children ... in a special school)"."""
    parts: tuple[Part, ...] = ("A High Needs driver the documents state: ",)
    for i, share in enumerate(dsg.stated_shares):
        parts += (
            "; " if i else "",
            figs.fig(share, "council_pct", "pct", places=share.council_places),
            " against ",
            figs.fig(share, "national_pct", "pct", places=share.national_places),
            " nationally (",
            figs.quote(share, "words", 90),
            ")",
        )
    return parts


def _at(item: DsgItem) -> str:
    return f" (at {item.words})" if item.words else ""


def largest_overspend(review: Review, figs: Figures) -> Finding | None:
    """Only where the directorate's own position is unknown: otherwise its finding names this line."""
    lines = review.selection.overspends
    if not lines or review.position.children_services.variance_gbp is not None:
        return None
    top = lines[0]
    variance = figs.fig(top, "variance_gbp", "m")
    detail = words(
        figs.quote(top, "name"),
        ": a variance of ",
        variance,
        ", forecast ",
        figs.fig(top, "forecast_gbp", "m"),
        " against a budget of ",
        figs.fig(top, "budget_gbp", "m"),
        ".",
    )
    return Finding("Largest service overspend", variance, detail, top.provenance)


def _plural(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"


def at_risk_lines(s: SavingsSummary) -> str:
    """The lines judged at risk, counted as the sums select them: savings, and apart from them the
    rows that summarise a division's savings ("People – Education & SEND"), which are not savings."""
    said = f"{s.at_risk_count} of {_plural(s.lines, 'saving', 'savings')}"
    if s.at_risk_summary_count:
        rows = _plural(s.at_risk_summary_count, "row", "rows")
        said += f" and {rows} summarising a division's savings"
    return said


def at_risk_basis(s: SavingsSummary, figs: Figures) -> tuple[Part, ...]:
    """What the money at risk is, where some of it is not a shortfall: the whole targets of savings
    rated amber or red for which no forecast is given (money at risk, not a shortfall, which is
    target less forecast), beside the shortfalls of the rest; nothing where all of it is shortfall."""
    if not s.at_risk_whole_target_count:
        return ()
    whole: tuple[Part, ...] = (
        figs.fig(s, "at_risk_whole_target_gbp", "m"),
        (
            " is the whole of the target of "
            if s.at_risk_whole_target_count == 1
            else " is the whole of the targets of "
        )
        + _plural(s.at_risk_whole_target_count, "line", "lines")
        + " rated amber or red with no forecast given (money at risk, not a shortfall)",
    )
    if not s.at_risk_shortfall_count:
        return whole
    return (
        *whole,
        ", and ",
        figs.fig(s, "at_risk_shortfall_gbp", "m"),
        " the shortfall (target less forecast) on " + _plural(s.at_risk_shortfall_count, "line", "lines"),
    )


def savings_at_risk(review: Review, figs: Figures) -> Finding | None:
    s = review.savings_summary
    if not s.at_risk_gbp:
        return None
    provs = [p for line in review.selection.at_risk for p in line.provenance[:1]]
    # beside a shortfall on savings rated on track, each sum to the pence of £10k, so that they add
    places = 2 if s.short_on_track_gbp else None
    at_risk = figs.fig(s, "at_risk_gbp", "m", places=places)
    basis = at_risk_basis(s, figs)
    share = (
        figs.fig(s, "at_risk_share_of_target", "fraction"),
        " of the ",
        figs.fig(s, "target_gbp", "m", places=places),
        f" target for {s.period or 'the year'}",
    )
    if basis:
        detail = words(at_risk, f" is at risk on {at_risk_lines(s)}, ", *share)
    else:
        detail = words(f"The shortfall on {at_risk_lines(s)} judged at risk is ", at_risk, ", ", *share)
    detail += target_includes(s, figs) + adults_part(s, figs)
    if s.forecast_gbp is not None:
        detail += ("; forecast delivery ", figs.fig(s, "forecast_gbp", "m", places=places))
    detail += ((": ", *basis) if basis else ()) + (
        ".",
        *short_on_track_words(s, figs),
        *ratings_words(s, figs),
        *scope_parts(s, figs),
        *in_forecast_words(review, figs),
    )
    provs += [p for st in s.in_forecast for p in st.provenance[:1]]
    provs += [p for h in s.at_risk_ratings if h.meaning for p in h.provenance[:1]]
    return Finding("Savings at risk", at_risk, detail, provs)


def ratings_words(s: SavingsSummary, figs: Figures) -> tuple[Part, ...]:
    """The money at risk by the savings' rating, where the ratings need saying beside "amber or
    red": where the tracker's own key gives what a rating means ("£1.40m on 2 rated Red, which the
    tracker's key gives as 'not deliverable in year'"), or where the tracker rates in words that are
    not the colours ("£1.85m on 1 rated Low", a plan's delivery confidence). Nothing where the
    ratings are the colours alone (they are in the savings table). Each sum to the pence of £10k,
    so that they add to the money at risk on the card's face."""
    worded = any(h.rating not in RAG_NAMES.values() for h in s.at_risk_ratings)
    if not any(h.meaning for h in s.at_risk_ratings) and not worded:
        return ()
    out: list[Part] = [" Of those at risk, "]
    for index, h in enumerate(s.at_risk_ratings):
        out += [
            "; " if index else "",
            figs.fig(h, "amount_gbp", "m", places=2),
            f" on {h.count} rated {h.rating}",
        ]
        if h.meaning:
            out.append(f", which the tracker's key gives as \u201c{h.meaning}\u201d")
    return (*out, ".")


def short_on_track_words(s: SavingsSummary, figs: Figures) -> tuple[Part, ...]:
    """The shortfall on savings the tracker rates on track, forecast a little short: a question, not
    at risk, so not in the money at risk; said beside it so that the card adds up on its face, and
    where the two together are the target less the forecast, said so."""
    if not s.short_on_track_gbp:
        return ()
    rated = " or ".join(s.short_on_track_ratings) or "on track"
    out: list[Part] = [
        " A further ",
        figs.fig(s, "short_on_track_gbp", "m", places=2),
        f" is short on {_plural(s.short_on_track_count, 'saving', 'savings')} rated {rated},"
        " a question, not at risk",
    ]
    target, forecast, at_risk = s.target_gbp, s.forecast_gbp, s.at_risk_gbp or 0.0
    together = None if target is None or forecast is None else target - forecast - at_risk
    if together is not None and abs(together - s.short_on_track_gbp) <= TOGETHER_GBP:
        out += ["; the two together are the target less the forecast"]
    return (*out, ".")


# Within this, the money at risk and the on-track shortfall are said to make up target less forecast.
TOGETHER_GBP = 5_000.0


def scope_parts(s: SavingsSummary, figs: Figures) -> tuple[Part, ...]:
    """Where the children's scope spans parts (`SavingsSummary.by_scope`), what of the money at risk
    and the target is each part's, so that the sum is never read as one directorate's."""
    parts = [p for p in s.by_scope if p.target_gbp is not None]
    if len(parts) < 2:
        return ()
    out: list[Part] = [" Of these, "]
    for i, part in enumerate(parts):
        out += ["; " if i else "", f"{part.name[:1].lower()}{part.name[1:]}: "]
        if part.at_risk_gbp is not None:
            out += [figs.fig(part, "at_risk_gbp", "m"), " at risk of "]
        out += [figs.fig(part, "target_gbp", "m")]
    return (*out, ".")


def in_forecast_words(review: Review, figs: Figures) -> tuple[Part, ...]:
    """What the documents say of whether a savings shortfall is already in the forecast (so whether
    the money at risk adds to the overspend), whose shortfall it is, and whether the savings
    tracker's lines of the same scope agree with it (analyse.summary compared them)."""
    s = review.savings_summary
    out: list[Part] = []
    for st in s.in_forecast:
        whose, lines = SHORTFALL_SCOPES.get(st.scope, ("", "lines"))
        out += [
            " The report says the ",
            figs.fig(st, "amount_gbp", "m"),
            f" {whose}savings shortfall is {'' if st.included else 'not '}included in the forecast",
        ]
        if st.agrees:
            out += [f"; it matches the savings tracker's {lines} summed"]
        elif st.agrees is False:
            out += [
                ", a different amount from the ",
                figs.fig(st, "tracker_gbp", "m"),
                f" the tracker's {lines} sum to",
            ]
        out.append(".")
        if st.scope is Scope.COUNCIL_WIDE and s.at_risk_gbp:
            out += [" The ", figs.fig(s, "at_risk_gbp", "m"), " at risk here is children's services' alone."]
        out += _inside_overspend(review, st, figs)
    return tuple(out)


def _inside_overspend(review: Review, st: ShortfallInForecast, figs: Figures) -> tuple[Part, ...]:
    """Where the shortfall in the forecast holds the children's savings at risk (analyse.summary
    decided it), that they are already inside the children's overspend forecast, not added to it."""
    # Where the children's scope spans directorates (or divisions), the savings at risk are all its
    # parts': they are inside the parts' summed overspend, not the children's directorate row's.
    scope = review.position.children_scope
    own = scope.total if scope is not None else review.position.children_services
    if not (
        st.holds_childrens
        and review.savings_summary.at_risk_gbp
        and own.variance_gbp
        and own.variance_gbp > 0
    ):
        return ()
    return (
        " So the ",
        figs.fig(review.savings_summary, "at_risk_gbp", "m"),
        " is already inside the ",
        figs.fig(own, "variance_gbp", "m"),
        f" overspend{f' ({own.stage})' if own.stage else ''} forecast for {review.position.childrens_whole_words}"
        + (" (derived)" if scope is not None and not scope.of_which else "")
        + ", not in addition to it.",
    )


# Whose a shortfall in the forecast is, and the tracker's lines it was compared with, by its scope.
SHORTFALL_SCOPES = {
    Scope.COUNCIL_WIDE: ("council-wide ", "directorates"),
    Scope.CHILDRENS_SOCIAL_CARE: ("children's services' ", "children's lines"),
    Scope.EDUCATION_SEND_TRANSPORT: ("education, SEND and transport ", "education, SEND and transport lines"),
    Scope.DSG_HIGH_NEEDS: ("DSG ", "DSG lines"),
    Scope.ADULTS_IN_CHILDRENS: ("adults' services' ", "adults' lines in the directorate"),
}


def savings_planned(review: Review, figs: Figures) -> Finding | None:
    """Where nothing is judged at risk, the size of the task: the target and what is still unidentified."""
    s = review.savings_summary
    if s.at_risk_gbp or not s.target_gbp:
        return None
    target = figs.fig(s, "target_gbp", "m")
    detail: tuple[Part, ...] = (
        "Savings of ",
        target,
        f" planned for {s.period or 'the year'} across {s.lines} lines",
    )
    detail += target_includes(s, figs) + adults_part(s, figs)
    if s.unidentified_in_year_gbp:
        detail += (
            ", of which ",
            figs.fig(s, "unidentified_in_year_gbp", "m"),
            " is ",
            *labelled(s.unidentified_labels, figs),
        )
    removed = review.selection.savings_removed
    detail += (f"; {not_judged(s, removed)}.",) + savings_removed_brief(removed, figs)
    if review.derived.unidentified_later_gbp:
        detail += (
            " Later years hold a further ",
            figs.fig(review.derived, "unidentified_later_gbp", "m"),
            " ",
            *labelled(s.unidentified_labels, figs),
            ".",
        )
    detail += council_unallocated_words(s, figs)
    provs = [p for line in review.selection.savings for p in line.provenance]
    if removed is not None:
        provs += removed.provenance
    return Finding("Savings to deliver", target, detail, provs)


def target_includes(s: SavingsSummary, figs: Figures) -> tuple[Part, ...]:
    """What the savings target holds that is not a saving against the base budget (cost avoidance,
    income, grant, by the plan's own categories); nothing where it holds none."""
    others = list(dict.fromkeys(p.kind.value for p in s.parts if p.kind is not CategoryKind.SAVING))
    if not others:
        return ()
    return (
        ", of which ",
        figs.fig(s, "against_base_gbp", "m"),
        f" is savings against the base budget and the rest {' and '.join(others)}",
    )


def savings_by_category(s: SavingsSummary, figs: Figures) -> tuple[Part, ...]:
    """The target by the plan's own categories, each not a saving against the base named as what
    it is, and the part that is savings against the base where that is not the whole target (the
    pack's savings section, the deck's savings slide); nothing where no line carries a category."""
    if not s.parts:
        return ()
    out: list[Part] = ["By the plan's own categories it is "]
    for i, p in enumerate(s.parts):
        out += [figs.fig(p, "amount_gbp", "m"), " "]
        out += ["\u201c", figs.quote(p, "category"), "\u201d"] if p.category else ["under no category"]
        if p.kind is not CategoryKind.SAVING:
            out.append(f" ({p.kind.value}, not a saving against the base budget)")
        out.append("; " if i < len(s.parts) - 1 else ".")
    if s.against_base_gbp != s.target_gbp:
        out += [
            " Savings against the base budget are ",
            figs.fig(s, "against_base_gbp", "m"),
            " of the ",
            figs.fig(s, "target_gbp", "m"),
            ".",
        ]
    return tuple(out)


def adults_part(s: SavingsSummary, figs: Figures) -> tuple[Part, ...]:
    """The part of the directorate's target that is for adults (its 18-25 services), so the
    children's figure does not silently hold it; nothing where no line is adults'."""
    if not s.adults_gbp or s.children_target_gbp is None:
        return ()
    return (
        " (of the ",
        figs.fig(s, "target_gbp", "m"),
        ", ",
        figs.fig(s, "adults_gbp", "m"),
        " is for adults aged 18-25 the children's directorate serves and ",
        figs.fig(s, "children_target_gbp", "m"),
        " for children)",
    )


def council_unallocated_words(s: SavingsSummary, figs: Figures) -> tuple[Part, ...]:
    """The council's savings not yet allocated to a directorate, with the years the plan phases
    them in (nil in the savings' own year where none falls in it): not counted as children's,
    though some may fall to them."""
    if not s.council_unallocated_gbp:
        return ()
    years: tuple[Part, ...] = ()
    for n, y in enumerate(s.council_unallocated_by_year):
        years += (", " if n else " (", figs.fig(y, "amount_gbp", "m"), f" in {y.period}")
    if years and s.period and s.period not in {y.period for y in s.council_unallocated_by_year}:
        years += (f"; nil in {s.period}",)
    return (
        " The council's plan also holds ",
        figs.fig(s, "council_unallocated_gbp", "m"),
        " of council-wide savings ",
        *((*labelled(s.council_unallocated_labels, figs), ", ") if s.council_unallocated_labels else ()),
        "not yet allocated to a directorate",
        *years,
        ")" if years else "",
        ", not counted here; some may fall to children's services.",
    )


def build_nets_words(review: Review, figs: Figures) -> tuple[Part, ...]:
    """What the council's budget build counts as savings: net of the earlier years' savings its
    memorandum reverses, beside the new savings and income the plan's share of the children's is of
    (one definition of the council's savings in both places); nothing where none are reversed."""
    share = review.selection.council_build_nets
    if share is None:
        return ()
    named = (" ", *row_named(share.council_savings_nets_rows, figs, "of earlier years' savings reversed"))
    new: tuple[Part, ...] = ()
    if share.council_savings_basis == "memorandum":
        new = (
            f"; its new savings and income in {share.period} are ",
            figs.fig(share, "council_savings_gbp", "m"),
            ", the figure the children's share of the plan is of",
        )
    return (
        "The council-wide column's savings are net of ",
        figs.fig(share, "council_savings_nets_gbp", "m"),
        *named,
        *_removed_bases(review, share.period, figs),
        *new,
        ".",
    )


def build_nets_provenance(review: Review) -> list[Provenance]:
    """Where `build_nets_words` reads its figures: the plan's share, then the council's build row
    on its two bases where it is set beside it (`_council_bases`)."""
    share = review.selection.council_build_nets
    if share is None:
        return []
    bases = _council_bases(review, share.period)
    return share.provenance + [p for part in bases for p in part.provenance[:1]]


def _council_bases(review: Review, period: str) -> tuple[BuildPart, ...]:
    """The council's budget build's row of earlier savings removed for `period`, in its core column
    and in all, where it prints both; () else."""
    removed = review.selection.savings_removed
    if (
        removed is None
        or removed.period != period
        or removed.council is None
        or removed.council_in_all is None
    ):
        return ()
    return (removed.council, removed.council_in_all)


def _removed_bases(review: Review, period: str, figs: Figures) -> tuple[Part, ...]:
    """The council's build row on its two bases beside the memorandum's sum for the same year: one
    row on two bases, each said ("(the budget build prints its row at £32.8m core, £36.2m in all)");
    nothing where it prints only one."""
    bases = _council_bases(review, period)
    if not bases:
        return ()
    core, in_all = bases
    return (
        " (the budget build prints its row at ",
        figs.fig(core, "amount_gbp", "m"),
        " core, ",
        figs.fig(in_all, "amount_gbp", "m"),
        " in all)",
    )


def not_judged(s: SavingsSummary, removed: SavingsRemoved | None = None) -> str:
    """Why no saving is at risk: none is on the tracker's evidence, or there is no tracker to judge by
    (line by line only, where the budget build states the earlier savings it removes as undelivered)."""
    if s.tracked:
        return "none is judged at risk on the evidence received"
    how = "line by line" if removed else "from the documents"
    return f"no savings tracker or delivery forecast was received, so delivery cannot be judged {how}"


def row_named(rows: list[str], figs: Figures, generic: str) -> tuple[Part, ...]:
    """A sum named as its document names it: the row's own label, quoted (“Removal of
    undelivered/temporary savings & grant”), never a paraphrase narrower than the row; the
    `generic` words only where no row is named, and "and others" where several rows are summed."""
    if not rows:
        return (generic,)
    more = " and others" if len(rows) > 1 else ""
    return ("\u201c", figs.quote(rows, 0), f"\u201d{more}")


def savings_removed_words(removed: SavingsRemoved | None, figs: Figures) -> tuple[Part, ...]:
    """The budget build's row removing earlier savings (its own label: Kent's counts undelivered
    and temporary savings and grant together): the children's directorate's amount (none, where
    it prints nil) beside the council's; nothing where the build prints no such row."""
    if removed is None:
        return ()
    part = removed.childrens
    budget = f"{removed.name}'s core budget" if part.kind == "core" else f"{removed.name}'s budget"
    row = (" under its row ", *row_named(part.rows, figs, "of earlier savings removed"))
    amount: tuple[Part, ...] = (
        (f" removes nothing from {budget}", *row, " (", figs.fig(part, "amount_gbp", "m"), ")")
        if not part.amount_gbp
        else (" removes ", figs.fig(part, "amount_gbp", "m"), f" from {budget}", *row)
    )
    across = " from the council's core budgets" if removed.council and removed.council.kind == "core" else ""
    council: tuple[Part, ...] = (
        (", against ", figs.fig(removed.council, "amount_gbp", "m"), across or " across the council")
        if removed.council is not None
        else ()
    )
    return (f" The {removed.period} budget build", *amount, *council, *_removed_in_all(removed, figs), ".")


def _removed_in_all(removed: SavingsRemoved, figs: Figures) -> tuple[Part, ...]:
    """The same row in all, core and externally funded together, where the build reads it in its
    core column too: one row on two bases, each said with its own ("; in all, core and externally
    funded, it removes £3.3m from CYPE, against £36.2m across the council")."""
    part = removed.childrens_in_all
    if part is None:
        return ()
    said: tuple[Part, ...] = (
        (
            f"; in all, core and externally funded, it removes nothing from {removed.name} (",
            figs.fig(part, "amount_gbp", "m"),
            ")",
        )
        if not part.amount_gbp
        else (
            "; in all, core and externally funded, it removes ",
            figs.fig(part, "amount_gbp", "m"),
            f" from {removed.name}",
        )
    )
    whole = removed.council_in_all
    return (
        *said,
        *((", against ", figs.fig(whole, "amount_gbp", "m"), " across the council") if whole else ()),
    )


def savings_removed_brief(removed: SavingsRemoved | None, figs: Figures) -> tuple[Part, ...]:
    """The deck's short form: the children's amount under the build's row of earlier savings
    removed (named by its label), of the council's."""
    if removed is None:
        return ()
    named = (" ", *row_named(removed.childrens.rows, figs, "of earlier savings removed"))
    core = " core" if removed.childrens.kind == "core" else ""
    own = "'s core budget" if core else ""
    whole: tuple[Part, ...] = (
        (" of the council's ", figs.fig(removed.council, "amount_gbp", "m"), core)
        if removed.council is not None
        else ()
    )
    in_all = removed.childrens_in_all
    also: tuple[Part, ...] = (
        (
            " In all, core and externally funded: ",
            figs.fig(in_all, "amount_gbp", "m"),
            f" from {removed.name}",
        )
        + ((" of ", figs.fig(removed.council_in_all, "amount_gbp", "m")) if removed.council_in_all else ())
        + (".",)
        if in_all is not None
        else ()
    )
    amount: tuple[Part, ...] = (
        (" The budget build removes none",)
        if not removed.childrens.amount_gbp
        else (" The budget build removes ", figs.fig(removed.childrens, "amount_gbp", "m"))
    )
    return (
        *amount,
        *whole,
        *named,
        f" from {removed.name}{own}.",
        *also,
    )


def pressures_by_year(review: Review, figs: Figures) -> Finding | None:
    """Where no gap is stated, the growth the plan has to fund, year by year."""
    chosen = review.selection
    if chosen.gaps or not chosen.has_pressures:
        return None
    table = chosen.pressures
    start = views.review_period(review) or ""
    fund = table.general_fund  # ring-fenced (DSG) lines are not the General Fund's to fund
    shown = [i for i, (y, t) in enumerate(zip(chosen.years, fund, strict=True)) if t and y >= start]
    if not shown:
        return None
    detail: tuple[Part, ...] = ("Children's General Fund pressures (growth) in the plan: ",)
    for n, i in enumerate(shown):
        detail += (figs.fig(fund, i, "m"), f" in {chosen.years[i]}", "; " if n < len(shown) - 1 else ".")
    if table.ring_fenced or table.external:
        detail += (f" {_apart(table)} are apart from these.",)
    provs = [p for row in table.rows for p in row.provenance]
    first = shown[0]
    return Finding(f"Pressures to fund in {chosen.years[first]}", figs.fig(fund, first, "m"), detail, provs)


def _apart(table: YearTable) -> str:
    """The lines kept apart from the General Fund's core pressures, in words."""
    kinds = [
        k
        for k, held in (
            ("Externally funded", table.external),
            ("ring-fenced DSG / High Needs", table.ring_fenced),
        )
        if held
    ]
    words = " and ".join(kinds) + " lines"
    return words[0].upper() + words[1:]


def mtfp_gap(review: Review, figs: Figures) -> Finding | None:
    """The medium-term gap as the MTFP states it; its caveats (the plan's own words that its later
    years are indicative, and the savings not yet identified that a year counts, which the pack
    reads from the plan's lines, marked as its reading); then the rows each gap is printed in, the
    plan's whole sentence on its later years, a later forecast it predates, how much of a later
    year's gap is the reversal of a one-off use of reserves, and the plan's total."""
    gaps = review.selection.gaps
    if not gaps:
        return None
    summed = _plan_total(review.position.mtfp_gap_total, figs) != ()
    years: tuple[Part, ...] = ()
    for n, g in enumerate(gaps):
        years += (*_gap_words(g, figs, summed), "; " if n < len(gaps) - 1 else "")
    provs = [
        p
        for g in gaps
        for p in g.provenance
        + (g.one_off_reserves.provenance if g.one_off_reserves else [])
        + (g.unidentified.provenance if g.unidentified else [])
        + (g.identified.provenance[:1] if g.identified else [])
        + (g.remaining.provenance[:1] if g.remaining else [])
    ]
    plan_total = review.position.mtfp_gap_total
    total = _plan_total(plan_total, figs)
    provs += plan_total.provenance if plan_total and total else []
    # what the plan says is already closed qualifies the gap as the unidentified savings do: kept on a card
    caveats = (*_closing(gaps, figs), *_indicative(review, figs), *_unidentified_years(gaps, figs))
    shortfalls = [g for g in gaps if g.amount_gbp > 0]
    # The largest gap is the one the reviewers need; a later year's surplus does not cancel it.
    worst = max(shortfalls, key=lambda g: g.amount_gbp, default=None)
    caveats = (*_mostly_another(worst, figs), *caveats)
    rest = (
        *_to_find(gaps, figs),
        *_summed(plan_total),
        *_printed_in(gaps, figs),
        *_indicative_whole(review, figs),
    )
    rest += plan_later_words(review, figs)
    rest += _lines_read(gaps, figs, _reversal)
    provs += plan_dated_provenance(review)
    if worst is None:
        lead = ("No gap: ", _plan_states(review, "the"), *years, ".")
        title = "No medium-term budget gap stated (council-wide)"
        return Finding(title, "No gap", (*lead, *rest, *total), provs, caveats=caveats)
    # one line on the deck's card, leaving its detail the room its caveats need ("The MTFP states ...")
    cumulative = "cumulative " if worst.basis == "cumulative" else ""
    title = f"Council-wide {cumulative}budget gap" + (
        f" {_by_or_in(worst)} {worst.period}" if worst.period else ""
    )
    named = any(p.scope != Scope.COUNCIL_WIDE for g in shortfalls for p in g.parts)
    ask = (
        " The part labelled another service's is still the council's to close, and how much of the"
        " whole falls to children's services is a question for the S151 officer."
        if named
        else " How much of it is children's services' is a question for the S151 officer."
    )
    whole = (*total, ": ") if total else ()  # said first: a cut of the lead keeps it
    lead = (_plan_states(review), *whole, *years, "." if total else ", for the whole council.")
    detail = (*lead, *rest, ask)
    return Finding(title, figs.fig(worst, "amount_gbp", "m"), detail, provs, caveats=caveats)


def _mostly_another(gap: GapYear | None, figs: Figures) -> tuple[Part, ...]:
    """That most of the headline year's gap is the row the plan labels another directorate's
    (`GapYear.mostly_another`): " Most of 2026-27's gap (£17.0m) is another directorate's: the plan's
    adult social care funding unresolved balance."; nothing where no such row is most of it."""
    part = gap.mostly_another if gap is not None else None
    if gap is None or part is None:
        return ()
    return (
        f" Most of {gap.period or 'the year'}'s gap (",
        figs.fig(part, "amount_gbp", "m"),
        f") is another directorate's: the plan's {part.words}.",
    )


def _indicative(review: Review, figs: Figures) -> tuple[Part, ...]:
    """The plan's own words that its later years are indicative: the words that say so where they
    were read (`PlanWords.phrase`), else its whole sentence; nothing where the plan says none."""
    own = review.position.mtfp_indicative
    if own is None:
        return ()
    if own.phrase:
        return (" The plan calls its later years \u201c", figs.quote(own, "phrase"), "\u201d.")
    return (" The plan's own words on its later years: \u201c", figs.quote(own, "words"), "\u201d")


def _indicative_whole(review: Review, figs: Figures) -> tuple[Part, ...]:
    """The plan's whole sentence on its later years, where its caveat (`_indicative`) quoted only
    the words that call them indicative."""
    own = review.position.mtfp_indicative
    if own is None or not own.phrase:
        return ()
    return (" The plan's own words on its later years: \u201c", figs.quote(own, "words"), "\u201d")


def _printed_in(gaps: list[GapYear], figs: Figures) -> tuple[Part, ...]:
    """The rows each year's gap is printed in, each with its own figure: " In the plan's rows,
    2026-27's gap is adult social care funding unresolved balance £17.0m and unresolved balance /
    surplus £3.1m; ..."."""
    printed = [g for g in gaps if g.parts]
    out: tuple[Part, ...] = ()
    for n, gap in enumerate(printed):
        out += ("; " if n else " In the plan's rows, ", f"{gap.period or 'a year not stated'}'s gap is ")
        for i, part in enumerate(gap.parts):
            surplus = ", a surplus of " if part.amount_gbp < 0 else " "
            out += (" and " if i else "", part.words, surplus, figs.fig(part, "amount_gbp", "m", sign="abs"))
    return (*out, ".") if out else ()


def _plan_states(review: Review, lead: str = "The") -> str:
    """ "The MTFP (report to County Council, 20 February 2025) states ": the plan with the meeting its
    header names, so a reader sees what its gaps were set down before."""
    met = review.position.mtfp_meeting
    return f"{lead} MTFP (report to {met.body}, {met.date}) states " if met else f"{lead} MTFP states "


def plan_dated_words(review: Review, figs: Figures) -> tuple[Part, ...]:
    """What the plan's gaps are not: settled in its later years where its own words call them
    indicative (quoted), and inclusive of an overspend a later monitoring report forecasts (the
    plan predates it: how much is recurrent, and is it in the gap? A question)."""
    position = review.position
    parts: tuple[Part, ...] = ()
    if (own := position.mtfp_indicative) is not None:
        parts += (" The plan's own words on its later years: \u201c", figs.quote(own, "words"), "\u201d")
    return parts + plan_later_words(review, figs)


def plan_later_words(review: Review, figs: Figures) -> tuple[Part, ...]:
    """ " The plan, of 20 February 2025, predates the report to Cabinet of 6 November 2025, which
    forecasts a £12.4m overspend .... A question for the S151 officer: how much of it is recurrent
    ...?"; nothing where no later monitoring report forecasts an overspend."""
    position = review.position
    parts: tuple[Part, ...] = ()
    if (later := position.mtfp_later_forecast) is not None:
        whose = position.childrens_row_words if later.childrens else "the council"
        parts += (
            f" The plan{_of_date(position.mtfp_meeting)} predates the report to {later.meeting.body} of"
            f" {later.meeting.date}, which forecasts a ",
            figs.fig(later, "amount_gbp", "m"),
            f" overspend for {whose} in {later.year}. A question for the S151 officer: how much of it is"
            " recurrent, and is it in the later years' gaps?",
        )
    return parts


def _of_date(meeting: Meeting | None) -> str:
    return f", of {meeting.date}," if meeting is not None else ""


def plan_dated_provenance(review: Review) -> list[Provenance]:
    """Where the plan's meeting, its own words on its later years and a later forecast are read."""
    position = review.position
    items = (position.mtfp_meeting, position.mtfp_indicative, position.mtfp_later_forecast)
    provs = [p for item in items if item is not None for p in item.provenance[:1]]
    later = position.mtfp_later_forecast
    return provs + (later.meeting.provenance[:1] if later is not None else [])


def _gap_words(gap: GapYear, figs: Figures, summed: bool = False) -> tuple[Part, ...]:
    """A year's gap in the MTFP's own figures: the gap (bare after the gaps' total, `summed`: "£14.9m
    in 2026-27"), and a one-off use of reserves its budget is balanced with (the rows it is printed
    in are `_printed_in`'s)."""
    year = gap.period or "a year not stated"
    if gap_rounded(gap.amount_gbp) == 0:
        return (f"no gap in {year}", *_one_off(gap, figs))
    kind = "" if summed and gap.amount_gbp > 0 else ("a gap of " if gap.amount_gbp > 0 else "a surplus of ")
    if gap.basis == "cumulative" and not summed:
        kind = f"a cumulative {kind[2:]}" if kind else kind
    # a cumulative gap is the gap so far: by its year, never that year's own
    words = (kind, figs.fig(gap, "amount_gbp", "m", sign="abs"), f" {_by_or_in(gap)} {year}")
    return (*words, *_one_off(gap, figs))


def _by_or_in(gap: GapYear) -> str:
    return "by" if gap.basis == "cumulative" else "in"


def _lines_read(
    gaps: list[GapYear], figs: Figures, clause: Callable[[GapYear, Figures], tuple[Part, ...]]
) -> tuple[Part, ...]:
    """What the pack reads from the plan's lines beside the gap, which the MTFP's words do not
    state (each year's `clause`): a sentence of its own, marked as the pack's reading ("" where
    there is none)."""
    clauses = [c for g in gaps if (c := clause(g, figs))]
    if not clauses:
        return ()
    out: tuple[Part, ...] = (LINES_READ,)
    for n, said in enumerate(clauses):
        out += (*said, "; " if n < len(clauses) - 1 else ".")
    return out


LINES_READ = " The plan's lines, as the pack reads them (not the MTFP's words): "


def _unidentified_years(gaps: list[GapYear], figs: Figures) -> tuple[Part, ...]:
    """Each year's savings not yet identified (`_unidentified`); where every year's plan counts them
    beside a gap under the same words, once: "savings labelled “Future savings under development”:
    £10.0m in 2026-27, £9.2m in 2027-28"."""
    years = [(g, u) for g in gaps if (u := g.unidentified) is not None]
    if len(years) < 2 or len({tuple(u.labels) for _, u in years}) != 1 or any(u.balances for _, u in years):
        return _lines_read(gaps, figs, _unidentified)
    out: tuple[Part, ...] = (LINES_READ, "savings ", *labelled(years[0][1].labels, figs), ": ")
    for n, (g, u) in enumerate(years):
        out += (", " if n else "", figs.fig(u, "amount_gbp", "m"), f" in {g.period or 'a year not stated'}")
    return (*out, ".")


def _unidentified(gap: GapYear, figs: Figures) -> tuple[Part, ...]:
    """A year whose plan counts savings not yet identified: its budget balances only by counting
    them, where it shows no gap without them."""
    if gap.unidentified is None:
        return ()
    year = gap.period or "a year not stated"
    amount = figs.fig(gap.unidentified, "amount_gbp", "m")
    said = labelled(gap.unidentified.labels, figs)
    if gap.unidentified.balances:
        return (f"{year} balances only by counting ", amount, " of savings ", *said)
    return (f"{year}'s savings include ", amount, " ", *said)


def _closing(gaps: list[GapYear], figs: Figures) -> tuple[Part, ...]:
    """What the plan says of closing each year's gap (analyse.gap_savings): the savings it says are
    identified against it and the gap it says remains, each cited, and whether the gap less the one
    is the other: " The MTFP states £9.2m of savings identified against 2026-27's gap and £5.6m
    remaining; the arithmetic holds (£14.8m − £9.2m = £5.6m)."; where it does not, the figure the
    arithmetic gives beside the one stated, to be confirmed."""
    out = _already_net(gaps, figs)
    gaps = [g.model_copy(update={"identified": None}) if _in_gap(g) else g for g in gaps]
    every = [g for g in gaps if g.identified is not None and g.remaining is not None]
    if len(every) > 1 and len(every) == len(gaps):  # a row each, every year: one sentence
        return (*out, *_closing_rows(every, figs))
    for g in gaps:
        if g.identified is None and g.remaining is None:
            continue
        year = g.period or "a year not stated"
        out += (" The MTFP states ",)
        if g.identified is not None:
            out += (figs.fig(g.identified, "amount_gbp", "m"), f" of savings identified against {year}'s gap")
        if g.remaining is not None:
            out += (
                (" and ", figs.fig(g.remaining, "amount_gbp", "m"), " remaining")
                if g.identified is not None
                else (figs.fig(g.remaining, "amount_gbp", "m"), f" of {year}'s gap remaining")
            )
        if g.remaining_holds is None or g.identified is None or g.remaining is None:
            out += (".",)
            continue
        sums = (
            figs.fig(g, "amount_gbp", "m"),
            " \u2212 ",
            figs.fig(g.identified, "amount_gbp", "m"),
            " = ",
            figs.fig(g, "remaining_derived_gbp", "m"),
        )
        if g.remaining_holds:
            out += ("; the arithmetic holds (", *sums, ").")
        else:
            out += (
                "; the arithmetic does not hold (",
                *sums,
                ", not ",
                figs.fig(g.remaining, "amount_gbp", "m"),
                "): to be confirmed.",
            )
    return out


def _in_gap(gap: GapYear) -> bool:
    return gap.identified is not None and gap.identified.in_gap


def _already_net(gaps: list[GapYear], figs: Figures) -> tuple[Part, ...]:
    """The years whose gap its table shows already net of the savings identified (the rows above the
    gap add up to it: analyse.gap_savings), in one sentence: " Each year's gap is already after the
    savings the MTFP identifies (£32.60m in 2026-27 and £18.10m in 2027-28): ..." """
    net = [g for g in gaps if _in_gap(g)]
    if not net:
        return ()
    out: tuple[Part, ...] = (
        " Each year's gap is already after the savings the MTFP identifies ("
        if len(net) > 1
        else f" {net[0].period}'s gap is already after the savings the MTFP identifies (",
    )
    for n, g in enumerate(net):
        assert g.identified is not None
        sep = "" if n == 0 else (" and " if n == len(net) - 1 else ", ")
        out += (sep, figs.fig(g.identified, "amount_gbp", "m"), f" in {g.period}")
    return (
        *out,
        "): the rows above the gap in its table add up to it, so those savings close no more of it.",
    )


def _closing_rows(gaps: list[GapYear], figs: Figures) -> tuple[Part, ...]:
    """Every year's savings identified and gap remaining in one sentence, the years in order:
    " Against these gaps the MTFP states savings identified of £6.20m, £3.10m and £1.05m, leaving
    £3.65m, £4.32m and £5.07m; the arithmetic holds each year."; a year where the gap less the
    savings is not the gap remaining named, with the figure the arithmetic gives, to be confirmed."""

    def listed(field: str) -> tuple[Part, ...]:
        out: tuple[Part, ...] = ()
        for n, g in enumerate(gaps):
            sep = "" if n == 0 else (" and " if n == len(gaps) - 1 else ", ")
            out += (sep, figs.fig(getattr(g, field), "amount_gbp", "m"))
        return out

    years = f"{gaps[0].period} to {gaps[-1].period}"
    out: tuple[Part, ...] = (
        f" Against the gaps of {years} the MTFP states savings identified of ",
        *listed("identified"),
        ", leaving ",
        *listed("remaining"),
        " remaining",
    )
    wrong = [g for g in gaps if g.remaining_holds is False]
    if all(g.remaining_holds for g in gaps):
        return (*out, "; the arithmetic holds each year.")
    if not wrong:
        return (*out, ".")
    for n, g in enumerate(wrong):
        assert g.identified is not None and g.remaining is not None
        out += (
            "; " if n == 0 else "; and ",
            f"in {g.period} the gap less the savings is ",
            figs.fig(g, "remaining_derived_gbp", "m"),
            ", not ",
            figs.fig(g.remaining, "amount_gbp", "m"),
        )
    return (*out, ": to be confirmed.")


def _to_find(gaps: list[GapYear], figs: Figures) -> tuple[Part, ...]:
    """The total still to find in each year whose plan counts savings not yet identified beside a
    gap: the gap plus those savings, derived from the two stated rows (detail, after the caveats)."""
    years = [(g, u) for g in gaps if g.to_find_gbp is not None and (u := g.unidentified) is not None]
    out: tuple[Part, ...] = ()
    for n, (g, unidentified) in enumerate(years):
        out += (
            " The total still to find is " if n == 0 else "; ",
            figs.fig(g, "to_find_gbp", "m"),
            f" in {g.period or 'a year not stated'} (derived: the gap ",
            figs.fig(g, "amount_gbp", "m"),
            " plus those ",
            figs.fig(unidentified, "amount_gbp", "m"),
            ")",
        )
    return (*out, ".") if out else ()


def labelled(labels: list[str], figs: Figures) -> tuple[Part, ...]:
    """ "labelled “Future savings under development”": the plan's own words for savings it has not
    yet identified (analyse.flags.unidentified_label), quoted; "not yet identified" where none is read."""
    if not labels:
        return ("not yet identified",)
    parts: tuple[Part, ...] = ("labelled \u201c",)
    for n in range(len(labels)):
        parts += ("\u201d or \u201c" if n else "", figs.quote(labels, n))
    return (*parts, "\u201d")


def _reversal(gap: GapYear, figs: Figures) -> tuple[Part, ...]:
    """A later year that reverses an earlier year's one-off use of reserves: how much of its gap
    the reversal is."""
    use = gap.one_off_reserves
    if use is None or gap.period == use.used_in:
        return ()
    reversed_ = figs.fig(use, "reversed_gbp", "m")
    if 0 < use.reversed_gbp <= gap.amount_gbp:
        return (
            reversed_,
            f" of {gap.period}'s gap is the reversal of {use.used_in}'s one-off use of reserves",
        )
    return (f"{gap.period} also reverses {use.used_in}'s one-off use of reserves, ", reversed_)


def _plan_total(total: GapTotal | None, figs: Figures) -> tuple[Part, ...]:
    """The gap over the plan, the lead's first words, before each year's gap (so a card cut to fit
    keeps it): the MTFP's own cumulative figure, or the incremental years summed."""
    if total is None or gap_rounded(total.amount_gbp) <= 0:
        return ()
    span = f"{total.first} to {total.last}"
    if total.stated:
        return (
            "a council-wide gap of ",
            figs.fig(total, "amount_gbp", "m"),
            f" over {span} (its own cumulative gap)",
        )
    return (
        "council-wide gaps adding up to ",
        figs.fig(total, "amount_gbp", "m"),
        f" over {span} (derived)",
    )


def _summed(total: GapTotal | None) -> tuple[Part, ...]:
    """Why the lead's derived total sums the years (detail, after the caveats)."""
    if total is None or total.stated or gap_rounded(total.amount_gbp) <= 0:
        return ()
    return (
        " Each year's gap is new that year (the next year's budget assumes it closed), so the years' gaps are summed.",
    )


def _one_off(gap: GapYear, figs: Figures) -> tuple[Part, ...]:
    """A year balanced with a one-off use of reserves says so, as the plan's table prints it."""
    use = gap.one_off_reserves
    if use is None or gap.period != use.used_in:
        return ()
    balanced = ", balanced only after" if gap_rounded(gap.amount_gbp) == 0 else ", after"
    return (f"{balanced} a one-off use of reserves of ", figs.fig(use, "used_gbp", "m"), use.drawn_words)


MEASURES = {"gbp_per_child", "gbp_per_week", "gbp", "rate_per_10k", "percent"}


def benchmark_gap(b: Benchmark) -> float:
    """How far the council sits from its statistical neighbours' median, as a fraction.

    Only measures (not grades) count, and a value under a tenth or over ten times the median is
    read as a difference in how spend is recorded rather than a finding, so it counts as no gap.
    """
    median = b.statistical_neighbours.median
    if b.unit not in MEASURES or b.value is None or not median or b.value <= 0 or median <= 0:
        return 0.0
    ratio = b.value / median
    return abs(ratio - 1) if 0.1 <= ratio <= 10 else 0.0


def benchmark_rank(b: Benchmark) -> tuple[float, float]:
    """Gaps worth the most a year first (analyse's gap cost, where a cost follows), then the furthest."""
    return (abs(b.gap_cost.amount_gbp) if b.gap_cost else 0.0, benchmark_gap(b))


def benchmark_outlier(review: Review, figs: Figures) -> Finding | None:
    ranked = sorted(
        range(len(review.benchmarks)), key=lambda i: benchmark_rank(review.benchmarks[i]), reverse=True
    )
    if not ranked or benchmark_gap(review.benchmarks[ranked[0]]) == 0:
        return None
    b, diff = review.benchmarks[ranked[0]], review.derived.vs_neighbours[ranked[0]]
    unit = f"unit:{b.unit}"
    rank: tuple[Part, ...] = ()
    if b.rank and b.of:
        rank = (
            "; ranked ",
            figs.fig(b, "rank", "count"),
            " of ",
            figs.fig(b, "of", "count"),
            ", highest first",
        )
    cost: tuple[Part, ...] = ()
    title = f"Furthest from neighbours: {b.label}"
    if b.gap_cost and b.gap_cost.amount_gbp:
        more = "more" if b.gap_cost.amount_gbp > 0 else "less"
        cost = (
            " An estimate from the national returns: about ",
            figs.fig(b.gap_cost, "amount_gbp", "m", sign="abs"),
            f" a year {more} than at the median (",
            figs.quote(b.gap_cost, "basis"),
            ").",
        )
        # below the neighbours, the gap is money spent less, not a cost
        costliest = (
            "Costliest gap to neighbours" if more == "more" else "Largest gap below neighbours in money"
        )
        title = f"{costliest}: {b.label}"
    detail = (
        figs.fig(b, "value", unit),
        f" in {b.period} against a statistical neighbour median of ",
        figs.fig(b.statistical_neighbours, "median", unit),
        " (",
        figs.fig(diff, "value", "points" if diff.unit == "points" else "signed_pct"),
        ")",
        *rank,
        ".",
        *cost,
        stand_in(review, b.provenance),
    )
    return Finding(
        title,
        figs.fig(b, "value", unit),
        detail,
        b.provenance + b.uasc_provenance,
        caveats=_uasc_caveat(b, figs),
    )


def _uasc_caveat(b: Benchmark, figs: Figures) -> tuple[Part, ...]:
    """What the asylum-seeking children the council looks after mean for a benchmark they drive, as
    analyse says it (`Benchmark.uasc`), a sentence that qualifies its figure: its card keeps it, and
    its chart in the benchmarking section says it too; nothing where they do not."""
    if not b.uasc:
        return ()
    return (" ", figs.quote(b, "uasc", sentence=True), ".")


def own_figure_disagreement(review: Review, figs: Figures) -> Finding | None:
    """The largest disagreement between a figure the council's documents state and the national
    figure for the same measure (analyse orders them, the largest first)."""
    o = next((o for o in review.own_figures if o.disagrees), None)
    if o is None:
        return None
    own = figs.fig(o, "value", views.stated_how(o.unit), places=o.places)
    differs = f" The measures differ: {o.differs}." if o.differs else ""
    detail = words(
        "The council's own documents give ",
        own,
        "; the national statistics",
        f" for {o.national_period}" if o.national_period else "",
        " give ",
        figs.fig(o, "national", f"unit:{o.unit}"),
        ".",
        differs,
        " Benchmark judgements rest on the national figure: ask which holds.",
    )
    return Finding(f"The council's own figure disagrees: {o.label}", own, detail, o.provenance)


def drivers_gap(review: Review, figs: Figures) -> Finding | None:
    d = review.drivers
    if d.actual_value is None or d.expected_value is None or d.residual is None:
        return None
    side = "above" if d.residual > 0 else "below"
    if abs(d.residual) < 0.05 * abs(d.expected_value):
        side = "close to"
    fit: tuple[Part, ...] = ()
    if d.r_squared is not None and d.n:
        fit = (
            " (R² ",
            figs.fig(d, "r_squared", "number", places=2),
            ", n = ",
            figs.fig(d, "n", "count"),
            ")",
        )
    title = f"{whose(review, d.provenance)}Spend per child {side} what its circumstances predict"
    figure = figs.fig(d, "residual", "money", sign="abs")
    interval: tuple[Part, ...] = ()
    if d.interval_low is not None and d.interval_high is not None:
        interval = (
            " A council like this would spend ",
            figs.fig(d, "interval_low", "money"),
            " to ",
            figs.fig(d, "interval_high", "money"),
            " 19 times in 20",
        )
        if d.residual_distinguishable is False:
            title = f"{whose(review, d.provenance)}Spend per child within what its circumstances predict"
            figure = figs.fig(d, "actual_value", "money")  # the difference is no finding: the spend is
            interval += (", so the model cannot tell the difference from zero",)
        interval += (".",)
    detail = (
        "Actual ",
        figs.fig(d, "actual_value", "money"),
        " against ",
        figs.fig(d, "expected_value", "money"),
        " expected from factors the council does not control, a difference of ",
        figs.fig(d, "residual", "money", sign="abs"),
        *fit,
        ".",
        *interval,
        stand_in(review, d.provenance),
    )
    return Finding(title, figure, words(*detail), d.provenance)


def data_quality(review: Review, figs: Figures) -> Finding | None:
    """The caveats on the evidence, from the counts the data-quality section gives too
    (review.checks): what was checked, how many reconcile, and which figures did not and why."""
    failed = [d for d in review.documents if d.status == Status.FAILED and not d.skipped]
    checks = review.checks
    stated_twice = [r for r in review.reconciliations if r.code == "cross_document_mismatch"]
    missing = review.missing_documents
    issues = len(failed) + checks.totals_not_reconciled + checks.figures_stated_differently + len(missing)
    if not issues:
        return None
    parts: list[str] = []
    if failed:
        parts.append(f"{fmt.count(len(failed), 'document')} could not be read")
    if checks.totals_not_reconciled:
        one = checks.totals_not_reconciled == 1
        columns = checks.total_columns_not_reconciled
        parts.append(
            f"{checks.totals_not_reconciled} of {fmt.count(checks.totals_checked, 'total')} checked "
            + ("did not reconcile with its lines" if one else "did not reconcile with their lines")
            + (
                f" (in {fmt.count(columns, 'column')} of {'its row' if one else 'their rows'})"
                if columns > checks.totals_not_reconciled
                else ""
            )
        )
    held = ""  # not an issue: said after them
    if checks.totals_confirmed:
        one = checks.totals_confirmed == 1
        held = (
            f" {fmt.count(checks.totals_confirmed, 'total')} that "
            + ("does" if one else "do")
            + " not reconcile with "
            + ("its" if one else "their")
            + " lines "
            + ("was" if one else "were")
            + " confirmed as printed by a reviewer."
        )
    elif checks.totals_checked and not checks.totals_not_reconciled:
        one = checks.totals_checked == 1
        held = f" The {fmt.count(checks.totals_checked, 'total')} checked " + (
            "reconciles with its lines." if one else "all reconcile with their lines."
        )
    if checks.figures_stated_differently:
        named = "; ".join(r.subject for r in stated_twice)
        parts.append(
            f"{fmt.count(checks.figures_stated_differently, 'figure')} stated differently in two places"
            + (f" ({named})" if named else "")
        )
    if len(missing) > MAX_NAMED_MISSING:
        # the summary stays on one page: a long list is named where the caveats are
        parts.append(
            f"{fmt.count(len(missing), 'document')} not supplied, named under data quality and caveats"
        )
    elif missing:
        parts.append(f"{fmt.count(len(missing), 'document')} not supplied ({', '.join(missing)})")
    provs = [p for r in review.reconciliations if r.code != "total_ok" for p in r.provenance]
    figure = fmt.count(issues, "issue")
    return Finding("Caveats on the evidence", figure, (f"{figure}: " + "; ".join(parts) + "." + held,), provs)


Finder = Callable[[Review, Figures], Finding | None]
# Each finder, in the order a reviewer would raise its finding, with the pack's section that holds
# the finding's detail (render.views.SECTIONS).
FINDERS: list[tuple[Finder, str]] = [
    (no_childrens_position, "budget"),
    (children_position, "budget"),
    (children_budget, "budget"),
    (dsg_against_reserve, "dsg"),
    (savings_at_risk, "savings"),
    (savings_planned, "savings"),
    (mtfp_gap, "mtfp"),
    (pressures_by_year, "mtfp"),
    (benchmark_outlier, "benchmarking"),
    (own_figure_disagreement, "benchmarking"),
    (drivers_gap, "drivers"),
    (largest_overspend, "budget"),
]


def headline_findings(review: Review, figs: Figures | None = None, most: int = MAX_FINDINGS) -> list[Finding]:
    """Up to `most` findings, in the order a reviewer would raise them, skipping any without
    data; the caveats on the evidence always among them, last, since the rest stand on it. A
    figure is headlined once (`headlined_once`)."""
    found, caveats = _headlined(figs or Figures.of(review))
    if caveats is None:
        return found[:most]
    return [*found[: most - 1], replace(caveats, section="quality")]


@lru_cache(maxsize=1)
def _headlined(figs: Figures) -> tuple[list[Finding], Finding | None]:
    """Every finding of the review `figs` indexes (`FINDERS`), each headlined once, and the caveats
    on the evidence: found once for the index (render.refs.Figures.of: one for a review while it is
    rendered), which the pack's summary, the deck's headline findings and its benchmark slide's card
    all read."""
    review = figs.review
    found = headlined_once(
        [
            replace(f, section=section)
            for finder, section in FINDERS
            if (f := finder(review, figs)) is not None and headlines(review, f.provenance)
        ]
    )
    return found, data_quality(review, figs)


def headline_card(figs: Figures, section: str) -> Finding | None:
    """The headline card for a section as the pack's summary shows it (its big figure chosen by
    `headlined_once` among every finding), for a slide that shows that card beside its section's
    evidence; None where no finding of that section is headlined."""
    found, _ = _headlined(figs)
    return next((f for f in found if f.section == section), None)


def headlined_once(found: list[Finding]) -> list[Finding]:
    """The findings with no big figure shown twice: two cards headed by the same printed figure
    (a benchmark's spend per child and the drivers' actual spend, £968 both) read as one figure
    twice, so a card whose figure an earlier card already shows takes instead the first figure of
    its lead (the sentence that says what its figure is) not yet shown; failing one, it is left
    out, its detail being in its section."""
    shown: set[str] = set()
    out: list[Finding] = []
    for f in found:
        if f.figure in shown:
            other = next((p for p in f.lead if isinstance(p, Fig) and p.text not in shown), None)
            if other is None:
                continue
            f = replace(f, figure_part=other)
        shown.add(f.figure)
        out.append(f)
    return out


# The most words of a card's detail the pack's executive summary shows: past them the card keeps
# its first whole sentences (or, failing one short enough, its first clauses that still say what
# its figure is) and points to the section that holds the rest, so that the summary keeps to a page.
PACK_CARD_WORDS = 60


def card_parts(f: Finding, most: int = PACK_CARD_WORDS) -> list[Part]:
    """A card's detail as the pack's summary shows it (`Finding.said`: the lead, the caveats, the
    rest): whole, where it is `most` words or fewer; else the longest of its shorter forms within
    them (`Finding.shorter`: whole sentences, never without its caveats), failing those the
    shortest; then where the rest is (its section, a link)."""
    parts = list(f.said)
    if _words(parts) <= most:
        return parts
    forms = [list(k) for k in f.shorter()]
    within = [k for k in forms if _words(k) <= most]
    kept = within[0] if within else min(forms, key=_words, default=parts)
    if len(kept) == len(parts) and str(kept[-1]) == str(parts[-1]):
        return parts
    title = views.SECTIONS.get(f.section)
    where = (
        Markup(' More under <a href="#{}">{}</a>.').format(f.section, title)
        if title
        else " More in the pack."
    )
    return [*kept, where]


def _words(parts: list[Part]) -> int:
    return len("".join(str(p) for p in parts).split())
