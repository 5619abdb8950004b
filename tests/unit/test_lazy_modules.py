"""``companion.lazy_modules``: modules that load when first used."""

from __future__ import annotations

import subprocess
import sys

#: In a fresh process: a module put off, then imported as a library would, then used.
PROBE = """
import sys
from companion.lazy_modules import load_when_used
load_when_used("xml.dom.minidom", "no_such_module_anywhere", "no_such_package.module")
from xml.dom import minidom
print(type(minidom).__name__, type(sys.modules["xml.dom.minidom"]).__name__)
print(minidom.parseString("<court>date</court>").documentElement.tagName)
print(type(sys.modules["xml.dom.minidom"]).__name__)
print("no_such_module_anywhere" in sys.modules or "no_such_package.module" in sys.modules)
try:
    import no_such_module_anywhere
except ModuleNotFoundError:
    print("not found")
"""


def test_a_put_off_module_loads_on_first_use_and_works() -> None:
    finished = subprocess.run(
        [sys.executable, "-c", PROBE], capture_output=True, text=True, check=True
    )
    assert finished.stdout.split("\n")[:5] == [
        "_LazyModule _LazyModule",  # imported, not yet run
        "court",  # used: it runs, and works
        "module",
        "False",  # a module that does not exist is left alone...
        "not found",  # ...and its import fails as usual
    ]
