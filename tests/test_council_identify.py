"""Which council a bundle is about, from the real Kent papers and from small texts."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pdfplumber
import pytest

from analyse.benchmarks import BenchmarkTable, load_benchmark_table
from analyse.council import identify_council, resolve_council
from extract.records import Extraction, Passage, Provenance, Table
from ingest.records import Document, Format


@pytest.fixture(scope="module")
def table() -> BenchmarkTable:
    return load_benchmark_table()


def _prov(file: str, text: str, page: int | None = 1) -> Provenance:
    return Provenance(
        file=file,
        sha256=hashlib.sha256(file.encode()).hexdigest(),
        page=page,
        bbox=None,
        locator=f"page {page}",
        text=text,
    )


def _kent_papers(kent_dir: Path) -> tuple[Extraction, list[Passage]]:
    """Kent's papers under neutral file names, so only their text can name the council."""
    documents, passages = [], []
    for number, path in enumerate(sorted(kent_dir.glob("*.pdf"))):
        data = path.read_bytes()
        name = f"paper_{number}.pdf"
        documents.append(
            Document(file=name, sha256=hashlib.sha256(data).hexdigest(), size=len(data), format=Format.PDF)
        )
        with pdfplumber.open(path) as pdf:
            for page_number, page in enumerate(pdf.pages[:2], start=1):
                text = page.extract_text() or ""
                passages.append(Passage(text=text, provenance=[_prov(name, text[:100], page_number)]))
    return Extraction(documents=documents), passages


@pytest.fixture(scope="module")
def kent_papers(kent_dir: Path) -> tuple[Extraction, list[Passage]]:
    return _kent_papers(kent_dir)


def test_kent_is_identified_from_the_text_of_its_papers(
    kent_papers: tuple[Extraction, list[Passage]], table: BenchmarkTable
) -> None:
    extraction, passages = kent_papers
    council = identify_council(extraction, table, passages=passages)
    assert (council.la_code, council.ons_code, council.region, council.la_type) == (
        "886",
        "E10000016",
        "South East",
        "SC",
    )
    assert council.name == "Kent County Council"
    assert council.method.startswith("named in ") and "documents" in council.method
    assert council.identified_from
    for evidence in council.identified_from:
        assert "Kent" in evidence.text or "KCC" in evidence.text
        assert evidence.page is not None


def test_kent_is_identified_from_its_file_names_alone(kent_dir: Path, table: BenchmarkTable) -> None:
    documents = [
        Document(file=p.name, sha256="0" * 64, size=1, format=Format.PDF) for p in kent_dir.glob("*.pdf")
    ]
    council = identify_council(Extraction(documents=documents), table)
    assert council.la_code == "886"
    assert council.identified_from[0].locator == "file name"


@pytest.mark.parametrize("text", ["Report to KCC Cabinet", "Kent CC budget 2025-26", "KENT COUNTY COUNCIL"])
def test_abbreviations_and_capitals_name_kent(text: str, table: BenchmarkTable) -> None:
    extraction = Extraction(
        tables=[
            Table(
                file="t.xlsx", page=None, bbox=None, rows=[[text]], provenance=[_prov("t.xlsx", text, None)]
            )
        ]
    )
    assert identify_council(extraction, table).la_code == "886"


def test_a_longer_name_wins_over_the_name_inside_it(table: BenchmarkTable) -> None:
    text = "North Northamptonshire Council: children's services budget"
    passages = [Passage(text=text, provenance=[_prov("a.pdf", text)])]
    assert identify_council(Extraction(), table, passages=passages).la_code == "940"


def test_everyday_words_do_not_name_a_council(table: BenchmarkTable) -> None:
    text = "Reading the report, members asked officers to bury the proposal."
    passages = [Passage(text=text, provenance=[_prov("a.pdf", text)])]
    council = identify_council(Extraction(), table, passages=passages)
    assert council.la_code is None
    assert council.method == "not named in the documents"


def test_the_council_named_in_most_documents_wins_over_a_neighbour_named_often(table: BenchmarkTable) -> None:
    passages = [Passage(text="Medway Council " * 5, provenance=[_prov("a.pdf", "Medway")])]
    passages += [Passage(text="Kent County Council", provenance=[_prov(f"{n}.pdf", "Kent")]) for n in "bc"]
    assert identify_council(Extraction(), table, passages=passages).la_code == "886"


@pytest.mark.parametrize("override", ["886", "E10000016", "Kent", "kent county council", "KCC"])
def test_an_override_by_code_or_name_sets_the_council(override: str, table: BenchmarkTable) -> None:
    text = "Medway Council"
    passages = [Passage(text=text, provenance=[_prov("a.pdf", text)])]
    council = identify_council(Extraction(), table, override=override, passages=passages)
    assert council.la_code == "886"
    assert council.method.startswith(f"set by user as {override!r}")
    assert "the documents name Medway Council (887)" in council.method
    assert council.identified_from == []


def test_an_override_keeps_the_name_the_documents_use_for_a_council_not_in_the_tables(
    table: BenchmarkTable,
) -> None:
    text = "Cabinet of Wyvern County Council agreed the savings; Wyvern County Council will report."
    passages = [Passage(text=text, provenance=[_prov("a.pdf", text)])]
    council = identify_council(Extraction(), table, override="886", passages=passages)
    assert council.name == "Wyvern County Council"
    assert council.la_code == "886" and council.benchmarked_as == "Kent County Council"
    assert "benchmarked as Kent County Council (886), set by the user" in council.method
    assert [p.file for p in council.identified_from] == ["a.pdf"]


def test_an_override_that_names_no_council_says_so(table: BenchmarkTable) -> None:
    council = identify_council(Extraction(), table, override="Gotham")
    assert council.la_code is None
    assert "not a council" in council.method


@pytest.mark.parametrize(
    ("name", "code"),
    [
        ("Hull", "810"),
        ("City of Bristol", "801"),
        ("County Durham", "840"),
        ("St Helens", "342"),
        ("Westmorland and Furness", "943"),
        ("Bournemouth, Christchurch and Poole", "839"),
        ("Buckinghamshire", "825"),
    ],
)
def test_name_variants_resolve_to_dfe_numbers(name: str, code: str, table: BenchmarkTable) -> None:
    assert resolve_council(name, table) == code


def test_the_evidence_is_the_documents_own_naming_of_the_council_not_another_bodys_line(
    kent_dir: Path, table: BenchmarkTable
) -> None:
    """Kent's slide-1 notes quoted "Payment to Kent Fire and Rescue Service ..." from its budget
    templates, the first line that named the place: each document's evidence is now its plainest
    naming of the council (its name as a council, or its abbreviation) wherever that comes."""
    name = "kent_cabinet_2025-01-30_appendixF_budget_templates.pdf"
    with pdfplumber.open(kent_dir / name) as pdf:
        lines = [line for page in pdf.pages[:3] for line in (page.extract_text() or "").splitlines()]
    named = [
        Passage(text=line, provenance=[_prov(name, line)])
        for line in lines
        if "Kent" in line or "KCC" in line
    ]
    fire = [p for p in named if "Fire and Rescue" in p.text]
    assert fire  # the pages hold another body's line that starts with the place's name
    passages = fire + [p for p in named if p not in fire]  # met first, as its table row was
    [evidence] = identify_council(Extraction(), table, passages=passages).identified_from
    assert "Fire and Rescue" not in evidence.text and "KCC" in evidence.text


def test_a_document_naming_the_council_itself_is_the_first_evidence(table: BenchmarkTable) -> None:
    texts = {
        "a.pdf": "Kent Fire and Rescue Service levy",
        "b.pdf": "Across Kent, schools",
        "c.pdf": "Kent County Council is accountable",
        "d.pdf": "Report to KCC Cabinet",
    }
    passages = [Passage(text=t, provenance=[_prov(f, t)]) for f, t in texts.items()]
    council = identify_council(Extraction(), table, passages=passages)
    assert [p.file for p in council.identified_from] == ["c.pdf", "d.pdf", "b.pdf", "a.pdf"]


def test_a_documents_evidence_is_its_own_naming_of_the_council_not_a_row_that_names_it(
    table: BenchmarkTable,
) -> None:
    # Kent's slide-1 notes quoted a budget template's internal audit row and a risk's cliff face:
    # rows that name the council in passing. A document's evidence is its own words naming the
    # council (a heading, or the council as its sentence's subject or owner) before a table's row.
    row = (
        "Internal Audit service is the delivery of assurance and consultancy services to Kent County Council"
    )
    rows = Table(file="a.pdf", page=1, bbox=None, rows=[[row, "120.0"]], provenance=[_prov("a.pdf", row)])
    passing = "We consulted with schools, district and borough councils, KCC Members and local communities."
    own = "The overall increase in KCC's core spending power over 2024-25 is 6.28%, as the settlement shows."
    passages = [Passage(text=t, provenance=[_prov("a.pdf", t)]) for t in (passing, own)]
    [evidence] = identify_council(Extraction(tables=[rows]), table, passages=passages).identified_from
    assert evidence.text == own
    # in passing, the passage still comes before the row; and a heading naming it is its own naming
    [evidence] = identify_council(Extraction(tables=[rows]), table, passages=passages[:1]).identified_from
    assert evidence.text == passing
    heading = Passage(text="Kent County Council", provenance=[_prov("a.pdf", "Kent County Council")])
    found = identify_council(Extraction(), table, passages=[*passages[:1], heading]).identified_from
    assert [e.text for e in found] == ["Kent County Council"]


@pytest.mark.parametrize(
    "heading",
    ["Northmoor Borough Council", "Wyvern County Council", "Eastfold City Council"],
)
def test_a_council_the_tables_do_not_know_is_named_as_the_documents_name_it(
    heading: str, table: BenchmarkTable
) -> None:
    passages = [
        Passage(
            text=f"{heading}\nRevenue monitoring 2025/26, Quarter 2", provenance=[_prov(f"{n}.pdf", heading)]
        )
        for n in "ab"
    ]
    council = identify_council(Extraction(), table, passages=passages)
    assert council.name == heading
    assert council.la_code is None  # nothing is benchmarked against a council the tables lack
    assert council.method == (
        f"the documents name {heading}, which is not among the councils in the national tables (so no benchmarks)"
    )
    assert [p.file for p in council.identified_from] == ["a.pdf", "b.pdf"]
