"""The suite itself: every test checks something, and expected errors are named.

A test with no ``assert``, no ``qtbot.wait…``/``pytest.raises`` and no helper that asserts
passes whatever the code does. ``pytest.raises(Exception)`` passes on any bug that raises.
"""

from __future__ import annotations

import ast
from pathlib import Path

TESTS = Path(__file__).resolve().parents[1]

#: Calls that check something: pytest's and pytest-qt's, and our helpers named for it.
CHECKING_PREFIXES = ("assert", "wait", "check", "expect")
CHECKING_NAMES = {"raises", "fail", "warns"}


def _call_name(node: ast.Call) -> str:
    func = node.func
    return getattr(func, "attr", None) or getattr(func, "id", None) or ""


def _checks_something(function: ast.FunctionDef | ast.AsyncFunctionDef) -> bool:
    for node in ast.walk(function):
        if isinstance(node, ast.Assert):
            return True
        if isinstance(node, ast.Call):
            name = _call_name(node)
            if name in CHECKING_NAMES or name.startswith(CHECKING_PREFIXES):
                return True
    return False


def _test_functions() -> list[tuple[Path, ast.FunctionDef | ast.AsyncFunctionDef]]:
    found = []
    for path in sorted(TESTS.rglob("test_*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
        for node in ast.walk(tree):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef) and node.name.startswith(
                "test"
            ):
                found.append((path, node))
    return found


def test_every_test_checks_something() -> None:
    functions = _test_functions()
    assert len(functions) > 400
    empty = [
        f"{path.relative_to(TESTS)}:{node.lineno} {node.name}"
        for path, node in functions
        if not _checks_something(node)
    ]
    assert empty == []


def test_no_test_expects_just_any_exception() -> None:
    broad = []
    for path, node in _test_functions():
        for call in ast.walk(node):
            if isinstance(call, ast.Call) and _call_name(call) == "raises" and call.args:
                first = call.args[0]
                if isinstance(first, ast.Name) and first.id in {"Exception", "BaseException"}:
                    broad.append(f"{path.relative_to(TESTS)}:{call.lineno} {node.name}")
    assert broad == []


def test_the_checks_see_an_empty_test_and_a_broad_raises() -> None:
    source = (
        "def test_nothing():\n    x = 1\n"
        "def test_broad():\n    with pytest.raises(Exception):\n        f()\n"
        "def test_fine():\n    assert f() == 1\n"
    )
    functions = [n for n in ast.parse(source).body if isinstance(n, ast.FunctionDef)]
    assert [_checks_something(f) for f in functions] == [False, True, True]
    raises = [c for c in ast.walk(functions[1]) if isinstance(c, ast.Call)]
    assert _call_name(raises[0]) == "raises"
