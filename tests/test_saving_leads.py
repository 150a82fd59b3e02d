"""A directorate's unidentified saving goes to the lead the documents name for it, and is filed as
the whole directorate's, not one of its services'."""

from __future__ import annotations

import re

from hypothesis import example, given
from hypothesis import strategies as st

from analyse.enquiry import lines_of_enquiry
from analyse.flags import Context, assess_savings
from analyse.leads import LEAD, SavingLeads
from analyse.records import Position
from analyse.scope import directorate_wide, scope_index
from extract.records import Extraction, Passage, PlanLine, Rag
from tests.review_builders import YEAR, prov, saving

PLAN = [
    "CYPE-06: Recommission early help contracts",
    "Saving: £400k in 2025-26. Lead: Head of Commissioning.",
    "CYPE-07: Savings still to be identified – CYPE",
    "Savings of £1.5m are still to be identified. Options will be reported to Cabinet.",
    "Saving: £1,500k in 2025-26. Lead: Director of Children's Services.",
]


def passages(texts: list[str]) -> list[Passage]:
    return [
        Passage(text=t, provenance=[prov(t, "plan.docx", f"paragraph {n}")]) for n, t in enumerate(texts, 1)
    ]


def unidentified(**fields: object):
    fields = {"status_text": "Unidentified. Options to be brought to Cabinet in December 2025.", **fields}
    return saving(
        "Savings still to be identified – CYPE",
        ref="CYPE-07",
        target_gbp=1.5e6,
        forecast_gbp=0.0,
        rag=Rag.RED,
        period=YEAR,
        **fields,
    )


def test_a_savings_lead_is_the_one_named_under_its_own_heading() -> None:
    other = saving("Recommission early help contracts", ref="CYPE-06")
    found = SavingLeads([other, unidentified()], passages(PLAN)).lead(unidentified())
    assert found is not None and found.who == "Director of Children's Services"
    assert found.provenance[0].locator == "paragraph 5"
    # The other saving's lead is under its heading, not this one's.
    assert SavingLeads([other, unidentified()], passages(PLAN)).lead(other).who == "Head of Commissioning"  # type: ignore[union-attr]
    assert SavingLeads([other], passages(PLAN[:2])).lead(unidentified()) is None
    # A saving with no lead under its heading takes none from the next saving's.
    unled = ["CYPE-06: Recommission early help contracts", *PLAN[2:]]
    assert SavingLeads([other, unidentified()], passages(unled)).lead(other) is None


def test_a_directorates_unidentified_saving_is_asked_of_the_lead_the_documents_name() -> None:
    line = unidentified()
    named = Context(YEAR, [], [], savings=[line], passages=passages(PLAN))
    (asked,) = lines_of_enquiry(
        [f for a in assess_savings([line], named) for f in a.flags], [], Position(), []
    )
    assert asked.addressed_to == "DCS"
    assert "Options to be brought to Cabinet in December 2025" in asked.because
    assert "Its lead, in the documents' words: Director of Children's Services." in asked.because
    # The documents give the route and date: the question asks what that leaves open.
    assert asked.question.startswith(
        "The documents say of 'Savings still to be identified – CYPE': 'Options to be brought to Cabinet in"
        " December 2025'. Which options went"
    )
    # No lead named: the children's service that must find it first, then the S151 officer (a
    # children's saving is never the S151 officer's alone: the readers of 2026-12-07).
    unnamed = Context(YEAR, [], [], savings=[line])
    (asked,) = lines_of_enquiry(
        [f for a in assess_savings([line], unnamed) for f in a.flags], [], Position(), []
    )
    assert asked.addressed_to == "DCS; S151"
    # No route or date given: how, when and by whom.
    undated = unidentified(status_text="Unidentified. Options will be reported to Cabinet.")
    (asked,) = lines_of_enquiry(
        [f for a in assess_savings([undated], unnamed) for f in a.flags], [], Position(), []
    )
    assert asked.question.startswith("How and when will the unidentified savings")


def test_every_question_on_a_saving_goes_to_the_lead_the_documents_name() -> None:
    other = saving(
        "Recommission early help contracts", ref="CYPE-06", target_gbp=400e3, forecast_gbp=100e3, period=YEAR
    )
    named = Context(YEAR, [], [], savings=[other], passages=passages(PLAN))
    (asked,) = lines_of_enquiry(
        [f for a in assess_savings([other], named) for f in a.flags], [], Position(), []
    )
    assert asked.question.startswith("How will the shortfall on")
    assert asked.addressed_to == "DCS; commissioning"  # its lead: the Head of Commissioning
    assert "paragraph 2" in [p.locator for p in asked.provenance]
    unnamed = Context(YEAR, [], [], savings=[other])
    (asked,) = lines_of_enquiry(
        [f for a in assess_savings([other], unnamed) for f in a.flags], [], Position(), []
    )
    assert asked.addressed_to == "DCS; S151"  # no lead named: the service first, then the S151


def test_an_unidentified_savings_own_words_are_quoted_where_they_belong() -> None:
    (judged,) = [a.judgement() for a in assess_savings([unidentified()], Context(YEAR, [], []))]
    (reason,) = [r for r in judged.reasons if r.code == "unidentified_saving"]
    assert reason.reason.startswith(
        "not yet identified or allocated to a service ('to be identified'; the tracker"
    )
    assert "lead" not in reason.reason


def test_a_saving_named_for_the_directorate_as_a_whole_is_labelled_the_directorate() -> None:
    assert directorate_wide("Savings still to be identified – CYPE")
    assert not directorate_wide("CYPE fostering recruitment")
    assert not directorate_wide("Adults & Older Persons - CYPE")
    line = unidentified(directorate="Children, Young People and Education")
    scopes = scope_index(Extraction(savings=[line]))
    scopes.plan_line(line)
    (label,) = scopes.line_labels().values()
    assert label.startswith("Children, Young People and Education: the children's directorate")


def _lead_saving_by_saving(
    line: PlanLine, others: list[PlanLine], texts: list[tuple[str, str]]
) -> str | None:
    """The rule as it reads for one saving, read saving by saving with one pattern per name (as
    analyse.leads read it before it read the prose once for a review): the reference."""
    name = line.ref or line.title
    mine = re.compile(rf"(?<!\w){re.escape(name)}(?!\w)", re.I)
    theirs = [
        re.compile(rf"(?<!\w){re.escape(n)}(?!\w)", re.I) for o in others if (n := o.ref or o.title) != name
    ]
    under, where = False, ""
    for file, text in texts:
        under = under and file == where
        if mine.search(text):
            under, where = True, file
        elif any(t.search(text) for t in theirs):
            under = False
        if under and (found := LEAD.search(" ".join(text.split()))):
            return found["who"].strip()
    return None


# Names that hold one another ("Fostering" in "fostering recruitment"), differ only in case or by a
# Turkish capital I, or start with no word ("(b) Kinship"); and the lines a plan prints around them.
NAMES = ["CYPE-06", "cype-06", "Fostering", "fostering recruitment", "(b) Kinship", "İnclusion", "inclusion"]
LINES = [*NAMES, "Lead: Head of Service", "Lead officer: Director", "Other text.", "FOSTERING Recruitment"]


# A heading ends with its document: "Kinship" heads nothing in b.pdf, whose lead is another's.
@example(
    ["Fostering"], [("a.pdf", ["Other text."]), ("a.pdf", ["(b) Kinship"]), ("b.pdf", []), ("b.pdf", [])]
)
@given(
    st.lists(st.sampled_from(NAMES), min_size=1, max_size=5),
    st.lists(
        st.tuples(st.sampled_from(["a.pdf", "b.pdf"]), st.lists(st.sampled_from(LINES), max_size=3)),
        max_size=8,
    ),
)
def test_leads_read_once_for_a_review_are_those_read_saving_by_saving(
    names: list[str], printed: list
) -> None:
    texts = [
        (file, " ".join(words) + (" Lead: Head of Service" if n % 3 == 0 else ""))
        for n, (file, words) in enumerate(printed)
    ]
    paragraphs = [Passage(text=t or ".", provenance=[prov(t or ".", f, "paragraph 1")]) for f, t in texts]
    others = [saving(n) for n in names]
    leads = SavingLeads(others, paragraphs)
    for line in [*others, saving("Kinship"), saving("CYPE-06 fostering recruitment")]:
        found = leads.lead(line)
        assert (found.who if found else None) == _lead_saving_by_saving(
            line, others, [(f, t or ".") for f, t in texts]
        )
