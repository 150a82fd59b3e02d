"""A total that does not add up because one of its lines misprints a figure its own row gives says
so, naming the line, never "the total may cover other lines". Severnbrook's reader (p.21): both
£18k gaps are the Leaving Care variance printed 368,750 where its budget and forecast give 386,750."""

from __future__ import annotations

from analyse.reconcile import UNREAD, _summed, one_line_explains
from extract.records import Check, Provenance
from extract.verify.groups import OWN_FIGURES_SAY
from extract.verify.identities import MEMBER_IDENTITY
from tests.review_builders import budget


def _total_row() -> Provenance:
    return Provenance(
        file="q2.pdf",
        sha256="ab" * 32,
        page=7,
        bbox=None,
        locator="page 7, table 2, row 9",
        text="Total Families",
    )


def _slipped(variance: float) -> object:
    # budget 2,000,000 and forecast 2,250,000 give a variance of 250,000; printed 205,000
    line = budget("Care leavers' support", "service_line", 2_000_000, 2_250_000, file="q2.pdf")
    detail = (
        f"the total at page 7, table 2, row 9{OWN_FIGURES_SAY}its variance is £0.250m, not £0.205m as printed"
    )
    check = Check(identity=MEMBER_IDENTITY, held=False, detail=detail, provenance=[_total_row()])
    return line.model_copy(update={"variance_gbp": variance, "checks": [check]})


def test_a_totals_gap_one_lines_own_slip_explains_names_the_line() -> None:
    rec = _summed("Total Families (variance)", 1_300_000, 1_255_000, 4, False, [_total_row()], "table")
    assert UNREAD in rec.message
    (said,) = one_line_explains([rec], [_slipped(205_000)])  # type: ignore[list-item]
    assert UNREAD not in said.message and said.code == "total_mismatch"
    assert (
        "One line's own arithmetic explains the difference: the figures of 'Care leavers' support' (q2.pdf,"
        " table 1) say its variance is £0.250m, not £0.205m as printed; with that figure the total adds up."
    ) in said.message
    assert len(said.provenance) == 2  # the total and the line


def test_a_gap_of_another_size_is_not_said_to_be_the_lines() -> None:
    rec = _summed("Total Families (variance)", 1_300_000, 1_200_000, 4, False, [_total_row()], "table")
    (said,) = one_line_explains([rec], [_slipped(205_000)])  # type: ignore[list-item]
    assert said.message == rec.message


def test_severnbrooks_totals_are_explained_by_the_leaving_care_variance(severnbrook) -> None:
    review, _ = severnbrook
    gaps = [r for r in review.reconciliations if r.code == "total_mismatch"]
    assert len(gaps) == 2
    for r in gaps:
        assert UNREAD not in r.message
        assert (
            "the figures of 'Leaving Care'" in r.message
            and "its variance is £0.387m, not £0.369m" in r.message
        )


def test_severnbrooks_budget_position_says_why_an_area_in_doubt_differs_from_its_verified_total(
    severnbrook,
) -> None:
    import re
    from html import unescape

    from render.pack import pack_html

    review, extraction = severnbrook
    html = pack_html(review, extraction)
    section = html[html.index('<section id="position">') :] if '<section id="position">' in html else html
    words = unescape(" ".join(re.sub(r"<[^>]+>", "", section).split()))
    at = words.index("An area sums its lines as printed")
    assert "the figures of 'Leaving Care'" in words[at : at + 600]
