"""Turning an upload (many files, or zips of them) into a stored, queued bundle with an owner."""

from __future__ import annotations

from pathlib import PurePosixPath

from fastapi import HTTPException
from starlette.datastructures import FormData, UploadFile

from ingest.bundle import IncomingFile, Unzipping, is_safe, skip_reason, skipped, unpack
from ingest.limits import DEFAULT_LIMITS
from workers.councils import UnknownCouncil, council_code
from workers.submit import submit_files
from workers.web.access import carry_assignments, record_owner, visible_bundle
from workers.web.auth import Web
from workers.web.users import User

Files = list[IncomingFile]


async def uploaded_files(form: FormData, field: str = "files") -> Files:
    """Every uploaded file, zips unpacked as `reviewpack submit` unpacks them."""
    files: Files = []
    # One unzipping allowance for the whole upload, as `read_bundle` gives a whole bundle.
    budget = Unzipping(DEFAULT_LIMITS, DEFAULT_LIMITS.max_unzipped_bytes)
    for item in form.getlist(field):
        if isinstance(item, UploadFile) and item.filename:
            name = _clean_name(item.filename)
            reason = skip_reason(name)
            if reason is not None:  # recorded, so the uploader sees it was passed over and why
                files.append(skipped(name, reason))
            else:
                data = await item.read()
                files.extend(unpack(name, data, budget, depth=0, top=True))
    return files


def _clean_name(name: str) -> str:
    # Browsers may send a folder's relative path; keep it when it stays inside the bundle.
    name = name.replace("\\", "/").strip("/")
    return name if is_safe(name) else PurePosixPath(name).name


def submit_upload(
    web: Web, user: User, files: Files, label: str, council: str | None, previous_id: str | None = None
) -> str:
    """Store and queue the files as a bundle owned by the uploader's council (for an LGA user, the
    council named, by DfE code or name from the DfE list; 400 with the closest names if none)."""
    if user.role == "reviewer":
        raise HTTPException(403, "reviewers cannot upload bundles")
    if not files:
        raise HTTPException(400, "choose at least one file to upload")
    try:
        owner = user.council if user.role == "council" else council_code(council)
    except UnknownCouncil as exc:
        raise HTTPException(400, str(exc)) from exc
    return _submit(web, user, files, label, owner, previous_id)


def _submit(
    web: Web, user: User, files: Files, label: str, owner: str | None, previous_id: str | None
) -> str:
    label = label.strip() or ", ".join(f.name for f in files[:3]) + ("…" if len(files) > 3 else "")
    bundle_id = submit_files(web.store, web.broker, files, label, owner)
    record_owner(web.store.engine, bundle_id, owner, user, previous_id)
    if previous_id:
        carry_assignments(web.store.engine, previous_id, bundle_id)
    return bundle_id


def submit_version(web: Web, user: User, bundle_id: str, keep: set[int], added: Files) -> str:
    """A new version of a bundle: the files kept from it plus the ones added, run from the start."""
    view = visible_bundle(web.store.engine, user, bundle_id)
    if view.superseded_by:
        raise HTTPException(409, f"bundle {bundle_id} already has a newer version, {view.superseded_by}")
    kept = [
        IncomingFile(f.name, web.store.blobs.get(f.sha256), f.refusal)
        for f in web.store.files(bundle_id)
        if f.position in keep
    ]
    if user.role == "reviewer":
        raise HTTPException(403, "reviewers cannot upload bundles")
    if not kept + added:
        raise HTTPException(400, "choose at least one file to upload")
    # The council stays the one the first version was filed under.
    return _submit(web, user, kept + added, view.label, view.council, previous_id=bundle_id)
