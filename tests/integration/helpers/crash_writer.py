"""Child process for the crash-safety test: write people forever, acknowledging each.

Prints ``ready`` once the store is open, then one committed person id per line. The
parent kills it with SIGKILL at a random moment.
"""

from __future__ import annotations

import sys
from pathlib import Path

from companion.domain.models import Person
from companion.store import kdf
from companion.store.store import Store
from tests.key_costs import QUICK_PASSPHRASE_COST_VALUES


def main() -> None:
    folder, passphrase = Path(sys.argv[1]), sys.argv[2]
    # The parent made the store with the tests' light key derivation; this child is started
    # 50 times and measures crash safety, not unlocking: it derives the same way.
    kdf.PASSPHRASE_COST = kdf.Argon2idCost(*QUICK_PASSPHRASE_COST_VALUES)
    store = Store.open(folder, passphrase)
    print("ready", flush=True)
    number = 0
    while True:
        number += 1
        person = store.people.add(
            Person("Crash", f"Test{number}", native_name="测试", language="zh-Hans")
        )
        # Only after add() returned is the write committed, and only then acknowledged.
        print(person.id, flush=True)


if __name__ == "__main__":
    main()
