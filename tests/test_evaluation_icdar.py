"""The evaluation command's core: ICDAR structure score, Kent speed, provenance, the report."""

from __future__ import annotations

from pathlib import Path

import pytest

from extract.evaluation import evaluate, format_report, icdar_score, kent_contents, provenance_share, speed

# Measured adjacency F1 over the 27 ICDAR 2013 EU documents was 0.975 (P 0.968, R 0.981);
# the floor leaves a small margin for harmless changes, and fails on a real regression.
ICDAR_F1_FLOOR = 0.96


@pytest.fixture(scope="module")
def kent(shared_dir: Path, kent_dir: Path) -> list:
    return kent_contents(shared_dir)


@pytest.mark.shared
def test_icdar_adjacency_f1_stays_at_its_measured_level(
    shared_dir: Path, icdar_dir: Path, tmp_path: Path
) -> None:
    found = icdar_score(shared_dir, tmp_path)
    assert found["documents"] == 27
    assert found["f1"] >= ICDAR_F1_FLOOR
    assert found["scorer_f1"] == pytest.approx(found["f1"])
    assert sorted(p.name for p in tmp_path.glob("*.json")) == sorted(
        f"{p.stem}.json" for p in icdar_dir.glob("*.pdf")
    )


@pytest.mark.shared
def test_the_speed_report_counts_every_kent_page_read_without_error(kent: list) -> None:
    # Speed itself is claimed from `reviewpack eval`/`bench`, which print it; no timed assertion here.
    pace = speed(kent)
    assert pace["pages"] == 109 and pace["page_errors"] == 0
    assert pace["pages_per_cpu_second"] > 0


@pytest.mark.shared
def test_every_kent_table_and_passage_has_a_page_and_box(kent: list) -> None:
    shares = provenance_share([content for _, content, _, _ in kent])
    assert shares["tables"]["count"] > 50 and shares["tables"]["share"] == 1.0
    assert shares["passages"]["count"] > 300 and shares["passages"]["share"] == 1.0


@pytest.mark.shared
@pytest.mark.slow
def test_evaluate_runs_every_part_and_reports_appendix_f_totals(
    shared_dir: Path, kent_dir: Path, tmp_path: Path
) -> None:
    result = evaluate(shared_dir, tmp_path)
    assert set(result) == {"icdar", "speed", "provenance", "category_totals", "verification", "layouts"}
    assert (tmp_path / "icdar" / "eu-001.json").is_file()
    totals = result["category_totals"]
    assert totals is not None and totals["stated"] > 0
    assert totals["record_provenance"]["share"] == 1.0
    report = format_report(result)
    assert "ICDAR 2013 EU" in report and "Appendix F category totals" in report
    documents = {d["file"]: d for d in result["verification"]}
    assert sum(len(d["pages_unread"]) for d in documents.values()) == 0
    appendix_f = documents["kent_cabinet_2025-01-30_appendixF_budget_templates.pdf"]
    assert appendix_f["tables"].get("verified", 0) > 20 and not appendix_f["tables"].get("contradicted")
    assert "0 pages unread" in report


def test_report_shows_each_figure() -> None:
    result = {
        "icdar": {
            "documents": 27,
            "precision": 0.9,
            "recall": 0.8,
            "f1": 0.847,
            "mean_document_f1": 0.85,
            "scorer_line": "docs=27 micro P=0.900 R=0.800 F1=0.847",
        },
        "speed": {
            "pages": 109,
            "seconds": 2.0,
            "pages_per_second_per_core": 54.5,
            "tables": 60,
            "passages": 500,
            "page_errors": 0,
        },
        "provenance": {"tables": {"count": 60, "with_page_and_bbox": 60, "share": 1.0}},
        "category_totals": None,
    }
    report = format_report(result)
    assert "F1=0.847" in report and "54.5 pages/s per core" in report
    assert "tables: 60/60 with page and bbox (100%)" in report
    assert "category totals: check not available" in report


def test_report_shows_layout_accuracy_per_class_or_why_it_was_not_measured() -> None:
    from extract.evaluation import _layout_lines

    counts = {"verified": 8, "wrong_verified": 1}
    wrong = [f"docx-portrait: Care Leavers: read budget=None forecast=None variance={n}" for n in range(4)]
    lost = ["xlsx-landscape: page 2 of t.pdf could not be read: its text could not be read"]
    measured = {
        "available": True,
        "right": 9,
        "lines": 16,
        "page_errors": 1,
        **counts,
        "classes": {
            "commentary_between": {
                "documents": 2,
                "lines": 16,
                "right": 9,
                "share": 9 / 16,
                "failures": wrong,
                "page_errors": lost,
                **counts,
            }
        },
    }
    assert _layout_lines(measured) == [
        "Council table layouts (target 100% per class): 9/16 lines read with every figure right (56%); "
        "8 verified by their table's arithmetic; 1 read wrong yet marked verified (target 0); "
        "1 page errors (target 0)",
        "  commentary_between: 9/16 (56%) over 2 PDFs, 8 verified, 1 wrong yet verified, 1 page errors",
        *[f"    read wrong: {w}" for w in wrong[:3]],  # the first few, each with what was read
        f"    page error: {lost[0]}",
    ]
    missing = {"available": False, "reason": "LibreOffice (soffice) is not installed"}
    assert _layout_lines(missing) == [
        "Council table layouts: not measured: LibreOffice (soffice) is not installed"
    ]
