"""The header at the top of every guidance file, and splitting a file into header and body.

A file starts with a header between two ``---`` lines::

    ---
    title: Immigration enforcement and the courthouse
    status: source
    source_hash: none
    sources:
    - [1] Citation text, as a lawyer would look it up
      url: https://example.org/the-page-we-read
      checked: 2026-11
      effective: 2020-03-23
    ---

``status`` is ``source`` in the English file, and ``draft`` or ``reviewed`` in a
translation. A reviewed translation adds ``reviewer:`` and ``reviewed_on: YYYY-MM-DD``.
``source_hash`` is ``none`` in English; a translation records the hash of the English
body it was made from (``python -m companion.guidance.stamp`` writes it). Sources are
numbered from 1 in order; ``checked`` is ``YYYY-MM`` or ``YYYY-MM-DD``; ``effective``
(optional) is ``YYYY-MM-DD``, ``YYYY-MM-DD (news only)`` when only news reports give
the date, or ``unconfirmed``.

Only this small ``key: value`` subset is read; it is parsed here, without YAML.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass

from companion.guidance.errors import GuidanceFormatError
from companion.guidance.model import PartialDate, Source, Status

FENCE = "---"
_HASH_RE = re.compile(r"^[0-9a-f]{64}$")
_PARTIAL_DATE_RE = re.compile(r"^(\d{4})-(\d{2})(?:-(\d{2}))?$")
_SOURCE_START_RE = re.compile(r"^-\s*\[(\d+)\]\s+(\S.*)$")
_KEY_RE = re.compile(r"^([a-z_]+):(?:\s+(.*))?$")
_TOP_KEYS = ("title", "status", "source_hash", "reviewer", "reviewed_on", "sources")
_SOURCE_KEYS = ("url", "checked", "effective")
UNCONFIRMED = "unconfirmed"
NEWS_ONLY = "(news only)"


@dataclass(frozen=True)
class Header:
    title: str
    status: Status
    source_hash: str | None
    reviewer: str | None
    reviewed_on: dt.date | None
    sources: tuple[Source, ...]


@dataclass(frozen=True)
class SplitFile:
    header_lines: tuple[str, ...]
    body: str
    body_first_line: int  # 1-based line number of the body's first line in the file


def split_file(text: str, path: str) -> SplitFile:
    """Separate the ``---`` header from the body."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    if not lines or lines[0].strip() != FENCE:
        raise GuidanceFormatError(path, 1, "the file must start with a '---' header line")
    for index in range(1, len(lines)):
        if lines[index].strip() == FENCE:
            return SplitFile(
                header_lines=tuple(lines[1:index]),
                body="\n".join(lines[index + 1 :]),
                body_first_line=index + 2,
            )
    raise GuidanceFormatError(path, 1, "the header has no closing '---' line")


def _partial_date(value: str, path: str, line: int, key: str) -> PartialDate:
    match = _PARTIAL_DATE_RE.match(value)
    if match is None:
        raise GuidanceFormatError(path, line, f"{key} must be YYYY-MM or YYYY-MM-DD")
    year, month, day = int(match[1]), int(match[2]), match[3]
    try:
        dt.date(year, month, int(day) if day else 1)
    except ValueError:
        raise GuidanceFormatError(path, line, f"{key} is not a real date") from None
    return PartialDate(year, month, int(day) if day else None)


def _full_date(value: str, path: str, line: int, key: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise GuidanceFormatError(path, line, f"{key} must be a date YYYY-MM-DD") from None


class _SourceBuilder:
    def __init__(self, number: int, citation: str, line: int) -> None:
        self.number = number
        self.citation = citation
        self.line = line
        self.fields: dict[str, str] = {}

    def build(self, path: str) -> Source:
        for key in ("url", "checked"):
            if key not in self.fields:
                raise GuidanceFormatError(path, self.line, f"source [{self.number}] has no {key}")
        url = self.fields["url"]
        if not url.startswith(("https://", "http://")):
            raise GuidanceFormatError(path, self.line, f"source [{self.number}] url is not a URL")
        effective: dt.date | None = None
        unconfirmed = False
        news_only = False
        effective_text = self.fields.get("effective")
        if effective_text == UNCONFIRMED:
            unconfirmed = True
        elif effective_text is not None:
            if effective_text.endswith(NEWS_ONLY):
                news_only = True
                effective_text = effective_text.removesuffix(NEWS_ONLY).rstrip()
            effective = _full_date(effective_text, path, self.line, "effective")
        return Source(
            number=self.number,
            citation=self.citation,
            url=url,
            checked=_partial_date(self.fields["checked"], path, self.line, "checked"),
            effective=effective,
            effective_unconfirmed=unconfirmed,
            effective_news_only=news_only,
        )


def _parse_sources(lines: list[tuple[int, str]], path: str) -> tuple[Source, ...]:
    builders: list[_SourceBuilder] = []
    for line_number, raw in lines:
        stripped = raw.strip()
        start = _SOURCE_START_RE.match(stripped)
        if start is not None and not raw.startswith(" "):
            number = int(start[1])
            if number != len(builders) + 1:
                raise GuidanceFormatError(
                    path, line_number, f"sources must be numbered 1, 2, 3...; found [{number}]"
                )
            builders.append(_SourceBuilder(number, start[2].strip(), line_number))
            continue
        field = _KEY_RE.match(stripped)
        if not builders or not raw.startswith(" ") or field is None:
            raise GuidanceFormatError(
                path, line_number, "a source is '- [n] citation' then indented 'key: value' lines"
            )
        key, value = field[1], (field[2] or "").strip()
        if key not in _SOURCE_KEYS:
            raise GuidanceFormatError(path, line_number, f"unknown source field {key!r}")
        if key in builders[-1].fields:
            raise GuidanceFormatError(path, line_number, f"source field {key!r} given twice")
        builders[-1].fields[key] = value
    return tuple(builder.build(path) for builder in builders)


def parse_header(header_lines: tuple[str, ...], path: str) -> Header:
    """Read the header lines (without the ``---`` fences). Line numbers start at 2."""
    values: dict[str, tuple[int, str]] = {}
    source_lines: list[tuple[int, str]] = []
    in_sources = False
    for offset, raw in enumerate(header_lines):
        line_number = offset + 2
        line = unicodedata.normalize("NFC", raw.rstrip())
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        if in_sources and (line.startswith((" ", "-"))):
            source_lines.append((line_number, line))
            continue
        in_sources = False
        match = _KEY_RE.match(line)
        if match is None:
            raise GuidanceFormatError(path, line_number, "header lines are 'key: value'")
        key, value = match[1], (match[2] or "").strip()
        if key not in _TOP_KEYS:
            raise GuidanceFormatError(path, line_number, f"unknown header field {key!r}")
        if key in values:
            raise GuidanceFormatError(path, line_number, f"header field {key!r} given twice")
        values[key] = (line_number, value)
        if key == "sources":
            if value:
                raise GuidanceFormatError(path, line_number, "list sources on the lines below")
            in_sources = True

    for key in ("title", "status", "source_hash"):
        if key not in values or not values[key][1]:
            raise GuidanceFormatError(path, 1, f"the header needs {key}")
    title = values["title"][1]
    status_line, status_text = values["status"]
    try:
        status = Status(status_text)
    except ValueError:
        raise GuidanceFormatError(
            path, status_line, "status must be source, draft or reviewed"
        ) from None

    hash_line, hash_text = values["source_hash"]
    source_hash: str | None = None
    if status is Status.SOURCE:
        if hash_text != "none":
            raise GuidanceFormatError(
                path, hash_line, "an English source file has source_hash: none"
            )
    else:
        if not _HASH_RE.match(hash_text):
            raise GuidanceFormatError(
                path, hash_line, "source_hash must be the 64-character hash of the English body"
            )
        source_hash = hash_text

    reviewer: str | None = values["reviewer"][1] if "reviewer" in values else None
    reviewed_on: dt.date | None = None
    if "reviewed_on" in values:
        reviewed_on = _full_date(
            values["reviewed_on"][1], path, values["reviewed_on"][0], "reviewed_on"
        )
    if status is Status.REVIEWED and (not reviewer or reviewed_on is None):
        raise GuidanceFormatError(
            path, status_line, "a reviewed translation needs reviewer and reviewed_on"
        )
    if status is not Status.REVIEWED and (reviewer or reviewed_on is not None):
        raise GuidanceFormatError(
            path, status_line, "reviewer and reviewed_on belong only to status: reviewed"
        )

    return Header(
        title=title,
        status=status,
        source_hash=source_hash,
        reviewer=reviewer or None,
        reviewed_on=reviewed_on,
        sources=_parse_sources(source_lines, path),
    )


def format_sources(sources: tuple[Source, ...]) -> list[str]:
    lines = ["sources:"]
    for source in sources:
        lines.append(f"- [{source.number}] {source.citation}")
        lines.append(f"  url: {source.url}")
        lines.append(f"  checked: {source.checked.isoformat()}")
        if source.effective is not None:
            note = f" {NEWS_ONLY}" if source.effective_news_only else ""
            lines.append(f"  effective: {source.effective.isoformat()}{note}")
        elif source.effective_unconfirmed:
            lines.append(f"  effective: {UNCONFIRMED}")
    return lines


def format_header(header: Header) -> str:
    """The header as file text, fences included, ending with a newline."""
    lines = [FENCE, f"title: {header.title}", f"status: {header.status.value}"]
    lines.append(f"source_hash: {header.source_hash or 'none'}")
    if header.reviewer:
        lines.append(f"reviewer: {header.reviewer}")
    if header.reviewed_on is not None:
        lines.append(f"reviewed_on: {header.reviewed_on.isoformat()}")
    lines.extend(format_sources(header.sources))
    lines.append(FENCE)
    return "\n".join(lines) + "\n"
