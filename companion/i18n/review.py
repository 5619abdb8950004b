"""Whether a qualified translator has checked a catalog.

Each catalog's header carries one field::

    X-Review-Status: source                          (English, the source language)
    X-Review-Status: draft                           (not yet checked)
    X-Review-Status: reviewed; by Ana Pérez; 2027-03-01

The field is kept in the compiled ``.mo`` too (see ``catalog_files``), so the
running app reads it from the catalog it actually uses.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Literal, cast

from companion.i18n.catalog import N_, Translator, translator
from companion.i18n.formatting import format_date

REVIEW_HEADER = "X-Review-Status"
ReviewState = Literal["source", "draft", "reviewed"]
_STATES: tuple[ReviewState, ...] = ("source", "draft", "reviewed")


@dataclass(frozen=True)
class ReviewStatus:
    state: ReviewState
    reviewer: str = ""
    date: dt.date | None = None

    def __post_init__(self) -> None:
        if self.state not in _STATES:
            raise ValueError(f"unknown review state {self.state!r}")
        if self.state == "reviewed" and (not self.reviewer.strip() or self.date is None):
            raise ValueError("a reviewed catalog needs the reviewer's name and the date")
        if self.state != "reviewed" and (self.reviewer or self.date is not None):
            raise ValueError(f"a {self.state} catalog has no reviewer")
        if ";" in self.reviewer:
            raise ValueError("the reviewer's name cannot contain ';'")

    @property
    def is_draft(self) -> bool:
        return self.state == "draft"

    def header_value(self) -> str:
        """The value for the ``X-Review-Status`` header field."""
        if self.state == "reviewed" and self.date is not None:
            return f"reviewed; by {self.reviewer.strip()}; {self.date.isoformat()}"
        return self.state

    @classmethod
    def parse(cls, value: str) -> ReviewStatus:
        """Read a header value; ``ValueError`` when it is not one we write."""
        parts = [part.strip() for part in value.strip().split(";")]
        state = parts[0]
        if state not in _STATES:
            raise ValueError(f"unknown review state {state!r} in {value!r}")
        if state != "reviewed":
            if len(parts) != 1:
                raise ValueError(f"unexpected details in {value!r}")
            return cls(cast(ReviewState, state))
        if len(parts) != 3 or not parts[1].startswith("by "):
            raise ValueError(f"expected 'reviewed; by <name>; <YYYY-MM-DD>', got {value!r}")
        reviewer = parts[1].removeprefix("by ").strip()
        return cls("reviewed", reviewer, dt.date.fromisoformat(parts[2]))


def review_status(tag: str) -> ReviewStatus:
    """The review status of the catalog the app uses for ``tag``.

    A catalog without the header field counts as ``draft``: nobody has said it
    was checked.
    """
    value = translator(tag).header(REVIEW_HEADER)
    if value is None:
        return ReviewStatus("draft")
    return ReviewStatus.parse(value)


DRAFT_NOTE = N_("Draft translation")
REVIEWED_NOTE = N_("Reviewed by {reviewer} on {date}")


def review_note(status: ReviewStatus, shown_in: Translator) -> str:
    """A short note on ``status`` in the language of ``shown_in`` ("" for the source).

    For the language menu and the About dialog, e.g. "Draft translation".
    """
    if status.state == "draft":
        return shown_in.gettext(DRAFT_NOTE)
    if status.state == "reviewed" and status.date is not None:
        return shown_in.gettext(REVIEWED_NOTE).format(
            reviewer=status.reviewer,
            date=format_date(status.date, shown_in.language.tag, "long"),
        )
    return ""
