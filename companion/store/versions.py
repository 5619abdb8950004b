"""Stale edits: an editor saves what it read at one ``row_version``; if the record has
changed since, the save is refused and the newer values are kept.

The refusal says which fields differ between the edit and what is stored now, with both
values, so the person can look at the newer record and make their change again.
"""

from __future__ import annotations

import dataclasses
from typing import Any

from companion.errors import FieldConflict, StaleEditError

#: Fields an editor does not set: identity, bookkeeping, and what the store derives.
_NOT_EDITED = frozenset(
    {"id", "uid", "row_version", "deleted_at", "calendar_uid", "sequence", "continued_from_id"}
)


def _comparable(name: str, value: Any) -> Any:
    if name == "contacts":  # the contacts as typed, whatever their row ids
        return [dataclasses.replace(contact, id=None, uid="") for contact in value]
    if name == "person_ids":
        return sorted(dict.fromkeys(value))
    return value


def conflicts(stored: Any, edited: Any) -> list[FieldConflict]:
    """The fields (in the record's own order) where ``edited`` differs from ``stored``."""
    found = []
    for field in dataclasses.fields(stored):
        if field.name in _NOT_EDITED:
            continue
        theirs = _comparable(field.name, getattr(stored, field.name))
        yours = _comparable(field.name, getattr(edited, field.name))
        if yours != theirs:
            found.append(FieldConflict(field.name, yours, theirs))
    return found


def edit_is_current(kind: str, record_id: int, stored: Any, edited: Any) -> bool:
    """Whether ``edited`` may be written over ``stored``.

    True when the editor read the stored version. False when it read an older one but
    its values are the stored ones anyway (nothing to write). Otherwise the edit is
    stale and ``StaleEditError`` names the fields that differ.
    """
    read_version, current_version = edited.row_version, stored.row_version
    if read_version == current_version:
        return True
    found = conflicts(stored, edited)
    if not found:
        return False
    raise StaleEditError(kind, record_id, read_version, current_version, found)
