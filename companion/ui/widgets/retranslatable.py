"""The one convention every window, dialog and view follows for live language switching.

A widget builds its child widgets once, in ``__init__``, and sets every visible text in
``retranslate()``: once at the end of ``__init__`` and again whenever the interface
language changes. A window's ``retranslate()`` passes the call on to the views it holds.
"""

from __future__ import annotations

from typing import Protocol, runtime_checkable


@runtime_checkable
class Retranslatable(Protocol):
    def retranslate(self) -> None:
        """Set every visible text from the current interface language."""
