"""The peer for `make bench`: the same packet's text as HTML, set by WeasyPrint with the
same bundled fonts.

``packet_html(content)`` walks the story our renderer builds and writes each text block
as a paragraph of the same size and weight, page breaks where ours are, and the page
header and footer as CSS margin boxes; ``weasyprint_command(html, pdf)`` is the process
that turns it into a PDF. WeasyPrint is in the optional ``bench`` extra (``pip install
-e '.[bench]'``), never a dependency of the app.
"""

from __future__ import annotations

import html
import sys
from collections.abc import Iterable
from pathlib import Path

from companion.packets.content import PacketContent
from companion.packets.flowables import TextBlock
from companion.packets.fonts import BUNDLED_FAMILIES, LATIN
from companion.packets.platypus import Flowable, PageBreak, Table
from companion.packets.renderer import PacketRenderer
from companion.packets.scripts import assign_families
from companion.paths import resource_path

SCRIPT = "import sys, weasyprint; weasyprint.HTML(filename=sys.argv[1]).write_pdf(sys.argv[2])"


def weasyprint_available() -> bool:
    try:
        import weasyprint  # noqa: F401
    except (ImportError, OSError):  # not installed, or its system libraries are missing
        return False
    return True


def weasyprint_command(html_path: Path, pdf_path: Path) -> list[str]:
    return [sys.executable, "-c", SCRIPT, str(html_path), str(pdf_path)]


def _font_faces(keys: set[str]) -> str:
    rules = []
    for family in BUNDLED_FAMILIES:
        if family.key not in keys:
            continue
        for spec, weight in ((family.regular, 400), (family.bold, 700)):
            if spec.synthetic_bold:
                continue
            url = resource_path("fonts", spec.filename).as_uri()
            rules.append(
                f"@font-face {{ font-family: 'CC {family.key}'; font-weight: {weight}; "
                f"src: url('{url}'); }}"
            )
    return "\n".join(rules)


def _families(keys: set[str]) -> str:
    return ", ".join(f"'CC {family.key}'" for family in BUNDLED_FAMILIES if family.key in keys)


def _texts(flowables: Iterable[Flowable]) -> Iterable[str]:
    for flowable in flowables:
        if isinstance(flowable, Table):
            for row in flowable._cellvalues:
                for cell in row:
                    yield from _texts(cell if isinstance(cell, list) else [cell])
        elif isinstance(flowable, TextBlock):
            yield flowable.layout.text


def _blocks(flowables: Iterable[Flowable]) -> Iterable[str]:
    for flowable in flowables:
        if isinstance(flowable, PageBreak):
            yield '<div style="break-after: page"></div>'
        elif isinstance(flowable, Table):
            for row in flowable._cellvalues:
                for cell in row:
                    yield from _blocks(cell if isinstance(cell, list) else [cell])
        elif isinstance(flowable, TextBlock):
            style = flowable.style
            text = html.escape(flowable.layout.text).replace("\n", "<br>")
            weight = 700 if style.bold else 400
            yield (
                f'<p style="font-size: {style.size:.2f}pt; line-height: {style.leading:.2f}pt; '
                f"font-weight: {weight}; margin: {style.space_before:.1f}pt 0 "
                f'{style.space_after:.1f}pt {style.indent:.1f}pt">{text}</p>'
            )


def packet_html(content: PacketContent) -> str:
    """The packet's text, sizes and page breaks as one HTML document."""
    renderer = PacketRenderer(content)
    language = renderer.primary
    header = html.escape("".join(span.text for span in renderer.page_decoration().header_spans()))
    story = renderer.story()
    body = "\n".join(_blocks(story))
    # Only the families the text needs, as our renderer loads only those.
    keys = {key for text in _texts(story) for key in assign_families(text) if key is not None}
    keys.add(LATIN)
    direction = "rtl" if language.rtl else "ltr"
    families = _families(keys)
    return f"""<!DOCTYPE html>
<html lang="{html.escape(language.tag)}" dir="{direction}"><head><meta charset="utf-8">
<style>
{_font_faces(keys)}
@page {{ size: {renderer.geometry.page_size[0]:.1f}pt {renderer.geometry.page_size[1]:.1f}pt;
  margin: {renderer.geometry.margin:.1f}pt;
  @top-left {{ content: "{header}"; font-size: 9pt; font-family: {families}; }}
  @bottom-right {{ content: counter(page) " / " counter(pages); font-size: 9pt;
    font-family: {families}; }} }}
html, body {{ font-family: {families}; }}
p {{ orphans: 2; widows: 2; }}
</style></head>
<body>
{body}
</body></html>
"""
