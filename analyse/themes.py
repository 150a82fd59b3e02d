"""The sector's recurring themes, tagged on savings, pressures and flags.

The taxonomy is drawn from the seed documents (LGA review framework: placements, commissioning,
workforce; CIPFA/Peopletoo: fostering mix, residential, early help; CIPFA's guide: SEND, youth
justice, care leavers, income) and the councils' own papers in the corpus (home to school transport,
UASC, family hubs, DSG high needs). Tagging is by phrase, case-insensitive, so "IFA", "independent
fostering agency" and "Independent Fostering" all land on one theme across councils.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from spacy.tokens import Doc

from analyse.amounts import is_total, is_tracked, saving_target
from analyse.records import Flag, Theme
from analyse.scope import names_own_directorate
from analyse.wording import phrase_matcher
from extract.records import PlanLine, Provenance, SavingsLine
from ingest.language import english


def _each(heads: tuple[str, ...], tails: tuple[str, ...]) -> tuple[str, ...]:
    """Every head followed by every tail: "reduce the number of" + "children in care"."""
    return tuple(f"{head} {tail}" for head in heads for tail in tails)


# Each phrase names its theme's subject by itself. A word that names a theme only with what it is
# about (a number reduced, a cost avoided, a contribution received) is written with its object:
# "Reduction in the number of Historic Pension Arrangements" is no demand management, "pension fund
# contributions" no income and "the transition to a new pay structure" no care leavers' transition.
# Nor is a profession named as who does a thing (`PROFESSIONS`).
COUNTED_CHILDREN = (
    "children",
    "child",
    "children looked after",
    "looked after children",
    "looked-after children",
    "children in care",
    "CLA",
    "LAC",
    "young people",
    "placements",
    "referrals",
)
THEMES: dict[str, tuple[str, tuple[str, ...]]] = {
    "placements": (
        "Placements for children in care",
        (
            "placement",
            "placements",
            "looked after",
            "looked-after",
            "children in care",
            "child in care",
            "in care",
            "into care",
            "entering care",
            "CLA",
            "LAC",
            "children looked after",
            "sufficiency",
            "external placements",
            "secure accommodation",
            "unregistered",
            "semi-independent",
            "supported accommodation",
            "placement stability",
        ),
    ),
    "residential": (
        "Residential care",
        (
            "residential",
            "children's home",
            "childrens home",
            "children's homes",
            "care home",
            "residential care",
            "residential placement",
            "residential placements",
            "beds",
            "step down",
            "step-down",
        ),
    ),
    "fostering": (
        "Fostering and independent fostering agencies",
        (
            "foster",
            "fostering",
            "foster carer",
            "foster carers",
            "foster care",
            "IFA",
            "IFAs",
            "independent fostering",
            "in-house fostering",
            "in house fostering",
        ),
    ),
    "kinship": (
        "Kinship care and special guardianship",
        (
            "kinship",
            "connected carers",
            "connected persons",
            "family and friends care",
            "special guardianship",
            "SGO",
            "SGOs",
        ),
    ),
    "send_high_needs": (
        "SEND and high needs",
        (
            "SEND",
            "SEN",
            "special educational needs",
            "special education needs",
            "EHCP",
            "EHCPs",
            "education health and care",
            "high needs",
            "high needs block",
            "DSG",
            "dedicated schools grant",
            "safety valve",
            "disabled children",
            "children with disabilities",
            "special schools",
            "independent special",
        ),
    ),
    "home_to_school_transport": (
        "Home to school transport",
        (
            "home to school transport",
            "HTST",
            "school transport",
            "SEN transport",
            "SEND transport",
            "travel saver",
            # "transport" alone is highways' and buses' as often as pupils' (a Growth, Environment
            # and Transport directorate's overspend is none of the children's transport)
            "post-16 transport",
            "pupil transport",
            "transport for pupils",
            "travel assistance",
            "independent travel training",
            "personal transport budget",
        ),
    ),
    "workforce": (
        "Workforce and agency staff",
        (
            "agency staff",
            "agency social workers",
            "agency workers",
            "agency social worker",
            "agency spend",
            "locum",
            "locums",
            "interim",
            "vacancies",
            "vacancy",
            "staff recruitment",
            "staff retention",
            "staffing",
            "workforce",
            "social workers",
            "social work team",
            "social work teams",
            "caseloads",
            "restructure",
            "pay award",
            "establishment",
        ),
    ),
    "early_help": (
        "Early help, family help and edge of care",
        (
            "early help",
            "family help",
            "edge of care",
            "prevention",
            "preventative",
            "early intervention",
            "family hub",
            "family hubs",
            "children's centres",
            "children's centre",
            "family support",
            "supporting families",
            "troubled families",
            "families first",
            "family safeguarding",
            "open access",
            "youth services",
            "youth service",
        ),
    ),
    "commissioning": (
        "Commissioning and contracts",
        (
            "commissioning",
            "commissioned",
            "contract",
            "contracts",
            "procurement",
            "framework",
            # the market of providers, not a market rate or premium paid for staff
            "market shaping",
            "market management",
            "market sustainability",
            "market position statement",
            "provider market",
            "care market",
            "placement market",
            "providers",
            "provider",
            "re-commission",
            "recommission",
            "tender",
        ),
    ),
    "uasc": (
        "Unaccompanied asylum-seeking children",
        (
            "UASC",
            "unaccompanied",
            "asylum",
            "asylum seeking",
            "asylum-seeking",
            "national transfer scheme",
        ),
    ),
    "care_leavers": (
        "Care leavers and transitions",
        (
            "care leavers",
            "care leaver",
            "leaving care",
            "18-25",
            "18 to 25",
            *_each(("transition", "transitions"), ("to adulthood", "to adult services", "team", "service")),
            "preparing for adulthood",
            "staying put",
        ),
    ),
    "income_grants": (
        "Income, grants and contributions",
        (
            "income",
            "grant",
            "grants",
            "fees and charges",
            "charges",
            "recharge",
            *_each(
                ("health", "NHS", "ICB", "CCG", "partner", "parental", "education"),
                ("contribution", "contributions"),
            ),
            "contributions from health",
            "contributions from partners",
            "joint funding",
            "continuing care",
            "dividend",
        ),
    ),
    "demand_management": (
        "Demand management",
        (
            "demand",
            "reduce demand",
            "demand management",
            *_each(
                ("fewer", "reduce the number of", "reducing the number of", "reduction in the number of"),
                COUNTED_CHILDREN,
            ),
            "cost avoidance",
            "care avoidance",
            "avoid care",
            "avoiding care",
            "entering care",
            "reunification",
            "reunifications",
            "prevent children",
        ),
    ),
    "one_off_and_reserves": (
        "One-off measures and reserves",
        (
            "one-off",
            "one off",
            "reserve",
            "reserves",
            "capital receipts",
            "temporary",
            "non-recurrent",
            "drawdown",
        ),
    ),
    "child_protection_safeguarding": (
        "Safeguarding, child protection and children in need",
        (
            "safeguarding",
            "child protection",
            "children in need",
            "section 17",
            "s17",
            "assessment",
            "front door",
            "MASH",
            "referrals",
            "re-referrals",
        ),
    ),
    "legal_and_courts": (
        "Legal costs and courts",
        (
            "legal",
            "court",
            "courts",
            "proceedings",
            "public law outline",
            "PLO",
            "family drug and alcohol court",
        ),
    ),
    "youth_justice": ("Youth justice", ("youth justice", "youth offending", "YOT", "remand")),
    "inflation_prices": (
        "Inflation and prices",
        (
            "inflation",
            "price",
            "prices",
            "uplift",
            "uplifts",
            "indexation",
            "national living wage",
        ),
    ),
    "schools_education": (
        "Schools and education services",
        (
            "schools",
            "school",
            "education",
            "academy",
            "pupil",
            "admissions",
            "school places",
        ),
    ),
    "support_services": (
        "Support services and overheads",
        (
            "back office",
            "support service",
            "support services",
            "overheads",
            "business support",
            "ICT",
            "digital",
            "pension",
            "pensions",
        ),
    ),
}

# The themes that are kinds of another: a child in residential care or with foster carers is in a
# placement (kinship care too), so a text about any of them is about placements too. Every grouping by theme (the themes
# table, the scenario levers, the demand a saving depends on, flags' and risks' topics) reads themes
# through `themes_of`, `line_themes` or `indicator_themes`, which add the theme above each.
PARENT_THEME: dict[str, str] = {
    "residential": "placements",
    "fostering": "placements",
    "kinship": "placements",
}

_MATCHER = phrase_matcher({name: phrases for name, (_, phrases) in THEMES.items()})


def themes_of(text: str) -> list[str]:
    """The themes a piece of text is about (each with the themes above it), in the taxonomy's order.
    A phrase read inside a longer phrase of another theme is that phrase's: the "school" of "home to
    school transport" is transport, not schools and education services."""
    if not text:
        return []
    doc = english().make_doc(text)
    spans = [
        (english().vocab.strings[label], start, end)
        for label, start, end in _MATCHER(doc)
        if not _read_apart(doc, start, end)
    ]
    return with_parents(
        name
        for name, start, end in spans
        if not any(other != name and s <= start and end <= e and e - s > end - start for other, s, e in spans)
    )


def with_parents(names: Iterable[str]) -> list[str]:
    """The themes named and every theme above them (PARENT_THEME), in the taxonomy's order."""
    found = set(names)
    for name in list(found):
        while name in PARENT_THEME and PARENT_THEME[name] not in found:
            name = PARENT_THEME[name]
            found.add(name)
    return [name for name in THEMES if name in found]


def theme_phrases(text: str) -> set[str]:
    """The taxonomy's phrases a text names, lower-case and singular ("Family Hubs" is "family hub"),
    so two texts can be said to name the same thing, not only to share a theme."""
    if not text:
        return set()
    doc = english().make_doc(text)
    return {
        _singular(doc[start:end].text) for _, start, end in _MATCHER(doc) if not _read_apart(doc, start, end)
    }


def _read_apart(doc: Doc, start: int, end: int) -> bool:
    """A phrase that does not name what the text is about: negated (`_negated`), or a profession
    named as who does a thing (`_agent`)."""
    return _negated(doc, start) or (_singular(doc[start:end].text) in PROFESSIONS and _agent(doc, start))


# The staff a theme names by their profession, not by what they cost: named as who does a thing
# ("the use of legal services by social workers") they are no workforce subject, the money being the
# thing's. What staff cost is named so wherever it stands: pay "for posts covered by agency staff".
PROFESSIONS = frozenset({"social worker", "social work team"})


# The words that may stand between "by" and the one who does a thing ("by the social workers").
_DETERMINERS = frozenset({"the", "a", "an", "its", "our", "their", "all", "some"})


def _agent(doc: Doc, start: int) -> bool:
    """A phrase after "by" (and any determiner): who does a thing, as in "the use of legal
    services by social workers"."""
    before = start
    while before > 0 and doc[before - 1].lower_ in _DETERMINERS:
        before -= 1
    return before > 0 and doc[before - 1].lower_ == "by"


def _negated(doc: Doc, start: int) -> bool:
    """A phrase the word before it negates: "Non-disabled children" are not disabled children."""
    before = [t.lower_ for t in doc[max(start - 2, 0) : start]]
    return before in (["non", "-"], ["non", "–"]) or before[-1:] == ["non"]


def _singular(phrase: str) -> str:
    return re.sub(r"(?<=[a-z])s$", "", phrase.lower().replace("’", "'"))


# The taxonomy's phrases that name one subject: several words ("family hub", "home to school
# transport") or an acronym ("HTST", "UASC"). A single common word ("commissioned", "income",
# "transport", "placement") is shared by many subjects, so two texts naming it are not about the
# same thing.
SUBJECT_PHRASES = frozenset(
    _singular(phrase)
    for _, phrases in THEMES.values()
    for phrase in phrases
    if re.search(r"[\s-]", phrase) or phrase.isupper()
)


# The acronyms as the taxonomy spells them, to say them so ("SEN", not "sen").
_ACRONYMS = {_singular(p): p for _, phrases in THEMES.values() for p in phrases if p.isupper()}


def subject_phrases(text: str) -> set[str]:
    """The phrases of a text that name a specific subject (`SUBJECT_PHRASES`), lower-case and singular."""
    return theme_phrases(text) & SUBJECT_PHRASES


# Where a description's lead (what it changes: "Review contract with Health", "Availability of
# suitable placements") ends and what qualifies it begins: whom it is for, by what means, with whom,
# what it includes, or the next clause. "... for looked after children" names whom a contract
# serves, not what the saving changes.
_QUALIFIER = re.compile(
    r"\s(?:for|by|through|via|with|including|along with|because|due to)\s|[;:(]|[,.](?:\s|$)|\s-\s",
    re.IGNORECASE,
)


def description_lead(description: str) -> str:
    """The words of a description before its first qualifier (`_QUALIFIER`): the lever it names."""
    return _QUALIFIER.split(description, maxsplit=1)[0] if description else ""


def subject_of(title: str, description: str) -> set[str]:
    """What a saving or a risk is about, as subject phrases (`subject_phrases`): its title's and its
    description's lead's (`description_lead`), never a phrase of the rest of a long description
    ("... review of the use of legal services by social workers" is a saving on legal spend). Two
    records are on the same subject only where their subjects share a phrase."""
    return subject_phrases(title) | subject_phrases(description_lead(description))


def subject_words(phrases: set[str]) -> str:
    """Shared subject phrases as said: the longest only ("school transport" is within "home to
    school transport")."""
    kept = [p for p in phrases if not any(p != q and p in q for q in phrases)]
    return ", ".join(sorted((_ACRONYMS.get(p, p) for p in kept), key=str.lower))


def line_text(line: PlanLine) -> str:
    return " ".join(
        p for p in (line.title, line.description, line.service_area or "", line.category or "") if p
    )


def _own_words(line: PlanLine) -> str:
    """A line's own words: its title, description and service area, not the category it sits under."""
    return " ".join(p for p in (line.title, line.description, line.service_area or "") if p)


def line_themes(line: PlanLine) -> list[str]:
    """The themes of a line from its own words; from its category (often only the heading it sits
    under, such as a directorate's name "Children, Young People and Education") only where its
    own words name none, so a directorate's name does not give all its lines one theme; none for a
    line that names only its directorate (analyse.scope.names_own_directorate), all its services. A theme
    that beside another only says whom that one serves (`QUALIFIES`) is left out: a theme's name
    must fit the money it holds. A line read from a sentence (a pressure a plan states in prose,
    analyse.stated_pressures), whose description is that sentence, is what its title names where
    its title names a theme: the sentence names the other sums it states too ("growth of £5.4m ... for
    children looked after placements and £1.6m for home to school transport")."""
    sentence = bool(line.provenance and line.description) and line.description == line.provenance[0].text
    own = line.title if sentence and themes_of(line.title) else _own_words(line)
    if names_own_directorate(line):
        return []  # a directorate's part of a total ("of which Children, Young People and Education"): no one theme
    found = themes_of(own) or themes_of(line.category or "")
    return [t for t in found if QUALIFIES.get(t) not in found]


# Themes a line names only to say whom another of its themes serves: transport for pupils with
# SEND or EHCPs is home-to-school transport, met by the General Fund, not SEND and high needs.
QUALIFIES: dict[str, str] = {"send_high_needs": "home_to_school_transport"}


# The themes of each scenario's lever (analyse.scenarios): the themes a saving must name to work it,
# then the themes that say more of it. A step-down is on residential care, and names fostering too
# when it says where children step down to; fewer children looked after needs placements named beside
# demand, so a transport or pension saving that "avoids" costs is no such saving.
LEVER_THEMES: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "fostering_mix": (("fostering",), ()),
    "fewer_looked_after": (("placements", "demand_management"), ()),
    "residential_step_down": (("residential",), ("fostering",)),
}


# The levers that change where children are placed, not how many: a saving on them depends on
# carers and homes to move children to, not on demand falling.
MIX_LEVERS = frozenset({"fostering_mix", "residential_step_down"})

# The change a lever makes, in the words a saving must use beside its themes to work it: a step-down
# moves children out of residential care into a family (foster care, home); a saving building the
# council's own children's homes in place of independent ones names residential care but moves no
# child out of it (a change of provider and price), so it works no step-down.
LEVER_WORDS: dict[str, re.Pattern[str]] = {
    "residential_step_down": re.compile(
        r"\bstep(?:s|ped|ping)?[\s-]+(?:\w+\s+)?downs?\b|\bfoster|\bfamil(?:y|ies)\b", re.I
    ),
}


def saving_levers(line: PlanLine) -> list[str]:
    """The scenario levers a saving works, by its own words (LEVER_THEMES, and LEVER_WORDS where a
    lever's change must be said): of the levers whose themes it names, the one that names most of it
    (a step-down to foster care names fostering too, but is no change in the fostering mix; levers
    tied are each its). A saving must name the lever's own subject: one on placement costs in general
    (kinship care, health contributions) names no residential care or fostering, so it is set against
    neither scenario; one building in-house children's homes moves no child out of residential care.
    What a saving depends on follows the lever found here (analyse.flags.demand_check)."""
    named = set(line_themes(line))
    own = _own_words(line)
    worked = {
        lever: len((set(needs) | set(more)) & named)
        for lever, (needs, more) in LEVER_THEMES.items()
        if set(needs) <= named and (lever not in LEVER_WORDS or LEVER_WORDS[lever].search(own))
    }
    most = max(worked.values(), default=0)
    return [lever for lever in LEVER_THEMES if worked.get(lever) == most]


def names_lever_subject(line: PlanLine, lever: str) -> bool:
    """Whether a saving names the subject a lever works on (the themes `LEVER_THEMES` says it needs:
    residential care for a step-down), whether or not it works that lever (`saving_levers`): a saving
    building in-house children's homes is on residential care by another lever."""
    return set(LEVER_THEMES[lever][0]) <= set(line_themes(line))


def tag_flags(flags: Iterable[Flag]) -> list[Flag]:
    """Each flag with its themes. A saving's flag keeps its saving's own (analyse.flags gives them):
    its reasons' words (the service line that overspends, a benchmark) are evidence about the
    saving, not what it is about, and a theme that counts a saving's flag counts the saving too. A
    benchmark flag adds its words' themes to its indicator's; any other flag has its words'."""
    return [
        f
        if f.themes and f.indicator is None
        else f.model_copy(update={"themes": _union(f.themes, themes_of(flag_words(f)))})
        for f in flags
    ]


def flag_words(flag: Flag) -> str:
    """What a flag is about, in its words: its subject and message, less the documents' sentence it
    quotes as the cause (`Flag.explained_by`): a cause is evidence about the line, not its theme (the
    DSG's High Needs overspend explained by 'independent specialist placements' is no placement for
    children in care), nor the whole it is part of (`Flag.part_of`), nor why its figures are in
    doubt (`Flag.doubt`: the line a total's doubt names is not its subject); where nothing else names a
    theme, the words whole less that whole."""
    message = flag.message
    for aside in (flag.part_of, flag.doubt):  # what it is part of, and why it is in doubt
        message = message.replace(aside, "") if aside else message
    full = f"{flag.subject}. {message}"
    if not flag.explained_by:
        return full
    less = f"{flag.subject}. {message.replace(flag.explained_by, '')}"
    # A flag whose statement is the sentence that also gives its cause ("The High Needs block is
    # forecast to overspend by £4.6m, driven by ...") names its subject only there: kept whole.
    return less if themes_of(less) else full


def _union(given: list[str], found: list[str]) -> list[str]:
    return with_parents([*given, *found])


# The themes of each benchmark indicator (analyse/benchmarks/catalogue.py), by what it measures:
# an indicator's label does not always carry the words ("agency children's social workers").
INDICATOR_THEMES: dict[str, tuple[str, ...]] = {
    "s251_lac_spend_per_child": ("placements",),
    "s251_safeguarding_spend_per_child": ("child_protection_safeguarding",),
    "s251_family_support_spend_per_child": ("early_help",),
    "s251_sure_start_spend_per_child": ("early_help",),
    "s251_youth_justice_spend_per_child": ("youth_justice",),
    "s251_young_people_spend_per_child": ("early_help",),
    "s251_leaving_care_spend_per_child": ("care_leavers",),
    "unit_cost_lac_weekly": ("placements", "inflation_prices"),
    "unit_cost_fostering_weekly": ("fostering", "inflation_prices"),
    "unit_cost_residential_weekly": ("residential", "inflation_prices"),
    "cla_rate_per_10k": ("placements", "demand_management"),
    "cin_rate_per_10k": ("child_protection_safeguarding", "demand_management"),
    "cp_rate_per_10k": ("child_protection_safeguarding", "demand_management"),
    "rereferral_pct": ("child_protection_safeguarding", "demand_management"),
    "repeat_cp_plan_pct": ("child_protection_safeguarding",),
    "placement_fostering_pct": ("fostering",),
    "placement_residential_pct": ("residential",),
    "placement_own_provision_pct": ("placements", "commissioning"),
    "placement_private_provision_pct": ("placements", "commissioning"),
    "agency_social_worker_rate": ("workforce",),
    "placement_independent_living_pct": ("placements",),
    "cla_starts_rate_per_10k": ("placements", "demand_management"),
    "uasc_number": ("placements", "uasc"),
    "uasc_per_10k_children": ("placements", "uasc"),
    "uasc_pct": ("placements", "uasc"),
    "social_worker_turnover_rate": ("workforce",),
    "social_worker_vacancy_rate": ("workforce",),
    "ehc_plan_pupils_pct": ("send_high_needs",),
    "ehc_plan_number": ("send_high_needs",),
    "ehc_plan_per_10k_children": ("send_high_needs",),
}


def indicator_themes(indicator: str) -> list[str]:
    """The themes a benchmark indicator is about (with the themes above them), in the taxonomy's order."""
    return with_parents(INDICATOR_THEMES.get(indicator, ()))


def themes_summary(
    savings: list[SavingsLine],
    pressures: list[PlanLine],
    flags: list[Flag],
    period: str | None,
    at_risk: list[float] | None = None,
) -> list[Theme]:
    """One Theme per theme with money in the period: £ of savings, £ at risk, £ of pressures, and
    the counts of its lines and flags.

    A saving's money at risk (`at_risk`, one per saving; else the largest its flags name) counts under
    the saving's own themes, once, however many flags it has. A line with no money in the period (a
    grant's realignment, a saving planned for another year) adds nothing to a theme, neither a count
    nor a source. A theme that only flags name, with no line's money, is kept with its flag count (the
    LGA's themes across reviews count them); the pack's money table leaves it out and names it under
    the table (`Theme.has_money`): a row of zeros citing sources is an empty comparison. A theme none
    of whose savings a tracker reports on, nor puts money at risk by its own words, has had its
    delivery judged by nobody (`Theme.delivery_assessed` False): its money at risk is not assessed,
    not nil.
    """
    acc: dict[str, dict[str, object]] = {}
    risks = at_risk if at_risk is not None else [_risk_from_flags(line, flags) for line in savings]
    for line, risk in zip(savings, risks, strict=True):
        target = saving_target(line, period) or 0.0
        if is_total(line.title) or not (target or risk):
            continue
        for name in line_themes(line):
            _add(acc, name, "savings_gbp", target, "savings_count", line.provenance)
            acc[name]["at_risk_gbp"] = float(acc[name].get("at_risk_gbp", 0.0)) + risk  # type: ignore[arg-type]
            # Judged where a tracker reports on its delivery, or its own words put money at risk.
            acc[name]["delivery_assessed"] = (
                bool(acc[name].get("delivery_assessed")) or is_tracked(line) or risk > 0
            )
    growth = [p for p in pressures if (p.category or "").lower() != "mtfp_gap" and not is_total(p.title)]
    year = pressures_year(growth, period)
    for plan in growth:
        # Positive amounts only: a negative "pressure" is a reduction some plans list among pressures.
        amount = sum(
            p.amount_gbp for p in plan.planned if (year is None or p.period == year) and p.amount_gbp > 0
        )
        for name in line_themes(plan) if amount else []:
            _add(acc, name, "pressures_gbp", amount, "pressures_count", plan.provenance)
            acc[name]["pressures_period"] = year
    for flag in flags:
        for name in flag.themes or themes_of(flag_words(flag)):
            _add(acc, name, "at_risk_gbp", 0.0, "flags_count", flag.provenance)
    return [_theme(name, acc[name]) for name in THEMES if name in acc]


def pressures_year(pressures: list[PlanLine], period: str | None) -> str | None:
    """The year the themes count pressures for: the review year where the plans hold growth for it;
    else their first year of growth after it (a monitoring report's year beside a plan for the years
    that follow: the growth read is the next budget's, and counts there, the year said beside it)."""
    years = sorted({a.period for p in pressures for a in p.planned if a.amount_gbp > 0 and a.period})
    if period is None or period in years:
        return period
    return next((y for y in years if y > period), period)


def _risk_from_flags(line: SavingsLine, flags: list[Flag]) -> float:
    return max((_flag_at_risk(f) for f in flags if f.subject == line.title), default=0.0)


def _flag_at_risk(flag: Flag) -> float:
    # Only a flag that names money at risk of a saving adds to the theme's £ at risk.
    return flag.amount_gbp or 0.0 if flag.code in AT_RISK_CODES else 0.0


# The flag codes whose amount is money of a saving at risk (flags.py writes them): each is the
# documents' own word or figure (a tracker's rating or forecast, a slipped, undeliverable or
# unidentified amount). A doubt the analysis infers from benchmarks, demand or the service's
# overspend is a question for the reviewers, never money at risk.
AT_RISK_CODES = frozenset(
    {
        "rag_red",
        "rag_amber",
        "declared_at_risk",
        "forecast_below_target",
        "undeliverable",
        "slipped",
        "unidentified_saving",
    }
)


def _add(
    acc: dict[str, dict[str, object]],
    name: str,
    money_key: str,
    amount: float,
    count_key: str,
    provenance: list[Provenance],
) -> None:
    entry = acc.setdefault(name, {"evidence": []})
    entry[money_key] = float(entry.get(money_key, 0.0)) + amount  # type: ignore[arg-type]
    entry[count_key] = int(entry.get(count_key, 0)) + 1  # type: ignore[call-overload]
    evidence: list[Provenance] = entry["evidence"]  # type: ignore[assignment]
    if len(evidence) < 12:  # a few sources per theme are enough to trace it; the rest repeat
        evidence.extend(p for p in provenance[:1] if p not in evidence)


def _theme(name: str, entry: dict[str, object]) -> Theme:
    parent = PARENT_THEME.get(name)
    return Theme(
        theme=name,
        label=THEMES[name][0],
        part_of=THEMES[parent][0] if parent else "",
        **entry,  # type: ignore[arg-type]
    )
