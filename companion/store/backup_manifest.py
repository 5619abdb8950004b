"""What a backup says about itself, and the proof that the store that made it said so.

``manifest.json`` (when, why, which store, how many people and hearings, for each record
table its number of rows and a digest of their uids, and the SHA-256 of the database
inside) is readable without a secret, so the backups folder can be listed.
``manifest.mac`` seals it: an HMAC-SHA256 under a key derived from the database key.
Only a backup made by the store itself verifies, so a planted or edited file can neither
make rotation delete genuine backups nor stop the automatic ones.

Backups of the first format had no seal; they are still listed and restorable, but as
they cannot be authenticated, rotation leaves them alone.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import hmac
import json
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from companion.errors import CompanionError
from companion.regular_files import check_regular_file
from companion.store import keys
from companion.store.files import DATABASE_FILE_NAME

MANIFEST = "manifest.json"
MANIFEST_MAC = "manifest.mac"
FORMAT = 2
LEGACY_FORMAT = 1
#: The largest manifest, MAC or key file read from a backup.
SMALL_MEMBER_LIMIT = 64 * 1024
_MAC_LABEL = b"court-companion backup manifest v2"


class NotABackupError(CompanionError):
    code = "not_a_backup"

    def __init__(self, path: str) -> None:
        super().__init__(path)
        self.path = path


class NoBackupFileError(NotABackupError):
    """There is no file at all where the backup was looked for."""

    code = "no_backup_file"


@dataclass(frozen=True)
class RecordCount:
    """How many rows a record table has, and the SHA-256 of their sorted uids."""

    rows: int
    uids_sha256: str


@dataclass(frozen=True)
class BackupInfo:
    path: Path
    created_at: dt.datetime
    reason: str
    store_id: str
    people: int
    hearings: int
    #: Whether the manifest's seal was verified with the database key it was read with.
    authentic: bool = False
    format: int = FORMAT
    database_sha256: str = ""
    #: Per record table; empty for backups made before stable ids.
    records: dict[str, RecordCount] = field(default_factory=dict)
    #: ``keys.key_fingerprint`` of the backup's database key, once it was unlocked.
    key_fingerprint: str = ""


def manifest_key(database_key: bytes) -> bytes:
    """The key that seals manifests, derived from (and never revealing) the database key."""
    return hmac.new(database_key, _MAC_LABEL, hashlib.sha256).digest()


def seal(manifest_bytes: bytes, database_key: bytes) -> bytes:
    return hmac.new(manifest_key(database_key), manifest_bytes, hashlib.sha256).hexdigest().encode()


def manifest_bytes(
    created: dt.datetime,
    reason: str,
    store_id: str,
    people: int,
    hearings: int,
    sha256: str,
    records: dict[str, RecordCount],
) -> bytes:
    manifest = {
        "format": FORMAT,
        "created_at": created.isoformat(),
        "reason": reason,
        "store_id": store_id,
        "people": people,
        "hearings": hearings,
        "database_sha256": sha256,
        "records": {
            table: {"rows": count.rows, "uids_sha256": count.uids_sha256}
            for table, count in records.items()
        },
    }
    return json.dumps(manifest, indent=2).encode("utf-8")


def read_small_member(archive: zipfile.ZipFile, name: str) -> bytes:
    """A small member (manifest, MAC, key file), refused if it claims or holds too much."""
    info = archive.getinfo(name)
    if info.file_size > SMALL_MEMBER_LIMIT:
        raise ValueError(f"{name} is too large")
    with archive.open(info) as member:
        data = member.read(SMALL_MEMBER_LIMIT + 1)
    if len(data) > SMALL_MEMBER_LIMIT:
        raise ValueError(f"{name} is too large")
    return data


def _parse(path: Path, raw: bytes) -> BackupInfo:
    manifest = json.loads(raw)
    if not isinstance(manifest, dict):
        raise ValueError("manifest is not an object")
    version = manifest.get("format")
    if version not in (FORMAT, LEGACY_FORMAT):
        raise ValueError("unknown format")
    created = dt.datetime.fromisoformat(str(manifest["created_at"]))
    if created.tzinfo is None:
        raise ValueError("created_at has no time zone")
    people, hearings = manifest["people"], manifest["hearings"]
    if not all(
        isinstance(n, int) and not isinstance(n, bool) and n >= 0 for n in (people, hearings)
    ):
        raise ValueError("counts are not numbers")
    return BackupInfo(
        path=path,
        created_at=created.astimezone(dt.UTC),
        reason=str(manifest["reason"]),
        store_id=str(manifest["store_id"]),
        people=people,
        hearings=hearings,
        format=int(version),
        database_sha256=str(manifest.get("database_sha256", "")),
        records=_records(manifest.get("records", {})),
    )


def _records(listed: object) -> dict[str, RecordCount]:
    if not isinstance(listed, dict):
        raise ValueError("records is not an object")
    records = {}
    for table, count in listed.items():
        if not isinstance(count, dict):
            raise ValueError("a record count is not an object")
        records[str(table)] = RecordCount(int(count["rows"]), str(count["uids_sha256"]))
    return records


def read_manifest(path: Path, database_key: bytes | None = None) -> BackupInfo:
    """What a backup says about itself (no names are in it), without unlocking it.

    With ``database_key``, ``authentic`` says whether the store with that key made it.
    Anything wrong with the file, however it is wrong, is a ``NotABackupError``; a
    folder, pipe or device where the file should be is a ``NotARegularFileError``.
    """
    if not path.exists() and not path.is_symlink():
        raise NoBackupFileError(str(path))
    if path.exists():  # a pipe or a device would hang the reader, or never end
        check_regular_file(path)
    try:
        with zipfile.ZipFile(path) as archive:
            names = set(archive.namelist())
            if not {DATABASE_FILE_NAME, keys.KEY_FILE_NAME, MANIFEST} <= names:
                raise ValueError("members missing")
            raw = read_small_member(archive, MANIFEST)
            mac = read_small_member(archive, MANIFEST_MAC) if MANIFEST_MAC in names else b""
        info = _parse(path, raw)
    except (OSError, KeyError, ValueError, TypeError, OverflowError, zipfile.BadZipFile) as error:
        raise NotABackupError(str(path)) from error
    authentic = (
        database_key is not None
        and info.format == FORMAT
        and hmac.compare_digest(mac, seal(raw, database_key))
    )
    return dataclasses.replace(info, authentic=authentic)
