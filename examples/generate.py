"""Generate the example bundle of the fictional Wyvern County Council.

    python examples/generate.py [OUT_DIR]      (default examples/bundle)

The output is the same, byte for byte, on every run: fixed figures, fixed dates, fixed PDF
identifier and fixed zip entry times. See examples/README.md for what each file exercises and
the two deliberate inconsistencies.
"""

from __future__ import annotations

import sys
from pathlib import Path

if __package__ in (None, ""):
    # Run as a script: make the repository root importable so `examples.*` resolves.
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from examples import html_paper, office_files, savings_plan  # noqa: E402
from examples.monitoring_paper import monitoring_html  # noqa: E402
from examples.mtfp_paper import mtfp_html  # noqa: E402
from examples.risk_register import risk_register_html  # noqa: E402
from examples.short_papers import cabinet_minutes_html, strategic_plan_html  # noqa: E402

MTFP = "Wyvern MTFP 2025-28.pdf"
MONITORING = "Cabinet 2025-11-06 Revenue budget monitoring Q2 2025-26.pdf"
TRACKER = "Savings tracker 2025-26 Q2.xlsx"
SAVINGS_PLAN = "CYPE savings plan 2025-28.docx"
STRATEGIC_PLAN = "Children and Young Peoples Strategic Plan 2025-2028.pdf"
TRUNCATED = "Cabinet minutes 2025-09.pdf"
WRONG_EXTENSION = "Budget monitoring Q1 2025-26 summary.xls"
RISK_REGISTER = "Corporate risk register Q2 2025-26.pdf"


def write_truncated_pdf(path: Path) -> Path:
    """A real PDF cut in half, as an interrupted upload leaves it: no xref, no trailer."""
    html_paper.write_pdf(cabinet_minutes_html(), path)
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])
    return path


def generate_bundle(out: Path) -> list[Path]:
    """Write the bundle into `out` (created if missing) and return the files written."""
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    return [
        html_paper.write_pdf(mtfp_html(), out / MTFP),
        html_paper.write_pdf(monitoring_html(), out / MONITORING),
        office_files.write_tracker(out / TRACKER),
        savings_plan.write_savings_plan(out / SAVINGS_PLAN),
        html_paper.write_pdf(strategic_plan_html(), out / STRATEGIC_PLAN),
        write_truncated_pdf(out / TRUNCATED),
        office_files.write_csv_as_xls(out / WRONG_EXTENSION),
        html_paper.write_pdf(risk_register_html(), out / RISK_REGISTER),
    ]


def main(argv: list[str]) -> int:
    out = Path(argv[1]) if len(argv) > 1 else Path(__file__).resolve().parent / "bundle"
    for path in generate_bundle(out):
        print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
