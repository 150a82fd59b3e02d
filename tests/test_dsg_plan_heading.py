"""The DSG plan is shown under the name the documents give it: Delivering Better Value (the DfE's
support programme) is never headed a Safety Valve agreement (Ashdown Vale's reader, p.7: "The
Council is in the Delivering Better Value programme." sat under "Safety Valve or deficit
management plan")."""

from __future__ import annotations

import re
from html import unescape

import pytest

from analyse.dsg import plan_status
from analyse.plan_delivery import plan_heading
from render.pack import pack_html
from tests.review_builders import prov


@pytest.mark.parametrize(
    ("text", "heading"),
    [
        (
            "Riverford takes part in the DfE's DBV programme for SEND.",
            "Delivering Better Value (a DfE support programme, not a Safety Valve agreement)",
        ),
        ("The Safety Valve agreement requires an in-year balance by 2027/28.", "Safety Valve"),
        ("Our High Needs recovery plan was refreshed in June.", "High Needs recovery plan"),
        ("The DSG deficit management plan is on track.", "DSG deficit management plan"),
    ],
)
def test_the_plans_heading_is_what_the_documents_call_it(text: str, heading: str) -> None:
    plan = plan_status([(text, [prov(text)])])
    assert plan is not None and plan_heading(plan.words) == heading


def test_ashdown_vales_dbv_programme_is_not_headed_safety_valve(ashdown) -> None:
    review, extraction = ashdown
    assert review.dsg.plan is not None and "Delivering Better Value" in review.dsg.plan.text
    html = pack_html(review, extraction)
    section = html[html.index('<section id="dsg">') :]
    words = unescape(" ".join(re.sub(r"<[^>]+>", "", section[: section.index("</section>")]).split()))
    assert "Safety Valve or deficit management plan" not in words
    assert "Delivering Better Value (a DfE support programme, not a Safety Valve agreement)" in words
