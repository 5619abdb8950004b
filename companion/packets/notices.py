"""Notices of a changed court date: the cancellation page and the change banner.

A cancelled hearing's packet is this one page only: it says in large type that the date
is cancelled and not to go to court, and who to call; it has no arrival time and no
calendar code. A continued (moved) hearing's packet opens with a boxed banner: the court
date has changed, the old date struck through; the new date follows in the date card.
"""

from __future__ import annotations

from collections.abc import Sequence

from companion.packets.columns import side_by_side
from companion.packets.datefmt import format_long_date, format_time
from companion.packets.flowables import TextBlock
from companion.packets.language import LanguageContext
from companion.packets.parts import RendererParts
from companion.packets.platypus import Flowable, KeepTogether, Table, TableStyle
from companion.packets.textlayout import BASELINE_DROP, Span, TextStyle, line_x


class StruckTextBlock(TextBlock):
    """A text block with a line drawn through every line of it (an old date)."""

    def draw(self) -> None:
        super().draw()
        style = self.style
        width = self._text_width(self.width)
        x = 0.0 if self.rtl else style.indent
        drop = (style.leading - style.size) / 2 + style.size * BASELINE_DROP
        canvas = self.canv
        canvas.saveState()
        canvas.setStrokeGray(style.gray)
        canvas.setLineWidth(max(1.2, style.size * 0.08))
        for number, line in enumerate(self.lines):
            if not line.runs:
                continue
            y = self.height - number * style.leading - drop + style.size * 0.3
            left = x + line_x(line, width, style.align, self.rtl)
            canvas.line(left - 2, y, left + line.width + 2, y)
        canvas.restoreState()


def boxed(flowables: Sequence[Flowable], width: float, *, thickness: float = 2.5) -> Table:
    """Flowables in one heavy-ruled box across the frame."""
    table = Table([[list(flowables)]], colWidths=[width], hAlign="CENTER")
    table.setStyle(
        TableStyle(
            [
                ("BOX", (0, 0), (-1, -1), thickness, _black()),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 10),
                ("RIGHTPADDING", (0, 0), (-1, -1), 10),
                ("TOPPADDING", (0, 0), (-1, -1), 6),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 8),
            ]
        )
    )
    return table


def name_spans(name: str, native_name: str) -> list[Span]:
    """The witness's name, and their name in their own script beside it when it differs
    (each keeps its own direction)."""
    spans = [Span(name, isolate=True)]
    if native_name.strip() and native_name.strip() != name.strip():
        spans.extend((Span("\u2003"), Span(native_name.strip(), isolate=True)))
    return spans


def _black() -> object:
    from reportlab.lib.colors import Color

    return Color(0, 0, 0)


def banner_style(t: LanguageContext) -> TextStyle:
    """The notices' big line: bold, between the heading and the title in size."""
    styles = t.styles
    scale = 1.0 if styles.body_size > 12 else 1.2  # large print is large enough as it is
    return styles.title.derive(
        size=styles.heading.size * scale,
        leading=styles.heading.leading * scale,
        space_before=0.0,
        space_after=styles.body_size * 0.3,
    )


def change_banner(renderer: RendererParts, t: LanguageContext) -> list[Flowable]:
    """ "Your court date has CHANGED" and the old dates struck through, in a box."""
    content = renderer.content
    styles = t.styles
    inner: list[Flowable] = [
        renderer.text(t.gettext("Your court date has CHANGED"), banner_style(t), t),
        renderer.text(t.gettext("Old date"), styles.label.derive(space_before=0.0), t),
    ]
    for moment in content.earlier_starts:
        old = f"{format_long_date(moment, t.tag)}  {format_time(moment, t.tag)}"
        inner.append(StruckTextBlock([Span(old)], styles.fact.derive(gray=0.2), rtl=t.rtl))
    box = boxed(inner, renderer.geometry.content_width)
    box.spaceAfter = styles.body_size * 0.5
    return [box]


def cancellation_page(renderer: RendererParts) -> list[Flowable]:
    """The whole packet of a cancelled hearing: one page."""
    t = renderer.primary
    content = renderer.content
    styles = t.styles
    flowables: list[Flowable] = [
        renderer.text(name_spans(content.person_name, content.native_name), styles.name, t)
    ]
    box = boxed(_cancelled_lines(renderer, t), renderer.geometry.content_width, thickness=3)
    box.spaceBefore = styles.body_size * 0.4
    box.spaceAfter = styles.body_size * 0.6
    flowables.append(box)
    flowables.append(
        side_by_side(
            renderer,
            t,
            _cancelled_hearing(renderer, t),
            who_to_call(renderer, t),
            padding=styles.body_size,
        )
    )
    second = renderer.second
    if second is not None:
        flowables.append(renderer.rule())
        block = _cancelled_lines(renderer, second)
        block.extend(who_to_call(renderer, second, names=False))
        flowables.append(KeepTogether(block))
    return flowables


def cancelled_lines(renderer: RendererParts, t: LanguageContext) -> list[Flowable]:
    """ "This court date is CANCELLED. Do not go to court on …" in ``t``'s language."""
    return _cancelled_lines(renderer, t)


def _cancelled_lines(renderer: RendererParts, t: LanguageContext) -> list[Flowable]:
    content = renderer.content
    styles = t.styles
    # Regular print has room to say it in large type; large print is large already.
    regular = styles.body_size <= 12
    big = styles.title.derive(space_after=styles.body_size * 0.3) if regular else banner_style(t)
    date_style = styles.fact_strong.derive(bold=False) if regular else styles.fact
    lines: list[Flowable] = [renderer.text(t.gettext("This court date is CANCELLED."), big, t)]
    for moment in (content.starts_at, *content.earlier_starts):
        lines.append(
            renderer.text(
                t.fill(
                    t.gettext("Do not go to court on {date}."),
                    date=Span(format_long_date(moment, t.tag), bold=True),
                ),
                date_style.derive(space_before=styles.body_size * 0.2),
                t,
            )
        )
    lines.append(
        renderer.text(
            t.gettext("If there is a new date, your advocate will tell you."),
            styles.fact.derive(space_before=styles.body_size * 0.5),
            t,
        )
    )
    return lines


def _cancelled_hearing(renderer: RendererParts, t: LanguageContext) -> list[Flowable]:
    """Which hearing this was: courthouse, courtroom and kind (no time to arrive)."""
    content = renderer.content
    styles = t.styles
    flowables: list[Flowable] = [
        renderer.text(t.gettext("Courthouse"), styles.label, t, keep_with_next=True),
        renderer.text(content.courthouse.name, styles.fact.derive(bold=True), t),
    ]
    if content.courtroom.strip():
        flowables.append(
            renderer.text(
                t.fill(t.gettext("Courtroom {room}"), room=content.courtroom), styles.fact, t
            )
        )
    flowables.append(
        renderer.text(t.gettext("Kind of hearing"), styles.label, t, keep_with_next=True)
    )
    flowables.append(renderer.text(t.gettext(content.hearing_type.label), styles.fact, t))
    return flowables


def who_to_call(
    renderer: RendererParts, t: LanguageContext, *, names: bool = True
) -> list[Flowable]:
    """The advocate (or the office) to call, with the phone number."""
    content = renderer.content
    styles = t.styles
    advocate = content.advocate
    if advocate is None and not content.organisation_name.strip():
        return []
    flowables: list[Flowable] = [
        renderer.text(t.gettext("Who to call"), styles.label, t, keep_with_next=True)
    ]
    if names and advocate is not None:
        flowables.append(renderer.text(advocate.name, styles.fact.derive(bold=True), t))
    if names and content.organisation_name.strip():
        flowables.append(renderer.text(content.organisation_name, styles.fact, t))
    if advocate is not None and advocate.phone.strip():
        flowables.append(
            renderer.text(
                t.fill(t.gettext("Phone: {phone}"), phone=Span(advocate.phone, bold=True)),
                styles.fact,
                t,
            )
        )
    return flowables
