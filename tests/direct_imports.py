"""Which modules of the package import a library themselves (for the tests that check a
library is taken from the one module that loads it with care)."""

from __future__ import annotations

import ast
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def modules_importing(library: str, *, apart_from: Path) -> list[str]:
    """The package's modules, other than ``apart_from``, that import ``library`` (a dotted
    name: the library or any module inside it)."""
    wanted = re.compile(re.escape(library) + r"(\.|$)")
    found: list[str] = []
    for path in sorted((ROOT / "companion").rglob("*.py")):
        if path == apart_from:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom):
                names = [node.module or ""]
            elif isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            else:
                continue
            if any(wanted.match(name) for name in names):
                found.append(str(path.relative_to(ROOT)))
    return found
