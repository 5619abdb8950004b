"""SMS sizes, counted by hand from the GSM 03.38 and UCS-2 rules."""

from __future__ import annotations

import pytest

from companion.outreach.sms import SmsEncoding, sms_size


@pytest.mark.parametrize(
    ("text", "units", "segments"),
    [
        ("", 0, 0),
        ("Hello", 5, 1),
        ("a" * 160, 160, 1),
        ("a" * 161, 161, 2),
        ("a" * 306, 306, 2),  # 2 x 153
        ("a" * 307, 307, 3),
        ("€" * 80, 160, 1),  # the extension table counts double
        ("€" * 81, 162, 2),
        ("[x]" * 10, 50, 1),
        # 152 septets, then an escape pair that does not fit in the 153 of part one.
        ("a" * 152 + "{" + "a" * 10, 164, 2),
        ("Ça coute 5 £ à Zürich", 21, 1),  # Ç, £, à and ü are in the basic alphabet
    ],
)
def test_gsm7(text: str, units: int, segments: int) -> None:
    size = sms_size(text)
    assert size.encoding is SmsEncoding.GSM7
    assert (size.units, size.segments) == (units, segments)


@pytest.mark.parametrize(
    ("text", "characters", "units", "segments"),
    [
        ("д" * 70, 70, 70, 1),
        ("д" * 71, 71, 71, 2),
        ("д" * 134, 134, 134, 2),  # 2 x 67
        ("д" * 135, 135, 135, 3),
        ("a" * 69 + "ê", 70, 70, 1),  # ê is not in GSM-7: the whole message is UCS-2
        ("日" * 100, 100, 100, 2),
        ("😀" * 35, 35, 70, 1),  # each emoji is a surrogate pair
        ("😀" * 36, 36, 72, 2),  # 33 pairs fit in 67 units; never split a pair
        ("😀" * 67, 67, 134, 3),
    ],
)
def test_ucs2(text: str, characters: int, units: int, segments: int) -> None:
    size = sms_size(text)
    assert size.encoding is SmsEncoding.UCS2
    assert (size.characters, size.units, size.segments) == (characters, units, segments)
