"""Tables as CSV or XLSX downloads."""

from __future__ import annotations

import csv
import io
import unicodedata
from datetime import date
from typing import Any
from urllib.parse import quote

from fastapi import HTTPException
from fastapi.responses import Response
from openpyxl import Workbook

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def as_csv(rows: list[dict[str, Any]]) -> bytes:
    buffer = io.StringIO()
    if rows:
        writer = csv.DictWriter(buffer, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows({k: _cell(v) for k, v in row.items()} for row in rows)
    # A BOM so Excel opens the pound signs and accents as UTF-8.
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def as_xlsx(rows: list[dict[str, Any]], title: str) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.title = title[:31]
    if rows:
        sheet.append(list(rows[0]))
        for row in rows:
            sheet.append([_cell(v) for v in row.values()])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _cell(value: Any) -> Any:
    # A leading = + - @ would be run as a formula by Excel; text from documents must stay text.
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@"):
        return "'" + value
    return value


def download(rows: list[dict[str, Any]], fmt: str, name: str) -> Response:
    if fmt == "csv":
        return Response(as_csv(rows), media_type="text/csv; charset=utf-8", headers=attachment(f"{name}.csv"))
    if fmt == "xlsx":
        return Response(as_xlsx(rows, name), media_type=XLSX, headers=attachment(f"{name}.xlsx"))
    raise HTTPException(400, "format must be csv or xlsx")


# What each of a bundle's outputs is called when downloaded, after the council's name.
OUTPUT_TITLES = {
    "pack.pdf": "pre-read pack",
    "pack.pptx": "pre-read slides",
    "data.xlsx": "pre-read data",
    "extraction.json": "extracted figures",
    "review.json": "review",
}


def output_filename(council: str, made: date, name: str) -> str:
    """A download's name for people: "Kent County Council pre-read pack 2025-12-05.pdf"."""
    suffix = name.rsplit(".", 1)[-1]
    return f"{council} {OUTPUT_TITLES.get(name, name.rsplit('.', 1)[0])} {made.isoformat()}.{suffix}"


def attachment(filename: str) -> dict[str, str]:
    """Content-Disposition and no-store for a download. The plain `filename` is an ASCII
    stand-in (accents dropped, quotes removed); `filename*` (RFC 5987) carries the real name."""
    plain = unicodedata.normalize("NFKD", filename).encode("ascii", "ignore").decode("ascii")
    plain = "".join(c for c in plain if c.isprintable() and c not in '"\\') or "download"
    value = f'attachment; filename="{plain}"'
    if plain != filename:
        value += f"; filename*=UTF-8''{quote(filename, safe='')}"
    return {"Content-Disposition": value, "Cache-Control": "no-store"}
