"""A packet command never loads the modules it puts off (``companion.lazy_modules``):
if one of them is used after all, the command pays for it after the key is derived,
when nothing else can run."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from companion.lazy_modules import UNUSED_BY_PACKET_COMMANDS

#: Runs one command in this fresh process, then prints what became of each module.
PROBE = """
import json, sys
from companion.cli.main import main
code = main(sys.argv[1:])
print(json.dumps([code, {
    name: type(sys.modules[name]).__name__ if name in sys.modules else "absent"
    for name in NAMES
}]))
"""


def _run_in_a_fresh_process(demo_dir: Path, *arguments: str) -> tuple[int, dict[str, str]]:
    finished = subprocess.run(
        [sys.executable, "-c", PROBE.replace("NAMES", repr(UNUSED_BY_PACKET_COMMANDS)), *arguments],
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, "COMPANION_PASSPHRASE": "demo"},
    )
    code, kinds = json.loads(finished.stdout.strip().splitlines()[-1])
    return code, kinds


def test_a_packet_and_a_docket_leave_the_put_off_modules_unloaded(
    demo_dir: Path, tmp_path: Path
) -> None:
    for arguments in (
        ("packet", "--hearing", "1", "--lang", "ar", "-o", str(tmp_path / "one.pdf")),
        ("packets", "--from", "2026-01-01", "--to", "2027-12-31", "-o", str(tmp_path / "all.pdf")),
    ):
        code, kinds = _run_in_a_fresh_process(
            demo_dir, arguments[0], "--data-dir", str(demo_dir), *arguments[1:]
        )
        assert code == 0
        assert set(kinds.values()) == {"_LazyModule"}, kinds
    assert (tmp_path / "one.pdf").stat().st_size > 0 and (tmp_path / "all.pdf").stat().st_size > 0
