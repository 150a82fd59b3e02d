"""A sentence a page break cuts is read as one passage, citing both pages; each figure read from it
cites the page it is printed on first, and a page's running footer, a heading, a list item, a table's
caption or a finished sentence is never run into the next page."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
import weasyprint

from extract.pdf.page_breaks import Page, Printed, joined_across_pages
from extract.pdf.reader import read_pdf
from extract.prose import figures_from_passages, sentences_cited
from extract.reading import TEXT_LIMIT
from extract.records import Passage, Provenance, Table
from ingest.records import Document, Format

FILE = "budget.pdf"
DRAFT_BUDGET = "kent_cabinet_2025-01-30_draft_revenue_budget_2025-26_MTFP_2025-28.pdf"
# Kent's draft budget, p27 foot and p28 head (para 7.15), and the running footer between them.
FOOT = (
    "7.15 Pressures on DSG are being addressed primarily through the Safety Valve mechanism, whereby the "
    "Department for"
)
FOOTER = "Figures are rounded, and tables may appear not Page 27 of 44 to add up."
HEAD = (
    "Education provides a substantial contribution (up to £140m), in return for improvements to the SEND "
    "system and a contribution (£82.3m) from the Council."
)
BOX = (70.0, 700.0, 520.0, 760.0)


def _printed(text: str, page: int, n: int, size: float = 10.0, bold: bool = False) -> Printed:
    where = Provenance(
        file=FILE,
        sha256="ab" * 32,
        page=page,
        bbox=BOX,
        locator=f"page {page}, paragraph {n}",
        text=text[:TEXT_LIMIT],  # as extract.reading.provenance keeps it
    )
    return Printed(Passage(text=text, provenance=[where]), size, bold)


def _read(*pages: list[Printed], tables: dict[int, Table] | None = None) -> list[Passage]:
    at = tables or {}
    return joined_across_pages(
        [Page(prose, [at[k]] if k in at else []) for k, prose in enumerate(pages, start=1)]
    )


def _cut(before: str = FOOT, after: str = HEAD, size: float = 10.0, bold: bool = False) -> list[Passage]:
    """Kent's p27 foot, its running footer ("Page 27 of 44") and p28 head."""
    return joined_across_pages(
        [
            Page([_printed(before, 27, 5), _printed(FOOTER, 27, 6)], []),
            Page([_printed(after, 28, 1, size, bold)], []),
        ]
    )


def test_a_sentence_a_page_break_cuts_is_one_passage_citing_both_pages() -> None:
    found = _cut()
    assert [p.text for p in found] == [f"{FOOT} {HEAD}", FOOTER]  # the footer between them is passed over
    assert [(w.page, w.text) for w in found[0].provenance] == [(27, FOOT), (28, HEAD)]


def test_each_figure_of_the_joined_sentence_cites_the_page_it_is_printed_on_first() -> None:
    figures = {f.value: f for f in figures_from_passages(_cut())}
    offset = figures[140e6]
    assert offset.text.startswith("7.15 Pressures on DSG") and offset.text.endswith("from the Council.")
    # the figure is on page 2: cited there first, with the words printed there, then the sentence's start
    assert [(w.page, w.text) for w in offset.provenance] == [
        (28, HEAD),
        (27, FOOT),
    ]
    assert [w.page for w in figures[82.3e6].provenance] == [28, 27]


def test_a_sentence_wholly_on_one_page_of_a_joined_passage_cites_that_page_alone() -> None:
    before = "The reserve was £43.0m at the end of 2023-24. The council has agreed, with the"
    after = "schools forum, a transfer to the high needs block. The transfer is £2.1m in 2025-26."
    (joined, _) = _cut(before, after)
    assert [w.page for w in joined.provenance] == [27, 28]
    cited = {s: [(w.page, w.text) for w in where] for s, where in sentences_cited(joined)}
    assert cited["The reserve was £43.0m at the end of 2023-24."] == [
        (27, "The reserve was £43.0m at the end of 2023-24.")
    ]
    assert cited["The transfer is £2.1m in 2025-26."] == [(28, "The transfer is £2.1m in 2025-26.")]
    across = "The council has agreed, with the schools forum, a transfer to the high needs block."
    assert cited[across] == [
        (27, "The council has agreed, with the"),
        (28, "schools forum, a transfer to the high needs block."),
    ]
    assert [w.page for w in cited_by(joined, 43e6)] == [27]
    assert [w.page for w in cited_by(joined, 2.1e6)] == [28]


def cited_by(passage: Passage, value: float) -> list[Provenance]:
    (figure,) = [f for f in figures_from_passages([passage]) if f.value == value]
    return figure.provenance


@pytest.mark.parametrize(
    ("before", "after", "why"),
    [
        ("The budget is balanced for 2025-26.", "Education provides a contribution of £140m.", "finished"),
        ("Children's services", "The directorate forecasts an overspend of £4.1m.", "a heading"),
        ("The savings are set out below", "• Home to school transport £2.0m", "a list item"),
        (
            "The savings are set out in the",
            "7.16 The council has agreed £2.0m of savings.",
            "a numbered paragraph",
        ),
        ("Table 3: savings by directorate and", "year of delivery, £m", "a caption over a table"),
    ],
)
def test_what_does_not_run_on_is_not_joined(before: str, after: str, why: str) -> None:
    tables = {1: _table(1, top=BOX[3] + 10)} if why == "a caption over a table" else None
    found = _read([_printed(before, 1, 1)], [_printed(after, 2, 1)], tables=tables)
    assert [p.text for p in found] == [before, after], why


def test_a_bold_heading_or_text_of_another_size_is_not_joined() -> None:
    assert len(_cut(bold=True)) == 3
    assert len(_cut(size=14.0)) == 3
    assert len(_cut(size=10.5)) == 2  # the same body text, measured a little differently


def test_pages_that_do_not_follow_are_not_joined() -> None:
    found = joined_across_pages([Page([_printed(FOOT, 27, 5)], []), Page([_printed(HEAD, 29, 1)], [])])
    assert len(found) == 2


def test_a_text_repeated_on_every_page_is_a_running_header_not_the_next_pages_first_passage() -> None:
    header = "Kent County Council draft budget 2025-26, page {}"
    pages = [[_printed(header.format(k), k, 1), _printed(f"Text of page {k}.", k, 2)] for k in (1, 2)]
    pages[0][1] = _printed(FOOT, 1, 2)
    pages[1][1] = _printed(HEAD, 2, 2)
    third = [_printed(header.format(3), 3, 1)]
    found = _read(*pages, third)
    assert [w.page for p in found for w in p.provenance if p.text.startswith("7.15")] == [1, 2]
    assert sum(p.text.startswith("Kent County Council") for p in found) == 3


def _table(page: int, top: float) -> Table:
    where = Provenance(file=FILE, sha256="ab" * 32, page=page, bbox=None, locator="table", text="")
    return Table(
        file=FILE,
        page=page,
        bbox=(70.0, top, 520.0, top + 40),
        rows=[["Line", "£m"]],
        locator="table",
        provenance=[where],
    )


# A printed document: the paragraph's first lines at the foot of page 1, the rest at the head of
# page 2, a running footer printing each page's number.
STYLE = """
  @page { size: A4; margin: 2cm; @bottom-center { content: "Page " counter(page) " of " counter(pages); } }
  body { font-family: sans-serif; font-size: 10pt; line-height: 1.3; }
  .spacer { height: 670pt; }
  p { orphans: 2; widows: 2; margin: 0 0 8pt 0; }
"""
OPENING = "The reserve was £43.0m at the end of 2023-24."
CUT = (
    "The council has agreed with the schools forum that the high needs block will receive a transfer "
    "from the schools block in each of the next three years, and that the transfer will be reviewed by "
    "the forum each autumn against the number of pupils with plans, the cost of places in special "
    "schools and the independent sector, and the progress of the safety valve agreement, so that the "
    "contribution of the department for education towards the deficit is paid in full, and it will "
    "be £12.5m in 2025-26."
)


def _document_pdf() -> tuple[Document, bytes]:
    body = f"<div class=spacer></div><p>{OPENING} {CUT}</p><p>The next paragraph says nothing more.</p>"
    data = weasyprint.HTML(
        string=f"<html><head><style>{STYLE}</style></head><body>{body}</body></html>"
    ).write_pdf()
    assert data is not None
    document = Document(file=FILE, sha256=hashlib.sha256(data).hexdigest(), size=len(data), format=Format.PDF)
    return document, data


def test_a_printed_paragraph_over_a_page_break_is_read_whole() -> None:
    document, data = _document_pdf()
    found = read_pdf(document, data).passages
    (joined,) = [p for p in found if len(p.provenance) > 1]
    assert [w.page for w in joined.provenance] == [1, 2]
    assert " ".join(joined.text.split()) == f"{OPENING} {CUT}"
    figures = {f.value: f for f in figures_from_passages(found)}
    assert [w.page for w in figures[43e6].provenance] == [1]  # its sentence is wholly on page 1
    assert figures[12.5e6].text == CUT
    assert [w.page for w in figures[12.5e6].provenance] == [2, 1]
    assert "£12.5m" in figures[12.5e6].provenance[0].text
    assert not any(p.text.startswith("Page ") and len(p.provenance) > 1 for p in found)


def test_kents_safety_valve_sentence_over_pages_27_and_28_is_read_whole(kent_dir: Path) -> None:
    from extract.document import extract_file

    extraction = extract_file(DRAFT_BUDGET, (kent_dir / DRAFT_BUDGET).read_bytes())
    (joined,) = [p for p in extraction.passages if "whereby the Department for Education provides" in p.text]
    assert [w.page for w in joined.provenance] == [27, 28]
    assert joined.provenance[0].text.endswith("whereby the Department for")
    assert joined.provenance[1].text.startswith("Education provides a substantial contribution (up to £140m)")
    found = {f.value: f for f in extraction.figures if f.text.startswith("Pressures on DSG")}
    assert set(found) == {140e6, 82.3e6}
    for figure in found.values():
        assert [w.page for w in figure.provenance] == [28, 27]
        assert figure.text.endswith("from the Council.")


def test_a_part_whose_text_was_cut_short_is_placed_from_the_passages_other_end() -> None:
    long = "The council has set out its plans for schools in the county over the years to come, and " * 30
    before, after = _printed(f"{long}with the", 27, 5), _printed(HEAD, 28, 1)
    assert len(before.passage.provenance[0].text) < len(
        before.passage.text
    )  # the record keeps its start only
    (joined,) = joined_across_pages([Page([before], []), Page([after], [])])
    assert [w.page for w in cited_by(joined, 140e6)] == [28, 27]
    assert cited_by(joined, 140e6)[0].text == HEAD
