"""Limits on what one upload may hold, so a hostile or mistaken file cannot exhaust the machine.

Each is checked before the thing it bounds is read (a workbook's declared size before its
cells, a page's character count before its text) and again while reading, where a file can
lie about itself. A file over a limit is refused with a message naming the limit.
"""

from __future__ import annotations

from ingest.records import Record

MB = 1024 * 1024


class Limits(Record):
    """Bounds checked at ingest. Defaults suit a council's budget papers with room to spare."""

    # Largest file, before anything reads it.
    max_bytes: int = 100 * MB
    # Most pages of a PDF or slides of a deck.
    max_pages: int = 2000
    # A zip that expands past this many bytes, or by more than `max_zip_ratio`, is a zip bomb.
    max_unzipped_bytes: int = 1024 * MB
    max_zip_ratio: int = 200
    # Most members of one zip, and how deep zips may sit inside zips.
    max_zip_members: int = 5000
    max_zip_depth: int = 3
    # Most bytes of an Office file's XML held in memory whole (its sheets stream, so are not
    # counted): each MB takes about ten to read. A 1,000-page report's text is about 20 MB.
    max_xml_bytes: int = 100 * MB
    # Most rows of one sheet or CSV file (Excel itself stops at 1,048,576).
    max_rows: int = 300_000
    # Most cells of one workbook or CSV file, empty cells of the used range included: each costs
    # memory to read (a cell at XFD1048576 makes a 17-billion-cell sheet of a 7 KB file).
    max_cells: int = 3_000_000
    # Most characters on one PDF page; a dense A4 page holds about 6,000. Longer pages are not read.
    max_page_chars: int = 200_000
    # Most characters of one document's text searched for figures stated in prose (about a minute's
    # work); text after that is still kept, and the document is marked partial.
    max_prose_chars: int = 2_000_000
    # How deep a web page's tables may nest inside each other.
    max_table_depth: int = 32


DEFAULT_LIMITS = Limits()
