"""Domain records and the totals check on the fictional Wyvern bundle, read by the real readers.

The expected figures are the bundle's published ones (examples/README.md and
examples/wyvern_figures.py), not anything this code computed.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from extract.document import extract_file
from extract.domain.from_tables import records_from_tables
from extract.pdf.reader import read_pdf
from extract.records import Extraction, Rag
from extract.verify.category_totals import check_category_totals
from ingest.inspect import inspect_file


def _extract(bundle: Path, name: str) -> Extraction:
    path = bundle / name
    return extract_file(path.name, path.read_bytes())


def test_every_mtfp_total_is_reproduced_and_the_gap_is_read_by_year(example_bundle: Path) -> None:
    found = _extract(example_bundle, "Wyvern MTFP 2025-28.pdf")
    result = check_category_totals(found)
    assert result["stated"] > 0 and result["mismatches"] == []
    labels = {c["label"] for c in result["checks"]}
    assert {"TOTAL SPENDING PRESSURES", "TOTAL SAVINGS"} <= labels


def test_mtfp_savings_are_positive_and_pressures_keep_their_sign(example_bundle: Path) -> None:
    found = _extract(example_bundle, "Wyvern MTFP 2025-28.pdf")
    fostering = next(s for s in found.savings if s.title.startswith("Recruit in-house foster carers"))
    assert [p.amount_gbp for p in fostering.planned] == [750_000.0, 600_000.0, 600_000.0]
    fees = next(p for p in found.pressures if p.title == "Independent fostering agency fees")
    assert [p.amount_gbp for p in fees.planned] == [650_000.0, 500_000.0, 450_000.0]
    assert not any(p.title.startswith(("Council tax", "Social care grant")) for p in found.pressures)


def test_a_tracker_with_mixed_signs_gives_magnitudes_as_its_totals_say(example_bundle: Path) -> None:
    found = _extract(example_bundle, "Savings tracker 2025-26 Q2.xlsx")
    by_ref = {s.ref: s for s in found.savings}
    assert (by_ref["ASCH-01"].target_gbp, by_ref["ASCH-01"].forecast_gbp) == (2_100_000.0, 1_900_000.0)
    assert sum(s.target_gbp or 0 for s in found.savings) == pytest.approx(13_650_000.0)
    assert check_category_totals(found)["mismatches"] == []


def test_tracker_lines_carry_rag_and_reasons_for_risk(example_bundle: Path) -> None:
    by_ref = {s.ref: s for s in _extract(example_bundle, "Savings tracker 2025-26 Q2.xlsx").savings}
    unidentified = by_ref["CYPE-07"]
    assert unidentified.rag is Rag.RED and unidentified.forecast_gbp == 0.0
    assert {"rag_red", "forecast_below_target"} <= {r.code for r in unidentified.risk_reasons}
    assert "slipped" in {r.code for r in by_ref["CYPE-05"].risk_reasons}
    assert by_ref["CYPE-01"].rag is Rag.AMBER and by_ref["CYPE-01"].rag_text == "Dark Amber"
    assert not by_ref["CYPE-06"].at_risk and by_ref["CYPE-06"].rag is Rag.BLUE


def test_the_check_finds_exactly_the_monitoring_total_that_does_not_reconcile(example_bundle: Path) -> None:
    found = _extract(example_bundle, "Cabinet 2025-11-06 Revenue budget monitoring Q2 2025-26.pdf")
    broken = {(m["label"], m["period"]) for m in check_category_totals(found)["mismatches"]}
    # Fault 1 of the bundle: the CYPE subtotal's forecast and variance are £250k above its lines.
    assert broken == {
        ("Total Children, Young People and Education", "forecast"),
        ("Total Children, Young People and Education", "variance"),
    }


def test_monitoring_lines_know_their_directorate_level_and_year(example_bundle: Path) -> None:
    found = _extract(example_bundle, "Cabinet 2025-11-06 Revenue budget monitoring Q2 2025-26.pdf")
    transport = next(b for b in found.budget_lines if b.name == "SEND home to school transport")
    assert (transport.budget_gbp, transport.forecast_gbp, transport.variance_gbp) == (
        41_200_000.0,
        44_300_000.0,
        3_100_000.0,
    )
    assert (transport.level, transport.directorate, transport.period) == (
        "service_line",
        "Children, Young People and Education",
        "2025-26",
    )
    council = next(b for b in found.budget_lines if b.name.upper() == "COUNCIL TOTAL")
    assert (council.level, council.variance_gbp) == ("total", 12_800_000.0)


def test_the_mtfp_gap_and_totals_are_read_by_year(example_bundle: Path) -> None:
    path = example_bundle / "Wyvern MTFP 2025-28.pdf"
    document = inspect_file(path.name, path.read_bytes())
    found = records_from_tables(read_pdf(document, path.read_bytes()).tables, document)
    gaps = {g.title: [p.amount_gbp for p in g.planned] for g in found.mtfp_gaps}
    # README: "BUDGET GAP – SAVINGS STILL TO BE FOUND (0 / 14,880 / 7,500)" and a cumulative row.
    assert gaps["BUDGET GAP – SAVINGS STILL TO BE FOUND"] == [0.0, 14_880_000.0, 7_500_000.0]
    assert gaps["Cumulative budget gap"] == [0.0, 14_880_000.0, 22_380_000.0]
    totals = {t.title: [p.amount_gbp for p in t.planned] for t in found.mtfp_totals}
    assert totals["TOTAL SAVINGS"] == [-13_650_000.0, -6_700_000.0, -3_050_000.0]
    # The unidentified CYPE saving sits under the SAVINGS heading: a saving, not a gap.
    assert any(s.title.startswith("Savings still to be identified") for s in found.savings)
