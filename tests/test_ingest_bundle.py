"""read_bundle flattens zips and folders into named files and never loses a file it refuses."""

from __future__ import annotations

import io
import random
import zipfile
from pathlib import Path

from ingest.bundle import read_bundle
from ingest.errors import BadInput, CorruptFile, TooLarge
from ingest.inspect import inspect_bundle
from ingest.limits import Limits
from ingest.records import Status
from tests.ingest_samples import docx_sample, text_pdf, xlsx_sample, zip_of


def write(path: Path, data: bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return path


def test_a_zip_with_folders_keeps_the_inner_paths(tmp_path: Path) -> None:
    pdf, plan = text_pdf(["Appendix A"]), docx_sample(["Savings plan"])
    bundle = write(tmp_path / "bundle.zip", zip_of({"report.pdf": pdf, "appendices/a.docx": plan}))
    files = read_bundle([bundle])
    assert [(f.name, f.data, f.error) for f in files] == [
        ("report.pdf", pdf, None),
        ("appendices/a.docx", plan, None),
    ]


def test_office_files_are_not_mistaken_for_zips_to_unpack(tmp_path: Path) -> None:
    data = xlsx_sample([["Budget", 1]])
    files = read_bundle([write(tmp_path / "tracker.xlsx", data)])
    assert [(f.name, f.data) for f in files] == [("tracker.xlsx", data)]


def test_a_nested_zip_is_unpacked_under_its_own_name(tmp_path: Path) -> None:
    inner = zip_of({"b.pdf": text_pdf(["B"])})
    bundle = write(tmp_path / "outer.zip", zip_of({"a.pdf": text_pdf(["A"]), "more/inner.zip": inner}))
    assert [f.name for f in read_bundle([bundle])] == ["a.pdf", "more/inner.zip/b.pdf"]


def test_a_folder_is_read_recursively_and_its_os_junk_is_recorded_as_skipped(tmp_path: Path) -> None:
    write(tmp_path / "in" / "report.pdf", text_pdf(["A"]))
    write(tmp_path / "in" / "sub" / "plan.docx", docx_sample(["Plan"]))
    write(tmp_path / "in" / ".DS_Store", b"junk")
    write(tmp_path / "in" / "sub" / "Thumbs.db", b"junk")
    write(tmp_path / "in" / "sub" / "~$plan.docx", b"lock")
    files = read_bundle([tmp_path / "in"])
    assert [f.name for f in files if not f.error] == ["report.pdf", "sub/plan.docx"]
    skipped = {f.name: f.error.message for f in files if f.error and f.error.code == "skipped"}
    assert set(skipped) == {".DS_Store", "sub/Thumbs.db", "sub/~$plan.docx"}
    assert "an Office lock file" in skipped["sub/~$plan.docx"]
    assert "hidden system file" in skipped[".DS_Store"]


def test_a_link_in_a_folder_is_recorded_and_not_followed(tmp_path: Path) -> None:
    write(tmp_path / "secret.pdf", text_pdf(["outside the bundle"]))
    write(tmp_path / "in" / "report.pdf", text_pdf(["A"]))
    (tmp_path / "in" / "link.pdf").symlink_to(tmp_path / "secret.pdf")
    files = {f.name: f for f in read_bundle([tmp_path / "in"])}
    link = files["link.pdf"]
    assert link.error is not None and "not followed" in link.error.message and link.data == b""
    assert files["report.pdf"].error is None


def test_mac_resource_forks_in_a_zip_are_recorded_as_skipped(tmp_path: Path) -> None:
    members = {"a.pdf": text_pdf(["A"]), "__MACOSX/._a.pdf": b"fork", "dir/.DS_Store": b"junk"}
    files = read_bundle([write(tmp_path / "b.zip", zip_of(members))])
    assert [f.name for f in files if not f.error] == ["a.pdf"]
    assert {f.name: f.error.code for f in files if f.error} == {
        "__MACOSX/._a.pdf": "skipped",
        "dir/.DS_Store": "skipped",
    }


def test_a_path_traversal_entry_is_refused_and_recorded(tmp_path: Path) -> None:
    members = {"../../etc/evil.pdf": text_pdf(["x"]), "/abs.pdf": text_pdf(["y"]), "ok.pdf": text_pdf(["z"])}
    files = read_bundle([write(tmp_path / "b.zip", zip_of(members))])
    refused = {f.name: f.error for f in files if f.error}
    assert set(refused) == {"../../etc/evil.pdf", "/abs.pdf"}
    assert all(e.code == BadInput.code and "outside the bundle" in e.message for e in refused.values())
    assert [f.name for f in files if not f.error] == ["ok.pdf"]


def test_a_zip_bomb_is_refused_whole_with_its_bytes_kept(tmp_path: Path) -> None:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("zeros.pdf", b"\0" * 5_000_000)
    data = out.getvalue()
    files = read_bundle([write(tmp_path / "bomb.zip", data)])
    assert len(files) == 1 and files[0].name == "bomb.zip" and files[0].data == data
    assert files[0].error is not None and files[0].error.code == TooLarge.code


def test_zips_nested_too_deep_are_refused(tmp_path: Path) -> None:
    data = zip_of({"a.pdf": text_pdf(["A"])})
    for depth in range(3):
        data = zip_of({f"level{depth}.zip": data})
    files = read_bundle([write(tmp_path / "deep.zip", data)], Limits(max_zip_depth=2))
    assert [f.error.code for f in files if f.error] == [TooLarge.code]


def test_a_corrupt_zip_bundle_is_one_failed_file_with_its_original_bytes(tmp_path: Path) -> None:
    data = zip_of({"a.pdf": text_pdf(["A"]), "b.pdf": text_pdf(["B"])})[:-30]
    files = read_bundle([write(tmp_path / "bundle.zip", data)])
    assert [(f.name, f.data) for f in files] == [("bundle.zip", data)]
    assert files[0].error is not None and files[0].error.code == CorruptFile.code


def test_refused_files_become_failed_documents_and_repeats_are_marked(tmp_path: Path) -> None:
    pdf = text_pdf(["Budget monitoring"])
    members = {"a.pdf": pdf, "copy/a.pdf": pdf, "../x.pdf": pdf}
    documents = inspect_bundle(read_bundle([write(tmp_path / "b.zip", zip_of(members))]))
    by_name = {d.file: d for d in documents}
    assert by_name["../x.pdf"].status is Status.FAILED
    assert by_name["copy/a.pdf"].duplicate_of == "a.pdf"
    assert by_name["a.pdf"].duplicate_of is None and by_name["a.pdf"].status is Status.OK


def test_nested_zips_share_one_unzipping_budget(tmp_path: Path) -> None:
    # Incompressible members, so no zip trips the ratio check: only the shared budget can refuse.
    noise = random.Random(0).randbytes(40_000)
    inner = zip_of({f"f{i}.pdf": noise for i in range(3)})
    bundle = write(tmp_path / "b.zip", zip_of({f"part{i}.zip": inner for i in range(4)}))
    assert not any(f.error for f in read_bundle([bundle]))
    files = read_bundle([bundle], Limits(max_unzipped_bytes=700_000))
    refused = [f.name for f in files if f.error and f.error.code == TooLarge.code]
    assert refused == ["part1.zip", "part2.zip", "part3.zip"]
    assert [f.name for f in files if not f.error] == [
        "part0.zip/f0.pdf",
        "part0.zip/f1.pdf",
        "part0.zip/f2.pdf",
    ]
