"""Writing a `TableSpec` as DOCX (python-docx) or XLSX (openpyxl) and printing it to PDF with
LibreOffice, as a council's Word or Excel paper is printed.

Conversions are cached by the spec and variant they came from (the office files themselves
carry the save time, so their bytes differ from run to run): a second run reads the PDFs back.
"""

from __future__ import annotations

import functools
import hashlib
import io
import shutil
import subprocess
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from examples.layouts import LAYOUTS, VARIANTS, TableSpec, Variant

CACHE = Path(tempfile.gettempdir()) / "reviewpack-layouts"
GENERATOR_VERSION = "6"  # change to drop cached PDFs when the writers change
CALC_WIDTH = 1.33  # Calc draws a width in characters of its stand-in for Calibri (DejaVu Sans digits), not 0.19 cm each
INTRO = (
    "The table below sets out the forecast outturn for Children's Services at Month 6 against "
    "the revised budget. Reasons for the main variances are given in the commentary."
)


@dataclass(frozen=True)
class LayoutPdf:
    layout: str
    variant: Variant
    spec: TableSpec
    pdf: bytes

    @property
    def name(self) -> str:
        return f"{self.layout} {self.variant.name}.pdf"


def soffice() -> str | None:
    """LibreOffice's command, or None where it is not installed."""
    return shutil.which("soffice") or shutil.which("libreoffice")


def layout_pdfs(
    layouts: list[str] | None = None, variants: list[Variant] | None = None, cache: Path = CACHE
) -> list[LayoutPdf]:
    """Every layout in every variant as a PDF; raises FileNotFoundError without LibreOffice."""
    command = soffice()
    if command is None:
        raise FileNotFoundError("LibreOffice (soffice) is not installed")
    jobs = [(name, v, LAYOUTS[name]()) for name in layouts or list(LAYOUTS) for v in variants or VARIANTS]
    cache.mkdir(parents=True, exist_ok=True)
    targets = {(name, v.name): cache / f"{_key(name, spec, v)}.pdf" for name, v, spec in jobs}
    missing = [(name, v, spec) for name, v, spec in jobs if not targets[name, v.name].exists()]
    if missing:
        _convert(command, missing, targets, cache)
    return [LayoutPdf(name, v, spec, targets[name, v.name].read_bytes()) for name, v, spec in jobs]


def _key(name: str, spec: TableSpec, variant: Variant) -> str:
    text = repr((GENERATOR_VERSION, name, spec, variant))
    return hashlib.sha256(text.encode()).hexdigest()[:20]


def _convert(
    command: str,
    jobs: list[tuple[str, Variant, TableSpec]],
    targets: dict[tuple[str, str], Path],
    cache: Path,
) -> None:
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch)
        sources = []
        for name, variant, spec in jobs:
            stem = targets[name, variant.name].stem
            source = folder / f"{stem}.{variant.format}"
            source.write_bytes(office_file(spec, variant))
            sources.append(source)
        profile = (folder / "profile").as_uri()  # its own profile: other soffice runs cannot block it
        subprocess.run(
            [command, f"-env:UserInstallation={profile}", "--headless", "--convert-to", "pdf"]
            + ["--outdir", str(folder), *map(str, sources)],
            check=True,
            capture_output=True,
            timeout=600,
        )
        for source in sources:
            made = source.with_suffix(".pdf")
            if made.exists():
                shutil.move(made, cache / made.name)


def office_file(spec: TableSpec, variant: Variant) -> bytes:
    return docx_bytes(spec, variant) if variant.format == "docx" else xlsx_bytes(spec, variant)


def _align(spec: TableSpec, column: int) -> str:
    if column == spec.label_column:
        return spec.label_align
    if column in spec.text_columns or column < spec.label_column:
        return "left"
    return "right"


def docx_bytes(spec: TableSpec, variant: Variant) -> bytes:
    from docx import Document
    from docx.enum.section import WD_ORIENT
    from docx.enum.table import WD_ALIGN_VERTICAL
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Cm, Pt

    doc = Document()
    normal = doc.styles["Normal"]
    normal.font.name = variant.font
    normal.font.size = Pt(variant.size)
    section = doc.sections[0]
    section.page_width, section.page_height = Cm(21.0), Cm(29.7)
    if variant.landscape:
        section.orientation = WD_ORIENT.LANDSCAPE
        section.page_width, section.page_height = section.page_height, section.page_width
    section.left_margin = section.right_margin = Cm(2.0)
    title = doc.add_paragraph()
    title.add_run(spec.title).bold = True
    doc.add_paragraph(INTRO)
    if spec.caption:
        doc.add_paragraph(spec.caption).alignment = WD_ALIGN_PARAGRAPH.RIGHT
    rows = [*spec.header, *spec.body]
    table = doc.add_table(rows=len(rows), cols=len(spec.widths))
    if spec.ruled:
        table.style = "Table Grid"
    table.autofit = False
    aligns = {
        "left": WD_ALIGN_PARAGRAPH.LEFT,
        "right": WD_ALIGN_PARAGRAPH.RIGHT,
        "center": WD_ALIGN_PARAGRAPH.CENTER,
    }
    valign = WD_ALIGN_VERTICAL.BOTTOM if spec.valign == "bottom" else WD_ALIGN_VERTICAL.TOP
    for j, width in enumerate(spec.widths):
        table.columns[j].width = Cm(width * variant.widen)
    bold = {len(spec.header) + i for i in spec.bold_rows} | set(range(len(spec.header)))
    for i, cells in enumerate(rows):
        for j, text in enumerate(cells):
            cell = table.cell(i, j)
            cell.width = Cm(spec.widths[j] * variant.widen)
            cell.vertical_alignment = valign
            paragraph = cell.paragraphs[0]
            heading = i < len(spec.header)
            paragraph.alignment = aligns["center" if heading and j else _align(spec, j)]
            paragraph.add_run(text).bold = i in bold
    doc.add_paragraph("Figures are provisional and subject to audit.")
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def xlsx_bytes(spec: TableSpec, variant: Variant) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Border, Font, Side
    from openpyxl.utils import get_column_letter

    wb = Workbook()
    ws = wb.active
    ws.title = "Month 6"
    font = Font(name=variant.font, size=variant.size)
    bold = Font(name=variant.font, size=variant.size, bold=True)
    ws.append([spec.title])
    ws.cell(1, 1).font = bold
    ws.append([])
    if spec.caption:
        ws.append([*[""] * (len(spec.widths) - 1), spec.caption])
        ws.cell(ws.max_row, len(spec.widths)).alignment = Alignment(horizontal="right")
        ws.cell(ws.max_row, len(spec.widths)).font = font
    thin = Side(style="thin")
    box = Border(left=thin, right=thin, top=thin, bottom=thin)
    vertical = "bottom" if spec.valign == "bottom" else "top"
    first = ws.max_row + 1
    for i, cells in enumerate([*spec.header, *spec.body]):
        ws.append(cells)
        heading = i < len(spec.header)
        strong = heading or (i - len(spec.header)) in spec.bold_rows
        for j in range(len(cells)):
            cell = ws.cell(first + i, j + 1)
            cell.font = bold if strong else font
            horizontal = "center" if heading and j else _align(spec, j)
            cell.alignment = Alignment(horizontal=horizontal, vertical=vertical, wrap_text=True)
            if spec.ruled:
                cell.border = box
        # Calc does not grow a row for wrapped text on its own, as Excel does on opening.
        room = [w * variant.widen for w in spec.widths]
        height = max(_lines(t, room[j], variant.font, variant.size, strong) for j, t in enumerate(cells))
        ws.row_dimensions[first + i].height = height * variant.size * 1.3 + 2
    for j, width in enumerate(spec.widths):
        # Excel's width is in characters of the default font: about 0.19 cm each at 11pt.
        ws.column_dimensions[get_column_letter(j + 1)].width = width * variant.widen / 0.19
    ws.page_setup.orientation = "landscape" if variant.landscape else "portrait"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def _lines(text: str, width_cm: float, font: str, size: float, bold: bool) -> int:
    """How many lines a cell's text takes when Calc wraps it at word breaks in its column."""
    room = (width_cm * CALC_WIDTH - 0.25) * 28.35  # points, less the cell's padding
    measure = _measure(font, bold)
    count = 0
    for part in text.split("\n"):
        line = ""
        count += 1
        for word in part.split():
            wider = f"{line} {word}".strip()
            if line and measure(wider) * size > room:
                count += 1
                wider = word
            line = wider
    return count


@functools.cache
def _measure(font: str, bold: bool) -> Callable[[str], float]:
    """Width of a text at 1 pt in the named font (fontconfig finds the file), or an estimate."""
    try:
        from PIL import ImageFont

        pattern = f"{font}:bold" if bold else font
        found = subprocess.run(
            ["fc-match", "-f", "%{file}", pattern], capture_output=True, text=True, check=True
        )
        face = ImageFont.truetype(found.stdout.strip(), 100)
        return lambda text: face.getlength(text) / 100
    except (ImportError, OSError, subprocess.SubprocessError):
        return lambda text: 0.5 * len(text)
