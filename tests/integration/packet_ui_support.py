"""Helpers for the packet and docket dialog tests."""

from __future__ import annotations

import io
import unicodedata
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtWidgets import QApplication, QFileDialog

from companion.domain.models import HearingStatus
from companion.store.store import Store


def pdf_text(data: bytes) -> str:
    """The PDF's text, NFKC-normalised, with runs of white space made single spaces."""
    reader = PdfReader(io.BytesIO(data))
    text = "\n".join(
        unicodedata.normalize("NFKC", page.extract_text() or "") for page in reader.pages
    )
    return " ".join(text.split())


def phrase(text: str) -> str:
    return " ".join(unicodedata.normalize("NFKC", text).split())


def pdf_page_count(data: bytes) -> int:
    return len(PdfReader(io.BytesIO(data)).pages)


def hearing_of(store: Store, given_name: str) -> tuple[int, int]:
    """(hearing id, person id) of the demo person's next scheduled hearing."""
    person = next(p for p in store.people.list() if p.given_name == given_name)
    hearing = next(
        h for h in store.hearings.for_person(person.id) if h.status is HearingStatus.SCHEDULED
    )
    assert hearing.id is not None
    return hearing.id, person.id


def answer_save_dialog(monkeypatch: pytest.MonkeyPatch, path: Path) -> list[tuple]:
    """Make every save-file dialog answer ``path``; returns the calls it received."""
    calls: list[tuple] = []

    def fake(*args: object, **kwargs: object) -> tuple[str, str]:
        calls.append(args)
        return str(path), ""

    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(fake))
    return calls


def open_windows(kind: type) -> list:
    return [
        widget
        for widget in QApplication.topLevelWidgets()
        if isinstance(widget, kind) and widget.isVisible()
    ]
