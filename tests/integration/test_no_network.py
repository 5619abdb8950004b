"""No network, ever: a full scripted session opens no Internet socket and resolves no
name, and no module of the app imports networking code (the single-instance channel
may use Qt's local sockets, and nothing else from QtNetwork)."""

from __future__ import annotations

import ast
import json
import subprocess
import sys
from pathlib import Path

from tests.integration.helpers.session_runner import ROOT, run_session

PACKAGE = ROOT / "companion"

#: Modules that talk to networks (standard library and common packages).
NETWORK_MODULES = {
    "socket",
    "ssl",
    "socketserver",
    "asyncio",
    "selectors",
    "http",
    "urllib",
    "urllib3",
    "requests",
    "httpx",
    "aiohttp",
    "ftplib",
    "smtplib",
    "poplib",
    "imaplib",
    "telnetlib",
    "xmlrpc",
    "websocket",
    "websockets",
    "webbrowser",
}
#: Qt modules that can reach a network.
NETWORK_QT_MODULES = {
    "PySide6.QtNetwork",
    "PySide6.QtNetworkAuth",
    "PySide6.QtWebSockets",
    "PySide6.QtWebEngineCore",
    "PySide6.QtWebEngineWidgets",
    "PySide6.QtWebView",
    "PySide6.QtHttpServer",
    "PySide6.QtRemoteObjects",
}
SINGLE_INSTANCE = PACKAGE / "ui" / "session" / "single_instance.py"
LOCAL_SOCKETS = {"QLocalServer", "QLocalSocket"}

SESSION_STEPS = [
    "unlocked",
    "records added",
    "person added through the dialog; pages opened",
    "backed up and restored",
    "seeded names and numbers stored",
    "packets rendered",
    "closed",
]


def test_a_full_session_opens_no_network_socket(tmp_path: Path) -> None:
    report = run_session(tmp_path / "session")
    steps = report["steps"]
    for step in SESSION_STEPS:
        assert step in steps
    assert any(step.startswith("switched through") for step in steps)
    assert "locked" in steps or "no lock module: the store was closed instead" in steps
    assert report["network_calls"] == []
    assert report["inet_sockets_open"] == []


def test_the_audit_hook_sees_network_calls_and_ignores_local_sockets(tmp_path: Path) -> None:
    """The hook is not blind: loopback-only calls (no traffic leaves the machine) show up,
    a Unix socket pair does not."""
    script = (
        "import json, socket\n"
        "import tests.integration.helpers.network_session as session\n"
        "socket.getaddrinfo('127.0.0.1', 9, socket.AF_INET, socket.SOCK_STREAM)\n"
        "probe = socket.socket(socket.AF_INET, socket.SOCK_STREAM)\n"
        "probe.bind(('127.0.0.1', 0))\n"
        "probe.close()\n"
        "left, right = socket.socketpair(socket.AF_UNIX)\n"
        "left.close(); right.close()\n"
        "print(json.dumps(session.network_calls))\n"
    )
    finished = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, check=True
    )
    calls = json.loads(finished.stdout)
    events = [call.split()[0] for call in calls]
    assert events.count("socket.getaddrinfo") == 1
    assert "socket.__new__" in events and "socket.bind" in events
    assert not any("AF_UNIX" in call for call in calls)


def _imports(tree: ast.AST) -> list[tuple[str, list[str], int]]:
    """(module, names, line) for every import, and for ``import_module("…")`` /
    ``__import__("…")`` with a literal name."""
    found: list[tuple[str, list[str], int]] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.extend((alias.name, [], node.lineno) for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.append((node.module, [alias.name for alias in node.names], node.lineno))
        elif isinstance(node, ast.Call):
            name = getattr(node.func, "attr", None) or getattr(node.func, "id", None)
            if name in {"import_module", "__import__"} and node.args:
                first = node.args[0]
                if isinstance(first, ast.Constant) and isinstance(first.value, str):
                    found.append((first.value, [], node.lineno))
    return found


def _is_network(module: str) -> bool:
    top = module.split(".")[0]
    if top in NETWORK_MODULES:
        return True
    return any(module == qt or module.startswith(qt + ".") for qt in NETWORK_QT_MODULES)


def test_no_module_imports_networking_code() -> None:
    offenders = []
    sources = sorted(PACKAGE.rglob("*.py"))
    assert len(sources) > 50
    for path in sources:
        tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
        for module, names, line in _imports(tree):
            if not _is_network(module):
                continue
            allowed = (
                path == SINGLE_INSTANCE
                and module == "PySide6.QtNetwork"
                and names
                and set(names) <= LOCAL_SOCKETS
            )
            if not allowed:
                offenders.append(f"{path.relative_to(ROOT)}:{line} imports {module} {names}")
    assert offenders == []


def test_the_import_check_would_catch_networking_code() -> None:
    tree = ast.parse(
        "import socket\n"
        "from urllib.request import urlopen\n"
        "from PySide6.QtNetwork import QTcpSocket\n"
        "import importlib\n"
        "importlib.import_module('http.client')\n"
    )
    caught = [module for module, _names, _line in _imports(tree) if _is_network(module)]
    assert caught == ["socket", "urllib.request", "PySide6.QtNetwork", "http.client"]
