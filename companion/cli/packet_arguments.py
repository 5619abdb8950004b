"""The arguments of ``companion packet``, ``packets`` and ``ics``.

Kept apart from the commands (``companion.cli.packets``) so that building the parser, which
every start of the app does, does not load the packet engine.
"""

from __future__ import annotations

import argparse

from companion.i18n.catalog import translator
from companion.packets.paper import PaperSize

_STRICT_HELP = "save nothing (exit 2) if a character has no font, instead of warning"


#: SQLite's largest row number: a bigger "record number" cannot name any record.
LARGEST_RECORD_NUMBER = 2**63 - 1


def record_number(text: str) -> int:
    """A record number as typed: a whole number from 1 to SQLite's largest row number."""
    try:
        number = int(text)
    except ValueError:
        number = 0
    if not 1 <= number <= LARGEST_RECORD_NUMBER:
        message = translator("en").gettext("{value} is not a record number.")
        raise argparse.ArgumentTypeError(message.format(value=text[:40]))
    return number


def add_arguments(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    packet = commands.add_parser("packet", help="save the hearing packet(s) of one hearing")
    packet.add_argument("--data-dir", type=str, dest="sub_data_dir")
    packet.add_argument("--hearing", type=record_number, required=True)
    packet.add_argument(
        "--person", type=record_number, default=None, help="only this person's packet"
    )
    packet.add_argument("--lang", default=None, help="language tag (default: each person's)")
    packet.add_argument("--second-lang", default=None, help="second language, side by side")
    packet.add_argument("--large-print", action="store_true")
    packet.add_argument("--duplex", action="store_true")
    packet.add_argument("--paper", choices=[size.value for size in PaperSize], default=None)
    packet.add_argument("-o", "--output", required=True)
    packet.add_argument("--strict", action="store_true", help=_STRICT_HELP)

    packets = commands.add_parser("packets", help="one PDF with every packet in a date range")
    packets.add_argument("--data-dir", type=str, dest="sub_data_dir")
    packets.add_argument("--from", dest="start", required=True, help="first day, YYYY-MM-DD")
    packets.add_argument("--to", dest="end", required=True, help="last day, YYYY-MM-DD")
    packets.add_argument("--courthouse", type=record_number, default=None)
    packets.add_argument("--duplex", action="store_true")
    packets.add_argument("--paper", choices=[size.value for size in PaperSize], default=None)
    packets.add_argument("-o", "--output", required=True)
    packets.add_argument("--strict", action="store_true", help=_STRICT_HELP)

    ics = commands.add_parser("ics", help="save a hearing as a calendar (.ics) file")
    ics.add_argument("--data-dir", type=str, dest="sub_data_dir")
    ics.add_argument("--hearing", type=record_number, required=True)
    ics.add_argument("--lang", default=None, help="language of the event text")
    ics.add_argument("-o", "--output", required=True)
