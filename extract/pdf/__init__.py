"""Reading a PDF: words and ruling lines from pdfium, then the tables and passages on each page.

- `reader`: the PDF reader, every page's tables and prose passages (`read_pdf`).
- `words`: words, text lines and ruling lines of one page, read with pdfium.
- `chunks`: runs of words on one line that a reader sees as one cell.
- `columns`: where a table's columns lie, from the whitespace between chunks.
- `row_grouping`: which text lines of a table make one row (and which are its headings).
- `table_finding`: the tables on a page, from word positions and ruling lines.
- `passages`: the paragraphs of a page's prose, outside its tables, read column by column where
  lines stand side by side (a side heading beside its text, a footer's page number).
- `captions`: a table's title and unit, from the text around it.
- `second_reading`: pdfplumber's reading of pages whose tables fail their arithmetic.
- `ocr`: a scanned PDF's tables and passages, from the words OCR read.
- `settings`: the layout tolerances all of these use, named (`LAYOUT`).
"""
