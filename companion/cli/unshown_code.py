"""Giving a recovery code a killed re-key never showed, at the next command that unlocks.

What ``Store.unshown_recovery_code`` holds is the only recovery code the office now has:
it is printed on standard error (standard output belongs to the command's own result),
and the store is told it was shown only once the line is out.
"""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

from companion.i18n.catalog import translator

if TYPE_CHECKING:
    from companion.store.store import Store


def tell_unshown_code(store: Store) -> None:
    """Print the store's unshown recovery code, if it has one, and mark it shown."""
    code = store.unshown_recovery_code
    if code is None or sys.stderr is None:  # no standard error: kept for the next unlock
        return
    t = translator("en")
    print(
        t.gettext(
            "New recovery code: {code}. The passphrase was changed with a new key, but this "
            "code was never shown. It replaces the old recovery code, which no longer works. "
            "Write it down now and keep it somewhere safe: it is not shown again."
        ).format(code=code),
        file=sys.stderr,
    )
    sys.stderr.flush()
    store.recovery_code_shown()
