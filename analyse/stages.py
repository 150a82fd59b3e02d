"""The later stages at which the documents state an overspend: after the council's management
actions, and after its use of reserves (extract.stage).

A monitoring table's forecast variance is the overspend before what the report says the council
will do about it; the report's prose then states what is left after its management actions and
after a draw on reserves ("reducing the overspend to £7.5m", "leaving a residual overspend of
£5.5m"). Each is a different figure at its own stage: a later one is shown beside the table's, with
its stage, never added to it nor compared with it, and what is left to fall on the general reserve
if not recovered is the latest stage the documents state for the scope.
"""

from __future__ import annotations

from collections.abc import Callable

from analyse.records import Money3, Position, Scope
from analyse.scope import DIRECTORATE_SENTENCE, DSG, ScopeIndex, figure_subject, is_childrens
from analyse.wording import content_words, stated_as_now
from extract.records import Figure, FigureUnit, Stage
from extract.tables.vocabulary import VARIANCE_LABEL

# The stages after the table's overspend, in the order a report takes them.
LATER = (Stage.AFTER_ACTIONS, Stage.AFTER_RESERVES)


def staged_position(position: Position, figures: list[Figure], scopes: ScopeIndex) -> Position:
    """`position` with the later stages the documents state beside its table-read figures: the
    children's headline row's (`childrens_later`) and the council's (`council_later`). Where a later
    stage is stated for a scope, that scope's table figures say they are before management actions
    (extract.stage.comparable_stages: a table's forecast variance is the overspend before what the
    report says the council will do about it), the children's scope's derived sum with its row's."""
    period = position.period
    council = later_stages(figures, period, lambda f: scopes.stated(f) == Scope.COUNCIL_WIDE)
    children = position.children_services
    row = later_stages(figures, period, lambda f: _about_row(f, position, scopes))
    update: dict[str, object] = {
        "council_later": [_money(f) for f in council],
        "childrens_later": [_money(f) for f in row],
    }
    if council and position.variance_gbp is not None:
        update["stage"] = Stage.BEFORE_ACTIONS
    if row and children.stage is None and children.budget_gbp is not None:
        update["children_services"] = children.model_copy(update={"stage": Stage.BEFORE_ACTIONS})
        if (scope := position.children_scope) is not None:
            total = scope.total.model_copy(update={"stage": Stage.BEFORE_ACTIONS})
            update["children_scope"] = scope.model_copy(update={"total": total})
    return position.model_copy(update=update)


def _about_row(figure: Figure, position: Position, scopes: ScopeIndex) -> bool:
    """Whether a figure's own words are about the children's headline row: a children's figure whose
    subject names the row, or, where the row is the whole children's scope, names the directorate or
    children's services whole (`DIRECTORATE_SENTENCE`: "looked after children" is one service's)."""
    if not is_childrens(scopes.stated(figure)):
        return False
    subject = figure_subject(figure, scopes.words)
    name = content_words(position.children_services_name)
    if name and name <= content_words(subject):
        return True
    whole = DIRECTORATE_SENTENCE.search(subject) and not DSG.search(subject)
    return not position.childrens_row_is_part and bool(whole)


def _money(figure: Figure) -> Money3:
    return Money3(
        variance_gbp=figure.value,
        provenance=figure.provenance[:1],
        verification="unchecked",
        stage=figure.stage,
    )


def later_stages(figures: list[Figure], period: str | None, about: Callable[[Figure], bool]) -> list[Figure]:
    """The overspend the documents state `about` a scope in `period` (or for no year) at each stage
    after the council's management actions (`LATER`), the first stated of each, in stage order;
    none where they state no later stage. Only a sum its sentence states as an overspend now
    (analyse.wording.stated_as_now: not what would follow on a condition, nor an earlier report's)."""
    found = [
        f
        for f in figures
        if f.stage in LATER
        and f.unit == FigureUnit.GBP
        and f.value > 0
        and _overspend(f)
        and f.period in (None, period)
        and stated_as_now(f.text, f.value)
        and about(f)
    ]
    firsts = [next((f for f in found if f.stage == stage), None) for stage in LATER]
    return [f for f in firsts if f is not None]


def _overspend(figure: Figure) -> bool:
    match = VARIANCE_LABEL.search(figure.label or "")
    return match is not None and match["way"].lower() == "over"
