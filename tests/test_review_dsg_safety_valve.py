"""The Safety Valve contributions by year, who pays each, beside the plan's draws on the reserve that
holds them; a change in how the contributions are accounted for; and the council's SEND shares the
documents set beside the national ones, a driver of High Needs spend.

Kent's budget templates (Appendix F, Cabinet 30 January 2025, read from ../shared) state the council's
contributions "towards funding the DSG deficit as agreed with DfE as part of the Safety Valve
agreement" on p21 (14,600; 11,100; 10,100 in 2025-26 to 2027-28, £000) and the DfE's on p23 (14,200;
14,200; 28,400); p24 draws the Safety Valve earmarked reserve: (9,700) of the council's contributions
in 2025-26, (14,200) and (8,300) of the DfE's in 2025-26 and 2026-27. The draft budget report's p41
states only the council's total (£82.3m between 2022-23 and 2027-28), not its years. p8 removes the
2024-25 base pressure for the council's contribution (-15,100) in a "Change in accounting treatment".
The education commissioning plan report p2 sets 40.4% of Kent's children with EHCPs in special schools
beside 32.1% nationally.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from domain_tables import pipeline_tables

from analyse.dsg import (
    accounting_changes,
    contributions_by_year,
    left_uncovered,
    offsets,
    paid_instead,
    party,
    reserve_contributions,
    reserve_drawdowns,
    safety_valve_spans,
    safety_valve_years,
    span_years,
    stated_shares,
    years_after,
)
from analyse.enquiry import safety_valve_lines, share_lines, span_lines
from analyse.records import DsgItem, DsgPosition
from analyse.review import build_review
from extract.records import Extraction, Passage, Provenance, Table
from render.pack import pack_html
from tests.refs_check import problems
from tests.render_samples import sample

FILE = "appendixF_budget_templates.pdf"
HEAD = ["MTFP Category", "Directorate", "Headline Description", "Brief Description", "2025-26 £000's",
        "2026-27 £000's", "2027-28 £000's"]  # fmt: skip
KCC = ["Contributions to reserves", "NAC", "Dedicated Schools Grant (DSG) Deficit - Safety Valve",
       "KCC Contribution towards funding the DSG deficit as agreed with DfE as part of the Safety Valve agreement",
       "14,600.0", "11,100.0", "10,100.0"]  # fmt: skip
DFE = ["Contributions to reserves", "CYPE", "Dedicated Schools Grant (DSG) Deficit - Safety Valve (DfE)",
       "DfE Contribution towards funding the DSG deficit as set out in the Safety Valve agreement",
       "14,200.0", "14,200.0", "28,400.0"]  # fmt: skip
# Not contributions of the year: a grant line's change on the year before (it names no reserve), the
# removal of last year's, a surplus put to another reserve, and the accounting change (read apart).
GRANT = ["Increases in Grants and Contributions", "CYPE", "High Needs Education - Safety Valve Agreement",
         "Contribution from the Department for Education towards the Safety Valve agreement to reduce the "
         "Dedicated Schools Grant deficit on high needs education", "-5,160.0", "0.0", "-14,200.0"]  # fmt: skip
REMOVAL = ["Removal of prior year Contributions", "NAC", "Dedicated Schools Grant (DSG) Deficit - Safety Valve",
           "Removal of prior year contribution to the DSG deficit in accordance with the Safety Valve Agreement",
           "0.0", "-14,600.0", "-11,100.0"]  # fmt: skip
SURPLUS = ["Contributions to reserves", "CYPE", "Dedicated Schools Grant (DSG) - Safety Valve",
           "Contribution of anticipated in year DSG surplus to the schools unallocated reserve", "0.0", "0.0",
           "5,900.0"]  # fmt: skip
ACCOUNTING = ["Government & Legislative", "NAC", "Dedicated Schools Grant (DSG) Deficit - Safety Valve",
              "Change in accounting treatment of KCC Contribution towards funding the DSG deficit as agreed with "
              "DfE. Remove base spending pressure included in 2024-25 budget and replace with a contribution to "
              "reserves", "-15,100.0", "0.0", "0.0"]  # fmt: skip
DRAW_KCC = ["Drawdowns from reserves", "CYPE", "Dedicated Schools Grant (DSG) - Safety Valve (KCC)",
            "Drawdown of Safety Valve Earmarked reserve (KCC contributions) to offset anticipated in year DSG "
            "deficit", "-9,700.0", "0.0", "0.0"]  # fmt: skip
DRAW_DFE = ["Drawdowns from reserves", "CYPE", "Dedicated Schools Grant (DSG) - Safety Valve (DfE)",
            "Drawdown of Safety Valve Earmarked reserve (DfE contributions) to offset anticipated in year DSG "
            "deficit", "-14,200.0", "-8,300.0", "0.0"]  # fmt: skip
MIX = (
    "Whereas 40.4% of Kent children and young people with EHCPs are educated in a special school (including"
    " independent schools) compared to 32.1% nationally."
)
MAINSTREAM = (
    "In Kent 34.8% of children and young people (34% in 2023) are educated in mainstream schools (including"
    " SRPs), whilst the national figure is 43.1%."
)


EHCPS = "The number of EHCPs have increased each year since 2010."  # names SEND for the sentence after


def _table(page: int, *rows: list[str]) -> Table:
    where = Provenance(
        file=FILE, sha256="cd" * 32, page=page, bbox=None, locator=f"page {page}, table 1", text="t"
    )
    return Table(
        file=FILE, page=page, bbox=None, rows=[HEAD, *rows], unit="£000", header_rows=1,
        locator=f"page {page}, table 1", provenance=[where],
    )  # fmt: skip


def _passage(text: str, page: int = 2) -> Passage:
    where = Provenance(
        file="report.pdf",
        sha256="ab" * 32,
        page=page,
        bbox=None,
        locator=f"page {page}, paragraph 3",
        text=text,
    )
    return Passage(text=text, provenance=[where])


def _plan(draw_kcc: list[str] = DRAW_KCC) -> list[Table]:
    return [
        _table(8, ACCOUNTING),
        _table(19, GRANT),
        _table(21, KCC, REMOVAL),
        _table(23, DFE, SURPLUS),
        _table(24, draw_kcc, DRAW_DFE),
    ]


@pytest.mark.parametrize(
    ("words", "who"),
    [
        ("Safety Valve Earmarked reserve (KCC contributions)", "council"),
        ("Safety Valve Earmarked reserve (DfE contributions)", "DfE"),
        ("and £14.6m local authority contribution to DSG deficit", "council"),
        ("the Department for Education provides a substantial contribution", "DfE"),
        ("the Council's contribution to a specific reserve", "council"),
        ("a contribution to the DSG deficit reserve", ""),  # no payer named: none guessed
    ],
)
def test_the_payer_of_a_safety_valve_sum_is_read_from_its_words(words: str, who: str) -> None:
    assert party(words) == who


def test_each_years_contribution_is_read_with_its_payer_and_row() -> None:
    found = reserve_contributions(_plan())
    assert [(c.year, c.amount_gbp, c.party, c.provenance[0].page) for c in found] == [
        ("2025-26", 14.6e6, "council", 21),
        ("2026-27", 11.1e6, "council", 21),
        ("2027-28", 10.1e6, "council", 21),
        ("2025-26", 14.2e6, "DfE", 23),
        ("2026-27", 14.2e6, "DfE", 23),
        ("2027-28", 28.4e6, "DfE", 23),
    ]  # not the grant's change, the removal, the surplus to another reserve, nor the accounting change
    assert found[0].words.startswith("KCC Contribution towards funding the DSG deficit")


def test_a_lines_payer_named_only_in_its_headline_is_read_from_it() -> None:
    unnamed = [*DFE[:3], "Contribution towards funding the DSG deficit to reserves", *DFE[4:]]
    assert {c.party for c in reserve_contributions([_table(23, unnamed)])} == {"DfE"}


def test_a_sentences_contribution_for_one_year_is_the_rows_citing_both() -> None:
    where = Provenance(file="draft.pdf", sha256="ef" * 32, page=4, bbox=None, locator="page 4", text="s")
    stated = DsgItem(
        amount_gbp=14.6e6,
        words="2025-26",
        offset="contribution",
        contributions="and £14.6m local authority contribution to DSG deficit",
        text="s",
        provenance=[where],
    )
    span = stated.model_copy(
        update={"amount_gbp": 82.3e6, "words": "2022-23 to 2027-28", "contributions": "KCC contribution"}
    )
    found = contributions_by_year(reserve_contributions(_plan()), [stated, span])
    first = next(c for c in found if c.year == "2025-26" and c.party == "council")
    assert [p.page for p in first.provenance] == [21, 4] and len(found) == 6  # a span's total is no year's


def test_each_years_contributions_are_set_beside_the_draws_on_their_reserve() -> None:
    tables = _plan()
    years = safety_valve_years(reserve_contributions(tables), reserve_drawdowns(tables))
    assert [(y.year, y.party, y.contributed_gbp, y.drawn_gbp, y.left_gbp, y.agrees) for y in years] == [
        ("2025-26", "council", 14.6e6, 9.7e6, pytest.approx(4.9e6), False),
        ("2025-26", "DfE", 14.2e6, 14.2e6, 0.0, True),
        ("2026-27", "council", 11.1e6, 0.0, 11.1e6, False),
        ("2026-27", "DfE", 14.2e6, 8.3e6, pytest.approx(5.9e6), False),
        ("2027-28", "council", 10.1e6, 0.0, 10.1e6, False),
        ("2027-28", "DfE", 28.4e6, 0.0, 28.4e6, False),
    ]
    assert [p.page for p in years[0].provenance] == [21, 24]  # the contribution's row, then the draw's


def test_a_year_whose_draw_is_the_contribution_agrees_and_one_beyond_it_is_drawn_from_earlier() -> None:
    as_paid = [*DRAW_KCC[:4], "-14,600.0", "0.0", "0.0"]
    beyond = [*DRAW_KCC[:4], "-16,000.0", "0.0", "0.0"]
    for draw, agrees, left in ((as_paid, True, 0.0), (beyond, False, -1.4e6)):
        tables = _plan(draw)
        first = safety_valve_years(reserve_contributions(tables), reserve_drawdowns(tables))[0]
        assert (first.agrees, first.left_gbp) == (agrees, pytest.approx(left))


def _dsg(**update: object) -> DsgPosition:
    tables = _plan()
    paid, drawn = reserve_contributions(tables), reserve_drawdowns(tables)
    dsg = DsgPosition(
        contributions_by_year=paid,
        reserve_drawdowns=drawn,
        safety_valve_years=safety_valve_years(paid, drawn),
        accounting_changes=accounting_changes(tables),
    )
    return dsg.model_copy(update=update)


def _item(amount: float, text: str, page: int, **fields: object) -> DsgItem:
    where = Provenance(
        file="draft.pdf", sha256="ef" * 32, page=page, bbox=None, locator=f"page {page}", text=text
    )
    return DsgItem(amount_gbp=amount, text=text, provenance=[where], **fields)  # type: ignore[arg-type]


# The draft budget report's p18 deficit after contributions, its p4 Safety Valve money held, and the
# in-year positions Appendix F p10 states (a £5.9m surplus in 2027-28).
DEFICIT = _item(96e6, "reduced by contributions to an estimated £96m at the end of 2024-25", 18,
                words="the end of 2024-25", contributions="reduced by contributions to", hedge="estimated",
                places=0)  # fmt: skip
HELD = _item(36.2e6, "including £36.2m from Safety Valve contributions", 4, words="the end of 2023-24",
             offset="held", places=1, contributions="including £36.2m from Safety Valve contributions")  # fmt: skip
IN_YEAR = [
    _item(a, "in year", 10, year=y) for a, y in ((23.9e6, "2025-26"), (8.3e6, "2026-27"), (-5.9e6, "2027-28"))
]


def test_money_left_in_the_reserves_is_set_aside_and_no_stake() -> None:
    (line,) = safety_valve_lines(_dsg())
    assert line.amount_gbp is None and line.stake == ""  # set aside, not at risk: ranks after money
    assert line.question == (
        "In-year DSG deficits take £32.2m of the £92.6m Safety Valve contributions paid in over 2025-26 to"
        " 2027-28 (all of the DfE's £14.2m in 2025-26), leaving £60.4m in the reserves. What is the money"
        " left set against, and when?"
    )
    assert (
        "2025-26: the council pays in £14.6m and the plan draws £9.7m from its reserve (£4.9m left)"
        in line.because
        and "2025-26: the DfE pays in £14.2m and the plan draws £14.2m from its reserve (all of it)"
        in line.because
        and "2027-28: the DfE pays in £28.4m and the plan draws nothing from its reserve" in line.because
    )
    assert (
        "'Change in accounting treatment of KCC Contribution" in line.because
        and "(-£15.1m in 2025-26)" in (line.because)
    )
    assert {p.page for p in line.provenance} == {8, 21, 23, 24}  # no deficit, money held or in-year cited
    agreeing = [y.model_copy(update={"agrees": True}) for y in _dsg().safety_valve_years]
    assert safety_valve_lines(_dsg(safety_valve_years=agreeing)) == []


def test_whether_the_deficit_counts_the_money_held_is_asked_and_what_it_leaves_is_the_stake() -> None:
    (line,) = safety_valve_lines(_dsg(cumulative_deficit=DEFICIT, offsets=[HELD], in_year=IN_YEAR))
    # 96 + 23.9 + 8.3 - 5.9 - 92.6 paid in = 29.7; the held 36.2 would cover it, 6.5 over
    assert line.amount_gbp == pytest.approx(29.7e6) and line.stake_period == "balance"
    # worked out on a condition the documents do not settle: ranked after the money they state
    assert line.estimated
    assert line.stake == (
        "the DSG deficit left uncovered at the end of 2027-28 if it already counts the Safety Valve money"
        " held (worked out)"
    )
    assert (
        "Does the deficit after contributions (an estimated £96m at the end of 2024-25) already count the"
        " £36.2m of Safety Valve contributions held at the end of 2023-24? If it does, £29.7m of it is still"
        " uncovered at the end of 2027-28: what covers it?"
    ) in line.question
    assert "(£23.9m deficit in 2025-26; £8.3m deficit in 2026-27; £5.9m surplus in 2027-28)" in line.because
    assert "that money covers it (£6.5m over)." in line.because
    assert {p.page for p in line.provenance} >= {18, 4, 10, 21, 23, 24}
    deficit_in_2027 = [*IN_YEAR[:2], IN_YEAR[2].model_copy(update={"amount_gbp": 5.9e6})]
    (worse,) = safety_valve_lines(_dsg(cumulative_deficit=DEFICIT, offsets=[HELD], in_year=deficit_in_2027))
    assert worse.amount_gbp == pytest.approx(41.5e6) and "leaves £5.3m." in worse.because


def test_nothing_is_at_stake_where_the_uncovered_deficit_cannot_be_worked_out_or_is_covered() -> None:
    dsg = _dsg(cumulative_deficit=DEFICIT, offsets=[HELD])
    for update in ({"in_year": IN_YEAR[:2]}, {"in_year": IN_YEAR, "cumulative_deficit": DEFICIT.model_copy(
        update={"amount_gbp": 60e6})}):  # fmt: skip
        (line,) = safety_valve_lines(dsg.model_copy(update=update))
        assert line.amount_gbp is None and "already count the £36.2m" in line.question
    # 60 + 26.3 in-year - 92.6 paid in: met, 6.3 over, whatever the deficit counts
    assert "is met by the end of 2027-28 (£6.3m over) even if it counts the money held." in line.because
    before = DEFICIT.model_copy(update={"contributions": ""})  # not stated after contributions: not asked
    (line,) = safety_valve_lines(dsg.model_copy(update={"cumulative_deficit": before, "in_year": IN_YEAR}))
    assert line.amount_gbp is None and "already count" not in line.question


def test_only_the_years_after_the_deficits_date_are_paid_in_towards_it() -> None:
    dsg = _dsg()
    later = DEFICIT.model_copy(update={"words": "the end of 2025-26"})
    assert [y.year for y in years_after(later, dsg.safety_valve_years)] == ["2026-27"] * 2 + ["2027-28"] * 2
    # 96 + 8.3 - 5.9 - (11.1 + 14.2 + 10.1 + 28.4) = 34.6
    (amount, last) = left_uncovered(later, dsg.safety_valve_years, IN_YEAR) or (0.0, "")
    assert (amount, last) == (pytest.approx(34.6e6), "2027-28")
    assert years_after(DEFICIT.model_copy(update={"words": ""}), dsg.safety_valve_years) == []


def test_an_accounting_change_is_set_beside_the_contribution_it_puts_its_sum_into() -> None:
    tables = _plan()
    (instead,) = paid_instead(accounting_changes(tables), reserve_contributions(tables))
    assert (instead.party, instead.year, instead.amount_gbp, instead.provenance[0].page) == (
        "council", "2025-26", 14.6e6, 21,
    )  # fmt: skip
    later = [c.model_copy(update={"year": "2026-27"}) for c in accounting_changes(tables)]
    assert [p.amount_gbp for p in paid_instead(later, reserve_contributions(tables))] == [11.1e6]
    added = [c.model_copy(update={"amount_gbp": 15.1e6}) for c in accounting_changes(tables)]
    assert paid_instead(added, reserve_contributions(tables)) == []  # it removes no sum


def _total(amount: float, words: str = "2022-23 to 2027-28") -> DsgItem:
    where = Provenance(file="draft.pdf", sha256="ef" * 32, page=41, bbox=None, locator="page 41", text="s")
    said = f"KCC is required to make a contribution totaling £{amount / 1e6:g}m between {words}."
    return DsgItem(
        amount_gbp=amount,
        words=words,
        offset="contribution",
        contributions=said,
        text=said,
        provenance=[where],
    )


def test_a_total_over_years_is_set_beside_the_years_given_within_it() -> None:
    assert span_years("2022-23 to 2027-28") == [
        "2022-23",
        "2023-24",
        "2024-25",
        "2025-26",
        "2026-27",
        "2027-28",
    ]
    paid = reserve_contributions(_plan())
    (span,) = safety_valve_spans([_total(82.3e6)], paid)  # the DfE's years are another party's
    assert (span.party, span.given_gbp, span.remainder_gbp, span.agrees) == (
        "council",
        pytest.approx(35.8e6),
        pytest.approx(46.5e6),
        None,
    )
    assert span.years_missing == ["2022-23", "2023-24", "2024-25"]
    assert [p.page for p in span.provenance] == [41, 21]
    assert span_lines(DsgPosition(safety_valve_spans=[span])) == []  # years missing: nothing to check


def test_a_total_its_years_do_not_sum_to_is_asked() -> None:
    paid = reserve_contributions(_plan())
    whole = "2025-26 to 2027-28"
    (agrees,) = safety_valve_spans([_total(35.8e6, whole)], paid)
    (differs,) = safety_valve_spans([_total(36.8e6, whole)], paid)
    (short,) = safety_valve_spans([_total(30.0e6)], paid)  # years missing, yet the years given exceed it
    assert (agrees.agrees, differs.agrees, short.agrees) == (True, False, False)
    assert span_lines(DsgPosition(safety_valve_spans=[agrees])) == []
    (line,) = span_lines(DsgPosition(safety_valve_spans=[differs]))
    assert line.amount_gbp == pytest.approx(1e6)
    assert "the council's Safety Valve contribution as £36.8m for 2025-26 to 2027-28" in line.question
    assert "as £35.8m: which is right" in line.question


def test_an_accounting_change_on_the_dsg_is_read_signed_with_its_words() -> None:
    reworded = [*ACCOUNTING[:3], "Change in accounting treatment of KCC Contribution towards funding the DSG "
                "deficit, now a contribution to reserves", "-15,100.0", "0.0", "0.0"]  # fmt: skip
    assert reserve_contributions([_table(8, reworded)]) == []  # never a contribution of the year
    (change,) = accounting_changes(_plan())
    assert (change.year, change.amount_gbp, change.party, change.provenance[0].page) == (
        "2025-26",
        -15.1e6,
        "council",
        8,
    )
    assert change.words.startswith("Change in accounting treatment of KCC Contribution")


def test_the_councils_share_beside_the_national_one_is_read_from_a_send_passage() -> None:
    found = stated_shares([_passage(f"{EHCPS} {MAINSTREAM} {MIX}")])
    assert [(s.council_pct, s.national_pct, s.council_places) for s in found] == [
        (34.8, 43.1, 1),
        (40.4, 32.1, 1),
    ]
    assert found[1].words == (
        "of Kent children and young people with EHCPs are educated in a special school (including independent schools)"
    )
    assert found[0].provenance[0].text == MAINSTREAM  # each cited to its own sentence
    assert [s.council_pct for s in stated_shares([_passage(f"{MAINSTREAM} {MIX}")])] == [
        40.4
    ]  # no SEND before


@pytest.mark.parametrize(
    ("sentence", "pair", "words"),
    [
        (
            "Nationally 32.1% of children with EHCPs are in special schools, whereas in Kent it is 40.4%.",
            (40.4, 32.1),
            "of children with EHCPs are in special schools",
        ),
        (
            "40.4% of children with EHCPs attend special schools (32.1% nationally).",
            (40.4, 32.1),
            "of children with EHCPs attend special schools",
        ),
        (
            "Of children with EHCPs, 5.2% are in alternative provision against an England average of 3%.",
            (5.2, 3.0),
            "",
        ),
        (
            "In Kent 34% of children with EHCPs were in special schools in 2020 and 40.4% in 2024, against 32.1%"
            " nationally.",
            (40.4, 32.1),  # the nearest of the council's shares before it
            "in 2024",
        ),
    ],
)
def test_a_national_share_after_before_or_in_brackets_is_set_beside_the_councils(
    sentence: str, pair: tuple[float, float], words: str
) -> None:
    (found,) = stated_shares([_passage(sentence)])
    assert (found.council_pct, found.national_pct) == pair
    assert found.words == words or not words


def test_shares_outside_send_or_without_a_national_one_are_not_drivers() -> None:
    council_tax = "Council tax rises by 4.99% in Kent against 4.8% nationally."
    alone = "40.4% of Kent children and young people with EHCPs are educated in a special school."
    both_kents = (
        "In Kent 40.4% of children with EHCPs are in special schools and 34.8% in mainstream schools."
    )
    assert stated_shares([_passage(council_tax)]) == []  # not a SEND passage
    assert stated_shares([_passage(alone)]) == []  # no national share beside it
    assert stated_shares([_passage(both_kents)]) == []  # two of the council's own
    assert [s.council_pct for s in stated_shares([_passage(f"{council_tax} {MIX}")])] == [
        40.4
    ]  # SEND: all read
    (line,) = share_lines(DsgPosition(stated_shares=stated_shares([_passage(MIX)])))
    assert "(40.4% against 32.1% nationally)" in line.question and line.amount_gbp is None


def test_the_pack_shows_contributions_by_year_the_accounting_change_and_the_driver_traced() -> None:
    built = build_review(Extraction(tables=_plan(), passages=[_passage(MIX)]))
    spans = safety_valve_spans([_total(82.3e6)], built.dsg.contributions_by_year)
    built = built.model_copy(update={"dsg": built.dsg.model_copy(update={"safety_valve_spans": spans})})
    review, extraction = sample()
    review = review.model_copy(update={"dsg": built.dsg, "lines_of_enquiry": built.lines_of_enquiry})
    html = pack_html(review, extraction)
    start = html.index('<section id="dsg">')
    words = re.sub(r"<[^>]+>", "", html[start : html.index("</section>", start)])
    assert re.search(
        r"2025-26: the council pays in £14\.6m \[S\d+\]; the plan draws £9\.7m from its reserve \[S\d+\]: "
        r"£4\.9m left in the reserve \(derived\)",
        words,
    ), words
    assert re.search(
        r"2025-26: the DfE pays in £14\.2m \[S\d+\]; the plan draws £14\.2m .{0,30}: all drawn", words
    )
    assert "2027-28: the DfE pays in £28.4m" in words and "nothing from its reserve" in words
    asked = next(i for i, q in enumerate(built.lines_of_enquiry, 1) if "Safety Valve" in q.question)
    assert (
        f"what the deficit already counts of it and of the money held is asked in line of enquiry {asked}."
        in words
    )
    assert (
        "The council's £82.3m for 2022-23 to 2027-28 [S" in words
        and "£35.8m of it given by year (2025-26, 2026-27, 2027-28, derived); the other £46.5m (2022-23, 2023-24,"
        " 2024-25) is not given by year (derived)."
        in words
    )
    assert "-£15.1m in 2025-26: “Change in accounting treatment of KCC Contribution" in words
    assert re.search(
        r"The same year the plan pays £14\.6m, the council's, into a reserve: “KCC Contribution", words
    )
    assert "changes what the deficit" not in words  # the page says what the line moves, no more
    assert re.search(r"40\.4% against 32\.1% nationally: “of Kent children .{0,120}” \[S\d+\]", words)
    review_json, extraction_json = review.model_dump(mode="json"), extraction.model_dump(mode="json")
    assert problems(html, review_json, extraction_json) == []


@pytest.fixture(scope="module")
def kent_plan(kent_dir: Path) -> list[Table]:
    return pipeline_tables(kent_dir / "kent_cabinet_2025-01-30_appendixF_budget_templates.pdf")[1]


def test_kents_safety_valve_contributions_by_year_are_read_from_appendix_f(kent_plan: list[Table]) -> None:
    paid, drawn = reserve_contributions(kent_plan), reserve_drawdowns(kent_plan)
    assert [(c.year, c.party, c.amount_gbp, c.provenance[0].page) for c in paid] == [
        ("2025-26", "council", 14.6e6, 21),
        ("2026-27", "council", 11.1e6, 21),
        ("2027-28", "council", 10.1e6, 21),
        ("2025-26", "DfE", 14.2e6, 23),
        ("2026-27", "DfE", 14.2e6, 23),
        ("2027-28", "DfE", 28.4e6, 23),
    ]
    years = safety_valve_years(paid, drawn)
    left = {(y.year, y.party): round(y.left_gbp / 1e5) / 10 for y in years}
    assert left == {
        ("2025-26", "council"): 4.9,
        ("2025-26", "DfE"): 0.0,
        ("2026-27", "council"): 11.1,
        ("2026-27", "DfE"): 5.9,
        ("2027-28", "council"): 10.1,
        ("2027-28", "DfE"): 28.4,
    }
    (change,) = accounting_changes(kent_plan)
    assert (change.year, change.amount_gbp, change.provenance[0].page) == ("2025-26", -15.1e6, 8)


def test_kents_council_total_is_set_beside_its_years_from_the_draft_budget_and_appendix_f(
    kent_dir: Path, kent_plan: list[Table]
) -> None:
    from extract.document import extract_file

    name = "kent_cabinet_2025-01-30_draft_revenue_budget_2025-26_MTFP_2025-28.pdf"
    stated = offsets(extract_file(name, (kent_dir / name).read_bytes()).figures)
    paid = contributions_by_year(reserve_contributions(kent_plan), stated)
    first = next(c for c in paid if (c.year, c.party) == ("2025-26", "council"))
    assert [p.page for p in first.provenance] == [21, 4, 42]  # the row, and the sentences saying it again
    (span,) = safety_valve_spans(stated, paid)
    assert (span.total_gbp, span.span, span.provenance[0].page) == (82.3e6, "2022-23 to 2027-28", 41)
    assert (round(span.given_gbp / 1e5) / 10, span.years_missing) == (35.8, ["2022-23", "2023-24", "2024-25"])
    assert round(span.remainder_gbp / 1e5) / 10 == 46.5 and span.agrees is None


def test_kents_placement_mix_beside_the_national_one_is_read_from_the_commissioning_report(
    kent_dir: Path,
) -> None:
    from extract.document import extract_file

    name = "kent_cabinet_2025-01-30_24-00096_education_commissioning_plan_report.pdf"
    found = stated_shares(extract_file(name, (kent_dir / name).read_bytes()).passages)
    assert [(s.council_pct, s.national_pct, s.provenance[0].page) for s in found] == [
        (34.8, 43.1, 2),
        (40.4, 32.1, 2),
    ]
    assert "special school" in found[1].words


def test_kents_safety_valve_question_asks_what_the_deficit_counts_and_stakes_what_it_leaves(
    kent_dir: Path,
) -> None:
    """Draft budget report p18 (an estimated £96m at the end of 2024-25, after contributions) and p4
    (£36.2m held at the end of 2023-24); Appendix F p10 (in-year £23.9m, £8.3m, a £5.9m surplus), p21
    and p23 (paid in: 35.8 + 56.8 = £92.6m), p24 (drawn 9.7 + 14.2 + 8.3 = £32.2m), p8 (-£15.1m)."""
    from extract.document import extract_file

    names = ["kent_cabinet_2025-01-30_draft_revenue_budget_2025-26_MTFP_2025-28.pdf", "kent_cabinet_2025-01-30_appendixF_budget_templates.pdf"]  # fmt: skip
    review = build_review(Extraction.combine([extract_file(n, (kent_dir / n).read_bytes()) for n in names]))
    (line,) = [q for q in review.lines_of_enquiry if "Safety Valve contributions paid in" in q.question]
    assert line.question.startswith(
        "In-year DSG deficits take £32.2m of the £92.6m Safety Valve contributions paid in over 2025-26 to"
        " 2027-28 (all of the DfE's £14.2m in 2025-26), leaving £60.4m in the reserves. Does the deficit after"
        " contributions (an estimated £96m at the end of 2024-25) already count the £36.2m of Safety Valve"
        " contributions held at the end of 2023-24? If it does, £29.7m of it is still uncovered at the end"
        " of 2027-28"
    )
    assert line.amount_gbp == pytest.approx(29.7e6) and "£60.4m" not in line.stake
    (instead,) = review.dsg.accounting_paid_in
    assert (instead.amount_gbp, instead.provenance[0].page) == (14.6e6, 21)
    assert [c.budget_area for c in [*review.dsg.accounting_changes, instead]] == [
        "Borrowing costs, contributions to/from reserves & other corporate costs (NAC)"
    ] * 2
