"""Where the documents state an overspend at more than one stage (a table's forecast variance, then
what is left after the council's management actions and after a draw on reserves), the table's
figures say they are before management actions, the later stages stand beside them (analyse.stages),
and what would fall on the general reserve if not recovered is the latest stage stated; a question
names the scope its figure is of (analyse.enquiry)."""

from __future__ import annotations

from typing import Any

from analyse.dsg import council_overspend
from analyse.enquiry import lines_of_enquiry
from analyse.records import ChildrensScope, Money3, Position, Reserve, Scope, ScopePart
from analyse.scope import scope_index
from analyse.stages import staged_position
from extract.prose import figures_from_passages
from extract.records import Extraction, Passage, Stage
from render.findings import later_words
from render.refs import Figures
from tests.review_builders import budget, prov

CHILDREN = "Children's Social Care"
COUNCIL_SAID = (
    "Once mitigating actions of £2.4m are taken, the overall overspend falls to £9.6m, and after the"
    " planned drawdown of £1.5m from the Budget Smoothing Reserve, a remaining overspend of £8.1m is left."
)
CHILDREN_SAID = "Recovery actions totalling £0.9m will reduce the Children's Social Care overspend to £4.3m."


def _bundle(*said: str) -> tuple[Position, list[Any], Any]:
    lines = [
        budget(CHILDREN, "directorate", 120e6, 126e6, directorate=CHILDREN),
        budget("Place and Growth", "directorate", 60e6, 66e6, directorate="Place and Growth"),
    ]
    passages = [Passage(text=s, provenance=[prov(s, "monitoring.pdf", "page 1")]) for s in said]
    figures = figures_from_passages(passages)
    scopes = scope_index(Extraction(budget_lines=lines, figures=figures))
    row = Money3(budget_gbp=120e6, forecast_gbp=126e6, variance_gbp=6e6, provenance=[lines[0].provenance[0]])
    position = Position(
        period="2025-26",
        budget_gbp=480e6,
        forecast_gbp=492e6,
        variance_gbp=12e6,
        provenance=[prov("Council total | 480.0 | 492.0 | 12.0", "monitoring.pdf", "row 9")],
        children_services=row,
        children_services_name=CHILDREN,
    )
    return position, figures, scopes


def test_the_table_position_says_its_stage_and_the_later_stages_stand_beside_it() -> None:
    position, figures, scopes = _bundle(COUNCIL_SAID, CHILDREN_SAID)
    staged = staged_position(position, figures, scopes)
    assert [(m.variance_gbp, m.stage) for m in staged.council_later] == [
        (9.6e6, Stage.AFTER_ACTIONS),
        (8.1e6, Stage.AFTER_RESERVES),
    ]
    assert [(m.variance_gbp, m.stage) for m in staged.childrens_later] == [(4.3e6, Stage.AFTER_ACTIONS)]
    assert staged.stage is Stage.BEFORE_ACTIONS
    assert staged.children_services.stage is Stage.BEFORE_ACTIONS
    assert staged.variance_gbp == 12e6 and staged.children_services.variance_gbp == 6e6  # never replaced
    said = "".join(str(p) for p in later_words(staged.council_later, Figures(staged)))
    assert (
        said
        == " The documents also state it at later stages: £9.6m after management actions and £8.1m after the use of reserves"
    )


def test_where_no_later_stage_is_stated_the_table_position_states_none() -> None:
    position, figures, scopes = _bundle("The overall overspend is £12.0m.")
    staged = staged_position(position, figures, scopes)
    assert staged.stage is None and staged.children_services.stage is None
    assert not staged.council_later and not staged.childrens_later


def test_what_would_fall_on_the_reserve_is_the_latest_stage_the_documents_state() -> None:
    position, figures, scopes = _bundle(COUNCIL_SAID, CHILDREN_SAID)
    text = "The general fund balance was £30.0m at 31 March 2025."
    reserve = Reserve(
        kind="balance",
        label="general fund balance",
        amount_gbp=30e6,
        at="31 March 2025",
        text=text,
        provenance=[prov(text, "monitoring.pdf", "page 2")],
    )
    call = council_overspend(staged_position(position, figures, scopes), reserve)
    assert call is not None and (call.amount_gbp, call.stage) == (8.1e6, Stage.AFTER_RESERVES)
    assert call.provenance[0].text == COUNCIL_SAID
    # with no later stage stated, the table's total is the call, at no stage
    plain = council_overspend(position, reserve)
    assert plain is not None and (plain.amount_gbp, plain.stage) == (12e6, None)


def test_a_question_names_the_directorate_whose_overspend_it_asks_when_it_is_one_part_of_childrens() -> None:
    position, _, _ = _bundle()
    parts = [
        ScopePart(name=CHILDREN, scope=Scope.CHILDRENS_SOCIAL_CARE, money=position.children_services),
        ScopePart(
            name="Learning and Skills",
            scope=Scope.EDUCATION_SEND_TRANSPORT,
            money=Money3(budget_gbp=30e6, forecast_gbp=32e6, variance_gbp=2e6),
        ),
    ]
    scope = ChildrensScope(label="Children's services", parts=parts, total=Money3(variance_gbp=8e6))
    part = position.model_copy(update={"children_scope": scope})
    (asked,) = [q for q in lines_of_enquiry([], [], part, []) if q.amount_gbp == 6e6]
    assert asked.question.startswith(f"What drives the overspend in {CHILDREN} (")
    (whole,) = [q for q in lines_of_enquiry([], [], position, []) if q.amount_gbp == 6e6]
    assert whole.question.startswith("What drives the children's services overspend (")


def test_fernleighs_position_says_its_stage_and_its_reserve_call_is_after_actions_and_the_draw(
    fernleigh: Any,
) -> None:
    review, _ = fernleigh
    position = review.position
    assert position.children_services.stage is Stage.BEFORE_ACTIONS
    assert [m.variance_gbp for m in position.childrens_later] == [5.9e6, 3.9e6]
    assert [m.variance_gbp for m in position.council_later] == [7.5e6, 5.5e6]
    call = review.dsg.council_overspend
    assert call is not None and (call.amount_gbp, call.stage) == (5.5e6, Stage.AFTER_RESERVES)
    (asked,) = [q for q in review.lines_of_enquiry if q.question.startswith("What drives the overspend in")]
    assert "Children and Families" in asked.question


def test_fernleighs_headline_card_keeps_the_whole_childrens_scope_before_the_later_stages(
    fernleigh: Any,
) -> None:
    """The card says the whole children's scope (both portfolios, +£11.1m) before the stages the
    documents state later: a card cut to fit the summary keeps what comes first, and once lost the
    scope, not the stages (the third reading of Fernleigh's pack)."""
    import re
    from html import unescape

    from render.pack import pack_html

    review, extraction = fernleigh
    html = pack_html(review, extraction)
    summary = unescape(re.sub(r"<[^>]+>", "", html.split('id="summary"', 1)[1].split("<section", 1)[0]))
    assert "children's services' variance is +£11.1m" in " ".join(summary.split())


def test_one_services_later_stage_is_not_the_whole_rows() -> None:
    """ "Looked after children" names one service, not the directorate or children's services whole:
    its sum after actions is no later stage of the headline row (review of the day's merge)."""
    service = "Management actions will reduce the looked after children placements overspend to £3.1m."
    position, figures, scopes = _bundle(service)
    assert staged_position(position, figures, scopes).childrens_later == []
    whole = "Management actions will reduce the children's services overspend to £4.3m."
    position, figures, scopes = _bundle(whole)
    assert [m.variance_gbp for m in staged_position(position, figures, scopes).childrens_later] == [4.3e6]
