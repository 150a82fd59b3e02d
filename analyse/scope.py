"""Where each line, figure and finding belongs: the review's one scope decision.

Scope is the reviewers' first judgement (review-pack.md). A children's directorate often also holds
education, home-to-school transport, the DSG's High Needs block and adults' 18-25 services, and a
whole-council bundle (Kent's MTFP, a council-wide monitoring report) adds adults', highways' and
corporate lines. Every budget line, saving, pressure, figure and flag is placed once, here, in one
`Scope`, from its own name, its directorate, the heading of the table it sits in and the document's
own title; later stages read the scope from the records and never decide again.

Councils name the directorate differently ("Children, Young People & Education", "CYPE",
"Children's Services", "Children and Families", "People - Children"), so scope is read from words.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from itertools import combinations

from analyse.matching import WEAK_WORDS, matching_budget_line, names_line
from analyse.records import (
    ADULTS_APART,
    CHILDRENS_DIRECTORATE,
    DIRECTORATE_OVERHEADS,
    DIRECTORATE_ROW,
    DIRECTORATE_ROW_APART,
    OVERHEADS_APART,
    Scope,
    row_key,
)
from analyse.wording import clause_of, content_words, sentence_to
from extract.records import BudgetBuild, BudgetLine, Extraction, Figure, PlanLine, Provenance, Risk, Verified
from extract.tables.vocabulary import OF_WHICH, CategoryKind, category_kind
from extract.verify.identities import TOTAL_IDENTITY

# Words that name children's services, in a directorate, a heading or a line.
CHILDREN_WORDS = frozenset(
    {
        "children",
        "child",
        "childrens",
        "young",
        "youth",
        "families",
        "family",
        "fostering",
        "foster",
        "leavers",
        "looked",
        "safeguarding",
        "adoption",
        "uasc",
    }
)
# A directorate's initials ("Adults & Older Persons - CYPE") say whose budget a line sits in, not
# whom it serves.
DIRECTORATE_INITIALS = frozenset({"cyp", "cype", "cyps", "cfs"})
# The words of a children's directorate's own name: before the word "directorate" ("Children's
# directorate savings") they name the directorate, not one of its services.
DIRECTORATE_NAME_WORDS = frozenset(
    {"children", "childrens", "child", "young", "people", "education", "families", "family"}
)
# A line of the directorate's own running costs, its overheads, not a service it provides:
# "Management and support", "Business support", "Directorate management", "Overheads".
OVERHEADS = re.compile(
    r"^\s*(?:management|business support|directorate (?:management|support|costs?)|overheads?|central costs?)"
    r"(?:\s+(?:and|&)\s+(?:support|business support|administration|overheads?))?\s*$",
    re.I,
)
# Education's words ("Educational Psychology", "special educational needs": the education service's,
# as the s251 return files them). Short breaks for disabled children are children's social care
# there, whoever leads the saving, so no word of theirs is here.
EDUCATION_WORDS = frozenset(
    {"education", "educational", "schools", "school", "send", "sen", "ehcp", "ehcps", "ehc", "inclusion"}
    | {"transport"}
)
# Transport is education's where it takes pupils to school (home-to-school, SEND transport) and
# children's social care's where it takes children in care to contact, placements or visits.
TRANSPORT_WORDS = frozenset({"transport", "travel", "taxi", "taxis", "passenger", "escort", "escorts"})
# Words beside transport that say it is education's: pupils, schools, SEND, colleges ("Home to
# School Transport", "SEN Transport", "Passenger transport (education)", "Post-16 travel").
EDUCATION_TRANSPORT = (EDUCATION_WORDS - {"transport"}) | {
    "pupil",
    "pupils",
    "htst",
    "college",
    "colleges",
    "post",
}
# Words beside transport that say it is children's social care's: whom it carries (children in
# care, care leavers, looked-after children) or what for (family contact, placements, visits).
# "Young" is not one: young people's transport is as often post-16 education's.
CARE_TRANSPORT = (CHILDREN_WORDS - {"young", "youth"}) | {
    "contact",
    "cla",
    "lac",
    "cic",
    "placement",
    "placements",
    "social",
    "visits",
    "visiting",
    "siblings",
    "supervised",
}
# A directorate's, heading's or section's words that say it holds social care, not education.
CARE_CONTEXT = (CHILDREN_WORDS - DIRECTORATE_NAME_WORDS - {"young", "youth"}) | {
    "social",
    "care",
    "placement",
    "placements",
    "contact",
    "cla",
    "lac",
    "cic",
}
DSG = re.compile(
    r"\bdsg\b|dedicated schools grant|high needs|safety valve|schools block|statutory override"
    r"|deficit management",
    re.I,
)
ADULT_WORDS = frozenset({"adult", "adults", "older"})
# Adults' services a children's directorate holds (transitions, 18-25 care): "young adults" and an
# age of 18 or over mark a line as adults' whatever children's word ("young") it also has.
AGED_18_25 = re.compile(
    r"\b18\s*[-–to]+\s*2[1-5]\b|\baged 18\b|\b18\s*\+|\bover 18s?\b|\byoung adults?\b", re.I
)
# Directorates (and lines outside any) that are the council's, not one service's. A directorate
# named "Corporate Services" or "Corporate Resources" is one directorate among others, not the
# council's whole (`COUNCIL_WIDE`).
COUNCIL_WIDE_WORDS = frozenset(
    {"corporate", "attributable", "council", "whole", "central", "contingency", "treasury", "levies"}
    | {"nac", "chb"}
)
# A directorate column that names no directorate yet: the line is the council's until it is
# allocated (some of it may land on children's services, a question for the S151 officer).
UNALLOCATED = re.compile(
    r"\btb[acd]\b|\bunallocated\b|\bnot (?:yet )?allocated\b|\bto be (?:allocated|agreed|confirmed|determined)\b"
    r"|\ball directorates\b|\bcross[\s-]*(?:cutting|directorate|council)\b",
    re.I,
)
# A budget the council holds centrally for every directorate until it allocates it to them (pay
# awards, employer National Insurance, inflation, contingency), by its name or a sentence's words:
# "Corporately Held Budgets", "centrally held budgets", "held centrally", "Contingency". A budget whose
# own plan lines name no service area yet ("Unallocated") is one too (analyse.held_centrally).
HELD_CENTRALLY = re.compile(
    r"\b(?:centrally|corporately)[\s-]+held\b|\bheld[\s-]+(?:centrally|corporately)\b|\bcontingenc\w*"
    r"|\bunallocated\b",
    re.I,
)
# Words that say such a budget is not yet in the directorates' figures: it waits to be allocated
# ("pending allocation", "to be allocated") or their figures leave it out ("These exclude ...").
PENDING_ALLOCATION = re.compile(
    r"\bpending\s+(?:its\s+|their\s+)?allocation\b|\b(?:to be|not yet|until (?:it is|they are))\s+allocated\b"
    r"|\bexclud\w*",
    re.I,
)
COUNCIL_WIDE = re.compile(
    r"\bcorporate(?:ly)?\b(?!\s+(?:services|resources)\b)|non[\s-]*attributable|capital receipts|council[\s-]*wide|whole council|\bcouncil total\b"
    r"|capital financing|treasury|contingenc|general (?:fund )?reserves?|pay award|\bmtf[ps]\b",
    re.I,
)
# A capital scheme or programme (capital financing costs are revenue, and council-wide).
CAPITAL = re.compile(
    r"\bcapital\s+(?:programme|scheme|project|budget|investment|expenditure|spend|works|strategy|plan)\b",
    re.I,
)
CAPITAL_HEADING = re.compile(r"\bcapital\b(?!\s+financ|\s+receipts?|\s+charges?)", re.I)
_ROW = re.compile(r",?\s*row \d+$")
_SHEET = re.compile(r"^sheet (?P<sheet>.+?)!")


def _names_children(words: set[str]) -> bool:
    return bool(words & (CHILDREN_WORDS | DIRECTORATE_INITIALS | EDUCATION_WORDS - {"transport"}))


def names_children(text: str) -> bool:
    """Words that name children, young people, education or the children's directorate ("the
    Commissioning Plan for Education Provision")."""
    return _names_children(content_words(text))


def _names_others(words: set[str]) -> bool:
    return bool(words & ADULT_WORDS) or bool(
        words & {"highways", "waste", "environment", "growth", "executive", "housing", "place", "economy"}
    )


def scope_of(
    name: str,
    directorate: str | None = None,
    service_area: str | None = None,
    heading: str = "",
    default: Scope = Scope.CHILDRENS_SOCIAL_CARE,
    apart: bool = False,
) -> Scope:
    """The scope of one line: a capital scheme; else by its directorate (children's, council-wide or
    another's); else by its own name, its table's heading, and `default` (the document's context).
    `apart` where education and SEND are a directorate (or division) of their own beside the
    children's (`ScopeIndex.apart`): a children's services heading then holds no education."""
    if CAPITAL.search(name) or CAPITAL_HEADING.search(heading):
        return Scope.CAPITAL
    own = content_words(name) - DIRECTORATE_INITIALS
    area = content_words(service_area)
    held_by = content_words(directorate)
    context = (area, content_words(heading), held_by)
    if held_by:
        if DSG.search(directorate or ""):
            return Scope.DSG_HIGH_NEEDS
        # A directorate (or division) that names children holds children's services, education
        # with them where the council files it there. One that names only education ("Education
        # & SEND", a division beside children's services) holds education, SEND and transport:
        # its General Fund lines are the review's, apart from social care's (and never the
        # children's position: `names_childrens_directorate`).
        if holds_childrens(held_by):
            return _within_childrens(name, own, area, context, apart)
        if holds_education(held_by):
            if DSG.search(name):
                return Scope.DSG_HIGH_NEEDS
            return transport_scope(own, (), apart) or Scope.EDUCATION_SEND_TRANSPORT
        # The directorate column decides: a line a named directorate holds is that directorate's,
        # whatever its own name says ("Flexible Use of Capital Receipts" in DCED's table).
        council = " ".join((directorate or "", service_area or ""))
        if (
            unallocated(directorate, service_area)
            or COUNCIL_WIDE.search(council)
            or (held_by | area) & COUNCIL_WIDE_WORDS
        ):
            return Scope.COUNCIL_WIDE
        # An adults' directorate's line about young people moving to it is adults' budget.
        return _named_service(name, own) or Scope.OTHER_DIRECTORATE
    if COUNCIL_WIDE.search(name):
        return Scope.COUNCIL_WIDE
    if _names_others(own | area):
        initials = content_words(name) & DIRECTORATE_INITIALS
        if (own | area) & ADULT_WORDS and (initials or _names_children(content_words(heading))):
            return Scope.ADULTS_IN_CHILDRENS
        if not _names_children(own):
            return Scope.OTHER_DIRECTORATE
    if DSG.search(heading) and not DSG.search(name) and not _names_children(own | area):
        # A line no directorate holds, in a table its heading gives to the ring-fenced grant ("Dedicated
        # Schools Grant"), that names no children's service of its own ("In-year forecast deficit
        # 2025/26") is the DSG's: never a General Fund service's.
        return Scope.DSG_HIGH_NEEDS
    if _names_children(own | area) or DSG.search(name) or _names_children(content_words(heading)):
        return _within_childrens(name, own, area, context, apart)
    return default if default in CHILDRENS_DIRECTORATE else _named_service(name, own) or default


def _named_service(name: str, own: set[str]) -> Scope | None:
    """Home-to-school transport and the DSG are children's money whoever's directorate holds them."""
    if DSG.search(name):
        return Scope.DSG_HIGH_NEEDS
    if "transport" in own and own & {"school", "schools", "send", "sen", "pupil", "pupils"}:
        return Scope.EDUCATION_SEND_TRANSPORT
    return None


def _within_childrens(
    name: str, own: set[str], area: set[str], context: Iterable[set[str]] = (), apart: bool = False
) -> Scope:
    """A line of the children's directorate: the DSG, adults' services, transport by whom it carries
    (`transport_scope`), education, else social care."""
    if DSG.search(name):
        return Scope.DSG_HIGH_NEEDS
    if is_adults(name, own, area):
        return Scope.ADULTS_IN_CHILDRENS
    if (transport := transport_scope(own, context, apart)) is not None:
        return transport
    if own & EDUCATION_WORDS or (not own & CHILDREN_WORDS and area & EDUCATION_WORDS):
        return Scope.EDUCATION_SEND_TRANSPORT
    return Scope.CHILDRENS_SOCIAL_CARE


def transport_scope(own: set[str], context: Iterable[set[str]] = (), apart: bool = False) -> Scope | None:
    """The scope of a line whose own words name transport (`TRANSPORT_WORDS`): education's where its
    other words name pupils, schools or SEND ("Home to School Transport", "SEN Transport"), children's
    social care's where they name children in care, contact or placements ("Transport and family
    contact efficiencies", "Taxi costs for supervised contact"); else as the first of `context` (its
    service area, its table's heading, its directorate: the section it sits in) that names one of
    them alone (`transport_context`); else education's for the word "transport" itself (home-to-school
    transport is most of a children's directorate's), and None for other words ("Staff travel")."""
    if not own & TRANSPORT_WORDS:
        return None
    rest = own - TRANSPORT_WORDS
    if rest & EDUCATION_TRANSPORT:
        return Scope.EDUCATION_SEND_TRANSPORT
    if rest & CARE_TRANSPORT:
        return Scope.CHILDRENS_SOCIAL_CARE
    found = next((s for words in context if (s := transport_context(words, apart)) is not None), None)
    if found is not None:
        return found
    return Scope.EDUCATION_SEND_TRANSPORT if "transport" in own else None


def transport_context(words: set[str], apart: bool = False) -> Scope | None:
    """What a heading's, section's or directorate's words say its transport is: education's where
    they name education and no children ("Education", "SEND and Inclusion"); children's social care's
    where they name social care and no education ("Children's Social Care", "Looked After
    Children"), or children's services where education is apart from them (`ScopeIndex.apart`:
    Hallam's "Children's Services" division); None where they name both (CYPE) or neither."""
    education = words & (EDUCATION_WORDS - {"transport"})
    children = words & CHILDREN_WORDS
    if education and not children:
        return Scope.EDUCATION_SEND_TRANSPORT
    if not education and (words & CARE_CONTEXT or (children and apart)):
        return Scope.CHILDRENS_SOCIAL_CARE
    return None


def is_adults(name: str, own: set[str], area: set[str]) -> bool:
    """A line for adults (18-25 services, young adults) by its name or service area, unless its
    name also names children's services proper (care leavers, looked-after children)."""
    aged = AGED_18_25.search(name)
    children = own & (CHILDREN_WORDS - {"young"} if aged else CHILDREN_WORDS)
    return bool((own | area) & ADULT_WORDS or aged) and not children


def directorate_wide(name: str) -> bool:
    """A line its own name gives to the children's directorate as a whole: it names the directorate,
    by its initials ("Savings still to be identified – CYPE") or as a directorate ("Children's
    directorate savings": the children's words are the directorate's name there), and no service
    of it, nor only its running costs ("Directorate Management and Support": its overheads, not
    the directorate whole, `overheads`)."""
    if overheads(name):
        return False
    words = content_words(name)
    directorate = "directorate" in words
    own = words - DIRECTORATE_INITIALS - ({"directorate"} | DIRECTORATE_NAME_WORDS if directorate else set())
    named = bool(words & DIRECTORATE_INITIALS) or directorate
    return named and not (_names_children(own) or _names_others(own))


def names_own_directorate(line: PlanLine) -> bool:
    """A line that names nothing but its directorate: a plan's "of which Children, Young People and
    Education" row, that directorate's part of the total above it (extract.domain.from_tables)."""
    name = content_words(OF_WHICH.sub("", line.title))
    return bool(name) and name == content_words(line.directorate)


def names_childrens_directorate(line: BudgetLine) -> bool:
    """A directorate's (or a division's) row that holds children's services: its directorate, or
    its name, names children, young people or families ("Children, Young People and Education",
    "CYPE", a People directorate's "Children's Services subtotal"). A row that names only
    education ("Education & SEND", a division beside children's services) or the ring-fenced DSG
    ("Total DSG", the schools' grant with its Schools Block) is not the children's position; nor is
    a wider directorate's ("People Directorate Total": adults' services too)."""
    held_by = line.directorate or line.name
    return holds_childrens(content_words(held_by)) and not DSG.search(held_by)


# Words any directorate's name may hold that place it nowhere ("Services", "Care", "Directorate"):
# two directorates sharing only these are not thereby one.
_DIRECTORATE_FILLER = WEAK_WORDS | {"department", "division", "portfolio"}


def directorate_families(directorate: str | None) -> set[str]:
    """What a directorate's name says it holds, for telling two directorates' lines apart: the
    children's family (children, education, SEND, the DSG, the directorate's initials), the adults'
    (adult, older), the council-wide (corporate, central), and its own distinctive words ("Growth",
    "Environment"). Empty where it names none of these ("People", "Unallocated"): a directorate
    that says nothing of its scope keeps no line apart."""
    if not directorate or unallocated(directorate):
        return set()
    words = content_words(directorate)
    found = set(words - _DIRECTORATE_FILLER - CHILDREN_WORDS - ADULT_WORDS)
    if DSG.search(directorate) or _names_children(words):
        found.add("<children's>")
    if words & ADULT_WORDS:
        found.add("<adults>")
    if COUNCIL_WIDE.search(directorate) or words & COUNCIL_WIDE_WORDS:
        found.add("<council>")
    return found


def same_directorate(one: str | None, other: str | None) -> bool:
    """Two lines' directorates may be one: either names no scope (`directorate_families`), or they
    share a family or a distinctive word ("Growth and Environment" and "Growth, Environment and
    Transport"; "CYPE" and "Children's Services"). An adults' saving is not an education
    directorate's line, whatever words their titles share."""
    mine, theirs = directorate_families(one), directorate_families(other)
    return not mine or not theirs or bool(mine & theirs)


def holds_childrens(directorate: set[str]) -> bool:
    """A directorate's (or division's) words that name children's services, not only education,
    and no adults' services beside them."""
    return bool(directorate & (CHILDREN_WORDS | DIRECTORATE_INITIALS)) and not directorate & ADULT_WORDS


def holds_education(directorate: set[str]) -> bool:
    """A directorate's (or division's) words that name education (or SEND), not only transport
    ("Growth, Environment and Transport" is not one), and no other directorate's service."""
    return bool(directorate & (EDUCATION_WORDS - {"transport"})) and not _names_others(directorate)


def education_apart(directorate: str) -> bool:
    """A directorate (or division) that holds education and SEND and not children's services ("Education,
    Skills and SEND", "Education & SEND"): the children's scope is then more than one directorate's."""
    words = content_words(directorate)
    return holds_education(words) and not holds_childrens(words) and not DSG.search(directorate)


def overheads(name: str) -> bool:
    """A line of the directorate's own running costs ("Management and support"): the whole
    directorate's overheads, not a service's."""
    return bool(OVERHEADS.match(name))


def overheads_label(name: str | None, apart: bool = False) -> str:
    """The name of a line of the directorate's overheads, with its directorate's where known
    (`apart` as `directorate_label`: then the named directorate's, not the children's whole)."""
    words = OVERHEADS_APART if apart and name else DIRECTORATE_OVERHEADS
    return f"{name}: {words}" if name else words[0].upper() + words[1:]


def _initials(name: str) -> str:
    return next((w.upper() for w in content_words(name) if w in DIRECTORATE_INITIALS), name)


def directorate_label(name: str | None, apart: bool = False) -> str:
    """The name of the children's directorate's own row (its total), which holds all its services;
    `apart` where education and SEND are another directorate's (or division's) (`ScopeIndex.apart`)."""
    words = DIRECTORATE_ROW_APART if apart else DIRECTORATE_ROW
    return f"{name}: {words}" if name else words[0].upper() + words[1:]


def unallocated(directorate: str | None, service_area: str | None = None) -> bool:
    """A line that names no directorate yet: its directorate column does not ("TBC", "Unallocated",
    "All directorates"), or its service area does not where a central budget holds it until it is
    allocated ("Spans and layers", held by the corporate centre, service area "Unallocated")."""
    return any(w and UNALLOCATED.search(w) for w in (directorate, service_area))


def is_childrens(scope: Scope | None) -> bool:
    """A scope within the children's directorate's own budget."""
    return scope in CHILDRENS_DIRECTORATE


def childrens_own_money(scope: Scope | None, funding: str | None = None) -> bool:
    """Money of the children's own services in the children's directorate: not its adults' services
    (ADULTS_APART, named apart wherever its totals are shown as children's) nor a line its plan marks
    externally funded (a grant meets it, so it is no General Fund pressure)."""
    return is_childrens(scope) and scope not in ADULTS_APART and funding != "external"


def may_be_flagged(scope: Scope | None) -> bool:
    """Flags and questions are about the children's directorate or the council's whole plan, never
    another directorate's lines or a capital scheme."""
    return scope is None or is_childrens(scope) or scope == Scope.COUNCIL_WIDE


def text_scope(text: str) -> Scope | None:
    """The scope of a sentence: the DSG, children's services, the council's whole budget, or None
    where it names none of them."""
    if DSG.search(text):
        return Scope.DSG_HIGH_NEEDS
    if re.search(
        r"home to school transport|\bsend\b|\bschools?\b|\bsen\b|\behcp?s?\b|pupils|special educational",
        text,
        re.I,
    ):
        return Scope.EDUCATION_SEND_TRANSPORT
    if CHILDRENS_SENTENCE.search(text):
        return Scope.CHILDRENS_SOCIAL_CARE
    if re.search(r"\badults?\b|older people|highways|\bwaste\b", text, re.I):
        return Scope.OTHER_DIRECTORATE
    if COUNCIL_WIDE.search(text) or re.search(
        r"\bcouncil\b|\breserves?\b|budget gap|general fund", text, re.I
    ):
        return Scope.COUNCIL_WIDE
    return None


# A reserve's own name ("the Children's Services Demand Reserve", "the Corporate Contingency
# Reserve"): the capitalised words that end in "Reserve". A sum drawn from it, or an overspend left
# after the draw, is not the named service's for naming it: the name is set aside (as "it") where a
# prose figure's subject is read.
RESERVE_NAME = re.compile(r"\b(?:[A-Z][\w'’&-]*\s+)+Reserves?\b")


def _reserves_unnamed(words: str) -> str:
    return RESERVE_NAME.sub("it", words)


def clause_subject(figure: Figure, place: Callable[[str], Scope | None]) -> str | None:
    """The part of a prose figure's own clause (analyse.wording.clause_of) before it, else after it,
    that `place` places ("£5.4m overspend for Children's Services" has its subject after it), any
    reserve's name set aside (`RESERVE_NAME`); None where its clause names nothing. "(a) note the
    General Fund overspend of £8.37m ...; (c) note the DSG deficit ..." makes £8.37m the council's,
    though its sentence names the DSG."""
    before, after = (_reserves_unnamed(words) for words in clause_of(figure.text, figure.value))
    return next((words for words in (before, after) if place(words) is not None), None)


def figure_subject(figure: Figure, place: Callable[[str], Scope | None]) -> str:
    """The words that say what a figure stated in prose is of: its clause's (`clause_subject`), else
    its sentence up to its clause's end (analyse.wording.sentence_to: "Within Children's Services,
    after actions of £1.2m, the overspend is £3.4m"), never a later sum's clause, nor a reserve's
    name: "the forecast overspend reduces to £7.5m, and after the drawdown of £2.0m from the
    Children's Services Demand Reserve ..." names no children's service of £7.5m."""
    return clause_subject(figure, place) or _reserves_unnamed(sentence_to(figure.text, figure.value))


CHILDRENS_SENTENCE = re.compile(r"\bchildren|\bcyps?\b|\bcype\b|young people|\bcsc\b|looked after", re.I)
# A sentence about the children's directorate as a whole, not one of its services: it names the
# directorate ("the directorate's budget"), its initials, its name, or children's services whole.
DIRECTORATE_SENTENCE = re.compile(
    r"\bdirectorate\b|\bcyp[es]?\b|children'?s services|children,? young people,? and (?:education|families)",
    re.I,
)


def statement_label(text: str, scope: Scope | None, apart: bool = False) -> str:
    """The name of a children's sentence where its scope's would misname it: one about the whole
    directorate ("Children, Young People and Education accounts for almost all of it, with a forecast
    overspend of £12.4m") is named as the directorate's own row is (`directorate_label`, with
    `apart` as there: "Children's Services is forecasting an overspend" is one directorate's where
    education and SEND are another's), not social care; '' otherwise."""
    if scope is Scope.CHILDRENS_SOCIAL_CARE and DIRECTORATE_SENTENCE.search(text):
        return directorate_label(None, apart)
    return ""


# A risk register names a children's risk by its subject more often than by the directorate.
CHILDRENS_RISK = re.compile(
    r"placements?|fostering|foster carers?|residential|\buasc\b|unaccompanied|care leavers?|looked after"
    r"|safeguarding|social work|edge of care|\bcare proceedings",
    re.I,
)


# The adult social care market's own words: care packages, care homes, home care, hospital discharge,
# the care workforce's pay. A risk its directorate column shares between adults' and children's
# services that speaks in these words, and names no children's service, is the adults' market.
ADULT_CARE = re.compile(
    r"\bcare packages?\b|\bpackages? of care\b|\bcare homes?\b|\bnursing homes?\b|\bhome care\b"
    r"|\bdomiciliary\b|\bdischarges?\b.{0,20}\bhospitals?\b|\bhospital discharges?\b|\bcare staff\b"
    r"|\bcare providers?\b|\bcare workers?\b|\bsupported living\b|\bolder people\b|\badult social care\b",
    re.I,
)


def risk_scope(risk: Risk) -> Scope | None:
    """Where a register's risk sits: by its directorate column where it has one (the children's
    directorate's risks placed within it by their words; "ALL" is council-wide; any other
    directorate's are not the review's), else as its words place it, or children's social care where
    they name only a children's subject (placement sufficiency, UASC). A risk shared with another
    directorate whose words are the adult care market's (`adult_care_only`) is that directorate's."""
    text = " ".join(t for t in (risk.title, risk.description, risk.owner or "") if t)
    if risk.directorate:
        named = risk.directorate
        if risk_shared_with(risk) and adult_care_only(text):
            return Scope.OTHER_DIRECTORATE
        if CHILDRENS_SENTENCE.search(named) or content_words(named) & DIRECTORATE_INITIALS:
            scope = text_scope(text)
            return scope if is_childrens(scope) else Scope.CHILDRENS_SOCIAL_CARE
        if re.search(r"\ball\b|council|corporate|non[- ]attributable", named, re.I):
            return Scope.COUNCIL_WIDE
        return Scope.OTHER_DIRECTORATE
    scope = text_scope(text)
    if scope in (None, Scope.COUNCIL_WIDE) and CHILDRENS_RISK.search(text):
        return Scope.CHILDRENS_SOCIAL_CARE
    return scope


def adult_care_only(text: str) -> bool:
    """Words about the adult care market (`ADULT_CARE`: care packages, hospital discharge) that name
    no children's service."""
    return bool(ADULT_CARE.search(text)) and not names_childrens_services(text)


# The separators of a register's directorate column that names several ("ASCH / CYPE", "Adults &
# Children"): the risk is shared between them.
DIRECTORATES_APART = re.compile(r"\s*(?:/|&|\+|,|;|\band\b)\s*", re.I)


def risk_shared_with(risk: Risk) -> list[str]:
    """The other directorates a children's risk is shared with, as its directorate column names
    them ("ASCH" of "ASCH / CYPE"); none where the column names only the children's directorate
    (or no children's one). A shared risk's exposure is not the children's alone: the register
    does not say what part of it is theirs."""
    named = [p for p in DIRECTORATES_APART.split(risk.directorate or "") if p.strip()]
    childrens = [p for p in named if _names_childrens_directorate(p)]
    if not childrens or len(childrens) == len(named):
        return []
    return [p.strip() for p in named if p not in childrens]


def _names_childrens_directorate(name: str) -> bool:
    words = content_words(name)
    return bool(CHILDRENS_SENTENCE.search(name) or words & DIRECTORATE_INITIALS) or (
        _names_children(words) and not words & ADULT_WORDS
    )


def names_childrens_services(text: str) -> bool:
    """A sentence about children's services themselves (not the ring-fenced DSG)."""
    return bool(CHILDRENS_SENTENCE.search(text)) and not DSG.search(text)


def _row(provenance: Provenance) -> tuple[str, str, str]:
    """A row's identity: file, locator and the text read (hand-made records may share a locator)."""
    return provenance.file, provenance.locator, provenance.text


def table_key(provenance: Provenance) -> tuple[str, str]:
    """The table a row sits in: its file and its locator less the row ("page 1, table 2"; a sheet)."""
    locator = provenance.locator
    sheet = _SHEET.match(locator)
    return provenance.file, sheet["sheet"] if sheet else _ROW.sub("", locator)


def reviewed_scope(record: Verified, found: Scope) -> Scope:
    """A reviewer's last word on a line's scope stands over the words: marked out of scope, it is
    another directorate's; marked in scope, it is children's (where the words said otherwise)."""
    marks = [r.action for r in record.reviewed if r.action in ("in_scope", "out_of_scope")]
    if not marks:
        return found
    if marks[-1] == "out_of_scope":
        return Scope.OTHER_DIRECTORATE
    return found if is_childrens(found) else Scope.CHILDRENS_SOCIAL_CARE


@dataclass
class ScopeIndex:
    """What the bundle says about scope beyond a line's own name: its tables' headings, which
    documents are children's own (a "CYPE savings plan"), and whether any line names a service at
    all (a children's-only tracker names none)."""

    headings: dict[tuple[str, str], str] = field(default_factory=dict)
    childrens_files: set[str] = field(default_factory=set)
    children_only: bool = False
    # The directorates and divisions the budget tables name, by their words (analyse.wording).
    divisions: dict[frozenset[str], str] = field(default_factory=dict)
    # Education and SEND are a directorate (or division) of their own beside the children's: the
    # children's scope spans both, and no row of either is "the children's directorate" whole.
    apart: bool = False
    _by_row: dict[tuple[str, str, str], Scope] = field(default_factory=dict)
    _named: dict[tuple[str, str, str], str] = field(default_factory=dict)
    _names: dict[tuple[str, str, str], str] = field(default_factory=dict)  # budget lines' names
    _directorates: set[tuple[str, str, str]] = field(default_factory=set)  # directorates' own rows
    # Children's subtotals a larger children's directorate row of the same document holds: a
    # division or service area's ("Total Children's Social Care" inside "Total Children, Young People
    # and Learning"), named as what it is, never as the directorate (`divisions_within`).
    within: set[tuple[str, str, str]] = field(default_factory=set)
    # Savings that match a children's service line of the council's budget table (analyse.matching):
    # the part of the children's scope that line's division holds, by the saving's row (`follows`).
    follows: dict[tuple[str, str, str], Scope] = field(default_factory=dict)

    def heading(self, provenance: Provenance) -> str:
        return self.headings.get(table_key(provenance), "")

    def default(self, provenance: Provenance) -> Scope:
        if self.children_only or provenance.file in self.childrens_files:
            return Scope.CHILDRENS_SOCIAL_CARE
        return Scope.OTHER_DIRECTORATE

    def statement(self, text: str, provenance: Provenance) -> Scope:
        """A sentence's scope as its words place it; one that names no service speaks for its
        document: children's services in a children's own document (or a children's-only bundle),
        else the whole council (a monitoring report's "The shortfall of £4.1m is included")."""
        found = self.sentence(text)
        if found is not None:
            return found
        if self.children_only or provenance.file in self.childrens_files:
            return Scope.CHILDRENS_SOCIAL_CARE
        return Scope.COUNCIL_WIDE

    def division(self, title: str) -> str | None:
        """The directorate or division a line is named after, where its name is nothing but the
        names of the bundle's directorates and divisions ("People – Education & SEND": the
        division "Education & SEND" of the directorate "People"): the most specific one."""
        words = content_words(title)
        known = set().union(*self.divisions) if self.divisions else set()
        if not words or words - known:
            return None
        named = [d for d in self.divisions if d and d <= words]
        return self.divisions[max(named, key=len)] if named else None

    def named_line(self, words: str) -> Scope | None:
        """The scope of the budget line `words` name by its whole name (analyse.matching names_line).
        The longest name named decides; where lines of that name are placed apart, a directorate's
        own row does (a sentence naming another directorate is that directorate's, whatever a table
        printing the name as a line made of it); None where they name no line, or still apart."""
        named = [
            (len(n), s, row in self._directorates)
            for row, n in self._names.items()
            if (s := self._by_row.get(row)) and names_line(words, n)
        ]
        longest = max((length for length, _, _ in named), default=0)
        top = [(scope, own) for length, scope, own in named if length == longest]
        scopes = {scope for scope, _ in top}
        if len(scopes) > 1:
            scopes = {scope for scope, own in top if own}
        return scopes.pop() if len(scopes) == 1 else None

    def words(self, words: str) -> Scope | None:
        """The scope of words that say what money is about: the budget line they name, else as they
        place it (`text_scope`). "Learning Disabilities is overspending by" is the adults' line's,
        whatever service the sentence names after its sum."""
        return self.named_line(words) or text_scope(words)

    def sentence(self, text: str) -> Scope | None:
        """A sentence's scope: the budget line it names before its first sum, else as its words place
        it."""
        return self.named_line(text.split("£", 1)[0]) or text_scope(text)

    def figure(self, figure: Figure) -> Scope | None:
        """The scope of a figure stated in prose: of its clause's subject (`clause_subject`), read as `words`
        reads it; None where its own clause names nothing."""
        subject = clause_subject(figure, self.words)
        return None if subject is None else self.words(subject)

    def stated(self, figure: Figure) -> Scope:
        """The scope of a figure stated in prose, as its flag is labelled: its clause's (`figure`),
        else its sentence's up to its clause (`figure_subject`), else its document's (`statement`:
        a monitoring report's "the forecast overspend reduces to £7.5m" is the council's)."""
        found = self.figure(figure)
        if found is not None:
            return found
        return self.statement(figure_subject(figure, self.words), figure.provenance[0])

    def plan_line(self, line: PlanLine) -> Scope:
        where = line.provenance[0]
        directorate = line.directorate or self.division(line.title)
        found = scope_of(
            line.title, directorate, line.service_area, self.heading(where), self.default(where), self.apart
        )
        whole = names_own_directorate(line)
        if whole and holds_childrens(content_words(line.directorate)):
            found = Scope.CHILDRENS_SOCIAL_CARE  # the children's directorate whole, named so below
        found = reviewed_scope(line, found)
        if found in CHILDRENS_PARTS and _row(where) in self.follows:
            found = self.follows[_row(where)]
        if found is Scope.CHILDRENS_SOCIAL_CARE and (whole or directorate_wide(line.title)):
            # "Savings still to be identified – CYPE" is the whole directorate's, not social care's.
            name = line.directorate or _initials(line.title)
            self._named.setdefault(_row(where), directorate_label(name, self.apart))
        elif found is Scope.CHILDRENS_SOCIAL_CARE and overheads(line.title):
            self._named.setdefault(_row(where), overheads_label(line.directorate, self.apart))
        self._by_row.setdefault(_row(where), found)
        return found

    def whole_directorate(self, provenance: Provenance, name: str | None) -> None:
        """Names a row that holds the whole children's directorate (a savings plan's total of every
        children's saving) as the directorate, not one of its services."""
        self._named.setdefault(_row(provenance), directorate_label(name, self.apart))

    def budget_line(self, line: BudgetLine) -> Scope:
        where = line.provenance[0]
        found = scope_of(
            line.name, line.directorate, None, self.heading(where), self.default(where), self.apart
        )
        if line.level == "total":
            found = Scope.COUNCIL_WIDE
        elif (
            line.level == "directorate"
            and is_childrens(found)
            and names_childrens_directorate(line)
            and _row(where) not in self.within
        ):
            # The directorate's own row spans its scopes; it is the children's position, named as
            # the directorate (its education, transport and adults' lines too), not a service.
            found = Scope.CHILDRENS_SOCIAL_CARE
            self._named.setdefault(_row(where), directorate_label(line.name, self.apart))
        elif found is Scope.CHILDRENS_SOCIAL_CARE and (directorate_wide(line.name) or overheads(line.name)):
            # "Management and support" is the directorate's overheads, not social care's.
            label = directorate_label if directorate_wide(line.name) else overheads_label
            self._named.setdefault(_row(where), label(line.directorate, self.apart))
        found = reviewed_scope(line, found)
        self._by_row.setdefault(_row(where), found)
        self._names.setdefault(_row(where), line.name)
        if line.level == "directorate":
            self._directorates.add(_row(where))
        return found

    def budget_build(self, build: BudgetBuild) -> Scope:
        """The council's build is council-wide; a directorate's is its directorate's, the
        children's whole (whatever services it holds) where its name is the children's."""
        if build.level == "council":
            return reviewed_scope(build, Scope.COUNCIL_WIDE)
        where = build.provenance[0]
        found = scope_of(build.name, build.name, None, self.heading(where), Scope.OTHER_DIRECTORATE)
        return reviewed_scope(build, Scope.CHILDRENS_SOCIAL_CARE if is_childrens(found) else found)

    def line_scopes(self) -> dict[str, Scope]:
        """Every line placed so far, keyed as analyse.records.line_key keys it."""
        return {row_key(*row): scope for row, scope in self._by_row.items()}

    def line_labels(self) -> dict[str, str]:
        """The reviewers' name for each line placed so far whose scope's name would misname it (the
        children's directorate's own row), keyed as line_scopes."""
        return {row_key(*row): name for row, name in self._named.items()}

    def of_provenance(self, provenance: Iterable[Provenance]) -> Scope | None:
        """The scope of the first row cited that a line was read from."""
        return next((s for p in provenance if (s := self._by_row.get(_row(p)))), None)


def summary_row(line: PlanLine, scopes: ScopeIndex) -> bool:
    """A savings row that names only a directorate or division (its title nothing but the names of
    the bundle's directorates and divisions: "People – Education & SEND"), with no reference of its
    own: a division's savings summarised in one row, not a saving. A row that totals other rows
    is no line at all (analyse.amounts.item_savings)."""
    return not (line.ref or "").strip() and scopes.division(line.title) is not None


def scope_index(extraction: Extraction) -> ScopeIndex:
    """The bundle's context for scope, with every line of it placed (so provenance finds them)."""
    headings = {table_key(t.provenance[0]): t.title for t in extraction.tables if t.title and t.provenance}
    for t in extraction.tables:
        if t.title:
            headings.setdefault((t.file, _ROW.sub("", t.locator)), t.title)
    childrens_files = {f for f in _files(extraction) if _names_children(content_words(f))}
    lines: list[PlanLine] = [*extraction.savings, *extraction.pressures]
    # A bundle whose lines name no directorate or service area is one directorate's own: the
    # children's (a children's savings tracker), unless a line's own name says otherwise.
    named = any(line.directorate or line.service_area for line in lines) or any(
        b.directorate for b in extraction.budget_lines
    )
    divisions = {
        frozenset(content_words(b.directorate)): b.directorate
        for b in extraction.budget_lines
        if b.level == "directorate" and b.directorate
    }
    index = ScopeIndex(headings, childrens_files, children_only=not named, divisions=divisions)
    # Education is apart only where its row is no part of a children's directorate row: a division
    # ("Total Education & Learning") that "Total Children, Young People and Learning" holds is that
    # one directorate's (`parts_of`).
    held = parts_of(extraction.budget_lines)
    index.apart = any(
        b.level == "directorate" and education_apart(b.directorate or b.name) and id(b) not in held
        for b in extraction.budget_lines
    )
    index.within = {_row(b.provenance[0]) for b in divisions_within(extraction.budget_lines)}
    for line in lines:
        index.plan_line(line)
    for budget in extraction.budget_lines:
        index.budget_line(budget)
    follow_budget_lines(index, extraction)
    return index


# The parts of a children's scope that spans directorates or divisions (analyse.summary's split).
CHILDRENS_PARTS = (Scope.CHILDRENS_SOCIAL_CARE, Scope.EDUCATION_SEND_TRANSPORT)


def follow_budget_lines(index: ScopeIndex, extraction: Extraction) -> None:
    """A children's saving that matches a service line of the council's budget table
    (analyse.matching) is in the part of the children's scope that line's division is: a "Family
    Hubs restructure" the council budgets under "Early Years & Family Hubs" in Education & Learning
    is education's, not social care's, whatever its own words suggest."""
    for line in extraction.savings:
        if not line.provenance or index.plan_line(line) not in CHILDRENS_PARTS:
            continue
        budget = matching_budget_line(line, extraction.budget_lines)
        placed = index.budget_line(budget) if budget is not None else None
        if placed in CHILDRENS_PARTS:
            row = _row(line.provenance[0])
            index.follows[row] = placed
            index._by_row[row] = placed


def divisions_within(lines: list[BudgetLine]) -> list[BudgetLine]:
    """The children's subtotals that are a division or service area of the directorate, not the
    directorate: a directorate-level row naming children's services whose budget (else forecast) a
    larger children's directorate row of the same document and year holds as well ("Total Children's
    Social Care" 48.7m beside "Total Children, Young People and Learning" 66.3m)."""
    rows = [b for b in lines if b.level == "directorate" and names_childrens_directorate(b)]
    return [
        line
        for line in rows
        if any(
            _smaller(line, other)
            and other.provenance[0].file == line.provenance[0].file
            and other.period == line.period
            for other in rows
        )
    ]


def scope_rows(lines: list[BudgetLine]) -> list[BudgetLine]:
    """The rows that may be a part of the children's scope: a directorate's or division's row that
    holds children's services (`names_childrens_directorate`) or education and SEND
    (`education_apart`)."""
    return [
        b
        for b in lines
        if b.level == "directorate"
        and (names_childrens_directorate(b) or education_apart(b.directorate or b.name))
    ]


# Within this share of the larger row's figure, the parts' figures add to it (printed rounding).
PARTS_ADD_UP = 1e-4
# The most candidate rows of one document tried as parts of another by their figures (2**n sets).
MOST_PARTS_TRIED = 10


def parts_of(lines: list[BudgetLine]) -> dict[int, BudgetLine]:
    """Each row of the children's scope (`scope_rows`) that another such row of the same document
    and year holds, by id, with the row that holds it: the parts of the children's scope are
    disjoint rows, so a row held by another is a part OF it ("of which"), never added to it.

    A row holds another where the other's lines sit under it (the lines its lines-to-total check
    sums include the other row, or every line the other's own check sums), or where the other's
    figures are inside its total: the other, with further candidate rows smaller than it, adds to
    its budget (and forecast, where each gives one). "Total Children, Young People and Learning"
    holds "Total Children's Social Care" and "Total Education & Learning"; a Children's Services
    directorate beside an Education, Skills and SEND directorate holds neither's lines, nor do their
    figures add to one another's."""
    rows = scope_rows(lines)
    out: dict[int, BudgetLine] = {}
    for whole in rows:
        others = [
            b
            for b in rows
            if b is not whole
            and b.provenance[0].file == whole.provenance[0].file
            and b.period == whole.period
            and _smaller(b, whole)
        ]
        for part in [*_lines_under(whole, others), *_figures_inside(whole, others)]:
            # the smallest row holding a part is the one it is a part of
            held_by = out.get(id(part))
            if held_by is None or _smaller(whole, held_by):
                out[id(part)] = whole
    return out


# One row is larger than another only beyond a thousandth of it: two printings of one total,
# rounded apart, are neither's part.
LARGER = 1.001


def _smaller(one: BudgetLine, other: BudgetLine) -> bool:
    mine, theirs = _size(one), _size(other)
    return mine is not None and theirs is not None and theirs > mine * LARGER


def _size(line: BudgetLine) -> float | None:
    value = line.budget_gbp if line.budget_gbp is not None else line.forecast_gbp
    return abs(value) if value is not None else None


def _summed(line: BudgetLine) -> set[tuple[str, str, str]]:
    """The rows a total's lines-to-total check sums (held or failed), by identity."""
    return {_row(p) for c in line.checks if c.identity == TOTAL_IDENTITY for p in c.provenance}


def _lines_under(whole: BudgetLine, others: list[BudgetLine]) -> list[BudgetLine]:
    summed = _summed(whole)
    if not summed:
        return []
    return [b for b in others if _row(b.provenance[0]) in summed or (own := _summed(b)) and own <= summed]


def _figures_inside(whole: BudgetLine, others: list[BudgetLine]) -> list[BudgetLine]:
    """The rows of the first set of two or more (smallest first) whose budgets, and forecasts where
    each gives one, add to `whole`'s."""
    tried = sorted(others, key=lambda b: _size(b) or 0.0)[:MOST_PARTS_TRIED]
    for n in range(2, len(tried) + 1):
        for group in combinations(tried, n):
            if all(_adds_to(whole, group, field) for field in ("budget_gbp", "forecast_gbp")):
                return list(group)
    return []


def _adds_to(whole: BudgetLine, group: tuple[BudgetLine, ...], field: str) -> bool:
    total = getattr(whole, field)
    values = [getattr(b, field) for b in group]
    if total is None or any(v is None for v in values):
        return field != "budget_gbp"  # a forecast not given on every row is no test; a budget must be
    return abs(sum(values) - total) <= max(1.0, abs(total) * PARTS_ADD_UP)


def is_grant_change(line: PlanLine) -> bool:
    """A line filed under a change in grant. Among savings it is funding, not a saving to deliver;
    among pressures ("Reduction in Grant Income") it is a loss of grant, a pressure on the net
    budget like any other, so it is kept there."""
    return category_kind(line.category) is CategoryKind.GRANT


def without_grant_changes(extraction: Extraction) -> Extraction:
    """The extraction less the savings that are changes in grant (the workbook, rendered from the
    whole extraction, keeps them); pressures filed under grant stay (`is_grant_change`)."""
    return extraction.model_copy(
        update={"savings": [s for s in extraction.savings if not is_grant_change(s)]}
    )


def _files(extraction: Extraction) -> set[str]:
    lines: list[PlanLine | BudgetLine] = [
        *extraction.savings,
        *extraction.pressures,
        *extraction.budget_lines,
    ]
    return {d.file for d in extraction.documents} | {line.provenance[0].file for line in lines}
