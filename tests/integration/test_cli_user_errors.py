"""Every user error on the command line is one line on stderr and exit status 2, never a
traceback: the inputs that once crashed ``companion``, run as a real process each."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from companion.demo import create_demo_office
from tests.conftest import TEST_PASSPHRASE

ROOT = Path(__file__).resolve().parents[2]


@dataclass(frozen=True)
class Case:
    arguments: Callable[[Path, Path], list[str]]  # (data folder, scratch folder) -> argv
    #: Words the one line must hold (case-insensitive), to show it is the right error.
    says: tuple[str, ...]
    prepare: Callable[[Path], object] = lambda _folder: None


def _first_hearing(folder: Path) -> int:
    from companion.store.store import Store

    store = Store.open(folder, TEST_PASSPHRASE)
    try:
        return int(store.db.execute("SELECT min(id) FROM hearings").fetchone()[0])
    finally:
        store.close()


def _key_file(change: Callable[[dict[str, object]], None]) -> Callable[[Path], None]:
    def prepare(folder: Path) -> None:
        path = folder / "keys.json"
        data = json.loads(path.read_text(encoding="utf-8"))
        change(data)
        path.write_text(json.dumps(data), encoding="utf-8")

    return prepare


def _passphrase_seal(**values: object) -> Callable[[Path], None]:
    def change(data: dict[str, object]) -> None:
        sealed = data["passphrase"]
        assert isinstance(sealed, dict)
        sealed.update(values)

    return _key_file(change)


def _key_file_as_folder(folder: Path) -> None:
    (folder / "keys.json").unlink()
    (folder / "keys.json").mkdir()


def _packet(folder: Path, scratch: Path, *more: str) -> list[str]:
    return ["packet", "--data-dir", str(folder), *more, "-o", str(scratch / "packet.pdf")]


def _packets(folder: Path, scratch: Path, first: str, last: str) -> list[str]:
    output = str(scratch / "docket.pdf")
    return ["packets", "--data-dir", str(folder), "--from", first, "--to", last, "-o", output]


def _agenda(folder: Path, _scratch: Path) -> list[str]:
    return ["agenda", "--data-dir", str(folder)]


SCRYPT = {"kdf": "scrypt", "r": 8, "p": 1, "n": 2**15}

CASES: dict[str, Case] = {
    "packets --from 9999-12-31": Case(
        lambda d, s: _packets(d, s, "9999-12-31", "9999-12-31"), ("first day", "2999")
    ),
    "packets --from 0001-01-01": Case(
        lambda d, s: _packets(d, s, "0001-01-01", "0001-01-02"), ("first day", "1900")
    ),
    "packets --to 9999-12-31": Case(
        lambda d, s: _packets(d, s, "2026-01-01", "9999-12-31"), ("last day", "2999")
    ),
    "packet --hearing 99999999999999999999999": Case(
        lambda d, s: _packet(d, s, "--hearing", "99999999999999999999999"),
        ("--hearing", "record number"),
    ),
    "packet --hearing -1": Case(
        lambda d, s: _packet(d, s, "--hearing", "-1"), ("--hearing", "record number")
    ),
    "packet --hearing 1 --person 99999999999999999999999": Case(
        lambda d, s: _packet(d, s, "--hearing", "1", "--person", "99999999999999999999999"),
        ("--person", "record number"),
    ),
    "agenda --days 3000000": Case(
        lambda d, _s: [*_agenda(d, _s), "--days", "3000000"], ("--days",)
    ),
    "agenda --days 0": Case(lambda d, _s: [*_agenda(d, _s), "--days", "0"], ("--days",)),
    "agenda --days many": Case(lambda d, _s: [*_agenda(d, _s), "--days", "many"], ("--days",)),
    "keys.json with an empty nonce": Case(
        _agenda, ("key file", "nonce"), _passphrase_seal(nonce="")
    ),
    "keys.json with n=3": Case(_agenda, ("key file", "n=3"), _passphrase_seal(**SCRYPT | {"n": 3})),
    "keys.json with r=-1": Case(
        _agenda, ("key file", "r=-1"), _passphrase_seal(**SCRYPT | {"r": -1})
    ),
    "keys.json with n=2^22": Case(
        _agenda, ("key file", "n="), _passphrase_seal(**SCRYPT | {"n": 2**22})
    ),
    "keys.json with p=2^20": Case(
        _agenda, ("key file", "p="), _passphrase_seal(**SCRYPT | {"p": 2**20})
    ),
    "keys.json with argon2id m=2^31": Case(_agenda, ("key file", "m="), _passphrase_seal(m=2**31)),
    "keys.json that is a folder": Case(_agenda, ("key file", "folder"), _key_file_as_folder),
    "keys.json that is not JSON": Case(
        _agenda,
        ("key file", "json"),
        lambda folder: (folder / "keys.json").write_bytes(b"\x00garbage"),
    ),
    "--data-dir of 5000 characters": Case(
        lambda d, _s: ["agenda", "--data-dir", str(d / ("x" * 5000))], ("name too long",)
    ),
    "an empty --data-dir (it would mean the current folder)": Case(
        lambda _d, _s: ["restore", "--data-dir", "", "--yes", "backup.ccbackup"],
        ("--data-dir is empty: name the data folder.",),
    ),
    "a blank --data-dir= word": Case(
        lambda _d, _s: ["passphrase", "--data-dir=  "], ("--data-dir is empty",)
    ),
    "--data-dir that is a file": Case(
        lambda d, _s: ["agenda", "--data-dir", str(d / "keys.json")],
        ("keys.json is a file, not a folder",),
    ),
    "passphrase with a weak new passphrase": Case(
        lambda d, _s: ["passphrase", "--data-dir", str(d), "--rekey"], ("passphrase", "common")
    ),
}


def _run(
    argv: list[str], environment: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    env = {
        **os.environ,
        "COMPANION_PASSPHRASE": TEST_PASSPHRASE,
        "COMPANION_NEW_PASSPHRASE": "Summer2024!",
        **(environment or {}),
    }
    return subprocess.run(
        argv,
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=env,
        stdin=subprocess.DEVNULL,
        timeout=120,
    )


def _assert_one_line_user_error(
    result: subprocess.CompletedProcess[str], says: tuple[str, ...]
) -> None:
    assert "Traceback" not in result.stderr, result.stderr
    assert result.returncode == 2, result.stderr
    assert result.stderr.endswith("\n") and result.stderr.count("\n") == 1, result.stderr
    assert result.stdout == ""
    line = result.stderr.lower()
    assert line.startswith("companion: ")
    assert "damaged" not in line, "nothing here is damaged data"
    for word in says:
        assert word.lower() in line, result.stderr


@pytest.fixture(scope="module")
def demo_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("template") / "office"
    create_demo_office(folder, TEST_PASSPHRASE).close()
    return folder


@pytest.fixture
def demo_folder(demo_template: Path, tmp_path: Path) -> Path:
    folder = tmp_path / "office"
    shutil.copytree(demo_template, folder)
    return folder


@pytest.mark.parametrize("case", CASES.values(), ids=CASES.keys())
def test_a_user_error_is_one_line_and_exit_2(demo_folder: Path, tmp_path: Path, case: Case) -> None:
    case.prepare(demo_folder)
    argv = [sys.executable, "-m", "companion", *case.arguments(demo_folder, tmp_path)]
    _assert_one_line_user_error(_run(argv), case.says)
    assert not (tmp_path / "packet.pdf").exists() and not (tmp_path / "docket.pdf").exists()


def _read_only_mounts_work(tmp_path: Path) -> bool:
    """Whether this process may bind-mount a folder read-only in a private mount namespace
    (root on Linux, as in CI); the mount never shows outside that one command."""
    if not sys.platform.startswith("linux") or shutil.which("unshare") is None:
        return False
    probe_from, probe_to = tmp_path / "probe-from", tmp_path / "probe-to"
    probe_from.mkdir()
    probe_to.mkdir()
    probe = subprocess.run(
        ["unshare", "-m", "mount", "--bind", "-o", "ro", str(probe_from), str(probe_to)],
        capture_output=True,
    )
    return probe.returncode == 0


@pytest.mark.parametrize("command", ["packet", "agenda", "backup"])
def test_a_store_on_a_read_only_disk_is_named_so_in_one_line(
    demo_folder: Path, tmp_path: Path, command: str
) -> None:
    if not _read_only_mounts_work(tmp_path):
        pytest.skip("needs read-only bind mounts (root on Linux)")
    hearing = _first_hearing(demo_folder)
    mount_point = tmp_path / "read-only"
    mount_point.mkdir()
    arguments = {
        "packet": _packet(mount_point, tmp_path, "--hearing", str(hearing)),
        "agenda": _agenda(mount_point, tmp_path),
        "backup": ["backup", "--data-dir", str(mount_point), "--to", str(tmp_path / "kept")],
    }[command]
    script = 'mount --bind -o ro "$1" "$2" && shift 2 && exec "$@"'
    argv = ["unshare", "-m", "sh", "-c", script, "sh", str(demo_folder), str(mount_point)]
    result = _run([*argv, sys.executable, "-m", "companion", *arguments])
    _assert_one_line_user_error(result, ("read-only",))
    assert not (tmp_path / "packet.pdf").exists()
