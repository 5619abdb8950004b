"""Modules that load the first time they are used, not when they are imported.

Some libraries import, when they load, modules they need only for features Court
Companion never calls in a short command: ReportLab imports Pillow's image module for
bitmap images, and sqlite-utils imports dateutil's parser for its CSV recipes. Together
they are about 17 ms of processor time in every packet command. ``load_when_used`` puts
such modules in place with the standard library's ``importlib.util.LazyLoader``: the
``from package import module`` statements find them, and each is really loaded (on the
thread that uses it) only when something in it is first used.

It only helps with ``from package import module``: a plain ``import package.module``
looks inside the module (at its ``__spec__``) and so loads it at once. That is why
``urllib.request``, which segno imports through the standard library's XML helpers, is
not among them.
"""

from __future__ import annotations

import importlib.util
import sys

#: Loaded by the packet engine's libraries when they load, used only by features a
#: packet command does not call (the tests check that a packet command never loads them).
UNUSED_BY_PACKET_COMMANDS = ("dateutil.parser", "PIL.Image")


def load_when_used(*names: str) -> None:
    """Make each of ``names`` (if not loaded yet) a module that loads on first use.

    A module that cannot be found (or whose package cannot) is left alone: its own
    import then fails as usual.

    Python 3.11's ``LazyLoader`` is not safe when two threads first use the same put-off
    module at once (one can see it half loaded). Only a packet command puts modules off,
    it uses neither of them, and its process ends with the command.
    """
    for name in names:
        if name in sys.modules:
            continue
        try:
            spec = importlib.util.find_spec(name)  # imports the parent package, if any
        except ModuleNotFoundError:
            continue
        if spec is None or spec.loader is None:
            continue
        spec.loader = importlib.util.LazyLoader(spec.loader)
        module = importlib.util.module_from_spec(spec)
        sys.modules[name] = module
        spec.loader.exec_module(module)
        parent, _, child = name.rpartition(".")
        if parent:
            setattr(sys.modules[parent], child, module)
