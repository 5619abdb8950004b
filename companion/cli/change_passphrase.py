"""``companion passphrase``: a new passphrase, and with ``--rekey`` a new key and recovery code.

The new recovery code is the only thing printed on standard output, once, so a script can
hand it straight to whoever keeps it; what the change means is said on standard error.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from companion.cli.passphrase import read_new_passphrase, read_passphrase
from companion.cli.results import reason_of, say_on_stderr
from companion.i18n.catalog import translator
from companion.store.passphrase_policy import check_new_passphrase
from companion.store.preflight import check_store_files

#: The work was done but its result could not be shown (as every CLI user error).
EXIT_NOT_SHOWN = 2


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
    from companion.cli.results import show
    from companion.cli.unshown_code import tell_unshown_code
    from companion.store.store import Store

    t = translator("en")
    check_store_files(folder)
    current = read_passphrase(t.gettext("Current passphrase: "))
    store = Store.open(folder, current)
    not_shown: str | None = None
    try:
        tell_unshown_code(store)
        new = read_new_passphrase(
            t.gettext("New passphrase: "), t.gettext("New passphrase again: ")
        )
        check_new_passphrase(new)
        code = store.change_passphrase(current, new, rekey=rekey)
        if code is not None:
            # Until the code is out, the store keeps it sealed: a kill before it is out,
            # or an output that cannot take it, has it offered again at the next unlock.
            not_shown = _print_code(code)
            if not_shown is None:
                store.recovery_code_shown()
    finally:
        store.close()
    if code is None:
        show(
            t.gettext(
                "Passphrase changed. Backups made before still open only with the passphrase "
                "that was in use when each was made."
            )
        )
        return 0
    if not_shown is not None:
        message = t.gettext(
            "The passphrase was changed and the store re-encrypted, but the new recovery "
            "code could not be shown: {reason}. It is shown at the next unlock."
        ).format(reason=not_shown)
        say_on_stderr(t.gettext("companion: {message}").format(message=message))
        return EXIT_NOT_SHOWN
    say_on_stderr(
        t.gettext(
            "Passphrase changed, store re-encrypted under a new key. The line above is the new "
            "recovery code: it is shown only this once, and the old one no longer works. "
            "Backups made before still open only with the passphrase (or recovery code) that "
            "was in use when each was made."
        )
    )
    return 0


def _print_code(code: str) -> str | None:
    """Print the new recovery code alone on standard output; why it could not be, or None
    once it is out."""
    if sys.stdout is None:
        return translator("en").gettext("standard output is closed")
    try:
        print(code)
        sys.stdout.flush()
    except (OSError, ValueError) as error:
        return reason_of(error)
    return None
