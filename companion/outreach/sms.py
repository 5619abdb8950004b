"""How long a text message is, and in how many SMS segments it travels.

A message that uses only the GSM 03.38 default alphabet is sent in GSM-7: 160 septets in
one segment, 153 per segment once it is split (the rest carries the joining header). A
character of the extension table (``{ } [ ] ~ \\ | ^ €`` and form feed) takes two septets,
and is never split from its escape. Any other character makes the whole message UCS-2:
70 code units in one segment, 67 per segment when split; a character outside the Basic
Multilingual Plane takes two units (a surrogate pair), never split across segments.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass

_GSM7_BASIC = frozenset(
    "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
    "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà"
)
_GSM7_EXTENSION = frozenset("\f^{}\\[~]|€")


class SmsEncoding(enum.StrEnum):
    GSM7 = "gsm7"
    UCS2 = "ucs2"


@dataclass(frozen=True)
class SmsSize:
    encoding: SmsEncoding
    #: Characters as a person counts them (code points).
    characters: int
    #: Septets (GSM-7) or 16-bit code units (UCS-2).
    units: int
    segments: int


def _segments(unit_sizes: list[int], single: int, per_part: int) -> int:
    total = sum(unit_sizes)
    if total == 0:
        return 0
    if total <= single:
        return 1
    segments, used = 1, 0
    for size in unit_sizes:  # a character is never split across two segments
        if used + size > per_part:
            segments += 1
            used = 0
        used += size
    return segments


def sms_size(text: str) -> SmsSize:
    if all(ch in _GSM7_BASIC or ch in _GSM7_EXTENSION for ch in text):
        sizes = [2 if ch in _GSM7_EXTENSION else 1 for ch in text]
        return SmsSize(SmsEncoding.GSM7, len(text), sum(sizes), _segments(sizes, 160, 153))
    sizes = [2 if ord(ch) > 0xFFFF else 1 for ch in text]
    return SmsSize(SmsEncoding.UCS2, len(text), sum(sizes), _segments(sizes, 70, 67))
