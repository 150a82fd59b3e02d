"""The plan's draws on a DSG or Safety Valve reserve, beside the in-year deficit they fund.

Kent's budget templates (Appendix F, Cabinet 30 January 2025, read from ../shared) p24 draw the
Safety Valve earmarked reserve: (9,700) of the council's contributions and (14,200) of the DfE's in
2025-26, (8,300) of the DfE's in 2026-27, "to offset anticipated in year DSG deficit"; the lines
below them remove those draws again in the following years. The in-year deficit (£23.9m in 2025-26,
£8.3m in 2026-27) is a pressure's description in the same appendix.
"""

from __future__ import annotations

import io
import re
from pathlib import Path

from domain_tables import pipeline_tables
from pptx import Presentation

from analyse.dsg import reserve_drawdowns
from analyse.review import build_review
from extract.records import Extraction, PeriodAmount, PlanLine, Provenance, Table
from render.deck import render_pptx
from render.pack import pack_html
from tests.render_samples import sample

FILE = "appendixF_budget_templates.pdf"
HEAD = ["MTFP Category", "Directorate", "Headline Description", "Brief Description", "2025-26 £000's",
        "2026-27 £000's", "2027-28 £000's"]  # fmt: skip
KCC = ["Drawdowns from reserves", "CYPE", "Dedicated Schools Grant (DSG) - Safety Valve (KCC)",
       "Drawdown of Safety Valve Earmarked reserve (KCC contributions) to offset anticipated in year DSG deficit",
       "-9,700.0", "0.0", "0.0"]  # fmt: skip
DFE = ["Drawdowns from reserves", "CYPE", "Dedicated Schools Grant (DSG) - Safety Valve (DfE)",
       "Drawdown of Safety Valve Earmarked reserve (DfE contributions) to offset anticipated in year DSG deficit",
       "-14,200.0", "-8,300.0", "0.0"]  # fmt: skip
OTHER = ["Drawdowns from reserves", "Public Health", "Public Health",
         "Drawdown from Reserves for temporary spending for Marmot Initiative", "-90.0", "-45.0", "0.0"]  # fmt: skip
TOTAL = ["TOTAL DRAWDOWNS FROM RESERVES (DSG)", "", "", "", "-23,990.0", "-8,345.0", "0.0"]
UNDO = ["Removal of prior year Drawdowns", "CYPE", "Dedicated Schools Grant (DSG) - Safety Valve (DfE)",
        "Removal of prior year drawdown of Safety Valve reserve (DfE contributions)", "0.0", "14,200.0", "8,300.0"]  # fmt: skip
IN_YEAR = (
    "Anticipated in year deficit of £23.9m in 2025-26 reducing to £8.3m in 2026-27 against the Dedicated "
    "Schools Grant due to costs of High Needs Education expected to exceed the grant allocation"
)


def _table(*rows: list[str]) -> Table:
    where = Provenance(file=FILE, sha256="cd" * 32, page=24, bbox=None, locator="page 24, table 1", text="t")
    return Table(
        file=FILE, page=24, bbox=None, rows=[HEAD, *rows], unit="£000", header_rows=1,
        locator="page 24, table 1", provenance=[where],
    )  # fmt: skip


def _pressure() -> PlanLine:
    where = Provenance(
        file=FILE, sha256="cd" * 32, page=10, bbox=None, locator="page 10, table 1, row 3", text="p"
    )
    planned = [PeriodAmount(period="2025-26", amount_gbp=23.9e6)]
    return PlanLine(
        title="Dedicated Schools Grant (DSG) anticipated in year deficit",
        description=IN_YEAR,
        planned=planned,
        provenance=[where],
    )


def test_each_draw_on_a_dsg_reserve_is_read_by_year_with_its_row() -> None:
    found = reserve_drawdowns([_table(KCC, DFE, OTHER, TOTAL, UNDO)])
    assert [(d.year, d.amount_gbp, d.words, d.provenance[0].locator) for d in found] == [
        ("2025-26", 9.7e6, "Safety Valve Earmarked reserve (KCC contributions)", "page 24, table 1, row 2"),
        ("2025-26", 14.2e6, "Safety Valve Earmarked reserve (DfE contributions)", "page 24, table 1, row 3"),
        ("2026-27", 8.3e6, "Safety Valve Earmarked reserve (DfE contributions)", "page 24, table 1, row 3"),
    ]  # not the Public Health draw, the total, nor the removal of a prior year's draw
    assert found[0].provenance[0].page == 24 and found[0].provenance[0].text.startswith(
        "Drawdowns from reserves"
    )


def test_one_draw_printed_in_two_tables_is_one_draw_citing_both() -> None:
    second = _table(KCC).model_copy(update={"locator": "page 25, table 1", "page": 25})
    found = reserve_drawdowns([_table(KCC), second])
    assert [(d.amount_gbp, [p.page for p in d.provenance]) for d in found] == [(9.7e6, [24, 25])]


def test_kents_safety_valve_draws_are_read_from_appendix_f(kent_dir: Path) -> None:
    _, tables = pipeline_tables(kent_dir / "kent_cabinet_2025-01-30_appendixF_budget_templates.pdf")
    found = reserve_drawdowns(tables)
    assert [(d.year, d.amount_gbp, d.words, d.provenance[0].page) for d in found] == [
        ("2025-26", 9.7e6, "Safety Valve Earmarked reserve (KCC contributions)", 24),
        ("2025-26", 14.2e6, "Safety Valve Earmarked reserve (DfE contributions)", 24),
        ("2026-27", 8.3e6, "Safety Valve Earmarked reserve (DfE contributions)", 24),
    ]


def test_the_pack_and_deck_show_each_years_draws_beside_its_in_year_deficit() -> None:
    built = build_review(Extraction(tables=[_table(KCC, DFE, UNDO)], pressures=[_pressure()]))
    review, extraction = sample()
    review = review.model_copy(update={"dsg": built.dsg})
    html = pack_html(review, extraction)
    start = html.index('<section id="dsg">')
    words = re.sub(r"<[^>]+>", "", html[start : html.index("</section>", start)])
    assert re.search(
        r"2025-26: £23\.9m in year deficit\* \[S\d+\], funded by "
        r"drawing £9\.7m from the Safety Valve Earmarked reserve \(KCC contributions\) \[S\d+\] and £14\.2m from "
        r"the Safety Valve Earmarked reserve \(DfE contributions\) \[S\d+\]",
        words,
    ), words
    assert re.search(
        r"2026-27: £8\.3m in year deficit.{0,80}, funded by drawing £8\.3m from the Safety Valve", words
    )
    assert "Drawn from a DSG reserve in the plan" not in words  # every draw is beside its year
    deck = Presentation(io.BytesIO(render_pptx(review, extraction)))
    text = "\n".join(sh.text_frame.text for s in deck.slides for sh in s.shapes if sh.has_text_frame)
    assert (
        "High Needs / DSG in 2025-26: £23.9m in year deficit, funded by drawing £9.7m from the Safety Valve "
        "Earmarked reserve (KCC contributions) and £14.2m from the Safety Valve Earmarked reserve (DfE contributions)"
    ) in text


def test_a_draw_in_a_year_with_no_in_year_position_is_listed_apart() -> None:
    built = build_review(Extraction(tables=[_table(DFE)]))
    review, extraction = sample()
    html = pack_html(review.model_copy(update={"dsg": built.dsg}), extraction)
    words = re.sub(r"<[^>]+>", "", html)
    assert (
        "Drawn from a DSG reserve in the plan2025-26: £14.2m from the Safety Valve Earmarked reserve" in words
    )
    assert "2026-27: £8.3m from the Safety Valve Earmarked reserve (DfE contributions)" in words
