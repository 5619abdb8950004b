"""Visibly fictional packet contents shared by the packet tests (and a check that they are).

The texts in other scripts are sample sentences written for testing the layout; they
say so ("sample text for testing printing") in their own language.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import io
from zoneinfo import ZoneInfo

import pdfplumber

from companion.domain.models import HearingType
from companion.packets.content import (
    Advocate,
    BulletListBlock,
    CourthouseInfo,
    GuidanceSection,
    HeadingBlock,
    NoticeBlock,
    PacketContent,
    PacketOptions,
    ParagraphBlock,
    Run,
    TranslationStatus,
)

ZONE = "America/New_York"
STARTS_AT = dt.datetime(2031, 3, 13, 9, 30, tzinfo=ZoneInfo(ZONE))
FIXED_NOW = dt.datetime(2031, 1, 2, 12, 0, tzinfo=dt.UTC)

ARABIC_SAMPLE = (
    "هذا نص تجريبي لاختبار الطباعة من اليمين إلى اليسار في ملف المحكمة. "
    "يجب أن تظهر الحروف متصلة وأن تبدأ كل سطر من الجهة اليمنى. "
    "الكلمة الأولى في كل سطر تكون في أقصى اليمين والكلمة الأخيرة في أقصى اليسار. "
    "هذه الجملة موجودة فقط لملء عدة أسطر في الصفحة."
)
CHINESE_SAMPLE = (
    "这是用于测试打印的示例文字。每一行都应该从左边开始，汉字之间可以换行。"
    "数字2031和时间09:30也要正确显示。这一段只是为了占满几行。"
)
KOREAN_SAMPLE = "이것은 인쇄를 시험하기 위한 예시 문장입니다. 한글이 빈 상자 없이 보여야 합니다."
VIETNAMESE_SAMPLE = "Đây là văn bản mẫu để thử việc in. Các dấu phải nằm đúng chỗ trên chữ."
SPANISH_SAMPLE = (
    "Este es un texto de ejemplo para probar la impresión. "
    "Sirve solo para llenar varias líneas de la página."
)

SAMPLES = {
    "ar": ("Layla Example", "ليلى مثال", ARABIC_SAMPLE),
    "zh-Hans": ("Li Na Example", "李娜", CHINESE_SAMPLE),
    "ko": ("Kim Min-su Example", "김민수", KOREAN_SAMPLE),
    "vi": ("Nguyễn Thị Mẫu", "", VIETNAMESE_SAMPLE),
    "es": ("María Ejemplo Prueba", "", SPANISH_SAMPLE),
    "en": ("Sam Example", "", "This is sample text for testing printing."),
}


def sample_guidance(language: str) -> tuple[GuidanceSection, ...]:
    text = SAMPLES[language][2]
    return (
        GuidanceSection(
            title=text.split(" ")[0] if language != "zh-Hans" else text[:6],
            blocks=(
                ParagraphBlock(text),
                HeadingBlock(text[:20]),
                BulletListBlock((text[:30], (Run(text[10:20], bold=True), Run(text[20:50])))),
                NoticeBlock(text[:40]),
                ParagraphBlock((Run(text[:15], bold=True), Run(text[15:]))),
            ),
            sources=("Sample source for tests, checked 2031-01-01",),
            status=TranslationStatus.DRAFT,
        ),
    )


def sample_content(language: str = "es", **changes: object) -> PacketContent:
    """A fictional witness's packet for a fictional trial."""
    name, native, _ = SAMPLES[language]
    content = PacketContent(
        hearing_id=4711,
        person_name=name,
        native_name=native,
        initials="XE",
        language=language,
        starts_at=STARTS_AT,
        courthouse=CourthouseInfo(
            name="Example County Courthouse (fictional)",
            address="100 Sample Street, Exampleville, NY 10000",
            timezone=ZONE,
            entrance_notes="Sample note: use the east entrance on Sample Street.",
            security_notes="Sample note: everyone walks through a metal detector.",
            accessibility_notes="Sample note: a ramp is next to the east entrance.",
            transit_notes="Sample note: bus 00 stops across the street.",
        ),
        hearing_type=HearingType.TRIAL,
        courtroom="5B",
        must_testify=True,
        advocate=Advocate("Alex Sample (fictional advocate)", "(555) 010-0000"),
        organisation_name="Example Victim Services (fictional)",
        guidance=sample_guidance(language),
        checklist=("Sample item: bring the fictional letter.",),
        draft_translation=True,
        options=PacketOptions(),
    )
    options = changes.pop("options", None)
    if options is not None:
        content = dataclasses.replace(content, options=options)  # type: ignore[arg-type]
    return dataclasses.replace(content, **changes)  # type: ignore[arg-type]


def page_texts(pdf: bytes) -> list[str]:
    with pdfplumber.open(io.BytesIO(pdf)) as document:
        return [page.extract_text() or "" for page in document.pages]


def test_sample_people_and_places_are_visibly_fictional() -> None:
    content = sample_content("es")
    assert "Ejemplo" in content.person_name
    assert "(fictional)" in content.courthouse.name
    assert content.advocate is not None and "fictional" in content.advocate.name
    assert content.advocate.phone.startswith("(555) 010-")
