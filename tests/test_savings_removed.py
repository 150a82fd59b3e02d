"""A budget build's row of earlier savings removed as undelivered: the children's directorate's
beside the council's, the only delivery evidence where no savings tracker is received."""

from __future__ import annotations

from analyse.records import Review, SavingsRemoved, SavingsSummary, Selection
from analyse.selection import savings_removed
from extract.records import BudgetBuild, BuildPart, Provenance
from render.findings import savings_planned, savings_removed_words
from render.refs import Figures

LABEL = "Removal of undelivered/temporary savings & grant"


def _part(amount: float, kind: str = "core", who: str = "CYPE") -> BuildPart:
    text = f"{LABEL} | {who} {kind} | {amount / 1000:,.1f}"
    where = Provenance(file="e.pdf", sha256="ab" * 32, page=1, bbox=None, locator="table 1", text=text)
    return BuildPart(kind=kind, rows=[LABEL], amount_gbp=amount, provenance=[where])


def _build(name: str, removed: BuildPart | None, period: str = "2025-26") -> BudgetBuild:
    level = "council" if name == "TOTAL" else "directorate"
    return BudgetBuild(
        name=name,
        level=level,
        period=period,
        base_gbp=1.0,
        new_budget_gbp=1.0,
        provenance=_part(1.0).provenance,
        savings_removed=removed,
    )


def test_the_childrens_removal_is_set_beside_the_councils_of_the_same_year_and_column() -> None:
    found = savings_removed(_build("CYPE", _part(0.0)), _build("TOTAL", _part(32_840_300.0, who="TOTAL")))
    assert found is not None and (found.name, found.period) == ("CYPE", "2025-26")
    assert found.council is not None and found.council.amount_gbp == 32_840_300.0
    # the council's of another year, or read in its total column beside the children's core: not set beside it
    other_year = _build("TOTAL", _part(32_840_300.0, who="TOTAL"), period="2026-27")
    assert savings_removed(_build("CYPE", _part(0.0)), other_year).council is None  # type: ignore[union-attr]
    total = _build("TOTAL", _part(36_203_100.0, kind="total", who="TOTAL"))
    assert savings_removed(_build("CYPE", _part(0.0)), total).council is None  # type: ignore[union-attr]
    assert savings_removed(_build("CYPE", None), total) is None


def _review(childrens: float) -> Review:
    removed = SavingsRemoved(
        period="2025-26", name="CYPE", childrens=_part(childrens), council=_part(32_840_300.0, who="TOTAL")
    )
    summary = SavingsSummary(period="2025-26", target_gbp=21_184_800.0, lines=20)
    return Review(savings_summary=summary, selection=Selection(savings_removed=removed))


def test_the_savings_card_says_none_of_the_councils_removal_is_the_childrens() -> None:
    review = _review(0.0)
    card = savings_planned(review, Figures(review))
    assert card is not None
    assert "so delivery cannot be judged line by line." in card.detail
    assert (
        f"The budget build removes none of the council's £32.8m core \u201c{LABEL}\u201d from CYPE's core budget."
        in card.detail
    )
    assert {p.text.split(" | ")[1] for p in card.provenance} == {"CYPE core", "TOTAL core"}
    some = _review(5_000_000.0)
    assert (
        "The budget build removes £5.0m of the council's £32.8m"
        in savings_planned(some, Figures(some)).detail
    )  # type: ignore[union-attr]


def test_the_savings_section_quotes_the_builds_row_with_both_figures() -> None:
    review = _review(0.0)
    words = "".join(str(p) for p in savings_removed_words(review.selection.savings_removed, Figures(review)))
    assert words == (
        f" The 2025-26 budget build removes nothing from CYPE's core budget under its row \u201c{LABEL}\u201d"
        " (£0.0m), against £32.8m from the council's core budgets."
    )
    # the sum is named by its row's own label, whatever the label says; generic words only where none
    for rows, said in (
        (["Removal of temporary grant"], "under its row \u201cRemoval of temporary grant\u201d ("),
        ([], "under its row of earlier savings removed ("),
    ):
        other = _review(0.0)
        removed = other.selection.savings_removed
        assert removed is not None
        removed = removed.model_copy(
            update={"childrens": removed.childrens.model_copy(update={"rows": rows})}
        )
        other = other.model_copy(update={"selection": Selection(savings_removed=removed)})
        assert said in "".join(str(p) for p in savings_removed_words(removed, Figures(other)))
    assert savings_removed_words(None, Figures(review)) == ()


def test_the_savings_card_calls_unidentified_savings_by_the_plans_own_label() -> None:
    summary = SavingsSummary(
        period="2025-26",
        target_gbp=21_184_800.0,
        lines=20,
        unidentified_in_year_gbp=1_500_000.0,
        unidentified_labels=["Future savings under development"],
    )
    review = Review(savings_summary=summary)
    card = savings_planned(review, Figures(review))
    assert card is not None
    assert ", of which £1.5m is labelled \u201cFuture savings under development\u201d;" in card.detail
    plain = Review(savings_summary=summary.model_copy(update={"unidentified_labels": []}))
    assert ", of which £1.5m is not yet identified;" in savings_planned(plain, Figures(plain)).detail  # type: ignore[union-attr]


def test_a_row_read_on_two_bases_says_each_with_its_own() -> None:
    # Kent's Appendix E p.1: "Removal of undelivered/temporary savings & grant" is £0.0m core and
    # £3.3m in all for CYPE, £32.8m core and £36.2m in all for the council
    childrens = _build("CYPE", _part(0.0)).model_copy(
        update={"savings_removed_in_all": _part(3_362_800.0, kind="total")}
    )
    council = _build("TOTAL", _part(32_840_300.0, who="TOTAL")).model_copy(
        update={"savings_removed_in_all": _part(36_203_100.0, kind="total", who="TOTAL")}
    )
    removed = savings_removed(childrens, council)
    assert removed is not None and removed.council_in_all is not None
    review = Review(
        savings_summary=SavingsSummary(period="2025-26", target_gbp=21_184_800.0, lines=20),
        selection=Selection(savings_removed=removed),
    )
    figs = Figures(review)
    words = "".join(str(p) for p in savings_removed_words(removed, figs))
    assert words.endswith(
        " (£0.0m), against £32.8m from the council's core budgets; in all, core and externally funded, it"
        " removes £3.4m from CYPE, against £36.2m across the council."
    )
    card = savings_planned(review, figs)
    assert card is not None and card.detail.endswith(
        " In all, core and externally funded: £3.4m from CYPE of £36.2m."
    )
    # one value changed: a build with no core column prints the row once, on its own basis
    plain = savings_removed(
        _build("CYPE", _part(0.0, kind="total")),
        _build("TOTAL", _part(36_203_100.0, kind="total", who="TOTAL")),
    )
    assert plain is not None and plain.childrens_in_all is None
    other = review.model_copy(update={"selection": Selection(savings_removed=plain)})
    said = "".join(str(p) for p in savings_removed_words(other.selection.savings_removed, Figures(other)))
    assert "in all" not in said and said.endswith("against £36.2m across the council.")
