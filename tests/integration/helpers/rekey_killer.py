"""Child process for the re-key kill test: ``companion passphrase --rekey`` killed before
it could print the new recovery code.

``rekey_killer FOLDER STEP`` runs the command on FOLDER (passphrases from the
environment, as the test sets them) and sends itself SIGKILL right after STEP:
``key-file`` (the new key file is in place, the re-key journal still beside it) or
``journal`` (the journal is gone too: the re-key is complete, the code not yet printed).
"""

from __future__ import annotations

import os
import signal
import sys
from pathlib import Path

from companion.store import kdf, keys, rekey
from tests.key_costs import QUICK_PASSPHRASE_COST_VALUES


def _die() -> None:
    sys.stdout.flush()
    os.kill(os.getpid(), signal.SIGKILL)


def main() -> None:
    folder, kill_after = Path(sys.argv[1]), sys.argv[2]
    kdf.PASSPHRASE_COST = kdf.Argon2idCost(*QUICK_PASSPHRASE_COST_VALUES)
    save_key_file = keys.KeyFile.save
    drop_journal = rekey._drop_journal

    def saving(key_file: keys.KeyFile, into: Path, name: str = keys.KEY_FILE_NAME) -> None:
        save_key_file(key_file, into, name)
        if kill_after == "key-file" and name == keys.KEY_FILE_NAME:
            _die()

    def dropping(folder: Path) -> None:
        drop_journal(folder)
        if kill_after == "journal":
            _die()

    keys.KeyFile.save = saving  # type: ignore[method-assign, assignment]
    rekey._drop_journal = dropping

    from companion.cli.main import main as companion

    sys.exit(companion(["passphrase", "--data-dir", str(folder), "--rekey"]))


if __name__ == "__main__":
    main()
