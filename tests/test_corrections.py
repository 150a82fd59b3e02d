"""Reviewers' corrections: applied to the records they name on every run, kept against the file
(sha256) and the record's place in it, so a new version of the bundle with the same file keeps
them and another file does not; undoing one removes its effect and keeps its history."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from extract.records import BudgetLine, Extraction, PlanLine, Provenance, SavingsLine
from tests.pipeline_helpers import run_bundle_embedded
from workers.corrections import (
    Correction,
    InvalidCorrection,
    apply_corrections,
    corrections_for,
    new_correction,
    save_correction,
    undo_correction,
)
from workers.pipeline import stage
from workers.settings import load_settings
from workers.stages import Context, outputs_manifest, run_analyse, run_render
from workers.store import Store

SHA_A, SHA_B = "a" * 64, "b" * 64
T0 = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)


def _source(sha: str, locator: str) -> Provenance:
    return Provenance(file="f.pdf", sha256=sha, page=1, bbox=None, locator=locator, text="")


def _extraction() -> Extraction:
    return Extraction(
        budget_lines=[
            BudgetLine(
                name="Children in care",
                level="service_line",
                budget_gbp=38_400_000,
                forecast_gbp=43_450_000,
                variance_gbp=5_050_000,
                provenance=[_source(SHA_A, "page 1, table 1, row 3")],
            ),
            BudgetLine(
                name="Early help",
                level="service_line",
                budget_gbp=11_800_000,
                forecast_gbp=11_350_000,
                variance_gbp=-450_000,
                provenance=[_source(SHA_B, "page 1, table 1, row 3")],  # same place, another file
            ),
        ],
        savings=[
            SavingsLine(
                title="Step down from residential care",
                target_gbp=1_000_000,
                forecast_gbp=600_000,
                shortfall_gbp=400_000,
                provenance=[_source(SHA_A, "page 1, table 1, row 3")],  # same place, another kind
            )
        ],
        pressures=[PlanLine(title="Placement prices", provenance=[_source(SHA_A, "page 2, table 1, row 4")])],
    )


def _correction(
    kind: str, sha: str, locator: str, action: str, minutes: int = 0, **more: object
) -> Correction:
    made = new_correction(council="886", key=(kind, sha, locator), action=action, by="r@lga.gov.uk", **more)  # type: ignore[arg-type]
    return replace(made, at=T0 + timedelta(minutes=minutes))


def test_a_correction_replaces_its_field_and_is_appended_to_the_records_reviewed() -> None:
    fix = _correction(
        "budget_line",
        SHA_A,
        "page 1, table 1, row 3",
        "corrected",
        field="forecast_gbp",
        new=43_000_000,
        note="Q2 paper, p.4",
    )
    out = apply_corrections(_extraction(), [fix])
    line = out.budget_lines[0]
    assert line.forecast_gbp == 43_000_000 and line.budget_gbp == 38_400_000
    (entry,) = line.reviewed
    assert (entry.action, entry.field, entry.old, entry.new) == (
        "corrected",
        "forecast_gbp",
        43_450_000,
        43_000_000,
    )
    assert entry.by == "r@lga.gov.uk" and entry.note == "Q2 paper, p.4" and entry.at == T0.isoformat()
    # The same locator in another file, and a saving at the same place in this file, are untouched.
    assert out.budget_lines[1] == _extraction().budget_lines[1]
    assert out.savings[0] == _extraction().savings[0]


def test_a_confirmation_or_scope_mark_changes_no_value_but_is_recorded() -> None:
    marks = [
        _correction("saving", SHA_A, "page 1, table 1, row 3", "confirmed", 0),
        _correction("pressure", SHA_A, "page 2, table 1, row 4", "out_of_scope", 1, note="adults' budget"),
    ]
    out = apply_corrections(_extraction(), marks)
    saving, pressure = out.savings[0], out.pressures[0]
    assert saving.model_copy(update={"reviewed": []}) == _extraction().savings[0]
    assert [(r.action, r.field, r.old, r.new) for r in saving.reviewed] == [("confirmed", None, None, None)]
    assert [(r.action, r.note) for r in pressure.reviewed] == [("out_of_scope", "adults' budget")]


def test_corrections_apply_oldest_first_so_the_latest_value_stands() -> None:
    later = _correction(
        "saving", SHA_A, "page 1, table 1, row 3", "corrected", 5, field="target_gbp", new=900_000
    )
    earlier = _correction(
        "saving", SHA_A, "page 1, table 1, row 3", "corrected", 1, field="target_gbp", new=800_000
    )
    saving = apply_corrections(_extraction(), [later, earlier]).savings[0]
    assert saving.target_gbp == 900_000
    assert [(r.old, r.new) for r in saving.reviewed] == [(1_000_000, 800_000), (800_000, 900_000)]


def test_a_correction_must_name_a_field_of_its_kind_and_a_number() -> None:
    key = ("budget_line", SHA_A, "page 1, table 1, row 3")
    with pytest.raises(InvalidCorrection, match="budget_gbp, forecast_gbp or variance_gbp|one of"):
        new_correction(council=None, key=key, action="corrected", by="x", field="target_gbp", new=1.0)
    with pytest.raises(InvalidCorrection, match="number"):
        new_correction(
            council=None, key=key, action="corrected", by="x", field="budget_gbp", new=float("nan")
        )
    with pytest.raises(InvalidCorrection, match="only confirm"):
        new_correction(
            council=None,
            key=("pressure", SHA_A, "x"),
            action="corrected",
            by="x",
            field="budget_gbp",
            new=1.0,
        )
    with pytest.raises(InvalidCorrection, match="action"):
        new_correction(council=None, key=key, action="deleted", by="x")


def test_an_undone_correction_has_no_effect_and_stays_in_the_history(tmp_path: Path) -> None:
    store = Store.open(load_settings({"REVIEWPACK_HOME": str(tmp_path)}))
    fix = new_correction(
        council="886",
        key=("budget_line", SHA_A, "page 1, table 1, row 3"),
        action="corrected",
        by="r@lga.gov.uk",
        field="budget_gbp",
        new=1.0,
    )
    save_correction(store.engine, fix)
    active = corrections_for(store.engine, "886", [SHA_A], active_only=True)
    assert apply_corrections(_extraction(), active).budget_lines[0].budget_gbp == 1.0
    undone = undo_correction(store.engine, fix.id, "lga@lga.gov.uk", "886", [SHA_A])
    assert undone.undone_by == "lga@lga.gov.uk" and undone.undone_at is not None
    assert corrections_for(store.engine, "886", [SHA_A], active_only=True) == []
    history = corrections_for(store.engine, "886", [SHA_A])
    assert [c.id for c in history] == [fix.id]
    assert apply_corrections(_extraction(), history) == _extraction()
    # Another council's, or another file's, corrections are never this bundle's.
    assert (
        corrections_for(store.engine, "936", [SHA_A]) == []
        and corrections_for(store.engine, "886", [SHA_B]) == []
    )


MONITORING = (
    "Revenue budget monitoring 2025-26 Quarter 2, Children Young People and Education\n"
    "Service,Budget £000,Forecast £000,Variance £000\n"
    "Children in care placements,38400,{forecast},5050\n"
    "Early help and family hubs,11800,11350,-450\n"
    "Total Children Young People and Education,50200,54800,4600\n"
)
NAME = "Budget monitoring Q2 2025-26.csv"


def test_a_correction_holds_on_a_rerun_and_in_a_new_version_with_the_same_file_only(tmp_path: Path) -> None:
    first = tmp_path / "v1" / NAME
    first.parent.mkdir()
    first.write_text(MONITORING.format(forecast=43450))
    store, bundle_id, _ = run_bundle_embedded([first], tmp_path / "home", council="886")
    sha = store.files(bundle_id)[0].sha256
    line = _stored_lines(store, bundle_id)[0]
    locator = line["provenance"][0]["locator"]
    fix = new_correction(
        council="886",
        key=("budget_line", sha, locator),
        action="corrected",
        by="r@lga.gov.uk",
        field="forecast_gbp",
        old=43_450_000,
        new=43_000_000,
        bundle_id=bundle_id,
    )
    save_correction(store.engine, fix)

    # The bundle's analysis re-run: the extraction it stores and renders is the corrected one.
    ctx = Context(store)
    assert run_analyse(ctx, bundle_id, -1).state == "done" and run_render(ctx, bundle_id, -1).state == "done"
    rendered = json.loads(store.blobs.get(outputs_manifest(store, bundle_id)["extraction.json"]))
    corrected = rendered["budget_lines"][0]
    assert corrected["forecast_gbp"] == 43_000_000
    assert [(r["action"], r["field"], r["old"], r["new"]) for r in corrected["reviewed"]] == [
        ("corrected", "forecast_gbp", 43_450_000, 43_000_000)
    ]

    # A new version: the same file again, beside a different file that has a row at the same place.
    other = tmp_path / "v2" / NAME
    other.parent.mkdir()
    other.write_text(MONITORING.format(forecast=43451))
    store, second_id, out = run_bundle_embedded([first, other], tmp_path / "home", council="886")
    lines = json.loads((out / "extraction.json").read_text())["budget_lines"]
    same = [
        x for x in lines if x["provenance"][0]["sha256"] == sha and x["provenance"][0]["locator"] == locator
    ]
    different = [
        x for x in lines if x["provenance"][0]["sha256"] != sha and x["provenance"][0]["locator"] == locator
    ]
    assert [x["forecast_gbp"] for x in same] == [43_000_000] and same[0]["reviewed"]
    assert [x["forecast_gbp"] for x in different] == [43_451_000] and different[0]["reviewed"] == []


def _stored_lines(store: Store, bundle_id: str) -> list[dict[str, object]]:
    payload = store.load_result(bundle_id, "analyse.extraction", stage("analyse").version)
    return list(json.loads(payload)["budget_lines"])


def test_a_rerun_queues_the_bundle_stages_once_and_only_after_its_documents_are_read(tmp_path: Path) -> None:
    from dramatiq.brokers.stub import StubBroker

    from ingest.bundle import IncomingFile
    from workers.actors import build_actors, queue_for, rerun_bundle_stages

    store = Store.open(load_settings({"REVIEWPACK_HOME": str(tmp_path)}))
    broker = StubBroker()
    build_actors(broker, Context(store))
    bundle_id = store.create_bundle("b", [IncomingFile("a.csv", b"x,y\n1,2\n")], "886")
    queued = broker.queues[queue_for("analyse")]
    assert not rerun_bundle_stages(broker, store, bundle_id), "rerun while its documents are unread"
    for name in ("ingest", "extract"):
        store.set_state(bundle_id, 0, name, "done")
    for name in ("analyse", "render"):
        store.set_state(bundle_id, -1, name, "done")
    assert rerun_bundle_stages(broker, store, bundle_id) and queued.qsize() == 1
    states = {r.stage: r.state for r in store.runs(bundle_id) if r.position == -1}
    assert states == {"analyse": "queued", "render": "pending"}
    # A second correction before that run starts: the queued run will read it, nothing more is sent.
    assert not rerun_bundle_stages(broker, store, bundle_id) and queued.qsize() == 1
