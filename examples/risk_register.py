"""The corporate risk register (one page): children's risks beside other directorates' and the
council's own, so the pack can be shown to list every children's risk (CR04 rated below red among
them) and none of the others'."""

from __future__ import annotations

from html import escape

from examples import html_paper as h

HEADERS = ["Ref", "Risk", "Description", "Likelihood", "Impact", "Score", "Owner", "Exposure £m"]
# Ref, risk, description, likelihood, impact, owner, exposure £m ("" where none is estimated). Each
# cell fits one line, as a register exported from a spreadsheet prints.
RISKS = [
    ("CR01", "Placement sufficiency", "Too few local placements", 5, 4, "Director CYPE", "4.0"),
    ("CR02", "High Needs block deficit", "DSG deficit grows", 4, 5, "Director of Education", "11.5"),
    ("CR03", "Social worker recruitment", "Agency staff at a premium", 4, 4, "Director CYPE", ""),
    ("CR04", "UASC grant shortfall", "Grant below cost of care", 3, 3, "Director CYPE", "1.2"),
    ("CR05", "Adult care market", "Care home closures", 4, 5, "Director of Adults", "6.0"),
    ("CR06", "Cyber security", "Systems disrupted", 3, 5, "Chief Digital Officer", ""),
]
NOWRAP = "white-space: nowrap; font-size: 8pt; vertical-align: top"


def risk_register_html() -> str:
    ths = "".join(f'<th style="{NOWRAP}">{escape(x)}</th>' for x in HEADERS)
    rows = "".join(
        "<tr>"
        + "".join(
            f'<td style="{NOWRAP}">{escape(str(cell))}</td>'
            for cell in (
                ref,
                risk,
                description,
                likelihood,
                impact,
                likelihood * impact,
                owner,
                exposure or "-",
            )
        )
        + "</tr>"
        for ref, risk, description, likelihood, impact, owner, exposure in RISKS
    )
    body = (
        "<h1>Corporate Risk Register: Quarter 2 2025-26</h1>"
        + h.meta_block([("Report to", "Audit and Governance Committee, 20 November 2025")])
        + h.paragraphs("Scores are likelihood times impact, each out of 5; 15 or more is rated red.")
        + f'<table class="fin risks"><thead><tr>{ths}</tr></thead><tbody>{rows}</tbody></table>'
    )
    return h.document("Corporate Risk Register Q2 2025-26", body)
