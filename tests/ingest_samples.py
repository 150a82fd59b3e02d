"""Small files made in the test run: good samples and the bad ones councils send by mistake."""

from __future__ import annotations

import io
import zipfile


def pdf_from_objects(objects: list[bytes]) -> bytes:
    """A PDF whose numbered objects are `objects` (1-based, object 1 the catalog), with a valid xref."""
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % number + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for offset in offsets:
        out.write(b"%010d 00000 n \n" % offset)
    out.write(b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref))
    return out.getvalue()


def text_pdf(lines: list[str], pages: int = 1) -> bytes:
    """A PDF of `pages` pages, each showing `lines` in Helvetica."""
    body = (
        b"BT /F1 11 Tf 50 780 Td 14 TL "
        + b" ".join(
            b"(" + line.replace("(", r"\(").replace(")", r"\)").encode("latin-1") + b") Tj T*"
            for line in lines
        )
        + b" ET"
    )
    font = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"
    content = b"<< /Length %d >>\nstream\n" % len(body) + body + b"\nendstream"
    first_page = 5
    kids = b" ".join(b"%d 0 R" % (first_page + i) for i in range(pages))
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [" + kids + b"] /Count %d >>" % pages,
        font,
        content,
    ]
    page = b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 3 0 R >> >> /Contents 4 0 R >>"
    return pdf_from_objects(objects + [page] * pages)


def contents_last_pdf(pages: int) -> bytes:
    """A PDF laid out as a linearized ("fast web view") one is: catalog, page tree and a trailer
    first, each page's text after them, so a file cut short keeps its pages but loses their text.
    Returns the bytes with no xref and no end-of-file marker, as an interrupted download leaves them."""
    font = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"
    first_contents = 4 + pages
    kids = b" ".join(b"%d 0 R" % (4 + i) for i in range(pages))
    head = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [" + kids + b"] /Count %d >>" % pages,
        font,
    ]
    page = b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 3 0 R >> >> /Contents %d 0 R >>"
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    for number, body in enumerate([*head, *(page % (first_contents + i) for i in range(pages))], start=1):
        out.write(b"%d 0 obj\n" % number + body + b"\nendobj\n")
    out.write(b"trailer\n<< /Size %d /Root 1 0 R >>\n" % (first_contents + pages))
    for i in range(pages):
        text = b" ".join(b"(Page %d, line %d of the minutes.) Tj T*" % (i + 1, k) for k in range(1, 21))
        body = b"BT /F1 11 Tf 50 780 Td 14 TL " + text + b" ET"
        stream = b"<< /Length %d >>\nstream\n" % len(body) + body + b"\nendstream"
        out.write(b"%d 0 obj\n" % (first_contents + i) + stream + b"\nendobj\n")
    return out.getvalue()


def image_only_pdf() -> bytes:
    """A scanned page: one grey image and no text at all."""
    pixels = bytes([128]) * 64
    image = (
        b"<< /Type /XObject /Subtype /Image /Width 8 /Height 8 /ColorSpace /DeviceGray /BitsPerComponent 8 /Length 64 >>\nstream\n"
        + pixels
        + b"\nendstream"
    )
    draw = b"q 500 0 0 700 40 60 cm /Im1 Do Q"
    content = b"<< /Length %d >>\nstream\n" % len(draw) + draw + b"\nendstream"
    return pdf_from_objects(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [5 0 R] /Count 1 >>",
            image,
            content,
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /XObject << /Im1 3 0 R >> >> /Contents 4 0 R >>",
        ]
    )


def encrypted_pdf(data: bytes, password: str = "secret") -> bytes:
    import pypdf

    writer = pypdf.PdfWriter(clone_from=pypdf.PdfReader(io.BytesIO(data)))
    writer.encrypt(password, algorithm="AES-128")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def encrypted_office(data: bytes, password: str = "secret") -> bytes:
    from msoffcrypto.format.ooxml import OOXMLFile

    out = io.BytesIO()
    OOXMLFile(io.BytesIO(data)).encrypt(password, out)
    return out.getvalue()


def zip_of(members: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return out.getvalue()


def docx_sample(paragraphs: list[str]) -> bytes:
    import docx

    document = docx.Document()
    for text in paragraphs:
        document.add_paragraph(text)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def xlsx_sample(rows: list[list[object]], title: str = "Sheet1") -> bytes:
    import openpyxl

    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = title
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def pptx_sample(slides: list[str]) -> bytes:
    import pptx

    deck = pptx.Presentation()
    for title in slides:
        slide = deck.slides.add_slide(deck.slide_layouts[5])
        slide.shapes.title.text = title
    out = io.BytesIO()
    deck.save(out)
    return out.getvalue()


def with_part_replaced(data: bytes, part: str, old: bytes, new: bytes) -> bytes:
    """The same Office file with `old` replaced by `new` in one of its parts."""
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(data)) as source,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for info in source.infolist():
            body = source.read(info)
            target.writestr(info.filename, body.replace(old, new) if info.filename == part else body)
    return out.getvalue()
