"""A children's overspend stated only in prose (committee minutes) is the position, as stated."""

from __future__ import annotations

from pathlib import Path

import pytest

from analyse.position import budget_position
from analyse.stated_position import stated_children_variance
from extract.document import extract_file
from extract.records import Extraction, Figure, FigureUnit, Provenance
from tests.conftest import need
from tests.review_builders import no_lines

PROV = Provenance(file="minutes.txt", sha256="ab" * 32, page=None, bbox=None, locator="paragraph 2", text="t")


def committee_text(shared_dir: Path, prefix: str) -> Extraction:
    folder = shared_dir / "corpus" / "committee-text"
    found = sorted(folder.glob(f"{prefix}*.txt"))
    need(bool(found), f"{folder} has no {prefix} file")
    return extract_file(found[0].name, found[0].read_bytes())


def test_durhams_minutes_give_the_cyps_overspend_they_state(shared_dir: Path) -> None:
    # "CYPS had an overspend of £9.517 million representing a 5% increased overspend."
    position = budget_position(committee_text(shared_dir, "07_durham"), None)
    assert position.children_services.variance_gbp == pytest.approx(9_517_000.0)
    assert position.children_services.budget_gbp is None and position.children_services.forecast_gbp is None
    assert any("9.517" in p.text for p in position.children_services.provenance)


def test_somersets_minutes_give_the_years_forecast_overspend(shared_dir: Path) -> None:
    # "... update on the budget position for Children's Services - Month 3 ... £5.4m forecast overspend".
    position = budget_position(committee_text(shared_dir, "08_somerset"), None)
    assert position.children_services.variance_gbp == pytest.approx(5_400_000.0)
    assert position.period == "2024-25"


def test_an_earlier_years_overspend_is_not_this_years_position(shared_dir: Path) -> None:
    # Hillingdon: "In the previous year, services in this Committee's remit had experienced an overspend of £2.5 million".
    position = budget_position(committee_text(shared_dir, "03_hillingdon"), None)
    assert position.children_services.variance_gbp is None


def figure(label: str, text: str, value: float = 1_200_000.0) -> Figure:
    return Figure(value=value, unit=FigureUnit.GBP, label=label, text=text, provenance=[PROV])


def test_an_underspend_is_negative_and_a_sentence_without_childrens_services_is_ignored() -> None:
    found, _ = stated_children_variance(
        [
            figure("forecast underspend", "Children's Services forecast an underspend of £1.2m."),
            figure("overspend", "Highways forecast an overspend of £3.0m.", 3_000_000.0),
        ],
        None,
        no_lines(),
    )
    assert found.variance_gbp == pytest.approx(-1_200_000.0)


def test_the_caveats_say_the_childrens_position_is_stated_in_prose_not_that_it_is_missing(
    shared_dir: Path,
) -> None:
    from analyse.review import build_review

    review = build_review(committee_text(shared_dir, "08_somerset"))
    assert any("state in prose" in note for note in review.caveats)
    assert not any(
        "position is not stated" in note or "is a budget (set or proposed" in note for note in review.caveats
    )
    assert not any("No financial year" in note for note in review.caveats)
