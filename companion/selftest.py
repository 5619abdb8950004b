"""``companion self-test``: one real end-to-end job, for a freshly built app.

It exercises what a bundle can silently lose: the fonts (a glyph check and two real
packets), the message catalogs (a translated heading in Arabic and Chinese), the
guidance files, SQLCipher (a store is created, reopened and backed up), and Qt's
platform and PDF plugins (the Arabic packet's first page is rendered to an image) and
Qt Charts (an attendance chart is drawn).
Any missing piece raises ``SelfTestFailed`` with what was missing.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path

from companion.errors import CompanionError

log = logging.getLogger(__name__)

PASSPHRASE = "self-test passphrase 2026"
SAMPLE_TEXT = {
    "ar": "موعد المحكمة",
    "zh-Hans": "法院日期",
    "ko": "법원",
    "vi": "Tòa án",
    "ru": "Суд",
    # Scripts of witnesses' names, beyond the twelve languages.
    "Ethiopic": "ሰላማዊት",
    "Devanagari": "प्रिया",
    "Myanmar": "အောင်",
    "Khmer": "សុខ",
}


class SelfTestFailed(CompanionError):
    code = "self_test_failed"

    def __init__(self, step: str, detail: str) -> None:
        super().__init__(step, detail)
        self.step = step
        self.detail = detail

    def __str__(self) -> str:
        return f"{self.step}: {self.detail}"


def _check_fonts() -> None:
    from companion.packets.fonts import bundled_font_files, missing_glyphs

    files = list(bundled_font_files())
    absent = [str(path) for path in files if not Path(path).is_file()]
    if not files or absent:
        raise SelfTestFailed("fonts", "missing font files: " + ", ".join(absent or ["all"]))
    for tag, text in SAMPLE_TEXT.items():
        missing = missing_glyphs(text)
        if missing:
            raise SelfTestFailed("fonts", f"no glyphs for {tag}: {''.join(sorted(missing))}")


def _check_catalogs() -> None:
    from companion.i18n import LANGUAGES, translator

    for language in LANGUAGES:
        if language.tag == "en":
            continue
        try:
            heading = translator(language.tag).gettext("Your court date")
        except OSError as error:
            raise SelfTestFailed("catalogs", f"the {language.tag} catalog is missing") from error
        if heading == "Your court date":
            raise SelfTestFailed("catalogs", f"the {language.tag} catalog is not translated")


def _render_packets(folder: Path) -> dict[str, Path]:
    from companion.demo import create_demo_office
    from companion.packets.from_store import PacketChoice, packet_for
    from companion.packets.renderer import render_packet
    from companion.store.backups import inspect_backup, make_backup
    from companion.store.store import Store

    data = folder / "store"
    create_demo_office(data, PASSPHRASE).close()
    store = Store.open(data, PASSPHRASE)
    written: dict[str, Path] = {}
    try:
        if store.check():
            raise SelfTestFailed("store", "integrity check failed")
        entry = next(e for e in store.agenda.upcoming(60) if e.people)
        for tag in ("ar", "zh-Hans"):
            content = packet_for(
                store, entry.hearing_id, entry.people[0].id, PacketChoice(language=tag)
            )
            pdf = render_packet(content)
            if not pdf.startswith(b"%PDF") or len(pdf) < 10_000:
                raise SelfTestFailed("packets", f"the {tag} packet is not a PDF")
            path = folder / f"packet-{tag}.pdf"
            path.write_bytes(pdf)
            written[tag] = path
        backup = make_backup(store, folder=folder / "backups")
        if (
            inspect_backup(backup.path, PASSPHRASE, data_folder=store.folder).people
            != store.people.count()
        ):
            raise SelfTestFailed("backup", "the backup does not hold the store's people")
    finally:
        store.close()
    return written


def run_self_test(
    folder: Path, render_page: Callable[[Path, Path], None] | None = None
) -> list[str]:
    """Run every check in ``folder`` (which it fills); returns the lines of its report."""
    folder.mkdir(parents=True, exist_ok=True)
    report = []
    _check_fonts()
    report.append("fonts: ok")
    _check_catalogs()
    report.append("catalogs: ok")
    from companion.guidance import TOPIC_IDS, load_topic

    for topic_id in TOPIC_IDS:
        if load_topic(topic_id, "ar").is_language_fallback:
            raise SelfTestFailed("guidance", f"no Arabic text for {topic_id}")
    report.append("guidance: ok")
    packets = _render_packets(folder)
    report.append(
        "store, packets and backup: ok (" + ", ".join(str(p) for p in packets.values()) + ")"
    )
    if render_page is not None:
        image = folder / "packet-ar-page-1.png"
        render_page(packets["ar"], image)
        report.append(f"Qt platform, PDF and chart modules: ok ({image})")
    return report
