"""The content hash that ties a translation to the English text it was made from."""

from __future__ import annotations

import hashlib
import unicodedata


def normalise_body(body: str) -> str:
    """The body as hashed: NFC, LF line ends, no trailing spaces, no blank lines at the ends.

    Edits that change nothing a reader sees (re-saving with CRLF, trailing spaces) do not
    make translations stale; any change to words, order or markup does.
    """
    text = unicodedata.normalize("NFC", body.replace("\r\n", "\n").replace("\r", "\n"))
    lines = [line.rstrip() for line in text.split("\n")]
    return "\n".join(lines).strip("\n")


def content_hash(english_body: str) -> str:
    """SHA-256 (hex) of the normalised English body."""
    return hashlib.sha256(normalise_body(english_body).encode("utf-8")).hexdigest()
