"""Hostile and broken files, made small in the test run: each stands for one a tester sent."""

from __future__ import annotations

import io
import random
import re
import zipfile

from tests.ingest_samples import docx_sample, pdf_from_objects, with_part_replaced, xlsx_sample

SHEET = "xl/worksheets/sheet1.xml"


def far_cell_xlsx(*, declared: bool) -> bytes:
    """A tiny workbook with one cell at XFD1048576: its used range is 17 billion cells. `declared`
    says so in the sheet's <dimension>; otherwise the dimension lies (A1) and only the cells tell."""
    workbook = xlsx_sample([["Savings tracker"]])
    with zipfile.ZipFile(io.BytesIO(workbook)) as archive:
        sheet = archive.read(SHEET)
    far = sheet.replace(
        b"</sheetData>",
        b'<row r="1048576"><c r="XFD1048576" t="inlineStr"><is><t>x</t></is></c></row></sheetData>',
    )
    ref = b"A1:XFD1048576" if declared else b"A1"
    far = re.sub(rb'<dimension ref="[^"]*"/>', b'<dimension ref="' + ref + b'"/>', far)
    return with_part_replaced(workbook, SHEET, sheet, far)


def zip_flagged_encrypted(members: dict[str, bytes], locked: set[str]) -> bytes:
    """A zip whose `locked` members carry the ZipCrypto "encrypted" flag. The bytes are not really
    enciphered: zipfile refuses on the flag alone (RuntimeError, password required), which is the
    crash a real ZipCrypto zip caused."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    data = bytearray(out.getvalue())
    with zipfile.ZipFile(io.BytesIO(bytes(data))) as archive:
        infos = archive.infolist()
    central = [m.start() for m in re.finditer(rb"PK\x01\x02", bytes(data))]
    for info, entry in zip(infos, central, strict=True):
        if info.filename in locked:
            data[info.header_offset + 6] |= 0x1  # local header's general-purpose flags
            data[entry + 8] |= 0x1  # central directory's
    return bytes(data)


def zip_with_method(members: dict[str, bytes], method: int) -> bytes:
    """A zip whose members claim a compression method zipfile cannot unpack (e.g. 98, PPMd)."""
    data = bytearray(stored_zip(members))
    for match in re.finditer(rb"PK\x03\x04", bytes(data)):
        data[match.start() + 8 : match.start() + 10] = method.to_bytes(2, "little")
    for match in re.finditer(rb"PK\x01\x02", bytes(data)):
        data[match.start() + 10 : match.start() + 12] = method.to_bytes(2, "little")
    return bytes(data)


def stored_zip(members: dict[str, bytes]) -> bytes:
    """A zip without compression: its members' bytes show through, a PDF's "%PDF-" near the start."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_STORED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return out.getvalue()


def zip_bomb(megabytes: int = 20) -> bytes:
    """Zeros that deflate a thousandfold: far past the expansion ratio a real bundle has."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("zeros.csv", bytes(megabytes * 1024 * 1024))
    return out.getvalue()


def truncated(data: bytes) -> bytes:
    return data[: len(data) // 2]


def bit_flipped(data: bytes, flips: int = 16, seed: int = 11) -> bytes:
    """The file with `flips` bits flipped in its second half, the same ones every run."""
    rng = random.Random(seed)
    out = bytearray(data)
    for _ in range(flips):
        out[rng.randrange(len(out) // 2, len(out))] ^= 1 << rng.randrange(8)
    return bytes(out)


LAUGHS = (
    b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
    + b"".join(
        b'<!ENTITY lol%d "%s">' % (i, (b"&lol%d;" % (i - 1) if i > 1 else b"&lol;") * 10)
        for i in range(1, 10)
    )
    + b"]>"
)
XXE = b'<?xml version="1.0"?><!DOCTYPE d [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'


def with_doctype(office: bytes, part: str, doctype: bytes, old: bytes, entity: bytes) -> bytes:
    """The Office file with a DOCTYPE before `part`'s root and `old` text replaced by an entity."""
    with zipfile.ZipFile(io.BytesIO(office)) as archive:
        xml = archive.read(part)
    body = re.sub(rb"^\s*<\?xml[^>]*\?>", b"", xml)
    return with_part_replaced(office, part, xml, doctype + body.replace(old, entity))


def xxe_docx() -> bytes:
    """A Word file whose text is an external entity naming /etc/passwd."""
    return with_doctype(docx_sample(["Budget"]), "word/document.xml", XXE, b"Budget", b"&xxe;")


def laughs_xlsx() -> bytes:
    """A workbook whose one cell is a billion laughs: entities nested nine deep, ten wide."""
    workbook = xlsx_sample([["Budget"]])
    return with_doctype(workbook, SHEET, LAUGHS, b"<t>Budget</t>", b"<t>&lol9;</t>")


PAGE = (
    b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
    b"/Resources << /Font << /F1 3 0 R >> >> /Contents 4 0 R >>"
)


def stream(body: bytes) -> bytes:
    return b"<< /Length %d >>\nstream\n" % len(body) + body + b"\nendstream"


def one_page_pdf(content: bytes) -> bytes:
    """A one-page PDF in Helvetica drawing `content` (a content stream)."""
    font = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"
    return pdf_from_objects(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [5 0 R] /Count 1 >>",
            font,
            stream(content),
            PAGE,
        ]
    )


def surrogate_pdf() -> bytes:
    """A PDF whose font maps "A" to a lone high surrogate and "B" to a lone low one, as a broken
    font's ToUnicode map can: pdfium hands them over one UTF-16 unit at a time."""
    cmap = (
        b"/CIDInit /ProcSet findresource begin 12 dict begin begincmap\n"
        b"/CMapName /Broken-UCS def /CMapType 2 def\n"
        b"1 begincodespacerange <00> <FF> endcodespacerange\n"
        b"2 beginbfchar <41> <D800> <42> <DC00> endbfchar\n"
        b"endcmap CMapName currentdict /CMap defineresource pop end end"
    )
    text = b"BT /F1 11 Tf 50 780 Td (Budget monitoring report: forecast overspend of 5.4m, A and B) Tj ET"
    return pdf_from_objects(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [5 0 R] /Count 1 >>",
            b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /ToUnicode 6 0 R >>",
            stream(text),
            PAGE,
            stream(cmap),
        ]
    )


def long_page_pdf(chars: int) -> bytes:
    """One page showing `chars` characters: a data dump printed to a single page."""
    lines = b"(" + b"1234567890 " * 100 + b") Tj T* "  # pdfium reads at most 32,767 of one string
    return one_page_pdf(b"BT /F1 2 Tf 2 TL 10 830 Td " + lines * (chars // 1100 + 1) + b"ET")


def nested_tables_html(depth: int) -> bytes:
    return (
        b"<html><body>"
        + b"<table><tr><td>" * depth
        + b"deep"
        + b"</td></tr></table>" * depth
        + b"</body></html>"
    )


def long_field_csv(chars: int = 200_000) -> bytes:
    """A CSV with one cell longer than Python's csv module accepts (131,072 characters)."""
    return b"service,budget\n" + b"placements,1\n" * 20 + b'"' + b"x" * chars + b'",1\n'


def office_with_encrypted_part(office: bytes, part: str) -> bytes:
    """The Office file with one of its parts flagged as ZipCrypto-encrypted."""
    with zipfile.ZipFile(io.BytesIO(office)) as archive:
        members = {name: archive.read(name) for name in archive.namelist()}
    return zip_flagged_encrypted(members, {part})


def hidden_columns_xlsx(last: int = 2_000_000_000) -> bytes:
    """A workbook hiding columns 1 to `last`: far past Excel's 16,384."""
    workbook = xlsx_sample([["Savings tracker", 1200]])
    with zipfile.ZipFile(io.BytesIO(workbook)) as archive:
        sheet = archive.read(SHEET)
    cols = b'<cols><col min="1" max="%d" hidden="1" width="1" customWidth="1"/></cols><sheetData>' % last
    return with_part_replaced(workbook, SHEET, sheet, sheet.replace(b"<sheetData>", cols, 1))


def wide_spans_html(rows: int = 2000) -> bytes:
    """A table whose first row spans 1,000 columns 2,000 times over, above narrow rows: padded
    square it would be billions of cells."""
    wide = b"<tr>" + b'<td colspan="1000">x</td>' * 2000 + b"</tr>"
    return b"<html><body><table>" + wide + b"<tr><td>1</td></tr>" * rows + b"</table></body></html>"
