"""Fixed packet lists, marked for translation here and translated where printed.

These are practical reminders, not legal statements.
"""

from __future__ import annotations

from companion.i18n.catalog import N_

WHAT_TO_BRING: tuple[str, ...] = (
    N_("A photo ID, if you have one."),
    N_("This packet, and any letter you received about this case."),
    N_("Your glasses, and any medicine you need during the day."),
    N_("Money or a card for the bus or for parking."),
    N_("Something to read. You may have to wait a long time."),
)

WHAT_NOT_TO_BRING: tuple[str, ...] = (
    N_("Knives, scissors, pepper spray or anything sharp. Security screening will stop them."),
    N_("Anything that looks like a weapon, even a toy."),
    N_("Some courthouses do not allow phones or cameras. Ask your advocate before the day."),
)

CHECKLIST: tuple[str, ...] = (
    N_("I know the date, the time and the address of the courthouse."),
    N_("I know when to leave home so that I arrive early."),
    N_("I told my advocate if I need an interpreter."),
    N_("I told my advocate if I cannot come, or if I am afraid to come."),
    N_("I arranged care for my children, if I need to."),
    N_("I saved my advocate's phone number."),
)
