"""The arguments of ``companion import`` and ``import-undo`` (loaded at start-up)."""

from __future__ import annotations

import argparse
from pathlib import Path

ORDERS = ("mdy", "dmy", "ymd")


def add_arguments(commands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    command = commands.add_parser("import", help="import people and hearings from CSV or .xlsx")
    command.add_argument("--data-dir", type=Path, dest="sub_data_dir")
    command.add_argument("file", type=Path)
    command.add_argument("--mapping", default=None, help="a saved mapping's name, or a .json")
    command.add_argument("--save-mapping", default=None, help="save the mapping under a name")
    command.add_argument("--sheet", default=None)
    command.add_argument("--date-order", choices=ORDERS, default=None)
    command.add_argument("--skip-bad-rows", action="store_true")
    command.add_argument("--dry-run", action="store_true")
    command.add_argument("--json", action="store_true")
    undo = commands.add_parser("import-undo", help="undo the last import")
    undo.add_argument("--data-dir", type=Path, dest="sub_data_dir")
    undo.add_argument("--yes", action="store_true")
