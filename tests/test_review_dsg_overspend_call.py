"""The council-wide overspend the documents forecast for the current year falls on reserves too if it
is not recovered: named beside the general fund reserve the DSG deficit is set against, cited, and
never taken from it (the reserve after it is the documents' to state). Wyvern's Q2 monitoring
forecasts £12.8m over a £818.0m budget; its general fund balance was £42.5m at 31 March 2025."""

from __future__ import annotations

import re

from analyse.derived import with_derived
from analyse.dsg import council_overspend
from analyse.records import Position, Reserve, ReserveAfter, Scope, StatedForecast
from extract.records import Provenance
from render.findings import dsg_against_reserve
from render.pack import pack_html
from render.refs import Figures
from tests.render_samples import sample

REPORT = "Revenue budget monitoring Q2 2025-26.pdf"


def _where(page: int, locator: str, text: str) -> Provenance:
    return Provenance(file=REPORT, sha256="ab" * 32, page=page, bbox=None, locator=locator, text=text)


TOTAL = _where(2, "page 2, Table 1, row 6", "COUNCIL TOTAL | 818.0 | 830.8 | 12.8")
POSITION = Position(
    period="2025-26", budget_gbp=818e6, forecast_gbp=830.8e6, variance_gbp=12.8e6, provenance=[TOTAL]
)
SAID = "The general fund balance stood at £42.5m at 31 March 2025."
RESERVE = Reserve(
    kind="balance",
    label="general fund balance",
    amount_gbp=42.5e6,
    at="31 March 2025",
    text=SAID,
    provenance=[_where(2, "page 2, paragraph 16", SAID)],
)


def _review(  # type: ignore[no-untyped-def]
    call: StatedForecast | None, after: ReserveAfter | None = None, reserve: Reserve = RESERVE
):
    review, extraction = sample()
    dsg = review.dsg.model_copy(
        update={"general_reserve": reserve, "council_overspend": call, "reserve_after": after}
    )
    return with_derived(review.model_copy(update={"dsg": dsg})), extraction


def test_the_councils_forecast_overspend_for_the_year_after_the_reserves_date_is_a_further_call() -> None:
    call = council_overspend(POSITION, RESERVE)
    assert call is not None and (call.amount_gbp, call.year, call.source) == (12.8e6, "2025-26", "monitoring")
    assert call.provenance == [TOTAL]
    review, extraction = _review(call)
    found = dsg_against_reserve(review, Figures(review))
    assert found is not None
    said = "; the council forecasts a £12.8m overspend for 2025-26 (council-wide): if not recovered, a further call on reserves"
    assert said in found.detail and TOTAL in found.provenance
    html = pack_html(review, extraction)
    line = html.split("General fund reserve (council-wide)</dt><dd>")[1].split("</dd>")[0]
    assert said in " ".join(re.sub(r"<[^>]+>", "", line).split())
    assert line.count('class="cite"') == 1  # the reserve and the overspend, cited in one group
    assert "£29.7m" not in html  # no reserve after it is derived: the documents do not state it


def test_an_overspend_already_in_the_reserves_balance_or_another_directorates_is_no_further_call() -> None:
    later = RESERVE.model_copy(update={"at": "31 March 2026"})  # the year's outturn is in this balance
    assert council_overspend(POSITION, later) is None
    children = POSITION.model_copy(update={"scope": Scope.CHILDRENS_SOCIAL_CARE})
    assert council_overspend(children, RESERVE) is None
    under = POSITION.model_copy(update={"variance_gbp": -1.2e6})
    assert council_overspend(under, RESERVE) is None


def test_where_the_derived_reserve_after_already_takes_the_overspend_off_it_is_not_named_twice() -> None:
    call = council_overspend(POSITION, RESERVE)
    after = ReserveAfter(
        amount_gbp=29.7e6,
        year="2025-26",
        reserve_gbp=42.5e6,
        forecast_overspend_gbp=12.8e6,
        provenance=[*RESERVE.provenance, TOTAL],
    )
    review, _ = _review(call, after)
    found = dsg_against_reserve(review, Figures(review))
    assert found is not None and "further call on reserves" not in found.detail


def test_a_budgets_forecast_overspend_for_the_current_year_is_named_by_the_register_that_sizes_it() -> None:
    # Kent's draft budget: "a considerable risk to short-term reserves remains from forecast revenue
    # overspend for 2024-25" (no amount), and its risk register's "2024-25 potential overspend impact on
    # reserves", £23.3m: the one stating an amount is named, as the register's
    register = _where(3, "row 5", "2024-25 potential overspend impact on reserves | 23.3")
    prose = _where(
        4, "paragraph 12", "A considerable risk to short-term reserves remains from forecast overspend."
    )
    forecasts = [
        StatedForecast(
            year="2024-25",
            outcome="overspend",
            scope=Scope.COUNCIL_WIDE,
            words=prose.text,
            provenance=[prose],
        ),
        StatedForecast(
            year="2024-25",
            outcome="overspend",
            amount_gbp=23.3e6,
            source="risk register",
            scope=Scope.COUNCIL_WIDE,
            words=register.text,
            provenance=[register],
        ),
    ]
    budget = Position(period="2025-26", budget_gbp=1.5e9, current_year=forecasts, provenance=[TOTAL])
    reserve = RESERVE.model_copy(update={"at": "31 March 2024"})
    call = council_overspend(budget, reserve)
    assert call is not None and call.provenance == [register]
    review, _ = _review(call, reserve=reserve)
    found = dsg_against_reserve(review, Figures(review))
    assert found is not None
    assert (
        "; the council's forecast overspend for 2024-25, if not recovered, is a further call on reserves: the"
        " risk register sizes it as a council-wide risk of £23.3m" in found.detail
    )
