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


def _decode(data: bytes, path: Path) -> str:
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        raise GuidanceFormatError(str(path), 0, "the file is not UTF-8 text") from None


def read_file(path: Path) -> ParsedFile:
    return parse_file_text(_decode(path.read_bytes(), path), str(path))


class FileCache:
    """Parsed files, parsed again only when a file's bytes change.

    The files are small, so comparing their bytes is cheap, and unlike modification
    times it cannot miss an edit made within the file system's time resolution.
    """

    def __init__(self) -> None:
        self._entries: dict[Path, tuple[bytes, ParsedFile]] = {}

    def get(self, path: Path) -> ParsedFile:
        data = path.read_bytes()
        entry = self._entries.get(path)
        if entry is not None and entry[0] == data:
            return entry[1]
        parsed = parse_file_text(_decode(data, path), str(path))
        self._entries[path] = (data, parsed)
        return parsed
