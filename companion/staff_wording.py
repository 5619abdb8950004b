"""Fixed text of the sheets printed for staff and for employers, marked for translation.

The court-day sheet (for the advocate, in the staff member's language) and the letter to
the employer (in English) are not printed for the witness, so their words are kept here,
outside ``companion/packets/``: the back-translation review covers what the witness reads.
"""

from __future__ import annotations

from companion.i18n.catalog import N_

# The court-day sheet.
COURT_DAY_TITLE = N_("Court day: {date}")
NO_HEARINGS = N_("No hearings with people on this day.")
COLUMN_TIME = N_("Time")
COLUMN_NAME = N_("Name")
COLUMN_LANGUAGE = N_("Language")
COLUMN_INTERPRETER = N_("Interpreter")
COLUMN_NEEDS = N_("Needs")
COLUMN_PHONE = N_("Phone")
YES = N_("Yes")
NO = N_("No")
COURTROOM = N_("Courtroom {room}")
BOLD_TESTIFY = N_("Names in bold are expected to testify.")
NEED_INTERPRETER = N_("Interpreter: {language}")
#: A need already arranged (transport booked, a separate waiting area agreed).
NEED_ARRANGED = N_("{need} (arranged)")

# The letter to the employer.
EMPLOYER_TITLE = N_("Time off work to attend court")
EMPLOYER_GREETING = N_("To the employer:")
REQUIRED_TO_ATTEND = N_(
    "{name} is required to attend court as a witness on {date} at {time}, at {place}."
)
ASKED_TO_ATTEND = N_("{name} is asked to attend court on {date} at {time}, at {place}.")
PLEASE_ALLOW = N_("Please give them the time off they need to attend.")
QUESTIONS_PHONE = N_("For questions, call {office} at {phone}.")
QUESTIONS = N_("For questions, contact {office}.")
#: Item 22 of the guidance facts ("Say"), addressed to the employer.
LAW_PROTECTS_WITNESS = N_(
    "In {state}, {law} says an employer may not punish an employee for going to court "
    "as a subpoenaed witness."
)
LAW_PROTECTS_VICTIM = N_(
    "In {state}, {law} says an employer may not punish an employee for going to court "
    "as a crime victim."
)
