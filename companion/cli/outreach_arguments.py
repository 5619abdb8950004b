"""The arguments of ``companion calls``, ``contact``, ``script`` and ``report`` (kept apart
from the commands so that building the parser loads nothing more)."""

from __future__ import annotations

import argparse
from pathlib import Path

from companion.outreach.model import ContactChannel, ContactOutcome, WordsKind


def add_arguments(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    calls = commands.add_parser("calls", help="who is due for a call on a day")
    calls.add_argument("--data-dir", type=Path, dest="sub_data_dir")
    calls.add_argument("--on", default=None, help="the day, YYYY-MM-DD (default: today)")
    calls.add_argument("--json", action="store_true", help="print JSON")

    contact = commands.add_parser("contact", help="log a call, text, letter or visit")
    contact.add_argument("--data-dir", type=Path, dest="sub_data_dir")
    contact.add_argument("--person", type=int, required=True)
    contact.add_argument("--hearing", type=int, required=True)
    contact.add_argument(
        "--outcome", required=True, help=" | ".join(o.value for o in ContactOutcome)
    )
    contact.add_argument(
        "--method",
        default=ContactChannel.PHONE.value,
        help=" | ".join(c.value for c in ContactChannel),
    )
    contact.add_argument("--note", default="")

    script = commands.add_parser("script", help="words to say, leave or send")
    script.add_argument("--data-dir", type=Path, dest="sub_data_dir")
    script.add_argument("--person", type=int, required=True)
    script.add_argument("--hearing", type=int, required=True)
    script.add_argument("--kind", required=True, help=" | ".join(k.value for k in WordsKind))
    script.add_argument("--lang", default=None, help="language tag (default: the person's)")

    report = commands.add_parser("report", help="the office's attendance record for a period")
    report.add_argument("--data-dir", type=Path, dest="sub_data_dir")
    report.add_argument("--from", dest="start", required=True, help="first day, YYYY-MM-DD")
    report.add_argument("--to", dest="end", required=True, help="last day, YYYY-MM-DD")
    report.add_argument("--json", action="store_true", help="print JSON")
