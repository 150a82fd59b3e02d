"""The current year's forecast as a budget report states it in prose, and a risk register's sizing of
it: the documents' forecast, read where no forecast outturn table gives one."""

from __future__ import annotations

from pathlib import Path

from analyse.current_year import current_year_forecasts, previous_year
from analyse.records import Scope
from extract.records import Extraction, Passage, Provenance, Risk

BUDGET = "budget_report.pdf"


def _at(page: int, text: str, file: str = BUDGET) -> Provenance:
    return Provenance(file=file, sha256="ab" * 32, page=page, bbox=None, locator=f"page {page}", text=text)


def _passage(text: str, page: int = 4) -> Passage:
    return Passage(text=text, provenance=[_at(page, text)])


# Kent's draft revenue budget 2025-26, paragraph 1.12 (page 4)
KENT_112 = (
    "The use of short-term usable reserves to support revenue spending significantly reduces the council's "
    "ability to withstand unexpected circumstances. A considerable risk to short-term reserves remains from "
    "forecast revenue overspend for 2024-25. The overall levels of reserves now pose a more significant risk."
)


def test_the_current_year_is_the_one_before_the_reviews() -> None:
    assert previous_year("2025-26") == "2024-25"
    assert previous_year("2025/26") == "2024-25"
    assert previous_year(None) is None


def test_a_sentence_forecasting_last_years_overspend_is_read_without_an_amount() -> None:
    [stated] = current_year_forecasts(Extraction(passages=[_passage(KENT_112)]), "2025-26")
    assert (stated.year, stated.outcome, stated.amount_gbp, stated.source) == (
        "2024-25",
        "overspend",
        None,
        "prose",
    )
    assert (
        stated.words
        == "A considerable risk to short-term reserves remains from forecast revenue overspend for 2024-25."
    )
    assert stated.scope == Scope.COUNCIL_WIDE and stated.provenance[0].page == 4


def test_an_amount_and_the_childrens_scope_are_read_where_the_sentence_states_them() -> None:
    text = "Children's services are forecasting an overspend of £12.4m for 2024/25 at quarter 2."
    [stated] = current_year_forecasts(Extraction(passages=[_passage(text, 7)]), "2025-26")
    assert (stated.amount_gbp, stated.scope) == (12.4e6, Scope.CHILDRENS_SOCIAL_CARE)
    under = "The council is forecasting an underspend of £3.0m in 2024-25."
    [stated] = current_year_forecasts(Extraction(passages=[_passage(under)]), "2025-26")
    assert stated.amount_gbp == -3.0e6


def test_other_years_growth_forecasts_and_the_dsg_are_not_the_current_years_forecast() -> None:
    texts = [
        "A considerable risk to reserves remains from forecast revenue overspend for 2023-24.",
        "The budget includes £195.6m (13.7% of 2024-25 approved budget) of forecast spending growth.",
        "The DSG high needs block is forecast to overspend by £20.0m in 2024-25.",
    ]
    assert current_year_forecasts(Extraction(passages=[_passage(t) for t in texts]), "2025-26") == []


def test_a_risk_register_row_sizing_the_years_overspend_is_kept_as_the_registers() -> None:
    row = Risk(
        title="2024-25 potential overspend impact on reserves",
        description="Under delivery of recovery plan to bring 2024-25 revenue budget into a balanced position.",
        directorate="ALL",
        exposure_gbp=23.3e6,
        provenance=[_at(2, "ALL | 2024-25 potential overspend", "risk_register.pdf")],
    )
    other = row.model_copy(update={"title": "2023-24 potential overspend", "description": ""})
    [stated] = current_year_forecasts(Extraction(risks=[row, other]), "2025-26")
    assert (stated.source, stated.amount_gbp, stated.scope) == ("risk register", 23.3e6, Scope.COUNCIL_WIDE)
    # the one scope model places a register's row: another directorate's overspend is not the review's,
    # the children's directorate's is the children's
    adults = row.model_copy(update={"directorate": "ASCH", "title": "2024-25 potential overspend on care"})
    assert current_year_forecasts(Extraction(risks=[adults]), "2025-26") == []
    childrens = row.model_copy(update={"directorate": "CYPE"})
    [theirs] = current_year_forecasts(Extraction(risks=[childrens]), "2025-26")
    assert theirs.scope is not Scope.COUNCIL_WIDE


DRAFT = "kent_cabinet_2025-01-30_draft_revenue_budget_2025-26_MTFP_2025-28.pdf"
RISKS = "kent_cabinet_2025-01-30_appendixI_budget_risk_register.pdf"


def test_kents_budget_report_forecasts_a_2024_25_overspend_on_pages_4_and_41(kent_dir: Path) -> None:
    from extract.document import extract_file

    read = [extract_file(name, (kent_dir / name).read_bytes()) for name in (DRAFT, RISKS)]
    found = current_year_forecasts(Extraction(passages=read[0].passages, risks=read[1].risks), "2025-26")
    # page 31 (para 8.8): "In year budget monitoring is showing significant underspend on home to
    # school transport": the current year's monitoring of one service, with no year named
    assert [(s.source, s.provenance[0].page, s.amount_gbp, s.scope) for s in found] == [
        ("prose", 4, None, Scope.COUNCIL_WIDE),
        ("prose", 31, None, Scope.EDUCATION_SEND_TRANSPORT),
        ("prose", 41, None, Scope.COUNCIL_WIDE),
        ("risk register", 2, 23.3e6, Scope.COUNCIL_WIDE),
    ]
    assert "forecast revenue overspend for 2024-25" in found[0].words


def test_a_forecast_is_read_whichever_way_the_year_is_written_and_quoted_as_one_line() -> None:
    # the one financial-year rule (extract.numbers.find_periods) and the one sentence splitter
    # (extract.sentences.split_sentences): "FY25" is 2024-25, a wrapped line is one sentence
    said = "Reserves are low. The forecast overspend for FY25\nis £12.5m; Members are asked to note it."
    [stated] = current_year_forecasts(Extraction(passages=[_passage(said)]), "2025-26")
    assert (stated.year, stated.amount_gbp) == ("2024-25", 12.5e6)
    assert stated.words == stated.provenance[0].text == "The forecast overspend for FY25 is £12.5m;"
