"""The fictional Wyvern County Council's figures, in £000, shared by every generated document.

Wyvern is invented (a shire county in the South East of England). Every table total is the sum
of its lines except the two deliberate faults listed in examples/README.md, which are made here,
by name, so that the generator never makes one by accident.
"""

from __future__ import annotations

from dataclasses import dataclass

YEARS = ("2025-26", "2026-27", "2027-28")
COUNCIL = "Wyvern County Council"
CYPE = "Children, Young People and Education"
ASCH = "Adult Social Care and Health"
GET = "Growth, Environment and Transport"
CED = "Chief Executive's Department"


@dataclass(frozen=True)
class Line:
    """One MTFP line: a label and one amount per year in YEARS (£000)."""

    label: str
    amounts: tuple[int, int, int]


@dataclass(frozen=True)
class Saving:
    """One saving as the tracker, MTFP and savings plan describe it (£000, positive = saving)."""

    ref: str
    directorate: str
    description: str
    phasing: tuple[int, int, int]
    forecast: int
    rag: str
    comment: str

    @property
    def target(self) -> int:
        return self.phasing[0]


PRESSURES: dict[str, list[Line]] = {
    CYPE: [
        Line(
            "Looked after children placements – increase in numbers and complexity of need",
            (7800, 4200, 3900),
        ),
        Line("Residential placement prices above inflation", (2350, 1600, 1400)),
        Line("Independent fostering agency fees", (650, 500, 450)),
        Line(
            "SEND home to school transport – growth in pupils with EHCPs eligible for transport"
            " and increased route costs",
            (4900, 3800, 3600),
        ),
        Line("Agency social workers – market premium", (1200, 600, 300)),
        Line("Care leavers – staying put and supported accommodation", (480, 350, 300)),
    ],
    ASCH: [
        Line("Older people – demographic growth", (9200, 8700, 8400)),
        Line("Learning disability – young people moving from children's services", (3100, 2900, 2800)),
        Line("Market sustainability and fair cost of care", (4500, 2000, 2000)),
    ],
    GET: [
        Line("Waste tonnage and disposal prices", (1800, 1200, 1200)),
        Line("Concessionary fares", (400, 300, 300)),
    ],
    "Corporate": [
        Line("Pay award (3% in 2025-26, 2.5% thereafter)", (14600, 12300, 12600)),
        Line("Employer National Insurance contributions", (6400, 0, 0)),
        Line("Contract price inflation", (11800, 9600, 9300)),
        Line("Capital financing costs", (1500, 2000, 2500)),
    ],
}

# fmt: off  (one saving a row reads as the tracker it becomes)
SAVINGS: list[Saving] = [
    Saving(
        "CYPE-01",
        CYPE,
        "Reduce the number of children in residential care through edge of care support",
        (1250, 1000, 750),
        600,
        "Dark Amber",
        "58 children in residential care at 30 September against a plan of 50.",
    ),
    Saving(
        "CYPE-02",
        CYPE,
        "Step down from residential to foster care (Step Forward programme)",
        (900, 800, 400),
        450,
        "Amber",
        "Nine step-downs achieved against 16 planned; recruitment of specialist carers behind plan.",
    ),
    Saving(
        "CYPE-03",
        CYPE,
        "Recruit in-house foster carers to reduce use of independent fostering agencies",
        (750, 600, 600),
        750,
        "Green",
        "27 new fostering households approved in the year to date.",
    ),
    Saving(
        "CYPE-04",
        CYPE,
        "Reduce agency social workers by converting posts to permanent",
        (600, 400, 0),
        300,
        "Amber",
        "Agency staff 24% of social workers; target 15% by March 2026.",
    ),
    Saving(
        "CYPE-05",
        CYPE,
        "SEND home to school transport route optimisation (slipped from 2024-25)",
        (800, 0, 0),
        200,
        "Red",
        "Slipped from 2024-25. New routing software live from January 2026; part-year effect only.",
    ),
    Saving(
        "CYPE-06",
        CYPE,
        "Recommission early help contracts",
        (400, 0, 0),
        400,
        "Blue",
        "Delivered: new contracts started 1 April 2025.",
    ),
    Saving(
        "CYPE-07",
        CYPE,
        "Savings still to be identified – CYPE",
        (1500, 0, 0),
        0,
        "Red",
        "Unidentified. Options to be brought to Cabinet in December 2025.",
    ),
    Saving(
        "ASCH-01",
        ASCH,
        "Promoting independence through reablement",
        (2100, 1500, 1000),
        1900,
        "Amber",
        "Reablement capacity increased from July 2025.",
    ),
    Saving(
        "ASCH-02",
        ASCH,
        "Review of high-cost care packages",
        (1400, 800, 0),
        1400,
        "Green",
        "312 reviews completed.",
    ),
    Saving(
        "ASCH-03",
        ASCH,
        "Adult social care charging policy",
        (650, 150, 0),
        650,
        "Blue",
        "Delivered from April 2025.",
    ),
    Saving(
        "GET-01",
        GET,
        "Waste disposal contract re-procurement",
        (1200, 0, 0),
        1200,
        "Green",
        "New contract signed.",
    ),
    Saving("GET-02", GET, "Street lighting LED conversion", (350, 250, 0), 350, "Blue", "Delivered."),
    Saving(
        "GET-03",
        GET,
        "Increase in fees and charges",
        (500, 300, 300),
        420,
        "Amber",
        "Parking income below forecast.",
    ),
    Saving(
        "CED-01",
        CED,
        "Office accommodation rationalisation",
        (800, 600, 0),
        500,
        "Dark Amber",
        "Disposal of Wyvern House delayed to 2026-27.",
    ),
    Saving("CED-02", CED, "Digital contact centre", (450, 300, 0), 450, "Green", "On track."),
]
# fmt: on

# Tracker rows whose amounts are written as negatives, as some directorates' returns do.
NEGATIVE_IN_TRACKER = frozenset({"ASCH-01", "ASCH-02", "ASCH-03", "CED-01"})

FUNDING = [
    Line("Council tax – 4.99% increase", (-27900, -29300, -30800)),
    Line("Council tax base growth (1.2%)", (-5600, -5900, -6200)),
    Line("Social care grant", (-12300, 0, 0)),
    Line("Business rates and revenue support grant", (-3000, -1500, -1500)),
]
# The one-off drawdown that balances 2025-26; reversed the next year, as MTFPs do.
RESERVES = Line("One-off use of reserves (reversed in following year)", (-8230, 8230, 0))

# Deliberate cross-document disagreement: the savings plan (DOCX) phases CYPE-02 differently.
SAVINGS_PLAN_OVERRIDES = {"CYPE-02": (1100, 800, 400)}


@dataclass(frozen=True)
class ServiceLine:
    """One budget monitoring line (£000): budget and forecast outturn; variance = forecast - budget."""

    label: str
    budget: int
    forecast: int

    @property
    def variance(self) -> int:
        return self.forecast - self.budget


MONITORING: dict[str, list[ServiceLine]] = {
    CYPE: [
        ServiceLine("Looked after children – residential placements", 38400, 43450),
        ServiceLine("Looked after children – in-house fostering", 14200, 13900),
        ServiceLine("Looked after children – independent fostering agencies", 19600, 21450),
        ServiceLine("Supported accommodation (16+)", 8300, 9100),
        ServiceLine("Children's social work teams (incl. agency social workers)", 32500, 34900),
        ServiceLine("SEND home to school transport", 41200, 44300),
        ServiceLine("Early help and family hubs", 11800, 11350),
        ServiceLine("Education and SEND services", 18900, 18700),
        ServiceLine("Management and support", 6100, 6000),
    ],
    ASCH: [
        ServiceLine("Older people", 210000, 212600),
        ServiceLine("Learning disability", 145000, 146100),
        ServiceLine("Mental health", 38000, 37600),
    ],
    GET: [
        ServiceLine("Waste management", 82000, 82900),
        ServiceLine("Highways and transportation", 64000, 63300),
    ],
    CED: [ServiceLine("Corporate services", 58000, 57400)],
    "Non attributable costs": [ServiceLine("Capital financing and corporate items", 30000, 27500)],
}

# Deliberate non-reconciling total: the published CYPE subtotal's forecast (and so its variance)
# is £250k above the sum of its lines, as if a late adjustment reached the total but no line.
MONITORING_SUBTOTAL_ERROR = {CYPE: 250}

# Children's activity figures quoted in prose (consistent with each other).
CLA_COUNT = 1284
CLA_RATE_PER_10K = 62
POPULATION_0_17 = 207100
RESIDENTIAL_CHILDREN = 58
IN_HOUSE_FOSTERING_SHARE = 61
AGENCY_SOCIAL_WORKER_SHARE = 24


def year_totals(lines: list[Line]) -> tuple[int, int, int]:
    """Column sums of MTFP lines."""
    return tuple(sum(line.amounts[i] for line in lines) for i in range(3))  # type: ignore[return-value]


def savings_lines(directorate: str) -> list[Line]:
    """A directorate's savings as MTFP lines: negative, because they reduce the budget."""
    return [
        Line(s.description, tuple(-v for v in s.phasing))  # type: ignore[arg-type]
        for s in SAVINGS
        if s.directorate == directorate
    ]


def stated_subtotal(directorate: str) -> ServiceLine:
    """The monitoring subtotal as published (carrying the deliberate error for CYPE)."""
    lines = MONITORING[directorate]
    error = MONITORING_SUBTOTAL_ERROR.get(directorate, 0)
    return ServiceLine(
        f"Total {directorate}",
        sum(x.budget for x in lines),
        sum(x.forecast for x in lines) + error,
    )


def budget_gap() -> tuple[int, int, int]:
    """Pressures + savings + funding + reserves by year: the savings still to be found."""
    everything = [line for lines in PRESSURES.values() for line in lines]
    everything += [line for d in (CYPE, ASCH, GET, CED) for line in savings_lines(d)]
    everything += FUNDING + [RESERVES]
    return year_totals(everything)


# The children's services net budget the strategic plan quotes (the monitoring report's budget).
MONITORING_BUDGET_CYPE = sum(x.budget for x in MONITORING[CYPE])


# The Dedicated Schools Grant (£000), quoted in the monitoring report's prose: the High Needs
# block's in-year overspend, the cumulative deficit it takes the DSG to, and the statutory
# override's end (ring-fenced: none of it is in the revenue table above).
DSG_HIGH_NEEDS_OVERSPEND = 4600
DSG_DEFICIT_BROUGHT_FORWARD = 33600
DSG_STATUTORY_OVERRIDE_END = "March 2028"
# Reserve balances at the start of the year (£000), and the year's planned drawdown (the MTFP's).
GENERAL_FUND_BALANCE = 42500
EARMARKED_RESERVES = 61300
