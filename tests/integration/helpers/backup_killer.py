"""Child process for the partial-backup test: start a backup and die half way.

``backup_killer FOLDER PASSPHRASE`` opens the store, starts a backup into its own
``backups/`` and sends itself SIGKILL once the archive is written under its ``.partial``
name, before it is checked and renamed: as a backup killed by a crash or a power cut.
"""

from __future__ import annotations

import os
import signal
import sys
from pathlib import Path

from companion.store import backups
from companion.store.store import Store


def main() -> None:
    folder, passphrase = Path(sys.argv[1]), sys.argv[2]

    def killed_while_checking(*_arguments: object) -> None:
        os.kill(os.getpid(), signal.SIGKILL)

    backups._verify_archive = killed_while_checking  # type: ignore[assignment]
    backups.make_backup(Store.open(folder, passphrase))


if __name__ == "__main__":
    main()
