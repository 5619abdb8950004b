"""The desktop app (PySide6). The only package that imports Qt."""

from companion.ui.qt_workarounds import keep_none_alive

keep_none_alive()
