"""A hand-built Review and Extraction for a fictional council, for the render tests.

Northmoor County Council does not exist; its figures are made up but shaped like a real bundle:
an MTFP, a quarter-two budget monitoring report, a savings tracker (read in part), a strategic plan
and a scanned cabinet report that could not be read. Every record carries provenance.
`large_sample()` repeats lines and benchmarks so that the pack runs to about thirty pages.
"""

from __future__ import annotations

from typing import Literal

from analyse.reconcile import checks_count
from analyse.records import (
    Benchmark,
    Comparator,
    Council,
    Drivers,
    Factor,
    Flag,
    LineOfEnquiry,
    Money3,
    Position,
    Reconciliation,
    Review,
    SavingsPart,
    SavingsSummary,
    Scenario,
    Theme,
    TrendPoint,
)
from analyse.scenarios import against_plan
from extract.records import (
    BudgetBuild,
    BudgetLine,
    BuildPart,
    Extraction,
    Figure,
    FigureUnit,
    PeriodAmount,
    PlanLine,
    Provenance,
    Rag,
    RiskReason,
    SavingsLine,
    Table,
)
from extract.tables.vocabulary import CategoryKind
from ingest.records import DocError, Document, DocumentKind, Format, Status

MTFP = "Northmoor MTFP 2024-28.pdf"
MONITOR = "CYP budget monitoring Q2 2024-25.pdf"
TRACKER = "Savings tracker 2024-25.xlsx"
PLAN = "Children and families plan 2023-26.docx"
SCAN = "Cabinet report 12 Sept 2024 (scan).pdf"
S251 = "s251 outturn (DfE) 2019-20 to 2023-24"
LAIT = "LAIT children's social care (DfE)"

SHA = {name: f"{i:x}" * 64 for i, name in enumerate([MTFP, MONITOR, TRACKER, PLAN, SCAN], start=1)}


def prov(file: str, page: int | None, locator: str, text: str) -> Provenance:
    return Provenance(
        file=file, sha256=SHA.get(file, "0" * 64), page=page, bbox=None, locator=locator, text=text
    )


def documents() -> list[Document]:
    def doc(file: str, fmt: Format, kind: DocumentKind, pages: int, **kw: object) -> Document:
        return Document(
            file=file,
            sha256=SHA[file],
            size=120_000 + pages * 9_000,
            format=fmt,
            kind=kind,
            pages=pages,
            **kw,
        )

    return [
        doc(MTFP, Format.PDF, DocumentKind.MTFP, 42),
        doc(MONITOR, Format.PDF, DocumentKind.BUDGET_MONITORING, 18),
        doc(
            TRACKER,
            Format.XLSX,
            DocumentKind.SAVINGS_PLAN,
            3,
            status=Status.PARTIAL,
            errors=[
                DocError(
                    code="sheet_unreadable",
                    message="Sheet 'Archive' has merged header rows that could not be read",
                    page=3,
                )
            ],
        ),
        doc(PLAN, Format.DOCX, DocumentKind.STRATEGIC_PLAN, 24),
        doc(
            SCAN,
            Format.PDF,
            DocumentKind.COMMITTEE_REPORT,
            11,
            status=Status.FAILED,
            errors=[
                DocError(
                    code="no_text_layer", message="Scanned pages with no text layer; no text could be read"
                )
            ],
        ),
    ]


# title, ref, service area, target, forecast, rag, status text, theme
SAVINGS = [
    (
        "Increase in-house foster carer recruitment",
        "CYP-S01",
        "Looked after children",
        1_850_000,
        900_000,
        Rag.RED,
        "Recruitment running behind plan: 14 net new carers against 40",
    ),
    (
        "Residential step-down to family settings",
        "CYP-S02",
        "Looked after children",
        2_400_000,
        1_100_000,
        Rag.AMBER,
        "Six step-downs achieved against 15 planned",
    ),
    (
        "Reduce agency social worker use",
        "CYP-S03",
        "Children's social work",
        1_200_000,
        1_200_000,
        Rag.GREEN,
        "Agency rate down to 19% from 27%",
    ),
    (
        "Home to school transport route optimisation",
        "CYP-S04",
        "SEND and transport",
        950_000,
        250_000,
        Rag.RED,
        "Route review delayed to 2025; demand up 11%",
    ),
    (
        "Early help service restructure",
        "CYP-S05",
        "Early help",
        600_000,
        600_000,
        Rag.BLUE,
        "Delivered April 2024",
    ),
    (
        "Supported accommodation framework",
        "CYP-S06",
        "Commissioning",
        750_000,
        520_000,
        Rag.AMBER,
        "Framework let; prices above assumption",
    ),
    ("Edge of care service", "CYP-S07", "Children's social work", 500_000, 500_000, Rag.GREEN, "On track"),
    (
        "SEND transport personal budgets",
        "CYP-S08",
        "SEND and transport",
        400_000,
        120_000,
        Rag.RED,
        "Take-up 30 families against 100",
    ),
    ("Business support review", "CYP-S09", "Central", 300_000, 300_000, Rag.GREEN, "On track"),
    (
        "Unidentified savings to be allocated",
        "CYP-S10",
        "Central",
        1_000_000,
        0,
        None,
        "No proposal identified",
    ),
    (
        "Placements saving carried forward from 2023-24",
        "CYP-S11",
        "Looked after children",
        1_300_000,
        650_000,
        Rag.AMBER,
        "Carried from 2023-24; half forecast",
    ),
]


def savings_lines(repeat: int = 1) -> list[SavingsLine]:
    lines = []
    for copy in range(repeat):
        for i, (title, ref, area, target, forecast, rag, status) in enumerate(SAVINGS):
            row = 6 + i + copy * len(SAVINGS)
            locator = f"sheet Tracker!A{row}:K{row}"
            p = prov(
                TRACKER, None, locator, f"{ref} {title} {target / 1e3:,.1f} {forecast / 1e3:,.1f} {status}"
            )
            shortfall = target - forecast
            at_risk = shortfall > 0
            reasons = []
            if at_risk:
                code = "unidentified" if forecast == 0 and rag is None else "forecast_below_target"
                reasons.append(
                    RiskReason(
                        code=code,
                        evidence=f"Forecast £{forecast / 1e3:,.0f}k against target £{target / 1e3:,.0f}k",
                        provenance=[p],
                    )
                )
            lines.append(
                SavingsLine(
                    title=title if copy == 0 else f"{title} (phase {copy + 1})",
                    ref=ref if copy == 0 else f"{ref}-{copy + 1}",
                    category="Savings",
                    directorate="Children, Young People and Families",
                    service_area=area,
                    planned=[PeriodAmount(period="2024-25", amount_gbp=float(target))],
                    period="2024-25",
                    target_gbp=float(target),
                    forecast_gbp=float(forecast),
                    shortfall_gbp=float(shortfall),
                    undeliverable_gbp=float(shortfall) if rag == Rag.RED else 0.0,
                    slipped_gbp=0.0,
                    rag=rag,
                    rag_text=rag.value.capitalize() if rag else None,
                    status_text=status,
                    at_risk=at_risk,
                    risk_reasons=reasons,
                    provenance=[p],
                )
            )
    return lines


PRESSURES = [
    (
        "Looked after children placement costs",
        "Looked after children",
        (6_200_000, 4_800_000, 4_100_000, 3_900_000),
    ),
    (
        "Home to school transport (SEND) demand",
        "SEND and transport",
        (3_100_000, 2_600_000, 2_300_000, 2_000_000),
    ),
    ("Pay award and national living wage", "All services", (2_400_000, 1_900_000, 1_900_000, 1_900_000)),
    ("Unaccompanied asylum-seeking children", "Looked after children", (800_000, 400_000, 0, 0)),
    ("Social worker recruitment and retention", "Children's social work", (650_000, 300_000, 300_000, 0)),
    ("Inflation on commissioned services", "Commissioning", (1_200_000, 1_000_000, 900_000, 900_000)),
]
YEARS = ("2024-25", "2025-26", "2026-27", "2027-28")


def pressures() -> list[PlanLine]:
    out = []
    for i, (title, area, amounts) in enumerate(PRESSURES):
        page = 17 + i // 3
        text = f"{title} " + " ".join(f"{a / 1e3:,.0f}" for a in amounts)
        out.append(
            PlanLine(
                title=title,
                category="Growth",
                directorate="Children, Young People and Families",
                service_area=area,
                planned=[
                    PeriodAmount(period=y, amount_gbp=float(a))
                    for y, a in zip(YEARS, amounts, strict=True)
                    if a
                ],
                provenance=[prov(MTFP, page, f"table 4, row {i + 2}", text)],
            )
        )
    return out


BUDGET = [
    ("Looked after children placements", 68_400_000, 79_300_000),
    ("Children's social work and safeguarding", 41_200_000, 43_100_000),
    ("SEND and home to school transport", 27_900_000, 31_800_000),
    ("Early help and prevention", 14_600_000, 13_900_000),
    ("Commissioning and partnerships", 9_800_000, 9_600_000),
    ("Education and inclusion", 22_300_000, 22_100_000),
    ("Central and business support", 8_100_000, 7_900_000),
]


def budget_lines() -> list[BudgetLine]:
    out = []
    for i, (name, budget, forecast) in enumerate(BUDGET):
        text = f"{name} {budget / 1e3:,.0f} {forecast / 1e3:,.0f} {(forecast - budget) / 1e3:,.0f}"
        out.append(
            BudgetLine(
                name=name,
                directorate="Children, Young People and Families",
                level="service_line",
                period="2024-25",
                budget_gbp=float(budget),
                forecast_gbp=float(forecast),
                variance_gbp=float(forecast - budget),
                provenance=[prov(MONITOR, 6, f"table 2, row {i + 2}", text)],
            )
        )
    budget = sum(b for _, b, _ in BUDGET)
    forecast = sum(f for _, _, f in BUDGET)
    out.append(
        BudgetLine(
            name="Children, Young People and Families",
            level="directorate",
            period="2024-25",
            budget_gbp=float(budget),
            forecast_gbp=float(forecast),
            variance_gbp=float(forecast - budget),
            provenance=[
                prov(MONITOR, 6, "table 2, row 9", f"Total CYPF {budget / 1e3:,.0f} {forecast / 1e3:,.0f}")
            ],
        )
    )
    return out


def figures() -> list[Figure]:
    def fig(
        value: float, unit: FigureUnit, period: str | None, label: str, text: str, file: str, page: int
    ) -> Figure:
        return Figure(
            value=value,
            unit=unit,
            period=period,
            label=label,
            text=text,
            provenance=[prov(file, page, f"paragraph {page * 3}", text)],
        )

    return [
        fig(
            9_800_000,
            FigureUnit.GBP,
            "2025-26",
            "budget gap",
            "leaving a budget gap of £9.8m in 2025-26",
            MTFP,
            5,
        ),
        fig(21_400_000, FigureUnit.GBP, "2026-27", "budget gap", "rising to £21.4m in 2026-27", MTFP, 5),
        fig(33_900_000, FigureUnit.GBP, "2027-28", "budget gap", "and £33.9m by 2027-28", MTFP, 5),
        fig(
            18_700_000,
            FigureUnit.GBP,
            "2024-25",
            "general fund reserve",
            "the general fund reserve stands at £18.7m",
            MTFP,
            31,
        ),
        fig(
            19.0,
            FigureUnit.PERCENT,
            "2024-25",
            "agency social workers",
            "agency social workers now 19% of the workforce",
            MONITOR,
            9,
        ),
        fig(
            612,
            FigureUnit.COUNT,
            "2024-25",
            "looked after children",
            "612 children were looked after at 30 September",
            MONITOR,
            8,
        ),
        fig(
            16_400_000,
            FigureUnit.GBP,
            "2024-25",
            "children's services overspend",
            "the directorate is forecasting an overspend of £16.4m",
            PLAN,
            4,
        ),
    ]


def tables() -> list[Table]:
    rows = [["Service", "Budget £000", "Forecast £000", "Variance £000"]]
    rows += [[n, f"{b / 1e3:,.0f}", f"{f / 1e3:,.0f}", f"{(f - b) / 1e3:,.0f}"] for n, b, f in BUDGET]
    return [
        Table(
            file=MONITOR,
            page=6,
            bbox=None,
            rows=rows,
            unit="£000",
            title="Table 2",
            header_rows=1,
            locator="table 2",
            provenance=[prov(MONITOR, 6, "table 2", "Table 2: forecast outturn by service")],
        )
    ]


def sample_extraction(repeat: int = 1) -> Extraction:
    return Extraction(
        documents=documents(),
        savings=savings_lines(repeat),
        pressures=pressures(),
        budget_lines=budget_lines(),
        figures=figures(),
        tables=tables(),
        budget_builds=budget_builds(),
    )


def _build(name: str, level: Literal["council", "directorate"], cells: list[str], column: int) -> BudgetBuild:
    """A build as a budget book prints it (£000; savings as negatives), checked by its identity."""
    from extract.verify.build import build_check
    from extract.verify.status import verified
    from extract.verify.tolerance import Term

    base, growth, savings, other, new = (float(c.replace(",", "")) * 1000 for c in cells)
    terms = [Term(v, 500.0) for v in (base, new, growth, -savings, other)]
    words = ["Net budget", "Base budget", "Total growth", "Total savings", "Total reserves"]
    where = [
        prov(MTFP, 12, f"table 4, row {3 + i}, column {column}", f"{w} | {name} | {c}")
        for i, (w, c) in enumerate(zip(words, [cells[4], *cells[:4]], strict=True))
    ]
    record = BudgetBuild(
        name=name, level=level, period="2025-26", base_gbp=base, growth_gbp=growth, savings_gbp=-savings,
        other_gbp=other, new_budget_gbp=new, provenance=where,
    )  # fmt: skip
    return verified(record, [build_check(*terms)], [])


def budget_builds() -> list[BudgetBuild]:
    return [
        _build(
            "Children, Young People and Families",
            "directorate",
            ["301,240", "24,860", "-9,350", "-2,100", "314,650"],
            3,
        ),
        _build("Council total", "council", ["1,124,600", "61,400", "-28,900", "-4,300", "1,152,800"], 2),
    ]


def position(extraction: Extraction) -> Position:
    total = next(b for b in extraction.budget_lines if b.level == "directorate")
    return Position(
        period="2024-25",
        budget_gbp=1_124_600_000.0,
        forecast_gbp=1_141_300_000.0,
        variance_gbp=16_700_000.0,
        children_services=Money3(
            budget_gbp=total.budget_gbp,
            forecast_gbp=total.forecast_gbp,
            variance_gbp=total.variance_gbp,
            provenance=total.provenance,
        ),
        provenance=[prov(MONITOR, 3, "table 1, row 12", "Total council 1,124,600 1,141,300 16,700")],
    )


def savings_summary(lines: list[SavingsLine]) -> SavingsSummary:
    at_risk = [s for s in lines if s.at_risk]
    target = sum(s.target_gbp or 0 for s in lines)
    at_risk_gbp = sum(s.shortfall_gbp or 0 for s in at_risk)
    return SavingsSummary(
        period="2024-25",
        target_gbp=target,
        forecast_gbp=sum(s.forecast_gbp or 0 for s in lines),
        at_risk_gbp=at_risk_gbp,
        at_risk_share_of_target=at_risk_gbp / target if target else None,
        at_risk_count=len(at_risk),
        lines=len(lines),
    )


def flags(extraction: Extraction) -> list[Flag]:
    out = []
    for s in extraction.savings:
        if s.at_risk:
            sev = "high" if (s.shortfall_gbp or 0) >= 900_000 else "medium"
            out.append(
                Flag(
                    code=s.risk_reasons[0].code,
                    severity=sev,
                    subject=s.title,
                    message=f"Forecast below target by £{(s.shortfall_gbp or 0) / 1e6:.1f}m",
                    amount_gbp=s.shortfall_gbp,
                    themes=["savings"],
                    provenance=s.provenance,
                )
            )
    for b in extraction.budget_lines:
        if b.level == "service_line" and (b.variance_gbp or 0) > 1_000_000:
            out.append(
                Flag(
                    code="service_overspend",
                    severity="high",
                    subject=b.name,
                    message=f"Forecast overspend of £{(b.variance_gbp or 0) / 1e6:.1f}m",
                    amount_gbp=b.variance_gbp,
                    themes=["budget"],
                    provenance=b.provenance,
                )
            )
    return out


BENCHMARKS = [
    # indicator, label, unit, value, SN median, region median, England, rank, of, quartile, trend
    (
        "s251_total_cyp_spend_per_child",
        "Children's services spend per child",
        "gbp_per_child",
        1_182.0,
        1_021.0,
        998.0,
        1_047.0,
        119,
        152,
        4,
        (842.0, 905.0, 981.0, 1_064.0, 1_182.0),
    ),
    (
        "s251_cla_spend_per_child",
        "Looked after children spend per child",
        "gbp_per_child",
        571.0,
        448.0,
        431.0,
        472.0,
        131,
        152,
        4,
        (402.0, 437.0, 468.0, 519.0, 571.0),
    ),
    (
        "cla_rate_per_10k",
        "Looked after children rate",
        "rate_per_10k",
        72.0,
        64.0,
        58.0,
        70.0,
        88,
        152,
        3,
        (66.0, 67.0, 69.0, 71.0, 72.0),
    ),
    (
        "cpp_rate_per_10k",
        "Child protection plan rate",
        "rate_per_10k",
        41.3,
        44.0,
        39.2,
        41.6,
        70,
        152,
        2,
        (46.1, 44.9, 43.0, 42.2, 41.3),
    ),
    (
        "cin_rate_per_10k",
        "Children in need rate",
        "rate_per_10k",
        341.0,
        352.0,
        317.0,
        332.0,
        84,
        152,
        3,
        (318.0, 329.0, 335.0, 338.0, 341.0),
    ),
    (
        "agency_sw_percent",
        "Agency social workers",
        "percent",
        27.0,
        17.5,
        19.0,
        17.6,
        140,
        152,
        4,
        (16.0, 19.5, 23.0, 26.0, 27.0),
    ),
    (
        "re_referral_percent",
        "Re-referrals within 12 months",
        "percent",
        24.0,
        21.0,
        20.5,
        22.4,
        121,
        152,
        4,
        (20.0, 21.0, 22.0, 23.5, 24.0),
    ),
]
TREND_YEARS = ("2019-20", "2020-21", "2021-22", "2022-23", "2023-24")
# Each benchmark's statistical neighbours' median and England over the same years (as
# analyse.benchmarks reads them from the national tables), ending at the comparators above.
COMPARATOR_TRENDS = {
    "s251_total_cyp_spend_per_child": (
        (801.0, 850.0, 902.0, 968.0, 1_021.0),
        (856.0, 901.0, 948.0, 1_003.0, 1_047.0),
    ),
    "s251_cla_spend_per_child": ((329.0, 356.0, 381.0, 417.0, 448.0), (361.0, 389.0, 414.0, 446.0, 472.0)),
    "cla_rate_per_10k": ((61.0, 62.0, 63.0, 63.5, 64.0), (67.0, 67.0, 70.0, 71.0, 70.0)),
    "cpp_rate_per_10k": ((43.1, 42.6, 43.4, 44.3, 44.0), (42.8, 41.4, 42.1, 43.2, 41.6)),
    "cin_rate_per_10k": ((338.0, 341.5, 344.0, 349.0, 352.0), (324.0, 321.2, 334.3, 343.0, 332.0)),
    "agency_sw_percent": ((15.5, 15.0, 16.5, 18.0, 17.5), (15.4, 15.5, 17.1, 17.9, 17.6)),
    "re_referral_percent": ((22.0, 21.5, 21.0, 20.5, 21.0), (22.6, 21.5, 22.7, 21.4, 22.4)),
}
NEIGHBOURS = [
    "E10000006",
    "E10000011",
    "E10000013",
    "E10000020",
    "E10000024",
    "E10000029",
    "E10000031",
    "E10000032",
    "E10000034",
    "E10000002",
]


def _points(values: tuple[float, ...]) -> list[TrendPoint]:
    return [TrendPoint(period=y, value=v) for y, v in zip(TREND_YEARS, values, strict=True)]


def benchmarks(repeat: int = 1) -> list[Benchmark]:
    out = []
    for copy in range(repeat):
        for ind, label, unit, value, sn, reg, eng, rank, of, q, trend in BENCHMARKS:
            dataset = S251 if ind.startswith("s251") else LAIT
            out.append(
                Benchmark(
                    indicator=ind if copy == 0 else f"{ind}_{copy}",
                    label=label if copy == 0 else f"{label} ({copy + 1})",
                    unit=unit,
                    period="2023-24",
                    value=value,
                    statistical_neighbours=Comparator(codes=NEIGHBOURS, median=sn),
                    region=Comparator(median=reg),
                    england=Comparator(value=eng),
                    rank=rank,
                    of=of,
                    quartile=q,
                    trend=_points(trend),
                    neighbours_trend=_points(COMPARATOR_TRENDS[ind][0]),
                    england_trend=_points(COMPARATOR_TRENDS[ind][1]),
                    provenance=[
                        Provenance(
                            file=dataset,
                            sha256="f" * 64,
                            page=None,
                            bbox=None,
                            locator=f"{ind}, LA 931, 2019-20 to 2023-24",
                            text=f"{value}",
                        )
                    ],
                )
            )
    return out


def drivers() -> Drivers:
    return Drivers(
        model="Ordinary least squares across English councils: spend per child on deprivation (IDACI), "
        "population density and share of children in lone-parent households",
        indicator="s251_total_cyp_spend_per_child",
        r_squared=0.58,
        n=150,
        expected_value=1_004.0,
        actual_value=1_182.0,
        residual=178.0,
        factors=[
            Factor(name="IDACI deprivation score", effect=96.0),
            Factor(name="Population density", effect=-21.0),
            Factor(name="Lone-parent households", effect=38.0),
        ],
        provenance=[
            Provenance(
                file=S251,
                sha256="f" * 64,
                page=None,
                bbox=None,
                locator="all LAs, 2023-24",
                text="s251 outturn, IDACI 2019, ONS mid-year estimates 2023",
            )
        ],
    )


def scenarios() -> list[Scenario]:
    src = prov(MONITOR, 8, "table 5", "In-house foster care 231; IFA 189; residential 58")
    planned = SavingsLine(
        ref="CS-04",
        title="Recruit in-house foster carers to reduce use of independent fostering agencies",
        period="2025-26",
        target_gbp=750_000.0,
        forecast_gbp=450_000.0,
        rag=Rag.AMBER,
        rag_text="Amber",
        status_text="12 of 20 new fostering households approved",
        provenance=[
            prov(TRACKER, None, "sheet Tracker!A6", "CS-04 | Recruit in-house foster carers | 750 | 450")
        ],
    )
    mix = Scenario(
        name="Fostering mix at 80/20 in-house to independent",
        lever="fostering_mix",
        assumptions={
            "in-house share now": "55%",
            "in-house share target": "80%",
            "IFA premium over in-house": "60%",
            "children in foster care": 420,
        },
        annual_saving_gbp=2_700_000.0,
        explanation="Moving 105 children from independent to in-house carers at a 60% cost difference.",
        sources=["seed 002"],
        provenance=[src],
    )
    return [
        against_plan(mix, [planned], "2025-26"),
        Scenario(
            name="Looked after rate at the neighbours' median",
            assumptions={
                "rate now per 10,000": 72,
                "neighbour median per 10,000": 64,
                "average annual cost per child": "£64,000",
            },
            annual_saving_gbp=4_600_000.0,
            explanation="Seventy-two fewer looked after children at the average cost of a placement.",
            provenance=[src],
        ),
        Scenario(
            name="Residential step-down",
            assumptions={"children stepped down": 10, "annual cost difference": "£180,000"},
            annual_saving_gbp=None,
            explanation="Not costed: the residential unit costs were not in the bundle.",
            provenance=[src],
        ),
    ]


def themes(extraction: Extraction) -> list[Theme]:
    def ev(area: str) -> list[Provenance]:
        return [p for s in extraction.savings if s.service_area == area for p in s.provenance]

    def amounts(area: str) -> tuple[float, float]:
        lines = [s for s in extraction.savings if s.service_area == area]
        return sum(s.target_gbp or 0 for s in lines), sum(s.shortfall_gbp or 0 for s in lines if s.at_risk)

    out = []
    for theme, label, area in [
        ("placements", "Placements", "Looked after children"),
        ("send_transport", "SEND and home to school transport", "SEND and transport"),
        ("workforce", "Workforce and agency staff", "Children's social work"),
    ]:
        total, risk = amounts(area)
        out.append(Theme(theme=theme, label=label, savings_gbp=total, at_risk_gbp=risk, evidence=ev(area)))
    return out


def lines_of_enquiry(extraction: Extraction) -> list[LineOfEnquiry]:
    lac = extraction.budget_lines[0]
    s01 = extraction.savings[0]
    return [
        LineOfEnquiry(
            question="What is driving the £10.9m placements overspend, and what is the plan to bring it back?",
            because="Looked after children placements forecast £79.3m against £68.4m budget",
            addressed_to="DCS and head of children's social care",
            provenance=lac.provenance,
        ),
        LineOfEnquiry(
            question="How realistic is the foster carer recruitment saving, and what is the fallback?",
            because="14 net new carers against 40; forecast £0.9m against £1.9m target",
            addressed_to="Head of fostering",
            provenance=s01.provenance,
        ),
        LineOfEnquiry(
            question="Who owns the £1.0m of savings not yet identified?",
            because="Tracker line CYP-S10 has no proposal",
            addressed_to="S151 officer",
            provenance=extraction.savings[9].provenance,
        ),
        LineOfEnquiry(
            question="Why is agency use far above neighbours while the tracker reports the saving as green?",
            because="Agency social workers 27% against a neighbour median of 17.5%",
            addressed_to="DCS and HR",
            provenance=[prov(MONITOR, 9, "paragraph 27", "agency social workers now 19% of the workforce")],
        ),
        LineOfEnquiry(
            question="Which figure for the directorate overspend is right: £16.4m or £15.4m?",
            because="The strategic plan and the monitoring report disagree",
            addressed_to="S151 officer",
            provenance=[figures()[-1].provenance[0], extraction.budget_lines[-1].provenance[0]],
        ),
    ]


def reconciliations(extraction: Extraction) -> list[Reconciliation]:
    total = extraction.budget_lines[-1]
    return [
        Reconciliation(
            code="cross_document_mismatch",
            subject="Children's services forecast overspend",
            stated_gbp=16_400_000.0,
            computed_gbp=total.variance_gbp,
            difference_gbp=16_400_000.0 - (total.variance_gbp or 0),
            message="Strategic plan states a different overspend from the Q2 monitoring report",
            provenance=[figures()[-1].provenance[0], total.provenance[0]],
        ),
        Reconciliation(
            code="total_mismatch",
            subject="MTFP growth table, 2025-26 total",
            stated_gbp=11_200_000.0,
            computed_gbp=11_000_000.0,
            difference_gbp=200_000.0,
            message="Stated total does not equal the sum of its lines",
            provenance=[prov(MTFP, 18, "table 4, total row", "Total growth 11,200")],
        ),
        Reconciliation(
            code="total_ok",
            subject="Q2 monitoring, directorate total",
            stated_gbp=total.budget_gbp,
            computed_gbp=total.budget_gbp,
            difference_gbp=0.0,
            message="Lines sum to the stated total",
            provenance=total.provenance,
        ),
    ]


def with_selection(review: Review, extraction: Extraction) -> Review:
    """The review with what the pack shows chosen by analyse.selection, as build_review chooses it."""
    from analyse.derived import with_derived
    from analyse.diagnostic import diagnostic
    from analyse.dsg import dsg_position
    from analyse.flags import Context, assess_savings
    from analyse.reserves import reserves
    from analyse.scope import scope_index
    from analyse.selection import pack_selection

    scopes = scope_index(extraction)
    period = review.position.period
    assessments = assess_savings(extraction.savings, Context(period, [], [], scopes))
    chosen = pack_selection(extraction, scopes, assessments, review.position, review.council, review.drivers)
    return with_derived(
        review.model_copy(
            update={
                "selection": chosen,
                "diagnostic": diagnostic(
                    extraction, scopes, review.position, chosen.service_lines, reserves(extraction)
                ),
                "dsg": dsg_position(extraction, scopes, period),
            }
        )
    )


def sample_review(extraction: Extraction, repeat: int = 1) -> Review:
    return with_selection(_sample_review(extraction, repeat), extraction)


def _sample_review(extraction: Extraction, repeat: int = 1) -> Review:
    return Review(
        council=Council(
            name="Northmoor County Council",
            la_code="931",
            ons_code="E10000099",
            region="East Midlands",
            la_type="SC",
            identified_from=[prov(MTFP, 1, "title", "Northmoor County Council")],
            method="named on the cover of the MTFP",
        ),
        documents=extraction.documents,
        position=position(extraction),
        savings_summary=savings_summary(extraction.savings),
        flags=flags(extraction),
        benchmarks=benchmarks(repeat),
        drivers=drivers(),
        scenarios=scenarios(),
        themes=themes(extraction),
        lines_of_enquiry=lines_of_enquiry(extraction),
        reconciliations=reconciliations(extraction),
        checks=checks_count(reconciliations(extraction)),
        missing_documents=["transformation plan", "risk register"],
    )


def sample() -> tuple[Review, Extraction]:
    extraction = sample_extraction()
    return sample_review(extraction), extraction


def large_sample() -> tuple[Review, Extraction]:
    """About thirty pages: the savings tracker and the benchmarks five times over."""
    extraction = sample_extraction(repeat=5)
    return sample_review(extraction, repeat=5), extraction


def empty_sample() -> tuple[Review, Extraction]:
    """A bundle that yielded nothing: every section must say so rather than invent numbers."""
    doc = Document(
        file=SCAN,
        sha256=SHA[SCAN],
        size=1000,
        format=Format.PDF,
        kind=DocumentKind.OTHER,
        status=Status.FAILED,
        errors=[DocError(code="encrypted", message="The PDF is password protected")],
    )
    return Review(documents=[doc]), Extraction(documents=[doc])


def parts_sample() -> tuple[Review, Extraction]:
    """The sample whose savings target is given by the plan's own categories (some cost avoidance,
    not a saving against the base) and whose directorate's build prints its savings row's label
    and its parts by kind (some grant), as Kent's plan and budget book do."""
    review, extraction = sample()
    s = review.savings_summary
    assert s.target_gbp
    prov = extraction.savings[0].provenance
    avoided = round(s.target_gbp * 0.4)
    saved = s.target_gbp - avoided
    parts = [
        SavingsPart(
            category="Future Cost Avoidance",
            kind=CategoryKind.COST_AVOIDANCE,
            amount_gbp=avoided,
            lines=1,
            provenance=prov,
        ),
        SavingsPart(
            category="Efficiency", kind=CategoryKind.SAVING, amount_gbp=saved, lines=2, provenance=prov
        ),
    ]
    build = review.selection.budget_build
    assert build is not None and build.savings_gbp is not None
    grant = round(abs(build.savings_gbp) * 0.3)
    build_parts = [
        BuildPart(
            kind="saving",
            rows=["Efficiency"],
            amount_gbp=abs(build.savings_gbp) - grant,
            provenance=build.provenance[:1],
        ),
        BuildPart(
            kind="grant", rows=["Increases in Grants"], amount_gbp=grant, provenance=build.provenance[:1]
        ),
    ]
    labelled = build.model_copy(
        update={"savings_label": "TOTAL SAVINGS, INCOME & GRANT", "savings_parts": build_parts}
    )
    council = review.selection.council_build
    assert council is not None  # it prints the same row, with no parts
    same = council.model_copy(update={"savings_label": labelled.savings_label})
    update = {
        "savings_summary": s.model_copy(update={"parts": parts, "against_base_gbp": saved}),
        "selection": review.selection.model_copy(update={"budget_build": labelled, "council_build": same}),
    }
    return review.model_copy(update=update), extraction
