"""Rules decided in one place: the sentence a position is in (extract.sentences, as the council's
naming of itself reads it), how closely figures must agree (extract.verify.tolerance, EPSILON added
once), and the index of a review's figures the pack, deck and workbook print from (render.refs)."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

import pytest

from analyse import dsg
from analyse.benchmarks import load_benchmark_table
from analyse.council import identify_council
from analyse.gap_basis import _agree
from analyse.records import Flag
from analyse.scope import scope_index
from analyse.stated import not_restated, same_amount
from analyse.targets import met_by
from extract.numbers import year_end
from extract.records import Extraction, Passage, Provenance, Table
from extract.sentences import sentence_start
from extract.verify.tolerance import EPSILON, PROSE_HALF_UNIT, places_half_unit, within
from render import refs
from render.data import render_xlsx
from tests.render_samples import sample

ROOT = Path(__file__).resolve().parent.parent


def _prov(file: str, text: str) -> Provenance:
    sha = hashlib.sha256(file.encode()).hexdigest()
    return Provenance(file=file, sha256=sha, page=1, bbox=None, locator="page 1", text=text)


@pytest.mark.parametrize(
    ("text", "word", "start"),
    [
        ("Budget set. Surrey County Council agreed it.", "Surrey", 12),
        ("Who sets it? Surrey County Council does.", "Surrey", 13),
        ("It rose by 2.5 per cent in Surrey this year.", "Surrey", 0),  # a decimal point ends nothing
        ("Set out below; 3.1 Surrey County Council is", "Surrey", 15),
    ],
)
def test_a_sentence_starts_where_the_one_splitter_ends_the_last(text: str, word: str, start: int) -> None:
    assert sentence_start(text, text.index(word)) == start


def test_the_council_naming_itself_after_a_question_is_its_own_naming() -> None:
    """A sentence the splitter ends with "?" is as much a sentence as one ended with a full stop:
    the name that opens the next is the council's own naming, before a mention in passing."""
    passing = (
        "We consulted with schools, district and borough councils, Surrey County Council members and parents."
    )
    own = "Who sets the budget for the county's schools and services each year? Surrey County Council sets it each February."
    passages = [Passage(text=t, provenance=[_prov("a.pdf", t)]) for t in (passing, own)]
    [evidence] = identify_council(Extraction(), load_benchmark_table(), passages=passages).identified_from
    assert evidence.text.startswith("Surrey County Council sets it")


def test_prose_figures_agree_to_half_a_unit_of_one_place_in_millions_whatever_the_floats() -> None:
    assert PROSE_HALF_UNIT == places_half_unit(1, 1e6) == 50_000
    assert same_amount(-5_000_000, 4_950_000 - EPSILON / 2)  # signs aside, float noise aside
    assert not same_amount(5_000_000, 4_949_999)
    assert within(0.1 + 0.2, 0.3, 0.0) and not within(1.0, 1.1, 0.05)
    assert _agree(1_200_000, 1_200_000 + 1e-7) and not _agree(1_200_000, 1_203_000)


def test_a_stated_figure_a_table_of_its_document_gives_to_the_place_prose_prints_is_not_restated() -> None:
    def flag(code: str, amount: float, file: str = "q2.pdf") -> Flag:
        return Flag(
            code=code,
            severity="medium",
            subject="x",
            message="x",
            amount_gbp=amount,
            provenance=[_prov(file, "x")],
        )

    stated = [flag("stated_overspend", 2_350_000), flag("stated_overspend", 2_350_000, "other.pdf")]
    tables = [flag("overspend", 2_300_000.000_000_4)]
    assert [f.provenance[0].file for f in not_restated(stated, tables)] == ["other.pdf"]


TOLERANCE_MODULE = Path("extract/verify/tolerance.py")
# A comparison that adds its own float slack, or states prose's precision, outside the tolerance module.
OWN_SLACK = re.compile(r"\+\s*(?:1e-\d+|EPSILON)\b|PROSE_HALF_UNIT\s*=")


def test_every_tolerance_adds_its_float_slack_in_the_tolerance_module_only() -> None:
    found = [
        f"{path.relative_to(ROOT)}:{n}"
        for package in ("analyse", "extract", "render", "workers")
        for path in sorted((ROOT / package).rglob("*.py"))
        if path.relative_to(ROOT) != TOLERANCE_MODULE
        for n, line in enumerate(path.read_text().splitlines(), start=1)
        if OWN_SLACK.search(line)
    ]
    assert found == []


def test_the_workbook_prints_from_the_index_the_pack_and_deck_built(monkeypatch: pytest.MonkeyPatch) -> None:
    """Indexing a large review takes a while: the workbook, rendered beside the deck, uses the index of
    the same records (render.refs.Figures.of) rather than building its own."""
    review, extraction = sample()
    built = []
    index = refs.Figures._index

    def counted(self: refs.Figures, root: object, base: str) -> None:
        built.append(base)
        index(self, root, base)

    monkeypatch.setattr(refs.Figures, "_index", counted)
    refs.Figures.of(review, extraction)
    render_xlsx(review, extraction)
    assert built.count(refs.REVIEW + "#") == 1


def test_dates_are_set_against_each_other_by_one_rule_for_a_deficit_and_a_target() -> None:
    """A target's date words and a DSG balance's are read by one rule (extract.numbers.year_end); a
    target adds only that a year it is to be met in ends in its last month (analyse.targets.met_by)."""
    for words in ("31 March 2027", "March 2027", "the end of 2026/27", "end of 2026-27"):
        assert met_by(words) == year_end(words) == (2027, 3)
    assert year_end("2026-27") is None and met_by("2026-27") == (2027, 3) and met_by("2027") == (2027, 12)


def test_a_dsg_deficit_table_is_read_and_checked_once_for_its_deficit_and_its_movements(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    rows = [
        ["Dedicated Schools Grant deficit", "2025/26 £000"],
        ["Deficit b/f", "(20,000)"],
        ["In-year overspend on high needs", "(6,000)"],
        ["Safety Valve contribution", "4,000"],
        ["Deficit c/f", "(22,000)"],
    ]
    table = Table(
        file="dsg.pdf",
        page=2,
        bbox=None,
        rows=rows,
        header_rows=1,
        locator="page 2, table 1",
        provenance=[_prov("dsg.pdf", "t")],
    )
    checked = []
    carried_forward = dsg._carried_forward

    def counted(*args: object) -> object:
        checked.append(args)
        return carried_forward(*args)  # type: ignore[arg-type]

    monkeypatch.setattr(dsg, "_carried_forward", counted)
    extraction = Extraction(tables=[table])
    found = dsg.dsg_position(extraction, scope_index(extraction), "2025-26")
    assert found.cumulative_deficit is not None and found.cumulative_deficit.amount_gbp == 22_000_000
    assert len(checked) == 1
