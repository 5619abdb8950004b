"""The shape of the package: no import circle anywhere, and companion/ui/ kept by feature.

The import graph is read from the source with ``ast``: every ``import`` statement counts,
including those inside functions and under ``if TYPE_CHECKING:``, so a circle cannot hide
behind a late import. Importing ``a.b.c`` also runs ``a/__init__.py`` and ``a/b/__init__.py``,
so those count as edges too (except a module's own packages, which are loaded before it).
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

import companion

PACKAGE_ROOT = Path(companion.__file__).parent
UI = PACKAGE_ROOT / "ui"


def _module_name(path: Path, root: Path) -> str:
    relative = path.relative_to(root.parent).with_suffix("")
    parts = list(relative.parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _modules(root: Path) -> dict[str, Path]:
    return {_module_name(path, root): path for path in sorted(root.rglob("*.py"))}


def _with_parents(name: str, known: dict[str, Path]) -> list[str]:
    """``name`` and the packages whose ``__init__`` importing it runs, that exist here."""
    parts = name.split(".")
    return [".".join(parts[:i]) for i in range(1, len(parts) + 1) if ".".join(parts[:i]) in known]


def _imports(path: Path, name: str, known: dict[str, Path]) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    is_package = path.name == "__init__.py"
    targets: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                targets.update(_with_parents(alias.name, known))
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = name.split(".")
                base = base if is_package else base[:-1]
                base = base[: len(base) - (node.level - 1)]
                module = ".".join([*base, node.module] if node.module else base)
            else:
                module = node.module or ""
            targets.update(_with_parents(module, known))
            for alias in node.names:
                submodule = f"{module}.{alias.name}"
                if submodule in known:
                    targets.add(submodule)
    # A module's own packages are loaded before it runs: importing them is no edge.
    own_packages = set(_with_parents(name, known))
    return {target for target in targets - own_packages if target.startswith("companion")}


def import_graph(root: Path) -> dict[str, set[str]]:
    known = _modules(root)
    return {name: _imports(path, name, known) for name, path in known.items()}


def find_circle(graph: dict[str, set[str]]) -> list[str] | None:
    """One import circle as a list of modules (first == last), or None."""
    state: dict[str, int] = {}  # 1: on the current path, 2: done
    path: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        path.append(node)
        for target in sorted(graph.get(node, ())):
            if state.get(target) == 1:
                return [*path[path.index(target) :], target]
            if target not in state:
                found = visit(target)
                if found:
                    return found
        path.pop()
        state[node] = 2
        return None

    for node in sorted(graph):
        if node not in state:
            found = visit(node)
            if found:
                return found
    return None


def test_companion_has_no_import_circle() -> None:
    circle = find_circle(import_graph(PACKAGE_ROOT))
    assert circle is None, "import circle: " + " -> ".join(circle or [])


def test_the_circle_finder_sees_late_and_type_checking_imports(tmp_path: Path) -> None:
    """The check itself: a circle closed by an import inside a function, or one only made
    for type checking, is still a circle."""
    package = tmp_path / "companion"
    (package / "ui").mkdir(parents=True)
    (package / "__init__.py").write_text("")
    (package / "ui" / "__init__.py").write_text('"""ui"""\n')
    (package / "ui" / "window.py").write_text("from companion.ui import feature\n")
    (package / "ui" / "feature.py").write_text(
        "from typing import TYPE_CHECKING\n"
        "if TYPE_CHECKING:\n    from companion.ui.window import Window\n"
    )
    (package / "ui" / "other.py").write_text(
        "def late():\n    from .window import Window\n    return Window\n"
    )
    circle = find_circle(import_graph(package))
    assert circle == ["companion.ui.feature", "companion.ui.window", "companion.ui.feature"]


def test_ui_keeps_at_most_eight_modules_at_its_top() -> None:
    top = sorted(path.name for path in UI.glob("*.py"))
    assert len(top) <= 8, top


@pytest.mark.parametrize(
    "package", sorted(p.parent.name for p in UI.glob("*/__init__.py")), ids=str
)
def test_each_ui_package_says_in_one_line_what_it_holds(package: str) -> None:
    source = (UI / package / "__init__.py").read_text(encoding="utf-8")
    docstring = ast.get_docstring(ast.parse(source))
    assert docstring, f"companion/ui/{package}/__init__.py has no docstring"
    assert "\n" not in docstring.strip()


def test_a_newcomer_finds_the_desk_by_folder_name() -> None:
    """Where the issue's newcomer looks: the folder names alone lead there."""
    for relative in (
        "safety/restore_dialog.py",
        "session/lock_screen.py",
        "packets/pdf_preview.py",
        "records/agenda_view.py",
    ):
        assert (UI / relative).is_file(), relative
