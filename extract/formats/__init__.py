"""Readers for the formats other than PDF, each turning a file into tables and passages.

- `csv`, `xlsx` (cut into tables by `grid`), `docx`, `html`, `pptx`, `text`.

What they share with the PDF reader (provenance, units, header rows) is `extract.reading`.
"""
