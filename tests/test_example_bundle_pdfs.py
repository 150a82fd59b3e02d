"""The example bundle's PDFs, read back with pdfplumber: text layer, pages, and totals that add up."""

from __future__ import annotations

import re
from pathlib import Path

import pdfplumber
import pypdfium2
import pytest
from pdfplumber.utils.exceptions import PdfminerException

MTFP = "Wyvern MTFP 2025-28.pdf"
MONITORING = "Cabinet 2025-11-06 Revenue budget monitoring Q2 2025-26.pdf"
STRATEGIC = "Children and Young Peoples Strategic Plan 2025-2028.pdf"
TRUNCATED = "Cabinet minutes 2025-09.pdf"
AMOUNT = re.compile(r"^(\(?)(\d{1,3}(?:,\d{3})*)\)?$|^-$")


def amount(token: str) -> int | None:
    """A £000 figure as printed: commas, brackets for negatives, a dash for zero."""
    match = AMOUNT.match(token)
    if not match:
        return None
    if token == "-":
        return 0
    value = int(match.group(2).replace(",", ""))
    return -value if match.group(1) else value


def table_rows(text: str, columns: int) -> list[tuple[str, list[int]]]:
    """Lines ending in exactly `columns` figures, as (label, figures)."""
    rows = []
    for line in text.splitlines():
        tokens = line.split()
        values = [amount(t) for t in tokens[-columns:]]
        if (
            len(tokens) > columns
            and all(v is not None for v in values)
            and amount(tokens[-columns - 1]) is None
        ):
            rows.append((" ".join(tokens[:-columns]), values))
    return rows


def pdf_text(path: Path) -> list[str]:
    with pdfplumber.open(path) as pdf:
        return [page.extract_text() or "" for page in pdf.pages]


def between(text: str, start: str, end: str) -> str:
    return text[text.index(start) : text.index(end)]


def column_sums(rows: list[list[int]]) -> list[int]:
    return [sum(col) for col in zip(*rows, strict=True)] if rows else []


@pytest.mark.parametrize(("name", "pages"), [(MTFP, 3), (MONITORING, 2), (STRATEGIC, 1)])
def test_each_pdf_has_a_text_layer_on_every_page_and_its_expected_length(example_bundle, name, pages):
    texts = pdf_text(example_bundle / name)
    assert len(texts) == pages
    assert all(len(t.split()) > 30 for t in texts)


def test_pdfs_carry_a_fixed_creation_date(example_bundle):
    with pdfplumber.open(example_bundle / MTFP) as pdf:
        assert pdf.metadata["CreationDate"] == "D:20251015090000Z"


def test_the_mtfp_table_runs_over_two_page_breaks_with_its_header_repeated(example_bundle):
    texts = pdf_text(example_bundle / MTFP)
    for text in texts:
        assert "2025-26 £000 2026-27 £000 2027-28 £000" in text
    assert "TOTAL SPENDING PRESSURES" in texts[1] and "TOTAL SAVINGS" in texts[2]


def test_the_mtfp_prints_negatives_in_brackets_and_wraps_a_long_description(example_bundle):
    text = "\n".join(pdf_text(example_bundle / MTFP))
    assert "(1,250) (1,000) (750)" in text
    assert "SEND home to school transport – growth in pupils with\nEHCPs" in text


def _check_mtfp_totals(rows: list[tuple[str, list[int]]]) -> int:
    """Check category totals, grand totals and the gap against their lines; return checks made."""
    group: list[list[int]] = []
    subtotals: list[list[int]] = []
    grand: list[list[int]] = []
    checks = 0
    for label, values in rows:
        if label.startswith("Total "):
            assert column_sums(group) == values, label
            subtotals.append(values)
            group = []
        elif label.startswith("TOTAL "):
            assert column_sums(subtotals) == values, label
            grand.append(values)
            subtotals = []
        elif label.startswith("BUDGET GAP"):
            assert column_sums(grand) == values, label
        else:
            group.append(values)
            continue
        checks += 1
    return checks


def test_every_mtfp_total_equals_the_sum_of_its_lines(example_bundle):
    text = "\n".join(pdf_text(example_bundle / MTFP))
    rows = table_rows(between(text, "Table 2:", "Table 3:"), 3)
    assert len(rows) > 40
    assert _check_mtfp_totals(rows) == 10 + 3 + 1


def test_the_mtfp_gap_summary_adds_up_and_agrees_with_the_detailed_table(example_bundle):
    text = "\n".join(pdf_text(example_bundle / MTFP))
    detail = dict(table_rows(between(text, "Table 2:", "Table 3:"), 3))
    summary = dict(table_rows(text[text.index("Table 3:") :], 3))
    parts = ["Spending pressures", "Savings identified", "Funding changes", "One-off use of reserves"]
    gap = summary["Budget gap – savings still to be found"]
    assert column_sums([summary[p] for p in parts]) == gap
    assert gap == detail["BUDGET GAP – SAVINGS STILL TO BE FOUND"]
    assert summary["Spending pressures"] == detail["TOTAL SPENDING PRESSURES"]
    assert summary["Cumulative budget gap"] == [sum(gap[: i + 1]) for i in range(3)]
    assert gap[0] == 0 and gap[1] > 0


def _monitoring_rows(example_bundle: Path) -> list[tuple[str, list[int]]]:
    text = "\n".join(pdf_text(example_bundle / MONITORING))
    return table_rows(between(text, "Table 1:", "Variance: a positive"), 3)


def test_every_monitoring_variance_is_forecast_less_budget(example_bundle):
    rows = _monitoring_rows(example_bundle)
    assert len(rows) >= 20
    for label, (budget, forecast, variance) in rows:
        assert forecast - budget == variance, label


def test_monitoring_totals_reconcile_except_the_one_deliberate_children_services_error(example_bundle):
    group: list[list[int]] = []
    subtotals: list[list[int]] = []
    mismatches = []
    for label, values in _monitoring_rows(example_bundle):
        if label.startswith("Total "):
            if column_sums(group) != values:
                mismatches.append((label, [s - v for s, v in zip(values, column_sums(group), strict=True)]))
            subtotals.append(values)
            group = []
        elif label == "COUNCIL TOTAL":
            assert column_sums(subtotals) == values
        else:
            group.append(values)
    # examples/README.md: the published CYPE forecast is £250k above its lines.
    assert mismatches == [("Total Children, Young People and Education", [0, 250, 250])]


def test_the_monitoring_prose_quotes_the_stated_children_services_overspend(example_bundle):
    text = " ".join(pdf_text(example_bundle / MONITORING))
    stated = dict(_monitoring_rows(example_bundle))["Total Children, Young People and Education"][2]
    quoted = re.search(r"forecast\s+overspend\s+of\s+£(\d+\.\d)m", text)
    assert quoted and float(quoted.group(1)) == round(stated / 1000, 1)
    assert "£435 per child" in text


def test_the_truncated_minutes_are_refused_by_both_pdf_readers(example_bundle):
    path = example_bundle / TRUNCATED
    assert path.read_bytes().startswith(b"%PDF-")
    assert b"%%EOF" not in path.read_bytes()[-1024:]
    with pytest.raises(PdfminerException):
        pdfplumber.open(path).close()
    with pytest.raises(pypdfium2.PdfiumError):
        pypdfium2.PdfDocument(path)
