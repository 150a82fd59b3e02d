"""Records the analyse stage produces, shaped by ../shared/contracts/review.md."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import Field

from extract.records import Provenance
from ingest.records import Document, Record


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


class GapYear(Record):
    """The medium-term plan's budget gap for one year (None: a gap the document gives no year for)."""

    period: str | None
    amount_gbp: float  # positive a gap, negative a surplus
    provenance: list[Provenance] = Field(min_length=1)
    label: str | None = None  # the row or label the document gives it ("Unresolved balance / surplus")


class Position(Record):
    period: str | None = None
    budget_gbp: float | None = None
    forecast_gbp: float | None = None
    variance_gbp: float | None = None
    children_services: Money3 = Field(default_factory=Money3)
    provenance: list[Provenance] = Field(default_factory=list)
    children_services_name: str | None = None
    mtfp_gap: list[GapYear] = Field(default_factory=list)


class SavingsSummary(Record):
    period: str | None = None
    target_gbp: float | None = None
    forecast_gbp: float | None = None
    at_risk_gbp: float | None = None
    at_risk_count: int = 0
    lines: int = 0
    at_risk_share_of_target: float | None = None
    mtfp_gap_gbp: float | None = None
    mtfp_gap_period: str | None = None
    at_risk_share_of_gap: float | None = None
    # Savings not yet identified or allocated, whole council, across the plan's years.
    unidentified_gbp: float | None = None  # in the review year and later years together
    unidentified_in_year_gbp: float | None = None  # the part that is in the review year's target
    children_target_gbp: float | None = None


class Flag(Record):
    code: str
    severity: Literal["high", "medium", "low"]
    subject: str
    message: str
    amount_gbp: float | None = None
    themes: list[str] = Field(default_factory=list)
    provenance: list[Provenance] = Field(min_length=1)
    indicator: str | None = None  # the benchmark indicator a benchmark flag is about


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
    factors: list[Factor] = Field(default_factory=list)
    provenance: list[Provenance] = Field(default_factory=list)


class Scenario(Record):
    name: str
    assumptions: dict[str, Any] = Field(default_factory=dict)
    annual_saving_gbp: float | None = None
    explanation: str = ""
    sources: list[str] = Field(default_factory=list)
    provenance: list[Provenance] = Field(default_factory=list)


class Theme(Record):
    theme: str
    label: str = ""
    savings_gbp: float = 0.0
    at_risk_gbp: float = 0.0
    evidence: list[Provenance] = Field(default_factory=list)
    savings_count: int = 0
    pressures_gbp: float = 0.0
    pressures_count: int = 0
    flags_count: int = 0


class LineOfEnquiry(Record):
    question: str
    because: str
    addressed_to: str = ""
    provenance: list[Provenance] = Field(default_factory=list)


class Reconciliation(Record):
    """A stated total checked against its lines, or one figure compared across documents."""

    code: Literal["total_mismatch", "cross_document_mismatch", "total_ok"]
    subject: str
    stated_gbp: float | None = None
    computed_gbp: float | None = None
    difference_gbp: float | None = None
    message: str = ""
    provenance: list[Provenance] = Field(default_factory=list)
    # "records": lines the extraction read; "table": a total row the table states, against the
    # extracted lines it covers (a difference may be a line not read rather than a document error).
    checked_against: Literal["records", "table"] = "records"


class Review(Record):
    """What the pack is rendered from (the review.json contract)."""

    council: Council = Field(default_factory=Council)
    documents: list[Document] = Field(default_factory=list)
    position: Position = Field(default_factory=Position)
    savings_summary: SavingsSummary = Field(default_factory=SavingsSummary)
    flags: list[Flag] = Field(default_factory=list)
    benchmarks: list[Benchmark] = Field(default_factory=list)
    drivers: Drivers = Field(default_factory=Drivers)
    scenarios: list[Scenario] = Field(default_factory=list)
    themes: list[Theme] = Field(default_factory=list)
    lines_of_enquiry: list[LineOfEnquiry] = Field(default_factory=list)
    reconciliations: list[Reconciliation] = Field(default_factory=list)
    missing_documents: list[str] = Field(default_factory=list)
    caveats: list[str] = Field(default_factory=list)
