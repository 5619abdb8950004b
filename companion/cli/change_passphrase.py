"""``companion passphrase``: a new passphrase, and with ``--rekey`` a new key and recovery code.

The new recovery code is the only thing printed on standard output, once, so a script can
hand it straight to whoever keeps it; what the change means is said on standard error.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from companion.cli.passphrase import read_new_passphrase, read_passphrase
from companion.i18n.catalog import translator
from companion.store.passphrase_policy import check_new_passphrase
from companion.store.preflight import check_store_files


def add_arguments(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    command = commands.add_parser(
        "passphrase",
        help="change the passphrase (COMPANION_PASSPHRASE, then COMPANION_NEW_PASSPHRASE)",
    )
    command.add_argument("--data-dir", type=Path, dest="sub_data_dir")
    command.add_argument(
        "--rekey",
        action="store_true",
        help="someone may have seen the passphrase or the recovery code: also replace the "
        "database key and the recovery code (the new code is printed once)",
    )


def command_passphrase(folder: Path, rekey: bool) -> int:
    from companion.cli.unshown_code import tell_unshown_code
    from companion.store.store import Store

    t = translator("en")
    check_store_files(folder)
    current = read_passphrase(t.gettext("Current passphrase: "))
    store = Store.open(folder, current)
    try:
        tell_unshown_code(store)
        new = read_new_passphrase(
            t.gettext("New passphrase: "), t.gettext("New passphrase again: ")
        )
        check_new_passphrase(new)
        code = store.change_passphrase(current, new, rekey=rekey)
        if code is not None:
            # Until the code is out, the store keeps it sealed: a kill before this line
            # has it offered again at the next unlock.
            print(code)
            sys.stdout.flush()
            store.recovery_code_shown()
    finally:
        store.close()
    if code is None:
        print(
            t.gettext(
                "Passphrase changed. Backups made before still open only with the passphrase "
                "that was in use when each was made."
            )
        )
        return 0
    print(
        t.gettext(
            "Passphrase changed, store re-encrypted under a new key. The line above is the new "
            "recovery code: it is shown only this once, and the old one no longer works. "
            "Backups made before still open only with the passphrase (or recovery code) that "
            "was in use when each was made."
        ),
        file=sys.stderr,
    )
    return 0
