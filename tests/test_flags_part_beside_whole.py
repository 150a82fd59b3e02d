"""A flagged part of a total that overspends too says it is part of it, in words true whatever their
sizes (analyse.wording.beside_whole). Severnbrook's reader (p.15): the High Needs block's £6.3m was
flagged above the DSG total's £6.0m with no word that it sits inside the total, the other blocks'
underspends offsetting it."""

from __future__ import annotations

from typing import Any

from analyse.flags import overspend_flags
from extract.records import Check
from extract.verify.identities import MEMBER_IDENTITY
from tests.review_builders import budget

GRANT = "Dedicated Schools Grant"


def _member_of(part: Any, total: Any) -> Any:
    check = Check(identity=MEMBER_IDENTITY, held=True, detail="", provenance=[total.provenance[0]])
    return part.model_copy(update={"checks": [check]})


def test_a_block_larger_than_the_grants_net_overspend_says_the_other_lines_offset_it() -> None:
    total = budget("Grant overall", "directorate", 150e6, 154e6, directorate=GRANT)
    block = _member_of(
        budget("SEND and inclusion block", "service_line", 40e6, 45e6, directorate=GRANT), total
    )
    flags = {f.subject: f for f in overspend_flags([block, total])}
    said = flags["SEND and inclusion block"].message
    assert (
        "It is part of 'Grant overall': its £5.0m is more than that total's net overspend of £4.0m"
        " (its other lines underspend), not money on top of it." in said
    )
    assert "part of" not in flags["Grant overall"].message  # the whole is no part


def test_a_block_smaller_than_the_total_reads_as_part_of_it_already() -> None:
    total = budget("Grant overall", "directorate", 150e6, 158e6, directorate=GRANT)
    block = _member_of(
        budget("SEND and inclusion block", "service_line", 40e6, 45e6, directorate=GRANT), total
    )
    said = {f.subject: f for f in overspend_flags([block, total])}["SEND and inclusion block"].message
    assert "part of" not in said


def test_severnbrooks_high_needs_block_flag_says_it_is_part_of_the_dsg_total(severnbrook) -> None:
    review, _ = severnbrook
    (flag,) = [f for f in review.flags if f.code == "service_overspend" and f.subject == "High Needs Block"]
    assert (
        "It is part of 'Total DSG in-year': its £6.3m is more than that total's net overspend of £6.0m"
        in flag.message
    )
    assert "(its other lines underspend)" in flag.message


def test_the_totals_name_in_a_flag_is_no_theme_of_it() -> None:
    from analyse.themes import flag_words

    total = budget("SEND total", "directorate", 150e6, 154e6, directorate=GRANT)
    block = _member_of(budget("Respite breaks", "service_line", 40e6, 45e6, directorate=GRANT), total)
    flag = {f.subject: f for f in overspend_flags([block, total])}["Respite breaks"]
    assert "SEND total" in flag.message and "SEND" not in flag_words(flag)
