"""Council-style monitoring and savings tables: one set of true values, many layouts.

`tests/variant_documents.py` writes one document per format, each worded another way. This
module sweeps the layouts of the two tables a children's services review reads most, budget
monitoring and the savings tracker, the way councils print them from Word and Excel: labels
right-aligned or centred with no rules and no heading over them, headings broken mid-word by
narrow columns or stacked over four lines, a commentary column of wrapped prose beside or
between the figures, labels wrapping onto two lines, several columns of one role, the unit
stated once or per column, negatives in brackets or with a minus sign, '-' for nil, totals
worded many ways or not at all.

Every layout class is a function from the true values to a `TableSpec` (the cells as printed);
`examples.layout_office` writes a spec as DOCX or XLSX and has LibreOffice print it to PDF, and
`examples.layout_scores` scores what `reviewpack extract` reads back against the true values.
Money is in pounds and every true value is a multiple of £100,000, so it prints exactly in £m
to one place and in £'000.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from dataclasses import dataclass, field

# --- the true values --------------------------------------------------------------------------


@dataclass(frozen=True)
class Line:
    """A budget line; variance positive is an overspend."""

    name: str
    budget: float
    forecast: float
    original: float  # before virements
    last_year: float  # last year's outturn

    @property
    def variance(self) -> float:
        return self.forecast - self.budget


@dataclass(frozen=True)
class Saving:
    ref: str
    title: str
    target: float
    forecast: float  # the saving's own forecast delivery
    alternative: float = 0.0  # other savings found to cover a shortfall

    @property
    def shortfall(self) -> float:
        return self.target - self.forecast


LINES = [
    Line(
        "Looked After Children Placements and Residential Care",
        48_300_000,
        52_100_000,
        48_100_000,
        46_900_000,
    ),
    Line("Fostering, Adoption and Special Guardianship", 12_600_000, 13_200_000, 12_700_000, 12_100_000),
    Line("Early Help and Family Support", 6_200_000, 5_900_000, 6_200_000, 6_000_000),
    Line("Home to School Transport for Children with SEND", 11_400_000, 13_000_000, 11_100_000, 10_200_000),
    Line("Care Leavers", 3_100_000, 2_900_000, 3_100_000, 3_300_000),
    Line("Safeguarding and Quality Assurance", 4_800_000, 4_800_000, 4_800_000, 4_600_000),
    Line("Disabled Children's Services", 7_500_000, 7_900_000, 7_600_000, 7_100_000),
]

SAVINGS = [
    Saving("CS01", "Step down from residential care to foster families", 2_000_000, 1_200_000, 300_000),
    Saving("CS02", "Review of SEND transport routes and personal budgets", 900_000, 900_000),
    Saving("CS03", "Early help service restructure", 600_000, 400_000),
    Saving("CS04", "Recruit more in-house foster carers", 1_100_000, 500_000, 200_000),
    Saving("CS05", "Commissioning and contract efficiencies", 400_000, 0),
]

COMMENTS = [
    "Three more children in residential care than budgeted since April; two step-downs to foster "
    "care are planned for the autumn and are reflected in the forecast.",
    "Special guardianship orders are rising faster than forecast in the budget.",
    "Vacancies held in the family support teams pending the restructure.",
    "Route growth for pupils with EHCPs; the new framework contract starts in January.",
    "Fewer care leavers in supported accommodation than the budget assumed.",
    "On budget.",
    "Short breaks demand above plan; the overspend is partly offset by grant.",
]


def total_line(lines: list[Line], name: str) -> Line:
    return Line(
        name,
        sum(x.budget for x in lines),
        sum(x.forecast for x in lines),
        sum(x.original for x in lines),
        sum(x.last_year for x in lines),
    )


# --- printing figures as councils do ----------------------------------------------------------


@dataclass(frozen=True)
class Style:
    """How figures are printed: the unit (pounds in one), places, negatives and nil."""

    unit: float = 1e3
    places: int = 0
    negative: str = "brackets"  # "brackets" (1,234), "minus" -1,234, "unicode" \u22121,234
    plus: bool = False  # a + sign on positive variances
    nil: str = "-"

    def figure(self, pounds: float, signed: bool = False) -> str:
        value = round(pounds / self.unit, self.places)
        if value == 0:
            return self.nil
        text = f"{abs(value):,.{self.places}f}"
        if value < 0:
            return {"brackets": f"({text})", "minus": f"-{text}", "unicode": f"\u2212{text}"}[self.negative]
        return f"+{text}" if signed and self.plus else text

    @property
    def tolerance(self) -> float:
        """Half the printed precision, in pounds: the rounding a printed figure carries."""
        return 0.5 * self.unit * 10**-self.places


# --- a table as printed -----------------------------------------------------------------------


@dataclass(frozen=True)
class TableSpec:
    """The cells of one table as printed, and how the page sets them."""

    title: str
    caption: str  # a line above the table ('All figures in £m'), or ''
    header: list[list[str]]  # header rows; '\n' breaks a heading's line
    body: list[list[str]]
    widths: list[float]  # column widths in cm
    label_align: str = "left"  # left | right | center
    label_column: int = 0
    text_columns: tuple[int, ...] = ()  # columns of prose (left-aligned, wrapped)
    ruled: bool = False
    valign: str = "top"  # where figures sit beside a wrapped label: top | bottom
    bold_rows: tuple[int, ...] = ()  # body rows in bold (totals)
    style: Style = field(default_factory=Style)
    lines: list[Line] = field(default_factory=list)  # the truth this table prints
    savings: list[Saving] = field(default_factory=list)
    unlabelled_total: bool = False


TITLE = "Fenmarsh Borough Council: Children's Services Revenue Monitoring 2025/26, Month 6"
SAVINGS_TITLE = "Fenmarsh Borough Council: Children's Services Savings Delivery 2025/26, Month 6"
K = Style()
M = Style(unit=1e6, places=1)


def _budget_rows(lines: list[Line], style: Style, *extra: Callable[[Line], str]) -> list[list[str]]:
    return [
        [x.name, style.figure(x.budget), style.figure(x.forecast), style.figure(x.variance, True)]
        + [f(x) for f in extra]
        for x in lines
    ]


def _with_total(name: str = "Total Children's Services") -> tuple[list[Line], Line]:
    return LINES, total_line(LINES, name)


def right_labels(total: str = "Total Children's Services") -> TableSpec:
    """Labels set right, no rules, no heading over the labels, 'All figures in £m' above."""
    lines, tot = _with_total(total)
    return TableSpec(
        TITLE,
        "All figures in £m",
        [["", "Budget", "Forecast", "Variance"]],
        _budget_rows([*lines, tot], M),
        [8.0, 2.2, 2.2, 2.2],
        label_align="right",
        bold_rows=(len(lines),),
        style=M,
        lines=[*lines, tot],
    )


def centred_labels(total: str = "Net Revenue Budget") -> TableSpec:
    """Labels centred, no rules or label heading, the unit in each heading ('Budget £'000')."""
    lines, tot = _with_total(total)
    return TableSpec(
        TITLE,
        "",
        [["", "Budget £'000", "Forecast £'000", "Variance £'000"]],
        _budget_rows([*lines, tot], K),
        [8.5, 2.6, 2.6, 2.6],
        label_align="center",
        bold_rows=(len(lines),),
        lines=[*lines, tot],
    )


def broken_headings(total: str = "Directorates Position") -> TableSpec:
    """Narrow figure columns: headings broken mid-word and stacked over three or four lines."""
    lines, tot = _with_total(total)
    return TableSpec(
        TITLE,
        "£'000",
        [["Service", "Revenu\ne Budget", "Forecas\nt Outturn\nMonth\n6", "Varianc\ne"]],
        _budget_rows([*lines, tot], K),
        [7.5, 1.8, 1.8, 1.8],
        bold_rows=(len(lines),),
        ruled=True,
        lines=[*lines, tot],
    )


def commentary_right(total: str = "Total Children's Services") -> TableSpec:
    """A commentary column of wrapped prose to the right of the figures."""
    lines, tot = _with_total(total)
    notes = dict(zip([x.name for x in lines], COMMENTS, strict=True))
    return TableSpec(
        TITLE,
        "£'000",
        [["Service Area", "Budget", "Forecast", "Variance", "Commentary"]],
        _budget_rows([*lines, tot], K, lambda x: notes.get(x.name, "")),
        [5.5, 1.9, 1.9, 1.9, 6.5],
        text_columns=(4,),
        bold_rows=(len(lines),),
        lines=[*lines, tot],
    )


def commentary_between(total: str = "Net Revenue Budget") -> TableSpec:
    """Commentary between the forecast and the variance."""
    lines, tot = _with_total(total)
    notes = dict(zip([x.name for x in lines], COMMENTS, strict=True))
    rows = [
        [x.name, K.figure(x.budget), K.figure(x.forecast), notes.get(x.name, ""), K.figure(x.variance)]
        for x in [*lines, tot]
    ]
    return TableSpec(
        TITLE,
        "£'000",
        [["Service", "Budget", "Forecast", "Reason for variance", "Variance"]],
        rows,
        [5.5, 1.9, 1.9, 6.5, 1.9],
        text_columns=(3,),
        bold_rows=(len(lines),),
        lines=[*lines, tot],
    )


def wrapped_labels(valign: str = "top", total: str = "Total Children's Services") -> TableSpec:
    """Labels in a narrow column wrap onto two lines; figures on the first or the last line."""
    lines, tot = _with_total(total)
    return TableSpec(
        TITLE,
        "All figures in £'000",
        [["Service", "Budget", "Forecast", "Variance"]],
        _budget_rows([*lines, tot], K),
        [4.2, 2.2, 2.2, 2.2],
        valign=valign,
        bold_rows=(len(lines),),
        lines=[*lines, tot],
    )


def wrapped_labels_last(total: str = "Total Children's Services") -> TableSpec:
    return wrapped_labels("bottom", total)


def budget_columns(total: str = "Total Children's Services") -> TableSpec:
    """Original budget, virements and revised budget before the forecast and variance."""
    lines, tot = _with_total(total)
    rows = [
        [
            x.name,
            K.figure(x.original),
            K.figure(x.budget - x.original, True),
            K.figure(x.budget),
            K.figure(x.forecast),
            K.figure(x.variance),
        ]
        for x in [*lines, tot]
    ]
    return TableSpec(
        TITLE,
        "£'000",
        [["Service", "Original Budget", "Virements", "Revised Budget", "Forecast Outturn", "Variance"]],
        rows,
        [6.0, 2.0, 2.0, 2.0, 2.0, 2.0],
        bold_rows=(len(lines),),
        lines=[*lines, tot],
    )


def last_year_beside(total: str = "Net Revenue Budget") -> TableSpec:
    """Last year's outturn beside this year's budget, forecast and variance."""
    lines, tot = _with_total(total)
    rows = [
        [x.name, K.figure(x.last_year), K.figure(x.budget), K.figure(x.forecast), K.figure(x.variance)]
        for x in [*lines, tot]
    ]
    return TableSpec(
        TITLE,
        "",
        [
            ["", "2024/25", "2025/26", "2025/26", "2025/26"],
            ["Service", "Outturn £'000", "Budget £'000", "Forecast £'000", "Variance £'000"],
        ],
        rows,
        [6.5, 2.2, 2.2, 2.2, 2.2],
        bold_rows=(len(lines),),
        lines=[*lines, tot],
    )


def unit_per_column(total: str = "Total Children's Services") -> TableSpec:
    """The unit in its own heading row under each figure column."""
    lines, tot = _with_total(total)
    return TableSpec(
        TITLE,
        "",
        [["Service", "Budget", "Forecast", "Variance"], ["", "£m", "£m", "£m"]],
        _budget_rows([*lines, tot], M),
        [8.0, 2.2, 2.2, 2.2],
        bold_rows=(len(lines),),
        style=M,
        lines=[*lines, tot],
    )


SIGNED = Style(negative="unicode", plus=True)


def signed_figures(total: str = "Total Children's Services") -> TableSpec:
    """Negatives with a minus sign (U+2212), + on overspends, '-' for nil."""
    lines, tot = _with_total(total)
    return TableSpec(
        TITLE,
        "£'000",
        [["Service", "Budget", "Forecast", "Variance"]],
        _budget_rows([*lines, tot], SIGNED),
        [8.0, 2.2, 2.2, 2.2],
        bold_rows=(len(lines),),
        style=SIGNED,
        lines=[*lines, tot],
    )


HYPHENS = Style(unit=1e6, places=1, negative="minus")


def hyphen_minus(total: str = "Net Revenue Budget") -> TableSpec:
    """Negatives with a hyphen (-0.3), '-' alone for nil, £m to one place in the caption."""
    lines, tot = _with_total(total)
    return TableSpec(
        TITLE,
        "All figures in £m",
        [["Service", "Budget", "Forecast", "Variance"]],
        _budget_rows([*lines, tot], HYPHENS),
        [8.0, 2.2, 2.2, 2.2],
        bold_rows=(len(lines),),
        style=HYPHENS,
        lines=[*lines, tot],
    )


def unlabelled_total() -> TableSpec:
    """A sum row with no label under the lines."""
    spec = right_labels()
    body = [*spec.body[:-1], ["", *spec.body[-1][1:]]]
    return dataclasses.replace(spec, body=body, label_align="left", unlabelled_total=True)


def _saving_row(s: Saving, style: Style, *extra: str) -> list[str]:
    return [s.ref, s.title, style.figure(s.target), style.figure(s.forecast), *extra]


def savings_basic() -> TableSpec:
    """Ref, saving, target, forecast, shortfall; £'000 in the caption."""
    rows = [_saving_row(s, K, K.figure(s.shortfall)) for s in SAVINGS]
    return TableSpec(
        SAVINGS_TITLE,
        "£'000",
        [["Ref", "Saving", "Target", "Forecast", "Shortfall"]],
        rows,
        [1.4, 7.5, 2.0, 2.0, 2.0],
        label_column=1,
        savings=SAVINGS,
    )


def savings_alternatives() -> TableSpec:
    """Target, forecast, alternative savings, total forecast, variance and undeliverable, £m."""
    rows = [
        _saving_row(
            s,
            M,
            M.figure(s.alternative),
            M.figure(s.forecast + s.alternative),
            M.figure(s.forecast + s.alternative - s.target),
            M.figure(s.target - s.forecast - s.alternative),
        )
        for s in SAVINGS
    ]
    header = [
        "Ref",
        "Saving",
        "Target",
        "Forecast",
        "Alternative Savings",
        "Total Forecast",
        "Variance",
        "Undeliverable",
    ]
    return TableSpec(
        SAVINGS_TITLE,
        "All figures in £m",
        [header],
        rows,
        [1.3, 6.0, 1.7, 1.7, 2.1, 1.9, 1.7, 2.3],
        label_column=1,
        style=M,
        savings=SAVINGS,
    )


LAYOUTS: dict[str, Callable[[], TableSpec]] = {
    "right_labels_no_rules": right_labels,
    "centred_labels_unit_in_headings": centred_labels,
    "headings_broken_mid_word": broken_headings,
    "commentary_right": commentary_right,
    "commentary_between": commentary_between,
    "wrapped_labels_figures_first_line": wrapped_labels,
    "wrapped_labels_figures_last_line": wrapped_labels_last,
    "original_virements_revised": budget_columns,
    "last_year_beside_this": last_year_beside,
    "unit_per_column": unit_per_column,
    "minus_and_plus_signs": signed_figures,
    "hyphen_minus_negatives": hyphen_minus,
    "unlabelled_total_row": unlabelled_total,
    "savings_target_forecast_shortfall": savings_basic,
    "savings_with_alternatives": savings_alternatives,
}


@dataclass(frozen=True)
class Variant:
    """How one copy is made: the format written, the page and the font."""

    format: str  # docx | xlsx
    landscape: bool
    font: str
    size: float
    widen: float = 1.0  # column widths scaled by this

    @property
    def name(self) -> str:
        page = "landscape" if self.landscape else "portrait"
        return f"{self.format}-{page}-{self.font.replace(' ', '')}-{self.size:g}pt-x{self.widen:g}"


VARIANTS = [
    Variant("docx", False, "Liberation Sans", 10),
    Variant("xlsx", True, "Liberation Sans", 10),
    Variant("docx", True, "Liberation Serif", 9, 1.3),
    Variant("xlsx", False, "DejaVu Sans", 8, 0.9),
    # Only `reviewpack eval` goes on to these; the tests read the four above.
    Variant("docx", False, "DejaVu Sans", 9, 0.85),
    Variant("xlsx", True, "Liberation Serif", 11, 1.2),
    Variant("docx", True, "Liberation Sans", 8, 0.8),
    Variant("xlsx", False, "Liberation Sans", 9),
]
TESTED_VARIANTS = VARIANTS[:4]
