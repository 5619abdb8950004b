"""The private runtime folder: under XDG_RUNTIME_DIR when that is this user's alone, else
the user's cache folder; a folder planted by someone else, or a symbolic link, is passed
over and left alone."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from companion import user_runtime

pytestmark = pytest.mark.skipif(os.name != "posix", reason="ownership and modes are POSIX")


@pytest.fixture
def cache_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "cache-home"
    monkeypatch.setenv("XDG_CACHE_HOME", str(folder))
    return folder


def _private(path: Path) -> bool:
    status = path.lstat()
    return (
        stat.S_ISDIR(status.st_mode)
        and stat.S_IMODE(status.st_mode) == 0o700
        and status.st_uid == os.getuid()
    )


def test_the_runtime_folder_is_used_when_it_is_ours(
    private_runtime_folder: Path, cache_home: Path
) -> None:
    chosen = user_runtime.private_runtime_folder()
    assert chosen == private_runtime_folder / "court-companion" and _private(chosen)


def test_without_a_runtime_folder_the_cache_folder_serves(
    monkeypatch: pytest.MonkeyPatch, cache_home: Path
) -> None:
    monkeypatch.delenv("XDG_RUNTIME_DIR")
    user_runtime.forget_chosen_folder()
    chosen = user_runtime.private_runtime_folder()
    assert chosen.is_relative_to(cache_home) and _private(chosen)


def test_a_runtime_folder_open_to_others_is_not_used(
    private_runtime_folder: Path, cache_home: Path
) -> None:
    private_runtime_folder.chmod(0o777)  # XDG_RUNTIME_DIR itself shared: not ours alone
    user_runtime.forget_chosen_folder()
    chosen = user_runtime.private_runtime_folder()
    assert chosen.is_relative_to(cache_home) and _private(chosen)


def test_a_symbolic_link_planted_in_its_place_is_passed_over(
    private_runtime_folder: Path, cache_home: Path, tmp_path: Path
) -> None:
    elsewhere = tmp_path / "attacker"
    elsewhere.mkdir(mode=0o777)
    (private_runtime_folder / "court-companion").symlink_to(elsewhere)
    chosen = user_runtime.private_runtime_folder()
    assert chosen.is_relative_to(cache_home) and _private(chosen)
    assert list(elsewhere.iterdir()) == []


@pytest.mark.skipif(os.geteuid() != 0, reason="handing a folder to another user needs root")
def test_a_folder_planted_by_another_user_is_passed_over_and_left_alone(
    private_runtime_folder: Path, cache_home: Path
) -> None:
    planted = private_runtime_folder / "court-companion"
    planted.mkdir(mode=0o777)
    planted.chmod(0o777)
    os.chown(planted, 65534, 65534)  # nobody
    chosen = user_runtime.private_runtime_folder()
    assert chosen.is_relative_to(cache_home) and _private(chosen)
    assert planted.stat().st_uid == 65534 and stat.S_IMODE(planted.stat().st_mode) == 0o777


def test_a_folder_of_ours_left_wide_is_narrowed(private_runtime_folder: Path) -> None:
    ours = private_runtime_folder / "court-companion"
    ours.mkdir()
    ours.chmod(0o755)
    assert user_runtime.private_runtime_folder() == ours and _private(ours)
