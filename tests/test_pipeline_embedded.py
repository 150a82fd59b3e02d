"""The embedded pipeline: the same actors in-process, SQLite and a local file store."""

from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path

import pdfplumber
import pytest
from pptx import Presentation

from tests.contract import check_extraction, check_review
from tests.pipeline_helpers import run_bundle_embedded
from workers.progress import bundle_progress


@pytest.fixture(scope="module")
def example_run(example_bundle: Path, tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    # Two stage processes whatever the machine, so the pool's path is the one tested here.
    return run_bundle_embedded([example_bundle], tmp_path_factory.mktemp("embedded"), processes=2)


def test_the_example_bundle_gives_contract_shaped_json_a_pdf_and_a_deck(example_run) -> None:  # type: ignore[no-untyped-def]
    store, bundle_id, out = example_run
    extraction = json.loads((out / "extraction.json").read_text())
    review = json.loads((out / "review.json").read_text())
    check_extraction(extraction)
    check_review(review)
    assert extraction["savings"] and extraction["budget_lines"] and extraction["tables"]
    with pdfplumber.open(out / "pack.pdf") as pdf:
        assert len(pdf.pages) >= 5
    assert len(Presentation(str(out / "pack.pptx")).slides) >= 5
    assert zipfile.is_zipfile(out / "data.xlsx")


def test_every_stage_result_is_stored_once_per_document(example_run) -> None:  # type: ignore[no-untyped-def]
    store, bundle_id, _ = example_run
    for row in store.files(bundle_id):
        assert store.count_results(row.sha256, "ingest") == 1
        assert store.count_results(row.sha256, "extract") <= 1


def test_bad_files_get_a_clear_error_each_while_the_rest_of_the_bundle_goes_on(
    example_bundle: Path, tmp_path: Path
) -> None:
    bundle = tmp_path / "bundle"
    bundle.mkdir()
    good = sorted(p for p in example_bundle.iterdir() if p.suffix == ".xlsx")[0]
    (bundle / good.name).write_bytes(good.read_bytes())
    bad = {
        "empty.pdf": b"",
        "truncated.pdf": b"%PDF-1.7\n1 0 obj\n<< /Type /Catalog",
        "minutes.docx": b"this is not really a word document",
        "photo.xlsx": b"\x89PNG\r\n\x1a\n" + b"\0" * 64,
    }
    for name, data in bad.items():
        (bundle / name).write_bytes(data)
    store, bundle_id, out = run_bundle_embedded([bundle], tmp_path / "home")
    progress = {item.name: item for item in bundle_progress(store, bundle_id)}
    for name in bad:
        errors = progress[name].errors
        assert errors and errors[0].stage == "ingest" and errors[0].error_message, name
    assert progress[good.name].runs["extract"].state == "done"
    for row in store.files(bundle_id):  # nothing lost: every original kept byte for byte
        assert store.blobs.get(row.sha256) == (bundle / row.name).read_bytes()
    review = json.loads((out / "review.json").read_text())
    failed = {d["file"] for d in review["documents"] if d["status"] == "failed"}
    assert failed == set(bad)
    with pdfplumber.open(out / "pack.pdf") as pdf:
        text = "\n".join(page.extract_text() or "" for page in pdf.pages)
    for name in bad:
        assert name in text, f"{name} missing from the pack's data-quality section"


def test_a_zip_bundle_with_folders_keeps_the_inner_paths(example_bundle: Path, tmp_path: Path) -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for path in sorted(example_bundle.iterdir()):
            archive.write(path, f"papers/{path.name}")
    zipped = tmp_path / "bundle.zip"
    zipped.write_bytes(buffer.getvalue())
    store, bundle_id, _ = run_bundle_embedded([zipped], tmp_path / "home")
    names = [row.name for row in store.files(bundle_id)]
    assert names and all(name.startswith("papers/") for name in names)


def test_stage_processes_make_the_same_outputs_as_one_process(  # type: ignore[no-untyped-def]
    example_run, example_bundle: Path, tmp_path: Path
) -> None:
    # example_run reads and renders in a process per core; this run does every stage here.
    _, _, parallel = example_run
    _, _, single = run_bundle_embedded([example_bundle], tmp_path / "home", processes=1)
    for name in ("extraction.json", "review.json"):
        assert (single / name).read_text() == (parallel / name).read_text(), name
    assert _pdf_text(single / "pack.pdf") == _pdf_text(parallel / "pack.pdf")
    assert _deck_text(single / "pack.pptx") == _deck_text(parallel / "pack.pptx")


def _pdf_text(path: Path) -> list[str]:
    with pdfplumber.open(path) as pdf:
        return [page.extract_text() for page in pdf.pages]


def _deck_text(path: Path) -> list[str]:
    deck = Presentation(str(path))
    return [shape.text_frame.text for slide in deck.slides for shape in slide.shapes if shape.has_text_frame]
