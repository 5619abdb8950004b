"""Log files hold record numbers, never names or phone numbers: a full scripted session
with known, unusual names and numbers is logged at DEBUG level, then every log file is
searched for them."""

from __future__ import annotations

import re
from pathlib import Path

from tests.integration.helpers.session_runner import run_session
from tests.integration.helpers.session_seeds import (
    SEEDED_NAMES,
    SEEDED_NOTE,
    SEEDED_PHONES,
    phone_forms,
)


def _log_texts(folder: Path) -> dict[str, str]:
    return {
        path.name: path.read_text(encoding="utf-8", errors="replace")
        for path in sorted(folder.iterdir())
        if path.is_file()
    }


def test_logs_of_a_full_session_contain_no_names_or_phone_numbers(tmp_path: Path) -> None:
    logs = tmp_path / "logs"
    report = run_session(tmp_path / "session", log_dir=logs)
    assert "seeded names and numbers stored" in report["steps"]
    texts = _log_texts(logs)
    assert texts, "the session wrote no log file"
    everything = "\n".join(texts.values())
    # The log is not empty talk: it names records by number, and the backup and restore.
    assert re.search(r"showing person \d+", everything)
    assert "restored a backup" in everything and "backup written" in everything

    found = []
    for name, text in texts.items():
        lowered = text.casefold()
        for secret in (*SEEDED_NAMES, SEEDED_NOTE):
            if secret.casefold() in lowered:
                found.append(f"{name}: {secret}")
        for number in SEEDED_PHONES:
            for form in phone_forms(number):
                if form in text:
                    found.append(f"{name}: {form}")
    assert found == []
