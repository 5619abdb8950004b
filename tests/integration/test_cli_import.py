"""``companion import`` and ``import-undo`` end to end on the demo office."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.integration.helpers.cli_runs import run_cli as _run

CORPUS = Path(__file__).parents[1] / "data" / "import"
COURT = "Lakeside Justice Center (fictional)"


def _export(tmp_path: Path, date: str) -> Path:
    path = tmp_path / "export.csv"
    path.write_text(
        "Victim ID,Victim First Name,Victim Last Name,Cell,Case Number,Court Date,Time,"
        "Courthouse\n"
        f"Q-1,Ana,Importtest,202-555-0101,CR-IMPORT-1,{date},9:30 AM,{COURT}\n",
        encoding="utf-8",
    )
    return path


def test_errors_exit_2_with_rows_in_json_and_nothing_written(
    demo_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _export(tmp_path, "03/04/2027")
    code, out, err = _run(capsys, "import", "--data-dir", str(demo_dir), str(path), "--json")
    assert code == 2
    report = json.loads(out)
    assert report["errors"] == [
        {
            "row": 2,
            "column": "Court Date",
            "value": "03/04/2027",
            "message": "this date fits both month-first and day-first; say which with --date-order",
        }
    ]
    assert "Nothing was imported" in err
    code, out, err = _run(capsys, "search", "--data-dir", str(demo_dir), "Importtest", "--json")
    assert json.loads(out) == []


def test_import_then_undo(
    demo_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _export(tmp_path, "03/04/2027")
    argv = ["import", "--data-dir", str(demo_dir), str(path), "--date-order", "dmy", "--json"]
    code, out, err = _run(capsys, *argv)
    assert code == 0, err
    report = json.loads(out)
    assert (report["new_people"], report["new_cases"], report["new_hearings"]) == (1, 1, 1)
    code, out, _ = _run(capsys, "search", "--data-dir", str(demo_dir), "Importtest", "--json")
    assert len(json.loads(out)) == 1
    assert any("before-import" in p.name for p in (demo_dir / "backups").iterdir())
    code, out, err = _run(capsys, "import-undo", "--data-dir", str(demo_dir), "--yes")
    assert code == 0, err
    code, out, _ = _run(capsys, "search", "--data-dir", str(demo_dir), "Importtest", "--json")
    assert json.loads(out) == []
    code, out, err = _run(capsys, "import-undo", "--data-dir", str(demo_dir), "--yes")
    assert code == 2 and err.strip() == "There is no import to undo."


def test_a_broken_file_is_one_line_exit_2(
    demo_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = CORPUS / "duplicate_headers.csv"
    code, _out, err = _run(capsys, "import", "--data-dir", str(demo_dir), str(path))
    assert code == 2
    assert err.strip().splitlines() == [
        "companion: Two columns have the same header “Phone”. Rename one."
    ]
