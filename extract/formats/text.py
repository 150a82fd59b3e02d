"""Read a plain-text file as passages, one per paragraph (a run of lines between blank lines)."""

from __future__ import annotations

import re

from extract.reading import passage
from extract.records import Content
from ingest.errors import CorruptFile
from ingest.records import Document
from ingest.sniff import decode_text

PARAGRAPH_BREAK = re.compile(r"\n\s*\n")


def read_text(document: Document, data: bytes) -> Content:
    """Each paragraph as a passage located "paragraph N"; plain text has no tables we can trust."""
    text = decode_text(data)
    if text is None:
        raise CorruptFile("the file is not text and cannot be read", file=document.file)
    chunks = PARAGRAPH_BREAK.split(text.replace("\r\n", "\n").replace("\r", "\n"))
    paragraphs = [" ".join(chunk.split()) for chunk in chunks]
    passages = [passage(document, para, f"paragraph {i}") for i, para in enumerate(paragraphs, 1) if para]
    return Content(pages=None, passages=passages)
