"""A figure in a bulleted list is read with the list's heading (analyse.lists): the heading says which
way its items go and the total they add to, and the paragraph introducing the list whose budget year it
is; a page's running footer does not end a list that runs over the page break."""

from __future__ import annotations

import re

from analyse.lists import list_headings
from analyse.reserves import reserves
from analyse.review import build_review
from extract.prose import figures_from_passages
from extract.records import Extraction, Passage, Provenance
from render.pack import pack_html

FILE = "budget.pdf"
FOOTER = "Wyvern Council budget 2025/26 - page {page}"


def _passage(text: str, page: int, n: int) -> Passage:
    where = Provenance(
        file=FILE, sha256="cd" * 32, page=page, bbox=None, locator=f"page {page}, paragraph {n}", text=text
    )
    return Passage(text=text, provenance=[where])


PAGES = [
    [
        "4.2 The budget for 2025/26 plans the following movements in reserves, set against the 2023/24 "
        "outturn. The main ones are:",
        "Planned use of reserves £6.0m",
        "• £4.0m smoothing reserve to meet the 2023/24 pay award and £1.2m from the transformation reserve.",
        FOOTER,
    ],
    ["• £0.8m from the insurance reserve.", "Top-ups £2.5m", "• £2.5m general fund reserve.", FOOTER],
    ["5.1 Capital.", FOOTER],
]


def _extraction(pages: list[list[str]]) -> Extraction:
    passages = [
        _passage(text.format(page=page), page, n)
        for page, texts in enumerate(pages, start=1)
        for n, text in enumerate(texts, start=1)
    ]
    return Extraction(passages=passages, figures=figures_from_passages(passages))


def test_each_bulleted_paragraph_is_read_under_its_heading_across_the_page_break() -> None:
    found = list_headings(_extraction(PAGES).passages)
    assert sorted((where[1], head.text) for where, head in found.items()) == [
        (1, "Planned use of reserves £6.0m"),
        (2, "Planned use of reserves £6.0m"),
        (2, "Top-ups £2.5m"),
    ]


def test_listed_flows_go_their_headings_way_in_their_budgets_year() -> None:
    flows = {r.amount_gbp: r for r in reserves(_extraction(PAGES)) if r.kind == "flow"}
    # "£4.0m smoothing reserve to meet the 2023/24 pay award": what it pays for, not its year
    assert [(flows[v].direction, flows[v].at) for v in (4.0e6, 1.2e6, 0.8e6)] == [
        ("out of reserves", "2025-26")
    ] * 3
    assert (flows[2.5e6].direction, flows[2.5e6].at) == ("into reserves", "2025-26")
    listed = flows[0.8e6].listed_in
    assert listed is not None and (listed.total_gbp, listed.items_gbp) == (6.0e6, [4.0e6, 1.2e6, 0.8e6])


def test_a_line_printed_on_one_page_only_is_text_not_page_furniture() -> None:
    # a line printed once (and not printing its page's number) is a line of the text: it ends the list
    one = [[*PAGES[0][:-1], "Wyvern Council budget 2025/26 summary"], PAGES[1][:1]]
    found = list_headings(_extraction(one).passages)
    assert found[(FILE, 2, "page 2, paragraph 1")].text == "Wyvern Council budget 2025/26 summary"


def test_a_footer_printing_its_pages_own_number_is_furniture_even_on_one_page() -> None:
    # the one reading of running headers (extract.pdf.page_breaks): "... page 1" on page 1 is a footer
    one = [PAGES[0], PAGES[1][:1]]
    found = list_headings(_extraction(one).passages)
    assert found[(FILE, 2, "page 2, paragraph 1")].text == "Planned use of reserves £6.0m"


def test_a_listed_flow_printed_with_its_lists_sign_is_its_size_the_heading_saying_which_way() -> None:
    # Kent's page 42: "Drawdowns from reserves (core budget) -£10.7m" over "• -£0.2m from IT reserve": the
    # heading says out of reserves, so the item is £0.2m out of reserves, not -£0.2m (and the pack says so)
    signed = [
        [
            "4.3 The budget for 2025/26 plans these drawdowns:",
            "Drawdowns from reserves -£2.0m",
            "• -£1.8m from the smoothing reserve.",
            "• -£0.2m from IT reserve.",
            FOOTER,
        ],
        ["5.1 Capital.", FOOTER],
    ]
    extraction = _extraction(signed)
    flows = [r for r in reserves(extraction) if r.kind == "flow" and r.part_of]
    assert [(r.amount_gbp, r.direction) for r in flows] == [
        (1.8e6, "out of reserves"),
        (0.2e6, "out of reserves"),
    ]
    listed = flows[1].listed_in
    assert listed is not None and listed.items_gbp == [-1.8e6, -0.2e6]  # the list as printed
    shown = " ".join(re.sub(r"<[^>]+>", "", pack_html(build_review(extraction), extraction)).split())
    assert "£0.2m out of reserves" in shown and not re.search(r"[-−]£0\.2m out of reserves", shown)


def test_a_signed_change_keeps_its_sign() -> None:
    # "• -£8.8m net drawdown smoothing reserves ..." under no heading: a change to the budget, by its sign
    extraction = _extraction([["• -£8.8m net drawdown smoothing reserves for lower tax base.", FOOTER]])
    [flow] = [r for r in reserves(extraction) if r.kind == "flow"]
    assert (flow.amount_gbp, flow.direction) == (-8.8e6, "less into, or more out of, reserves")
