"""Records the analyse stage produces, shaped by ../shared/contracts/review.md."""

from __future__ import annotations

import datetime
import re
from collections.abc import Sequence
from enum import StrEnum
from typing import Any, Literal

from pydantic import Field

from extract.records import (
    BudgetBuild,
    BudgetLine,
    BuildPart,
    Figure,
    PeriodAmount,
    PlanLine,
    Provenance,
    Reviewed,
    Risk,
    SavingsLine,
    Stage,
)
from extract.tables.vocabulary import CategoryKind
from ingest.records import Document, Record


class Scope(StrEnum):
    """Where a line, figure or finding sits: decided once, by analyse.scope, and read downstream."""

    CHILDRENS_SOCIAL_CARE = "childrens_social_care"
    EDUCATION_SEND_TRANSPORT = "education_send_transport"
    DSG_HIGH_NEEDS = "dsg_high_needs"
    ADULTS_IN_CHILDRENS = "adults_in_childrens_directorate"
    COUNCIL_WIDE = "council_wide"
    OTHER_DIRECTORATE = "other_directorate"
    CAPITAL = "capital"


# Money in these scopes is ring-fenced: a DSG or High Needs deficit is the grant's, not a General
# Fund pressure, so a total that holds it names that part apart.
RING_FENCED = frozenset({Scope.DSG_HIGH_NEEDS})
# A variance as a share of its budget is written to one decimal place wherever it is stated (the
# position table's 6.5% of budget, and a flag's), so a reader sees one figure for it.
VARIANCE_SHARE_PLACES = 1
# The project's one materiality tolerance: 5% of a budget is where monitoring reports commonly ask a
# service to explain its variance, and where two figures for one thing (a line's budget and the count
# times the price it pays) differ enough to ask what else the line holds.
MATERIAL_VARIANCE_PERCENT = 5.0
# Adults' services the children's directorate holds (18-25s) are in the directorate's totals, and
# named apart wherever those totals are shown as children's (as the savings summary does).
ADULTS_APART = frozenset({Scope.ADULTS_IN_CHILDRENS})

# The reviewers' words for each scope (the pack and deck show these, never the values above).
SCOPE_NAMES: dict[Scope, str] = {
    Scope.CHILDRENS_SOCIAL_CARE: "Children's social care",
    Scope.EDUCATION_SEND_TRANSPORT: "Education, SEND and home-to-school transport",
    Scope.DSG_HIGH_NEEDS: "DSG / High Needs (ring-fenced)",
    Scope.ADULTS_IN_CHILDRENS: "Adults' services in the children's directorate",
    Scope.COUNCIL_WIDE: "Council-wide",
    Scope.OTHER_DIRECTORATE: "Another directorate",
    Scope.CAPITAL: "Capital",
}
# A tracker's ratings: each colour in order, worst first, and its name where the tracker's own word
# for a rating is the colour itself ("A", "amber") or none.
RAG_ORDER = ("red", "amber", "green", "blue", None)
RAG_NAMES = {"red": "Red", "amber": "Amber", "green": "Green", "blue": "Blue (delivered)", None: "Not rated"}


def rating_name(rag: str | None, words: str | None) -> str:
    """A saving's rating as its tracker words it ("Dark Amber", spaced once), its colour's name
    where the tracker's word is the colour itself or its letter ("Amber", "A"), or it gives none: a
    finer rating is shown as the tracker's, never folded into its colour."""
    said = " ".join((words or "").split())
    plain = {"", (rag or "").lower(), (rag or "")[:1].lower()}
    return RAG_NAMES[rag] if said.lower() in plain else said


def rating_order(rag: str | None, name: str) -> tuple[int, int, str]:
    """Where a rating goes among a tracker's: by colour, worst first, and within a colour its
    darker shade ahead of it ("Dark Amber" before "Amber") and any other word after."""
    shade = 0 if name.lower().startswith("dark") else 1 if name == RAG_NAMES[rag] else 2
    return (RAG_ORDER.index(rag), shade, name.lower())


# The reviewers' words for each kind of flag (Flag.code), as the workbook names them.
FLAG_NAMES: dict[str, str] = {
    "benchmark_outlier_high": "Benchmark: well above comparators",
    "benchmark_outlier_low": "Benchmark: well below comparators",
    "benchmark_trend_rising": "Benchmark: trend rising",
    "benchmark_trend_falling": "Benchmark: trend falling",
    "total_mismatch": "Total does not add up",
    "cross_document_mismatch": "Figure stated differently in two places",
    "service_overspend": "Service line overspend",
    "stated_overspend": "Overspend stated in the documents",
    "stated_savings_at_risk": "Savings stated at risk",
    "stated_budget_gap": "Budget gap stated in the documents",
    "council_savings_unallocated": "Council-wide savings not yet allocated",
    "rag_red": "Saving rated red",
    "rag_amber": "Saving rated amber",
    "rag_contradicts_forecast": "Rating at odds with the forecast",
    "declared_at_risk": "Saving declared at risk",
    "forecast_below_target": "Saving forecast below target",
    "slipped": "Saving slipped",
    "undeliverable": "Saving said not deliverable",
    "unidentified_saving": "Saving not yet identified",
    "one_off_measure": "Met one-off, not ongoing",
    "cost_avoidance": "Cost avoidance, not a cashable saving",
    "demand_reduction_against_rising_demand": "Relies on demand falling while it rises",
    "demand_reduction_on_weak_evidence": "Relies on demand falling, on weak evidence",
    "demand_reduction_saving": "Relies on demand falling",
    "depends_on_unsettled_decision": "Depends on a decision not yet made",
    "register_risk_on_subject": "A register risk on the same subject",
    "depends_on_consultation": "Depends on a consultation",
    "depends_on_capital": "Depends on capital investment",
    "depends_on_reserve_funding": "Depends on invest-to-save funding from a reserve",
    "depends_on_recruitment": "Depends on recruitment",
    "repeat_of_slipped_saving": "Repeats a saving that slipped",
    "carried_forward": "Carried forward from an earlier year",
    "prior_year_saving_reversed": "Reverses an earlier year's saving",
    "overspend_exceeds_saving": "Its service overspends by more than the saving",
    "saving_large_against_budget": "Large against its service's budget",
}
# The reviewers' words for the children's directorate's own row ("CYPE: ..."): it holds all its
# services, so no one scope's name fits it (analyse.scope.directorate_label).
DIRECTORATE_ROW = "the children's directorate, all its services"
# The reviewers' words for a line of the directorate's own running costs ("Management and support"):
# its overheads are the whole directorate's, not one service's (analyse.scope.overheads_label).
DIRECTORATE_OVERHEADS = "the children's directorate's overheads, not one service's"
# Where the council files education and SEND in a directorate (or division) of its own beside the
# children's one (analyse.scope.ScopeIndex.apart), the children's row is that directorate's, not the
# whole children's scope, and its overheads are that directorate's.
DIRECTORATE_ROW_APART = "the whole directorate, all its services; education and SEND are reported apart"
OVERHEADS_APART = "its directorate's overheads, not one service's"
# The scopes of the children's directorate's own budget, in the order the pack groups them.
CHILDRENS_DIRECTORATE = (
    Scope.CHILDRENS_SOCIAL_CARE,
    Scope.EDUCATION_SEND_TRANSPORT,
    Scope.DSG_HIGH_NEEDS,
    Scope.ADULTS_IN_CHILDRENS,
)
# The document's arithmetic's word on a figure, or a reviewer's who checked it against the source.
Verification = Literal["verified", "unchecked", "contradicted", "confirmed", "corrected"]


# The DfE's local authority types, in words.
TYPE_NAMES = {
    "SC": "shire county",
    "UA": "unitary authority",
    "MD": "metropolitan district",
    "ILB": "inner London borough",
    "OLB": "outer London borough",
}


class Council(Record):
    name: str | None = None
    la_code: str | None = None
    ons_code: str | None = None
    region: str | None = None
    la_type: str | None = None
    identified_from: list[Provenance] = Field(default_factory=list)
    method: str = ""
    benchmarked_as: str | None = None  # the LA whose statistics stand in, when the user chose one


class Money3(Record):
    budget_gbp: float | None = None
    forecast_gbp: float | None = None
    variance_gbp: float | None = None
    provenance: list[Provenance] = Field(default_factory=list)
    # Whether the document's own arithmetic proves these figures (the row's verification), or a
    # reviewer confirmed or corrected them; None where there are no figures. A contradicted row is
    # never taken as a position unless a reviewer settled it.
    verification: Verification | None = None
    checks: list[str] = Field(default_factory=list)  # the identities tested, in words
    # Words a figure of this record is printed with wherever it is shown, by field name
    # (render.refs.Figures): the doubt of a figure its table's arithmetic contradicts, or of one
    # worked out from it (analyse.standing.caveat).
    doubts: dict[str, str] = Field(default_factory=dict)
    # The stage a sentence states the variance at (before or after management actions, or the
    # use of reserves: extract.stage), said wherever it is shown; None for a table's row.
    stage: Stage | None = None


class InDoubt(Record):
    """A figure its table's arithmetic contradicts: what failed, and what agrees with it."""

    money: Money3
    name: str
    failed: str  # the identity that failed, in words
    failed_detail: str = ""  # its figures, in words
    agrees: list[str] = Field(default_factory=list)  # the identities that held on the same figures
    agree_places: list[Provenance] = Field(default_factory=list)  # the other rows those identities used
    # The variance the row's own budget and forecast give (forecast − budget) where its lines' sum
    # gives the same (analyse.position.rows_reading): the pack's reading of a total misprinted in
    # its variance alone, shown beside the printed figure, never instead of it; None otherwise.
    rows_variance_gbp: float | None = None
    rows_places: list[Provenance] = Field(default_factory=list)  # the lines summed to it


class RowInDoubt(Record):
    """A row its table's arithmetic contradicts and no reviewer settled (analyse.standing.in_doubt),
    and how the review uses it: the children's headline where only its service lines fall short of
    it (`Position.children_services_lines_short`), else shown as printed, marked, never a headline."""

    label: str  # the row's label as printed
    provenance: list[Provenance] = Field(min_length=1)
    headlines: bool = False
    doubt: str = ""  # why it is in doubt, in words (analyse.standing.doubt)
    # its table's arithmetic holds, but the documents state it otherwise elsewhere (analyse.slipped)
    stated_otherwise: bool = False
    # The documents' prose figures that restate it (analyse.restated: the same amount in a sentence
    # naming it, and that amount's share of its budget there): in doubt as it is, marked so.
    restated_in: list[Figure] = Field(default_factory=list)


class LinesShort(Record):
    """A directorate total headlined though the lines under it do not add up to it: its own
    arithmetic and its place in the council's total hold, or the document's text states it
    (`analyse.standing.doubted_only_by_its_lines`). Which is wrong, it or a line, is said only
    where a check takes its side (`supported_by`); its figures are marked wherever shown."""

    lines_variance_gbp: float  # what its lines' variances add to
    short_gbp: float  # the total's variance less its lines' (positive: the lines fall short of it)
    ways: list[str] = Field(min_length=1)  # what holds the total up, in words
    ways_checked: int  # how many (len(ways)), as the pack counts them
    ways_places: list[Provenance] = Field(default_factory=list)  # the rows and text those used
    # The checks that take the total's side against its lines, in words (analyse.standing.
    # supported_by): empty where none does, and the pack then says either the total or a line is wrong.
    supported_by: list[str] = Field(default_factory=list)
    lines_provenance: list[Provenance] = Field(default_factory=list)  # the lines summed
    # The line the documents state otherwise by what its lines lack (analyse.slipped), the likelier
    # slip: its label, its row and the other statement (the check's provenance); '' where none is.
    # The other places the documents state the total the same (a row of another table with its
    # budget, forecast and variance alike, a sentence stating its variance): it is corroborated
    # there, its lines are not (analyse.position.corroborating); [] where none does.
    corroborated_by: list[Provenance] = Field(default_factory=list)
    slipped_line: str = ""
    slipped_statement: str = ""  # the other statement, as printed (a sentence, or the other table's row)
    slipped_provenance: list[Provenance] = Field(default_factory=list)

    def corroboration(self) -> str:
        """Where the documents state the total the same elsewhere, that they do, by place: the total
        is corroborated, its lines are not ('' where nothing states it again)."""
        if not self.corroborated_by:
            return ""
        by_file: dict[str, list[str]] = {}
        for p in self.corroborated_by:
            by_file.setdefault(p.file, []).append(p.locator)
        places = "; ".join(f"{' and '.join(locators)} of {file}" for file, locators in by_file.items())
        return (
            f" The documents state the same total at {places}: it is corroborated there; its lines are not."
        )


class GapPart(Record):
    """One of the rows a plan prints its gap in ("Adult social care funding unresolved balance"),
    with its own figure for the year and the scope its label names (council-wide where it names
    none)."""

    label: str
    words: str  # the label as words within a sentence (analyse.wording.row_words)
    amount_gbp: float  # positive a gap, negative a surplus
    provenance: list[Provenance] = Field(min_length=1)
    scope: Scope = Scope.COUNCIL_WIDE


class OneOffReserves(Record):
    """A one-off use of reserves read beside the gap (analyse.reserves): the year it balances, and
    the later year that reverses it, each amount as the table prints it, made positive."""

    used_in: str
    used_gbp: float
    reversed_in: str
    reversed_gbp: float
    words: str  # the document's words that make it one-off, as written
    # the reserve the documents say it draws on, as they name it ("general fund balance"); '' where
    # they do not say (analyse.reserves.drawn_from), which the pack says and asks
    drawn_from: str = ""
    provenance: list[Provenance] = Field(min_length=1)

    @property
    def drawn_words(self) -> str:
        """Which reserve it draws on, as the pack says it after its amount wherever it shows it: the
        reserve the documents name, or that they do not say."""
        if self.drawn_from:
            return f" from the {self.drawn_from}"
        return " (the documents do not say from which reserve)"


class UnidentifiedSavings(Record):
    """Savings a year's plan counts that the documents call under development, to be identified or
    unidentified: the year's budget balances on them (analyse.gap_basis). One figure per saving,
    however many documents print it; `titles` the savings' rows as printed."""

    amount_gbp: float  # the reduction counted, positive
    # The year shows no gap (nil or a surplus at £0.1m): its budget balances only by counting them.
    balances: bool = False
    titles: list[str] = Field(min_length=1)
    # The savings' own words that say so, as printed, each once ("Future savings under development"):
    # the pack quotes them rather than restating them.
    labels: list[str] = Field(default_factory=list)
    provenance: list[Provenance] = Field(min_length=1)


class GapStated(Record):
    """A figure the plan states beside a year's gap in a sentence of its own: the savings it says are
    identified against the gap, or the gap it says remains after them (analyse.gap_savings); or a
    row of the gap's own table that states them in the year's column."""

    amount_gbp: float
    text: str  # the sentence, or the table's row, as printed
    places: int | None = None  # the places the sentence prints it to, in £m (Figure.places)
    provenance: list[Provenance] = Field(min_length=1)
    label: str | None = None  # the row's own label where the gap's table prints it ("Savings identified")
    # The gap's own table adds this row into the gap (the rows above the gap add up to it): the gap
    # is already net of these savings, which close no more of it (analyse.gap_savings).
    in_gap: bool = False


class GapTotal(Record):
    """The medium-term gap over the plan's years: the document's own cumulative figure where it
    prints one (`stated`), else the sum of the years' incremental gaps (derived from the cited
    years). Never a sum of cumulative gaps (analyse.gap_basis)."""

    amount_gbp: float
    first: str  # the plan's first and last years the total covers
    last: str
    stated: bool
    label: str | None = None  # the document's row for a stated total ("Cumulative budget gap")
    provenance: list[Provenance] = Field(min_length=1)


class GapYear(Record):
    """The medium-term plan's budget gap for one year (None: a gap the document gives no year for)."""

    period: str | None
    amount_gbp: float  # positive a gap, negative a surplus
    provenance: list[Provenance] = Field(min_length=1)
    label: str | None = None  # the row or label the document gives it ("Unresolved balance / surplus")
    scope: Scope = Scope.COUNCIL_WIDE  # the medium-term gap is the council's
    # The gap's make-up where the plan prints it in several rows that add to it, each row as
    # printed; empty where one row states it.
    parts: list[GapPart] = Field(default_factory=list)
    # A one-off use of reserves this year's budget is balanced with (period == used_in), or whose
    # reversal this year's gap carries (period == reversed_in); None where the documents give none.
    one_off_reserves: OneOffReserves | None = None
    # How the plan states the year's gap (analyse.gap_basis): "incremental", new that year (the
    # next year's base assumes it closed), or "cumulative", the gap so far; None: undecided.
    basis: Literal["incremental", "cumulative"] | None = None
    # Savings the year's plan counts that are not yet identified; None where it counts none.
    unidentified: UnidentifiedSavings | None = None
    # Derived: what the year still has to find, the gap plus the savings it counts but has not yet
    # identified (two stated figures, each cited); None where the year shows no gap or counts none.
    to_find_gbp: float | None = None
    # The savings the plan says are identified against the year's gap and the gap it says remains
    # after them, each as its own sentence states it; None where it states none.
    identified: GapStated | None = None
    remaining: GapStated | None = None
    # Derived: the gap less the savings identified, where the plan states both and the gap remaining;
    # remaining_holds says whether it is the remaining gap stated, to the figures' printed precision.
    remaining_derived_gbp: float | None = None
    remaining_holds: bool | None = None

    @property
    def mostly_another(self) -> GapPart | None:
        """The row the plan labels another directorate's ("Adult social care funding unresolved
        balance") where it is most of the year's gap, more than half of it: the gap is then mostly
        not the council-wide shortfall its headline reads as, though still the council's to close.
        None where the year shows no gap or no such row is most of it."""
        others = [p for p in self.parts if p.scope == Scope.OTHER_DIRECTORATE]
        largest = max(others, key=lambda p: p.amount_gbp, default=None)
        if self.amount_gbp <= 0 or largest is None or largest.amount_gbp <= self.amount_gbp / 2:
            return None
        return largest


class Meeting(Record):
    """The body and date a report goes to, as its header states them ("Report to County Council,
    20 February 2025", "To: Cabinet - 30 January 2025"): when its figures were set down
    (analyse.meeting)."""

    body: str  # "County Council", "Cabinet"
    date: str  # as written: "20 February 2025", "30th January 2025"
    on: datetime.date  # that date, to order reports by
    provenance: list[Provenance] = Field(min_length=1)


class PlanWords(Record):
    """A sentence of the documents' own about their plan, quoted: "... the later years of the MTFP
    ... is indicative for illustrative strategic planning purposes"."""

    words: str  # the sentence, as written
    provenance: list[Provenance] = Field(min_length=1)
    # Its words that qualify the plan, as written: from the word that does ("indicative") to the
    # end of its clause ("indicative for illustrative strategic planning purposes"); a card that
    # has no room for the sentence quotes these. "" where none is read.
    phrase: str = ""


class LaterForecast(Record):
    """A monitoring report dated after the medium-term plan that forecasts an overspend for the
    plan's first year: the plan's later gaps were set down before it (analyse.meeting.later_forecast)."""

    meeting: Meeting  # the monitoring report's
    year: str  # the year the overspend is forecast for
    amount_gbp: float  # the overspend forecast, positive
    childrens: bool  # the children's directorate's where the report prints its row, else the council's
    provenance: list[Provenance] = Field(min_length=1)


class StatedForecast(Record):
    """The year before the review's, as a budget report's prose forecasts it ("a considerable risk to
    reserves remains from forecast revenue overspend for 2024-25"), or as a risk register sizes that
    forecast's risk: the documents' own words, not a forecast outturn table."""

    year: str
    outcome: str  # the word that says what is forecast: "overspend", "underspend", "outturn"
    # the amount the sentence states for it, or the risk register's exposure; None where none
    amount_gbp: float | None = None
    # where it is read: a sentence, a risk register's exposure, or a monitoring table's council total
    source: Literal["prose", "risk register", "monitoring"] = "prose"
    scope: Scope  # council-wide, or the children's where the sentence names them
    words: str  # the sentence (or the risk's title), as written
    provenance: list[Provenance] = Field(min_length=1)
    # The stage its sentence states it at (after management actions or the use of reserves:
    # extract.stage), said wherever it is shown; None where it states none (a table's total).
    stage: Stage | None = None

    @property
    def subject(self) -> str | None:
        """What the sentence says the outcome is on, in its own words ("home to school transport"
        in "showing significant underspend on home to school transport, this is ..."), so that it
        is named as the statement names it, not by the wider scope it is counted in; None where
        the sentence names none."""
        found = re.search(
            rf"\b{re.escape(self.outcome)}s?\s+(?:on|in|for|within)\s+([^,.;:()]+)", self.words, re.I
        )
        if found is None or re.match(r"\d{4}", found.group(1)):  # "overspend for 2024-25": a year
            return None
        return found.group(1).strip()


class HeldLine(Record):
    """A line of the plan's growth in the year that a central budget holds (a pay award, employer
    National Insurance), as the plan states it."""

    title: str
    amount_gbp: float
    period: str
    provenance: list[Provenance] = Field(min_length=1)


class HeldCentrally(Record):
    """A budget the council holds centrally, not yet allocated to a directorate ("CHB", corporately held
    budgets: the pay award and employer National Insurance for every directorate), as its budget table
    states it beside the directorates' own (analyse.held_centrally): not in the children's directorate's
    budget, though some of it will come to it when it is allocated."""

    name: str  # the budget's name as its table prints it ("CHB")
    period: str | None = None
    budget_gbp: float
    # Its growth in the year that the plan adds to it (the largest first), each cited.
    lines: list[HeldLine] = Field(default_factory=list)
    # The documents' sentence that the directorates' figures leave it out until it is allocated
    # ("These exclude shares of amounts currently in centrally held budgets (CHB) pending
    # allocation."), and where it is printed; None where none says so.
    said: PlanWords | None = None
    # The documents' sentence on what it holds ("... include capital financing, treasury management,
    # the corporate contingency (£1.50m) and levies"); None where none says.
    holds: PlanWords | None = None
    # Whether it waits to be allocated to directorates: not where the documents say it holds the
    # council's corporate costs (capital financing, treasury, levies) and not that it is pending.
    awaiting: bool = True
    # What in it might come to a directorate, as that sentence names it ("contingency", "pay").
    allocable: list[str] = Field(default_factory=list)
    provenance: list[Provenance] = Field(min_length=1)


class ActionsOutsideForecast(Record):
    """Actions to bring the year's overspend down (a recovery plan, management actions) that the
    documents say the forecast does not count yet (analyse.recovery): the forecast is before them."""

    amount_gbp: float
    scope: Scope  # the children's directorate's (or a service's), or the council's
    # The sentence that says so, with the one before it where it points back to it, and the one
    # after it where that says what delivering them would leave ("If they are delivered in full ...").
    words: str
    provenance: list[Provenance] = Field(min_length=1)


class BaseStep(Record):
    """A row of a budget table that changes a base budget to the next year's ("Spending growth (note
    1)" +£1.6m, "Savings/Income (note 2)" -£0.8m), in the same column as the base."""

    row: str  # the row's label, as printed
    amount_gbp: float  # the change, a saving as a reduction
    provenance: list[Provenance] = Field(min_length=1)


class TransferBase(Record):
    """Another document's statement of the budget of what a transfer moves: a budget table's cell
    whose column names the moving service in the directorate it leaves ("CYPE Adults (18-25)") and
    whose row names a budget ("Base Budget 2024-25"), beside the transfer's own sum (analyse.transfers)."""

    amount_gbp: float
    period: str | None = None  # the year its row names, where it names one
    row: str  # the row's label, as printed ("Base Budget 2024-25")
    column: str  # the column's heading cells, joined, as printed ("CYPE Adults (18-25)")
    # This figure less the transfer's own sum, and whether the two are the same sum to the precision
    # each is printed to (extract.verify.tolerance: the project's one rule).
    difference_gbp: float
    agrees: bool
    provenance: list[Provenance] = Field(min_length=1)
    # A base of the year before the transfer's, brought to the transfer's year by the same table's
    # rows that change it (growth, savings: `steps`), so like is compared with like: the sum derived
    # (`in_year_gbp`) and it less the transfer's own (`in_year_difference_gbp`); None where the
    # base is of the transfer's year already or the table states no change to it.
    steps: list[BaseStep] = Field(default_factory=list)
    in_year_gbp: float | None = None
    in_year_difference_gbp: float | None = None


class BudgetTransfer(Record):
    """A document's statement that a budget (or service) moves between the children's directorate and
    another in the review's year ("will transfer from the CYPE Directorate to the ASCH Directorate ...
    approximately £59m ... from 1 April 2025"): whether the children's budget shown holds it is a
    question the documents may not answer (analyse.transfers)."""

    direction: Literal["out", "in"]  # out of the children's directorate, or into it
    what: str  # what moves, in the document's words ("the 18-25 section of the ... Service")
    source: str  # the directorate it moves from, as written ("the CYPE Directorate")
    destination: str  # the directorate it moves to, as written
    amount_gbp: float | None = None  # the amount stated for it; None where none is
    places: int | None = None  # the decimal places the amount is printed to, in £m
    approximate: bool = False  # the amount is stated as an estimate ("approximately £59m")
    year: str  # the financial year it takes effect in
    effective: str  # the words that date it ("1 April 2025", "2025-26")
    words: str  # the sentence that states the move
    # The sentences that state the move, its amount and its date, each cited.
    provenance: list[Provenance] = Field(min_length=1)
    # Lines of the budget papers that place the moving service in the children's directorate in that
    # year (its adults' 18-25 lines filed under the children's directorate): what the documents show
    # of whether the children's budget was built with it. Empty where they show none.
    held_in_childrens: list[Provenance] = Field(default_factory=list)
    # The sentence that says the budget moved is the year's budget as the budget agreed it ("The
    # budget to be transferred will include the 25-26 budget ..., agreed as part of the Budget"); None
    # where none does.
    agreed_in_budget: Provenance | None = None
    # The children's budget for the year holds it (a move out whose budget is the year's agreed one, or
    # whose lines that year's budget papers file under the children's directorate): the directorate's
    # budget without it is derived (Derived.children_budget_less_transfers), never read.
    included: bool = False
    # The body and meeting a report recommends the move to ("Cabinet on 30 January 2025") where the
    # document is a report making recommendations ("Recommendation(s):", "Cabinet is asked to: A.
    # Agree to transfer ..."): the move is proposed, not done. None where the document states it as made.
    recommended_to: str | None = None
    # The words that name that body and meeting ("To: Cabinet - 30 January 2025"), cited.
    recommendation: Provenance | None = None
    # Other documents' statements of the budget it moves (Kent's Table 4.1: "Base Budget 2024-25",
    # "CYPE Adults (18-25)", £55.7m), each with whether it agrees with `amount_gbp`.
    bases: list[TransferBase] = Field(default_factory=list)


class SavingsMonitoring(Record):
    """A sentence of the documents that describes how savings delivery is monitored: savings rated
    red, amber or green, or a monitoring report on them (analyse.savings_monitoring)."""

    words: str  # the sentence, as written
    rated: bool  # it rates savings' delivery (RAG, "rated red"), not only names a report
    # Whose savings, as analyse.scope places the sentence (else its paragraph): another directorate's
    # monitoring is not the children's. None where it names no service.
    scope: Scope | None = None
    provenance: list[Provenance] = Field(min_length=1)


class ScopePart(Record):
    """One directorate (or division) of the children's scope as the monitoring report prints it:
    its name as printed, what it holds (children's social care, or education, SEND and transport)
    and its budget, forecast and variance."""

    name: str
    scope: Scope
    money: Money3


class ChildrensScope(Record):
    """Where the review's children's services span more than one directorate or division (a
    separate Education, Skills and SEND directorate beside Children's Services; Children's and
    Education divisions of a People directorate): which they are, each one's figures, and their
    sum. Education and SEND are in a children's finance review (the Director of Children's
    Services' statutory remit), so the pack says its scope in these words and never calls the
    parts one "children's directorate" (analyse.position.children_scope). Where one children's
    directorate's row holds its education division (and its social care one), that row is the scope
    and the divisions are parts of it, "of which" (`of_which`), never summed with it."""

    # "Children's services (the Children's Services and Education, Skills and SEND directorates)"
    label: str
    noun: Literal["directorates", "divisions"] | None = None  # what the report makes the parts
    within: str | None = None  # the wider directorate the divisions sit in ("People Directorate")
    # The directorates or divisions side by side (two or more), or, where `of_which`, the divisions
    # the children's directorate's own row holds (one or more).
    parts: list[ScopePart] = Field(min_length=1)
    # The parts' sum (derived): verified where every part is; its doubts are any part's. Where
    # `of_which`, the children's directorate's own row as stated, which holds the parts.
    total: Money3 = Field(default_factory=Money3)
    # The parts are divisions inside the children's directorate row (its total holds them): each is
    # shown "of which", never added to the row (analyse.scope.parts_of).
    of_which: bool = False

    @property
    def words(self) -> str:
        """The label as a sentence says it: "children's services (the ... directorates)"."""
        return f"{self.label[:1].lower()}{self.label[1:]}"


class Position(Record):
    period: str | None = None
    budget_gbp: float | None = None
    forecast_gbp: float | None = None
    variance_gbp: float | None = None
    children_services: Money3 = Field(default_factory=Money3)
    provenance: list[Provenance] = Field(default_factory=list)
    children_services_name: str | None = None
    mtfp_gap: list[GapYear] = Field(default_factory=list)
    mtfp_gap_total: GapTotal | None = None  # the gap over the plan's years (analyse.gap_basis)
    # Why there is no children's headline, in the reviewers' words (no directorate row was found,
    # or the one found fails its arithmetic); None where there is one.
    children_services_missing: str | None = None
    scope: Scope = Scope.COUNCIL_WIDE  # of budget_gbp..variance_gbp (the council's total)
    # The children's directorate row whose arithmetic is contradicted, as printed: never the
    # headline, shown marked until a reviewer confirms or corrects it (analyse.standing).
    children_services_in_doubt: InDoubt | None = None
    # Where the children's headline is a directorate total its service lines do not add up to:
    # what holds it up and how far short the lines fall (None otherwise).
    children_services_lines_short: LinesShort | None = None
    # The children's scope where it spans more than one directorate or division, each part's
    # figures beside their sum; None where the children's directorate row is the whole scope.
    children_scope: ChildrensScope | None = None
    # The current year's forecast as the documents state it in prose (analyse.current_year), where
    # no forecast outturn table gives it.
    current_year: list[StatedForecast] = Field(default_factory=list)
    # Budgets the documents say move into or out of the children's directorate in the period
    # (analyse.transfers): the children's budget shown may or may not hold them.
    transfers: list[BudgetTransfer] = Field(default_factory=list)
    # Budgets the council holds centrally for every directorate, pending allocation
    # (analyse.held_centrally): some of each will come to the children's directorate.
    held_centrally: list[HeldCentrally] = Field(default_factory=list)
    # Actions against the overspend the documents say the forecast does not count yet
    # (analyse.recovery): the council's own recovery plan, outside the forecast shown.
    actions_outside_forecast: list[ActionsOutsideForecast] = Field(default_factory=list)
    # The meeting the medium-term plan (the document stating the gap) goes to; None where its header
    # names none (analyse.meeting).
    mtfp_meeting: Meeting | None = None
    # The plan's own words that its later years are indicative or illustrative; None where none say so.
    mtfp_indicative: PlanWords | None = None
    # A later monitoring report's forecast overspend, which the plan's gaps predate; None where none.
    mtfp_later_forecast: LaterForecast | None = None
    # The documents' own words that their budget is a draft still to be decided: the budget shown is
    # proposed, not set; None where none says so (analyse.meeting.budget_draft).
    budget_draft: PlanWords | None = None
    # The stage of the council's figures (budget_gbp..variance_gbp): before management actions where
    # the documents state the council's overspend at a later stage (`council_later`), else None.
    stage: Stage | None = None
    # The overspend the documents state after the council's management actions and after its use of
    # reserves (analyse.stages), in stage order, for the council and for the children's headline
    # row: shown beside the table's figures, each with its stage, never added to them.
    council_later: list[Money3] = Field(default_factory=list)
    childrens_later: list[Money3] = Field(default_factory=list)

    @property
    def childrens_row_words(self) -> str:
        """What a sentence calls the children's headline row: "the children's directorate", or its
        own name where the children's scope spans more than one directorate or division
        (`children_scope`): the row is then one part of it, not the children's directorate whole (as
        it is where the row holds the scope's divisions, `ChildrensScope.of_which`)."""
        if self.childrens_row_is_part and self.children_services_name:
            return self.children_services_name
        return "the children's directorate"

    @property
    def childrens_row_is_part(self) -> bool:
        """Whether the children's headline row is one named part of a children's scope that spans
        more than one directorate or division (`children_scope`), so its figures are that part's,
        never called children's services'."""
        return (
            self.children_scope is not None
            and not self.children_scope.of_which
            and bool(self.children_services_name)
        )

    @property
    def childrens_whole_words(self) -> str:
        """What a sentence calls the whole of the children's lines: "the children's directorate", or
        the scope's words where it spans more than one directorate or division (`children_scope`);
        the children's directorate where its row holds the scope's divisions (`ChildrensScope.of_which`)."""
        if self.children_scope is not None and not self.children_scope.of_which:
            return self.children_scope.words
        return "the children's directorate"


class ShortfallInForecast(Record):
    """A document's statement that a savings shortfall is (or is not) already in the forecast, so
    whether the savings at risk add to the overspend or are inside it (extract.prose reads it)."""

    amount_gbp: float
    included: bool
    # Whose shortfall it is (analyse.scope places the sentence): the whole council's, or the
    # children's directorate's or one of its services'.
    scope: Scope
    # The savings tracker's shortfall (target less forecast) over the same scope: every directorate's
    # lines for a council-wide statement, the children's for a children's one; None where the tracker
    # holds no such lines (a children's-only tracker says nothing of the council's shortfall).
    tracker_gbp: float | None = None
    # Whether the statement and the tracker agree to the statement's printed precision (None: no
    # tracker figure of its scope to compare with). Figures of different scope are never compared.
    agrees: bool | None = None
    # Whether the children's savings at risk are inside this shortfall, so already inside the
    # children's overspend forecast and not in addition to it: one included in the forecast that
    # is the children's own, or the council's where the tracker's directorates (children's among
    # them) sum to it (analyse.summary.holds_childrens).
    holds_childrens: bool = False
    text: str  # the sentence that states it
    provenance: list[Provenance] = Field(min_length=1)


class SavingsPart(Record):
    """The year's children's savings filed under one of the plan's categories, in its words, and
    what that category says they are (`extract.tables.vocabulary.category_kind`): only a part of
    kind "saving" reduces the base budget."""

    category: str | None  # None: lines the plan files under no category
    kind: CategoryKind
    amount_gbp: float
    lines: int
    provenance: list[Provenance] = Field(min_length=1)


class RatingHeld(Record):
    """The savings at risk of one rating, as their tracker words it, and what the tracker's own key
    says the rating means (analyse.rag_key), where it gives one."""

    rating: str
    count: int
    # The money at risk on them, each saving's as the money at risk counts it (its shortfall, or its
    # whole target where no forecast is given): the ratings' sums add to the savings' money at risk.
    amount_gbp: float = 0.0
    meaning: str | None = None
    provenance: list[Provenance] = Field(default_factory=list)  # the key's row, where it gives one


class SavingsScopePart(Record):
    """The year's children's savings of one part of a children's scope that spans directorates or
    divisions (`ChildrensScope`): children's social care, or education, SEND and transport."""

    name: str  # the scope's name (SCOPE_NAMES): savings are placed by scope, not by tracker
    scope: Scope
    target_gbp: float | None = None
    forecast_gbp: float | None = None  # only where every saving of the part gives one
    at_risk_gbp: float | None = None
    lines: int = 0
    at_risk_count: int = 0  # of `lines`, the savings judged at risk (`at_risk_gbp` is theirs)
    provenance: list[Provenance] = Field(min_length=1)


class SavingsSummary(Record):
    period: str | None = None
    target_gbp: float | None = None
    # The target by the plan's own categories, where its lines carry them (empty where none does),
    # and the part of it that is savings against the base budget (None where no line has a category).
    parts: list[SavingsPart] = Field(default_factory=list)
    against_base_gbp: float | None = None
    forecast_gbp: float | None = None
    at_risk_gbp: float | None = None
    at_risk_count: int = 0
    lines: int = 0
    # Of `at_risk_gbp`: the whole targets of savings rated amber or red with no forecast given (money
    # at risk, not a shortfall), and the shortfalls (target less forecast, or as the tracker states
    # them) of the rest; each with the number of lines it covers.
    at_risk_whole_target_gbp: float | None = None
    at_risk_whole_target_count: int = 0
    at_risk_shortfall_gbp: float | None = None
    at_risk_shortfall_count: int = 0
    # Rows that name only a directorate or division (a division's savings in one row, itemised by no
    # tracker): in the sums, but not counted among `lines` or `at_risk_count`, which are savings.
    summary_lines: int = 0
    at_risk_summary_count: int = 0
    # Savings rated on track (green or blue) whose forecast falls a little short (analyse.flags
    # SHORT_ON_TRACK): a question, not at risk, so not in `at_risk_gbp`; their shortfall summed,
    # their number and their ratings as the tracker words them, so that the money at risk and this
    # together reconcile target less forecast on the card's face.
    short_on_track_gbp: float | None = None
    short_on_track_count: int = 0
    short_on_track_ratings: list[str] = Field(default_factory=list)
    # The council-wide savings (the whole council's plan, or a corporate directorate's, not one
    # service directorate's) that are flagged: kept in the pack beside the children's, not left out
    # with other directorates' lines, as a shortfall on them falls on the whole council's budget.
    council_wide_flagged: int = 0
    # The savings at risk by their rating, worst first, each with its tracker key's meaning.
    at_risk_ratings: list[RatingHeld] = Field(default_factory=list)
    at_risk_share_of_target: float | None = None
    mtfp_gap_gbp: float | None = None
    mtfp_gap_period: str | None = None
    at_risk_share_of_gap: float | None = None
    # The children's directorate's savings not yet identified, across the plan's years.
    unidentified_gbp: float | None = None  # in the review year and later years together
    unidentified_in_year_gbp: float | None = None  # the part that is in the review year's target
    # The savings' own words that say they are not yet identified, as printed, each once
    # (analyse.flags.unidentified_label: "Future savings under development"); the pack quotes them.
    unidentified_labels: list[str] = Field(default_factory=list)
    # The council's savings not yet allocated to any directorate (a "TBC" directorate), across the
    # plan's years: not children's, though some may land on them; never in the sums above.
    council_unallocated_gbp: float | None = None
    council_unallocated_by_year: list[PeriodAmount] = Field(default_factory=list)  # the same, by year
    council_unallocated_labels: list[str] = Field(default_factory=list)  # as unidentified_labels
    # `target_gbp` is the directorate's, as the document totals it; of it, the lines for adults
    # (18-25 services the children's directorate holds), and the children's own less them.
    adults_gbp: float | None = None
    children_target_gbp: float | None = None
    # Lines left out of the sums because their own arithmetic fails (target - forecast != shortfall).
    contradicted_lines: int = 0
    # A tracker or in-year forecast of the savings was received; without one the money at risk is
    # not known (`at_risk_gbp` None) and delivery cannot be judged from the documents.
    tracked: bool = False
    in_forecast: list[ShortfallInForecast] = Field(default_factory=list)
    # Where the children's scope spans directorates or divisions (Position.children_scope): the
    # savings split the same way, children's social care then education and SEND, whose sums are
    # the target, forecast and money at risk above; empty otherwise.
    by_scope: list[SavingsScopePart] = Field(default_factory=list)


class Flag(Record):
    code: str
    severity: Literal["high", "medium", "low"]
    subject: str
    message: str
    amount_gbp: float | None = None
    # The years amount_gbp covers where the flag says (a sum of a plan's later years names each);
    # empty where it does not, which reads as the review year's money.
    periods: list[str] = Field(default_factory=list)
    themes: list[str] = Field(default_factory=list)
    provenance: list[Provenance] = Field(min_length=1)
    indicator: str | None = None  # the benchmark indicator a benchmark flag is about
    scope: Scope | None = None  # None: not tied to a line (a benchmark's scope is its indicator's)
    # Every reason found for one subject, in the reviewers' words (one saving is one flag).
    reasons: list[str] = Field(default_factory=list)
    reason_codes: list[str] = Field(default_factory=list)  # the same reasons' codes, for machines
    # What the flag's question asks against, in words its lead reason gives ("'Children starting to be
    # looked after per 10,000 children' rises (...does not)"); empty where its question needs none.
    asks: str = ""
    # The documents' sentence that explains the flag's variance (analyse.explained), as printed:
    # its question asks what that leaves open rather than for the driver. Empty where none does.
    explained_by: str = ""
    # The words saying an overspend flagged beside the total it is part of is no more than it
    # (analyse.flags: a block above the DSG's net total); part of `message`, never its theme.
    part_of: str = ""
    # Why its figures are in doubt (analyse.standing.doubt: a line the documents state otherwise
    # names that statement, a total the line its lines lack); part of `message`, never its theme.
    doubt: str = ""
    # Whom the documents name as the saving's lead ("Director of Children's Services": analyse.leads),
    # where its question goes to that lead; empty where they name none.
    owner: str = ""
    # The question on asylum-seeking children a demand saving's question asks besides its own, where
    # the rates of children it rests on count them far above the neighbours' share
    # (analyse.demand.asylum_ask); the register's risk on their grant then joins it. "" where none.
    asks_asylum: str = ""
    # The stage a stated overspend's sentence states it at (before or after management actions, or
    # the use of reserves: extract.stage), said in its subject; None where it states none.
    stage: Stage | None = None


class JudgedReason(Record):
    """One reason a saving may not deliver: the review's words, and what in the documents says so."""

    code: str
    reason: str  # in the reviewers' words ("met one-off rather than ongoing")
    evidence: str  # the figure or words read ("Dark Amber", "target £1.3m, forecast £0.6m", "one-off")
    quoted: bool = False  # the evidence is the saving's own words as written, not figures the reason states
    provenance: list[Provenance] = Field(min_length=1)  # where it was read: file and page


class SavingJudgement(Record):
    """Seed 003's judgement of one children's saving: at risk (money at risk is the shortfall, never
    the whole target), a question for fieldwork (reported on track, but the evidence doubts it), or no
    concern; with every reason found, each with its evidence. One saving is one judgement."""

    ref: str | None = None
    title: str
    scope: Scope
    period: str | None = None
    rag_text: str | None = None
    target_gbp: float | None = None
    forecast_gbp: float | None = None
    at_risk_gbp: float = 0.0
    # The money at risk is the whole target: the tracker rates it amber or red and gives no forecast
    # (so no shortfall, which is target less forecast, can be stated).
    whole_target_at_risk: bool = False
    verdict: Literal["at_risk", "question", "no_concern"]
    # A tracker reports on its delivery (a rating or a forecast): a question is of a saving reported
    # on track; without one, of a saving whose delivery the documents do not report.
    tracked: bool = False
    reasons: list[JudgedReason] = Field(default_factory=list)
    provenance: list[Provenance] = Field(min_length=1)


class Comparator(Record):
    codes: list[str] = Field(default_factory=list)
    median: float | None = None
    value: float | None = None
    # The middle half of the group's values (25th and 75th percentiles), where known.
    lower_quartile: float | None = None
    upper_quartile: float | None = None


class TrendPoint(Record):
    period: str
    value: float


class GapCost(Record):
    """What a benchmark gap is worth in a year: the gap to the neighbours' median x activity x unit cost."""

    amount_gbp: float  # the council's figure costs this much more than the median would (only that side)
    basis: str  # the sum, in the reviewers' words, with the figures and years it used
    provenance: list[Provenance] = Field(min_length=1)


class Benchmark(Record):
    indicator: str
    label: str
    unit: str
    period: str | None
    value: float | None
    statistical_neighbours: Comparator = Field(default_factory=Comparator)
    region: Comparator = Field(default_factory=Comparator)
    england: Comparator = Field(default_factory=Comparator)
    rank: int | None = None
    of: int | None = None
    quartile: int | None = None
    trend: list[TrendPoint] = Field(default_factory=list)
    # The same years for the comparators: the neighbours' median of each year's values, and England.
    neighbours_trend: list[TrendPoint] = Field(default_factory=list)
    england_trend: list[TrendPoint] = Field(default_factory=list)
    provenance: list[Provenance] = Field(min_length=1)
    gap_cost: GapCost | None = None  # where a cost follows from the gap (analyse.benchmark_money)
    # A spend line of £0: nothing recorded under this heading (the spend is most likely recorded under
    # another), not a service that costs nothing; its gap is not costed, flagged or asked about.
    none_recorded: str | None = None
    # A rate derived from a count of children (per 10,000 children aged 0-17): the council's count.
    count: float | None = None
    # A count with no rate to compare: shown as context only, with no comparator, rank or quartile.
    not_compared: str | None = None
    # What the asylum-seeking children the council looks after, far more of them than its
    # neighbours', mean for this indicator, with the share's provenance; '' where they do not drive
    # it or their share is not far above (analyse.benchmark_flags.with_uasc).
    uasc: str = ""
    uasc_provenance: list[Provenance] = Field(default_factory=list)


class OwnFigure(Record):
    """A benchmarked measure as the council's own documents state it, beside the national figure
    (analyse.benchmarks.own): `places` is how many decimals the council wrote, and the two disagree
    where the national figure written to those places is not the council's."""

    indicator: str
    label: str  # the benchmark's label
    unit: str  # the benchmark's unit
    value: float
    places: int
    period: str | None = None  # the year the sentence names, where it names one
    text: str  # the sentence that states it
    national: float | None = None
    national_period: str | None = None
    disagrees: bool = False  # never where another council's national figures stand in
    stand_in: str | None = None  # the council whose national figure this is, where one stands in
    relative_difference: float | None = None  # (council - national) / national, where they differ
    differs: str = ""  # how the council's measure differs from the national one, where it does
    provenance: list[Provenance] = Field(min_length=1)
    national_provenance: list[Provenance] = Field(default_factory=list)


class StatedComparison(Record):
    """The documents' own comparison of the council with its neighbours on a benchmarked measure
    ("78 per 10,000 children, above the statistical neighbour average of 64"), quoted where the
    national tables give none (analyse.benchmarks.own.stated_comparisons)."""

    indicator: str
    label: str  # the benchmark's label
    value: float  # the council's figure the sentence states
    neighbours: float  # the neighbours' figure it sets beside it
    text: str  # the sentence that states both
    provenance: list[Provenance] = Field(min_length=1)


class Factor(Record):
    name: str
    effect: float


class Drivers(Record):
    model: str = ""
    indicator: str = ""
    r_squared: float | None = None
    n: int | None = None
    expected_value: float | None = None
    actual_value: float | None = None
    residual: float | None = None
    # Where a council like this one would fall 19 times in 20 (the model's 95% prediction interval),
    # and whether the council's own figure falls outside it (its residual distinguishable from zero).
    interval_level: float | None = None
    interval_low: float | None = None
    interval_high: float | None = None
    residual_distinguishable: bool | None = None
    left_out: list[str] = Field(default_factory=list)  # what the model does not take into account
    factors: list[Factor] = Field(default_factory=list)
    provenance: list[Provenance] = Field(default_factory=list)


class PlanSaving(Record):
    """A children's saving of the council's own plan that works a scenario's lever, as its own record
    (the tracker's where one reports on it) states it: its money for the review year and its delivery."""

    ref: str | None = None
    title: str
    period: str | None = None
    target_gbp: float  # what the saving is meant to deliver in `period`
    forecast_gbp: float | None = None  # what the tracker forecasts it delivers, where it says
    status: str = ""  # the record's own words on its delivery: its rating and status as written
    # The count its words state of children, placements or step-downs planned and achieved in the
    # year ("Nine step-downs achieved against 16 planned"); None where they state none.
    planned_count: int | None = None
    achieved_count: int | None = None
    part_year: bool = False  # its words say its target is a part year's effect
    # Its money in the years after `period`, where it has none in `period` (a saving that starts
    # later: `target_gbp` is then 0); empty for a saving with money in the review year.
    later: list[PeriodAmount] = Field(default_factory=list)
    # Whether its plan phases money into the years after `period` as well as `period` (its first
    # year's money may then be a part year's), and that money year by year, where the plans that
    # phase it agree (empty where they differ: ask which).
    phased: bool = False
    following: list[PeriodAmount] = Field(default_factory=list)
    provenance: list[Provenance] = Field(min_length=1)


class Scenario(Record):
    name: str
    # The lever the scenario pulls, by name (analyse.themes.LEVER_THEMES): a saving of the plan that
    # works the same lever is named in `plan_savings`.
    lever: str = ""
    assumptions: dict[str, Any] = Field(default_factory=dict)
    annual_saving_gbp: float | None = None
    # The children the scenario moves (stepped down, placed in-house, not looked after): what a
    # saving that states a count of children, placements or step-downs is compared with first.
    children: int | None = None
    # A year's saving for each child the scenario moves, from the prices it rests on: where the
    # documents state the prices but not the count of children, the figure a reviewer multiplies.
    per_child_gbp: float | None = None
    # Its money rests on a count no document states, estimated from the placement lines' money
    # (analyse.placement_costs.implied_counts): the pack prints "an estimate" beside the money.
    estimated: bool = False
    explanation: str = ""
    sources: list[str] = Field(default_factory=list)
    provenance: list[Provenance] = Field(default_factory=list)
    # The council's own children's savings that work the same lever (analyse.scenarios.against_plan);
    # empty where the plan is silent on it. `plan_relation` says how the scenario stands against
    # them: "within" (its money is no more than theirs: not additional to the plan), "beyond" (more:
    # at most `beyond_plan_gbp` is new), "not_costed" (the scenario has no £); "" where none.
    plan_savings: list[PlanSaving] = Field(default_factory=list)
    # Where no saving works the lever: the council's children's savings on the same subject by
    # another lever (analyse.themes.names_lever_subject: in-house children's homes beside a
    # step-down), named so the pack says what the plan does on the subject, not that it does nothing.
    subject_savings: list[PlanSaving] = Field(default_factory=list)
    plan_relation: Literal["within", "beyond", "not_costed", ""] = ""
    beyond_plan_gbp: float | None = None
    plan_note: str = ""  # the relation in the reviewers' words


class PlacementCost(Record):
    """A budget line of one kind of placement against the council's own count and weekly price for
    it (analyse.placement_costs): `derived_gbp` is count x weekly price x 52, set against the line's
    forecast (else budget), `reconciles` where they agree within the materiality tolerance; where no
    count is stated, `implied_count` is the children the line pays for at that price; where the count
    budgeted for is stated beside the count, the children above it are costed against the variance
    of the placements line of the same provision (`line_figure` "variance"). Each figure
    keeps its own provenance; `provenance` cites all three."""

    kind: str  # the kind of placement, in the reviewers' words ("residential care")
    line: str  # the budget line's name, as printed
    period: str | None = None
    line_gbp: float  # the line's forecast, else its budget; its variance where set against a budgeted count
    line_figure: Literal["forecast", "budget", "variance"]
    count: float | None = None  # the council's own count of children so placed
    # The count the council budgeted for, stated beside its count: then `derived_gbp` is the
    # children above it x weekly price x 52, set against the variance of the provision's placements line.
    budgeted_count: float | None = None
    weekly_gbp: float  # the council's own weekly price of one such placement
    derived_gbp: float | None = None  # count x weekly price x 52: derived
    difference_gbp: float | None = None  # the line's figure less the derived one: derived
    reconciles: bool | None = None  # None where no count is stated
    implied_count: float | None = None  # the line's figure / (weekly price x 52), where no count is: derived
    message: str
    line_provenance: list[Provenance] = Field(min_length=1)
    count_provenance: list[Provenance] = Field(default_factory=list)
    weekly_provenance: list[Provenance] = Field(min_length=1)
    provenance: list[Provenance] = Field(min_length=1)


class Theme(Record):
    theme: str
    label: str = ""
    # The label of the theme this one is a kind of (analyse.themes.PARENT_THEME: residential care is
    # a kind of placement); its lines count in that theme too. "" where it is no kind of another.
    part_of: str = ""
    savings_gbp: float = 0.0
    at_risk_gbp: float = 0.0
    evidence: list[Provenance] = Field(default_factory=list)
    savings_count: int = 0
    pressures_gbp: float = 0.0
    pressures_count: int = 0
    # The year `pressures_gbp` is growth for: the review year, or the plans' first year of growth after
    # it where they plan none for it (a monitoring report's year beside a plan for the next: Severnbrook's
    # 2026-27 growth). None where the theme counts no pressure.
    pressures_period: str | None = None
    flags_count: int = 0
    # Whether any saving counted here has had its delivery judged: a tracker reports on it (a rating
    # or a forecast) or its own words put money at risk. Where none has, `at_risk_gbp` is not
    # assessed, not nil: the pack says so rather than print 0 (analyse.themes.themes_summary).
    delivery_assessed: bool = False

    @property
    def at_risk_not_assessed(self) -> bool:
        """The theme has savings, and no one has judged the delivery of any of them."""
        return bool(self.savings_count) and not self.delivery_assessed

    @property
    def has_money(self) -> bool:
        """Savings, money at risk or pressures in the period: a row of the pack's money table. A theme
        only flags name is kept (the LGA's themes across reviews count its flags) but is no row of
        zeros citing sources there: the pack names it under the table."""
        return bool(self.savings_gbp or self.at_risk_gbp or self.pressures_gbp)


class LineOfEnquiry(Record):
    question: str
    because: str
    addressed_to: str = ""
    provenance: list[Provenance] = Field(default_factory=list)
    scope: Scope | None = None
    # The money the question is about (a shortfall, an overspend, a risk's exposure): the ranking's
    # key, most first; None where the evidence states no money (a benchmark, a rating).
    amount_gbp: float | None = None
    # What amount_gbp is, in words ("the overspend", "the risk register's exposure"), printed
    # with it: the amount a question is ranked by is the amount shown.
    stake: str = ""
    # The period amount_gbp covers: a year's money ("year": a shortfall, an overspend, a register's
    # annual exposure), or a register's exposure over the risk's "lifetime", over "several years", or
    # over a period it does not state ("not stated"). Only a year's money ranks against a year's.
    # "to confirm": a sum the documents state only approximately, asked to be confirmed, which is no
    # money at risk and ranks after every sum that is. "balance": a balance the council carries that
    # falls on it at one date (the DSG deficit when the statutory override ends), ranked as a year's.
    stake_period: Literal["year", "balance", "lifetime", "several years", "not stated", "to confirm"] = "year"
    # The decimal places, in £m, the documents print amount_gbp to where it is one sum a sentence
    # states ("an estimated £96m": 0), for the pack to print it so; None: printed as the pack prints £m.
    places: int | None = None
    # The other directorates a register's risk is shared with ("ASCH" of "ASCH / CYPE"): its
    # exposure is not the children's alone, so it ranks after the children's own money.
    shared_with: list[str] = Field(default_factory=list)
    # The stake is a risk register's estimate of what may be lost (its exposure), asked as its own
    # question, or a sum worked out on a condition the documents do not settle: it ranks after money
    # the documents state as overspent, short, owed or moving.
    estimated: bool = False
    # Words a figure of this record is printed with wherever it is shown, by field name
    # (render.refs.Figures): the doubt of a figure its table's arithmetic contradicts, or of one
    # worked out from it (analyse.standing.caveat).
    doubts: dict[str, str] = Field(default_factory=dict)


class RegisterRisk(Record):
    """A children's risk the risk register holds, whatever its rating (analyse.enquiry.register_risks):
    the pack lists every one, as the register gives it, with these decisions beside it."""

    risk: Risk
    scope: Scope
    shared_with: list[str] = Field(default_factory=list)  # as LineOfEnquiry.shared_with
    exposure_period: Literal["year", "lifetime", "several years", "not stated"] = "not stated"
    # The register's rating in its words ("Red") where it says more than the score printed again.
    rating: str | None = None
    # The line of enquiry (numbered from 1, as the pack prints them) that asks the risk or cites it
    # as evidence; None where none of the twelve does.
    enquiry: int | None = None


class MissingDocument(Record):
    """A document the review needs and the bundle lacks: one the data request asks for (seed 000),
    or one the documents cite ("see Appendix C", "the Sufficiency Strategy"), with where."""

    name: str
    why: Literal["requested", "cited"]
    provenance: list[Provenance] = Field(default_factory=list)  # where a cited one is cited

    @property
    def label(self) -> str:
        """The name, and for a cited one the file that cites it (an appendix is its report's)."""
        return f"{self.name} (cited in {self.provenance[0].file})" if self.provenance else self.name


class Reconciliation(Record):
    """A stated total checked against its lines, or one figure compared across documents."""

    code: Literal["total_mismatch", "cross_document_mismatch", "total_ok"]
    subject: str
    period: str | None = None  # the year a figure compared across documents is of, where it has one
    stated_gbp: float | None = None
    computed_gbp: float | None = None
    difference_gbp: float | None = None
    message: str = ""
    provenance: list[Provenance] = Field(default_factory=list)
    # "records": lines the extraction read; "table": a total row the table states, against the
    # extracted lines it covers (a difference may be a line not read rather than a document error).
    checked_against: Literal["records", "table"] = "records"
    scope: Scope | None = None
    # Of a total whose difference one line's own slip explains (analyse.reconcile.one_line_explains):
    # the sentence saying so, which the budget position sets beside the lines summed as printed.
    explained_by_line: str = ""
    # Of a figure stated two ways: the one a table's own lines bear out (their sum, within half the
    # unit it is printed to) and those lines, cited (analyse.reconcile); None and empty where none do.
    supported_gbp: float | None = None
    supported_by: list[Provenance] = Field(default_factory=list)
    # Of a total whose row a reviewer settled (analyse.standing.reviewer_settled): "corrected" (the
    # total checked is the reviewer's figure; `was_gbp` the one printed) or "confirmed" (the figure
    # stands as printed, its lines' difference known); None where no reviewer did.
    settled: Literal["confirmed", "corrected"] | None = None
    was_gbp: float | None = None


class StatedTarget(Record):
    """One document's statement of a target ("12% by March 2027"), with where it is set."""

    words: str
    provenance: list[Provenance] = Field(default_factory=list)


class TargetStatedDifferently(Record):
    """A target the documents set differently in two places (analyse.targets): each statement,
    cited, and none chosen: a reviewer asks which holds."""

    subject: str  # what it is a target for, in words ("the share of social workers who are agency staff")
    stated: list[StatedTarget] = Field(default_factory=list)


class ChecksCount(Record):
    """What the documents' own arithmetic was checked for and what held, counted once
    (analyse.reconcile.checks_count): the executive summary's caveats and the data-quality section
    both read these counts, so they cannot tell the reader different things."""

    totals_checked: int = 0  # stated totals checked against their lines
    totals_reconciled: int = 0  # of those, the ones whose lines add up to them
    # A total is its row, counted once however many money columns of it were checked.
    totals_not_reconciled: int = 0  # the rest: rows with a "total_mismatch" in any column
    total_columns_not_reconciled: int = 0  # the columns of those rows that fail, all told
    # Totals that do not reconcile that a reviewer confirmed as printed: known, not in doubt, and
    # not among `totals_not_reconciled`.
    totals_confirmed: int = 0
    # One figure stated differently in two places (two documents, or two pages of one): each a
    # "cross_document_mismatch" reconciliation. No total's arithmetic is in question there.
    figures_stated_differently: int = 0


class ScopedBudgetLine(BudgetLine):
    """A budget line with the scope the analysis placed it in, and why its figures are in doubt
    ('' unless its table's arithmetic contradicts them and no reviewer has settled them)."""

    scope: Scope
    doubt: str = ""
    # The words each of its figures in doubt is printed with, by field (analyse.position.line_doubts:
    # the figures its failed arithmetic reaches), so that every renderer marks the figure itself,
    # wherever it shows it (a table's cell, a chart's bar), not only the row; {} where none is.
    doubts: dict[str, str] = Field(default_factory=dict)


class CarriedVariance(PlanLine):
    """A children's line of a budget build filed under a category that carries the current year's
    monitoring variances into next year's budget (`extract.tables.vocabulary.CURRENT_YEAR_VARIANCES`):
    where no service-line monitoring was received, where the documents locate the current year's
    over- and underspends. It is the build's change to the budget, not a monitoring forecast:
    `amount_gbp` is added to `period`'s budget (positive where spending ran over the budget, negative
    where an underspend is taken out), for `current_year`, the year before."""

    scope: Scope
    period: str  # the budget year the build changes (its plan's first year)
    current_year: str | None = None  # the year whose monitoring the change carries
    amount_gbp: float
    doubt: str = ""  # as on a ScopedBudgetLine: why its figures are in doubt, '' where they are not
    # The budget papers' prose on the same line's current year ("In year budget monitoring is showing
    # significant underspend on home to school transport"), each cited: the monitoring beside the
    # build's change (analyse.current_year; analyse.matching.names_line decides which line it names).
    stated: list[StatedForecast] = Field(default_factory=list)

    def sizes(self, forecast: StatedForecast) -> bool:
        """Whether the build's change sizes a prose forecast that states no amount: one of the
        line's own (`stated`), of the year whose monitoring the change carries, the same way (an
        underspend taken out, an overspend added). Then the prose's want of an amount is not the
        documents': the build carries one."""
        way = "overspend" if self.amount_gbp > 0 else "underspend"
        return (
            forecast.amount_gbp is None
            and forecast.year == self.current_year
            and forecast.outcome == way
            and forecast in self.stated
        )


class SavingItem(SavingsLine):
    """A saving as the pack shows it: its line, its scope, and the analysis's reading of it for the
    review year (`at_risk` stays the extraction's own reading; `judged_at_risk` is the review's)."""

    scope: Scope
    year: str | None = None
    target_in_year_gbp: float | None = None
    shortfall_in_year_gbp: float | None = None
    at_risk_in_year_gbp: float = 0.0  # the money at risk: the shortfall, not the whole target
    # ... unless no forecast is given for a saving rated amber or red: then its whole target
    whole_target_at_risk: bool = False
    # A row naming only a directorate or division ("People – Education & SEND"): the division's
    # savings summarised in one row, which no tracker itemises; summed, but not counted as a saving.
    summary_row: bool = False
    judged_at_risk: bool = False
    reasons: list[str] = Field(default_factory=list)


class OtherFigure(Record):
    """Another document's figure for a row's saving in one of the table's years, where it differs
    from the row's: the table shows the row's and names this one beside it, never one silently."""

    period: str
    amount_gbp: float
    provenance: list[Provenance] = Field(min_length=1)


class YearRow(Record):
    ref: str | None = None
    title: str
    service_area: str | None = None
    scope: Scope
    judged_at_risk: bool = False
    amounts: list[float | None]
    provenance: list[Provenance] = Field(default_factory=list)
    reviewed: list[Reviewed] = Field(default_factory=list)  # the line's, as its record has them
    funding: Literal["core", "external"] | None = None  # as its plan's funding column says
    # The figures other documents give the same saving where they differ from `amounts`.
    others: list[OtherFigure] = Field(default_factory=list)


class YearTable(Record):
    """Amounts by year: one row per line, a total per year (the sum of the rows shown), kept apart
    as the General Fund's core part (rows of no `RING_FENCED` scope that the plan does not mark
    externally funded), the externally funded part (rows the plan marks so: a grant's lines, which
    a grant meets or a new grant replaces), and the ring-fenced part (rows of a `RING_FENCED`
    scope): a DSG line is not a call on the General Fund; and adults' services in the children's
    directorate (rows of an `ADULTS_APART` scope) named apart. `external`, `ring_fenced` and
    `adults` are empty where no row is of their kind."""

    years: list[str] = Field(default_factory=list)
    rows: list[YearRow] = Field(default_factory=list)
    totals: list[float | None] = Field(default_factory=list)
    general_fund: list[float | None] = Field(default_factory=list)
    external: list[float | None] = Field(default_factory=list)
    ring_fenced: list[float | None] = Field(default_factory=list)
    adults: list[float | None] = Field(default_factory=list)


class GrowthCheck(Record):
    """One year's children's pressures (every line shown, ring-fenced ones included, summed) set
    against the growth the directorate's budget build gives for the same year: they agree, or
    `difference_gbp` (pressures less growth) is what the pressures listed do not account for.
    Where the build also prints its core (council-funded) growth and the lines say which are
    core, the General Fund's core pressures are set against that too (`core_*`)."""

    period: str
    build_name: str
    pressures_gbp: float
    growth_gbp: float
    difference_gbp: float
    agree: bool
    provenance: list[Provenance] = Field(min_length=1)  # the build's
    core_pressures_gbp: float | None = None
    core_growth_gbp: float | None = None
    core_agree: bool | None = None  # None where either core figure is not read


class RagGroup(Record):
    rag: str | None
    name: str
    count: int
    target: float | None
    forecast: float | None


class ScopeGroup(Record):
    """The service lines of one scope, summed: an underspend on transport can mask placements. A sum
    of a line in doubt carries its doubt, by field (analyse.position.doubted_fields)."""

    scope: Scope
    name: str
    lines: int
    budget_gbp: float | None = None
    forecast_gbp: float | None = None
    variance_gbp: float | None = None
    doubts: dict[str, str] = Field(default_factory=dict)


class PlanShare(Record):
    """One plan year: the children's pressures and savings (the children's lines shown, summed)
    beside the council's (the plan's own grand totals) and the council-wide gap."""

    period: str
    children_pressures_gbp: float | None = None  # every line listed, as the council's totals count
    # Of which the General Fund's core part: ring-fenced and externally funded lines left out.
    children_general_fund_gbp: float | None = None
    council_pressures_gbp: float | None = None
    # The council's core pressures: its budget build's growth in the core column, for a build whose
    # growth is the council's pressures total above; None where no build prints one.
    council_general_fund_gbp: float | None = None
    children_savings_gbp: float | None = None  # positive, a reduction in the budget
    council_savings_gbp: float | None = None
    # The plan's rows the council's savings are: its new savings and income as its memorandum states
    # them, else its savings total; council_savings_nets_gbp, the earlier years' savings reversed
    # that the total is net of, as the memorandum states them. provenance cites them in this order.
    council_savings_rows: list[str] = Field(default_factory=list)
    # "memorandum": the rows are the memorandum's new savings and income; "total": the savings total;
    # "stated": a sentence of the plan's that states the council's savings and the children's part
    # of them (analyse.plan_share.stated_parts), where no table totals them.
    # "identified": the savings the plan states are identified against the year's gap
    # (analyse.gap_savings), where it states no savings total.
    council_savings_basis: Literal["memorandum", "total", "stated", "identified"] | None = None
    # The children's part of the council's savings as that sentence states it ("of which £2.80m
    # relate to Children's Services"), beside the children's lines summed; None elsewhere.
    children_savings_stated_gbp: float | None = None
    council_savings_nets_gbp: float | None = None
    council_savings_nets_rows: list[str] = Field(default_factory=list)  # the memorandum's rows of them
    gap_gbp: float | None = None
    pressures_share: float | None = None  # the children's pressures, a fraction of the council's: derived
    # The children's core pressures, a fraction of the council's core pressures: derived, beside the
    # all-lines share (which ring-fenced swings and grant changes move).
    general_fund_share: float | None = None
    savings_share: float | None = None  # the children's savings, a fraction of the council's: derived
    provenance: list[Provenance] = Field(default_factory=list)  # the council totals and the gap


class Statement(Record):
    text: str
    provenance: list[Provenance]
    scope: Scope | None = None
    # Its name where its scope's would misname it (analyse.scope.statement_label): the whole
    # children's directorate's sentence is the directorate's, not social care's; '' otherwise.
    label: str = ""
    # The variance the sentence states only as a percentage (20 for "a much larger variance (20%)"),
    # where it is material (analyse.records.MATERIAL_VARIANCE_PERCENT) and the sentence states no
    # sum in pounds: a line of enquiry asks it in pounds. None otherwise.
    variance_percent: float | None = None


class SavingsRemoved(Record):
    """What a budget build states of earlier years' savings removed from the budget as undelivered
    (or temporary) in its year: the children's directorate's row, and the council's beside it where
    its build of the same year prints it in the same kind of column (core or total)."""

    period: str
    name: str  # the children's directorate as the build names it ("CYPE")
    childrens: BuildPart
    council: BuildPart | None = None
    # Where those are read in the core column, the same row in all (core and externally funded):
    # one row on two bases, each said with its own (Kent: CYPE £0.0m core, £3.3m in all; the
    # council £32.8m core, £36.2m in all). None where the build has no core column.
    childrens_in_all: BuildPart | None = None
    council_in_all: BuildPart | None = None

    @property
    def provenance(self) -> list[Provenance]:
        """Where each figure of the row is printed: the children's, then the council's, core then in all."""
        parts = (self.childrens, self.council, self.childrens_in_all, self.council_in_all)
        return [p for part in parts if part is not None for p in part.provenance]


class Selection(Record):
    """What each section of the pack and deck shows, chosen by analyse.selection: render formats it."""

    service_lines: list[ScopedBudgetLine] = Field(default_factory=list)  # the children's General Fund's
    # The budget monitoring as the pack shows it: the service lines, each total row after its own
    # division's last line (analyse.selection.with_totals); the DSG's blocks and totals apart.
    monitoring_rows: list[ScopedBudgetLine] = Field(default_factory=list)
    dsg_rows: list[ScopedBudgetLine] = Field(default_factory=list)
    overspends: list[ScopedBudgetLine] = Field(
        default_factory=list
    )  # service lines over budget, largest first
    scope_groups: list[ScopeGroup] = Field(default_factory=list)
    savings: list[SavingItem] = Field(default_factory=list)
    tracked: list[SavingItem] = Field(default_factory=list)
    at_risk: list[SavingItem] = Field(default_factory=list)
    savings_totals: dict[str, float | None] = Field(default_factory=dict)
    rag_groups: list[RagGroup] = Field(default_factory=list)
    years: list[str] = Field(default_factory=list)
    gaps: list[GapYear] = Field(default_factory=list)
    pressures: YearTable = Field(default_factory=YearTable)
    planned: YearTable = Field(default_factory=YearTable)
    plan_lines: YearTable = Field(default_factory=YearTable)
    plan_years: list[str] = Field(default_factory=list)  # years of pressures and savings, no gap
    plan_shares: list[PlanShare] = Field(default_factory=list)  # children's part of the plan by year
    growth_checks: list[GrowthCheck] = Field(default_factory=list)  # pressures against the build's growth
    has_pressures: bool = False
    statements: list[Statement] = Field(default_factory=list)
    # How many of `statements` the pack quotes, the first in document order (MAX_STATEMENTS): it
    # says "n of m shown"; the workbook's Statements sheet has every one.
    statements_shown: int = 0
    # Where no service-line monitoring was received: the children's lines of a budget build's
    # category that carries the current year's monitoring variances (analyse.selection).
    carried_variances: list[CarriedVariance] = Field(default_factory=list)
    left_out: int = 0  # savings and pressures of other directorates, left to the workbook
    driver_factors: list[Factor] = Field(default_factory=list)
    # The scope of every line read (savings, pressures, budget lines), keyed by line_key of its
    # first provenance: the workbook, which keeps every line, shows where each sits.
    line_scopes: dict[str, Scope] = Field(default_factory=dict)
    # The workbook's name for a line where its scope's name would misname it, keyed as line_scopes:
    # the children's directorate's own row is the directorate (all its services), not social care.
    line_labels: dict[str, str] = Field(default_factory=dict)
    # Next year's build (base, growth, savings, other changes, new budget): the children's
    # directorate's, and the council's beside it, each verified where one is (analyse.selection).
    budget_build: BudgetBuild | None = None
    council_build: BudgetBuild | None = None
    # The plan year (plan_shares') whose memorandum states the earlier savings reversed that the council
    # build's savings are net of; None where it states none (analyse.selection.build_nets).
    council_build_nets: PlanShare | None = None
    # The earlier savings the children's build removes as undelivered, beside the council's: the
    # only delivery evidence where no tracker is received (analyse.selection.savings_removed).
    savings_removed: SavingsRemoved | None = None
    # A plan's build year by year (one table of the MTFP, oldest year first): the children's
    # directorate's where a document gives it for two years or more, else the council's.
    plan_builds: list[BudgetBuild] = Field(default_factory=list)


def line_key(provenance: Sequence[Provenance]) -> str:
    """The key of a line in Selection.line_scopes: its first provenance's file, locator and text."""
    return row_key(provenance[0].file, provenance[0].locator, provenance[0].text) if provenance else ""


def group_name(
    scope: Scope | str | None, line_labels: dict[str, str], provenance: Sequence[Provenance]
) -> str:
    """The one group a line, flag or question sits in, wherever the pack, deck or workbook names or
    sums it: the name analyse.scope gives the line it was read from (Selection.line_labels: the
    children's directorate's own row, its overheads), else its scope's name. The service lines by
    area sum by it as the monitoring table groups by it, so "Management and support" is the
    directorate's overheads in both, never social care in one."""
    label = line_labels.get(line_key(provenance)) if provenance else None
    return label or (SCOPE_NAMES.get(Scope(scope), "") if scope else "")


def row_key(file: str, locator: str, text: str) -> str:
    return f"{file}#{locator}#{text}"


class Difference(Record):
    """A benchmark's distance from its statistical neighbours' median (analyse.derived)."""

    indicator: str
    value: float | None = None
    unit: Literal["percent", "points"] | None = None  # percent of the median, or points of a rate


class BudgetLess(Record):
    """A budget less the stated amounts of budgets it holds that move out (BudgetTransfer.included):
    derived, to the places of the coarsest amount taken off, approximate where one is."""

    amount_gbp: float
    places: int | None = None  # the decimal places, in £m, of the coarsest amount taken off
    approximate: bool = False  # an amount taken off is stated as an estimate ("approximately £59m")
    share: float | None = None  # percent of the council's budget


class Derived(Record):
    """Figures computed from the review's other figures, for the pack to print (analyse.derived)."""

    children_variance_share: float | None = None  # percent of the children's budget
    council_variance_share: float | None = None  # percent of the council's budget
    children_budget_share: float | None = None  # the children's budget, percent of the council's
    unidentified_later_gbp: float | None = None  # unidentified savings beyond the review year
    # The cumulative DSG deficit carried (after contributions), percent of the general reserve; only
    # where both figures are at one date (analyse.derived.dsg_against_reserve): a share across two
    # dates is never given.
    dsg_deficit_share_of_reserve: float | None = None
    vs_neighbours: list[Difference] = Field(default_factory=list)  # one per benchmark, in order
    # The children's budget less the budgets it holds that move out in the year (analyse.transfers):
    # derived, approximate where a stated amount is; None where none is included or one is unsized.
    children_budget_less_transfers: BudgetLess | None = None
    # Words a figure of this record is printed with wherever it is shown, by field name
    # (render.refs.Figures): the doubt of a figure its table's arithmetic contradicts, or of one
    # worked out from it (analyse.standing.caveat).
    doubts: dict[str, str] = Field(default_factory=dict)


FindingKind = Literal["key_message", "strength", "area_for_consideration", "recommendation"]
# The reviewers' words for each kind of finding, in the order the pack and deck show them.
FINDING_KINDS: dict[str, str] = {
    "key_message": "Key messages",
    "strength": "Strengths",
    "area_for_consideration": "Areas for consideration",
    "recommendation": "Recommendations",
}


class CitedFigure(Record):
    """A figure of the pack a reviewer's finding cites: the money record named by its kind, file
    and place in it (as corrections name it), the field cited, and what the record says now."""

    kind: Literal["budget_line", "saving", "pressure"]
    sha256: str
    locator: str
    field: str | None = None
    name: str = ""  # the record's name or title; empty where the bundle no longer has it
    value_gbp: float | None = None  # the field's value, reviewers' corrections applied
    ref: str = ""  # "extraction.json#/<list>/<index>/<field>", the pack's ref (render.refs)
    provenance: list[Provenance] = Field(default_factory=list)


class ReviewerFinding(Record):
    """A finding a reviewer wrote for the feedback: who, when, what kind, the text, the figures cited."""

    id: str
    kind: FindingKind
    text: str
    by: str
    at: str  # ISO 8601, UTC
    edited_by: str | None = None
    edited_at: str | None = None
    cites: list[CitedFigure] = Field(default_factory=list)


class VarianceDriver(Record):
    """A service line that drives the children's directorate's variance, with its share of it."""

    name: str
    scope: Scope
    variance_gbp: float
    share: float | None = None  # of Diagnostic.variance_base_gbp; None where there is no base
    # The words its figures are printed with where its table's arithmetic contradicts the line
    # (analyse.standing.caveat), by field name; empty where it stands.
    doubts: dict[str, str] = Field(default_factory=dict)
    provenance: list[Provenance] = Field(min_length=1)


class LineMovement(Record):
    """One line's forecast variance in the previous monitoring report and the latest (matched by
    name across the two reports); change is latest less previous."""

    name: str
    scope: Scope
    level: Literal["directorate", "service_line"]
    previous_variance_gbp: float | None = None
    latest_variance_gbp: float | None = None
    change_gbp: float | None = None
    doubt: str = ""  # why either report's figure is in doubt ('' where neither is)
    # Words a figure of this record is printed with wherever it is shown, by field name
    # (render.refs.Figures): the doubt of a figure its table's arithmetic contradicts, or of one
    # worked out from it (analyse.standing.caveat).
    doubts: dict[str, str] = Field(default_factory=dict)
    provenance: list[Provenance] = Field(min_length=1)  # the latest report's row, then the previous


ReserveKind = Literal["balance", "flow", "change", "dsg", "level", "other"]


class ListTotal(Record):
    """A list of figures that states its total: a heading's "+£42.4m" over its bullets, or "£42.4m
    additional contributions (including £16.3m ..., £12.0m ... and £14.6m ...)"; its items as printed
    (analyse.reconcile sets their sum against the total)."""

    words: str  # the words that state the total, as written
    total_gbp: float
    items_gbp: list[float]


class Reserve(Record):
    """A reserves figure as the documents give it: a balance at a date, a planned flow into or out
    of reserves (a contribution or drawdown, a row of a budget table), a change in balances measured
    against an earlier year (a past movement, not a planned flow), or a DSG item (a DSG deficit
    reserve is ring-fenced, not a usable reserve)."""

    kind: ReserveKind
    label: str
    # as stated; a flow whose `direction` is in words ("out of reserves") is its size, unsigned
    amount_gbp: float | None = None
    places: int | None = None  # the decimal places its sentence prints it to, in £m (Figure.places)
    at: str | None = None  # the date or year a balance is at, or the year of a flow
    amounts: list[PeriodAmount] = Field(default_factory=list)  # a budget table's flow by year
    text: str
    words: str = ""  # the clause of `text` that states the figure, as written
    # a flow's direction in words, as analyse.reserves.direction reads it ("into reserves", "out of
    # reserves", a signed change's "more into, or less out of, reserves", "direction not stated");
    # '' for what is not a flow
    direction: str = ""
    # the words that state the figure this one is part of ("£297.6m earmarked reserves" for "(including
    # £36.2m ...)"), as written: it is inside that figure, not a balance or flow of its own; '' where none
    part_of: str = ""
    # the list the figure is an item of, where the list states its total; None where it is of none
    listed_in: ListTotal | None = None
    # the document's words that make a flow one-off ("One-off use of reserves (reversed in following
    # year)"), as written; '' where none say so
    one_off: str = ""
    # the year whose amount undoes a one-off flow of an earlier year (its reversal, as the table prints
    # it), not a flow of its own; None where no year does
    reversed_in: str | None = None
    # the table row's words that remove a flow the year after (the row cited last in provenance):
    # a contribution reversed later is not a lasting addition to the reserve; '' where none does
    reversed_by: str = ""
    # a balance the documents forecast, not one held: the words that make it so, as written ("would
    # fall to", a table's "Forecast 31 March 2026"), and the condition it rests on where they state one
    # ("Should the forecast overspend of £8.37m materialise and not be mitigated"); '' where none
    forecast: str = ""
    condition: str = ""
    scope: Scope = Scope.COUNCIL_WIDE
    provenance: list[Provenance] = Field(min_length=1)


class Diagnostic(Record):
    """The diagnostic's reading of the children's directorate's monitoring: the lines that drive its
    variance, their movement since the previous report, and the reserves the documents give."""

    variance_base_gbp: float | None = None  # the variance the drivers' shares are of
    variance_base: str = ""  # what that variance is, in words ("the directorate row", ...)
    drivers: list[VarianceDriver] = Field(default_factory=list)  # largest first
    latest_report: str | None = None  # e.g. "Quarter 2 (Cabinet ... .pdf)"
    previous_report: str | None = None
    movements: list[LineMovement] = Field(default_factory=list)
    movement_missing: str | None = None  # why there is no movement, where the bundle has one report
    reserves: list[Reserve] = Field(default_factory=list)
    # Words a figure of this record is printed with wherever it is shown, by field name
    # (render.refs.Figures): the doubt of a figure its table's arithmetic contradicts, or of one
    # worked out from it (analyse.standing.caveat).
    doubts: dict[str, str] = Field(default_factory=dict)


class DsgItem(Record):
    """One DSG / High Needs fact read from the documents: a sum (pounds) or words (a date, a plan's
    status, a risk rating), with the text it was read from."""

    amount_gbp: float | None = None
    words: str = ""  # a date (a deficit's "at"), a status or a rating, as the document words it
    # The words that state a deficit before or after the contributions made towards it, as written
    # ("excluding contributions from KCC and DfE", "reduced by contributions to"); "" where none do.
    contributions: str = ""
    # Money the documents say is held or paid to offset the deficit (DsgPosition.offsets): "held" a
    # balance at a date (an earmarked DSG or Safety Valve reserve), "contribution" a payment towards
    # it in a year or over a period (the DfE's or the council's); "" for any other DSG fact. Its date
    # or years are in `words`, the words that say it offsets the deficit in `contributions`.
    offset: Literal["", "held", "contribution"] = ""
    # The words that make an offset's sum a most, not a sum promised ("up to"), as written; "" none.
    ceiling: str = ""
    # The decimal places the sentence prints the sum to ("£227m": 0), for the pack to print it to;
    # None for a table row's, printed as the pack prints £m.
    places: int | None = None
    year: str = ""  # the financial year an in-year position is for ("2025-26"); "" for other facts
    # Whose Safety Valve money a contribution is, or whose contributions the reserve a draw takes
    # from holds ("KCC Contribution", "Safety Valve Earmarked reserve (DfE contributions)"): the
    # council or the DfE, as analyse.dsg.party reads the words; "" where they name neither.
    party: Literal["", "council", "DfE"] = ""
    # The word its sentence calls the sum with ("estimated", "forecast": analyse.wording.hedge),
    # printed beside it wherever it is shown; "" where the sentence states it plainly.
    hedge: str = ""
    # For the documents' view of whether reserves could absorb the deficit (DsgPosition.reserve_view):
    # the reserve the view is about, as they name it, in its own words or, where it says "this
    # reserve", the reserve its sentence or the one before names ("a specific reserve which is
    # intended to progressively offset the accumulated DSG deficit ..."); "" for any other fact.
    reserve: str = ""
    # Whether that reserve is the general fund (unallocated) reserve: only then is the view set
    # beside the deficit's share of the general reserve.
    on_general: bool = False
    # For a plan line (a contribution, an accounting change): the budget it sits in, its service area
    # column's cell as printed ("Borrowing costs, contributions to/from reserves & other corporate
    # costs (NAC)"); "" where the table has no such column, and for any other fact.
    budget_area: str = ""
    text: str  # the sentence or row read
    verification: Verification | None = None  # a table row's arithmetic; None for prose
    provenance: list[Provenance] = Field(min_length=1)


class PlanDelivery(Record):
    """A statement of a DSG deficit plan's delivery against its target (a Safety Valve agreement, a
    Delivering Better Value or deficit management plan), as the documents state it
    (analyse.plan_delivery): behind it ("£10m off-target", "off track"), on it ("on track", "in line
    with the Safety Valve agreement") or ahead of it ("ahead of target"), with the sum and years its
    clause states."""

    plan: str  # the plan as the words name it ("Safety Valve")
    against: Literal["behind", "on", "ahead"]
    words: str  # the status as written ("off-target", "in line with the Safety Valve agreement")
    amount_gbp: float | None = None  # the sum it is off or ahead by where stated ("£10m"), positive
    places: int | None = None  # the decimal places the sum is printed to ("£10m": 0)
    years: list[str] = Field(default_factory=list)  # the years it is of ("2024-25"); [] none stated
    # The words that make it a prospect, not the plan's state ("there is a risk"); "" where stated.
    prospect: str = ""
    hedge: str = ""  # "forecast" where its clause forecasts it ("is forecasting to be £10m off-target")
    text: str  # the sentence read
    provenance: list[Provenance] = Field(min_length=1)


# What the pack, deck and questions call each party to a Safety Valve agreement (DsgItem.party).
SAFETY_VALVE_PARTIES = {"council": "the council", "DfE": "the DfE"}


class SafetyValveYear(Record):
    """One party's Safety Valve contributions in a year beside what the plan draws that year from the
    reserve that holds them (analyse.dsg.safety_valve_years): where the two differ, money stays in the
    reserve (or is drawn from earlier years'), which the documents are asked to account for."""

    year: str
    party: Literal["council", "DfE"]
    contributed_gbp: float  # the year's contributions, as the documents state them
    drawn_gbp: float  # drawn from that party's Safety Valve reserve for the year (0 where none is)
    # Derived: contributed less drawn; positive money left in the reserve, negative drawn beyond the
    # year's contributions.
    left_gbp: float
    agrees: bool  # drawn equals contributed at the printed precision
    # The contributions' provenance first, then the draws' (the draw line read for the party, even
    # in a year it draws nothing).
    provenance: list[Provenance] = Field(min_length=1)


class SafetyValveSpan(Record):
    """A party's Safety Valve contribution the documents state over several years ("a contribution
    totaling £82.3m between 2022-23 to 2027-28") beside its contributions by year within them
    (analyse.dsg.safety_valve_spans)."""

    party: Literal["council", "DfE"]
    total_gbp: float  # as stated for the span
    span: str  # the years as written ("2022-23 to 2027-28")
    given_gbp: float  # derived: the sum of the contributions given by year within the span
    years_given: list[str]
    years_missing: list[str]  # the span's years no contribution is given for
    remainder_gbp: float  # derived: the total less the years given, the years missing's between them
    # Whether the years given sum to the total: None where years are missing and the total still
    # exceeds them (nothing to check); False where all are given and differ, or the years exceed it.
    agrees: bool | None
    provenance: list[Provenance] = Field(min_length=1)  # the total's, then each year's


class StatedShare(Record):
    """A share of the council's children the documents set beside the national (England) share, in a
    passage on SEND or the DSG ("40.4% of Kent children and young people with EHCPs are educated in a
    special school ... compared to 32.1% nationally"): a driver of High Needs spend, as stated."""

    council_pct: float
    national_pct: float
    # The decimal places the sentence prints each share to ("40.4%": 1), for the pack to print it to.
    council_places: int = 0
    national_places: int = 0
    words: (
        str  # what the shares are of, the words between the two ("of Kent children ... in a special school")
    )
    text: str  # the sentence
    provenance: list[Provenance] = Field(min_length=1)


class ReserveAfter(Record):
    """A derived figure: the general reserve after the next year's planned use of reserves and the
    forecast overspend, if both are met from balances, each part cited (analyse.dsg.reserve_after)."""

    amount_gbp: float  # the reserve less the planned use and the overspend
    year: str  # the year whose planned use and overspend it is after ("2025-26")
    reserve_gbp: float  # the general reserve at the end of the year before
    planned_use_gbp: float | None = None  # the year's planned use of reserves, as the plan states it
    forecast_overspend_gbp: float | None = None  # the council's forecast overspend for the year
    # The reserve's provenance, then the planned use's, then the overspend's, where each is a part.
    provenance: list[Provenance] = Field(min_length=1)


class DeficitIfWithheld(Record):
    """A derived figure: the cumulative DSG deficit were a contribution it counts withheld, where the
    documents make that contribution conditional (analyse.dsg.if_withheld)."""

    amount_gbp: float  # the deficit plus the contribution
    deficit_gbp: float  # the cumulative deficit as the table carries it forward
    withheld_gbp: float  # the contribution, as its table row and its condition's sentence state it
    places: int | None = None  # the decimal places the deficit is printed to
    condition: str  # the words that make it conditional, as written
    # The contribution's table row, then the sentence making it conditional.
    provenance: list[Provenance] = Field(min_length=1)


class ReserveAim(Record):
    """What a sentence says the council is doing about its general reserve's level: restoring it to
    a share ("towards restoring 5% general reserve target") or keeping it there ("to maintain
    general reserves at 5%"), as written (analyse.reserve_policy)."""

    kind: Literal["restore", "maintain"]
    pct: float
    words: str
    provenance: list[Provenance] = Field(min_length=1)


class ReservePolicy(Record):
    """The council's stated policy for its general reserve as a share of its net budget, and the
    reserve as that share: derived, of the net budget of the year after the reserve's date
    (analyse.reserve_policy)."""

    # The policy's lower (or only) share, percent; None where the documents state no policy.
    low_pct: float | None = None
    high_pct: float | None = None  # its upper share, where it states a range
    said: str = ""  # the sentence stating the policy, as written; empty where they state none
    # The council's net budget of `budget_year`, as its budget build reads it, else as its
    # council-wide monitoring of that year states it (analyse.reserve_policy.net_budget).
    budget_gbp: float
    budget_year: str
    share_pct: float  # the reserve as a percent of that budget: derived
    # The reserve and the date it is at ("the end of 2023-24"): the balance `budget_year` began with,
    # the budget being that of the year after the balance's (analyse.dsg.after_year), so that the
    # share is said with both dates, never as if the two were of one year.
    reserve_gbp: float
    reserve_at: str
    # The policy's sentence (where stated), then the reserve's, then the budget's.
    provenance: list[Provenance] = Field(min_length=1)
    # Where the documents state the reserve's level in different terms (restoring it to a share in
    # one place, maintaining it there in another): each, as written and cited; empty where they agree.
    aims_differ: list[ReserveAim] = Field(default_factory=list)


class DsgPosition(Record):
    """The Dedicated Schools Grant and its High Needs block: ring-fenced, usually the largest risk."""

    # The High Needs / DSG in-year position, one per year (`year`), positive a deficit or overspend:
    # the latest monitoring's variance, and what the documents state for named years ("Anticipated in
    # year deficit of £23.9m in 2025-26", "forecasting to be £10m off-target"), the word in `words`.
    in_year: list[DsgItem] = Field(default_factory=list)
    # The deficit the council carries: after the contributions towards it where the documents state
    # it so, never a figure they state before them (positive a deficit) ...
    cumulative_deficit: DsgItem | None = None
    # The cumulative deficit the documents state at dates before the one given (analyse.dsg
    # deficit_history), earliest first: its history, never its position ("£38.6m at 31 March 2025"
    # beside the £52.8m at 31 March 2026).
    cumulative_history: list[DsgItem] = Field(default_factory=list)
    # ... and the deficit as the documents state it before contributions (the DfE's Safety Valve
    # payments, the council's own), where they do: the whole, not what the council carries.
    deficit_before_contributions: DsgItem | None = None
    # The money the documents say is held or paid to offset the deficit (Safety Valve contributions,
    # an earmarked DSG reserve), each with its date and page: shown beside the gross and the net,
    # never summed (a balance at one date and contributions over years are not one figure).
    offsets: list[DsgItem] = Field(default_factory=list)
    # The plan's lines that draw down a DSG or Safety Valve reserve, one per line and `year`, the sum
    # drawn positive, the reserve as the line names it in `words`: shown beside that year's in-year
    # position, which they fund ("Drawdown of Safety Valve Earmarked reserve (KCC contributions)").
    reserve_drawdowns: list[DsgItem] = Field(default_factory=list)
    # The Safety Valve contributions by year, one per party and `year` (`party`), each as stated: a
    # plan line's year columns ("KCC Contribution towards funding the DSG deficit"), or a sentence
    # naming one year ("£14.6m local authority contribution to DSG deficit", 2025-26).
    contributions_by_year: list[DsgItem] = Field(default_factory=list)
    # Each party's contributions beside the plan's draws on its reserve, year by year, where the plan
    # draws on it (analyse.dsg.safety_valve_years); a year that does not agree is asked.
    safety_valve_years: list[SafetyValveYear] = Field(default_factory=list)
    # Each party's total over several years, beside its contributions by year within them.
    safety_valve_spans: list[SafetyValveSpan] = Field(default_factory=list)
    # A change the documents make in how the DSG deficit or the contributions towards it are
    # accounted for, a plan line's sum by year (`year`) with its words ("Change in accounting
    # treatment of KCC Contribution towards funding the DSG deficit ... replace with a contribution
    # to reserves"), with the budget it sits in: what it moves, in its own words, nothing inferred.
    accounting_changes: list[DsgItem] = Field(default_factory=list)
    # The plan's contribution lines an accounting change puts its sum into (analyse.dsg.paid_instead):
    # the same party's, the same year, a reserve named, with the budget each sits in.
    accounting_paid_in: list[DsgItem] = Field(default_factory=list)
    # The council's shares beside the national ones the documents state on SEND (placement mix).
    stated_shares: list[StatedShare] = Field(default_factory=list)
    override_end: DsgItem | None = None  # when the statutory override ends, in the documents' words
    plan: DsgItem | None = None  # Safety Valve, deficit management or Delivering Better Value
    # The heading the plan is shown under, named as the documents name it (analyse.plan_delivery
    # .plan_heading): a Safety Valve only where they say one; '' where no plan is quoted.
    plan_heading: str = ""
    # The plan's name, where the papers cite it as a document the bundle lacks (analyse.missing): the
    # plan is cited, not received; '' where it is received or not cited as a document.
    plan_not_received: str = ""
    # What the documents say of that plan's delivery against its target, in reading order: the DSG's
    # headline, shown first (analyse.plan_delivery).
    plan_delivery: list[PlanDelivery] = Field(default_factory=list)
    # What the plan requires, with its year ("a breakeven position by 2027-28" in `words`, `year`).
    plan_target: DsgItem | None = None
    # The documents' words that make the money under the plan conditional ("The Department for
    # Education withholds its contribution towards the accumulated deficit"), each sentence once.
    plan_conditions: list[DsgItem] = Field(default_factory=list)
    # The statements of the plan's state that disagree (one behind its target, another on or ahead of
    # it, for the same time): set side by side and asked, neither picked (analyse.plan_delivery).
    plan_differs: list[PlanDelivery] = Field(default_factory=list)
    risk: DsgItem | None = None  # the risk register's entry for it, each value named
    # The documents' own view of whether a reserve could absorb the deficit when the override ends,
    # quoted (its words in `words`: "would not be sufficient"), with the reserve it is about in
    # `reserve` and whether that is the general reserve in `on_general`; None where they give none.
    reserve_view: DsgItem | None = None
    # The documents' own words on what follows when the override ends ("If the statutory override
    # is removed, and no additional funding is made available ..., the accumulated deficit will form
    # part of the Council's accounts"), quoted with its page; None where they say nothing of it.
    override_consequence: DsgItem | None = None
    not_found: list[str] = Field(default_factory=list)  # what the documents did not give, in words
    # The council's general fund (unallocated) reserve, to set the cumulative deficit beside: could
    # the council absorb it when the statutory override ends?
    general_reserve: Reserve | None = None
    # Where that reserve is a forecast (its balance at a year's end), the balance the documents say it
    # held at an earlier date ("£12.4m at 1 April 2025"): context beside the forecast, never the
    # figure led with (analyse.dsg.held_before); None where it is held, or no earlier one is stated.
    general_reserve_held: Reserve | None = None
    # The cumulative deficit were a contribution it counts withheld, where the documents make that
    # contribution conditional: a caveat on the deficit; None where none is.
    deficit_if_withheld: DeficitIfWithheld | None = None
    # What the pack calls that reserve: the documents' own name for it where its label holds one
    # ("general fund balance", "general reserve"), else "general fund reserve" (analyse.reserves).
    general_term: str = "general fund reserve"
    # The level the documents set for that reserve ("the minimum level of £15.000m recommended by the
    # Section 151 Officer": analyse.reserves.general_minimum), named beside it; None where none is stated.
    general_minimum: Reserve | None = None
    # A sentence saying that reserve would go below the level set for it, where it gives no sum for
    # the level ("which would reduce below the minimum prudent level set by the S151 Officer":
    # analyse.reserves.below_minimum), its clause set beside the reserve; None where none says so.
    general_below: Reserve | None = None
    # Where that reserve is read at another date than the deficit, when, against the deficit's date
    # ("a year earlier (at 31 March 2025)": analyse.dsg.dated_apart); empty where both are at one
    # date or either is undated. The pack's card and question say it alike, and give no share.
    reserve_dated_apart: str = ""
    # That reserve after the next year's planned use of reserves and forecast overspend, if met from
    # balances; None where the documents give neither for the year after the reserve's date.
    reserve_after: ReserveAfter | None = None
    # That reserve as the documents themselves state it at the end of the next year (held, or a
    # forecast with its condition: analyse.dsg.stated_after), shown in place of any derived one;
    # None where they state none.
    general_reserve_year_end: Reserve | None = None
    # That reserve as a percent of the net budget, beside the council's stated policy for it; None
    # where the documents state no policy as a share of the budget.
    reserve_policy: ReservePolicy | None = None
    # The contributions the documents plan into that general reserve in the review's year, each as
    # stated (analyse.dsg.general_contributions): named beside the deficit's share of the reserve,
    # never added to it.
    general_reserve_contributions: list[Reserve] = Field(default_factory=list)
    # The council-wide overspend the documents forecast for the current year, a further call on
    # reserves if not recovered (analyse.dsg.council_overspend): named beside the general reserve,
    # never taken from it (the reserve after it is the documents' to state).
    council_overspend: StatedForecast | None = None


class Review(Record):
    """What the pack is rendered from (the review.json contract)."""

    council: Council = Field(default_factory=Council)
    documents: list[Document] = Field(default_factory=list)
    position: Position = Field(default_factory=Position)
    savings_summary: SavingsSummary = Field(default_factory=SavingsSummary)
    # What the documents say in prose of how savings delivery is monitored (analyse.savings_monitoring).
    savings_monitoring: list[SavingsMonitoring] = Field(default_factory=list)
    # The register's risks that savings will not be delivered, council-wide or the children's
    # (analyse.enquiry.savings_risks): said beside the savings.
    savings_risks: list[RegisterRisk] = Field(default_factory=list)
    flags: list[Flag] = Field(default_factory=list)
    benchmarks: list[Benchmark] = Field(default_factory=list)
    # The benchmarked measures as the council's own documents state them, largest disagreement first.
    own_figures: list[OwnFigure] = Field(default_factory=list)
    # The documents' own comparisons with the neighbours (analyse.benchmarks.own.stated_comparisons).
    stated_comparisons: list[StatedComparison] = Field(default_factory=list)
    drivers: Drivers = Field(default_factory=Drivers)
    # Each national data set's public name by the file its figures cite (analyse.benchmarks.catalogue
    # PUBLIC_NAMES): a source is shown by the name its reader can look up, not our copy's path.
    source_names: dict[str, str] = Field(default_factory=dict)
    scenarios: list[Scenario] = Field(default_factory=list)
    # Each placement line set against the council's own count and weekly price for it
    # (analyse.placement_costs): explained, not explained (a question), or the children it implies.
    placement_costs: list[PlacementCost] = Field(default_factory=list)
    themes: list[Theme] = Field(default_factory=list)
    lines_of_enquiry: list[LineOfEnquiry] = Field(default_factory=list)
    # The order the lines of enquiry are in, in words, as analyse.enquiry ranks them (RANKING_RULE).
    enquiry_ranking: str = ""
    # Every children's risk the risk register holds, in the register's order.
    childrens_risks: list[RegisterRisk] = Field(default_factory=list)
    # Every children's saving judged as seed 003 does, most money at risk first.
    savings_judged: list[SavingJudgement] = Field(default_factory=list)
    reconciliations: list[Reconciliation] = Field(default_factory=list)
    targets_stated_differently: list[TargetStatedDifferently] = Field(default_factory=list)
    checks: ChecksCount = Field(default_factory=ChecksCount)  # the reconciliations, counted once
    missing_documents: list[str] = Field(default_factory=list)  # the names of documents_missing
    documents_missing: list[MissingDocument] = Field(default_factory=list)
    caveats: list[str] = Field(default_factory=list)
    # Rows read from the documents' tables whose table's own arithmetic contradicts them and that
    # no reviewer settled (analyse.standing.in_doubt): the count the run's account gives too.
    rows_in_doubt: int = 0
    rows_doubted: list[RowInDoubt] = Field(default_factory=list)  # those rows, each named
    selection: Selection = Field(default_factory=Selection)
    derived: Derived = Field(default_factory=Derived)
    findings: list[ReviewerFinding] = Field(default_factory=list)  # the reviewers', kind order
    diagnostic: Diagnostic = Field(default_factory=Diagnostic)
    dsg: DsgPosition = Field(default_factory=DsgPosition)
