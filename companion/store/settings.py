"""Settings kept inside the encrypted store (anything that may name the office or people)."""

from __future__ import annotations

import json
from typing import Any

from companion.store.base import Repository

DEMO_FLAG = "demo_office"


class SettingsRepository(Repository):
    def get(self, key: str, default: Any = None) -> Any:
        value = self.scalar("SELECT value FROM settings WHERE key = ?", [key])
        return default if value is None else json.loads(value)

    def set(self, key: str, value: Any) -> None:
        with self.writing():
            self.db.execute(
                "INSERT INTO settings (key, value) VALUES (?, ?) "
                "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                [key, json.dumps(value, ensure_ascii=False)],
            )

    @property
    def is_demo(self) -> bool:
        return bool(self.get(DEMO_FLAG, False))
