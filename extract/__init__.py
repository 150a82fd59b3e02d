"""Extract: tables, figures in prose and domain records (savings, pressures, budget lines),
each with provenance back to file, page and cell.

- `document`: one document's extraction: its format's reader, then records and figures.
- `pdf/`: the PDF reader (words and rules from pdfium, table finding, rows, captions, OCR, the
  second reading); `formats/`: the readers of the other formats.
- `tables/`: what a table means, whatever its format: column roles from headings, its layout,
  its rows classified; `tables.vocabulary` holds every word that names a column or a row.
- `domain/`: savings, pressures, budget lines and MTFP gaps from the classified rows.
- `verify/`: the document's own arithmetic, tested on every money table; one tolerance rule.
- `records`: the records this stage produces; `numbers`: parsers for amounts, units, periods;
  `reading`: what the readers share; `prose`: figures stated in prose.
"""
