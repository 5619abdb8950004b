"""Reading one guidance file: header, body text and typed blocks, checked for consistency."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from companion.guidance.errors import GuidanceFormatError
from companion.guidance.header import Header, parse_header, split_file
from companion.guidance.markup import parse_body
from companion.guidance.model import Block, BulletList, Notice, Paragraph


@dataclass(frozen=True)
class ParsedFile:
    path: Path
    header: Header
    body: str
    blocks: tuple[Block, ...]


def _cited_numbers(block: Block) -> tuple[int, ...]:
    if isinstance(block, Paragraph | Notice):
        return block.citations
    if isinstance(block, BulletList):
        return tuple(
            number for index in range(len(block.items)) for number in block.item_citations(index)
        )
    return ()


def parse_file_text(text: str, path: str) -> ParsedFile:
    split = split_file(text, path)
    header = parse_header(split.header_lines, path)
    blocks = parse_body(split.body, path, split.body_first_line)
    if not blocks:
        raise GuidanceFormatError(path, split.body_first_line, "the body is empty")
    for block in blocks:
        for number in _cited_numbers(block):
            if number > len(header.sources):
                raise GuidanceFormatError(
                    path, 0, f"the text cites [{number}] but the header lists no such source"
                )
    return ParsedFile(path=Path(path), header=header, body=split.body, blocks=blocks)


def read_file(path: Path) -> ParsedFile:
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise GuidanceFormatError(str(path), 0, "the file is not UTF-8 text") from None
    return parse_file_text(text, str(path))


class FileCache:
    """Parsed files, re-read when a file's modification time or size changes."""

    def __init__(self) -> None:
        self._entries: dict[Path, tuple[int, int, ParsedFile]] = {}

    def get(self, path: Path) -> ParsedFile:
        stat = path.stat()
        entry = self._entries.get(path)
        if entry is not None and entry[0] == stat.st_mtime_ns and entry[1] == stat.st_size:
            return entry[2]
        parsed = read_file(path)
        self._entries[path] = (stat.st_mtime_ns, stat.st_size, parsed)
        return parsed
