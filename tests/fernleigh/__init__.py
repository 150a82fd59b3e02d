"""A fifth council bundle written by an independent tester who never read this project's code:
Fernleigh Council (fictional unitary), Period 8 2025/26. Its report is organised by portfolio:
children's services are two portfolios (Children and Families; Learning and Inclusion, the DSG's
High Needs shown apart as ring-fenced), each total row below its lines, in £000 with minus signs
(ASCII in the report's tables, Unicode in the landscape Appendix A), columns "Full Year Budget |
Forecast Outturn | Forecast Variance | Variance % | RAG", the position before and after
management actions and a reserve draw. A BRAG savings tracker (XLSX, £k) and an MTFP update (DOCX,
£m). TRUTH.md lists every figure and the two deliberate slips (the Care Leavers variance printed
360 for 630; the executive summary's £8.1m for the tables' 7,760); FINDINGS.md what the tester
found in the pack at c3b2a54. The tester's script is kept as written in gen.py."""

from __future__ import annotations

import contextlib
import io
import runpy
from pathlib import Path

FILES = (
    "Fernleigh_P8_Revenue_Monitoring_2025-26.pdf",
    "Fernleigh_Savings_Tracker_P8_2025-26.xlsx",
    "Fernleigh_MTFP_Update_Dec2025.docx",
)


def make_bundle(out: Path) -> list[Path]:
    """Write the three documents into `out`; their paths, in bundle order."""
    out.mkdir(parents=True, exist_ok=True)
    with contextlib.redirect_stdout(io.StringIO()):  # the script prints its own check sums
        runpy.run_path(str(Path(__file__).with_name("gen.py")), init_globals={"B": f"{out}/"})
    return [out / name for name in FILES]
