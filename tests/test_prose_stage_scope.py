"""An overspend stated in prose is of what its own sentence names, at the stage its sentence states
it: before or after the council's management actions or its use of reserves (extract.stage,
analyse.scope.figure_subject); a rating key's threshold is no overspend at all."""

from __future__ import annotations

import pytest

from analyse.enquiry import lines_of_enquiry
from analyse.records import Money3, Position, Review, Scope
from analyse.restated import stating_differently
from analyse.scope import ScopeIndex, scope_index
from analyse.stated import figure_flags
from analyse.stated_position import stated_children_variance
from analyse.themes import themes_of
from analyse.wording import is_bound
from extract.prose import figures_from_passages
from extract.records import Extraction, Figure, FigureUnit, Passage, Stage
from extract.stage import stage_of
from tests.review_builders import budget, no_lines, prov


def figure(value: float, text: str, label: str = "overspend", stage: Stage | None = None) -> Figure:
    return Figure(
        value=value,
        unit=FigureUnit.GBP,
        label=label,
        text=text,
        provenance=[prov(text, "report.pdf", "page 3")],
        stage=stage,
    )


def council_index() -> ScopeIndex:
    """A council's bundle: directorates named, so a sentence naming none is the council's."""
    lines = [
        budget("People", "directorate", 90e6, 95e6, directorate="People"),
        budget("Place", "directorate", 40e6, 41e6, directorate="Place"),
    ]
    return scope_index(Extraction(budget_lines=lines))


@pytest.mark.parametrize(
    ("text", "printed", "stage"),
    [
        (
            "The directorate reports a gross pressure of £4.4m prior to mitigations.",
            "£4.4m",
            Stage.BEFORE_ACTIONS,
        ),
        ("Recovery plan savings of £0.8m bring the overspend down to £2.6m.", "£2.6m", Stage.AFTER_ACTIONS),
        (
            "Net of the planned use of the smoothing reserve, the variance is £1.9m.",
            "£1.9m",
            Stage.AFTER_RESERVES,
        ),
        (
            "An overspend of £3.3m is forecast before the application of reserves.",
            "£3.3m",
            Stage.BEFORE_RESERVES,
        ),
        (
            "Mitigating actions of £0.7m are agreed and a £0.5m draw on reserves leaves a residual pressure of £1.2m.",
            "£1.2m",
            Stage.AFTER_RESERVES,
        ),
        ("The overspend is £3.3m.", "£3.3m", None),
        # "transactions" is no action: the reserves named are the stage
        (
            "After reserves and card transactions, the overspend reduces to £5.9m.",
            "£5.9m",
            Stage.AFTER_RESERVES,
        ),
        ("Mitigating actions of £0.7m have been agreed.", "£0.7m", None),
        # a budget beside the overspend is at no stage, though the qualifier follows it
        ("An overspend of £2.2m on a budget of £40.0m, before mitigations.", "£40.0m", None),
    ],
)
def test_a_sum_is_at_the_stage_its_sentence_states(text: str, printed: str, stage: Stage | None) -> None:
    at = text.index(printed)
    assert stage_of(text, at, at + len(printed)) is stage


def test_the_stage_is_read_into_the_figure_and_said_in_its_flag() -> None:
    text = "After mitigating actions of £1.1m the Children's Services overspend reduces to £3.6m."
    passage = Passage(text=text, provenance=[prov(text, "report.pdf", "page 2")])
    (found,) = [f for f in figures_from_passages([passage]) if f.value == 3.6e6]
    assert found.stage is Stage.AFTER_ACTIONS
    (flag,) = figure_flags([found], no_lines())
    assert flag.subject.endswith("£3.6m after management actions")
    assert flag.stage is Stage.AFTER_ACTIONS


def test_the_childrens_position_is_stated_before_actions_never_mixed_with_after() -> None:
    after = "Once management action is taken, the children's services overspend falls to £4.5m."
    figures = [
        figure(4.5e6, after, stage=Stage.AFTER_ACTIONS),
        figure(
            4.5e6,
            "Children's services: after management action the overspend is £4.5m.",
            stage=Stage.AFTER_ACTIONS,
        ),
        figure(
            6.0e6,
            "Children's services forecast an overspend of £6.0m before management action.",
            stage=Stage.BEFORE_ACTIONS,
        ),
    ]
    money, _ = stated_children_variance(figures, None, no_lines())
    assert money.variance_gbp == 6.0e6
    assert money.stage is Stage.BEFORE_ACTIONS


def test_a_sum_after_actions_is_no_restatement_of_the_tables_overspend() -> None:
    row = budget("Children's Services", "directorate", 50e6, 56e6)
    before = figure(6.5e6, "Children's Services is forecasting an overspend of £6.5m.", stage=None)
    after = figure(
        5.0e6,
        "Children's Services overspend reduces to £5.0m after management actions of £1.0m.",
        stage=Stage.AFTER_ACTIONS,
    )
    assert stating_differently(row, [row], [before, after]) == [before]


@pytest.mark.parametrize(
    "text",
    [
        # the subject of a later sum's clause
        "Once recovery actions of £2.2m are taken the overspend falls to £6.1m, and drawing £1.0m from the"
        " looked after children's placements fund leaves £5.1m.",
        # a reserve's name before the sum
        "After a contribution of £1.5m from the Young People's Support Reserve, the forecast overspend is £6.1m.",
    ],
)
def test_a_sentence_naming_childrens_services_only_elsewhere_is_not_the_childrens_position(text: str) -> None:
    council = figure(6.1e6, text, label="forecast overspend")
    assert stated_children_variance([council], None, no_lines())[0].variance_gbp is None
    (flag,) = [f for f in figure_flags([council], council_index()) if f.amount_gbp == 6.1e6]
    assert flag.scope is Scope.COUNCIL_WIDE


def test_a_sentence_naming_another_directorate_is_that_directorates() -> None:
    lines = [
        budget("Children's Services", "directorate", 90e6, 95e6, directorate="Children's Services"),
        budget(
            "Communities and Transport", "directorate", 40e6, 41e6, directorate="Communities and Transport"
        ),
        # the same name read as a line of the council's table (a name wrapped over two lines)
        budget(
            "Communities and Transport",
            "service_line",
            40e6,
            41e6,
            file="appendix.pdf",
            directorate="County Council",
        ),
    ]
    scopes = scope_index(Extraction(budget_lines=lines))
    said = figure(0.4e6, "Communities and Transport forecasts an overspend of £0.4m.")
    assert scopes.figure(said) is Scope.OTHER_DIRECTORATE
    assert "home_to_school_transport" not in themes_of(said.text)


def test_transport_alone_is_not_home_to_school_transport() -> None:
    assert "home_to_school_transport" not in themes_of("Public transport and highways are overspending.")
    assert "home_to_school_transport" in themes_of("Home to school transport is overspending.")


@pytest.mark.parametrize(
    ("text", "value", "bound"),
    [
        ("A service is rated Red where its variance is £1m or more.", 1e6, True),
        ("Key: Amber = an overspend of up to £250k.", 250e3, True),
        ("The service is forecasting an overspend of £2.1m.", 2.1e6, False),
        ("The overspend has risen to over £2.1m since Quarter 1.", 2.1e6, False),
    ],
)
def test_a_threshold_is_a_bound_not_an_amount(text: str, value: float, bound: bool) -> None:
    assert is_bound(text, value) is bound


def test_a_rating_keys_threshold_is_not_flagged() -> None:
    key = "Ratings: Red = overspend of £750k or more; Green = within budget."
    assert figure_flags([figure(750e3, key)], no_lines()) == []


def test_fernleigh_headline_is_not_the_councils_after_actions(fernleigh: tuple[Review, Extraction]) -> None:
    review, _ = fernleigh
    children = review.position.children_services
    assert children.variance_gbp != 7.5e6  # the whole General Fund after management actions
    if children.verification == "unchecked":  # a sentence's figure: before the council's actions
        assert children.stage in (None, Stage.BEFORE_ACTIONS, Stage.BEFORE_RESERVES)
    assert not any(f.amount_gbp == 0.5e6 for f in review.flags)  # the RAG key's "£500k or more"
    stated = [f for f in review.flags if f.code == "stated_overspend"]
    assert all(f.stage is not None for f in stated if "management actions" in f.provenance[0].text)
    children_q = [q for q in review.lines_of_enquiry if "children's services overspend" in q.question]
    assert len(children_q) <= 1


def test_marlowe_anothers_transport_overspend_is_not_flagged(marlowe: tuple[Review, Extraction]) -> None:
    review, _ = marlowe
    assert not any(f.amount_gbp == 0.69e6 for f in review.flags)  # Growth, Environment and Transport's


def test_a_childrens_overspend_after_actions_is_said_in_the_positions_question_not_asked_again() -> None:
    said = "Mitigating actions of £1.5m reduce the children's services overspend to £4.5m."
    before = "Children's services are forecasting an overspend of £6.0m before mitigations."
    position = Position(
        period="2025-26",
        children_services=Money3(
            variance_gbp=6.0e6,
            provenance=[prov(before, "report.pdf", "page 2")],
            verification="unchecked",
            stage=Stage.BEFORE_ACTIONS,
        ),
    )
    (later,) = figure_flags([figure(4.5e6, said, stage=Stage.AFTER_ACTIONS)], no_lines())
    questions = lines_of_enquiry([later], [], position, [])
    assert not any(q.amount_gbp == 4.5e6 for q in questions)
    (asked,) = [q for q in questions if q.amount_gbp == 6.0e6]
    assert "£6.0m before management actions" in asked.because
    assert "£4.5m after management actions" in asked.because


def test_one_amount_at_two_precisions_is_one_flag_unless_stated_at_two_stages() -> None:
    def said(value: float, text: str, stage: Stage | None, places: int | None) -> Figure:
        return figure(value, text, stage=stage).model_copy(update={"places": places})

    summary = said(
        7.15e6,
        "Children's services forecast an overspend of £7.15m before mitigations.",
        Stage.BEFORE_ACTIONS,
        2,
    )
    detail = said(7_147_100, "Children's services are overspending by £7,147,100.", None, None)
    after = said(
        7_147_100,
        "After mitigations the children's services overspend is £7,147,100.",
        Stage.AFTER_ACTIONS,
        None,
    )
    assert len(figure_flags([summary, detail], no_lines())) == 1
    assert len(figure_flags([summary, after], no_lines())) == 2
