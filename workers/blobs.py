"""Content-addressed blob stores: every original file and output is kept unchanged under its sha256."""

from __future__ import annotations

import hashlib
import os
import tempfile
from pathlib import Path
from typing import Protocol

import sqlalchemy as sa

from ingest.errors import NotFound
from workers.db import blobs, upsert


def sha256_of(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


class BlobStore(Protocol):
    def put(self, data: bytes) -> str: ...
    def get(self, sha256: str) -> bytes: ...


class FileBlobStore:
    """Blobs as files under a folder (one machine, or a volume shared by all workers)."""

    def __init__(self, root: Path) -> None:
        self.root = root

    def _path(self, sha256: str) -> Path:
        return self.root / sha256[:2] / sha256

    def put(self, data: bytes) -> str:
        digest = sha256_of(data)
        path = self._path(digest)
        if not path.exists():
            path.parent.mkdir(parents=True, exist_ok=True)
            # Write then rename, so a reader never sees half a blob.
            fd, tmp = tempfile.mkstemp(dir=path.parent)
            with os.fdopen(fd, "wb") as handle:
                handle.write(data)
            os.replace(tmp, path)
        return digest

    def get(self, sha256: str) -> bytes:
        try:
            return self._path(sha256).read_bytes()
        except FileNotFoundError as exc:
            raise NotFound(f"no blob {sha256}") from exc


class DatabaseBlobStore:
    """Blobs in the database, so worker machines share them with nothing else to mount."""

    def __init__(self, engine: sa.Engine) -> None:
        self.engine = engine

    def put(self, data: bytes) -> str:
        digest = sha256_of(data)
        with self.engine.begin() as conn:
            upsert(conn, blobs, {"sha256": digest, "size": len(data), "data": data}, update=[])
        return digest

    def get(self, sha256: str) -> bytes:
        with self.engine.connect() as conn:
            row = conn.execute(sa.select(blobs.c.data).where(blobs.c.sha256 == sha256)).first()
        if row is None or row.data is None:
            raise NotFound(f"no blob {sha256}")
        return bytes(row.data)
