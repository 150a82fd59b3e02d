"""A sixth council bundle written by an independent tester who never read this project's code:
Marlowe County Council (fictional), Quarter 2 2025/26. A DOCX cabinet report (Table 1 by
directorate, the MTFP table, the DSG and reserves in prose) with a PDF Appendix A in £m to two
places whose directorate total rows come FIRST, above their lines, some directorate names wrapped
over two lines, the Children, Young People and Education table running over a page break with its
header repeated; a PDF savings plan in £000 rated by "Delivery confidence" words (High, Medium,
Low, Undeliverable). TRUTH.md lists every figure and the two deliberate slips (the Disabled
Children line misprinted, so the CYPE total is 0.45 more than its lines; paragraph 1.3's £21.08m
for £21.80m); FINDINGS.md what the tester found in the pack at c3b2a54. The tester's script is
kept as written in gen.py."""

from __future__ import annotations

import contextlib
import io
import runpy
from pathlib import Path

FILES = (
    "Marlowe_Cabinet_Q2_Revenue_Monitoring_2025-26.docx",
    "Marlowe_Appendix_A_Q2_Revenue_Monitoring.pdf",
    "Marlowe_Savings_Plan_2025-26_Q2.pdf",
)


def make_bundle(out: Path) -> list[Path]:
    """Write the three documents into `out`; their paths, in bundle order."""
    out.mkdir(parents=True, exist_ok=True)
    with contextlib.redirect_stdout(io.StringIO()):
        runpy.run_path(str(Path(__file__).with_name("gen.py")), init_globals={"B": f"{out}/"})
    return [out / name for name in FILES]
