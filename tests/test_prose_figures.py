"""Figures in prose: money, money per child, percentages, with their labels and years."""

from __future__ import annotations

from pathlib import Path

import pytest

from extract.prose import _sentences_cited, figures_from_passages, sentences_cited
from extract.records import Figure, FigureUnit, Passage, Provenance
from extract.sentences import split_sentences
from ingest.language import english

PROV = Provenance(
    file="minutes.docx", sha256="cd" * 32, page=2, bbox=(1.0, 2.0, 3.0, 4.0), locator="paragraph 14", text=""
)


def figures(text: str) -> list[Figure]:
    return figures_from_passages([Passage(text=text, provenance=[PROV])])


@pytest.mark.parametrize(
    ("text", "value", "unit"),
    [
        ("If no action were taken the £9.8million would need to be found.", 9.8e6, FigureUnit.GBP),
        ("The placements overspend is £1.2m.", 1.2e6, FigureUnit.GBP),
        ("Agency savings of £350k were delivered.", 350e3, FigureUnit.GBP),
        ("The high needs deficit is £3.4bn nationally.", 3.4e9, FigureUnit.GBP),
        ("Spend was £435 per child last year.", 435.0, FigureUnit.GBP_PER_CHILD),
        ("Of the savings, 58% were delivered.", 58.0, FigureUnit.PERCENT),
        ("The overspend of £2.5 million was mostly placements.", 2.5e6, FigureUnit.GBP),
        ("Looked after children were 68 per 10,000 children.", 68.0, FigureUnit.RATE_PER_10K),
        ("Demand rose by 4.5 per cent in the year.", 4.5, FigureUnit.PERCENT),
        ("COUNCIL TAX RISES BY 4.99 PER CENT.", 4.99, FigureUnit.PERCENT),
    ],
)
def test_each_way_of_writing_a_figure_is_found_with_its_unit(
    text: str, value: float, unit: FigureUnit
) -> None:
    [figure] = figures(text)
    assert figure.value == pytest.approx(value)
    assert figure.unit is unit


@pytest.mark.parametrize(
    ("text", "period"),
    [
        ("A forecast overspend for 2023/24 of £2.7m.", "2023-24"),
        ("Savings of £1.1m in 23/24 are at risk.", "2023-24"),
        ("The 2024-25 budget gap is £16.4m.", "2024-25"),
        ("The capital programme for 2025-26 to 2034-35 is £1,419m.", None),
        ("The general reserve is £6.9m.", None),
        ("An increase of £59.3m on 2024-25.", None),
        # Kent's draft budget 2025-26: the year in the brackets is the aside's, not the £12.1m's
        (
            "Savings (removal of one-offs in 2024-25) and net +£12.1m changes in contributions to reserves.",
            None,
        ),
        ("Net +£12.1m changes in contributions to reserves (2025-26).", "2025-26"),
    ],
)
def test_a_figure_takes_the_year_its_sentence_states(text: str, period: str | None) -> None:
    assert figures(text)[0].period == period


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("An update on the budget position, with a £5.4m forecast overspend.", "forecast overspend"),
        ("The remit had experienced an overspend of £2.5 million, primarily in care.", "overspend"),
        ("There was an overall budget gap of around £16.4m.", "overall budget gap"),
        (
            "There were also around £3m of growth proposals in Children's services.",
            "growth proposals in Children's services",
        ),
        ("Just under 3.8% of budget was overspent.", "of budget"),
        ("The general reserve is £6.9m and we have other reserves.", "general reserve"),
    ],
)
def test_the_label_names_what_the_figure_measures(text: str, label: str) -> None:
    assert figures(text)[0].label == label


def test_a_figure_with_no_financial_words_beside_it_gets_no_label() -> None:
    assert figures("If no action were taken the £9.8million would need to be found.")[0].label is None


def test_provenance_is_the_passages_with_the_sentence_as_text() -> None:
    [figure] = figures("Introduction.\nThe placements\noverspend is £1.2m. Next item.")
    [prov] = figure.provenance
    assert (prov.file, prov.page, prov.locator, prov.bbox) == (
        "minutes.docx",
        2,
        "paragraph 14",
        (1.0, 2.0, 3.0, 4.0),
    )
    assert prov.text == figure.text == "The placements overspend is £1.2m."


def test_text_without_figures_gives_none_and_years_alone_are_not_figures() -> None:
    assert figures("The panel met in 2024/25 to discuss 3 items of business.") == []


def test_the_pipeline_is_built_once() -> None:
    assert english() is english()


def _committee(shared_dir: Path, prefix: str) -> str:
    [path] = (shared_dir / "corpus" / "committee-text").glob(f"{prefix}_*.txt")
    return path.read_text(encoding="utf-8").split("-" * 70, 1)[1]  # the page, not its catalogue header


def test_real_minutes_give_the_figures_a_reader_sees(shared_dir: Path) -> None:
    # Read by hand: York's monitor states £2.7m and c£11m forecast overspends and a £6.9m reserve.
    found = figures(_committee(shared_dir, "06"))
    money = {(f.value, f.label) for f in found if f.unit is FigureUnit.GBP}
    assert money == {(2.7e6, "forecast overspend"), (11e6, "forecast overspend"), (6.9e6, "general reserve")}
    assert {f.period for f in found if f.value == 2.7e6} == {"2024-25"}


def test_real_minutes_give_percentages_with_their_sentence(shared_dir: Path) -> None:
    # Durham: "an overspend of £9.517 million representing a 5% increased overspend".
    found = figures(_committee(shared_dir, "07"))
    assert [(f.value, f.unit) for f in found] == [(9.517e6, FigureUnit.GBP), (5.0, FigureUnit.PERCENT)]
    assert found[0].label == "overspend"
    assert "£9.517 million" in found[0].provenance[0].text


def test_a_table_pasted_as_text_gives_no_spurious_money(shared_dir: Path) -> None:
    # Walsall's appendix is a table flattened into text: its "(£)" headings are not figures.
    assert [f for f in figures(_committee(shared_dir, "02")) if f.unit is FigureUnit.GBP] == []


def test_an_amount_to_one_place_without_its_magnitude_is_not_stored_as_pounds() -> None:
    # Kent's budget report: "to replace £19.8 one-offs" among £m figures. Pounds print pence to
    # two places, so "£19.8" is a figure whose scale was left off: not £19.80.
    found = figures("A drawdown of £8.8m from reserves to replace £19.8 one-offs, and £12.50 per form.")
    assert [f.value for f in found] == [pytest.approx(8.8e6), pytest.approx(12.5)]


@pytest.mark.parametrize(
    ("text", "said"),
    [
        (
            "Of the £13.7m savings, £9.6m is forecast to be delivered. The shortfall of £4.1m is "
            "included in the forecast above.",
            [(4.1e6, True)],
        ),
        ("Savings slippage of £2m has not been reflected in the forecast.", [(2e6, False)]),
        ("The forecast does not include the £3.5m shortfall on savings.", [(3.5e6, False)]),
        ("The forecast above includes the £3.5m savings shortfall.", [(3.5e6, True)]),
        (
            "Of the £6.2m savings, £2.7m is forecast to be delivered; the shortfall of £3.5m is built "
            "into the outturn forecast.",
            [(3.5e6, True)],
        ),
        ("A grant shortfall of £1m is included in the forecast.", []),  # not savings
        ("The savings shortfall of £4.1m is set out in Appendix B.", []),  # says nothing of the forecast
    ],
)
def test_a_savings_shortfall_said_to_be_in_the_forecast_or_not_is_recorded_on_its_figure(
    text: str, said: list[tuple[float, bool]]
) -> None:
    found = [(f.value, f.in_forecast) for f in figures(text) if f.in_forecast is not None]
    assert found == [(pytest.approx(v), included) for v, included in said]


def test_prose_is_split_into_sentences_at_full_stops_and_semicolons_not_decimal_points() -> None:
    # the one split the analyses read prose by: a text's (split_sentences), a passage's with its places
    said = (
        "The deficit is £5.2m\nat 31 March. 2025-26 is harder; The plan (see 2.1) is agreed. (a) as set out"
    )
    assert split_sentences(said) == (
        "The deficit is £5.2m at 31 March.",
        "2025-26 is harder;",
        "The plan (see 2.1) is agreed.",
        "(a) as set out",
    )
    cited = sentences_cited(Passage(text=said, provenance=[PROV]))
    assert [s for s, _ in cited] == list(split_sentences(said))
    assert [[w.text for w in where] for _, where in cited] == [[s] for s in split_sentences(said)]


def test_a_passages_sentences_are_found_once_and_each_reader_gets_its_own_list() -> None:
    passage = Passage(text="The deficit is £5.2m. The plan is agreed.", provenance=[PROV])
    first = sentences_cited(passage)
    hits = _sentences_cited.cache_info().hits
    first[0][1].append(PROV)  # one reader's change to its list is not another's
    again = sentences_cited(passage.model_copy())
    assert _sentences_cited.cache_info().hits == hits + 1
    assert [[w.text for w in where] for _, where in again] == [
        ["The deficit is £5.2m."],
        ["The plan is agreed."],
    ]


def test_passages_alike_in_words_each_cite_where_they_are_printed() -> None:
    said = "The deficit is £5.2m."
    found = [
        sentences_cited(Passage(text=said, provenance=[PROV.model_copy(update={"page": page})]))
        for page in (2, 9)
    ]
    assert [[w.page for w in where] for cited in found for _, where in cited] == [[2], [9]]
