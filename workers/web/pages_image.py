"""A source page of an original PDF as a PNG, with a figure's box drawn on it.

Pages are drawn by poppler's pdftoppm in a child process, never by pdfium in this one: pdfium is
not thread-safe, and in embedded mode the stages use it on the worker thread of this process.
"""

from __future__ import annotations

import io
import re
import subprocess
import tempfile
from functools import lru_cache
from pathlib import Path

from PIL import Image, ImageDraw

from ingest.errors import NotFound
from workers.blobs import BlobStore

WIDTH_PX = 1100
MAX_HEIGHT_PX = 4000  # a freakishly tall page is shrunk rather than drawn at full width
TIMEOUT_S = 60

BBox = tuple[float, float, float, float]


def parse_bbox(text: str | None) -> BBox | None:
    if not text:
        return None
    try:
        x0, top, x1, bottom = (float(v) for v in text.split(","))
    except ValueError:
        return None
    return (x0, top, x1, bottom)


def page_png(blobs: BlobStore, sha256: str, page: int, bbox: BBox | None) -> bytes:
    image, scale = _render(blobs, sha256, page)  # type: ignore[arg-type]  # stores hash by identity
    if bbox:
        image = _highlight(image, bbox, scale)
    buffer = io.BytesIO()
    image.save(buffer, "PNG", optimize=True)
    return buffer.getvalue()


@lru_cache(maxsize=16)
def _render(blobs: BlobStore, sha256: str, page: int) -> tuple[Image.Image, float]:
    """The page as an image, and pixels per PDF point."""
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "source.pdf"
        path.write_bytes(blobs.get(sha256))
        width, height = _page_size(path, page)
        scale = min(WIDTH_PX / width, MAX_HEIGHT_PX / height)
        drawn = _run(
            [
                "pdftoppm",
                "-f",
                str(page),
                "-l",
                str(page),
                "-r",
                f"{scale * 72:.3f}",
                "-cropbox",
                "-png",
                "-singlefile",
                str(path),
            ]
        )
    image = Image.open(io.BytesIO(drawn)).convert("RGB")
    return image, image.width / width


def _page_size(path: Path, page: int) -> tuple[float, float]:
    """The page's width and height in points as displayed (rotation applied)."""
    info = _run(["pdfinfo", "-f", str(page), "-l", str(page), str(path)]).decode("utf-8", "replace")
    size = re.search(rf"^Page\s+{page} size:\s+([\d.]+) x ([\d.]+)", info, re.M)
    if size is None:
        raise NotFound(f"the document has no page {page}")
    width, height = float(size.group(1)), float(size.group(2))
    rotation = re.search(rf"^Page\s+{page} rot:\s+(\d+)", info, re.M)
    if rotation and int(rotation.group(1)) % 180 == 90:
        width, height = height, width
    return width, height


def _run(command: list[str]) -> bytes:
    try:
        done = subprocess.run(command, capture_output=True, timeout=TIMEOUT_S, check=True)
    except subprocess.CalledProcessError as exc:
        raise NotFound("the original file is not a PDF whose pages can be shown") from exc
    return done.stdout


def _highlight(image: Image.Image, bbox: BBox, scale: float) -> Image.Image:
    """The page with the box (PDF points, top-left origin as pdfplumber gives) shaded and outlined."""
    x0, top, x1, bottom = (v * scale for v in bbox)
    box = (min(x0, x1) - 3, min(top, bottom) - 3, max(x0, x1) + 3, max(top, bottom) + 3)
    overlay = Image.new("RGBA", image.size, (0, 0, 0, 0))
    draw = ImageDraw.Draw(overlay)
    draw.rectangle(box, fill=(255, 200, 0, 70), outline=(220, 30, 30, 255), width=3)
    return Image.alpha_composite(image.convert("RGBA"), overlay).convert("RGB")
