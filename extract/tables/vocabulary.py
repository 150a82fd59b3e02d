"""The words that name columns and rows in council finance tables, in one place.

Every reader of a heading or a row label asks this module, so a new way of writing "variance" or
"total" is taught once. Grouped by what the words decide: a column's role, which of several
columns is the latest, the kind of a row, the kind of a line, a saving's delivery, the unit.
"""

from __future__ import annotations

import re
from enum import StrEnum
from typing import Literal

# --- Columns: the role a heading gives a column, and which of several is the latest.


class Role(StrEnum):
    """What a column holds, as its heading says (`extract.tables.headers` reads it)."""

    REF = "ref"
    TITLE = "title"
    DESCRIPTION = "description"
    CATEGORY = "category"
    DIRECTORATE = "directorate"
    SERVICE = "service"
    OWNER = "owner"
    FUNDING = "funding"
    RAG = "rag"
    STATUS = "status"
    BUDGET = "budget"
    FORECAST = "forecast"
    VARIANCE = "variance"
    TARGET = "target"
    ACHIEVED = "achieved"
    SHORTFALL = "shortfall"
    UNDELIVERABLE = "undeliverable"
    SLIPPED = "slipped"
    ALTERNATIVE = "alternative"  # savings found in place of the original ("Alternative savings one-off")
    YEAR = "year"
    SHARE = "share"  # a percentage column ("Variance %", "% of budget"): not money, checked against it
    # Money a tracker rates at one status, the column headed by the rating ("Blue (delivered)",
    # "Green", "Amber", "Red"): the row's target split by RAG (extract.domain.savings reads it).
    RATED = "rated"


# A money column headed by a RAG colour ("Blue (delivered)", "Amber", "Red - not deliverable in
# year"): the part of the target at that rating, whatever other words the heading adds.
RATED_HEADING = re.compile(r"^\s*(?:(?:dark|light)\s+)?(?:red|amber|green|blue)\b", re.I)

# Ordered: the first rule whose words appear wins, so the more specific phrases come first
# ("forecast variance" is a variance, "forecast delivery" a forecast, "budget" last).
# An achievement "to date" is part of the year's (a tracker's "Delivered to date" at month 8): what
# the year will deliver is a forecast only where the heading says so; a year's "Achieved" is whole.
PART_YEAR = re.compile(r"\bto\s+date\b|\byear[\s-]+to[\s-]+date\b|\bytd\b", re.IGNORECASE)

MONEY_RULES: list[tuple[Role, str]] = [
    (Role.UNDELIVERABLE, r"undeliver|not deliverable|unachiev|not achievable|written off|write[- ]off"),
    (Role.SLIPPED, r"slip|deferred|delayed|re-?phas|future years?"),
    (Role.ALTERNATIVE, r"alternative|replacement|substitut|mitigat"),
    (Role.SHORTFALL, r"shortfall|\bgap\b|under[- ]?deliver|not yet (?:delivered|achieved)|\bat[- ]risk\b"),
    (Role.VARIANCE, r"varian|\bover\b|\bunder\b|overspend|underspend|\(under\)|\(over\)"),
    # "Forecast to be delivered" is a forecast, "Delivered to date" an achievement.
    (
        Role.FORECAST,
        r"forecast|projected|projection|outturn|expected|anticipated|to be (?:delivered|achieved)"
        r"|\bachievable\b|\bdeliverable\b",
    ),
    (Role.ACHIEVED, r"achieved|delivered|actual|to date"),
    (Role.TARGET, r"target|saving|planned|proposed|agreed|required|amount|value"),
    (Role.BUDGET, r"budget|allocation|estimate|cash limit|envelope"),
]

TEXT_RULES: list[tuple[Role, str]] = [
    # "BRAG" is a RAG with blue for delivered (Blue, Red, Amber, Green).
    (Role.RAG, r"\bb?rag\b|r\s*/\s*a\s*/\s*g|red\s*/\s*amber|rating"),
    (Role.REF, r"\bref\b|reference|\bref\.|^\s*(?:no|id|code|#)\.?\s*$"),
    # Commentary beside the figures ("Explanation of variance", "Reason") is never a line's name.
    (
        Role.STATUS,
        r"status|progress|update|comment|narrative|risk|mitigat|deliverab|achievab|likelihood|confidence"
        r"|explanation|reasons?\b",
    ),
    (Role.CATEGORY, r"categor|\btype\b|theme|workstream|programme|classification"),
    # "Directorate / Service" names rows of both kinds; the service is the finer one.
    (Role.SERVICE, r"(?:directorate|department)\s*/\s*service"),
    (Role.DIRECTORATE, r"directorate|department|portfolio"),
    (Role.SERVICE, r"service|division|cost cent|\barea\b|function"),
    (Role.OWNER, r"cabinet|member|owner|lead|responsib|officer"),
    (Role.FUNDING, r"\bcore\b|external|funded|funding"),
    (Role.TITLE, r"headline|title"),
    (Role.DESCRIPTION, r"description|detail|summary"),
    (Role.TITLE, r"headline|title|proposal|name|scheme|initiative|item|saving|pressure|line"),
]

# Several columns of one role ("Original Budget", "Virements", "Revised Budget"; last year's
# variance beside this year's): the headings that say a column is the latest, or an earlier one.
LATEST_WORDS = re.compile(
    r"revised|current|latest|working|updated|amended|adjusted|this (?:month|period|quarter|year)|\btotal\b",
    re.I,
)

EARLIER_WORDS = re.compile(r"original|initial|previous|prior|\blast\b|opening|b/?f|brought forward", re.I)

# The rows of a table that carries a balance from one year to the next (a DSG deficit, a reserve):
# what is brought forward, the year's own movement, and what is carried forward, so that brought
# forward + in year = carried forward. Ordered: "Cumulative deficit brought forward" is brought
# forward, read before "cumulative"; a row's name is read by the first whose words it holds.
CARRIED_ROWS: dict[Literal["brought", "in_year", "carried"], re.Pattern[str]] = {
    "brought": re.compile(r"brought\s+forward|\bb/f\b|\bopening\b", re.I),
    "in_year": re.compile(r"\bin[\s-]year\b|\bfor\s+the\s+year\b|\bmovement\b", re.I),
    "carried": re.compile(r"carried\s+forward|\bc/f\b|\bclosing\b|\bcumulative\b", re.I),
}

# The point in the year a heading or a report's name gives: "Month 6", "M6", "P7", "Period 7",
# "Q3", "Quarter 3". One reading for column headings ("Forecast Month 6" is later than "Forecast
# Month 5", "Forecast Q3" than "Forecast Month 8") and for file names (the latest report wins),
# counted in months by `reporting_month` so that quarters and months compare.
REPORTING_POINT = re.compile(
    r"(?<![a-z])(?:(?:q|quarter\s*)(?P<quarter>[1-4])|(?:m|p|month\s*|period\s*)(?P<month>1[0-2]|[1-9]))(?!\d)",
    re.I,
)


def reporting_month(text: str) -> int:
    """How many months into the year `text` says it is ("Q2" is 6, "P7" 7); 0 where it does not say."""
    match = REPORTING_POINT.search(text or "")
    if match is None:
        return 0
    return 3 * int(match["quarter"]) if match["quarter"] else int(match["month"])


# Words that say nothing beyond "money for that year" next to a year heading.
GENERIC_MONEY = re.compile(
    r"savings?|pressures?|growth|£\S*|\d+'?s?|amount|total|proposed|planned|net|gross|"
    r"full year effect|fye|change|budget|core|external|indicative|cumulative|incremental",
    re.I,
)

# "No. of savings", "Number of lines": a count heads the column, not money.
COUNT_HEADING = re.compile(r"^\s*(?:no\.?|number|count|#)(?:\s+of\b|\s*$)|\bnumber of\b", re.I)

# "Variance %", "% of budget": a share, not money.
PERCENT_HEADING = re.compile(r"%|\bper\s?cent", re.I)


# --- Rows: totals, gaps, section headings and summary rows, by their labels.

# A council summary's running totals: its directorates make its net expenditure (or net cost of
# services), and with its funding its net position. Under no directorate's caption such a row is the
# council's total (`extract.domain.budget.level_of`).
COUNCIL_RUNNING_TOTAL = re.compile(
    r"^net\s+(?:(?:service|revenue|general\s+fund)\s+)?(?:expenditure|spend(?:ing)?)$"
    r"|^net\s+cost\s+of\s+services$|^net\s+position$",
    re.I,
)

# A table row that states a total (or subtotal, or net position) of the rows above it, read from
# its first words while the table is read (`extract.tables.rows`). Wider than `TOTAL_TITLE`: "Net
# budget", "Overall total" and a council's running totals (`COUNCIL_RUNNING_TOTAL`) head total rows
# of budget tables, a division's "Adult Social Care subtotal" closes its rows as "Total Adult Social
# Care" does, and a row read as a total has its figures checked against the rows above it
# (`extract.verify`).
TOTAL_LABEL = re.compile(
    r"^(?:grand\s+|sub[\s-]*|net\s+|overall\s+)?totals?\b|^net\s+(?:change|budget|total|position)\b"
    rf"|{COUNCIL_RUNNING_TOTAL.pattern}|\b(?:sub[\s-]*)?totals?$",
    re.I,
)

GAP_LABEL = re.compile(
    # "Savings still to be identified" alone is a line of a savings plan (its amount is in the
    # plan's total); a gap row says gap, unresolved or deficit.
    r"budget gap|funding gap|\bgap\b|unresolved|shortfall in funding|remaining deficit",
    re.I,
)

# A memorandum row: shown for information, never added into a total.
MEMORANDUM = re.compile(r"^memo(?:randum)?\b", re.I)

# A line a monitoring table prints as a memorandum, with a note on why it is kept apart:
# "Memorandum: Dedicated Schools Grant - High Needs Block (ring-fenced, not in the total)" is the
# line "Dedicated Schools Grant - High Needs Block", as the service lines elsewhere name it.
# Only a bracket that says why it is kept apart is dropped: "Memorandum: Schools Budget (DSG)" keeps "(DSG)".
MEMORANDUM_LINE = re.compile(
    r"^memo(?:randum)?\s*[:\-–]\s*(?P<name>.+?)"
    r"(?:\s*\([^()]*\b(?:ring[\s-]?fenced|not\s+in|excluded|outside|for\s+information|memo)\b[^()]*\))?\s*$",
    re.I,
)

# A row that states part of the row above it ("of which Children, Young People and Education",
# "o/w Adults"): a memorandum of that row's make-up, never added into a total; what follows the
# words names whose part it is.
OF_WHICH = re.compile(r"^\s*(?:of\s+which|o/w)\b[\s:\-–]*", re.I)

# A heading over rows of one kind ("SAVINGS", "Pressures:").
SECTION_WORDS = re.compile(
    r"spending|savings?|pressures?|growth|income|reserves?|investment|memo(?:randum)?|:$", re.I
)

# A total named only by a kind of line ("TOTAL SAVINGS", "Total spending pressures") names no group.
KIND_ONLY = re.compile(
    r"(?:spending|savings?|pressures?|growth|income|reserves?|investment|funding|changes?|expenditure"
    r"|grants?|and|&|,|\s)+",
    re.I,
)

# Words that say a heading names a council's grouping of services, not which one: "Children and
# Families Portfolio" over its lines is the group that "Total Children and Families" closes.
GROUPING_WORDS = frozenset({"portfolio", "directorate", "department", "division"})

# A summary of the budget (the base, the net budget, the requirement), not a line of it.
SUMMARY_ROW = re.compile(
    r"^(?:original|revised)\s+base(?:\s+budget)?$|^net\s+budget$|budget\s+requirement", re.I
)

# A label that goes on: it ends on a joining word or mark, or its next line starts in lower case.
JOINING_END = re.compile(r"(?:\b(?:and|of|for|to|in|the|with|incl\.?|including)|[&,\-–(/])$", re.I)


# --- A budget column under a year heading.

# A money column under a year heading that is the year's budget, not its forecast.
BUDGET_WORDS = re.compile(r"budget|allocation|estimate", re.I)


# --- Budget tables: the council's total, subtotals, net budget rows, monitoring headings.

GRAND_TOTAL = re.compile(
    r"^(?:grand |net |overall )?totals?(?: net)?(?: (?:budget|expenditure|spend|position))?$"
    r"|^(?:council|authority|county|overall|grand|net|general fund)\s+total$"
    r"|^total\s+(?:for\s+)?(?:the\s+)?(?:general fund|council|authority|net revenue budget)$",
    re.I,
)

# An 'achieved' heading that means money spent (a monitoring table), not savings delivered.
ACTUAL_SPEND = re.compile(r"actual|spen[dt]|expenditure", re.I)

# A total row with no name: it totals the table, named by the table's title.
BARE_TOTAL = re.compile(r"^totals?:?$", re.I)

# A subtotal is never the council's total.
SUB_TOTAL = re.compile(r"^sub[\s-]*total", re.I)

# A budget book's row stating a directorate's net budget.
NET_BUDGET_ROW = re.compile(
    r"^(?:total\s+)?net\s+(?:revenue\s+)?budget(?:\s+requirement)?$|^(?:net\s+)?budget\s+requirement$", re.I
)

# A budget build's rows, from last year's base to next year's budget (`extract.domain.build`).
# Several rows of one table may answer to a step ("TOTAL SAVINGS & INCOME", "TOTAL SAVINGS,
# INCOME & GRANT"); the reader takes the ones whose arithmetic arrives at the new budget.
BUILD_BASE = re.compile(r"^(?:revised\s+|original\s+|adjusted\s+|opening\s+)?base(?:\s+budget)?\b", re.I)
BUILD_GROWTH = re.compile(r"^(?:total\s+)?(?:spending|growth|pressures)\b", re.I)
BUILD_SAVINGS = re.compile(r"^(?:total\s+)?savings\b", re.I)
BUILD_OTHER = re.compile(r"^(?:total\s+)?(?:reserves|other\s+changes)\b", re.I)
# What the plan leaves unbalanced: "UNRESOLVED BALANCE / SURPLUS", "Savings to be found",
# "Budget gap". Every such row of a build counts (a table may print one gap per cause).
BUILD_GAP = re.compile(
    r"^(?:.*\bunresolved\s+(?:balance|gap)\b|(?:total\s+)?(?:further\s+)?savings\s+(?:still\s+)?to\s+be\s+found\b"
    r"|(?:remaining\s+|total\s+)?budget\s+gap\b|(?:remaining\s+)?funding\s+gap\b)",
    re.I,
)
# A row stating earlier years' savings taken out of the budget as not delivered ("Removal of
# undelivered/temporary savings & grant", "Removal of one-off and unachieved savings"): the
# build's only evidence of how past savings were delivered where no tracker is received.
SAVINGS_REMOVED = re.compile(
    r"^(?=.*\b(?:remov|revers|writ(?:e|ten)[\s-]+(?:off|out)))"
    r"(?=.*\b(?:undeliver|unachiev|under[\s-]*deliver|non[\s-]*deliver|not\s+(?:being\s+)?(?:delivered|achieved)))"
    r"(?=.*\bsavings?\b)",
    re.I,
)
BUILD_NEW = re.compile(NET_BUDGET_ROW.pattern + r"|^proposed\s+(?:net\s+)?budget\b", re.I)

# A column group that is the whole council, not one directorate.
WHOLE_COUNCIL = re.compile(r"^(?:total|council|county|overall|whole council|all directorates)\b", re.I)

# Monitoring headings: such a table is read row by row with its money columns, not here.
MONITORING_HEADING = re.compile(r"forecast|outturn|varian|actual|projected", re.I)


# --- Kinds of line: savings, pressures, funding; savings still to find.

# "Savings to be found" is a gap in a plan's summary, but a line of a list of savings.
UNFOUND_SAVINGS = re.compile(
    r"savings? (?:still )?(?:to be|yet to be) (?:found|identified)|unidentified savings", re.I
)

# Words that make a line a saving, or a pressure.
SAVING_WORDS = re.compile(
    r"\bsavings?\b|efficienc|\bincome\b|cost (?:reduction|avoidance)|avoidance|\bcuts?\b|\breductions?\b",
    re.I,
)

PRESSURE_WORDS = re.compile(r"pressure|growth|spending|investment|inflation|\bdemand\b|cost drivers?", re.I)

# What a plan line's funding column ("Core or Externally Funded", "Funding source") says of how
# it is met: from the council's own resources (core, the General Fund) or from money given for it
# (a grant, the DSG, another body's contribution). External words first: "Externally funded",
# "Grant funded", "Ring-fenced"; a cell saying neither gives none.
EXTERNAL_FUNDING = re.compile(
    r"extern|\bgrants?\b|ring[- ]?fenced|\bdsg\b|dedicated schools|contribution|partner|\bnhs\b|\bicb\b", re.I
)
CORE_FUNDING = re.compile(r"\bcore\b|general fund|council[- ]funded|\bbase budget\b", re.I)


def funding_of(text: str | None) -> Literal["core", "external"] | None:
    """'external' or 'core' where a funding cell says which, else None."""
    if not text:
        return None
    if EXTERNAL_FUNDING.search(text):
        return "external"
    return "core" if CORE_FUNDING.search(text) else None


# In-year management actions (mitigations) that bring a forecast overspend down are not savings the
# budget planned, whatever the table calls their money ("Value", "Amount"): "Management action",
# "Mitigating actions", "Mitigations identified".
MITIGATION_WORDS = re.compile(r"\bmanagement\s+actions?\b|\bmitigati(?:ons?|ng\s+actions?)\b", re.I)

# Funding and reserves movements are neither savings nor pressures.
FUNDING_WORDS = re.compile(
    r"funding|\bgrants?\b|council tax|business rates|settlement|financing|reserves?\b", re.I
)


# What the category a plan files a line under says the line is: a saving against the base budget,
# or money that is not one (a future cost increase avoided, more income, a change in grant). Read
# from the category's words ("Transformation - Future Cost Increase Avoidance", "Income",
# "Increases in Grants and Contributions", "Reduction in Grant Income"); the first rule that
# matches wins; no match is a saving. A change in grant is funding, whether a plan lists it among
# savings or spending; "Grant maximisation" and "grant efficiencies" are savings the service makes.


class CategoryKind(StrEnum):
    SAVING = "saving"  # a reduction against the base budget
    COST_AVOIDANCE = "cost avoidance"  # a future cost increase avoided: the base is not reduced
    INCOME = "income"  # more income, not less spending
    GRANT = "grant"  # a change in grant or contributions: funding, not spending


CATEGORY_RULES: list[tuple[CategoryKind, re.Pattern[str]]] = [
    (
        CategoryKind.COST_AVOIDANCE,
        re.compile(r"cost\s+(?:increase\s+)?avoid|avoid\w*\s+(?:future\s+)?cost", re.I),
    ),
    (CategoryKind.GRANT, re.compile(r"^(?!.*(?:savings?|maximi[sz]|efficienc)).*\bgrants?\b", re.I)),
    (CategoryKind.INCOME, re.compile(r"\bincome\b|\bfees\b", re.I)),
]


def category_kind(category: str | None) -> CategoryKind:
    """What a line filed under `category` is; a line filed under no category is a saving."""
    return next((kind for kind, words in CATEGORY_RULES if words.search(category or "")), CategoryKind.SAVING)


# The current year, as a category or a sentence names it ("in year", "current year's budget"), and
# its monitoring ("In year budget monitoring is showing significant underspend on ..."): a budget
# report's sentence that cites that monitoring speaks of the current year's outcome.
IN_YEAR = r"\b(?:in|current)[\s-]+year(?:['’]s)?\s+(?:budget\s+)?"
IN_YEAR_MONITORING = rf"{IN_YEAR}monitoring\b"

# A category of a budget build that carries the current year's monitoring variances into next
# year's budget, by the category's own words: "Base Budget Changes" ("changes to reflect full year
# effect of variations in the current year's monitoring forecast compared to approved budget"),
# "Budget realignment", "Full year effect of current year pressures", "In-year pressures". A line
# filed under one locates an over- or underspend of the current year by service where no monitoring
# by service line was received. The category alone decides, never a line's own title: a line
# titled "Waste - Realignment" under "Demand" is demand growth.
CURRENT_YEAR_VARIANCES = re.compile(
    r"\bbase[\s-]+budget\s+(?:changes?|adjustments?|realign\w*|variations?)"
    r"|\bre-?align\w*|\brebas(?:e|ed|ing)\b"
    r"|\bfull[\s-]+year\s+effects?\s+of\s+(?:the\s+)?(?:current|in)[\s-]+year"
    rf"|{IN_YEAR}(?:monitoring|pressures?|variances?|variations?|over\s*spends?)",
    re.I,
)


def carries_current_year_variances(category: str | None) -> bool:
    """A budget build's category that carries the current year's monitoring variances
    (`CURRENT_YEAR_VARIANCES`)."""
    return bool(category and CURRENT_YEAR_VARIANCES.search(category))


# --- A saving's delivery, in words.

UNDELIVERABLE_WORDS = re.compile(
    r"undeliverable|not (?:be )?deliver|not achievable|unachievable|will not be (?:met|achieved)", re.I
)

# A delivery status in words where no colour is given ("At risk", "Off track").
AT_RISK_WORDS = re.compile(r"(?<!not )\bat[- ]risk\b|\boff[- ]track\b|\bhigh[- ]risk\b", re.I)

# A delivery status in words that is a rating by another name, where a tracker rates in words, not
# colours ("Achieved", "On track", "At risk", "Will not be delivered"): extract.domain.savings
# RAG_WORDS gives each its colour (delivered blue, on track green, at risk amber, not deliverable red).
DELIVERY_STATUS = (
    r"(?:fully\s+)?(?:delivered|achieved|completed?)|(?:on|off)[\s-]+track|(?:at|some)[\s-]+risk"
    r"|undeliverable|unachievable|not\s+(?:deliverable|achievable)"
    r"|(?:will\s+not|won['\u2019]t|cannot|can\s+not|can['\u2019]t)\s+be\s+(?:delivered|achieved)"
)

# A cell that is a rating and nothing else ("Amber", "R", "Dark Amber", "High risk", "Low confidence",
# "Red/Amber", or a delivery status in words, `DELIVERY_STATUS`): how a column headed "Risk",
# "Status", "Deliverability" or "Delivery confidence" is known to hold the RAG.
RATING_CELL = re.compile(
    r"^\s*(?:(?:(?:dark|light)\s+)?(?:red|amber|green|blue|high|medium|med|low|[ragbhml])"
    rf"(?:\s*[/-]\s*(?:red|amber|green))?(?:\s+(?:risk|confidence))?|{DELIVERY_STATUS})\s*\.?\s*$",
    re.I,
)

# Which way a rating on a scale of words points (High / Medium / Low), from the rating's own words
# or its column's heading: a rating of risk is bad when high ("High risk", a column headed "Risk" or
# "Delivery risk"); a rating of confidence, deliverability, achievability, or the likelihood of
# delivery is good when high (a "Delivery confidence" of High is on track, of Low a saving that may
# not be delivered). Risk is read first: "Deliverability risk" rates risk. A heading that says
# neither ("RAG", "Status") leaves the direction unknown (`high_is_good` gives None).
HIGH_IS_BAD = re.compile(r"\brisk", re.I)
HIGH_IS_GOOD = re.compile(
    r"confiden|deliverab|achievab|assuran|certaint"
    r"|(?:likelihood|probability|chance)\s+of\s+(?:\w+\s+)?(?:deliver|achiev|success)",
    re.I,
)


def high_is_good(*texts: str | None) -> bool | None:
    """Whether high is good on the scale these words rate (a rating's cell, then its column's
    heading: the first that says); None where none says which way it points."""
    for text in texts:
        if text and HIGH_IS_BAD.search(text):
            return False
        if text and HIGH_IS_GOOD.search(text):
            return True
    return None


# A saving delivered later than planned.
SLIPPED_WORDS = re.compile(r"slipp|delayed|deferred|re-?phased", re.I)


# --- Units: a unit written in a heading, caption or cell, and a unit alone in a cell.

# A unit note as councils write it: £000, £000s, £'000, £000's, £k, £m, £'m, £mn, £ millions, £bn,
# (000s), "in millions", a bare £ ("Amount (£)"). The one pattern every reader of a title, caption,
# heading or cell asks (`extract.reading.find_unit`), whatever the format the table came from.
UNIT_NOTE = re.compile(
    r"£\s*['’]?\s*000\s*['’]?\s*s?\b|£\s*['’]?\s*(?:k|m|mn|bn|millions?|billions?|thousands?)\b"
    r"|\(000s?\)|\bin\s+millions\b|£(?![\s\d.,])|£(?=\s*(?:\)|$))|^£\s",
    re.IGNORECASE,
)

# A unit note heading a column ('£000', "£'000s", '£m'): it reads as a number but is none.
UNIT_ONLY = re.compile(r"^\(?£\s*['’]?\s*(?:000['’]?s?|k|m|mn|bn)\)?$", re.IGNORECASE)


# --- Labels the review reads again: totals named in a title, gaps, restated and reporting points.

# A saving's or pressure's title that says it is a total row the table handed over as a record
# (`analyse.amounts.is_total`: the review never counts it as a line). Narrower than `TOTAL_LABEL`
# on purpose: only "Total", "Grand total", "Subtotal" or a trailing "total(s)", because here no
# arithmetic follows to catch a line dropped by mistake, and savings are titled "Net budget
# reduction in ..." or "Net change to ..." as often as totals are.
TOTAL_TITLE = re.compile(r"^\s*(grand\s+|sub-?\s*)?total\b|\btotals?\s*$", re.IGNORECASE)

# "Gap" alone names the budget gap; "shortfall" does only with a budget word (a savings shortfall is not).
GAP_WORDS = re.compile(r"\bgap\b|\b(budget|funding|financial|mtfp|mtfs)\s+shortfall\b", re.IGNORECASE)

# A row that names itself a gap, deficit or savings still to find is positive when it is a gap.
EXPLICIT_GAP = re.compile(r"\bgap\b|deficit|shortfall|to be (?:found|identified)|unidentified", re.IGNORECASE)

# A gap row that states the gap accumulated over the plan so far, not the year's new gap.
CUMULATIVE_GAP = re.compile(r"\bcumulative\b|\baccumulated\b|\brunning total\b", re.IGNORECASE)

# The plan's rows its budget chain is read from: each year's net budget, and the net change
# that moves the previous year's to it (before any gap left unresolved).
NET_BUDGET_ROW = re.compile(r"^\s*net budget\s*$", re.IGNORECASE)
NET_CHANGE_ROW = re.compile(r"^\s*net change\s*$", re.IGNORECASE)

# A total of savings, not of the budget.
SAVINGS_WORD = re.compile(r"\bsavings?\b", re.IGNORECASE)

# "Total Children, Young People and Education" names the directorate it totals.
TOTAL_PREFIX = re.compile(r"^(?:sub[\s-]*)?totals?\s+(?:for\s+)?", re.IGNORECASE)

# A pivot table's "Children's Services Total" names it after.
TOTAL_SUFFIX = re.compile(r"\s+(?:sub[\s-]*)?totals?$", re.IGNORECASE)

# A figure restated under another basis (cumulative, before/after, revised): not the plain one.
# "Remaining", "residual": the gap left after savings restates the gap, never a part of it.
RESTATED_WORDS = re.compile(
    r"cumulative|before|after|total|net\b|revised|original|remain|residual|outstanding", re.IGNORECASE
)

# "Overspend" or "underspend" stated in prose: which way the variance runs.
VARIANCE_LABEL = re.compile(r"\b(?P<way>over|under)[\s-]*spen[dt]", re.I)


# --- Risk registers: the meaning of a register's columns.


class RiskRole(StrEnum):
    REF = "ref"
    DIRECTORATE = "directorate"
    OWNER = "owner"
    DESCRIPTION = "description"
    EXPOSURE = "exposure"
    LIKELIHOOD = "likelihood"
    IMPACT = "impact"
    SCORE = "score"
    TITLE = "title"


# A risk register's columns, first rule that matches wins ("Risk owner" is the owner, "Risk score"
# the score, "Risk" alone the title). A score headed as the target or inherent risk is not the
# current one; `CURRENT_SCORE` prefers the current or residual score where a register gives several.
RISK_RULES: list[tuple[RiskRole, str]] = [
    (RiskRole.REF, r"\bref\b|reference|^\s*(?:risk\s+)?(?:no|id|number)\.?\s*$"),
    (RiskRole.DIRECTORATE, r"directorate|department|portfolio|service area"),
    (RiskRole.OWNER, r"owner|\blead\b|responsib|accountab"),
    (RiskRole.EXPOSURE, r"exposure|financial (?:impact|risk|effect)|value at risk"),
    (
        RiskRole.SCORE,
        r"score|rating|\brag\b|l\s*x\s*i|likelihood\s*x\s*impact|risk level|residual risk|current risk",
    ),
    (RiskRole.LIKELIHOOD, r"likelihood|probability"),
    (RiskRole.IMPACT, r"^\s*(?:current\s+|residual\s+)?(?:impact|severity)\b"),
    (RiskRole.DESCRIPTION, r"descri|cause|consequence|detail|effect|event"),
    (RiskRole.TITLE, r"risk|title|name|area"),
]
CURRENT_SCORE = re.compile(r"current|residual|\bnet\b|latest", re.I)
NOT_CURRENT_SCORE = re.compile(r"target|inherent|gross|original|previous", re.I)
