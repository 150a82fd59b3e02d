"""An ex-S151 reader's points on the savings, the questions and figures stated two ways, each as a
general rule in other councils' words, then on Hallam Valley's documents (tests/hallam/TRUTH.md).

- A saving rated amber or red with no forecast is money at risk valued at its whole target, not a
  shortfall (which is target less forecast).
- A row naming only a directorate or division is a division's savings summarised, not a saving: in
  the sums, not in the count of savings.
- "Invest to save" funded, as the documents say, from a reserve depends on the reserve, not capital.
- Two questions asking the same of one sum's money (a subtotal's overspend that is nearly all one
  line's, both explained by the sentence stating the line's) are one question.
- A prose figure stating a contradicted row's variance as its table's own arithmetic gives it is a
  figure stated two ways, counted and shown as one.
"""

from __future__ import annotations

from typing import Any

from analyse.enquiry import one_per_ask
from analyse.flags import Context, assess_savings
from analyse.reconcile import stated_otherwise_checks
from analyse.records import LineOfEnquiry, Scope
from analyse.scope import scope_index
from analyse.summary import savings_summary
from extract.records import (
    BudgetLine,
    Check,
    Extraction,
    Figure,
    FigureUnit,
    Passage,
    Provenance,
    Rag,
    Verification,
)
from extract.verify.identities import TOTAL_IDENTITY
from tests.review_builders import YEAR, no_lines, prov, saving

EMPTY = Context(YEAR, [], [])


# 1. whole target at risk, not a shortfall


def test_an_amber_saving_without_a_forecast_puts_its_whole_target_at_risk_not_a_shortfall() -> None:
    bare = saving(
        "Reablement of care leavers' housing", 400_000.0, rag=Rag.AMBER, target_gbp=400_000.0, period=YEAR
    )
    forecast = saving(
        "Agency caps", 300_000.0, rag=Rag.RED, target_gbp=300_000.0, forecast_gbp=100_000.0, period=YEAR
    )
    whole, short = assess_savings([bare, forecast], EMPTY)
    assert whole.whole_target_at_risk and whole.at_risk_gbp == 400_000.0
    assert "whole" in whole.flags[0].message and "no forecast" in whole.flags[0].message
    assert not short.whole_target_at_risk and short.at_risk_gbp == 200_000.0
    assert "whole" not in short.flags[0].message
    s = savings_summary([whole, short], YEAR, [], [], no_lines())
    assert (s.at_risk_whole_target_gbp, s.at_risk_whole_target_count) == (400_000.0, 1)
    assert (s.at_risk_shortfall_gbp, s.at_risk_shortfall_count) == (200_000.0, 1)


def test_the_pack_says_money_valued_at_the_whole_target_is_at_risk_not_a_shortfall() -> None:
    from render.findings import at_risk_basis, at_risk_lines, savings_at_risk
    from render.refs import Figures
    from tests.render_samples import sample

    a = assess_savings(
        [saving("Edge of care", 250_000.0, rag=Rag.RED, target_gbp=250_000.0, period=YEAR)], EMPTY
    )
    review, _ = sample()
    review = review.model_copy(update={"savings_summary": savings_summary(a, YEAR, [], [], no_lines())})
    figs = Figures(review)
    said = "".join(str(p) for p in at_risk_basis(review.savings_summary, figs))
    assert "whole of the target" in said and "no forecast given" in said and "not a shortfall" in said
    assert at_risk_lines(review.savings_summary) == "1 of 1 saving"
    card = savings_at_risk(review, figs)
    assert card is not None
    assert "shortfall on" not in "".join(str(p) for p in card.detail).lower()


# 5. a division's summary row is summed, not counted as a saving


def test_a_row_naming_only_a_division_is_summed_but_not_counted_as_a_saving() -> None:
    division = BudgetLine(
        name="Education and Inclusion total",
        directorate="Education and Inclusion",
        level="directorate",
        period=YEAR,
        budget_gbp=10e6,
        provenance=[prov("Education and Inclusion total", "monitoring.pdf", "page 2, table 1, row 9")],
    )
    scopes = scope_index(Extraction(budget_lines=[division]))
    lines = [
        saving("Inclusion outreach", 200_000.0, ref="LS1", rag=Rag.AMBER, target_gbp=200_000.0, period=YEAR),
        saving(
            "Education and Inclusion",
            900_000.0,
            rag=Rag.AMBER,
            target_gbp=900_000.0,
            forecast_gbp=600_000.0,
            period=YEAR,
        ),
    ]
    assert scopes.division("Education and Inclusion") is not None
    s = savings_summary(assess_savings(lines, Context(YEAR, [], [], scopes=scopes)), YEAR, [], [], scopes)
    assert s.target_gbp == 1_100_000.0  # the division's row is in the sums
    assert (s.lines, s.at_risk_count) == (1, 1)  # ... but not a saving
    assert (s.summary_lines, s.at_risk_summary_count) == (1, 1)


# 2. invest to save funded from a reserve is not capital


def _passage(text: str) -> Passage:
    return Passage(text=text, provenance=[prov(text, "plan.pdf", "page 3, paragraph 2")])


def test_invest_to_save_funded_from_a_reserve_depends_on_the_reserve_not_capital() -> None:
    line = saving("Edge of care hub (invest to save)", 300_000.0, ref="EC4", rag=Rag.GREEN, period=YEAR)
    said = "The up-front cost of EC4 will be met by a £0.4m drawdown from the Invest to Save Reserve."
    (funded,) = assess_savings([line], Context(YEAR, [], [], passages=[_passage(said)]))
    codes = {r.code for r in funded.reasons}
    assert "depends_on_reserve_funding" in codes and "depends_on_capital" not in codes
    (reason,) = [r for r in funded.reasons if r.code == "depends_on_reserve_funding"]
    assert reason.evidence == said and reason.provenance[0].locator == "page 3, paragraph 2"
    # the documents saying nothing of its funding, or naming capital, leave it read as capital
    (bare,) = assess_savings([line], EMPTY)
    assert "depends_on_capital" in {r.code for r in bare.reasons}
    capital = "EC4 is funded from the capital programme and the Invest to Save Reserve."
    (cap,) = assess_savings([line], Context(YEAR, [], [], passages=[_passage(capital)]))
    assert "depends_on_capital" in {r.code for r in cap.reasons}
    # another saving's funding is not this one's
    other = "EC40 will be met from the Transformation Reserve."
    (not_it,) = assess_savings([line], Context(YEAR, [], [], passages=[_passage(other)]))
    assert "depends_on_reserve_funding" not in {r.code for r in not_it.reasons}


# 3. one question per money


def _sentence(text: str) -> Provenance:
    return prov(text, "report.pdf", "page 5, paragraph 3")


def _question(subject: str, amount: float, *where: Provenance) -> LineOfEnquiry:
    return LineOfEnquiry(
        question=f"The documents explain the overspend on '{subject}': how much of it is recurrent?",
        because=f"Forecast to overspend on {subject}.",
        addressed_to="DCS",
        provenance=list(where),
        scope=Scope.CHILDRENS_SOCIAL_CARE,
        amount_gbp=amount,
        stake="the overspend",
    )


def test_a_subtotal_and_its_line_explained_by_one_sentence_are_asked_once_of_the_line() -> None:
    why = _sentence("Residential placements are forecast to overspend by £2.31m because of 9 more children.")
    division = prov("Placements division total | 2,400", "report.pdf", "page 2, Table 1, row 8")
    line = prov("Residential placements | 2,310", "report.pdf", "page 2, Table 1, row 5")
    out, _ = one_per_ask(
        [
            _question("Placements division total", 2_400_000.0, division, why),
            _question("Residential placements", 2_310_000.0, line, why),
        ],
        [],
    )
    (asked,) = out
    assert asked.amount_gbp == 2_310_000.0 and "Residential placements" in asked.question
    assert division in asked.provenance and line in asked.provenance
    # a line whose overspend is not most of the other's is its own money, asked apart
    small = prov("Short breaks | 300", "report.pdf", "page 2, Table 1, row 6")
    out, _ = one_per_ask(
        [
            _question("Residential placements", 2_310_000.0, line, why),
            _question("Short breaks", 300_000.0, small, why),
        ],
        [],
    )
    assert len(out) == 2
    # a sentence stating both sums is no evidence that they are one
    both = _sentence("Placements overspend by £2.4m, of which residential £2.31m.")
    out, _ = one_per_ask(
        [
            _question("Placements division total", 2_400_000.0, division, both),
            _question("Residential placements", 2_310_000.0, line, both),
        ],
        [],
    )
    assert len(out) == 2


# 4. a prose figure stating a contradicted row otherwise


def _at(text: str, locator: str, page: int) -> Provenance:
    return Provenance(file="q3.pdf", sha256="cd" * 32, page=page, bbox=None, locator=locator, text=text)


def test_prose_stating_a_misprinted_rows_variance_as_its_arithmetic_gives_it_is_stated_differently() -> None:
    rows = [
        BudgetLine(
            name=n,
            level="service_line",
            period=YEAR,
            budget_gbp=b,
            forecast_gbp=b + v,
            variance_gbp=v,
            provenance=[_at(f"{n} | {v}", f"page 3, Table 2, row {i}", 3)],
            verification=Verification.VERIFIED,
        )
        for i, (n, b, v) in enumerate((("Fostering", 9e6, 1.2e6), ("Residential", 11e6, 2.1e6)), start=2)
    ]
    total = BudgetLine(
        name="Social Care total",
        level="directorate",
        period=YEAR,
        budget_gbp=20e6,
        forecast_gbp=23.3e6,
        variance_gbp=2.3e6,  # printed; its budget, forecast and lines give 3.3
        provenance=[_at("Social Care total | 20,000 | 23,300 | 2,300", "page 3, Table 2, row 4", 3)],
        verification=Verification.CONTRADICTED,
        checks=[
            Check(
                identity=TOTAL_IDENTITY,
                held=False,
                detail="lines give £3.3m",
                provenance=[r.provenance[0] for r in rows],
            )
        ],
    )
    text = "Social Care is forecast to overspend by £3.3m at the end of the year."
    figures = [
        Figure(
            value=3.3e6,
            unit=FigureUnit.GBP,
            text=text,
            places=1,
            provenance=[_at(text, "page 1, paragraph 4", 1)],
        )
    ]
    (rec,) = stated_otherwise_checks([*rows, total], figures)
    assert rec.code == "cross_document_mismatch"
    assert (rec.stated_gbp, rec.computed_gbp, rec.supported_gbp) == (2.3e6, 3.3e6, 3.3e6)
    assert rec.provenance[-1].locator == "page 1, paragraph 4"
    # prose restating the misprint is no second statement
    same = [f.model_copy(update={"value": 2.3e6, "text": text.replace("3.3", "2.3")}) for f in figures]
    assert stated_otherwise_checks([*rows, total], same) == []


# On Hallam Valley's documents


def test_hallam_savings_at_risk_are_whole_targets_and_one_shortfall_counted_apart_from_the_summary_row(
    hallam: Any,
) -> None:
    review, _ = hallam
    s = review.savings_summary
    # CS01 1,050 amber, CS02 850 red, CS05 370 red: no forecast; Education & SEND 1,400 - 770 = 630
    assert (s.at_risk_whole_target_gbp, s.at_risk_whole_target_count) == (2_270_000, 3)
    assert (s.at_risk_shortfall_gbp, s.at_risk_shortfall_count) == (630_000, 1)
    # nine savings (CS09 amber at 0 in the year among the four at risk), and the division's row apart
    assert (s.lines, s.at_risk_count, s.summary_lines, s.at_risk_summary_count) == (9, 4, 1, 1)
    (cs01,) = [j for j in review.savings_judged if j.ref == "CS01"]
    assert cs01.whole_target_at_risk


def test_hallam_cs09_depends_on_the_transformation_reserve_not_capital(hallam: Any) -> None:
    review, _ = hallam
    (cs09,) = [j for j in review.savings_judged if j.ref == "CS09"]
    codes = {r.code for r in cs09.reasons}
    assert "depends_on_reserve_funding" in codes and "depends_on_capital" not in codes
    assert not [f for f in review.flags if "capital" in f.message.lower()]


def test_hallam_transport_overspend_is_asked_once(hallam: Any) -> None:
    review, _ = hallam
    asked = [
        q
        for q in review.lines_of_enquiry
        if "Transport" in q.question or "Education & SEND subtotal" in q.question
    ]
    assert len([q for q in asked if "recurrent" in q.question]) == 1


def test_hallam_subtotal_stated_as_5710_and_5170_is_a_figure_stated_differently(hallam: Any) -> None:
    review, _ = hallam
    assert review.checks.figures_stated_differently == 1
    (rec,) = [r for r in review.reconciliations if r.code == "cross_document_mismatch"]
    assert (rec.stated_gbp, rec.computed_gbp, rec.supported_gbp) == (5_710_000, 5_170_000, 5_170_000)
    assert any("4A.1" in p.text for p in rec.provenance)
    # asked once, in the question on the subtotal's arithmetic
    assert len([q for q in review.lines_of_enquiry if "Children's Services subtotal" in q.question]) == 1


# 6. activity against what the budget assumed is the demand behind a line's variance


def test_activity_against_what_the_budget_assumed_explains_the_lines_variance() -> None:
    from analyse.explained import explained_in, read_for_variances

    def explained(name: str, *texts: str) -> str | None:
        passages = [
            Passage(text=t, provenance=[prov(t, "q2.pdf", f"page 3, paragraph {i}")])
            for i, t in enumerate(texts)
        ]
        found = explained_in(name, read_for_variances(passages))
        return found.sentence if found else None

    # a note beside the table, stating no variance, says what the budget assumed and the count now
    note = "Note 4: Looked after children includes fostering. The budget assumed 540 looked after children; at 31 October there were 571."
    assert explained("Looked After Children – placements", note) == (
        "The budget assumed 540 looked after children; at 31 October there were 571."
    )
    # "against N budgeted", after a sentence on the variance
    said = "Home to school transport is forecast to overspend by £0.9m. It carries 1,480 pupils against 1,350 budgeted."
    assert (
        explained("SEN home to school transport", said) == "It carries 1,480 pupils against 1,350 budgeted."
    )
    # a note on another subject, or a budget's assumption of a price, is not the line's demand
    assert (
        explained("Looked After Children – placements", "The budget assumed 3 per cent pay inflation.")
        is None
    )


def test_hallam_placements_overspend_shows_628_looked_after_against_598_budgeted(hallam: Any) -> None:
    review, _ = hallam
    (flag,) = [
        f
        for f in review.flags
        if f.subject == "Children Looked After – Placements" and f.code == "service_overspend"
    ]
    assert "598" in flag.explained_by and "628" in flag.explained_by
    assert any("628" in p.text and p.page for p in flag.provenance)  # cited to its page
