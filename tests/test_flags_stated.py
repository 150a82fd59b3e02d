"""Flags from figures a committee report states in prose."""

from __future__ import annotations

from pathlib import Path

from analyse.position import mtfp_gap
from analyse.records import Flag
from analyse.review import one_per_fact
from analyse.stated import figure_flags
from extract.records import Extraction, Figure, FigureUnit
from tests.conftest import need
from tests.review_builders import no_lines, prov


def figure(value: float, label: str, text: str, period: str | None = "2024-25", unit: str = "gbp") -> Figure:
    return Figure(
        value=value,
        unit=FigureUnit(unit),
        period=period,
        label=label,
        text=text,
        provenance=[prov(text, "minutes.txt", "paragraph 3")],
    )


def test_a_stated_overspend_is_flagged_once_however_often_the_minutes_repeat_it() -> None:
    said = "a £5.4m forecast overspend (3.8% of budget)"
    flags = figure_flags(
        [
            figure(5.4e6, "forecast overspend", said),
            figure(5.4e6, "forecast overspend", said),
            figure(3.8, "of budget", said, unit="percent"),
        ],
        no_lines(),
    )
    (flag,) = flags
    assert flag.code == "stated_overspend" and flag.amount_gbp == 5.4e6
    assert said in flag.message and flag.provenance[0].file == "minutes.txt"


def test_a_figure_that_is_neither_overspend_gap_nor_risk_is_not_flagged() -> None:
    assert figure_flags([figure(6.9e6, "general reserve", "The general reserve is £6.9m")], no_lines()) == []


def test_a_stated_budget_gap_without_a_year_is_kept_as_the_plans_gap() -> None:
    said = "there was an overall budget gap of around £16.4m"
    (gap,) = mtfp_gap(Extraction(figures=[figure(16.4e6, "overall budget gap", said, period=None)]))
    assert (gap.period, gap.amount_gbp) == (None, 16.4e6)
    assert [
        f.code for f in figure_flags([figure(16.4e6, "overall budget gap", said, period=None)], no_lines())
    ] == ["stated_budget_gap"]


def test_the_same_overspend_with_and_without_its_year_is_one_flag_with_the_year() -> None:
    said = "CYPS had an overspend of £9.517 million"
    (flag,) = figure_flags(
        [figure(9.517e6, "overspend", said, period=None), figure(9.517e6, "overspend", said)], no_lines()
    )
    assert flag.subject.endswith("(2024-25)")


def test_committee_minutes_with_only_prose_still_give_a_flag_and_a_question(shared_dir: Path) -> None:
    from analyse.review import build_review
    from extract.document import extract_file

    path = (
        shared_dir
        / "corpus"
        / "committee-text"
        / "08_somerset_2024_childrens_budget_monitoring_month3_2024-25.txt"
    )
    need(path.is_file(), f"{path} not found")
    review = build_review(extract_file(path.name, path.read_bytes()))
    (flag,) = [f for f in review.flags if f.code == "stated_overspend"]
    assert flag.amount_gbp == 5.4e6  # "with a £5.4m forecast overspend (3.8% of budget)"
    assert any("overspend" in q.question and q.provenance for q in review.lines_of_enquiry)


def test_a_figure_stated_in_prose_that_a_table_of_the_same_document_gives_is_one_flag_not_two() -> None:
    from analyse.records import Flag
    from analyse.stated import not_restated
    from extract.records import Provenance

    def flag(code: str, amount: float, file: str = "q2.pdf") -> Flag:
        where = Provenance(file=file, sha256="0" * 64, page=1, bbox=None, locator="p", text="")
        return Flag(
            code=code, severity="medium", subject=code, message="", amount_gbp=amount, provenance=[where]
        )

    table = [flag("service_overspend", 5_050_000.0)]
    assert not_restated([flag("stated_overspend", 5_000_000.0)], table) == []
    kept = [flag("stated_overspend", 5_200_000.0), flag("stated_overspend", 5_000_000.0, file="other.pdf")]
    assert not_restated(kept, table) == kept


def test_a_reports_sentence_naming_its_appendixs_line_and_its_amount_is_that_lines_flag() -> None:
    from analyse.stated import not_restated
    from extract.records import Provenance

    def flag(code: str, subject: str, amount: float, file: str, text: str = "") -> Flag:
        where = Provenance(file=file, sha256="0" * 64, page=1, bbox=None, locator="p", text=text)
        return Flag(
            code=code, severity="medium", subject=subject, message="", amount_gbp=amount, provenance=[where]
        )

    line = flag("service_overspend", "Residential Placements", 3_260_000.0, "appendix 2.pdf")
    naming = "Residential placements are forecast to overspend by £3.26m."
    other = "The Place directorate forecasts an overspend of £3.26m."
    said = flag("stated_overspend", "An overspend", 3_260_000.0, "cabinet report.docx", naming)
    apart = flag("stated_overspend", "An overspend", 3_260_000.0, "cabinet report.docx", other)
    assert not_restated([said, apart], [line]) == [apart]


def _flag(code: str, subject: str, amount: float, locator: str, severity: str = "medium") -> Flag:
    where = prov(f"{subject} | 191,000 | 203,400 | 12,400", "monitoring.pdf", locator)
    return Flag(
        code=code,
        severity=severity,  # type: ignore[arg-type]
        subject=subject,
        message=f"{subject}: {amount:,.0f}.",
        amount_gbp=amount,
        provenance=[where.model_copy(update={"page": 1})],
    )


def test_one_record_reaching_the_flags_by_two_routes_is_one_flag_and_two_rows_stay_two() -> None:
    row = "page 1, Table 1, row 12"
    flags = [
        _flag("total_mismatch", "Total CYPE forecast", 250e3, row),
        _flag("total_mismatch", "Total CYPE variance", 250e3, row),
        _flag("service_overspend", "Total CYPE", 12.4e6, row),  # another figure of the same row
        _flag("unidentified_saving", "Future savings", 290e3, "page 1, table 1, row 18", "high"),
        _flag("unidentified_saving", "Future savings", 290e3, "page 1, table 1, row 19", "high"),
    ]
    found = one_per_fact(flags)
    assert [(f.subject, f.amount_gbp) for f in found] == [
        ("Future savings", 290e3),
        ("Future savings", 290e3),
        ("Total CYPE", 12.4e6),
        ("Total CYPE forecast", 250e3),
    ]
    (mismatch,) = [f for f in found if f.code == "total_mismatch"]
    assert mismatch.reason_codes == ["total_mismatch", "total_mismatch"]
    assert "Total CYPE variance: 250,000." in mismatch.message


def test_a_stated_overspend_is_said_with_the_word_its_own_sentence_says_it_with() -> None:
    def said(text: str) -> str:
        (flag,) = figure_flags([figure(4.6e6, "overspend", text)], no_lines())
        return flag.subject

    assert said("The High Needs block is forecast to overspend by £4.6m in 2025-26.") == (
        "A forecast overspend of £4.6m (2024-25)"
    )
    assert said("The Council is forecasting an overspend of £4.6m against its budget.").startswith(
        "A forecast overspend"
    )
    assert said("The outturn was an overspend of £4.6m.").startswith("An outturn overspend")
    # a sentence that says neither states it plainly; a hedge in another clause is not this figure's
    assert said("CYPS had an overspend of £4.6m.").startswith("An overspend of £4.6m")
    assert said("We forecast a balanced budget; CYPS had an overspend of £4.6m.").startswith("An overspend")
