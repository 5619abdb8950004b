"""Moved and cancelled hearings: the notices, their calendar files and what the CLI says.

The demo office has one hearing continued to a later date (Wei Demo-Chen's) and one
cancelled (Jean Demo-Baptiste's).
"""

from __future__ import annotations

import datetime as dt
import io
import unicodedata
from pathlib import Path

import icalendar
import pypdf
import pytest

from companion.cli.main import main
from companion.domain.models import HearingStatus
from companion.i18n import translator
from companion.i18n.formatting import format_date, format_time
from companion.packets.calendar import event_for_packet, ics_bytes
from companion.packets.content import PacketKind
from companion.packets.from_store import PacketChoice, docket_packets, packets_for_hearing
from companion.packets.renderer import render_docket, render_packet
from companion.store.store import Store

NOW = dt.datetime(2026, 12, 1, 12, 0, tzinfo=dt.UTC)


def _pages(pdf: bytes) -> list[str]:
    reader = pypdf.PdfReader(io.BytesIO(pdf))
    return [unicodedata.normalize("NFKC", page.extract_text() or "") for page in reader.pages]


def _squash(text: str) -> str:
    return "".join(unicodedata.normalize("NFKC", text).split())


def _hearing_with_status(store: Store, status: HearingStatus) -> int:
    ids = [
        int(row[0])
        for row in store.db.execute(
            "SELECT id FROM hearings WHERE status = ? AND deleted_at IS NULL ORDER BY id",
            [status.value],
        ).fetchall()
    ]
    assert ids, status
    return ids[0]


def test_a_continued_hearing_gives_the_packet_of_its_new_date(demo_store: Store) -> None:
    old_id = _hearing_with_status(demo_store, HearingStatus.CONTINUED)
    old = demo_store.hearings.get(old_id)
    new = demo_store.hearings.current(old_id)
    assert new.id != old_id and new.continued_from_id == old_id
    [content] = packets_for_hearing(demo_store, old_id, PacketChoice(language="en"))
    assert content.hearing_id == new.id
    assert content.kind is PacketKind.CHANGE_NOTICE
    assert content.starts_at == new.starts_at
    assert content.earlier_starts == (old.starts_at,)

    first = _squash(_pages(render_packet(content, now=NOW))[0])
    assert _squash("Your court date has CHANGED") in first
    assert _squash(format_date(old.starts_at, "en", "full")) in first
    assert _squash(format_date(new.starts_at, "en", "full")) in first
    # The old date comes first (struck through), the new date after it.
    assert first.index(_squash(format_date(old.starts_at, "en", "full"))) < first.index(
        _squash(format_date(new.starts_at, "en", "full"))
    )


def test_a_cancelled_hearing_is_a_one_page_notice_without_arrival_or_calendar_code(
    demo_store: Store,
) -> None:
    hearing_id = _hearing_with_status(demo_store, HearingStatus.CANCELLED)
    hearing = demo_store.hearings.get(hearing_id)
    for language in ("en", "ht"):
        [content] = packets_for_hearing(demo_store, hearing_id, PacketChoice(language=language))
        assert content.kind is PacketKind.CANCELLATION
        pages = _pages(render_packet(content, now=NOW))
        assert len(pages) == 1
        t = translator(language)
        page = _squash(pages[0])
        assert _squash(t.gettext("This court date is CANCELLED.")) in page
        do_not_go = t.gettext("Do not go to court on {date}.").format(
            date=format_date(hearing.starts_at, language, "full")
        )
        assert _squash(do_not_go) in page
        assert content.advocate is not None
        assert _squash(content.advocate.phone) in page
        arrive = hearing.starts_at - dt.timedelta(minutes=content.arrive_minutes_before)
        assert _squash(format_time(arrive, language, "short")) not in page
        assert _squash(
            t.gettext("Scan with your phone to add this date to your calendar.")
        ) not in (page)
    # No image or QR drawing: the page is text and the box rules only.
    reader = pypdf.PdfReader(io.BytesIO(render_packet(content, now=NOW)))
    assert reader.pages[0].get_contents().get_data().count(b" re") < 10


def test_the_calendar_file_of_a_cancelled_hearing_cancels_it_without_alarms(
    demo_store: Store,
) -> None:
    hearing_id = _hearing_with_status(demo_store, HearingStatus.CANCELLED)
    [content] = packets_for_hearing(demo_store, hearing_id, PacketChoice(language="en"))
    data = ics_bytes(event_for_packet(content, translator("en")), now=NOW)
    calendar = icalendar.Calendar.from_ical(data)
    assert calendar["METHOD"] == "CANCEL"
    [event] = calendar.walk("VEVENT")
    assert event["STATUS"] == "CANCELLED"
    assert not event.walk("VALARM")
    assert b"arrive" not in data.lower()


def test_a_moved_hearing_keeps_its_calendar_entry_with_a_higher_sequence(
    demo_store: Store,
) -> None:
    old_id = _hearing_with_status(demo_store, HearingStatus.CONTINUED)
    old = demo_store.hearings.get(old_id)
    [content] = packets_for_hearing(demo_store, old_id, PacketChoice(language="en"))
    calendar = icalendar.Calendar.from_ical(
        ics_bytes(event_for_packet(content, translator("en")), now=NOW)
    )
    assert calendar["METHOD"] == "PUBLISH"
    [event] = calendar.walk("VEVENT")
    assert str(event["UID"]).startswith(old.calendar_uid)
    assert int(event["SEQUENCE"]) > old.sequence
    assert event["STATUS"] == "CONFIRMED"
    assert event.decoded("DTSTART") == content.starts_at
    assert len(event.walk("VALARM")) == 2


def test_a_docket_prints_the_notices_of_moved_and_cancelled_hearings(demo_store: Store) -> None:
    moved = demo_store.hearings.get(_hearing_with_status(demo_store, HearingStatus.CONTINUED))
    cancelled = demo_store.hearings.get(_hearing_with_status(demo_store, HearingStatus.CANCELLED))
    days = sorted({moved.starts_at.date(), cancelled.starts_at.date()})
    contents = docket_packets(demo_store, days[0], days[-1], choice=PacketChoice(short=True))
    kinds = {content.hearing_id: content.kind for content in contents}
    new_id = demo_store.hearings.current(moved.id or 0).id
    assert kinds[new_id or 0] is PacketKind.CHANGE_NOTICE
    assert kinds[cancelled.id or 0] is PacketKind.CANCELLATION
    assert moved.id not in kinds
    # The new hearing's packet comes once, even when its own date is in the range too.
    later = demo_store.hearings.get(new_id or 0).starts_at.date()
    wide = docket_packets(demo_store, days[0], later, choice=PacketChoice(short=True))
    assert [content.hearing_id for content in wide].count(new_id or 0) == 1
    text = _squash(" ".join(_pages(render_docket(contents, now=NOW))))
    assert (
        _squash("This court date is CANCELLED.") in text
        or _squash(translator("ht").gettext("This court date is CANCELLED.")) in text
    )


def _cli(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


@pytest.fixture
def demo_dir(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    folder = tmp_path / "demo"
    code, _out, err = _cli(capsys, "demo", "--data-dir", str(folder))
    assert code == 0, err
    return folder


def test_the_command_line_says_what_it_printed(
    demo_dir: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("COMPANION_PASSPHRASE", "demo")
    store = Store.open(demo_dir, "demo")
    moved_id = _hearing_with_status(store, HearingStatus.CONTINUED)
    new_id = store.hearings.current(moved_id).id
    cancelled = store.hearings.get(_hearing_with_status(store, HearingStatus.CANCELLED))
    store.close()
    folder = str(demo_dir)

    out_pdf = tmp_path / "moved.pdf"
    code, out, err = _cli(
        capsys, "packet", "--data-dir", folder, "--hearing", str(moved_id), "-o", str(out_pdf)
    )
    assert code == 0, err
    assert f"Printed the change notice and packet for hearing {new_id}." in out.splitlines()

    code, out, err = _cli(
        capsys,
        "packet",
        "--data-dir",
        folder,
        "--hearing",
        str(cancelled.id),
        "-o",
        str(tmp_path / "cancelled.pdf"),
    )
    assert code == 0, err
    assert f"Printed the cancellation notice for hearing {cancelled.id}." in out.splitlines()
    assert len(_pages((tmp_path / "cancelled.pdf").read_bytes())) == 1

    code, out, err = _cli(
        capsys,
        "ics",
        "--data-dir",
        folder,
        "--hearing",
        str(cancelled.id),
        "-o",
        str(tmp_path / "cancelled.ics"),
    )
    assert code == 0, err
    assert f"cancels hearing {cancelled.id}" in out
    assert b"METHOD:CANCEL" in (tmp_path / "cancelled.ics").read_bytes()

    day = cancelled.starts_at.date().isoformat()
    code, out, err = _cli(
        capsys,
        "packets",
        "--data-dir",
        folder,
        "--from",
        day,
        "--to",
        day,
        "--short",
        "-o",
        str(tmp_path / "docket.pdf"),
    )
    assert code == 0, err
    assert f"Printed the cancellation notice for hearing {cancelled.id}." in out.splitlines()


def test_a_continued_hearing_whose_new_date_is_gone_says_not_to_go(demo_store: Store) -> None:
    old_id = _hearing_with_status(demo_store, HearingStatus.CONTINUED)
    new = demo_store.hearings.current(old_id)
    assert new.id is not None and new.id != old_id
    demo_store.hearings.delete(new.id)
    [content] = packets_for_hearing(demo_store, old_id, PacketChoice(language="en"))
    assert content.hearing_id == old_id
    assert content.kind is PacketKind.CANCELLATION
    page = _squash(_pages(render_packet(content, now=NOW))[0])
    old = demo_store.hearings.get(old_id)
    assert _squash(f"Do not go to court on {format_date(old.starts_at, 'en', 'full')}.") in page
