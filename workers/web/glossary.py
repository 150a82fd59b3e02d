"""The words of children's services finance that the pages use, in plain English, and the filter
that links the first use of each on a page's text to its entry on the glossary page."""

from __future__ import annotations

import re
from dataclasses import dataclass

from markupsafe import Markup, escape


@dataclass(frozen=True)
class Term:
    anchor: str
    name: str
    meaning: str
    pattern: str  # the term as written in the pages' text; "" for words too common to link


TERMS: tuple[Term, ...] = (
    Term("dsg", "DSG", "The Dedicated Schools Grant: the government's ring-fenced grant for schools and "
         "education, paid in four blocks (schools, central school services, early years and high needs).",
         r"\bDSG\b|Dedicated Schools Grant"),
    Term("ehcp", "EHC plan", "An education, health and care plan: the legal statement of a child's or "
         "young person's special educational needs and the support they must have.",
         r"\bEHC ?plans?\b|\bEHCPs?\b"),
    Term("forecast", "Forecast outturn", "What a service is expected to spend by the end of the year, as "
         "reported in budget monitoring during the year.", r"\bforecast outturn\b"),
    Term("high-needs", "High Needs", "The block of the DSG that pays for education for children and "
         "young people with SEND up to 25 (special schools, top-up funding, alternative provision). "
         "A deficit on it is often a council's largest risk.", r"\bHigh Needs\b"),
    Term("ifa", "IFA", "An independent fostering agency: a private or voluntary agency that recruits "
         "and supports foster carers. Its placements usually cost more than the council's own carers'.",
         r"\bIFAs?\b|independent fostering agenc(?:y|ies)"),
    Term("mtfp", "MTFP", "The medium term financial plan (or strategy, MTFS): the council's budget, "
         "pressures, savings and the gap still to close for the next three to five years.",
         r"\bMTF[PS]\b|medium term financial (?:plan|strategy)"),
    Term("outturn", "Outturn", "What was actually spent in a year, once the year has closed.",
         r"\boutturn\b"),
    Term("pressure", "Pressure", "A rise in cost or fall in income that the budget must meet, such as "
         "more children in care or higher placement prices.", ""),
    Term("rag", "RAG", "Red, amber or green (sometimes blue for delivered): the rating a council gives "
         "a saving or a risk for how likely it is to be delivered. Red is least likely.",
         r"\bRAG\b"),
    Term("s251", "S251", "The section 251 return: each council's statement to the Department for "
         "Education of its planned budget and its outturn on education and children's social care, "
         "line by line, published so councils can be compared.", r"\bS251\b|section 251"),
    Term("saving", "Saving", "A planned cut in spending or rise in income to close the budget gap. "
         "The money at risk is the shortfall against its target, not the whole target.", ""),
    Term("send", "SEND", "Special educational needs and disabilities.", r"\bSEND\b"),
    Term("neighbours", "Statistical neighbours", "The ten councils most like a council in population "
         "and need, by the Department for Education's measure: the usual comparison group.",
         r"\bstatistical neighbours?\b"),
    Term("uasc", "UASC", "Unaccompanied asylum-seeking children: children in a council's care who "
         "arrived without a parent or carer; the Home Office pays a grant towards their costs.",
         r"\bUASC\b"),
    Term("variance", "Variance", "Forecast outturn less budget: above nothing is an overspend, below "
         "nothing an underspend (councils print the sign either way; the pack shows an overspend as "
         "more than nothing).", r"\bvariances?\b"),
    Term("virement", "Virement", "Moving budget from one line to another during the year under the "
         "council's financial rules: it changes budgets, not spending.", r"\bvirements?\b"),
)  # fmt: skip

_FINDER = re.compile(
    "|".join(f"(?P<{t.anchor.replace('-', '_')}>{t.pattern})" for t in TERMS if t.pattern), re.I
)
_ACRONYMS = {t.anchor for t in TERMS if t.name.isupper()}


def gloss(text: object, seen: set[str]) -> Markup:
    """The text, escaped, with each glossary word not in `seen` (those linked already on the
    page) linked to its entry the first time it comes."""

    def link(match: re.Match[str]) -> str:
        anchor = next(name for name, value in match.groupdict().items() if value).replace("_", "-")
        word = match.group(0)
        # An acronym is one only in capitals ("send" is a verb, "Rag" a name).
        if anchor in seen or (anchor in _ACRONYMS and not word.isupper() and " " not in word):
            return str(escape(word))
        seen.add(anchor)
        return f'<a class="term" href="/glossary#{anchor}">{escape(word)}</a>'

    text = "" if text is None else str(text)
    out, at = [], 0
    for match in _FINDER.finditer(text):
        out += [str(escape(text[at : match.start()])), link(match)]
        at = match.end()
    out.append(str(escape(text[at:])))
    return Markup("".join(out))
