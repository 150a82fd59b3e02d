"""A fourth council bundle written by an independent tester who never read this project's code:
Severnbrook Borough Council (fictional), whose Children, Young People and Learning directorate is
ONE directorate: its total already holds its Children's Social Care and Education & Learning
division subtotals (the CYPL table runs over pages 3 and 4). Its Q3 revenue monitoring report (PDF,
whole pounds, brackets for underspends), its savings tracker (XLSX) and an MTFP summary (DOCX).
TRUTH.md lists every figure and the deliberate slips: the Leaving Care variance is misprinted
(368,750 for 386,750) and paragraph 3.2 states the CYPL overspend as £6.12m. The tester's script is
kept as written in gen.py (only its output folder is given here): another author's idea of a
council's documents, not ours."""

from __future__ import annotations

import contextlib
import io
import runpy
from pathlib import Path

FILES = (
    "Cabinet_14Jan2026_Q3_Revenue_Monitoring.pdf",
    "Savings_Tracker_P9_2025-26.xlsx",
    "MTFP_Summary_2026-29.docx",
)


def make_bundle(out: Path) -> list[Path]:
    """Write the three documents into `out`; their paths, in bundle order."""
    out.mkdir(parents=True, exist_ok=True)
    with contextlib.redirect_stdout(io.StringIO()):  # the script prints its own check sums
        runpy.run_path(str(Path(__file__).with_name("gen.py")), init_globals={"B": f"{out}/"})
    return [out / name for name in FILES]
