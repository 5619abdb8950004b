"""Page 1 of a packet: the summary a witness can carry alone.

It always holds the witness's name, the date, time and arrival time (beside the
calendar code), the courthouse with its address and courtroom, and who to call with the
phone number, in every language, print size and paper size. To fit, the place and the
people sit side by side, and a bilingual packet's second language is a compact block of
two columns under a rule, kept whole: if it could not fit, it moves to page 2 entire,
never parting a date from its time. Nothing is made smaller than its style.
"""

from __future__ import annotations

from collections.abc import Sequence

from reportlab.lib.units import mm

from companion.packets.columns import side_by_side
from companion.packets.datefmt import format_long_date, format_time
from companion.packets.language import LanguageContext
from companion.packets.notices import change_banner, name_spans, who_to_call
from companion.packets.parts import RendererParts
from companion.packets.platypus import Flowable, KeepTogether, PageBreak, Table, TableStyle
from companion.packets.textlayout import Span

#: How much of page 1 may give way, in order, when everything does not fit at once:
#: the title (the name stays), the calendar code, the kind of hearing, the second
#: language's "who to call" (its phone number is on the page already), and last the
#: second language's block. What gives way opens page 2, before "Getting there".
_LEVELS = 6


def summary_page(renderer: RendererParts) -> list[Flowable]:
    """Page 1's flowables, a page break, and whatever had to move to page 2."""
    for level in range(_LEVELS):
        first, moved = _compose(renderer, level)
        if level == _LEVELS - 1 or _fits(renderer, first):
            break
    return [*first, PageBreak(), *moved]


def _fits(renderer: RendererParts, flowables: Sequence[Flowable]) -> bool:
    _x, _y, width, height = renderer.geometry.frame
    available = height - 8.0  # the frame's bottom padding and a little air
    used = 0.0
    parts: list[Flowable] = []
    for flowable in flowables:
        parts.extend(flowable._content if isinstance(flowable, KeepTogether) else [flowable])
    for number, flowable in enumerate(parts):
        _w, h = flowable.wrap(width, 10_000.0)
        used += h + flowable.getSpaceAfter() + (flowable.getSpaceBefore() if number else 0.0)
    return used <= available


def _compose(renderer: RendererParts, level: int) -> tuple[list[Flowable], list[Flowable]]:
    t = renderer.primary
    styles = t.styles
    content = renderer.content
    first: list[Flowable] = []
    moved: list[Flowable] = []
    if content.earlier_starts:
        first.extend(change_banner(renderer, t))
    elif level < 1:
        title = styles.title
        if content.options.large_print:
            title = title.derive(
                size=styles.heading.size * 1.15, leading=styles.heading.leading * 1.15
            )
        first.append(renderer.text(t.gettext("Your court date"), title, t))
    first.append(
        renderer.text(name_spans(content.person_name, content.native_name), styles.name, t)
    )
    if content.sequence > 0 and not content.earlier_starts:
        first.append(
            renderer.text(
                t.gettext(
                    "The date or time of this hearing has changed. "
                    "This sheet shows the new date and time."
                ),
                styles.note,
                t,
            )
        )
    with_qr = level < 2
    first.append(date_card(renderer, t, with_qr=with_qr))
    if not with_qr:
        moved.append(_qr_alone(renderer, t))
    first.append(
        side_by_side(
            renderer, t, place(renderer, t), who_to_call(renderer, t), padding=styles.body_size
        )
    )
    kind = hearing_kind(renderer, t)
    (first if level < 3 else moved).extend(kind)
    second = renderer.second
    if second is not None:
        block = KeepTogether(
            [
                renderer.rule(),
                *second_language_block(renderer, second, with_kind=level < 3, with_who=level < 4),
            ]
        )
        if level < 5:
            first.append(block)
        else:
            moved.append(block)
        if level >= 3:
            moved.extend(hearing_kind(renderer, second))
    return first, moved


def _qr_alone(renderer: RendererParts, t: LanguageContext) -> Flowable:
    """The calendar code on its own, centred (when page 1 has no room for it)."""
    table = Table([[renderer.qr_code(t)]], colWidths=[70 * mm], hAlign="CENTER")
    table.setStyle(TableStyle([("ALIGN", (0, 0), (-1, -1), "CENTER")]))
    table.spaceAfter = t.styles.body_size
    return table


def date_facts(renderer: RendererParts, t: LanguageContext, *, compact: bool) -> list[Flowable]:
    """Date, time and arrival; ``compact`` prints them at fact size, not in large type."""
    styles = t.styles
    content = renderer.content
    minutes = content.arrive_minutes_before
    arrive = t.fill(
        t.ngettext(
            "Please arrive by {time}, {minutes} minute early, for security screening.",
            "Please arrive by {time}, {minutes} minutes early, for security screening.",
            minutes,
        ),
        time=Span(format_time(content.arrive_at, t.tag), bold=True),
        minutes=t.format_number(minutes),
    )
    strong = styles.fact.derive(bold=True) if compact else styles.fact_strong
    date_label = t.gettext("New date") if content.earlier_starts else t.gettext("Date")
    return [
        renderer.text(date_label, styles.label.derive(space_before=0), t, keep_with_next=True),
        renderer.text(format_long_date(content.starts_at, t.tag), strong, t),
        renderer.text(t.gettext("Time"), styles.label, t, keep_with_next=True),
        renderer.text(format_time(content.starts_at, t.tag), strong, t),
        renderer.text(arrive, styles.fact.derive(space_before=styles.body_size * 0.5), t),
    ]


def date_card(renderer: RendererParts, t: LanguageContext, *, with_qr: bool = True) -> Flowable:
    """Date, time and arrival beside the calendar QR code, in a box."""
    facts = date_facts(renderer, t, compact=False)
    if with_qr:
        qr_width = 52 * mm
        facts_width = renderer.geometry.content_width - qr_width
        qr = renderer.qr_code(t)
        row = [qr, facts] if t.rtl else [facts, qr]
        widths = [qr_width, facts_width] if t.rtl else [facts_width, qr_width]
    else:
        # No code beside it: the date and the time side by side, the arrival under them.
        when = side_by_side(renderer, t, facts[:2], facts[2:4], padding=8, widths=(0.7, 0.3))
        row, widths = [[when, *facts[4:]]], [renderer.geometry.content_width]
    table = Table([row], colWidths=widths, hAlign="CENTER")
    table.setStyle(
        TableStyle(
            [
                ("BOX", (0, 0), (-1, -1), 1.5, _gray(0.0)),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 8),
                ("RIGHTPADDING", (0, 0), (-1, -1), 8),
                ("TOPPADDING", (0, 0), (-1, -1), 8),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 8),
            ]
        )
    )
    table.spaceBefore = t.styles.body_size * 0.4
    table.spaceAfter = t.styles.body_size * 0.2
    return table


def place(renderer: RendererParts, t: LanguageContext) -> list[Flowable]:
    """The courthouse, its address and the courtroom."""
    styles = t.styles
    content = renderer.content
    flowables: list[Flowable] = [
        renderer.text(t.gettext("Courthouse"), styles.label, t, keep_with_next=True),
        renderer.text(content.courthouse.name, styles.fact.derive(bold=True), t),
    ]
    if content.courthouse.address.strip():
        flowables.append(renderer.text(content.courthouse.address, styles.fact, t))
    if content.courtroom.strip():
        flowables.append(
            renderer.text(
                t.fill(t.gettext("Courtroom {room}"), room=Span(content.courtroom, bold=True)),
                styles.fact,
                t,
            )
        )
    return flowables


def hearing_kind(renderer: RendererParts, t: LanguageContext) -> list[Flowable]:
    styles = t.styles
    return [
        renderer.text(t.gettext("Kind of hearing"), styles.label, t, keep_with_next=True),
        renderer.text(t.gettext(renderer.content.hearing_type.label), styles.fact, t),
        renderer.text(renderer.testify_sentence(t), styles.fact, t),
    ]


def second_language_block(
    renderer: RendererParts,
    t: LanguageContext,
    *,
    with_kind: bool = True,
    with_who: bool = True,
) -> list[Flowable]:
    """The court date again in the second language, in two columns: date and time on one
    side, arrival, who to call and the kind of hearing on the other."""
    facts = date_facts(renderer, t, compact=True)
    when, arrive = facts[:4], facts[4:]
    others = list(arrive)
    if with_who:
        others.extend(who_to_call(renderer, t, names=False))
    if with_kind:
        others.extend(hearing_kind(renderer, t))
    return [side_by_side(renderer, t, when, others, padding=t.styles.body_size * 0.8)]


def _gray(level: float) -> object:
    from reportlab.lib.colors import Color

    return Color(level, level, level)
