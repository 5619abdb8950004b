"""Escaped markup for guidance text: inline runs for ReportLab or Qt rich text, blocks as HTML.

Every piece of text from a file is escaped here; only the tags this module writes itself
reach the output.
"""

from __future__ import annotations

from collections.abc import Callable
from html import escape

from companion.guidance.model import (
    Block,
    BulletList,
    CitationRef,
    Heading,
    Inline,
    Notice,
    Paragraph,
    Slot,
    TextRun,
)


def runs_to_markup(runs: tuple[Inline, ...], citation_tag: str = "sup") -> str:
    """Runs as escaped text with ``<b>`` for bold and ``<sup>[n]</sup>`` for citations.

    The result is valid ReportLab paragraph markup and Qt rich text. Pass
    ``citation_tag=""`` to keep citations inline as plain ``[n]``.
    """
    parts: list[str] = []
    for run in runs:
        if isinstance(run, CitationRef):
            label = escape(run.label, quote=False)
            parts.append(f"<{citation_tag}>{label}</{citation_tag}>" if citation_tag else label)
        elif isinstance(run, TextRun):
            text = escape(run.text, quote=False)
            parts.append(f"<b>{text}</b>" if run.bold else text)
    return "".join(parts)


def blocks_to_html(
    blocks: tuple[Block, ...],
    slot_html: Callable[[Slot], str] | None = None,
) -> str:
    """Blocks as an HTML fragment. ``slot_html`` supplies (already escaped) slot content."""
    parts: list[str] = []
    for block in blocks:
        if isinstance(block, Heading):
            parts.append(f"<h3>{escape(block.text, quote=False)}</h3>")
        elif isinstance(block, Paragraph):
            parts.append(f"<p>{runs_to_markup(block.runs)}</p>")
        elif isinstance(block, Notice):
            parts.append(f'<p class="notice"><b>{runs_to_markup(block.runs)}</b></p>')
        elif isinstance(block, BulletList):
            items = "".join(f"<li>{runs_to_markup(item)}</li>" for item in block.items)
            parts.append(f"<ul>{items}</ul>")
        elif isinstance(block, Slot) and slot_html is not None:
            parts.append(slot_html(block))
    return "\n".join(parts)
