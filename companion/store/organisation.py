"""Reading and saving the organisation settings (kept encrypted, like everything else)."""

from __future__ import annotations

import json
from typing import Any

from companion.domain.organisation import (
    AdvocateContact,
    Hotline,
    LocalNote,
    Organisation,
    validate_organisation,
)
from companion.store.base import Repository

ORGANISATION_SETTING = "organisation"


def organisation_to_json(organisation: Organisation) -> dict[str, Any]:
    return {
        "name": organisation.name,
        "address": organisation.address,
        "advocates": [{"name": a.name, "phone": a.phone} for a in organisation.advocates],
        "hotlines": [
            {"name": h.name, "phone": h.phone, "note": h.note} for h in organisation.hotlines
        ],
        "arrive_minutes_before": organisation.arrive_minutes_before,
        "paper": organisation.paper,
        "local_notes": [
            {"topic_id": note.topic_id, "texts": dict(note.texts)}
            for note in organisation.local_notes
        ],
    }


def organisation_from_json(data: dict[str, Any]) -> Organisation:
    defaults = Organisation()
    return Organisation(
        name=str(data.get("name", "")),
        address=str(data.get("address", "")),
        advocates=[
            AdvocateContact(str(a["name"]), str(a.get("phone", "")))
            for a in data.get("advocates", [])
        ],
        hotlines=[
            Hotline(str(h["name"]), str(h["phone"]), str(h.get("note", "")))
            for h in data.get("hotlines", [])
        ],
        arrive_minutes_before=int(
            data.get("arrive_minutes_before", defaults.arrive_minutes_before)
        ),
        paper=str(data.get("paper", defaults.paper)),
        local_notes=[
            LocalNote(str(n["topic_id"]), {str(k): str(v) for k, v in n.get("texts", {}).items()})
            for n in data.get("local_notes", [])
        ],
    )


class OrganisationRepository(Repository):
    def get(self) -> Organisation:
        raw = self.scalar("SELECT value FROM settings WHERE key = ?", [ORGANISATION_SETTING])
        return organisation_from_json(json.loads(raw)) if raw else Organisation()

    def save(self, organisation: Organisation) -> Organisation:
        validate_organisation(organisation)
        with self.writing():
            self.db.execute(
                "INSERT INTO settings (key, value) VALUES (?, ?) "
                "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                [
                    ORGANISATION_SETTING,
                    json.dumps(organisation_to_json(organisation), ensure_ascii=False),
                ],
            )
        return organisation
