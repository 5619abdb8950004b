"""Laws that protect a person's job when they go to court, for the employer letter.

Only item 22 of the project's guidance facts (verified per state) is used, in the words
that item allows: "In [state], [law] says your employer may not punish you for going to
court as [a subpoenaed witness / a crime victim]." Written for the employer, "your
employer ... you" becomes "an employer ... an employee".

A law is cited only where it covers the person's role in general. Nothing is cited for
Illinois, New Jersey and Washington (their laws cover only some victims, by crime, and
give other witnesses no protection), for California and Colorado (only partly verified),
or for any other state. No letter ever says that the employer must pay.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass

from companion.domain.models import Role
from companion.staff_wording import LAW_PROTECTS_VICTIM, LAW_PROTECTS_WITNESS


class CourtRole(enum.StrEnum):
    WITNESS = "witness"
    VICTIM = "victim"


@dataclass(frozen=True)
class JobLaw:
    state: str  # the state's name, as printed
    law: str  # the law's citation, as printed (never translated)


_LAWS: dict[tuple[str, CourtRole], JobLaw] = {
    ("US-NY", CourtRole.WITNESS): JobLaw("New York", "Penal Law §215.14"),
    ("US-NY", CourtRole.VICTIM): JobLaw("New York", "Penal Law §215.14"),
    ("US-CT", CourtRole.WITNESS): JobLaw("Connecticut", "C.G.S. §54-85b"),
    ("US-CT", CourtRole.VICTIM): JobLaw("Connecticut", "C.G.S. §54-85b"),
    ("US-OR", CourtRole.WITNESS): JobLaw("Oregon", "ORS 659A.230"),
    ("US-OR", CourtRole.VICTIM): JobLaw("Oregon", "ORS 659A.190–.198"),
}

#: The sentence for each role (item 22's "Say", addressed to the employer).
LAW_SENTENCE: dict[CourtRole, str] = {
    CourtRole.WITNESS: LAW_PROTECTS_WITNESS,
    CourtRole.VICTIM: LAW_PROTECTS_VICTIM,
}


def court_role(role: Role) -> CourtRole:
    """A victim who is also a witness is protected as a victim where the law differs."""
    return CourtRole.WITNESS if role is Role.WITNESS else CourtRole.VICTIM


def job_law(jurisdiction: str, role: Role) -> JobLaw | None:
    """The law to cite for a courthouse in ``jurisdiction`` (e.g. "US-NY"), or None."""
    return _LAWS.get((jurisdiction.strip().upper(), court_role(role)))
