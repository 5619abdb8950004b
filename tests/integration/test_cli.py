import datetime as dt
import json
from pathlib import Path

import pytest

from tests.integration.helpers.cli_runs import run_cli as _run


@pytest.fixture
def demo_dir(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    folder = tmp_path / "demo"
    code, out, _ = _run(capsys, "demo", "--data-dir", str(folder))
    assert code == 0 and str(folder) in out
    return folder


def test_agenda_json_lists_hearings_with_offsets_and_people(
    demo_dir: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COMPANION_PASSPHRASE", "demo")
    code, out, err = _run(capsys, "agenda", "--data-dir", str(demo_dir), "--days", "30", "--json")
    assert code == 0, err
    items = json.loads(out)
    assert len(items) >= 10
    for item in items:
        moment = dt.datetime.fromisoformat(item["starts_at"])
        assert moment.utcoffset() is not None
        assert {"id", "courthouse", "courtroom", "status", "people"} <= item.keys()
        for person in item["people"]:
            assert {"id", "display_name", "native_name", "language"} <= person.keys()
    native_names = {p["native_name"] for item in items for p in item["people"]}
    assert "أحمد حداد" in native_names and "陈伟" in native_names
    assert {item["status"] for item in items} >= {"scheduled", "continued", "cancelled"}
    assert "(fictional)" in items[0]["courthouse"]


def test_check_reports_a_healthy_store(
    demo_dir: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COMPANION_PASSPHRASE", "demo")
    code, out, _ = _run(capsys, "check", "--data-dir", str(demo_dir))
    assert code == 0
    assert "healthy" in out


def test_wrong_passphrase_is_one_line_and_exit_2(
    demo_dir: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COMPANION_PASSPHRASE", "nope")
    code, out, err = _run(capsys, "agenda", "--data-dir", str(demo_dir))
    assert code == 2
    assert out == ""
    assert err.count("\n") == 1 and "passphrase" in err.lower()
    assert "Traceback" not in err


def test_missing_folder_is_one_line_and_exit_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COMPANION_PASSPHRASE", "demo")
    code, _, err = _run(capsys, "check", "--data-dir", str(tmp_path / "nowhere"))
    assert code == 2
    assert str(tmp_path / "nowhere") in err and err.count("\n") == 1


def test_no_passphrase_without_a_terminal_is_explained(
    demo_dir: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("COMPANION_PASSPHRASE", raising=False)
    monkeypatch.setattr("sys.stdin.isatty", lambda: False)
    code, _, err = _run(capsys, "agenda", "--data-dir", str(demo_dir))
    assert code == 2 and "COMPANION_PASSPHRASE" in err


def test_a_folder_that_is_not_a_store_is_said_before_the_passphrase_is_asked(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    import sqlite3

    folder = tmp_path / "office"
    folder.mkdir()
    sqlite3.connect(folder / "companion.db").execute("CREATE TABLE people (name TEXT)")
    monkeypatch.delenv("COMPANION_PASSPHRASE", raising=False)
    asked: list[str] = []
    monkeypatch.setattr("sys.stdin.isatty", lambda: True)
    monkeypatch.setattr("getpass.getpass", lambda prompt: asked.append(prompt) or "demo")
    code, out, err = _run(capsys, "agenda", "--data-dir", str(folder))
    assert code == 2 and out == ""
    assert asked == [], "no passphrase is asked for a folder that holds no store"
    assert "companion.db" in err and err.count("\n") == 1


def test_demo_refuses_an_existing_store(demo_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = _run(capsys, "demo", "--data-dir", str(demo_dir))
    assert code == 2 and "already" in err


def test_backup_and_restore_round_trip(
    demo_dir: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("COMPANION_PASSPHRASE", "demo")
    usb = tmp_path / "usb"
    code, out, err = _run(capsys, "backup", "--data-dir", str(demo_dir), "--to", str(usb))
    assert code == 0, err
    [backup] = list(usb.glob("*.ccbackup"))
    assert "12 people" in out
    new_laptop = tmp_path / "new-laptop"
    monkeypatch.setattr("sys.stdin.isatty", lambda: False)
    code, _, err = _run(capsys, "restore", "--data-dir", str(new_laptop), str(backup))
    assert code == 2 and "--yes" in err
    assert not new_laptop.exists()
    code, out, err = _run(capsys, "restore", "--data-dir", str(new_laptop), str(backup), "--yes")
    assert code == 0, err
    code, out, _ = _run(capsys, "agenda", "--data-dir", str(new_laptop), "--days", "30", "--json")
    assert code == 0 and len(json.loads(out)) >= 10
