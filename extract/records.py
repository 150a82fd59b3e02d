"""Records the extract stage produces, shaped by ../shared/contracts/extraction.md.

Every record carries a non-empty `provenance` list: where the value was read from.
Money is in pounds; periods are financial years `YYYY-YY`.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated, Any, Literal

from pydantic import Field

from ingest.records import DocError, Document, Record

BBox = tuple[float, float, float, float]


class Provenance(Record):
    """Where one value came from: file, page (1-based) and box in PDF points, or a cell locator."""

    file: str
    sha256: str
    page: int | None
    bbox: BBox | None
    locator: str
    text: str


Provenances = Annotated[list[Provenance], Field(min_length=1)]


class Verification(StrEnum):
    """Whether a record's figures are proved by its document's own arithmetic.

    verified: at least one identity was tested and every one tested held.
    unchecked: nothing in the document to test the figures against.
    contradicted: an identity failed and no other reading of the table made it hold.
    """

    VERIFIED = "verified"
    UNCHECKED = "unchecked"
    CONTRADICTED = "contradicted"


class Check(Record):
    """One arithmetic identity tested on a record's figures, at the printed precision."""

    identity: str  # e.g. "budget + variance = forecast", "lines sum to their total"
    held: bool
    detail: str  # the figures and tolerance, in words a reviewer reads
    provenance: list[Provenance] = Field(default_factory=list)  # the other rows the check used
    # The record's fields a failed check found wrong, where it can tell ("forecast_gbp" and
    # "variance_gbp" where the same line elsewhere differs in those alone); empty: it cannot.
    fields: list[str] = Field(default_factory=list)


class Reviewed(Record):
    """What a person did to a record: confirmed it as read, or corrected one of its fields."""

    action: Literal["confirmed", "corrected", "in_scope", "out_of_scope"]
    by: str  # the reviewer's name or email
    at: str  # ISO 8601 time
    field: str | None = None  # the field corrected ("forecast_gbp"), None for a confirmation
    old: str | float | None = None
    new: str | float | None = None
    note: str = ""


class Verified(Record):
    """The verification every money record carries (extraction.json's additions)."""

    verification: Verification = Verification.UNCHECKED
    checks: list[Check] = Field(default_factory=list)
    reading: list[str] = Field(default_factory=list)  # alternatives the arithmetic chose, in words
    reviewed: list[Reviewed] = Field(default_factory=list)  # confirmations and corrections, oldest first


class PeriodAmount(Record):
    period: str
    amount_gbp: float


class PlanLine(Verified):
    """A pressure, or a saving in a plan, with its phasing by year."""

    title: str
    description: str = ""
    ref: str | None = None
    category: str | None = None
    directorate: str | None = None
    service_area: str | None = None
    planned: list[PeriodAmount] = Field(default_factory=list)
    provenance: Provenances
    # What tells a stated total from another of its document printing the same label: the section
    # heading above it, or the column its lines share ("Core or Externally Funded: Core"); None
    # where its label is its own (`extract.domain.sections`).
    section: str | None = None
    # How the line is met, as its plan's funding column says ("Core or Externally Funded"):
    # "core" (the council's own resources) or "external" (a grant, the DSG, a contribution); None
    # where the plan prints no such column or its cell says neither (`funding_of`).
    funding: Literal["core", "external"] | None = None

    @property
    def label(self) -> str:
        """The line's title as a reader tells it from its namesakes: "TOTAL CONTRIBUTIONS TO
        RESERVES (Core or Externally Funded: External)"."""
        return f"{self.title} ({self.section})" if self.section else self.title


class Rag(StrEnum):
    RED = "red"
    AMBER = "amber"
    GREEN = "green"
    BLUE = "blue"


class RiskReason(Record):
    code: str
    evidence: str
    provenance: Provenances


class SavingsLine(PlanLine):
    """A saving: its plan plus what a tracker or monitoring report says of its delivery."""

    period: str | None = None
    target_gbp: float | None = None
    forecast_gbp: float | None = None
    shortfall_gbp: float | None = None
    undeliverable_gbp: float | None = None
    slipped_gbp: float | None = None
    rag: Rag | None = None
    rag_text: str | None = None
    status_text: str | None = None
    at_risk: bool = False
    risk_reasons: list[RiskReason] = Field(default_factory=list)
    # Its figures were printed with the opposite sign to the rest of its document's savings, in a
    # table read as magnitudes (its stated total adds every line as a saving, or a tracker without
    # one: extract.domain.savings_signs), so its sign was dropped: the pack and workbook say so.
    signs_normalised: bool = False


class BudgetLine(Verified):
    """One row of budget monitoring. Variance keeps the source's meaning: positive is overspend."""

    name: str
    directorate: str | None = None
    level: Literal["total", "directorate", "service_line"]
    period: str | None = None
    budget_gbp: float | None = None
    forecast_gbp: float | None = None
    variance_gbp: float | None = None
    provenance: Provenances


class Risk(Record):
    """One risk of a risk register: its title, what it says, its rating and owner, and any money
    exposure it states. Each value is read from the column its heading names: `likelihood` and
    `impact` as the register rates them; `score` the register's number (likelihood x impact where
    it gives both); `rating` the score in the register's words ("Red", "High", "20")."""

    title: str
    description: str = ""
    ref: str | None = None
    directorate: str | None = None
    owner: str | None = None
    rating: str | None = None
    score: float | None = None
    likelihood: float | None = None
    impact: float | None = None
    rag: Rag | None = None
    exposure_gbp: float | None = None
    # The exposure column's heading without its unit, as printed ("Estimated Lifetime Financial
    # Exposure"): whether the sum is annual or over the risk's lifetime.
    exposure_words: str = ""
    # The words of the row heading the register's section the risk sits in ("Significant Risks
    # (over £10m)"); None where the register prints none above it.
    section: str | None = None
    provenance: Provenances


class FigureUnit(StrEnum):
    GBP = "gbp"
    GBP_PER_CHILD = "gbp_per_child"
    PERCENT = "percent"
    COUNT = "count"
    RATE_PER_10K = "rate_per_10k"


class Stage(StrEnum):
    """The stage a sentence states an overspend at (extract.stage): before or after the council's
    management actions (mitigations), or its use of reserves."""

    BEFORE_ACTIONS = "before management actions"
    AFTER_ACTIONS = "after management actions"
    BEFORE_RESERVES = "before the use of reserves"
    AFTER_RESERVES = "after the use of reserves"


class BuildPart(Record):
    """The rows a build's savings step totals that the plan files under one kind
    (`extract.tables.vocabulary.category_kind` of each row's label: saving, cost avoidance,
    income, grant), summed as a reduction, with each row's label as printed."""

    kind: str
    rows: list[str]
    amount_gbp: float
    provenance: Provenances


class BudgetBuild(Verified):
    """A directorate's (or the council's) budget for the coming year as its budget report builds
    it: the base, plus growth and any other changes, less savings and any gap still unresolved,
    gives the new budget. Money is in pounds; `savings_gbp` is the reduction and `gap_gbp` the
    shortfall, each as a positive figure, whatever sign the table prints."""

    name: str  # the directorate or service as the table names it ("CYPE", "Children's Services")
    level: Literal["council", "directorate"]
    period: str  # the year the build arrives at ("2025-26")
    base_gbp: float
    growth_gbp: float | None = None  # growth and pressures (inflation, demography, demand)
    savings_gbp: float | None = None
    other_gbp: float | None = None  # other changes: reserves, one-off, virements, funding
    # What the plan leaves unresolved ("savings to be found", "budget gap"), as a positive
    # shortfall: the steps less the gap give the new budget. None where the table prints none.
    gap_gbp: float | None = None
    new_budget_gbp: float
    # The growth step's figure in the directorate's core (council-funded) column, where its
    # table prints core beside external and total ("Core | External | Total"); None elsewhere.
    core_growth_gbp: float | None = None
    provenance: Provenances
    # The savings step's row label as printed ("TOTAL SAVINGS, INCOME & GRANT"), and its parts by
    # kind where the rows above it add up to it (empty where they do not, or print none).
    savings_label: str | None = None
    savings_parts: list[BuildPart] = Field(default_factory=list)
    # The table's row of earlier years' savings removed as undelivered (`SAVINGS_REMOVED`), in the
    # group's core column where it has one (the council's own savings, not grant; kind "core"),
    # else its own (kind "total"), as a positive amount put back into the budget; None where the
    # table prints no such row.
    savings_removed: BuildPart | None = None
    # The same row in the build's own column where `savings_removed` is its core column's (kind
    # "total": core and externally funded together, Kent's CYPE £3.3m beside £0.0m core); None else.
    savings_removed_in_all: BuildPart | None = None


class Figure(Record):
    """A figure stated in prose."""

    value: float
    unit: FigureUnit
    period: str | None = None
    label: str | None = None
    text: str
    provenance: Provenances
    # A savings shortfall the sentence says is (True) or is not (False) already in the forecast
    # ("The shortfall of £4.1m is included in the forecast above"); None: it says neither.
    in_forecast: bool | None = None
    # The decimal places the sentence prints it to, money in £m ("£5.05m" 2, "£227m" 0); None for
    # money printed in pounds or £k (`extract.prose.printed_places`).
    places: int | None = None
    # The stage the sentence states it at (before or after management actions, or the use of
    # reserves: extract.stage); None where it states none.
    stage: Stage | None = None


class Table(Record):
    """A table as its cells read; one per page for a table running over pages."""

    file: str
    page: int | None
    bbox: BBox | None
    rows: list[list[str]]
    unit: str | None = None
    title: str = ""
    header_rows: int = 0
    locator: str = ""
    provenance: Provenances
    # Each row's own box (the union of its words' boxes), one per row, where the reader placed
    # its words (PDF pages); empty where it did not, and a row's figures cite the table's box.
    row_boxes: list[BBox] = Field(default_factory=list)

    def row_bbox(self, index: int) -> BBox | None:
        """Where row `index` stands on the page: its own box, else the table's."""
        return self.row_boxes[index] if index < len(self.row_boxes) else self.bbox


class Passage(Record):
    """A run of prose (a paragraph, a slide's text box, a page's text) for figure-finding."""

    text: str
    provenance: Provenances


class Content(Record):
    """What a format reader found in one document, before domain records are read from it."""

    pages: int | None = None
    tables: list[Table] = Field(default_factory=list)
    passages: list[Passage] = Field(default_factory=list)
    errors: list[DocError] = Field(default_factory=list)


# The fields of an extraction (and of one document's domain records) that hold money records,
# each carrying its verification.
MONEY_FIELDS = ("savings", "pressures", "budget_lines", "mtfp_gaps", "mtfp_totals", "budget_builds")


def money_records(found: Extraction | Any) -> list[Any]:
    """Every savings line, pressure, budget line, MTFP gap and total, and budget build, of an
    extraction or of one document's domain records, in that order."""
    return [record for name in MONEY_FIELDS for record in getattr(found, name)]


class StatedTotal(Record):
    """A figure a total row states, and the lines of its table it covers: what the records of
    those lines must add up to (`extract.verify.category_totals` checks them, on the records as
    read or as a reviewer corrected them). Read once, where the table is read."""

    label: str  # the total row's label: "TOTAL PAY", "Net total"
    period: str  # the column's year ("2025-26"), or its role where it has none ("budget", "target")
    stated_gbp: float
    half_unit_gbp: float  # half a unit of the printed figure (`extract.verify.tolerance.half_unit`)
    lines: list[str]  # the locators of the rows it covers, in the same file
    subtotals_agree: bool  # the figure is the sum of the subtotals stated under it
    provenance: Provenances  # the total row


class Extraction(Record):
    """What extraction found in one or more documents (the extraction.json contract)."""

    documents: list[Document] = Field(default_factory=list)
    savings: list[SavingsLine] = Field(default_factory=list)
    pressures: list[PlanLine] = Field(default_factory=list)
    budget_lines: list[BudgetLine] = Field(default_factory=list)
    figures: list[Figure] = Field(default_factory=list)
    tables: list[Table] = Field(default_factory=list)
    passages: list[Passage] = Field(default_factory=list)
    mtfp_gaps: list[PlanLine] = Field(default_factory=list)
    mtfp_totals: list[PlanLine] = Field(default_factory=list)
    # A plan's memorandum lines: what a stated total is made of, never added into one.
    mtfp_memoranda: list[PlanLine] = Field(default_factory=list)
    stated_totals: list[StatedTotal] = Field(default_factory=list)
    risks: list[Risk] = Field(default_factory=list)  # risk registers' risks, read from their tables
    budget_builds: list[BudgetBuild] = Field(default_factory=list)  # next year's build, by directorate

    def merged(self, other: Extraction) -> Extraction:
        """This extraction followed by another's records."""
        return Extraction(
            documents=self.documents + other.documents,
            savings=self.savings + other.savings,
            pressures=self.pressures + other.pressures,
            budget_lines=self.budget_lines + other.budget_lines,
            figures=self.figures + other.figures,
            tables=self.tables + other.tables,
            passages=self.passages + other.passages,
            mtfp_gaps=self.mtfp_gaps + other.mtfp_gaps,
            mtfp_totals=self.mtfp_totals + other.mtfp_totals,
            mtfp_memoranda=self.mtfp_memoranda + other.mtfp_memoranda,
            stated_totals=self.stated_totals + other.stated_totals,
            risks=self.risks + other.risks,
            budget_builds=self.budget_builds + other.budget_builds,
        )

    @classmethod
    def combine(cls, parts: list[Extraction]) -> Extraction:
        out = cls()
        for part in parts:
            out = out.merged(part)
        return out
