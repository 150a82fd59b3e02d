"""The council's savings and the children's part of them as a sentence of the plan states them
(analyse.plan_share.stated_parts, analyse.wording.whole_of)."""

from __future__ import annotations

import pytest

from analyse.plan_share import SAVINGS_TOTAL, stated_parts
from analyse.wording import whole_of
from extract.prose import figures_from_passages
from extract.records import Passage
from tests.review_builders import no_lines, prov


def figures(text: str):
    return figures_from_passages([Passage(text=text, provenance=[prov(text, "mtfp.docx", "paragraph 9")])])


@pytest.mark.parametrize(
    ("text", "whole", "part"),
    [
        (
            "Savings proposals totalling £9.2m in 2026/27 have been identified, of which £2.80m relate to "
            "Children's Services.",
            9.2e6,
            2.8e6,
        ),
        ("New savings of £14.5m are proposed for 2026-27, of which about £4.1m is from CYPE.", 14.5e6, 4.1e6),
        (
            "The 2026/27 savings programme of £21.0m includes £6.3m in Children, Young People and Education, "
            "of which £2.0m relates to the children's services.",
            6.3e6,
            2.0e6,
        ),
    ],
)
def test_a_sum_said_to_be_part_of_the_one_before_it_is_read_as_its_part(
    text: str, whole: float, part: float
) -> None:
    assert whole_of(" ".join(text.split()), part) == whole


def test_the_councils_savings_and_the_childrens_part_of_them_are_read_for_their_year() -> None:
    text = (
        "Savings proposals totalling £9.2m in 2026/27 have been identified to date, of which £2.80m relate"
        " to Children's Services (including re-profiled savings CS01 and CS05)."
    )
    found = stated_parts(figures(text), SAVINGS_TOTAL, no_lines())
    assert list(found) == ["2026-27"]
    assert (found["2026-27"].whole_gbp, found["2026-27"].part_gbp) == (9.2e6, 2.8e6)


@pytest.mark.parametrize(
    "text",
    [
        # another directorate's part
        "Savings proposals totalling £9.2m in 2026/27 have been identified, of which £3.1m relate to Adults.",
        # not savings
        "Growth totalling £30.0m in 2026/27 is included, of which £12.5m relates to Children's Services.",
        # no year for the total
        "Savings proposals totalling £9.2m have been identified, of which £2.80m relate to Children's Services.",
        # a part not said to be of the total
        "Savings of £9.2m in 2026/27 are proposed and £2.80m relate to Children's Services.",
    ],
)
def test_other_sentences_give_no_childrens_part_of_the_councils_savings(text: str) -> None:
    assert stated_parts(figures(text), SAVINGS_TOTAL, no_lines()) == {}
