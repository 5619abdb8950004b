"""Child process for the restore fault-injection test: restore a backup and die at a step.

``restore_killer FOLDER BACKUP PASSPHRASE STEP`` runs a restore and sends itself SIGKILL
right after the swap step named STEP. With STEP ``none`` it lets the restore finish and
prints the name of every step it went through, one per line.
"""

from __future__ import annotations

import os
import signal
import sys
from pathlib import Path

from companion.store import restore_swap
from companion.store.restore import restore


def main() -> None:
    folder, backup, passphrase, kill_at = Path(sys.argv[1]), Path(sys.argv[2]), *sys.argv[3:5]
    seen: list[str] = []

    def at_step(name: str) -> None:
        seen.append(name)
        if name == kill_at:
            os.kill(os.getpid(), signal.SIGKILL)

    restore_swap.step_hook = at_step
    restore(folder, backup, passphrase).store.close()
    print("\n".join(seen), flush=True)


if __name__ == "__main__":
    main()
