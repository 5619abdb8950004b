"""What the scripted session (``network_session``) types into the store, for the log test
to look for afterwards. Plain data: importing it installs no audit hook."""

from __future__ import annotations

PASSPHRASE = "plum orchard lantern 42"

#: Unusual on purpose: if any of these reaches a log file, it came from the session.
SEEDED_NAMES = (
    "Xochiquetzalli",
    "Brandvold-Umeoka",
    "Zephyrine",
    "Quillfeather",
    "Ottoline",
    "Quaresma-Vukovic",
    "Thaddeusina",
    "Marchbanks-Oyelaran",
    "زمردة",
    "龔霓裳",
    "Евлампия",
)

#: Fictional numbers (555-01xx) as typed; the store keeps them as E.164.
SEEDED_PHONES = ("+1 312-555-0161", "+1 917-555-0187", "+1 646-555-0139")

SEEDED_NOTE = "Kestrelwood safehouse"


#: Every way a seeded number could be written: as typed, E.164, digits, local parts.
def phone_forms(number: str) -> set[str]:
    digits = "".join(ch for ch in number if ch.isdigit())
    local = digits[-10:]
    return {
        number,
        "+" + digits,
        digits,
        local,
        f"{local[:3]}-{local[3:6]}-{local[6:]}",
        f"({local[:3]}) {local[3:6]}-{local[6:]}",
        f"{local[3:6]}-{local[6:]}",
        local[3:],
    }
