"""The desk's frame: app start, main window, menus and actions, language, features."""
