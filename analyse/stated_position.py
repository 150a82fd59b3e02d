"""The children's services variance a document states in prose, where no budget table gives it.

Committee minutes and scrutiny reports often give the children's position only in a sentence
("CYPS had an overspend of £9.517 million", "a £5.4m forecast overspend for Children's Services").
The figure is used as stated, with its sentence as provenance; no budget or forecast is inferred
from it. An earlier year's or report's figure ("in the previous year ... an overspend of £2.5
million", "compares with £6.02m at Quarter 1") and one that would follow on a condition ("would
reduce to £7.43m") are not this year's position (analyse.wording.stated_as_now), and a figure
whose clause (else its sentence up to that clause: analyse.scope.figure_subject) does not name
children's services is not the children's position. Where sentences state it before and after the
council's management actions or use of reserves (extract.stage), the position is the one before
them, with its stage.
"""

from __future__ import annotations

from collections import Counter

from analyse.records import Money3
from analyse.scope import ScopeIndex, figure_subject, names_childrens_services
from analyse.wording import stated_as_now
from extract.records import Figure, FigureUnit
from extract.stage import comparable_stages
from extract.tables.vocabulary import VARIANCE_LABEL


def stated_children_variance(
    figures: list[Figure], period: str | None, scopes: ScopeIndex
) -> tuple[Money3, str | None]:
    """The variance most often stated for children's services (positive an overspend) and the
    year it is stated for; an empty Money3 where no sentence states one."""
    found = [(f, _signed(f)) for f in figures if _is_children_variance(f, period, scopes)]
    # A sentence may state the overspend before the council's actions and after them: the
    # position is the forecast as a table would print it (before them), at one stage, never a
    # figure after actions counted with one before them.
    found = [(f, v) for f, v in found if comparable_stages(f.stage, None)] or found
    if not found:
        return Money3(), None
    value = Counter(v for _, v in found).most_common(1)[0][0]
    chosen = [f for f, v in found if v == value]
    stage = next((f.stage for f in chosen if f.stage), None)
    years = sorted({f.period for f in chosen if f.period})
    provenance = [p for f in chosen[:3] for p in f.provenance]
    money = Money3(variance_gbp=value, provenance=provenance, verification="unchecked", stage=stage)
    return money, years[0] if len(years) == 1 else None


def _is_children_variance(figure: Figure, period: str | None, scopes: ScopeIndex) -> bool:
    if figure.unit != FigureUnit.GBP or figure.value <= 0 or not VARIANCE_LABEL.search(figure.label or ""):
        return False
    if period is not None and figure.period not in (None, period):
        return False
    return names_childrens_services(figure_subject(figure, scopes.words)) and stated_as_now(
        figure.text, figure.value
    )


def _signed(figure: Figure) -> float:
    match = VARIANCE_LABEL.search(figure.label or "")
    return -figure.value if match and match["way"].lower() == "under" else figure.value
