"""The headline on pressures where no gap is stated: the General Fund's, ring-fenced lines apart."""

from __future__ import annotations

from render_samples import sample

from render import findings
from render.refs import Figures


def test_the_pressures_headline_is_the_general_funds_not_netted_by_a_ring_fenced_line() -> None:
    # Kent 2026-27: the DSG line's -15.6m would net CYPE's 34.1m of General Fund pressures to 18.5m.
    review, _ = sample()
    table = review.selection.pressures
    rest = [None] * (len(table.years) - 1)
    general = [34_121_900.0, *rest]
    fenced = table.model_copy(
        update={
            "totals": [18_521_900.0, *rest],
            "general_fund": general,
            "ring_fenced": [-15_600_000.0, *rest],
        }
    )
    selection = review.selection.model_copy(update={"pressures": fenced, "gaps": []})
    review = review.model_copy(update={"selection": selection})
    found = findings.pressures_by_year(review, Figures(review))
    assert found is not None
    assert found.figure == "£34.1m"
    words = "".join(str(p) for p in found.parts)
    assert "General Fund pressures (growth) in the plan: £34.1m" in words
    assert "Ring-fenced DSG / High Needs lines are apart from these." in words
