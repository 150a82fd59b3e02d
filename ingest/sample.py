"""A quick look inside a readable file: enough text and table headers to classify it.

Each sampler opens the file with the library that will later read it in full, so a file that
fails here is reported as damaged at ingest rather than discovered broken at extraction.
"""

from __future__ import annotations

import csv
import io
import warnings
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

from ingest.errors import CorruptFile
from ingest.sniff import decode_text, sniff_delimiter

SAMPLE_CHARS = 20000
HEAD_ROWS = 12


@dataclass(frozen=True)
class Sample:
    text: str
    headers: list[list[str]] = field(default_factory=list)
    pages: int | None = None


@contextmanager
def opening(name: str, what: str) -> Iterator[None]:
    """Turn a library's failure to open the file into CorruptFile; keep its warnings quiet."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            yield
    except Exception as exc:  # the libraries raise anything from KeyError to XMLSyntaxError
        raise CorruptFile(
            f"the {what} file is damaged and cannot be read; save or export it again", file=name
        ) from exc


def sample_docx(name: str, data: bytes) -> Sample:
    import docx

    with opening(name, "Word"):
        document = docx.Document(io.BytesIO(data))
        lines = [p.text for p in document.paragraphs if p.text.strip()][:200]
        headers = [[cell.text for cell in table.rows[0].cells] for table in document.tables if table.rows]
    return Sample(text="\n".join(lines)[:SAMPLE_CHARS], headers=headers)


def sample_xlsx(name: str, data: bytes) -> Sample:
    import openpyxl

    lines: list[str] = []
    headers: list[list[str]] = []
    with opening(name, "Excel"):
        workbook = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True, keep_vba=False)
        try:
            for sheet in workbook.worksheets:
                lines.append(sheet.title)
                rows = [
                    [str(v) for v in row if v is not None]
                    for row in sheet.iter_rows(max_row=HEAD_ROWS, values_only=True)
                ]
                rows = [row for row in rows if row]
                lines.extend(" ".join(row) for row in rows)
                headers.extend(rows[:3])
        finally:
            workbook.close()
    return Sample(text="\n".join(lines)[:SAMPLE_CHARS], headers=headers)


def sample_pptx(name: str, data: bytes) -> Sample:
    import pptx

    lines: list[str] = []
    with opening(name, "PowerPoint"):
        deck = pptx.Presentation(io.BytesIO(data))
        slides = list(deck.slides)
        for slide in slides[:8]:
            lines.extend(shape.text_frame.text for shape in slide.shapes if shape.has_text_frame)
    return Sample(text="\n".join(lines)[:SAMPLE_CHARS], pages=len(slides))


def sample_csv(name: str, data: bytes) -> Sample:
    text = decode_text(data) or ""
    delimiter = sniff_delimiter(text) or ","
    rows = list(csv.reader(io.StringIO(text[:SAMPLE_CHARS]), delimiter=delimiter))[:HEAD_ROWS]
    return Sample(text="\n".join(" ".join(row) for row in rows), headers=rows[:3])


def sample_html(name: str, data: bytes) -> Sample:
    from bs4 import BeautifulSoup

    with opening(name, "web page"):
        soup = BeautifulSoup(decode_text(data) or "", "lxml")
        headers = [
            [cell.get_text(" ", strip=True) for cell in row.find_all(["th", "td"])]
            for row in soup.select("table tr")[:20]
        ]
        text = soup.get_text("\n", strip=True)
    return Sample(text=text[:SAMPLE_CHARS], headers=[row for row in headers if row])


def sample_text(name: str, data: bytes) -> Sample:
    return Sample(text=(decode_text(data) or "")[:SAMPLE_CHARS])


Sampler = Callable[[str, bytes], Sample]
