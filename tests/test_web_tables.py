"""The pages' table helpers: sorting and paging by query parameters, the glossary links, the
server-drawn chart and its text alternative."""

from __future__ import annotations

import re

from workers.web.charts import Series, bar_chart
from workers.web.glossary import TERMS, gloss
from workers.web.tables import PER_PAGE, table_view, with_params


def test_a_table_sorts_by_a_known_column_with_blanks_last_and_ignores_an_unknown_one() -> None:
    rows = [{"name": "b", "amount": 5.0}, {"name": "a", "amount": None}, {"name": "C", "amount": 20.0}]
    assert [r["name"] for r in table_view(rows, ["name", "amount"], "amount", "desc", 1).rows] == [
        "C",
        "b",
        "a",
    ]
    assert [r["name"] for r in table_view(rows, ["name", "amount"], "amount", "asc", 1).rows] == [
        "b",
        "C",
        "a",
    ]
    assert [r["name"] for r in table_view(rows, ["name", "amount"], "name", "", 1).rows] == ["a", "b", "C"]
    unknown = table_view(rows, ["name"], "amount", "desc", 1)
    assert (
        [r["name"] for r in unknown.rows] == ["b", "a", "C"] and unknown.sort == "" and not unknown.descending
    )


def test_a_long_table_is_paged_and_a_page_past_the_end_shows_the_last() -> None:
    rows = [{"n": i} for i in range(PER_PAGE * 2 + 3)]
    second = table_view(rows, ["n"], "n", "asc", 2)
    assert (second.page, second.pages, second.total) == (2, 3, PER_PAGE * 2 + 3)
    assert (second.first_row(), second.last_row()) == (PER_PAGE + 1, PER_PAGE * 2)
    assert second.rows[0]["n"] == PER_PAGE
    last = table_view(rows, ["n"], "n", "asc", 99)
    assert (last.page, [r["n"] for r in last.rows]) == (3, [PER_PAGE * 2, PER_PAGE * 2 + 1, PER_PAGE * 2 + 2])
    assert table_view([], ["n"], "n", "asc", 0).first_row() == 0


def test_a_sort_or_page_link_keeps_the_other_parameters_and_drops_the_export_format() -> None:
    params = {"q": "foster care", "kind": "saving", "page": "3", "format": "csv"}
    assert with_params(params, sort="amount_gbp", order="desc", page=None) == (
        "?q=foster+care&kind=saving&sort=amount_gbp&order=desc"
    )


def test_the_first_use_of_each_glossary_word_on_a_page_is_linked_and_the_text_is_escaped() -> None:
    seen: set[str] = set()
    first = gloss("DSG High Needs deficit <b>; the DSG again; send the RAG rating", seen)
    assert str(first) == (
        '<a class="term" href="/glossary#dsg">DSG</a> '
        '<a class="term" href="/glossary#high-needs">High Needs</a> deficit &lt;b&gt;; the DSG again; '
        'send the <a class="term" href="/glossary#rag">RAG</a> rating'
    )
    assert str(gloss("IFA placements and the DSG", seen)) == (
        '<a class="term" href="/glossary#ifa">IFA</a> placements and the DSG'
    )
    assert str(gloss(None, set())) == ""


def test_every_glossary_entry_has_a_unique_anchor_and_a_meaning() -> None:
    anchors = [t.anchor for t in TERMS]
    assert len(anchors) == len(set(anchors))
    assert all(t.meaning.endswith(".") for t in TERMS)
    names = {t.name for t in TERMS}
    assert {
        "RAG",
        "S251",
        "Statistical neighbours",
        "DSG",
        "High Needs",
        "IFA",
        "MTFP",
        "Outturn",
        "Virement",
    } <= names


def test_the_chart_is_an_image_whose_text_alternative_gives_every_bar_in_pounds_millions() -> None:
    svg = str(
        bar_chart(
            "Savings by theme (£m)",
            ["Residential care", "Transport <bus>"],
            [Series("Savings", "#17456e"), Series("At risk", "#b3261e")],
            [[2_200_000.0, 1_100_000.0], [400_000.0, 0.0]],
        )
    )
    assert svg.startswith('<svg class="chart"') and 'role="img"' in svg
    assert '<title id="chart-title">Savings by theme (£m)</title>' in svg
    assert (
        "Residential care: savings £2.2m, at risk £1.1m; Transport &lt;bus&gt;: savings £0.4m, at risk £0.0m."
        in svg
    )
    widths = [float(w) for w in re.findall(r'<rect x="230" y="[\d.]+" width="([\d.]+)" height="10"', svg)]
    assert widths == [420.0, 210.0, 76.4, 0.0]  # the largest bar fills the plot; the rest in proportion
