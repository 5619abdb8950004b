"""A re-key stopped dead half way, as a killed process leaves it (``companion.store.rekey``)."""

from __future__ import annotations

from pathlib import Path

import pytest

from companion.store.rekey import rekey_database
from companion.store.store import Store


class Killed(BaseException):
    """Stands for the process dying at this point."""


def rekey_killed(folder: Path, at: str, passphrase: str, new_passphrase: str) -> None:
    """Start a re-key of the store in ``folder`` (open with ``passphrase``, moving to
    ``new_passphrase``) and stop it dead at the SQL statement containing ``at``: the
    connection is dropped without a checkpoint, as a killed process would leave it."""
    store = Store.open(folder, passphrase)

    def execute(sql: str) -> object:
        if at in sql:
            raise Killed()
        return store.db.execute(sql)

    with pytest.raises(Killed):
        rekey_database(
            folder, execute, store.database_key, store._key_file, new_passphrase, "A" * 30
        )
    store.db.conn.close()
