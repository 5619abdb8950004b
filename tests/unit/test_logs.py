"""The log file: in the log folder, rotated at start once large, never blocking a start."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from pathlib import Path

import pytest

from companion import logs


@pytest.fixture
def log_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    folder = tmp_path / "logs"
    monkeypatch.setenv("COMPANION_LOG_DIR", str(folder))
    root = logging.getLogger()
    handlers, level = list(root.handlers), root.level
    yield folder
    for handler in root.handlers:
        if handler not in handlers:
            root.removeHandler(handler)
            handler.close()
    root.setLevel(level)


def test_logs_go_to_the_log_folder_once(log_folder: Path) -> None:
    path = logs.configure_logging()
    assert path == log_folder / logs.LOG_FILE_NAME
    assert logs.configure_logging() == path
    ours = [h for h in logging.getLogger().handlers if isinstance(h, logging.FileHandler)]
    assert [Path(h.baseFilename) for h in ours].count(path.resolve()) == 1
    logging.getLogger("companion.test").info("hearing 17 continued")
    assert "hearing 17 continued" in path.read_text(encoding="utf-8")


def test_a_large_log_is_rotated_at_start_and_the_oldest_dropped(log_folder: Path) -> None:
    log_folder.mkdir()
    path = log_folder / logs.LOG_FILE_NAME
    path.write_bytes(b"x" * logs.MAX_BYTES)
    for number in range(1, logs.BACKUP_COUNT + 1):
        (log_folder / f"{logs.LOG_FILE_NAME}.{number}").write_text(f"session {number}")

    logs.configure_logging()
    logging.getLogger("companion.test").info("new session")

    assert (log_folder / f"{logs.LOG_FILE_NAME}.1").stat().st_size == logs.MAX_BYTES
    for number in range(2, logs.BACKUP_COUNT + 1):
        older = log_folder / f"{logs.LOG_FILE_NAME}.{number}"
        assert older.read_text() == f"session {number - 1}"
    assert not (log_folder / f"{logs.LOG_FILE_NAME}.{logs.BACKUP_COUNT + 1}").exists()
    assert path.read_text(encoding="utf-8").endswith("new session\n")


def test_a_small_log_is_kept_and_appended_to(log_folder: Path) -> None:
    log_folder.mkdir()
    path = log_folder / logs.LOG_FILE_NAME
    path.write_text("earlier session\n", encoding="utf-8")
    logs.configure_logging()
    logging.getLogger("companion.test").info("later session")
    text = path.read_text(encoding="utf-8")
    assert text.startswith("earlier session\n") and "later session" in text
    assert not (log_folder / f"{logs.LOG_FILE_NAME}.1").exists()


def test_a_log_that_cannot_be_moved_does_not_stop_the_start(
    log_folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    log_folder.mkdir()
    path = log_folder / logs.LOG_FILE_NAME
    path.write_bytes(b"x" * logs.MAX_BYTES)

    def refuse(source: object, target: object) -> None:
        raise PermissionError("in use by another process")

    monkeypatch.setattr(logs.os, "replace", refuse)
    assert not logs.rotate_if_large(path)
    assert logs.configure_logging() == path
    assert path.stat().st_size >= logs.MAX_BYTES
